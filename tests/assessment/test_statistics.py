"""Statistics as evidence: grouping by measure and period, disagreement, time series."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat import assessment as A

from .strategies import statistics


def stat(
    ident: str,
    value: float,
    *,
    source: str | None = "Gen 1",
    year: int | None = 2014,
    period: A.Period | None = None,
    measure: str | None = "victims-identified",
    unit: str | None = None,
) -> A.Statistic:
    ev = A.Evidence(source=source) if source else A.Evidence(sections=("2.3",))
    return A.Statistic(
        id=ident,
        label=ident,
        value=value,
        year=year,
        period=period,
        basis=A.Basis.STATED,
        evidence=ev,
        measure=measure,
        unit=unit,
    )


def test_two_sources_that_disagree_are_both_kept() -> None:
    (g,) = A.group_statistics([stat("a", 56, year=2013), stat("b", 54, source="Aze 17", year=2013)])
    assert not g.agree
    assert g.value is None
    assert g.values == (56, 54)
    assert g.sources == ("Gen 1", "Aze 17")
    assert g.disagreement == "2013: Gen 1 gives 56; Aze 17 gives 54"


def test_sources_that_agree_give_one_value() -> None:
    (g,) = A.group_statistics([stat("a", 54), stat("b", 54, source="Aze 17")])
    assert (g.agree, g.value, g.disagreement) == (True, 54, None)
    assert g.sources == ("Gen 1", "Aze 17")


def test_one_source_with_two_values_is_a_disagreement() -> None:
    (g,) = A.group_statistics([stat("a", 32, source=None), stat("b", 23, source=None)])
    assert g.disagreement == "2014: report section 2.3 gives 32; report section 2.3 gives 23"


def test_units_that_differ_disagree_and_say_so() -> None:
    (g,) = A.group_statistics([stat("a", 54, unit="persons"), stat("b", 54, unit="cases")])
    assert not g.agree
    assert g.disagreement == "2014: Gen 1 gives 54 persons; Gen 1 gives 54 cases"


def test_year_and_period_group_together() -> None:
    whole = A.Period.of_year(2014)
    (g,) = A.group_statistics([stat("a", 1), stat("b", 1, year=None, period=whole)])
    assert len(g.statistics) == 2


def test_statistics_without_measure_stand_alone() -> None:
    groups = A.group_statistics(
        [stat("a", 1, measure=None), stat("b", 2, measure=None), stat("c", 3)]
    )
    assert [(g.measure, [s.id for s in g.statistics]) for g in groups] == [
        ("victims-identified", ["c"]),
        (None, ["a"]),
        (None, ["b"]),
    ]


def test_time_series_orders_periods_and_keeps_undated() -> None:
    stats = [
        stat("y15", 3, year=2015),
        stat("y13", 1, year=2013),
        stat("nd", 9, year=None),
        stat("y14a", 2),
        stat("y14b", 4, source="Aze 17"),
        stat("other", 7, measure="convictions"),
    ]
    ts = A.time_series(stats, "victims-identified")
    assert [str(p.period) for p in ts.points] == ["2013", "2014", "2015"]
    assert [v for _, v in ts.values()] == [1, None, 3]  # 2014: the sources disagree
    assert [s.id for s in ts.undated] == ["nd"]


def test_nested_period_larger_than_the_whole() -> None:
    half = A.Period(start=dt.date(2013, 1, 1), end=dt.date(2013, 6, 30), label="first half of 2013")
    greta = stat("greta", 16, source="Aze 30", year=None, period=half, measure="convictions")
    tip = stat("tip", 5, year=2013, measure="convictions")
    assert A.nested_conflicts([greta, tip]) == ((greta, tip),)
    assert (
        A.nested_conflicts([stat("x", 4, year=None, period=half, measure="convictions"), tip]) == ()
    )


def test_breakdowns_cannot_exceed_the_value() -> None:
    with pytest.raises(ValueError, match="the sex breakdown adds to 55, more than the value 54"):
        A.Statistic.model_validate(
            {
                "id": "v",
                "label": "v",
                "value": 54,
                "basis": "stated",
                "evidence": {"source": "Gen 1"},
                "breakdowns": [
                    {"dimension": "sex", "category": "female", "value": 51},
                    {"dimension": "sex", "category": "male", "value": 4},
                ],
            }
        )


def test_breakdown_category_once() -> None:
    part = {"dimension": "age", "category": "child", "value": 1}
    with pytest.raises(ValueError, match="given twice"):
        A.Statistic.model_validate(
            {
                "id": "v",
                "label": "v",
                "value": 5,
                "basis": "stated",
                "evidence": {"source": "Gen 1"},
                "breakdowns": [part, part],
            }
        )


def test_year_outside_period() -> None:
    with pytest.raises(ValueError, match="year 2015 is outside the period 2014"):
        stat("a", 1, year=2015, period=A.Period.of_year(2014))


def test_breakdown_accessor() -> None:
    s = A.Statistic.model_validate(
        {
            "id": "v",
            "label": "v",
            "value": 54,
            "basis": "stated",
            "evidence": {"source": "Gen 1"},
            "breakdowns": [
                {"dimension": "sex", "category": "female", "value": 51},
                {"dimension": "age", "category": "child", "value": 1},
                {"dimension": "sex", "category": "male", "value": 3},
            ],
        }
    )
    assert [(b.category, b.value) for b in s.breakdown("sex")] == [("female", 51), ("male", 3)]


@settings(max_examples=60)
@given(st.lists(st.integers(0, 5).flatmap(lambda i: statistics(f"s{i}")), max_size=8))
def test_grouping_is_a_partition_that_never_picks(stats: list[A.Statistic]) -> None:
    groups = A.group_statistics(stats)
    seen = [id(s) for g in groups for s in g.statistics]
    assert sorted(seen) == sorted(id(s) for s in stats)  # every figure in exactly one group
    for g in groups:
        assert len({(s.measure, s.span and (s.span.start, s.span.end)) for s in g.statistics}) == 1
        if g.measure is None:
            assert len(g.statistics) == 1
        distinct = {(s.value, s.unit) for s in g.statistics}
        assert g.agree is (len(distinct) == 1)
        assert (g.value is None) is (not g.agree)
        assert (g.disagreement is None) is g.agree
        if not g.agree:
            for s in g.statistics:  # every figure and its source is named
                assert s.source_label in (g.disagreement or "")
