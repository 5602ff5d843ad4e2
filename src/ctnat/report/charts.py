"""Charts as inline SVG: diverging Likert bars, a criteria x countries heat map, score bars.

Each function validates its input and returns a :class:`~ctnat.report.Figure`
holding the table of the numbers and, when matplotlib (the ``plot`` extra) is
installed, the chart as SVG text. Without matplotlib the figure has no SVG and
HTML pages show the table instead; nothing fails.

The SVG is deterministic: the same input gives the same bytes (a fixed
``svg.hashsalt`` derived from the input, no creation date, no creator
version), has no XML prolog and no metadata block, and keeps text as text
(``svg.fonttype = "none"``) so labels stay selectable and readable by screen
readers. matplotlib is imported only inside these functions, never by
``import ctnat``.

```python
>>> fig = likert_bars(["5.1.4"], [[0, 2, 3, 1, 0]],
...                   ["Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"])
>>> [c.text for c in fig.table.rows[0]]
['5.1.4', '0', '2', '3', '1', '0', '6']

```
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import Problem, ValidationError
from .document import Figure
from .table import Cell, Table

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure as MplFigure

__all__ = [
    "diverging_layout",
    "heat_map",
    "likert_bars",
    "matplotlib_available",
    "score_bars",
]

#: Colours from ColorBrewer RdBu (colour-blind safe), positive first.
_LIKERT5 = ("#2166ac", "#67a9cf", "#d9d9d9", "#ef8a62", "#b2182b")
_POSITIVE = "#2166ac"
_NEGATIVE = "#b2182b"
_NEUTRAL = "#d9d9d9"


def matplotlib_available() -> bool:
    """True if the ``plot`` extra (matplotlib) can be imported."""
    try:
        import matplotlib as mpl  # noqa: F401
    except ImportError:
        return False
    return True


def _salt(kind: str, payload: Any) -> str:
    blob = json.dumps([kind, payload], sort_keys=True, default=str, allow_nan=True)
    return "ctnat-" + hashlib.sha256(blob.encode()).hexdigest()[:16]


_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)


def _render_svg(
    draw: Callable[[MplFigure], None], *, size: tuple[float, float], salt: str
) -> str | None:
    """Draw on a fresh matplotlib figure and return its SVG (None without matplotlib)."""
    try:
        import matplotlib as mpl
        from matplotlib.backends.backend_svg import FigureCanvasSVG
        from matplotlib.figure import Figure as MplFigureClass
    except ImportError:
        return None
    with mpl.rc_context(
        {
            "svg.hashsalt": salt,
            "svg.fonttype": "none",
            "font.family": "sans-serif",
            "font.size": 9.0,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "path.simplify": True,
        }
    ):
        fig = MplFigureClass(figsize=size, layout="constrained")
        FigureCanvasSVG(fig)
        draw(fig)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "ctnat"})
    svg = _PROLOG.sub("", buf.getvalue(), count=1)
    return _METADATA.sub("", svg, count=1).strip()


def _wrap(label: str, width: int = 38, lines: int = 3) -> str:
    return "\n".join(textwrap.wrap(label, width=width, max_lines=lines, placeholder=" …")) or " "


def _problem(reason: str, where: str) -> ValidationError:
    return ValidationError([Problem(reason, location=where)])


# -- diverging stacked bars ----------------------------------------------------------------
def likert_bars(
    items: Sequence[str] | Any,
    counts: ArrayLike | None = None,
    options: Sequence[str] | None = None,
    *,
    caption: str = "Answers per item (respondents)",
    title: str = "",
    svg: bool = True,
) -> Figure:
    """Diverging stacked bars for Likert items, neutral centred on zero.

    With ``svg=False`` (or without matplotlib) the figure carries its table only.

    ``counts[i][j]`` is how many respondents chose ``options[j]`` for ``items[i]``;
    ``options`` run from the most positive to the most negative. With an odd
    number of options the middle one is neutral and is split across zero. The
    axis counts respondents (not percentages: with n = 6 one answer is 17 points).

    ``likert_bars(summaries)`` takes item summaries of one scale directly (one
    :class:`~ctnat.aggregate.ItemSummary`, a list, or what ``summarize`` returns).
    """
    if counts is None and options is None:
        from ._adapt import likert_data

        items, counts, options = likert_data(items)
    if counts is None or options is None:
        raise _problem("give counts and options, or item summaries", "likert_bars")
    labels = list(items)
    opts = list(options or ())
    try:
        data = np.asarray(counts, dtype=float).reshape(len(labels), len(opts))
    except ValueError:
        raise _problem(
            f"counts must have one row per item ({len(labels)}) and one column per option "
            f"({len(opts)}); got shape {np.shape(counts)}",
            "likert_bars / counts",
        ) from None
    if len(opts) < 2:
        raise _problem("a Likert scale needs at least two options", "likert_bars / options")
    bad = np.argwhere(~np.isfinite(data) | (data < 0) | (data != np.round(data)))
    if bad.size:
        i, j = (int(x) for x in bad[0])
        raise _problem(
            f"count for item {labels[i]!r}, option {opts[j]!r} is {float(data[i, j]):g}: counts are "
            "whole numbers >= 0 (leave unstated counts out of a chart)",
            f"likert_bars / counts[{i}][{j}]",
        )
    n = data.sum(axis=1)
    rows = tuple((label, *(int(v) for v in data[i]), int(n[i])) for i, label in enumerate(labels))
    table = Table(title=title, columns=("Item", *opts, "n"), rows=rows)

    k = len(opts)
    colours = _LIKERT5 if k == 5 else _palette(k)

    lefts = diverging_layout(data)

    def draw(fig: MplFigure) -> None:
        ax = fig.add_subplot()
        y = np.arange(len(labels))
        for j in range(k):
            _segments(ax, y, lefts[:, j], data[:, j], colours[j], opts[j])
        left, right = lefts[:, 0] + data[:, 0], lefts[:, -1]
        span = float(max(1.0, np.max(np.abs(np.concatenate([left, right])))))
        ax.set_xlim(-span - 0.5, span + 0.5)
        ax.axvline(0, color="#555555", linewidth=0.8)
        ax.set_yticks(y, [_wrap(lab) for lab in labels])
        ax.invert_yaxis()
        ax.set_xlabel("respondents (negative to the left, positive to the right)")
        ax.xaxis.set_major_formatter(_abs_formatter())
        handles, names = ax.get_legend_handles_labels()
        order = [names.index(o) for o in opts if o in names]
        fig.legend(
            [handles[i] for i in order],
            [names[i] for i in order],
            loc="outside lower center",
            ncols=min(k, 5) if sum(len(o) for o in opts) < 80 else 3,
            frameon=False,
        )
        if title:
            ax.set_title(title)

    height = 1.6 + 0.55 * len(labels)
    if not svg:
        return Figure(caption=caption, table=table)
    image = _render_svg(draw, size=(8.0, height), salt=_salt("likert", [labels, opts, rows]))
    return Figure(caption=caption, table=table, svg=image)


def diverging_layout(counts: ArrayLike) -> NDArray[np.float64]:
    """Where each segment of a diverging bar starts (``counts`` ordered positive -> negative).

    With an odd number of options the middle (neutral) segment is centred on 0;
    positive options extend to the right, the most positive outermost, and
    negative options to the left, the most negative outermost.

    ```python
    >>> diverging_layout([[1, 2, 2, 1, 0]]).tolist()
    [[3.0, 1.0, -1.0, -2.0, -2.0]]

    ```
    """
    data = np.atleast_2d(np.asarray(counts, dtype=float))
    k = data.shape[1]
    half = k // 2
    lefts = np.zeros_like(data)
    neutral = data[:, half] if k % 2 else np.zeros(data.shape[0])
    edge = neutral / 2
    for j in range(half - 1, -1, -1):
        lefts[:, j] = edge
        edge = edge + data[:, j]
    if k % 2:
        lefts[:, half] = -neutral / 2
    edge = -neutral / 2
    for j in range(k - half, k):
        edge = edge - data[:, j]
        lefts[:, j] = edge
    return lefts


def _palette(k: int) -> tuple[str, ...]:
    from_pos = np.linspace(0.0, 1.0, k)
    out = []
    for t in from_pos:
        a = np.array([0x21, 0x66, 0xAC]) * (1 - t) + np.array([0xB2, 0x18, 0x2B]) * t
        out.append("#" + "".join(f"{round(float(c)):02x}" for c in a))
    return tuple(out)


def _segments(
    ax: Any, y: NDArray[Any], left: NDArray[Any], width: NDArray[Any], colour: str, label: str
) -> None:
    bars = ax.barh(
        y, width, left=left, color=colour, label=label, height=0.6, edgecolor="white", linewidth=0.6
    )
    dark = colour in {_LIKERT5[0], _LIKERT5[4], _POSITIVE, _NEGATIVE}
    ax.bar_label(
        bars,
        labels=[f"{int(w)}" if w > 0 else "" for w in width],
        label_type="center",
        color="white" if dark else "#1d2433",
        fontsize=8,
    )


def _abs_formatter() -> Any:
    """Tick labels without the minus sign: both sides count respondents."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: f"{abs(x):g}")


# -- heat map ------------------------------------------------------------------------------
def heat_map(
    rows: Sequence[str] | Any,
    columns: Sequence[str] | None = None,
    values: ArrayLike | None = None,
    *,
    caption: str = "Scores by criterion and country (0 = none met, 1 = all met)",
    title: str = "",
    row_title: str = "Criterion",
    svg: bool = True,
) -> Figure:
    """A heat map of values in [0, 1] (criteria x countries); NaN is shown as ``unknown``.

    ``heat_map(comparison)`` (or a scorecard) takes the criterion scores directly.
    """
    if columns is None and values is None:
        from ._adapt import heat_map_data

        rows, columns, values = heat_map_data(rows)
    if columns is None or values is None:
        raise _problem("give columns and values, or a comparison", "heat_map")
    row_labels, col_labels = list(rows), list(columns or ())
    try:
        data = np.asarray(values, dtype=float).reshape(len(row_labels), len(col_labels))
    except ValueError:
        raise _problem(
            f"values must be {len(row_labels)} rows x {len(col_labels)} columns; "
            f"got shape {np.shape(values)}",
            "heat_map / values",
        ) from None
    bad = np.argwhere(~np.isnan(data) & ((data < 0) | (data > 1)))
    if bad.size:
        i, j = (int(x) for x in bad[0])
        raise _problem(
            f"value for {row_labels[i]!r}, {col_labels[j]!r} is {float(data[i, j]):g}: "
            "values are between 0 and 1 (NaN for unknown)",
            f"heat_map / values[{i}][{j}]",
        )
    table = Table(
        title=title,
        columns=(row_title, *col_labels),
        rows=tuple(
            (label, *(Cell(value=_round(v)) for v in data[i])) for i, label in enumerate(row_labels)
        ),
    )

    def draw(fig: MplFigure) -> None:
        ax = fig.add_subplot()
        masked = np.ma.masked_invalid(data)
        # vector cells (pcolormesh), not a raster image: the SVG stays free of <image>
        image = ax.pcolormesh(
            np.arange(data.shape[1] + 1) - 0.5,
            np.arange(data.shape[0] + 1) - 0.5,
            masked,
            cmap="YlGnBu",
            vmin=0.0,
            vmax=1.0,
            edgecolors="white",
            linewidth=0.5,
        )
        ax.set_ylim(data.shape[0] - 0.5, -0.5)
        for i in range(data.shape[0]):
            for j in range(data.shape[1]):
                v = data[i, j]
                if math.isnan(v):
                    ax.add_patch(_unknown_patch(i, j))
                    ax.text(j, i, "unknown", ha="center", va="center", fontsize=7, color="#5b6475")
                else:
                    ax.text(
                        j,
                        i,
                        f"{v:.2f}",
                        ha="center",
                        va="center",
                        fontsize=8,
                        color="white" if v > 0.6 else "#1d2433",
                    )
        ax.set_xticks(np.arange(len(col_labels)), [_wrap(c, 16, 2) for c in col_labels])
        ax.xaxis.tick_top()
        ax.set_yticks(np.arange(len(row_labels)), [_wrap(r, 44, 1) for r in row_labels])
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.6, label="score")
        if bar.solids is not None:
            bar.solids.set_rasterized(False)  # matplotlib rasterises long colour bars
        if title:
            ax.set_title(title)

    size = (3.8 + 1.1 * len(col_labels), 1.2 + 0.32 * len(row_labels))
    if not svg:
        return Figure(caption=caption, table=table)
    salt = _salt("heat", [row_labels, col_labels, [[_round(v) for v in r] for r in data]])
    return Figure(caption=caption, table=table, svg=_render_svg(draw, size=size, salt=salt))


def _round(v: float) -> float:
    return v if math.isnan(v) else round(float(v), 2)


def _unknown_patch(i: int, j: int) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle(
        (j - 0.5, i - 0.5),
        1,
        1,
        facecolor="#f2f2f2",
        edgecolor="#bbbbbb",
        hatch="///",
        linewidth=0.5,
    )


# -- score bars with intervals -------------------------------------------------------------
def score_bars(
    labels: Sequence[str] | Any,
    scores: ArrayLike | None = None,
    lower: ArrayLike | None = None,
    upper: ArrayLike | None = None,
    *,
    series: Sequence[str] = (),
    caption: str = "Scores with their intervals (0 to 1)",
    title: str = "",
    label_title: str = "Category",
    svg: bool = True,
) -> Figure:
    """Horizontal score bars on the fixed 0-1 scale, with interval whiskers.

    ``scores`` is one score per label, or (with ``series``, e.g. countries) one
    row per series. ``lower`` and ``upper`` have the same shape; NaN scores are
    shown as ``unknown``. ``score_bars(comparison)`` (or a scorecard) takes the
    category scores and their intervals directly.
    """
    if scores is None:
        from ._adapt import score_bars_data

        labels, scores, lower, upper, series = score_bars_data(labels)
    names = list(labels)
    groups = list(series) or [""]
    shape = (len(groups), len(names))

    def as_array(value: ArrayLike, what: str) -> NDArray[np.float64]:
        try:
            return np.asarray(value, dtype=float).reshape(shape)
        except ValueError:
            raise _problem(
                f"{what} must have one value per label ({len(names)})"
                + (f" for each of {len(groups)} series" if series else "")
                + f"; got shape {np.shape(value)}",
                f"score_bars / {what}",
            ) from None

    s = as_array(scores, "scores")
    lo = as_array(lower, "lower") if lower is not None else s.copy()
    hi = as_array(upper, "upper") if upper is not None else s.copy()
    for what, arr in (("scores", s), ("lower", lo), ("upper", hi)):
        bad = np.argwhere(~np.isnan(arr) & ((arr < 0) | (arr > 1)))
        if bad.size:
            g, i = (int(x) for x in bad[0])
            raise _problem(
                f"{what} for {names[i]!r} is {float(arr[g, i]):g}: scores lie in [0, 1]",
                f"score_bars / {what}[{g}][{i}]",
            )
    bad = np.argwhere(~np.isnan(s) & ((lo > s + 1e-12) | (hi < s - 1e-12)))
    if bad.size:
        g, i = (int(x) for x in bad[0])
        raise _problem(
            f"the interval {lo[g, i]:g}-{hi[g, i]:g} for {names[i]!r} does not contain the "
            f"score {s[g, i]:g}",
            f"score_bars / lower, upper[{g}][{i}]",
        )
    with_intervals = lower is not None or upper is not None

    def fmt(g: int, i: int) -> str:
        if math.isnan(s[g, i]):
            return "unknown"
        text = f"{s[g, i]:.2f}"
        if with_intervals and not (math.isnan(lo[g, i]) or math.isnan(hi[g, i])):
            text += f" ({lo[g, i]:.2f}\u2013{hi[g, i]:.2f})"
        return text

    table = Table(
        title=title,
        columns=(label_title, *(g or "Score" for g in groups)),
        rows=tuple(
            (name, *(fmt(g, i) for g in range(len(groups)))) for i, name in enumerate(names)
        ),
        notes=("Score (lower\u2013upper) on the fixed scale 0 to 1.",) if with_intervals else (),
    )

    def draw(fig: MplFigure) -> None:
        ax = fig.add_subplot()
        y = np.arange(len(names), dtype=float)
        height = 0.8 / len(groups)
        colours = _series_colours(len(groups))
        for g, group in enumerate(groups):
            pos = y - 0.4 + height * (g + 0.5)
            vals = np.nan_to_num(s[g], nan=0.0)
            ax.barh(pos, vals, height=height * 0.9, color=colours[g], label=group or None)
            if with_intervals:
                ok = ~np.isnan(s[g]) & ~np.isnan(lo[g]) & ~np.isnan(hi[g])
                ax.errorbar(
                    vals[ok],
                    pos[ok],
                    xerr=[vals[ok] - lo[g][ok], hi[g][ok] - vals[ok]],
                    fmt="none",
                    ecolor="#1d2433",
                    capsize=2.5,
                    linewidth=0.9,
                )
            for p in pos[np.isnan(s[g])]:
                ax.text(0.01, p, "unknown", va="center", fontsize=7, color="#5b6475")
        ax.set_xlim(0, 1)
        ax.set_yticks(y, [_wrap(n, 30, 2) for n in names])
        ax.invert_yaxis()
        ax.set_xlabel("score (0 = no indicator met, 1 = all met)")
        if series:
            ax.legend(loc="lower right", frameon=False)
        if title:
            ax.set_title(title)

    size = (7.5, 1.0 + 0.45 * len(names) * max(1, len(groups)) ** 0.6)
    if not svg:
        return Figure(caption=caption, table=table)
    salt = _salt("score", [names, groups, table.model_dump(mode="json")])
    return Figure(caption=caption, table=table, svg=_render_svg(draw, size=size, salt=salt))


def _series_colours(k: int) -> tuple[str, ...]:
    # Okabe-Ito, colour-blind safe
    base = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
    return tuple(base[i % len(base)] for i in range(k))
