"""Seeded, vectorised Monte Carlo over the uncertain assumptions of a comparison.

Every random stream is derived from ``SeedSequence(seed)`` with a fixed key:
one for the category weights, one for the aggregator, and one per assessment,
keyed by its (country, round). The draws of an assessment therefore do not
depend on the order of the assessments, on which others are compared, or on the
tiles used to bound memory (:func:`tile_shape`: as many assessments x draws at a
time as fit :data:`MEMORY_BUDGET`; tested bit for bit against fixed chunks).
Within a draw, every assessment shares the same weights and aggregator, so
differences between assessments come from their statuses only.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from ..errors import ValidationError
from ._engine import score_arrays, weighted_mean
from ._layout import Layout
from ._method import Uncertainty, UnknownPolicy
from ._weighting import WeightArrays

__all__ = ["MEMORY_BUDGET", "Draws", "cell_bytes", "simulate", "tile_shape"]

#: Working memory (bytes) a tile of the Monte Carlo may use; see :func:`tile_shape`.
MEMORY_BUDGET = 16 * 2**20

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@attrs.frozen(eq=False)
class Draws:
    """Scores of every replication and the parameters that produced each one."""

    by_assessment: npt.NDArray[np.float32]  # (n_assessments, n_categories + 1, draws)
    category_weights: FloatArray  # (draws, n_categories), normalised
    geometric: BoolArray  # (draws,)
    seed: int
    chunk: int  # draws per tile
    tile_assessments: int  # assessments per tile
    undefined: BoolArray  # (n_assessments, n_categories + 1): NaN in at least one draw

    @property
    def scores(self) -> npt.NDArray[np.float32]:
        """(draws, n_assessments, n_categories + 1) view; the last column is overall."""
        return self.by_assessment.transpose(2, 0, 1)

    @property
    def n(self) -> int:
        """The number of draws."""
        return int(self.by_assessment.shape[2])


def _positions(mask: BoolArray) -> tuple[npt.NDArray[np.intp], BoolArray]:
    """Per row, the column indices where ``mask`` is true, padded (pad index = n_columns)."""
    n_rows, n_cols = mask.shape
    width = int(mask.sum(axis=1).max(initial=0))
    idx = np.full((n_rows, width), n_cols, dtype=np.intp)
    valid = np.zeros((n_rows, width), dtype=bool)
    for r in range(n_rows):
        cols = np.flatnonzero(mask[r])
        idx[r, : cols.size] = cols
        valid[r, : cols.size] = True
    return idx, valid


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _generator(root: np.random.SeedSequence, key: tuple[int, ...]) -> np.random.Generator:
    seq = np.random.SeedSequence(root.entropy, spawn_key=key)
    return np.random.Generator(np.random.PCG64(seq))


def criterion_coefficients(
    counted: BoolArray, layout: Layout, weights: WeightArrays
) -> tuple[FloatArray, BoolArray]:
    """Under the additive rule a criterion score is linear in its indicators' values once
    it is fixed which indicators count: coefficient (n_rows, n_indicators) of each
    indicator in its criterion's score, and which criteria have anything counted.
    """
    n_rows, n_ind = counted.shape
    padded = np.concatenate([counted, np.zeros((n_rows, 1), dtype=bool)], axis=1)
    g = padded[:, layout.groups]  # (R, C, 2, L)
    n_group = g.sum(axis=-1)  # (R, C, 2)
    dim_w = np.where(n_group > 0, weights.dimension, 0.0)
    norm = dim_w.sum(axis=-1)  # (R, C)
    coef_group = np.zeros_like(dim_w)
    np.divide(dim_w, n_group * norm[..., None], out=coef_group, where=n_group > 0)
    coef = np.zeros((n_rows, n_ind + 1))
    for d in (0, 1):
        for k in range(layout.groups.shape[2]):
            pos = layout.groups[:, d, k]  # (C,)
            coef[:, pos] = np.where(g[:, :, d, k], coef_group[:, :, d], 0.0)
    return coef[:, :n_ind], norm > 0


def _categorical(r: FloatArray, p_met: float, p_partly: float) -> FloatArray:
    """1 where ``r < p_met``, 0.5 where ``p_met <= r < p_met + p_partly``, else 0.

    The same values as two nested ``np.where`` (exact: sums of halves), several times faster.
    """
    out = (r < p_met).astype(np.float64)
    out += r < p_met + p_partly
    out *= 0.5
    return out


def _overall(cat: FloatArray, cat_w: FloatArray, geometric: BoolArray | bool) -> FloatArray:
    """``weighted_mean(cat, cat_w, ones, geometric)[:, 0]``, with the same operations on the
    same arrays, skipping the masks when every category is defined and the mean arithmetic."""
    one = np.ones((cat.shape[1], 1))
    if geometric is not False or np.isnan(cat).any():
        return weighted_mean(cat, cat_w, one, geometric)[:, 0]
    den = cat_w @ one
    out = np.full(den.shape, np.nan)
    np.divide((cat_w * cat) @ one, den, out=out, where=den > 0)
    return out[:, 0]


def cell_bytes(width: int, blocks: int, n_ind: int, n_crit: int, n_cat: int, general: bool) -> int:
    """Working bytes per (assessment, draw) cell of a tile: the uniform draws, the drawn
    values and their temporaries (``width`` varying positions each), the criterion and
    category scores with the temporaries of the weighted means, and, on the general
    path (ladder rule), the full indicator rows with :func:`score_arrays`' temporaries.
    An upper estimate; the benchmark checks the peak it leads to.
    """
    per = width * (blocks + 6) + 12 * n_crit + 12 * n_cat + 8
    if general:
        per += 14 * (n_ind + 1)
    return 8 * per


def tile_shape(
    draws: int,
    n_assessments: int,
    cell: int,
    *,
    budget: int = MEMORY_BUDGET,
    chunk: int | None = None,
) -> tuple[int, int]:
    """(draws per tile, assessments per tile) whose working memory fits ``budget`` bytes.

    A tile takes all the draws of as many assessments as fit (so each assessment's
    random stream is read in long runs), and splits the draws only when one
    assessment's draws alone exceed the budget. ``chunk`` fixes the draws per tile
    (tests use it to show the tiling does not change a single bit).
    """
    cells = max(1, budget // max(cell, 1))
    d = max(1, min(draws, chunk if chunk is not None else cells))
    b = max(1, min(n_assessments, cells // d))
    # Never a tile of one row when there could be more: numpy's matrix product of a
    # single row takes another path (a dot product) whose last bit can differ.
    if draws > 1:
        d = max(d, 2)
    elif n_assessments > 1:
        b = max(b, 2)
    return d, b


def _draw_chunks(draws: int, d: int) -> list[tuple[int, int]]:
    """Consecutive (lo, hi) draw ranges of ``d`` draws; a last range of one draw joins the one before."""
    bounds = [*range(0, draws, d), draws]
    if len(bounds) > 2 and bounds[-1] - bounds[-2] == 1:
        del bounds[-2]
    return list(itertools.pairwise(bounds))


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
    keys: Sequence[str] | None = None,
    linear: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
    budget: int | None = None,
    chunk: int | None = None,
) -> Draws:
    """Run the Monte Carlo for ``values`` (n_assessments, n_indicators).

    ``values`` holds 1 / 0.5 / 0 for judged indicators and NaN otherwise;
    ``unknown`` marks the unknown ones (not-applicable ones are NaN and not unknown).
    Only the positions that vary (unknown, partly met) are drawn. Under the additive
    rule, criterion scores are linear in those positions, which is used directly;
    the ladder rule scores full rows with :func:`score_arrays`. Both give the same
    result for the same draws (tested); ``linear=False`` forces the general path.

    Memory: the result holds draws x assessments x (categories + 1) float32 scores
    (480 MB at 2,000 assessments x 10,000 draws); the work is done in tiles of at
    most ``budget`` bytes (default :data:`MEMORY_BUDGET`) shaped by :func:`tile_shape`.
    Time is linear in draws x assessments x varying positions.
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
    keys = list(keys) if keys is not None else [f"row {i}" for i in range(n_a)]
    if len(set(keys)) != n_a:
        raise ValueError("each assessment needs its own key")
    base = values.copy()
    if u.unknown is None and policy is UnknownPolicy.NOT_MET:
        base = np.where(unknown, 0.0, base)
    drawn_unknown = unknown if u.unknown is not None else np.zeros_like(unknown)
    varying = drawn_unknown | ((base == 0.5) if u.partly_met is not None else False)
    pos, valid = _positions(varying)  # (n_a, U)
    is_unknown = np.take_along_axis(
        np.concatenate([drawn_unknown, np.zeros((n_a, 1), dtype=bool)], axis=1), pos, axis=1
    )
    base_pad = np.concatenate([base, np.full((n_a, 1), np.nan)], axis=1)
    fixed_at = np.take_along_axis(base_pad, pos, axis=1)  # recorded partly -> 0.5
    counted = ~np.isnan(base) | drawn_unknown
    fast = not ladder if linear is None else linear
    if fast and ladder:
        raise ValueError("the linear path applies to the additive rule only")
    if fast:
        coef, crit_defined = criterion_coefficients(counted, layout, weights)
        member = np.zeros((n_ind, len(layout.criteria)))
        for c in range(len(layout.criteria)):
            for p in layout.groups[c].ravel():
                if p >= 0:
                    member[p, c] = 1.0
        const = (np.where(np.isnan(base) | varying, 0.0, base) * coef) @ member  # (n_a, C)
        const = np.where(crit_defined, const, np.nan)
        coef_pad = np.concatenate([coef, np.zeros((n_a, 1))], axis=1)
        coef_v = np.take_along_axis(coef_pad, pos, axis=1) * valid  # (n_a, U)
        member_pad = np.concatenate([member, np.zeros((1, member.shape[1]))], axis=0)
        onehot = member_pad[pos] * coef_v[..., None]  # (n_a, U, C)
        # Arithmetic categories are linear in the criteria too (the defined criteria
        # are fixed per assessment): fold criterion weights into the coefficients.
        member_cat = layout.membership
        wc = np.where(crit_defined, weights.criterion, 0.0)  # (n_a, C)
        den = wc @ member_cat  # (n_a, K)
        share = np.zeros_like(wc)
        np.divide(wc, den[:, layout.criterion_category], out=share, where=wc > 0)
        cat_const = np.where(den > 0, (np.nan_to_num(const) * share) @ member_cat, np.nan)
        onehot_cat = (onehot * share[:, None, :]) @ member_cat  # (n_a, U, K)
    width = pos.shape[1]  # the widest assessment; tiles use their own width
    blocks = int(u.unknown is not None) + int(u.partly_met is not None)
    cell = cell_bytes(width, blocks, n_ind, len(layout.criteria), n_cat, general=not fast)
    budget = MEMORY_BUDGET if budget is None else budget
    d_tile, b_tile = tile_shape(u.draws, n_a, cell, budget=budget, chunk=chunk)
    root = np.random.SeedSequence(u.seed)
    rng_w = _generator(root, (0, 0))
    rng_g = _generator(root, (0, 1))
    # The parameters shared by every assessment in a draw: drawn in draw order, so
    # the same whatever the tile shape.
    positive = weights.category > 0
    cat_w_all = np.broadcast_to(weights.category, (u.draws, n_cat)).copy()
    if u.weights is not None and positive.sum() > 1:
        alpha = u.weights.concentration * weights.category[positive]
        for lo in range(0, u.draws, d_tile):
            hi = min(lo + d_tile, u.draws)
            cat_w_all[lo:hi, positive] = rng_w.dirichlet(alpha, size=hi - lo)
    geo_all = np.empty(u.draws, dtype=bool)
    if u.aggregator is not None:
        for lo in range(0, u.draws, d_tile):
            hi = min(lo + d_tile, u.draws)
            geo_all[lo:hi] = rng_g.random(hi - lo) < u.aggregator.geometric
    else:
        geo_all[:] = geometric
    # one stream per assessment, keyed by the assessment itself: its draws do not
    # depend on the order of the assessments, on which others are compared, or on the tiles
    n_var = valid.sum(axis=1)
    out = np.empty((n_a, n_cat + 1, u.draws), dtype=np.float32)
    undefined = np.zeros((n_a, n_cat + 1), dtype=bool)
    total, done = n_a * u.draws, 0
    # Assessments are tiled in order of how many positions vary, so that a tile is
    # only as wide as its widest member (the padding adds exact zeros, nothing else).
    fixed0 = np.where(valid, fixed_at, 0.0)  # padding 0: adds nothing to any score
    by_width = np.argsort(n_var, kind="stable")
    for t0 in range(0, n_a, b_tile):
        idx = by_width[t0 : t0 + b_tile]
        nb = idx.size
        tw = int(n_var[idx].max(initial=0))
        rng_a = [_generator(root, (1, _stable_hash(keys[a]))) for a in idx]
        t_fixed, t_unknown = fixed0[idx, :tw], is_unknown[idx, :tw]
        padded = bool((n_var[idx] < tw).any())
        for lo, hi in _draw_chunks(u.draws, d_tile):
            d = hi - lo
            cat_w = cat_w_all[lo:hi]
            geo: BoolArray | bool = geo_all[lo:hi] if u.aggregator is not None else geometric
            v: FloatArray = np.broadcast_to(t_fixed[:, None, :], (nb, d, tw))
            if blocks:
                r = np.ones((nb, d, blocks, tw)) if padded else np.empty((nb, d, blocks, tw))
                for k, a in enumerate(idx):
                    r[k, :, :, : n_var[a]] = rng_a[k].random((d, blocks, n_var[a]))
                block = 0
                if u.unknown is not None:
                    drawn = _categorical(r[:, :, block], u.unknown.met, u.unknown.partly_met)
                    if padded or u.partly_met is not None:
                        v = np.where(t_unknown[:, None, :], drawn, v)
                    else:  # every position of the tile is an unknown one
                        v = drawn
                    block += 1
                if u.partly_met is not None:
                    rp = r[:, :, block]
                    v = np.where(v == 0.5, (rp < u.partly_met.met).astype(np.float64), v)
            geo_rows = np.tile(geo, nb) if isinstance(geo, np.ndarray) else geo
            cat_rows = np.tile(cat_w, (nb, 1))
            if fast:
                if geo_rows is False:
                    cat = cat_const[idx, None, :] + np.matmul(v, onehot_cat[idx, :tw])
                else:
                    crit = const[idx, None, :] + np.matmul(v, onehot[idx, :tw])
                    cat = weighted_mean(
                        crit.reshape(nb * d, -1), weights.criterion, layout.membership, geo_rows
                    )
                cat = cat.reshape(nb * d, n_cat)
                overall = _overall(cat, cat_rows, geo_rows)
            else:
                full = np.broadcast_to(base_pad[idx, None, :], (nb, d, n_ind + 1)).copy()
                np.put_along_axis(full, np.broadcast_to(pos[idx, None, :tw], v.shape), v, axis=2)
                s = score_arrays(
                    full[:, :, :n_ind].reshape(nb * d, n_ind),
                    layout,
                    ladder=ladder,
                    criterion_weights=weights.criterion,
                    dimension_weights=weights.dimension,
                    category_weights=cat_rows,
                    geometric=geo_rows,
                )
                cat, overall = s.category, s.overall
            tile = np.empty((nb, n_cat + 1, d), dtype=np.float32)
            tile[:, :n_cat] = cat.reshape(nb, d, n_cat).transpose(0, 2, 1)
            tile[:, n_cat] = overall.reshape(nb, d)
            out[idx, :, lo:hi] = tile
            undefined[idx] |= np.isnan(tile).any(axis=2)
            done += nb * d
            if progress is not None:
                progress(done, total)
    cat_w_all /= cat_w_all.sum(axis=1, keepdims=True)
    return Draws(out, cat_w_all, geo_all, u.seed, d_tile, b_tile, undefined)
