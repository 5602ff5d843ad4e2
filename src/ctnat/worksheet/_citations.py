"""The citation notation of the worksheet's evidence cells.

One cell holds the evidence of one indicator: citations separated by ``;`` or
line breaks, each citation a list of parts separated by commas::

    Aze 30, p. 31; AZEint3, survey 3.1.5; section 2.1, "quoted excerpt"

A part is read as:

- ``AZEint3`` (three capitals, ``int``, a number): an interview code;
- ``survey 3.1.5``: a survey item; ``section 2.1``: a section of the report;
- ``p. 31``, ``pp. 43-44`` or ``pages <text>``: the pages of the citation's source;
- ``"..."``: an excerpt (a doubled quote ``""`` stands for one quote);
- ``source <code>`` or any other text: the bibliography code of the source.

Any value may be put in double quotes after its keyword (``source "A, B"``) when
it holds a comma, a semicolon or a quote. :func:`format_evidence` writes the
canonical form, which :func:`parse_evidence` reads back equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..assessment import Evidence

__all__ = ["CitationError", "format_evidence", "parse_evidence"]

_INTERVIEW = re.compile(r"^[A-Z]{3}int\d+$")
_KEYWORDS = ("source", "pages", "section", "survey", "interview")
_PAGES = re.compile(r"^pp?\.\s")


class CitationError(ValueError):
    """A citation cell that cannot be read; the message says why."""


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _needs_quotes(value: str) -> bool:
    return (
        any(ch in value for ch in ',;"\n\r')
        or value != value.strip()
        or value.startswith(("=", "+", "-", "@"))
    )


def _value(value: str) -> str:
    return _quote(value) if _needs_quotes(value) else value


def _format_one(ev: Evidence) -> str:
    parts: list[str] = []
    if ev.source is not None:
        bare = (
            not _needs_quotes(ev.source)
            and not _INTERVIEW.match(ev.source)
            and not _PAGES.match(ev.source)
            and ev.source.split(" ", 1)[0].lower() not in _KEYWORDS
        )
        parts.append(ev.source if bare else f"source {_quote(ev.source)}")
    if ev.pages is not None:
        bare = _PAGES.match(ev.pages) is not None and not _needs_quotes(ev.pages)
        parts.append(ev.pages if bare else f"pages {_value(ev.pages)}")
    parts += [f"section {_value(s)}" for s in ev.sections]
    parts += [
        code if _INTERVIEW.match(code) else f"interview {_value(code)}" for code in ev.interviews
    ]
    parts += [f"survey {item}" for item in ev.survey_items]
    if ev.excerpt is not None:
        parts.append(_quote(ev.excerpt))
    return ", ".join(parts)


def format_evidence(evidence: Iterable[Evidence]) -> str:
    """The evidence as one cell's text (citations separated by ``;``)."""
    return "; ".join(_format_one(ev) for ev in evidence)


def _split(text: str) -> list[list[tuple[str, bool]]]:
    """Citations -> parts; each part is (text, whether it ended in a quoted value)."""
    citations: list[list[tuple[str, bool]]] = []
    parts: list[tuple[str, bool]] = []
    buf: list[str] = []
    quoted = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            # a quoted value runs to the next lone quote
            j = i + 1
            value: list[str] = []
            while True:
                if j >= n:
                    raise CitationError("a quote is opened and never closed")
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        value.append('"')
                        j += 2
                        continue
                    break
                value.append(text[j])
                j += 1
            if "".join(buf).strip() and not "".join(buf).endswith(" "):
                raise CitationError("a quote must start a part or follow a keyword and a space")
            buf.append("\x00" + "".join(value) + "\x00")
            quoted = True
            i = j + 1
            continue
        if ch in ",;\n\r":
            parts.append(("".join(buf), quoted))
            buf, quoted = [], False
            if ch != ",":
                citations.append(parts)
                parts = []
            i += 1
            continue
        if quoted and not ch.isspace():
            raise CitationError("text after a closing quote; put a comma between parts")
        buf.append(ch)
        i += 1
    parts.append(("".join(buf), quoted))
    citations.append(parts)
    return citations


def parse_evidence(text: str) -> tuple[Evidence, ...]:
    """Read one evidence cell; raises :class:`CitationError` (or a pydantic error) if bad."""
    if "\x00" in text:
        raise CitationError("the text holds a NUL character")
    out: list[Evidence] = []
    for parts in _split(text):
        fields: dict[str, object] = {}
        sections: list[str] = []
        interviews: list[str] = []
        items: list[str] = []
        for raw, quoted in parts:
            part = raw.strip()
            if not part:
                continue
            if part.startswith("\x00"):
                if not part.endswith("\x00") or part.count("\x00") != 2:
                    raise CitationError("text after a quoted excerpt")
                key, value = "excerpt", part[1:-1]
            else:
                head, _, rest = part.partition(" ")
                if head.lower() in _KEYWORDS and rest.strip():
                    key, value = head.lower(), rest.strip()
                    if quoted:
                        if not (value.startswith("\x00") and value.endswith("\x00")):
                            raise CitationError(f"{part!r}: quote the whole value")
                        value = value[1:-1]
                elif quoted:
                    raise CitationError(f"{part.replace(chr(0), chr(34))!r}: unexpected quote")
                elif _INTERVIEW.match(part):
                    key, value = "interview", part
                elif _PAGES.match(part):
                    key, value = "pages", part
                else:
                    key, value = "source", part
            if key == "section":
                sections.append(value)
            elif key == "interview":
                interviews.append(value)
            elif key == "survey":
                items.append(value)
            else:
                if key in fields:
                    what = {"source": "two sources", "pages": "two page references"}.get(
                        key, "two excerpts"
                    )
                    raise CitationError(f"{what} in one citation; separate citations with ';'")
                fields[key] = value
        if not (fields or sections or interviews or items):
            continue
        out.append(
            Evidence.model_validate(
                {
                    **fields,
                    "sections": tuple(sections),
                    "interviews": tuple(interviews),
                    "survey_items": tuple(items),
                }
            )
        )
    return tuple(out)
