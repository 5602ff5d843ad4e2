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

__all__ = ["KINDS", "AnswerTable", "Column", "Responses", "column_of", "long_frame"]

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

    def categorical(self, pd: Any, order: Sequence[str] = ()) -> Any:
        """The column for a DataFrame, without a Python object per record.

        When every value is text, a pandas ``Categorical`` whose categories are
        ``order`` (a question's options, so that counts show the options nobody
        chose) and then the other values as found; otherwise one object per record.
        """
        values = self.values[1:]
        if not all(isinstance(v, str) for v in values):
            return self.objects()
        known = set(order)
        categories = [*order, *(v for v in values if v not in known)]
        position = {c: i for i, c in enumerate(categories)}
        if len(position) != len(categories):
            return self.objects()
        lookup = np.array([-1, *(position[v] for v in values)], dtype=np.int32)
        return pd.Categorical.from_codes(lookup[self.index], categories=categories)


def long_frame(pd: Any, codes: Sequence[str], fields: Sequence[tuple[str, Column]]) -> Any:
    """One row per chosen option: ``code, question, option, rank`` (rank for rankings).

    ``fields`` are ``(question id, column)`` in question order; rows come by
    respondent, then question, then rank. ``question`` is a ``Categorical`` in
    question order; ``code`` and ``option`` are text. Built from the distinct values, so its
    cost is in proportion to the rows it has, with no Python work per row.
    """
    n = len(codes)
    option_ids: dict[str, int] = {}
    rows: list[Index] = []
    questions: list[Index] = []
    options: list[Index] = []
    ranks: list[Index] = []
    for q, (_, col) in enumerate(fields):
        per_value: list[list[tuple[int, int]]] = [[]]
        for v in col.values[1:]:
            if isinstance(v, dict):
                pairs = sorted(v.items(), key=lambda kv: kv[1])
            elif isinstance(v, tuple):
                pairs = [(o, 0) for o in v]
            else:
                pairs = [(v, 0)]
            per_value.append([(option_ids.setdefault(o, len(option_ids)), r) for o, r in pairs])
        count = np.array([len(p) for p in per_value], dtype=np.int64)
        start = np.concatenate([[0], np.cumsum(count)[:-1]])
        flat_option = np.array([o for p in per_value for o, _ in p], dtype=np.int32)
        flat_rank = np.array([r for p in per_value for _, r in p], dtype=np.int32)
        per_row = count[col.index]
        row = np.repeat(np.arange(n, dtype=np.int32), per_row)
        offset = np.arange(len(row)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
        item = start[col.index[row]] + offset
        rows.append(row)
        questions.append(np.full(len(row), q, dtype=np.int32))
        options.append(flat_option[item])
        ranks.append(flat_rank[item])

    def joined(parts: list[Index]) -> Index:
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)

    row, question, option, rank = map(joined, (rows, questions, options, ranks))
    order = np.lexsort((question, row))  # stable: ranks stay in order within a question
    return pd.DataFrame(
        {
            "code": pd.Series(list(codes), dtype=object).take(row[order]).to_numpy(),
            "question": pd.Categorical.from_codes(
                question[order], categories=[q for q, _ in fields]
            ),
            "option": pd.Series(list(option_ids), dtype=object).take(option[order]).to_numpy(),
            "rank": pd.arrays.IntegerArray(
                rank[order].astype(np.int64), mask=rank[order] == 0
            ),  # 0: not a ranking
        }
    )


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
