"""Multi-select frequencies (questions 2.1-2.3) and rank aggregation (question 2.4).

A multi-select answer is a set of options; its frequencies count, for each
option, the respondents who selected it, out of the respondents who answered
the question at all (shares therefore do not add up to 1).

A ranking answer maps items to ranks 1 (first) … m. Two aggregates are given:
the **mean rank** (over the respondents who ranked the item; lower is higher
priority) and the **Borda count** (an item ranked r among k items earns
k - r + 1 points; unranked items earn 0).

A *partial* ranking ranks fewer places than it could (2.4 with two of the four
groups ranked, as the XLSForm allows): its ranked items count as ranked, the
others earn nothing and are left out of their mean rank, and ``n_partial`` says
how many answers were partial.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from ..errors import Problem, ValidationError
from .intervals import ProportionInterval, wilson_interval

__all__ = [
    "MultiSelectFrequencies",
    "RankAggregate",
    "RankedItem",
    "multi_select_frequencies",
    "rank_aggregate",
]


class MultiSelectFrequencies(BaseModel):
    """How many respondents selected each option, out of those who answered."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str
    options: tuple[str, ...]
    counts: tuple[int, ...]
    n_answered: int
    n_respondents: int

    def count(self, option: str) -> int:
        """Respondents who selected ``option``."""
        return self.counts[self.options.index(option)]

    def interval(self, option: str) -> ProportionInterval:
        """Wilson interval of the share of answering respondents who selected ``option``."""
        return wilson_interval(self.count(option), self.n_answered)

    def __add__(self, other: object) -> MultiSelectFrequencies:
        if not isinstance(other, MultiSelectFrequencies):
            return NotImplemented
        if (self.item, self.options) != (other.item, other.options):
            raise ValidationError("cannot add frequencies of different items or options")
        return MultiSelectFrequencies(
            item=self.item,
            options=self.options,
            counts=tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)),
            n_answered=self.n_answered + other.n_answered,
            n_respondents=self.n_respondents + other.n_respondents,
        )


def multi_select_frequencies(
    item: str, options: Sequence[str], answers: Iterable[Collection[str] | None]
) -> MultiSelectFrequencies:
    """Count selections per option; ``None`` or an empty set is non-response."""
    opts = tuple(options)
    index = {o: i for i, o in enumerate(opts)}
    counts = [0] * len(opts)
    answered = respondents = 0
    problems: list[Problem] = []
    for position, answer in enumerate(answers):
        respondents += 1
        if not answer:
            continue
        answered += 1
        for option in set(answer):
            if option not in index:
                problems.append(
                    Problem(
                        f"selection {option!r} is not an option",
                        location=f"{item} / answer {position + 1}",
                    )
                )
            else:
                counts[index[option]] += 1
    if problems:
        raise ValidationError(problems)
    return MultiSelectFrequencies(
        item=item,
        options=opts,
        counts=tuple(counts),
        n_answered=answered,
        n_respondents=respondents,
    )


class RankedItem(BaseModel):
    """Aggregate ranks of one ranked item."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    n_ranked: int
    mean_rank: float | None
    borda: int
    first_choices: int


class RankAggregate(BaseModel):
    """Mean rank and Borda points of every item of a ranking question."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str
    n_answered: int
    items: tuple[RankedItem, ...]
    n_partial: int = 0
    """Answers that rank fewer places than ``points_for`` (counted in ``n_answered``)."""

    def by_borda(self) -> tuple[RankedItem, ...]:
        """Items from most to fewest Borda points (ties by name)."""
        return tuple(sorted(self.items, key=lambda r: (-r.borda, r.name)))

    def get(self, name: str) -> RankedItem:
        """The aggregate of one ranked item."""
        for r in self.items:
            if r.name == name:
                return r
        from ..errors import NotFoundError

        raise NotFoundError(f"{self.item}: no ranked item {name!r}")


def rank_aggregate(
    item: str,
    names: Sequence[str],
    rankings: Iterable[Mapping[str, int] | None],
    *,
    points_for: int | None = None,
) -> RankAggregate:
    """Mean rank and Borda count over respondents' rankings.

    ``points_for`` is the number of ranked places that earn points (default:
    the number of items, as in 2.4's full ranking of 4 groups; 3 for the
    top-three question 8.1). A rank r earns ``points_for - r + 1`` points.
    Ranks must be whole numbers from 1 to ``points_for`` without repeats.
    """
    names_t = tuple(names)
    k = points_for or len(names_t)
    ranks: dict[str, list[int]] = {n: [] for n in names_t}
    problems: list[Problem] = []
    answered = partial = 0
    for position, ranking in enumerate(rankings):
        if not ranking:
            continue
        answered += 1
        partial += len(ranking) < k
        where = f"{item} / answer {position + 1}"
        values = list(ranking.values())
        if len(set(values)) != len(values):
            problems.append(Problem(f"ranks repeat: {dict(ranking)}", location=where))
            continue
        for name, rank in ranking.items():
            if name not in ranks:
                problems.append(Problem(f"{name!r} is not a ranked item", location=where))
            elif not 1 <= rank <= k:
                problems.append(
                    Problem(f"rank {rank} of {name!r} is not in 1..{k}", location=where)
                )
            else:
                ranks[name].append(rank)
    if problems:
        raise ValidationError(problems)
    return RankAggregate(
        item=item,
        n_answered=answered,
        n_partial=partial,
        items=tuple(
            RankedItem(
                name=n,
                n_ranked=len(rs),
                mean_rank=sum(rs) / len(rs) if rs else None,
                borda=sum(k - r + 1 for r in rs),
                first_choices=sum(1 for r in rs if r == 1),
            )
            for n, rs in ranks.items()
        ),
    )
