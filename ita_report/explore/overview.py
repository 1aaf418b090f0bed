"""The picture of one fiscal year (ภาพรวมรายปี): distributions, items passing, weakest items, levels.

For the whole country, a province or an agency type. Shares are computed over the agencies that
have data for the item; an agency without a score is counted as "no data", never as failing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ita_report.explore.tables import NO_LEVEL, Roster, YearScores
from ita_report.explore.trend import TOOL_LABELS_TH

QUANTILES = (0.10, 0.25, 0.50, 0.75, 0.90)


@dataclass(frozen=True)
class Distribution:
    """How one score is spread over the agencies (การกระจายของคะแนน)."""

    code: str
    label_th: str
    agencies: int
    missing: int
    mean: float | None
    minimum: float | None
    q10: float | None
    q25: float | None
    median: float | None
    q75: float | None
    q90: float | None
    maximum: float | None
    share_passing: float | None  # 0–1, of the agencies with a score


@dataclass(frozen=True)
class ItemShare:
    """The share of agencies passing one item (สัดส่วนหน่วยงานที่ผ่านรายข้อ)."""

    code: str
    text_th: str
    tool: str
    indicator: int
    agencies: int  # with data for the item
    passing: int
    share: float | None  # passing / agencies, 0–1
    mean: float | None


@dataclass(frozen=True)
class LevelRow:
    """Agencies per level in one group (a type or a province); ``total`` includes no data."""

    group: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class LevelTable:
    """Levels counted by agency type or by province (จำนวนหน่วยงานตามระดับผลการประเมิน)."""

    dimension: str  # "org_type" or "province"
    levels: tuple[str, ...]  # the year's levels, best first, then ไม่มีข้อมูล
    rows: tuple[LevelRow, ...]

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [(*r.counts, r.total) for r in self.rows],
            index=pd.Index([r.group for r in self.rows], name=self.dimension),
            columns=[*self.levels, "รวม"],
        )


@dataclass(frozen=True)
class YearOverview:
    """One year's national (or province / type) picture."""

    fiscal_year: int
    scope_th: str
    agencies: int
    target: float
    tools: tuple[Distribution, ...]
    indicators: tuple[Distribution, ...]
    items: tuple[ItemShare, ...]
    weakest: tuple[ItemShare, ...]
    levels: LevelRow
    level_names: tuple[str, ...]
    levels_by_type: LevelTable
    levels_by_province: LevelTable

    def items_frame(self) -> pd.DataFrame:
        return pd.DataFrame([vars(i) for i in self.items]).set_index("code")

    def distributions_frame(self) -> pd.DataFrame:
        return pd.DataFrame([vars(d) for d in self.tools + self.indicators]).set_index("code")


def _distribution(code: str, label: str, values: pd.Series, target: float) -> Distribution:
    present = values.dropna().to_numpy(dtype=np.float64)
    if len(present) == 0:
        return Distribution(code, label, 0, len(values), None, None, None, None, None, None,
                            None, None, None)
    q10, q25, median, q75, q90 = (float(x) for x in np.quantile(present, QUANTILES))
    return Distribution(
        code, label, len(present), len(values) - len(present), float(present.mean()),
        float(present.min()), q10, q25, median, q75, q90, float(present.max()),
        float((present >= target).mean()),
    )


def _level_table(
    dimension: str, groups: pd.Series, levels: pd.Series, names: tuple[str, ...]
) -> LevelTable:
    table = pd.crosstab(groups, levels).reindex(columns=list(names), fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    rows = tuple(
        LevelRow(str(group), tuple(int(v) for v in counts), int(sum(counts)))
        for group, counts in zip(table.index, table.to_numpy().tolist(), strict=True)
    )
    return LevelTable(dimension, names, rows)


def year_overview(
    ys: YearScores,
    roster: Roster,
    *,
    province: str | None = None,
    org_type: str | None = None,
    weakest: int = 10,
) -> YearOverview:
    """Distributions of tools and indicators, items passing, the ``weakest`` items, levels.

    ``province`` / ``org_type`` restrict everything to that province / agency type.
    """
    types = roster.groups(ys.org_ids, "org_type")
    provinces = roster.groups(ys.org_ids, "province")
    keep = np.ones(len(ys), dtype=bool)
    scope = []
    if province is not None:
        keep &= (provinces == province).to_numpy()
        scope.append(f"จังหวัด{province}")
    if org_type is not None:
        keep &= (types == org_type).to_numpy()
        scope.append(org_type)
    view = ys.restricted(ys.org_ids[keep]) if (province or org_type) else ys
    types, provinces = types[keep], provinces[keep]
    target = ys.target
    fw = ys.framework
    tools = tuple(
        _distribution(code, TOOL_LABELS_TH[code], view.tools[code].astype(np.float64), target)
        for code in ("ITA", "IIT", "EIT", "OIT")
    )
    indicators = tuple(
        _distribution(ind.code, f"{ind.number} {ind.name_th}", view.indicators[ind.code], target)
        for ind in fw.indicators()
    )
    values = view.items.to_numpy(dtype=np.float64)
    present = ~np.isnan(values)
    passing = (np.where(present, values, -1.0) >= target).sum(axis=0)
    with_data = present.sum(axis=0)
    sums = np.where(present, values, 0.0).sum(axis=0)
    items = []
    for k, code in enumerate(view.items.columns):
        item = fw.item(code)
        ind = fw.indicator_of(code)
        assert item is not None and ind is not None
        n = int(with_data[k])
        items.append(ItemShare(
            code, item.text_th, fw.tool_of_indicator(ind.number).code, ind.number, n,
            int(passing[k]), float(passing[k]) / n if n else None,
            float(sums[k]) / n if n else None,
        ))
    ranked = sorted((i for i in items if i.share is not None),
                    key=lambda i: (i.share, i.mean if i.mean is not None else 0.0))
    names = (*view.level_names, NO_LEVEL)
    levels = view.tools["level"].where(view.tools["level"].notna(), NO_LEVEL).astype(object)
    counts = levels.value_counts()
    overall = LevelRow("รวม", tuple(int(counts.get(n, 0)) for n in names), len(view))
    return YearOverview(
        fiscal_year=ys.fiscal_year,
        scope_th=" ".join(scope) or "ทั่วประเทศ",
        agencies=len(view),
        target=target,
        tools=tools,
        indicators=indicators,
        items=tuple(items),
        weakest=tuple(ranked[:weakest]),
        levels=overall,
        level_names=names,
        levels_by_type=_level_table("org_type", types, levels, names),
        levels_by_province=_level_table("province", provinces, levels, names),
    )
