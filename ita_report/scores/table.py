"""ScoreTable: the tidy rows of a score file, one per agency, year and code; and AgencyScores,
the scores of one agency (หน่วยงาน) in one year.

Whatever the file looked like, a table holds scores in 0–100 or NaN (no data, never zero);
nothing here reads a file.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import load_framework
from ita_report.scores.cells import clean_org_id

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
    #: The agency's own wording of items (a template's tool sheets), code → text.
    item_texts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Group:
    org_name: str
    codes: npt.NDArray[np.object_]
    scores: npt.NDArray[np.float64]
    is_extra: npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)  # a DataFrame has no truth value to compare by
class ScoreTable:
    """All rows of a score file, tidy: one row per agency, year and code.

    ``ignored_columns`` are headers that are neither a known column nor a code (the CLI tells
    the user); ``extra_codes`` are the declared codes outside the framework.
    """

    path: Path
    frame: pd.DataFrame  # columns: COLUMNS; score is float with NaN for an explicit blank
    ignored_columns: tuple[str, ...] = ()
    extra_codes: frozenset[str] = frozenset()
    layout: str = "long"  # "long", "wide" or "template" (ita_report.scores.template)
    encoding: str | None = None  # None for XLSX
    #: Wording a template's tool sheets give for its one agency where it is not the framework's.
    item_texts: dict[str, str] = field(default_factory=dict)

    def agencies(self) -> list[tuple[str, int]]:
        """(org_id, fiscal_year) pairs in file order."""
        return list(self._index)

    def years(self) -> list[int]:
        """Fiscal years present, ascending."""
        return sorted({y for _, y in self._index})

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def for_agency(self, org_id: str, fiscal_year: int) -> AgencyScores:
        """The scores of one agency and year; ``InputError`` if the file has none."""
        key = (clean_org_id(str(org_id)), int(fiscal_year))
        group = self._index.get(key)
        if group is None:
            raise InputError(self._not_found(*key))
        scores: dict[str, float | None] = {}
        extra: dict[str, float | None] = {}
        for code, value, is_extra in zip(
            group.codes.tolist(), group.scores.tolist(), group.is_extra.tolist(), strict=True
        ):
            (extra if is_extra else scores)[code] = None if value != value else value
        return AgencyScores(
            org_id=key[0],
            org_name=group.org_name,
            fiscal_year=key[1],
            scores=scores,
            extra=extra,
            source=str(self.path),
            item_texts=dict(self.item_texts),
        )

    @functools.cached_property
    def _index(self) -> dict[tuple[str, int], _Group]:
        # Grouped once so a batch of 8,300 agencies costs one sort, not 8,300 frame scans.
        frame = self.frame
        if frame.empty:
            return {}
        org_ids, org_uniques = pd.factorize(frame["org_id"].to_numpy(dtype=object))
        years = frame["fiscal_year"].to_numpy(dtype=np.int64)
        year_ids, year_uniques = pd.factorize(years)
        key = org_ids.astype(np.int64) * len(year_uniques) + year_ids
        order = np.argsort(key, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(key[order]) != 0])
        codes = frame["code"].to_numpy(dtype=object)
        scores = frame["score"].to_numpy(dtype=np.float64)
        names = frame["org_name"].to_numpy(dtype=object)
        is_extra = self._extra_mask(codes, years)
        groups: dict[int, _Group] = {}
        for pos in np.split(order, starts[1:]):
            groups[int(key[pos[0]])] = _Group(
                org_name=str(names[pos[0]]),
                codes=codes[pos],
                scores=scores[pos],
                is_extra=is_extra[pos],
            )
        # Keys in order of first appearance, which is file order.
        first_seen = pd.unique(key)
        return {
            (str(org_uniques[k // len(year_uniques)]), int(year_uniques[k % len(year_uniques)])): (
                groups[int(k)]
            )
            for k in first_seen
        }

    def _extra_mask(
        self, codes: npt.NDArray[np.object_], years: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.bool_]:
        mask = np.zeros(len(codes), dtype=bool)
        if not self.extra_codes:
            return mask
        for year in np.unique(years).tolist():
            known = load_framework(int(year)).known_codes()
            declared = sorted(self.extra_codes - known)
            mask |= (years == year) & np.isin(codes, np.array(declared, dtype=object))
        return mask

    def _not_found(self, org_id: str, fiscal_year: int) -> Problem:
        years = sorted(y for o, y in self._index if o == org_id)
        if years:
            listed = ", ".join(str(y) for y in years)
            return file_problem(
                self.path,
                f"ไม่มีคะแนนของหน่วยงาน {org_id} ปีงบประมาณ {fiscal_year}",
                f"has no scores for agency {org_id} in fiscal year {fiscal_year}",
                column="fiscal_year",
                value=fiscal_year,
                expected_th=f"ปีที่มีในไฟล์: {listed}",
                expected_en=f"one of the years the file has for this agency: {listed}",
            )
        close = difflib.get_close_matches(org_id, sorted({o for o, _ in self._index}), n=3)
        return file_problem(
            self.path,
            f"ไม่มีหน่วยงานรหัส {org_id} ในไฟล์",
            f"has no agency with org_id {org_id}",
            column="org_id",
            value=org_id,
            expected_th=("รหัสที่ใกล้เคียง: " + ", ".join(close)) if close else None,
            expected_en=("one of the nearest: " + ", ".join(close)) if close else None,
        )
