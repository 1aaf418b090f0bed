"""The progress sheet (ติดตามผลการดำเนินงาน): written, filled with openpyxl as an officer would in
Excel, read back; every wrong cell and every sheet that no longer matches its measures refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from ita_report.cli import main
from ita_report.errors import InputError
from ita_report.officer.progress import (
    COLUMNS,
    DONE,
    IN_PROGRESS,
    MARK_COLUMNS,
    NOT_REPORTED,
    NOT_STARTED,
    PROGRESS_SHEET,
    STATUSES,
    progress_steps,
    read_progress,
    read_progress_sheet,
    status_counts,
)
from ita_report.params import load_params
from ita_report.report import MeasuresDocument, build_document

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ROOT / "params" / "chaemae-2566.yaml"
COL = {name: COLUMNS.index(name) + 1 for name in COLUMNS}


@pytest.fixture(scope="module")
def doc() -> MeasuresDocument:
    return build_document(load_params(PARAMS))


@pytest.fixture
def sheet_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "ติดตามผล.xlsx"
    assert main(["progress", str(PARAMS), "--out", str(out)]) == 0
    assert "ติดตามผลการดำเนินงาน" in capsys.readouterr().out
    return out


def fill(path: Path, values: dict[tuple[int, str], object]) -> None:
    """Type ``values`` into (row, column name) cells and save, as an officer in Excel would."""
    book = openpyxl.load_workbook(path)
    sheet = book[PROGRESS_SHEET]
    for (row, column), value in values.items():
        sheet.cell(row=row, column=COL[column], value=value)
    book.save(path)


def test_sheet_lists_every_step_with_the_columns_to_fill(sheet_file: Path,
                                                          doc: MeasuresDocument) -> None:
    book = openpyxl.load_workbook(sheet_file)
    assert book.sheetnames == [PROGRESS_SHEET]
    sheet = book[PROGRESS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert tuple(rows[0]) == (*COLUMNS, *MARK_COLUMNS)
    steps = [(r[0], r[1], r[4]) for r in rows[1:]]
    # Whose sheet it is, on every row, hidden: the rows alone cannot tell (issue 21 case 4).
    assert {(r[len(COLUMNS)], r[len(COLUMNS) + 1]) for r in rows[1:]} == {("chaemae", 2566)}
    assert sheet.column_dimensions["N"].hidden and sheet.column_dimensions["O"].hidden
    expected = [(s.theme_id, s.step, s.step_th) for s in progress_steps(doc)]
    assert steps == expected
    # Every step of every theme of the document, none left out.
    assert len(steps) == sum(len(row.steps_th) for row in doc.rows)
    # The status is a drop-down of exactly the three statuses, over every step's row.
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(STATUSES) + '"'
    assert str(validation.sqref) == f"I2:I{len(steps) + 1}"
    # The two key columns the program reads are hidden; the page prints landscape.
    assert sheet.column_dimensions["A"].hidden and sheet.column_dimensions["B"].hidden
    assert sheet.page_setup.orientation == "landscape"
    # Nothing filled yet: read back, no step is said to be anything (not reported, which a
    # report must never print as "not started").
    read = read_progress(sheet_file, doc)
    assert status_counts(read) == {NOT_REPORTED: len(steps)}


def test_filled_sheet_round_trips(sheet_file: Path, doc: MeasuresDocument) -> None:
    fill(sheet_file, {
        (2, "ผลการดำเนินงาน"): "ติดตั้งแผนผังแล้ว ๑๒ ภารกิจ",
        (2, "สถานะ"): DONE,
        (2, "วันที่ดำเนินการ"): dt.datetime(2023, 12, 15),
        (2, "หลักฐาน/ลิงก์"): "https://www.example.go.th/a.pdf  https://www.example.go.th/b.pdf",
        (3, "สถานะ"): f"  {IN_PROGRESS} ",  # stray spaces, as typed
        (3, "วันที่ดำเนินการ"): "๒๐/๑๒/๒๕๖๖",  # Thai digits, Buddhist Era
        (3, "ปัญหาอุปสรรค"): "เจ้าหน้าที่ย้าย",
        (4, "สถานะ"): NOT_STARTED,
        (4, "วันที่ดำเนินการ"): "5/1/2024",  # Common Era
        (4, "ข้อเสนอแนะ"): "ควรมีผู้รับผิดชอบสำรอง",
    })
    steps = read_progress(sheet_file, doc)
    first, second, third = steps[:3]
    assert (first.status, first.result_th, first.done_on) == (
        DONE, "ติดตั้งแผนผังแล้ว ๑๒ ภารกิจ", dt.date(2023, 12, 15))
    assert first.evidence.split() == ["https://www.example.go.th/a.pdf",
                                      "https://www.example.go.th/b.pdf"]
    assert (second.status, second.done_on, second.obstacles_th) == (
        IN_PROGRESS, dt.date(2023, 12, 20), "เจ้าหน้าที่ย้าย")
    assert (third.status, third.done_on, third.suggestion_th) == (
        NOT_STARTED, dt.date(2024, 1, 5), "ควรมีผู้รับผิดชอบสำรอง")
    assert status_counts(steps)[DONE] == 1
    # A row left empty says nothing: not reported, which is not "not started".
    assert steps[3].status == NOT_REPORTED


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("สถานะ", "เสร็จแล้ว", "สถานะไม่ถูกต้อง"),
        ("หลักฐาน/ลิงก์", "ดูที่ห้องสำนักปลัด", "ลิงก์"),
        ("หลักฐาน/ลิงก์", "www.example.go.th/a.pdf", "http"),
        ("วันที่ดำเนินการ", "31/02/2567", "ไม่ใช่วันที่"),
        ("วันที่ดำเนินการ", "ธันวาคม", "ไม่ใช่วันที่"),
        ("ผลการดำเนินงาน", "ทำแล้ว", "ไม่ได้เลือกสถานะ"),
    ],
)
def test_a_wrong_cell_is_named_with_its_value(sheet_file: Path, doc: MeasuresDocument,
                                             column: str, value: str, said: str) -> None:
    status = {} if column == "ผลการดำเนินงาน" else {(5, "สถานะ"): DONE}
    fill(sheet_file, {**status, (5, column): value})
    with pytest.raises(InputError) as caught:
        read_progress(sheet_file, doc)
    (problem,) = caught.value.problems
    letter = openpyxl.utils.get_column_letter(COL["สถานะ" if said == "ไม่ได้เลือกสถานะ" else column])
    assert problem.where == f"{PROGRESS_SHEET}!{letter}5"
    assert said in problem.problem_th and problem.problem_en
    if said != "ไม่ได้เลือกสถานะ":
        assert value[:20] in str(problem.value)


def test_a_sheet_for_edited_measures_is_refused_naming_the_rows(
    tmp_path: Path, sheet_file: Path
) -> None:
    # The officer edits a step of a theme after writing the sheet: the old sheet no longer
    # describes these measures and must not be reported as if it did.
    text = PARAMS.read_text(encoding="utf-8")
    old = "กำชับให้เจ้าหน้าที่ทุกคนดำเนินการให้เป็นไปตามขั้นตอนและกรอบระยะเวลาที่กำหนดไว้อย่างเคร่งครัด"
    assert old in text
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        text.replace(old, "ประชุมชี้แจงขั้นตอนให้เจ้าหน้าที่ทุกคน").replace(
            "scores_file: ../data/samples/", f"scores_file: {ROOT}/data/samples/"),
        encoding="utf-8")
    doc = build_document(load_params(edited))
    with pytest.raises(InputError) as caught:
        read_progress(sheet_file, doc)
    problem = caught.value.problems[0]
    assert "ไม่ตรงกับมาตรการ" in problem.problem_th
    assert "แถว 3" in str(problem.value) and "work_process" in str(problem.value)


def test_deleted_rows_are_named_as_missing(sheet_file: Path, doc: MeasuresDocument) -> None:
    book = openpyxl.load_workbook(sheet_file)
    book[PROGRESS_SHEET].delete_rows(17, 1)  # the last step
    book.save(sheet_file)
    with pytest.raises(InputError) as caught:
        read_progress(sheet_file, doc)
    last = progress_steps(doc)[-1]
    assert f"{last.theme_id} ขั้นที่ {last.step}" in str(caught.value.problems[0].value)


def test_not_a_progress_workbook(tmp_path: Path, doc: MeasuresDocument) -> None:
    text = tmp_path / "x.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(InputError, match="ไม่ใช่ไฟล์ Excel"):
        read_progress(text, doc)
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(InputError, match=f"ไม่มีชีต {PROGRESS_SHEET}"):
        read_progress(other, doc)
    with pytest.raises(InputError, match="ไม่พบไฟล์"):
        read_progress(tmp_path / "gone.xlsx", doc)


def test_progress_command_does_not_overwrite_a_filled_sheet(
    sheet_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(sheet_file, {(2, "สถานะ"): DONE})
    before = sheet_file.read_bytes()
    assert main(["progress", str(PARAMS), "--out", str(sheet_file)]) == 2
    err = capsys.readouterr().err
    assert "ไม่เขียนทับ" in err and "--force" in err and "Traceback" not in err
    assert sheet_file.read_bytes() == before


def test_the_sample_sheet_matches_the_sample_measures(doc: MeasuresDocument) -> None:
    # Made up (it says so in its own sheet); it must stay in step with params/chaemae-2566.yaml
    # (data/samples/make_chaemae_progress.py writes it again).
    sample = ROOT / "data" / "samples" / "chaemae-2566-progress.xlsx"
    read = read_progress_sheet(sample, doc)
    assert set(status_counts(list(read.steps))) == set(STATUSES)
    assert read.notes == ()  # written with the agency and year marks: nothing to warn of
    book = openpyxl.load_workbook(sample, read_only=True)
    assert "ตัวอย่างสมมติ" in str(book["อ่านก่อน"]["A1"].value)


def test_how_a_step_is_written_is_not_an_edit(sheet_file: Path, doc: MeasuresDocument) -> None:
    # Digits, spacing and the case of item codes change with a version or thai_digits; the
    # step is the same step and the officer's filled sheet must still be read.
    book = openpyxl.load_workbook(sheet_file)
    cells = book[PROGRESS_SHEET]
    thai_to_arabic = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
    for row in range(2, cells.max_row + 1):
        step = cells.cell(row=row, column=5)
        step.value = "  " + str(step.value).translate(thai_to_arabic).replace("O", "o") + " "
    book.save(sheet_file)
    assert len(read_progress(sheet_file, doc)) == len(progress_steps(doc))


# -- issue 21: whose sheet, which year, which row, what was typed -----------------------------


def mark(path: Path, column: int, value: object) -> None:
    """Set a hidden mark on every step's row, as the sheet written for another agency or year
    has it (its rows match: many agencies share identical steps)."""
    book = openpyxl.load_workbook(path)
    sheet = book[PROGRESS_SHEET]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=len(COLUMNS) + column, value=value)
    book.save(path)


def test_another_agencys_sheet_is_refused_naming_both(sheet_file: Path,
                                                     doc: MeasuresDocument) -> None:
    mark(sheet_file, 1, "syn00104")
    fill(sheet_file, {(2, "สถานะ"): DONE})
    with pytest.raises(InputError) as caught:
        read_progress(sheet_file, doc)
    (problem,) = caught.value.problems
    assert "N2:O2: syn00104 2566" in str(problem.value) and "chaemae" in problem.problem_th
    assert "another agency" in problem.problem_en and problem.where == PROGRESS_SHEET


def test_another_years_sheet_is_refused(sheet_file: Path, doc: MeasuresDocument) -> None:
    mark(sheet_file, 2, 2567)
    with pytest.raises(InputError) as caught:
        read_progress(sheet_file, doc)
    (problem,) = caught.value.problems
    assert "N2:O2: chaemae 2567" in str(problem.value) and "2566" in problem.expected_th


def test_a_sheet_written_before_the_marks_is_read_with_a_note(sheet_file: Path,
                                                             doc: MeasuresDocument) -> None:
    book = openpyxl.load_workbook(sheet_file)
    book[PROGRESS_SHEET].delete_cols(len(COLUMNS) + 1, len(MARK_COLUMNS))
    book.save(sheet_file)
    fill(sheet_file, {(2, "สถานะ"): DONE})
    read = read_progress_sheet(sheet_file, doc)
    assert read.steps[0].status == DONE
    (note,) = read.notes
    assert "รุ่นก่อน" in note and "เทศบาลเมืองแฉะแม่" in note


@pytest.mark.parametrize(
    ("value", "said"),
    [
        # Typed 15/12/2566 in an Excel set to the Christian calendar: stored as CE 2566.
        (dt.datetime(2566, 12, 15), "อีกปฏิทิน"),
        (dt.datetime(1480, 12, 15), "อีกปฏิทิน"),
        ("20/12/2600", "นอกปีงบประมาณ พ.ศ. 2567"),
        ("20/12/1967", "นอกปีงบประมาณ พ.ศ. 2567"),
        ("20/12/2400", "นอกปีงบประมาณ พ.ศ. 2567"),
        ("1/10/2567", "นอกปีงบประมาณ พ.ศ. 2567"),  # the first day of the next fiscal year
        (dt.datetime(2023, 9, 30), "นอกปีงบประมาณ พ.ศ. 2567"),  # the last of the one before
    ],
)
def test_a_date_outside_the_year_the_measures_were_carried_out_is_refused(
    sheet_file: Path, doc: MeasuresDocument, value: object, said: str
) -> None:
    # The FY2566 results' measures were carried out in FY2567: 1 Oct 2566 – 30 Sep 2567 BE.
    fill(sheet_file, {(6, "สถานะ"): DONE, (6, "วันที่ดำเนินการ"): value})
    with pytest.raises(InputError) as caught:
        read_progress(sheet_file, doc)
    (problem,) = caught.value.problems
    assert said in problem.problem_th and problem.where == f"{PROGRESS_SHEET}!J6"
    assert "1 ตุลาคม 2566" in problem.expected_th or "1/10/2566" in problem.expected_th
    if said == "อีกปฏิทิน":  # both readings named, neither guessed
        assert "ค.ศ. 2023" in problem.problem_th and "15/12/2566" in problem.problem_th


def test_the_first_and_last_day_of_the_year_are_accepted(sheet_file: Path,
                                                         doc: MeasuresDocument) -> None:
    fill(sheet_file, {(2, "สถานะ"): DONE, (2, "วันที่ดำเนินการ"): "1/10/2566",
                      (3, "สถานะ"): DONE, (3, "วันที่ดำเนินการ"): dt.datetime(2024, 9, 30)})
    first, last = read_progress(sheet_file, doc)[:2]
    assert (first.done_on, last.done_on) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


def test_a_wrong_cell_is_named_at_its_real_row_after_a_blank_row(
    sheet_file: Path, doc: MeasuresDocument
) -> None:
    book = openpyxl.load_workbook(sheet_file)
    book[PROGRESS_SHEET].insert_rows(5)  # a blank row, as an officer inserts one in Excel
    book.save(sheet_file)
    fill(sheet_file, {(9, "สถานะ"): "เสร็จแล้ว"})
    with pytest.raises(InputError) as caught:
        read_progress(sheet_file, doc)
    (problem,) = caught.value.problems
    assert problem.where == f"{PROGRESS_SHEET}!I9" and problem.value == "เสร็จแล้ว"


@pytest.mark.parametrize(
    "typed",
    [
        DONE.replace("การ", "\u200bการ"),  # a zero-width space pasted with it
        DONE.replace("\u0e33", "\u0e4d\u0e32"),  # sara am typed as nikhahit + sara aa
        "\ufeff" + IN_PROGRESS.replace("\u0e33", "\u0e4d\u0e32"),
    ],
)
def test_a_status_that_looks_right_is_read_as_it_looks(sheet_file: Path, doc: MeasuresDocument,
                                                       typed: str) -> None:
    fill(sheet_file, {(2, "สถานะ"): typed})
    assert read_progress(sheet_file, doc)[0].status in STATUSES


def test_a_workbook_of_millions_of_cells_is_refused_before_it_is_read(
    sheet_file: Path, doc: MeasuresDocument
) -> None:
    import time
    import zipfile

    # 2,000 rows of 1,000 cells (2 million): 32 MB of XML that zips to well under 1 MB.
    row = "<row>" + "<c><v>1</v></c>" * 1000 + "</row>"
    bomb = sheet_file.with_name("bomb.xlsx")
    with zipfile.ZipFile(sheet_file) as source, zipfile.ZipFile(
        bomb, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                head, _, _ = data.decode("utf-8").partition("<sheetData>")
                data = (head + "<sheetData>" + row * 2000 + "</sheetData></worksheet>").encode()
            target.writestr(member, data)
    assert bomb.stat().st_size < 1_000_000
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_progress(bomb, doc)
    assert time.monotonic() - started < 5
    (problem,) = caught.value.problems
    assert "MB" in problem.problem_th and "unpacks to" in problem.problem_en


def test_progress_command_never_writes_over_its_params_or_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 21 case 3: --out naming an input, even with --force, is refused and nothing written.
    params = load_params(PARAMS)
    for target in (PARAMS, params.scores_path):
        before = target.read_bytes()
        assert main(["progress", str(PARAMS), "--out", str(target), "--force"]) == 2
        err = capsys.readouterr().err
        assert "read as input" in err and "Traceback" not in err
        assert target.read_bytes() == before


def test_control_characters_in_a_filled_sheet(sheet_file: Path, doc: MeasuresDocument) -> None:
    # Issue 21 case 7: a line break pasted from Word (vertical tab) is the line break meant;
    # any other control character is refused naming the cell and the character.
    # Excel saves what XML cannot hold as _xHHHH_ (openpyxl refuses the character itself).
    fill(sheet_file, {(2, "สถานะ"): DONE, (2, "ผลการดำเนินงาน"): "ประชุมแล้ว_x000B_ส่งรายงานแล้ว"})
    assert read_progress(sheet_file, doc)[0].result_th == "ประชุมแล้ว\nส่งรายงานแล้ว"
    fill(sheet_file, {(3, "ปัญหาอุปสรรค"): "งบ_x001F_ไม่พอ"})
    with pytest.raises(InputError) as caught:
        read_progress(sheet_file, doc)
    message = caught.value.render()
    letter = openpyxl.utils.get_column_letter(COL["ปัญหาอุปสรรค"])
    assert "U+001F" in message and f"{PROGRESS_SHEET}!{letter}3" in message


def test_the_sheet_prints_large_enough_to_read(sheet_file: Path) -> None:
    # Issue 24: one A4 page wide, the follow-up sheet printed its 14 pt text at about 6 pt.
    from openpyxl.utils import get_column_letter

    sheet = openpyxl.load_workbook(sheet_file)[PROGRESS_SHEET]
    shown = [sheet.column_dimensions[get_column_letter(c)] for c in range(1, len(COLUMNS) + 1)]
    # A column of width w is w characters of 7 px and 5 px of padding; 96 px to 72 pt.
    wide = sum((d.width * 7 + 5) * 0.75 for d in shown if not d.hidden)
    margins = sheet.page_margins
    page = 841.9 - 72 * (margins.left + margins.right)  # A4 landscape, in points
    assert sheet.page_setup.fitToWidth == 1
    assert 14 * min(1.0, page / wide) >= 9
    assert (sheet.row_dimensions[1].height or 0) >= 24  # the header's names are not cut
