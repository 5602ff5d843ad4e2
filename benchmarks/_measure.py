"""Shared measuring for the benchmarks: best-of timing, tracemalloc peaks, growth exponents.

Nothing here is timed itself. Peaks are measured in a separate, untimed run with
:mod:`tracemalloc` (numpy reports its buffers to it), so tracing never slows a timing.
"""

from __future__ import annotations

import gc
import math
import time
import tracemalloc
from collections.abc import Callable
from typing import Any


def best_time(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """The shortest wall time of ``repeat`` runs of ``fn`` and the last result."""
    best, result = math.inf, None
    for _ in range(max(1, repeat)):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def peak_bytes(fn: Callable[[], Any]) -> int:
    """Peak memory traced by tracemalloc while ``fn`` runs (its result is dropped)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def exponent(size_a: float, time_a: float, size_b: float, time_b: float) -> float:
    """How cost grows between two sizes: ``log(time_b / time_a) / log(size_b / size_a)``."""
    if size_a == size_b or time_a <= 0 or time_b <= 0:
        return math.nan
    return math.log(time_b / time_a) / math.log(size_b / size_a)


def mb(n: float) -> str:
    """Bytes as megabytes, for a table."""
    return f"{n / 1e6:8.1f} MB"
