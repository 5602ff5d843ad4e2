"""User text in charts is escaped, never refused; markup that would run script still is."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from _htmlparse import external_urls, read_page
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError as PydanticValidationError

from ctnat.report import Document
from ctnat.report.charts import heat_map, likert_bars, matplotlib_available, score_bars
from ctnat.report.document import Figure
from ctnat.report.table import Table

pytestmark = pytest.mark.skipif(not matplotlib_available(), reason="the plot extra is absent")

AGREE = ("Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree")
COUNTS = ((0, 2, 3, 1, 0), (0, 1, 3, 2, 0), (1, 1, 1, 1, 1))
# ordinary text that used to kill the HTML report (pydantic ValidationError from the
# SVG check): an "on…=" or a "javascript:" anywhere in an item, option or title
TRICKY = (
    "only = 1 respondent",
    "see javascript: links",
    'onload="alert(1)" href="http://e.x"',
)
SVG = "{http://www.w3.org/2000/svg}"


def drawn_text(svg: str) -> list[str]:
    """What the chart's text elements say, as a browser decodes them."""
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_tricky_item_and_option_labels_draw_as_written() -> None:
    options = ("on = yes", "Agree", "Neither", "javascript:no", "Strongly disagree")
    fig = likert_bars(TRICKY, COUNTS, options, title="onclick = title")
    assert fig.svg is not None
    text = drawn_text(fig.svg)
    for label in (*TRICKY, "on = yes", "javascript:no", "onclick = title"):
        assert label in text
    assert "javascript:" not in fig.svg
    assert "<!--" not in fig.svg
    html = Document(title="report", blocks=(fig,)).to_html()
    assert read_page(html).tags.count("svg") == 1
    assert external_urls(html) == []


def test_heat_map_and_score_bars_take_tricky_names() -> None:
    figs = [
        heat_map(["only = 1", "1.2"], ["javascript:x", "AZE"], [[0.5, 0.1], [1.0, 0.0]]),
        score_bars(["onload = 2", "2"], [0.5, 0.2], [0.4, 0.1], [0.6, 0.3]),
    ]
    html = Document(title="charts", blocks=tuple(figs)).to_html()
    assert read_page(html).tags.count("svg") == 2


@settings(max_examples=8, deadline=None)
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
        min_size=3,
        max_size=3,
    )
)
def test_no_ordinary_text_makes_a_chart_fail(labels: list[str]) -> None:
    fig = likert_bars(labels, COUNTS, AGREE, title=labels[0])
    assert fig.svg is not None
    Document(title=labels[1], blocks=(fig,)).to_html()
    assert "script" not in read_page(fig.svg).tags


@pytest.mark.parametrize(
    "svg",
    [
        '<svg onload="alert(1)"></svg>',
        "<svg><script>alert(1)</script></svg>",
        '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
        '<svg><image href="http://e.x/a.png"/></svg>',
        "<svg><foreignObject><p>x</p></foreignObject></svg>",
    ],
)
def test_markup_that_would_run_script_is_still_refused(svg: str) -> None:
    with pytest.raises(PydanticValidationError):
        Figure(caption="c", table=Table(title="t", columns=("a",)), svg=svg)
