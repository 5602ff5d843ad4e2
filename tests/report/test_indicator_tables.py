"""Indicator sets as tables, in Jupyter (_repr_html_) and as pandas frames."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from _htmlparse import read_page

from ctnat.errors import NotFoundError
from ctnat.indicators import builtin, load
from ctnat.report import MissingExtraError
from ctnat.report.indicator_tables import indicator_table

ROOT = Path(__file__).resolve().parents[2]
CANON = builtin("ct-nat-2016")


def _seed_row(seed: str, criterion: str) -> list[str]:
    """A criterion row of the seed's indicator tables (tab separated, section 2)."""
    for line in seed.splitlines():
        parts = line.split("\t")
        if parts[0] == criterion and len(parts) == 6:
            return parts
    raise AssertionError(f"no row {criterion} in the seed")


def _norm(text: str) -> str:
    return " ".join(text.replace("/ ", "/").split()).lower()


def test_category_table_follows_the_seed_layout(seed_003: str) -> None:
    table = indicator_table(CANON, "3")
    assert table.columns == ("Criterion", "Title", "Level 1", "Level 2", "Level 1", "Level 2")
    assert [g.label for g in table.column_groups] == [
        "",
        "Framework indicators",
        "Operational indicators",
    ]
    assert [row[0].text for row in table.rows] == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    for row in table.rows:
        seed = _seed_row(seed_003, row[0].text)
        # the wording comes from Annex E; the seed's section 2 tables quote the same cells
        assert _norm(row[2].text)[:30] == _norm(seed[2])[:30]
        assert _norm(row[5].text)[:30] == _norm(seed[5])[:30]


def test_marks_land_on_their_cells_and_unknown_ids_are_refused() -> None:
    table = indicator_table(CANON, "1", marks={"1.3.F2": "needs improvement"})
    marked = [(r, c) for r, row in enumerate(table.rows) for c, cell in enumerate(row) if cell.mark]
    assert marked == [(2, 3)]  # criterion 1.3, framework level 2
    with pytest.raises(NotFoundError, match="cannot mark 9.9.F1"):
        indicator_table(CANON, "1", marks={"9.9.F1": "x"})


def test_extended_set_gets_level_3_and_retired_cells() -> None:
    aze = load(ROOT / "docs" / "examples" / "ct-nat-2016-aze.yaml")
    table = indicator_table(aze, "5")
    assert table.columns[-3:] == ("Level 1", "Level 2", "Level 3")
    row = next(r for r in table.rows if r[0].text == "5.1")
    assert row[-1].text.startswith("An independent evaluation")
    plain = indicator_table(aze, "4")
    shown = indicator_table(aze, "4", include_retired=True)
    r44 = next(i for i, r in enumerate(plain.rows) if r[0].text == "4.4")
    assert plain.rows[r44][5].text == ""
    assert shown.rows[r44][5].mark == "retired"


def test_repr_html_shows_every_category() -> None:
    html = CANON._repr_html_()
    page = read_page(html)
    assert page.tags.count("table") == 5
    assert "script" not in page.tags
    cells = set(page.cells)
    assert all(ind.label() in cells for ind in CANON.indicators())


def test_to_frame() -> None:
    pytest.importorskip("pandas")
    frame = CANON.to_frame()
    assert frame.shape == (100, 6)
    assert list(frame.columns) == ["category", "criterion", "dimension", "level", "text", "retired"]
    assert frame.loc["5.4.O1", "dimension"] == "operational"
    assert frame.loc["5.4.O1", "level"] == 1
    assert (frame.groupby("criterion").size() == 4).all()


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r'pip install "ctnat\[pandas\]"'):
        CANON.to_frame()
