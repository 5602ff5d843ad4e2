"""The assessment report, rendered from a minimal object with the assessment's shape.

These tests use a stand-in built from SimpleNamespace (the renderer reads attributes
only, see ctnat.report._shapes), so they pin the report's behaviour independently of the
assessment model; tests/report/test_examples_report.py renders the library's own models.
"""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace as NS
from typing import Any

import pytest
from _htmlparse import external_urls, read_page

from ctnat.errors import ValidationError
from ctnat.indicators import builtin
from ctnat.report import (
    IMPROVEMENT,
    assessment_document,
    item_caveats,
    priorities_table,
    render_assessment,
)
from ctnat.report.table import Table

AGREE = ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")
EVIL = "<script>alert('x')</script>"
CANON = builtin("ct-nat-2016")


def _item(
    code: str,
    counts: dict[str, int | None],
    n: int | None,
    *,
    block: int | None = 6,
    section: str = "2.3",
    problems: tuple[str, ...] = (),
) -> NS:
    return NS(
        item=code,
        text=f"Statement {code}",
        scale=AGREE,
        counts=tuple(NS(option=o, count=c) for o, c in counts.items()),
        item_respondents=n,
        block_respondents=block,
        survey_respondents=7,
        section=section,
        problems=problems,
        note=None,
    )


def _assessment(**changes: Any) -> NS:
    # Survey counts: seed 003, section 2.3, questions on investigation (5.1.4, 5.1.6).
    base = {
        "country": "AZE",
        "round": dt.date(2016, 4, 25),
        "title": None,
        "indicator_set": NS(id="ct-nat-2016", version="2016"),
        "provenance": NS(kind="synthetic", source=None, note=None),
        "bibliography": (NS(code="Aze 30", title=f"GRETA report {EVIL}", author="GRETA, 2014"),),
        "interviews": NS(
            interviews=14,
            participants=36,
            men=28,
            women=8,
            days=3,
            location="Baku",
            period=None,
            note=None,
            entity_types=(NS(type="State actor", interviews=10),),
            entities=(NS(name="Jane Doe", type="State actor"), NS(name="Clean World", type="NGO")),
        ),
        "survey": NS(
            respondents=7,
            female=1,
            male=None,
            note=None,
            items=(
                _item("5.1.4", {"Agree": 2, "Neither agree nor disagree": 3, "Disagree": 1}, 6),
                _item("5.1.6", {"Agree": 1, "Neither agree nor disagree": 3, "Disagree": 2}, 6),
                _item(
                    "3.1.5",
                    {"Agree": 4, "Disagree": None},
                    None,
                    block=None,
                    section="2.1",
                    problems=("'Disagree' is given as three in words and n=2",),
                ),
            ),
        ),
        "priorities": NS(
            item="8.1",
            rows=(
                NS(option="A", text="Strengthening identification", survey=3, workshop=0),
                NS(option="J", text="Raising awareness", survey=3, workshop=3),
                NS(option="Q", text="Other", survey=0, workshop=None),
            ),
            survey_respondents=7,
            workshop_groups=None,
            note=None,
        ),
        "validation_comments": (
            NS(
                by="Mr Named Person",
                stage="workshop",
                kind="disputes",
                indicators=("3.2.O1",),
                section="2.3",
                text="The ministry disagreed.",
            ),
        ),
        "recommendations": (
            NS(
                category="3",
                heading="Stakeholders are invited to consider:",
                actions=(f"training {EVIL}", "second action"),
            ),
        ),
        "statuses": (
            NS(
                indicator="3.5.O2",
                status="not_met",
                note="No routine use",
                evidence=(
                    NS(
                        source="Aze 30",
                        pages="p. 31",
                        sections=("2.3",),
                        interviews=(),
                        survey_items=("5.1.6",),
                    ),
                ),
            ),
            NS(indicator="3.5.O1", status="unknown", note=None, evidence=()),
            NS(indicator="3.1.F1", status="met", note=None, evidence=()),
        ),
        "notices": (),
    }
    base.update(changes)
    return NS(**base)


@pytest.fixture(scope="module")
def html() -> str:
    return render_assessment(_assessment(), indicator_set=CANON)


@pytest.fixture(scope="module")
def markdown() -> str:
    return render_assessment(_assessment(), "markdown", indicator_set=CANON)


def test_sections_follow_the_seed(markdown: str) -> None:
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Summary",
        "## 1. Introduction",
        "## 2. Findings",
        "## 3. Recommendations",
        "## Annexes",
    ]
    subs = [line[4:] for line in markdown.splitlines() if line.startswith("### 2.")]
    assert subs == [f"2.{c.id}. {c.label()}" for c in CANON.categories]
    intro = [line[4:] for line in markdown.splitlines() if line.startswith("### 1.")]
    assert intro == ["1.1 Research context", "1.2 Methodology", "1.3 Limitations"]
    annexes = [line[4:] for line in markdown.splitlines() if line.startswith("### Annex")]
    assert [a[:7] for a in annexes] == [f"Annex {x}" for x in "ABCDE"]
    # a section without content says so in one line instead of disappearing
    assert "### 1.1 Research context\n\nNo research context was recorded." in markdown


def test_survey_table_has_seed_counts_and_notes() -> None:
    doc = assessment_document(_assessment(), indicator_set=CANON, charts=False)
    table = next(b for b in doc.blocks if isinstance(b, Table) and "investigation" in b.title)
    assert table.columns == ("Question", *AGREE, "n")
    assert [c.text for c in table.rows[0]] == [
        "5.1.4. Statement 5.1.4",
        "",
        "n=2",
        "n=3",
        "n=1",
        "",
        "6",
    ]
    assert table.notes[:2] == (
        "Total survey respondents: n=7.",
        "Total respondents to these questions: n=6.",
    )
    assert any(
        n.startswith("Small sample: 6 respondents answered each question") for n in table.notes
    )
    assert "Non-response: 1 of 7 survey respondents did not answer 5.1.4 and 5.1.6." in table.notes


def test_unstated_counts_are_marked_not_invented() -> None:
    doc = assessment_document(_assessment(), indicator_set=CANON, charts=False)
    table = next(
        b
        for b in doc.blocks
        if isinstance(b, Table) and "identification" in b.title and b.columns[0] == "Question"
    )
    row = table.rows[0]
    assert row[4].text == "not stated"
    assert row[4].mark == "count not stated in the source"
    assert row[-1].text == "not stated"
    assert any(
        n == "Respondents to 3.1.5 are not stated (the stated counts add to 4)."
        for n in table.notes
    )
    assert any("given as three in words" in n for n in table.notes)


def test_item_caveats_kinds() -> None:
    kinds = [c.kind for c in item_caveats(_assessment().survey.items[0], 7)]
    assert kinds == ["small_sample", "non_response"]
    big = _item("9.9", {"Agree": 40}, 40, block=40)
    assert [c.kind for c in item_caveats(big, 40)] == []


def test_indicator_cells_needing_improvement_are_marked() -> None:
    doc = assessment_document(_assessment(), indicator_set=CANON, charts=False)
    table = next(
        b
        for b in doc.blocks
        if isinstance(b, Table) and b.title == "Investigation and prosecution indicators"
    )
    row = next(r for r in table.rows if r[0].text == "3.5")
    assert row[5].mark == IMPROVEMENT  # 3.5.O2 not met
    assert row[4].mark is not None
    assert row[4].mark.startswith("unknown")
    assert row[2].mark is None  # 3.5.F1 has no status: not marked either way
    evidence = next(b for b in doc.blocks if isinstance(b, Table) and b.columns[0] == "Indicator")
    assert [c.text for c in evidence.rows[0]] == [
        "3.5.O2",
        "not met",
        "Aze 30, p. 31; section 2.3; survey 5.1.6",
        "No routine use",
    ]


def test_priorities_table_uses_the_seed_dots() -> None:
    table = priorities_table(_assessment())
    assert table is not None
    assert table.columns == ("Recommendation", "Survey", "Workshop")
    assert [[c.text for c in row] for row in table.rows] == [
        ["A. Strengthening identification", "• • •", ""],
        ["J. Raising awareness", "• • •", "• • •"],
        ["Q. Other", "", "not stated"],
    ]


def test_html_is_escaped_self_contained_and_names_no_one(html: str) -> None:
    page = read_page(html)
    assert "script" not in page.tags
    assert external_urls(html) == []
    text = "".join(page.text)
    assert EVIL in text  # shown as text
    assert "Jane Doe" not in html
    assert "Mr Named Person" not in html
    assert "SYNTHETIC EXAMPLE DATA" in text
    assert "The ministry disagreed." in text


def test_markdown_is_escaped_and_names_no_one(markdown: str) -> None:
    assert "<script>" not in markdown
    assert "\\<script\\>" in markdown
    assert "Jane Doe" not in markdown
    assert "Mr Named Person" not in markdown


def test_entity_types_annex_counts_without_names(markdown: str) -> None:
    annex = markdown[markdown.index("**Annex B") :]
    assert "| State actor | 10 | 1 |" in annex
    assert "| NGO | not stated | 1 |" in annex


def test_free_text_only_when_asked() -> None:
    answers = {"9.1": ["zeta answer", "alpha answer", "  "]}
    plain = render_assessment(_assessment(), "markdown", indicator_set=CANON, free_text=answers)
    assert "alpha answer" not in plain
    shown = render_assessment(
        _assessment(), "markdown", indicator_set=CANON, free_text=answers, include_free_text=True
    )
    assert re.search(r"- alpha answer\n- zeta answer", shown)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown report format 'pdf'"):
        render_assessment(_assessment(), "pdf", indicator_set=CANON)


def test_html_has_one_chart_per_scale_when_plotting(html: str) -> None:
    from ctnat.report import matplotlib_available

    page = read_page(html)
    # 5.1.4/5.1.6 are drawable; 3.1.5 has an unstated count and is not charted
    assert page.tags.count("svg") == (1 if matplotlib_available() else 0)


def test_free_text_answers_keep_text_only() -> None:
    from ctnat.report import free_text_answers

    responses = [
        NS(code="AZEsur1", answers={"2.6": "Beta", "3.1": "Agree"}, other={}),
        NS(code="AZEsur2", answers={"2.6": "  alpha "}, other={"2.6": "other text"}),
        NS(code="AZEsur3", answers={}, other={}),
    ]
    got = free_text_answers(responses, ["2.6", "9.9"])
    assert got == {"2.6": ("Beta", "alpha", "other text")}
    assert "AZEsur" not in repr(got)
