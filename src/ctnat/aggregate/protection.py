"""Protection intervals for suppressed tables: the exact attacker and the pattern search.

The attacker (:func:`feasible_ranges`) sees what a published table shows: the
published cells, which cells and margins are hidden, the published margins, the
grand total and the policy (threshold ``t``, whether zeros are disclosive). It
knows the rule, so it knows that each hidden cell is either *sensitive*
(``1 … t-1``, or ``0 … t-1`` when zeros are disclosive) or was hidden to protect
another, and that at least one hidden cell is sensitive. It does not know which.
For each hidden cell it finds, by exact integer programming
(``scipy.optimize.milp``, HiGHS), the smallest and largest value over all
non-negative integer tables consistent with that knowledge.

:func:`protect` chooses which further cells and margins to hide (secondary
suppression) until every sensitive cell's feasible range is at least ``width``
wide, verifying each step with the same attacker; it returns ``None`` when no
pattern does that.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import numpy as np
from numpy.typing import NDArray

__all__ = ["Pattern", "View", "feasible_ranges", "protect", "sensitive"]

Cell = tuple[int, int]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


def sensitive(values: IntArray, min_cell_count: int, zeros_disclosive: bool) -> BoolArray:
    """Which counts must never be published (``1 … t-1``, and ``0`` when zeros are disclosive)."""
    values = np.asarray(values, dtype=np.int64)
    low = 0 if zeros_disclosive else 1
    return (values >= low) & (values < min_cell_count)


@attrs.frozen
class View:
    """A table as an attacker sees it: values where published, masks where hidden."""

    values: IntArray  # the cells; entries under ``hidden`` are ignored
    hidden: BoolArray
    row_totals: IntArray  # entries under ``row_hidden`` are ignored
    column_totals: IntArray  # entries under ``column_hidden`` are ignored
    row_hidden: BoolArray
    column_hidden: BoolArray
    total: int
    min_cell_count: int
    zeros_disclosive: bool

    @property
    def hidden_cells(self) -> list[Cell]:
        """(row, column) of every hidden cell, row by row."""
        return [(int(i), int(j)) for i, j in zip(*np.nonzero(self.hidden), strict=True)]


@attrs.frozen
class Pattern:
    """Which cells and margins to hide (internal: it tells sensitive cells apart)."""

    sensitive: BoolArray
    hidden: BoolArray
    row_hidden: BoolArray
    column_hidden: BoolArray
    ranges: dict[Cell, tuple[int, int]]
    #: what the attacker saw when ``ranges`` were found (the exact check's input)
    attacker: View | None = None

    def view(self, counts: IntArray, min_cell_count: int, zeros_disclosive: bool) -> View:
        """What publishing ``counts`` under this pattern shows."""
        return View(
            values=np.where(self.hidden, 0, counts),
            hidden=self.hidden,
            row_totals=np.where(self.row_hidden, 0, counts.sum(axis=1)),
            column_totals=np.where(self.column_hidden, 0, counts.sum(axis=0)),
            row_hidden=self.row_hidden,
            column_hidden=self.column_hidden,
            total=int(counts.sum()),
            min_cell_count=min_cell_count,
            zeros_disclosive=zeros_disclosive,
        )


def feasible_ranges(
    view: View, cells: Iterable[Cell] | None = None, *, exact: bool = True
) -> dict[Cell, tuple[int, int]]:
    """(min, max) of each hidden cell (all hidden cells unless ``cells`` are named).

    ``exact``: a mixed-integer program per bound over the cells, the margins and
    one "is sensitive" switch per hidden cell. Otherwise the linear relaxation
    without the switches: never narrower than the exact ranges (it knows less),
    and quicker; the pattern search uses it to choose, never to decide.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    targets = view.hidden_cells if cells is None else list(cells)
    if not targets:
        return {}
    r, c = view.hidden.shape
    hidden = view.hidden_cells
    h = len(hidden)
    big = float(view.total)
    t = float(view.min_cell_count)
    # variables: cells (r*c), row totals (r), column totals (c), switches s (h), b (h)
    nx, nr, nc = r * c, r, c
    n = nx + nr + nc + 2 * h
    lower = np.zeros(n)
    upper = np.full(n, big)
    upper[nx + nr + nc :] = 1.0
    values = view.values.astype(float)
    published = ~view.hidden
    lower[:nx][published.ravel()] = values.ravel()[published.ravel()]
    upper[:nx][published.ravel()] = values.ravel()[published.ravel()]
    for row in np.nonzero(~view.row_hidden)[0]:
        lower[nx + row] = upper[nx + row] = float(view.row_totals[row])
    for col in np.nonzero(~view.column_hidden)[0]:
        lower[nx + nr + col] = upper[nx + nr + col] = float(view.column_totals[col])
    a: list[NDArray[np.float64]] = []
    lo: list[float] = []
    hi: list[float] = []

    def add(coef: dict[int, float], low: float, high: float) -> None:
        line = np.zeros(n)
        for k, v in coef.items():
            line[k] += v
        a.append(line)
        lo.append(low)
        hi.append(high)

    for i in range(r):
        add({**{i * c + j: 1.0 for j in range(c)}, nx + i: -1.0}, 0.0, 0.0)
    for j in range(c):
        add({**{i * c + j: 1.0 for i in range(r)}, nx + nr + j: -1.0}, 0.0, 0.0)
    add({nx + i: 1.0 for i in range(r)}, big, big)
    low_sensitive = 0.0 if view.zeros_disclosive else 1.0
    n_base = len(a)  # the sums; the rows below switch "sensitive" on and off
    for k, (i, j) in enumerate(hidden if exact else ()):
        x, s, b = i * c + j, nx + nr + nc + k, nx + nr + nc + h + k
        add({x: 1.0, s: big}, -np.inf, t - 1 + big)  # s = 1  =>  x <= t - 1
        add({x: 1.0, s: -low_sensitive}, 0.0, np.inf)  # s = 1  =>  x >= low
        if view.zeros_disclosive:
            add({x: 1.0, s: t}, t, np.inf)  # s = 0  =>  x >= t
        else:  # s = 0  =>  x = 0 or x >= t
            add({x: 1.0, b: -big, s: -big}, -np.inf, 0.0)
            add({x: 1.0, b: -t}, 0.0, np.inf)
    if h and exact:
        add({nx + nr + nc + k: 1.0 for k in range(h)}, 1.0, np.inf)  # something is sensitive
    matrix = np.array(a)
    sums = LinearConstraint(matrix[:n_base], lo[:n_base], hi[:n_base])
    everything = LinearConstraint(matrix, lo, hi)
    bounds = Bounds(lower, upper)
    hidden_index = [i * c + j for i, j in hidden]

    def solve(objective: NDArray[np.float64]) -> float:
        # The sums alone form a transportation polytope (integral vertices): when its
        # optimum already has a sensitive hidden cell, it is the exact optimum too.
        res = milp(objective, constraints=sums, bounds=bounds)
        if res.status != 0 or res.x is None:  # pragma: no cover - the truth is feasible
            raise AssertionError(f"published table inconsistent: {res.message}")
        if not exact:
            return float(res.fun)
        x = res.x[hidden_index]
        whole = np.allclose(x, np.round(x))
        if whole and bool(np.any((np.round(x) >= low_sensitive) & (np.round(x) <= t - 1))):
            return float(res.fun)
        res = milp(objective, constraints=everything, bounds=bounds, integrality=np.ones(n))
        if res.status != 0 or res.fun is None:  # pragma: no cover - the truth is feasible
            raise AssertionError(f"published table inconsistent: {res.message}")
        return float(res.fun)

    out: dict[Cell, tuple[int, int]] = {}
    for i, j in targets:
        ends: list[int] = []
        for sign in (1.0, -1.0):
            objective = np.zeros(n)
            objective[i * c + j] = sign
            ends.append(round(sign * solve(objective)))
        out[(i, j)] = (ends[0], ends[1])
    return out


# -- the pattern search --------------------------------------------------------------------
Item = tuple[str, int, int]  # ("cell", i, j), ("row", i, -1) or ("column", -1, j)


def _moves(target: Cell, shape: tuple[int, ...], *, margins: bool) -> list[tuple[Item, ...]]:
    """Sets of items whose hiding lets ``target`` move while every published sum holds.

    A rectangle of cells (trade along two rows and two columns), or two row totals
    and the cell beside the target, or two column totals and the cell beside it.
    """
    i, j = target
    r, c = shape
    moves: list[tuple[Item, ...]] = []
    for ll in range(r):
        for k in range(c):
            if ll != i and k != j:
                moves.append((("cell", i, k), ("cell", ll, j), ("cell", ll, k)))
    if not margins:
        return moves
    for ll in range(r):
        if ll != i:
            moves.append((("row", i, -1), ("row", ll, -1), ("cell", ll, j)))
    for k in range(c):
        if k != j:
            moves.append((("column", -1, j), ("column", -1, k), ("cell", i, k)))
    return moves


def _is_hidden(item: Item, hidden: BoolArray, rows: BoolArray, cols: BoolArray) -> bool:
    kind, i, j = item
    if kind == "cell":
        return bool(hidden[i, j])
    return bool(rows[i]) if kind == "row" else bool(cols[j])


def _hide(item: Item, hidden: BoolArray, rows: BoolArray, cols: BoolArray) -> None:
    kind, i, j = item
    if kind == "cell":
        hidden[i, j] = True
    elif kind == "row":
        rows[i] = True
    else:
        cols[j] = True


_TRIED_MOVES = 4  # moves evaluated by linear programming per step


def _cycle_width(target: Cell, move: tuple[Item, ...], counts: IntArray) -> int:
    """How far ``target`` moves along the one cycle through ``move`` (down plus up)."""
    i, j = target
    cells = [(a, b) for kind, a, b in move if kind == "cell"]
    if len(cells) == 3:  # rectangle (i, k), (l, j), (l, k)
        (_, k), (ll, _), _ = cells
        down = min(counts[i, j], counts[ll, k])
        up = min(counts[i, k], counts[ll, j])
        return int(down + up)
    ((a, b),) = cells  # the cell beside the target, trading through two margins
    return int(counts[i, j] + counts[a, b])


def protect(
    counts: IntArray,
    min_cell_count: int,
    zeros_disclosive: bool,
    width: int,
    *,
    margins_known: bool = True,
) -> Pattern | None:
    """A suppression pattern giving every sensitive cell a feasible range of ``width`` or more.

    Sensitive cells and margins are hidden first. ``margins_known``: the attacker
    knows every row and column total anyway (group sizes and one-way counts are
    published elsewhere in a report), so hidden margins do not count as hidden.
    Then, while some sensitive cell is narrower than ``width``, the move (see
    :func:`_moves`) that widens the narrowest one most is applied (ties: fewest
    new items, then the smallest counts hidden, then the first in reading
    order). A pattern is returned only once the exact attacker finds every
    sensitive cell wide enough; ``None`` when the moves run out first.
    """
    counts = np.asarray(counts, dtype=np.int64)
    sens = sensitive(counts, min_cell_count, zeros_disclosive)
    hidden = sens.copy()
    rows = sensitive(counts.sum(axis=1), min_cell_count, zeros_disclosive)
    cols = sensitive(counts.sum(axis=0), min_cell_count, zeros_disclosive)
    targets = [(int(i), int(j)) for i, j in zip(*np.nonzero(sens), strict=True)]
    if margins_known and any(min(counts[i].sum(), counts[:, j].sum()) < width for i, j in targets):
        return None  # a cell never exceeds its row or column total
    no_rows, no_cols = np.zeros_like(rows), np.zeros_like(cols)

    def attacker_view(h: BoolArray, rh: BoolArray, ch: BoolArray) -> View:
        if margins_known:
            rh, ch = no_rows, no_cols
        return Pattern(sens, h, rh, ch, {}).view(counts, min_cell_count, zeros_disclosive)

    def value(item: Item) -> int:
        kind, i, j = item
        if kind == "cell":
            return int(counts[i, j])
        return int(counts[i].sum()) if kind == "row" else int(counts[:, j].sum())

    def narrow(ranges: dict[Cell, tuple[int, int]]) -> list[Cell]:
        return [cell for cell in targets if ranges[cell][1] - ranges[cell][0] < width]

    queue = list(targets)  # the cell that failed last is tried first
    while True:
        view = attacker_view(hidden, rows, cols)
        target: Cell | None = None
        for cell in queue:  # the relaxation, until a cell is too narrow
            lo, hi = feasible_ranges(view, [cell], exact=False)[cell]
            if hi - lo < width:
                target = cell
                break
        if target is None:
            ranges = feasible_ranges(view, targets)
            failing = narrow(ranges)
            if not failing:
                return Pattern(sens, hidden, rows, cols, ranges, view)
            target = min(failing, key=lambda cell: (ranges[cell][1] - ranges[cell][0], cell))
        queue = [target, *(cell for cell in queue if cell != target)]
        # rank the moves by the width one cycle through them would give, then try the
        # most promising few with the attacker's relaxation
        open_moves = []
        for order, move in enumerate(_moves(target, counts.shape, margins=not margins_known)):
            new = tuple(item for item in move if not _is_hidden(item, hidden, rows, cols))
            if new:
                cycle = _cycle_width(target, move, counts)
                open_moves.append(((-cycle, len(new), sum(map(value, new)), order), new))
        open_moves.sort()
        best: tuple[tuple[int, int, int, int], tuple[Item, ...]] | None = None
        for (_, size, cost, order), new in open_moves[:_TRIED_MOVES]:
            h, rh, ch = hidden.copy(), rows.copy(), cols.copy()
            for item in new:
                _hide(item, h, rh, ch)
            lo, hi = feasible_ranges(attacker_view(h, rh, ch), [target], exact=False)[target]
            key = (-(hi - lo), size, cost, order)
            if best is None or key < best[0]:
                best = (key, new)
        if best is None:
            return None
        for item in best[1]:
            _hide(item, hidden, rows, cols)
