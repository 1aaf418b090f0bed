"""Codes as people type them all normalise to one spelling; nothing typed makes the parser raise."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ita_report.codes import is_indicator_code, normalize_code
from ita_report.thai import to_thai_digits

CANONICAL = re.compile(r"^(?:[ieo][1-9]\d*|ind[1-9]\d*(?:\.\d)?)$")

tools = st.sampled_from("ieo")
numbers = st.integers(min_value=1, max_value=99)
spaces = st.sampled_from(["", " ", "  ", "\u00a0", "\t"])


@given(tool=tools, n=numbers, upper=st.booleans(), thai=st.booleans(), gap=spaces, pad=spaces)
def test_spellings_of_an_item_normalise_to_one_code(
    tool: str, n: int, upper: bool, thai: bool, gap: str, pad: str
) -> None:
    letter = tool.upper() if upper else tool
    number = to_thai_digits(str(n)) if thai else str(n)
    assert normalize_code(f"{pad}{letter}{gap}{number}{pad}") == f"{tool}{n}"


@given(tool=tools, n=numbers, thai=st.booleans(), gap=spaces)
def test_kho_prefix_is_dropped(tool: str, n: int, thai: bool, gap: str) -> None:
    number = to_thai_digits(str(n)) if thai else str(n)
    assert normalize_code(f"ข้อ{gap}{tool}{number}") == f"{tool}{n}"
    assert normalize_code(f"ข้อที่ {tool}{number}") == f"{tool}{n}"


@given(n=numbers, thai=st.booleans(), kho=st.booleans())
def test_thai_zero_typed_for_o(n: int, thai: bool, kho: bool) -> None:
    # The seed writes o17 as ๐๑๗: the Thai digit zero standing in for the letter o.
    number = to_thai_digits(str(n)) if thai else str(n)
    prefix = "ข้อ " if kho else ""
    assert normalize_code(f"{prefix}๐{number}") == f"o{n}"


@given(n=st.integers(min_value=1, max_value=10), thai=st.booleans(), upper=st.booleans())
def test_indicator_spellings(n: int, thai: bool, upper: bool) -> None:
    number = to_thai_digits(str(n)) if thai else str(n)
    for text in (f"{'IND' if upper else 'ind'}{number}", f"ตัวชี้วัดที่ {number}", f"ind {number}"):
        code = normalize_code(text)
        assert code == f"ind{n}"
        assert is_indicator_code(code)


@given(tool=tools, n=numbers, zeros=st.integers(min_value=0, max_value=1))
def test_leading_zeros(tool: str, n: int, zeros: int) -> None:
    assert normalize_code(f"{tool}{'0' * zeros}{n:02d}") == f"{tool}{n}"


@given(st.text())
def test_any_text_never_raises_and_gives_a_canonical_code_or_none(text: str) -> None:
    code = normalize_code(text)
    assert code is None or CANONICAL.match(code), code
    if code is not None:
        assert normalize_code(code) == code


@given(st.one_of(st.none(), st.integers(), st.floats(), st.binary()))
def test_non_text_never_raises(value: object) -> None:
    normalize_code(value)


def test_not_codes() -> None:
    for text in ("", "ข้อ", "score", "i0", "o", "ITA", "การเปิดเผยข้อมูล", "x14"):
        assert normalize_code(text) is None, text
