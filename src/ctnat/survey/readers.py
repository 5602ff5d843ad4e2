"""Reading survey responses from JSON, CSV and XLSX, including Kobo/ODK exports.

:func:`read_responses` reads, with its defaults, every layout KoboToolbox, ODK
Central and ODK Briefcase write (see ``docs/survey.md``): headers as XML names or
labels in any language of the form, group paths joined by ``/``, ``.``, ``-`` or
absent, ``,`` or ``;`` separated CSV, select-multiple answers as one column, as
0/1 columns or both, Kobo JSON (API v2 ``results`` or a plain list) and XLSX
(a text cell stored as a formula is read as its formula text), meta columns and
an HXL hashtag row under the header. It also reads ctnat's own response-set JSON.

Nothing is lost, answer by answer: an invalid answer is listed in
:attr:`ResponseSet.rejected` (respondent, question, value, reason) and the rest of
the respondent is kept; only a record with no usable identity or a repeated one is
rejected whole. Columns the instrument does not know are listed once in
:attr:`ResponseSet.ignored`. Every non-empty cell of the file is used, listed as
rejected, or listed as ignored.

Validation runs column by column on distinct values (numpy), and the answers are
kept as columns (:class:`~ctnat.survey._table.AnswerTable`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt
import pydantic

from .._cells import neutralise, restore, save_workbook
from .._extras import require_extra
from .._io import (
    DEFAULT_LIMITS,
    Factorised,
    Limits,
    csv_columns,
    csv_rows,
    open_workbook,
    parse_json,
    read_text,
    sniff_delimiter,
)
from ..errors import FileFormatError, Problem, ValidationError
from ._pydantic import problems_from
from ._table import AnswerTable, Column, Responses
from .layout import CODE_FIELD, FormField, form_fields, other_label, slot_label
from .model import Instrument, Question, QuestionType
from .responses import (
    AnswerValue,
    Exclusion,
    Ignored,
    Rejection,
    Response,
    ResponseSet,
    check_response,
)
from .rules import answer_rule

__all__ = ["KEPT_META", "read_responses", "responses_from_records", "write_responses"]

PathLike = str | os.PathLike[str]
Headers = Literal["auto", "names", "labels"]
Index = npt.NDArray[np.int32]

#: Meta fields kept in :attr:`Response.meta` by default: submission ids, times,
#: form version and review state. Everything else (user names, submitter ids,
#: device ids, phone numbers, GPS, audit logs, attachments, notes, tags) is
#: listed in ``ignored`` and dropped unless named in ``keep_meta``.
KEPT_META = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_status",
    "_index",
    "__version__",
    "start",
    "end",
    "today",
    "instanceID",
    "SubmissionDate",
    "KEY",
    "ReviewState",
    "FormVersion",
)
#: Standard XLSForm / Central / Briefcase meta field names (compared case-blind).
_META_NAMES = {
    m.casefold(): m
    for m in (
        *KEPT_META,
        "deviceid",
        "username",
        "simserial",
        "subscriberid",
        "phonenumber",
        "email",
        "audit",
        "uuid",
        "instanceName",
        "deprecatedID",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "DeviceID",
        "Edits",
    )
}
#: Meta fields that identify a submission, in order of preference (for derived codes).
_SUBMISSION_IDS = ("_uuid", "instanceID", "KEY", "_id")
_SUBMISSION_TIMES = ("_submission_time", "SubmissionDate", "end", "start")
#: Group separators: Kobo uses '/' (or '.' when chosen), ODK Central and Briefcase '-'.
_SEP = re.compile(r"[/.\-]")
_CODE_HEADERS = {
    "code",
    "respondent",
    "respondent_code",
    "respondent code",
    "survey_code",
    "survey #",
    "survey no",
}
_TRUE = {"1", "1.0", "true", "yes", "y"}
_FALSE = {"0", "0.0", "false", "no", "n"}


def _norm(text: str) -> str:
    text = text.replace("–", "-").replace("—", "-")  # noqa: RUF001 - dashes in labels
    return re.sub(r"\s+", " ", text).strip().casefold()


# -- resolving columns --------------------------------------------------------


@attrs.frozen
class _Target:
    question: str
    part: str  # value | other | rank | slot | option | code | meta | note
    option: str | None = None
    slot: int | None = None
    meta: str | None = None


class _Columns:
    """Resolves export headers to form fields for one instrument."""

    def __init__(self, instrument: Instrument, headers: Headers = "auto") -> None:
        self.instrument = instrument
        keys: dict[str, _Target | None] = {}
        names_ok, labels_ok = headers != "labels", headers != "names"

        def add(key: str, target: _Target, *, label: bool) -> None:
            if not (labels_ok if label else names_ok):
                return
            k = _norm(key)
            if not k:
                return
            if k in keys and keys[k] != target:
                keys[k] = None  # ambiguous: refuse to guess
            else:
                keys[k] = target

        fields = form_fields(instrument)
        for f in fields:
            add(f.name, _from_field(f), label=False)
        for text in (instrument.code_label or {}).values():
            add(text, _Target("", "code"), label=True)  # an office's own wording
        note = _Target("", "note")
        for section in instrument.sections:
            add(f"s{section.id.replace('.', '_')}_intro", note, label=False)
            for text in (section.intro or {}).values():
                add(text, note, label=True)
        for q in instrument.questions():
            value = _Target(q.id, "value")
            add(q.id, value, label=False)
            for text in q.label.values():
                add(text, value, label=True)
                add(f"{q.id} {text}", value, label=True)
            if q.other_option is not None:
                for text in other_label(q).values():
                    add(text, _Target(q.id, "other"), label=True)
            if q.type is QuestionType.RANK:  # a rank field is labelled with its option
                for o in q.options:
                    for text in o.label.values():
                        add(text, _Target(q.id, "rank", option=o.name), label=True)
            if q.type is QuestionType.TOP_RANKED:
                for k in range(1, (q.count or 0) + 1):
                    for text in slot_label(q, k).values():
                        add(text, _Target(q.id, "slot", slot=k), label=True)
        self._keys = keys
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
        parts = re.split(_SEP, h)
        last = parts[-1]
        if h.startswith("_"):
            return _Target("", "meta", meta=h)
        if last.casefold() in _META_NAMES and (len(parts) == 1 or parts[0] in ("meta", "formhub")):
            return _Target("", "meta", meta=last)
        if h.startswith(("formhub", "meta/", "meta.", "meta-")) or h.endswith("_URL"):
            return _Target("", "meta", meta=h)
        if _norm(h) in _CODE_HEADERS or (len(parts) > 1 and _norm(last) in _CODE_HEADERS):
            return _Target("", "code")
        for cand in _suffixes(h):
            t = self._keys.get(_norm(cand))
            if t is not None:
                return t
        # option columns: <question>/<option>
        for j in _splits(h):
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


#: Group levels a header is looked at from its end: exports nest a few groups, and a
#: header with thousands of separators must not cost a quadratic number of lookups.
_MAX_LEVELS = 8


def _splits(h: str) -> list[int]:
    """The positions of the last :data:`_MAX_LEVELS` group separators of a header."""
    return [m.start() for m in re.finditer(_SEP, h)][-_MAX_LEVELS:]


def _suffixes(h: str) -> list[str]:
    out = [h, *(h[j + 1 :] for j in _splits(h))]
    return [c for c in out if c.strip()]


def _from_field(f: FormField) -> _Target:
    return _Target(f.question, f.part, option=f.option, slot=f.slot)


class _Options:
    """The options of one question, matched by name, then by name or label case-blind."""

    __slots__ = ("by_text", "hint", "known", "names")

    def __init__(self, instrument: Instrument, q: Question) -> None:
        options = instrument.options(q)
        self.names = instrument.option_names(q)
        self.known = frozenset(self.names)
        self.hint = "options: " + ", ".join(self.names)
        by_text: dict[str, str] = {}
        for o in options:
            by_text.setdefault(_norm(o.name), o.name)
        for o in options:
            for t in o.label.values():
                by_text.setdefault(_norm(t), o.name)
        self.by_text = by_text

    def match(self, text: str) -> str | None:
        if text in self.known:
            return text
        return self.by_text.get(_norm(text))


def _match_option(instrument: Instrument, q: Question, text: str) -> str | None:
    return _Options(instrument, q).match(text)


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


class _Bad(Exception):
    def __init__(self, reason: str, hint: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


def _answer(
    instrument: Instrument,
    q: Question,
    parts: Mapping[tuple[str, str | None, int | None], str],
    opts: _Options,
) -> AnswerValue | None:
    value = parts.get(("value", None, None))
    t = q.type
    if t is QuestionType.TEXT:
        return value
    if t in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
        if value is None:
            return None
        opt = opts.match(value)
        if opt is None:
            raise _Bad(f"unknown option {value!r}", opts.hint)
        return opt
    names = opts.names
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
        chosen = _split_multiple(instrument, q, value, opts)
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
            opt = opts.match(v)
            if opt is None:
                raise _Bad(f"unknown option {v!r}", opts.hint)
            if opt in ranks:
                raise _Bad(f"{opt!r} is ranked twice")
            ranks[opt] = slot
    if value is not None:  # ODK 'rank' widget: names in ranked order
        order = value.split()
        unknown = [v for v in order if v not in opts.known]
        if unknown:
            raise _Bad(f"unknown option {unknown[0]!r}", opts.hint)
        if ranks:
            raise _Bad("the answer is given both as a list and as rank columns")
        if len(set(order)) != len(order):
            raise _Bad("an option is ranked twice")
        ranks = {o: i for i, o in enumerate(order, start=1)}
    return ranks or None


def _split_multiple(
    instrument: Instrument, q: Question, value: str, opts: _Options
) -> tuple[str, ...]:
    tokens = value.split()
    if tokens and all(t in opts.known for t in tokens):
        return tuple(tokens)
    whole = opts.match(value)
    if whole is not None:
        return (whole,)
    for sep in (";", ",", "\n"):
        if sep in value:
            parts = [p.strip() for p in value.split(sep) if p.strip()]
            matched = [opts.match(p) for p in parts]
            if all(m is not None for m in matched):
                return tuple(m for m in matched if m is not None)
    segmented = _segment_labels(instrument, q, tokens)
    if segmented is not None:
        return segmented
    unknown = [t for t in tokens if t not in opts.known]
    raise _Bad(
        "unknown option" + ("s " if len(unknown) > 1 else " ") + ", ".join(map(repr, unknown)),
        opts.hint,
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


# -- a table of cells ------------------------------------------------------------


@attrs.frozen
class _Table:
    """What a file holds: a header, each column factorised, and where each record is.

    ``columns[j]`` is ``(values, index)``: the distinct cleaned texts of column ``j``
    (``values[0] == ""``) and, per record, the position of its cell's text in them.
    """

    header: list[str]
    columns: list[tuple[list[str], Index]]
    records: list[str]  # where each record is, e.g. "row 5"
    ignored: list[Ignored] = attrs.field(factory=list)


class _Factor:
    """One column factorised chunk by chunk: per-cell work in C, Python per new value."""

    __slots__ = ("ids", "parts", "remap")

    def __init__(self) -> None:
        self.remap: dict[Any, int] = {}
        self.ids: dict[str, int] = {"": 0}
        self.parts: list[Index] = []

    def add(self, cells: Sequence[Any]) -> None:
        remap = self.remap
        new = [x for x in dict.fromkeys(cells) if x not in remap]
        if new:
            ids = self.ids
            for raw, text in zip(new, _clean(new), strict=True):
                remap[raw] = ids.setdefault(text, len(ids))
        if len(cells) > 1:
            self.parts.append(np.array(itemgetter(*cells)(remap), dtype=np.int32))
        elif cells:
            self.parts.append(np.array([remap[cells[0]]], dtype=np.int32))

    def result(self) -> tuple[list[str], Index]:
        index = np.concatenate(self.parts) if self.parts else np.zeros(0, dtype=np.int32)
        return list(self.ids), index.astype(np.int32, copy=False)


def _clean(raw: Sequence[Any]) -> list[str]:
    """Cell values as text, as :func:`_cell` makes them (fast for plain strings)."""
    if set(map(type, raw)) <= {str}:
        clean = [x.strip() for x in raw]
        for i in [i for i, x in enumerate(clean) if x[:1] == "'"]:
            clean[i] = _cell(raw[i])  # ctnat's own escape of formula-like text
        return clean
    return [_cell(x) for x in raw]


def _factorised_table(
    header: Sequence[str], columns: Sequence[Factorised], where: Callable[[int], str]
) -> _Table:
    """:func:`_table` of a table already factorised column by column (raw texts).

    Gives what :func:`_table` gives for the same rows: blank rows dropped, an HXL
    hashtag row under the header listed in ``ignored``, texts cleaned by :func:`_cell`.
    """
    n = len(columns[0][1]) if columns else 0
    blank = np.ones(n, dtype=bool)
    cleaned: list[tuple[list[str], Index]] = []
    for values, index in columns:
        clean = _clean(values)
        if clean == values:  # the usual case: the raw texts are the cleaned ones
            blank &= index == 0  # (a blank text other than "" would have been stripped)
            cleaned.append((values, index))
            continue
        ids: dict[str, int] = {"": 0}
        lookup = np.array([ids.setdefault(t, len(ids)) for t in clean], dtype=np.int32)
        blank &= np.array([not v or v.isspace() for v in values], dtype=bool)[index]
        cleaned.append((list(ids), lookup[index]))
    keep = np.flatnonzero(~blank)
    ignored: list[Ignored] = []
    if len(keep):
        top = int(keep[0])
        row = [values[index[top]] for values, index in columns]
        if _is_hxl(row):
            ignored.append(
                Ignored(
                    column=f"{where(top + 2)} (HXL hashtags)",
                    reason="an HXL hashtag row",
                    cells=sum(1 for c in row if _cell(c)),
                )
            )
            keep = keep[1:]
    if len(keep) < n:
        cleaned = [(values, index[keep]) for values, index in cleaned]
    records = [where(k + 2) for k in keep.tolist()]
    return _Table([_cell(h) for h in header], cleaned, records, ignored)


_CHUNK = 8192
_SNIFF_CHARS = 1 << 20  # a header longer than 1 MiB is sniffed on its first MiB
#: From this size on a CSV export goes through pandas' C reader (when installed):
#: below it (a few hundred records) the csv module is as fast (``nox -s bench``).
_FAST_CSV_CHARS = 1 << 18


def _table(
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    where: Callable[[int], str],
    *,
    first: int = 2,
    plain: bool = False,
) -> _Table:
    """Rows under a header, read in chunks into factorised columns.

    Blank rows are dropped and an HXL hashtag row under the header and cells beyond
    the header are listed in ``ignored`` (``plain`` keeps every row as a record).
    """
    head = [_cell(h) for h in header]
    width = len(head)
    factors = [_Factor() for _ in range(width)]
    ignored: list[Ignored] = []
    records: list[str] = []
    buffer: list[Sequence[Any]] = []
    beyond = 0
    checked = plain

    def flush() -> None:
        if buffer:
            for factor, cells in zip(factors, zip(*buffer, strict=True), strict=True):
                factor.add(cells)
            buffer.clear()

    for i, r in enumerate(rows, start=first):
        if not plain:
            if not any(r):
                continue  # a blank line is not a record
            c0 = r[0]
            if (not c0 or (c0.__class__ is str and c0.isspace())) and _blank(r):
                continue
        if not checked:
            checked = True
            if _is_hxl(r):
                cells = sum(1 for c in r if _cell(c))
                ignored.append(
                    Ignored(
                        column=f"{where(i)} (HXL hashtags)",
                        reason="an HXL hashtag row",
                        cells=cells,
                    )
                )
                continue
        if len(r) == width:
            buffer.append(r)
        else:
            beyond += sum(1 for c in r[width:] if _cell(c))
            buffer.append([*r[:width], *([""] * (width - len(r)))])
        records.append(where(i))
        if len(buffer) >= _CHUNK:
            flush()
    flush()
    if beyond:
        ignored.append(
            Ignored(
                column="(cells beyond the header)", reason="cells without a header", cells=beyond
            )
        )
    return _Table(head, [f.result() for f in factors], records, ignored)


def _blank(row: Sequence[Any]) -> bool:
    """Whether every cell is empty or white space (stops at the first that is not)."""
    return all(not c or (isinstance(c, str) and c.isspace()) for c in row)


def _is_hxl(row: Sequence[Any]) -> bool:
    cells = [_cell(c) for c in row if _cell(c)]
    return bool(cells) and all(re.match(r"^#[A-Za-z][\w+ ]*$", c) for c in cells)


def _combine(arrays: Sequence[Index], sizes: Sequence[int]) -> tuple[Index, Index]:
    """Distinct combinations of several index arrays: (combination rows, inverse)."""
    if len(arrays) == 1:
        return np.arange(max(sizes[0], 1), dtype=np.int32)[:, None], arrays[0]
    radix = 1
    for s in sizes:
        radix *= max(s, 1)
    if radix < 2**62:
        key = np.zeros(len(arrays[0]), dtype=np.int64)
        for a, s in zip(arrays, sizes, strict=True):
            key = key * max(s, 1) + a
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        stack = np.stack(arrays, axis=1)
        return stack[first], inverse.astype(np.int32)
    stack = np.stack(arrays, axis=1)
    combos, inverse = np.unique(stack, axis=0, return_inverse=True)
    return combos, inverse.reshape(-1).astype(np.int32)


@attrs.define
class _Assembly:
    """The state of one reading: columns resolved, answers checked, rejections listed."""

    table: _Table
    instrument: Instrument
    file: str | None
    keep_meta: frozenset[str]  # casefolded
    n: int = 0
    pending: list[tuple[int, str, str | None, str | None, str | None, Any]] = attrs.field(
        factory=list
    )
    ignored: list[Ignored] = attrs.field(factory=list)
    columns: dict[tuple[str, str], Column] = attrs.field(factory=dict)
    answer_ids: dict[str, tuple[list[Any], Index]] = attrs.field(factory=dict)

    def reject(
        self,
        rows: Iterable[int],
        reason: str,
        *,
        codes: Sequence[str | None] = (),  # noqa: ARG002 - the codes are final only later
        question: str | None = None,
        value: str | None = None,
        hint: str | None = None,
        scope: Literal["answer", "record"] = "answer",
    ) -> None:
        """List a problem of records ``rows`` (made into rejections once codes are final)."""
        for i in rows:
            self.pending.append((i, reason, question, value, hint, scope))

    def rejections(self, codes: Sequence[str | None]) -> tuple[Rejection, ...]:
        """The problems listed, as rejections naming each record's final code."""
        out = []
        for i, reason, question, value, hint, scope in sorted(self.pending, key=lambda p: p[0]):
            record = self.table.records[i]
            code = codes[i]
            where = f"{record} / {code}" if code else record
            if question:
                where += f" / {question}"
            out.append(
                Rejection(
                    reason=reason,
                    respondent=code or None,
                    question=question,
                    value=value,
                    scope=scope,
                    record=record,
                    file=self.file,
                    location=where,
                    hint=hint,
                )
            )
        return tuple(out)


def _assemble(
    table: _Table,
    instrument: Instrument,
    *,
    file: str | None,
    code_prefix: str | None,
    keep_meta: Collection[str],
    headers: Headers,
) -> ResponseSet:
    n = len(table.records)
    asm = _Assembly(table, instrument, file, frozenset(k.casefold() for k in keep_meta), n)
    kept_meta: set[str] = set()
    asm.ignored.extend(table.ignored)
    resolver = _Columns(instrument, headers)
    groups: dict[str, list[tuple[tuple[str, str | None, int | None], str, list[str], Index]]] = {}
    code_cols: list[tuple[str, list[str], Index]] = []
    meta_cols: dict[str, tuple[list[str], Index]] = {}
    for j, header in enumerate(table.header):
        values, index = table.columns[j]
        cells = int(np.count_nonzero(index))
        if not header.strip():
            if cells:
                asm.ignored.append(
                    Ignored(
                        column=f"(column {j + 1}, no header)",
                        reason="a column without a header",
                        cells=cells,
                    )
                )
            continue
        t = resolver.resolve(header)
        if t is None:
            asm.ignored.append(
                Ignored(column=header, reason="not a question of the instrument", cells=cells)
            )
        elif t.part == "note":
            if cells:
                asm.ignored.append(
                    Ignored(column=header, reason="a note holds no answer", cells=cells)
                )
        elif t.part == "meta":
            name = t.meta or header
            if name in meta_cols:
                asm.ignored.append(
                    Ignored(column=header, reason="a repeated meta column", cells=cells)
                )
            elif name in KEPT_META or {name.casefold(), header.casefold()} & asm.keep_meta:
                kept_meta.add(name)
                meta_cols[name] = (values, index)
            elif name in _SUBMISSION_IDS or name in _SUBMISSION_TIMES:
                meta_cols[name] = (values, index)  # used for identity, kept only if asked
            else:
                asm.ignored.append(
                    Ignored(
                        column=header,
                        reason="meta field not kept by default (may identify people); "
                        "name it in keep_meta (CLI: --keep-meta) to keep it",
                        cells=cells,
                    )
                )
        elif t.part == "code":
            code_cols.append((header, values, index))
        else:
            groups.setdefault(t.question, []).append(
                ((t.part, t.option, t.slot), header, values, index)
            )
    codes = _codes_from_columns(asm, code_cols)
    for q in instrument.questions():
        members = groups.get(q.id)
        if members:
            _question(asm, q, members, codes)
    # a respondent who declined (or gave no) consent was asked nothing else: the form
    # ends there, without a code, so such a record is kept out, not rejected
    declined = _not_consenting(asm)
    for q in instrument.questions():
        if q.required:
            got = asm.answer_ids.get(q.id)
            missing = np.arange(n) if got is None else np.flatnonzero(got[1] == 0)
            asm.reject(
                [i for i in missing.tolist() if i not in declined],
                "required question not answered",
                codes=codes,
                question=q.id,
            )
    final, whole = _identities(asm, codes, meta_cols, code_prefix, has_code=bool(code_cols))
    if declined:
        asm.pending = [p for p in asm.pending if p[0] not in declined]
        whole -= declined
    keep_rows, excluded = _consent(asm, final, whole)
    rows = np.asarray(keep_rows, dtype=np.intp)
    for name, (values, index) in meta_cols.items():
        if name in kept_meta:
            asm.columns["meta", name] = Column([None, *values[1:]], index)
        elif np.count_nonzero(index):
            asm.ignored.append(
                Ignored(
                    column=name,
                    reason="submission id/time used for codes, not kept "
                    "(name it in keep_meta, CLI: --keep-meta, to keep it)",
                    cells=int(np.count_nonzero(index)),
                )
            )
    answer_table = AnswerTable(
        [final[i] or "" for i in keep_rows],
        {key: col.take(rows) for key, col in asm.columns.items()},
    )
    return ResponseSet(
        instrument=instrument.id,
        instrument_version=instrument.version,
        responses=Responses(table=answer_table),
        rejected=asm.rejections(final),
        ignored=tuple(asm.ignored),
        excluded=tuple(excluded),
        source=file,
        records_read=n,
    )


def _codes_from_columns(
    asm: _Assembly, code_cols: Sequence[tuple[str, list[str], Index]]
) -> list[str | None]:
    n = asm.n
    if not code_cols:
        return [None] * n
    _, values, index = code_cols[0]
    codes: list[str | None] = [values[k] or None for k in index.tolist()]
    for header, other_values, other_index in code_cols[1:]:
        for i, k in enumerate(other_index.tolist()):
            v = other_values[k] or None
            if v is None:
                continue
            if codes[i] is None:
                codes[i] = v
            elif codes[i] != v:
                asm.reject(
                    [i],
                    f"two code columns disagree ({codes[i]!r}, and {v!r} in {header!r})",
                    codes=codes,
                    value=v,
                    scope="record",
                    hint="keep one code column",
                )
                codes[i] = None
    return codes


def _question(
    asm: _Assembly,
    q: Question,
    members: Sequence[tuple[tuple[str, str | None, int | None], str, list[str], Index]],
    codes: Sequence[str | None],
) -> None:
    inst = asm.instrument
    rule = answer_rule(inst, q)
    opts = _Options(inst, q)
    answer_parts = [m for m in members if m[0][0] != "other"]
    other_parts = [m for m in members if m[0][0] == "other"]
    arrays = [m[3] for m in answer_parts]
    sizes = [len(m[2]) for m in answer_parts]
    other_index: Index | None = None
    other_values: list[str] = [""]
    if other_parts:
        other_values, other_index = other_parts[0][2], other_parts[0][3]
        for _, header, _vals, idx in other_parts[1:]:
            asm.ignored.append(
                Ignored(
                    column=header,
                    reason="a repeated 'other' column",
                    cells=int(np.count_nonzero(idx)),
                )
            )
        arrays.append((other_index != 0).astype(np.int32))
        sizes.append(2)
    source: tuple[list[Any], Index] | None = None
    if q.choices_from is not None:
        source = asm.answer_ids.get(q.choices_from)
        if source is not None:
            arrays.append(source[1])
            sizes.append(len(source[0]))
    if not arrays:
        return
    where = ("profile", q.profile) if q.profile is not None else ("answers", q.id)
    if q.type is QuestionType.TEXT and len(arrays) == 1 and answer_parts[0][0][0] == "value":
        # free text: every distinct value is a valid answer, nothing to check
        text_answers: list[Any] = [None, *answer_parts[0][2][1:]]
        asm.answer_ids[q.id] = (text_answers, answer_parts[0][3])
        asm.columns[where] = Column(text_answers, answer_parts[0][3])
        return
    combos, inverse = _combine(arrays, sizes)
    answers: list[Any] = [None]
    seen: dict[Any, int] = {}
    combo_answer = np.zeros(len(combos), dtype=np.int32)
    other_ok = np.ones(len(combos), dtype=bool)
    bad: list[tuple[int, str, str | None, str]] = []
    for c, combo in enumerate(combos.tolist()):
        parts: dict[tuple[str, str | None, int | None], str] = {}
        conflict = None
        shown: list[str] = []
        for (key, header, vals, _), k in zip(answer_parts, combo, strict=False):
            v = vals[k]
            if not v:
                continue
            shown.append(v if len(answer_parts) == 1 else f"{header}={v}")
            if key in parts and parts[key] != v:
                conflict = f"columns give different answers ({parts[key]!r}, {v!r} in {header!r})"
            parts.setdefault(key, v)
        if not parts and not other_parts:
            continue
        value_text = " | ".join(shown)
        try:
            if conflict:
                raise _Bad(conflict)
            answer = _answer(inst, q, parts, opts) if parts else None
            if answer is not None:
                found = rule.check(answer)
                if found is not None:
                    raise _Bad(*found)
                if source is not None and isinstance(answer, str):
                    chosen = _chosen(source[0][combo[-1]])
                    if chosen and answer not in chosen:
                        raise _Bad(
                            f"{answer!r} was not among the options chosen in {q.choices_from} "
                            f"({', '.join(chosen)})"
                        )
                if q.profile is not None and not isinstance(answer, str):
                    raise _Bad("a profile question takes one option")
        except _Bad as exc:
            bad.append((c, exc.reason, exc.hint, value_text))
            answer = None
        if other_parts and combo[len(answer_parts)]:
            opt = q.other_option
            other_ok[c] = opt is not None and opt.name in _chosen(answer)
        if answer is not None:
            key2 = _key(answer)
            a = seen.get(key2)
            if a is None:
                a = seen[key2] = len(answers)
                answers.append(answer)
            combo_answer[c] = a
    ids = combo_answer[inverse]
    for c, reason, hint, value_text in bad:
        rows = np.flatnonzero(inverse == c).tolist()
        asm.reject(rows, reason, codes=codes, question=q.id, value=value_text or None, hint=hint)
    asm.answer_ids[q.id] = (answers, ids)
    asm.columns[where] = Column(answers, ids)
    if other_index is not None:
        refused = (other_index != 0) & ~other_ok[inverse]
        opt = q.other_option
        for i in np.flatnonzero(refused).tolist():
            asm.reject(
                [i],
                "the question has no 'other - please specify' option"
                if opt is None
                else f"'other' text given but option {opt.name!r} is not chosen",
                codes=codes,
                question=q.id,
                value=other_values[other_index[i]],
            )
        kept = np.where(refused, 0, other_index).astype(np.int32)
        asm.columns["other", q.id] = Column([None, *other_values[1:]], kept)


def _key(value: Any) -> Any:
    if isinstance(value, dict):
        return ("\x00rank", tuple(sorted(value.items())))
    return value


def _chosen(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


# -- identity ------------------------------------------------------------------


def _identities(
    asm: _Assembly,
    codes: list[str | None],
    meta: Mapping[str, tuple[list[str], Index]],
    code_prefix: str | None,
    *,
    has_code: bool,
) -> tuple[list[str | None], set[int]]:
    """The final code of each record, and the records rejected whole."""
    n = asm.n
    inst = asm.instrument
    whole = {p[0] for p in asm.pending if p[5] == "record"}

    def meta_value(name: str, i: int) -> str:
        got = meta.get(name)
        return got[0][got[1][i]] if got is not None else ""

    missing = [i for i in range(n) if codes[i] is None and i not in whole]
    if missing:
        kind = "sur" if inst.kind == "survey" else "int"
        used: dict[str, int] = {}
        for c in codes:
            m = re.match(r"^(.*?)(\d+)$", c or "")
            if m:
                used[m.group(1)] = max(used.get(m.group(1), 0), int(m.group(2)))
        derive = [
            i
            for i in missing
            if code_prefix is not None
            or (not has_code and any(meta_value(s, i) for s in _SUBMISSION_IDS))
        ]
        order = sorted(derive, key=lambda i: _submission_order(meta_value, i))
        country = asm.answer_ids.get(_country_question(inst) or "")
        for i in order:
            prefix = code_prefix
            if prefix is None:
                iso = _iso3(inst, country[0][country[1][i]]) if country is not None else None
                prefix = f"{iso or 'XXX'}{kind}"
            used[prefix] = used.get(prefix, 0) + 1
            codes[i] = f"{prefix}{used[prefix]}"
        for i in sorted(set(missing) - set(derive)):
            asm.reject(
                [i],
                "no respondent code",
                codes=codes,
                scope="record",
                hint="fill in the code column, or pass code_prefix (CLI: --code-prefix) "
                "to number the records that have none",
            )
            whole.add(i)
    first: dict[str, int] = {}
    pattern = re.compile(inst.code_pattern)
    good: dict[str, bool] = {}
    for i in range(n):
        c = codes[i]
        if c is None or i in whole:
            continue
        ok = good.get(c)
        if ok is None:
            ok = good[c] = pattern.match(c) is not None
        if not ok:
            asm.reject(
                [i],
                f"respondent code {c!r} does not match {inst.code_pattern}",
                codes=codes,
                value=c,
                scope="record",
                hint="codes are the country's three letters, 'sur' and a number, e.g. AZEsur1",
            )
            whole.add(i)
        elif c in first:
            asm.reject(
                [i],
                f"respondent code repeated (first at {asm.table.records[first[c]]})",
                codes=codes,
                value=c,
                scope="record",
            )
            whole.add(i)
        else:
            first[c] = i
    return codes, whole


def _submission_order(meta_value: Callable[[str, int], str], i: int) -> tuple[Any, ...]:
    when = next((t for t in (_when(meta_value(s, i)) for s in _SUBMISSION_TIMES) if t), None)
    sid = next((v for v in (meta_value(s, i) for s in _SUBMISSION_IDS) if v), "")
    sid = sid.removeprefix("uuid:")
    return (when is None, when or datetime.min.replace(tzinfo=UTC), sid, i)


def _when(text: str) -> datetime | None:
    if not text:
        return None
    for parse in (
        datetime.fromisoformat,
        lambda t: datetime.strptime(t, "%b %d, %Y %I:%M:%S %p"),  # Briefcase
    ):
        try:
            d = parse(text)
        except ValueError:
            continue
        return d if d.tzinfo else d.replace(tzinfo=UTC)
    return None


def _country_question(instrument: Instrument) -> str | None:
    return next((q.id for q in instrument.profile_questions() if q.profile == "country"), None)


def _countries() -> dict[str, str]:
    """English short name (casefolded) -> ISO 3166-1 alpha-3, from the package's table."""
    path = Path(__file__).resolve().parent.parent / "assessment" / "countries.tsv"
    out: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return out
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, name = line.partition("\t")
            out[name.casefold()] = code
            out[code.casefold()] = code
    return out


_COUNTRIES: dict[str, dict[str, str]] = {}


def _iso3(instrument: Instrument, option: Any) -> str | None:
    """The ISO alpha-3 code of a country option (by its name or English label)."""
    if not isinstance(option, str):
        return None
    if not _COUNTRIES:
        _COUNTRIES["table"] = _countries()
    qid = _country_question(instrument)
    texts = [option, option.replace("_", " ")]
    if qid is not None:
        for o in instrument.options(qid):
            if o.name == option:
                texts += list(o.label.values())
    for t in texts:
        code = _COUNTRIES["table"].get(t.casefold())
        if code is not None:
            return code
    return None


def _not_consenting(asm: _Assembly) -> set[int]:
    """The records whose consent answer is not ``yes`` (none when there is no consent question)."""
    consent = getattr(asm.instrument, "consent", None)
    if not consent:
        return set()
    q = next((x for x in asm.instrument.questions() if consent in (x.id, x.name)), None)
    got = asm.answer_ids.get(q.id) if q is not None else None
    if got is None:
        return set(range(asm.n))
    return {i for i in range(asm.n) if got[0][got[1][i]] != "yes"}


def _consent(
    asm: _Assembly, codes: Sequence[str | None], whole: set[int]
) -> tuple[list[int], list[Exclusion]]:
    """The records kept, and those kept out of summaries (consent not given)."""
    inst = asm.instrument
    keep = [i for i in range(asm.n) if i not in whole]
    consent = getattr(inst, "consent", None)
    if not consent:
        return keep, []
    q = next((x for x in inst.questions() if consent in (x.id, x.name)), None)
    got = asm.answer_ids.get(q.id) if q is not None else None
    kept: list[int] = []
    excluded: list[Exclusion] = []
    for i in keep:
        answer = got[0][got[1][i]] if got is not None else None
        if answer == "yes":
            kept.append(i)
            continue
        excluded.append(
            Exclusion(
                respondent=codes[i] or "",
                reason="consent not recorded" if answer is None else "consent declined",
                record=asm.table.records[i],
            )
        )
    return kept, excluded


def responses_from_records(
    records: Iterable[tuple[str, Sequence[tuple[str, Any]]]],
    instrument: Instrument,
    *,
    file: str | None = None,
    code_prefix: str | None = None,
    keep_meta: Collection[str] = (),
    headers: Headers = "auto",
) -> ResponseSet:
    """Check flat records ``(location, [(header, value), ...])`` against ``instrument``.

    A header repeated within a record is read as a second column of that name.
    """
    positions: dict[tuple[str, int], int] = {}
    rows: list[dict[int, Any]] = []
    where: list[str] = []
    for location, cells in records:
        row: dict[int, Any] = {}
        count: dict[str, int] = {}
        for h, v in cells:
            name = str(h)
            k = count[name] = count.get(name, 0) + 1
            j = positions.setdefault((name, k), len(positions))
            row[j] = v
        rows.append(row)
        where.append(location)
    header = [h for h, _ in positions]
    table = _table(
        header,
        [[r.get(j) for j in range(len(header))] for r in rows],
        lambda i: where[i - 2],
        plain=True,
    )
    return _assemble(
        table, instrument, file=file, code_prefix=code_prefix, keep_meta=keep_meta, headers=headers
    )


# -- files ----------------------------------------------------------------------


def read_responses(
    path: PathLike,
    instrument: Instrument | str,
    *,
    sheet: str | None = None,
    code_prefix: str | None = None,
    keep_meta: Collection[str] = (),
    headers: Headers = "auto",
    limits: Limits = DEFAULT_LIMITS,
) -> ResponseSet:
    """Read the responses in a JSON, CSV or XLSX file (see the module docstring).

    ``instrument`` is an :class:`Instrument` or the name of a built-in one.

    Records without a code are given one from their submission (see
    ``docs/survey.md``, "How codes are made"); ``code_prefix`` (e.g. ``"AZEsur"``)
    replaces the country prefix and also numbers records that have neither a
    code nor a submission id. ``keep_meta`` names meta fields to keep beyond
    :data:`KEPT_META` (e.g. ``["_submitted_by"]``). ``headers`` forces reading
    headers as XML ``"names"`` or ``"labels"`` for the rare file where both could
    match (default ``"auto"``: either). ``sheet`` picks an XLSX sheet (default:
    the first). ``limits`` bounds the file (size, rows, cells; see
    :class:`ctnat.Limits`): a large export may need e.g.
    ``limits=Limits(max_bytes=200_000_000, max_cells=20_000_000)``. Raises
    :class:`~ctnat.errors.FileFormatError` if the file cannot be read at all (or
    passes a limit); invalid answers and records go to ``rejected``.
    """
    if isinstance(instrument, str):
        from .catalogue import builtin

        instrument = builtin(instrument)
    p = Path(path)
    file = str(p)
    suffix = p.suffix.lower()
    not_objects: list[int] = []
    if suffix == ".json":
        data = _load_json(p, limits)
        if isinstance(data, dict) and "responses" in data:
            return _read_response_set(data, instrument, file)
        table, not_objects = _json_table(data, file)
    elif suffix in {".csv", ".txt"}:
        table = _csv_table(p, limits)
    elif suffix in {".xlsx", ".xlsm"}:
        table = _xlsx_table(p, sheet, limits)
    else:
        raise FileFormatError(
            f"cannot read responses from a {suffix or 'suffix-less'} file",
            file=file,
            hint="use .json, .csv or .xlsx",
        )
    rs = _assemble(
        table,
        instrument,
        file=file,
        code_prefix=code_prefix,
        keep_meta=keep_meta,
        headers=headers,
    )
    if not not_objects:
        return rs
    bad = tuple(
        Rejection(
            reason="a submission must be an object",
            file=file,
            location=f"record {i}",
            record=f"record {i}",
        )
        for i in not_objects
    )
    return rs.model_copy(
        update={"rejected": rs.rejected + bad, "records_read": rs.records_read + len(bad)}
    )


# The three functions below are the only file access of this module.


def _read_text(p: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    return read_text(p, limits=limits, expected="a CSV or JSON export")


def _load_json(p: Path, limits: Limits = DEFAULT_LIMITS) -> Any:
    return parse_json(_read_text(p, limits), file=str(p), limits=limits)


def _csv_table(p: Path, limits: Limits = DEFAULT_LIMITS) -> _Table:
    text = _read_text(p, limits)
    # the separator is sniffed from the header, so only the start of the text is needed
    sep = sniff_delimiter(text[:_SNIFF_CHARS], file=str(p))
    fast = csv_columns(text, limits=limits, delimiter=sep) if len(text) >= _FAST_CSV_CHARS else None
    if fast is not None:
        if not any(c.strip() for c in fast[0]):
            raise FileFormatError("no header row", file=str(p))
        return _factorised_table(*fast, lambda i: f"row {i}")
    rows = csv_rows(text, file=str(p), limits=limits, delimiter=sep)
    header = next(rows, None)
    if not header or not any(c.strip() for c in header):
        raise FileFormatError("no header row", file=str(p))
    return _table(header, rows, lambda i: f"row {i}")


def _xlsx_table(p: Path, sheet: str | None, limits: Limits = DEFAULT_LIMITS) -> _Table:
    """An XLSX sheet; a formula cell gives its formula text, never a cached value."""
    require_extra("openpyxl", "xlsx", "reading XLSX", file=str(p))
    with open_workbook(p, limits=limits, formulas=True) as wb:
        if sheet is not None and sheet not in wb.sheetnames:
            raise FileFormatError(
                f"no sheet {sheet!r}", file=str(p), hint="sheets: " + ", ".join(wb.sheetnames)
            )
        if not wb.sheetnames:
            raise FileFormatError("the workbook has no worksheets", file=str(p))
        title = sheet if sheet is not None else wb.sheetnames[0]
        rows = wb.rows(sheet)
        header = next(rows, None)
        if header is None:
            raise FileFormatError("the sheet is empty", file=str(p))
        return _table(header, rows, lambda i: f"{title}!row {i}")


def _json_table(data: Any, file: str) -> tuple[_Table, list[int]]:
    """The submissions as a table, and the numbers of those that are not objects."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    if not isinstance(data, list):
        raise FileFormatError(
            "expected a ctnat response set or a list of Kobo/ODK submissions", file=file
        )
    kept = [i for i, item in enumerate(data, start=1) if isinstance(item, dict)]
    header: dict[str, None] = {}
    for i in kept:
        header.update(dict.fromkeys(str(k) for k in data[i - 1]))
    names = list(header)
    rows = [[_json_cell(data[i - 1].get(h)) for h in names] for i in kept]
    table = _table(names, rows, lambda i: f"record {kept[i - 2]}")
    return table, [i for i in range(1, len(data) + 1) if i not in set(kept)]


def _json_cell(value: Any) -> str:
    """A JSON value as cell text (Kobo's ``_validation_status`` object gives its uid)."""
    if isinstance(value, dict):
        if not value:
            return ""
        uid = value.get("uid") or value.get("label")
        return str(uid) if isinstance(uid, str) else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if all(v is None or v == "" for v in value):
            return ""
        return " ".join(
            json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else _cell(v)
            for v in value
        )
    return _cell(value)


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
    before_raw = data.get("rejected", [])
    if before_raw is None:
        before_raw = []
    if not isinstance(before_raw, list):
        raise FileFormatError(
            f"'rejected' must be a list, not {type(before_raw).__name__}",
            file=file,
            location="rejected",
        )
    before: list[Rejection] = []
    rejected: list[Rejection] = []
    for k, r in enumerate(before_raw):
        try:
            before.append(Rejection.model_validate(r))
        except pydantic.ValidationError:
            rejected.append(
                Rejection(
                    reason="unreadable rejection record",
                    file=file,
                    location=f"rejected[{k}]",
                    record=f"rejected[{k}]",
                    scope="answer",
                )
            )
    accepted: list[Response] = []
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
                    Rejection(
                        reason=p.reason,
                        respondent=code,
                        file=file,
                        location=p.location,
                        record=where,
                    )
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
                        record=where,
                        location=f"{where} / {response.code}"
                        + (f" / {p.location}" if p.location else ""),
                        hint=p.hint,
                    )
                )
            continue
        seen.add(response.code)
        accepted.append(response)
    version = data.get("instrument_version")
    return ResponseSet(
        instrument=instrument.id,
        instrument_version=version if isinstance(version, str) and version else instrument.version,
        responses=tuple(accepted),
        rejected=tuple(rejected),
        rejected_before=tuple(before),
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
