"""Mergeable tallies: counts per option for one survey item.

A :class:`Tally` is the sufficient statistic of a single-choice item: how many
respondents chose each option, plus how many saw the item and gave no answer
(item non-response). Tallies over the same option list add, so data can be
counted elsewhere (pandas, Spark, a database) and combined here:
``tally(A + B) == tally(A) + tally(B)`` for disjoint respondent sets A and B.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, model_validator

from ..errors import Problem, ValidationError

__all__ = ["Tally"]


class Tally(BaseModel):
    """Counts per option of one item, in the option order of its scale.

    ``missing`` counts respondents to the survey who left this item blank; it
    is kept apart from the options so that proportions are always "k of the n
    who answered" while non-response stays visible.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    options: tuple[str, ...]
    counts: tuple[int, ...]
    missing: int = 0

    @model_validator(mode="after")
    def _check(self) -> Tally:
        problems: list[str] = []
        if len(self.options) != len(self.counts):
            problems.append(f"{len(self.options)} options but {len(self.counts)} counts")
        if len(set(self.options)) != len(self.options):
            problems.append(f"options repeat: {list(self.options)}")
        if any(c < 0 for c in self.counts) or self.missing < 0:
            problems.append("counts must not be negative")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- construction -------------------------------------------------------------------
    @classmethod
    def empty(cls, options: Iterable[str]) -> Tally:
        """A tally with every count zero."""
        opts = tuple(options)
        return cls(options=opts, counts=(0,) * len(opts))

    @classmethod
    def from_answers(
        cls, options: Iterable[str], answers: Iterable[str | None], *, item: str = ""
    ) -> Tally:
        """Count answers (one per respondent; ``None`` = saw the item, gave no answer).

        An answer that is not one of ``options`` raises :class:`ValidationError`
        naming the respondent's position and the answer; nothing is dropped.
        """
        opts = tuple(options)
        index = {o: i for i, o in enumerate(opts)}
        counts = [0] * len(opts)
        missing = 0
        problems: list[Problem] = []
        for position, answer in enumerate(answers):
            if answer is None:
                missing += 1
            elif answer in index:
                counts[index[answer]] += 1
            else:
                problems.append(
                    Problem(
                        f"answer {answer!r} is not an option of the item (options: {list(opts)})",
                        location=f"{item or 'item'} / answer {position + 1}",
                    )
                )
        if problems:
            raise ValidationError(problems)
        return cls(options=opts, counts=tuple(counts), missing=missing)

    @classmethod
    def from_counts(
        cls, options: Iterable[str], counts: Mapping[str, int], *, missing: int = 0
    ) -> Tally:
        """Build a tally from pre-aggregated counts (options absent from ``counts`` are 0)."""
        opts = tuple(options)
        unknown = [k for k in counts if k not in opts]
        if unknown:
            raise ValidationError(
                f"counts name options the item does not have: {unknown}",
                hint=f"options are {list(opts)}",
            )
        bad = [k for k, v in counts.items() if int(v) != v or v < 0]
        if bad or missing < 0:
            raise ValidationError(f"counts must be whole numbers >= 0 (bad: {bad or ['missing']})")
        return cls(options=opts, counts=tuple(int(counts.get(o, 0)) for o in opts), missing=missing)

    # -- reading ------------------------------------------------------------------------
    @property
    def n_answered(self) -> int:
        """Respondents who chose an option."""
        return sum(self.counts)

    @property
    def n_respondents(self) -> int:
        """Respondents who were asked the item (answered or not)."""
        return self.n_answered + self.missing

    def count(self, option: str) -> int:
        """The count of one option."""
        try:
            return self.counts[self.options.index(option)]
        except ValueError:
            from ..errors import NotFoundError

            raise NotFoundError(
                f"no option {option!r} in this tally", hint=f"options are {list(self.options)}"
            ) from None

    def as_mapping(self) -> Mapping[str, int]:
        """Counts per option as a read-only mapping."""
        return MappingProxyType(dict(zip(self.options, self.counts, strict=True)))

    # -- merging ------------------------------------------------------------------------
    def __add__(self, other: object) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        if other.options != self.options:
            raise ValidationError(
                "cannot add tallies over different option lists",
                hint=f"{list(self.options)} vs {list(other.options)}",
            )
        return Tally(
            options=self.options,
            counts=tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)),
            missing=self.missing + other.missing,
        )

    def __radd__(self, other: object) -> Tally:
        # lets sum(tallies) start from 0
        if other == 0:
            return self
        return NotImplemented
