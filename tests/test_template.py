"""The officers' score template: written for a year, filled in Excel, read back as scores."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ita_report.cli import main
from ita_report.errors import InputError
from ita_report.officer.template import INSTRUCTIONS_SHEET, write_template
from ita_report.scores import load_scores
from ita_report.scores.template import AGENCY_SHEET, TemplateAgency, is_template, read_agency

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "chaemae-2566-scores.csv"


def fill_from_sample(path: Path, *, skip: frozenset[str] = frozenset()) -> dict[str, float]:
    """Type the sample agency's scores into a template, as an officer would (numbers)."""
    sample = pd.read_csv(SAMPLE)
    scores = {str(c): float(s) for c, s in zip(sample["code"], sample["score"], strict=True)}
    workbook = openpyxl.load_workbook(path)
    typed: dict[str, float] = {}
    for name in ("IIT", "EIT", "OIT"):
        sheet = workbook[name]
        for row in range(2, sheet.max_row + 1):
            code = sheet.cell(row=row, column=1).value
            if code in scores and code not in skip:
                sheet.cell(row=row, column=4).value = scores[code]
                typed[code] = scores[code]
    workbook.save(path)
    return typed


def set_cells(path: Path, values: dict[str, object]) -> None:
    workbook = openpyxl.load_workbook(path)
    for ref, value in values.items():
        sheet, cell = ref.split("!")
        workbook[sheet][cell] = value
    workbook.save(path)


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    return write_template(2566, tmp_path / "scores.xlsx", TemplateAgency(org_id="chaemae",
                                                                          org_name="เทศบาลเมืองแฉะแม่"))


@pytest.fixture
def filled(blank: Path) -> Path:
    fill_from_sample(blank)
    return blank


def error_text(path: Path, **kwargs: object) -> str:
    with pytest.raises(InputError) as caught:
        load_scores(path, **kwargs)  # type: ignore[arg-type]
    return str(caught.value)


def test_sheets_a_tool_each_with_every_item(blank: Path) -> None:
    workbook = openpyxl.load_workbook(blank)
    assert workbook.sheetnames == [INSTRUCTIONS_SHEET, AGENCY_SHEET, "IIT", "EIT", "OIT"]
    iit = workbook["IIT"]
    assert [c.value for c in iit[1]] == [
        "รหัสข้อ (code)", "ข้อคำถาม (wording)", "ตัวชี้วัด (indicator)", "คะแนน (score)"
    ]
    codes = [iit.cell(row=r, column=1).value for r in range(2, 32)]
    assert codes == [f"i{n}" for n in range(1, 31)]
    assert iit["A17"].value == "i16"
    assert iit["C17"].value.startswith("3 ")  # indicator 3 การใช้อำนาจ
    assert iit["D17"].value is None  # empty: to be filled in
    oit = workbook["OIT"]
    assert oit["A44"].value == "o43"  # FY2566 has o1–o43
    assert "9.1" in str(oit["C2"].value)  # OIT items show their sub-indicator
    assert oit.protection.sheet and not oit["D2"].protection.locked and oit["A2"].protection.locked


def test_score_cells_are_validated_0_to_100_with_a_thai_message(blank: Path) -> None:
    sheet = openpyxl.load_workbook(blank)["IIT"]
    rules = sheet.data_validations.dataValidation
    score_rules = [r for r in rules if "D17" in r.sqref]
    assert len(score_rules) == 1
    rule = score_rules[0]
    # A custom rule, so Thai digits pass as the instructions say: each Thai digit becomes its
    # Arabic one, and the value must lie within 0–100 (50 ± 50).
    assert rule.type == "custom" and len(rule.formula1) <= 255
    assert rule.formula1.startswith("ABS(VALUE(") and rule.formula1.endswith(")-50)<=50")
    assert all(f'"{d}",{n})' in rule.formula1 for n, d in enumerate("๐๑๒๓๔๕๖๗๘๙"))
    assert "D2" in rule.formula1 and str(rule.sqref).startswith("D2:")
    assert rule.allow_blank and rule.showErrorMessage
    assert "0 ถึง 100" in rule.error and "เลขไทย" in rule.error


def test_every_code_has_its_wording_rows_fit_thai_and_it_prints_one_page_wide(
    blank: Path,
) -> None:
    from ita_report.framework import load_framework

    framework = load_framework(2566)
    workbook = openpyxl.load_workbook(blank)
    for tool in ("IIT", "EIT", "OIT"):
        sheet = workbook[tool]
        rows = [r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value]
        for r in rows:
            code = sheet.cell(row=r, column=1).value
            wording = sheet.cell(row=r, column=2).value
            assert wording and wording == framework.item_label(code), code
            # 24 pt a line of 14 pt Thai: marks above and below the letters are not clipped.
            assert sheet.row_dimensions[r].height >= 24, code
        longest = max(rows, key=lambda r: len(str(sheet.cell(row=r, column=2).value)))
        if len(str(sheet.cell(row=longest, column=2).value)) > 150:  # wraps: taller
            assert sheet.row_dimensions[longest].height >= 48, tool
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"


def test_agency_and_instructions_sheets(blank: Path) -> None:
    workbook = openpyxl.load_workbook(blank)
    agency = workbook[AGENCY_SHEET]
    labels = [agency.cell(row=r, column=1).value for r in range(2, 9)]
    assert labels[0] == "รหัสหน่วยงาน (org_id)"
    assert labels[-1] == "ปีงบประมาณ พ.ศ. (fiscal_year)"
    assert agency["B2"].value == "chaemae" and agency["B8"].value == 2566
    text = " ".join(str(c.value) for c in workbook[INSTRUCTIONS_SHEET]["A"] if c.value)
    for needed in ("org_id", "ไม่มีข้อมูล", "ita-report new", "ita-report run", "IIT!D17"):
        assert needed in text
    assert read_agency(blank) == TemplateAgency(org_id="chaemae", org_name="เทศบาลเมืองแฉะแม่",
                                                fiscal_year=2566)


def test_the_instructions_print_on_one_page_uncut(blank: Path, tmp_path: Path) -> None:
    # Issue 24: LibreOffice printed the instructions cut off at both edges across two pages.
    import shutil
    import subprocess

    from pypdf import PdfReader

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) missing")
    workbook = openpyxl.load_workbook(blank)
    for sheet in workbook.worksheets[1:]:
        workbook.remove(sheet)
    workbook.save(tmp_path / "instructions.xlsx")
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "instructions.xlsx")],
        capture_output=True, text=True, timeout=180, check=False)
    if not (tmp_path / "instructions.pdf").exists():
        pytest.skip(f"LibreOffice cannot open .xlsx here (Calc missing?): {done.stderr[-200:]}")
    pages = PdfReader(str(tmp_path / "instructions.pdf")).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    spans: list[float] = []

    def visit(text: str, _cm: object, tm: list[float], *_rest: object) -> None:
        if text.strip():
            spans.append(tm[4])

    text = pages[0].extract_text(visitor_text=visit)
    assert "ITA score template for fiscal year 2566" in text and "ita-report run." in text
    # Every line starts inside the page, not cut off at its left edge.
    assert spans and min(spans) >= float(box.left)


def test_filled_template_reads_back_as_a_score_file(filled: Path) -> None:
    assert is_template(filled)
    table = load_scores(filled, year=2566)
    assert table.layout == "template"
    assert table.agencies() == [("chaemae", 2566)]
    agency = table.for_agency("chaemae", 2566)
    assert agency.org_name == "เทศบาลเมืองแฉะแม่"
    assert agency.scores["e1"] == 84.77 and agency.scores["o17"] == 0.0
    row = table.frame[table.frame["code"] == "i16"].iloc[0]
    assert row["where"] == "IIT!D17"


def test_empty_cell_is_no_data_never_zero(blank: Path) -> None:
    fill_from_sample(blank, skip=frozenset({"i5", "o30"}))
    scores = load_scores(blank, year=2566).for_agency("chaemae", 2566).scores
    assert scores["i5"] is None and scores["o30"] is None
    frame = load_scores(blank).frame
    assert math.isnan(float(frame.loc[frame["code"] == "i5", "score"].iloc[0]))


def test_thai_digits_and_text_numbers_are_read(filled: Path) -> None:
    set_cells(filled, {"IIT!D17": "๘๔.๕", "EIT!D2": " 90 "})
    scores = load_scores(filled, year=2566).for_agency("chaemae", 2566).scores
    assert scores["i16"] == 84.5 and scores["e1"] == 90.0


def test_wrong_value_is_named_by_sheet_and_cell(filled: Path) -> None:
    set_cells(filled, {"IIT!D17": 185, "OIT!D3": "ครบ"})
    message = error_text(filled, year=2566)
    assert "IIT!D17" in message and '"185"' in message and "i16" in message
    assert "0–100" in message
    assert "OIT!D3" in message and '"ครบ"' in message  # every problem at once
    assert "scores.xlsx" in message


def test_code_outside_the_framework(filled: Path) -> None:
    set_cells(filled, {"IIT!A32": "i37", "IIT!D32": 70})
    message = error_text(filled, year=2566)
    assert "IIT!A32" in message and "extra_codes" in message
    table = load_scores(filled, year=2566, extra_codes=["i37"])
    assert table.for_agency("chaemae", 2566).extra == {"i37": 70.0}
    set_cells(filled, {"IIT!D32": None})  # a typed code without a score says nothing
    assert "i37" not in load_scores(filled, year=2566).for_agency("chaemae", 2566).scores


def test_same_code_twice_with_different_scores(filled: Path) -> None:
    set_cells(filled, {"IIT!A32": "i1", "IIT!D32": 10})
    message = error_text(filled, year=2566)
    assert "IIT!D2" in message and "IIT!D32" in message


def test_missing_org_id_and_blank_template(blank: Path) -> None:
    set_cells(blank, {f"{AGENCY_SHEET}!B2": None})
    message = error_text(blank, year=2566)
    assert f"{AGENCY_SHEET}!B2" in message and "org_id" in message
    set_cells(blank, {f"{AGENCY_SHEET}!B2": "chaemae"})
    message = error_text(blank, year=2566)  # nothing filled in: surely the blank template
    assert "ยังไม่ได้กรอกคะแนน" in message


def test_template_of_another_year(filled: Path) -> None:
    message = error_text(filled, year=2567)
    assert f"{AGENCY_SHEET}!B8" in message and "ita-report template --year 2567" in message


def test_cli_template_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "คะแนน-2567.xlsx"
    assert main(["template", "--year", "2567", "--out", str(out), "--org-id", "nongbua"]) == 0
    assert is_template(out) and read_agency(out).org_id == "nongbua"
    assert len([c for c in openpyxl.load_workbook(out)["OIT"]["A"] if c.value]) == 34  # o1–o33
    assert main(["template", "--year", "2567", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["template", "--year", "2567", "--out", str(out), "--force"]) == 0
    assert main(["template", "--year", "2599", "--out", str(tmp_path / "x.xlsx")]) == 2


@pytest.mark.parametrize(
    ("year", "last_oit", "level"),
    [(2565, "o43", "A"), (2569, "o26", "ผ่านดี")],
)
def test_template_then_summarize_for_fy2565_and_fy2569(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: int, last_oit: str, level: str
) -> None:
    from ita_report.framework import load_framework

    out = tmp_path / f"scores-{year}.xlsx"
    assert main(["template", "--year", str(year), "--out", str(out), "--org-id", "nongbua"]) == 0
    workbook = openpyxl.load_workbook(out)
    assert workbook[AGENCY_SHEET]["B8"].value == year
    oit = [c.value for c in workbook["OIT"]["A"][1:] if c.value]
    fw = load_framework(year)
    assert oit == [i.code for i in fw.items() if i.code[0] == "o"] and oit[-1] == last_oit
    measures = fw.documents.measures  # o42 in FY2565, o25 in FY2569: with its wording
    assert measures is not None
    row = oit.index(measures) + 2
    assert workbook["OIT"][f"B{row}"].value == fw.item(measures).text_th  # type: ignore[union-attr]
    # Filled (IIT and EIT 90, every OIT item published) and read back as that year's scores.
    for sheet, value in (("IIT", 90), ("EIT", 90), ("OIT", 100)):
        for r in range(2, workbook[sheet].max_row + 1):
            if workbook[sheet].cell(row=r, column=1).value:
                workbook[sheet].cell(row=r, column=4).value = value
    workbook.save(out)
    capsys.readouterr()
    assert main(["summarize", str(out), "--year", str(year), "--format", "csv"]) == 0
    line = capsys.readouterr().out.splitlines()[1].split(",")
    assert line[:7] == ["nongbua", str(year), "90.0", "90.0", "100.0", "94.0", level]
# -- read as the officer sees it, or refused (issue 12) -------------------------------------------
def test_a_percent_formatted_score_is_the_points_it_shows(filled: Path) -> None:
    # Case 2: an officer who formats the column as 0.00% types 84.77 and Excel keeps 0.8477.
    workbook = openpyxl.load_workbook(filled)
    cell = workbook["EIT"]["D2"]
    cell.value, cell.number_format = 0.8477, "0.00%"
    workbook.save(filled)
    assert load_scores(filled, year=2566).for_agency("chaemae", 2566).scores["e1"] == 84.77


def test_a_hidden_tool_sheet_is_refused(filled: Path) -> None:
    # Case 3: a hidden sheet is not what the officer looks at; its scores may be stale.
    workbook = openpyxl.load_workbook(filled)
    workbook["OIT"].sheet_state = "hidden"
    workbook.save(filled)
    message = error_text(filled, year=2566)
    assert "ชีต OIT" in message and "sheet OIT is hidden" in message


def test_a_score_formula_without_a_saved_result_is_refused(filled: Path) -> None:
    # Case 6: read as empty, the item would silently become "no data".
    set_cells(filled, {"EIT!D2": "=AVERAGE(F2:G2)"})
    message = error_text(filled, year=2566)
    assert "EIT!D2" in message and '"=AVERAGE(F2:G2)"' in message
    assert "สูตร" in message and "formula" in message


def test_a_space_inside_a_typed_score_is_refused(filled: Path) -> None:
    # Case 10: "8 5" was read as 85.
    set_cells(filled, {"EIT!D2": "8 5"})
    message = error_text(filled, year=2566)
    assert "EIT!D2" in message and "ช่องว่าง" in message and "space inside" in message


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_summarize_never_writes_over_its_input_or_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    # Issue 21 case 3: --out naming the filled workbook replaced it with the text table.
    filled = tmp_path / "filled.xlsx"
    assert main(["template", "--year", "2566", "--out", str(filled), "--org-id", "nongbua"]) == 0
    workbook = openpyxl.load_workbook(filled)
    for sheet in ("IIT", "EIT", "OIT"):
        for r in range(2, workbook[sheet].max_row + 1):
            if workbook[sheet].cell(row=r, column=1).value:
                workbook[sheet].cell(row=r, column=4).value = 90
    workbook.save(filled)
    before = filled.read_bytes()
    for force in ([], ["--force"]):
        capsys.readouterr()
        assert main(["summarize", str(filled), "--year", "2566", "--format", fmt,
                     "--out", str(tmp_path / "." / "filled.xlsx"), *force]) == 2
        err = capsys.readouterr().err
        assert "ไฟล์ที่อ่านเข้ามา" in err and "read as input" in err and "Traceback" not in err
        assert filled.read_bytes() == before and is_template(filled)
    other = tmp_path / "summary.txt"
    other.write_text("keep", encoding="utf-8")
    assert main(["summarize", str(filled), "--year", "2566", "--out", str(other)]) == 2
    assert "--force" in capsys.readouterr().err and other.read_text(encoding="utf-8") == "keep"
    assert main(["summarize", str(filled), "--year", "2566", "--out", str(other), "--force"]) == 0
    assert "nongbua" in other.read_text(encoding="utf-8")


def test_a_formula_like_agency_name_in_the_template_stays_text(tmp_path: Path) -> None:
    # Issue 21 case 6: --org-name "=…" became a live formula in the agency sheet.
    import zipfile

    out = tmp_path / "t.xlsx"
    name = '=HYPERLINK("http://evil.example","x")'
    assert main(["template", "--year", "2567", "--out", str(out), "--org-name", name]) == 0
    book = openpyxl.load_workbook(out)
    cells = [c for s in book.worksheets for r in s.iter_rows() for c in r]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [c.quotePrefix for c in cells if c.value == name] == [True]
    assert read_agency(out).org_name == name
    with zipfile.ZipFile(out) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist()
                       if n.startswith("xl/worksheets/"))
