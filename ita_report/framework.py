"""The ITA framework of one fiscal year (กรอบการประเมิน), read from ``data/frameworks/<year>.yaml``.

Which items belong to which indicator and tool, the tools' weights, the target and the year's
result levels are data, so next year's scheme is a new file, not a code change. The loader
validates a file and names what is wrong; it never guesses a missing part.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from ita_report.errors import FrameworkError, UnknownYearError, file_problem

TOOL_PREFIX = {"IIT": "i", "EIT": "e", "OIT": "o"}


def data_dir() -> Path:
    """The project's ``data/`` folder (``ITA_REPORT_DATA`` overrides it)."""
    override = os.environ.get("ITA_REPORT_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Item(_Frozen):
    """One question or disclosure item (ข้อคำถาม), e.g. ``i14`` or ``o17``."""

    code: str
    text_th: str = ""
    confidence: Literal["verified", "seed", "unverified"] = "unverified"
    source: str = ""


class SubIndicator(_Frozen):
    """A sub-indicator (ตัวชี้วัดย่อย) such as 9.1 ข้อมูลพื้นฐาน."""

    number: str
    name_th: str
    items: tuple[Item, ...]


class Indicator(_Frozen):
    """An indicator (ตัวชี้วัด) 1–10 and its items, directly or through sub-indicators."""

    number: int
    name_th: str
    items: tuple[Item, ...] = ()
    sub_indicators: tuple[SubIndicator, ...] = ()
    aggregate: Literal["items", "sub_indicators"] = "items"
    note: str = ""

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
    weight: float
    indicators: tuple[Indicator, ...]


class Level(_Frozen):
    """A result level (ระดับผลการประเมิน): a score band, optionally with a floor for every tool."""

    name: str
    name_en: str = ""
    min: float
    max: float
    min_each_tool: float | None = None


class Framework(_Frozen):
    """The whole scheme of one fiscal year (Buddhist Era, e.g. 2566)."""

    fiscal_year: int
    target: float = 85.0
    sources: str = ""
    levels_confidence: Literal["verified", "seed", "unverified"] = "unverified"
    levels_source: str = ""
    tools: tuple[Tool, ...]
    levels: tuple[Level, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        problems = list(_check(self))
        if problems:
            raise ValueError("; ".join(problems))
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

    def known_codes(self) -> frozenset[str]:
        """Every code a score file may use this year: items and indicators."""
        return frozenset(self._item_index) | {ind.code for ind in self.indicators()}

    def level_for(self, ita: float, tool_scores: dict[str, float]) -> Level:
        """The level an ITA score earns (scores are compared at two decimals, as published)."""
        score = round(ita, 2)
        for level in self.levels:
            if not level.min <= score <= level.max:
                continue
            if level.min_each_tool is not None and not all(
                round(tool_scores.get(t.code, -1.0), 2) >= level.min_each_tool for t in self.tools
            ):
                continue
            return level
        raise FrameworkError(f"no level covers score {score} in FY{self.fiscal_year}")


def _check(fw: Framework) -> Iterator[str]:
    weights = sum(t.weight for t in fw.tools)
    if abs(weights - 1.0) > 1e-9:
        yield f"tool weights sum to {weights:g}, expected 1 (น้ำหนักรวมต้องเท่ากับ 1)"
    seen: dict[str, str] = {}
    numbers: set[int] = set()
    for tool in fw.tools:
        for ind in tool.indicators:
            if ind.number in numbers:
                yield f"indicator {ind.number} appears twice"
            numbers.add(ind.number)
            if not ind.all_items() and not ind.note:
                yield f"indicator {ind.number} has no items and no note saying why"
            if ind.aggregate == "sub_indicators" and not ind.sub_indicators:
                yield f"indicator {ind.number} aggregates sub-indicators but has none"
            for item in ind.all_items():
                if item.code in seen:
                    yield (
                        f"item {item.code} is in indicator {seen[item.code]} and in {ind.number}"
                        " (ข้อคำถามต้องอยู่ในตัวชี้วัดเดียว)"
                    )
                seen[item.code] = str(ind.number)
                if not item.code.startswith(TOOL_PREFIX[tool.code]) or not item.code[1:].isdigit():
                    yield f"item code {item.code!r} does not belong to tool {tool.code}"
    bands = sorted((lv for lv in fw.levels if lv.min_each_tool is None), key=lambda lv: lv.min)
    if not bands or bands[0].min != 0 or bands[-1].max != 100:
        yield "levels without a per-tool floor must cover 0–100 (ระดับต้องครอบคลุม 0–100)"
    for low, high in itertools.pairwise(bands):
        if round(low.max + 0.01, 2) != high.min:
            yield (
                f"levels {low.name} ({low.max}) and {high.name} ({high.min}) leave a gap or overlap"
            )


def available_years() -> list[int]:
    """Fiscal years with a framework file, ascending."""
    folder = data_dir() / "frameworks"
    return sorted(int(p.stem) for p in folder.glob("*.yaml") if p.stem.isdigit())


def load_framework(year: int, path: Path | None = None) -> Framework:
    """Read and validate the framework of ``year`` (Buddhist Era).

    >>> load_framework(2566).target
    85.0
    """
    return _load_cached(int(year), str(path) if path else None)


@functools.lru_cache(maxsize=16)
def _load_cached(year: int, path_text: str | None) -> Framework:
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
    with path.open(encoding="utf-8") as handle:
        try:
            raw = yaml.safe_load(handle)
        # Broken YAML, a tag safe_load refuses, or a value its constructors cannot build.
        except (yaml.YAMLError, ValueError, KeyError, TypeError, RecursionError) as exc:
            raise FrameworkError(f"{path}: invalid framework file: bad YAML ({exc})") from None
    try:
        framework = Framework.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(file)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise FrameworkError(f"{path}: invalid framework file: {details}") from None
    if framework.fiscal_year != year:
        raise FrameworkError(f"{path}: says fiscal_year {framework.fiscal_year}, expected {year}")
    return framework
