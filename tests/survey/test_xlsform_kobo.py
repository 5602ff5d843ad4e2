"""The XLSForm round trip through KoboToolbox and country offices (real files)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ctnat.errors import ValidationError
from ctnat.survey import Instrument, QuestionType, builtin, read_xlsform

openpyxl = pytest.importorskip("openpyxl")
REAL = Path(__file__).parent.parent / "data" / "real" / "xlsform"
JAVA = shutil.which("java") is not None


def _then() -> Instrument:
    """The built-in survey as it was when the real files were made."""
    return Instrument.model_validate_json((REAL / "ctnat_form.instrument.json").read_text("utf-8"))


def _rows(path: Path, sheet: str) -> list[dict[str, str]]:
    wb = openpyxl.load_workbook(path)
    if sheet not in wb.sheetnames:
        return []
    rows = list(wb[sheet].iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [
        {h: str(v) for h, v in zip(header, r, strict=True) if v not in (None, "")}
        for r in rows[1:]
        if any(v not in (None, "") for v in r)
    ]


def kobo_download(src: Path, dst: Path) -> None:
    """What Kobo's "Download XLS" does to an imported form, as observed in X01 (checked
    against it below), plus the ``$kuid``/``$autoname``/``$autovalue`` columns newer
    Kobo versions add."""
    survey = _rows(src, "survey")
    choices = _rows(src, "choices")
    settings = _rows(src, "settings")[0]
    for i, r in enumerate(survey):
        if r.get("required") == "yes":
            r["required"] = "true"
        r["$kuid"] = f"k{i:05d}"
        if "name" in r:
            r["$autoname"] = r["name"]
    survey.append(
        {"type": "calculate", "name": "__version__", "calculation": "'vA7bX3mcp5Qe9kN2ShYt4W'"}
    )
    for i, r in enumerate(choices):
        r["$kuid"] = f"c{i:05d}"
        r["$autovalue"] = r["name"]
    new_settings = {
        "id_string": settings["form_id"],
        "version": "3 (2016-01-10 12:00:00)",
        "default_language": settings["default_language"],
    }
    wb = openpyxl.Workbook()
    for i, (title, rows) in enumerate(
        (("survey", survey), ("choices", choices), ("settings", [new_settings]))
    ):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        header: list[str] = []
        for r in rows:
            header += [k for k in r if k not in header]
        header.sort(key=lambda h: (h.startswith("$"), h.startswith("ctnat_")))  # Kobo reorders
        ws.append(header)
        for r in rows:
            ws.append([r.get(h) for h in header])
    wb.save(dst)


def _pyxform(path: Path) -> str:
    xls2xform = pytest.importorskip("pyxform.xls2xform")
    result = xls2xform.convert(xlsform=str(path), validate=JAVA)
    assert result.warnings == []
    return str(result.xform)


def test_the_simulated_download_matches_kobos_real_one(tmp_path):
    """The simulation used below does to ctnat_form.xlsx what Kobo did (X01)."""
    sim = tmp_path / "sim.xlsx"
    kobo_download(REAL / "ctnat_form.xlsx", sim)

    def plain(rows):
        return [{k: v for k, v in r.items() if not k.startswith("$")} for r in rows]

    assert plain(_rows(sim, "survey")) == _rows(REAL / "X01_kobo_download.xlsx", "survey")
    assert plain(_rows(sim, "choices")) == _rows(REAL / "X01_kobo_download.xlsx", "choices")
    assert _rows(sim, "settings") == _rows(REAL / "X01_kobo_download.xlsx", "settings")
    assert openpyxl.load_workbook(sim).sheetnames == ["survey", "choices", "settings"]


def test_real_form_and_kobos_download_read_back_to_the_instrument():
    then = _then()
    assert read_xlsform(REAL / "ctnat_form.xlsx") == then
    assert read_xlsform(REAL / "X01_kobo_download.xlsx") == then  # was: unknown scale 'adequacy'


def test_real_office_edit_keeps_its_language_and_question(tmp_path):
    back = read_xlsform(REAL / "X03_office_az_plus_q2_7.xlsx")
    assert back.languages == ("en", "az")
    assert back.question("3.1.5").label["az"].startswith("İndikatorlar")
    assert back.scale("adequacy").options[0].label == {
        "en": "Completely adequate",
        "az": "Tamamilə adekvat",
    }
    assert "az" not in back.scale("adequacy").options[2].label  # not filled by the office
    q = back.question("2.7")
    assert q.type is QuestionType.CHOOSE_ONE
    assert [o.name for o in q.options] == ["more", "less", "no_change"]
    assert q.label["az"] == "İqtisadi böhran insan alverini dəyişdirib?"
    assert back.section_of("2.7").id == "2"
    # everything else is the form as it was
    # the office's translation of the code question is kept (it was dropped)
    assert back.code_label == {"en": "Respondent code", "az": "Respondent kodu"}
    then = _then().model_dump()
    data = back.model_dump()
    for key in then:
        if key not in ("languages", "sections", "scales", "code_label"):
            assert data[key] == then[key], key
    # written again: the Azerbaijani columns are there, pyxform accepts it, it reads back
    out = tmp_path / "again.xlsx"
    back.to_xlsform(out)
    rows = {r.get("name"): r for r in _rows(out, "survey")}
    assert rows["q2_7"]["label::Azerbaijani (az)"] == "İqtisadi böhran insan alverini dəyişdirib?"
    assert rows["q3_1_6"]["label::Azerbaijani (az)"] == rows["q3_1_6"]["label::English (en)"]
    assert rows["code"]["label::Azerbaijani (az)"] == "Respondent kodu"
    assert "Azerbaijani (az)" in _pyxform(out)
    assert read_xlsform(out) == back
    kobo = tmp_path / "kobo.xlsx"
    kobo_download(out, kobo)
    assert read_xlsform(kobo) == back


@pytest.mark.parametrize("name", ["ct-nat-2016-survey", "ct-nat-2016-interview"])
def test_todays_form_survives_kobo(tmp_path, name):
    inst = builtin(name)
    path = tmp_path / "form.xlsx"
    inst.to_xlsform(path)
    assert openpyxl.load_workbook(path).sheetnames == ["survey", "choices", "settings"]
    _pyxform(path)
    kobo = tmp_path / "kobo.xlsx"
    kobo_download(path, kobo)  # its $kuid columns are Kobo's own, not for pyxform
    assert read_xlsform(kobo) == inst


def _add_rows(path: Path, rows: list[tuple[str, dict[str, str]]]) -> None:
    """Insert rows: each (name of the row to insert after, cells)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["survey"]
    for after, cells in rows:
        header = [c.value for c in ws[1]]
        for col in cells:
            if col not in header:
                ws.cell(row=1, column=len(header) + 1, value=col)
                header.append(col)
        names = [
            ws.cell(row=i, column=header.index("name") + 1).value for i in range(1, ws.max_row + 1)
        ]
        at = names.index(after) + 2 if after else 2
        ws.insert_rows(at)
        for col, value in cells.items():
            ws.cell(row=at, column=header.index(col) + 1, value=value)
    wb.save(path)


def _add_choices(path: Path, list_name: str, names: list[str]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["choices"]
    for n in names:
        ws.append([list_name, n, n.capitalize()])
    wb.save(path)


def test_metadata_and_ordinary_added_questions_read_back(tmp_path):
    path = tmp_path / "office.xlsx"
    builtin("ct-nat-2016-survey").to_xlsform(path)
    en = "label::English (en)"
    meta = [
        ("", {"type": t, "name": n})
        for t, n in [
            ("start", "start"),
            ("end", "end"),
            ("today", "today"),
            ("username", "username"),
            ("deviceid", "deviceid"),
            ("phonenumber", "phonenumber"),
            ("audit", "audit"),
        ]
    ]
    _add_rows(
        path,
        [
            *meta,
            ("q1_6", {"type": "select_one districts", "name": "district", en: "District"}),
            ("q2_6", {"type": "integer", "name": "staff", en: "Staff?", "constraint": ". >= 0"}),
            ("staff", {"type": "decimal", "name": "budget_share", en: "Share of budget"}),
            ("budget_share", {"type": "date", "name": "q2_9", en: "Since when?"}),
            ("q2_9", {"type": "text", "name": "Remarks_2", en: "Remarks", "required": "yes"}),
            ("Remarks_2", {"type": "select_one crisis", "name": "q2_7", en: "Crisis?"}),
            ("q3_1_7", {"type": "select_one adequacy", "name": "q3_1_8", en: "Hotline staff"}),
        ],
    )
    _add_choices(path, "districts", ["north", "south"])
    _add_choices(path, "crisis", ["more", "less"])
    back = read_xlsform(path)
    assert back.metadata == {
        "start": "start",
        "end": "end",
        "today": "today",
        "username": "username",
        "deviceid": "deviceid",
        "phonenumber": "phonenumber",
        "audit": "audit",
    }
    by_name = {q.name: q for q in back.questions()}
    district = by_name["district"]
    assert (district.id, district.type, district.profile) == (
        "1.7",
        QuestionType.CHOOSE_ONE,
        "district",
    )
    staff = by_name["staff"]
    assert staff.type is QuestionType.TEXT
    assert staff.xlsform == {"type": "integer", "constraint": ". >= 0"}
    assert staff.profile is None  # section 2 is not a profile section
    assert by_name["budget_share"].xlsform == {"type": "decimal"}
    assert by_name["q2_9"].id == "2.9"
    assert by_name["q2_9"].xlsform == {"type": "date"}
    remarks = by_name["Remarks_2"]
    assert remarks.required
    assert remarks.xlsform == {}
    # numbered after the highest number of the section (q2_9)
    assert {staff.id, by_name["budget_share"].id, remarks.id} == {"2.10", "2.11", "2.12"}
    assert by_name["q2_7"].options[0].name == "more"
    item = back.question("3.1.8")
    assert (item.type, item.scale, item.matrix) == (QuestionType.SCALE, "adequacy", "3.1")
    # written again: pyxform accepts it, the types are kept, and it reads back the same
    again = tmp_path / "again.xlsx"
    back.to_xlsform(again)
    xform = _pyxform(again)
    assert 'type="int"' in xform
    assert "jr:preload" in xform
    rows = {r.get("name"): r for r in _rows(again, "survey")}
    assert rows["staff"]["type"] == "integer"
    assert rows["staff"]["constraint"] == ". >= 0"
    assert rows["audit"]["type"] == "audit"
    assert read_xlsform(again) == back
    kobo = tmp_path / "kobo.xlsx"
    kobo_download(again, kobo)
    assert read_xlsform(kobo) == back


def test_unsupported_rows_are_located(tmp_path):
    path = tmp_path / "s.xlsx"
    builtin("ct-nat-2016-interview").to_xlsform(path)
    _add_rows(path, [("q1_2", {"type": "begin_repeat", "name": "people"})])
    with pytest.raises(ValidationError) as info:
        read_xlsform(path)
    rows = _rows(path, "survey")
    at = [r.get("name") for r in rows].index("people") + 2
    assert info.value.location == f"survey!row {at}"
    assert "repeated groups" in info.value.reason


def test_an_added_free_question_with_any_name(tmp_path):
    path = tmp_path / "s.xlsx"
    builtin("ct-nat-2016-interview").to_xlsform(path)
    _add_rows(path, [("q1_2", {"type": "text", "name": "my_extra"})])
    back = read_xlsform(path)
    q = back.question("1.3")
    assert (q.name, q.type, q.label) == ("my_extra", QuestionType.TEXT, {"en": "my_extra"})
    assert back.section_of("1.3").id == "1"


_FREE = ("integer", "decimal", "date", "text", "time", "datetime", "barcode", "geopoint")
_META = ("start", "end", "today", "username", "deviceid", "phonenumber", "audit", "email")
_names = st.from_regex(r"\A[a-z][a-z0-9_]{0,10}\Z", fullmatch=True).filter(
    lambda n: not re.match(r"^(q\d|s\d|m\d|code$|plan$)", n)
)
_added_rows = st.lists(
    st.tuples(
        st.sampled_from((*_FREE, *(f"meta:{m}" for m in _META), "select_one", "select_multiple")),
        _names,
        st.sampled_from(("q1_6", "q2_6", "q3_1_7", "q8_3")),
        st.booleans(),
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda r: r[1],
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking workbooks takes minutes
)
@given(rows=_added_rows)
def test_office_additions_read_back_and_survive_a_second_round_and_kobo(tmp_path_factory, rows):
    """Whatever free questions, metadata rows and selects an office adds (any valid name,
    anywhere), the form reads back, writes again, and reads back the same, also after Kobo."""
    tmp = tmp_path_factory.mktemp("office")
    path = tmp / "office.xlsx"
    builtin("ct-nat-2016-survey").to_xlsform(path)
    en = "label::English (en)"
    cells = []
    meta_names = {name for kind, name, _, _ in rows if kind.startswith("meta:")}
    for kind, name, after, required in rows:
        if kind.startswith("meta:"):
            cells.append(("", {"type": kind.removeprefix("meta:"), "name": name}))
            continue
        typ = f"{kind} {name}_list" if kind.startswith("select") else kind
        row = {"type": typ, "name": name, en: name.replace("_", " ").strip() or name}
        if required:
            row["required"] = "yes"
        cells.append((after, row))
        if kind.startswith("select"):
            _add_choices(path, f"{name}_list", ["a", "b"])
    _add_rows(path, cells)
    back = read_xlsform(path)
    assert set(back.metadata) == meta_names
    by_name = {q.name: q for q in back.questions()}
    for kind, name, _, required in rows:
        if kind.startswith("meta:"):
            continue
        q = by_name[name]
        assert q.required is required
        if kind in _FREE:
            assert q.type is QuestionType.TEXT
            assert q.xlsform.get("type", "text") == kind
        else:
            assert [o.name for o in q.options] == ["a", "b"]
    again = tmp / "again.xlsx"
    back.to_xlsform(again)
    assert read_xlsform(again) == back
    kobo = tmp / "kobo.xlsx"
    kobo_download(again, kobo)
    assert read_xlsform(kobo) == back


def test_columns_an_office_adds_to_existing_questions_are_kept(tmp_path):
    path = tmp_path / "s.xlsx"
    builtin("ct-nat-2016-survey").to_xlsform(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["survey"]
    header = [c.value for c in ws[1]]
    ws.cell(row=1, column=len(header) + 1, value="guidance_hint::English (en)")
    ws.cell(row=1, column=len(header) + 2, value="default")
    for row in ws.iter_rows(min_row=2):
        if row[header.index("name")].value == "q2_6":
            ws.cell(row=row[0].row, column=len(header) + 1, value="Ask for examples")
        if row[header.index("name")].value == "q1_6":
            ws.cell(row=row[0].row, column=len(header) + 2, value="female")
    wb.save(path)
    back = read_xlsform(path)
    assert back.question("2.6").xlsform == {"guidance_hint::English (en)": "Ask for examples"}
    assert back.question("1.6").xlsform == {"default": "female"}
    again = tmp_path / "again.xlsx"
    back.to_xlsform(again)
    rows = {r.get("name"): r for r in _rows(again, "survey")}
    assert rows["q2_6"]["guidance_hint::English (en)"] == "Ask for examples"
    assert rows["q1_6"]["default"] == "female"
    assert read_xlsform(again) == back
    assert "Ask for examples" in _pyxform(again)


def test_a_cascading_select_keeps_its_filter_and_choice_column(tmp_path):
    path = tmp_path / "s.xlsx"
    builtin("ct-nat-2016-survey").to_xlsform(path)
    en = "label::English (en)"
    row = {"type": "select_one districts", "name": "district", en: "District"}
    row["choice_filter"] = "country = ${q1_1}"
    _add_rows(path, [("q1_1_other", row)])
    wb = openpyxl.load_workbook(path)
    ws = wb["choices"]
    header = [c.value for c in ws[1]]
    ws.cell(row=1, column=len(header) + 1, value="country")
    for name, country in (("shirak", "armenia"), ("ganja", "azerbaijan"), ("imereti", "georgia")):
        ws.append([*(["districts", name, name.capitalize()] + [None] * (len(header) - 3)), country])
    wb.save(path)
    back = read_xlsform(path)
    q = back.question("1.7")
    assert q.name == "district"
    assert q.xlsform == {"choice_filter": "country = ${q1_1}"}
    assert [o.xlsform for o in q.options] == [
        {"country": "armenia"},
        {"country": "azerbaijan"},
        {"country": "georgia"},
    ]
    again = tmp_path / "again.xlsx"
    back.to_xlsform(again)
    assert "country = " in _pyxform(again)
    assert read_xlsform(again) == back


_junk = st.one_of(
    st.sampled_from(
        [
            "",
            "{",
            "[1]",
            "{}",
            "abc",
            "select_one",
            "begin_group",
            "end_group",
            "3.x",
            "-1",
            "select_multiple nowhere",
            "integer",
            "note",
            "=1+1",
            "q9_9",
            "null",
            '{"a": 1}',
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(data=st.data())
def test_a_damaged_form_gives_a_ctnat_error_or_an_instrument(tmp_path_factory, data):
    """Whatever cell of the survey or choices sheet is damaged, the reader either reads
    an instrument or raises a CtnatError naming the file; never anything else."""
    from ctnat.errors import CtnatError

    tmp = tmp_path_factory.mktemp("damaged")
    path = tmp / "form.xlsx"
    source = REAL / data.draw(st.sampled_from(["ctnat_form.xlsx", "X01_kobo_download.xlsx"]))
    wb = openpyxl.load_workbook(source)
    for _ in range(data.draw(st.integers(1, 3))):
        ws = wb[data.draw(st.sampled_from(["survey", "choices"]))]
        row = data.draw(st.integers(2, ws.max_row))
        col = data.draw(st.integers(1, ws.max_column))
        value = data.draw(_junk)
        ws.cell(row=row, column=col, value=value or None)
    wb.save(path)
    try:
        read_xlsform(path)
    except CtnatError as exc:
        assert exc.file == str(path)


def test_scales_are_rebuilt_when_the_choices_columns_are_dropped(tmp_path):
    """Should a Kobo version drop unknown choices columns, the scales of a built-in form
    are rebuilt from their names; another list used as a scale gets its middle point."""
    inst = builtin("ct-nat-2016-survey")
    path = tmp_path / "s.xlsx"
    inst.to_xlsform(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["choices"]
    header = [c.value for c in ws[1]]
    ws.delete_cols(header.index("ctnat_scale") + 1)
    wb.save(path)
    assert read_xlsform(path) == inst
    wb = openpyxl.load_workbook(path)
    survey_header = [c.value for c in wb["survey"][1]]
    wb["survey"].delete_cols(survey_header.index("ctnat_form") + 1)
    settings_ws = wb["settings"]
    settings_ws.cell(row=2, column=2, value="office-form")  # not a built-in's id
    for row in wb["choices"].iter_rows(min_row=2):
        if row[0].value == "ease":
            row[0].value = "ease2"
    for row in wb["survey"].iter_rows(min_row=2):
        if row[0].value == "select_one ease":
            row[0].value = "select_one ease2"
    wb.save(path)
    back = read_xlsform(path)
    assert (back.id, back.version, back.label()) == ("office-form", "2016", inst.label())
    assert back.scale("ease2").neutral == 3
    assert back.scale("adequacy") == inst.scale("adequacy")  # matched by name and options
    assert back.question("7.3.1").scale == "ease2"


def test_a_labels_export_headed_by_the_offices_code_label_reads_its_codes(tmp_path):
    """K06 (a real Kobo "Labels" export) with its code column headed as the office's
    Azerbaijani form says it: the codes come from that column, not from _uuid."""
    from ctnat.survey import read_responses

    office = read_xlsform(REAL / "X03_office_az_plus_q2_7.xlsx")
    source = REAL.parent / "kobo" / "K06_labels_nogroups_both.csv"
    text = source.read_text(encoding="utf-8-sig")
    assert text.startswith('"Respondent code";')
    export = tmp_path / "K06_az_code_header.csv"
    export.write_text(text.replace('"Respondent code";', '"Respondent kodu";', 1), encoding="utf-8")
    truth = json.loads((REAL.parent / "respondents.json").read_text(encoding="utf-8"))
    rs = read_responses(export, office)
    assert rs.codes == tuple(r["code"] for r in truth)
    assert "Respondent kodu" not in {i.column for i in rs.ignored}
    # the built-in form does not know the office's wording: the column is listed, unread
    plain = read_responses(export, "ct-nat-2016-survey")
    assert "Respondent kodu" in {i.column for i in plain.ignored}
