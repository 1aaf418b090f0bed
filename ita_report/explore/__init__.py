"""Exploring ITA results (การสำรวจผลการประเมิน): an agency across years, against its peers,
the national picture of a year, and the follow-up of last year's measures.

Pure functions of loaded scores, for the exploration notebooks and the CLI; nothing here writes
a report, and missing data is never counted as zero.
"""

from __future__ import annotations

from ita_report.explore.follow_up import (
    FollowedItem,
    FollowedTheme,
    FollowUp,
    ItemMovement,
    Movement,
    follow_up_from_params,
    item_movement,
    measures_follow_up,
)
from ita_report.explore.overview import (
    Distribution,
    ItemShare,
    LevelRow,
    LevelTable,
    YearOverview,
    year_overview,
)
from ita_report.explore.peers import PeerGroup, PeerPosition, peer_position, peer_table
from ita_report.explore.tables import (
    NO_LEVEL,
    UNKNOWN_GROUP,
    Roster,
    ScorePanel,
    YearScores,
    load_panel,
    load_roster,
    load_scores_any,
    save_parquet,
    year_scores,
)
from ita_report.explore.trend import AgencyTrend, TrendLine, agency_trend

__all__ = [
    "NO_LEVEL",
    "UNKNOWN_GROUP",
    "AgencyTrend",
    "Distribution",
    "FollowUp",
    "FollowedItem",
    "FollowedTheme",
    "ItemMovement",
    "ItemShare",
    "LevelRow",
    "LevelTable",
    "Movement",
    "PeerGroup",
    "PeerPosition",
    "Roster",
    "ScorePanel",
    "TrendLine",
    "YearOverview",
    "YearScores",
    "agency_trend",
    "follow_up_from_params",
    "item_movement",
    "load_panel",
    "load_roster",
    "load_scores_any",
    "measures_follow_up",
    "peer_position",
    "peer_table",
    "save_parquet",
    "year_overview",
    "year_scores",
]
