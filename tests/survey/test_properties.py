"""Properties: valid response sets round-trip; malformed input is rejected, never crashes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctnat.errors import CtnatError
from ctnat.survey import (
    QuestionType,
    Response,
    ResponseSet,
    builtin,
    check_response,
    read_responses,
    responses_from_records,
    write_responses,
)
from ctnat.survey.layout import form_fields

SURVEY = builtin("ct-nat-2016-survey")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def answer(draw, q, chosen_in=None):
    names = [o.name for o in SURVEY.options(q)]
    t = q.type
    if t is QuestionType.TEXT:
        return draw(texts)
    if q.choices_from is not None:
        return draw(st.sampled_from(list(chosen_in)))
    if t in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
        return draw(st.sampled_from(names))
    if t is QuestionType.CHOOSE_EXACTLY:
        return tuple(draw(st.permutations(names))[: q.count])
    if t in (QuestionType.CHOOSE_AT_MOST, QuestionType.CHOOSE_ALL):
        top = q.count if t is QuestionType.CHOOSE_AT_MOST else len(names)
        k = draw(st.integers(1, top))
        return tuple(draw(st.permutations(names))[:k])
    if t is QuestionType.RANK:
        order = draw(st.permutations(names))
        return {o: i for i, o in enumerate(order, start=1)}
    order = draw(st.permutations(names))[: q.count]
    return {o: i for i, o in enumerate(order, start=1)}


@st.composite
def response(draw, number):
    profile, answers, other = {}, {}, {}
    for q in SURVEY.questions():
        if not q.required and not draw(st.booleans()):
            continue
        if q.choices_from is not None:
            src = answers.get(q.choices_from)
            if not src:
                continue
            value = draw(answer(q, chosen_in=src))
        else:
            value = draw(answer(q))
        if q.profile:
            profile[q.profile] = value
        else:
            answers[q.id] = value
        opt = q.other_option
        chosen = (value,) if isinstance(value, str) else tuple(value)
        if opt is not None and opt.name in chosen and draw(st.booleans()):
            other[q.id] = draw(texts)
    meta = {"_id": str(draw(st.integers(1, 10**6)))} if draw(st.booleans()) else {}
    return Response(
        code=f"AZEsur{number}", profile=profile, answers=answers, other=other, meta=meta
    )


@st.composite
def response_sets(draw, max_size=4):
    n = draw(st.integers(0, max_size))
    responses = tuple(draw(response(i)) for i in range(1, n + 1))
    return ResponseSet(instrument=SURVEY.id, instrument_version=SURVEY.version, responses=responses)


@SETTINGS
@given(response_sets())
def test_generated_responses_are_valid(rs):
    for r in rs.responses:
        assert check_response(r, SURVEY) == ()


@SETTINGS
@given(response_sets(), st.sampled_from(["a.csv", "b.json"]), st.sampled_from([",", ";"]))
def test_round_trip_csv_json(rs, name, sep):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        write_responses(rs, path, SURVEY, sep=sep)
        back = read_responses(path, SURVEY)
    assert back.rejected == ()
    assert back.responses == rs.responses
    assert back.records_read == len(rs.responses)


@SETTINGS
@given(response_sets(max_size=6), st.sampled_from([",", ";"]))
def test_round_trip_csv_by_pandas_reader(rs, sep):
    """The same round trip with the fast CSV path forced on (it serves large exports):
    random free text in every column, read by pandas' C reader, comes back exactly."""
    pytest.importorskip("pandas")
    from ctnat.survey import readers

    saved = readers._FAST_CSV_CHARS
    readers._FAST_CSV_CHARS = 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "a.csv"
            write_responses(rs, path, SURVEY, sep=sep)
            used = readers.csv_columns(path.read_text(encoding="utf-8"), delimiter=sep)
            back = read_responses(path, SURVEY)
    finally:
        readers._FAST_CSV_CHARS = saved
    assert used is not None  # the fast path read it, not the csv module
    assert back.rejected == ()
    assert back.responses == rs.responses


@settings(max_examples=15, deadline=None)
@given(response_sets(max_size=3))
def test_round_trip_xlsx(rs):
    pytest.importorskip("openpyxl")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.xlsx"
        write_responses(rs, path, SURVEY)
        assert read_responses(path, SURVEY).responses == rs.responses


FIELD_NAMES = [f.name for f in form_fields(SURVEY)]
headers = st.one_of(
    st.sampled_from(FIELD_NAMES),
    st.sampled_from(FIELD_NAMES).map(lambda n: f"grp/{n}"),
    st.sampled_from(FIELD_NAMES).map(lambda n: f"grp.{n}"),
    st.sampled_from(["code", "_id", "_uuid", "q2_2/slavery", "q2_1/origin", "8.1", "3.1.5"]),
    st.text(max_size=12),
)
values = st.one_of(
    st.just(""),
    st.sampled_from(["1", "0", "2", "5", "adequate", "agree", "A", "B", "forced_labour slavery"]),
    st.sampled_from(["AZEsur1", "AZEsur2", "azerbaijan", "other", "Adequate", "1.5", "-3"]),
    st.text(max_size=15),
    st.integers(-5, 10),
    st.floats(allow_nan=True),
    st.none(),
)
records = st.lists(
    st.lists(st.tuples(headers, values), max_size=12),
    max_size=6,
)


@settings(max_examples=100, deadline=None)
@given(records)
def test_malformed_records_never_crash_and_never_vanish(rows):
    rs = responses_from_records(
        [(f"row {i}", cells) for i, cells in enumerate(rows, start=2)], SURVEY
    )
    assert rs.records_read == len(rows)
    rejected_rows = set(rs.rejected_locations())
    accepted_rows = len(rs.responses)
    assert accepted_rows + len(rejected_rows) == len(rows) == rs.records_read
    assert rs.rejected_records == len(rejected_rows)
    for r in rs.rejected:
        assert r.reason
    for resp in rs.responses:
        # a kept respondent breaks no rule, except a required answer that is listed as rejected
        listed = {r.question for r in rs.rejected if r.respondent == resp.code}
        for p in check_response(resp, SURVEY):
            assert p.reason == "required question not answered"
            assert p.location in listed


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["x.csv", "x.json", "x.xlsx"]))
def test_random_bytes_raise_only_ctnat_errors(data, name):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            rs = read_responses(path, SURVEY)
        except CtnatError:
            return
        assert rs.records_read >= len(rs.responses)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_one_corrupted_answer_rejects_that_answer_naming_the_question(data):
    good = data.draw(response(1))
    q = data.draw(
        st.sampled_from([q for q in SURVEY.questions() if q.type.is_choice and not q.profile])
    )
    if q.type is QuestionType.TOP_RANKED:
        bad_value = {q.options[0].name: 1, "no_such_option": 2}
    elif q.type.is_ranking:
        bad_value = {o.name: 1 for o in q.options}
    elif q.type.is_multiple:
        bad_value = ("no_such_option",)
    else:
        bad_value = "no_such_option"
    bad = good.model_copy(update={"answers": {**good.answers, q.id: bad_value}})
    rs = ResponseSet(instrument=SURVEY.id, responses=(bad,))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.csv"
        write_responses(rs, path, SURVEY)
        back = read_responses(path, SURVEY)
    # the answer is rejected, the respondent and their other answers are kept
    assert back.codes == ("AZEsur1",)
    kept = back.response("AZEsur1")
    assert q.id not in kept.answers
    assert dict(kept.answers) == {k: v for k, v in good.answers.items() if k != q.id}
    assert q.id in {r.question for r in back.rejected}
    assert {(r.respondent, r.scope) for r in back.rejected} == {("AZEsur1", "answer")}
