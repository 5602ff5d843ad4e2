"""CSV and XLSX exports: content, and the formula-injection guard."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctnat.errors import CtnatError
from ctnat.report import (
    FORMULA_TRIGGERS,
    Cell,
    MissingExtraError,
    Table,
    neutralise_formula,
    table_to_csv,
    tables_to_xlsx,
    write_csv,
)

DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://e.x")']


def _table(texts: list[str]) -> Table:
    return Table(
        title="=title",
        columns=("Item", "n"),
        rows=tuple((t, i) for i, t in enumerate(texts)),
        notes=("-note",),
    )


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_text_is_prefixed(text: str) -> None:
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["Agree", "n=7", " =1", "", "3.1.5"])
def test_harmless_text_is_unchanged(text: str) -> None:
    assert neutralise_formula(text) == text


@pytest.mark.parametrize("text", ["'=1", "'Agree", "\n=1", "\uff1dSUM(A1)", "\uff20cmd"])
def test_apostrophe_line_feed_and_full_width_are_prefixed_too(text: str) -> None:
    # an apostrophe is doubled so that reading back can always drop exactly one
    assert neutralise_formula(text) == "'" + text


def test_csv_layout_and_guard() -> None:
    t = Table(
        title="Survey",
        columns=("Item", "Agree"),
        rows=(("=cmd|' /C calc'!A0", 2), ("3.1.5", Cell(value=1, mark="needs improvement"))),
        notes=("Total survey respondents: n=7.",),
    )
    text = table_to_csv(t)
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [
        ["Survey"],
        ["Item", "Agree"],
        ["'=cmd|' /C calc'!A0", "2"],
        ["3.1.5", "1 *"],
        ["* needs improvement"],
        ["Total survey respondents: n=7."],
    ]


def test_negative_numbers_stay_numbers() -> None:
    rows = list(csv.reader(io.StringIO(table_to_csv(Table(columns=("x",), rows=((-2,),))))))
    assert rows[-1] == ["-2"]


def test_write_csv_uses_a_bom(tmp_path: Path) -> None:
    path = write_csv(_table(["a"]), tmp_path / "t.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_no_csv_cell_starts_a_formula(texts: list[str]) -> None:
    out = list(csv.reader(io.StringIO(table_to_csv(_table(texts)), newline="")))
    data = out[2 : 2 + len(texts)]
    for original, (cell, _n) in zip(texts, data, strict=True):
        assert not cell.startswith(FORMULA_TRIGGERS)
        assert cell in {original, "'" + original}


def test_xlsx_stores_text_never_formulas(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tables_to_xlsx(
        [_table(DANGEROUS), Table(title="=title", columns=("a",))], tmp_path / "t.xlsx"
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["=title", "=title (2)"]
    sheet = book.worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert values[0] == "'=title"
    # exactly, carriage returns included: the xlsx extra brings lxml, with which
    # openpyxl writes CR as &#13; (without it a bare CR came back as LF)
    assert [sheet.cell(row=3 + i, column=1).value for i in range(len(DANGEROUS))] == [
        "'" + t for t in DANGEROUS
    ]
    assert [sheet.cell(row=3 + i, column=2).value for i in range(len(DANGEROUS))] == list(
        range(len(DANGEROUS))
    )
    assert sheet.cell(row=1, column=1).font.b


def test_xlsx_without_openpyxl_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r'pip install "ctnat\[xlsx\]"') as info:
        tables_to_xlsx([_table(["a"])], tmp_path / "t.xlsx")
    assert isinstance(info.value, CtnatError)
    assert not (tmp_path / "t.xlsx").exists()
