"""The demo reports: the bundled three-country comparison, and each country's report.

``write_demo_reports(out_dir)`` is what ``ctnat demo --out DIR`` needs: it writes
``ctnat-demo-comparison.html`` (the comparative report of the bundled examples:
Azerbaijan read from the IOM 2016 report, Armenia and Georgia synthetic) and,
unless ``assessments=False``, one assessment report per country
(``ctnat-demo-AZE.html`` ...). Every file is one self-contained HTML page.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .assessment_report import assessment_document
from .comparison_report import comparison_document

if TYPE_CHECKING:
    from ..scoring import Comparison

__all__ = ["DEMO_COMPARISON", "write_demo_reports"]

#: The file name of the comparative demo report.
DEMO_COMPARISON = "ctnat-demo-comparison.html"


def write_demo_reports(
    out_dir: str | os.PathLike[str] = ".",
    *,
    assessments: bool = True,
    draws: int = 2000,
    comparison: Comparison | None = None,
    overwrite: bool = False,
) -> tuple[Path, ...]:
    """Write the demo reports into ``out_dir`` (created if missing); return their paths,
    the comparative report first.

    ``comparison`` is the demo comparison if the caller has computed it already
    (``ctnat demo`` prints it first); otherwise it is computed with ``draws`` draws.
    Existing reports are replaced only with ``overwrite=True``; without it, nothing
    is written if any of them exists.
    """
    from .._write import check_writable
    from ..examples import assessments as example_assessments
    from ..examples import demo_comparison

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    names = [DEMO_COMPARISON] + (
        [f"ctnat-demo-{a.country}.html" for a in example_assessments()] if assessments else []
    )
    for name in names:
        check_writable(folder / name, overwrite=overwrite)
    if comparison is None:
        comparison = demo_comparison(draws=draws)
    written = [comparison_document(comparison).save(folder / DEMO_COMPARISON, overwrite=overwrite)]
    if assessments:
        for assessment in example_assessments():
            doc = assessment_document(assessment)
            written.append(
                doc.save(folder / f"ctnat-demo-{assessment.country}.html", overwrite=overwrite)
            )
    return tuple(written)
