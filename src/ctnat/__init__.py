"""ctnat: the Counter-Trafficking Needs Assessment Tool as a typed Python library.

The common path needs one import::

    import ctnat
    a = ctnat.load("arm-2026.yaml")            # or a filled worksheet, "W.xlsx"
    card = ctnat.score(a, unknown="exclude")
    ctnat.report(a, "arm-2026.html")

The subpackages hold the parts and are loaded when first used, so
``import ctnat`` stays fast:

- :mod:`ctnat.indicators`: the indicator model and the canonical CT-NAT 2016 set;
- :mod:`ctnat.assessment`: assessments, their files and checks;
- :mod:`ctnat.survey`: survey instruments, the interview guide and responses;
- :mod:`ctnat.aggregate`: survey tallies, intervals and caveats;
- :mod:`ctnat.scoring`: scores, comparisons and suggestions;
- :mod:`ctnat.report`: tables, reports and exports; the subpackage is also callable,
  ``ctnat.report(a, "a.html")`` being :func:`ctnat._api.report` (for type checkers
  ``ctnat.report`` is that function; import the parts with ``from ctnat.report import ...``);
- :mod:`ctnat.worksheet`: the Excel data-analysis worksheet;
- :mod:`ctnat.fieldwork`: an assessment folder, from `ctnat init` to `ctnat build`;
- :mod:`ctnat.examples`: the bundled example assessments.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._api import compare, load, score
from .errors import (
    ChoiceError,
    CtnatError,
    CtnatWarning,
    FileFormatError,
    LanguageWarning,
    MissingExtraError,
    NotFoundError,
    OverwriteError,
    Problem,
    ValidationError,
)

if TYPE_CHECKING:
    from . import (
        aggregate,
        assessment,
        examples,
        fieldwork,
        indicators,
        scoring,
        survey,
        worksheet,
    )
    from ._api import report
    from ._io import Limits
    from .assessment import Assessment

__version__ = "0.1.0.dev0"

#: Subpackages given on first use by ``ctnat.<name>``.
_SUBPACKAGES = frozenset(
    {"aggregate", "assessment", "examples", "indicators", "report", "scoring", "survey"}
    | {"fieldwork", "worksheet"}
)
#: Names given on first use: name -> (module, attribute).
_LAZY = {"Assessment": ("assessment", "Assessment"), "Limits": ("_io", "Limits")}

__all__ = [
    "Assessment",
    "ChoiceError",
    "CtnatError",
    "CtnatWarning",
    "FileFormatError",
    "LanguageWarning",
    "Limits",
    "MissingExtraError",
    "NotFoundError",
    "OverwriteError",
    "Problem",
    "ValidationError",
    "__version__",
    "aggregate",
    "assessment",
    "compare",
    "examples",
    "fieldwork",
    "indicators",
    "load",
    "report",
    "score",
    "scoring",
    "survey",
    "worksheet",
]


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    if name in _LAZY:
        module_name, attribute = _LAZY[name]
        value = getattr(importlib.import_module(f".{module_name}", __name__), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ctnat' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_SUBPACKAGES, *_LAZY})
