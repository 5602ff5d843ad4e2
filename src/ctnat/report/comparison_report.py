"""The comparative report: several assessments side by side, and how sure each difference is.

Sections: where the data come from (synthetic or read data is flagged for each
assessment) and the scoring method; a heat map of criteria x countries; the
category scores with their intervals; overall scores with coverage; the
probability of each rank and of each pairwise order (from the comparison's
seeded Monte Carlo, when it was run).

Scores are on the indicator scale's fixed goalposts (0 = no indicator met, 1 =
all met); nothing is normalised across countries.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import CtnatError
from .assessment_report import Format, _country_name, render
from .charts import heat_map, score_bars
from .document import Block, BulletList, Document, Heading, Paragraph
from .statements import GEOMETRIC_ZERO, NOT_MODELLED, varied_assumptions
from .table import Cell, Table

if TYPE_CHECKING:  # pragma: no cover
    from ..indicators import IndicatorSet
    from ._shapes import ComparisonLike, ScoreLike

__all__ = ["comparison_document", "render_comparison", "rounds_document"]

_RANK_NOTE = (
    "Share of Monte Carlo draws in which the assessment has that rank; equal scores "
    "share the better rank, so a column may add to more than 100%."
)


def _labels(comparison: ComparisonLike) -> list[str]:
    """Country names beside their codes ("Azerbaijan (AZE)"), with the round when a
    country has several."""
    per_country = Counter(country for country, _ in comparison.keys)
    out = []
    for country, when in comparison.keys:
        name = _country_name(country)
        label = country if name == country else f"{name} ({country})"
        out.append(f"{label} {when.isoformat()}" if per_country[country] > 1 else label)
    return out


def _probability(value: Any) -> float | None:
    """A probability from the comparison, or None when it is undefined (None or NaN)."""
    if value is None:
        return None
    p = float(value)
    return None if math.isnan(p) else p


def _percent(p: float | None) -> str:
    return "undefined" if p is None else f"{p:.0%}"


def _value(score: ScoreLike) -> float:
    return math.nan if score.value is None else float(score.value)


def _indicator_set(comparison: ComparisonLike, given: IndicatorSet | None) -> IndicatorSet | None:
    if given is not None:
        return given
    set_id = getattr(comparison.method, "indicator_set", None)
    if not isinstance(set_id, str):
        return None
    from ..indicators import builtin

    try:
        return builtin(set_id)
    except CtnatError:
        return None  # an extended set from a file: criteria are shown by id


def _provenance(comparison: ComparisonLike, labels: Sequence[str]) -> list[Block]:
    lines = []
    for label, card in zip(labels, comparison.scorecards, strict=True):
        kind = str(card.provenance.kind)
        if kind == "synthetic":
            lines.append(f"{label}: SYNTHETIC example data (generated statuses, not findings).")
        elif kind == "reading":
            lines.append(
                f"{label}: statuses read from a published report, not the report's own marks."
            )
        else:
            lines.append(f"{label}: statuses recorded by the assessors.")
    blocks: list[Block] = [BulletList(items=tuple(lines))]
    if any(str(c.provenance.kind) == "synthetic" for c in comparison.scorecards):
        blocks.insert(
            0,
            Paragraph(
                text="Some assessments below are synthetic example data: their scores and "
                "ranks say nothing about the countries named.",
                style="caveat",
            ),
        )
    return blocks


def _method(comparison: ComparisonLike) -> Paragraph:
    m = comparison.method
    parts = [
        f"rule {getattr(m, 'rule', '?')}",
        f"aggregator {getattr(m, 'aggregator', '?')}",
        f"unknown statuses: {getattr(m, 'unknown', '?')}",
    ]
    set_id, version = getattr(m, "indicator_set", None), getattr(m, "indicator_set_version", None)
    if set_id:
        parts.append(f"indicator set {set_id}" + (f" version {version}" if version else ""))
    text = "Scoring method: " + "; ".join(str(p) for p in parts) + "."
    draws = comparison.draws
    if draws is not None:
        n = int(np.shape(draws.scores)[0])
        seed = getattr(draws, "seed", None)
        text += f" Uncertainty: {n} seeded Monte Carlo draws" + (
            f" (seed {seed})." if seed is not None else "."
        )
    else:
        text += " No Monte Carlo was run: intervals are the bounds of the unknown policy only."
    return Paragraph(text=text)


def _method_notes(comparison: ComparisonLike) -> list[Block]:
    """What the probabilities rest on, and what geometric aggregation does, when used."""
    m = comparison.method
    blocks: list[Block] = []
    varied = varied_assumptions(m)
    if comparison.draws is not None:
        blocks.append(
            Paragraph(
                text="Varied in the Monte Carlo: "
                + ("; ".join(varied) if varied else "nothing")
                + ". "
                + NOT_MODELLED
            )
        )
    u = getattr(m, "uncertainty", None)
    if str(getattr(m, "aggregator", "")) == "geometric" or getattr(u, "aggregator", None):
        blocks.append(Paragraph(text=GEOMETRIC_ZERO, style="caveat"))
    return blocks


def _heat(
    comparison: ComparisonLike, labels: Sequence[str], iset: IndicatorSet | None, charts: bool
) -> Block:
    criteria = [c.criterion for c in comparison.scorecards[0].criteria]
    values = np.full((len(criteria), len(labels)), np.nan)
    for j, card in enumerate(comparison.scorecards):
        by_id = {c.criterion: _value(c.score) for c in card.criteria}
        for i, cid in enumerate(criteria):
            values[i, j] = by_id.get(cid, math.nan)
    names = []
    for cid in criteria:
        if iset is not None and cid in iset:
            names.append(f"{cid} {iset.criterion(cid).label()}")
        else:
            names.append(cid)
    return heat_map(
        names,
        labels,
        values,
        caption="Criterion scores by country (0 = no indicator met, 1 = all met; "
        "unknown = no indicator judged)",
        svg=charts,
    )


def _interval(
    comparison: ComparisonLike, index: int, category: str | None, score: ScoreLike
) -> tuple[float, float]:
    if comparison.draws is not None:
        lo, hi = comparison.interval(comparison.keys[index], category)
        return float(lo), float(hi)
    if score.low is None or score.high is None:
        return (math.nan, math.nan)
    return float(score.low), float(score.high)


_EDGE = 1e-6


def _policy_words(comparison: ComparisonLike) -> str:
    policy = str(getattr(comparison.method, "unknown", ""))
    return {
        "exclude": "unknown indicators left out",
        "not_met": "every unknown indicator counted as not met",
        "propagate": "unknown indicators carried as bounds",
    }.get(policy, f"unknown policy {policy}")


def _drawn_unknowns(comparison: ComparisonLike) -> bool:
    u = getattr(comparison.method, "uncertainty", None)
    return comparison.draws is not None and getattr(u, "unknown", None) is not None


def _edge_kind(s: float, lo: float, hi: float) -> str | None:
    """ "none" (no spread), "below", "above", "lower", "upper" (at that edge), or None."""
    if math.isnan(s) or math.isnan(lo) or math.isnan(hi):
        return None
    if hi - lo <= _EDGE and abs(s - lo) <= _EDGE:
        return "none"
    if s < lo - _EDGE:
        return "below"
    if s > hi + _EDGE:
        return "above"
    if abs(s - lo) <= _EDGE:
        return "lower"
    if abs(s - hi) <= _EDGE:
        return "upper"
    return None


def _edge_notes(
    comparison: ComparisonLike,
    labels: Sequence[str],
    names: Sequence[str],
    s: np.ndarray[Any, Any],
    lo: np.ndarray[Any, Any],
    hi: np.ndarray[Any, Any],
) -> list[str]:
    """Why point scores lie at or outside an edge of their intervals, grouped by reason."""
    if comparison.draws is None:
        return []
    ids = list(comparison.categories) or list(names)
    groups: dict[str, dict[str, list[str]]] = {}
    outside: list[str] = []
    for g, label in enumerate(labels):
        for i, name in enumerate(names):
            kind = _edge_kind(s[g, i], lo[g, i], hi[g, i])
            if kind is None:
                continue
            if kind in {"below", "above"}:
                outside.append(
                    f"{label}, {name}: the score {s[g, i]:.2f} lies {kind} the draws' interval "
                    f"{lo[g, i]:.2f}\u2013{hi[g, i]:.2f}."
                )
                continue
            key = "none" if kind == "none" else "edge"
            cell = ids[i] if kind == "none" else f"{ids[i]} ({kind})"
            groups.setdefault(key, {}).setdefault(label, []).append(cell)
    different = _drawn_unknowns(comparison)
    notes: list[str] = []
    if outside or (different and groups.get("edge")):
        notes.append(
            f"Each score is computed with {_policy_words(comparison)}; each interval is the "
            "central 95% of draws that give every unknown indicator a random status. The two "
            "come from different models, so a score can lie at an edge of its interval or "
            "outside it; the interval is shown as drawn, not widened to include the score."
            if different
            else "Each score and its interval come from the same statuses."
        )
    notes += outside

    def listed(by_label: dict[str, list[str]]) -> str:
        return "; ".join(f"{label} {', '.join(cells)}" for label, cells in by_label.items())

    if "edge" in groups:
        notes.append(
            "At an edge of the interval (at least 2.5% of the draws give exactly the score "
            "and the rest lie on one side of it): " + listed(groups["edge"]) + "."
        )
    if "none" in groups:
        notes.append(
            "No spread (no unknown indicator under the score, and category weights do not "
            "change a category's own score, so every draw gives the same value): "
            + listed(groups["none"])
            + "."
        )
    return notes


def _category_arrays(
    comparison: ComparisonLike,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    cats = list(comparison.categories)
    shape = (len(comparison.keys), len(cats))
    s, lo, hi = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    for g, card in enumerate(comparison.scorecards):
        by_id = {c.category: c for c in card.categories}
        for i, cid in enumerate(cats):
            cs = by_id.get(cid)
            if cs is None or cs.score.value is None:
                continue
            s[g, i] = cs.score.value
            lo[g, i], hi[g, i] = _interval(comparison, g, cid, cs.score)
    # Draws are float32: snap an edge within float32 rounding of the point onto it.
    lo = np.where(np.abs(lo - s) <= _EDGE, s, lo)
    hi = np.where(np.abs(hi - s) <= _EDGE, s, hi)
    return s, lo, hi


def _category_names(comparison: ComparisonLike) -> list[str]:
    cats = list(comparison.categories)
    titles = list(comparison.titles)
    return [f"{c} {t}".strip() for c, t in zip(cats, titles, strict=False)] or cats


def _category_scores(
    comparison: ComparisonLike, labels: Sequence[str], charts: bool
) -> list[Block]:
    names = _category_names(comparison)
    s, lo, hi = _category_arrays(comparison)
    kind = (
        "central 95% of the Monte Carlo draws, as drawn"
        if comparison.draws is not None
        else "every unknown not met / met"
    )
    notes = _edge_notes(comparison, labels, names, s, lo, hi)
    return [
        score_bars(
            names,
            s,
            np.where(np.isnan(lo), s, lo),
            np.where(np.isnan(hi), s, hi),
            series=labels,
            caption=f"Category scores with their intervals ({kind})",
            notes=tuple(notes),
            svg=charts,
        )
    ]


def _strong_weak(comparison: ComparisonLike, label: str, g: int) -> str:
    names = _category_names(comparison)
    s, _, _ = _category_arrays(comparison)
    row = s[g]
    known = [i for i in range(len(names)) if not math.isnan(row[i])]
    if not known:
        return f"{label}: no category has a judged indicator, so nothing can be said."
    top = max(row[i] for i in known)
    low = min(row[i] for i in known)
    best = [names[i] for i in known if row[i] == top]
    worst = [names[i] for i in known if row[i] == low]
    unknown = [names[i] for i in range(len(names)) if math.isnan(row[i])]
    text = (
        f"{label} is strongest in {_join(best)} ({top:.2f}) and most needs work in "
        f"{_join(worst)} ({low:.2f})"
    )
    if top == low:
        text = f"{label} scores {top:.2f} in every category with a judged indicator"
    if unknown:
        text += f"; {_join(unknown)}: no indicator judged"
    return text + "."


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def _clear_and_unclear(
    comparison: ComparisonLike, labels: Sequence[str], category: str | None
) -> tuple[list[str], list[str]]:
    prob_above = getattr(comparison, "prob_above", None)
    clear: list[str] = []
    unclear: list[str] = []
    if comparison.draws is None or prob_above is None:
        return clear, unclear
    n = len(labels)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = comparison.keys[i], comparison.keys[j]
            p = _probability(prob_above(a, b, category))
            q = _probability(prob_above(b, a, category))
            if p is None or q is None:
                unclear.append(f"{labels[i]} vs {labels[j]} (undefined: nothing judged)")
            elif p >= 0.95:
                clear.append(f"{labels[i]} above {labels[j]} ({p:.0%})")
            elif q >= 0.95:
                clear.append(f"{labels[j]} above {labels[i]} ({q:.0%})")
            else:
                unclear.append(f"{labels[i]} vs {labels[j]} ({p:.0%} / {q:.0%})")
    return clear, unclear


def _headline(comparison: ComparisonLike, labels: Sequence[str]) -> list[Block]:
    """The opening in words, computed from the scores and the draws."""
    items = [_strong_weak(comparison, label, g) for g, label in enumerate(labels)]
    blocks: list[Block] = [Heading(text="Headline"), BulletList(items=tuple(items))]
    if comparison.draws is None:
        blocks.append(
            Paragraph(
                text="No Monte Carlo was run, so no difference is stated as clear or unclear.",
                style="caveat",
            )
        )
        return blocks
    lines = []
    clear, unclear = _clear_and_unclear(comparison, labels, None)
    if clear:
        lines.append("Clear overall (probability at least 95%): " + "; ".join(clear) + ".")
    if unclear:
        lines.append("Not clear overall: " + "; ".join(unclear) + ".")
    blocks.append(BulletList(items=tuple(lines)))
    if len(labels) > 1:
        rows = []
        for cid, name in zip(comparison.categories, _category_names(comparison), strict=True):
            c_clear, c_unclear = _clear_and_unclear(comparison, labels, cid)
            rows.append((name, "; ".join(c_clear) or "none", "; ".join(c_unclear) or "none"))
        blocks.append(
            Table(
                title="Which differences are clear, by category",
                columns=("Category", "Clear (probability at least 95%)", "Not clear"),
                rows=tuple(rows),
                notes=(
                    (
                        "Share of Monte Carlo draws in which one scores strictly above the other; "
                        "a category whose score does not vary over the draws gives 100% or 0%."
                    ),
                ),
            )
        )
    return blocks


def _overall(comparison: ComparisonLike, labels: Sequence[str]) -> Table:
    rows = []
    for g, (label, card) in enumerate(zip(labels, comparison.scorecards, strict=True)):
        score = card.overall.score
        value = _value(score)
        lo, hi = _interval(comparison, g, None, score)
        cov = card.overall.coverage
        rows.append(
            (
                label,
                "unknown" if math.isnan(value) else f"{value:.2f}",
                "" if math.isnan(lo) else f"{lo:.2f}\u2013{hi:.2f}",
                f"{cov.judged} of {cov.applicable}",
            )
        )
    return Table(
        title="Overall scores",
        columns=("Assessment", "Score", "Interval", "Indicators judged"),
        rows=tuple(rows),
    )


def _ranks(comparison: ComparisonLike, labels: Sequence[str]) -> list[Block]:
    if comparison.draws is None:
        return [
            Paragraph(
                text="No Monte Carlo was run, so the comparison cannot say how sure any rank "
                "is; with samples this small a rank is rarely certain.",
                style="caveat",
            )
        ]
    probs = np.asarray(comparison.rank_probabilities(None), dtype=float)
    n = len(labels)
    undefined = [labels[i] for i in range(n) if np.isnan(probs[i]).any()]
    rank_notes = [_RANK_NOTE]
    if undefined:
        rank_notes.append(
            f"Undefined for {_join(undefined)}: in some draws nothing under the score was "
            "judged, so it has no rank there (not the last rank)."
        )
    rank_table = Table(
        title="Probability of each rank (overall score)",
        columns=("Assessment", *(f"Rank {r + 1}" for r in range(n))),
        rows=tuple(
            (label, *(_percent(_probability(probs[i, r])) for r in range(n)))
            for i, label in enumerate(labels)
        ),
        notes=tuple(rank_notes),
    )
    blocks: list[Block] = [rank_table]
    prob_above = getattr(comparison, "prob_above", None)
    if prob_above is not None and n > 1:
        rows = []
        inconclusive = []
        for i, a in enumerate(comparison.keys):
            cells: list[Cell | str] = [labels[i]]
            for j, b in enumerate(comparison.keys):
                if i == j:
                    cells.append(Cell(value="\u2014"))
                    continue
                p = _probability(prob_above(a, b))
                cells.append(Cell(value=_percent(p)))
                if i < j and p is not None and 0.1 < p < 0.9:
                    inconclusive.append(f"{labels[i]} vs {labels[j]} ({p:.0%})")
            rows.append(tuple(cells))
        notes = ["Row above column: share of draws in which the row's overall score is higher."]
        if inconclusive:
            notes.append("Inconclusive (between 10% and 90%): " + "; ".join(inconclusive) + ".")
        blocks.append(
            Table(
                title="Probability that one scores above another (overall)",
                columns=("", *labels),
                rows=tuple(rows),
                notes=tuple(notes),
            )
        )
    return blocks


def comparison_document(
    comparison: ComparisonLike,
    *,
    indicator_set: IndicatorSet | None = None,
    title: str | None = None,
    charts: bool = True,
) -> Document:
    """The comparative report as a :class:`Document` (``charts=False``: tables only)."""
    labels = _labels(comparison)
    iset = _indicator_set(comparison, indicator_set)
    years = sorted({when.year for _, when in comparison.keys})
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}\u2013{years[-1]}"
    doc_title = title or f"Counter-trafficking responses compared: {', '.join(labels)} ({span})"
    varied = varied_assumptions(comparison.method)
    lead = (
        "Scores are on the fixed scale of the indicators (0 = no indicator met, "
        "1 = all met). Nothing is normalised across countries."
    )
    if comparison.draws is not None:
        lead += (
            " A difference is reported with the share of Monte Carlo draws in which it holds, "
            "when " + (_join(varied) if varied else "nothing") + " vary; survey sampling and "
            "the analyst's reading of the evidence are not modelled."
        )
    blocks: list[Any] = [
        Paragraph(text=lead, style="lead"),
        *_headline(comparison, labels),
        Heading(text="1. Data and method"),
        *_provenance(comparison, labels),
        _method(comparison),
        *_method_notes(comparison),
        Heading(text="2. Criteria by country"),
        _heat(comparison, labels, iset, charts),
        Heading(text="3. Category scores"),
        *_category_scores(comparison, labels, charts),
        _overall(comparison, labels),
        Heading(text="4. How sure the ranks are"),
        *_ranks(comparison, labels),
    ]
    return Document(title=doc_title, blocks=tuple(blocks))


def render_comparison(
    comparison: ComparisonLike,
    fmt: Format | str = "html",
    *,
    indicator_set: IndicatorSet | None = None,
    title: str | None = None,
) -> str:
    """The comparative report as HTML (a self-contained page) or Markdown."""
    if fmt not in {"html", "markdown", "md"}:
        render(Document(title="x"), fmt)  # raises the error naming the formats
    doc = comparison_document(
        comparison, indicator_set=indicator_set, title=title, charts=fmt == "html"
    )
    return render(doc, fmt)


# -- rounds over time -------------------------------------------------------------------------
def _status_word(status: Any) -> str:
    return str(getattr(status, "value", status)).replace("_", " ")


def _set_ids(assessment: Any) -> tuple[str, ...] | None:
    """The active indicator ids of an assessment's own indicator set (None if unresolvable)."""
    try:
        from ..assessment import indicator_set_of

        iset = indicator_set_of(assessment)
    except (ImportError, CtnatError):
        return None
    return tuple(i.id for i in iset.indicators())


def _indicator_changes(
    comparison: ComparisonLike,
    rounds: Sequence[int],
    names: Sequence[str],
    assessments: Sequence[Any],
) -> list[Block]:
    blocks: list[Block] = [Heading(text="Indicators", level=2)]
    by_round = {a.round: a for a in assessments if getattr(a, "round", None) is not None}
    sets: list[tuple[str, ...] | None] = []
    for g in rounds:
        found = by_round.get(comparison.keys[g][1])
        sets.append(_set_ids(found) if found is not None else None)
    set_rows = []
    for (n0, n1), (s0, s1) in zip(itertools.pairwise(names), itertools.pairwise(sets), strict=True):
        if s0 is None or s1 is None:
            continue
        new = [i for i in s1 if i not in set(s0)]
        dropped = [i for i in s0 if i not in set(s1)]
        set_rows.append(
            (f"{n0} \u2192 {n1}", ", ".join(new) or "none", ", ".join(dropped) or "none")
        )
    if set_rows:
        blocks.append(
            Table(
                title="Indicators new and dropped between rounds (each round's own indicator set)",
                columns=("Rounds", "New", "Dropped"),
                rows=tuple(set_rows),
                notes=(
                    (
                        "The scores above use one indicator set for every round; a new indicator "
                        "counts as unknown in the rounds before it, a dropped one is not scored."
                    ),
                ),
            )
        )
    else:
        blocks.append(
            Paragraph(
                text="The indicator sets of the rounds were not given (pass assessments=), so "
                "new and dropped indicators cannot be listed; every round is scored against "
                "the comparison's indicator set.",
                style="muted",
            )
        )
    rows = []
    for i in range(len(rounds) - 1):
        cards = comparison.scorecards
        before = {w.indicator: w.status for w in getattr(cards[rounds[i]], "weights", ())}
        after = {w.indicator: w.status for w in getattr(cards[rounds[i + 1]], "weights", ())}
        for ind, status in after.items():
            if ind in before and before[ind] != status:
                rows.append(
                    (
                        ind,
                        f"{names[i]} \u2192 {names[i + 1]}",
                        _status_word(before[ind]),
                        _status_word(status),
                    )
                )
    if rows:
        blocks.append(
            Table(
                title="Indicators whose status changed",
                columns=("Indicator", "Rounds", "Before", "After"),
                rows=tuple(rows),
            )
        )
    else:
        blocks.append(Paragraph(text="No indicator changed its status between the rounds."))
    return blocks


def rounds_document(
    comparison: ComparisonLike,
    country: str | None = None,
    *,
    assessments: Sequence[Any] = (),
    indicator_set: IndicatorSet | None = None,
    title: str | None = None,
    charts: bool = True,
) -> Document:
    """The report of two or more rounds of one country: what changed and how sure it is.

    Per category and overall: the score of each round, the change, and P(increase) (the
    share of Monte Carlo draws in which the later round scores higher); per criterion:
    the change of the point score; then the indicators new and dropped between the
    rounds' own indicator sets (give the ``assessments`` to list them) and those whose
    status changed. ``country`` may be left out when the comparison holds one country.
    """
    countries = list(dict.fromkeys(c for c, _ in comparison.keys))
    if country is None:
        if len(countries) != 1:
            raise CtnatError(
                f"the comparison holds {len(countries)} countries ({', '.join(countries)}): "
                "say which one with country="
            )
        country = countries[0]
    rounds = sorted(
        (g for g, (c, _) in enumerate(comparison.keys) if c == country),
        key=lambda g: comparison.keys[g][1],
    )
    if len(rounds) < 2:
        raise CtnatError(
            f"{country} has {len(rounds)} round(s) in the comparison; a report over time "
            "needs two or more"
        )
    name = _country_name(country)
    who = country if name == country else f"{name} ({country})"
    names = [comparison.keys[g][1].isoformat() for g in rounds]
    iset = _indicator_set(comparison, indicator_set)
    cats = list(comparison.categories)
    cat_names = dict(zip(cats, _category_names(comparison), strict=True))
    changes = [
        ch
        for ch in (comparison.changes() if hasattr(comparison, "changes") else ())
        if ch.country == country
    ]
    varied = varied_assumptions(comparison.method)
    lead = f"{who}: {len(rounds)} rounds ({', '.join(names)}), scored with one method."
    if comparison.draws is not None:
        lead += (
            " P(increase) is the share of Monte Carlo draws in which the later round scores "
            "higher, when " + (_join(varied) or "nothing") + " vary; survey sampling and the "
            "analyst's reading of the evidence are not modelled."
        )
    blocks: list[Block] = [Paragraph(text=lead, style="lead")]
    blocks += _provenance_of(comparison, rounds, names)
    blocks.append(_method(comparison))
    blocks += _method_notes(comparison)

    # per category and overall
    blocks.append(Heading(text="1. Change per category"))
    rows = []
    for ch in changes:
        label = "Overall" if ch.category == "overall" else cat_names.get(ch.category, ch.category)
        p = _probability(ch.prob_increase)
        q = None
        prob_above = getattr(comparison, "prob_above", None)
        if comparison.draws is not None and prob_above is not None:
            cat = None if ch.category == "overall" else ch.category
            q = _probability(prob_above((country, ch.before), (country, ch.after), cat))
        rows.append(
            (
                label,
                f"{ch.before.isoformat()} \u2192 {ch.after.isoformat()}",
                _num(ch.value_before),
                _num(ch.value_after),
                "unknown" if ch.delta is None else f"{ch.delta:+.2f}",
                "no draws" if comparison.draws is None else _percent(p),
                _verdict(p, q, ch.delta, comparison.draws is not None),
            )
        )
    blocks.append(
        Table(
            title="Scores per round and their change",
            columns=("Category", "Rounds", "Before", "After", "Change", "P(increase)", "Reading"),
            rows=tuple(rows),
            notes=(
                (
                    "Clear: the later round scores higher (or lower) in at least 95% of the draws; "
                    "anything between is not clear."
                ),
            ),
        )
    )
    s, lo, hi = _category_arrays(comparison)
    blocks.append(
        score_bars(
            [cat_names[c] for c in cats],
            s[rounds],
            np.where(np.isnan(lo[rounds]), s[rounds], lo[rounds]),
            np.where(np.isnan(hi[rounds]), s[rounds], hi[rounds]),
            series=names,
            caption="Category scores per round with their intervals",
            svg=charts,
        )
    )

    # per criterion
    blocks.append(Heading(text="2. Change per criterion"))
    crit_rows = []
    first = comparison.scorecards[rounds[0]]
    for crit in first.criteria:
        cid = crit.criterion
        values = []
        for g in rounds:
            found = next((c for c in comparison.scorecards[g].criteria if c.criterion == cid), None)
            values.append(None if found is None else found.score.value)
        label = cid
        if iset is not None and cid in iset:
            label = f"{cid} {iset.criterion(cid).label()}"
        delta = (
            None if values[0] is None or values[-1] is None else round(values[-1] - values[0], 12)
        )
        crit_rows.append(
            (label, *(_num(v) for v in values), "unknown" if delta is None else f"{delta:+.2f}")
        )
    blocks.append(
        Table(
            title="Criterion scores per round",
            columns=("Criterion", *names, f"Change {names[0]} \u2192 {names[-1]}"),
            rows=tuple(crit_rows),
            notes=(
                (
                    "Point scores only: the Monte Carlo keeps category and overall scores, so no "
                    "P(increase) is given per criterion; read a change of one indicator's status "
                    "(0.12 to 0.25 of a criterion) as a change in that indicator, not a trend."
                ),
            ),
        )
    )
    blocks += _indicator_changes(comparison, rounds, names, assessments)
    doc_title = (
        title or f"Counter-trafficking response in {name} over time: {names[0]} to {names[-1]}"
    )
    return Document(title=doc_title, blocks=tuple(blocks))


def _num(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f}"


def _verdict(p: float | None, q: float | None, delta: float | None, drawn: bool) -> str:
    """In words: ``p`` = P(increase), ``q`` = P(decrease)."""
    if delta is None:
        return "unknown"
    if not drawn:
        return "no Monte Carlo: not stated"
    if p is None or q is None:
        return "undefined"
    if p >= 0.95:
        return "clear increase"
    if q >= 0.95:
        return "clear decrease"
    if p == 0 and q == 0:
        return "the same in every draw"
    return f"not clear (P(decrease) {q:.0%})"


def _provenance_of(
    comparison: ComparisonLike, rounds: Sequence[int], names: Sequence[str]
) -> list[Block]:
    lines = []
    for g, label in zip(rounds, names, strict=True):
        kind = str(comparison.scorecards[g].provenance.kind)
        if kind == "synthetic":
            lines.append(f"{label}: SYNTHETIC example data (generated statuses, not findings).")
        elif kind == "reading":
            lines.append(
                f"{label}: statuses read from a published report, not the report's own marks."
            )
        else:
            lines.append(f"{label}: statuses recorded by the assessors.")
    return [BulletList(items=tuple(lines))]
