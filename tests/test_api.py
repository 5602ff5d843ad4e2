"""Issue 13.3-4: one import, lazy subpackages, string choices, constructor = from_mapping, reprs."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import ctnat
from ctnat import assessment, examples
from ctnat.scoring import Aggregator, Rule, UnknownPolicy, View

ROOT = Path(__file__).resolve().parents[1]


def _fresh(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_import_ctnat_loads_no_heavy_module() -> None:
    heavy = ("pandas", "matplotlib", "openpyxl", "scipy")
    code = f"import sys, ctnat; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    assert _fresh(code) == ""


def test_import_ctnat_loads_no_subpackage_until_used() -> None:
    code = (
        "import sys, ctnat; a = sorted(m for m in sys.modules if m.startswith('ctnat.')); "
        "ctnat.indicators; b = 'ctnat.indicators' in sys.modules; print(a, b)"
    )
    assert _fresh(code) == "['ctnat._api', 'ctnat.errors'] True"


@pytest.mark.parametrize(
    "name",
    [
        "aggregate",
        "assessment",
        "examples",
        "indicators",
        "report",
        "scoring",
        "survey",
        "worksheet",
    ],
)
def test_every_subpackage_is_an_attribute(name: str) -> None:
    code = f"import ctnat; print(ctnat.{name}.__name__)"
    assert _fresh(code) == f"ctnat.{name}"
    assert name in dir(ctnat)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'scorecard'"):
        ctnat.scorecard  # type: ignore[attr-defined]  # noqa: B018


def test_one_import_path(tmp_path: Path) -> None:
    path = tmp_path / "aze.yaml"
    assessment.dump(examples.azerbaijan(), path)
    a = ctnat.load(path)
    card = ctnat.score(a, unknown="exclude", rule="ladder", aggregator="geometric")
    assert card.method.rule is Rule.LADDER
    assert card.method.aggregator is Aggregator.GEOMETRIC
    assert ctnat.score(path, unknown="exclude") == ctnat.score(a, unknown=UnknownPolicy.EXCLUDE)
    c = ctnat.compare([a, *examples.assessments()[1:]], unknown="not_met")
    assert c.summary(view="league") == c.summary(View.LEAGUE)
    doc = ctnat.report(a, tmp_path / "aze.html")
    assert (tmp_path / "aze.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Azerbaijan" in doc.to_markdown()
    assert "<svg" in ctnat.report(c)._repr_html_() or "<table" in ctnat.report(c)._repr_html_()
    assert ctnat.report.heat_map is not None  # the module is callable and still a module


def test_report_of_something_else_says_what_to_give() -> None:
    with pytest.raises(ctnat.ValidationError, match="Assessment"):
        ctnat.report("aze.yaml")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("parameter", "given", "choices"),
    [
        ("unknown", "ignore", "'exclude', 'not_met', 'propagate'"),
        ("rule", "ladders", "'additive', 'ladder'"),
        ("aggregator", 3, "'arithmetic', 'geometric'"),
    ],
)
def test_a_wrong_choice_lists_the_choices(parameter: str, given: object, choices: str) -> None:
    kwargs: dict[str, object] = {"unknown": "exclude", parameter: given}
    with pytest.raises(ctnat.ChoiceError, match=choices) as info:
        ctnat.score(examples.azerbaijan(), **kwargs)  # type: ignore[arg-type]
    assert info.value.reason.startswith(f"{parameter} must be one of")
    assert isinstance(info.value, ValueError)


def test_a_close_choice_is_suggested() -> None:
    with pytest.raises(ctnat.ChoiceError, match="did you mean 'ladder'"):
        ctnat.score(examples.azerbaijan(), unknown="exclude", rule="ladders")


def test_constructor_and_from_mapping_agree_without_warning() -> None:
    data = {
        "country": "KGZ",
        "round": "2026-01-01",
        "indicator_set": {"id": "ct-nat-2016"},
        "provenance": {"kind": "synthetic"},
        "statuses": [{"indicator": "1.1.F1", "status": "met"}],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        built = ctnat.Assessment(**data)  # type: ignore[arg-type]
    read = assessment.from_mapping(data)
    assert len(built.statuses) == 100
    assert len(built.notices) == 99
    assert built == read
    assert built.notices == read.notices


def test_short_reprs() -> None:
    a = examples.azerbaijan()
    card = ctnat.score(a, unknown="exclude")
    assert repr(a).startswith("<Assessment AZE 2016")
    assert len(repr(a)) < 200
    assert len(repr(card)) < 300
    assert len(str(card)) < 300
    c = ctnat.compare(examples.assessments(), unknown="exclude")
    assert len(repr(c)) < 300


def test_indicator_set_collections_are_properties() -> None:
    s = ctnat.indicators.builtin("ct-nat-2016")
    assert isinstance(s.categories, tuple)
    assert isinstance(s.criteria, tuple)
    assert isinstance(s.indicators, tuple)
    assert len(s.indicators) == 100
    assert len(s.criteria) == 25
    # the former method calls keep working
    assert s.indicators() == s.indicators
    assert s.criteria() == s.criteria
    assert len(s.indicators(include_retired=True)) == 100


def test_short_reprs_of_documents_worksheets_and_summaries() -> None:
    from ctnat.aggregate import summarize
    from ctnat.survey import builtin, read_responses

    doc = ctnat.report(examples.azerbaijan())
    assert repr(doc).startswith("<Document 'Needs Assessment")
    assert len(repr(doc)) < 200
    inst = builtin("ct-nat-2016-survey")
    responses = read_responses(ROOT / "tests" / "data" / "aze_survey_fixture.json", inst)
    summary = next(iter(summarize(responses, inst).values()))
    assert repr(summary).startswith(f"<ItemSummary {summary.item}: ")
    assert len(repr(summary)) < 400
    pytest.importorskip("openpyxl")
    sheet = ctnat.worksheet.read(ROOT / "tests" / "data" / "worksheet_handfilled.xlsx")
    assert repr(sheet).endswith(f"{len(sheet.problems)} problems>")
    assert len(repr(sheet)) < 200


def test_instrument_questions_are_a_tuple_like_its_sections() -> None:
    inst = ctnat.survey.builtin("ct-nat-2016-survey")
    assert isinstance(inst.sections, tuple)
    assert isinstance(inst.questions, tuple)
    assert inst.questions() == inst.questions
    assert inst.questions[0].id == inst.sections[0].questions[0].id
