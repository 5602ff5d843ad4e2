"""The command line: exit codes, messages, and the demo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ctnat.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_demo_prints_the_indicator_table(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "1.3.F2" in out
    assert "5 categories, 25 criteria, 100 indicators" in out


def test_validate_ok(capsys):
    assert main(["validate", str(ROOT / "docs/examples/ct-nat-2016-aze.yaml")]) == 0
    assert "valid" in capsys.readouterr().out


def test_validate_bad_file_exits_2_with_one_line_per_problem(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: ct-nat-2016\nid: x\nversion: '1'\nretire: [{id: 1.1.F9, reason: r}]\n")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        (
            f"ctnat: error: {bad}: retire[0].id: cannot retire '1.1.F9': no category, criterion or "
            "indicator has this id in ct-nat-2016@2016 or in this file's additions"
        )
    ]


def test_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("[1]")
    from ctnat import FileFormatError

    with pytest.raises(FileFormatError):
        main(["--debug", "validate", str(bad)])


def test_schema_is_json(capsys):
    assert main(["indicators", "--schema", "extension"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Extension"


def test_translated_table(capsys):
    assert (
        main(["indicators", str(ROOT / "docs/examples/ct-nat-2016-aze.yaml"), "--lang", "az"]) == 0
    )
    out = capsys.readouterr().out
    assert "Milli Yönləndirmə" in out
    assert "(retired)" in out


def test_console_script_runs_as_a_module():
    proc = subprocess.run(
        [sys.executable, "-m", "ctnat", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("ctnat ")


def test_import_is_light():
    code = (
        "import sys, ctnat, ctnat.indicators; "
        "heavy = {'pandas', 'matplotlib', 'openpyxl', 'pyxform'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
