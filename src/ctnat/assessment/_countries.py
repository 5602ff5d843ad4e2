"""ISO 3166-1 alpha-3 country codes shipped with the package (``countries.tsv``)."""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["country_codes", "country_name", "is_country_code"]


@functools.cache
def _table() -> dict[str, str]:
    text = resources.files(__package__).joinpath("countries.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, name = line.partition("\t")
            out[code] = name
    return out


def is_country_code(code: str) -> bool:
    """True if ``code`` is an ISO 3166-1 alpha-3 code (e.g. ``AZE``)."""
    return code in _table()


def country_name(code: str) -> str:
    """The English short name of a country code (the code itself if unknown)."""
    return _table().get(code, code)


def country_codes() -> tuple[str, ...]:
    """Every ISO 3166-1 alpha-3 code shipped with the package, sorted."""
    return tuple(sorted(_table()))
