"""ctnat init / build: one folder, one command from data to report."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from ctnat import CtnatError, assessment, fieldwork
from ctnat.cli import main
from ctnat.survey import read_interviews, read_responses, read_xlsform

DATA = Path(__file__).parents[1] / "data"
#: a real Kobo export (K04) as the form ``ctnat init --country KGZ`` writes would give it
#: (see tools/make_fake_country_export.py); respondent 8 declined consent
EXPORT = DATA / "fieldwork" / "kgz_survey_kobo.csv"
ROUND = dt.date(2027, 3, 1)
FORM = "instruments/survey.xlsx"


def _interviews(country: str, tmp: Path) -> Path:
    records = {
        "instrument": "ct-nat-2016-interview",
        "interviews": [
            {
                "code": f"{country}int{i}",
                "date": f"2027-03-0{i}",
                "format": fmt,
                "participants": parts,
                "entity_type": kind,
                "sections": ["1", "2", "3", "7", "8"],
            }
            for i, (fmt, parts, kind) in enumerate(
                [
                    ("group", {"female": 1, "male": 3}, "state"),
                    ("in_person", {"female": 2}, "ngo_other"),
                    ("remote", {"male": 1}, "international_organisation"),
                ],
                start=1,
            )
        ],
    }
    path = tmp / "records.yaml"
    path.write_text(yaml.safe_dump(records), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return fieldwork.init(tmp_path / "kgz-2027", country="KGZ", round=ROUND)


def test_init_lays_out_a_folder_that_loads(folder: Path) -> None:
    a = assessment.load(folder / "assessment.yaml")
    assert (a.country, a.round) == ("KGZ", ROUND)
    assert len(a.statuses) == 100
    assert {s.status.value for s in a.statuses} == {"unknown"}
    assert all(s.note and s.note.startswith("to fill") for s in a.statuses)
    assert a.bibliography == ()
    assert (folder / "instruments" / "survey.xlsx").stat().st_size > 0
    assert (folder / "worksheet.xlsx").stat().st_size > 0
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "survey/" in readme
    assert "ctnat build kgz-2027" in readme
    assert "Kgz 1" in (folder / "assessment.yaml").read_text(encoding="utf-8")


def test_init_refuses_a_folder_with_files(folder: Path) -> None:
    before = (folder / "assessment.yaml").read_bytes()
    (folder / "assessment.yaml").write_text("# my work\n", encoding="utf-8")
    with pytest.raises(CtnatError, match="not empty"):
        fieldwork.init(folder, country="KGZ", round=ROUND)
    assert (folder / "assessment.yaml").read_text(encoding="utf-8") == "# my work\n"
    fieldwork.init(folder, country="KGZ", round=ROUND, overwrite=True)
    assert (folder / "assessment.yaml").read_bytes() == before


def test_init_refuses_a_country_name(tmp_path: Path) -> None:
    with pytest.raises(CtnatError, match="three-letter ISO 3166 code such as 'KGZ'"):
        fieldwork.init(tmp_path / "x", country="Kyrgyzstan", round=ROUND)
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2027-03", dt.date(2027, 3, 1)), ("2027-03-15", dt.date(2027, 3, 15))],
)
def test_round_from_a_month_or_a_date(text: str, expected: dt.date) -> None:
    assert fieldwork.parse_round(text) == expected


@pytest.mark.parametrize("text", ["March 2027", "2027-13", "2027-02-30"])
def test_round_that_is_no_date(text: str) -> None:
    with pytest.raises(CtnatError, match="round|date"):
        fieldwork.parse_round(text)


def _filled(folder: Path) -> Path:
    shutil.copy(EXPORT, folder / "survey" / "export.csv")
    shutil.copy(_interviews("KGZ", folder.parent), folder / "interviews" / "records.yaml")
    text = (folder / "assessment.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "- indicator: 1.1.F1\n  status: unknown", "- indicator: 1.1.F1\n  status: met", 1
    ).replace("- indicator: 1.1.O1\n  status: unknown", "- indicator: 1.1.O1\n  status: not_met", 1)
    (folder / "assessment.yaml").write_text(text, encoding="utf-8")
    return folder


def test_build_reads_the_folder_and_writes_the_report(folder: Path) -> None:
    b = fieldwork.build(_filled(folder))
    names = sorted(p.name for p in b.written)
    assert names == ["build.txt", "report.docx", "report.html", "report.md", "worksheet.xlsx"]
    assert all(p.parent == folder / "out" for p in b.written)
    found = b.assessment
    assert isinstance(found, assessment.Assessment)
    # the survey figures are computed from the export, item by item
    rs = read_responses(folder / "survey" / "export.csv", read_xlsform(folder / FORM))
    assert (rs.records_read, len(rs), len(rs.excluded)) == (8, 7, 1)  # one declined consent
    assert rs.codes[0] == "KGZsur1"
    assert found.survey is not None
    assert found.survey.respondents == len(rs) == 7
    item = found.survey.item("3.1.4")
    assert item is not None
    answered = [r for r in rs.responses if r.answers.get("3.1.4") is not None]
    assert item.item_respondents == len(answered)
    assert sum(c.count or 0 for c in item.counts) == len(answered)
    # the interview figures from the three records
    assert found.interviews is not None
    assert (found.interviews.interviews, found.interviews.participants) == (3, 7)
    assert (found.interviews.women, found.interviews.men) == (3, 4)
    assert {t.type: t.interviews for t in found.interviews.entity_types} == {
        "State actor": 1,
        "NGO or other": 1,
        "International organisation": 1,
    }
    log = (folder / "out" / "build.txt").read_text(encoding="utf-8")
    assert "survey/export.csv: 8 records read, 7 accepted" in log
    assert "kept out: row 9: consent declined" in log
    assert str(folder) not in log  # the log names files inside the folder only
    html = (folder / "out" / "report.html").read_text(encoding="utf-8")
    assert "Kyrgyzstan" in html


def test_build_twice_gives_identical_files(folder: Path) -> None:
    _filled(folder)
    first = {p.name: p.read_bytes() for p in fieldwork.build(folder).written}
    second = {p.name: p.read_bytes() for p in fieldwork.build(folder).written}
    assert first.keys() == second.keys()
    changed = [n for n in first if first[n] != second[n]]
    assert changed == [], {n: hashlib.sha256(first[n]).hexdigest() for n in changed}


def test_a_bad_folder_gives_all_its_problems_at_once(folder: Path, tmp_path: Path) -> None:
    text = (folder / "assessment.yaml").read_text(encoding="utf-8")
    text = text.replace("- indicator: 1.1.F1\n", "- indicator: 1.9.F1\n", 1)
    (folder / "assessment.yaml").write_text(text, encoding="utf-8")
    (folder / "survey" / "other-form.csv").write_text(
        "start;end;favourite_colour\n2027-01-01;2027-01-01;blue\n", encoding="utf-8"
    )
    shutil.copy(_interviews("ARM", tmp_path), folder / "interviews" / "records.yaml")
    with pytest.raises(CtnatError) as err:
        fieldwork.build(folder)
    files = {Path(p.file).name for p in err.value.problems if p.file}
    assert {"assessment.yaml", "other-form.csv", "interviews"} <= files
    assert any("1.9.F1" in str(p) for p in err.value.problems)
    assert any("ARMint1" in str(p) for p in err.value.problems)
    assert not (folder / "out").exists()


def test_build_without_an_assessment_file(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(CtnatError, match="no assessment file"):
        fieldwork.build(tmp_path / "empty")


def test_interview_metrics_add_up(tmp_path: Path) -> None:
    found = read_interviews(_interviews("KGZ", tmp_path))
    m = fieldwork.interview_metrics(found.interviews)
    assert m.interviews == len(found) == 3
    assert m.participants == sum(r.participants.total for r in found.interviews)
    assert m.period == "2027-03-01 to 2027-03-03"
    assert [r.code for r in m.records] == ["KGZint1", "KGZint2", "KGZint3"]


def test_cli_init_then_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "kgz"
    assert main(["init", str(target), "--country", "KGZ", "--round", "2027-03"]) == 0
    assert main(["init", str(target), "--country", "KGZ", "--round", "2027-03"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert main(["build", str(target), "--quiet"]) == 0
    assert (target / "out" / "report.html").is_file()
    assert main(["build", str(tmp_path / "nowhere"), "--quiet"]) == 2


def test_build_of_two_folders_adds_the_comparison(tmp_path: Path) -> None:
    a = _filled(fieldwork.init(tmp_path / "kgz", country="KGZ", round=ROUND))
    b = fieldwork.init(tmp_path / "kgz-2028", country="KGZ", round=dt.date(2028, 3, 1))
    builds = fieldwork.build_many([a, b])
    assert len(builds) == 2
    assert (a / "out" / "comparison.html").is_file()
    c = fieldwork.init(tmp_path / "again", country="KGZ", round=ROUND)
    with pytest.raises(CtnatError, match="same country and round"):
        fieldwork.build_many([a, c])


def test_survey_summary_counts_respondents_by_sex_and_withholds_small_counts(
    folder: Path,
) -> None:
    from ctnat.aggregate import DisclosurePolicy

    form = read_xlsform(folder / FORM)
    rs = read_responses(EXPORT, form)
    genders = [r.profile.get("gender") for r in rs.responses]
    summary = fieldwork.survey_summary(rs, form)
    assert (summary.female, summary.male) == (genders.count("female"), genders.count("male"))
    assert summary.item(form.consent or "") is None  # consent is no survey finding
    assert summary.item("3.1.4") is not None
    # with a threshold above one of the counts, both are withheld (one and the total
    # would give the other)
    small = min(genders.count("female"), genders.count("male"))
    strict = fieldwork.survey_summary(rs, form, policy=DisclosurePolicy(min_cell_count=small + 1))
    assert (strict.female, strict.male) == (None, None)
    assert "withheld" in (strict.note or "")
