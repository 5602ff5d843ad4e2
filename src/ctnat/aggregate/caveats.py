"""Caveats as data: what a reader must know before trusting a number.

Each caveat has a kind, the value that triggered it, the threshold of its rule
and a sentence for people. The rules and their default thresholds
(:class:`CaveatRules`) are:

``small_sample``
    fewer than ``small_sample_n`` (default 30) respondents answered the item.
    At n = 30 a 95% Wilson interval around 50% is still about ±17 points; below
    it one respondent moves a share by more than 3 points, so displays show
    "k of n" and print a percentage only together with this caveat.
``non_response``
    the share of survey respondents who skipped the item is at least
    ``non_response_rate`` (default 0.10): the answers may not speak for those
    who were silent.
``dominant_group``
    one respondent type (a value of a profile question such as gender or
    position group) makes up at least ``dominant_share`` (default 0.75) of the
    item's respondents, with at least ``dominant_min_n`` (default 3) of them:
    the item mostly reports that group's view.
``no_claimable_difference``
    for a comparison of two groups: the 95% Newcombe interval of the difference
    covers 0 (the groups' intervals overlap too much to claim a difference).
``source_contradiction`` / ``not_stated``
    used for transcribed data: the source states two different counts, or
    names an answer without its count. Recorded, never resolved silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .intervals import DifferenceInterval

__all__ = [
    "Caveat",
    "CaveatKind",
    "CaveatRules",
    "difference_caveats",
    "dominant_group_caveat",
    "sample_caveats",
]


class CaveatKind(StrEnum):
    """The kinds of caveat, one documented rule each."""

    SMALL_SAMPLE = "small_sample"
    NON_RESPONSE = "non_response"
    DOMINANT_GROUP = "dominant_group"
    NO_CLAIMABLE_DIFFERENCE = "no_claimable_difference"
    SOURCE_CONTRADICTION = "source_contradiction"
    NOT_STATED = "not_stated"


class Caveat(BaseModel):
    """One caveat on one result: its kind, the value that triggered it and the rule's threshold."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: CaveatKind
    item: str
    message: str
    value: float | None = None
    threshold: float | None = None

    def __str__(self) -> str:
        return f"{self.item}: {self.message}"


class CaveatRules(BaseModel):
    """Thresholds of the caveat rules (see the module documentation for each rule)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    small_sample_n: int = Field(30, ge=1)
    non_response_rate: float = Field(0.10, gt=0.0, le=1.0)
    dominant_share: float = Field(0.75, gt=0.5, le=1.0)
    dominant_min_n: int = Field(3, ge=1)


DEFAULT_RULES = CaveatRules()


def sample_caveats(
    item: str, n_answered: int, n_respondents: int, rules: CaveatRules = DEFAULT_RULES
) -> tuple[Caveat, ...]:
    """Small-sample and non-response caveats of one item."""
    out: list[Caveat] = []
    if n_answered < rules.small_sample_n:
        out.append(
            Caveat(
                kind=CaveatKind.SMALL_SAMPLE,
                item=item,
                message=(
                    f"small sample: n={n_answered} answered (< {rules.small_sample_n}); "
                    "read counts as 'k of n', shares are very uncertain"
                ),
                value=float(n_answered),
                threshold=float(rules.small_sample_n),
            )
        )
    if n_respondents > 0:
        rate = (n_respondents - n_answered) / n_respondents
        if rate >= rules.non_response_rate:
            out.append(
                Caveat(
                    kind=CaveatKind.NON_RESPONSE,
                    item=item,
                    message=(
                        f"non-response: {n_respondents - n_answered} of {n_respondents} "
                        "survey respondents did not answer this item"
                    ),
                    value=rate,
                    threshold=rules.non_response_rate,
                )
            )
    return tuple(out)


def dominant_group_caveat(
    item: str,
    profile: str,
    group_counts: Mapping[str, int],
    rules: CaveatRules = DEFAULT_RULES,
) -> Caveat | None:
    """A caveat when one value of ``profile`` dominates the item's respondents."""
    total = sum(group_counts.values())
    if total == 0:
        return None
    group, count = max(group_counts.items(), key=lambda kv: (kv[1], kv[0]))
    share = count / total
    if share >= rules.dominant_share and count >= rules.dominant_min_n:
        return Caveat(
            kind=CaveatKind.DOMINANT_GROUP,
            item=item,
            message=(
                f"one respondent type dominates: {profile} = {group} "
                f"is {count} of {total} respondents"
            ),
            value=share,
            threshold=rules.dominant_share,
        )
    return None


def difference_caveats(item: str, diff: DifferenceInterval) -> tuple[Caveat, ...]:
    """A no-claimable-difference caveat when the difference interval covers 0."""
    if not diff.includes_zero:
        return ()
    return (
        Caveat(
            kind=CaveatKind.NO_CLAIMABLE_DIFFERENCE,
            item=item,
            message=(
                f"no difference can be claimed: {diff.k1} of {diff.n1} vs {diff.k2} of {diff.n2}, "
                f"95% interval of the difference {diff.low:+.2f} to {diff.high:+.2f} includes 0"
            ),
            value=diff.difference,
            threshold=0.0,
        ),
    )
