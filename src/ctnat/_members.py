"""Collections of a model's members: tuples that may also be called, as the methods they replaced.

``IndicatorSet.indicators`` and ``Instrument.questions`` are tuples like
``IndicatorSet.categories`` (one kind of attribute for every collection); calling
them, as when they were methods, still works: ``s.indicators()`` is the same tuple and
``s.indicators(include_retired=True)`` adds the retired indicators.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

__all__ = ["Members"]

_T = TypeVar("_T")


class Members(tuple[_T, ...]):
    """A tuple of members that may also be called, as the method it replaced.

    ``s.indicators`` is the tuple of active indicators; ``s.indicators()`` is the
    same, and ``s.indicators(include_retired=True)`` adds the retired ones.
    """

    _every: tuple[_T, ...]

    def __new__(cls, items: Iterable[_T], *, every: Iterable[_T] | None = None) -> Members[_T]:
        self = super().__new__(cls, items)
        self._every = tuple(self) if every is None else tuple(every)
        return self

    def __call__(self, *, include_retired: bool = False) -> tuple[_T, ...]:
        return self._every if include_retired else tuple(self)
