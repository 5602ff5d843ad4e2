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
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..errors import ValidationError
from .caveats import DEFAULT_RULES, CaveatRules
from .choices import MultiSelectFrequencies, RankAggregate, multi_select_frequencies, rank_aggregate
from .disclosure import CrossTab, DisclosurePolicy, crosstab
from .intervals import IntervalMethod
from .priorities import PrioritiesTable, priorities_table
from .summary import ItemSummary, summarize_tally
from .tally import Tally

if TYPE_CHECKING:
    from ..survey import Instrument, Question, Response, ResponseSet

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


def _profile(response: Response, name: str) -> str | None:
    if name == "position_group":
        return position_group(response.profile.get("position"))
    return response.profile.get(name)


def _selected(responses: ResponseSet, country: str | None) -> tuple[Response, ...]:
    if country is None:
        return tuple(responses.responses)
    return tuple(r for r in responses.responses if r.profile.get("country") == country)


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
    chosen = _selected(responses, country)
    out: dict[str, ItemSummary] = {}
    for q in inst.questions():
        if q.profile is not None or q.type not in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
            continue
        options = inst.option_names(q)
        answers = [_single(r.answers.get(q.id)) for r in chosen]
        tally = Tally.from_answers(options, answers, item=q.id)
        answered = [r for r, a in zip(chosen, answers, strict=True) if a is not None]
        profiles = {
            p: Counter(v for r in answered if (v := _profile(r, p)) is not None)
            for p in DOMINANCE_PROFILES
        }
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
    ids = tuple(items)
    return sum(
        1 for r in _selected(responses, country) if any(r.answers.get(i) is not None for i in ids)
    )


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
    answers: list[Collection[str] | None] = []
    for r in _selected(responses, country):
        v = r.answers.get(item)
        answers.append(tuple(v) if isinstance(v, tuple) else None)
    return multi_select_frequencies(item, inst.option_names(q), answers)


def _rankings(responses: Sequence[Response], item: str) -> list[Mapping[str, int] | None]:
    out: list[Mapping[str, int] | None] = []
    for r in responses:
        v = r.answers.get(item)
        out.append(dict(v) if isinstance(v, dict) else None)
    return out


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
        item, names, _rankings(_selected(responses, country), item), points_for=q.count
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
    return priorities_table(labels, _rankings(_selected(responses, country), item), workshop)


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
    chosen = _selected(responses, country)
    return crosstab(
        f"{item} by {profile}",
        profile,
        [_profile(r, profile) for r in chosen],
        [_single(r.answers.get(item)) for r in chosen],
        inst.option_names(q),
        policy,
        ordinal=q.type is QuestionType.SCALE,
    )
