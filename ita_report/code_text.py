"""Item codes as the document writes them: ``O๑๗``, ``ข้อ i๑๔–i๑๕ และข้อ i๒๗``.

Pure text: the measures table, the limitations and every writer name items through here.
"""

from __future__ import annotations

from collections.abc import Sequence

from ita_report.thai import digits


def display_code(code: str, *, thai: bool) -> str:
    """``o17`` → ``O๑๗``, ``i21`` → ``i๒๑``: the number takes Thai digits, and an OIT code its
    capital O as the NACC writes it, since a small o before Thai digits reads as the digit ๐
    (``o๑๗`` looks like ``๐๑๗``, the seed's own slip)."""
    letter = "O" if code[0] == "o" else code[0]
    return letter + digits(code[1:], thai=thai)


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


def runs_codes(codes: Sequence[str], *, thai: bool) -> str:
    """``i๑๔–i๑๕ และ i๒๗``: codes as runs, without the word ข้อ."""
    parts = [
        display_code(a, thai=thai) if a == b
        else f"{display_code(a, thai=thai)}–{display_code(b, thai=thai)}"
        for a, b in code_runs(codes)
    ]
    return and_list(parts)


def runs_text(codes: Sequence[str], *, thai: bool) -> str:
    """``ข้อ i๑๔–i๑๕ และข้อ i๒๗``: the seed's way of naming several items."""
    parts = [
        display_code(a, thai=thai) if a == b
        else f"{display_code(a, thai=thai)}–{display_code(b, thai=thai)}"
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
