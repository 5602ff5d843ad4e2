"""Issue 13.9: the docs read right on the code host too, and say how to install ctnat."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_include_line_a_code_host_would_show_raw(page: Path) -> None:
    assert "--8<--" not in page.read_text(encoding="utf-8")


def test_extending_example_is_the_example_file() -> None:
    text = (ROOT / "docs" / "extending.md").read_text(encoding="utf-8")
    block = text.split("## A full example", 1)[1].split("```yaml\n", 1)[1].split("\n```", 1)[0]
    example = (ROOT / "docs" / "examples" / "ct-nat-2016-aze.yaml").read_text(encoding="utf-8")
    assert block == example.rstrip("\n")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_page_tells_to_pip_install_the_unpublished_package(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    # ``pip install "ctnat[xlsx]"`` is fine once ctnat is installed; the bare name is not
    assert not re.search(r"pip install ctnat(\s|$)", text, re.MULTILINE)


def test_install_page_names_clone_and_wheel() -> None:
    text = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    assert 'pip install ".[all]"' in text
    assert '"ctnat[all] @ ' in text
    assert "install.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
