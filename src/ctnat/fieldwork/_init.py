"""``ctnat init``: lay out the folder of a new assessment."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .._write import write_text
from ..errors import ValidationError
from ._folder import (
    ASSESSMENT_FILE,
    GUIDE_FILE,
    INTERVIEWS_DIR,
    OUT_DIR,
    PARAMETERS_FILE,
    SURVEY_DIR,
    SURVEY_FORM,
    TRANSLATIONS_FILE,
    WORKSHEET_FILE,
    require_empty,
)

if TYPE_CHECKING:
    from ..assessment import Assessment
    from ..survey import Parameters

__all__ = ["init", "parameters_for"]

PathLike = str | os.PathLike[str]

_README = """\
# {title}

This folder holds one round of a counter-trafficking needs assessment (CT-NAT method,
IOM 2016), laid out by `ctnat init`. `ctnat build {name}` turns it into the report.

| what | where |
|------|-------|
| indicator statuses, evidence, bibliography | `{assessment}` |
| the survey form to upload to KoboToolbox / ODK Central | `{form}` |
| the interviewers' printable guide (HTML; Word too with ctnat[docx]) | `{guide}` |
| what the instruments say about this assessment (office, contacts, region) | `{parameters}` |
| the translators' workbook (when languages were given) | `{translations}` |
| survey exports as downloaded (CSV, XLSX or JSON, any Kobo/ODK layout) | `{survey}/` |
| interview records (YAML/JSON, or exports of the interview form) | `{interviews}/` |
| the assessors' Excel worksheet | `{worksheet}` |
| what `ctnat build` writes (reports, updated worksheet, build log) | `{out}/` |

Steps:

1. Check `{parameters}`; if you change it, lay the instruments out again with
   `ctnat init {name} --country {country} --round ... --force` in a fresh folder, or
   use `ctnat.survey.adapt_instrument`. Translations: fill `{translations}` and read
   it back with `ctnat survey translations import`.
2. Field the survey: upload `{form}` to KoboToolbox or ODK Central. It opens with the
   survey's purpose and confidentiality note and asks for consent; a respondent who
   declines is not asked anything else, and is kept out of every summary. When the
   survey closes, download the export and save it, unchanged, in `{survey}/`.
3. Hold the interviews with the guide (`{guide}`): read out its information note,
   ask sections 1.1 and 1.2 first to choose the sets of questions; record each
   interview in `{interviews}/` (codes like `{country}int1`; no names of people).
4. Desk review: list each source under `bibliography` in `{assessment}` with a code
   like `{prefix} 1` and cite it in the evidence of a status (`{prefix} 1, p. 12`).
5. Judge each of the 100 indicators in `{assessment}` (met, partly_met, not_met,
   not_applicable, or leave unknown) with its evidence.
6. Run `ctnat build {name}`: every problem in every file is listed at once; the
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


def parameters_for(
    country: str,
    *,
    office: str | None = None,
    region: str | None = None,
    contact: str | None = None,
    consultant: str | None = None,
) -> Parameters:
    """The instruments' parameters for an assessment of ``country``.

    What is not given is worded neutrally ("the IOM country office", "the
    region"), never left as a placeholder a respondent would see.
    """
    from ..assessment import country_name
    from ..survey import Parameters

    name = country_name(country) or country
    office_text = office or f"the IOM office in {name}"
    return Parameters(
        region=region or "the region",
        countries=(country,),
        country=name,
        office=office_text,
        consultant=consultant or "the assessment team",
        consultant_contact=contact or office_text,
        lead=office_text,
        lead_contact=contact or office_text,
    )


def init(
    directory: PathLike,
    *,
    country: str,
    round: dt.date,
    languages: Sequence[str] = (),
    office: str | None = None,
    region: str | None = None,
    contact: str | None = None,
    title: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Lay out the folder of a new assessment and return its path.

    Writes ``assessment.yaml`` (the indicator set, 100 statuses unknown with a note
    to fill, an empty bibliography with its coding convention), the survey's
    XLSForm adapted to the country (:func:`ctnat.survey.adapt_instrument`: its
    country, region and office, the introduction, confidentiality note and consent
    question), the interviewers' guide with its information note filled, the
    translators' workbook for ``languages``, the worksheet, empty ``survey/`` and
    ``interviews/`` folders and a README saying what goes where. Refuses a folder
    that is not empty unless ``overwrite``.
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
    params = parameters_for(country, office=office, region=region, contact=contact)
    text = _assessment_text(country, round, title, office, languages)
    write_text(target / ASSESSMENT_FILE, text, overwrite=overwrite)
    found = assessment_pkg.load(target / ASSESSMENT_FILE)  # what was written must load
    _write_instruments(target, params, country, languages, overwrite=overwrite)
    _write_worksheet(target, found, overwrite=overwrite)
    write_text(
        target / "README.md",
        _README.format(
            title=title,
            name=target.name,
            assessment=ASSESSMENT_FILE,
            form=SURVEY_FORM,
            survey=SURVEY_DIR,
            interviews=INTERVIEWS_DIR,
            worksheet=WORKSHEET_FILE,
            out=OUT_DIR,
            guide=GUIDE_FILE,
            parameters=PARAMETERS_FILE,
            translations=TRANSLATIONS_FILE,
            country=country,
            prefix=_prefix(country),
        ),
        overwrite=overwrite,
    )
    return target


def _write_instruments(
    target: Path, params: Parameters, country: str, languages: Sequence[str], *, overwrite: bool
) -> None:
    import importlib.util

    from .._io import dump_mapping
    from ..report.guide import interview_guide
    from ..survey import adapt_instrument, template
    from ..survey.translations import export_translations

    dump_mapping(
        params.model_dump(mode="json", exclude_defaults=True),
        target / PARAMETERS_FILE,
        overwrite=overwrite,
    )
    survey = adapt_instrument(template("ct-nat-2016-survey"), params)
    survey.to_xlsform(target / SURVEY_FORM, overwrite=overwrite)
    guide = adapt_instrument(template("ct-nat-2016-interview"), params)
    name = str(params.country.get("en")) if params.country else country
    doc = interview_guide(guide, country=name, country_code=country)
    doc.save(target / GUIDE_FILE, overwrite=overwrite)
    if importlib.util.find_spec("docx") is not None:
        doc.save((target / GUIDE_FILE).with_suffix(".docx"), overwrite=overwrite)
    if languages:
        export_translations(survey, languages, target / TRANSLATIONS_FILE, overwrite=overwrite)


def _write_worksheet(target: Path, found: Assessment, *, overwrite: bool) -> None:
    from .. import worksheet

    worksheet.write(target / WORKSHEET_FILE, assessment=found, overwrite=overwrite)
