"""Errors for people and errors for programmers.

``InputError`` is what a planning officer sees: it names the file, the place in it (row and
column, or sheet and cell, or line), the value, and what was expected, in Thai and English.
The CLI prints it without a traceback and exits with status 2. Nothing here may print.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ItaReportError(Exception):
    """Base of every error this package raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, in both languages.

    ``where`` is the place inside the file: ``"แถว 5 (row 5)"``, ``"IIT!D17"``, ``"line 12"``.
    """

    file: str
    where: str | None
    column: str | None
    value: str | None
    problem_th: str
    problem_en: str
    expected_th: str | None = None
    expected_en: str | None = None

    def render(self) -> str:
        head_th = [f"ไฟล์ {self.file}"]
        head_en = [self.file]
        if self.where:
            head_th.append(self.where_th)
            head_en.append(self.where_en)
        if self.column:
            head_th.append(f"คอลัมน์ {self.column}")
            head_en.append(f"column {self.column}")
        value = f' ค่า "{self.value}"' if self.value is not None else ""
        value_en = f' value "{self.value}"' if self.value is not None else ""
        th = " ".join(head_th) + ":" + value + " " + self.problem_th
        en = ", ".join(head_en) + ":" + value_en + " " + self.problem_en
        if self.expected_th:
            th += f" — ที่ถูกต้อง: {self.expected_th}"
        if self.expected_en:
            en += f"; expected {self.expected_en}"
        return f"{th}\n{en}"

    @property
    def where_th(self) -> str:
        return _translate_where(self.where or "", thai=True)

    @property
    def where_en(self) -> str:
        return _translate_where(self.where or "", thai=False)


def _translate_where(where: str, *, thai: bool) -> str:
    # ``where`` is stored in a neutral form ("row 5", "line 3", "IIT!D17") and shown per language.
    for en, th in (("row ", "แถว "), ("line ", "บรรทัด "), ("sheet ", "ชีต ")):
        if where.startswith(en):
            return (th + where[len(en):]) if thai else where
    return where


class InputError(ItaReportError):
    """Input a person wrote is wrong; the message says where and how to fix it."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__(self.render())

    def render(self, limit: int = 20) -> str:
        shown = [p.render() for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            shown.append(f"… และอีก {more} รายการ (and {more} more)")
        return "\n\n".join(shown)


def file_problem(
    path: str | Path,
    problem_th: str,
    problem_en: str,
    *,
    where: str | None = None,
    column: str | None = None,
    value: object = None,
    expected_th: str | None = None,
    expected_en: str | None = None,
) -> Problem:
    """Build a :class:`Problem` about ``path`` (shown by its name as the user gave it)."""
    return Problem(
        file=str(path),
        where=where,
        column=column,
        value=None if value is None else str(value),
        problem_th=problem_th,
        problem_en=problem_en,
        expected_th=expected_th,
        expected_en=expected_en,
    )


class FrameworkError(ItaReportError):
    """A framework file under data/frameworks is inconsistent (a data bug, not user input)."""


class UnknownYearError(InputError):
    """No framework exists for the fiscal year asked for."""


def input_error_names() -> frozenset[str]:
    """Class names of ``InputError`` and its subclasses: how a kernel reports them (``ename``)."""
    names: set[str] = set()
    todo: list[type[InputError]] = [InputError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return frozenset(names)


@dataclass(frozen=True)
class NotebookFailure:
    """Where and how a report notebook stopped (the fields of papermill's execution error)."""

    notebook: str  # the notebook that was run
    cell: int | None  # 1-based, as a person counts cells
    ename: str
    evalue: str
    failed_notebook: Path | None  # the executed notebook kept for whoever investigates
    log: Path | None  # the full traceback


class NotebookFailed(ItaReportError):
    """A report notebook stopped with an error: one short paragraph saying what to do.

    When the error inside the kernel was an ``InputError`` (a wrong value in a params or score
    file), its own message is the paragraph and the exit status is 2, as for any input error.
    Otherwise the paragraph names the kept notebook and log, and the exit status is 1.
    """

    def __init__(self, failure: NotebookFailure) -> None:
        self.failure = failure
        super().__init__(self.render())

    @property
    def is_input_error(self) -> bool:
        return self.failure.ename in input_error_names()

    @property
    def exit_status(self) -> int:
        return 2 if self.is_input_error else 1

    def render(self) -> str:
        f = self.failure
        kept = [str(p) for p in (f.failed_notebook, f.log) if p is not None]
        where_th = f" (รายละเอียดทางเทคนิคอยู่ใน {' และ '.join(kept)})" if kept else ""
        where_en = f" (technical details: {', '.join(kept)})" if kept else ""
        if self.is_input_error:
            return (
                "สร้างรายงานไม่สำเร็จเพราะข้อมูลนำเข้าไม่ถูกต้อง แก้ตามข้อความด้านล่างแล้วสั่งใหม่"
                f"{where_th}\n"
                f"The report was not made because of an input error; fix what follows and run"
                f" again{where_en}.\n\n{f.evalue}"
            )
        cell_th = f"เซลล์ที่ {f.cell} ของ" if f.cell is not None else ""
        cell_en = f"cell {f.cell} of " if f.cell is not None else ""
        reason = f"{f.ename}: {f.evalue}" if f.evalue else f.ename
        return (
            f"สร้างรายงานไม่สำเร็จ: {cell_th}สมุดงาน {f.notebook} หยุดทำงาน ({reason})"
            " จึงไม่ได้เขียนรายงาน ถ้าไม่ได้แก้ไขสมุดงานเอง ให้ส่งไฟล์"
            f" {' และ '.join(kept) or 'ข้อความนี้'} ให้ผู้ดูแลระบบ\n"
            f"The report was not made: {cell_en}notebook {f.notebook} stopped ({reason}), so no"
            " report was written. Unless you edited the notebook yourself, send"
            f" {' and '.join(kept) or 'this message'} to whoever maintains ita-report."
        )
