"""The implementation report as Word (.docx) and Excel (.xlsx), from the same
:class:`~ita_report.implementation.document.ImplementationReport` as the page, so the texts are
the same. The Word file is set like the measures document's (``docx_report``): A4 landscape,
Thai as complex script, header rows repeated. The preparer's notes are never in either file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ita_report.docx_report import (
    HEADER_FILL,
    MARGIN_CM,
    PAGE_HEIGHT_CM,
    PAGE_WIDTH_CM,
    _field,
    _fill_cell,
    _paragraph,
    _repeat_as_header,
    _shade,
    _styles,
    _widths,
)
from ita_report.implementation.document import ImplementationReport
from ita_report.implementation.html import STEP_COLUMNS_TH
from ita_report.measures import display_code
from ita_report.office import OfficeFont, office_font
from ita_report.officer.progress import STATUSES, ProgressStep
from ita_report.thai import digits, format_score, thai_date

#: Widths of the step table's six columns (sum: the 27.16 cm between the margins).
STEP_WIDTHS_CM = (6.4, 2.4, 2.8, 6.2, 4.6, 4.76)
FOLLOW_WIDTHS_CM = (5.5, 10.16, 2.6, 2.6, 2.4, 3.9)
SUMMARY_SHEET, STEPS_SHEET, FOLLOW_SHEET = "สรุป", "ผลการดำเนินงาน", "คะแนนข้อที่ติดตาม"


def _step_cells(step: ProgressStep, quarter: str, count: int, thai: bool) -> list[list[str]]:
    number = f"{digits(str(step.step), thai=thai)}. " if count > 1 else ""
    result = [step.result_th] if step.result_th else []
    if step.done_on is not None:
        result.append(f"เมื่อ {thai_date(step.done_on, thai_digits=thai)}")
    remarks = [step.obstacles_th] if step.obstacles_th else []
    if step.suggestion_th:
        remarks.append(f"ข้อเสนอแนะ: {step.suggestion_th}")
    return [[number + step.step_th], [quarter], [step.status], result, step.evidence.split(),
            remarks]


def _follow_rows(report: ImplementationReport) -> list[tuple[str, ...]]:
    """One row per targeted item: theme, item, both scores, change, whether it passes now."""
    follow, thai = report.follow, report.thai
    if follow is None:
        return []

    def score(value: float | None) -> str:
        return "ไม่มีข้อมูล" if value is None else format_score(value, thai=thai)

    rows: list[tuple[str, ...]] = []
    for theme in follow.themes:
        for item in theme.targeted:
            code = display_code(item.last_code, thai=thai)
            if item.this_code is not None and item.this_code != item.last_code:
                code += f" (ปีถัดไปคือข้อ {display_code(item.this_code, thai=thai)})"
            if item.this_code is None:
                words = "ไม่มีข้อเทียบในปีนี้"
            elif item.passes_now is None:
                words = "ไม่มีข้อมูล"
            else:
                words = "ผ่านค่าเป้าหมายแล้ว" if item.passes_now else "ยังต่ำกว่าค่าเป้าหมาย"
            change = item.change
            moved = "" if change is None else ("+" if change > 0 else "") + format_score(
                change, thai=thai)
            rows.append((f"{digits(str(theme.number), thai=thai)}. {theme.title_th}",
                         f"{code} {item.last_text_th}", score(item.last_score),
                         score(item.this_score), moved, words))
    return rows


# -- Word -------------------------------------------------------------------------------------


def docx_bytes(report: ImplementationReport) -> bytes:
    """Title block, summary, one table per theme, the scores followed, limitations."""
    from docx import Document

    font = office_font()
    word = Document()
    _page(word, report.thai)
    _styles(word, font)
    word.core_properties.title = report.title[:255]
    word.core_properties.language = "th-TH"
    lines = report.title_lines()
    _paragraph(word, lines[0], font, style="Title", centre=True)
    for line in lines[1:-1]:
        _paragraph(word, line, font, centre=True, size=font.heading_pt, bold=True)
    _paragraph(word, lines[-1], font, centre=True)
    _summary(word, report, font)
    word.add_paragraph("ผลการดำเนินงานรายประเด็น", style="Heading 1")
    for theme in report.themes:
        row, thai = theme.row, report.thai
        heading = word.add_paragraph(f"{digits(str(row.number), thai=thai)}. {row.title_th}",
                                     style="Heading 2")
        heading.paragraph_format.keep_with_next = True
        for part in row.measure_parts:
            _paragraph(word, f"มาตรการ: {part}", font).paragraph_format.keep_with_next = True
        _paragraph(word, f"ส่วนงานที่รับผิดชอบ: {row.unit_th} · สถานะของมาตรการ: {theme.status}",
                   font).paragraph_format.keep_with_next = True
        body = [_step_cells(s, row.quarter_th, len(theme.steps), thai) for s in theme.steps]
        _table(word, STEP_COLUMNS_TH, body, STEP_WIDTHS_CM, font)
    follow_rows = _follow_rows(report)
    if report.follow is not None and follow_rows:
        last = digits(str(report.follow.last_year), thai=report.thai)
        this = digits(str(report.follow.this_year), thai=report.thai)
        word.add_paragraph(f"ผลการประเมินข้อที่มาตรการมุ่งแก้ไข ปี {last} และปี {this}",
                           style="Heading 1").paragraph_format.keep_with_next = True
        head = ("ประเด็น", "ข้อคำถาม ITA", f"คะแนนปี {last}", f"คะแนนปี {this}", "เปลี่ยนแปลง",
                f"ผลปี {this}")
        _table(word, head, [[[c] for c in r] for r in follow_rows], FOLLOW_WIDTHS_CM, font)
    if report.limitations:
        word.add_paragraph("ข้อจำกัดและปัญหาอุปสรรค",
                           style="Heading 1").paragraph_format.keep_with_next = True
        for n, note in enumerate(report.limitations, start=1):
            _paragraph(word, f"{digits(str(n), thai=report.thai)}. {note}", font)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page(word: Any, thai: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE \\* ThaiArabic" if thai else "PAGE")


def _summary(word: Any, report: ImplementationReport, font: OfficeFont) -> None:
    thai = report.thai
    measures, steps = report.measure_counts(), report.step_counts()
    word.add_paragraph("สรุปผลการดำเนินงานตามมาตรการ", style="Heading 1")
    rows = [[[s], [digits(str(measures[s]), thai=thai)], [digits(str(steps[s]), thai=thai)]]
            for s in STATUSES]
    rows.append([["รวม"], [digits(str(sum(measures.values())), thai=thai)],
                 [digits(str(sum(steps.values())), thai=thai)]])
    _table(word, ("สถานะ", "มาตรการ", "ขั้นตอน"), rows, (8.0, 3.0, 3.0), font)
    head = ("ส่วนงานที่รับผิดชอบ", "มาตรการ", *(f"มาตรการที่{s}" for s in STATUSES), "ขั้นตอน",
            "ขั้นตอนที่ดำเนินการแล้ว")
    units = [
        [[u.unit_th], [digits(str(sum(u.measures.values())), thai=thai)],
         *([digits(str(u.measures[s]), thai=thai)] for s in STATUSES),
         [digits(str(sum(u.steps.values())), thai=thai)],
         [digits(str(u.steps[STATUSES[0]]), thai=thai)]]
        for u in report.units()
    ]
    _table(word, head, units, (7.16, 2.5, 3.5, 3.5, 3.5, 2.5, 4.5), font)


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

    name = office_font().name
    thai = report.thai
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    summary.append([report.title])
    summary.append([])
    summary.append(["สถานะ", "มาตรการ", "ขั้นตอน"])
    measures, steps = report.measure_counts(), report.step_counts()
    for s in STATUSES:
        summary.append([s, measures[s], steps[s]])
    summary.append(["รวม", sum(measures.values()), sum(steps.values())])
    summary.append([])
    heads = {1, 3, summary.max_row + 1}
    summary.append(["ส่วนงานที่รับผิดชอบ", "มาตรการ", *(f"มาตรการที่{s}" for s in STATUSES),
                    "ขั้นตอน", "ขั้นตอนที่ดำเนินการแล้ว"])
    for u in report.units():
        summary.append([u.unit_th, sum(u.measures.values()), *(u.measures[s] for s in STATUSES),
                        sum(u.steps.values()), u.steps[STATUSES[0]]])
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
    follow_rows = _follow_rows(report)
    if report.follow is not None:
        follow = book.create_sheet(FOLLOW_SHEET)
        last, this = report.follow.last_year, report.follow.this_year
        follow.append(["ประเด็น", "ข้อคำถาม ITA", f"คะแนนปี {last}", f"คะแนนปี {this}",
                       "เปลี่ยนแปลง", f"ผลปี {this}"])
        for values in follow_rows:
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
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    for cell in sheet["G"][1:]:
        cell.number_format = "dd/mm/yyyy"
    book.properties.title = report.title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
