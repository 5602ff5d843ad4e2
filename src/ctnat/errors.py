"""The errors ctnat raises on purpose.

Every error that bad input can cause is a :class:`CtnatError`. It carries one or
more :class:`Problem` records, each naming the file, the place inside it and the
reason, so a caller can show all of them at once instead of the first only.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ChoiceError",
    "CtnatError",
    "CtnatWarning",
    "FileFormatError",
    "LanguageWarning",
    "MissingExtraError",
    "NotFoundError",
    "OverwriteError",
    "Problem",
    "ValidationError",
]


@attrs.frozen
class Problem:
    """One thing wrong with an input.

    ``location`` is a path inside the file in the notation of the file itself,
    e.g. ``criteria[3].indicators[1].level``, ``record AZEsur3 / 3.1.5`` or
    ``Indicators!E14``; it is empty when the problem concerns the whole file.
    """

    reason: str
    file: str | None = None
    location: str = ""
    hint: str | None = None

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.location) if part)
        text = f"{where}: {self.reason}" if where else self.reason
        return f"{text} ({self.hint})" if self.hint else text


class CtnatError(Exception):
    """Base class of every error ctnat raises on purpose.

    ``problems`` holds at least one :class:`Problem`; ``str(error)`` lists them
    one per line.
    """

    problems: tuple[Problem, ...]

    def __init__(
        self,
        reason: str | Iterable[Problem],
        *,
        file: str | None = None,
        location: str = "",
        hint: str | None = None,
    ) -> None:
        if isinstance(reason, str):
            problems: tuple[Problem, ...] = (Problem(reason, file, location, hint),)
        else:
            problems = tuple(reason)
            if not problems:
                raise ValueError("a CtnatError needs at least one problem")
        self.problems = problems
        super().__init__(self._render())

    def _render(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)

    @property
    def file(self) -> str | None:
        """The file of the first problem, if any."""
        return self.problems[0].file

    @property
    def location(self) -> str:
        """The location of the first problem."""
        return self.problems[0].location

    @property
    def reason(self) -> str:
        """The reason of the first problem."""
        return self.problems[0].reason


class FileFormatError(CtnatError):
    """A file could not be read or parsed (not YAML/JSON/CSV/XLSX, unsafe YAML, …)."""


class ValidationError(CtnatError):
    """The input was read but its content is not valid."""


class NotFoundError(CtnatError, LookupError):
    """A name or id was asked for that does not exist (an unknown built-in, id, …)."""

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return self._render()


class MissingExtraError(CtnatError, ImportError):
    """An optional dependency is not installed; the hint names the extra to install."""


class OverwriteError(CtnatError, FileExistsError):
    """A file to be written exists already; pass ``overwrite=True`` (``--force``) to replace it."""

    def __str__(self) -> str:  # FileExistsError would otherwise format errno and filename
        return self._render()


class ChoiceError(ValidationError, ValueError):
    """A value is not one of the choices of a parameter; the message lists the choices."""


class CtnatWarning(UserWarning):
    """Base class of the warnings ctnat gives (filter them with this class)."""


class LanguageWarning(CtnatWarning):
    """Labels were asked for in a language the set or instrument has no text in."""
