"""Item identity across fiscal years (การเทียบข้อคำถามข้ามปี), from ``data/catalogue/crosswalk.yaml``.

The same code can mean another item next year (o17 is the satisfaction survey in FY2566 and the
procurement report in FY2567), so scores are compared across years only through this file.
It never matches items by number on its own, and never drops an item that has no counterpart.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ita_report.codes import normalize_code
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import Framework, available_years, data_dir, load_framework
from ita_report.iorw import read_yaml

Confidence = Literal["verified", "unverified"]
_CONFIDENCES = ("verified", "unverified")
_TOOLS = ("IIT", "EIT", "OIT")


@dataclass(frozen=True)
class ItemLink:
    """One item of ``from_year`` and its counterpart in ``to_year`` (``None``: none exists)."""

    from_year: int
    from_code: str
    to_year: int
    to_code: str | None
    confidence: Confidence
    note: str

    @property
    def has_counterpart(self) -> bool:
        return self.to_code is not None


@dataclass(frozen=True)
class NewItem:
    """An item of ``to_year`` with no counterpart the year before (ข้อใหม่)."""

    code: str
    note: str


@dataclass(frozen=True)
class YearPair:
    """The crosswalk between two consecutive framework years, every item accounted for."""

    from_year: int
    to_year: int
    links: tuple[ItemLink, ...]
    new_items: tuple[NewItem, ...]

    def forward(self, code: str) -> ItemLink:
        """The link of ``code`` (a ``from_year`` item); ``KeyError`` if it is not one."""
        for link in self.links:
            if link.from_code == code:
                return link
        raise KeyError(code)

    def backward(self, code: str) -> ItemLink | None:
        """The link that ends at ``code`` (a ``to_year`` item), or ``None`` for a new item."""
        for link in self.links:
            if link.to_code == code:
                return link
        return None


@dataclass(frozen=True)
class Trace:
    """Where an item of one year went by a later year, through each pair on the way."""

    code: str
    from_year: int
    to_year: int
    to_code: str | None
    links: tuple[ItemLink, ...]

    @property
    def confidence(self) -> Confidence:
        return "verified" if all(k.confidence == "verified" for k in self.links) else "unverified"

    @property
    def note(self) -> str:
        """Why the chain breaks, where it does; else every link's note, in order."""
        if self.to_code is None and self.links:
            return self.links[-1].note
        return "; ".join(k.note for k in self.links if k.note)


@dataclass(frozen=True)
class Crosswalk:
    """Every year pair in the file (ตารางเทียบข้อคำถาม)."""

    path: str
    pairs: tuple[YearPair, ...]

    def pair(self, from_year: int, to_year: int) -> YearPair:
        for pair in self.pairs:
            if (pair.from_year, pair.to_year) == (from_year, to_year):
                return pair
        raise InputError(self._missing(from_year, to_year))

    def years_between(self, from_year: int, to_year: int) -> tuple[int, ...]:
        """The framework years from ``from_year`` to ``to_year`` (both included), in that order."""
        low, high = min(from_year, to_year), max(from_year, to_year)
        years = sorted(y for y in available_years() if low <= y <= high)
        return tuple(years if to_year >= from_year else reversed(years))

    def trace(self, code: str, from_year: int, to_year: int) -> Trace:
        """Follow ``code`` of ``from_year`` to ``to_year`` through every pair on the way.

        Forward (``to_year`` later) follows each item to its counterpart; backward follows the
        links the other way. ``to_code`` is ``None`` where the chain breaks (no counterpart).
        """
        links: list[ItemLink] = []
        current = code
        for a, b in itertools.pairwise(self.years_between(from_year, to_year)):
            if a < b:
                link = self.pair(a, b).forward(current)
            else:
                pair = self.pair(b, a)
                back = pair.backward(current)
                if back is None:
                    note = next((n.note for n in pair.new_items if n.code == current), "")
                    links.append(ItemLink(a, current, b, None, "unverified", note))
                    return Trace(code, from_year, to_year, None, tuple(links))
                link = back
            links.append(link)
            found = link.to_code if a < b else link.from_code
            if found is None:
                return Trace(code, from_year, to_year, None, tuple(links))
            current = found
        return Trace(code, from_year, to_year, current, tuple(links))

    def _missing(self, from_year: int, to_year: int) -> Problem:
        listed = ", ".join(f"{p.from_year}→{p.to_year}" for p in self.pairs) or "-"
        return file_problem(
            self.path,
            f"ไม่มีตารางเทียบข้อคำถามจากปี {from_year} ไปปี {to_year}",
            f"has no crosswalk from FY{from_year} to FY{to_year}",
            expected_th=f"คู่ปีที่มี: {listed} (เพิ่มคู่ปีในไฟล์นี้)",
            expected_en=f"one of the pairs in the file: {listed} (add the pair to this file)",
        )


def _capped(
    confidence: Confidence, old: Framework, old_code: str, new: Framework, new_code: str | None
) -> Confidence:
    """``verified`` only where both items' wording is verified in their framework files."""
    if confidence != "verified" or new_code is None:
        return "unverified"
    both = (old.item(old_code), new.item(new_code))
    sure = all(item is not None and item.confidence == "verified" for item in both)
    return "verified" if sure else "unverified"


def default_path() -> Path:
    """``data/catalogue/crosswalk.yaml``."""
    return data_dir() / "catalogue" / "crosswalk.yaml"


def load_crosswalk(path: Path | str | None = None) -> Crosswalk:
    """Read the crosswalk and check it against the frameworks; every problem is reported at once.

    A link marked ``verified`` whose item is not verified in either year's framework file is
    read as ``unverified``: a link is never surer than the wording it joins.

    >>> cw = load_crosswalk()
    >>> cw.pair(2566, 2567).forward("o5").to_code
    'o4'
    >>> cw.pair(2566, 2567).forward("o17").to_code is None
    True
    >>> cw.trace("o42", 2566, 2567).to_code, cw.trace("o26", 2568, 2569).to_code
    ('o32', 'o24')
    """
    source = Path(path) if path is not None else default_path()
    raw = read_yaml(
        source,
        missing_th="ไม่พบไฟล์ตารางเทียบข้อคำถาม",
        missing_en="the crosswalk file does not exist",
    )
    reader = _Reader(source)
    crosswalk = reader.crosswalk(raw)
    if reader.problems:
        raise InputError(reader.problems)
    return crosswalk


class _Reader:
    """Builds the records, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(
        self,
        where: str,
        th: str,
        en: str,
        value: object = None,
        expected_th: str | None = None,
        expected_en: str | None = None,
    ) -> None:
        self.problems.append(
            file_problem(
                self.path,
                th,
                en,
                where=where,
                value=value,
                expected_th=expected_th,
                expected_en=expected_en,
            )
        )

    def crosswalk(self, raw: object) -> Crosswalk:
        pairs_raw = raw.get("pairs") if isinstance(raw, dict) else None
        if not isinstance(pairs_raw, list):
            self.fail(
                "(file)",
                "ไฟล์ต้องมีหัวข้อ pairs เป็นรายการคู่ปี",
                "the file must be a mapping with a list 'pairs'",
            )
            return Crosswalk(str(self.path), ())
        pairs = [p for i, r in enumerate(pairs_raw) if (p := self.pair(i, r)) is not None]
        seen: set[tuple[int, int]] = set()
        for p in pairs:
            key = (p.from_year, p.to_year)
            if key in seen:
                self.fail(f"pairs {p.from_year}→{p.to_year}", "คู่ปีนี้ซ้ำ", "this pair appears twice")
            seen.add(key)
        return Crosswalk(str(self.path), tuple(pairs))

    def _year(self, where: str, raw: Mapping[str, object], key: str) -> Framework | None:
        value = raw.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(
                where,
                f"{key} ต้องเป็นปี พ.ศ.",
                f"{key} must be a Buddhist Era year",
                value=value,
                expected_th="เช่น 2566",
                expected_en="e.g. 2566",
            )
            return None
        if value not in available_years():
            years = ", ".join(str(y) for y in available_years())
            self.fail(
                where,
                f"ไม่มีกรอบการประเมินของปี {value}",
                f"there is no framework for FY{value}",
                value=value,
                expected_th=f"ปีที่มี: {years}",
                expected_en=f"one of {years}",
            )
            return None
        return load_framework(value)

    def pair(self, index: int, raw: object) -> YearPair | None:
        where = f"pairs[{index}]"
        if not isinstance(raw, dict):
            self.fail(where, "ต้องเป็นคู่ปี (from_year, to_year, …)", "must be a mapping")
            return None
        unknown = set(raw) - {"from_year", "to_year", "same_codes", "items", "new_items"}
        for key in sorted(unknown, key=str):
            self.fail(
                f"{where}.{key}",
                "หัวข้อไม่รู้จัก",
                "unknown key",
                expected_th="from_year, to_year, same_codes, items, new_items",
                expected_en="from_year, to_year, same_codes, items, new_items",
            )
        old = self._year(where, raw, "from_year")
        new = self._year(where, raw, "to_year")
        if old is None or new is None:
            return None
        where = f"pairs {old.fiscal_year}→{new.fiscal_year}"
        following = [y for y in available_years() if y > old.fiscal_year]
        if not following or following[0] != new.fiscal_year:
            self.fail(
                where,
                "ปีถัดไปต้องเป็นปีที่มีกรอบการประเมินถัดจาก from_year",
                "to_year must be the framework year right after from_year",
                value=new.fiscal_year,
            )
            return None
        links: list[ItemLink] = []
        links += self._same(where, raw.get("same_codes"), old, new)
        links += self._items(where, raw.get("items", []), old, new)
        new_items = self._new_items(where, raw.get("new_items", []), new)
        self._complete(where, links, new_items, old, new)
        return YearPair(old.fiscal_year, new.fiscal_year, tuple(links), tuple(new_items))

    def _note_and_confidence(
        self, where: str, raw: Mapping[str, object], *, required: bool
    ) -> tuple[Confidence, str]:
        confidence = raw.get("confidence", "unverified" if not required else None)
        if confidence not in _CONFIDENCES:
            self.fail(
                where,
                "confidence ต้องเป็น verified หรือ unverified",
                "confidence must be verified or unverified",
                value=confidence,
            )
            confidence = "unverified"
        note = raw.get("note", "")
        return ("verified" if confidence == "verified" else "unverified"), str(note or "")

    def _same(self, where: str, raw: object, old: Framework, new: Framework) -> list[ItemLink]:
        if raw is None:
            return []
        where = f"{where}.same_codes"
        if not isinstance(raw, dict) or not isinstance(raw.get("tools"), list):
            self.fail(
                where,
                "ต้องมี tools เป็นรายการเครื่องมือ",
                "must have a list 'tools'",
                expected_th="เช่น tools: [IIT, EIT]",
                expected_en="e.g. tools: [IIT, EIT]",
            )
            return []
        confidence, note = self._note_and_confidence(where, raw, required=True)
        links: list[ItemLink] = []
        for tool in raw["tools"]:
            if tool not in _TOOLS:
                self.fail(
                    where,
                    "ไม่ใช่เครื่องมือ",
                    "is not a tool",
                    value=tool,
                    expected_th="IIT, EIT หรือ OIT",
                    expected_en="IIT, EIT or OIT",
                )
                continue
            old_codes = [
                i.code
                for t in old.tools
                if t.code == tool
                for n in t.indicators
                for i in n.all_items()
            ]
            new_codes = {
                i.code
                for t in new.tools
                if t.code == tool
                for n in t.indicators
                for i in n.all_items()
            }
            for code in old_codes:
                if code not in new_codes:
                    self.fail(
                        where,
                        f"ข้อ {code} ของปี {old.fiscal_year} ไม่มีในปี {new.fiscal_year} จึงใช้รหัสเดิมไม่ได้",
                        f"{code} of FY{old.fiscal_year} is not in FY{new.fiscal_year}, so"
                        f" {tool} cannot keep its codes",
                        value=tool,
                        expected_th="เทียบทีละข้อใน items",
                        expected_en="map it in items",
                    )
                    continue
                links.append(ItemLink(old.fiscal_year, code, new.fiscal_year, code,
                                      _capped(confidence, old, code, new, code), note))
        return links

    def _code(self, where: str, value: object, fw: Framework, label: str) -> str | None:
        code = normalize_code(value) if value is not None else None
        if code is None or fw.item(code) is None:
            self.fail(
                where,
                f"{label}: ไม่มีข้อ {value} ในกรอบการประเมินปี {fw.fiscal_year}",
                f"{label}: {value} is not an item of the FY{fw.fiscal_year} framework",
                value=value,
            )
            return None
        return code

    def _items(self, where: str, raw: object, old: Framework, new: Framework) -> list[ItemLink]:
        if not isinstance(raw, list):
            self.fail(f"{where}.items", "ต้องเป็นรายการ", "must be a list")
            return []
        links: list[ItemLink] = []
        for index, entry in enumerate(raw):
            here = f"{where}.items[{index}]"
            if not isinstance(entry, dict) or "from" not in entry or "to" not in entry:
                self.fail(
                    here,
                    "ต้องมี from และ to (to: null = ไม่มีข้อเทียบ)",
                    "must have 'from' and 'to' (to: null for no counterpart)",
                )
                continue
            source = self._code(here, entry["from"], old, "from")
            target = None
            if entry["to"] is not None:
                target = self._code(here, entry["to"], new, "to")
                if target is None:
                    continue
            elif not entry.get("note"):
                self.fail(
                    here,
                    "ข้อที่ไม่มีข้อเทียบต้องมี note บอกเหตุผล",
                    "an item with no counterpart needs a note saying why",
                    value=entry["from"],
                )
            if source is None:
                continue
            confidence, note = self._note_and_confidence(here, entry, required=False)
            links.append(
                ItemLink(
                    old.fiscal_year,
                    source,
                    new.fiscal_year,
                    target,
                    _capped(confidence, old, source, new, target),
                    note,
                )
            )
        return links

    def _new_items(self, where: str, raw: object, new: Framework) -> list[NewItem]:
        if not isinstance(raw, list):
            self.fail(f"{where}.new_items", "ต้องเป็นรายการ", "must be a list")
            return []
        found: list[NewItem] = []
        for index, entry in enumerate(raw):
            here = f"{where}.new_items[{index}]"
            if not isinstance(entry, dict) or "code" not in entry:
                self.fail(here, "ต้องมี code และ note", "must have 'code' and 'note'")
                continue
            code = self._code(here, entry["code"], new, "code")
            if code is not None:
                found.append(NewItem(code, str(entry.get("note") or "")))
        return found

    def _complete(
        self,
        where: str,
        links: Sequence[ItemLink],
        new_items: Sequence[NewItem],
        old: Framework,
        new: Framework,
    ) -> None:
        seen_from: dict[str, int] = {}
        seen_to: dict[str, int] = {}
        for link in links:
            seen_from[link.from_code] = seen_from.get(link.from_code, 0) + 1
            if link.to_code is not None:
                seen_to[link.to_code] = seen_to.get(link.to_code, 0) + 1
        for item in old.items():
            count = seen_from.get(item.code, 0)
            if count != 1:
                self.fail(
                    where,
                    f"ข้อ {item.code} ของปี {old.fiscal_year} "
                    + ("ไม่ได้เทียบกับข้อใด" if count == 0 else f"ถูกเทียบ {count} ครั้ง"),
                    f"{item.code} of FY{old.fiscal_year} is "
                    + ("not mapped" if count == 0 else f"mapped {count} times"),
                    value=item.code,
                    expected_th="ทุกข้อปรากฏหนึ่งครั้ง (to: null ถ้าไม่มีข้อเทียบ)",
                    expected_en="every item exactly once (to: null when it has no counterpart)",
                )
        new_codes = {n.code for n in new_items}
        for item in new.items():
            count = seen_to.get(item.code, 0) + (item.code in new_codes)
            if count != 1:
                self.fail(
                    where,
                    f"ข้อ {item.code} ของปี {new.fiscal_year} "
                    + ("ไม่มีข้อเทียบและไม่อยู่ใน new_items" if count == 0 else f"มีข้อเทียบ {count} ข้อ"),
                    f"{item.code} of FY{new.fiscal_year} "
                    + (
                        "has no predecessor and is not in new_items"
                        if count == 0
                        else f"has {count} predecessors"
                    ),
                    value=item.code,
                    expected_th="ข้อเทียบหนึ่งข้อ หรืออยู่ใน new_items",
                    expected_en="exactly one predecessor, or an entry in new_items",
                )
