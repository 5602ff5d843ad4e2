"""A table as a value: title, columns, rows of cells, notes and per-cell marks.

A :class:`Table` is what every report table is built as (a survey table with its
"n=" counts, an indicator table with the cells that need improvement marked, the
priorities table) before it is rendered to Markdown or HTML
(:mod:`ctnat.report.render`) or exported to CSV or XLSX (:mod:`ctnat.report.export`).

Cells may be given as plain values; they are wrapped in :class:`Cell`:

```python
>>> t = Table(title="Counts", columns=("Item", "Agree"), rows=(("5.1.4", 2),))
>>> t.rows[0][1]
Cell(value=2, mark=None)
>>> t.rows[0][1].text
'2'

```
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Problem, ValidationError

__all__ = ["Cell", "ColumnGroup", "Table"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Cell(_Frozen):
    """One cell: a value (text or number, or empty) and an optional mark.

    A mark is a short phrase such as ``"needs improvement"``; renderers show it
    with a symbol and a legend (never by colour alone) and keep it in exports.
    """

    value: str | int | float | None = None
    mark: str | None = Field(default=None, min_length=1)

    @property
    def text(self) -> str:
        """The value as displayed: numbers plainly, NaN as ``unknown``, None as empty."""
        v = self.value
        if v is None:
            return ""
        if isinstance(v, bool):  # pragma: no cover - excluded by the field type
            return str(v)
        if isinstance(v, float):
            return "unknown" if math.isnan(v) else f"{v:g}"
        return str(v)

    def __repr__(self) -> str:
        return f"Cell(value={self.value!r}, mark={self.mark!r})"


class ColumnGroup(_Frozen):
    """A header spanning ``span`` adjacent columns (e.g. "Framework" over Level 1, Level 2)."""

    label: str
    span: int = Field(ge=1)


def _as_cell(value: Any) -> Any:
    if isinstance(value, Cell | dict):
        return value
    if isinstance(value, bool):
        return Cell(value="yes" if value else "no")
    if value is None or isinstance(value, str | int | float):
        return {"value": value}  # validated in pydantic-core, much faster than Cell(...)
    return value  # pydantic reports the wrong type


class Table(_Frozen):
    """A titled table of cells with notes; rows must have one cell per column.

    ``notes`` are shown under the table, e.g. ``"Total survey respondents: n=7."``.
    ``column_groups`` optionally group adjacent columns under a spanning header;
    their spans must add up to the number of columns.
    """

    title: str = ""
    columns: tuple[str, ...] = Field(min_length=1)
    rows: tuple[tuple[Cell, ...], ...] = ()
    notes: tuple[str, ...] = ()
    column_groups: tuple[ColumnGroup, ...] = ()
    #: How many leading columns label the row (rendered as row headers in HTML).
    row_header_columns: int = Field(default=1, ge=0)

    @field_validator("rows", mode="before")
    @classmethod
    def _wrap_cells(cls, rows: Any) -> Any:
        if isinstance(rows, list | tuple):
            return tuple(
                tuple(_as_cell(v) for v in row) if isinstance(row, list | tuple) else row
                for row in rows
            )
        return rows

    @model_validator(mode="after")
    def _check_shape(self) -> Table:
        width = len(self.columns)
        problems = [
            Problem(
                f"row {i} has {len(row)} cells; the table has {width} columns",
                location=f"table {self.title!r} / rows[{i}]",
            )
            for i, row in enumerate(self.rows)
            if len(row) != width
        ]
        if self.column_groups and sum(g.span for g in self.column_groups) != width:
            problems.append(
                Problem(
                    f"column groups span {sum(g.span for g in self.column_groups)} columns; "
                    f"the table has {width}",
                    location=f"table {self.title!r} / column_groups",
                )
            )
        if self.row_header_columns > width:
            problems.append(
                Problem(
                    f"row_header_columns is {self.row_header_columns}; the table has {width}",
                    location=f"table {self.title!r} / row_header_columns",
                )
            )
        if problems:
            raise ValidationError(problems)
        return self

    def marks(self) -> tuple[str, ...]:
        """Each distinct mark used in the table, in order of first appearance."""
        seen: dict[str, None] = {}
        for row in self.rows:
            for cell in row:
                if cell.mark is not None:
                    seen.setdefault(cell.mark, None)
        return tuple(seen)

    def texts(self) -> Iterator[tuple[str, ...]]:
        """The rows as displayed text (no marks)."""
        for row in self.rows:
            yield tuple(cell.text for cell in row)

    def to_frame(self) -> Any:
        """A pandas DataFrame of the cell values (needs ``pip install "ctnat[pandas]"``).

        Marks and notes are kept in ``frame.attrs["marks"]`` (``{(row, column): mark}``)
        and ``frame.attrs["notes"]``.
        """
        from .extras import require_extra

        require_extra("pandas", "pandas", "Table.to_frame()")
        import pandas as pd

        names = list(self.columns)
        seen: dict[str, int] = {}
        for i, name in enumerate(names):  # pandas needs distinct column names
            if name in seen:
                seen[name] += 1
                names[i] = f"{name} ({seen[name]})"
            else:
                seen[name] = 1
        frame = pd.DataFrame([[c.value for c in row] for row in self.rows], columns=names)
        frame.attrs["title"] = self.title
        frame.attrs["notes"] = list(self.notes)
        frame.attrs["marks"] = {
            (r, names[c]): cell.mark
            for r, row in enumerate(self.rows)
            for c, cell in enumerate(row)
            if cell.mark is not None
        }
        return frame

    def _repr_html_(self) -> str:
        from .render import table_html

        return table_html(self)

    def _repr_markdown_(self) -> str:
        from .render import table_markdown

        return table_markdown(self)
