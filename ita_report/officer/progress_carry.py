"""What an officer filled in the progress sheet of a measures workbook about to be written again
(``run --formats xlsx``, a batch): read first, carried into the new workbook, never lost.

A filled row goes to the step with the same theme id, step number and wording; a filled row no
step matches any more (a theme edited since) is kept in a sheet of its own (:data:`KEPT_SHEET`).
Nothing here decides what a cell means (officer.progress reads the sheet for the report).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_report.errors import InputError, file_problem
from ita_report.officer.progress import (
    COLUMNS,
    FILLED_COLUMNS,
    KEPT_SHEET,
    MAX_ROWS,
    MAX_UNPACKED,
    PROGRESS_SHEET,
    progress_steps,
    step_key,
)
from ita_report.scores.workbook import open_workbook

if TYPE_CHECKING:
    from ita_report.report import MeasuresDocument

_FIRST_FILLED = len(COLUMNS) - len(FILLED_COLUMNS)  # 0-based index of the first filled column
#: The kept sheet's first row says what it is; the header is its second row.
_KEPT_NOTE = ("ผลที่กรอกไว้ในชีต " + PROGRESS_SHEET + " ของไฟล์เดิม ซึ่งไม่ตรงกับขั้นตอนของมาตรการปัจจุบัน"
              " (แก้ประเด็นหรือขั้นตอนหลังกรอก) เก็บไว้ที่นี่ไม่ให้สูญหาย รายงานผลไม่ได้อ่านชีตนี้:"
              " คัดลอกผลที่ยังใช้ได้ไปไว้ในแถวของขั้นตอนใหม่ในชีต " + PROGRESS_SHEET)

StepKey = tuple[str, int, str]


@dataclass(frozen=True)
class FilledProgress:
    """The filled cells of an existing workbook's progress sheet."""

    #: A step's key (theme id, step number, wording) → its six filled values.
    by_step: dict[StepKey, tuple[Any, ...]]
    #: Filled rows (all thirteen columns) that no step of the measures matches.
    kept: tuple[tuple[Any, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.by_step or self.kept)


def filled_progress(path: Path, doc: MeasuresDocument) -> FilledProgress | None:
    """What was filled in the progress sheet of the workbook at ``path`` (``None`` when there is
    no such file or nothing filled). A workbook there that cannot be read, or whose progress
    sheet is no longer laid out as written, is refused: it may hold an officer's work."""
    if not path.is_file():
        return None
    try:
        workbook = open_workbook(path, max_unpacked=MAX_UNPACKED)
    except InputError:
        raise
    except Exception:
        raise _unreadable(path, "เปิดเป็นสมุดงาน Excel ไม่ได้", "it cannot be opened as a workbook",
                          None) from None
    width = len(COLUMNS)
    try:
        if PROGRESS_SHEET not in workbook.sheetnames:
            return None  # a workbook of a version without the sheet: nothing filled to keep
        rows = list(workbook[PROGRESS_SHEET].iter_rows(values_only=True, max_col=width,
                                                       max_row=MAX_ROWS + 2))
        kept_before = []
        if KEPT_SHEET in workbook.sheetnames:
            kept_before = list(workbook[KEPT_SHEET].iter_rows(
                min_row=3, max_row=MAX_ROWS + 3, max_col=width, values_only=True))
    finally:
        workbook.close()
    header = tuple(str(v or "").strip() for v in (rows[0] if rows else ()))
    if header[:width] != COLUMNS:
        raise _unreadable(path, "หัวตารางของชีต " + PROGRESS_SHEET + " ไม่ใช่ที่โปรแกรมเขียนไว้",
                          "the header row of sheet " + PROGRESS_SHEET + " is not the one written",
                          " | ".join(header[:6]))
    wanted = {(s.theme_id, s.step, step_key(s.step_th)) for s in progress_steps(doc)}
    by_step: dict[StepKey, tuple[Any, ...]] = {}
    kept: list[tuple[Any, ...]] = []
    for values in rows[1:]:
        cells = tuple(values) + (None,) * (width - len(values))
        filled = cells[_FIRST_FILLED:width]
        if all(v in (None, "") for v in filled):
            continue
        key = (str(cells[0] or "").strip(), _int(cells[1]), step_key(str(cells[4] or "")))
        if key[1] is not None and key in wanted and key not in by_step:
            by_step[(key[0], key[1], key[2])] = filled
        else:
            kept.append(cells)
    for values in kept_before:
        cells = tuple(values) + (None,) * (width - len(values))
        if any(v not in (None, "") for v in cells):
            kept.append(cells)
    found = FilledProgress(by_step, tuple(kept))
    return found if found else None


def carry_progress(workbook: Any, found: FilledProgress) -> None:
    """Write ``found`` into the progress sheet just added to ``workbook`` (and the rows no step
    matches into :data:`KEPT_SHEET`, beside it)."""
    sheet = workbook[PROGRESS_SHEET]
    for row in sheet.iter_rows(min_row=2, max_col=len(COLUMNS)):
        key = (str(row[0].value or "").strip(), _int(row[1].value),
               step_key(str(row[4].value or "")))
        values = found.by_step.get((key[0], key[1] or 0, key[2]))
        if values is not None:
            for cell, value in zip(row[_FIRST_FILLED:], values, strict=True):
                _put(cell, value)
    if not found.kept:
        return
    kept = workbook.create_sheet(KEPT_SHEET, index=workbook.sheetnames.index(PROGRESS_SHEET) + 1)
    kept.append([_KEPT_NOTE])
    kept.append(list(COLUMNS))
    for cells in found.kept:
        kept.append([None] * len(cells))
        for cell, value in zip(kept[kept.max_row], cells, strict=True):
            _put(cell, value)
    source = sheet.column_dimensions
    for letter, dimension in source.items():
        kept.column_dimensions[letter].width = dimension.width


def _put(cell: Any, value: Any) -> None:
    """The officer's value as it was: a day stays a day, text stays text (never a formula)."""
    if isinstance(value, _dt.datetime) and value.time() == _dt.time():
        value = value.date()
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # read back as the text it was, not run as a formula


def _int(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _unreadable(path: Path, th: str, en: str, value: str | None) -> InputError:
    return InputError(file_problem(
        path,
        f"จะเขียนสมุดงานนี้ใหม่ แต่อ่านชีต {PROGRESS_SHEET} เดิมไม่ได้ ({th}) ซึ่งอาจมีผลที่เจ้าหน้าที่กรอกไว้"
        " จึงไม่เขียนทับ",
        f"this workbook would be written again, but its sheet {PROGRESS_SHEET} cannot be read"
        f" ({en}) and may hold results an officer filled in, so it is not overwritten",
        where=PROGRESS_SHEET, value=value,
        expected_th="ย้ายหรือเปลี่ยนชื่อไฟล์นี้ออกไปก่อน (เก็บผลที่กรอกไว้) แล้วสั่งใหม่",
        expected_en="move or rename this file first (keeping what was filled in), then run again"))
