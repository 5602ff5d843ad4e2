"""The narrative half of an assessment: validated, located errors, lossless round trips."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctnat import assessment as A
from ctnat.errors import ValidationError

from .strategies import base, narratives

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")


def mapping(**fields: Any) -> dict[str, Any]:
    return A.to_mapping(base()) | fields


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        A.from_mapping(data, file="a.yaml")
    return [f"{p.location}: {p.reason}" for p in info.value.problems]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(narratives())
def test_narrative_round_trips_through_yaml_and_json(fields: dict[str, object]) -> None:
    a = base(**fields)
    data = A.to_mapping(a)
    assert A.loads(yaml.safe_dump(data, allow_unicode=True), file="a.yaml") == a
    assert A.loads(json.dumps(data), file="a.json") == a


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(narratives())
def test_dump_and_load_files(
    tmp_path_factory: pytest.TempPathFactory, fields: dict[str, object]
) -> None:
    a = base(**fields)
    folder = tmp_path_factory.mktemp("narrative")
    for suffix in (".yaml", ".json"):
        A.dump(a, folder / f"a{suffix}")
        assert A.load(folder / f"a{suffix}") == a


def test_schema_describes_the_narrative() -> None:
    schema = A.json_schema()
    props = schema["properties"]
    for key in ("research_context", "limitations", "situation", "findings", "workshop"):
        assert key in props
    defs = schema["$defs"]
    assert set(defs["Outcome"]["enum"]) == {"agreed", "disputed", "amended"}
    assert "improvement" in defs["IndicatorStatus"]["properties"]
    assert {"measure", "unit", "period", "breakdowns"} <= set(defs["Statistic"]["properties"])
    assert {"actors", "timeframe", "criteria", "indicators", "priorities"} <= set(
        defs["Recommendation"]["properties"]
    )


def test_narrative_models_are_frozen() -> None:
    f = A.Finding(category="1", text="text")
    with pytest.raises(Exception, match="frozen"):
        f.text = "other"  # type: ignore[misc]


def test_finding_criterion_must_be_in_its_category() -> None:
    with pytest.raises(ValueError, match="criterion 2.1 is not in category 1"):
        A.Finding(category="1", criterion="2.1", text="x")


def test_finding_for_a_criterion_the_set_lacks() -> None:
    found = problems_of(mapping(findings=[{"category": "1", "criterion": "1.9", "text": "x"}]))
    assert found == [
        "findings[0].criterion: names criterion 1.9, which set ct-nat-2016 2016 does not have"
    ]


def test_findings_given_twice() -> None:
    twice = [{"category": "1", "text": "x"}, {"category": "1", "text": "y"}]
    assert problems_of(mapping(findings=twice)) == ["findings: findings for 1 are given twice"]


def test_text_citing_an_unknown_source_is_located() -> None:
    text = "Identification is reactive (Aze 17, p. 19; Aze 30, p. 31)."
    found = problems_of(mapping(findings=[{"category": "1", "text": text}]))
    assert found == ["findings[0].text: the text cites 'Aze 17', which is not in the bibliography"]


def test_sources_named_ignores_longer_numbers_and_other_words() -> None:
    codes = {"Aze 1", "Aze 30"}
    text = "Aze 1, art. 12 and Aze 12; (Aze 30, p. 31); Baku 2016; Aze 1."
    assert A.sources_named(text, codes) == ("Aze 1", "Aze 12", "Aze 30")


def test_narrative_evidence_is_checked_like_status_evidence() -> None:
    bad = {"category": "2", "text": "x", "evidence": [{"source": "Aze 99"}]}
    found = problems_of(mapping(findings=[bad]))
    assert found == [
        "findings[0].evidence[0].source: cites source 'Aze 99', which is not in the bibliography"
    ]
    lim = {"title": "t", "text": "x", "affects": ["survey"], "evidence": [{"source": "Nope"}]}
    assert problems_of(mapping(limitations=[lim])) == [
        "limitations[0].evidence[0].source: cites source 'Nope', which is not in the bibliography"
    ]


def test_limitation_says_what_it_affects() -> None:
    with pytest.raises(ValueError, match="affects"):
        A.Limitation(title="Few surveys", text="Only 19 came back.", affects=())


def test_recommendation_links_must_exist_in_the_set() -> None:
    rec = {
        "id": "R1",
        "category": "1",
        "heading": "h",
        "actions": ["a"],
        "criteria": ["1.6"],
        "indicators": ["1.1.F3"],
        "priorities": ["Z"],  # a letter of the form A-Z, not checked against the table
    }
    assert sorted(problems_of(mapping(recommendations=[rec]))) == [
        "recommendations[0].criteria: names criterion 1.6, which set ct-nat-2016 2016 does not have",
        "recommendations[0].indicators: names indicator 1.1.F3, which set ct-nat-2016 2016 does not have",
    ]
    with pytest.raises(ValueError, match="priorities"):
        A.Recommendation(category="1", heading="h", actions=(), priorities=("AB",))


def test_recommendation_ids_unique() -> None:
    rec = {"id": "R1", "category": "1", "heading": "h", "actions": []}
    assert problems_of(mapping(recommendations=[rec, rec | {"heading": "other"}])) == [
        "recommendations: recommendation id 'R1' is used twice"
    ]


def test_a_heading_is_listed_once_per_category() -> None:
    # found by hypothesis: two recommendations '1: h' became one row group on the
    # worksheet, and the second one's details were reported as not read
    one = {"category": "1", "heading": "h", "actions": ["a"]}
    assert problems_of(mapping(recommendations=[one, one | {"actions": ["b"]}])) == [
        "recommendations: recommendation 'h' is listed twice in category 1"
    ]
    a = A.from_mapping(mapping(recommendations=[one, one | {"category": "2"}]))
    assert [r.category for r in a.recommendations] == ["1", "2"]


def test_recommendation_without_the_new_fields_still_loads() -> None:
    a = A.from_mapping(
        mapping(recommendations=[{"category": "Prevention", "heading": "h", "actions": ["a"]}])
    )
    (rec,) = a.recommendations
    assert (rec.actors, rec.timeframe, rec.criteria, rec.id) == ((), None, (), None)


def test_workshop_outcomes_name_known_findings_and_recommendations() -> None:
    workshop = {
        "date": "2016-04-25",
        "outcomes": [
            {"finding": "3.2", "outcome": "disputed", "comment": "The ministry disagreed."},
            {"recommendation": "R9", "outcome": "agreed"},
        ],
    }
    found = problems_of(mapping(workshop=workshop, findings=[{"category": "3", "text": "x"}]))
    assert found == [
        "workshop.outcomes[0].finding: outcome for finding '3.2', which has no entry under 'findings'",
        "workshop.outcomes[1].recommendation: outcome for recommendation 'R9', which no recommendation has as its id",
    ]


def test_outcome_targets_one_thing_and_explains_disputes() -> None:
    with pytest.raises(ValueError, match="either one finding or one recommendation"):
        A.WorkshopOutcome(finding="1", recommendation="R1", outcome=A.Outcome.AGREED)
    with pytest.raises(ValueError, match="a disputed outcome needs a comment"):
        A.WorkshopOutcome(finding="1", outcome=A.Outcome.DISPUTED)
    with pytest.raises(ValueError, match="an amended|a amended|amended outcome needs a comment"):
        A.WorkshopOutcome(recommendation="R1", outcome=A.Outcome.AMENDED)


def test_workshop_outcomes_for_one_target() -> None:
    w = A.ValidationWorkshop(
        date=dt.date(2016, 4, 25),
        outcomes=(
            A.WorkshopOutcome(finding="2.2", outcome=A.Outcome.DISPUTED, comment="c"),
            A.WorkshopOutcome(recommendation="R1", outcome=A.Outcome.AGREED),
        ),
    )
    assert [o.outcome for o in w.for_finding("2.2")] == [A.Outcome.DISPUTED]
    assert [o.outcome for o in w.for_recommendation("R1")] == [A.Outcome.AGREED]
    assert w.for_finding("1") == ()


def test_situation_form_described_once() -> None:
    form = {"form": "labour", "text": "x"}
    with pytest.raises(ValueError, match="'labour' is described twice"):
        A.CountrySituation.model_validate({"forms": [form, form]})


def test_period_order_and_year() -> None:
    with pytest.raises(ValueError, match="ends"):
        A.Period(start=dt.date(2014, 2, 1), end=dt.date(2014, 1, 1))
    assert A.Period.of_year(2014).calendar_year == 2014
    half = A.Period(start=dt.date(2013, 1, 1), end=dt.date(2013, 6, 30), label="first half of 2013")
    assert half.calendar_year is None
    assert str(half) == "first half of 2013"
    assert A.Period.of_year(2013).contains(half)
    assert not half.contains(A.Period.of_year(2013))


STATUSES = st.sampled_from(list(A.Status))


@given(STATUSES, st.none() | st.booleans())
def test_improvement_mark_set_or_defaulted(status: A.Status, improvement: bool | None) -> None:
    st_ = A.IndicatorStatus(indicator="1.1.F1", status=status, improvement=improvement)
    mark = st_.improvement_mark
    if improvement is None:
        assert mark.basis is A.ImprovementBasis.DEFAULTED
        assert mark.marked is (status in (A.Status.PARTLY_MET, A.Status.NOT_MET))
    else:
        assert mark.basis is A.ImprovementBasis.SET
        assert mark.marked is improvement


def test_improvement_mark_independent_of_status_round_trips(tmp_path: Path) -> None:
    statuses = [
        {"indicator": "1.1.F1", "status": "met", "improvement": True},
        {"indicator": "1.1.F2", "status": "not_met", "improvement": False},
        {"indicator": "1.1.O1", "status": "not_met"},
    ]
    a = A.from_mapping(mapping(statuses=statuses))
    marks = {s.indicator: s.improvement_mark for s in a.statuses[:3]}
    assert marks["1.1.F1"] == A.ImprovementMark(marked=True, basis=A.ImprovementBasis.SET)
    assert marks["1.1.F2"] == A.ImprovementMark(marked=False, basis=A.ImprovementBasis.SET)
    assert marks["1.1.O1"] == A.ImprovementMark(marked=True, basis=A.ImprovementBasis.DEFAULTED)
    A.dump(a, tmp_path / "a.yaml")
    assert A.load(tmp_path / "a.yaml") == a
    # unset stays unset in the file: the default is not frozen into the data
    assert "improvement" not in A.to_mapping(a)["statuses"][2]
