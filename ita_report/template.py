"""The officers' score workbook (แม่แบบกรอกคะแนน): written for a fiscal year, read back as scores.

One sheet per tool (IIT, EIT, OIT) lists every item with its wording and indicator and an empty
score cell checked to be 0–100; an agency sheet names the agency and the year. Read back, an
empty score cell is no data, never zero, and every wrong value is named by sheet and cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ita_report.codes import normalize_code
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import Framework, Indicator, Item, load_framework
from ita_report.params import is_safe_org_id

# The same cell rules as every other score file: one reading of "84.77", "๘๔.๗๗" and "-".
from ita_report.scores import (
    _BLANK,
    _OK,
    _OUT_OF_RANGE,
    _SPACED,
    COLUMNS,
    ScoreTable,
    Uncached,
    _cell_text,
    _clean_org_id,
    _framework_codes,
    _parse_score,
    _suggestions,
    sheet_rows,
)

INSTRUCTIONS_SHEET = "คำแนะนำ"
AGENCY_SHEET = "หน่วยงาน"
#: Spellings of the agency sheet accepted on reading (an officer may rename it in English).
AGENCY_SHEET_NAMES = (AGENCY_SHEET, "agency")
TOOL_SHEETS = ("IIT", "EIT", "OIT")

#: Columns of a tool sheet, left to right: (key, header). The key in brackets finds the column.
TOOL_COLUMNS = (
    ("code", "รหัสข้อ (code)"),
    ("wording", "ข้อคำถาม (wording)"),
    ("indicator", "ตัวชี้วัด (indicator)"),
    ("score", "คะแนน (score)"),
)
CODE_COL, SCORE_COL = "A", "D"
#: Widths of the tool sheets' columns (Excel's character units): the four fit one A4
#: landscape page across, at the 14 pt Thai font, once printing fits the width.
TOOL_WIDTHS = (10, 90, 42, 12)
#: Points per line of 14 pt Thai text: room for vowels above and below (ที่ นู้ น้ำ).
LINE_POINTS = 24.0
#: Characters of 14 pt Thai text one unit of column width holds (widths count Calibri 11).
CHARS_PER_WIDTH = 0.9
#: Empty rows below each tool's items where an officer may add codes outside the framework.
SPARE_ROWS = 10

#: Rows of the agency sheet: (key, Thai label, help). Column A shows "label (key)".
AGENCY_FIELDS = (
    ("org_id", "รหัสหน่วยงาน", "อักษรอังกฤษ ตัวเลข - _ . เท่านั้น เช่น chaemae ต้องตรงกับ org_id"
     " ในไฟล์พารามิเตอร์ และใช้เป็นชื่อไฟล์รายงาน"),
    ("org_name", "ชื่อหน่วยงาน", "ชื่อเต็ม เช่น เทศบาลเมืองแฉะแม่"),
    ("short_name", "ชื่อย่อ", "ชื่อย่อที่ใช้ในข้อความวิเคราะห์ เช่น ทม.แฉะแม่"),
    ("org_type", "ประเภทหน่วยงาน", "ทน. ทม. ทต. อบต. อบจ. หรือประเภทอื่น"),
    ("district", "อำเภอ", "เขียนคำว่า อำเภอ ด้วย เช่น อำเภอเมืองอุบลราชธานี"),
    ("province", "จังหวัด", "ไม่ต้องเขียนคำว่า จังหวัด เช่น อุบลราชธานี"),
    ("fiscal_year", "ปีงบประมาณ พ.ศ.", "ปีของผลการประเมินในแม่แบบนี้ (แก้ไม่ได้: สร้างแม่แบบใหม่"
     "สำหรับปีอื่น)"),
)
ORG_TYPES = ("ทน.", "ทม.", "ทต.", "อบต.", "อบจ.")

_KEY_IN_LABEL = re.compile(r"\(([a-z_]+)\)\s*$")
_INPUT_FILL = "FFF7D6"  # pale yellow: the cells an officer fills in
_HEADER_FILL = "E7E6E6"


@dataclass(frozen=True)
class TemplateAgency:
    """What the agency sheet says (ข้อมูลหน่วยงาน); empty strings where a cell is blank."""

    org_id: str = ""
    org_name: str = ""
    short_name: str = ""
    org_type: str = ""
    district: str = ""
    province: str = ""
    fiscal_year: int | None = None


# -- writing ----------------------------------------------------------------------------------


def write_template(
    year: int, out: str | Path, agency: TemplateAgency | None = None, *, force: bool = False
) -> Path:
    """Write the score workbook of fiscal ``year`` to ``out`` (atomically) and return its path.

    ``agency`` pre-fills the agency sheet. An existing file is never replaced without
    ``force``: it may hold an officer's afternoon of typing.

    >>> import tempfile, pathlib
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

    from ita_report.report.office import office_font

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
    return workbook


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
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 80
    for row in range(1, len(AGENCY_FIELDS) + 2):
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
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    if title_rows:
        sheet.print_title_rows = title_rows


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


# -- reading ----------------------------------------------------------------------------------


def is_template(path: str | Path) -> bool:
    """True when ``path`` is a workbook laid out like this template (agency sheet + tool sheets)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # not a workbook at all: the ordinary loader says so properly
        return False
    try:
        # A template whose sheets are all hidden is not what the officer looks at.
        names = {
            str(s.title).strip().lower() for s in workbook.worksheets if s.sheet_state == "visible"
        }
    finally:
        workbook.close()
    has_agency = any(n.lower() in names for n in AGENCY_SHEET_NAMES)
    return has_agency and any(t.lower() in names for t in TOOL_SHEETS)


def read_agency(path: str | Path) -> TemplateAgency:
    """The agency sheet of a template, unchecked (``ita-report new`` pre-fills from it)."""
    import openpyxl

    from ita_report.scores import check_workbook_size

    check_workbook_size(Path(path))
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        found = _agency_cells(workbook)
    finally:
        workbook.close()
    def text(key: str) -> str:
        return found.get(key, ("", ""))[0]

    return TemplateAgency(
        org_id=_clean_org_id(text("org_id")),
        org_name=text("org_name"),
        short_name=text("short_name"),
        org_type=text("org_type"),
        district=text("district"),
        province=text("province"),
        fiscal_year=_year_of(text("fiscal_year")),
    )


def _sheet(workbook: Any, names: Iterable[str]) -> Any:
    wanted = {n.lower() for n in names}
    for name in workbook.sheetnames:
        if str(name).strip().lower() in wanted:
            return workbook[name]
    return None


def _ref(sheet_title: str) -> str:
    # A sheet name with spaces or punctuation is quoted in a cell reference, as Excel writes it.
    return f"'{sheet_title}'" if re.search(r"[\s!'\"(),;+\-&.]", sheet_title) else sheet_title


def _agency_cells(workbook: Any) -> dict[str, tuple[str, str]]:
    """key → (value text, cell reference) from the agency sheet."""
    sheet = _sheet(workbook, AGENCY_SHEET_NAMES)
    found: dict[str, tuple[str, str]] = {}
    if sheet is None:
        return found
    keys = {k for k, _, _ in AGENCY_FIELDS}
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=40, values_only=True), 1):
        if not row:
            continue
        label = _cell_text(row[0]).strip()
        match = _KEY_IN_LABEL.search(label)
        key = match.group(1) if match else label.lower()
        if key in keys and key not in found:
            value = _cell_text(row[1] if len(row) > 1 else None).strip()
            found[key] = (value, f"{_ref(str(sheet.title))}!B{number}")
    return found


def _year_of(text: str) -> int | None:
    from ita_report.thai import to_arabic_digits

    digits_only = to_arabic_digits(text).strip()
    return int(digits_only) if re.fullmatch(r"\d{4}", digits_only) else None


@dataclass(frozen=True)
class _ScoreCell:
    code: str
    score: float  # NaN: no data
    where: str
    raw: str


def read_template(
    path: str | Path, *, year: int | None = None, extra_codes: Iterable[str] = ()
) -> ScoreTable:
    """Read a filled template as a :class:`~ita_report.scores.ScoreTable` (layout "template").

    Every problem is collected and raised at once as an ``InputError`` naming the sheet and the
    cell (``IIT!D17``). A template with no score filled in at all is an error too: it is surely
    the blank one.
    """
    import openpyxl

    from ita_report.scores import _normalise_extra_codes, check_workbook_size

    file = Path(path)
    extras = _normalise_extra_codes(extra_codes)
    problems: list[Problem] = []
    check_workbook_size(file)
    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    try:
        agency = _agency_cells(workbook)
        org_id, org_name, template_year = _check_agency(file, agency, year, problems)
        if problems:
            raise InputError(problems)
        assert template_year is not None
        known = _framework_codes(template_year, file, where=agency["fiscal_year"][1])
        cells: list[_ScoreCell] = []
        for tool in TOOL_SHEETS:
            sheet = _sheet(workbook, (tool,))
            if sheet is None:
                continue  # a deleted tool sheet: the report says no score for that tool
            if sheet.sheet_state != "visible":
                problems.append(_hidden_sheet(file, sheet))
                continue
            rows = sheet_rows(workbook, sheet, file)
            cells.extend(_score_cells(file, sheet, rows, template_year, known, extras, problems))
    finally:
        workbook.close()
    cells = _deduplicate(file, cells, problems)
    if problems:
        raise InputError(problems)
    if not any(c.score == c.score for c in cells):  # NaN != NaN: every cell is blank
        raise InputError(
            file_problem(
                file,
                "ยังไม่ได้กรอกคะแนนเลยสักข้อ",
                "has no score filled in",
                where=f"IIT!{SCORE_COL}2",
                expected_th="คะแนน 0–100 ในคอลัมน์ D ของชีต IIT, EIT และ OIT",
                expected_en="scores 0–100 in column D of the IIT, EIT and OIT sheets",
            )
        )
    n = len(cells)
    frame = pd.DataFrame(
        {
            "org_id": pd.Series([org_id] * n, dtype=object),
            "org_name": pd.Series([org_name] * n, dtype=object),
            "fiscal_year": pd.Series([template_year] * n, dtype=np.int64),
            "code": pd.Series([c.code for c in cells], dtype=object),
            "score": pd.Series([c.score for c in cells], dtype=np.float64),
            "where": pd.Series([c.where for c in cells], dtype=object),
        },
        columns=list(COLUMNS),
    )
    return ScoreTable(path=file, frame=frame, extra_codes=extras, layout="template")


def _check_agency(
    file: Path,
    agency: dict[str, tuple[str, str]],
    year: int | None,
    problems: list[Problem],
) -> tuple[str, str, int | None]:
    def missing(key: str, th: str, en: str) -> None:
        problems.append(
            file_problem(
                file,
                f"ไม่มีแถว {th} ({key}) ในชีต {AGENCY_SHEET}",
                f"the {AGENCY_SHEET} sheet has no {key} row",
                where=f"{AGENCY_SHEET}!A1",
                expected_th=f"แถว \"{th} ({key})\" ตามแม่แบบ (สร้างใหม่ด้วย ita-report template)",
                expected_en=f"a row labelled '{th} ({key})' as in the template",
            )
        )

    if "org_id" not in agency:
        missing("org_id", "รหัสหน่วยงาน", "org_id")
        org_id = ""
    else:
        raw, where = agency["org_id"]
        org_id = _clean_org_id(raw)
        if not org_id or not is_safe_org_id(org_id):
            problems.append(
                file_problem(
                    file,
                    "ยังไม่ได้กรอกรหัสหน่วยงาน" if not org_id else "รหัสหน่วยงานใช้ตัวอักษรที่ไม่ได้",
                    "org_id is empty" if not org_id else "org_id has characters it may not use",
                    where=where,
                    column="org_id",
                    value=raw if org_id else None,
                    expected_th="อักษรอังกฤษ ตัวเลข - _ . เช่น chaemae (ตรงกับ org_id ในไฟล์พารามิเตอร์)",
                    expected_en="ASCII letters, digits, - _ . such as chaemae (the params' org_id)",
                )
            )
    org_name = agency.get("org_name", ("", ""))[0]
    if "fiscal_year" not in agency:
        missing("fiscal_year", "ปีงบประมาณ พ.ศ.", "fiscal year")
        return org_id, org_name, None
    raw_year, where = agency["fiscal_year"]
    template_year = _year_of(raw_year)
    if template_year is None:
        problems.append(
            file_problem(
                file,
                "ไม่ใช่ปีงบประมาณ",
                "is not a fiscal year",
                where=where,
                column="fiscal_year",
                value=raw_year,
                expected_th="ปี พ.ศ. สี่หลัก เช่น 2566",
                expected_en="a four-digit Buddhist Era year such as 2566",
            )
        )
    elif year is not None and template_year != year:
        problems.append(
            file_problem(
                file,
                f"แม่แบบนี้เป็นคะแนนปีงบประมาณ {template_year} ไม่ใช่ปี {year}",
                f"this template holds FY{template_year} scores, not FY{year}",
                where=where,
                column="fiscal_year",
                value=raw_year,
                expected_th=f"แม่แบบของปี {year} (ita-report template --year {year})"
                " หรือแก้ fiscal_year ในไฟล์พารามิเตอร์",
                expected_en=f"a FY{year} template (ita-report template --year {year})"
                " or the params' fiscal_year corrected",
            )
        )
    return org_id, org_name, template_year


def _columns(rows: list[tuple[Any, ...]]) -> tuple[int, int, int]:
    """(header row index, code column, score column), found by the bracketed keys."""
    for at, row in enumerate(rows[:5]):
        keys = {}
        for col, value in enumerate(row):
            match = _KEY_IN_LABEL.search(_cell_text(value).strip().lower())
            if match:
                keys[match.group(1)] = col
        if "code" in keys and "score" in keys:
            return at, keys["code"], keys["score"]
    return 0, 0, 3


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col + 1))


def _hidden_sheet(file: Path, sheet: Any) -> Problem:
    return file_problem(
        file,
        f"ชีต {sheet.title} ถูกซ่อนไว้ จึงไม่อ่านคะแนนในชีตนี้ (อาจเป็นคะแนนเก่าที่ไม่ได้ตั้งใจใช้)",
        f"sheet {sheet.title} is hidden, so its scores are not read (they may be stale ones)",
        where=f"sheet {sheet.title}",
        expected_th="ยกเลิกการซ่อนชีต (คลิกขวาที่แท็บชีต ▸ ยกเลิกการซ่อน) ตรวจคะแนน แล้วบันทึก",
        expected_en="the sheet unhidden (right-click a sheet tab ▸ Unhide), checked and saved",
    )


def _score_cells(
    file: Path,
    sheet: Any,
    rows: list[tuple[Any, ...]],
    year: int,
    known: frozenset[str],
    extras: frozenset[str],
    problems: list[Problem],
) -> Iterator[_ScoreCell]:
    title = _ref(str(sheet.title))
    header_at, code_col, score_col = _columns(rows)
    code_header = _cell_text(rows[header_at][code_col]) if rows else "code"
    score_header = _cell_text(rows[header_at][score_col]) if rows else "score"
    for at in range(header_at + 1, len(rows)):
        row = rows[at]
        number = at + 1
        raw_code = _cell_text(row[code_col] if len(row) > code_col else None).strip()
        cell = row[score_col] if len(row) > score_col else None
        raw_score = _cell_text(cell)
        code_where = f"{title}!{_letter(code_col)}{number}"
        score_where = f"{title}!{_letter(score_col)}{number}"
        if isinstance(cell, Uncached):
            problems.append(
                file_problem(
                    file,
                    "คะแนนเป็นสูตรที่ไม่มีผลลัพธ์บันทึกไว้ในไฟล์ จึงไม่รู้ค่า",
                    "the score is a formula whose result was never saved in the file, so its"
                    " value is unknown",
                    where=score_where,
                    column=_cell_text(rows[header_at][score_col]) if rows else "score",
                    value=f"={cell.formula}",
                    expected_th="เปิดไฟล์ใน Excel แล้วบันทึกอีกครั้ง (Excel จะคำนวณและบันทึกผลลัพธ์)"
                    " หรือพิมพ์ตัวเลขแทนสูตร",
                    expected_en="the file opened in Excel and saved again (it computes and saves"
                    " the result), or the number typed instead of the formula",
                )
            )
            continue
        value, status = _parse_score(raw_score)
        if not raw_code:
            if status != _BLANK:
                problems.append(
                    file_problem(
                        file,
                        "มีคะแนนแต่ไม่มีรหัสข้อ",
                        "has a score but no item code",
                        where=code_where,
                        column=code_header,
                        expected_th="รหัสข้อ เช่น i37 ในคอลัมน์ A ของแถวเดียวกัน",
                        expected_en="an item code such as i37 in column A of the same row",
                    )
                )
            continue
        code = normalize_code(raw_code)
        if code is None:
            problems.append(
                file_problem(
                    file,
                    "ไม่ใช่รหัสข้อคำถาม",
                    "is not an item code",
                    where=code_where,
                    column=code_header,
                    value=raw_code,
                    expected_th="รหัสข้อ เช่น i14, e1, o17",
                    expected_en="a code such as i14, e1, o17",
                )
            )
            continue
        if code not in known and code not in extras:
            if status == _BLANK:
                continue  # a typed code with no score says nothing
            close = _suggestions(code, known)
            problems.append(
                file_problem(
                    file,
                    f"ไม่มีข้อ {code} ในกรอบการประเมินปีงบประมาณ {year}",
                    f"code {code} is not in the FY{year} framework",
                    where=code_where,
                    column=code_header,
                    value=raw_code,
                    expected_th=(f"ข้อที่ใกล้เคียง: {', '.join(close)} หรือ" if close else "")
                    + f" เพิ่ม {code} ใน extra_codes ของไฟล์พารามิเตอร์",
                    expected_en=(f"one of {', '.join(close)}, or" if close else "")
                    + f" {code} declared in the params' extra_codes",
                )
            )
            continue
        if status not in (_OK, _BLANK):
            why_th, why_en = {
                _OUT_OF_RANGE: ("คะแนนอยู่นอกช่วง 0–100", "score is outside 0–100"),
                _SPACED: (
                    "มีช่องว่างคั่นกลางตัวเลข จึงไม่รู้ว่าตั้งใจเขียนค่าใด",
                    "score has a space inside the number, so which number was meant is unclear",
                ),
            }.get(status, ("คะแนนไม่ใช่ตัวเลข", "score is not a number"))
            problems.append(
                file_problem(
                    file,
                    f"ข้อ {code}: {why_th}",
                    f"item {code}: {why_en}",
                    where=score_where,
                    column=score_header,
                    value=raw_score.strip(),
                    expected_th="ตัวเลข 0 ถึง 100 หรือเว้นว่างถ้าไม่มีข้อมูล",
                    expected_en="a number from 0 to 100, or an empty cell for no data",
                )
            )
            continue
        yield _ScoreCell(code, value, score_where, raw_score.strip())


def _deduplicate(file: Path, cells: list[_ScoreCell], problems: list[Problem]) -> list[_ScoreCell]:
    first: dict[str, _ScoreCell] = {}
    kept: list[_ScoreCell] = []
    for cell in cells:
        seen = first.get(cell.code)
        if seen is None:
            first[cell.code] = cell
            kept.append(cell)
            continue
        same = seen.score == cell.score or (seen.score != seen.score and cell.score != cell.score)
        if not same:
            problems.append(
                file_problem(
                    file,
                    f"ข้อ {cell.code} มีคะแนนสองค่าไม่ตรงกัน: {seen.raw or '(ว่าง)'} ที่ {seen.where}"
                    f" และ {cell.raw or '(ว่าง)'} ที่ {cell.where}",
                    f"item {cell.code} has two different scores: {seen.raw or '(blank)'} at"
                    f" {seen.where} and {cell.raw or '(blank)'} at {cell.where}",
                    where=cell.where,
                    expected_th="คะแนนเดียวต่อข้อ (ลบแถวที่ผิดออก)",
                    expected_en="one score per item (delete the wrong row)",
                )
            )
    return kept
