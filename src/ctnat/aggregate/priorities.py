"""The priorities question 8.1 beside the validation workshop's choices.

Each survey respondent picks three recommendations (A-Q) and ranks them 1-3;
each validation-workshop group picks its top three. The table shows, per
recommendation, the survey selections and rank points (3 for a first place, 2
for a second, 1 for a third) and the workshop groups that chose it, and renders
the layout of the seed's priorities table: one "•" per selection.

A respondent who gave fewer than three priorities (only priority 1, as the
XLSForm allows) counts for the priorities given; ``n_partial`` says how many did.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from ..errors import Problem, ValidationError
from .choices import rank_aggregate

__all__ = ["PrioritiesTable", "PriorityCounts", "priorities_table"]


class PriorityCounts(BaseModel):
    """One recommendation's counts: survey selections, rank points, first choices, workshop
    groups (the reported row of an assessment is :class:`ctnat.assessment.PriorityRow`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    label: str
    survey_selections: int
    rank_points: int
    first_choices: int
    workshop_groups: int


class PrioritiesTable(BaseModel):
    """The priorities table: one row per recommendation, in the order given."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rows: tuple[PriorityCounts, ...]
    n_survey: int
    n_groups: int
    n_partial: int = 0
    """Survey respondents who gave fewer than three priorities (counted in ``n_survey``)."""

    def row(self, code: str) -> PriorityCounts:
        """The row of one recommendation code (e.g. ``"J"``)."""
        for r in self.rows:
            if r.code == code:
                return r
        from ..errors import NotFoundError

        raise NotFoundError(f"no recommendation {code!r} in the priorities table")

    def to_text(self, *, labels: bool = True) -> str:
        """The seed's layout: ``Recommendation  Survey  Workshop`` with one • per selection."""
        lines = ["Recommendation\tSurvey\tWorkshop"]
        for r in self.rows:
            name = f"{r.code}. {r.label}" if labels and r.label else r.code
            dots_s = " ".join("•" * r.survey_selections)
            dots_w = " ".join("•" * r.workshop_groups)
            lines.append(f"{name}\t{dots_s}\t{dots_w}".rstrip())
        partial = f" ({self.n_partial} gave fewer than three priorities)" if self.n_partial else ""
        lines.append(
            f"Survey respondents: n={self.n_survey}{partial}; workshop groups: "
            f"n={self.n_groups}. • = one selection."
        )
        return "\n".join(lines)


def priorities_table(
    recommendations: Mapping[str, str] | Sequence[str],
    survey: Iterable[Mapping[str, int] | None],
    workshop: Iterable[Collection[str]] = (),
) -> PrioritiesTable:
    """Aggregate 8.1 answers (code → rank 1-3) and workshop groups' choices (sets of codes)."""
    labels = (
        dict(recommendations)
        if isinstance(recommendations, Mapping)
        else dict.fromkeys(recommendations, "")
    )
    codes = tuple(labels)
    ranks = rank_aggregate("8.1", codes, survey, points_for=3)
    groups = [set(g) for g in workshop]
    problems = [
        Problem(
            f"workshop choice {c!r} is not a recommendation", location=f"workshop group {i + 1}"
        )
        for i, g in enumerate(groups)
        for c in sorted(g)
        if c not in labels
    ]
    if problems:
        raise ValidationError(problems)
    return PrioritiesTable(
        rows=tuple(
            PriorityCounts(
                code=c,
                label=labels[c],
                survey_selections=ranks.get(c).n_ranked,
                rank_points=ranks.get(c).borda,
                first_choices=ranks.get(c).first_choices,
                workshop_groups=sum(1 for g in groups if c in g),
            )
            for c in codes
        ),
        n_survey=ranks.n_answered,
        n_groups=len(groups),
        n_partial=ranks.n_partial,
    )
