"""Kept for the modules not yet moved to :mod:`ita_report.gaps` (report, batch, cli, measures…).

Re-exports only; new code imports ``ita_report.gaps``. Delete once nothing imports it.
"""

from ita_report.gaps import (
    Assessment,
    IndicatorResult,
    ItemResult,
    Status,
    ToolResult,
    assess,
    item_status,
)

__all__ = ["Assessment", "IndicatorResult", "ItemResult", "Status", "ToolResult", "assess",
           "item_status"]
