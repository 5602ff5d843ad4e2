"""A worksheet filled in by hand (tools/make_worksheet_handfilled.py says what was typed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ctnat import worksheet as W
from ctnat.assessment import Evidence, Status

FILE = Path(__file__).parent.parent / "data" / "worksheet_handfilled.xlsx"


@pytest.fixture(scope="module")
def sheet() -> W.Worksheet:
    return W.read(FILE)


def test_every_mistake_is_reported_at_its_cell(sheet: W.Worksheet) -> None:
    assert sorted(p.location for p in sheet.problems) == sorted(
        [
            "Indicators!G7",  # 1.2.F2 'mostly met'
            "Indicators!H8",  # 1.2.O1 cites Aze 99
            "Indicators!G9",  # 1.2.O2 a note without a status
            "Responses!V5",  # AZEsur3 'good' for 3.1.4
            "Responses!A6",  # AZEsur2 again
        ]
    )
    reasons = {p.location: p.reason for p in sheet.problems}
    assert "'mostly met' is not in the list" in reasons["Indicators!G7"]
    assert "'Aze 99'" in reasons["Indicators!H8"]
    assert "'good' is not an option" in reasons["Responses!V5"]
    assert "duplicate respondent code 'AZEsur2'" in reasons["Responses!A6"]


def test_loose_typing_is_accepted(sheet: W.Worksheet) -> None:
    a = sheet.assessment
    assert a is not None
    assert (a.country, a.round) == ("AZE", dt.date(2016, 4, 25))
    typed = {
        "1.1.F1": Status.MET,  # "Met"
        "1.1.F2": Status.MET,  # "met "
        "1.1.O1": Status.PARTLY_MET,  # "PARTLY MET"
        "1.1.O2": Status.PARTLY_MET,  # "Partly_met"
        "1.2.F1": Status.NOT_MET,
        "1.3.F2": Status.NOT_APPLICABLE,
        "1.3.F1": Status.NOT_APPLICABLE,  # "N/A": a synonym since issue 13
    }
    for ind, status in typed.items():
        assert a.status(ind).status is status, ind  # type: ignore[union-attr]
    assert a.status("1.1.F2").evidence == (  # type: ignore[union-attr]
        Evidence(source="Aze 12", pages="pp. 3-4"),
        Evidence(sections=("2.1",)),
    )
    assert a.status("1.1.O2").note == "- see the GRETA report"  # type: ignore[union-attr]
    # rejected rows are unknown, with a notice; never silently dropped
    for ind in ("1.2.F2", "1.2.O1", "1.2.O2"):
        assert a.status(ind).status is Status.UNKNOWN  # type: ignore[union-attr]
        assert any(n.indicator == ind for n in a.notices)
    assert len(a.statuses) == 100
    assert sheet.assessors == ("A.B.", "C.D.")


def test_responses_interviews_priorities(sheet: W.Worksheet) -> None:
    assert sheet.responses is not None
    assert sheet.responses.codes == ("AZEsur1", "AZEsur2")
    first = sheet.responses.response("AZEsur1")
    assert first.profile == {"country": "azerbaijan", "gender": "female"}
    assert first.answers == {"3.1.4": "adequate", "8.1": {"A": 1, "N": 2, "L": 3}}
    assert sheet.responses.response("AZEsur2").answers == {"3.1.4": "completely_inadequate"}
    assert {r.respondent for r in sheet.responses.rejected} == {"AZEsur3", "AZEsur2"}
    assert sheet.responses.records_read == 4
    (interview,) = sheet.interviews
    assert interview.code == "AZEint1"
    assert interview.themes == {"3.1": ("referral", "nrm_roles")}
    a = sheet.assessment
    assert a is not None
    assert a.priorities is not None
    assert [(r.option, r.survey, r.workshop) for r in a.priorities.rows] == [
        ("A", 2, 1),
        ("N", 1, None),
    ]
    (rec,) = a.recommendations
    assert rec.actions == ("Adopt SOPs", "Train front-line staff")


def test_written_back_the_note_is_neutralised(tmp_path: Path, sheet: W.Worksheet) -> None:
    import openpyxl

    path = W.write(tmp_path / "back.xlsx", assessment=sheet.assessment)
    ws = openpyxl.load_workbook(path)["Indicators"]
    cell = next(c for c in ws["I"] if c.value == "- see the GRETA report")
    assert cell.data_type == "s"
    assert cell.quotePrefix
