"""``ctnat.score``: criterion, category and overall scores of one assessment."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, overload

import attrs
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from ..assessment import Assessment, Notice, Provenance, Status, indicator_set_of
from ._engine import Scores, ladder_flags, score_arrays, unknown_below_flags
from ._layout import Layout
from ._method import Aggregator, Method, Rule, UnknownPolicy, Weights
from ._weighting import WeightArrays, effective_weights, resolve_weights

if TYPE_CHECKING:
    import pandas as pd

    from ..indicators import IndicatorSet

__all__ = [
    "CategoryScore",
    "Coverage",
    "CriterionScore",
    "IndicatorWeight",
    "LadderFlag",
    "OverallScore",
    "Score",
    "Scorecard",
    "score",
    "status_values",
]

FloatArray = npt.NDArray[np.float64]

VALUE = {Status.MET: 1.0, Status.PARTLY_MET: 0.5, Status.NOT_MET: 0.0}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _num(x: float) -> float | None:
    return None if math.isnan(x) else round(float(x), 12)


class Score(_Frozen):
    """A score in [0, 1] with bounds; ``value`` is None when nothing under it counts.

    ``low`` and ``high`` differ from ``value`` only under the propagate policy:
    they are the scores with every unknown not met and met.
    """

    value: float | None
    low: float | None
    high: float | None

    def __str__(self) -> str:
        if self.value is None:
            return "n/a"
        if self.low is not None and self.high is not None and self.low != self.high:
            return f"{self.value:.2f} [{self.low:.2f}-{self.high:.2f}]"
        return f"{self.value:.2f}"


class Coverage(_Frozen):
    """How many indicators are judged (met, partly met, not met) of those that apply."""

    judged: int
    applicable: int
    indicators: int

    @property
    def share(self) -> float | None:
        """Judged / applicable (None when nothing applies)."""
        return self.judged / self.applicable if self.applicable else None


class CriterionScore(_Frozen):
    """One criterion: framework, operational, their combination, the implementation gap."""

    criterion: str
    category: str
    framework: Score
    operational: Score
    score: Score
    gap: float | None
    coverage: Coverage
    #: The criterion's name in the indicator set (e.g. "Legislation"), if it has one.
    title: str | None = None


class CategoryScore(_Frozen):
    """One category, with its normalised weight in the overall score."""

    category: str
    title: str | None
    weight: float
    score: Score
    framework: Score
    operational: Score
    gap: float | None
    coverage: Coverage


class OverallScore(_Frozen):
    """The overall score with its framework and operational parts."""

    score: Score
    framework: Score
    operational: Score
    gap: float | None
    coverage: Coverage


class IndicatorWeight(_Frozen):
    """An indicator's weight in the overall score (additive rule, arithmetic mean).

    ``nominal``: with every indicator counted; ``realised``: renormalised over the
    indicators that count in this assessment (0 for one that does not count).
    """

    indicator: str
    status: Status
    nominal: float
    realised: float


class LadderFlag(_Frozen):
    """A higher level judged above a lower level of the same criterion and dimension,
    or (``below_unknown``) judged over a lower level whose status is unknown.

    The second kind is flagged under the ladder rule with unknowns left out
    (``UnknownPolicy.EXCLUDE``): the lower level then does not cap the higher one,
    so level 2 met over an unknown level 1 scores the criterion-dimension 1.0.
    """

    indicator: str
    status: Status
    below: str
    below_status: Status
    below_unknown: bool = False


class Scorecard(_Frozen):
    """Scores of one assessment with the method that produced them."""

    country: str
    round: dt.date
    provenance: Provenance
    method: Method
    criteria: tuple[CriterionScore, ...]
    categories: tuple[CategoryScore, ...]
    overall: OverallScore
    weights: tuple[IndicatorWeight, ...]
    flags: tuple[LadderFlag, ...]
    notices: tuple[Notice, ...]

    def __repr__(self) -> str:
        # what identifies the scorecard; the content is in summary(), to_frame(), _repr_html_()
        o = self.overall
        value = "undefined" if o.score.value is None else f"{o.score.value:.2f}"
        m = self.method
        return (
            f"<Scorecard {self.country} {self.round.isoformat()}: overall {value}, "
            f"{o.coverage.judged} of {o.coverage.applicable} indicators judged; "
            f"rule={m.rule.value}, unknown={m.unknown.value}, aggregator={m.aggregator.value}>"
        )

    __str__ = __repr__

    def category(self, category: str) -> CategoryScore:
        """The score of one category by id."""
        from ..errors import NotFoundError

        for c in self.categories:
            if c.category == category:
                return c
        from .._messages import did_you_mean

        raise NotFoundError(
            f"no category {category!r} in this scorecard",
            hint=did_you_mean(category, [c.category for c in self.categories]),
        )

    def criterion(self, criterion: str) -> CriterionScore:
        """The score of one criterion by id."""
        from ..errors import NotFoundError

        for c in self.criteria:
            if c.criterion == criterion:
                return c
        from .._messages import did_you_mean

        raise NotFoundError(
            f"no criterion {criterion!r} in this scorecard",
            hint=did_you_mean(criterion, [c.criterion for c in self.criteria]),
        )

    def to_frame(self) -> pd.DataFrame:
        """Criterion scores as a pandas DataFrame (needs ``pip install "ctnat[pandas]"``)."""
        from ._frames import frame

        rows = [
            {
                "criterion": c.criterion,
                "title": c.title,
                "category": c.category,
                "framework": c.framework.value,
                "operational": c.operational.value,
                "score": c.score.value,
                "low": c.score.low,
                "high": c.score.high,
                "gap": c.gap,
                "judged": c.coverage.judged,
                "applicable": c.coverage.applicable,
            }
            for c in self.criteria
        ]
        return frame(rows, ["criterion"])

    def _repr_html_(self) -> str:
        from html import escape

        head = (
            "<tr><th>category</th><th>score</th><th>framework</th><th>operational</th>"
            "<th>gap</th><th>judged</th></tr>"
        )
        rows = "".join(
            f"<tr><td>{escape(c.category)} {escape(c.title or '')}</td><td>{c.score}</td>"
            f"<td>{c.framework}</td><td>{c.operational}</td>"
            f"<td>{'' if c.gap is None else f'{c.gap:+.2f}'}</td>"
            f"<td>{c.coverage.judged}/{c.coverage.applicable}</td></tr>"
            for c in self.categories
        )
        o = self.overall
        rows += (
            f"<tr><th>overall</th><th>{o.score}</th><th>{o.framework}</th>"
            f"<th>{o.operational}</th><th>{'' if o.gap is None else f'{o.gap:+.2f}'}</th>"
            f"<th>{o.coverage.judged}/{o.coverage.applicable}</th></tr>"
        )
        m = self.method
        caption = escape(
            f"{self.country} {self.round.isoformat()} ({self.provenance.kind}): rule={m.rule}, "
            f"aggregator={m.aggregator}, unknown={m.unknown}"
        )
        from .._html import inline_styles  # notebooks drop <style>; keep the look inline

        warning = _provenance_box(self.provenance)
        return inline_styles(f"{warning}<table><caption>{caption}</caption>{head}{rows}</table>")

    def summary(self) -> str:
        """A plain-text table for a terminal."""
        m = self.method
        lines = [
            (
                f"{self.country} {self.round.isoformat()}: overall {self.overall.score} "
                f"(framework {self.overall.framework}, operational {self.overall.operational}); "
                f"coverage {self.overall.coverage.judged}/{self.overall.coverage.applicable}"
            ),
            f"method: rule={m.rule}, aggregator={m.aggregator}, unknown={m.unknown}",
            f"{'category':<32} {'score':>16} {'framework':>16} {'operational':>16} {'gap':>6}",
        ]
        for c in self.categories:
            gap = "" if c.gap is None else f"{c.gap:+.2f}"
            title = (c.title or "")[:29]
            lines.append(
                f"{c.category + ' ' + title:<32} {c.score!s:>16} {c.framework!s:>16} "
                f"{c.operational!s:>16} {gap:>6}"
            )
        if self.provenance.kind.value == "synthetic":
            lines.insert(0, "SYNTHETIC example data: generated statuses, not real findings")
        elif self.provenance.kind.value == "reading":
            lines.insert(0, "statuses: a reading of a published report, not the report's own marks")
        if self.notices:
            lines.append(f"notices: {len(self.notices)} (see .notices)")
        above = [f for f in self.flags if not f.below_unknown]
        over_unknown = [f for f in self.flags if f.below_unknown]
        if above:
            lines.append("level inconsistencies (a higher level judged above a lower one):")
            lines += [f"  {f.indicator} {f.status} above {f.below} {f.below_status}" for f in above]
        if over_unknown:
            lines.append(
                "ladder over unknowns (the lower level is unknown and left out, so the "
                "higher one counts alone):"
            )
            lines += [f"  {f.indicator} {f.status} over {f.below} unknown" for f in over_unknown]
        return "\n".join(lines)


def _provenance_box(p: Provenance) -> str:
    """The warning a reader of synthetic data or of a reading must not miss (HTML)."""
    from html import escape

    if p.kind.value == "synthetic":
        text = "SYNTHETIC example data: generated statuses, not real findings."
    elif p.kind.value == "reading":
        text = "Statuses are a reading of a published report, not the report's own marks."
    else:
        return ""
    return f'<p class="caveat">{escape(text)}</p>'


def status_values(
    statuses: dict[str, Status], layout: Layout
) -> tuple[FloatArray, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Values (NaN unless judged), an unknown mask and an applicable mask, in layout order."""
    vals = np.full(len(layout.indicators), np.nan)
    unknown = np.zeros(len(layout.indicators), dtype=bool)
    applicable = np.ones(len(layout.indicators), dtype=bool)
    for k, ind in enumerate(layout.indicators):
        st = statuses.get(ind, Status.UNKNOWN)
        if st in VALUE:
            vals[k] = VALUE[st]
        elif st is Status.NOT_APPLICABLE:
            applicable[k] = False
        else:
            unknown[k] = True
    return vals, unknown, applicable


_CODES = {status: k for k, status in enumerate(Status)}
_CODE_VALUE = np.asarray([VALUE.get(status, np.nan) for status in Status])
_UNKNOWN_CODE, _NA_CODE = _CODES[Status.UNKNOWN], _CODES[Status.NOT_APPLICABLE]


def status_matrix(
    assessments: Sequence[Assessment], layout: Layout
) -> tuple[FloatArray, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """:func:`status_values` of many assessments at once: (n, n_indicators) each."""
    index = layout.index()
    n_ind = len(layout.indicators)
    codes = np.full((len(assessments), n_ind), _UNKNOWN_CODE, dtype=np.int8)
    for i, a in enumerate(assessments):
        row = [_UNKNOWN_CODE] * n_ind
        for st in a.statuses:
            k = index.get(st.indicator)
            if k is not None:
                row[k] = _CODES[st.status]
        codes[i] = row
    return _CODE_VALUE[codes], codes == _UNKNOWN_CODE, codes != _NA_CODE


def policy_rows(
    vals: FloatArray, unknown: npt.NDArray[np.bool_], policy: UnknownPolicy
) -> FloatArray:
    """Rows to score under a policy: one row, or (value, low, high) for propagate."""
    if policy is UnknownPolicy.EXCLUDE:
        return vals[None, :]
    if policy is UnknownPolicy.NOT_MET:
        return np.where(unknown, 0.0, vals)[None, :]
    if policy is UnknownPolicy.PROPAGATE:
        return np.stack([np.where(unknown, fill, vals) for fill in (0.5, 0.0, 1.0)])
    raise TypeError(f"unknown must be an UnknownPolicy, not {policy!r}")  # pragma: no cover


def _coverage(
    mask_judged: npt.NDArray[np.bool_], mask_app: npt.NDArray[np.bool_], idx: npt.NDArray[np.intp]
) -> Coverage:
    return Coverage.model_construct(
        judged=int(mask_judged[idx].sum()),
        applicable=int(mask_app[idx].sum()),
        indicators=len(idx),
    )


def _triple(a: FloatArray) -> Score:
    """A Score from a column of 1 (value) or 3 (value, low, high) batch rows."""
    if a.shape[0] == 1:
        v = _num(a[0])
        return Score.model_construct(value=v, low=v, high=v)
    return Score.model_construct(value=_num(a[0]), low=_num(a[1]), high=_num(a[2]))


def _gap(f: Score, o: Score) -> float | None:
    if f.value is None or o.value is None:
        return None
    return round(f.value - o.value, 12)


def _check_enums(
    rule: object, aggregator: object, unknown: object
) -> tuple[Rule, Aggregator, UnknownPolicy]:
    """The three method choices as enums; their string values are accepted too."""
    from .._choices import choice

    return (
        choice(Rule, rule, parameter="rule"),
        choice(Aggregator, aggregator, parameter="aggregator"),
        choice(UnknownPolicy, unknown, parameter="unknown"),
    )


def score(
    assessment: Assessment,
    *,
    unknown: UnknownPolicy | str,
    rule: Rule | str = Rule.ADDITIVE,
    weights: Weights | None = None,
    aggregator: Aggregator | str = Aggregator.ARITHMETIC,
    indicator_set: IndicatorSet | None = None,
) -> Scorecard:
    """Score one assessment against the fixed scale (not met 0, partly met 0.5, met 1).

    ``unknown`` has no default: choose how unknown statuses count. The scorecard
    records the method, every indicator's effective weight, coverage, and each
    place where a higher level is judged above a lower one. Each choice may be
    given as its string value (``unknown="exclude"``, ``rule="ladder"``).
    """
    rule, aggregator, unknown = _check_enums(rule, aggregator, unknown)
    iset = indicator_set if indicator_set is not None else indicator_set_of(assessment)
    ctx = Context.build(iset, weights if weights is not None else Weights())
    return ctx.score(assessment, unknown=unknown, rule=rule, aggregator=aggregator)


@attrs.frozen(eq=False)
class Context:
    """What scoring several assessments with one set and one weighting shares."""

    iset: IndicatorSet
    weights: Weights
    layout: Layout
    arrays: WeightArrays
    nominal: FloatArray

    @classmethod
    def build(cls, iset: IndicatorSet, weights: Weights) -> Context:
        layout = Layout.from_set(iset)
        w = resolve_weights(weights, layout)
        nominal = effective_weights(np.ones(len(layout.indicators), dtype=bool), layout, w)
        return cls(iset, weights, layout, w, nominal)

    def score(
        self,
        assessment: Assessment,
        *,
        unknown: UnknownPolicy,
        rule: Rule,
        aggregator: Aggregator,
    ) -> Scorecard:
        layout = self.layout
        statuses = {s.indicator: s.status for s in assessment.statuses}
        vals, unk, app = status_values(statuses, layout)
        s = self._engine(policy_rows(vals, unk, unknown), rule=rule, aggregator=aggregator)
        method = self.method(unknown=unknown, rule=rule, aggregator=aggregator)
        return _assemble(assessment, self, s, vals, unk, app, unknown, method)

    def _engine(self, rows: FloatArray, *, rule: Rule, aggregator: Aggregator) -> Scores:
        """The scores of indicator rows under this context's layout and weights."""
        w = self.arrays
        return score_arrays(
            rows,
            self.layout,
            ladder=rule is Rule.LADDER,
            criterion_weights=w.criterion,
            dimension_weights=w.dimension,
            category_weights=w.category,
            geometric=aggregator is Aggregator.GEOMETRIC,
        )

    def method(self, *, unknown: UnknownPolicy, rule: Rule, aggregator: Aggregator) -> Method:
        """The method record of a scoring with these choices, in this context."""
        return Method(
            rule=rule,
            weights=self.weights,
            aggregator=aggregator,
            unknown=unknown,
            indicator_set=self.iset.id,
            indicator_set_version=self.iset.version,
            ctnat_version=_version(),
        )

    def batch(
        self,
        assessments: Sequence[Assessment],
        *,
        unknown: UnknownPolicy,
        rule: Rule,
        aggregator: Aggregator,
    ) -> Batch:
        """Score many assessments in one call of the engine; scorecards are built on access."""
        layout = self.layout
        vals, unk, app = status_matrix(assessments, layout)
        width = 3 if unknown is UnknownPolicy.PROPAGATE else 1
        stacked = _policy_batch(vals, unk, unknown)  # (n_a * width, n_ind)
        s = self._engine(stacked, rule=rule, aggregator=aggregator)
        method = self.method(unknown=unknown, rule=rule, aggregator=aggregator)
        return Batch(self, tuple(assessments), s, vals, unk, app, unknown, method, width)


def _policy_batch(
    vals: FloatArray, unk: npt.NDArray[np.bool_], policy: UnknownPolicy
) -> FloatArray:
    """:func:`policy_rows` for many assessments: their rows one after the other."""
    if policy is UnknownPolicy.PROPAGATE:
        out = np.stack([np.where(unk, fill, vals) for fill in (0.5, 0.0, 1.0)], axis=1)
        return out.reshape(-1, vals.shape[1])
    if policy is UnknownPolicy.NOT_MET:
        return np.where(unk, 0.0, vals)
    return vals.copy()


def _slice(s: Scores, lo: int, hi: int) -> Scores:
    return Scores(
        s.group[lo:hi],
        s.criterion[lo:hi],
        s.category[lo:hi],
        s.category_dim[lo:hi],
        s.overall[lo:hi],
        s.overall_dim[lo:hi],
    )


@attrs.frozen(eq=False)
class Batch:
    """Scores of many assessments as arrays; a :class:`Scorecard` is built when asked for."""

    ctx: Context
    assessments: tuple[Assessment, ...]
    scores: Scores
    vals: FloatArray
    unk: npt.NDArray[np.bool_]
    app: npt.NDArray[np.bool_]
    policy: UnknownPolicy
    method: Method
    width: int  # batch rows per assessment (3 under propagate: value, low, high)

    def point_table(self) -> FloatArray:
        """(n, n_categories + 1) point scores rounded as a scorecard rounds them; NaN if none."""
        w = self.width
        cat = self.scores.category[::w]
        overall = self.scores.overall[::w]
        both = np.concatenate([cat, overall[:, None]], axis=1)
        out = np.asarray(
            [[math.nan if math.isnan(x) else round(x, 12) for x in row] for row in both.tolist()],
            dtype=np.float64,
        )
        return out.reshape(both.shape)

    def scorecard(self, i: int) -> Scorecard:
        """The scorecard of assessment ``i`` (built now)."""
        w = self.width
        return _assemble(
            self.assessments[i],
            self.ctx,
            _slice(self.scores, i * w, (i + 1) * w),
            self.vals[i],
            self.unk[i],
            self.app[i],
            self.policy,
            self.method,
        )

    def scorecards(self) -> LazyScorecards:
        """All scorecards, each built on first access and kept."""
        return LazyScorecards(self.scorecard, len(self.assessments))


class LazyScorecards(Sequence[Scorecard]):
    """A read-only sequence of scorecards, each built on first access and then kept."""

    def __init__(self, build: Callable[[int], Scorecard], n: int) -> None:
        self._build = build
        self._cache: list[Scorecard | None] = [None] * n

    def __len__(self) -> int:
        return len(self._cache)

    @overload
    def __getitem__(self, i: int) -> Scorecard: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Scorecard, ...]: ...
    def __getitem__(self, i: int | slice) -> Scorecard | tuple[Scorecard, ...]:
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(len(self))))
        k = range(len(self))[i]  # IndexError and negative indices as for a tuple
        got = self._cache[k]
        if got is None:
            got = self._cache[k] = self._build(k)
        return got

    def __iter__(self) -> Iterator[Scorecard]:
        return (self[k] for k in range(len(self)))

    def __repr__(self) -> str:
        built = sum(c is not None for c in self._cache)
        return f"<{len(self)} scorecards, {built} built>"


def _version() -> str:
    from .. import __version__

    return __version__


def _assemble(
    assessment: Assessment,
    ctx: Context,
    s: Scores,
    vals: FloatArray,
    unk: npt.NDArray[np.bool_],
    app: npt.NDArray[np.bool_],
    policy: UnknownPolicy,
    method: Method,
) -> Scorecard:
    iset, layout, w = ctx.iset, ctx.layout, ctx.arrays
    judged = ~np.isnan(vals)
    ind_crit = np.empty(len(layout.indicators), dtype=np.intp)
    for c in range(len(layout.criteria)):
        for p in layout.groups[c].ravel():
            if p >= 0:
                ind_crit[p] = c
    ind_cat = layout.criterion_category[ind_crit]
    criteria = []
    for c, cid in enumerate(layout.criteria):
        f, o = _triple(s.group[:, c, 0]), _triple(s.group[:, c, 1])
        criteria.append(
            CriterionScore.model_construct(
                criterion=cid,
                category=layout.categories[layout.criterion_category[c]],
                framework=f,
                operational=o,
                score=_triple(s.criterion[:, c]),
                gap=_gap(f, o),
                coverage=_coverage(judged, app, np.flatnonzero(ind_crit == c)),
                title=_title(iset, cid, "criterion"),
            )
        )
    categories = []
    for k, kid in enumerate(layout.categories):
        f, o = _triple(s.category_dim[:, k, 0]), _triple(s.category_dim[:, k, 1])
        categories.append(
            CategoryScore.model_construct(
                category=kid,
                title=_title(iset, kid),
                weight=round(float(w.category[k]), 12),
                score=_triple(s.category[:, k]),
                framework=f,
                operational=o,
                gap=_gap(f, o),
                coverage=_coverage(judged, app, np.flatnonzero(ind_cat == k)),
            )
        )
    f, o = _triple(s.overall_dim[:, 0]), _triple(s.overall_dim[:, 1])
    overall = OverallScore.model_construct(
        score=_triple(s.overall),
        framework=f,
        operational=o,
        gap=_gap(f, o),
        coverage=_coverage(judged, app, np.arange(len(layout.indicators))),
    )
    counted = judged | (unk & (policy is not UnknownPolicy.EXCLUDE))
    counted &= app
    nominal = ctx.nominal
    realised = effective_weights(counted, layout, w)
    status_of = {st.indicator: st.status for st in assessment.statuses}
    iw = tuple(
        IndicatorWeight.model_construct(
            indicator=ind,
            status=status_of.get(ind, Status.UNKNOWN),
            nominal=round(float(nominal[k]), 12),
            realised=round(float(realised[k]), 12),
        )
        for k, ind in enumerate(layout.indicators)
    )
    flags = tuple(
        LadderFlag.model_construct(
            indicator=layout.indicators[hi],
            status=status_of[layout.indicators[hi]],
            below=layout.indicators[lo],
            below_status=status_of[layout.indicators[lo]],
            below_unknown=False,
        )
        for hi, lo in ladder_flags(vals, layout)
    )
    if method.rule is Rule.LADDER and policy is UnknownPolicy.EXCLUDE:
        flags += tuple(
            LadderFlag.model_construct(
                indicator=layout.indicators[hi],
                status=status_of[layout.indicators[hi]],
                below=layout.indicators[lo],
                below_status=status_of.get(layout.indicators[lo], Status.UNKNOWN),
                below_unknown=True,
            )
            for hi, lo in unknown_below_flags(vals, unk, layout)
        )
    return Scorecard.model_construct(
        country=assessment.country,
        round=assessment.round,
        provenance=assessment.provenance,
        method=method,
        criteria=tuple(criteria),
        categories=tuple(categories),
        overall=overall,
        weights=iw,
        flags=flags,
        notices=assessment.notices + _set_notices(assessment, ctx),
    )


def _set_notices(assessment: Assessment, ctx: Context) -> tuple[Notice, ...]:
    """Notices when the set used for scoring is not the assessment's own."""
    noted = {n.indicator for n in assessment.notices}
    in_layout = set(ctx.layout.indicators)
    recorded = {s.indicator for s in assessment.statuses}
    out = [
        Notice.model_construct(
            indicator=ind,
            message=f"no status for this indicator of set {ctx.iset.id}; scored as unknown",
        )
        for ind in ctx.layout.indicators
        if ind not in recorded and ind not in noted
    ]
    out += [
        Notice.model_construct(
            indicator=ind,
            message=f"not an active indicator of set {ctx.iset.id}; its status is left out",
        )
        for ind in sorted(recorded - in_layout)
        if ind not in noted
    ]
    return tuple(out)


def _title(
    iset: IndicatorSet, node: str, kind: Literal["category", "criterion"] = "category"
) -> str | None:
    from ..errors import CtnatError

    try:
        found = iset.category(node) if kind == "category" else iset.criterion(node)
        return found.label()
    except CtnatError:
        return None
