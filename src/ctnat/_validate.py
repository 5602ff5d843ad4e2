"""Recognising and checking any ctnat file: what ``ctnat validate`` does.

:func:`validate_file` tells the kind of a file from its content (not only its
suffix), checks it fully and returns a one-line description; bad content raises
the :class:`~ctnat.errors.CtnatError` of the reader of that kind.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import CtnatError, FileFormatError

__all__ = ["file_kind", "validate_file"]

PathLike = str | os.PathLike[str]

#: Kinds ``file_kind`` can tell apart.
KINDS = (
    "indicator set",
    "indicator set extension",
    "instrument",
    "instrument extension",
    "assessment",
    "worksheet",
    "XLSForm",
    "responses",
)


def _instrument_bases() -> set[str]:
    from .survey.catalogue import builtin_names

    return set(builtin_names())


def _mapping_kind(data: dict[str, Any], path: Path) -> str | None:
    if "country" in data and "round" in data:
        return "assessment"
    if "categories" in data:
        return "indicator set"
    if "sections" in data:
        return "instrument"
    if "responses" in data and "instrument" in data:
        return "responses"
    extends = data.get("extends")
    if extends is not None:
        name = extends.get("id") if isinstance(extends, dict) else extends
        if name in _instrument_bases() or _translates_survey(data):
            return "instrument extension"
        if isinstance(extends, str) and extends.lower().endswith((".yaml", ".yml", ".json")):
            base = path.parent / extends
            if base.is_file():
                try:
                    from ._io import read_mapping

                    inner = _mapping_kind(read_mapping(base), base)
                except CtnatError:
                    inner = None
                if inner in {"instrument", "instrument extension"}:
                    return "instrument extension"
        return "indicator set extension"
    return None


def _translates_survey(data: dict[str, Any]) -> bool:
    translate = data.get("translate")
    if not isinstance(translate, dict):
        return False
    return any(
        isinstance(v, dict) and ("questions" in v or "options" in v) for v in translate.values()
    )


def _xlsx_kind(path: Path) -> str:
    from .worksheet._open import Limits, read_sheets

    sheets = {name.lower() for name in read_sheets(path, Limits())}
    if {"survey", "choices"} <= sheets or ("survey" in sheets and "settings" in sheets):
        return "XLSForm"
    if "assessment" in sheets and "indicators" in sheets:
        return "worksheet"
    return "responses"


def file_kind(path: PathLike) -> str:
    """The kind of ctnat file at ``path`` (one of :data:`KINDS`), from its content."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _xlsx_kind(p)
    if suffix == ".csv":
        return "responses"
    from ._io import read_mapping

    data = read_mapping(p)
    kind = _mapping_kind(data, p)
    if kind is None:
        from ._messages import did_you_mean

        keys = ", ".join(sorted(data)[:8]) or "none"
        known = ["country", "round", "categories", "sections", "extends", "responses"]
        hints = [h for k in data if (h := did_you_mean(str(k), known, n=1))]
        raise FileFormatError(
            f"not a ctnat file this command knows (top-level keys: {keys})",
            file=str(p),
            hint=hints[0]
            if hints
            else "an assessment has 'country' and 'round', an indicator set 'categories', "
            "an instrument 'sections', an extension 'extends'",
        )
    return kind


def validate_file(path: PathLike, *, instrument: str | None = None) -> str:
    """Check the file fully; return ``"valid <kind>: <summary>"`` or raise its problems."""
    p = Path(path)
    kind = file_kind(p)
    summary = _check(kind, p, instrument)
    return f"valid {kind} — {summary}"


def _instrument(name: str | None) -> Any:
    from . import survey

    if name is None:
        return survey.builtin("ct-nat-2016-survey")
    return survey.load_instrument(name) if Path(name).suffix else survey.builtin(name)


def _check(kind: str, p: Path, instrument: str | None) -> str:
    if kind in {"indicator set", "indicator set extension"}:
        from . import indicators

        return repr(indicators.load(p))
    if kind in {"instrument", "instrument extension"}:
        from . import survey

        inst = survey.load_instrument(p)
        return f"{inst.id} {inst.version}, {len(inst.questions())} questions"
    if kind == "assessment":
        from . import assessment

        return repr(assessment.load(p))
    if kind == "worksheet":
        from . import worksheet

        ws = worksheet.read(p).raise_for_problems()
        a = ws.assessment
        head = f"{a.country} {a.round.isoformat()}, {len(a.statuses)} statuses" if a else "blank"
        n = len(ws.responses) if ws.responses is not None else 0
        return f"{head}, {n} survey responses, {len(ws.interviews)} interviews"
    if kind == "XLSForm":
        from .survey import read_xlsform

        inst = read_xlsform(p)
        return f"{inst.id}, {len(inst.questions())} questions"
    from .errors import Problem, ValidationError
    from .survey import read_responses

    inst = _instrument(instrument)
    responses = read_responses(p, inst)
    if responses.rejected:
        raise ValidationError([Problem(f"rejected: {r}") for r in responses.rejected])
    return f"{len(responses)} respondents, checked against {inst.id}"
