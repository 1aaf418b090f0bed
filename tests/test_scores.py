"""Score files the way officers and the NACC export them, and the errors a person sees."""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from ita_report.errors import InputError, UnknownYearError
from ita_report.framework import load_framework
from ita_report.scores import COLUMNS, ScoreTable, load_scores

FIXTURES = Path(__file__).parent / "fixtures"
THAI = re.compile(r"[\u0e00-\u0e7f]")
CHAEMAE = ("5520101", 2566)
LAMPANG_2564 = {
    "ind1": 93.55,
    "ind2": 87.72,
    "ind3": 91.01,
    "ind4": 87.93,
    "ind5": 89.52,
    "ind6": 90.55,
    "ind7": 88.68,
    "ind8": 88.58,
    "ind9": 72.89,
    "ind10": 65.56,
}


def fixture(name: str) -> Path:
    return FIXTURES / name


def error_of(path: Path, **kwargs: object) -> InputError:
    with pytest.raises(InputError) as caught:
        load_scores(path, **kwargs)  # type: ignore[arg-type]
    return caught.value


def assert_names(message: str, *parts: str) -> None:
    for part in parts:
        assert part in message, f"{part!r} missing from:\n{message}"


def assert_bilingual(message: str, thai: str, english: str) -> None:
    assert THAI.search(message) and thai in message, message
    assert english in message, message


# -- files that load ----------------------------------------------------------------------------


def test_long_utf8_keeps_blanks_as_no_data_and_zero_as_zero() -> None:
    table = load_scores(fixture("scores_long_utf8.csv"))
    assert list(table.frame.columns) == list(COLUMNS)
    assert table.layout == "long"
    assert table.agencies() == [CHAEMAE, ("6450102", 2566)]

    chaemae = table.for_agency(*CHAEMAE)
    assert chaemae.org_name == "เทศบาลตำบลแจ้ห่ม"
    assert chaemae.scores["e1"] == pytest.approx(84.77)
    assert chaemae.scores["o17"] == 100.0
    assert chaemae.scores["ind9"] == 72.5
    # An empty cell and a dash both mean "no data", never zero.
    assert chaemae.scores["o5"] is None
    assert chaemae.scores["o42"] is None
    assert chaemae.source.endswith("scores_long_utf8.csv")

    assert table.for_agency("6450102", 2566).scores["e1"] == 0.0


def test_long_utf8_identical_repeat_is_kept_once() -> None:
    table = load_scores(fixture("scores_long_utf8.csv"))
    e1 = table.frame[(table.frame.org_id == "5520101") & (table.frame.code == "e1")]
    assert list(e1["where"]) == ["row 2"]


def test_long_utf8_frame_types() -> None:
    frame = load_scores(fixture("scores_long_utf8.csv")).frame
    assert frame["fiscal_year"].dtype == np.int64
    assert frame["score"].dtype == np.float64
    assert frame["score"].isna().sum() == 2
    assert all(isinstance(v, str) for v in frame["org_id"])
    assert frame["where"].iloc[0] == "row 2"


def test_long_bom_reads_like_utf8() -> None:
    plain = load_scores(fixture("scores_long_utf8.csv"))
    bom = load_scores(fixture("scores_long_bom.csv"))
    pd.testing.assert_frame_equal(plain.frame, bom.frame)
    assert bom.frame["org_id"].iloc[0] == "5520101"  # no BOM glued to the first header or value


def test_cp874_thai_names_and_thai_digits_come_out_right() -> None:
    table = load_scores(fixture("scores_cp874.csv"))
    assert table.encoding == "cp874"
    agency = table.for_agency(*CHAEMAE)
    assert agency.org_name == "เทศบาลตำบลแจ้ห่ม"
    assert agency.scores == {"e1": pytest.approx(84.77), "i14": 91.5, "o17": 100.0}


def test_wide_indicators_2564_province() -> None:
    table = load_scores(fixture("scores_wide_indicators_2564.csv"))
    assert table.layout == "wide"
    assert table.agencies() == [("PROV-52", 2564), ("5520101", 2564)]
    province = table.for_agency("PROV-52", 2564)
    assert province.org_name == "จังหวัดลำปาง"
    assert province.scores == pytest.approx(LAMPANG_2564)
    # Columns that are neither codes nor known columns are reported, not read.
    assert table.ignored_columns == ("ITA", "หมายเหตุ")


def test_wide_indicators_2564_thai_year_and_blanks() -> None:
    agency = load_scores(fixture("scores_wide_indicators_2564.csv")).for_agency("5520101", 2564)
    assert agency.fiscal_year == 2564  # written ๒๕๖๔
    assert agency.scores["ind3"] is None
    assert agency.scores["ind5"] is None  # "-"
    assert agency.scores["ind10"] == pytest.approx(70.25)


def test_thai_digit_codes_and_scores() -> None:
    agency = load_scores(fixture("scores_thai_digit_codes.csv")).for_agency(*CHAEMAE)
    assert agency.scores == pytest.approx(
        {"i14": 84.77, "o17": 100.0, "e1": 75.0, "e5": 90.5, "ind9": 72.89}
    )


def test_wide_thai_headers_are_codes() -> None:
    agency = load_scores(fixture("scores_wide_thai_headers.csv")).for_agency(*CHAEMAE)
    assert agency.scores == pytest.approx({"i14": 91.5, "o17": 100.0, "e1": 84.77})


def test_extra_codes_are_kept_apart_from_framework_scores() -> None:
    table = load_scores(fixture("scores_extra_codes.csv"), extra_codes=("ข้อ I ๓๗", "i48"))
    agency = table.for_agency(*CHAEMAE)
    assert agency.scores == {"i14": 91.5}
    assert agency.extra == {"i37": 62.5, "i48": None}


def test_extra_codes_undeclared_are_errors() -> None:
    message = str(error_of(fixture("scores_extra_codes.csv")))
    assert_names(message, "scores_extra_codes.csv", "row 3", '"i37"', "row 4", '"i48"')


def test_extra_codes_must_be_codes() -> None:
    with pytest.raises(ValueError, match="budget"):
        load_scores(fixture("scores_extra_codes.csv"), extra_codes=("budget",))


def test_multi_year_file_filtered_by_year() -> None:
    table = load_scores(fixture("scores_multi_year.csv"), year=2567)
    assert table.agencies() == [("5520101", 2567)]
    assert table.for_agency("5520101", 2567).scores == {"e1": 88.1, "o33": 100.0}
    assert set(table.frame["fiscal_year"]) == {2567}


def test_multi_year_file_without_the_asked_year() -> None:
    message = str(error_of(fixture("scores_multi_year.csv"), year=2568))
    assert_names(message, "scores_multi_year.csv", "2568", "2566, 2567")
    assert_bilingual(message, "ไม่มีข้อมูลของปีงบประมาณ", "has no rows for fiscal year 2568")


def test_no_year_column_needs_the_year() -> None:
    table = load_scores(fixture("scores_no_year_column.csv"), year=2566)
    assert table.agencies() == [CHAEMAE]
    message = str(error_of(fixture("scores_no_year_column.csv")))
    assert_names(message, "scores_no_year_column.csv", "fiscal_year", "org_id, code, score")


def test_year_argument_without_framework() -> None:
    with pytest.raises(UnknownYearError) as caught:
        load_scores(fixture("scores_long_utf8.csv"), year=2570)
    assert_names(str(caught.value), "scores_long_utf8.csv", "2570", "2566")


def test_for_agency_accepts_thai_digits_and_names_a_missing_agency() -> None:
    table = load_scores(fixture("scores_long_utf8.csv"))
    assert table.for_agency("๕๕๒๐๑๐๑", 2566).scores["e1"] == pytest.approx(84.77)
    with pytest.raises(InputError) as caught:
        table.for_agency("5520199", 2566)
    assert_names(str(caught.value), "scores_long_utf8.csv", "5520199", "5520101")
    with pytest.raises(InputError) as caught:
        table.for_agency("5520101", 2567)
    assert_names(str(caught.value), "2567", "2566")


def test_wide_file_of_two_years_skips_other_years_blank_items(tmp_path: Path) -> None:
    # o34–o43 exist in FY2566 only; FY2567 rows leave them empty.
    items = [f"o{n}" for n in range(30, 44)]
    header = ",".join(["org_id", "fiscal_year", *items])
    row_2566 = ",".join(["5520101", "2566", *["100"] * len(items)])
    row_2567 = ",".join(["5520101", "2567", *(["0"] * 4 + [""] * 10)])
    path = tmp_path / "scores_wide_two_years.csv"
    path.write_text(f"{header}\n{row_2566}\n{row_2567}\n", encoding="utf-8")
    table = load_scores(path)
    assert len(table.for_agency("5520101", 2566).scores) == 14
    assert table.for_agency("5520101", 2567).scores == {"o30": 0, "o31": 0, "o32": 0, "o33": 0}

    filled = ",".join(["5520101", "2567", *(["0"] * 10 + ["100"] + [""] * 3)])
    path.write_text(f"{header}\n{row_2566}\n{filled}\n", encoding="utf-8")
    message = str(error_of(path))
    assert_names(message, "row 3", "column o40", '"100"', "FY2567")


# -- XLSX -----------------------------------------------------------------------------------------


def _write_wide_items_xlsx(path: Path, *, bad: object = None) -> list[str]:
    codes = sorted(
        (c for c in load_framework(2566).known_codes() if not c.startswith("ind")),
        key=lambda c: ("ieo".index(c[0]), int(c[1:])),
    )
    workbook = openpyxl.Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "คำอธิบาย"
    cover["A1"] = "คะแนน ITA รายข้อ ปีงบประมาณ 2566"
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ปีงบประมาณ", *codes])
    first: list[object] = [
        "5520101",
        "เทศบาลตำบลแจ้ห่ม",
        2566,
        *[float(n % 101) for n in range(len(codes))],
    ]
    first[3] = "๘๔.๗๗"  # i1 typed with Thai digits
    first[4] = None  # i2 left empty
    first[5] = "-"  # i3 dash
    second: list[object] = [6450102, "อบต.บ้านสา", "๒๕๖๖", *[100] * len(codes)]
    if bad is not None:
        second[4] = bad  # i2 of row 3: cell E3
    sheet.append(first)
    sheet.append(second)
    workbook.save(path)
    return codes


def test_wide_items_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "scores_wide_items.xlsx"
    codes = _write_wide_items_xlsx(path)
    table = load_scores(path)
    assert table.encoding is None
    assert table.agencies() == [CHAEMAE, ("6450102", 2566)]
    agency = table.for_agency(*CHAEMAE)
    assert list(agency.scores) == codes
    assert agency.scores["i1"] == pytest.approx(84.77)
    assert agency.scores["i2"] is None
    assert agency.scores["i3"] is None
    assert agency.scores["i4"] == 3.0
    assert table.for_agency("6450102", 2566).scores["o43"] == 100.0
    where = table.frame.set_index(["org_id", "code"])["where"]
    assert where[("5520101", "i1")] == "Sheet1!D2"
    assert where[("6450102", "i2")] == "Sheet1!E3"


def test_wide_items_xlsx_bad_cell_is_named_by_sheet_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "scores_wide_items_bad.xlsx"
    _write_wide_items_xlsx(path, bad=185.0)
    message = str(error_of(path))
    assert_names(message, "scores_wide_items_bad.xlsx", "Sheet1!E3", "column i2", '"185"')
    assert_bilingual(message, "นอกช่วง 0–100", "score is outside 0–100")


def test_xlsx_that_is_a_text_file() -> None:
    message = str(error_of(fixture("scores_text_named_xlsx.xlsx")))
    assert_names(message, "scores_text_named_xlsx.xlsx")
    assert_bilingual(message, "ไม่ใช่ไฟล์ CSV หรือ XLSX", "not a CSV or XLSX file")


# -- files that do not load: each names file, place, column and value, in Thai and English ---------


def test_out_of_range() -> None:
    error = error_of(fixture("scores_out_of_range.csv"))
    assert len(error.problems) == 2
    message = str(error)
    assert_names(message, "scores_out_of_range.csv", "row 3", "แถว 3", "column score", '"120"')
    assert_names(message, "row 4", '"-5"')
    assert_bilingual(message, "คะแนนอยู่นอกช่วง 0–100", "score is outside 0–100")


def test_not_a_number() -> None:
    error = error_of(fixture("scores_not_a_number.csv"))
    message = str(error)
    assert_names(message, "scores_not_a_number.csv", "row 3", "column score", '"ดีมาก"')
    assert_names(message, "row 4", '"84,77"')
    assert_bilingual(message, "ไม่ใช่ตัวเลข", "is not a number")


def test_duplicate_conflict_names_both_rows() -> None:
    error = error_of(fixture("scores_duplicate_conflict.csv"))
    assert len(error.problems) == 1  # rows 3 and 4 repeat the same i14 value: fine
    message = str(error)
    assert_names(message, "scores_duplicate_conflict.csv", "row 5", "row 2", "แถว 2", "แถว 5")
    assert_names(message, "column score", '"48.77"', "84.77", "e1")
    assert_bilingual(message, "สองค่าไม่ตรงกัน", "two different scores")


def test_unknown_code_suggests_nearest() -> None:
    error = error_of(fixture("scores_unknown_code.csv"))
    message = str(error)
    assert_names(message, "scores_unknown_code.csv", "row 3", "column code", '"i48"', "i4", "i8")
    # o43 exists in FY2566 but not in FY2567: the row's year decides.
    assert_names(message, "row 4", '"o43"', "FY2567", "o33")
    assert_bilingual(message, "ไม่มีข้อ i48 ในกรอบการประเมิน", "is not in the FY2566 framework")


def test_wide_unknown_code_header() -> None:
    message = str(error_of(fixture("scores_wide_unknown_code.csv")))
    assert_names(message, "scores_wide_unknown_code.csv", "row 1", "column i48", '"i48"')
    assert_bilingual(message, "ไม่มีข้อ i48", "code i48 is not in the FY2566 framework")


def test_not_a_code() -> None:
    message = str(error_of(fixture("scores_not_a_code.csv")))
    assert_names(message, "scores_not_a_code.csv", "row 3", "column code", '"การเปิดเผยข้อมูล"')
    assert_bilingual(message, "ไม่ใช่รหัสข้อ", "is not an item or indicator code")


def test_missing_columns_lists_missing_and_found() -> None:
    message = str(error_of(fixture("scores_missing_columns.csv")))
    assert_names(message, "scores_missing_columns.csv", "org_id", "fiscal_year", "code")
    assert_names(message, "columns found: หน่วยงาน, คะแนน", "คอลัมน์ที่พบ")
    assert_bilingual(message, "ไม่มีคอลัมน์ที่จำเป็น", "missing required columns")


@pytest.mark.parametrize("name", ["scores_empty.csv", "scores_header_only.csv"])
def test_empty(name: str) -> None:
    message = str(error_of(fixture(name)))
    assert_names(message, name)
    assert_bilingual(message, "ไฟล์ว่าง", "empty file")


@pytest.mark.parametrize("name", ["scores_not_a_table.pdf", "scores_pdf_named_csv.csv"])
def test_not_a_table(name: str) -> None:
    message = str(error_of(fixture(name)))
    assert_names(message, name)
    assert_bilingual(message, "ไม่ใช่ไฟล์ CSV หรือ XLSX", "not a CSV or XLSX file")


def test_missing_file() -> None:
    message = str(error_of(fixture("scores_nowhere.csv")))
    assert_bilingual(message, "ไม่พบไฟล์", "file not found")


def test_ce_year_suggests_buddhist_era() -> None:
    message = str(error_of(fixture("scores_ce_year.csv")))
    assert_names(message, "scores_ce_year.csv", "row 2", "column fiscal_year", '"2023"', "2566")
    assert_bilingual(message, "ปี ค.ศ.", "Common Era")


def test_unknown_year_names_row_and_years_available() -> None:
    with pytest.raises(UnknownYearError) as caught:
        load_scores(fixture("scores_unknown_year.csv"))
    message = str(caught.value)
    assert_names(message, "scores_unknown_year.csv", "row 3", "column fiscal_year", '"2570"')
    assert_names(message, "2564, 2565, 2566, 2567, 2568, 2569")
    assert_bilingual(message, "ไม่มีกรอบการประเมิน", "no ITA framework for fiscal year 2570")


def test_many_problems_are_all_reported_top_down() -> None:
    error = error_of(fixture("scores_many_problems.csv"))
    wheres = [p.where for p in error.problems]
    assert wheres == ["row 2", "row 3", "row 4", "row 5"]
    assert [p.column for p in error.problems] == ["score", "code", "org_id", "score"]


def test_ragged_row(tmp_path: Path) -> None:
    path = tmp_path / "scores_ragged.csv"
    path.write_text("org_id,fiscal_year,code,score\n5520101,2566,e1,84,77\n", encoding="utf-8")
    message = str(error_of(path))
    assert_names(message, "scores_ragged.csv", "line 2")
    assert_bilingual(message, "มากกว่าหัวตาราง", "fields but the header has 4")


# -- a national file ----------------------------------------------------------------------------


def _national_long_csv(path: Path, agencies: int = 8_300) -> list[str]:
    codes = sorted(
        (c for c in load_framework(2566).known_codes() if not c.startswith("ind")),
        key=lambda c: ("ieo".index(c[0]), int(c[1:])),
    )[:78]
    rng = np.random.default_rng(7)
    org_ids = np.repeat(np.arange(5_000_000, 5_000_000 + agencies).astype(str), len(codes))
    frame = pd.DataFrame(
        {
            "org_id": org_ids,
            "org_name": "เทศบาลตำบลตัวอย่าง",
            "fiscal_year": 2566,
            "code": np.tile(codes, agencies),
            "score": np.round(rng.uniform(0, 100, len(org_ids)), 2),
        }
    )
    frame.to_csv(path, index=False)
    return codes


@pytest.mark.slow
def test_national_long_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scores_national_long.csv"
    codes = _national_long_csv(path)
    started = time.perf_counter()
    table: ScoreTable = load_scores(path, year=2566)
    loaded = time.perf_counter() - started
    agencies = table.agencies()
    assert len(table.frame) == 8_300 * 78
    assert len(agencies) == 8_300
    last = table.for_agency(*agencies[-1])
    assert list(last.scores) == codes
    assert all(0 <= v <= 100 for v in last.scores.values() if v is not None)
    assert not any(v is not None and math.isnan(v) for v in last.scores.values())
    with capsys.disabled():
        print(f"\n[scores] {len(table.frame):,}-row long CSV loaded in {loaded:.2f}s")


# -- what exports put around the table ------------------------------------------------------------


def test_title_rows_and_blank_lines_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "scores_title_rows.csv"
    path.write_text(
        "คะแนน ITA ปีงบประมาณ 2566,,,\n"
        ",,,\n"
        "Org ID,Fiscal Year,CODE,Score\n"
        "5520101,2566,e1,84.77\n"
        "\n"
        " , , , \n"
        "5520101,2566,i14,ไม่มี\n",
        encoding="utf-8",
    )
    message = str(error_of(path))
    assert_names(message, "row 7", "column Score", '"ไม่มี"')


def test_tab_separated_utf16_and_semicolon_exports(tmp_path: Path) -> None:
    path = tmp_path / "scores_utf16.csv"
    path.write_text(
        "org_id\tfiscal_year\tcode\tscore\n5520101\t2566\te1\t84.77\n", encoding="utf-16"
    )
    assert load_scores(path).for_agency(*CHAEMAE).scores == {"e1": 84.77}
    path = tmp_path / "scores_semicolon.csv"
    path.write_text("org_id;fiscal_year;code;score\n5520101;2566;e1;84.77\n", encoding="utf-8")
    assert load_scores(path).for_agency(*CHAEMAE).scores == {"e1": 84.77}


def test_one_cell_title_above_a_wider_table(tmp_path: Path) -> None:
    path = tmp_path / "scores_title_one_cell.csv"
    path.write_text(
        "ผลคะแนน ITA เทศบาลตำบลแจ้ห่ม\norg_id,fiscal_year,code,score\n5520101,2566,e1,84.77\n",
        encoding="utf-8",
    )
    table = load_scores(path)
    assert table.for_agency(*CHAEMAE).scores == {"e1": 84.77}
    assert table.frame["where"].tolist() == ["row 3"]


# -- read as the officer sees it, or refused (issue 12) -------------------------------------------
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "chaemae-2566-scores.csv"
SAMPLE_ID = ("chaemae", 2566)


def sample_workbook(
    path: Path, *, score_format: str | None = None, scale: float = 1.0, sheet: str = "scores"
) -> openpyxl.Workbook:
    """The sample agency's long table in a real workbook (not saved: callers add to it)."""
    sample = pd.read_csv(SAMPLE, dtype={"score": float})
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(["org_id", "org_name", "fiscal_year", "code", "score"])
    for row in sample.itertuples(index=False):
        value = None if math.isnan(row.score) else row.score * scale
        ws.append([row.org_id, row.org_name, int(row.fiscal_year), row.code, value])
        if score_format is not None:
            ws.cell(row=ws.max_row, column=5).number_format = score_format
    return workbook


def sample_scores(path: Path) -> dict[str, float | None]:
    return load_scores(path, year=2566, extra_codes=("i37", "i48")).for_agency(*SAMPLE_ID).scores


def test_percent_cells_are_read_as_the_points_they_show(tmp_path: Path) -> None:
    # Case 2: 84.77% is stored as 0.8477; reading 0.85 would fail every item.
    path = tmp_path / "percent.xlsx"
    sample_workbook(path, score_format="0.00%", scale=0.01).save(path)
    scores = sample_scores(path)
    expected = load_scores(SAMPLE, year=2566, extra_codes=("i37", "i48"))
    assert scores == expected.for_agency(*SAMPLE_ID).scores
    assert scores["e1"] == 84.77 and scores["o17"] == 0.0


def test_a_percent_cell_holding_points_shows_thousands_and_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "percent_points.xlsx"
    sample_workbook(path, score_format="0%").save(path)  # 84.77 shown as 8477%
    message = str(error_of(path, year=2566, extra_codes=("i37", "i48")))
    assert_names(message, "percent_points.xlsx", "scores!E2", '"9127"', "0–100")


def test_a_hidden_sheet_of_stale_scores_is_not_read(tmp_path: Path) -> None:
    # Case 3: the hidden sheet comes first and looks like a score table (ITA 50 published).
    path = tmp_path / "hidden.xlsx"
    workbook = sample_workbook(path, sheet="old", scale=0.0)
    workbook["old"].sheet_state = "hidden"
    visible = sample_workbook(path)["scores"]
    current = workbook.create_sheet("scores")
    for row in visible.iter_rows(values_only=True):
        current.append(row)
    workbook.save(path)
    assert sample_scores(path)["e1"] == 84.77


def test_a_table_only_on_a_hidden_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "only_hidden.xlsx"
    workbook = sample_workbook(path, sheet="old")
    workbook["old"].sheet_state = "hidden"
    workbook.create_sheet("notes")["A1"] = "ดูคะแนนในชีตอื่น"
    workbook.save(path)
    message = str(error_of(path, year=2566))
    assert_names(message, "only_hidden.xlsx", "ชีต old", "sheet old", "hidden", "ซ่อน")


def test_a_zero_width_space_in_an_org_id_is_the_same_agency(tmp_path: Path) -> None:
    # Case 4: pasted from a web page, "chae\u200bmae" looks like chaemae and must be it.
    text = SAMPLE.read_text(encoding="utf-8").splitlines()
    pasted = [line.replace("chaemae,", "chae\u200bmae,", 1) if n % 3 == 0 else line
              for n, line in enumerate(text)]
    path = tmp_path / "zwsp.csv"
    path.write_text("\n".join(pasted) + "\n", encoding="utf-8")
    table = load_scores(path, year=2566, extra_codes=("i37", "i48"))
    assert table.agencies() == [SAMPLE_ID]
    assert table.for_agency(*SAMPLE_ID).scores == sample_scores_csv()


def sample_scores_csv() -> dict[str, float | None]:
    return load_scores(SAMPLE, year=2566, extra_codes=("i37", "i48")).for_agency(*SAMPLE_ID).scores


def test_a_formula_without_a_saved_result_is_refused_by_cell(tmp_path: Path) -> None:
    # Case 6: openpyxl (like any script) saves formulas without results; read as empty, the
    # item would silently become "no data".
    path = tmp_path / "formula.xlsx"
    workbook = sample_workbook(path)
    ws = workbook["scores"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=4).value == "e1")
    ws.cell(row=row, column=5).value = "=AVERAGE(F2:G2)"
    ws.cell(row=row, column=7).value = "=[budget.xlsx]Sheet1!A1"  # a column nobody reads
    workbook.save(path)
    message = str(error_of(path, year=2566, extra_codes=("i37", "i48")))
    assert_names(message, f"scores!E{row}", '"=AVERAGE(F2:G2)"', "สูตร", "formula", "Excel")
    assert "G" + str(row) not in message


def test_a_formula_with_its_saved_result_is_read(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "formula_saved.xlsx"
    workbook = sample_workbook(path)
    ws = workbook["scores"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=4).value == "e1")
    ws.cell(row=row, column=5).value = "=AVERAGE(F2:G2)"
    workbook.save(path)
    # What Excel writes on saving: the formula and, beside it, the value it computed.
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(saved, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>AVERAGE(F2:G2)</f><v></v>", b"<f>AVERAGE(F2:G2)</f>")
                data = data.replace(b"<f>AVERAGE(F2:G2)</f>", b"<f>AVERAGE(F2:G2)</f><v>84.77</v>")
            out.writestr(info, data)
    assert sample_scores(saved)["e1"] == 84.77


@pytest.mark.parametrize("typed", ["8 5", "85 .5", "8\u00a05", "๘ ๕"])
def test_a_space_inside_a_number_is_refused(tmp_path: Path, typed: str) -> None:
    # Case 10: "8 5" was read as 85, "85 .5" as 85.5.
    path = tmp_path / "spaced.csv"
    path.write_text(f"org_id,fiscal_year,code,score\n5520101,2566,e1,{typed}\n", encoding="utf-8")
    message = str(error_of(path))
    assert_names(message, "row 2", "column score", f'"{typed}"', "ช่องว่าง", "space inside")


def test_spaces_around_a_number_and_invisible_ones_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "padded.csv"
    path.write_text(
        "org_id,fiscal_year,code,score\n5520101,2566,e1, 84.77 \n5520101,2566,e2,8\u200b5\n",
        encoding="utf-8",
    )
    assert load_scores(path).for_agency(*CHAEMAE).scores == {"e1": 84.77, "e2": 85.0}


def test_a_year_with_a_space_inside_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "year.csv"
    path.write_text("org_id,fiscal_year,code,score\n5520101,25 66,e1,84\n", encoding="utf-8")
    assert_names(str(error_of(path)), "row 2", '"25 66"', "fiscal year")
    path.write_text("org_id,fiscal_year,code,score\n5520101,พ.ศ. 2566,e1,84\n", encoding="utf-8")
    assert load_scores(path).for_agency(*CHAEMAE).scores == {"e1": 84.0}


def workbook_bomb(path: Path, rows: int) -> Path:
    """A real .xlsx whose one sheet is ``rows`` identical rows: tiny zipped, huge unpacked."""
    import zipfile

    base = path.with_suffix(".base.xlsx")
    workbook = openpyxl.Workbook()
    workbook.active.append(["org_id", "fiscal_year", "code", "score"])
    workbook.save(base)
    row = (b'<row><c t="inlineStr"><is><t>a1</t></is></c><c><v>2566</v></c>'
           b'<c t="inlineStr"><is><t>i1</t></is></c><c><v>85</v></c></row>')
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED, compresslevel=1
    ) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with out.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(head)
                for _ in range(rows // 10_000):
                    sheet.write(row * 10_000)
                sheet.write(b"</sheetData>" + tail)
    return path


def test_a_workbook_that_unpacks_past_the_bound_is_refused_unread(tmp_path: Path) -> None:
    # Case 12: 2 MB zipped, 250 MB unpacked (benchmarks/hostile_inputs.py: 40 million rows).
    path = workbook_bomb(tmp_path / "bomb.xlsx", 2_000_000)
    assert path.stat().st_size < 5_000_000
    message = str(error_of(path, year=2566))
    assert_names(message, "bomb.xlsx", "MB", "unpacks to", "คลาย")


def test_rows_past_the_bound_are_refused_as_soon_as_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ita_report.scores import workbook

    monkeypatch.setattr(workbook, "MAX_XLSX_ROWS", 5_000)  # Excel's 1,048,576 takes longer
    path = workbook_bomb(tmp_path / "rows.xlsx", 20_000)
    assert_names(str(error_of(path, year=2566)), "rows.xlsx", "5,000 rows", "แถว")


def test_a_folder_given_as_the_score_file_is_called_a_folder(tmp_path: Path) -> None:
    # Case 14: it said "file not found", which sends the officer looking for the wrong thing.
    folder = tmp_path / "scores.csv"
    folder.mkdir()
    message = str(error_of(folder))
    assert_names(message, "scores.csv", "โฟลเดอร์", "is a folder")
    assert "not found" not in message


def test_a_control_character_in_an_agency_name_is_refused_naming_the_cell(
    tmp_path: Path,
) -> None:
    # Issue 21 case 7: Word and Excel cannot save it; a pasted line break is only a space.
    path = tmp_path / "scores.csv"
    path.write_text("org_id,org_name,fiscal_year,code,score\n"
                    "a1,เทศบาล\vหนึ่ง,2566,i1,90\n"
                    "a2,เทศบาล\x01สอง,2566,i1,90\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scores(path, year=2566)
    message = caught.value.render()
    assert "U+0001" in message and "row 3" in message and "org_name" in message
    assert "row 2" not in message
    path.write_text("org_id,org_name,fiscal_year,code,score\na1,เทศบาล\vหนึ่ง,2566,i1,90\n",
                    encoding="utf-8")
    assert load_scores(path, year=2566).for_agency("a1", 2566).org_name == "เทศบาล หนึ่ง"
