"""Exploring ITA results (การสำรวจผลการประเมิน): an agency across years, against its peers,
the national picture of a year, and the follow-up of last year's measures.

Pure functions of loaded scores, for the exploration notebooks and the CLI (``agency_view`` /
``national_view`` build what each notebook shows; ``show_*`` display it); nothing here writes a
report, and missing data is never counted as zero.
"""

from __future__ import annotations

from ita_report.explore.follow_up import (
    DocumentScore,
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
from ita_report.explore.params import (
    AgencyExploreParams,
    NationalExploreParams,
    load_explore_params,
    params_from_namespace,
)
from ita_report.explore.peers import PeerGroup, PeerPosition, peer_position, peer_table
from ita_report.explore.show import (
    show_agency,
    show_agency_follow_up,
    show_agency_header,
    show_agency_peers,
    show_agency_trend,
    show_national,
    show_national_distribution,
    show_national_header,
    show_national_levels,
    show_national_movement,
    show_national_trend,
    show_national_weakest,
)
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
from ita_report.explore.views import (
    AgencySources,
    AgencyView,
    FollowUpSection,
    NationalData,
    NationalView,
    agency_view,
    load_agency_sources,
    load_national,
    national_view,
)
from ita_report.explore.widgets import Board, agency_board, national_board

__all__ = [
    "NO_LEVEL",
    "UNKNOWN_GROUP",
    "AgencyExploreParams",
    "AgencySources",
    "AgencyTrend",
    "AgencyView",
    "Board",
    "Distribution",
    "DocumentScore",
    "FollowUp",
    "FollowUpSection",
    "FollowedItem",
    "FollowedTheme",
    "ItemMovement",
    "ItemShare",
    "LevelRow",
    "LevelTable",
    "Movement",
    "NationalData",
    "NationalExploreParams",
    "NationalView",
    "PeerGroup",
    "PeerPosition",
    "Roster",
    "ScorePanel",
    "TrendLine",
    "YearOverview",
    "YearScores",
    "agency_board",
    "agency_trend",
    "agency_view",
    "follow_up_from_params",
    "item_movement",
    "load_agency_sources",
    "load_explore_params",
    "load_national",
    "load_panel",
    "load_roster",
    "load_scores_any",
    "measures_follow_up",
    "national_board",
    "national_view",
    "params_from_namespace",
    "peer_position",
    "peer_table",
    "save_parquet",
    "show_agency",
    "show_agency_follow_up",
    "show_agency_header",
    "show_agency_peers",
    "show_agency_trend",
    "show_national",
    "show_national_distribution",
    "show_national_header",
    "show_national_levels",
    "show_national_movement",
    "show_national_trend",
    "show_national_weakest",
    "year_overview",
    "year_scores",
]
