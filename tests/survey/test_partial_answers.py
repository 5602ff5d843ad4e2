"""Partial rankings and priority lists, which the XLSForm accepts, are read and counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctnat.aggregate import priorities, rank_aggregate, ranking
from ctnat.survey import answer_rule, builtin, read_responses

REAL = Path(__file__).parent.parent / "data" / "real"
SURVEY = builtin("ct-nat-2016-survey")


def _rs():
    return read_responses(REAL / "kobo" / "K04_xml_nogroups_both.csv", SURVEY)


def test_ranking_counts_a_partial_ranking_and_says_so():
    agg = ranking(_rs(), "2.4")
    assert agg.n_answered == 3  # AZEsur1, AZEsur3 and AZEsur5 (two of four groups)
    assert agg.n_partial == 1
    females = agg.get("adult_females")  # ranks 1, 2, 1
    assert (females.n_ranked, females.borda, females.first_choices) == (3, 11, 2)
    assert females.mean_rank == 4 / 3
    males = agg.get("male_children")  # ranks 4, 3; AZEsur5 left them unranked
    assert (males.n_ranked, males.borda) == (2, 3)


def test_priorities_count_a_respondent_with_only_priority_one():
    table = priorities(_rs())
    assert table.n_survey == 7  # AZEsur8 gave none
    assert table.n_partial == 1  # AZEsur6 gave only priority 1 (D)
    d = table.row("D")
    assert (d.survey_selections, d.rank_points, d.first_choices) == (1, 3, 1)
    a = table.row("A")  # AZEsur1 first, AZEsur7 second
    assert (a.survey_selections, a.rank_points) == (2, 5)
    assert "n=7 (1 gave fewer than three priorities)" in table.to_text()


def test_full_rankings_are_not_partial():
    agg = rank_aggregate("x", ["a", "b"], [{"a": 1, "b": 2}, {"b": 1}])
    assert (agg.n_answered, agg.n_partial) == (2, 1)


def test_the_form_constraints_come_from_the_reader_rules():
    rule = answer_rule(SURVEY, "2.2")
    assert rule.count_constraint() == ("count-selected(.) = 3", "Choose exactly 3")
    assert answer_rule(SURVEY, "2.3").count_constraint() == (
        "count-selected(.) <= 3",
        "Choose no more than 3",
    )
    assert answer_rule(SURVEY, "2.1").count_constraint() is None
    # what a rank field lets through (any distinct rank 1..4, not required) the rule accepts
    rank = answer_rule(SURVEY, "2.4")
    assert rank.rank_constraint("q2_4_adult_males", ["q2_4_adult_females", "q2_4_adult_males"])[
        0
    ] == (". >= 1 and . <= 4 and . != ${q2_4_adult_females}")
    assert rank.check({"adult_females": 3, "male_children": 4}) is None
    assert rank.check({"adult_females": 5}) is not None
    slots = answer_rule(SURVEY, "8.1")
    assert slots.slot_constraint([]) is None
    assert slots.check({"D": 1}) is None
    assert slots.is_partial({"D": 1})
    assert not slots.is_partial({"A": 1, "B": 2, "C": 3})


def test_the_written_xlsform_uses_the_rules(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "form.xlsx"
    SURVEY.to_xlsform(path)
    ws = openpyxl.load_workbook(path)["survey"]
    head = [c.value for c in ws[1]]
    rows = {r[head.index("name")]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    constraint = head.index("constraint")
    assert rows["q2_2"][constraint] == answer_rule(SURVEY, "2.2").count_constraint()[0]
    names = [f"q2_4_{o.name}" for o in SURVEY.question("2.4").options]
    assert (
        rows["q2_4_adult_males"][constraint]
        == (answer_rule(SURVEY, "2.4").rank_constraint("q2_4_adult_males", names)[0])
    )
    assert (
        rows["q8_1_rank2"][constraint]
        == answer_rule(SURVEY, "8.1").slot_constraint(["q8_1_rank1"])[0]
    )
    assert rows["q8_1_rank1"][head.index("required")] in (None, "")
