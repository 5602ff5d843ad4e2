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

import contextvars
import hashlib
import io
import json
import math
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import Problem, ValidationError
from .document import ChartSpec, Figure
from .table import Cell, Table

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure as MplFigure

__all__ = [
    "OUTSIDE_MARK",
    "diverging_layout",
    "figure_png",
    "heat_map",
    "likert_bars",
    "matplotlib_available",
    "score_bars",
]

#: The mark on a score bar table cell whose score lies outside its interval.
OUTSIDE_MARK = "score outside its interval (see the notes)"
#: Tolerance for a score at an interval's edge (draws are stored as float32).
_EDGE = 1e-6

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


def _render_png(draw: Callable[[MplFigure], None], *, size: tuple[float, float], dpi: int) -> bytes:
    """Draw on a fresh matplotlib figure and return it as PNG bytes (needs matplotlib)."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigureClass

    with mpl.rc_context(
        {
            "font.family": "sans-serif",
            "font.size": 9.0,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        fig = MplFigureClass(figsize=size, layout="constrained")
        FigureCanvasAgg(fig)
        draw(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


@attrs.define
class _Raster:
    """Where :func:`figure_png` collects the PNG a chart function draws."""

    dpi: int
    png: bytes | None = None


_RASTER: contextvars.ContextVar[_Raster | None] = contextvars.ContextVar(
    "ctnat_chart_raster", default=None
)


def _finish(
    caption: str,
    table: Table,
    draw: Callable[[MplFigure], None],
    size: tuple[float, float],
    salt: str,
    *,
    svg: bool,
    spec: ChartSpec,
) -> Figure:
    """The figure of a chart function: SVG when asked, PNG when :func:`figure_png` asks."""
    raster = _RASTER.get()
    if raster is not None:
        raster.png = _render_png(draw, size=size, dpi=raster.dpi)
        return Figure(caption=caption, table=table, chart=spec)
    if not svg:
        return Figure(caption=caption, table=table)
    return Figure(
        caption=caption, table=table, svg=_render_svg(draw, size=size, salt=salt), chart=spec
    )


def figure_png(figure: Figure, *, dpi: int = 150) -> bytes | None:
    """The chart of ``figure`` drawn again as PNG (for Word documents), or None.

    None when the figure has no chart (built by hand, or with ``svg=False``) or
    matplotlib is not installed: show ``figure.table`` instead.

    ```python
    >>> fig = likert_bars(["5.1.4"], [[0, 2, 3, 1, 0]], list("abcde"))
    >>> png = figure_png(fig)
    >>> png is None or png.startswith(b"\\x89PNG")
    True

    ```
    """
    spec = figure.chart
    if spec is None or not matplotlib_available():
        return None
    builder = _BUILDERS.get(spec.kind)
    if builder is None:
        return None
    raster = _Raster(dpi=dpi)
    token = _RASTER.set(raster)
    try:
        builder(**spec.args, caption=figure.caption)
    finally:
        _RASTER.reset(token)
    return raster.png


def _wrap(label: str, width: int = 38, lines: int | None = None) -> str:
    """``label`` wrapped at ``width`` characters; whole unless ``lines`` caps it."""
    return "\n".join(textwrap.wrap(label, width=width, max_lines=lines, placeholder=" …")) or " "


def _lines(labels: Sequence[str]) -> int:
    return sum(label.count("\n") + 1 for label in labels)


def _problem(reason: str, where: str) -> ValidationError:
    return ValidationError([Problem(reason, location=where)])


# -- diverging stacked bars ----------------------------------------------------------------
def likert_bars(
    items: Sequence[str],
    counts: ArrayLike,
    options: Sequence[str],
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
    """
    labels = list(items)
    opts = list(options)
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
    wrapped = [_wrap(lab, 48) for lab in labels]

    def draw(fig: MplFigure) -> None:
        ax = fig.add_subplot()
        y = np.arange(len(labels))
        for j in range(k):
            _segments(ax, y, lefts[:, j], data[:, j], colours[j], opts[j])
        left, right = lefts[:, 0] + data[:, 0], lefts[:, -1]
        span = float(max(1.0, np.max(np.abs(np.concatenate([left, right])))))
        ax.set_xlim(-span - 0.5, span + 0.5)
        ax.axvline(0, color="#555555", linewidth=0.8)
        ax.set_yticks(y, wrapped)
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

    height = 1.6 + 0.35 * len(labels) + 0.16 * _lines(wrapped)
    spec = ChartSpec(
        kind="likert_bars",
        args={"items": labels, "counts": data.tolist(), "options": opts, "title": title},
    )
    salt = _salt("likert", [labels, opts, rows])
    return _finish(caption, table, draw, (8.0, height), salt, svg=svg, spec=spec)


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
    rows: Sequence[str],
    columns: Sequence[str],
    values: ArrayLike,
    *,
    caption: str = "Scores by criterion and country (0 = none met, 1 = all met)",
    title: str = "",
    row_title: str = "Criterion",
    svg: bool = True,
) -> Figure:
    """A heat map of values in [0, 1] (criteria x countries); NaN is shown as ``unknown``."""
    row_labels, col_labels = list(rows), list(columns)
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
        ax.set_yticks(np.arange(len(row_labels)), wrapped)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.6, label="score")
        if bar.solids is not None:
            bar.solids.set_rasterized(False)  # matplotlib rasterises long colour bars
        if title:
            ax.set_title(title)

    wrapped = [_wrap(r, 56) for r in row_labels]
    per_row = max((w.count("\n") + 1 for w in wrapped), default=1)
    size = (6.0 + 1.1 * len(col_labels), 1.2 + (0.14 + 0.17 * per_row) * len(row_labels))
    salt = _salt("heat", [row_labels, col_labels, [[_round(v) for v in r] for r in data]])
    spec = ChartSpec(
        kind="heat_map",
        args={
            "rows": row_labels,
            "columns": col_labels,
            "values": data.tolist(),
            "title": title,
            "row_title": row_title,
        },
    )
    return _finish(caption, table, draw, size, salt, svg=svg, spec=spec)


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
    labels: Sequence[str],
    scores: ArrayLike,
    lower: ArrayLike | None = None,
    upper: ArrayLike | None = None,
    *,
    series: Sequence[str] = (),
    caption: str = "Scores with their intervals (0 to 1)",
    title: str = "",
    label_title: str = "Category",
    notes: Sequence[str] = (),
    svg: bool = True,
) -> Figure:
    """Horizontal score bars on the fixed 0-1 scale, with interval whiskers.

    ``scores`` is one score per label, or (with ``series``, e.g. countries) one
    row per series. ``lower`` and ``upper`` have the same shape; NaN scores are
    shown as ``unknown``. An interval need not contain its score (the score may
    come from another model than the interval): such a cell is marked
    (:data:`OUTSIDE_MARK`) and ``notes`` should say why.
    """
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
    bad = np.argwhere(~(lo <= hi + 1e-12))
    bad = bad[~np.isnan(lo[tuple(bad.T)]) & ~np.isnan(hi[tuple(bad.T)])] if bad.size else bad
    if bad.size:
        g, i = (int(x) for x in bad[0])
        raise _problem(
            f"the interval for {names[i]!r} runs from {lo[g, i]:g} down to {hi[g, i]:g}: "
            "lower must not exceed upper",
            f"score_bars / lower, upper[{g}][{i}]",
        )
    with_intervals = lower is not None or upper is not None
    # A point outside its interval is shown as it is (the point and the interval may come
    # from different models), marked, never widened to fit.
    outside = ~np.isnan(s) & ((lo > s + _EDGE) | (hi < s - _EDGE))

    def fmt(g: int, i: int) -> Cell:
        if math.isnan(s[g, i]):
            return Cell(value="unknown")
        text = f"{s[g, i]:.2f}"
        if with_intervals and not (math.isnan(lo[g, i]) or math.isnan(hi[g, i])):
            text += f" ({lo[g, i]:.2f}\u2013{hi[g, i]:.2f})"
        return Cell(value=text, mark=OUTSIDE_MARK if outside[g, i] else None)

    table = Table(
        title=title,
        columns=(label_title, *(g or "Score" for g in groups)),
        rows=tuple(
            (name, *(fmt(g, i) for g in range(len(groups)))) for i, name in enumerate(names)
        ),
        notes=(
            *(("Score (lower\u2013upper) on the fixed scale 0 to 1.",) if with_intervals else ()),
            *notes,
        ),
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
                ax.hlines(pos[ok], lo[g][ok], hi[g][ok], color="#1d2433", linewidth=0.9)
                for edge in (lo[g][ok], hi[g][ok]):
                    ax.plot(edge, pos[ok], "|", color="#1d2433", markersize=6, linewidth=0.9)
            for p in pos[np.isnan(s[g])]:
                ax.text(0.01, p, "unknown", va="center", fontsize=7, color="#5b6475")
        ax.set_xlim(0, 1)
        ax.set_yticks(y, wrapped)
        ax.invert_yaxis()
        ax.set_xlabel("score (0 = no indicator met, 1 = all met)")
        if series:
            ax.legend(loc="lower right", frameon=False)
        if title:
            ax.set_title(title)

    wrapped = [_wrap(n, 30) for n in names]
    per_row = max((w.count("\n") + 1 for w in wrapped), default=1)
    size = (7.5, 1.0 + max(0.45 * max(1, len(groups)) ** 0.6, 0.17 * per_row) * len(names))
    salt = _salt("score", [names, groups, table.model_dump(mode="json")])
    spec = ChartSpec(
        kind="score_bars",
        args={
            "labels": names,
            "scores": s.tolist(),
            "lower": lo.tolist() if lower is not None else None,
            "upper": hi.tolist() if upper is not None else None,
            "series": list(series),
            "title": title,
            "label_title": label_title,
            "notes": list(notes),
        },
    )
    return _finish(caption, table, draw, size, salt, svg=svg, spec=spec)


def _series_colours(k: int) -> tuple[str, ...]:
    # Okabe-Ito, colour-blind safe
    base = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
    return tuple(base[i % len(base)] for i in range(k))


#: The chart functions :func:`figure_png` can call again, by :attr:`ChartSpec.kind`.
_BUILDERS: dict[str, Callable[..., Figure]] = {
    "likert_bars": likert_bars,
    "heat_map": heat_map,
    "score_bars": score_bars,
}
