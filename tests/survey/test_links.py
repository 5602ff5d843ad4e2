"""The item-to-criterion links file and check_links."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import ctnat
from ctnat._io import parse_text
from ctnat.errors import NotFoundError
from ctnat.survey import builtin, check_links, linked_criteria, linked_items

CRITERIA = {f"{c}.{k}" for c in range(1, 6) for k in range(1, 6)}


def _links():
    path = Path(ctnat.__file__).parent / "indicators" / "data" / "ct-nat-2016-links.yaml"
    text = path.read_text(encoding="utf-8")
    data = parse_text(text, file="links", fmt="yaml")
    return [SimpleNamespace(**link) for link in data["links"]]


def _set(links):
    def criterion(cid):
        if cid not in CRITERIA:
            raise NotFoundError(f"no criterion {cid}")
        return cid

    return SimpleNamespace(links=links, criterion=criterion)


def test_file_links_only_known_items_and_criteria():
    survey = builtin("ct-nat-2016-survey")
    links = _links()
    assert check_links(survey, _set(links)) == ()
    assert all(set(vars(link)) == {"item", "criterion", "note"} for link in links)
    assert all(link.note for link in links)
    pairs = [(link.item, link.criterion) for link in links]
    assert len(pairs) == len(set(pairs))


def test_every_statement_informs_a_criterion():
    survey = builtin("ct-nat-2016-survey")
    linked = {link.item for link in _links()}
    assert {q.id for q in survey.scale_items()} <= linked


@pytest.mark.parametrize(
    ("item", "criterion"),
    [("3.1.5", "1.3"), ("5.1.6", "3.4"), ("3.1.6", "1.4"), ("7.1.2", "5.3"), ("6.1.7", "4.4")],
)
def test_links_quoted_in_the_findings(item, criterion):
    links = {(link.item, link.criterion): link.note for link in _links()}
    assert links[item, criterion].startswith("seed 003 section 2.")


def test_check_links_reports_missing_items_and_criteria():
    survey = builtin("ct-nat-2016-survey")
    links = [
        SimpleNamespace(item="3.1.5", criterion="1.3"),
        SimpleNamespace(item="3.1.99", criterion="1.3"),
        SimpleNamespace(item="3.1.1", criterion="9.9"),
        SimpleNamespace(item="12.1", criterion="1.1", instrument="other-survey"),
    ]
    problems = check_links(survey, _set(links))
    assert [p.location for p in problems] == ["links[1]", "links[2]"]
    assert "has no such item" in problems[0].reason
    assert "unknown criterion 9.9" in problems[1].reason
    assert check_links(survey, SimpleNamespace(links=links[2:3])) == ()


def test_lookups():
    survey = builtin("ct-nat-2016-survey")
    s = _set(_links())
    assert linked_criteria(survey, s, "3.1.2") == ("1.1", "5.5")
    assert "3.1.5" in linked_items(survey, s, "1.3")
    assert linked_items(survey, s, "5.3")[:2] == ("5.1.10", "7.1.1")


def test_real_indicator_set_if_present():
    indicators = pytest.importorskip("ctnat.indicators")
    if not hasattr(indicators, "builtin"):
        pytest.skip("ctnat.indicators has no builtin() yet")
    s = indicators.builtin("ct-nat-2016")
    survey = builtin("ct-nat-2016-survey")
    assert len(s.links) == len(_links())
    assert check_links(survey, s) == ()


SEED = Path("/work/shared/seeds/003_111f599aa090a8ef.txt")


@pytest.mark.skipif(not SEED.exists(), reason="the seed text is not on this machine")
def test_cited_headings_exist_in_the_seed():
    import re

    text = SEED.read_text(encoding="utf-8")
    cited = 0
    for link in _links():
        m = re.match(r"seed 003 section (2\.\d) \('([^']+)'", link.note)
        if m is None:
            assert link.note == "reading of annexes D and E"
            continue
        cited += 1
        section, heading = m.groups()
        assert heading.split(",")[0] in text, heading
        start = text.index(f"\n{section}. ")
        assert text.find(heading.split(",")[0], start) > start, (section, heading)
    assert cited >= 20
