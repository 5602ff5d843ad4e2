"""Opening a workbook safely: size, zip structure and sheet dimensions are checked first.

Values are read with openpyxl's ``read_only`` and ``data_only`` modes: a formula
gives its cached value (or nothing), never a computation; macros are not loaded.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .._io import PathLike
from ..errors import FileFormatError, NotFoundError
from ._write import require_openpyxl

__all__ = ["Limits", "SheetRows", "cell_text", "read_sheets"]

import attrs


@attrs.frozen
class Limits:
    """How big a workbook may be before reading stops with an error."""

    max_bytes: int = 20_000_000
    max_unpacked_bytes: int = 200_000_000
    max_rows: int = 20_000
    max_columns: int = 500


def _check_zip(path: Path, limits: Limits) -> None:
    file = str(path)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise FileFormatError(
            f"the file is {size:,} bytes, more than the {limits.max_bytes:,} a worksheet may have",
            file=file,
            hint="is this the right file? (raise the limit with ctnat.worksheet.Limits)",
        )
    if not zipfile.is_zipfile(path):
        raise FileFormatError(
            "not an XLSX workbook (an .xlsx file is a zip archive)",
            file=file,
            hint="save the file from Excel or LibreOffice as 'Excel Workbook (.xlsx)'",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileFormatError(f"the workbook is damaged: {exc}", file=file) from None
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise FileFormatError(
            "not an XLSX workbook (no xl/workbook.xml inside the zip archive)", file=file
        )
    unpacked = sum(i.file_size for i in infos)
    if unpacked > limits.max_unpacked_bytes:
        raise FileFormatError(
            f"the workbook unpacks to {unpacked:,} bytes, more than the "
            f"{limits.max_unpacked_bytes:,} allowed",
            file=file,
        )


def read_sheets(path: PathLike, limits: Limits) -> dict[str, SheetRows]:
    """The cell values of every sheet, read in read-only, values-only mode after the checks.

    The file is opened here and closed before returning, whatever happens: a damaged
    workbook leaves no open file behind.
    """
    p = Path(path)
    if not p.is_file():
        raise NotFoundError("no such file", file=str(p))
    _check_zip(p, limits)
    openpyxl = require_openpyxl()
    import warnings

    with p.open("rb") as handle:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
                wb = openpyxl.load_workbook(
                    handle, read_only=True, data_only=True, keep_vba=False, keep_links=False
                )
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
            raise FileFormatError(
                f"the workbook cannot be read ({type(exc).__name__}: {exc})", file=str(p)
            ) from None
        try:
            return {ws.title: SheetRows(ws, str(p), limits) for ws in wb.worksheets}
        finally:
            wb.close()


class SheetRows:
    """The cell values of one sheet as a list of rows, within the size limits."""

    def __init__(self, ws: Any, file: str, limits: Limits) -> None:
        title = ws.title
        max_row, max_col = ws.max_row, ws.max_column
        if max_row is not None and max_row > limits.max_rows + 1:
            raise FileFormatError(
                f"sheet {title!r} has {max_row:,} rows, more than the {limits.max_rows:,} allowed",
                file=file,
            )
        if max_col is not None and max_col > limits.max_columns:
            raise FileFormatError(
                f"sheet {title!r} has {max_col:,} columns, more than the "
                f"{limits.max_columns:,} allowed",
                file=file,
            )
        rows: list[tuple[Any, ...]] = []
        # the dimension tag may be wrong (files written by other tools): read every row,
        # stopping at the limit, rather than trust it
        ws.reset_dimensions()
        try:
            for values in ws.iter_rows(values_only=True, max_col=limits.max_columns):
                rows.append(tuple(values))
                if len(rows) > limits.max_rows + 1:
                    raise FileFormatError(
                        f"sheet {title!r} has more than the {limits.max_rows:,} rows allowed",
                        file=file,
                    )
        except FileFormatError:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure in a damaged sheet part
            raise FileFormatError(
                f"sheet {title!r} cannot be read ({type(exc).__name__}: {exc})", file=file
            ) from None
        while rows and all(v is None or v == "" for v in rows[-1]):
            rows.pop()
        self.title = title
        self.rows = rows

    @classmethod
    def of(cls, title: str, rows: Sequence[Sequence[Any]]) -> SheetRows:
        """Rows already in memory (as openpyxl would give them)."""
        self = cls.__new__(cls)
        self.title = title
        self.rows = [tuple(r) for r in rows]
        return self

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def value(self, row: int, col: int) -> Any:
        """The value at 1-based (row, col), or None."""
        if row - 1 >= len(self.rows):
            return None
        values = self.rows[row - 1]
        return values[col - 1] if col - 1 < len(values) else None


def cell_text(value: Any) -> str | None:
    """A cell's value as text (None for an empty cell); whole numbers lose their '.0'."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None
