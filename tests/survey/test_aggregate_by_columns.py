"""The survey aggregates count from the response set's columns; here they are checked
against the per-respondent way they were computed before (kept below as the reference).
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctnat.aggregate import (
    block_respondents,
    multi_select,
    multi_select_frequencies,
    position_group,
    priorities,
    priorities_table,
    rank_aggregate,
    ranking,
    summarize,
)
from ctnat.aggregate.responses import DOMINANCE_PROFILES, _scale_boxes
from ctnat.aggregate.summary import summarize_tally
from ctnat.aggregate.tally import Tally
from ctnat.errors import ValidationError
from ctnat.survey import QuestionType, Response, ResponseSet

from .test_properties import SURVEY, response_sets

COUNTRIES = st.sampled_from([None, "azerbaijan", "armenia", "georgia"])


def profile_of(r: Response, name: str) -> str | None:
    if name == "position_group":
        return position_group(r.profile.get("position"))
    return r.profile.get(name)


def chosen(rs: ResponseSet, country: str | None) -> list[Response]:
    return [r for r in rs.responses if country is None or r.profile.get("country") == country]


def reference_summaries(rs: ResponseSet, country: str | None) -> dict:
    picked = chosen(rs, country)
    out = {}
    for q in SURVEY.questions():
        if q.profile is not None or q.type not in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
            continue
        answers = [a if isinstance(a := r.answers.get(q.id), str) else None for r in picked]
        tally = Tally.from_answers(SURVEY.option_names(q), answers, item=q.id)
        answered = [r for r, a in zip(picked, answers, strict=True) if a is not None]
        profiles = {
            p: Counter(v for r in answered if (v := profile_of(r, p)) is not None)
            for p in DOMINANCE_PROFILES
        }
        positive, negative = _scale_boxes(SURVEY, q)
        out[q.id] = summarize_tally(
            q.id,
            tally,
            n_respondents=len(picked),
            text=q.text(),
            option_labels=tuple(o.text() for o in SURVEY.options(q)),
            ordinal=q.type is QuestionType.SCALE,
            profiles=profiles,
            positive=positive,
            negative=negative,
        )
    return out


def rankings(picked: list[Response], item: str) -> list:
    return [dict(v) if isinstance(v := r.answers.get(item), dict) else None for r in picked]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(response_sets(max_size=8), COUNTRIES)
def test_column_aggregates_equal_the_per_respondent_ones(rs: ResponseSet, country) -> None:
    # the same set read from a table and built from ready Response objects
    ready = ResponseSet(instrument=rs.instrument, responses=tuple(rs.responses))
    picked = chosen(rs, country)
    for s in (rs, ready):
        assert dict(summarize(s, SURVEY, country=country)) == reference_summaries(rs, country)
        items = ("3.1.1", "3.1.2", "5.1.4")
        assert block_respondents(s, items, country=country) == sum(
            1 for r in picked if any(r.answers.get(i) is not None for i in items)
        )
        multi = [v if isinstance(v := r.answers.get("2.2"), tuple) else None for r in picked]
        assert multi_select(s, "2.2", SURVEY, country=country) == multi_select_frequencies(
            "2.2", SURVEY.option_names("2.2"), multi
        )
        assert ranking(s, "2.4", SURVEY, country=country) == rank_aggregate(
            "2.4",
            SURVEY.option_names("2.4"),
            rankings(picked, "2.4"),
            points_for=SURVEY.question("2.4").count,
        )
        labels = {o.name: o.text() for o in SURVEY.options("8.1")}
        assert priorities(s, instrument=SURVEY, country=country) == priorities_table(
            labels, rankings(picked, "8.1"), ()
        )


def test_a_hand_built_answer_that_is_not_an_option_is_refused_naming_the_respondent() -> None:
    rs = ResponseSet(
        instrument=SURVEY.id,
        responses=(
            Response(code="AZEsur1", answers={"3.1.5": "adequate"}),
            Response(code="AZEsur2", answers={"3.1.5": "superb"}),
        ),
    )
    with pytest.raises(ValidationError, match="3.1.5 / answer 2"):
        summarize(rs, SURVEY)
