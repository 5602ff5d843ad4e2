"""The long fuzz run behind ``nox -s fuzz``: mutate real files for N minutes, count escapes.

    python tests/fuzz/run.py --minutes 10 [--seed 1] [--out fuzz-findings]

Round-robin over every reader of :mod:`tests.fuzz.targets`, each input a seeded
random mutation (bytes, or one part of a workbook). Prints, per reader, the inputs
tried, how many read, how many were refused with a ``CtnatError``, the escapes
(any other exception), the escapes inside another helper's module (response
parsing), and the inputs that took longer than ``--slow`` seconds (a limit that
does not hold). Each escape's input is saved in ``--out``. Exit status 1 if any
escape or slow input is ctnat's own.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.fuzz.targets import TARGETS, make_input, random_ops, run


class _Slow(BaseException):
    """Raised by the alarm; a BaseException so that the readers' handlers let it through."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Slow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tests/fuzz/run.py")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=float, default=20.0, help="seconds one input may take")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--only", nargs="*", default=None, help="reader names to fuzz")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    targets = [t for t in TARGETS if not args.only or t.name in args.only]
    counts: dict[str, Counter[str]] = {t.name: Counter() for t in targets}
    kinds: Counter[str] = Counter()
    signal.signal(signal.SIGALRM, _alarm)
    end = time.monotonic() + args.minutes * 60
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        i = 0
        while time.monotonic() < end:
            target = targets[i % len(targets)]
            i += 1
            member = rng.randrange(40) if target.is_zip and rng.random() < 0.7 else -1
            data = make_input(target, random_ops(rng), member)
            c = counts[target.name]
            c["tried"] += 1
            signal.setitimer(signal.ITIMER_REAL, args.slow)
            try:
                outcome = run(target, data, Path(tmp))
            except _Slow:
                c["slow"] += 1
                (args.out / f"slow-{target.name}-{c['tried']}{target.suffix}").write_bytes(data)
                continue
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if outcome.escaped is None:
                c["handled"] += 1
                continue
            key = "escaped elsewhere" if outcome.elsewhere else "escaped"
            c[key] += 1
            kind = f"{target.name}: {type(outcome.escaped).__name__} at {outcome.where}"
            if kinds[kind] == 0:
                name = f"{key.replace(' ', '-')}-{target.name}-{c['tried']}{target.suffix}"
                (args.out / name).write_bytes(data)
                print(f"new escape: {kind}: {str(outcome.escaped)[:160]}", flush=True)
            kinds[kind] += 1
    print(
        f"\n{'reader':<22} {'tried':>7} {'handled':>8} {'escaped':>8} {'elsewhere':>10} {'slow':>5}"
    )
    total: Counter[str] = Counter()
    for name, c in counts.items():
        total.update(c)
        print(
            f"{name:<22} {c['tried']:>7} {c['handled']:>8} {c['escaped']:>8} "
            f"{c['escaped elsewhere']:>10} {c['slow']:>5}"
        )
    print(
        f"{'all':<22} {total['tried']:>7} {total['handled']:>8} {total['escaped']:>8} "
        f"{total['escaped elsewhere']:>10} {total['slow']:>5}"
    )
    for kind, n in kinds.most_common():
        print(f"  {n:>6} x {kind}")
    return 1 if total["escaped"] or total["slow"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
