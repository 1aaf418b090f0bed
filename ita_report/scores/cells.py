"""The one set of cell rules every score file is read by: what a score, a blank, a fiscal year
and an agency id look like in a cell ("84.77", "๘๔.๗๗", "-", "ปีงบประมาณ 2566").

A cell is never guessed at: a value that is not clearly one of these is reported, never read as
zero. Nothing here opens a file.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ita_report.codes import is_indicator_code, item_sort_key, normalize_code
from ita_report.errors import UnknownYearError, file_problem
from ita_report.framework import available_years, load_framework
from ita_report.text import strip_invisible
from ita_report.thai import to_arabic_digits

# Excel, Word and web pages put these where a person sees only a space.
INVISIBLE = re.compile(r"[\s\u200b\u00a0\ufeff]+")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_YEAR_PREFIX = re.compile(r"^(?:ปีงบประมาณ|ปีงบ|ปี|พ\.ศ\.|พ\.ศ|พศ\.?|fy|b\.e\.|be)")
_YEAR = re.compile(r"^(\d{4})(?:\.0*)?$")
# A dash is how officers write "no score" in a printed table; it must never become zero.
_BLANK_MARKS = frozenset({"", "-", "–", "—"})

SCORE_OK, BLANK, NOT_NUMBER, OUT_OF_RANGE, SPACED = 0, 1, 2, 3, 4
# Digits on both sides of a space: "8 5" may be 85 or 8.5, so it is neither.
_SPACE_IN_NUMBER = re.compile(r"[\d.]\s+[\d.]")


def column_letter(col: int) -> str:
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters



def cell_text(value: Any) -> str:
    if value is None or isinstance(value, Uncached):
        return ""
    if isinstance(value, float):
        # An integer-valued float is how Excel stores 2566 or 5500101; keep it an integer.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


@dataclass(frozen=True)
class Uncached:
    """A formula cell whose result was never saved (a workbook written by a script, or one
    linked to another workbook): its value is unknown, which is not the same as empty."""

    formula: str



def clean_org_id(raw: str) -> str:
    """The id as one sees it: characters nobody sees (a zero-width space pasted from a web
    page) removed, runs of spaces as one, Thai digits as Arabic ones."""
    return to_arabic_digits(INVISIBLE.sub(" ", strip_invisible(raw)).strip())


def parse_score(raw: str) -> tuple[float, int]:
    # Invisible characters go; visible spaces around the number go; a space inside it
    # ("8 5", "85 .5") is refused: it may be 85 or 8.5.
    text = to_arabic_digits(strip_invisible(raw)).strip()
    if text in _BLANK_MARKS:
        return float("nan"), BLANK
    if not _NUMBER.match(text):
        if _SPACE_IN_NUMBER.search(text) and _NUMBER.match(INVISIBLE.sub("", text)):
            return float("nan"), SPACED
        return float("nan"), NOT_NUMBER
    value = float(text)
    if not 0.0 <= value <= 100.0:
        return value, OUT_OF_RANGE
    return value, SCORE_OK


def parse_year(raw: str) -> tuple[int | None, str]:
    """``(year, "")`` or ``(None or the CE year, reason)`` with reason blank / ce / bad."""
    spaced = to_arabic_digits(strip_invisible(raw)).lower()
    if re.search(r"\d\s+\d", spaced):
        return None, "bad"  # "25 66": 2566, or two numbers?
    text = INVISIBLE.sub("", spaced)
    if not text:
        return None, "blank"
    for _ in range(2):  # "ปีงบประมาณ พ.ศ. 2566" has two prefixes
        text = _YEAR_PREFIX.sub("", text)
    found = _YEAR.match(text)
    if not found:
        return None, "bad"
    value = int(found.group(1))
    if 1900 <= value < 2400:
        return value, "ce"
    if not 2400 <= value <= 2800:
        return None, "bad"
    return value, ""


def normalise_extra_codes(extra_codes: Iterable[str]) -> frozenset[str]:
    if isinstance(extra_codes, str):
        extra_codes = [extra_codes]
    found: set[str] = set()
    for raw in extra_codes:
        code = normalize_code(raw)
        if code is None:
            raise ValueError(f"extra code {raw!r} is not an item or indicator code")
        found.add(code)
    return frozenset(found)


@functools.lru_cache(maxsize=32)
def suggestions(code: str, known: frozenset[str]) -> tuple[str, ...]:
    ordered = sorted(known, key=item_sort_key)
    return tuple(difflib.get_close_matches(code, ordered, n=3, cutoff=0.5))


@functools.lru_cache(maxsize=16)
def code_ranges(known: frozenset[str]) -> str:
    """``i1–i30, e1–e15, o1–o26, ind1–ind10`` (FY2569): the codes of a year in a line."""
    parts: list[str] = []
    for prefix in ("i", "e", "o", "ind"):
        numbers = sorted(
            int(c[len(prefix) :])
            for c in known
            if c.startswith(prefix)
            and c[len(prefix) :].isdigit()
            and (prefix == "ind") == is_indicator_code(c)
        )
        if numbers:
            parts.append(f"{prefix}{numbers[0]}–{prefix}{numbers[-1]}")
    return ", ".join(parts)


def framework_codes(
    year: int, file: Path, where: str | None = None, column: str | None = None
) -> frozenset[str]:
    try:
        return load_framework(year).known_codes()
    except UnknownYearError:
        years = ", ".join(str(y) for y in available_years()) or "-"
        raise UnknownYearError(
            file_problem(
                file,
                f"ไม่มีกรอบการประเมินของปีงบประมาณ {year}",
                f"there is no ITA framework for fiscal year {year}",
                where=where,
                column=column,
                value=year,
                expected_th=f"ปีที่มีกรอบการประเมิน: {years}",
                expected_en=f"one of the years available: {years}",
            )
        ) from None


def factorize(values: npt.NDArray[np.object_]) -> tuple[npt.NDArray[np.intp], list[str]]:
    ids, uniques = pd.factorize(values)
    return ids, [str(u) for u in uniques]


def th_where(where: str) -> str:
    return "แถว " + where[4:] if where.startswith("row ") else where



def shown(raw: object) -> str:
    text = str(raw).strip()
    return text if text else "(ว่าง/blank)"


@functools.lru_cache(maxsize=64)
def variant_hint(year: int, code: str) -> tuple[str, str]:
    """(Thai, English) naming the shipped variant framework of ``year`` that has ``code`` and
    how to use it (an FY2568 file with o27–o33 is numbered as the 33-item variant); empty
    strings when none has it."""
    from ita_report.framework import data_dir

    folder = data_dir() / "frameworks" / "variants"
    for path in sorted(folder.glob(f"{int(year)}-*.yaml")):
        try:
            variant = load_framework(int(year), path)
        except Exception:  # a broken variant file: `ita-report framework --file` says why
            continue
        if variant.item(code) is None:
            continue
        rel = f"data/frameworks/variants/{path.name}"
        return (
            f" ไฟล์กรอบการประเมินทางเลือก {rel} มีข้อ {code} (ความน่าเชื่อถือต่ำ ดู ita-report"
            f" framework --file {rel}) ถ้าหน้า ITAS ของหน่วยงานแสดงข้อนี้จริง ให้ใส่"
            f" framework_file: {rel} (อ้างอิงจากโฟลเดอร์ของไฟล์พารามิเตอร์) ในไฟล์พารามิเตอร์",
            f" the shipped variant framework {rel} has {code} (low confidence; see ita-report"
            f" framework --file {rel}): if the agency's ITAS page lists it, set framework_file:"
            f" to that file (relative to the params file's folder) in the params",
        )
    return "", ""
