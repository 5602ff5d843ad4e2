"""Aggregation with sample-size caveats.

Tallies that merge, honest intervals for tiny samples, ordinal summaries, a
Dirichlet posterior for comparisons, caveats as data, disclosure control for
cross-tabs, multi-select and ranking aggregates, the priorities table,
interview metrics and :func:`summarize` for a whole response set.
"""

from __future__ import annotations

from .caveats import Caveat, CaveatKind, CaveatRules
from .choices import (
    MultiSelectFrequencies,
    RankAggregate,
    RankedItem,
    multi_select_frequencies,
    rank_aggregate,
)
from .compare import GroupComparison, compare_groups
from .disclosure import (
    AuditEntry,
    CrossTab,
    DisclosurePolicy,
    FeasibleRange,
    crosstab,
    feasible_ranges,
)
from .display import survey_table
from .intervals import (
    DifferenceInterval,
    ProportionInterval,
    jeffreys_interval,
    newcombe_interval,
    proportion_interval,
    wilson_interval,
)
from .interviews import (
    CountryInterviews,
    InterviewFacts,
    InterviewSummary,
    ThemeFrequency,
    interview_metrics,
)
from .matrix import count_matrix, tallies_from_counts, wilson_bounds
from .ordinal import OrdinalSummary, ordinal_summary
from .posterior import DirichletPosterior, MeanComparison, compare_means, dirichlet_posterior
from .priorities import PrioritiesTable, PriorityCounts, priorities_table
from .responses import (
    block_respondents,
    multi_select,
    position_group,
    priorities,
    profile_crosstab,
    ranking,
    summarize,
)
from .summary import ItemSummary, summarize_tally
from .tally import Tally

__all__ = [
    "AuditEntry",
    "Caveat",
    "CaveatKind",
    "CaveatRules",
    "CountryInterviews",
    "CrossTab",
    "DifferenceInterval",
    "DirichletPosterior",
    "DisclosurePolicy",
    "FeasibleRange",
    "GroupComparison",
    "InterviewFacts",
    "InterviewSummary",
    "ItemSummary",
    "MeanComparison",
    "MultiSelectFrequencies",
    "OrdinalSummary",
    "PrioritiesTable",
    "PriorityCounts",
    "ProportionInterval",
    "RankAggregate",
    "RankedItem",
    "Tally",
    "ThemeFrequency",
    "block_respondents",
    "compare_groups",
    "compare_means",
    "count_matrix",
    "crosstab",
    "dirichlet_posterior",
    "feasible_ranges",
    "interview_metrics",
    "jeffreys_interval",
    "multi_select",
    "multi_select_frequencies",
    "newcombe_interval",
    "ordinal_summary",
    "position_group",
    "priorities",
    "priorities_table",
    "profile_crosstab",
    "proportion_interval",
    "rank_aggregate",
    "ranking",
    "summarize",
    "summarize_tally",
    "survey_table",
    "tallies_from_counts",
    "wilson_bounds",
    "wilson_interval",
]
