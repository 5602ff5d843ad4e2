"""How a score is computed: rule, weights, aggregator, unknown policy, uncertainty.

Everything a result depends on is a typed value here, and the :class:`Method`
that produced a scorecard or a comparison is recorded in it, so the result can
be regenerated. There is no string-typed option and no silent fallback.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Aggregator",
    "AggregatorMix",
    "Method",
    "PartlyMetDraw",
    "Rule",
    "Uncertainty",
    "UnknownDraw",
    "UnknownPolicy",
    "WeightPerturbation",
    "Weights",
]

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Rule(enum.StrEnum):
    """How the levels of one criterion and dimension combine.

    ``ADDITIVE``: the mean of the level values. ``LADDER``: a level counts only
    as far as every level below it is met; its value is capped by the lowest
    value below it (level 2 met on top of level 1 partly met counts as partly met).

    Under ``LADDER`` with ``UnknownPolicy.EXCLUDE`` an unknown level is left out and
    caps nothing: level 2 met over an unknown level 1 scores the criterion-dimension
    1.0. The scorecard flags each such case (``LadderFlag.below_unknown``).
    """

    ADDITIVE = "additive"
    LADDER = "ladder"


class Aggregator(enum.StrEnum):
    """How criterion scores combine into a category, and categories into the overall score.

    ``ARITHMETIC``: the weighted mean (a strength compensates a weakness).
    ``GEOMETRIC``: the weighted geometric mean (no compensation: one zero gives zero).

    The geometric zero carries up: one criterion at 0 makes its category 0, and a
    category at 0 makes the overall score 0, whatever every other criterion scores
    (every indicator met except one criterion's, all not met: 0 overall).
    With many criteria partly unmet, most assessments then score 0 overall; see
    docs/method.md, "The geometric zero".
    """

    ARITHMETIC = "arithmetic"
    GEOMETRIC = "geometric"


class UnknownPolicy(enum.StrEnum):
    """What an ``unknown`` status does to a score; there is no default, it must be chosen.

    ``EXCLUDE``: unknown indicators are left out and the weights of the others renormalised.
    ``NOT_MET``: an unknown indicator counts as not met (a lower bound).
    ``PROPAGATE``: the score is reported with bounds (every unknown not met / met) and
    the point value with every unknown at the middle of the scale (partly met).
    """

    EXCLUDE = "exclude"
    NOT_MET = "not_met"
    PROPAGATE = "propagate"


class Weights(_Frozen):
    """Relative weights; each level is normalised to sum to one before use.

    ``categories`` and ``criteria`` map ids to non-negative weights; ``None`` means
    equal weights. A mapping must name every category (or every criterion) of the
    set: a missing one is an error, not a silent zero or a silent default.
    Levels within a criterion and dimension weigh equally.
    """

    categories: dict[str, NonNegative] | None = None
    criteria: dict[str, NonNegative] | None = None
    framework: NonNegative = 1.0
    operational: NonNegative = 1.0

    @model_validator(mode="after")
    def _positive(self) -> Weights:
        if self.framework + self.operational <= 0:
            raise ValueError("framework and operational weights cannot both be zero")
        if self.categories is not None and sum(self.categories.values()) <= 0:
            raise ValueError("category weights sum to zero")
        return self


class UnknownDraw(_Frozen):
    """In a Monte Carlo, draw each unknown status with these probabilities."""

    met: Probability = 1 / 3
    partly_met: Probability = 1 / 3
    not_met: Probability = 1 / 3

    @model_validator(mode="after")
    def _sums_to_one(self) -> UnknownDraw:
        if abs(self.met + self.partly_met + self.not_met - 1.0) > 1e-9:
            raise ValueError("the probabilities of met, partly_met and not_met must sum to 1")
        return self


class PartlyMetDraw(_Frozen):
    """In a Monte Carlo, resolve each partly-met status to met with probability ``met``, else not met."""

    met: Probability = 0.5


class WeightPerturbation(_Frozen):
    """In a Monte Carlo, draw category weights from a Dirichlet around the nominal weights.

    The Dirichlet parameter is ``concentration`` times the nominal (normalised)
    weights: large values keep draws close to the nominal weights.
    """

    concentration: Annotated[float, Field(gt=0.0, allow_inf_nan=False)] = 20.0


class AggregatorMix(_Frozen):
    """In a Monte Carlo, use the geometric aggregator in a share ``geometric`` of draws."""

    geometric: Probability = 0.5


class Uncertainty(_Frozen):
    """The uncertain assumptions a comparison's Monte Carlo varies; ``None`` keeps one fixed.

    With ``unknown`` given, unknown statuses are drawn whatever the unknown policy
    (the policy still sets the point scores); without it they are left out
    (``EXCLUDE``) or count as not met (``NOT_MET``), and ``PROPAGATE`` is refused.
    """

    draws: Annotated[int, Field(ge=1, le=10_000_000)] = 1000
    seed: int = Field(description="seed of numpy's SeedSequence; recorded so draws regenerate")
    unknown: UnknownDraw | None = None
    partly_met: PartlyMetDraw | None = None
    weights: WeightPerturbation | None = None
    aggregator: AggregatorMix | None = None


class Method(_Frozen):
    """Everything a scorecard or comparison depends on; enough to regenerate it."""

    rule: Rule
    weights: Weights
    aggregator: Aggregator
    unknown: UnknownPolicy
    indicator_set: str
    indicator_set_version: str | None = None
    uncertainty: Uncertainty | None = None
    chunk: int | None = Field(default=None, description="draws per generator chunk")
    ctnat_version: str
