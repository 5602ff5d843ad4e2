"""Opening a workbook safely, through the reading layer (:mod:`ctnat._io`).

Size, zip structure and shared strings are checked before openpyxl parses
anything; rows, columns, cells and cell length are bounded while reading
(:class:`Limits`). Values are cached values: a formula gives its cached value (or
nothing), never a computation; macros are not loaded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .._io import Limits, PathLike, Sheet, check_path, is_file
from .._io import read_sheets as _read_sheets
from ..errors import NotFoundError

__all__ = ["Limits", "SheetRows", "cell_text", "read_sheets"]

#: The cell values of one sheet (the reading layer's :class:`~ctnat._io.Sheet`).
SheetRows = Sheet


def read_sheets(path: PathLike, limits: Limits) -> dict[str, SheetRows]:
    """The cell values of every sheet, read after the checks; the file is closed on return."""
    p = check_path(path)
    if not is_file(p):
        raise NotFoundError("no such file", file=str(p))
    return _read_sheets(p, limits=limits)


def cell_text(value: Any) -> str | None:
    """A cell's value as text (None for an empty cell); whole numbers lose their '.0'."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None
