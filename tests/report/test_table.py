"""Table: shape validation, marks, Markdown and HTML rendering with escaping."""

from __future__ import annotations

import doctest
import json
import re

import pytest
from _htmlparse import read_page
from hypothesis import given
from hypothesis import strategies as st

import ctnat.report.document
import ctnat.report.export
import ctnat.report.render
import ctnat.report.table
from ctnat.errors import ValidationError
from ctnat.report import Cell, ColumnGroup, Table, escape_markdown, table_html, table_markdown

SEED_TABLE = Table(
    title="Questions on investigation",
    columns=("Item", "Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"),
    rows=(
        ("5.1.4. Investigations are adequate and effective", None, 2, 3, 1, None),
        (
            "5.1.6. Training for law enforcers is adequate",
            None,
            1,
            3,
            Cell(value=2, mark="x"),
            None,
        ),
    ),
    notes=(
        "Total survey respondents: n=7.",
        "Total survey respondents to these questions: n=6.",
    ),
)


@pytest.mark.parametrize(
    "module",
    [ctnat.report.table, ctnat.report.render, ctnat.report.export, ctnat.report.document],
)
def test_module_examples_run(module: object) -> None:
    result = doctest.testmod(module, raise_on_error=False)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0


def test_plain_values_become_cells() -> None:
    row = SEED_TABLE.rows[0]
    assert all(isinstance(c, Cell) for c in row)
    assert [c.text for c in row] == [
        "5.1.4. Investigations are adequate and effective",
        "",
        "2",
        "3",
        "1",
        "",
    ]


def test_nan_shows_as_unknown() -> None:
    assert Cell(value=float("nan")).text == "unknown"
    assert Cell(value=0.25).text == "0.25"


def test_row_of_wrong_width_is_rejected_with_its_place() -> None:
    with pytest.raises(ValidationError) as info:
        Table(title="T", columns=("a", "b"), rows=(("1", "2"), ("only one",)))
    assert info.value.location == "table 'T' / rows[1]"
    assert "1 cells; the table has 2 columns" in info.value.reason


def test_column_groups_must_cover_the_columns() -> None:
    with pytest.raises(ValidationError, match="span 3 columns; the table has 2"):
        Table(columns=("a", "b"), column_groups=(ColumnGroup(label="g", span=3),))


def test_table_is_frozen_and_round_trips_json() -> None:
    with pytest.raises(Exception, match="frozen"):
        SEED_TABLE.title = "other"  # type: ignore[misc]
    again = Table.model_validate_json(SEED_TABLE.model_dump_json())
    assert again == SEED_TABLE
    schema = Table.model_json_schema()
    assert "columns" in schema["properties"]
    json.dumps(schema)


def test_marks_are_listed_in_order_of_first_use() -> None:
    t = Table(
        columns=("a", "b"),
        rows=(
            (Cell(value="x", mark="second?"), Cell(value="y", mark="first")),
            (Cell(value="z", mark="first"), "w"),
        ),
    )
    assert t.marks() == ("second?", "first")


def test_markdown_has_counts_notes_and_legend() -> None:
    md = table_markdown(SEED_TABLE)
    lines = md.splitlines()
    assert lines[0] == "**Questions on investigation**"
    assert "| 5.1.4. Investigations are adequate and effective |  | 2 | 3 | 1 |  |" in lines
    row = next(line for line in lines if "Training" in line)
    assert row.split(" | ")[4] == "2 \\*"
    assert "\\* x" in lines
    assert lines[-1] == "Total survey respondents to these questions: n=6."


def test_html_has_caption_cells_notes_and_mark() -> None:
    page = read_page(table_html(SEED_TABLE))
    assert page.cells[:6] == list(SEED_TABLE.columns)
    assert page.cells[6:12] == [
        "5.1.4. Investigations are adequate and effective",
        "",
        "2",
        "3",
        "1",
        "",
    ]
    assert page.notes == list(SEED_TABLE.notes)
    html = table_html(SEED_TABLE)
    assert re.search(r'<td class="num marked mark-1" data-mark="x"[^>]*>2 <span', html)


def test_script_in_a_note_is_text_in_html_and_markdown() -> None:
    evil = '<script>alert("x")</script>'
    t = Table(title=evil, columns=(evil,), rows=((evil,),), notes=(evil,))
    html = table_html(t)
    page = read_page(html)
    assert "script" not in page.tags
    assert page.notes == [evil]
    assert page.cells == [evil, evil]
    assert "<script" not in table_markdown(t).replace("\\<script", "")


def test_column_groups_render_as_spanning_headers() -> None:
    t = Table(
        columns=("", "Criterion", "Level 1", "Level 2", "Level 1", "Level 2"),
        column_groups=(
            ColumnGroup(label="", span=2),
            ColumnGroup(label="Framework", span=2),
            ColumnGroup(label="Operational", span=2),
        ),
        rows=(("3.1", "Criminalization", "a", "b", "c", "d"),),
        row_header_columns=2,
    )
    html = table_html(t)
    assert '<th scope="colgroup" colspan="2">Framework</th>' in html
    assert '<th scope="row">3.1</th>' in html
    header = table_markdown(t).splitlines()[0]
    assert header == (
        "|  | Criterion | Framework: Level 1 | Framework: Level 2 | "
        "Operational: Level 1 | Operational: Level 2 |"
    )


# -- properties ---------------------------------------------------------------------------
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'|*_`[]#\\\n"),
    max_size=40,
)


@given(texts, texts)
def test_html_cell_text_survives_escaping(cell: str, note: str) -> None:
    t = Table(columns=("c",), rows=((cell,),), notes=(note,))
    page = read_page(table_html(t))
    assert page.cells == ["c", cell.strip()]
    assert page.notes == [note]
    assert set(page.tags) <= {
        "figure",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figcaption",
        "p",
    }


_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@given(texts)
def test_markdown_escape_is_reversible_and_leaves_nothing_active(text: str) -> None:
    escaped = escape_markdown(text)
    assert _UNESCAPE.sub(r"\1", escaped) == " ".join(text.split())
    # every special character is preceded by a backslash
    stripped = _UNESCAPE.sub("", escaped)
    assert not set(stripped) & set("<>|*_`[]#")


def test_to_frame_keeps_values_marks_and_notes() -> None:
    pytest.importorskip("pandas")
    t = Table(
        columns=("Level 1", "Level 1"),
        rows=((1, Cell(value="x", mark="needs improvement")),),
        notes=("n=7",),
    )
    frame = t.to_frame()
    assert list(frame.columns) == ["Level 1", "Level 1 (2)"]
    assert frame.iloc[0, 0] == 1
    assert frame.attrs["marks"] == {(0, "Level 1 (2)"): "needs improvement"}
    assert frame.attrs["notes"] == ["n=7"]


def test_table_to_frame_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from ctnat.report import MissingExtraError

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"ctnat\[pandas\]"):
        SEED_TABLE.to_frame()
