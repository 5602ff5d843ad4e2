"""The ``ctnat`` command line.

Exit codes: 0 on success, 2 on bad input (one line per problem, naming the file and
the place), 1 on an unexpected failure. ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import CtnatError

if TYPE_CHECKING:
    from .survey import Instrument

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _indicator_table(set_name: str | None, path: str | None, lang: str | None) -> str:
    from . import indicators

    s = indicators.load(path) if path else indicators.builtin(set_name or "ct-nat-2016")
    width = 96
    lines = [
        f"{s.id} {s.version}: {s.title.get(lang or s.default_language) or s.title[s.default_language]}"
    ]
    if s.extends:
        lines.append(f"extends {s.extends.id}@{s.extends.version}; {len(s.changes)} change(s)")
    for cat in s.categories:
        lines += ["", f"{cat.id}  {cat.label(lang).upper()}"]
        for crit in cat.criteria:
            lines.append(f"  {crit.id}  {crit.label(lang)}")
            for ind in crit.indicators:
                mark = " (retired)" if ind.retired else ""
                body = textwrap.wrap(ind.label(lang) + mark, width=width - 16) or [""]
                lines.append(f"      {ind.id:<8}{body[0]}")
                lines += [f"{'':14}{more}" for more in body[1:]]
    n_retired = len(s.indicators(include_retired=True)) - len(s)
    lines += [
        "",
        f"{len(s.categories)} categories, {len(s.criteria())} criteria, {len(s)} indicators"
        + (f", {n_retired} retired" if n_retired else ""),
    ]
    return "\n".join(lines)


class _Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, label: str, *, enabled: bool | None = None) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        width = 30
        filled = round(width * done / total)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
        self.shown = True


def _write_text(path: Path, text: str) -> Path:
    from .errors import FileFormatError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FileFormatError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    return path


def _method_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--unknown",
        choices=["exclude", "not_met", "propagate"],
        default="exclude",
        help="policy for indicators with an unknown status (default: exclude and renormalise)",
    )
    p.add_argument("--rule", choices=["additive", "ladder"], default="additive")
    p.add_argument("--aggregator", choices=["arithmetic", "geometric"], default="arithmetic")


def _method(args: argparse.Namespace) -> dict[str, object]:
    from .scoring import Aggregator, Rule, UnknownPolicy

    return {
        "unknown": UnknownPolicy(args.unknown),
        "rule": Rule(args.rule),
        "aggregator": Aggregator(args.aggregator),
    }


def _uncertainty(args: argparse.Namespace) -> object:
    from .scoring import Uncertainty, UnknownDraw, WeightPerturbation

    if args.draws <= 0:
        return None
    # the same assumptions as the demo: unknowns drawn, category weights perturbed
    return Uncertainty(
        draws=args.draws, seed=args.seed, unknown=UnknownDraw(), weights=WeightPerturbation()
    )


def _compare_files(args: argparse.Namespace) -> object:
    from . import assessment, compare

    found = [assessment.load(f) for f in args.files]
    progress = _Progress("Monte Carlo", enabled=None if not args.quiet else False)
    return compare(
        found,
        uncertainty=_uncertainty(args),  # type: ignore[arg-type]
        progress=progress,
        **_method(args),  # type: ignore[arg-type]
    )


def _cmd_demo(args: argparse.Namespace) -> int:
    from . import examples
    from .report import write_demo_reports

    progress = _Progress("Monte Carlo", enabled=None if not args.quiet else False)
    comparison = examples.demo_comparison(progress=progress)
    _out(comparison.summary())
    comparative, *countries = write_demo_reports(args.out, comparison=comparison)
    _out("")
    _out(f"Comparative report: {comparative}")
    for path in countries:
        _out(f"Assessment report:  {path}")
    _out("Armenia and Georgia are synthetic examples; Azerbaijan's statuses are this library's")
    _out("reading of the IOM 2016 report. See docs/method.md.")
    return 0


def _instrument(name: str) -> Instrument:
    """A built-in instrument by name, or an instrument file by path."""
    from . import survey

    return survey.load_instrument(name) if Path(name).suffix else survey.builtin(name)


def _cmd_survey_xlsform(args: argparse.Namespace) -> int:
    inst = _instrument(args.instrument)
    inst.to_xlsform(args.out)
    _out(f"wrote {args.out} ({inst.id}); upload it to KoboToolbox or ODK Central")
    return 0


def _cmd_survey_summarize(args: argparse.Namespace) -> int:
    from . import survey
    from .aggregate import summarize

    inst = _instrument(args.instrument)
    responses = survey.read_responses(args.file, inst)
    for rejection in responses.rejected:
        _err(f"ctnat: rejected: {rejection}")
    summaries = summarize(responses, inst)
    items = args.items or list(summaries)
    unknown = [i for i in items if i not in summaries]
    if unknown:
        from .errors import NotFoundError

        raise NotFoundError(
            f"no answers to item(s) {', '.join(unknown)} in this file", file=args.file
        )
    _out(f"{args.file}: {len(responses)} respondents accepted, {len(responses.rejected)} rejected")
    for item in items:
        _out("")
        _out(summaries[item].to_text())
    return 2 if args.strict and responses.rejected else 0


def _cmd_score(args: argparse.Namespace) -> int:
    from . import assessment, score

    for name in args.files:
        card = score(assessment.load(name), **_method(args))  # type: ignore[arg-type]
        _out(card.summary())
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from .scoring import Comparison, View

    comparison = _compare_files(args)
    assert isinstance(comparison, Comparison)
    _out(comparison.summary(View(args.view)))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from . import assessment
    from .report import render_assessment, render_comparison
    from .scoring import Comparison

    fmt = args.format or ("markdown" if Path(args.out).suffix.lower() == ".md" else "html")
    if len(args.files) == 1:
        text = render_assessment(assessment.load(args.files[0]), fmt, lang=args.lang)
    else:
        comparison = _compare_files(args)
        assert isinstance(comparison, Comparison)
        text = render_comparison(comparison, fmt)
    _out(f"wrote {_write_text(Path(args.out), text)}")
    return 0


def _cmd_indicators(args: argparse.Namespace) -> int:
    from . import indicators

    if args.schema:
        _out(json.dumps(indicators.json_schema(args.schema), indent=2))
        return 0
    _out(_indicator_table(args.set, args.file, args.lang))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from . import indicators

    for name in args.files:
        if name.lower().endswith(".xlsx"):
            from . import worksheet

            ws = worksheet.read(name).raise_for_problems()
            _out(f"{name}: valid worksheet — {_worksheet_summary(ws)}")
            continue
        s = indicators.load(name)
        _out(f"{name}: valid — {s!r}")
    return 0


def _worksheet_summary(ws: object) -> str:
    from .worksheet import Worksheet

    assert isinstance(ws, Worksheet)
    a = ws.assessment
    head = (
        f"{a.country} {a.round.isoformat()}, {len(a.statuses)} statuses" if a else "no assessment"
    )
    n = len(ws.responses) if ws.responses is not None else 0
    return f"{head}, {n} survey responses, {len(ws.interviews)} interviews"


def _cmd_worksheet_new(args: argparse.Namespace) -> int:
    from . import assessment, indicators, worksheet

    a = assessment.load(args.assessment) if args.assessment else None
    s = indicators.load(args.set_file) if args.set_file else None
    rel = None
    if args.set_file:
        from pathlib import Path

        where = Path(args.file).resolve().parent
        rel = os.path.relpath(Path(args.set_file).resolve(), where)
    path = worksheet.write(args.file, indicator_set=s, assessment=a, set_file=rel)
    _out(f"wrote {path}")
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from . import fieldwork

    languages = tuple(x.strip() for x in (args.languages or "").split(",") if x.strip())
    folder = fieldwork.init(
        args.folder,
        country=args.country,
        round=fieldwork.parse_round(args.round),
        languages=languages,
        office=args.office,
        overwrite=args.force,
    )
    _out(f"laid out {folder}: fill assessment.yaml, field instruments/survey.xlsx, then")
    _out(f"  ctnat build {folder}")
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from . import fieldwork

    bar = _Progress("build", enabled=None if not args.quiet else False)

    def progress(step: str, done: int, total: int) -> None:
        bar.label = f"build: {step}"
        bar(done, total)

    builds = fieldwork.build_many(args.folders, out=args.out, progress=progress)
    for b in builds:
        _out(f"{b.folder}:")
        for line in b.log:
            _out(f"  {line}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ctnat", description="Counter-Trafficking Needs Assessment Tool"
    )
    parser.add_argument("--version", action="version", version=f"ctnat {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser(
        "demo", help="compare the bundled example assessments and write the HTML reports"
    )
    demo.add_argument("--out", default=".", help="folder for the reports (default: here)")
    demo.add_argument("--quiet", action="store_true", help="no progress bar")
    demo.set_defaults(handler=_cmd_demo)

    init = sub.add_parser(
        "init",
        help="lay out the folder of a new assessment",
        description="example: ctnat init kgz-2027 --country KGZ --round 2027-03 --languages ky,ru",
    )
    init.add_argument("folder", help="a new or empty folder")
    init.add_argument("--country", required=True, help="ISO 3166 alpha-3 code, e.g. KGZ")
    init.add_argument("--round", required=True, help="date or month of the round, e.g. 2027-03")
    init.add_argument("--languages", help="survey languages besides English, e.g. ky,ru")
    init.add_argument("--office", help="the office that runs the assessment")
    init.add_argument("--force", action="store_true", help="write into a non-empty folder")
    init.set_defaults(handler=_cmd_init)

    bld = sub.add_parser(
        "build",
        help="check an assessment folder and write its report into FOLDER/out/",
        description="example: ctnat build kgz-2027 (several folders: adds the comparison)",
    )
    bld.add_argument("folders", nargs="+", help="assessment folders laid out by ctnat init")
    bld.add_argument("--out", help="folder for the comparison report (default: first's out/)")
    bld.add_argument("--quiet", action="store_true", help="no progress display")
    bld.set_defaults(handler=_cmd_build)

    srv = sub.add_parser("survey", help="survey instruments and responses")
    ssub = srv.add_subparsers(dest="survey_command", required=True, metavar="ACTION")
    sx = ssub.add_parser("xlsform", help="write an instrument as XLSForm (needs ctnat[xlsform])")
    sx.add_argument("out", help="the .xlsx file to write")
    sx.add_argument(
        "--instrument", default="ct-nat-2016-survey", help="built-in name or instrument file"
    )
    sx.set_defaults(handler=_cmd_survey_xlsform)
    ss = ssub.add_parser("summarize", help="per-item counts, intervals and caveats")
    ss.add_argument("file", help="responses: JSON, CSV or XLSX (Kobo/ODK exports too)")
    ss.add_argument(
        "--instrument", default="ct-nat-2016-survey", help="built-in name or instrument file"
    )
    ss.add_argument("--items", nargs="*", help="only these items, e.g. 5.1.4 5.1.5")
    ss.add_argument("--strict", action="store_true", help="exit 2 if any record was rejected")
    ss.set_defaults(handler=_cmd_survey_summarize)

    def assessments_cmd(name: str, text: str, handler: Handler, *, many: bool) -> None:
        p = sub.add_parser(name, help=text)
        p.add_argument("files", nargs="+", help="assessment files (YAML/JSON)")
        _method_args(p)
        if many:
            p.add_argument("--draws", type=int, default=2000, help="Monte Carlo draws (0: none)")
            p.add_argument("--seed", type=int, default=2016, help="Monte Carlo seed")
            p.add_argument("--quiet", action="store_true", help="no progress bar")
        p.set_defaults(handler=handler)
        if name == "compare":
            p.add_argument("--view", choices=["profile", "league"], default="profile")
        if name == "report":
            p.add_argument("--out", required=True, help="the report file (.html or .md)")
            p.add_argument("--format", choices=["html", "markdown"], help="default: by suffix")
            p.add_argument("--lang", default=None, help="label language")

    assessments_cmd("score", "score assessments and print their scorecards", _cmd_score, many=False)
    assessments_cmd(
        "compare", "compare assessments, with rank probabilities", _cmd_compare, many=True
    )
    assessments_cmd(
        "report", "write the report of one assessment, or of a comparison", _cmd_report, many=True
    )

    ind = sub.add_parser("indicators", help="show an indicator set, or its JSON Schema")
    ind.add_argument("file", nargs="?", help="a set or extension file (default: built-in)")
    ind.add_argument("--set", default="ct-nat-2016", help="built-in set name")
    ind.add_argument("--lang", default=None, help="label language")
    ind.add_argument("--schema", choices=["set", "extension"], help="print a JSON Schema")
    ind.set_defaults(handler=_cmd_indicators)

    val = sub.add_parser("validate", help="check input files; exit 2 with the problems")
    val.add_argument("files", nargs="+", help="indicator set, extension or worksheet (.xlsx) files")
    val.set_defaults(handler=_cmd_validate)

    wsh = sub.add_parser("worksheet", help="the data-analysis worksheet (Excel)")
    wsub = wsh.add_subparsers(dest="worksheet_command", required=True, metavar="ACTION")
    wnew = wsub.add_parser("new", help="write a worksheet to fill (needs ctnat[xlsx])")
    wnew.add_argument("file", help="the .xlsx file to write")
    wnew.add_argument("--assessment", help="an assessment file (YAML/JSON) to fill it from")
    wnew.add_argument("--set-file", help="an extended indicator set file")
    wnew.set_defaults(handler=_cmd_worksheet_new)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except CtnatError as exc:
        if args.debug:
            raise
        for problem in exc.problems:
            _err(f"ctnat: error: {problem}")
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if args.debug:
            raise
        _err(f"ctnat: unexpected {type(exc).__name__}: {exc} (rerun with --debug for details)")
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
