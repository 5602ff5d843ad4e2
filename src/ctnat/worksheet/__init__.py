"""The data-analysis worksheet: an Excel workbook for assessors who do not code.

:func:`write` makes the workbook (blank, or filled from an assessment);
:func:`read` reads it back into an :class:`~ctnat.assessment.Assessment`, survey
responses and interview records, with every problem named by sheet and cell.
openpyxl is needed: ``pip install "ctnat[xlsx]"``.
"""

from __future__ import annotations

from ._citations import format_evidence, parse_evidence
from ._open import Limits
from ._read import read
from ._result import CellProblem, Worksheet
from ._write import write

__all__ = [
    "CellProblem",
    "Limits",
    "Worksheet",
    "format_evidence",
    "parse_evidence",
    "read",
    "write",
]
