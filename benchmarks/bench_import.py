"""``import ctnat`` against ``python -c pass``, both measured in the same run.

Each sample is a fresh interpreter started with ``-X importtime``; the import
time of ``ctnat`` is the cumulative time its line reports, and the wall time of
the whole process is compared with the wall time of ``python -c pass`` (the
interpreter's own start-up, the fair baseline). The target of issue 13 is
``import ctnat`` under 0.25 s beyond the baseline. Peak memory (maximum resident
set) of each child is reported too; there is no size to grow, so no exponent.
Also listed: the heavy optional modules (pandas, matplotlib, openpyxl, scipy)
that ``import ctnat`` loaded, which must be none.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_S = 0.25
HEAVY = ("pandas", "matplotlib", "openpyxl", "scipy")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _run(code: str) -> tuple[float, float, str]:
    """(wall s, import-time s of ctnat or 0, stdout) of one fresh interpreter."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    cumulative = 0.0
    for line in err.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[2] == "ctnat":
            cumulative = int(parts[1]) / 1e6
    return wall, cumulative, out


def _peak(code: str) -> int:
    """Peak resident set (kB) of a child running ``code``."""
    probe = (
        "import resource, subprocess, sys; "
        f"subprocess.run([sys.executable, '-c', {code!r}], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=_env(), check=True
    ).stdout
    return int(out.strip() or 0)


def main(quick: bool = False) -> None:
    repeat = 3 if quick else 15
    base_wall, ctnat_wall, ctnat_import = [], [], []
    heavy = ""
    for _ in range(repeat):  # interleaved, so both see the same machine load
        base_wall.append(_run("pass")[0])
        wall, imported, out = _run(
            f"import sys, ctnat; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
        )
        ctnat_wall.append(wall)
        ctnat_import.append(imported)
        heavy = out.strip()
    b, c, i = (statistics.median(x) for x in (base_wall, ctnat_wall, ctnat_import))
    print(f"samples: {repeat} fresh interpreters each, interleaved (medians)")
    print(f"python -c pass          wall {b:.4f} s")
    print(f"python -c 'import ctnat' wall {c:.4f} s   ratio {c / b:.2f}")
    print(f"import ctnat (-X importtime, cumulative) {i:.4f} s; beyond pass {c - b:.4f} s")
    print(f"peak memory: pass {_peak('pass')} kB, import ctnat {_peak('import ctnat')} kB")
    print(f"heavy modules loaded by import ctnat: {heavy or 'none'}")
    verdict = "within" if max(i, c - b) < TARGET_S else "OVER"
    print(f"target {TARGET_S} s: {verdict}")


if __name__ == "__main__":
    main()
