"""The citation notation of the worksheet's evidence cells (see :mod:`ctnat._citation`).

One cell holds the evidence of one indicator: citations separated by ``;`` or
line breaks, each citation a list of parts separated by commas::

    Aze 30, p. 31; ARM 1, art. 12; AZEint3, survey 3.1.5; section 2.1, "quoted excerpt"

The notation itself (interview codes, survey items, report sections, locators
such as ``p.``, ``pp.``, ``art.``, ``para.``, ``¶``, excerpts, sources) is
defined in :mod:`ctnat._citation`, shared with the rest of the library; this
module turns it into :class:`~ctnat.assessment.Evidence` and back.
:func:`format_evidence` writes the canonical form, which :func:`parse_evidence`
reads back equal.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._citation import CitationError, format_citation, is_locator, parse_citations
from ..assessment import Evidence

__all__ = ["CitationError", "format_evidence", "is_locator", "parse_evidence"]


def format_evidence(evidence: Iterable[Evidence]) -> str:
    """The evidence as one cell's text (citations separated by ``;``)."""
    return "; ".join(format_citation(ev.model_dump()) for ev in evidence)


def parse_evidence(text: str) -> tuple[Evidence, ...]:
    """Read one evidence cell; raises :class:`CitationError` (or a pydantic error) if bad."""
    return tuple(Evidence.model_validate(c) for c in parse_citations(text))
