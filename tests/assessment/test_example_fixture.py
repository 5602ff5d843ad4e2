"""One reading of the seed's survey counts: the test fixture agrees with the shipped example.

The example assessment (``aze-2016.yaml``) records the counts the seed reports, with
its readings of the seed's contradictions; ``tests/data/aze_survey_fixture.json``
holds respondent records built to give those counts. Every stated count of the
example must equal the fixture's tally, so the two cannot read the seed differently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctnat.aggregate import priorities, summarize
from ctnat.examples import azerbaijan
from ctnat.survey import ResponseSet, builtin, read_responses

FIXTURE = Path(__file__).parents[1] / "data" / "aze_survey_fixture.json"
EXAMPLE = azerbaijan()
assert EXAMPLE.survey is not None
ITEMS = {i.item: i for i in EXAMPLE.survey.items}


@pytest.fixture(scope="module")
def responses() -> ResponseSet:
    return read_responses(FIXTURE, "ct-nat-2016-survey")


@pytest.mark.parametrize("item", sorted(ITEMS))
def test_every_stated_count_of_the_example_is_the_fixtures(
    responses: ResponseSet, item: str
) -> None:
    result = ITEMS[item]
    instrument = builtin("ct-nat-2016-survey")
    labels = {o.name: o.text("en") for o in instrument.options(instrument.question(item))}
    tally = {labels[code]: n for code, n in summarize(responses)[item].counts.items()}
    for option in result.scale:
        stated = result.count(option)  # 0 when not listed, None when named without a count
        if stated is None:
            assert tally[option] >= 1, f"{item}: the example names {option!r}"
        else:
            assert tally[option] == stated, f"{item} {option!r}: fixture {tally[option]}"
    if result.item_respondents is not None:
        assert sum(tally.values()) == result.item_respondents


def test_the_fixture_answers_the_items_the_example_reports(responses: ResponseSet) -> None:
    answered = {code for r in responses.responses for code in r.answers}
    assert set(ITEMS) <= answered
    assert "5.1.9" in answered


def test_survey_size_and_sex(responses: ResponseSet) -> None:
    assert EXAMPLE.survey is not None
    assert len(responses) == EXAMPLE.survey.respondents
    women = sum(r.profile.get("gender") == "female" for r in responses.responses)
    assert women == EXAMPLE.survey.female


def test_priority_marks_are_the_examples(responses: ResponseSet) -> None:
    assert EXAMPLE.priorities is not None
    table = priorities(responses)
    chosen = {row.code: row.survey_selections for row in table.rows}
    for row in EXAMPLE.priorities.rows:
        assert chosen.get(row.option, 0) == row.survey, row.option
