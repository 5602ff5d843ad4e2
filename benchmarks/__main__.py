"""Run every ``benchmarks/bench_*.py`` module's ``main(quick)`` and print its report.

``python -m benchmarks`` runs the full sizes; ``python -m benchmarks --quick``
runs small sizes (a smoke test of the benchmark code itself).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("names", nargs="*", help="run only these (e.g. aggregate scoring)")
    args = parser.parse_args(argv)
    here = Path(__file__).parent
    found = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    chosen = [n for n in found if not args.names or n.removeprefix("bench_") in args.names]
    if not chosen:
        print(f"no benchmark matches {args.names}; have {found}", file=sys.stderr)
        return 2
    for name in chosen:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"== {name} ==", flush=True)
        module.main(quick=args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
