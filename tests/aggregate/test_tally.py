"""Tallies: construction, validation and the merge / permutation / one-more-respondent laws."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat.aggregate import Tally
from ctnat.errors import NotFoundError, ValidationError

OPTIONS = ("Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree")
answers = st.lists(st.one_of(st.none(), st.sampled_from(OPTIONS)), max_size=40)


def test_counts_and_missing_are_kept_apart() -> None:
    t = Tally.from_answers(OPTIONS, ["Agree", "Agree", None, "Neither"])
    assert t.count("Agree") == 2
    assert t.count("Neither") == 1
    assert t.n_answered == 3
    assert t.missing == 1
    assert t.n_respondents == 4


def test_from_counts_equals_from_answers() -> None:
    a = Tally.from_answers(OPTIONS, ["Agree", "Disagree", "Agree", None])
    b = Tally.from_counts(OPTIONS, {"Agree": 2, "Disagree": 1}, missing=1)
    assert a == b


def test_unknown_answer_is_rejected_with_its_place() -> None:
    with pytest.raises(ValidationError) as info:
        Tally.from_answers(OPTIONS, ["Agree", "Maybe"], item="5.1.4")
    assert "Maybe" in str(info.value)
    assert info.value.location == "5.1.4 / answer 2"


def test_unknown_option_in_counts_is_rejected() -> None:
    with pytest.raises(ValidationError, match="Sometimes"):
        Tally.from_counts(OPTIONS, {"Sometimes": 1})


def test_negative_counts_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Tally.from_counts(OPTIONS, {"Agree": -1})


def test_different_option_lists_do_not_add() -> None:
    with pytest.raises(ValidationError, match="different option lists"):
        _ = Tally.empty(OPTIONS) + Tally.empty(("Always", "Never"))


def test_unknown_option_lookup() -> None:
    with pytest.raises(NotFoundError):
        Tally.empty(OPTIONS).count("Often")


def test_tally_is_frozen_and_round_trips_json() -> None:
    t = Tally.from_counts(OPTIONS, {"Agree": 2}, missing=1)
    with pytest.raises(Exception, match="frozen"):
        t.missing = 3  # type: ignore[misc]
    assert Tally.model_validate_json(t.model_dump_json()) == t


@settings(max_examples=100)
@given(answers, answers)
def test_tallies_merge(a: list[str | None], b: list[str | None]) -> None:
    assert Tally.from_answers(OPTIONS, a + b) == Tally.from_answers(
        OPTIONS, a
    ) + Tally.from_answers(OPTIONS, b)


@settings(max_examples=50)
@given(st.lists(answers, max_size=5))
def test_sum_of_many_tallies(parts: list[list[str | None]]) -> None:
    whole = [x for p in parts for x in p]
    assert sum((Tally.from_answers(OPTIONS, p) for p in parts), Tally.empty(OPTIONS)) == (
        Tally.from_answers(OPTIONS, whole)
    )


@settings(max_examples=100)
@given(answers, st.randoms(use_true_random=False))
def test_permuting_respondents_changes_nothing(a: list[str | None], rnd: object) -> None:
    shuffled = list(a)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert Tally.from_answers(OPTIONS, shuffled) == Tally.from_answers(OPTIONS, a)


@settings(max_examples=100)
@given(answers, st.sampled_from(OPTIONS))
def test_one_more_respondent_changes_exactly_one_count(a: list[str | None], new: str) -> None:
    before = Tally.from_answers(OPTIONS, a)
    after = Tally.from_answers(OPTIONS, [*a, new])
    diffs = [y - x for x, y in zip(before.counts, after.counts, strict=True)]
    assert sorted(diffs) == [0, 0, 0, 0, 1]
    assert diffs[OPTIONS.index(new)] == 1
    assert after.missing == before.missing
