"""Reports rendered from the library's own models: the bundled example assessments.

Expected figures are read from the seed report itself (seed 003), not from ctnat's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from _htmlparse import external_urls, read_page

from ctnat import examples, score
from ctnat.aggregate import Tally, summarize_tally
from ctnat.report import (
    DEMO_COMPARISON,
    Table,
    assessment_document,
    comparison_document,
    matplotlib_available,
    priorities_table,
    render_assessment,
    render_comparison,
    write_demo_reports,
)
from ctnat.report.results import comparison_table, item_summary_table, scorecard_table
from ctnat.scoring import UnknownPolicy


@pytest.fixture(scope="module")
def aze() -> object:
    return examples.azerbaijan()


@pytest.fixture(scope="module")
def comparison() -> object:
    return examples.demo_comparison(draws=500)


@pytest.fixture(scope="module")
def aze_tables(aze: object) -> list[Table]:
    doc = assessment_document(aze, charts=False)  # type: ignore[arg-type]
    return [b for b in doc.blocks if isinstance(b, Table)]


def _seed_survey_rows(seed: str, first_item: str) -> dict[str, list[str]]:
    """The seed's tab-separated survey rows from the one starting with ``first_item``."""
    lines = seed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first_item + ". "))
    rows = {}
    for line in lines[start:]:
        if not re.match(r"^\d+\.\d+\.\d+\. ", line):
            break
        cells = line.split("\t")
        rows[cells[0].split(". ", 1)[0]] = cells[1:6]
    return rows


def test_investigation_survey_table_matches_the_seed(
    seed_003: str, aze_tables: list[Table]
) -> None:
    expected = _seed_survey_rows(seed_003, "5.1.4")
    table = next(t for t in aze_tables if t.columns[:2] == ("Question", "Strongly agree"))
    got = {row[0].text.split(". ", 1)[0]: [c.text for c in row[1:6]] for row in table.rows}
    for item, cells in expected.items():
        assert got[item] == [c.strip() for c in cells], item
    assert "Total survey respondents: n=7." in table.notes
    assert "Total respondents to these questions: n=6." in table.notes


def test_priorities_table_matches_the_seed(seed_003: str, aze: object) -> None:
    table = priorities_table(aze)  # type: ignore[arg-type]
    assert table is not None
    seed_rows = {}
    lines = seed_003.splitlines()
    start = lines.index("Recommendation\tSurvey\tWorkshop")  # section 3 of the seed
    for line in lines[start:]:
        cells = line.split("\t")
        if re.match(r"^[A-Q]\. ", cells[0]) and cells[0][0] not in seed_rows:
            cells += ["", ""]
            seed_rows[cells[0][0]] = (cells[1].strip(), cells[2].strip())
    assert len(seed_rows) == 17
    got = {row[0].text[0]: (row[1].text, row[2].text) for row in table.rows}
    assert got == seed_rows


def test_methodology_states_the_seeds_sample_sizes(aze: object) -> None:
    md = render_assessment(aze, "markdown")  # type: ignore[arg-type]
    # seed 003, section 1.2: 36 participants in Azerbaijan, 28 of them male; 7 survey responses
    assert "In-depth interviews: 14 with 36 participants (28 men, 8 women)" in md
    assert "Online survey: 7 respondents (1 female)." in md
    assert "a reading of a published report" in md
    assert md.count("### 2.") == 5


def test_contradictions_in_the_seed_are_reported_not_resolved(aze_tables: list[Table]) -> None:
    notes = [n for t in aze_tables for n in t.notes]
    assert any("3.1.5" in n and "three in words" in n for n in notes)
    sizes = next(t for t in aze_tables if t.title.startswith("Sample sizes"))
    row = next(r for r in sizes.rows if r[0].text == "3.1.5")
    assert row[1].text == "not stated"


def test_assessment_html_is_self_contained(aze: object) -> None:
    html = render_assessment(aze)  # type: ignore[arg-type]
    page = read_page(html)
    assert external_urls(html) == []
    assert "script" not in page.tags
    if matplotlib_available():
        assert page.tags.count("svg") >= 5
    # interviewed organisations are counted by type in the annex, never listed
    assert "Clean World Public Union" not in html


def test_comparison_report(comparison: object) -> None:
    md = render_comparison(comparison, "markdown")  # type: ignore[arg-type]
    assert "SYNTHETIC" in md
    heat = md[md.index("| Criterion | Azerbaijan (AZE) | Armenia (ARM) | Georgia (GEO) |") :]
    assert len([line for line in heat.splitlines() if re.match(r"^\| \d\.\d ", line)]) == 25
    ranks = md[md.index("**Probability of each rank") :].splitlines()
    for line in ranks[4:7]:
        shares = [int(x) for x in re.findall(r"(\d+)%", line)]
        assert 99 <= sum(shares) <= 101, line
    doc = comparison_document(comparison)  # type: ignore[arg-type]
    html = doc.to_html()
    assert external_urls(html) == []
    if matplotlib_available():
        assert read_page(html).tags.count("svg") == 2


def test_comparison_intervals_come_from_the_draws(comparison: object) -> None:
    doc = comparison_document(comparison, charts=False)  # type: ignore[arg-type]
    overall = next(b for b in doc.blocks if isinstance(b, Table) and b.title == "Overall scores")
    for g, row in enumerate(overall.rows):
        key = comparison.keys[g]  # type: ignore[attr-defined]
        lo, hi = comparison.interval(key)  # type: ignore[attr-defined]
        assert row[2].text == f"{lo:.2f}\u2013{hi:.2f}"


def test_result_tables(aze: object, comparison: object) -> None:
    summary = summarize_tally(
        "5.1.4", Tally(options=("Agree", "Neither", "Disagree"), counts=(2, 3, 1), missing=1)
    )
    t = item_summary_table(summary)
    assert [c.text for c in t.rows[0][:3]] == ["Agree", "2", "2 of 6"]
    lo, hi = (float(x) for x in t.rows[0][3].text.split("\u2013"))
    # Wilson 95% for 2 of 6, computed independently
    z, n, p = 1.959963984540054, 6, 2 / 6
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert (lo, hi) == (round(centre - half, 2), round(centre + half, 2))
    assert any("small sample" in note for note in t.notes)
    card = scorecard_table(score(aze, unknown=UnknownPolicy.EXCLUDE))  # type: ignore[arg-type]
    assert card.rows[-1][0].text == "Overall"
    assert len(card.rows) == 6
    side = comparison_table(comparison)  # type: ignore[arg-type]
    assert side.columns[1:] == tuple(
        f"{c} {d.isoformat()}"
        for c, d in comparison.keys  # type: ignore[attr-defined]
    )
    assert side.rows[-1][1].text == f"{comparison.scorecards[0].overall.score.value:.2f}"  # type: ignore[attr-defined]


def test_write_demo_reports(tmp_path: Path) -> None:
    paths = write_demo_reports(tmp_path / "out", draws=200)
    assert [p.name for p in paths] == [
        DEMO_COMPARISON,
        "ctnat-demo-AZE.html",
        "ctnat-demo-ARM.html",
        "ctnat-demo-GEO.html",
    ]
    for path in paths:
        assert external_urls(path.read_text(encoding="utf-8")) == []
