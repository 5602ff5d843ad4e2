"""The narrative half of the country report, from the assessment model's own classes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from ctnat import examples
from ctnat.assessment import (
    Actor,
    ActorType,
    Affected,
    Basis,
    Evidence,
    Finding,
    FocalPoint,
    Limitation,
    Outcome,
    ResearchContext,
    Statistic,
    Timeframe,
    ValidationWorkshop,
    WorkshopGroup,
    WorkshopOutcome,
)
from ctnat.report import Document, Figure, Heading, Paragraph, Table, assessment_document
from ctnat.report.assessment_report import IMPROVEMENT, IMPROVEMENT_SET, UNKNOWN_MARK
from ctnat.report.narrative import DISAGREE_MARK, markdown_blocks


def _victims(source: str, year: int, value: int) -> Statistic:
    return Statistic(
        id=f"victims-{source.replace(' ', '').lower()}-{year}",
        label=f"Victims identified in {year} ({source})",
        value=value,
        year=year,
        basis=Basis.STATED,
        evidence=Evidence(source=source, sections=("2.1",)),
        measure="victims-identified",
        unit="persons",
    )


def _other(aze: Any) -> str:
    """A bibliography code other than Gen 1 (the TIP report)."""
    return next(s.code for s in aze.bibliography if s.code != "Gen 1")


@pytest.fixture(scope="module")
def enriched() -> Any:
    aze = examples.azerbaijan()
    changed = {
        "1.1.F1": {"improvement": True},  # met, but the assessor marks it for improvement
        "1.2.O1": {"improvement": False, "status": "not_met"},  # not met, and not marked
    }
    statuses = [
        st.model_copy(update=changed[st.indicator]) if st.indicator in changed else st
        for st in aze.statuses
    ]
    rec = aze.recommendations[0].model_copy(
        update={
            "id": "R1",
            "actors": (
                Actor(name="Ministry of Internal Affairs", type=ActorType.STATE, role="lead"),
                Actor(name="Clean World", type=ActorType.NON_GOVERNMENTAL),
            ),
            "timeframe": Timeframe.SHORT_TERM,
            "criteria": ("1.1",),
            "priorities": (aze.priorities.rows[0].option,),
        }
    )
    code = _other(aze)
    return aze.model_copy(
        update={
            "statuses": tuple(statuses),
            "statistics": (
                _victims("Gen 1", 2013, 56),
                _victims(code, 2013, 54),
                _victims("Gen 1", 2014, 54),
                _victims("Gen 1", 2015, 63),
            ),
            "research_context": ResearchContext(
                purpose=("To assess the counter-trafficking response **outside the capitals**.",),
                commissioned_by="IOM",
                focal_points=(
                    FocalPoint(institution="Ministry of Internal Affairs", type=ActorType.STATE),
                ),
            ),
            "limitations": (
                Limitation(
                    title="Few survey responses",
                    text="Seven people answered the survey.",
                    affects=(Affected.SURVEY,),
                ),
            ),
            "findings": (
                Finding(category="1", text=f"Referral is slow ({code}, p. 31).\n\n- one\n- two"),
                Finding(category="1", criterion="1.2", text="Formal processes exist (NAP ¶9.1)."),
            ),
            "recommendations": (rec, *aze.recommendations[1:]),
            "workshop": ValidationWorkshop(
                date=dt.date(2016, 4, 25),
                groups=(WorkshopGroup(name="State", entity_type=ActorType.STATE, participants=9),),
                outcomes=(
                    WorkshopOutcome(finding="1.2", outcome=Outcome.AMENDED, comment="Say NAP."),
                    WorkshopOutcome(recommendation="R1", outcome=Outcome.AGREED),
                ),
            ),
        }
    )


@pytest.fixture(scope="module")
def doc(enriched: Any) -> Document:
    return assessment_document(enriched, charts=False)


def _text(doc: Document) -> str:
    return doc.to_markdown().replace("\\", "")


def test_disagreeing_sources_appear_side_by_side_with_their_sources(
    enriched: Any, doc: Document
) -> None:
    code = _other(enriched)
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Statistics"))
    col = {name: j for j, name in enumerate(table.columns)}
    assert "Breakdown" not in col  # nobody gave a breakdown: no empty column
    rows = {(r[col["Period"]].text, r[col["Source"]].text): r[col["Value"]] for r in table.rows}
    assert rows[("2013", "Gen 1")].text == "56 persons"
    assert rows[("2013", code)].text == "54 persons"
    assert rows[("2013", "Gen 1")].mark == DISAGREE_MARK
    assert rows[("2013", code)].mark == DISAGREE_MARK
    assert rows[("2014", "Gen 1")].mark is None
    assert any("Gen 1 gives 56" in n and f"{code} gives 54" in n for n in table.notes)


def test_a_time_series_is_a_small_table_and_a_chart(enriched: Any, doc: Document) -> None:
    code = _other(enriched)
    fig = next(b for b in doc.blocks if isinstance(b, Figure) and b.caption.startswith("victims"))
    assert fig.table.columns == ("Period", "Gen 1", code)
    assert [[c.text for c in r] for r in fig.table.rows] == [
        ["2013", "56", "54"],
        ["2014", "54", "not given"],
        ["2015", "63", "not given"],
    ]
    charted = assessment_document(enriched, charts=True)
    series = next(
        b for b in charted.blocks if isinstance(b, Figure) and b.caption.startswith("vic")
    )
    assert series.chart is not None
    assert series.chart.kind == "series_chart"


def test_narrative_sections_are_rendered_with_citations(enriched: Any, doc: Document) -> None:
    text = _text(doc)
    code = _other(enriched)
    assert "To assess the counter-trafficking response outside the capitals." in text
    assert "No research context was recorded." not in text
    assert "| Ministry of Internal Affairs | state |" in text  # focal points by institution
    assert "| Few survey responses | Seven people answered the survey. | survey |" in text
    assert f"Referral is slow ({code}, p. 31)." in text
    assert "Formal processes exist (NAP ¶9.1)." in text
    heads = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert "1.2 Formal processes for identification" in heads or "Criterion 1.2" in heads
    assert "Validation workshop: amended: Say NAP." in text
    assert "No findings text was recorded for this category." in text  # categories 2 to 5


def test_recommendations_say_who_acts_when_and_link_the_priorities(
    enriched: Any, doc: Document
) -> None:
    text = _text(doc)
    assert (
        "Who acts: Ministry of Internal Affairs (state, lead); Clean World (non governmental)"
        in text
    )
    assert "When: short term" in text
    letter = enriched.priorities.rows[0].option
    assert "Addresses: criterion 1.1" in text
    assert f"priority {letter}" in text
    assert "Validation workshop: agreed." in text
    priorities = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Priorities")
    )
    assert priorities.columns[-1] == "Recommendations"
    assert "R1" in priorities.rows[0][-1].text.split(", ")
    workshop = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Workshop groups")
    )
    assert [c.text for c in workshop.rows[0]] == ["State", "state", "9", ""]


def test_improvement_marks_say_set_or_from_the_status(enriched: Any, doc: Document) -> None:
    annex = next(b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Annex E"))
    marks = {r[0].text: r[2].mark for r in annex.rows}
    assert marks["1.1.F1"] == IMPROVEMENT_SET  # met, marked by the assessor
    assert marks["1.2.O1"] is None  # not met, the assessor set no improvement mark
    status = {s.indicator: str(s.status) for s in enriched.statuses}
    for ind, mark in marks.items():
        if ind in {"1.1.F1", "1.2.O1"}:
            continue
        if status.get(ind) in {"not_met", "partly_met"}:
            assert mark == IMPROVEMENT, ind
        elif status.get(ind) == "unknown":
            assert mark == UNKNOWN_MARK, ind
    assert any("1 potential improvement marks were set by the assessor" in n for n in annex.notes)


def test_markdown_texts_become_paragraphs_and_lists() -> None:
    blocks = markdown_blocks("## Heading\nline one\nline two\n\n* a\n* *b*\n\n1. x\n2) y")
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "BulletList", "BulletList"]
    assert isinstance(blocks[0], Paragraph)
    assert blocks[0].text == "Heading line one line two"
    assert blocks[1].items == ("a", "b")  # type: ignore[union-attr]
    assert markdown_blocks("") == []


def test_narrative_reads_back_from_word(doc: Document) -> None:
    docx = pytest.importorskip("docx")
    out = docx.Document(io.BytesIO(doc.to_docx()))
    texts = [p.text for p in out.paragraphs]
    assert "To assess the counter-trafficking response outside the capitals." in texts
    assert any(t.startswith("Referral is slow (") for t in texts)
    cells = {c.text for t in out.tables for r in t.rows for c in r.cells}
    assert "56 persons *" in cells or any(c.startswith("56 persons ") for c in cells)


def test_what_survey_intervals_cover_follows_the_recorded_sampling(enriched: Any) -> None:
    from ctnat.assessment import Sampling, SamplingMethod
    from ctnat.report.statements import PROBABILITY_SAMPLE, SAMPLING_ERROR_ONLY

    purposive = _text(assessment_document(enriched, charts=False))
    assert SAMPLING_ERROR_ONLY in purposive
    context = enriched.research_context.model_copy(
        update={
            "sampling": (
                Sampling(
                    applies_to=("survey",),
                    methods=(SamplingMethod.PROBABILITY,),
                    description="A random sample of registered practitioners.",
                ),
            )
        }
    )
    random = _text(
        assessment_document(enriched.model_copy(update={"research_context": context}), charts=False)
    )
    assert PROBABILITY_SAMPLE in random
    assert SAMPLING_ERROR_ONLY not in random
    assert "Sampling for survey (probability):" in random


def test_a_recommendation_without_actors_says_so(enriched: Any) -> None:
    bare = enriched.recommendations[1].model_copy(update={"actors": ()})
    one = enriched.model_copy(update={"recommendations": (enriched.recommendations[0], bare)})
    text = _text(assessment_document(one, charts=False))
    assert text.count("Who acts: not recorded") == 1
