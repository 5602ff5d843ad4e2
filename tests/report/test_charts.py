"""Charts: input checks, layout, deterministic SVG, and the table fallback without matplotlib."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from _htmlparse import external_urls, read_page
from hypothesis import given
from hypothesis import strategies as st

from ctnat.errors import ValidationError
from ctnat.report import Document
from ctnat.report.charts import (
    OUTSIDE_MARK,
    diverging_layout,
    heat_map,
    likert_bars,
    matplotlib_available,
    score_bars,
)

AGREE = ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")
# Seed 003, section 2.3, "Questions on investigation" (Azerbaijan survey, n=6 of 7).
SEED_ITEMS = (
    "5.1.4. Investigations of trafficking and related crimes are adequate and effective",
    "5.1.6. Training and capacity-building mechanisms for law enforcers are adequate",
)
SEED_COUNTS = ((0, 2, 3, 1, 0), (0, 1, 3, 2, 0))

needs_mpl = pytest.mark.skipif(not matplotlib_available(), reason="the plot extra is absent")


def test_import_ctnat_does_not_import_plotting_or_pandas() -> None:
    code = (
        "import sys, ctnat, ctnat.report, ctnat.report.charts, ctnat.indicators;"
        "bad = {'matplotlib', 'pandas', 'openpyxl'} & set(sys.modules);"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_likert_table_has_counts_and_n() -> None:
    fig = likert_bars(SEED_ITEMS, SEED_COUNTS, AGREE)
    assert fig.table.columns == ("Item", *AGREE, "n")
    assert [c.text for c in fig.table.rows[1]] == [SEED_ITEMS[1], "0", "1", "3", "2", "0", "6"]


@given(st.lists(st.integers(0, 20), min_size=2, max_size=7))
def test_diverging_layout_centres_neutral_and_stacks_contiguously(row: list[int]) -> None:
    k = len(row)
    lefts = diverging_layout([row])[0]
    counts = np.asarray(row, dtype=float)
    half = k // 2
    if k % 2:
        assert lefts[half] == pytest.approx(-counts[half] / 2)
    # positive side: from the centre outward, each segment starts where the inner one ends
    inner_end = counts[half] / 2 if k % 2 else 0.0
    for j in range(half - 1, -1, -1):
        assert lefts[j] == pytest.approx(inner_end)
        inner_end = lefts[j] + counts[j]
    inner_start = -counts[half] / 2 if k % 2 else 0.0
    for j in range(k - half, k):
        assert lefts[j] + counts[j] == pytest.approx(inner_start)
        inner_start = lefts[j]
    # the whole bar spans the total
    right = lefts[0] + counts[0]
    assert right - lefts[-1] == pytest.approx(counts.sum())


@pytest.mark.parametrize(
    ("counts", "match"),
    [
        ([[1, 2, 3]], "one row per item"),
        ([[0, -1, 3, 1, 0], [0, 1, 3, 2, 0]], "option 'Agree' is -1"),
        ([[0, 1.5, 3, 1, 0], [0, 1, 3, 2, 0]], "whole numbers"),
        ([[0, float("nan"), 3, 1, 0], [0, 1, 3, 2, 0]], "whole numbers"),
    ],
)
def test_likert_rejects_bad_counts(counts: list[list[float]], match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        likert_bars(SEED_ITEMS, counts, AGREE)


def test_heat_map_table_shows_unknown() -> None:
    fig = heat_map(["1.1", "1.2"], ["Armenia", "Georgia"], [[0.5, np.nan], [1.0, 0.0]])
    assert [[c.text for c in row] for row in fig.table.rows] == [
        ["1.1", "0.5", "unknown"],
        ["1.2", "1", "0"],
    ]


def test_heat_map_rejects_out_of_range() -> None:
    with pytest.raises(ValidationError, match="'1.2', 'Georgia' is 1.5"):
        heat_map(["1.1", "1.2"], ["Armenia", "Georgia"], [[0.5, 0.1], [1.0, 1.5]])


def test_score_bars_table_and_checks() -> None:
    fig = score_bars(
        ["1", "2"],
        [[0.5, np.nan], [0.25, 1.0]],
        [[0.4, np.nan], [0.1, 0.9]],
        [[0.6, np.nan], [0.3, 1.0]],
        series=["ARM", "AZE"],
    )
    assert [[c.text for c in row] for row in fig.table.rows] == [
        ["1", "0.50 (0.40\u20130.60)", "0.25 (0.10\u20130.30)"],
        ["2", "unknown", "1.00 (0.90\u20131.00)"],
    ]
    # a score outside its interval is shown as it is, marked, never widened to fit
    outside = score_bars(["1"], [0.5], [0.6], [0.7], notes=("the score excludes unknowns",))
    assert outside.table.rows[0][1].text == "0.50 (0.60\u20130.70)"
    assert outside.table.rows[0][1].mark == OUTSIDE_MARK
    assert outside.table.notes[-1] == "the score excludes unknowns"
    assert score_bars(["1"], [0.5], [0.5], [0.7]).table.rows[0][1].mark is None
    with pytest.raises(ValidationError, match="lower must not exceed upper"):
        score_bars(["1"], [0.5], [0.7], [0.6])
    with pytest.raises(ValidationError, match=r"one value per label \(2\) for each of 2 series"):
        score_bars(["1", "2"], [0.5, 0.5], series=["a", "b"])


@needs_mpl
def test_svg_is_deterministic_and_safe() -> None:
    items = ("<script>alert(1)</script>", *SEED_ITEMS[1:])
    one = likert_bars(items, SEED_COUNTS, AGREE).svg
    two = likert_bars(items, SEED_COUNTS, AGREE).svg
    assert one is not None
    assert one == two
    assert one.startswith("<svg")
    assert "<metadata" not in one
    assert "Date" not in one
    page = read_page(one)
    assert "script" not in page.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in one  # the label is text
    assert external_urls(one) == []
    other = likert_bars(items, ((0, 2, 3, 1, 0), (0, 1, 2, 3, 0)), AGREE).svg
    assert other != one


@needs_mpl
def test_all_charts_make_vector_svg() -> None:
    figs = [
        likert_bars(SEED_ITEMS, SEED_COUNTS, AGREE),
        heat_map(["1.1", "1.2"], ["ARM", "AZE"], [[0.5, np.nan], [1.0, 0.0]]),
        score_bars(["1", "2"], [0.5, 0.2], [0.4, 0.1], [0.6, 0.3]),
    ]
    for fig in figs:
        assert fig.svg is not None
        assert "<image" not in fig.svg  # no raster
    assert "unknown" in figs[1].svg or ">unknown<" in figs[1].svg
    html = Document(title="charts", blocks=tuple(figs)).to_html()
    page = read_page(html)
    assert page.tags.count("svg") == 3
    assert external_urls(html) == []


def test_without_matplotlib_figures_fall_back_to_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert not matplotlib_available()
    fig = likert_bars(SEED_ITEMS, SEED_COUNTS, AGREE)
    assert fig.svg is None
    html = Document(title="t", blocks=(fig,)).to_html()
    page = read_page(html)
    assert "svg" not in page.tags
    assert page.tags.count("table") == 1
    assert SEED_ITEMS[0] in page.cells
