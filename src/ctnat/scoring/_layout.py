"""The shape of an indicator set as index arrays, for vectorised scoring."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from ..errors import ValidationError

if TYPE_CHECKING:
    from ..indicators import IndicatorSet

__all__ = ["FRAMEWORK", "OPERATIONAL", "Layout", "parse_indicator_id"]

FRAMEWORK, OPERATIONAL = 0, 1
_ID = re.compile(r"^(?P<crit>(?P<cat>\d+)\.\d+)\.(?P<dim>[FO])(?P<level>\d+)$")

IntArray = npt.NDArray[np.intp]
FloatArray = npt.NDArray[np.float64]


def parse_indicator_id(indicator: str) -> tuple[str, str, int, int]:
    """``"1.3.F2"`` -> (category "1", criterion "1.3", dimension 0 (framework), level 2)."""
    m = _ID.match(indicator)
    if m is None:
        raise ValidationError(f"{indicator!r} is not an indicator id like 1.3.F2")
    dim = FRAMEWORK if m["dim"] == "F" else OPERATIONAL
    return m["cat"], m["crit"], dim, int(m["level"])


@attrs.frozen(eq=False)
class Layout:
    """Indicators, criteria and categories in a fixed order, with index arrays.

    ``groups[c, d, k]`` is the position of the level-(k+1)-ranked indicator of
    criterion ``c`` and dimension ``d`` (0 framework, 1 operational), or -1.
    """

    indicators: tuple[str, ...]
    criteria: tuple[str, ...]
    categories: tuple[str, ...]
    criterion_category: IntArray  # (n_criteria,) index into categories
    groups: IntArray  # (n_criteria, 2, max_levels)
    levels: IntArray  # (n_indicators,)

    @property
    def membership(self) -> FloatArray:
        """(n_criteria, n_categories) 0/1 matrix: which category each criterion is in."""
        m = np.zeros((len(self.criteria), len(self.categories)))
        m[np.arange(len(self.criteria)), self.criterion_category] = 1.0
        return m

    @classmethod
    def from_ids(cls, indicator_ids: Iterable[str]) -> Layout:
        """Build from indicator ids alone (order: first appearance of category and criterion)."""
        parsed = [(i, *parse_indicator_id(i)) for i in indicator_ids]
        return cls._build([(i, cat, crit, dim, lvl) for i, cat, crit, dim, lvl in parsed])

    @classmethod
    def from_set(cls, indicator_set: IndicatorSet) -> Layout:
        """Build from an indicator set's active (non-retired) indicators, in set order."""
        rows = []
        for ind in indicator_set.indicators():
            dim = FRAMEWORK if str(ind.dimension) == "framework" else OPERATIONAL
            rows.append((ind.id, ind.category_id, ind.criterion_id, dim, int(ind.level)))
        return cls._build(rows)

    @classmethod
    def _build(cls, rows: list[tuple[str, str, str, int, int]]) -> Layout:
        ids = [r[0] for r in rows]
        if len(set(ids)) != len(ids):
            raise ValidationError("an indicator id appears twice")
        categories: dict[str, int] = {}
        criteria: dict[str, int] = {}
        crit_cat: list[int] = []
        members: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for pos, (_, cat, crit, dim, level) in enumerate(rows):
            ci = categories.setdefault(cat, len(categories))
            if crit not in criteria:
                criteria[crit] = len(criteria)
                crit_cat.append(ci)
            elif crit_cat[criteria[crit]] != ci:
                raise ValidationError(f"criterion {crit} appears in two categories")
            members.setdefault((criteria[crit], dim), []).append((level, pos))
        depth = max((len(v) for v in members.values()), default=1)
        groups = np.full((len(criteria), 2, depth), -1, dtype=np.intp)
        for (c, d), lst in members.items():
            for k, (_, pos) in enumerate(sorted(lst)):
                groups[c, d, k] = pos
        return cls(
            indicators=tuple(ids),
            criteria=tuple(criteria),
            categories=tuple(categories),
            criterion_category=np.asarray(crit_cat, dtype=np.intp),
            groups=groups,
            levels=np.asarray([r[4] for r in rows], dtype=np.intp),
        )

    def index(self) -> Mapping[str, int]:
        """Position of each indicator id."""
        return {i: k for k, i in enumerate(self.indicators)}
