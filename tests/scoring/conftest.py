from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seed_text() -> str:
    """Seed 003 (the IOM Azerbaijan report) if it is beside this checkout or a level up."""
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "seeds" / "003_111f599aa090a8ef.txt"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    pytest.skip("seed 003 (shared/seeds) is not beside this checkout")
