"""Spreadsheet cells ctnat writes: formula neutralisation and reproducible workbooks.

One place for what every CSV and XLSX writer of ctnat does to the text it writes
and to the workbooks it saves.

**Neutralisation.** A spreadsheet program reads a cell whose text starts with
``=``, ``+``, ``-`` or ``@`` as a formula, and a leading tab, carriage return or
line feed can smuggle one past a check; some also read the full-width forms
(U+FF1D, U+FF0B, U+FF0D, U+FF20, typed with East Asian input methods) as formulas.
:func:`neutralise` puts an apostrophe in front of such text (and of text that
already starts with an apostrophe, so that nothing is ambiguous), which
spreadsheet programs show as text; :func:`restore` is its exact inverse:
``restore(neutralise(t)) == t`` for every string ``t``.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise("\\t=1"), neutralise("\\uff1d1") == "'\\uff1d1", neutralise("Agree")
("'\\t=1", True, 'Agree')
>>> restore(neutralise("'quoted")), restore("'=1")
("'quoted", '=1')

In a workbook, :func:`set_text` stores every string as text (never as a
formula) and marks formula-like text with Excel's quote prefix.

**Reproducible workbooks.** :func:`save_workbook` saves an openpyxl workbook
with fixed document timestamps: ``SOURCE_DATE_EPOCH`` (seconds since 1970, the
reproducible-builds convention) when set, else 2016-01-01 00:00 UTC, and with
fixed zip entry times, so identical input gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from typing import Any

__all__ = [
    "FORMULA_TRIGGERS",
    "document_time",
    "needs_neutralising",
    "neutralise",
    "reproducible_zip",
    "restore",
    "save_workbook",
    "set_text",
]

#: The first characters that make a spreadsheet cell a formula (or hide one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

#: The document time when ``SOURCE_DATE_EPOCH`` is not set.
DEFAULT_DOCUMENT_TIME = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)


def needs_neutralising(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def neutralise(text: str) -> str:
    """``text`` with an apostrophe in front if a spreadsheet would read it as a formula
    (or if it starts with an apostrophe already)."""
    return "'" + text if text.startswith((*FORMULA_TRIGGERS, "'")) else text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: one leading apostrophe dropped when it is
    followed by a formula character or another apostrophe."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith((*FORMULA_TRIGGERS, "'")):
        return text[1:]
    return text


def set_text(cell: Any, value: object) -> Any:
    """Set an openpyxl cell; a string is stored as text, never as a formula.

    Text a spreadsheet would read as a formula is also marked with Excel's
    "quote prefix" (the cell keeps its exact value and stays text when edited).
    Writers whose readers expect the apostrophe pass ``neutralise(text)``.
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if needs_neutralising(value):
            cell.quotePrefix = True
    return cell


def document_time() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` as a UTC time when it is set (and valid), else 2016-01-01."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            pass
    return DEFAULT_DOCUMENT_TIME


def save_workbook(workbook: Any, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Save an openpyxl workbook with fixed timestamps (see the module docstring).

    The file is written atomically (:func:`ctnat._write.write_bytes`); an existing
    file is replaced only with ``overwrite=True``.
    """
    from ._write import write_bytes

    when = document_time().replace(tzinfo=None)
    props = workbook.properties
    props.created = when
    props.modified = when
    props.lastPrinted = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return write_bytes(path, reproducible_zip(buffer.getvalue()), overwrite=overwrite)


def reproducible_zip(data: bytes) -> bytes:
    """An Office file (XLSX, DOCX) with its zip entry times and the created/modified
    times of ``docProps/core.xml`` set to :func:`document_time`.

    openpyxl and python-docx stamp both with the current time while saving.
    """
    when = document_time().replace(tzinfo=None)
    stamp = (
        (when.year, when.month, when.day, when.hour, when.minute, when.second)
        if when.year >= 1980
        else (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
    )
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            raw = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                raw = _fix_core(raw, iso)
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            dst.writestr(info, raw)
    return out.getvalue()


def _fix_core(xml: bytes, iso: bytes) -> bytes:
    """``docProps/core.xml`` with every W3CDTF time set to ``iso``."""
    import re

    return re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)",
        lambda m: m.group(1) + iso + m.group(2),
        xml,
    )
