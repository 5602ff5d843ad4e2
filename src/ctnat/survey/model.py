"""The instrument model: sections, questions, answer scales and options.

An :class:`Instrument` is a questionnaire (the electronic survey of Annex D or the
interview guide of Annex C). It holds named :class:`Scale` objects (the labelled
5-point scales) and :class:`Section` objects; a section holds :class:`Question`
objects and, for the statement tables of Annex D, :class:`Matrix` headers that
share one stem and one scale.

Question ids are the numbers of the annex (``"3.1.5"``, ``"8.1"``). Every label
is a mapping of language code to text (``{"en": "...", "az": "..."}``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .._io import compile_pattern
from .._languages import check_language
from .._members import Members
from ..errors import NotFoundError

__all__ = [
    "Instrument",
    "InstrumentChange",
    "Matrix",
    "Note",
    "Option",
    "Question",
    "QuestionType",
    "Routing",
    "Scale",
    "Section",
    "Text",
    "label_text",
]

Text = dict[str, str]
"""A label in one or more languages: language code -> text."""

_ID = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_:() -]*$")

#: XLSForm types of free questions an office may add (answers are kept as text).
FREE_TYPES = frozenset(
    {
        "text",
        "integer",
        "decimal",
        "range",
        "date",
        "time",
        "datetime",
        "dateTime",
        "barcode",
        "geopoint",
        "geotrace",
        "geoshape",
        "image",
        "audio",
        "video",
        "file",
        "calculate",
        "acknowledge",
        "hidden",
    }
)

#: XLSForm metadata types: recorded by the device, never asked.
METADATA_TYPES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "audit",
        "phonenumber",
        "subscriberid",
        "simserial",
        "email",
        "start-geopoint",
        "background-audio",
    }
)


def label_text(label: Text, lang: str = "en") -> str:
    """The text of ``label`` in ``lang``; English, then any language, as fallbacks."""
    if lang in label:
        return label[lang]
    if "en" in label:
        return label["en"]
    return next(iter(label.values()), "")


def _check_text(value: Text) -> Text:
    if not value:
        raise ValueError("a label needs text in at least one language")
    for lang, text in value.items():
        check_language(lang)
        if not text.strip():
            raise ValueError(f"the {lang!r} text is empty")
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class QuestionType(StrEnum):
    """The kinds of question of Annexes C and D.

    - ``scale``: one point of a labelled 5-point scale (the statement tables);
    - ``choose_one``: one option (1.2, 2.5);
    - ``choose_all``: any number of options, "choose all that apply" (2.1);
    - ``choose_exactly``: exactly ``count`` options, "choose three" (2.2);
    - ``choose_at_most``: 1 to ``count`` options, "choose no more than three" (2.3);
    - ``rank``: every option gets a distinct rank 1..n (2.4);
    - ``top_ranked``: ``count`` options chosen and ranked 1..count (8.1's top three A-Q);
    - ``text``: open text (2.6, every interview question).
    """

    SCALE = "scale"
    CHOOSE_ONE = "choose_one"
    CHOOSE_ALL = "choose_all"
    CHOOSE_EXACTLY = "choose_exactly"
    CHOOSE_AT_MOST = "choose_at_most"
    RANK = "rank"
    TOP_RANKED = "top_ranked"
    TEXT = "text"

    @property
    def is_choice(self) -> bool:
        """Whether answers are option names (everything except ``text``)."""
        return self is not QuestionType.TEXT

    @property
    def is_multiple(self) -> bool:
        """Whether the answer is a set of options (choose all / exactly / at most)."""
        return self in _MULTIPLE

    @property
    def is_ranking(self) -> bool:
        """Whether the answer maps options to ranks (rank, top_ranked)."""
        return self in (QuestionType.RANK, QuestionType.TOP_RANKED)


_MULTIPLE = frozenset(
    {QuestionType.CHOOSE_ALL, QuestionType.CHOOSE_EXACTLY, QuestionType.CHOOSE_AT_MOST}
)


class Option(_Frozen):
    """One answer option.

    ``name`` is the stable machine name (the XLSForm choice name, what Kobo/ODK
    export); ``position`` is the 1-based place in its list. For a :class:`Scale`
    the position is the ordinal value of the answer (see :class:`Scale`).
    ``other`` marks an "Other - please specify" option whose answer carries text.
    ``xlsform`` keeps choices-sheet cells ctnat does not model (a cascade's filter
    column, ``media::image``), written back as they were.
    """

    name: str
    label: Text
    position: int = Field(ge=1)
    other: bool = False
    xlsform: dict[str, str] = Field(default_factory=dict)

    _label = field_validator("label")(_check_text)

    @field_validator("xlsform")
    @classmethod
    def _columns(cls, value: dict[str, str]) -> dict[str, str]:
        for column in value:
            if not _COLUMN.match(column) or column in ("list_name", "name"):
                raise ValueError(f"xlsform cannot set the choices column {column!r}")
        return value

    @field_validator("name")
    @classmethod
    def _valid_name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(
                f"{value!r} is not a valid option name (letters, digits, '_'; not starting "
                "with a digit)"
            )
        return value

    def text(self, lang: str = "en") -> str:
        """The label in ``lang`` (English as fallback)."""
        return label_text(self.label, lang)


def _number_options(data: Any) -> Any:
    """Fill in ``position`` from list order where a file leaves it out."""
    if isinstance(data, dict) and isinstance(data.get("options"), list | tuple):
        options = []
        for i, opt in enumerate(data["options"], start=1):
            if isinstance(opt, dict) and "position" not in opt:
                options.append({**opt, "position": i})
            else:
                options.append(opt)
        data = {**data, "options": options}
    return data


def _check_positions(options: tuple[Option, ...], what: str) -> None:
    names = [o.name for o in options]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"{what}: option names repeated: {', '.join(dupes)}")
    positions = [o.position for o in options]
    if positions != list(range(1, len(options) + 1)):
        raise ValueError(f"{what}: option positions must be 1..{len(options)} in list order")


class Scale(_Frozen):
    """A labelled ordinal answer scale (the five 5-point scales of Annex D).

    Convention: options are listed from most positive to most negative, and an
    option's ``position`` is its ordinal value: **1 = most positive** ("completely
    adequate", "always", "strongly agree", "very easy"), **5 = most negative**. A
    lower median position is therefore a better rating.

    ``neutral`` is the position of the middle option that is neither positive nor
    negative ("neither ... nor", "sometimes"), or None when the scale has none.
    ``positive`` and ``negative`` are the positions that count for and against in
    a net score; by default the positions below and above ``neutral``. The service
    adequacy scale of 4.1 has no neutral point: its middle option "adequate for
    some victims only" is listed in neither ``positive`` nor ``negative``.
    """

    id: str
    label: Text
    options: tuple[Option, ...] = Field(min_length=2)
    neutral: int | None = None
    positive: tuple[int, ...] | None = None
    negative: tuple[int, ...] | None = None

    _label = field_validator("label")(_check_text)
    _fill = model_validator(mode="before")(_number_options)

    @model_validator(mode="after")
    def _consistent(self) -> Scale:
        _check_positions(self.options, f"scale {self.id!r}")
        n = len(self.options)
        if self.neutral is not None and not 1 <= self.neutral <= n:
            raise ValueError(f"scale {self.id!r}: neutral must be a position 1..{n}")
        if any(o.other for o in self.options):
            raise ValueError(f"scale {self.id!r}: a scale cannot have an 'other' option")
        if self.neutral is None and (self.positive is None or self.negative is None):
            raise ValueError(
                f"scale {self.id!r}: without a neutral point, list positive and negative"
            )
        pos, neg = self.positive_positions, self.negative_positions
        if any(not 1 <= p <= n for p in (*pos, *neg)) or set(pos) & set(neg):
            raise ValueError(f"scale {self.id!r}: positive and negative must be distinct positions")
        if self.neutral is not None and self.neutral in (*pos, *neg):
            raise ValueError(f"scale {self.id!r}: the neutral position cannot count as positive")
        return self

    @property
    def points(self) -> int:
        """The number of options (5 for every Annex D scale)."""
        return len(self.options)

    @property
    def positive_positions(self) -> tuple[int, ...]:
        """Positions counted as positive in a net score."""
        if self.positive is not None:
            return self.positive
        assert self.neutral is not None  # checked by the validator
        return tuple(range(1, self.neutral))

    @property
    def negative_positions(self) -> tuple[int, ...]:
        """Positions counted as negative in a net score."""
        if self.negative is not None:
            return self.negative
        assert self.neutral is not None
        return tuple(range(self.neutral + 1, self.points + 1))

    def option(self, name: str) -> Option:
        """The option called ``name``."""
        for opt in self.options:
            if opt.name == name:
                return opt
        raise NotFoundError(f"scale {self.id!r} has no option {name!r}")

    def position(self, name: str) -> int:
        """The ordinal position (1 = most positive) of option ``name``."""
        return self.option(name).position


class Matrix(_Frozen):
    """A statement table of Annex D: one stem, one scale, several items (e.g. 3.1)."""

    id: str
    label: Text
    scale: str

    _label = field_validator("label")(_check_text)


class Question(_Frozen):
    """One question or statement, identified by its annex number.

    For ``scale`` questions the options come from the instrument's scale named by
    ``scale``; for the other choice types they are listed in ``options`` (or, with
    ``choices_from``, are the options the respondent chose in another question, as
    2.2.1 offers the three forms chosen in 2.2). ``count`` is the number of choices
    for ``choose_exactly``/``choose_at_most``/``top_ranked``. ``profile`` names the
    respondent-profile field the answer fills (country, position, gender, ...);
    profile answers are kept in :attr:`Response.profile`, not in its answers.
    """

    id: str
    name: str = ""
    type: QuestionType
    label: Text
    hint: Text | None = None
    scale: str | None = None
    matrix: str | None = None
    options: tuple[Option, ...] = ()
    choices_from: str | None = None
    count: int | None = Field(default=None, ge=1)
    profile: str | None = None
    required: bool = False
    #: XLSForm cells ctnat does not model (an office's ``default``, ``guidance_hint``,
    #: or for an added free question its ``type``: integer, decimal, date ...), written back.
    xlsform: dict[str, str] = Field(default_factory=dict)

    _label = field_validator("label")(_check_text)

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        data = _number_options(data)
        if isinstance(data, dict) and not data.get("name") and isinstance(data.get("id"), str):
            data = {**data, "name": "q" + data["id"].replace(".", "_")}
        return data

    @field_validator("hint")
    @classmethod
    def _hint(cls, value: Text | None) -> Text | None:
        return None if value is None else _check_text(value)

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        where = f"question {self.id}"
        if not _ID.match(self.id):
            raise ValueError(f"{where}: the id must be an annex number such as '3.1.5'")
        if not _NAME.match(self.name):
            raise ValueError(f"{where}: {self.name!r} is not a valid XLSForm name")
        t = self.type
        if t is QuestionType.SCALE:
            if self.scale is None:
                raise ValueError(f"{where}: a scale question names its scale")
            if self.options:
                raise ValueError(f"{where}: a scale question takes its options from the scale")
        elif self.scale is not None:
            raise ValueError(f"{where}: only scale questions name a scale")
        if t is QuestionType.TEXT and (self.options or self.choices_from):
            raise ValueError(f"{where}: a text question has no options")
        if t.is_choice and t is not QuestionType.SCALE:
            if not self.options and self.choices_from is None:
                raise ValueError(f"{where}: a {t.value} question needs options")
            _check_positions(self.options, where)
        needs_count = t in (
            QuestionType.CHOOSE_EXACTLY,
            QuestionType.CHOOSE_AT_MOST,
            QuestionType.TOP_RANKED,
        )
        if needs_count and self.count is None:
            raise ValueError(f"{where}: a {t.value} question needs a count")
        if not needs_count and self.count is not None:
            raise ValueError(f"{where}: only choose_exactly/choose_at_most/top_ranked take a count")
        if self.count is not None and self.options and self.count > len(self.options):
            raise ValueError(f"{where}: count {self.count} exceeds the {len(self.options)} options")
        if self.choices_from is not None and t is not QuestionType.CHOOSE_ONE:
            raise ValueError(f"{where}: choices_from is only for choose_one questions")
        if self.profile is not None and not _NAME.match(self.profile):
            raise ValueError(f"{where}: profile {self.profile!r} must be a plain name")
        if sum(o.other for o in self.options) > 1:
            raise ValueError(f"{where}: at most one 'other - please specify' option")
        for column in self.xlsform:
            if not _COLUMN.match(column) or column in _MODELLED_COLUMNS:
                raise ValueError(f"{where}: xlsform cannot set the column {column!r}")
        form_type = self.xlsform.get("type")
        if form_type is not None and (t is not QuestionType.TEXT or form_type not in FREE_TYPES):
            raise ValueError(
                f"{where}: xlsform type {form_type!r} is only for text questions, one of "
                + ", ".join(sorted(FREE_TYPES))
            )
        return self

    @property
    def other_option(self) -> Option | None:
        """The "Other - please specify" option, if the question has one."""
        return next((o for o in self.options if o.other), None)

    def text(self, lang: str = "en") -> str:
        """The label in ``lang`` (English as fallback)."""
        return label_text(self.label, lang)


_MODELLED_COLUMNS = frozenset({"name", "required"})


class Note(_Frozen):
    """A text the respondent reads before the questions (a part of the introduction:
    background, purpose, confidentiality, instructions). ``name`` is its XLSForm name."""

    name: str
    heading: Text | None = None
    text: Text

    _text = field_validator("text")(_check_text)

    @field_validator("heading")
    @classmethod
    def _heading(cls, value: Text | None) -> Text | None:
        return None if value is None else _check_text(value)

    @field_validator("name")
    @classmethod
    def _valid_name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"{value!r} is not a valid XLSForm name")
        return value


class Section(_Frozen):
    """A numbered section of an instrument (1 Introductory questions ... 8)."""

    id: str
    title: Text
    intro: Text | None = None
    matrices: tuple[Matrix, ...] = ()
    questions: tuple[Question, ...] = ()

    _title = field_validator("title")(_check_text)

    @field_validator("intro")
    @classmethod
    def _intro(cls, value: Text | None) -> Text | None:
        return None if value is None else _check_text(value)

    @model_validator(mode="after")
    def _consistent(self) -> Section:
        known = {m.id for m in self.matrices}
        for q in self.questions:
            if q.matrix is not None and q.matrix not in known:
                raise ValueError(
                    f"question {q.id}: matrix {q.matrix!r} is not in section {self.id}"
                )
        return self


class Routing(_Frozen):
    """Which sections an interview asks (Annex C, question 1.2 "Plan").

    ``always`` sections are asked of everyone; between ``min_choice`` and
    ``max_choice`` of the ``choose_from`` sections are asked as well.
    """

    always: tuple[str, ...]
    choose_from: tuple[str, ...]
    min_choice: int = Field(ge=0)
    max_choice: int = Field(ge=0)
    note: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Routing:
        if self.min_choice > self.max_choice:
            raise ValueError("routing: min_choice exceeds max_choice")
        if self.max_choice > len(self.choose_from):
            raise ValueError("routing: max_choice exceeds the sections to choose from")
        if set(self.always) & set(self.choose_from):
            raise ValueError("routing: a section cannot be both always asked and optional")
        return self


class InstrumentChange(_Frozen):
    """One change an extension made to its base instrument (kept as history)."""

    kind: Literal["add", "reword", "retire", "translate"]
    target: str
    reason: str = ""


def _check_consent(instrument: Instrument) -> None:
    first = instrument.sections[0].questions[:1]
    q = first[0] if first else None
    if q is None or q.id != instrument.consent:
        raise ValueError(
            f"consent {instrument.consent!r} must name the first question of the first section"
        )
    names = {o.name for o in q.options}
    if q.type is not QuestionType.CHOOSE_ONE or names != {"yes", "no"} or not q.required:
        raise ValueError(
            f"consent question {q.id}: a required choose_one with the options 'yes' and 'no'"
        )


class _Index:
    """Lookup tables of one instrument (internal)."""

    __slots__ = (
        "by_id",
        "names",
        "options",
        "profile_questions",
        "questions",
        "scales",
        "scales_by_id",
        "section_of",
        "sections",
    )

    def __init__(self, sections: tuple[Section, ...], scales: tuple[Scale, ...]) -> None:
        self.sections = sections
        self.scales = scales
        self.questions = tuple(q for s in sections for q in s.questions)
        self.by_id = {q.id: q for q in self.questions}
        self.section_of = {q.id: s for s in sections for q in s.questions}
        self.scales_by_id = {s.id: s for s in scales}
        self.profile_questions = tuple(q for q in self.questions if q.profile)
        self.options: dict[str, tuple[Option, ...]] = {}
        for q in self.questions:
            if q.scale is not None and q.scale in self.scales_by_id:
                self.options[q.id] = self.scales_by_id[q.scale].options
            elif q.choices_from is not None and q.choices_from in self.by_id:
                self.options[q.id] = self.by_id[q.choices_from].options
            elif q.choices_from is None:
                self.options[q.id] = q.options
        self.names = {qid: tuple(o.name for o in opts) for qid, opts in self.options.items()}

    def __eq__(self, other: object) -> bool:
        # a built or not-yet-built index never makes two instruments unequal
        return other is None or isinstance(other, _Index)

    __hash__ = None  # type: ignore[assignment]


class Instrument(_Frozen):
    """A questionnaire: the survey of Annex D or the interview guide of Annex C.

    ``code_pattern`` is the regular expression a respondent or interview code must
    match (``AZEsur1``: three capital letters for the country, ``sur`` and a number).

    ``preamble`` holds the texts read before the questions (the survey's
    background, purpose, confidentiality and instructions; the interview guide's
    information note). ``consent`` names the required yes/no question that records
    the respondent's consent (the first question; a declined or absent consent
    keeps the record out of every summary). ``metadata`` lists XLSForm metadata
    fields by name (``start``, ``end``, ``username``, ...: recorded by the device,
    never asked). ``parameters`` names the placeholders (``{region}``, ...) of a
    template not yet filled in (see :mod:`ctnat.survey.adapt`); a form is written
    only from a filled-in instrument. ``code_label`` keeps an office's wording or
    translation of the respondent-code question.
    """

    id: str
    version: str
    kind: Literal["survey", "interview"]
    title: Text
    languages: tuple[str, ...] = ("en",)
    source: str = ""
    code_pattern: str = r"^[A-Z]{3}[a-z]+[1-9][0-9]*$"
    scales: tuple[Scale, ...] = ()
    sections: tuple[Section, ...] = Field(min_length=1)
    routing: Routing | None = None
    extends: str | None = None
    changes: tuple[InstrumentChange, ...] = ()
    preamble: tuple[Note, ...] = ()
    consent: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)
    parameters: tuple[str, ...] = ()
    #: The label of the form's respondent-code question by language, when an office
    #: changed or translated it (None: "Respondent code"). A "Labels" export headed by
    #: one of these texts is read as the code column.
    code_label: Text | None = None

    _title = field_validator("title")(_check_text)

    @field_validator("code_label")
    @classmethod
    def _code_label(cls, value: Text | None) -> Text | None:
        return None if value is None else _check_text(value)

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for lang in value:
            check_language(lang)
        if not value or len(set(value)) != len(value):
            raise ValueError("list each language once, the default language first")
        return value

    @field_validator("code_pattern")
    @classmethod
    def _pattern(cls, value: str) -> str:
        compile_pattern(value, what="code_pattern")  # UnsafePatternError is a ValueError
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        scales = {s.id for s in self.scales}
        if len(scales) != len(self.scales):
            raise ValueError("scale ids are repeated")
        section_ids = [s.id for s in self.sections]
        if len(set(section_ids)) != len(section_ids):
            raise ValueError("section ids are repeated")
        ids: dict[str, str] = {}
        names: dict[str, str] = {}
        for section in self.sections:
            for m in section.matrices:
                if m.scale not in scales:
                    raise ValueError(f"matrix {m.id}: unknown scale {m.scale!r}")
            matrix_scale = {m.id: m.scale for m in section.matrices}
            for q in section.questions:
                if q.id in ids:
                    raise ValueError(f"question id {q.id} is repeated")
                if q.name in names:
                    raise ValueError(
                        f"question name {q.name!r} is used by {names[q.name]} and {q.id}"
                    )
                ids[q.id] = section.id
                names[q.name] = q.id
                if q.scale is not None and q.scale not in scales:
                    raise ValueError(f"question {q.id}: unknown scale {q.scale!r}")
                if q.matrix is not None and matrix_scale[q.matrix] != q.scale:
                    raise ValueError(f"question {q.id}: its scale differs from matrix {q.matrix}")
        every = [q for s in self.sections for q in s.questions]
        for q in every:
            if q.choices_from is not None:
                src = ids.get(q.choices_from)
                if src is None:
                    raise ValueError(f"question {q.id}: choices_from {q.choices_from!r} is unknown")
        profiles = [q.profile for q in every if q.profile]
        if len(set(profiles)) != len(profiles):
            raise ValueError("a profile field is filled by two questions")
        notes = [n.name for n in self.preamble]
        if len(set(notes)) != len(notes) or set(notes) & set(names):
            raise ValueError("preamble note names are repeated or used by questions")
        for name, typ in self.metadata.items():
            if not _NAME.match(name) or name in names or name in notes:
                raise ValueError(f"metadata field {name!r}: not a valid, unused XLSForm name")
            if typ not in METADATA_TYPES:
                raise ValueError(
                    f"metadata field {name!r}: {typ!r} is not an XLSForm metadata type ("
                    + ", ".join(sorted(METADATA_TYPES))
                    + ")"
                )
        if self.consent is not None:
            _check_consent(self)
        for name in self.parameters:
            if not re.match(r"^[a-z_]+$", name):
                raise ValueError(f"parameter {name!r}: lower-case letters and '_' only")
        if self.routing is not None:
            known = set(section_ids)
            for sid in (*self.routing.always, *self.routing.choose_from):
                if sid not in known:
                    raise ValueError(
                        f"routing names section {sid!r}, which is not in the instrument"
                    )
        return self

    # -- lookups ---------------------------------------------------------------

    def consent_question(self) -> Question | None:
        """The yes/no question that records consent (see :attr:`consent`), if any."""
        return None if self.consent is None else self.question(self.consent)

    _index: _Index | None = PrivateAttr(default=None)

    def _lookup(self) -> _Index:
        """Indexes for constant-time lookups, rebuilt if the sections were replaced
        (``model_copy(update=...)`` copies private attributes)."""
        private = self.__pydantic_private__
        assert private is not None
        index: _Index | None = private.get("_index")
        if index is None or index.sections is not self.sections or index.scales is not self.scales:
            index = private["_index"] = _Index(self.sections, self.scales)
        return index

    @property
    def questions(self) -> Members[Question]:
        """Every question in order: a tuple, like :attr:`sections` (``questions()`` too)."""
        return Members(self._lookup().questions)

    def __iter__(self) -> Iterator[Question]:  # type: ignore[override]
        return iter(self.questions())

    def question(self, id: str) -> Question:
        """The question numbered ``id`` (e.g. ``"3.1.5"``)."""
        try:
            return self._lookup().by_id[id]
        except KeyError:
            raise NotFoundError(f"instrument {self.id!r} has no question {id!r}") from None

    def section(self, id: str) -> Section:
        """The section numbered ``id``."""
        for s in self.sections:
            if s.id == id:
                return s
        raise NotFoundError(f"instrument {self.id!r} has no section {id!r}")

    def section_of(self, question_id: str) -> Section:
        """The section holding question ``question_id``."""
        try:
            return self._lookup().section_of[question_id]
        except KeyError:
            raise NotFoundError(f"instrument {self.id!r} has no question {question_id!r}") from None

    def scale(self, id: str) -> Scale:
        """The scale called ``id`` (``adequacy``, ``frequency``, ...)."""
        try:
            return self._lookup().scales_by_id[id]
        except KeyError:
            raise NotFoundError(f"instrument {self.id!r} has no scale {id!r}") from None

    def matrix(self, id: str) -> Matrix:
        """The statement table numbered ``id`` (e.g. ``"3.1"``)."""
        for s in self.sections:
            for m in s.matrices:
                if m.id == id:
                    return m
        raise NotFoundError(f"instrument {self.id!r} has no statement table {id!r}")

    def scale_items(self) -> tuple[Question, ...]:
        """The questions answered on a labelled scale (the Likert statements)."""
        return tuple(q for q in self.questions() if q.type is QuestionType.SCALE)

    def options(self, question: Question | str) -> tuple[Option, ...]:
        """The options of a question (its scale's options for a scale question)."""
        index = self._lookup()
        qid = question if isinstance(question, str) else question.id
        try:
            return index.options[qid]
        except KeyError:
            pass
        q = self.question(question) if isinstance(question, str) else question
        if q.scale is not None:
            return self.scale(q.scale).options
        if q.choices_from is not None:
            return self.question(q.choices_from).options
        return q.options

    def option_names(self, question: Question | str) -> tuple[str, ...]:
        """The names of a question's options, in order."""
        qid = question if isinstance(question, str) else question.id
        names = self._lookup().names.get(qid)
        return names if names is not None else tuple(o.name for o in self.options(question))

    def profile_questions(self) -> tuple[Question, ...]:
        """The questions that fill the respondent profile."""
        return self._lookup().profile_questions

    def label(self, lang: str = "en") -> str:
        """The title in ``lang``."""
        return label_text(self.title, lang)

    def __repr__(self) -> str:
        return (
            f"Instrument(id={self.id!r}, version={self.version!r}, kind={self.kind!r}, "
            f"sections={len(self.sections)}, questions={len(self.questions())}, "
            f"scales={len(self.scales)})"
        )

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td>{escape(s.id)}</td><td>{escape(label_text(s.title))}</td>"
            f"<td style='text-align:right'>{len(s.questions)}</td></tr>"
            for s in self.sections
        )
        return (
            f"<p><b>{escape(self.id)}</b> {escape(self.version)} ({self.kind}): "
            f"{escape(self.label())}</p><table><thead><tr><th>section</th><th>title</th>"
            f"<th>questions</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def to_xlsform(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> None:
        """Write the instrument as an XLSForm for KoboToolbox/ODK (needs ``ctnat[xlsform]``).

        See :func:`ctnat.survey.xlsform.write_xlsform`.
        """
        from .xlsform import write_xlsform

        write_xlsform(self, path, overwrite=overwrite)
