"""The measures document shown in a notebook: the three calls the report notebook makes.

Display only: the fragments are ``html.py``'s, the charts ``charts.py``'s. The exported page
(``page.py``) is these outputs; nothing here writes a file.
"""

from __future__ import annotations

from ita_report.document import MeasuresDocument
from ita_report.report.html import _e, end_html, head_html, measures_table_html
from ita_report.report.series import chart_figures


def show_html(fragment: str) -> None:
    """Display an HTML fragment in the notebook (and so in the exported report)."""
    from IPython.display import HTML, display

    display(HTML(fragment))  # type: ignore[no-untyped-call]


def show_head(doc: MeasuresDocument) -> None:
    """The announcement (its default form) or the title, the introduction and the result
    summary."""
    show_html(head_html(doc))


def show_charts(doc: MeasuresDocument) -> None:
    """The three charts, each under its heading (SVG, text set in the page's Sarabun)."""
    from ita_report.report import charts

    with charts.use_sarabun():  # once for the three charts, not once per chart and save
        for heading, figure in chart_figures(doc):
            show_html(f'<h2 class="chart-title">{_e(heading)}</h2>')
            charts.show(figure)


def show_measures(doc: MeasuresDocument) -> None:
    """The measures table, then the limitations and, in the title form, the signature."""
    show_html(measures_table_html(doc) + end_html(doc))
