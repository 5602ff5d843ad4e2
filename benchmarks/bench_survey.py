"""Reading a Kobo-style CSV export: ctnat.survey.read_responses against plain parsing.

The baseline reads the same file with pandas (``read_csv``, every column as text),
which parses but checks nothing; ctnat parses, resolves the columns, checks every
answer against the instrument and builds frozen models.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from ctnat.survey import (
    QuestionType,
    Response,
    ResponseSet,
    builtin,
    read_responses,
    write_responses,
)


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


def main(quick: bool = False) -> None:
    sizes = (100,) if quick else (1_000, 10_000)
    survey = builtin("ct-nat-2016-survey")
    for n in sizes:
        rs = _responses(n)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.csv"
            write_responses(rs, path, survey, sep=";")
            t0 = time.perf_counter()
            back = read_responses(path, survey)
            t_ctnat = time.perf_counter() - t0
            assert back.responses == rs.responses
            try:
                import pandas as pd
            except ImportError:  # pragma: no cover - the baseline needs pandas
                import csv

                t0 = time.perf_counter()
                with path.open(encoding="utf-8", newline="") as fh:
                    rows = list(csv.DictReader(fh, delimiter=";"))
                t_base = time.perf_counter() - t0
                base = "csv.DictReader"
                assert len(rows) == n
            else:
                t0 = time.perf_counter()
                frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
                t_base = time.perf_counter() - t0
                base = "pandas.read_csv"
                assert len(frame) == n
        print(
            f"n={n:>6} respondents x {len(survey.questions())} questions: "
            f"read_responses {t_ctnat * 1000:8.1f} ms, {base} {t_base * 1000:7.1f} ms, "
            f"ratio {t_ctnat / t_base:5.1f}x ({n / t_ctnat:,.0f} records/s checked)"
        )
