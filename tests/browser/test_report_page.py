"""Open pages ctnat writes in a real headless browser: tables, charts, no network, no errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ctnat.indicators import builtin
from ctnat.report import (
    Cell,
    Document,
    Heading,
    Paragraph,
    Table,
    heat_map,
    indicator_table,
    likert_bars,
    matplotlib_available,
    score_bars,
)

AGREE = ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")
EVIL = '<script>alert("x")</script><img src="http://127.0.0.1:9/tracker.png">'


def _sample_page(tmp_path: Path) -> Path:
    # Counts from seed 003, section 2.3 (Azerbaijan survey: 7 respondents, 6 answered).
    survey = Table(
        title="Questions on investigation",
        columns=("Item", *AGREE),
        rows=(
            ("5.1.4. Investigations are adequate and effective", None, 2, 3, 1, None),
            ("5.1.6. Training for law enforcers is adequate", None, 1, 3, 2, None),
        ),
        notes=("Total survey respondents: n=7.", EVIL),
    )
    doc = Document(
        title="Browser check",
        blocks=(
            Heading(text="Survey"),
            survey,
            likert_bars(
                [r[0].text for r in survey.rows], [[0, 2, 3, 1, 0], [0, 1, 3, 2, 0]], AGREE
            ),
            Heading(text="Indicators"),
            indicator_table(builtin("ct-nat-2016"), "3", marks={"3.5.O2": "needs improvement"}),
            Paragraph(text=EVIL),
            heat_map(["3.1", "3.2"], ["ARM", "AZE", "GEO"], [[0.5, np.nan, 1], [0, 0.25, 0.75]]),
            score_bars(
                ["3"],
                [[0.5], [0.3], [0.6]],
                [[0.4], [0.2], [0.5]],
                [[0.6], [0.4], [0.7]],
                series=["ARM", "AZE", "GEO"],
            ),
            Table(columns=("x",), rows=((Cell(value=EVIL, mark="<b>mark</b>"),),)),
        ),
    )
    path = tmp_path / "page.html"
    path.write_text(doc.to_html(), encoding="utf-8")
    return path


def test_sample_page_renders_offline(visit: Any, tmp_path: Path, screenshot_dir: Path) -> None:
    seen = visit(_sample_page(tmp_path))
    page = seen.page
    shot = screenshot_dir / "sample-page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000

    assert seen.offsite_requests() == []
    assert seen.errors == []
    assert seen.dialogs == []
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("p.note").nth(1).inner_text() == EVIL
    assert page.locator("table").count() >= 3
    assert page.locator("[data-mark]").count() == 2
    assert page.locator("[data-mark]").nth(1).inner_text().startswith(EVIL)
    charts = page.locator("figure.chart svg")
    if matplotlib_available():
        assert charts.count() == 3
        for i in range(3):
            box = charts.nth(i).bounding_box()
            assert box is not None
            assert box["width"] > 300
            assert box["height"] > 100
    else:
        assert charts.count() == 0
        assert page.locator("figure.chart-table table").count() == 3


def test_the_check_does_see_a_network_request(visit: Any, tmp_path: Path) -> None:
    """The request listener is live: a page that fetches something is caught."""
    path = tmp_path / "leaky.html"
    path.write_text(
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body>'
        '<img src="http://127.0.0.1:9/pixel.png" alt=""></body></html>',
        encoding="utf-8",
    )
    seen = visit(path)
    assert seen.offsite_requests() == ["http://127.0.0.1:9/pixel.png"]


def test_assessment_report_renders_offline(
    visit: Any, tmp_path: Path, screenshot_dir: Path
) -> None:
    """A whole assessment report (from a stand-in with the assessment's shape)."""
    import datetime as dt
    from types import SimpleNamespace as NS

    from ctnat.report import render_assessment

    items = tuple(
        NS(
            item=code,
            text=f"Statement {code}",
            scale=AGREE,
            counts=tuple(NS(option=o, count=c) for o, c in zip(AGREE, counts, strict=True)),
            item_respondents=sum(counts),
            block_respondents=6,
            survey_respondents=7,
            section="2.3",
            problems=(),
            note=None,
        )
        for code, counts in (("5.1.4", (0, 2, 3, 1, 0)), ("5.1.6", (0, 1, 3, 2, 0)))
    )
    assessment = NS(
        country="AZE",
        round=dt.date(2016, 4, 25),
        title=None,
        indicator_set=NS(id="ct-nat-2016", version="2016"),
        provenance=NS(kind="synthetic", source=None, note=EVIL),
        bibliography=(NS(code="Aze 30", title=EVIL, author=None),),
        interviews=None,
        survey=NS(respondents=7, female=1, male=None, note=None, items=items),
        priorities=NS(
            item="8.1",
            rows=(NS(option="J", text=EVIL, survey=3, workshop=3),),
            survey_respondents=7,
            workshop_groups=3,
            note=None,
        ),
        validation_comments=(),
        recommendations=(),
        statuses=(NS(indicator="3.5.O2", status="not_met", note=EVIL, evidence=()),),
        notices=(),
    )
    path = tmp_path / "assessment.html"
    path.write_text(
        render_assessment(assessment, indicator_set=builtin("ct-nat-2016")), encoding="utf-8"
    )
    seen = visit(path)
    page = seen.page
    page.screenshot(path=str(screenshot_dir / "assessment-report.png"), full_page=True)
    assert seen.offsite_requests() == []
    assert seen.errors == []
    assert seen.dialogs == []
    assert page.locator("script, img, iframe").count() == 0
    assert page.locator("main > h2").all_inner_texts() == [
        "Summary",
        "1. Introduction",
        "2. Findings",
        "3. Recommendations",
        "Annexes",
    ]
    assert page.locator("table").count() >= 7
    assert page.get_by_text(EVIL).count() >= 3
    # the indicator cell, its evidence row and its Annex E row
    assert page.locator('[data-mark^="potential improvement, from the status"]').count() == 3
    if matplotlib_available():
        assert page.locator("figure.chart svg").count() == 1


def test_demo_reports_render_offline(visit: Any, tmp_path: Path, screenshot_dir: Path) -> None:
    """What ``ctnat demo`` writes: the three-country comparison and the Azerbaijan report."""
    from ctnat.cli import main

    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--quiet"]) == 0
    comparison, aze = out / "ctnat-demo-comparison.html", out / "ctnat-demo-AZE.html"
    for path, charts in ((comparison, 2), (aze, 5)):
        seen = visit(path)
        page = seen.page
        page.screenshot(path=str(screenshot_dir / path.with_suffix(".png").name), full_page=True)
        assert seen.offsite_requests() == []
        assert seen.errors == []
        assert page.locator("script, img, iframe").count() == 0
        assert page.locator("table").count() >= 4
        visible = page.locator("table:visible").first.bounding_box()
        assert visible is not None
        assert visible["width"] > 100
        svgs = page.locator("figure.chart svg")
        if matplotlib_available():
            assert svgs.count() >= charts
            box = svgs.first.bounding_box()
            assert box is not None
            assert box["width"] > 300
        else:
            assert svgs.count() == 0
    assert page.get_by_text("Total survey respondents: n=7.").count() >= 5


def test_country_report_sections_and_print_stylesheet(
    visit: Any, tmp_path: Path, screenshot_dir: Path
) -> None:
    """The Azerbaijan report: summary first, the seed's sections, and a print layout with a
    page break before each section and table rows that never split."""
    from ctnat import examples
    from ctnat.report import assessment_document

    path = tmp_path / "aze.html"
    assessment_document(examples.azerbaijan()).save(path)
    seen = visit(path)
    page = seen.page
    assert seen.errors == []
    assert seen.offsite_requests() == []
    sections = page.locator("main > h2").all_inner_texts()
    assert sections == [
        "Summary",
        "1. Introduction",
        "2. Findings",
        "3. Recommendations",
        "Annexes",
    ]
    subsections = page.locator("main > h3").all_inner_texts()
    assert subsections[:3] == ["1.1 Research context", "1.2 Methodology", "1.3 Limitations"]
    assert [s for s in subsections if s.startswith("Annex")][:5] == [
        "Annex A. Bibliography",
        "Annex B. Interviews by type of entity",
        "Annex C. Interview guide",
        "Annex D. Survey tool",
        "Annex E. Assessment indicators",
    ]
    # the summary fits the first screen: its table and chart start above the fold
    summary_table = page.locator("main > h2:first-of-type ~ figure.ctnat-table").first
    box = summary_table.bounding_box()
    assert box is not None
    assert box["y"] < 900
    page.screenshot(path=str(screenshot_dir / "aze-first-screen.png"))

    page.emulate_media(media="print")
    style = page.evaluate(
        """() => {
        const h2 = [...document.querySelectorAll('main > h2')];
        const row = document.querySelector('tbody tr');
        return {
          breaks: h2.map(h => getComputedStyle(h).breakBefore),
          row: getComputedStyle(row).breakInside,
          head: getComputedStyle(document.querySelector('thead')).display,
          details: getComputedStyle(document.querySelector('details') || row).display,
        };
    }"""
    )
    assert style["breaks"] == ["auto"] + ["page"] * 4
    assert style["row"] == "avoid"
    assert style["head"] == "table-header-group"
    if matplotlib_available():
        assert style["details"] == "none"  # the charts' data tables stay on screen only
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page/") > 5
