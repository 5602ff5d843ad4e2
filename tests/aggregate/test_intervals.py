"""Intervals checked against published values, not against the code's own output."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import betainc

from ctnat.aggregate import (
    jeffreys_interval,
    newcombe_interval,
    proportion_interval,
    wilson_interval,
)
from ctnat.errors import ValidationError


def test_wilson_four_of_six_matches_the_design_note() -> None:
    # DESIGN.md: "a 95% Wilson interval for 4 of 6 is 0.30-0.90"
    ci = wilson_interval(4, 6)
    assert round(ci.low, 2) == 0.30
    assert round(ci.high, 2) == 0.90
    assert str(ci).startswith("4 of 6")


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_published_values(k: int, n: int, low: float, high: float) -> None:
    ci = wilson_interval(k, n)
    assert ci.low == pytest.approx(low, abs=5e-5)
    assert ci.high == pytest.approx(high, abs=5e-5)


@pytest.mark.parametrize(
    ("k1", "n1", "k2", "n2", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
    ],
)
def test_newcombe_published_values(
    k1: int, n1: int, k2: int, n2: int, low: float, high: float
) -> None:
    d = newcombe_interval(k1, n1, k2, n2)
    assert d.low == pytest.approx(low, abs=5e-5)
    assert d.high == pytest.approx(high, abs=5e-5)
    assert not d.includes_zero


def test_newcombe_two_groups_of_six_is_inconclusive() -> None:
    d = newcombe_interval(4, 6, 2, 6)
    assert d.includes_zero


@settings(max_examples=60)
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_jeffreys_is_the_beta_posterior_quantile(kn: tuple[int, int]) -> None:
    k, n = kn
    ci = jeffreys_interval(k, n)
    # the regularised incomplete beta (the Beta cdf) at the bounds gives the tails
    if k > 0:
        assert betainc(k + 0.5, n - k + 0.5, ci.low) == pytest.approx(0.025, abs=1e-9)
    else:
        assert ci.low == 0.0
    if k < n:
        assert betainc(k + 0.5, n - k + 0.5, ci.high) == pytest.approx(0.975, abs=1e-9)
    else:
        assert ci.high == 1.0


@settings(max_examples=80)
@given(
    st.integers(1, 80).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.sampled_from(["wilson", "jeffreys"]),
)
def test_intervals_stay_in_unit_range_and_hold_the_estimate(
    kn: tuple[int, int], method: str
) -> None:
    k, n = kn
    ci = proportion_interval(k, n, method)  # type: ignore[arg-type]
    assert 0.0 <= ci.low <= k / n <= ci.high <= 1.0
    assert ci.width > 0


def test_no_answers_gives_the_whole_range_and_no_estimate() -> None:
    ci = wilson_interval(0, 0)
    assert ci.estimate is None
    assert (ci.low, ci.high) == (0.0, 1.0)


def test_wald_is_not_offered() -> None:
    with pytest.raises(ValidationError, match="Wald"):
        proportion_interval(1, 6, "wald")  # type: ignore[arg-type]


def test_bad_counts_are_rejected() -> None:
    with pytest.raises(ValidationError):
        wilson_interval(7, 6)
    with pytest.raises(ValidationError):
        jeffreys_interval(1, 6, confidence=1.5)


@given(
    st.integers(0, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_wilson_closed_form_equals_scipy_binomtest(kn: tuple[int, int], confidence: float) -> None:
    from scipy.stats import binomtest

    k, n = kn
    if n == 0:
        return
    ci = wilson_interval(k, n, confidence)
    ref = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    assert ci.low == pytest.approx(max(0.0, ref.low), abs=1e-12)
    assert ci.high == pytest.approx(min(1.0, ref.high), abs=1e-12)
