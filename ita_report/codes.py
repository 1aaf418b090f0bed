"""Item and indicator codes, normalised the way people type them.

``i๑๔``, ``ข้อ I 14`` and ``i14`` are one item; ``๐๑๗`` (the Thai digit zero typed for the letter
o) is o17; ``ตัวชี้วัดที่ 9`` and ``IND9`` are indicator 9. This module only parses text: it never
decides whether a code exists in a year's framework.
"""

from __future__ import annotations

import re

from ita_report.thai import to_arabic_digits

_THAI_ZERO = "๐"
_SPACES = re.compile(r"[\s\u200b\u00a0]+")
_ITEM = re.compile(r"^(?P<tool>[ieo])(?P<n>\d{1,3})$")
_INDICATOR = re.compile(r"^(?:ind|indicator|ตัวชี้วัดที่|ตัวชี้วัด)(?P<n>\d{1,2})(?:\.(?P<sub>\d))?$")
_PREFIX = re.compile(r"^(?:ข้อคำถาม|ข้อที่|ข้อ)")


def normalize_code(raw: object) -> str | None:
    """The canonical spelling of a code as a person typed it, or ``None`` if it is not a code.

    >>> normalize_code("ข้อ I ๑๔")
    'i14'
    >>> normalize_code("๐๑๗")
    'o17'
    >>> normalize_code("ตัวชี้วัดที่ 9")
    'ind9'
    >>> normalize_code("hello") is None
    True
    """
    if raw is None:
        return None
    text = _SPACES.sub("", str(raw)).strip().lower()
    text = _PREFIX.sub("", text)
    if not text:
        return None
    # The seed types OIT codes with the Thai digit zero for the letter o: ๐๑๗ is o17.
    if text[0] == _THAI_ZERO and len(text) > 1:
        text = "o" + text[1:]
    text = to_arabic_digits(text)
    item = _ITEM.match(text)
    if item:
        number = int(item["n"])
        return f"{item['tool']}{number}" if number > 0 else None
    indicator = _INDICATOR.match(text)
    if indicator:
        number = int(indicator["n"])
        if number <= 0:
            return None
        sub = indicator["sub"]
        return f"ind{number}.{int(sub)}" if sub else f"ind{number}"
    return None


def is_indicator_code(code: str) -> bool:
    """True for ``ind9`` or ``ind9.1``, false for item codes."""
    return code.startswith("ind")


def item_sort_key(code: str) -> tuple[int, int]:
    """Order items as the assessment does: IIT, then EIT, then OIT, each by number."""
    tool_order = {"i": 0, "e": 1, "o": 2}
    if is_indicator_code(code):
        return (3, int(float(code[3:]) * 10))
    return (tool_order.get(code[0], 9), int(code[1:]))
