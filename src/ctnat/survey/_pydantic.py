"""Turning pydantic validation errors into located ctnat problems."""

from __future__ import annotations

import pydantic

from .._io import format_location
from ..errors import Problem, ValidationError

__all__ = ["problems_from", "validation_error"]


def problems_from(
    exc: pydantic.ValidationError, *, file: str | None, prefix: str = ""
) -> tuple[Problem, ...]:
    """One :class:`Problem` per pydantic error, located by its path in the data."""
    grouped: dict[str, list[str]] = {}
    for err in exc.errors():
        # a failed union reports once per member, tagged 'str', 'tuple[str, ...]', ...
        loc = tuple(p for p in err["loc"] if not _is_union_tag(p))
        where = format_location(loc)
        if prefix:
            where = f"{prefix}.{where}" if where else prefix
        msg = err["msg"].removeprefix("Value error, ")
        grouped.setdefault(where, [])
        if msg not in grouped[where]:
            grouped[where].append(msg)
    return tuple(Problem(" or ".join(msgs), file, where) for where, msgs in grouped.items())


def _is_union_tag(part: int | str) -> bool:
    return isinstance(part, str) and (
        part in {"str", "int", "float", "bool", "list", "dict", "tuple"} or "[" in part
    )


def validation_error(
    exc: pydantic.ValidationError, *, file: str | None, prefix: str = ""
) -> ValidationError:
    """A ctnat :class:`ValidationError` carrying every pydantic error."""
    return ValidationError(problems_from(exc, file=file, prefix=prefix))
