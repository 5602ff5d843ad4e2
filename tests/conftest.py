from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True, scope="session")
def _run_from_repo_root() -> None:
    """Docs examples use paths relative to the repository root."""
    os.chdir(ROOT)


@pytest.fixture(scope="session")
def seed_003() -> str:
    path = SEEDS / "003_111f599aa090a8ef.txt"
    if not path.is_file():
        pytest.skip("the seed documents (../shared/seeds) are not beside this checkout")
    return path.read_text(encoding="utf-8")
