"""From one agency's scores to its result: item statuses, indicator, tool and ITA scores, level.

Rolls scores up exactly as the NACC does (ITA = 0.30 IIT + 0.30 EIT + 0.40 OIT, indicator 9
through its sub-indicators) with the weights and levels read from the year's framework. Missing
data is never taken as zero: what can be computed is, and the result lists what was missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from statistics import fmean

from ita_report.framework import Framework, Indicator


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
        return None if self.score is None else round(max(self.target - self.score, 0.0), 2)

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

    def item(self, code: str) -> ItemResult | None:
        return next((i for i in self.items + self.extra_items if i.code == code), None)

    def score_of(self, code: str) -> float | None:
        found = self.item(code)
        return found.score if found else None


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def _indicator_from_items(ind: Indicator, scores: Mapping[str, float | None]) -> float | None:
    if ind.aggregate == "sub_indicators":
        # ITA.md: indicator 9 is the equal-weight mean of its sub-indicators, not of its items.
        return _mean(_mean(scores.get(i.code) for i in sub.items) for sub in ind.sub_indicators)
    return _mean(scores.get(i.code) for i in ind.all_items())


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
    for tool in framework.tools:
        for ind in tool.indicators:
            for item in ind.all_items():
                value = scores.get(item.code)
                items.append(ItemResult(item.code, framework.item_label(item.code), tool.code,
                                        ind.number, value, goal, item_status(value, goal)))
            given = scores.get(ind.code)
            computed = _indicator_from_items(ind, scores)
            score, source = (
                (given, "indicator") if given is not None
                else (computed, "items") if computed is not None
                else (None, "missing")
            )
            with_data = sum(scores.get(i.code) is not None for i in ind.all_items())
            indicators.append(IndicatorResult(ind.number, ind.name_th, tool.code, score, source,
                                              len(ind.all_items()), with_data))
        own = [r for r in indicators if r.tool == tool.code]
        tools.append(ToolResult(tool.code, tool.name_th, tool.weight,
                                _mean(r.score for r in own),
                                tuple(r.number for r in own if r.score is None)))
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
