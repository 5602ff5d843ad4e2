"""What the ladder rule and the geometric mean do at their edges (issue 12, item 8)."""

from __future__ import annotations

from ctnat.assessment import IndicatorStatus, Status
from ctnat.examples import synthetic
from ctnat.scoring import Aggregator, Rule, UnknownPolicy, score


def _with(**statuses: Status):
    a = synthetic("ARM", unknown_share=0.0)
    given = {k.replace("_", "."): v for k, v in statuses.items()}
    return a.model_copy(
        update={
            "statuses": tuple(
                IndicatorStatus(indicator=s.indicator, status=given.get(s.indicator, s.status))
                for s in a.statuses
            )
        }
    )


def test_level_two_over_an_unknown_level_one_is_flagged_under_the_ladder() -> None:
    a = _with(**{"1_1_F1": Status.UNKNOWN, "1_1_F2": Status.MET})
    card = score(a, unknown=UnknownPolicy.EXCLUDE, rule=Rule.LADDER)
    assert card.criterion("1.1").framework.value == 1.0  # the higher level counts alone
    flags = [f for f in card.flags if f.below_unknown]
    assert [(f.indicator, f.below, f.below_status) for f in flags] == [
        ("1.1.F2", "1.1.F1", Status.UNKNOWN)
    ]
    assert "1.1.F2 met over 1.1.F1 unknown" in card.summary()


def test_no_unknown_flag_where_the_unknown_caps_or_does_not_matter() -> None:
    a = _with(**{"1_1_F1": Status.UNKNOWN, "1_1_F2": Status.MET})
    for rule, policy in (
        (Rule.LADDER, UnknownPolicy.NOT_MET),  # counts as not met: caps level 2 at 0
        (Rule.LADDER, UnknownPolicy.PROPAGATE),  # bounds 0 to 1 say it
        (Rule.ADDITIVE, UnknownPolicy.EXCLUDE),  # levels are averaged, not stacked
    ):
        card = score(a, unknown=policy, rule=rule)
        assert not [f for f in card.flags if f.below_unknown], (rule, policy)
    capped = score(a, unknown=UnknownPolicy.NOT_MET, rule=Rule.LADDER)
    assert capped.criterion("1.1").framework.value == 0.0


def test_geometric_mean_one_criterion_at_zero_zeroes_its_category_and_the_overall() -> None:
    crit = {f"1_1_{d}{lvl}": Status.NOT_MET for d in "FO" for lvl in (1, 2)}
    others = {
        s.indicator.replace(".", "_"): Status.MET
        for s in synthetic("ARM").statuses
        if not s.indicator.startswith("1.1.")
    }
    a = _with(**crit, **others)
    geo = score(a, unknown=UnknownPolicy.EXCLUDE, aggregator=Aggregator.GEOMETRIC)
    arith = score(a, unknown=UnknownPolicy.EXCLUDE, aggregator=Aggregator.ARITHMETIC)
    assert geo.criterion("1.1").score.value == 0.0
    assert geo.category("1").score.value == 0.0
    assert geo.overall.score.value == 0.0
    assert arith.category("1").score.value == 0.8
    assert arith.overall.score.value == 0.96
