"""A Dirichlet-multinomial posterior for the whole answer distribution of an item.

With a Dirichlet(a, …, a) prior over the option shares and the observed counts,
the posterior is Dirichlet(a + count_1, …, a + count_k). The default prior
a = 1 (uniform over the simplex) is stated in every result; a = 0.5 (Jeffreys)
is the other common choice. Seeded sampling from two posteriors gives
statements such as "P(mean answer in A > mean answer in B) = 0.81", the honest
way to compare two groups of six respondents.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..errors import ValidationError
from .tally import Tally

__all__ = ["DirichletPosterior", "MeanComparison", "compare_means", "dirichlet_posterior"]


class DirichletPosterior(BaseModel):
    """Posterior Dirichlet(alpha) over the option shares of one item."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    options: tuple[str, ...]
    alpha: tuple[float, ...]
    prior: float

    @property
    def mean(self) -> tuple[float, ...]:
        """Posterior mean share of each option."""
        total = sum(self.alpha)
        return tuple(a / total for a in self.alpha)

    def credible_interval(self, option: str, level: float = 0.95) -> tuple[float, float]:
        """Equal-tailed interval of one option's share (its marginal is a beta)."""
        from scipy.stats import beta

        i = self.options.index(option)
        a = self.alpha[i]
        b = sum(self.alpha) - a
        tail = (1.0 - level) / 2.0
        return float(beta.ppf(tail, a, b)), float(beta.ppf(1.0 - tail, a, b))

    def sample(self, draws: int, seed: int) -> np.ndarray:
        """``draws`` by k matrix of share vectors, reproducible for a given seed."""
        rng = np.random.default_rng(seed)
        return rng.dirichlet(np.asarray(self.alpha, dtype=float), size=draws)


class MeanComparison(BaseModel):
    """P(mean score in A > mean score in B) from two posteriors, by seeded sampling."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scores: tuple[float, ...]
    mean_a: float
    mean_b: float
    probability_a_greater: float
    draws: int
    seed: int
    prior: float

    @property
    def conclusive(self) -> bool:
        """True when the probability is below 0.05 or above 0.95."""
        return not 0.05 <= self.probability_a_greater <= 0.95


def dirichlet_posterior(tally: Tally, prior: float = 1.0) -> DirichletPosterior:
    """The posterior of a tally under a symmetric Dirichlet(prior) prior."""
    if prior <= 0:
        raise ValidationError(f"the Dirichlet prior must be > 0, got {prior}")
    return DirichletPosterior(
        options=tally.options,
        alpha=tuple(prior + c for c in tally.counts),
        prior=prior,
    )


def compare_means(
    a: Tally,
    b: Tally,
    scores: Sequence[float] | None = None,
    *,
    prior: float = 1.0,
    draws: int = 20_000,
    seed: int = 0,
) -> MeanComparison:
    """Probability that the mean answer score of group A exceeds that of group B.

    ``scores`` gives each option a number (default: k, k-1, …, 1 for options
    listed from most to least favourable, so a higher mean is more favourable).
    """
    if a.options != b.options:
        raise ValidationError("cannot compare tallies over different option lists")
    k = len(a.options)
    sc = np.asarray(scores if scores is not None else range(k, 0, -1), dtype=float)
    if sc.shape != (k,):
        raise ValidationError(f"need {k} scores, got {len(sc)}")
    pa = dirichlet_posterior(a, prior)
    pb = dirichlet_posterior(b, prior)
    ma = pa.sample(draws, seed) @ sc
    mb = pb.sample(draws, seed + 1) @ sc
    return MeanComparison(
        scores=tuple(float(s) for s in sc),
        mean_a=float(np.dot(pa.mean, sc)),
        mean_b=float(np.dot(pb.mean, sc)),
        probability_a_greater=float(np.mean(ma > mb)),
        draws=draws,
        seed=seed,
        prior=prior,
    )
