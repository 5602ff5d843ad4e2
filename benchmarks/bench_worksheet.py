"""Worksheet write and read against plain openpyxl doing the same cell values.

ctnat's write adds styles, dropdowns, protection and the Metrics sheet; its read
checks every row against the instrument and the indicator set. The baseline
writes the Responses and Indicators values with openpyxl and reads them back
(read-only, values only) without checks, so the ratio is the price of the checks.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from ctnat import assessment as A
from ctnat import worksheet as W
from ctnat.survey import Response, ResponseSet, builtin


def _responses(n: int) -> ResponseSet:
    survey = builtin("ct-nat-2016-survey")
    items = survey.scale_items()
    out = []
    for k in range(n):
        answers = {
            q.id: survey.options(q)[(k + i) % len(survey.options(q))].name
            for i, q in enumerate(items)
        }
        out.append(
            Response(code=f"AZEsur{k + 1}", profile={"country": "azerbaijan"}, answers=answers)
        )
    return ResponseSet(
        instrument=survey.id, instrument_version=survey.version, responses=tuple(out)
    )


def _baseline(path: Path, rs: ResponseSet, a: A.Assessment) -> float:
    import openpyxl

    start = time.perf_counter()
    wb = openpyxl.Workbook()
    ws = wb.active
    keys = sorted({k for r in rs.responses for k in r.answers})
    ws.append(["code", *keys])
    for r in rs.responses:
        ws.append([r.code, *(str(r.answers.get(k, "")) for k in keys)])
    ind = wb.create_sheet("Indicators")
    for st in a.statuses:
        ind.append([st.indicator, st.status.value, st.note or ""])
    wb.save(path)
    rb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for s in rb.worksheets for _ in s.iter_rows(values_only=True))
    rb.close()
    assert rows == len(rs) + 1 + len(a.statuses)
    return time.perf_counter() - start


def main(quick: bool = False) -> None:
    example = Path(A.__file__).parent.parent / "examples" / "data" / "aze-2016.yaml"
    a = A.load(example)
    sizes = [10] if quick else [10, 200, 2000]
    with tempfile.TemporaryDirectory() as tmp:
        # warm-up: first-call imports (openpyxl, scipy for the caveats) and set loading
        W.read(W.write(Path(tmp) / "warm.xlsx", assessment=a, responses=_responses(2)))
        for n in sizes:
            rs = _responses(n)
            start = time.perf_counter()
            path = W.write(Path(tmp) / f"w{n}.xlsx", assessment=a, responses=rs)
            written = time.perf_counter() - start
            start = time.perf_counter()
            got = W.read(path)
            read = time.perf_counter() - start
            assert got.problems == ()
            assert got.responses is not None
            assert len(got.responses) == n
            base = _baseline(Path(tmp) / f"b{n}.xlsx", rs, a)
            print(
                f"responses={n:>5}: ctnat write {written:7.3f}s  read {read:7.3f}s  "
                f"total {written + read:7.3f}s | plain openpyxl {base:7.3f}s | "
                f"ratio {(written + read) / base:5.1f}x"
            )


if __name__ == "__main__":
    main()
