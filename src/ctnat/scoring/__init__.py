"""Scoring, comparison and survey-informed suggestions.

```python
>>> from ctnat.scoring import Rule, UnknownPolicy
>>> [r.value for r in Rule], [p.value for p in UnknownPolicy]
(['additive', 'ladder'], ['exclude', 'not_met', 'propagate'])

```
"""

from __future__ import annotations

from ._compare import (
    AssessmentScores,
    Change,
    Comparison,
    ComparisonRecord,
    Key,
    PairProbability,
    ReplicationSummary,
    View,
    compare,
)
from ._method import (
    Aggregator,
    AggregatorMix,
    Method,
    PartlyMetDraw,
    Rule,
    Uncertainty,
    UnknownDraw,
    UnknownPolicy,
    WeightPerturbation,
    Weights,
)
from ._scorecard import (
    CategoryScore,
    Coverage,
    CriterionScore,
    IndicatorWeight,
    LadderFlag,
    OverallScore,
    Score,
    Scorecard,
    score,
)
from ._suggest import Outcome, Suggestion, suggest

__all__ = [
    "Aggregator",
    "AggregatorMix",
    "AssessmentScores",
    "CategoryScore",
    "Change",
    "Comparison",
    "ComparisonRecord",
    "Coverage",
    "CriterionScore",
    "IndicatorWeight",
    "Key",
    "LadderFlag",
    "Method",
    "Outcome",
    "OverallScore",
    "PairProbability",
    "PartlyMetDraw",
    "ReplicationSummary",
    "Rule",
    "Score",
    "Scorecard",
    "Suggestion",
    "Uncertainty",
    "UnknownDraw",
    "UnknownPolicy",
    "View",
    "WeightPerturbation",
    "Weights",
    "compare",
    "score",
    "suggest",
]
