"""The Metrics sheet: what the report will say, computed from the assessment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..assessment import Assessment
from ..survey import Instrument, InterviewRecord, ResponseSet

__all__ = ["write_metrics"]


def write_metrics(
    book: Any,
    instrument: Instrument,
    assessment: Assessment | None,
    responses: ResponseSet | None,
    interviews: Sequence[InterviewRecord],
) -> None:
    """Add the Metrics sheet when there is an assessment to summarise."""
    if assessment is None:
        return
