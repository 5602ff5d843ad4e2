"""Rendering tables: ctnat.report against pandas, on the same cells.

Times (a) rendering an n-row survey-style table to HTML with every cell escaped,
ctnat's ``table_html`` vs pandas' ``DataFrame.to_html`` (which also escapes), and
(b) CSV export with the formula guard, ``table_to_csv`` vs ``DataFrame.to_csv`` of
the already-guarded values (the guard itself is part of ctnat's time only).
Prints absolute times and the ratio ctnat / pandas.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ctnat.report import Table, neutralise_formula, table_html, table_to_csv

COLUMNS = ("Question", "Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree", "n")


def _rows(n: int) -> tuple[tuple[str | int, ...], ...]:
    rows = []
    for i in range(n):
        text = f"{i}.1 Statement <{i}> & 'quotes'" if i % 7 else f"=cmd{i}"
        rows.append((text, i % 3, i % 5, i % 2, i % 4, i % 6, i % 11))
    return tuple(rows)


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(quick: bool = False) -> None:
    import pandas as pd

    sizes = (100, 1_000) if quick else (100, 1_000, 10_000, 50_000)
    repeat = 2 if quick else 3
    print(f"{'rows':>7} {'task':<5} {'ctnat s':>9} {'pandas s':>9} {'ratio':>6}")
    for n in sizes:
        rows = _rows(n)
        table = Table(title="bench", columns=COLUMNS, rows=rows)
        frame = pd.DataFrame(list(rows), columns=list(COLUMNS))
        t_ctnat = _best(lambda table=table: table_html(table), repeat)
        t_pandas = _best(lambda frame=frame: frame.to_html(escape=True, index=False), repeat)
        print(f"{n:>7} {'html':<5} {t_ctnat:>9.4f} {t_pandas:>9.4f} {t_ctnat / t_pandas:>6.2f}")
        guarded = frame.map(lambda v: neutralise_formula(v) if isinstance(v, str) else v)
        t_ctnat = _best(lambda table=table: table_to_csv(table), repeat)
        t_pandas = _best(lambda guarded=guarded: guarded.to_csv(index=False), repeat)
        print(f"{n:>7} {'csv':<5} {t_ctnat:>9.4f} {t_pandas:>9.4f} {t_ctnat / t_pandas:>6.2f}")
    start = time.perf_counter()
    Table(title="bench", columns=COLUMNS, rows=_rows(sizes[-1]))
    print(f"building a validated Table of {sizes[-1]} rows: {time.perf_counter() - start:.4f} s")


if __name__ == "__main__":
    main()
