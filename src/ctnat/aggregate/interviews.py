"""Interview metrics: interviews and participants by country, sex and entity type,
and theme frequencies per section of the interview guide.

The seed reports, for Azerbaijan, 14 interviews with 36 people (28 men, 8
women), 10 of them with State agencies; these are exactly the sums below.
A theme's frequency is the number of interviews whose notes were coded with it
in that section (an interview counts once per theme, however often it came up).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from ..survey import InterviewRecord

__all__ = [
    "CountryInterviews",
    "InterviewFacts",
    "InterviewSummary",
    "ThemeFrequency",
    "interview_metrics",
]


class InterviewFacts(BaseModel):
    """What the metrics need of one interview record (no names, no free text)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    country: str
    men: int = Field(ge=0)
    women: int = Field(ge=0)
    unstated: int = Field(0, ge=0)
    entity_type: str
    themes: Mapping[str, tuple[str, ...]] = Field(default_factory=dict)

    @property
    def participants(self) -> int:
        """Men, women and participants whose sex was not recorded."""
        return self.men + self.women + self.unstated

    @classmethod
    def from_record(cls, record: InterviewRecord) -> InterviewFacts:
        """The facts of a :class:`ctnat.survey.InterviewRecord` (country from its code;
        themes per guide section). Notes and organisation are not carried over."""
        return cls(
            code=record.code,
            country=record.country_code,
            men=record.participants.male,
            women=record.participants.female,
            unstated=record.participants.unstated,
            entity_type=record.entity_type.value,
            themes=record.themes_by_section(),
        )


class CountryInterviews(BaseModel):
    """Totals for one country."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str
    interviews: int
    participants: int
    men: int
    women: int
    unstated: int
    entity_types: tuple[tuple[str, int], ...]

    @property
    def share_men(self) -> float | None:
        """Share of participants who were men."""
        return self.men / self.participants if self.participants else None


class ThemeFrequency(BaseModel):
    """How many interviews in a country raised a theme in a section."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str
    section: str
    theme: str
    interviews: int


class InterviewSummary(BaseModel):
    """Per-country totals and theme frequencies, computed from interview records
    (the assessment's reported counts are :class:`ctnat.assessment.InterviewMetrics`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    countries: tuple[CountryInterviews, ...]
    themes: tuple[ThemeFrequency, ...]

    def country(self, name: str) -> CountryInterviews:
        """The totals of one country."""
        for c in self.countries:
            if c.country == name:
                return c
        from ..errors import NotFoundError

        raise NotFoundError(f"no interviews recorded for country {name!r}")

    def themes_in(self, country: str, section: str) -> tuple[ThemeFrequency, ...]:
        """Themes of one section in one country, most frequent first."""
        return tuple(
            sorted(
                (t for t in self.themes if t.country == country and t.section == section),
                key=lambda t: (-t.interviews, t.theme),
            )
        )


def interview_metrics(records: Iterable[InterviewFacts | InterviewRecord]) -> InterviewSummary:
    """Sum interview records by country and count coded themes per section.

    Accepts :class:`InterviewFacts` or :class:`ctnat.survey.InterviewRecord`.
    """
    by_country: dict[str, list[InterviewFacts]] = {}
    for rec in records:
        r = rec if isinstance(rec, InterviewFacts) else InterviewFacts.from_record(rec)
        by_country.setdefault(r.country, []).append(r)
    countries = []
    themes: list[ThemeFrequency] = []
    for name in sorted(by_country):
        recs = by_country[name]
        types = Counter(r.entity_type for r in recs)
        countries.append(
            CountryInterviews(
                country=name,
                interviews=len(recs),
                participants=sum(r.participants for r in recs),
                men=sum(r.men for r in recs),
                women=sum(r.women for r in recs),
                unstated=sum(r.unstated for r in recs),
                entity_types=tuple(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )
        counter: Counter[tuple[str, str]] = Counter()
        for r in recs:
            for section, coded in r.themes.items():
                for theme in set(coded):
                    counter[(section, theme)] += 1
        themes.extend(
            ThemeFrequency(country=name, section=s, theme=t, interviews=n)
            for (s, t), n in sorted(counter.items())
        )
    return InterviewSummary(countries=tuple(countries), themes=tuple(themes))
