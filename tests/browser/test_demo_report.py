"""The demo's own HTML reports, opened in headless Chromium as a reader would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctnat.cli import main


def test_demo_reports_render_offline_without_errors(
    visit: Any, tmp_path: Path, screenshot_dir: Path
) -> None:
    assert main(["demo", "--out", str(tmp_path), "--quiet"]) == 0
    for name, min_tables, min_charts in (
        ("ctnat-demo-report.html", 3, 2),  # heat map, category bars
        ("ctnat-demo-azerbaijan.html", 8, 1),  # survey tables, indicator tables; Likert bars
    ):
        seen = visit(tmp_path / name)
        page = seen.page
        page.screenshot(path=str(screenshot_dir / name.replace(".html", ".png")), full_page=True)
        assert seen.offsite_requests() == [], name
        assert seen.errors == [], name
        assert page.locator("script, img, iframe").count() == 0
        assert page.locator("table").count() >= min_tables, name
        assert page.locator("svg").count() >= min_charts, name
        # the page is laid out: a table outside the collapsed "Data table" boxes is visible
        box = page.locator("table:visible").first.bounding_box()
        assert box is not None
        assert box["width"] > 100
