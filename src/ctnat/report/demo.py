"""The demo reports: the bundled three-country comparison, and each country's report.

``write_demo_reports(out_dir)`` is what ``ctnat demo --out DIR`` needs: it writes
``ctnat-demo-comparison.html`` (the comparative report of the bundled examples:
Azerbaijan read from the IOM 2016 report, Armenia and Georgia synthetic) and,
unless ``assessments=False``, one assessment report per country
(``ctnat-demo-AZE.html`` ...), each opening with its summary. Every HTML file is
one self-contained page; with the ``docx`` extra each also gets a Word copy
(``ctnat-demo-AZE.docx`` ...) for offices that finish their reports in Word.
"""

from __future__ import annotations

import importlib.util
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
    word: bool | None = None,
) -> tuple[Path, ...]:
    """Write the demo reports into ``out_dir`` (created if missing); return their paths,
    the comparative report first, each HTML page followed by its Word copy.

    ``comparison`` is the demo comparison if the caller has computed it already
    (``ctnat demo`` prints it first); otherwise it is computed with ``draws`` draws.
    ``word``: also write ``.docx`` copies (default: when python-docx, the ``docx``
    extra, is installed; ``True`` without it raises the error naming the extra).
    """
    if word is None:
        word = importlib.util.find_spec("docx") is not None
    from ..examples import assessments as example_assessments
    from ..examples import demo_comparison

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if comparison is None:
        comparison = demo_comparison(draws=draws)
    compared = comparison_document(comparison)
    written = [compared.save(folder / DEMO_COMPARISON)]
    if word:
        written.append(compared.save(folder / DEMO_COMPARISON.replace(".html", ".docx")))
    if assessments:
        for assessment in example_assessments():
            doc = assessment_document(assessment)
            written.append(doc.save(folder / f"ctnat-demo-{assessment.country}.html"))
            if word:
                written.append(doc.save(folder / f"ctnat-demo-{assessment.country}.docx"))
    return tuple(written)
