"""Assessments: one country, one round, a status per indicator with its evidence.

```python
>>> from ctnat.assessment import Status
>>> Status("partly_met").judged
True

```
"""

from __future__ import annotations

from ._countries import country_codes, country_name, is_country_code
from ._files import dump, from_mapping, json_schema, load, loads, to_mapping
from ._model import (
    Assessment,
    Basis,
    CommentKind,
    Entity,
    EntityType,
    Evidence,
    IndicatorSetRef,
    IndicatorStatus,
    InterviewMetrics,
    InterviewRecord,
    Notice,
    OptionCount,
    Priorities,
    PriorityRow,
    Provenance,
    ProvenanceKind,
    Recommendation,
    Selection,
    Source,
    Statistic,
    Status,
    SurveyItemResult,
    SurveySummary,
    ValidationComment,
)
from ._resolve import indicator_set_of

__all__ = [
    "Assessment",
    "Basis",
    "CommentKind",
    "Entity",
    "EntityType",
    "Evidence",
    "IndicatorSetRef",
    "IndicatorStatus",
    "InterviewMetrics",
    "InterviewRecord",
    "Notice",
    "OptionCount",
    "Priorities",
    "PriorityRow",
    "Provenance",
    "ProvenanceKind",
    "Recommendation",
    "Selection",
    "Source",
    "Statistic",
    "Status",
    "SurveyItemResult",
    "SurveySummary",
    "ValidationComment",
    "country_codes",
    "country_name",
    "dump",
    "from_mapping",
    "indicator_set_of",
    "is_country_code",
    "json_schema",
    "load",
    "loads",
    "to_mapping",
]
