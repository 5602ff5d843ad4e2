"""Optional dependencies: a clear error naming the extra to install when one is missing."""

from __future__ import annotations

import importlib

from ..errors import CtnatError

__all__ = ["MissingExtraError", "require_extra"]


class MissingExtraError(CtnatError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


def require_extra(module: str, extra: str, purpose: str) -> None:
    """Raise :class:`MissingExtraError` naming ``extra`` if ``module`` cannot be imported."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs {module}, which is not installed",
            hint=f'pip install "ctnat[{extra}]"',
        ) from None
