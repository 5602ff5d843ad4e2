"""The comparative report: several assessments side by side, and how sure each difference is.

Sections: where the data come from (synthetic or read data is flagged for each
assessment) and the scoring method; a heat map of criteria x countries; the
category scores with their intervals; overall scores with coverage; the
probability of each rank and of each pairwise order (from the comparison's
seeded Monte Carlo, when it was run).

Scores are on the indicator scale's fixed goalposts (0 = no indicator met, 1 =
all met); nothing is normalised across countries.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import CtnatError
from .assessment_report import Format, render
from .charts import heat_map, score_bars
from .document import Block, BulletList, Document, Heading, Paragraph
from .table import Cell, Table

if TYPE_CHECKING:  # pragma: no cover
    from ..indicators import IndicatorSet
    from ._shapes import ComparisonLike, ScoreLike

__all__ = ["comparison_document", "render_comparison"]

_RANK_NOTE = (
    "Share of Monte Carlo draws in which the assessment has that rank; equal scores "
    "share the better rank, so a column may add to more than 100%."
)


def _labels(comparison: ComparisonLike) -> list[str]:
    per_country = Counter(country for country, _ in comparison.keys)
    return [
        f"{country} {when.isoformat()}" if per_country[country] > 1 else country
        for country, when in comparison.keys
    ]


def _value(score: ScoreLike) -> float:
    return math.nan if score.value is None else float(score.value)


def _indicator_set(comparison: ComparisonLike, given: IndicatorSet | None) -> IndicatorSet | None:
    if given is not None:
        return given
    set_id = getattr(comparison.method, "indicator_set", None)
    if not isinstance(set_id, str):
        return None
    from ..indicators import builtin

    try:
        return builtin(set_id)
    except CtnatError:
        return None  # an extended set from a file: criteria are shown by id


def _provenance(comparison: ComparisonLike, labels: Sequence[str]) -> list[Block]:
    lines = []
    for label, card in zip(labels, comparison.scorecards, strict=True):
        kind = str(card.provenance.kind)
        if kind == "synthetic":
            lines.append(f"{label}: SYNTHETIC example data (generated statuses, not findings).")
        elif kind == "reading":
            lines.append(
                f"{label}: statuses read from a published report, not the report's own marks."
            )
        else:
            lines.append(f"{label}: statuses recorded by the assessors.")
    blocks: list[Block] = [BulletList(items=tuple(lines))]
    if any(str(c.provenance.kind) == "synthetic" for c in comparison.scorecards):
        blocks.insert(
            0,
            Paragraph(
                text="Some assessments below are synthetic example data: their scores and "
                "ranks say nothing about the countries named.",
                style="caveat",
            ),
        )
    return blocks


def _method(comparison: ComparisonLike) -> Paragraph:
    m = comparison.method
    parts = [
        f"rule {getattr(m, 'rule', '?')}",
        f"aggregator {getattr(m, 'aggregator', '?')}",
        f"unknown statuses: {getattr(m, 'unknown', '?')}",
    ]
    set_id, version = getattr(m, "indicator_set", None), getattr(m, "indicator_set_version", None)
    if set_id:
        parts.append(f"indicator set {set_id}" + (f" version {version}" if version else ""))
    text = "Scoring method: " + "; ".join(str(p) for p in parts) + "."
    draws = comparison.draws
    if draws is not None:
        n = int(np.shape(draws.scores)[0])
        seed = getattr(draws, "seed", None)
        text += f" Uncertainty: {n} seeded Monte Carlo draws" + (
            f" (seed {seed})." if seed is not None else "."
        )
    else:
        text += " No Monte Carlo was run: intervals are the bounds of the unknown policy only."
    return Paragraph(text=text)


def _heat(
    comparison: ComparisonLike, labels: Sequence[str], iset: IndicatorSet | None, charts: bool
) -> Block:
    criteria = [c.criterion for c in comparison.scorecards[0].criteria]
    values = np.full((len(criteria), len(labels)), np.nan)
    for j, card in enumerate(comparison.scorecards):
        by_id = {c.criterion: _value(c.score) for c in card.criteria}
        for i, cid in enumerate(criteria):
            values[i, j] = by_id.get(cid, math.nan)
    names = []
    for cid in criteria:
        if iset is not None and cid in iset:
            names.append(f"{cid} {iset.criterion(cid).label()}")
        else:
            names.append(cid)
    return heat_map(
        names,
        labels,
        values,
        caption="Criterion scores by country (0 = no indicator met, 1 = all met; "
        "unknown = no indicator judged)",
        svg=charts,
    )


def _interval(
    comparison: ComparisonLike, index: int, category: str | None, score: ScoreLike
) -> tuple[float, float]:
    if comparison.draws is not None:
        lo, hi = comparison.interval(comparison.keys[index], category)
        return float(lo), float(hi)
    if score.low is None or score.high is None:
        return (math.nan, math.nan)
    return float(score.low), float(score.high)


def _category_scores(
    comparison: ComparisonLike, labels: Sequence[str], charts: bool
) -> list[Block]:
    cats = list(comparison.categories)
    titles = list(comparison.titles)
    names = [f"{c} {t}".strip() for c, t in zip(cats, titles, strict=False)] or cats
    shape = (len(labels), len(cats))
    s, lo, hi = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    for g, card in enumerate(comparison.scorecards):
        by_id = {c.category: c for c in card.categories}
        for i, cid in enumerate(cats):
            cs = by_id.get(cid)
            if cs is None or cs.score.value is None:
                continue
            s[g, i] = cs.score.value
            lo[g, i], hi[g, i] = _interval(comparison, g, cid, cs.score)
    lo = np.where(np.isnan(lo), s, np.minimum(lo, s))
    hi = np.where(np.isnan(hi), s, np.maximum(hi, s))
    kind = (
        "central 95% of the Monte Carlo draws"
        if comparison.draws is not None
        else "every unknown not met / met"
    )
    return [
        score_bars(
            names,
            s,
            lo,
            hi,
            series=labels,
            caption=f"Category scores with their intervals ({kind})",
            svg=charts,
        )
    ]


def _overall(comparison: ComparisonLike, labels: Sequence[str]) -> Table:
    rows = []
    for g, (label, card) in enumerate(zip(labels, comparison.scorecards, strict=True)):
        score = card.overall.score
        value = _value(score)
        lo, hi = _interval(comparison, g, None, score)
        cov = card.overall.coverage
        rows.append(
            (
                label,
                "unknown" if math.isnan(value) else f"{value:.2f}",
                "" if math.isnan(lo) else f"{lo:.2f}\u2013{hi:.2f}",
                f"{cov.judged} of {cov.applicable}",
            )
        )
    return Table(
        title="Overall scores",
        columns=("Assessment", "Score", "Interval", "Indicators judged"),
        rows=tuple(rows),
    )


def _ranks(comparison: ComparisonLike, labels: Sequence[str]) -> list[Block]:
    if comparison.draws is None:
        return [
            Paragraph(
                text="No Monte Carlo was run, so the comparison cannot say how sure any rank "
                "is; with samples this small a rank is rarely certain.",
                style="caveat",
            )
        ]
    probs = np.asarray(comparison.rank_probabilities(None), dtype=float)
    n = len(labels)
    rank_table = Table(
        title="Probability of each rank (overall score)",
        columns=("Assessment", *(f"Rank {r + 1}" for r in range(n))),
        rows=tuple(
            (label, *(f"{probs[i, r]:.0%}" for r in range(n))) for i, label in enumerate(labels)
        ),
        notes=(_RANK_NOTE,),
    )
    blocks: list[Block] = [rank_table]
    prob_above = getattr(comparison, "prob_above", None)
    if prob_above is not None and n > 1:
        rows = []
        inconclusive = []
        for i, a in enumerate(comparison.keys):
            cells: list[Cell | str] = [labels[i]]
            for j, b in enumerate(comparison.keys):
                if i == j:
                    cells.append(Cell(value="\u2014"))
                    continue
                p = float(prob_above(a, b))
                cells.append(Cell(value=f"{p:.0%}"))
                if i < j and 0.1 < p < 0.9:
                    inconclusive.append(f"{labels[i]} vs {labels[j]} ({p:.0%})")
            rows.append(tuple(cells))
        notes = ["Row above column: share of draws in which the row's overall score is higher."]
        if inconclusive:
            notes.append("Inconclusive (between 10% and 90%): " + "; ".join(inconclusive) + ".")
        blocks.append(
            Table(
                title="Probability that one scores above another (overall)",
                columns=("", *labels),
                rows=tuple(rows),
                notes=tuple(notes),
            )
        )
    return blocks


def comparison_document(
    comparison: ComparisonLike,
    *,
    indicator_set: IndicatorSet | None = None,
    title: str | None = None,
    charts: bool = True,
) -> Document:
    """The comparative report as a :class:`Document` (``charts=False``: tables only)."""
    labels = _labels(comparison)
    iset = _indicator_set(comparison, indicator_set)
    years = sorted({when.year for _, when in comparison.keys})
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}\u2013{years[-1]}"
    doc_title = title or f"Counter-trafficking responses compared: {', '.join(labels)} ({span})"
    blocks: list[Any] = [
        Paragraph(
            text="Scores are on the fixed scale of the indicators (0 = no indicator met, "
            "1 = all met). Nothing is normalised across countries, and a difference is "
            "reported with the probability that it holds.",
            style="lead",
        ),
        Heading(text="1. Data and method"),
        *_provenance(comparison, labels),
        _method(comparison),
        Heading(text="2. Criteria by country"),
        _heat(comparison, labels, iset, charts),
        Heading(text="3. Category scores"),
        *_category_scores(comparison, labels, charts),
        _overall(comparison, labels),
        Heading(text="4. How sure the ranks are"),
        *_ranks(comparison, labels),
    ]
    return Document(title=doc_title, blocks=tuple(blocks))


def render_comparison(
    comparison: ComparisonLike,
    fmt: Format | str = "html",
    *,
    indicator_set: IndicatorSet | None = None,
    title: str | None = None,
) -> str:
    """The comparative report as HTML (a self-contained page) or Markdown."""
    if fmt not in {"html", "markdown", "md"}:
        render(Document(title="x"), fmt)  # raises the error naming the formats
    doc = comparison_document(
        comparison, indicator_set=indicator_set, title=title, charts=fmt == "html"
    )
    return render(doc, fmt)
