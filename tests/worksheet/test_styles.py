"""Cell styles by kind: one named style per combination, what each kind sets, and that
styling never undoes the neutralisation of a formula-like text."""

from __future__ import annotations

import openpyxl
import pytest

from ctnat import worksheet as W
from ctnat.examples import azerbaijan
from ctnat.survey import Response, ResponseSet, builtin
from ctnat.worksheet._write import _Book


def test_kinds_combine_and_are_registered_once() -> None:
    book = _Book()
    ws = book.sheet("S")
    for row in range(1, 51):
        book.style(book.put(ws, row, 1, f"v{row}"), "input")
        book.style(book.put(ws, row, 2, f"w{row}"), "input", "wrap")
    book.style(book.put(ws, 1, 3, "h"), "heading", "locked")
    names = [s.name for s in book.wb._named_styles if s.name.startswith("ctnat")]
    assert len(names) == 3  # three combinations, however many cells
    a, b, h = ws["A7"], ws["B7"], ws["C1"]
    assert not a.protection.locked
    assert a.fill.fgColor.rgb.endswith("FFF9E5")
    assert b.alignment.wrap_text
    assert not b.protection.locked
    assert h.font.bold
    assert h.protection.locked
    assert h.fill.fgColor.rgb.endswith("DDEBF7")


def test_a_kind_added_later_keeps_the_kinds_a_cell_has() -> None:
    book = _Book()
    ws = book.sheet("S")
    cell = book.style(book.put(ws, 1, 1, "x"), "wrap")
    book.style(cell, "input")
    assert cell.alignment.wrap_text
    assert not cell.protection.locked
    book.style(cell, "locked")  # later in the table: wins over input's protection
    assert cell.protection.locked
    assert cell.alignment.wrap_text


def test_a_new_kind_is_one_entry_and_unknown_kinds_are_refused() -> None:
    from openpyxl.styles import PatternFill

    book = _Book()
    book.kinds["grey"] = {"fill": PatternFill("solid", fgColor="EEEEEE")}
    ws = book.sheet("S")
    cell = book.style(book.put(ws, 1, 1, "fixed"), "locked", "grey")
    assert cell.fill.fgColor.rgb.endswith("EEEEEE")
    assert cell.protection.locked
    with pytest.raises(ValueError, match="no cell kind"):
        book.style(cell, "sparkly")


def test_styling_keeps_a_formula_like_text_neutralised() -> None:
    book = _Book()
    ws = book.sheet("S")
    cell = book.put(ws, 1, 1, "=HYPERLINK(1)")
    assert cell.quotePrefix
    book.style(cell, "input")
    assert cell.quotePrefix
    assert cell.data_type == "s"
    assert cell.fill.fgColor.rgb.endswith("FFF9E5")


def test_response_cells_are_input_cells_and_empty_ones_take_the_column_style(tmp_path) -> None:
    survey = builtin("ct-nat-2016-survey")
    q = survey.scale_items()[0]
    rs = ResponseSet(
        instrument=survey.id,
        instrument_version=survey.version,
        responses=(
            Response(
                code="AZEsur1",
                profile={"country": "azerbaijan"},
                answers={q.id: survey.options(q)[0].name},
            ),
        ),
    )
    path = W.write(tmp_path / "w.xlsx", assessment=azerbaijan(), responses=rs)
    ws = openpyxl.load_workbook(path)["Responses"]
    header = [c.value for c in ws[1]]
    col = header.index(q.id) + 1
    answered = ws.cell(row=3, column=col)
    assert answered.value is not None
    assert not answered.protection.locked
    assert not ws.cell(row=3, column=1).protection.locked  # the respondent code
    letter = openpyxl.utils.get_column_letter(col + 1)
    assert not ws.column_dimensions[letter].protection.locked  # what an empty cell takes
    assert ws.cell(row=1, column=col).font.bold
    assert ws.cell(row=1, column=col).protection.locked
