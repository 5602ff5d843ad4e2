"""ResponseSet.to_frame: pandas views of the accepted responses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from ctnat.survey import Response, ResponseSet, builtin, read_responses

from .test_properties import SURVEY, response_sets

pd = pytest.importorskip("pandas")
DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def survey():
    return builtin("ct-nat-2016-survey")


@pytest.fixture(scope="module")
def rs(survey):
    return read_responses(DATA / "kobo_ct_nat_2016_survey.csv", survey)


def test_wide(survey, rs):
    wide = rs.to_frame(survey)
    assert list(wide.index) == [f"AZEsur{i}" for i in range(1, 8)]
    assert list(wide.columns[:3]) == ["country", "position", "years_in_organization"]
    assert wide.loc["AZEsur1", "3.1.5"] == "adequate"
    assert wide.loc["AZEsur1", "2.2"] == ("prostitution", "forced_labour", "forced_marriage")
    assert pd.isna(wide.loc["AZEsur2", "2.2"])
    assert "2.6" not in wide.columns  # free text only on request
    assert "8.2" not in wide.columns
    full = rs.to_frame(survey, include_text=True)
    assert full.loc["AZEsur6", "2.3 other"] == "Tea and tobacco farms"
    assert full.loc["AZEsur1", "8.2"] == "Identification comes first."


def test_long(survey, rs):
    long = rs.to_frame(survey, long=True)
    assert list(long.columns) == ["code", "question", "option", "rank"]
    one = long[(long.code == "AZEsur1") & (long.question == "8.1")]
    assert list(one.option) == ["A", "B", "L"]
    assert list(one["rank"]) == [1, 2, 3]
    scale = long[long.question == "3.1.5"]
    assert sorted(scale.option) == ["adequate", "inadequate"]
    assert "2.6" not in set(long.question)
    # counting options is what the seed's tables do: 3.1.6 has one 'adequate', one 'inadequate'
    counts = long[long.question == "3.1.6"].option.value_counts().to_dict()
    assert counts == {"adequate": 1, "inadequate": 1}


def test_empty(survey):
    empty = ResponseSet(instrument=survey.id)
    assert len(empty.to_frame(survey)) == 0
    assert len(empty.to_frame(survey, long=True)) == 0
    one = ResponseSet(
        instrument=survey.id, responses=(Response(code="AZEsur1", profile={"country": "georgia"}),)
    )
    assert one.to_frame(survey).loc["AZEsur1", "country"] == "georgia"


def test_reprs(survey, rs):
    assert repr(survey) == (
        "Instrument(id='ct-nat-2016-survey', version='2016', kind='survey', sections=8, "
        "questions=78, scales=5)"
    )
    assert repr(rs) == (
        "ResponseSet(instrument='ct-nat-2016-survey', accepted=7, rejected_records=0, "
        "rejected_answers=4, records_read=7)"
    )
    html = rs._repr_html_()
    assert "7 responses accepted, 0 records rejected of 7 read, 4 answers rejected" in html
    assert "unknown option &#x27;good&#x27;" in html
    assert "<td>Identification and referral</td>" in survey._repr_html_()


def test_wide_columns_are_categoricals_in_option_order(survey, rs):
    wide = rs.to_frame(survey)
    col = wide["3.1.5"]
    assert isinstance(col.dtype, pd.CategoricalDtype)
    assert list(col.cat.categories) == list(survey.option_names("3.1.5"))
    counts = col.value_counts(sort=False).to_dict()
    assert set(counts) == set(survey.option_names("3.1.5"))  # options nobody chose count 0
    assert sum(counts.values()) == col.notna().sum()


# -- the frames are what the Response objects say ----------------------------------


def naive_long(rs, include_text=False):
    text = {q.id for q in SURVEY.questions() if q.type.value == "text"}
    order = {q.id: k for k, q in enumerate(SURVEY.questions())}
    rows = []
    for r in rs.responses:
        for qid in sorted(r.answers, key=order.__getitem__):
            v = r.answers[qid]
            if isinstance(v, dict):
                rows += [(r.code, qid, o, k) for o, k in sorted(v.items(), key=lambda kv: kv[1])]
            elif isinstance(v, tuple):
                rows += [(r.code, qid, o, None) for o in v]
            elif include_text or qid not in text:
                rows.append((r.code, qid, v, None))
    return rows


@settings(max_examples=40, deadline=None)
@given(response_sets(max_size=5))
def test_frames_agree_with_the_responses(rs):
    for include_text in (False, True):
        long = rs.to_frame(SURVEY, long=True, include_text=include_text)
        got = [
            (c, q, o, None if pd.isna(k) else int(k))
            for c, q, o, k in zip(long.code, long.question, long.option, long["rank"], strict=True)
        ]
        assert got == naive_long(rs, include_text)
        wide = rs.to_frame(SURVEY, include_text=include_text)
        assert list(wide.index) == [r.code for r in rs.responses]
        for r in rs.responses:
            for qid, v in r.answers.items():
                if qid in wide.columns:
                    assert wide.loc[r.code, qid] == v
            for field, v in r.profile.items():
                assert wide.loc[r.code, field] == v
            for column in wide.columns:
                if column not in r.answers and column not in r.profile and column[-6:] != " other":
                    assert pd.isna(wide.loc[r.code, column])
            if include_text:
                for qid, v in r.other.items():
                    assert wide.loc[r.code, f"{qid} other"] == v


def test_frames_of_a_read_table_and_of_ready_responses_are_equal(survey, rs):
    ready = ResponseSet(instrument=survey.id, responses=tuple(rs.responses))
    for long in (False, True):
        pd.testing.assert_frame_equal(
            rs.to_frame(survey, long=long, include_text=True),
            ready.to_frame(survey, long=long, include_text=True),
        )
