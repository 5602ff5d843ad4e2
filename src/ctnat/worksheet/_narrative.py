"""The narrative of an assessment in the worksheet: Findings and Limitations sheets.

The findings (one row per category or criterion: ``category``, ``criterion``,
``title``, ``text``, ``evidence``) and the limitations (``title``, ``text``,
``affects``, ``categories``, ``evidence``) are sheets an assessor edits. The parts
with deeper structure (research context, situation profile, validation workshop),
the recommendations' actors, timeframes and links, and the improvement marks an
assessor set are kept in the hidden ``_ctnat`` sheet; a recommendation's details
are matched to its row of the Recommendations sheet by category and heading, and
details that no longer match a row are reported, not dropped silently.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pydantic

from ..assessment import Affected, Assessment, Finding, Limitation, sources_named, to_mapping
from . import _layout as L
from ._citations import CitationError, format_evidence, parse_evidence

if TYPE_CHECKING:
    from ..indicators import IndicatorSet
    from ._read import _Reader
    from ._write import _Book

__all__ = [
    "FINDINGS",
    "LIMITATIONS",
    "NARRATIVE_STORE_KEYS",
    "merge_details",
    "read_findings",
    "read_limitations",
    "store_details",
    "write_narrative",
]

FINDINGS = L.FINDINGS
LIMITATIONS = L.LIMITATIONS
FINDING_COLUMNS = ("category", "criterion", "title", "text", "evidence")
LIMITATION_COLUMNS = ("title", "text", "affects", "categories", "evidence")
#: Narrative parts kept whole in the hidden store (as in the assessment file).
NARRATIVE_STORE_KEYS = ("research_context", "situation", "workshop")
#: Details kept beside table rows: recommendation links (and, in worksheets written
#: before they had their own column, improvement marks).
DETAIL_KEYS = ("recommendation_details", "improvement_marks")
_REC_DETAILS = (
    "id",
    "actors",
    "timeframe",
    "timeframe_note",
    "criteria",
    "indicators",
    "priorities",
)


def _list(text: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[,;]", text or "") if p.strip())


def write_narrative(book: _Book, assessment: Assessment | None) -> None:
    """The Findings and Limitations sheets."""
    ws = book.sheet(FINDINGS)
    book.header(ws, FINDING_COLUMNS)
    for row, f in enumerate(assessment.findings if assessment else (), start=2):
        values: tuple[object, ...] = (
            f.category,
            f.criterion,
            f.title,
            f.text,
            format_evidence(f.evidence) or None,
        )
        for col, value in enumerate(values, start=1):
            if value is not None:
                book.put(ws, row, col, value).alignment = book.wrap
    ws.column_dimensions["D"].width = 90
    ws.column_dimensions["E"].width = 40
    ws = book.sheet(LIMITATIONS)
    book.header(ws, LIMITATION_COLUMNS)
    for row, lim in enumerate(assessment.limitations if assessment else (), start=2):
        values = (
            lim.title,
            lim.text,
            ", ".join(a.value.replace("_", " ") for a in lim.affects),
            ", ".join(lim.categories) or None,
            format_evidence(lim.evidence) or None,
        )
        for col, value in enumerate(values, start=1):
            if value is not None:
                book.put(ws, row, col, value).alignment = book.wrap
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 30


def store_details(assessment: Assessment | None) -> dict[str, Any]:
    """What the hidden store keeps beside the narrative sheets."""
    if assessment is None:
        return {}
    mapping = to_mapping(assessment)
    data: dict[str, Any] = {k: mapping[k] for k in NARRATIVE_STORE_KEYS if k in mapping}
    details = []
    for rec in mapping.get("recommendations", ()):
        extra = {k: rec[k] for k in _REC_DETAILS if k in rec}
        if extra:
            details.append({"category": rec["category"], "heading": rec["heading"], **extra})
    if details:
        data["recommendation_details"] = details
    return data  # improvement marks have their own column on the Indicators sheet


def citation_problem(
    evidence: Any,
    sources: set[str],
    interviews: set[Any] | None = None,
    survey_items: set[Any] | None = None,
) -> str | None:
    """Why citations cannot be used (an unknown source, interview or survey item), or None."""
    for ev in evidence:
        if ev.source is not None and ev.source not in sources:
            return f"cites source {ev.source!r}, which is not on the Sources sheet"
        for code in ev.interviews:
            if interviews is not None and code not in interviews:
                return f"cites interview {code}, which is not recorded"
        for item in ev.survey_items:
            if survey_items is not None and item not in survey_items:
                return f"cites survey item {item}, which has no result"
    return None


def _evidence(
    rd: _Reader,
    sheet: str,
    cell: str,
    text: str | None,
    sources: set[str],
    known: tuple[set[Any] | None, set[Any] | None] = (None, None),
) -> Any:
    """The citations of one cell, or None (reported) when they cannot be used."""
    if text is None:
        return ()
    try:
        evidence = parse_evidence(text)
    except (CitationError, pydantic.ValidationError) as exc:
        rd.bad(sheet, cell, f"evidence cannot be read: {exc}")
        return None
    problem = citation_problem(evidence, sources, *known)
    if problem is not None:
        rd.bad(sheet, cell, problem)
        return None
    return evidence


def _text_sources(rd: _Reader, sheet: str, cell: str, text: str, sources: set[str]) -> bool:
    unknown = [c for c in sources_named(text, sources) if c not in sources]
    if unknown:
        rd.bad(sheet, cell, f"the text cites {unknown[0]!r}, which is not on the Sources sheet")
        return False
    return True


def read_findings(
    rd: _Reader,
    sources: set[str],
    indicator_set: IndicatorSet | None,
    *,
    interviews: set[Any] | None = None,
    survey_items: set[Any] | None = None,
) -> list[dict[str, Any]]:
    """The Findings sheet as finding mappings; bad rows reported by cell."""
    if FINDINGS not in rd.sheets:
        return []
    cols = rd.columns(FINDINGS, FINDING_COLUMNS, ("category", "text"))
    if cols is None:
        return []
    cats = {c.id for c in indicator_set.categories} if indicator_set else None
    crits = {c.id for c in indicator_set.criteria()} if indicator_set else None
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for r, texts, _raw in rd.records(FINDINGS, cols, 2):
        cat, crit, text = texts.get("category"), texts.get("criterion"), texts.get("text")
        if cat is None or text is None:
            rd.bad(
                FINDINGS,
                rd.cell(cols, "category" if cat is None else "text", r),
                "a finding needs a category and a text",
            )
            continue
        if cats is not None and cat not in cats:
            rd.bad(FINDINGS, rd.cell(cols, "category", r), f"category {cat!r} is not in the set")
            continue
        if crit is not None and crits is not None and crit not in crits:
            rd.bad(FINDINGS, rd.cell(cols, "criterion", r), f"criterion {crit!r} is not in the set")
            continue
        evidence = _evidence(
            rd,
            FINDINGS,
            rd.cell(cols, "evidence", r) if "evidence" in cols else f"A{r}",
            texts.get("evidence"),
            sources,
            (interviews, survey_items),
        )
        if evidence is None or not _text_sources(
            rd, FINDINGS, rd.cell(cols, "text", r), text, sources
        ):
            continue
        key = crit or cat
        if key in seen:
            rd.bad(
                FINDINGS,
                rd.cell(cols, "category", r),
                f"findings for {key} are already in row {seen[key]}",
            )
            continue
        try:
            finding = Finding(
                category=cat, criterion=crit, title=texts.get("title"), text=text, evidence=evidence
            )
        except pydantic.ValidationError as exc:
            msg = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
            rd.bad(FINDINGS, rd.cell(cols, "criterion" if crit else "category", r), msg)
            continue
        seen[key] = r
        out.append(finding.model_dump(mode="json", exclude_defaults=True))
    return out


def read_limitations(
    rd: _Reader,
    sources: set[str],
    *,
    interviews: set[Any] | None = None,
    survey_items: set[Any] | None = None,
) -> list[dict[str, Any]]:
    """The Limitations sheet as limitation mappings; bad rows reported by cell."""
    if LIMITATIONS not in rd.sheets:
        return []
    cols = rd.columns(LIMITATIONS, LIMITATION_COLUMNS, ("title", "text", "affects"))
    if cols is None:
        return []
    allowed = {a.value.replace("_", " "): a for a in Affected}
    out: list[dict[str, Any]] = []
    for r, texts, _raw in rd.records(LIMITATIONS, cols, 2):
        words = [w.lower().replace("_", " ") for w in _list(texts.get("affects"))]
        wrong = [w for w in words if w not in allowed]
        if wrong or not words:
            rd.bad(
                LIMITATIONS,
                rd.cell(cols, "affects", r),
                f"{wrong[0]!r} is not a part a limitation can affect"
                if wrong
                else "say what it affects",
                hint="one or more of: " + ", ".join(allowed),
            )
            continue
        evidence = _evidence(
            rd,
            LIMITATIONS,
            rd.cell(cols, "evidence", r) if "evidence" in cols else f"A{r}",
            texts.get("evidence"),
            sources,
            (interviews, survey_items),
        )
        if evidence is None:
            continue
        text = texts.get("text") or ""
        if not _text_sources(rd, LIMITATIONS, rd.cell(cols, "text", r), text, sources):
            continue
        try:
            lim = Limitation(
                title=texts.get("title") or "",
                text=text,
                affects=tuple(allowed[w] for w in words),
                categories=_list(texts.get("categories")),
                evidence=evidence,
            )
        except pydantic.ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            field = str(err["loc"][0]) if err["loc"] else "title"
            rd.bad(
                LIMITATIONS,
                rd.cell(cols, field if field in cols else "title", r),
                f"{field}: {err['msg'].removeprefix('Value error, ')}",
            )
            continue
        out.append(lim.model_dump(mode="json", exclude_defaults=True))
    return out


def merge_details(
    rd: _Reader,
    store: dict[str, Any],
    recommendations: list[dict[str, Any]],
    statuses: list[dict[str, Any]],
) -> None:
    """Put the stored recommendation details and improvement marks back on their rows.

    Details whose recommendation (category and heading) or indicator is no longer
    on its sheet are reported at the store's cell, so nothing is lost unsaid.
    """
    details = store.get("recommendation_details") or []
    used = [False] * len(details)
    for rec in recommendations:
        for i, d in enumerate(details):
            if (
                not used[i]
                and isinstance(d, dict)
                and (d.get("category"), d.get("heading"))
                == (
                    rec.get("category"),
                    rec.get("heading"),
                )
            ):
                rec.update({k: v for k, v in d.items() if k in _REC_DETAILS})
                used[i] = True
                break
    for i, d in enumerate(details):
        if not used[i]:
            heading = d.get("heading") if isinstance(d, dict) else None
            rd.bad(
                L.STORE,
                "A3",
                f"the details (actors, links) of recommendation {heading!r} match no row of the "
                "Recommendations sheet; they were not read",
                hint="restore the category and heading on the Recommendations sheet",
            )
    # worksheets written before the "potential improvement" column kept the marks here;
    # a mark in the column wins
    marks = store.get("improvement_marks") or {}
    by_id = {s.get("indicator"): s for s in statuses}
    for ind, mark in marks.items() if isinstance(marks, dict) else ():
        if ind in by_id and isinstance(mark, bool):
            if by_id[ind].get("improvement") is None:
                by_id[ind]["improvement"] = mark
        else:
            rd.bad(
                L.STORE,
                "A3",
                f"the improvement mark of {ind} has no status on the Indicators sheet; it was not read",
            )
