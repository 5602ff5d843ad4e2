"""The narrative and statistics through the worksheet: lossless, every bad cell located."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctnat import assessment as A
from ctnat.examples import azerbaijan

from .strategies import base, narratives

openpyxl = pytest.importorskip("openpyxl")

from ctnat import worksheet as W
from ctnat.worksheet import _layout as L
from ctnat.worksheet._open import Limits, read_sheets
from ctnat.worksheet._read import read_rows
from ctnat.worksheet._statistics import format_breakdowns, parse_breakdowns

Sheets = dict[str, list[tuple[Any, ...]]]


def sheets_of(a: A.Assessment, path: Path) -> Sheets:
    W.write(path, assessment=a)
    return {name: rows.rows for name, rows in read_sheets(path, Limits()).items()}


def read(sheets: Sheets) -> W.Worksheet:
    return read_rows(sheets, file="w.xlsx", base_dir=Path())


def with_cell(sheets: Sheets, sheet: str, row: int, column: str, value: object) -> Sheets:
    rows = [list(r) for r in sheets[sheet]]
    col = list(rows[0]).index(column)
    while len(rows) < row:
        rows.append([])
    line = rows[row - 1]
    while len(line) <= col:
        line.append(None)
    line[col] = value
    return {**sheets, sheet: [tuple(r) for r in rows]}


@pytest.fixture(scope="module")
def aze_sheets(tmp_path_factory: pytest.TempPathFactory) -> Sheets:
    return sheets_of(azerbaijan(), tmp_path_factory.mktemp("w") / "aze.xlsx")


def test_the_example_round_trips(aze_sheets: Sheets) -> None:
    ws = read(aze_sheets)
    assert ws.problems == ()
    assert ws.assessment == azerbaijan()


def test_statistics_sheet_shows_every_statistic(aze_sheets: Sheets) -> None:
    rows = aze_sheets[L.STATISTICS]
    header = list(rows[0])
    ids = [r[header.index("id")] for r in rows[1:] if r and r[0]]
    assert ids == [s.id for s in azerbaijan().statistics]
    referred = next(r for r in rows[1:] if r[0] == "victims-certified-referred")
    assert referred[header.index("value")] == 38
    assert referred[header.index("breakdowns")] == "sex: female = 35; sex: male = 3"
    assert referred[header.index("evidence")] == "Gen 1, section 2.1"
    findings = aze_sheets[L.FINDINGS]
    assert [r[0] for r in findings[1:6]] == ["1", "1", "1", "2", "2"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(narratives())
def test_random_narratives_round_trip(
    tmp_path_factory: pytest.TempPathFactory, fields: dict[str, object]
) -> None:
    a = base(**fields)
    ws = read(sheets_of(a, tmp_path_factory.mktemp("n") / "n.xlsx"))
    assert ws.problems == ()
    assert ws.assessment == a


def test_improvement_marks_round_trip(tmp_path: Path) -> None:
    statuses = [
        {"indicator": "1.1.F1", "status": "met", "improvement": True},
        {"indicator": "1.1.F2", "status": "partly_met", "improvement": False},
    ]
    a = A.Assessment.model_validate(A.to_mapping(base()) | {"statuses": statuses})
    ws = read(sheets_of(a, tmp_path / "m.xlsx"))
    assert ws.problems == ()
    assert ws.assessment == a
    assert ws.assessment is not None
    st_ = ws.assessment.status("1.1.F1")
    assert st_ is not None
    assert st_.improvement_mark.basis is A.ImprovementBasis.SET


def test_improvement_marks_are_a_visible_column_an_assessor_can_fill(tmp_path: Path) -> None:
    statuses = [
        {"indicator": "1.1.F1", "status": "met", "improvement": True},
        {"indicator": "1.1.F2", "status": "partly_met"},
        {"indicator": "1.1.O1", "status": "not_met"},
    ]
    a = A.Assessment.model_validate(A.to_mapping(base()) | {"statuses": statuses})
    sheets = sheets_of(a, tmp_path / "m.xlsx")
    header = list(sheets[L.INDICATORS][0])
    col = header.index("potential improvement")
    rows = {r[0]: r for r in sheets[L.INDICATORS][1:]}
    # before, the marks were only in the hidden sheet; a defaulted mark stays blank
    assert rows["1.1.F1"][col] == "yes"
    assert len(rows["1.1.F2"]) <= col or rows["1.1.F2"][col] in (None, "")
    assert "improvement_marks" not in json.dumps([list(r) for r in sheets[L.STORE]])
    # the assessor types marks as they would: "No", "x", and rubbish
    r_f2 = 1 + [r[0] for r in sheets[L.INDICATORS]].index("1.1.F2")
    r_o1 = 1 + [r[0] for r in sheets[L.INDICATORS]].index("1.1.O1")
    edited = with_cell(sheets, L.INDICATORS, r_f2, "potential improvement", "No")
    edited = with_cell(edited, L.INDICATORS, r_o1, "potential improvement", "x")
    ws = read(edited)
    assert ws.problems == ()
    assert ws.assessment is not None
    f2, o1 = ws.assessment.status("1.1.F2"), ws.assessment.status("1.1.O1")
    assert f2 is not None
    assert o1 is not None
    assert f2.improvement_mark == A.ImprovementMark(marked=False, basis=A.ImprovementBasis.SET)
    assert o1.improvement_mark == A.ImprovementMark(marked=True, basis=A.ImprovementBasis.SET)
    bad = read(with_cell(sheets, L.INDICATORS, r_f2, "potential improvement", "maybe"))
    assert [p.reason for p in bad.problems] == ["potential improvement 'maybe' is not yes or no"]
    assert bad.problems[0].location.startswith(L.INDICATORS)


def test_a_worksheet_with_marks_in_the_hidden_sheet_still_reads_them(tmp_path: Path) -> None:
    statuses = [{"indicator": "1.1.F1", "status": "met"}]
    a = A.Assessment.model_validate(A.to_mapping(base()) | {"statuses": statuses})
    sheets = sheets_of(a, tmp_path / "old.xlsx")
    store = sheets[L.STORE]
    data = json.loads("".join(str(r[0]) for r in store[2:] if r and r[0]))
    data["improvement_marks"] = {"1.1.F1": True}  # where the marks were kept before
    old = {**sheets, L.STORE: [*store[:2], (json.dumps(data),)]}
    ws = read(old)
    assert ws.problems == ()
    assert ws.assessment is not None
    st_ = ws.assessment.status("1.1.F1")
    assert st_ is not None
    assert st_.improvement_mark == A.ImprovementMark(marked=True, basis=A.ImprovementBasis.SET)


CATEGORY = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), min_size=1, max_size=15
).filter(lambda s: s.strip() == s and s != "")


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(A.BreakdownDimension)),
            CATEGORY,
            st.integers(0, 10**6) | st.floats(0, 1e6, allow_nan=False),
            st.sampled_from(list(A.Basis)),
        ),
        max_size=5,
        unique_by=lambda t: (t[0], t[1]),
    )
)
def test_breakdowns_cell_reads_back_equal(parts: list[tuple[Any, str, float, A.Basis]]) -> None:
    bds = tuple(A.Breakdown(dimension=d, category=c, value=v, basis=b) for d, c, v, b in parts)
    assert parse_breakdowns(format_breakdowns(bds)) == bds


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("value", "many", "value: 'many' is not a number"),
        ("breakdowns", "colour: red = 3", "'colour' is not a breakdown dimension"),
        ("breakdowns", "sex: female = 60", "the sex breakdown adds to 60, more than the value 38"),
        ("evidence", "Aze 99", "cites source 'Aze 99', which is not on the Sources sheet"),
        ("evidence", "Gen 1; Aze 17", "a statistic cites exactly one source"),
        ("basis", "guessed", "basis"),
        ("period start", "soon", "period: 'soon' is not a date"),
    ],
)
def test_bad_statistic_cell_is_located(
    aze_sheets: Sheets, column: str, value: str, words: str
) -> None:
    rows = aze_sheets[L.STATISTICS]
    row = next(i for i, r in enumerate(rows, start=1) if r[0] == "victims-certified-referred")
    ws = read(with_cell(aze_sheets, L.STATISTICS, row, column, value))
    col = L.column_letter(list(rows[0]).index(column) + 1)
    assert [p.location for p in ws.problems] == [f"Statistics!{col}{row}"]
    assert words in ws.problems[0].reason
    # the row is left out, reported; the rest of the assessment still loads
    assert ws.assessment is not None
    assert "victims-certified-referred" not in {s.id for s in ws.assessment.statistics}


def test_bad_limitation_and_finding_cells(aze_sheets: Sheets) -> None:
    ws = read(with_cell(aze_sheets, L.LIMITATIONS, 2, "affects", "morale"))
    assert [(p.location, p.reason) for p in ws.problems] == [
        ("Limitations!C2", "'morale' is not a part a limitation can affect")
    ]
    ws = read(with_cell(aze_sheets, L.FINDINGS, 3, "criterion", "2.1"))
    assert [p.location for p in ws.problems] == ["Findings!B3"]
    assert "not in category 1" in ws.problems[0].reason
    ws = read(with_cell(aze_sheets, L.FINDINGS, 2, "text", "As Aze 99 says."))
    assert [(p.location, p.reason) for p in ws.problems] == [
        ("Findings!D2", "the text cites 'Aze 99', which is not on the Sources sheet")
    ]


def test_recommendation_details_that_lose_their_row_are_reported(aze_sheets: Sheets) -> None:
    rows = aze_sheets[L.RECOMMENDATIONS]
    first = rows[1][1]
    sheets = aze_sheets
    for i, r in enumerate(rows, start=1):
        if i > 1 and r and r[1] == first:  # every row of the first recommendation
            sheets = with_cell(sheets, L.RECOMMENDATIONS, i, "heading", "A heading someone changed")
    ws = read(sheets)
    assert ws.assessment is not None
    assert ws.assessment.recommendations[0].actors == ()
    assert any(
        p.location == "_ctnat!A3" and "match no row of the Recommendations sheet" in p.reason
        for p in ws.problems
    )


def _store_rows(sheets: Sheets) -> tuple[list[tuple[Any, ...]], str]:
    rows = sheets[L.STORE]
    return rows, "".join(r[0] for r in rows[2:] if r and isinstance(r[0], str))


def test_legacy_workbook_with_statistics_in_the_store(aze_sheets: Sheets) -> None:
    rows, text = _store_rows(aze_sheets)
    data = json.loads(text)
    data["statistics"] = A.to_mapping(azerbaijan())["statistics"]
    old = {k: v for k, v in aze_sheets.items() if k != L.STATISTICS}
    old[L.STORE] = [*rows[:2], (json.dumps(data),)]
    ws = read(old)
    assert ws.problems == ()
    assert ws.assessment == azerbaijan()


def test_store_chunks_keep_a_space_at_their_boundary(aze_sheets: Sheets) -> None:
    # stripping each chunk of the hidden store lost the space where a chunk ended
    rows, text = _store_rows(aze_sheets)
    cut = text.index(" ", len(text) // 2) + 1  # a chunk that ends in a space inside a string
    sheets = {**aze_sheets, L.STORE: [*rows[:2], (text[:cut],), (text[cut:],)]}
    ws = read(sheets)
    assert ws.problems == ()
    assert ws.assessment == azerbaijan()


def test_unknown_survey_item_or_interview_is_located_not_fatal(aze_sheets: Sheets) -> None:
    ws = read(with_cell(aze_sheets, L.FINDINGS, 2, "evidence", "survey 9.9.9"))
    assert [(p.location, p.reason) for p in ws.problems] == [
        ("Findings!E2", "cites survey item 9.9.9, which has no result")
    ]
    assert ws.assessment is not None
    rows = aze_sheets[L.STATISTICS]
    col = L.column_letter(list(rows[0]).index("evidence") + 1)
    ws = read(with_cell(aze_sheets, L.STATISTICS, 2, "evidence", "AZEint9"))
    assert [(p.location, p.reason) for p in ws.problems] == [
        (f"Statistics!{col}2", "cites interview AZEint9, which is not recorded")
    ]
    assert ws.assessment is not None
