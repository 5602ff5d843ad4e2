"""How big an input may be: every limit of every reader, stated in one place.

Each limit is a field of :class:`Limits`. A reader given a file beyond a limit
raises :class:`~ctnat.errors.FileFormatError` naming the file, the limit (its
field name) and how to raise it: pass ``limits=Limits(field=...)`` to the reader.
"""

from __future__ import annotations

import attrs

from ..errors import FileFormatError

__all__ = ["DEFAULT_LIMITS", "Limits", "limit_exceeded"]


def _positive(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"Limits.{attribute.name} must be a positive whole number, not {value!r}")


def _ratio(_instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not value >= 1:
        raise ValueError(f"Limits.{attribute.name} must be a number of at least 1, not {value!r}")


@attrs.frozen
class Limits:
    """How big an input may be before reading stops with a :class:`FileFormatError`.

    The defaults are far above any real assessment, survey export or indicator
    set, and low enough that a hostile file cannot exhaust memory or time: within
    them, reading takes time and memory in proportion to the file
    (``docs/limits.md`` gives the measured figures).

    ```python
    >>> from ctnat._io import Limits
    >>> Limits().max_rows
    1000000
    >>> Limits(max_rows=50).max_rows
    50

    ```
    """

    #: Size of the file on disk, in bytes.
    max_bytes: int = attrs.field(default=50_000_000, validator=_positive)
    #: Total unpacked size of the parts of an XLSX workbook (a zip archive), in bytes.
    max_unpacked_bytes: int = attrs.field(default=500_000_000, validator=_positive)
    #: Unpacked size of a workbook divided by its size on disk (a zip bomb is over 1,000).
    max_unpack_ratio: float = attrs.field(default=200.0, validator=_ratio)
    #: Rows of a CSV table or of one worksheet (the header row included).
    max_rows: int = attrs.field(default=1_000_000, validator=_positive)
    #: Columns of a CSV table or of one worksheet.
    max_columns: int = attrs.field(default=16_384, validator=_positive)
    #: Cells of a CSV table or of a whole workbook (empty cells inside a row count).
    max_cells: int = attrs.field(default=5_000_000, validator=_positive)
    #: Distinct strings of a workbook (its shared-strings table), counted before parsing.
    max_shared_strings: int = attrs.field(default=500_000, validator=_positive)
    #: Nesting of lists and mappings in JSON or YAML.
    max_depth: int = attrs.field(default=64, validator=_positive)
    #: Values of a JSON or YAML document once aliases are expanded.
    max_nodes: int = attrs.field(default=5_000_000, validator=_positive)
    #: Characters in one cell (Excel's own limit is 32,767).
    max_cell_chars: int = attrs.field(default=32_767, validator=_positive)
    #: Characters in a user-supplied regular expression (``code_pattern``).
    max_pattern_chars: int = attrs.field(default=200, validator=_positive)


#: The limits a reader uses when it is given none.
DEFAULT_LIMITS = Limits()


def limit_exceeded(
    what: str, field: str, *, file: str | None, location: str = ""
) -> FileFormatError:
    """The error for an input beyond ``Limits.<field>``: says which limit and how to raise it.

    ``what`` says what was found, e.g. ``"the sheet has more than 1,000 rows"``.
    """
    limit = getattr(DEFAULT_LIMITS, field)  # validates the field name
    del limit
    return FileFormatError(
        f"{what} (limit {field})",
        file=file,
        location=location,
        hint=f"if the file is genuine, raise the limit: limits=ctnat.Limits({field}=...)",
    )
