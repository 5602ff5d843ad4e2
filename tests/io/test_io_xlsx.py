"""XLSX: values as openpyxl gives them, formulas on request, every damage a FileFormatError."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from io_xlsx_maker import sheet_xml, write_workbook

from ctnat import FileFormatError
from ctnat._io import open_workbook, read_sheet, read_sheets

ROOT = Path(__file__).resolve().parents[2]


def _openpyxl_rows(path: Path, formulas: bool = False) -> dict[str, list[tuple[object, ...]]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, read_only=True, data_only=not formulas)
    out = {}
    for ws in wb.worksheets:
        ws.reset_dimensions()
        rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        out[ws.title] = rows
    wb.close()
    return out


def _trim(row: tuple[object, ...]) -> tuple[object, ...]:
    values = list(row)
    while values and values[-1] is None:
        values.pop()
    return tuple(values)


def _same(a: dict[str, list[tuple[object, ...]]], b: dict[str, list[tuple[object, ...]]]) -> bool:
    return a.keys() == b.keys() and all(
        [_trim(r) for r in a[k]] == [_trim(r) for r in b[k]] for k in a
    )


WORKBOOKS = sorted(p for p in ROOT.glob("tests/**/*.xlsx") if "hostile" not in p.parts) + sorted(
    Path("/work/shared/real-exports").glob("**/*.xlsx")
)


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
@pytest.mark.parametrize("formulas", [False, True])
def test_same_values_as_openpyxl_on_every_workbook_here(path: Path, formulas: bool) -> None:
    got = {k: v.rows for k, v in read_sheets(path, formulas=formulas).items()}
    assert _same(got, _openpyxl_rows(path, formulas))


cell = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)
    | st.dates(dt.date(1950, 1, 1), dt.date(2100, 1, 1))
)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(cell, max_size=6), max_size=6))
def test_same_values_as_openpyxl_on_what_openpyxl_writes(rows: list[list[object]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    path = Path(__file__).parent / ".hypothesis-workbook.xlsx"
    try:
        path.write_bytes(buf.getvalue())
        got = {k: v.rows for k, v in read_sheets(path).items()}
        assert _same(got, _openpyxl_rows(path))
    finally:
        path.unlink(missing_ok=True)


def test_formula_text_on_request(tmp_path: Path) -> None:
    # issue 10: Kobo stores a free-text answer "=0" as a formula with cached value 0
    p = write_workbook(tmp_path / "f.xlsx", [["answer"], [("formula", "0", "0")], ["plain"]])
    assert read_sheet(p).rows == [("answer",), ("0",), ("plain",)]
    assert read_sheet(p, formulas=True).rows == [("answer",), ("=0",), ("plain",)]


def test_a_lying_dimension_tag_is_not_trusted(tmp_path: Path) -> None:
    p = write_workbook(tmp_path / "d.xlsx", [[1], [2], [3]], dimension="A1")
    assert read_sheet(p).rows == [(1,), (2,), (3,)]


def test_rows_the_file_leaves_out_are_empty(tmp_path: Path) -> None:
    part = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="B1"><v>1</v></c></row>'
        b'<row r="4"><c r="A4" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r>'
        b"<rPh><t>phonetic</t></rPh></is></c></row></sheetData></worksheet>"
    )
    p = write_workbook(tmp_path / "g.xlsx", [], sheet_part=part)
    assert read_sheet(p).rows == [(None, 1), (), (), ("ab",)]


def _damaged(tmp_path: Path, name: str, change: dict[str, bytes | None]) -> Path:
    good = write_workbook(tmp_path / "good.xlsx", [["a", 1], ["b", 2]], shared=["s"])
    out = tmp_path / name
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = change.get(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
    return out


SHEET = "xl/worksheets/sheet1.xml"
CASES = {
    "malformed sheet XML": {SHEET: b"<worksheet><sheetData><row><c></row>"},
    "malformed workbook XML": {"xl/workbook.xml": b"<workbook><sheets><sheet name='x'"},
    "malformed shared strings": {"xl/sharedStrings.xml": b"<sst><si><t>x</si>"},
    "no workbook relationships": {"xl/_rels/workbook.xml.rels": None},
    "content type without a type": {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Override PartName="/xl/workbook.xml"/></Types>'
    },
    "shared string index out of range": {
        SHEET: b"".join(x.encode() for x in sheet_xml([[("shared", 99)]]))
    },
    "number that is not one": {
        SHEET: b'<worksheet><sheetData><row r="1"><c r="A1"><v>abc</v></c></row></sheetData></worksheet>'
    },
    "cell reference beyond the last column": {
        SHEET: b'<worksheet><sheetData><row r="1"><c r="ZZZ1"><v>1</v></c></row></sheetData></worksheet>'
    },
    "row number that is not one": {
        SHEET: b'<worksheet><sheetData><row r="x"><c><v>1</v></c></row></sheetData></worksheet>'
    },
    "entity expansion (billion laughs)": {
        SHEET: b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
        )
        + b']><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is>'
        b"</c></row></sheetData></worksheet>"
    },
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_damage_is_a_file_format_error_naming_the_file(tmp_path: Path, case: str) -> None:
    p = _damaged(tmp_path, "bad.xlsx", CASES[case])
    with pytest.raises(FileFormatError) as exc:
        read_sheets(p)
    assert exc.value.file == str(p)


def test_truncated_and_corrupted_archives(tmp_path: Path) -> None:
    good = write_workbook(tmp_path / "good.xlsx", [["a", 1]] * 50)
    data = good.read_bytes()
    for k in range(1, 12):
        cut = tmp_path / f"cut{k}.xlsx"
        cut.write_bytes(data[: len(data) * k // 12])
        with pytest.raises(FileFormatError):
            read_sheets(cut)
    # flip bytes inside the deflated sheet: zlib.error or a CRC error
    info = zipfile.ZipFile(good).getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename) + 4
    for k in range(8):
        bad = bytearray(data)
        bad[start + k * 3] ^= 0xFF
        p = tmp_path / f"flip{k}.xlsx"
        p.write_bytes(bytes(bad))
        with contextlib.suppress(FileFormatError):
            read_sheets(p)


def test_sheet_choice(tmp_path: Path) -> None:
    p = write_workbook(tmp_path / "w.xlsx", [["a"]], title="Data")
    with open_workbook(p) as wb:
        assert wb.sheetnames == ("Data",)
        assert wb.sheet().title == "Data"
        with pytest.raises(FileFormatError, match="no sheet 'Other'") as exc:
            wb.sheet("Other")
        assert exc.value.problems[0].hint == "sheets: Data"


def test_not_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "x.xlsx"
    p.write_bytes(b"not a zip")
    with pytest.raises(FileFormatError, match="not a readable XLSX workbook"):
        read_sheets(p)
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(FileFormatError, match="no xl/workbook.xml"):
        read_sheets(p)


@pytest.mark.parametrize("flag", [0x01, 0x20], ids=["encrypted", "patched-data"])
def test_zip_member_flags_zipfile_cannot_read(tmp_path: Path, flag: int) -> None:
    # found by the fuzz run: zipfile raises RuntimeError / NotImplementedError for these
    p = write_workbook(tmp_path / "w.xlsx", [["a"]])
    data = bytearray(p.read_bytes())
    start = data.find(b"PK\x01\x02")
    while start >= 0:
        data[start + 8] |= flag  # general-purpose flags of every central directory entry
        start = data.find(b"PK\x01\x02", start + 4)
    p.write_bytes(bytes(data))
    with pytest.raises(FileFormatError, match="cannot be read") as exc:
        read_sheets(p)
    assert exc.value.file == str(p)
