"""Developer tasks: ``nox -s tests lint typecheck docs bench``."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True

PYTHON = "3.11"


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (with every optional extra, so nothing is skipped)."""
    session.install("-e", ".[all,test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Run ruff (lint and format check)."""
    session.install("ruff")
    session.run("ruff", "check", "src", "tests", "benchmarks", "tools", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "tools", "noxfile.py")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Run mypy --strict on the package."""
    session.install("-e", ".[all]", "mypy", "types-PyYAML", "pandas-stubs")
    session.run("mypy", "--strict", "src")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site with warnings as errors."""
    session.install("-e", ".[all,docs]")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Run the benchmarks against their plain baselines; prints ratios."""
    session.install("-e", ".[all]", "pandas")
    session.run("python", "-m", "benchmarks", *session.posargs)


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """Fuzz every reader with mutated real files for some minutes (default 10).

    ``nox -s fuzz -- --minutes 30 --seed 7``; prints the inputs tried and the
    escapes per reader, saves escaping inputs in ``fuzz-findings/``.
    """
    session.install("-e", ".[all,test]")
    session.run("python", "tests/fuzz/run.py", *(session.posargs or ["--minutes", "10"]))
