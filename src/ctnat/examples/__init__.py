"""Example assessments shipped with the package.

- Azerbaijan 2016 (``AZE``): built from IOM (2016), *Needs Assessment: Counter-trafficking
  Response in the Republic of Azerbaijan*. Survey counts, interview metrics,
  bibliography codes, priorities, cited statistics, validation comments and
  recommendations are the report's. The indicator statuses are **this library's
  reading** of the findings, each with its citation: the report's colour marks are
  not in its text, so they cannot be the report's own. The narrative (research
  context, limitations, situation, findings per category, the validation workshop)
  summarises the report in this library's words with the report's citations; the
  recommendations' actors, timeframes and links are this library's reading of
  section 3. Statistics carry a measure and period, so that sources that disagree
  (56 victims for 2013 in the TIP report, 54 from the ministry via ICMPD) show as a
  disagreement (:func:`ctnat.assessment.group_statistics`).
- Armenia (``ARM``) and Georgia (``GEO``) 2016: **synthetic**. Their statuses are
  generated deterministically (a hash of country and indicator id; a level is
  usually no higher than the level below it), not read from any report; only the interview and survey counts, which the Azerbaijan report
  states for all three countries (section 1.2), are real.

```python
>>> from ctnat import examples
>>> [(a.country, a.provenance.kind.value) for a in examples.assessments()]
[('AZE', 'reading'), ('ARM', 'synthetic'), ('GEO', 'synthetic')]

```
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING

from .._io import parse_text

if TYPE_CHECKING:
    from ..scoring import Comparison
from ..assessment import (
    Assessment,
    Evidence,
    IndicatorSetRef,
    IndicatorStatus,
    InterviewMetrics,
    Provenance,
    ProvenanceKind,
    Source,
    Status,
    SurveySummary,
    from_mapping,
)

__all__ = ["assessments", "azerbaijan", "demo_comparison", "synthetic"]

_SECTION_1_2 = "section 1.2 of the IOM (2016) Azerbaijan report"

# Interview and survey counts stated for Armenia and Georgia in section 1.2 of the report.
_REPORTED: dict[str, dict[str, int | None]] = {
    "ARM": {
        "interviews": 16,
        "participants": 37,
        "men": 19,
        "women": 18,
        "survey": 6,
        "female": None,
    },
    "GEO": {"interviews": 10, "participants": 19, "men": 6, "women": 13, "survey": 6, "female": 6},
}

# Probability of (met, partly met) by dimension and level, for synthetic statuses:
# framework level 1 most often met, operational level 2 least often.
_PROFILE = {
    ("F", 1): (0.6, 0.3),
    ("F", 2): (0.4, 0.35),
    ("O", 1): (0.35, 0.35),
    ("O", 2): (0.15, 0.3),
}


@functools.cache
def azerbaijan() -> Assessment:
    """The Azerbaijan 2016 example assessment (statuses: this library's reading of the report).

    The file is read and checked once per process; the assessment is frozen, so every
    call returns the same object.
    """
    ref = resources.files(__package__).joinpath("data", "aze-2016.yaml")
    name = "ctnat/examples/data/aze-2016.yaml"
    return from_mapping(
        parse_text(ref.read_text(encoding="utf-8"), file=name, fmt="yaml"), file=name
    )


def _draw(country: str, indicator: str, salt: str) -> float:
    digest = hashlib.sha256(f"{salt}:{country}:{indicator}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def synthetic(
    country: str,
    round: dt.date = dt.date(2016, 4, 30),
    *,
    salt: str = "ctnat-example-v1",
    unknown_share: float = 0.05,
) -> Assessment:
    """A synthetic assessment: statuses generated from a hash of (salt, country, indicator).

    The same arguments always give the same assessment, on any machine and any
    numpy version. It is labelled ``provenance.kind = synthetic``.
    """
    from ..indicators import builtin

    iset = builtin("ct-nat-2016")
    statuses = []
    order = [Status.NOT_MET, Status.PARTLY_MET, Status.MET]
    below: dict[tuple[str, str], Status] = {}
    for ind in iset.indicators():
        u = _draw(country, ind.id, salt)
        p_met, p_partly = _PROFILE[(ind.dimension.letter, min(ind.level, 2))]
        if u < p_met:
            status = Status.MET
        elif u < p_met + p_partly:
            status = Status.PARTLY_MET
        else:
            status = Status.NOT_MET
        # mostly respect the ladder: a level is usually no higher than the one below
        lower = below.get((ind.criterion_id, ind.dimension.letter))
        if lower is not None and _draw(country, ind.id, salt + ":ladder") < 0.85:
            status = min(status, lower, key=order.index)
        below[(ind.criterion_id, ind.dimension.letter)] = status
        if _draw(country, ind.id, salt + ":unknown") < unknown_share:
            status = Status.UNKNOWN
        statuses.append(
            IndicatorStatus(
                indicator=ind.id,
                status=status,
                evidence=(Evidence(source="SYN 1"),),
                note="synthetic status (generated, not real data)",
            )
        )
    reported = _REPORTED.get(country)
    interviews: InterviewMetrics | None = None
    survey: SurveySummary | None = None
    if reported is not None:
        interviews = InterviewMetrics(
            interviews=reported["interviews"] or 0,
            participants=reported["participants"],
            men=reported["men"],
            women=reported["women"],
            section=_SECTION_1_2,
            note="real counts as reported in " + _SECTION_1_2,
        )
        survey = SurveySummary(
            respondents=reported["survey"] or 0,
            female=reported["female"],
            note="real count of responses as reported in " + _SECTION_1_2 + "; no item results",
        )
    return Assessment(
        country=country,
        round=round,
        title=f"Synthetic example assessment ({country})",
        indicator_set=IndicatorSetRef(id=iset.id, version=iset.version),
        provenance=Provenance(
            kind=ProvenanceKind.SYNTHETIC,
            source="generated by ctnat.examples.synthetic",
            note=(
                "SYNTHETIC: the indicator statuses are generated, not real data. They must not "
                "be read as findings about this country. Interview and survey counts, where "
                "present, are the real counts stated in " + _SECTION_1_2 + "."
            ),
        ),
        bibliography=(
            Source(code="SYN 1", title="Synthetic example source (not a real document)"),
        ),
        interviews=interviews,
        survey=survey,
        statuses=tuple(statuses),
    )


# Survey items the Azerbaijan report discusses under a criterion's findings (section 2).


def assessments() -> tuple[Assessment, ...]:
    """The three example assessments: Azerbaijan (a reading of the report), Armenia and
    Georgia (synthetic)."""
    return (azerbaijan(), synthetic("ARM"), synthetic("GEO"))


def demo_comparison(
    *, draws: int = 2000, seed: int = 2016, progress: Callable[[int, int], None] | None = None
) -> Comparison:
    """The three examples compared, as ``ctnat demo`` shows them.

    Unknown statuses are excluded from the point scores; the Monte Carlo draws
    them (met, partly met, not met equally likely) and perturbs the category
    weights around equal weights. Print ``demo_comparison().summary()``.
    """
    from ..scoring import Uncertainty, UnknownDraw, UnknownPolicy, WeightPerturbation, compare

    return compare(
        assessments(),
        unknown=UnknownPolicy.EXCLUDE,
        uncertainty=Uncertainty(
            seed=seed, draws=draws, unknown=UnknownDraw(), weights=WeightPerturbation()
        ),
        progress=progress,
    )
