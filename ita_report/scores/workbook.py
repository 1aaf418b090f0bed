"""Excel workbooks read as the officer sees them: bounded before they are unpacked, percent cells
as the points they show, a formula only through the result Excel saved.

Nothing here decides what a cell means; :mod:`ita_report.scores.cells` does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ita_report.errors import InputError, file_problem
from ita_report.scores.cells import Uncached

#: The most a workbook may unpack to (its XML, summed over the zip's members, as declared in
#: the zip, which is also the most Python's zipfile will inflate). A score file for every
#: agency in the country unpacks to under 150 MB; a 5 MB "zip bomb" can unpack to gigabytes.
MAX_XLSX_UNPACKED = 200_000_000
#: Rows of one sheet read at most: Excel's own limit, so no file Excel wrote goes past it.
MAX_XLSX_ROWS = 1_048_576
#: Cells of one sheet (rows × widest row) held at most.
MAX_XLSX_CELLS = 20_000_000


def open_workbook(file: Path, *, data_only: bool = True,
                  max_unpacked: int = MAX_XLSX_UNPACKED) -> Any:
    """The one way this package opens a workbook: its size checked (:func:`check_workbook_size`)
    before openpyxl unpacks anything, then opened read-only (cells parsed as they are read).

    A file too big is an ``InputError``; one that is no workbook at all raises what openpyxl
    raises, for the caller to say what it expected instead.
    """
    import openpyxl

    check_workbook_size(file, max_unpacked=max_unpacked)
    return openpyxl.load_workbook(file, read_only=True, data_only=data_only)


def check_workbook_size(file: Path, *, max_unpacked: int = MAX_XLSX_UNPACKED) -> None:
    """Refuse a workbook that would unpack past ``max_unpacked`` bytes, before opening it.

    A file that is not a zip at all is left to the reader, which says so properly.
    """
    import zipfile

    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    unpacked = sum(m.file_size for m in members)
    if max_unpacked != MAX_XLSX_UNPACKED and (unpacked > max_unpacked or len(members) > 10_000):
        # Not a score file (a progress sheet): bounded far lower, said without "score file".
        raise InputError(
            file_problem(
                file,
                f"ไฟล์ Excel นี้เมื่อคลายออกมีขนาด {unpacked / 1e6:,.1f} MB เกินกว่าที่รับได้"
                f" ({max_unpacked / 1e6:,.0f} MB)",
                f"this workbook unpacks to {unpacked / 1e6:,.1f} MB, more than the"
                f" {max_unpacked / 1e6:,.0f} MB allowed for it",
                value=f"{len(members):,} members, {unpacked:,} bytes unpacked",
                expected_th="ไฟล์ที่ ita-report เขียนให้ (ตรวจว่าเลือกไฟล์ถูก)",
                expected_en="the file ita-report wrote (check it is the right file)",
            )
        )
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

