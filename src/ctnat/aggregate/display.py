"""Survey tables in the seed's layout, built from item summaries.

The seed prints a block of Likert items as rows, the scale's options as
columns and "n=k" in each non-empty cell, then two notes: the number of survey
respondents and the number of respondents to these questions. Caveats are
printed under the table; no percentage is printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import NotFoundError, ValidationError
from .summary import ItemSummary

__all__ = ["survey_table"]


def survey_table(
    summaries: Mapping[str, ItemSummary],
    items: Sequence[str],
    *,
    n_block: int | None = None,
    with_text: bool = True,
) -> str:
    """The seed's survey table for a block of items sharing one scale.

    ``n_block`` is the number of respondents who answered at least one item of
    the block (the seed's "respondents to these questions"); when it is not
    given, the largest item n is used, which is a lower bound.
    """
    missing = [i for i in items if i not in summaries]
    if missing:
        raise NotFoundError(f"no summary for items {missing}")
    chosen = [summaries[i] for i in items]
    options = chosen[0].options
    if any(s.options != options for s in chosen):
        raise ValidationError(f"items {list(items)} do not share one scale")
    header = chosen[0].option_labels or options
    lines = ["\t" + "\t".join(header)]
    for s in chosen:
        label = f"{s.item}. {s.text}" if with_text and s.text else s.item
        cells = [f"n={c}" if c else "" for c in s.tally.counts]
        lines.append(label + "\t" + "\t".join(cells))
    n_survey = max(s.n_respondents for s in chosen)
    block = n_block if n_block is not None else max(s.n_answered for s in chosen)
    lines.append("")
    lines.append(f"Notes: Total survey respondents: n={n_survey}.")
    lines.append(f"Total respondents to these questions: n={block}.")
    for s in chosen:
        if s.n_answered != block:
            lines.append(f"{s.item}: n={s.n_answered}.")
    shared: dict[str, list[str]] = {}
    for s in chosen:
        for c in s.caveats:
            shared.setdefault(c.message, []).append(s.item)
    for message, where in shared.items():
        lines.append(f"Caveat ({', '.join(where)}): {message}")
    return "\n".join(lines)
