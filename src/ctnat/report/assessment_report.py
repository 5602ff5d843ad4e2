"""The report of one assessment, in the structure of the IOM (2016) needs assessment.

1. Methodology and limitations: where the statuses come from (provenance),
   interviews and survey with their sample sizes, and the caveats on every
   survey item (small sample, non-response, contradictions, unstated counts).
2. Findings per category: survey tables ("n=" per option, with the
   "Total survey respondents" notes) and a diverging bar chart, validation
   comments, the indicator table with the cells that need improvement marked,
   and the evidence behind each status.
3. Recommendations: the priorities table (survey • / workshop •) and the
   recommended actions per category.
Annexes: the bibliography and the types of entities interviewed.

No respondent or interviewee is named. Free-text answers appear only with
``include_free_text=True`` and are then listed sorted, without respondent codes.
"""

from __future__ import annotations

import contextlib
import importlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs

from ..errors import CtnatError, ValidationError
from .charts import likert_bars
from .document import Block, BulletList, Document, Heading, Paragraph
from .indicator_tables import indicator_table
from .instruments import instrument_blocks
from .narrative import (
    finding_blocks,
    limitation_blocks,
    recommendation_blocks,
    research_context_blocks,
    situation_blocks,
    statistics_blocks,
    workshop_blocks,
)
from .statements import GEOMETRIC_ZERO, claimable_difference, sampling_statement
from .summary import summary_blocks
from .table import Cell, Table

if TYPE_CHECKING:  # pragma: no cover
    from ..indicators import IndicatorSet
    from ._shapes import AssessmentLike, ItemResultLike, StatusLike, SurveyLike

__all__ = [
    "IMPROVEMENT",
    "IMPROVEMENT_SET",
    "UNKNOWN_MARK",
    "ItemCaveat",
    "assessment_document",
    "caveat_notes",
    "free_text_answers",
    "item_caveats",
    "priorities_table",
    "render_assessment",
    "survey_tables",
]

Format = Literal["html", "markdown"]

#: The mark on indicator cells marked from their status (not met or partly met), when the
#: assessor set no mark.
IMPROVEMENT = "potential improvement, from the status (not met or partly met; no mark set)"
#: The mark on indicator cells the assessor marked as a potential improvement.
IMPROVEMENT_SET = "potential improvement, marked by the assessor"
#: The mark on indicator cells with no judgement.
UNKNOWN_MARK = "unknown: no evidence recorded"
NOT_STATED = "count not stated in the source"
MARK_NOTE = (
    "Marked cells: areas for potential improvement (marked by the assessor, or, where the "
    "assessor set no mark, every indicator judged not met or partly met), and indicators "
    "with no evidence recorded."
)

_STATUS_WORDS = {
    "met": "met",
    "partly_met": "partly met",
    "not_met": "not met",
    "unknown": "unknown",
    "not_applicable": "not applicable",
}
_SMALL_SAMPLE_N = 30
_NON_RESPONSE_RATE = 0.10


def _words(status: str) -> str:
    return _STATUS_WORDS.get(str(status), str(status).replace("_", " "))


def _assessment_module() -> Any | None:
    """:mod:`ctnat.assessment` when it is installed (imported lazily, never at import time)."""
    try:
        return importlib.import_module("ctnat.assessment")
    except ImportError:  # pragma: no cover - without the assessment model
        return None


def _country_name(code: str) -> str:
    lookup = getattr(_assessment_module(), "country_name", None)
    if lookup is None:  # pragma: no cover
        return code
    try:
        name = lookup(code)
    except LookupError:
        return code
    return str(name) if name else code


def _indicator_set_of(assessment: AssessmentLike) -> IndicatorSet:
    resolve = getattr(_assessment_module(), "indicator_set_of", None)
    if resolve is None:  # pragma: no cover
        from ..indicators import builtin

        return builtin(assessment.indicator_set.id)
    result: IndicatorSet = resolve(assessment)
    return result


def _category_of_section(section: str | None) -> str | None:
    """Section 2.k of the report holds the findings of category k."""
    m = re.match(r"^2\.(\d+)", section or "")
    return m.group(1) if m else None


# -- survey ---------------------------------------------------------------------------------
@attrs.frozen
class ItemCaveat:
    """One caveat on one survey item: its kind (as in :mod:`ctnat.aggregate`) and a sentence."""

    kind: str
    item: str
    message: str
    answered: int | None = None
    respondents: int | None = None


def _sample_kinds(item: str, answered: int, respondents: int) -> list[str]:
    """The sample caveats aggregation attaches (its rules and thresholds when installed)."""
    module = None
    with contextlib.suppress(ImportError):  # without the aggregation package: same rules below
        module = importlib.import_module("ctnat.aggregate.caveats")
    rule = getattr(module, "sample_caveats", None)
    if rule is not None:
        return [str(c.kind) for c in rule(item, answered, respondents)]
    kinds = []  # the same rules with aggregation's default thresholds
    if answered < _SMALL_SAMPLE_N:
        kinds.append("small_sample")
    if respondents and (respondents - answered) / respondents >= _NON_RESPONSE_RATE:
        kinds.append("non_response")
    return kinds


def item_caveats(item: ItemResultLike, survey_respondents: int | None) -> tuple[ItemCaveat, ...]:
    """What a reader must know about one item's counts.

    Small sample and non-response (the rules of :mod:`ctnat.aggregate`), the
    respondents to the item not being stated, contradictions recorded from the
    source, and counts the source does not state.
    """
    out: list[ItemCaveat] = []
    answered = item.item_respondents
    total = survey_respondents if survey_respondents is not None else item.survey_respondents
    code = item.item
    if answered is None:
        stated = sum(c.count for c in item.counts if c.count is not None)
        out.append(
            ItemCaveat(
                "not_stated",
                code,
                f"respondents to {code} are not stated (the stated counts add to {stated})",
            )
        )
    else:
        for kind in _sample_kinds(code, answered, total or answered):
            if kind == "small_sample":
                message = (
                    f"small sample: {answered} answered {code}; one respondent is "
                    f"{100 / answered:.0f} points"
                    if answered
                    else f"nobody answered {code}"
                )
            elif kind == "non_response":
                message = (
                    f"{(total or 0) - answered} of {total} survey respondents did not answer {code}"
                )
            else:  # pragma: no cover - a rule added to aggregation later
                message = f"{code}: {kind.replace('_', ' ')}"
            out.append(ItemCaveat(kind, code, message, answered, total))
    out += [ItemCaveat("source_contradiction", code, f"{code}: {p}") for p in item.problems]
    missing = [c.option for c in item.counts if c.count is None]
    if missing:
        out.append(
            ItemCaveat(
                "not_stated",
                code,
                f"{code}: {NOT_STATED} for {', '.join(repr(m) for m in missing)}",
            )
        )
    return tuple(out)


def caveat_notes(caveats: Sequence[ItemCaveat]) -> tuple[str, ...]:
    """Caveats as notes under a table: sample caveats grouped, the others one by one."""
    notes: list[str] = []
    small = [c for c in caveats if c.kind == "small_sample" and c.answered]
    if small:
        ns = sorted({c.answered or 0 for c in small})
        who = f"{ns[0]}" if len(ns) == 1 else f"{ns[0]} to {ns[-1]}"
        points = (
            f"{100 / ns[-1]:.0f}" if len(ns) == 1 else f"{100 / ns[-1]:.0f} to {100 / ns[0]:.0f}"
        )
        notes.append(
            f"Small sample: {who} respondents answered each question; one respondent is "
            f"{points} points, so read the counts as 'k of n', not as percentages."
        )
    silent: dict[tuple[int, int], list[str]] = defaultdict(list)
    for c in caveats:
        if c.kind == "non_response" and c.answered is not None and c.respondents:
            silent[(c.respondents - c.answered, c.respondents)].append(c.item)
    for (k, n), items in silent.items():
        notes.append(f"Non-response: {k} of {n} survey respondents did not answer {_items(items)}.")
    notes += [
        c.message[0].upper() + c.message[1:] + ("" if c.message.endswith(".") else ".")
        for c in caveats
        if c.kind not in {"small_sample", "non_response"}
    ]
    return tuple(notes)


def _items(codes: Sequence[str]) -> str:
    return codes[0] if len(codes) == 1 else ", ".join(codes[:-1]) + f" and {codes[-1]}"


def _count_cell(item: ItemResultLike, option: str) -> Cell:
    for c in item.counts:
        if c.option == option:
            if c.count is None:
                return Cell(value="not stated", mark=NOT_STATED)
            return Cell(value=f"n={c.count}" if c.count else "")
    return Cell()


def _block_note(items: Sequence[ItemResultLike]) -> str | None:
    blocks = {i.block_respondents for i in items}
    answered = {i.item_respondents for i in items}
    if len(blocks) == 1 and None not in blocks:
        return f"Total respondents to these questions: n={blocks.pop()}."
    if len(answered) == 1 and None not in answered:
        return f"Total respondents to these questions: n={answered.pop()}."
    return None


def survey_tables(
    items: Sequence[ItemResultLike],
    survey: SurveyLike | None,
    *,
    title: str = "Survey questions",
    chart: bool = True,
) -> list[Block]:
    """Survey tables in the seed's layout, one per answer scale, each with its chart.

    Rows are items, columns the scale's options (most positive first), cells
    ``n=k``; an unstated count shows as "not stated" with a mark. Notes give the
    survey's respondents, the respondents to these questions (when stated) and
    each item's n where it differs, then the caveats.
    """
    groups: dict[tuple[str, ...], list[ItemResultLike]] = defaultdict(list)
    for item in items:
        groups[tuple(item.scale)].append(item)
    blocks: list[Block] = []
    n_survey = survey.respondents if survey is not None else None
    for scale, members in groups.items():
        notes: list[str] = []
        if n_survey is not None:
            notes.append(f"Total survey respondents: n={n_survey}.")
        block = _block_note(members)
        if block:
            notes.append(block)
        notes += caveat_notes([c for item in members for c in item_caveats(item, n_survey)])
        notes += [f"{item.item}: {item.note}" for item in members if item.note]
        rows = []
        for item in members:
            n = item.item_respondents
            rows.append(
                (
                    f"{item.item}. {item.text}",
                    *(_count_cell(item, option) for option in scale),
                    Cell(value="not stated") if n is None else Cell(value=n),
                )
            )
        table = Table(
            title=title if len(groups) == 1 else f"{title} ({scale[0]} … {scale[-1]})",
            columns=("Question", *scale, "n"),
            rows=tuple(rows),
            notes=tuple(notes),
        )
        blocks.append(table)
        drawable = [i for i in members if all(c.count is not None for c in i.counts) and i.counts]
        if chart and drawable:  # Markdown: the table above already holds the counts
            counts = [[_plain_count(i, o) for o in scale] for i in drawable]
            left_out = [i.item for i in members if i not in drawable]
            caption = "Answers per question, in respondents (neutral centred)"
            if left_out:
                caption += f"; left out for unstated counts: {', '.join(left_out)}"
            blocks.append(
                likert_bars(
                    [f"{i.item}. {i.text}" for i in drawable],
                    counts,
                    scale,
                    caption=caption,
                    svg=chart,
                )
            )
    return blocks


def _plain_count(item: ItemResultLike, option: str) -> int:
    for c in item.counts:
        if c.option == option:
            return c.count or 0
    return 0


# -- indicators -----------------------------------------------------------------------------
def _improvement_of(st: StatusLike) -> str | None:
    """The mark of one indicator cell: improvement (set or from the status), unknown, none."""
    value = str(st.status)
    mark = getattr(st, "improvement_mark", None)
    if mark is not None and str(getattr(mark.basis, "value", mark.basis)) == "set":
        if mark.marked:
            return IMPROVEMENT_SET
        return UNKNOWN_MARK if value == "unknown" else None
    if value in {"not_met", "partly_met"}:
        return IMPROVEMENT
    if value == "unknown":
        return UNKNOWN_MARK
    return None


def _mark_legend(statuses: Sequence[StatusLike], category: str | None) -> str:
    """Which improvement marks the assessor set and which follow from the status."""
    mine = [st for st in statuses if category is None or st.indicator.split(".", 1)[0] == category]
    marks = [_improvement_of(st) for st in mine]
    n_set, n_default = marks.count(IMPROVEMENT_SET), marks.count(IMPROVEMENT)
    if not n_set and not n_default:
        return "No indicator here is marked as a potential improvement."
    if not n_set:
        return (
            f"{n_default} potential improvement marks follow from the status (not met or "
            "partly met): the assessor set no marks."
        )
    return f"{n_set} potential improvement marks were set by the assessor" + (
        f"; {n_default} follow from the status (no mark set)." if n_default else "."
    )


def _marks(statuses: Sequence[StatusLike], category: str) -> dict[str, str]:
    marks: dict[str, str] = {}
    for st in statuses:
        if st.indicator.split(".", 1)[0] != category:
            continue
        mark = _improvement_of(st)
        if mark is not None:
            marks[st.indicator] = mark
    return marks


def _evidence_text(status: StatusLike) -> str:
    parts = []
    for ev in status.evidence:
        bits = []
        if ev.source:
            bits.append(ev.source + (f", {ev.pages}" if ev.pages else ""))
        if ev.sections:
            bits.append("section " + ", ".join(ev.sections))
        if ev.interviews:
            bits.append("interviews " + ", ".join(ev.interviews))
        if ev.survey_items:
            bits.append("survey " + ", ".join(ev.survey_items))
        parts.append("; ".join(bits))
    return " | ".join(p for p in parts if p)


def _status_table(statuses: Sequence[StatusLike], category: str, title: str) -> Table | None:
    rows = [
        (
            st.indicator,
            Cell(value=_words(st.status), mark=_improvement_of(st)),
            _evidence_text(st),
            st.note or "",
        )
        for st in statuses
        if st.indicator.split(".", 1)[0] == category
    ]
    if not rows:
        return None
    return Table(
        title=title,
        columns=("Indicator", "Status", "Evidence", "Note"),
        rows=tuple(rows),
    )


def _status_counts(assessment: AssessmentLike, indicator_set: IndicatorSet) -> Table:
    by_category: dict[str, Counter[str]] = {c.id: Counter() for c in indicator_set.categories}
    for st in assessment.statuses:
        by_category.setdefault(st.indicator.split(".", 1)[0], Counter())[str(st.status)] += 1
    keys = ("met", "partly_met", "not_met", "unknown", "not_applicable")
    rows = []
    for category in indicator_set.categories:
        counts = by_category[category.id]
        active = sum(len([i for i in c.indicators if i.active]) for c in category.criteria)
        missing = max(0, active - sum(counts.values()))
        rows.append((f"{category.id}. {category.label()}", *(counts[k] for k in keys), missing))
    return Table(
        title="Indicator statuses per category",
        columns=("Category", *(_words(k) for k in keys), "no status recorded"),
        rows=tuple(rows),
        notes=("Counts of indicators; each status is backed by the evidence in the findings.",),
    )


# -- priorities -----------------------------------------------------------------------------
def priorities_table(assessment: AssessmentLike) -> Table | None:
    """The seed's priorities table: one row per option A-Q, a • per survey respondent or
    workshop group that chose it among their top three."""
    p = assessment.priorities
    if p is None:
        return None
    notes = []
    if p.survey_respondents is not None:
        notes.append(f"Survey: {p.survey_respondents} respondents, up to three choices each.")
    if p.workshop_groups is not None:
        notes.append(f"Workshop: {p.workshop_groups} groups, three priorities each.")
    if p.note:
        notes.append(p.note)

    def dots(n: int | None) -> Cell:
        if n is None:
            return Cell(value="not stated")
        return Cell(value=" ".join("•" * n))

    linked: dict[str, list[str]] = defaultdict(list)
    for i, rec in enumerate(assessment.recommendations, start=1):
        for letter in getattr(rec, "priorities", ()) or ():
            linked[letter].append(getattr(rec, "id", None) or f"3.{rec.category} ({i})")
    if linked:
        notes.append("Recommendations: those of section 3 that address the priority.")
        return Table(
            title=f"Priorities for response (survey question {p.item} and validation workshop)",
            columns=("Priority", "Survey", "Workshop", "Recommendations"),
            rows=tuple(
                (
                    f"{r.option}. {r.text}",
                    dots(r.survey),
                    dots(r.workshop),
                    ", ".join(linked.get(r.option, ())) or "none",
                )
                for r in p.rows
            ),
            notes=tuple(notes),
        )
    return Table(
        title=f"Priorities for response (survey question {p.item} and validation workshop)",
        columns=("Recommendation", "Survey", "Workshop"),
        rows=tuple((f"{r.option}. {r.text}", dots(r.survey), dots(r.workshop)) for r in p.rows),
        notes=tuple(notes),
    )


# -- the document ---------------------------------------------------------------------------
def _provenance_blocks(assessment: AssessmentLike) -> list[Block]:
    prov = assessment.provenance
    kind = str(prov.kind)
    lead = {
        "synthetic": "SYNTHETIC EXAMPLE DATA: the indicator statuses were generated, not "
        "assessed. Do not read them as findings about the country.",
        "reading": "The indicator statuses are a reading of a published report by someone "
        "other than its authors, not the report's own judgements.",
    }.get(kind, "The indicator statuses were recorded by the assessors.")
    return [Paragraph(text=lead, style="caveat")]


def _provenance_details(assessment: AssessmentLike) -> list[Block]:
    """Where the statuses come from, in full (section 1.2; the summary keeps one line)."""
    prov = assessment.provenance
    blocks: list[Block] = []
    if prov.source:
        blocks.append(Paragraph(text=f"Source: {prov.source}", style="muted"))
    if prov.note:
        blocks.append(Paragraph(text=prov.note, style="muted"))
    return blocks


def _methodology(
    assessment: AssessmentLike, indicator_set: IndicatorSet, scorecard: Any | None
) -> tuple[list[Block], list[str]]:
    """Section 1.2 (the counts behind the report) and the limitations the data show."""
    blocks: list[Block] = [Heading(text="1.2 Methodology", level=2)]
    blocks += _provenance_details(assessment)
    blocks.append(
        Paragraph(
            text=f"Indicator set: {indicator_set.id} version {indicator_set.version} "
            f"({len(indicator_set)} indicators in {len(indicator_set.criteria())} criteria)."
        )
    )
    iv = assessment.interviews
    if iv is not None:
        text = f"In-depth interviews: {iv.interviews}"
        if iv.participants is not None:
            text += f" with {iv.participants} participants"
            if iv.men is not None and iv.women is not None:
                text += f" ({iv.men} men, {iv.women} women)"
        where = [
            x for x in (f"over {iv.days} days" if iv.days else None, iv.location, iv.period) if x
        ]
        if where:
            text += ", " + ", ".join(where)
        blocks.append(Paragraph(text=text + "."))
        if iv.note:
            blocks.append(Paragraph(text=iv.note, style="muted"))
    sv = assessment.survey
    limitations: list[str] = []
    if sv is not None:
        text = f"Online survey: {sv.respondents} respondents"
        if sv.female is not None:
            text += f" ({sv.female} female)"
        blocks.append(Paragraph(text=text + "."))
        if sv.note:
            blocks.append(Paragraph(text=sv.note, style="muted"))
        blocks.append(
            Paragraph(text=sampling_statement(getattr(assessment, "research_context", None)))
        )
        if sv.items:
            rows = []
            for item in sv.items:
                rows.append(
                    (
                        item.item,
                        _none(item.item_respondents),
                        _none(item.block_respondents),
                        _none(item.survey_respondents),
                        "; ".join(c.message for c in item_caveats(item, sv.respondents)),
                    )
                )
            blocks.append(
                Table(
                    title="Sample sizes and caveats per survey item",
                    columns=(
                        "Item",
                        "Answered the item",
                        "Answered the block",
                        "Survey respondents",
                        "Caveats",
                    ),
                    rows=tuple(rows),
                    notes=("Counts as stated by the source; 'not stated' where it gives none.",),
                )
            )
            answered = [i.item_respondents for i in sv.items if i.item_respondents]
            if answered:
                lo, hi = min(answered), max(answered)
                who = f"{lo}" if lo == hi else f"Between {lo} and {hi}"
                points = f"{100 / hi:.0f}" if lo == hi else f"{100 / hi:.0f} to {100 / lo:.0f}"
                limitations.append(
                    f"{who} respondents answered each survey item: one respondent moves a share "
                    f"by {points} points, so the report gives counts ('4 of 6'), not "
                    f"percentages. {claimable_difference(lo)}"
                )
    statuses = [str(s.status) for s in assessment.statuses]
    unknown = statuses.count("unknown")
    if unknown:
        limitations.append(
            f"{unknown} of {len(statuses)} indicators are unknown (no evidence recorded); "
            "they are marked in the indicator tables."
        )
    limitations += [
        (f"{n.indicator}: " if n.indicator else "") + n.message for n in assessment.notices
    ]
    blocks.append(_status_counts(assessment, indicator_set))
    if scorecard is not None:
        blocks += _scoring_method(scorecard.method)
        blocks += _ladder_flags(scorecard)
    return blocks, limitations


def _ladder_flags(scorecard: Any) -> list[Block]:
    """Higher levels judged above lower ones (and, under the ladder rule with unknowns left
    out, over an unknown lower level, which then scores alone), as the scorecard flags them."""
    flags = tuple(getattr(scorecard, "flags", ()) or ())
    if not flags:
        return []
    rule = str(getattr(scorecard.method, "rule", ""))
    rows = []
    for f in flags:
        unknown_below = bool(getattr(f, "below_unknown", False))
        if unknown_below:
            effect = (
                "the lower level is unknown, so it does not cap the higher one: the "
                "criterion-dimension scores on the higher level alone"
            )
        elif rule == "ladder":
            effect = "under the ladder rule the higher level counts only on top of the lower one"
        else:
            effect = "scored as judged (additive rule); check the reading of the evidence"
        rows.append(
            (f.indicator, _words(str(f.status)), f.below, _words(str(f.below_status)), effect)
        )
    return [
        Table(
            title="Levels judged above the level below them",
            columns=("Indicator", "Status", "Level below", "Its status", "Effect on the score"),
            rows=tuple(rows),
        )
    ]


def _scoring_method(method: Any) -> list[Block]:
    """How the summary's scores were computed, and geometric aggregation's zero when used."""
    rule = str(getattr(method, "rule", "additive"))
    aggregator = str(getattr(method, "aggregator", "arithmetic"))
    unknown = str(getattr(method, "unknown", "exclude"))
    blocks: list[Block] = [
        Paragraph(
            text=f"Scores: statuses on the fixed scale (not met 0, partly met 0.5, met 1), "
            f"rule {rule}, aggregator {aggregator}, unknown indicators: {_POLICY.get(unknown, unknown)}."
        )
    ]
    if aggregator == "geometric":
        blocks.append(Paragraph(text=GEOMETRIC_ZERO, style="caveat"))
    return blocks


_POLICY = {
    "exclude": "left out",
    "not_met": "counted as not met",
    "propagate": "carried as a range (every unknown not met to every unknown met)",
}


def _none(n: int | None) -> Cell:
    return Cell(value="not stated") if n is None else Cell(value=n)


def _findings(
    assessment: AssessmentLike,
    indicator_set: IndicatorSet,
    lang: str | None,
    charts: bool,
) -> list[Block]:
    blocks: list[Block] = [Heading(text="2. Findings")]
    items = list(assessment.survey.items) if assessment.survey is not None else []
    placed: set[str] = set()
    situation = getattr(assessment, "situation", None)
    blocks.append(Heading(text="Trafficking situation and trends", level=2))
    if situation is not None:
        blocks += situation_blocks(situation)
    else:
        blocks.append(_none_line("No country situation was recorded."))
    findings = tuple(getattr(assessment, "findings", ()) or ())
    workshop = getattr(assessment, "workshop", None)
    stats = tuple(getattr(assessment, "statistics", ()) or ())
    # a measure's figures stay together (disagreeing sources side by side), in the category
    # of the first figure that names a section of the report
    home: dict[str, str | None] = {}
    for stat in stats:
        sections = getattr(stat.evidence, "sections", ()) or ()
        key = getattr(stat, "measure", None) or stat.id
        found = next((c for c in map(_category_of_section, sections) if c), None)
        if home.get(key) is None:
            home[key] = found
    stats_of: dict[str | None, list[Any]] = defaultdict(list)
    for stat in stats:
        stats_of[home[getattr(stat, "measure", None) or stat.id]].append(stat)
    criterion_labels = {c.id: c.label(lang) for c in indicator_set.criteria()}
    cids = {c.id for c in indicator_set.categories}
    for category in indicator_set.categories:
        cid = category.id
        blocks.append(Heading(text=f"2.{cid}. {category.label(lang)}", level=2))
        text = finding_blocks(findings, cid, workshop, criterion_labels)
        blocks += text or [_none_line("No findings text was recorded for this category.")]
        if stats_of.get(cid):
            blocks += statistics_blocks(
                stats_of[cid],
                title=f"Statistics cited on {category.label(lang).lower()}",
                charts=charts,
            )
        mine = [i for i in items if _category_of_section(i.section) == cid]
        placed.update(i.item for i in mine)
        if not mine:
            blocks.append(_none_line("No survey question of this category was reported."))
        if mine:
            blocks += survey_tables(
                mine,
                assessment.survey,
                title=f"Survey questions on {category.label(lang).lower()}",
                chart=charts,
            )
        comments = [
            c
            for c in assessment.validation_comments
            if _category_of_section(c.section) == cid
            or any(i.split(".", 1)[0] == cid for i in c.indicators)
        ]
        if comments:
            blocks.append(Heading(text="Comments made at validation", level=3))
            blocks.append(
                BulletList(
                    items=tuple(
                        f"{c.text} ({_words(str(c.kind))} the finding"
                        + (f" on {', '.join(c.indicators)}" if c.indicators else "")
                        + f"; {c.stage})"
                        for c in comments
                    )
                )
            )
        marks = _marks(assessment.statuses, cid)
        blocks.append(
            indicator_table(
                indicator_set,
                cid,
                marks=marks,
                lang=lang,
                notes=(MARK_NOTE, _mark_legend(assessment.statuses, cid)) if marks else (),
                title=f"{category.label(lang)} indicators",
            )
        )
        evidence = _status_table(
            assessment.statuses, cid, f"Evidence for the {category.label(lang).lower()} statuses"
        )
        if evidence is not None:
            blocks.append(evidence)
    other_stats = [st for key, group in stats_of.items() if key not in cids for st in group]
    if other_stats:
        blocks.append(Heading(text="Statistics not tied to one category", level=2))
        blocks += statistics_blocks(other_stats, charts=charts)
    rest = [i for i in items if i.item not in placed]
    if rest:
        blocks.append(Heading(text="Other survey questions", level=2))
        blocks += survey_tables(rest, assessment.survey, chart=charts)
    return blocks


def _recommendations(
    assessment: AssessmentLike, indicator_set: IndicatorSet, lang: str | None
) -> list[Block]:
    blocks: list[Block] = [Heading(text="3. Recommendations")]
    table = priorities_table(assessment)
    if table is not None:
        blocks.append(table)
    else:
        blocks.append(_none_line("No priorities were recorded."))
    workshop = getattr(assessment, "workshop", None)
    if workshop is not None:
        blocks.append(Heading(text="Validation workshop", level=2))
        blocks += workshop_blocks(workshop)
    titles = {c.id: c.label(lang) for c in indicator_set.categories}
    if assessment.recommendations:
        blocks += recommendation_blocks(assessment.recommendations, titles, workshop)
    else:
        blocks.append(_none_line("No recommendations were recorded."))
    return blocks


def _none_line(what: str) -> Paragraph:
    """The one line a section with no content shows instead of disappearing."""
    return Paragraph(text=what, style="muted")


def _annexes(
    assessment: AssessmentLike,
    indicator_set: IndicatorSet,
    lang: str | None,
    instruments: Sequence[Any] | None,
) -> list[Block]:
    blocks: list[Block] = [Heading(text="Annexes")]
    blocks.append(Heading(text="Annex A. Bibliography", level=2))
    if assessment.bibliography:
        blocks.append(
            Table(
                title="Annex A. Bibliography",
                columns=("Code", "Title", "Author, date"),
                rows=tuple((s.code, s.title, s.author or "") for s in assessment.bibliography),
            )
        )
    else:
        blocks.append(_none_line("No bibliography was recorded."))
    blocks.append(Heading(text="Annex B. Interviews by type of entity", level=2))
    iv = assessment.interviews
    if iv is not None and (iv.entity_types or iv.entities):
        stated = {t.type: t.interviews for t in iv.entity_types}
        entities = Counter(e.type for e in iv.entities)
        types = list(dict.fromkeys([*stated, *entities]))
        blocks.append(
            Table(
                title="Annex B. Types of entities interviewed",
                columns=("Entity type", "Interviews", "Entities"),
                rows=tuple((t, _none(stated.get(t)), entities.get(t, 0) or "") for t in types),
                notes=("Entities are organisations; no interviewee is named.",),
            )
        )
    else:
        blocks.append(_none_line("No interviews by type of entity were recorded."))
    guide, tool = _instruments(instruments)
    lang_code = lang or "en"
    if guide is not None:
        blocks += instrument_blocks(
            guide, "Annex C. Interview guide", lang=lang_code, level=2, prefix="C."
        )
    else:
        blocks += [
            Heading(text="Annex C. Interview guide", level=2),
            _none_line("No interview guide was given."),
        ]
    if tool is not None:
        blocks += instrument_blocks(
            tool, "Annex D. Survey tool", lang=lang_code, level=2, prefix="D."
        )
    else:
        blocks += [
            Heading(text="Annex D. Survey tool", level=2),
            _none_line("No survey tool was given."),
        ]
    blocks.append(Heading(text="Annex E. Assessment indicators", level=2))
    blocks.append(_indicator_annex(assessment, indicator_set, lang))
    return blocks


def _instruments(given: Sequence[Any] | None) -> tuple[Any | None, Any | None]:
    """The interview guide and the survey tool: those given, else the built-in 2016 ones."""
    if given is None:
        try:
            from ..survey import builtin

            given = (builtin("ct-nat-2016-interview"), builtin("ct-nat-2016-survey"))
        except (ImportError, CtnatError):  # pragma: no cover - without the survey package
            given = ()
    guide = next((i for i in given if str(getattr(i, "kind", "")) == "interview"), None)
    tool = next((i for i in given if str(getattr(i, "kind", "")) != "interview"), None)
    return guide, tool


def _indicator_annex(
    assessment: AssessmentLike, indicator_set: IndicatorSet, lang: str | None
) -> Table:
    """Every indicator with its status and improvement mark (Annex E of the seed)."""
    status = {st.indicator: st for st in assessment.statuses}
    rows = []
    for criterion in indicator_set.criteria():
        for ind in criterion.indicators:
            if not ind.active:
                continue
            st = status.get(ind.id)
            word = _words(st.status) if st is not None else "no status recorded"
            mark = _improvement_of(st) if st is not None else None
            rows.append(
                (
                    ind.id,
                    ind.label(lang) if hasattr(ind, "label") else str(ind.id),
                    Cell(value=word, mark=mark),
                )
            )
    return Table(
        title="Annex E. Indicators with their statuses",
        columns=("Indicator", "Wording", "Status"),
        rows=tuple(rows),
        notes=(MARK_NOTE, _mark_legend(assessment.statuses, None)),
    )


class _ResponseLike(Protocol):
    @property
    def answers(self) -> Mapping[str, Any]: ...
    @property
    def other(self) -> Mapping[str, str]: ...


def free_text_answers(
    responses: Iterable[_ResponseLike], questions: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    """The open-text answers to ``questions`` (and any "other, please specify" text).

    Only the text is kept: no respondent code, no profile. Pass the result to
    :func:`render_assessment` with ``include_free_text=True`` to show it.
    """
    wanted = list(questions)
    out: dict[str, list[str]] = {q: [] for q in wanted}
    for response in responses:
        for q in wanted:
            value = response.answers.get(q)
            if isinstance(value, str) and value.strip():
                out[q].append(value.strip())
            other = response.other.get(q)
            if other and other.strip():
                out[q].append(other.strip())
    return {q: tuple(sorted(v)) for q, v in out.items() if v}


def _free_text(free_text: Mapping[str, Sequence[str]]) -> list[Block]:
    blocks: list[Block] = [
        Heading(text="Free-text answers", level=2),
        Paragraph(
            text="Shown because the caller asked for them. Answers are listed in alphabetical "
            "order, without respondent codes, so that none can be traced to its author.",
            style="caveat",
        ),
    ]
    for question, answers in free_text.items():
        kept = sorted(a.strip() for a in answers if a and a.strip())
        if kept:
            blocks.append(Paragraph(text=f"Question {question}"))
            blocks.append(BulletList(items=tuple(kept)))
    return blocks


def assessment_document(
    assessment: AssessmentLike,
    *,
    indicator_set: IndicatorSet | None = None,
    lang: str | None = None,
    include_free_text: bool = False,
    free_text: Mapping[str, Sequence[str]] | None = None,
    charts: bool = True,
    scorecard: Any | None = None,
    instruments: Sequence[Any] | None = None,
) -> Document:
    """The assessment report as a :class:`Document` (see the module documentation).

    ``free_text`` maps question codes to open answers; they are shown only when
    ``include_free_text`` is true. ``scorecard`` is the scoring to summarise
    (default: :func:`ctnat.score` with unknown indicators left out);
    ``instruments`` the interview guide and survey tool as asked (Annexes C and D;
    default: the built-in 2016 instruments).
    """
    iset = indicator_set if indicator_set is not None else _indicator_set_of(assessment)
    name = _country_name(assessment.country)
    title = assessment.title or f"Needs assessment: counter-trafficking response in {name}"
    who = name if name == assessment.country else f"{name} ({assessment.country})"
    blocks: list[Block] = [
        Paragraph(text=f"{who}, assessment round of {assessment.round.isoformat()}.", style="lead")
    ]
    blocks += _provenance_blocks(assessment)
    card, bounds = _scorecards(assessment, iset, scorecard)
    labels = {c.id: c.label(lang) for c in iset.criteria()}
    if card is not None:
        policy = _POLICY.get(str(getattr(card.method, "unknown", "")), "")
        blocks += summary_blocks(
            card,
            bounds,
            criterion_labels=labels,
            policy_words=f"unknown indicators {policy}" if policy else "",
            charts=charts,
        )
    else:
        blocks += [Heading(text="Summary"), _none_line(_NO_SCORES)]
    blocks.append(Heading(text="1. Introduction"))
    blocks += _research_context(assessment)
    method_blocks, limitations = _methodology(assessment, iset, card)
    blocks += method_blocks
    blocks += _limitations(assessment, limitations)
    blocks += _findings(assessment, iset, lang, charts)
    if include_free_text and free_text:
        blocks += _free_text(free_text)
    blocks += _recommendations(assessment, iset, lang)
    blocks += _annexes(assessment, iset, lang, instruments)
    return Document(title=title, blocks=tuple(blocks), language=(lang or "en"))


_NO_SCORES = (
    "No scores: this record is not a ctnat Assessment and no scorecard was given "
    "(pass scorecard=ctnat.score(...))."
)


def _scorecards(
    assessment: AssessmentLike, iset: IndicatorSet, given: Any | None
) -> tuple[Any | None, Any | None]:
    """The scorecard to summarise (given, or the default method) and the same assessment
    scored with unknowns propagated, for the range the unknowns allow."""
    try:
        from ..assessment import Assessment
        from ..scoring import UnknownPolicy, score
    except ImportError:  # pragma: no cover
        return given, None
    if not isinstance(assessment, Assessment):
        return given, None
    card = given
    if card is None:
        card = score(assessment, unknown=UnknownPolicy.EXCLUDE, indicator_set=iset)
    m = card.method
    bounds = score(
        assessment,
        unknown=UnknownPolicy.PROPAGATE,
        rule=m.rule,
        weights=m.weights,
        aggregator=m.aggregator,
        indicator_set=iset,
    )
    return card, bounds


def _research_context(assessment: AssessmentLike) -> list[Block]:
    blocks: list[Block] = [Heading(text="1.1 Research context", level=2)]
    context = getattr(assessment, "research_context", None)
    if context is None:
        blocks.append(_none_line("No research context was recorded."))
        return blocks
    blocks += research_context_blocks(context)
    return blocks


def _limitations(assessment: AssessmentLike, computed: Sequence[str]) -> list[Block]:
    blocks: list[Block] = [Heading(text="1.3 Limitations", level=2)]
    recorded = tuple(getattr(assessment, "limitations", ()) or ())
    if recorded:
        blocks += limitation_blocks(recorded)
    if computed:
        if recorded:
            blocks.append(Paragraph(text="What the data themselves limit:"))
        blocks.append(BulletList(items=tuple(computed)))
    if not recorded and not computed:
        blocks.append(_none_line("No limitations were recorded or found in the data."))
    return blocks


def render(document: Document, fmt: str) -> str:
    """``document`` as ``"html"`` (one self-contained page) or ``"markdown"``."""
    if fmt == "html":
        return document.to_html()
    if fmt in {"markdown", "md"}:
        return document.to_markdown()
    raise ValidationError(
        f"unknown report format {fmt!r}", location="fmt", hint="use 'html' or 'markdown'"
    )


def render_assessment(
    assessment: AssessmentLike,
    fmt: Format | str = "html",
    *,
    indicator_set: IndicatorSet | None = None,
    lang: str | None = None,
    include_free_text: bool = False,
    free_text: Mapping[str, Sequence[str]] | None = None,
    charts: bool = True,
    scorecard: Any | None = None,
    instruments: Sequence[Any] | None = None,
) -> str:
    """The report of one assessment as HTML (a self-contained page) or Markdown."""
    if fmt not in {"html", "markdown", "md"}:
        render(Document(title="x"), fmt)  # raises the error naming the formats
    doc = assessment_document(
        assessment,
        indicator_set=indicator_set,
        lang=lang,
        include_free_text=include_free_text,
        free_text=free_text,
        charts=charts and fmt == "html",  # Markdown shows the tables, not the charts
        scorecard=scorecard,
        instruments=instruments,
    )
    return render(doc, fmt)
