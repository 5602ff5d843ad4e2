"""Properties of scoring and comparison (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat.assessment import Assessment, IndicatorStatus, Status
from ctnat.examples import synthetic
from ctnat.indicators import builtin
from ctnat.scoring import (
    Aggregator,
    Rule,
    Uncertainty,
    UnknownDraw,
    UnknownPolicy,
    Weights,
    compare,
    score,
)
from ctnat.scoring._engine import Scores, score_arrays
from ctnat.scoring._layout import Layout

SET = builtin("ct-nat-2016")
IDS = [i.id for i in SET.indicators()]
LAYOUT = Layout.from_ids(IDS)
N = len(IDS)
JUDGED = [0.0, 0.5, 1.0]
ORDER = [Status.NOT_MET, Status.PARTLY_MET, Status.MET]

values_st = st.lists(st.sampled_from([0.0, 0.5, 1.0, np.nan]), min_size=N, max_size=N).map(
    np.asarray
)
full_st = st.lists(st.sampled_from(JUDGED), min_size=N, max_size=N).map(np.asarray)
cat_w_st = st.lists(st.floats(0.01, 10.0), min_size=5, max_size=5).map(np.asarray)
crit_w_st = st.lists(st.floats(0.01, 10.0), min_size=25, max_size=25).map(np.asarray)


def run(
    values: np.ndarray,
    *,
    ladder: bool,
    geometric: bool,
    cat_w: np.ndarray | None = None,
    crit_w: np.ndarray | None = None,
    layout: Layout = LAYOUT,
) -> Scores:
    return score_arrays(
        np.atleast_2d(values),
        layout,
        ladder=ladder,
        criterion_weights=np.ones(len(layout.criteria)) if crit_w is None else crit_w,
        dimension_weights=np.ones(2),
        category_weights=np.ones(5) if cat_w is None else cat_w,
        geometric=geometric,
    )


def all_scores(s: Scores) -> np.ndarray:
    return np.concatenate(
        [
            s.group.ravel(),
            s.criterion.ravel(),
            s.category.ravel(),
            s.category_dim.ravel(),
            s.overall.ravel(),
            s.overall_dim.ravel(),
        ]
    )


@given(
    values=values_st,
    pos=st.integers(0, N - 1),
    ladder=st.booleans(),
    geometric=st.booleans(),
    cat_w=cat_w_st,
)
def test_raising_a_status_never_lowers_a_score(
    values: np.ndarray, pos: int, ladder: bool, geometric: bool, cat_w: np.ndarray
) -> None:
    if np.isnan(values[pos]) or values[pos] == 1.0:
        return
    higher = values.copy()
    higher[pos] += 0.5
    before = all_scores(run(values, ladder=ladder, geometric=geometric, cat_w=cat_w))
    after = all_scores(run(higher, ladder=ladder, geometric=geometric, cat_w=cat_w))
    both = ~np.isnan(before)
    assert np.array_equal(np.isnan(before), np.isnan(after))
    assert np.all(after[both] >= before[both] - 1e-12)


@given(
    values=values_st,
    perm=st.permutations(list(range(N))),
    ladder=st.booleans(),
    geometric=st.booleans(),
)
def test_order_of_indicators_and_criteria_does_not_matter(
    values: np.ndarray, perm: list[int], ladder: bool, geometric: bool
) -> None:
    shuffled = Layout.from_ids([IDS[k] for k in perm])
    a = run(values, ladder=ladder, geometric=geometric)
    b = run(values[perm], ladder=ladder, geometric=geometric, layout=shuffled)
    np.testing.assert_allclose(a.overall, b.overall, equal_nan=True)
    crit_a = dict(zip(LAYOUT.criteria, a.criterion[0], strict=True))
    crit_b = dict(zip(shuffled.criteria, b.criterion[0], strict=True))
    for k, v in crit_a.items():
        np.testing.assert_allclose(v, crit_b[k], equal_nan=True)
    cat_a = dict(zip(LAYOUT.categories, a.category[0], strict=True))
    cat_b = dict(zip(shuffled.categories, b.category[0], strict=True))
    for k, v in cat_a.items():
        np.testing.assert_allclose(v, cat_b[k], equal_nan=True)


@given(
    values=values_st,
    ladder=st.booleans(),
    geometric=st.booleans(),
    cat_w=cat_w_st,
    crit_w=crit_w_st,
)
def test_normalised_weights_give_scores_in_the_unit_interval(
    values: np.ndarray, ladder: bool, geometric: bool, cat_w: np.ndarray, crit_w: np.ndarray
) -> None:
    s = run(
        values,
        ladder=ladder,
        geometric=geometric,
        cat_w=cat_w / cat_w.sum(),
        crit_w=crit_w / crit_w.sum(),
    )
    x = all_scores(s)
    x = x[~np.isnan(x)]
    assert np.all(x >= 0.0)
    assert np.all(x <= 1.0 + 1e-12)


def assessment_from(values: np.ndarray, country: str = "GEO") -> Assessment:
    base = synthetic(country)
    status = {0.0: Status.NOT_MET, 0.5: Status.PARTLY_MET, 1.0: Status.MET}
    statuses = tuple(
        IndicatorStatus(indicator=i, status=Status.UNKNOWN if np.isnan(v) else status[float(v)])
        for i, v in zip(IDS, values, strict=True)
    )
    return base.model_copy(update={"statuses": statuses})


@settings(max_examples=25, deadline=None)
@given(
    values=full_st,
    rule=st.sampled_from(list(Rule)),
    agg=st.sampled_from(list(Aggregator)),
    cat_w=cat_w_st,
)
def test_full_coverage_makes_the_unknown_policies_agree(
    values: np.ndarray, rule: Rule, agg: Aggregator, cat_w: np.ndarray
) -> None:
    a = assessment_from(values)
    w = Weights(categories=dict(zip("12345", map(float, cat_w), strict=True)))
    cards = [score(a, unknown=p, rule=rule, aggregator=agg, weights=w) for p in UnknownPolicy]
    first = cards[0].model_dump(exclude={"method"})
    for other in cards[1:]:
        assert other.model_dump(exclude={"method"}) == first
    assert cards[0].overall.coverage.share == 1.0


@settings(max_examples=20, deadline=None)
@given(v1=values_st, v2=values_st, v3=values_st, seed=st.integers(0, 2**32 - 1))
def test_comparison_is_invariant_to_the_order_of_assessments(
    v1: np.ndarray, v2: np.ndarray, v3: np.ndarray, seed: int
) -> None:
    a, b, c = assessment_from(v1, "ARM"), assessment_from(v2, "AZE"), assessment_from(v3, "GEO")
    u = Uncertainty(seed=seed, draws=64, unknown=UnknownDraw())
    x = compare([a, b, c], unknown=UnknownPolicy.EXCLUDE)
    y = compare([c, a, b], unknown=UnknownPolicy.EXCLUDE)
    for key in ("ARM", "AZE", "GEO"):
        assert x.value(key) == y.value(key)
        assert x.ranks()[x.keys[x._index(key)]] == y.ranks()[y.keys[y._index(key)]]
    xs = compare([a, b, c], unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    ys = compare([c, a, b], unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    for p, q in (("ARM", "GEO"), ("AZE", "ARM"), ("GEO", "AZE")):
        assert xs.prob_above(p, q) == ys.prob_above(p, q)
        assert xs.interval(p) == ys.interval(p)


@settings(max_examples=15, deadline=None)
@given(v1=full_st, v2=full_st, seed=st.integers(0, 2**32 - 1), rule=st.sampled_from(list(Rule)))
def test_nothing_unknown_gives_probabilities_zero_or_one(
    v1: np.ndarray, v2: np.ndarray, seed: int, rule: Rule
) -> None:
    a, b = assessment_from(v1, "ARM"), assessment_from(v2, "GEO")
    cmp = compare(
        [a, b],
        unknown=UnknownPolicy.EXCLUDE,
        rule=rule,
        uncertainty=Uncertainty(seed=seed, draws=50, unknown=UnknownDraw()),
    )
    for cat in (None, "1", "3", "5"):
        p, q = cmp.prob_above("ARM", "GEO", cat), cmp.prob_above("GEO", "ARM", cat)
        assert p in (0.0, 1.0)
        assert q in (0.0, 1.0)
        va, vb = cmp.value("ARM", cat), cmp.value("GEO", cat)
        assert va is not None
        assert vb is not None
        if va > vb + 1e-6:
            assert (p, q) == (1.0, 0.0)
        if vb > va + 1e-6:
            assert (p, q) == (0.0, 1.0)
        assert (p == 0.0 and q == 0.0) == (abs(va - vb) < 1e-6)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**63))
def test_monte_carlo_is_reproducible_with_a_seed(seed: int) -> None:
    a, b = synthetic("ARM"), synthetic("GEO")
    u = Uncertainty(seed=seed, draws=300, unknown=UnknownDraw())
    one = compare([a, b], unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    two = compare([a, b], unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    assert one.draws is not None
    assert two.draws is not None
    assert np.array_equal(one.draws.scores, two.draws.scores)
    assert one.prob_above("ARM", "GEO") == two.prob_above("ARM", "GEO")


@settings(max_examples=30, deadline=None)
@given(
    v=st.lists(values_st, min_size=3, max_size=3),
    unk=st.lists(st.lists(st.booleans(), min_size=N, max_size=N), min_size=3, max_size=3),
    seed=st.integers(0, 2**32 - 1),
    policy=st.sampled_from([UnknownPolicy.EXCLUDE, UnknownPolicy.NOT_MET]),
    draw_unknown=st.booleans(),
    partly=st.booleans(),
    mix=st.booleans(),
)
def test_linear_monte_carlo_path_equals_the_general_engine(
    v: list[np.ndarray],
    unk: list[list[bool]],
    seed: int,
    policy: UnknownPolicy,
    draw_unknown: bool,
    partly: bool,
    mix: bool,
) -> None:
    from ctnat.scoring import AggregatorMix, PartlyMetDraw, WeightPerturbation
    from ctnat.scoring._montecarlo import simulate
    from ctnat.scoring._weighting import resolve_weights

    values = np.stack(v)
    unknown = np.asarray(unk) & np.isnan(values)
    u = Uncertainty(
        seed=seed,
        draws=40,
        unknown=UnknownDraw() if draw_unknown else None,
        partly_met=PartlyMetDraw() if partly else None,
        weights=WeightPerturbation(),
        aggregator=AggregatorMix() if mix else None,
    )
    w = resolve_weights(Weights(), LAYOUT)
    kw = {"ladder": False, "geometric": False, "policy": policy, "uncertainty": u}
    fast = simulate(values, unknown, LAYOUT, w, linear=True, **kw)  # type: ignore[arg-type]
    slow = simulate(values, unknown, LAYOUT, w, linear=False, **kw)  # type: ignore[arg-type]
    np.testing.assert_allclose(fast.scores, slow.scores, rtol=1e-5, atol=1e-6, equal_nan=True)


@settings(max_examples=20, deadline=None)
@given(values=values_st, rule=st.sampled_from(list(Rule)), agg=st.sampled_from(list(Aggregator)))
def test_propagate_bounds_bracket_the_value_and_match_not_met(
    values: np.ndarray, rule: Rule, agg: Aggregator
) -> None:
    a = assessment_from(values)
    prop = score(a, unknown=UnknownPolicy.PROPAGATE, rule=rule, aggregator=agg)
    low = score(a, unknown=UnknownPolicy.NOT_MET, rule=rule, aggregator=agg)
    for p, q in zip(prop.categories, low.categories, strict=True):
        assert p.score.low == q.score.value
        if p.score.value is not None:
            assert p.score.low is not None
            assert p.score.high is not None
            assert p.score.low <= p.score.value <= p.score.high
    assert prop.overall.score.low == low.overall.score.value
