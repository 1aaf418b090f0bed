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


def chart_figures(doc: MeasuresDocument) -> list[tuple[str, Any]]:
    """(heading, figure) of the three charts, in the report's order."""
    from ita_report.report import charts

    target, thai, a = doc.params.target, doc.thai, doc.assessment
    figures = [
        (
            "คะแนนรายตัวชี้วัดเทียบค่าเป้าหมาย",
            charts.indicator_chart(indicator_series(doc), target, thai_digits=thai),
        ),
    ]
    gaps = gap_series(doc)
    if gaps:  # no item under target: no section titled by them, empty but for "ทุกข้อผ่าน"
        figures.append((
            "ข้อที่ได้คะแนนต่ำกว่าค่าเป้าหมาย",
            charts.gaps_chart(gaps, target, thai_digits=thai),
        ))
    figures.append((
        "คะแนนรายเครื่องมือและคะแนน ITA",
        charts.tools_chart(tool_series(doc), a.ita, a.level, target, thai_digits=thai),
    ))
    return figures
