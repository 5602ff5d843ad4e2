"""Chart inputs from result objects: ``heat_map(comparison)``, ``score_bars(scorecard)``,
``likert_bars(summary)``.

Each function of :mod:`ctnat.report.charts` takes plain labels and numbers; given a
result object instead, it calls the adapter here for them. Undefined scores stay NaN
(shown as ``unknown``), never 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["heat_map_data", "likert_data", "score_bars_data"]


def _is_comparison(obj: object) -> bool:
    return hasattr(obj, "scorecards") and hasattr(obj, "keys") and hasattr(obj, "method")


def _is_scorecard(obj: object) -> bool:
    return hasattr(obj, "criteria") and hasattr(obj, "overall") and hasattr(obj, "method")


def _value(x: float | None) -> float:
    return math.nan if x is None else float(x)


def _labels(comparison: Any) -> list[str]:
    keys = list(comparison.keys)
    out = []
    for c, r in keys:
        several = sum(1 for k, _ in keys if k == c) > 1
        out.append(f"{c} {r.isoformat()}" if several else c)
    return out


def _criterion_names(ids: Sequence[str], set_id: str | None) -> list[str]:
    if set_id:
        try:
            from ..indicators import builtin

            s = builtin(set_id)
            return [f"{c} {s.criterion(c).label()}" if c in s else c for c in ids]
        except Exception:  # noqa: BLE001 - an extended set: the ids alone are enough
            return list(ids)
    return list(ids)


def heat_map_data(obj: object) -> tuple[list[str], list[str], Any]:
    """(criteria, columns, values) of a comparison or a scorecard: criterion scores."""
    cards: list[Any] = list(obj.scorecards) if _is_comparison(obj) else [obj]  # type: ignore[attr-defined]
    if not cards or not all(_is_scorecard(c) for c in cards):
        raise _not_a_result("heat_map", obj, "a Comparison or a Scorecard")
    columns = _labels(obj) if _is_comparison(obj) else [f"{cards[0].country}"]
    ids = [c.criterion for c in cards[0].criteria]
    values = np.full((len(ids), len(cards)), np.nan)
    for j, card in enumerate(cards):
        by_id = {c.criterion: _value(c.score.value) for c in card.criteria}
        for i, cid in enumerate(ids):
            values[i, j] = by_id.get(cid, math.nan)
    return _criterion_names(ids, cards[0].method.indicator_set), columns, values


def score_bars_data(obj: object) -> tuple[list[str], Any, Any, Any, list[str]]:
    """(categories, scores, lower, upper, series) of a comparison or a scorecard."""
    cards: list[Any] = list(obj.scorecards) if _is_comparison(obj) else [obj]  # type: ignore[attr-defined]
    if not cards or not all(_is_scorecard(c) for c in cards):
        raise _not_a_result("score_bars", obj, "a Comparison or a Scorecard")
    cats = [c.category for c in cards[0].categories]
    names = [f"{c.category} {c.title or ''}".strip() for c in cards[0].categories]
    shape = (len(cards), len(cats))
    s, lo, hi = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    for g, card in enumerate(cards):
        by_id = {c.category: c for c in card.categories}
        for i, cid in enumerate(cats):
            cs = by_id.get(cid)
            if cs is None or cs.score.value is None:
                continue
            s[g, i] = cs.score.value
            if _is_comparison(obj) and obj.draws is not None:  # type: ignore[attr-defined]
                low, high = obj.interval(obj.keys[g], cid)  # type: ignore[attr-defined]
            else:
                low, high = _value(cs.score.low), _value(cs.score.high)
            lo[g, i], hi[g, i] = low, high
    lo = np.where(np.isnan(lo), s, np.minimum(lo, s))
    hi = np.where(np.isnan(hi), s, np.maximum(hi, s))
    series = _labels(obj) if _is_comparison(obj) else []
    if not series:
        s, lo, hi = s[0], lo[0], hi[0]
    return names, s, lo, hi, series


def likert_data(obj: object) -> tuple[list[str], Any, list[str]]:
    """(items, counts, options) of item summaries on one scale (one, a list or a mapping)."""
    found: list[Any]
    if hasattr(obj, "tally"):
        found = [obj]
    elif isinstance(obj, Mapping):
        found = list(obj.values())
    elif isinstance(obj, Sequence) and not isinstance(obj, str):
        found = list(obj)
    else:
        raise _not_a_result("likert_bars", obj, "item summaries (ctnat.aggregate.summarize)")
    if not found or not all(hasattr(x, "tally") for x in found):
        raise _not_a_result("likert_bars", obj, "item summaries (ctnat.aggregate.summarize)")
    options = list(found[0].tally.options)
    other = [x.item for x in found if list(x.tally.options) != options]
    if other:
        from ..errors import ValidationError

        raise ValidationError(
            f"items {', '.join(other)} use another scale than {found[0].item}",
            location="likert_bars / summaries",
            hint="chart the items of one scale together",
        )
    labels = list(found[0].option_labels or options)
    counts = [[x.tally.count(o) for o in options] for x in found]
    return [x.item for x in found], counts, labels


def _not_a_result(function: str, obj: object, wanted: str) -> Exception:
    from ..errors import ValidationError

    return ValidationError(
        f"{function} got a {type(obj).__name__}; give {wanted}, or the labels and values",
        location=function,
    )
