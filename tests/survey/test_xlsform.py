"""XLSForm export checked by the real pyxform (and ODK Validate where Java is present)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ctnat.errors import FileFormatError
from ctnat.survey import Instrument, builtin, read_xlsform

openpyxl = pytest.importorskip("openpyxl")
DATA = Path(__file__).parent.parent / "data"
JAVA = shutil.which("java") is not None


def _sheet(path, name):
    wb = openpyxl.load_workbook(path)
    ws = wb[name]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = rows[0]
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


@pytest.fixture(scope="module", params=["ct-nat-2016-survey", "ct-nat-2016-interview"])
def exported(request, tmp_path_factory):
    inst = builtin(request.param)
    path = tmp_path_factory.mktemp("xlsform") / f"{request.param}.xlsx"
    inst.to_xlsform(path)
    return inst, path


def test_pyxform_accepts_the_builtin_forms(exported):
    xls2xform = pytest.importorskip("pyxform.xls2xform")
    inst, path = exported
    result = xls2xform.convert(xlsform=str(path), validate=JAVA)
    assert result.warnings == []
    assert f'id="{inst.id}"' in result.xform
    for q in inst.questions()[:5]:
        assert q.name in result.xform


def test_round_trip(exported):
    inst, path = exported
    assert read_xlsform(path) == inst


def test_survey_sheet_rules(tmp_path):
    survey = builtin("ct-nat-2016-survey")
    path = tmp_path / "s.xlsx"
    survey.to_xlsform(path)
    rows = {r["name"]: r for r in _sheet(path, "survey") if r["name"]}
    assert rows["q3_1_5"]["type"] == "select_one adequacy"
    assert (
        rows["q3_1_5"]["label::English (en)"]
        == "Indicators, screening checklists, other identification tools"
    )
    assert rows["q2_2"]["constraint"] == "count-selected(.) = 3"
    assert rows["q2_3"]["constraint"] == "count-selected(.) <= 3"
    assert rows["q2_2_other"]["relevant"] == "selected(${q2_2}, 'other')"
    assert rows["q2_2_1"]["choice_filter"] == "selected(${q2_2}, name)"
    rank = rows["q2_4_adult_males"]["constraint"]
    assert rank.startswith(". >= 1 and . <= 4")
    assert "${q2_4_adult_females}" in rank
    assert "${q2_4_adult_males}" not in rank
    assert rows["q8_1_rank3"]["constraint"] == ". != ${q8_1_rank1} and . != ${q8_1_rank2}"
    assert "${q8_1_rank2} = 'Q'" in rows["q8_1_other"]["relevant"]
    assert rows["code"]["constraint"] == "regex(., '^[A-Z]{3}sur[1-9][0-9]*$')"
    assert rows["m3_1"]["appearance"] == "field-list"
    choices = _sheet(path, "choices")
    agreement = [c["name"] for c in choices if c["list_name"] == "agreement"]
    assert agreement == ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree"]
    settings = _sheet(path, "settings")[0]
    assert settings["form_id"] == "ct-nat-2016-survey"
    assert settings["default_language"] == "English (en)"


def test_interview_routing_in_the_form(tmp_path):
    guide = builtin("ct-nat-2016-interview")
    path = tmp_path / "g.xlsx"
    guide.to_xlsform(path)
    rows = {r["name"]: r for r in _sheet(path, "survey") if r["name"]}
    assert rows["plan"]["constraint"] == "count-selected(.) >= 2 and count-selected(.) <= 3"
    assert rows["s4"]["relevant"] == "selected(${plan}, 's4')"
    assert not rows["s7"]["relevant"]


def test_kobo_export_headers_are_form_fields(tmp_path):
    """The hand-written Kobo export uses the names of the generated form."""
    survey = builtin("ct-nat-2016-survey")
    path = tmp_path / "s.xlsx"
    survey.to_xlsform(path)
    rows = _sheet(path, "survey")
    names = {r["name"] for r in rows if r["name"]}
    with (DATA / "kobo_ct_nat_2016_survey.csv").open(encoding="utf-8") as fh:
        header = next(csv.reader(fh, delimiter=";"))
    for h in header:
        if h.startswith("_") or h in ("start", "end"):
            continue
        path_parts = h.split("/")
        if path_parts[-1] in names:
            assert all(p in names for p in path_parts), h  # groups are form groups too
        else:  # a 0/1 column: <question>/<option>
            assert path_parts[-2] in names, h


def test_multilingual_labels_round_trip(tmp_path):
    survey = builtin("ct-nat-2016-survey")
    data = survey.model_dump(mode="json")
    data["languages"] = ["en", "az"]
    q = data["sections"][2]["questions"][4]
    assert q["id"] == "3.1.5"
    q["label"]["az"] = "İndikatorlar, skrininq siyahıları, digər identifikasiya vasitələri"  # noqa: RUF001
    data["scales"][0]["options"][0]["label"]["az"] = "Tamamilə adekvat"
    inst = Instrument.model_validate(data)
    path = tmp_path / "az.xlsx"
    inst.to_xlsform(path)
    rows = {r["name"]: r for r in _sheet(path, "survey") if r["name"]}
    assert rows["q3_1_5"]["label::Azerbaijani (az)"].startswith("İndikatorlar")
    assert rows["q3_1_6"]["label::Azerbaijani (az)"] == rows["q3_1_6"]["label::English (en)"]
    back = read_xlsform(path)
    assert back == inst  # English copies standing in for missing translations are dropped
    assert back.question("3.1.5").label == q["label"]
    assert back.scale("adequacy").options[0].label == {
        "en": "Completely adequate",
        "az": "Tamamilə adekvat",
    }
    xls2xform = pytest.importorskip("pyxform.xls2xform")
    assert "Azerbaijani (az)" in xls2xform.convert(xlsform=str(path)).xform


def test_office_edits_come_back(tmp_path):
    path = tmp_path / "s.xlsx"
    builtin("ct-nat-2016-survey").to_xlsform(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["survey"]
    header = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    for row in ws.iter_rows(min_row=2):
        if row[col["name"]].value == "q3_1_5":
            row[col["label::English (en)"]].value = "Identification tools (indicators, checklists)"
        if row[col["name"]].value == "q2_6":
            new = [None] * len(header)
            new[col["type"]] = "select_multiple q2_3"
            new[col["name"]] = "q2_7"
            new[col["label::English (en)"]] = "Which sectors grow fastest?"
            new[col["constraint"]] = "count-selected(.) <= 2"
            target = row[0].row + 1
    ws.insert_rows(target)
    for i, v in enumerate(new, start=1):
        ws.cell(row=target, column=i, value=v)
    wb.save(path)
    back = read_xlsform(path)
    assert back.question("3.1.5").text() == "Identification tools (indicators, checklists)"
    q = back.question("2.7")
    assert q.type.value == "choose_at_most"
    assert q.count == 2
    assert q.text() == "Which sectors grow fastest?"
    assert [o.name for o in q.options] == [o.name for o in back.question("2.3").options]
    assert q.other_option is None  # no q2_7_other field was added


def test_formula_like_labels_are_neutralised(tmp_path):
    data = builtin("ct-nat-2016-interview").model_dump(mode="json")
    data["sections"][0]["questions"][0]["label"]["en"] = '=HYPERLINK("x")'
    inst = Instrument.model_validate(data)
    path = tmp_path / "g.xlsx"
    inst.to_xlsform(path)
    wb = openpyxl.load_workbook(path)
    cells = [c.value for row in wb["survey"].iter_rows() for c in row]
    assert '\'=HYPERLINK("x")' in cells
    assert read_xlsform(path) == inst


def test_not_an_xlsform(tmp_path):
    path = tmp_path / "x.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "data"
    wb.save(path)
    with pytest.raises(FileFormatError, match="no 'survey' sheet"):
        read_xlsform(path)
    path.write_bytes(b"nope")
    with pytest.raises(FileFormatError, match="not a readable XLSX"):
        read_xlsform(path)
