"""CSV: the separator sniffed inside the error boundary; what the csv module refuses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctnat import FileFormatError
from ctnat._io import Limits, csv_rows, sniff_delimiter


def test_sniffing_picks_the_separator_of_the_header() -> None:
    assert sniff_delimiter("a;b;c\n1;2;3\n", file="f") == ";"
    assert sniff_delimiter("a\tb\n", file="f") == "\t"
    assert sniff_delimiter('"a;b",c\n', file="f") == ","  # quoted text not split
    assert sniff_delimiter("", file="f") == ","


def test_bare_cr_in_the_header_is_a_line_break_not_a_crash() -> None:
    # issue 11: _csv.Error from the sniffing, outside the try
    assert list(csv_rows("a,b\rc,d\n1,2\n", file="f")) == [["a", "b"], ["c", "d"], ["1", "2"]]


def test_header_longer_than_the_csv_field_limit() -> None:
    text = '"' + "x" * 140_000 + '",b\n1,2\n'
    with pytest.raises(FileFormatError, match="max_cell_chars") as exc:
        list(csv_rows(text, file="f"))
    assert exc.value.file == "f"
    with pytest.raises(FileFormatError, match="max_cell_chars"):
        list(csv_rows("a" * 140_000 + ",b\n", file="f"))


def test_an_unclosed_quote_runs_to_the_end_within_the_cell_limit() -> None:
    text = 'a,b\n1,"2\n' + "x\n" * 20_000
    with pytest.raises(FileFormatError, match="max_cell_chars") as exc:
        list(csv_rows(text, file="f"))
    assert exc.value.location.startswith("line")
    assert list(csv_rows('a,b\n1,"2\n3', file="f")) == [["a", "b"], ["1", "2\n3"]]


def test_rows_are_streamed() -> None:
    rows = csv_rows("a\n" + "1\n" * 10 + '"\n', file="f")
    assert next(rows) == ["a"]  # an error further on does not stop the first rows


@given(
    st.lists(
        st.lists(st.text(alphabet='ab,;\t"\r\n x', max_size=6), min_size=1, max_size=5),
        max_size=6,
    ),
    st.integers(1, 6),
    st.integers(1, 12),
)
def test_any_text_reads_or_fails_cleanly_and_limits_hold(
    table: list[list[str]], max_rows: int, max_cells: int
) -> None:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(table)
    text = buf.getvalue()
    limits = Limits(max_rows=max_rows, max_cells=max_cells, max_columns=4, max_cell_chars=5)
    try:
        rows = list(csv_rows(text, file="f", limits=limits))
    except FileFormatError as exc:
        assert exc.file == "f"
        return
    assert len(rows) <= max_rows
    assert sum(map(len, rows)) <= max_cells
    assert all(len(r) <= 4 and all(len(c) <= 5 for c in r) for r in rows)
