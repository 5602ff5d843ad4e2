"""HTML for notebooks: styles written into each element, so they survive where ``<style>`` does not.

Jupyter (and most notebook viewers) drop or scope away a ``<style>`` element in an
output, but keep ``style`` attributes. :func:`inline_styles` adds to each element
of ctnat's HTML the style its class has in the report's stylesheet, so a report or
a result shown in a notebook keeps its tables, marks and warning boxes.

```python
>>> inline_styles('<p class="caveat">SYNTHETIC data</p>')[:48]
'<p class="caveat" style="background:#fff4d6;bord'

```
"""

from __future__ import annotations

import re

__all__ = ["PROVENANCE_STYLE", "inline_styles"]

_BY_TAG = {
    "table": "border-collapse:collapse;font-size:.9rem;margin:.6rem 0",
    "th": "border:1px solid #c9ced8;padding:.3rem .45rem;text-align:left;vertical-align:top;"
    "background:#eef1f6",
    "td": "border:1px solid #c9ced8;padding:.3rem .45rem;text-align:left;vertical-align:top",
    "caption": "text-align:left;font-weight:600;padding:.3rem 0",
    "figcaption": "font-size:.85rem;color:#5b6475",
}
_BY_CLASS = {
    "caveat": "background:#fff4d6;border-left:4px solid #d9a400;padding:.4rem .7rem;color:#1d2433",
    "muted": "color:#5b6475",
    "lead": "font-size:1.05rem",
    "num": "text-align:right;font-variant-numeric:tabular-nums",
    "marked": "background:#d8f0d2",
    "mark-2": "background:#e4e4e4",
    "mark-3": "background:#fde0c5",
    "mark-4": "background:#dcd3f0",
    "mark-5": "background:#d2e9f7",
    "mark-symbol": "color:#1f5f16;font-weight:700",
    "note": "font-size:.85rem;color:#5b6475",
    "legend": "font-size:.85rem;color:#5b6475",
}
#: The style of a provenance warning (synthetic data, a reading of a report).
PROVENANCE_STYLE = _BY_CLASS["caveat"]

_TAG = re.compile(r"<(table|th|td|caption|figcaption|p|span|div)(\s[^<>]*)?>", re.IGNORECASE)
_CLASS = re.compile(r'\sclass="([^"]*)"')
_STYLE = re.compile(r'\sstyle="([^"]*)"')


def _styled(match: re.Match[str]) -> str:
    tag, attrs = match.group(1), match.group(2) or ""
    found = _CLASS.search(attrs)
    classes = found.group(1).split() if found else []
    parts = [_BY_TAG.get(tag.lower(), "")] + [_BY_CLASS.get(c, "") for c in classes]
    style = ";".join(p for p in parts if p)
    if not style:
        return match.group(0)
    own = _STYLE.search(attrs)
    if own:  # the element's own style wins: it comes last
        attrs = attrs[: own.start()] + f' style="{style};{own.group(1)}"' + attrs[own.end() :]
    else:
        attrs += f' style="{style}"'
    return f"<{tag}{attrs}>"


def inline_styles(html: str) -> str:
    """``html`` with the stylesheet's look written into each element's ``style``."""
    return _TAG.sub(_styled, html)
