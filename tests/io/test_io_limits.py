"""Each limit of :class:`ctnat.Limits` stops reading with an error naming the file,
the limit and how to raise it; within the limits the same input reads."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from io_xlsx_maker import write_workbook

import ctnat
from ctnat import FileFormatError
from ctnat._io import (
    Limits,
    check_workbook,
    csv_rows,
    open_workbook,
    parse_json,
    parse_yaml,
    read_mapping,
    read_sheet,
    read_text,
)


def _names_limit(exc: pytest.ExceptionInfo[FileFormatError], field: str, file: str) -> None:
    err = exc.value
    assert err.file == file
    assert f"(limit {field})" in err.reason
    assert err.problems[0].hint is not None
    assert f"limits=ctnat.Limits({field}=...)" in err.problems[0].hint


def test_limits_is_public_frozen_and_validated() -> None:
    assert ctnat.Limits is Limits
    limits = Limits(max_rows=5)
    with pytest.raises(AttributeError):
        limits.max_rows = 6  # type: ignore[misc]
    for bad in (0, -1, 1.5, True, "7"):
        with pytest.raises(ValueError, match="max_rows"):
            Limits(max_rows=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_unpack_ratio"):
        Limits(max_unpack_ratio=0.5)


def test_max_bytes(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_text("a: " + "x" * 100 + "\n")
    assert read_mapping(p)["a"] == "x" * 100
    with pytest.raises(FileFormatError) as exc:
        read_mapping(p, limits=Limits(max_bytes=50))
    _names_limit(exc, "max_bytes", str(p))
    w = write_workbook(tmp_path / "w.xlsx", [["a"]])
    with pytest.raises(FileFormatError) as exc:
        check_workbook(w, limits=Limits(max_bytes=100))
    _names_limit(exc, "max_bytes", str(w))


def test_max_depth_json_and_yaml_both_loaders() -> None:
    ok = "[" * 10 + "]" * 10
    assert parse_json(ok, file="f", limits=Limits(max_depth=10)) is not None
    with pytest.raises(FileFormatError) as exc:
        parse_json(ok, file="f", limits=Limits(max_depth=9))
    _names_limit(exc, "max_depth", "f")
    assert exc.value.location == "line 1, column 10"
    for pure in (False, True):
        assert parse_yaml(ok, file="f", limits=Limits(max_depth=10), pure_python=pure)
        with pytest.raises(FileFormatError) as exc:
            parse_yaml(ok, file="f", limits=Limits(max_depth=9), pure_python=pure)
        _names_limit(exc, "max_depth", "f")
        block = "".join("  " * i + "a:\n" for i in range(12)) + "  " * 12 + "b: 1\n"
        with pytest.raises(FileFormatError) as exc:
            parse_yaml(block, file="f", limits=Limits(max_depth=9), pure_python=pure)
        _names_limit(exc, "max_depth", "f")


def test_depth_through_aliases_counts() -> None:
    # each alias adds the depth of what it stands for
    text = "a: &a [[[1]]]\nb: [[[*a]]]\n"
    for pure in (False, True):
        assert parse_yaml(text, file="f", limits=Limits(max_depth=7), pure_python=pure)
        with pytest.raises(FileFormatError, match="max_depth"):
            parse_yaml(text, file="f", limits=Limits(max_depth=6), pure_python=pure)


def test_max_nodes_refuses_a_billion_laughs() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    text = "\n".join(lines) + "\n"  # 10**9 values once expanded, 1 KB of text
    for pure in (False, True):
        with pytest.raises(FileFormatError) as exc:
            parse_yaml(text, file="f", pure_python=pure)
        _names_limit(exc, "max_nodes", "f")
        small = "\n".join(lines[:3]) + "\n"
        assert len(parse_yaml(small, file="f", pure_python=pure)["a2"]) == 10


def test_csv_rows_columns_cells_and_cell_length() -> None:
    text = "a,b,c\n1,2,3\n4,5,6\n"
    assert list(csv_rows(text, file="t.csv", limits=Limits(max_rows=3, max_cells=9))) == [
        ["a", "b", "c"],
        ["1", "2", "3"],
        ["4", "5", "6"],
    ]
    cases = {
        "max_rows": Limits(max_rows=2),
        "max_columns": Limits(max_columns=2),
        "max_cells": Limits(max_cells=8),
        "max_cell_chars": Limits(max_cell_chars=0 + 1),
    }
    for field, limits in cases.items():
        source = text if field != "max_cell_chars" else "a,bb\n"
        with pytest.raises(FileFormatError) as exc:
            list(csv_rows(source, file="t.csv", limits=limits))
        _names_limit(exc, field, "t.csv")


def test_xlsx_rows_columns_cells_and_cell_length(tmp_path: Path) -> None:
    p = write_workbook(tmp_path / "w.xlsx", [["a", "b", "c"], [1, 2, 3], [4, 5, "six"]])
    assert read_sheet(p, limits=Limits(max_rows=3, max_cells=9, max_cell_chars=3)).rows == [
        ("a", "b", "c"),
        (1, 2, 3),
        (4, 5, "six"),
    ]
    cases = {
        "max_rows": Limits(max_rows=2),
        "max_columns": Limits(max_columns=2),
        "max_cells": Limits(max_cells=8),
        "max_cell_chars": Limits(max_cell_chars=2),
    }
    for field, limits in cases.items():
        with pytest.raises(FileFormatError) as exc:
            read_sheet(p, limits=limits)
        _names_limit(exc, field, str(p))


def test_shared_strings_are_counted_before_parsing(tmp_path: Path) -> None:
    p = write_workbook(
        tmp_path / "s.xlsx", [[("shared", 0), ("shared", 4)]], shared=[f"t{i}" for i in range(5)]
    )
    assert read_sheet(p, limits=Limits(max_shared_strings=5)).rows == [("t0", "t4")]
    with pytest.raises(FileFormatError) as exc:
        check_workbook(p, limits=Limits(max_shared_strings=4))  # the zip scan alone refuses it
    _names_limit(exc, "max_shared_strings", str(p))


def test_many_shared_strings_refused_fast(tmp_path: Path) -> None:
    # issue 11: 5 million shared strings took a minute and 830 MB; they are counted unparsed
    count = Limits().max_shared_strings + 1
    p = write_workbook(
        tmp_path / "many.xlsx", [[("shared", 0)]], shared=(f"t{i}" for i in range(count))
    )
    with pytest.raises(FileFormatError, match="max_shared_strings"):
        check_workbook(p, limits=Limits(max_unpack_ratio=10**6))


def test_zip_bomb_refused_from_the_directory(tmp_path: Path) -> None:
    p = write_workbook(tmp_path / "bomb.xlsx", [["a"]])
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/media/pad.bin", "w") as out:
        block = b"\0" * (1 << 20)
        for _ in range(520):  # 520 MB of zeros: about 0.5 MB packed
            out.write(block)
    assert p.stat().st_size < 2_000_000
    with pytest.raises(FileFormatError) as exc:
        check_workbook(p)
    _names_limit(exc, "max_unpacked_bytes", str(p))
    with pytest.raises(FileFormatError) as exc:
        read_sheet(p, limits=Limits(max_unpacked_bytes=10**10))
    _names_limit(exc, "max_unpack_ratio", str(p))


def test_directory_that_lies_about_sizes_cannot_unpack_more(tmp_path: Path) -> None:
    # zipfile stops a member at the size its directory entry states, so the sizes
    # checked before parsing bound what can be unpacked, even when they lie
    p = write_workbook(tmp_path / "w.xlsx", [["a", "b"]])
    data = bytearray(p.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    start = data.find(b"PK\x01\x02")
    while data[start + 46 : start + 46 + len(name)] != name:
        start = data.find(b"PK\x01\x02", start + 4)
        assert start >= 0
    data[start + 24 : start + 28] = (10).to_bytes(4, "little")  # "10 bytes unpacked"
    p.write_bytes(bytes(data))
    assert zipfile.ZipFile(p).getinfo(name.decode()).file_size == 10
    with pytest.raises(FileFormatError, match="cannot be read|not well-formed"):
        read_sheet(p)


def test_read_text_refuses_nul_and_decodes_bom(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_bytes(b"\xef\xbb\xbfabc")
    assert read_text(p) == "abc"
    p.write_bytes(b"a\x00b")
    with pytest.raises(FileFormatError, match="NUL"):
        read_text(p)
    p.write_bytes(b"a\nb\xff")
    with pytest.raises(FileFormatError, match="not UTF-8") as exc:
        read_text(p)
    assert exc.value.location == "line 2"


def test_open_workbook_counts_cells_across_sheets(tmp_path: Path) -> None:
    p = write_workbook(tmp_path / "w.xlsx", [[1, 2], [3, 4]])
    with open_workbook(p, limits=Limits(max_cells=7)) as wb:
        assert list(wb.rows()) == [(1, 2), (3, 4)]
        with pytest.raises(FileFormatError, match="max_cells"):
            list(wb.rows())  # the second pass counts on: the workbook's total
