"""Translations as a workflow: export a translators' workbook, import it as an extension."""

from __future__ import annotations

import pytest

from ctnat.cli import main
from ctnat.errors import FileFormatError, ValidationError
from ctnat.survey import (
    Instrument,
    builtin,
    extend_instrument,
    load_instrument,
    read_xlsform,
    template,
)
from ctnat.survey.translations import (
    export_translations,
    import_translations,
    source_hash,
    translation_entries,
)

openpyxl = pytest.importorskip("openpyxl")


def _fill(path, lang, texts):
    """Play the translator: write ``texts`` (key -> text) into the sheet of ``lang``."""
    wb = openpyxl.load_workbook(path)
    ws = wb[lang]
    for row in ws.iter_rows(min_row=2):
        if row[0].value in texts:
            row[2].value = texts[row[0].value]
    wb.save(path)


def test_the_workbook_has_one_sheet_per_language_with_the_source_beside_empty_cells(tmp_path):
    survey = builtin("ct-nat-2016-survey")
    path = tmp_path / "tr.xlsx"
    export_translations(survey, ["ky", "ru"], path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["about", "ky", "ru"]
    rows = list(wb["ru"].iter_rows(values_only=True))
    assert rows[0] == ("key", "English (en)", "Russian (ru)", "source hash")
    entries = translation_entries(survey)
    assert len(rows) == len(entries) + 1
    by_key = {r[0]: r for r in rows[1:]}
    row = by_key["questions/3.1.5"]
    assert row[1] == "Indicators, screening checklists, other identification tools"
    assert row[2] is None
    assert row[3] == source_hash(row[1])
    assert by_key["options/adequacy/adequate"][1] == "Adequate"
    assert by_key["headings/confidentiality"][1] == "Confidentiality"
    assert by_key["notes/confidentiality"][1].startswith("Your responses will be kept")
    assert by_key["options/1.1/azerbaijan"][1] == "Azerbaijan"
    assert {r[0] for r in rows[1:]} == {e.key for e in entries}


def test_round_trip_into_an_extension_and_an_xlsform(tmp_path):
    survey = builtin("ct-nat-2016-survey")
    path = tmp_path / "tr.xlsx"
    export_translations(survey, ["ru"], path)
    texts = {
        "title": "Оценка потребностей",
        "questions/3.1.5": "=Индикаторы, контрольные списки",  # a formula-like text stays text
        "options/adequacy/adequate": "Адекватно",
        "sections/3": "Выявление и направление",
        "notes/confidentiality": "Ваши ответы конфиденциальны.",
        "headings/confidentiality": "Конфиденциальность",
        "hints/1.1": "Выберите ответ.",
    }
    _fill(path, "ru", texts)
    result = import_translations(path, survey)
    ext = result.extension
    assert ext.extends == "ct-nat-2016-survey"
    assert ext.translate["ru"].questions == {"3.1.5": "=Индикаторы, контрольные списки"}
    assert result.stale == ()
    assert len(result.missing) == len(translation_entries(survey)) - len(texts)
    assert ("ru", "questions/3.1.6") in result.missing
    assert "ru: 7 translated" in result.summary()
    ru = extend_instrument(survey, ext)
    assert ru.languages == ("en", "ru")
    assert ru.question("3.1.5").label["ru"] == "=Индикаторы, контрольные списки"
    assert ru.scale("adequacy").option("adequate").text("ru") == "Адекватно"
    assert ru.preamble[2].heading == {"en": "Confidentiality", "ru": "Конфиденциальность"}
    form = tmp_path / "ru.xlsx"
    ru.to_xlsform(form)
    assert read_xlsform(form) == ru
    # exported again, the workbook carries the translations already made
    again = tmp_path / "again.xlsx"
    export_translations(ru, ["ru"], again)
    rows = {r[0]: r for r in openpyxl.load_workbook(again)["ru"].iter_rows(values_only=True)}
    assert rows["sections/3"][2] == "Выявление и направление"


def test_changed_source_text_makes_a_translation_stale(tmp_path):
    survey = builtin("ct-nat-2016-survey")
    path = tmp_path / "tr.xlsx"
    export_translations(survey, ["ru"], path)
    _fill(path, "ru", {"questions/3.1.5": "Индикаторы", "questions/3.1.6": "Самоидентификация"})
    data = survey.model_dump(mode="json")
    data["sections"][2]["questions"][4]["label"]["en"] = "Identification tools (indicators)"
    reworded = Instrument.model_validate(data)
    result = import_translations(path, reworded)
    assert result.stale == (("ru", "questions/3.1.5"),)
    assert result.extension.translate["ru"].questions == {"3.1.6": "Самоидентификация"}
    assert "1 stale" in result.summary()


def test_unknown_rows_and_bad_workbooks(tmp_path):
    survey = builtin("ct-nat-2016-survey")
    path = tmp_path / "tr.xlsx"
    export_translations(survey, ["ru"], path)
    wb = openpyxl.load_workbook(path)
    wb["ru"].append(["questions/99.1", "Gone", "Пропало", "x"])
    wb.save(path)
    assert import_translations(path, survey).unknown == (("ru", "questions/99.1"),)
    with pytest.raises(ValidationError, match="source language"):
        export_translations(survey, ["en"], tmp_path / "x.xlsx")
    with pytest.raises(ValidationError, match="unknown language code .russian."):
        export_translations(survey, ["russian"], tmp_path / "x.xlsx")
    bad = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "ru"
    wb.active.append(["what", "ever"])
    wb.save(bad)
    with pytest.raises(FileFormatError, match="does not start with the columns"):
        import_translations(bad, survey)


def test_a_template_keeps_its_placeholders_for_the_translator(tmp_path):
    path = tmp_path / "tr.xlsx"
    export_translations(template("ct-nat-2016-survey"), ["ky"], path)
    rows = {r[0]: r for r in openpyxl.load_workbook(path)["ky"].iter_rows(values_only=True)}
    assert "{region}" in rows["questions/7.3.3"][1]


def test_the_cli_group(tmp_path, capsys):
    out = tmp_path / "tr.xlsx"
    assert (
        main(
            [
                "survey",
                "translations",
                "export",
                "ct-nat-2016-interview",
                str(out),
                "--lang",
                "ky,ru",
            ]
        )
        == 0
    )
    assert "to translate into ky, ru" in capsys.readouterr().out
    _fill(out, "ky", {"questions/1.1": "Сиздин кызматыңыз кандай?"})
    ext = tmp_path / "ext.yaml"
    code = main(
        [
            "survey",
            "translations",
            "import",
            str(out),
            "--form",
            "ct-nat-2016-interview",
            "--out",
            str(ext),
            "--strict",
        ]
    )
    assert code == 2  # entries are missing
    text = capsys.readouterr().out
    assert "ky: 1 translated" in text
    assert "ru: 0 translated" in text
    guide = load_instrument(ext)
    assert guide.question("1.1").label["ky"] == "Сиздин кызматыңыз кандай?"
    assert guide.languages == ("en", "ky", "ru")
    # from an XLSForm file: the extension names it by a relative path
    form = tmp_path / "forms" / "guide.xlsx"
    form.parent.mkdir()
    builtin("ct-nat-2016-interview").to_xlsform(form)
    export = ["survey", "translations", "export", str(form), str(out), "--lang", "ky"]
    assert main(export) == 2  # the workbook exists: never replaced unless told to
    assert main([*export, "--force"]) == 0
    imp = ["survey", "translations", "import", str(out), "--form", str(form), "--out", str(ext)]
    assert main([*imp, "--force"]) == 0
    assert "extends: forms/guide.xlsx" in ext.read_text(encoding="utf-8")
