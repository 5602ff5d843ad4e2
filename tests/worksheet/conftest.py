from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ctnat import assessment as A
from ctnat.survey import InterviewRecord, Participants, Response, ResponseSet, builtin

pytest.importorskip("openpyxl")

EXAMPLE = Path(A.__file__).parent.parent / "examples" / "data" / "aze-2016.yaml"
DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="session")
def aze() -> A.Assessment:
    return A.load(EXAMPLE)


@pytest.fixture(scope="session")
def survey():  # type: ignore[no-untyped-def]
    return builtin("ct-nat-2016-survey")


@pytest.fixture(scope="session")
def guide():  # type: ignore[no-untyped-def]
    return builtin("ct-nat-2016-interview")


@pytest.fixture(scope="session")
def responses() -> ResponseSet:
    """Three respondents; counts below are worked out by hand from these answers."""
    return ResponseSet(
        instrument="ct-nat-2016-survey",
        instrument_version="2016",
        responses=(
            Response(
                code="AZEsur1",
                profile={"country": "azerbaijan", "gender": "female"},
                answers={
                    "3.1.4": "adequate",
                    "3.1.5": "inadequate",
                    "2.2": ("prostitution", "forced_labour", "forced_marriage"),
                    "8.1": {"A": 1, "N": 2, "L": 3},
                    "2.6": "=cmd|' /C calc'!A0",
                },
            ),
            Response(
                code="AZEsur2",
                profile={"country": "azerbaijan", "gender": "male"},
                answers={"3.1.4": "adequate", "3.1.5": "adequate", "2.1": ("origin",)},
            ),
            Response(
                code="AZEsur3",
                profile={"country": "other"},
                answers={"3.1.4": "completely_inadequate"},
                other={"1.1": "Kazakhstan"},
            ),
        ),
    )


@pytest.fixture(scope="session")
def interviews() -> tuple[InterviewRecord, ...]:
    return (
        InterviewRecord(
            code="AZEint1",
            date=dt.date(2016, 4, 12),
            format="in_person",
            participants=Participants(female=1, male=2),
            entity_type="state",
            sections=("1", "3", "4", "7", "8"),
            notes={"3.1": "Describes the referral steps.", "7.1": "+ meets NGOs monthly"},
            themes={"3.1": ("referral", "nrm_roles")},
        ),
        InterviewRecord(
            code="AZEint2",
            date=dt.date(2016, 4, 13),
            format="group",
            participants=Participants(female=3, unstated=1),
            entity_type="ngo_other",
            organisation="A shelter NGO",
            sections=("1", "2", "5", "6", "7", "8"),
        ),
    )
