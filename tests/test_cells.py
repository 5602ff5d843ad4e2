"""Spreadsheet cells: formula neutralisation that reads back exactly, reproducible XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat import examples
from ctnat._cells import (
    FORMULA_TRIGGERS,
    document_time,
    needs_neutralising,
    neutralise,
    restore,
    set_text,
)
from ctnat.report.export import table_to_csv, tables_to_xlsx
from ctnat.report.table import Table
from ctnat.survey import (
    ResponseSet,
    builtin,
    check_response,
    read_responses,
    read_xlsform,
    write_responses,
    write_xlsform,
)

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[1]
SURVEY = builtin("ct-nat-2016-survey")
PREFIXES = ["=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20", "'"]
# arbitrary text, with the dangerous prefixes and embedded line breaks made likely
texts = st.builds(
    lambda prefix, body: prefix + body,
    st.sampled_from(["", *PREFIXES]),
    st.text(st.sampled_from([*PREFIXES, "a", "Z", " ", "1", "é"]) | st.characters()),
)


@given(texts)
def test_restore_inverts_neutralise_exactly(text: str) -> None:
    safe = neutralise(text)
    assert restore(safe) == text
    assert not needs_neutralising(safe)
    assert safe == text or safe == "'" + text


@given(st.text())
def test_restore_leaves_other_text_alone(text: str) -> None:
    if not text.startswith("'"):
        assert restore(text) == text
    assert needs_neutralising(text) == text.startswith(FORMULA_TRIGGERS)


@pytest.mark.parametrize("prefix", PREFIXES[:-1])
def test_every_trigger_is_neutralised(prefix: str) -> None:
    assert neutralise(prefix + "1+1") == "'" + prefix + "1+1"


# -- ctnat's own files read back ------------------------------------------------------------
# Printable text (a workbook cannot hold other control characters) with the dangerous
# prefixes and CR/LF anywhere. The response readers trim answers, so the text has no
# whitespace at its end, and at its start only a tab, CR or LF (which neutralisation
# protects).
answer_texts = st.text(
    st.sampled_from([*PREFIXES, "a", "Z", " ", "1", "é", "\u4e2d"]), min_size=1, max_size=12
).filter(lambda t: t == t.rstrip() and (t == t.lstrip() or t[0] in "\t\r\n"))


def _responses(text: str, other: str) -> ResponseSet:
    rs = read_responses(ROOT / "tests/data/aze_survey_fixture.json", SURVEY)
    first = rs.responses[0]
    changed = first.model_copy(update={"answers": {**first.answers, "8.2": text, "8.3": other}})
    assert check_response(changed, SURVEY) == ()
    return ResponseSet(
        instrument=SURVEY.id, instrument_version=SURVEY.version, responses=(changed,)
    )


@settings(max_examples=40, deadline=None)
@given(answer_texts, answer_texts, st.sampled_from(["r.csv", "r.xlsx"]))
def test_write_responses_round_trip_is_exact(text: str, other: str, name: str) -> None:
    rs = _responses(text, other)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        write_responses(rs, path, SURVEY)
        if name.endswith(".csv"):
            with path.open(encoding="utf-8", newline="") as fh:
                cells = [c for row in csv.reader(fh) for c in row]
        else:
            book = openpyxl.load_workbook(path)
            cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value]
            assert all(c.data_type != "f" for row in book.active.iter_rows() for c in row)
        assert not any(needs_neutralising(c) for c in cells)
        back = read_responses(path, SURVEY)
    assert back.rejected == ()
    assert back.responses[0].answers["8.2"] == text
    assert back.responses[0].answers["8.3"] == other


@settings(max_examples=30, deadline=None)
@given(st.lists(texts.filter(lambda t: "\x00" not in t), min_size=1, max_size=4))
def test_exported_csv_restores_to_the_original_text(cells: list[str]) -> None:
    table = Table(title="t", columns=("Item",), rows=tuple((c,) for c in cells))
    rows = list(csv.reader(io.StringIO(table_to_csv(table), newline="")))
    assert [restore(r[0]) for r in rows[2:]] == cells
    assert not any(needs_neutralising(c) for row in rows for c in row)


def test_exported_xlsx_restores_to_the_original_text(tmp_path: Path) -> None:
    cells = ["\r=1", "a\r\nb\rc", "\uff1dSUM(A1)", "'quoted", "\t@x", "\n-1", "plain"]
    table = Table(title="t", columns=("Item",), rows=tuple((c,) for c in cells))
    path = tables_to_xlsx([table], tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert [restore(sheet.cell(row=3 + i, column=1).value) for i in range(len(cells))] == cells


def test_set_text_keeps_the_value_and_never_makes_a_formula() -> None:
    ws = openpyxl.Workbook().active
    for k, text in enumerate(["=1+1", "\uff1d1", "\tx", "plain"], start=1):
        cell = set_text(ws.cell(row=k, column=1), text)
        assert cell.value == text
        assert cell.data_type == "s"
        assert bool(cell.quotePrefix) == (text != "plain")


def test_xlsform_labels_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    write_xlsform(SURVEY, path)
    book = openpyxl.load_workbook(path)
    assert all(c.data_type != "f" for ws in book for row in ws.iter_rows() for c in row)
    assert read_xlsform(path).questions() == SURVEY.questions()


# -- reproducible workbooks ----------------------------------------------------------------
def _worksheet(path: Path) -> None:
    from ctnat import worksheet

    worksheet.write(path, assessment=examples.azerbaijan())


def _export(path: Path) -> None:
    tables_to_xlsx([Table(title="t", columns=("a", "n"), rows=(("x", 1),))], path)


def _responses_xlsx(path: Path) -> None:
    write_responses(_responses("=1", "note"), path, SURVEY)


def _xlsform(path: Path) -> None:
    write_xlsform(SURVEY, path)


WRITERS: dict[str, Callable[[Path], None]] = {
    "worksheet": _worksheet,
    "export": _export,
    "responses": _responses_xlsx,
    "xlsform": _xlsform,
}


def _stamps(path: Path) -> tuple[set[tuple[int, ...]], bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.date_time for i in z.infolist()}, z.read("docProps/core.xml")


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_two_runs_give_byte_identical_xlsx(
    writer: Callable[[Path], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    writer(first)
    writer(second)
    assert (
        hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()
    )
    # the times are the fixed ones, not the clock's (so a later run gives the same bytes)
    zip_times, core = _stamps(first)
    assert zip_times == {(2016, 1, 1, 0, 0, 0)}
    assert core.count(b"2016-01-01T00:00:00Z") == 2
    assert openpyxl.load_workbook(first).properties.modified == dt.datetime(2016, 1, 1)


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_source_date_epoch_is_honoured(
    writer: Callable[[Path], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    writer(tmp_path / "a.xlsx")
    zip_times, core = _stamps(tmp_path / "a.xlsx")
    assert zip_times == {(2023, 11, 14, 22, 13, 20)}
    assert core.count(b"2023-11-14T22:13:20Z") == 2


def test_document_time_falls_back_on_bad_or_early_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert document_time() == dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert document_time() == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
