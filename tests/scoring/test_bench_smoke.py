"""The scoring benchmark runs (small sizes); it times nothing here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_scoring.py"


def test_benchmark_runs_quick(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("bench_scoring", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(quick=True)
    out = capsys.readouterr().out
    assert "ratio" in out
    assert "5 countries x 100 indicators x 200 draws" in out
