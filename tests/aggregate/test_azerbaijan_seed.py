"""The seed's Azerbaijan survey tables reproduced from the fixture's response records.

The expected counts are transcribed here directly from section 2 of
``seeds/003_111f599aa090a8ef.txt`` (IOM 2016), not from the fixture, with the seed's
own wording in the comments. Contradictions in the seed are kept as the set of
stated values; see tests/data/aze_survey_fixture.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctnat.aggregate import (
    CaveatKind,
    block_respondents,
    priorities,
    profile_crosstab,
    summarize,
    survey_table,
)
from ctnat.survey import ResponseSet, read_responses

FIXTURE = Path(__file__).parents[1] / "data" / "aze_survey_fixture.json"

# item -> {option: stated count}; options not named are 0. A set means the seed states
# two different numbers for the same cell.
SEED_COUNTS: dict[str, dict[str, int | set[int]]] = {
    # "capacity of competent authorities to identify victims ... 'adequate' (n=4),
    # 'neither adequate nor inadequate' (n=2) or 'inadequate' (n=1)"
    "3.1.4": {"adequate": 4, "neither": 2, "inadequate": 1},
    # "Four ... 'adequate' (n=4), with three considering them to be 'inadequate' (n=2)"
    "3.1.5": {"adequate": 4, "inadequate": {3, 2}},
    # "self-identification mechanisms to be either adequate (n=4) or inadequate (n=3)"
    "3.1.6": {"adequate": 4, "inadequate": 3},
    # "Two ... 'always' ..., two ... 'often', one ... 'sometimes' and two ... 'rarely'"
    "3.2.5": {"always": 2, "often": 2, "sometimes": 1, "rarely": 2},
    # "'often' identified (n=3), ... 'sometimes' (n=1) and two ... 'rarely' (n=3)"
    "3.2.6": {"often": 3, "sometimes": 1, "rarely": {2, 3}},
    # "'somewhat adequate' (n=4), 'adequate for some' (n=1) or 'inadequate' (n=2)"
    "4.1.9": {"somewhat_adequate": 4, "adequate_for_some": 1, "inadequate": 2},
    # Questions on investigation (table; columns SA, A, N, D, SD)
    "5.1.4": {"agree": 2, "neither": 3, "disagree": 1},
    "5.1.5": {"agree": 2, "neither": 3, "disagree": 1},
    "5.1.6": {"agree": 1, "neither": 3, "disagree": 2},
    "5.1.7": {"agree": 2, "neither": 2, "disagree": 2},
    # Question on addressing root causes and vulnerability (table)
    "6.1.1": {"agree": 2, "neither": 2, "disagree": 2},
    "6.1.2": {"agree": 1, "neither": 3, "disagree": 2},
    # Question on awareness-raising and media involvement (table)
    "6.1.3": {"agree": 1, "neither": 3, "disagree": 2},
    "6.1.4": {"neither": 4, "disagree": 1, "strongly_disagree": 1},
    # Research table: "State authorities ..." 1 3 1; "Non-governmental ..." 3 1 1
    "6.1.5": {"agree": 1, "neither": 3, "disagree": 1},
    "6.1.6": {"agree": 3, "neither": 1, "disagree": 1},
    # "Of the five ... three neither agreed nor disagreed ..., and two disagreed"
    "6.1.7": {"neither": 3, "disagree": 2},
    # Questions on national coordination (table)
    "7.1.1": {"agree": 4, "neither": 1},
    "7.1.2": {"agree": 1, "neither": 4, "disagree": 1},
    # "five respondents stated that they do 'sometimes' while one ... 'never'"
    "7.2.1": {"sometimes": 5, "never": 1},
    # "all six respondents stated that they do 'sometimes'"
    "7.2.2": {"sometimes": 6},
    # "'easy' (n=3), 'neither easy nor difficult' (n=2) or 'difficult'" (no count)
    "7.3.2": {"easy": 3, "neither": 2},
    # regional level: "'easy' (n=2) or 'neither easy nor difficult' (n=4)"
    "7.3.3": {"easy": 2, "neither": 4},
    # national State/non-State: "two ... 'easy', three ... 'neither ...' and one ... 'difficult'"
    "7.3.4": {"easy": 2, "neither": 3, "difficult": 1},
}
NOT_STATED = {"7.3.2": "difficult"}  # named in the seed without a count

# "Notes: Total respondents to these questions" under each table
SEED_BLOCKS = {
    ("5.1.4", "5.1.5", "5.1.6", "5.1.7"): 6,
    ("6.1.3", "6.1.4"): 6,
    ("6.1.1", "6.1.2"): 6,
    ("6.1.5", "6.1.6"): 5,
    ("7.1.1", "7.1.2"): 6,
}

# Section 3 priorities table, "Survey" column (dots per recommendation)
SEED_PRIORITY_SURVEY = {
    "A": 3,
    "B": 3,
    "D": 1,
    "G": 2,
    "H": 1,
    "J": 3,
    "L": 1,
    "M": 1,
    "N": 2,
    "P": 1,
}
# "Workshop" column
SEED_PRIORITY_WORKSHOP = {"E": 3, "H": 1, "J": 3, "L": 2, "M": 1}


@pytest.fixture(scope="module")
def responses() -> ResponseSet:
    rs = read_responses(FIXTURE, "ct-nat-2016-survey")
    assert rs.rejected == ()
    return rs


def test_seven_respondents_one_woman(responses: ResponseSet) -> None:
    # "7 from the Republic of Azerbaijan"; "only one of the seven respondents ... female"
    assert len(responses) == 7
    assert sum(r.profile["gender"] == "female" for r in responses.responses) == 1


@pytest.mark.parametrize("item", sorted(SEED_COUNTS))
def test_item_counts_equal_the_seed(responses: ResponseSet, item: str) -> None:
    summary = summarize(responses)[item]
    expected = SEED_COUNTS[item]
    assert summary.n_respondents == 7
    for option, count in summary.counts.items():
        stated = expected.get(option, 0)
        if option in NOT_STATED.get(item, ()):
            assert count >= 1, f"{item}: the seed names {option!r}"
        elif isinstance(stated, set):
            assert count in stated, f"{item} {option}: {count} not among stated {stated}"
        else:
            assert count == stated, f"{item} {option}"


def test_item_ns_match_the_seed_levels(responses: ResponseSet) -> None:
    s = summarize(responses)
    # three levels: a question n=5, its block n=6, the survey n=7
    assert s["7.1.1"].n_answered == 5
    assert s["7.1.2"].n_answered == 6
    assert s["3.1.4"].n_answered == 7
    assert s["6.1.7"].n_answered == 5


@pytest.mark.parametrize(("items", "n"), sorted(SEED_BLOCKS.items()))
def test_block_respondents_equal_the_seed_notes(
    responses: ResponseSet, items: tuple[str, ...], n: int
) -> None:
    assert block_respondents(responses, items) == n


def test_seed_table_layout(responses: ResponseSet) -> None:
    items = ["5.1.4", "5.1.5", "5.1.6", "5.1.7"]
    text = survey_table(summarize(responses), items, n_block=block_respondents(responses, items))
    lines = text.splitlines()
    assert (
        lines[0]
        == "\tStrongly agree\tAgree\tNeither agree nor disagree\tDisagree\tStrongly disagree"
    )
    # the seed's row: "5.1.4. Investigations ... effective\t\tn=2\tn=3\tn=1\t"
    assert lines[1].endswith("\t\tn=2\tn=3\tn=1\t")
    assert lines[1].startswith("5.1.4. Investigations of trafficking")
    assert "Notes: Total survey respondents: n=7." in lines
    assert "Total respondents to these questions: n=6." in lines
    assert "%" not in text
    assert any(
        line.startswith("Caveat (5.1.4, 5.1.5, 5.1.6, 5.1.7): small sample") for line in lines
    )


def test_caveats_attached(responses: ResponseSet) -> None:
    s = summarize(responses)
    assert s["5.1.4"].has_caveat(CaveatKind.SMALL_SAMPLE)
    assert s["5.1.4"].has_caveat(CaveatKind.NON_RESPONSE)  # 1 of 7 skipped
    assert s["5.1.4"].has_caveat(CaveatKind.DOMINANT_GROUP)  # 5 of 6 men
    assert not s["3.1.4"].has_caveat(CaveatKind.NON_RESPONSE)  # all 7 answered


def test_service_scale_middle_is_neither_positive_nor_negative(responses: ResponseSet) -> None:
    o = summarize(responses)["4.1.9"].ordinal
    assert o is not None
    assert (o.positive, o.neutral, o.negative) == (4, 1, 2)


def test_priorities_table_equals_the_seed(responses: ResponseSet) -> None:
    # the seed gives only the marks per recommendation, not which group chose what:
    # any grouping with these marks will do
    groups = [{"E", "J", "L"}, {"E", "J", "L"}, {"E", "J", "H"}, {"M"}]
    table = priorities(responses, groups)
    for row in table.rows:
        assert row.survey_selections == SEED_PRIORITY_SURVEY.get(row.code, 0), row.code
        assert row.workshop_groups == SEED_PRIORITY_WORKSHOP.get(row.code, 0), row.code
    text = table.to_text()
    j = next(line for line in text.splitlines() if line.startswith("J. "))
    assert j.endswith("\t• • •\t• • •")
    assert table.n_survey == 6


def test_crosstab_by_gender_hides_the_one_woman(responses: ResponseSet) -> None:
    tab = profile_crosstab(responses, "3.1.4", "gender")
    female = tab.rows.index("female")
    assert all(v is None or v >= 3 for line in tab.cells for v in line if v)
    assert [v for v in tab.cells[female] if v not in (None, 0)] == []
    assert tab.withheld is not None  # one woman: no pattern protects her (test_disclosure*)
