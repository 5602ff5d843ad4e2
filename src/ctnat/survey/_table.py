"""Answers held as columns, with :class:`Response` objects built only on demand.

A reader validates a column once per distinct value, so it keeps, per field, the
distinct values and one small integer per record (:class:`AnswerTable`).
:class:`Responses` is the immutable sequence a :class:`ResponseSet` exposes as
``responses``: it holds either ready :class:`Response` objects or a table, and
builds a :class:`Response` when one is asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import numpy.typing as npt
from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

if TYPE_CHECKING:
    from .responses import Response

__all__ = ["KINDS", "AnswerTable", "Column", "Responses", "column_of"]

#: The parts of a response a column can fill.
KINDS = ("profile", "answers", "other", "meta")

Index = npt.NDArray[np.int32]


class Column:
    """One field: its distinct values (``values[0]`` is None, "no answer") and an index per record."""

    __slots__ = ("index", "values")

    def __init__(self, values: Sequence[Any], index: Index) -> None:
        self.values = tuple(values)
        self.index = index

    def take(self, rows: npt.NDArray[np.intp]) -> Column:
        """The column restricted to ``rows``."""
        return Column(self.values, self.index[rows])

    def objects(self) -> npt.NDArray[np.object_]:
        """One value per record (None where there is no answer)."""
        table = np.empty(len(self.values), dtype=object)
        for i, v in enumerate(self.values):
            table[i] = v
        return table[self.index]


def column_of(values: Sequence[Any]) -> Column:
    """A column from one value per record (None for no answer)."""
    distinct: dict[Any, int] = {None: 0}
    keys = [_key(v) for v in values]
    index = np.fromiter(
        (distinct.setdefault(k, len(distinct)) for k in keys), dtype=np.int32, count=len(keys)
    )
    by_key = {_key(v): v for v in values}
    table: list[Any] = [None] * len(distinct)
    for k, i in distinct.items():
        if k is not None:
            table[i] = by_key[k]
    return Column(table, index)


def _key(value: Any) -> Any:
    if isinstance(value, dict):
        return ("\x00rank", tuple(sorted(value.items())))
    return value


class AnswerTable:
    """The accepted responses as columns: ``codes`` and ``(kind, key) -> Column``."""

    __slots__ = ("_positions", "codes", "columns")

    def __init__(self, codes: Sequence[str], columns: dict[tuple[str, str], Column]) -> None:
        self.codes = tuple(codes)
        self.columns = columns
        self._positions: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.codes)

    def position(self, code: str) -> int | None:
        """The row of ``code`` (None if absent)."""
        if self._positions is None:
            self._positions = {c: i for i, c in enumerate(self.codes)}
        return self._positions.get(code)

    def response(self, i: int) -> Response:
        """Row ``i`` as a :class:`Response` (values are validated already)."""
        from .responses import Response

        parts: dict[str, dict[str, Any]] = {k: {} for k in KINDS}
        for (kind, key), col in self.columns.items():
            v = col.values[col.index[i]]
            if v is not None:
                parts[kind][key] = dict(v) if isinstance(v, dict) else v
        return Response.model_construct(
            code=self.codes[i],
            profile=parts["profile"],
            answers=parts["answers"],
            other=parts["other"],
            meta=parts["meta"],
        )

    @classmethod
    def from_responses(cls, items: Sequence[Response]) -> AnswerTable:
        """The table of ready responses."""
        keys: dict[tuple[str, str], None] = {}
        for r in items:
            for kind in KINDS:
                keys.update(dict.fromkeys((kind, k) for k in getattr(r, kind)))
        columns = {
            (kind, k): column_of([getattr(r, kind).get(k) for r in items]) for kind, k in keys
        }
        return cls([r.code for r in items], columns)


class Responses(Sequence["Response"]):
    """An immutable sequence of responses, built from columns on demand."""

    __slots__ = ("_items", "_table")

    def __init__(self, items: Sequence[Response] = (), *, table: AnswerTable | None = None) -> None:
        self._items: tuple[Response, ...] | None = None if table is not None else tuple(items)
        self._table = table

    @property
    def table(self) -> AnswerTable:
        """The responses as an :class:`AnswerTable`."""
        if self._table is None:
            assert self._items is not None
            self._table = AnswerTable.from_responses(self._items)
        return self._table

    @property
    def codes(self) -> tuple[str, ...]:
        """The respondent codes, in order."""
        if self._table is not None:
            return self._table.codes
        assert self._items is not None
        return tuple(r.code for r in self._items)

    def get(self, code: str) -> Response | None:
        """The response with ``code``, or None."""
        i = self.table.position(code)
        return None if i is None else self[i]

    def __len__(self) -> int:
        return len(self._items) if self._items is not None else len(self.table)

    @overload
    def __getitem__(self, i: int) -> Response: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Response, ...]: ...
    def __getitem__(self, i: int | slice) -> Response | tuple[Response, ...]:
        if self._items is not None:
            return self._items[i]
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        n = len(self)
        if not -n <= i < n:
            raise IndexError("response index out of range")
        return self.table.response(i % n)

    def __iter__(self) -> Iterator[Response]:
        if self._items is not None:
            return iter(self._items)
        return (self.table.response(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Responses({len(self)} responses)"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from .responses import Response

        items = handler.generate_schema(tuple[Response, ...])
        from_items = core_schema.no_info_after_validator_function(cls, items)
        return core_schema.json_or_python_schema(
            json_schema=from_items,
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(cls), from_items]
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                tuple, return_schema=items
            ),
        )
