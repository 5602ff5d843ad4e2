"""Statistics as evidence: figures of several sources grouped, and their disagreements.

A report often has two figures for one thing: the TIP report's 56 victims for
2013 and the ministry's 54. :func:`group_statistics` puts figures of the same
measure and period together; a group whose figures differ says so, with every
figure and its source, and has no single value (never a silent pick).
:func:`time_series` orders one measure's groups by period, and
:func:`nested_conflicts` finds a figure for part of a period larger than
another source's figure for the whole of it.

```python
>>> from ctnat.assessment import Basis, Evidence, Statistic, group_statistics
>>> def victims(source, year, value):
...     return Statistic(id=f"{source}-{year}", label="victims identified", value=value,
...                      year=year, basis=Basis.STATED, evidence=Evidence(source=source),
...                      measure="victims-identified")
>>> stats = [victims("Gen 1", 2013, 56), victims("Aze 17", 2013, 54),
...          victims("Gen 1", 2014, 54), victims("Aze 17", 2014, 54)]
>>> [(str(g.period), g.value, g.agree) for g in group_statistics(stats)]
[('2013', None, False), ('2014', 54, True)]
>>> print(group_statistics(stats)[0].disagreement)
2013: Gen 1 gives 56; Aze 17 gives 54

```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ._model import Statistic, _Frozen
from ._narrative import Period

__all__ = ["StatisticGroup", "TimeSeries", "group_statistics", "nested_conflicts", "time_series"]


def _fmt(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


class StatisticGroup(_Frozen):
    """Figures for one measure and one period, from one or more sources.

    ``value`` is the figure when every source gives the same one, and None when
    they differ (``disagreement`` then lists each figure with its source).
    A statistic without a measure forms a group of its own (``measure`` None).
    """

    measure: str | None
    period: Period | None
    statistics: tuple[Statistic, ...]

    @property
    def agree(self) -> bool:
        """True when every figure has the same value and unit."""
        return len({(s.value, s.unit) for s in self.statistics}) <= 1

    @property
    def value(self) -> float | int | None:
        """The common value, or None when the sources disagree."""
        return self.statistics[0].value if self.agree and self.statistics else None

    @property
    def values(self) -> tuple[float | int, ...]:
        """The distinct values, in the order first given."""
        return tuple(dict.fromkeys(s.value for s in self.statistics))

    @property
    def sources(self) -> tuple[str, ...]:
        """Who gives the figures (bibliography codes or report sections), once each."""
        return tuple(dict.fromkeys(s.source_label for s in self.statistics))

    @property
    def disagreement(self) -> str | None:
        """Each figure with its sources when they differ (``Gen 1 gives 56; Aze 17 gives 54``)."""
        if self.agree:
            return None
        by_value: dict[tuple[float | int, str | None], list[str]] = {}
        for s in self.statistics:
            names = by_value.setdefault((s.value, s.unit), [])
            if s.source_label not in names:
                names.append(s.source_label)
        parts = [
            f"{' and '.join(names)} {'gives' if len(names) == 1 else 'give'} {_fmt(v)}"
            + (f" {unit}" if unit and len({u for _, u in by_value}) > 1 else "")
            for (v, unit), names in by_value.items()
        ]
        where = f"{self.period}: " if self.period is not None else ""
        return where + "; ".join(parts)


def group_statistics(
    statistics: Iterable[Statistic], *, measure: str | None = None
) -> tuple[StatisticGroup, ...]:
    """Figures grouped by (measure, period), ordered by measure then period.

    With ``measure``, only that measure's groups. Figures without a period of the
    same measure form one group (``period`` None), listed after the dated ones.
    """
    measured: dict[tuple[str, tuple[dt.date, dt.date] | None], list[Statistic]] = {}
    alone: list[Statistic] = []
    for s in statistics:
        if measure is not None and s.measure != measure:
            continue
        if s.measure is None:
            alone.append(s)
            continue
        span = s.span
        measured.setdefault((s.measure, (span.start, span.end) if span else None), []).append(s)

    def order(key: tuple[str, tuple[dt.date, dt.date] | None]) -> tuple[object, ...]:
        name, per = key
        return (name, per is None, per or ())

    out = [
        StatisticGroup(
            measure=key[0], period=measured[key][0].span, statistics=tuple(measured[key])
        )
        for key in sorted(measured, key=order)
    ]
    out += [StatisticGroup(measure=None, period=s.span, statistics=(s,)) for s in alone]
    return tuple(out)


class TimeSeries(_Frozen):
    """One measure over time: a group per period, in order, and the undated figures."""

    measure: str
    points: tuple[StatisticGroup, ...]
    undated: tuple[Statistic, ...] = ()

    def values(self) -> tuple[tuple[Period, float | int | None], ...]:
        """(period, value) per point; the value is None where the sources disagree."""
        return tuple((p.period, p.value) for p in self.points if p.period is not None)


def time_series(statistics: Iterable[Statistic], measure: str) -> TimeSeries:
    """The figures of one measure as a series ordered by period (start, then end)."""
    groups = group_statistics(statistics, measure=measure)
    dated = [g for g in groups if g.period is not None]
    undated = tuple(s for g in groups if g.period is None for s in g.statistics)
    return TimeSeries(measure=measure, points=tuple(dated), undated=undated)


def nested_conflicts(statistics: Iterable[Statistic]) -> tuple[tuple[Statistic, Statistic], ...]:
    """(part, whole) pairs of one measure where the figure for a part of a period exceeds
    the figure for the whole period: e.g. 16 convictions in the first half of 2013 against
    5 in all of 2013. Meaningful for counts (which cannot fall as the period grows)."""
    stats = [(s, s.span) for s in statistics if s.measure is not None]
    dated = [(s, span) for s, span in stats if span is not None]
    out = []
    for part, ps in dated:
        for whole, ws in dated:
            if part is whole or part.measure != whole.measure or part.unit != whole.unit:
                continue
            if (
                (ps.start, ps.end) != (ws.start, ws.end)
                and ws.contains(ps)
                and part.value > whole.value
            ):
                out.append((part, whole))
    return tuple(out)
