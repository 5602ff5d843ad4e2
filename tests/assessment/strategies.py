"""Hypothesis strategies for the narrative parts of an assessment (shared by tests)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ctnat import assessment as A
from ctnat import indicators

SET = indicators.builtin("ct-nat-2016")
CATEGORIES = [c.id for c in SET.categories]
CRITERIA = [c.id for c in SET.criteria()]
INDICATORS = [i.id for i in SET.indicators()]
CODES = ["Aze 1", "Aze 30", "Gen 1"]
# no digits: a random text must not name a bibliography-shaped code ("Aze 99")
TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Cn", "Co", "Nd", "No", "Nl"),
        whitelist_characters="\n",
    ),
    min_size=1,
    max_size=25,
).filter(lambda s: s.strip() != "")
# texts as they are read back: stripped
CLEAN = TEXT.map(str.strip)
DATES = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))


@st.composite
def evidence(draw: st.DrawFn) -> A.Evidence:
    source = draw(st.none() | st.sampled_from(CODES))
    sections = draw(st.lists(st.sampled_from(["1.2", "1.3", "2.1", "3"]), max_size=2))
    if source is None and not sections:
        sections = ["2.1"]
    return A.Evidence(
        source=source,
        pages=draw(st.none() | st.sampled_from(["p. 31", "pp. 43-44"])) if source else None,
        sections=tuple(sections),
    )


EVIDENCE = st.lists(evidence(), max_size=2).map(tuple)


@st.composite
def periods(draw: st.DrawFn) -> A.Period:
    start = draw(DATES)
    end = start + dt.timedelta(days=draw(st.integers(0, 800)))
    return A.Period(start=start, end=end, label=draw(st.none() | CLEAN))


@st.composite
def statistics(draw: st.DrawFn, ident: str) -> A.Statistic:
    value = draw(st.integers(0, 500))
    dims = draw(st.lists(st.sampled_from(list(A.BreakdownDimension)), max_size=2, unique=True))
    parts: list[A.Breakdown] = []
    for dim in dims:
        first = draw(st.integers(0, value))
        parts.append(A.Breakdown(dimension=dim, category="a", value=first))
        parts.append(
            A.Breakdown(dimension=dim, category="b", value=draw(st.integers(0, value - first)))
        )
    basis = draw(st.sampled_from(list(A.Basis)))
    period = draw(st.none() | periods())
    year = draw(st.none() | st.integers(1990, 2030)) if period is None else None
    return A.Statistic(
        id=ident,
        label=draw(CLEAN),
        value=value,
        year=year,
        period=period,
        basis=basis,
        derivation="a + b" if basis is A.Basis.DERIVED else None,
        evidence=draw(evidence()),
        measure=draw(st.none() | st.sampled_from(["victims-identified", "convictions"])),
        unit=draw(st.none() | st.just("persons")),
        breakdowns=tuple(parts),
    )


@st.composite
def recommendations(draw: st.DrawFn, ident: str) -> A.Recommendation:
    return A.Recommendation(
        id=ident,
        category=draw(st.sampled_from(CATEGORIES)),
        heading=draw(CLEAN),
        actions=tuple(draw(st.lists(CLEAN, max_size=2))),
        actors=tuple(
            A.Actor(name=draw(CLEAN), type=draw(st.sampled_from(list(A.ActorType))))
            for _ in range(draw(st.integers(0, 2)))
        ),
        timeframe=draw(st.none() | st.sampled_from(list(A.Timeframe))),
        timeframe_note=draw(st.none() | CLEAN),
        criteria=tuple(draw(st.lists(st.sampled_from(CRITERIA), max_size=2, unique=True))),
        indicators=tuple(draw(st.lists(st.sampled_from(INDICATORS), max_size=2, unique=True))),
        priorities=tuple(draw(st.lists(st.sampled_from("ABJ"), max_size=2, unique=True))),
    )


@st.composite
def findings(draw: st.DrawFn) -> tuple[A.Finding, ...]:
    keys = draw(st.lists(st.sampled_from(CATEGORIES + CRITERIA), max_size=4, unique=True))
    return tuple(
        A.Finding(
            category=k.split(".")[0],
            criterion=k if "." in k else None,
            title=draw(st.none() | CLEAN),
            text=draw(CLEAN),
            evidence=draw(EVIDENCE),
        )
        for k in keys
    )


@st.composite
def narratives(draw: st.DrawFn) -> dict[str, object]:
    """The narrative fields of an assessment (keyword arguments of Assessment)."""
    found = draw(findings())
    recs: tuple[A.Recommendation, ...] = ()
    for i in range(draw(st.integers(0, 3))):
        rec = draw(recommendations(f"R{i}"))
        if all((r.category, r.heading) != (rec.category, rec.heading) for r in recs):
            recs += (rec,)  # a heading is listed once per category
    outcomes = []
    for f in found[:2]:
        kind = draw(st.sampled_from(list(A.Outcome)))
        outcomes.append(A.WorkshopOutcome(finding=f.key, outcome=kind, comment=draw(CLEAN)))
    for r in recs[:2]:
        kind = draw(st.sampled_from(list(A.Outcome)))
        comment = draw(CLEAN) if kind is not A.Outcome.AGREED else draw(st.none() | CLEAN)
        outcomes.append(A.WorkshopOutcome(recommendation=r.id, outcome=kind, comment=comment))
    workshop = A.ValidationWorkshop(
        date=draw(DATES),
        place=draw(st.none() | CLEAN),
        groups=tuple(
            A.WorkshopGroup(
                name=f"Group {i}",
                entity_type=draw(st.sampled_from(list(A.ActorType))),
                participants=draw(st.none() | st.integers(0, 30)),
                categories=tuple(
                    draw(st.lists(st.sampled_from(CATEGORIES), max_size=2, unique=True))
                ),
            )
            for i in range(draw(st.integers(0, 3)))
        ),
        outcomes=tuple(outcomes),
    )
    context = A.ResearchContext(
        purpose=tuple(draw(st.lists(CLEAN, min_size=1, max_size=3))),
        period=draw(st.none() | periods()),
        commissioned_by=draw(st.none() | CLEAN),
        focal_points=tuple(
            A.FocalPoint(institution=draw(CLEAN), type=draw(st.sampled_from(list(A.ActorType))))
            for _ in range(draw(st.integers(0, 2)))
        ),
        sampling=tuple(
            A.Sampling(
                applies_to=("survey",),
                methods=tuple(
                    draw(
                        st.lists(
                            st.sampled_from(list(A.SamplingMethod)),
                            min_size=1,
                            max_size=2,
                            unique=True,
                        )
                    )
                ),
                description=draw(CLEAN),
                targets=tuple(draw(st.lists(CLEAN, max_size=2))),
                deadline=draw(st.none() | DATES),
                evidence=draw(EVIDENCE),
            )
            for _ in range(draw(st.integers(0, 2)))
        ),
        evidence=draw(EVIDENCE),
    )
    limitations = tuple(
        A.Limitation(
            title=draw(CLEAN),
            text=draw(CLEAN),
            affects=tuple(
                draw(
                    st.lists(st.sampled_from(list(A.Affected)), min_size=1, max_size=3, unique=True)
                )
            ),
            categories=tuple(draw(st.lists(st.sampled_from(CATEGORIES), max_size=2, unique=True))),
            evidence=draw(EVIDENCE),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    forms = draw(st.lists(st.sampled_from(list(A.ExploitationForm)), max_size=3, unique=True))
    situation = A.CountrySituation(
        summary=draw(st.none() | CLEAN),
        trends=tuple(
            A.SituationNote(
                role=draw(st.none() | st.sampled_from(list(A.CountryRole))),
                text=draw(CLEAN),
                evidence=draw(EVIDENCE),
            )
            for _ in range(draw(st.integers(0, 2)))
        ),
        forms=tuple(
            A.FormOfExploitation(form=f, text=draw(CLEAN), evidence=draw(EVIDENCE)) for f in forms
        ),
    )
    stats = tuple(draw(statistics(f"s{i}")) for i in range(draw(st.integers(0, 4))))
    return {
        "research_context": draw(st.none() | st.just(context)),
        "limitations": limitations,
        "situation": draw(st.none() | st.just(situation)),
        "findings": found,
        "workshop": draw(st.none() | st.just(workshop)),
        "recommendations": recs,
        "statistics": stats,
    }


def base(**fields: object) -> A.Assessment:
    """An assessment with a bibliography of CODES, priorities A, B, J and the given fields."""
    data: dict[str, object] = {
        "country": "AZE",
        "round": dt.date(2016, 4, 25),
        "indicator_set": {"id": "ct-nat-2016"},
        "provenance": {"kind": "synthetic"},
        "bibliography": [{"code": c, "title": "A source"} for c in CODES],
        "priorities": {
            "item": "8.1",
            "rows": [{"option": x, "text": f"Priority {x}", "survey": 1} for x in "ABJ"],
        },
    }
    return A.Assessment.model_validate(data | fields)
