"""The one-screen summary that opens a country report, computed from its scorecard.

Overall and category scores with the range the unknown indicators allow and the
coverage (indicators judged of those that apply); the strongest criteria and the
areas for improvement; the widest gaps between the framework (laws, plans,
procedures) and the operational dimension (what happens in practice); and a
chart of the category scores.

Scores sit on the indicator scale's fixed goalposts (0 = no indicator met,
1 = all met). The range is not a confidence interval: it runs from every unknown
indicator counted as not met to every unknown counted as met.
"""

from __future__ import annotations

import math
from typing import Any

from .charts import score_bars
from .document import Block, BulletList, Heading, Paragraph
from .table import Cell, Table

__all__ = ["summary_blocks"]

#: How many criteria the strengths, needs and gaps lists name.
TOP = 3


def _num(value: float | None) -> str:
    return "unknown" if value is None or math.isnan(value) else f"{value:.2f}"


def _range(low: float | None, high: float | None, value: float | None) -> str:
    if low is None or high is None:
        return ""
    if value is not None and abs(high - low) < 1e-9:
        return "no unknowns"
    return f"{low:.2f}\u2013{high:.2f}"


def _coverage(card: Any) -> str:
    cov = card.coverage
    return f"{cov.judged} of {cov.applicable}"


def _criterion_names(scorecard: Any, labels: dict[str, str]) -> dict[str, str]:
    return {
        c.criterion: f"{c.criterion} {labels.get(c.criterion, '')}".strip()
        for c in scorecard.criteria
    }


def summary_blocks(
    scorecard: Any,
    bounds: Any | None,
    *,
    criterion_labels: dict[str, str],
    policy_words: str,
    charts: bool = True,
) -> list[Block]:
    """The summary of one scorecard; ``bounds`` is the same assessment scored with unknowns
    propagated (its ``low``/``high`` give the range the unknowns allow), or None."""
    bound_of: dict[str, tuple[float | None, float | None]] = {}
    if bounds is not None:
        bound_of["overall"] = (bounds.overall.score.low, bounds.overall.score.high)
        for c in bounds.categories:
            bound_of[c.category] = (c.score.low, c.score.high)
    rows = []
    overall = scorecard.overall
    entries = [
        ("overall", "Overall", overall),
        *((c.category, f"{c.category} {c.title or ''}".strip(), c) for c in scorecard.categories),
    ]
    for key, label, card in entries:
        lo, hi = bound_of.get(key, (None, None))
        rows.append(
            (
                label,
                Cell(value=_num(card.score.value)),
                _range(lo, hi, card.score.value),
                _coverage(card),
                _num(card.framework.value),
                _num(card.operational.value),
                "unknown" if card.gap is None else f"{card.gap:+.2f}",
            )
        )
    table = Table(
        title="Scores at a glance",
        columns=("", "Score", "Range (unknowns)", "Judged", "Framework", "Operational", "Gap"),
        rows=tuple(rows),
        notes=(
            (
                f"Scores on the fixed scale 0 (no indicator met) to 1 (all met), {policy_words}. "
                "Range: from every unknown indicator counted as not met to every unknown counted "
                "as met (not a confidence interval). Judged: indicators with a status of those "
                "that apply. Gap: framework minus operational score."
            ),
        ),
    )
    names = _criterion_names(scorecard, criterion_labels)
    judged = [c for c in scorecard.criteria if c.score.value is not None]
    strong = sorted(judged, key=lambda c: (-(c.score.value or 0.0), c.criterion))[:TOP]
    weak = sorted(judged, key=lambda c: (c.score.value or 0.0, c.criterion))[:TOP]
    gaps = sorted(
        (c for c in scorecard.criteria if c.gap is not None and c.gap > 0),
        key=lambda c: (-(c.gap or 0.0), c.criterion),
    )[:TOP]
    unjudged = [c.criterion for c in scorecard.criteria if c.score.value is None]

    def line(c: Any) -> str:
        return f"{names[c.criterion]} ({_num(c.score.value)})"

    blocks: list[Block] = [Heading(text="Summary")]
    findings = [
        "Strengths: " + ("; ".join(line(c) for c in strong) if strong else "none judged") + ".",
        "Areas for improvement: "
        + ("; ".join(line(c) for c in weak) if weak else "none judged")
        + ".",
    ]
    if gaps:
        findings.append(
            "Widest gaps between framework and practice: "
            + "; ".join(
                f"{names[c.criterion]} (framework {_num(c.framework.value)}, operational "
                f"{_num(c.operational.value)})"
                for c in gaps
            )
            + "."
        )
    else:
        findings.append("No criterion scores higher on its framework than in practice.")
    if unjudged:
        findings.append(f"No indicator judged: {', '.join(unjudged)}.")
    blocks.append(BulletList(items=tuple(findings)))
    blocks.append(table)
    cats = list(scorecard.categories)
    known = [c for c in cats if c.score.value is not None]
    if known:
        labels = [f"{c.category} {c.title or ''}".strip() for c in cats]
        values = [math.nan if c.score.value is None else c.score.value for c in cats]
        lows, highs = [], []
        for c, v in zip(cats, values, strict=True):
            lo, hi = bound_of.get(c.category, (None, None))
            lows.append(v if lo is None or math.isnan(v) else lo)
            highs.append(v if hi is None or math.isnan(v) else hi)
        blocks.append(
            score_bars(
                labels,
                values,
                lows if bounds is not None else None,
                highs if bounds is not None else None,
                caption="Category scores (whiskers: the range the unknown indicators allow)",
                svg=charts,
            )
        )
    else:
        blocks.append(
            Paragraph(text="No category has a judged indicator: no chart.", style="muted")
        )
    return blocks
