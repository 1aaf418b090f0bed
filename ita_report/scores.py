"""Score files as people have them: CSV or XLSX, long or wide, item or indicator codes.

CONTRACT (implementation in progress). Loading never misreads in silence: every value is either
a score in 0–100, an explicit blank (missing, never zero), or an InputError naming the file,
row/cell, column and value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

#: Columns of ScoreTable.frame, in order.
COLUMNS = ("org_id", "org_name", "fiscal_year", "code", "score", "where")


@dataclass(frozen=True)
class AgencyScores:
    """The scores of one agency (หน่วยงาน) in one fiscal year, keyed by normalised code.

    ``scores`` maps ``"i14"`` / ``"ind9"`` to a float, or to ``None`` where the file had the
    code with an empty cell. ``extra`` holds codes the caller declared as outside the
    framework (the seed cites i37 and i48).
    """

    org_id: str
    org_name: str
    fiscal_year: int
    scores: dict[str, float | None]
    extra: dict[str, float | None] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True)
class ScoreTable:
    """All rows of a score file, tidy: one row per agency, year and code."""

    path: Path
    frame: pd.DataFrame  # columns: COLUMNS; score is float with NaN for an explicit blank

    def agencies(self) -> list[tuple[str, int]]:
        """(org_id, fiscal_year) pairs in file order."""
        raise NotImplementedError

    def for_agency(self, org_id: str, fiscal_year: int) -> AgencyScores:
        raise NotImplementedError


def load_scores(
    path: str | Path,
    *,
    year: int | None = None,
    extra_codes: Iterable[str] = (),
) -> ScoreTable:
    """Read a score file; raise ``InputError`` listing every problem found."""
    raise NotImplementedError
