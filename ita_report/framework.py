"""The ITA framework of one fiscal year (กรอบการประเมิน), read from ``data/frameworks/<year>.yaml``.

Which items belong to which indicator and tool, the tools' weights, the target and the year's
result levels are data, so next year's scheme is a new file, not a code change. The loader
validates a file and names what is wrong; it never guesses a missing part.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ita_report.errors import (
    FrameworkError,
    InputError,
    Problem,
    UnknownYearError,
    file_problem,
)
from ita_report.iorw import YamlPath, read_yaml_document
from ita_report.thai import round_score, to_arabic_digits

TOOL_PREFIX = {"IIT": "i", "EIT": "e", "OIT": "o"}


def data_dir() -> Path:
    """The project's ``data/`` folder (``ITA_REPORT_DATA`` overrides it)."""
    override = os.environ.get("ITA_REPORT_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Confidence = Literal["verified", "seed", "unverified"]

# Research notes do not belong in wording that is printed: a URL, a bracketed remark or a
# "seed"/"unverified" tag in ``text_th`` would reach the officer's published document.
_NOT_WORDING = re.compile(r"https?://|www\.|[\[\]{}]|\bseed\b|unverified", re.IGNORECASE)


class Item(_Frozen):
    """One question or disclosure item (ข้อคำถาม), e.g. ``i14`` or ``o17``.

    ``text_th`` is only what the item asks or lists (it is printed); ``note`` and ``source``
    hold research notes and doubts and are never printed.
    """

    code: str
    text_th: str = ""
    confidence: Confidence = "unverified"
    source: str = ""
    note: str = ""


class SubIndicator(_Frozen):
    """A sub-indicator (ตัวชี้วัดย่อย) such as 9.1 ข้อมูลพื้นฐาน.

    ``confidence`` is about the placement: that these items, and only these, form it.
    """

    number: str
    name_th: str
    items: tuple[Item, ...]
    confidence: Confidence = "unverified"
    source: str = ""


class Indicator(_Frozen):
    """An indicator (ตัวชี้วัด) 1–10 and its items, directly or through sub-indicators."""

    number: int
    name_th: str
    items: tuple[Item, ...] = ()
    sub_indicators: tuple[SubIndicator, ...] = ()
    aggregate: Literal["items", "sub_indicators"] = "items"
    note: str = ""
    #: How sure the placement of the items (and the way they are averaged) is.
    confidence: Confidence = "unverified"
    source: str = ""

    @property
    def code(self) -> str:
        return f"ind{self.number}"

    def all_items(self) -> tuple[Item, ...]:
        return self.items + tuple(i for s in self.sub_indicators for i in s.items)


class Tool(_Frozen):
    """An assessment tool (เครื่องมือ): IIT, EIT or OIT, with its weight in the ITA score."""

    code: Literal["IIT", "EIT", "OIT"]
    name_th: str
    name_en: str = ""
    #: Finite, above 0 and at most 1 (they sum to 1): 1.5 and -0.5 also sum to 1.
    weight: float = Field(gt=0, le=1, allow_inf_nan=False)
    indicators: tuple[Indicator, ...]


class Level(_Frozen):
    """A result level (ระดับผลการประเมิน): a score band, optionally with a floor for every tool."""

    name: str
    name_en: str = ""
    min: float
    max: float
    min_each_tool: float | None = None


class Documents(_Frozen):
    """Which OIT items are the two documents about the measures, in this year's numbering.

    ``measures`` is the analysis-and-measures document this workbook writes
    (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน: o42 up to FY2566, o32 in FY2567,
    o25 in FY2569); ``implementation_report`` the report on carrying them out (o43, o33, o26).
    ``None`` when the year's list is not known to hold it.
    """

    measures: str | None = None
    implementation_report: str | None = None
    confidence: Confidence = "unverified"
    source: str = ""
    note: str = ""


class Framework(_Frozen):
    """The whole scheme of one fiscal year (Buddhist Era, e.g. 2566)."""

    fiscal_year: int
    target: float = Field(default=85.0, ge=0, le=100, allow_inf_nan=False)
    sources: str = ""
    #: What is uncertain about this year's scheme, in Thai, for officers (``ita-report framework``).
    doubts_th: tuple[str, ...] = ()
    levels_confidence: Confidence = "unverified"
    levels_source: str = ""
    documents: Documents = Documents()
    tools: tuple[Tool, ...]
    levels: tuple[Level, ...]
    #: The file it was read from ("" for the shipped file of its year).
    source_file: str = ""
    #: The year whose item numbering this file follows, when it is not its own (an agency whose
    #: ITAS page lists FY2568 as FY2567's 33 items): the catalogue's themes of that year apply.
    numbered_as: int | None = None

    @property
    def items_year(self) -> int:
        """The year of the catalogue's item lists that fit this framework."""
        return self.numbered_as or self.fiscal_year

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        problems = list(_check(self))
        if problems:
            raise _Inconsistent(problems)
        return self

    # -- lookups -----------------------------------------------------------------------------
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(ind for tool in self.tools for ind in tool.indicators)

    def items(self) -> tuple[Item, ...]:
        return tuple(item for ind in self.indicators() for item in ind.all_items())

    @functools.cached_property
    def _item_index(self) -> dict[str, tuple[Tool, Indicator, Item]]:
        return {
            item.code: (tool, ind, item)
            for tool in self.tools
            for ind in tool.indicators
            for item in ind.all_items()
        }

    def item(self, code: str) -> Item | None:
        found = self._item_index.get(code)
        return found[2] if found else None

    def indicator_of(self, code: str) -> Indicator | None:
        found = self._item_index.get(code)
        return found[1] if found else None

    def tool_of_indicator(self, number: int) -> Tool:
        for tool in self.tools:
            if any(ind.number == number for ind in tool.indicators):
                return tool
        raise KeyError(number)

    def indicator(self, number: int) -> Indicator:
        for ind in self.indicators():
            if ind.number == number:
                return ind
        raise KeyError(number)

    def sub_indicator_of(self, code: str) -> SubIndicator | None:
        found = self._item_index.get(code)
        if not found:
            return None
        return next((s for s in found[1].sub_indicators if any(i.code == code for i in s.items)),
                    None)

    def item_label(self, code: str) -> str:
        """What the document prints after a code: the item's wording, or where it sits.

        An item whose wording is not known is never shown bare: ``ตัวชี้วัดย่อย 9.2
        การบริหารงาน`` or ``ตัวชี้วัดที่ 3 การใช้อำนาจ`` tells the reader what it is about.
        """
        found = self._item_index.get(code)
        if not found:
            return ""
        _tool, ind, item = found
        if item.text_th:
            return item.text_th
        sub = self.sub_indicator_of(code)
        if sub is not None:
            return f"(ตัวชี้วัดย่อย {sub.number} {sub.name_th})"
        return f"(ตัวชี้วัดที่ {ind.number} {ind.name_th})"

    def placement_confidence(self, code: str) -> Confidence:
        """The lower of the item's own and its indicator's (or sub-indicator's) confidence."""
        found = self._item_index.get(code)
        if not found:
            return "unverified"
        sub = self.sub_indicator_of(code)
        group = sub.confidence if sub is not None else found[1].confidence
        return "verified" if group == "verified" else "unverified"

    def known_codes(self) -> frozenset[str]:
        """Every code a score file may use this year: items and indicators."""
        return frozenset(self._item_index) | {ind.code for ind in self.indicators()}

    def level_for(self, ita: float, tool_scores: dict[str, float]) -> Level:
        """The level an ITA score earns (scores are compared at two decimals, as published)."""
        score = round_score(ita)
        for level in self.levels:
            if not level.min <= score <= level.max:
                continue
            if level.min_each_tool is not None and not all(
                round_score(tool_scores.get(t.code, -1.0)) >= level.min_each_tool
                for t in self.tools
            ):
                continue
            return level
        raise FrameworkError(
            file_problem(
                self.source_file or f"data/frameworks/{self.fiscal_year}.yaml",
                f"ไม่มีระดับผลการประเมินที่ครอบคลุมคะแนน {score}",
                f"no level covers score {score} in FY{self.fiscal_year}",
                column="levels",
            )
        )


class _Inconsistent(ValueError):
    """The parts of a framework contradict each other; carries each problem in both languages."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(en for _th, en in problems))


def _check(fw: Framework) -> Iterator[tuple[str, str]]:
    """(Thai, English) of every inconsistency in ``fw``."""
    weights = sum(t.weight for t in fw.tools)
    if abs(weights - 1.0) > 1e-6:
        yield (f"น้ำหนักของเครื่องมือรวมกันได้ {weights:g} ต้องเท่ากับ 1",
               f"tool weights sum to {weights:g}, expected 1")
    seen: dict[str, str] = {}
    numbers: set[int] = set()
    for tool in fw.tools:
        for ind in tool.indicators:
            if ind.number in numbers:
                yield (f"ตัวชี้วัดที่ {ind.number} ซ้ำกัน", f"indicator {ind.number} appears twice")
            numbers.add(ind.number)
            if not ind.all_items() and not ind.note:
                yield (f"ตัวชี้วัดที่ {ind.number} ไม่มีข้อคำถามและไม่มี note บอกเหตุผล",
                       f"indicator {ind.number} has no items and no note saying why")
            if ind.aggregate == "sub_indicators" and not ind.sub_indicators:
                yield (f"ตัวชี้วัดที่ {ind.number} ให้เฉลี่ยตามตัวชี้วัดย่อยแต่ไม่มีตัวชี้วัดย่อย",
                       f"indicator {ind.number} aggregates sub-indicators but has none")
            for item in ind.all_items():
                if item.code in seen:
                    yield (
                        f"ข้อ {item.code} อยู่ทั้งในตัวชี้วัดที่ {seen[item.code]} และ {ind.number}"
                        " (ข้อคำถามต้องอยู่ในตัวชี้วัดเดียว)",
                        f"item {item.code} is in indicator {seen[item.code]} and in {ind.number}",
                    )
                seen[item.code] = str(ind.number)
                if not item.code.startswith(TOOL_PREFIX[tool.code]) or not item.code[1:].isdigit():
                    yield (f"รหัสข้อ {item.code!r} ไม่ใช่ข้อของเครื่องมือ {tool.code}",
                           f"item code {item.code!r} does not belong to tool {tool.code}")
                elif not item.code.isascii():  # score files name it in Arabic digits
                    ascii_code = to_arabic_digits(item.code)
                    yield (f"รหัสข้อ {item.code!r} ใช้เลขไทย ให้เขียน {ascii_code}",
                           f"item code {item.code!r} has Thai digits; write {ascii_code}")
                if _NOT_WORDING.search(item.text_th):
                    yield (
                        f"ข้อ {item.code}: text_th ต้องมีเฉพาะถ้อยคำของข้อ ไม่มีหมายเหตุ ลิงก์"
                        " หรือวงเล็บเหลี่ยม ให้ย้ายไปไว้ที่ source หรือ note",
                        f"item {item.code}: text_th must hold only the item's wording; move"
                        " sources and notes to 'source' or 'note'",
                    )
    for role, code in (
        ("measures", fw.documents.measures),
        ("implementation_report", fw.documents.implementation_report),
    ):
        if code is not None and code not in seen:
            yield (f"documents.{role} เป็น {code} ซึ่งไม่มีในกรอบการประเมินนี้",
                   f"documents.{role} is {code}, which is not an item of this framework")
    bands = sorted((lv for lv in fw.levels if lv.min_each_tool is None), key=lambda lv: lv.min)
    if not bands or bands[0].min != 0 or bands[-1].max != 100:
        yield ("ระดับผลการประเมิน (ที่ไม่มีเกณฑ์รายเครื่องมือ) ต้องครอบคลุม 0–100",
               "levels without a per-tool floor must cover 0–100")
    for low, high in itertools.pairwise(bands):
        if round_score(low.max + 0.01) != high.min:
            yield (
                f"ระดับ {low.name} ({low.max}) กับ {high.name} ({high.min}) เว้นช่องว่างหรือซ้อนกัน",
                f"levels {low.name} ({low.max}) and {high.name} ({high.min}) leave a gap or"
                " overlap",
            )


def available_years() -> list[int]:
    """Fiscal years with a framework file, ascending."""
    folder = data_dir() / "frameworks"
    return sorted(int(p.stem) for p in folder.glob("*.yaml") if p.stem.isdigit())


#: Frameworks an agency's own file puts in place of the shipped ones (``framework_file``).
_IN_USE: contextvars.ContextVar[dict[int, Framework] | None] = contextvars.ContextVar(
    "frameworks_in_use", default=None
)


@contextlib.contextmanager
def framework_in_use(framework: Framework) -> Iterator[None]:
    """Within the block, ``load_framework(framework.fiscal_year)`` is ``framework``.

    An officer's own framework file (params ``framework_file``) must hold for everything that
    reads the year's framework while one report is built, the score file's checks included.
    """
    current = dict(_IN_USE.get() or {})
    current[framework.fiscal_year] = framework
    token = _IN_USE.set(current)
    try:
        yield
    finally:
        _IN_USE.reset(token)


def load_framework(year: int, path: Path | None = None) -> Framework:
    """Read and validate the framework of ``year`` (Buddhist Era).

    >>> load_framework(2566).target
    85.0
    """
    if path is None:
        chosen = (_IN_USE.get() or {}).get(int(year))
        if chosen is not None:
            return chosen
    # A file edited since it was read (an officer correcting their own file in a live kernel)
    # is read again: its size and modification time are part of the cache key.
    where = Path(path) if path else data_dir() / "frameworks" / f"{int(year)}.yaml"
    try:
        stat = where.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, 0)
    return _load_cached(int(year), str(path) if path else None, stamp)


@functools.lru_cache(maxsize=16)
def _load_cached(year: int, path_text: str | None, _stamp: tuple[int, int]) -> Framework:
    path = Path(path_text) if path_text else data_dir() / "frameworks" / f"{year}.yaml"
    if not path.exists():
        years = ", ".join(str(y) for y in available_years()) or "-"
        raise UnknownYearError(
            file_problem(
                path,
                f"ไม่มีกรอบการประเมินของปีงบประมาณ {year}",
                f"there is no ITA framework for fiscal year {year}",
                expected_th=f"ปีที่มี: {years}",
                expected_en=f"one of the years available: {years}",
            )
        )
    raw, lines = _read_framework_yaml(path)
    try:
        framework = Framework.model_validate(raw)
    except ValidationError as exc:
        raise FrameworkError(list(_problems(path, exc, lines, raw))) from None
    if framework.fiscal_year != year:
        raise FrameworkError(
            file_problem(
                path,
                f"ไฟล์นี้เป็นกรอบการประเมินปี {framework.fiscal_year} ไม่ใช่ปี {year}",
                f"says fiscal_year {framework.fiscal_year}, expected {year}",
                column="fiscal_year",
                value=framework.fiscal_year,
                expected_th=str(year),
                expected_en=str(year),
            )
        )
    return framework.model_copy(update={"source_file": path_text or ""})


def _problems(path: Path, exc: ValidationError, lines: dict[YamlPath, int], raw: object
              ) -> Iterator[Problem]:
    for err in exc.errors():
        loc = tuple(err["loc"])
        at = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, _Inconsistent):
            for th, en in cause.problems:
                line = _line_named(en, lines, raw)
                yield file_problem(path, th, f"invalid framework file: {en}",
                                   where=f"line {line}" if line else None)
            continue
        where = ".".join(str(p) for p in err["loc"]) or "(file)"
        yield file_problem(
            path,
            f"ค่าในไฟล์กรอบการประเมินไม่ถูกต้อง ({err['msg']})",
            f"invalid framework file: {err['msg']}",
            where=f"line {at}" if at else None,
            column=where,
            value=None if err["type"] == "missing" else _short(err.get("input")),
        )


def _line_named(message: str, lines: dict[YamlPath, int], raw: object) -> int | None:
    """The line of the item code ``message`` quotes (``'o๑'``, ``o17``), or of the first tool
    weight for a message about the weights: a consistency problem has no path of its own."""
    for at, line in lines.items():
        if at and at[-1] == "code":
            value: object = raw
            for key in at:
                value = value[key] if isinstance(value, (dict, list)) else None  # type: ignore[index]
            if isinstance(value, str) and (f"{value!r}" in message or f"item {value} " in message):
                return line
    if "weights" in message:
        return next((n for at, n in lines.items() if at and at[-1] == "weight"), None)
    return None


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


_CONFIDENCE_TH = {"verified": "ยืนยันแล้ว", "seed": "ตามเอกสารตัวอย่าง", "unverified": "ยังไม่ยืนยัน"}


def describe(framework: Framework) -> str:
    """A year's framework as an officer reads it: tools, indicators, items, and how sure each is.

    >>> print(describe(load_framework(2569)).splitlines()[0])
    กรอบการประเมิน ITA ปีงบประมาณ พ.ศ. 2569 (data/frameworks/2569.yaml)
    """
    fw = framework
    where = fw.source_file or f"data/frameworks/{fw.fiscal_year}.yaml"
    conf = _CONFIDENCE_TH
    weights = " · ".join(f"{t.code} {t.weight:g}" for t in fw.tools)
    levels = ", ".join(lv.name for lv in fw.levels)
    docs = fw.documents
    lines = [
        f"กรอบการประเมิน ITA ปีงบประมาณ พ.ศ. {fw.fiscal_year} ({where})",
        f"น้ำหนัก (weights): {weights} · ค่าเป้าหมาย (target): {fw.target:g}",
        f"ระดับผลการประเมิน (levels): {levels} [{conf[fw.levels_confidence]}]",
        "เอกสารมาตรการส่งเสริมคุณธรรมฯ (measures document): "
        f"{docs.measures or 'ไม่ทราบ (unknown)'} · รายงานผลการดำเนินการตามมาตรการ "
        f"(implementation report): {docs.implementation_report or 'ไม่ทราบ (unknown)'}"
        f" [{conf[docs.confidence]}]",
        "",
    ]
    counts = dict.fromkeys(conf, 0)
    for tool in fw.tools:
        lines.append(f"{tool.code} {tool.name_th} ({tool.name_en})")
        for ind in tool.indicators:
            how = " เฉลี่ยตามตัวชี้วัดย่อย" if ind.aggregate == "sub_indicators" else ""
            lines.append(f"  ตัวชี้วัดที่ {ind.number} {ind.name_th}{how}"
                         f" [การจัดกลุ่ม: {conf[ind.confidence]}]")
            groups: list[tuple[str, tuple[Item, ...]]] = [("", ind.items)]
            groups += [(f"{s.number} {s.name_th} [{conf[s.confidence]}]", s.items)
                       for s in ind.sub_indicators]
            for title, items in groups:
                indent = "    "
                if title:
                    lines.append(f"    {title}")
                    indent = "      "
                for item in items:
                    counts[item.confidence] += 1
                    text = item.text_th or "(ไม่พบถ้อยคำ — wording not found)"
                    lines.append(f"{indent}{item.code:<4} {text} [{conf[item.confidence]}]")
        lines.append("")
    total = sum(counts.values())
    lines.append(
        f"รวม {total} ข้อ: ยืนยันแล้ว {counts['verified']} · ตามเอกสารตัวอย่าง {counts['seed']}"
        f" · ยังไม่ยืนยัน {counts['unverified']} (items: {counts['verified']} verified,"
        f" {counts['seed']} from the seed, {counts['unverified']} unverified)"
    )
    if fw.doubts_th:
        lines.append("")
        lines.append("ข้อที่ยังไม่แน่ชัด (what is uncertain this year):")
        lines += [f"  - {doubt}" for doubt in fw.doubts_th]
    return "\n".join(lines) + "\n"


def same_numbering(framework: Framework) -> bool:
    """Whether ``framework`` numbers its items like the shipped file of ``items_year``.

    An officer's own file that lists other items under the same codes would put them under the
    wrong themes; the wording of every code both files know must agree where both have it.
    """
    if not framework.source_file:
        return True
    shipped_path = data_dir() / "frameworks" / f"{framework.items_year}.yaml"
    if not shipped_path.exists():
        return False
    shipped = load_framework(framework.items_year, shipped_path)
    for item in framework.items():
        theirs = shipped.item(item.code)
        if theirs is None:
            return False
        if item.text_th and theirs.text_th and item.text_th != theirs.text_th:
            return False
    return True


def _read_framework_yaml(path: Path) -> tuple[object, dict[YamlPath, int]]:
    """A framework file's YAML through the project's one reader (a key written twice, broken
    YAML, a file of megabytes: each a message naming the file and line), as FrameworkError."""
    try:
        doc = read_yaml_document(
            path,
            missing_th="ไม่พบไฟล์กรอบการประเมิน",
            missing_en="framework file not found",
            expected_th="ไฟล์ .yaml แบบเดียวกับ data/frameworks/<ปี>.yaml",
            expected_en="a .yaml file laid out like data/frameworks/<year>.yaml",
        )
        return doc.value, dict(doc.lines)
    except FrameworkError:
        raise
    except InputError as exc:
        raise FrameworkError(list(exc.problems)) from None


def read_framework_file(path: Path) -> Framework:
    """An officer's own framework file (params ``framework_file``), validated like the shipped
    ones; its year is the one the file says."""
    if not path.is_file():
        from ita_report.errors import missing_file_problem

        raise FrameworkError(
            missing_file_problem(path, "ไม่พบไฟล์กรอบการประเมิน", "framework file not found",
                         expected_th="ไฟล์ .yaml แบบเดียวกับ data/frameworks/<ปี>.yaml",
                         expected_en="a .yaml file laid out like data/frameworks/<year>.yaml")
        )
    raw, _lines = _read_framework_yaml(path)
    year = raw.get("fiscal_year") if isinstance(raw, dict) else None
    if not isinstance(year, int) or isinstance(year, bool):
        raise FrameworkError(
            file_problem(path, "ไม่มีปีงบประมาณ (fiscal_year) ในไฟล์ หรืออ่านไฟล์ไม่ได้",
                         "the file has no fiscal_year, or is not YAML", column="fiscal_year",
                         expected_th="บรรทัด fiscal_year: 2569",
                         expected_en="a line fiscal_year: 2569")
        )
    return load_framework(year, path)
