"""``import ctnat`` stays light: no scipy, pandas or matplotlib at import time."""

from __future__ import annotations

import subprocess
import sys


def test_import_does_not_load_heavy_modules() -> None:
    code = (
        "import sys, ctnat; "
        "print(','.join(m for m in ('scipy', 'pandas', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
