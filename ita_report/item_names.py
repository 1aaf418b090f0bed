"""How the measures table names the documents OIT items ask for, as an officer writes them.

An item whose wording is not known is named by its indicator (``ข้อมูลตามตัวชี้วัดย่อย ๙.๒
การบริหารงาน``), never by a bare code ("ข้อมูลที่ข้อ O๑๓ กำหนด" is a placeholder, not a
document). A long title is named once in a cell, and a Latin phrase repeated in a cell
("No Gift Policy" three times in one step) is said once, then "ดังกล่าว". Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from ita_report.code_text import CodeStyle, code_order, runs_text
from ita_report.thai import digits

#: Item wordings that already name a document; others read "ข้อมูล…" (ไม่พบข้อมูลอำนาจหน้าที่).
DOCUMENT_WORDS = ("ข้อมูล", "ข่าว", "แผน", "รายงาน", "คู่มือ", "ประกาศ", "นโยบาย", "แนวปฏิบัติ", "ช่องทาง",
                  "ประมวล", "หลักเกณฑ์", "มาตรการ", "สรุป", "โครงสร้าง", "ระบบ", "รายการ")
#: Past this length a title is named in the steps, and the measure speaks of the items by code.
LONG_TITLE = 40
#: Up to this many documents a measure names them; past it, it counts them.
NAME_DOCUMENTS_UP_TO = 3


class Named(Protocol):
    """An item as the rows cite it (measures.CitedItem)."""

    @property
    def code(self) -> str: ...
    @property
    def text_th(self) -> str: ...
    @property
    def known_wording(self) -> bool: ...
    @property
    def tool(self) -> str: ...


def and_texts(parts: Sequence[str]) -> str:
    """``ก ข และค``: spaces between the items, no space after และ."""
    if len(parts) <= 1:
        return "".join(parts)
    return " ".join(parts[:-1]) + f" และ{parts[-1]}"


#: Nouns a title starts with, by which it is named again ("มาตรการดังกล่าว").
_TITLE_NOUNS = ("มาตรการ", "แผน", "นโยบาย", "ประมวลจริยธรรม", "รายงาน", "คู่มือ", "ประกาศ")


def said_once(names: Sequence[str]) -> list[str]:
    """Document names listed together, a title inside a later one said once: after
    "มาตรการส่งเสริมคุณธรรม…ภายในหน่วยงาน", "การดำเนินการตามมาตรการส่งเสริม…" reads
    "การดำเนินการตามมาตรการดังกล่าว"."""
    out: list[str] = []
    for name in names:
        for earlier in out:
            noun = next((n for n in _TITLE_NOUNS if earlier.startswith(n)), None)
            if noun and len(earlier) > len(noun) + 10 and earlier in name and earlier != name:
                name = name.replace(earlier, noun + "ดังกล่าว")
        out.append(name)
    return out


#: The framework's label of an item whose wording is unknown: ``(ตัวชี้วัดย่อย 9.2 การบริหารงาน)``.
_INDICATOR_LABEL = re.compile(r"^\(?\s*(ตัวชี้วัด(?:ย่อย)?)\s*(?:ที่\s*)?([\d.]+)\s+(.+?)\s*\)?$")


def _indicator_parts(label: str) -> tuple[str, str, str] | None:
    found = _INDICATOR_LABEL.match(label.strip())
    return (found.group(1), found.group(2), found.group(3)) if found else None


def indicator_label(label: str, *, thai: bool) -> str:
    """``(ตัวชี้วัดย่อย 9.2 การบริหารงาน)`` as a sentence names it: ``ตัวชี้วัดย่อยที่ ๙.๒
    การบริหารงาน``."""
    parts = _indicator_parts(label)
    if parts is None:
        return digits(label.strip().strip("()").strip(), thai=thai)
    kind, number, name = parts
    return f"{kind}ที่ {digits(number, thai=thai)} {name}"


def indicator_document(label: str, *, thai: bool) -> str:
    """The document of an item whose wording is unknown, by what its (sub-)indicator is about:
    ``(ตัวชี้วัดย่อย 9.2 การบริหารงาน)`` becomes ``ข้อมูลด้านการบริหารงาน (ตัวชี้วัดย่อยที่ ๙.๒)``,
    words an officer reads as a kind of information, not a placeholder."""
    parts = _indicator_parts(label)
    if parts is None:
        return "ข้อมูลตาม" + indicator_label(label, thai=thai)
    kind, number, name = parts
    return f"ข้อมูลด้าน{name} ({kind}ที่ {digits(number, thai=thai)})"


def document(item: Named, *, thai: bool) -> str:
    """The document an OIT item asks for, as the sentence "ซึ่งไม่พบการเผยแพร่…" names it."""
    if not item.known_wording:
        return indicator_document(item.text_th, thai=thai)
    text = item.text_th
    if text.startswith(DOCUMENT_WORDS) or text[:1].isascii():
        return text
    return "ข้อมูล" + text


def _with_code(name: str, codes: Sequence[str], *, style: CodeStyle) -> str:
    """A document and its item code(s); a name that ends in brackets gets no second pair
    ("(E-Service) ตามข้อ o10", not "(E-Service) (ข้อ o10)")."""
    said = runs_text(list(codes), style=style)
    return f"{name} ตาม{said}" if name.endswith(")") else f"{name} ({said})"


def step_documents(items: Iterable[Named], *, thai: bool, style: CodeStyle = "ita") -> str:
    """The documents one step asks for: each with its code; items whose wording is not known
    are gathered under their indicator, which the step speaks of."""
    ordered = sorted(items, key=lambda i: code_order(i.code))
    gathered: dict[str, list[str]] = {}
    order: list[tuple[str, list[str]]] = []
    for item in ordered:
        name = document(item, thai=thai)
        if item.known_wording:
            order.append((name, [item.code]))
        elif name in gathered:
            gathered[name].append(item.code)
        else:
            gathered[name] = [item.code]
            order.append((name, gathered[name]))
    names = said_once([name for name, _ in order])
    return and_texts([_with_code(name, codes, style=style)
                      for name, (_, codes) in zip(names, order, strict=True)])


def documents_phrase(items: Sequence[Named], *, thai: bool, style: CodeStyle = "ita") -> str:
    """The OIT documents a row lacks, for a measure's ``{documents}``: named when few and
    short (the steps name them again with who and when); else by code, so that a long title is
    not written out in the measure, the analysis and the steps of one row."""
    oit = sorted((i for i in items if i.tool == "OIT"), key=lambda i: code_order(i.code))
    if not oit:
        return "ข้อมูล"
    names = [document(i, thai=thai) for i in oit]
    if len(oit) <= NAME_DOCUMENTS_UP_TO and all(len(n) <= LONG_TITLE for n in names):
        if all(i.known_wording for i in oit):
            return and_texts(said_once(names))
        return step_documents(oit, thai=thai, style=style)
    if len(oit) <= NAME_DOCUMENTS_UP_TO:
        return f"ข้อมูลที่ยังขาด ({runs_text([i.code for i in oit], style=style)})"
    return f"ข้อมูลที่ยังไม่ครบถ้วน {digits(str(len(oit)), thai=thai)} รายการ"


# -- written as an officer writes ---------------------------------------------------------

#: A Thai letter (or mark) run into a Latin word ("จัดทำQ&A", "และSocial Network").
_THAI_THEN_LATIN = re.compile(r"(?<=[\u0E01-\u0E4E])(?=[A-Za-z])")
#: A Latin phrase of two words or more ("No Gift Policy", "Social Network").
LATIN_PHRASE = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z&-]*(?: [A-Za-z][A-Za-z&-]*)+")


def thai_spaced(text: str) -> str:
    """A space between a Thai word and the Latin word after it ("จัดทำ Q&A")."""
    return _THAI_THEN_LATIN.sub(" ", text)


def once_per_cell(texts: Sequence[str]) -> list[str]:
    """The texts of one cell with each Latin phrase written out once: later it is
    "ดังกล่าว" ("การสร้างวัฒนธรรม No Gift Policy" after the policy was named reads
    "การสร้างวัฒนธรรมดังกล่าว")."""
    seen: set[str] = set()
    out: list[str] = []
    for text in texts:
        def shorten(match: re.Match[str]) -> str:
            phrase = match.group(0)
            if phrase in seen:
                return "ดังกล่าว"
            seen.add(phrase)
            return phrase

        shortened = LATIN_PHRASE.sub(shorten, text)
        # "วัฒนธรรม ดังกล่าว" → "วัฒนธรรมดังกล่าว": the space belonged to the Latin phrase.
        out.append(re.sub(r"(?<=[\u0E01-\u0E4E]) ดังกล่าว", "ดังกล่าว", shortened))
    return out

