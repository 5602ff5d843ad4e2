"""Interview records for the guide of Annex C, and its routing rule.

The guide asks everyone sections 1, 7 and 8, and 2 to 3 of sections 2-6 chosen
from the answers to 1.1 and 1.2 (the "Plan" row of Annex C). The rule is data on
the instrument (:class:`~ctnat.survey.model.Routing`); :func:`check_routing`
enforces it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .._io import compile_pattern, csv_rows, parse_json, read_mapping, read_sheet, read_text
from ..errors import FileFormatError, Problem, ValidationError
from ._pydantic import problems_from
from .model import Instrument
from .responses import Rejection

__all__ = [
    "EntityType",
    "InterviewFormat",
    "InterviewRecord",
    "InterviewSet",
    "Participants",
    "check_interview",
    "check_routing",
    "read_interviews",
    "routing_problems",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EntityType(StrEnum):
    """The kinds of interviewed stakeholder of Annex B."""

    STATE = "state"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    NGO_OTHER = "ngo_other"


class InterviewFormat(StrEnum):
    """How the interview was held."""

    IN_PERSON = "in_person"
    GROUP = "group"
    REMOTE = "remote"
    WRITTEN = "written"
    OTHER = "other"


class Participants(_Frozen):
    """The number of participants by sex ("Number and sex of participants")."""

    female: int = Field(default=0, ge=0)
    male: int = Field(default=0, ge=0)
    unstated: int = Field(default=0, ge=0)

    @property
    def total(self) -> int:
        """All participants."""
        return self.female + self.male + self.unstated


class InterviewRecord(_Frozen):
    """One in-depth interview, coded like ``AZEint1``.

    ``sections`` are the guide's sections asked (checked against the routing
    rule by :func:`check_interview`); ``notes`` maps a question id (``"3.5"``) to
    the interviewer's notes; ``themes`` maps a question id to the theme codes
    assigned to those notes (``("hotline_awareness", "ngo_funding")``). No
    respondent names are kept; ``organisation`` is optional.
    """

    code: str = Field(min_length=1)
    date: dt.date
    format: InterviewFormat
    participants: Participants
    entity_type: EntityType
    organisation: str | None = None
    sections: tuple[str, ...]
    notes: dict[str, str] = Field(default_factory=dict)
    themes: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    observations: str | None = None

    @field_validator("themes")
    @classmethod
    def _theme_codes(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for qid, codes in value.items():
            for code in codes:
                if not re.match(r"^[a-z0-9][a-z0-9_\-]*$", code):
                    raise ValueError(
                        f"theme {code!r} of question {qid}: use lower-case codes such as "
                        "'hotline_awareness'"
                    )
            if len(set(codes)) != len(codes):
                raise ValueError(f"question {qid}: a theme is repeated")
        return value

    @property
    def country_code(self) -> str:
        """The country part of the code (``AZE`` for ``AZEint1``)."""
        m = re.match(r"^[A-Za-z]+?(?=int|sur|[0-9])", self.code)
        return m.group(0) if m else self.code[:3]

    def themes_by_section(self) -> dict[str, tuple[str, ...]]:
        """Theme codes per guide section (``"3.4"`` counts for section ``"3"``), in order."""
        out: dict[str, dict[str, None]] = {}
        for qid, codes in self.themes.items():
            section = qid.split(".", 1)[0]
            out.setdefault(section, {}).update(dict.fromkeys(codes))
        return {sid: tuple(codes) for sid, codes in out.items()}

    def theme_counts(self) -> dict[str, int]:
        """How many questions each theme was coded on, in this interview."""
        counts: dict[str, int] = {}
        for codes in self.themes.values():
            for code in codes:
                counts[code] = counts.get(code, 0) + 1
        return counts


def routing_problems(instrument: Instrument, sections: Iterable[str]) -> tuple[Problem, ...]:
    """How the ``sections`` asked break the instrument's routing rule (empty if none)."""
    asked = tuple(sections)
    rule = instrument.routing
    problems: list[Problem] = []
    known = {s.id for s in instrument.sections}
    for sid in asked:
        if sid not in known:
            problems.append(
                Problem(f"section {sid!r} is not in {instrument.id}", location="sections")
            )
    if len(set(asked)) != len(asked):
        problems.append(Problem("a section is listed twice", location="sections"))
    if rule is None:
        return tuple(problems)
    for sid in rule.always:
        if sid not in asked:
            problems.append(Problem(f"section {sid} must always be asked", location="sections"))
    chosen = [s for s in dict.fromkeys(asked) if s in rule.choose_from]
    if not rule.min_choice <= len(chosen) <= rule.max_choice:
        problems.append(
            Problem(
                f"{len(chosen)} of sections {', '.join(rule.choose_from)} asked; the guide asks "
                f"{rule.min_choice} to {rule.max_choice} of them",
                location="sections",
            )
        )
    return tuple(problems)


def check_routing(instrument: Instrument, sections: Iterable[str]) -> None:
    """Raise :class:`~ctnat.errors.ValidationError` if ``sections`` break the routing.

    ```python
    >>> from ctnat.survey import builtin
    >>> guide = builtin("ct-nat-2016-interview")
    >>> check_routing(guide, ["1", "3", "4", "7", "8"])
    >>> check_routing(guide, ["1", "3", "7", "8"])
    Traceback (most recent call last):
    ...
    ctnat.errors.ValidationError: sections: 1 of sections 2, 3, 4, 5, 6 asked; the guide asks 2 to 3 of them

    ```
    """
    problems = routing_problems(instrument, sections)
    if problems:
        raise ValidationError(problems)


def check_interview(record: InterviewRecord, instrument: Instrument) -> tuple[Problem, ...]:
    """Every way ``record`` breaks the rules of the interview guide (empty if none)."""
    problems: list[Problem] = []
    where = record.code
    if instrument.kind != "interview":
        problems.append(Problem(f"{instrument.id} is not an interview guide", location=where))
    if not compile_pattern(instrument.code_pattern).match(record.code):
        problems.append(
            Problem(
                f"interview code {record.code!r} does not match {instrument.code_pattern}",
                location=where,
                hint="codes are the country's three letters, 'int' and a number, e.g. AZEint1",
            )
        )
    for p in routing_problems(instrument, record.sections):
        problems.append(Problem(p.reason, p.file, f"{where} / {p.location}", p.hint))
    if record.participants.total == 0:
        problems.append(Problem("an interview needs at least one participant", location=where))
    asked = set(record.sections)
    ids = {q.id: instrument.section_of(q.id).id for q in instrument.questions()}
    for qid in record.notes:
        if qid not in ids:
            problems.append(
                Problem(f"notes for unknown question {qid!r}", location=f"{where} / {qid}")
            )
        elif ids[qid] not in asked:
            problems.append(
                Problem(
                    f"notes for question {qid}, whose section {ids[qid]} was not asked",
                    location=f"{where} / {qid}",
                )
            )
    for qid in record.themes:
        if qid not in record.notes:
            problems.append(
                Problem("themes coded on a question without notes", location=f"{where} / {qid}")
            )
    return tuple(problems)


class InterviewSet(_Frozen):
    """The interview records of one guide, with what was rejected on reading."""

    instrument: str
    interviews: tuple[InterviewRecord, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    source: str | None = None
    records_read: int = Field(default=0, ge=0)

    def __len__(self) -> int:
        return len(self.interviews)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the accepted interviews."""
        return tuple(r.code for r in self.interviews)


def read_interviews(
    path: str | os.PathLike[str], instrument: Instrument | str = "ct-nat-2016-interview"
) -> InterviewSet:
    """Read interview records (``instrument``: a guide, or the name of a built-in one).

    Accepts YAML or JSON ``{instrument: ..., interviews: [...]}``, and Kobo/ODK
    exports (CSV, XLSX, or a JSON list of submissions) of the form that
    :meth:`Instrument.to_xlsform` makes from the guide: ``interview_date``,
    ``interview_format``, ``participants_female``/``participants_male``,
    ``entity_type``, the ``plan`` of sections asked, and notes per question.
    Each record is checked (fields, code, routing, notes in asked sections); a
    record with problems goes to ``rejected`` naming the interview and the
    reason, the others load. Themes are coded afterwards, on the notes.
    """
    if isinstance(instrument, str):
        from .catalogue import builtin

        instrument = builtin(instrument)
    p = Path(path)
    file = str(p)
    suffix = p.suffix.lower()
    if suffix in {".csv", ".txt", ".xlsx", ".xlsm"}:
        return _from_export(_export_records(p, suffix), instrument, file)
    if suffix == ".json":
        data_any = parse_json(read_text(p, expected="a JSON file"), file=file)
        if isinstance(data_any, dict) and isinstance(data_any.get("results"), list):
            data_any = data_any["results"]
        if isinstance(data_any, list):
            rows = [
                (f"record {i}", list(item.items()) if isinstance(item, dict) else [])
                for i, item in enumerate(data_any, start=1)
            ]
            return _from_export(rows, instrument, file)
    data = read_mapping(p)
    inst = data.get("instrument", instrument.id)
    if inst != instrument.id:
        raise ValidationError(
            f"the interviews are for instrument {inst!r}, not {instrument.id!r}",
            file=file,
            location="instrument",
        )
    raw: Any = data.get("interviews")
    if not isinstance(raw, list):
        raise FileFormatError(
            "'interviews' must be a list of records", file=file, location="interviews"
        )
    return _check_items(
        [(f"interviews[{i}]", item, []) for i, item in enumerate(raw)], instrument, file
    )


_RECORD_FIELDS = {
    "interview_date",
    "interview_format",
    "participants_female",
    "participants_male",
    "participants_unstated",
    "entity_type",
    "organisation",
    "observations",
    "plan",
}


def _export_records(p: Path, suffix: str) -> list[tuple[str, list[tuple[str, Any]]]]:
    """(where, [(header, value), ...]) for each non-blank row of a CSV or XLSX export.

    A value under a blank header, beyond the header or under a repeated header is
    kept under a header of its own (``(column 7, no header)``), so that it is
    reported as an unknown question rather than dropped or overwritten.
    """
    from .readers import _cell

    file = str(p)
    if suffix in {".csv", ".txt"}:
        rows: Iterable[Sequence[Any]] = csv_rows(read_text(p, expected="CSV text"), file=file)
        prefix = ""
    else:
        sheet = read_sheet(p, formulas=True)
        rows, prefix = sheet.rows, f"{sheet.title}!"
    it = iter(rows)
    first = next(it, None)
    if first is None or not any(_cell(h) for h in first):
        raise FileFormatError("no header row", file=file)
    header: list[str] = []
    for j, h in enumerate(first, start=1):
        text = _cell(h)
        header.append(
            text
            if text and text not in header
            else f"(column {j}, {'repeated header' if text else 'no header'})"
        )
    out: list[tuple[str, list[tuple[str, Any]]]] = []
    for i, row in enumerate(it, start=2):
        if not any(_cell(c) for c in row):
            continue  # a blank line is not a record
        cells = []
        for j, value in enumerate(row):
            name = header[j] if j < len(header) else f"(column {j + 1}, no header)"
            if name.startswith("(column") and not _cell(value):
                continue
            cells.append((name, value))
        out.append((f"{prefix}row {i}", cells))
    return out


def _from_export(
    rows: list[tuple[str, list[tuple[str, Any]]]], instrument: Instrument, file: str
) -> InterviewSet:
    from .readers import _SEP, _cell, _Columns, _int

    columns = _Columns(instrument)
    items: list[tuple[str, Any, list[str]]] = []
    for where, cells in rows:
        item: dict[str, Any] = {"notes": {}}
        participants: dict[str, Any] = {}
        problems: list[str] = []
        plan: list[str] | None = None
        for header, raw in cells:
            value = _cell(raw)
            last = _SEP.split(str(header).strip())[-1]
            if last in _RECORD_FIELDS:
                if not value:
                    continue
                if last == "plan":
                    plan = [v.removeprefix("s") for v in value.split()]
                elif last.startswith("participants_"):
                    n = _int(value)
                    participants[last.removeprefix("participants_")] = n if n is not None else value
                elif last == "interview_date":
                    item["date"] = value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", value) else value
                elif last == "interview_format":
                    item["format"] = value
                else:
                    item[last] = value
                continue
            target = columns.resolve(str(header))
            if target is None:
                if value:
                    problems.append(f"unknown question {header!r}")
            elif target.part == "code":
                item["code"] = value
            elif target.part == "value" and value:
                item["notes"][target.question] = value
        item["participants"] = participants
        asked = (
            set(plan)
            if plan is not None
            else {instrument.section_of(qid).id for qid in item["notes"]}
        )
        if instrument.routing is not None:
            asked |= set(instrument.routing.always)
        item["sections"] = [s.id for s in instrument.sections if s.id in asked] + sorted(
            asked - {s.id for s in instrument.sections}
        )
        items.append((where, item, problems))
    return _check_items(items, instrument, file)


def _check_items(
    items: list[tuple[str, Any, list[str]]], instrument: Instrument, file: str
) -> InterviewSet:
    accepted: list[InterviewRecord] = []
    rejected: list[Rejection] = []
    seen: set[str] = set()
    for where, item, found in items:
        code = item.get("code") if isinstance(item, dict) else None
        code = str(code) if code is not None else None
        if found:
            rejected += [
                Rejection(reason=r, respondent=code, file=file, location=f"{where} / {code or '?'}")
                for r in found
            ]
            continue
        try:
            record = InterviewRecord.model_validate(item)
        except pydantic.ValidationError as exc:
            for p in problems_from(exc, file=file):
                if where.startswith("interviews["):  # a YAML/JSON file: a path in it
                    location = f"{where}.{p.location}" if p.location else where
                else:  # an export row
                    location = " / ".join(x for x in (where, code, p.location) if x)
                rejected.append(
                    Rejection(
                        reason=p.reason,
                        respondent=code,
                        question=None,
                        file=file,
                        location=location,
                    )
                )
            continue
        problems = list(check_interview(record, instrument))
        if record.code in seen:
            problems.append(Problem("interview code repeated", location=record.code))
        if problems:
            rejected += [
                Rejection(
                    reason=p.reason,
                    respondent=record.code,
                    question=p.location.rsplit(" / ", 1)[-1] if " / " in p.location else None,
                    file=file,
                    location=f"{where} / {p.location}",
                    hint=p.hint,
                )
                for p in problems
            ]
            continue
        seen.add(record.code)
        accepted.append(record)
    return InterviewSet(
        instrument=instrument.id,
        interviews=tuple(accepted),
        rejected=tuple(rejected),
        source=file,
        records_read=len(items),
    )
