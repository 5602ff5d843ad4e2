"""A report as data: a titled sequence of blocks, rendered to Markdown or to one HTML page.

Blocks are headings, paragraphs, bullet lists, tables and figures. A
:class:`Figure` holds an SVG chart (when the ``plot`` extra is installed) and
always the table of the numbers behind it: HTML shows the chart (with the table
in a collapsed ``<details>``), or the table alone when there is no chart;
Markdown shows the table.

The HTML page is self-contained: styles are inline, charts are inline SVG, and
nothing refers to an external URL, so it opens offline and fetches nothing.

```python
>>> doc = Document(title="Demo <1>", blocks=(Heading(text="Findings"), Paragraph(text="a & b")))
>>> print(doc.to_markdown())
# Demo \\<1\\>
<BLANKLINE>
## Findings
<BLANKLINE>
a & b
<BLANKLINE>
>>> "<title>Demo &lt;1&gt;</title>" in doc.to_html()
True

```
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .render import escape_html, escape_markdown, table_html, table_markdown
from .table import Table

__all__ = [
    "Block",
    "BulletList",
    "ChartSpec",
    "Document",
    "Figure",
    "Heading",
    "Paragraph",
    "page_css",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Heading(_Frozen):
    """A section heading; level 1 is the highest level below the document title."""

    kind: Literal["heading"] = "heading"
    text: str
    level: int = Field(default=1, ge=1, le=5)


class Paragraph(_Frozen):
    """A paragraph of plain text (escaped; no markup is interpreted)."""

    kind: Literal["paragraph"] = "paragraph"
    text: str
    #: A CSS class hint for HTML ("caveat", "lead"); Markdown ignores it.
    style: Literal["", "caveat", "lead", "muted"] = ""


class BulletList(_Frozen):
    """A bulleted list of plain-text items."""

    kind: Literal["bullets"] = "bullets"
    items: tuple[str, ...]


_UNSAFE_SVG = re.compile(
    r"<\s*(script|foreignObject|iframe|image|use\b[^>]*href\s*=\s*[\"'](?!#))"
    r"|javascript:|\b(href|src)\s*=\s*[\"']\s*(https?:|//|data:)"
    r"|\bon[a-z]+\s*=",
    re.IGNORECASE,
)


class ChartSpec(_Frozen):
    """How a chart was drawn: the chart function's name and its arguments (JSON values).

    It lets a renderer draw the same chart again in another format (the Word
    document embeds PNG images, see :func:`ctnat.report.charts.figure_png`).
    """

    kind: str = Field(min_length=1)
    args: dict[str, Any] = Field(default_factory=dict)


class Figure(_Frozen):
    """A chart: inline SVG (or None without the ``plot`` extra) and the table of its data."""

    kind: Literal["figure"] = "figure"
    caption: str
    table: Table
    svg: str | None = None
    #: The chart function and arguments that drew it (None for a figure built by hand).
    chart: ChartSpec | None = None

    @field_validator("svg")
    @classmethod
    def _safe_svg(cls, svg: str | None) -> str | None:
        if svg is None:
            return None
        if not svg.lstrip().startswith("<svg"):
            raise ValueError("an inline chart must be an <svg> element (no XML prolog)")
        bad = _UNSAFE_SVG.search(svg)
        if bad:
            raise ValueError(
                f"the SVG contains {bad.group(0)!r}: scripts, event handlers, "
                "foreign objects and external references are not allowed"
            )
        return svg

    def _repr_html_(self) -> str:
        return _figure_html(self)


Block = Heading | Paragraph | BulletList | Table | Figure


_CSS = """
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #c9ced8;
  --mark: #d8f0d2; --mark-ink: #1f5f16; --caveat: #fff4d6; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; border-bottom: 2px solid var(--ink); padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin-top: 1.6rem; } h4, h5, h6 { font-size: 1rem; }
p.lead { font-size: 1.05rem; } p.muted { color: var(--muted); }
p.caveat { background: var(--caveat); border-left: 4px solid #d9a400; padding: .4rem .7rem; }
figure { margin: 1.2rem 0; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top; text-align: left; }
thead th { background: #eef1f6; }
tbody th { font-weight: 600; background: #fafbfc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.marked { background: var(--mark); }
.mark-2 { background: #e4e4e4; } .mark-3 { background: #fde0c5; }
.mark-4 { background: #dcd3f0; } .mark-5 { background: #d2e9f7; }
.mark-symbol { color: var(--mark-ink); font-weight: 700; }
figcaption { font-size: .85rem; color: var(--muted); }
figcaption p { margin: .2rem 0; }
figure.chart svg { max-width: 100%; height: auto; }
details { margin-top: .4rem; } summary { cursor: pointer; color: var(--muted); }
@media print { details { display: none; } body { max-width: none; } }
"""


def page_css() -> str:
    """The inline stylesheet of every ctnat HTML page."""
    return _CSS.strip()


def _figure_html(fig: Figure) -> str:
    if fig.svg is None:
        inner = table_html(fig.table)
        return (
            f'<figure class="chart chart-table">\n{inner}\n'
            f"<figcaption>{escape_html(fig.caption)}</figcaption>\n</figure>"
        )
    return (
        f'<figure class="chart" role="group" aria-label="{escape_html(fig.caption)}">\n'
        f"{fig.svg}\n<figcaption>{escape_html(fig.caption)}</figcaption>\n"
        f"<details><summary>Data table</summary>\n{table_html(fig.table)}\n</details>\n"
        "</figure>"
    )


def _block_html(block: Block) -> str:
    if isinstance(block, Heading):
        level = block.level + 1
        return f"<h{level}>{escape_html(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        cls = f' class="{block.style}"' if block.style else ""
        return f"<p{cls}>{escape_html(block.text)}</p>"
    if isinstance(block, BulletList):
        items = "".join(f"<li>{escape_html(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Table):
        return table_html(block)
    return _figure_html(block)


def _block_markdown(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * (block.level + 1) + " " + escape_markdown(block.text, line_start=False)
    if isinstance(block, Paragraph):
        return escape_markdown(block.text, inline=False)
    if isinstance(block, BulletList):
        return "\n".join(f"- {escape_markdown(item)}" for item in block.items)
    if isinstance(block, Table):
        return table_markdown(block)
    return f"*{escape_markdown(block.caption)}*\n\n{table_markdown(block.table)}"


class Document(_Frozen):
    """A titled report: blocks in reading order, rendered by :meth:`to_html` or :meth:`to_markdown`."""

    title: str
    blocks: tuple[Block, ...] = ()
    language: str = Field(default="en", pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

    def to_markdown(self) -> str:
        """The document as Markdown (charts as their data tables)."""
        parts = [f"# {escape_markdown(self.title, line_start=False)}"]
        parts += [_block_markdown(block) for block in self.blocks]
        return "\n\n".join(parts) + "\n"

    def to_html(self) -> str:
        """The document as one self-contained HTML page (inline CSS and SVG, no URLs)."""
        body = "\n".join(_block_html(block) for block in self.blocks)
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{escape_html(self.language)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="icon" href="data:,">\n'
            f"<title>{escape_html(self.title)}</title>\n"
            f"<style>\n{page_css()}\n</style>\n</head>\n<body>\n<main>\n"
            f"<h1>{escape_html(self.title)}</h1>\n{body}\n</main>\n</body>\n</html>\n"
        )

    def to_docx(self) -> bytes:
        """The document as a Word file's bytes (needs ``pip install "ctnat[docx]"``)."""
        from .word import document_docx

        return document_docx(self)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the document to ``path``: HTML for ``.html``/``.htm``, Markdown for ``.md``,
        Word for ``.docx`` (needs the ``docx`` extra)."""
        from ..errors import ValidationError

        target = Path(path)
        suffix = target.suffix.lower()
        if suffix == ".docx":
            from .word import write_docx

            return write_docx(self, target)
        if suffix in {".html", ".htm"}:
            text = self.to_html()
        elif suffix in {".md", ".markdown"}:
            text = self.to_markdown()
        else:
            raise ValidationError(
                f"cannot tell the format from the suffix {suffix or '(none)'!r}",
                file=str(target),
                hint="name the file .html, .md or .docx",
            )
        target.write_text(text, encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        body = "\n".join(_block_html(block) for block in self.blocks)
        return f'<div class="ctnat-report"><h1>{escape_html(self.title)}</h1>\n{body}</div>'
