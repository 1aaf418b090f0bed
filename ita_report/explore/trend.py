"""An agency across years (แนวโน้ม): tools, indicators and items, year by year.

Items are followed through the crosswalk, so a code whose meaning changed is never compared
with itself; an item without a counterpart in a year shows no score there, never a zero.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from ita_report.crosswalk import Crosswalk, load_crosswalk
from ita_report.errors import InputError, file_problem
from ita_report.explore.tables import ScorePanel, YearScores, as_float

Kind = Literal["tool", "indicator", "item"]

TOOL_LABELS_TH = {
    "ITA": "คะแนน ITA",
    "IIT": "IIT การรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
    "EIT": "EIT การรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
    "OIT": "OIT การเปิดเผยข้อมูลสาธารณะ",
}


@dataclass(frozen=True)
class TrendLine:
    """One score of one agency across the panel's years (เส้นแนวโน้ม).

    ``codes`` is the code scored in each year (for items, through the crosswalk; ``None``
    where the item has no counterpart that year). ``scores`` is ``None`` without data.
    """

    kind: Kind
    key: str
    label_th: str
    years: tuple[int, ...]
    codes: tuple[str | None, ...]
    scores: tuple[float | None, ...]
    note: str = ""

    def score_in(self, year: int) -> float | None:
        return self.scores[self.years.index(year)]

    @property
    def first(self) -> float | None:
        return next((s for s in self.scores if s is not None), None)

    @property
    def last(self) -> float | None:
        return next((s for s in reversed(self.scores) if s is not None), None)

    @property
    def change(self) -> float | None:
        """Last score with data minus the first (``None`` with fewer than two scores)."""
        present = [s for s in self.scores if s is not None]
        return round(present[-1] - present[0], 2) if len(present) >= 2 else None

    @property
    def comparable(self) -> bool:
        """True when the item exists (has a counterpart) in every year of the panel."""
        return all(c is not None for c in self.codes)


@dataclass(frozen=True)
class AgencyTrend:
    """An agency's results across years: levels, tool, indicator and item lines."""

    org_id: str
    org_name: str
    years: tuple[int, ...]
    levels: tuple[str | None, ...]
    tools: tuple[TrendLine, ...]
    indicators: tuple[TrendLine, ...]
    items: tuple[TrendLine, ...]

    def line(self, key: str) -> TrendLine:
        """The line of ``ITA``/``IIT``/…, ``ind9``, or an item by its code in its latest year."""
        for line in self.tools + self.indicators + self.items:
            if line.key == key:
                return line
        raise KeyError(key)

    def item_line(self, code: str, year: int) -> TrendLine:
        """The line of the item that is ``code`` in ``year``."""
        at = self.years.index(year)
        for line in self.items:
            if line.codes[at] == code:
                return line
        raise KeyError(f"{code} in FY{year}")

    def frame(self) -> pd.DataFrame:
        """Tidy rows for charts: kind, key, label_th, fiscal_year, code, score."""
        rows = [
            (line.kind, line.key, line.label_th, year, code, score)
            for line in self.tools + self.indicators + self.items
            for year, code, score in zip(line.years, line.codes, line.scores, strict=True)
        ]
        return pd.DataFrame(rows, columns=["kind", "key", "label_th", "fiscal_year", "code",
                                           "score"])


def _value(frame: pd.DataFrame, org_id: str, column: str | None) -> float | None:
    if column is None or org_id not in frame.index or column not in frame.columns:
        return None
    return as_float(frame.at[org_id, column])


def _traced(cw: Crosswalk, code: str, from_year: int, to_year: int) -> tuple[str | None, str]:
    years = cw.years_between(from_year, to_year)
    have = {(p.from_year, p.to_year) for p in cw.pairs}
    if any((min(a, b), max(a, b)) not in have for a, b in itertools.pairwise(years)):
        return None, f"ไม่มีตารางเทียบข้อคำถามปี {from_year}–{to_year} (no crosswalk)"
    trace = cw.trace(code, from_year, to_year)
    return trace.to_code, trace.note if trace.to_code is None else ""


def item_lineages(
    years: Sequence[int], frameworks: Sequence[YearScores], crosswalk: Crosswalk
) -> list[tuple[tuple[str | None, ...], str]]:
    """Each item's code per year (latest year's items first), with the note where it breaks."""
    covered: set[tuple[int, str]] = set()
    lineages: list[tuple[tuple[str | None, ...], str]] = []
    for ys in reversed(frameworks):
        for item in ys.framework.items():
            if (ys.fiscal_year, item.code) in covered:
                continue
            codes: list[str | None] = []
            notes: list[str] = []
            for year in years:
                found, note = _traced(crosswalk, item.code, ys.fiscal_year, year)
                codes.append(found)
                if note:
                    notes.append(note)
                if found is not None:
                    covered.add((year, found))
            lineages.append((tuple(codes), "; ".join(dict.fromkeys(notes))))
    return lineages


def agency_trend(
    panel: ScorePanel, org_id: str, *, crosswalk: Crosswalk | None = None
) -> AgencyTrend:
    """The trend of one agency over the panel's years (ITA, tools, indicators 1–10, items).

    An agency absent from a year has no scores there (``None``), not zeros.
    """
    cw = crosswalk or load_crosswalk()
    if not any(org_id in ys for ys in panel.years):
        raise InputError(
            file_problem("(scores)", f"ไม่มีคะแนนของหน่วยงาน {org_id} ในปีใดเลย",
                         f"no year has scores for agency {org_id}", column="org_id",
                         value=org_id)
        )
    years = panel.fiscal_years
    latest = panel.years[-1]
    name = next((str(ys.names.get(org_id, "")) for ys in reversed(panel.years)
                 if org_id in ys), "")
    tools = tuple(
        TrendLine("tool", code, TOOL_LABELS_TH[code], years, tuple(code for _ in years),
                  tuple(_value(ys.tools, org_id, code) for ys in panel.years))
        for code in ("ITA", "IIT", "EIT", "OIT")
    )
    indicators = tuple(
        TrendLine("indicator", ind.code, f"{ind.number} {ind.name_th}", years,
                  tuple(ind.code for _ in years),
                  tuple(_value(ys.indicators, org_id, ind.code) for ys in panel.years))
        for ind in latest.framework.indicators()
    )
    items = []
    for codes, note in item_lineages(years, panel.years, cw):
        at = max(i for i, c in enumerate(codes) if c is not None)
        key_code = codes[at]
        assert key_code is not None
        key = key_code if at == len(years) - 1 else f"{key_code}@{years[at]}"
        text = next(
            (t for ys, c in zip(reversed(panel.years), reversed(codes), strict=True)
             if c is not None and (t := _text(ys, c))),
            "",
        )
        items.append(
            TrendLine("item", key, f"{key_code} {text}".strip(), years, codes,
                      tuple(_value(ys.items, org_id, c) for ys, c in zip(panel.years, codes,
                                                                         strict=True)),
                      note)
        )
    levels = tuple(
        (str(ys.tools.at[org_id, "level"]) if org_id in ys and ys.tools.at[org_id, "level"]
         else None)
        for ys in panel.years
    )
    return AgencyTrend(org_id, name, years, levels, tools, indicators, tuple(items))


def _text(ys: YearScores, code: str) -> str:
    item = ys.framework.item(code)
    return item.text_th if item is not None else ""
