"""Word output: a Document written as .docx and read back with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ctnat.errors import ValidationError
from ctnat.report import (
    BulletList,
    Cell,
    ColumnGroup,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    document_docx,
    figure_png,
    heat_map,
    likert_bars,
    matplotlib_available,
    score_bars,
)

docx = pytest.importorskip("docx")

AGREE = ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sample() -> Document:
    survey = Table(
        title="Questions on investigation",
        columns=("Item", *AGREE),
        rows=(
            ("5.1.4. Investigations are adequate", None, 2, 3, 1, None),
            ("5.1.6. Training is adequate", None, 1, Cell(value=3, mark="count disputed"), 2, None),
        ),
        notes=("Total survey respondents: n=7.",),
        column_groups=(ColumnGroup(label="", span=1), ColumnGroup(label="Answers", span=5)),
    )
    return Document(
        title="Needs assessment <Azerbaijan>",
        blocks=(
            Paragraph(text="A one-screen summary.", style="lead"),
            Heading(text="1 Introduction"),
            Paragraph(text="Referral is slow (Aze 30, p. 31; NAP ¶9.1).", style="caveat"),
            BulletList(items=("first", "second")),
            Heading(text="1.1 Research context", level=2),
            Heading(text="2 Findings"),
            survey,
            likert_bars(["5.1.4", "5.1.6"], [[0, 2, 3, 1, 0], [0, 1, 3, 2, 0]], AGREE),
            Figure(caption="A figure built by hand", table=Table(columns=("a",), rows=((1,),))),
        ),
    )


def _read(doc: Document) -> object:
    return docx.Document(io.BytesIO(document_docx(doc)))


def test_headings_paragraphs_and_citations_read_back() -> None:
    out = _read(_sample())
    headings = [
        (p.style.name, p.text)
        for p in out.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings == [
        ("Title", "Needs assessment <Azerbaijan>"),
        ("Heading 1", "1 Introduction"),
        ("Heading 2", "1.1 Research context"),
        ("Heading 1", "2 Findings"),
    ]
    texts = [p.text for p in out.paragraphs]
    assert "Referral is slow (Aze 30, p. 31; NAP ¶9.1)." in texts
    assert [p.text for p in out.paragraphs if p.style.name == "List Bullet"] == ["first", "second"]
    # each top-level section after the first starts on a new page
    breaks = {
        p.text: p.paragraph_format.page_break_before
        for p in out.paragraphs
        if p.style.name == "Heading 1"
    }
    assert breaks == {"1 Introduction": None, "2 Findings": True}
    assert out.core_properties.author == ""
    assert out.core_properties.title == "Needs assessment <Azerbaijan>"


def test_tables_keep_cells_marks_legend_and_notes() -> None:
    out = _read(_sample())
    tables = out.tables
    # the survey table, and the hand-built figure's data table (it has no chart to draw)
    assert len(tables) == 2
    survey = tables[0]
    assert [c.text for c in survey.rows[1].cells] == ["Item", *AGREE]
    assert survey.rows[0].cells[1].text == "Answers"  # the column group spans five columns
    assert [c.text for c in survey.rows[3].cells] == [
        "5.1.6. Training is adequate",
        "",
        "1",
        "3 *",
        "2",
        "",
    ]
    texts = [p.text for p in out.paragraphs]
    assert "* count disputed" in texts
    assert "Total survey respondents: n=7." in texts
    for i, row in enumerate(survey.rows):
        props = row._tr.trPr
        assert props.find(f"{W_NS}cantSplit") is not None
        assert (props.find(f"{W_NS}tblHeader") is not None) == (i < 2)
    assert [c.text for c in tables[1].rows[1].cells] == ["1"]


@pytest.mark.skipif(not matplotlib_available(), reason="charts need the plot extra")
def test_charts_are_embedded_as_png_images() -> None:
    out = _read(_sample())
    images = [rel.target_part.blob for rel in out.part.rels.values() if "image" in rel.reltype]
    assert len(images) == 1
    assert images[0].startswith(b"\x89PNG")
    assert len(out.inline_shapes) == 1
    assert "Answers per item (respondents)" in [p.text for p in out.paragraphs]


@pytest.mark.skipif(not matplotlib_available(), reason="charts need the plot extra")
def test_every_chart_function_draws_again_as_png_after_a_json_round_trip() -> None:
    figures = [
        likert_bars(["a"], [[1, 2, 0, 0, 1]], AGREE),
        heat_map(["1.1", "1.2"], ["ARM", "AZE"], [[0.5, float("nan")], [1.0, 0.25]]),
        score_bars(["1", "2"], [0.5, float("nan")], [0.4, float("nan")], [0.6, float("nan")]),
    ]
    for fig in figures:
        again = Figure.model_validate_json(fig.model_dump_json())
        png = figure_png(again)
        assert png is not None
        assert png.startswith(b"\x89PNG"), fig.chart
    assert figure_png(likert_bars(["a"], [[1, 2, 0, 0, 1]], AGREE, svg=False)) is None


def test_save_picks_word_from_the_suffix(tmp_path: Path) -> None:
    path = _sample().save(tmp_path / "report.docx")
    assert path.read_bytes().startswith(b"PK")
    assert docx.Document(str(path)).paragraphs[0].text == "Needs assessment <Azerbaijan>"
    with pytest.raises(ValidationError, match=r"\.docx"):
        _sample().save(tmp_path / "report.pdf")
