"""A headless Chromium for the browser checks, or a clear skip (a failure when CI is set).

The browser is Debian's ``/usr/bin/chromium`` (``apt-get install chromium``), driven by
the ``playwright`` Python package; ``playwright install`` is never needed. Set
``CTNAT_CHROMIUM`` to use another executable and ``CTNAT_SCREENSHOTS`` to a folder to
keep the screenshots.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CTNAT_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI is set but the browser check cannot run: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is absent (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Visit:
    """One page load: the requests it made, console errors, and the page itself."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def offsite_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file://", "data:"))]


@pytest.fixture
def visit(browser: Any, tmp_path: Path) -> Iterator[Any]:
    def open_page(html_file: Path) -> Visit:
        page = context.new_page()
        seen = Visit(page)
        page.goto(html_file.resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(200)  # let any late request or error surface
        return seen

    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        yield open_page
    finally:
        context.close()


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    """Where screenshots go: $CTNAT_SCREENSHOTS if set (to look at them), else a temp folder."""
    folder = os.environ.get("CTNAT_SCREENSHOTS")
    base = Path(folder) if folder else tmp_path
    base.mkdir(parents=True, exist_ok=True)
    return base
