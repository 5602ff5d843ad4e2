"""Exact record accounting (issue 11): blank and repeated headers, re-reading, bad JSON fields."""

from __future__ import annotations

import json

import pytest

from ctnat.errors import CtnatError, FileFormatError
from ctnat.survey import builtin, read_responses, write_responses

SURVEY = builtin("ct-nat-2016-survey")


def _csv(tmp_path, text):
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_value_under_a_blank_header_is_listed_not_dropped(tmp_path):
    path = _csv(tmp_path, "code,q1_1,,q3_1_1\nAZEsur1,azerbaijan,lost?,adequate\n")
    rs = read_responses(path, SURVEY)
    assert rs.codes == ("AZEsur1",)
    assert [(i.column, i.cells) for i in rs.ignored] == [("(column 3, no header)", 1)]


def test_cells_beyond_the_header_are_listed(tmp_path):
    path = _csv(tmp_path, "code,q1_1\nAZEsur1,azerbaijan,extra,more\n")
    rs = read_responses(path, SURVEY)
    assert [(i.column, i.cells) for i in rs.ignored] == [("(cells beyond the header)", 2)]


def test_two_code_columns_that_disagree_reject_the_record_not_last_wins(tmp_path):
    path = _csv(
        tmp_path,
        "code,q1_1,code\nAZEsur1,azerbaijan,AZEsur1\nAZEsur2,azerbaijan,AZEsur9\n",
    )
    rs = read_responses(path, SURVEY)
    assert rs.codes == ("AZEsur1",)
    assert rs.rejected_records == 1
    assert "two code columns disagree" in rs.rejected[0].reason
    assert rs.rejected[0].record == "row 3"


def test_two_answer_columns_that_disagree_reject_that_answer(tmp_path):
    path = _csv(tmp_path, "code,q1_1,q3_1_1,s3/q3_1_1\nAZEsur1,azerbaijan,adequate,inadequate\n")
    rs = read_responses(path, SURVEY)
    assert rs.codes == ("AZEsur1",)
    assert "3.1.1" not in rs.response("AZEsur1").answers
    assert (rs.rejected[0].question, rs.rejected[0].scope) == ("3.1.1", "answer")
    assert "different answers" in rs.rejected[0].reason


def test_records_and_answers_are_counted_apart(tmp_path):
    path = _csv(
        tmp_path,
        "code,q1_1,q3_1_1,q3_1_2\n"
        "AZEsur1,azerbaijan,good,bad\n"  # two bad answers, one record kept
        "AZEsur1,azerbaijan,adequate,\n"  # repeated code: the record is rejected
        ",azerbaijan,adequate,\n",  # no code: rejected
    )
    rs = read_responses(path, SURVEY)
    assert rs.records_read == 3
    assert rs.rejected_answers == 2
    assert rs.rejected_records == 2
    assert rs.rejected_locations() == ("row 3", "row 4")
    assert len(rs) + rs.rejected_records == rs.records_read
    assert "rejected_records=2, rejected_answers=2" in repr(rs)


def test_re_reading_a_response_set_never_counts_old_rejections(tmp_path):
    path = _csv(tmp_path, "code,q1_1\nAZEsur1,azerbaijan\nAZEsur1,azerbaijan\n,georgia\n")
    rs = read_responses(path, SURVEY)
    assert (len(rs), rs.rejected_records) == (1, 2)
    out = tmp_path / "r.json"
    write_responses(rs, out, SURVEY)
    back = read_responses(out, SURVEY)
    assert (back.records_read, len(back), back.rejected_records) == (1, 1, 0)
    assert back.rejected == ()
    assert back.rejected_before == rs.rejected
    write_responses(back, out, SURVEY, overwrite=True)  # and again: nothing counted twice
    again = read_responses(out, SURVEY)
    assert again.rejected == ()


@pytest.mark.parametrize("bad", [1.5, "x", {"a": 1}, True])
def test_a_response_set_with_a_malformed_rejected_field_is_a_clear_error(tmp_path, bad):
    path = tmp_path / "r.json"
    path.write_text(
        json.dumps({"instrument": SURVEY.id, "responses": [], "rejected": bad}), encoding="utf-8"
    )
    with pytest.raises(FileFormatError, match="'rejected' must be a list"):
        read_responses(path, SURVEY)


def test_an_unreadable_rejection_entry_is_reported(tmp_path):
    path = tmp_path / "r.json"
    data = {"instrument": SURVEY.id, "responses": [], "rejected": [{"reason": 3}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    rs = read_responses(path, SURVEY)
    assert rs.rejected[0].reason == "unreadable rejection record"


def test_json_duplicate_keys_are_refused(tmp_path):
    path = tmp_path / "k.json"
    path.write_text('[{"code": "AZEsur1", "code": "AZEsur2"}]', encoding="utf-8")
    with pytest.raises(CtnatError, match="duplicate"):
        read_responses(path, SURVEY)


def test_an_hxl_row_is_listed_and_not_a_respondent(tmp_path):
    path = _csv(
        tmp_path, "code,q1_1,q3_1_1\n#respondent,#country,#indicator\nAZEsur1,azerbaijan,adequate\n"
    )
    rs = read_responses(path, SURVEY)
    assert rs.codes == ("AZEsur1",)
    assert rs.records_read == 1
    assert rs.ignored[0].reason == "an HXL hashtag row"


def test_unknown_columns_are_listed_once_and_reject_nothing(tmp_path):
    path = _csv(
        tmp_path,
        "code,q1_1,audit_URL,q2_7,region\nAZEsur1,azerbaijan,https://x/audit.csv,more,Baku\n"
        "AZEsur2,georgia,,less,\n",
    )
    rs = read_responses(path, SURVEY)
    assert rs.codes == ("AZEsur1", "AZEsur2")
    assert rs.rejected == ()
    assert rs.ignored_columns == ("audit_URL", "q2_7", "region")
    assert [i.cells for i in rs.ignored] == [1, 2, 1]


def test_headers_override_for_an_ambiguous_file(tmp_path):
    # a column headed by a label is read only when labels are allowed
    path = _csv(tmp_path, "code,q1_1,What is your gender?\nAZEsur1,azerbaijan,Female\n")
    assert read_responses(path, SURVEY).response("AZEsur1").profile["gender"] == "female"
    names_only = read_responses(path, SURVEY, headers="names")
    assert "gender" not in names_only.response("AZEsur1").profile
    assert "What is your gender?" in names_only.ignored_columns


def test_kobo_validation_status_keeps_the_status_not_the_user_name(tmp_path):
    path = tmp_path / "kobo.json"
    sub = {
        "code": "AZEsur1",
        "s1/q1_1": "azerbaijan",
        "_validation_status": {
            "uid": "validation_status_approved",
            "label": "Approved",
            "by_whom": "aze_supervisor",
            "timestamp": 1452490931,
        },
        "_submitted_by": "aze_enumerator",
        "_geolocation": [40.4, 49.9],
        "deviceid": "collect:Xk30",
        "phonenumber": "+994 12 000 00 00",
    }
    path.write_text(json.dumps({"count": 1, "results": [sub]}), encoding="utf-8")
    rs = read_responses(path, SURVEY)
    assert rs.response("AZEsur1").meta["_validation_status"] == "validation_status_approved"
    dumped = rs.model_dump_json()
    for secret in ("aze_supervisor", "aze_enumerator", "49.9", "Xk30", "+994"):
        assert secret not in dumped
    assert {"_submitted_by", "_geolocation", "deviceid", "phonenumber"} <= set(rs.ignored_columns)
    kept = read_responses(path, SURVEY, keep_meta=["deviceid"])
    assert kept.response("AZEsur1").meta["deviceid"] == "collect:Xk30"


def test_limits_are_passed_to_the_reading_layer(tmp_path):
    from ctnat import Limits

    path = _csv(tmp_path, "code,q1_1\nAZEsur1,azerbaijan\nAZEsur2,georgia\n")
    with pytest.raises(FileFormatError, match="max_cells"):
        read_responses(path, SURVEY, limits=Limits(max_cells=4))
    assert len(read_responses(path, SURVEY, limits=Limits(max_cells=6))) == 2


def test_a_header_with_thousands_of_separators_is_ignored_without_quadratic_cost(tmp_path):
    # found by the fuzz run: each separator used to multiply the lookups
    header = "/".join(["g"] * 16_000) + "/q3_1_4"  # under the 32,767-character cell limit
    path = tmp_path / "long.csv"
    path.write_text(f"code;{header}\nAZEsur1;adequate\n", encoding="utf-8")
    from ctnat.survey.readers import _splits

    assert len(_splits(header)) == 8
    rs = read_responses(path, SURVEY)
    assert len(rs) == 1
    assert rs.response("AZEsur1").answer("3.1.4") == "adequate"  # the last levels still match


def test_a_workbook_without_worksheets_is_a_file_format_error(tmp_path):
    # found by the fuzz run (IndexError): the workbook part lists no sheet
    import re
    import zipfile
    from pathlib import Path

    src = (
        Path(__file__).parents[1] / "data" / "real" / "kobo" / "K01_default_xml_nogroups_both.xlsx"
    )
    bad = tmp_path / "nosheets.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheet [^>]*/>", b"", data)
            zout.writestr(item, data)
    with pytest.raises(FileFormatError, match="no worksheets"):
        read_responses(bad, SURVEY)
