"""The comparative report and the rounds-over-time report: headline, names, honest intervals."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from ctnat import compare, examples
from ctnat.assessment import IndicatorSetRef
from ctnat.errors import CtnatError
from ctnat.indicators import builtin
from ctnat.report import BulletList, Document, Figure, Paragraph, Table, comparison_document
from ctnat.report.charts import OUTSIDE_MARK
from ctnat.report.comparison_report import rounds_document
from ctnat.report.statements import GEOMETRIC_ZERO
from ctnat.scoring import (
    Aggregator,
    Uncertainty,
    UnknownDraw,
    UnknownPolicy,
    WeightPerturbation,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def comparison() -> Any:
    return examples.demo_comparison(draws=400)


@pytest.fixture(scope="module")
def doc(comparison: Any) -> Document:
    return comparison_document(comparison, charts=False)


def _figure(doc: Document, caption_start: str) -> Figure:
    return next(
        b for b in doc.blocks if isinstance(b, Figure) and b.caption.startswith(caption_start)
    )


def _text(doc: Document) -> str:
    return doc.to_markdown().replace("\\", "")


def test_category_intervals_are_the_draws_as_drawn(comparison: Any, doc: Document) -> None:
    """Old code widened the interval to include the point (np.minimum(lo, s))."""
    fig = _figure(doc, "Category scores")
    outside = 0
    for i, cid in enumerate(comparison.categories):
        for g, key in enumerate(comparison.keys):
            cell = fig.table.rows[i][g + 1]
            value = comparison.value(key, cid)
            lo, hi = comparison.interval(key, cid)
            lo = value if abs(lo - value) <= 1e-6 else lo  # float32 draws
            hi = value if abs(hi - value) <= 1e-6 else hi
            assert cell.text == f"{value:.2f} ({lo:.2f}\u2013{hi:.2f})"
            if value < lo - 1e-6 or value > hi + 1e-6:
                outside += 1
                assert cell.mark == OUTSIDE_MARK
            else:
                assert cell.mark is None
    assert outside >= 1  # the demo has one: AZE category 3 (0.40 under EXCLUDE)
    notes = " ".join(fig.table.notes)
    assert "different models" in notes
    assert "not widened" in notes


def test_lead_says_what_was_varied_and_what_is_not_modelled(doc: Document) -> None:
    lead = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.style == "lead")
    assert "status of each unknown indicator" in lead.text
    assert "category weights" in lead.text
    assert "survey sampling" in lead.text
    assert "not modelled" in lead.text
    html = comparison_document(examples.demo_comparison(draws=50), charts=False).to_html()
    assert "survey sampling" in html
    assert "not modelled" in html


def test_headline_names_strengths_needs_and_clear_differences(
    comparison: Any, doc: Document
) -> None:
    first = next(b for b in doc.blocks if isinstance(b, BulletList))
    assert len(first.items) == len(comparison.keys)
    for card, line in zip(comparison.scorecards, first.items, strict=True):
        cats = [c for c in card.categories if c.score.value is not None]
        best = max(cats, key=lambda c: c.score.value)
        worst = min(cats, key=lambda c: c.score.value)
        assert f"strongest in {best.category} {best.title} ({best.score.value:.2f})" in line
        assert f"most needs work in {worst.category} {worst.title}" in line
    verdicts = next(
        b for i, b in enumerate(doc.blocks) if isinstance(b, BulletList) and b is not first
    )
    text = " ".join(verdicts.items)
    keys = comparison.keys
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            p = comparison.prob_above(keys[i], keys[j])
            q = comparison.prob_above(keys[j], keys[i])
            assert ("Clear overall" in text) == any(
                max(comparison.prob_above(a, b), comparison.prob_above(b, a)) >= 0.95
                for a in keys
                for b in keys
                if a != b
            )
            if max(p, q) < 0.95:
                assert "Not clear overall" in text
    by_category = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Which differences")
    )
    assert len(by_category.rows) == len(comparison.categories)


def test_country_names_beside_codes_and_full_criterion_labels(doc: Document) -> None:
    heat = _figure(doc, "Criterion scores")
    assert heat.table.columns[1:] == ("Azerbaijan (AZE)", "Armenia (ARM)", "Georgia (GEO)")
    iset = builtin("ct-nat-2016")
    labels = [row[0].text for row in heat.table.rows]
    assert labels[-3] == "5.3 " + iset.criterion("5.3").label()  # the longest label, whole
    if heat.chart is not None:
        assert heat.chart.args["rows"][-3] == labels[-3]


def test_geometric_aggregation_is_documented_in_the_method() -> None:
    geometric = compare(
        examples.assessments(),
        unknown=UnknownPolicy.NOT_MET,
        aggregator=Aggregator.GEOMETRIC,
    )
    assert GEOMETRIC_ZERO in _text(comparison_document(geometric, charts=False))
    arithmetic = compare(examples.assessments(), unknown=UnknownPolicy.NOT_MET)
    assert GEOMETRIC_ZERO not in _text(comparison_document(arithmetic, charts=False))


class _Undefined:
    """The demo comparison, except that one pair's probabilities and ranks are undefined."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def prob_above(self, a: Any, b: Any, category: str | None = None) -> float | None:
        if "GEO" in (a[0], b[0]):
            return None
        return float(self._inner.prob_above(a, b, category))

    def rank_probabilities(self, category: str | None = None) -> Any:
        out = self._inner.rank_probabilities(category).copy()
        out[2, :] = math.nan
        return out


def test_undefined_probabilities_are_shown_as_undefined(comparison: Any) -> None:
    doc = comparison_document(_Undefined(comparison), charts=False)
    ranks = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Probability of each")
    )
    assert [c.text for c in ranks.rows[2][1:]] == ["undefined"] * 3
    assert any("no rank there" in n for n in ranks.notes)
    pairs = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Probability that")
    )
    assert pairs.rows[0][3].text == "undefined"
    assert "0%" not in pairs.rows[2][1].text


def _second_round() -> tuple[Any, Any]:
    first = examples.azerbaijan()
    ext = yaml.safe_load((ROOT / "docs" / "examples" / "ct-nat-2016-aze.yaml").read_text())
    statuses = tuple(
        s.model_copy(update={"status": "met"}) if s.indicator.startswith("3.5.") else s
        for s in first.statuses
    )
    later = first.model_copy(
        update={
            "round": dt.date(2019, 5, 1),
            "statuses": statuses,
            "indicator_set": IndicatorSetRef(
                id=ext["id"], version=str(ext["version"]), embedded=ext
            ),
        }
    )
    return first, later


def test_rounds_report_changes_probabilities_and_indicator_sets() -> None:
    first, later = _second_round()
    comparison = compare(
        [first, later],
        unknown=UnknownPolicy.EXCLUDE,
        indicator_set=builtin("ct-nat-2016"),
        uncertainty=Uncertainty(
            draws=300, seed=3, unknown=UnknownDraw(), weights=WeightPerturbation()
        ),
    )
    doc = rounds_document(comparison, "AZE", assessments=[first, later], charts=False)
    assert "Azerbaijan" in doc.title
    table = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Scores per round")
    )
    changes = {c.category: c for c in comparison.changes()}
    assert len(table.rows) == len(changes)
    row3 = next(r for r in table.rows if r[0].text.startswith("3 "))
    ch = changes["3"]
    assert row3[4].text == f"{ch.delta:+.2f}"
    assert row3[5].text == f"{ch.prob_increase:.0%}"
    assert row3[6].text == "clear increase"
    crit = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title == "Criterion scores per round"
    )
    row35 = next(r for r in crit.rows if r[0].text.startswith("3.5 "))
    assert row35[-1].text == "+1.00"
    sets = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Indicators new")
    )
    new, dropped = sets.rows[0][1].text, sets.rows[0][2].text
    ext_ids = {i.id for i in builtin("ct-nat-2016").indicators()}
    assert new != "none"
    assert all(i not in ext_ids for i in new.split(", "))
    assert "4.4.O2" in dropped.split(", ")  # retired in the extension
    status = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Indicators whose")
    )
    assert {r[0].text for r in status.rows} == {
        s.indicator
        for s in first.statuses
        if s.indicator.startswith("3.5.") and str(s.status) != "met"
    }


def test_rounds_report_needs_two_rounds(comparison: Any) -> None:
    with pytest.raises(CtnatError, match="say which one"):
        rounds_document(comparison)
    with pytest.raises(CtnatError, match="needs two or more"):
        rounds_document(comparison, "AZE")
