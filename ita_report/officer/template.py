"""The officers' score workbook (แม่แบบกรอกคะแนน) written for a fiscal year.

One sheet per tool (IIT, EIT, OIT) lists every item with its wording and indicator and an empty
score cell checked to be 0–100; an agency sheet names the agency and the year. Reading it back
is :mod:`ita_report.scores.template`'s, whose layout this writes; nothing here reads a score.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ita_report.errors import InputError, file_problem
from ita_report.framework import Framework, Indicator, Item, load_framework
from ita_report.scores.official import OFFICIAL_FIELDS
from ita_report.scores.template import (
    AGENCY_FIELDS,
    AGENCY_SHEET,
    SCORE_COL,
    TOOL_COLUMNS,
    TemplateAgency,
)

__all__ = [
    "CHARS_PER_WIDTH",
    "INSTRUCTIONS_SHEET",
    "LINE_POINTS",
    "ORG_TYPES",
    "SPARE_ROWS",
    "TOOL_WIDTHS",
    "TemplateAgency",
    "build_template",
    "print_setup",
    "row_height",
    "score_rule",
    "write_template",
]

INSTRUCTIONS_SHEET = "คำแนะนำ"
#: Widths of the tool sheets' columns (Excel's character units): the four fit one A4
#: landscape page across, at the 14 pt Thai font, once printing fits the width.
TOOL_WIDTHS = (10, 90, 42, 12)
#: Points per line of 14 pt Thai text: room for vowels above and below (ที่ นู้ น้ำ).
LINE_POINTS = 24.0
#: Characters of 14 pt Thai text one unit of column width holds (widths count Calibri 11).
CHARS_PER_WIDTH = 0.9
#: Empty rows below each tool's items where an officer may add codes outside the framework.
SPARE_ROWS = 10


ORG_TYPES = ("ทน.", "ทม.", "ทต.", "อบต.", "อบจ.")

_INPUT_FILL = "FFF7D6"  # pale yellow: the cells an officer fills in
_HEADER_FILL = "E7E6E6"


# -- writing ----------------------------------------------------------------------------------


def write_template(
    year: int, out: str | Path, agency: TemplateAgency | None = None, *, force: bool = False
) -> Path:
    """Write the score workbook of fiscal ``year`` to ``out`` (atomically) and return its path.

    ``agency`` pre-fills the agency sheet. An existing file is never replaced without
    ``force``: it may hold an officer's afternoon of typing.

    >>> import tempfile, pathlib
    >>> from ita_report.scores.template import is_template
    >>> path = write_template(2566, pathlib.Path(tempfile.mkdtemp()) / "scores.xlsx")
    >>> is_template(path)
    True
    """
    from ita_report.iorw import atomic_path

    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise InputError(
            file_problem(target, "ชื่อไฟล์ต้องลงท้ายด้วย .xlsx", "must be named .xlsx",
                         expected_th="เช่น คะแนน-2566.xlsx", expected_en="e.g. scores-2566.xlsx")
        )
    if target.exists() and not force:
        raise InputError(
            file_problem(
                target,
                "มีไฟล์นี้อยู่แล้ว จึงไม่เขียนทับ (อาจมีคะแนนที่กรอกไว้)",
                "already exists and was left alone (it may hold scores typed in)",
                expected_th="ชื่อไฟล์ใหม่ หรือเพิ่ม --force เพื่อเขียนทับ",
                expected_en="a new file name, or --force to replace it",
            )
        )
    framework = load_framework(year)
    workbook = build_template(framework, agency or TemplateAgency())
    with atomic_path(target) as tmp:
        workbook.save(tmp)
    return target


def build_template(framework: Framework, agency: TemplateAgency) -> Any:
    """The workbook (``openpyxl.Workbook``) for ``framework``'s year, not yet saved."""
    from openpyxl import Workbook

    from ita_report.report.office import keep_as_text, office_font

    font = office_font().name
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    _instructions(instructions, framework, font)
    _agency_sheet(workbook.create_sheet(AGENCY_SHEET), framework, agency, font)
    for tool in framework.tools:
        _tool_sheet(workbook.create_sheet(tool.code), framework, tool.code, font)
    workbook.properties.title = f"แม่แบบกรอกคะแนน ITA ปีงบประมาณ {framework.fiscal_year}"
    workbook.properties.keywords = "ita-report template"
    return keep_as_text(workbook)


def _styles(font: str) -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "font": Font(name=font, size=14),
        "bold": Font(name=font, size=14, bold=True),
        "title": Font(name=font, size=18, bold=True),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "centre": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "input": PatternFill("solid", fgColor=_INPUT_FILL),
        "header": PatternFill("solid", fgColor=_HEADER_FILL),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
    }


def _instructions(sheet: Any, framework: Framework, font: str) -> None:
    s = _styles(font)
    year = framework.fiscal_year
    counts = ", ".join(
        f"{t.code} {sum(len(i.all_items()) for i in t.indicators)} ข้อ" for t in framework.tools
    )
    lines = [
        (f"แม่แบบกรอกคะแนน ITA ปีงบประมาณ พ.ศ. {year}", "title"),
        ("สมุดงานนี้ใช้กรอกคะแนนรายข้อจากรายงานผลการประเมินของหน่วยงาน (ระบบ ITAS)"
         " เพื่อสร้างเอกสาร \"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\" ด้วย ita-report", ""),
        ("", ""),
        ("ขั้นตอน", "bold"),
        (f"๑. ชีต \"{AGENCY_SHEET}\": กรอกช่องสีเหลือง รหัสหน่วยงาน (org_id) ใช้อักษรอังกฤษ ตัวเลข"
         " และ - _ . เท่านั้น เช่น chaemae รหัสนี้ต้องตรงกับ org_id ในไฟล์พารามิเตอร์"
         " และเป็นชื่อไฟล์รายงาน (เช่น reports/2566/chaemae.docx)", ""),
        (f"๒. ชีต IIT, EIT และ OIT ({counts}): กรอกคะแนนของแต่ละข้อในคอลัมน์ D \"คะแนน\""
         " เป็นตัวเลข 0 ถึง 100 ทศนิยมได้ เช่น 84.77 หรือเลขไทย ๘๔.๗๗"
         " (ข้อคำถามของแต่ละรหัสอยู่ในคอลัมน์ B)", ""),
        ("๓. ข้อที่ไม่มีคะแนน ให้เว้นว่างไว้ โปรแกรมจะถือว่า \"ไม่มีข้อมูล\" ไม่ใช่ศูนย์คะแนน"
         " ถ้าได้ศูนย์คะแนนจริง (เช่น OIT ที่ไม่ได้เผยแพร่) ให้พิมพ์ 0", ""),
        ("๔. ห้ามแก้รหัสข้อและข้อคำถาม (ชีตถูกป้องกันไว้ ไม่มีรหัสผ่าน: รีวิว ▸ ยกเลิกการป้องกันแผ่นงาน)"
         " ถ้าเอกสารของหน่วยงานอ้างข้อที่อยู่นอกกรอบการประเมิน (เช่น i37) ให้พิมพ์รหัสและคะแนน"
         " ในแถวว่างใต้รายการ และเพิ่มรหัสนั้นใน extra_codes ของไฟล์พารามิเตอร์", ""),
        ("๕. บันทึกไฟล์เป็น Excel Workbook (.xlsx) แล้วสร้างไฟล์พารามิเตอร์และรายงาน:", ""),
        ("      ita-report new --scores ไฟล์นี้.xlsx    (ชื่อหน่วยงาน ชื่อย่อ และปี อ่านจากชีตหน่วยงาน)",
         ""),
        ("      ita-report run params/<รหัสหน่วยงาน>-" + str(year) + ".yaml --formats html,docx,xlsx",
         ""),
        ("", ""),
        ("ถ้ากรอกผิด โปรแกรมจะบอกชื่อชีตและช่อง เช่น IIT!D17 พร้อมค่าที่ถูกต้อง แก้แล้วสั่งใหม่ได้เลย", ""),
        ("", ""),
        ("About this workbook (English)", "bold"),
        (f"ITA score template for fiscal year {year}. Fill the yellow cells: the agency sheet"
         " (org_id: ASCII letters, digits, - _ . ; it must match the params file's org_id) and"
         " column D of the IIT, EIT and OIT sheets (0–100; leave a cell empty for no data,"
         " which is never read as zero). Then run ita-report new --scores THIS.xlsx (it reads"
         " the agency from this workbook) and"
         " ita-report run.", ""),
    ]
    for row, (text, style) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text or None)
        cell.font = s[style] if style else s["font"]
        cell.alignment = s["wrap"]
    sheet.column_dimensions["A"].width = 130
    for row, (text, _style) in enumerate(lines, start=1):
        sheet.row_dimensions[row].height = max(row_height([text], [130]),
                                               30.0 if row == 1 else LINE_POINTS)
    print_setup(sheet)
    # One page, whole: with "one page wide, any height" LibreOffice printed this one wide
    # column unscaled, cut at both edges over two pages (issue 24); it is short enough.
    sheet.page_setup.fitToHeight = 1


def _agency_sheet(sheet: Any, framework: Framework, agency: TemplateAgency, font: str) -> None:
    from openpyxl.styles import Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    s = _styles(font)
    for col, header in enumerate(("ข้อมูล (field)", "ค่า (value)", "คำอธิบาย (help)"), start=1):
        cell = sheet.cell(row=1, column=col, value=header)
        cell.font, cell.fill, cell.border, cell.alignment = s["bold"], s["header"], s["border"], s[
            "centre"
        ]
    values = {
        "org_id": agency.org_id,
        "org_name": agency.org_name,
        "short_name": agency.short_name,
        "org_type": agency.org_type,
        "district": agency.district,
        "province": agency.province,
        "fiscal_year": framework.fiscal_year,
    }
    for row, (key, label, help_th) in enumerate(AGENCY_FIELDS, start=2):
        sheet.cell(row=row, column=1, value=f"{label} ({key})")
        value = sheet.cell(row=row, column=2, value=values[key] or None)
        sheet.cell(row=row, column=3, value=help_th)
        for col in (1, 2, 3):
            cell = sheet.cell(row=row, column=col)
            cell.font, cell.border, cell.alignment = s["font"], s["border"], s["wrap"]
        if key != "fiscal_year":
            value.fill = s["input"]
            value.protection = Protection(locked=False)
        if key == "org_id":
            value.number_format = "@"  # an id such as 0105 must stay text
    types = DataValidation(
        type="list",
        formula1='"' + ",".join(ORG_TYPES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",  # other kinds of agency exist: warn, do not refuse
        errorTitle="ประเภทหน่วยงาน",
        error="ไม่ใช่ ทน. ทม. ทต. อบต. หรือ อบจ. ใช้ค่านี้ต่อไปหรือไม่",
    )
    sheet.add_data_validation(types)
    types.add("B5")
    # The official result as ITAS published it (issue 23): checked against the computed one.
    first = len(AGENCY_FIELDS) + 2
    scores = DataValidation(type="custom", allow_blank=True, showErrorMessage=True,
                            errorTitle="คะแนน", error="คะแนนเป็นตัวเลข 0 ถึง 100")
    sheet.add_data_validation(scores)
    for row, (key, label, help_th) in enumerate(OFFICIAL_FIELDS, start=first):
        sheet.cell(row=row, column=1, value=f"{label} ({key})")
        value = sheet.cell(row=row, column=2)
        sheet.cell(row=row, column=3, value=help_th)
        for col in (1, 2, 3):
            cell = sheet.cell(row=row, column=col)
            cell.font, cell.border, cell.alignment = s["font"], s["border"], s["wrap"]
        value.fill = s["input"]
        value.protection = Protection(locked=False)
        if key != "official_level":
            scores.add(f"B{row}")
    scores.formula1 = score_rule(f"B{first}")
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 80
    for row in range(1, len(AGENCY_FIELDS) + len(OFFICIAL_FIELDS) + 2):
        texts = [str(sheet.cell(row=row, column=c).value or "") for c in (1, 2, 3)]
        sheet.row_dimensions[row].height = row_height(texts, (30, 40, 80))
    print_setup(sheet, title_rows="1:1")
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # openpyxl: False means "allowed"
    sheet.protection.formatRows = False


def score_rule(cell: str) -> str:
    """The score cells' validation: a number 0–100, typed in Arabic or Thai digits.

    Each Thai digit is replaced by its Arabic one and the result must read as a number within
    50 ± 50: one formula for text and numbers, under Excel's 255 characters.

    >>> len(score_rule("D2")) <= 255
    True
    """
    text = cell
    for n, thai in enumerate("๐๑๒๓๔๕๖๗๘๙"):
        text = f'SUBSTITUTE({text},"{thai}",{n})'
    return f"ABS(VALUE({text})-50)<=50"


def row_height(texts: Iterable[str], widths: Iterable[float]) -> float:
    """The height (points) a row needs so every cell's wrapped Thai text shows whole.

    Marks above and below a letter (ี ่ ุ) take no width: only base characters are counted.

    >>> row_height(["i14", "ก" * 200], [10, 90])  # 81 letters a line: three lines
    72.0
    """
    import math
    import unicodedata

    most = 1
    for text, width in zip(texts, widths, strict=False):
        per_line = max(1, int(width * CHARS_PER_WIDTH))
        lines = 0
        for paragraph in str(text).splitlines() or [""]:
            base = sum(1 for ch in paragraph if not unicodedata.combining(ch)
                       and unicodedata.category(ch) != "Mn")
            lines += max(1, math.ceil(base / per_line))
        most = max(most, lines)
    return most * LINE_POINTS


def print_setup(sheet: Any, *, title_rows: str | None = None) -> None:
    """A4 landscape, one page wide (as many pages down as needed), header rows on every page."""
    from ita_report.report.office import print_landscape

    print_landscape(sheet, title_rows=title_rows)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _indicator_label(indicator: Indicator, item: Item) -> str:
    for sub in indicator.sub_indicators:
        if any(i.code == item.code for i in sub.items):
            return f"{indicator.number} {indicator.name_th} › {sub.number} {sub.name_th}"
    return f"{indicator.number} {indicator.name_th}"


def _tool_sheet(sheet: Any, framework: Framework, tool_code: str, font: str) -> None:
    from openpyxl.styles import Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    s = _styles(font)
    tool = next(t for t in framework.tools if t.code == tool_code)
    for col, (_key, header) in enumerate(TOOL_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=col, value=header)
        cell.font, cell.fill, cell.border, cell.alignment = s["bold"], s["header"], s["border"], s[
            "centre"
        ]
    row = 1
    for indicator in tool.indicators:
        for item in indicator.all_items():
            row += 1
            sheet.cell(row=row, column=1, value=item.code)
            sheet.cell(row=row, column=2, value=framework.item_label(item.code) or None)
            sheet.cell(row=row, column=3, value=_indicator_label(indicator, item))
    last_item = row
    last = last_item + SPARE_ROWS
    for r in range(2, last + 1):
        for col in range(1, 5):
            cell = sheet.cell(row=r, column=col)
            cell.font, cell.border, cell.alignment = s["font"], s["border"], s["wrap"]
        score = sheet.cell(row=r, column=4)
        score.fill = s["input"]
        score.number_format = "0.00"
        score.protection = Protection(locked=False)
        if r > last_item:  # spare rows: the code is typed by the officer
            sheet.cell(row=r, column=1).protection = Protection(locked=False)
    check = DataValidation(
        # Custom, not "decimal": a decimal rule refuses the Thai digits the instructions allow
        # (๘๔.๗๗ is text to Excel). The formula reads Thai digits as the loader does.
        type="custom",
        formula1=score_rule(f"{SCORE_COL}2"),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="คะแนนไม่ถูกต้อง",
        error="คะแนนต้องเป็นตัวเลข 0 ถึง 100 (เลขไทยก็ได้ เว้นว่างถ้าไม่มีข้อมูล)",
        promptTitle="คะแนน",
        prompt="ตัวเลข 0–100 (เลขไทยก็ได้) เว้นว่างถ้าไม่มีข้อมูล",
    )
    sheet.add_data_validation(check)
    check.add(f"{SCORE_COL}2:{SCORE_COL}{last}")
    for letter, width in zip("ABCD", TOOL_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.row_dimensions[1].height = row_height([h for _k, h in TOOL_COLUMNS], TOOL_WIDTHS)
    for r in range(2, last + 1):
        texts = [str(sheet.cell(row=r, column=c).value or "") for c in range(1, 5)]
        sheet.row_dimensions[r].height = row_height(texts, TOOL_WIDTHS)
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    print_setup(sheet, title_rows="1:1")

