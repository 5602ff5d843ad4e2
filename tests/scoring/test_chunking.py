"""The Monte Carlo's draws are the same, bit for bit, whatever the chunking.

The reference is the implementation before the memory-budget chunking, kept
verbatim below (``reference_simulate``: ``ctnat.scoring._montecarlo.simulate`` as it
was at commit 29fe0ab, fixed chunks of 128 draws, with only its name and return
value changed; nothing in the library imports it). Equality is exact
(``assert_array_equal``, NaN equal to NaN), not approximate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat.errors import ValidationError
from ctnat.indicators import builtin
from ctnat.scoring import (
    AggregatorMix,
    PartlyMetDraw,
    Uncertainty,
    UnknownDraw,
    UnknownPolicy,
    WeightPerturbation,
    Weights,
)
from ctnat.scoring._engine import score_arrays, weighted_mean
from ctnat.scoring._layout import Layout
from ctnat.scoring._method import Uncertainty as _U
from ctnat.scoring._montecarlo import simulate
from ctnat.scoring._weighting import WeightArrays, resolve_weights

# --- the reference: the implementation before the chunking change (verbatim) ---

OLD_CHUNK = 128

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


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


def reference_simulate(
    values: FloatArray,
    unknown: BoolArray,
    layout: Layout,
    weights: WeightArrays,
    *,
    ladder: bool,
    geometric: bool,
    policy: UnknownPolicy,
    uncertainty: _U,
    keys: Sequence[str] | None = None,
    linear: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run the Monte Carlo for ``values`` (n_assessments, n_indicators).

    ``values`` holds 1 / 0.5 / 0 for judged indicators and NaN otherwise;
    ``unknown`` marks the unknown ones (not-applicable ones are NaN and not unknown).
    Only the positions that vary (unknown, partly met) are drawn. Under the additive
    rule, criterion scores are linear in those positions, which is used directly;
    the ladder rule scores full rows with :func:`score_arrays`. Both give the same
    result for the same draws (tested); ``linear=False`` forces the general path.
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
    out = np.empty((u.draws, n_a, n_cat + 1), dtype=np.float32)
    cat_w_all = np.empty((u.draws, n_cat))
    geo_all = np.empty(u.draws, dtype=bool)
    n_chunks = -(-u.draws // OLD_CHUNK)
    root = np.random.SeedSequence(u.seed)
    rng_w = _generator(root, (0, 0))
    rng_g = _generator(root, (0, 1))
    # one stream per assessment, keyed by the assessment itself: its draws do not
    # depend on the order of the assessments, on which others are compared, or on OLD_CHUNK
    rng_a = [_generator(root, (1, _stable_hash(key))) for key in keys]
    n_var = valid.sum(axis=1)
    blocks = int(u.unknown is not None) + int(u.partly_met is not None)
    positive = weights.category > 0
    for k in range(n_chunks):
        lo, hi = k * OLD_CHUNK, min((k + 1) * OLD_CHUNK, u.draws)
        d = hi - lo
        cat_w = np.broadcast_to(weights.category, (d, n_cat)).copy()
        if u.weights is not None and positive.sum() > 1:
            alpha = u.weights.concentration * weights.category[positive]
            cat_w[:, positive] = rng_w.dirichlet(alpha, size=d)
        if u.aggregator is not None:
            geo: BoolArray | bool = rng_g.random(d) < u.aggregator.geometric
        else:
            geo = geometric
        v = np.broadcast_to(fixed_at, (d, *pos.shape))
        if blocks:
            r = np.ones((d, blocks, *pos.shape))
            for a in range(n_a):
                r[:, :, a, : n_var[a]] = rng_a[a].random((d, blocks, n_var[a]))
            block = 0
            if u.unknown is not None:
                p_met, p_partly = u.unknown.met, u.unknown.partly_met
                ru = r[:, block]
                drawn = np.where(ru < p_met, 1.0, np.where(ru < p_met + p_partly, 0.5, 0.0))
                v = np.where(is_unknown, drawn, v)
                block += 1
            if u.partly_met is not None:
                rp = r[:, block]
                v = np.where(v == 0.5, (rp < u.partly_met.met).astype(np.float64), v)
        geo_rows = np.repeat(geo, n_a) if isinstance(geo, np.ndarray) else geo
        cat_rows = np.repeat(cat_w, n_a, axis=0)
        if fast:
            vv = np.where(valid, v, 0.0).transpose(1, 0, 2)  # (n_a, d, U)
            if geo_rows is False:
                cat = (cat_const[:, None, :] + np.matmul(vv, onehot_cat)).transpose(1, 0, 2)
            else:
                crit = (const[:, None, :] + np.matmul(vv, onehot)).transpose(1, 0, 2)
                cat = weighted_mean(
                    crit.reshape(d * n_a, -1), weights.criterion, layout.membership, geo_rows
                )
            cat = np.ascontiguousarray(cat).reshape(d * n_a, n_cat)
            one = np.ones((n_cat, 1))
            overall = weighted_mean(cat, cat_rows, one, geo_rows)[:, 0]
        else:
            full = np.broadcast_to(base_pad, (d, n_a, n_ind + 1)).copy()
            np.put_along_axis(full, np.broadcast_to(pos, v.shape), v, axis=2)
            s = score_arrays(
                full[:, :, :n_ind].reshape(d * n_a, n_ind),
                layout,
                ladder=ladder,
                criterion_weights=weights.criterion,
                dimension_weights=weights.dimension,
                category_weights=cat_rows,
                geometric=geo_rows,
            )
            cat, overall = s.category, s.overall
        out[lo:hi, :, :n_cat] = cat.reshape(d, n_a, n_cat)
        out[lo:hi, :, n_cat] = overall.reshape(d, n_a)
        cat_w_all[lo:hi] = cat_w / cat_w.sum(axis=1, keepdims=True)
        geo_all[lo:hi] = geo
        if progress is not None:
            progress(hi, u.draws)
    return out, cat_w_all, geo_all


# --- the tests ---

SET = builtin("ct-nat-2016")
LAYOUT = Layout.from_set(SET)
N = len(LAYOUT.indicators)
W = resolve_weights(Weights(), LAYOUT)

status_st = st.sampled_from([0.0, 0.5, 1.0, np.nan, np.nan])


@st.composite
def problems(draw: st.DrawFn) -> dict[str, object]:
    n_a = draw(st.integers(1, 5))
    values = np.asarray(
        draw(st.lists(st.lists(status_st, min_size=N, max_size=N), min_size=n_a, max_size=n_a))
    )
    unknown = np.asarray(
        draw(st.lists(st.lists(st.booleans(), min_size=N, max_size=N), min_size=n_a, max_size=n_a))
    ) & np.isnan(values)
    ladder = draw(st.booleans())
    policy = draw(st.sampled_from([UnknownPolicy.EXCLUDE, UnknownPolicy.NOT_MET]))
    u = Uncertainty(
        seed=draw(st.integers(0, 2**63)),
        draws=draw(st.integers(1, 300)),
        unknown=UnknownDraw() if draw(st.booleans()) else None,
        partly_met=PartlyMetDraw() if draw(st.booleans()) else None,
        weights=WeightPerturbation() if draw(st.booleans()) else None,
        aggregator=AggregatorMix() if draw(st.booleans()) else None,
    )
    return {
        "values": values,
        "unknown": unknown,
        "ladder": ladder,
        "geometric": draw(st.booleans()),
        "policy": policy,
        "uncertainty": u,
        "keys": [f"K{i}" for i in range(n_a)],
    }


def _run_both(p: dict[str, object], **extra: object) -> None:
    kw = dict(p)
    values, unknown = kw.pop("values"), kw.pop("unknown")
    ref_scores, ref_w, ref_geo = reference_simulate(values, unknown, LAYOUT, W, **kw)  # type: ignore[arg-type]
    new = simulate(values, unknown, LAYOUT, W, **kw, **extra)  # type: ignore[arg-type]
    np.testing.assert_array_equal(new.scores, ref_scores)
    np.testing.assert_array_equal(new.category_weights, ref_w)
    np.testing.assert_array_equal(new.geometric, ref_geo)


@settings(max_examples=60, deadline=None)
@given(p=problems())
def test_draws_equal_the_fixed_chunk_reference_bit_for_bit(p: dict[str, object]) -> None:
    _run_both(p)


@settings(max_examples=40, deadline=None)
@given(p=problems(), chunk=st.integers(1, 50), budget=st.sampled_from([1, 10_000, 10**6]))
def test_draws_do_not_depend_on_the_tile_shape(
    p: dict[str, object], chunk: int, budget: int
) -> None:
    """Tiles of one draw x one assessment up to all of them: the same bits."""
    _run_both(p, chunk=chunk)
    _run_both(p, budget=budget)


def test_tiles_never_have_a_single_row_when_more_are_possible() -> None:
    from ctnat.scoring._montecarlo import _draw_chunks, tile_shape

    assert tile_shape(10, 1, 10**9, budget=1) == (2, 1)
    assert tile_shape(1, 5, 10**9, budget=1) == (1, 2)
    assert tile_shape(1, 1, 10**9, budget=1) == (1, 1)
    assert _draw_chunks(7, 3) == [(0, 3), (3, 7)]
    assert _draw_chunks(6, 3) == [(0, 3), (3, 6)]
    assert _draw_chunks(1, 3) == [(0, 1)]
