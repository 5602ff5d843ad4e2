"""Dirichlet posterior, ordinal summaries and caveat rules."""

from __future__ import annotations

import numpy as np
import pytest

from ctnat.aggregate import (
    CaveatKind,
    CaveatRules,
    Tally,
    compare_means,
    dirichlet_posterior,
    ordinal_summary,
)
from ctnat.aggregate.caveats import difference_caveats, dominant_group_caveat, sample_caveats
from ctnat.aggregate.intervals import newcombe_interval
from ctnat.errors import ValidationError

AGREE = ("Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree")


def tally(*counts: int, missing: int = 0) -> Tally:
    return Tally(options=AGREE, counts=counts, missing=missing)


def test_posterior_parameters_and_mean() -> None:
    post = dirichlet_posterior(tally(0, 2, 3, 1, 0), prior=1.0)
    assert post.alpha == (1.0, 3.0, 4.0, 2.0, 1.0)
    assert post.mean == pytest.approx((1 / 11, 3 / 11, 4 / 11, 2 / 11, 1 / 11))
    lo, hi = post.credible_interval("Neither")
    assert 0 < lo < 4 / 11 < hi < 1


def test_posterior_sampling_is_seeded() -> None:
    post = dirichlet_posterior(tally(0, 2, 3, 1, 0))
    assert np.array_equal(post.sample(100, seed=5), post.sample(100, seed=5))
    assert not np.array_equal(post.sample(100, seed=5), post.sample(100, seed=6))


def test_compare_means_clear_and_unclear_cases() -> None:
    positive = tally(3, 3, 0, 0, 0)
    negative = tally(0, 0, 0, 3, 3)
    clear = compare_means(positive, negative, seed=1)
    assert clear.probability_a_greater > 0.99
    assert clear.conclusive
    assert clear.mean_a > clear.mean_b
    same = compare_means(tally(0, 2, 3, 1, 0), tally(0, 2, 3, 1, 0), seed=1)
    assert 0.4 < same.probability_a_greater < 0.6
    assert not same.conclusive


def test_compare_means_is_reproducible_and_antisymmetric() -> None:
    a, b = tally(0, 2, 3, 1, 0), tally(0, 1, 3, 2, 0)
    first = compare_means(a, b, seed=3, draws=40_000)
    assert first == compare_means(a, b, seed=3, draws=40_000)
    reverse = compare_means(b, a, seed=3, draws=40_000)
    assert first.probability_a_greater + reverse.probability_a_greater == pytest.approx(
        1.0, abs=0.02
    )


def test_bad_prior_and_score_length() -> None:
    with pytest.raises(ValidationError):
        dirichlet_posterior(tally(1, 0, 0, 0, 0), prior=0)
    with pytest.raises(ValidationError):
        compare_means(tally(1, 0, 0, 0, 0), tally(1, 0, 0, 0, 0), scores=[1, 2])


def test_ordinal_summary_by_hand() -> None:
    s = ordinal_summary(tally(0, 2, 3, 1, 0))
    # ordered answers: A A N N N D -> 3rd and 4th are both "Neither"
    assert s.median == ("Neither",)
    assert (s.positive, s.neutral, s.negative) == (2, 3, 1)
    assert s.net_score == pytest.approx(1 / 6)


def test_even_sample_median_between_two_categories() -> None:
    s = ordinal_summary(tally(0, 2, 2, 2, 0))
    assert s.median == ("Neither",)
    s = ordinal_summary(tally(0, 3, 0, 3, 0))
    assert s.median == ("Agree", "Disagree")


def test_empty_tally_has_no_shares() -> None:
    s = ordinal_summary(tally(0, 0, 0, 0, 0))
    assert s.median == ()
    assert s.net_score is None


def test_small_sample_and_non_response_rules() -> None:
    caveats = sample_caveats("5.1.4", 6, 7)
    kinds = {c.kind for c in caveats}
    assert kinds == {CaveatKind.SMALL_SAMPLE, CaveatKind.NON_RESPONSE}
    assert sample_caveats("x", 30, 30) == ()
    # 2 of 30 skipped = 6.7% < 10%: no non-response caveat
    assert {c.kind for c in sample_caveats("x", 28, 30, CaveatRules(small_sample_n=5))} == set()
    assert {c.kind for c in sample_caveats("x", 27, 30, CaveatRules(small_sample_n=5))} == {
        CaveatKind.NON_RESPONSE
    }


def test_dominant_group_rule() -> None:
    dom = dominant_group_caveat("5.1.4", "gender", {"Male": 5, "Female": 1})
    assert dom is not None
    assert dom.kind is CaveatKind.DOMINANT_GROUP
    assert dom.value == pytest.approx(5 / 6)
    assert dominant_group_caveat("x", "gender", {"Male": 3, "Female": 3}) is None
    # 2 of 2 is 100% but below the minimum group size of 3
    assert dominant_group_caveat("x", "gender", {"Male": 2}) is None


def test_no_claimable_difference_rule() -> None:
    assert difference_caveats("x", newcombe_interval(4, 6, 2, 6))[0].kind is (
        CaveatKind.NO_CLAIMABLE_DIFFERENCE
    )
    assert difference_caveats("x", newcombe_interval(56, 70, 48, 80)) == ()


def test_compare_groups_of_six_is_not_claimable() -> None:
    from ctnat.aggregate import compare_groups

    c = compare_groups(
        "5.1.4", tally(0, 4, 2, 0, 0), tally(0, 2, 2, 2, 0), group_a="AZE", group_b="GEO"
    )
    assert c.share_positive.k1 == 4
    assert c.share_positive.k2 == 2
    assert [x.kind for x in c.caveats] == [CaveatKind.NO_CLAIMABLE_DIFFERENCE]
    big = compare_groups("x", tally(0, 90, 10, 0, 0), tally(0, 10, 10, 80, 0))
    assert big.caveats == ()
    assert big.means.probability_a_greater > 0.99
