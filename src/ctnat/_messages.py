"""Messages in the users' words: pydantic and YAML errors said the way the domain says them.

Every message that can reach a user from a validated file goes through here:

- :func:`pydantic_problems` turns a pydantic ``ValidationError`` into located
  :class:`~ctnat.errors.Problem` records worded for the file's author ("country
  must be a three-letter ISO code such as 'KGZ'"), with "did you mean" for
  mistyped keys and choices, and without the follow-on noise of one mistake (an
  id that does not parse no longer also reports its dimension and level missing);
- :func:`yaml_reason` words a PyYAML parse error ("the indentation does not match
  the lines above");
- :func:`did_you_mean` gives the closest matches for an id, a language, an option
  or a key.

```python
>>> did_you_mean("1.3.F3", ["1.3.F1", "1.3.F2", "1.3.O1", "1.3.O2"])
"did you mean '1.3.F2' or '1.3.F1'?"
>>> did_you_mean("zz", ["en", "az"]) is None
True

```
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import Problem

__all__ = [
    "closest",
    "did_you_mean",
    "format_location",
    "pydantic_problems",
    "warn_language",
    "yaml_reason",
]


# -- closest matches ----------------------------------------------------------------------
def closest(word: str, choices: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The choices closest to ``word`` (best first), compared without case."""
    pool = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(pool), n=n, cutoff=cutoff)
    return [pool[f] for f in found]


def did_you_mean(
    word: str, choices: Iterable[str], *, n: int = 2, cutoff: float = 0.6
) -> str | None:
    """``"did you mean 'x'?"`` (or ``'x' or 'y'``) for the closest choices, or None."""
    found = closest(word, choices, n=n, cutoff=cutoff)
    if not found:
        return None
    return "did you mean " + " or ".join(repr(f) for f in found) + "?"


def warn_language(lang: str | None, languages: Sequence[str], *, what: str) -> None:
    """Warn with :class:`ctnat.errors.LanguageWarning` if ``lang`` is not among ``languages``."""
    if lang is None or lang in languages:
        return
    import warnings

    from .errors import LanguageWarning

    hint = did_you_mean(lang, languages, cutoff=0.5)
    has = ", ".join(repr(x) for x in languages)
    warnings.warn(
        f"{what} has no labels in {lang!r}, only in {has}; the labels are shown in "
        f"{languages[0]!r}" + (f" ({hint})" if hint else ""),
        LanguageWarning,
        stacklevel=3,
    )


# -- locations ----------------------------------------------------------------------------
def format_location(loc: Sequence[int | str]) -> str:
    """Render a pydantic-style location tuple as ``criteria[3].indicators[1].level``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _is_union_tag(part: int | str) -> bool:
    # a failed union reports once per member, tagged 'str', 'BaseRef', 'function-after[...]'
    return isinstance(part, str) and (
        part in {"str", "int", "float", "bool", "list", "dict", "tuple", "[key]"}
        or "[" in part
        or (part[:1].isupper() and part.isidentifier() and _model_named(part) is not None)
    )


# -- pydantic -----------------------------------------------------------------------------
#: Wording for the patterns ctnat's models use (by the regular expression).
PATTERN_WORDS = {
    r"^[A-Z]{3}$": "must be a three-letter ISO code such as 'KGZ'",
    r"^[1-9][0-9]*$": "not a category id like '1'",
    r"^[1-9][0-9]*\.[1-9][0-9]*$": "not a criterion id like '1.3'",
    r"^([1-9][0-9]*\.[1-9][0-9]*)\.([FO])([1-9])$": (
        "not an indicator id like '1.3.F2' (criterion, F or O, level)"
    ),
    r"^\d+\.\d+\.[FO]\d+$": "not an indicator id like '1.3.F2' (criterion, F or O, level)",
    r"^[0-9]+(\.[0-9]+)*$": "not an item number like '3.1.5'",
    r"^\d+(\.\d+)*$": "not an item number like '3.1.5'",
    r"^[a-z0-9][a-z0-9._-]*$": "not a valid name: use lower-case letters, digits, '.', '_' or '-'",
    r"^[A-Z]{3}int\d+$": "not an interview code like 'AZEint3' (country code, 'int', number)",
    r"^[A-Z]$": "not an option letter (one capital letter, A to Q for the priorities)",
}

_SIMPLE = {
    "missing": "is required but missing",
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date written YYYY-MM-DD, e.g. 2026-05-15",
    "date_parsing": "must be a date written YYYY-MM-DD, e.g. 2026-05-15",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD, e.g. 2026-05-15",
    "date_from_datetime_inexact": "must be a date without a time, e.g. 2026-05-15",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
    "dict_type": "must be a mapping of keys to values",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "frozen_set_type": "must be a list",
    "set_type": "must be a list",
}


def _country_hint(given: object) -> str | None:
    if not isinstance(given, str):
        return None
    from .assessment._countries import country_codes, country_name

    text = given.strip()
    if text.upper() in country_codes():
        return f"write it in capitals: {text.upper()!r}"
    names = {country_name(c) or c: c for c in country_codes()}
    found = closest(text, names, n=1, cutoff=0.7)
    if found:
        return f"{found[0]} is {names[found[0]]!r}"
    return None


def _pattern_message(pattern: str, given: object, field: str) -> tuple[str, str | None]:
    words = PATTERN_WORDS.get(pattern)
    if words is None:
        return f"does not have the expected form ({pattern})", None
    hint = None
    if pattern == r"^[A-Z]{3}$":
        words = f"{field} {words}" if field else words
        hint = _country_hint(given)
    elif isinstance(given, str) and "indicator id" in words:
        fixed = _zero_for_o(given)
        if fixed:
            hint = f"a zero typed for the letter O? write {fixed!r}"
    return words, hint


def _zero_for_o(given: str) -> str | None:
    m = re.fullmatch(r"\s*(\d+\.\d+)\.0(\d+)\s*", given)
    return f"{m.group(1)}.O{m.group(2)}" if m else None


def _choices_in(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


_BOUNDS = {
    "greater_than_equal": "at least",
    "greater_than": "more than",
    "less_than_equal": "at most",
    "less_than": "less than",
}


def _message(err: Mapping[str, Any], field: str, known: Sequence[str] | None) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    given = err.get("input")
    hint: str | None = None
    if kind == "string_pattern_mismatch":
        text, hint = _pattern_message(str(ctx.get("pattern", "")), given, field)
    elif kind in {"enum", "literal_error"}:
        choices = _choices_in(str(ctx.get("expected", "")))
        text = "must be one of " + ", ".join(repr(c) for c in choices)
        hint = did_you_mean(str(given), choices) if isinstance(given, str) else None
    elif kind == "extra_forbidden":
        text = f"unknown key {field!r}"
        hint = (
            did_you_mean(field, known) if known else None
        ) or "check its spelling and indentation"
    elif kind == "too_short":
        least = ctx.get("min_length")
        text = f"needs at least {least} entr{'y' if least == 1 else 'ies'}"
    elif kind in _BOUNDS:
        text = f"must be {_BOUNDS[kind]} {next(iter(ctx.values()), '')}"
    elif kind in _SIMPLE:
        text = _SIMPLE[kind]
    else:
        text = str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    notes = []
    if kind not in {"missing", "extra_forbidden", "value_error"} and isinstance(
        given, str | int | float | bool
    ):
        notes.append(f"got {given!r}")
    if hint:
        notes.append(hint)
    return f"{text} ({'; '.join(notes)})" if notes else text


def _fields_of(model: Any, loc: Sequence[int | str]) -> list[str] | None:
    """The field names of the model at ``loc`` inside ``model`` (None if unknown)."""
    current: Any = model
    for part in loc:
        current = _model_in(current)
        if current is None:
            return None
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not isinstance(fields, dict) or part not in fields:
            return None
        current = fields[part].annotation
    current = _model_in(current)
    fields = getattr(current, "model_fields", None)
    return list(fields) if isinstance(fields, dict) else None


def _model_in(annotation: Any, depth: int = 0) -> Any:
    """The pydantic model class inside an annotation (Optional, tuple[...], list[...])."""
    if depth > 6:
        return None
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0], depth + 1)
    if origin in {typing.Union, types.UnionType, tuple, list, Sequence}:
        for arg in typing.get_args(annotation):
            found = _model_in(arg, depth + 1)
            if found is not None:
                return found
    return None


@functools.cache
def _model_named(title: str) -> Any:
    """The ctnat pydantic model class a ValidationError's ``title`` names, if unique."""
    from pydantic import BaseModel

    found = []
    todo = list(BaseModel.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__name__ == title and cls.__module__.startswith("ctnat"):
            found.append(cls)
    return found[0] if len(found) == 1 else None


def pydantic_problems(
    exc: Any, *, file: str | None, prefix: str = "", model: Any = None
) -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into located problems in the domain's words.

    One problem per place (a union's branches are merged); a ``missing`` error
    beside an ``id`` that failed is dropped (it follows from the id); an unknown
    key gets "did you mean" from the model's fields.
    """
    if model is None:
        model = _model_named(str(getattr(exc, "title", "")))
    errors = [
        dict(e, loc=tuple(p for p in e["loc"] if not _is_union_tag(p)))
        for e in exc.errors(include_url=False)
    ]
    failed_ids = {
        e["loc"][:-1]
        for e in errors
        if e["loc"] and e["loc"][-1] == "id" and e["type"] != "missing"
    }
    grouped: dict[str, list[str]] = {}
    for err in errors:
        loc: tuple[int | str, ...] = err["loc"]
        if err["type"] == "missing" and loc[:-1] in failed_ids:
            continue  # noise: follows from the id that did not parse
        field = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
        known = _fields_of(model, loc[:-1]) if err["type"] == "extra_forbidden" and model else None
        where = format_location(loc)
        if prefix:
            where = f"{prefix}.{where}" if where and not where.startswith("[") else prefix + where
        text = _message(err, field, known)
        texts = grouped.setdefault(where, [])
        if text not in texts:
            texts.append(text)
    return [
        Problem(" or ".join(texts), file=file, location=where) for where, texts in grouped.items()
    ]


# -- YAML ---------------------------------------------------------------------------------
_YAML_WORDS = (
    ("expected <block end>", "the indentation does not match the lines above"),
    ("did not find expected key", "the indentation does not match the lines above"),
    (
        "did not find expected '-' indicator",
        "a list item must start with '- ' at the same indentation as the other items",
    ),
    (
        "mapping values are not allowed",  # "... here" (Python), "... in this context" (libyaml)
        (
            "a ':' where none was expected: put text that contains ': ' in quotes, "
            "or check the indentation"
        ),
    ),
    (
        "found character '\\t' that cannot start any token",
        "a tab character: indent with spaces, not tabs",
    ),
    # libyaml (the C loader) does not name the character: told apart by the text, below
    ("could not find expected ':'", "a line without 'key: value' inside a mapping"),
    ("found unexpected end of stream", "a quote is opened and not closed"),
    ("found undefined alias", "text starting with '*' must be put in quotes"),
    ("found undefined tag handle", "text starting with '!' must be put in quotes"),
    (
        "found character '@' that cannot start any token",
        "text starting with '@' must be put in quotes",
    ),
    (
        "found character '`' that cannot start any token",
        "text starting with '`' must be put in quotes",
    ),
    ("expected a comment or a line break", "unexpected text after a closing quote or bracket"),
    ("while parsing a flow", "a '[' or '{' is not closed, or is closed too early"),
)


def yaml_reason(
    problem: str | None, context: str | None = None, *, source: str | None = None
) -> str:
    """A PyYAML ``problem`` (and ``context``) in plain words, after ``not valid YAML: ``.

    ``source`` is the character at the problem's place, which libyaml's messages
    (the C loader) leave out where the pure-Python loader names it.
    """
    text = problem or context or "invalid YAML"
    if text.startswith("duplicate key"):
        key = text.removeprefix("duplicate key").strip()
        return (
            f"not valid YAML: duplicate key {key}: a key may appear once in a mapping "
            "(a second one would silently replace the first)"
        )
    for needle, words in _YAML_WORDS:
        if needle in text or (context and needle in context):
            return f"not valid YAML: {words}"
    if text == "found character that cannot start any token" and source is not None:
        return yaml_reason(f"found character {source!r} that cannot start any token", context)
    return f"not valid YAML: {text}"
