"""Placeholders in catalogue and params texts (``{short_name}``, ``{staff}``, ``{unit:finance}``).

One list of the names a text may use, one check of a text's braces and one way of filling them,
so the catalogue, the officer's overrides and the renderer agree. Nothing here knows an agency.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from ita_report.code_text import CodeStyle, display_code
from ita_report.thai import digits, name_in_sentence, to_arabic_digits

#: Names filled from the params and the agency type (ประเภทหน่วยงาน).
PLACEHOLDERS = frozenset(
    {
        "short_name",  # ชื่อย่อ เช่น ทม.แฉะแม่
        "org_name",  # ชื่อเต็ม
        "org_full",  # ชื่อเต็มและที่ตั้งตามประเภทหน่วยงาน (อบจ. มีแต่จังหวัด)
        "district",
        "province",
        "fiscal_year",
        "next_fiscal_year",
        "target",
        "staff",  # พนักงานเทศบาล / พนักงานส่วนตำบล / ข้าราชการและเจ้าหน้าที่ …
        "executive",  # นายกเทศมนตรี / นายกองค์การบริหารส่วนตำบล / หัวหน้าส่วนราชการ …
        "council",  # สภาเทศบาล … ("" for agencies without a council)
        "documents",  # in a measure: the OIT documents the row lacks, named
    }
)
#: Units an agency type names (``{unit:finance}``); ``all`` is every unit that feeds the website.
UNIT_KEYS = (
    "office",
    "finance",
    "procurement",
    "planning",
    "hr",
    "pr",
    "it",
    "complaints",
    "audit",
    "all",
)
#: Words an agency type names, filled by ``{staff}``, ``{executive}``, ``{council}``.
WORD_KEYS = ("staff", "executive", "council")
#: A step that stands for the steps written per OIT item below target (one per unit).
ITEM_STEPS = "{item_steps}"

_PATTERN = re.compile(r"\{([a-z_]+)(?::([a-z_]+))?\}")


def placeholder_problems(text: str) -> list[tuple[str, str]]:
    """Problems (Thai, English) with the ``{placeholders}`` of ``text``; empty when fine.

    >>> placeholder_problems("{unit:finance} และ {staff}")
    []
    >>> placeholder_problems("{unit:bank}")[0][1]
    'unknown placeholder {unit:bank}'
    """
    problems: list[tuple[str, str]] = []
    try:
        fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name]
    except ValueError:
        return [("วงเล็บปีกกา { } ไม่ครบคู่", "unbalanced braces { }")]
    for name, spec in fields:
        if name == "unit" and spec in UNIT_KEYS:
            continue
        if name in PLACEHOLDERS and not spec:
            continue
        shown = f"{{{name}:{spec}}}" if spec else f"{{{name}}}"
        problems.append((f"ไม่รู้จักตัวแปร {shown}", f"unknown placeholder {shown}"))
    return problems


def known_placeholders() -> list[str]:
    """Every placeholder a text may use, for messages."""
    return sorted(f"{{{p}}}" for p in PLACEHOLDERS) + [f"{{unit:{k}}}" for k in UNIT_KEYS]


#: An item code inside a text (o19, i๒๕, O10): not a word's letter followed by digits.
_CODE = re.compile(r"(?<![A-Za-z0-9๐-๙])([oieOIE])([0-9๐-๙]{1,3})(?![0-9๐-๙A-Za-z])")


_THAI_LETTER = re.compile("[\u0e01-\u0e2e\u0e40-\u0e44]")  # a consonant or a leading vowel


def fill(text: str, values: Mapping[str, str], *, thai: bool, codes: CodeStyle = "ita") -> str:
    """Replace the known placeholders and write every digit in the chosen numerals, except the
    item codes, which are written as ``codes`` says (issue 24: a step's "(ข้อ o19)" stays o19
    in a document of Thai digits, as ITAS writes it).

    ``values`` maps ``short_name`` … and ``unit:finance`` …; unknown braces are left alone, an
    officer's text may contain them on purpose.

    >>> fill("{unit:finance} ปี {fiscal_year}", {"unit:finance": "กองคลัง", "fiscal_year": "2566"},
    ...      thai=True)
    'กองคลัง ปี ๒๕๖๖'
    >>> fill("แผน (ข้อ O19) ไตรมาส 1", {}, thai=True), fill("ข้อ o๑๙", {}, thai=False, codes="thai")
    ('แผน (ข้อ o19) ไตรมาส ๑', 'ข้อ o๑๙')
    """

    def key(match: re.Match[str]) -> str:
        return match.group(1) if match.group(2) is None else f"{match.group(1)}:{match.group(2)}"

    def next_text(at: int) -> str:
        """What follows position ``at`` once filled ("โดย{org_name}{result}": the result)."""
        following = _PATTERN.match(text, at)
        if following is not None:
            return values.get(key(following), following.group(0))
        return text[at:]

    def value(match: re.Match[str]) -> str:
        found = values.get(key(match))
        if found is None:
            return match.group(0)
        # "แสดงว่า{short_name}เปิดเผย…" of a กรมฯ, "{org_name}ได้…" of "… (องค์การมหาชน)": a
        # space before the word that follows.
        return name_in_sentence(found) if _THAI_LETTER.match(next_text(match.end())) else found

    def numerals(part: str) -> str:
        return digits(part, thai=True) if thai else to_arabic_digits(part)

    filled = _PATTERN.sub(value, text)
    parts, start = [], 0
    for code in _CODE.finditer(filled):
        parts.append(numerals(filled[start:code.start()]))
        parts.append(display_code(code[1].lower() + to_arabic_digits(code[2]), style=codes))
        start = code.end()
    parts.append(numerals(filled[start:]))
    return "".join(parts)


def localise(text: str, phrases: Mapping[str, str]) -> str:
    """``text`` with an agency type's own phrases in place of the catalogue's, longest first
    (``AgencyType.phrases``: a กรม has no notice board at a service counter).

    >>> localise("จัดทำแผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", {"แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน":
    ...          "แผนพัฒนาท้องถิ่น"})
    'จัดทำแผนพัฒนาท้องถิ่น'
    """
    for old in sorted(phrases, key=len, reverse=True):
        if old in text:
            text = text.replace(old, phrases[old])
    return text


#: Timing that says how often rather than by when (themes.yaml item_quarters: "ทุกเดือน").
CADENCE = ("ทุก", "เป็นประจำ")


def timed(template: str, quarter: str) -> str:
    """A step's ``{quarter}`` filled: a deadline reads "ภายในไตรมาส ๑", a cadence "ทุกเดือน"
    (never "ภายในทุกเดือน").

    >>> timed("เผยแพร่ ภายใน{quarter}", "ทุกเดือน"), timed("เผยแพร่ ภายใน{quarter}", "ไตรมาส ๓")
    ('เผยแพร่ ทุกเดือน', 'เผยแพร่ ภายในไตรมาส ๓')
    """
    if quarter.startswith(CADENCE):
        template = template.replace("ภายใน{quarter}", "{quarter}")
    return template.replace("{quarter}", quarter)
