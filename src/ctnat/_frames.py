"""pandas frames for notebooks: exact values underneath, rounded when shown.

:func:`display_frame` returns a :class:`pandas.DataFrame` whose values are the
exact results (``df.loc[...]`` gives every digit) but whose display in a notebook
or a terminal rounds floats to two decimals, the precision the scores have any
meaning at. Any operation on it gives an ordinary DataFrame.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._extras import require_extra

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DISPLAY_DIGITS", "display_frame"]

#: Decimals shown (not stored) for floats.
DISPLAY_DIGITS = 2


@functools.cache
def _frame_class() -> type[Any]:
    pandas = require_extra("pandas", "pandas", "a DataFrame")

    class ResultFrame(pandas.DataFrame):  # type: ignore[misc, name-defined]
        """A DataFrame shown rounded; the values are exact."""

        @property
        def _constructor(self) -> type[Any]:
            return pandas.DataFrame  # type: ignore[no-any-return]

        def _shown(self) -> Any:
            return pandas.DataFrame(self).round(DISPLAY_DIGITS)

        def __repr__(self) -> str:
            return repr(self._shown())

        def _repr_html_(self) -> str:
            return self._shown()._repr_html_()  # type: ignore[no-any-return]

    return ResultFrame


def display_frame(
    rows: Sequence[dict[str, Any]], index: Sequence[str], *, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """A frame of ``rows`` indexed by ``index``, shown rounded (needs ``ctnat[pandas]``)."""
    cls = _frame_class()
    base = require_extra("pandas", "pandas", "a DataFrame").DataFrame(list(rows), columns=columns)
    if index:
        base = base.set_index(list(index))
    frame: pd.DataFrame = cls(base)
    return frame
