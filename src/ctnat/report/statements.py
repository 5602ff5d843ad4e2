"""Sentences a report states about its own method, computed from the data they describe.

A report must not say more than its numbers allow, nor less: how large a
difference between two groups of this size has to be before it is clear (from
Newcombe's interval, not a fixed phrase), what an interval on a purposive sample
covers, which assumptions a Monte Carlo varied and which it did not model, and
what geometric aggregation does with a criterion at zero.

```python
>>> print(claimable_difference(6))
With 6 respondents in each of two groups, a difference in the share giving an answer is clear (Newcombe's 95% interval for the difference excludes 0) from 3 of 6 apart at best (3 of 6 vs 0 of 6, 6 of 6 vs 3 of 6) and always from 4 of 6 apart; a smaller difference cannot be told apart from chance.

```
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = [
    "GEOMETRIC_ZERO",
    "NOT_MODELLED",
    "SAMPLING_ERROR_ONLY",
    "claimable_difference",
    "clear_gaps",
    "varied_assumptions",
]

#: What a binomial interval on a purposive sample covers.
SAMPLING_ERROR_ONLY = (
    "Intervals on survey shares (Wilson or Jeffreys) measure sampling error only, as if "
    "the respondents were a random sample. They were chosen purposively (focal points "
    "and practitioners invited by the assessors), so the intervals say nothing about "
    "how far these respondents stand for everyone working in the field: selection "
    "bias is not in them (AAPOR Task Force on Non-Probability Sampling, 2013)."
)

#: What the comparison's Monte Carlo does not model.
NOT_MODELLED = (
    "Not modelled: survey sampling (who happened to answer) and the analyst's reading "
    "of the evidence behind each status; the probabilities hold only under the "
    "assumptions varied."
)

#: The effect of geometric aggregation, for a method section that uses it.
GEOMETRIC_ZERO = (
    "Geometric aggregation multiplies criterion scores, so one criterion at 0 (every "
    "indicator under it not met) makes its category score 0 and the overall score 0, "
    "however well the others score; strengths cannot compensate a criterion with "
    "nothing in place."
)


@cache
def clear_gaps(n1: int, n2: int) -> tuple[int | None, tuple[tuple[int, int], ...], int | None]:
    """The smallest count difference ``d`` (of ``n1`` vs ``n2`` respondents) at which some
    pair ``k1 of n1`` vs ``k2 of n2`` with ``k1 - k2 = d`` has a Newcombe 95% interval
    excluding 0, those pairs, and the smallest ``d`` at which every such pair does
    (None when no difference can be clear, e.g. a group of one)."""
    from ..aggregate.intervals import newcombe_interval

    best: int | None = None
    pairs: tuple[tuple[int, int], ...] = ()
    always: int | None = None
    for d in range(1, n1 + 1):
        options = [(k1, k1 - d) for k1 in range(d, n1 + 1) if k1 - d <= n2]
        if not options:
            break
        clear = [not newcombe_interval(k1, n1, k2, n2).includes_zero for k1, k2 in options]
        if best is None and any(clear):
            best = d
            pairs = tuple(p for p, c in zip(options, clear, strict=True) if c)
        if always is None and all(clear):
            always = d
            break
    return best, pairs, always


def claimable_difference(n: int) -> str:
    """The sentence on how far apart two groups of ``n`` respondents must be for a difference
    in a share to be clear, computed with Newcombe's interval."""
    if n < 1:
        return "Nobody answered, so no difference can be stated."
    best, pairs, always = clear_gaps(n, n)
    if best is None:
        return (
            f"With {n} respondent{'s' if n > 1 else ''} in each of two groups, no difference in a "
            "share can be told apart from chance (Newcombe's 95% interval always includes 0)."
        )
    examples = ", ".join(f"{a} of {n} vs {b} of {n}" for a, b in pairs[:3])
    tail = f" and always from {always} of {n} apart" if always is not None and always > best else ""
    return (
        f"With {n} respondents in each of two groups, a difference in the share giving an answer "
        f"is clear (Newcombe's 95% interval for the difference excludes 0) from {best} of {n} "
        f"apart at best ({examples}){tail}; a smaller difference cannot be told apart from chance."
    )


def varied_assumptions(method: Any) -> list[str]:
    """What a comparison's Monte Carlo varied, in words (empty without one)."""
    u = getattr(method, "uncertainty", None)
    if u is None:
        return []
    out = []
    if getattr(u, "unknown", None) is not None:
        out.append("the status of each unknown indicator (drawn at random)")
    if getattr(u, "partly_met", None) is not None:
        out.append("how a partly met indicator counts")
    if getattr(u, "weights", None) is not None:
        out.append("the category weights (perturbed around the chosen weights)")
    if getattr(u, "aggregator", None) is not None:
        out.append("the aggregator (arithmetic or geometric)")
    return out
