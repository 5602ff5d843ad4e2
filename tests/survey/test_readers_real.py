"""Every real Kobo/ODK export of tests/data/real (see its README) reads all 8 respondents."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ctnat.survey import Instrument, Question, QuestionType, builtin, read_responses
from ctnat.survey.layout import form_fields

REAL = Path(__file__).parent.parent / "data" / "real"
SURVEY = builtin("ct-nat-2016-survey")
TRUTH = json.loads((REAL / "respondents.json").read_text(encoding="utf-8"))
EXPORTS = sorted(p for p in (*REAL.glob("kobo/*"), *REAL.glob("odk/*")))


def expected(rec: dict[str, str]) -> tuple[dict, dict, dict]:
    """A respondents.json record (XLSForm field names) as (profile, answers, other)."""
    profile: dict = {}
    answers: dict = {}
    other: dict = {}
    for f in form_fields(SURVEY):
        v = rec.get(f.name)
        if not v:
            continue
        q = SURVEY.question(f.question)
        if f.part == "other":
            other[q.id] = v
        elif f.part == "rank":
            answers.setdefault(q.id, {})[f.option] = int(v)
        elif f.part == "slot":
            answers.setdefault(q.id, {})[v] = f.slot
        elif q.profile:
            profile[q.profile] = v
        else:
            answers[q.id] = tuple(v.split()) if q.type.is_multiple else v
    return profile, answers, other


def test_all_23_layouts_are_here():
    assert len(EXPORTS) == 19  # 13 Kobo, 4 Central, 2 Briefcase (+ the forms under xlsform/)
    forms = sorted(p.name for p in REAL.glob("xlsform/*.xlsx"))
    assert forms == ["X01_kobo_download.xlsx", "X03_office_az_plus_q2_7.xlsx", "ctnat_form.xlsx"]


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.name)
def test_every_export_reads_all_respondents_with_defaults(path):
    rs = read_responses(path, SURVEY)
    assert rs.records_read == 8
    assert rs.rejected == ()
    assert rs.codes == tuple(r["code"] for r in TRUTH)
    for rec in TRUTH:
        profile, answers, other = expected(rec)
        got = rs.response(rec["code"])
        assert got.profile == profile
        assert got.answers == answers
        assert got.other == other
    # partial answers the form accepts are kept (README: AZEsur5, AZEsur6)
    assert rs.response("AZEsur5").answers["2.4"] == {"adult_females": 1, "female_children": 2}
    assert rs.response("AZEsur6").answers["8.1"] == {"D": 1}


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.name)
def test_no_user_names_device_ids_or_gps_are_kept(path):
    rs = read_responses(path, SURVEY)
    kept = {k for r in rs.responses for k in r.meta}
    assert not kept & {"_submitted_by", "SubmitterName", "SubmitterID", "DeviceID", "_geolocation"}
    values = {v for r in rs.responses for v in r.meta.values()}
    assert not any("enumerator" in v or "Nigar" in v or "collect:" in v for v in values)
    dropped = set(rs.ignored_columns)
    if "kobo" in path.parts:
        assert "_submitted_by" in dropped
    if path.name.startswith("C"):
        assert {"SubmitterName", "DeviceID"} <= dropped


def test_a_named_meta_field_is_kept_on_request():
    rs = read_responses(
        REAL / "kobo/K04_xml_nogroups_both.csv", SURVEY, keep_meta=["_submitted_by"]
    )
    assert rs.response("AZEsur1").meta["_submitted_by"] == "aze_enumerator"
    assert "_submitted_by" not in rs.ignored_columns


def test_kobo_json_validation_status_keeps_no_user_name():
    rs = read_responses(REAL / "kobo/K12_api_v2_data.json", SURVEY)
    text = json.dumps([r.meta for r in rs.responses])
    assert "by_whom" not in text
    raw = (REAL / "kobo/K12_api_v2_data.json").read_text(encoding="utf-8")
    if "by_whom" in raw:
        assert "by_whom" not in text


def test_xlsx_text_stored_as_formula_reads_its_text_not_the_cached_value():
    rs = read_responses(REAL / "kobo/K01_default_xml_nogroups_both.xlsx", SURVEY)
    assert rs.response("AZEsur3").answers["8.3"] == "=SUM is not a formula; - neither is this"


def _without_code(src: Path, dst: Path) -> None:
    sep = ";" if src.name.startswith("K") else ","
    with src.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=sep))
    j = rows[0].index("code")
    with dst.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=sep).writerows([r[:j] + r[j + 1 :] for r in rows])


def test_codes_are_made_from_the_submission_when_there_is_no_code_column(tmp_path):
    kobo, central = tmp_path / "kobo.csv", tmp_path / "central.csv"
    _without_code(REAL / "kobo/K04_xml_nogroups_both.csv", kobo)
    _without_code(REAL / "odk/C04_central_no_group_paths.csv", central)
    a = read_responses(kobo, SURVEY)
    b = read_responses(central, SURVEY)
    assert a.rejected == ()
    assert len(a) == 8
    # country prefix from the country answer, numbered in submission order; 'other' -> XXX
    countries = [r["q1_1"] for r in TRUTH]
    assert a.codes[:3] == ("AZEsur1", "AZEsur2", "GEOsur1")
    assert a.codes[3] == "XXXsur1"
    assert [c[:3] for c in a.codes] == [
        {"azerbaijan": "AZE", "armenia": "ARM", "georgia": "GEO"}.get(c, "XXX") for c in countries
    ]
    # stable across exports of the same data (Kobo and Central agree)
    assert b.codes == a.codes
    # and the submission id is still there to trace a record back
    assert a.response("AZEsur1").meta["_uuid"].endswith("000000000001")


def test_code_prefix_overrides_the_country_prefix(tmp_path):
    kobo = tmp_path / "kobo.csv"
    _without_code(REAL / "kobo/K04_xml_nogroups_both.csv", kobo)
    rs = read_responses(kobo, SURVEY, code_prefix="AZEsur")
    assert rs.codes == tuple(f"AZEsur{i}" for i in range(1, 9))


def _with_consent() -> Instrument:
    data = SURVEY.model_dump()
    consent = Question(
        id="1.0",
        name="consent",
        type=QuestionType.CHOOSE_ONE,
        label={"en": "Do you agree to take part?"},
        required=True,
        options=[
            {"name": "yes", "label": {"en": "Yes"}},
            {"name": "no", "label": {"en": "No"}},
        ],
    )
    first = data["sections"][0]
    first["questions"] = [consent.model_dump(), *first["questions"]]
    return Instrument.model_validate({**data, "consent": "1.0"})


def test_records_without_consent_are_excluded_and_listed(tmp_path):
    inst = _with_consent()
    src = REAL / "odk/C04_central_no_group_paths.csv"
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    answers = ["yes", "no", "", "yes", "yes", "yes", "yes", "yes"]
    rows = [[*rows[0], "consent"]] + [[*r, a] for r, a in zip(rows[1:], answers, strict=True)]
    path = tmp_path / "c.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    rs = read_responses(path, inst)
    assert rs.records_read == 8
    assert len(rs) == 6
    assert [(e.respondent, e.reason) for e in rs.excluded] == [
        ("AZEsur2", "consent declined"),
        ("AZEsur3", "consent not recorded"),
    ]
    assert "AZEsur2" not in rs.codes
    # without a consent field nothing is excluded
    assert read_responses(path, SURVEY).excluded == ()


def test_a_declined_record_without_code_or_answers_is_kept_out_not_rejected():
    # The adapted form ends at a declined consent: Kobo then records no code and no
    # answers, only the consent and the meta columns (row 9 of the fieldwork export).
    from ctnat.survey import adapt_instrument, template
    from ctnat.survey.adapt import Parameters

    params = Parameters(
        region="Central Asia",
        countries=("KGZ",),
        office="IOM Bishkek",
        consultant="the team",
        consultant_contact="x@example.org",
        lead="the lead",
        lead_contact="x@example.org",
    )
    inst = adapt_instrument(template("ct-nat-2016-survey"), params)
    path = Path(__file__).parents[1] / "data" / "fieldwork" / "kgz_survey_kobo.csv"
    rs = read_responses(path, inst)
    assert (rs.records_read, len(rs)) == (8, 7)
    assert rs.rejected == ()  # no "no respondent code", no "required question not answered"
    assert [(e.record, e.reason) for e in rs.excluded] == [("row 9", "consent declined")]


CSV_EXPORTS = [p for p in EXPORTS if p.suffix == ".csv"]


@pytest.mark.parametrize("path", CSV_EXPORTS, ids=lambda p: p.name)
def test_the_fast_csv_path_reads_each_real_export_as_the_csv_module_does(path, monkeypatch):
    pytest.importorskip("pandas")
    from ctnat._io import csv_columns
    from ctnat.survey import readers

    used = []

    def spy(*args, **kwargs):
        got = csv_columns(*args, **kwargs)
        used.append(got is not None)
        return got

    monkeypatch.setattr(readers, "csv_columns", spy)
    monkeypatch.setattr(readers, "_FAST_CSV_CHARS", 0)  # these files are small
    fast = read_responses(path, SURVEY)
    monkeypatch.setattr(readers, "csv_columns", lambda *a, **k: None)
    slow = read_responses(path, SURVEY)
    assert used == [True]
    assert fast.model_dump() == slow.model_dump()


def test_small_exports_take_the_csv_module_path_and_large_ones_the_fast_path(monkeypatch, tmp_path):
    pytest.importorskip("pandas")
    from ctnat._io import csv_columns
    from ctnat.survey import readers

    used = []

    def spy(*args, **kwargs):
        used.append(len(args[0]))
        return csv_columns(*args, **kwargs)

    monkeypatch.setattr(readers, "csv_columns", spy)
    small = CSV_EXPORTS[0]
    read_responses(small, SURVEY)
    assert used == []
    header, *rows = small.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    body = "".join(rows)
    copies = readers._FAST_CSV_CHARS // len(body) + 1
    big = tmp_path / "big.csv"
    big.write_text(header + body * copies, encoding="utf-8")
    rs = read_responses(big, SURVEY)
    assert len(used) == 1
    assert used[0] >= readers._FAST_CSV_CHARS
    # the copies repeat the codes: the first eight are kept, the rest rejected whole
    assert len(rs) == 8
    assert len(rs.rejected_locations()) == 8 * (copies - 1)
