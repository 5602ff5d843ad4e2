"""Country-neutral instruments: templates, parameters, the 2016 wording as one case."""
# ruff: noqa: RUF001 - Russian text and the en dash of Annex D are meant

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ctnat.errors import ValidationError
from ctnat.survey import (
    Instrument,
    Parameters,
    adapt_instrument,
    builtin,
    read_xlsform,
    study_parameters,
    template,
)

# the method source lives beside the checkout (../shared/seeds), or in the project's shared folder
_SEEDS = (Path(__file__).resolve().parents[2].parent / "shared", Path("/work/shared"))
SEED = next(
    (d / "seeds" / "003_111f599aa090a8ef.txt" for d in _SEEDS if (d / "seeds").is_dir()),
    _SEEDS[0] / "seeds" / "003_111f599aa090a8ef.txt",
)
JAVA = shutil.which("java") is not None


def _seed_lines() -> list[str]:
    if not SEED.exists():
        pytest.skip("the method source (seed 003) is not on this machine")
    return SEED.read_text(encoding="utf-8").splitlines()


def _between(lines: list[str], start: str, stop: str) -> list[str]:
    i = lines.index(start)
    j = next(k for k in range(i + 1, len(lines)) if lines[k] == stop)
    return [line for line in lines[i + 1 : j] if line.strip()]


def _paragraphs(inst: Instrument) -> list[str]:
    out: list[str] = []
    for note in inst.preamble:
        if note.heading is not None:
            out.append(note.heading["en"])
        out += note.text["en"].split("\n\n")
    return out


def test_the_study_values_give_annex_d_word_for_word():
    lines = _seed_lines()
    survey = builtin("ct-nat-2016-survey")
    annex = _between(lines, "SURVEY TOOL", "1. Introductory questions")
    assert annex[0] == survey.label().removesuffix(": survey tool")
    assert _paragraphs(survey) == annex[1:]
    for qid in ("7.3.3", "7.3.6"):
        row = next(line for line in lines if line.startswith(qid + "\t"))
        assert row.split("\t")[1] == survey.question(qid).text()
    assert survey.question("1.1").text() + " " + survey.question("1.1").hint["en"] in "\n".join(
        lines
    )
    assert [o.text() for o in survey.question("1.1").options] == [
        "Armenia",
        "Azerbaijan",
        "Georgia",
        "Other – please specify",
    ]
    assert survey.consent is None  # the 2016 survey went by e-mail, without a consent question
    assert survey.parameters == ()


def test_the_study_values_fill_annex_cs_bracketed_placeholders():
    lines = _seed_lines()
    guide = builtin("ct-nat-2016-interview")
    p = study_parameters()
    annex = _between(lines, "INFORMATION NOTE", "INTERVIEW QUESTIONS AND ANSWERS")
    filled = [
        line.replace("[*refer to specific IOM office*]", p.office["en"])
        .replace(
            "[*insert name and contact details for person carrying out in-depth interviews*]",
            f"{p.consultant['en']}, {p.consultant_contact}",
        )
        .replace(
            "[*insert name and contact details for person overseeing research at IOM*]",
            f"{p.lead['en']}, {p.lead_contact}",
        )
        for line in annex
    ]
    ours = _paragraphs(guide)
    bullets = next(x for x in ours if x.startswith("- Do you"))
    ours[ours.index(bullets) : ours.index(bullets) + 1] = bullets.split("\n")
    assert ours == filled
    assert not any("[" in x for x in ours)
    assert guide.section("2").intro == {
        "en": "The trafficking situation in the countries of the South Caucasus"
    }
    row = next(line for line in lines if line.startswith("2.\tThe trafficking situation"))
    assert row.split("\t")[1] == guide.section("2").intro["en"]


def test_templates_name_their_placeholders():
    for name in ("ct-nat-2016-survey", "ct-nat-2016-interview"):
        t = template(name)
        assert "region" in t.parameters
        text = t.model_dump_json()
        for p in t.parameters:
            assert "{" + p + "}" in text
        assert "South Caucasus" not in text
    assert [o.name for o in template("ct-nat-2016-survey").question("1.1").options] == ["other"]


KGZ = Parameters(
    region={"en": "Central Asia", "ru": "Центральной Азии"},
    countries=("KGZ", "KAZ"),
    country={"en": "Kyrgyzstan", "ru": "Кыргызстан"},
    country_names={"KGZ": {"ru": "Кыргызстан"}},
    office="Mission in the Kyrgyz Republic",
    consultant="Ms A. Researcher (independent consultant)",
    consultant_contact="a.researcher@example.org",
    lead="Programme Manager, Mr B. Lead",
    lead_contact="b.lead@example.org",
)


def _russian(inst: Instrument) -> Instrument:
    """The template with a Russian title and 7.3.3 wording, as a translator gives it."""
    data = inst.model_dump(mode="json")
    data["languages"] = ["en", "ru"]
    data["title"]["ru"] = "Оценка потребностей в странах {region}"
    for s in data["sections"]:
        for q in s["questions"]:
            if q["id"] == "7.3.3":
                q["label"]["ru"] = "С другими странами {region}"
    return Instrument.model_validate(data)


def test_a_new_country_in_every_language(tmp_path):
    survey = adapt_instrument(_russian(template("ct-nat-2016-survey")), KGZ, id="ct-nat-kgz-2027")
    assert survey.id == "ct-nat-kgz-2027"
    assert survey.title["ru"] == "Оценка потребностей в странах Центральной Азии"
    assert survey.question("7.3.3").label == {
        "en": "Between State actors/agencies at the regional level with other countries in Central Asia",
        "ru": "С другими странами Центральной Азии",
    }
    intro = "\n".join(n.text["en"] for n in survey.preamble)
    assert "implement the tool in Kyrgyzstan and Kazakhstan." in intro
    assert "(IOM) Mission in the Kyrgyz Republic to analyse" in intro
    assert "Please also contact Ms A. Researcher (independent consultant) if" in intro
    assert "Marika" not in survey.model_dump_json()
    q11 = survey.question("1.1")
    assert [(o.name, o.label) for o in q11.options[:2]] == [
        ("kyrgyzstan", {"en": "Kyrgyzstan", "ru": "Кыргызстан"}),
        ("kazakhstan", {"en": "Kazakhstan"}),
    ]
    assert q11.options[-1].other
    assert survey.consent == "1.0"
    path = tmp_path / "kgz.xlsx"
    survey.to_xlsform(path)
    assert read_xlsform(path) == survey
    xls2xform = pytest.importorskip("pyxform.xls2xform")
    assert xls2xform.convert(xlsform=str(path), validate=JAVA).warnings == []


def test_bad_parameters_and_unfilled_templates(tmp_path):
    with pytest.raises(Exception, match="not ISO 3166-1 alpha-3 codes: XYZ"):
        Parameters.model_validate({**KGZ.model_dump(), "countries": ["KGZ", "XYZ"]})
    with pytest.raises(ValidationError, match="fill its placeholders"):
        template("ct-nat-2016-survey").to_xlsform(tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def test_country_option_names_are_valid_xlsform_names():
    every = tuple(c for c in ("CIV", "BOL", "GNB", "KOR", "ALA", "CUW") if c in _codes())
    params = KGZ.model_copy(update={"countries": every})
    q = adapt_instrument(template("ct-nat-2016-survey"), params).question("1.1")
    for o in q.options:
        assert re.match(r"^[a-z_][a-z0-9_]*$", o.name), o.name
    assert len({o.name for o in q.options}) == len(q.options)


def _codes() -> set[str]:
    from ctnat.survey.adapt import country_names

    return set(country_names())


def _survey_rows(path):
    openpyxl = pytest.importorskip("openpyxl")
    rows = list(openpyxl.load_workbook(path)["survey"].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_consent_ends_the_form_when_declined(tmp_path):
    survey = adapt_instrument(template("ct-nat-2016-survey"), KGZ)
    consent = survey.consent_question()
    assert consent is not None
    assert consent.required
    assert [o.name for o in consent.options] == ["yes", "no"]
    path = tmp_path / "kgz.xlsx"
    survey.to_xlsform(path)
    rows = _survey_rows(path)
    names = [r["name"] for r in rows]
    # the introduction comes first, then consent, then the questions
    assert names.index("background") < names.index("consent") < names.index("s1")
    by_name = {r["name"]: r for r in rows if r["name"]}
    assert by_name["consent"]["required"] == "yes"
    assert by_name["consent_declined"]["relevant"] == "${consent} = 'no'"
    # the respondent code is asked only of those who agree
    assert names.index("consent") < names.index("code")
    assert by_name["code"]["relevant"] == "${consent} = 'yes'"
    groups = [r for r in rows if r["type"] == "begin_group" and r["ctnat_part"] == "section"]
    assert len(groups) == len(survey.sections)
    assert all(g["relevant"] == "${consent} = 'yes'" for g in groups)
    assert by_name["background"]["label::English (en)"].startswith("**Background and Purpose**\n\n")
    xls2xform = pytest.importorskip("pyxform.xls2xform")
    result = xls2xform.convert(xlsform=str(path), validate=JAVA)  # ODK Validate where Java is
    assert result.warnings == []
    xform = str(result.xform)
    assert "/data/consent  = 'yes'" in xform or "/data/consent = 'yes'" in xform
    assert 'required="true()"' in xform
    back = read_xlsform(path)
    assert back == survey
    assert back.consent == "1.0"
    assert back.preamble == survey.preamble


def test_interview_plan_comes_after_1_1_and_1_2(tmp_path):
    path = tmp_path / "guide.xlsx"
    builtin("ct-nat-2016-interview").to_xlsform(path)
    names = [r["name"] for r in _survey_rows(path)]
    assert names.index("q1_2") < names.index("plan") < names.index("s2")
    assert names.index("thanks") < names.index("s1")  # the information note first


def test_consent_must_be_a_first_required_yes_no_question():
    data = adapt_instrument(template("ct-nat-2016-survey"), KGZ).model_dump(mode="json")
    with pytest.raises(Exception, match="must name the first question"):
        Instrument.model_validate({**data, "consent": "1.1"})
    q = data["sections"][0]["questions"][0]
    q["required"] = False
    with pytest.raises(Exception, match="a required choose_one with the options 'yes' and 'no'"):
        Instrument.model_validate(data)


def test_an_added_question_in_section_1_of_a_consented_form_is_a_profile_field(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    survey = adapt_instrument(template("ct-nat-2016-survey"), KGZ)
    path = tmp_path / "kgz.xlsx"
    survey.to_xlsform(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["survey"]
    header = [c.value for c in ws[1]]
    names = [r[header.index("name")] for r in ws.iter_rows(values_only=True)]
    at = names.index("q1_6") + 2
    ws.insert_rows(at)
    ws.cell(row=at, column=header.index("type") + 1, value="integer")
    ws.cell(row=at, column=header.index("name") + 1, value="years_in_post")
    wb.save(path)
    back = read_xlsform(path)
    q = back.question("1.7")
    assert (q.name, q.profile, q.xlsform) == ("years_in_post", "years_in_post", {"type": "integer"})
    assert back.consent == "1.0"


def test_an_adapted_instrument_round_trips_through_yaml_and_json(tmp_path):
    from ctnat.survey import dump_instrument, load_instrument

    data = adapt_instrument(template("ct-nat-2016-survey"), KGZ).model_dump(mode="json")
    data["metadata"] = {"start": "start", "username": "username"}
    data["sections"][1]["questions"][0]["xlsform"] = {"default": "origin"}
    inst = Instrument.model_validate(data)
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"kgz{suffix}"
        dump_instrument(inst, path)
        assert load_instrument(path) == inst
    assert template("ct-nat-2016-survey").parameters  # a template stays a template
    with pytest.raises(Exception, match="not an XLSForm metadata type"):
        Instrument.model_validate({**data, "metadata": {"who": "name"}})
    bad = inst.model_dump(mode="json")
    bad["sections"][1]["questions"][0]["xlsform"] = {"type": "integer"}
    with pytest.raises(Exception, match="only for text questions"):
        Instrument.model_validate(bad)
