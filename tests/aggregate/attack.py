"""An attacker on published cross-tabs, written independently of the library.

The attacker sees only what leaves the library: the JSON of a published
:class:`~ctnat.aggregate.CrossTab` (cells, margins, grand total, policy and the
published audit log). It knows the policy: a hidden cell or margin is either
sensitive (``1 … min_cell_count - 1``, or ``0`` when zeros are disclosive) or was
hidden to protect another, and something hidden is sensitive. When the audit log
says which hidden cells are ``primary`` and which ``secondary`` (as it did before
the fix) it uses that too.

Two exact methods give every hidden cell's feasible range over all non-negative
integer tables consistent with that knowledge:

- :func:`milp_ranges`: integer programming (``scipy.optimize.milp``), min and max
  of each hidden cell;
- :func:`enumerated_ranges`: brute-force enumeration, for small tables.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from ctnat.aggregate import CrossTab
from ctnat.aggregate.ordinal import boxes

Cell = tuple[int, int]
Ranges = dict[Cell, tuple[int, int]]


class Published:
    """What an attacker reads from a published table's JSON."""

    def __init__(
        self,
        data: Mapping[str, Any],
        *,
        use_audit: bool = True,
        margins: tuple[list[int], list[int]] | None = None,
    ) -> None:
        self.rows: list[str] = list(data["rows"])
        self.columns: list[str] = list(data["columns"])
        self.cells: list[list[int | None]] = [list(line) for line in data["cells"]]
        self.row_totals: list[int | None] = list(data["row_totals"])
        self.column_totals: list[int | None] = list(data["column_totals"])
        self.total: int = int(data["total"])
        if margins is not None:  # known from elsewhere (group sizes, one-way counts)
            self.row_totals, self.column_totals = list(margins[0]), list(margins[1])
        policy = data["policy"]
        self.t: int = int(policy["min_cell_count"])
        self.zeros: bool = bool(policy["zeros_disclosive"])
        self.primary: set[Cell] = set()
        self.secondary: set[Cell] = set()
        if use_audit:
            for entry in data.get("audit", ()):
                action = entry.get("action")
                if action in {"primary", "secondary"} and entry.get("row") in self.rows:
                    cell = (self.rows.index(entry["row"]), self.columns.index(entry["column"]))
                    (self.primary if action == "primary" else self.secondary).add(cell)

    @property
    def hidden(self) -> list[Cell]:
        return [
            (i, j) for i, line in enumerate(self.cells) for j, v in enumerate(line) if v is None
        ]

    @property
    def sensitive_low(self) -> int:
        return 0 if self.zeros else 1


def milp_ranges(pub: Published) -> Ranges:
    """(min, max) of every hidden cell by exact integer programming."""
    hidden = pub.hidden
    if not hidden:
        return {}
    h = len(hidden)
    index = {cell: k for k, cell in enumerate(hidden)}
    big = pub.total
    # variables: x (hidden cells), s (cell is sensitive), b (secondary cell is positive)
    n = 3 * h
    rows: list[np.ndarray] = []
    lo: list[float] = []
    hi: list[float] = []

    def add(coef: dict[int, float], low: float, high: float) -> None:
        a = np.zeros(n)
        for k, v in coef.items():
            a[k] += v
        rows.append(a)
        lo.append(low)
        hi.append(high)

    r, c = len(pub.rows), len(pub.columns)
    for i in range(r):
        known = sum(v for v in pub.cells[i] if v is not None)
        coef = {index[(i, j)]: 1.0 for j in range(c) if (i, j) in index}
        if pub.row_totals[i] is not None:
            add(coef, pub.row_totals[i] - known, pub.row_totals[i] - known)  # type: ignore[operator]
    for j in range(c):
        known = sum(pub.cells[i][j] for i in range(r) if pub.cells[i][j] is not None)  # type: ignore[misc]
        coef = {index[(i, j)]: 1.0 for i in range(r) if (i, j) in index}
        if pub.column_totals[j] is not None:
            add(coef, pub.column_totals[j] - known, pub.column_totals[j] - known)  # type: ignore[operator]
    known = sum(v for line in pub.cells for v in line if v is not None)
    add(dict.fromkeys(range(h), 1.0), pub.total - known, pub.total - known)
    for cell, k in index.items():
        s, b = h + k, 2 * h + k
        if cell in pub.primary:
            add({s: 1.0}, 1, 1)
        elif cell in pub.secondary:
            add({s: 1.0}, 0, 0)
        # s = 1  =>  low <= x <= t - 1
        add({k: 1.0, s: big}, -np.inf, pub.t - 1 + big)
        add({k: 1.0, s: -float(pub.sensitive_low)}, 0, np.inf)
        # s = 0  =>  x = 0 (when zeros are safe) or x >= t:  x <= big*(b + s), x >= t*b
        if pub.zeros:
            add({k: 1.0, s: float(pub.t)}, pub.t, np.inf)
        else:
            add({k: 1.0, b: -big, s: -big}, -np.inf, 0)
            add({k: 1.0, b: -float(pub.t)}, 0, np.inf)
    add({h + k: 1.0 for k in range(h)}, 1, np.inf)  # something hidden is sensitive
    constraints = LinearConstraint(np.array(rows), lo, hi)
    upper = np.array([big] * h + [1] * (2 * h), dtype=float)
    bounds = Bounds(np.zeros(n), upper)
    integrality = np.ones(n)
    out: Ranges = {}
    for cell, k in index.items():
        ends = []
        for sign in (1.0, -1.0):
            objective = np.zeros(n)
            objective[k] = sign
            res = milp(objective, constraints=constraints, bounds=bounds, integrality=integrality)
            assert res.status == 0, f"the published table is infeasible: {res.message}"
            ends.append(round(sign * res.fun))
        out[cell] = (ends[0], ends[1])
    return out


def _compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    if parts == 0:
        if total == 0:
            yield ()
        return
    for first in range(total + 1):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def _allowed(pub: Published, cell: Cell, v: int) -> bool:
    sensitive = pub.sensitive_low <= v < pub.t
    if cell in pub.primary:
        return sensitive
    if cell in pub.secondary:
        return not sensitive
    return True


def consistent_tables(pub: Published, limit: int = 200_000) -> list[dict[Cell, int]] | None:
    """Every filling of the hidden cells consistent with what is published.

    ``None`` when there are more than ``limit`` candidates to try.
    """
    hidden = pub.hidden
    known = sum(v for line in pub.cells for v in line if v is not None)
    rest = pub.total - known
    candidates = itertools.islice(_compositions(rest, len(hidden)), limit + 1)
    out = []
    for k, values in enumerate(candidates):
        if k == limit:
            return None
        fill = dict(zip(hidden, values, strict=True))
        grid = [
            [fill.get((i, j), v) for j, v in enumerate(line)] for i, line in enumerate(pub.cells)
        ]
        if any(
            t is not None and sum(line) != t  # type: ignore[arg-type]
            for line, t in zip(grid, pub.row_totals, strict=True)
        ):
            continue
        if any(
            t is not None and sum(line[j] for line in grid) != t  # type: ignore[misc]
            for j, t in enumerate(pub.column_totals)
        ):
            continue
        if not all(_allowed(pub, cell, v) for cell, v in fill.items()):
            continue
        if hidden and not any(pub.sensitive_low <= v < pub.t for v in fill.values()):
            continue
        out.append(fill)
    return out


def enumerated_ranges(pub: Published, limit: int = 200_000) -> Ranges | None:
    """(min, max) of every hidden cell by enumeration; ``None`` if too many to try."""
    tables = consistent_tables(pub, limit)
    if tables is None:
        return None
    assert tables, "the published table is infeasible"
    return {
        cell: (min(t[cell] for t in tables), max(t[cell] for t in tables)) for cell in pub.hidden
    }


def members(label: str, options: Sequence[str], columns: Sequence[str]) -> tuple[str, ...]:
    """The answer options a published column label stands for (worked out here, not asked)."""
    opts = tuple(options)
    pos, neu, neg = boxes(opts)
    if label in opts:
        return (label,)
    if label == f"Top {len(pos)}":
        return pos
    if label == f"Bottom {len(neg)}":
        return neg
    if label == "Middle":
        return neu
    assert label == "Other answers", label
    taken = {o for c in columns if c != label for o in members(c, opts, columns)}
    return tuple(o for o in opts if o not in taken)


def true_counts(
    tab: CrossTab,
    groups: Sequence[str | None],
    answers: Sequence[str | None],
    options: Sequence[str],
) -> np.ndarray:
    """The true table behind ``tab``, counted from the respondents."""
    row_of = {g: i for i, label in enumerate(tab.rows) for g in label.split(" + ")}
    col_of = {
        o: j for j, label in enumerate(tab.columns) for o in members(label, options, tab.columns)
    }
    counts = np.zeros((len(tab.rows), len(tab.columns)), dtype=np.int64)
    for g, a in zip(groups, answers, strict=True):
        if g in row_of and a is not None:
            counts[row_of[g], col_of[a]] += 1
    return counts
