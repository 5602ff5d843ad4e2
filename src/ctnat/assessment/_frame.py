"""An assessment's statuses as a pandas DataFrame (needs the ``pandas`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ._model import Assessment

__all__ = ["statuses_frame"]


def statuses_frame(a: Assessment, *, lang: str | None = None) -> pd.DataFrame:
    """One row per indicator: its place in the set, wording, status, evidence and note."""
    from .._citation import format_citations
    from .._frames import display_frame
    from ._resolve import indicator_set_of

    iset = indicator_set_of(a)
    iset.check_language(lang)
    rows: list[dict[str, Any]] = []
    for st in a.statuses:
        ind = iset.indicator(st.indicator)
        crit = iset.criterion(ind.criterion_id)
        cat = iset.category(ind.category_id)
        rows.append(
            {
                "indicator": st.indicator,
                "category": f"{cat.id} {cat.label(lang)}",
                "criterion": f"{crit.id} {crit.label(lang)}",
                "dimension": ind.dimension.value,
                "level": ind.level,
                "wording": ind.label(lang),
                "status": st.status.value,
                "evidence": format_citations(ev.model_dump() for ev in st.evidence),
                "note": st.note or "",
            }
        )
    return display_frame(rows, ["indicator"])
