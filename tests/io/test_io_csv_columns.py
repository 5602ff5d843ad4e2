"""csv_columns (pandas' C reader, factorised) gives exactly the cells csv_rows gives.

The survey reader takes the fast path whenever it returns a table, so every
difference from the csv module would be a silent change of the data: these tests
compare the two on random text built from the characters CSV quoting turns on.
"""

from __future__ import annotations

import csv
import io
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat import FileFormatError
from ctnat._io import Limits, csv_columns, csv_rows
from ctnat.survey import readers

pytest.importorskip("pandas")

#: Characters that change how CSV is split: separators, quotes, every line break
#: the csv module or pandas might honour, white space, the formula escape, HXL.
ALPHABET = ["a", "b", "1", " ", "\t", '"', ";", ",", "\n", "\r", "'", "#", "=", "\x85", "\u2028"]


def rows_of(text: str, sep: str) -> list[list[str]]:
    return list(csv_rows(text, file="f", delimiter=sep))


def decoded(header: list[str], columns: list) -> list[list[str]]:
    n = len(columns[0][1]) if columns else 0
    return [header] + [[values[index[i]] for values, index in columns] for i in range(n)]


def padded(rows: list[list[str]]) -> list[list[str]]:
    width = len(rows[0])
    return [r + [""] * (width - len(r)) for r in rows]


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(ALPHABET), max_size=60), st.sampled_from([";", ",", "\t"]))
def test_same_cells_as_the_csv_module_on_random_text(text: str, sep: str) -> None:
    fast = csv_columns(text, delimiter=sep)
    try:
        slow = rows_of(text, sep)
    except FileFormatError:
        assert fast is None  # what the csv module refuses, the fast path leaves to it
        return
    if fast is None:
        return  # csv_rows reads it (a row longer than the header, say)
    assert decoded(*fast) == padded(slow)


cell = st.text(st.sampled_from(ALPHABET), max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda w: st.lists(st.lists(cell, min_size=w, max_size=w), min_size=1, max_size=12)
    ),
    st.sampled_from([";", ","]),
)
def test_a_table_written_by_the_csv_module_takes_the_fast_path(rows, sep) -> None:
    if not any(rows[0]):
        rows[0][0] = "h"  # a header that is a line of its own
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=sep).writerows(rows)
    text = buf.getvalue()
    fast = csv_columns(text, delimiter=sep)
    slow = rows_of(text, sep)
    if len(slow[0]) != len(rows[0]):
        return  # a header of one empty cell is written as an empty line
    assert fast is not None
    assert decoded(*fast) == padded(slow)


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(ALPHABET), max_size=80))
def test_the_survey_table_is_the_same_by_either_path(text: str) -> None:
    fast = csv_columns(text, delimiter=";")
    if fast is None or not any(c.strip() for c in fast[0]):
        return
    by_columns = readers._factorised_table(*fast, lambda i: f"row {i}")
    rows = iter(rows_of(text, ";"))
    by_rows = readers._table(next(rows), rows, lambda i: f"row {i}")
    assert by_columns.header == by_rows.header
    assert by_columns.records == by_rows.records
    assert by_columns.ignored == by_rows.ignored
    for (v1, i1), (v2, i2) in zip(by_columns.columns, by_rows.columns, strict=True):
        assert [v1[k] for k in i1] == [v2[k] for k in i2]
        assert v1[0] == v2[0] == ""


def test_chunks_are_joined_into_one_factorisation() -> None:
    text = "h;t\n" + "".join(f"{i % 3};x{i}\n" for i in range(1, 50))
    header, columns = csv_columns(text, delimiter=";", chunk_rows=7)
    assert header == ["h", "t"]
    (v0, i0), (v1, i1) = columns
    assert v0 == ["", "1", "2", "0"]  # one list of distinct values across the chunks
    assert [v0[k] for k in i0] == [str(i % 3) for i in range(1, 50)]
    assert [v1[k] for k in i1] == [f"x{i}" for i in range(1, 50)]


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        ("a;b\n" + "1;2\n" * 10, Limits(max_rows=5)),
        ("a;b\n" + "1;2\n" * 10, Limits(max_cells=15)),
        ("a;b;c\n1;2;3\n", Limits(max_columns=2)),
        ("a;b\n1;" + "x" * 50 + "\n", Limits(max_cell_chars=20)),
    ],
)
def test_past_a_limit_it_leaves_the_located_error_to_csv_rows(text, limits) -> None:
    assert csv_columns(text, delimiter=";", limits=limits) is None
    with pytest.raises(FileFormatError, match="limit"):
        list(csv_rows(text, file="f", delimiter=";", limits=limits))


@pytest.mark.parametrize(
    "text",
    ["a;b\n1;2;3\n", 'a;b\n"1;2\n', "", "\n\na;b\n"],
    ids=["longer row", "open quote", "empty", "blank first line"],
)
def test_what_it_does_not_read_exactly_it_declines(text) -> None:
    assert csv_columns(text, delimiter=";") is None


def test_without_pandas_it_declines(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    assert csv_columns("a;b\n1;2\n", delimiter=";") is None
