"""Reading XLSX workbooks: the zip checked before parsing, rows streamed within the limits.

Before openpyxl sees a workbook, its zip directory is read: the file size, the
unpacked size and the ratio between them (a zip bomb is refused here, without
unpacking it) and the number of shared strings (counted by scanning the part,
which openpyxl would otherwise load whole) are checked. Rows are then streamed
with openpyxl's ``read_only`` mode, counting rows, columns, cells and the length
of each cell. Every error openpyxl, zipfile, zlib or the XML parser raise on a
damaged file becomes a :class:`~ctnat.errors.FileFormatError` naming the file.

Values are cached values (``formulas=False``): a formula gives the value Excel
last computed, or nothing, never a computation; macros are not loaded. With
``formulas=True`` a cell holding a formula gives its text (``"=0"``), as a
free-text answer that Kobo stored as a formula must be read.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self
from xml.etree import ElementTree as ET

from .._extras import require_extra
from ..errors import FileFormatError
from ._limits import DEFAULT_LIMITS, Limits, limit_exceeded
from ._sheet import SheetContext, read_shared_strings, stream_rows
from ._text import PathLike, check_path

__all__ = ["Sheet", "Workbook", "check_workbook", "open_workbook", "read_sheet", "read_sheets"]


def _openpyxl_errors() -> tuple[type[BaseException], ...]:
    """What openpyxl and the libraries under it raise on a damaged workbook."""
    errors: list[type[BaseException]] = [
        zipfile.BadZipFile,  # a damaged archive or member
        zlib.error,  # a damaged deflate stream
        EOFError,  # a truncated member
        ET.ParseError,  # malformed XML (xml.etree)
        KeyError,  # a part the workbook names is missing
        TypeError,  # an element or attribute of the wrong kind
        ValueError,  # a malformed number, date, cell reference or colour
        IndexError,  # a style or shared-string index out of range
        AttributeError,  # an element missing where openpyxl expects one
        OverflowError,  # a date serial beyond the calendar
        OSError,  # the file became unreadable
        NotImplementedError,  # zipfile: a compression method or "patched data" it lacks
        RuntimeError,  # zipfile: an encrypted member ("password required")
    ]
    try:
        from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - lxml is optional for openpyxl
        pass
    else:
        errors.append(XMLSyntaxError)
    try:
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - openpyxl missing: require_extra says so
        pass
    else:
        errors.append(InvalidFileException)
    return tuple(errors)


_SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_CONTENT_TYPES = "[Content_Types].xml"
_MAX_CONTENT_TYPES = 1_000_000
_CHUNK = 1 << 20


def _damaged(file: str, exc: BaseException, where: str = "the workbook") -> FileFormatError:
    detail = str(exc).strip() or type(exc).__name__
    if len(detail) > 200:
        detail = detail[:200] + "…"
    return FileFormatError(
        f"{where} cannot be read ({type(exc).__name__}: {detail}); is it damaged?",
        file=file,
        hint="open it in Excel or LibreOffice and save it again as 'Excel Workbook (.xlsx)'",
    )


def _shared_string_parts(archive: zipfile.ZipFile, names: set[str], file: str) -> set[str]:
    parts = {n for n in names if n.lower().endswith("sharedstrings.xml")}
    info = archive.getinfo(_CONTENT_TYPES)
    if info.file_size > _MAX_CONTENT_TYPES:
        raise FileFormatError(
            f"the workbook's {_CONTENT_TYPES} is {info.file_size:,} bytes; real ones are small",
            file=file,
        )
    root = ET.fromstring(archive.read(info))
    for child in root:
        if child.get("ContentType") == _SHARED_STRINGS_TYPE:
            parts.add((child.get("PartName") or "").lstrip("/"))
    return parts & names


def _count_shared_strings(archive: zipfile.ZipFile, part: str, file: str, limits: Limits) -> int:
    count = 0
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            # a match starting in the last 64 bytes is counted with the next chunk
            cut = max(len(data) - 64, 0)
            count += sum(1 for m in _SI.finditer(data) if m.start() < cut)
            tail = data[cut:]
            if count > limits.max_shared_strings:
                break
    count += len(_SI.findall(tail))
    if count > limits.max_shared_strings:
        raise limit_exceeded(
            f"the workbook has more than {limits.max_shared_strings:,} distinct texts "
            "(shared strings)",
            "max_shared_strings",
            file=file,
        )
    return count


def check_workbook(path: PathLike, *, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a file that is not an XLSX zip, or whose size, unpacked size, ratio or shared
    strings exceed the limits, from its zip directory and before any XML is parsed."""
    p = check_path(path)
    file = str(p)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise FileFormatError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
    if size > limits.max_bytes:
        raise limit_exceeded(
            f"the file is {size:,} bytes, more than the {limits.max_bytes:,} allowed",
            "max_bytes",
            file=file,
        )
    try:
        is_zip = zipfile.is_zipfile(p)
    except OSError as exc:
        raise FileFormatError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
    if not is_zip:
        raise FileFormatError(
            "not a readable XLSX workbook (it is not a zip archive, so not an XLSX workbook)",
            file=file,
            hint="save the file from Excel or LibreOffice as 'Excel Workbook (.xlsx)'",
        )
    try:
        with zipfile.ZipFile(p) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names or _CONTENT_TYPES not in names:
                raise FileFormatError(
                    "not a readable XLSX workbook (no xl/workbook.xml in the zip archive, "
                    "so not an XLSX workbook)",
                    file=file,
                    hint="is it an .xls (Excel 97) or .ods file? save it as .xlsx",
                )
            unpacked = sum(i.file_size for i in infos)
            if unpacked > limits.max_unpacked_bytes:
                raise limit_exceeded(
                    f"the workbook unpacks to {unpacked:,} bytes, more than the "
                    f"{limits.max_unpacked_bytes:,} allowed",
                    "max_unpacked_bytes",
                    file=file,
                )
            packed = max(sum(i.compress_size for i in infos), 1)
            # small workbooks are not held to the ratio: a few MB unpack fast whatever it is
            if unpacked > 10_000_000 and unpacked / packed > limits.max_unpack_ratio:
                raise limit_exceeded(
                    f"the workbook unpacks to {unpacked / packed:,.0f} times its size "
                    f"(more than {limits.max_unpack_ratio:,.0f}): is it a zip bomb?",
                    "max_unpack_ratio",
                    file=file,
                )
            for part in _shared_string_parts(archive, names, file):
                _count_shared_strings(archive, part, file, limits)
    except FileFormatError:
        raise
    except _openpyxl_errors() as exc:
        raise _damaged(file, exc) from None


class Sheet:
    """The cell values of one sheet as a list of rows (tuples), trailing blank rows dropped."""

    title: str
    rows: list[tuple[Any, ...]]

    def __init__(self, title: str, rows: Sequence[Sequence[Any]]) -> None:
        self.title = title
        self.rows = [r if isinstance(r, tuple) else tuple(r) for r in rows]
        while self.rows and all(v is None or v == "" for v in self.rows[-1]):
            self.rows.pop()

    @classmethod
    def of(cls, title: str, rows: Sequence[Sequence[Any]]) -> Sheet:
        """Rows already in memory (as openpyxl would give them)."""
        return cls(title, rows)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"Sheet({self.title!r}, {len(self.rows)} rows)"

    def value(self, row: int, col: int) -> Any:
        """The value at 1-based (row, col), or None."""
        if row < 1 or col < 1 or row > len(self.rows):
            return None
        values = self.rows[row - 1]
        return values[col - 1] if col <= len(values) else None


def _excel_reader(handle: IO[bytes], formulas: bool, limits: Limits, file: str) -> Any:
    """openpyxl's reader of the workbook's small parts, without its worksheet and string readers.

    openpyxl reads every shared string with ElementTree and, in read-only mode,
    parses each whole sheet that has no dimension tag just to size it (a minute
    for a few million cells): both are replaced by the expat readers of
    :mod:`ctnat._io._sheet`.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import SHARED_STRINGS

    reader = ExcelReader(
        handle, read_only=True, keep_vba=False, data_only=not formulas, keep_links=False
    )
    try:
        reader.read_manifest()
        part = reader.package.find(SHARED_STRINGS)
        if part is not None:
            with reader.archive.open(part.PartName[1:]) as source:
                reader.shared_strings = read_shared_strings(source, limits=limits, file=file)
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets: dict[str, str] = {}
        for sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in (rel.Type or ""):
                sheets.setdefault(sheet.name, rel.target)
    except BaseException:
        reader.archive.close()
        raise
    return reader, sheets


class Workbook:
    """An open workbook (use as a context manager); rows are streamed from its sheets."""

    def __init__(self, path: Path, limits: Limits, formulas: bool) -> None:
        self.file = str(path)
        self.limits = limits
        self._formulas = formulas
        self._cells = 0
        require_extra("openpyxl", "xlsx", "reading XLSX", file=self.file)
        try:
            self._handle = path.open("rb")
        except OSError as exc:
            raise FileFormatError(
                f"cannot read the file: {exc.strerror or exc}", file=self.file
            ) from None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
                self._reader, self._sheets = _excel_reader(
                    self._handle, formulas, limits, self.file
                )
        except FileFormatError:
            self._handle.close()
            raise
        except _openpyxl_errors() as exc:
            self._handle.close()
            raise _damaged(self.file, exc) from None
        except BaseException:
            self._handle.close()
            raise

    @property
    def sheetnames(self) -> tuple[str, ...]:
        """The names of the worksheets, in workbook order (chart sheets left out)."""
        return tuple(self._sheets)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file (idempotent)."""
        try:
            self._reader.archive.close()
        finally:
            self._handle.close()

    def _title(self, sheet: str | None) -> str:
        if not self._sheets:
            raise FileFormatError("the workbook has no worksheets", file=self.file)
        if sheet is None:
            first: str = next(iter(self._sheets))
            return first
        if sheet not in self._sheets:
            raise FileFormatError(
                f"no sheet {sheet!r}",
                file=self.file,
                hint="sheets: " + ", ".join(self._sheets),
            )
        return sheet

    def rows(self, sheet: str | None = None) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sheet`` (default: the first) as tuples of values, one at a time.

        The sheet's own dimension tag is not trusted: every row is read, stopping at
        ``max_rows``; each row is as long as its last cell, rows the file leaves out
        are empty tuples. Limits raise :class:`~ctnat.errors.FileFormatError`. The
        cells are parsed by :func:`ctnat._io._sheet.stream_rows` (expat), with
        openpyxl's conversions, several times faster than openpyxl's own reader.
        """
        title = self._title(sheet)
        counter = [self._cells]
        try:
            source = self._reader.archive.open(self._sheets[title])
        except _openpyxl_errors() as exc:
            raise _damaged(self.file, exc, where=f"sheet {title!r}") from None
        try:
            rows = stream_rows(
                source,
                self._context(),
                formulas=self._formulas,
                limits=self.limits,
                file=self.file,
                title=title,
                cells_before=self._cells,
                counter=counter,
            )
            while True:
                try:
                    row = next(rows, None)
                except FileFormatError:
                    raise
                except _openpyxl_errors() as exc:  # the zip member itself is damaged
                    raise _damaged(self.file, exc, where=f"sheet {title!r}") from None
                if row is None:
                    return
                yield row
        finally:
            self._cells = counter[0]
            source.close()

    def _context(self) -> SheetContext:
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        wb = self._reader.wb
        return SheetContext(
            shared_strings=self._reader.shared_strings,
            date_styles=wb._date_formats,
            timedelta_styles=wb._timedelta_formats,
            from_excel=from_excel,
            epoch=wb.epoch,
            from_iso=from_ISO8601,
        )

    def sheet(self, sheet: str | None = None) -> Sheet:
        """All rows of ``sheet`` (default: the first) in memory."""
        title = self._title(sheet)
        return Sheet(title, list(self.rows(title)))


def open_workbook(
    path: PathLike, *, limits: Limits = DEFAULT_LIMITS, formulas: bool = False
) -> Workbook:
    """Check (:func:`check_workbook`) and open an XLSX workbook; use it with ``with``.

    ```python
    >>> from ctnat._io import open_workbook  # doctest: +SKIP
    >>> with open_workbook("export.xlsx") as wb:  # doctest: +SKIP
    ...     header, *rows = wb.rows()
    ```
    """
    p = check_path(path)
    check_workbook(p, limits=limits)
    return Workbook(p, limits, formulas)


def read_sheets(
    path: PathLike,
    *,
    limits: Limits = DEFAULT_LIMITS,
    formulas: bool = False,
    only: Collection[str] | None = None,
) -> dict[str, Sheet]:
    """Every worksheet (or those named in ``only`` that exist) read into memory."""
    with open_workbook(path, limits=limits, formulas=formulas) as wb:
        return {name: wb.sheet(name) for name in wb.sheetnames if only is None or name in only}


def read_sheet(
    path: PathLike,
    sheet: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    formulas: bool = False,
) -> Sheet:
    """One worksheet (default: the first) read into memory."""
    with open_workbook(path, limits=limits, formulas=formulas) as wb:
        return wb.sheet(sheet)
