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
