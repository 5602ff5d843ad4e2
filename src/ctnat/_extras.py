"""Optional dependencies, imported on use, with an error naming the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtraError

__all__ = ["require_extra"]


def require_extra(module: str, extra: str, purpose: str, *, file: str | None = None) -> ModuleType:
    """Import ``module``, or raise :class:`~ctnat.errors.MissingExtraError` naming ``extra``.

    ``purpose`` says what needs it (``"XLSX export"``); ``file`` is the file being read
    or written, if any, so the error names it.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs {module}, which is not installed",
            file=file,
            hint=f'pip install "ctnat[{extra}]"',
        ) from None
