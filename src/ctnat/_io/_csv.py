"""CSV rows from text, the separator sniffed inside the error boundary, within the limits."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import FileFormatError
from ._limits import DEFAULT_LIMITS, Limits, limit_exceeded

__all__ = ["DELIMITERS", "Factorised", "csv_columns", "csv_rows", "sniff_delimiter"]

#: The separators a CSV export may use: Kobo writes ',' or ';', some tools a tab.
DELIMITERS = (",", ";", "\t")
_CSV_FIELD_LIMIT = csv.field_size_limit()  # the csv module's own (131,072 characters)


def _csv_error(exc: csv.Error, file: str | None, line: int, limits: Limits) -> FileFormatError:
    text = str(exc)
    where = f"line {line}" if line else ""
    if "field larger than field limit" in text:
        return limit_exceeded(
            f"a cell longer than {min(limits.max_cell_chars, _CSV_FIELD_LIMIT):,} characters",
            "max_cell_chars",
            file=file,
            location=where,
        )
    hint = None
    if "new-line character" in text or "unexpected end of data" in text:
        hint = 'a quote (") is not closed, or a line ends with a lone carriage return'
    return FileFormatError(f"not valid CSV: {text}", file=file, location=where, hint=hint)


def sniff_delimiter(text: str, *, file: str | None, candidates: Sequence[str] = DELIMITERS) -> str:
    """The candidate that splits the first record (the header) into most fields.

    Quoted text is not split, and a header spanning lines (a quoted line break) or
    ending in a lone carriage return is read as the csv module reads it. Ties go to
    the earlier candidate. A header the csv module cannot read is a FileFormatError.
    """
    best, most = candidates[0], -1
    for delimiter in candidates:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader, [])
        except csv.Error as exc:
            raise _csv_error(exc, file, reader.line_num, DEFAULT_LIMITS) from None
        if len(header) > most:
            best, most = delimiter, len(header)
    return best


def csv_rows(
    text: str,
    *,
    file: str | None,
    limits: Limits = DEFAULT_LIMITS,
    delimiter: str | None = None,
) -> Iterator[list[str]]:
    """The rows of CSV text (the header first), each a list of cell texts.

    ``delimiter`` None sniffs it from the header (:func:`sniff_delimiter`). Rows are
    produced one at a time; each limit (``max_rows``, ``max_columns``, ``max_cells``,
    ``max_cell_chars``) raises :class:`~ctnat.errors.FileFormatError` when passed, as
    does text the csv module cannot read.
    """
    sep = delimiter if delimiter is not None else sniff_delimiter(text, file=file)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows = cells = 0
    max_rows, max_columns, max_cells = limits.max_rows, limits.max_columns, limits.max_cells
    max_chars = limits.max_cell_chars
    try:
        for row in reader:
            rows += 1
            cells += len(row)
            if rows > max_rows or len(row) > max_columns or cells > max_cells:
                _row_limit(row, rows, limits, file, f"line {reader.line_num}")
            if max(map(len, row), default=0) > max_chars:
                longest = max(map(len, row))
                raise limit_exceeded(
                    f"a cell of {longest:,} characters, more than the {max_chars:,} allowed",
                    "max_cell_chars",
                    file=file,
                    location=f"line {reader.line_num}",
                )
            yield row
    except csv.Error as exc:  # raised by the reader only: the checks above raise ours
        raise _csv_error(exc, file, reader.line_num, limits) from None


def _row_limit(row: list[str], rows: int, limits: Limits, file: str | None, where: str) -> None:
    """Raise the error of the first row, column or cell limit this row passes."""
    if rows > limits.max_rows:
        raise limit_exceeded(
            f"more than {limits.max_rows:,} rows", "max_rows", file=file, location=where
        )
    if len(row) > limits.max_columns:
        raise limit_exceeded(
            f"a row of {len(row):,} cells, more than the {limits.max_columns:,} columns allowed",
            "max_columns",
            file=file,
            location=where,
        )
    raise limit_exceeded(
        f"more than {limits.max_cells:,} cells", "max_cells", file=file, location=where
    )


#: A factorised column: its distinct cell texts (``values[0] == ""``) and, per row,
#: the position of the row's cell in them.
Factorised = tuple[list[str], "npt.NDArray[np.int32]"]


def csv_columns(
    text: str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    delimiter: str,
    chunk_rows: int = 8192,
) -> tuple[list[str], list[Factorised]] | None:
    """The header and the factorised columns of CSV text, parsed by pandas' C reader.

    This is the fast path of :func:`csv_rows` for a whole table: it gives the same
    cells as :func:`csv_rows` (a row shorter than the header padded with ``""``;
    the tests compare the two on random text) about five times faster, in chunks
    of ``chunk_rows`` rows so that memory stays in proportion to the distinct
    values. Each column's values are raw cell texts (not stripped).

    None means "use :func:`csv_rows`": pandas is not installed, or the text is
    outside what this path reads exactly as the csv module does (a row longer than
    the header, text pandas refuses, a quote not closed), or a limit is passed
    (:func:`csv_rows` then raises the error, located).
    """
    try:
        import pandas as pd
    except ImportError:
        return None
    first = next(csv.reader(io.StringIO(text[: 1 << 20], newline=""), delimiter=delimiter), None)
    if not first or len(first) > limits.max_columns:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a warning of pandas: leave the text to csv_rows
            return _pandas_columns(pd, text, delimiter, first, limits, chunk_rows)
    except Exception:  # noqa: BLE001 - whatever pandas refuses, csv_rows reads or locates
        return None


class _Chunks:
    """A read-only text stream over a string, without the copy ``io.StringIO`` makes
    (four bytes a character); pandas reads it in blocks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def read(self, size: int | None = -1) -> str:
        start = self.at
        stop = len(self.text) if size is None or size < 0 else start + size
        self.at = min(stop, len(self.text))
        return self.text[start:stop]

    def __iter__(self) -> Iterator[str]:  # pandas asks for it; it reads with read()
        while block := self.read(1 << 16):
            yield block


def _pandas_columns(
    pd: Any, text: str, delimiter: str, first: list[str], limits: Limits, chunk_rows: int
) -> tuple[list[str], list[Factorised]] | None:
    """:func:`csv_columns` once pandas is imported and the header read (warnings raise)."""
    width = len(first)
    longest = min(limits.max_cell_chars, _CSV_FIELD_LIMIT)
    maps: list[dict[str, int]] = [{"": 0} for _ in range(width)]
    parts: list[list[npt.NDArray[np.int32]]] = [[] for _ in range(width)]
    header: list[str] | None = None
    rows = 0
    reader = pd.read_csv(
        _Chunks(text),
        sep=delimiter,
        header=None,
        dtype=str,
        na_filter=False,
        skip_blank_lines=False,
        engine="c",
        chunksize=chunk_rows,
    )
    with reader:
        for frame in reader:
            if frame.shape[1] != width:
                return None
            rows += frame.shape[0]
            if rows > limits.max_rows or rows * width > limits.max_cells:
                return None
            start = 0
            if header is None:
                header = [str(v) for v in frame.iloc[0].tolist()]
                start = 1
            for j, name in enumerate(frame.columns):
                cells = frame[name].to_numpy(dtype=object)[start:]
                codes, uniques = pd.factorize(cells)
                seen = maps[j]
                new = [u for u in uniques.tolist() if u not in seen]
                if any(len(u) > longest for u in new):
                    return None
                for u in new:
                    seen[u] = len(seen)
                lookup = np.fromiter(
                    (seen[u] for u in uniques.tolist()), dtype=np.int32, count=len(uniques)
                )
                parts[j].append(lookup[codes] if len(codes) else codes.astype(np.int32))
    if header != first or any(len(h) > longest for h in header):
        return None
    columns: list[Factorised] = []
    for seen, chunks in zip(maps, parts, strict=True):
        index = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
        columns.append((list(seen), index.astype(np.int32, copy=False)))
    return header, columns
