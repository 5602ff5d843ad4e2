"""ctnat.compare: keys, ranks, differences, rounds over time, Monte Carlo and summaries."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

import ctnat
from ctnat.errors import NotFoundError, ValidationError
from ctnat.examples import assessments, azerbaijan, synthetic
from ctnat.scoring import (
    AggregatorMix,
    PartlyMetDraw,
    Uncertainty,
    UnknownDraw,
    UnknownPolicy,
    View,
    WeightPerturbation,
    compare,
)

FULL = Uncertainty(
    seed=2016,
    draws=400,
    unknown=UnknownDraw(),
    partly_met=PartlyMetDraw(),
    weights=WeightPerturbation(concentration=50),
    aggregator=AggregatorMix(geometric=0.25),
)


@pytest.fixture(scope="module")
def three() -> ctnat.scoring.Comparison:
    return ctnat.compare(assessments(), unknown=UnknownPolicy.EXCLUDE, uncertainty=FULL)


def test_side_by_side_matches_single_scores(three: ctnat.scoring.Comparison) -> None:
    for a in assessments():
        card = ctnat.score(a, unknown=UnknownPolicy.EXCLUDE)
        assert three.value(a.country) == card.overall.score.value
        assert three.value(a.country, "2") == card.category("2").score.value
    t = three.table()
    assert t.shape == (3, 6)


def test_ranks_and_differences(three: ctnat.scoring.Comparison) -> None:
    ranks = three.ranks()
    values = {k[0]: three.value(k[0]) for k in three.keys}
    best = max(values, key=lambda c: values[c] or 0)
    assert ranks[three.keys[three._index(best)]] == 1
    d = three.difference("AZE", "ARM")
    assert d == pytest.approx((values["AZE"] or 0) - (values["ARM"] or 0))


def test_probabilities_are_complementary_with_ties(three: ctnat.scoring.Comparison) -> None:
    for cat in (None, "1", "4"):
        p = three.prob_above("AZE", "GEO", cat)
        q = three.prob_above("GEO", "AZE", cat)
        t = three.prob_tie("AZE", "GEO", cat)
        assert p + q + t == pytest.approx(1.0)
    probs = three.rank_probabilities()
    assert probs.shape == (3, 3)
    assert np.all(probs >= 0)


def test_keys_by_country_and_round(three: ctnat.scoring.Comparison) -> None:
    by_code = three.prob_above("AZE", "ARM")
    assert three.prob_above(("AZE", dt.date(2016, 4, 25)), "ARM") == by_code
    assert three.prob_above(("AZE", "2016-04-25"), ("ARM", "2016-04-30")) == by_code
    with pytest.raises(NotFoundError, match="no assessment"):
        three.prob_above("FRA", "ARM")
    with pytest.raises(NotFoundError, match="category"):
        three.prob_above("AZE", "ARM", "9")


def test_intervals_contain_most_draws(three: ctnat.scoring.Comparison) -> None:
    lo, hi = three.interval("AZE", level=0.9)
    assert three.draws is not None
    col = three.draws.scores[:, 0, -1]
    inside = np.mean((col >= lo) & (col <= hi))
    assert inside >= 0.9


def test_replication_parameters_recorded(three: ctnat.scoring.Comparison) -> None:
    d = three.draws
    assert d is not None
    assert d.scores.shape == (400, 3, 6)
    assert d.category_weights.shape == (400, 5)
    np.testing.assert_allclose(d.category_weights.sum(axis=1), 1.0)
    assert 0.1 < d.geometric.mean() < 0.4
    assert three.method.uncertainty == FULL
    assert three.method.chunk == d.chunk


def test_rounds_of_one_country_compare_as_change() -> None:
    before = synthetic("AZE", dt.date(2016, 4, 25))
    after = synthetic("AZE", dt.date(2019, 5, 1), salt="later-round")
    cmp = compare([after, before], unknown=UnknownPolicy.EXCLUDE, uncertainty=FULL)
    changes = cmp.changes()
    overall = [c for c in changes if c.category == "overall"]
    assert len(overall) == 1
    ch = overall[0]
    assert (ch.before, ch.after) == (dt.date(2016, 4, 25), dt.date(2019, 5, 1))
    assert ch.delta == pytest.approx((ch.value_after or 0) - (ch.value_before or 0))
    assert ch.prob_increase is not None
    with pytest.raises(NotFoundError, match="several rounds"):
        cmp.value("AZE")
    assert "AZE 2016-04-25" in cmp.summary()


def test_no_draws_means_no_probabilities() -> None:
    cmp = compare(assessments(), unknown=UnknownPolicy.NOT_MET)
    with pytest.raises(ValidationError, match="Monte Carlo"):
        cmp.prob_above("AZE", "ARM")
    assert "no Monte Carlo" in cmp.summary()


def test_propagate_needs_a_distribution_for_unknowns() -> None:
    with pytest.raises(ValidationError, match="distribution for unknown"):
        compare(assessments(), unknown=UnknownPolicy.PROPAGATE, uncertainty=Uncertainty(seed=1))


def test_duplicate_assessment_rejected() -> None:
    a = azerbaijan()
    with pytest.raises(ValidationError, match="twice"):
        compare([a, a], unknown=UnknownPolicy.EXCLUDE)


def test_summary_views(three: ctnat.scoring.Comparison) -> None:
    profile = three.summary()
    assert "strengths" in profile
    assert "weaknesses" in profile
    assert "SYNTHETIC" in profile
    assert "P(AZE above ARM)" in profile
    league = three.summary(View.LEAGUE)
    assert "League table" in league
    assert "P(rank 1)" in league


def test_record_is_json_with_a_schema(three: ctnat.scoring.Comparison) -> None:
    data = three.to_dict()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text)["replications"]["seed"] == 2016
    assert len(data["pairs"]) == 6
    rec = three.record()
    assert type(rec).model_validate(data) == rec
    schema = type(rec).model_json_schema()
    assert "pairs" in schema["properties"]
    pair = next(p for p in rec.pairs if p.a.startswith("AZE") and p.b.startswith("GEO"))
    assert pair.prob_above == three.prob_above("AZE", "GEO")
    assert pair.prob_tie == pytest.approx(three.prob_tie("AZE", "GEO"))


def test_prob_matrix_matches_pairs(three: ctnat.scoring.Comparison) -> None:
    m = three.prob_matrix("2")
    assert m[0, 1] == three.prob_above("AZE", "ARM", "2")
    assert np.all(np.diag(m) == 0)


def test_demo_comparison_and_html(three: ctnat.scoring.Comparison) -> None:
    from ctnat.examples import demo_comparison

    demo = demo_comparison(draws=200)
    assert demo.method.uncertainty is not None
    assert demo.method.uncertainty.seed == 2016
    text = demo.summary()
    assert "AZE" in text
    assert "SYNTHETIC" in text
    html = three._repr_html_()
    assert "<table " in html  # styles are inline (issue 13)
    assert "&lt;" not in html.split("<pre>")[0]
    card_html = three.scorecards[0]._repr_html_()
    assert "Identification and referral" in card_html


def test_pandas_exports(three: ctnat.scoring.Comparison) -> None:
    pd = pytest.importorskip("pandas")
    df = three.to_frame()
    assert isinstance(df, pd.DataFrame)
    assert df.loc[("AZE", dt.date(2016, 4, 25)), "overall"] == pytest.approx(three.value("AZE"))
    assert {"overall_low", "overall_high"} <= set(df.columns)
    crit = three.scorecards[0].to_frame()
    assert crit.loc["1.3", "score"] == 0.375
    assert len(crit) == 25


def test_draws_of_an_assessment_do_not_depend_on_the_others() -> None:
    aze, arm, geo = assessments()
    u = Uncertainty(
        seed=7,
        draws=300,
        unknown=UnknownDraw(),
        partly_met=PartlyMetDraw(),
        weights=WeightPerturbation(),
    )
    pair = compare([aze, arm], unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    trio = compare([geo, arm, aze], unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    assert pair.draws is not None
    assert trio.draws is not None
    np.testing.assert_array_equal(pair.draws.scores[:, 0], trio.draws.scores[:, 2])
    np.testing.assert_array_equal(pair.draws.category_weights, trio.draws.category_weights)
    assert pair.prob_above("AZE", "ARM") == trio.prob_above("AZE", "ARM")


def test_draws_do_not_depend_on_the_chunk_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from ctnat.scoring import _montecarlo

    u = Uncertainty(
        seed=11,
        draws=300,
        unknown=UnknownDraw(),
        partly_met=PartlyMetDraw(),
        weights=WeightPerturbation(),
        aggregator=AggregatorMix(),
    )
    one = compare(assessments(), unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    monkeypatch.setattr(_montecarlo, "MEMORY_BUDGET", 37 * 5000)
    two = compare(assessments(), unknown=UnknownPolicy.EXCLUDE, uncertainty=u)
    assert one.draws is not None
    assert two.draws is not None
    np.testing.assert_array_equal(one.draws.scores, two.draws.scores)
    np.testing.assert_array_equal(one.draws.geometric, two.draws.geometric)
    assert (two.draws.chunk, two.draws.tile_assessments) != (
        one.draws.chunk,
        one.draws.tile_assessments,
    )
