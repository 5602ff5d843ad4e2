"""Confidence intervals for proportions that stay honest at n = 6.

Two intervals are offered for a single proportion, both well behaved for tiny
samples (Brown, Cai & DasGupta 2001, "Interval estimation for a binomial
proportion", Statistical Science 16(2)):

- **Wilson** (score) interval, in closed form (the tests check it against
  :func:`scipy.stats.binomtest`); the default, because it is the one most readers can check and it never leaves
  [0, 1];
- **Jeffreys** interval, the equal-tailed 95% posterior interval of a
  Beta(k + 1/2, n - k + 1/2), with the lower end set to 0 when k = 0 and the
  upper end to 1 when k = n (the convention of Brown, Cai & DasGupta).

The Wald interval (p ± 1.96·√(p(1-p)/n)) is deliberately not provided: at
n = 6 it gives zero width for 0 of 6 and limits outside [0, 1].

Differences between two groups use Newcombe's hybrid score interval (method 10
of Newcombe 1998, "Interval estimation for the difference between independent
proportions", Statistics in Medicine 17), built from the two Wilson intervals.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..errors import ValidationError

__all__ = [
    "DifferenceInterval",
    "IntervalMethod",
    "ProportionInterval",
    "jeffreys_interval",
    "newcombe_interval",
    "proportion_interval",
    "wilson_interval",
]

IntervalMethod = Literal["wilson", "jeffreys"]


class ProportionInterval(BaseModel):
    """k of n with a confidence interval for the underlying proportion.

    ``estimate`` is ``None`` when n = 0 (nothing to estimate; the interval is
    then the whole of [0, 1]).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    k: int
    n: int
    estimate: float | None
    low: float
    high: float
    method: IntervalMethod
    confidence: float = 0.95

    @property
    def width(self) -> float:
        """high - low."""
        return self.high - self.low

    def __str__(self) -> str:
        return f"{self.k} of {self.n} ({self.method} {self.confidence:.0%} CI {self.low:.2f}-{self.high:.2f})"


class DifferenceInterval(BaseModel):
    """Difference of two proportions (k1/n1 - k2/n2) with Newcombe's interval."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    k1: int
    n1: int
    k2: int
    n2: int
    difference: float | None
    low: float
    high: float
    method: Literal["newcombe"] = "newcombe"
    confidence: float = 0.95

    @property
    def includes_zero(self) -> bool:
        """True when the interval covers 0: no difference can be claimed."""
        return self.low <= 0.0 <= self.high


def _check(k: int, n: int, confidence: float) -> None:
    if n < 0 or k < 0 or k > n:
        raise ValidationError(f"need 0 <= k <= n, got k={k}, n={n}")
    if not 0.0 < confidence < 1.0:
        raise ValidationError(f"confidence must lie strictly between 0 and 1, got {confidence}")


def wilson_interval(k: int, n: int, confidence: float = 0.95) -> ProportionInterval:
    """Wilson score interval for k successes in n trials (the closed form)."""
    _check(k, n, confidence)
    if n == 0:
        return ProportionInterval(
            k=0, n=0, estimate=None, low=0.0, high=1.0, method="wilson", confidence=confidence
        )
    from .matrix import wilson_bounds

    # the closed form (tested equal to scipy.stats.binomtest's): binomtest also
    # computes an exact p-value first, which costs milliseconds at n in the thousands
    low, high = wilson_bounds(np.array([k]), np.array([n]), confidence)
    return ProportionInterval(
        k=k,
        n=n,
        estimate=k / n,
        low=float(low[0]),
        high=float(high[0]),
        method="wilson",
        confidence=confidence,
    )


def jeffreys_interval(k: int, n: int, confidence: float = 0.95) -> ProportionInterval:
    """Jeffreys interval: equal-tailed quantiles of Beta(k + 1/2, n - k + 1/2)."""
    _check(k, n, confidence)
    if n == 0:
        return ProportionInterval(
            k=0, n=0, estimate=None, low=0.0, high=1.0, method="jeffreys", confidence=confidence
        )
    from scipy.stats import beta

    tail = (1.0 - confidence) / 2.0
    low = 0.0 if k == 0 else float(beta.ppf(tail, k + 0.5, n - k + 0.5))
    high = 1.0 if k == n else float(beta.ppf(1.0 - tail, k + 0.5, n - k + 0.5))
    return ProportionInterval(
        k=k, n=n, estimate=k / n, low=low, high=high, method="jeffreys", confidence=confidence
    )


def proportion_interval(
    k: int, n: int, method: IntervalMethod = "wilson", confidence: float = 0.95
) -> ProportionInterval:
    """Wilson (default) or Jeffreys interval; anything else is refused."""
    if method == "wilson":
        return wilson_interval(k, n, confidence)
    if method == "jeffreys":
        return jeffreys_interval(k, n, confidence)
    raise ValidationError(
        f"unknown interval method {method!r}",
        hint="use 'wilson' or 'jeffreys' (the Wald interval is not offered)",
    )


def newcombe_interval(
    k1: int, n1: int, k2: int, n2: int, confidence: float = 0.95
) -> DifferenceInterval:
    """Newcombe's hybrid score interval for p1 - p2 (independent groups).

    With an empty group the difference is unknown and the interval is [-1, 1].
    """
    a = wilson_interval(k1, n1, confidence)
    b = wilson_interval(k2, n2, confidence)
    if a.estimate is None or b.estimate is None:
        return DifferenceInterval(
            k1=k1, n1=n1, k2=k2, n2=n2, difference=None, low=-1.0, high=1.0, confidence=confidence
        )
    p1, p2 = a.estimate, b.estimate
    d = p1 - p2
    low = d - math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2)
    high = d + math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2)
    return DifferenceInterval(
        k1=k1,
        n1=n1,
        k2=k2,
        n2=n2,
        difference=d,
        low=max(-1.0, low),
        high=min(1.0, high),
        confidence=confidence,
    )
