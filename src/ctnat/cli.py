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

from . import __version__
from .errors import CtnatError

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


def _cmd_demo(args: argparse.Namespace) -> int:
    _out(_indicator_table(None, None, args.lang))
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ctnat", description="Counter-Trafficking Needs Assessment Tool"
    )
    parser.add_argument("--version", action="version", version=f"ctnat {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="run the main job on the bundled example data")
    demo.add_argument("--out", default=".", help="folder for the report (default: here)")
    demo.add_argument("--lang", default=None, help="label language (default: the set's)")
    demo.set_defaults(handler=_cmd_demo)

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
