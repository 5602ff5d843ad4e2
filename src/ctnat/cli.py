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
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import CtnatError, CtnatWarning

if TYPE_CHECKING:
    from .assessment import Assessment
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
    s.check_language(lang)
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


def _write_text(path: Path, text: str, *, force: bool = False) -> Path:
    from ._write import check_writable, write_text
    from .errors import FileFormatError

    check_writable(path, overwrite=force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileFormatError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    return write_text(path, text, overwrite=force)


def _load(name: str) -> object:
    """An assessment from a YAML/JSON file or a filled worksheet (.xlsx)."""
    from ._api import load

    return load(name)


def _set_option(args: argparse.Namespace) -> dict[str, object]:
    """``indicator_set=`` from ``--indicator-set FILE`` (a set or extension file, or a name)."""
    name = getattr(args, "indicator_set", None)
    if not name:
        return {}
    from . import indicators

    found = indicators.load(name) if Path(name).suffix else indicators.builtin(name)
    return {"indicator_set": found}


def _check_keys(files: Sequence[str], found: Sequence[object]) -> None:
    """Two files of the same country and round: name both files."""
    from .assessment import Assessment
    from .errors import Problem, ValidationError

    seen: dict[tuple[object, object], str] = {}
    problems = []
    for name, a in zip(files, found, strict=True):
        assert isinstance(a, Assessment)
        if a.key in seen:
            problems.append(
                Problem(
                    f"{a.country} {a.round.isoformat()} is also the country and round of "
                    f"{seen[a.key]}",
                    file=name,
                    location="country, round",
                    hint="compare different countries or rounds; is one file a copy?",
                )
            )
        else:
            seen[a.key] = name
    if problems:
        raise ValidationError(problems)


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
    from . import compare

    found = [_load(f) for f in args.files]
    _check_keys(args.files, found)
    progress = _Progress("Monte Carlo", enabled=None if not args.quiet else False)
    return compare(
        found,  # type: ignore[arg-type]
        uncertainty=_uncertainty(args),  # type: ignore[arg-type]
        progress=progress,
        **_method(args),  # type: ignore[arg-type]
        **_set_option(args),  # type: ignore[arg-type]
    )


def _cmd_demo(args: argparse.Namespace) -> int:
    from . import examples
    from .report import write_demo_reports

    progress = _Progress("Monte Carlo", enabled=None if not args.quiet else False)
    from ._write import check_writable
    from .report import DEMO_COMPARISON

    check_writable(Path(args.out) / DEMO_COMPARISON, overwrite=args.force)  # before the work
    comparison = examples.demo_comparison(progress=progress)
    _out(comparison.summary())
    comparative, *countries = write_demo_reports(
        args.out, comparison=comparison, overwrite=args.force
    )
    _out("")
    _out(f"Comparative report: {comparative}")
    for path in countries:
        kind = "Word copy:         " if path.suffix == ".docx" else "Assessment report: "
        _out(f"{kind} {path}")
    _out("Armenia and Georgia are synthetic examples; Azerbaijan's statuses are this library's")
    _out("reading of the IOM 2016 report. See docs/method.md.")
    return 0


def _instrument(name: str) -> Instrument:
    """A built-in instrument by name, or an instrument file by path."""
    from . import survey

    return survey.load_instrument(name) if Path(name).suffix else survey.builtin(name)


def _cmd_survey_xlsform(args: argparse.Namespace) -> int:
    inst = _instrument(args.instrument)
    inst.to_xlsform(args.out, overwrite=args.force)
    _out(f"wrote {args.out} ({inst.id}); upload it to KoboToolbox or ODK Central")
    return 0


def _cmd_survey_summarize(args: argparse.Namespace) -> int:
    from . import survey
    from .aggregate import summarize

    name = args.instrument
    inst = (
        survey.read_xlsform(name)
        if Path(name).suffix.lower() in {".xlsx", ".xls"}
        else _instrument(name)
    )
    responses = survey.read_responses(
        args.file, inst, code_prefix=args.code_prefix, keep_meta=args.keep_meta or ()
    )
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
    _out(
        f"{args.file}: {responses.records_read} records read, {len(responses)} respondents "
        f"accepted, {responses.rejected_records} records rejected, "
        f"{responses.rejected_answers} answers rejected, {len(responses.excluded)} excluded, "
        f"{len(responses.ignored)} columns ignored"
    )
    for excluded in responses.excluded:
        _out(f"  excluded: {excluded.record} / {excluded.respondent}: {excluded.reason}")
    for ignored in responses.ignored:
        _out(f"  ignored: {ignored.column}: {ignored.reason} ({ignored.cells} non-empty cells)")
    for item in items:
        _out("")
        _out(summaries[item].to_text())
    return 2 if args.strict and responses.rejected else 0


# -- survey translations (export a translators' workbook, import it as an extension) --


def _translation_form(name: str) -> Instrument:
    from . import survey

    if Path(name).suffix.lower() == ".xlsx":
        return survey.read_xlsform(name)
    return _instrument(name)


def _cmd_translations_export(args: argparse.Namespace) -> int:
    from .survey.translations import export_translations, translation_entries

    inst = _translation_form(args.form)
    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    export_translations(inst, langs, args.out, overwrite=args.force)
    n = len(translation_entries(inst))
    _out(f"wrote {args.out}: {n} texts of {inst.id} to translate into {', '.join(langs)}")
    return 0


def _cmd_translations_import(args: argparse.Namespace) -> int:
    from ._io import dump_mapping
    from .survey import extend_instrument
    from .survey.translations import import_translations

    inst = _translation_form(args.form)
    out = Path(args.out)
    extends = args.form
    if Path(args.form).suffix:
        extends = os.path.relpath(Path(args.form).resolve(), out.resolve().parent)
    result = import_translations(args.file, inst, extends=extends)
    extend_instrument(inst, result.extension)  # every translation fits the instrument
    dump_mapping(
        result.extension.model_dump(mode="json", exclude_defaults=True), out, overwrite=args.force
    )
    _out(result.summary())
    for kind, pairs in (("missing", result.missing), ("stale", result.stale)):
        if pairs and args.list:
            for lang, key in pairs:
                _out(f"  {kind}: {lang} {key}")
    for lang, key in result.unknown:
        _err(f"ctnat: ignored: {lang} {key} (not a text of {inst.id})")
    _out(f"wrote {out}; load it with ctnat.survey.load_instrument")
    return 2 if args.strict and (result.missing or result.stale) else 0


def _translations_parser(ssub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tr = ssub.add_parser("translations", help="translators' workbooks (needs ctnat[xlsform])")
    tsub = tr.add_subparsers(dest="translations_command", required=True, metavar="ACTION")
    te = tsub.add_parser("export", help="one sheet per language: source text, empty cells")
    te.add_argument("form", help="built-in name, instrument file or XLSForm (.xlsx)")
    te.add_argument("out", help="the .xlsx workbook to write")
    te.add_argument("--lang", required=True, help="languages to translate into, e.g. ky,ru")
    te.add_argument("--force", action="store_true", help="replace the workbook if it exists")
    te.set_defaults(handler=_cmd_translations_export)
    ti = tsub.add_parser("import", help="read a filled workbook back as an extension file")
    ti.add_argument("file", help="the translators' workbook (.xlsx)")
    ti.add_argument("--form", required=True, help="the instrument it was written from")
    ti.add_argument("--out", required=True, help="the extension file to write (.yaml/.json)")
    ti.add_argument("--list", action="store_true", help="list every missing and stale entry")
    ti.add_argument("--strict", action="store_true", help="exit 2 if any are missing or stale")
    ti.add_argument("--force", action="store_true", help="replace the extension if it exists")
    ti.set_defaults(handler=_cmd_translations_import)


def _cmd_score(args: argparse.Namespace) -> int:
    from . import score

    extra = _set_option(args)
    for name in args.files:
        card = score(_load(name), **_method(args), **extra)  # type: ignore[arg-type]
        _out(card.summary())
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from .scoring import Comparison, View

    comparison = _compare_files(args)
    assert isinstance(comparison, Comparison)
    _out(comparison.summary(View(args.view)))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from ._write import check_writable
    from .report import render_assessment, render_comparison
    from .scoring import Comparison

    check_writable(args.out, overwrite=args.force)  # before the work
    fmt = args.format or ("markdown" if Path(args.out).suffix.lower() == ".md" else "html")
    if len(args.files) == 1:
        found = _load(args.files[0])
        if args.lang:
            from .assessment import indicator_set_of

            extra = _set_option(args).get("indicator_set")
            (extra or indicator_set_of(found)).check_language(args.lang)  # type: ignore[attr-defined, arg-type]
        text = render_assessment(
            found,  # type: ignore[arg-type]
            fmt,
            lang=args.lang,
            **_set_option(args),  # type: ignore[arg-type]
        )
    else:
        comparison = _compare_files(args)
        assert isinstance(comparison, Comparison)
        text = render_comparison(comparison, fmt, **_set_option(args))  # type: ignore[arg-type]
    _out(f"wrote {_write_text(Path(args.out), text, force=args.force)}")
    return 0


def _cmd_indicators(args: argparse.Namespace) -> int:
    from . import indicators

    if args.schema:
        _out(json.dumps(indicators.json_schema(args.schema), indent=2))
        return 0
    _out(_indicator_table(args.set, args.file, args.lang))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from ._validate import validate_file

    failed = 0
    for name in args.files:
        try:
            _out(f"{name}: {validate_file(name, instrument=args.instrument)}")
        except CtnatError as exc:
            if args.debug:
                raise
            failed += 1
            for problem in exc.problems:
                _err(f"ctnat: error: {problem}")
    return 2 if failed else 0


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
    path = worksheet.write(
        args.file, indicator_set=s, assessment=a, set_file=rel, overwrite=args.force
    )
    _out(f"wrote {path}")
    return 0


def _cmd_worksheet_read(args: argparse.Namespace) -> int:
    from . import assessment, worksheet
    from ._write import check_writable
    from .errors import ValidationError

    if args.out:
        check_writable(args.out, overwrite=args.force)
    ws = worksheet.read(args.file, **_set_option(args))  # type: ignore[arg-type]
    _out(f"{args.file}: {_worksheet_summary(ws)}, {len(ws.problems)} problem(s)")
    if ws.problems:
        raise ValidationError(ws.errors())
    if args.out:
        if ws.assessment is None:
            raise ValidationError(
                "the worksheet holds no assessment to write",
                file=args.file,
                location="Assessment",
                hint="fill in country and round on the Assessment sheet",
            )
        found = _relocated(ws.assessment, Path(args.file).parent, Path(args.out).parent)
        assessment.dump(found, args.out, overwrite=args.force)
        _out(f"wrote {args.out}")
    return 0


def _relocated(a: Assessment, old_dir: Path, new_dir: Path) -> Assessment:
    """The assessment with a relative set file path rewritten for a file in ``new_dir``."""
    ref = a.indicator_set
    if ref.file is None or Path(ref.file).is_absolute():
        return a
    target = (old_dir / ref.file).resolve()
    rel = os.path.relpath(target, new_dir.resolve())
    return a.model_copy(update={"indicator_set": ref.model_copy(update={"file": rel})})


def _cmd_init(args: argparse.Namespace) -> int:
    from . import fieldwork

    languages = tuple(x.strip() for x in (args.languages or "").split(",") if x.strip())
    folder = fieldwork.init(
        args.folder,
        country=args.country,
        round=fieldwork.parse_round(args.round),
        languages=languages,
        office=args.office,
        region=args.region,
        contact=args.contact,
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
        prog="ctnat",
        description="Counter-Trafficking Needs Assessment Tool",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ctnat {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser(
        "demo",
        help="compare the bundled example assessments and write the reports (HTML, and Word "
        "with ctnat[docx])",
    )
    demo.add_argument("--out", default=".", help="folder for the reports (default: here)")
    demo.add_argument("--quiet", action="store_true", help="no progress bar")
    _force(demo)
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
    init.add_argument("--region", help="the region the survey names, e.g. 'Central Asia'")
    init.add_argument("--contact", help="the contact the information notes give")
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
    _force(sx)
    sx.set_defaults(handler=_cmd_survey_xlsform)
    ss = ssub.add_parser("summarize", help="per-item counts, intervals and caveats")
    ss.add_argument("file", help="responses: JSON, CSV or XLSX (Kobo/ODK exports too)")
    ss.add_argument(
        "--instrument",
        default="ct-nat-2016-survey",
        help="built-in name, instrument file, or the XLSForm (.xlsx) the data was collected with",
    )
    ss.add_argument(
        "--code-prefix",
        default=None,
        help="prefix for records without a code, e.g. AZEsur (default: country + 'sur')",
    )
    ss.add_argument(
        "--keep-meta",
        nargs="*",
        metavar="FIELD",
        help="meta fields to keep beyond the default ones, e.g. _submitted_by",
    )
    ss.add_argument("--items", nargs="*", help="only these items, e.g. 5.1.4 5.1.5")
    ss.add_argument("--strict", action="store_true", help="exit 2 if any record was rejected")
    ss.set_defaults(handler=_cmd_survey_summarize)
    _translations_parser(ssub)

    def assessments_cmd(name: str, text: str, handler: Handler, *, many: bool) -> None:
        p = sub.add_parser(name, help=text, epilog=_example(name), formatter_class=_Raw)
        p.add_argument(
            "files", nargs="+", help="assessment files (YAML/JSON) or worksheets (.xlsx)"
        )
        _method_args(p)
        _set_arg(p)
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
            _force(p)

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

    val = sub.add_parser(
        "validate",
        help="check any ctnat file and say which kind it is; exit 2 with the problems",
        epilog=_example("validate"),
        formatter_class=_Raw,
    )
    val.add_argument(
        "files",
        nargs="+",
        help="indicator sets, extensions, instruments, assessments, worksheets, responses",
    )
    val.add_argument(
        "--instrument",
        default=None,
        help="check response files (CSV/XLSX/JSON) against this instrument (built-in or file)",
    )
    val.set_defaults(handler=_cmd_validate)

    wsh = sub.add_parser("worksheet", help="the data-analysis worksheet (Excel)")
    wsub = wsh.add_subparsers(dest="worksheet_command", required=True, metavar="ACTION")
    wnew = wsub.add_parser("new", help="write a worksheet to fill (needs ctnat[xlsx])")
    wnew.add_argument("file", help="the .xlsx file to write")
    wnew.add_argument("--assessment", help="an assessment file (YAML/JSON) to fill it from")
    wnew.add_argument("--set-file", help="an extended indicator set file")
    _force(wnew)
    wnew.set_defaults(handler=_cmd_worksheet_new)
    wread = wsub.add_parser(
        "read",
        help="check a filled worksheet and write its assessment file",
        epilog="example:\n  ctnat worksheet read W.xlsx --out arm-2026.yaml",
        formatter_class=_Raw,
    )
    wread.add_argument("file", help="the filled worksheet (.xlsx)")
    wread.add_argument("--out", help="the assessment file to write (.yaml or .json)")
    _set_arg(wread)
    _force(wread)
    wread.set_defaults(handler=_cmd_worksheet_read)
    _order(sub)
    return parser


_Raw = argparse.RawDescriptionHelpFormatter

#: The commands in the order a user meets them (``ctnat --help`` lists them so).
_ORDER = (
    "demo",
    "init",
    "indicators",
    "worksheet",
    "validate",
    "score",
    "compare",
    "report",
    "survey",
    "build",
)

_EXAMPLE = {
    "demo": "ctnat demo --out reports/",
    "init": "ctnat init kgz-2027 --country KGZ --round 2027-03 --languages ky,ru",
    "indicators": "ctnat indicators --lang az my-extension.yaml",
    "worksheet": "ctnat worksheet new W.xlsx\n  ctnat worksheet read W.xlsx --out arm-2026.yaml",
    "validate": "ctnat validate arm-2026.yaml W.xlsx my-extension.yaml",
    "score": "ctnat score arm-2026.yaml --unknown exclude",
    "compare": "ctnat compare arm-2026.yaml geo-2026.yaml --view league",
    "report": "ctnat report arm-2026.yaml --out arm-2026.html",
    "survey": "ctnat survey summarize export.csv --items 3.1.5",
    "build": "ctnat build kgz-2027  (checks the folder, writes kgz-2027/out/)",
}

_EXAMPLES = "examples, in the order of an assessment:\n" + "\n".join(
    f"  {_EXAMPLE[name]}" for name in _ORDER
)


def _example(name: str) -> str:
    return f"example:\n  {_EXAMPLE[name]}"


def _force(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--force", action="store_true", help="replace the output file if it exists already"
    )


def _set_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--indicator-set",
        metavar="FILE",
        default=None,
        help="score against this indicator set (a set or extension file, or a built-in name)",
    )


def _order(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """List the commands in ``ctnat --help`` in the order a user meets them, with examples."""
    rank = {name: i for i, name in enumerate(_ORDER)}
    actions = sub._choices_actions
    actions.sort(key=lambda a: rank.get(a.dest, len(rank)))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CtnatWarning)
            try:
                return handler(args)
            finally:
                for w in caught:
                    if issubclass(w.category, CtnatWarning):
                        _err(f"ctnat: warning: {w.message}")
                    else:
                        warnings.showwarning(w.message, w.category, w.filename, w.lineno)
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
