"""Indicator sets as tables (the seed's per-category layout), HTML and pandas.

A category's table has one row per criterion and one column per cell of the
criterion: framework level 1, level 2 …, then operational level 1, level 2 ….
Cells can be marked (``marks={"1.3.F2": "needs improvement"}``), which is how
an assessment report shows the indicators identified for improvement.

```python
>>> from ctnat.indicators import builtin
>>> t = indicator_table(builtin("ct-nat-2016"), "3", marks={"3.5.O2": "needs improvement"})
>>> t.columns[:3], len(t.rows)
(('Criterion', 'Title', 'Level 1'), 5)
>>> t.rows[4][5].mark
'needs improvement'

```
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError
from .document import Document, Heading, Paragraph
from .extras import require_extra
from .render import escape_html, table_html
from .table import Cell, ColumnGroup, Table

if TYPE_CHECKING:  # pragma: no cover
    from ..indicators import IndicatorSet

__all__ = [
    "indicator_set_document",
    "indicator_set_frame",
    "indicator_set_html",
    "indicator_table",
]


def _levels(indicator_set: IndicatorSet, dimension: str) -> list[int]:
    found = {
        ind.level
        for ind in indicator_set.indicators(include_retired=True)
        if ind.dimension.value == dimension
    }
    return sorted(found) or [1, 2]


def indicator_table(
    indicator_set: IndicatorSet,
    category_id: str,
    *,
    marks: Mapping[str, str] = {},
    lang: str | None = None,
    include_retired: bool = False,
    notes: tuple[str, ...] = (),
    title: str | None = None,
) -> Table:
    """The indicator table of one category: criteria x (framework, operational) x levels.

    ``marks`` maps indicator ids to a mark shown on their cell; an id not in
    the set raises :class:`~ctnat.NotFoundError`. Retired indicators are left
    out unless ``include_retired`` (then they carry the mark ``retired``).
    """
    category = indicator_set.category(category_id)
    unknown = sorted(set(marks) - {i.id for i in indicator_set.indicators(include_retired=True)})
    if unknown:
        raise NotFoundError(
            f"cannot mark {', '.join(unknown)}: not in {indicator_set.id}@{indicator_set.version}",
            location=f"category {category_id} / marks",
        )
    framework = _levels(indicator_set, "framework")
    operational = _levels(indicator_set, "operational")
    rows = []
    for criterion in category.criteria:
        cells: list[Cell | str] = [criterion.id, criterion.label(lang)]
        for dimension, levels in (("framework", framework), ("operational", operational)):
            for level in levels:
                found = [
                    i
                    for i in criterion.indicators
                    if i.dimension.value == dimension and i.level == level
                ]
                ind = found[0] if found else None
                if ind is None or (ind.retired is not None and not include_retired):
                    cells.append(Cell())
                    continue
                mark = marks.get(ind.id) or ("retired" if ind.retired is not None else None)
                cells.append(Cell(value=ind.label(lang), mark=mark))
        rows.append(tuple(cells))
    level_names = [f"Level {lv}" for lv in framework] + [f"Level {lv}" for lv in operational]
    columns = ("Criterion", "Title", *level_names)
    return Table(
        title=title if title is not None else f"{category.id}. {category.label(lang)}",
        columns=columns,
        column_groups=(
            ColumnGroup(label="", span=2),
            ColumnGroup(label="Framework indicators", span=len(framework)),
            ColumnGroup(label="Operational indicators", span=len(operational)),
        ),
        rows=tuple(rows),
        notes=notes,
        row_header_columns=2,
    )


def indicator_set_document(indicator_set: IndicatorSet, *, lang: str | None = None) -> Document:
    """The whole set as a document: a table per category, with what it extends."""
    blocks: list[Any] = []
    about = (
        f"{indicator_set.id} version {indicator_set.version}: {len(indicator_set)} indicators "
        f"in {len(indicator_set.criteria())} criteria and {len(indicator_set.categories)} "
        "categories."
    )
    if indicator_set.extends is not None:
        about += (
            f" Extends {indicator_set.extends.id} version {indicator_set.extends.version} "
            f"with {len(indicator_set.changes)} recorded changes."
        )
    blocks.append(Paragraph(text=about, style="lead"))
    for category in indicator_set.categories:
        blocks.append(Heading(text=f"{category.id}. {category.label(lang)}"))
        blocks.append(indicator_table(indicator_set, category.id, lang=lang))
    title = indicator_set.title.get(lang or indicator_set.default_language) or next(
        iter(indicator_set.title.values())
    )
    return Document(title=title, blocks=tuple(blocks))


def indicator_set_html(indicator_set: IndicatorSet, *, lang: str | None = None) -> str:
    """An HTML fragment for Jupyter: the set's title, size and a table per category."""
    doc = indicator_set_document(indicator_set, lang=lang)
    parts = [f'<div class="ctnat-indicator-set"><h3>{escape_html(doc.title)}</h3>']
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{escape_html(block.text)}</p>")
        elif isinstance(block, Table):
            parts.append(table_html(block))
    parts.append("</div>")
    return "\n".join(parts)


def indicator_set_frame(
    indicator_set: IndicatorSet, *, lang: str | None = None, include_retired: bool = False
) -> Any:
    """A pandas DataFrame, one row per indicator (needs the ``pandas`` extra).

    Columns: id, category, criterion, dimension, level, text, retired.
    """
    require_extra("pandas", "pandas", "IndicatorSet.to_frame()")
    import pandas as pd

    records = [
        {
            "id": ind.id,
            "category": ind.category_id,
            "criterion": ind.criterion_id,
            "dimension": ind.dimension.value,
            "level": ind.level,
            "text": ind.label(lang),
            "retired": ind.retired is not None,
        }
        for ind in indicator_set.indicators(include_retired=include_retired)
    ]
    columns = ["id", "category", "criterion", "dimension", "level", "text", "retired"]
    return pd.DataFrame.from_records(records, columns=columns).set_index("id")
