"""Vectorised counting for large response matrices (numpy).

A response matrix holds one row per respondent and one column per item, each
cell the 0-based position of the chosen option (``-1`` = no answer), in a small
integer type such as ``int8``. :func:`count_matrix` counts every item for every
group in one pass over row blocks, so its extra memory is a few block-sized
temporaries, never a copy of the matrix. The counts are the same numbers a
:class:`~ctnat.aggregate.tally.Tally` holds, so they can become tallies
(:func:`tallies_from_counts`) and merge with tallies counted elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import ValidationError
from .tally import Tally

__all__ = ["count_matrix", "tallies_from_counts", "wilson_bounds"]

_BLOCK_ROWS = 8_192


def count_matrix(
    matrix: np.ndarray,
    n_options: int,
    groups: np.ndarray | None = None,
    n_groups: int | None = None,
    *,
    block_rows: int = _BLOCK_ROWS,
) -> np.ndarray:
    """Counts of shape (items, groups, n_options + 1); the last slot counts non-response.

    ``groups`` gives each respondent's group as an integer 0 … n_groups - 1
    (default: everyone in group 0). Values outside -1 … n_options - 1 raise
    :class:`~ctnat.errors.ValidationError` naming the first bad row and column.
    """
    m = np.asarray(matrix)
    if m.ndim != 2:
        raise ValidationError(f"the response matrix must be 2-D, got shape {m.shape}")
    rows, items = m.shape
    if groups is None:
        g = np.zeros(rows, dtype=np.intp)
        n_g = 1
    else:
        g = np.asarray(groups)
        if g.shape != (rows,):
            raise ValidationError(f"need one group per respondent: {g.shape} vs {rows} rows")
        n_g = int(n_groups if n_groups is not None else (g.max() + 1 if rows else 0))
        if rows and (g.min() < 0 or g.max() >= n_g):
            raise ValidationError(f"group codes must lie in 0..{n_g - 1}")
    slots = n_options + 1
    per_item = n_g * slots
    out = np.zeros(items * per_item, dtype=np.int64)
    # slot 0 of each (item, group) counts non-response (-1 + 1), slots 1..k the options;
    # rotated to "options first, non-response last" at the end
    item_base = (np.arange(items, dtype=np.intp) * per_item + 1)[None, :]
    for start in range(0, rows, block_rows):
        block = m[start : start + block_rows]
        if block.size and (block.min() < -1 or block.max() >= n_options):
            bad = (block < -1) | (block >= n_options)
            r, c = np.argwhere(bad)[0]
            raise ValidationError(
                f"value {int(block[r, c])} is not an option position (0..{n_options - 1}) or -1",
                location=f"row {start + int(r)}, column {int(c)}",
            )
        idx = block.astype(np.intp)
        idx += item_base
        idx += (g[start : start + block_rows].astype(np.intp) * slots)[:, None]
        out += np.bincount(idx.ravel(), minlength=out.size)
    shaped = out.reshape(items, n_g, slots)
    return np.concatenate([shaped[..., 1:], shaped[..., :1]], axis=-1)


def tallies_from_counts(
    counts: np.ndarray, options: Sequence[str]
) -> tuple[tuple[Tally, ...], ...]:
    """Tallies ``[item][group]`` from :func:`count_matrix` output."""
    opts = tuple(options)
    if counts.shape[-1] != len(opts) + 1:
        raise ValidationError(f"counts have {counts.shape[-1] - 1} options, expected {len(opts)}")
    rows = counts.tolist()
    return tuple(
        tuple(
            Tally.model_construct(options=opts, counts=tuple(c[:-1]), missing=c[-1])
            for c in per_item
        )
        for per_item in rows
    )


def wilson_bounds(
    k: np.ndarray, n: np.ndarray, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score bounds for arrays of k and n (NaN where n = 0).

    The closed form of the interval :func:`scipy.stats.binomtest` computes with
    ``method="wilson"``; vectorised for tables with thousands of cells.
    """
    from statistics import NormalDist

    z = NormalDist().inv_cdf(0.5 + confidence / 2.0)  # scipy.stats.norm.ppf, to 1e-15
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2.0 * n)) / denom
        half = z * np.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / denom
        # exact at the ends (0 of n starts at 0, n of n ends at 1), and never beside the
        # estimate by a rounding error
        some = n > 0
        low = np.where(some & (k == 0), 0.0, np.minimum(np.clip(centre - half, 0.0, 1.0), p))
        high = np.where(some & (k == n), 1.0, np.maximum(np.clip(centre + half, 0.0, 1.0), p))
    return low, high
