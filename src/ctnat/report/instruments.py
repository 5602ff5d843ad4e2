"""An instrument as it was asked, for a report's annexes: the interview guide (Annex C) and
the survey tool (Annex D), section by section, with the answer options and the routing.

```python
>>> from ctnat import survey
>>> blocks = instrument_blocks(survey.builtin("ct-nat-2016-interview"), "Annex C. Interview guide")
>>> blocks[0].text
'Annex C. Interview guide'
>>> any("2 to 3 of the sections 2, 3, 4, 5, 6" in getattr(b, "text", "") for b in blocks)
True

```
"""

from __future__ import annotations

from typing import Any

from .document import Block, BulletList, Heading, Paragraph

__all__ = ["instrument_blocks"]


def _label(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _answers(instrument: Any, question: Any, lang: str) -> str:
    if getattr(question, "scale", None):
        try:
            scale = instrument.scale(question.scale)
        except Exception:  # noqa: BLE001 - an extended instrument without that scale: show the id
            return f" [scale {question.scale}]"
        return " [" + " / ".join(o.text(lang) for o in scale.options) + "]"
    options = getattr(question, "options", ())
    if options:
        return " [" + " / ".join(o.text(lang) for o in options) + "]"
    kind = str(getattr(question.type, "value", question.type))
    return " [open answer]" if kind == "text" else ""


def instrument_blocks(
    instrument: Any, heading: str, *, lang: str = "en", level: int = 1, prefix: str = ""
) -> list[Block]:
    """The instrument as a heading, its routing, and per section the questions as asked.

    ``prefix`` goes before each section number (``"D."`` gives "D.2. ...").
    """
    blocks: list[Block] = [Heading(text=heading, level=level)]
    title = _label(getattr(instrument, "title", None), lang)
    if title:
        blocks.append(Paragraph(text=title, style="muted"))
    routing = getattr(instrument, "routing", None)
    if routing is not None:
        always = ", ".join(routing.always)
        pick = ", ".join(routing.choose_from)
        blocks.append(
            Paragraph(
                text=f"Routing: ask {routing.min_choice} to {routing.max_choice} of the sections "
                f"{pick}, chosen from the first answers; always ask the sections {always}."
            )
        )
    for section in instrument.sections:
        blocks.append(
            Heading(text=f"{prefix}{section.id}. {_label(section.title, lang)}", level=level + 1)
        )
        intro = _label(getattr(section, "intro", None), lang)
        if intro:
            blocks.append(Paragraph(text=intro, style="muted"))
        items = [
            f"{q.id}. {q.text(lang)}{_answers(instrument, q, lang)}" for q in section.questions
        ]
        if items:
            blocks.append(BulletList(items=tuple(items)))
    return blocks
