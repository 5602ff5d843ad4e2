"""Statistical disclosure control for cross-tabs by respondent profile.

One :class:`DisclosurePolicy` decides what may be published. The guarantee holds
against an attacker who knows the policy (see docs/aggregation.md, "attack
model"):

- a cell counting ``1 … min_cell_count - 1`` respondents (and a zero cell when
  ``zeros_disclosive``) is *sensitive*: it is never published, nor is a margin
  of that size;
- further cells (and, when margins are not assumed known, margins) are hidden
  until every sensitive cell's **protection interval** holds: over all
  non-negative integer tables consistent with everything the attacker knows
  (the published cells, the margins, the grand total and the policy itself),
  its smallest and largest values differ by at least ``protection_width``
  (default: ``min_cell_count``). This is checked by exact integer programming
  before the table is published;
- where no suppression pattern does that, answer categories are merged (an
  ordered scale into top / middle / bottom boxes, then top box against the
  rest; unordered options under the threshold into "other"), then small profile
  groups; if nothing works the table is **withheld**, with the reason stated;
- what is published never says which hidden cells are sensitive and which
  were hidden to protect them: a hidden cell is ``None`` and the audit log
  says only what was merged, how many cells were hidden and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..errors import ValidationError
from .ordinal import boxes
from .protection import Pattern, View, protect

__all__ = [
    "AuditEntry",
    "CrossTab",
    "DisclosurePolicy",
    "FeasibleRange",
    "crosstab",
    "feasible_ranges",
]


class DisclosurePolicy(BaseModel):
    """What may be published from respondent-level data.

    Defaults: ``min_cell_count = 3`` (no cell of 1 or 2 respondents is shown;
    see docs/aggregation.md for the comparison with sdcTable's ``maxN = 3`` and
    ACRO's threshold of 10), zeros not disclosive, 5-point scales collapsed to
    top-2 / bottom-2 boxes in cross-tabs, a protection interval as wide as the
    threshold, and margins assumed known to the attacker (a report publishes
    the group sizes and each item's overall counts elsewhere).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_cell_count: int = Field(3, ge=1)
    zeros_disclosive: bool = False
    collapse_to_boxes: bool = True
    protection_width: int | None = Field(None, ge=1)
    margins_known: bool = True

    @property
    def width(self) -> int:
        """The protection interval every sensitive cell gets (``protection_width``,
        else ``min_cell_count``)."""
        return self.protection_width or self.min_cell_count

    def is_sensitive(self, count: int) -> bool:
        """True when a cell or margin of this count must never be published."""
        if count == 0:
            return self.zeros_disclosive
        return count < self.min_cell_count


class AuditEntry(BaseModel):
    """One thing the policy did to one table (no hidden value, no cell's reason)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    table: str
    action: Literal["collapsed", "merged", "suppressed", "withheld"]
    rule: str


class FeasibleRange(BaseModel):
    """What an attacker can work out about one hidden cell: ``low ≤ value ≤ high``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    row: str
    column: str
    low: int
    high: int


class CrossTab(BaseModel):
    """A published cross-tab: counts per (profile group, answer), ``None`` where hidden.

    ``withheld`` gives the reason when nothing but the grand total could be
    published.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    profile: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int
    policy: DisclosurePolicy
    audit: tuple[AuditEntry, ...]
    withheld: str | None = None

    @property
    def suppressed(self) -> tuple[tuple[str, str], ...]:
        """(row, column) of every hidden cell."""
        return tuple(
            (r, c)
            for r, line in zip(self.rows, self.cells, strict=True)
            for c, v in zip(self.columns, line, strict=True)
            if v is None
        )

    @property
    def legend(self) -> str:
        """What an ``x`` means (or why the table is withheld)."""
        if self.withheld is not None:
            return f"withheld: {self.withheld}"
        return (
            f"x = suppressed (fewer than {self.policy.min_cell_count} respondents, or hidden "
            f"so that no such cell can be narrowed to a range under {self.policy.width})"
        )

    def _repr_html_(self) -> str:
        """A table for Jupyter; hidden cells show as ``x``."""
        from html import escape

        head = "".join(f"<th>{escape(c)}</th>" for c in (self.profile, *self.columns, "Total"))
        body = "".join(
            "<tr>"
            + "".join(f"<td>{escape(v)}</td>" for v in (r, *(_fmt(x) for x in line), _fmt(t)))
            + "</tr>"
            for r, line, t in zip(self.rows, self.cells, self.row_totals, strict=True)
        )
        foot = "".join(
            f"<td>{escape(v)}</td>"
            for v in ("Total", *(_fmt(t) for t in self.column_totals), str(self.total))
        )
        return (
            f"<table><caption>{escape(self.name)}</caption><tr>{head}</tr>{body}"
            f"<tr>{foot}</tr></table><p>{escape(self.legend)}</p>"
        )

    def to_text(self) -> str:
        """A plain-text table; hidden cells print as ``x``."""
        head = [self.profile, *self.columns, "Total"]
        body = [
            [r, *(_fmt(v) for v in line), _fmt(t)]
            for r, line, t in zip(self.rows, self.cells, self.row_totals, strict=True)
        ]
        body.append(["Total", *(_fmt(t) for t in self.column_totals), str(self.total)])
        widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            for row in [head, *body]
        ]
        lines.append(self.legend)
        return "\n".join(line.rstrip() for line in lines)


def _fmt(v: int | None) -> str:
    return "x" if v is None else str(v)


def _view(tab: CrossTab, known: tuple[tuple[int, ...], tuple[int, ...]] | None = None) -> View:
    """What ``tab`` shows an attacker (plus the true margins when they are known)."""
    cells = np.array([[0 if v is None else v for v in line] for line in tab.cells], dtype=np.int64)
    hidden = np.array([[v is None for v in line] for line in tab.cells], dtype=bool)
    rows = np.array([0 if v is None else v for v in tab.row_totals], dtype=np.int64)
    cols = np.array([0 if v is None else v for v in tab.column_totals], dtype=np.int64)
    row_hidden = np.array([v is None for v in tab.row_totals], dtype=bool)
    col_hidden = np.array([v is None for v in tab.column_totals], dtype=bool)
    if known is not None:
        rows, cols = np.array(known[0], dtype=np.int64), np.array(known[1], dtype=np.int64)
        row_hidden, col_hidden = np.zeros_like(row_hidden), np.zeros_like(col_hidden)
    return View(
        values=cells.reshape(len(tab.rows), len(tab.columns)),
        hidden=hidden.reshape(len(tab.rows), len(tab.columns)),
        row_totals=rows,
        column_totals=cols,
        row_hidden=row_hidden,
        column_hidden=col_hidden,
        total=tab.total,
        min_cell_count=tab.policy.min_cell_count,
        zeros_disclosive=tab.policy.zeros_disclosive,
    )


def feasible_ranges(
    tab: CrossTab, margins: tuple[Sequence[int], Sequence[int]] | None = None
) -> tuple[FeasibleRange, ...]:
    """The exact attacker: each hidden cell's range over all tables consistent with ``tab``.

    Consistent means: non-negative integers, the published cells, margins and
    grand total, and the policy (something hidden is sensitive; a hidden cell is
    either sensitive or not, the attacker does not know which). ``margins``:
    the true (row totals, column totals), for an attacker who knows them from
    elsewhere. Solved by integer programming (``scipy.optimize.milp``).
    """
    from .protection import feasible_ranges as ranges_of

    known = None if margins is None else (tuple(margins[0]), tuple(margins[1]))
    return tuple(
        FeasibleRange(row=tab.rows[i], column=tab.columns[j], low=lo, high=hi)
        for (i, j), (lo, hi) in ranges_of(_view(tab, known)).items()
    )


# -- collapsing ----------------------------------------------------------------------------
Groups = tuple[tuple[str, tuple[str, ...]], ...]  # (label, members) in order


def _column_levels(
    opts: tuple[str, ...], counts: dict[str, int], ordinal: bool, policy: DisclosurePolicy
) -> list[tuple[Groups, str]]:
    """Ever coarser answer categories, each with what the audit log says about it."""
    single: Groups = tuple((o, (o,)) for o in opts)
    levels: list[tuple[Groups, str]] = []
    if ordinal and len(opts) >= 4:
        pos, neu, neg = boxes(opts)
        boxed: Groups = tuple(
            (label, members)
            for label, members in (
                (f"Top {len(pos)}", pos),
                ("Middle", neu),
                (f"Bottom {len(neg)}", neg),
            )
            if members
        )
        if not policy.collapse_to_boxes:
            levels.append((single, ""))
        levels.append((boxed, "answers counted in top / middle / bottom boxes"))
        levels.append(
            (
                ((f"Top {len(pos)}", pos), ("Other answers", (*neu, *neg))),
                "answers counted as top box against all other answers",
            )
        )
    else:
        levels.append((single, ""))
        rare = tuple(o for o in opts if policy.is_sensitive(counts[o]) and counts[o] > 0)
        if len(rare) >= 2 and len(opts) - len(rare) >= 1:
            merged: list[tuple[str, tuple[str, ...]]] = [(o, (o,)) for o in opts if o not in rare]
            merged.append(("Other answers", rare))
            levels.append((tuple(merged), "rarely chosen answers merged into 'Other answers'"))
    return levels


def _row_levels(
    rows: tuple[str, ...], sizes: dict[str, int], policy: DisclosurePolicy
) -> list[tuple[Groups, str]]:
    """The groups as given, then small groups merged (while at least two remain)."""
    levels: list[tuple[Groups, str]] = [(tuple((r, (r,)) for r in rows), "")]
    small = [r for r in rows if policy.is_sensitive(sizes[r]) and sizes[r] > 0]
    if not small:
        return levels
    groups = [[r] for r in rows if r not in small] + [small]
    while len(groups) > 1 and policy.is_sensitive(sum(sizes[r] for r in groups[-1])):
        rest = min(range(len(groups) - 1), key=lambda k: (sum(sizes[r] for r in groups[k]), k))
        groups[-1] = groups.pop(rest) + groups[-1]
    if len(groups) >= 2:
        level = tuple((" + ".join(g), tuple(g)) for g in groups)
        levels.append((level, "small profile groups merged"))
    return levels


def _count(
    groups: Sequence[str | None], answers: Sequence[str | None], rows: Groups, columns: Groups
) -> np.ndarray:
    row_of = {m: k for k, (_, members) in enumerate(rows) for m in members}
    column_of = {m: k for k, (_, members) in enumerate(columns) for m in members}
    counts = np.zeros((len(rows), len(columns)), dtype=np.int64)
    for g, a in zip(groups, answers, strict=True):
        if g is None or a is None or g not in row_of:
            continue
        counts[row_of[g], column_of[a]] += 1
    return counts


def crosstab(
    name: str,
    profile: str,
    groups: Sequence[str | None],
    answers: Sequence[str | None],
    options: Sequence[str],
    policy: DisclosurePolicy | None = None,
    *,
    ordinal: bool = False,
    group_order: Sequence[str] | None = None,
) -> CrossTab:
    """Cross-tab of one item's answers by one profile question, protected under ``policy``.

    ``groups[i]`` and ``answers[i]`` belong to respondent i; respondents with no
    answer or no profile value are left out (and counted in no cell). The first
    of ever coarser tables (see the module docstring) that a suppression pattern
    protects is published; if none is, the table is withheld.
    """
    policy = policy or DisclosurePolicy()
    if len(groups) != len(answers):
        raise ValidationError(
            f"{name}: {len(groups)} profile values but {len(answers)} answers",
            hint="pass one profile value and one answer per respondent",
        )
    opts = tuple(options)
    unknown = sorted({a for a in answers if a is not None and a not in opts})
    if unknown:
        raise ValidationError(f"{name}: answers {unknown} are not options {list(opts)}")
    rows = (
        tuple(group_order)
        if group_order is not None
        else tuple(sorted({g for g in groups if g is not None}))
    )
    answered = [(g, a) for g, a in zip(groups, answers, strict=True) if g in rows and a is not None]
    sizes = {r: sum(1 for g, _ in answered if g == r) for r in rows}
    option_counts = {o: sum(1 for _, a in answered if a == o) for o in opts}
    column_levels = _column_levels(opts, option_counts, ordinal, policy)
    for row_groups, row_note in _row_levels(rows, sizes, policy):
        for column_groups, column_note in column_levels:
            counts = _count(groups, answers, row_groups, column_groups)
            pattern = protect(
                counts,
                policy.min_cell_count,
                policy.zeros_disclosive,
                policy.width,
                margins_known=policy.margins_known,
            )
            if pattern is None or (pattern.hidden.all() and counts.size > 1):
                continue
            tab = _publish(
                name,
                profile,
                row_groups,
                column_groups,
                counts,
                pattern,
                policy,
                (column_note, row_note),
            )
            if _verified(tab, counts, pattern):
                return tab
    return _withhold(
        name, profile, rows, tuple(g for g, _ in column_levels[0][0]), len(answered), policy
    )


def _publish(
    name: str,
    profile: str,
    rows: Groups,
    columns: Groups,
    counts: np.ndarray,
    pattern: Pattern,
    policy: DisclosurePolicy,
    notes: tuple[str, str],
) -> CrossTab:
    audit: list[AuditEntry] = []
    column_note, row_note = notes
    if column_note:
        audit.append(AuditEntry(table=name, action="collapsed", rule=column_note))
    if row_note:
        audit.append(AuditEntry(table=name, action="merged", rule=row_note))
    n_cells = int(pattern.hidden.sum())
    n_margins = int(pattern.row_hidden.sum() + pattern.column_hidden.sum())
    if n_cells or n_margins:
        audit.append(
            AuditEntry(
                table=name,
                action="suppressed",
                rule=(
                    f"{n_cells} cells and {n_margins} totals hidden: each is under "
                    f"{policy.min_cell_count} respondents, or hidden so that none can be "
                    f"narrowed to a range under {policy.width}"
                ),
            )
        )
    return CrossTab(
        name=name,
        profile=profile,
        rows=tuple(label for label, _ in rows),
        columns=tuple(label for label, _ in columns),
        cells=tuple(
            tuple(None if pattern.hidden[i, j] else int(counts[i, j]) for j in range(len(columns)))
            for i in range(len(rows))
        ),
        row_totals=tuple(
            None if pattern.row_hidden[i] else int(v) for i, v in enumerate(counts.sum(axis=1))
        ),
        column_totals=tuple(
            None if pattern.column_hidden[j] else int(v) for j, v in enumerate(counts.sum(axis=0))
        ),
        total=int(counts.sum()),
        policy=policy,
        audit=tuple(audit),
    )


def _verified(tab: CrossTab, counts: np.ndarray, pattern: Pattern) -> bool:
    """The check before publishing: the exact attacker on the table as it will be published.

    When the published table shows the attacker exactly what the pattern search
    checked, its exact ranges stand; otherwise they are computed again.
    """
    from .protection import feasible_ranges as ranges_of
    from .protection import sensitive

    policy = tab.policy
    known = (
        (tuple(int(v) for v in counts.sum(axis=1)), tuple(int(v) for v in counts.sum(axis=0)))
        if policy.margins_known
        else None
    )
    cells = sensitive(counts, policy.min_cell_count, policy.zeros_disclosive)
    if any(tab.cells[i][j] is not None for i, j in zip(*np.nonzero(cells), strict=True)):
        return False
    targets = [(int(i), int(j)) for i, j in zip(*np.nonzero(cells), strict=True)]
    seen = _view(tab, known)
    checked = pattern.attacker
    same = (
        checked is not None
        and all(
            np.array_equal(getattr(seen, f), getattr(checked, f))
            for f in (
                "values",
                "hidden",
                "row_totals",
                "column_totals",
                "row_hidden",
                "column_hidden",
            )
        )
        and (seen.total, seen.min_cell_count, seen.zeros_disclosive)
        == (
            checked.total,
            checked.min_cell_count,
            checked.zeros_disclosive,
        )
    )
    ranges = {c: pattern.ranges[c] for c in targets} if same else ranges_of(seen, targets)
    return all(hi - lo >= policy.width for lo, hi in ranges.values())


def _withhold(
    name: str,
    profile: str,
    rows: tuple[str, ...],
    columns: tuple[str, ...],
    total: int,
    policy: DisclosurePolicy,
) -> CrossTab:
    reason = (
        f"no pattern of suppressed cells keeps every cell of fewer than "
        f"{policy.min_cell_count} respondents within a range of at least {policy.width}, "
        "even with answer categories and small groups merged; publishing it would make "
        "respondents identifiable"
    )
    return CrossTab(
        name=name,
        profile=profile,
        rows=rows,
        columns=columns,
        cells=tuple(tuple(None for _ in columns) for _ in rows),
        row_totals=tuple(None for _ in rows),
        column_totals=tuple(None for _ in columns),
        total=total,
        policy=policy,
        audit=(AuditEntry(table=name, action="withheld", rule=reason),),
        withheld=reason,
    )
