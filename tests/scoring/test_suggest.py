"""Survey-informed suggestions: the documented rule, caveats, and never overriding a status."""

from __future__ import annotations

from typing import Any

import pytest

from ctnat.assessment import Status, from_mapping
from ctnat.examples import azerbaijan
from ctnat.indicators import ItemLink, builtin
from ctnat.scoring import Outcome, suggest

SET = builtin("ct-nat-2016")


def with_item(
    counts: list[tuple[str, int | None]], n: int | None, *, problems: tuple[str, ...] = ()
) -> Any:
    item: dict[str, Any] = {
        "item": "3.1.5",
        "text": "Indicators, screening checklists, other identification tools",
        "scale": [
            "Completely adequate",
            "Adequate",
            "Neither",
            "Inadequate",
            "Completely inadequate",
        ],
        "positive": ["Completely adequate", "Adequate"],
        "counts": [{"option": o, "count": c} for o, c in counts],
        "survey_respondents": 12,
    }
    if n is not None:
        item["item_respondents"] = n
    if problems:
        item["problems"] = list(problems)
    return from_mapping(
        {
            "country": "AZE",
            "round": "2021-01-01",
            "indicator_set": {"id": "ct-nat-2016"},
            "provenance": {"kind": "synthetic"},
            "survey": {"respondents": 12, "items": [item]},
            "statuses": [{"indicator": "1.3.O1", "status": "partly_met"}],
        }
    )


LINK = (ItemLink(item="3.1.5", criterion="1.3"),)


def test_confident_majority_suggests_level_one_met() -> None:
    a = with_item([("Adequate", 11), ("Inadequate", 1)], 12)
    (s,) = suggest(a, links=LINK)
    assert s.outcome is Outcome.MET
    assert s.indicator == "1.3.O1"
    assert s.suggested is Status.MET
    assert s.recorded is Status.PARTLY_MET
    assert s.agrees is False
    assert s.kind == "suggestion"
    assert a.status("1.3.O1").status is Status.PARTLY_MET  # never overridden


def test_confident_minority_suggests_top_level_not_met() -> None:
    a = with_item([("Adequate", 1), ("Inadequate", 11)], 12)
    (s,) = suggest(a, links=LINK)
    assert s.outcome is Outcome.NOT_MET
    assert s.indicator == "1.3.O2"
    assert s.suggested is Status.NOT_MET
    assert s.recorded is Status.UNKNOWN
    assert s.agrees is None


def test_small_sample_is_inconclusive_with_a_caveat() -> None:
    a = with_item([("Adequate", 4), ("Inadequate", 2)], 6)
    (s,) = suggest(a, links=LINK)
    assert s.outcome is Outcome.INCONCLUSIVE
    assert s.suggested is None
    assert (s.positive, s.respondents) == (4, 6)
    assert any("small sample" in c for c in s.caveats)
    assert any("did not answer" in c for c in s.caveats)
    assert "4 of 6" in str(s)


@pytest.mark.parametrize(
    ("counts", "n", "problems"),
    [
        ([("Adequate", 4), ("Inadequate", 2)], None, ()),
        ([("Adequate", 4), ("Inadequate", None)], 7, ()),
        ([("Adequate", 4), ("Inadequate", 2)], 6, ("three in words, n=2",)),
    ],
)
def test_incomplete_or_contradictory_counts_suggest_nothing(
    counts: list[tuple[str, int | None]], n: int | None, problems: tuple[str, ...]
) -> None:
    (s,) = suggest(with_item(counts, n, problems=problems), links=LINK)
    assert s.outcome is Outcome.NOT_USABLE
    assert s.suggested is None
    assert s.caveats


def test_uses_the_set_links_by_default() -> None:
    a = with_item([("Adequate", 11), ("Inadequate", 1)], 12)
    assert suggest(a) == suggest(a, links=SET.links)


def test_azerbaijan_suggestions() -> None:
    a = azerbaijan()
    out = suggest(a)  # the canonical set's item -> criterion links
    by_item = {s.item: s for s in out}
    by_pair = {(s.item, s.indicator): s for s in out}
    assert by_item["3.1.5"].outcome is Outcome.NOT_USABLE  # "three ... (n=2)"
    assert by_item["7.3.2"].outcome is Outcome.NOT_USABLE  # "difficult" without a count
    assert by_item["3.1.4"].outcome is Outcome.INCONCLUSIVE  # 4 of 7
    assert by_pair["5.1.9", "3.4.O2"].outcome is Outcome.NOT_MET  # 0 of 6 agree
    assert all(s.kind == "suggestion" for s in out)
    assert a == azerbaijan()
