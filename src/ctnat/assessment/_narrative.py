"""The narrative half of an assessment report, as data.

Section 1 of the seed report (research context, methodology, limitations), the
country situation that opens section 2, the findings per category and criterion,
the validation workshop, and the parts that make a statistic or a recommendation
more than a line of text (periods, breakdowns, actors, timeframes).

Findings and other texts are Markdown. The citations a text relies on are listed
beside it as :class:`~ctnat.assessment.Evidence` (the same notation as the
indicator statuses), so that they are checked against the bibliography, the
interview records and the survey results like every other citation; a
bibliography code named in a text (``Aze 30``) that the bibliography lacks is a
problem too (see :func:`narrative_problems`).

These models import :class:`~ctnat.assessment.Evidence` from the assessment
model, which in turn refers to them in its fields (resolved at the end of
``_model``).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints, model_validator

from ._model import Basis, Count, Evidence, Text, _Frozen

if TYPE_CHECKING:
    from ..errors import Problem
    from ..indicators import IndicatorSet
    from ._model import Assessment

__all__ = [
    "Actor",
    "ActorType",
    "Affected",
    "Breakdown",
    "BreakdownDimension",
    "CountryRole",
    "CountrySituation",
    "ExploitationForm",
    "Finding",
    "FocalPoint",
    "FormOfExploitation",
    "ImprovementBasis",
    "ImprovementMark",
    "Limitation",
    "Outcome",
    "Period",
    "ResearchContext",
    "Sampling",
    "SamplingMethod",
    "SituationNote",
    "Timeframe",
    "ValidationWorkshop",
    "WorkshopGroup",
    "WorkshopOutcome",
    "default_improvement",
    "link_problems",
    "narrative_citations",
    "narrative_problems",
    "sources_named",
]

CategoryId = Annotated[str, StringConstraints(pattern=r"^\d+$")]
CriterionId = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
IndicatorRef = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.[FO]\d+$")]
PriorityLetter = Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# -- periods ----------------------------------------------------------------------


class Period(_Frozen):
    """A span of time a figure or a piece of work covers, both ends included.

    ``Period.year(2014)`` is the calendar year; ``label`` is how the source says
    it when that is not plain (``"first half of 2013"``).
    """

    start: dt.date
    end: dt.date
    label: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self

    @classmethod
    def of_year(cls, year: int) -> Period:
        """The calendar year ``year``."""
        return cls(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))

    @property
    def calendar_year(self) -> int | None:
        """The year when the period is exactly one calendar year, else None."""
        y = self.start.year
        if self.start == dt.date(y, 1, 1) and self.end == dt.date(y, 12, 31):
            return y
        return None

    def contains(self, other: Period) -> bool:
        """True when ``other`` lies inside this period."""
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        if self.label:
            return self.label
        year = self.calendar_year
        if year is not None:
            return str(year)
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


# -- statistics: breakdowns ---------------------------------------------------------


class BreakdownDimension(enum.StrEnum):
    """What a breakdown of a figure splits it by."""

    SEX = "sex"
    AGE = "age"
    FORM = "form"  # form of exploitation
    NATIONALITY = "nationality"
    OTHER = "other"


class Breakdown(_Frozen):
    """One part of a figure, e.g. ``sex: female = 51`` of 54 victims."""

    dimension: BreakdownDimension
    category: Text = Field(description="e.g. 'female', 'child', 'sexual exploitation'")
    value: float | int = Field(ge=0)
    basis: Basis = Basis.STATED


# -- actors --------------------------------------------------------------------------


class ActorType(enum.StrEnum):
    """The kind of institution that acts, is interviewed or sits in a workshop group."""

    STATE = "state"
    NON_GOVERNMENTAL = "non_governmental"
    INTERNATIONAL = "international"
    PRIVATE = "private"
    ACADEMIC = "academic"
    MIXED = "mixed"  # e.g. a working group of State and non-State actors
    OTHER = "other"


class Actor(_Frozen):
    """An institution that must act on a recommendation (an institution, never a person)."""

    name: Text
    type: ActorType
    role: Text | None = Field(default=None, description="e.g. 'lead', 'support', 'funding'")


class Timeframe(enum.StrEnum):
    """When a recommendation should be acted on."""

    IMMEDIATE = "immediate"
    SHORT_TERM = "short_term"
    MEDIUM_TERM = "medium_term"
    LONG_TERM = "long_term"
    ONGOING = "ongoing"


# -- research context ----------------------------------------------------------------


class FocalPoint(_Frozen):
    """An institution that acted as focal point (identified and approached stakeholders)."""

    institution: Text
    type: ActorType
    role: Text | None = None


class SamplingMethod(enum.StrEnum):
    """How interviewees and respondents were chosen."""

    CONVENIENCE = "convenience"
    PURPOSIVE = "purposive"
    SNOWBALL = "snowball"
    PROBABILITY = "probability"
    CENSUS = "census"
    OTHER = "other"


class Sampling(_Frozen):
    """Who was asked and how they were chosen, for the interviews or the survey."""

    applies_to: tuple[Text, ...] = Field(
        default=(), description="e.g. 'interviews', 'survey'; empty = the whole assessment"
    )
    methods: tuple[SamplingMethod, ...] = Field(min_length=1)
    description: Markdown
    targets: tuple[Text, ...] = Field(
        default=(), description="who was sought, e.g. 'practitioners outside the capitals'"
    )
    deadline: dt.date | None = None
    evidence: tuple[Evidence, ...] = ()


class ResearchContext(_Frozen):
    """Why and how the assessment was done (section 1.1 and 1.2 of the seed report)."""

    purpose: tuple[Markdown, ...] = Field(min_length=1)
    secondary_purpose: Markdown | None = None
    period: Period | None = None
    commissioned_by: Text | None = None
    funded_by: Text | None = None
    conducted_by: Text | None = Field(
        default=None, description="who carried it out, e.g. 'one independent consultant'"
    )
    focal_points: tuple[FocalPoint, ...] = ()
    steps: tuple[Text, ...] = Field(default=(), description="the steps of the methodology")
    sampling: tuple[Sampling, ...] = ()
    desk_review: Markdown | None = None
    evidence: tuple[Evidence, ...] = ()


# -- limitations ---------------------------------------------------------------------


class Affected(enum.StrEnum):
    """The part of an assessment a limitation weakens."""

    DESK_REVIEW = "desk_review"
    INTERVIEWS = "interviews"
    SURVEY = "survey"
    STATISTICS = "statistics"
    FINDINGS = "findings"
    RECOMMENDATIONS = "recommendations"
    COMPARISON = "comparison"


class Limitation(_Frozen):
    """One limitation of the study (section 1.3) and what it affects."""

    title: Text
    text: Markdown
    affects: tuple[Affected, ...] = Field(min_length=1)
    categories: tuple[CategoryId, ...] = Field(
        default=(), description="categories it weakens most; empty = not specific"
    )
    evidence: tuple[Evidence, ...] = ()


# -- country situation ---------------------------------------------------------------


class CountryRole(enum.StrEnum):
    """The country's place in trafficking flows."""

    ORIGIN = "origin"
    TRANSIT = "transit"
    DESTINATION = "destination"
    INTERNAL = "internal"


class ExploitationForm(enum.StrEnum):
    """Forms of exploitation a situation profile names."""

    SEXUAL = "sexual"
    LABOUR = "labour"
    DOMESTIC_SERVITUDE = "domestic_servitude"
    FORCED_BEGGING = "forced_begging"
    FORCED_MARRIAGE = "forced_marriage"
    CHILD_LABOUR = "child_labour"
    ORGAN_REMOVAL = "organ_removal"
    CRIMINAL_ACTIVITY = "criminal_activity"
    OTHER = "other"


class SituationNote(_Frozen):
    """A trend or a role of the country in trafficking, with its citations."""

    role: CountryRole | None = None
    text: Markdown
    evidence: tuple[Evidence, ...] = ()


class FormOfExploitation(_Frozen):
    """A form of exploitation reported for the country, with its citations."""

    form: ExploitationForm
    text: Markdown
    evidence: tuple[Evidence, ...] = ()


class CountrySituation(_Frozen):
    """The trafficking situation and trends (the opening of section 2)."""

    summary: Markdown | None = None
    trends: tuple[SituationNote, ...] = ()
    forms: tuple[FormOfExploitation, ...] = ()

    @model_validator(mode="after")
    def _one_entry_per_form(self) -> CountrySituation:
        forms = [f.form for f in self.forms if f.form is not ExploitationForm.OTHER]
        dup = sorted({f.value for f in forms if forms.count(f) > 1})
        if dup:
            raise ValueError(f"form of exploitation {dup[0]!r} is described twice")
        return self


# -- findings ------------------------------------------------------------------------


class Finding(_Frozen):
    """The findings text of one category, or of one criterion within it (Markdown)."""

    category: CategoryId
    criterion: CriterionId | None = None
    title: Text | None = None
    text: Markdown
    evidence: tuple[Evidence, ...] = ()

    @model_validator(mode="after")
    def _criterion_in_category(self) -> Finding:
        if self.criterion is not None and self.criterion.split(".")[0] != self.category:
            raise ValueError(
                f"criterion {self.criterion} is not in category {self.category}; "
                f"give category {self.criterion.split('.')[0]}"
            )
        return self

    @property
    def key(self) -> str:
        """``"1"`` for a category's findings, ``"1.3"`` for a criterion's."""
        return self.criterion or self.category


# -- the validation workshop -----------------------------------------------------------


class Outcome(enum.StrEnum):
    """What the validation workshop made of a finding or a recommendation."""

    AGREED = "agreed"
    DISPUTED = "disputed"
    AMENDED = "amended"


class WorkshopGroup(_Frozen):
    """A group of the validation workshop: which kind of actor, how many people."""

    name: Text
    entity_type: ActorType
    participants: Count | None = None
    categories: tuple[CategoryId, ...] = Field(
        default=(), description="the categories whose recommendations the group considered"
    )


class WorkshopOutcome(_Frozen):
    """The outcome of one finding (by its key, ``"3.2"``) or one recommendation (by its id)."""

    finding: Text | None = Field(default=None, description="a finding's key: '2' or '2.2'")
    recommendation: Text | None = Field(default=None, description="a recommendation's id")
    outcome: Outcome
    by: Text | None = Field(default=None, description="the institution or group, never a person")
    comment: Markdown | None = None

    @model_validator(mode="after")
    def _one_target(self) -> WorkshopOutcome:
        if (self.finding is None) == (self.recommendation is None):
            raise ValueError("an outcome concerns either one finding or one recommendation")
        if self.outcome is not Outcome.AGREED and not self.comment:
            raise ValueError(f"a {self.outcome.value} outcome needs a comment saying what and why")
        return self


class ValidationWorkshop(_Frozen):
    """The workshop at which stakeholders validated the findings and recommendations."""

    date: dt.date
    place: Text | None = None
    groups: tuple[WorkshopGroup, ...] = ()
    outcomes: tuple[WorkshopOutcome, ...] = ()
    note: Markdown | None = None

    @model_validator(mode="after")
    def _unique(self) -> ValidationWorkshop:
        names = [g.name for g in self.groups]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"workshop group {dup[0]!r} is listed twice")
        return self

    def for_finding(self, key: str) -> tuple[WorkshopOutcome, ...]:
        """The outcomes recorded for one finding (``"3.2"``)."""
        return tuple(o for o in self.outcomes if o.finding == key)

    def for_recommendation(self, rec_id: str) -> tuple[WorkshopOutcome, ...]:
        """The outcomes recorded for one recommendation, by its id."""
        return tuple(o for o in self.outcomes if o.recommendation == rec_id)


# -- improvement marks -----------------------------------------------------------------


class ImprovementBasis(enum.StrEnum):
    """Whether an improvement mark was set by the assessor or follows from the status."""

    SET = "set"
    DEFAULTED = "defaulted"


class ImprovementMark(_Frozen):
    """The "potential improvement" mark of one indicator (the seed's green cells)."""

    marked: bool
    basis: ImprovementBasis


def default_improvement(status: str) -> bool:
    """The mark an indicator gets when the assessor set none: partly met and not met.

    Met, unknown and not applicable are not marked by default (an unknown needs
    evidence before it can be called an area to improve).
    """
    return status in ("partly_met", "not_met")


# -- checks across the assessment ------------------------------------------------------


def narrative_citations(a: Assessment) -> Iterator[tuple[tuple[str | int, ...], Evidence]]:
    """Every citation of the narrative parts, with its place in the assessment."""
    rc = a.research_context
    if rc is not None:
        for j, ev in enumerate(rc.evidence):
            yield ("research_context", "evidence", j), ev
        for i, s in enumerate(rc.sampling):
            for j, ev in enumerate(s.evidence):
                yield ("research_context", "sampling", i, "evidence", j), ev
    for i, lim in enumerate(a.limitations):
        for j, ev in enumerate(lim.evidence):
            yield ("limitations", i, "evidence", j), ev
    if a.situation is not None:
        notes: list[tuple[str, int, SituationNote | FormOfExploitation]] = [
            *(("trends", i, t) for i, t in enumerate(a.situation.trends)),
            *(("forms", i, fm) for i, fm in enumerate(a.situation.forms)),
        ]
        for part, i, note in notes:
            for j, ev in enumerate(note.evidence):
                yield ("situation", part, i, "evidence", j), ev
    for i, f in enumerate(a.findings):
        for j, ev in enumerate(f.evidence):
            yield ("findings", i, "evidence", j), ev


def _texts(a: Assessment) -> Iterator[tuple[str, str]]:
    rc = a.research_context
    if rc is not None:
        for i, p in enumerate(rc.purpose):
            yield f"research_context.purpose[{i}]", p
        for i, s in enumerate(rc.sampling):
            yield f"research_context.sampling[{i}].description", s.description
        if rc.desk_review:
            yield "research_context.desk_review", rc.desk_review
    for i, lim in enumerate(a.limitations):
        yield f"limitations[{i}].text", lim.text
    if a.situation is not None:
        if a.situation.summary:
            yield "situation.summary", a.situation.summary
        for i, t in enumerate(a.situation.trends):
            yield f"situation.trends[{i}].text", t.text
        for i, fm in enumerate(a.situation.forms):
            yield f"situation.forms[{i}].text", fm.text
    for i, f in enumerate(a.findings):
        yield f"findings[{i}].text", f.text


def _code_pattern(codes: set[str]) -> re.Pattern[str] | None:
    """Codes shaped like the bibliography's ("Aze 30"): same word, any number."""
    prefixes = sorted({m.group(1) for c in codes if (m := re.fullmatch(r"(\w+) \d+", c))})
    if not prefixes:
        return None
    words = "|".join(re.escape(p) for p in prefixes)
    return re.compile(rf"(?<![\w-])((?:{words}) \d+)(?![\d\w])")


def sources_named(text: str, codes: set[str]) -> tuple[str, ...]:
    """Bibliography-shaped codes named in a text (``Aze 30``), in order, once each.

    A code counts as bibliography-shaped when its word is the word of some code
    of the bibliography (``Aze``, ``Gen``); so ``Aze 99`` is found even when the
    bibliography has no ``Aze 99``.
    """
    pattern = _code_pattern(codes)
    if pattern is None:
        return ()
    return tuple(dict.fromkeys(m.group(1) for m in pattern.finditer(text)))


def narrative_problems(a: Assessment) -> list[Problem]:
    """Texts naming sources the bibliography lacks; workshop outcomes naming nothing known.

    A recommendation's priority letters are checked for their form (A-Z) only, not
    against the priorities table: a table row rejected elsewhere must not make its
    recommendations invalid too.
    """
    from ..errors import Problem

    problems: list[Problem] = []
    codes = {s.code for s in a.bibliography}
    for where, text in _texts(a):
        for code in sources_named(text, codes):
            if code not in codes:
                problems.append(
                    Problem(
                        f"the text cites {code!r}, which is not in the bibliography",
                        location=where,
                        hint="add the source under 'bibliography' or correct the code",
                    )
                )
    keys = [f.key for f in a.findings]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(Problem(f"findings for {key} are given twice", location="findings"))
    rec_ids = [r.id for r in a.recommendations if r.id is not None]
    for rid in sorted({r for r in rec_ids if rec_ids.count(r) > 1}):
        problems.append(
            Problem(f"recommendation id {rid!r} is used twice", location="recommendations")
        )
    # the worksheet and the report tell recommendations apart by category and heading
    heads = [(r.category, r.heading) for r in a.recommendations]
    for cat, heading in sorted({h for h in heads if heads.count(h) > 1}):
        problems.append(
            Problem(
                f"recommendation {heading!r} is listed twice in category {cat}",
                location="recommendations",
                hint="merge their actions, or give them different headings",
            )
        )
    if a.workshop is not None:
        known_findings, known_recs = set(keys), set(rec_ids)
        for i, o in enumerate(a.workshop.outcomes):
            where = f"workshop.outcomes[{i}]"
            if o.finding is not None and o.finding not in known_findings:
                problems.append(
                    Problem(
                        f"outcome for finding {o.finding!r}, which has no entry under 'findings'",
                        location=f"{where}.finding",
                    )
                )
            if o.recommendation is not None and o.recommendation not in known_recs:
                problems.append(
                    Problem(
                        f"outcome for recommendation {o.recommendation!r}, "
                        "which no recommendation has as its id",
                        location=f"{where}.recommendation",
                    )
                )
    return problems


def link_problems(a: Assessment, indicator_set: IndicatorSet) -> list[Problem]:
    """Findings and recommendations that name a category, criterion or indicator the set lacks."""
    from ..errors import Problem

    problems: list[Problem] = []
    cats = {c.id for c in indicator_set.categories}
    crits = {c.id for c in indicator_set.criteria()}
    inds = {i.id for i in indicator_set.indicators(include_retired=True)}
    name = f"set {indicator_set.id} {indicator_set.version}"

    def check(kind: str, value: str, known: set[str], where: str) -> None:
        if value not in known:
            problems.append(
                Problem(f"names {kind} {value}, which {name} does not have", location=where)
            )

    for i, f in enumerate(a.findings):
        check("category", f.category, cats, f"findings[{i}].category")
        if f.criterion is not None:
            check("criterion", f.criterion, crits, f"findings[{i}].criterion")
    for i, lim in enumerate(a.limitations):
        for c in lim.categories:
            check("category", c, cats, f"limitations[{i}].categories")
    for i, rec in enumerate(a.recommendations):
        # the category of a recommendation is the report's free text ("1", "Prevention")
        for c in rec.criteria:
            check("criterion", c, crits, f"recommendations[{i}].criteria")
        for ind in rec.indicators:
            check("indicator", ind, inds, f"recommendations[{i}].indicators")
    if a.workshop is not None:
        for i, g in enumerate(a.workshop.groups):
            for c in g.categories:
                check("category", c, cats, f"workshop.groups[{i}].categories")
    return problems
