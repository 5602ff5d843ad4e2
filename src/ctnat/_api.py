"""The one-import path: ``import ctnat`` then ``ctnat.load``, ``score``, ``compare``, ``report``.

Each function imports what it needs when it is called, so ``import ctnat`` stays
light. They are thin: the full options live in the subpackages
(:func:`ctnat.scoring.score`, :func:`ctnat.report.assessment_document`, ...).
"""

from __future__ import annotations

import os
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .assessment import Assessment
    from .indicators import IndicatorSet
    from .report import Document
    from .scoring import (
        Aggregator,
        Comparison,
        Rule,
        Scorecard,
        Uncertainty,
        UnknownPolicy,
        Weights,
    )

__all__ = ["ReportModule", "compare", "load", "report", "score"]

PathLike = str | os.PathLike[str]


def load(path: PathLike) -> Assessment:
    """Read an assessment from a YAML/JSON assessment file or a filled worksheet (``.xlsx``).

    A worksheet with problems raises them all (see :func:`ctnat.worksheet.read`
    for a reading that returns them instead).
    """
    p = Path(path)
    if p.suffix.lower() in {".xlsx", ".xlsm"}:
        from . import worksheet
        from .errors import ValidationError

        found = worksheet.read(p).raise_for_problems().assessment
        if found is None:
            raise ValidationError(
                "the worksheet holds no assessment (the Assessment sheet names no country "
                "and round)",
                file=str(p),
                hint="fill in country and round on the Assessment sheet",
            )
        return found
    from . import assessment

    return assessment.load(p)


def _assessment(given: Assessment | PathLike) -> Assessment:
    return load(given) if isinstance(given, str | os.PathLike) else given


def score(
    assessment: Assessment | PathLike,
    *,
    unknown: UnknownPolicy | str,
    rule: Rule | str = "additive",
    weights: Weights | None = None,
    aggregator: Aggregator | str = "arithmetic",
    indicator_set: IndicatorSet | None = None,
) -> Scorecard:
    """Score one assessment (or the assessment in a file); see :func:`ctnat.scoring.score`.

    ``unknown`` is ``"exclude"``, ``"not_met"`` or ``"propagate"``; ``rule``
    ``"additive"`` or ``"ladder"``; ``aggregator`` ``"arithmetic"`` or ``"geometric"``.
    """
    from . import scoring

    return scoring.score(
        _assessment(assessment),
        unknown=unknown,
        rule=rule,
        weights=weights,
        aggregator=aggregator,
        indicator_set=indicator_set,
    )


def compare(
    assessments: Sequence[Assessment | PathLike],
    *,
    unknown: UnknownPolicy | str,
    rule: Rule | str = "additive",
    weights: Weights | None = None,
    aggregator: Aggregator | str = "arithmetic",
    uncertainty: Uncertainty | None = None,
    indicator_set: IndicatorSet | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Comparison:
    """Compare several assessments (or files); see :func:`ctnat.scoring.compare`."""
    from . import scoring

    found = [_assessment(a) for a in assessments]
    return scoring.compare(
        found,
        unknown=unknown,
        rule=rule,
        weights=weights,
        aggregator=aggregator,
        uncertainty=uncertainty,
        indicator_set=indicator_set,
        progress=progress,
    )


def report(
    subject: Assessment | Comparison,
    path: PathLike | None = None,
    *,
    lang: str | None = None,
    overwrite: bool = False,
) -> Document:
    """The report of an assessment or of a comparison, written to ``path`` if given.

    ``path`` ending in ``.html`` gives one self-contained page, ``.md`` Markdown;
    an existing file is replaced only with ``overwrite=True``. The returned
    :class:`~ctnat.report.Document` shows itself in Jupyter.
    """
    from .assessment import Assessment
    from .errors import ValidationError
    from .report import assessment_document, comparison_document
    from .scoring import Comparison

    doc: Document
    if isinstance(subject, Assessment):
        if lang is not None:
            from .assessment import indicator_set_of

            indicator_set_of(subject).check_language(lang)
        doc = assessment_document(subject, lang=lang)
    elif isinstance(subject, Comparison):
        doc = comparison_document(subject)
    else:
        raise ValidationError(
            f"cannot make a report of a {type(subject).__name__}",
            hint="give an Assessment (ctnat.load) or a Comparison (ctnat.compare)",
        )
    if path is not None:
        doc.save(path, overwrite=overwrite)
    return doc


class ReportModule(types.ModuleType):
    """The class of the :mod:`ctnat.report` module: calling it is :func:`report`.

    So that ``ctnat.report(assessment, "a.html")`` and ``ctnat.report.heat_map``
    both work, whichever was used first.
    """

    def __call__(
        self,
        subject: Assessment | Comparison,
        path: PathLike | None = None,
        *,
        lang: str | None = None,
        overwrite: bool = False,
    ) -> Document:
        return report(subject, path, lang=lang, overwrite=overwrite)
