"""The interviewer's guide as a printable document (HTML, Markdown, DOCX)."""

from __future__ import annotations

import io

import pytest

from ctnat.errors import ValidationError
from ctnat.report.document import BulletList, Heading, Paragraph
from ctnat.report.guide import interview_guide
from ctnat.survey import Parameters, adapt_instrument, builtin, template

KGZ = Parameters(
    region="Central Asia",
    countries=("KGZ",),
    office="Mission in the Kyrgyz Republic <Bishkek>",
    consultant="Ms A. Researcher",
    consultant_contact="a.researcher@example.org",
    lead="Programme Manager, Mr B. Lead",
    lead_contact="+996 000 000 & b.lead@example.org",
)


def _texts(doc):
    out = []
    for b in doc.blocks:
        if isinstance(b, (Heading, Paragraph)):
            out.append(b.text)
        elif isinstance(b, BulletList):
            out += b.items
    return out


def test_the_guide_fills_annex_cs_placeholders_from_the_parameters():
    guide = adapt_instrument(template("ct-nat-2016-interview"), KGZ)
    doc = interview_guide(guide, country="Kyrgyzstan", country_code="KGZ")
    texts = _texts(doc)
    joined = "\n".join(texts)
    assert (
        "commissioned by International Organization for Migration (IOM) Mission in the Kyrgyz"
        in joined
    )
    assert "please contact Ms A. Researcher, a.researcher@example.org." in joined
    assert (
        "please contact Programme Manager, Mr B. Lead, +996 000 000 & b.lead@example.org." in joined
    )
    assert "[" not in joined
    assert "Country: Kyrgyzstan" in texts
    assert any(t.endswith("e.g. KGZint1.") for t in texts)
    for heading in ("Risks and benefits of participation", "Further information about the study"):
        assert heading in texts
    assert "Would you like a hard or electronic copy of this information?" in texts  # a bullet
    assert "The trafficking situation in the countries of Central Asia" in texts
    # the plan comes right after 1.1 and 1.2, before section 2
    q12 = next(i for i, t in enumerate(texts) if t.startswith("1.2. "))
    plan = texts.index("Plan")
    s2 = texts.index("2. Trafficking situation and trends")
    assert q12 < plan < s2
    assert "3. Identification and referral? No (skip)/Yes (go to Section 3)." in texts
    assert any("Ask questions 1.1 and 1.2 to determine" in t for t in texts)
    # prompts as bullets
    assert (
        "Who identifies them? (e.g. self-identification, friends, family, police, border guards, labour inspectors, consulates)"
        in texts
    )
    html = doc.to_html()
    assert "&lt;Bishkek&gt;" in html
    assert "<Bishkek>" not in html
    assert "&amp; b.lead" in html
    assert "Respondent name" not in html  # ctnat keeps no names


def test_the_guide_as_word():
    docx = pytest.importorskip("docx")
    from ctnat.report.word import document_docx

    doc = interview_guide(
        builtin("ct-nat-2016-interview"), country="Azerbaijan", country_code="AZE"
    )
    data = document_docx(doc)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Information note" in paragraphs
    assert any("Regional Office for South-Eastern Europe" in p for p in paragraphs)
    assert "Plan" in paragraphs


def test_only_filled_interview_instruments_make_a_guide():
    with pytest.raises(ValidationError, match="not an interview guide"):
        interview_guide(builtin("ct-nat-2016-survey"))
    with pytest.raises(ValidationError, match="is a template"):
        interview_guide(template("ct-nat-2016-interview"))
