"""The survey benchmark runs (small sizes)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_survey_quick(capsys, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    from benchmarks import bench_survey

    bench_survey.main(quick=True)
    out = capsys.readouterr().out
    assert "read_responses" in out
    assert "ratio" in out
