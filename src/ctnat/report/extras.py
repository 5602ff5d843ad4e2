"""Optional dependencies: a clear error naming the extra to install when one is missing.

Kept for the report package's imports; the mechanism lives in :mod:`ctnat._extras`.
"""

from __future__ import annotations

from .._extras import require_extra
from ..errors import MissingExtraError

__all__ = ["MissingExtraError", "require_extra"]
