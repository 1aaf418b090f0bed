"""Score files as tables (CSV or XLSX, long or wide): the cells as text, the header found below any
title rows, and each column's role.

A file that is not a table says what it is instead (a folder, a PDF, an old .xls, a ragged
CSV); nothing here checks a score, :mod:`ita_report.scores.checks` does.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from ita_report.codes import normalize_code
from ita_report.errors import InputError, Problem, file_problem
from ita_report.scores.cells import (
    INVISIBLE,
    Uncached,
    cell_text,
    column_letter,
    factorize,
)
from ita_report.scores.workbook import open_workbook, sheet_rows

#: Header spellings (compared without case, spaces, "_" or "-") for each known column.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "org_id": ("org_id", "รหัสหน่วยงาน"),
    "org_name": ("org_name", "ชื่อหน่วยงาน"),
    "fiscal_year": ("fiscal_year", "year", "ปีงบประมาณ", "ปีงบประมาณ พ.ศ."),
    "code": ("code", "ข้อ", "รหัสข้อ"),
    "score": ("score", "คะแนน"),
}

_ROLE_TH = {
    "org_id": "รหัสหน่วยงาน",
    "org_name": "ชื่อหน่วยงาน",
    "fiscal_year": "ปีงบประมาณ",
    "code": "ข้อ",
    "score": "คะแนน",
}

_MAGIC_NOT_TEXT = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"\x89PNG", b"GIF8")
_HEADER_SEARCH = 10  # rows looked at for the header, below any title rows

_EXPECTED_COLUMNS_TH = (
    "แบบยาว: org_id (รหัสหน่วยงาน), fiscal_year (ปีงบประมาณ), code (ข้อ), score (คะแนน);"
    " หรือแบบกว้าง: org_id, fiscal_year และคอลัมน์ละหนึ่งข้อ เช่น i1 … i30, e1 … e15, o1 …"
    " (จำนวนข้อ OIT ตามกรอบการประเมินของปีนั้น) หรือ ind1 … ind10"
)
_EXPECTED_COLUMNS_EN = (
    "long layout: org_id, fiscal_year, code, score (org_name optional);"
    " or wide layout: org_id, fiscal_year and one column per code such as i1 … i30, e1 … e15,"
    " o1 … (as many OIT items as the year's framework has) or ind1 … ind10"
)


@dataclass(frozen=True)
class _RawTable:
    """The cells of a file as text ("" for empty), with their spreadsheet row numbers."""

    path: Path
    header: list[str]
    body: npt.NDArray[np.object_]  # rows × columns of str
    rows: npt.NDArray[np.int64]  # spreadsheet row number of each body row
    header_row: int
    sheet: str | None
    encoding: str | None
    #: Formula cells whose result was never saved: (row number, column index, formula).
    uncached: tuple[tuple[int, int, str], ...] = ()

    def where(self, row: int, col: int) -> str:
        if self.sheet is None:
            return f"row {row}"
        return f"{self.sheet}!{column_letter(col)}{row}"

    def where_prefix(self, col: int) -> str:
        return "row " if self.sheet is None else f"{self.sheet}!{column_letter(col)}"



def _not_a_table(file: Path, hint_th: str = "", hint_en: str = "") -> InputError:
    return InputError(
        file_problem(
            file,
            "ไม่ใช่ไฟล์ CSV หรือ XLSX" + (f" ({hint_th})" if hint_th else ""),
            "is not a CSV or XLSX file" + (f" ({hint_en})" if hint_en else ""),
            expected_th="ไฟล์ .csv หรือ .xlsx (ใน Excel: บันทึกเป็น CSV UTF-8 หรือ Excel Workbook)",
            expected_en="a .csv or .xlsx file (in Excel: Save As CSV UTF-8 or Excel Workbook)",
        )
    )


def _empty_file(file: Path, where: str | None = None) -> InputError:
    return InputError(
        file_problem(
            file,
            "ไฟล์ว่าง ไม่มีแถวคะแนน",
            "empty file: no score rows",
            where=where,
            expected_th="หัวตารางหนึ่งแถว ตามด้วยแถวคะแนนอย่างน้อยหนึ่งแถว",
            expected_en="a header row followed by at least one row of scores",
        )
    )


def _read_table(file: Path) -> _RawTable:
    if file.is_dir():
        raise InputError(
            file_problem(
                file,
                "เป็นโฟลเดอร์ ไม่ใช่ไฟล์คะแนน",
                "is a folder, not a score file",
                expected_th="ชื่อไฟล์คะแนน .csv หรือ .xlsx ในโฟลเดอร์นั้น",
                expected_en="the name of a .csv or .xlsx score file (in that folder)",
            )
        )
    if not file.is_file():
        from ita_report.errors import missing_file_problem

        raise InputError(
            missing_file_problem(
                file,
                expected_th="ชื่อไฟล์คะแนนที่มีอยู่จริง",
                expected_en="the path of an existing score file",
            )
        )
    suffix = file.suffix.lower()
    if suffix == ".csv":
        cells, encoding = _read_csv_cells(file)
        sheet: str | None = None
    elif suffix in (".xlsx", ".xlsm"):
        cells, sheet, uncached = _read_xlsx_cells(file)
        return dataclasses.replace(
            _split_header(file, cells, sheet, None), uncached=tuple(uncached)
        )
    elif suffix == ".xls":
        raise _not_a_table(
            file,
            "เป็นไฟล์ Excel รุ่นเก่า .xls ให้บันทึกใหม่เป็น .xlsx",
            "old Excel .xls format; save it again as .xlsx",
        )
    else:
        raise _not_a_table(file)
    return _split_header(file, cells, sheet, encoding)


def _read_csv_cells(file: Path) -> tuple[npt.NDArray[np.object_], str]:
    with file.open("rb") as handle:
        head = handle.read(65536)
    if not head.strip():
        raise _empty_file(file)
    if head.startswith(b"PK\x03\x04"):
        raise _not_a_table(
            file,
            "เป็นไฟล์ Excel ที่ตั้งชื่อเป็น .csv ให้เปลี่ยนนามสกุลเป็น .xlsx",
            "it is an Excel workbook named .csv; rename it to .xlsx",
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" export.
        encodings: tuple[str, ...] = ("utf-16",)
    elif head.startswith(_MAGIC_NOT_TEXT) or b"\x00" in head:
        raise _not_a_table(file)
    else:
        # Thai Excel saves "CSV" in cp874 (TIS-620 plus a few symbols); UTF-8 is tried first
        # because cp874 decodes almost any byte sequence, rightly or not.
        encodings = ("utf-8-sig", "cp874")
    for encoding in encodings:
        try:
            sample = head.decode(encoding, errors="ignore")
            sep = _sniff_delimiter(sample)
            frame = pd.read_csv(
                file,
                header=None,
                names=range(_width(sample, sep)),
                dtype=object,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                sep=sep,
                encoding=encoding,
                encoding_errors="strict",
                engine="c",
            )
        except UnicodeDecodeError:
            continue
        except pd.errors.EmptyDataError:
            raise _empty_file(file) from None
        except pd.errors.ParserError as exc:
            raise _ragged(file, str(exc)) from None
        return frame.fillna("").to_numpy(dtype=object), encoding.replace("-sig", "") + (
            " (BOM)" if encoding == "utf-8-sig" and head.startswith(b"\xef\xbb\xbf") else ""
        )
    raise _not_a_table(
        file,
        "อ่านเป็นข้อความ UTF-8 หรือ TIS-620 ไม่ได้",
        "its text is neither UTF-8 nor TIS-620/cp874",
    )


def _top_lines(sample: str) -> list[str]:
    # The last line of a sample may be cut short; the table starts well before it.
    lines = [line for line in sample.lstrip("\ufeff").splitlines() if line.strip()]
    return lines[: min(_HEADER_SEARCH, max(len(lines) - 1, 1))]


def _sniff_delimiter(sample: str) -> str:
    votes: dict[str, int] = {}
    for line in _top_lines(sample):
        try:
            found = csv.Sniffer().sniff(line, delimiters=",;\t").delimiter
        except csv.Error:
            continue
        votes[found] = votes.get(found, 0) + line.count(found)
    return max(votes, key=lambda d: votes[d]) if votes else ","


def _width(sample: str, sep: str) -> int:
    # pandas takes the width of the first line; a one-cell title above the table must not
    # make every later row "too long".
    rows = csv.reader(io.StringIO("\n".join(_top_lines(sample))), delimiter=sep)
    return max((len(r) for r in rows), default=1)


def _ragged(file: Path, message: str) -> InputError:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if not found:
        return _not_a_table(file, "อ่านเป็นตารางไม่ได้", f"cannot read it as a table: {message}")
    expected, line, saw = found.groups()
    return InputError(
        file_problem(
            file,
            f"แถวนี้มี {saw} ช่อง มากกว่าหัวตารางที่มี {expected} ช่อง",
            f"this row has {saw} fields but the header has {expected}",
            where=f"line {line}",
            expected_th="ทุกแถวมีจำนวนช่องเท่ากับหัวตาราง (ตรวจเครื่องหมายจุลภาคในชื่อหน่วยงาน)",
            expected_en="every row as many fields as the header (check for commas inside names)",
        )
    )



def _read_xlsx_cells(
    file: Path,
) -> tuple[npt.NDArray[np.object_], str, list[tuple[int, int, str]]]:
    try:
        workbook = open_workbook(file)
    except InputError:
        raise
    except Exception as exc:  # zipfile, KeyError and openpyxl's own types, for foreign files
        raise _not_a_table(
            file, "เปิดเป็นสมุดงาน Excel ไม่ได้", f"cannot open it as a workbook: {exc}"
        ) from None
    try:
        sheets = workbook.worksheets
        # The officer sees the visible sheets only: a hidden one (stale scores, a helper) is
        # never what they mean, even when it comes first.
        visible = [s for s in sheets if s.sheet_state == "visible"]
        chosen = visible[0] if visible else None
        found = None
        # The scores may sit on a later sheet behind a cover or notes sheet.
        for sheet in sheets:
            top = sheet.iter_rows(min_row=1, max_row=_HEADER_SEARCH, values_only=True)
            roles = {_ALIAS_TO_ROLE.get(_header_key(cell_text(v))) for row in top for v in row}
            if "org_id" in roles:
                if sheet.sheet_state == "visible":
                    found = sheet
                    break
                found = found or sheet
        if found is not None and found.sheet_state != "visible":
            raise InputError(
                file_problem(
                    file,
                    f"ตารางคะแนนอยู่ในชีต {found.title} ซึ่งถูกซ่อนไว้ (ชีตที่มองเห็นไม่มีตารางคะแนน)"
                    " จึงไม่อ่าน เพราะอาจเป็นคะแนนเก่าที่ไม่ได้ตั้งใจใช้",
                    f"the score table is on sheet {found.title}, which is hidden (no visible"
                    " sheet has one); it is not read, as hidden scores may be stale ones",
                    where=f"sheet {found.title}",
                    expected_th="ยกเลิกการซ่อนชีต (คลิกขวาที่แท็บชีต ▸ ยกเลิกการซ่อน) ถ้าเป็นคะแนนที่ถูกต้อง"
                    " แล้วบันทึก",
                    expected_en="the sheet unhidden (right-click a sheet tab ▸ Unhide) if these"
                    " are the right scores, then saved",
                )
            )
        chosen = found or chosen
        if chosen is None:
            raise _empty_file(file)
        values = sheet_rows(workbook, chosen, file)
        title = str(chosen.title)
    finally:
        workbook.close()
    rows = [tuple(cell_text(v) for v in row) for row in values]
    uncached = [
        (number, col, v.formula)
        for number, row in enumerate(values, 1)
        for col, v in enumerate(row)
        if isinstance(v, Uncached)
    ]
    del values
    width = max((len(r) for r in rows), default=0)
    cells = np.full((len(rows), width), "", dtype=object)
    for i, row in enumerate(rows):
        cells[i, : len(row)] = row
    # A sheet name with spaces is quoted in a cell reference, as Excel writes it.
    sheet_ref = f"'{title}'" if re.search(r"[\s!'\"(),;+\-&.]", title) else title
    return cells, sheet_ref, uncached


def _header_row(cells: npt.NDArray[np.object_], candidates: list[int]) -> int:
    # Exports often put a title or a date above the table; the header is the first row that
    # names the agency column, else simply the first row with anything in it.
    for at in candidates:
        if any(_ALIAS_TO_ROLE.get(_header_key(str(v))) == "org_id" for v in cells[at]):
            return at
    return candidates[0]


def _split_header(
    file: Path, cells: npt.NDArray[np.object_], sheet: str | None, encoding: str | None
) -> _RawTable:
    if cells.size == 0:
        raise _empty_file(file)
    filled: npt.NDArray[np.bool_] = (cells != "").any(axis=1)
    candidates = np.flatnonzero(filled)
    if len(candidates) == 0:
        raise _empty_file(file)
    header_at = _header_row(cells, candidates[:_HEADER_SEARCH].tolist())
    header = [str(h).strip() for h in cells[header_at].tolist()]
    body = cells[header_at + 1 :]
    row_numbers = np.arange(header_at + 2, header_at + 2 + len(body), dtype=np.int64)
    # Rows that are empty, or hold only spaces, are layout, not data.
    keep = np.zeros(len(body), dtype=bool)
    for col in range(body.shape[1]):
        ids, uniques = factorize(body[:, col])
        filled_unique = np.array([INVISIBLE.sub("", u) != "" for u in uniques], dtype=bool)
        if len(uniques):
            keep |= filled_unique[ids]
    body, row_numbers = body[keep], row_numbers[keep]
    if len(body) == 0:
        raise _empty_file(file, where=f"row {header_at + 1}")
    return _RawTable(
        path=file,
        header=header,
        body=body,
        rows=row_numbers,
        header_row=header_at + 1,
        sheet=sheet,
        encoding=encoding,
    )


# -- columns ----------------------------------------------------------------------------------


def _header_key(text: str) -> str:
    return re.sub(r"[\s_\-\u200b\u00a0\ufeff]+", "", text).lower()


_ALIAS_TO_ROLE = {
    _header_key(alias): role for role, names in HEADER_ALIASES.items() for alias in names
}


@dataclass(frozen=True)
class _Columns:
    roles: dict[str, int]  # role → column index
    codes: list[tuple[int, str]]  # wide layout: (column index, normalised code)
    ignored: tuple[str, ...]

    @property
    def layout(self) -> str:
        return "long" if "code" in self.roles else "wide"


def _classify_columns(table: _RawTable, year: int | None) -> _Columns:
    roles: dict[str, int] = {}
    codes: list[tuple[int, str]] = []
    ignored: list[str] = []
    problems: list[Problem] = []
    for col, header in enumerate(table.header):
        role = _ALIAS_TO_ROLE.get(_header_key(header))
        if role is not None:
            if role in roles:
                problems.append(
                    file_problem(
                        table.path,
                        f"มีคอลัมน์ {role} ({_ROLE_TH[role]}) สองคอลัมน์",
                        f"column {role} appears twice (also as {table.header[roles[role]]!r})",
                        where=table.where(table.header_row, col),
                        column=header,
                        value=header,
                        expected_th="คอลัมน์ละหนึ่งครั้ง",
                        expected_en="each column once",
                    )
                )
            else:
                roles[role] = col
            continue
        code = normalize_code(header) if header else None
        if code is not None:
            codes.append((col, code))
        elif header or (table.body[:, col] != "").any():
            ignored.append(header or f"({column_letter(col)})")
    if problems:
        raise InputError(problems)
    long_layout = "code" in roles
    required = ["org_id", "code", "score"] if long_layout else ["org_id"]
    if year is None:
        required.insert(1, "fiscal_year")
    missing = [r for r in required if r not in roles]
    if not long_layout and not codes:
        missing.append("code")
        missing.append("score")
    if missing:
        found = ", ".join(h for h in table.header if h) or "-"
        names_th = ", ".join(f"{m} ({_ROLE_TH[m]})" for m in missing)
        hint_th = (
            "" if year is not None or "fiscal_year" not in missing else (" หรือระบุปีงบประมาณของทั้งไฟล์")
        )
        hint_en = (
            ""
            if year is not None or "fiscal_year" not in missing
            else ("; or give the fiscal year of the whole file")
        )
        raise InputError(
            file_problem(
                table.path,
                f"ไม่มีคอลัมน์ที่จำเป็น: {names_th} (คอลัมน์ที่พบ: {found}){hint_th}",
                f"missing required columns: {', '.join(missing)} (columns found: {found}){hint_en}",
                where=f"row {table.header_row}"
                if table.sheet is None
                else f"{table.sheet}!A{table.header_row}",
                expected_th=_EXPECTED_COLUMNS_TH,
                expected_en=_EXPECTED_COLUMNS_EN,
            )
        )
    if long_layout:
        # Code-like headers in a long file are not scores; say so rather than drop them quietly.
        ignored.extend(table.header[c] for c, _ in codes)
        codes = []
    return _Columns(roles=roles, codes=codes, ignored=tuple(ignored))

