"""Comparing one item between two groups (two countries, two rounds, two profiles).

A :class:`GroupComparison` puts side by side the difference in the share of
favourable answers (top boxes) with Newcombe's interval, and the posterior
probability that the mean answer of A is above that of B. When the difference
interval covers 0 it carries the ``no_claimable_difference`` caveat: with groups
of six respondents that is the usual, and honest, outcome.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..errors import ValidationError
from .caveats import Caveat, difference_caveats
from .intervals import DifferenceInterval, newcombe_interval
from .ordinal import boxes
from .posterior import MeanComparison, compare_means
from .tally import Tally

__all__ = ["GroupComparison", "compare_groups"]


class GroupComparison(BaseModel):
    """Item ``item`` in group A vs group B."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str
    group_a: str
    group_b: str
    positive_options: tuple[str, ...]
    share_positive: DifferenceInterval
    means: MeanComparison
    caveats: tuple[Caveat, ...]


def compare_groups(
    item: str,
    a: Tally,
    b: Tally,
    *,
    group_a: str = "A",
    group_b: str = "B",
    positive: tuple[str, ...] | None = None,
    seed: int = 0,
    draws: int = 20_000,
) -> GroupComparison:
    """Compare the favourable share and the mean answer of one item between two groups.

    ``positive`` are the favourable options (default: the top half of the scale).
    """
    if a.options != b.options:
        raise ValidationError(f"{item}: the two tallies have different options")
    pos = positive if positive is not None else boxes(a.options)[0]
    ka = sum(a.count(o) for o in pos)
    kb = sum(b.count(o) for o in pos)
    diff = newcombe_interval(ka, a.n_answered, kb, b.n_answered)
    return GroupComparison(
        item=item,
        group_a=group_a,
        group_b=group_b,
        positive_options=tuple(pos),
        share_positive=diff,
        means=compare_means(a, b, seed=seed, draws=draws),
        caveats=difference_caveats(item, diff),
    )
