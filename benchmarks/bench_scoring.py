"""Monte Carlo comparison: ctnat's vectorised draws against a per-draw Python loop.

Full size: 200 countries x the 100-indicator set x 10,000 draws (unknown
statuses drawn, category weights perturbed; additive rule, arithmetic mean,
exclude policy). The pure-Python baseline is timed on a subset of the draws and
scaled linearly to the full count (it does the same work for every draw); the
report says how many draws it actually ran.
"""

from __future__ import annotations

import random
import time

import numpy as np

from ctnat.assessment import Status, country_codes
from ctnat.examples import synthetic
from ctnat.indicators import builtin
from ctnat.scoring import Uncertainty, UnknownDraw, UnknownPolicy, WeightPerturbation, compare
from ctnat.scoring._engine import score_arrays
from ctnat.scoring._layout import Layout

VALUE = {Status.MET: 1.0, Status.PARTLY_MET: 0.5, Status.NOT_MET: 0.0}


def _structure() -> tuple[list[list[list[list[int]]]], int]:
    """categories -> criteria -> (framework, operational) -> indicator positions."""
    iset = builtin("ct-nat-2016")
    pos = {ind.id: k for k, ind in enumerate(iset.indicators())}
    cats = []
    for cat in iset.categories:
        crits = []
        for crit in cat.criteria:
            f = [pos[i.id] for i in crit.indicators if i.id in pos and ".F" in i.id]
            o = [pos[i.id] for i in crit.indicators if i.id in pos and ".O" in i.id]
            crits.append([f, o])
        cats.append(crits)
    return cats, len(pos)


def _score_python(
    values: list[float | None], cats: list[list[list[list[int]]]], cat_w: list[float]
) -> float:
    """Additive rule, arithmetic means, unknowns (None) excluded and renormalised."""
    num = den = 0.0
    for w, crits in zip(cat_w, cats, strict=True):
        c_sum = c_n = 0.0
        for dims in crits:
            d_sum = d_n = 0.0
            for members in dims:
                got = [values[p] for p in members if values[p] is not None]
                if got:
                    d_sum += sum(v for v in got if v is not None) / len(got)
                    d_n += 1
            if d_n:
                c_sum += d_sum / d_n
                c_n += 1
        if c_n:
            num += w * c_sum / c_n
            den += w
    return num / den if den else float("nan")


def _baseline(
    base: list[list[float | None]],
    unknown: list[list[bool]],
    cats: list[list[list[list[int]]]],
    draws: int,
    seed: int,
) -> np.ndarray:
    rng = random.Random(seed)
    out = np.empty((draws, len(base)))
    for d in range(draws):
        g = [rng.gammavariate(20.0 / 5, 1.0) for _ in range(5)]
        cat_w = [x / sum(g) for x in g]
        for c, (row, unk) in enumerate(zip(base, unknown, strict=True)):
            vals: list[float | None] = []
            for v, u in zip(row, unk, strict=True):
                if u:
                    r = rng.random()
                    vals.append(1.0 if r < 1 / 3 else 0.5 if r < 2 / 3 else 0.0)
                else:
                    vals.append(v)
            out[d, c] = _score_python(vals, cats, cat_w)
    return out


def main(quick: bool = False) -> None:
    countries, draws, baseline_draws = (5, 200, 20) if quick else (200, 10_000, 50)
    codes = list(country_codes())[:countries]
    assessments = [synthetic(code, unknown_share=0.1) for code in codes]
    cats, n_ind = _structure()

    # Sanity: the Python scorer equals ctnat's engine on the recorded statuses.
    iset = builtin("ct-nat-2016")
    layout = Layout.from_set(iset)
    rows = [[VALUE.get(s.status) for s in a.statuses] for a in assessments]
    unknown = [[s.status is Status.UNKNOWN for s in a.statuses] for a in assessments]
    arr = np.asarray([[np.nan if v is None else v for v in r] for r in rows])
    engine = score_arrays(
        arr,
        layout,
        ladder=False,
        criterion_weights=np.ones(25),
        dimension_weights=np.ones(2),
        category_weights=np.full(5, 0.2),
        geometric=False,
    ).overall
    plain = np.asarray([_score_python(r, cats, [0.2] * 5) for r in rows])
    assert np.allclose(engine, plain), "baseline and engine disagree"

    u = Uncertainty(seed=1, draws=draws, unknown=UnknownDraw(), weights=WeightPerturbation())
    t0 = time.perf_counter()
    cmp = compare(assessments, unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    p = cmp.prob_above(codes[0], codes[1])
    t_ctnat = time.perf_counter() - t0

    t0 = time.perf_counter()
    compare(assessments, unknown=UnknownPolicy.EXCLUDE)
    t_cards = time.perf_counter() - t0

    t0 = time.perf_counter()
    _baseline(rows, unknown, cats, baseline_draws, seed=1)
    t_base_run = time.perf_counter() - t0
    t_base = t_base_run * draws / baseline_draws

    print(f"{countries} countries x {n_ind} indicators x {draws} draws")
    print(f"  ctnat.compare (vectorised, incl. {countries} scorecards): {t_ctnat:8.2f} s")
    print(f"    of which the {countries} scorecards without draws: {t_cards:8.2f} s")
    print(
        f"  per-draw Python loop: {t_base_run:.2f} s for {baseline_draws} draws, "
        f"scaled to {draws}: {t_base:8.1f} s"
    )
    print(f"  ratio (baseline / ctnat): {t_base / t_ctnat:8.1f}x")
    print(f"  (example result: P({codes[0]} above {codes[1]}) = {p:.3f})")


if __name__ == "__main__":
    main()
