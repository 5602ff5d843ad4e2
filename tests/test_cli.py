"""The command line: exit codes, messages, and the demo."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from ctnat.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_demo_compares_and_writes_the_reports(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "P(AZE above ARM)" in out
    assert "SYNTHETIC" in out
    html = ["ctnat-demo-ARM.html", "ctnat-demo-AZE.html", "ctnat-demo-GEO.html"]
    html.append("ctnat-demo-comparison.html")
    # with python-docx (the docx extra) each report also gets a Word copy
    word = [n.replace(".html", ".docx") for n in html] if find_spec("docx") else []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(html + word)
    page = (tmp_path / "ctnat-demo-comparison.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert "<table" in page
    aze = (tmp_path / "ctnat-demo-AZE.html").read_text(encoding="utf-8")
    assert "Azerbaijan" in aze


def test_indicator_table(capsys):
    assert main(["indicators"]) == 0
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


AZE = str(ROOT / "src/ctnat/examples/data/aze-2016.yaml")


def test_score_prints_a_scorecard(capsys):
    assert main(["score", AZE, "--unknown", "not_met", "--rule", "ladder"]) == 0
    out = capsys.readouterr().out
    assert "AZE" in out
    assert "ladder" in out


def test_compare_and_report(tmp_path, capsys):
    from ctnat import assessment, examples

    files = []
    for a in examples.assessments():
        path = tmp_path / f"{a.country}.yaml"
        assessment.dump(a, path)
        files.append(str(path))
    assert main(["compare", *files, "--draws", "200", "--quiet", "--view", "league"]) == 0
    assert "P(" in capsys.readouterr().out
    out = tmp_path / "cmp.md"
    assert main(["report", *files, "--out", str(out), "--draws", "100", "--quiet"]) == 0
    assert out.read_text(encoding="utf-8").startswith("#")
    one = tmp_path / "aze.html"
    assert main(["report", files[0], "--out", str(one)]) == 0
    assert "<html" in one.read_text(encoding="utf-8")


def test_compare_bad_file_is_one_line_per_problem(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("country: XXX\n", encoding="utf-8")
    assert main(["compare", str(bad), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ctnat: error: {bad}")
    assert "Traceback" not in err


def test_survey_xlsform_and_summarize(tmp_path, capsys):
    form = tmp_path / "form.xlsx"
    assert main(["survey", "xlsform", str(form)]) == 0
    assert form.stat().st_size > 0
    fixture = str(ROOT / "tests/data/aze_survey_fixture.json")
    assert main(["survey", "summarize", fixture, "--items", "5.1.4"]) == 0
    out = capsys.readouterr().out
    assert "7 respondents accepted, 0 records rejected, 0 answers rejected" in out
    assert "5.1.4" in out
    assert main(["survey", "summarize", fixture, "--items", "9.9.9"]) == 2


def test_survey_summarize_reports_rejections(tmp_path, capsys):
    rows = tmp_path / "r.csv"
    rows.write_text(
        "code,q1_1,q3_1_1\nAZEsur1,azerbaijan,adequate\nAZEsur2,azerbaijan,not-an-option\n",
        encoding="utf-8",
    )
    assert main(["survey", "summarize", str(rows), "--items", "3.1.1"]) == 0
    captured = capsys.readouterr()
    assert "2 records read, 2 respondents accepted, 0 records rejected, 1 answers rejected" in (
        captured.out
    )
    assert captured.err.splitlines() == [
        (
            f"ctnat: rejected: {rows}: row 3 / AZEsur2 / 3.1.1: unknown option 'not-an-option' "
            "(options: completely_adequate, adequate, neither, inadequate, completely_inadequate)"
        )
    ]
    assert main(["survey", "summarize", str(rows), "--strict"]) == 2


def test_progress_bar_draws_on_request(capsys):
    from ctnat.cli import _Progress

    bar = _Progress("MC", enabled=True)
    bar(5, 10)
    bar(10, 10)
    err = capsys.readouterr().err
    assert "5/10" in err
    assert err.endswith("10/10\n")


def test_survey_summarize_a_real_export_with_its_xlsform_and_a_code_prefix(tmp_path, capsys):
    real = Path(__file__).parent / "data" / "real"
    export = real / "odk" / "C04_central_no_group_paths.csv"
    lines = export.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    j = header.index("code")
    no_code = tmp_path / "no_code.csv"
    no_code.write_text(
        "\n".join(
            ",".join(c for k, c in enumerate(line.split(",")) if k != j) for line in lines[:2]
        )
        + "\n",
        encoding="utf-8",
    )
    form = str(real / "ctnat_form.xlsx")
    args = ["survey", "summarize", str(no_code), "--instrument", form, "--items", "3.1.1"]
    assert main([*args, "--code-prefix", "AZEsur"]) == 0
    out = capsys.readouterr().out
    assert "1 records read, 1 respondents accepted, 0 records rejected" in out
    assert "ignored: SubmitterName" in out
    assert "--keep-meta" in out  # the hint names an option that exists
    assert main([*args, "--code-prefix", "AZEsur", "--keep-meta", "SubmitterName"]) == 0
    assert "ignored: SubmitterName" not in capsys.readouterr().out
