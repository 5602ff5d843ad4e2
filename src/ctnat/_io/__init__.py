"""Reading and writing structured files (YAML, JSON) safely.

YAML is read with a safe loader that also rejects duplicate keys; a tag that
tries to build a Python object is a :class:`~ctnat.errors.FileFormatError`,
never executed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

from .errors import FileFormatError, Problem

__all__ = [
    "dump_mapping",
    "format_location",
    "parse_text",
    "problems_from_pydantic",
    "read_mapping",
]

PathLike = str | os.PathLike[str]


class _StrictSafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys."""


def _construct_mapping(loader: _StrictSafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen[key] = loader.construct_object(value_node, deep=True)
    return seen


_StrictSafeLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _suffix_format(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    if suffix == ".json":
        return "json"
    return None


def parse_text(text: str, *, file: str, fmt: str | None = None) -> Any:
    """Parse YAML or JSON text; ``fmt`` None means: JSON if it parses, else YAML."""
    if fmt in (None, "json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if fmt == "json":
                raise FileFormatError(
                    f"not valid JSON: {exc.msg}",
                    file=file,
                    location=f"line {exc.lineno}, column {exc.colno}",
                ) from None
    try:
        return yaml.load(text, Loader=_StrictSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in str(exc):
            what = f"unsafe or unknown YAML tag ({what.split('tag')[-1].strip()}); only plain data is read"
        raise FileFormatError(f"not valid YAML: {what}", file=file, location=where) from None
    except yaml.YAMLError as exc:
        raise FileFormatError(f"not valid YAML: {exc}", file=file) from None


def read_mapping(path: PathLike) -> dict[str, Any]:
    """Read a YAML or JSON file whose top level is a mapping."""
    p = Path(path)
    file = str(p)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise FileFormatError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            f"not UTF-8 text (byte {exc.start}); is it a YAML or JSON file?", file=file
        ) from None
    if "\x00" in text:
        raise FileFormatError("binary content; expected a YAML or JSON file", file=file)
    data = parse_text(text, file=file, fmt=_suffix_format(p))
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise FileFormatError(
            f"the top level must be a mapping of keys to values, found {kind}", file=file
        )
    bad = [k for k in data if not isinstance(k, str)]
    if bad:
        raise FileFormatError(f"top-level keys must be text, found {bad[0]!r}", file=file)
    return data


def dump_mapping(data: dict[str, Any], path: PathLike) -> None:
    """Write a mapping as YAML or JSON, chosen by the file's suffix (default YAML)."""
    p = Path(path)
    fmt = _suffix_format(p) or "yaml"
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    try:
        p.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FileFormatError(
            f"cannot write the file: {exc.strerror or exc}", file=str(p)
        ) from None


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
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(part for part in err["loc"] if part != "[key]")
        where = format_location(loc)
        if prefix:
            where = f"{prefix}.{where}" if where and not where.startswith("[") else prefix + where
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg.removeprefix("Value error, ")
        ctx = err.get("ctx") or {}
        if err["type"] == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERN_HINTS:
            msg = _PATTERN_HINTS[ctx["pattern"]]
        elif err["type"] == "extra_forbidden":
            msg = "unknown field (check its spelling and indentation)"
        elif err["type"] in {"model_type", "dict_type", "model_attributes_type"}:
            msg = "must be a mapping of keys to values"
        elif err["type"] in {"tuple_type", "list_type"}:
            msg = "must be a list"
        given = err.get("input")
        if err["type"] not in {"missing", "extra_forbidden"} and isinstance(
            given, str | int | float | bool
        ):
            msg = f"{msg}; got {given!r}"
        problems.append(Problem(msg, file=file, location=where))
    return problems
