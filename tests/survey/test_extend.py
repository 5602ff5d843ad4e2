"""Extending an instrument with a YAML file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctnat.errors import NotFoundError, ValidationError
from ctnat.survey import builtin, load_instrument, read_xlsform

DATA = Path(__file__).parent.parent / "data"
EXT = DATA / "survey_extension_aze.yaml"


def test_extension_applies_every_change():
    base = builtin("ct-nat-2016-survey")
    s = load_instrument(EXT)
    assert (s.id, s.version, s.extends) == (
        "ct-nat-2016-survey-aze",
        "2026.1",
        "ct-nat-2016-survey@2016",
    )
    assert s.languages == ("en", "az")
    assert s.question("3.1.5").label == {
        "en": "Indicators, screening checklists, other identification tools",
        "az": "İndikatorlar, skrininq siyahıları, digər identifikasiya vasitələri",  # noqa: RUF001
    }
    assert s.question("3.1.5").text("az").startswith("İndikatorlar")
    assert s.question("3.1.6").text("az") == base.question("3.1.6").text()  # falls back to English
    assert s.scale("adequacy").option("adequate").label["az"] == "Adekvat"
    assert s.question("1.6").options[0].label["az"] == "Qadın"  # noqa: RUF001
    assert s.section("3").title["az"] == "İdentifikasiya və yönləndirmə"
    assert s.question("2.5").text().endswith("in the country where you work?")
    ids = [q.id for q in s.section("2").questions]
    assert ids == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7"]
    with pytest.raises(NotFoundError):
        s.question("2.2.1")
    kinds = [(c.kind, c.target) for c in s.changes]
    assert kinds == [("retire", "2.2.1"), ("reword", "2.5"), ("add", "2.7"), ("translate", "az")]
    assert len(s.scale_items()) == 62


def test_extension_round_trips_through_xlsform(tmp_path):
    pytest.importorskip("openpyxl")
    s = load_instrument(EXT)
    s.to_xlsform(tmp_path / "aze.xlsx")
    assert read_xlsform(tmp_path / "aze.xlsx") == s
    xls2xform = pytest.importorskip("pyxform.xls2xform")
    assert xls2xform.convert(xlsform=str(tmp_path / "aze.xlsx")).warnings == []


def test_extension_of_an_extension(tmp_path):
    (tmp_path / "base.yaml").write_text(EXT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "next.yaml").write_text(
        "extends: base.yaml\nid: next\nversion: '2027'\n"
        "retire:\n  - {question: '2.7', reason: 'one round only'}\n",
        encoding="utf-8",
    )
    s = load_instrument(tmp_path / "next.yaml")
    assert s.extends == "ct-nat-2016-survey-aze@2026.1"
    assert [c.kind for c in s.changes][-1] == "retire"
    assert "2.7" not in {q.id for q in s.questions()}


def test_extension_problems_are_located(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "extends: ct-nat-2016-survey\nid: x\nversion: '1'\n"
        "translate:\n  az:\n    questions: {'3.1.99': 'x'}\n    options: {'adequacy/nope': 'y'}\n"
        "retire:\n  - {question: '9.9', reason: 'r'}\n"
        "add:\n  - {section: '2', after: '2.99', question: {id: '2.8', type: text, label: {en: t}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        load_instrument(path)
    where = {p.location: p.reason for p in info.value.problems}
    assert where["retire[0]"] == "no question 9.9 to retire"
    assert where["add[0].after"] == "no question 2.99 in section 2 to add after"
    assert where["translate.az.questions.3.1.99"] == "no question 3.1.99"
    assert where["translate.az.options.adequacy/nope"].startswith("no option 'nope'")
    assert all(p.file == str(path) for p in info.value.problems)


def test_unknown_base_and_bad_fields(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("extends: nowhere\nid: x\nversion: '1'\n", encoding="utf-8")
    with pytest.raises(NotFoundError, match="neither built in nor a file"):
        load_instrument(path)
    path.write_text(
        "extends: ct-nat-2016-survey\nid: x\nversion: '1'\nrenumber: yes\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError) as info:
        load_instrument(path)
    assert info.value.location == "renumber"


def test_adding_a_duplicate_question_is_refused(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(
        "extends: ct-nat-2016-survey\nid: x\nversion: '1'\n"
        "add:\n  - {section: '2', question: {id: '2.6', type: text, label: {en: t}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="repeated"):
        load_instrument(path)
