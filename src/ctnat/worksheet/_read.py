"""Reading a filled worksheet: every row checked, every problem named by sheet and cell."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pydantic

from .._io import PathLike, parse_text
from ..assessment import (
    Assessment,
    Evidence,
    IndicatorStatus,
    Priorities,
    PriorityRow,
    Recommendation,
    Source,
    Status,
    from_mapping,
    is_country_code,
)
from ..assessment import InterviewRecord as AssessmentInterview
from ..errors import CtnatError, FileFormatError
from ..survey import (
    Instrument,
    InterviewRecord,
    Rejection,
    Response,
    ResponseSet,
    check_interview,
    check_response,
)
from . import _layout as L
from ._answers import AnswerError, option_lookup, parse_answer
from ._citations import CitationError, parse_evidence
from ._narrative import NARRATIVE_STORE_KEYS, merge_details, read_findings, read_limitations
from ._open import Limits, SheetRows, cell_text, read_sheets
from ._result import CellProblem, Worksheet
from ._statistics import read_statistics
from ._write import EMBEDDED_SET, STORE_KEYS, default_instrument, response_columns

if TYPE_CHECKING:
    from ..indicators import IndicatorSet

__all__ = ["read", "read_rows"]

_THEME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def _reason(exc: pydantic.ValidationError) -> str:
    """The first problems of a pydantic error in the users' words (see ctnat._messages)."""
    from .._messages import pydantic_problems

    problems = pydantic_problems(exc, file=None)
    parts = [f"{p.location}: {p.reason}" if p.location else p.reason for p in problems[:3]]
    return "; ".join(parts)


class _Reader:
    def __init__(self, sheets: dict[str, SheetRows], file: str, base_dir: Path) -> None:
        self.sheets = sheets
        self.file = file
        self.base_dir = base_dir
        self.problems: list[CellProblem] = []

    def bad(self, sheet: str, cell: str, reason: str, hint: str | None = None) -> None:
        self.problems.append(CellProblem(sheet=sheet, cell=cell, reason=reason, hint=hint))

    # -- table helpers ----------------------------------------------------------

    def columns(
        self, sheet: str, expected: Sequence[str], required: Sequence[str], header_row: int = 1
    ) -> dict[str, int] | None:
        """Column key -> 1-based index, read from the header row; None if unusable."""
        rows = self.sheets.get(sheet)
        if rows is None:
            return None
        found: dict[str, int] = {}
        known = {L.normalise(name): name for name in expected}
        header = rows.rows[header_row - 1] if len(rows.rows) >= header_row else ()
        for col, value in enumerate(header, start=1):
            text = cell_text(value)
            if text is None:
                continue
            key = known.get(L.normalise(text))
            cell = f"{L.column_letter(col)}{header_row}"
            if key is None:
                self.bad(sheet, cell, f"unknown column {text!r}; its cells are not read")
            elif key in found:
                self.bad(sheet, cell, f"column {key!r} appears twice; only the first is read")
            else:
                found[key] = col
        missing = [name for name in required if name not in found]
        if missing:
            self.bad(sheet, f"A{header_row}", f"missing column(s): {', '.join(missing)}")
            return None
        return found

    def records(
        self, sheet: str, cols: dict[str, int], first_row: int
    ) -> list[tuple[int, dict[str, str | None], dict[str, Any]]]:
        """(row number, texts by column, raw values by column) for each non-empty row."""
        out = []
        rows = self.sheets[sheet]
        for r in range(first_row, len(rows.rows) + 1):
            raw = {key: rows.value(r, col) for key, col in cols.items()}
            texts = {key: cell_text(v) for key, v in raw.items()}
            if any(t is not None for t in texts.values()):
                out.append((r, texts, raw))
        return out

    @staticmethod
    def cell(cols: dict[str, int], key: str, row: int) -> str:
        return f"{L.column_letter(cols[key])}{row}"

    # -- the Assessment sheet -----------------------------------------------------

    def header(self) -> tuple[dict[str, Any], dict[str, str]]:
        """Header values (raw) and the cell of each field."""
        values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        rows = self.sheets.get(L.ASSESSMENT)
        if rows is None:
            self.bad(L.ASSESSMENT, "", "the Assessment sheet is missing")
            return values, cells
        by_label = {L.normalise(label): key for key, (label, _) in L.HEADER_FIELDS.items()}
        by_label.update({L.normalise(key): key for key in L.HEADER_FIELDS})
        for r in range(2, len(rows.rows) + 1):
            label = cell_text(rows.value(r, 1))
            if label is None:
                continue
            key = by_label.get(L.normalise(label))
            if key is None:
                self.bad(L.ASSESSMENT, f"A{r}", f"unknown field {label!r}")
                continue
            cells[key] = f"B{r}"
            values[key] = rows.value(r, 2)
        return values, cells


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if text is None:
        raise ValueError("a date is required")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def _as_count(value: Any) -> int | None:
    if value is None or cell_text(value) is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = cell_text(value) or ""
        if not re.fullmatch(r"\d+", text):
            raise ValueError(f"{text!r} is not a whole number")
        number = int(text)
    if number < 0:
        raise ValueError("a count cannot be negative")
    return number


def read(
    path: PathLike,
    *,
    indicator_set: IndicatorSet | None = None,
    instrument: Instrument | None = None,
    guide: Instrument | None = None,
    limits: Limits | None = None,
) -> Worksheet:
    """Read a filled worksheet.

    Returns a :class:`Worksheet` with the assessment, responses and interviews
    that loaded and every problem by sheet and cell; use
    :meth:`Worksheet.raise_for_problems` to turn problems into an error. A file
    that is not a readable XLSX workbook, or is too big, raises
    :class:`ctnat.errors.FileFormatError` before anything is loaded.
    """
    p = Path(path)
    limits = limits or Limits()
    sheets = read_sheets(p, limits)
    return read_rows(
        sheets,
        file=str(p),
        base_dir=p.parent,
        indicator_set=indicator_set,
        instrument=instrument,
        guide=guide,
    )


def read_rows(
    sheets: Mapping[str, SheetRows | Sequence[Sequence[Any]]],
    *,
    file: str,
    base_dir: Path,
    indicator_set: IndicatorSet | None = None,
    instrument: Instrument | None = None,
    guide: Instrument | None = None,
) -> Worksheet:
    """Read a worksheet whose cell values are in memory (sheet name -> rows of values)."""
    rows = {
        name: value if isinstance(value, SheetRows) else SheetRows.of(name, value)
        for name, value in sheets.items()
    }
    if L.INDICATORS not in rows and L.ASSESSMENT not in rows:
        raise FileFormatError(
            "not a ctnat worksheet (no Assessment or Indicators sheet)",
            file=file,
            hint="make one with: ctnat worksheet new FILE.xlsx",
        )
    return _read_sheets(_Reader(rows, file, base_dir), indicator_set, instrument, guide)


def _load_set(
    rd: _Reader, header: dict[str, Any], cells: dict[str, str], embedded: Any
) -> IndicatorSet | None:
    from types import SimpleNamespace

    from .. import indicators
    from ..assessment import IndicatorSetRef, indicator_set_of

    set_id = cell_text(header.get("indicator_set")) or "ct-nat-2016"
    file = cell_text(header.get("indicator_set_file"))
    try:
        if isinstance(embedded, dict):
            # a set embedded in the assessment (kept in the _ctnat sheet); indicator_set_of
            # reads only the reference of what it is given
            ref = IndicatorSetRef(id=set_id, embedded=embedded)
            holder = cast(Assessment, SimpleNamespace(indicator_set=ref))
            return indicator_set_of(holder, rd.base_dir)
        if file is not None:
            return indicators.load(rd.base_dir / file)
        return indicators.builtin(set_id)
    except CtnatError as exc:
        key = "indicator_set_file" if file else "indicator_set"
        rd.bad(L.ASSESSMENT, cells.get(key, ""), f"cannot use the indicator set: {exc.reason}")
        return None


def _load_instrument(
    rd: _Reader, header: dict[str, Any], cells: dict[str, str], key: str, default: str
) -> Instrument | None:
    name = cell_text(header.get(key)) or default
    try:
        return default_instrument(name)
    except CtnatError as exc:
        rd.bad(
            L.ASSESSMENT,
            cells.get(key, ""),
            f"unknown instrument {name!r}: {exc.reason}",
            hint="pass the instrument to ctnat.worksheet.read(..., instrument=...)",
        )
        return None


def _read_store(rd: _Reader) -> dict[str, Any]:
    rows = rd.sheets.get(L.STORE)
    if rows is None:
        return {}
    # the chunks are joined as written: stripping them would lose a space at a boundary
    chunks = (rows.value(r, 1) for r in range(3, len(rows.rows) + 1))
    text = "".join(c if isinstance(c, str) else "" for c in chunks)
    if not text:
        return {}
    try:
        data = parse_text(text, file=rd.file, fmt="json")
    except CtnatError as exc:
        rd.bad(L.STORE, "A3", f"the data kept by ctnat is damaged: {exc.reason}")
        return {}
    if not isinstance(data, dict) or set(data) - {*STORE_KEYS, EMBEDDED_SET, "statistics"}:
        rd.bad(L.STORE, "A3", "the data kept by ctnat is damaged: unexpected content")
        return {}
    return data


def _read_sources(rd: _Reader) -> list[Source]:
    cols = rd.columns(L.SOURCES, L.COLUMNS[L.SOURCES], ("code", "title"))
    if cols is None:
        return []
    out: list[Source] = []
    seen: dict[str, int] = {}
    for r, texts, _raw in rd.records(L.SOURCES, cols, 2):
        code = texts.get("code")
        if code is not None and code in seen:
            rd.bad(
                L.SOURCES,
                rd.cell(cols, "code", r),
                f"source code {code!r} is already used in row {seen[code]}",
            )
            continue
        try:
            src = Source.model_validate({k: v for k, v in texts.items() if v is not None})
        except pydantic.ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else "code"
            col = field if field in cols else "code"
            rd.bad(L.SOURCES, rd.cell(cols, col, r), _reason(exc))
            continue
        seen[src.code] = r
        out.append(src)
    return out


def _read_interviews(rd: _Reader, guide: Instrument | None) -> list[InterviewRecord]:
    cols = rd.columns(L.INTERVIEWS, L.COLUMNS[L.INTERVIEWS], ("code", "date"))
    if cols is None:
        return []
    field_of = {
        "date": "date",
        "format": "format",
        "participants": "female",
        "entity_type": "entity type",
        "organisation": "organisation",
        "sections": "sections",
        "observations": "observations",
        "code": "code",
    }
    rows: dict[str, tuple[int, dict[str, Any]]] = {}
    for r, texts, raw in rd.records(L.INTERVIEWS, cols, 2):
        code = texts.get("code")
        where = rd.cell(cols, "code", r)
        if code is None:
            rd.bad(L.INTERVIEWS, where, "a row without an interview code")
            continue
        if code in rows:
            rd.bad(
                L.INTERVIEWS,
                where,
                f"interview code {code!r} is already used in row {rows[code][0]}",
            )
            continue
        data: dict[str, Any] = {"code": code}
        ok = True
        try:
            data["date"] = _as_date(raw.get("date"))
        except ValueError as exc:
            rd.bad(L.INTERVIEWS, rd.cell(cols, "date", r), str(exc))
            ok = False
        participants: dict[str, int] = {}
        for key in ("female", "male", "unstated"):
            if key not in cols:
                continue
            try:
                n = _as_count(raw.get(key))
            except ValueError as exc:
                rd.bad(L.INTERVIEWS, rd.cell(cols, key, r), str(exc))
                ok = False
                continue
            if n is not None:
                participants[key] = n
        data["participants"] = participants
        for key, field in (("format", "format"), ("entity type", "entity_type")):
            text = texts.get(key)
            if text is not None:
                data[field] = L.normalise(text).replace(" ", "_")
        for key in ("organisation", "observations"):
            if texts.get(key) is not None:
                data[key] = texts[key]
        data["sections"] = tuple(
            s.strip() for s in re.split(r"[,;]", texts.get("sections") or "") if s.strip()
        )
        rows[code] = (r, data if ok else {**data, "_rejected": True})
    notes = _read_notes(rd, {c: r for c, (r, _d) in rows.items()})
    out: list[InterviewRecord] = []
    for code, (r, data) in rows.items():
        rejected = data.pop("_rejected", False)
        note_rows = notes.get(code, {})
        data["notes"] = {q: text for q, (_nr, text, _t) in note_rows.items() if text is not None}
        data["themes"] = {q: themes for q, (_nr, _text, themes) in note_rows.items() if themes}
        try:
            rec = InterviewRecord.model_validate(data)
        except pydantic.ValidationError as exc:
            # every field error at its own cell (a date or count already reported is skipped)
            for err in exc.errors(include_url=False):
                loc = err["loc"]
                field = str(loc[0]) if loc else "code"
                if rejected and field in ("date", "participants"):
                    continue
                key = field_of.get(field, "code")
                msg = err["msg"].removeprefix("Value error, ")
                rd.bad(
                    L.INTERVIEWS,
                    rd.cell(cols, key if key in cols else "code", r),
                    f"{field}: {msg}",
                )
            continue
        if rejected:
            continue
        problems = check_interview(rec, guide) if guide is not None else ()
        for prob in problems:
            _, _, tail = prob.location.partition(" / ")
            if tail == "sections" and "sections" in cols:
                cell, sheet = rd.cell(cols, "sections", r), L.INTERVIEWS
            elif tail in note_rows:
                cell, sheet = f"B{note_rows[tail][0]}", L.NOTES
            else:
                cell, sheet = rd.cell(cols, "code", r), L.INTERVIEWS
            rd.bad(sheet, cell, prob.reason, prob.hint)
        if not problems:
            out.append(rec)
    return out


def _read_notes(
    rd: _Reader, codes: dict[str, int]
) -> dict[str, dict[str, tuple[int, str | None, tuple[str, ...]]]]:
    cols = rd.columns(L.NOTES, L.COLUMNS[L.NOTES], ("interview", "question"))
    out: dict[str, dict[str, tuple[int, str | None, tuple[str, ...]]]] = {}
    if cols is None:
        return out
    for r, texts, _raw in rd.records(L.NOTES, cols, 2):
        code, qid = texts.get("interview"), texts.get("question")
        if code is None or code not in codes:
            rd.bad(
                L.NOTES,
                rd.cell(cols, "interview", r),
                f"interview {code!r} is not on the Interviews sheet"
                if code
                else "no interview code",
            )
            continue
        if qid is None:
            rd.bad(L.NOTES, rd.cell(cols, "question", r), "no question id (e.g. 3.5)")
            continue
        themes = tuple(t.strip() for t in re.split(r"[,;]", texts.get("themes") or "") if t.strip())
        bad = [t for t in themes if not _THEME.match(t)]
        if bad or len(set(themes)) != len(themes):
            reason = (
                f"theme {bad[0]!r}: use lower-case codes such as 'hotline_awareness'"
                if bad
                else "a theme is repeated"
            )
            rd.bad(L.NOTES, rd.cell(cols, "themes", r), reason)
            continue
        if qid in out.setdefault(code, {}):
            rd.bad(
                L.NOTES,
                rd.cell(cols, "question", r),
                f"question {qid} of {code} already has notes in row {out[code][qid][0]}",
            )
            continue
        out[code][qid] = (r, texts.get("notes"), themes)
    return out


def _read_indicators(
    rd: _Reader,
    indicator_set: IndicatorSet,
    sources: set[str],
    interviews: set[str],
    survey_items: set[str] | None,
) -> tuple[list[IndicatorStatus], list[int]]:
    langs = indicator_set.languages
    expected = (
        *L.COLUMNS[L.INDICATORS],
        *(f"wording ({lang})" for lang in langs),
        *L.INDICATOR_INPUTS,
    )
    cols = rd.columns(L.INDICATORS, expected, ("id", "status"))
    if cols is None:
        return [], []
    every = {ind.id for ind in indicator_set.indicators(include_retired=True)}
    statuses: list[IndicatorStatus] = []
    rows: list[int] = []
    seen: dict[str, int] = {}
    sh = L.INDICATORS
    for r, texts, _raw in rd.records(sh, cols, 2):
        ind = texts.get("id")
        status_text = texts.get("status")
        evidence_text = texts.get("evidence")
        note = texts.get("note")
        mark_text = texts.get("potential improvement")
        if ind is None:
            if status_text or evidence_text or note or mark_text:
                rd.bad(sh, rd.cell(cols, "id", r), "a status without an indicator id")
            continue
        if ind not in every:
            rd.bad(
                sh,
                rd.cell(cols, "id", r),
                f"indicator {ind} is not in {indicator_set.id} {indicator_set.version}",
                hint="check the id (criterion.F|O level, e.g. 1.3.F2)",
            )
            continue
        if ind in seen:
            rd.bad(sh, rd.cell(cols, "id", r), f"indicator {ind} is already in row {seen[ind]}")
            continue
        seen[ind] = r
        ok = True
        status: Status | None = None
        if status_text is None:
            if evidence_text or note or mark_text:
                rd.bad(
                    sh,
                    rd.cell(cols, "status", r),
                    "evidence, a note or an improvement mark without a status",
                    hint="choose a status, or 'unknown'",
                )
            continue
        status = L.parse_status(status_text)
        if status is None:
            rd.bad(
                sh,
                rd.cell(cols, "status", r),
                f"status {status_text!r} is not in the list",
                hint="choose one of: " + ", ".join(L.STATUS_LABELS.values()),
            )
            ok = False
        improvement: bool | None = None
        if mark_text is not None:
            improvement = L.parse_improvement(mark_text)
            if improvement is None:
                rd.bad(
                    sh,
                    rd.cell(cols, "potential improvement", r),
                    f"potential improvement {mark_text!r} is not yes or no",
                    hint="write yes or no, or leave it blank to follow the status",
                )
                ok = False
        evidence: tuple[Evidence, ...] = ()
        if evidence_text is not None and "evidence" in cols:
            where = rd.cell(cols, "evidence", r)
            try:
                evidence = parse_evidence(evidence_text)
            except CitationError as exc:
                rd.bad(sh, where, f"evidence cannot be read: {exc}", hint=_CITATION_HINT)
                ok = False
            except pydantic.ValidationError as exc:
                rd.bad(sh, where, f"evidence: {_reason(exc)}", hint=_CITATION_HINT)
                ok = False
            for ev in evidence:
                if ev.source is not None and ev.source not in sources:
                    rd.bad(
                        sh,
                        where,
                        f"cites source {ev.source!r}, which is not on the Sources sheet",
                        hint="add it to the Sources sheet, or correct the code",
                    )
                    ok = False
                for code in ev.interviews:
                    if code not in interviews:
                        rd.bad(sh, where, f"cites interview {code}, which is not recorded")
                        ok = False
                for item in ev.survey_items:
                    if survey_items is not None and item not in survey_items:
                        rd.bad(sh, where, f"cites survey item {item}, which has no result")
                        ok = False
        if ok and status is not None:
            statuses.append(
                IndicatorStatus(
                    indicator=ind,
                    status=status,
                    evidence=evidence,
                    note=note,
                    improvement=improvement,
                )
            )
            rows.append(r)
    return statuses, rows


_CITATION_HINT = "e.g. 'Aze 30, p. 31; AZEint3, survey 3.1.5' (see docs/worksheet.md)"


def _read_responses(rd: _Reader, instrument: Instrument) -> ResponseSet:
    sh = L.RESPONSES
    cols_spec = response_columns(instrument)
    keys = ("code", *(key for key, _, _ in cols_spec))
    empty = ResponseSet(
        instrument=instrument.id, instrument_version=instrument.version, source=rd.file
    )
    cols = rd.columns(sh, keys, ("code",))
    if cols is None:
        return empty
    spec = {key: (qid, kind) for key, qid, kind in cols_spec}
    questions = {q.id: q for q in instrument.questions()}
    lookups = {q.id: option_lookup(instrument, q) for q in questions.values() if q.type.is_choice}
    option_texts = {
        q.id: ", ".join(o.text() for o in instrument.options(q))
        for q in questions.values()
        if q.type.is_choice
    }
    accepted: list[Response] = []
    rejected: list[Rejection] = []
    seen: dict[str, int] = {}
    records = rd.records(sh, cols, 3)
    for r, texts, _raw in records:
        code = texts.get("code")
        where_code = rd.cell(cols, "code", r)
        problems: list[tuple[str, str, str | None, str | None]] = []  # cell, reason, qid, hint
        profile: dict[str, str] = {}
        answers: dict[str, Any] = {}
        other: dict[str, str] = {}
        if code is None:
            problems.append((where_code, "answers without a respondent code", None, None))
        elif code in seen:
            problems.append(
                (
                    where_code,
                    f"duplicate respondent code {code!r} (also in row {seen[code]})",
                    None,
                    None,
                )
            )
        for key, text in texts.items():
            if key == "code" or text is None:
                continue
            qid, kind = spec[key]
            q = questions[qid]
            if kind == "other":
                other[qid] = text
                continue
            try:
                value = parse_answer(instrument, q, text, lookups.get(qid))
            except AnswerError as exc:
                options = f"options: {option_texts[qid]}"
                problems.append((rd.cell(cols, key, r), f"answer {exc}", qid, options))
                continue
            if q.profile:
                if isinstance(value, str):
                    profile[q.profile] = value
            else:
                answers[qid] = value
        response = Response(code=code or "?", profile=profile, answers=answers, other=other)
        if code is not None:
            for prob in check_response(response, instrument):
                on = prob.location or None
                at = rd.cell(cols, on, r) if on and on in cols else where_code
                problems.append((at, prob.reason, on, prob.hint))
        if problems:
            for cell, reason, about, hint in problems:
                rd.bad(sh, cell, reason, hint)
                rejected.append(
                    Rejection(
                        reason=reason,
                        respondent=code,
                        question=about,
                        file=rd.file,
                        location=CellProblem(sheet=sh, cell=cell, reason=reason).location,
                        record=f"{sh}!row {r}",  # one record per row, however many cells
                        hint=hint,
                    )
                )
            if code is not None:
                seen.setdefault(code, r)
            continue
        assert code is not None
        seen[code] = r
        accepted.append(response)
    return ResponseSet(
        instrument=instrument.id,
        instrument_version=instrument.version,
        responses=tuple(accepted),
        rejected=tuple(rejected),
        source=rd.file,
        records_read=len(records),
    )


def _read_priorities(
    rd: _Reader,
    header: dict[str, Any],
    cells: dict[str, str],
    template: Mapping[str, str] | None = None,
) -> Priorities | None:
    """The priorities table; a prefilled row (the option's wording, no counts) is not data."""
    sh = L.PRIORITIES
    template = template or {}
    cols = rd.columns(sh, L.COLUMNS[sh], ("option", "text", "survey"))
    rows: list[PriorityRow] = []
    seen: dict[str, int] = {}
    if cols is not None:
        for r, texts, raw in rd.records(sh, cols, 2):
            data: dict[str, Any] = {
                "option": (texts.get("option") or "").upper(),
                "text": texts.get("text"),
            }
            ok = True
            for key, field in (
                ("survey", "survey"),
                ("workshop", "workshop"),
                ("rank points", "rank_points"),
            ):
                if key not in cols:
                    continue
                try:
                    n = _as_count(raw.get(key))
                except ValueError as exc:
                    rd.bad(sh, rd.cell(cols, key, r), str(exc))
                    ok = False
                    continue
                if n is not None:
                    data[field] = n
            if not ok:
                continue
            counted = any(k in data for k in ("survey", "workshop", "rank_points"))
            if not counted and L.normalise(data["text"] or "") == L.normalise(
                template.get(data["option"], "\x00")
            ):
                continue  # the writer's prefilled row, not filled in
            if data["option"] in seen:
                rd.bad(
                    sh,
                    rd.cell(cols, "option", r),
                    f"option {data['option']} is already in row {seen[data['option']]}",
                )
                continue
            try:
                row = PriorityRow.model_validate(data)
            except pydantic.ValidationError as exc:
                loc = exc.errors()[0]["loc"]
                key = (
                    {"rank_points": "rank points"}.get(str(loc[0]), str(loc[0]))
                    if loc
                    else "option"
                )
                rd.bad(sh, rd.cell(cols, key if key in cols else "option", r), _reason(exc))
                continue
            seen[row.option] = r
            rows.append(row)
    item = cell_text(header.get("priorities_item"))
    if item is None:
        if rows:
            rd.bad(
                L.ASSESSMENT,
                cells.get("priorities_item", ""),
                "priorities are listed but the priorities question is not named",
                hint="e.g. 8.1",
            )
        return None
    data2: dict[str, Any] = {
        "item": item,
        "rows": tuple(rows),
        "note": cell_text(header.get("priorities_note")),
    }
    for key, field in (
        ("priorities_survey_respondents", "survey_respondents"),
        ("priorities_workshop_groups", "workshop_groups"),
    ):
        try:
            data2[field] = _as_count(header.get(key))
        except ValueError as exc:
            rd.bad(L.ASSESSMENT, cells.get(key, ""), str(exc))
    try:
        return Priorities.model_validate(data2)
    except pydantic.ValidationError as exc:
        loc = exc.errors()[0]["loc"]
        key = "priorities_item" if loc and loc[0] == "item" else "priorities_survey_respondents"
        rd.bad(L.ASSESSMENT, cells.get(key, ""), f"priorities: {_reason(exc)}")
        return None


def _read_recommendations(rd: _Reader) -> list[Recommendation]:
    sh = L.RECOMMENDATIONS
    cols = rd.columns(sh, L.COLUMNS[sh], ("category", "heading", "action"))
    if cols is None:
        return []
    groups: list[tuple[str, str, list[str]]] = []
    for r, texts, _raw in rd.records(sh, cols, 2):
        cat, heading, action = texts.get("category"), texts.get("heading"), texts.get("action")
        if cat is None or heading is None:
            rd.bad(
                sh,
                rd.cell(cols, "category" if cat is None else "heading", r),
                "a recommendation needs a category and a heading",
            )
            continue
        if groups and groups[-1][0] == cat and groups[-1][1] == heading:
            if action is not None:
                groups[-1][2].append(action)
        else:
            groups.append((cat, heading, [action] if action is not None else []))
    return [Recommendation(category=c, heading=h, actions=tuple(a)) for c, h, a in groups]


def _merge_interviews(store: dict[str, Any], records: Sequence[InterviewRecord]) -> Any:
    metrics = store.get("interviews")
    known = {r["code"] for r in metrics.get("records", ())} if isinstance(metrics, dict) else set()
    extra = [
        AssessmentInterview(
            code=rec.code,
            format=rec.format.value,
            participants=rec.participants.total,
            men=rec.participants.male,
            women=rec.participants.female,
            entity_type=rec.entity_type.value,
        ).model_dump(mode="json", exclude_defaults=True)
        for rec in records
        if rec.code not in known
    ]
    if not extra:
        return metrics
    if not isinstance(metrics, dict):
        unstated = sum(r.participants.unstated for r in records)
        return {
            "interviews": len(records),
            "participants": sum(r.participants.total for r in records),
            **(
                {}
                if unstated
                else {
                    "men": sum(r.participants.male for r in records),
                    "women": sum(r.participants.female for r in records),
                }
            ),
            "records": extra,
        }
    merged = [*metrics.get("records", ()), *extra]
    return {
        **metrics,
        "records": merged,
        "interviews": max(metrics.get("interviews", 0), len(merged)),
    }


def _read_sheets(
    rd: _Reader,
    indicator_set: IndicatorSet | None,
    instrument: Instrument | None,
    guide: Instrument | None,
) -> Worksheet:
    header, cells = rd.header()
    store = _read_store(rd)
    if indicator_set is None:
        indicator_set = _load_set(rd, header, cells, store.get(EMBEDDED_SET))
    if instrument is None:
        instrument = _load_instrument(rd, header, cells, "instrument", "ct-nat-2016-survey")
    if guide is None:
        guide = _load_instrument(rd, header, cells, "guide", "ct-nat-2016-interview")
    sources = _read_sources(rd)
    interviews = _read_interviews(rd, guide)
    responses = _read_responses(rd, instrument) if instrument is not None else None
    survey = store.get("survey")
    survey_items = (
        {i.get("item") for i in survey.get("items", ())} if isinstance(survey, dict) else None
    )
    metrics = _merge_interviews(store, interviews)
    interview_codes = {r.get("code") for r in (metrics or {}).get("records", ())}
    statuses, status_rows = (
        _read_indicators(
            rd, indicator_set, {s.code for s in sources}, interview_codes, survey_items
        )
        if indicator_set is not None
        else ([], [])
    )
    template = (
        L.priority_options(instrument, cell_text(header.get("priorities_item")))
        if instrument is not None
        else None
    )
    priorities = _read_priorities(rd, header, cells, template)
    recommendations = _read_recommendations(rd)
    assessors = tuple(
        a.strip() for a in (cell_text(header.get("assessors")) or "").split(";") if a.strip()
    )

    assessment: Assessment | None = None
    head: dict[str, Any] = {}
    country = cell_text(header.get("country"))
    if country is None:
        rd.bad(L.ASSESSMENT, cells.get("country", ""), "the country is required", hint="e.g. AZE")
    elif not is_country_code(country.upper()):
        rd.bad(
            L.ASSESSMENT,
            cells.get("country", ""),
            f"{country!r} is not an ISO 3166-1 alpha-3 country code",
            hint="e.g. AZE for Azerbaijan",
        )
    else:
        head["country"] = country.upper()
    try:
        head["round"] = _as_date(header.get("round"))
    except ValueError as exc:
        rd.bad(L.ASSESSMENT, cells.get("round", ""), f"round: {exc}")
    if len(head) == 2 and indicator_set is not None:
        codes = {s.code for s in sources}
        known = {"interviews": interview_codes, "survey_items": survey_items}
        recs, rows = [r.model_dump() for r in recommendations], [s.model_dump() for s in statuses]
        merge_details(rd, store, recs, rows)
        mapping: dict[str, Any] = {
            **head,
            "title": cell_text(header.get("title")),
            "indicator_set": {
                "id": cell_text(header.get("indicator_set")) or indicator_set.id,
                "version": cell_text(header.get("indicator_set_version")),
                "file": cell_text(header.get("indicator_set_file")),
                "embedded": store.get(EMBEDDED_SET),
            },
            "provenance": {
                "kind": L.normalise(cell_text(header.get("provenance")) or "reported"),
                "source": cell_text(header.get("provenance_source")),
                "note": cell_text(header.get("provenance_note")),
            },
            "bibliography": [s.model_dump() for s in sources],
            "interviews": metrics,
            "survey": survey,
            "priorities": priorities.model_dump() if priorities is not None else None,
            "statistics": read_statistics(rd, codes, store.get("statistics"), **known),
            "validation_comments": store.get("validation_comments", []),
            "recommendations": recs,
            "statuses": rows,
            "findings": read_findings(rd, codes, indicator_set, **known),
            "limitations": read_limitations(rd, codes, **known),
            **{key: store.get(key) for key in NARRATIVE_STORE_KEYS},
            "notices": store.get("notices", []),
        }
        assessment = _assemble(rd, mapping, cells, status_rows)
    # the assessment's own validator runs again inside the result: give it the folder
    # its indicator-set file is relative to
    return Worksheet.model_validate(
        {
            "file": rd.file,
            "assessment": assessment,
            "assessors": assessors,
            "responses": responses,
            "interviews": tuple(interviews),
            "problems": tuple(rd.problems),
        },
        context={"base_dir": str(rd.base_dir)},
    )


_HEADER_OF = {
    "country": "country",
    "round": "round",
    "title": "title",
    "indicator_set": "indicator_set",
    "provenance": "provenance",
    "priorities": "priorities_item",
}


def _assemble(
    rd: _Reader, mapping: dict[str, Any], cells: dict[str, str], status_rows: list[int]
) -> Assessment | None:
    try:
        return from_mapping(mapping, file=rd.file, base_dir=rd.base_dir)
    except CtnatError as exc:
        for prob in exc.problems:
            m = re.match(r"^statuses\[(\d+)\]", prob.location)
            top = re.split(r"[.\[]", prob.location, maxsplit=1)[0]
            if m and int(m.group(1)) < len(status_rows):
                rd.bad(L.INDICATORS, f"A{status_rows[int(m.group(1))]}", prob.reason, prob.hint)
            elif top in _HEADER_OF:
                rd.bad(
                    L.ASSESSMENT,
                    cells.get(_HEADER_OF[top], ""),
                    f"{prob.location}: {prob.reason}",
                    prob.hint,
                )
            else:
                rd.bad(L.STORE, "A3", f"{prob.location}: {prob.reason}", prob.hint)
        return None
