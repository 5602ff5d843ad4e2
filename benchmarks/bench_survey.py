"""Reading a Kobo-style CSV export: ctnat.survey.read_responses against plain parsing.

The baseline reads the same file with pandas (``read_csv``, every column as text),
which parses but checks nothing; ctnat parses, resolves the columns, checks every
answer against the instrument and builds frozen models.
"""

from __future__ import annotations

import gc
import itertools
import math
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from ctnat import Limits
from ctnat.aggregate import summarize
from ctnat.survey import (
    QuestionType,
    Response,
    ResponseSet,
    builtin,
    read_responses,
    write_responses,
)
from ctnat.survey.layout import form_fields


def _responses(n: int, seed: int = 2016) -> ResponseSet:
    rng = random.Random(seed)
    survey = builtin("ct-nat-2016-survey")
    out = []
    for i in range(1, n + 1):
        profile: dict[str, str] = {}
        answers: dict[str, object] = {}
        for q in survey.questions():
            if not q.required and rng.random() < 0.2:
                continue  # a skipped item
            names = [o.name for o in survey.options(q)]
            t = q.type
            if q.choices_from is not None:
                src = answers.get(q.choices_from)
                if not src:
                    continue
                value: object = rng.choice(list(src))  # type: ignore[call-overload]
            elif t in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
                value = rng.choice(names)
            elif t is QuestionType.TEXT:
                value = f"Answer {i} to {q.id}"
            elif t.is_multiple:
                k = q.count if t is QuestionType.CHOOSE_EXACTLY else rng.randint(1, q.count or 3)
                value = tuple(rng.sample(names, k))
            else:
                k = len(names) if t is QuestionType.RANK else (q.count or 3)
                value = {o: r for r, o in enumerate(rng.sample(names, k), start=1)}
            if q.profile:
                profile[q.profile] = str(value)
            else:
                answers[q.id] = value
        out.append(
            Response.model_validate({"code": f"AZEsur{i}", "profile": profile, "answers": answers})
        )
    return ResponseSet(instrument=survey.id, responses=tuple(out))


def _limits(path: Path) -> Limits:
    """A 100,000-record export is past the default limits (50 MB, 5 million cells).

    ``max_bytes`` is the file's own size: the reading layer reserves a buffer of
    ``max_bytes`` up front, which would otherwise count in the peak.
    """
    return Limits(max_bytes=path.stat().st_size + 1, max_cells=50_000_000)


def _timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _memory(path: Path, survey: object) -> tuple[int, int]:
    """(peak, retained) bytes of reading ``path`` and keeping the result (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = read_responses(path, survey, limits=_limits(path))  # type: ignore[arg-type]
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(kept) > 0
    return peak - before, current - before


_RSS = """
import sys
from pathlib import Path
import pandas
from ctnat import Limits
from ctnat.survey import builtin, read_responses

def high_water():
    # VmHWM: the peak resident size of this process (ru_maxrss survives exec on Linux,
    # so it would start at the size of the benchmark process that spawned this one)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise SystemExit("no VmHWM")

path = Path(sys.argv[1])
survey = builtin("ct-nat-2016-survey")
before = high_water()
kept = read_responses(path, survey, limits=Limits(max_bytes=path.stat().st_size + 1,
                                                  max_cells=50_000_000))
print(high_water() - before)
"""


def _rss(path: Path) -> int | None:
    """Growth of the peak resident memory of a fresh process reading ``path`` (bytes).

    tracemalloc does not see what pandas' C tokenizer allocates; the operating
    system does. None where ``/proc`` is missing (not Linux).
    """
    if not Path("/proc/self/status").exists():  # pragma: no cover - not Linux
        return None
    out = subprocess.run(
        [sys.executable, "-c", _RSS, str(path)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def main(quick: bool = False) -> None:
    from ctnat.survey import readers

    sizes = (100, 400) if quick else (10_000, 50_000, 100_000)
    survey = builtin("ct-nat-2016-survey")
    import pandas as pd  # the baseline, and the fast path of the CSV reader

    print(
        "Kobo CSV of the built-in form (';', XML names); best of 3. Baseline: pandas.read_csv "
        "(dtype=str) of the same file, which parses but checks nothing.\n"
        "ctnat: read_responses as installed with ctnat[pandas] (pandas' C reader, then every "
        "answer checked); 'no pandas': the same call with the csv-module path a base "
        "install uses."
    )
    print(
        f"{'n':>8} {'ctnat ms':>9} {'records/s':>10} {'pandas ms':>10} {'ratio':>6} "
        f"{'no pandas ms':>13} {'ratio':>6} {'traced peak MB':>15} {'RSS peak MB':>12} "
        f"{'retained B/rec':>15} {'to_frame ms':>12} {'long ms':>8}"
    )
    times: list[tuple[int, float]] = []
    sums: list[tuple[int, float, float]] = []
    plain = readers.csv_columns
    # the single-answer items summarize() summarises, as the export's columns
    single = [
        f.name
        for f in form_fields(survey)
        if f.part == "value"
        and survey.question(f.question).profile is None
        and survey.question(f.question).type in (QuestionType.SCALE, QuestionType.CHOOSE_ONE)
    ]
    for n in sizes:
        rs = _responses(n)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.csv"
            write_responses(rs, path, survey, sep=";")
            back = read_responses(path, survey, limits=_limits(path))
            assert back.rejected == ()
            assert back.responses[n // 2] == rs.responses[n // 2]
            if quick:
                assert back.responses == rs.responses
            del rs
            t_ctnat = _timed(lambda: read_responses(path, survey, limits=_limits(path)))  # noqa: B023
            t_base = _timed(
                lambda: pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)  # noqa: B023
            )
            readers.csv_columns = lambda *_a, **_k: None  # type: ignore[assignment]
            try:
                t_slow = _timed(
                    lambda: read_responses(path, survey, limits=_limits(path)),  # noqa: B023
                    repeat=1 if n >= 50_000 else 3,
                )
            finally:
                readers.csv_columns = plain
            t_sum = _timed(lambda b=back: summarize(b, survey), repeat=1 if n >= 50_000 else 3)
            frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
            t_counts = _timed(
                lambda f=frame: [f[c].value_counts() for c in single],
                repeat=1 if n >= 50_000 else 3,
            )
            del frame
            t_wide = _timed(lambda b=back: b.to_frame(survey))
            t_long = _timed(lambda b=back: b.to_frame(survey, long=True), repeat=1)
            del back
            peak, retained = _memory(path, survey)
            rss = _rss(path)
        times.append((n, t_ctnat))
        sums.append((n, t_sum, t_counts))
        rss_text = f"{rss / 1e6:12.1f}" if rss is not None else f"{'-':>12}"
        print(
            f"{n:>8} {t_ctnat * 1000:9.1f} {n / t_ctnat:10,.0f} {t_base * 1000:10.1f} "
            f"{t_ctnat / t_base:6.1f} {t_slow * 1000:13.1f} {t_slow / t_base:6.1f} "
            f"{peak / 1e6:15.1f} {rss_text} {retained / n:15,.0f} {t_wide * 1000:12.1f} "
            f"{t_long * 1000:8.1f}"
        )
    for (n1, t1), (n2, t2) in itertools.pairwise(times):
        print(
            f"growth exponent of read_responses time, n={n1} -> {n2}: "
            f"{math.log(t2 / t1) / math.log(n2 / n1):.2f}"
        )
    print("ratio = read_responses time / pandas.read_csv time (lower is better)")
    print(
        f"\nsummarize() of the {len(single)} single-answer items (counts, Wilson intervals, "
        "ordinal and Dirichlet summaries, caveats) against value_counts() of the same columns "
        "of the pandas frame (counts only)"
    )
    print(f"{'n':>8} {'summarize ms':>13} {'value_counts ms':>16} {'ratio':>6}")
    for n, t_sum, t_counts in sums:
        print(f"{n:>8} {t_sum * 1000:13.1f} {t_counts * 1000:16.1f} {t_sum / t_counts:6.1f}")
