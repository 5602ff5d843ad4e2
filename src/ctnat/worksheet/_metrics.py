"""The Metrics sheet: what the report will say, computed when the workbook is written.

It holds, one block under another: the survey tables (counts per option, the
respondents to each item, to its statement table and to the survey) computed
from the responses and, when the assessment carries them, as reported; the
interview counts by sex and entity type; and the indicator table with the
statuses (criteria as rows; framework and operational levels as columns). The
sheet is output only: editing it changes nothing that :func:`read` returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..assessment import Assessment, SurveyItemResult, indicator_set_of
from ..survey import Instrument, InterviewRecord, QuestionType, ResponseSet
from . import _layout as L

__all__ = ["write_metrics"]


class _Cursor:
    def __init__(self, book: Any, ws: Any) -> None:
        self.book, self.ws, self.row = book, ws, 1

    def line(self, *values: object, bold: bool = False) -> None:
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = self.book.put(self.ws, self.row, col, value)
            if bold:
                self.book.style(cell, "bold")
        self.row += 1

    def title(self, text: str) -> None:
        self.row += 1
        self.line(text, bold=True)


def _survey_from_responses(cur: _Cursor, instrument: Instrument, responses: ResponseSet) -> None:
    from ..aggregate import Tally
    from ..aggregate.caveats import sample_caveats

    lang = instrument.languages[0] if instrument.languages else "en"
    n_survey = len(responses)
    cur.title(f"Survey results from the responses (total survey respondents: n={n_survey})")
    groups: dict[str, list[str]] = {}
    for q in instrument.questions():
        if q.type is QuestionType.SCALE or (q.type is QuestionType.CHOOSE_ONE and not q.profile):
            groups.setdefault(q.matrix or q.id, []).append(q.id)
    for block, qids in groups.items():
        first = instrument.question(qids[0])
        options = instrument.options(first)
        answered_block = sum(
            1 for r in responses.responses if any(r.answers.get(qid) is not None for qid in qids)
        )
        cur.line(
            "item",
            "statement",
            *(o.text(lang) for o in options),
            "respondents to the item",
            f"respondents to {block}",
            "survey respondents",
            "caveats",
            bold=True,
        )
        for qid in qids:
            q = instrument.question(qid)
            answers = [r.answers.get(qid) for r in responses.responses]
            tally = Tally.from_answers(
                [o.name for o in options],
                [a if isinstance(a, str) else None for a in answers],
                item=qid,
            )
            # the caveats summarize_tally would attach, without computing intervals
            # (the sheet shows counts, not proportions)
            caveats = sample_caveats(qid, tally.n_answered, tally.n_respondents)
            cur.line(
                qid,
                q.text(lang),
                *tally.counts,
                tally.n_answered,
                answered_block,
                n_survey,
                "; ".join(c.message for c in caveats) or None,
            )
        cur.row += 1


def _reported(cur: _Cursor, items: Sequence[SurveyItemResult], respondents: int) -> None:
    cur.title(f"Survey results as reported (total survey respondents: n={respondents})")
    width = max((len(i.scale) for i in items), default=0)
    cur.line(
        "item",
        "statement",
        *(f"option {k + 1}" for k in range(width)),
        "respondents to the item",
        "respondents to the block",
        "survey respondents",
        "problems",
        bold=True,
    )
    for item in items:
        cells: list[object] = []
        for option in item.scale:
            count = item.count(option)
            cells.append(f"{option}: {'not stated' if count is None else f'n={count}'}")
        cells += [None] * (width - len(cells))
        cur.line(
            item.item,
            item.text,
            *cells,
            item.item_respondents,
            item.block_respondents,
            item.survey_respondents,
            "; ".join(item.problems) or None,
        )


def _interviews(
    cur: _Cursor, assessment: Assessment, interviews: Sequence[InterviewRecord]
) -> None:
    if interviews:
        from ..aggregate import InterviewFacts, interview_metrics

        facts = [
            InterviewFacts(
                code=r.code,
                country=assessment.country,
                men=r.participants.male,
                women=r.participants.female,
                entity_type=r.entity_type.value,
                themes=dict(r.themes.items()),
            )
            for r in interviews
        ]
        totals = interview_metrics(facts).country(assessment.country)
        unstated = sum(r.participants.unstated for r in interviews)
        cur.title("Interviews (from the Interviews sheet)")
        cur.line("interviews", totals.interviews)
        cur.line("participants", totals.participants + unstated)
        cur.line("women", totals.women)
        cur.line("men", totals.men)
        if unstated:
            cur.line("sex not stated", unstated)
        cur.line("entity type", "interviews", bold=True)
        for name, n in totals.entity_types:
            cur.line(name, n)
        return
    m = assessment.interviews
    if m is None:
        return
    cur.title("Interviews (as reported)")
    cur.line("interviews", m.interviews)
    cur.line("participants", m.participants)
    cur.line("women", m.women)
    cur.line("men", m.men)
    if m.entity_types:
        cur.line("entity type", "interviews", bold=True)
        for t in m.entity_types:
            cur.line(t.type, t.interviews)


def _indicator_table(cur: _Cursor, assessment: Assessment) -> None:
    s = indicator_set_of(assessment)
    lang = s.default_language
    cells = {st.indicator: L.STATUS_LABELS[st.status] for st in assessment.statuses}
    levels = sorted({ind.level for ind in s.indicators()})
    dims = ("framework", "operational")
    cur.title("Indicators with their statuses")
    cur.line(
        "criterion",
        "title",
        *(f"{d} level {lv}" for d in dims for lv in levels),
        bold=True,
    )
    for crit in s.criteria():
        ids = {(ind.dimension.value, ind.level): ind.id for ind in crit.indicators}
        cur.line(
            crit.id,
            crit.label(lang),
            *(cells.get(ids.get((d, lv), "")) for d in dims for lv in levels),
        )
    cur.row += 1
    cur.line("status", "indicators", bold=True)
    for status, label in L.STATUS_LABELS.items():
        n = sum(1 for st in assessment.statuses if st.status is status)
        cur.line(label, n)


def write_metrics(
    book: Any,
    instrument: Instrument,
    assessment: Assessment | None,
    responses: ResponseSet | None,
    interviews: Sequence[InterviewRecord],
) -> None:
    """Add the Metrics sheet when there is an assessment to summarise."""
    if assessment is None:
        return
    ws = book.sheet(L.METRICS)
    cur = _Cursor(book, ws)
    cur.line(
        f"Metrics of {assessment.country} {assessment.round.isoformat()}, computed by ctnat "
        "when this workbook was written. Edits here are not read back.",
        bold=True,
    )
    if responses is not None and len(responses):
        _survey_from_responses(cur, instrument, responses)
    if assessment.survey is not None and assessment.survey.items:
        _reported(cur, assessment.survey.items, assessment.survey.respondents)
    _interviews(cur, assessment, interviews)
    _indicator_table(cur, assessment)
    ws.column_dimensions["B"].width = 50
