"""Aggregates of a survey :class:`~ctnat.survey.ResponseSet`.

- :func:`summarize`: an :class:`~ctnat.aggregate.summary.ItemSummary` per
  closed single-answer item (the 62 scale items and the choose-one questions),
  keyed by item number such as ``"5.1.4"``;
- :func:`multi_select`, :func:`ranking` and :func:`priorities`: the
  choose-several questions (2.1-2.3), the ranking 2.4 and the top-three 8.1;
- :func:`profile_crosstab`: an item by a profile (gender, position group,
  country) under a :class:`~ctnat.aggregate.disclosure.DisclosurePolicy`;
- :func:`block_respondents`: respondents who answered at least one item of a
  block (the seed's "Total respondents to these questions").

Free text (open questions, "other - please specify") never enters these
aggregates. Profile values are used only as group labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..errors import ValidationError
from .caveats import DEFAULT_RULES, CaveatRules
from .choices import MultiSelectFrequencies, RankAggregate, multi_select_frequencies, rank_aggregate
from .disclosure import CrossTab, DisclosurePolicy, crosstab
from .intervals import IntervalMethod
from .priorities import PrioritiesTable, priorities_table
from .summary import ItemSummary, summarize_tally
from .tally import Tally

if TYPE_CHECKING:
    from ..survey import Instrument, Question, ResponseSet

__all__ = [
    "block_respondents",
    "multi_select",
    "position_group",
    "priorities",
    "profile_crosstab",
    "ranking",
    "summarize",
]

#: Profiles whose dominance is checked by the dominant-group caveat rule.
DOMINANCE_PROFILES = ("gender", "position_group")

_POSITION_GROUPS = {
    "le": "law enforcement",
    "justice": "justice system",
    "gov": "government",
    "ngo": "NGO",
    "igo": "intergovernmental organisation",
}


def position_group(position: str | None) -> str | None:
    """The group of a 1.2 position (``"ngo_local"`` -> ``"NGO"``; experts, academics: other)."""
    if position is None:
        return None
    return _POSITION_GROUPS.get(position.split("_", 1)[0], "other")


def _instrument(responses: ResponseSet, instrument: Instrument | None) -> Instrument:
    if instrument is not None:
        if instrument.id != responses.instrument:
            raise ValidationError(
                f"the responses are for {responses.instrument!r}, not {instrument.id!r}"
            )
        return instrument
    from ..survey import builtin

    return builtin(responses.instrument)


class _Selection:
    """The respondents chosen from a response set, read from its answer columns.

    A response set holds its answers as columns (one small integer per respondent
    into the distinct values), so the aggregates count with numpy and never build
    a :class:`~ctnat.survey.Response` per respondent.
    """

    def __init__(self, responses: ResponseSet, country: str | None) -> None:
        self.table = responses.responses.table
        n = len(self.table)
        if country is None:
            self.rows = np.arange(n, dtype=np.intp)
        else:
            col = self.table.columns.get(("profile", "country"))
            if col is None:
                self.rows = np.zeros(0, dtype=np.intp)
            else:
                hit = np.array([v == country for v in col.values], dtype=bool)
                self.rows = np.flatnonzero(hit[col.index])

    def __len__(self) -> int:
        return len(self.rows)

    def codes(self, kind: str, key: str) -> tuple[tuple[Any, ...], npt.NDArray[np.int32]]:
        """The distinct values of a field and, per chosen respondent, its value's position."""
        col = self.table.columns.get((kind, key))
        if col is None:
            return (None,), np.zeros(len(self.rows), dtype=np.int32)
        return col.values, col.index[self.rows]

    def values(self, kind: str, key: str) -> list[Any]:
        """One value per chosen respondent (None where there is none)."""
        values, index = self.codes(kind, key)
        return [values[k] for k in index.tolist()]

    def profile(self, name: str) -> list[str | None]:
        """A profile field per chosen respondent; ``position_group`` is made from 1.2."""
        if name == "position_group":
            return [position_group(v) for v in self.values("profile", "position")]
        return [v if isinstance(v, str) else None for v in self.values("profile", name)]

    def profile_counts(self, name: str, among: npt.NDArray[np.bool_]) -> Counter[str]:
        """How many of the chosen respondents where ``among`` is true have each value."""
        key = "position" if name == "position_group" else name
        values, index = self.codes("profile", key)
        counts = np.bincount(index[among], minlength=len(values))
        out: Counter[str] = Counter()
        for v, c in zip(values, counts.tolist(), strict=True):
            group = position_group(v) if name == "position_group" else v
            if c and isinstance(group, str):
                out[group] += c
        return out


def _single(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _scale_boxes(
    instrument: Instrument, q: Question
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    if q.scale is None:
        return None, None
    scale = instrument.scale(q.scale)
    by_pos = {o.position: o.name for o in scale.options}
    return (
        tuple(by_pos[p] for p in scale.positive_positions),
        tuple(by_pos[p] for p in scale.negative_positions),
    )


def summarize(
    responses: ResponseSet,
    instrument: Instrument | None = None,
    *,
    country: str | None = None,
    method: IntervalMethod = "wilson",
    prior: float = 1.0,
    rules: CaveatRules = DEFAULT_RULES,
) -> Mapping[str, ItemSummary]:
    """A summary per closed single-answer item, keyed by item number.

    ``country`` restricts to respondents whose profile country is that option
    name (e.g. ``"azerbaijan"``). ``n_respondents`` of each summary is the
    number of (selected) survey respondents; respondents who skipped an item are
    its non-response. Scale items get ordinal summaries; choose-one questions
    do not.
    """
    from ..survey import QuestionType

    inst = _instrument(responses, instrument)
    chosen = _Selection(responses, country)
    out: dict[str, ItemSummary] = {}
    for q in inst.questions():
        if q.profile is not None or q.type not in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
            continue
        options = inst.option_names(q)
        values, index = chosen.codes("answers", q.id)
        position = {o: i for i, o in enumerate(options)}
        # an answer that is not text counts as no answer; text that is not an option
        # (a response set built by hand) is refused by Tally, naming the respondent
        lookup = np.array([position.get(v, -1) if isinstance(v, str) else -1 for v in values])
        if any(isinstance(v, str) and v not in position for v in values):
            Tally.from_answers(options, [_single(values[k]) for k in index.tolist()], item=q.id)
        answer = lookup[index]
        answered = answer >= 0
        counts = np.bincount(answer[answered], minlength=len(options))
        tally = Tally(
            options=options,
            counts=tuple(int(c) for c in counts),
            missing=len(chosen) - int(answered.sum()),
        )
        profiles = {p: chosen.profile_counts(p, answered) for p in DOMINANCE_PROFILES}
        positive, negative = _scale_boxes(inst, q)
        out[q.id] = summarize_tally(
            q.id,
            tally,
            n_respondents=len(chosen),
            text=q.text(),
            option_labels=tuple(o.text() for o in inst.options(q)),
            ordinal=q.type is QuestionType.SCALE,
            method=method,
            prior=prior,
            rules=rules,
            profiles=profiles,
            positive=positive,
            negative=negative,
        )
    return MappingProxyType(out)


def block_respondents(
    responses: ResponseSet, items: Iterable[str], *, country: str | None = None
) -> int:
    """Respondents who answered at least one of ``items``."""
    chosen = _Selection(responses, country)
    answered = np.zeros(len(chosen), dtype=bool)
    for item in items:
        answered |= chosen.codes("answers", item)[1] != 0
    return int(answered.sum())


def multi_select(
    responses: ResponseSet,
    item: str,
    instrument: Instrument | None = None,
    *,
    country: str | None = None,
) -> MultiSelectFrequencies:
    """Selections per option of a choose-all / choose-exactly / choose-at-most question."""
    inst = _instrument(responses, instrument)
    q = inst.question(item)
    if not q.type.is_multiple:
        raise ValidationError(f"{item} is a {q.type.value} question, not a multi-select one")
    answers: list[Collection[str] | None] = [
        v if isinstance(v, tuple) else None
        for v in _Selection(responses, country).values("answers", item)
    ]
    return multi_select_frequencies(item, inst.option_names(q), answers)


def _rankings(chosen: _Selection, item: str) -> list[Mapping[str, int] | None]:
    return [dict(v) if isinstance(v, dict) else None for v in chosen.values("answers", item)]


def ranking(
    responses: ResponseSet,
    item: str = "2.4",
    instrument: Instrument | None = None,
    *,
    country: str | None = None,
) -> RankAggregate:
    """Mean rank and Borda points of a ranking question (2.4 by default)."""
    inst = _instrument(responses, instrument)
    q = inst.question(item)
    if not q.type.is_ranking:
        raise ValidationError(f"{item} is a {q.type.value} question, not a ranking")
    names = inst.option_names(q)
    return rank_aggregate(
        item, names, _rankings(_Selection(responses, country), item), points_for=q.count
    )


def priorities(
    responses: ResponseSet,
    workshop: Iterable[Collection[str]] = (),
    instrument: Instrument | None = None,
    *,
    item: str = "8.1",
    country: str | None = None,
) -> PrioritiesTable:
    """The priorities table of 8.1, beside the validation-workshop groups' choices."""
    inst = _instrument(responses, instrument)
    labels = {o.name: o.text() for o in inst.options(item)}
    return priorities_table(labels, _rankings(_Selection(responses, country), item), workshop)


def profile_crosstab(
    responses: ResponseSet,
    item: str,
    profile: str,
    policy: DisclosurePolicy | None = None,
    instrument: Instrument | None = None,
    *,
    country: str | None = None,
) -> CrossTab:
    """Item ``item`` by ``profile`` (``gender``, ``position_group``, ``country``, …),
    suppressed under ``policy`` (default :class:`DisclosurePolicy`)."""
    from ..survey import QuestionType

    inst = _instrument(responses, instrument)
    q = inst.question(item)
    if q.type not in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
        raise ValidationError(f"{item}: cross-tabs are made of single-answer items")
    chosen = _Selection(responses, country)
    return crosstab(
        f"{item} by {profile}",
        profile,
        chosen.profile(profile),
        [_single(v) for v in chosen.values("answers", item)],
        inst.option_names(q),
        policy,
        ordinal=q.type is QuestionType.SCALE,
    )
