"""Turning :class:`Weights` into arrays for a layout, and every indicator's effective weight."""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

from ..errors import Problem, ValidationError
from ._engine import score_arrays
from ._layout import Layout
from ._method import Weights

__all__ = ["WeightArrays", "effective_weights", "resolve_weights"]

FloatArray = npt.NDArray[np.float64]


@attrs.frozen(eq=False)
class WeightArrays:
    """Normalised weights: criteria within their category, dimensions, categories."""

    criterion: FloatArray  # (n_criteria,), sums to 1 within each category
    dimension: FloatArray  # (2,), sums to 1
    category: FloatArray  # (n_categories,), sums to 1


def _mapping(given: dict[str, float] | None, ids: tuple[str, ...], what: str) -> FloatArray:
    if given is None:
        return np.ones(len(ids))
    problems = [
        Problem(
            f"weight for {what} {k!r}, which the indicator set does not have",
            location=f"weights.{what}",
        )
        for k in given
        if k not in ids
    ]
    problems += [
        Problem(
            f"no weight for {what} {k!r}; give every {what} a weight (0 to leave it out)",
            location=f"weights.{what}",
        )
        for k in ids
        if k not in given
    ]
    if problems:
        raise ValidationError(problems)
    return np.asarray([float(given[k]) for k in ids])


def resolve_weights(weights: Weights, layout: Layout) -> WeightArrays:
    """Check the weights against the layout and normalise each level to sum to one."""
    cat = _mapping(weights.categories, layout.categories, "categories")
    crit = _mapping(weights.criteria, layout.criteria, "criteria")
    per_cat = crit @ layout.membership
    empty = [layout.categories[k] for k in np.flatnonzero(per_cat <= 0)]
    if empty:
        raise ValidationError(
            f"the criteria of category {empty[0]} all have weight 0", location="weights.criteria"
        )
    crit_norm = crit / per_cat[layout.criterion_category]
    dim = np.asarray([weights.framework, weights.operational], dtype=np.float64)
    return WeightArrays(crit_norm, dim / dim.sum(), cat / cat.sum())


def effective_weights(
    counted: npt.NDArray[np.bool_], layout: Layout, w: WeightArrays
) -> FloatArray:
    """The weight of each indicator in the overall score under the additive rule and
    arithmetic aggregation, given which indicators count (renormalised over those).

    Computed by scoring one-hot rows, so it is exactly what the engine does.
    """
    n = len(layout.indicators)
    rows = np.where(counted[None, :], 0.0, np.nan) + np.eye(n) * counted[None, :]
    s = score_arrays(
        rows,
        layout,
        ladder=False,
        criterion_weights=w.criterion,
        dimension_weights=w.dimension,
        category_weights=w.category,
        geometric=False,
    )
    return np.where(counted, np.nan_to_num(s.overall, nan=0.0), 0.0)
