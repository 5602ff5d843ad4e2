"""The citation notation: evidence written as text, read back as plain data.

Used by the worksheet's evidence cells and by anything else that lets people
type citations (report findings). It knows no model: :func:`parse_citations`
returns mappings with the fields of :class:`ctnat.assessment.Evidence`, so the
assessment layer may import it too.

Citations are separated by ``;`` or line breaks, each citation a list of parts
separated by commas::

    Aze 30, p. 31; ARM 1, art. 12, para. 3; AZEint3, survey 3.1.5; section 2.1, "excerpt"

A part is read as:

- ``AZEint3`` (three capitals, ``int``, a number): an interview code;
- ``survey 3.1.5``: a survey item; ``section 2.1``: a section of the assessment report;
- a locator in the citation's source: ``p. 31``, ``pp. 43-44``, ``art. 12``,
  ``arts. 12-14``, ``para. 3``, ``paras. 3-4``, ``¶ 4``, ``§ 5``, ``sec. 2.3``,
  ``ch. 4``, ``fn. 7``, ``n. 7``, ``annex C`` or ``pages <text>``; several
  locators in one citation are kept together (``art. 12, para. 3``);
- ``"..."``: an excerpt (a doubled quote ``""`` stands for one quote);
- ``source <code>`` or any other text: the bibliography code of the source.

Any value may be put in double quotes after its keyword (``source "A, B"``) when
it holds a comma, a semicolon or a quote. :func:`format_citation` writes the
canonical form, which :func:`parse_citations` reads back equal.

```python
>>> parse_citations("ARM 1, art. 12, para. 3")[0]["pages"]
'art. 12, para. 3'

```
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["CitationError", "format_citation", "format_citations", "is_locator", "parse_citations"]

_INTERVIEW = re.compile(r"^[A-Z]{3}int\d+$")
_KEYWORDS = ("source", "pages", "section", "survey", "interview")
#: A locator inside a source: abbreviation and a space, or a sign, then the place.
_LOCATOR = re.compile(
    r"^(?:(?:pp?|arts?|paras?|secs?|chs?|fn|nn?|cl|ss?|vol)\.\s*\S"
    r"|[¶§]{1,2}\s*\S"
    r"|(?:annex|appendix|article|paragraph|chapter|footnote)\s+\S)",
    re.IGNORECASE,
)
_PAGES = _LOCATOR  # the pages field holds the locators of the citation's source


def is_locator(part: str) -> bool:
    """True for a locator such as ``p. 31``, ``art. 12``, ``para. 3``, ``¶ 4``."""
    return _LOCATOR.match(part.strip()) is not None


def _locators(text: str) -> bool:
    """True when ``text`` is one or more locators joined by ``, ``."""
    return all(is_locator(p) and p == p.strip() and "," not in p for p in text.split(", "))


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


def format_citation(citation: Mapping[str, Any]) -> str:
    """One citation (a mapping with the fields of ``Evidence``) in the canonical text."""
    source = citation.get("source")
    pages = citation.get("pages")
    excerpt = citation.get("excerpt")
    parts: list[str] = []
    if source is not None:
        bare = (
            not _needs_quotes(source)
            and not _INTERVIEW.match(source)
            and not is_locator(source)
            and source.split(" ", 1)[0].lower() not in _KEYWORDS
        )
        parts.append(source if bare else f"source {_quote(source)}")
    if pages is not None:
        bare = _locators(pages) and not any(ch in pages for ch in ';"\n\r')
        bare = bare and not pages.startswith(("=", "+", "-", "@"))
        parts.append(pages if bare else f"pages {_value(pages)}")
    parts += [f"section {_value(s)}" for s in citation.get("sections", ())]
    parts += [
        code if _INTERVIEW.match(code) else f"interview {_value(code)}"
        for code in citation.get("interviews", ())
    ]
    parts += [f"survey {item}" for item in citation.get("survey_items", ())]
    if excerpt is not None:
        parts.append(_quote(excerpt))
    return ", ".join(parts)


def format_citations(citations: Iterable[Mapping[str, Any]]) -> str:
    """Several citations as one text (separated by ``;``)."""
    return "; ".join(format_citation(c) for c in citations)


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


def parse_citations(text: str) -> tuple[dict[str, Any], ...]:
    """Read citations as mappings with the fields of ``Evidence``; raises :class:`CitationError`."""
    if "\x00" in text:
        raise CitationError("the text holds a NUL character")
    out: list[dict[str, Any]] = []
    for parts in _split(text):
        fields: dict[str, object] = {}
        sections: list[str] = []
        interviews: list[str] = []
        items: list[str] = []
        locators_only = False  # the pages so far are bare locators, to which more may be added
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
                elif is_locator(part):
                    key, value = "locator", part
                else:
                    key, value = "source", part
            if key == "locator":
                if "pages" in fields and not locators_only:
                    raise CitationError(
                        "two page references in one citation; separate citations with ';'"
                    )
                fields["pages"] = f"{fields['pages']}, {value}" if "pages" in fields else value
                locators_only = True
            elif key == "section":
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
                    hint = (
                        f" (is {value!r} a locator? write it like 'p. 31', 'art. 12', 'para. 3')"
                        if key == "source"
                        else ""
                    )
                    raise CitationError(
                        f"{what} in one citation; separate citations with ';'{hint}"
                    )
                fields[key] = value
                if key == "pages":
                    locators_only = False
        if not (fields or sections or interviews or items):
            continue
        out.append(
            {
                **fields,
                "sections": tuple(sections),
                "interviews": tuple(interviews),
                "survey_items": tuple(items),
            }
        )
    return tuple(out)
