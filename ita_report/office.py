"""What the Word and Excel files share: the Thai font they are set in and its sizes.

Officers' machines usually have TH Sarabun New (the government's standard font); this project
ships Sarabun. The choice is made once per process and never changes a global setting.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

#: Preferred first: the font Thai government documents are typed in, where it is installed.
PREFERRED_FAMILIES = ("TH Sarabun New", "THSarabunNew")
FALLBACK_FAMILY = "Sarabun"


@dataclass(frozen=True)
class OfficeFont:
    """A Thai font (แบบอักษร) and its sizes in points.

    TH Sarabun New draws its glyphs about a third smaller than Sarabun at the same point size,
    so each family has its own sizes: 16 pt TH Sarabun New reads like 12 pt Sarabun.
    """

    name: str
    body_pt: float
    table_pt: float
    title_pt: float
    heading_pt: float


_TH_SARABUN_NEW = OfficeFont("TH Sarabun New", body_pt=16, table_pt=14, title_pt=22, heading_pt=18)
_SARABUN = OfficeFont(FALLBACK_FAMILY, body_pt=12, table_pt=10.5, title_pt=16, heading_pt=13)


@functools.cache
def office_font() -> OfficeFont:
    """TH Sarabun New where this machine has it installed, else Sarabun."""
    try:
        from matplotlib import font_manager

        installed = {entry.name for entry in font_manager.fontManager.ttflist}
    except Exception:  # no font cache to read: the shipped font is always a safe answer
        installed = set()
    if any(name in installed for name in PREFERRED_FAMILIES):
        return _TH_SARABUN_NEW
    return _SARABUN
