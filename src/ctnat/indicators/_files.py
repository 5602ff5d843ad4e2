"""Built-in indicator sets, and loading and dumping sets as YAML or JSON files."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import pydantic

from .._io import (
    DEFAULT_LIMITS,
    Limits,
    PathLike,
    dump_mapping,
    parse_text,
    problems_from_pydantic,
    read_mapping,
)
from ..errors import FileFormatError, NotFoundError, ValidationError
from .extend import Extension, apply_extension
from .model import IndicatorSet, ItemLink

__all__ = ["available", "builtin", "dump", "json_schema", "load"]

_BUILTIN = {"ct-nat-2016": "ct-nat-2016.yaml"}
_MAX_CHAIN = 16


def available() -> tuple[str, ...]:
    """The names of the built-in indicator sets."""
    return tuple(_BUILTIN)


@functools.cache
def _builtin(name: str) -> IndicatorSet:
    data_dir = resources.files("ctnat.indicators") / "data"
    data = parse_text(
        (data_dir / _BUILTIN[name]).read_text(encoding="utf-8"), file=f"ctnat:{name}", fmt="yaml"
    )
    links_file = data_dir / f"{name}-links.yaml"
    if links_file.is_file():
        links = parse_text(links_file.read_text(encoding="utf-8"), file=str(links_file), fmt="yaml")
        data["links"] = links["links"] if isinstance(links, dict) else links
    return _from_data(data, file=f"ctnat:{name}", base_dir=None, depth=0, limits=DEFAULT_LIMITS)


def builtin(name: str = "ct-nat-2016") -> IndicatorSet:
    """A built-in indicator set, by name (``"ct-nat-2016"``, optionally ``"ct-nat-2016@2016"``).

    ```python
    >>> s = builtin("ct-nat-2016")
    >>> len(s), s.indicator("1.3.F2").label()
    (100, 'Identification tools are relevant to trafficking in practice (e.g. all types)')

    ```
    """
    key, _, version = name.partition("@")
    if key not in _BUILTIN:
        raise NotFoundError(
            f"no built-in indicator set {key!r}",
            hint=f"available: {', '.join(available())}",
        )
    found = _builtin(key)
    if version and version != found.version:
        raise NotFoundError(
            f"this ctnat has {key} version {found.version}, not {version!r}",
            hint="load that version from a file with ctnat.indicators.load()",
        )
    return found


def _resolve_base(
    extends: Any, *, file: str, base_dir: Path | None, depth: int, limits: Limits
) -> IndicatorSet:
    if depth >= _MAX_CHAIN:
        raise ValidationError(
            f"more than {_MAX_CHAIN} sets extend one another; is there a cycle?",
            file=file,
            location="extends",
        )
    if not isinstance(extends, str):
        return builtin(f"{extends.id}@{extends.version}")
    if "\x00" in extends:
        raise FileFormatError("the path contains a NUL character", file=file, location="extends")
    if extends.lower().endswith((".yaml", ".yml", ".json")):
        path = (base_dir or Path.cwd()) / extends
        return _load(path, depth=depth + 1, limits=limits)
    try:
        return builtin(extends)
    except NotFoundError as exc:
        raise NotFoundError(
            [
                p.__class__(p.reason, file=file, location="extends", hint=p.hint)
                for p in exc.problems
            ]
        ) from None


def _from_data(
    data: Any, *, file: str, base_dir: Path | None, depth: int, limits: Limits
) -> IndicatorSet:
    if not isinstance(data, dict):
        raise FileFormatError("the top level must be a mapping", file=file)
    try:
        if "categories" in data:
            return IndicatorSet.model_validate(data)
        if "extends" not in data:
            raise ValidationError(
                "neither a full indicator set (it has no 'categories') nor an extension "
                "(it has no 'extends')",
                file=file,
                hint="an office's file usually starts with 'extends: ct-nat-2016'",
            )
        ext = Extension.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(problems_from_pydantic(exc, file=file)) from None
    except ValidationError as exc:
        raise ValidationError(
            [
                p.__class__(p.reason, file=file, location=p.location, hint=p.hint)
                for p in exc.problems
            ]
        ) from None
    base = _resolve_base(ext.extends, file=file, base_dir=base_dir, depth=depth, limits=limits)
    return apply_extension(base, ext, file=file)


def _load(path: PathLike, *, depth: int, limits: Limits) -> IndicatorSet:
    data = read_mapping(path, limits=limits)
    p = Path(path)
    return _from_data(data, file=str(p), base_dir=p.parent, depth=depth, limits=limits)


def load(path: PathLike, *, limits: Limits | None = None) -> IndicatorSet:
    """Load an indicator set from a YAML or JSON file.

    The file is either a full set (as written by :func:`dump`) or an extension that
    says ``extends: ct-nat-2016`` and lists what it adds, rewords, retires and
    translates. Bad input raises :class:`ctnat.CtnatError` naming the file, the
    place in it and the reason; ``limits`` bounds the file (and the files it extends)
    as :class:`ctnat.Limits` describes.
    """
    return _load(path, depth=0, limits=limits or DEFAULT_LIMITS)


def dump(indicator_set: IndicatorSet, path: PathLike) -> None:
    """Write a set as a full, self-contained YAML or JSON file (by suffix; default YAML).

    ``load(path)`` then returns an equal set.
    """
    dump_mapping(indicator_set.model_dump(mode="json", exclude_none=True), path)


def json_schema(kind: str = "set") -> dict[str, Any]:
    """The JSON Schema of a full indicator set (``"set"``) or of an extension file (``"extension"``)."""
    if kind == "set":
        return IndicatorSet.model_json_schema()
    if kind == "extension":
        return Extension.model_json_schema()
    if kind == "link":
        return ItemLink.model_json_schema()
    raise NotFoundError(f"no schema {kind!r}", hint="use 'set' or 'extension'")
