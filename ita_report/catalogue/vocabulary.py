"""Agency types (ประเภทหน่วยงาน) and their words: staff, executive, council and units.

Read from ``data/catalogue/agency_types.yaml``. An อบต. gets พนักงานส่วนตำบล and its own units,
a ministry's department ข้าราชการ and its กอง; no text of the catalogue names them directly.
A type may name its head by the start of the agency's name (``heads``: a กรม… reports to its
อธิบดี, a สำนักงานพัฒนาชุมชนจังหวัด… to its พัฒนาการจังหวัด) and say some of the catalogue's
phrases its own way (``phrases``: no notice board at a กรม's counter, an อบต.'s แผนพัฒนาท้องถิ่น).
Nothing here renders a document; it only says which words an agency uses.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from ita_report.catalogue.placeholders import UNIT_KEYS, WORD_KEYS, localise
from ita_report.catalogue.records import reduce_read_only
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import data_dir
from ita_report.iorw import read_yaml

Place = Literal["district_province", "province", "none"]
_PLACES = ("district_province", "province", "none")


@dataclass(frozen=True)
class Head:
    """Who heads an agency whose name starts with ``prefix`` (สำนักงานพัฒนาชุมชนจังหวัด… is
    headed by the พัฒนาการจังหวัด): the position as it signs (``{org_name}``, ``{name}``) and the
    word the steps use for them ("รายงานผลต่อ{executive}"). Either may be empty."""

    prefix: str
    position: str = ""
    executive: str = ""


@dataclass(frozen=True)
class AgencyType:
    """One kind of agency (ประเภทหน่วยงาน) and the words its documents use."""

    id: str
    name_th: str
    names: tuple[str, ...]
    prefixes: tuple[str, ...]
    local: bool
    place: Place
    words: Mapping[str, str] = field(hash=False)
    units: Mapping[str, str] = field(hash=False)
    #: The signatory's position (ตำแหน่งผู้ลงนาม) as a pattern: ``{org_name}``, ``{name}``.
    signatory: str = ""
    #: Heads by name prefix, more precise than ``signatory`` and ``words.executive``.
    heads: tuple[Head, ...] = ()
    #: Phrases of the catalogue's steps and measures this kind of agency says otherwise
    #: (a กรม has no notice board at a service counter; an อบต.'s plan is its แผนพัฒนาท้องถิ่น).
    phrases: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", MappingProxyType(dict(self.words)))
        object.__setattr__(self, "units", MappingProxyType(dict(self.units)))
        object.__setattr__(self, "phrases", MappingProxyType(dict(self.phrases)))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return reduce_read_only(self)

    def renamed(self, units: Mapping[str, str], words: Mapping[str, str]) -> AgencyType:
        """This type with the agency's own unit names and words (from its params) in place."""
        return replace(self, units={**self.units, **units}, words={**self.words, **words})

    def head_of(self, org_name: str) -> Head | None:
        """The head rule whose prefix starts ``org_name`` (the longest), if any."""
        name = _squash(org_name)
        found = [h for h in self.heads if name.startswith(_squash(h.prefix))]
        return max(found, key=lambda h: len(h.prefix)) if found else None

    def for_agency(self, org_name: str) -> AgencyType:
        """This type with the executive's word of the agency's own head (อธิบดี for a กรม…,
        พัฒนาการจังหวัด for a สำนักงานพัฒนาชุมชนจังหวัด…), so the steps report to the person
        who signs the document."""
        head = self.head_of(org_name)
        if head is None or not head.executive:
            return self
        return replace(self, words={**self.words, "executive": head.executive})

    def localise(self, text: str) -> str:
        """``text`` with this type's own phrases in place of the catalogue's, longest first.

        >>> load_agency_types().get("central_agency").localise(
        ...     "จัดทำแผนผังขั้นตอน และติดประกาศ ณ จุดที่ผู้มารับบริการเห็นได้ชัด")
        'จัดทำแผนผังขั้นตอน และเผยแพร่บนเว็บไซต์ของหน่วยงาน'
        """
        return localise(text, self.phrases)

    def values(self) -> dict[str, str]:
        """Placeholder values: ``staff`` … and ``unit:finance`` …"""
        out = dict(self.words)
        out.update({f"unit:{k}": v for k, v in self.units.items()})
        return out

    def signatory_position(self, org_name: str) -> str:
        """The executive's position as a document signed by them prints it, or "" when this
        type cannot say it for ``org_name`` (no pattern, or a name without the type's prefix:
        the head of a ส่วนกลาง agency not named กรม… is not an อธิบดี).

        >>> load_agency_types().get("town_municipality").signatory_position("เทศบาลเมืองแฉะแม่")
        'นายกเทศมนตรีเมืองแฉะแม่'
        """
        name = " ".join(org_name.split())
        head = self.head_of(name)
        if head is not None and head.position:
            rest = name[len(head.prefix):].strip() if name.startswith(head.prefix) else name
            return head.position.replace("{org_name}", name).replace("{name}", rest)
        prefix = next((p for p in self.prefixes if name.startswith(p)), None)
        if not self.signatory or (self.prefixes and prefix is None):
            return ""
        rest = name[len(prefix):].strip() if prefix else name
        return self.signatory.replace("{org_name}", name).replace("{name}", rest)

    def place_text(self, district: str, province: str, name: str = "") -> str:
        """Where the agency is, as its documents say it (an อบจ. names no district), less what
        its ``name`` says already ("องค์การบริหารส่วนจังหวัดกระบี่" was followed by "จังหวัดกระบี่")."""
        parts: list[str] = []
        if self.place == "district_province" and district:
            parts.append(district)
        if self.place in ("district_province", "province") and province:
            parts.append(f"จังหวัด{province}")
        return " ".join(part for part in parts if part not in name)


@dataclass(frozen=True)
class AgencyTypes:
    """Every agency type, in file order."""

    types: tuple[AgencyType, ...]
    path: str

    def get(self, type_id: str) -> AgencyType:
        return next(t for t in self.types if t.id == type_id)

    def known_names(self) -> list[str]:
        return [name for t in self.types for name in t.names]

    def by_name(self, org_type: str) -> AgencyType | None:
        """The type an officer's ``org_type`` names (``ทม.``, ``เทศบาลเมือง``, ``อบต.`` …)."""
        wanted = _squash(org_type)
        return next((t for t in self.types if wanted in {_squash(n) for n in t.names}), None)

    def by_org_name(self, org_name: str) -> AgencyType | None:
        """The type an agency's full name starts with (เทศบาลเมือง…), if any."""
        name = _squash(org_name)
        best: tuple[int, AgencyType] | None = None
        for kind in self.types:
            for prefix in kind.prefixes:
                if name.startswith(_squash(prefix)) and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), kind)
        return best[1] if best else None

    def resolve(self, org_type: str, org_name: str, *, source: str = "params") -> AgencyType:
        """The agency's type from ``org_type``, else from its name, else ``other``.

        An ``org_type`` no type knows, or one that contradicts the kind of local administration
        the name says it is (``อบต.`` for เทศบาลเมือง…), is refused: the document's words would
        be another kind of agency's.
        """
        from_name = self.by_org_name(org_name)
        if not org_type.strip():
            return from_name or self.get("other")
        named = self.by_name(org_type)
        if named is None:
            known = ", ".join(self.known_names())
            raise InputError(
                file_problem(
                    source,
                    "ไม่รู้จักประเภทหน่วยงานนี้ จึงเลือกคำเรียกบุคลากรและส่วนงานในเอกสารไม่ได้",
                    "unknown agency type: the document's words for staff and units depend on it",
                    column="org_type",
                    value=org_type,
                    expected_th=f"คำใดคำหนึ่งต่อไปนี้: {known}",
                    expected_en=f"one of: {known}",
                )
            )
        if from_name is not None and not from_name.local and not named.local:
            # "ส่วนกลาง" for สำนักงานพัฒนาชุมชนจังหวัด… or สำนักงานปลัดกระทรวง…: the name is the
            # more precise (its head, its units); officers write the broad kind they know.
            return from_name
        if from_name is not None and from_name.local and named.local and from_name != named:
            raise InputError(
                file_problem(
                    source,
                    f"ประเภทหน่วยงานไม่ตรงกับชื่อหน่วยงาน ({org_name} เป็น{from_name.name_th})",
                    f"org_type does not match org_name ({org_name} is a {from_name.id})",
                    column="org_type",
                    value=org_type,
                    expected_th=f"{from_name.names[0]} หรือแก้ชื่อหน่วยงาน",
                    expected_en=f"{from_name.names[0]}, or correct org_name",
                )
            )
        return named


_PATTERN_NAMES = re.compile(r"\{(org_name|name)\}")


def _heads(raw: object, where: str, fail: Any) -> tuple[Head, ...]:
    """The ``heads:`` list: each ``{prefix, position, executive}``; problems go to ``fail``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        fail(where, "ต้องเป็นรายการ", "must be a list", raw)
        return ()
    heads: list[Head] = []
    for n, entry in enumerate(raw):
        spot = f"{where}[{n}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("prefix"), str) or not (
            entry["prefix"].strip()
        ):
            fail(spot, "ต้องมี prefix (คำนำหน้าชื่อหน่วยงาน)", "needs a prefix (start of the name)",
                 entry)
            continue
        texts = {k: entry.get(k, "") for k in ("position", "executive")}
        unknown = set(entry) - {"prefix", "position", "executive"}
        if unknown:
            fail(spot, "ไม่รู้จักชื่อนี้", "unknown key", ", ".join(sorted(unknown)))
        if not all(isinstance(v, str) for v in texts.values()) or _PATTERN_NAMES.sub(
            "", str(texts["position"])
        ).count("{") or str(texts["executive"]).count("{"):
            fail(spot, "position ใช้ได้เฉพาะ {org_name} และ {name} ส่วน executive เป็นข้อความ",
                 "position may use only {org_name} and {name}; executive is plain text", entry)
            continue
        heads.append(Head(entry["prefix"].strip(), str(texts["position"]),
                          str(texts["executive"])))
    return tuple(heads)


def _squash(text: str) -> str:
    return "".join(text.split()).replace("\u200b", "")


def default_path() -> Path:
    """``data/catalogue/agency_types.yaml``."""
    return data_dir() / "catalogue" / "agency_types.yaml"


def load_agency_types(path: Path | str | None = None) -> AgencyTypes:
    """Read and validate the agency types; every problem is reported at once.

    >>> load_agency_types().by_name("อบต.").words["staff"]
    'พนักงานส่วนตำบล'
    """
    source = Path(path) if path is not None else default_path()
    try:
        stat = source.stat()
    except OSError:
        return _load(str(source), 0)
    return _load(str(source.resolve()), stat.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _load(path_text: str, _mtime_ns: int) -> AgencyTypes:
    path = Path(path_text)
    raw = read_yaml(
        path, missing_th="ไม่พบไฟล์ประเภทหน่วยงาน", missing_en="the agency types file does not exist"
    )
    problems: list[Problem] = []

    def fail(where: str, th: str, en: str, value: object = None) -> None:
        problems.append(file_problem(path, th, en, where=where, value=value))

    entries = raw.get("types") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        fail("types", "ต้องเป็นรายการประเภทหน่วยงาน", "must be a list of agency types")
        raise InputError(problems)
    types: list[AgencyType] = []
    for n, entry in enumerate(entries):
        where = f"types[{n}]"
        if not isinstance(entry, dict):
            fail(where, "ต้องเป็นชุดข้อมูล", "must be a mapping")
            continue
        ident = entry.get("id")
        where = f"type {ident}" if isinstance(ident, str) else where
        words: dict[str, Any] = entry["words"] if isinstance(entry.get("words"), dict) else {}
        units: dict[str, Any] = entry["units"] if isinstance(entry.get("units"), dict) else {}
        groups: tuple[tuple[str, tuple[str, ...], dict[str, Any]], ...] = (
            ("words", WORD_KEYS, words), ("units", UNIT_KEYS, units)
        )
        for group, keys, given in groups:
            for key in keys:
                if not isinstance(given.get(key), str) or (
                    key != "council" and not given[key].strip()
                ):
                    fail(f"{where}, {group}.{key}", "ขาดคำนี้", "this word is missing", key)
            for key in given:
                if key not in keys:
                    fail(f"{where}, {group}.{key}", "ไม่รู้จักชื่อนี้", "unknown key", key)
        signatory = entry.get("signatory", "")
        if not isinstance(signatory, str) or re.sub(r"\{(org_name|name)\}", "", signatory).count(
            "{"
        ):
            fail(f"{where}, signatory", "ต้องเป็นข้อความ ใช้ได้เฉพาะ {org_name} และ {name}",
                 "must be text using only {org_name} and {name}", signatory)
            signatory = ""
        heads = _heads(entry.get("heads"), f"{where}, heads", fail)
        phrases = entry.get("phrases") or {}
        if not isinstance(phrases, dict) or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in phrases.items()
        ):
            fail(f"{where}, phrases", "ต้องเป็นชุด {ข้อความเดิม: ข้อความที่ใช้แทน}",
                 "must map a catalogue phrase to this type's own words", phrases)
            phrases = {}
        place = entry.get("place")
        if place not in _PLACES:
            fail(f"{where}, place", "ต้องเป็น district_province, province หรือ none",
                 "must be district_province, province or none", place)
        names = entry.get("names")
        if not isinstance(ident, str) or not isinstance(names, list) or not names:
            fail(where, "ต้องมี id และ names", "needs an id and names")
            continue
        types.append(
            AgencyType(
                id=ident,
                name_th=str(entry.get("name_th", ident)),
                names=tuple(str(x) for x in names),
                prefixes=tuple(str(x) for x in entry.get("prefixes") or ()),
                local=bool(entry.get("local", False)),
                place="district_province" if place == "district_province"
                else "province" if place == "province" else "none",
                words={k: str(v) for k, v in words.items()},
                units={k: str(v) for k, v in units.items()},
                signatory=signatory,
                heads=heads,
                phrases={str(k): str(v) for k, v in phrases.items()},
            )
        )
    if not any(t.id == "other" for t in types):
        fail("types", "ต้องมีประเภท other สำหรับหน่วยงานที่ไม่เข้าประเภทใด",
             "needs a type 'other' for agencies of no listed kind")
    if problems:
        raise InputError(problems)
    return AgencyTypes(tuple(types), str(path))
