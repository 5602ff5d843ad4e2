"""XLSForm (the form format of KoboToolbox and ODK): export and read back.

:func:`write_xlsform` writes the ``survey``, ``choices`` and ``settings`` sheets,
with one ``label::<Language> (<code>)`` column per language of the instrument,
constraints for "choose three", "no more than three" and the ranking rules, and
relevance for "other - please specify" fields. Its field names follow
:mod:`ctnat.survey.layout`, so Kobo/ODK exports of the form come back through
:func:`~ctnat.survey.read_responses`.

What XLSForm has no column for (annex numbers, question types such as
``top_ranked``, scale polarity, routing, the instrument's title and version) is
kept in ``ctnat_*`` columns of the survey and choices sheets, which pyxform, Kobo
and ODK ignore and which KoboToolbox keeps when it gives a form back ("Download
XLS" drops extra sheets and most settings). The survey's preamble (background,
purpose, confidentiality, instructions) becomes notes before the first section;
a consent question (:attr:`Instrument.consent`) comes after them, and every
section is relevant only when it is answered "yes", so declining ends the form.
An office can edit labels, hints, options, add languages and questions in Excel,
and :func:`read_xlsform` turns the workbook back into an :class:`Instrument`.
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
from .layout import CODE_FIELD, CODE_LABEL, other_label, slot_label
from .model import (
    FREE_TYPES,
    METADATA_TYPES,
    Instrument,
    Note,
    Question,
    QuestionType,
    Routing,
    Text,
    label_text,
)
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
    "ky": "Kyrgyz",
    "kk": "Kazakh",
    "tg": "Tajik",
    "uz": "Uzbek",
    "tk": "Turkmen",
    "ro": "Romanian",
    "sr": "Serbian",
    "sq": "Albanian",
    "mk": "Macedonian",
    "bs": "Bosnian",
    "pt": "Portuguese",
}

_META_COLUMNS = (
    "ctnat_id",
    "ctnat_type",
    "ctnat_part",
    "ctnat_count",
    "ctnat_profile",
    "ctnat_cells",
    "ctnat_form",
)


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
    if instrument.parameters:
        raise ValidationError(
            f"instrument {instrument.id!r} is a template: fill its placeholders "
            f"({', '.join(instrument.parameters)}) with adapt_instrument before writing a form",
            file=str(p),
        )
    openpyxl = _openpyxl(str(p))
    langs = list(instrument.languages)
    text_cols = [f"{k}::{_lang_header(lang)}" for k in ("label", "hint") for lang in langs]
    msg_cols = [f"constraint_message::{_lang_header(lang)}" for lang in langs]
    columns = [
        "type",
        "name",
        *text_cols,
        "required",
        "constraint",
        *msg_cols,
        "relevant",
        "choice_filter",
        "appearance",
    ]
    kept = sorted({c for q in instrument.questions() for c in q.xlsform} - set(columns))
    survey = _Sheet([*columns, *kept, *_META_COLUMNS])
    label_cols = [f"label::{_lang_header(lang)}" for lang in langs]
    every_option = [o for s in instrument.scales for o in s.options] + [
        o for q in instrument.questions() for o in q.options
    ]
    choice_kept = sorted({c for o in every_option for c in o.xlsform} - set(label_cols))
    choices = _Sheet(["list_name", "name", *label_cols, *choice_kept, "ctnat_scale"])
    for scale in instrument.scales:
        data = scale.model_dump(mode="json", exclude={"id", "options"}, exclude_none=True)
        for i, o in enumerate(scale.options):
            choices.add_cells(
                {
                    **o.xlsform,
                    "list_name": scale.id,
                    "name": o.name,
                    **_texts("label", o.label, langs),
                    "ctnat_scale": json.dumps(data, ensure_ascii=False) if i == 0 else "",
                }
            )
    for name, typ in instrument.metadata.items():
        survey.add(type=typ, name=name)
    for note in instrument.preamble:
        survey.add_cells(
            {
                "type": "note",
                "name": note.name,
                **_note_texts(note, langs),
                "ctnat_part": "preamble",
            }
        )
    consent = instrument.consent_question()
    agreed = ""
    if consent is not None:
        for o in consent.options:
            choices.add_cells(
                {"list_name": consent.name, "name": o.name, **_texts("label", o.label, langs)}
            )
        survey.add_cells(
            {
                "type": f"select_one {consent.name}",
                "name": consent.name,
                **_texts("label", consent.label, langs),
                **_texts("hint", consent.hint, langs),
                "required": "yes",
                "ctnat_id": consent.id,
                "ctnat_type": consent.type.value,
                "ctnat_part": "consent",
            }
        )
        survey.add_cells(
            {
                "type": "note",
                "name": f"{consent.name}_declined",
                **_texts("label", DECLINED, langs),
                "relevant": f"${{{consent.name}}} = 'no'",
                "ctnat_part": "declined",
            }
        )
        agreed = f"${{{consent.name}}} = 'yes'"
    # the code is asked only of those who agreed to take part
    kind = "sur" if instrument.kind == "survey" else "int"
    survey.add_cells(
        {
            "type": "text",
            "name": CODE_FIELD,
            **_texts("label", instrument.code_label or CODE_LABEL, langs),
            **_texts(
                "hint",
                {"en": f"Three letters of the country, '{kind}' and a number, e.g. AZE{kind}1"},
                langs,
            ),
            "required": "yes",
            "constraint": f"regex(., '{instrument.code_pattern}')",
            **_msg(f"A code such as AZE{kind}1", langs),
            "relevant": agreed,
            "ctnat_part": "code",
            "ctnat_form": json.dumps(_form_meta(instrument), ensure_ascii=False),
        }
    )
    if instrument.kind == "interview":
        _interview_record_rows(survey, choices, langs, agreed)
    routing = instrument.routing
    for section in instrument.sections:
        relevant = agreed
        if routing is not None and section.id in routing.choose_from:
            chosen = f"selected(${{plan}}, 's{section.id}')"
            relevant = f"{agreed} and {chosen}" if agreed else chosen
        survey.add_cells(
            {
                "type": "begin_group",
                "name": f"s{section.id}",
                **_texts("label", section.title, langs),
                "relevant": relevant,
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
            if consent is not None and q.id == consent.id:
                continue
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
        if routing is not None and section is instrument.sections[0]:
            # Annex C: ask 1.1 and 1.2 first, then choose the sets of questions
            _plan_rows(instrument, routing, survey, choices, langs, agreed)
    settings = _Sheet(["form_title", "form_id", "version", "default_language"])
    settings.add(
        form_title=instrument.label(),
        form_id=instrument.id,
        version=instrument.version,
        default_language=_lang_header(langs[0]),
    )
    wb = openpyxl.Workbook()
    for i, (title, sheet) in enumerate(
        (("survey", survey), ("choices", choices), ("settings", settings))
    ):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        for row in sheet.table():
            ws.append(row)
    save_workbook(wb, p, overwrite=overwrite)  # fixed timestamps: same instrument, same bytes


#: The note shown when consent is declined (the form ends there).
DECLINED: Text = {
    "en": "Thank you. You chose not to take part, so the survey ends here; "
    "nothing else is asked or recorded."
}


def _form_meta(instrument: Instrument) -> dict[str, Any]:
    """What the instrument needs beyond the XLSForm's own columns, kept in one cell
    of the code row (Kobo keeps survey columns, not extra sheets or settings)."""
    data = instrument.model_dump(
        mode="json",
        include={
            "id",
            "version",
            "kind",
            "title",
            "languages",
            "source",
            "routing",
            "extends",
            "changes",
        },
        exclude_none=True,
        exclude_defaults=True,
    )
    return {"id": instrument.id, "version": instrument.version, "kind": instrument.kind, **data}


def _note_texts(note: Note, langs: Sequence[str]) -> dict[str, str]:
    if note.heading is None:
        return _texts("label", note.text, langs)
    both = {
        lang: f"**{label_text(note.heading, lang)}**\n\n{label_text(note.text, lang)}"
        for lang in {*note.heading, *note.text}
    }
    return _texts("label", both, langs)


def _plan_rows(
    instrument: Instrument,
    routing: Routing,
    survey: _Sheet,
    choices: _Sheet,
    langs: Sequence[str],
    relevant: str,
) -> None:
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
            "relevant": relevant,
            "ctnat_part": "plan",
        }
    )


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


def _interview_record_rows(
    survey: _Sheet, choices: _Sheet, langs: Sequence[str], relevant: str
) -> None:
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
                "relevant": relevant,
                "ctnat_part": "record",
            }
        )


def _question_rows(
    instrument: Instrument, q: Question, survey: _Sheet, choices: _Sheet, langs: Sequence[str]
) -> None:
    t = q.type
    base = {
        **{k: v for k, v in q.xlsform.items() if k != "type"},
        "ctnat_cells": " ".join(sorted(q.xlsform)),
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
                {
                    **o.xlsform,
                    "list_name": q.name,
                    "name": o.name,
                    **_texts("label", o.label, langs),
                }
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
        survey.add_cells({"type": q.xlsform.get("type", "text"), "name": q.name, **base})
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


def _load_sheets(p: Path, file: str) -> tuple[list[dict[str, str]], ...]:
    """Open the workbook (checked and bounded by ctnat._io) and read its survey,
    choices, settings and (older files) ctnat sheets as rows of non-empty cells."""
    _openpyxl(file)
    wb = open_workbook(p)  # errors are FileFormatError
    try:
        return (
            _sheet_rows(wb, "survey", file),
            _sheet_rows(wb, "choices", file, required=False),
            _sheet_rows(wb, "settings", file, required=False),
            _sheet_rows(wb, "ctnat", file, required=False),
        )
    finally:
        wb.close()


def read_xlsform(path: PathLike) -> Instrument:
    """Read an XLSForm workbook back into an :class:`Instrument`.

    Rows written by :func:`write_xlsform` carry ``ctnat_*`` columns. What the
    instrument needs beyond XLSForm's own columns is kept in the ``ctnat_form``
    cell of the code row and the ``ctnat_scale`` cell of each scale's first
    choice, places KoboToolbox keeps when it gives a form back ("Download XLS"
    drops other sheets and most settings). A form without them (an older ctnat
    form after Kobo) is rebuilt from its names: the built-in instrument its form
    id names, or what the rows and choices say.

    Rows an office added are read from their XLSForm type: ``select_one`` ->
    choose one (a Likert item when its list is a scale), ``select_multiple`` ->
    choose all, or choose exactly/at most when the constraint says
    ``count-selected(.) = n``/``<= n``; ``text``, ``integer``, ``decimal``,
    ``date`` and the other free types -> a free question whose answers are kept as
    text (its XLSForm type and other cells kept in :attr:`Question.xlsform`);
    metadata rows (``start``, ``end``, ``today``, ``username``, ``deviceid``,
    ``audit`` ...) -> :attr:`Instrument.metadata`. A name like ``q3_1_9`` gives
    item 3.1.9; any other valid name gets the next free number of its section. In
    a section of profile questions (section 1) an added question fills the
    profile field of its name. Notes an office adds before the first section
    join the preamble; language columns it adds (``label::Azerbaijani (az)``)
    join the instrument's languages, and are written again.
    """
    p = Path(path)
    file = str(p)
    survey, choice_rows, settings, meta_rows = _load_sheets(p, file)
    setting = settings[0] if settings else {}
    default_lang = _lang_of(setting.get("default_language"), "en")
    form, scale_meta = _form_data(survey, meta_rows, file)
    form_id = form.get("id") or setting.get("form_id") or setting.get("id_string") or p.stem
    base = _builtin_named(form_id)
    lists: dict[str, list[dict[str, Any]]] = {}
    for r in choice_rows:
        name = r.get("name") or r.get("$autovalue")
        if "list_name" in r and name:
            option: dict[str, Any] = {
                "name": name,
                "label": _text(r, "label", default_lang) or {default_lang: name},
            }
            extra = {  # an office's columns: a cascade's filter, media, ...
                k: v
                for k, v in r.items()
                if k not in ("list_name", "name")
                and not k.startswith(("$", "ctnat_"))
                and not _is_text_column(k)
            }
            if extra:
                option["xlsform"] = extra
            lists.setdefault(r["list_name"], []).append(option)
            if r.get("ctnat_scale"):
                where = f"choices!{r['list_name']}"
                scale_meta.setdefault(r["list_name"], _object(r["ctnat_scale"], file, where))
    known_scales = set(scale_meta) | ({s.id for s in base.scales} if base else set())
    reader = _FormReader(survey, lists, default_lang, file, known_scales & set(lists))
    sections = reader.sections()
    if reader.problems:
        raise ValidationError(reader.problems)
    used = reader.scale_lists
    scales = []
    for list_name, options in lists.items():
        if list_name not in used and list_name not in scale_meta:
            continue
        meta = scale_meta.get(list_name) or _scale_from(base, list_name, options)
        scales.append({**meta, "id": list_name, "options": options})
    languages = _languages(form, base, survey, choice_rows, default_lang)
    data: dict[str, Any] = {
        "id": form_id,
        "version": form.get("version") or (base.version if base else None) or _version(setting),
        "kind": form.get("kind")
        or (base.kind if base else None)
        or ("interview" if reader.interview else "survey"),
        "title": form.get("title")
        or (base.title if base else None)
        or {default_lang: setting.get("form_title") or form_id},
        "languages": languages,
        "source": form.get("source") or (base.source if base else ""),
        "scales": scales,
        "sections": sections,
        "preamble": reader.preamble,
        "metadata": reader.metadata,
    }
    if reader.code_pattern:
        data["code_pattern"] = reader.code_pattern
    if reader.code_label:
        data["code_label"] = reader.code_label
    routing = form.get("routing") or (
        base.routing.model_dump(mode="json") if base and base.routing else reader.routing
    )
    if routing:
        data["routing"] = routing
    for key in ("extends", "changes"):
        if form.get(key):
            data[key] = form[key]
        elif base is not None and getattr(base, key):
            data[key] = base.model_dump(mode="json")[key]
    if reader.consent:
        data["consent"] = reader.consent
    try:
        return Instrument.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(problems_from(exc, file=file)) from None


def _version(setting: dict[str, str]) -> str:
    # Kobo rewrites the version as "<n> (<date>)"; the number is the form's own
    return setting.get("version", "1").split(" (")[0] or "1"


def _builtin_named(form_id: str) -> Instrument | None:
    from .catalogue import builtin, builtin_names

    return builtin(form_id) if form_id in builtin_names() else None


def _form_data(
    survey: list[dict[str, str]], meta_rows: list[dict[str, str]], file: str
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The ``ctnat_form`` cell of the code row, or the ``ctnat`` sheet of earlier
    versions, as (form fields, scale fields by scale id)."""
    for i, r in enumerate(survey):
        if r.get("ctnat_form"):
            return _object(r["ctnat_form"], file, f"survey!row {i + 2} ctnat_form"), {}
    meta = {r.get("key", ""): r.get("value", "") for r in meta_rows}
    form: dict[str, Any] = {k: meta[k] for k in ("id", "version", "kind", "source") if meta.get(k)}
    if meta.get("languages"):
        form["languages"] = meta["languages"].split()
    for key in ("title", "routing", "changes"):
        if meta.get(key):
            form[key] = _json(meta[key], file, f"ctnat!{key}")
    if meta.get("extends"):
        form["extends"] = meta["extends"]
    scales = {
        key.removeprefix("scale "): _object(value, file, f"ctnat!{key}")
        for key, value in meta.items()
        if key.startswith("scale ")
    }
    return form, scales


def _scale_from(
    base: Instrument | None, list_name: str, options: list[dict[str, Any]]
) -> dict[str, Any]:
    """Scale fields for a list a form uses as a scale but does not describe: the
    built-in scale of that name, else the middle option as neutral point."""
    from .catalogue import builtin, builtin_names

    names = [o["name"] for o in options]
    for inst in [base] if base is not None else [builtin(n) for n in builtin_names()]:
        for scale in inst.scales:
            if scale.id == list_name and [o.name for o in scale.options] == names:
                return scale.model_dump(mode="json", exclude={"id", "options"}, exclude_none=True)
    n = len(options)
    label = {"en": list_name.replace("_", " ").capitalize()}
    if n % 2:
        return {"label": label, "neutral": n // 2 + 1}
    half = n // 2
    return {
        "label": label,
        "positive": list(range(1, half + 1)),
        "negative": list(range(half + 1, n + 1)),
    }


def _languages(
    form: dict[str, Any],
    base: Instrument | None,
    survey: list[dict[str, str]],
    choices: list[dict[str, str]],
    default_lang: str,
) -> list[str]:
    """The form's languages, then any language column an office added."""
    listed = form.get("languages")
    if not isinstance(listed, list) or not all(isinstance(x, str) for x in listed):
        listed = None
    out: list[str] = list(listed or (base.languages if base else [default_lang]))
    for r in (*survey, *choices):
        for col in r:
            m = _LANG_COL.match(col)
            if m and m.group(1) in ("label", "hint"):
                lang = _lang_of(m.group(2), default_lang)
                if lang not in out:
                    out.append(lang)
    return out


def _object(text: str, file: str, where: str) -> dict[str, Any]:
    found = _json(text, file, where)
    if not isinstance(found, dict):
        raise FileFormatError("must hold a JSON object ({...})", file=file, location=where)
    return found


def _json(text: str, file: str, where: str) -> Any:
    try:
        return parse_json(text, file=file)
    except FileFormatError as exc:
        raise FileFormatError(
            exc.reason, file=file, location=where, hint=exc.problems[0].hint
        ) from None


_GROUP = ("begin_group", "begin group")
_END = ("end_group", "end group")
_UNSUPPORTED = {
    "begin_repeat": "repeated groups",
    "begin repeat": "repeated groups",
    "rank": "ODK's rank widget (use one integer field per option, as ctnat's 2.4)",
    "select_one_from_file": "choices from a file",
    "select_multiple_from_file": "choices from a file",
}
_HEADING = re.compile(r"^\*\*(.+?)\*\*\n\n(.*)$", re.DOTALL)


class _FormReader:
    def __init__(
        self,
        rows: list[dict[str, str]],
        lists: dict[str, list[dict[str, Any]]],
        lang: str,
        file: str,
        scale_lists: set[str],
    ) -> None:
        self.rows = rows
        self.lists = lists
        self.lang = lang
        self.file = file
        self.known_scales = scale_lists
        self.scale_lists: set[str] = set()
        self.problems: list[Problem] = []
        self.names: dict[str, str] = {}  # field name -> question id
        self.preamble: list[dict[str, Any]] = []
        self.metadata: dict[str, str] = {}
        self.consent: str | None = None
        self.code_pattern: str | None = None
        self.code_label: dict[str, str] | None = None
        self.routing: dict[str, Any] | None = None
        self.interview = False
        self.added: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (section, question)

    def bad(self, i: int, reason: str) -> None:
        self.problems.append(Problem(reason, self.file, f"survey!row {i + 2}"))

    def sections(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        before: list[dict[str, Any]] = []  # questions met before the first section
        section: dict[str, Any] | None = None
        matrix: str | None = None
        depth = 0
        question_group: dict[str, Any] | None = None
        for i, r in enumerate(self.rows):
            typ = r.get("type", "").strip()
            part = r.get("ctnat_part", "")
            kind = typ.split()[0] if typ else ""
            name = r.get("name") or r.get("$autoname", "")
            if kind in _GROUP:
                depth += 1
                if part == "section" or (section is None and depth == 1):
                    sid = r.get("ctnat_id") or re.sub(r"^s", "", name or str(len(out) + 1))
                    section = {"id": sid, "title": _text(r, "label", self.lang) or {self.lang: sid}}
                    section["questions"] = before if not out else []
                    before = []
                    section["matrices"] = []
                    out.append(section)
                elif part == "matrix" and section is not None:
                    matrix = r.get("ctnat_id") or name.removeprefix("m").replace("_", ".")
                    section["matrices"].append(
                        {"id": matrix, "label": _text(r, "label", self.lang), "scale": None}
                    )
                elif part == "question" and section is not None:
                    question_group = self.question(i, r, None, section)
                    if question_group is not None:
                        section["questions"].append(question_group)
                continue
            if kind in _END:
                depth -= 1
                if question_group is not None:
                    question_group = None
                elif matrix is not None:
                    matrix = None
                elif depth == 0:
                    section = None
                continue
            if kind in _UNSUPPORTED:
                self.bad(i, f"{_UNSUPPORTED[kind]} cannot be read into a ctnat instrument")
                continue
            if part == "code" or (name == CODE_FIELD and section is None and not part):
                m = re.match(r"^regex\(\.,\s*'(.*)'\)$", r.get("constraint", "").strip())
                if m:
                    self.code_pattern = m.group(1)
                label = _text(r, "label", self.lang)
                if label and label != CODE_LABEL:
                    self.code_label = label
                continue
            if part == "record":
                self.interview = True
                continue
            if part == "plan":
                self.routing = self._routing(r)
                continue
            if part in ("declined", "rank", "slot", "other"):
                continue
            if kind in METADATA_TYPES:
                self.metadata[name] = kind
                continue
            if kind == "calculate" and name.startswith("__version__"):
                continue  # Kobo's version stamp
            if kind == "note":
                self._note(r, part, section, name)
                continue
            if not kind:
                continue
            target = section if section is not None else (out[-1] if out else None)
            q = self.question(i, r, matrix if section is not None else None, target)
            if q is None:
                continue
            if part == "consent":
                self.consent = q["id"]
            if target is None:
                before.append(q)
            else:
                target["questions"].append(q)
        if before and out:
            out[0]["questions"][:0] = before
        elif before:
            self.bad(0, "the form has questions but no section group")
        self._number()
        for s in out:
            if not s["matrices"]:
                del s["matrices"]
            for m in s.get("matrices", []):
                scales = {q.get("scale") for q in s["questions"] if q.get("matrix") == m["id"]}
                m["scale"] = next(iter(scales - {None}), None) if scales else None
        return out

    def _note(
        self, r: dict[str, str], part: str, section: dict[str, Any] | None, name: str
    ) -> None:
        text = _text(r, "label", self.lang)
        if not text:
            return
        if part == "intro" or (section is not None and not part):
            if section is None:
                return
            if "intro" in section and part != "intro":  # an office's second note: appended
                old = section["intro"]
                text = {k: f"{old.get(k, label_text(old, k))}\n\n{v}" for k, v in text.items()}
            section["intro"] = text
            return
        if section is None:
            note: dict[str, Any] = {"name": name or f"note{len(self.preamble) + 1}"}
            heading: Text = {}
            body: Text = {}
            for lang, value in text.items():
                m = _HEADING.match(value)
                if m:
                    heading[lang], body[lang] = m.group(1), m.group(2)
                else:
                    body[lang] = value
            note["text"] = body
            if heading:
                note["heading"] = heading
            self.preamble.append(note)

    def _routing(self, r: dict[str, str]) -> dict[str, Any] | None:
        m = re.search(
            r"count-selected\(\.\)\s*>=\s*(\d+)\s+and\s+count-selected\(\.\)\s*<=\s*(\d+)",
            r.get("constraint", ""),
        )
        chosen = [o["name"].removeprefix("s") for o in self.lists.get("plan", [])]
        if not m or not chosen:
            return None
        always = [
            (g.get("ctnat_id") or g.get("name", "").removeprefix("s"))
            for g in self.rows
            if g.get("ctnat_part") == "section"
        ]
        return {
            "always": [s for s in always if s not in chosen],
            "choose_from": chosen,
            "min_choice": int(m.group(1)),
            "max_choice": int(m.group(2)),
            "note": _text(r, "label", self.lang) or None,
        }

    def _number(self) -> None:
        """Give questions with names like ``district`` the next free number of their
        section; an added question in a section of profile questions fills the
        profile field of its name."""
        taken = {q["id"] for _, q in self.added if q.get("id")} | set(self.names.values())
        for section, q in self.added:
            if q.get("id"):
                continue
            numbers = [
                int(parts[1])
                for x in section["questions"]
                if isinstance(x.get("id"), str)
                if x.get("id")
                and (parts := x["id"].split("."))[0] == section["id"]
                and len(parts) > 1
                and parts[1].isdigit()
            ]
            n = max(numbers, default=0) + 1
            while f"{section['id']}.{n}" in taken:
                n += 1
            q["id"] = f"{section['id']}.{n}"
            taken.add(q["id"])
        profiles = {x.get("profile") for s, _ in self.added for x in s["questions"]}
        for section, q in self.added:
            known = [
                x
                for x in section["questions"]
                if not x.get("_added") and x.get("id") != self.consent
            ]
            if known and all(x.get("profile") for x in known) and q["name"] not in profiles:
                q["profile"] = q["name"]
                profiles.add(q["name"])
        for _, q in self.added:
            q.pop("_added", None)

    def question(
        self,
        i: int,
        r: dict[str, str],
        matrix: str | None,
        section: dict[str, Any] | None,
    ) -> dict[str, Any] | None:
        name = r.get("name") or r.get("$autoname", "")
        typ = r.get("type", "").split()
        qid = r.get("ctnat_id") or _id_from_name(name)
        qtype = r.get("ctnat_type")
        added = not qtype
        free_type: str | None = None
        if added:
            qtype = _infer_type(typ, r.get("constraint", ""))
            if qtype == "choose_one" and len(typ) > 1 and typ[1] in self.known_scales:
                qtype = "scale"
            if qtype is None and typ and typ[0] in FREE_TYPES:
                qtype, free_type = "text", typ[0]
            if qtype is None:
                self.bad(i, f"field type {' '.join(typ)!r} is not a ctnat question type")
                return None
        if not name or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            self.bad(i, f"field {name!r} needs a valid XLSForm name (letters, digits, '_')")
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
            if not re.fullmatch(r"\d+(\.0)?", count.strip()):
                self.bad(i, f"ctnat_count {count!r} is not a whole number")
                return None
            q["count"] = int(float(count))
        list_name = typ[1] if len(typ) > 1 else name
        generated: set[str] = set()
        if qtype == "scale":
            q["scale"] = list_name
            self.scale_lists.add(list_name)
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
                generated |= {"choice_filter", "relevant"}
            else:
                options = self.lists.get(list_name)
                if not options:
                    self.bad(i, f"no choices list {list_name!r}")
                    return None
                q["options"] = [
                    {**o, **({"other": True} if self._is_other(name, o["name"]) else {})}
                    for o in options
                ]
            if qtype in ("choose_exactly", "choose_at_most"):
                generated |= {"constraint"} | {c for c in r if c.startswith("constraint_message")}
        if added:
            cells = {
                k: v
                for k, v in r.items()
                if k not in generated
                and k not in ("type", "name", "required")
                and not k.startswith(("$", "ctnat_"))
                and not _is_text_column(k)
            }
            if free_type is not None and free_type not in ("text", "string"):
                cells["type"] = free_type
        else:
            # what the writer kept, and columns it never writes (an office's `default`,
            # `guidance_hint::...`, `media::image` ...); its own columns it writes again
            listed = set(r.get("ctnat_cells", "").split())
            cells = {
                k: v
                for k, v in r.items()
                if k in listed
                or not (
                    k in _WRITTEN
                    or k.startswith(("$", "ctnat_", "constraint_message"))
                    or _is_text_column(k)
                )
            }
        if cells:
            q["xlsform"] = cells
        if added:
            if section is None:
                self.bad(i, f"question {name!r} comes before every section group")
                return None
            q["_added"] = True
            self.added.append((section, q))
        if qid is not None:
            self.names[name] = qid
        return q

    def _is_other(self, qname: str, option: str) -> bool:
        other_field = f"{qname}_other"
        for r in self.rows:
            if r.get("name") == other_field:
                rel = r.get("relevant", "")
                return f"'{option}'" in rel
        return False


#: Columns the writer fills on a question row (an office's edits there are not kept).
_WRITTEN = frozenset(
    {
        "type",
        "name",
        "required",
        "constraint",
        "relevant",
        "choice_filter",
        "appearance",
        "calculation",
    }
)


def _is_text_column(column: str) -> bool:
    m = _LANG_COL.match(column)
    return bool(m and m.group(1) in ("label", "hint"))


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
