"""Score tables at national scale: Parquet files, the agency roster, and vectorised roll-ups.

``YearScores`` holds one fiscal year of every agency as frames (items, indicators, tools) rolled
up by the roll-up ``gaps.assess`` uses, over numpy columns of all agencies at once. Missing data
stays NaN, never zero; nothing here writes a report or guesses an agency's type or province.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from ita_report.errors import InputError, file_problem
from ita_report.framework import Framework, load_framework
from ita_report.gaps import roll_up_indicator, roll_up_tool
from ita_report.iorw import atomic_path
from ita_report.roster import FOR_GROUPS, read_agencies
from ita_report.scores import ScoreTable, load_scores
from ita_report.scores.parquet import PARQUET_SUFFIXES, load_parquet

#: The label of agencies whose type or province the roster does not give (ไม่ทราบ).
UNKNOWN_GROUP = "ไม่ทราบ"
#: The level shown for an agency without an ITA score (missing data): never a level by zero.
NO_LEVEL = "ไม่มีข้อมูล"
TOOL_CODES = ("IIT", "EIT", "OIT")


def as_float(value: object) -> float | None:
    """A cell as a score: ``None`` for NaN, None or anything not a number (no data, not zero)."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        number = float(value)
        return None if number != number else number
    return None


def _need_pyarrow(purpose_th: str, purpose_en: str) -> None:
    # pyarrow comes with the batch extra: an officer's install reads CSV and XLSX only.
    from ita_report.extras import require

    require("pyarrow", purpose_th=purpose_th, purpose_en=purpose_en)


# -- reading ----------------------------------------------------------------------------------
def load_scores_any(
    path: str | Path, *, year: int | None = None, extra_codes: Iterable[str] = ()
) -> ScoreTable:
    """``scores.load_scores`` for CSV and XLSX, and the same for Parquet (tidy or wide).

    A Parquet file's cells go through the very checks a CSV's do (codes, 0–100, blanks, repeats),
    so a bad value gets the same error naming row, column and value.
    """
    file = Path(path)
    if file.suffix.lower() not in PARQUET_SUFFIXES:
        return load_scores(file, year=year, extra_codes=extra_codes)
    return load_parquet(file, year=year, extra_codes=extra_codes)


def save_parquet(table: ScoreTable, path: str | Path, *, layout: str = "wide") -> Path:
    """Write a loaded table as Parquet (``wide``: one column per code; ``long``: tidy rows)."""
    frame = table.frame.drop(columns=["where"])
    if layout == "wide":
        frame = _wide(frame)
    elif layout != "long":
        raise ValueError(f"layout must be 'wide' or 'long', not {layout!r}")
    target = Path(path)
    _need_pyarrow("เขียนไฟล์ Parquet", "Writing a Parquet file")
    with atomic_path(target) as tmp:
        frame.to_parquet(tmp, index=False)
    return target


def _wide(tidy: pd.DataFrame) -> pd.DataFrame:
    # pivot_table would build every org × name × year combination; only real rows are wanted.
    keys = tidy["org_id"].astype(str) + "\x1f" + tidy["fiscal_year"].astype(str)
    row, uniques = pd.factorize(keys)
    col, codes = pd.factorize(tidy["code"])
    matrix = np.full((len(uniques), len(codes)), np.nan)
    matrix[row, col] = tidy["score"].to_numpy(dtype=np.float64)
    first = tidy.groupby(row, sort=True)[["org_id", "org_name", "fiscal_year"]].first()
    scores = pd.DataFrame(matrix, columns=[str(c) for c in codes])
    return pd.concat([first.reset_index(drop=True), scores], axis=1)


# -- the roster -------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)  # a DataFrame has no truth value to compare by
class Roster:
    """Who the agencies are (ทะเบียนหน่วยงาน): type (ประเภท) and province (จังหวัด) per org_id.

    ``frame`` is indexed by org_id with columns org_name, short_name, org_type, province.
    """

    path: Path
    frame: pd.DataFrame

    def org_type(self, org_id: str) -> str:
        return self._field(org_id, "org_type")

    def province(self, org_id: str) -> str:
        return self._field(org_id, "province")

    def _field(self, org_id: str, column: str) -> str:
        if org_id not in self.frame.index:
            return UNKNOWN_GROUP
        return str(self.frame.at[org_id, column]) or UNKNOWN_GROUP

    def groups(self, org_ids: pd.Index, column: str) -> pd.Series:
        """``org_type`` or ``province`` of each id, ``ไม่ทราบ`` where the roster has none."""
        found = self.frame[column].reindex(org_ids)
        return found.where(found.notna() & (found != ""), UNKNOWN_GROUP).astype(object)


ROSTER_COLUMNS = ("org_id", "org_name", "short_name", "org_type", "province")


def load_roster(path: str | Path) -> Roster:
    """Read ``agencies.csv`` (as ``ita-report synth`` writes it), XLSX or Parquet.

    Needs org_id, org_type and province; org_name and short_name are optional. A repeated
    org_id is an error naming both rows (``roster.read_agencies``).
    """
    agencies = read_agencies(path, required=FOR_GROUPS, filled=("org_id",))
    frame = pd.DataFrame(list(map(attrgetter(*ROSTER_COLUMNS), agencies)),
                         columns=list(ROSTER_COLUMNS)).astype(str)
    return Roster(Path(path), frame.set_index("org_id"))


# -- one year, every agency -------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class YearScores:
    """Every agency's result in one fiscal year (ผลการประเมินทุกหน่วยงาน), as frames by org_id.

    ``items``: one column per framework item, in framework order (NaN = no data).
    ``indicators``: ``ind1`` … ``ind10`` (an indicator given in the file wins, as in ``assess``).
    ``tools``: IIT, EIT, OIT, ITA (float) and ``level`` (str, or None without an ITA).
    """

    fiscal_year: int
    framework: Framework
    target: float
    names: pd.Series
    items: pd.DataFrame
    indicators: pd.DataFrame
    tools: pd.DataFrame

    @property
    def org_ids(self) -> pd.Index:
        return self.items.index

    def __len__(self) -> int:
        return len(self.items.index)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self.items.index

    def restricted(self, org_ids: pd.Index | Sequence[str]) -> YearScores:
        """The same year for a subset of agencies (a province, a type)."""
        keep = self.items.index.intersection(pd.Index(org_ids), sort=False)
        return YearScores(self.fiscal_year, self.framework, self.target, self.names.loc[keep],
                          self.items.loc[keep], self.indicators.loc[keep], self.tools.loc[keep])

    @functools.cached_property
    def level_names(self) -> tuple[str, ...]:
        """The year's levels, best first, as the framework lists them."""
        return tuple(level.name for level in self.framework.levels)


def year_scores(
    table: ScoreTable,
    year: int,
    *,
    framework: Framework | None = None,
    target: float | None = None,
) -> YearScores:
    """Roll up every agency of ``year`` in ``table`` at once (ITA = Σ weight × tool score).

    Agrees with ``gaps.assess`` agency by agency, through the same roll-up: an indicator is the
    mean of its items with data (indicator 9 the mean of its sub-indicators), a tool the mean of
    its indicators with data, the ITA only when every tool has a score, the level from
    ``Framework.level_for``.
    """
    fw = framework or load_framework(year)
    goal = fw.target if target is None else float(target)
    frame = table.frame
    wanted = ["org_id", "org_name", "code", "score"]
    rows = frame.loc[frame["fiscal_year"].to_numpy() == year, wanted]
    org_codes, org_ids = pd.factorize(rows["org_id"].to_numpy(dtype=object))
    index = pd.Index([str(o) for o in org_ids], name="org_id")
    names = (
        pd.Series(rows["org_name"].to_numpy(dtype=object), dtype=object)
        .groupby(org_codes).first().set_axis(index)
        if len(rows) else pd.Series([], index=index, dtype=object)
    )
    item_codes = [item.code for item in fw.items()]
    indicator_codes = [ind.code for ind in fw.indicators()]
    columns = {code: pos for pos, code in enumerate(item_codes + indicator_codes)}
    code_ids, code_uniques = pd.factorize(rows["code"].to_numpy(dtype=object))
    col = np.array([columns.get(str(c), -1) for c in code_uniques], dtype=np.intp)[code_ids]
    known = col >= 0  # declared extra codes are not framework items: left out of the roll-up
    matrix = np.full((len(index), len(columns)), np.nan)
    # A later repeat would overwrite an earlier one; load_scores has already refused repeats.
    matrix[org_codes[known], col[known]] = rows["score"].to_numpy(dtype=np.float64)[known]
    items = pd.DataFrame(matrix[:, : len(item_codes)], index=index, columns=item_codes)
    given = matrix[:, len(item_codes):]

    position = {code: pos for pos, code in enumerate(item_codes)}
    values = matrix[:, : len(item_codes)]
    ind_scores = np.full((len(index), len(indicator_codes)), np.nan)
    for k, ind in enumerate(fw.indicators()):
        # gaps' roll-up, one column of every agency at a time.
        computed = roll_up_indicator(ind, lambda code: values[:, position[code]], _columns_mean)
        ind_scores[:, k] = np.where(np.isnan(given[:, k]), computed, given[:, k])
    indicators = pd.DataFrame(ind_scores, index=index, columns=indicator_codes)

    tool_scores = np.column_stack([
        roll_up_tool(tool, lambda i: ind_scores[:, indicator_codes.index(i.code)], _columns_mean)
        for tool in fw.tools
    ])
    ita = np.zeros(len(index))
    for k, tool in enumerate(fw.tools):
        ita = ita + tool.weight * tool_scores[:, k]  # same order of addition as assess
    tools = pd.DataFrame(tool_scores, index=index, columns=[t.code for t in fw.tools])
    tools["ITA"] = ita
    # object dtype keeps None (no level: missing data); pandas 3 would infer str and NaN.
    tools["level"] = pd.Series(_levels(fw, tool_scores, ita), index=index, dtype=object)
    return YearScores(int(year), fw, goal, names, items, indicators, tools)


def _columns_mean(columns: Sequence[npt.NDArray[np.float64]]) -> npt.NDArray[np.float64]:
    return _row_mean(np.column_stack(columns))


def _row_mean(block: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Mean of each row over the values present; NaN where a row has none (never zero)."""
    present = ~np.isnan(block)
    count = present.sum(axis=1)
    total = np.where(present, block, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _levels(
    fw: Framework, tool_scores: npt.NDArray[np.float64], ita: npt.NDArray[np.float64]
) -> npt.NDArray[np.object_]:
    out = np.full(len(ita), None, dtype=object)
    codes = [t.code for t in fw.tools]
    # Few distinct (ITA, tools) rows need the framework's own rule; Python's round() at two
    # decimals is what level_for compares, so it is called, not re-implemented.
    for i in np.flatnonzero(~np.isnan(ita)).tolist():
        scores = dict(zip(codes, tool_scores[i].tolist(), strict=True))
        out[i] = fw.level_for(float(ita[i]), scores).name
    return out


# -- several years ----------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class ScorePanel:
    """Several fiscal years of scores (คะแนนหลายปี), one ``YearScores`` per year, ascending."""

    years: tuple[YearScores, ...]

    @property
    def fiscal_years(self) -> tuple[int, ...]:
        return tuple(y.fiscal_year for y in self.years)

    def year(self, fiscal_year: int) -> YearScores:
        for ys in self.years:
            if ys.fiscal_year == fiscal_year:
                return ys
        listed = ", ".join(str(y) for y in self.fiscal_years) or "-"
        raise KeyError(f"no scores for FY{fiscal_year}; the panel has {listed}")


def load_panel(
    paths: Sequence[str | Path],
    *,
    years: Sequence[int] | None = None,
    extra_codes: Iterable[str] = (),
    target: float | None = None,
) -> ScorePanel:
    """Load score files (CSV, XLSX or Parquet; one or several years each) into a panel.

    With ``years``, only those fiscal years are kept; a year found in two files is an error.
    """
    extras = tuple(extra_codes)
    found: dict[int, tuple[Path, ScoreTable]] = {}
    for path in paths:
        table = load_scores_any(path, extra_codes=extras)
        for year in table.years():
            if years is not None and year not in years:
                continue
            if year in found:
                raise InputError(
                    file_problem(path, f"มีคะแนนปี {year} ซ้ำกับไฟล์ {found[year][0]}",
                                 f"has FY{year} scores, as {found[year][0]} does",
                                 column="fiscal_year", value=year,
                                 expected_th="ปีละหนึ่งไฟล์", expected_en="each year in one file")
                )
            found[year] = (Path(path), table)
    return ScorePanel(tuple(year_scores(found[y][1], y, target=target) for y in sorted(found)))
