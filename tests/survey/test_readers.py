"""read_responses on hand-written Kobo/ODK exports and on generated variants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctnat.errors import FileFormatError, ValidationError
from ctnat.survey import (
    Response,
    ResponseSet,
    builtin,
    read_responses,
    responses_from_records,
    write_responses,
)

DATA = Path(__file__).parent.parent / "data"
XML_CSV = DATA / "kobo_ct_nat_2016_survey.csv"
LABEL_CSV = DATA / "kobo_ct_nat_2016_survey_labels.csv"


@pytest.fixture(scope="module")
def survey():
    return builtin("ct-nat-2016-survey")


def test_kobo_xml_names_semicolons_group_paths(survey):
    rs = read_responses(XML_CSV, survey)
    assert rs.instrument == "ct-nat-2016-survey"
    assert rs.records_read == 7
    # an invalid answer rejects that answer only: all seven respondents are kept
    assert rs.codes == tuple(f"AZEsur{i}" for i in range(1, 8))
    assert "2.2" not in rs.response("AZEsur3").answers
    one = rs.response("AZEsur1")
    assert one.profile == {
        "country": "azerbaijan",
        "position": "igo_iom",
        "years_in_organization": "y3_5",
        "years_counter_trafficking": "y5_10",
        "age_band": "a35_50",
        "gender": "female",
    }
    assert one.answers["2.1"] == ("origin", "transit", "destination")
    assert one.answers["2.2"] == ("prostitution", "forced_labour", "forced_marriage")
    assert one.answers["2.4"] == {
        "adult_females": 1,
        "adult_males": 2,
        "female_children": 3,
        "male_children": 4,
    }
    assert one.answers["3.1.5"] == "adequate"
    assert one.answers["8.1"] == {"A": 1, "B": 2, "L": 3}
    assert one.meta["_uuid"] == "5f1c0a9e-0001"
    assert one.meta["_validation_status"] == "validation_status_approved"
    assert "start" in one.meta
    two = rs.response("AZEsur2")
    assert "2.1" not in two.answers  # blanks are skipped items
    assert two.answers["3.1.5"] == "inadequate"
    six = rs.response("AZEsur6")
    assert six.profile["position"] == "other"
    assert six.other == {"1.2": "Independent researcher", "2.3": "Tea and tobacco farms"}


def test_kobo_rejections_name_respondent_question_reason(survey):
    rs = read_responses(XML_CSV, survey)
    got = {(r.respondent, r.question): r.reason for r in rs.rejected}
    assert got == {
        ("AZEsur3", "2.2"): "4 options chosen where exactly 3 are required",
        ("AZEsur4", "3.1.5"): "unknown option 'good'",
        ("AZEsur5", "2.4"): "rank 1 used twice",
        ("AZEsur7", "8.1"): "'A' is ranked twice",
    }
    assert all(r.file == str(XML_CSV) for r in rs.rejected)
    assert rs.rejected[0].location == "row 4 / AZEsur3 / 2.2"
    assert all(r.scope == "answer" for r in rs.rejected)
    assert rs.rejected_answers == 4
    assert rs.rejected_records == 0
    # nothing vanishes: every record is accepted or rejected
    assert len(rs) + len(rs.rejected_locations()) == rs.records_read


def test_kobo_labels_commas_and_option_columns(survey):
    rs = read_responses(LABEL_CSV, survey)
    assert rs.codes == ("AZEsur11", "AZEsur12", "AZEsur13")
    r = rs.responses[0]
    assert r.profile == {"country": "azerbaijan", "gender": "female"}
    assert r.answers == {
        "2.2": ("prostitution", "forced_labour", "forced_marriage"),
        "3.1.5": "completely_inadequate",
        "4.1.7": "adequate_for_some",
    }
    reasons = [(x.respondent, x.question, x.reason) for x in rs.rejected]
    assert reasons[0] == ("AZEsur12", "2.2", "2 options chosen where exactly 3 are required")
    assert reasons[1] == (None, None, "no respondent code")
    # an unknown column is listed once, never a rejection
    assert any(
        c.startswith("Trafficking situation and trends/Which region") for c in rs.ignored_columns
    )
    assert len(rs) + len(rs.rejected_locations()) == rs.records_read == 4


def test_code_prefix_numbers_records_without_code(survey):
    rs = read_responses(LABEL_CSV, survey, code_prefix="AZEsur")
    # the record without a code is numbered after the highest code of that prefix
    assert rs.codes[-1] == "AZEsur14"
    assert rs.rejected_records == 0


def test_xlsx_with_dot_separators(survey, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CT-NAT survey"
    ws.append(
        [
            "code",
            "s1.q1_1",
            "s1.q1_6",
            "s3.m3_1.q3_1_5",
            "s2.q2_3",
            "s2.q2_4.q2_4_adult_females",
            "_id",
        ]
    )
    ws.append(["AZEsur1", "azerbaijan", "male", "adequate", "agriculture", None, 1])
    ws.append(["AZEsur2", "azerbaijan", "female", "Inadequate", "agriculture streets", None, 2.0])
    ws.append([None] * 7)  # a blank row is not a record
    ws.append(["AZEsur3", "azerbaijan", "female", None, None, 1.5, 3])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    rs = read_responses(path, survey)
    assert rs.codes == ("AZEsur1", "AZEsur2", "AZEsur3")
    assert rs.response("AZEsur2").answers == {
        "3.1.5": "inadequate",
        "2.3": ("agriculture", "streets"),
    }
    assert rs.response("AZEsur2").meta["_id"] == "2"
    assert rs.rejected[0].location == "CT-NAT survey!row 5 / AZEsur3 / 2.4"
    assert "not a whole number" in rs.rejected[0].reason
    assert rs.records_read == 3
    with pytest.raises(FileFormatError, match="no sheet 'x'"):
        read_responses(path, survey, sheet="x")


def test_kobo_json_submissions(survey, tmp_path):
    path = tmp_path / "kobo.json"
    subs = [
        {
            "code": "AZEsur1",
            "s1/q1_1": "azerbaijan",
            "s1/q1_6": "male",
            "s3/m3_1/q3_1_5": "adequate",
            "_id": 9,
        },
        {"code": "AZEsur2", "s1/q1_1": "azerbaijan", "s2/q2_2": "prostitution forced_labour"},
        "not an object",
    ]
    path.write_text(json.dumps({"count": 3, "results": subs}), encoding="utf-8")
    rs = read_responses(path, survey)
    assert rs.codes == ("AZEsur1", "AZEsur2")
    assert rs.response("AZEsur1").meta == {"_id": "9"}
    assert {r.location for r in rs.rejected} == {"record 2 / AZEsur2 / 2.2", "record 3"}
    assert rs.records_read == 3


def test_response_set_json_round_trip(survey, tmp_path):
    rs = read_responses(XML_CSV, survey)
    path = tmp_path / "responses.json"
    write_responses(rs, path, survey)
    back = read_responses(path, survey)
    assert back.responses == rs.responses
    # old rejections are kept apart, never counted again (issue 11)
    assert back.rejected == ()
    assert back.rejected_before == rs.rejected
    assert back.records_read == len(rs)


def test_response_set_json_rejects_bad_records(survey, tmp_path):
    path = tmp_path / "responses.json"
    data = {
        "instrument": "ct-nat-2016-survey",
        "responses": [
            {
                "code": "AZEsur1",
                "profile": {"country": "azerbaijan"},
                "answers": {"3.1.5": "adequate"},
            },
            {"code": "AZEsur2", "profile": {"country": "azerbaijan"}, "answers": {"3.1.5": 7}},
            {
                "code": "AZEsur3",
                "profile": {"country": "azerbaijan"},
                "answers": {"3.1.5": "great"},
            },
            {"code": "AZEsur1", "profile": {"country": "azerbaijan"}},
        ],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    rs = read_responses(path, survey)
    assert rs.codes == ("AZEsur1",)
    assert rs.rejected_locations() == ("responses[1]", "responses[2]", "responses[3]")
    locs = [r.location for r in rs.rejected]
    assert locs[0].startswith("responses[1].answers.3.1.5")
    assert locs[1:] == ["responses[2] / AZEsur3 / 3.1.5", "responses[3] / AZEsur1"]
    data["instrument"] = "other"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError, match="not 'ct-nat-2016-survey'"):
        read_responses(path, survey)


def test_csv_and_xlsx_writers_round_trip(survey, tmp_path):
    rs = read_responses(XML_CSV, survey)
    for name, kw in (("a.csv", {}), ("b.csv", {"sep": ";"})):
        write_responses(rs, tmp_path / name, survey, **kw)
        assert read_responses(tmp_path / name, survey).responses == rs.responses
    pytest.importorskip("openpyxl")
    write_responses(rs, tmp_path / "c.xlsx", survey)
    assert read_responses(tmp_path / "c.xlsx", survey).responses == rs.responses


def test_formula_text_is_neutralised(survey, tmp_path):
    r = Response(
        code="AZEsur1", profile={"country": "azerbaijan"}, answers={"2.6": "=HYPERLINK(1)"}
    )
    rs = ResponseSet(instrument=survey.id, responses=(r,))
    write_responses(rs, tmp_path / "x.csv", survey)
    assert "'=HYPERLINK(1)" in (tmp_path / "x.csv").read_text(encoding="utf-8")
    assert read_responses(tmp_path / "x.csv", survey).responses == (r,)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", b"\xff\xfe\x00bad", "not UTF-8|binary content"),
        ("a.csv", b"", "no header row"),
        ("a.json", b"{]", "not valid JSON"),
        ("a.json", b"42", "expected a ctnat response set"),
        ("a.xlsx", b"not a zip", "not a readable XLSX"),
        ("a.ods", b"", "cannot read responses from a .ods file"),
    ],
)
def test_unreadable_files(survey, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FileFormatError, match=message):
        read_responses(path, survey)


def test_missing_file(survey, tmp_path):
    with pytest.raises(FileFormatError, match="cannot read the file"):
        read_responses(tmp_path / "none.csv", survey)


def test_records_api_and_disagreeing_columns(survey):
    rs = responses_from_records(
        [("r1", [("code", "AZEsur1"), ("q1_1", "azerbaijan"), ("1.1", "georgia")])], survey
    )
    assert rs.rejected[0].question == "1.1"
    assert "give different answers" in rs.rejected[0].reason
    rs = responses_from_records(
        [
            (
                "r1",
                [
                    ("code", "AZEsur1"),
                    ("q1_1", "azerbaijan"),
                    ("q2_2", "prostitution slavery organ_removal"),
                    ("q2_2/slavery", "0"),
                ],
            )
        ],
        survey,
    )
    assert "disagree" in rs.rejected[0].reason
    rs = responses_from_records(
        [("r1", [("code", "AZEsur1"), ("q1_1", "azerbaijan"), ("q2_2/slavery", "maybe")])], survey
    )
    assert "expected 0 or 1" in rs.rejected[0].reason
    rs = responses_from_records(
        [
            ("r1", [("code", "AZEsur1"), ("q1_1", "azerbaijan")]),
            ("r2", [("code", "AZEsur1"), ("q1_1", "georgia")]),
        ],
        survey,
    )
    assert rs.codes == ("AZEsur1",)
    assert rs.rejected[0].reason == "respondent code repeated (first at r1)"


def test_select_multiple_as_space_joined_labels(survey):
    rs = responses_from_records(
        [
            (
                "r1",
                [
                    ("code", "AZEsur1"),
                    ("1.1", "Azerbaijan"),
                    (
                        "q2_3",
                        "Sex industry Service sector (e.g. restaurants/catering/healthcare/retail) Agriculture",
                    ),
                    (
                        "q2_1",
                        "Country of origin for victims of trafficking; Country of transit for victims of trafficking",
                    ),
                ],
            )
        ],
        survey,
    )
    assert rs.rejected == ()
    assert rs.responses[0].answers == {
        "2.3": ("sex_industry", "service_sector", "agriculture"),
        "2.1": ("origin", "transit"),
    }


def test_odk_central_export_with_dash_groups(survey):
    rs = read_responses(DATA / "odk_central_ct_nat_2016_survey.csv", survey)
    assert rs.codes == ("GEOsur1", "GEOsur2")
    r = rs.responses[0]
    assert r.profile == {"country": "georgia", "gender": "female"}
    assert r.answers["3.1.5"] == "inadequate"
    assert r.answers["8.1"] == {"A": 1, "J": 2, "M": 3}
    assert r.meta["ReviewState"] == "approved"
    # identifying columns are not kept
    assert not {"SubmitterName", "SubmitterID", "DeviceID"} & set(r.meta)
    assert {(x.respondent, x.question) for x in rs.rejected} == {("GEOsur2", "2.2")}
    # two priorities of three: a partial answer the form accepts, so kept
    assert rs.response("GEOsur2").answers["8.1"] == {"B": 1, "E": 2}


def test_models_have_json_schemas_that_accept_their_dumps(survey):
    jsonschema = pytest.importorskip("jsonschema")
    from ctnat.survey import Instrument, InterviewRecord, InterviewSet, read_interviews

    rs = read_responses(XML_CSV, survey)
    jsonschema.validate(rs.model_dump(mode="json"), ResponseSet.model_json_schema())
    jsonschema.validate(survey.model_dump(mode="json"), Instrument.model_json_schema())
    guide = builtin("ct-nat-2016-interview")
    interviews = read_interviews(DATA / "interviews_example.yaml", guide)
    jsonschema.validate(interviews.model_dump(mode="json"), InterviewSet.model_json_schema())
    jsonschema.validate(
        interviews.interviews[0].model_dump(mode="json"), InterviewRecord.model_json_schema()
    )
    bad = rs.model_dump(mode="json")
    bad["responses"][0]["code"] = ""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, ResponseSet.model_json_schema())


def test_label_headers_without_group_hierarchy(survey):
    rs = responses_from_records(
        [
            (
                "row 2",
                [
                    ("code", "AZEsur1"),
                    ("In which country do you primarily work?", "Azerbaijan"),
                    ("Adult females", "2"),
                    ("Adult males", "1"),
                    ("Female children (<18 years old)", "3"),
                    ("Male children (<18 years old)", "4"),
                    (
                        "8.1 Priority ranked 1",
                        "Improving cooperation between State actors at the national level",
                    ),
                    ("8.1 Priority ranked 2", "D"),
                    ("8.1 Priority ranked 3", "Q"),
                    ("8.1 Other (please specify)", "Victim compensation"),
                ],
            )
        ],
        survey,
    )
    assert rs.rejected == ()
    r = rs.responses[0]
    assert r.answers["2.4"] == {
        "adult_females": 2,
        "adult_males": 1,
        "female_children": 3,
        "male_children": 4,
    }
    assert r.answers["8.1"] == {"M": 1, "D": 2, "Q": 3}
    assert r.other == {"8.1": "Victim compensation"}


def test_instrument_by_name():
    rs = read_responses(XML_CSV, "ct-nat-2016-survey")
    assert len(rs.codes) == 7
    from ctnat.errors import NotFoundError

    with pytest.raises(NotFoundError):
        read_responses(XML_CSV, "no-such-survey")


def test_separator_detection_ignores_quoted_commas(survey, tmp_path):
    path = tmp_path / "x.csv"
    header = '"code";"In which country do you primarily work?";"Which are the industries/sectors that people are most commonly exploited in, in the country in which you primarily work?"'
    path.write_text(
        header + '\nAZEsur1;"Azerbaijan";"agriculture construction"\n', encoding="utf-8"
    )
    rs = read_responses(path, survey)
    assert rs.rejected == ()
    assert rs.responses[0].answers == {"2.3": ("agriculture", "construction")}
