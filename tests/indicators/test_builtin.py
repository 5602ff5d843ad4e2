"""The canonical set: its 100 ids, its structure and its wording (Annex E of seed 003)."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest

from ctnat import NotFoundError
from ctnat.indicators import Dimension, builtin, parse_indicator_id

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def canon():
    return builtin("ct-nat-2016")


def test_hundred_ids_in_canonical_order(canon):
    expected = [
        f"{cat}.{crit}.{letter}{level}"
        for cat, crit in itertools.product(range(1, 6), range(1, 6))
        for letter, level in (("F", 1), ("F", 2), ("O", 1), ("O", 2))
    ]
    assert [i.id for i in canon.indicators()] == expected
    assert len(canon) == 100


def test_structure_five_by_five_by_four(canon):
    assert [c.id for c in canon.categories] == ["1", "2", "3", "4", "5"]
    for cat in canon.categories:
        assert [c.id for c in cat.criteria] == [f"{cat.id}.{k}" for k in range(1, 6)]
        for crit in cat.criteria:
            cells = {(i.dimension, i.level) for i in crit.indicators}
            assert cells == {(d, lv) for d in Dimension for lv in (1, 2)}
            for ind in crit.indicators:
                assert ind.criterion_id == crit.id
                assert ind.category_id == cat.id
                assert parse_indicator_id(ind.id) == (crit.id, ind.dimension, ind.level)


def test_category_titles(canon):
    assert [c.label() for c in canon.categories] == [
        "Identification and referral",
        "Protection and assistance",
        "Investigation and prosecution",
        "Prevention",
        "Cooperation and coordination",
    ]


@pytest.mark.parametrize(
    ("indicator_id", "wording"),
    [
        ("1.1.F1", "NRM specific to THB is in place"),
        ("1.3.F2", "Identification tools are relevant to trafficking in practice (e.g. all types)"),
        ("2.2.O2", "All services are available to all victims of trafficking with no conditions"),
        ("3.4.O2", "Criminal justice practitioners receive regular or ongoing training"),
        (
            "4.2.O2",
            (
                "Media reporting is accurate and responsible (does no harm) to victims/ "
                "potential victims/others"
            ),
        ),
        (
            "5.4.O1",
            (
                "There is evidence of bilateral/ transnational criminal justice cooperation "
                "against trafficking"
            ),
        ),
        (
            "5.5.O2",
            (
                "There is evidence that agreements result in bilateral/ transnational "
                "cooperation to assist and protect/ prevent trafficking"
            ),
        ),
    ],
)
def test_wording_spot_checks(canon, indicator_id, wording):
    # Wording transcribed from Annex E of seed 003 by hand, independently of the extractor.
    assert canon.indicator(indicator_id).label() == wording


def test_criterion_titles_spot_checks(canon):
    assert canon.criterion("1.4").label() == (
        "Self-identification mechanisms (e.g. hotlines, posters, advertisements)"
    )
    assert canon.criterion("5.2").label() == "National Coordinator/ Rapporteur"


def test_source_named(canon):
    assert "IOM (2016)" in canon.source
    assert "Annex E" in canon.source


def test_every_wording_appears_in_annex_e(canon, seed_003):
    # Independently of the extractor: each wording, whitespace folded, occurs in the annex.
    annex = " ".join(seed_003[seed_003.rindex("\nE. Assessment indicators") :].split())
    for ind in canon.indicators():
        assert ind.label() in annex, ind.id
    for crit in canon.criteria():
        assert crit.label() in annex, crit.id


def test_package_data_matches_a_fresh_extraction(seed_003):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import extract_annex_e
    finally:
        sys.path.pop(0)
    fresh = extract_annex_e.render(extract_annex_e.extract(seed_003))
    shipped = (ROOT / "src/ctnat/indicators/data/ct-nat-2016.yaml").read_text(encoding="utf-8")
    assert fresh == shipped


def test_builtin_versions_and_unknown_names():
    assert builtin("ct-nat-2016@2016").version == "2016"
    with pytest.raises(NotFoundError, match="version 2016"):
        builtin("ct-nat-2016@1999")
    with pytest.raises(NotFoundError, match="no built-in indicator set 'nope'") as info:
        builtin("nope")
    assert "ct-nat-2016" in str(info.value)


def test_lookups(canon):
    assert canon.criterion("2.3").cell("operational", 2).id == "2.3.O2"
    assert canon.category("3").criteria[0].id == "3.1"
    assert "4.5.O1" in canon
    assert "4.6.O1" not in canon
    with pytest.raises(NotFoundError, match="no indicator '9.9.F1'"):
        canon.indicator("9.9.F1")
    with pytest.raises(NotFoundError, match="no criterion '1.3.F2'"):
        canon.criterion("1.3.F2")
    with pytest.raises(LookupError):
        parse_indicator_id("1.3.X2")


def test_ids_follow_the_documented_pattern(canon):
    pattern = re.compile(r"^[1-5]\.[1-5]\.[FO][12]$")
    assert all(pattern.match(i.id) for i in canon.indicators())


def test_is_frozen(canon):
    ind = canon.indicator("1.1.F1")
    with pytest.raises(Exception, match="frozen"):
        ind.level = 2
