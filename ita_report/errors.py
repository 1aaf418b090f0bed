"""Errors for people and errors for programmers.

``InputError`` is what a planning officer sees: it names the file, the place in it (row and
column, or sheet and cell, or line), the value, and what was expected, in Thai and English.
The CLI prints it without a traceback and exits with status 2. Nothing here may print.
"""

from __future__ import annotations

import errno
import signal
from collections.abc import Iterable
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
    """Build a :class:`Problem` about ``path`` (shown by its name as the user gave it).

    A long ``value`` is shown by its start and its length: a message must stay readable when
    the value is a megabyte pasted by mistake.
    """
    return Problem(
        file=str(path),
        where=where,
        column=column,
        value=None if value is None else shorten_value(str(value)),
        problem_th=problem_th,
        problem_en=problem_en,
        expected_th=expected_th,
        expected_en=expected_en,
    )


def shorten_value(text: str, limit: int = 120) -> str:
    """``text``, or its first ``limit`` characters and how long it is.

    >>> shorten_value("ก" * 500, limit=3)
    'กกก… (500 ตัวอักษร / characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} ตัวอักษร / characters)"


# -- "did you mean" (issue 14) ----------------------------------------------------------------
def close_matches(word: object, choices: Iterable[object], *, n: int = 3) -> tuple[str, ...]:
    """The choices closest to ``word`` (a mistyped key, code, command or file name).

    >>> close_matches("thai_digit", ["thai_digits", "target", "org_id"])
    ('thai_digits',)
    """
    import difflib

    text = str(word)
    options = [str(c) for c in choices]
    lowered = {o.lower(): o for o in options}
    found = difflib.get_close_matches(text.lower(), list(lowered), n=n, cutoff=0.6)
    return tuple(lowered[f] for f in found)


def did_you_mean(word: object, choices: Iterable[object]) -> tuple[str, str]:
    """Thai and English words to add to a message: ``" หมายถึง X หรือไม่"``, or empty.

    >>> did_you_mean("rnu", ["run", "new"])[1]
    ' (did you mean run?)'
    """
    close = close_matches(word, choices)
    if not close:
        return "", ""
    listed = " หรือ ".join(close)
    return f" (หมายถึง {listed} หรือไม่)", f" (did you mean {' or '.join(close)}?)"


def nearby_files(path: str | Path, *, n: int = 3) -> tuple[str, ...]:
    """Files beside where ``path`` points whose names are close to its name, written the way
    ``path`` was (``คะแนน-2567.xlsx`` for ``คะแนน2567.xlsx``; ``x.xlsx`` for ``x.csv``)."""
    given = Path(path)
    folder = given.parent
    try:
        names = [p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")]
    except OSError:
        return ()
    close = list(close_matches(given.name, names, n=n))
    for name in names:  # the same name with another extension is always worth saying
        if Path(name).stem == given.stem and name != given.name and name not in close:
            close.insert(0, name)
    return tuple(str(folder / name) if str(folder) != "." else name for name in close[:n])


def missing_file_problem(
    path: str | Path,
    problem_th: str = "ไม่พบไฟล์",
    problem_en: str = "file not found",
    *,
    expected_th: str | None = None,
    expected_en: str | None = None,
) -> Problem:
    """The problem of a file that is not there, naming the closest files beside it."""
    close = nearby_files(path)
    if close:
        listed = ", ".join(close)
        expected_th = f"หมายถึง {listed} หรือไม่" + (f" ({expected_th})" if expected_th else "")
        expected_en = f"did you mean {listed}?" + (f" ({expected_en})" if expected_en else "")
    return file_problem(path, problem_th, problem_en, expected_th=expected_th,
                        expected_en=expected_en)


class Bilingual(ValueError):
    """A validator's refusal said in both languages (pydantic shows only ``str(exc)``, the
    English; params' messages take the Thai from here)."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th = th
        self.en = en


class FrameworkError(InputError):
    """A framework file is inconsistent: the shipped ones are data officers may edit, and an
    officer may point the params at their own (``framework_file``), so it is input."""


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


# -- outputs that could not be written --------------------------------------------------------
#: Why a write failed, in Thai, for the causes an officer can do something about.
_WRITE_WHY_TH = {
    errno.ENOSPC: "พื้นที่ดิสก์เต็ม ลบไฟล์ที่ไม่ใช้ให้มีที่ว่างแล้วสั่งใหม่",
    errno.EDQUOT: "ใช้พื้นที่ดิสก์เกินโควตา ลบไฟล์ที่ไม่ใช้แล้วสั่งใหม่",
    errno.EACCES: "ไม่มีสิทธิ์เขียนในโฟลเดอร์นี้ เลือกโฟลเดอร์อื่นด้วย --out",
    errno.EPERM: "ไม่มีสิทธิ์เขียนในโฟลเดอร์นี้ เลือกโฟลเดอร์อื่นด้วย --out",
    errno.EROFS: "ดิสก์นี้เขียนไม่ได้ (อ่านอย่างเดียว) เลือกโฟลเดอร์อื่นด้วย --out",
}


class WriteFailed(ItaReportError):
    """An output could not be written (disk full, no permission, read-only disk).

    Outputs are renamed into place only once complete (:mod:`ita_report.iorw`), so whatever
    was at ``path`` before is untouched and nothing half-written is left; the message says so.
    ``errno`` and ``strerror`` are the operating system's.
    """

    def __init__(self, path: str | Path, error: OSError) -> None:
        self.path = Path(path)
        self.errno = error.errno
        self.strerror = error.strerror or str(error)
        super().__init__(self.render())

    @property
    def disk_full(self) -> bool:
        return self.errno in (errno.ENOSPC, errno.EDQUOT)

    def render(self) -> str:
        why_th = _WRITE_WHY_TH.get(self.errno or 0, self.strerror)
        return (
            f"เขียนไฟล์ {self.path} ไม่สำเร็จ: {why_th} ไฟล์เดิมที่ชื่อนี้ (ถ้ามี) ยังอยู่ครบ"
            " และไม่มีไฟล์ที่เขียนค้างไว้ครึ่งเดียว\n"
            f"Could not write {self.path}: {self.strerror}. Any earlier file of that name is"
            " unchanged and nothing half-written was left."
        )


# -- a report notebook that stopped ------------------------------------------------------------
#: How nbclient names a kernel that died, and a cell that ran past its time limit.
KERNEL_DIED = frozenset({"DeadKernelError"})
CELL_TIMED_OUT = frozenset({"CellTimeoutError", "TimeoutError"})


def kernel_lost(
    ename: str, *, notebook: str, cell: int | None, timeout: float | None = None
) -> tuple[str, str] | None:
    """Thai and English for a kernel that died or a cell that timed out; None for other errors.

    Both are about the machine, not the notebook's code: the words say what happened and that
    running again is the first thing to try (or a longer ``--timeout``).

    >>> kernel_lost("DeadKernelError", notebook="m.ipynb", cell=7)[1]
    'the kernel running cell 7 of notebook m.ipynb died (out of memory, or killed)'
    """
    cell_th = f"เซลล์ที่ {cell} ของ" if cell is not None else ""
    cell_en = f"cell {cell} of " if cell is not None else ""
    if ename in KERNEL_DIED:
        return (
            f"เคอร์เนลที่รัน{cell_th}สมุดงาน {notebook} หยุดทำงานกะทันหัน"
            " (หน่วยความจำอาจไม่พอ หรือถูกสั่งปิด)",
            f"the kernel running {cell_en}notebook {notebook} died (out of memory, or killed)",
        )
    if ename in CELL_TIMED_OUT:
        limit_th = f"เกิน {timeout:g} วินาที" if timeout else "เกินเวลาที่กำหนด"
        limit_en = f"longer than {timeout:g} s" if timeout else "past its time limit"
        return (
            f"{cell_th or 'เซลล์ใน'}สมุดงาน {notebook} ทำงาน{limit_th}"
            " (ถ้ารายงานช้าจริง ให้เวลามากขึ้นด้วย --timeout)",
            f"{cell_en or 'a cell of '}notebook {notebook} ran {limit_en} and was stopped"
            " (if the report is just slow, allow more with --timeout)",
        )
    return None


def signal_name(exitcode: int | None) -> str:
    """How a child process ended, for a status line: ``"killed by SIGKILL"``, ``"exit code 1"``."""
    if exitcode is not None and exitcode < 0:
        with_name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else ""
        return f"killed by {with_name or f'signal {-exitcode}'}"
    return f"exit code {exitcode}"


@dataclass(frozen=True)
class NotebookFailure:
    """Where and how a report notebook stopped (the fields of papermill's execution error)."""

    notebook: str  # the notebook that was run
    cell: int | None  # 1-based, as a person counts cells
    ename: str
    evalue: str
    failed_notebook: Path | None  # the executed notebook kept for whoever investigates
    log: Path | None  # the full traceback
    timeout: float | None = None  # the per-cell time limit the run had, in seconds


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
        lost = kernel_lost(f.ename, notebook=f.notebook, cell=f.cell, timeout=f.timeout)
        if lost is not None:
            return (
                f"สร้างรายงานไม่สำเร็จ: {lost[0]} จึงไม่ได้เขียนรายงาน สั่งใหม่อีกครั้ง ถ้ายังเกิดอีก"
                f" ให้ส่งไฟล์ {' และ '.join(kept) or 'ข้อความนี้'} ให้ผู้ดูแลระบบ\n"
                f"The report was not made: {lost[1]}, so no report was written. Run it again;"
                f" if it happens again, send {' and '.join(kept) or 'this message'} to whoever"
                " maintains ita-report."
            )
        cell_th = f"เซลล์ที่ {f.cell} ของ" if f.cell is not None else ""
        cell_en = f"cell {f.cell} of " if f.cell is not None else ""
        # One paragraph: a multi-line message (a timeout's cell preview) keeps its first line.
        first = f.evalue.strip().splitlines()[0] if f.evalue.strip() else ""
        reason = f"{f.ename}: {first}" if first else f.ename
        return (
            f"สร้างรายงานไม่สำเร็จ: {cell_th}สมุดงาน {f.notebook} หยุดทำงาน ({reason})"
            " จึงไม่ได้เขียนรายงาน ถ้าไม่ได้แก้ไขสมุดงานเอง ให้ส่งไฟล์"
            f" {' และ '.join(kept) or 'ข้อความนี้'} ให้ผู้ดูแลระบบ\n"
            f"The report was not made: {cell_en}notebook {f.notebook} stopped ({reason}), so no"
            " report was written. Unless you edited the notebook yourself, send"
            f" {' and '.join(kept) or 'this message'} to whoever maintains ita-report."
        )
