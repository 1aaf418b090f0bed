"""What is shown of a measures document: HTML fragments, charts, the notebook display, the
Word, Excel and PDF files and the published page, and where each file goes.

The document itself is computed in :mod:`ita_report.document`; this package never computes a
score. ``from ita_report.report import build_document, show_head, output_path, …`` keeps
working for the notebook and the callers that import it so. The writers (``docx``, ``xlsx``,
``pdf``, ``page``, ``charts``) are imported where used: they pull in python-docx, openpyxl,
nbconvert and matplotlib.
"""

from __future__ import annotations

from ita_report.document import (
    TITLE_TH,
    MeasuresDocument,
    agency_type_of,
    build_document,
    document_from_notebook,
    missing_tool_problems,
    placeholder_values,
)
from ita_report.report.html import (
    COLUMNS_TH,
    _e,
    _t,
    below_count_text,
    end_html,
    head_html,
    letterhead,
    limitations_html,
    measures_heading,
    measures_table_html,
    numbered_steps,
    preparer_notes_html,
    result_summary_html,
    title_block_html,
    title_lines,
)
from ita_report.report.paths import output_path
from ita_report.report.series import chart_figures, gap_series, indicator_series, tool_series
from ita_report.report.show import show_charts, show_head, show_html, show_measures

__all__ = [
    "COLUMNS_TH",
    "TITLE_TH",
    "MeasuresDocument",
    "_e",
    "_t",
    "agency_type_of",
    "below_count_text",
    "build_document",
    "chart_figures",
    "document_from_notebook",
    "end_html",
    "gap_series",
    "head_html",
    "indicator_series",
    "letterhead",
    "limitations_html",
    "measures_heading",
    "measures_table_html",
    "missing_tool_problems",
    "numbered_steps",
    "output_path",
    "placeholder_values",
    "preparer_notes_html",
    "result_summary_html",
    "show_charts",
    "show_head",
    "show_html",
    "show_measures",
    "title_block_html",
    "title_lines",
    "tool_series",
]
