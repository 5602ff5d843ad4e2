"""The assessment of one country in one round: statuses with evidence, and what backs them.

These are frozen pydantic models. They check what can be checked inside the
assessment itself: citations name a source of the bibliography, survey items
cited exist in the survey results, counts add up. The checks against the
indicator set (every status names an indicator of the set; missing indicators
become ``unknown`` with a notice) are in :mod:`ctnat.assessment._resolve`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from ._countries import is_country_code

__all__ = [
    "Assessment",
    "Basis",
    "CommentKind",
    "Entity",
    "EntityType",
    "Evidence",
    "IndicatorSetRef",
    "IndicatorStatus",
    "InterviewMetrics",
    "InterviewRecord",
    "Notice",
    "OptionCount",
    "Priorities",
    "PriorityRow",
    "Provenance",
    "ProvenanceKind",
    "Recommendation",
    "Selection",
    "Source",
    "Statistic",
    "Status",
    "SurveyItemResult",
    "SurveySummary",
    "ValidationComment",
]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
IndicatorId = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.[FO]\d+$")]
ItemCode = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")]
Count = Annotated[int, Field(ge=0)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Status(enum.StrEnum):
    """The judgement recorded for one indicator."""

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"

    @property
    def judged(self) -> bool:
        """True for met, partly met and not met (the statuses with a value)."""
        return self in (Status.MET, Status.PARTLY_MET, Status.NOT_MET)


class ProvenanceKind(enum.StrEnum):
    """Where an assessment's statuses come from."""

    REPORTED = "reported"  # recorded by the assessors themselves
    READING = "reading"  # read from a published report by someone else (e.g. this library)
    SYNTHETIC = "synthetic"  # generated, not real data


class Provenance(_Frozen):
    """Who produced the statuses and from what; shown on every report of the assessment."""

    kind: ProvenanceKind
    source: Text | None = None
    note: Text | None = None


def _number_as_text(value: object) -> object:
    # YAML reads `version: 2016` as a number; a version is text
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class IndicatorSetRef(_Frozen):
    """The indicator set an assessment uses: a built-in id, a set file beside it, or inline."""

    id: Text
    version: Annotated[Text | None, BeforeValidator(_number_as_text)] = None
    file: Text | None = Field(
        default=None, description="path of an extended set file, relative to the assessment file"
    )
    embedded: dict[str, Any] | None = Field(
        default=None,
        description="a full indicator set or an extension ('extends: ct-nat-2016 ...') inline",
    )

    @model_validator(mode="after")
    def _one_place(self) -> IndicatorSetRef:
        if self.file is not None and self.embedded is not None:
            raise ValueError("give the set either as 'file' or as 'embedded', not both")
        return self


class Source(_Frozen):
    """One entry of the desk-review bibliography, e.g. ``Aze 30`` (GRETA report 2014)."""

    code: Text
    title: Text
    author: Text | None = None
    url: Text | None = None


class Evidence(_Frozen):
    """A citation: a desk-review source with pages, report sections, interviews, survey items."""

    source: Text | None = Field(default=None, description="bibliography code, e.g. 'Aze 30'")
    pages: Text | None = Field(default=None, description="e.g. 'p. 31' or 'pp. 43-44'")
    sections: tuple[Text, ...] = Field(default=(), description="sections of the assessment report")
    interviews: tuple[Text, ...] = Field(default=(), description="interview codes, e.g. AZEint3")
    survey_items: tuple[ItemCode, ...] = Field(default=(), description="survey item codes")
    excerpt: Text | None = None

    @model_validator(mode="after")
    def _something_cited(self) -> Evidence:
        if not (self.source or self.sections or self.interviews or self.survey_items):
            raise ValueError("cites nothing: give a source, sections, interviews or survey_items")
        if self.pages and not self.source:
            raise ValueError("pages without a source: say which source the pages are of")
        return self


class IndicatorStatus(_Frozen):
    """The status of one indicator with its evidence and a note."""

    indicator: IndicatorId
    status: Status
    evidence: tuple[Evidence, ...] = ()
    note: Text | None = None
    improvement: bool | None = Field(
        default=None,
        description="'potential improvement' as the assessor marked it; unset = from the status",
    )

    @property
    def improvement_mark(self) -> ImprovementMark:
        """The improvement mark, and whether it was set or follows from the status."""
        if self.improvement is not None:
            return ImprovementMark(marked=self.improvement, basis=ImprovementBasis.SET)
        return ImprovementMark(
            marked=default_improvement(self.status.value), basis=ImprovementBasis.DEFAULTED
        )


class CommentKind(enum.StrEnum):
    """What a validation-stage comment does to a finding."""

    DISPUTES = "disputes"
    ADDS = "adds"
    CONFIRMS = "confirms"


class ValidationComment(_Frozen):
    """A comment made at validation beside the findings (who, when, what)."""

    by: Text
    stage: Text
    kind: CommentKind
    indicators: tuple[IndicatorId, ...] = ()
    section: Text | None = None
    text: Text


class Basis(enum.StrEnum):
    """Whether a figure is stated by its source or derived from stated figures."""

    STATED = "stated"
    DERIVED = "derived"


class Statistic(_Frozen):
    """A figure cited as evidence, with its source; two sources may disagree.

    ``measure`` names what is counted (``victims-identified``) so that figures of
    several sources for the same measure and period can be grouped and compared
    (:func:`ctnat.assessment.group_statistics`); ``period`` is the span the figure
    covers (``year`` alone means the calendar year).
    """

    id: Text
    label: Text
    value: float | int
    year: int | None = None
    basis: Basis
    derivation: Text | None = None
    evidence: Evidence
    note: Text | None = None
    measure: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")] | None = Field(
        default=None, description="what is counted, e.g. 'victims-identified'"
    )
    unit: Text | None = Field(default=None, description="e.g. 'persons', 'cases', 'AZN'")
    period: Period | None = None
    breakdowns: tuple[Breakdown, ...] = ()

    @model_validator(mode="after")
    def _derived_says_how(self) -> Statistic:
        if self.basis is Basis.DERIVED and not self.derivation:
            raise ValueError("a derived figure needs its derivation (e.g. '40 + 16')")
        if (
            self.period is not None
            and self.year is not None
            and not (self.period.start.year <= self.year <= self.period.end.year)
        ):
            raise ValueError(f"year {self.year} is outside the period {self.period}")
        parts = self.breakdowns
        seen = [(b.dimension, b.category) for b in parts]
        if len(seen) != len(set(seen)):
            raise ValueError("a breakdown category is given twice")
        for dim in dict.fromkeys(b.dimension for b in parts):
            total = sum(b.value for b in parts if b.dimension is dim)
            if total > self.value:
                raise ValueError(
                    f"the {dim.value} breakdown adds to {total}, more than the value {self.value}"
                )
        return self

    @property
    def span(self) -> Period | None:
        """The period the figure covers: ``period``, else the calendar ``year``, else None."""
        if self.period is not None:
            return self.period
        return Period.of_year(self.year) if self.year is not None else None

    @property
    def source_label(self) -> str:
        """Who gives the figure: the bibliography code, else the interviews or report sections."""
        ev = self.evidence
        if ev.source is not None:
            return ev.source
        if ev.interviews:
            return ", ".join(ev.interviews)
        if ev.sections:
            return "report section " + ", ".join(ev.sections)
        return "survey " + ", ".join(ev.survey_items)

    def breakdown(self, dimension: str) -> tuple[Breakdown, ...]:
        """The parts of one breakdown (``"sex"``), in the order given."""
        return tuple(b for b in self.breakdowns if b.dimension == dimension)


class OptionCount(_Frozen):
    """The count reported for one answer option; ``None`` when the report gives no count."""

    option: Text
    count: Count | None
    as_stated: Text | None = Field(default=None, description="the report's words, when unclear")


class SurveyItemResult(_Frozen):
    """Counts for one survey item as reported, with respondents at three levels."""

    item: ItemCode
    text: Text
    scale: tuple[Text, ...] = Field(min_length=2, description="options, most positive first")
    positive: tuple[Text, ...] = Field(default=(), description="options counted as positive")
    counts: tuple[OptionCount, ...]
    item_respondents: Count | None = None
    item_respondents_basis: Basis = Field(
        default=Basis.STATED,
        description="'derived' when the report gives only the counts and they are summed",
    )
    block_respondents: Count | None = None
    survey_respondents: Count | None = None
    section: Text | None = None
    problems: tuple[Text, ...] = Field(default=(), description="contradictions in the report")
    note: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> SurveyItemResult:
        scale = set(self.scale)
        bad = [c.option for c in self.counts if c.option not in scale]
        if bad:
            raise ValueError(f"count for an option not on the scale: {bad[0]!r}")
        if not set(self.positive) <= scale:
            raise ValueError("positive options must be options of the scale")
        seen = [c.option for c in self.counts]
        if len(seen) != len(set(seen)):
            raise ValueError("an option is counted twice")
        levels = [self.item_respondents, self.block_respondents, self.survey_respondents]
        known = [n for n in levels if n is not None]
        if known != sorted(known):
            raise ValueError("respondents must not decrease from item to block to survey")
        total = sum(c.count or 0 for c in self.counts)
        if self.item_respondents is not None and total > self.item_respondents:
            raise ValueError(
                f"counts add to {total}, more than the {self.item_respondents} respondents to the item"
            )
        if (
            self.item_respondents is not None
            and all(c.count is not None for c in self.counts)
            and total != self.item_respondents
            and not self.problems
        ):
            raise ValueError(
                f"counts add to {total} but {self.item_respondents} respondents answered the item; "
                "record the discrepancy under 'problems'"
            )
        return self

    @property
    def complete(self) -> bool:
        """Every count is stated, the respondents to the item are known and nothing contradicts."""
        return (
            all(c.count is not None for c in self.counts)
            and self.item_respondents is not None
            and not self.problems
        )

    def count(self, option: str) -> int | None:
        """The count of one option (0 when the option is not listed, None when unstated)."""
        for c in self.counts:
            if c.option == option:
                return c.count
        return 0


class Selection(_Frozen):
    """A count of respondents choosing an option of a multiple-choice item."""

    item: ItemCode
    option: Text
    count: Count
    section: Text | None = None
    text: Text | None = None


class SurveySummary(_Frozen):
    """The survey results an assessment reports."""

    respondents: Count
    female: Count | None = None
    male: Count | None = None
    note: Text | None = None
    items: tuple[SurveyItemResult, ...] = ()
    selections: tuple[Selection, ...] = ()

    @model_validator(mode="after")
    def _unique_items(self) -> SurveySummary:
        codes = [i.item for i in self.items]
        dup = {c for c in codes if codes.count(c) > 1}
        if dup:
            raise ValueError(f"survey item {min(dup)} is listed twice")
        over = [i.item for i in self.items if (i.survey_respondents or 0) > self.respondents]
        if over:
            raise ValueError(f"item {over[0]} has more respondents than the survey")
        return self

    def item(self, code: str) -> SurveyItemResult | None:
        """The result of one item, or None."""
        return next((i for i in self.items if i.item == code), None)


class EntityType(_Frozen):
    """How many interviews were with one type of entity."""

    type: Text
    interviews: Count | None = None
    basis: Basis = Basis.STATED
    note: Text | None = None


class Entity(_Frozen):
    """An interviewed entity (an organisation, never a person)."""

    name: Text
    type: Text


class InterviewRecord(_Frozen):
    """One interview: its code (e.g. ``AZEint1``), format, participants by sex, entity type."""

    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}int\d+$")]
    format: Text | None = None
    participants: Count | None = None
    men: Count | None = None
    women: Count | None = None
    entity_type: Text | None = None


class InterviewMetrics(_Frozen):
    """Counts about the in-depth interviews."""

    interviews: Count
    participants: Count | None = None
    men: Count | None = None
    women: Count | None = None
    days: Count | None = None
    location: Text | None = None
    period: Text | None = None
    entity_types: tuple[EntityType, ...] = ()
    entities: tuple[Entity, ...] = ()
    records: tuple[InterviewRecord, ...] = ()
    note: Text | None = None
    section: Text | None = None

    @model_validator(mode="after")
    def _adds_up(self) -> InterviewMetrics:
        if None not in (self.men, self.women, self.participants) and (
            (self.men or 0) + (self.women or 0) != self.participants
        ):
            raise ValueError(
                f"men ({self.men}) and women ({self.women}) do not add to "
                f"{self.participants} participants"
            )
        if len(self.records) > self.interviews:
            raise ValueError("more interview records than interviews")
        typed = sum(t.interviews or 0 for t in self.entity_types)
        if typed > self.interviews:
            raise ValueError("interviews by entity type add to more than the interviews")
        return self


class PriorityRow(_Frozen):
    """One option of the top-three priorities question with its marks."""

    option: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    text: Text
    survey: Count = Field(description="survey respondents who chose it among their top three")
    workshop: Count | None = Field(default=None, description="workshop groups that chose it")
    rank_points: Count | None = None


class Priorities(_Frozen):
    """The priorities table (section 3 of the seed report)."""

    item: ItemCode
    rows: tuple[PriorityRow, ...]
    survey_respondents: Count | None = None
    workshop_groups: Count | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _plausible(self) -> Priorities:
        letters = [r.option for r in self.rows]
        if len(letters) != len(set(letters)):
            raise ValueError("a priority option is listed twice")
        if self.survey_respondents is not None:
            chosen = sum(r.survey for r in self.rows)
            if chosen > 3 * self.survey_respondents:
                raise ValueError(
                    f"{chosen} survey marks exceed three per respondent "
                    f"({self.survey_respondents} respondents)"
                )
        return self


class Recommendation(_Frozen):
    """Recommended actions for one category, under the report's heading.

    ``actors`` are the institutions that must act; ``criteria``, ``indicators``
    and ``priorities`` (letters A-Q of the priorities question) say what the
    recommendation addresses. The workshop's verdict on it is under
    ``workshop.outcomes``, by ``id``.
    """

    category: Text
    heading: Text
    actions: tuple[Text, ...]
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] | None = None
    actors: tuple[Actor, ...] = ()
    timeframe: Timeframe | None = None
    timeframe_note: Text | None = Field(
        default=None, description="the report's words, e.g. 'as an urgent interim measure'"
    )
    criteria: tuple[Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")], ...] = ()
    indicators: tuple[IndicatorId, ...] = ()
    priorities: tuple[Annotated[str, StringConstraints(pattern=r"^[A-Z]$")], ...] = ()

    @model_validator(mode="after")
    def _links_once(self) -> Recommendation:
        for group in (self.criteria, self.indicators, self.priorities):
            if len(group) != len(set(group)):
                raise ValueError(f"a link is listed twice: {sorted(group)}")
        return self


class Notice(_Frozen):
    """Something the library did on reading the assessment that a reader should know."""

    indicator: IndicatorId | None = None
    message: Text


_BASE_DIR = "_ctnat_base_dir"


class Assessment(_Frozen):
    """One country, one round: a status per indicator with evidence, and what backs them.

    Build one with :func:`ctnat.assessment.load` (file), :meth:`from_mapping`
    or the constructor; the cross-checks against the indicator set run in all three.
    """

    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO 3166-1 alpha-3 code"
    )
    round: dt.date
    title: Text | None = None
    indicator_set: IndicatorSetRef
    provenance: Provenance
    bibliography: tuple[Source, ...] = ()
    interviews: InterviewMetrics | None = None
    survey: SurveySummary | None = None
    priorities: Priorities | None = None
    statistics: tuple[Statistic, ...] = ()
    validation_comments: tuple[ValidationComment, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    research_context: ResearchContext | None = None
    limitations: tuple[Limitation, ...] = ()
    situation: CountrySituation | None = None
    findings: tuple[Finding, ...] = ()
    workshop: ValidationWorkshop | None = None
    statuses: tuple[IndicatorStatus, ...] = ()
    notices: tuple[Notice, ...] = ()
    schema_version: Literal[1] = 1

    @model_validator(mode="after")
    def _internal_references(self) -> Assessment:
        if not is_country_code(self.country):
            raise ValueError(f"country {self.country!r} is not an ISO 3166-1 alpha-3 code")
        codes = [s.code for s in self.bibliography]
        dup = sorted({c for c in codes if codes.count(c) > 1})
        if dup:
            raise ValueError(f"bibliography code {dup[0]!r} is listed twice")
        ids = [s.indicator for s in self.statuses]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"indicator {dup[0]} has more than one status")
        stats = [s.id for s in self.statistics]
        dup = sorted({i for i in stats if stats.count(i) > 1})
        if dup:
            raise ValueError(f"statistic id {dup[0]!r} is used twice")
        return self

    @model_validator(mode="after")
    def _against_indicator_set(self, info: ValidationInfo) -> Assessment:
        # Collect every reference problem, then resolve against the set; raises a
        # ctnat ValidationError (not a pydantic one) listing all problems at once.
        # The resolved statuses and notices are set on ``self`` (the model is not yet
        # handed out), so the constructor and ``from_mapping`` give the same object
        # and pydantic has no reason to warn about a validator returning another one.
        from ..errors import CtnatError, Problem, ValidationError
        from ._resolve import indicator_set_of, reference_problems, resolve_statuses

        context = info.context if isinstance(info.context, dict) else {}
        base = context.get("base_dir")
        base_dir = Path(base) if base else None
        # kept beside the fields like a cached property: not a field, not compared
        self.__dict__[_BASE_DIR] = base_dir
        problems = reference_problems(self)
        try:
            indicator_set = indicator_set_of(self, base_dir)
        except CtnatError as exc:
            problems += [
                Problem(p.reason, None, p.location or "indicator_set", p.hint) for p in exc.problems
            ]
            raise ValidationError(problems) from None
        statuses, notices, more = resolve_statuses(self, indicator_set)
        problems += more
        if problems:
            raise ValidationError(problems)
        if statuses != self.statuses or notices != self.notices:
            self.__dict__["statuses"] = statuses
            self.__dict__["notices"] = notices
        return self

    @property
    def base_dir(self) -> Path | None:
        """The folder that relative paths inside this assessment resolve against.

        The folder of the file it was read from (:func:`ctnat.assessment.load`, a
        worksheet), or None when it was built in memory (then the working folder).
        """
        found = self.__dict__.get(_BASE_DIR)
        return found if isinstance(found, Path) else None

    def __repr__(self) -> str:
        judged = sum(1 for s in self.statuses if s.status.judged)
        parts = [
            f"{self.country} {self.round.isoformat()}",
            f"set {self.indicator_set.id}"
            + (f"@{self.indicator_set.version}" if self.indicator_set.version else ""),
            f"{self.provenance.kind.value}",
            f"{judged} of {len(self.statuses)} indicators judged",
        ]
        if self.notices:
            parts.append(f"{len(self.notices)} notices")
        return f"<Assessment {', '.join(parts)}>"

    __str__ = __repr__

    @property
    def key(self) -> tuple[str, dt.date]:
        """(country, round): what identifies the assessment in a comparison."""
        return (self.country, self.round)

    def status(self, indicator: str) -> IndicatorStatus | None:
        """The recorded status of one indicator, or None."""
        return next((s for s in self.statuses if s.indicator == indicator), None)

    def _repr_html_(self) -> str:
        from ._display import assessment_html

        return assessment_html(self)

    def to_frame(self, *, lang: str | None = None) -> Any:
        """The statuses as a pandas DataFrame, one row per indicator with its category,
        criterion, wording, status, evidence (citation text) and note (needs
        ``pip install "ctnat[pandas]"``)."""
        from ._frame import statuses_frame

        return statuses_frame(self, lang=lang)

    def citations(self) -> Iterator[tuple[tuple[str | int, ...], Evidence]]:
        """Every evidence citation with its location in the assessment."""
        for i, st in enumerate(self.statuses):
            for j, ev in enumerate(st.evidence):
                yield ("statuses", i, "evidence", j), ev
        for i, stat in enumerate(self.statistics):
            yield ("statistics", i, "evidence"), stat.evidence
        yield from narrative_citations(self)


# The narrative models cite Evidence (defined above); the fields above refer to them.
from ._narrative import (
    Actor,
    Breakdown,
    CountrySituation,
    Finding,
    ImprovementBasis,
    ImprovementMark,
    Limitation,
    Period,
    ResearchContext,
    Timeframe,
    ValidationWorkshop,
    default_improvement,
    narrative_citations,
)

for _model in (IndicatorStatus, Statistic, Recommendation, Assessment):
    _model.model_rebuild()
del _model
