"""The scoring arithmetic on numpy arrays, vectorised over a leading batch axis.

A batch row is one assessment under one set of assumptions (one Monte Carlo
draw, or one bound of an interval). Status values are on the fixed scale
not met = 0, partly met = 0.5, met = 1; ``NaN`` marks an indicator that does
not count (unknown under the exclude policy, not applicable, or absent).
Nothing is normalised across countries: the goalposts are the scale itself.
"""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

from ._layout import Layout

__all__ = ["Scores", "ladder_flags", "score_arrays", "unknown_below_flags", "weighted_mean"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@attrs.frozen(eq=False)
class Scores:
    """Scores for a batch; NaN where nothing under a node counts."""

    group: FloatArray  # (B, n_criteria, 2): per criterion, framework and operational
    criterion: FloatArray  # (B, n_criteria)
    category: FloatArray  # (B, n_categories)
    category_dim: FloatArray  # (B, n_categories, 2)
    overall: FloatArray  # (B,)
    overall_dim: FloatArray  # (B, 2)


def _divide(num: FloatArray, den: FloatArray) -> FloatArray:
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def weighted_mean(
    x: FloatArray, w: FloatArray, member: FloatArray, geometric: BoolArray | bool
) -> FloatArray:
    """Aggregate the last axis of ``x`` into groups given by ``member`` (n_in, n_out).

    Children that are NaN are left out and the weights of the others renormalised;
    a group with no child left is NaN. ``w`` (broadcast to ``x``) are raw weights.
    ``geometric`` (scalar or one flag per batch row) picks the weighted geometric
    mean, where any counted child of value 0 makes the group 0.
    """
    defined = ~np.isnan(x)
    wd = np.where(defined, w, 0.0)
    den = wd @ member
    x0 = np.where(defined, x, 0.0)
    arith = _divide((wd * x0) @ member, den)
    if geometric is False:
        return arith
    positive = defined & (x0 > 0)
    logs = np.log(np.where(positive, x0, 1.0))
    zero_hit = (np.where(defined & ~positive, wd, 0.0) @ member) > 0
    geo = np.exp(_divide((wd * logs) @ member, den))
    geo = np.where(zero_hit & (den > 0), 0.0, geo)
    if geometric is True:
        return geo
    flags = np.asarray(geometric, dtype=bool).reshape((-1,) + (1,) * (x.ndim - 1))
    return np.where(flags, geo, arith)


def score_arrays(
    values: FloatArray,
    layout: Layout,
    *,
    ladder: bool,
    criterion_weights: FloatArray,
    dimension_weights: FloatArray,
    category_weights: FloatArray,
    geometric: BoolArray | bool,
) -> Scores:
    """Score a batch of status-value rows ``values`` (B, n_indicators).

    ``criterion_weights`` (n_criteria,), ``dimension_weights`` (2,) and
    ``category_weights`` ((n_categories,) or (B, n_categories)) are raw weights.
    """
    values = np.asarray(values, dtype=np.float64)
    batch = values.shape[0]
    padded = np.concatenate([values, np.full((batch, 1), np.nan)], axis=1)
    g = padded[:, layout.groups]  # -1 picks the NaN column: (B, C, 2, L)
    if ladder:
        capped = np.fmin.accumulate(g, axis=-1)  # fmin skips NaN below
        g = np.where(np.isnan(g), np.nan, capped)
    counted = ~np.isnan(g)
    n = counted.sum(axis=-1)
    group = _divide(np.where(counted, g, 0.0).sum(axis=-1), n.astype(np.float64))

    dim_member = np.ones((2, 1))
    criterion = weighted_mean(group, dimension_weights, dim_member, False)[..., 0]

    member = layout.membership
    category = weighted_mean(criterion, criterion_weights, member, geometric)
    category_dim = np.stack(
        [weighted_mean(group[..., d], criterion_weights, member, geometric) for d in (0, 1)],
        axis=-1,
    )
    cat_w = np.broadcast_to(np.asarray(category_weights, dtype=np.float64), category.shape)
    one = np.ones((len(layout.categories), 1))
    overall = weighted_mean(category, cat_w, one, geometric)[..., 0]
    overall_dim = np.stack(
        [weighted_mean(category_dim[..., d], cat_w, one, geometric)[..., 0] for d in (0, 1)],
        axis=-1,
    )
    return Scores(group, criterion, category, category_dim, overall, overall_dim)


def ladder_flags(values: FloatArray, layout: Layout) -> list[tuple[int, int]]:
    """Pairs (higher, lower) of indicator positions where a higher level is judged
    above a lower level of the same criterion and dimension (e.g. level 2 met, level 1 not met).
    ``values`` is one row (n_indicators,) with NaN for what is not judged.
    """
    flags: list[tuple[int, int]] = []
    for c in range(layout.groups.shape[0]):
        for d in (0, 1):
            members = [int(p) for p in layout.groups[c, d] if p >= 0]
            for k, hi in enumerate(members):
                for lo in members[:k]:
                    if (
                        not np.isnan(values[hi])
                        and not np.isnan(values[lo])
                        and values[hi] > values[lo]
                    ):
                        flags.append((hi, lo))
    return flags


def unknown_below_flags(
    values: FloatArray, unknown: BoolArray, layout: Layout
) -> list[tuple[int, int]]:
    """Pairs (higher, lower) where a judged level stands over an unknown lower level of the
    same criterion and dimension. Under the ladder rule with unknowns left out, the
    higher level then counts alone: level 2 met over an unknown level 1 scores 1.0.
    """
    flags: list[tuple[int, int]] = []
    for c in range(layout.groups.shape[0]):
        for d in (0, 1):
            members = [int(p) for p in layout.groups[c, d] if p >= 0]
            for k, hi in enumerate(members):
                if np.isnan(values[hi]):
                    continue
                flags += [(hi, lo) for lo in members[:k] if unknown[lo]]
    return flags
