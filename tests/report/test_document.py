"""Document: blocks to Markdown and to a self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import pytest
from _htmlparse import external_urls, read_page
from hypothesis import given
from hypothesis import strategies as st

from ctnat.errors import ValidationError
from ctnat.report import BulletList, Document, Figure, Heading, Paragraph, Table

EVIL = "<script>alert(1)</script><img src=http://evil.example/x.png>"


def _doc(text: str = EVIL) -> Document:
    table = Table(title=text, columns=("a", text), rows=((text, 1),), notes=(text,))
    return Document(
        title=text,
        blocks=(
            Heading(text=text),
            Paragraph(text=text, style="caveat"),
            BulletList(items=(text, "second")),
            table,
            Figure(caption=text, table=table),
        ),
    )


def test_page_is_self_contained_and_escapes_everything() -> None:
    html = _doc().to_html()
    page = read_page(html)
    assert "script" not in page.tags
    assert "img" not in page.tags
    assert external_urls(html) == []
    assert [u[2] for u in page.urls] == ["data:,"]  # the empty favicon, nothing else
    assert page.tags.count("style") == 1
    assert "link" in page.tags  # only the data: favicon
    assert "".join(page.text).count(EVIL) >= 7


def test_page_structure() -> None:
    html = _doc("Findings").to_html()
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    page = read_page(html)
    assert page.tags.count("h1") == 1
    assert page.tags.count("h2") == 1
    assert page.tags.count("table") == 2  # the table, and the figure's table without a chart


def test_markdown_layout() -> None:
    md = _doc("Findings").to_markdown()
    assert md.startswith("# Findings\n\n## Findings\n\nFindings\n\n- Findings\n- second\n\n")
    assert md.count("| a | Findings |") == 2
    assert md.endswith("Findings\n")


def test_figure_with_svg_shows_chart_and_data_table() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
    fig = Figure(caption="c", table=Table(columns=("x",)), svg=svg)
    html = Document(title="t", blocks=(fig,)).to_html()
    page = read_page(html)
    assert "svg" in page.tags
    assert "details" in page.tags
    assert external_urls(html) == []


@pytest.mark.parametrize(
    "svg",
    [
        "<svg><script>alert(1)</script></svg>",
        '<svg><a href="https://evil.example">x</a></svg>',
        '<svg><image href="//evil.example/i.png"/></svg>',
        '<svg onload="alert(1)"></svg>',
        "<svg><foreignObject><p>x</p></foreignObject></svg>",
        '<?xml version="1.0"?><svg></svg>',
    ],
)
def test_unsafe_svg_is_refused(svg: str) -> None:
    with pytest.raises(ValueError, match="svg|SVG"):
        Figure(caption="c", table=Table(columns=("x",)), svg=svg)


def test_document_round_trips_json() -> None:
    doc = _doc()
    assert Document.model_validate_json(doc.model_dump_json()) == doc


@given(st.text(max_size=30))
def test_any_title_is_escaped(title: str) -> None:
    page = read_page(Document(title=title).to_html())
    assert page.tags == [
        "html",
        "head",
        "meta",
        "meta",
        "link",
        "title",
        "style",
        "body",
        "main",
        "h1",
    ]


def test_save_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    doc = _doc("Findings")
    assert doc.save(tmp_path / "r.html").read_text(encoding="utf-8") == doc.to_html()
    assert doc.save(tmp_path / "r.md").read_text(encoding="utf-8") == doc.to_markdown()
    with pytest.raises(ValidationError, match="suffix '.pdf'") as info:
        doc.save(tmp_path / "r.pdf")
    assert info.value.file == str(tmp_path / "r.pdf")


def test_figure_and_document_display_in_jupyter() -> None:
    fig = Figure(caption="c <x>", table=Table(columns=("x",), rows=(("1",),)))
    page = read_page(fig._repr_html_())
    assert page.tags.count("table") == 1
    assert "c <x>" in "".join(page.text)
    assert read_page(_doc()._repr_html_()).tags.count("h1") == 1
