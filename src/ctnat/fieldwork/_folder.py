"""An assessment folder: what :func:`init` lays out and :func:`build` reads.

::

    DIR/
      README.md               what goes where (written by init)
      assessment.yaml         statuses, evidence, bibliography, narrative
      instruments/
        parameters.yaml       country, region, office and contacts the instruments name
        survey.xlsx           the XLSForm to upload to KoboToolbox / ODK Central
        interview-guide.html  the interviewers' printable guide (and .docx)
        translations.xlsx     the translators' workbook, one sheet per language
      survey/                 survey exports downloaded from Kobo / ODK (CSV, XLSX, JSON)
      interviews/             interview records (YAML/JSON, or the guide form's exports)
      worksheet.xlsx          the assessors' data-analysis worksheet
      out/                    what build writes: reports, updated worksheet, build log
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import FileFormatError, ValidationError

__all__ = [
    "ASSESSMENT_FILE",
    "GUIDE_FILE",
    "INTERVIEWS_DIR",
    "OUT_DIR",
    "PARAMETERS_FILE",
    "SURVEY_DIR",
    "SURVEY_FORM",
    "TRANSLATIONS_FILE",
    "WORKSHEET_FILE",
    "parse_round",
]

ASSESSMENT_FILE = "assessment.yaml"
SURVEY_FORM = "instruments/survey.xlsx"
GUIDE_FILE = "instruments/interview-guide.html"
PARAMETERS_FILE = "instruments/parameters.yaml"
TRANSLATIONS_FILE = "instruments/translations.xlsx"
SURVEY_DIR = "survey"
INTERVIEWS_DIR = "interviews"
WORKSHEET_FILE = "worksheet.xlsx"
OUT_DIR = "out"

#: The file kinds build reads from the survey and interview folders.
EXPORT_SUFFIXES = (".csv", ".xlsx", ".json")
INTERVIEW_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")


def parse_round(text: str) -> dt.date:
    """The date of a round from ``2027-03-15`` or ``2027-03`` (the first of the month)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text.strip())
    if m is None:
        raise ValidationError(
            f"the round must be a date such as '2027-03-15' or a month such as '2027-03' "
            f"(got {text!r})",
            location="--round",
        )
    year, month, day = int(m[1]), int(m[2]), int(m[3] or 1)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValidationError(f"{text!r} is not a date: {exc}", location="--round") from None


def files_in(folder: Path, suffixes: tuple[str, ...]) -> tuple[Path, ...]:
    """The data files of one sub-folder, sorted by name (hidden files and READMEs left out)."""
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(
            p
            for p in folder.iterdir()
            if p.is_file()
            and p.suffix.lower() in suffixes
            and not p.name.startswith((".", "~$"))
            and p.stem.upper() != "README"
        )
    )


def require_empty(directory: Path, *, overwrite: bool) -> None:
    """Refuse a folder that holds files, unless ``overwrite``."""
    if directory.exists() and not directory.is_dir():
        raise FileFormatError("exists and is not a folder", file=str(directory))
    if directory.is_dir() and any(directory.iterdir()) and not overwrite:
        raise FileFormatError(
            "the folder is not empty; init writes only into a new or empty folder",
            file=str(directory),
            hint="choose another folder, or pass --force (overwrite=True) to write over its files",
        )
