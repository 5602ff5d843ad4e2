"""Enum parameters given as their string values, with errors that list the choices.

``choice(UnknownPolicy, "exclude", parameter="unknown")`` returns
``UnknownPolicy.EXCLUDE``; anything else raises :class:`ctnat.errors.ChoiceError`
naming the parameter, the choices and the closest match.

```python
>>> import enum
>>> class Colour(enum.StrEnum):
...     RED = "red"
...     GREEN = "green"
>>> choice(Colour, "Green", parameter="colour")
<Colour.GREEN: 'green'>
>>> choice(Colour, "gren", parameter="colour")
Traceback (most recent call last):
...
ctnat.errors.ChoiceError: colour must be one of 'red', 'green', not 'gren' (did you mean 'green'?)

```
"""

from __future__ import annotations

import enum
from typing import TypeVar

from ._messages import did_you_mean
from .errors import ChoiceError

__all__ = ["choice"]

E = TypeVar("E", bound=enum.Enum)


def choice(kind: type[E], value: object, *, parameter: str) -> E:
    """``value`` as a member of ``kind``: a member, its value, or its name (any case)."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        text = value.strip()
        for member in kind:
            if text == member.value or text.lower() == str(member.value).lower():
                return member
            if text.upper().replace("-", "_").replace(" ", "_") == member.name:
                return member
    values = [str(m.value) for m in kind]
    listed = ", ".join(repr(v) for v in values)
    hint = did_you_mean(str(value), values) if isinstance(value, str) else None
    raise ChoiceError(
        f"{parameter} must be one of {listed}, not {value!r}" + (f" ({hint})" if hint else "")
    )
