"""CSV rows from text, the separator sniffed inside the error boundary, within the limits."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from ..errors import FileFormatError
from ._limits import DEFAULT_LIMITS, Limits, limit_exceeded

__all__ = ["DELIMITERS", "csv_rows", "sniff_delimiter"]

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
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise _csv_error(exc, file, reader.line_num, limits) from None
        if row is None:
            return
        rows += 1
        where = f"line {reader.line_num}"
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
        cells += len(row)
        if cells > limits.max_cells:
            raise limit_exceeded(
                f"more than {limits.max_cells:,} cells", "max_cells", file=file, location=where
            )
        longest = max(map(len, row), default=0)
        if longest > limits.max_cell_chars:
            raise limit_exceeded(
                f"a cell of {longest:,} characters, more than the "
                f"{limits.max_cell_chars:,} allowed",
                "max_cell_chars",
                file=file,
                location=where,
            )
        yield row
