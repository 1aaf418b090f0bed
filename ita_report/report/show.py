"""The measures document shown in a notebook: the three calls the report notebook makes.

Display only: the fragments are ``html.py``'s, the charts ``charts.py``'s. The exported page
(``page.py``) is these outputs; nothing here writes a file.
"""

from __future__ import annotations

from typing import Any

from ita_report.document import MeasuresDocument
from ita_report.report.html import (
    _e,
    end_html,
    head_html,
    measures_table_html,
    results_in_words_html,
)
from ita_report.report.series import gaps_figure, indicators_figure, tools_figure


def show_html(fragment: str) -> None:
    """Display an HTML fragment in the notebook (and so in the exported report)."""
    from IPython.display import HTML, display

    display(HTML(fragment))  # type: ignore[no-untyped-call]


def show_head(doc: MeasuresDocument) -> None:
    """The announcement (its default form) or the title, the introduction, the result
    summary with the tools chart beside the table it draws, and the level in words (the
    paragraphs per tool follow the charts: show_charts)."""
    from ita_report.report import charts

    with charts.use_sarabun():
        heading, figure = tools_figure(doc, charts.BESIDE_WIDTH_IN)
        beside = chart_html(heading, figure, level="h3")
    show_html(head_html(doc, beside_results=beside, words=slice(1)))


def show_charts(doc: MeasuresDocument) -> None:
    """The indicators and the items under target, side by side (each half a page wide:
    alone on a line each left most of a printed page blank, issue 25); the indicators a page
    wide when every item met the target. SVG, text set in the page's Sarabun. Then the rest
    of the results in words (per tool, the previous year), which the charts illustrate."""
    from ita_report.report import charts

    with charts.use_sarabun():  # once for the charts, not once per chart and save
        gaps = gaps_figure(doc, charts.HALF_WIDTH_IN, charts.HALF_MAX_HEIGHT_IN)
        if gaps is None:
            heading, figure = indicators_figure(doc)
            show_html(f'<h2 class="chart-title">{_e(heading)}</h2>')
            charts.show(figure)
        else:
            halves = [indicators_figure(doc, charts.HALF_WIDTH_IN), gaps]
            show_html('<div class="chart-pair">'
                      + "".join(chart_html(h, f) for h, f in halves) + "</div>")
    rest = results_in_words_html(doc, slice(1, None))
    if rest:
        show_html(rest)


def chart_html(heading: str, figure: Any, *, level: str = "h2") -> str:
    """A chart under its heading as one block of HTML (inline SVG), for a chart that shares
    its line with another block (report.css ``div.chart-half``)."""
    from ita_report.report import charts
    from ita_report.report.page import inline_svg

    return (f'<div class="chart-half"><{level} class="chart-title">{_e(heading)}</{level}>'
            f'<figure class="chart">{inline_svg(charts.figure_to_svg(figure))}</figure></div>')


def show_measures(doc: MeasuresDocument) -> None:
    """The measures table, then the limitations and, in the title form, the signature."""
    show_html(measures_table_html(doc) + end_html(doc))
