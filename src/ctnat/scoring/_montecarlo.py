"""Seeded, vectorised Monte Carlo over the uncertain assumptions of a comparison.

Draws are made in fixed chunks of :data:`CHUNK` replications, each chunk with
its own generator spawned from ``SeedSequence(seed)``, so the same seed and
inputs give the same draws on any machine, whatever the memory available.
Within a draw, every assessment shares the same weights and aggregator, so
differences between assessments come from their statuses only.
"""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

from ..errors import ValidationError
from ._engine import score_arrays
from ._layout import Layout
from ._method import Uncertainty, UnknownPolicy
from ._weighting import WeightArrays

__all__ = ["CHUNK", "Draws", "simulate"]

CHUNK = 128

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@attrs.frozen(eq=False)
class Draws:
    """Scores of every replication and the parameters that produced each one."""

    scores: npt.NDArray[np.float32]  # (draws, n_assessments, n_categories + 1); last = overall
    category_weights: FloatArray  # (draws, n_categories), normalised
    geometric: BoolArray  # (draws,)
    seed: int
    chunk: int


def simulate(
    values: FloatArray,
    unknown: BoolArray,
    layout: Layout,
    weights: WeightArrays,
    *,
    ladder: bool,
    geometric: bool,
    policy: UnknownPolicy,
    uncertainty: Uncertainty,
) -> Draws:
    """Run the Monte Carlo for ``values`` (n_assessments, n_indicators).

    ``values`` holds 1 / 0.5 / 0 for judged indicators and NaN otherwise;
    ``unknown`` marks the unknown ones (not-applicable ones are NaN and not unknown).
    """
    u = uncertainty
    if policy is UnknownPolicy.PROPAGATE and u.unknown is None:
        raise ValidationError(
            "the propagate policy needs a distribution for unknown statuses",
            location="uncertainty.unknown",
            hint="pass Uncertainty(unknown=UnknownDraw(...)) or choose another policy",
        )
    n_a, n_ind = values.shape
    n_cat = len(layout.categories)
    base = values.copy()
    if u.unknown is None and policy is UnknownPolicy.NOT_MET:
        base = np.where(unknown, 0.0, base)
    any_unknown = bool(unknown.any()) and u.unknown is not None
    partly = base == 0.5
    out = np.empty((u.draws, n_a, n_cat + 1), dtype=np.float32)
    cat_w_all = np.empty((u.draws, n_cat))
    geo_all = np.empty(u.draws, dtype=bool)
    n_chunks = -(-u.draws // CHUNK)
    children = np.random.SeedSequence(u.seed).spawn(n_chunks)
    positive = weights.category > 0
    for k, child in enumerate(children):
        rng = np.random.Generator(np.random.PCG64(child))
        lo, hi = k * CHUNK, min((k + 1) * CHUNK, u.draws)
        d = hi - lo
        cat_w = np.broadcast_to(weights.category, (d, n_cat)).copy()
        if u.weights is not None and positive.sum() > 1:
            alpha = u.weights.concentration * weights.category[positive]
            cat_w[:, positive] = rng.dirichlet(alpha, size=d)
        if u.aggregator is not None:
            geo: BoolArray | bool = rng.random(d) < u.aggregator.geometric
        else:
            geo = geometric
        vals = np.broadcast_to(base, (d, n_a, n_ind))
        if any_unknown and u.unknown is not None:
            r = rng.random((d, n_a, n_ind))
            drawn = np.where(
                r < u.unknown.met, 1.0, np.where(r < u.unknown.met + u.unknown.partly_met, 0.5, 0.0)
            )
            vals = np.where(unknown, drawn, vals)
        if u.partly_met is not None:
            r = rng.random((d, n_a, n_ind))
            resolved = (r < u.partly_met.met).astype(np.float64)
            is_partly = (vals == 0.5) if any_unknown else np.broadcast_to(partly, vals.shape)
            vals = np.where(is_partly, resolved, vals)
        flat = np.ascontiguousarray(vals).reshape(d * n_a, n_ind)
        geo_flat = np.repeat(geo, n_a) if isinstance(geo, np.ndarray) else geo
        s = score_arrays(
            flat,
            layout,
            ladder=ladder,
            criterion_weights=weights.criterion,
            dimension_weights=weights.dimension,
            category_weights=np.repeat(cat_w, n_a, axis=0),
            geometric=geo_flat,
        )
        out[lo:hi, :, :n_cat] = s.category.reshape(d, n_a, n_cat)
        out[lo:hi, :, n_cat] = s.overall.reshape(d, n_a)
        cat_w_all[lo:hi] = cat_w / cat_w.sum(axis=1, keepdims=True)
        geo_all[lo:hi] = geo
    return Draws(out, cat_w_all, geo_all, u.seed, CHUNK)
