"""Score files as people have them: CSV or XLSX, long or wide, item or indicator codes, or the
officers' template (แม่แบบกรอกคะแนน).

Loading must never misread in silence: every value becomes a score in 0–100, an explicit blank
(NaN, never zero), or an InputError naming the file, row/cell, column and value. A workbook is
read as the officer sees it: its visible sheets, percent cells as the points they show, and a
formula only through the result Excel saved; its size is bounded before it is unpacked.

:func:`load_scores` picks the reader of a CSV, XLSX or template file (:func:`load_parquet` reads
the national-scale Parquet ones). ``table`` holds what every reader returns, ``cells`` the one
set of cell rules, ``tabular`` and ``checks`` the CSV/XLSX tables, ``template`` the officers'
workbook, ``workbook`` what any Excel file is read through.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ita_report.scores.cells import (
    Uncached,
    clean_org_id,
    framework_codes,
    normalise_extra_codes,
)
from ita_report.scores.checks import _Loader
from ita_report.scores.parquet import PARQUET_SUFFIXES, load_parquet
from ita_report.scores.table import COLUMNS, AgencyScores, ScoreTable
from ita_report.scores.tabular import HEADER_ALIASES, _read_table
from ita_report.scores.tabular import _split_header as _split_header
from ita_report.scores.workbook import (
    MAX_XLSX_CELLS,
    MAX_XLSX_ROWS,
    MAX_XLSX_UNPACKED,
    check_workbook_size,
    sheet_rows,
)

__all__ = [
    "COLUMNS",
    "HEADER_ALIASES",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_ROWS",
    "MAX_XLSX_UNPACKED",
    "PARQUET_SUFFIXES",
    "AgencyScores",
    "ScoreTable",
    "Uncached",
    "check_workbook_size",
    "load_parquet",
    "load_scores",
    "sheet_rows",
]

# The private names code written against the one-file scores.py reached for (explore.tables's
# roster reads _clean_org_id until roster.py has its own reader; issue 15), with _Loader and
# _split_header above.
_clean_org_id = clean_org_id
_framework_codes = framework_codes
_normalise_extra_codes = normalise_extra_codes


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
    extras = normalise_extra_codes(extra_codes)
    if year is not None:
        year = int(year)
        framework_codes(year, file)
    if file.suffix.lower() in (".xlsx", ".xlsm") and file.is_file():
        check_workbook_size(file)  # before anything unpacks it
        # The officers' template (ita-report template): a sheet per tool plus an agency sheet.
        from ita_report.scores import template

        if template.is_template(file):
            return template.read_template(file, year=year, extra_codes=extras)
    table = _read_table(file)
    return _Loader(table, year, extras).run()
