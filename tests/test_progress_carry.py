"""The officer's filled progress sheet survives the measures workbook being written again
(``run --formats xlsx``, issue 21 case 2): filled cells carried over, rows no step matches
any more kept in a sheet of their own, an unreadable workbook never overwritten."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from ita_report.cli import main
from ita_report.errors import InputError
from ita_report.implementation.document import build_implementation
from ita_report.officer.progress import (
    COLUMNS,
    DONE,
    IN_PROGRESS,
    KEPT_SHEET,
    NOT_REPORTED,
    PROGRESS_SHEET,
    read_progress,
    read_progress_sheet,
)
from ita_report.params import load_params
from ita_report.report import build_document
from ita_report.report.xlsx import write_xlsx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "params" / "chaemae-2566.yaml"
COL = {name: COLUMNS.index(name) + 1 for name in COLUMNS}
EDITED_STEP = "กำชับให้เจ้าหน้าที่ทุกคนดำเนินการให้เป็นไปตามขั้นตอนและกรอบระยะเวลาที่กำหนดไว้อย่างเคร่งครัด"


def params_copy(folder: Path, *edits: tuple[str, str]) -> Path:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "scores_file: ../data/samples/", f"scores_file: {ROOT}/data/samples/")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = folder / "chaemae-2566.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def fill_every_step(path: Path) -> int:
    """Fill all six columns of every step, as an officer would in Excel; the cells filled."""
    book = openpyxl.load_workbook(path)
    sheet = book[PROGRESS_SHEET]
    filled = 0
    for row in range(2, sheet.max_row + 1):
        values = {"ผลการดำเนินงาน": f"ผลขั้นที่ {row}", "สถานะ": DONE if row % 2 else IN_PROGRESS,
                  "วันที่ดำเนินการ": dt.datetime(2023, 12, 1 + row % 28),
                  "หลักฐาน/ลิงก์": f"https://www.example.go.th/{row}.pdf",
                  "ปัญหาอุปสรรค": "=ไม่มี" if row == 2 else "ไม่มี", "ข้อเสนอแนะ": "-"}
        for column, value in values.items():
            sheet.cell(row=row, column=COL[column], value=value)
            filled += 1
        sheet.cell(row=row, column=COL["ปัญหาอุปสรรค"]).data_type = "s"
    book.save(path)
    return filled


def filled_cells(path: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[PROGRESS_SHEET].iter_rows(min_row=2, max_col=len(COLUMNS),
                                               values_only=True))
    book.close()
    return [r[COL["ผลการดำเนินงาน"] - 1:] for r in rows if any(r[COL["ผลการดำเนินงาน"] - 1:])]


@pytest.mark.slow
def test_run_again_with_xlsx_keeps_the_filled_progress_sheet(tmp_path: Path) -> None:
    params = params_copy(tmp_path)
    out = tmp_path / "reports"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", str(params), "--out", str(out), "--formats", "xlsx"]) == 0
    workbook = out / "2566" / "chaemae.xlsx"
    filled = fill_every_step(workbook)
    before = filled_cells(workbook)
    # The letterhead added afterwards, the run again: every cell the officer filled (102: six
    # for each of the sample's 17 steps) must still be there.
    params_copy(tmp_path, ("document:\n", "document:\n"
                           "  letterhead: สำนักปลัดเทศบาล เทศบาลเมืองแฉะแม่\n"))
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", str(params), "--out", str(out), "--formats", "xlsx"]) == 0
    book = openpyxl.load_workbook(workbook)
    assert "สำนักปลัดเทศบาล" in str(book["มาตรการ"].oddHeader.left.text)  # the new run
    assert filled_cells(workbook) == before and len(before) * 6 == filled == 102
    assert str(before[0][4]) == "=ไม่มี"  # text the officer typed stays text, not a formula
    assert KEPT_SHEET not in book.sheetnames
    # ... and the implementation report reads them: every step reported, no draft.
    implementation = tmp_path / "implementation.yaml"
    implementation.write_text("notebook: implementation_report\n"
                              "measures_params: chaemae-2566.yaml\n"
                              f"progress_file: {workbook}\n", encoding="utf-8")
    report = build_implementation(implementation)
    assert report.unreported == 0 and report.draft_th == ""
    assert report.steps[0].result_th == "ผลขั้นที่ 2"
    assert report.steps[0].done_on == dt.date(2023, 12, 3)


def test_rows_no_step_matches_any_more_are_kept_in_their_own_sheet(tmp_path: Path) -> None:
    doc = build_document(load_params(params_copy(tmp_path)))
    workbook = write_xlsx(doc, tmp_path / "chaemae.xlsx")
    fill_every_step(workbook)
    edited = build_document(load_params(params_copy(
        tmp_path, (EDITED_STEP, "ประชุมชี้แจงขั้นตอนให้เจ้าหน้าที่ทุกคน"))))
    write_xlsx(edited, workbook)
    book = openpyxl.load_workbook(workbook)
    # The edited step's row (row 3) is kept, with what the officer wrote, beside the sheet.
    assert book.sheetnames.index(KEPT_SHEET) == book.sheetnames.index(PROGRESS_SHEET) + 1
    kept = list(book[KEPT_SHEET].iter_rows(min_row=3, values_only=True))
    assert len(kept) == 1 and kept[0][4] == EDITED_STEP and kept[0][7] == "ผลขั้นที่ 3"
    steps = read_progress_sheet(workbook, edited)
    # Every other step carried over; the edited one is waiting for the officer.
    assert [s.status for s in steps.steps].count(NOT_REPORTED) == 1
    assert steps.steps[1].status == NOT_REPORTED and steps.steps[2].result_th == "ผลขั้นที่ 4"
    assert any(KEPT_SHEET in note for note in steps.notes)
    # Written a third time: the kept row is still kept (never dropped on the next run).
    write_xlsx(edited, workbook)
    book = openpyxl.load_workbook(workbook)
    assert len(list(book[KEPT_SHEET].iter_rows(min_row=3, values_only=True))) == 1


def test_an_unreadable_workbook_in_the_way_is_not_overwritten(tmp_path: Path) -> None:
    doc = build_document(load_params(params_copy(tmp_path)))
    workbook = write_xlsx(doc, tmp_path / "chaemae.xlsx")
    book = openpyxl.load_workbook(workbook)
    book[PROGRESS_SHEET].delete_cols(2)  # columns moved about by hand
    book.save(workbook)
    before = workbook.read_bytes()
    with pytest.raises(InputError) as caught:
        write_xlsx(doc, workbook)
    problem = caught.value.problems[0]
    assert "ไม่เขียนทับ" in problem.problem_th and "not overwritten" in problem.problem_en
    assert workbook.read_bytes() == before


def test_an_unfilled_workbook_is_simply_written_again(tmp_path: Path) -> None:
    doc = build_document(load_params(params_copy(tmp_path)))
    workbook = write_xlsx(doc, tmp_path / "chaemae.xlsx")
    first = workbook.read_bytes()
    assert write_xlsx(doc, workbook).read_bytes() == first
    assert {s.status for s in read_progress(workbook, doc)} == {NOT_REPORTED}
