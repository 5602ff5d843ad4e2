"""Issue 13.8: synonyms, locators, grey locked cells, prefilled priorities, widths, printing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctnat import assessment as A
from ctnat import worksheet as W
from ctnat._citation import CitationError, is_locator, parse_citations
from ctnat.assessment import Evidence, Status
from ctnat.survey import builtin
from ctnat.worksheet import format_evidence, parse_evidence
from ctnat.worksheet._layout import STATUS_LABELS, parse_status

from .helpers import column_of, edit, row_of


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("N/A", Status.NOT_APPLICABLE),
        ("n/a", Status.NOT_APPLICABLE),
        ("NA", Status.NOT_APPLICABLE),
        ("Not Applicable", Status.NOT_APPLICABLE),
        ("not-applicable", Status.NOT_APPLICABLE),
        ("partly-met", Status.PARTLY_MET),
        ("Partially met", Status.PARTLY_MET),
        ("PARTIALLY MET", Status.PARTLY_MET),
        ("partly  met.", Status.PARTLY_MET),
        ("Not-Met", Status.NOT_MET),
        ("met", Status.MET),
    ],
)
def test_status_synonyms(typed: str, status: Status) -> None:
    assert parse_status(typed) is status


@pytest.mark.parametrize("typed", ["mostly met", "n", "metx", ""])
def test_other_words_are_not_statuses(typed: str) -> None:
    assert parse_status(typed) is None


def test_synonyms_typed_in_the_workbook_are_read_and_written_back_canonical(
    tmp_path: Path, aze: A.Assessment
) -> None:
    path = W.write(tmp_path / "w.xlsx", assessment=aze)
    col = column_of(path, "Indicators", "status")
    rows = {ind: row_of(path, "Indicators", ind) for ind in ("1.1.F1", "1.1.F2", "1.1.O1")}
    edit(
        path,
        "Indicators",
        {f"{col}{rows['1.1.F1']}": "N/A", f"{col}{rows['1.1.F2']}": "partly-met"}
        | {f"{col}{rows['1.1.O1']}": "Partially Met"},
    )
    ws = W.read(path).raise_for_problems()
    assert ws.assessment is not None
    got = {ind: ws.assessment.status(ind).status for ind in rows}  # type: ignore[union-attr]
    assert got == {
        "1.1.F1": Status.NOT_APPLICABLE,
        "1.1.F2": Status.PARTLY_MET,
        "1.1.O1": Status.PARTLY_MET,
    }
    again = W.write(tmp_path / "again.xlsx", assessment=ws.assessment)
    sheet = openpyxl.load_workbook(again)["Indicators"]
    assert sheet[f"{col}{rows['1.1.F1']}"].value == "not applicable"
    assert sheet[f"{col}{rows['1.1.F2']}"].value == "partly met"


@pytest.mark.parametrize(
    ("text", "source", "pages"),
    [
        ("ARM 1, art. 12", "ARM 1", "art. 12"),
        ("ARM 1, arts. 12-14", "ARM 1", "arts. 12-14"),
        ("ARM 1, art. 12, para. 3", "ARM 1", "art. 12, para. 3"),
        ("GRETA 2014, para. 45", "GRETA 2014", "para. 45"),
        ("GRETA 2014, paras. 45-47", "GRETA 2014", "paras. 45-47"),
        ("GRETA 2014, ¶ 45", "GRETA 2014", "¶ 45"),
        ("Law 123, § 5", "Law 123", "§ 5"),
        ("Aze 30, p. 31", "Aze 30", "p. 31"),
        ("Aze 30, pp. 43-44", "Aze 30", "pp. 43-44"),
        ("NAP, sec. 2.3", "NAP", "sec. 2.3"),
        ("NAP, annex C", "NAP", "annex C"),
    ],
)
def test_citations_with_locators(text: str, source: str, pages: str) -> None:
    (ev,) = parse_evidence(text)
    assert (ev.source, ev.pages) == (source, pages)
    assert format_evidence([ev]) == text
    assert parse_citations(text)[0]["pages"] == pages  # the parser outside the worksheet


def test_two_sources_still_refused_with_a_hint() -> None:
    with pytest.raises(CitationError, match="two sources in one citation") as info:
        parse_evidence("ARM 1, article-12")
    assert "locator" in str(info.value)


def test_a_quoted_page_text_and_a_locator_are_two_page_references() -> None:
    with pytest.raises(CitationError, match="two page references"):
        parse_evidence('ARM 1, pages "x, y", art. 2')


def test_report_sections_keep_their_meaning() -> None:
    (ev,) = parse_evidence("Aze 30, p. 3, section 2.1")
    assert ev.sections == ("2.1",)
    assert ev.pages == "p. 3"


LOCATOR = st.sampled_from(["p.", "pp.", "art.", "arts.", "para.", "¶", "§", "sec."]).flatmap(
    lambda head: st.from_regex(r"[1-9][0-9]{0,2}(-[1-9][0-9]{0,2})?", fullmatch=True).map(
        lambda n: f"{head} {n}"
    )
)


@given(
    source=st.sampled_from(["ARM 1", "GRETA report 2014", "Aze 30"]),
    locators=st.lists(LOCATOR, min_size=1, max_size=3),
)
def test_locators_round_trip(source: str, locators: list[str]) -> None:
    ev = Evidence(source=source, pages=", ".join(locators))
    assert all(is_locator(x) for x in locators)
    assert parse_evidence(format_evidence([ev])) == (ev,)


def test_locked_cells_are_grey_and_inputs_are_not(tmp_path: Path, aze: A.Assessment) -> None:
    path = W.write(tmp_path / "w.xlsx", assessment=aze)
    wb = openpyxl.load_workbook(path)
    ind = wb["Indicators"]
    status = column_of(path, "Indicators", "status")
    for ref in ("A2", "B2", "F2"):
        assert ind[ref].protection.locked
        assert ind[ref].fill.fgColor.rgb.endswith("E7E6E6"), ref
    assert not ind[f"{status}2"].protection.locked
    assert not ind[f"{status}2"].fill.fgColor.rgb.endswith("E7E6E6")
    head = wb["Assessment"]
    assert head["A2"].fill.fgColor.rgb.endswith("E7E6E6")
    assert head["C2"].fill.fgColor.rgb.endswith("E7E6E6")
    assert wb["Responses"]["B2"].fill.fgColor.rgb.endswith("E7E6E6")


def test_priorities_are_prefilled_with_a_to_q(tmp_path: Path) -> None:
    path = W.write(tmp_path / "blank.xlsx")
    ws = openpyxl.load_workbook(path)["Priorities"]
    survey = builtin("ct-nat-2016-survey")
    wording = {o.name: o.text("en") for o in survey.options(survey.question("8.1"))}
    rows = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(2, 2 + len(wording))]
    assert [r[0] for r in rows] == list("ABCDEFGHIJKLMNOPQ")
    assert dict(rows) == wording


def test_prefilled_priorities_are_not_data_until_counted(tmp_path: Path, aze: A.Assessment) -> None:
    bare = aze.model_copy(update={"priorities": None})
    path = W.write(tmp_path / "w.xlsx", assessment=bare)
    ws = W.read(path).raise_for_problems()
    assert ws.assessment is not None
    assert ws.assessment.priorities is None
    # the assessor counts option C, names the question; C is read, the rest stays template
    edit(path, "Priorities", {"C4": 3})
    item_row = row_of(path, "Assessment", "Priorities question")
    edit(path, "Assessment", {f"B{item_row}": "8.1"})
    found = W.read(path).raise_for_problems().assessment
    assert found is not None
    assert found.priorities is not None
    assert [(r.option, r.survey) for r in found.priorities.rows] == [("C", 3)]


def test_assessment_priorities_round_trip_with_the_template_after_them(
    tmp_path: Path, aze: A.Assessment
) -> None:
    assert aze.priorities is not None
    path = W.write(tmp_path / "w.xlsx", assessment=aze)
    found = W.read(path).raise_for_problems().assessment
    assert found is not None
    assert found.priorities == aze.priorities
    ws = openpyxl.load_workbook(path)["Priorities"]
    letters = {ws.cell(r, 1).value for r in range(2, 40)} - {None}
    assert letters == set("ABCDEFGHIJKLMNOPQ")


def test_status_column_fits_its_longest_value(tmp_path: Path) -> None:
    path = W.write(tmp_path / "w.xlsx")
    ws = openpyxl.load_workbook(path)["Indicators"]
    col = column_of(path, "Indicators", "status")
    longest = max(len(label) for label in STATUS_LABELS.values())
    assert ws.column_dimensions[col].width >= longest + 2
    interviews = openpyxl.load_workbook(path)["Interviews"]
    assert interviews.column_dimensions["G"].width >= len("international organisation")


def test_print_setup(tmp_path: Path) -> None:
    path = W.write(tmp_path / "w.xlsx")
    wb = openpyxl.load_workbook(path)
    for name in ("Assessment", "Indicators", "Responses", "Priorities"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows.startswith("$1:$")
