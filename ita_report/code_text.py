"""Item codes as the document writes them: ``o17``, ``ข้อ i14–i15 และข้อ i27``.

Pure text: the measures table, the limitations, the charts and every writer name items through
here, so one document never writes ``O๑๑`` beside ``i๒๓``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ita_report.thai import digits

#: How codes are written (``document: codes:``): ``ita`` as ITAS writes them (o11, i23, e1),
#: or ``thai`` with Thai digits (o๑๑, i๒๓, e๑). Either way every code of a document alike.
CodeStyle = Literal["ita", "thai"]
CODE_STYLES: tuple[CodeStyle, ...] = ("ita", "thai")


def display_code(code: str, *, style: CodeStyle) -> str:
    """A code as the document writes it: the small letter ITAS uses, Arabic digits unless the
    officer chose Thai ones for codes (issue 24).

    The choice is its own, not the document's ``thai_digits``: a score in Thai digits beside
    ``o11`` is how ITAS pages read, and an officer copying a code into ITAS types o11.

    >>> display_code("o17", style="ita"), display_code("i21", style="thai")
    ('o17', 'i๒๑')
    """
    return code[0].lower() + digits(code[1:], thai=style == "thai")


def code_number(code: str) -> int:
    return int(code[1:])


def code_order(code: str) -> tuple[int, int]:
    """Sort key: IIT, EIT, OIT, each by number (``i9`` before ``i10``)."""
    return ("ieo".find(code[0]), code_number(code))


def code_runs(codes: Sequence[str]) -> list[tuple[str, str]]:
    """Group codes into runs of consecutive numbers of the same tool.

    Only codes given are joined: a range never spans an item it does not name.

    >>> code_runs(["i14", "i15", "i27"])
    [('i14', 'i15'), ('i27', 'i27')]
    >>> code_runs(["i25", "i26", "i28", "i29", "i30"])
    [('i25', 'i26'), ('i28', 'i30')]
    """
    runs: list[tuple[str, str]] = []
    for code in sorted(set(codes), key=code_order):
        if runs:
            start, end = runs[-1]
            if code[0] == end[0] and code_number(code) == code_number(end) + 1:
                runs[-1] = (start, code)
                continue
        runs.append((code, code))
    return runs


def runs_codes(codes: Sequence[str], *, style: CodeStyle) -> str:
    """``i14–i15 และ i27``: codes as runs, without the word ข้อ."""
    parts = [
        display_code(a, style=style) if a == b
        else f"{display_code(a, style=style)}–{display_code(b, style=style)}"
        for a, b in code_runs(codes)
    ]
    return and_list(parts)


def runs_text(codes: Sequence[str], *, style: CodeStyle) -> str:
    """``ข้อ i14–i15 และข้อ i27``: the seed's way of naming several items."""
    parts = [
        display_code(a, style=style) if a == b
        else f"{display_code(a, style=style)}–{display_code(b, style=style)}"
        for a, b in code_runs(codes)
    ]
    if len(parts) == 1:
        return f"ข้อ {parts[0]}"
    return "ข้อ " + " ".join(parts[:-1]) + f" และข้อ {parts[-1]}"


def and_list(parts: Sequence[str]) -> str:
    """``ก ข และ ค``: Thai official prose separates a list with spaces, not commas."""
    if len(parts) <= 1:
        return "".join(parts)
    return " ".join(parts[:-1]) + f" และ {parts[-1]}"
