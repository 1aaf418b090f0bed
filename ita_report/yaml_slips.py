"""What went wrong in a YAML file an officer edited, said as a person would say it (issue 24).

The parser's own words ("expected <block end>, but found '<block mapping start>'", "found
character '\\t' that cannot start any token") mean nothing to a planning officer, and the line
they name is often the one after the slip. The slips officers make are few: spaces left at the
start of a line after removing a ``#`` from the commented examples, a tab, no space after a
``:``, a quote opened and never closed. Each is recognised from the text itself, nearest the
line the parser stopped at, and explained in Thai and English with how to fix it; anything else
gets a plain checklist of the same four rules, never the parser's words. Nothing here reads or
writes a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# ``key:value``: a key of letters, digits and _ - . then a colon and no space (not ``http://``).
_NO_SPACE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w.-]*):(?P<rest>[^\s/].*)$")
# ``key: "…`` or ``- '…``: a value that starts with a quote.
_QUOTED = re.compile(r"^\s*(?:-\s+)?(?:[^\s#'\"][^:#]*:\s+|-\s+)?(?P<q>['\"])(?P<rest>.*)$")
# A value that opens a block of text (``|``, ``>-``) or a flow collection over several lines.
_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*$")


@dataclass(frozen=True)
class YamlSlip:
    """One slip: the line (1-based), that line as written, and what to say about it."""

    line: int
    text: str
    problem_th: str
    problem_en: str
    expected_th: str
    expected_en: str

    @property
    def where(self) -> str:
        return f"line {self.line}"


def explain_yaml_error(text: str, error: Any) -> YamlSlip:
    """The slip behind the parser's ``error`` (a ``yaml.YAMLError``) in ``text``."""
    lines = text.splitlines()
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    stopped = mark.line + 1 if mark is not None else len(lines)
    stopped = max(1, min(stopped, len(lines) or 1))
    found = [_tab(lines, stopped)] + [
        slip for slip in (_unclosed_quote(lines, stopped), _no_space(lines, stopped),
                          _indent(lines, stopped)) if slip is not None
    ]
    tab = found[0]
    if tab is not None:  # a tab is never right, wherever it is
        return tab
    slips = [slip for slip in found[1:] if slip is not None]
    if slips:
        return max(slips, key=lambda slip: slip.line)  # the nearest before the parser stopped
    return YamlSlip(
        stopped, _shown(lines, stopped),
        "เขียนไม่ตรงรูปแบบของไฟล์ YAML ที่บรรทัดนี้หรือบรรทัดก่อนหน้า",
        "this line or the one before it does not follow the YAML layout",
        "แต่ละบรรทัดเป็น ชื่อ: ค่า (เว้นวรรคหนึ่งเคาะหลัง :) ย่อหน้าด้วยปุ่ม Space (ไม่ใช้ Tab)"
        " เท่ากับบรรทัดระดับเดียวกัน และเครื่องหมายคำพูดที่เปิดต้องปิดในบรรทัดเดียวกัน",
        "each line as name: value (one space after the colon), indented with spaces (no tabs)"
        " like the lines of its level, and every quote closed on its own line",
    )


def _shown(lines: list[str], number: int) -> str:
    text = lines[number - 1] if 0 < number <= len(lines) else ""
    return text.rstrip().replace("\t", "[Tab]")


def _content(lines: list[str], stopped: int) -> list[tuple[int, str]]:
    """The numbered lines up to ``stopped`` that hold YAML (not blank, not a comment)."""
    return [(n, line) for n, line in enumerate(lines[:stopped], start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def _tab(lines: list[str], stopped: int) -> YamlSlip | None:
    at = next((n for n, line in enumerate(lines[: stopped + 1], start=1)
               if "\t" in line[: len(line) - len(line.lstrip())]), None)
    if at is None:
        return None
    return YamlSlip(
        at, _shown(lines, at),
        "ย่อหน้าด้วยปุ่ม Tab ซึ่งไฟล์ YAML ใช้ไม่ได้",
        "is indented with a tab, which YAML does not allow",
        "ลบ Tab ออกแล้วย่อหน้าด้วยปุ่ม Space แทน ให้เท่ากับบรรทัดระดับเดียวกัน"
        " (ค่าย่อยย่อหน้า 2 เคาะ)",
        "delete the tab and indent with spaces like the lines of the same level"
        " (2 spaces for a key inside another)",
    )


def _unclosed_quote(lines: list[str], stopped: int) -> YamlSlip | None:
    for number, line in reversed(_content(lines, stopped)):
        quoted = _QUOTED.match(line)
        if quoted is None:
            continue
        mark, rest = quoted.group("q"), quoted.group("rest")
        # A doubled quote inside '…' or \" inside "…" does not close the text.
        body = rest.replace("''", "") if mark == "'" else rest.replace('\\"', "")
        if mark not in body:
            return YamlSlip(
                number, _shown(lines, number),
                f"เปิดเครื่องหมายคำพูด ({mark}) แล้วไม่ได้ปิดในบรรทัดเดียวกัน"
                " ข้อความจึงกินบรรทัดถัดไปด้วย",
                f"opens a quote ({mark}) and does not close it on the same line, so the text"
                " runs on into the next lines",
                f"ปิดเครื่องหมายคำพูดท้ายข้อความ เช่น {mark}ข้อความ{mark}"
                " หรือลบเครื่องหมายคำพูดออกทั้งสองข้าง",
                f"close the quote after the text ({mark}text{mark}) or remove both quotes",
            )
    return None


def _no_space(lines: list[str], stopped: int) -> YamlSlip | None:
    for number, line in reversed(_content(lines, stopped)):
        written = _NO_SPACE.match(line.rstrip())
        if written is None:
            continue
        fixed = f"{written.group('key')}: {written.group('rest')}"
        return YamlSlip(
            number, _shown(lines, number),
            f"ไม่มีเว้นวรรคหลังเครื่องหมาย : ของ {written.group('key')} ไฟล์ YAML จึงอ่านทั้งบรรทัด"
            "เป็นข้อความเดียว ไม่ใช่ ชื่อ: ค่า",
            f"has no space after the colon of {written.group('key')}, so YAML reads the whole"
            " line as one text, not as name: value",
            f"เว้นวรรคหนึ่งเคาะหลังเครื่องหมาย : เช่น {fixed}",
            f"one space after the colon: {fixed}",
        )
    return None


def _indent(lines: list[str], stopped: int) -> YamlSlip | None:
    """The last line up to ``stopped`` whose indent fits no level of the lines above it."""
    levels = [0]
    opens = True  # the start of the file opens the top level
    block_at: int | None = None  # inside a | or > block of text indented past this
    slip: YamlSlip | None = None
    for number, line in _content(lines, stopped):
        indent = len(line) - len(line.lstrip(" "))
        if block_at is not None:
            if indent > block_at:
                continue
            block_at = None
        if indent > levels[-1]:
            if opens:
                levels.append(indent)
            else:
                slip = YamlSlip(
                    number, _shown(lines, number),
                    f"มีเว้นวรรคหน้าบรรทัดเกินมา {indent - levels[-1]} เคาะ (มักเหลือไว้เมื่อลบ # ออก)"
                    " บรรทัดนี้จึงไม่ตรงกับบรรทัดก่อนหน้า",
                    f"starts with {indent - levels[-1]} space(s) too many (often left when a #"
                    " is removed), so it does not line up with the line before",
                    "ลบเว้นวรรคหน้าบรรทัดให้ตรงกับบรรทัดระดับเดียวกัน: ชื่อหลัก เช่น document:"
                    " ชิดซ้ายสุด ชื่อย่อยใต้ชื่อหลักย่อหน้า 2 เคาะ",
                    "remove the spaces so it lines up with its level: a main key such as"
                    " document: at the left edge, a key inside it 2 spaces in",
                )
        elif indent < levels[-1]:
            while levels[-1] > indent:
                levels.pop()
            if levels[-1] != indent:
                slip = YamlSlip(
                    number, _shown(lines, number),
                    f"ย่อหน้า {indent} เคาะ ไม่ตรงกับบรรทัดใดข้างบน",
                    f"is indented {indent} space(s), which lines up with no line above",
                    "ย่อหน้าให้เท่ากับบรรทัดระดับเดียวกัน: ชื่อหลักชิดซ้ายสุด ชื่อย่อยย่อหน้า 2 เคาะ",
                    "indent it like the lines of its level: main keys at the left edge, keys"
                    " inside them 2 spaces in",
                )
                levels.append(indent)
        value = line.split(" #", 1)[0].rstrip()
        if _BLOCK_SCALAR.search(value):
            block_at = indent
        opens = value.endswith(":") or value.lstrip().startswith("- ")
    return slip
