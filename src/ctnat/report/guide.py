"""The interviewer's guide (Annex C) as a printable :class:`~ctnat.report.Document`.

:func:`interview_guide` lays out, for one interview instrument: the interviewer's
instructions (code, information note, ask 1.1 and 1.2 first, prompts), the
information note read to participants (background, risks and benefits,
confidentiality, whom to contact: the instrument's preamble, filled in from the
assessment's parameters by :func:`~ctnat.survey.adapt_instrument`), the record of
the interview, every section with its questions and prompts, the plan (which sets
of questions to ask, after 1.1 and 1.2) and the closing instructions. Render it
with ``to_html()``, ``to_markdown()`` or, with the ``docx`` extra,
:func:`~ctnat.report.word.write_docx`.

```python
>>> from ctnat.survey import builtin
>>> doc = interview_guide(builtin("ct-nat-2016-interview"), country="Azerbaijan",
...                       country_code="AZE")
>>> doc.blocks[1].items[0].endswith("e.g. AZEint1.")
True
>>> "refer to specific IOM office" in doc.to_html()
False

```

The interview record lists the fields ctnat keeps (date, format, number and sex of
participants, entity type, organisation); it leaves out Annex C's interviewer and
respondent names, which ctnat never stores.
"""

from __future__ import annotations

from ..errors import ValidationError
from ..survey.model import Instrument, Note, label_text
from .document import Block, BulletList, Document, Heading, Paragraph

__all__ = ["interview_guide"]

_RECORD = (
    "Country",
    "Interview code",
    "Interview date/time",
    "Interview format (in person, group meeting, remote, written answers, other)",
    "Number and sex of participants",
    "Entity type (State actor, international organization, non-governmental organization/other)",
    "Respondent organization (optional)",
)


def _note_blocks(note: Note, lang: str) -> list[Block]:
    out: list[Block] = []
    if note.heading is not None:
        out.append(Heading(text=label_text(note.heading, lang), level=2))
    for para in label_text(note.text, lang).split("\n\n"):
        lines = para.split("\n")
        if all(line.startswith("- ") for line in lines):
            out.append(BulletList(items=tuple(line[2:] for line in lines)))
        else:
            out.append(Paragraph(text=para))
    return out


def _prompts(hint: str) -> tuple[str, ...]:
    body = hint.removeprefix("Prompts:").strip()
    return tuple(p.strip() for p in body.split("; ") if p.strip())


def interview_guide(
    guide: Instrument,
    *,
    country: str | None = None,
    country_code: str | None = None,
    lang: str = "en",
) -> Document:
    """The printable interviewer's guide of an interview instrument (see the module).

    ``country`` and ``country_code`` (ISO 3166-1 alpha-3, e.g. ``KGZ``) fill the
    guide's header and its example interview code; ``lang`` picks the language of
    the instrument's texts (the instructions themselves are in English).
    """
    if guide.kind != "interview":
        raise ValidationError(
            f"instrument {guide.id!r} is a {guide.kind}, not an interview guide",
            hint="use the interview instrument, e.g. builtin('ct-nat-2016-interview')",
        )
    if guide.parameters:
        raise ValidationError(
            f"instrument {guide.id!r} is a template: fill its placeholders "
            f"({', '.join(guide.parameters)}) with adapt_instrument first"
        )
    code = f"{country_code or 'XXX'}int1"
    routing = guide.routing
    first = guide.sections[0]
    first_ids = " and ".join(q.id for q in first.questions[:2]) or first.id
    blocks: list[Block] = [
        Heading(text="Instructions for the interviewer"),
        BulletList(
            items=(
                (
                    "Give the interview a unique code: the first three letters of the country "
                    f"+ int(erview) + number, e.g. {code}."
                ),
                (
                    "Read the information note to participants before commencing the interview. "
                    "Offer a hard and/or electronic copy to participants. Ensure that you have enough "
                    "hard copies on hand."
                ),
                (
                    f"Ask questions {first_ids} to determine which sets of questions to ask "
                    "respondents."
                ),
                "Ask each set of questions, using bullet point prompts as necessary.",
            )
        ),
        Heading(text="Information note"),
    ]
    for note in guide.preamble:
        blocks += _note_blocks(note, lang)
    blocks += [
        Heading(text="Interview record"),
        BulletList(
            items=tuple(
                f"{field}: {country}" if field == "Country" and country else f"{field}: ________"
                for field in _RECORD
            )
        ),
    ]
    for section in guide.sections:
        blocks.append(Heading(text=f"{section.id}. {label_text(section.title, lang)}"))
        if section.intro:
            blocks.append(Paragraph(text=label_text(section.intro, lang), style="lead"))
        if routing is not None and section.id in routing.choose_from:
            blocks.append(
                Paragraph(text="Ask this set only if it was chosen in the plan.", style="muted")
            )
        for q in section.questions:
            blocks.append(Paragraph(text=f"{q.id}. {label_text(q.label, lang)}"))
            if q.hint:
                blocks.append(BulletList(items=_prompts(label_text(q.hint, lang))))
            blocks.append(Paragraph(text="Answer:", style="muted"))
        if routing is not None and section is first:
            blocks.append(Heading(text="Plan", level=2))
            if routing.note:
                blocks.append(Paragraph(text=label_text(routing.note, lang)))
            blocks.append(
                BulletList(
                    items=tuple(
                        f"{s.id}. {label_text(s.title, lang)}? "
                        f"No (skip)/Yes (go to Section {s.id})."
                        for s in (guide.section(sid) for sid in routing.choose_from)
                    )
                )
            )
    blocks += [
        Heading(text="Final instructions for the interviewer"),
        BulletList(
            items=(
                "Thank the participant for their time.",
                (
                    "Make any other (internal) observations about the interview below "
                    "(no names: record the interview code only)."
                ),
            )
        ),
        Paragraph(text="Interviewer observations/comments/notes:", style="muted"),
    ]
    title = label_text(guide.title, lang)
    if country:
        title = f"{title}: {country}"
    return Document(title=title, blocks=tuple(blocks), language=lang.split("-", maxsplit=1)[0])
