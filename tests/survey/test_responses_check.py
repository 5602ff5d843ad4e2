"""check_response: the rules a survey record must follow."""

from __future__ import annotations

import pytest

from ctnat.survey import Response, ResponseSet, builtin, check_response


@pytest.fixture(scope="module")
def survey():
    return builtin("ct-nat-2016-survey")


def _valid(**changes):
    base = {
        "code": "AZEsur1",
        "profile": {"country": "azerbaijan", "gender": "male", "position": "other"},
        "answers": {
            "2.1": ("origin", "transit"),
            "2.2": ("prostitution", "forced_labour", "forced_marriage"),
            "2.2.1": "forced_labour",
            "2.3": ("construction",),
            "2.4": {"adult_females": 1, "adult_males": 2, "female_children": 3, "male_children": 4},
            "3.1.5": "adequate",
            "4.1.9": "somewhat_adequate",
            "8.1": {"A": 1, "B": 2, "N": 3},
            "8.2": "Because.",
        },
        "other": {"1.2": "Consultant"},
    }
    base.update(changes)
    return Response.model_validate(base)


def test_valid_response(survey):
    assert check_response(_valid(), survey) == ()


def test_partial_rankings_that_the_form_accepts_are_valid(survey):
    # the XLSForm's rank and priority fields are not required: 2 of 4 groups, or only priority 1
    r = _valid()
    for partial in ({"2.4": {"adult_females": 1, "female_children": 2}}, {"8.1": {"D": 1}}):
        assert (
            check_response(r.model_copy(update={"answers": {**r.answers, **partial}}), survey) == ()
        )


@pytest.mark.parametrize(
    ("answers", "question", "reason"),
    [
        ({"3.1.5": "good"}, "3.1.5", "unknown option 'good'"),
        (
            {"2.2": ("prostitution", "forced_labour", "forced_marriage", "slavery")},
            "2.2",
            "4 options chosen where exactly 3",
        ),
        ({"2.2": ("forced_labour",)}, "2.2", "1 option chosen where exactly 3"),
        (
            {"2.3": ("construction", "agriculture", "streets", "sex_industry")},
            "2.3",
            "1 to 3 are allowed",
        ),
        (
            {
                "2.4": {
                    "adult_females": 1,
                    "adult_males": 1,
                    "female_children": 3,
                    "male_children": 4,
                }
            },
            "2.4",
            "rank 1 used twice",
        ),
        ({"2.4": {"adult_females": 1, "adult_males": 5}}, "2.4", "from 1 to 4"),
        ({"8.1": {"A": 1, "B": 1}}, "8.1", "priority 1 used twice"),
        ({"8.1": {"A": 1, "B": 2, "C": 4}}, "8.1", "from 1 to 3"),
        ({"9.9": "x"}, "9.9", "unknown question '9.9'"),
        ({"2.2.1": "slavery"}, "2.2.1", "not among the options chosen in 2.2"),
        ({"1.6": "male"}, "1.6", "profile question"),
        ({"3.1.5": ("adequate",)}, "3.1.5", "expected one option"),
    ],
)
def test_invalid_answers(survey, answers, question, reason):
    r = _valid()
    r = r.model_copy(update={"answers": {**r.answers, **answers}})
    problems = check_response(r, survey)
    assert len(problems) == 1, problems
    assert problems[0].location == question
    assert reason in problems[0].reason


def test_code_profile_and_other(survey):
    problems = check_response(_valid(code="Azerbaijan-1"), survey)
    assert "does not match" in problems[0].reason
    problems = check_response(_valid(profile={"country": "azerbaijan", "shoe": "x"}), survey)
    assert "unknown profile field 'shoe'" in problems[0].reason
    problems = check_response(_valid(profile={"country": "mars"}, other={}), survey)
    assert problems[0].location == "1.1"
    assert "unknown option 'mars'" in problems[0].reason
    problems = check_response(_valid(other={"2.3": "mining"}), survey)
    assert problems[0].location == "2.3"
    assert "'other' text given" in problems[0].reason
    problems = check_response(_valid(profile={}, other={}), survey)
    assert problems[0].location == "1.1"
    assert "required" in problems[0].reason


def test_response_set_rejects_repeated_codes():
    r = _valid()
    with pytest.raises(ValueError, match="repeated"):
        ResponseSet(instrument="ct-nat-2016-survey", responses=(r, r))
    rs = ResponseSet(instrument="ct-nat-2016-survey", responses=(r,))
    assert rs.codes == ("AZEsur1",)
    assert len(rs) == 1
    assert ResponseSet.model_validate_json(rs.model_dump_json()) == rs
