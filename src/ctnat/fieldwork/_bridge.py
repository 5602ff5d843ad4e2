"""From what was read (responses, interview records) to what an assessment reports.

An :class:`~ctnat.assessment.Assessment` holds survey results and interview
counts as *reported* figures (so that a reading of a published report, such as
the Azerbaijan example, can hold them too). When an office has the data
themselves, these functions compute those figures from it:

- :func:`survey_summary`: per closed single-answer item, the count of each
  option, the respondents to the item and to the survey;
- :func:`interview_metrics`: interviews, participants by sex, entity types.

Respondent-profile counts that the assessment would publish (women and men
among the respondents) go through the disclosure policy: when either is below
the policy's minimum cell count both are withheld, since one of them and the
total would give the other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ..aggregate import DisclosurePolicy, ItemSummary, summarize
from ..assessment import (
    Basis,
    EntityType,
    InterviewMetrics,
    InterviewRecord,
    OptionCount,
    SurveyItemResult,
    SurveySummary,
)
from ..survey import Instrument, ResponseSet
from ..survey import InterviewRecord as GuideRecord

__all__ = ["interview_metrics", "survey_summary"]

#: How the guide's entity types are named in an assessment (Annex B of the seed).
ENTITY_WORDS = {
    "state": "State actor",
    "international_organisation": "International organisation",
    "ngo_other": "NGO or other",
}


def _item_result(s: ItemSummary, instrument: Instrument, section: str | None) -> SurveyItemResult:
    q = instrument.question(s.item)
    options = instrument.options(q)
    labels = tuple(o.label.get("en") or next(iter(o.label.values())) for o in options)
    positive: tuple[str, ...] = ()
    if q.scale is not None:
        scale = instrument.scale(q.scale)
        positive = tuple(labels[p - 1] for p in scale.positive_positions)
    counts = tuple(
        OptionCount(option=label, count=s.tally.count(o.name))
        for label, o in zip(labels, options, strict=True)
        if s.tally.count(o.name)
    )
    return SurveyItemResult(
        item=s.item,
        text=s.text or s.item,
        scale=labels,
        positive=positive,
        counts=counts,
        item_respondents=s.n_answered,
        survey_respondents=s.n_respondents,
        section=section,
    )


def _profile_counts(
    responses: ResponseSet, instrument: Instrument, policy: DisclosurePolicy
) -> tuple[int | None, int | None, str | None]:
    gender = next((q for q in instrument.profile_questions() if q.profile == "gender"), None)
    if gender is None:
        return None, None, None
    answers = Counter(r.profile.get("gender") for r in responses.responses)
    female, male = answers.get("female", 0), answers.get("male", 0)
    if policy.is_sensitive(female) or policy.is_sensitive(male):
        return (
            None,
            None,
            (
                f"respondents by sex withheld: a count below {policy.min_cell_count} would "
                "identify respondents (disclosure policy)"
            ),
        )
    return female, male, None


def survey_summary(
    responses: ResponseSet,
    instrument: Instrument,
    *,
    policy: DisclosurePolicy | None = None,
    sections: Mapping[str, str] | None = None,
) -> SurveySummary:
    """The survey results of ``responses`` as an assessment reports them.

    ``sections`` maps an item code to the report section it is discussed in.
    """
    policy = policy or DisclosurePolicy()
    sections = sections or {}
    summaries = summarize(responses, instrument)
    consent = getattr(instrument, "consent", None)
    items = tuple(
        _item_result(s, instrument, sections.get(code))
        for code, s in summaries.items()
        if instrument.question(code).profile is None and code != consent
    )
    female, male, why = _profile_counts(responses, instrument, policy)
    note = f"computed by ctnat from {len(responses)} accepted responses"
    if why:
        note += f"; {why}"
    return SurveySummary(
        respondents=len(responses), female=female, male=male, note=note, items=items
    )


def interview_metrics(records: Iterable[GuideRecord]) -> InterviewMetrics:
    """Interview counts (participants by sex, entity types) from the interview records."""
    found = sorted(records, key=lambda r: (r.date, r.code))
    types = Counter(r.entity_type.value for r in found)
    female = sum(r.participants.female for r in found)
    male = sum(r.participants.male for r in found)
    unstated = sum(r.participants.unstated for r in found)
    dates = [r.date for r in found]
    period = f"{min(dates).isoformat()} to {max(dates).isoformat()}" if dates else None
    return InterviewMetrics(
        interviews=len(found),
        participants=female + male + unstated,
        men=male if not unstated else None,
        women=female if not unstated else None,
        period=period,
        entity_types=tuple(
            EntityType(type=ENTITY_WORDS.get(t, t), interviews=n, basis=Basis.DERIVED)
            for t, n in sorted(types.items())
        ),
        records=tuple(
            InterviewRecord(
                code=r.code,
                format=r.format.value.replace("_", " "),
                participants=r.participants.total,
                men=r.participants.male if not r.participants.unstated else None,
                women=r.participants.female if not r.participants.unstated else None,
                entity_type=ENTITY_WORDS.get(r.entity_type.value, r.entity_type.value),
            )
            for r in found
        ),
        note=f"computed by ctnat from {len(found)} interview records",
    )
