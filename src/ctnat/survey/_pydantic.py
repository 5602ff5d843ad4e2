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
    out = []
    for err in exc.errors():
        where = format_location(tuple(err["loc"]))
        if prefix:
            where = f"{prefix}.{where}" if where else prefix
        msg = err["msg"].removeprefix("Value error, ")
        out.append(Problem(msg, file, where))
    return tuple(out)


def validation_error(
    exc: pydantic.ValidationError, *, file: str | None, prefix: str = ""
) -> ValidationError:
    """A ctnat :class:`ValidationError` carrying every pydantic error."""
    return ValidationError(problems_from(exc, file=file, prefix=prefix))
