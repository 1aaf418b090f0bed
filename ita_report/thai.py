"""Thai numerals, Buddhist Era years and Thai dates, the way government documents write them.

Thin wrappers over pythainlp so the rest of the package speaks one vocabulary; pure text
functions that never read files.
"""

from __future__ import annotations

import datetime as _dt

from pythainlp.util import (
    arabic_digit_to_thai_digit,
    thai_digit_to_arabic_digit,
    thai_strftime,
)

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def to_arabic_digits(text: str) -> str:
    """``"๘๔.๗๗"`` → ``"84.77"``; other characters are kept."""
    return str(thai_digit_to_arabic_digit(text)) if text else text


def to_thai_digits(text: str) -> str:
    """``"84.77"`` → ``"๘๔.๗๗"``; other characters are kept."""
    return str(arabic_digit_to_thai_digit(text)) if text else text


def digits(text: str, *, thai: bool) -> str:
    """Write the digits of ``text`` in Thai numerals when ``thai`` is true."""
    return to_thai_digits(text) if thai else text


def format_score(value: float, *, thai: bool = True) -> str:
    """A score the way the seed writes it: two decimals, trailing zeros dropped.

    >>> format_score(84.77)
    '๘๔.๗๗'
    >>> format_score(100.0, thai=False)
    '100'
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return digits(text, thai=thai)


def format_item_score(value: float | None, *, thai: bool = True) -> str:
    """An item's score as ITAS shows it: two decimals (``๖๗.๐๐``); full or no marks as ``๑๐๐``
    and ``๐`` (OIT items are found or not). The table and the gaps chart both write it so.

    >>> format_item_score(79.6)
    '๗๙.๖๐'
    >>> format_item_score(0.0, thai=False)
    '0'
    """
    number = value or 0.0
    if number in (0.0, 100.0):
        return digits(f"{number:.0f}", thai=thai)
    return digits(f"{number:.2f}", thai=thai)


def be_year(ce_year: int) -> int:
    """Buddhist Era year of a Common Era year (2023 → 2566)."""
    return ce_year + 543


def fiscal_year_span(be: int) -> tuple[_dt.date, _dt.date]:
    """First and last day of Thai fiscal year ``be`` (ปีงบประมาณ พ.ศ.): 1 October of the year
    before to 30 September.

    >>> fiscal_year_span(2567)
    (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    """
    ce = be - 543
    return _dt.date(ce - 1, 10, 1), _dt.date(ce, 9, 30)


def thai_date(day: _dt.date, *, thai_digits: bool = True) -> str:
    """``๒๔ พฤศจิกายน ๒๕๖๙``: day, Thai month name, Buddhist Era year."""
    moment = _dt.datetime(day.year, day.month, day.day)
    return str(thai_strftime(moment, "%-d %B %Y", thaidigit=thai_digits))
