from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_SEED = "003_111f599aa090a8ef.txt"


@pytest.fixture(scope="session")
def seed_003() -> str:
    """Seed 003 (the IOM Azerbaijan report), beside the checkout or beside a worktree."""
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "seeds" / _SEED
        if path.is_file():
            return path.read_text(encoding="utf-8")
    pytest.skip("the seed documents (../shared/seeds) are not beside this checkout")
