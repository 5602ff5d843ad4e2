"""Assessments on an extended indicator set, embedded or as a file beside the assessment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ctnat.assessment import Status, dump, from_mapping, load
from ctnat.errors import ValidationError
from ctnat.scoring import Rule, UnknownPolicy, score

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "docs" / "examples" / "ct-nat-2016-aze.yaml"


def extension() -> dict[str, Any]:
    data = yaml.safe_load(EXTENSION.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def assessment_data(ref: dict[str, Any]) -> dict[str, Any]:
    return {
        "country": "AZE",
        "round": "2026-05-01",
        "indicator_set": ref,
        "provenance": {"kind": "synthetic"},
        "statuses": [
            {"indicator": "1.6.F1", "status": "met"},
            {"indicator": "5.1.O3", "status": "met"},
            {"indicator": "4.4.O2", "status": "not_met"},
        ],
    }


def test_embedded_extension_adds_criteria_and_levels(tmp_path: Path) -> None:
    a = from_mapping(assessment_data({"id": "ct-nat-2016-aze", "embedded": extension()}))
    ids = [s.indicator for s in a.statuses]
    assert "1.6.O2" in ids
    assert "5.1.O3" in ids
    # the retired indicator keeps its status, with a notice, and is not scored
    retired = [n for n in a.notices if n.indicator == "4.4.O2"]
    assert retired
    assert "retired" in retired[0].message
    # lossless round trip of an assessment with an embedded set
    path = tmp_path / "a.yaml"
    dump(a, path)
    assert load(path) == a


def test_effective_weights_show_the_reweighting() -> None:
    a = from_mapping(assessment_data({"id": "ct-nat-2016-aze", "embedded": extension()}))
    card = score(a, unknown=UnknownPolicy.NOT_MET)
    w = {x.indicator: x.nominal for x in card.weights}
    # category 1 now has six criteria: each of its level cells weighs 1/5 * 1/6 * 1/2 * 1/2
    assert w["1.1.F1"] == pytest.approx(1 / 5 / 6 / 2 / 2)
    assert w["1.6.F1"] == pytest.approx(1 / 5 / 6 / 2 / 2)
    # criterion 5.1 has three operational levels
    assert w["5.1.O3"] == pytest.approx(1 / 5 / 5 / 2 / 3)
    assert "4.4.O2" not in w
    assert sum(w.values()) == pytest.approx(1.0)


def test_ladder_with_a_third_level() -> None:
    data = assessment_data({"id": "ct-nat-2016-aze", "embedded": extension()})
    data["statuses"] += [
        {"indicator": "5.1.O1", "status": "met"},
        {"indicator": "5.1.O2", "status": "not_met"},
    ]
    a = from_mapping(data)
    add = score(a, unknown=UnknownPolicy.EXCLUDE).criterion("5.1").operational.value
    lad = score(a, unknown=UnknownPolicy.EXCLUDE, rule=Rule.LADDER).criterion("5.1")
    assert add == pytest.approx(2 / 3)
    assert lad.operational.value == pytest.approx(1 / 3)  # O3 capped by O2 not met


def test_set_file_beside_the_assessment(tmp_path: Path) -> None:
    (tmp_path / "set.yaml").write_text(EXTENSION.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(
        yaml.safe_dump(assessment_data({"id": "ct-nat-2016-aze", "file": "set.yaml"})),
        encoding="utf-8",
    )
    a = load(path)
    assert a.status("1.6.F1") is not None
    assert a.status("1.6.F1").status is Status.MET  # type: ignore[union-attr]


def test_embedded_errors_are_located() -> None:
    bad = extension()
    bad["add"]["criteria"][0]["indicators"][0]["id"] = "1.6.X1"
    with pytest.raises(ValidationError) as info:
        from_mapping(assessment_data({"id": "ct-nat-2016-aze", "embedded": bad}), file="a.yaml")
    p = info.value.problems[0]
    assert p.file == "a.yaml"
    assert p.location.startswith("indicator_set.embedded")


def test_status_for_the_base_set_only_indicator_on_another_set_is_rejected() -> None:
    data = assessment_data({"id": "ct-nat-2016"})
    with pytest.raises(ValidationError, match="1.6.F1"):
        from_mapping(data)


def test_scoring_against_another_set_records_notices() -> None:
    from ctnat.examples import azerbaijan
    from ctnat.indicators import Extension, apply_extension, builtin

    extended = apply_extension(builtin("ct-nat-2016"), Extension.model_validate(extension()))
    card = score(azerbaijan(), unknown=UnknownPolicy.EXCLUDE, indicator_set=extended)
    by_ind = {n.indicator: n.message for n in card.notices}
    assert "scored as unknown" in by_ind["1.6.F1"]
    assert "left out" in by_ind["4.4.O2"]  # retired in the extended set
    assert card.criterion("1.6").coverage.judged == 0
    assert score(azerbaijan(), unknown=UnknownPolicy.EXCLUDE).notices == ()


def test_criterion_weights_within_a_category() -> None:
    from ctnat.examples import azerbaijan
    from ctnat.indicators import builtin
    from ctnat.scoring import Weights

    crits = {c.id: 1.0 for c in builtin("ct-nat-2016").criteria()}
    crits["1.1"] = 3.0
    card = score(azerbaijan(), unknown=UnknownPolicy.EXCLUDE, weights=Weights(criteria=crits))
    plain = score(azerbaijan(), unknown=UnknownPolicy.EXCLUDE)
    c = [plain.criterion(f"1.{k}").score.value for k in range(1, 6)]
    assert card.category("1").score.value == pytest.approx((3 * c[0] + sum(c[1:])) / 7)
