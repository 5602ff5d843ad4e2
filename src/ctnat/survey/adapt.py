"""Adapting the instruments to a country: parameters set once per assessment.

The bundled instruments are country-neutral templates (:func:`template`): their
wording names the region, the study's countries, the commissioning office and
the people to contact as placeholders (``{region}``, ``{office}``, ...), and
question 1.1 ("In which country do you primarily work?") offers the countries of
the assessment. :func:`adapt_instrument` fills them, in every language of the
instrument, from one :class:`Parameters` object; with the 2016 study's values
(:func:`study_parameters`) it gives the wording of Annexes C and D exactly, which
is what :func:`~ctnat.survey.builtin` returns.

```python
>>> from ctnat.survey import adapt_instrument, template, Parameters
>>> kgz = Parameters(
...     region={"en": "Central Asia"},
...     countries=("KGZ", "KAZ", "TJK"),
...     office={"en": "Mission in the Kyrgyz Republic"},
...     consultant={"en": "the study team"},
...     consultant_contact="survey@example.org",
...     lead={"en": "the Programme Manager"},
...     lead_contact="info@example.org",
... )
>>> survey = adapt_instrument(template("ct-nat-2016-survey"), kgz)
>>> survey.question("7.3.3").text()
'Between State actors/agencies at the regional level with other countries in Central Asia'
>>> [o.name for o in survey.question("1.1").options]
['kyrgyzstan', 'kazakhstan', 'tajikistan', 'other']
>>> survey.consent
'1.0'

```
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import NotFoundError, ValidationError
from ._pydantic import problems_from
from .model import Instrument, Text, label_text

__all__ = [
    "CONSENT_QUESTION",
    "Parameters",
    "adapt_instrument",
    "country_names",
    "study_parameters",
    "template",
]

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@functools.cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> English short name (the table shipped with ctnat)."""
    # read beside the assessment package without importing it (a higher layer)
    text = (
        resources.files("ctnat").joinpath("assessment", "countries.tsv").read_text(encoding="utf-8")
    )
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, name = line.partition("\t")
            out[code] = name
    return out


def _text(value: Any) -> Any:
    return {"en": value} if isinstance(value, str) else value


class Parameters(BaseModel):
    """The values an assessment sets once, filled into every language of the form.

    - ``region`` (``{region}``): "the South Caucasus" in the 2016 study;
    - ``countries``: ISO 3166-1 alpha-3 codes offered in question 1.1, in order
      (an "Other - please specify" option follows them); ``country_names`` gives
      their names in other languages (English: the ISO 3166 short name);
    - ``country`` (``{country}``): the country assessed, when there is one;
    - ``study_countries`` (``{study_countries}``): how the introduction names the
      countries ("Azerbaijan, Georgia and Armenia"); by default their names;
    - ``office`` (``{office}``): the IOM office commissioning the study;
    - ``consultant``, ``consultant_short``, ``consultant_contact``: who carries out
      the study and how to reach them; ``lead``, ``lead_contact``: who oversees it.

    A plain string stands for English text.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    region: Text
    countries: tuple[str, ...] = Field(min_length=1)
    office: Text
    consultant: Text
    consultant_contact: str
    lead: Text
    lead_contact: str
    country: Text | None = None
    study_countries: Text | None = None
    consultant_short: Text | None = None
    country_names: dict[str, Text] = Field(default_factory=dict)

    _texts = field_validator(
        "region",
        "office",
        "consultant",
        "lead",
        "country",
        "study_countries",
        "consultant_short",
        mode="before",
    )(_text)

    @field_validator("countries")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [c for c in value if c not in country_names()]
        if unknown:
            raise ValueError(f"not ISO 3166-1 alpha-3 codes: {', '.join(unknown)}")
        if len(set(value)) != len(value):
            raise ValueError("a country is listed twice")
        return value

    def country_label(self, code: str) -> Text:
        """The name of a country in every language given (English: ISO 3166)."""
        return {"en": country_names()[code], **self.country_names.get(code, {})}

    def values(self, lang: str) -> dict[str, str]:
        """The text of every placeholder in ``lang`` (English as fallback)."""
        names = [label_text(self.country_label(c), lang) for c in self.countries]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        out = {
            "region": label_text(self.region, lang),
            "office": label_text(self.office, lang),
            "consultant": label_text(self.consultant, lang),
            "consultant_short": label_text(self.consultant_short or self.consultant, lang),
            "consultant_contact": self.consultant_contact,
            "lead": label_text(self.lead, lang),
            "lead_contact": self.lead_contact,
            "study_countries": label_text(self.study_countries, lang)
            if self.study_countries
            else joined,
        }
        if self.country is not None:
            out["country"] = label_text(self.country, lang)
        return out


#: The consent question :func:`adapt_instrument` puts first (a required yes/no).
CONSENT_QUESTION: dict[str, Any] = {
    "id": "1.0",
    "name": "consent",
    "type": "choose_one",
    "required": True,
    "label": {"en": "Having read the information above, do you agree to take part in this survey?"},
    "hint": {"en": "If you choose 'No', the survey ends here and nothing else is recorded."},
    "options": [
        {"name": "yes", "label": {"en": "Yes, I agree to take part"}},
        {"name": "no", "label": {"en": "No, I do not wish to take part"}},
    ],
}


def _fill(value: Any, params: Parameters, langs: dict[str, dict[str, str]]) -> Any:
    """Fill placeholders in every label-like mapping of a model dump."""
    if isinstance(value, list):
        return [_fill(v, params, langs) for v in value]
    if not isinstance(value, dict):
        return value
    if value and all(isinstance(v, str) for v in value.values()) and _is_text(value):
        return {
            lang: _substitute(text, langs.setdefault(lang, params.values(lang)))
            for lang, text in value.items()
        }
    return {k: _fill(v, params, langs) for k, v in value.items()}


def _substitute(text: str, table: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: table.get(m.group(1), m.group(0)), text)


def _is_text(value: dict[str, Any]) -> bool:
    return all(re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", k) for k in value)


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    return slug if slug and not slug[0].isdigit() else f"c_{slug}"


def adapt_instrument(
    instrument: Instrument,
    parameters: Parameters,
    *,
    consent: bool = True,
    id: str | None = None,
    version: str | None = None,
) -> Instrument:
    """Fill ``instrument``'s placeholders and its country question from ``parameters``.

    With ``consent`` (the default), a required yes/no consent question
    (:data:`CONSENT_QUESTION`) comes first and :attr:`Instrument.consent` names it;
    the XLSForm then ends when it is declined. ``id``/``version`` rename the result.
    """
    data = instrument.model_dump(mode="json")
    placeholders = set(data.pop("parameters", ()))
    data = _fill(data, parameters, {})
    for section in data["sections"]:
        for q in section["questions"]:
            if q.get("profile") == "country" and q.get("options") is not None:
                kept = [o for o in q["options"] if o.get("other")]
                countries = [
                    {
                        "name": _slug(country_names()[c]),
                        "label": {
                            k: v
                            for k, v in parameters.country_label(c).items()
                            if k == "en" or k in instrument.languages
                        },
                    }
                    for c in parameters.countries
                ]
                q["options"] = [
                    {k: v for k, v in o.items() if k != "position"} for o in countries + kept
                ]
    if consent and instrument.consent is None and instrument.kind == "survey":
        data["sections"][0]["questions"].insert(0, CONSENT_QUESTION)
        data["consent"] = CONSENT_QUESTION["id"]
    if id is not None:
        data["id"] = id
    if version is not None:
        data["version"] = version
    left = sorted({m.group(1) for m in _PLACEHOLDER.finditer(str(data))} & placeholders)
    if left:
        raise ValidationError(f"placeholders left unfilled: {', '.join(left)}")
    try:
        return Instrument.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(
            problems_from(exc, file=None, prefix="(adapted instrument)")
        ) from None


def _data(name: str) -> Any:
    from .._io import parse_text

    resource = resources.files("ctnat.survey").joinpath("data", f"{name}.yaml")
    return parse_text(
        resource.read_text(encoding="utf-8"), file=f"<ctnat>/survey/data/{name}.yaml", fmt="yaml"
    )


@functools.cache
def template(name: str) -> Instrument:
    """The country-neutral template of a built-in instrument (placeholders unfilled;
    :attr:`Instrument.parameters` lists them). Fill it with :func:`adapt_instrument`."""
    from .catalogue import builtin_names, instrument_from_mapping

    if name not in builtin_names():
        raise NotFoundError(
            f"no built-in instrument {name!r}", hint=f"known: {', '.join(builtin_names())}"
        )
    return instrument_from_mapping(_data(name), file=f"<ctnat>/survey/data/{name}.yaml")


@functools.cache
def study_parameters() -> Parameters:
    """The 2016 study's values (Annexes C and D)."""
    try:
        return Parameters.model_validate(_data("ct-nat-2016-parameters"))
    except pydantic.ValidationError as exc:  # pragma: no cover - bundled data
        raise ValidationError(problems_from(exc, file="ct-nat-2016-parameters.yaml")) from None
