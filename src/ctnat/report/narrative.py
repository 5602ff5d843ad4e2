"""The narrative half of a country report: research context, limitations, the country
situation, findings texts, statistics, recommendations with who acts, the workshop.

Texts are Markdown in the assessment; a report shows them as paragraphs and bullet
lists (emphasis markers dropped, everything else as written, citations included:
``Aze 30, p. 31``, ``NAP ¶9.1``). Every function reads attributes only, so any
object of the right shape renders.

Statistics are grouped by measure and period; when sources disagree on the same
measure and period the report shows every figure with its source and says that
they disagree, never picking one. A measure with figures for several periods is
a time series: a small table and a chart.

```python
>>> [type(b).__name__ for b in markdown_blocks("One (Aze 30, p. 31).\\n\\n- a\\n- b")]
['Paragraph', 'BulletList']
>>> markdown_blocks("**Referral** is slow")[0].text
'Referral is slow'

```
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from .document import Block, BulletList, Heading, Paragraph
from .table import Cell, Table

__all__ = [
    "DISAGREE_MARK",
    "finding_blocks",
    "limitation_blocks",
    "markdown_blocks",
    "recommendation_blocks",
    "research_context_blocks",
    "situation_blocks",
    "statistics_blocks",
    "workshop_blocks",
]

#: The mark on statistics whose sources disagree for the same measure and period.
DISAGREE_MARK = "sources disagree for this measure and period: every figure is shown"

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def _plain(text: str) -> str:
    return _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)


def markdown_blocks(text: str | None) -> list[Block]:
    """A Markdown text as paragraphs and bullet lists (headings become paragraphs)."""
    if not text:
        return []
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if lines and all(_BULLET.match(line) for line in lines):
            blocks.append(
                BulletList(items=tuple(_plain(_BULLET.sub("", line).strip()) for line in lines))
            )
        else:
            joined = " ".join(line.strip().lstrip("#").strip() for line in lines)
            blocks.append(Paragraph(text=_plain(joined)))
    return blocks


def _word(value: Any) -> str:
    return str(getattr(value, "value", value)).replace("_", " ")


def _cite(evidence: Sequence[Any]) -> str:
    """Citations in the report's notation: ``Aze 30, p. 31; interviews AZEint3``, each once."""
    parts: list[str] = []
    for ev in evidence:
        bits = []
        source = getattr(ev, "source", None)
        if source:
            pages = getattr(ev, "pages", None)
            bits.append(source + (f", {pages}" if pages else ""))
        if getattr(ev, "sections", ()):
            bits.append("section " + ", ".join(ev.sections))
        if getattr(ev, "interviews", ()):
            bits.append("interviews " + ", ".join(ev.interviews))
        if getattr(ev, "survey_items", ()):
            bits.append("survey " + ", ".join(ev.survey_items))
        parts += bits
    return "; ".join(dict.fromkeys(parts))


def _sources_line(evidence: Sequence[Any]) -> list[Block]:
    cited = _cite(evidence)
    return [Paragraph(text=f"Sources: {cited}.", style="muted")] if cited else []


# -- section 1 ----------------------------------------------------------------------------
def research_context_blocks(context: Any) -> list[Block]:
    """Purpose, period, who commissioned and conducted it, focal points, steps, sampling."""
    blocks: list[Block] = []
    for purpose in getattr(context, "purpose", ()) or ():
        blocks += markdown_blocks(purpose)
    if getattr(context, "secondary_purpose", None):
        blocks += markdown_blocks(context.secondary_purpose)
    facts = []
    for label, attr in (
        ("Period", "period"),
        ("Commissioned by", "commissioned_by"),
        ("Funded by", "funded_by"),
        ("Conducted by", "conducted_by"),
    ):
        value = getattr(context, attr, None)
        if value is not None:
            facts.append(f"{label}: {value}")
    if facts:
        blocks.append(BulletList(items=tuple(facts)))
    focal = getattr(context, "focal_points", ()) or ()
    if focal:
        blocks.append(
            Table(
                title="Focal points by institution",
                columns=("Institution", "Type", "Role"),
                rows=tuple((f.institution, _word(f.type), f.role or "") for f in focal),
            )
        )
    steps = getattr(context, "steps", ()) or ()
    if steps:
        blocks.append(Paragraph(text="Steps of the methodology:"))
        blocks.append(BulletList(items=tuple(steps)))
    for sampling in getattr(context, "sampling", ()) or ():
        who = ", ".join(sampling.applies_to) or "the assessment"
        methods = ", ".join(_word(m) for m in sampling.methods)
        blocks.append(Paragraph(text=f"Sampling for {who} ({methods}):"))
        blocks += markdown_blocks(sampling.description)
        if sampling.targets:
            blocks.append(BulletList(items=tuple(f"Sought: {t}" for t in sampling.targets)))
    if getattr(context, "desk_review", None):
        blocks += markdown_blocks(context.desk_review)
    blocks += _sources_line(getattr(context, "evidence", ()) or ())
    return blocks


def limitation_blocks(limitations: Sequence[Any]) -> list[Block]:
    """Each recorded limitation with what it affects."""
    rows = []
    for lim in limitations:
        affects = ", ".join(_word(a) for a in getattr(lim, "affects", ()))
        cats = getattr(lim, "categories", ())
        if cats:
            affects += f" (categories {', '.join(cats)})"
        text = " ".join(b.text for b in markdown_blocks(lim.text) if isinstance(b, Paragraph))
        cited = _cite(getattr(lim, "evidence", ()) or ())
        rows.append((lim.title, text + (f" ({cited})" if cited else ""), affects))
    return [
        Table(
            title="Limitations of the study",
            columns=("Limitation", "What it means", "Affects"),
            rows=tuple(rows),
        )
    ]


# -- section 2 ----------------------------------------------------------------------------
def situation_blocks(situation: Any) -> list[Block]:
    """The country's trafficking situation: summary, trends, forms of exploitation."""
    blocks: list[Block] = []
    blocks += markdown_blocks(getattr(situation, "summary", None))
    for note in getattr(situation, "trends", ()) or ():
        role = getattr(note, "role", None)
        if role is not None:
            word = _word(role)
            label = "Internal trafficking" if word == "internal" else f"Country of {word}"
            blocks.append(Paragraph(text=f"{label}:"))
        blocks += markdown_blocks(note.text)
        blocks += _sources_line(getattr(note, "evidence", ()) or ())
    forms = getattr(situation, "forms", ()) or ()
    if forms:
        blocks.append(
            Table(
                title="Forms of exploitation reported",
                columns=("Form", "What is reported", "Sources"),
                rows=tuple(
                    (
                        _word(f.form).capitalize(),
                        " ".join(
                            b.text for b in markdown_blocks(f.text) if isinstance(b, Paragraph)
                        ),
                        _cite(getattr(f, "evidence", ()) or ()),
                    )
                    for f in forms
                ),
            )
        )
    return blocks


def finding_blocks(
    findings: Sequence[Any],
    category: str,
    workshop: Any | None,
    criterion_labels: dict[str, str] | None = None,
) -> list[Block]:
    """The findings texts of one category: the category's, then each criterion's under its
    criterion's label."""
    labels = criterion_labels or {}
    mine = [f for f in findings if str(f.category) == category]
    mine.sort(
        key=lambda f: (f.criterion is not None, [int(x) for x in (f.criterion or "0").split(".")])
    )
    blocks: list[Block] = []
    for f in mine:
        if f.criterion is not None:
            name = f.title or labels.get(f.criterion, "")
            blocks.append(Heading(text=f"{f.criterion} {name}".strip(), level=3))
        blocks += markdown_blocks(f.text)
        blocks += _sources_line(getattr(f, "evidence", ()) or ())
        if workshop is not None:
            key = f.criterion or f.category
            for o in workshop.for_finding(key):
                blocks.append(Paragraph(text=_outcome_text(o), style="muted"))
    return blocks


def _outcome_text(outcome: Any) -> str:
    text = f"Validation workshop: {_word(outcome.outcome)}"
    if getattr(outcome, "by", None):
        text += f" ({outcome.by})"
    if getattr(outcome, "comment", None):
        text += f": {_plain(' '.join(outcome.comment.split()))}"
    return text + ("" if text.endswith(".") else ".")


def _number(value: float) -> str:
    """A figure as the source would write it: whole numbers without a decimal point."""
    number = float(value)
    if not math.isnan(number) and number == int(number):
        return str(int(number))
    return f"{number:g}"


def _span(stat: Any) -> str:
    span = getattr(stat, "span", None)
    if span is not None:
        return str(span)
    year = getattr(stat, "year", None)
    return str(year) if year is not None else "period not stated"


def _source(stat: Any) -> str:
    label = getattr(stat, "source_label", None)
    if label:
        ev = stat.evidence
        pages = getattr(ev, "pages", None)
        return f"{label}, {pages}" if pages and getattr(ev, "source", None) else str(label)
    return _cite([stat.evidence]) or "source not stated"


def _breakdowns(stat: Any) -> str:
    parts = getattr(stat, "breakdowns", ()) or ()
    by: dict[str, list[str]] = defaultdict(list)
    for b in parts:
        by[_word(b.dimension)].append(f"{b.category} {_number(b.value)}")
    return "; ".join(f"{dim}: {', '.join(items)}" for dim, items in by.items())


def _measure(stat: Any) -> str:
    return str(getattr(stat, "measure", None) or stat.id)


def _groups(statistics: Sequence[Any]) -> list[tuple[str, str, list[Any], str | None]]:
    """(measure, period, figures, disagreement) per group: the assessment's own grouping
    (:func:`ctnat.assessment.group_statistics`) when available, else by measure and period."""
    try:
        from ..assessment import group_statistics

        grouped = group_statistics(statistics)
    except (ImportError, AttributeError, TypeError):  # figures of another shape
        grouped = None
    if grouped is not None:
        return [
            (
                g.measure or _measure(g.statistics[0]),
                str(g.period) if g.period is not None else "period not stated",
                list(g.statistics),
                g.disagreement,
            )
            for g in grouped
        ]
    by: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for stat in statistics:
        by[(_measure(stat), _span(stat))].append(stat)
    out = []
    for (measure, span), members in by.items():
        distinct = {(float(m.value), getattr(m, "unit", None)) for m in members}
        text = None
        if len(distinct) > 1:
            text = f"{span}: " + "; ".join(
                f"{_source(m)} gives {_number(m.value)}" for m in members
            )
        out.append((measure, span, members, text))
    return out


def statistics_blocks(
    statistics: Sequence[Any], *, title: str = "Statistics cited", charts: bool = True
) -> list[Block]:
    """The figures cited, grouped by measure and period, disagreements shown with every source;
    a measure with several periods also as a time series (table and chart)."""
    from .charts import series_chart

    if not statistics:
        return []
    groups = _groups(statistics)
    rows = []
    disagreements = []
    for measure, span, members, disagreement in groups:
        if disagreement:
            disagreements.append(f"{measure}, {disagreement}")
        for s in members:
            unit = getattr(s, "unit", None)
            basis = _word(s.basis)
            if getattr(s, "derivation", None):
                basis += f" ({s.derivation})"
            rows.append(
                (
                    s.label,
                    span,
                    Cell(
                        value=_number(s.value) + (f" {unit}" if unit else ""),
                        mark=DISAGREE_MARK if disagreement else None,
                    ),
                    _breakdowns(s),
                    _source(s),
                    basis,
                    s.note or "",
                )
            )
    notes = ["Stated: the figure as the source gives it; derived: computed from stated figures."]
    if disagreements:
        notes.append("Sources disagree (every figure is shown): " + " | ".join(disagreements) + ".")
    columns = ("Figure", "Period", "Value", "Breakdown", "Source", "Basis", "Note")
    # a column nobody filled (no breakdowns, no notes) is left out rather than shown empty
    keep = [j for j in range(len(columns)) if j in (0, 2, 4) or any(str(r[j]) for r in rows)]
    blocks: list[Block] = [
        Table(
            title=title,
            columns=tuple(columns[j] for j in keep),
            rows=tuple(tuple(r[j] for j in keep) for r in rows),
            notes=tuple(notes),
        )
    ]
    by_measure: dict[str, list[tuple[str, list[Any]]]] = defaultdict(list)
    for measure, span, members, _ in groups:
        if span != "period not stated" and getattr(members[0], "measure", None):
            by_measure[measure].append((span, members))
    for measure, points in by_measure.items():
        if len(points) < 2:
            continue
        periods = [p for p, _ in points]
        sources = list(dict.fromkeys(_source(s) for _, members in points for s in members))
        values = [
            [
                next((float(s.value) for s in members if _source(s) == src), math.nan)
                for _, members in points
            ]
            for src in sources
        ]
        blocks.append(
            series_chart(
                periods,
                values,
                series=sources,
                caption=f"{measure}: figures per period, one line per source",
                title=measure,
                svg=charts,
            )
        )
    return blocks


# -- section 3 ----------------------------------------------------------------------------
def recommendation_blocks(
    recommendations: Sequence[Any], titles: dict[str, str], workshop: Any | None
) -> list[Block]:
    """Recommendations per category with their actions, actors, timeframe, links and the
    workshop's outcome."""
    by_category: dict[str, list[Any]] = defaultdict(list)
    for rec in recommendations:
        by_category[str(rec.category)].append(rec)
    blocks: list[Block] = []
    for cid, recs in by_category.items():
        blocks.append(Heading(text=f"3.{cid}. {titles.get(cid, cid)}", level=2))
        for rec in recs:
            rid = getattr(rec, "id", None)
            blocks.append(Paragraph(text=(f"{rid}. " if rid else "") + rec.heading))
            blocks.append(BulletList(items=tuple(rec.actions)))
            facts = []
            actors = getattr(rec, "actors", ()) or ()
            if not actors:
                facts.append("Who acts: not recorded")
            if actors:
                facts.append(
                    "Who acts: "
                    + "; ".join(
                        f"{a.name} ({_word(a.type)}" + (f", {a.role})" if a.role else ")")
                        for a in actors
                    )
                )
            tf = getattr(rec, "timeframe", None)
            if tf is not None or getattr(rec, "timeframe_note", None):
                words = _word(tf) if tf is not None else ""
                note = getattr(rec, "timeframe_note", None)
                facts.append("When: " + ", ".join(x for x in (words, note) if x))
            links = [
                *(f"criterion {c}" for c in getattr(rec, "criteria", ()) or ()),
                *(f"indicator {i}" for i in getattr(rec, "indicators", ()) or ()),
                *(f"priority {p}" for p in getattr(rec, "priorities", ()) or ()),
            ]
            if links:
                facts.append("Addresses: " + ", ".join(links))
            if workshop is not None and rid:
                facts += [_outcome_text(o) for o in workshop.for_recommendation(rid)]
            if facts:
                blocks.append(Paragraph(text=" | ".join(facts), style="muted"))
    return blocks


def workshop_blocks(workshop: Any) -> list[Block]:
    """The validation workshop: when, where, the groups by entity type, the outcomes."""
    text = f"Validation workshop on {workshop.date.isoformat()}"
    if getattr(workshop, "place", None):
        text += f" in {workshop.place}"
    blocks: list[Block] = [Paragraph(text=text + ".")]
    groups = getattr(workshop, "groups", ()) or ()
    if groups:
        blocks.append(
            Table(
                title="Workshop groups by type of entity",
                columns=("Group", "Entity type", "Participants", "Categories considered"),
                rows=tuple(
                    (
                        g.name,
                        _word(g.entity_type),
                        "not stated" if g.participants is None else g.participants,
                        ", ".join(g.categories),
                    )
                    for g in groups
                ),
            )
        )
    outcomes = getattr(workshop, "outcomes", ()) or ()
    if outcomes:
        blocks.append(
            Table(
                title="Workshop outcomes",
                columns=("Finding or recommendation", "Outcome", "By", "Comment"),
                rows=tuple(
                    (
                        f"finding {o.finding}"
                        if o.finding
                        else f"recommendation {o.recommendation}",
                        _word(o.outcome),
                        o.by or "",
                        _plain(" ".join((o.comment or "").split())),
                    )
                    for o in outcomes
                ),
            )
        )
    if getattr(workshop, "note", None):
        blocks += markdown_blocks(workshop.note)
    return blocks
