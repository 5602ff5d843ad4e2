"""Properties of summarize() over response sets, and the other response aggregates."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat.aggregate import ItemSummary, multi_select, position_group, ranking, summarize
from ctnat.survey import Response, ResponseSet, builtin

SURVEY = builtin("ct-nat-2016-survey")
ITEMS = ("3.1.4", "5.1.4", "7.2.1", "4.1.9")


def answer_sets() -> st.SearchStrategy[dict[str, str]]:
    parts = {
        item: st.one_of(st.none(), st.sampled_from(SURVEY.option_names(item))) for item in ITEMS
    }
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for k, v in d.items() if v})


def response_set(answers: list[dict[str, str]]) -> ResponseSet:
    return ResponseSet(
        instrument=SURVEY.id,
        responses=tuple(
            Response(code=f"AZEsur{i + 1}", profile={"country": "azerbaijan"}, answers=a)
            for i, a in enumerate(answers)
        ),
    )


def counts(s: ItemSummary) -> tuple[tuple[int, ...], int]:
    return s.tally.counts, s.tally.missing


@settings(max_examples=30, deadline=None)
@given(st.lists(answer_sets(), max_size=8), st.randoms(use_true_random=False))
def test_permuting_respondents_changes_nothing(answers: list[dict[str, str]], rnd: object) -> None:
    shuffled = list(answers)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = summarize(response_set(answers))
    b = summarize(response_set(shuffled))
    for item in ITEMS:
        assert a[item] == b[item]


@settings(max_examples=30, deadline=None)
@given(st.lists(answer_sets(), max_size=8), answer_sets())
def test_adding_a_respondent_changes_one_count_per_answered_item(
    answers: list[dict[str, str]], new: dict[str, str]
) -> None:
    before = summarize(response_set(answers))
    after = summarize(response_set([*answers, new]))
    for item in ITEMS:
        (c0, m0), (c1, m1) = counts(before[item]), counts(after[item])
        diffs = [y - x for x, y in zip(c0, c1, strict=True)]
        if item in new:
            assert sorted(diffs) == [0] * (len(diffs) - 1) + [1]
            assert sum(diffs) == 1
            assert diffs[before[item].options.index(new[item])] == 1
            assert m1 == m0
        else:
            assert diffs == [0] * len(diffs)
            assert m1 == m0 + 1
        assert after[item].n_respondents == before[item].n_respondents + 1


def test_summaries_are_frozen_and_round_trip_json() -> None:
    rs = response_set([{"3.1.4": "adequate"}, {"3.1.4": "inadequate"}, {}])
    s = summarize(rs)["3.1.4"]
    assert ItemSummary.model_validate_json(s.model_dump_json()) == s
    schema = ItemSummary.model_json_schema()
    assert "tally" in schema["properties"]
    json.dumps(schema)
    with pytest.raises(Exception, match="frozen"):
        s.item = "x"  # type: ignore[misc]
    assert s.k_of_n("adequate") == "1 of 2"
    assert s.k_of_n("adequate", percent=True) == "1 of 2 (50%*)"
    assert "* percentage of a small sample" in s.to_text(percent=True)
    assert "%" not in s.to_text()


def test_summarize_by_country_and_skips_free_text() -> None:
    rs = ResponseSet(
        instrument=SURVEY.id,
        responses=(
            Response(
                code="AZEsur1",
                profile={"country": "azerbaijan"},
                answers={"3.1.4": "adequate", "2.6": "a secret"},
            ),
            Response(
                code="GEOsur1", profile={"country": "georgia"}, answers={"3.1.4": "inadequate"}
            ),
        ),
    )
    s = summarize(rs, country="azerbaijan")
    assert s["3.1.4"].counts["adequate"] == 1
    assert s["3.1.4"].n_respondents == 1
    assert "2.6" not in s
    assert "secret" not in json.dumps([v.model_dump(mode="json") for v in s.values()])


def test_multi_select_and_ranking_from_responses() -> None:
    rs = ResponseSet(
        instrument=SURVEY.id,
        responses=(
            Response(
                code="AZEsur1",
                profile={"country": "azerbaijan"},
                answers={
                    "2.1": ("origin", "transit"),
                    "2.4": {
                        "adult_females": 1,
                        "female_children": 2,
                        "adult_males": 3,
                        "male_children": 4,
                    },
                },
            ),
            Response(
                code="AZEsur2",
                profile={"country": "azerbaijan"},
                answers={
                    "2.1": ("origin",),
                    "2.4": {
                        "adult_females": 2,
                        "female_children": 1,
                        "adult_males": 3,
                        "male_children": 4,
                    },
                },
            ),
            Response(code="AZEsur3", profile={"country": "azerbaijan"}),
        ),
    )
    f = multi_select(rs, "2.1")
    assert (f.count("origin"), f.count("transit"), f.count("destination")) == (2, 1, 0)
    assert (f.n_answered, f.n_respondents) == (2, 3)
    r = ranking(rs, "2.4")
    assert r.get("adult_females").mean_rank == 1.5
    assert r.get("adult_females").borda == 4 + 3
    assert r.get("male_children").borda == 2
    assert [x.name for x in r.by_borda()][:2] == ["adult_females", "female_children"]


def test_position_groups() -> None:
    assert position_group("ngo_local") == "NGO"
    assert position_group("igo_iom") == "intergovernmental organisation"
    assert position_group("academic") == "other"
    assert position_group(None) is None


def test_html_views_show_counts_not_percentages() -> None:
    from ctnat.aggregate import crosstab

    rs = response_set([{"3.1.4": "adequate"}, {"3.1.4": "inadequate"}, {}])
    html = summarize(rs)["3.1.4"]._repr_html_()
    assert "1 of 2" in html
    assert "%" not in html
    assert "small sample" in html
    tab = crosstab("t<1>", "g", ["a", "b"], ["x", "x"], ["x", "y"])
    assert "t&lt;1&gt;" in tab._repr_html_()


def test_every_public_model_has_a_json_schema() -> None:
    import inspect

    from pydantic import BaseModel

    import ctnat.aggregate as agg

    models = [
        obj
        for name in agg.__all__
        if inspect.isclass(obj := getattr(agg, name)) and issubclass(obj, BaseModel)
    ]
    assert len(models) >= 20
    for model in models:
        assert model.model_config.get("frozen") is True, model.__name__
        json.dumps(model.model_json_schema())
