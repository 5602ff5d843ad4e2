"""Survey responses: one record per respondent, checked against the instrument.

A :class:`Response` holds the respondent code (``AZEsur1``), the profile answers
(country, position, years, age band, gender: the questions of the instrument that
name a ``profile`` field) and the other answers keyed by annex number. Answer
values by question type:

=====================  =========================================================
scale, choose_one      the option name, e.g. ``"adequate"``
choose_all/exactly/    a tuple of option names, e.g. ``("forced_labour",
at_most                "prostitution", "forced_marriage")``
rank, top_ranked       a mapping option name -> rank, e.g. ``{"A": 1, "N": 2,
                       "L": 3}``
text                   the text
=====================  =========================================================

"Other - please specify" texts are kept apart, in :attr:`Response.other`, keyed
by question id, so that free text is only used when asked for.

A :class:`ResponseSet` holds the accepted responses and, in ``rejected``, one
:class:`Rejection` per problem of each record that could not be accepted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import Problem
from ._table import Column, Responses, long_frame
from .model import Instrument, QuestionType
from .rules import answer_rule

__all__ = [
    "AnswerValue",
    "Exclusion",
    "Ignored",
    "Rejection",
    "Response",
    "ResponseSet",
    "check_response",
]

AnswerValue = str | tuple[str, ...] | dict[str, int]
"""An answer: an option name or text, a tuple of option names, or option -> rank."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Response(_Frozen):
    """The answers of one respondent (see the module docstring for value types)."""

    code: str = Field(min_length=1)
    profile: dict[str, str] = Field(default_factory=dict)
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    other: dict[str, str] = Field(default_factory=dict)
    meta: dict[str, str] = Field(default_factory=dict)

    def answer(self, question_id: str) -> AnswerValue | None:
        """The answer to ``question_id``, or None if it was skipped."""
        return self.answers.get(question_id)


class Rejection(_Frozen):
    """Why an answer, or a whole record, was not accepted.

    Carries the same ``reason``/``file``/``location``/``hint`` as a
    :class:`~ctnat.errors.Problem`, plus the respondent code (when the record has
    one), the question concerned and the value refused. ``scope`` says what was
    refused: ``"answer"`` (that answer only; the rest of the respondent is kept)
    or ``"record"`` (the whole record: no usable identity, or a repeated one).
    ``record`` names the record in the file (``row 5``, ``record 3``).
    """

    reason: str
    respondent: str | None = None
    question: str | None = None
    value: str | None = None
    scope: Literal["answer", "record"] = "record"
    record: str = ""
    file: str | None = None
    location: str = ""
    hint: str | None = None

    def problem(self) -> Problem:
        """This rejection as a :class:`~ctnat.errors.Problem`."""
        return Problem(self.reason, self.file, self.location, self.hint)

    def __str__(self) -> str:
        return str(self.problem())


class Ignored(_Frozen):
    """A column (or row) of the file that was not read, and why.

    ``cells`` counts its non-empty cells (their values are not kept).
    """

    column: str
    reason: str
    cells: int = Field(default=0, ge=0)


class Exclusion(_Frozen):
    """A record read but kept out of the summaries (e.g. consent not given)."""

    respondent: str
    reason: str
    record: str = ""


class ResponseSet(_Frozen):
    """The responses to one instrument, with what was rejected on reading.

    Every record of the source is accepted (in ``responses``), rejected whole
    (a ``"record"`` :class:`Rejection` in ``rejected``) or kept out of the
    summaries (in ``excluded``); every non-empty cell of the file is used, listed
    in ``rejected`` or listed in ``ignored``. ``rejected_before`` holds the
    rejections a response-set file carried from its first reading (kept for the
    record, not counted again). ``records_read`` counts the records in the
    source.

    ``responses`` is a sequence of :class:`Response`; readers hold the answers as
    columns and build a :class:`Response` only when one is asked for.
    """

    instrument: str
    instrument_version: str = ""
    responses: Responses = Field(default_factory=Responses)
    rejected: tuple[Rejection, ...] = ()
    ignored: tuple[Ignored, ...] = ()
    excluded: tuple[Exclusion, ...] = ()
    rejected_before: tuple[Rejection, ...] = ()
    source: str | None = None
    records_read: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _unique_codes(self) -> ResponseSet:
        codes = self.responses.codes
        if len(set(codes)) != len(codes):
            seen: set[str] = set()
            for c in codes:
                if c in seen:
                    raise ValueError(f"respondent code {c!r} is repeated")
                seen.add(c)
        return self

    def __len__(self) -> int:
        return len(self.responses)

    def __repr__(self) -> str:
        return (
            f"ResponseSet(instrument={self.instrument!r}, accepted={len(self.responses)}, "
            f"rejected_records={self.rejected_records}, "
            f"rejected_answers={self.rejected_answers}, records_read={self.records_read})"
        )

    def _repr_html_(self) -> str:
        from html import escape

        head = (
            f"<p><b>{escape(self.instrument)}</b>: {len(self.responses)} responses accepted, "
            f"{self.rejected_records} records rejected of {self.records_read} read, "
            f"{self.rejected_answers} answers rejected</p>"
        )
        if not self.rejected:
            return head
        rows = "".join(
            f"<tr><td>{escape(r.location)}</td><td>{escape(r.reason)}</td></tr>"
            for r in self.rejected
        )
        return f"{head}<table><thead><tr><th>where</th><th>reason</th></tr></thead><tbody>{rows}</tbody></table>"

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the accepted responses."""
        return self.responses.codes

    def response(self, code: str) -> Response:
        """The accepted response with ``code``."""
        from ..errors import NotFoundError

        found = self.responses.get(code)
        if found is None:
            raise NotFoundError(f"no accepted response {code!r}")
        return found

    @property
    def rejected_records(self) -> int:
        """The number of records rejected whole."""
        return len(self.rejected_locations())

    @property
    def rejected_answers(self) -> int:
        """The number of answers rejected (their respondents are kept)."""
        return sum(1 for r in self.rejected if r.scope == "answer")

    @property
    def ignored_columns(self) -> tuple[str, ...]:
        """The headers of the columns that were not read."""
        return tuple(i.column for i in self.ignored)

    def problems(self) -> tuple[Problem, ...]:
        """The rejections as :class:`~ctnat.errors.Problem` records."""
        return tuple(r.problem() for r in self.rejected)

    def to_frame(
        self, instrument: Instrument, *, long: bool = False, include_text: bool = False
    ) -> Any:
        """The accepted responses as a pandas DataFrame (needs ``ctnat[pandas]``).

        Wide (default): one row per respondent, indexed by code; the profile fields,
        then one column per answered question (option names; tuples for several
        options; option -> rank mappings for rankings). Long: one row per chosen
        option with columns ``code, question, option, rank`` (rank empty unless the
        question ranks). Free text (text answers and "other" texts) is left out
        unless ``include_text`` is true.

        Columns of text (options, codes, free text) are pandas ``Categorical``s
        whose categories are the question's options in the instrument's order, so
        ``value_counts()`` lists the options nobody chose, and the frame is built
        from the distinct values without a Python object per answer.
        """
        from .._extras import require_extra

        pd = require_extra("pandas", "pandas", "a DataFrame")
        text = {q.id for q in instrument.questions() if q.type is QuestionType.TEXT}
        table = self.responses.table

        def answered(kind: str, key: str) -> Column | None:
            col = table.columns.get((kind, key))
            return col if col is not None and col.index.any() else None

        if long:
            fields = [
                (q.id, col)
                for q in instrument.questions()
                if q.profile is None
                and (include_text or q.id not in text)
                and (col := answered("answers", q.id)) is not None
            ]
            return long_frame(pd, table.codes, fields)
        data: dict[str, Any] = {}
        for q in instrument.profile_questions():
            if (col := answered("profile", q.profile or "")) is not None:
                data[q.profile or ""] = col.categorical(pd, instrument.option_names(q))
        for q in instrument.questions():
            if (
                q.profile is None
                and (include_text or q.id not in text)
                and (col := answered("answers", q.id)) is not None
            ):
                data[q.id] = col.categorical(pd, instrument.option_names(q))
            if include_text and (other := answered("other", q.id)) is not None:
                data[f"{q.id} other"] = other.categorical(pd)
        index = pd.Index(list(table.codes), name="code")
        return pd.DataFrame(data, index=index)

    def rejected_locations(self) -> tuple[str, ...]:
        """The distinct records that were rejected whole, in order (one per record)."""
        return tuple(
            dict.fromkeys(r.record or r.location for r in self.rejected if r.scope == "record")
        )


# -- checking a response against its instrument ----------------------------------


def _problem(reason: str, question: str | None = None, hint: str | None = None) -> Problem:
    return Problem(reason, None, question or "", hint)


def check_response(response: Response, instrument: Instrument) -> tuple[Problem, ...]:
    """Every way ``response`` breaks the rules of ``instrument`` (empty if none).

    A problem's ``location`` is the question id (empty for the whole record).
    """
    problems: list[Problem] = []
    if not re.match(instrument.code_pattern, response.code):
        problems.append(
            _problem(
                f"respondent code {response.code!r} does not match {instrument.code_pattern}",
                hint="codes are the country's three letters, 'sur' and a number, e.g. AZEsur1",
            )
        )
    by_profile = {q.profile: q for q in instrument.profile_questions()}
    for key, profile_value in response.profile.items():
        pq = by_profile.get(key)
        if pq is None:
            problems.append(_problem(f"unknown profile field {key!r}", hint=_known(by_profile)))
            continue
        problems += _check_value(instrument, pq.id, profile_value, response)
    known = {q.id for q in instrument.questions()}
    for qid, value in response.answers.items():
        if qid not in known:
            problems.append(_problem(f"unknown question {qid!r}", qid))
            continue
        q = instrument.question(qid)
        if q.profile is not None:
            problems.append(
                _problem(
                    f"question {qid} is a profile question; its answer belongs in profile", qid
                )
            )
            continue
        problems += _check_value(instrument, qid, value, response)
    for q in instrument.questions():
        if q.required and (
            response.profile.get(q.profile) if q.profile else response.answers.get(q.id)
        ) in (None, "", ()):
            problems.append(_problem("required question not answered", q.id))
    for qid, text in response.other.items():
        if qid not in known:
            problems.append(_problem(f"unknown question {qid!r} for an 'other' text", qid))
            continue
        q = instrument.question(qid)
        opt = q.other_option
        if opt is None:
            problems.append(_problem("the question has no 'other - please specify' option", qid))
            continue
        answered = response.profile.get(q.profile) if q.profile else response.answers.get(qid)
        chosen = _chosen(answered)
        if text.strip() and opt.name not in chosen:
            problems.append(
                _problem(f"'other' text given but option {opt.name!r} is not chosen", qid)
            )
    return tuple(problems)


def _known(by_profile: Mapping[str | None, Any]) -> str:
    return "known: " + ", ".join(sorted(k for k in by_profile if k))


def _chosen(value: AnswerValue | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, dict):
        return tuple(value)
    return tuple(value)


def _check_value(
    instrument: Instrument, qid: str, value: AnswerValue, response: Response
) -> list[Problem]:
    q = instrument.question(qid)
    t = q.type
    names = instrument.option_names(q)
    out: list[Problem] = []

    def bad(reason: str, hint: str | None = None) -> list[Problem]:
        out.append(_problem(reason, qid, hint))
        return out

    rule = answer_rule(instrument, q)
    if (
        t in (QuestionType.SCALE, QuestionType.CHOOSE_ONE)
        and isinstance(value, str)
        and value in names
        and q.choices_from is not None
    ):
        src = instrument.question(q.choices_from)
        chosen = _chosen(
            response.profile.get(src.profile) if src.profile else response.answers.get(src.id)
        )
        if chosen and value not in chosen:
            return bad(
                f"{value!r} was not among the options chosen in {q.choices_from} "
                f"({', '.join(chosen)})"
            )
    found = rule.check(value)
    if found is not None:
        return bad(*found)
    return out
