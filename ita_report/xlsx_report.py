"""The measures document as an Excel workbook: the measures table and the item gaps, a sheet each.

Built from the same :class:`~ita_report.report.MeasuresDocument` as the HTML, so each row of the
measures sheet holds exactly the texts of a row of the HTML table. Scores stay numbers (Excel
can sort and sum them); a missing score stays an empty cell, never zero.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ita_report.measures import MeasureRow, display_code
from ita_report.office import office_font
from ita_report.report import COLUMNS_TH, MeasuresDocument, measures_heading, numbered_steps
from ita_report.thai import digits

MEASURES_SHEET = "มาตรการ"
GAPS_SHEET = "ข้อที่ต่ำกว่าเป้าหมาย"
#: Columns of the gaps sheet (one row per item below target).
GAP_COLUMNS_TH = (
    "เครื่องมือ",
    "ตัวชี้วัด",
    "ข้อ",
    "ข้อคำถาม",
    "คะแนน",
    "เป้าหมาย",
    "ต่ำกว่าเป้าหมาย",
    "สถานะ",
    "ประเด็นที่อ้างถึง",
)
MEASURE_WIDTHS = (26, 40, 45, 35, 45, 14, 22)
GAP_WIDTHS = (8, 28, 8, 70, 10, 10, 14, 16, 40)


def measure_cells(row: MeasureRow, *, thai: bool) -> tuple[str, ...]:
    """The seven texts of one table row, lines joined by newlines, as the HTML shows them."""
    return (
        f"{digits(str(row.number), thai=thai)}. {row.title_th}",
        "\n".join(row.item_texts(thai=thai)),
        row.analysis_th,
        "\n".join(row.measure_parts),
        "\n".join(numbered_steps(row, thai)),
        row.quarter_th,
        row.unit_th,
    )


def write_xlsx(doc: MeasuresDocument, path: str | Path) -> Path:
    """Write ``doc``'s workbook to ``path`` atomically and return the path."""
    from ita_report.iorw import atomic_write_bytes

    atomic_write_bytes(path, xlsx_bytes(doc))
    return Path(path)


def xlsx_bytes(doc: MeasuresDocument) -> bytes:
    """The .xlsx file of ``doc``: the measures, the items below target, the progress sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.properties.title = doc.title
    measures = workbook.active
    measures.title = MEASURES_SHEET
    rows = [measure_cells(row, thai=doc.thai) for row in doc.rows]
    _table(measures, COLUMNS_TH, rows, MEASURE_WIDTHS, header_text=measures_heading(doc))
    _notes(measures, doc.notes_th)
    gaps = workbook.create_sheet(GAPS_SHEET)
    _table(gaps, GAP_COLUMNS_TH, gap_rows(doc), GAP_WIDTHS, header_text=doc.title,
           number_columns=(5, 6, 7))
    # The steps again, with columns to fill in as the year goes: the implementation report
    # reads this sheet back (ita_report.officer.progress).
    from ita_report.officer.progress import add_progress_sheet

    add_progress_sheet(workbook, doc)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _notes(sheet: Any, notes: tuple[str, ...]) -> None:
    """Warnings (a tool with no score) below the table, where the sheet's reader will see them."""
    from openpyxl.styles import Font

    if not notes:
        return
    sheet.append([])
    for note in notes:
        sheet.append([note])
        sheet.cell(row=sheet.max_row, column=1).font = Font(
            name=office_font().name, size=14, bold=True
        )


def gap_rows(doc: MeasuresDocument) -> list[tuple[object, ...]]:
    """One row per item below target (ข้อที่ต่ำกว่าเป้าหมาย), weakest first."""
    a, thai = doc.assessment, doc.thai
    names = {ind.number: ind.name_th for ind in a.indicators}
    cited: dict[str, list[str]] = {}
    for row in doc.rows:
        theme = f"{digits(str(row.number), thai=thai)}. {row.title_th}"
        for code in row.cited_codes:
            cited.setdefault(code, []).append(theme)
    below = [i for i in a.items + a.extra_items if i.below_target and i.score is not None]
    below.sort(key=lambda i: (i.score, i.code))
    return [
        (
            item.tool,
            f"{digits(str(item.indicator), thai=thai)} {names.get(item.indicator, '')}".strip()
            if item.indicator is not None
            else "นอกกรอบการประเมิน",
            display_code(item.code, thai=thai),
            item.text_th,
            item.score,
            item.target,
            item.gap,
            str(item.status),
            "\n".join(cited.get(item.code, [])),
        )
        for item in below
    ]


def _table(
    sheet: Any,
    header: tuple[str, ...],
    rows: list[tuple[object, ...]] | list[tuple[str, ...]],
    widths: tuple[int, ...],
    *,
    header_text: str,
    number_columns: tuple[int, ...] = (),
) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    name = office_font().name
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(name=name, size=14, bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for values in rows:
        sheet.append(list(values))
    body = Font(name=name, size=14)
    top = Alignment(vertical="top", wrap_text=True)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.font, cell.alignment, cell.border = body, top, border
            if cell.column in number_columns and cell.value is not None:
                cell.number_format = "0.00"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    # Printed as the document is: A4 landscape, one page wide, the header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = header_text.replace("&", "&&")
