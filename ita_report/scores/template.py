"""The officers' score workbook (แม่แบบกรอกคะแนน) read back as scores: its layout, its agency sheet
and its tool sheets.

An empty score cell is no data, never zero, and every wrong value is named by sheet and cell.
Writing the workbook is :mod:`ita_report.officer.template`'s; nothing here writes a file.
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
from ita_report.params import ReportParams, is_safe_org_id

# The same cell rules as every other score file: one reading of "84.77", "๘๔.๗๗" and "-".
from ita_report.scores.cells import (
    BLANK,
    OUT_OF_RANGE,
    SCORE_OK,
    SPACED,
    Uncached,
    cell_text,
    clean_org_id,
    framework_codes,
    normalise_extra_codes,
    parse_score,
    suggestions,
    variant_hint,
)
from ita_report.scores.official import (
    OFFICIAL_FIELDS,
    OfficialResults,
    official_from_mapping,
    read_official_cells,
)
from ita_report.scores.table import COLUMNS, ScoreTable
from ita_report.scores.workbook import open_workbook, sheet_rows

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

_KEY_IN_LABEL = re.compile(r"\(([a-z_]+)\)\s*$")


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



def is_template(path: str | Path) -> bool:
    """True when ``path`` is a workbook laid out like this template (agency sheet + tool sheets)."""
    try:
        workbook = open_workbook(Path(path), data_only=False)
    except InputError:
        raise  # too big to open: said, not taken for "not a template"
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
    workbook = open_workbook(Path(path))
    try:
        found = _agency_cells(workbook)
    finally:
        workbook.close()
    def text(key: str) -> str:
        return found.get(key, ("", ""))[0]

    return TemplateAgency(
        org_id=clean_org_id(text("org_id")),
        org_name=text("org_name"),
        short_name=text("short_name"),
        org_type=text("org_type"),
        district=text("district"),
        province=text("province"),
        fiscal_year=_year_of(text("fiscal_year")),
    )


def read_official(path: str | Path) -> OfficialResults | None:
    """The official result (ผลการประเมินตามประกาศ) the agency sheet holds, or ``None`` when its
    official rows are blank or absent (a template written before they existed)."""
    workbook = open_workbook(Path(path))
    try:
        found = _agency_cells(workbook)
    finally:
        workbook.close()
    return read_official_cells(Path(path), found)


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
    keys = {k for k, _, _ in AGENCY_FIELDS} | {k for k, _, _ in OFFICIAL_FIELDS}
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=40, values_only=True), 1):
        if not row:
            continue
        label = cell_text(row[0]).strip()
        match = _KEY_IN_LABEL.search(label)
        key = match.group(1) if match else label.lower()
        if key in keys and key not in found:
            value = cell_text(row[1] if len(row) > 1 else None).strip()
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
    text: str = ""  # the wording column's text beside it


def read_template(
    path: str | Path, *, year: int | None = None, extra_codes: Iterable[str] = ()
) -> ScoreTable:
    """Read a filled template as a :class:`~ita_report.scores.ScoreTable` (layout "template").

    Every problem is collected and raised at once as an ``InputError`` naming the sheet and the
    cell (``IIT!D17``). A template with no score filled in at all is an error too: it is surely
    the blank one.
    """
    file = Path(path)
    extras = normalise_extra_codes(extra_codes)
    problems: list[Problem] = []
    workbook = open_workbook(file)
    try:
        agency = _agency_cells(workbook)
        org_id, org_name, template_year = _check_agency(file, agency, year, problems)
        if problems:
            raise InputError(problems)
        assert template_year is not None
        known = framework_codes(template_year, file, where=agency["fiscal_year"][1])
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
    return ScoreTable(path=file, frame=frame, extra_codes=extras, layout="template",
                      item_texts=_own_wording(cells, template_year))


def _own_wording(cells: list[_ScoreCell], year: int) -> dict[str, str]:
    """The wording the tool sheets give where it is not the framework's (the agency's own, as
    ``ita-report import`` writes it from the ITAS page): the document shows it, as it shows
    params' ``item_texts``."""
    from ita_report.framework import load_framework

    framework = load_framework(year)
    own: dict[str, str] = {}
    for cell in cells:
        text = " ".join(cell.text.split())
        if text and text != framework.item_label(cell.code) and framework.item(cell.code):
            own[cell.code] = text
    return own


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
        org_id = clean_org_id(raw)
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
            match = _KEY_IN_LABEL.search(cell_text(value).strip().lower())
            if match:
                keys[match.group(1)] = col
        if "code" in keys and "score" in keys:
            return at, keys["code"], keys["score"]
    return 0, 0, 3


def _wording_column(header: tuple[Any, ...]) -> int | None:
    for col, value in enumerate(header):
        match = _KEY_IN_LABEL.search(cell_text(value).strip().lower())
        if match and match.group(1) == "wording":
            return col
    return None


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
    text_col = _wording_column(rows[header_at] if rows else ())
    code_header = cell_text(rows[header_at][code_col]) if rows else "code"
    score_header = cell_text(rows[header_at][score_col]) if rows else "score"
    for at in range(header_at + 1, len(rows)):
        row = rows[at]
        number = at + 1
        raw_code = cell_text(row[code_col] if len(row) > code_col else None).strip()
        cell = row[score_col] if len(row) > score_col else None
        raw_score = cell_text(cell)
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
                    column=cell_text(rows[header_at][score_col]) if rows else "score",
                    value=f"={cell.formula}",
                    expected_th="เปิดไฟล์ใน Excel แล้วบันทึกอีกครั้ง (Excel จะคำนวณและบันทึกผลลัพธ์)"
                    " หรือพิมพ์ตัวเลขแทนสูตร",
                    expected_en="the file opened in Excel and saved again (it computes and saves"
                    " the result), or the number typed instead of the formula",
                )
            )
            continue
        value, status = parse_score(raw_score)
        if not raw_code:
            if status != BLANK:
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
            if status == BLANK:
                continue  # a typed code with no score says nothing
            close = suggestions(code, known)
            problems.append(
                file_problem(
                    file,
                    f"ไม่มีข้อ {code} ในกรอบการประเมินปีงบประมาณ {year}",
                    f"code {code} is not in the FY{year} framework",
                    where=code_where,
                    column=code_header,
                    value=raw_code,
                    expected_th=(f"ข้อที่ใกล้เคียง: {', '.join(close)} หรือ" if close else "")
                    + f" เพิ่ม {code} ใน extra_codes ของไฟล์พารามิเตอร์"
                    + variant_hint(year, code)[0],
                    expected_en=(f"one of {', '.join(close)}, or" if close else "")
                    + f" {code} declared in the params' extra_codes"
                    + variant_hint(year, code)[1],
                )
            )
            continue
        if status not in (SCORE_OK, BLANK):
            why_th, why_en = {
                OUT_OF_RANGE: ("คะแนนอยู่นอกช่วง 0–100", "score is outside 0–100"),
                SPACED: (
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
        text = cell_text(row[text_col]) if text_col is not None and len(row) > text_col else ""
        yield _ScoreCell(code, value, score_where, raw_score.strip(), text)


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


def official_results_of(params: ReportParams) -> OfficialResults | None:
    """The official result an agency's params give: ``official_results:`` and, for a score file
    that is the officers' template, its agency sheet's official rows (the params win where both
    give a figure). ``None`` when neither gives any."""
    given = params.official_results
    from_params = (
        official_from_mapping(given.model_dump(), source=params.source)
        if given is not None else None
    )
    path = params.scores_path
    from_sheet = (
        read_official(path)
        if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file() and is_template(path)
        else None
    )
    if from_params is None or from_params.empty:
        return from_sheet if from_sheet is not None and not from_sheet.empty else None
    return from_params.merged_over(from_sheet)
