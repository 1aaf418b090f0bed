"""Thai numerals, Buddhist Era years and Thai dates, the way government documents write them.

Thin wrappers over pythainlp so the rest of the package speaks one vocabulary; pure text
functions that never read files.
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal

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


def name_in_sentence(name: str) -> str:
    """A name as a sentence runs on after it: one shortened with ฯ or ending in a bracket
    takes a space before the next word, as Thai writes it ("กรมส่งเสริมการค้าฯ ได้คะแนน",
    "สถาบัน… (องค์การมหาชน) ได้คะแนน", never "…ฯได้" or "…)ได้").

    >>> name_in_sentence("กรมส่งเสริมการค้าฯ") + "ได้", name_in_sentence("อบต.ท่าข้าม") + "ได้"
    ('กรมส่งเสริมการค้าฯ ได้', 'อบต.ท่าข้ามได้')
    >>> name_in_sentence("สถาบันส่งเสริมการเรียนรู้ชุมชน (องค์การมหาชน)") + "ได้"
    'สถาบันส่งเสริมการเรียนรู้ชุมชน (องค์การมหาชน) ได้'
    """
    return name + " " if name.endswith(("ฯ", ")")) else name


#: Scores are means of two-decimal values: past nine places a float's digits are binary noise
#: (a mean of 95.625 may be stored as 95.62499999999999), dropped before rounding half up.
_NOISE = Decimal("1e-9")
_CENTS = Decimal("0.01")


def score_decimal(value: float) -> Decimal:
    """``value`` at two decimals rounded half up, as a hand check (and ITAS) rounds it: the
    decimal written, not the binary float (``round(95.625, 2)`` gives 95.62, a person 95.63).

    >>> score_decimal(95.625), score_decimal(84.995), score_decimal(0.005)
    (Decimal('95.63'), Decimal('85.00'), Decimal('0.01'))
    """
    exact = Decimal(repr(float(value))).quantize(_NOISE)
    return exact.quantize(_CENTS, rounding=ROUND_HALF_UP)


def round_score(value: float) -> float:
    """``value`` rounded to two decimals half up (:func:`score_decimal`), as a float: every
    comparison of a printed score (a level's floor, "ขาดอีก …") uses the number printed."""
    return float(score_decimal(value))


def format_score(value: float | None, *, thai: bool = True) -> str:
    """A score as ITAS shows it: always two decimals (issue 24), whatever it scores.

    Every item, indicator, tool (IIT/EIT/OIT) and ITA score, in text, tables, chart labels,
    Word and the batch index, is written here, so one document never shows ``๖๙.๙`` beside
    ``๘๑.๙๙`` or an official 88.00 as ``๘๘``. A missing item score (``None``) counts as zero,
    as ITAS scores an item nobody answered.

    >>> format_score(84.77)
    '๘๔.๗๗'
    >>> format_score(100.0, thai=False)
    '100.00'
    >>> format_score(69.9)
    '๖๙.๙๐'
    >>> format_score(95.625, thai=False)
    '95.63'
    """
    return digits(f"{score_decimal(value or 0.0):.2f}", thai=thai)


def format_threshold(value: float, *, thai: bool = True) -> str:
    """A target or a level's floor in a phrase (``ต่ำกว่า ๘๕ คะแนน``): a whole number as the
    officer set it, otherwise two decimals. It is a setting, not a score, so it is not padded.

    >>> format_threshold(85)
    '๘๕'
    >>> format_threshold(87.5, thai=False)
    '87.50'
    """
    if float(value).is_integer():
        return digits(f"{value:.0f}", thai=thai)
    return format_score(value, thai=thai)


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
