"""The workbook as written: sheets, dropdowns, frozen headers, protection, languages."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ctnat import FileFormatError, ValidationError, indicators
from ctnat import worksheet as W

EXT = Path(__file__).parent.parent.parent / "docs" / "examples" / "ct-nat-2016-aze.yaml"


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = W.write(tmp_path_factory.mktemp("w") / "blank.xlsx")
    return openpyxl.load_workbook(path)


def test_sheets(blank: openpyxl.Workbook) -> None:
    visible = [ws.title for ws in blank.worksheets if ws.sheet_state == "visible"]
    assert visible == [
        "Assessment",
        "Sources",
        "Indicators",
        "Responses",
        "Interviews",
        "Interview notes",
        "Priorities",
        "Recommendations",
        "Statistics",
        "Findings",
        "Limitations",
    ]
    assert blank["Lists"].sheet_state == "hidden"
    assert "Metrics" not in blank.sheetnames  # only written for an existing assessment


def test_indicator_table_rows_and_columns(blank: openpyxl.Workbook) -> None:
    ws = blank["Indicators"]
    header = [c.value for c in ws[1]]
    assert header == [
        "id", "category", "criterion", "dimension", "level", "wording (en)",
        "status", "evidence", "note", "potential improvement",
    ]  # fmt: skip
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert len(ids) == 100
    assert ids[:4] == ["1.1.F1", "1.1.F2", "1.1.O1", "1.1.O2"]
    # row of 1.3.F2: criterion 1.3, framework, level 2 (Annex E)
    row = ids.index("1.3.F2") + 2
    assert ws.cell(row=row, column=3).value.startswith("1.3 ")
    assert ws.cell(row=row, column=4).value == "framework"
    assert ws.cell(row=row, column=5).value == 2


def test_status_dropdown_and_protection(blank: openpyxl.Workbook) -> None:
    ws = blank["Indicators"]
    assert ws.freeze_panes == "B2"
    assert ws.protection.sheet is True
    dvs = ws.data_validations.dataValidation
    status = [dv for dv in dvs if "G2" in dv.sqref]
    assert len(status) == 1
    dv = status[0]
    assert dv.type == "list"
    assert dv.showErrorMessage
    sheet, _, ref = dv.formula1.lstrip("=").partition("!")
    lists = blank[sheet]
    values = [c.value for row in lists[ref.replace("$", "")] for c in row]
    assert values == ["met", "partly met", "not met", "unknown", "not applicable"]
    # wording locked, inputs unlocked
    assert ws["F2"].protection.locked
    assert ws["A2"].protection.locked
    for col in "GHI":
        assert not ws[f"{col}2"].protection.locked


def test_responses_sheet(blank: openpyxl.Workbook, survey) -> None:  # type: ignore[no-untyped-def]
    ws = blank["Responses"]
    header = [c.value for c in ws[1]]
    assert header[0] == "code"
    assert header[1:4] == ["1.1", "1.1 other", "1.2"]
    assert ws.freeze_panes == "B3"
    col = header.index("3.1.4") + 1
    assert ws.cell(row=2, column=col).value == survey.question("3.1.4").text()
    letter = openpyxl.utils.get_column_letter(col)
    dv = next(dv for dv in ws.data_validations.dataValidation if f"{letter}3" in dv.sqref)
    sheet, _, ref = dv.formula1.lstrip("=").partition("!")
    values = [c.value for row in blank[sheet][ref.replace("$", "")] for c in row]
    assert values == [
        "Completely adequate",
        "Adequate",
        "Neither adequate nor inadequate",
        "Inadequate",
        "Completely inadequate",
    ]
    assert not ws.column_dimensions[letter].protection.locked  # rows typed below
    assert ws[f"{letter}1"].protection.locked
    assert ws[f"{letter}2"].protection.locked


def test_interview_checks(blank: openpyxl.Workbook) -> None:
    ws = blank["Interviews"]
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert kinds == {"date", "list", "whole"}
    assert ws.freeze_panes == "A2"


def test_languages_of_the_set(tmp_path: Path) -> None:
    s = indicators.load(EXT)
    assert "az" in s.languages
    wb = openpyxl.load_workbook(W.write(tmp_path / "ext.xlsx", indicator_set=s))
    header = [c.value for c in wb["Indicators"][1]]
    assert "wording (az)" in header
    assert any(c.value == "1.6.F1" for c in wb["Indicators"]["A"])


def test_text_starting_like_a_formula_is_stored_as_text(tmp_path: Path, aze, responses) -> None:  # type: ignore[no-untyped-def]
    path = W.write(tmp_path / "f.xlsx", assessment=aze, responses=responses)
    ws = openpyxl.load_workbook(path)["Responses"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=3, column=header.index("2.6") + 1)
    assert cell.value == "=cmd|' /C calc'!A0"
    assert cell.data_type == "s"
    assert cell.quotePrefix
    xml = __import__("zipfile").ZipFile(path).read("xl/worksheets/sheet4.xml").decode()
    assert "<f>" not in xml  # no formula anywhere on the sheet


def test_control_characters_are_a_ctnat_error(tmp_path: Path, aze) -> None:  # type: ignore[no-untyped-def]
    bad = aze.model_copy(update={"title": "bad\x01title"})
    with pytest.raises(ValidationError) as info:
        W.write(tmp_path / "c.xlsx", assessment=bad)
    assert info.value.location == "Assessment!B4"


def test_suffix_must_be_xlsx(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError):
        W.write(tmp_path / "w.xls")


def test_an_extended_set_is_found_again(tmp_path: Path) -> None:
    import shutil

    shutil.copyfile(EXT, tmp_path / "set.yaml")
    s = indicators.load(tmp_path / "set.yaml")
    path = W.write(tmp_path / "ext.xlsx", indicator_set=s, set_file="set.yaml")
    wb = openpyxl.load_workbook(path)
    ind = wb["Indicators"]
    row = next(c.row for c in ind["A"] if c.value == "1.6.F1")
    status = next(c.column_letter for c in ind[1] if c.value == "status")
    assert status == "H"  # after two wording columns, en and az
    ind[f"{status}{row}"] = "met"
    wb["Assessment"]["B2"], wb["Assessment"]["B3"] = "AZE", "2026-01-31"
    wb.save(path)
    ws = W.read(path)
    assert ws.problems == ()
    assert ws.assessment is not None
    assert ws.assessment.indicator_set.file == "set.yaml"
    assert ws.assessment.status("1.6.F1").status.value == "met"  # type: ignore[union-attr]


AZ_314 = "Səlahiyyətli orqanların qurbanları tanıma bacarığı"  # noqa: RUF001 - the Azerbaijani dotless i


def test_instrument_languages(tmp_path: Path, survey) -> None:  # type: ignore[no-untyped-def]
    from ctnat.survey import Instrument

    data = survey.model_dump()
    data["languages"] = ("en", "az")
    for section in data["sections"]:
        for q in section["questions"]:
            if q["id"] == "3.1.4":
                q["label"] = {
                    **q["label"],
                    "az": AZ_314,
                }
    for scale in data["scales"]:
        if scale["id"] == "adequacy":
            scale["options"][1]["label"] = {**scale["options"][1]["label"], "az": "Adekvat"}
    bilingual = Instrument.model_validate(data)
    path = W.write(tmp_path / "az.xlsx", instrument=bilingual)
    wb = openpyxl.load_workbook(path)
    ws = wb["Responses"]
    col = [c.value for c in ws[1]].index("3.1.4") + 1
    assert ws.cell(row=2, column=col).value == (survey.question("3.1.4").text() + "\n\n" + AZ_314)
    # an answer typed in Azerbaijani is read as the option it names
    ws.cell(row=3, column=1).value = "AZEsur1"
    ws.cell(row=3, column=2).value = "Azerbaijan"
    ws.cell(row=3, column=col).value = "adekvat"
    head = wb["Assessment"]
    head["B2"], head["B3"] = "AZE", "2026-01-01"
    wb.save(path)
    got = W.read(path, instrument=bilingual)
    assert got.problems == ()
    assert got.responses is not None
    assert got.responses.response("AZEsur1").answers == {"3.1.4": "adequate"}
