"""compare() at scale: scorecards from one batch, rank and pair probabilities without
a pairwise cube, and undefined comparisons reported as undefined (never 0)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat.assessment import IndicatorStatus, Status
from ctnat.errors import ValidationError
from ctnat.examples import assessments, synthetic
from ctnat.scoring import (
    Aggregator,
    AggregatorMix,
    PartlyMetDraw,
    Rule,
    Uncertainty,
    UnknownDraw,
    UnknownPolicy,
    WeightPerturbation,
    compare,
    score,
)

U = Uncertainty(
    seed=3,
    draws=300,
    unknown=UnknownDraw(),
    partly_met=PartlyMetDraw(),
    weights=WeightPerturbation(),
    aggregator=AggregatorMix(),
)
CODES = ["ARM", "AZE", "GEO", "MDA", "UKR", "BLR"]


def _cube_rank_probabilities(x: np.ndarray) -> np.ndarray:
    """The implementation before this change: a draws x n x n comparison cube."""
    x = np.where(np.isnan(x), -np.inf, x)
    ranks = (x[:, None, :] > x[:, :, None]).sum(axis=2)
    n = x.shape[1]
    out = np.zeros((n, n))
    for j in range(n):
        out[:, j] = (ranks == j).mean(axis=0)
    return out


def _blank_category(code: str, category: str, status: Status = Status.UNKNOWN):
    """A synthetic assessment with every indicator of ``category`` set to ``status``."""
    a = synthetic(code)
    statuses = tuple(
        IndicatorStatus(indicator=s.indicator, status=status)
        if s.indicator.split(".")[0] == category
        else s
        for s in a.statuses
    )
    return a.model_copy(update={"statuses": statuses})


@settings(max_examples=15, deadline=None)
@given(
    rule=st.sampled_from(list(Rule)),
    agg=st.sampled_from(list(Aggregator)),
    policy=st.sampled_from(list(UnknownPolicy)),
    n=st.integers(1, 6),
)
def test_batch_scorecards_equal_one_by_one_scorecards(
    rule: Rule, agg: Aggregator, policy: UnknownPolicy, n: int
) -> None:
    given_ = [synthetic(c, unknown_share=0.2) for c in CODES[:n]]
    cmp = compare(given_, unknown=policy, rule=rule, aggregator=agg)
    for i, a in enumerate(given_):
        card = score(a, unknown=policy, rule=rule, aggregator=agg)
        assert cmp.scorecards[i].model_dump() == card.model_dump()
        assert cmp.value(a.country) == card.overall.score.value
        for c in card.categories:
            assert cmp.value(a.country, c.category) == c.score.value


def test_scorecards_are_built_on_access_only() -> None:
    cmp = compare([synthetic(c) for c in CODES], unknown=UnknownPolicy.EXCLUDE)
    assert "0 built" in repr(cmp.scorecards)
    first = cmp.scorecards[0]
    assert cmp.scorecards[0] is first  # kept once built
    assert "1 built" in repr(cmp.scorecards)
    assert [c.country for c in cmp.scorecards] == CODES
    assert cmp.scorecards[-1].country == CODES[-1]
    assert [c.country for c in cmp.scorecards[1:3]] == CODES[1:3]
    with pytest.raises(IndexError):
        cmp.scorecards[len(CODES)]


@pytest.mark.parametrize("category", [None, "1", "3"])
def test_rank_probabilities_by_sorting_equal_the_pairwise_cube(category: str | None) -> None:
    cmp = compare(
        [synthetic(c, unknown_share=0.3) for c in CODES],
        unknown=UnknownPolicy.EXCLUDE,
        uncertainty=U,
    )
    assert cmp.draws is not None
    col = cmp._column(category)
    expected = _cube_rank_probabilities(cmp.draws.scores[:, :, col].astype(np.float64))
    got = cmp.rank_probabilities(category)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got.sum(axis=1), 1.0)


def test_rank_probabilities_with_exact_ties_share_the_better_rank() -> None:
    a = synthetic("ARM", unknown_share=0.0)
    b = a.model_copy(update={"country": "GEO"})
    cmp = compare([a, b], unknown=UnknownPolicy.EXCLUDE, uncertainty=Uncertainty(seed=1, draws=10))
    np.testing.assert_array_equal(cmp.rank_probabilities(), [[1.0, 0.0], [1.0, 0.0]])


def test_prob_matrix_and_all_pairs_equal_the_pairs_one_by_one() -> None:
    cmp = compare(
        [synthetic(c, unknown_share=0.3) for c in CODES],
        unknown=UnknownPolicy.EXCLUDE,
        uncertainty=U,
    )
    m = cmp.prob_matrix("2")
    pairs = {(p.a, p.b): p for p in cmp.pair_probabilities("all", "2")}
    assert len(pairs) == len(CODES) * (len(CODES) - 1)
    for i, (ca, ra) in enumerate(cmp.keys):
        for j, (cb, rb) in enumerate(cmp.keys):
            if i == j:
                assert m[i, j] == 0.0
                continue
            assert m[i, j] == cmp.prob_above(ca, cb, "2")
            p = pairs[(f"{ca} {ra.isoformat()}", f"{cb} {rb.isoformat()}")]
            assert p.prob_above == cmp.prob_above(ca, cb, "2")
            assert p.prob_tie == pytest.approx(cmp.prob_tie(ca, cb, "2"), abs=1e-15)
            assert p.category == "2"


def test_pairs_only_as_asked() -> None:
    cmp = compare(
        [synthetic(c, unknown_share=0.3) for c in CODES],
        unknown=UnknownPolicy.EXCLUDE,
        uncertainty=U,
    )
    listed = cmp.pair_probabilities([("ARM", "GEO")])
    assert [(p.a[:3], p.b[:3]) for p in listed] == [("ARM", "GEO")]
    assert listed[0].prob_above == cmp.prob_above("ARM", "GEO")
    near = cmp.pair_probabilities("neighbours")
    assert len(near) == 2 * (len(CODES) - 1)
    order = sorted(range(len(CODES)), key=lambda i: -cmp.table()[i, -1])
    assert (near[0].a[:3], near[0].b[:3]) == (CODES[order[0]], CODES[order[1]])
    rec = cmp.record(pairs="neighbours")
    assert rec.pair_selection == "neighbours"
    assert len(rec.pairs) == len(near)
    with pytest.raises(ValidationError, match="pairs must be"):
        cmp.pair_probabilities("some")  # type: ignore[arg-type]


def test_record_of_many_assessments_asks_which_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    from ctnat.scoring import _compare

    monkeypatch.setattr(_compare, "ALL_PAIRS_LIMIT", 4)
    cmp = compare([synthetic(c) for c in CODES], unknown=UnknownPolicy.EXCLUDE, uncertainty=U)
    with pytest.raises(ValidationError, match="30 pairs"):
        cmp.record()
    assert len(cmp.record(pairs="all").pairs) == 30


def test_summary_of_many_assessments_states_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    from ctnat.scoring import _compare

    monkeypatch.setattr(_compare, "SUMMARY_PAIRS_LIMIT", 3)
    cmp = compare([synthetic(c) for c in CODES], unknown=UnknownPolicy.EXCLUDE, uncertainty=U)
    text = cmp.summary()
    assert "each against the next in the ranking" in text
    assert text.count(" above ") == 2 * (len(CODES) - 1)


# -- undefined stays undefined (issue 12, item 8) ---------------------------------------


@pytest.fixture(scope="module")
def with_blank() -> object:
    """GEO has no judged indicator in category 4; unknowns are left out, not drawn."""
    u = Uncertainty(seed=5, draws=200, weights=WeightPerturbation())
    return compare(
        [synthetic("ARM"), _blank_category("GEO", "4")],
        unknown=UnknownPolicy.EXCLUDE,
        uncertainty=u,
    )


def test_probabilities_of_a_category_without_score_are_undefined_not_zero(with_blank) -> None:
    cmp = with_blank
    assert cmp.value("GEO", "4") is None
    for a, b in (("ARM", "GEO"), ("GEO", "ARM")):
        assert math.isnan(cmp.prob_above(a, b, "4"))
        assert math.isnan(cmp.prob_tie(a, b, "4"))
    reason = cmp.undefined_reason("GEO", "4")
    assert reason is not None
    assert "GEO" in reason
    assert "category 4" in reason
    assert cmp.undefined_reason("ARM", "4") is None
    # the other categories and the overall score still compare
    p, q, t = cmp.prob_above("ARM", "GEO"), cmp.prob_above("GEO", "ARM"), cmp.prob_tie("ARM", "GEO")
    assert p + q + t == pytest.approx(1.0)


def test_an_unscored_assessment_has_no_rank_rather_than_the_last(with_blank) -> None:
    # before: GEO ranked 2 ("last") in category 4, where it has no score at all
    ranks = with_blank.ranks("4")
    geo = with_blank.keys[with_blank._index("GEO")]
    arm = with_blank.keys[with_blank._index("ARM")]
    assert ranks[geo] is None
    assert ranks[arm] == 1
    reason = with_blank.rank_reason("GEO", "4")
    assert reason is not None
    assert "GEO" in reason
    assert "category 4" in reason
    assert with_blank.rank_reason("ARM", "4") is None
    assert with_blank.rank_reason("GEO") is None  # overall, GEO has a score
    row = next(r for r in with_blank.record().assessments if r.country == "GEO")
    assert row.rank is not None
    assert row.rank_reason is None


def test_rank_probabilities_leave_an_unscored_assessment_undefined(with_blank) -> None:
    probs = with_blank.rank_probabilities("4")
    assert np.all(np.isnan(probs[1]))
    np.testing.assert_array_equal(probs[0], [1.0, 0.0])  # first of the one scored


def test_pair_records_and_changes_say_undefined_with_the_reason(with_blank) -> None:
    pairs = with_blank.pair_probabilities("all", "4")
    assert all(p.prob_above is None and p.prob_tie is None for p in pairs)
    assert all(p.reason and "no category 4 score" in p.reason for p in pairs)
    listed = with_blank.pair_probabilities([("ARM", "GEO")], "4")
    assert listed[0].prob_above is None
    assert with_blank.prob_matrix("4")[0, 1] != with_blank.prob_matrix("4")[0, 1]  # NaN
    m = with_blank.prob_matrix()
    assert not np.isnan(m).any()


def test_changes_of_an_unscored_category_are_undefined() -> None:
    import datetime as dt

    before = synthetic("AZE", dt.date(2016, 4, 25))
    after = _blank_category("AZE", "4", Status.NOT_APPLICABLE).model_copy(
        update={"round": dt.date(2019, 5, 1)}
    )
    cmp = compare([before, after], unknown=UnknownPolicy.EXCLUDE, uncertainty=U)
    four = next(c for c in cmp.changes() if c.category == "4")
    assert four.prob_increase is None
    assert four.reason is not None
    overall = next(c for c in cmp.changes() if c.category == "overall")
    assert overall.prob_increase is not None
    assert overall.reason is None


def test_summary_says_undefined_rather_than_zero() -> None:
    u = Uncertainty(seed=5, draws=50)
    blank_all = synthetic("GEO").model_copy(
        update={
            "statuses": tuple(
                IndicatorStatus(indicator=s.indicator, status=Status.UNKNOWN)
                for s in synthetic("GEO").statuses
            )
        }
    )
    cmp = compare([synthetic("ARM"), blank_all], unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    text = cmp.summary()
    assert "undefined" in text
    assert "= 0.00" not in text


def test_three_examples_still_have_every_probability() -> None:
    cmp = compare(assessments(), unknown=UnknownPolicy.EXCLUDE, uncertainty=U)
    assert all(
        cmp.undefined_reason(k, c) is None for k in cmp.keys for c in (None, *cmp.categories)
    )


def test_status_matrix_equals_status_values_row_by_row() -> None:
    from ctnat.indicators import builtin
    from ctnat.scoring._layout import Layout
    from ctnat.scoring._scorecard import status_matrix, status_values

    layout = Layout.from_set(builtin("ct-nat-2016"))
    given_ = [synthetic(c, unknown_share=0.3) for c in CODES]
    extra = IndicatorStatus(indicator="9.9.F1", status=Status.MET)  # not in the layout
    na = IndicatorStatus(indicator="2.1.O1", status=Status.NOT_APPLICABLE)
    given_[0] = given_[0].model_copy(update={"statuses": (*given_[0].statuses[3:], extra, na)})
    vals, unk, app = status_matrix(given_, layout)
    for i, a in enumerate(given_):
        v, u, p = status_values({s.indicator: s.status for s in a.statuses}, layout)
        np.testing.assert_array_equal(vals[i], v)
        np.testing.assert_array_equal(unk[i], u)
        np.testing.assert_array_equal(app[i], p)


def test_league_says_undefined_for_an_assessment_without_any_score() -> None:
    from ctnat.scoring import View

    blank = synthetic("GEO").model_copy(
        update={
            "statuses": tuple(
                IndicatorStatus(indicator=s.indicator, status=Status.UNKNOWN)
                for s in synthetic("GEO").statuses
            )
        }
    )
    cmp = compare(
        [synthetic("ARM"), blank],
        unknown=UnknownPolicy.EXCLUDE,
        uncertainty=Uncertainty(seed=2, draws=20),
    )
    league = cmp.summary(View.LEAGUE)
    assert "P(rank 1) undefined" in league
    assert "nan" not in league
