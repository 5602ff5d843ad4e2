"""Issue 13.1: no writer overwrites an existing file unless told to; writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ctnat
from ctnat import OverwriteError, assessment, examples, indicators, survey, worksheet
from ctnat._write import write_bytes, write_text, write_with
from ctnat.cli import main
from ctnat.report import Document, Paragraph, Table, tables_to_xlsx, write_csv, write_demo_reports


def test_existing_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("the assessor's work")
    with pytest.raises(OverwriteError, match="exists already") as info:
        write_text(target, "new")
    assert info.value.file == str(target)
    assert "overwrite=True" in (info.value.problems[0].hint or "")
    assert isinstance(info.value, FileExistsError)
    assert target.read_text() == "the assessor's work"
    write_text(target, "new", overwrite=True)
    assert target.read_text() == "new"


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "w.xlsx"
    target.write_bytes(b"old workbook")

    def half(fh: object) -> None:
        fh.write(b"half a wor")  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_with(target, half, overwrite=True)
    assert target.read_bytes() == b"old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.xlsx"]


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    current = os.umask(0o022)
    os.umask(current)
    path = write_bytes(tmp_path / "x.bin", b"1")
    assert path.stat().st_mode & 0o777 == 0o666 & ~current


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ctnat.FileFormatError, match="does not exist"):
        write_text(tmp_path / "nowhere" / "x.txt", "x")


@given(st.binary(max_size=2000))
def test_what_is_written_is_read_back(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = write_bytes(Path(folder) / "f", data)
        assert path.read_bytes() == data


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda p, **k: worksheet.write(p / "w.xlsx", **k), id="worksheet"),
        pytest.param(
            lambda p, **k: survey.builtin("ct-nat-2016-survey").to_xlsform(p / "f.xlsx", **k),
            id="xlsform",
        ),
        pytest.param(
            lambda p, **k: assessment.dump(examples.azerbaijan(), p / "a.yaml", **k),
            id="assessment",
        ),
        pytest.param(
            lambda p, **k: indicators.dump(indicators.builtin("ct-nat-2016"), p / "s.yaml", **k),
            id="indicator-set",
        ),
        pytest.param(
            lambda p, **k: Document(title="t", blocks=(Paragraph(text="x"),)).save(
                p / "r.html", **k
            ),
            id="report",
        ),
        pytest.param(
            lambda p, **k: write_csv(
                Table(title="t", columns=("a",), rows=(("1",),)), p / "t.csv", **k
            ),
            id="csv",
        ),
        pytest.param(
            lambda p, **k: tables_to_xlsx(
                [Table(title="t", columns=("a",), rows=(("1",),))], p / "t.xlsx", **k
            ),
            id="xlsx",
        ),
        pytest.param(
            lambda p, **k: survey.write_responses(
                survey.ResponseSet(instrument="ct-nat-2016-survey", responses=()),
                p / "r.json",
                survey.builtin("ct-nat-2016-survey"),
                **k,
            ),
            id="responses",
        ),
        pytest.param(
            lambda p, **k: write_demo_reports(p, assessments=False, draws=10, **k), id="demo"
        ),
    ],
)
def test_every_writer_refuses_to_overwrite(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("openpyxl")
    write(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(OverwriteError):
        write(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    write(tmp_path, overwrite=True)


def test_worksheet_new_does_not_overwrite_a_filled_workbook(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("openpyxl")
    book = tmp_path / "W.xlsx"
    book.write_bytes(b"an assessor's filled workbook")
    assert main(["worksheet", "new", str(book)]) == 2
    err = capsys.readouterr().err
    assert "exists already" in err
    assert "--force" in err
    assert book.read_bytes() == b"an assessor's filled workbook"
    assert main(["worksheet", "new", str(book), "--force"]) == 0
    assert book.read_bytes().startswith(b"PK")


def test_report_and_demo_commands_need_force(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "aze.yaml"
    assessment.dump(examples.azerbaijan(), src)
    out = tmp_path / "r.md"
    out.write_text("mine")
    assert main(["report", str(src), "--out", str(out)]) == 2
    assert out.read_text() == "mine"
    assert main(["report", str(src), "--out", str(out), "--force"]) == 0
    assert out.read_text().startswith("#")
    (tmp_path / "ctnat-demo-comparison.html").write_text("mine")
    assert main(["demo", "--out", str(tmp_path), "--quiet"]) == 2
    assert "--force" in capsys.readouterr().err
    assert (tmp_path / "ctnat-demo-comparison.html").read_text() == "mine"
