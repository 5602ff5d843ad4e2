"""Streaming the cells of one worksheet part with expat, in constant memory per row.

openpyxl's read-only reader spends about 20 µs on each cell (it builds an element,
parses the coordinate, looks up the style, for every cell); this parser spends a
few. It reads the same XML the same way, with openpyxl's own conversions: the
workbook's shared strings, date styles and epoch come from openpyxl (which has
read the small parts of the workbook), numbers become int or float, cells styled
as dates become dates, ``t="b"`` booleans, inline strings their text (phonetic
runs left out). With ``formulas`` a cell holding a formula gives ``"="`` and its
text, as openpyxl gives it when not reading cached values.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from typing import IO, Any, Protocol
from xml.parsers import expat

from ..errors import FileFormatError
from ._limits import Limits, limit_exceeded

__all__ = ["SheetContext", "stream_rows"]

_CHUNK = 1 << 16
_MAX_COLUMN = 16_384  # XFD, Excel's last column
_REF = re.compile(r"([A-Za-z]{1,3})([0-9]+)")


@functools.lru_cache(maxsize=20_000)
def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


class SheetContext:
    """What a sheet's cells need from the rest of the workbook."""

    def __init__(
        self,
        shared_strings: Any,
        date_styles: Any,
        timedelta_styles: Any,
        from_excel: Callable[..., Any],
        epoch: dt.datetime,
        from_iso: Callable[[str], Any],
    ) -> None:
        self.shared_strings = shared_strings
        self.date_styles = date_styles
        self.timedelta_styles = timedelta_styles
        self.from_excel = from_excel
        self.epoch = epoch
        self.from_iso = from_iso


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


class _Bad(Exception):
    """A malformed cell or row, raised inside an expat handler."""


class _Parser:
    def __init__(
        self,
        ctx: SheetContext,
        formulas: bool,
        limits: Limits,
        file: str,
        title: str,
        cells_before: int,
    ) -> None:
        self.ctx = ctx
        self.formulas = formulas
        self.limits = limits
        self.file = file
        self.title = title
        self.cells = cells_before
        self.ready: list[tuple[Any, ...]] = []
        self.row_index = 0  # rows yielded so far (1-based index of the last one)
        self.current_row = 0  # index of the row being read
        self.row: list[Any] = []
        self.in_row = False
        self.col = 0
        self.cell_type = "n"
        self.cell_style = 0
        self.cell_ref = ""
        self.value: list[str] | None = None
        self.formula: list[str] | None = None
        self.inline: list[str] | None = None
        self.collect: list[str] | None = None
        self.in_cell = False
        self.phonetic = 0
        self.has_formula = False

    # -- limits ---------------------------------------------------------------------

    def _where(self) -> str:
        return f"{self.title}!{self.cell_ref or f'row {self.current_row}'}"

    def _emit(self, row: tuple[Any, ...]) -> None:
        self.row_index += 1
        if self.row_index > self.limits.max_rows:
            raise limit_exceeded(
                f"sheet {self.title!r} has more than the {self.limits.max_rows:,} rows allowed",
                "max_rows",
                file=self.file,
            )
        self.cells += len(row)
        if self.cells > self.limits.max_cells:
            raise limit_exceeded(
                f"the workbook has more than {self.limits.max_cells:,} cells",
                "max_cells",
                file=self.file,
                location=f"{self.title}!row {self.row_index}",
            )
        self.ready.append(row)

    # -- expat handlers ---------------------------------------------------------------

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            self.in_cell = True
            self.cell_type = attrs.get("t", "n")
            style = attrs.get("s")
            self.cell_style = int(style) if style else 0
            ref = attrs.get("r")
            if ref:
                m = _REF.fullmatch(ref)
                if m is None:
                    raise _Bad(f"a cell reference {ref[:20]!r} that is not like 'B7'")
                self.col = _column(m.group(1))
                self.cell_ref = ref
            else:
                self.col += 1
                self.cell_ref = ""
            if self.col > _MAX_COLUMN or self.col > self.limits.max_columns:
                if self.col > self.limits.max_columns:
                    raise limit_exceeded(
                        f"sheet {self.title!r} has a cell in column {self.col:,}, beyond the "
                        f"{self.limits.max_columns:,} columns allowed",
                        "max_columns",
                        file=self.file,
                        location=self._where(),
                    )
                raise _Bad(f"a cell beyond column {_MAX_COLUMN:,}")
            self.value = self.formula = self.inline = None
            self.has_formula = False
        elif not self.in_cell:
            if local == "row" and not self.in_row:
                self.start_row(attrs.get("r"))
        elif local == "v":
            self.value = self.collect = []
        elif local == "f":
            self.has_formula = True
            self.formula = self.collect = []
        elif local == "is":
            self.inline = []
        elif local == "rPh":
            self.phonetic += 1
        elif local == "t" and self.inline is not None and not self.phonetic:
            self.collect = self.inline

    def start_row(self, ref: str | None) -> None:
        if ref:
            if not ref.isdigit() or len(ref) > 8:
                raise _Bad(f"a row number {ref[:20]!r}")
            index = int(ref)
            if index <= self.row_index:
                raise _Bad(f"row {index} after row {self.row_index}")
        else:
            index = self.row_index + 1
        while self.row_index < index - 1:  # rows the file leaves out are empty
            self._emit(())
        self.current_row = index
        self.in_row = True
        self.row = []
        self.col = 0

    def end(self, name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "c" and self.in_cell:
            self.in_cell = False
            self.collect = None
            value = self.cell_value()
            if not self.in_row:  # a cell outside any <row>: openpyxl's reader skips it
                return
            row = self.row
            if isinstance(value, str) and len(value) > self.limits.max_cell_chars:
                raise limit_exceeded(
                    f"a cell of {len(value):,} characters, more than the "
                    f"{self.limits.max_cell_chars:,} allowed",
                    "max_cell_chars",
                    file=self.file,
                    location=self._where(),
                )
            if self.col <= len(row):
                if value is not None or self.col == len(row):
                    row[self.col - 1] = value  # a repeated reference: the last one wins
            else:
                row.extend([None] * (self.col - 1 - len(row)))
                row.append(value)
        elif local in ("v", "f") or local == "t":
            self.collect = None
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "row" and self.in_row and not self.in_cell:
            self.in_row = False
            self._emit(tuple(self.row))

    def text(self, data: str) -> None:
        if self.collect is not None:
            self.collect.append(data)
            if len(self.collect) > 64 and sum(map(len, self.collect)) > self.limits.max_cell_chars:
                raise limit_exceeded(
                    f"a cell of more than {self.limits.max_cell_chars:,} characters",
                    "max_cell_chars",
                    file=self.file,
                    location=self._where(),
                )

    # -- values ---------------------------------------------------------------------

    def cell_value(self) -> Any:
        t = self.cell_type
        if self.formulas and self.has_formula:
            return "=" + "".join(self.formula or ())
        if t == "inlineStr":
            return "".join(self.inline) if self.inline is not None else None
        if self.value is None:
            return None
        raw = "".join(self.value)
        if not raw:
            return None
        if t == "n":
            number = _number(raw)
            ctx = self.ctx
            if self.cell_style in ctx.date_styles:
                try:
                    return ctx.from_excel(
                        number, ctx.epoch, timedelta=self.cell_style in ctx.timedelta_styles
                    )
                except (OverflowError, ValueError):
                    return "#VALUE!"  # as openpyxl: a date serial beyond the calendar
            return number
        if t == "s":
            return self.ctx.shared_strings[int(raw)]
        if t == "b":
            return bool(int(raw))
        if t == "d":
            return self.ctx.from_iso(raw)
        return raw  # "str" (a formula's text result), "e" (an error such as #N/A)


class _Handlers(Protocol):
    def start(self, name: str, attrs: dict[str, str], /) -> None: ...
    def end(self, name: str, /) -> None: ...
    def text(self, data: str, /) -> None: ...


def _expat_for(handlers: _Handlers) -> Any:
    """An expat parser with buffered text, calling ``handlers`` for elements and text."""
    xml = expat.ParserCreate()
    xml.buffer_text = True
    xml.buffer_size = _CHUNK
    xml.StartElementHandler = handlers.start
    xml.EndElementHandler = handlers.end
    xml.CharacterDataHandler = handlers.text
    return xml


def stream_rows(
    source: IO[bytes],
    ctx: SheetContext,
    *,
    formulas: bool,
    limits: Limits,
    file: str,
    title: str,
    cells_before: int,
    counter: list[int],
) -> Iterator[tuple[Any, ...]]:
    """The rows of a worksheet part, as tuples of values; ``counter[0]`` counts cells."""
    p = _Parser(ctx, formulas, limits, file, title, cells_before)
    xml = _expat_for(p)
    while True:
        chunk = source.read(_CHUNK)
        try:
            xml.Parse(chunk, not chunk)
        except FileFormatError:
            raise
        except _Bad as exc:
            raise FileFormatError(
                f"sheet {title!r} has {exc}; is the workbook damaged?",
                file=file,
                location=p._where(),
            ) from None
        except (ValueError, IndexError, KeyError, TypeError, OverflowError) as exc:
            # a number that is not one, a shared-string index out of range, ...
            raise FileFormatError(
                f"sheet {title!r} has a malformed cell ({type(exc).__name__}: "
                f"{str(exc)[:120]}); is the workbook damaged?",
                file=file,
                location=p._where(),
            ) from None
        except expat.ExpatError as exc:
            raise FileFormatError(
                f"sheet {title!r} is not well-formed XML ({expat.ErrorString(exc.code)}, "
                f"line {exc.lineno}); is the workbook damaged?",
                file=file,
            ) from None
        counter[0] = p.cells
        if p.ready:
            yield from p.ready
            p.ready.clear()
        if not chunk:
            return


class _Strings:
    def __init__(self, limits: Limits, file: str) -> None:
        self.limits = limits
        self.file = file
        self.out: list[str] = []
        self.parts: list[str] | None = None
        self.collect: list[str] | None = None
        self.phonetic = 0

    def start(self, name: str, _attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "si":
            self.parts = []
        elif local == "rPh":
            self.phonetic += 1
        elif local == "t" and self.parts is not None and not self.phonetic:
            self.collect = self.parts

    def end(self, name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "t":
            self.collect = None
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "si" and self.parts is not None:
            text = "".join(self.parts).replace("x005F_", "")  # as openpyxl reads them
            if len(text) > self.limits.max_cell_chars:
                raise limit_exceeded(
                    f"a text of {len(text):,} characters, more than the "
                    f"{self.limits.max_cell_chars:,} allowed",
                    "max_cell_chars",
                    file=self.file,
                    location=f"shared string {len(self.out) + 1:,}",
                )
            self.out.append(text)
            if len(self.out) > self.limits.max_shared_strings:
                raise limit_exceeded(
                    f"the workbook has more than {self.limits.max_shared_strings:,} distinct "
                    "texts (shared strings)",
                    "max_shared_strings",
                    file=self.file,
                )
            self.parts = self.collect = None

    def text(self, data: str) -> None:
        if self.collect is not None:
            self.collect.append(data)


def read_shared_strings(source: IO[bytes], *, limits: Limits, file: str) -> list[str]:
    """The texts of a shared-strings part, in order (rich-text runs joined)."""
    s = _Strings(limits, file)
    xml = _expat_for(s)
    while True:
        chunk = source.read(_CHUNK)
        try:
            xml.Parse(chunk, not chunk)
        except expat.ExpatError as exc:
            raise FileFormatError(
                f"the shared strings are not well-formed XML ({expat.ErrorString(exc.code)}, "
                f"line {exc.lineno}); is the workbook damaged?",
                file=file,
            ) from None
        if not chunk:
            return s.out
