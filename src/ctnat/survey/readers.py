"""Reading survey responses from JSON, CSV and XLSX, including Kobo/ODK exports.

:func:`read_responses` accepts

- a ctnat response-set JSON file (what :func:`write_responses` writes);
- Kobo/ODK exports as CSV (``,`` or ``;`` separated), XLSX or JSON (a list of
  submissions, or Kobo's ``{"results": [...]}``), with headers as XML names
  (``q3_1_5``) or labels, group paths with ``/`` or ``.`` (``grp/q3_1_5``),
  select-multiple answers as space-separated names or one 0/1 column per option
  (``q2_2/forced_labour``), option names or labels as values, Kobo meta columns
  (``_id``, ``_uuid``, ``_submission_time``, ``_validation_status``, ``_index``)
  and blanks for skipped questions.

A record that breaks a rule of the instrument is not loaded: each of its
problems goes to :attr:`ResponseSet.rejected`, naming the respondent, the
question and the reason. Every non-blank record of the file is either accepted
or rejected. Identifying meta columns (user names, device ids, phone numbers)
are not kept.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pydantic

from .._cells import neutralise, restore, save_workbook
from .._extras import require_extra
from .._io import parse_text
from ..errors import FileFormatError, Problem, ValidationError
from ._pydantic import problems_from
from .layout import CODE_FIELD, FormField, form_fields, other_label, slot_label
from .model import Instrument, Question, QuestionType
from .responses import AnswerValue, Rejection, Response, ResponseSet, check_response

__all__ = ["read_responses", "responses_from_records", "write_responses"]

PathLike = str | os.PathLike[str]

#: Meta columns kept in :attr:`Response.meta` (others, which may identify people, are dropped).
KEPT_META = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_index",
    "start",
    "end",
    "today",
    "instanceID",
    "__version__",
    "SubmissionDate",
    "KEY",
    "ReviewState",
    "FormVersion",
)
_OTHER_META = {
    "deviceid",
    "username",
    "simserial",
    "subscriberid",
    "phonenumber",
    "audit",
    "uuid",
    "instancename",
    "deprecatedid",
    "_version_",
    "submitterid",
    "submittername",
    "attachmentspresent",
    "attachmentsexpected",
    "status",
    "edits",
}
#: Group separators: Kobo uses '/' (or '.' when chosen), ODK Central and Briefcase '-'.
_SEP = re.compile(r"[/.\-]")
_CODE_HEADERS = {"code", "respondent", "respondent_code", "survey_code", "survey #", "survey no"}
_TRUE = {"1", "1.0", "true", "yes", "y"}
_FALSE = {"0", "0.0", "false", "no", "n"}


def _norm(text: str) -> str:
    text = text.replace("–", "-").replace("—", "-")  # noqa: RUF001 - dashes in labels
    return re.sub(r"\s+", " ", text).strip().casefold()


# -- resolving columns --------------------------------------------------------


@attrs.frozen
class _Target:
    question: str
    part: str  # value | other | rank | slot | option | code | meta | ignore
    option: str | None = None
    slot: int | None = None
    meta: str | None = None


class _Columns:
    """Resolves export headers to form fields for one instrument."""

    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        keys: dict[str, _Target | None] = {}

        def add(key: str, target: _Target) -> None:
            k = _norm(key)
            if not k:
                return
            if k in keys and keys[k] != target:
                keys[k] = None  # ambiguous: refuse to guess
            else:
                keys[k] = target

        fields = form_fields(instrument)
        by_name = {f.name: f for f in fields}
        for f in fields:
            add(f.name, _from_field(f))
        for q in instrument.questions():
            value = _Target(q.id, "value")
            add(q.id, value)
            for text in q.label.values():
                add(text, value)
                add(f"{q.id} {text}", value)
            if q.other_option is not None:
                for text in other_label(q).values():
                    add(text, _Target(q.id, "other"))
            if q.type is QuestionType.RANK:  # a rank field is labelled with its option
                for o in q.options:
                    for text in o.label.values():
                        add(text, _Target(q.id, "rank", option=o.name))
            if q.type is QuestionType.TOP_RANKED:
                for k in range(1, (q.count or 0) + 1):
                    for text in slot_label(q, k).values():
                        add(text, _Target(q.id, "slot", slot=k))
        self._keys = keys
        self._by_name = by_name
        self._memo: dict[str, _Target | None] = {}

    def resolve(self, header: str) -> _Target | None:
        """The target of ``header``, None if unknown (memoised per header)."""
        try:
            return self._memo[header]
        except KeyError:
            target = self._memo[header] = self._resolve(header)
            return target

    def _resolve(self, header: str) -> _Target | None:
        h = header.strip()
        last = re.split(_SEP, h)[-1] if not _looks_like_id(h) else h
        if h.startswith("_") or last in KEPT_META or _norm(last) in _OTHER_META:
            kept = h if h in KEPT_META else (last if last in KEPT_META else None)
            return _Target("", "meta", meta=kept)
        if h.startswith(("formhub", "meta/", "meta.", "meta-")):
            return _Target("", "meta", meta=None)
        if _norm(last) in _CODE_HEADERS or _norm(h) in _CODE_HEADERS:
            return _Target("", "code")
        for cand in _suffixes(h):
            t = self._keys.get(_norm(cand))
            if t is not None:
                return t
        # option columns: <question>/<option>
        for j in (m.start() for m in re.finditer(_SEP, h)):
            left, right = h[:j], h[j + 1 :]
            for cand in _suffixes(left):
                t = self._keys.get(_norm(cand))
                if t is None or t.part != "value":
                    continue
                q = self.instrument.question(t.question)
                opt = _match_option(self.instrument, q, right)
                if opt is None:
                    continue
                if q.type.is_multiple:
                    return _Target(q.id, "option", option=opt)
                if q.type.is_ranking:
                    return _Target(q.id, "rank", option=opt)
        return None


def _looks_like_id(h: str) -> bool:
    return bool(re.match(r"^\d+(\.\d+)+$", h.strip()))


def _suffixes(h: str) -> list[str]:
    out = [h]
    out += [h[m.end() :] for m in re.finditer(_SEP, h)]
    return [c for c in out if c.strip()]


def _from_field(f: FormField) -> _Target:
    return _Target(f.question, f.part, option=f.option, slot=f.slot)


def _match_option(instrument: Instrument, q: Question, text: str) -> str | None:
    if text in instrument.option_names(q):
        return text
    options = instrument.options(q)
    for o in options:
        if o.name == text:
            return o.name
    n = _norm(text)
    for o in options:
        if _norm(o.name) == n:
            return o.name
    for o in options:
        if any(_norm(t) == n for t in o.label.values()):
            return o.name
    return None


# -- turning one record into a Response -----------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return " ".join(_cell(v) for v in value)
    return restore(str(value).strip())  # undo spreadsheet neutralisation (after trimming)


def _int(text: str) -> int | None:
    try:
        f = float(text)
    except ValueError:
        return None
    return int(f) if f.is_integer() else None


@attrs.frozen
class _Record:
    location: str
    cells: tuple[tuple[str, str], ...]  # (header, value) pairs


def _build(
    record: _Record,
    instrument: Instrument,
    columns: _Columns,
    *,
    number: int,
    code_prefix: str | None,
) -> tuple[Response | None, list[tuple[str | None, str, str | None]]]:
    """A response, or the problems (question, reason, hint) that stop it."""
    problems: list[tuple[str | None, str, str | None]] = []
    code = ""
    meta: dict[str, str] = {}
    values: dict[tuple[str, str, str | None, int | None], list[tuple[str, str]]] = {}
    for header, raw in record.cells:
        value = _cell(raw)
        t = columns.resolve(header)
        if t is None:
            if value:
                problems.append((None, f"unknown question {header!r}", "not in the instrument"))
            continue
        if t.part == "meta":
            if t.meta and value:
                meta[t.meta] = value
            continue
        if t.part == "code":
            code = value
            continue
        if value:
            values.setdefault((t.question, t.part, t.option, t.slot), []).append((header, value))
    for key, got in values.items():
        distinct = {v for _, v in got}
        if len(distinct) > 1:
            heads = ", ".join(repr(h) for h, _ in got)
            problems.append((key[0], f"columns {heads} give different answers", None))
    if not code and code_prefix:
        index = meta.get("_index") or str(number)
        code = f"{code_prefix}{index}"
    if not code:
        problems.append((None, "no respondent code", "add a 'code' column or pass code_prefix"))
    answers: dict[str, AnswerValue] = {}
    profile: dict[str, str] = {}
    other: dict[str, str] = {}
    by_question: dict[str, dict[tuple[str, str | None, int | None], str]] = {}
    for (qid, part, option, slot), got in values.items():
        by_question.setdefault(qid, {})[(part, option, slot)] = got[0][1]
    for qid, parts in by_question.items():
        q = instrument.question(qid)
        try:
            answer = _answer(instrument, q, parts)
        except _Bad as bad:
            problems.append((qid, bad.reason, bad.hint))
            continue
        if ("other", None, None) in parts:
            other[qid] = parts["other", None, None]
        if answer is None:
            continue
        if q.profile is not None:
            if isinstance(answer, str):
                profile[q.profile] = answer
            else:
                problems.append((qid, "a profile question takes one option", None))
        else:
            answers[qid] = answer
    if problems:
        return None, problems
    try:
        response = Response(code=code, profile=profile, answers=answers, other=other, meta=meta)
    except pydantic.ValidationError as exc:
        return None, [(None, p.reason, None) for p in problems_from(exc, file=None)]
    found = check_response(response, instrument)
    if found:
        return None, [(p.location or None, p.reason, p.hint) for p in found]
    return response, []


class _Bad(Exception):
    def __init__(self, reason: str, hint: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


def _answer(
    instrument: Instrument, q: Question, parts: Mapping[tuple[str, str | None, int | None], str]
) -> AnswerValue | None:
    value = parts.get(("value", None, None))
    t = q.type
    names = instrument.option_names(q)
    options_hint = "options: " + ", ".join(names)  # cheap: names is a cached tuple
    if t is QuestionType.TEXT:
        return value
    if t in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
        if value is None:
            return None
        opt = _match_option(instrument, q, value)
        if opt is None:
            raise _Bad(f"unknown option {value!r}", options_hint)
        return opt
    if t.is_multiple:
        flags = {o: v for (part, o, _), v in parts.items() if part == "option" and o}
        from_flags: tuple[str, ...] | None = None
        if flags:
            bad = [v for v in flags.values() if v.casefold() not in _TRUE | _FALSE]
            if bad:
                raise _Bad(f"option column holds {bad[0]!r}; expected 0 or 1")
            from_flags = tuple(o for o in names if flags.get(o, "0").casefold() in _TRUE)
        if value is None:
            return from_flags or None
        chosen = _split_multiple(instrument, q, value)
        if from_flags is not None and set(from_flags) != set(chosen):
            raise _Bad("the answer column and the 0/1 option columns disagree")
        return chosen
    # rankings
    ranks: dict[str, int] = {}
    for (part, option, slot), v in parts.items():
        if part == "rank" and option:
            r = _int(v)
            if r is None:
                raise _Bad(f"rank {v!r} of {option!r} is not a whole number")
            ranks[option] = r
        elif part == "slot" and slot:
            opt = _match_option(instrument, q, v)
            if opt is None:
                raise _Bad(f"unknown option {v!r}", options_hint)
            if opt in ranks:
                raise _Bad(f"{opt!r} is ranked twice")
            ranks[opt] = slot
    if value is not None:  # ODK 'rank' widget: names in ranked order
        order = value.split()
        unknown = [v for v in order if v not in names]
        if unknown:
            raise _Bad(f"unknown option {unknown[0]!r}", options_hint)
        if ranks:
            raise _Bad("the answer is given both as a list and as rank columns")
        if len(set(order)) != len(order):
            raise _Bad("an option is ranked twice")
        ranks = {o: i for i, o in enumerate(order, start=1)}
    return ranks or None


def _split_multiple(instrument: Instrument, q: Question, value: str) -> tuple[str, ...]:
    names = instrument.option_names(q)
    tokens = value.split()
    if tokens and all(t in names for t in tokens):
        return tuple(tokens)
    whole = _match_option(instrument, q, value)
    if whole is not None:
        return (whole,)
    for sep in (";", ",", "\n"):
        if sep in value:
            parts = [p.strip() for p in value.split(sep) if p.strip()]
            matched = [_match_option(instrument, q, p) for p in parts]
            if all(m is not None for m in matched):
                return tuple(m for m in matched if m is not None)
    segmented = _segment_labels(instrument, q, tokens)
    if segmented is not None:
        return segmented
    unknown = [t for t in tokens if t not in names]
    raise _Bad(
        "unknown option" + ("s " if len(unknown) > 1 else " ") + ", ".join(map(repr, unknown)),
        "options: " + ", ".join(names),
    )


def _segment_labels(
    instrument: Instrument, q: Question, tokens: Sequence[str]
) -> tuple[str, ...] | None:
    """Split space-joined option labels ("Sex industry Agriculture") into option names."""
    by_label: dict[str, str] = {}
    for o in instrument.options(q):
        for text in (o.name, *o.label.values()):
            by_label.setdefault(_norm(text), o.name)
    n = len(tokens)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(1, n + 1):
        for j in range(i):
            done = best[j]
            if done is None:
                continue
            name = by_label.get(_norm(" ".join(tokens[j:i])))
            if name is not None:
                best[i] = (*done, name)
                break
    return best[n] or None


def responses_from_records(
    records: Iterable[tuple[str, Sequence[tuple[str, Any]]]],
    instrument: Instrument,
    *,
    file: str | None = None,
    code_prefix: str | None = None,
) -> ResponseSet:
    """Check flat records ``(location, [(header, value), ...])`` against ``instrument``."""
    columns = _Columns(instrument)
    accepted: list[Response] = []
    rejected: list[Rejection] = []
    first_seen: dict[str, str] = {}
    n = 0
    for location, cells in records:
        n += 1
        rec = _Record(location, tuple((str(h), v) for h, v in cells))
        response, problems = _build(rec, instrument, columns, number=n, code_prefix=code_prefix)
        code = response.code if response else _code_of(rec, columns)
        if response is not None and response.code in first_seen:
            problems = [
                (None, f"respondent code repeated (first at {first_seen[response.code]})", None)
            ]
            response = None
        for question, reason, hint in problems:
            where = f"{location} / {code}" if code else location
            if question:
                where += f" / {question}"
            rejected.append(
                Rejection(
                    reason=reason,
                    respondent=code or None,
                    question=question,
                    file=file,
                    location=where,
                    hint=hint,
                )
            )
        if response is not None:
            first_seen[response.code] = location
            accepted.append(response)
    return ResponseSet(
        instrument=instrument.id,
        instrument_version=instrument.version,
        responses=tuple(accepted),
        rejected=tuple(rejected),
        source=file,
        records_read=n,
    )


def _code_of(rec: _Record, columns: _Columns) -> str:
    for header, raw in rec.cells:
        t = columns.resolve(header)
        if t is not None and t.part == "code":
            return _cell(raw)
    return ""


# -- files ----------------------------------------------------------------------


def read_responses(
    path: PathLike,
    instrument: Instrument | str,
    *,
    sheet: str | None = None,
    code_prefix: str | None = None,
) -> ResponseSet:
    """Read the responses in a JSON, CSV or XLSX file (see the module docstring).

    ``instrument`` is an :class:`Instrument` or the name of a built-in one.

    ``code_prefix`` (e.g. ``"AZEsur"``) numbers records that have no code column
    (by Kobo's ``_index`` where present, else by record order). ``sheet`` picks an
    XLSX sheet (default: the first). Raises :class:`~ctnat.errors.FileFormatError`
    if the file cannot be read at all; invalid records go to ``rejected``.
    """
    if isinstance(instrument, str):
        from .catalogue import builtin

        instrument = builtin(instrument)
    p = Path(path)
    file = str(p)
    suffix = p.suffix.lower()
    if suffix == ".json":
        return _read_json(p, instrument, code_prefix=code_prefix)
    if suffix in {".csv", ".txt"}:
        return responses_from_records(
            _csv_records(p), instrument, file=file, code_prefix=code_prefix
        )
    if suffix in {".xlsx", ".xlsm"}:
        return responses_from_records(
            _xlsx_records(p, sheet), instrument, file=file, code_prefix=code_prefix
        )
    raise FileFormatError(
        f"cannot read responses from a {suffix or 'suffix-less'} file",
        file=file,
        hint="use .json, .csv or .xlsx",
    )


def _read_text(p: Path) -> str:
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise FileFormatError(f"cannot read the file: {exc.strerror or exc}", file=str(p)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            f"not UTF-8 text (byte {exc.start})", file=str(p), hint="export the file as UTF-8"
        ) from None


def _csv_records(p: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    text = _read_text(p)
    if "\x00" in text:
        raise FileFormatError("binary content; expected CSV text", file=str(p))
    first = text.split("\n", 1)[0]
    # the separator that splits the header into most fields (quoted text not counted)
    sep = max((",", ";", "\t"), key=lambda d: len(next(csv.reader([first], delimiter=d), [])))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        raise FileFormatError(f"not valid CSV: {exc}", file=str(p)) from None
    if not rows or not any(c.strip() for c in rows[0]):
        raise FileFormatError("no header row", file=str(p))
    header = rows[0]
    return _table_records(header, rows[1:], lambda i: f"row {i}")


def _table_records(
    header: Sequence[str], rows: Sequence[Sequence[Any]], where: Any
) -> list[tuple[str, list[tuple[str, Any]]]]:
    out: list[tuple[str, list[tuple[str, Any]]]] = []
    for i, row in enumerate(rows, start=2):
        if not any(_cell(c) for c in row):
            continue  # a blank line is not a record
        cells = [
            (h, row[j] if j < len(row) else "")
            for j, h in enumerate(header)
            if str(h or "").strip()
        ]
        extra = [c for c in row[len(header) :] if _cell(c)]
        if extra:
            cells.append(("(cells beyond the header)", " ".join(_cell(c) for c in extra)))
        out.append((where(i), cells))
    return out


def _xlsx_records(p: Path, sheet: str | None) -> list[tuple[str, list[tuple[str, Any]]]]:
    openpyxl = require_extra("openpyxl", "xlsx", "reading XLSX", file=str(p))
    import zipfile

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FileFormatError(f"not a readable XLSX workbook: {exc}", file=str(p)) from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise FileFormatError(
                f"no sheet {sheet!r}", file=str(p), hint="sheets: " + ", ".join(wb.sheetnames)
            )
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    if not rows:
        raise FileFormatError("the sheet is empty", file=str(p))
    header = [_cell(h) for h in rows[0]]
    return _table_records(header, rows[1:], lambda i: f"{ws.title}!row {i}")


def _read_json(p: Path, instrument: Instrument, *, code_prefix: str | None) -> ResponseSet:
    file = str(p)
    data = parse_text(_read_text(p), file=file, fmt="json")
    if isinstance(data, dict) and "responses" in data:
        return _read_response_set(data, instrument, file)
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    if not isinstance(data, list):
        raise FileFormatError(
            "expected a ctnat response set or a list of Kobo/ODK submissions", file=file
        )
    records: list[tuple[str, list[tuple[str, Any]]]] = []
    bad: list[Rejection] = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            bad.append(
                Rejection(
                    reason="a submission must be an object", file=file, location=f"record {i}"
                )
            )
            continue
        records.append((f"record {i}", list(item.items())))
    rs = responses_from_records(records, instrument, file=file, code_prefix=code_prefix)
    if not bad:
        return rs
    return rs.model_copy(update={"rejected": rs.rejected + tuple(bad), "records_read": len(data)})


def _read_response_set(data: dict[str, Any], instrument: Instrument, file: str) -> ResponseSet:
    inst = data.get("instrument")
    if inst != instrument.id:
        raise ValidationError(
            f"the responses are for instrument {inst!r}, not {instrument.id!r}",
            file=file,
            location="instrument",
        )
    raw = data.get("responses")
    if not isinstance(raw, list):
        raise FileFormatError("'responses' must be a list", file=file, location="responses")
    accepted: list[Response] = []
    rejected: list[Rejection] = []
    for r in data.get("rejected") or ():
        try:
            rejected.append(Rejection.model_validate(r))
        except pydantic.ValidationError:
            rejected.append(
                Rejection(reason=f"unreadable rejection {r!r}", file=file, location="rejected")
            )
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"responses[{i}]"
        code = item.get("code") if isinstance(item, dict) else None
        code = code if isinstance(code, str) else None
        try:
            response = Response.model_validate(item)
        except pydantic.ValidationError as exc:
            for p in problems_from(exc, file=file, prefix=where):
                rejected.append(
                    Rejection(reason=p.reason, respondent=code, file=file, location=p.location)
                )
            continue
        problems: list[Problem] = list(check_response(response, instrument))
        if response.code in seen:
            problems.append(Problem("respondent code repeated"))
        if problems:
            for p in problems:
                rejected.append(
                    Rejection(
                        reason=p.reason,
                        respondent=response.code,
                        question=p.location or None,
                        file=file,
                        location=f"{where} / {response.code}"
                        + (f" / {p.location}" if p.location else ""),
                        hint=p.hint,
                    )
                )
            continue
        seen.add(response.code)
        accepted.append(response)
    return ResponseSet(
        instrument=instrument.id,
        instrument_version=str(data.get("instrument_version") or instrument.version),
        responses=tuple(accepted),
        rejected=tuple(rejected),
        source=file,
        records_read=len(raw),
    )


# -- writing --------------------------------------------------------------------


def _safe(text: str) -> str:
    """Neutralise text a spreadsheet would run as a formula (:func:`ctnat._cells.neutralise`)."""
    return neutralise(text)


def _rows(responses: ResponseSet, instrument: Instrument) -> tuple[list[str], list[list[str]]]:
    fields = form_fields(instrument)
    meta = [m for m in KEPT_META if any(m in r.meta for r in responses.responses)]
    header = [CODE_FIELD, *(f.name for f in fields), *meta]
    rows: list[list[str]] = []
    for r in responses.responses:
        row = [_safe(r.code)]
        for f in fields:
            q = instrument.question(f.question)
            value = r.profile.get(q.profile) if q.profile else r.answers.get(q.id)
            row.append(_safe(_field_text(f, value, r.other.get(q.id))))
        row += [_safe(r.meta.get(m, "")) for m in meta]
        rows.append(row)
    return header, rows


def _field_text(f: FormField, value: AnswerValue | None, other: str | None) -> str:
    if f.part == "other":
        return other or ""
    if value is None:
        return ""
    if f.part == "rank":
        assert isinstance(value, dict)
        assert f.option is not None
        rank = value.get(f.option)
        return "" if rank is None else str(rank)
    if f.part == "slot":
        assert isinstance(value, dict)
        return next((o for o, k in value.items() if k == f.slot), "")
    if isinstance(value, tuple):
        return " ".join(value)
    assert isinstance(value, str)
    return value


def write_responses(
    responses: ResponseSet,
    path: PathLike,
    instrument: Instrument,
    *,
    sep: str = ",",
    overwrite: bool = False,
) -> None:
    """Write responses as a response-set JSON, or as a Kobo-style CSV or XLSX
    (XML names as headers, select-multiple space-separated).

    Rejections are kept in JSON only. Text that a spreadsheet would run as a
    formula (starting with ``= + - @``, a tab, CR or LF, or their full-width
    forms) is written with a leading ``'``, which :func:`read_responses`
    removes. Workbooks have fixed timestamps (``SOURCE_DATE_EPOCH``). An existing
    file is replaced only with ``overwrite=True``.
    """
    from .._write import check_writable, write_text

    p = check_writable(path, overwrite=overwrite)
    suffix = p.suffix.lower()
    try:
        if suffix == ".json":
            write_text(
                p,
                json.dumps(responses.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n",
                overwrite=overwrite,
            )
            return
        header, rows = _rows(responses, instrument)
        if suffix == ".csv":
            buf = io.StringIO(newline="")
            w = csv.writer(buf, delimiter=sep)
            w.writerow(header)
            w.writerows(rows)
            write_text(p, buf.getvalue(), overwrite=overwrite)
            return
        if suffix == ".xlsx":
            openpyxl = require_extra("openpyxl", "xlsx", "writing XLSX", file=str(p))
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "responses"
            ws.append(header)
            for row in rows:
                ws.append(row)
            save_workbook(wb, p, overwrite=overwrite)  # fixed timestamps
            return
    except OSError as exc:
        raise FileFormatError(
            f"cannot write the file: {exc.strerror or exc}", file=str(p)
        ) from None
    raise FileFormatError(
        f"cannot write responses as {suffix or 'a suffix-less file'}", file=str(p)
    )
