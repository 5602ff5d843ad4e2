"""The worksheet's Statistics sheet: one figure per row, with its source and breakdowns.

Columns: ``id``, ``measure``, ``label``, ``value``, ``unit``, ``year``, ``period start``,
``period end``, ``period label``, ``basis`` (stated or derived), ``derivation``,
``breakdowns``, ``evidence`` (one citation in the notation of the Indicators sheet)
and ``note``. A breakdowns cell lists the parts of the figure separated by ``;``::

    sex: female = 51; sex: male = 3; age: child = 1; form: labour = 3 (derived)

A category holding ``;``, ``=``, ``:`` or a quote is written in double quotes (a
doubled quote stands for one quote). :func:`format_breakdowns` writes the form
:func:`parse_breakdowns` reads back equal.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pydantic

from ..assessment import Assessment, Basis, Breakdown, BreakdownDimension, Statistic
from . import _layout as L
from ._citations import CitationError, format_evidence, parse_evidence
from ._narrative import citation_problem

if TYPE_CHECKING:
    from ._read import _Reader
    from ._write import _Book

__all__ = [
    "COLUMNS",
    "STATISTICS",
    "format_breakdowns",
    "parse_breakdowns",
    "read_statistics",
    "write_statistics",
]

STATISTICS = L.STATISTICS
COLUMNS = (
    "id",
    "measure",
    "label",
    "value",
    "unit",
    "year",
    "period start",
    "period end",
    "period label",
    "basis",
    "derivation",
    "breakdowns",
    "evidence",
    "note",
)
_FIELD_COLUMN = {
    "period": "period start",
    "breakdowns": "breakdowns",
    "evidence": "evidence",
}
_PART = re.compile(r"^\s*(\w+)\s*:\s*(.*?)\s*=\s*([^=\s()]+)\s*(?:\((stated|derived)\))?\s*$")
_SPECIAL = re.compile(r'[;=:"\n\r]')


def _category(text: str) -> str:
    if _SPECIAL.search(text) or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) else repr(value)


def format_breakdowns(parts: Iterable[Breakdown]) -> str:
    """The breakdowns as one cell's text."""
    out = []
    for b in parts:
        tail = " (derived)" if b.basis.value == "derived" else ""
        out.append(f"{b.dimension.value}: {_category(b.category)} = {_number(b.value)}{tail}")
    return "; ".join(out)


def _split(text: str) -> list[str]:
    """Split on ';' outside double quotes; quotes are kept for the part parser."""
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    if quoted:
        raise ValueError("a quote is opened and never closed")
    parts.append("".join(buf))
    return [p for p in parts if p.strip()]


def _parse_number(text: str) -> float | int:
    if re.fullmatch(r"\d+", text):
        return int(text)
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is not a number")
    return number


def parse_breakdowns(text: str) -> tuple[Breakdown, ...]:
    """Read a breakdowns cell; raises ValueError saying what is wrong."""
    dims = ", ".join(d.value for d in BreakdownDimension)
    out = []
    for part in _split(text):
        stripped = part.strip()
        category: str
        if ":" in stripped and '"' in stripped.split("=", 1)[0]:
            head, _, rest = stripped.partition(":")
            m = re.fullmatch(
                r'\s*"((?:[^"]|"")*)"\s*=\s*(\S+?)\s*(?:\((stated|derived)\))?\s*', rest
            )
            if m is None:
                raise ValueError(f"{stripped!r}: write 'dimension: category = value'")
            dim, category, number, basis = (
                head.strip(),
                m.group(1).replace('""', '"'),
                m.group(2),
                m.group(3),
            )
        else:
            m2 = _PART.match(stripped)
            if m2 is None or not m2.group(2):
                raise ValueError(
                    f"{stripped!r}: write 'dimension: category = value', e.g. 'sex: female = 51'"
                )
            dim, category, number, basis = m2.group(1), m2.group(2), m2.group(3), m2.group(4)
        if dim.lower() not in {d.value for d in BreakdownDimension}:
            raise ValueError(f"{dim!r} is not a breakdown dimension (one of: {dims})")
        out.append(
            Breakdown(
                dimension=BreakdownDimension(dim.lower()),
                category=category,
                value=_parse_number(number),
                basis=Basis(basis or "stated"),
            )
        )
    return tuple(out)


def write_statistics(book: _Book, assessment: Assessment | None) -> None:
    """The Statistics sheet, one row per statistic of the assessment."""
    ws = book.sheet(STATISTICS)
    book.header(ws, COLUMNS)
    stats = assessment.statistics if assessment is not None else ()
    for row, s in enumerate(stats, start=2):
        period = s.period
        values: list[object] = [
            s.id,
            s.measure,
            s.label,
            s.value,
            s.unit,
            s.year,
            period.start if period else None,
            period.end if period else None,
            period.label if period else None,
            s.basis.value,
            s.derivation,
            format_breakdowns(s.breakdowns) or None,
            format_evidence((s.evidence,)),
            s.note,
        ]
        for col, value in enumerate(values, start=1):
            if value is not None and value != "":
                book.put(ws, row, col, value).alignment = book.wrap
    last = 1 + len(stats) + 200
    book.dropdown(ws, f"J2:J{last}", ("stated", "derived"), "stated or derived")
    book.date(ws, f"G2:H{last}")
    for letter, width in (("C", 50), ("L", 40), ("M", 40), ("N", 40)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "B2"


def _as_date(value: Any) -> dt.date | None:
    from ._open import cell_text

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def _as_value(value: Any) -> float | int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    from ._open import cell_text

    text = (cell_text(value) or "").replace(",", "")
    if not text:
        raise ValueError("a value is required")
    return _parse_number(text)


def _as_year(value: Any) -> int | None:
    from ._open import cell_text

    if value is None or cell_text(value) is None:
        return None
    number = _as_value(value)
    if not float(number).is_integer():
        raise ValueError(f"{value!r} is not a year")
    return int(number)


def _field_of(message: str) -> str:
    for word, field in (
        ("breakdown", "breakdowns"),
        ("derivation", "derivation"),
        ("year", "year"),
        ("period", "period"),
    ):
        if word in message:
            return field
    return "id"


def read_statistics(
    rd: _Reader,
    known_sources: set[str],
    legacy: Any = None,
    *,
    interviews: set[Any] | None = None,
    survey_items: set[Any] | None = None,
) -> list[dict[str, Any]]:
    """The statistics of the Statistics sheet, as mappings; bad rows are reported by cell.

    A workbook written before the sheet existed kept its statistics in the hidden
    store: ``legacy`` (that list) is used when the sheet is absent.
    """
    if STATISTICS not in rd.sheets:
        return list(legacy) if isinstance(legacy, list) else []
    cols = rd.columns(STATISTICS, COLUMNS, ("id", "label", "value", "basis", "evidence"))
    if cols is None:
        return []
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for r, texts, raw in rd.records(STATISTICS, cols, 2):
        bad = 0

        def fail(key: str, reason: str, hint: str | None = None, row: int = r) -> None:
            nonlocal bad
            bad += 1
            rd.bad(STATISTICS, rd.cell(cols, key if key in cols else "id", row), reason, hint)

        data: dict[str, Any] = {
            key.replace(" ", "_"): texts[key]
            for key in ("id", "measure", "label", "unit", "derivation", "note")
            if key in cols and texts.get(key) is not None
        }
        if texts.get("basis") is not None:
            data["basis"] = (texts["basis"] or "").strip().lower()
        try:
            data["value"] = _as_value(raw.get("value"))
        except ValueError as exc:
            fail("value", f"value: {exc}")
        try:
            year = _as_year(raw.get("year"))
            if year is not None:
                data["year"] = year
        except ValueError as exc:
            fail("year", f"year: {exc}")
        try:
            start, end = _as_date(raw.get("period start")), _as_date(raw.get("period end"))
            if start is not None or end is not None:
                data["period"] = {"start": start, "end": end, "label": texts.get("period label")}
            elif texts.get("period label") is not None:
                fail("period label", "a period label needs the period's start and end dates")
        except ValueError as exc:
            fail("period start", f"period: {exc}")
        try:
            data["breakdowns"] = parse_breakdowns(texts.get("breakdowns") or "")
        except (ValueError, pydantic.ValidationError) as exc:
            fail("breakdowns", f"breakdowns: {exc}")
        try:
            evidence = parse_evidence(texts.get("evidence") or "")
        except (CitationError, pydantic.ValidationError) as exc:
            fail("evidence", f"evidence: {exc}")
            evidence = ()
        if len(evidence) != 1 and not bad:
            fail("evidence", "a statistic cites exactly one source (one citation, no ';')")
        elif evidence:
            data["evidence"] = evidence[0]
            problem = citation_problem(evidence, known_sources, interviews, survey_items)
            if problem is not None:
                fail("evidence", problem)
        ident = texts.get("id")
        if ident is not None and ident in seen:
            fail("id", f"statistic id {ident!r} is already used in row {seen[ident]}")
        if bad:
            continue
        try:
            stat = Statistic.model_validate(data)
        except pydantic.ValidationError as exc:
            for err in exc.errors(include_url=False)[:3]:
                msg = err["msg"].removeprefix("Value error, ")
                # a check across fields names no field: find its column from what it says
                field = str(err["loc"][0]) if err["loc"] else _field_of(msg)
                column = _FIELD_COLUMN.get(field, field)
                rd.bad(
                    STATISTICS,
                    rd.cell(cols, column if column in cols else "id", r),
                    f"{field}: {msg}",
                )
            continue
        seen[stat.id] = r
        out.append(stat.model_dump(mode="json", exclude_defaults=True))
    return out
