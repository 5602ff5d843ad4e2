"""Round trips: an assessment written and read back is equal; write(read(x)) keeps the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctnat import assessment as A
from ctnat import indicators
from ctnat import worksheet as W

IDS = [ind.id for ind in indicators.builtin("ct-nat-2016").indicators()]
# any printable text; openpyxl cannot store control characters (write reports them)
TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Cn", "Co"), whitelist_characters="\n"
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
PAGES = st.one_of(TEXT, st.from_regex(r"pp?\. [0-9]{1,3}(-[0-9]{1,3})?", fullmatch=True))
ITEM = st.from_regex(r"[1-8]\.[1-9](\.[1-9])?", fullmatch=True)


@st.composite
def assessments(draw: st.DrawFn) -> A.Assessment:
    codes = draw(st.lists(TEXT.map(str.strip), max_size=4, unique=True))
    bibliography = [
        A.Source(code=c, title=draw(TEXT), author=draw(st.none() | TEXT)) for c in codes
    ]

    def evidence() -> A.Evidence:
        source = draw(st.sampled_from(codes)) if codes and draw(st.booleans()) else None
        sections = draw(st.lists(TEXT, max_size=2))
        items = draw(st.lists(ITEM, max_size=2))
        if source is None and not sections and not items:
            sections = ["2.1"]
        return A.Evidence(
            source=source,
            pages=draw(st.none() | PAGES) if source else None,
            sections=tuple(sections),
            survey_items=tuple(items),
            excerpt=draw(st.none() | TEXT),
        )

    chosen = draw(st.lists(st.sampled_from(IDS), max_size=8, unique=True))
    statuses = [
        A.IndicatorStatus(
            indicator=i,
            status=draw(st.sampled_from(list(A.Status))),
            evidence=tuple(evidence() for _ in range(draw(st.integers(0, 2)))),
            note=draw(st.none() | TEXT),
        )
        for i in chosen
    ]
    recs: list[A.Recommendation] = []
    for _ in range(draw(st.integers(0, 3))):
        cat, heading = draw(TEXT), draw(TEXT)
        if recs and (recs[-1].category, recs[-1].heading) == (cat.strip(), heading.strip()):
            continue  # consecutive rows with one heading are one recommendation
        recs.append(
            A.Recommendation(
                category=cat, heading=heading, actions=tuple(draw(st.lists(TEXT, max_size=2)))
            )
        )
    letters = draw(st.lists(st.sampled_from("ABCDEFGHIJKLMNOPQ"), max_size=4, unique=True))
    priorities = (
        A.Priorities(
            item="8.1",
            rows=tuple(
                A.PriorityRow(
                    option=x,
                    text=draw(TEXT),
                    survey=draw(st.integers(0, 5)),
                    workshop=draw(st.none() | st.integers(0, 4)),
                )
                for x in letters
            ),
            workshop_groups=draw(st.none() | st.integers(0, 9)),
        )
        if letters
        else None
    )
    # model_validate, not the constructor: the set fills missing statuses (as unknown)
    return A.Assessment.model_validate(
        {
            "country": draw(st.sampled_from(["AZE", "ARM", "GEO", "KAZ"])),
            "round": draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
            "title": draw(st.none() | TEXT),
            "indicator_set": A.IndicatorSetRef(id="ct-nat-2016"),
            "provenance": A.Provenance(kind=draw(st.sampled_from(list(A.ProvenanceKind)))),
            "bibliography": tuple(bibliography),
            "statuses": tuple(statuses),
            "recommendations": tuple(recs),
            "priorities": priorities,
        }
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(a=assessments())
def test_random_assessments_round_trip(tmp_path: Path, a: A.Assessment) -> None:
    path = W.write(tmp_path / "r.xlsx", assessment=a, assessors=("AB", "CD"), overwrite=True)
    ws = W.read(path)
    assert ws.problems == ()
    assert ws.assessment == a
    assert ws.assessors == ("AB", "CD")


def test_example_assessment_round_trips(tmp_path: Path, aze: A.Assessment) -> None:
    ws = W.read(W.write(tmp_path / "aze.xlsx", assessment=aze))
    assert ws.problems == ()
    assert ws.assessment == aze


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {
            ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets
        }
    finally:
        wb.close()


def test_write_of_read_holds_the_same_data(tmp_path: Path, aze, responses, interviews) -> None:  # type: ignore[no-untyped-def]
    first = W.write(
        tmp_path / "1.xlsx",
        assessment=aze,
        responses=responses,
        interviews=interviews,
        assessors=("XY",),
    )
    one = W.read(first)
    assert one.problems == ()
    second = W.write(
        tmp_path / "2.xlsx",
        assessment=one.assessment,
        responses=one.responses,
        interviews=one.interviews,
        assessors=one.assessors,
    )
    two = W.read(second)
    assert two.problems == ()
    assert two.assessment == one.assessment
    assert two.responses.responses == responses.responses  # type: ignore[union-attr]
    assert two.interviews == interviews
    # every sheet a person fills holds the same cells in both files
    a, b = _cells(first), _cells(second)
    for sheet in W._layout.SHEETS:
        assert a[sheet] == b[sheet], sheet


def test_interview_records_join_the_assessment(tmp_path: Path, aze, interviews) -> None:  # type: ignore[no-untyped-def]
    ws = W.read(W.write(tmp_path / "i.xlsx", assessment=aze, interviews=interviews))
    got = ws.assessment.interviews  # type: ignore[union-attr]
    assert aze.interviews.records == ()
    assert got.interviews == aze.interviews.interviews == 14  # the reported count stays
    assert got.participants == aze.interviews.participants
    one = got.records[0]
    assert (one.code, one.participants, one.men, one.women, one.entity_type) == (
        "AZEint1", 3, 2, 1, "state",
    )  # fmt: skip
    assert [r.code for r in got.records] == ["AZEint1", "AZEint2"]
    blank = aze.model_copy(update={"interviews": None})
    ws = W.read(W.write(tmp_path / "j.xlsx", assessment=blank, interviews=interviews))
    got = ws.assessment.interviews  # type: ignore[union-attr]
    assert got is not None
    assert got.interviews == 2
    assert got.participants == 3 + 4  # 1 woman + 2 men; 3 women + 1 unstated
    assert got.men is None  # one participant's sex is not stated
    assert [r.code for r in got.records] == ["AZEint1", "AZEint2"]


def test_assessment_with_an_embedded_set_round_trips(tmp_path: Path, aze: A.Assessment) -> None:
    from ctnat._io import read_mapping

    ext = read_mapping(Path(__file__).parents[2] / "docs" / "examples" / "ct-nat-2016-aze.yaml")
    data = A.to_mapping(aze)
    data["indicator_set"] = {"id": ext["id"], "embedded": ext}
    data["statuses"] = [*data["statuses"], {"indicator": "1.6.F1", "status": "met"}]
    a = A.from_mapping(data)
    ws = W.read(W.write(tmp_path / "emb.xlsx", assessment=a))
    assert ws.problems == ()
    assert ws.assessment == a
