"""Issue 13.2: every path inside a ctnat file resolves against the folder of that file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ctnat
from ctnat import assessment, indicators
from ctnat.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "docs" / "examples" / "ct-nat-2016-aze.yaml"

ASSESSMENT = """\
country: ARM
round: 2026-05-15
indicator_set: {id: ct-nat-2016-aze, version: "2026.1", file: sets/aze-set.yaml}
provenance: {kind: synthetic}
statuses:
  - {indicator: 1.6.F1, status: met}
  - {indicator: 1.1.F1, status: partly_met}
"""


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp/ext/arm-2026.yaml`` naming ``sets/aze-set.yaml``; the working folder is ``tmp/run``."""
    (tmp_path / "ext" / "sets").mkdir(parents=True)
    shutil.copy(EXTENSION, tmp_path / "ext" / "sets" / "aze-set.yaml")
    (tmp_path / "ext" / "arm-2026.yaml").write_text(ASSESSMENT, encoding="utf-8")
    (tmp_path / "run").mkdir()
    monkeypatch.chdir(tmp_path / "run")
    return tmp_path


def test_assessment_set_file_resolves_beside_the_assessment(elsewhere: Path) -> None:
    a = assessment.load("../ext/arm-2026.yaml")
    assert a.base_dir == Path("../ext")
    card = ctnat.score(a, unknown="exclude")  # scoring used to resolve against the cwd
    assert card.criterion("1.6").framework.value is not None
    assert assessment.indicator_set_of(a).id == "ct-nat-2016-aze"


def test_score_command_from_the_parent_folder(elsewhere: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(elsewhere)
    assert main(["score", "ext/arm-2026.yaml"]) == 0
    assert "ARM" in capsys.readouterr().out


def test_extension_base_resolves_beside_the_extension(elsewhere: Path) -> None:
    child = elsewhere / "ext" / "sets" / "child.yaml"
    child.write_text(
        "extends: aze-set.yaml\nid: ct-nat-2016-aze-2\nversion: '1'\n"
        "retire: [{id: 4.4.O1, reason: not observable}]\n",
        encoding="utf-8",
    )
    s = indicators.load("../ext/sets/child.yaml")
    assert s.extends is not None
    assert s.extends.id == "ct-nat-2016-aze"


def test_embedded_extension_base_resolves_beside_the_assessment(elsewhere: Path) -> None:
    (elsewhere / "ext" / "emb.yaml").write_text(
        ASSESSMENT.replace(
            'indicator_set: {id: ct-nat-2016-aze, version: "2026.1", file: sets/aze-set.yaml}',
            "indicator_set:\n  id: ct-nat-2016-emb\n  embedded:\n    extends: sets/aze-set.yaml\n"
            "    id: ct-nat-2016-emb\n    version: '1'\n",
        ),
        encoding="utf-8",
    )
    a = assessment.load(elsewhere / "ext" / "emb.yaml")
    assert "1.6.F1" in assessment.indicator_set_of(a)


def test_worksheet_set_file_resolves_beside_the_workbook(elsewhere: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("openpyxl")
    book = elsewhere / "ext" / "W.xlsx"
    assert (
        main(
            [
                "worksheet",
                "new",
                str(book),
                "--assessment",
                "../ext/arm-2026.yaml",
                "--set-file",
                "../ext/sets/aze-set.yaml",
            ]
        )
        == 0
    )
    assert main(["score", "../ext/W.xlsx"]) == 0
    assert "ARM" in capsys.readouterr().out
    # written elsewhere, the assessment file names the set relative to its own folder
    out = elsewhere / "run" / "out" / "arm.yaml"
    out.parent.mkdir()
    assert main(["worksheet", "read", "../ext/W.xlsx", "--out", "out/arm.yaml"]) == 0
    assert assessment.load(out).indicator_set.file == "../../ext/sets/aze-set.yaml"
    assert main(["score", "out/arm.yaml"]) == 0


def test_in_memory_assessment_resolves_against_the_working_folder(elsewhere: Path) -> None:
    data = assessment.to_mapping(assessment.load(elsewhere / "ext" / "arm-2026.yaml"))
    with pytest.raises(ctnat.ValidationError, match="cannot read the file"):
        assessment.from_mapping(data)
    found = assessment.from_mapping(data, base_dir=elsewhere / "ext")
    assert found.base_dir == elsewhere / "ext"
