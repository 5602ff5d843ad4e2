"""A :class:`~ctnat.report.Document` as a Word file (``.docx``), for offices that finish
their reports in Word.

Needs the ``docx`` extra (``pip install "ctnat[docx]"``, python-docx). Headings
become Word headings (so Word's navigation pane and table of contents work), each
top-level section starts on a new page, tables are Word tables whose header rows
repeat on every page and whose rows never split across pages, marked cells keep
their symbol and legend (and a shade), charts are PNG images drawn again from
the chart's data (:func:`~ctnat.report.charts.figure_png`) with the data table
when no chart can be drawn, and citations stay in the text as written
(``Aze 30, p. 31``).

The file carries no author or last-modified-by name.

```python
>>> import io
>>> from ctnat.report import Document, Heading, Paragraph
>>> data = document_docx(Document(title="T", blocks=(Heading(text="1 Findings"),
...                                                  Paragraph(text="Aze 30, p. 31"))))
>>> import docx
>>> [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
['T', '1 Findings', 'Aze 30, p. 31']

```
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from .charts import figure_png
from .document import Block, BulletList, Document, Figure, Heading, Paragraph
from .extras import require_extra
from .render import mark_symbols
from .table import Cell, Table

__all__ = ["document_docx", "write_docx"]

#: Shades of marked cells (the HTML page's, without the colour carrying the meaning).
_MARK_FILLS = ("D8F0D2", "E4E4E4", "FDE0C5", "DCD3F0", "D2E9F7")
_HEADER_FILL = "EEF1F6"
_CAVEAT_FILL = "FFF4D6"
_MUTED = (0x5B, 0x64, 0x75)
#: Width of a chart image on the page, in inches (A4 and Letter with default margins).
CHART_WIDTH_INCHES = 6.2


def _docx(file: str | None = None) -> Any:
    return require_extra("docx", "docx", "Word output", file=file)


def _shade(element: Any, fill: str) -> None:
    """Give a cell's or paragraph's properties element a solid background."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    element.append(shd)


def _row_flags(row: Any, *, header: bool) -> None:
    """Rows never split across pages; header rows repeat on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        tr_pr.append(flag)


def _set_cell(cell: Any, text: str, *, bold: bool = False, fill: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if fill is not None:
        _shade(cell._tc.get_or_add_tcPr(), fill)


def _add_table(out: Any, table: Table) -> None:
    if table.title:
        out.add_paragraph(table.title, style="Caption")
    symbols = mark_symbols(table)
    order = list(symbols)
    width = len(table.columns)
    groups = 1 if table.column_groups else 0
    grid = out.add_table(rows=groups + 1 + len(table.rows), cols=width)
    grid.style = "Table Grid"
    if table.column_groups:
        start = 0
        for group in table.column_groups:
            first = grid.cell(0, start)
            if group.span > 1:
                first = first.merge(grid.cell(0, start + group.span - 1))
            _set_cell(first, group.label, bold=True, fill=_HEADER_FILL)
            start += group.span
    for j, name in enumerate(table.columns):
        _set_cell(grid.cell(groups, j), name, bold=True, fill=_HEADER_FILL)
    for i in range(groups + 1):
        _row_flags(grid.rows[i], header=True)
    for i, row in enumerate(table.rows):
        r = groups + 1 + i
        _row_flags(grid.rows[r], header=False)
        for j, cell in enumerate(row):
            _set_cell(
                grid.cell(r, j),
                _cell_text(cell, symbols),
                bold=j < table.row_header_columns,
                fill=None if cell.mark is None else _MARK_FILLS[order.index(cell.mark) % 5],
            )
    for mark, symbol in symbols.items():
        out.add_paragraph(f"{symbol} {mark}", style="Caption")
    for note in table.notes:
        out.add_paragraph(note, style="Caption")


def _cell_text(cell: Cell, symbols: dict[str, str]) -> str:
    if cell.mark is None:
        return cell.text
    return f"{cell.text} {symbols[cell.mark]}" if cell.text else symbols[cell.mark]


def _add_figure(out: Any, figure: Figure) -> None:
    from docx.shared import Inches

    png = figure_png(figure)
    if png is None:
        _add_table(out, figure.table)
    else:
        out.add_picture(io.BytesIO(png), width=Inches(CHART_WIDTH_INCHES))
    out.add_paragraph(figure.caption, style="Caption")


def _add_paragraph(out: Any, block: Paragraph) -> None:
    from docx.shared import Pt, RGBColor

    paragraph = out.add_paragraph()
    run = paragraph.add_run(block.text)
    if block.style == "lead":
        run.font.size = Pt(12)
    elif block.style == "muted":
        run.font.color.rgb = RGBColor(*_MUTED)
    elif block.style == "caveat":
        _shade(paragraph._p.get_or_add_pPr(), _CAVEAT_FILL)


def _add_block(out: Any, block: Block, *, first_section: bool) -> None:
    if isinstance(block, Heading):
        heading = out.add_heading(block.text, level=min(block.level, 9))
        if block.level == 1 and not first_section:
            heading.paragraph_format.page_break_before = True
    elif isinstance(block, Paragraph):
        _add_paragraph(out, block)
    elif isinstance(block, BulletList):
        for item in block.items:
            out.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Table):
        _add_table(out, block)
    else:
        _add_figure(out, block)


def document_docx(document: Document, *, file: str | None = None) -> bytes:
    """``document`` as the bytes of a ``.docx`` file (needs ``pip install "ctnat[docx]"``).

    ``file`` is only used to name the file in the error when python-docx is missing.
    """
    docx = _docx(file)
    out = docx.Document()
    props = out.core_properties
    props.title = document.title
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.language = document.language
    out.add_heading(document.title, level=0)
    seen_section = False
    for block in document.blocks:
        _add_block(out, block, first_section=not seen_section)
        if isinstance(block, Heading) and block.level == 1:
            seen_section = True
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def write_docx(document: Document, path: str | os.PathLike[str]) -> Path:
    """Write ``document`` to ``path`` as a Word file; return the path."""
    target = Path(path)
    target.write_bytes(document_docx(document, file=str(target)))
    return target
