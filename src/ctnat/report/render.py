"""Render a :class:`~ctnat.report.table.Table` to Markdown or HTML.

Every string that comes from a caller (titles, column names, cells, notes,
marks) is escaped: in HTML with :func:`html.escape`, in Markdown with backslash
escapes of the characters Markdown or embedded HTML would interpret, so a note
containing ``<script>`` is shown as text in both.

Marked cells carry a symbol (``*``, ``†``, ``‡`` …) explained in a legend under
the table; HTML also shades them. Meaning is never carried by colour alone.

```python
>>> from ctnat.report import Table, Cell
>>> t = Table(title="Q", columns=("Item", "n"),
...           rows=(("a <b>", Cell(value=1, mark="needs improvement")),),
...           notes=("Total survey respondents: n=7.",))
>>> print(table_markdown(t))
**Q**
<BLANKLINE>
| Item | n |
| --- | --- |
| a \\<b\\> | 1 \\* |
<BLANKLINE>
\\* needs improvement
<BLANKLINE>
Total survey respondents: n=7.

```
"""

from __future__ import annotations

import html
import re

from .table import Cell, Table

__all__ = [
    "escape_html",
    "escape_markdown",
    "mark_symbols",
    "table_html",
    "table_markdown",
]

_SYMBOLS = ("*", "†", "‡", "§", "¶")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def escape_html(text: str) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(text, quote=True)


def escape_markdown(text: str, *, inline: bool = True, line_start: bool = True) -> str:
    """Escape text so Markdown shows it literally (no emphasis, links, HTML or table breaks).

    With ``inline=True`` (table cells, headings) line breaks become spaces. With
    ``line_start=False`` (table cells, headings: places where no list can start)
    a leading ``-``, ``+``, ``=`` or ``1.`` is left alone.

    ```python
    >>> escape_markdown("<script>alert(1)</script> *x* | y")
    '\\\\<script\\\\>alert(1)\\\\</script\\\\> \\\\*x\\\\* \\\\| y'

    ```
    """
    if inline:
        text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    if not line_start:
        return text
    # A leading '-', '+' or '=' could start a list or underline a heading; '1.' or '1)' a list.
    text = re.sub(r"(?m)^(\s*)([-+=])", r"\1\\\2", text)
    return re.sub(r"(?m)^(\s*\d+)([.)])(?=\s|$)", r"\1\\\2", text)


def mark_symbols(table: Table) -> dict[str, str]:
    """The symbol each mark of ``table`` is shown with, in order of first appearance."""
    symbols: dict[str, str] = {}
    for i, mark in enumerate(table.marks()):
        base = _SYMBOLS[i % len(_SYMBOLS)]
        symbols[mark] = base * (i // len(_SYMBOLS) + 1)
    return symbols


# -- Markdown ------------------------------------------------------------------------------
def _md_cell(cell: Cell, symbols: dict[str, str]) -> str:
    text = escape_markdown(cell.text, line_start=False)
    if cell.mark is not None:
        sym = escape_markdown(symbols[cell.mark])
        text = f"{text} {sym}" if text else sym
    return text


def table_markdown(table: Table) -> str:
    """The table as a GitHub-flavoured Markdown table, with title, legend and notes.

    Column groups are folded into the column names ("Framework: Level 1").
    """
    symbols = mark_symbols(table)
    columns = list(table.columns)
    if table.column_groups:
        i = 0
        for group in table.column_groups:
            for j in range(i, i + group.span):
                if group.label and group.label != columns[j]:
                    columns[j] = f"{group.label}: {columns[j]}" if columns[j] else group.label
            i += group.span
    lines: list[str] = []
    if table.title:
        lines += [f"**{escape_markdown(table.title, line_start=False)}**", ""]
    lines.append("| " + " | ".join(escape_markdown(c, line_start=False) for c in columns) + " |")
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_md_cell(c, symbols) for c in row) + " |")
    for mark, sym in symbols.items():
        lines += ["", f"{escape_markdown(sym)} {escape_markdown(mark)}"]
    for note in table.notes:
        lines += ["", escape_markdown(note)]
    return "\n".join(lines)


# -- HTML ----------------------------------------------------------------------------------
def _html_cell(cell: Cell, symbols: dict[str, str], *, header: bool) -> str:
    tag = "th" if header else "td"
    attrs = ' scope="row"' if header else ""
    classes = []
    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        classes.append("num")
    body = escape_html(cell.text)
    if cell.mark is not None:
        classes += ["marked", f"mark-{list(symbols).index(cell.mark) % 5 + 1}"]
        attrs += f' data-mark="{escape_html(cell.mark)}" title="{escape_html(cell.mark)}"'
        body += f' <span class="mark-symbol">{escape_html(symbols[cell.mark])}</span>'
    if classes:
        attrs = f' class="{" ".join(classes)}"' + attrs
    return f"<{tag}{attrs}>{body}</{tag}>"


def table_html(table: Table) -> str:
    """The table as an HTML ``<figure>`` with ``<table>``, caption, legend and notes.

    Styling comes from classes (``ctnat-table``, ``marked``, ``num``); the page
    builder supplies the CSS. No inline script, no external reference.
    """
    symbols = mark_symbols(table)
    out = ['<figure class="ctnat-table">', "<table>"]
    if table.title:
        out.append(f"<caption>{escape_html(table.title)}</caption>")
    out.append("<thead>")
    if table.column_groups:
        cells = []
        for group in table.column_groups:
            span = f' colspan="{group.span}"' if group.span > 1 else ""
            cells.append(f'<th scope="colgroup"{span}>{escape_html(group.label)}</th>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append(
        "<tr>" + "".join(f'<th scope="col">{escape_html(c)}</th>' for c in table.columns) + "</tr>"
    )
    out.append("</thead>")
    out.append("<tbody>")
    for row in table.rows:
        cells = [
            _html_cell(cell, symbols, header=j < table.row_header_columns)
            for j, cell in enumerate(row)
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody>")
    out.append("</table>")
    if symbols or table.notes:
        out.append("<figcaption>")
        for k, (mark, sym) in enumerate(symbols.items()):
            out.append(
                f'<p class="legend"><span class="marked mark-{k % 5 + 1} mark-symbol">'
                f"{escape_html(sym)}</span> {escape_html(mark)}</p>"
            )
        out += [f'<p class="note">{escape_html(note)}</p>' for note in table.notes]
        out.append("</figcaption>")
    out.append("</figure>")
    return "\n".join(out)
