"""ctnat: the Counter-Trafficking Needs Assessment Tool as a typed Python library.

The public API is what this module exports; subpackages hold the parts:

- :mod:`ctnat.indicators`: the indicator model and the canonical CT-NAT 2016 set;
- :mod:`ctnat.survey`: survey instruments, the interview guide and responses;
- :mod:`ctnat.report`: tables, reports and exports.
"""

from __future__ import annotations

from ._io import Limits
from .assessment import Assessment
from .errors import (
    CtnatError,
    FileFormatError,
    MissingExtraError,
    NotFoundError,
    Problem,
    ValidationError,
)
from .scoring import compare, score

__version__ = "0.1.0.dev0"

__all__ = [
    "Assessment",
    "CtnatError",
    "FileFormatError",
    "Limits",
    "MissingExtraError",
    "NotFoundError",
    "Problem",
    "ValidationError",
    "__version__",
    "compare",
    "score",
]
