"""Issue 13.7: what an analyst sees in Jupyter: frames, charts from results, inline styles."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

import ctnat
from ctnat import examples
from ctnat._html import inline_styles
from ctnat.report import Figure, heat_map, likert_bars, score_bars

pd = pytest.importorskip("pandas")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def comparison() -> ctnat.scoring.Comparison:
    return ctnat.compare(examples.assessments(), unknown="exclude")


def test_assessment_to_frame() -> None:
    a = examples.azerbaijan()
    df = a.to_frame()
    assert len(df) == 100
    assert df.index.name == "indicator"
    row = df.loc["1.3.F2"]
    assert row["category"] == "1 Identification and referral"
    assert row["status"] == a.status("1.3.F2").status.value  # type: ignore[union-attr]
    assert list(df.columns) == [
        "category", "criterion", "dimension", "level", "wording", "status", "evidence", "note"
    ]  # fmt: skip
    cited = a.status("1.1.F1").evidence  # type: ignore[union-attr]
    assert cited
    assert cited[0].source is None or cited[0].source in df.loc["1.1.F1", "evidence"]


def test_comparison_to_frame_has_names_and_is_exact_but_shown_rounded(comparison) -> None:  # type: ignore[no-untyped-def]
    df = comparison.to_frame()
    assert "1 Identification and referral" in df.columns
    assert "overall" in df.columns
    exact = comparison.value(("AZE", comparison.keys[0][1]), "1")
    assert df.iloc[0]["1 Identification and referral"] == exact  # every digit kept
    shown = repr(df) + df._repr_html_()
    assert f"{exact:.2f}" in shown
    assert repr(exact) not in shown or round(exact, 2) == exact
    assert type(df.round(3)) is pd.DataFrame  # operations give ordinary frames


def test_scorecard_to_frame_shown_rounded() -> None:
    card = ctnat.score(examples.azerbaijan(), unknown="exclude")
    df = card.to_frame()
    assert df.loc["1.1", "score"] == card.criterion("1.1").score.value
    assert "0.333333" not in repr(df)
    # the criteria carry their names from the indicator set (they had none before)
    iset = ctnat.indicators.builtin()
    assert df.loc["1.2", "title"] == iset.criterion("1.2").label()
    assert card.criterion("1.2").title == "Formal processes for identification"


def test_item_summary_to_frame() -> None:
    from ctnat.aggregate import summarize
    from ctnat.survey import builtin, read_responses

    inst = builtin("ct-nat-2016-survey")
    responses = read_responses(ROOT / "tests" / "data" / "aze_survey_fixture.json", inst)
    summary = next(iter(summarize(responses, inst).values()))
    df = summary.to_frame()
    assert list(df.index.names) == ["item", "option"]
    assert df["count"].sum() == summary.n_answered
    first = df.iloc[0]
    assert first["low"] <= (first["share"] or 0) <= first["high"]


def test_heat_map_of_a_comparison(comparison) -> None:  # type: ignore[no-untyped-def]
    fig = heat_map(comparison, svg=False)
    assert isinstance(fig, Figure)
    assert fig.table.columns[1:] == ("AZE", "ARM", "GEO")
    assert str(fig.table.rows[0][0].value).startswith("1.1 ")


def test_score_bars_of_a_comparison_and_a_scorecard(comparison) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(score_bars(comparison, svg=False), Figure)
    card = comparison.scorecards[0]
    fig = score_bars(card, svg=False)
    assert isinstance(fig, Figure)
    assert str(fig.table.rows[0][0].value).startswith("1 ")


def test_likert_bars_of_summaries() -> None:
    from ctnat.aggregate import summarize
    from ctnat.survey import builtin, read_responses

    inst = builtin("ct-nat-2016-survey")
    responses = read_responses(ROOT / "tests" / "data" / "aze_survey_fixture.json", inst)
    summaries = summarize(responses, inst)
    scale = next(iter(summaries.values())).tally.options
    same = [s for s in summaries.values() if s.tally.options == scale][:3]
    fig = likert_bars(same, svg=False)
    assert isinstance(fig, Figure)
    with pytest.raises(ctnat.ValidationError, match="give item summaries"):
        likert_bars(42)


def test_undefined_scores_stay_undefined_in_charts(comparison) -> None:  # type: ignore[no-untyped-def]
    from ctnat.report._adapt import heat_map_data

    _, _, values = heat_map_data(comparison)
    for j, card in enumerate(comparison.scorecards):
        for i, c in enumerate(card.criteria):
            if c.score.value is None:
                assert math.isnan(values[i, j])


def test_report_in_a_notebook_keeps_its_warning_box() -> None:
    html = ctnat.report(examples.assessments()[1])._repr_html_()
    assert '<p class="caveat" style="background:#fff4d6' in html
    # no page-level stylesheet (notebooks drop it); a chart's own SVG <defs> may keep one
    outside_charts = re.sub(r"<svg.*?</svg>", "", html, flags=re.DOTALL)
    assert "<style" not in outside_charts
    assert 'style="border-collapse:collapse' in html


def test_assessment_display_shows_the_provenance_warning() -> None:
    html = examples.assessments()[1]._repr_html_()
    assert html.startswith('<p class="caveat" style=')
    assert "SYNTHETIC" in html
    reading = examples.azerbaijan()._repr_html_()
    assert "reading of a published report" in reading


def test_inline_styles_keep_an_elements_own_style() -> None:
    out = inline_styles('<td class="num" style="color:red">1</td>')
    assert out == (
        '<td class="num" style="border:1px solid #c9ced8;padding:.3rem .45rem;text-align:left;'
        'vertical-align:top;text-align:right;font-variant-numeric:tabular-nums;color:red">1</td>'
    )
    assert json.dumps(inline_styles("<b>x</b>")) == json.dumps("<b>x</b>")


def test_scorecard_and_comparison_show_their_provenance_warnings(comparison) -> None:  # type: ignore[no-untyped-def]
    html = comparison._repr_html_()
    assert '<p class="caveat" style=' in html
    assert "ARM is SYNTHETIC" in html
    card = ctnat.score(examples.assessments()[1], unknown="exclude")
    assert card._repr_html_().startswith('<p class="caveat" style="background:#fff4d6')
