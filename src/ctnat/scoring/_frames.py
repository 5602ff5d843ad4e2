"""pandas exports of scorecards and comparisons (needs the ``pandas`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import CtnatError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["frame"]


def frame(rows: list[dict[str, Any]], index: list[str]) -> pd.DataFrame:
    """A DataFrame from plain rows, indexed by the given columns."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise CtnatError(
            "pandas is not installed",
            hint='install the extra: pip install "ctnat[pandas]"',
        ) from None
    df: pd.DataFrame = pd.DataFrame(rows)
    return df.set_index(index)
