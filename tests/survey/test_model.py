"""Rules of the instrument model, and reading instrument files."""

from __future__ import annotations

import pydantic
import pytest

from ctnat.errors import FileFormatError, NotFoundError, ValidationError
from ctnat.survey import (
    Instrument,
    Question,
    Scale,
    builtin,
    dump_instrument,
    load_instrument,
)

EN = {"en": "x"}


def _scale(**kw):
    opts = [{"name": n, "label": {"en": n}} for n in ("a", "b", "c")]
    return Scale.model_validate({"id": "s", "label": EN, "options": opts, **kw})


def test_scale_positions_follow_list_order():
    s = _scale(neutral=2)
    assert [o.position for o in s.options] == [1, 2, 3]
    assert s.positive_positions == (1,)
    assert s.negative_positions == (3,)
    with pytest.raises(NotFoundError):
        s.option("z")


def test_scale_without_neutral_needs_positive_and_negative():
    with pytest.raises(pydantic.ValidationError, match="without a neutral point"):
        _scale()
    s = _scale(positive=[1], negative=[3])
    assert s.positive_positions == (1,)
    with pytest.raises(pydantic.ValidationError, match="distinct"):
        _scale(positive=[1, 2], negative=[2, 3])


def test_positions_out_of_order_are_refused():
    opts = [{"name": "a", "label": EN, "position": 2}, {"name": "b", "label": EN, "position": 1}]
    with pytest.raises(pydantic.ValidationError, match=r"positions must be 1\.\.2"):
        Scale.model_validate({"id": "s", "label": EN, "options": opts, "neutral": 1})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {
                "id": "2.2",
                "type": "choose_exactly",
                "label": EN,
                "options": [{"name": "a", "label": EN}],
            },
            "needs a count",
        ),
        (
            {
                "id": "2.2",
                "type": "choose_exactly",
                "count": 3,
                "label": EN,
                "options": [{"name": "a", "label": EN}],
            },
            "exceeds",
        ),
        ({"id": "2.1", "type": "choose_one", "label": EN}, "needs options"),
        ({"id": "3.1.1", "type": "scale", "label": EN}, "names its scale"),
        ({"id": "x.1", "type": "text", "label": EN}, "annex number"),
        ({"id": "2.6", "type": "text", "label": {"en": "  "}}, "empty"),
        ({"id": "2.6", "type": "text", "label": {"English": "t"}}, "unknown language code"),
        ({"id": "2.6", "type": "text", "label": {"xx": "t"}}, "unknown language code"),
        (
            {
                "id": "2.1",
                "type": "choose_one",
                "label": EN,
                "options": [{"name": "1a", "label": EN}],
            },
            "not a valid option name",
        ),
    ],
)
def test_question_rules(data, message):
    with pytest.raises(pydantic.ValidationError, match=message):
        Question.model_validate(data)


def test_question_name_defaults_from_id():
    q = Question.model_validate({"id": "3.1.5", "type": "text", "label": EN})
    assert q.name == "q3_1_5"


def test_instrument_rules():
    survey = builtin("ct-nat-2016-survey")
    data = survey.model_dump(mode="json")
    data["sections"][2]["questions"][0]["scale"] = "nope"
    data["sections"][2]["questions"][0]["matrix"] = None
    with pytest.raises(pydantic.ValidationError, match="unknown scale 'nope'"):
        Instrument.model_validate(data)
    data = survey.model_dump(mode="json")
    data["sections"][1]["questions"].append(dict(data["sections"][1]["questions"][0]))
    with pytest.raises(pydantic.ValidationError, match="repeated"):
        Instrument.model_validate(data)


def test_lookups_raise_not_found():
    survey = builtin("ct-nat-2016-survey")
    for call in (survey.question, survey.section, survey.scale, survey.matrix, survey.section_of):
        with pytest.raises(NotFoundError):
            call("9.9.9")


def test_load_and_dump_round_trip(tmp_path):
    survey = builtin("ct-nat-2016-survey")
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"survey{suffix}"
        dump_instrument(survey, path)
        assert load_instrument(path) == survey


def test_bad_file_names_the_place(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "id: x\nversion: '1'\nkind: survey\ntitle: {en: T}\nsections:\n"
        "  - id: '1'\n    title: {en: S}\n    questions:\n"
        "      - {id: '1.1', type: choose_one, label: {en: Q}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        load_instrument(path)
    err = info.value
    assert err.file == str(path)
    assert err.location.startswith("sections[0].questions[0]")
    assert "needs options" in err.reason


def test_unreadable_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(FileFormatError):
        load_instrument(path)
