"""Survey instruments, the interview guide, responses, and XLSForm for KoboToolbox/ODK.

- :func:`builtin` gives the instruments of the 2016 assessment:
  ``"ct-nat-2016-survey"`` (Annex D) and ``"ct-nat-2016-interview"`` (Annex C).
- :class:`Instrument`, :class:`Section`, :class:`Question`, :class:`Scale`,
  :class:`Option` describe an instrument; :class:`Response` and
  :class:`ResponseSet` hold answers; :class:`InterviewRecord` holds an interview.
"""

from __future__ import annotations

from ..aggregate import summarize as summarize  # re-export: summaries live in ctnat.aggregate
from .adapt import Parameters, adapt_instrument, study_parameters, template
from .catalogue import builtin, builtin_names, dump_instrument, load_instrument
from .extend import InstrumentExtension, extend_instrument, load_extension
from .interview import (
    EntityType,
    InterviewFormat,
    InterviewRecord,
    InterviewSet,
    Participants,
    check_interview,
    check_routing,
    read_interviews,
    routing_problems,
)
from .links import check_links, linked_criteria, linked_items
from .model import (
    Instrument,
    InstrumentChange,
    Matrix,
    Note,
    Option,
    Question,
    QuestionType,
    Routing,
    Scale,
    Section,
    Text,
    label_text,
)
from .readers import read_responses, responses_from_records, write_responses
from .responses import (
    AnswerValue,
    Exclusion,
    Ignored,
    Rejection,
    Response,
    ResponseSet,
    check_response,
)
from .rules import AnswerRule, answer_rule
from .xlsform import read_xlsform, write_xlsform

__all__ = [
    "AnswerRule",
    "AnswerValue",
    "EntityType",
    "Exclusion",
    "Ignored",
    "Instrument",
    "InstrumentChange",
    "InstrumentExtension",
    "InterviewFormat",
    "InterviewRecord",
    "InterviewSet",
    "Matrix",
    "Note",
    "Option",
    "Parameters",
    "Participants",
    "Question",
    "QuestionType",
    "Rejection",
    "Response",
    "ResponseSet",
    "Routing",
    "Scale",
    "Section",
    "Text",
    "adapt_instrument",
    "answer_rule",
    "builtin",
    "builtin_names",
    "check_interview",
    "check_links",
    "check_response",
    "check_routing",
    "dump_instrument",
    "extend_instrument",
    "label_text",
    "linked_criteria",
    "linked_items",
    "load_extension",
    "load_instrument",
    "read_interviews",
    "read_responses",
    "read_xlsform",
    "responses_from_records",
    "routing_problems",
    "study_parameters",
    "template",
    "write_responses",
    "write_xlsform",
]
