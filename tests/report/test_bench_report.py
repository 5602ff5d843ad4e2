from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs_quick(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    monkeypatch_path = str(ROOT)
    if monkeypatch_path not in sys.path:
        sys.path.insert(0, monkeypatch_path)
    from benchmarks.bench_report import main

    main(quick=True)
    out = capsys.readouterr().out
    assert "html" in out
    assert "csv" in out
