"""Reading a filled worksheet: problems by sheet and cell; valid rows still load."""

from __future__ import annotations

import contextlib
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctnat import CtnatError, FileFormatError, NotFoundError, ValidationError
from ctnat import worksheet as W
from ctnat.assessment import Status

from .helpers import column_of, edit, row_of


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, aze, responses, interviews) -> Path:  # type: ignore[no-untyped-def]
    return W.write(
        tmp_path_factory.mktemp("t") / "filled.xlsx",
        assessment=aze,
        responses=responses,
        interviews=interviews,
    )


@pytest.fixture
def filled(tmp_path: Path, template: Path) -> Path:
    copy = tmp_path / "filled.xlsx"
    shutil.copyfile(template, copy)
    return copy


def where(ws: W.Worksheet) -> list[str]:
    return [p.location for p in ws.problems]


def test_clean_workbook_reads_without_problems(filled: Path, responses, interviews) -> None:  # type: ignore[no-untyped-def]
    ws = W.read(filled)
    assert ws.problems == ()
    assert ws.responses is not None
    assert ws.responses.responses == responses.responses
    assert ws.interviews == interviews


def test_status_not_in_the_list(filled: Path, aze) -> None:  # type: ignore[no-untyped-def]
    r = row_of(filled, "Indicators", "1.3.F2")
    edit(filled, "Indicators", {f"G{r}": "mostly met"})
    ws = W.read(filled)
    assert where(ws) == [f"Indicators!G{r}"]
    assert "'mostly met' is not in the list" in ws.problems[0].reason
    # the rejected row's indicator becomes unknown (with a notice); the other 99 load
    assert ws.assessment is not None
    assert ws.assessment.status("1.3.F2").status is Status.UNKNOWN  # type: ignore[union-attr]
    same = [s for s in ws.assessment.statuses if s.indicator != "1.3.F2"]
    assert same == [s for s in aze.statuses if s.indicator != "1.3.F2"]


def test_status_typed_loosely_is_accepted(filled: Path) -> None:
    r = row_of(filled, "Indicators", "2.1.O2")
    edit(filled, "Indicators", {f"G{r}": "  Partly_Met "})
    ws = W.read(filled)
    assert ws.problems == ()
    assert ws.assessment.status("2.1.O2").status is Status.PARTLY_MET  # type: ignore[union-attr]


def test_unknown_source_cited(filled: Path) -> None:
    r = row_of(filled, "Indicators", "1.1.F1")
    edit(filled, "Indicators", {f"H{r}": "Aze 999, p. 4"})
    ws = W.read(filled)
    assert where(ws) == [f"Indicators!H{r}"]
    assert "'Aze 999'" in ws.problems[0].reason
    assert "Sources sheet" in ws.problems[0].reason


def test_unreadable_citation(filled: Path) -> None:
    r = row_of(filled, "Indicators", "1.1.F1")
    edit(filled, "Indicators", {f"H{r}": 'Aze 30, "unclosed'})
    assert where(W.read(filled)) == [f"Indicators!H{r}"]


def test_row_with_an_id_the_set_lacks(filled: Path) -> None:
    r = row_of(filled, "Indicators", "5.5.O2")
    edit(filled, "Indicators", {f"A{r + 1}": "9.9.F1", f"G{r + 1}": "met"})
    ws = W.read(filled)
    assert where(ws) == [f"Indicators!A{r + 1}"]
    assert "9.9.F1 is not in ct-nat-2016" in ws.problems[0].reason


def test_duplicate_source_code(filled: Path) -> None:
    edit(filled, "Sources", {"A3": W.read(filled).assessment.bibliography[0].code})  # type: ignore[union-attr]
    ws = W.read(filled)
    assert "Sources!A3" in where(ws)


def test_answer_not_on_the_scale(filled: Path) -> None:
    col = column_of(filled, "Responses", "3.1.4")
    edit(filled, "Responses", {f"{col}4": "Excellent"})
    ws = W.read(filled)
    assert where(ws) == [f"Responses!{col}4"]
    assert "'Excellent' is not an option of question 3.1.4" in ws.problems[0].reason
    assert ws.responses is not None
    assert ws.responses.codes == ("AZEsur1", "AZEsur3")  # row 4 (AZEsur2) rejected
    assert ws.responses.rejected[0].respondent == "AZEsur2"
    assert ws.responses.rejected[0].location == f"Responses!{col}4"
    assert ws.responses.records_read == 3


def test_duplicate_respondent_code(filled: Path) -> None:
    edit(filled, "Responses", {"A5": "AZEsur1"})
    ws = W.read(filled)
    assert where(ws) == ["Responses!A5"]
    assert "duplicate respondent code 'AZEsur1'" in ws.problems[0].reason
    assert ws.responses.codes == ("AZEsur1", "AZEsur2")  # type: ignore[union-attr]


def test_rule_of_the_instrument_at_its_cell(filled: Path) -> None:
    col = column_of(filled, "Responses", "2.2")
    edit(filled, "Responses", {f"{col}3": "Prostitution; Forced labour"})  # exactly 3 required
    ws = W.read(filled)
    assert where(ws) == [f"Responses!{col}3"]
    assert "exactly 3" in ws.problems[0].reason


def test_interview_routing_problem_at_the_sections_cell(filled: Path) -> None:
    edit(filled, "Interviews", {"I2": "1, 3, 7, 8"})
    ws = W.read(filled)
    assert where(ws) == ["Interviews!I2"]
    assert [r.code for r in ws.interviews] == ["AZEint2"]


def test_notes_for_an_unknown_interview(filled: Path) -> None:
    edit(filled, "Interview notes", {"A2": "AZEint9"})
    assert "'Interview notes'!A2" in where(W.read(filled))


def test_header_problems(filled: Path) -> None:
    edit(filled, "Assessment", {"B2": "Atlantis", "B3": "someday"})
    ws = W.read(filled)
    assert ws.assessment is None
    assert set(where(ws)) == {"Assessment!B2", "Assessment!B3"}


def test_raise_for_problems(filled: Path) -> None:
    edit(filled, "Responses", {"A5": "AZEsur1"})
    with pytest.raises(ValidationError) as info:
        W.read(filled).raise_for_problems()
    assert info.value.problems[0].file == str(filled)
    assert info.value.problems[0].location == "Responses!A5"


def test_formula_cells_are_not_evaluated(filled: Path) -> None:
    # a formula typed by a person: no cached value in a file saved by openpyxl, so
    # nothing is read; the status is then missing and reported.
    r = row_of(filled, "Indicators", "1.1.F1")
    edit(filled, "Indicators", {f"G{r}": '=IF(1,"met","not met")', f"I{r}": "see"})
    ws = W.read(filled)
    assert where(ws) == [f"Indicators!G{r}"]


# -- files that are not worksheets ---------------------------------------------------


def test_not_a_zip(tmp_path: Path) -> None:
    p = tmp_path / "x.xlsx"
    p.write_text("country,round\nAZE,2016\n")
    with pytest.raises(FileFormatError, match="not an XLSX workbook"):
        W.read(p)


def test_zip_without_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "x.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(FileFormatError, match="no xl/workbook.xml"):
        W.read(p)


def test_corrupt_workbook(tmp_path: Path, filled: Path) -> None:
    p = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(filled) as src, zipfile.ZipFile(p, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    with pytest.raises(FileFormatError, match="cannot be read"):
        W.read(p)


def test_truncated_file(tmp_path: Path, filled: Path) -> None:
    p = tmp_path / "cut.xlsx"
    p.write_bytes(filled.read_bytes()[:2000])
    with pytest.raises(FileFormatError):
        W.read(p)


def test_too_big(filled: Path) -> None:
    with pytest.raises(FileFormatError, match="more than the 1,000"):
        W.read(filled, limits=W.Limits(max_bytes=1000))
    with pytest.raises(FileFormatError, match="unpacks to"):
        W.read(filled, limits=W.Limits(max_unpacked_bytes=10_000))
    with pytest.raises(FileFormatError, match="rows"):
        W.read(filled, limits=W.Limits(max_rows=50))


def test_dimension_tag_that_lies(tmp_path: Path, filled: Path) -> None:
    # a sheet claiming to be A1:A1 but holding more rows than allowed is still stopped
    p = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(filled) as src, zipfile.ZipFile(p, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                start = text.index("<dimension ref=")
                end = text.index("/>", start) + 2
                data = (text[:start] + '<dimension ref="A1"/>' + text[end:]).encode()
            dst.writestr(info, data)
    with pytest.raises(FileFormatError, match="rows allowed"):
        W.read(p, limits=W.Limits(max_rows=50))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        W.read(tmp_path / "nothing.xlsx")


def test_other_workbook(tmp_path: Path) -> None:
    import openpyxl

    p = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(p)
    with pytest.raises(FileFormatError, match="not a ctnat worksheet"):
        W.read(p)


def test_interview_cells_typed_by_hand(filled: Path) -> None:
    edit(filled, "Interviews", {"C2": "In Person", "G2": "State", "B3": "13/04/2016"})
    edit(filled, "Interviews", {"G3": "NGO/other"})
    ws = W.read(filled)
    assert where(ws) == ["Interviews!B3", "Interviews!G3"]  # every problem of the row
    assert "write it as YYYY-MM-DD" in ws.problems[0].reason
    assert ws.problems[1].reason.startswith("entity_type: ")
    assert [r.code for r in ws.interviews] == ["AZEint1"]  # row 2 typed loosely is accepted


def test_result_serialises_to_json_and_has_a_schema(filled: Path) -> None:
    import json

    import jsonschema

    ws = W.read(edit(filled, "Responses", {"A5": "AZEsur1"}))
    data = json.loads(ws.model_dump_json())
    assert data["problems"][0]["cell"] == "A5"
    jsonschema.validate(data, W.Worksheet.model_json_schema())
    assert W.Worksheet.model_validate_json(ws.model_dump_json(), context={"base_dir": "."}) == ws


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_bytes_give_only_ctnat_errors(
    tmp_path: Path, template: Path, data: st.DataObject
) -> None:
    raw = bytearray(template.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    p = tmp_path / "damaged.xlsx"
    p.write_bytes(bytes(raw))
    try:
        W.read(p)
    except CtnatError as exc:
        assert exc.problems[0].file == str(p)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    part=st.sampled_from(
        [
            "xl/workbook.xml",
            "xl/worksheets/sheet3.xml",
            "xl/styles.xml",
            "[Content_Types].xml",
            "xl/_rels/workbook.xml.rels",
        ]
    ),
    cut=st.floats(0, 1),
    junk=st.binary(max_size=40),
)
def test_damaged_parts_give_only_ctnat_errors(
    tmp_path: Path, template: Path, part: str, cut: float, junk: bytes
) -> None:
    p = tmp_path / "part.xlsx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(p, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == part:
                body = body[: int(len(body) * cut)] + junk
            dst.writestr(info, body)
    with contextlib.suppress(CtnatError):  # anything else fails the test
        W.read(p)
