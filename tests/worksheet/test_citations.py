"""The citation notation of evidence cells: canonical text reads back equal; bad text is an error."""

from __future__ import annotations

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctnat.assessment import Evidence
from ctnat.worksheet import format_evidence, parse_evidence
from ctnat.worksheet._citations import CitationError

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=25
).filter(lambda s: s.strip() != "")
INTERVIEW = st.from_regex(r"[A-Z]{3}int[1-9][0-9]{0,2}", fullmatch=True)
ITEM = st.from_regex(r"[1-9](\.[1-9]){0,2}", fullmatch=True)


@st.composite
def evidence(draw: st.DrawFn) -> Evidence:
    source = draw(st.none() | TEXT)
    data = {
        "source": source,
        "pages": draw(st.none() | TEXT) if source else None,
        "sections": draw(st.lists(TEXT, max_size=2)),
        "interviews": draw(st.lists(INTERVIEW | TEXT, max_size=2)),
        "survey_items": draw(st.lists(ITEM, max_size=2)),
        "excerpt": draw(st.none() | TEXT),
    }
    if not (source or data["sections"] or data["interviews"] or data["survey_items"]):
        data["sections"] = ["2.1"]
    return Evidence.model_validate(data)


@settings(max_examples=300)
@given(cited=st.lists(evidence(), max_size=3))
def test_canonical_text_reads_back_equal(cited: list[Evidence]) -> None:
    assert parse_evidence(format_evidence(cited)) == tuple(cited)


@settings(max_examples=300)
@given(text=st.text(max_size=60))
def test_any_text_is_read_or_refused_with_a_reason(text: str) -> None:
    try:
        parse_evidence(text)
    except (CitationError, pydantic.ValidationError) as exc:
        assert str(exc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aze 30, p. 31", (Evidence(source="Aze 30", pages="p. 31"),)),
        (
            "Aze 30, pp. 43-44, section 2.1; AZEint3, survey 3.1.5",
            (
                Evidence(source="Aze 30", pages="pp. 43-44", sections=("2.1",)),
                Evidence(interviews=("AZEint3",), survey_items=("3.1.5",)),
            ),
        ),
        ("Aze 30\nAze 31", (Evidence(source="Aze 30"), Evidence(source="Aze 31"))),
        ('source "A, B", pages "1;2"', (Evidence(source="A, B", pages="1;2"),)),
        ('section 3, "He said ""no"""', (Evidence(sections=("3",), excerpt='He said "no"'),)),
        ("  ;  ; ", ()),
    ],
)
def test_examples(text: str, expected: tuple[Evidence, ...]) -> None:
    assert parse_evidence(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Aze 30, Aze 31", "two sources in one citation"),
        ('Aze 30, "open', "never closed"),
        ('"a" b', "after a closing quote"),
        ("p. 4", "cites nothing"),
        ("section 2, p. 4", "pages without a source"),
        ("survey x.1", "pattern"),
    ],
)
def test_refusals(text: str, reason: str) -> None:
    with pytest.raises((CitationError, pydantic.ValidationError), match=reason):
        parse_evidence(text)
