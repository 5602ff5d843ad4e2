"""Summarising every Likert item for many respondents: ctnat against three baselines.

The data: one int8 response matrix (respondents x 62 Likert items of the built-in
survey, option positions 0-4, -1 for no answer) and a country code per respondent
(200 countries). Grid: 10,000, 100,000 and 1,000,000 respondents.

- ctnat counts every item by country with :func:`ctnat.aggregate.count_matrix`
  (in row blocks), then builds mergeable :class:`~ctnat.aggregate.Tally` objects
  and a Wilson interval for every (item, country, option) cell.
- bincount: the counts alone as one ``np.bincount`` over the whole matrix (an
  intp key per cell: fast, but 8 bytes of key per byte of data).
- read floor: ``matrix.sum()``, one pass over the int8 data; nothing that reads
  every answer can be faster.
- pandas: ``df.groupby("country")[item].value_counts()`` for each item (counts
  only; the DataFrame is built before the clock starts). Its first run is timed
  apart from the best of the later ones: the first pays for fresh pages from the
  operating system, later runs reuse memory the allocator already holds
  ("allocator effect"); the ratio uses the best run, which favours pandas.

Times are the best of several runs; peaks come from separate tracemalloc runs.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from benchmarks._measure import best_time, exponent, peak_bytes
from ctnat.aggregate import count_matrix, tallies_from_counts, wilson_bounds

OPTIONS = ("1", "2", "3", "4", "5")


def likert_items() -> tuple[str, ...]:
    """The ids of the built-in survey's Likert items (62 five-point items)."""
    try:
        from ctnat.survey import builtin

        return tuple(q.id for q in builtin("ct-nat-2016-survey").scale_items())
    except ImportError:  # pragma: no cover - survey package absent
        return tuple(f"item{i}" for i in range(62))


def ctnat_counts(matrix: np.ndarray, countries: np.ndarray, n_countries: int) -> np.ndarray:
    return count_matrix(matrix, len(OPTIONS), countries, n_countries)


def ctnat_summary(matrix: np.ndarray, countries: np.ndarray, n_countries: int) -> Any:
    counts = ctnat_counts(matrix, countries, n_countries)
    tallies = tallies_from_counts(counts, OPTIONS)
    answered = counts[..., :-1].sum(axis=-1, keepdims=True)
    low, high = wilson_bounds(counts[..., :-1], np.broadcast_to(answered, counts[..., :-1].shape))
    return tallies, low, high


def bincount_counts(matrix: np.ndarray, countries: np.ndarray, n_countries: int) -> np.ndarray:
    """(countries, items, 1 + options): slot 0 non-response. One bincount, whole matrix."""
    items = matrix.shape[1]
    slots = len(OPTIONS) + 1
    key = (countries.astype(np.intp)[:, None] * items + np.arange(items)) * slots
    key += matrix
    key += 1
    return np.bincount(key.ravel(), minlength=n_countries * items * slots).reshape(
        n_countries, items, slots
    )


def read_floor(matrix: np.ndarray) -> int:
    return int(matrix.sum())


def pandas_summary(df: Any, items: tuple[str, ...]) -> list[Any]:
    grouped = df.groupby("country")
    return [grouped[item].value_counts() for item in items]


def main(quick: bool = False) -> None:
    import pandas as pd

    items = likert_items()
    sizes = [2_000, 20_000] if quick else [10_000, 100_000, 1_000_000]
    n_countries = 20 if quick else 200
    repeat = 2 if quick else 3
    print(f"grid: {sizes} respondents x {len(items)} Likert items, {n_countries} countries")
    head = (
        f"{'respondents':>11} {'matrix MB':>9} | {'ctnat cnt':>9} {'bincount':>9} {'floor':>8} "
        f"{'cnt/bc':>7} {'cnt/floor':>9} | {'ctnat all':>9} {'pandas 1st':>10} {'pandas':>8} "
        f"{'pd/ctnat':>8} | {'peak MB: ctnat':>14} {'bincount':>9} {'pandas':>8}"
    )
    print(head)
    print("-" * len(head))
    ctnat_summary(np.zeros((10, len(items)), np.int8), np.zeros(10, np.int16), n_countries)
    times: dict[str, list[float]] = {"ctnat": [], "bincount": [], "floor": [], "pandas": []}
    for n in sizes:
        rng = np.random.default_rng(2016)
        matrix = rng.integers(-1, len(OPTIONS), size=(n, len(items)), dtype=np.int8)
        countries = rng.integers(0, n_countries, size=n).astype(np.int16)
        t_cnt, counts = best_time(lambda: ctnat_counts(matrix, countries, n_countries), repeat)  # noqa: B023
        t_bc, bc = best_time(lambda: bincount_counts(matrix, countries, n_countries), repeat)  # noqa: B023
        t_floor, _ = best_time(lambda: read_floor(matrix), repeat)  # noqa: B023
        t_all, (tallies, _, _) = best_time(
            lambda: ctnat_summary(matrix, countries, n_countries),  # noqa: B023
            repeat,
        )
        # the same counts every way
        assert np.array_equal(counts[..., :-1], bc[..., 1:].transpose(1, 0, 2))
        assert np.array_equal(counts[..., -1], bc[..., 0].T)
        df = pd.DataFrame(matrix, columns=list(items))
        df["country"] = countries
        t0 = time.perf_counter()
        first = pandas_summary(df, items)
        t_pd_first = time.perf_counter() - t0
        del first
        t_pd, baseline = best_time(lambda: pandas_summary(df, items), repeat)  # noqa: B023
        vc = baseline[0].xs(0, level="country")
        for position, option in enumerate(OPTIONS):
            assert int(vc.get(position, 0)) == tallies[0][0].count(option)
        del baseline
        p_ctnat = peak_bytes(lambda: ctnat_summary(matrix, countries, n_countries))  # noqa: B023
        p_bc = peak_bytes(lambda: bincount_counts(matrix, countries, n_countries))  # noqa: B023
        p_pd = peak_bytes(lambda: pandas_summary(df, items))  # noqa: B023
        times["ctnat"].append(t_all)
        times["bincount"].append(t_bc)
        times["floor"].append(t_floor)
        times["pandas"].append(t_pd)
        print(
            f"{n:>11,} {matrix.nbytes / 1e6:9.1f} | {t_cnt:9.4f} {t_bc:9.4f} {t_floor:8.4f} "
            f"{t_cnt / t_bc:6.2f}x {t_cnt / t_floor:8.1f}x | {t_all:9.4f} {t_pd_first:10.3f} "
            f"{t_pd:8.3f} {t_pd / t_all:7.1f}x | {p_ctnat / 1e6:14.1f} {p_bc / 1e6:9.1f} "
            f"{p_pd / 1e6:8.1f}"
        )
    print("columns: seconds (best run); cnt/bc and cnt/floor: ctnat's counts against the")
    print("single bincount and the int8 read floor (above 1 = slower than the baseline);")
    print(
        "ratio pandas / ctnat: 'pd/ctnat' (ctnat: counts + tallies + Wilson intervals; "
        "pandas: counts only, best run; 'pandas 1st' shows the allocator effect)"
    )
    a, b = sizes[-2], sizes[-1]
    growth = ", ".join(f"{name} {exponent(a, ts[-2], b, ts[-1]):.2f}" for name, ts in times.items())
    print(f"growth exponent ({a:,} -> {b:,} respondents): {growth}")


if __name__ == "__main__":
    main()
