"""The progress sheet (ติดตามผลการดำเนินงาน): each step of the measures, with columns to fill.

Written into the measures workbook (and alone by ``ita-report progress``) from the same
:class:`~ita_report.report.MeasuresDocument`, marked (hidden) with the agency and year it is for;
read back for the implementation report. A sheet whose rows no longer match the measures (a theme
edited since), or marked for another agency or year, is refused, naming the rows. Nothing here
renders the implementation report.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_report.errors import InputError, Problem, file_problem
from ita_report.officer.progress_cells import normal_text, read_date
from ita_report.report.office import keep_as_text, print_landscape
from ita_report.scores.workbook import open_workbook
from ita_report.text import control_character, from_excel_text, line_breaks_as_newlines
from ita_report.thai import digits

if TYPE_CHECKING:
    from ita_report.report import MeasuresDocument

PROGRESS_SHEET = "ติดตามผลการดำเนินงาน"
#: The three statuses of a step (สถานะ), the drop-down's choices.
DONE, IN_PROGRESS, NOT_STARTED = "ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ"
#: The statuses an officer chooses in the sheet (its drop-down).
STATUSES = (DONE, IN_PROGRESS, NOT_STARTED)
#: A step whose status cell is empty: nothing is known of it yet, which is not "not started"
#: (a report saying "ยังไม่ดำเนินการ" of every step of an unfilled sheet would be published wrong).
NOT_REPORTED = "ยังไม่ได้รายงานผล"
#: Every status a step can have once read, in the order reports count them.
REPORT_STATUSES = (*STATUSES, NOT_REPORTED)
#: Columns: two keys the program reads (hidden), what the measures say, what the officer fills.
KEY_COLUMNS = ("รหัสประเด็น", "ขั้นที่")
GIVEN_COLUMNS = ("ประเด็น", "มาตรการ", "ขั้นตอน/วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "ส่วนงานที่รับผิดชอบ")
FILLED_COLUMNS = ("ผลการดำเนินงาน", "สถานะ", "วันที่ดำเนินการ", "หลักฐาน/ลิงก์", "ปัญหาอุปสรรค",
                  "ข้อเสนอแนะ")
COLUMNS = (*KEY_COLUMNS, *GIVEN_COLUMNS, *FILLED_COLUMNS)
#: Hidden columns after the table, on every row: the agency and the results year the sheet was
#: written for. Many agencies share identical steps, so the rows alone cannot tell whose sheet
#: it is; on every row, so sorting or copying rows keeps each row's own mark.
MARK_COLUMNS = ("รหัสหน่วยงาน", "ปีงบประมาณของผลการประเมิน")
#: Rows filled in an earlier workbook of the same measures that no longer match a step (a theme
#: edited since): kept here by ``run --formats xlsx`` rather than lost (officer.progress_carry).
KEPT_SHEET = "ผลเดิมที่ไม่ตรงกับมาตรการ"
# Eleven visible columns on one A4 landscape page: at most about 220 units wide, so the sheet
# prints at about two thirds of its size (14 pt text as 9 pt) instead of under half (6 pt,
# issue 24: "the follow-up sheet prints tiny"); the row heights follow the widths.
_WIDTHS = (14, 6, 18, 28, 34, 12, 16, 30, 14, 12, 20, 18, 18)
_STATUS_COL = COLUMNS.index("สถานะ") + 1
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
#: Bounds on what one sheet may hold (a measures document has a few dozen steps).
MAX_ROWS = 2_000
MAX_TEXT = 2_000
#: The most a progress workbook may unpack to: a measures workbook of a hundred themes unpacks
#: to under 1 MB; a small "zip bomb" of millions of cells unpacks to hundreds.
MAX_UNPACKED = 20_000_000


@dataclass(frozen=True)
class ProgressStep:
    """One step of one theme's measure and what became of it (ผลการดำเนินงานรายขั้นตอน)."""

    theme_id: str
    step: int  # 1-based, as numbered in the measures table
    theme_th: str
    measure_th: str
    step_th: str
    quarter_th: str
    unit_th: str
    result_th: str = ""
    status: str = NOT_REPORTED
    done_on: _dt.date | None = None
    evidence: str = ""
    obstacles_th: str = ""
    suggestion_th: str = ""


def progress_steps(doc: MeasuresDocument) -> list[ProgressStep]:
    """Every step of every row of ``doc``, in table order, nothing filled in yet."""
    steps = []
    for row in doc.rows:
        theme = f"{digits(str(row.number), thai=doc.thai)}. {row.title_th}"
        for n, step in enumerate(row.steps_th, 1):
            steps.append(ProgressStep(row.theme_id, n, theme, row.measure_th, step,
                                      row.quarter_th, row.unit_th))
    return steps


def fit_progress_rows(sheet: Any) -> None:
    """Every row of the progress sheet as tall as its wrapped text, lines and all, the steps
    given and what an officer filled in (carried over): a guess of 24 pt a line (Sarabun's
    14 pt line is 26) that took each text for one line cut the longer steps."""
    from ita_report.report.office import fit_row_heights, office_font

    fit_row_heights(sheet, _WIDTHS, office_font().name, 14)


def add_progress_sheet(workbook: Any, doc: MeasuresDocument) -> Any:
    """Add the progress sheet to an openpyxl ``workbook``: one row per step, the status as a
    drop-down, the key columns hidden, printed A4 landscape one page wide."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ita_report.report.office import office_font

    sheet = workbook.create_sheet(PROGRESS_SHEET)
    name = office_font().name
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(list(COLUMNS))
    fill = PatternFill("solid", fgColor="FFF2CC")
    for cell in sheet[1]:
        cell.font = Font(name=name, size=14, bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    steps = progress_steps(doc)
    for s in steps:
        sheet.append([s.theme_id, s.step, s.theme_th, s.measure_th, s.step_th, s.quarter_th,
                      s.unit_th, None, None, None, None, None, None])
    body = Font(name=name, size=14)
    top = Alignment(vertical="top", wrap_text=True)
    for row in sheet.iter_rows():
        if row[0].row == 1:  # the header: styled above, as tall as its wrapped names
            continue
        for cell in row:
            cell.font, cell.alignment, cell.border = body, top, border
            if cell.column > len(KEY_COLUMNS) + len(GIVEN_COLUMNS):
                cell.fill = fill  # the cells to fill, yellow as in the score template
    fit_progress_rows(sheet)
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column in range(1, len(KEY_COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(column)].hidden = True
    if steps:
        status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"',
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="สถานะไม่ถูกต้อง",
                                error="เลือก " + " / ".join(STATUSES))
        letter = get_column_letter(_STATUS_COL)
        status.add(f"{letter}2:{letter}{len(steps) + 1}")
        sheet.add_data_validation(status)
    sheet.freeze_panes = "C2"
    print_landscape(sheet, title_rows="1:1")
    sheet.page_margins.left = sheet.page_margins.right = 0.4  # inches: room for the columns
    _mark(sheet, doc, len(steps))
    return sheet


def _mark(sheet: Any, doc: MeasuresDocument, steps: int) -> None:
    """Write (hidden) whose sheet this is, after the table, on the header and every step's row."""
    from openpyxl.utils import get_column_letter

    first = len(COLUMNS) + 1
    for offset, name in enumerate(MARK_COLUMNS):
        sheet.cell(row=1, column=first + offset, value=name)
        sheet.column_dimensions[get_column_letter(first + offset)].hidden = True
    for row in range(2, steps + 2):
        sheet.cell(row=row, column=first, value=doc.params.org_id)
        sheet.cell(row=row, column=first + 1, value=doc.params.fiscal_year)


def progress_bytes(doc: MeasuresDocument) -> bytes:
    """A workbook holding only the progress sheet (``ita-report progress``)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    add_progress_sheet(workbook, doc)
    workbook.properties.title = f"ติดตามผลการดำเนินงาน {doc.title}"
    keep_as_text(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_progress(doc: MeasuresDocument, path: str | Path) -> Path:
    """Write the progress workbook of ``doc`` to ``path`` atomically."""
    from ita_report.iorw import atomic_write_bytes

    atomic_write_bytes(path, progress_bytes(doc))
    return Path(path)


# -- reading it back --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressSheet:
    """The steps read from a progress sheet, and what the officer preparing the report should
    know about the file (shown on screen, never printed)."""

    steps: tuple[ProgressStep, ...]
    notes: tuple[str, ...] = ()


def read_progress(path: str | Path, doc: MeasuresDocument) -> list[ProgressStep]:
    """The filled progress sheet of ``doc``'s measures, checked cell by cell
    (:func:`read_progress_sheet` without its notes)."""
    return list(read_progress_sheet(path, doc).steps)


def read_progress_sheet(path: str | Path, doc: MeasuresDocument) -> ProgressSheet:
    """The filled progress sheet of ``doc``'s measures, checked cell by cell.

    A wrong status, a date that is not a date or falls outside the year the measures were
    carried out in, evidence that is not a link, rows that no longer match the measures (an
    edited theme), or a sheet marked for another agency or year, are an ``InputError`` naming
    sheet and cell (the sheet's own row numbers).
    """
    file = Path(path)
    rows, kept = progress_rows(file)
    problems: list[Problem] = []
    header = [str(v or "").strip() for v in (rows[0] if rows else ())]
    if tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise InputError(file_problem(file, "หัวตารางของชีตไม่ใช่หัวตารางที่โปรแกรมเขียนไว้",
                                      "the sheet's header row is not the one written",
                                      where=f"{PROGRESS_SHEET}!A1", value=" | ".join(header[:6]),
                                      expected_th=" | ".join(COLUMNS[:6]) + " …",
                                      expected_en=" | ".join(COLUMNS[:6]) + " …"))
    expected = progress_steps(doc)
    # The sheet's own row numbers, kept with each row: a message names the cell the officer
    # sees, whatever blank rows were inserted above it.
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(v not in (None, "") for v in r)]
    if len(body) > MAX_ROWS:
        raise InputError(file_problem(file, f"มีแถวมากเกิน {MAX_ROWS:,} แถว",
                                      f"more than {MAX_ROWS:,} rows", where=PROGRESS_SHEET))
    notes = _check_marks(file, header, body, doc)
    out: list[ProgressStep] = []
    mismatched: list[str] = []
    for index, (n, values) in enumerate(body):
        cells = list(values) + [None] * (len(COLUMNS) - len(values))
        theme_id, step_no = str(cells[0] or "").strip(), _int(cells[1])
        want = expected[index] if index < len(expected) else None
        if want is None or (theme_id, step_no) != (want.theme_id, want.step) or (
            step_key(str(cells[4] or "")) != step_key(want.step_th)
        ):
            mismatched.append(f"แถว {n} (row {n}): {theme_id} {step_no or ''}".strip())
            continue
        out.append(_filled(file, n, cells, want, doc.params.fiscal_year + 1, problems))
    if len(body) < len(expected):
        for missing in expected[len(body):]:
            mismatched.append(f"{missing.theme_id} ขั้นที่ {missing.step} (step {missing.step}):"
                              " ไม่มีในชีต (missing)")
    if mismatched:
        shown = "; ".join(mismatched[:10]) + (" …" if len(mismatched) > 10 else "")
        problems.insert(0, file_problem(
            file,
            "แถวในชีตไม่ตรงกับมาตรการในไฟล์พารามิเตอร์ (มีการแก้ประเด็นหรือขั้นตอนหลังเขียนชีตนี้)"
            " ให้สร้างชีตใหม่ด้วย ita-report progress แล้วคัดลอกผลที่กรอกไว้",
            "the sheet's rows no longer match the measures in the params (a theme or step was"
            " edited since); write a new sheet with ita-report progress and copy the results over",
            where=PROGRESS_SHEET, value=shown))
    if problems:
        raise InputError(problems)
    if kept:
        notes.append(f"ไฟล์ติดตามผลมีผลที่กรอกไว้เดิม {digits(str(kept), thai=doc.thai)} แถว"
                     f" ในชีต {KEPT_SHEET} ซึ่งไม่ตรงกับขั้นตอนของมาตรการปัจจุบัน (แก้ประเด็นหลังกรอก)"
                     " รายงานนี้ไม่ได้นับแถวเหล่านั้น ให้คัดลอกผลที่ยังใช้ได้มาไว้ในชีต"
                     f" {PROGRESS_SHEET} แล้วสร้างรายงานใหม่")
    return ProgressSheet(tuple(out), tuple(notes))


def progress_rows(file: Path) -> tuple[list[tuple[Any, ...]], int]:
    """The progress sheet's rows (every row from the first, blank ones too, as wide as the
    table and its marks) and how many rows the kept sheet holds; the workbook bounded first."""
    if not file.is_file():
        raise InputError(file_problem(
            file, "ไม่พบไฟล์ติดตามผลการดำเนินงาน", "progress file not found",
            expected_th="ไฟล์ .xlsx จาก ita-report progress หรือ run --formats xlsx",
            expected_en="an .xlsx from ita-report progress or run --formats xlsx"))
    try:
        workbook = open_workbook(file, max_unpacked=MAX_UNPACKED)
    except InputError:
        raise
    except Exception:  # not a workbook at all: said as such, whatever openpyxl raised
        raise InputError(file_problem(file, "ไม่ใช่ไฟล์ Excel (.xlsx)",
                                      "is not an Excel workbook (.xlsx)")) from None
    width = len(COLUMNS) + len(MARK_COLUMNS)
    try:
        if PROGRESS_SHEET not in workbook.sheetnames:
            raise InputError(file_problem(
                file, f"ไม่มีชีต {PROGRESS_SHEET}", f"has no sheet named {PROGRESS_SHEET}",
                value=", ".join(workbook.sheetnames), expected_th=PROGRESS_SHEET,
                expected_en=PROGRESS_SHEET))
        rows = list(workbook[PROGRESS_SHEET].iter_rows(values_only=True, max_row=MAX_ROWS + 2,
                                                       max_col=width))
        kept = 0
        if KEPT_SHEET in workbook.sheetnames:
            kept = sum(1 for r in workbook[KEPT_SHEET].iter_rows(
                min_row=3, max_row=MAX_ROWS + 3, max_col=width, values_only=True)
                if any(v not in (None, "") for v in r))
    finally:
        workbook.close()
    return rows, kept


def _check_marks(file: Path, header: list[str], body: list[tuple[int, tuple[Any, ...]]],
                 doc: MeasuresDocument) -> list[str]:
    """Refuse a sheet marked for another agency or year; a sheet without marks (written before
    they were) is read, with a note for the officer preparing the report."""
    from openpyxl.utils import get_column_letter

    first = len(COLUMNS)
    org, year = doc.params.org_id, doc.params.fiscal_year
    if tuple(header[first:first + len(MARK_COLUMNS)]) != MARK_COLUMNS:
        # Refusing it would throw away a year of filled work written by an earlier version;
        # the rows must still match these measures step by step, and the preparer is told.
        return [f"ชีตติดตามผลนี้เขียนด้วย ita-report รุ่นก่อน จึงไม่ได้ระบุว่าเป็นของหน่วยงานใดและปีใด"
                f" โปรแกรมตรวจได้เพียงว่าขั้นตอนตรงกัน ให้ตรวจว่าเป็นผลของ {doc.params.org_name}"
                f" ตามมาตรการปี {digits(str(year), thai=doc.thai)} จริง"
                " (สร้างไฟล์ใหม่ด้วย run --formats xlsx ไปยังไฟล์เดิม ผลที่กรอกไว้จะคัดลอกไปพร้อมเครื่องหมายนี้)"]
    wrong: list[str] = []
    for n, values in body:
        said = [*values[first:first + 2], None, None]
        their_org, their_year = str(said[0] or "").strip(), _int(said[1])
        if said[0] in (None, "") and said[1] in (None, ""):
            continue  # a row the officer added; it is checked against the steps anyway
        if (their_org, their_year) != (org, year):
            wrong.append(f"{get_column_letter(first + 1)}{n}:{get_column_letter(first + 2)}{n}:"
                         f" {their_org} {said[1]}")
    if wrong:
        raise InputError(file_problem(
            file,
            f"ชีตนี้เป็นของหน่วยงานหรือปีอื่น ไม่ใช่ของ {org} ปี {year} ตามไฟล์พารามิเตอร์"
            " (หลายหน่วยงานมีขั้นตอนเหมือนกัน จึงดูจากขั้นตอนไม่ได้)",
            f"this sheet is another agency's or year's, not {org}'s for {year} as the params say"
            " (many agencies share the same steps)",
            where=PROGRESS_SHEET, column=" / ".join(MARK_COLUMNS),
            value="; ".join(wrong[:5]) + (" …" if len(wrong) > 5 else ""),
            expected_th=f"ชีตติดตามผลของ {org} ปี {year} (progress_file ของหน่วยงานนี้)",
            expected_en=f"the progress sheet of {org} for {year} (this agency's progress_file)"))
    return []


def _int(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _filled(file: Path, row: int, cells: list[object], want: ProgressStep, year: int,
            problems: list[Problem]) -> ProgressStep:
    from openpyxl.utils import get_column_letter

    def where(column: str) -> str:
        return f"{PROGRESS_SHEET}!{get_column_letter(COLUMNS.index(column) + 1)}{row}"

    def text(column: str) -> str:
        value = cells[COLUMNS.index(column)]
        said = "" if value is None else line_breaks_as_newlines(from_excel_text(str(value))).strip()
        char = control_character(said)  # Word and Excel cannot save it (issue 21)
        if char is not None:
            problems.append(file_problem(file, f"มีอักขระควบคุมที่มองไม่เห็น ({char})",
                                         f"holds an invisible control character ({char})",
                                         where=where(column), column=column, value=char))
        if len(said) > MAX_TEXT:
            problems.append(file_problem(file, f"ข้อความยาวเกิน {MAX_TEXT:,} ตัวอักษร",
                                         f"text longer than {MAX_TEXT:,} characters",
                                         where=where(column), column=column))
            return said[:MAX_TEXT]
        return said

    result, evidence = text("ผลการดำเนินงาน"), text("หลักฐาน/ลิงก์")
    obstacles, suggestion = text("ปัญหาอุปสรรค"), text("ข้อเสนอแนะ")
    # Typed or pasted: a zero-width space or a sara am in two parts looks like a valid status.
    status = " ".join(normal_text(text("สถานะ")).split())
    if not status:
        if result or evidence or cells[COLUMNS.index("วันที่ดำเนินการ")] not in (None, ""):
            problems.append(file_problem(file, "มีผลการดำเนินงาน วันที่ หรือหลักฐานแต่ไม่ได้เลือกสถานะ",
                                         "a result, date or evidence is given but no status",
                                         where=where("สถานะ"),
                                         column="สถานะ", expected_th=" / ".join(STATUSES),
                                         expected_en=" / ".join(STATUSES)))
        status = NOT_REPORTED
    elif status not in STATUSES:
        problems.append(file_problem(file, "สถานะไม่ถูกต้อง", "unknown status", where=where("สถานะ"),
                                     column="สถานะ", value=status,
                                     expected_th=" / ".join(STATUSES),
                                     expected_en=" / ".join(STATUSES)))
    if evidence and not all(_URL.match(part) for part in evidence.split()):
        problems.append(file_problem(file, "หลักฐานต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://",
                                     "evidence must be links starting with http:// or https://",
                                     where=where("หลักฐาน/ลิงก์"), column="หลักฐาน/ลิงก์",
                                     value=evidence[:80], expected_th="เช่น https://www.example.go.th/ita/o33.pdf",
                                     expected_en="e.g. https://www.example.go.th/ita/o33.pdf"))
    day = read_date(file, where("วันที่ดำเนินการ"), cells[COLUMNS.index("วันที่ดำเนินการ")], year,
                    problems)
    return ProgressStep(want.theme_id, want.step, want.theme_th, want.measure_th, want.step_th,
                        want.quarter_th, want.unit_th, result, status, day, evidence,
                        obstacles, suggestion)


_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def step_key(text: str) -> str:
    """A step's wording as compared with the params: spacing, Thai or Arabic digits and the case
    of item codes (o17 / O๑๗) are how it is written, not what it says, so a sheet filled before
    such a change (a new version, ``thai_digits`` switched) still matches."""
    return " ".join(normal_text(text).split()).translate(_ARABIC_DIGITS).casefold()


def status_counts(steps: list[ProgressStep]) -> Counter[str]:
    """How many steps are in each status."""
    return Counter(s.status for s in steps)
