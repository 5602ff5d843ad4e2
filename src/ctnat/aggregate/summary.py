"""Item summaries: everything a report says about one survey item, as one frozen object.

:func:`summarize_tally` works from a :class:`~ctnat.aggregate.tally.Tally`
(plain data); :func:`ctnat.aggregate.summarize` builds the tallies from a
survey response set and calls it for every closed item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ConfigDict

from .caveats import (
    DEFAULT_RULES,
    Caveat,
    CaveatKind,
    CaveatRules,
    dominant_group_caveat,
    sample_caveats,
)
from .intervals import IntervalMethod, ProportionInterval, proportion_interval
from .ordinal import OrdinalSummary, ordinal_summary
from .posterior import DirichletPosterior, dirichlet_posterior
from .tally import Tally

__all__ = ["ItemSummary", "summarize_tally"]


class ItemSummary(BaseModel):
    """Counts, intervals, ordinal summary, posterior and caveats of one item.

    ``n_respondents`` is the number of respondents to the survey;
    ``n_answered`` the number who answered this item.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str
    text: str = ""
    option_labels: tuple[str, ...] = ()
    tally: Tally
    n_respondents: int
    intervals: tuple[ProportionInterval, ...]
    ordinal: OrdinalSummary | None
    posterior: DirichletPosterior
    caveats: tuple[Caveat, ...]

    @property
    def counts(self) -> Mapping[str, int]:
        """Counts per option (read-only)."""
        return MappingProxyType(dict(self.tally.as_mapping()))

    @property
    def n_answered(self) -> int:
        """Respondents who answered the item."""
        return self.tally.n_answered

    @property
    def options(self) -> tuple[str, ...]:
        """The options, in scale order."""
        return self.tally.options

    def interval(self, option: str) -> ProportionInterval:
        """The interval of one option's share."""
        return self.intervals[self.tally.options.index(option)]

    def has_caveat(self, kind: CaveatKind | str) -> bool:
        """True when a caveat of this kind is attached."""
        return any(c.kind == kind for c in self.caveats)

    def k_of_n(self, option: str, *, percent: bool = False) -> str:
        """ "k of n" for one option; with ``percent`` the share is added, and marked
        with ``*`` (see caveats) when the small-sample caveat applies."""
        k, n = self.tally.count(option), self.n_answered
        text = f"{k} of {n}"
        if percent and n:
            mark = "*" if self.has_caveat(CaveatKind.SMALL_SAMPLE) else ""
            text += f" ({k / n:.0%}{mark})"
        return text

    def __repr__(self) -> str:
        # what identifies the summary; the content is in to_text(), to_frame(), _repr_html_()
        counts = ", ".join(f"{o} {self.tally.count(o)}" for o in self.tally.options)
        caveats = f", {len(self.caveats)} caveats" if self.caveats else ""
        return (
            f"<ItemSummary {self.item}: {self.n_answered} of {self.n_respondents} answered "
            f"({counts}){caveats}>"
        )

    def _repr_html_(self) -> str:
        """A table for Jupyter: "k of n" and the interval per option, caveats below."""
        from html import escape

        labels = self.option_labels or self.tally.options
        rows = "".join(
            f"<tr><td>{escape(label)}</td><td>{self.k_of_n(option)}</td>"
            f"<td>{ci.low:.2f}&ndash;{ci.high:.2f}</td></tr>"
            for label, option, ci in zip(labels, self.tally.options, self.intervals, strict=True)
        )
        notes = "".join(f"<li>{escape(c.message)}</li>" for c in self.caveats)
        return (
            f"<table><caption>{escape(self.item)} {escape(self.text)}</caption>"
            f"<tr><th>answer</th><th>count</th><th>{escape(self.intervals[0].method if self.intervals else '')}"
            f" interval</th></tr>{rows}</table>"
            f"<p>answered: {self.n_answered} of {self.n_respondents} survey respondents</p>"
            + (f"<ul>{notes}</ul>" if notes else "")
        )

    def to_frame(self) -> Any:
        """One row per option: count, share of those who answered, interval (exact values,
        shown rounded); needs ``pip install "ctnat[pandas]"``."""
        from .._frames import display_frame

        labels = self.option_labels or self.tally.options
        n = self.n_answered
        rows = [
            {
                "item": self.item,
                "option": option,
                "label": label,
                "count": self.tally.count(option),
                "answered": n,
                "share": self.tally.count(option) / n if n else None,
                "low": ci.low,
                "high": ci.high,
                "interval": f"{ci.method} {ci.confidence:.0%}",
            }
            for label, option, ci in zip(labels, self.tally.options, self.intervals, strict=True)
        ]
        return display_frame(rows, ["item", "option"])

    def to_text(self, *, percent: bool = False) -> str:
        """A short plain-text account: counts as "k of n", intervals, caveats."""
        lines = [f"{self.item} {self.text}".rstrip()]
        for option, ci in zip(self.tally.options, self.intervals, strict=True):
            lines.append(
                f"  {option}: {self.k_of_n(option, percent=percent)}"
                f"  [{ci.method} interval {ci.low:.2f}-{ci.high:.2f}]"
            )
        lines.append(f"  answered: {self.n_answered} of {self.n_respondents} survey respondents")
        lines.extend(f"  caveat: {c.message}" for c in self.caveats)
        if percent and self.has_caveat(CaveatKind.SMALL_SAMPLE):
            lines.append("  * percentage of a small sample: read it as the count it is")
        return "\n".join(lines)


def summarize_tally(
    item: str,
    tally: Tally,
    *,
    n_respondents: int | None = None,
    text: str = "",
    option_labels: tuple[str, ...] = (),
    ordinal: bool = True,
    method: IntervalMethod = "wilson",
    prior: float = 1.0,
    rules: CaveatRules = DEFAULT_RULES,
    profiles: Mapping[str, Mapping[str, int]] | None = None,
    extra_caveats: Iterable[Caveat] = (),
    positive: tuple[str, ...] | None = None,
    negative: tuple[str, ...] | None = None,
) -> ItemSummary:
    """Summarise one item's tally.

    ``n_respondents`` defaults to the tally's answered + missing. ``profiles``
    maps a profile question (e.g. ``"gender"``) to the counts of its values
    among the item's respondents; it feeds the dominant-group rule.
    """
    n_resp = tally.n_respondents if n_respondents is None else n_respondents
    n = tally.n_answered
    caveats = list(sample_caveats(item, n, n_resp, rules))
    for profile, counts in (profiles or {}).items():
        dom = dominant_group_caveat(item, profile, counts, rules)
        if dom is not None:
            caveats.append(dom)
    caveats.extend(extra_caveats)
    return ItemSummary(
        item=item,
        text=text,
        option_labels=option_labels,
        tally=tally,
        n_respondents=n_resp,
        intervals=tuple(proportion_interval(k, n, method) for k in tally.counts),
        ordinal=ordinal_summary(tally, positive=positive, negative=negative) if ordinal else None,
        posterior=dirichlet_posterior(tally, prior),
        caveats=tuple(caveats),
    )
