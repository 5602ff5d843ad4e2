"""What the worksheet holds: sheet names, columns, header fields and cell helpers.

Shared by the writer and the reader so that both agree on every column.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ..assessment import Status

if TYPE_CHECKING:
    from ..survey import Instrument

__all__ = [
    "COLUMNS",
    "FORMAT_VERSION",
    "HEADER_FIELDS",
    "SHEETS",
    "STATUS_LABELS",
    "STATUS_SYNONYMS",
    "column_letter",
    "normalise",
    "parse_status",
    "priority_options",
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
INDICATOR_INPUTS = ("status", "evidence", "note", "potential improvement")
#: How the "potential improvement" column is filled: blank follows from the status.
IMPROVEMENT_LABELS = {True: "yes", False: "no"}
_IMPROVEMENT_TEXTS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "x": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}


def parse_improvement(value: str) -> bool | None:
    """A "potential improvement" cell as a mark (``yes``/``no``, ``x``, ``1``/``0``…),
    None if the text is none of these."""
    return _IMPROVEMENT_TEXTS.get(normalise(value).rstrip("."))


STATUS_LABELS: dict[Status, str] = {s: s.value.replace("_", " ") for s in Status}

#: Other ways assessors write a status (compared loosely: case, '_', '-', spaces, a final '.').
STATUS_SYNONYMS: dict[str, Status] = {
    "n/a": Status.NOT_APPLICABLE,
    "na": Status.NOT_APPLICABLE,
    "n.a": Status.NOT_APPLICABLE,
    "not relevant": Status.NOT_APPLICABLE,
    "does not apply": Status.NOT_APPLICABLE,
    "partly": Status.PARTLY_MET,
    "partially met": Status.PARTLY_MET,
    "partially": Status.PARTLY_MET,
    "part met": Status.PARTLY_MET,
    "fully met": Status.MET,
    "yes": Status.MET,
    "no": Status.NOT_MET,
    "unmet": Status.NOT_MET,
    "not yet met": Status.NOT_MET,
    "don't know": Status.UNKNOWN,
    "do not know": Status.UNKNOWN,
    "?": Status.UNKNOWN,
}

#: The widest value of each dropdown list (for column widths): "not applicable".
STATUS_WIDTH = max(len(label) for label in STATUS_LABELS.values()) + 4

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text compared loosely: NFKC, case-folded, runs of white space and '_' as one space."""
    text = unicodedata.normalize("NFKC", text).replace("_", " ")
    return _SPACE.sub(" ", text).strip().casefold()


def parse_status(value: str) -> Status | None:
    """The status a cell names (``Partly met``, ``partly-met``, ``N/A``, ``partially met``…),
    or None. The writer always writes the canonical label (:data:`STATUS_LABELS`)."""
    key = normalise(value).replace("-", " ").rstrip(".").strip()
    key = _SPACE.sub(" ", key)
    for status, label in STATUS_LABELS.items():
        if key == label:
            return status
    return STATUS_SYNONYMS.get(key)


def column_letter(index: int) -> str:
    """Excel column letters of a 1-based index (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def priority_options(instrument: Instrument, item: str | None = None) -> dict[str, str]:
    """Letter -> wording of the top-three priorities question (A-Q of Annex D's 8.1).

    ``item`` picks the question when the instrument has several; by default the first.
    The writer prefills the Priorities sheet with these; the reader treats a row with
    this wording and no counts as not filled in.
    """
    from ..survey import QuestionType

    questions = [q for q in instrument.questions() if q.type is QuestionType.TOP_RANKED]
    chosen = next((q for q in questions if q.id == item), questions[0] if questions else None)
    if chosen is None:
        return {}
    lang = instrument.languages[0] if instrument.languages else "en"
    return {o.name: o.text(lang) for o in instrument.options(chosen)}
