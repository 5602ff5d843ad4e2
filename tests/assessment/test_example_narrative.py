"""The Azerbaijan example: its narrative, statistics and corrections against the sources."""

from __future__ import annotations

import pytest

from ctnat import assessment as A
from ctnat.examples import azerbaijan

AZE = azerbaijan()


def test_research_context_from_section_1() -> None:
    rc = AZE.research_context
    assert rc is not None
    assert rc.commissioned_by == "International Organization for Migration (IOM)"
    assert len(rc.purpose) == 3
    assert len(rc.steps) == 6  # "six key steps" (1.2)
    survey = next(s for s in rc.sampling if "survey" in s.applies_to)
    assert "practitioners outside the capitals" in survey.targets
    assert survey.deadline is not None
    assert survey.deadline.isoformat() == "2016-01-31"
    assert all(fp.type is A.ActorType.INTERNATIONAL for fp in rc.focal_points)


def test_limitations_of_section_1_3_say_what_they_affect() -> None:
    titles = [lim.title for lim in AZE.limitations]
    assert len(titles) == 8
    assert "Convenience sampling and selection bias" in titles
    capital = next(lim for lim in AZE.limitations if lim.title == "Capital-level data")
    assert A.Affected.SURVEY in capital.affects
    comparison = next(lim for lim in AZE.limitations if lim.title == "Not comparative")
    assert comparison.affects == (A.Affected.COMPARISON,)


def test_findings_for_every_category_with_citations() -> None:
    by_key = {f.key: f for f in AZE.findings}
    assert {"1", "2", "3", "4", "5"} <= set(by_key)
    codes = {s.code for s in AZE.bibliography}
    for f in AZE.findings:
        named = A.sources_named(f.text, codes)
        cited = {ev.source for ev in f.evidence}
        assert set(named) <= cited, f"{f.key}: the text names {named}, the evidence cites {cited}"
    assert "Aze 17, p. 18" in by_key["4"].text  # the victim's photo in the media (seed 001, 6.9)
    assert "NAP paragraph 9.1" in by_key["5"].text


def test_situation_profile_names_roles_and_forms() -> None:
    sit = AZE.situation
    assert sit is not None
    assert {t.role for t in sit.trends} == set(A.CountryRole)
    forms = {f.form for f in sit.forms}
    assert {A.ExploitationForm.SEXUAL, A.ExploitationForm.LABOUR} <= forms


def test_workshop_records_the_disputes() -> None:
    w = AZE.workshop
    assert w is not None
    assert w.date.isoformat() == "2016-04-25"
    disputed = {o.finding for o in w.outcomes if o.outcome is A.Outcome.DISPUTED}
    assert disputed == {"2.2", "3.2", "3.3"}
    # the report states no verdict per recommendation: none is invented
    assert all(o.recommendation is None for o in w.outcomes)
    assert w.groups == ()


def test_every_recommendation_says_who_acts_and_what_it_addresses() -> None:
    recs = AZE.recommendations
    assert len({r.id for r in recs}) == len(recs) == 21
    for r in recs:
        assert r.actors, r.id
        assert r.criteria, r.id
        assert r.priorities, r.id
    urgent = next(r for r in recs if r.id == "R2.1")
    assert urgent.timeframe is A.Timeframe.IMMEDIATE
    assert urgent.timeframe_note is not None
    assert "urgent interim measure" in urgent.timeframe_note
    # J, the priority that "stands out" in section 3, is linked to the awareness recommendation
    assert any("J" in r.priorities and "4.2" in r.criteria for r in recs)


def test_statistics_disagreement_is_the_real_one() -> None:
    groups = A.group_statistics(AZE.statistics, measure="victims-identified")
    by_year = {g.period.calendar_year: g for g in groups if g.period is not None}
    assert by_year[2013].disagreement == "2013: Gen 1 gives 56; Aze 17 gives 54"
    assert by_year[2014].value == 54  # TIP, ICMPD and the MIA website agree
    sheltered = A.time_series(AZE.statistics, "victims-sheltered")
    assert [(str(p), v) for p, v in sheltered.values()] == [
        ("2013", 37),
        ("2014", 38),
        ("2015", 51),
    ]


def test_no_other_2014_or_2013_victim_disagreement() -> None:
    # the old misreading set 54 referred against 56 certified for 2013
    bad = [
        g
        for g in A.group_statistics(AZE.statistics)
        if not g.agree and g.measure == "victims-sheltered"
    ]
    assert bad == []


def test_half_year_convictions_exceed_the_whole_year() -> None:
    pairs = {(p.id, w.id) for p, w in A.nested_conflicts(AZE.statistics)}
    assert pairs == {("convictions-2013-h1-greta", "convictions-2013-tip")}


def test_every_statistic_has_a_measure() -> None:
    assert all(s.measure is not None for s in AZE.statistics)
    assert len(AZE.statistics) >= 22


@pytest.mark.parametrize(
    ("indicator", "words"),
    [
        ("5.2.F1", "NAP paragraph 9.1"),
        ("1.2.F2", "Source inconsistency"),
        ("4.2.O2", "photo"),
    ],
)
def test_corrected_status_notes(indicator: str, words: str) -> None:
    st = AZE.status(indicator)
    assert st is not None
    assert st.note is not None
    assert words in st.note


def test_national_coordinator_not_attributed_to_article_7() -> None:
    st = AZE.status("5.2.F1")
    assert st is not None
    assert st.note is not None
    assert "Article 7" not in st.note
    assert "Aze 8" in {ev.source for ev in st.evidence}


def test_referral_rules_cited_as_in_the_bibliography() -> None:
    st = AZE.status("1.2.F2")
    assert st is not None
    sources = {ev.source for ev in st.evidence}
    assert "Aze 9" in sources
    assert "Aze 7" not in sources
    titles = {s.code: s.title for s in AZE.bibliography}
    assert titles["Aze 9"].startswith("Rules on Referring Victims")


def test_media_photo_makes_4_2_o2_judged() -> None:
    st = AZE.status("4.2.O2")
    assert st is not None
    assert st.status is A.Status.NOT_MET
    assert any(ev.source == "Aze 17" and ev.pages == "p. 18" for ev in st.evidence)
    assert st.improvement_mark == A.ImprovementMark(marked=True, basis=A.ImprovementBasis.DEFAULTED)
