"""HTML display of an assessment in a notebook: the status grid of the seed's indicator tables."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._model import Assessment

__all__ = ["assessment_html"]

_ID = re.compile(r"^(\d+\.\d+)\.([FO])(\d+)$")
_MARK = {
    "met": "met",
    "partly_met": "partly met",
    "not_met": "not met",
    "unknown": "?",
    "not_applicable": "n/a",
}


def assessment_html(a: Assessment) -> str:
    """A table: one row per criterion, one column per dimension and level."""
    grid: dict[str, dict[tuple[str, int], str]] = {}
    for st in a.statuses:
        m = _ID.match(st.indicator)
        if m is None:  # pragma: no cover - ids are validated
            continue
        grid.setdefault(m[1], {})[(m[2], int(m[3]))] = st.status.value
    cells = sorted({k for row in grid.values() for k in row}, key=lambda k: (k[0], k[1]))
    head = "<tr><th>criterion</th>" + "".join(f"<th>{d}{lvl}</th>" for d, lvl in cells) + "</tr>"
    rows = "".join(
        f"<tr><td>{escape(crit)}</td>"
        + "".join(f"<td>{_MARK.get(grid[crit].get(c, ''), '')}</td>" for c in cells)
        + "</tr>"
        for crit in sorted(grid, key=lambda c: tuple(int(x) for x in c.split(".")))
    )
    caption = escape(
        f"{a.country} {a.round.isoformat()} - {a.provenance.kind.value}"
        + (f": {a.title}" if a.title else "")
    )
    from .._html import inline_styles

    warning = _provenance_warning(a)
    return inline_styles(f"{warning}<table><caption>{caption}</caption>{head}{rows}</table>")


def _provenance_warning(a: Assessment) -> str:
    """The box a reader must not miss: synthetic data, or a reading of someone's report."""
    kind = a.provenance.kind.value
    if kind == "synthetic":
        text = "SYNTHETIC example data: generated statuses, not real findings."
    elif kind == "reading":
        text = "A reading of a published report, not the report's own marks."
    else:
        return ""
    if a.provenance.source:
        text += f" Source: {a.provenance.source}."
    return f'<p class="caveat">{escape(text)}</p>'
