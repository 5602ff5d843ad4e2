"""Summarising every Likert item for many respondents: ctnat vs pandas value_counts.

The data: one int8 response matrix (respondents x 62 Likert items of the
built-in survey, option positions 0-4, -1 for no answer) and a country code per
respondent (200 countries). ctnat counts every item by country with
:func:`ctnat.aggregate.count_matrix`, turns the counts into mergeable
:class:`~ctnat.aggregate.Tally` objects and computes a Wilson interval for every
(item, country, option) cell. The baseline is the straightforward pandas code,
``df.groupby("country")[item].value_counts()`` for each item (counts only; the
DataFrame is built before the clock starts). Peak memory of the ctnat step is
measured with tracemalloc and compared with the size of the response matrix.
"""

from __future__ import annotations

import time
import tracemalloc
from typing import Any

import numpy as np

from ctnat.aggregate import count_matrix, tallies_from_counts, wilson_bounds

OPTIONS = ("1", "2", "3", "4", "5")


def likert_items() -> tuple[str, ...]:
    """The ids of the built-in survey's Likert items (62 five-point items)."""
    try:
        from ctnat.survey import builtin

        return tuple(q.id for q in builtin("ct-nat-2016-survey").scale_items())
    except ImportError:  # pragma: no cover - survey package absent
        return tuple(f"item{i}" for i in range(62))


def ctnat_summary(matrix: np.ndarray, countries: np.ndarray, n_countries: int) -> Any:
    counts = count_matrix(matrix, len(OPTIONS), countries, n_countries)
    tallies = tallies_from_counts(counts, OPTIONS)
    answered = counts[..., :-1].sum(axis=-1, keepdims=True)
    low, high = wilson_bounds(counts[..., :-1], np.broadcast_to(answered, counts[..., :-1].shape))
    return tallies, low, high


def pandas_summary(df: Any, items: tuple[str, ...]) -> list[Any]:
    grouped = df.groupby("country")
    return [grouped[item].value_counts() for item in items]


def main(quick: bool = False) -> None:
    import pandas as pd

    items = likert_items()
    n = 20_000 if quick else 1_000_000
    n_countries = 20 if quick else 200
    rng = np.random.default_rng(2016)
    matrix = rng.integers(-1, len(OPTIONS), size=(n, len(items)), dtype=np.int8)
    countries = rng.integers(0, n_countries, size=n).astype(np.int16)
    print(f"{n:,} respondents x {len(items)} Likert items, {n_countries} countries")
    print(f"response matrix: {matrix.nbytes / 1e6:.1f} MB (int8)")

    ctnat_summary(matrix[:10], countries[:10], n_countries)  # warm-up: imports scipy.stats
    t0 = time.perf_counter()
    tallies, _, _ = ctnat_summary(matrix, countries, n_countries)
    t_ctnat = time.perf_counter() - t0

    df = pd.DataFrame(matrix, columns=list(items))
    df["country"] = countries
    t0 = time.perf_counter()
    baseline = pandas_summary(df, items)
    t_pandas = time.perf_counter() - t0

    # same numbers both ways (spot check one item and country)
    item0 = items[0]
    vc = baseline[0].xs(0, level="country")
    for position, option in enumerate(OPTIONS):
        assert int(vc.get(position, 0)) == tallies[0][0].count(option), item0
    del df, baseline

    tracemalloc.start()
    ctnat_summary(matrix, countries, n_countries)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"ctnat  (counts + tallies + Wilson intervals): {t_ctnat:8.3f} s")
    print(f"pandas (groupby().value_counts(), counts only): {t_pandas:8.3f} s")
    print(f"ratio pandas / ctnat: {t_pandas / t_ctnat:.1f}x")
    print(
        f"ctnat peak extra memory: {peak / 1e6:.1f} MB = "
        f"{peak / matrix.nbytes:.2f} x the response matrix"
    )


if __name__ == "__main__":
    main()
