"""Turning pydantic validation errors into located ctnat problems."""

from __future__ import annotations

import pydantic

from ..errors import Problem, ValidationError

__all__ = ["problems_from", "validation_error"]


def problems_from(
    exc: pydantic.ValidationError, *, file: str | None, prefix: str = ""
) -> tuple[Problem, ...]:
    """One :class:`Problem` per pydantic error, located by its path in the data."""
    from .._messages import pydantic_problems  # the wording lives in ctnat._messages

    return tuple(pydantic_problems(exc, file=file, prefix=prefix))


def _is_union_tag(part: int | str) -> bool:
    return isinstance(part, str) and (
        part in {"str", "int", "float", "bool", "list", "dict", "tuple"} or "[" in part
    )


def validation_error(
    exc: pydantic.ValidationError, *, file: str | None, prefix: str = ""
) -> ValidationError:
    """A ctnat :class:`ValidationError` carrying every pydantic error."""
    return ValidationError(problems_from(exc, file=file, prefix=prefix))
