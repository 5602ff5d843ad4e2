"""The indicator model and the canonical CT-NAT 2016 set.

```python
>>> from ctnat import indicators
>>> s = indicators.builtin("ct-nat-2016")
>>> [c.label() for c in s.categories]  # doctest: +NORMALIZE_WHITESPACE
['Identification and referral', 'Protection and assistance', 'Investigation and prosecution',
 'Prevention', 'Cooperation and coordination']
>>> s.indicator("5.4.O1").label()
'There is evidence of bilateral/ transnational criminal justice cooperation against trafficking'

```
"""

from __future__ import annotations

from ._files import available, builtin, dump, json_schema, load
from .extend import Extension, apply_extension
from .model import (
    BaseRef,
    Category,
    Change,
    ChangeKind,
    Criterion,
    Dimension,
    Indicator,
    IndicatorSet,
    ItemLink,
    Retirement,
    parse_indicator_id,
)

__all__ = [
    "BaseRef",
    "Category",
    "Change",
    "ChangeKind",
    "Criterion",
    "Dimension",
    "Extension",
    "Indicator",
    "IndicatorSet",
    "ItemLink",
    "Retirement",
    "apply_extension",
    "available",
    "builtin",
    "dump",
    "json_schema",
    "load",
    "parse_indicator_id",
]
