"""Survey answers as worksheet cells and back.

=====================  =============================================================
question type          cell
=====================  =============================================================
scale, choose_one      the option's label (``Adequate``); its name is accepted too
choose_all/exactly/    labels separated by ``;`` (``Forced labour; Prostitution``)
at_most
rank, top_ranked       ``option=rank`` pairs separated by ``;`` (``A=1; N=2; L=3``)
text                   the text
=====================  =============================================================

Labels are matched loosely (case, white space and ``_`` do not matter) and in
any language of the instrument.
"""

from __future__ import annotations

from ..survey import AnswerValue, Instrument, Option, Question, QuestionType
from ._layout import normalise

__all__ = ["AnswerError", "format_answer", "option_lookup", "parse_answer"]


class AnswerError(ValueError):
    """A cell that is not an answer to its question; the message says why."""


def option_lookup(instrument: Instrument, question: Question) -> dict[str, str]:
    """Normalised name or label (any language) -> option name."""
    out: dict[str, str] = {}
    options: tuple[Option, ...] = instrument.options(question)
    for opt in options:
        for text in opt.label.values():
            out.setdefault(normalise(text), opt.name)
    for opt in options:
        out[normalise(opt.name)] = opt.name
    return out


def _label(instrument: Instrument, question: Question, name: str, lang: str) -> str:
    for opt in instrument.options(question):
        if opt.name == name:
            return opt.text(lang)
    return name


def format_answer(instrument: Instrument, question: Question, value: AnswerValue, lang: str) -> str:
    """The cell text of one answer."""
    if isinstance(value, str):
        if question.type is QuestionType.TEXT:
            return value
        return _label(instrument, question, value, lang)
    if isinstance(value, dict):
        return "; ".join(f"{name}={rank}" for name, rank in sorted(value.items(), key=_by_rank))
    return "; ".join(_label(instrument, question, name, lang) for name in value)


def _by_rank(item: tuple[str, int]) -> tuple[int, str]:
    return (item[1], item[0])


def _option(lookup: dict[str, str], text: str, question: Question) -> str:
    name = lookup.get(normalise(text))
    if name is None:
        raise AnswerError(f"{text.strip()!r} is not an option of question {question.id}")
    return name


def parse_answer(
    instrument: Instrument,
    question: Question,
    text: str,
    lookup: dict[str, str] | None = None,
) -> AnswerValue:
    """The answer a cell holds; raises :class:`AnswerError` naming the bad option.

    ``lookup`` is :func:`option_lookup` of the question, when the caller keeps it.
    """
    t = question.type
    if t is QuestionType.TEXT:
        return text
    if lookup is None:
        lookup = option_lookup(instrument, question)
    if t in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
        return _option(lookup, text, question)
    if t.is_multiple:
        whole = lookup.get(normalise(text))
        if whole is not None:
            return (whole,)
        return tuple(_option(lookup, part, question) for part in text.split(";") if part.strip())
    ranks: dict[str, int] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        name_text, sep, rank_text = part.rpartition("=")
        if not sep:
            raise AnswerError(f"{part.strip()!r}: write option=rank, e.g. A=1")
        name = _option(lookup, name_text, question)
        try:
            rank = int(rank_text.strip())
        except ValueError:
            raise AnswerError(f"{part.strip()!r}: the rank must be a whole number") from None
        if name in ranks:
            raise AnswerError(f"option {name} is ranked twice")
        ranks[name] = rank
    return ranks
