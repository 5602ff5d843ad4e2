"""What the worksheet holds: sheet names, columns, header fields and cell helpers.

Shared by the writer and the reader so that both agree on every column.
"""

from __future__ import annotations

import re
import unicodedata

from ..assessment import Status

__all__ = [
    "COLUMNS",
    "FORMAT_VERSION",
    "HEADER_FIELDS",
    "SHEETS",
    "STATUS_LABELS",
    "column_letter",
    "normalise",
    "parse_status",
]

FORMAT_VERSION = 1

ASSESSMENT = "Assessment"
SOURCES = "Sources"
INDICATORS = "Indicators"
RESPONSES = "Responses"
INTERVIEWS = "Interviews"
NOTES = "Interview notes"
PRIORITIES = "Priorities"
RECOMMENDATIONS = "Recommendations"
STATISTICS = "Statistics"
FINDINGS = "Findings"
LIMITATIONS = "Limitations"
METRICS = "Metrics"
LISTS = "Lists"
STORE = "_ctnat"

SHEETS = (
    ASSESSMENT,
    SOURCES,
    INDICATORS,
    RESPONSES,
    INTERVIEWS,
    NOTES,
    PRIORITIES,
    RECOMMENDATIONS,
    STATISTICS,
    FINDINGS,
    LIMITATIONS,
)

#: The header fields of the Assessment sheet: key -> (label, help text).
HEADER_FIELDS: dict[str, tuple[str, str]] = {
    "country": ("Country", "ISO 3166-1 alpha-3 code, e.g. AZE"),
    "round": ("Round (date)", "the date of the assessment round, e.g. 2016-06-30"),
    "title": ("Title", "optional"),
    "assessors": ("Assessors", "names or initials separated by ';' (not printed in reports)"),
    "indicator_set": ("Indicator set", "id of the indicator set, e.g. ct-nat-2016"),
    "indicator_set_version": ("Indicator set version", "optional"),
    "indicator_set_file": ("Indicator set file", "an extended set file beside the workbook"),
    "provenance": ("Provenance", "reported, reading or synthetic"),
    "provenance_source": ("Provenance source", "optional"),
    "provenance_note": ("Provenance note", "optional"),
    "instrument": ("Survey instrument", "id of the survey, e.g. ct-nat-2016-survey"),
    "instrument_version": ("Survey instrument version", "optional"),
    "guide": ("Interview guide", "id of the guide, e.g. ct-nat-2016-interview"),
    "priorities_item": ("Priorities question", "the survey item of the top-three question"),
    "priorities_survey_respondents": ("Priorities: survey respondents", "whole number"),
    "priorities_workshop_groups": ("Priorities: workshop groups", "whole number"),
    "priorities_note": ("Priorities note", "optional"),
}

#: Columns of the table sheets (the Indicators sheet adds one wording column per language).
COLUMNS: dict[str, tuple[str, ...]] = {
    SOURCES: ("code", "title", "author", "url"),
    INDICATORS: ("id", "category", "criterion", "dimension", "level"),
    INTERVIEWS: (
        "code",
        "date",
        "format",
        "female",
        "male",
        "unstated",
        "entity type",
        "organisation",
        "sections",
        "observations",
    ),
    NOTES: ("interview", "question", "notes", "themes"),
    PRIORITIES: ("option", "text", "survey", "workshop", "rank points"),
    RECOMMENDATIONS: ("category", "heading", "action"),
}
INDICATOR_INPUTS = ("status", "evidence", "note")

STATUS_LABELS: dict[Status, str] = {s: s.value.replace("_", " ") for s in Status}

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text compared loosely: NFKC, case-folded, runs of white space and '_' as one space."""
    text = unicodedata.normalize("NFKC", text).replace("_", " ")
    return _SPACE.sub(" ", text).strip().casefold()


def parse_status(value: str) -> Status | None:
    """The status a cell names (``Partly met``, ``partly_met ``…), or None."""
    key = normalise(value)
    for status, label in STATUS_LABELS.items():
        if key == label:
            return status
    return None


def column_letter(index: int) -> str:
    """Excel column letters of a 1-based index (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
