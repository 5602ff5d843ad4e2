"""Reading and writing assessments as YAML or JSON, losslessly, with located errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydantic

from .._io import (
    DEFAULT_LIMITS,
    Limits,
    PathLike,
    dump_mapping,
    format_location,
    parse_text,
    read_mapping,
)
from ..errors import CtnatError, FileFormatError, Problem, ValidationError
from ._model import Assessment

__all__ = ["dump", "from_mapping", "json_schema", "load", "loads", "to_mapping"]


def _reason(msg: str) -> str:
    return msg.removeprefix("Value error, ")


def from_mapping(
    data: Any, *, file: str | None = None, base_dir: PathLike | None = None
) -> Assessment:
    """Validate a mapping (as read from YAML/JSON) into an :class:`Assessment`.

    Raises :class:`ctnat.errors.ValidationError` listing every problem with its
    place in the file (``statuses[3].evidence[0].source``) and the reason.
    """
    if not isinstance(data, dict):
        raise FileFormatError("an assessment must be a mapping of keys to values", file=file)
    try:
        return Assessment.model_validate(
            data, context={"base_dir": str(base_dir) if base_dir is not None else None}
        )
    except pydantic.ValidationError as exc:
        problems = [
            Problem(_reason(e["msg"]), file, format_location(tuple(e["loc"])))
            for e in exc.errors(include_url=False)
        ]
        raise ValidationError(problems) from None
    except CtnatError as exc:
        raise type(exc)(
            [Problem(p.reason, file, p.location, p.hint) for p in exc.problems]
        ) from None


def load(path: PathLike, *, limits: Limits | None = None) -> Assessment:
    """Read an assessment from a YAML or JSON file (within ``limits``, see :class:`ctnat.Limits`)."""
    data = read_mapping(path, limits=limits or DEFAULT_LIMITS)
    p = Path(path)
    return from_mapping(data, file=str(p), base_dir=p.parent)


def loads(text: str, *, file: str = "<text>", limits: Limits | None = None) -> Assessment:
    """Read an assessment from YAML or JSON text."""
    return from_mapping(parse_text(text, file=file, limits=limits or DEFAULT_LIMITS), file=file)


def to_mapping(assessment: Assessment) -> dict[str, Any]:
    """The assessment as plain data (what :func:`dump` writes); defaults are left out."""
    return assessment.model_dump(mode="json", exclude_defaults=True)


def dump(assessment: Assessment, path: PathLike) -> None:
    """Write an assessment as YAML or JSON (by the file's suffix); :func:`load` reads it back equal."""
    dump_mapping(to_mapping(assessment), path)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an assessment file."""
    return Assessment.model_json_schema()
