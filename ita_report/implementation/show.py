"""What the implementation report notebook displays, cell by cell (and so what its page shows)."""

from __future__ import annotations

from ita_report.implementation import html
from ita_report.implementation.document import ImplementationReport
from ita_report.report.html import _e
from ita_report.report.show import show_html


def show_head(report: ImplementationReport) -> None:
    """Title block and the summary of measures and steps by status, per unit."""
    show_html(html.title_block_html(report) + html.summary_html(report))


def show_charts(report: ImplementationReport) -> None:
    """Progress per unit and, with next year's scores, the targeted items before and after."""
    from ita_report.report import charts

    for heading, figure in html.chart_figures(report):
        show_html(f'<h2 class="chart-title">{_e(heading)}</h2>')
        charts.show(figure)


def show_body(report: ImplementationReport) -> None:
    """Per theme its steps and results; the scores followed; limitations; preparer's notes."""
    show_html(html.themes_html(report) + html.follow_up_html(report)
              + html.limitations_html(report))
