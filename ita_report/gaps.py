"""Gaps (จุดที่ต้องพัฒนา): one agency's scores against the target, and the one roll-up of them.

``roll_up_indicator`` and ``roll_up_tool`` are the NACC's rule (an indicator is the mean of its
items with data, indicator 9 the mean of its sub-indicators; a tool the mean of its indicators)
written once: ``assess`` applies it to one agency, explore to every agency at once, and the
catalogue's limitation rules read its result. Missing data is never taken as zero: what can be
computed is, and the result lists what was missing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import fmean
from typing import TypeVar

from ita_report.framework import Framework, Indicator, Tool
from ita_report.thai import round_score

#: A score, or scores of many agencies at once (explore passes numpy columns).
V = TypeVar("V")


class Status(StrEnum):
    """Status of one item against the target (สถานะ)."""

    PASS = "ผ่าน"
    BELOW = "ต่ำกว่าเป้าหมาย"
    ZERO = "ไม่ได้คะแนน"
    MISSING = "ไม่มีข้อมูล"

    @property
    def english(self) -> str:
        return {"ผ่าน": "pass", "ต่ำกว่าเป้าหมาย": "below target", "ไม่ได้คะแนน": "zero",
                "ไม่มีข้อมูล": "no data"}[self.value]


def item_status(score: float | None, target: float) -> Status:
    """``None`` is no data; ``0`` is a zero (ไม่ได้คะแนน), which is also below target."""
    if score is None:
        return Status.MISSING
    if score == 0:
        return Status.ZERO
    return Status.BELOW if score < target else Status.PASS


@dataclass(frozen=True)
class ItemResult:
    """One item's score against the target. ``gap`` is the shortfall (0 when passing)."""

    code: str
    text_th: str
    tool: str
    indicator: int | None  # None for a declared extra code outside the framework
    score: float | None
    target: float
    status: Status

    @property
    def gap(self) -> float | None:
        return None if self.score is None else round_score(max(self.target - self.score, 0.0))

    @property
    def below_target(self) -> bool:
        return self.status in (Status.BELOW, Status.ZERO)


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator's score and where it came from: its items, or the file (indicator-level)."""

    number: int
    name_th: str
    tool: str
    score: float | None
    source: str  # "items", "indicator" (given in the file) or "missing"
    items_total: int
    items_with_data: int

    @property
    def code(self) -> str:
        return f"ind{self.number}"


@dataclass(frozen=True)
class ToolResult:
    """A tool's score (IIT, EIT or OIT): the mean of its indicators."""

    code: str
    name_th: str
    weight: float
    score: float | None
    indicators_missing: tuple[int, ...]


@dataclass(frozen=True)
class Assessment:
    """The whole result of one agency in one fiscal year (ผลการประเมิน)."""

    org_id: str
    org_name: str
    fiscal_year: int
    target: float
    items: tuple[ItemResult, ...]
    extra_items: tuple[ItemResult, ...]
    indicators: tuple[IndicatorResult, ...]
    tools: tuple[ToolResult, ...]
    ita: float | None
    level: str | None

    @property
    def items_below_target(self) -> tuple[ItemResult, ...]:
        return tuple(i for i in self.items if i.below_target)

    @property
    def missing_items(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items if i.status is Status.MISSING)

    @property
    def missing_indicators(self) -> tuple[int, ...]:
        return tuple(ind.number for ind in self.indicators if ind.score is None)

    @property
    def missing_tools(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.tools if t.score is None)

    @property
    def indicator_level_only(self) -> bool:
        """True when the input gave indicator scores but no item scores at all."""
        has_items = any(i.score is not None for i in self.items)
        return not has_items and any(ind.source == "indicator" for ind in self.indicators)

    @property
    def weakest_indicator(self) -> IndicatorResult | None:
        scored = [ind for ind in self.indicators if ind.score is not None]
        return min(scored, key=lambda ind: (ind.score, ind.number)) if scored else None

    def tool(self, code: str) -> ToolResult:
        return next(t for t in self.tools if t.code == code)

    @functools.cached_property
    def _by_code(self) -> dict[str, ItemResult]:
        # Extra codes never share a code with the framework's items (the loader sorts them).
        return {i.code: i for i in self.items + self.extra_items}

    def item(self, code: str) -> ItemResult | None:
        return self._by_code.get(code)

    def score_of(self, code: str) -> float | None:
        found = self.item(code)
        return found.score if found else None


def mean_present(values: Iterable[float | None]) -> float | None:
    """The mean of the values with data; ``None`` when none has any (never a zero).

    >>> mean_present([80.0, None, 90.0]), mean_present([None])
    (85.0, None)
    """
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def roll_up_indicator(
    ind: Indicator, item: Callable[[str], V], mean: Callable[[Sequence[V]], V]
) -> V:
    """An indicator's score from its items: ``item(code)`` gives one, ``mean`` skips no-data.

    The one place that says how items make an indicator; ``V`` is a score (``assess``) or a
    column of every agency's scores (explore), with the matching ``mean``.
    """
    if ind.aggregate == "sub_indicators":
        # ITA.md: indicator 9 is the equal-weight mean of its sub-indicators, not of its items.
        return mean([mean([item(i.code) for i in sub.items]) for sub in ind.sub_indicators])
    return mean([item(i.code) for i in ind.all_items()])


def roll_up_tool(
    tool: Tool, indicator: Callable[[Indicator], V], mean: Callable[[Sequence[V]], V]
) -> V:
    """A tool's score (IIT, EIT or OIT): the mean of its indicators' scores with data."""
    return mean([indicator(ind) for ind in tool.indicators])


def assess(
    framework: Framework,
    *,
    org_id: str,
    scores: Mapping[str, float | None],
    extra: Mapping[str, float | None] | None = None,
    org_name: str = "",
    target: float | None = None,
) -> Assessment:
    """Score one agency: ``scores`` maps item codes (``i14``) and/or indicator codes (``ind9``).

    An indicator score given in ``scores`` is used as published; otherwise it is computed
    from the items that have data.

    >>> from ita_report.framework import load_framework
    >>> fw = load_framework(2564)
    >>> given = dict(zip([f"ind{n}" for n in range(1, 11)],
    ...     [93.55, 87.72, 91.01, 87.93, 89.52, 90.55, 88.68, 88.58, 72.89, 65.56]))
    >>> result = assess(fw, org_id="p1", scores=given)
    >>> round(result.ita, 2), result.level
    (81.45, 'B')
    """
    goal = framework.target if target is None else float(target)
    items: list[ItemResult] = []
    indicators: list[IndicatorResult] = []
    tools: list[ToolResult] = []
    scored: dict[int, float | None] = {}  # indicator number → its score
    for tool in framework.tools:
        for ind in tool.indicators:
            for item in ind.all_items():
                value = scores.get(item.code)
                label = framework.item_label(item.code)
                items.append(ItemResult(item.code, label, tool.code, ind.number, value, goal,
                                        item_status(value, goal)))
            given = scores.get(ind.code)
            computed = roll_up_indicator(ind, scores.get, mean_present)
            score, source = (
                (given, "indicator") if given is not None
                else (computed, "items") if computed is not None
                else (None, "missing")
            )
            with_data = sum(scores.get(i.code) is not None for i in ind.all_items())
            indicators.append(IndicatorResult(ind.number, ind.name_th, tool.code, score, source,
                                              len(ind.all_items()), with_data))
        scored.update((r.number, r.score) for r in indicators if r.tool == tool.code)
        tools.append(ToolResult(tool.code, tool.name_th, tool.weight,
                                roll_up_tool(tool, lambda i: scored[i.number], mean_present),
                                tuple(i.number for i in tool.indicators
                                      if scored[i.number] is None)))
    ita: float | None = None
    level: str | None = None
    if all(t.score is not None for t in tools):
        ita = sum(t.weight * t.score for t in tools if t.score is not None)
        tool_scores = {t.code: t.score for t in tools if t.score is not None}
        level = framework.level_for(ita, tool_scores).name
    extras = tuple(
        ItemResult(code, "", _tool_of_code(code), None, value, goal, item_status(value, goal))
        for code, value in (extra or {}).items()
    )
    return Assessment(org_id, org_name, framework.fiscal_year, goal, tuple(items), extras,
                      tuple(indicators), tuple(tools), ita, level)


def _tool_of_code(code: str) -> str:
    return {"i": "IIT", "e": "EIT", "o": "OIT"}.get(code[:1], "")
