"""Tables of results for Jupyter and exports: item summaries, scorecards, comparisons.

Each function reads attributes only (the shapes of :mod:`ctnat.aggregate` and
:mod:`ctnat.scoring` results) and returns a :class:`~ctnat.report.Table`; the
``*_html`` functions give what a result's ``_repr_html_`` shows, and
:func:`table_frame` turns any of these tables into a pandas DataFrame.

Counts are shown as "k of n" with their interval, never as a bare percentage.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ._shapes import CategoryScoreLike, OverallLike, ScoreLike
from .render import table_html
from .table import Cell, Table

__all__ = [
    "comparison_table",
    "item_summaries_table",
    "item_summary_html",
    "item_summary_table",
    "scorecard_html",
    "scorecard_table",
    "table_frame",
]


class _Interval(Protocol):
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...
    @property
    def method(self) -> str: ...


class _Caveat(Protocol):
    @property
    def message(self) -> str: ...


class _Tally(Protocol):
    @property
    def options(self) -> Sequence[str]: ...
    @property
    def counts(self) -> Sequence[int]: ...


class ItemSummaryLike(Protocol):
    """An item summary (see :class:`ctnat.aggregate.ItemSummary`)."""

    @property
    def item(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def tally(self) -> _Tally: ...
    @property
    def n_respondents(self) -> int: ...
    @property
    def n_answered(self) -> int: ...
    @property
    def intervals(self) -> Sequence[_Interval]: ...
    @property
    def caveats(self) -> Sequence[_Caveat]: ...


def _ci(interval: _Interval) -> str:
    return f"{interval.low:.2f}\u2013{interval.high:.2f}"


def item_summary_table(summary: ItemSummaryLike) -> Table:
    """One item: a row per option with "k of n" and its 95% interval; caveats as notes."""
    n = summary.n_answered
    method = summary.intervals[0].method if summary.intervals else ""
    rows = tuple(
        (option, Cell(value=k), f"{k} of {n}", _ci(ci))
        for option, k, ci in zip(
            summary.tally.options, summary.tally.counts, summary.intervals, strict=True
        )
    )
    notes = [f"Answered: {n} of {summary.n_respondents} survey respondents."]
    notes += [c.message for c in summary.caveats]
    title = f"{summary.item} {summary.text}".strip()
    return Table(
        title=title,
        columns=("Option", "Count", "Share", f"95% interval ({method})" if method else "Interval"),
        rows=rows,
        notes=tuple(notes),
    )


def item_summary_html(summary: ItemSummaryLike) -> str:
    """HTML for Jupyter: :func:`item_summary_table` rendered."""
    return table_html(item_summary_table(summary))


def item_summaries_table(summaries: Iterable[ItemSummaryLike], *, title: str = "") -> Table:
    """Several items sharing a scale, the seed's way: a row per item, "n=k" per option."""
    chosen = list(summaries)
    if not chosen:
        return Table(title=title, columns=("Item",))
    options = tuple(chosen[0].tally.options)
    rows = []
    for s in chosen:
        by_option = dict(zip(s.tally.options, s.tally.counts, strict=True))
        rows.append(
            (
                f"{s.item}. {s.text}" if s.text else s.item,
                *(f"n={by_option[o]}" if by_option.get(o) else "" for o in options),
                s.n_answered,
            )
        )
    notes: list[str] = []
    if chosen:
        notes.append(f"Total survey respondents: n={max(s.n_respondents for s in chosen)}.")
    seen: set[str] = set()
    for s in chosen:
        for c in s.caveats:
            if c.message not in seen:
                seen.add(c.message)
                notes.append(f"{s.item}: {c.message}")
    return Table(title=title, columns=("Item", *options, "n"), rows=tuple(rows), notes=tuple(notes))


# -- scores -------------------------------------------------------------------------------
class ScorecardTableLike(Protocol):
    """A scorecard (see :class:`ctnat.scoring.Scorecard`)."""

    @property
    def country(self) -> str: ...
    @property
    def round(self) -> Any: ...
    @property
    def provenance(self) -> Any: ...
    @property
    def method(self) -> Any: ...
    @property
    def categories(self) -> Sequence[CategoryScoreLike]: ...
    @property
    def overall(self) -> OverallLike: ...


def _score_text(score: ScoreLike) -> str:
    if score.value is None:
        return "n/a"
    if score.low is not None and score.high is not None and score.low != score.high:
        return f"{score.value:.2f} ({score.low:.2f}\u2013{score.high:.2f})"
    return f"{score.value:.2f}"


def _gap(gap: float | None) -> str:
    return "" if gap is None or math.isnan(gap) else f"{gap:+.2f}"


def scorecard_table(scorecard: ScorecardTableLike) -> Table:
    """A scorecard: a row per category and one for the overall score."""
    rows = [
        (
            f"{c.category} {c.title or ''}".strip(),
            _score_text(c.score),
            _score_text(c.framework),
            _score_text(c.operational),
            _gap(c.gap),
            f"{c.coverage.judged} of {c.coverage.applicable}",
        )
        for c in scorecard.categories
    ]
    o = scorecard.overall
    rows.append(
        (
            "Overall",
            _score_text(o.score),
            _score_text(o.framework),
            _score_text(o.operational),
            _gap(o.gap),
            f"{o.coverage.judged} of {o.coverage.applicable}",
        )
    )
    m = scorecard.method
    method = (
        f"Method: rule {getattr(m, 'rule', '?')}, aggregator {getattr(m, 'aggregator', '?')}, "
        f"unknown statuses {getattr(m, 'unknown', '?')}. Gap = framework - operational."
    )
    notes = [method]
    kind = str(getattr(scorecard.provenance, "kind", ""))
    if kind == "synthetic":
        notes.insert(0, "SYNTHETIC example data: generated statuses, not findings.")
    elif kind == "reading":
        notes.insert(0, "Statuses read from a published report, not the report's own marks.")
    when = getattr(scorecard.round, "isoformat", lambda: str(scorecard.round))()
    return Table(
        title=f"{scorecard.country} {when}",
        columns=("Category", "Score", "Framework", "Operational", "Gap", "Judged"),
        rows=tuple(rows),
        notes=tuple(notes),
    )


def scorecard_html(scorecard: ScorecardTableLike) -> str:
    """HTML for Jupyter: :func:`scorecard_table` rendered."""
    return table_html(scorecard_table(scorecard))


class _ComparisonLike(Protocol):
    @property
    def keys(self) -> Sequence[tuple[str, Any]]: ...
    @property
    def scorecards(self) -> Sequence[ScorecardTableLike]: ...
    @property
    def categories(self) -> Sequence[str]: ...
    @property
    def titles(self) -> Sequence[str]: ...


def comparison_table(comparison: _ComparisonLike) -> Table:
    """Scores side by side: a row per category (and overall), a column per assessment."""
    labels = [
        f"{country} {getattr(when, 'isoformat', lambda w=when: str(w))()}"
        for country, when in comparison.keys
    ]
    rows = []
    for i, cid in enumerate(comparison.categories):
        title = comparison.titles[i] if i < len(comparison.titles) else ""
        cells = []
        for card in comparison.scorecards:
            found = [c for c in card.categories if c.category == cid]
            cells.append(_score_text(found[0].score) if found else "n/a")
        rows.append((f"{cid} {title}".strip(), *cells))
    rows.append(("Overall", *(_score_text(c.overall.score) for c in comparison.scorecards)))
    return Table(title="Scores compared", columns=("Category", *labels), rows=tuple(rows))


def table_frame(table: Table) -> Any:
    """A pandas DataFrame of ``table`` (needs the ``pandas`` extra); see :meth:`Table.to_frame`."""
    return table.to_frame()
