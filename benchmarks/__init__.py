"""Benchmarks of ctnat against plain baselines, run with ``nox -s bench``."""
