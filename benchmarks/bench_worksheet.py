"""Worksheet write and read against plain openpyxl doing the same cell values.

Write: ctnat's workbook (styles per cell kind, dropdowns, protection, the wording
row, the Metrics sheet) against plain openpyxl appending the same answer cells to
a Responses sheet and the statuses to an Indicators sheet and saving. Read:
ctnat's read, which checks every row against the instrument and the indicator
set, against openpyxl reading the values back (read-only, values only, no checks).
The write ratio is the price of the worksheet's styling and checks on entry (the
target is at most 2x at 2,000 responses); the read ratio the price of the checks.
Times are the best of the runs; peaks come from separate tracemalloc runs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks._measure import best_time, exponent, peak_bytes
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


def plain_write(path: Path, rs: ResponseSet, a: A.Assessment) -> Path:
    import openpyxl

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
    return path


def plain_read(path: Path, rs: ResponseSet, a: A.Assessment) -> int:
    import openpyxl

    rb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for s in rb.worksheets for _ in s.iter_rows(values_only=True))
    rb.close()
    assert rows == len(rs) + 1 + len(a.statuses)
    return rows


def main(quick: bool = False) -> None:
    example = Path(A.__file__).parent.parent / "examples" / "data" / "aze-2016.yaml"
    a = A.load(example)
    sizes = [10, 50] if quick else [10, 200, 2000]
    repeat = 1 if quick else 2
    print(f"grid: {sizes} responses x 62 Likert answers, with the Azerbaijan assessment")
    t_write: list[float] = []
    t_plain: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        # warm-up: first-call imports (openpyxl) and set loading
        W.read(W.write(d / "warm.xlsx", assessment=a, responses=_responses(2)))
        for n in sizes:
            rs = _responses(n)
            written, path = best_time(
                lambda: W.write(d / f"w{n}.xlsx", assessment=a, responses=rs, overwrite=True),  # noqa: B023
                repeat,
            )
            read, got = best_time(lambda: W.read(path), repeat)  # noqa: B023
            assert got.problems == ()
            assert got.responses is not None
            assert len(got.responses) == n
            base_w, base_path = best_time(lambda: plain_write(d / f"b{n}.xlsx", rs, a), repeat)  # noqa: B023
            base_r, _ = best_time(lambda: plain_read(base_path, rs, a), repeat)  # noqa: B023
            peak_c = peak_bytes(
                lambda: W.write(d / "pc.xlsx", assessment=a, responses=rs, overwrite=True)  # noqa: B023
            )
            peak_p = peak_bytes(lambda: plain_write(d / "pp.xlsx", rs, a))  # noqa: B023
            t_write.append(written)
            t_plain.append(base_w)
            print(
                f"responses={n:>5}: write ctnat {written:7.3f}s plain {base_w:7.3f}s "
                f"ratio {written / base_w:4.2f}x | read ctnat {read:7.3f}s plain {base_r:7.3f}s "
                f"ratio {read / base_r:5.1f}x | write peak ctnat {peak_c / 1e6:6.1f} MB "
                f"plain {peak_p / 1e6:6.1f} MB"
            )
    a_n, b_n = sizes[-2], sizes[-1]
    print(
        f"growth exponent of writing ({a_n} -> {b_n} responses): "
        f"ctnat {exponent(a_n, t_write[-2], b_n, t_write[-1]):.2f}, "
        f"plain {exponent(a_n, t_plain[-2], b_n, t_plain[-1]):.2f}"
    )


if __name__ == "__main__":
    main()
