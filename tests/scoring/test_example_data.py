"""The shipped Azerbaijan example against the seed report's own text (an independent source)."""

from __future__ import annotations

import re

import pytest

from ctnat.assessment import Basis, ProvenanceKind, Status
from ctnat.examples import assessments, azerbaijan, synthetic


def test_provenance_says_statuses_are_a_reading() -> None:
    a = azerbaijan()
    assert a.provenance.kind is ProvenanceKind.READING
    assert a.provenance.note is not None
    assert "reading" in a.provenance.note
    assert "colour" in a.provenance.note


def test_interview_metrics_match_section_1_2(seed_text: str) -> None:
    m = re.search(
        r"Republic of Azerbaijan, (\d+) interviews were carried out with (\d+) people "
        r"\((\d+) men and (\d+) women\)",
        seed_text,
    )
    assert m is not None
    iv = azerbaijan().interviews
    assert iv is not None
    assert (iv.interviews, iv.participants, iv.men, iv.women) == tuple(int(g) for g in m.groups())
    state = re.search(r"Of these interviews, (\d+) were with State", seed_text)
    assert state is not None
    assert iv.entity_types[0].interviews == int(state.group(1))


def test_bibliography_codes_are_annex_a(seed_text: str) -> None:
    annex = seed_text[seed_text.index("A. Bibliography\n\nSource #") :]
    annex = annex[: annex.index("B. Interviewed stakeholders")]
    codes = re.findall(r"^((?:Gen|Aze) \d+)\t", annex, flags=re.MULTILINE)
    assert [s.code for s in azerbaijan().bibliography] == codes
    assert len(codes) == 24


def test_priorities_table_matches_section_3(seed_text: str) -> None:
    pri = azerbaijan().priorities
    assert pri is not None
    rows = {r.option: r for r in pri.rows}
    section = seed_text[seed_text.index("3. RECOMMENDATIONS") :]
    section = section[: section.index("3.1. Identification and referral")]
    found = re.findall(r"^([A-Q])\. [^\t\n]+\t([• ]*)\t([• ]*)$", section, flags=re.MULTILINE)
    assert len(found) == 17
    for letter, survey, workshop in found:
        assert rows[letter].survey == survey.count("•"), letter
        assert rows[letter].workshop == workshop.count("•"), letter
    # the report's own sentence: "J" chosen by three respondents and three groups
    assert (rows["J"].survey, rows["J"].workshop) == (3, 3)


@pytest.mark.parametrize(
    "code", ["5.1.4", "5.1.5", "5.1.6", "5.1.7", "6.1.1", "6.1.2", "6.1.3", "6.1.4"]
)
def test_tabled_counts_match(seed_text: str, code: str) -> None:
    line = next(ln for ln in seed_text.splitlines() if ln.startswith(code + ". "))
    cells = line.split("\t")[1:]
    scale = [
        "Strongly agree",
        "Agree",
        "Neither agree nor disagree",
        "Disagree",
        "Strongly disagree",
    ]
    expected = {scale[i]: int(c.removeprefix("n=")) for i, c in enumerate(cells) if c.strip()}
    survey = azerbaijan().survey
    assert survey is not None
    res = survey.item(code)
    assert res is not None
    assert {c.option: c.count for c in res.counts} == expected


def test_contradictions_are_marked_not_resolved() -> None:
    survey = azerbaijan().survey
    assert survey is not None
    for code in ("3.1.5", "3.2.6", "7.3.2"):
        res = survey.item(code)
        assert res is not None
        assert res.problems, code
        assert not res.complete
    difficult = survey.item("7.3.2")
    assert difficult is not None
    assert difficult.count("Difficult") is None


def test_three_levels_of_respondents_kept() -> None:
    survey = azerbaijan().survey
    assert survey is not None
    res = survey.item("7.1.1")
    assert res is not None
    assert (res.item_respondents, res.block_respondents, res.survey_respondents) == (5, 6, 7)


def test_two_sources_disagree_on_2013_victims() -> None:
    # the TIP report's 56 (40 + 16) against the 54 the ministry gave ICMPD (seed 001)
    stats = {s.id: s for s in azerbaijan().statistics}
    derived = stats["victims-certified-2013-tip"]
    assert derived.value == 40 + 16
    assert derived.basis is Basis.DERIVED
    icmpd = stats["victims-identified-2013-icmpd"]
    assert (icmpd.value, icmpd.year, icmpd.evidence.source) == (54, 2013, "Aze 17")
    assert icmpd.measure == derived.measure == "victims-identified"


def test_referred_to_the_shelter_are_38_of_54_in_2014() -> None:
    # "Of the 54 victims certified, 35 women and 3 men were referred" (seed 003, 2.1);
    # "38 ... (35 women and 3 men ...) out of 54 identified in 2014" (seed 001, 6.3)
    stats = {s.id: s for s in azerbaijan().statistics}
    referred = stats["victims-certified-referred"]
    assert (referred.value, referred.year, referred.basis) == (38, 2014, Basis.DERIVED)
    assert referred.derivation == "35 + 3"
    assert [(b.category, b.value) for b in referred.breakdown("sex")] == [
        ("female", 35),
        ("male", 3),
    ]
    assert stats["victims-sheltered-2014-icmpd"].value == 38


def test_disputed_findings_are_comments() -> None:
    a = azerbaijan()
    disputed = {i for c in a.validation_comments if c.kind == "disputes" for i in c.indicators}
    assert {"1.5.O2", "3.2.O1", "3.3.O1"} <= disputed
    assert a.status("3.2.O1") is not None


def test_recommendations_per_category() -> None:
    recs = azerbaijan().recommendations
    assert {r.category for r in recs} == {"1", "2", "3", "4", "5"}
    assert sum(len(r.actions) for r in recs) == 66


def test_statuses_cover_every_status_value_but_not_applicable() -> None:
    used = {s.status for s in azerbaijan().statuses}
    assert used == {Status.MET, Status.PARTLY_MET, Status.NOT_MET, Status.UNKNOWN}


def test_synthetic_examples_are_labelled_and_deterministic() -> None:
    _, arm, geo = assessments()
    for a in (arm, geo):
        assert a.provenance.kind is ProvenanceKind.SYNTHETIC
        assert a.provenance.note is not None
        assert "SYNTHETIC" in a.provenance.note
    assert synthetic("ARM") == arm
    assert synthetic("ARM", salt="other") != arm
    assert [s.status for s in arm.statuses] != [s.status for s in geo.statuses]


def test_real_counts_in_synthetic_examples(seed_text: str) -> None:
    for country, name in (("ARM", "Republic of Armenia"), ("GEO", "Georgia")):
        m = re.search(
            rf"In (?:the )?{name}, (\d+) interviews were carried out with (\d+) people "
            r"\((\d+) men and (\d+) women\)",
            seed_text,
        )
        assert m is not None
        iv = synthetic(country).interviews
        assert iv is not None
        assert (iv.interviews, iv.participants, iv.men, iv.women) == tuple(
            int(g) for g in m.groups()
        )


def test_respondents_stated_or_derived() -> None:
    survey = azerbaijan().survey
    assert survey is not None
    demand = survey.item("6.1.7")
    table = survey.item("5.1.4")
    assert demand is not None
    assert table is not None
    assert (demand.item_respondents, demand.item_respondents_basis) == (5, Basis.STATED)
    # in the tables only the block's respondents are stated; the item's are the summed counts
    assert table.item_respondents_basis is Basis.DERIVED
    assert table.item_respondents == sum(c.count or 0 for c in table.counts)
    assert table.block_respondents == 6


def test_the_azerbaijan_file_is_read_once_per_process(monkeypatch):
    import ctnat.examples as ex

    ex.azerbaijan.cache_clear()
    calls = []
    real = ex.parse_text
    monkeypatch.setattr(ex, "parse_text", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = ex.azerbaijan()
    ex.assessments()
    ex.demo_comparison(draws=10)
    assert ex.azerbaijan() is first
    assert len(calls) == 1
