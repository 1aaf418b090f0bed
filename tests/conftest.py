"""Shared helpers: a score template filled in as an officer fills it (agency sheet and scores)."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The sample agency of FY2567 (data/samples/other-2567-scores.csv), as its officer types it.
SAMPLE_AGENCY = {
    "org_id": "sample-tambon",
    "org_name": "องค์การบริหารส่วนตำบลตัวอย่าง",
    "short_name": "อบต.ตัวอย่าง",
    "org_type": "อบต.",
    "district": "อำเภอตัวอย่าง",
    "province": "ตัวอย่าง",
}


def fill_template(
    path: Path,
    *,
    year: int = 2567,
    agency: Mapping[str, str] = SAMPLE_AGENCY,
    scores_csv: Path = ROOT / "data" / "samples" / "other-2567-scores.csv",
    thai_digits: bool = False,
) -> Path:
    """``ita-report template`` for ``year``, then filled in: the agency sheet with ``agency``
    and column D of each tool sheet with the sample's scores (typed in Thai digits if asked)."""
    import openpyxl

    from ita_report.officer.template import write_template
    from ita_report.scores.template import AGENCY_FIELDS, TOOL_SHEETS
    from ita_report.thai import digits

    write_template(year, path)
    with scores_csv.open(encoding="utf-8") as handle:
        scores = {row["code"]: row["score"] for row in csv.DictReader(handle)}
    book = openpyxl.load_workbook(path)
    sheet = book["หน่วยงาน"]
    for row, (key, _label, _help) in enumerate(AGENCY_FIELDS, start=2):
        if key in agency:
            sheet.cell(row=row, column=2, value=agency[key])
    for tool in TOOL_SHEETS:
        sheet = book[tool]
        for row in range(2, sheet.max_row + 1):
            code = sheet.cell(row=row, column=1).value
            if scores.get(code):
                value: str | float = (
                    digits(scores[code], thai=True) if thai_digits else float(scores[code])
                )
                sheet.cell(row=row, column=4, value=value)
    book.save(path)
    return path
