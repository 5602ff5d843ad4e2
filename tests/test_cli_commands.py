"""Issue 13.6: the CLI covers the worksheet, every file kind, --indicator-set and --force."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ctnat import assessment, examples, indicators, survey
from ctnat.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EXTENSION = ROOT / "docs" / "examples" / "ct-nat-2016-aze.yaml"


@pytest.fixture
def aze(tmp_path: Path) -> Path:
    path = tmp_path / "aze.yaml"
    assessment.dump(examples.azerbaijan(), path)
    return path


@pytest.fixture
def book(tmp_path: Path, aze: Path) -> Path:
    pytest.importorskip("openpyxl")
    path = tmp_path / "W.xlsx"
    assert main(["worksheet", "new", str(path), "--assessment", str(aze)]) == 0
    return path


def test_worksheet_read_writes_the_assessment_file(tmp_path: Path, book: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "from-book.yaml"
    assert main(["worksheet", "read", str(book), "--out", str(out)]) == 0
    assert "AZE 2016-04-25" in capsys.readouterr().out
    assert assessment.load(out).statuses == examples.azerbaijan().statuses
    # a second time needs --force, and leaves the file alone without it
    before = out.read_bytes()
    assert main(["worksheet", "read", str(book), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["worksheet", "read", str(book), "--out", str(out), "--force"]) == 0


def test_score_report_compare_accept_a_worksheet(tmp_path: Path, book: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["score", str(book)]) == 0
    assert "AZE" in capsys.readouterr().out
    assert main(["report", str(book), "--out", str(tmp_path / "r.md")]) == 0
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("#")
    arm = tmp_path / "arm.yaml"
    assessment.dump(examples.assessments()[1], arm)
    assert main(["compare", str(book), str(arm), "--draws", "0"]) == 0
    assert "ARM" in capsys.readouterr().out


def test_compare_of_the_same_country_and_round_names_both_files(
    tmp_path: Path,
    aze: Path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(aze, copy)
    assert main(["compare", str(aze), str(copy), "--draws", "0"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"ctnat: error: {copy}: country, round: AZE 2016-04-25 is also the country and round "
        f"of {aze} (compare different countries or rounds; is one file a copy?)"
    )


def test_indicator_set_option(tmp_path: Path, aze: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["score", str(aze)]) == 0
    default = capsys.readouterr().out
    assert main(["score", str(aze), "--indicator-set", str(EXTENSION)]) == 0
    extended = capsys.readouterr().out
    assert extended != default  # criterion 1.6 added, 4.4.O2 retired
    assert main(["score", str(aze), "--indicator-set", "ct-nat-2061"]) == 2
    assert "did you mean 'ct-nat-2016'?" in capsys.readouterr().err


def test_different_sets_hint_names_the_option(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(EXTENSION, tmp_path / "set.yaml")
    arm = examples.assessments()[1]
    ref = arm.indicator_set.model_copy(
        update={"id": "ct-nat-2016-aze", "version": "2026.1", "file": "set.yaml"}
    )
    assessment.dump(arm.model_copy(update={"indicator_set": ref}), tmp_path / "arm.yaml")
    assessment.dump(examples.azerbaijan(), tmp_path / "aze.yaml")
    files = [str(tmp_path / "aze.yaml"), str(tmp_path / "arm.yaml")]
    assert main(["compare", *files, "--draws", "0"]) == 2
    assert "--indicator-set FILE" in capsys.readouterr().err
    assert main(["compare", *files, "--draws", "0", "--indicator-set", "ct-nat-2016"]) == 0


def _kinds(tmp_path: Path, aze: Path, book: Path) -> dict[str, Path]:
    s = tmp_path / "set.json"
    indicators.dump(indicators.builtin("ct-nat-2016"), s)
    inst = tmp_path / "instrument.yaml"
    survey.dump_instrument(survey.builtin("ct-nat-2016-survey"), inst)
    form = tmp_path / "form.xlsx"
    survey.builtin("ct-nat-2016-survey").to_xlsform(form)
    return {
        "indicator set": s,
        "indicator set extension": EXTENSION,
        "instrument": inst,
        "instrument extension": DATA / "survey_extension_aze.yaml",
        "assessment": aze,
        "worksheet": book,
        "XLSForm": form,
        "responses": DATA / "aze_survey_fixture.json",
    }


def test_validate_recognises_every_kind(tmp_path: Path, aze: Path, book: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    kinds = _kinds(tmp_path, aze, book)
    capsys.readouterr()
    for kind, path in kinds.items():
        code = main(["validate", str(path), "--instrument", "ct-nat-2016-survey"])
        out = capsys.readouterr()
        assert code == 0, (kind, out.err)
        assert out.out.startswith(f"{path}: valid {kind} — "), out.out


def test_validate_reports_each_bad_file_and_goes_on(tmp_path: Path, aze: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("contry: ARM\nround: 2026-01-01\n", encoding="utf-8")
    assert main(["validate", str(bad), str(aze)]) == 2
    out = capsys.readouterr()
    assert f"{aze}: valid assessment" in out.out
    assert "not a ctnat file" in out.err
    assert "did you mean 'country'?" in out.err


def test_help_lists_commands_in_the_order_of_an_assessment(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    listed = [
        line.split()[0]
        for line in out.split("COMMAND\n", 1)[1].split("\n\n")[0].splitlines()
        if line.startswith("    ") and not line.startswith("      ")
    ]
    assert listed == [
        "demo",
        "init",
        "indicators",
        "worksheet",
        "validate",
        "score",
        "compare",
        "report",
        "survey",
        "build",
    ]
    examples_part = out.split("examples, in the order of an assessment:")[1]
    for command in listed:
        assert f"ctnat {command}" in examples_part


@pytest.mark.parametrize("command", ["score", "compare", "report", "validate"])
def test_each_command_help_has_an_example(command: str, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert f"example:\n  ctnat {command}" in capsys.readouterr().out


def test_validate_csv_responses_lists_each_rejection(capsys) -> None:  # type: ignore[no-untyped-def]
    path = DATA / "kobo_ct_nat_2016_survey.csv"
    assert main(["validate", str(path), "--instrument", "ct-nat-2016-survey"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err
    assert all(line.startswith(f"ctnat: error: rejected: {path}: row ") for line in err)
