"""Issue 13.5: every message in the users' words, with its place and a fix; no follow-on noise."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import ctnat
from ctnat import CtnatError, LanguageWarning, assessment, indicators
from ctnat._messages import did_you_mean, yaml_reason
from ctnat.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = (ROOT / "docs" / "examples" / "ct-nat-2016-aze.yaml").read_text(encoding="utf-8")

BASE = """\
country: KGZ
round: 2026-05-15
indicator_set: {id: ct-nat-2016}
provenance: {kind: synthetic}
"""


def _problems(error: CtnatError) -> list[tuple[str, str]]:
    return [(p.location, p.reason) for p in error.problems]


def _assessment_error(text: str) -> CtnatError:
    with pytest.raises(CtnatError) as info:
        assessment.loads(text, file="a.yaml")
    return info.value


def _extension_error(tmp_path: Path, text: str) -> CtnatError:
    path = tmp_path / "ext.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CtnatError) as info:
        indicators.load(path)
    assert info.value.file == str(path)
    return info.value


def test_country_name_instead_of_code() -> None:
    error = _assessment_error(BASE.replace("KGZ", "Kyrgyzstan"))
    assert _problems(error) == [
        (
            "country",
            (
                "country must be a three-letter ISO code such as 'KGZ' "
                "(got 'Kyrgyzstan'; Kyrgyzstan is 'KGZ')"
            ),
        )
    ]


def test_country_in_lower_case() -> None:
    error = _assessment_error(BASE.replace("KGZ", "kgz"))
    assert "write it in capitals: 'KGZ'" in error.reason


def test_status_not_among_the_choices() -> None:
    error = _assessment_error(BASE + "statuses: [{indicator: 1.1.F1, status: partly}]\n")
    assert _problems(error) == [
        (
            "statuses[0].status",
            (
                "must be one of 'met', 'partly_met', 'not_met', 'unknown', 'not_applicable' "
                "(got 'partly'; did you mean 'partly_met'?)"
            ),
        )
    ]


def test_date_in_words() -> None:
    error = _assessment_error(BASE.replace("2026-05-15", "May 2026"))
    assert _problems(error) == [
        ("round", "must be a date written YYYY-MM-DD, e.g. 2026-05-15 (got 'May 2026')")
    ]


def test_mistyped_indicator_id_suggests_the_closest() -> None:
    error = _assessment_error(BASE + "statuses: [{indicator: 1.3.F3, status: met}]\n")
    (problem,) = error.problems
    assert problem.location == "statuses[0].indicator"
    assert problem.hint is not None
    assert "did you mean '1.3.F" in problem.hint


def test_mistyped_source_suggests_the_bibliography_entry() -> None:
    text = (
        BASE
        + "bibliography: [{code: Aze 30, title: GRETA report 2014}]\n"
        + "statuses: [{indicator: 1.1.F1, status: met, evidence: [{source: Aze30}]}]\n"
    )
    (problem,) = _assessment_error(text).problems
    assert problem.location == "statuses[0].evidence[0].source"
    assert problem.hint is not None
    assert problem.hint.startswith("did you mean 'Aze 30'?")


def test_zero_for_letter_o_gives_one_problem_not_three(tmp_path: Path) -> None:
    error = _extension_error(tmp_path, EXTENSION.replace("- id: 1.6.O2", "- id: 1.6.02"))
    assert _problems(error) == [
        (
            "add.criteria[0].indicators[3].id",
            (
                "not an indicator id like '1.3.F2' (criterion, F or O, level) "
                "(got '1.6.02'; a zero typed for the letter O? write '1.6.O2')"
            ),
        )
    ]


def test_mistyped_file_key(tmp_path: Path) -> None:
    error = _extension_error(tmp_path, EXTENSION.replace("\nreword:", "\nrewrod:"))
    assert _problems(error) == [("rewrod", "unknown key 'rewrod' (did you mean 'reword'?)")]


def test_mistyped_nested_key(tmp_path: Path) -> None:
    error = _extension_error(
        tmp_path, EXTENSION.replace("    reason: Simpler", "    raeson: Simpler")
    )
    assert _problems(error) == [
        ("reword[0].raeson", "unknown key 'raeson' (did you mean 'reason'?)")
    ]


def test_bad_indentation(tmp_path: Path) -> None:
    error = _extension_error(tmp_path, EXTENSION.replace("\n  indicators:\n", "\n   indicators:\n"))
    (problem,) = error.problems
    assert problem.reason == "not valid YAML: the indentation does not match the lines above"
    assert problem.location.startswith("line 28,")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: b: c\n", "a ':' where none was expected"),
        ("a:\n\t- b\n", "a tab character: indent with spaces, not tabs"),
        ('a: "open\n', "a quote is opened and not closed"),
        ("a: [1, 2\n", "a '[' or '{' is not closed"),
        ("a: 1\na: 2\n", "duplicate key 'a'"),
    ],
)
def test_yaml_mistakes_in_words(text: str, words: str) -> None:
    with pytest.raises(ctnat.FileFormatError) as info:
        assessment.loads(text, file="x.yaml")
    assert words in info.value.reason
    assert info.value.location.startswith("line ")


def test_unknown_yaml_problem_is_kept() -> None:
    assert yaml_reason("something new") == "not valid YAML: something new"


def test_did_you_mean_gives_nothing_when_nothing_is_close() -> None:
    assert did_you_mean("xyz", ["met", "not_met"]) is None
    assert did_you_mean("ct-nat-2061", ["ct-nat-2016"]) == "did you mean 'ct-nat-2016'?"


def test_builtin_set_mistyped() -> None:
    with pytest.raises(ctnat.NotFoundError) as info:
        indicators.builtin("ct-nat-2061")
    assert info.value.problems[0].hint == "did you mean 'ct-nat-2016'?"


def test_indicator_lookup_mistyped() -> None:
    with pytest.raises(ctnat.NotFoundError) as info:
        indicators.builtin("ct-nat-2016").indicator("1.3.f2")
    assert info.value.problems[0].hint is not None
    assert "'1.3.F2'" in info.value.problems[0].hint


def test_language_without_labels_warns_naming_the_languages(tmp_path: Path) -> None:
    path = tmp_path / "ext.yaml"
    path.write_text(EXTENSION, encoding="utf-8")
    s = indicators.load(path)
    with pytest.warns(LanguageWarning, match=r"no labels in 'ax', only in 'en', 'az'") as record:
        s.check_language("ax")
    assert "did you mean 'az'?" in str(record[0].message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s.check_language("az")
        s.check_language(None)


def test_cli_language_warning(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["indicators", "--lang", "xx"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("ctnat: warning: the indicator set ct-nat-2016 has no labels in 'xx'")


def test_report_language_warning(tmp_path: Path) -> None:
    a = ctnat.examples.azerbaijan()
    with pytest.warns(LanguageWarning, match="only in 'en'"):
        ctnat.report(a, lang="fr")
