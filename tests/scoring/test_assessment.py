"""The Assessment model: loading, lossless round trips, and located errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import ctnat
from ctnat import assessment as A
from ctnat.errors import CtnatError, FileFormatError, ValidationError
from ctnat.examples import azerbaijan

DATA = Path(A.__file__).parent.parent / "examples" / "data" / "aze-2016.yaml"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def minimal(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "country": "ARM",
        "round": "2020-01-31",
        "indicator_set": {"id": "ct-nat-2016"},
        "provenance": {"kind": "synthetic"},
        "bibliography": [{"code": "Arm 1", "title": "A source"}],
        "statuses": [
            {
                "indicator": "1.1.F1",
                "status": "met",
                "evidence": [{"source": "Arm 1", "pages": "p. 3"}],
            }
        ],
    }
    data.update(extra)
    return data


def test_exported_from_the_package() -> None:
    assert ctnat.Assessment is A.Assessment


def test_example_loads_with_every_indicator() -> None:
    a = azerbaijan()
    assert a.country == "AZE"
    assert len(a.statuses) == 100
    assert a.notices == ()  # the file records all 100; nothing was filled in
    assert all(s.evidence for s in a.statuses)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_round_trip_is_lossless(tmp_path: Path, suffix: str) -> None:
    a = azerbaijan()
    path = tmp_path / f"a{suffix}"
    A.dump(a, path)
    back = A.load(path)
    assert back == a
    assert back.model_dump(mode="json") == a.model_dump(mode="json")


def test_json_dump_is_plain_json(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    A.dump(azerbaijan(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["country"] == "AZE"
    assert data["round"] == "2016-04-25"


def test_json_schema_names_the_statuses() -> None:
    schema = A.Assessment.model_json_schema()
    text = json.dumps(schema)
    for status in ("met", "partly_met", "not_met", "unknown", "not_applicable"):
        assert f'"{status}"' in text


def test_missing_indicators_become_unknown_with_a_notice() -> None:
    a = A.from_mapping(minimal())
    assert len(a.statuses) == 100
    filled = [s for s in a.statuses if s.indicator != "1.1.F1"]
    assert {s.status for s in filled} == {A.Status.UNKNOWN}
    assert {n.indicator for n in a.notices} == {s.indicator for s in filled}
    assert a.status("1.1.F1") is not None
    # the filled-in result round-trips without new notices
    again = A.from_mapping(A.to_mapping(a))
    assert again == a


def test_citation_to_unknown_source_names_file_and_place(tmp_path: Path) -> None:
    data = minimal()
    data["statuses"][0]["evidence"][0]["source"] = "Arm 99"
    path = tmp_path / "arm.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        A.load(path)
    p = info.value.problems[0]
    assert p.file == str(path)
    assert p.location == "statuses[0].evidence[0].source"
    assert "Arm 99" in p.reason
    assert "bibliography" in p.reason


def test_status_for_an_indicator_the_set_lacks() -> None:
    data = minimal()
    data["statuses"].append({"indicator": "1.6.F1", "status": "met"})
    with pytest.raises(ValidationError) as info:
        A.from_mapping(data, file="x.yaml")
    p = info.value.problems[0]
    assert p.location == "statuses[1].indicator"
    assert "1.6.F1" in p.reason
    assert p.file == "x.yaml"


def test_all_problems_reported_together() -> None:
    data = minimal()
    data["statuses"][0]["evidence"].append({"source": "Nope"})
    data["statuses"].append({"indicator": "9.9.O1", "status": "met"})
    with pytest.raises(ValidationError) as info:
        A.from_mapping(data)
    assert len(info.value.problems) == 2


def test_survey_item_cited_but_not_reported(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["statuses"][0]["evidence"].append({"survey_items": ["3.1.1"]})
    with pytest.raises(ValidationError) as info:
        A.from_mapping(data)
    assert info.value.problems[0].location == "statuses[0].evidence[1].survey_items"


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        ({"country": "XYZ"}, "", "ISO 3166"),
        ({"country": "aze"}, "country", "three-letter ISO code"),
        ({"round": "2016-13-01"}, "round", "date"),
        ({"provenance": {"kind": "guess"}}, "provenance.kind", "reading"),
    ],
)
def test_field_errors_are_located(change: dict[str, Any], where: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        A.from_mapping(minimal(**change))
    p = info.value.problems[0]
    assert p.location == where
    assert words in p.reason


def test_duplicate_status_rejected() -> None:
    data = minimal()
    data["statuses"].append({"indicator": "1.1.F1", "status": "not_met"})
    with pytest.raises(ValidationError, match="more than one status"):
        A.from_mapping(data)


def test_unknown_indicator_set_is_a_problem() -> None:
    with pytest.raises(ValidationError) as info:
        A.from_mapping(minimal(indicator_set={"id": "no-such-set"}))
    assert info.value.problems[0].location.startswith("indicator_set")


def test_wrong_version_is_a_problem() -> None:
    with pytest.raises(ValidationError, match="version"):
        A.from_mapping(minimal(indicator_set={"id": "ct-nat-2016", "version": "1999"}))


def test_pages_need_a_source() -> None:
    data = minimal()
    data["statuses"][0]["evidence"] = [{"pages": "p. 4", "sections": ["2.1"]}]
    with pytest.raises(ValidationError, match="pages without a source"):
        A.from_mapping(data)


def test_survey_counts_must_fit_the_respondents() -> None:
    item = {
        "item": "3.1.4",
        "text": "Capacity",
        "scale": ["Adequate", "Inadequate"],
        "counts": [{"option": "Adequate", "count": 5}, {"option": "Inadequate", "count": 3}],
        "item_respondents": 7,
    }
    with pytest.raises(ValidationError, match="more than the 7"):
        A.from_mapping(minimal(survey={"respondents": 7, "items": [item]}))


def test_interview_sexes_must_add_up() -> None:
    with pytest.raises(ValidationError, match="do not add"):
        A.from_mapping(
            minimal(interviews={"interviews": 3, "participants": 5, "men": 2, "women": 2})
        )


def test_not_a_mapping_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError):
        A.from_mapping([1, 2])
    bad = tmp_path / "bad.yaml"
    bad.write_text("country: AZE\ncountry: ARM\n", encoding="utf-8")
    with pytest.raises(CtnatError, match="duplicate"):
        A.load(bad)


def test_frozen() -> None:
    a = azerbaijan()
    with pytest.raises(Exception, match="frozen"):
        a.country = "ARM"  # type: ignore[misc]


def test_interview_codes_must_exist() -> None:
    interviews = {
        "interviews": 2,
        "records": [
            {"code": "ARMint1", "format": "in person", "participants": 3, "men": 1, "women": 2}
        ],
    }
    ok = minimal(interviews=interviews)
    ok["statuses"][0]["evidence"].append({"interviews": ["ARMint1"]})
    assert A.from_mapping(ok).status("1.1.F1") is not None
    bad = minimal(interviews=interviews)
    bad["statuses"][0]["evidence"].append({"interviews": ["ARMint2"]})
    with pytest.raises(ValidationError) as info:
        A.from_mapping(bad)
    assert info.value.problems[0].location == "statuses[0].evidence[1].interviews"
    assert "ARMint2" in info.value.problems[0].reason


def test_html_grid_and_schema_function() -> None:
    import re

    html = re.sub(r' style="[^"]*"', "", azerbaijan()._repr_html_())  # styles are inline
    assert html.count("<tr>") == 26  # header + 25 criteria
    assert "<th>F1</th><th>F2</th><th>O1</th><th>O2</th>" in html
    assert A.json_schema()["title"] == "Assessment"


def test_version_written_as_a_number() -> None:
    a = A.from_mapping(minimal(indicator_set={"id": "ct-nat-2016", "version": 2016}))
    assert a.indicator_set.version == "2016"
