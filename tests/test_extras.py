"""Without an optional extra, each feature that needs it says which extra to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import ctnat
from ctnat import MissingExtraError, examples, survey, worksheet
from ctnat.scoring import UnknownPolicy

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def without(monkeypatch):
    def hide(*modules: str) -> None:
        for name in modules:
            for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
                monkeypatch.delitem(sys.modules, loaded)
            monkeypatch.setitem(sys.modules, name, None)  # import now raises ImportError

    return hide


def test_reading_xlsx_responses(without, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"PK\x03\x04")
    without("openpyxl")
    with pytest.raises(MissingExtraError, match=r'pip install "ctnat\[xlsx\]"') as info:
        survey.read_responses(path, "ct-nat-2016-survey")
    assert info.value.file == str(path)


def test_xlsform_export(without, tmp_path):
    without("openpyxl")
    with pytest.raises(MissingExtraError, match=r"ctnat\[xlsform\]"):
        survey.builtin("ct-nat-2016-survey").to_xlsform(tmp_path / "f.xlsx")


def test_worksheet(without, tmp_path):
    without("openpyxl")
    with pytest.raises(MissingExtraError, match=r"ctnat\[xlsx\]"):
        worksheet.write(tmp_path / "w.xlsx")


def test_data_frames(without):
    card = ctnat.score(examples.azerbaijan(), unknown=UnknownPolicy.EXCLUDE)
    without("pandas")
    with pytest.raises(MissingExtraError, match=r"ctnat\[pandas\]"):
        card.to_frame()
    with pytest.raises(MissingExtraError, match=r"ctnat\[pandas\]"):
        ctnat.indicators.builtin().to_frame()
    responses = survey.read_responses(
        ROOT / "tests/data/aze_survey_fixture.json", "ct-nat-2016-survey"
    )
    with pytest.raises(MissingExtraError, match=r"ctnat\[pandas\]"):
        responses.to_frame(survey.builtin("ct-nat-2016-survey"))


def test_is_both_a_ctnat_error_and_an_import_error():
    assert issubclass(MissingExtraError, ctnat.CtnatError)
    assert issubclass(MissingExtraError, ImportError)
