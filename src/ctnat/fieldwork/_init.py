"""``ctnat init``: lay out the folder of a new assessment."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

import yaml

from ..errors import ValidationError
from ._folder import (
    ASSESSMENT_FILE,
    INTERVIEWS_DIR,
    OUT_DIR,
    SURVEY_DIR,
    SURVEY_FORM,
    WORKSHEET_FILE,
    require_empty,
)

__all__ = ["init"]

PathLike = str | os.PathLike[str]

_README = """\
# {title}

This folder holds one round of a counter-trafficking needs assessment (CT-NAT method,
IOM 2016), laid out by `ctnat init`. `ctnat build {name}` turns it into the report.

| what | where |
|------|-------|
| indicator statuses, evidence, bibliography | `{assessment}` |
| the survey form to upload to KoboToolbox / ODK Central | `{form}` |
| survey exports as downloaded (CSV, XLSX or JSON, any Kobo/ODK layout) | `{survey}/` |
| interview records (YAML/JSON, or exports of the interview form) | `{interviews}/` |
| the assessors' Excel worksheet | `{worksheet}` |
| what `ctnat build` writes (reports, updated worksheet, build log) | `{out}/` |

Steps:

1. Field the survey: upload `{form}` to KoboToolbox or ODK Central; when it closes,
   download the export and save it, unchanged, in `{survey}/`.
2. Hold the interviews with the guide; record each one in `{interviews}/`
   (codes like `{country}int1`; no names of people).
3. Desk review: list each source under `bibliography` in `{assessment}` with a code
   like `{prefix} 1` and cite it in the evidence of a status (`{prefix} 1, p. 12`).
4. Judge each of the 100 indicators in `{assessment}` (met, partly_met, not_met,
   not_applicable, or leave unknown) with its evidence.
5. Run `ctnat build {name}`: every problem in every file is listed at once; the
   reports are written to `{out}/`.

Respondents were promised confidentiality: keep the raw exports in this folder only, and
publish only what `ctnat build` writes.
"""


def _prefix(country: str) -> str:
    return country[0] + country[1:].lower()


def _assessment_text(
    country: str, round_: dt.date, title: str, office: str | None, languages: Sequence[str]
) -> str:
    from ..indicators import builtin

    iset = builtin("ct-nat-2016")
    statuses = [
        {
            "indicator": ind.id,
            "status": "unknown",
            "note": f"to fill: {ind.label()}",
        }
        for ind in iset.indicators()
    ]
    head = {
        "country": country,
        "round": round_.isoformat(),
        "title": title,
        "indicator_set": {"id": iset.id, "version": iset.version},
        "provenance": {
            "kind": "reported",
            "source": office or f"the {country} country office",
            "note": "statuses recorded by the assessors (to fill)",
        },
    }
    lang_note = f" Survey languages: {', '.join(languages)}." if languages else ""
    return (
        f"# Assessment {country} {round_.isoformat()}, laid out by `ctnat init`.{lang_note}\n"
        "# Fill the statuses below; `ctnat build` checks the whole file and lists every problem.\n"
        + yaml.safe_dump(head, allow_unicode=True, sort_keys=False, width=100)
        + "# Bibliography of the desk review: one entry per source, coded "
        f"'{_prefix(country)} 1', '{_prefix(country)} 2', ...\n"
        "# (general sources 'Gen 1', ...), e.g.\n"
        f"#   - code: {_prefix(country)} 1\n"
        "#     title: Law on Combating Trafficking in Persons\n"
        "#     author: Parliament, 2005\n"
        "# and cite a source in a status's evidence as {source: '"
        f"{_prefix(country)} 1', pages: 'p. 12'}}.\n"
        "bibliography: []\n"
        "# One status per indicator: met, partly_met, not_met, not_applicable or unknown.\n"
        + yaml.safe_dump({"statuses": statuses}, allow_unicode=True, sort_keys=False, width=100)
    )


def init(
    directory: PathLike,
    *,
    country: str,
    round: dt.date,
    languages: Sequence[str] = (),
    office: str | None = None,
    title: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Lay out the folder of a new assessment and return its path.

    Writes ``assessment.yaml`` (the indicator set, 100 statuses unknown with a note
    to fill, an empty bibliography with its coding convention), the survey's
    XLSForm, the worksheet, empty ``survey/`` and ``interviews/`` folders and a
    README saying what goes where. Refuses a folder that is not empty unless
    ``overwrite``.
    """
    from .. import assessment as assessment_pkg
    from ..assessment import is_country_code

    if not is_country_code(country):
        raise ValidationError(
            f"country must be a three-letter ISO 3166 code such as 'KGZ' (got {country!r})",
            location="--country",
        )
    target = Path(directory)
    require_empty(target, overwrite=overwrite)
    name = assessment_pkg.country_name(country) or country
    title = title or f"Needs assessment: counter-trafficking response in {name}, {round:%Y}"
    for sub in ("instruments", SURVEY_DIR, INTERVIEWS_DIR):
        (target / sub).mkdir(parents=True, exist_ok=True)
    text = _assessment_text(country, round, title, office, languages)
    (target / ASSESSMENT_FILE).write_text(text, encoding="utf-8")
    found = assessment_pkg.load(target / ASSESSMENT_FILE)  # what was written must load
    _write_instruments(target)
    _write_worksheet(target, found)
    (target / "README.md").write_text(
        _README.format(
            title=title,
            name=target.name,
            assessment=ASSESSMENT_FILE,
            form=SURVEY_FORM,
            survey=SURVEY_DIR,
            interviews=INTERVIEWS_DIR,
            worksheet=WORKSHEET_FILE,
            out=OUT_DIR,
            country=country,
            prefix=_prefix(country),
        ),
        encoding="utf-8",
    )
    return target


def _write_instruments(target: Path) -> None:
    from .. import survey

    survey.builtin("ct-nat-2016-survey").to_xlsform(target / SURVEY_FORM)


def _write_worksheet(target: Path, found: object) -> None:
    from .. import worksheet
    from ..assessment import Assessment

    assert isinstance(found, Assessment)
    worksheet.write(target / WORKSHEET_FILE, assessment=found)
