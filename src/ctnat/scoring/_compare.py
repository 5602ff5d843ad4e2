"""``ctnat.compare``: several assessments side by side, and how sure each difference is."""

from __future__ import annotations

import collections
import datetime as dt
import enum
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from ..assessment import Assessment, ProvenanceKind, country_name, indicator_set_of
from ..errors import NotFoundError, Problem, ValidationError
from ._method import Aggregator, Method, Rule, Uncertainty, UnknownPolicy, Weights
from ._montecarlo import MEMORY_BUDGET, Draws, simulate
from ._scorecard import Context, Scorecard, _check_enums, _title, _version

if TYPE_CHECKING:
    import pandas as pd

    from ..indicators import IndicatorSet

__all__ = [
    "AssessmentScores",
    "Change",
    "Comparison",
    "ComparisonRecord",
    "Key",
    "PairProbability",
    "ReplicationSummary",
    "View",
    "compare",
]

#: An assessment in a comparison: a country code (when it has one round) or (country, round).
Key = str | tuple[str, dt.date | str]

OVERALL = "overall"

#: ``record()`` lists every ordered pair up to this many assessments; beyond, pass ``pairs=``.
ALL_PAIRS_LIMIT = 50
#: ``summary()`` states every pair up to this many assessments; beyond, neighbours in rank.
SUMMARY_PAIRS_LIMIT = 10

#: Which pairs a record holds: every ordered pair, each assessment against its
#: neighbours in the ranking by point score (both directions), or the pairs listed.
PairSelection = Literal["all", "neighbours"] | Sequence[tuple["Key", "Key"]]


class View(enum.StrEnum):
    """How :meth:`Comparison.summary` presents the comparison."""

    PROFILE = "profile"  # strengths and weaknesses per country (the default: needs, not ranks)
    LEAGUE = "league"  # a ranking by overall score, with probabilities


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Change(_Frozen):
    """The change of one score between two rounds of one country."""

    country: str
    before: dt.date
    after: dt.date
    category: str
    value_before: float | None
    value_after: float | None
    delta: float | None
    prob_increase: float | None = Field(description="share of draws in which it increased")
    reason: str | None = Field(
        default=None, description="why prob_increase is None though draws were run"
    )


class AssessmentScores(_Frozen):
    """One assessment's row of a comparison record."""

    country: str
    round: dt.date
    provenance: ProvenanceKind
    scores: dict[str, float | None]
    #: Rank by the overall score (1 = highest); None when there is no overall score.
    rank: int | None
    #: Why ``rank`` is None (the assessment has no overall score), else None.
    rank_reason: str | None = None
    intervals: dict[str, tuple[float, float] | None] | None = None


class PairProbability(_Frozen):
    """How sure it is that ``a`` scores above ``b`` (overall, or ``category``).

    Both probabilities are None, with the ``reason``, when ``a`` or ``b`` has no
    score to compare (nothing under it counts): undefined, not 0.
    """

    a: str
    b: str
    prob_above: float | None
    prob_tie: float | None
    category: str = OVERALL
    reason: str | None = None


class ReplicationSummary(_Frozen):
    """What the Monte Carlo drew; the method's seed and chunk regenerate every draw."""

    draws: int
    seed: int
    chunk: int = Field(description="draws per tile (memory bound; results do not depend on it)")
    geometric_share: float
    mean_category_weights: dict[str, float]


class ComparisonRecord(_Frozen):
    """A comparison as data (JSON, with a JSON Schema): method, scores, ranks, certainty."""

    method: Method
    categories: tuple[str, ...]
    assessments: tuple[AssessmentScores, ...]
    pairs: tuple[PairProbability, ...] = ()
    pair_selection: str = Field(
        default="all", description="which pairs are listed: all, neighbours (in rank), or listed"
    )
    changes: tuple[Change, ...] = ()
    replications: ReplicationSummary | None = None


def _fmt(x: float | None, digits: int = 2) -> str:
    return "n/a" if x is None or math.isnan(x) else f"{x:.{digits}f}"


@attrs.frozen(eq=False)
class Comparison:
    """Scorecards side by side, with Monte Carlo draws when an uncertainty was given.

    ``scorecards`` is a sequence whose items are built on first access: scores and
    probabilities come from arrays (``points``, ``draws``), so comparing thousands
    of assessments does not build thousands of scorecards.

    Costs, for n assessments and D draws (see docs/method.md): :meth:`prob_above`,
    :meth:`prob_tie` and :meth:`interval` read one assessment's D draws (O(D));
    :meth:`rank_probabilities` sorts each draw (O(D n log n) time, an (n, n)
    result); :meth:`prob_matrix` and ``record(pairs="all")`` compare every pair in
    every draw (O(D n^2) time, streamed in blocks, an (n, n) result).
    """

    keys: tuple[tuple[str, dt.date], ...]
    scorecards: Sequence[Scorecard]
    categories: tuple[str, ...]
    titles: tuple[str, ...]
    method: Method
    draws: Draws | None
    points: npt.NDArray[np.float64] = attrs.field(repr=False)  # (n, n_categories + 1)

    def __repr__(self) -> str:
        # what identifies the comparison; the content is in summary(), to_frame(), _repr_html_()
        labels = ", ".join(self._label(i) for i in range(len(self.keys)))
        draws = f"{self.method.uncertainty.draws} draws" if self.method.uncertainty else "no draws"
        return (
            f"<Comparison of {labels}: {len(self.categories)} categories, "
            f"set {self.method.indicator_set} {self.method.indicator_set_version}, "
            f"unknown={self.method.unknown.value}, {draws}>"
        )

    # -- lookup ---------------------------------------------------------------
    def _index(self, key: Key) -> int:
        if isinstance(key, str):
            hits = [i for i, (c, _) in enumerate(self.keys) if c == key]
            if len(hits) > 1:
                rounds = ", ".join(r.isoformat() for c, r in self.keys if c == key)
                raise NotFoundError(
                    f"{key} has several rounds ({rounds}); give (country, round)",
                    hint=f"e.g. ({key!r}, {self.keys[hits[-1]][1].isoformat()!r})",
                )
        else:
            country, rnd = key
            when = dt.date.fromisoformat(rnd) if isinstance(rnd, str) else rnd
            hits = [i for i, k in enumerate(self.keys) if k == (country, when)]
        if not hits:
            have = ", ".join(f"{c} {r.isoformat()}" for c, r in self.keys)
            raise NotFoundError(f"no assessment {key!r} in this comparison (have: {have})")
        return hits[0]

    def _column(self, category: str | None) -> int:
        if category is None or category == OVERALL:
            return len(self.categories)
        if category not in self.categories:
            raise NotFoundError(
                f"no category {category!r}; categories are {', '.join(self.categories)}"
            )
        return self.categories.index(category)

    def _need_draws(self) -> Draws:
        if self.draws is None:
            raise ValidationError(
                "this comparison has no Monte Carlo draws",
                hint="pass uncertainty=Uncertainty(seed=..., unknown=UnknownDraw(), ...)",
            )
        return self.draws

    # -- deterministic ---------------------------------------------------------
    def value(self, key: Key, category: str | None = None) -> float | None:
        """The score of one assessment (overall, or one category); None if nothing counts."""
        x = float(self.points[self._index(key), self._column(category)])
        return None if math.isnan(x) else x

    def table(self) -> npt.NDArray[np.float64]:
        """(n_assessments, n_categories + 1) scores; the last column is overall; NaN if none."""
        return self.points.copy()

    def ranks(self, category: str | None = None) -> dict[tuple[str, dt.date], int | None]:
        """Rank by score (1 = highest; equal scores share the better rank).

        An assessment with no score (nothing under it counts) has no rank: None, not
        last place (:meth:`rank_reason` says why); the others are ranked among
        themselves.
        """
        col = self.table()[:, self._column(category)]
        scored = col[~np.isnan(col)]
        return {
            k: None if np.isnan(col[i]) else int((scored > col[i]).sum()) + 1
            for i, k in enumerate(self.keys)
        }

    def rank_reason(self, key: Key, category: str | None = None) -> str | None:
        """Why ``key`` has no rank for ``category`` (None if it has one)."""
        i, col = self._index(key), self._column(category)
        if not np.isnan(self.table()[i, col]):
            return None
        return self._no_score(i, col)

    def difference(self, a: Key, b: Key, category: str | None = None) -> float | None:
        """Score of ``a`` minus score of ``b``."""
        va, vb = self.value(a, category), self.value(b, category)
        return None if va is None or vb is None else round(va - vb, 12)

    # -- Monte Carlo ------------------------------------------------------------
    def _col_name(self, col: int) -> str:
        return OVERALL if col == len(self.categories) else f"category {self.categories[col]}"

    def _reason(self, i: int, col: int) -> str | None:
        d = self._need_draws()
        if not d.undefined[i, col]:
            return None
        return self._no_score(i, col, " in the draws")

    def _no_score(self, i: int, col: int, where: str = "") -> str:
        return (
            f"{self._label(i)} has no {self._col_name(col)} score{where}: no indicator "
            "under it counts (every one is not applicable, or unknown and left out)"
        )

    def undefined_reason(self, key: Key, category: str | None = None) -> str | None:
        """Why probabilities involving ``key`` are NaN for ``category``, or None if they are not."""
        return self._reason(self._index(key), self._column(category))

    def _pair(self, i: int, j: int, col: int) -> tuple[float, float, str | None]:
        reason = self._reason(i, col) or self._reason(j, col)
        if reason is not None:
            return math.nan, math.nan, reason
        x = self._need_draws().by_assessment
        sa, sb = x[i, col], x[j, col]
        return float(np.mean(sa > sb)), float(np.mean(sa == sb)), None

    def prob_above(self, a: Key, b: Key, category: str | None = None) -> float:
        """Probability (share of Monte Carlo draws) that ``a`` scores strictly above ``b``.

        ``a`` and ``b`` are country codes, or (country, round) pairs; ``category``
        is a category id, or None for the overall score. Ties count for neither
        side (see :meth:`prob_tie`). NaN (undefined, never 0) when ``a`` or ``b``
        has no score to compare; :meth:`undefined_reason` says why. Cost: O(draws).
        """
        col = self._column(category)
        return self._pair(self._index(a), self._index(b), col)[0]

    def prob_tie(self, a: Key, b: Key, category: str | None = None) -> float:
        """Share of draws in which ``a`` and ``b`` score exactly the same (NaN if undefined)."""
        col = self._column(category)
        return self._pair(self._index(a), self._index(b), col)[1]

    def interval(
        self, key: Key, category: str | None = None, level: float = 0.95
    ) -> tuple[float, float]:
        """The central ``level`` interval of the score over the draws (NaN if no score)."""
        d = self._need_draws()
        x = d.by_assessment[self._index(key), self._column(category)].astype(np.float64)
        x = x[~np.isnan(x)]
        if x.size == 0:
            return (math.nan, math.nan)
        tail = (1.0 - level) / 2
        lo, hi = np.quantile(x, [tail, 1.0 - tail])
        return (float(lo), float(hi))

    def rank_probabilities(self, category: str | None = None) -> npt.NDArray[np.float64]:
        """(n_assessments, n_assessments): probability that assessment i has rank j + 1.

        Ranks are among the assessments that have a score (1 = highest; equal
        scores share the better rank). The row of an assessment without a score is
        NaN (undefined; :meth:`undefined_reason` says why), and with m scored
        assessments the columns beyond m are 0 for the others. Each draw is sorted
        (O(draws n log n) time), in chunks of draws within the memory budget.
        """
        d = self._need_draws()
        col = self._column(category)
        n = len(self.keys)
        out = np.zeros((n, n))
        scored = np.flatnonzero(~d.undefined[:, col])
        out[d.undefined[:, col]] = np.nan
        m = scored.size
        if m == 0:
            return out
        x_all = d.by_assessment[scored, col]  # (m, draws)
        step = max(1, min(d.n, MEMORY_BUDGET // (48 * m)))
        counts = np.zeros(m * m, dtype=np.int64)
        rows = np.arange(m) * m
        for lo in range(0, d.n, step):
            x = np.ascontiguousarray(x_all[:, lo : lo + step].T)  # (chunk, m)
            order = np.argsort(-x, axis=1, kind="stable")  # best first
            s = np.take_along_axis(x, order, axis=1)
            start = np.ones(s.shape, dtype=bool)
            start[:, 1:] = s[:, 1:] != s[:, :-1]
            first = np.maximum.accumulate(np.where(start, np.arange(m), 0), axis=1)
            ranks = np.empty_like(order)
            np.put_along_axis(ranks, order, first, axis=1)  # rank - 1 of each assessment
            counts += np.bincount((rows + ranks).ravel(), minlength=m * m)
        out[np.ix_(scored, np.arange(m))] = counts.reshape(m, m) / d.n
        return out

    def _above_counts(self, col: int) -> npt.NDArray[np.int64]:
        """(n, n) counts of draws in which i scores above j, streamed in blocks of the budget."""
        d = self._need_draws()
        x = d.by_assessment[:, col]  # (n, draws)
        n = x.shape[0]
        counts = np.zeros((n, n), dtype=np.int64)
        step = max(1, min(d.n, 4096))
        rows = max(1, MEMORY_BUDGET // (n * step))
        for lo in range(0, d.n, step):
            chunk = np.ascontiguousarray(x[:, lo : lo + step])
            for i0 in range(0, n, rows):
                block = chunk[i0 : i0 + rows, None, :] > chunk[None, :, :]
                counts[i0 : i0 + rows] += block.sum(axis=2)
        return counts

    def prob_matrix(self, category: str | None = None) -> npt.NDArray[np.float64]:
        """(n, n): entry [i, j] is the probability that assessment i scores above j.

        Rows and columns of an assessment without a score are NaN. Cost: every
        pair in every draw, O(draws n^2) time (streamed in blocks), an (n, n) result.
        """
        d = self._need_draws()
        col = self._column(category)
        out = self._above_counts(col) / d.n
        bad = d.undefined[:, col]
        out[bad, :] = np.nan
        out[:, bad] = np.nan
        return out

    def pair_probabilities(
        self, pairs: PairSelection = "all", category: str | None = None
    ) -> tuple[PairProbability, ...]:
        """The probabilities of the pairs asked for: ``"all"`` ordered pairs (streamed,
        O(draws n^2)), ``"neighbours"`` (each assessment and the next in the ranking
        by point score, both ways: O(draws n)), or a list of (a, b) keys (O(draws) each).
        """
        col = self._column(category)
        name = OVERALL if col == len(self.categories) else self.categories[col]
        labels = [f"{c} {r.isoformat()}" for c, r in self.keys]
        n = len(self.keys)
        if isinstance(pairs, str) and pairs == "all":
            d = self._need_draws()
            above = self._above_counts(col)
            out = []
            for i in range(n):
                for j in range(n):
                    if i == j:
                        continue
                    reason = self._reason(i, col) or self._reason(j, col)
                    p = None if reason else float(above[i, j] / d.n)
                    t = None if reason else float((d.n - above[i, j] - above[j, i]) / d.n)
                    out.append(
                        PairProbability(
                            a=labels[i],
                            b=labels[j],
                            prob_above=p,
                            prob_tie=t,
                            category=name,
                            reason=reason,
                        )
                    )
            return tuple(out)
        index: Iterable[tuple[int, int]]
        if isinstance(pairs, str):
            if pairs != "neighbours":
                raise ValidationError(
                    f"pairs must be 'all', 'neighbours' or a list of (a, b) keys, not {pairs!r}"
                )
            col_values = np.nan_to_num(self.points[:, col], nan=-np.inf)
            order = [int(k) for k in np.argsort(-col_values, kind="stable")]
            index = [pair for i, j in itertools.pairwise(order) for pair in ((i, j), (j, i))]
        else:
            index = [(self._index(a), self._index(b)) for a, b in pairs]
        result = []
        for i, j in index:
            p, t, reason = self._pair(i, j, col)
            result.append(
                PairProbability(
                    a=labels[i],
                    b=labels[j],
                    prob_above=None if reason else p,
                    prob_tie=None if reason else t,
                    category=name,
                    reason=reason,
                )
            )
        return tuple(result)

    def changes(self) -> tuple[Change, ...]:
        """Changes between consecutive rounds of each country (overall and per category)."""
        out = []
        for country in dict.fromkeys(c for c, _ in self.keys):
            rounds = sorted(r for c, r in self.keys if c == country)
            for before, after in itertools.pairwise(rounds):
                a, b = (country, after), (country, before)
                for cat in (*self.categories, OVERALL):
                    vb, va = self.value(b, cat), self.value(a, cat)
                    delta = None if va is None or vb is None else round(va - vb, 12)
                    p: float | None = None
                    reason = None
                    if self.draws is not None:
                        i, j, col = self._index(a), self._index(b), self._column(cat)
                        p, _, reason = self._pair(i, j, col)
                        p = None if reason else p
                    out.append(
                        Change(
                            country=country,
                            before=before,
                            after=after,
                            category=cat,
                            value_before=vb,
                            value_after=va,
                            delta=delta,
                            prob_increase=p,
                            reason=reason,
                        )
                    )
        return tuple(out)

    # -- presentation -------------------------------------------------------------
    def _label(self, i: int) -> str:
        c, r = self.keys[i]
        several = sum(1 for k, _ in self.keys if k == c) > 1
        return f"{c} {r.isoformat()}" if several else c

    def to_frame(self) -> pd.DataFrame:
        """Scores per assessment (rows) and category (columns, labelled with the category
        names), with the overall score and, when draws exist, 95% interval columns; shown
        rounded, exact underneath; needs ``pip install "ctnat[pandas]"``."""
        from ._frames import frame

        t = self.table()
        # category ids with their names as column labels ("1 Identification and referral")
        cols = [f"{c} {n}".strip() for c, n in zip(self.categories, self.titles, strict=True)]
        cols.append(OVERALL)
        rows = []
        for i, (c, r) in enumerate(self.keys):
            row: dict[str, Any] = {"country": c, "round": r}
            for j, col in enumerate(cols):
                row[col] = float(t[i, j])
            if self.draws is not None:
                lo, hi = self.interval(self.keys[i])
                row["overall_low"], row["overall_high"] = lo, hi
            rows.append(row)
        return frame(rows, ["country", "round"])

    def _repr_html_(self) -> str:
        from html import escape

        t = self.table()
        labels = [self._label(i) for i in range(len(self.keys))]
        head = "<tr><th>category</th>" + "".join(f"<th>{escape(x)}</th>" for x in labels) + "</tr>"
        rows = ""
        for j, (cid, title) in enumerate(
            zip((*self.categories, OVERALL), (*self.titles, ""), strict=True)
        ):
            cells = "".join(f"<td>{_fmt(float(t[i, j]))}</td>" for i in range(len(labels)))
            rows += f"<tr><td>{escape(cid)} {escape(title)}</td>{cells}</tr>"
        from .._html import inline_styles  # notebooks drop <style>; keep the look inline

        warnings = "".join(
            f'<p class="caveat">{escape(self._label(i))} {escape(word)}</p>'
            for i, card in enumerate(self.scorecards)
            if (word := _provenance_word(card))
        )
        return inline_styles(
            f"{warnings}<table>{head}{rows}</table><pre>{escape(self.summary())}</pre>"
        )

    def summary(self, view: View | str = View.PROFILE) -> str:
        """Plain text for a terminal: a profile per country (default) or a league table
        (``view="league"``)."""
        from .._choices import choice

        view = choice(View, view, parameter="view")
        m = self.method
        head = [
            (
                f"Comparison of {len(self.keys)} assessments against the fixed status scale "
                f"(not met 0, partly met 0.5, met 1)"
            ),
            f"method: rule={m.rule}, aggregator={m.aggregator}, unknown={m.unknown}, "
            f"indicator set {m.indicator_set} {m.indicator_set_version or ''}".rstrip(),
        ]
        if self.draws is not None and m.uncertainty is not None:
            u = m.uncertainty
            varied = [
                name
                for name, on in (
                    ("unknown statuses", u.unknown),
                    ("partly-met resolved", u.partly_met),
                    ("category weights", u.weights),
                    ("aggregator", u.aggregator),
                )
                if on is not None
            ]
            head.append(
                f"Monte Carlo: {u.draws} draws, seed {u.seed}; varied: {', '.join(varied) or 'nothing'}"
            )
        for sc in self.scorecards:
            kind = _provenance_word(sc)
            if kind:
                head.append(f"note: {sc.country} {kind}")
        body = self._league() if view is View.LEAGUE else self._profile()
        return "\n".join([*head, "", *body])

    def _table_lines(self) -> list[str]:
        t = self.table()
        labels = [self._label(i) for i in range(len(self.keys))]
        width = max(10, *(len(x) for x in labels)) + 2
        lines = [f"{'category':<36}" + "".join(f"{x:>{width}}" for x in labels)]
        for j, (cid, title) in enumerate(
            zip((*self.categories, OVERALL), (*self.titles, ""), strict=True)
        ):
            name = f"{cid} {title}"[:35] if cid != OVERALL else "overall"
            cells = "".join(f"{_fmt(float(t[i, j])):>{width}}" for i in range(len(self.keys)))
            lines.append(f"{name:<36}{cells}")
        if self.draws is not None:
            spans = []
            for i in range(len(self.keys)):
                lo, hi = self.interval(self.keys[i])
                spans.append("n/a" if math.isnan(lo) else f"{lo:.2f}-{hi:.2f}")
            lines.append(f"{'overall, 95% interval':<36}" + "".join(f"{x:>{width}}" for x in spans))
        return lines

    def _profile(self) -> list[str]:
        lines = ["Scores by category (profile view; higher is stronger):"]
        lines += self._table_lines()
        lines.append("")
        for i, sc in enumerate(self.scorecards):
            cats = [c for c in sc.categories if c.score.value is not None]
            ordered = sorted(cats, key=lambda c: (-(c.score.value or 0.0), c.category))
            strong = ", ".join(
                f"{c.category} {c.title or ''} ({_fmt(c.score.value)})".strip() for c in ordered[:2]
            )
            weak = ", ".join(
                f"{c.category} {c.title or ''} ({_fmt(c.score.value)})".strip()
                for c in ordered[::-1][:2]
            )
            gaps = [c for c in sc.categories if c.gap is not None]
            widest = max(gaps, key=lambda c: c.gap or 0.0) if gaps else None
            cov = sc.overall.coverage
            lines.append(
                f"{self._label(i)} ({country_name(sc.country)}), coverage "
                f"{cov.judged}/{cov.applicable} indicators judged:"
            )
            lines.append(f"  strengths:  {strong}")
            lines.append(f"  weaknesses: {weak}")
            if widest is not None:
                lines.append(
                    f"  widest implementation gap (framework - operational): "
                    f"{widest.category} {widest.title or ''} ({widest.gap:+.2f})"
                )
        lines += self._certainty_lines()
        return lines

    def _league(self) -> list[str]:
        order = sorted(
            range(len(self.keys)), key=lambda i: -np.nan_to_num(self.table()[i, -1], nan=-1)
        )
        lines = ["League table by overall score (the method was built to find needs, not to rank):"]
        probs = self.rank_probabilities() if self.draws is not None else None
        for pos, i in enumerate(order, start=1):
            v = self.scorecards[i].overall.score.value
            extra = ""
            if self.draws is not None and probs is not None:
                lo, hi = self.interval(self.keys[i])
                first = "undefined" if math.isnan(probs[i, 0]) else f"{probs[i, 0]:.2f}"
                extra = f"  95% interval {_fmt(lo)}-{_fmt(hi)}  P(rank 1) {first}"
            lines.append(f"{pos:>3}. {self._label(i):<16} {_fmt(v)}{extra}")
        lines += self._certainty_lines()
        return lines

    def _certainty_lines(self) -> list[str]:
        if self.draws is None:
            return ["", "How sure: no Monte Carlo was run (pass uncertainty=Uncertainty(...))."]
        lines = [
            "",
            "How sure (overall score, share of draws; only the assumptions varied above",
            "are uncertain here, and 'clear' means a probability of at least 0.95):",
        ]
        n = len(self.keys)
        col = len(self.categories)
        if n <= SUMMARY_PAIRS_LIMIT:
            pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
        else:
            order = np.argsort(-np.nan_to_num(self.points[:, col], nan=-np.inf), kind="stable")
            pairs = [(int(i), int(j)) for i, j in itertools.pairwise(order)]
            lines.append(
                f"  ({n} assessments: each against the next in the ranking by overall score; "
                "every pair: record(pairs='all') or prob_matrix())"
            )
        for i, j in pairs:
            p, _, reason = self._pair(i, j, col)
            if reason is not None:
                lines.append(f"  P({self._label(i)} above {self._label(j)}): undefined ({reason})")
                continue
            q = self._pair(j, i, col)[0]
            verdict = "inconclusive" if max(p, q) < 0.95 else "clear"
            lines.append(
                f"  P({self._label(i)} above {self._label(j)}) = {p:.2f}, "
                f"P({self._label(j)} above {self._label(i)}) = {q:.2f}: {verdict}"
            )
        return lines

    def record(self, pairs: PairSelection | None = None) -> ComparisonRecord:
        """The comparison as a pydantic model (serialisable, with a JSON Schema).

        ``pairs`` chooses the pair probabilities listed (see :meth:`pair_probabilities`);
        by default every ordered pair, which is refused beyond :data:`ALL_PAIRS_LIMIT`
        assessments (n (n - 1) pairs): choose ``"neighbours"`` or list the pairs.
        """
        n = len(self.keys)
        if pairs is None:
            if n > ALL_PAIRS_LIMIT and self.draws is not None:
                raise ValidationError(
                    f"a record of {n} assessments with every pair holds {n * (n - 1)} pairs",
                    hint="record(pairs='neighbours'), record(pairs=[(a, b), ...]) "
                    "or record(pairs='all') if you mean it",
                )
            pairs = "all"
        t = self.table()
        cols = [*self.categories, OVERALL]
        ranks = self.ranks()

        def num(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        rows = []
        for i, (c, r) in enumerate(self.keys):
            intervals: dict[str, tuple[float, float] | None] | None = None
            if self.draws is not None:
                intervals = {}
                for col in cols:
                    lo, hi = self.interval(self.keys[i], col)
                    intervals[col] = None if math.isnan(lo) else (lo, hi)
            rows.append(
                AssessmentScores(
                    country=c,
                    round=r,
                    provenance=self.scorecards[i].provenance.kind,
                    scores={col: num(t[i, j]) for j, col in enumerate(cols)},
                    rank=ranks[(c, r)],
                    rank_reason=self.rank_reason((c, r)),
                    intervals=intervals,
                )
            )
        listed: tuple[PairProbability, ...] = ()
        replications = None
        if self.draws is not None:
            listed = self.pair_probabilities(pairs)
            replications = ReplicationSummary(
                draws=self.draws.n,
                seed=self.draws.seed,
                chunk=self.draws.chunk,
                geometric_share=float(self.draws.geometric.mean()),
                mean_category_weights={
                    cat: float(w)
                    for cat, w in zip(
                        self.categories, self.draws.category_weights.mean(axis=0), strict=True
                    )
                },
            )
        return ComparisonRecord(
            method=self.method,
            categories=self.categories,
            assessments=tuple(rows),
            pairs=listed,
            pair_selection=pairs if isinstance(pairs, str) else "listed",
            changes=self.changes(),
            replications=replications,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form of :meth:`record`."""
        return self.record().model_dump(mode="json")


def _provenance_word(sc: Scorecard) -> str:
    kind = sc.provenance.kind
    if kind is ProvenanceKind.SYNTHETIC:
        return "is SYNTHETIC example data (generated statuses, not real findings)"
    if kind is ProvenanceKind.READING:
        return "statuses are a reading of a published report, not the report's own marks"
    return ""


def _indicator_sets(assessments: Sequence[Assessment]) -> list[IndicatorSet]:
    """The set of each assessment, resolved once per distinct reference (not embedded)."""
    cache: dict[tuple[str, str | None, str | None], IndicatorSet] = {}
    out = []
    for a in assessments:
        ref = a.indicator_set
        if ref.embedded is not None:
            out.append(indicator_set_of(a))
            continue
        key = (ref.id, ref.version, None if ref.file is None else str(ref.file))
        if key not in cache:
            cache[key] = indicator_set_of(a)
        out.append(cache[key])
    return out


def compare(
    assessments: Sequence[Assessment],
    *,
    unknown: UnknownPolicy | str,
    rule: Rule | str = Rule.ADDITIVE,
    weights: Weights | None = None,
    aggregator: Aggregator | str = Aggregator.ARITHMETIC,
    uncertainty: Uncertainty | None = None,
    indicator_set: IndicatorSet | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Comparison:
    """Score several assessments with one method and compare them.

    With ``uncertainty`` a seeded, vectorised Monte Carlo varies what it names
    (unknown statuses, partly-met resolution, category weights, aggregator) and
    the comparison gives probabilities and intervals. Assessments are keyed by
    (country, round); rounds of one country compare as change over time.
    ``progress``, if given, is called as ``progress(done, total)`` after each chunk
    of draws (the command line uses it for a progress bar); it does not change results.
    """
    rule, aggregator, unknown = _check_enums(rule, aggregator, unknown)
    if not assessments:
        raise ValidationError("nothing to compare: give at least one assessment")
    keys = [a.key for a in assessments]
    seen = collections.Counter(keys)
    dup = sorted(k for k, times in seen.items() if times > 1)
    if dup:
        raise ValidationError(f"{dup[0][0]} {dup[0][1].isoformat()} is given twice")
    if indicator_set is None:
        sets = _indicator_sets(assessments)
        used = {(s.id, s.version) for s in sets}
        if len(used) > 1:
            raise ValidationError(
                [
                    Problem(
                        f"{a.country} {a.round.isoformat()} uses indicator set {s.id} {s.version}",
                        location="indicator_set",
                    )
                    for a, s in zip(assessments, sets, strict=True)
                ]
                + [
                    Problem(
                        "assessments on different indicator sets are not comparable; "
                        "pass indicator_set= (on the command line: --indicator-set FILE) "
                        "to score them all against one set"
                    )
                ]
            )
        indicator_set = sets[0]
    weights = weights if weights is not None else Weights()
    ctx = Context.build(indicator_set, weights)
    batch = ctx.batch(assessments, unknown=unknown, rule=rule, aggregator=aggregator)
    layout, w = ctx.layout, ctx.arrays
    method = Method(
        rule=rule,
        weights=weights,
        aggregator=aggregator,
        unknown=unknown,
        indicator_set=indicator_set.id,
        indicator_set_version=indicator_set.version,
        uncertainty=uncertainty,
        chunk=None,
        ctnat_version=_version(),
    )
    draws = None
    if uncertainty is not None:
        draws = simulate(
            batch.vals,
            batch.unk,
            layout,
            w,
            ladder=rule is Rule.LADDER,
            geometric=aggregator is Aggregator.GEOMETRIC,
            policy=unknown,
            uncertainty=uncertainty,
            keys=[f"{c}:{r.isoformat()}" for c, r in keys],
            progress=progress,
        )
        method = method.model_copy(update={"chunk": draws.chunk})
    titles = tuple(_title(indicator_set, c) or "" for c in layout.categories)
    return Comparison(
        keys=tuple(keys),
        scorecards=batch.scorecards(),
        categories=layout.categories,
        titles=titles,
        method=method,
        draws=draws,
        points=batch.point_table(),
    )
