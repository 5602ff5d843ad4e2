"""Cross-checks of an assessment: its citations, and its statuses against the indicator set.

Every problem found is collected (not only the first) and raised together as a
:class:`ctnat.errors.ValidationError` naming the place inside the assessment.
A missing indicator is not an error: it becomes ``unknown`` with a recorded
:class:`~ctnat.assessment.Notice`, never silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io import format_location
from .._messages import did_you_mean
from ..errors import CtnatError, Problem
from ._model import Assessment, IndicatorStatus, Notice, Status
from ._narrative import link_problems, narrative_problems

if TYPE_CHECKING:
    from ..indicators import IndicatorSet

__all__ = ["indicator_set_of", "reference_problems", "resolve_statuses"]

MISSING_NOTE = "no status was recorded for this indicator; it is reported as unknown"


def reference_problems(a: Assessment) -> list[Problem]:
    """Citations to unknown sources, interviews or survey items; comments on unknown indicators."""
    problems: list[Problem] = []
    sources = {s.code for s in a.bibliography}
    items = {i.item for i in a.survey.items} if a.survey else set()
    interviews = {r.code for r in a.interviews.records} if a.interviews else set()
    for loc, ev in a.citations():
        where = format_location(loc)
        if ev.source is not None and ev.source not in sources:
            known = ", ".join(sorted(sources)[:6]) or "none"
            close = did_you_mean(ev.source, sources)
            problems.append(
                Problem(
                    f"cites source {ev.source!r}, which is not in the bibliography",
                    location=f"{where}.source",
                    hint=f"{close} or add it under 'bibliography'"
                    if close
                    else f"add it under 'bibliography' (known: {known})",
                )
            )
        for code in ev.survey_items:
            if a.survey is not None and code not in items:
                problems.append(
                    Problem(
                        f"cites survey item {code}, which has no result under 'survey.items'",
                        location=f"{where}.survey_items",
                    )
                )
        for code in ev.interviews:
            if code not in interviews:
                problems.append(
                    Problem(
                        f"cites interview {code}, which is not under 'interviews.records'",
                        location=f"{where}.interviews",
                    )
                )
    problems += narrative_problems(a)
    return problems


def indicator_set_of(a: Assessment, base_dir: Path | None = None) -> IndicatorSet:
    """The indicator set an assessment refers to (built-in, a set file, or embedded).

    A relative ``indicator_set.file`` (and the ``extends`` of an embedded
    extension) resolves against ``base_dir``, by default the folder of the file
    the assessment was read from (:attr:`Assessment.base_dir`), and only for an
    assessment built in memory against the working folder.
    """
    from .. import indicators

    if base_dir is None:
        base_dir = a.base_dir
    ref = a.indicator_set
    if ref.embedded is not None:
        found = _embedded(ref.embedded, base_dir)
    elif ref.file is not None:
        path = Path(ref.file)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        found = indicators.load(path)
    else:
        found = indicators.builtin(ref.id)
    if found.id != ref.id:
        raise CtnatError(
            f"the set file has id {found.id!r}, the assessment says {ref.id!r}",
            location="indicator_set",
        )
    if ref.version is not None and found.version != ref.version:
        raise CtnatError(
            f"the assessment uses version {ref.version} of {ref.id!r}, "
            f"but version {found.version} is available",
            location="indicator_set.version",
            hint="assess against the version you have, or ship the older set file",
        )
    return found


def _embedded(data: dict[str, Any], base_dir: Path | None) -> IndicatorSet:
    """A full set or an extension given inline in the assessment."""
    import pydantic

    from .. import indicators
    from .._io import problems_from_pydantic

    where = "indicator_set.embedded"
    try:
        if "categories" in data:
            return indicators.IndicatorSet.model_validate(data)
        if "extends" not in data:
            raise CtnatError(
                "an embedded set needs 'categories' (a full set) or 'extends' (an extension)",
                location=where,
            )
        ext = indicators.Extension.model_validate(data)
    except pydantic.ValidationError as exc:
        raise CtnatError(problems_from_pydantic(exc, file=None, prefix=where)) from None
    base_ref = ext.extends
    if not isinstance(base_ref, str):
        base = indicators.builtin(f"{base_ref.id}@{base_ref.version}")
    elif base_ref.lower().endswith((".yaml", ".yml", ".json")):
        base = indicators.load((base_dir or Path.cwd()) / base_ref)
    else:
        base = indicators.builtin(base_ref)
    try:
        return indicators.apply_extension(base, ext)
    except CtnatError as exc:
        raise CtnatError(
            [
                Problem(p.reason, None, f"{where}.{p.location}".rstrip("."), p.hint)
                for p in exc.problems
            ]
        ) from None


def resolve_statuses(
    a: Assessment, indicator_set: IndicatorSet
) -> tuple[tuple[IndicatorStatus, ...], tuple[Notice, ...], list[Problem]]:
    """Statuses in set order with missing ones as unknown, the notices, and the problems."""
    problems: list[Problem] = []
    active = [ind.id for ind in indicator_set.indicators()]
    every = {ind.id for ind in indicator_set.indicators(include_retired=True)}
    active_set = set(active)
    by_id = {s.indicator: s for s in a.statuses}
    notices = list(a.notices)
    noted = {n.indicator for n in notices}
    for i, st in enumerate(a.statuses):
        if st.indicator not in every:
            problems.append(
                Problem(
                    f"status for indicator {st.indicator}, which set "
                    f"{indicator_set.id} {indicator_set.version} does not have",
                    location=f"statuses[{i}].indicator",
                    hint=did_you_mean(st.indicator, every)
                    or "check the id (criterion.F|O level, e.g. 1.3.F2) or extend the set",
                )
            )
        elif st.indicator not in active_set and st.indicator not in noted:
            notices.append(
                Notice(
                    indicator=st.indicator,
                    message="this indicator is retired in the set; its status is kept, not scored",
                )
            )
    for i, vc in enumerate(a.validation_comments):
        for ind in vc.indicators:
            if ind not in every:
                problems.append(
                    Problem(
                        f"comment on indicator {ind}, which the set does not have",
                        location=f"validation_comments[{i}].indicators",
                        hint=did_you_mean(ind, every),
                    )
                )
    problems += link_problems(a, indicator_set)
    ordered: list[IndicatorStatus] = []
    for ind_id in active:
        if ind_id in by_id:
            ordered.append(by_id[ind_id])
        else:
            ordered.append(
                IndicatorStatus(indicator=ind_id, status=Status.UNKNOWN, note=MISSING_NOTE)
            )
            if ind_id not in noted:
                notices.append(Notice(indicator=ind_id, message=MISSING_NOTE))
    ordered += [s for s in a.statuses if s.indicator in every and s.indicator not in active_set]
    return tuple(ordered), tuple(notices), problems
