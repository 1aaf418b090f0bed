"""Where an agency stands among agencies like it (เทียบกับหน่วยงานประเภทเดียวกัน).

Percentiles of the ITA (or a tool or indicator) within the same agency type nationally and within
the province. Agencies without a score are counted apart, never ranked as zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ita_report.errors import InputError, file_problem
from ita_report.explore.tables import UNKNOWN_GROUP, Roster, YearScores

GroupKind = Literal["national", "org_type", "province", "org_type_in_province"]


@dataclass(frozen=True)
class PeerGroup:
    """One comparison group (กลุ่มเปรียบเทียบ) and the agency's place in it.

    ``percentile``: the share (0–100) of the group scoring at or below the agency;
    ``rank``: 1 for the highest score, ties sharing the better rank.
    """

    kind: GroupKind
    label_th: str
    size: int
    without_score: int
    rank: int | None
    percentile: float | None
    mean: float | None
    median: float | None
    best: float | None
    worst: float | None
    passing: int


@dataclass(frozen=True)
class PeerPosition:
    """An agency's position in one fiscal year (ตำแหน่งเทียบกับหน่วยงานอื่น)."""

    org_id: str
    org_name: str
    fiscal_year: int
    measure: str
    score: float | None
    level: str | None
    org_type: str
    province: str
    national: PeerGroup
    same_type: PeerGroup
    same_province: PeerGroup
    same_type_in_province: PeerGroup

    @property
    def groups(self) -> tuple[PeerGroup, ...]:
        return (self.national, self.same_type, self.same_province, self.same_type_in_province)


def _measure(ys: YearScores, measure: str) -> pd.Series:
    for frame in (ys.tools, ys.indicators, ys.items):
        if measure in frame.columns and measure != "level":
            return frame[measure].astype(np.float64)
    raise ValueError(f"unknown measure {measure!r}: use ITA, IIT, EIT, OIT, ind1–ind10 or an item")


def _group(
    kind: GroupKind, label: str, scores: pd.Series, score: float | None, target: float
) -> PeerGroup:
    present = scores.dropna().to_numpy()
    size = len(present)
    if size == 0:
        return PeerGroup(kind, label, 0, len(scores), None, None, None, None, None, None, 0)
    rank = percentile = None
    if score is not None:
        rank = int((present > score).sum()) + 1
        percentile = round(100.0 * float((present <= score).sum()) / size, 2)
    return PeerGroup(
        kind, label, size, len(scores) - size, rank, percentile, float(present.mean()),
        float(np.median(present)), float(present.max()), float(present.min()),
        int((present >= target).sum()),
    )


def peer_position(
    ys: YearScores,
    roster: Roster,
    org_id: str,
    *,
    measure: str = "ITA",
    org_type: str | None = None,
    province: str | None = None,
) -> PeerPosition:
    """Percentile and rank of ``org_id`` nationally, in its type, province, and both.

    ``org_type`` / ``province`` override the roster (for an agency the roster lacks).
    """
    if org_id not in ys:
        raise InputError(
            file_problem("(scores)", f"ไม่มีคะแนนของหน่วยงาน {org_id} ปีงบประมาณ {ys.fiscal_year}",
                         f"no scores for agency {org_id} in FY{ys.fiscal_year}",
                         column="org_id", value=org_id)
        )
    values = _measure(ys, measure)
    kind = org_type or roster.org_type(org_id)
    place = province or roster.province(org_id)
    types = roster.groups(ys.org_ids, "org_type")
    provinces = roster.groups(ys.org_ids, "province")
    types.loc[org_id], provinces.loc[org_id] = kind, place
    own = values.loc[org_id]
    score = None if own != own else float(own)
    same_type = (types == kind).to_numpy()
    same_place = (provinces == place).to_numpy()
    level = ys.tools.at[org_id, "level"]
    return PeerPosition(
        org_id=org_id,
        org_name=str(ys.names.get(org_id, "")),
        fiscal_year=ys.fiscal_year,
        measure=measure,
        score=score,
        level=str(level) if level else None,
        org_type=kind,
        province=place,
        national=_group("national", "ทั่วประเทศ", values, score, ys.target),
        same_type=_group("org_type", f"{kind} ทั่วประเทศ", values[same_type], score, ys.target),
        same_province=_group("province", f"จังหวัด{place}" if place != UNKNOWN_GROUP else place,
                             values[same_place], score, ys.target),
        same_type_in_province=_group("org_type_in_province", f"{kind} ในจังหวัด{place}",
                                     values[same_type & same_place], score, ys.target),
    )


def peer_table(ys: YearScores, roster: Roster, *, measure: str = "ITA") -> pd.DataFrame:
    """Every agency's percentile at once, by org_id: score, org_type, province,
    ``pct_type``, ``rank_type``, ``pct_province``, ``rank_province`` (NaN without a score)."""
    frame = pd.DataFrame({
        "score": _measure(ys, measure),
        "org_type": roster.groups(ys.org_ids, "org_type"),
        "province": roster.groups(ys.org_ids, "province"),
    })
    for column, suffix in (("org_type", "type"), ("province", "province")):
        grouped = frame.groupby(column, sort=False)["score"]
        # rank(method="max", pct=True) is the share of the group at or below the score.
        frame[f"pct_{suffix}"] = (grouped.rank(method="max", pct=True) * 100).round(2)
        frame[f"rank_{suffix}"] = grouped.rank(method="min", ascending=False)
    return frame
