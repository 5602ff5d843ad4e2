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
    overwrite: bool = False,
) -> tuple[Path, ...]:
    """Write the demo reports into ``out_dir`` (created if missing); return their paths,
    the comparative report first, each HTML page followed by its Word copy.

    ``comparison`` is the demo comparison if the caller has computed it already
    (``ctnat demo`` prints it first); otherwise it is computed with ``draws`` draws.
    ``word``: also write ``.docx`` copies (default: when python-docx, the ``docx``
    extra, is installed; ``True`` without it raises the error naming the extra).
    Existing reports are replaced only with ``overwrite=True``; without it, nothing
    is written if any of them exists.
    """
    from .._write import check_writable
    from ..examples import assessments as example_assessments
    from ..examples import demo_comparison

    if word is None:
        word = importlib.util.find_spec("docx") is not None

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    names = [DEMO_COMPARISON] + (
        [f"ctnat-demo-{a.country}.html" for a in example_assessments()] if assessments else []
    )
    if word:
        names += [n.replace(".html", ".docx") for n in names]
    for name in names:
        check_writable(folder / name, overwrite=overwrite)
    if comparison is None:
        comparison = demo_comparison(draws=draws)
    compared = comparison_document(comparison)
    written = [compared.save(folder / DEMO_COMPARISON, overwrite=overwrite)]
    if word:
        written.append(
            compared.save(folder / DEMO_COMPARISON.replace(".html", ".docx"), overwrite=overwrite)
        )
    if assessments:
        for assessment in example_assessments():
            doc = assessment_document(assessment)
            stem = folder / f"ctnat-demo-{assessment.country}"
            written.append(doc.save(stem.with_suffix(".html"), overwrite=overwrite))
            if word:
                written.append(doc.save(stem.with_suffix(".docx"), overwrite=overwrite))
    return tuple(written)
