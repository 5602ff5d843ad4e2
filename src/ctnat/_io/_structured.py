"""Parsing JSON and YAML text into plain data, strictly and within the limits.

Both refuse a mapping with the same key twice (JSON's usual last-wins would lose
a value silently), nesting deeper than ``Limits.max_depth`` (checked before the
parser recurses, so a deep file is an error, not a ``RecursionError``), and every
value that cannot be built (an unquoted ``2016-02-30`` is "day is out of range
for month") is a :class:`~ctnat.errors.FileFormatError` with its line.

YAML is read with libyaml's C parser (``yaml.CSafeLoader``) when PyYAML was built
with it, else with the pure-Python ``SafeLoader``; both give the same data.
A tag that would build a Python object is refused, never executed.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

import yaml

from ..errors import FileFormatError
from ._limits import DEFAULT_LIMITS, Limits, limit_exceeded

__all__ = ["HAVE_LIBYAML", "parse_json", "parse_yaml"]

#: True when YAML is parsed by libyaml (C) rather than by pure Python.
HAVE_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False)) and hasattr(yaml, "CSafeLoader")

# -- JSON -------------------------------------------------------------------------

_MAX_INT_DIGITS = 4_300  # Python refuses longer integer strings (sys.int_info)
# a JSON string, or a run of characters that are neither brackets nor quotes
_NOT_BRACKETS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[^\[\]{}"]+')
_BRACKET_OR_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a number JSON allows", name, 0)


def _line_col(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {col}"


def _json_depth_error(text: str, file: str | None, limits: Limits) -> FileFormatError:
    depth = 0
    for m in _BRACKET_OR_STRING.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > limits.max_depth:
                return limit_exceeded(
                    f"lists and objects nested more than {limits.max_depth} deep",
                    "max_depth",
                    file=file,
                    location=_line_col(text, m.start()),
                )
        elif c in "]}":
            depth -= 1
    return limit_exceeded(  # pragma: no cover - the fast scan and this one agree
        f"lists and objects nested more than {limits.max_depth} deep", "max_depth", file=file
    )


_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _check_json_depth(text: str, file: str | None, limits: Limits) -> None:
    if text.count("[") + text.count("{") <= limits.max_depth:
        return
    brackets = _NOT_BRACKETS.sub("", text).replace('"', "")
    deepest = max(accumulate(map(_STEP.__getitem__, brackets)), default=0)
    if deepest > limits.max_depth:
        raise _json_depth_error(text, file, limits)


def parse_json(text: str, *, file: str | None, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse JSON text strictly: no duplicate keys, no NaN, nesting within ``max_depth``."""
    _check_json_depth(text, file, limits)
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        where = (
            f"line {exc.lineno}, column {exc.colno}" if exc.doc is text else ""
        )  # a hook's error has no position
        raise FileFormatError(f"not valid JSON: {exc.msg}", file=file, location=where) from None
    except ValueError as exc:  # int() of a number over 4,300 digits
        if "integer string conversion" not in str(exc):
            raise
        raise FileFormatError(
            f"not valid JSON: a number of more than {_MAX_INT_DIGITS:,} digits", file=file
        ) from None
    except _DuplicateKey as exc:
        raise FileFormatError(
            f"the key {exc.key!r} appears twice in one object; a value would be lost",
            file=file,
            hint="remove or rename one of them",
        ) from None


# -- YAML -------------------------------------------------------------------------


def _construct_mapping(loader: yaml.BaseLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)  # type: ignore[attr-defined]
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


_SCALAR_TAGS = ("null", "bool", "int", "float", "binary", "timestamp", "str")


def _checked(constructor: Any) -> Any:
    """A scalar constructor whose failures are YAML errors at the scalar's line."""

    def construct(loader: yaml.BaseLoader, node: yaml.Node) -> Any:
        try:
            return constructor(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            # int("abc") for '!!int abc', datetime(2016, 2, 30) for an unquoted 2016-02-30,
            # bool_values['maybe'] for '!!bool maybe', no match for '!!timestamp x'
            what = str(exc) if isinstance(exc, ValueError | OverflowError) else "malformed"
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]}: {what}",
                node.start_mark,
            ) from None

    return construct


def _strict(base: type[Any]) -> type[Any]:
    cls: type[Any] = type(f"Strict{base.__name__}", (base,), {})
    cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    for tag in _SCALAR_TAGS:
        full = f"tag:yaml.org,2002:{tag}"
        cls.add_constructor(full, _checked(yaml.SafeLoader.yaml_constructors[full]))
    return cls


#: The strict loader on pure-Python PyYAML.
PYTHON_LOADER: type[Any] = _strict(yaml.SafeLoader)
#: The strict loader on libyaml (the same as :data:`PYTHON_LOADER` without libyaml).
C_LOADER: type[Any] = _strict(yaml.CSafeLoader) if HAVE_LIBYAML else PYTHON_LOADER


def _check_yaml_shape(text: str, file: str | None, limits: Limits, loader: type[Any]) -> None:
    """Refuse too deep nesting and alias expansion beyond ``max_nodes``, from the events.

    The parser's events come without recursion, so this runs before the composer
    (which recurses, in C for libyaml) sees the document. An alias counts as the
    values it stands for, so a 'billion laughs' document is refused here.
    """
    # each frame: [anchor, nodes when it started, height of its tallest child]
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[int, int]] = {}  # anchor -> (values, height)
    nodes = 0

    def too_deep(mark: Any) -> FileFormatError:
        return limit_exceeded(
            f"lists and mappings nested more than {limits.max_depth} deep",
            "max_depth",
            file=file,
            location=f"line {mark.line + 1}" if mark else "",
        )

    def child(height: int, mark: Any) -> None:
        if stack:
            frame = stack[-1]
            frame[2] = max(frame[2], height)
        if len(stack) + height > limits.max_depth:
            raise too_deep(mark)

    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor:
                anchors[event.anchor] = (1, 0)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(stack) + 1 > limits.max_depth:
                raise too_deep(event.start_mark)
            stack.append([event.anchor, nodes, 0])
            nodes += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, start, tallest = stack.pop()
            if anchor:
                anchors[anchor] = (nodes - start, tallest + 1)
            child(tallest + 1, event.start_mark)
        elif isinstance(event, yaml.AliasEvent):
            if any(frame[0] == event.anchor for frame in stack):
                raise FileFormatError(
                    "a value that contains itself (a recursive alias)",
                    file=file,
                    location=f"line {event.start_mark.line + 1}" if event.start_mark else "",
                )
            size, height = anchors.get(event.anchor or "", (1, 0))  # an unknown alias fails later
            nodes += size
            child(height, event.start_mark)
        else:
            continue
        if nodes > limits.max_nodes:
            raise limit_exceeded(
                f"more than {limits.max_nodes:,} values once aliases (*name) are expanded",
                "max_nodes",
                file=file,
                location=f"line {event.start_mark.line + 1}" if event.start_mark else "",
            )


def _char_at(text: str, line: int, column: int) -> str | None:
    """The character at a 0-based line and column of ``text``, if there is one."""
    lines = text.splitlines()
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return None


def _yaml_error(exc: yaml.YAMLError, file: str | None, text: str) -> FileFormatError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        from .._messages import yaml_reason

        source = _char_at(text, mark.line, mark.column) if mark else None
        what = yaml_reason(exc.problem, exc.context, source=source)
        if "could not determine a constructor" in str(exc):
            found = re.search(r"tag:yaml\.org,2002:([^'\s]+)", str(exc))
            tag = f"!!{found.group(1)}" if found else "a tag"
            what = f"not valid YAML: unsafe or unknown YAML tag {tag}; only plain data is read"
        return FileFormatError(what, file=file, location=where)
    return FileFormatError(f"not valid YAML: {exc}", file=file)


def _check_yaml_nodes(root: yaml.Node, file: str | None, limits: Limits) -> None:
    """Refuse too deep nesting and alias expansion beyond ``max_nodes``, on the node graph.

    Used after libyaml composed the document (libyaml itself stops at 1,000 levels,
    so composing cannot overflow the C stack) and before the Python constructor
    recurses into it. Iterative; an alias is a shared node, counted each time it
    is used, so a 'billion laughs' document is refused without being expanded.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if isinstance(node, yaml.ScalarNode):
            size[key], height[key] = 1, 0
            continue
        if isinstance(node, yaml.SequenceNode):
            children: list[yaml.Node] = node.value
        else:
            children = [part for pair in node.value for part in pair]
        if not done:
            if key in size:
                continue
            if key in open_nodes:
                raise FileFormatError(
                    "a value that contains itself (a recursive alias)",
                    file=file,
                    location=f"line {node.start_mark.line + 1}",
                )
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
            continue
        open_nodes.discard(key)
        size[key] = 1 + sum(size[id(c)] for c in children)
        height[key] = 1 + max((height[id(c)] for c in children), default=0)
        if height[key] > limits.max_depth:
            raise limit_exceeded(
                f"lists and mappings nested more than {limits.max_depth} deep",
                "max_depth",
                file=file,
                location=f"line {node.start_mark.line + 1}",
            )
        if size[key] > limits.max_nodes:
            raise limit_exceeded(
                f"more than {limits.max_nodes:,} values once aliases (*name) are expanded",
                "max_nodes",
                file=file,
                location=f"line {node.start_mark.line + 1}",
            )


def parse_yaml(
    text: str,
    *,
    file: str | None,
    limits: Limits = DEFAULT_LIMITS,
    pure_python: bool = False,
) -> Any:
    """Parse YAML text safely and strictly (see the module docstring).

    ``pure_python`` uses PyYAML's Python loader even where libyaml is available
    (the tests check that both give the same data).
    """
    try:
        if pure_python or not HAVE_LIBYAML:
            # the pure-Python composer recurses: check the events before it runs
            _check_yaml_shape(text, file, limits, PYTHON_LOADER)
            return yaml.load(text, Loader=PYTHON_LOADER)
        loader = C_LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_yaml_nodes(node, file, limits)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, file, text) from None
