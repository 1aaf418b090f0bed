"""The implementation report as Word (.docx) and Excel (.xlsx), from the same
:class:`~ita_report.implementation.document.ImplementationReport` as the page, so the texts are
the same. The Word file is set like the measures document's (``report.docx``): A4 landscape,
Thai as complex script, header rows repeated. The preparer's notes are never in either file.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Sequence
from typing import Any

from ita_report.implementation.document import ImplementationReport, done_on_text
from ita_report.implementation.html import (
    EXPLAIN_TH,
    STEP_COLUMNS_TH,
    UNREPORTED_TH,
    chart_figures,
    follow_heads,
    signatures,
)
from ita_report.officer.progress import DONE, ProgressStep
from ita_report.report.docx import (
    HEADER_FILL,
    MARGIN_CM,
    PAGE_WIDTH_CM,
    _fill_cell,
    _paragraph,
    _repeat_as_header,
    _shade,
    _widths,
    add_signatures,
    new_word,
    word_bytes,
)
from ita_report.report.office import (
    OfficeFont,
    fit_row_heights,
    keep_as_text,
    office_font,
    print_landscape,
    same_bytes_each_time,
)
from ita_report.thai import digits

#: Widths of the step table's six columns (sum: the 27.16 cm between the margins).
STEP_WIDTHS_CM = (6.4, 2.4, 2.8, 6.2, 4.6, 4.76)
FOLLOW_WIDTHS_CM = (5.5, 10.16, 2.6, 2.6, 2.4, 3.9)
SUMMARY_SHEET, STEPS_SHEET, FOLLOW_SHEET = "สรุป", "ผลการดำเนินงาน", "คะแนนข้อที่ติดตาม"


def _step_cells(step: ProgressStep, quarter: str, count: int, thai: bool) -> list[list[str]]:
    number = f"{digits(str(step.step), thai=thai)}. " if count > 1 else ""
    result = [step.result_th] if step.result_th else []
    if (said_on := done_on_text(step, thai)) is not None:
        result.append(f"เมื่อ {said_on}")
    remarks = [step.obstacles_th] if step.obstacles_th else []
    if step.suggestion_th:
        remarks.append(f"ข้อเสนอแนะ: {step.suggestion_th}")
    return [[number + step.step_th], [quarter], [step.status], result, step.evidence.split(),
            remarks]


def _follow_cells(report: ImplementationReport) -> list[tuple[str, ...]]:
    """The follow-up table as text, the rows the page shows (``report.follow_rows``)."""
    return [(" / ".join(r.themes_th), f"{r.code_th} {r.item.last_text_th}", r.last_th,
             r.this_th, r.change_th, r.verdict_th) for r in report.follow_rows()]


# -- Word -------------------------------------------------------------------------------------


def docx_bytes(report: ImplementationReport, *, charts: bool = True) -> bytes:
    """Title block, summary, charts, one table per theme, the scores followed, limitations,
    suggestions and the signature lines."""
    word, font = new_word(report.title, report.settings, report.generated_on, thai=report.thai)
    if report.letterhead:
        _paragraph(word, report.letterhead, font, centre=True)
    if report.draft_th:
        _paragraph(word, report.draft_th, font, centre=True, bold=True)
    title, subtitle, org_name, *rest = report.title_lines()
    *middle, generated = rest
    _paragraph(word, title, font, style="Title", centre=True)
    for line in (org_name, *middle):
        _paragraph(word, line, font, centre=True, size=font.heading_pt, bold=True)
    _paragraph(word, subtitle, font, centre=True)
    _paragraph(word, generated, font, centre=True)
    _summary(word, report, font)
    if charts:
        _charts(word, report)
    word.add_paragraph("ผลการดำเนินงานรายประเด็น", style="Heading 1")
    for theme in report.themes:
        row, thai = theme.row, report.thai
        heading = word.add_paragraph(f"{digits(str(row.number), thai=thai)}. {row.title_th}",
                                     style="Heading 2")
        heading.paragraph_format.keep_with_next = True
        for n, part in enumerate(row.measure_parts):
            text = f"มาตรการ: {part}" if n == 0 else part
            _paragraph(word, text, font).paragraph_format.keep_with_next = True
        for line in (f"ส่วนงานที่รับผิดชอบ: {row.unit_th}", f"สถานะของมาตรการ: {theme.status}"):
            _paragraph(word, line, font).paragraph_format.keep_with_next = True
        body = [_step_cells(s, row.quarter_th, len(theme.steps), thai) for s in theme.steps]
        _table(word, STEP_COLUMNS_TH, body, STEP_WIDTHS_CM, font)
    if report.follow is not None:
        last = digits(str(report.follow.last_year), thai=report.thai)
        this = digits(str(report.follow.this_year), thai=report.thai)
        word.add_paragraph(f"ผลการประเมินข้อที่มาตรการมุ่งแก้ไข ปี {last} และปี {this}",
                           style="Heading 1").paragraph_format.keep_with_next = True
        _paragraph(word, report.follow_said(), font).paragraph_format.keep_with_next = True
        if rows := _follow_cells(report):
            _table(word, follow_heads(report), [[[c] for c in r] for r in rows],
                   FOLLOW_WIDTHS_CM, font)
    for section_th, texts in (("ข้อจำกัดและปัญหาอุปสรรค", report.limitations),
                              ("ข้อเสนอแนะ", report.suggestions)):
        if texts:
            word.add_paragraph(section_th, style="Heading 1").paragraph_format.keep_with_next = True
            for n, note in enumerate(texts, start=1):
                _paragraph(word, f"{digits(str(n), thai=report.thai)}. {note}", font)
    _signatures(word, report, font)
    return word_bytes(word, report.generated_on)


def _charts(word: Any, report: ImplementationReport) -> None:
    """The page's charts, as pictures the width of the measures document's."""
    from docx.shared import Cm

    from ita_report.report import charts
    from ita_report.report.docx import CHART_WIDTH_CM

    for heading, figure in chart_figures(report):
        word.add_paragraph(heading, style="Heading 2").paragraph_format.keep_with_next = True
        word.add_picture(io.BytesIO(charts.figure_to_png(figure)), width=Cm(CHART_WIDTH_CM))


def _signatures(word: Any, report: ImplementationReport, font: OfficeFont) -> None:
    """ลงชื่อ … ผู้รายงาน / ผู้ตรวจสอบ / ผู้อนุมัติ side by side (report.signature's block)."""
    add_signatures(word, signatures(report), font)


def _summary(word: Any, report: ImplementationReport, font: OfficeFont) -> None:
    thai, statuses = report.thai, report.statuses
    measures, steps = report.measure_counts(), report.step_counts()
    word.add_paragraph("สรุปผลการดำเนินงานตามมาตรการ", style="Heading 1")
    rows = [[[s], [digits(str(measures[s]), thai=thai)], [digits(str(steps[s]), thai=thai)]]
            for s in statuses]
    rows.append([["รวม"], [digits(str(sum(measures.values())), thai=thai)],
                 [digits(str(sum(steps.values())), thai=thai)]])
    _table(word, ("สถานะ", "มาตรการ", "ขั้นตอน"), rows, (8.0, 3.0, 3.0), font)
    _paragraph(word, EXPLAIN_TH + (f" {UNREPORTED_TH}" if report.unreported else ""), font)
    word.add_paragraph("ผลการดำเนินงานจำแนกตามส่วนงานที่รับผิดชอบ",
                       style="Heading 2").paragraph_format.keep_with_next = True
    head = ("ส่วนงานที่รับผิดชอบ", "จำนวนมาตรการ", *(f"มาตรการที่{s}" for s in statuses),
            "จำนวนขั้นตอน", "ขั้นตอนที่ดำเนินการแล้ว")
    units = [
        [[u.unit_th], [digits(str(sum(u.measures.values())), thai=thai)],
         *([digits(str(u.measures[s]), thai=thai)] for s in statuses),
         [digits(str(sum(u.steps.values())), thai=thai)],
         [digits(str(u.steps[DONE]), thai=thai)]]
        for u in report.units()
    ]
    first = PAGE_WIDTH_CM - 2 * MARGIN_CM - 2.8 * (len(head) - 1)
    _table(word, head, units, (first, *([2.8] * (len(head) - 1))), font)


def _table(word: Any, head: Sequence[str], rows: Sequence[Sequence[Sequence[str]]],
           widths: Sequence[float], font: OfficeFont) -> None:
    table = word.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.autofit = False
    for cell, name in zip(table.rows[0].cells, head, strict=True):
        _fill_cell(cell, [name], font, bold=True, centre=True)
    _repeat_as_header(table.rows[0])
    for tc in table.rows[0]._tr.tc_lst:
        _shade(tc, HEADER_FILL)
    for values in rows:
        for cell, lines in zip(table.add_row().cells, values, strict=True):
            _fill_cell(cell, list(lines), font)
    _widths(table, widths)


# -- Excel ------------------------------------------------------------------------------------


def xlsx_bytes(report: ImplementationReport) -> bytes:
    """Three sheets: the summary, every step with its result, and the scores followed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    name = office_font(report.settings.font, report.settings.font_size).name
    thai = report.thai
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    summary.append([report.title])
    summary.append([report.draft_th] if report.draft_th else [])
    summary.append(["สถานะ", "มาตรการ", "ขั้นตอน"])
    measures, steps = report.measure_counts(), report.step_counts()
    for s in report.statuses:
        summary.append([s, measures[s], steps[s]])
    summary.append(["รวม", sum(measures.values()), sum(steps.values())])
    summary.append([])
    heads = {1, 3, summary.max_row + 1}
    summary.append(["ส่วนงานที่รับผิดชอบ", "จำนวนมาตรการ",
                    *(f"มาตรการที่{s}" for s in report.statuses), "จำนวนขั้นตอน",
                    "ขั้นตอนที่ดำเนินการแล้ว"])
    for u in report.units():
        summary.append([u.unit_th, sum(u.measures.values()),
                        *(u.measures[s] for s in report.statuses), sum(u.steps.values()),
                        u.steps[DONE]])
    sheet = book.create_sheet(STEPS_SHEET)
    sheet.append(["ประเด็น", "มาตรการ", *STEP_COLUMNS_TH[:3], "ผลการดำเนินงาน", "วันที่ดำเนินการ",
                  "หลักฐาน/ลิงก์", "ปัญหาอุปสรรค", "ข้อเสนอแนะ", "ส่วนงานที่รับผิดชอบ"])
    for theme in report.themes:
        row = theme.row
        for step in theme.steps:
            sheet.append([f"{digits(str(row.number), thai=thai)}. {row.title_th}",
                          row.measure_th, step.step_th, row.quarter_th, step.status,
                          step.result_th, step.done_on, step.evidence, step.obstacles_th,
                          step.suggestion_th, row.unit_th])
    sheets = [(summary, (40, 14, 22, 22, 22, 12, 22)),
              (sheet, (30, 40, 45, 14, 18, 40, 14, 40, 30, 30, 24))]
    if report.follow is not None:
        follow = book.create_sheet(FOLLOW_SHEET)
        follow.append(list(follow_heads(report)))
        for values in _follow_cells(report):
            follow.append(list(values))
        sheets.append((follow, (30, 60, 14, 14, 14, 22)))
    for ws, widths in sheets:
        for n, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(n)].width = width
        for cells in ws.iter_rows():
            for cell in cells:
                head = cell.row in heads if ws is summary else cell.row == 1
                cell.font = Font(name=name, size=14, bold=head)
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if (head and cell.value is not None and cell.row > 1) or (
                        cell.row == 1 and ws is not summary):
                    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        # Excel shows a row given no height one line tall: each is as tall as its text.
        fit_row_heights(ws, widths, name, 14)
        print_landscape(ws)
    for cell in sheet["G"][1:]:
        cell.number_format = "dd/mm/yyyy"
    book.properties.title = report.title
    book.properties.creator = "ita-report"
    book.properties.created = _dt.datetime.combine(report.generated_on, _dt.time())
    keep_as_text(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return same_bytes_each_time(buffer.getvalue(), report.generated_on)
