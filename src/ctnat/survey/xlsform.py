"""XLSForm (the form format of KoboToolbox and ODK): export and read back.

:func:`write_xlsform` writes the ``survey``, ``choices`` and ``settings`` sheets,
with one ``label::<Language> (<code>)`` column per language of the instrument,
constraints for "choose three", "no more than three" and the ranking rules, and
relevance for "other - please specify" fields. Its field names follow
:mod:`ctnat.survey.layout`, so Kobo/ODK exports of the form come back through
:func:`~ctnat.survey.read_responses`.

What XLSForm has no column for (annex numbers, question types such as
``top_ranked``, scale polarity, routing) is kept in ``ctnat_*`` columns of the
survey sheet and in a ``ctnat`` sheet; pyxform, Kobo and ODK ignore both. An
office can edit labels, hints, options and add questions in Excel, and
:func:`read_xlsform` turns the workbook back into an :class:`Instrument`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pydantic

from .._cells import neutralise, restore, save_workbook
from .._extras import require_extra
from .._io import open_workbook, parse_json
from ..errors import FileFormatError, Problem, ValidationError
from ._pydantic import problems_from
from .layout import CODE_FIELD, other_label, slot_label
from .model import Instrument, Question, QuestionType, Text
from .rules import answer_rule

__all__ = ["read_xlsform", "write_xlsform"]

PathLike = str | os.PathLike[str]

LANGUAGE_NAMES = {
    "en": "English",
    "az": "Azerbaijani",
    "hy": "Armenian",
    "ka": "Georgian",
    "ru": "Russian",
    "uk": "Ukrainian",
    "tr": "Turkish",
    "fr": "French",
    "es": "Spanish",
    "ar": "Arabic",
    "de": "German",
}

_META_COLUMNS = ("ctnat_id", "ctnat_type", "ctnat_part", "ctnat_count", "ctnat_profile")


def _lang_header(lang: str) -> str:
    return f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})"


def _openpyxl(file: str) -> Any:
    return require_extra("openpyxl", "xlsform", "XLSForm", file=file)


def _safe(text: str) -> str:
    return neutralise(text)  # the one rule of every ctnat writer (ctnat._cells)


# -- writing --------------------------------------------------------------------


class _Sheet:
    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.rows: list[dict[str, str]] = []

    def add(self, **cells: str | None) -> None:
        self.rows.append({k: v for k, v in cells.items() if v})

    def add_cells(self, cells: dict[str, str]) -> None:
        self.rows.append({k: v for k, v in cells.items() if v})

    def table(self) -> list[list[str]]:
        return [self.columns] + [[_safe(r.get(c, "")) for c in self.columns] for r in self.rows]


def _texts(prefix: str, text: Text | None, langs: Sequence[str]) -> dict[str, str]:
    if not text:
        return {}
    fallback = text.get("en") or next(iter(text.values()))
    return {f"{prefix}::{_lang_header(lang)}": text.get(lang, fallback) for lang in langs}


def _msg(text: str, langs: Sequence[str]) -> dict[str, str]:
    return {f"constraint_message::{_lang_header(lang)}": text for lang in langs}


def write_xlsform(instrument: Instrument, path: PathLike, *, overwrite: bool = False) -> None:
    """Write ``instrument`` as an XLSForm workbook (see the module docstring); an existing
    file is replaced only with ``overwrite=True``."""
    from .._write import check_writable

    p = check_writable(path, overwrite=overwrite)
    openpyxl = _openpyxl(str(p))
    langs = list(instrument.languages)
    text_cols = [f"{k}::{_lang_header(lang)}" for k in ("label", "hint") for lang in langs]
    msg_cols = [f"constraint_message::{_lang_header(lang)}" for lang in langs]
    survey = _Sheet(
        [
            "type",
            "name",
            *text_cols,
            "required",
            "constraint",
            *msg_cols,
            "relevant",
            "choice_filter",
            "appearance",
            *_META_COLUMNS,
        ]
    )
    choices = _Sheet(["list_name", "name", *(f"label::{_lang_header(lang)}" for lang in langs)])
    for scale in instrument.scales:
        for o in scale.options:
            choices.add_cells(
                {"list_name": scale.id, "name": o.name, **_texts("label", o.label, langs)}
            )
    kind = "sur" if instrument.kind == "survey" else "int"
    survey.add_cells(
        {
            "type": "text",
            "name": CODE_FIELD,
            **_texts("label", {"en": "Respondent code"}, langs),
            **_texts(
                "hint",
                {"en": f"Three letters of the country, '{kind}' and a number, e.g. AZE{kind}1"},
                langs,
            ),
            "required": "yes",
            "constraint": f"regex(., '{instrument.code_pattern}')",
            **_msg(f"A code such as AZE{kind}1", langs),
            "ctnat_part": "code",
        }
    )
    if instrument.kind == "interview":
        _interview_record_rows(survey, choices, langs)
    routing = instrument.routing
    if routing is not None:
        for sid in routing.choose_from:
            section = instrument.section(sid)
            choices.add_cells(
                {"list_name": "plan", "name": f"s{sid}", **_texts("label", section.title, langs)}
            )
        survey.add_cells(
            {
                "type": "select_multiple plan",
                "name": "plan",
                **_texts("label", routing.note or {"en": "Sections to ask"}, langs),
                "required": "yes",
                "constraint": f"count-selected(.) >= {routing.min_choice} and "
                f"count-selected(.) <= {routing.max_choice}",
                **_msg(f"Choose {routing.min_choice} to {routing.max_choice} sections", langs),
                "ctnat_part": "plan",
            }
        )
    for section in instrument.sections:
        relevant = None
        if routing is not None and section.id in routing.choose_from:
            relevant = f"selected(${{plan}}, 's{section.id}')"
        survey.add_cells(
            {
                "type": "begin_group",
                "name": f"s{section.id}",
                **_texts("label", section.title, langs),
                "relevant": relevant or "",
                "ctnat_id": section.id,
                "ctnat_part": "section",
            }
        )
        if section.intro:
            survey.add_cells(
                {
                    "type": "note",
                    "name": f"s{section.id}_intro",
                    **_texts("label", section.intro, langs),
                    "ctnat_part": "intro",
                }
            )
        open_matrix: str | None = None
        for q in section.questions:
            if q.matrix != open_matrix:
                if open_matrix is not None:
                    survey.add(type="end_group")
                if q.matrix is not None:
                    m = instrument.matrix(q.matrix)
                    survey.add_cells(
                        {
                            "type": "begin_group",
                            "name": "m" + m.id.replace(".", "_"),
                            **_texts("label", m.label, langs),
                            "appearance": "field-list",
                            "ctnat_id": m.id,
                            "ctnat_part": "matrix",
                        }
                    )
                open_matrix = q.matrix
            _question_rows(instrument, q, survey, choices, langs)
        if open_matrix is not None:
            survey.add(type="end_group")
        survey.add(type="end_group")
    settings = _Sheet(["form_title", "form_id", "version", "default_language"])
    settings.add(
        form_title=instrument.label(),
        form_id=instrument.id,
        version=instrument.version,
        default_language=_lang_header(langs[0]),
    )
    meta = _Sheet(["key", "value"])
    meta.add(key="id", value=instrument.id)
    meta.add(key="version", value=instrument.version)
    meta.add(key="kind", value=instrument.kind)
    meta.add(key="languages", value=" ".join(instrument.languages))
    meta.add(key="source", value=instrument.source)
    meta.add(key="code_pattern", value=instrument.code_pattern)
    meta.add(key="title", value=json.dumps(instrument.title, ensure_ascii=False))
    if routing is not None:
        meta.add(key="routing", value=routing.model_dump_json(exclude_none=True))
    if instrument.extends is not None:
        meta.add(key="extends", value=instrument.extends)
    if instrument.changes:
        changes = [c.model_dump(mode="json") for c in instrument.changes]
        meta.add(key="changes", value=json.dumps(changes, ensure_ascii=False))
    for scale in instrument.scales:
        data = scale.model_dump(mode="json", exclude={"options"}, exclude_none=True)
        meta.add(key=f"scale {scale.id}", value=json.dumps(data, ensure_ascii=False))

    wb = openpyxl.Workbook()
    for i, (title, sheet) in enumerate(
        (("survey", survey), ("choices", choices), ("settings", settings), ("ctnat", meta))
    ):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        for row in sheet.table():
            ws.append(row)
    save_workbook(wb, p, overwrite=overwrite)  # fixed timestamps: same instrument, same bytes


#: The interview record's own fields (Annex C's header: date, format, participants, entity).
INTERVIEW_FORMATS = (
    ("in_person", "In person"),
    ("group", "Group meeting"),
    ("remote", "Remote (telephone or video)"),
    ("written", "Written answers"),
    ("other", "Other"),
)
ENTITY_TYPES = (
    ("state", "State actor"),
    ("international_organisation", "International organization"),
    ("ngo_other", "Non-governmental organization/Other"),
)


def _interview_record_rows(survey: _Sheet, choices: _Sheet, langs: Sequence[str]) -> None:
    for list_name, items in (
        ("interview_format", INTERVIEW_FORMATS),
        ("entity_type", ENTITY_TYPES),
    ):
        for name, label in items:
            choices.add_cells(
                {"list_name": list_name, "name": name, **_texts("label", {"en": label}, langs)}
            )
    rows: list[tuple[str, str, str, str, str]] = [
        ("date", "interview_date", "Interview date", "yes", ""),
        ("select_one interview_format", "interview_format", "Interview format", "yes", ""),
        ("integer", "participants_female", "Number of female participants", "", ". >= 0"),
        ("integer", "participants_male", "Number of male participants", "", ". >= 0"),
        ("select_one entity_type", "entity_type", "Entity type", "yes", ""),
        ("text", "organisation", "Respondent organization (optional)", "", ""),
    ]
    for typ, name, label, required, constraint in rows:
        survey.add_cells(
            {
                "type": typ,
                "name": name,
                **_texts("label", {"en": label}, langs),
                "required": required,
                "constraint": constraint,
                "ctnat_part": "record",
            }
        )


def _question_rows(
    instrument: Instrument, q: Question, survey: _Sheet, choices: _Sheet, langs: Sequence[str]
) -> None:
    t = q.type
    base = {
        **_texts("label", q.label, langs),
        **_texts("hint", q.hint, langs),
        "required": "yes" if q.required else "",
        "ctnat_id": q.id,
        "ctnat_type": t.value,
        "ctnat_profile": q.profile or "",
        "ctnat_count": str(q.count) if q.count is not None else "",
    }
    if q.options:
        for o in q.options:
            choices.add_cells(
                {"list_name": q.name, "name": o.name, **_texts("label", o.label, langs)}
            )
    if t is QuestionType.SCALE:
        survey.add_cells({"type": f"select_one {q.scale}", "name": q.name, **base})
    elif t is QuestionType.CHOOSE_ONE and q.choices_from is not None:
        src = instrument.question(q.choices_from)
        survey.add_cells(
            {
                "type": f"select_one {src.name}",
                "name": q.name,
                **base,
                "relevant": f"count-selected(${{{src.name}}}) > 0",
                "choice_filter": f"selected(${{{src.name}}}, name)",
            }
        )
    elif t is QuestionType.CHOOSE_ONE:
        survey.add_cells({"type": f"select_one {q.name}", "name": q.name, **base})
    elif t.is_multiple:
        row = {"type": f"select_multiple {q.name}", "name": q.name, **base}
        count_rule = answer_rule(instrument, q).count_constraint()  # the reader's rule
        if count_rule is not None:
            row["constraint"] = count_rule[0]
            row.update(_msg(count_rule[1], langs))
        survey.add_cells(row)
    elif t is QuestionType.RANK:
        survey.add_cells({"type": "begin_group", "name": q.name, **base, "ctnat_part": "question"})
        names = [f"{q.name}_{o.name}" for o in q.options]
        for o, name in zip(q.options, names, strict=True):
            rank_rule = answer_rule(instrument, q).rank_constraint(name, names)
            survey.add_cells(
                {
                    "type": "integer",
                    "name": name,
                    **_texts("label", o.label, langs),
                    "constraint": rank_rule[0],
                    **_msg(rank_rule[1], langs),
                    "ctnat_part": "rank",
                }
            )
        survey.add(type="end_group")
    elif t is QuestionType.TOP_RANKED:
        assert q.count is not None
        survey.add_cells({"type": "begin_group", "name": q.name, **base, "ctnat_part": "question"})
        for k in range(1, q.count + 1):
            earlier = [f"{q.name}_rank{j}" for j in range(1, k)]
            slot_rule = answer_rule(instrument, q).slot_constraint(earlier)
            survey.add_cells(
                {
                    "type": f"select_one {q.name}",
                    "name": f"{q.name}_rank{k}",
                    **_texts("label", slot_label(q, k), langs),
                    "constraint": slot_rule[0] if slot_rule else "",
                    **(_msg(slot_rule[1], langs) if slot_rule else {}),
                    "ctnat_part": "slot",
                }
            )
    else:
        survey.add_cells({"type": "text", "name": q.name, **base})
    other = q.other_option
    if other is not None:
        if t is QuestionType.TOP_RANKED:
            assert q.count is not None
            relevant = " or ".join(
                f"${{{q.name}_rank{k}}} = '{other.name}'" for k in range(1, q.count + 1)
            )
        else:
            relevant = f"selected(${{{q.name}}}, '{other.name}')"
        survey.add_cells(
            {
                "type": "text",
                "name": f"{q.name}_other",
                **_texts("label", other_label(q), langs),
                "relevant": relevant,
                "ctnat_part": "other",
            }
        )
    if t is QuestionType.TOP_RANKED:
        survey.add(type="end_group")


# -- reading ----------------------------------------------------------------------


def _sheet_rows(wb: Any, name: str, file: str, *, required: bool = True) -> list[dict[str, str]]:
    if name not in wb.sheetnames:
        if required:
            raise FileFormatError(f"no {name!r} sheet; is this an XLSForm?", file=file)
        return []
    rows = list(wb.rows(name))
    if not rows:
        return []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    out = []
    for row in rows[1:]:
        cells = {}
        for h, v in zip(header, row, strict=False):
            if h and v is not None and str(v).strip():
                cells[h] = restore(str(v).strip())  # undo ctnat._cells.neutralise
        if cells:
            out.append(cells)
    return out


_LANG_COL = re.compile(r"^(label|hint|constraint_message)(?:::(.*))?$")


def _lang_of(name: str | None, default: str) -> str:
    if not name:
        return default
    m = re.search(r"\(([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*$", name)
    if m:
        return m.group(1)
    for code, lang in LANGUAGE_NAMES.items():
        if name.strip().casefold() == lang.casefold():
            return code
    return name.strip()


def _text(row: dict[str, str], kind: str, default_lang: str) -> Text:
    """The texts of a row by language. The export fills a missing translation with
    the default language's text; such copies are dropped again here (a label falls
    back to the default language anyway)."""
    out: Text = {}
    for col, value in row.items():
        m = _LANG_COL.match(col)
        if m and m.group(1) == kind:
            out[_lang_of(m.group(2), default_lang)] = value
    default = out.get(default_lang)
    if default is not None:
        out = {k: v for k, v in out.items() if k == default_lang or v != default}
    return out


def read_xlsform(path: PathLike) -> Instrument:
    """Read an XLSForm workbook back into an :class:`Instrument`.

    Rows written by :func:`write_xlsform` carry ``ctnat_*`` columns; rows an
    office added without them are read from their XLSForm type (``select_one`` ->
    choose one, ``select_multiple`` -> choose all, or choose exactly/at most when
    the constraint says ``count-selected(.) = n``/``<= n``, ``text`` -> text) and
    their name (``q3_1_9`` -> item 3.1.9).
    """
    p = Path(path)
    file = str(p)
    _openpyxl(file)
    wb = open_workbook(p)  # checked, bounded; errors are FileFormatError
    try:
        survey = _sheet_rows(wb, "survey", file)
        choice_rows = _sheet_rows(wb, "choices", file, required=False)
        settings = _sheet_rows(wb, "settings", file, required=False)
        meta_rows = _sheet_rows(wb, "ctnat", file, required=False)
    finally:
        wb.close()
    setting = settings[0] if settings else {}
    meta = {r.get("key", ""): r.get("value", "") for r in meta_rows}
    default_lang = _lang_of(setting.get("default_language"), "en")
    lists: dict[str, list[dict[str, Any]]] = {}
    for r in choice_rows:
        if "list_name" in r and "name" in r:
            lists.setdefault(r["list_name"], []).append(
                {
                    "name": r["name"],
                    "label": _text(r, "label", default_lang) or {default_lang: r["name"]},
                }
            )
    reader = _FormReader(survey, lists, default_lang, file)
    sections = reader.sections()
    scales = []
    for key, value in meta.items():
        if key.startswith("scale "):
            scale_data = _json(value, file, f"ctnat!{key}")
            sid = key.removeprefix("scale ")
            scales.append({**scale_data, "id": sid, "options": lists.get(sid, [])})
    languages = meta.get("languages", "").split() or sorted(
        {lang for s in sections for q in s.get("questions", []) for lang in q["label"]}
    )
    data: dict[str, Any] = {
        "id": meta.get("id") or setting.get("form_id") or p.stem,
        "version": meta.get("version") or setting.get("version") or "1",
        "kind": meta.get("kind") or "survey",
        "title": _json(meta["title"], file, "ctnat!title")
        if "title" in meta
        else {default_lang: setting.get("form_title") or p.stem},
        "languages": languages,
        "source": meta.get("source", ""),
        "scales": scales,
        "sections": sections,
    }
    if meta.get("code_pattern"):
        data["code_pattern"] = meta["code_pattern"]
    if meta.get("routing"):
        data["routing"] = _json(meta["routing"], file, "ctnat!routing")
    if meta.get("extends"):
        data["extends"] = meta["extends"]
    if meta.get("changes"):
        data["changes"] = _json(meta["changes"], file, "ctnat!changes")
    if reader.problems:
        raise ValidationError(reader.problems)
    try:
        return Instrument.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(problems_from(exc, file=file)) from None


def _json(text: str, file: str, where: str) -> Any:
    try:
        return parse_json(text, file=file)
    except FileFormatError as exc:
        raise FileFormatError(
            exc.reason, file=file, location=where, hint=exc.problems[0].hint
        ) from None


class _FormReader:
    def __init__(
        self,
        rows: list[dict[str, str]],
        lists: dict[str, list[dict[str, Any]]],
        lang: str,
        file: str,
    ) -> None:
        self.rows = rows
        self.lists = lists
        self.lang = lang
        self.file = file
        self.problems: list[Problem] = []
        self.names: dict[str, str] = {}  # field name -> question id

    def bad(self, i: int, reason: str) -> None:
        self.problems.append(Problem(reason, self.file, f"survey!row {i + 2}"))

    def sections(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        section: dict[str, Any] | None = None
        matrix: str | None = None
        depth = 0
        question_group: dict[str, Any] | None = None
        for i, r in enumerate(self.rows):
            typ = r.get("type", "").strip()
            part = r.get("ctnat_part", "")
            kind = typ.split()[0] if typ else ""
            if kind in ("begin_group", "begin group"):
                depth += 1
                if part == "section" or (section is None and depth == 1):
                    sid = r.get("ctnat_id") or re.sub(r"^s", "", r.get("name", str(len(out) + 1)))
                    section = {"id": sid, "title": _text(r, "label", self.lang) or {self.lang: sid}}
                    section["questions"] = []
                    section["matrices"] = []
                    out.append(section)
                elif part == "matrix" and section is not None:
                    matrix = r.get("ctnat_id") or r.get("name", "").removeprefix("m").replace(
                        "_", "."
                    )
                    section["matrices"].append(
                        {"id": matrix, "label": _text(r, "label", self.lang), "scale": None}
                    )
                elif part == "question" and section is not None:
                    question_group = self.question(i, r, None)
                    if question_group is not None:
                        question_group["_slots"] = []
                        section["questions"].append(question_group)
                continue
            if kind in ("end_group", "end group"):
                depth -= 1
                if question_group is not None:
                    question_group.pop("_slots", None)
                    question_group = None
                elif matrix is not None:
                    matrix = None
                elif depth == 0:
                    section = None
                continue
            if part in ("code", "plan", "record") or kind == "note" or part == "intro":
                if part == "intro" and section is not None:
                    section["intro"] = _text(r, "label", self.lang)
                continue
            if kind in ("start", "end", "today", "deviceid", "calculate", "") or part in (
                "rank",
                "slot",
                "other",
            ):
                continue
            if section is None:
                self.bad(i, f"field {r.get('name')!r} is outside every section group")
                continue
            q = self.question(i, r, matrix)
            if q is not None:
                section["questions"].append(q)
        for s in out:
            if not s["matrices"]:
                del s["matrices"]
            for m in s.get("matrices", []):
                scales = {q.get("scale") for q in s["questions"] if q.get("matrix") == m["id"]}
                m["scale"] = next(iter(scales - {None}), None) if scales else None
        return out

    def question(self, i: int, r: dict[str, str], matrix: str | None) -> dict[str, Any] | None:
        name = r.get("name", "")
        typ = r.get("type", "").split()
        qid = r.get("ctnat_id") or _id_from_name(name)
        if qid is None:
            self.bad(i, f"cannot tell the annex number of field {name!r}; name it like q3_1_9")
            return None
        qtype = r.get("ctnat_type")
        if not qtype:
            qtype = _infer_type(typ, r.get("constraint", ""))
            if qtype is None:
                self.bad(i, f"field type {' '.join(typ)!r} is not a ctnat question type")
                return None
        q: dict[str, Any] = {
            "id": qid,
            "name": name,
            "type": qtype,
            "label": _text(r, "label", self.lang) or {self.lang: name},
        }
        hint = _text(r, "hint", self.lang)
        if hint:
            q["hint"] = hint
        if r.get("required", "").lower() in ("yes", "true", "true()", "1"):
            q["required"] = True
        if r.get("ctnat_profile"):
            q["profile"] = r["ctnat_profile"]
        count = r.get("ctnat_count") or _count_from(r.get("constraint", ""))
        if count and qtype in ("choose_exactly", "choose_at_most", "top_ranked"):
            q["count"] = int(float(count))
        list_name = typ[1] if len(typ) > 1 else name
        if qtype == "scale":
            q["scale"] = list_name
            if matrix is not None:
                q["matrix"] = matrix
        elif qtype != "text":
            m = re.match(r"^selected\(\$\{([^}]+)\},\s*name\)$", r.get("choice_filter", "").strip())
            if m and qtype == "choose_one":
                src = self.names.get(m.group(1))
                if src is None:
                    self.bad(
                        i, f"choice_filter names {m.group(1)!r}, which comes later or is unknown"
                    )
                    return None
                q["choices_from"] = src
            else:
                options = self.lists.get(list_name)
                if not options:
                    self.bad(i, f"no choices list {list_name!r}")
                    return None
                q["options"] = [
                    {**o, **({"other": True} if self._is_other(name, o["name"]) else {})}
                    for o in options
                ]
        self.names[name] = qid
        return q

    def _is_other(self, qname: str, option: str) -> bool:
        other_field = f"{qname}_other"
        for r in self.rows:
            if r.get("name") == other_field:
                rel = r.get("relevant", "")
                return f"'{option}'" in rel
        return False


def _id_from_name(name: str) -> str | None:
    m = re.match(r"^q(\d+(?:_\d+)*)$", name)
    return m.group(1).replace("_", ".") if m else None


def _count_from(constraint: str) -> str | None:
    m = re.search(r"count-selected\(\.\)\s*(?:=|<=)\s*(\d+)", constraint)
    return m.group(1) if m else None


def _infer_type(typ: Iterable[str], constraint: str) -> str | None:
    parts = list(typ)
    if not parts:
        return None
    if parts[0] == "select_one":
        return "choose_one"
    if parts[0] == "select_multiple":
        if re.search(r"count-selected\(\.\)\s*=\s*\d+", constraint):
            return "choose_exactly"
        if re.search(r"count-selected\(\.\)\s*<=\s*\d+", constraint):
            return "choose_at_most"
        return "choose_all"
    if parts[0] in ("text", "string"):
        return "text"
    return None
