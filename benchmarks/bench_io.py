"""The reading layer (ctnat._io) against the plain parsers it wraps, at growing sizes.

For each format it prints the size, ctnat's time and throughput (MB/s of file),
the plain baseline's time in the same run and the ratio, the peak memory of
ctnat's read (tracemalloc, in a second run) per cell or per byte of file, and
the growth exponent of time between the two largest sizes (1.0 is linear):

- YAML: ``parse_yaml`` (libyaml, plus the event pass that checks depth and
  aliases) against ``yaml.load(CSafeLoader)``, and the pure-Python loader;
- JSON: ``parse_json`` (duplicate keys, depth scan) against ``json.loads``;
- CSV: ``csv_rows`` (sniffing and limits) against ``csv.reader``;
- XLSX: ``read_sheet`` (zip checks, expat cells) against openpyxl's read-only
  ``iter_rows``; and shared strings alone (500,000 distinct texts).

The workbooks are written part by part (openpyxl would take minutes to write
them): a sheet of rows x 480 cells as in issue 11 (8,000 x 480 took 105 s in
``worksheet.read``).
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import tempfile
import time
import tracemalloc
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ctnat._io import Limits, csv_rows, parse_json, parse_yaml, read_sheet

MB = 1_000_000
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _timed(fn: Callable[[], Any], repeat: int = 1) -> float:
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _peak(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        kept = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return peak


def _exponent(sizes: list[float], times: list[float]) -> float:
    return math.log(times[-1] / times[-2]) / math.log(sizes[-1] / sizes[-2])


def _document(n: int, rng: random.Random) -> dict[str, Any]:
    return {
        "id": "bench",
        "statuses": [
            {
                "indicator": f"{1 + i % 5}.{1 + i % 5}.F{1 + i % 2}",
                "status": rng.choice(["met", "partly met", "not met"]),
                "note": f"note {i} " + "x" * rng.randrange(40),
                "evidence": [{"source": f"Aze {i}", "pages": [i, i + 1]}],
            }
            for i in range(n)
        ],
    }


def _workbook(path: Path, rows: int, cols: int, shared: int = 0) -> Path:
    """A one-sheet workbook of numbers (and shared strings), written without openpyxl."""
    letters = []
    for c in range(1, cols + 1):
        s, n = "", c
        while n:
            n, r = divmod(n - 1, 26)
            s = chr(65 + r) + s
        letters.append(s)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        sst = (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            if shared
            else ""
        )
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            f'spreadsheetml.worksheet+xml"/>{sst}</Types>',
        )
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{NS}" xmlns:r="{rel}"><sheets><sheet name="Data" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (
                f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
                if shared
                else ""
            )
            + "</Relationships>",
        )
        with z.open("xl/worksheets/sheet1.xml", "w") as out:
            out.write(f'<worksheet xmlns="{NS}"><sheetData>'.encode())
            for r in range(1, rows + 1):
                cells = "".join(
                    f'<c r="{letters[c]}{r}"><v>{(r * c) % 7}</v></c>' for c in range(cols)
                )
                out.write(f'<row r="{r}">{cells}</row>'.encode())
            out.write(b"</sheetData></worksheet>")
        if shared:
            with z.open("xl/sharedStrings.xml", "w") as out:
                out.write(f'<sst xmlns="{NS}">'.encode())
                for i in range(shared):
                    out.write(f"<si><t>answer {i}</t></si>".encode())
                out.write(b"</sst>")
    return path


def _openpyxl_rows(path: Path) -> int:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = sum(len(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True))
    wb.close()
    return n


def _line(label: str, size: str, mb: float, t: float, base: float, extra: str) -> None:
    print(
        f"{label:<6} {size:>16}: ctnat {t:7.3f}s {mb / t:6.1f} MB/s | "
        f"baseline {base:7.3f}s | ratio {t / base:5.2f}x | {extra}",
        flush=True,
    )


def main(quick: bool = False) -> None:
    rng = random.Random(2016)
    limits = Limits(max_bytes=10**10, max_nodes=10**9)
    # -- YAML and JSON ---------------------------------------------------------------
    sizes = [200, 1_000] if quick else [2_000, 10_000, 40_000]
    for fmt in ("yaml", "json"):
        times: list[float] = []
        mbs: list[float] = []
        for n in sizes:
            doc = _document(n, rng)
            text = (
                yaml.safe_dump(doc, sort_keys=False) if fmt == "yaml" else json.dumps(doc, indent=1)
            )
            mb = len(text.encode()) / MB
            if fmt == "yaml":
                t = _timed(lambda text=text: parse_yaml(text, file="b", limits=limits))
                base = _timed(lambda text=text: yaml.load(text, Loader=yaml.CSafeLoader))
                slow = _timed(lambda text=text: yaml.load(text, Loader=yaml.SafeLoader))
                extra = f"pure-Python SafeLoader {slow:7.3f}s ({slow / t:4.1f}x ctnat)"
                peak = _peak(lambda text=text: parse_yaml(text, file="b", limits=limits))
            else:
                t = _timed(lambda text=text: parse_json(text, file="b", limits=limits), repeat=3)
                base = _timed(lambda text=text: json.loads(text), repeat=3)
                extra = ""
                peak = _peak(lambda text=text: parse_json(text, file="b", limits=limits))
            times.append(t)
            mbs.append(mb)
            _line(
                fmt,
                f"{mb:6.2f} MB",
                mb,
                t,
                base,
                f"peak {peak / MB:6.1f} MB ({peak / (mb * MB):4.1f} B per byte) {extra}",
            )
        print(f"{fmt}: growth exponent {_exponent(mbs, times):.2f}")
    # -- CSV --------------------------------------------------------------------------
    rows_list = [2_000, 10_000] if quick else [10_000, 50_000, 100_000]
    times, cells_list = [], []
    for rows in rows_list:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";")
        w.writerow([f"q{c}" for c in range(60)])
        for r in range(rows):
            w.writerow([f"answer {r} {c}" if c % 5 == 0 else str((r * c) % 5) for c in range(60)])
        text = buf.getvalue()
        mb = len(text.encode()) / MB
        cells = (rows + 1) * 60
        t = _timed(lambda text=text: sum(1 for _ in csv_rows(text, file="b", limits=limits)))
        base = _timed(
            lambda text=text: sum(1 for _ in csv.reader(io.StringIO(text), delimiter=";"))
        )
        peak = _peak(lambda text=text: list(csv_rows(text, file="b", limits=limits)))
        times.append(t)
        cells_list.append(cells)
        _line(
            "csv",
            f"{rows:>7} x 60",
            mb,
            t,
            base,
            f"peak (all rows kept) {peak / MB:6.1f} MB = {peak / cells:5.1f} B per cell",
        )
    print(f"csv: growth exponent {_exponent(cells_list, times):.2f}")
    # -- XLSX -------------------------------------------------------------------------
    grid = [(200, 48), (1_000, 48)] if quick else [(1_000, 480), (4_000, 480), (8_000, 480)]
    times, cells_list = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for rows, cols in grid:
            path = _workbook(Path(tmp) / f"w{rows}.xlsx", rows, cols)
            mb = path.stat().st_size / MB
            cells = rows * cols
            t = _timed(lambda path=path: read_sheet(path, limits=limits))
            base = _openpyxl_rows(path) and _timed(lambda path=path: _openpyxl_rows(path))
            peak = _peak(lambda path=path: read_sheet(path, limits=limits))
            times.append(t)
            cells_list.append(cells)
            _line(
                "xlsx",
                f"{rows:>5} x {cols}",
                mb,
                t,
                base,
                f"{cells / t / 1e6:4.2f} M cells/s, peak {peak / MB:6.1f} MB = "
                f"{peak / cells:5.1f} B per cell",
            )
        print(f"xlsx: growth exponent {_exponent(cells_list, times):.2f}")
        count = 20_000 if quick else 500_000
        path = _workbook(Path(tmp) / "sst.xlsx", 1, 1, shared=count)
        t = _timed(lambda path=path: read_sheet(path, limits=limits))
        base = _timed(lambda path=path: _openpyxl_rows(path))
        peak = _peak(lambda path=path: read_sheet(path, limits=limits))
        _line(
            "xlsx",
            f"{count:>9} strings",
            path.stat().st_size / MB,
            t,
            base,
            f"peak {peak / MB:6.1f} MB = {peak / count:5.1f} B per string",
        )


if __name__ == "__main__":
    main()
