"""The one reading layer: every file ctnat reads goes through here, within :class:`Limits`.

- :func:`read_bytes` / :func:`read_text`: a file within ``max_bytes``, as UTF-8 text
  (a byte-order mark dropped, a NUL byte refused);
- :func:`parse_json` / :func:`parse_yaml` / :func:`parse_text`: plain data, duplicate
  keys refused, nesting within ``max_depth``, every construction error located;
  YAML through libyaml when available (:data:`HAVE_LIBYAML`);
- :func:`read_mapping`: a YAML or JSON file whose top level is a mapping;
- :func:`csv_rows`: CSV rows, the separator sniffed inside the error boundary;
  :func:`csv_columns`: a whole CSV table factorised column by column (pandas' C
  reader when installed, the same cells as :func:`csv_rows`);
- :func:`open_workbook` / :func:`read_sheet` / :func:`read_sheets`: XLSX rows streamed
  by openpyxl after the zip directory was checked (zip bombs refused unread);
- :func:`compile_pattern`: a user-supplied regular expression, checked to run in
  linear time before use.

Every failure is a :class:`~ctnat.errors.FileFormatError` naming the file; a limit's
error names the limit and how to raise it (``limits=Limits(...)``). YAML is read
safely: a tag that tries to build a Python object is refused, never executed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..errors import FileFormatError, Problem
from ._csv import DELIMITERS, Factorised, csv_columns, csv_rows, sniff_delimiter
from ._limits import DEFAULT_LIMITS, Limits, limit_exceeded
from ._pattern import UnsafePatternError, compile_pattern
from ._structured import HAVE_LIBYAML, parse_json, parse_yaml
from ._text import PathLike, check_path, decode_text, is_file, read_bytes, read_text
from ._xlsx import Sheet, Workbook, check_workbook, open_workbook, read_sheet, read_sheets

__all__ = [
    "DEFAULT_LIMITS",
    "DELIMITERS",
    "HAVE_LIBYAML",
    "Factorised",
    "Limits",
    "PathLike",
    "Sheet",
    "UnsafePatternError",
    "Workbook",
    "check_path",
    "check_workbook",
    "compile_pattern",
    "csv_columns",
    "csv_rows",
    "decode_text",
    "dump_mapping",
    "format_location",
    "is_file",
    "limit_exceeded",
    "open_workbook",
    "parse_json",
    "parse_text",
    "parse_yaml",
    "problems_from_pydantic",
    "read_bytes",
    "read_mapping",
    "read_sheet",
    "read_sheets",
    "read_text",
    "sniff_delimiter",
]


def _suffix_format(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    if suffix == ".json":
        return "json"
    return None


def parse_text(
    text: str, *, file: str | None, fmt: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Any:
    """Parse YAML or JSON text; ``fmt`` None means: JSON if it parses as JSON, else YAML.

    Text that does not start with ``{`` or ``[`` is read as YAML (of which JSON is
    nearly a subset) in that case.
    """
    if fmt == "json":
        return parse_json(text, file=file, limits=limits)
    if fmt is None and text.lstrip()[:1] in ("{", "["):
        try:
            return parse_json(text, file=file, limits=limits)
        except FileFormatError as exc:
            if not exc.reason.startswith("not valid JSON"):
                raise  # JSON, but too deep or with a duplicate key
    return parse_yaml(text, file=file, limits=limits)


def read_mapping(path: PathLike, *, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """Read a YAML or JSON file whose top level is a mapping."""
    p = check_path(path)
    file = str(p)
    text = read_text(p, limits=limits, expected="a YAML or JSON file")
    data = parse_text(text, file=file, fmt=_suffix_format(p), limits=limits)
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise FileFormatError(
            f"the top level must be a mapping of keys to values, found {kind}", file=file
        )
    bad = [k for k in data if not isinstance(k, str)]
    if bad:
        raise FileFormatError(f"top-level keys must be text, found {bad[0]!r}", file=file)
    return data


def dump_mapping(data: dict[str, Any], path: PathLike, *, overwrite: bool = False) -> None:
    """Write a mapping as YAML or JSON, chosen by the file's suffix (default YAML)."""
    p = Path(path)
    fmt = _suffix_format(p) or "yaml"
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    from .._write import write_text

    write_text(p, text, overwrite=overwrite)


def format_location(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic-style location tuple as ``criteria[3].indicators[1].level``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_PATTERN_HINTS = {
    r"^[1-9][0-9]*$": "not a category id like '1'",
    r"^[1-9][0-9]*\.[1-9][0-9]*$": "not a criterion id like '1.3'",
    r"^([1-9][0-9]*\.[1-9][0-9]*)\.([FO])([1-9])$": (
        "not an indicator id like '1.3.F2' (criterion, F or O, level)"
    ),
    r"^[0-9]+(\.[0-9]+)*$": "not an item number like '3.1.5'",
    r"^[a-z0-9][a-z0-9._-]*$": "not a valid name: use lower-case letters, digits, '.', '_' or '-'",
}


def problems_from_pydantic(exc: Any, *, file: str | None, prefix: str = "") -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into located :class:`Problem` records."""
    from .._messages import pydantic_problems  # the wording lives in ctnat._messages

    return pydantic_problems(exc, file=file, prefix=prefix)
