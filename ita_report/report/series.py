"""What the measures document's three charts plot: (label, score) series taken from the document.

Plain data, so the notebook, Word and tests share one source; matplotlib is imported only when
:func:`chart_figures` draws.
"""

from __future__ import annotations

from typing import Any

from ita_report.code_text import display_code
from ita_report.document import MeasuresDocument
from ita_report.thai import digits


def indicator_series(doc: MeasuresDocument) -> list[tuple[str, float | None]]:
    """(label, score) of the ten indicators, labelled ``๑ การปฏิบัติหน้าที่``."""
    return [
        (f"{digits(str(ind.number), thai=doc.thai)} {ind.name_th}", ind.score)
        for ind in doc.assessment.indicators
    ]


def gap_series(doc: MeasuresDocument) -> list[tuple[str, float]]:
    """(item code, score) of every item below target, extra codes included."""
    a = doc.assessment
    return [
        (display_code(i.code, style=doc.codes), i.score)
        for i in a.items + a.extra_items
        if i.below_target and i.score is not None
    ]


def tool_series(doc: MeasuresDocument) -> dict[str, float | None]:
    return {t.code: t.score for t in doc.assessment.tools}


def indicators_figure(doc: MeasuresDocument, width: float | None = None) -> tuple[str, Any]:
    """(heading, figure) of the indicators against the target, ``width`` inches wide (a
    page's width by default)."""
    from ita_report.report import charts

    return ("คะแนนรายตัวชี้วัดเทียบค่าเป้าหมาย",
            charts.indicator_chart(indicator_series(doc), doc.params.target,
                                   thai_digits=doc.thai, width=width or charts.PAGE_WIDTH_IN))


def gaps_figure(doc: MeasuresDocument, width: float | None = None,
                max_height: float | None = None) -> tuple[str, Any] | None:
    """(heading, figure) of the items under target, at most ``max_height`` inches tall; None
    when every item met it (no section titled by them, empty but for "ทุกข้อผ่าน")."""
    from ita_report.report import charts

    gaps = gap_series(doc)
    if not gaps:
        return None
    return ("ข้อที่ได้คะแนนต่ำกว่าค่าเป้าหมาย",
            charts.gaps_chart(gaps, doc.params.target, thai_digits=doc.thai,
                              width=width or charts.PAGE_WIDTH_IN,
                              max_height=max_height or charts.MAX_HEIGHT_IN))


def tools_figure(doc: MeasuresDocument, width: float | None = None) -> tuple[str, Any]:
    """(heading, figure) of each tool's score and the ITA score against the target."""
    from ita_report.report import charts

    a = doc.assessment
    return ("คะแนนรายเครื่องมือและคะแนน ITA",
            charts.tools_chart(tool_series(doc), a.ita, a.level, doc.params.target,
                               thai_digits=doc.thai, width=width or charts.PAGE_WIDTH_IN))


def chart_figures(doc: MeasuresDocument) -> list[tuple[str, Any]]:
    """(heading, figure) of the three charts a page wide, in the report's order (Word)."""
    gaps = gaps_figure(doc)
    return [indicators_figure(doc), *([gaps] if gaps else []), tools_figure(doc)]
