"""How an instrument's answers are laid out as form fields and export columns.

The XLSForm export and the Kobo/ODK reader share this layout, so that a form
made by :meth:`Instrument.to_xlsform` comes back through :func:`read_responses`:

- one field per question, named by the question's ``name`` (``q3_1_5``);
- a ``rank`` question (2.4) has one whole-number field per option
  (``q2_4_adult_females``);
- a ``top_ranked`` question (8.1) has one choice field per rank
  (``q8_1_rank1`` ... ``q8_1_rank3``);
- a question with an "other - please specify" option has a text field
  ``<name>_other``;
- the respondent code is the field ``code``.
"""

from __future__ import annotations

from typing import Literal

import attrs

from .model import Instrument, Question, QuestionType, Text

__all__ = ["CODE_FIELD", "CODE_LABEL", "FormField", "form_fields", "other_label", "slot_label"]

CODE_FIELD = "code"
#: The label of the respondent-code question unless an office changed it.
CODE_LABEL: dict[str, str] = {"en": "Respondent code"}

Part = Literal["value", "other", "rank", "slot"]


@attrs.frozen
class FormField:
    """One form field: which question it answers, and which part of the answer.

    ``part`` is ``value`` (the whole answer), ``other`` (the please-specify
    text), ``rank`` (the rank of ``option``) or ``slot`` (the option ranked
    ``slot``).
    """

    name: str
    question: str
    part: Part = "value"
    option: str | None = None
    slot: int | None = None


def other_label(question: Question) -> Text:
    """The label of a question's please-specify field."""
    return dict.fromkeys(question.label, f"{question.id} Other (please specify)")


def slot_label(question: Question, slot: int) -> Text:
    """The label of the field holding the option ranked ``slot`` (8.1: "Priority ranked 1")."""
    return dict.fromkeys(question.label, f"{question.id} Priority ranked {slot}")


def form_fields(instrument: Instrument) -> tuple[FormField, ...]:
    """Every field of the instrument's form, in order (the code field excluded)."""
    out: list[FormField] = []
    for q in instrument.questions():
        if q.type is QuestionType.RANK:
            out += [FormField(f"{q.name}_{o.name}", q.id, "rank", o.name) for o in q.options]
        elif q.type is QuestionType.TOP_RANKED:
            assert q.count is not None
            out += [
                FormField(f"{q.name}_rank{k}", q.id, "slot", slot=k) for k in range(1, q.count + 1)
            ]
        else:
            out.append(FormField(q.name, q.id))
        if q.other_option is not None:
            out.append(FormField(f"{q.name}_other", q.id, "other"))
    return tuple(out)
