"""Export tables to CSV and XLSX, guarded against spreadsheet formula injection.

A spreadsheet program treats a cell whose text starts with ``=``, ``+``, ``-``
or ``@`` as a formula (and a leading tab, carriage return or line feed can
smuggle one past a check; some read their full-width forms too). Survey
answers, notes and titles are user text, so every *text* cell that starts with
one of these characters (or with an apostrophe) is written with an apostrophe in
front (``'=1+1``), which spreadsheet programs show as text. The apostrophe is
part of the exported value: a program reading the file back sees it. Numbers
(counts, scores) are written as numbers and are not altered.

```python
>>> neutralise_formula("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise_formula("-3 respondents"), neutralise_formula("Agree")
("'-3 respondents", 'Agree')

```
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .._cells import FORMULA_TRIGGERS, neutralise, save_workbook, set_text
from .extras import MissingExtraError, require_extra
from .render import mark_symbols
from .table import Cell, Table

__all__ = [
    "FORMULA_TRIGGERS",
    "MissingExtraError",
    "neutralise_formula",
    "table_to_csv",
    "tables_to_xlsx",
    "write_csv",
]


def neutralise_formula(text: str) -> str:
    """``text`` with an apostrophe in front if a spreadsheet would read it as a formula
    (:func:`ctnat._cells.neutralise`, the one rule of every ctnat writer)."""
    return neutralise(text)


def _export_value(cell: Cell, symbols: dict[str, str]) -> str | int | float | None:
    value = cell.value
    if isinstance(value, float) and math.isnan(value):
        value = cell.text
    if isinstance(value, str):
        value = neutralise_formula(value)
    if cell.mark is not None:
        text = "" if value is None else str(value)
        return neutralise_formula(f"{text} {symbols[cell.mark]}".strip())
    return value


def _export_rows(table: Table) -> list[list[str | int | float | None]]:
    symbols = mark_symbols(table)
    rows: list[list[str | int | float | None]] = []
    if table.title:
        rows.append([neutralise_formula(table.title)])
    if table.column_groups:
        header: list[str | int | float | None] = []
        for group in table.column_groups:
            header += [neutralise_formula(group.label)] + [""] * (group.span - 1)
        rows.append(header)
    rows.append([neutralise_formula(c) for c in table.columns])
    rows += [[_export_value(cell, symbols) for cell in row] for row in table.rows]
    for mark, sym in symbols.items():
        rows.append([neutralise_formula(f"{sym} {mark}")])
    rows += [[neutralise_formula(note)] for note in table.notes]
    return rows


def table_to_csv(table: Table) -> str:
    """The table as CSV text: title row, header row(s), data rows, legend and notes.

    Marked cells carry their symbol, as in the Markdown rendering.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180; quotes any CR or LF
    for row in _export_rows(table):
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def write_csv(table: Table, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write :func:`table_to_csv` to ``path`` (UTF-8 with BOM, which spreadsheets detect);
    an existing file is replaced only with ``overwrite=True``."""
    from .._write import write_text

    return write_text(
        path, table_to_csv(table), encoding="utf-8-sig", newline="", overwrite=overwrite
    )


def _sheet_title(title: str, used: set[str], index: int) -> str:
    bad = set("[]:*?/\\")
    clean = "".join("_" if ch in bad else ch for ch in title).strip("'").strip()
    clean = (clean or f"Table {index}")[:31]
    candidate, k = clean, 2
    while candidate.lower() in used:
        suffix = f" ({k})"
        candidate, k = clean[: 31 - len(suffix)] + suffix, k + 1
    used.add(candidate.lower())
    return candidate


def tables_to_xlsx(
    tables: Iterable[Table],
    path: str | os.PathLike[str],
    *,
    sheet_names: Sequence[str] = (),
    overwrite: bool = False,
) -> Path:
    """Write each table to its own worksheet of an XLSX workbook (needs the ``xlsx`` extra).

    Text is always stored as text (never as a formula), guarded like the CSV
    export; counts and scores are stored as numbers.
    """
    require_extra("openpyxl", "xlsx", "XLSX export")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for i, table in enumerate(tables):
        name = sheet_names[i] if i < len(sheet_names) else table.title
        sheet = workbook.create_sheet(_sheet_title(name, used, i + 1))
        header_row = (1 if table.title else 0) + (2 if table.column_groups else 1)
        for r, row in enumerate(_export_rows(table), start=1):
            for c, value in enumerate(row, start=1):
                cell = set_text(sheet.cell(row=r, column=c), value)  # never a formula
                if r <= header_row:
                    cell.font = Font(bold=True)
    if not used:
        workbook.create_sheet("Empty")
    return save_workbook(workbook, path, overwrite=overwrite)  # fixed timestamps
