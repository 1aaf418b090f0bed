"""Score files as people have them: CSV or XLSX, long or wide, item or indicator codes.

Loading must never misread in silence: every value becomes a score in 0–100, an explicit blank
(NaN, never zero), or an InputError naming the file, row/cell, column and value. A workbook is
read as the officer sees it: its visible sheets, percent cells as the points they show, and a
formula only through the result Excel saved; its size is bounded before it is unpacked.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import functools
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ita_report.codes import is_indicator_code, item_sort_key, normalize_code
from ita_report.errors import InputError, Problem, UnknownYearError, file_problem
from ita_report.framework import available_years, load_framework
from ita_report.text import strip_invisible
from ita_report.thai import to_arabic_digits

#: Columns of ScoreTable.frame, in order.
COLUMNS = ("org_id", "org_name", "fiscal_year", "code", "score", "where")

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

# Excel, Word and web pages put these where a person sees only a space.
_INVISIBLE = re.compile(r"[\s\u200b\u00a0\ufeff]+")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_YEAR_PREFIX = re.compile(r"^(?:ปีงบประมาณ|ปีงบ|ปี|พ\.ศ\.|พ\.ศ|พศ\.?|fy|b\.e\.|be)")
_YEAR = re.compile(r"^(\d{4})(?:\.0*)?$")
# A dash is how officers write "no score" in a printed table; it must never become zero.
_BLANK_MARKS = frozenset({"", "-", "–", "—"})
_MAGIC_NOT_TEXT = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"\x89PNG", b"GIF8")

_OK, _BLANK, _NOT_NUMBER, _OUT_OF_RANGE, _SPACED = 0, 1, 2, 3, 4
_HEADER_SEARCH = 10  # rows looked at for the header, below any title rows
# Digits on both sides of a space: "8 5" may be 85 or 8.5, so it is neither.
_SPACE_IN_NUMBER = re.compile(r"[\d.]\s+[\d.]")

#: The most a workbook may unpack to (its XML, summed over the zip's members, as declared in
#: the zip, which is also the most Python's zipfile will inflate). A score file for every
#: agency in the country unpacks to under 150 MB; a 5 MB "zip bomb" can unpack to gigabytes.
MAX_XLSX_UNPACKED = 200_000_000
#: Rows of one sheet read at most: Excel's own limit, so no file Excel wrote goes past it.
MAX_XLSX_ROWS = 1_048_576
#: Cells of one sheet (rows × widest row) held at most.
MAX_XLSX_CELLS = 20_000_000

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
class AgencyScores:
    """The scores of one agency (หน่วยงาน) in one fiscal year, keyed by normalised code.

    ``scores`` maps ``"i14"`` / ``"ind9"`` to a float, or to ``None`` where the file had the
    code with an empty cell. ``extra`` holds codes the caller declared as outside the
    framework (the seed cites i37 and i48).
    """

    org_id: str
    org_name: str
    fiscal_year: int
    scores: dict[str, float | None]
    extra: dict[str, float | None] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True)
class _Group:
    org_name: str
    codes: npt.NDArray[np.object_]
    scores: npt.NDArray[np.float64]
    is_extra: npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)  # a DataFrame has no truth value to compare by
class ScoreTable:
    """All rows of a score file, tidy: one row per agency, year and code.

    ``ignored_columns`` are headers that are neither a known column nor a code (the CLI tells
    the user); ``extra_codes`` are the declared codes outside the framework.
    """

    path: Path
    frame: pd.DataFrame  # columns: COLUMNS; score is float with NaN for an explicit blank
    ignored_columns: tuple[str, ...] = ()
    extra_codes: frozenset[str] = frozenset()
    layout: str = "long"  # "long", "wide" or "template" (ita_report.template)
    encoding: str | None = None  # None for XLSX

    def agencies(self) -> list[tuple[str, int]]:
        """(org_id, fiscal_year) pairs in file order."""
        return list(self._index)

    def years(self) -> list[int]:
        """Fiscal years present, ascending."""
        return sorted({y for _, y in self._index})

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def for_agency(self, org_id: str, fiscal_year: int) -> AgencyScores:
        """The scores of one agency and year; ``InputError`` if the file has none."""
        key = (_clean_org_id(str(org_id)), int(fiscal_year))
        group = self._index.get(key)
        if group is None:
            raise InputError(self._not_found(*key))
        scores: dict[str, float | None] = {}
        extra: dict[str, float | None] = {}
        for code, value, is_extra in zip(
            group.codes.tolist(), group.scores.tolist(), group.is_extra.tolist(), strict=True
        ):
            (extra if is_extra else scores)[code] = None if value != value else value
        return AgencyScores(
            org_id=key[0],
            org_name=group.org_name,
            fiscal_year=key[1],
            scores=scores,
            extra=extra,
            source=str(self.path),
        )

    @functools.cached_property
    def _index(self) -> dict[tuple[str, int], _Group]:
        # Grouped once so a batch of 8,300 agencies costs one sort, not 8,300 frame scans.
        frame = self.frame
        if frame.empty:
            return {}
        org_ids, org_uniques = pd.factorize(frame["org_id"].to_numpy(dtype=object))
        years = frame["fiscal_year"].to_numpy(dtype=np.int64)
        year_ids, year_uniques = pd.factorize(years)
        key = org_ids.astype(np.int64) * len(year_uniques) + year_ids
        order = np.argsort(key, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(key[order]) != 0])
        codes = frame["code"].to_numpy(dtype=object)
        scores = frame["score"].to_numpy(dtype=np.float64)
        names = frame["org_name"].to_numpy(dtype=object)
        is_extra = self._extra_mask(codes, years)
        groups: dict[int, _Group] = {}
        for pos in np.split(order, starts[1:]):
            groups[int(key[pos[0]])] = _Group(
                org_name=str(names[pos[0]]),
                codes=codes[pos],
                scores=scores[pos],
                is_extra=is_extra[pos],
            )
        # Keys in order of first appearance, which is file order.
        first_seen = pd.unique(key)
        return {
            (str(org_uniques[k // len(year_uniques)]), int(year_uniques[k % len(year_uniques)])): (
                groups[int(k)]
            )
            for k in first_seen
        }

    def _extra_mask(
        self, codes: npt.NDArray[np.object_], years: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.bool_]:
        mask = np.zeros(len(codes), dtype=bool)
        if not self.extra_codes:
            return mask
        for year in np.unique(years).tolist():
            known = load_framework(int(year)).known_codes()
            declared = sorted(self.extra_codes - known)
            mask |= (years == year) & np.isin(codes, np.array(declared, dtype=object))
        return mask

    def _not_found(self, org_id: str, fiscal_year: int) -> Problem:
        years = sorted(y for o, y in self._index if o == org_id)
        if years:
            listed = ", ".join(str(y) for y in years)
            return file_problem(
                self.path,
                f"ไม่มีคะแนนของหน่วยงาน {org_id} ปีงบประมาณ {fiscal_year}",
                f"has no scores for agency {org_id} in fiscal year {fiscal_year}",
                column="fiscal_year",
                value=fiscal_year,
                expected_th=f"ปีที่มีในไฟล์: {listed}",
                expected_en=f"one of the years the file has for this agency: {listed}",
            )
        close = difflib.get_close_matches(org_id, sorted({o for o, _ in self._index}), n=3)
        return file_problem(
            self.path,
            f"ไม่มีหน่วยงานรหัส {org_id} ในไฟล์",
            f"has no agency with org_id {org_id}",
            column="org_id",
            value=org_id,
            expected_th=("รหัสที่ใกล้เคียง: " + ", ".join(close)) if close else None,
            expected_en=("one of the nearest: " + ", ".join(close)) if close else None,
        )


def load_scores(
    path: str | Path,
    *,
    year: int | None = None,
    extra_codes: Iterable[str] = (),
) -> ScoreTable:
    """Read a score file; raise ``InputError`` listing every problem found.

    With ``year``, only that fiscal year's rows are kept (and checked beyond their year);
    a file without a fiscal-year column is then read as that year.
    """
    file = Path(path)
    extras = _normalise_extra_codes(extra_codes)
    if year is not None:
        year = int(year)
        _framework_codes(year, file)
    if file.suffix.lower() in (".xlsx", ".xlsm") and file.is_file():
        check_workbook_size(file)  # before anything unpacks it
        # The officers' template (ita-report template): a sheet per tool plus an agency sheet.
        from ita_report import template

        if template.is_template(file):
            return template.read_template(file, year=year, extra_codes=extras)
    table = _read_table(file)
    return _Loader(table, year, extras).run()


# -- reading ----------------------------------------------------------------------------------


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
        return f"{self.sheet}!{_column_letter(col)}{row}"

    def where_prefix(self, col: int) -> str:
        return "row " if self.sheet is None else f"{self.sheet}!{_column_letter(col)}"


def _column_letter(col: int) -> str:
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


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


def _cell_text(value: Any) -> str:
    if value is None or isinstance(value, Uncached):
        return ""
    if isinstance(value, float):
        # An integer-valued float is how Excel stores 2566 or 5500101; keep it an integer.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


@dataclass(frozen=True)
class Uncached:
    """A formula cell whose result was never saved (a workbook written by a script, or one
    linked to another workbook): its value is unknown, which is not the same as empty."""

    formula: str


def check_workbook_size(file: Path) -> None:
    """Refuse a workbook that would unpack past :data:`MAX_XLSX_UNPACKED`, before opening it.

    A file that is not a zip at all is left to the reader, which says so properly.
    """
    import zipfile

    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_XLSX_UNPACKED or len(members) > 10_000:
        raise InputError(
            file_problem(
                file,
                f"ไฟล์ Excel นี้เมื่อคลายออกมีขนาด {unpacked / 1e6:,.0f} MB เกินกว่าที่รับได้"
                f" ({MAX_XLSX_UNPACKED / 1e6:,.0f} MB) ไฟล์คะแนนของทุกหน่วยงานทั้งประเทศยังเล็กกว่านี้",
                f"this workbook unpacks to {unpacked / 1e6:,.0f} MB, more than the"
                f" {MAX_XLSX_UNPACKED / 1e6:,.0f} MB a score file may (one holding every agency"
                " in the country is smaller)",
                expected_th="ไฟล์คะแนนที่ถูกต้อง หรือบันทึกข้อมูลขนาดใหญ่เป็น CSV UTF-8",
                expected_en="the right score file, or very large data saved as CSV UTF-8",
            )
        )


def _is_percent_format(number_format: str) -> bool:
    """Whether an Excel number format shows its value times 100 (``0.00%``), quotes aside."""
    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format)
    return "%" in plain


def _as_points(value: float) -> float:
    """A percent cell's stored fraction as the points it shows: 0.8477 (84.77%) → 84.77.

    Decimal, so the digits shift exactly; rounded at ten places, so a fraction computed by a
    formula (0.9006000000000002) gives the 90.06 the cell shows.
    """
    from decimal import Decimal

    return float(round(Decimal(repr(value)) * 100, 10))


def sheet_rows(workbook: Any, sheet: Any, file: Path) -> list[tuple[Any, ...]]:
    """Every row of a read-only ``sheet`` as its values, the way the officer sees them.

    A number shown as a percentage is the points it shows (0.8477 formatted ``0.00%`` is
    84.77, never 0.85); a formula whose result was never saved is :class:`Uncached`; missing
    rows are empty tuples. More than :data:`MAX_XLSX_ROWS` rows, or more than
    :data:`MAX_XLSX_CELLS` cells, is an ``InputError`` raised as soon as it is known.
    """
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = Uncached(element.findtext(FORMULA_TAG) or "")
            return cell

    styles = workbook._cell_styles
    percent: dict[int, bool] = {}

    def is_percent(style_id: int) -> bool:
        if style_id not in percent:
            fmt_id = styles[style_id].numFmtId if style_id < len(styles) else 0
            fmt = (
                BUILTIN_FORMATS.get(fmt_id, "General")
                if fmt_id < BUILTIN_FORMATS_MAX_SIZE
                else workbook._number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
            )
            percent[style_id] = _is_percent_format(str(fmt))
        return percent[style_id]

    # Counted first, at the speed of decompression (a second for the most a workbook may
    # unpack to): parsing a million rows takes a minute, refusing them should not.
    with sheet._get_source() as source:
        rows_seen, cells_seen = _census(source)
    if rows_seen > MAX_XLSX_ROWS:
        raise _too_big(file, sheet, f"เกิน {MAX_XLSX_ROWS:,} แถว (ขีดจำกัดของ Excel เอง)",
                       f"more than {MAX_XLSX_ROWS:,} rows (Excel's own limit)")
    if cells_seen > MAX_XLSX_CELLS:
        raise _too_big(file, sheet, f"เกิน {MAX_XLSX_CELLS:,} ช่อง",
                       f"more than {MAX_XLSX_CELLS:,} cells")
    rows: list[tuple[Any, ...]] = []
    width = 0
    with sheet._get_source() as source:
        parser = Parser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            if number > MAX_XLSX_ROWS:
                raise _too_big(file, sheet, f"เกิน {MAX_XLSX_ROWS:,} แถว (ขีดจำกัดของ Excel เอง)",
                               f"more than {MAX_XLSX_ROWS:,} rows (Excel's own limit)")
            rows.extend(() for _ in range(number - 1 - len(rows)))
            values: dict[int, Any] = {}
            for cell in cells:
                value = cell["value"]
                if (
                    cell["data_type"] == "n"
                    and isinstance(value, int | float)
                    and cell["style_id"]
                    and is_percent(int(cell["style_id"]))
                ):
                    value = _as_points(float(value))
                values[int(cell["column"])] = value
            if values:
                width = max(width, max(values))
            if width * (len(rows) + 1) > MAX_XLSX_CELLS:
                raise _too_big(file, sheet, f"เกิน {MAX_XLSX_CELLS:,} ช่อง",
                               f"more than {MAX_XLSX_CELLS:,} cells")
            row = [None] * (max(values) if values else 0)
            for column, value in values.items():
                row[column - 1] = value
            rows.append(tuple(row))
    return rows


def _census(source: Any) -> tuple[int, int]:
    """About how many rows and cells a sheet's XML holds (a row or cell split between two
    chunks may be missed: it is a bound, not a count to report)."""
    rows = cells = 0
    while chunk := source.read(1 << 22):
        rows += chunk.count(b"<row ") + chunk.count(b"<row>")
        cells += chunk.count(b"<c ") + chunk.count(b"<c>")
    return rows, cells


def _too_big(file: Path, sheet: Any, th: str, en: str) -> InputError:
    return InputError(
        file_problem(
            file,
            f"ชีต {sheet.title} มีข้อมูล{th} ซึ่งมากกว่าไฟล์คะแนนใดจะเป็นได้",
            f"sheet {sheet.title} holds {en}, more than any score file can",
            expected_th="ไฟล์คะแนนที่ถูกต้อง (ตรวจว่าเลือกไฟล์ถูก)",
            expected_en="the right score file",
        )
    )


def _read_xlsx_cells(
    file: Path,
) -> tuple[npt.NDArray[np.object_], str, list[tuple[int, int, str]]]:
    import openpyxl

    check_workbook_size(file)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
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
            roles = {_ALIAS_TO_ROLE.get(_header_key(_cell_text(v))) for row in top for v in row}
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
    rows = [tuple(_cell_text(v) for v in row) for row in values]
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
        ids, uniques = _factorize(body[:, col])
        filled_unique = np.array([_INVISIBLE.sub("", u) != "" for u in uniques], dtype=bool)
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
            ignored.append(header or f"({_column_letter(col)})")
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


# -- values -----------------------------------------------------------------------------------


def _clean_org_id(raw: str) -> str:
    """The id as one sees it: characters nobody sees (a zero-width space pasted from a web
    page) removed, runs of spaces as one, Thai digits as Arabic ones."""
    return to_arabic_digits(_INVISIBLE.sub(" ", strip_invisible(raw)).strip())


def _parse_score(raw: str) -> tuple[float, int]:
    # Invisible characters go; visible spaces around the number go; a space inside it
    # ("8 5", "85 .5") is refused: it may be 85 or 8.5.
    text = to_arabic_digits(strip_invisible(raw)).strip()
    if text in _BLANK_MARKS:
        return float("nan"), _BLANK
    if not _NUMBER.match(text):
        if _SPACE_IN_NUMBER.search(text) and _NUMBER.match(_INVISIBLE.sub("", text)):
            return float("nan"), _SPACED
        return float("nan"), _NOT_NUMBER
    value = float(text)
    if not 0.0 <= value <= 100.0:
        return value, _OUT_OF_RANGE
    return value, _OK


def _parse_year(raw: str) -> tuple[int | None, str]:
    """``(year, "")`` or ``(None or the CE year, reason)`` with reason blank / ce / bad."""
    spaced = to_arabic_digits(strip_invisible(raw)).lower()
    if re.search(r"\d\s+\d", spaced):
        return None, "bad"  # "25 66": 2566, or two numbers?
    text = _INVISIBLE.sub("", spaced)
    if not text:
        return None, "blank"
    for _ in range(2):  # "ปีงบประมาณ พ.ศ. 2566" has two prefixes
        text = _YEAR_PREFIX.sub("", text)
    found = _YEAR.match(text)
    if not found:
        return None, "bad"
    value = int(found.group(1))
    if 1900 <= value < 2400:
        return value, "ce"
    if not 2400 <= value <= 2800:
        return None, "bad"
    return value, ""


def _normalise_extra_codes(extra_codes: Iterable[str]) -> frozenset[str]:
    if isinstance(extra_codes, str):
        extra_codes = [extra_codes]
    found: set[str] = set()
    for raw in extra_codes:
        code = normalize_code(raw)
        if code is None:
            raise ValueError(f"extra code {raw!r} is not an item or indicator code")
        found.add(code)
    return frozenset(found)


@functools.lru_cache(maxsize=32)
def _suggestions(code: str, known: frozenset[str]) -> tuple[str, ...]:
    ordered = sorted(known, key=item_sort_key)
    return tuple(difflib.get_close_matches(code, ordered, n=3, cutoff=0.5))


@functools.lru_cache(maxsize=16)
def _ranges(known: frozenset[str]) -> str:
    """``i1–i30, e1–e15, o1–o26, ind1–ind10`` (FY2569): the codes of a year in a line."""
    parts: list[str] = []
    for prefix in ("i", "e", "o", "ind"):
        numbers = sorted(
            int(c[len(prefix) :])
            for c in known
            if c.startswith(prefix)
            and c[len(prefix) :].isdigit()
            and (prefix == "ind") == is_indicator_code(c)
        )
        if numbers:
            parts.append(f"{prefix}{numbers[0]}–{prefix}{numbers[-1]}")
    return ", ".join(parts)


def _framework_codes(
    year: int, file: Path, where: str | None = None, column: str | None = None
) -> frozenset[str]:
    try:
        return load_framework(year).known_codes()
    except UnknownYearError:
        years = ", ".join(str(y) for y in available_years()) or "-"
        raise UnknownYearError(
            file_problem(
                file,
                f"ไม่มีกรอบการประเมินของปีงบประมาณ {year}",
                f"there is no ITA framework for fiscal year {year}",
                where=where,
                column=column,
                value=year,
                expected_th=f"ปีที่มีกรอบการประเมิน: {years}",
                expected_en=f"one of the years available: {years}",
            )
        ) from None


def _factorize(values: npt.NDArray[np.object_]) -> tuple[npt.NDArray[np.intp], list[str]]:
    ids, uniques = pd.factorize(values)
    return ids, [str(u) for u in uniques]


def _th_where(where: str) -> str:
    return "แถว " + where[4:] if where.startswith("row ") else where


# -- validation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cells:
    """Score cells in file order, one per (row, code), before their values are checked."""

    row_pos: npt.NDArray[np.intp]  # index into the body rows
    col: npt.NDArray[np.intp]  # column of the score cell
    codes: npt.NDArray[np.object_]  # normalised code, None where it is not one
    raw: npt.NDArray[np.object_]  # the score as written
    code_ok: npt.NDArray[np.bool_]
    pending: npt.NDArray[np.bool_]  # code not in the row's year: an error only if filled in


class _Loader:
    """One pass over a file: vectorised checks, Problems only for the rows that fail."""

    def __init__(self, table: _RawTable, year: int | None, extras: frozenset[str]) -> None:
        self.table = table
        self.year = year
        self.extras = extras
        self.columns = _classify_columns(table, year)
        # (row number, column index, problem): sorted so the user reads the file top-down.
        self.problems: list[tuple[int, int, Problem]] = []
        self.only_unknown_years = True
        self.year_row = np.zeros(0, dtype=np.int64)  # fiscal year of each body row
        self.known: dict[int, frozenset[str]] = {}  # codes allowed per fiscal year

    # .. helpers ..................................................................................
    def add(self, row: int, col: int, problem: Problem, *, unknown_year: bool = False) -> None:
        self.problems.append((row, col, problem))
        self.only_unknown_years &= unknown_year

    def header(self, col: int) -> str:
        return self.table.header[col]

    def cell_problem(
        self,
        row: int,
        col: int,
        value: str,
        problem_th: str,
        problem_en: str,
        expected_th: str | None = None,
        expected_en: str | None = None,
        *,
        column: str | None = None,
    ) -> Problem:
        return file_problem(
            self.table.path,
            problem_th,
            problem_en,
            where=self.table.where(row, col),
            column=column or self.header(col),
            value=value,
            expected_th=expected_th,
            expected_en=expected_en,
        )

    # .. the pass .................................................................................
    def run(self) -> ScoreTable:
        table, roles = self.table, self.columns.roles
        n = len(table.body)
        org_col = roles["org_id"]
        self.uncached_formulas()
        org_raw = table.body[:, org_col]
        org_ids, org_uniques = _factorize(org_raw)
        org_clean = np.array([_clean_org_id(u) for u in org_uniques], dtype=object)
        org_row = org_clean[org_ids]
        ok_row: npt.NDArray[np.bool_] = org_row != ""
        for i in np.flatnonzero(~ok_row).tolist():
            self.add(
                int(table.rows[i]),
                org_col,
                self.cell_problem(
                    int(table.rows[i]),
                    org_col,
                    str(org_raw[i]),
                    "ไม่มีรหัสหน่วยงาน",
                    "org_id is empty",
                    "รหัสหน่วยงานของแถวนี้",
                    "the agency's id on every row",
                ),
            )
        if "org_name" in roles:
            names = table.body[:, roles["org_name"]]
            name_ids, name_uniques = _factorize(names)
            name_row = np.array(
                [_INVISIBLE.sub(" ", u).strip() for u in name_uniques], dtype=object
            )[name_ids]
        else:
            name_row = np.full(n, "", dtype=object)

        year_row, year_ok = self.years(n)
        self.year_row = year_row
        ok_row &= year_ok
        known_by_year = self.frameworks(year_row, ok_row)
        ok_row &= np.isin(year_row, np.array(sorted(known_by_year), dtype=np.int64))

        if self.columns.layout == "long":
            cells = self.long_cells(ok_row)
        else:
            cells = self.wide_cells(ok_row)
        row_pos, score_col, codes, raw_scores = cells.row_pos, cells.col, cells.codes, cells.raw
        cell_rows = table.rows[row_pos]

        score_ids, score_uniques = _factorize(raw_scores)
        parsed = [_parse_score(u) for u in score_uniques]
        values = np.array([p[0] for p in parsed], dtype=np.float64)[score_ids]
        status = np.array([p[1] for p in parsed], dtype=np.int8)[score_ids]
        bad_score = (status == _NOT_NUMBER) | (status == _OUT_OF_RANGE) | (status == _SPACED)
        for i in np.flatnonzero(bad_score).tolist():
            self.score_problem(
                int(cell_rows[i]), int(score_col[i]), str(raw_scores[i]), int(status[i])
            )

        for i in np.flatnonzero(cells.pending & (status != _BLANK)).tolist():
            row, col = int(cell_rows[i]), int(score_col[i])
            problem = self.unknown_code(
                row,
                col,
                str(raw_scores[i]),
                str(codes[i]),
                int(year_row[row_pos[i]]),
                column=self.header(col),
            )
            self.add(row, col, problem)

        good = cells.code_ok & ~bad_score
        keep = self.deduplicate(
            good,
            org_row[row_pos],
            year_row[row_pos],
            codes,
            values,
            raw_scores,
            cell_rows,
            score_col,
        )
        if self.problems:
            self.problems.sort(key=lambda p: (p[0], p[1]))
            problems = [p for _, _, p in self.problems]
            raise (UnknownYearError if self.only_unknown_years else InputError)(problems)

        sel = np.flatnonzero(keep)
        prefixes = np.array([table.where_prefix(c) for c in range(len(table.header))], dtype=object)
        row_text = table.rows.astype(np.dtypes.StringDType())
        where = np.strings.add(
            prefixes[score_col[sel]].astype(np.dtypes.StringDType()),
            row_text[row_pos[sel]],
        ).astype(object)
        frame = pd.DataFrame(
            {
                "org_id": pd.Series(org_row[row_pos[sel]], dtype=object),
                "org_name": pd.Series(name_row[row_pos[sel]], dtype=object),
                "fiscal_year": pd.Series(year_row[row_pos[sel]], dtype=np.int64),
                "code": pd.Series(codes[sel], dtype=object),
                "score": pd.Series(values[sel], dtype=np.float64),
                "where": pd.Series(where, dtype=object),
            },
            columns=list(COLUMNS),
        )
        return ScoreTable(
            path=table.path,
            frame=frame,
            ignored_columns=self.columns.ignored,
            extra_codes=self.extras,
            layout=self.columns.layout,
            encoding=table.encoding,
        )

    def uncached_formulas(self) -> None:
        """A formula with no saved result in a column that is read: its value is unknown.

        Read as empty it would silently drop the item ("no data"), so it is refused instead,
        saying how to get the result saved. Formulas in columns that are not read are let be.
        """
        table = self.table
        used = {*self.columns.roles.values(), *(c for c, _ in self.columns.codes)}
        for row, col, formula in table.uncached:
            if col not in used or row <= table.header_row:
                continue
            self.add(
                row,
                col,
                self.cell_problem(
                    row,
                    col,
                    f"={formula}",
                    "เป็นสูตรที่ไม่มีผลลัพธ์บันทึกไว้ในไฟล์ (ไฟล์ที่สร้างด้วยโปรแกรม หรือสูตรที่ลิงก์ไปไฟล์อื่น)"
                    " จึงไม่รู้ค่า",
                    "is a formula whose result was never saved in the file (a file written by"
                    " a program, or a formula linked to another workbook), so its value is"
                    " unknown",
                    "เปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกอีกครั้ง (โปรแกรมจะคำนวณและบันทึกผลลัพธ์)"
                    " หรือพิมพ์ตัวเลขแทนสูตร",
                    "the file opened in Excel or LibreOffice and saved again (they compute and"
                    " save the result), or the number typed instead of the formula",
                ),
            )

    def years(self, n: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        table, roles = self.table, self.columns.roles
        if "fiscal_year" not in roles:
            assert self.year is not None
            return np.full(n, self.year, dtype=np.int64), np.ones(n, dtype=bool)
        col = roles["fiscal_year"]
        raw = table.body[:, col]
        ids, uniques = _factorize(raw)
        parsed = [_parse_year(u) for u in uniques]
        year_row = np.array([p[0] or 0 for p in parsed], dtype=np.int64)[ids]
        bad_unique = np.array([p[1] != "" for p in parsed], dtype=bool)
        ok = ~bad_unique[ids]
        for i in np.flatnonzero(~ok).tolist():
            value, reason = parsed[ids[i]]
            row = int(table.rows[i])
            if reason == "ce":
                assert value is not None
                problem = self.cell_problem(
                    row,
                    col,
                    str(raw[i]),
                    f"ปี {value} เป็นปี ค.ศ. แต่ปีงบประมาณต้องเป็นปี พ.ศ.",
                    f"{value} looks like a Common Era year; fiscal years are Buddhist Era",
                    f"{value + 543}",
                    f"{value + 543}",
                )
            elif reason == "blank":
                problem = self.cell_problem(
                    row,
                    col,
                    str(raw[i]),
                    "ไม่มีปีงบประมาณ",
                    "fiscal year is empty",
                    "ปี พ.ศ. เช่น 2566",
                    "a Buddhist Era year such as 2566",
                )
            else:
                problem = self.cell_problem(
                    row,
                    col,
                    str(raw[i]),
                    "ไม่ใช่ปีงบประมาณ",
                    "is not a fiscal year",
                    "ปี พ.ศ. สี่หลัก เช่น 2566",
                    "a four-digit Buddhist Era year such as 2566",
                )
            self.add(row, col, problem)
        if self.year is not None:
            present = sorted(set(np.unique(year_row[ok]).tolist()))
            if self.year not in present and not self.problems:
                listed = ", ".join(str(y) for y in present) or "-"
                raise InputError(
                    file_problem(
                        table.path,
                        f"ไม่มีข้อมูลของปีงบประมาณ {self.year} (ในไฟล์มีปี {listed})",
                        f"has no rows for fiscal year {self.year}; the file has {listed}",
                        column=table.header[col],
                        value=self.year,
                        expected_th=f"ปีที่มีในไฟล์: {listed}",
                        expected_en=f"one of the years in the file: {listed}",
                    )
                )
            ok &= year_row == self.year
        return year_row, ok

    def frameworks(
        self, year_row: npt.NDArray[np.int64], ok_row: npt.NDArray[np.bool_]
    ) -> dict[int, frozenset[str]]:
        known: dict[int, frozenset[str]] = {}
        col = self.columns.roles.get("fiscal_year", -1)
        for value in np.unique(year_row[ok_row]).tolist():
            first = int(np.flatnonzero(ok_row & (year_row == value))[0])
            row = int(self.table.rows[first])
            try:
                known[int(value)] = _framework_codes(
                    int(value),
                    self.table.path,
                    where=self.table.where(row, max(col, 0)),
                    column=self.table.header[col] if col >= 0 else None,
                )
            except UnknownYearError as exc:
                count = int((ok_row & (year_row == value)).sum())
                for problem in exc.problems:
                    if count > 1:
                        problem = dataclasses.replace(
                            problem,
                            problem_th=problem.problem_th + f" ({count} แถว)",
                            problem_en=problem.problem_en + f" ({count} rows)",
                        )
                    self.add(row, max(col, 0), problem, unknown_year=True)
        self.known = known
        return known

    def allowed(self, codes: Sequence[str | None]) -> dict[int, npt.NDArray[np.bool_]]:
        """Per fiscal year, which of ``codes`` (distinct values) a row of that year may use."""
        return {
            year: np.array(
                [c is not None and (c in known or c in self.extras) for c in codes], dtype=bool
            )
            for year, known in self.known.items()
        }

    def unknown_code(
        self, row: int, col: int, raw: str, code: str, year: int, *, column: str
    ) -> Problem:
        known = self.known[year]
        close = _suggestions(code, known)
        valid = _ranges(known)
        near_th = f"ข้อที่ใกล้เคียง: {', '.join(close)}; " if close else ""
        near_en = f"one of the nearest: {', '.join(close)}; " if close else ""
        return self.cell_problem(
            row,
            col,
            raw,
            f"ไม่มีข้อ {code} ในกรอบการประเมินปีงบประมาณ {year}",
            f"code {code} is not in the FY{year} framework",
            f"{near_th}ข้อของปี {year}: {valid} หรือประกาศเป็นข้อนอกกรอบ (extra codes)",
            f"{near_en}the FY{year} codes are {valid}; or declare it as an extra code",
            column=column,
        )

    def long_cells(self, ok_row: npt.NDArray[np.bool_]) -> _Cells:
        table, roles = self.table, self.columns.roles
        code_col, score_col = roles["code"], roles["score"]
        row_pos = np.flatnonzero(ok_row)
        raw_codes = table.body[row_pos, code_col]
        ids, uniques = _factorize(raw_codes)
        normalised = [normalize_code(u) for u in uniques]
        allowed = self.allowed(normalised)
        codes = np.array(normalised, dtype=object)[ids]
        code_ok = np.zeros(len(row_pos), dtype=bool)
        year_row = self.year_row[row_pos]
        for year, allow in allowed.items():
            in_year = year_row == year
            code_ok[in_year] = allow[ids[in_year]]
        for i in np.flatnonzero(~code_ok).tolist():
            row = int(table.rows[row_pos[i]])
            raw = str(raw_codes[i])
            code = codes[i]
            if code is None:
                problem = self.cell_problem(
                    row,
                    code_col,
                    raw,
                    "ไม่มีรหัสข้อ" if not raw.strip() else "ไม่ใช่รหัสข้อคำถามหรือตัวชี้วัด",
                    "code is empty" if not raw.strip() else "is not an item or indicator code",
                    "รหัสข้อ เช่น i14, e1, o17 หรือ ind9",
                    "a code such as i14, e1, o17 or ind9",
                )
            else:
                problem = self.unknown_code(
                    row, code_col, raw, str(code), int(year_row[i]), column=self.header(code_col)
                )
            self.add(row, code_col, problem)
        return _Cells(
            row_pos,
            np.full(len(row_pos), score_col, dtype=np.intp),
            codes,
            table.body[row_pos, score_col],
            code_ok,
            pending=np.zeros(len(row_pos), dtype=bool),
        )

    def wide_cells(self, ok_row: npt.NDArray[np.bool_]) -> _Cells:
        table = self.table
        file_known = frozenset().union(*self.known.values()) if self.known else frozenset()
        columns: list[tuple[int, str]] = []
        for col, code in self.columns.codes:
            if code in file_known or code in self.extras:
                columns.append((col, code))
                continue
            # A header that reads as a code but exists in none of the file's years.
            years = sorted(self.known) or ([self.year] if self.year else [])
            if years and years[0] in self.known:
                problem = self.unknown_code(
                    table.header_row, col, self.header(col), code, years[0], column=self.header(col)
                )
                self.add(table.header_row, col, problem)
        rows_idx = np.flatnonzero(ok_row)
        if not columns or len(rows_idx) == 0:
            empty_i = np.zeros(0, dtype=np.intp)
            empty_b = np.zeros(0, dtype=bool)
            empty_o = np.zeros(0, dtype=object)
            return _Cells(empty_i, empty_i, empty_o, empty_o, empty_b, empty_b)
        col_idx = np.array([c for c, _ in columns], dtype=np.intp)
        col_codes = np.array([code for _, code in columns], dtype=object)
        k = len(columns)
        matrix = table.body[np.ix_(rows_idx, col_idx)]
        row_pos = np.repeat(rows_idx, k)
        score_col = np.tile(col_idx, len(rows_idx))
        code_pos = np.tile(np.arange(k), len(rows_idx))
        codes = col_codes[code_pos]
        raw_scores = matrix.ravel()
        allowed = self.allowed([str(c) for c in col_codes])
        year_row = self.year_row[row_pos]
        code_ok = np.zeros(len(row_pos), dtype=bool)
        for year, allow in allowed.items():
            in_year = year_row == year
            code_ok[in_year] = allow[code_pos[in_year]]
        # Columns of another year's items are blank on this year's rows: not an error, not data.
        # Whether a cell is blank is known only once scores are parsed, so run() decides.
        return _Cells(row_pos, score_col, codes, raw_scores, code_ok, pending=~code_ok)

    def score_problem(self, row: int, col: int, raw: str, status: int) -> None:
        if status == _SPACED:
            problem = self.cell_problem(
                row,
                col,
                raw,
                f"มีช่องว่างคั่นกลางตัวเลข จึงไม่รู้ว่าตั้งใจเขียน {_INVISIBLE.sub('', raw)} หรือค่าอื่น",
                f"has a space inside the number, so it may not be {_INVISIBLE.sub('', raw)}",
                "ตัวเลขที่ไม่มีช่องว่างคั่น เช่น 85 หรือ 85.5",
                "a number without spaces inside, such as 85 or 85.5",
            )
        elif status == _OUT_OF_RANGE:
            problem = self.cell_problem(
                row,
                col,
                raw,
                "คะแนนอยู่นอกช่วง 0–100",
                "score is outside 0–100",
                "ตัวเลขตั้งแต่ 0 ถึง 100",
                "a number from 0 to 100",
            )
        else:
            problem = self.cell_problem(
                row,
                col,
                raw,
                "ไม่ใช่ตัวเลข",
                "is not a number",
                "ตัวเลข 0–100 หรือเว้นว่าง/ใส่ - ถ้าไม่มีข้อมูล",
                "a number from 0 to 100, or an empty cell or - for no data",
            )
        self.add(row, col, problem)

    def deduplicate(
        self,
        good: npt.NDArray[np.bool_],
        org: npt.NDArray[np.object_],
        year: npt.NDArray[np.int64],
        codes: npt.NDArray[np.object_],
        values: npt.NDArray[np.float64],
        raw: npt.NDArray[np.object_],
        rows: npt.NDArray[np.int64],
        score_col: npt.NDArray[np.intp],
    ) -> npt.NDArray[np.bool_]:
        """Keep the first of identical repeats; report repeats whose values differ."""
        keep = good.copy()
        idx = np.flatnonzero(good)
        if len(idx) == 0:
            return keep
        org_ids, _ = pd.factorize(org[idx])
        year_ids, year_u = pd.factorize(year[idx])
        code_ids, code_u = pd.factorize(codes[idx])
        key = (org_ids.astype(np.int64) * len(year_u) + year_ids) * len(code_u) + code_ids
        dup = pd.Series(key).duplicated(keep=False).to_numpy()
        if not dup.any():
            return keep
        later = pd.Series(key).duplicated(keep="first").to_numpy()
        d = np.flatnonzero(dup)
        order = d[np.argsort(key[d], kind="stable")]
        sorted_key = key[order]
        start = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
        first = order[np.maximum.accumulate(np.where(start, np.arange(len(order)), 0))]
        v, fv = values[idx[order]], values[idx[first]]
        differs = ~((v == fv) | (np.isnan(v) & np.isnan(fv)))
        for j in np.flatnonzero(differs).tolist():
            a, b = idx[first[j]], idx[order[j]]
            where_a = self.table.where(int(rows[a]), int(score_col[a]))
            where_b = self.table.where(int(rows[b]), int(score_col[b]))
            shown_a, shown_b = _shown(raw[a]), _shown(raw[b])
            subject_th = f"หน่วยงาน {org[b]} ปี {year[b]} ข้อ {codes[b]}"
            subject_en = f"agency {org[b]}, FY{year[b]}, code {codes[b]}"
            self.add(
                int(rows[b]),
                int(score_col[b]),
                self.cell_problem(
                    int(rows[b]),
                    int(score_col[b]),
                    shown_b,
                    f"{subject_th} มีคะแนนสองค่าไม่ตรงกัน: {shown_a} ที่{_th_where(where_a)}"
                    f" และ {shown_b} ที่{_th_where(where_b)}",
                    f"{subject_en} has two different scores: {shown_a} at {where_a}"
                    f" and {shown_b} at {where_b}",
                    "คะแนนเดียวต่อหน่วยงาน ปี และข้อ (ลบแถวที่ผิดออก)",
                    "one score per agency, year and code (delete the wrong row)",
                ),
            )
        keep[idx[later]] = False
        return keep


def _shown(raw: object) -> str:
    text = str(raw).strip()
    return text if text else "(ว่าง/blank)"
