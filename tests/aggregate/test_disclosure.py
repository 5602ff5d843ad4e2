"""Disclosure control: primary and secondary suppression, checked by brute force."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ctnat.aggregate import CrossTab, DisclosurePolicy, crosstab
from ctnat.aggregate.protection import protect
from ctnat.errors import ValidationError

from .attack import true_counts
from .test_disclosure_attack import respondents

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

    Independent of the library: plain enumeration, no programming, no policy.
    """
    hidden = [(i, j) for i, line in enumerate(tab.cells) for j, v in enumerate(line) if v is None]
    rest = tab.total - sum(v for line in tab.cells for v in line if v is not None)
    if not hidden or math.comb(rest + len(hidden) - 1, len(hidden) - 1) > 20_000:
        return []
    solutions = []
    for values in compositions(rest, len(hidden)):
        fill = dict(zip(hidden, values, strict=True))
        grid = [
            [fill.get((i, j), v) for j, v in enumerate(line)] for i, line in enumerate(tab.cells)
        ]
        rows_ok = all(
            t is None or sum(line) == t  # type: ignore[arg-type]
            for line, t in zip(grid, tab.row_totals, strict=True)
        )
        cols_ok = all(
            t is None or sum(line[j] for line in grid) == t  # type: ignore[misc]
            for j, t in enumerate(tab.column_totals)
        )
        if rows_ok and cols_ok:
            solutions.append(fill)
    return solutions


def table_from_counts(counts: list[list[int]], policy: DisclosurePolicy) -> CrossTab:
    groups, answers, options = respondents(counts)
    return crosstab(
        "t",
        "group",
        groups,
        answers,
        options,
        policy,
        group_order=[f"g{i}" for i in range(len(counts))],
    )


small_tables = st.integers(1, 3).flatmap(
    lambda r: st.integers(2, 3).flatmap(
        lambda c: st.lists(
            st.lists(st.integers(0, 5), min_size=c, max_size=c), min_size=r, max_size=r
        )
    )
)


@settings(max_examples=20, deadline=None)
@given(small_tables, st.booleans())
def test_no_hidden_cell_is_recoverable_by_plain_enumeration(
    counts: list[list[int]], zeros: bool
) -> None:
    # margins unknown: the attacker has only this table (enumeration knows nothing of
    # the policy beyond the published numbers, so it is weaker than the milp attacker)
    tab = table_from_counts(counts, DisclosurePolicy(zeros_disclosive=zeros, margins_known=False))
    assert all(v is None or not 0 < v < 3 for line in tab.cells for v in line)
    assert all(v is None or not 0 < v < 3 for v in (*tab.row_totals, *tab.column_totals))
    if zeros:
        assert all(v != 0 for line in tab.cells for v in line)
    if tab.withheld is not None:  # nothing but the grand total is published
        assert set(tab.row_totals) | set(tab.column_totals) == {None}
        return
    solutions = consistent_tables(tab)
    assume(solutions)  # an empty list means: too large to enumerate here
    groups, answers, options = respondents(counts)
    true = true_counts(tab, groups, answers, options)
    truth = {
        (i, j): int(true[i, j])
        for i, line in enumerate(tab.cells)
        for j, v in enumerate(line)
        if v is None
    }
    assert truth in solutions
    for cell, value in truth.items():
        if 0 < value < 3 or (zeros and value == 0):
            values = {s[cell] for s in solutions}
            assert max(values) - min(values) >= 3, f"cell {cell} narrowed in {tab.cells}"


def test_seed_sized_crosstab_by_gender_is_withheld() -> None:
    # 6 men and 1 woman, as among the seed's Azerbaijani survey respondents
    groups = ["Male"] * 6 + ["Female"]
    answers = ["Agree", "Agree", "Neither", "Neither", "Neither", "Disagree", "Agree"]
    tab = crosstab("5.1.4 by gender", "gender", groups, answers, AGREE, ordinal=True)
    assert tab.columns == ("Top 2", "Middle", "Bottom 2")
    assert tab.withheld is not None
    assert tab.suppressed == tuple((r, c) for r in tab.rows for c in tab.columns)
    assert [a.action for a in tab.audit] == ["withheld"]
    assert tab.total == 7
    assert "withheld: no pattern" in tab.to_text()


def test_small_groups_are_merged_before_withholding() -> None:
    # two groups of 1 and 2 people beside two large groups: merged into one of 3
    groups = ["a"] * 12 + ["b"] * 12 + ["c"] + ["d"] * 2
    answers = (["x"] * 4 + ["y"] * 4 + ["z"] * 4) * 2 + ["x", "x", "y"]
    tab = crosstab("t", "p", groups, answers, ["x", "y", "z"])
    assert tab.withheld is None
    assert tab.rows == ("a", "b", "c + d")
    assert tab.row_totals == (12, 12, 3)
    assert [a.action for a in tab.audit] == ["merged", "suppressed"]


def test_likert_falls_back_to_top_box_against_the_rest() -> None:
    # one respondent in the middle box: whoever knows the one-way counts can place them
    # unless the middle goes in with the bottom
    groups = ["a"] * 10 + ["b"] * 10
    answers = ["Agree"] * 5 + ["Neither"] + ["Disagree"] * 4 + ["Agree"] * 6 + ["Disagree"] * 4
    tab = crosstab("t", "p", groups, answers, AGREE, ordinal=True)
    assert tab.withheld is None
    assert tab.columns == ("Top 2", "Other answers")
    assert tab.cells == ((5, 5), (6, 4))
    assert [a.action for a in tab.audit] == ["collapsed"]
    assert "top box against all other answers" in tab.audit[0].rule


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
    assert tab.withheld is None


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
    three = protect(counts, 3, False, 3)
    assert three is not None
    assert not three.hidden.any()
    # at 10 two cells are sensitive and only hiding all four protects them: a table of
    # nothing but x is no table, so it is withheld
    ten_pattern = protect(counts, 10, False, 10)
    assert ten_pattern is not None
    assert ten_pattern.hidden.all()
    ten = table_from_counts(counts.tolist(), DisclosurePolicy(min_cell_count=10))
    assert ten.withheld is not None


def test_protection_width_is_the_threshold_unless_stated() -> None:
    assert DisclosurePolicy().width == 3
    assert DisclosurePolicy(min_cell_count=5).width == 5
    assert DisclosurePolicy(protection_width=2).width == 2
