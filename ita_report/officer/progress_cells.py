"""Cells of the progress sheet read as the officer meant them: a status typed with characters
nobody sees, a date typed in either era or stored by an Excel set to the other calendar.

A date is only ever accepted inside the fiscal year the measures were carried out in; one that
would fall there in the other era is refused with both readings, never silently shifted.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from pathlib import Path

from ita_report.errors import Problem, file_problem
from ita_report.text import strip_invisible
from ita_report.thai import thai_date, to_arabic_digits

_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
BE_OFFSET = 543  # Buddhist Era year = Common Era year + 543
_COLUMN = "วันที่ดำเนินการ"


def normal_text(text: str) -> str:
    """``text`` as it reads: without zero-width and other invisible format characters, a sara
    am typed in two parts (nikhahit + sara aa, U+0E4D U+0E32) as the one ำ (U+0E33), NFC.

    >>> normal_text("ดำเนินการแล้ว") == normal_text("ด\\u0e4d\\u0e32เนินการ\\u200bแล้ว")
    True
    """
    return unicodedata.normalize("NFC", strip_invisible(text).replace("\u0e4d\u0e32", "\u0e33"))


def fiscal_span(year: int) -> tuple[_dt.date, _dt.date]:
    """First and last day of Thai fiscal year ``year`` (Buddhist Era): 1 October of the year
    before to 30 September, in Common Era dates (FY2567: 2023-10-01 to 2024-09-30)."""
    return _dt.date(year - BE_OFFSET - 1, 10, 1), _dt.date(year - BE_OFFSET, 9, 30)


def read_date(file: Path, where: str, value: object, year: int,
              problems: list[Problem]) -> _dt.date | None:
    """A date cell, or ``dd/mm/yyyy`` typed in Buddhist Era (๑๕/๑/๒๕๖๗) or Common Era, inside
    fiscal year ``year`` (the measures were carried out then); otherwise a problem is added."""
    if value is None or value == "":
        return None
    first, last = fiscal_span(year)
    span_th = (f"ปีงบประมาณ พ.ศ. {year} ({thai_date(first, thai_digits=False)}"
               f" – {thai_date(last, thai_digits=False)})")
    span_en = f"fiscal year {year} BE ({first:%d/%m/%Y} – {last:%d/%m/%Y})"
    day: _dt.date | None = None
    if isinstance(value, _dt.datetime):
        day = value.date()
    elif isinstance(value, _dt.date):
        day = value
    elif found := _DATE.match(to_arabic_digits(str(value))):
        d, m, y = (int(x) for x in found.groups())
        try:
            day = _dt.date(y - BE_OFFSET if y > 2400 else y, m, d)
        except ValueError:
            day = None
    if day is None:
        problems.append(file_problem(
            file, "ไม่ใช่วันที่", "is not a date", where=where, column=_COLUMN, value=value,
            expected_th="วันที่ในรูปแบบวันที่ของ Excel หรือ วว/ดด/ปปปป เช่น ๑๕/๑/๒๕๖๗",
            expected_en="an Excel date, or dd/mm/yyyy such as 15/1/2567"))
        return None
    if first <= day <= last:
        return day
    expected_th = f"วันที่ใน{span_th} เช่น พิมพ์ {first.day}/{first.month}/{first.year + BE_OFFSET}"
    expected_en = f"a date in {span_en}, e.g. typed {first.day}/{first.month}/{first.year + 543}"
    for shift in (-BE_OFFSET, BE_OFFSET):
        other = _shifted(day, shift)
        if other is not None and first <= other <= last:
            # The year typed belongs to the other era (2567 stored as a Common Era year by an
            # Excel set to the Gregorian calendar): both readings named, neither guessed.
            problems.append(file_problem(
                file,
                f"ปีของวันที่นี้เป็นของอีกปฏิทินหนึ่ง: อ่านตามที่เก็บในเซลล์คือ {_both(day)}"
                f" ซึ่งอยู่นอก{span_th}; ถ้าหมายถึง {_both(other)} ให้พิมพ์ใหม่เป็น"
                f" {other.day}/{other.month}/{other.year + BE_OFFSET}",
                f"this date's year is of the other calendar: as stored it is {day:%d/%m/%Y} CE"
                f" ({day.year + BE_OFFSET} BE), outside {span_en}; if {other:%d/%m/%Y} CE"
                f" ({other.year + BE_OFFSET} BE) is meant, type"
                f" {other.day}/{other.month}/{other.year + BE_OFFSET}",
                where=where, column=_COLUMN, value=_shown(value),
                expected_th=expected_th, expected_en=expected_en))
            return None
    problems.append(file_problem(
        file, f"วันที่อยู่นอก{span_th} ซึ่งเป็นปีที่ดำเนินมาตรการ: {_both(day)}",
        f"the date is outside {span_en}, the year the measures were carried out:"
        f" {day:%d/%m/%Y} CE ({day.year + BE_OFFSET} BE)",
        where=where, column=_COLUMN, value=_shown(value),
        expected_th=expected_th, expected_en=expected_en))
    return None


def _shifted(day: _dt.date, years: int) -> _dt.date | None:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February of a year that has none, or past year 1–9999
        return None


def _both(day: _dt.date) -> str:
    """A date with both its years: ``15 ธันวาคม พ.ศ. 2567 (ค.ศ. 2024)``."""
    day_month = thai_date(_dt.date(2000, day.month, day.day), thai_digits=False).rsplit(" ", 1)[0]
    return f"{day_month} พ.ศ. {day.year + BE_OFFSET} (ค.ศ. {day.year})"


def _shown(value: object) -> object:
    if isinstance(value, _dt.datetime | _dt.date):
        return f"{value:%d/%m/%Y}"
    return value
