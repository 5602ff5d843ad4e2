"""Ordinal summaries of a Likert item: median category, top/bottom boxes, net score.

Options are taken in the order of the scale, **most favourable first** (as every
5-point scale of the CT-NAT survey is printed: "Strongly agree" … "Strongly
disagree", "Always" … "Never"). For a scale of k options the first ⌊k/2⌋ are
positive, the last ⌊k/2⌋ negative and, when k is odd, the middle one neutral
("top-2 / bottom-2 boxes" for k = 5). The net score is share positive minus
share negative, in [-1, 1].
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .tally import Tally

__all__ = ["OrdinalSummary", "boxes", "ordinal_summary"]


class OrdinalSummary(BaseModel):
    """Median category and positive / neutral / negative shares of one item."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    n: int
    median: tuple[str, ...]
    positive: int
    neutral: int
    negative: int
    share_positive: float | None
    share_neutral: float | None
    share_negative: float | None
    net_score: float | None


def boxes(options: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(positive, neutral, negative) options of an ordered scale, most favourable first."""
    half = len(options) // 2
    positive = options[:half]
    negative = options[len(options) - half :]
    neutral = options[half : len(options) - half]
    return positive, neutral, negative


def _median(tally: Tally) -> tuple[str, ...]:
    """The category of the middle answer; two categories when n is even and they differ."""
    n = tally.n_answered
    if n == 0:
        return ()

    def category_of(rank: int) -> str:  # rank is 1-based in the ordered answers
        seen = 0
        for option, count in zip(tally.options, tally.counts, strict=True):
            seen += count
            if seen >= rank:
                return option
        raise AssertionError("rank beyond n")  # pragma: no cover

    low = category_of((n + 1) // 2)
    high = category_of(n // 2 + 1)
    return (low,) if low == high else (low, high)


def ordinal_summary(
    tally: Tally,
    *,
    positive: tuple[str, ...] | None = None,
    negative: tuple[str, ...] | None = None,
) -> OrdinalSummary:
    """Median category, box counts and shares, and net score of an ordered tally.

    ``positive`` / ``negative`` override the default boxes (a scale such as the
    service-adequacy scale, whose middle "adequate for some victims only" is
    neither, passes them explicitly); options in neither count as neutral.
    """
    pos, neu, neg = boxes(tally.options)
    if positive is not None or negative is not None:
        pos = positive if positive is not None else pos
        neg = negative if negative is not None else neg
        neu = tuple(o for o in tally.options if o not in pos and o not in neg)
    counts = tally.as_mapping()
    p = sum(counts[o] for o in pos)
    z = sum(counts[o] for o in neu)
    m = sum(counts[o] for o in neg)
    n = tally.n_answered
    return OrdinalSummary(
        n=n,
        median=_median(tally),
        positive=p,
        neutral=z,
        negative=m,
        share_positive=p / n if n else None,
        share_neutral=z / n if n else None,
        share_negative=m / n if n else None,
        net_score=(p - m) / n if n else None,
    )
