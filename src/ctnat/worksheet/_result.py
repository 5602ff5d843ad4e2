"""What reading a worksheet gives: the data that loaded and every problem, by cell."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..assessment import Assessment
from ..errors import Problem, ValidationError
from ..survey import InterviewRecord, ResponseSet

__all__ = ["CellProblem", "Worksheet"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CellProblem(_Frozen):
    """One problem in a worksheet: the sheet, the cell (``E14``; empty for a whole sheet)."""

    sheet: str
    cell: str = ""
    reason: str
    hint: str | None = None

    @property
    def location(self) -> str:
        """``Indicators!E14`` (Excel's own notation), or the sheet name alone."""
        if not self.cell:
            return self.sheet
        sheet = f"'{self.sheet}'" if " " in self.sheet else self.sheet
        return f"{sheet}!{self.cell}"

    def problem(self, file: str | None = None) -> Problem:
        """As a :class:`ctnat.errors.Problem`."""
        return Problem(self.reason, file, self.location, self.hint)

    def __str__(self) -> str:
        return str(self.problem())


class Worksheet(_Frozen):
    """A worksheet as read: the assessment, responses and interviews that loaded.

    ``assessment`` is None when the Assessment sheet itself is unusable (no
    country or round). ``problems`` lists every rejected cell; a row with a
    problem is left out of the data, never silently.
    """

    file: str | None = None
    assessment: Assessment | None = None
    assessors: tuple[str, ...] = ()
    responses: ResponseSet | None = None
    interviews: tuple[InterviewRecord, ...] = ()
    problems: tuple[CellProblem, ...] = Field(default=())

    def __repr__(self) -> str:
        a = self.assessment
        head = f"{a.country} {a.round.isoformat()}" if a is not None else "no assessment"
        n = len(self.responses) if self.responses is not None else 0
        return (
            f"<Worksheet {self.file or ''} {head}: {n} responses, {len(self.interviews)} "
            f"interviews, {len(self.problems)} problems>"
        ).replace("<Worksheet  ", "<Worksheet ")

    @property
    def ok(self) -> bool:
        """True when nothing was rejected."""
        return not self.problems

    def errors(self) -> tuple[Problem, ...]:
        """The problems as :class:`ctnat.errors.Problem` records naming the file."""
        return tuple(p.problem(self.file) for p in self.problems)

    def raise_for_problems(self) -> Worksheet:
        """Raise :class:`ctnat.errors.ValidationError` listing every problem; else return self."""
        if self.problems:
            raise ValidationError(self.errors())
        return self
