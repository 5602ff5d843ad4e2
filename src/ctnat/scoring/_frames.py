"""pandas exports of scorecards and comparisons (needs the ``pandas`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._extras import require_extra

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["frame"]


def frame(rows: list[dict[str, Any]], index: list[str]) -> pd.DataFrame:
    """A DataFrame from plain rows, indexed by the given columns (shown rounded, exact inside)."""
    from .._frames import display_frame

    require_extra("pandas", "pandas", "a DataFrame")
    return display_frame(rows, index)
