"""Interview records and the routing rule of Annex C."""

from __future__ import annotations

import datetime as dt

import pydantic
import pytest

from ctnat.errors import ValidationError
from ctnat.survey import (
    EntityType,
    InterviewRecord,
    Participants,
    builtin,
    check_interview,
    check_routing,
    routing_problems,
)


@pytest.fixture(scope="module")
def guide():
    return builtin("ct-nat-2016-interview")


@pytest.mark.parametrize(
    "sections",
    [["1", "2", "3", "7", "8"], ["1", "4", "5", "6", "7", "8"], ["8", "7", "1", "6", "2"]],
)
def test_routing_accepts_two_or_three_optional_sections(guide, sections):
    check_routing(guide, sections)


@pytest.mark.parametrize(
    ("sections", "reason"),
    [
        (["1", "2", "7", "8"], "1 of sections 2, 3, 4, 5, 6 asked"),
        (["1", "2", "3", "4", "5", "7", "8"], "4 of sections"),
        (["1", "2", "3", "8"], "section 7 must always be asked"),
        (["1", "2", "3", "7", "8", "9"], "section '9' is not in"),
        (["1", "2", "2", "7", "8"], "listed twice"),
    ],
)
def test_routing_refuses(guide, sections, reason):
    with pytest.raises(ValidationError, match=reason):
        check_routing(guide, sections)


def test_survey_has_no_routing():
    assert routing_problems(builtin("ct-nat-2016-survey"), ["1", "2"]) == ()


def _record(**kw):
    data = {
        "code": "AZEint1",
        "date": "2016-01-12",
        "format": "in_person",
        "participants": {"female": 1, "male": 3},
        "entity_type": "state",
        "sections": ["1", "3", "5", "7", "8"],
        "notes": {"3.4": "Hotline known to few.", "7.1": "Working group meets yearly."},
        "themes": {"3.4": ["hotline_awareness"], "7.1": ["coordination", "ngo_access"]},
    }
    data.update(kw)
    return InterviewRecord.model_validate(data)


def test_valid_record(guide):
    r = _record()
    assert check_interview(r, guide) == ()
    assert r.participants == Participants(female=1, male=3)
    assert r.participants.total == 4
    assert r.entity_type is EntityType.STATE
    assert r.date == dt.date(2016, 1, 12)
    assert r.theme_counts() == {"hotline_awareness": 1, "coordination": 1, "ngo_access": 1}
    assert InterviewRecord.model_validate_json(r.model_dump_json()) == r


def test_record_problems(guide):
    r = _record(
        code="AZE-1",
        sections=["1", "3", "7", "8"],
        notes={"4.1": "x", "9.1": "y"},
        themes={"3.4": ["t"]},
        participants={},
    )
    reasons = [p.reason for p in check_interview(r, guide)]
    assert any("does not match" in x for x in reasons)
    assert any("1 of sections" in x for x in reasons)
    assert any("section 4 was not asked" in x for x in reasons)
    assert any("unknown question '9.1'" in x for x in reasons)
    assert any("without notes" in x for x in reasons)
    assert any("at least one participant" in x for x in reasons)
    assert check_interview(_record(), builtin("ct-nat-2016-survey"))[0].reason.endswith(
        "is not an interview guide"
    )


def test_bad_theme_code_and_entity():
    with pytest.raises(pydantic.ValidationError, match="lower-case"):
        _record(themes={"3.4": ["Hotline Awareness"]})
    with pytest.raises(pydantic.ValidationError):
        _record(entity_type="company")
    with pytest.raises(pydantic.ValidationError):
        _record(participants={"female": -1})


DATA = __import__("pathlib").Path(__file__).parent.parent / "data"


def test_read_interviews(guide):
    from ctnat.survey import read_interviews

    s = read_interviews(DATA / "interviews_example.yaml", guide)
    assert s.codes == ("AZEint1", "AZEint2")
    assert s.records_read == 4
    got = {(r.respondent, r.reason) for r in s.rejected}
    assert ("AZEint3", "1 of sections 2, 3, 4, 5, 6 asked; the guide asks 2 to 3 of them") in got
    assert any(
        r.respondent == "AZEint4" and r.location.startswith("interviews[3].format")
        for r in s.rejected
    )
    first = s.interviews[0]
    assert first.country_code == "AZE"
    assert first.participants.total == 5
    assert first.themes_by_section() == {
        "3": ("hotline_awareness",),
        "5": ("training_ad_hoc",),
        "7": ("coordination",),
    }


def test_read_interviews_for_another_guide(guide, tmp_path):
    from ctnat.survey import read_interviews

    path = tmp_path / "i.yaml"
    path.write_text("instrument: other\ninterviews: []\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="not 'ct-nat-2016-interview'"):
        read_interviews(path, guide)


def test_read_interviews_from_a_kobo_export(guide):
    from ctnat.survey import read_interviews

    s = read_interviews(DATA / "kobo_ct_nat_2016_interview.csv", guide)
    assert s.codes == ("AZEint1", "AZEint2")
    assert s.records_read == 5
    one = s.interviews[0]
    assert one.sections == ("1", "3", "5", "7", "8")  # the plan plus sections always asked
    assert one.participants == Participants(female=1, male=4)
    assert one.format.value == "group"
    assert one.notes["3.4"].startswith("Hotline numbers")
    assert one.themes == {}
    got = [(r.respondent, r.location.split(" / ")[-1], r.reason) for r in s.rejected]
    assert got[0] == (
        "AZEint3",
        "sections",
        "1 of sections 2, 3, 4, 5, 6 asked; the guide asks 2 to 3 of them",
    )
    assert got[1] == ("AZEint4", "5.5", "notes for question 5.5, whose section 5 was not asked")
    assert got[2][:2] == ("AZEint5", "entity_type")


def test_interview_form_fields_match_the_export(guide, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "g.xlsx"
    guide.to_xlsform(path)
    ws = openpyxl.load_workbook(path)["survey"]
    header = [c.value for c in ws[1]]
    names = {row[header.index("name")] for row in ws.iter_rows(min_row=2, values_only=True)}
    export_header = (
        (DATA / "kobo_ct_nat_2016_interview.csv").read_text(encoding="utf-8").split("\n")[0]
    )
    for h in export_header.split(";"):
        if not h.startswith("_") and h not in ("start", "end"):
            assert all(part in names for part in h.split("/")), h
