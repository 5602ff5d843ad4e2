"""Survey-informed suggestions for operational indicators, for an analyst to confirm.

The rule (documented in docs/method.md): for a survey item linked to a
criterion, take the share of respondents to the item who chose a positive
option (e.g. "adequate" or better) and its Wilson interval. If the whole
interval lies at or above one half, suggest that the criterion's operational
level 1 is met; if it lies wholly below one half, suggest that its highest
operational level is not met; otherwise the item is inconclusive. An item whose
counts are incomplete or contradictory suggests nothing. A suggestion never
changes a recorded status: it is returned beside it, marked as a suggestion.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from ..aggregate.intervals import wilson_interval
from ..assessment import Assessment, Status, SurveyItemResult, indicator_set_of
from ..errors import CtnatError

if TYPE_CHECKING:
    from ..indicators import IndicatorSet, ItemLink

__all__ = ["Outcome", "Suggestion", "suggest"]

SMALL_SAMPLE = 10


class Outcome(enum.StrEnum):
    """What the rule concluded from one item."""

    MET = "suggests_met"
    NOT_MET = "suggests_not_met"
    INCONCLUSIVE = "inconclusive"
    NOT_USABLE = "not_usable"


class Suggestion(BaseModel):
    """A proposed status for the analyst to confirm; it never overrides the recorded one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["suggestion"] = "suggestion"
    indicator: str
    item: str
    criterion: str
    outcome: Outcome
    suggested: Status | None
    recorded: Status
    agrees: bool | None
    positive: int | None
    respondents: int | None
    interval: tuple[float, float] | None
    level: float
    caveats: tuple[str, ...]
    reason: str

    def __str__(self) -> str:
        share = (
            f"{self.positive} of {self.respondents} positive"
            if self.positive is not None
            else "counts not usable"
        )
        ci = (
            f", {self.level:.0%} interval {self.interval[0]:.2f}-{self.interval[1]:.2f}"
            if self.interval
            else ""
        )
        what = self.suggested.value if self.suggested else "no status"
        return (
            f"suggestion for {self.indicator} from item {self.item}: {what} "
            f"({share}{ci}; recorded: {self.recorded.value})"
        )


def _caveats(res: SurveyItemResult, n: int | None) -> list[str]:
    out = list(res.problems)
    if any(c.count is None for c in res.counts):
        unstated = [c.option for c in res.counts if c.count is None]
        out.append(f"no count reported for {', '.join(repr(o) for o in unstated)}")
    if n is None:
        out.append("respondents to the item are not stated")
    elif n < SMALL_SAMPLE:
        out.append(f"small sample: n = {n}; one respondent moves the share by {100 / n:.0f} points")
    total = res.survey_respondents
    if n is not None and total is not None and n < total:
        out.append(f"{total - n} of {total} survey respondents did not answer this item")
    if res.block_respondents is not None and n is not None and n < res.block_respondents:
        out.append(f"{res.block_respondents - n} respondents to the block skipped this item")
    if not res.positive:
        out.append("the item declares no positive options")
    return out


def _operational(iset: IndicatorSet, criterion: str) -> tuple[str, str] | None:
    try:
        crit = iset.criterion(criterion)
    except CtnatError:
        return None
    ops = sorted(
        (i for i in crit.indicators if str(i.dimension) == "operational" and i.active),
        key=lambda i: i.level,
    )
    if not ops:
        return None
    return ops[0].id, ops[-1].id


def suggest(
    assessment: Assessment,
    *,
    links: Sequence[ItemLink] | None = None,
    level: float = 0.95,
    indicator_set: IndicatorSet | None = None,
) -> tuple[Suggestion, ...]:
    """Suggestions for operational indicators from the survey items linked to their criteria.

    ``links`` defaults to the indicator set's links (``IndicatorSet.links``).
    Items without a result in the assessment are skipped; every linked item with a
    result yields one suggestion, usable or not, with its caveats.
    """
    iset = indicator_set if indicator_set is not None else indicator_set_of(assessment)
    use = tuple(links) if links is not None else tuple(iset.links)
    if assessment.survey is None:
        return ()
    recorded = {s.indicator: s.status for s in assessment.statuses}
    out: list[Suggestion] = []
    for link in use:
        res = assessment.survey.item(link.item)
        ops = _operational(iset, link.criterion)
        if res is None or ops is None:
            continue
        low_id, high_id = ops
        n = res.item_respondents
        caveats = _caveats(res, n)
        usable = res.complete and bool(res.positive) and n is not None and n > 0
        if not usable or n is None:
            out.append(
                Suggestion(
                    indicator=low_id,
                    item=res.item,
                    criterion=link.criterion,
                    outcome=Outcome.NOT_USABLE,
                    suggested=None,
                    recorded=recorded.get(low_id, Status.UNKNOWN),
                    agrees=None,
                    positive=None,
                    respondents=n,
                    interval=None,
                    level=level,
                    caveats=tuple(caveats),
                    reason="the reported counts are incomplete or contradictory; no status is suggested",
                )
            )
            continue
        k = sum(res.count(o) or 0 for o in res.positive)
        ci = wilson_interval(k, n, level)
        lo, hi = ci.low, ci.high
        if lo >= 0.5:
            ind, outcome, st = low_id, Outcome.MET, Status.MET
            reason = f"the whole interval for the positive share is at or above 0.5 ({lo:.2f})"
        elif hi < 0.5:
            ind, outcome, st = high_id, Outcome.NOT_MET, Status.NOT_MET
            reason = f"the whole interval for the positive share is below 0.5 ({hi:.2f})"
        else:
            ind, outcome, st = low_id, Outcome.INCONCLUSIVE, None
            reason = (
                f"the interval {lo:.2f}-{hi:.2f} includes 0.5: {k} of {n} cannot tell "
                "a majority from a minority"
            )
        rec = recorded.get(ind, Status.UNKNOWN)
        agrees = None if st is None or not rec.judged else rec is st
        out.append(
            Suggestion(
                indicator=ind,
                item=res.item,
                criterion=link.criterion,
                outcome=outcome,
                suggested=st,
                recorded=rec,
                agrees=agrees,
                positive=k,
                respondents=n,
                interval=(round(lo, 6), round(hi, 6)),
                level=level,
                caveats=tuple(caveats),
                reason=reason,
            )
        )
    return tuple(out)
