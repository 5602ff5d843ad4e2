"""Every benchmark runs at small sizes (``main(quick=True)``); nothing is timed here.

The timings themselves come from ``nox -s bench`` (``python -m benchmarks``), which
reports each ratio against its plain baseline.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# benchmark module -> text its quick run must print
EXPECTED = {
    "bench_aggregate": ("ratio pandas / ctnat", "62 Likert items"),
    "bench_io": ("MB/s", "growth exponent"),
    "bench_report": ("html", "csv"),
    "bench_scoring": ("ratio", "5 countries x 100 indicators x 200 draws"),
    "bench_survey": ("read_responses", "ratio"),
    "bench_worksheet": ("responses=   10", "ratio"),
}


def test_every_benchmark_module_is_covered():
    found = {p.stem for p in (ROOT / "benchmarks").glob("bench_*.py")}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_benchmark_runs_quick(name, monkeypatch, capsys):
    pytest.importorskip("pandas")  # the baselines use pandas
    monkeypatch.syspath_prepend(str(ROOT))
    importlib.import_module(f"benchmarks.{name}").main(quick=True)
    out = capsys.readouterr().out
    for text in EXPECTED[name]:
        assert text in out
