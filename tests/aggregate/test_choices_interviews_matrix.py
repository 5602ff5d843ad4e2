"""Multi-select, ranking and priorities on plain data; interview metrics; matrix counting."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest

from ctnat.aggregate import (
    InterviewFacts,
    Tally,
    count_matrix,
    interview_metrics,
    multi_select_frequencies,
    priorities_table,
    rank_aggregate,
    tallies_from_counts,
    wilson_bounds,
)
from ctnat.errors import NotFoundError, ValidationError
from ctnat.survey import EntityType, InterviewFormat, InterviewRecord, Participants


def test_multi_select_counts_and_rejects_unknown() -> None:
    f = multi_select_frequencies("2.2", ["a", "b", "c"], [("a", "b"), ("a",), None, ()])
    assert f.counts == (2, 1, 0)
    assert (f.n_answered, f.n_respondents) == (2, 4)
    assert f.interval("a").k == 2
    g = multi_select_frequencies("2.2", ["a", "b", "c"], [("c",)])
    assert (f + g).counts == (2, 1, 1)
    with pytest.raises(ValidationError, match="'z'"):
        multi_select_frequencies("2.2", ["a"], [("z",)])


def test_rank_validation() -> None:
    with pytest.raises(ValidationError, match="repeat"):
        rank_aggregate("2.4", ["a", "b"], [{"a": 1, "b": 1}])
    with pytest.raises(ValidationError, match=r"not in 1\.\.2"):
        rank_aggregate("2.4", ["a", "b"], [{"a": 3}])
    with pytest.raises(NotFoundError):
        rank_aggregate("2.4", ["a"], []).get("zz")


def test_priorities_rank_points() -> None:
    t = priorities_table(
        {"A": "first", "B": "second", "C": "third", "D": "fourth"},
        [{"A": 1, "B": 2, "C": 3}, {"B": 1, "A": 2, "D": 3}],
        [{"A", "D"}],
    )
    assert (t.row("A").rank_points, t.row("B").rank_points) == (5, 5)
    assert t.row("A").first_choices == 1
    assert t.row("D").workshop_groups == 1
    with pytest.raises(ValidationError, match="'Z'"):
        priorities_table(["A"], [], [{"Z"}])


def aze_interviews() -> list[InterviewRecord]:
    # Seed 1.2: 14 interviews with 36 people (28 men, 8 women), 10 with State agencies.
    # The split of people across interviews and the other 4 entities' types are not stated.
    men = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    women = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    types = [EntityType.STATE] * 10 + [EntityType.NGO_OTHER] * 4
    return [
        InterviewRecord(
            code=f"AZEint{i + 1}",
            date=dt.date(2016, 1, 20),
            format=InterviewFormat.GROUP,
            participants=Participants(male=m, female=w),
            entity_type=t,
            sections=("1", "3", "4", "7", "8"),
            themes={"3.5": ("hotline_awareness",)} if i < 3 else {},
        )
        for i, (m, w, t) in enumerate(zip(men, women, types, strict=True))
    ]


def test_interview_metrics_reproduce_the_seed_totals() -> None:
    m = interview_metrics(aze_interviews())
    aze = m.country("AZE")
    assert (aze.interviews, aze.participants, aze.men, aze.women) == (14, 36, 28, 8)
    assert dict(aze.entity_types)["state"] == 10
    assert aze.share_men == pytest.approx(28 / 36)  # the seed's "78%"
    (theme,) = m.themes_in("AZE", "3")
    assert (theme.theme, theme.interviews) == ("hotline_awareness", 3)
    with pytest.raises(NotFoundError):
        m.country("ARM")


def test_interview_facts_plain() -> None:
    m = interview_metrics(
        [
            InterviewFacts(code="GEOint1", country="GEO", men=1, women=2, entity_type="ngo_other"),
            InterviewFacts(code="GEOint2", country="GEO", men=0, women=1, entity_type="state"),
        ]
    )
    assert m.country("GEO").participants == 4


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 300),
    st.integers(1, 6),
    st.integers(2, 5),
    st.integers(1, 4),
    st.integers(0, 2**32 - 1),
)
def test_count_matrix_equals_plain_counting(
    rows: int, items: int, k: int, n_groups: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    m = rng.integers(-1, k, size=(rows, items)).astype(np.int8)
    g = rng.integers(0, n_groups, size=rows)
    counts = count_matrix(m, k, g, n_groups, block_rows=64)
    options = [f"o{i}" for i in range(k)]
    tallies = tallies_from_counts(counts, options)
    for item in range(items):
        for grp in range(n_groups):
            answers = [options[v] if v >= 0 else None for v in m[g == grp, item]]
            assert tallies[item][grp] == Tally.from_answers(options, answers)


def test_count_matrix_rejects_bad_values() -> None:
    with pytest.raises(ValidationError, match="row 1, column 0"):
        count_matrix(np.array([[0], [7]], dtype=np.int8), 5)


def test_wilson_bounds_equal_scipy() -> None:
    ks, ns = np.meshgrid(np.arange(0, 13), np.arange(1, 13))
    mask = ks <= ns
    lo, hi = wilson_bounds(ks[mask], ns[mask])
    for k, n, a, b in zip(ks[mask], ns[mask], lo, hi, strict=True):
        ci = binomtest(int(k), int(n)).proportion_ci(method="wilson")
        assert a == pytest.approx(max(0.0, ci.low), abs=1e-12)
        assert b == pytest.approx(min(1.0, ci.high), abs=1e-12)


def test_wilson_bounds_are_exact_at_the_ends_and_undefined_without_answers() -> None:
    lo, hi = wilson_bounds(np.array([0, 17, 0, 3]), np.array([17, 17, 0, 5]))
    assert (lo[0], hi[1]) == (0.0, 1.0)  # the closed form alone gave 1.4e-17 for 0 of 17
    assert np.isnan(lo[2])
    assert np.isnan(hi[2])
    assert lo[3] < 3 / 5 < hi[3]
