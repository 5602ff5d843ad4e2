"""The Metrics sheet and the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ctnat import worksheet as W
from ctnat.cli import main

from .helpers import edit


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(v for v in r if v is not None) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_metrics_from_responses(tmp_path: Path, aze, responses, interviews) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(
        W.write(tmp_path / "m.xlsx", assessment=aze, responses=responses, interviews=interviews),
        "Metrics",
    )
    # conftest: 3.1.4 adequate, adequate, completely inadequate; 3.1.5 inadequate, adequate;
    # the computed table comes first, before the reported one
    first = {r[0]: r for r in reversed(rows) if r and r[0] in ("3.1.4", "3.1.5")}
    assert first["3.1.4"][2:10] == (0, 2, 0, 0, 1, 3, 3, 3)  # counts; item, block 3.1, survey n
    assert "small sample: n=3" in str(first["3.1.4"][10])  # the caveat, as data
    assert first["3.1.5"][2:7] == (0, 1, 0, 1, 0)
    assert first["3.1.5"][7:10] == (2, 3, 3)
    # interviews: 2 interviews, 1+3 women, 2 men, 1 unstated; one state, one NGO
    i = rows.index(("Interviews (from the Interviews sheet)",))
    assert rows[i + 1 : i + 9] == [
        ("interviews", 2),
        ("participants", 7),
        ("women", 4),
        ("men", 2),
        ("sex not stated", 1),
        ("entity type", "interviews"),
        ("ngo_other", 1),
        ("state", 1),
    ]


def test_metrics_as_reported(tmp_path: Path, aze) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(W.write(tmp_path / "r.xlsx", assessment=aze), "Metrics")
    # the seed's table for 3.1.4 (section 2.1): adequate n=4, neither n=2, inadequate n=1 of 7
    row = next(r for r in rows if r and r[0] == "3.1.4")
    assert "Adequate: n=4" in row
    assert "Neither adequate nor inadequate: n=2" in row
    assert "Inadequate: n=1" in row
    # the indicator table: one row per criterion with the four statuses
    i = rows.index(("Indicators with their statuses",))
    assert rows[i + 1][0] == "criterion"
    crit = rows[i + 2]
    assert crit[0] == "1.1"
    assert crit[2:] == tuple(
        W._layout.STATUS_LABELS[aze.status(f"1.1.{c}").status] for c in ("F1", "F2", "O1", "O2")
    )
    totals = dict(r for r in rows[rows.index(("status", "indicators")) + 1 :] if len(r) == 2)
    assert sum(totals.values()) == 100


def test_metrics_edits_are_not_read(tmp_path: Path, aze) -> None:  # type: ignore[no-untyped-def]
    path = edit(
        W.write(tmp_path / "e.xlsx", assessment=aze), "Metrics", {"A5": "garbage", "C9": -4}
    )
    ws = W.read(path)
    assert ws.problems == ()
    assert ws.assessment == aze


def test_cli_new_and_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], aze) -> None:  # type: ignore[no-untyped-def]
    from ctnat.assessment import dump

    blank = tmp_path / "blank.xlsx"
    assert main(["worksheet", "new", str(blank)]) == 0
    assert main(["validate", str(blank)]) == 2
    err = capsys.readouterr().err
    assert f"{blank}: Assessment!B2: the country is required" in err
    src = tmp_path / "a.yaml"
    dump(aze, src)
    filled = tmp_path / "filled.xlsx"
    assert main(["worksheet", "new", str(filled), "--assessment", str(src)]) == 0
    assert main(["validate", str(filled)]) == 0
    assert "valid worksheet — AZE 2016-04-25, 100 statuses" in capsys.readouterr().out


def test_cli_on_a_file_that_is_not_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["validate", str(bad)]) == 2
    assert "ctnat: error:" in capsys.readouterr().err


def test_cli_new_with_an_extended_set(tmp_path: Path) -> None:
    import shutil

    ext = Path(__file__).parent.parent.parent / "docs" / "examples" / "ct-nat-2016-aze.yaml"
    (tmp_path / "sets").mkdir()
    shutil.copyfile(ext, tmp_path / "sets" / "aze.yaml")
    out = tmp_path / "books" / "w.xlsx"
    out.parent.mkdir()
    assert (
        main(["worksheet", "new", str(out), "--set-file", str(tmp_path / "sets" / "aze.yaml")]) == 0
    )
    rows = dict(r[:2] for r in _rows(out, "Assessment") if len(r) >= 2)
    assert rows["Indicator set file"] == "../sets/aze.yaml"
    assert rows["Indicator set"] == "ct-nat-2016-aze"
