"""Translations as a workflow: a workbook for translators, read back as an extension.

:func:`export_translations` writes one sheet per language: every text of the
instrument (title, section titles and introductions, statement stems, questions,
hints, options, scale names, the preamble) with its source text in the default
language beside a cell for the translation (filled where the instrument already
has one), and a hash of the source text. :func:`import_translations` reads the
workbook back into an :class:`~ctnat.survey.InstrumentExtension` (the format of
:mod:`ctnat.survey.extend`) and reports entries still **missing**, entries whose
source text changed since the workbook was written (**stale**: not taken, so an
outdated translation never replaces the current wording) and rows it does not
know (**unknown**).

```python
>>> import tempfile, pathlib
>>> from ctnat.survey import builtin
>>> path = pathlib.Path(tempfile.mkdtemp()) / "tr.xlsx"
>>> export_translations(builtin("ct-nat-2016-survey"), ["ru"], path)
>>> result = import_translations(path, builtin("ct-nat-2016-survey"))
>>> len(result.missing) == len(translation_entries(builtin("ct-nat-2016-survey")))
True

```
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import pydantic

from .._extras import require_extra
from .._languages import check_language
from ..errors import FileFormatError, ValidationError
from ._pydantic import problems_from
from .extend import InstrumentExtension
from .model import Instrument, Text, label_text

__all__ = [
    "TranslationEntry",
    "TranslationImport",
    "export_translations",
    "import_translations",
    "translation_entries",
]

_ABOUT = "about"
_KEY, _HASH = "key", "source hash"


@attrs.frozen
class TranslationEntry:
    """One text to translate: ``key`` as ``field/id`` (``questions/3.1.5``,
    ``options/adequacy/adequate``, ``title``), its source text and all its texts."""

    key: str
    source: str
    texts: Text

    @property
    def field(self) -> str:
        """The part of the extension's ``translate`` it fills (``questions``, ...)."""
        return self.key.partition("/")[0]

    @property
    def target(self) -> str:
        """The id it fills within that part (empty for the title)."""
        return self.key.partition("/")[2]


def source_hash(text: str) -> str:
    """A short fingerprint of a source text (to see later whether it changed)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def translation_entries(instrument: Instrument) -> tuple[TranslationEntry, ...]:
    """Every translatable text of ``instrument``, in reading order."""
    lang = instrument.languages[0]
    out: list[TranslationEntry] = []

    def add(key: str, text: Text | None) -> None:
        if text:
            out.append(TranslationEntry(key, label_text(text, lang), dict(text)))

    add("title", instrument.title)
    for note in instrument.preamble:
        add(f"headings/{note.name}", note.heading)
        add(f"notes/{note.name}", note.text)
    for scale in instrument.scales:
        add(f"scales/{scale.id}", scale.label)
        for o in scale.options:
            add(f"options/{scale.id}/{o.name}", o.label)
    for section in instrument.sections:
        add(f"sections/{section.id}", section.title)
        add(f"intros/{section.id}", section.intro)
        for m in section.matrices:
            add(f"matrices/{m.id}", m.label)
        for q in section.questions:
            add(f"questions/{q.id}", q.label)
            add(f"hints/{q.id}", q.hint)
            for o in q.options:
                add(f"options/{q.id}/{o.name}", o.label)
    return tuple(out)


def _openpyxl(file: str) -> Any:
    return require_extra("openpyxl", "xlsform", "translation workbooks", file=file)


def _header(lang: str) -> str:
    from .xlsform import LANGUAGE_NAMES

    return f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})"


def _text_cell(ws: Any, row: int, column: int, value: str) -> None:
    cell = ws.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"  # text, never a formula, whatever it starts with


def export_translations(
    instrument: Instrument,
    languages: Iterable[str],
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> None:
    """Write the translators' workbook for ``languages`` (one sheet each) to ``path``.

    An existing file is replaced only with ``overwrite=True``.
    """
    from .._write import check_writable

    p = check_writable(path, overwrite=overwrite)
    openpyxl = _openpyxl(str(p))
    langs = list(languages)
    if not langs:
        raise ValidationError("name at least one language to translate into", file=str(p))
    for lang in langs:
        try:
            check_language(lang)
        except ValueError as exc:
            raise ValidationError(str(exc), file=str(p), location="--lang") from None
    source = instrument.languages[0]
    if source in langs:
        raise ValidationError(
            f"{source!r} is the source language of {instrument.id!r}", file=str(p)
        )
    entries = translation_entries(instrument)
    wb = openpyxl.Workbook()
    about = wb.active
    about.title = _ABOUT
    for r, (k, v) in enumerate(
        (
            ("instrument", instrument.id),
            ("version", instrument.version),
            ("source language", source),
            (
                "how to",
                (
                    "Write each translation in the column of your language, beside its source text. "
                    "Keep {placeholders} such as {region} as they are. Leave the key and hash alone."
                ),
            ),
        ),
        start=1,
    ):
        _text_cell(about, r, 1, k)
        _text_cell(about, r, 2, v)
    for lang in langs:
        ws = wb.create_sheet(lang)
        for c, h in enumerate((_KEY, _header(source), _header(lang), _HASH), start=1):
            _text_cell(ws, 1, c, h)
        for r, e in enumerate(entries, start=2):
            _text_cell(ws, r, 1, e.key)
            _text_cell(ws, r, 2, e.source)
            if lang in e.texts:
                _text_cell(ws, r, 3, e.texts[lang])
            _text_cell(ws, r, 4, source_hash(e.source))
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 70
        ws.column_dimensions["C"].width = 70
        ws.freeze_panes = "B2"
    from .._cells import save_workbook

    save_workbook(wb, p, overwrite=overwrite)  # atomic, fixed timestamps


@attrs.frozen
class TranslationImport:
    """What :func:`import_translations` read: the extension and what it left out.

    ``missing``, ``stale`` and ``unknown`` hold ``(language, key)`` pairs:
    untranslated texts, translations of a source text that has changed since
    (left out of the extension), and rows whose key the instrument does not have.
    """

    extension: InstrumentExtension
    missing: tuple[tuple[str, str], ...]
    stale: tuple[tuple[str, str], ...]
    unknown: tuple[tuple[str, str], ...]

    def summary(self) -> str:
        """One line per language: how many taken, missing, stale, unknown."""
        lines = []
        for lang, tr in self.extension.translate.items():
            taken = sum(len(v) for v in tr.model_dump().values() if isinstance(v, dict))
            taken += tr.title is not None
            counts = [
                sum(1 for lg, _ in group if lg == lang)
                for group in (self.missing, self.stale, self.unknown)
            ]
            lines.append(
                f"{lang}: {taken} translated, {counts[0]} missing, {counts[1]} stale "
                f"(source changed), {counts[2]} unknown"
            )
        return "\n".join(lines)


def _rows(ws: Any) -> list[list[str]]:
    out = []
    for row in ws.iter_rows(values_only=True):
        out.append(["" if v is None else str(v) for v in row])
    return out


def import_translations(
    path: str | os.PathLike[str],
    instrument: Instrument,
    *,
    extends: str | None = None,
    id: str | None = None,
    version: str | None = None,
) -> TranslationImport:
    """Read a translators' workbook back against ``instrument`` (its current wording).

    ``extends`` is what the extension names as its base (default: the instrument's
    id, right for a built-in); ``id``/``version`` name the result.
    """
    p = Path(path)
    file = str(p)
    openpyxl = _openpyxl(file)
    import zipfile

    try:
        wb = openpyxl.load_workbook(p, read_only=True)  # formulas as their text
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FileFormatError(f"not a readable XLSX workbook: {exc}", file=file) from None
    try:
        sheets = {name: _rows(wb[name]) for name in wb.sheetnames if name != _ABOUT}
    finally:
        wb.close()
    if not sheets:
        raise FileFormatError("no language sheets; is this a translation workbook?", file=file)
    entries = {e.key: e for e in translation_entries(instrument)}
    missing: list[tuple[str, str]] = []
    stale: list[tuple[str, str]] = []
    unknown: list[tuple[str, str]] = []
    translate: dict[str, dict[str, Any]] = {}
    for lang, rows in sheets.items():
        try:
            check_language(lang)
        except ValueError:
            raise FileFormatError(
                f"sheet {lang!r} is not named by a language code", file=file, location=lang
            ) from None
        if not rows or rows[0][:1] != [_KEY] or len(rows[0]) < 4:
            raise FileFormatError(
                f"sheet {lang!r} does not start with the columns key, source, translation, hash",
                file=file,
                location=f"{lang}!A1",
            )
        seen: set[str] = set()
        tr: dict[str, Any] = {}
        for r, row in enumerate(rows[1:], start=2):
            key, text, digest = row[0].strip(), row[2].strip(), row[3].strip()
            if not key:
                if text:
                    unknown.append((lang, f"row {r}"))
                continue
            entry = entries.get(key)
            if entry is None:
                unknown.append((lang, key))
                continue
            seen.add(key)
            if not text:
                missing.append((lang, key))
                continue
            if digest != source_hash(entry.source):
                stale.append((lang, key))
                continue
            if entry.field == "title":
                tr["title"] = text
            else:
                tr.setdefault(entry.field, {})[entry.target] = text
        missing += [(lang, k) for k in entries if k not in seen]
        translate[lang] = tr
    data = {
        "extends": extends or instrument.id,
        "id": id or f"{instrument.id}-{'-'.join(translate)}",
        "version": version or instrument.version,
        "translate": translate,
    }
    try:
        ext = InstrumentExtension.model_validate(data)
    except pydantic.ValidationError as exc:  # pragma: no cover - built from known keys
        raise ValidationError(problems_from(exc, file=file)) from None
    order = list(entries)

    def ordered(pairs: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        return tuple(
            sorted(set(pairs), key=lambda x: (x[0], order.index(x[1]) if x[1] in order else 1e9))
        )

    return TranslationImport(ext, ordered(missing), ordered(stale), tuple(unknown))
