"""The country report of the bundled Azerbaijan example: summary, sections, honest method text."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat import examples, score
from ctnat.aggregate.intervals import newcombe_interval
from ctnat.report import (
    BulletList,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    assessment_document,
)
from ctnat.report.statements import (
    GEOMETRIC_ZERO,
    SAMPLING_ERROR_ONLY,
    claimable_difference,
    clear_gaps,
)
from ctnat.scoring import Aggregator, Rule, UnknownPolicy


@pytest.fixture(scope="module")
def aze() -> Any:
    return examples.azerbaijan()


@pytest.fixture(scope="module")
def doc(aze: Any) -> Document:
    return assessment_document(aze, charts=False)


def _after(doc: Document, heading: str) -> list[Any]:
    start = next(
        i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text == heading
    )
    out = []
    for block in doc.blocks[start + 1 :]:
        if isinstance(block, Heading) and block.level == 1:
            break
        out.append(block)
    return out


def test_summary_opens_the_report_with_scores_ranges_and_coverage(aze: Any, doc: Document) -> None:
    first_heading = next(b for b in doc.blocks if isinstance(b, Heading))
    assert first_heading.text == "Summary"
    blocks = _after(doc, "Summary")
    assert isinstance(blocks[0], BulletList)  # the words first, then the numbers
    table = next(b for b in blocks if isinstance(b, Table))
    card = score(aze, unknown=UnknownPolicy.EXCLUDE)
    bounds = score(aze, unknown=UnknownPolicy.PROPAGATE)
    overall = table.rows[0]
    assert overall[0].text == "Overall"
    assert overall[1].text == f"{card.overall.score.value:.2f}"
    assert overall[2].text == (
        f"{bounds.overall.score.low:.2f}\u2013{bounds.overall.score.high:.2f}"
    )
    cov = card.overall.coverage
    assert overall[3].text == f"{cov.judged} of {cov.applicable}"
    for row, cat in zip(table.rows[1:], card.categories, strict=True):
        assert row[0].text.startswith(cat.category + " ")
        assert row[1].text == f"{cat.score.value:.2f}"
        assert row[6].text == f"{cat.gap:+.2f}"
    bullets = next(b for b in blocks if isinstance(b, BulletList)).items
    weakest = min(card.criteria, key=lambda c: (c.score.value, c.criterion))
    strongest = max(card.criteria, key=lambda c: (c.score.value, [-ord(x) for x in c.criterion]))
    assert bullets[0].startswith("Strengths: " + strongest.criterion)
    assert bullets[1].startswith("Areas for improvement: " + weakest.criterion)
    widest = max(card.criteria, key=lambda c: (c.gap or 0.0, [-ord(x) for x in c.criterion]))
    assert bullets[2].startswith("Widest gaps between framework and practice: " + widest.criterion)
    chart = next(b for b in blocks if isinstance(b, Figure))
    assert len(chart.table.rows) == 5


def test_method_section_says_intervals_cover_sampling_error_only(doc: Document) -> None:
    """Old code said nothing about purposive samples."""
    method = _after(doc, "1. Introduction")
    texts = [b.text for b in method if isinstance(b, Paragraph)]
    covers = [t for t in texts if t.startswith("Intervals on survey shares")]
    assert len(covers) == 1
    assert "sampling error only" in covers[0]
    assert "AAPOR Task Force on Non-Probability Sampling, 2013" in covers[0]
    # the example records its survey sample as convenience and snowball sampling
    assert "found by convenience and snowball sampling" in covers[0]
    assert "AAPOR" in SAMPLING_ERROR_ONLY  # the wording without a recorded sampling


def test_limitations_compute_the_claimable_difference(aze: Any, doc: Document) -> None:
    """Old code said "no difference between items of this size can be claimed": false
    (6 of 6 vs 0 of 6 is a clear difference)."""
    md = doc.to_markdown()
    assert "no difference between items of this size can be claimed" not in md
    limitations = [
        item
        for b in _after(doc, "1. Introduction")
        if isinstance(b, BulletList)
        for item in b.items
    ]
    smallest = min(i.item_respondents for i in aze.survey.items if i.item_respondents)
    assert any(claimable_difference(smallest) in item for item in limitations)
    assert not newcombe_interval(6, 6, 0, 6).includes_zero
    best, pairs, always = clear_gaps(6, 6)
    assert best == 3
    assert (6, 3) in pairs
    assert always == 4


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=12))
def test_clear_gaps_agrees_with_newcombe(n1: int, n2: int) -> None:
    best, pairs, always = clear_gaps(n1, n2)
    diffs = {}
    for k1 in range(n1 + 1):
        for k2 in range(n2 + 1):
            if k1 - k2 >= 1:
                diffs.setdefault(k1 - k2, []).append(
                    not newcombe_interval(k1, n1, k2, n2).includes_zero
                )
    some = [d for d, clear in sorted(diffs.items()) if any(clear)]
    every = [d for d, clear in sorted(diffs.items()) if all(clear)]
    assert best == (some[0] if some else None)
    if best is not None:
        assert all(not newcombe_interval(a, n1, b, n2).includes_zero for a, b in pairs)
    assert always == (every[0] if every else None)


def test_geometric_aggregation_zero_is_in_the_method_when_used(aze: Any) -> None:
    geometric = score(aze, unknown=UnknownPolicy.EXCLUDE, aggregator=Aggregator.GEOMETRIC)
    md = assessment_document(aze, charts=False, scorecard=geometric).to_markdown()
    assert GEOMETRIC_ZERO in md.replace("\\", "")
    assert GEOMETRIC_ZERO not in assessment_document(aze, charts=False).to_markdown()


def test_annexes_hold_the_instruments_and_every_indicator(doc: Document) -> None:
    annexes = _after(doc, "Annexes")
    heads = [b.text for b in annexes if isinstance(b, Heading)]
    assert "Annex C. Interview guide" in heads
    assert "Annex D. Survey tool" in heads
    assert any(h.startswith("D.5. ") for h in heads)
    questions = [i for b in annexes if isinstance(b, BulletList) for i in b.items]
    assert any(q.startswith("5.1.4. ") and "Strongly agree" in q for q in questions)
    annex_e = next(b for b in annexes if isinstance(b, Table) and b.title.startswith("Annex E"))
    assert len(annex_e.rows) == 100


def test_country_report_reads_back_from_word(doc: Document) -> None:
    docx = pytest.importorskip("docx")
    out = docx.Document(io.BytesIO(doc.to_docx()))
    level1 = [p.text for p in out.paragraphs if p.style.name == "Heading 1"]
    assert level1 == ["Summary", "1. Introduction", "2. Findings", "3. Recommendations", "Annexes"]
    assert len(out.tables) == len([b for b in doc.blocks if isinstance(b, Table | Figure)])


def test_ladder_flags_of_the_scorecard_are_shown(aze: Any) -> None:
    card = score(aze, unknown=UnknownPolicy.EXCLUDE, rule=Rule.LADDER)
    assert card.flags  # the example has levels judged above the level below them
    doc = assessment_document(aze, charts=False, scorecard=card)
    table = next(
        b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Levels judged")
    )
    assert [r[0].text for r in table.rows] == [f.indicator for f in card.flags]
    assert [r[2].text for r in table.rows] == [f.below for f in card.flags]
    assert "rule ladder" in doc.to_markdown()


def test_the_examples_disagreeing_statistics_appear_together_with_both_sources(
    aze: Any, doc: Document
) -> None:
    from ctnat.assessment import group_statistics

    disagreeing = [g for g in group_statistics(aze.statistics) if not g.agree]
    assert disagreeing  # the TIP report's 56 against ICMPD's 54 for 2013, at least
    tables = [b for b in doc.blocks if isinstance(b, Table) and b.title.startswith("Statistics")]
    for group in disagreeing:
        # every figure of the group sits in one table, each with its own source
        holding = [
            t
            for t in tables
            if all(any(r[0].text == s.label for r in t.rows) for s in group.statistics)
        ]
        assert len(holding) == 1, group.disagreement
        table = holding[0]
        col = {name: j for j, name in enumerate(table.columns)}
        for s in group.statistics:
            row = next(r for r in table.rows if r[0].text == s.label)
            assert row[col["Value"]].text.split()[0] == str(s.value)
            assert row[col["Source"]].text.startswith(s.source_label)
            assert row[col["Value"]].mark is not None
        assert any(group.disagreement in n for n in table.notes)
