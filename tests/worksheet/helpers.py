from __future__ import annotations

from pathlib import Path

import openpyxl


def edit(path: Path, sheet: str, changes: dict[str, object]) -> Path:
    """Change cells as a person would in Excel, and save."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for ref, value in changes.items():
        ws[ref] = value
    wb.save(path)
    return path


def column_of(path: Path, sheet: str, name: object, header_row: int = 1) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[sheet]
    row = next(ws.iter_rows(min_row=header_row, max_row=header_row, values_only=True))
    wb.close()
    return openpyxl.utils.get_column_letter(list(row).index(name) + 1)


def row_of(path: Path, sheet: str, value: object, column: int = 1) -> int:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        for r, row in enumerate(wb[sheet].iter_rows(values_only=True), start=1):
            if len(row) >= column and row[column - 1] == value:
                return r
    finally:
        wb.close()
    raise AssertionError(f"{value!r} not found")
