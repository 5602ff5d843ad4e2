"""Monte Carlo comparison: ``ctnat.compare`` against a numpy per-draw loop.

Grid: 10, 200 and 2,000 assessments (2,000 = 200 countries x 10 rounds) x 1,000
and 10,000 draws, on the 100-indicator set (unknown statuses drawn, category
weights perturbed; additive rule, arithmetic means, exclude policy).

The baseline is what a competent engineer writes without ctnat: a loop over draws,
each draw vectorised over every assessment with numpy (masked means level ->
dimension -> criterion -> category -> overall), producing the same outputs (every
category and the overall score of every assessment in every draw). It starts from
ready arrays; ctnat starts from the assessment models (its own conversion is
timed). Where the loop would run for minutes it runs a part of the draws and is
scaled linearly (it does the same work per draw); the table says so. A second
line times the pure-Python loop at 200 assessments the same way.

ctnat is timed for ``compare()`` alone (the headline ratio), and again with rank
probabilities (sorting per draw) and the neighbour pairs, which the loop does not
compute at all. "all pairs" is ``prob_matrix()``: every pair in every draw,
O(draws x n^2). Peak memory is measured with tracemalloc in a separate, untimed run.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

import numpy as np

from benchmarks._measure import best_time, exponent, peak_bytes
from ctnat.assessment import Assessment, Status, country_codes
from ctnat.examples import synthetic
from ctnat.indicators import builtin
from ctnat.scoring import Uncertainty, UnknownDraw, UnknownPolicy, WeightPerturbation, compare
from ctnat.scoring._engine import score_arrays
from ctnat.scoring._layout import Layout

VALUE = {Status.MET: 1.0, Status.PARTLY_MET: 0.5, Status.NOT_MET: 0.0}
MEMORY_BOUND = 1.5e9  # item 1 of issue 14: 2,000 x 10,000 with probabilities under 1.5 GB
LOOP_CELLS = 2_000_000  # the numpy loop runs at most this many assessment-draws, then scales


def make_assessments(n: int) -> list[Assessment]:
    """n synthetic assessments: one round per country up to 200, then 10 rounds of 200."""
    codes = list(country_codes())
    if n <= 200:
        return [synthetic(c, unknown_share=0.1) for c in codes[:n]]
    rounds = -(-n // 200)
    return [
        synthetic(c, dt.date(2016 + r, 4, 30), salt=f"round-{r}", unknown_share=0.1)
        for r in range(rounds)
        for c in codes[:200]
    ][:n]


def status_arrays(assessments: list[Assessment], layout: Layout) -> tuple[np.ndarray, np.ndarray]:
    """Values (NaN unless judged) and the unknown mask, for the baselines (untimed)."""
    pos = layout.index()
    values = np.full((len(assessments), len(pos)), np.nan)
    unknown = np.zeros(values.shape, dtype=bool)
    for i, a in enumerate(assessments):
        for s in a.statuses:
            if s.status in VALUE:
                values[i, pos[s.indicator]] = VALUE[s.status]
            elif s.status is Status.UNKNOWN:
                unknown[i, pos[s.indicator]] = True
    return values, unknown


# -- the baseline: a numpy loop over draws, vectorised over assessments ----------------


def score_numpy(v: np.ndarray, groups: np.ndarray, member: np.ndarray, w: np.ndarray) -> Any:
    """Category (n, K) and overall (n,) scores of rows ``v``: masked means, NaN = left out."""
    g = v[:, groups]  # (n, criteria, 2 dimensions, levels)
    ok = ~np.isnan(g)
    dim = np.where(ok, g, 0.0).sum(axis=3) / ok.sum(axis=3)
    has = ~np.isnan(dim)
    crit = np.where(has, dim, 0.0).sum(axis=2) / has.sum(axis=2)
    has = ~np.isnan(crit)
    cat = (np.where(has, crit, 0.0) @ member) / (has @ member)
    has = ~np.isnan(cat)
    return cat, (np.where(has, cat, 0.0) @ w) / (has @ w)


def numpy_loop(
    values: np.ndarray, unknown: np.ndarray, layout: Layout, draws: int, seed: int
) -> Any:
    """Every draw: Dirichlet weights, the unknowns drawn 1/3 each, every assessment scored."""
    rng = np.random.default_rng(seed)
    member, groups = layout.membership, layout.groups
    assert (groups >= 0).all(), "the baseline assumes every criterion has both levels"
    n_cat = member.shape[1]
    cats = np.empty((draws, values.shape[0], n_cat))
    overall = np.empty((draws, values.shape[0]))
    alpha = np.full(n_cat, 20.0 / n_cat)
    v = values.copy()
    n_unknown = int(unknown.sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        for d in range(draws):
            w = rng.dirichlet(alpha)
            r = rng.random(n_unknown)
            v[unknown] = np.where(r < 1 / 3, 1.0, np.where(r < 2 / 3, 0.5, 0.0))
            cats[d], overall[d] = score_numpy(v, groups, member, w)
    return cats, overall


# -- the second baseline: pure Python ----------------------------------------------------


def _structure(layout: Layout) -> list[list[list[list[int]]]]:
    """categories -> criteria -> (framework, operational) -> indicator positions."""
    cats: list[list[list[list[int]]]] = [[] for _ in layout.categories]
    for c, k in enumerate(layout.criterion_category):
        cats[k].append([[int(p) for p in layout.groups[c, d] if p >= 0] for d in (0, 1)])
    return cats


def score_python(
    values: list[float | None], cats: list[list[list[list[int]]]], w: list[float]
) -> float:
    """Additive rule, arithmetic means, unknowns (None) excluded and renormalised."""
    num = den = 0.0
    for wk, crits in zip(w, cats, strict=True):
        c_sum = c_n = 0.0
        for dims in crits:
            d_sum = d_n = 0.0
            for members in dims:
                got = [x for p in members if (x := values[p]) is not None]
                if got:
                    d_sum += sum(got) / len(got)
                    d_n += 1
            if d_n:
                c_sum += d_sum / d_n
                c_n += 1
        if c_n:
            num += wk * c_sum / c_n
            den += wk
    return num / den if den else math.nan


def python_loop(
    values: np.ndarray, unknown: np.ndarray, layout: Layout, draws: int, seed: int
) -> None:
    cats = _structure(layout)
    rows = [[None if math.isnan(x) else float(x) for x in row] for row in values]
    rng = random.Random(seed)
    for _ in range(draws):
        g = [rng.gammavariate(20.0 / 5, 1.0) for _ in range(5)]
        w = [x / sum(g) for x in g]
        for row, unk in zip(rows, unknown.tolist(), strict=True):
            vals = [
                (1.0 if (r := rng.random()) < 1 / 3 else 0.5 if r < 2 / 3 else 0.0) if u else x
                for x, u in zip(row, unk, strict=True)
            ]
            score_python(vals, cats, w)


# -- ctnat -------------------------------------------------------------------------------


def run_ctnat(assessments: list[Assessment], draws: int, probabilities: bool) -> Any:
    u = Uncertainty(seed=1, draws=draws, unknown=UnknownDraw(), weights=WeightPerturbation())
    cmp = compare(assessments, unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    if probabilities:
        cmp.rank_probabilities()
        cmp.pair_probabilities("neighbours")
    return cmp


def _check(layout: Layout, assessments: list[Assessment]) -> None:
    """The baselines score like ctnat's engine (recorded statuses, equal weights)."""
    values, unknown = status_arrays(assessments, layout)
    engine = score_arrays(
        values,
        layout,
        ladder=False,
        criterion_weights=np.ones(len(layout.criteria)),
        dimension_weights=np.ones(2),
        category_weights=np.full(5, 0.2),
        geometric=False,
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        cat, overall = score_numpy(values, layout.groups, layout.membership, np.full(5, 0.2))
    assert np.allclose(overall, engine.overall, equal_nan=True), "numpy baseline disagrees"
    assert np.allclose(cat, engine.category, equal_nan=True), "numpy baseline disagrees"
    rows = [[None if math.isnan(x) else float(x) for x in r] for r in values]
    plain = [score_python(r, _structure(layout), [0.2] * 5) for r in rows]
    assert np.allclose(plain, engine.overall), "python baseline disagrees"
    # same distribution: mean overall score per assessment over the draws
    cmp = run_ctnat(assessments, 2000, probabilities=False)
    _, loop = numpy_loop(values, unknown, layout, 2000, seed=1)
    assert cmp.draws is not None
    gap = np.abs(cmp.draws.scores[:, :, -1].mean(axis=0) - loop.mean(axis=0)).max()
    assert gap < 0.01, f"ctnat and the loop draw different distributions ({gap:.3f})"


def main(quick: bool = False) -> None:
    sizes = [5, 20] if quick else [10, 200, 2000]
    draw_counts = [100, 200] if quick else [1000, 10_000]
    layout = Layout.from_set(builtin("ct-nat-2016"))
    pool = make_assessments(max(sizes))
    _check(layout, pool[: min(len(pool), 20)])
    print("compare(): ctnat against a numpy per-draw loop vectorised over assessments")
    print(
        f"grid: assessments {sizes} x draws {draw_counts}; {len(layout.indicators)} indicators; "
        "unknown statuses drawn (share 0.1), category weights perturbed"
    )
    head = (
        f"{'assess.':>7} {'draws':>6} | {'ctnat s':>8} {'loop s':>8} {'ratio':>6} | "
        f"{'+probs s':>8} {'ratio':>6} | {'all pairs s':>11} | {'peak MB':>8} {'tile':>11}"
    )
    print(head)
    print("-" * len(head))
    t_c: dict[tuple[int, int], float] = {}
    t_l: dict[tuple[int, int], float] = {}
    peaks: dict[tuple[int, int], int] = {}
    for n in sizes:
        chosen = pool[:n]
        values, unknown = status_arrays(chosen, layout)
        for draws in draw_counts:
            repeat = 3 if n * draws <= 2_000_000 else 1
            tc, cmp = best_time(lambda: run_ctnat(chosen, draws, False), repeat)  # noqa: B023
            tp, _ = best_time(lambda: run_ctnat(chosen, draws, True), repeat)  # noqa: B023
            ran = min(draws, max(1, LOOP_CELLS // n))
            tl_run, _ = best_time(lambda: numpy_loop(values, unknown, layout, ran, 1), 1)  # noqa: B023
            tl = tl_run * draws / ran
            if n * n * draws <= 4e9:
                ta, _ = best_time(cmp.prob_matrix, 1)
                all_pairs = f"{ta:11.2f}"
            else:
                all_pairs = f"{'(O(D n^2))':>11}"
            peak = peak_bytes(lambda: run_ctnat(chosen, draws, True))  # noqa: B023
            t_c[n, draws], t_l[n, draws], peaks[n, draws] = tc, tl, peak
            scaled = "" if ran == draws else f"  (loop ran {ran:,} draws, scaled)"
            print(
                f"{n:>7} {draws:>6} | {tc:8.3f} {tl:8.3f} {tl / tc:5.1f}x | "
                f"{tp:8.3f} {tl / tp:5.1f}x | {all_pairs} | {peak / 1e6:8.1f} "
                f"{cmp.draws.chunk:>5}x{cmp.draws.tile_assessments:<5}{scaled}"
            )
    print(
        "ratio numpy-loop / ctnat: 'ratio' columns (compare() alone; with rank and pair probabilities)"
    )
    print("tile: draws x assessments per tile of the Monte Carlo (from its memory budget)")
    big, d_max = max(sizes), max(draw_counts)
    if len(sizes) > 1:
        a, b = sizes[-2], sizes[-1]
        print(
            f"growth exponent over assessments ({a} -> {b}, {d_max} draws): "
            f"ctnat {exponent(a, t_c[a, d_max], b, t_c[b, d_max]):.2f}, "
            f"loop {exponent(a, t_l[a, d_max], b, t_l[b, d_max]):.2f}"
        )
    if len(draw_counts) > 1:
        a, b = draw_counts[-2], draw_counts[-1]
        print(
            f"growth exponent over draws ({a} -> {b}, {big} assessments): "
            f"ctnat {exponent(a, t_c[big, a], b, t_c[big, b]):.2f}, "
            f"loop {exponent(a, t_l[big, a], b, t_l[big, b]):.2f}"
        )
    peak = peaks[big, d_max]
    verdict = "within" if peak < MEMORY_BOUND else "OVER"
    print(
        f"peak memory at {big} x {d_max} with rank and pair probabilities: {peak / 1e6:.0f} MB, "
        f"{verdict} the {MEMORY_BOUND / 1e9:.1f} GB bound"
    )
    assert peak < MEMORY_BOUND, "memory bound exceeded"
    # the pure-Python loop, second line, at the middle size
    n = sizes[min(1, len(sizes) - 1)]
    values, unknown = status_arrays(pool[:n], layout)
    ran = 20
    tp_run, _ = best_time(lambda: python_loop(values, unknown, layout, ran, 1), 1)
    tp = tp_run * d_max / ran
    print(
        f"pure-Python loop at {n} assessments: {tp_run:.2f} s for {ran} draws, scaled to "
        f"{d_max}: {tp:.1f} s; ratio python-loop / ctnat {tp / t_c[n, d_max]:.0f}x"
    )


if __name__ == "__main__":
    main()
