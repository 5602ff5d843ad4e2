"""``ctnat build``: from an assessment folder to its published outputs."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pydantic

from .._io import problems_from_pydantic
from ..errors import CtnatError, Problem, ValidationError
from ._folder import (
    ASSESSMENT_FILE,
    EXPORT_SUFFIXES,
    INTERVIEW_SUFFIXES,
    INTERVIEWS_DIR,
    OUT_DIR,
    PARAMETERS_FILE,
    SURVEY_DIR,
    SURVEY_FORM,
    files_in,
)

if TYPE_CHECKING:
    from ..assessment import Assessment
    from ..survey import Instrument, InterviewRecord, ResponseSet

__all__ = ["Build", "build", "build_many"]

PathLike = str | os.PathLike[str]
#: ``progress(step, done, total)``: called as each step of a build starts and ends.
Progress = Callable[[str, int, int], None]

_STEPS = ("check the folder", "read the survey", "read the interviews", "score", "write")


@attrs.frozen
class Build:
    """What one build read and wrote.

    ``log`` is the account of what was read (records, accepted, rejected,
    ignored) and written, one line each, as also written to ``out/build.txt``.
    """

    folder: Path
    written: tuple[Path, ...]
    log: tuple[str, ...]
    assessment: Assessment = attrs.field(repr=False)


def _quiet(step: str, done: int, total: int) -> None:
    del step, done, total


def _collect(problems: list[Problem], exc: CtnatError, file: Path) -> None:
    for p in exc.problems:
        problems.append(attrs.evolve(p, file=p.file or str(file)))


def _guide_of(folder: Path) -> Instrument:
    """The interview guide as adapted for the folder (its parameters file), else the 2016 one."""
    from .._io import read_mapping
    from ..survey import Parameters, adapt_instrument, builtin, template

    params = folder / PARAMETERS_FILE
    if not params.is_file():
        return builtin("ct-nat-2016-interview")
    return adapt_instrument(
        template("ct-nat-2016-interview"), Parameters.model_validate(read_mapping(params))
    )


def _read_folder(
    folder: Path, progress: Progress
) -> tuple[Assessment, tuple[Instrument, ...], list[str]]:
    """Read and check everything in the folder; raise one error with every problem."""
    from .. import assessment as assessment_pkg
    from .. import survey

    problems: list[Problem] = []
    log: list[str] = []
    progress(_STEPS[0], 0, len(_STEPS))
    found = None
    a_file = folder / ASSESSMENT_FILE
    if not a_file.is_file():
        problems.append(
            Problem(
                "no assessment file",
                file=str(a_file),
                hint="run `ctnat init` to lay out a folder, or add assessment.yaml",
            )
        )
    else:
        try:
            found = assessment_pkg.load(a_file)
        except CtnatError as exc:
            _collect(problems, exc, a_file)
    country = found.country if found is not None else _country_in(a_file)
    form = folder / SURVEY_FORM
    instrument: Instrument | None = None
    try:
        instrument = (
            survey.read_xlsform(form) if form.is_file() else survey.builtin("ct-nat-2016-survey")
        )
    except CtnatError as exc:
        _collect(problems, exc, form)
    guide: Instrument | None = None
    try:
        guide = _guide_of(folder)
    except CtnatError as exc:
        _collect(problems, exc, folder / PARAMETERS_FILE)
    except pydantic.ValidationError as exc:
        problems.extend(problems_from_pydantic(exc, file=str(folder / PARAMETERS_FILE)))
    progress(_STEPS[1], 1, len(_STEPS))
    responses = _read_exports(folder, instrument, problems, log) if instrument else None
    progress(_STEPS[2], 2, len(_STEPS))
    records = _read_interviews(folder, problems, log)
    if country is not None:
        problems += [
            Problem(
                f"interview {r.code} is coded for {r.country_code}, not {country}",
                file=str(folder / INTERVIEWS_DIR),
                location=r.code,
                hint=f"code this assessment's interviews {country}int1, {country}int2, ...",
            )
            for r in records
            if r.country_code != country
        ]
    if problems:
        raise ValidationError(problems)
    assert found is not None
    update: dict[str, object] = {}
    if responses is not None and instrument is not None:
        from ._bridge import survey_summary

        update["survey"] = survey_summary(responses, instrument)
    if records:
        from ._bridge import interview_metrics

        update["interviews"] = interview_metrics(records)
    used = tuple(i for i in (guide, instrument) if i is not None)
    return found.model_copy(update=update), used, log


def _country_in(path: Path) -> str | None:
    """The country named in an assessment file that did not load (for cross-checks)."""
    from .._io import read_mapping

    try:
        country = read_mapping(path).get("country")
    except CtnatError:
        return None
    return country if isinstance(country, str) else None


def _read_exports(
    folder: Path, instrument: Instrument, problems: list[Problem], log: list[str]
) -> ResponseSet | None:
    from ..survey import ResponseSet, read_responses

    sets: list[ResponseSet] = []
    for path in files_in(folder / SURVEY_DIR, EXPORT_SUFFIXES):
        try:
            rs = read_responses(path, instrument)
        except CtnatError as exc:
            _collect(problems, exc, path)
            continue
        rel = path.relative_to(folder).as_posix()
        log.append(
            f"{rel}: {rs.records_read} records read, {len(rs)} accepted, "
            f"{rs.rejected_records} records and {rs.rejected_answers} answers rejected, "
            f"{len(rs.excluded)} kept out, {len(rs.ignored)} columns ignored"
        )
        log.extend(f"  rejected: {r.location}: {r.reason}" for r in rs.rejected)
        log.extend(f"  kept out: {e.respondent or e.record}: {e.reason}" for e in rs.excluded)
        log.extend(f"  ignored: {i.column}: {i.reason}" for i in rs.ignored)
        declined = any(e.reason == "consent declined" for e in rs.excluded)
        if rs.records_read and not len(rs) and not declined:
            problems.append(
                Problem(
                    f"none of its {rs.records_read} records could be read as responses to "
                    f"{instrument.id}",
                    file=str(path),
                    hint="is it an export of this assessment's survey form?",
                )
            )
        sets.append(rs)
    if not sets:
        log.append(f"{SURVEY_DIR}/: no survey export")
        return None
    seen: dict[str, str] = {}
    for rs in sets:
        for code in rs.codes:
            if code in seen:
                problems.append(
                    Problem(
                        f"respondent {code} is also in {seen[code]}",
                        file=rs.source,
                        hint="remove the file that repeats an export",
                    )
                )
            seen.setdefault(code, rs.source or "")
    if problems:
        return None
    if len(sets) == 1:
        return sets[0]
    return ResponseSet(
        instrument=instrument.id,
        instrument_version=instrument.version,
        responses=tuple(r for rs in sets for r in rs.responses),
        rejected=tuple(r for rs in sets for r in rs.rejected),
        ignored=tuple(i for rs in sets for i in rs.ignored),
        excluded=tuple(e for rs in sets for e in rs.excluded),
        source=", ".join(rs.source or "" for rs in sets),
        records_read=sum(rs.records_read for rs in sets),
    )


def _read_interviews(
    folder: Path, problems: list[Problem], log: list[str]
) -> list[InterviewRecord]:
    from ..survey import read_interviews

    records: list[InterviewRecord] = []
    for path in files_in(folder / INTERVIEWS_DIR, INTERVIEW_SUFFIXES):
        try:
            found = read_interviews(path)
        except CtnatError as exc:
            _collect(problems, exc, path)
            continue
        rel = path.relative_to(folder).as_posix()
        log.append(f"{rel}: {found.records_read} interviews read, {len(found)} accepted")
        log.extend(f"  rejected: {r.location}: {r.reason}" for r in found.rejected)
        records.extend(found.interviews)
    return records


def _write(path: Path, data: bytes | str) -> Path:
    """Write one of the build's own outputs (replaced on every build), atomically."""
    from .._write import write_bytes

    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return write_bytes(path, raw, overwrite=True)


def build(folder: PathLike, *, progress: Progress | None = None) -> Build:
    """Check, read, score and report one assessment folder (see :mod:`ctnat.fieldwork`).

    Every problem in every file is raised at once as one
    :class:`~ctnat.errors.ValidationError`. The outputs go to ``folder/out/``,
    which belongs to the build: its report, worksheet and log files are
    replaced on every run; identical input gives byte-identical output.
    """
    from .. import score, worksheet
    from ..report import assessment_document
    from ..scoring import UnknownPolicy

    root = Path(folder)
    step = progress or _quiet
    found, instruments, log = _read_folder(root, step)
    step(_STEPS[3], 3, len(_STEPS))
    card = score(found, unknown=UnknownPolicy.EXCLUDE)
    log.append(f"score: {card.overall.score.value} (coverage {card.overall.coverage.judged})")
    step(_STEPS[4], 4, len(_STEPS))
    out = root / OUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    doc = assessment_document(found, scorecard=card, instruments=instruments)
    written = [
        _write(out / "report.html", doc.to_html()),
        _write(out / "report.md", doc.to_markdown()),
    ]
    if importlib.util.find_spec("docx") is not None:
        written.append(_write(out / "report.docx", doc.to_docx()))
    written.append(worksheet.write(out / "worksheet.xlsx", assessment=found, overwrite=True))
    log += [f"wrote {p.relative_to(root).as_posix()}" for p in written]
    written.append(_write(out / "build.txt", "\n".join(log) + "\n"))
    step("done", len(_STEPS), len(_STEPS))
    return Build(folder=root, written=tuple(written), log=tuple(log), assessment=found)


def build_many(
    folders: Sequence[PathLike], *, out: PathLike | None = None, progress: Progress | None = None
) -> tuple[Build, ...]:
    """Build several folders, then write their comparison report.

    The comparison (countries) or rounds-over-time (one country) report goes to
    ``out`` (default: the first folder's ``out/``) as ``comparison.html``.
    Problems of every folder are raised together.
    """
    from .. import compare
    from ..report import render_comparison
    from ..scoring import Uncertainty, UnknownDraw, UnknownPolicy, WeightPerturbation

    builds: list[Build] = []
    problems: list[Problem] = []
    for f in folders:
        try:
            builds.append(build(f, progress=progress))
        except CtnatError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    if len(builds) > 1:
        keys: dict[object, Path] = {}
        for b in builds:
            if b.assessment.key in keys:
                raise ValidationError(
                    f"{b.folder} and {keys[b.assessment.key]} are the same country and round "
                    f"({b.assessment.country} {b.assessment.round.isoformat()})"
                )
            keys[b.assessment.key] = b.folder
        comparison = compare(
            [b.assessment for b in builds],
            unknown=UnknownPolicy.EXCLUDE,
            uncertainty=Uncertainty(
                draws=2000, seed=2016, unknown=UnknownDraw(), weights=WeightPerturbation()
            ),
        )
        target = Path(out) if out is not None else builds[0].folder / OUT_DIR
        _write(target / "comparison.html", render_comparison(comparison, "html"))
    return tuple(builds)
