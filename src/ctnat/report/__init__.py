"""Tables, charts and reports: from ctnat's results to Markdown, HTML, CSV and XLSX.

Building blocks:

- :class:`Table` (with :class:`Cell` marks and notes), rendered by
  :func:`table_markdown` / :func:`table_html`, exported by :func:`table_to_csv`,
  :func:`write_csv` and :func:`tables_to_xlsx` (formula-injection guarded);
- :class:`Document` of :class:`Heading`, :class:`Paragraph`, :class:`BulletList`,
  :class:`Table` and :class:`Figure` blocks, rendered to Markdown or to one
  self-contained HTML page, or to Word (:func:`document_docx`, the ``docx`` extra);
- charts (:func:`likert_bars`, :func:`heat_map`, :func:`score_bars`) as
  :class:`Figure` blocks: inline SVG with the ``plot`` extra, a table without it;
- whole reports: :func:`render_assessment` and :func:`render_comparison` (HTML
  or Markdown), following the structure of the IOM (2016) needs assessment.

Nothing here imports matplotlib, pandas or openpyxl until a function needs it.
"""

from __future__ import annotations

from .assessment_report import (
    IMPROVEMENT,
    ItemCaveat,
    assessment_document,
    free_text_answers,
    item_caveats,
    priorities_table,
    render_assessment,
    survey_tables,
)
from .charts import figure_png, heat_map, likert_bars, matplotlib_available, score_bars
from .comparison_report import comparison_document, render_comparison
from .demo import DEMO_COMPARISON, write_demo_reports
from .document import (
    Block,
    BulletList,
    ChartSpec,
    Document,
    Figure,
    Heading,
    Paragraph,
    page_css,
)
from .export import (
    FORMULA_TRIGGERS,
    neutralise_formula,
    table_to_csv,
    tables_to_xlsx,
    write_csv,
)
from .extras import MissingExtraError, require_extra
from .indicator_tables import (
    indicator_set_document,
    indicator_set_frame,
    indicator_set_html,
    indicator_table,
)
from .render import escape_html, escape_markdown, mark_symbols, table_html, table_markdown
from .table import Cell, ColumnGroup, Table
from .word import document_docx, write_docx

__all__ = [
    "DEMO_COMPARISON",
    "FORMULA_TRIGGERS",
    "IMPROVEMENT",
    "Block",
    "BulletList",
    "Cell",
    "ChartSpec",
    "ColumnGroup",
    "Document",
    "Figure",
    "Heading",
    "ItemCaveat",
    "MissingExtraError",
    "Paragraph",
    "Table",
    "assessment_document",
    "comparison_document",
    "document_docx",
    "escape_html",
    "escape_markdown",
    "figure_png",
    "free_text_answers",
    "heat_map",
    "indicator_set_document",
    "indicator_set_frame",
    "indicator_set_html",
    "indicator_table",
    "item_caveats",
    "likert_bars",
    "mark_symbols",
    "matplotlib_available",
    "neutralise_formula",
    "page_css",
    "priorities_table",
    "render_assessment",
    "render_comparison",
    "require_extra",
    "score_bars",
    "survey_tables",
    "table_html",
    "table_markdown",
    "table_to_csv",
    "tables_to_xlsx",
    "write_csv",
    "write_demo_reports",
    "write_docx",
]
