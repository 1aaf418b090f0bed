"""The measures document as an Excel workbook: the measures table and the item gaps, a sheet each.

Built from the same :class:`~ita_report.document.MeasuresDocument` as the HTML, so each row of the
measures sheet holds exactly the texts of a row of the HTML table. Scores stay numbers (Excel
can sort and sum them); a missing score stays an empty cell, never zero. Rows are as tall as
their wrapped text, sheets print A4 landscape one page wide, and the same inputs and date give
the same bytes.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

from ita_report.code_text import CodeStyle, display_code
from ita_report.document import MeasuresDocument
from ita_report.measures import EXTRA_ITEMS_LABEL, MeasureRow
from ita_report.report.html import COLUMNS_TH, letterhead, measures_heading, numbered_steps
from ita_report.report.office import (
    MAX_ROW_PT,
    OfficeFont,
    cell_lines,
    keep_as_text,
    office_font,
    print_landscape,
    same_bytes_each_time,
    text_row_height,
)
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
#: The most characters of a page header's texts together (Excel allows 255 with its codes).
HEADER_CHARS = 240


def measure_cells(row: MeasureRow, *, thai: bool, style: CodeStyle) -> tuple[str, ...]:
    """The seven texts of one table row, lines joined by newlines, as the HTML shows them."""
    return (
        f"{digits(str(row.number), thai=thai)}. {row.title_th}",
        "\n".join(row.item_texts(style=style)),
        row.analysis_th,
        "\n".join(row.measure_parts),
        "\n".join(numbered_steps(row, thai)),
        row.quarter_th,
        row.unit_th,
    )


def write_xlsx(doc: MeasuresDocument, path: str | Path) -> Path:
    """Write ``doc``'s workbook to ``path`` atomically and return the path (what an officer
    filled in the progress sheet of a workbook already there is carried over)."""
    from ita_report.iorw import atomic_write_bytes

    atomic_write_bytes(path, xlsx_bytes(doc, keep_from=Path(path)))
    return Path(path)


def xlsx_bytes(doc: MeasuresDocument, *, keep_from: Path | None = None) -> bytes:
    """The .xlsx file of ``doc``: the measures, the items below target, the progress sheet.

    ``keep_from``, the workbook this one replaces: the progress sheet an officer filled there
    is carried over (officer.progress_carry), so writing the workbook again never loses it.
    """
    import datetime as _dt

    from openpyxl import Workbook

    from ita_report.officer.progress_carry import carry_progress, filled_progress

    # Read before anything is built: a workbook there that cannot be read stops the write.
    filled = filled_progress(keep_from, doc) if keep_from is not None else None

    settings = doc.params.document
    font = office_font(settings.font, settings.font_size)
    workbook = Workbook()
    workbook.properties.title = doc.title
    workbook.properties.creator = "ita-report"
    # The document's date, never the clock (same_bytes_each_time fixes the saved one too).
    workbook.properties.created = _dt.datetime.combine(doc.generated_on, _dt.time())
    measures = workbook.active
    measures.title = MEASURES_SHEET
    rows = [measure_cells(row, thai=doc.thai, style=doc.codes) for row in doc.rows]
    head = letterhead(doc)
    _table(measures, COLUMNS_TH, rows, MEASURE_WIDTHS, font, header_text=measures_heading(doc),
           letterhead=head)
    gaps = workbook.create_sheet(GAPS_SHEET)
    _table(gaps, GAP_COLUMNS_TH, gap_rows(doc), GAP_WIDTHS, font, header_text=doc.title,
           number_columns=(5, 6, 7), letterhead=head)
    # The steps again, with columns to fill in as the year goes: the implementation report
    # reads this sheet back (ita_report.officer.progress).
    from ita_report.officer.progress import PROGRESS_SHEET, add_progress_sheet, fit_progress_rows

    add_progress_sheet(workbook, doc)
    if filled is not None:
        carry_progress(workbook, filled)
        # What the officer wrote is as long as they made it: rows grow to show it whole.
        fit_progress_rows(workbook[PROGRESS_SHEET])
    keep_as_text(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return same_bytes_each_time(buffer.getvalue(), doc.generated_on)


def text_lines(value: object, width: float, font: OfficeFont) -> int:
    """How many lines ``value`` takes in ``font``'s table size, wrapped in a column ``width``
    units wide."""
    return cell_lines(str("" if value is None else value), width, font.name, font.table_pt)


def row_height(values: tuple[object, ...], widths: tuple[int, ...], font: OfficeFont) -> float:
    """Points a row needs to show every line of its tallest cell (Excel does not grow rows
    openpyxl writes, so a row left alone prints one line of each cell)."""
    return text_row_height(values, widths, font.name, font.table_pt)


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
            else EXTRA_ITEMS_LABEL,
            display_code(item.code, style=doc.codes),
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
    font: OfficeFont,
    *,
    header_text: str,
    number_columns: tuple[int, ...] = (),
    letterhead: str = "",
) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    name, size = font.name, font.table_pt
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(name=name, size=size, bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    sheet.row_dimensions[1].height = row_height(header, widths, font)
    spans: list[tuple[int, int]] = []
    for values in rows:
        sheet.append(list(values))
        first = sheet.max_row
        needed = text_row_height(values, widths, font.name, font.table_pt, most=math.inf)
        # Taller than Excel lets a row be (a weak agency's theme citing thirty items): the
        # row spans as many rows as it needs, each cell merged down them, so none is cut.
        count = max(1, math.ceil(needed / MAX_ROW_PT))
        for _ in range(count - 1):
            sheet.append([None] * len(values))
        for number in range(first, first + count):
            sheet.row_dimensions[number].height = round(needed / count, 1)
        if count > 1:
            spans.append((first, first + count - 1))
    body = Font(name=name, size=size)
    top = Alignment(vertical="top", wrap_text=True)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.font, cell.alignment, cell.border = body, top, border
            if cell.column in number_columns and cell.value is not None:
                cell.number_format = "0.00"
    for top_row, bottom_row in spans:
        for column in range(1, len(header) + 1):
            sheet.merge_cells(start_row=top_row, end_row=bottom_row,
                              start_column=column, end_column=column)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    # Printed as the document is: A4 landscape, one page wide, the header row on every page.
    print_landscape(sheet, title_rows="1:1")
    centre = header_text.replace("&", "&&")[:HEADER_CHARS]
    sheet.oddHeader.center.text = centre
    room = HEADER_CHARS - len(centre)
    if letterhead and room > 1:
        # Excel refuses a page header of more than 255 characters: the letterhead is cut
        # (it is printed in full on the page's first line in every other format).
        left = letterhead.replace("&", "&&")
        sheet.oddHeader.left.text = left if len(left) <= room else left[: room - 1] + "…"
    # Page numbers at the foot, as in the Word file.
    sheet.oddFooter.center.text = "&P"
