"""Statistical disclosure control for cross-tabs by respondent profile.

One :class:`DisclosurePolicy` decides what may be published; every decision it
takes is written to an audit log (:class:`AuditEntry`: where and why, never the
hidden value).

- **Primary suppression**: a cell counting 1 … ``min_cell_count - 1``
  respondents is hidden (and a zero cell too when ``zeros_disclosive``).
- **Secondary suppression**: further cells are hidden until no hidden cell can
  be worked out from the published cells and the published row, column and
  grand totals. "Worked out" is checked exactly: for each hidden cell the
  smallest and largest values consistent with everything published (counts
  are non-negative) are found by linear programming; the row/column constraint
  matrix is totally unimodular, so a hidden cell is safe iff those two differ.
- If no choice of hidden cells protects the table (e.g. a single row, whose
  cells equal the column totals), the table's cells and margins are withheld.
- ``collapse_to_boxes``: before counting, an ordered 5-point scale is collapsed
  into top-2 / middle / bottom-2 boxes, which makes cells larger and so hides
  less.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..errors import ValidationError
from .ordinal import boxes

__all__ = [
    "AuditEntry",
    "CrossTab",
    "DisclosurePolicy",
    "crosstab",
    "recoverable_cells",
    "suppress",
]


class DisclosurePolicy(BaseModel):
    """What may be published from respondent-level data.

    Defaults: ``min_cell_count = 3`` (no cell of 1 or 2 respondents is shown;
    see docs/aggregation.md for the comparison with sdcTable's ``maxN = 3`` and
    ACRO's threshold of 10), zeros not disclosive, 5-point scales collapsed to
    top-2 / bottom-2 boxes in cross-tabs.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_cell_count: int = Field(3, ge=1)
    zeros_disclosive: bool = False
    collapse_to_boxes: bool = True

    def is_primary(self, count: int) -> bool:
        """True when a cell of this count must be hidden for its own sake."""
        if count == 0:
            return self.zeros_disclosive
        return count < self.min_cell_count


class AuditEntry(BaseModel):
    """One thing the policy did to one table (the hidden value is never logged)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    table: str
    action: Literal["primary", "secondary", "withheld", "collapsed"]
    row: str = ""
    column: str = ""
    rule: str


class CrossTab(BaseModel):
    """A published cross-tab: counts per (profile group, answer), ``None`` where hidden."""

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

    @property
    def suppressed(self) -> tuple[tuple[str, str], ...]:
        """(row, column) of every hidden cell."""
        return tuple(
            (r, c)
            for r, line in zip(self.rows, self.cells, strict=True)
            for c, v in zip(self.columns, line, strict=True)
            if v is None
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
            f"<tr>{foot}</tr></table><p>x = suppressed (cells under "
            f"{self.policy.min_cell_count} and cells that totals would give away)</p>"
        )

    def to_text(self) -> str:
        """A plain-text table; hidden cells print as ``x``."""
        head = [self.profile, *self.columns, "Total"]
        body = [
            [r, *("x" if v is None else str(v) for v in line), _fmt(t)]
            for r, line, t in zip(self.rows, self.cells, self.row_totals, strict=True)
        ]
        body.append(["Total", *(_fmt(t) for t in self.column_totals), str(self.total)])
        widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            for row in [head, *body]
        ]
        lines.append(
            f"x = suppressed (cells under {self.policy.min_cell_count}, and cells hidden "
            "so that they cannot be recovered from totals)"
        )
        return "\n".join(line.rstrip() for line in lines)


def _fmt(v: int | None) -> str:
    return "x" if v is None else str(v)


# -- the exact recoverability check --------------------------------------------------------
def _bounds(counts: np.ndarray, hidden: np.ndarray) -> list[tuple[int, int, float, float]]:
    """(row, col, min, max) of every hidden cell given the published table."""
    from scipy.optimize import linprog

    cells = [(int(i), int(j)) for i, j in zip(*np.nonzero(hidden), strict=True)]
    if not cells:
        return []
    index = {cell: k for k, cell in enumerate(cells)}
    r, c = counts.shape
    a_eq: list[list[float]] = []
    b_eq: list[float] = []
    for i in range(r):
        row = [0.0] * len(cells)
        for j in range(c):
            if (i, j) in index:
                row[index[(i, j)]] = 1.0
        a_eq.append(row)
        b_eq.append(float(counts[i, hidden[i]].sum()))
    for j in range(c):
        col = [0.0] * len(cells)
        for i in range(r):
            if (i, j) in index:
                col[index[(i, j)]] = 1.0
        a_eq.append(col)
        b_eq.append(float(counts[hidden[:, j], j].sum()))
    out = []
    for (i, j), k in index.items():
        objective = np.zeros(len(cells))
        objective[k] = 1.0
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        out.append((i, j, float(low.fun), float(-high.fun)))
    return out


def recoverable_cells(counts: np.ndarray, hidden: np.ndarray) -> tuple[tuple[int, int], ...]:
    """Hidden cells whose value follows from the published cells and totals."""
    return tuple((i, j) for i, j, lo, hi in _bounds(counts, hidden) if hi - lo < 0.5)


def _secondary_candidate(
    counts: np.ndarray, hidden: np.ndarray, i: int, j: int, along: Literal["row", "col"]
) -> tuple[int, int] | None:
    """The best cell to hide next to protect (i, j): same line, prefer crossing lines
    that already hold hidden cells, then the smallest positive count."""
    r, c = counts.shape
    cand = (
        [(i, jj) for jj in range(c) if not hidden[i, jj]]
        if along == "row"
        else [(ii, j) for ii in range(r) if not hidden[ii, j]]
    )
    if not cand:
        return None

    def key(cell: tuple[int, int]) -> tuple[int, int, int]:
        ii, jj = cell
        crossing = hidden[:, jj].any() if along == "row" else hidden[ii, :].any()
        value = int(counts[ii, jj])
        return (0 if crossing else 1, 0 if value > 0 else 1, value)

    return min(cand, key=key)


def suppress(counts: np.ndarray, policy: DisclosurePolicy) -> tuple[np.ndarray, np.ndarray, bool]:
    """(primary mask, all-hidden mask, withheld) for a table of counts.

    ``withheld`` is True when no suppression pattern protects the table and
    its margins must be withheld too.
    """
    counts = np.asarray(counts, dtype=np.int64)
    primary = (
        np.vectorize(policy.is_primary, otypes=[bool])(counts)
        if counts.size
        else np.zeros(counts.shape, dtype=bool)
    )
    hidden = primary.copy()
    while hidden.any():
        changed = False
        # rule 1: a line with exactly one hidden cell gives it away by subtraction
        for axis in (1, 0):
            per_line = hidden.sum(axis=axis)
            for line in np.nonzero(per_line == 1)[0]:
                if axis == 1:
                    j = int(np.nonzero(hidden[line])[0][0])
                    cell = _secondary_candidate(counts, hidden, int(line), j, "row")
                else:
                    i = int(np.nonzero(hidden[:, line])[0][0])
                    cell = _secondary_candidate(counts, hidden, i, int(line), "col")
                if cell is not None:
                    hidden[cell] = True
                    changed = True
        if changed:
            continue
        # rule 2: the exact check
        leaks = recoverable_cells(counts, hidden)
        if not leaks:
            break
        for i, j in leaks:
            cell = _secondary_candidate(counts, hidden, i, j, "row") or _secondary_candidate(
                counts, hidden, i, j, "col"
            )
            if cell is not None:
                hidden[cell] = True
                changed = True
                break
        if not changed:
            return primary, np.ones_like(hidden), True
    return primary, hidden, False


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
    """Cross-tab of one item's answers by one profile question, with suppression.

    ``groups[i]`` and ``answers[i]`` belong to respondent i; respondents with no
    answer or no profile value are left out (and counted in no cell).
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
    audit: list[AuditEntry] = []
    column_of = {o: k for k, o in enumerate(opts)}
    columns = opts
    if ordinal and policy.collapse_to_boxes and len(opts) >= 4:
        pos, neu, neg = boxes(opts)
        labelled = [(f"Top {len(pos)}", pos), ("Middle", neu), (f"Bottom {len(neg)}", neg)]
        labelled = [(label, members) for label, members in labelled if members]
        columns = tuple(label for label, _ in labelled)
        column_of = {o: k for k, (_, members) in enumerate(labelled) for o in members}
        audit.append(
            AuditEntry(
                table=name,
                action="collapsed",
                rule="5-point scale collapsed to top-2 / middle / bottom-2 boxes",
            )
        )
    rows = (
        tuple(group_order)
        if group_order is not None
        else tuple(sorted({g for g in groups if g is not None}))
    )
    row_of = {g: k for k, g in enumerate(rows)}
    counts = np.zeros((len(rows), len(columns)), dtype=np.int64)
    for g, a in zip(groups, answers, strict=True):
        if g is None or a is None or g not in row_of:
            continue
        counts[row_of[g], column_of[a]] += 1
    primary, hidden, withheld = suppress(counts, policy)
    for i, r in enumerate(rows):
        for j, c in enumerate(columns):
            if primary[i, j]:
                audit.append(
                    AuditEntry(
                        table=name,
                        action="primary",
                        row=r,
                        column=c,
                        rule=(
                            "zero cell (zeros disclosive)"
                            if policy.zeros_disclosive and counts[i, j] == 0
                            else f"fewer than {policy.min_cell_count} respondents"
                        ),
                    )
                )
            elif hidden[i, j] and not withheld:
                audit.append(
                    AuditEntry(
                        table=name,
                        action="secondary",
                        row=r,
                        column=c,
                        rule="hidden so that suppressed cells cannot be recovered from totals",
                    )
                )
    if withheld:
        audit.append(
            AuditEntry(
                table=name,
                action="withheld",
                rule="no suppression pattern protects this table; cells and margins withheld",
            )
        )
    cells = tuple(
        tuple(None if hidden[i, j] else int(counts[i, j]) for j in range(len(columns)))
        for i in range(len(rows))
    )
    return CrossTab(
        name=name,
        profile=profile,
        rows=rows,
        columns=columns,
        cells=cells,
        row_totals=tuple(None if withheld else int(v) for v in counts.sum(axis=1)),
        column_totals=tuple(None if withheld else int(v) for v in counts.sum(axis=0)),
        total=int(counts.sum()),
        policy=policy,
        audit=tuple(audit),
    )
