"""ctnat.score: hand-computed cases, weights, policies, flags and the recorded method."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

import ctnat
from ctnat.assessment import Assessment, Status, from_mapping
from ctnat.errors import ValidationError
from ctnat.examples import azerbaijan
from ctnat.indicators import builtin
from ctnat.scoring import Aggregator, Rule, UnknownPolicy, Weights, score
from ctnat.scoring._engine import score_arrays
from ctnat.scoring._layout import Layout

SET = builtin("ct-nat-2016")
IDS = [i.id for i in SET.indicators()]


def make(statuses: dict[str, str], default: str = "met") -> Assessment:
    data: dict[str, Any] = {
        "country": "GEO",
        "round": "2020-06-30",
        "indicator_set": {"id": "ct-nat-2016"},
        "provenance": {"kind": "synthetic"},
        "statuses": [{"indicator": i, "status": statuses.get(i, default)} for i in IDS],
    }
    return from_mapping(data)


def test_all_met_scores_one_all_not_met_zero() -> None:
    for agg in Aggregator:
        for rule in Rule:
            assert (
                score(
                    make({}), unknown=UnknownPolicy.EXCLUDE, rule=rule, aggregator=agg
                ).overall.score.value
                == 1.0
            )
            low = score(
                make({}, "not_met"), unknown=UnknownPolicy.EXCLUDE, rule=rule, aggregator=agg
            )
            assert low.overall.score.value == 0.0


def test_additive_criterion_by_hand() -> None:
    # criterion 1.3: F1 met, F2 not met -> framework 0.5; O1 partly, O2 met -> operational 0.75
    a = make({"1.3.F2": "not_met", "1.3.O1": "partly_met"})
    c = score(a, unknown=UnknownPolicy.EXCLUDE).criterion("1.3")
    assert c.framework.value == 0.5
    assert c.operational.value == 0.75
    assert c.score.value == 0.625
    assert c.gap == -0.25
    # category 1: four criteria at 1, one at 0.625 -> 4.625 / 5
    cat = score(a, unknown=UnknownPolicy.EXCLUDE).category("1")
    assert cat.score.value == pytest.approx(4.625 / 5)


def test_ladder_caps_level_two_and_flags_it() -> None:
    a = make({"2.1.F1": "not_met", "2.1.O1": "partly_met"})
    additive = score(a, unknown=UnknownPolicy.EXCLUDE).criterion("2.1")
    ladder_card = score(a, unknown=UnknownPolicy.EXCLUDE, rule=Rule.LADDER)
    ladder = ladder_card.criterion("2.1")
    assert additive.framework.value == 0.5  # (0 + 1) / 2
    assert ladder.framework.value == 0.0  # level 2 counts only on top of level 1
    assert additive.operational.value == 0.75
    assert ladder.operational.value == 0.5  # (0.5 + min(0.5, 1)) / 2
    flagged = {(f.indicator, f.below) for f in ladder_card.flags}
    assert flagged == {("2.1.F2", "2.1.F1"), ("2.1.O2", "2.1.O1")}


def test_geometric_is_not_compensatory() -> None:
    a = make({f"4.{k}.{d}{lvl}": "not_met" for k in (1,) for d in "FO" for lvl in (1, 2)})
    arith = score(a, unknown=UnknownPolicy.EXCLUDE).category("4").score.value
    geo = score(a, unknown=UnknownPolicy.EXCLUDE, aggregator=Aggregator.GEOMETRIC)
    assert arith == pytest.approx(0.8)
    assert geo.category("4").score.value == 0.0
    assert geo.overall.score.value == 0.0
    b = make({"4.1.F1": "partly_met"})
    geo_b = score(b, unknown=UnknownPolicy.EXCLUDE, aggregator=Aggregator.GEOMETRIC)
    # criterion 4.1 = (0.75 + 1) / 2 = 0.875; geometric mean with four 1s
    assert geo_b.category("4").score.value == pytest.approx(0.875 ** (1 / 5))


def test_unknown_policies_by_hand() -> None:
    a = make({"5.5.O1": "unknown", "5.5.O2": "unknown"})
    excl = score(a, unknown=UnknownPolicy.EXCLUDE)
    notm = score(a, unknown=UnknownPolicy.NOT_MET)
    prop = score(a, unknown=UnknownPolicy.PROPAGATE)
    assert excl.criterion("5.5").operational.value is None
    assert excl.criterion("5.5").score.value == 1.0  # renormalised onto the framework
    assert notm.criterion("5.5").score.value == 0.5
    p = prop.criterion("5.5").score
    assert (p.low, p.value, p.high) == (0.5, 0.75, 1.0)
    assert excl.overall.coverage.judged == 98
    assert excl.overall.coverage.share == pytest.approx(0.98)


def test_not_applicable_is_left_out() -> None:
    a = make({"3.5.F2": "not_applicable", "3.5.F1": "not_met"})
    card = score(a, unknown=UnknownPolicy.NOT_MET)
    assert card.criterion("3.5").framework.value == 0.0
    assert card.criterion("3.5").coverage.applicable == 3
    w = {x.indicator: x for x in card.weights}
    assert w["3.5.F2"].realised == 0.0
    assert w["3.5.F1"].realised == pytest.approx(1 / 5 * 1 / 5 * 1 / 2)


def test_unknown_policy_has_no_default() -> None:
    with pytest.raises(TypeError):
        score(make({}))  # type: ignore[call-arg]
    # a string value is accepted (issue 13); anything else lists the choices
    assert score(make({}), unknown="exclude") == score(make({}), unknown=UnknownPolicy.EXCLUDE)
    with pytest.raises(ValueError, match="'exclude', 'not_met', 'propagate'"):
        score(make({}), unknown="ignore")


def test_category_weights_and_effective_weights() -> None:
    w = Weights(categories={"1": 2, "2": 1, "3": 1, "4": 1, "5": 1})
    card = score(make({}), unknown=UnknownPolicy.EXCLUDE, weights=w)
    assert card.category("1").weight == pytest.approx(2 / 6)
    eff = {x.indicator: x.nominal for x in card.weights}
    assert sum(eff.values()) == pytest.approx(1.0)
    # 1.1.F1: category 2/6, criterion 1/5, dimension 1/2, level 1/2
    assert eff["1.1.F1"] == pytest.approx(2 / 6 / 5 / 2 / 2)
    assert eff["2.1.F1"] == pytest.approx(1 / 6 / 5 / 2 / 2)
    assert card.method.weights == w


def test_realised_weights_reproduce_the_additive_score() -> None:
    a = azerbaijan()
    card = score(a, unknown=UnknownPolicy.EXCLUDE)
    value = {Status.MET: 1.0, Status.PARTLY_MET: 0.5, Status.NOT_MET: 0.0}
    total = sum(x.realised * value.get(x.status, 0.0) for x in card.weights)
    assert total == pytest.approx(card.overall.score.value)
    assert sum(x.realised for x in card.weights) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "weights",
    [
        Weights(categories={"1": 1, "2": 1}),
        Weights(categories={"1": 1, "2": 1, "3": 1, "4": 1, "5": 1, "6": 1}),
    ],
)
def test_weights_must_name_every_category(weights: Weights) -> None:
    with pytest.raises(ValidationError) as info:
        score(make({}), unknown=UnknownPolicy.EXCLUDE, weights=weights)
    assert info.value.problems[0].location == "weights.categories"


def test_invalid_weights_rejected_by_the_model() -> None:
    with pytest.raises(Exception, match="greater than or equal"):
        Weights(framework=-1)
    with pytest.raises(Exception, match="both be zero"):
        Weights(framework=0, operational=0)


def test_method_is_recorded_and_serialisable() -> None:
    card = score(azerbaijan(), unknown=UnknownPolicy.PROPAGATE, rule=Rule.LADDER)
    m = card.method
    assert (m.rule, m.unknown, m.aggregator) == (
        Rule.LADDER,
        UnknownPolicy.PROPAGATE,
        Aggregator.ARITHMETIC,
    )
    assert m.indicator_set == "ct-nat-2016"
    data = card.model_dump(mode="json")
    assert data["method"]["rule"] == "ladder"
    again = type(card).model_validate(data)
    assert again == card
    # regenerate from the recorded method
    redo = score(
        azerbaijan(), unknown=m.unknown, rule=m.rule, weights=m.weights, aggregator=m.aggregator
    )
    assert redo == card


def test_azerbaijan_worked_example() -> None:
    card = ctnat.score(azerbaijan(), unknown=UnknownPolicy.EXCLUDE)
    statuses = {s.indicator: s.status for s in azerbaijan().statuses}
    value = {Status.MET: 1.0, Status.PARTLY_MET: 0.5, Status.NOT_MET: 0.0}
    # an independent recomputation with plain Python loops
    cats = []
    for cat in SET.categories:
        crit_scores = []
        for crit in cat.criteria:
            dims = []
            for d in "FO":
                vals = [
                    value[statuses[i.id]]
                    for i in crit.indicators
                    if i.id[-2] == d and statuses[i.id] in value
                ]
                if vals:
                    dims.append(sum(vals) / len(vals))
            crit_scores.append(sum(dims) / len(dims))
        cats.append(sum(crit_scores) / len(crit_scores))
    assert [c.score.value for c in card.categories] == pytest.approx(cats)
    assert card.overall.score.value == pytest.approx(sum(cats) / 5)
    assert card.overall.coverage.judged == 96  # 4.2.O2 judged from Aze 17 (seed 001, 6.9)
    assert [(f.indicator, f.below) for f in card.flags] == [("4.5.O2", "4.5.O1")]


def test_engine_all_unknown_is_nan_without_warnings() -> None:
    layout = Layout.from_ids(IDS)
    s = score_arrays(
        np.full((1, 100), np.nan),
        layout,
        ladder=True,
        criterion_weights=np.ones(25),
        dimension_weights=np.ones(2),
        category_weights=np.ones(5),
        geometric=True,
    )
    assert math.isnan(s.overall[0])


def test_scorecard_json_schema() -> None:
    from ctnat.scoring import Scorecard

    schema = Scorecard.model_json_schema()
    assert {"method", "criteria", "categories", "overall", "weights", "flags"} <= set(
        schema["properties"]
    )
