"""Smoke test: the aggregation benchmark runs at small sizes (not a timing test)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest


def test_bench_aggregate_quick_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pandas")
    monkeypatch.syspath_prepend(str(Path(__file__).parents[2]))
    bench = importlib.import_module("benchmarks.bench_aggregate")
    bench.main(quick=True)
    out = capsys.readouterr().out
    assert "ratio pandas / ctnat" in out
    assert "62 Likert items" in out
