"""Disclosure control: primary and secondary suppression, checked by brute force."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ctnat.aggregate import CrossTab, DisclosurePolicy, crosstab
from ctnat.aggregate.disclosure import suppress
from ctnat.errors import ValidationError

AGREE = ("Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree")


def compositions(total: int, parts: int) -> list[tuple[int, ...]]:
    """All ways to write ``total`` as ``parts`` ordered non-negative integers."""
    if parts == 0:
        return [()] if total == 0 else []
    return [
        (first, *rest)
        for first in range(total + 1)
        for rest in compositions(total - first, parts - 1)
    ]


def consistent_tables(tab: CrossTab) -> list[dict[tuple[int, int], int]]:
    """Every non-negative integer filling of the hidden cells that matches all published numbers.

    Independent of the library: plain enumeration, no linear programming.
    """
    hidden = [(i, j) for i, line in enumerate(tab.cells) for j, v in enumerate(line) if v is None]
    if tab.row_totals[0] is None:  # withheld: only the grand total is published
        if math.comb(tab.total + len(hidden) - 1, len(hidden) - 1) > 50_000:
            return []
        fills = [dict(zip(hidden, vs, strict=True)) for vs in compositions(tab.total, len(hidden))]
    else:
        per_row = []
        for i, (line, t) in enumerate(zip(tab.cells, tab.row_totals, strict=True)):
            cells = [(i, j) for j, v in enumerate(line) if v is None]
            rest = t - sum(v for v in line if v is not None)  # type: ignore[operator]
            if cells and math.comb(rest + len(cells) - 1, len(cells) - 1) > 50_000:
                return []
            per_row.append(
                [dict(zip(cells, vs, strict=True)) for vs in compositions(rest, len(cells))]
            )
        if math.prod(len(p) for p in per_row) > 50_000:
            return []  # too many to enumerate; the caller skips the example
        fills = []
        for combo in itertools.product(*per_row):
            merged: dict[tuple[int, int], int] = {}
            for part in combo:
                merged.update(part)
            fills.append(merged)
    solutions = []
    for fill in fills:
        grid = [
            [fill.get((i, j), v) for j, v in enumerate(line)] for i, line in enumerate(tab.cells)
        ]
        cols_ok = all(
            t is None or sum(line[j] for line in grid) == t  # type: ignore[misc]
            for j, t in enumerate(tab.column_totals)
        )
        if cols_ok and sum(map(sum, grid)) == tab.total:  # type: ignore[arg-type]
            solutions.append(fill)
    return solutions


def table_from_counts(counts: list[list[int]], policy: DisclosurePolicy) -> CrossTab:
    groups: list[str | None] = []
    answers: list[str | None] = []
    options = [f"o{j}" for j in range(len(counts[0]))]
    for i, line in enumerate(counts):
        for j, c in enumerate(line):
            groups += [f"g{i}"] * c
            answers += [options[j]] * c
    return crosstab(
        "t",
        "group",
        groups,
        answers,
        options,
        policy,
        group_order=[f"g{i}" for i in range(len(counts))],
    )


small_tables = st.integers(1, 4).flatmap(
    lambda r: st.integers(2, 4).flatmap(
        lambda c: st.lists(
            st.lists(st.integers(0, 5), min_size=c, max_size=c), min_size=r, max_size=r
        )
    )
)


@settings(max_examples=60, deadline=None)
@given(small_tables, st.booleans())
def test_no_hidden_cell_is_recoverable(counts: list[list[int]], zeros: bool) -> None:
    assume(sum(map(sum, counts)) > 0)
    tab = table_from_counts(counts, DisclosurePolicy(zeros_disclosive=zeros))
    # nothing of 1 or 2 is published
    assert all(v is None or not 0 < v < 3 for line in tab.cells for v in line)
    if zeros:
        assert all(v != 0 for line in tab.cells for v in line)
    solutions = consistent_tables(tab)
    assume(solutions)  # an empty list means: too large to enumerate here
    truth = {
        (i, j): counts[i][j]
        for i, line in enumerate(tab.cells)
        for j, v in enumerate(line)
        if v is None
    }
    assert truth in solutions
    for cell in truth:
        assert len({s[cell] for s in solutions}) >= 2, f"cell {cell} recoverable in {tab.cells}"


def test_seed_sized_crosstab_by_gender() -> None:
    # 6 men and 1 woman, as among the seed's Azerbaijani survey respondents
    groups = ["Male"] * 6 + ["Female"]
    answers = ["Agree", "Agree", "Neither", "Neither", "Neither", "Disagree", "Agree"]
    tab = crosstab("5.1.4 by gender", "gender", groups, answers, AGREE, ordinal=True)
    assert tab.columns == ("Top 2", "Middle", "Bottom 2")
    female = tab.rows.index("Female")
    # the lone woman's answer is never shown
    assert tab.cells[female][0] is None
    actions = [a.action for a in tab.audit]
    assert actions[0] == "collapsed"
    assert "primary" in actions
    assert "secondary" in actions
    assert all(a.row != "" for a in tab.audit if a.action in {"primary", "secondary"})
    assert "x = suppressed" in tab.to_text()


def test_single_row_table_is_withheld() -> None:
    tab = crosstab("t", "country", ["AZE"] * 4, ["a", "a", "a", "b"], ["a", "b"])
    assert tab.cells == ((None, None),)
    assert tab.column_totals == (None, None)
    assert tab.audit[-1].action == "withheld"


def test_large_cells_are_published_unchanged() -> None:
    groups = ["g1"] * 8 + ["g2"] * 8
    answers = ["a"] * 4 + ["b"] * 4 + ["a"] * 5 + ["b"] * 3
    tab = crosstab("t", "p", groups, answers, ["a", "b"])
    assert tab.cells == ((4, 4), (5, 3))
    assert tab.audit == ()


def test_audit_log_never_holds_the_hidden_values() -> None:
    tab = crosstab("t", "p", ["g1", "g2", "g2", "g2", "g1"], ["a", "b", "b", "b", "b"], ["a", "b"])
    text = tab.model_dump_json(include={"audit"})
    assert '"value"' not in text


def test_mismatched_lengths_and_unknown_answers() -> None:
    with pytest.raises(ValidationError, match="2 profile values but 1 answers"):
        crosstab("t", "p", ["a", "b"], ["x"], ["x"])
    with pytest.raises(ValidationError, match="not options"):
        crosstab("t", "p", ["a"], ["y"], ["x"])


def test_policy_threshold_ten_hides_more() -> None:
    counts = np.array([[5, 12], [11, 4]])
    _, hidden3, _ = suppress(counts, DisclosurePolicy())
    _, hidden10, _ = suppress(counts, DisclosurePolicy(min_cell_count=10))
    assert not hidden3.any()
    assert hidden10.sum() == 4
