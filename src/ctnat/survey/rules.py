"""The answer rules of a question: one definition for the reader and the XLSForm.

What a question accepts is decided here once. :func:`check_response` (and so
:func:`~ctnat.survey.read_responses`) checks answers with :meth:`AnswerRule.check`,
and the XLSForm writer turns the same rule into the form's ``constraint``
expressions (:meth:`AnswerRule.count_constraint`, :meth:`AnswerRule.rank_constraint`,
:meth:`AnswerRule.slot_constraint`), so whatever the form lets through, the
reader accepts:

- ``choose_exactly`` n: exactly n options; ``choose_at_most`` n: 1 to n;
  ``choose_all``: at least one (a skipped question has no answer at all);
- ``rank`` (2.4): every ranked option gets a distinct whole rank from 1 to the
  number of options; ranking only some of them is a *partial* ranking, which the
  form allows (its rank fields are not required) and so the reader keeps;
- ``top_ranked`` (8.1): each priority slot holds a distinct option; giving only
  priority 1, or 1 and 2, is a *partial* answer, also kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import attrs

from .model import Instrument, Question, QuestionType

__all__ = ["AnswerRule", "answer_rule"]

Kind = Literal["text", "one", "several", "ranks", "slots"]


@attrs.frozen
class AnswerRule:
    """What answers one question accepts.

    ``options`` are the option names; ``min_chosen``/``max_chosen`` bound the
    number of options chosen (``several``) or ranked (``ranks``, ``slots``);
    ``top`` is the largest rank (the number of options for ``rank``, the number
    of priority slots for ``top_ranked``), 0 for the other kinds.
    """

    question: str
    kind: Kind
    options: tuple[str, ...] = ()
    min_chosen: int = 0
    max_chosen: int = 0
    top: int = 0

    def is_partial(self, value: object) -> bool:
        """Whether a valid ranking ranks fewer places than it could (2.4 with 2 of 4)."""
        return (
            self.kind in ("ranks", "slots")
            and isinstance(value, Mapping)
            and (len(value) < self.top)
        )

    def check(self, value: object) -> tuple[str, str | None] | None:
        """The reason (and a hint) why ``value`` is not a valid answer, or None."""
        if self.kind == "text":
            return None if isinstance(value, str) else ("a text answer must be text", None)
        if self.kind == "one":
            if not isinstance(value, str):
                return ("expected one option", None)
            if value not in self.options:
                return (f"unknown option {value!r}", "options: " + ", ".join(self.options))
            return None
        if self.kind == "several":
            if not isinstance(value, tuple):
                return ("expected a list of options", None)
            unknown = [v for v in value if v not in self.options]
            if unknown:
                return (_unknown(unknown), "options: " + ", ".join(self.options))
            if len(set(value)) != len(value):
                return ("an option is chosen twice", None)
            n = len(value)
            if n == 0:
                return ("no option chosen; leave the answer out if the question was skipped", None)
            chosen = f"{n} option{'' if n == 1 else 's'} chosen"
            if self.min_chosen == self.max_chosen and n != self.min_chosen:
                return (f"{chosen} where exactly {self.min_chosen} are required", None)
            if not self.min_chosen <= n <= self.max_chosen:
                return (f"{chosen} where {self.min_chosen} to {self.max_chosen} are allowed", None)
            return None
        if not isinstance(value, Mapping):
            return ("expected a mapping of option to rank", None)
        unknown = [k for k in value if k not in self.options]
        if unknown:
            return (_unknown(unknown), "options: " + ", ".join(self.options))
        ranks = list(value.values())
        if any(not isinstance(r, int) or not 1 <= r <= self.top for r in ranks):
            return (f"ranks must be whole numbers from 1 to {self.top}", None)
        dupes = sorted({r for r in ranks if ranks.count(r) > 1})
        if dupes:
            what = "priority" if self.kind == "slots" else "rank"
            return (f"{what} " + ", ".join(map(str, dupes)) + " used twice", None)
        if not ranks:
            return ("nothing ranked; leave the answer out if the question was skipped", None)
        return None

    # -- the same rules as XLSForm constraints -------------------------------------

    def count_constraint(self) -> tuple[str, str] | None:
        """The select_multiple constraint and its message (None for ``choose_all``)."""
        if self.kind != "several" or self.max_chosen >= len(self.options) > 0:
            return None
        if self.min_chosen == self.max_chosen:
            return (f"count-selected(.) = {self.max_chosen}", f"Choose exactly {self.max_chosen}")
        return (f"count-selected(.) <= {self.max_chosen}", f"Choose no more than {self.max_chosen}")

    def rank_constraint(self, field: str, siblings: Sequence[str]) -> tuple[str, str]:
        """The constraint of one rank field of a ``rank`` question (not required)."""
        others = " and ".join(f". != ${{{x}}}" for x in siblings if x != field)
        text = f". >= 1 and . <= {self.top}" + (f" and {others}" if others else "")
        return (text, f"A rank from 1 to {self.top}, each used once")

    def slot_constraint(self, earlier: Sequence[str]) -> tuple[str, str] | None:
        """The constraint of one priority slot of a ``top_ranked`` question (not required)."""
        if not earlier:
            return None
        return (" and ".join(f". != ${{{x}}}" for x in earlier), "Each priority once")


def _unknown(names: Sequence[str]) -> str:
    return "unknown option" + ("s " if len(names) > 1 else " ") + ", ".join(map(repr, names))


def answer_rule(instrument: Instrument, question: Question | str) -> AnswerRule:
    """The rule of ``question`` (a :class:`Question` or its id) in ``instrument``."""
    q = instrument.question(question) if isinstance(question, str) else question
    names = instrument.option_names(q)
    t = q.type
    if t is QuestionType.TEXT:
        return AnswerRule(q.id, "text")
    if t in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
        return AnswerRule(q.id, "one", names, 1, 1)
    if t is QuestionType.CHOOSE_EXACTLY:
        n = q.count or 0
        return AnswerRule(q.id, "several", names, n, n)
    if t is QuestionType.CHOOSE_AT_MOST:
        return AnswerRule(q.id, "several", names, 1, q.count or len(names))
    if t is QuestionType.CHOOSE_ALL:
        return AnswerRule(q.id, "several", names, 1, len(names))
    if t is QuestionType.RANK:
        return AnswerRule(q.id, "ranks", names, 1, len(names), top=len(names))
    top = q.count or 0
    return AnswerRule(q.id, "slots", names, 1, top, top=top)
