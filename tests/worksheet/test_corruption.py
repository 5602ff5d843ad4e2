"""Random corruptions of single cells: reported at the right sheet and cell, never a crash.

The workbook is read once; each example changes one cell value in memory (as
openpyxl would deliver it after a person typed it) and reads the sheets again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctnat import CtnatError
from ctnat import worksheet as W
from ctnat.worksheet import _layout as L
from ctnat.worksheet._answers import option_lookup
from ctnat.worksheet._open import Limits, read_sheets
from ctnat.worksheet._read import read_rows

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(max_size=20)


@pytest.fixture(scope="module")
def sheets(
    tmp_path_factory: pytest.TempPathFactory, aze, responses, interviews
) -> dict[str, list[tuple[Any, ...]]]:  # type: ignore[no-untyped-def]
    path = W.write(
        tmp_path_factory.mktemp("c") / "c.xlsx",
        assessment=aze,
        responses=responses,
        interviews=interviews,
    )
    return {name: rows.rows for name, rows in read_sheets(path, Limits()).items()}


def _with(
    sheets: dict[str, list[tuple[Any, ...]]], sheet: str, row: int, col: int, value: object
) -> dict[str, list[tuple[Any, ...]]]:
    rows = [list(r) for r in sheets[sheet]]
    while len(rows) < row:
        rows.append([])
    line = rows[row - 1]
    while len(line) < col:
        line.append(None)
    line[col - 1] = value
    return {**sheets, sheet: [tuple(r) for r in rows]}


def _read(sheets: dict[str, list[tuple[Any, ...]]]) -> W.Worksheet:
    return read_rows(sheets, file="c.xlsx", base_dir=Path())


def test_the_template_is_clean(sheets) -> None:  # type: ignore[no-untyped-def]
    assert _read(sheets).problems == ()


def _col(sheets: dict[str, list[tuple[Any, ...]]], sheet: str, name: str) -> int:
    return list(sheets[sheet][0]).index(name) + 1


@SETTINGS
@given(data=st.data())
def test_bad_status_is_reported_at_its_cell(sheets, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    row = data.draw(st.integers(2, len(sheets[L.INDICATORS])))
    value = data.draw(TEXT.filter(lambda t: t.strip() and L.parse_status(t) is None))
    col = _col(sheets, L.INDICATORS, "status")
    ws = _read(_with(sheets, L.INDICATORS, row, col, value))
    assert [p.location for p in ws.problems] == [f"Indicators!{L.column_letter(col)}{row}"]
    assert ws.assessment is not None


@SETTINGS
@given(data=st.data())
def test_bad_answer_is_reported_at_its_cell(sheets, survey, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    item = data.draw(st.sampled_from([q.id for q in survey.scale_items()]))
    lookup = option_lookup(survey, survey.question(item))
    value = data.draw(TEXT.filter(lambda t: t.strip() and L.normalise(t) not in lookup))
    row = data.draw(st.integers(3, 5))
    col = _col(sheets, L.RESPONSES, item)
    ws = _read(_with(sheets, L.RESPONSES, row, col, value))
    assert [p.location for p in ws.problems] == [f"Responses!{L.column_letter(col)}{row}"]
    assert ws.responses is not None
    assert len(ws.responses) == 2
    assert ws.responses.records_read == 3


@SETTINGS
@given(data=st.data())
def test_bad_count_is_reported_at_its_cell(sheets, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    sheet, names, rows = data.draw(
        st.sampled_from(
            [
                (L.INTERVIEWS, ("female", "male", "unstated"), (2, 3)),
                (L.PRIORITIES, ("survey", "workshop", "rank points"), tuple(range(2, 19))),
            ]
        )
    )
    col = _col(sheets, sheet, data.draw(st.sampled_from(names)))
    row = data.draw(st.sampled_from(rows))
    value = data.draw(
        st.integers(max_value=-1)
        | st.floats(allow_nan=False).filter(lambda f: not f.is_integer())
        | TEXT.filter(lambda t: t.strip() and not t.strip().isdigit())
    )
    ws = _read(_with(sheets, sheet, row, col, value))
    sheet_ref = f"'{sheet}'" if " " in sheet else sheet
    assert [p.location for p in ws.problems] == [f"{sheet_ref}!{L.column_letter(col)}{row}"]


@SETTINGS
@given(code=TEXT.filter(lambda t: t.strip() != ""), data=st.data())
def test_unknown_source_is_reported_at_its_cell(
    sheets, aze, code: str, data: st.DataObject
) -> None:  # type: ignore[no-untyped-def]
    known = {s.code for s in aze.bibliography}
    code = code.strip()
    if code in known:
        return
    row = data.draw(st.integers(2, len(sheets[L.INDICATORS])))
    col = _col(sheets, L.INDICATORS, "evidence")
    cell = W.format_evidence([__import__("ctnat").assessment.Evidence(source=code)])
    ws = _read(_with(sheets, L.INDICATORS, row, col, cell))
    problems = [p.location for p in ws.problems]
    assert problems == [f"Indicators!{L.column_letter(col)}{row}"]


VALUES = st.one_of(
    st.none(),
    TEXT,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates().map(lambda d: dt.datetime(d.year, d.month, d.day)),
    st.sampled_from(["=1+1", "@SUM(A1)", "-", "met", "AZEsur1", "1.1.F1", "8.1", ";", '"']),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_cell_any_value_never_crashes(sheets, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    sheet = data.draw(st.sampled_from(sorted(sheets)))
    height = max(len(sheets[sheet]), 1)
    row = data.draw(st.integers(1, height + 1))
    col = data.draw(st.integers(1, max((len(r) for r in sheets[sheet]), default=1) + 1))
    value = data.draw(VALUES)
    try:
        ws = _read(_with(sheets, sheet, row, col, value))
    except CtnatError:
        return
    for p in ws.problems:
        assert p.sheet in sheets
        assert p.reason
