"""Checking item-to-criterion links against an instrument.

The links themselves are data of the indicator set (``IndicatorSet.links``, read
from ``ctnat/indicators/data/ct-nat-2016-links.yaml`` for the canonical set); this
module checks that every linked item exists in the instrument it names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ..errors import CtnatError, Problem
from .model import Instrument

__all__ = ["check_links", "linked_criteria", "linked_items"]


class _Link(Protocol):
    @property
    def item(self) -> str: ...

    @property
    def criterion(self) -> str: ...


class _LinkedSet(Protocol):
    @property
    def links(self) -> Sequence[Any]: ...


def _for(instrument: Instrument, links: Sequence[Any]) -> list[tuple[int, _Link]]:
    return [
        (i, link)
        for i, link in enumerate(links)
        if getattr(link, "instrument", instrument.id) == instrument.id
    ]


def check_links(instrument: Instrument, indicator_set: _LinkedSet) -> tuple[Problem, ...]:
    """Links of ``indicator_set`` to items that ``instrument`` lacks (empty if none).

    Only links for this instrument are checked (a link's ``instrument`` field, when
    it has one, names the instrument). If the set can look up criteria
    (``indicator_set.criterion(id)``), links to unknown criteria are reported too.
    Each problem's location is ``links[i]``, the link's place in the set.
    """
    problems: list[Problem] = []
    items = {q.id for q in instrument.questions()}
    lookup: Callable[[str], Any] | None = getattr(indicator_set, "criterion", None)
    for i, link in _for(instrument, indicator_set.links):
        if link.item not in items:
            problems.append(
                Problem(
                    f"link to item {link.item} (criterion {link.criterion}): {instrument.id} "
                    "has no such item",
                    location=f"links[{i}]",
                )
            )
        if lookup is not None:
            try:
                lookup(link.criterion)
            except (CtnatError, LookupError):
                problems.append(
                    Problem(
                        f"link from item {link.item} to unknown criterion {link.criterion}",
                        location=f"links[{i}]",
                    )
                )
    return tuple(problems)


def linked_criteria(
    instrument: Instrument, indicator_set: _LinkedSet, item: str
) -> tuple[str, ...]:
    """The criteria that ``item`` of ``instrument`` informs, in the set's order."""
    return tuple(
        dict.fromkeys(
            link.criterion for _, link in _for(instrument, indicator_set.links) if link.item == item
        )
    )


def linked_items(
    instrument: Instrument, indicator_set: _LinkedSet, criterion: str
) -> tuple[str, ...]:
    """The items of ``instrument`` that inform ``criterion``, in instrument order."""
    wanted = {
        link.item
        for _, link in _for(instrument, indicator_set.links)
        if link.criterion == criterion
    }
    return tuple(q.id for q in instrument.questions() if q.id in wanted)
