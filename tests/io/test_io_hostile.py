"""Regression files of issue 11 (``tests/data/hostile/``) through every reader they fit.

Each crash class of the issue has a small file here (the big ones are generated);
each reader must refuse it with a :class:`ctnat.CtnatError`. Escapes inside the
response parsing (``survey/readers.py``, being rewritten for issue 10) are
reported as expected failures naming the place.
"""

from __future__ import annotations

import gc
import traceback
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from io_xlsx_maker import write_workbook

from ctnat import CtnatError, FileFormatError, ValidationError, assessment, indicators, worksheet
from ctnat.survey import (
    load_extension,
    load_instrument,
    read_interviews,
    read_responses,
    read_xlsform,
)

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
RESPONSES_MODULES = ("survey/readers.py", "survey/responses.py", "survey/_table.py")

READERS: dict[str, Callable[[Path], Any]] = {
    "indicators.load": indicators.load,
    "assessment.load": assessment.load,
    "load_instrument": load_instrument,
    "load_extension": load_extension,
    "read_interviews": read_interviews,
    "read_responses": lambda p: read_responses(p, "ct-nat-2016-survey"),
    "read_xlsform": read_xlsform,
    "worksheet.read": worksheet.read,
}
BY_SUFFIX = {
    ".yaml": [
        "indicators.load",
        "assessment.load",
        "load_instrument",
        "load_extension",
        "read_interviews",
    ],
    ".json": [
        "indicators.load",
        "assessment.load",
        "load_instrument",
        "load_extension",
        "read_interviews",
        "read_responses",
    ],
    ".csv": ["read_interviews", "read_responses"],
    ".xlsx": ["read_interviews", "read_responses", "read_xlsform", "worksheet.read"],
}


def _refused(reader: str, path: Path, *, may_read: bool = False) -> CtnatError | None:
    try:
        if reader == "read_responses":
            # its old XLSX path leaks the file of a damaged workbook (issue 10's to mend)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ResourceWarning)
                try:
                    READERS[reader](path)
                finally:
                    gc.collect()
        else:
            READERS[reader](path)
    except CtnatError as exc:
        return exc
    except Exception as exc:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/ctnat/" in f.filename]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        if reader == "read_responses" and any(m in where for m in RESPONSES_MODULES):
            pytest.xfail(f"response parsing, for issue 10: {exc!r} at {where}")
        raise
    if may_read:
        return None
    if reader == "read_responses":  # does not go through ctnat._io yet
        pytest.xfail(f"response parsing, for issue 10: read {path.name} without an error")
    pytest.fail(f"{reader} read {path.name} without an error")


CASES = [
    (f.name, reader)
    for f in sorted(HOSTILE.iterdir())
    if f.suffix in BY_SUFFIX
    for reader in BY_SUFFIX[f.suffix]
]
EXPECTED = {
    "deep-nesting.json": "nested more than",
    "deep-nesting.yaml": "nesting",  # ours (max_depth) or libyaml's own, at 1,000 levels
    "impossible-date.yaml": "day is out of range for month",
    "duplicate-keys.json": "appears twice",
    "billion-laughs.yaml": "max_nodes",
}


@pytest.mark.parametrize(("name", "reader"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_hostile_file_is_refused_with_a_ctnat_error(name: str, reader: str) -> None:
    path = HOSTILE / name
    # a lone CR in a CSV header is a line break: such a file reads (issue 11: it crashed)
    exc = _refused(reader, path, may_read=name == "bare-cr-header.csv")
    if name in EXPECTED:
        assert isinstance(exc, FileFormatError)
        assert EXPECTED[name] in str(exc)
        assert exc.file == str(path)


def test_extends_path_with_a_nul_byte() -> None:
    exc = _refused("indicators.load", HOSTILE / "extends-nul.yaml")
    assert isinstance(exc, FileFormatError), exc
    assert exc.location == "extends"
    assert "NUL" in exc.reason


def test_pathological_code_pattern_is_refused_before_use() -> None:
    exc = _refused("load_instrument", HOSTILE / "pathological-pattern.yaml")
    assert isinstance(exc, ValidationError)
    assert "code_pattern" in str(exc)
    assert "exponential" in str(exc)


def test_impossible_date_is_located() -> None:
    exc = _refused("assessment.load", HOSTILE / "impossible-date.yaml")
    assert exc.location.startswith("line 2")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("big")
    bomb = write_workbook(tmp / "bomb.xlsx", [["code"], ["AZEint1"]])
    with (
        zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("xl/worksheets/sheet1.xml.pad", "w") as out,
    ):
        for _ in range(520):
            out.write(b"\0" * (1 << 20))
    strings = write_workbook(
        tmp / "strings.xlsx",
        [["code"], [("shared", 0)]],
        shared=(f"s{i}" for i in range(500_001)),
    )
    header = tmp / "header.csv"
    header.write_text("code," + "q" * 140_000 + "\nAZEint1,x\n")
    return {"bomb": bomb, "strings": strings, "header": header}


@pytest.mark.parametrize("reader", BY_SUFFIX[".xlsx"])
@pytest.mark.parametrize("kind", ["bomb", "strings"])
def test_bombs_are_refused_before_parsing(big: dict[str, Path], reader: str, kind: str) -> None:
    exc = _refused(reader, big[kind])
    assert isinstance(exc, FileFormatError)
    assert ("max_unpacked_bytes" if kind == "bomb" else "max_shared_strings") in str(exc)


@pytest.mark.parametrize("reader", BY_SUFFIX[".csv"])
def test_header_over_128_kib(big: dict[str, Path], reader: str) -> None:
    exc = _refused(reader, big["header"])
    assert "max_cell_chars" in str(exc) or "header" in str(exc)
