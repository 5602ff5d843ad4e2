"""Built-in instruments and reading/writing instrument files."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import pydantic

from .._io import dump_mapping, read_mapping
from ..errors import NotFoundError
from ._pydantic import validation_error
from .model import Instrument

__all__ = [
    "builtin",
    "builtin_names",
    "dump_instrument",
    "instrument_from_mapping",
    "load_instrument",
]

_BUILTINS = ("ct-nat-2016-survey", "ct-nat-2016-interview")


def builtin_names() -> tuple[str, ...]:
    """The names :func:`builtin` knows."""
    return _BUILTINS


@functools.cache
def builtin(name: str) -> Instrument:
    """A bundled instrument: ``"ct-nat-2016-survey"`` (Annex D) or
    ``"ct-nat-2016-interview"`` (Annex C, with its routing rule), worded as in 2016
    (the templates of :func:`~ctnat.survey.template` filled with the study's values).

    ```python
    >>> builtin("ct-nat-2016-survey").question("3.1.5").text()
    'Indicators, screening checklists, other identification tools'

    ```
    """
    from .adapt import adapt_instrument, study_parameters, template

    if name not in _BUILTINS:
        raise NotFoundError(
            f"no built-in instrument {name!r}", hint=f"known: {', '.join(_BUILTINS)}"
        )
    # the bundled file is a country-neutral template; the 2016 study is one filled-in case
    return adapt_instrument(template(name), study_parameters(), consent=False)


def instrument_from_mapping(data: Any, *, file: str | None = None) -> Instrument:
    """Validate a mapping (read from YAML/JSON) as an :class:`Instrument`."""
    try:
        return Instrument.model_validate(data)
    except pydantic.ValidationError as exc:
        raise validation_error(exc, file=file) from None


def load_instrument(path: str | os.PathLike[str]) -> Instrument:
    """Read an instrument from a YAML or JSON file (an XLSForm: see :func:`read_xlsform`).

    A file that says ``extends:`` is an extension of another instrument
    (see :mod:`ctnat.survey.extend`).
    """
    data = read_mapping(path)
    if "extends" in data and "sections" not in data:
        from .extend import load_extension

        return load_extension(path)
    return instrument_from_mapping(data, file=str(Path(path)))


def dump_instrument(
    instrument: Instrument, path: str | os.PathLike[str], *, overwrite: bool = False
) -> None:
    """Write an instrument as YAML or JSON (by the file's suffix); replaces a file only with
    ``overwrite=True``."""
    dump_mapping(
        instrument.model_dump(mode="json", exclude_defaults=True), path, overwrite=overwrite
    )
