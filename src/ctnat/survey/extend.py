"""Extending an instrument with a YAML/JSON file: translations, rewording, added and
retired questions, without writing Python.

An extension file names its base (a built-in instrument or a path relative to the
file) and says what changes::

    extends: ct-nat-2016-survey
    id: ct-nat-2016-survey-aze
    version: "2026.1"
    translate:
      az:
        title: ...
        sections: {"3": "Identifikasiya və yönləndirmə"}
        questions: {"3.1.5": "..."}
        options: {"adequacy/adequate": "Adekvat", "2.2/forced_labour": "..."}
        notes: {confidentiality: ...}      # the preamble's texts, by note name
        headings: {confidentiality: ...}
    reword:
      - {question: "3.1.5", label: {en: "..."}, reason: "clearer for respondents"}
    add:
      - section: "2"
        after: "2.6"
        question: {id: "2.7", type: text, label: {en: "..."}}
    retire:
      - {question: "2.2.1", reason: "not asked in 2026"}

Every change is recorded in :attr:`Instrument.changes`; the result is checked like
any instrument, and each problem names the file and the place in it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from .._io import is_file, read_mapping
from ..errors import NotFoundError, Problem, ValidationError
from ._pydantic import problems_from
from .model import Instrument, Question

__all__ = ["InstrumentExtension", "extend_instrument", "load_extension"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Translation(_Frozen):
    title: str | None = None
    sections: dict[str, str] = Field(default_factory=dict)
    intros: dict[str, str] = Field(default_factory=dict)
    matrices: dict[str, str] = Field(default_factory=dict)
    questions: dict[str, str] = Field(default_factory=dict)
    hints: dict[str, str] = Field(default_factory=dict)
    options: dict[str, str] = Field(default_factory=dict)
    scales: dict[str, str] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)
    headings: dict[str, str] = Field(default_factory=dict)


class _Reword(_Frozen):
    question: str
    label: dict[str, str]
    reason: str = Field(min_length=1)


class _Add(_Frozen):
    section: str
    after: str | None = None
    question: Question


class _Retire(_Frozen):
    question: str
    reason: str = Field(min_length=1)


class InstrumentExtension(_Frozen):
    """The content of an extension file (see the module docstring)."""

    extends: str
    id: str
    version: str
    title: dict[str, str] | None = None
    languages: tuple[str, ...] | None = None
    translate: dict[str, _Translation] = Field(default_factory=dict)
    reword: tuple[_Reword, ...] = ()
    add: tuple[_Add, ...] = ()
    retire: tuple[_Retire, ...] = ()


def load_extension(path: str | os.PathLike[str]) -> Instrument:
    """Read an extension file and apply it to its base instrument."""
    return _load_extension(Path(path), read_mapping(path), depth=0)


_MAX_CHAIN = 16


def _load_extension(p: Path, data: dict[str, Any], *, depth: int) -> Instrument:
    file = str(p)
    try:
        ext = InstrumentExtension.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(problems_from(exc, file=file)) from None
    base = _base(ext.extends, p, file, depth=depth)
    return extend_instrument(base, ext, file=file)


def _base(name: str, here: Path, file: str, *, depth: int) -> Instrument:
    from .catalogue import builtin, builtin_names, instrument_from_mapping

    if name in builtin_names():
        return builtin(name)
    if depth >= _MAX_CHAIN:
        raise ValidationError(
            f"more than {_MAX_CHAIN} instruments extend one another; is there a cycle?",
            file=file,
            location="extends",
        )
    candidate = here.parent / name
    if is_file(candidate):
        data = read_mapping(candidate)
        if "extends" in data and "sections" not in data:
            return _load_extension(candidate, data, depth=depth + 1)
        return instrument_from_mapping(data, file=str(candidate))
    raise NotFoundError(
        f"the base instrument {name!r} is neither built in nor a file beside this one",
        file=file,
        location="extends",
        hint="built in: " + ", ".join(builtin_names()),
    )


def extend_instrument(
    base: Instrument, ext: InstrumentExtension, *, file: str | None = None
) -> Instrument:
    """Apply ``ext`` to ``base``; raise :class:`~ctnat.errors.ValidationError` listing
    every change that does not fit."""
    data = base.model_dump(mode="json")
    problems: list[Problem] = []
    changes: list[dict[str, str]] = list(data.get("changes") or ())

    def bad(reason: str, where: str) -> None:
        problems.append(Problem(reason, file, where))

    def find_question(qid: str) -> dict[str, Any] | None:
        for s in data["sections"]:
            for q in s.get("questions", []):
                if q["id"] == qid:
                    return q  # type: ignore[no-any-return]
        return None

    for i, r in enumerate(ext.retire):
        where = f"retire[{i}]"
        found = False
        for s in data["sections"]:
            kept = [q for q in s.get("questions", []) if q["id"] != r.question]
            if len(kept) != len(s.get("questions", [])):
                s["questions"] = kept
                found = True
        if not found:
            bad(f"no question {r.question} to retire", where)
            continue
        changes.append({"kind": "retire", "target": r.question, "reason": r.reason})
    for i, rw in enumerate(ext.reword):
        q = find_question(rw.question)
        if q is None:
            bad(f"no question {rw.question} to reword", f"reword[{i}]")
            continue
        q["label"] = dict(rw.label)
        changes.append({"kind": "reword", "target": rw.question, "reason": rw.reason})
    for i, a in enumerate(ext.add):
        where = f"add[{i}]"
        section = next((s for s in data["sections"] if s["id"] == a.section), None)
        if section is None:
            bad(f"no section {a.section} to add to", f"{where}.section")
            continue
        questions = section.setdefault("questions", [])
        at = len(questions)
        if a.after is not None:
            ids = [q["id"] for q in questions]
            if a.after not in ids:
                bad(f"no question {a.after} in section {a.section} to add after", f"{where}.after")
                continue
            at = ids.index(a.after) + 1
        questions.insert(at, a.question.model_dump(mode="json"))
        changes.append({"kind": "add", "target": a.question.id, "reason": ""})
    for lang, tr in ext.translate.items():
        where = f"translate.{lang}"
        _translate(data, lang, tr, where, bad)
        changes.append({"kind": "translate", "target": lang, "reason": ""})
    data["id"] = ext.id
    data["version"] = ext.version
    data["extends"] = f"{base.id}@{base.version}"
    if ext.title is not None:
        data["title"] = dict(ext.title)
    languages = list(ext.languages or data.get("languages") or ["en"])
    for lang in ext.translate:
        if lang not in languages:
            languages.append(lang)
    data["languages"] = languages
    data["changes"] = changes
    if problems:
        raise ValidationError(problems)
    try:
        return Instrument.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(
            problems_from(exc, file=file, prefix="(resulting instrument)")
        ) from None


def _translate(data: dict[str, Any], lang: str, tr: _Translation, where: str, bad: Any) -> None:
    if tr.title is not None:
        data["title"][lang] = tr.title
    sections = {s["id"]: s for s in data["sections"]}
    for sid, text in tr.sections.items():
        if sid in sections:
            sections[sid]["title"][lang] = text
        else:
            bad(f"no section {sid}", f"{where}.sections.{sid}")
    for sid, text in tr.intros.items():
        if sid in sections and sections[sid].get("intro"):
            sections[sid]["intro"][lang] = text
        else:
            bad(f"no section {sid} with an introduction", f"{where}.intros.{sid}")
    matrices = {m["id"]: m for s in data["sections"] for m in s.get("matrices", [])}
    for mid, text in tr.matrices.items():
        if mid in matrices:
            matrices[mid]["label"][lang] = text
        else:
            bad(f"no statement table {mid}", f"{where}.matrices.{mid}")
    questions = {q["id"]: q for s in data["sections"] for q in s.get("questions", [])}
    for qid, text in tr.questions.items():
        if qid in questions:
            questions[qid]["label"][lang] = text
        else:
            bad(f"no question {qid}", f"{where}.questions.{qid}")
    for qid, text in tr.hints.items():
        if qid in questions and questions[qid].get("hint"):
            questions[qid]["hint"][lang] = text
        else:
            bad(f"no question {qid} with a hint", f"{where}.hints.{qid}")
    notes = {n["name"]: n for n in data.get("preamble", [])}
    for name, text in tr.notes.items():
        if name in notes:
            notes[name]["text"][lang] = text
        else:
            bad(f"no note {name!r} in the preamble", f"{where}.notes.{name}")
    for name, text in tr.headings.items():
        if name in notes and notes[name].get("heading"):
            notes[name]["heading"][lang] = text
        else:
            bad(f"no note {name!r} with a heading", f"{where}.headings.{name}")
    scales = {s["id"]: s for s in data.get("scales", [])}
    for sid, text in tr.scales.items():
        if sid in scales:
            scales[sid]["label"][lang] = text
        else:
            bad(f"no scale {sid}", f"{where}.scales.{sid}")
    for key, text in tr.options.items():
        owner, _, name = key.partition("/")
        listed = scales[owner]["options"] if owner in scales else None
        if listed is None and owner in questions:
            listed = questions[owner].get("options")
        option = next((o for o in listed or [] if o["name"] == name), None)
        if option is None:
            bad(
                f"no option {name!r} of {owner!r} (write 'scale/option' or 'question/option')",
                f"{where}.options.{key}",
            )
            continue
        option["label"][lang] = text
