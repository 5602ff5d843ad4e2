"""The built-in instruments against the text of Annexes C and D of the seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ctnat.errors import NotFoundError
from ctnat.survey import QuestionType, builtin, builtin_names

SEED = Path("/work/shared/seeds/003_111f599aa090a8ef.txt")

# Items per statement table, counted by hand in Annex D.
TABLES = {
    "3.1": 7,
    "3.2": 6,
    "4.1": 10,
    "4.2": 5,
    "5.1": 10,
    "6.1": 8,
    "7.1": 4,
    "7.2": 6,
    "7.3": 6,
}


@pytest.fixture(scope="module")
def survey():
    return builtin("ct-nat-2016-survey")


@pytest.fixture(scope="module")
def guide():
    return builtin("ct-nat-2016-interview")


def test_names():
    assert set(builtin_names()) == {"ct-nat-2016-survey", "ct-nat-2016-interview"}
    with pytest.raises(NotFoundError, match="no built-in instrument"):
        builtin("ct-nat-2015")


def test_all_62_statements(survey):
    expected = [f"{t}.{i}" for t, n in TABLES.items() for i in range(1, n + 1)]
    assert len(expected) == 62
    assert [q.id for q in survey.scale_items()] == expected
    assert expected[0] == "3.1.1"
    assert expected[-1] == "7.3.6"


def test_sections_1_to_8(survey):
    assert [s.id for s in survey.sections] == [str(i) for i in range(1, 9)]
    assert survey.section("7").title["en"] == "Cooperation among stakeholders (partnerships)"
    assert survey.section_of("5.1.6").id == "5"


@pytest.mark.parametrize(
    ("item", "wording", "scale"),
    [
        ("3.1.5", "Indicators, screening checklists, other identification tools", "adequacy"),
        (
            "3.2.6",
            "Foreign victims of trafficking are identified and referred to support services they need",
            "frequency",
        ),
        ("4.1.9", "Support to return to countries of origin", "service_adequacy"),
        (
            "4.2.5",
            "There are adequate and effective procedures and protocols in place for supporting victims",
            "agreement",
        ),
        (
            "5.1.6",
            "Training and capacity-building mechanisms for law enforcers on trafficking issues are adequate",
            "agreement",
        ),
        ("6.1.8", "Programmes to prevent re-trafficking are adequate and effective", "agreement"),
        (
            "7.2.3",
            "States invite international organizations to trafficking-related meetings",
            "frequency",
        ),
        (
            "7.3.6",
            "Between State and non-State actors at the regional level with other countries in the South Caucasus",
            "ease",
        ),
    ],
)
def test_wording_spot_checks(survey, item, wording, scale):
    q = survey.question(item)
    assert q.text() == wording
    assert q.type is QuestionType.SCALE
    assert q.scale == scale


@pytest.mark.skipif(not SEED.exists(), reason="the seed text is not on this machine")
def test_every_statement_matches_the_seed(survey):
    rows = re.findall(
        r"^(\d\.\d\.\d+)\.?\t([^\t]+)\t<input", SEED.read_text(encoding="utf-8"), re.MULTILINE
    )
    assert len(rows) == 62
    for item, text in rows:
        assert survey.question(item).text() == text.strip()


def test_scales(survey):
    labels = {
        "adequacy": ("Completely adequate", "Completely inadequate"),
        "frequency": ("Always", "Never"),
        "service_adequacy": ("Fully adequate", "Completely inadequate"),
        "agreement": ("Strongly agree", "Strongly disagree"),
        "ease": ("Very easy", "Very difficult"),
    }
    assert {s.id for s in survey.scales} == set(labels)
    for sid, (first, last) in labels.items():
        scale = survey.scale(sid)
        assert scale.points == 5
        assert [o.position for o in scale.options] == [1, 2, 3, 4, 5]
        assert scale.options[0].text() == first
        assert scale.options[-1].text() == last
    assert survey.scale("service_adequacy").options[2].text() == "Adequate for some victims only"
    assert survey.scale("service_adequacy").neutral is None
    assert survey.scale("agreement").neutral == 3
    assert survey.scale("agreement").positive_positions == (1, 2)
    assert survey.scale("agreement").negative_positions == (4, 5)
    assert survey.scale("frequency").position("rarely") == 4


def test_question_types(survey):
    t = {q.id: q.type for q in survey.questions()}
    assert t["2.1"] is QuestionType.CHOOSE_ALL
    assert t["2.2"] is QuestionType.CHOOSE_EXACTLY
    assert survey.question("2.2").count == 3
    assert t["2.3"] is QuestionType.CHOOSE_AT_MOST
    assert survey.question("2.3").count == 3
    assert t["2.4"] is QuestionType.RANK
    assert len(survey.question("2.4").options) == 4
    assert t["8.1"] is QuestionType.TOP_RANKED
    assert survey.question("8.1").count == 3
    assert t["2.6"] is QuestionType.TEXT
    assert t["8.2"] is QuestionType.TEXT
    assert survey.options("2.2.1") == survey.question("2.2").options
    assert len(survey.question("1.2").options) == 20
    assert survey.question("1.2").other_option is not None
    assert survey.question("2.3").other_option is not None


def test_profile(survey):
    profile = {q.profile: q.id for q in survey.profile_questions()}
    assert profile == {
        "country": "1.1",
        "position": "1.2",
        "years_in_organization": "1.3",
        "years_counter_trafficking": "1.4",
        "age_band": "1.5",
        "gender": "1.6",
    }


def test_priorities_a_to_q(survey):
    q = survey.question("8.1")
    assert [o.name for o in q.options] == list("ABCDEFGHIJKLMNOPQ")
    assert (
        q.options[0].text()
        == "Strengthening identification and referral mechanisms or their implementation"
    )
    assert q.options[-1].other
    assert (
        q.options[13].text()
        == "Improving cooperation between State and non-State actors at the national level"
    )


def test_interview_guide(guide):
    assert guide.kind == "interview"
    assert [s.id for s in guide.sections] == [str(i) for i in range(1, 9)]
    assert len(guide.section("5").questions) == 7
    assert guide.question("3.5").text().startswith("Are referral mechanisms in place")
    assert "Which agencies/institutions are involved?" in (guide.question("3.5").hint or {})["en"]
    assert guide.question("8.4").type is QuestionType.TEXT
    r = guide.routing
    assert r is not None
    assert r.always == ("1", "7", "8")
    assert r.choose_from == ("2", "3", "4", "5", "6")
    assert (r.min_choice, r.max_choice) == (2, 3)


def test_json_round_trip_and_schema(survey, guide):
    from ctnat.survey import Instrument

    for inst in (survey, guide):
        assert Instrument.model_validate_json(inst.model_dump_json()) == inst
    schema = Instrument.model_json_schema()
    assert schema["title"] == "Instrument"
    assert "sections" in schema["properties"]


def test_interview_questions_per_section(guide):
    # counted by hand in Annex C
    counts = {"1": 2, "2": 6, "3": 5, "4": 6, "5": 7, "6": 7, "7": 3, "8": 4}
    assert {s.id: len(s.questions) for s in guide.sections} == counts
    assert all(q.type is QuestionType.TEXT for q in guide.questions())
    assert (
        guide.question("4.3")
        .hint["en"]
        .endswith("Rehabilitation, return and reintegration (job placement, training)")
    )
