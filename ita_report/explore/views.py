"""What each exploration notebook shows, computed in one call from its params (มุมมองการสำรวจ).

``agency_view``: an agency's trend, its place among peers and the follow-up of its measures;
``national_view``: one year's picture of every agency (or a province, a type). Loaded data is
kept on the view so the notebooks' widgets re-compute without reading files again. Nothing here
displays or writes anything, and a missing score is never counted as zero.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ita_report.catalogue import Catalogue
from ita_report.crosswalk import Crosswalk, load_crosswalk
from ita_report.errors import InputError, file_problem
from ita_report.explore.follow_up import FollowUp, ItemMovement, item_movement, measures_follow_up
from ita_report.explore.overview import YearOverview, year_overview
from ita_report.explore.params import AgencyExploreParams, NationalExploreParams
from ita_report.explore.peers import PeerPosition, peer_position
from ita_report.explore.tables import (
    UNKNOWN_GROUP,
    Roster,
    ScorePanel,
    YearScores,
    load_roster,
    load_scores_any,
    year_scores,
)
from ita_report.explore.trend import AgencyTrend, agency_trend
from ita_report.params import ReportParams, load_params, validate_params
from ita_report.report import build_document
from ita_report.scores import ScoreTable
from ita_report.thai import digits

#: The column ``ita-report synth`` writes on every row: data carrying it is synthetic.
SYNTHETIC_COLUMN = "data_note"


# -- loaded data ------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class LoadedYears:
    """Score files read once: each fiscal year's table and its roll-up of every agency."""

    label: str  # the files or folder, as shown on the page
    tables: dict[int, ScoreTable]
    years: dict[int, YearScores]
    synthetic: bool

    def get(self, year: int) -> YearScores | None:
        return self.years.get(year)


@dataclass(frozen=True, eq=False)
class NationalData:
    """National scores (ข้อมูลระดับประเทศ) and the roster giving each agency's type and province."""

    scores: LoadedYears
    roster: Roster


def load_years(
    paths: Iterable[Path],
    *,
    label: str,
    extra_codes: Sequence[str] = (),
    target: float | None = None,
) -> LoadedYears:
    """Read score files (CSV, XLSX or Parquet), one or several years each; a year in two files
    is an error naming both."""
    tables: dict[int, ScoreTable] = {}
    years: dict[int, YearScores] = {}
    synthetic = False
    for path in dict.fromkeys(Path(p).resolve() for p in paths):
        table = load_scores_any(path, extra_codes=extra_codes)
        synthetic |= SYNTHETIC_COLUMN in table.ignored_columns
        for year in table.years():
            if year in tables:
                raise InputError(
                    file_problem(path, f"มีคะแนนปี {year} ซ้ำกับไฟล์ {tables[year].path}",
                                 f"has FY{year} scores, as {tables[year].path} does",
                                 column="fiscal_year", value=year,
                                 expected_th="ปีละหนึ่งไฟล์", expected_en="each year in one file")
                )
            tables[year] = table
            years[year] = year_scores(table, year, target=target)
    return LoadedYears(label, tables, years, synthetic)


def load_national(params: AgencyExploreParams | NationalExploreParams) -> NationalData | None:
    """The national data the params name (``None`` if they name none)."""
    if not params.has_national:
        return None
    scores, roster = params.national_files()
    # Names, not paths: a published page should not show the analyst's folders.
    label = (Path(params.national_dir).name if params.national_dir
             else ", ".join(Path(p).name for p in params.national_scores))
    target = params.target if isinstance(params, AgencyExploreParams) else None
    return NationalData(load_years(scores, label=label, target=target), load_roster(roster))


# -- an agency across years -------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class AgencySources:
    """What ``agency_view`` reads: the agency's report params per year, its own score files,
    and the national data for peers. Loaded once; reused when a widget picks another agency."""

    report_params: dict[int, ReportParams]
    own: LoadedYears
    national: NationalData | None


def load_agency_sources(params: AgencyExploreParams) -> AgencySources:
    """Read every params and score file ``params`` names; a params file for another agency or
    a year outside ``years`` is an error naming it."""
    report_params: dict[int, ReportParams] = {}
    for written in params.params_files:
        path = params.resolve(written)
        rp = load_params(path)
        if rp.org_id != params.org_id:
            raise InputError(
                file_problem(path, f"เป็นไฟล์พารามิเตอร์ของหน่วยงาน {rp.org_id} ไม่ใช่ {params.org_id}",
                             f"is for agency {rp.org_id}, not {params.org_id}", column="org_id",
                             value=rp.org_id, expected_th=f"org_id: {params.org_id}",
                             expected_en=f"org_id: {params.org_id}")
            )
        if rp.fiscal_year in report_params:
            raise InputError(
                file_problem(path, f"มีไฟล์พารามิเตอร์ปี {rp.fiscal_year} มากกว่าหนึ่งไฟล์",
                             f"a second params file for FY{rp.fiscal_year}",
                             column="fiscal_year", value=rp.fiscal_year)
            )
        report_params[rp.fiscal_year] = rp
    extras = tuple(dict.fromkeys(
        [*params.extra_codes, *(c for rp in report_params.values() for c in rp.extra_codes)]
    ))
    files = [rp.scores_path for rp in report_params.values()]
    files += [params.resolve(p) for p in params.score_files]
    own = load_years(files, label=", ".join(p.name for p in files),
                     extra_codes=extras, target=params.target)
    return AgencySources(report_params, own, load_national(params))


@dataclass(frozen=True)
class FollowUpSection:
    """The follow-up of one year's measures into the next (การติดตามผลมาตรการ) and whose
    measures they were: the agency's params file, or the catalogue's default measures."""

    follow_up: FollowUp
    measures_from_th: str


@dataclass(frozen=True, eq=False)
class AgencyView:
    """Everything the agency notebook shows (มุมมองรายหน่วยงาน)."""

    params: AgencyExploreParams
    org_id: str
    org_name: str
    org_type: str
    province: str
    trend: AgencyTrend
    peers: tuple[PeerPosition, ...]
    peers_note_th: str
    follow_ups: tuple[FollowUpSection, ...]
    follow_up_note_th: str
    synthetic: bool  # the agency's own scores shown are synthetic
    peers_synthetic: bool  # the agencies it is compared with are
    sources: AgencySources = field(repr=False)

    @property
    def years(self) -> tuple[int, ...]:
        return self.trend.years

    @property
    def thai_digits(self) -> bool:
        return self.params.thai_digits

    @property
    def target(self) -> float:
        return self.params.target

    @property
    def title(self) -> str:
        first, last = self.years[0], self.years[-1]
        span = str(first) if first == last else f"{first}–{last}"
        span = digits(span, thai=self.thai_digits)
        return f"ผลการประเมิน ITA ของ{self.org_name or self.org_id} ปีงบประมาณ พ.ศ. {span}"


def agency_view(
    params: AgencyExploreParams,
    *,
    sources: AgencySources | None = None,
    crosswalk: Crosswalk | None = None,
    catalogue: Catalogue | None = None,
) -> AgencyView:
    """The agency notebook's view: trend over ``params.years`` (when not given, every year the
    data scores the agency in), peers in each year the national data has, and the follow-up of
    each year's measures into the next year.

    An agency's own score files win over the national data for the same year. The measures
    followed up are those of the agency's params file for that year, else the catalogue's
    default measures (said so on the page).

    >>> view = agency_view(load_explore_params("params/explore-chaemae.yaml"))  # doctest: +SKIP
    """
    src = sources or load_agency_sources(params)
    cw = crosswalk or load_crosswalk()
    org_id = params.org_id
    national = src.national
    chosen: list[YearScores] = []
    missing = []
    for year in params.years or _years_with(org_id, src):
        options = [src.own.get(year), national.scores.get(year) if national else None]
        present = [ys for ys in options if ys is not None]
        if not present:
            missing.append(year)
            continue
        chosen.append(next((ys for ys in present if org_id in ys), present[0]))
    if not chosen and not missing:
        raise InputError(
            file_problem(params.source_file, f"ไม่มีคะแนนของหน่วยงาน {org_id} ในไฟล์คะแนนใดเลย",
                         f"no score file has agency {org_id}", column="org_id", value=org_id,
                         expected_th="org_id ที่มีในไฟล์คะแนน (params_files, score_files หรือ "
                                     "national_dir)",
                         expected_en="an org_id the score files have")
        )
    if missing:
        listed = ", ".join(str(y) for y in missing)
        raise InputError(
            file_problem(params.source_file, f"ไม่มีไฟล์คะแนนของปี {listed}",
                         f"no score file has FY{listed}", column="years", value=listed,
                         expected_th="ไฟล์คะแนนของทุกปีใน years (params_files, score_files หรือ "
                                     "national_dir)",
                         expected_en="scores for every year in years")
        )
    trend = agency_trend(ScorePanel(tuple(chosen)), org_id, crosswalk=cw)
    own_params = {y: rp for y, rp in src.report_params.items() if rp.org_id == org_id}
    latest = own_params[max(own_params)] if own_params else None
    roster = national.roster if national else None
    org_type = (latest.org_type if latest and latest.org_type else
                roster.org_type(org_id) if roster else UNKNOWN_GROUP)
    province = (latest.province if latest and latest.province else
                roster.province(org_id) if roster else UNKNOWN_GROUP)
    org_name = (latest.org_name if latest else trend.org_name) or org_id
    peers, peers_note = _peers(params, chosen, national, org_type, province)
    follow_ups, follow_note = _follow_ups(params, chosen, own_params, src, roster, cw, catalogue)
    national_years = national.scores.years.values() if national else ()
    synthetic = any(
        (national is not None and national.scores.synthetic)
        if any(ys is nat for nat in national_years) else src.own.synthetic
        for ys in chosen
    )
    peers_synthetic = bool(peers) and national is not None and national.scores.synthetic
    return AgencyView(params, org_id, org_name, org_type, province, trend, peers, peers_note,
                      follow_ups, follow_note, synthetic, peers_synthetic, src)


def _years_with(org_id: str, src: AgencySources) -> list[int]:
    """Every year in which the agency's own files or the national data score it."""
    found = {y for y, ys in src.own.years.items() if org_id in ys}
    if src.national is not None:
        found |= {y for y, ys in src.national.scores.years.items() if org_id in ys}
    return sorted(found)


def _with_agency(national: YearScores, own: YearScores, org_id: str) -> YearScores:
    """The national year with the agency's own row added (its file is not in the national set)."""
    if org_id in national or org_id not in own:
        return national
    cols = national.items.columns

    def rows(frame: pd.DataFrame, columns: pd.Index) -> pd.DataFrame:
        return frame.loc[[org_id]].reindex(columns=columns)

    return YearScores(
        national.fiscal_year, national.framework, national.target,
        pd.concat([national.names, own.names.loc[[org_id]]]),
        pd.concat([national.items, rows(own.items, cols)]),
        pd.concat([national.indicators, rows(own.indicators, national.indicators.columns)]),
        pd.concat([national.tools, rows(own.tools, national.tools.columns)]),
    )


def _peers(
    params: AgencyExploreParams,
    chosen: Sequence[YearScores],
    national: NationalData | None,
    org_type: str,
    province: str,
) -> tuple[tuple[PeerPosition, ...], str]:
    if national is None:
        return (), ("ไม่ได้ระบุข้อมูลระดับประเทศ (national_dir) จึงไม่มีการเปรียบเทียบกับหน่วยงานอื่น "
                    "(no national data given: no peer comparison)")
    positions = []
    for ys in chosen:
        nat = national.scores.get(ys.fiscal_year)
        if nat is None:
            continue
        combined = _with_agency(nat, ys, params.org_id)
        if params.org_id not in combined:
            continue
        positions.append(peer_position(
            combined, national.roster, params.org_id,
            org_type=None if org_type == UNKNOWN_GROUP else org_type,
            province=None if province == UNKNOWN_GROUP else province,
        ))
    note = "" if positions else (
        f"ข้อมูลระดับประเทศ ({national.scores.label}) ไม่มีปีที่หน่วยงานนี้มีคะแนน "
        "(the national data has no year with this agency's scores)")
    return tuple(positions), note


def _follow_ups(
    params: AgencyExploreParams,
    chosen: Sequence[YearScores],
    own_params: dict[int, ReportParams],
    src: AgencySources,
    roster: Roster | None,
    cw: Crosswalk,
    catalogue: Catalogue | None,
) -> tuple[tuple[FollowUpSection, ...], str]:
    org_id = params.org_id
    sections = []
    for last, this in itertools.pairwise(chosen):
        if org_id not in last or org_id not in this:
            continue
        rp = own_params.get(last.fiscal_year)
        if rp is not None:
            doc = build_document(rp, catalogue=catalogue)
            source = ("มาตรการตามไฟล์พารามิเตอร์รายงานของหน่วยงาน "
                      "(the agency's own measures, from its params file)")
        else:
            table = (src.own.tables.get(last.fiscal_year)
                     if src.own.get(last.fiscal_year) is last
                     else src.national.scores.tables[last.fiscal_year] if src.national else None)
            assert table is not None
            doc = build_document(_default_params(params, last, table, roster), scores=table,
                                 catalogue=catalogue)
            source = ("ไม่มีไฟล์พารามิเตอร์รายงานของปีนั้น จึงใช้มาตรการตามแคตตาล็อก "
                      "(no params file for that year: the catalogue's default measures)")
        sections.append(FollowUpSection(measures_follow_up(doc, this, crosswalk=cw), source))
    note = "" if sections else (
        "ต้องมีคะแนนของหน่วยงานอย่างน้อยสองปีติดกันจึงติดตามผลมาตรการได้ "
        "(the follow-up needs the agency's scores in two consecutive years)")
    return tuple(sections), note


def _default_params(
    params: AgencyExploreParams, ys: YearScores, table: ScoreTable, roster: Roster | None
) -> ReportParams:
    org_id = params.org_id
    name = str(ys.names.get(org_id, "")) or org_id
    short = ""
    if roster is not None and org_id in roster.frame.index:
        short = str(roster.frame.at[org_id, "short_name"])
    return validate_params({
        "org_id": org_id,
        "org_name": name,
        "short_name": short or name,
        "org_type": roster.org_type(org_id) if roster else "",
        "province": roster.province(org_id) if roster else "",
        "fiscal_year": ys.fiscal_year,
        "scores_file": str(table.path),
        "target": params.target,
        "thai_digits": params.thai_digits,
    }, source=params.source_file)


# -- the national picture of a year -----------------------------------------------------------
@dataclass(frozen=True, eq=False)
class NationalView:
    """Everything the national notebook shows (มุมมองระดับประเทศ) for one year and scope."""

    params: NationalExploreParams
    overview: YearOverview
    trend: tuple[YearOverview, ...]  # the same scope in every year of the data, ascending
    previous_year: int | None
    movement: tuple[ItemMovement, ...]  # last year's items below target: passing now?
    synthetic: bool
    data: NationalData = field(repr=False)

    @property
    def fiscal_year(self) -> int:
        return self.overview.fiscal_year

    @property
    def thai_digits(self) -> bool:
        return self.params.thai_digits

    @property
    def target(self) -> float:
        return self.overview.target

    @property
    def title(self) -> str:
        year = digits(str(self.fiscal_year), thai=self.thai_digits)
        return f"ภาพรวมผลการประเมิน ITA {self.overview.scope_th} ปีงบประมาณ พ.ศ. {year}"

    @property
    def provinces(self) -> tuple[str, ...]:
        return _choices(self.data.roster, "province")

    @property
    def org_types(self) -> tuple[str, ...]:
        return _choices(self.data.roster, "org_type")


def _choices(roster: Roster, column: str) -> tuple[str, ...]:
    values = roster.frame[column]
    return tuple(sorted({str(v) for v in values if str(v)}))


def national_view(
    params: NationalExploreParams,
    *,
    data: NationalData | None = None,
    crosswalk: Crosswalk | None = None,
) -> NationalView:
    """The national notebook's view: distributions, items passing, the weakest items, levels by
    type and province, the same scope over the years, and last year's gaps followed up.

    ``InputError`` if the year is not in the data, or the province / type is in no roster row.
    """
    national = data or load_national(params)
    if national is None:  # load_explore_params refuses this; a view built in code may not
        raise InputError(file_problem(params.source_file, "ไม่ได้ระบุข้อมูลระดับประเทศ",
                                      "no national data given", column="national_dir"))
    roster = national.roster
    years = national.scores.years
    if params.fiscal_year not in years:
        listed = ", ".join(str(y) for y in sorted(years)) or "-"
        raise InputError(
            file_problem(params.source_file, f"ข้อมูลระดับประเทศไม่มีปี {params.fiscal_year}",
                         f"the national data has no FY{params.fiscal_year}",
                         column="fiscal_year", value=params.fiscal_year,
                         expected_th=f"ปีใดปีหนึ่งต่อไปนี้: {listed}",
                         expected_en=f"one of: {listed}")
        )
    for column, value in (("province", params.province), ("org_type", params.org_type)):
        if value is not None and value not in _choices(roster, column):
            names = _choices(roster, column)
            # "อุบล" for อุบลราชธานี: a shortened name is the likeliest slip, then a typo.
            close = ([n for n in names if value in n][:3]
                     or difflib.get_close_matches(value, names, n=3))
            raise InputError(
                file_problem(params.source_file, f"ไม่มีหน่วยงานที่มี {column} นี้ในทะเบียน {roster.path}",
                             f"no agency in the roster {roster.path} has this {column}",
                             column=column, value=value,
                             expected_th=("เช่น " + ", ".join(close)) if close else None,
                             expected_en=("e.g. " + ", ".join(close)) if close else None)
            )
    trend = tuple(
        year_overview(years[y], roster, province=params.province, org_type=params.org_type,
                      weakest=params.weakest)
        for y in sorted(years)
    )
    overview = next(o for o in trend if o.fiscal_year == params.fiscal_year)
    earlier = [y for y in years if y < params.fiscal_year]
    previous = max(earlier) if earlier else None
    movement: tuple[ItemMovement, ...] = ()
    if previous is not None:
        last = years[previous]
        keep = pd.Series(True, index=last.org_ids)
        if params.province is not None:
            keep &= roster.groups(last.org_ids, "province") == params.province
        if params.org_type is not None:
            keep &= roster.groups(last.org_ids, "org_type") == params.org_type
        movement = item_movement(last, years[params.fiscal_year],
                                 crosswalk=crosswalk or load_crosswalk(),
                                 org_ids=list(last.org_ids[keep.to_numpy()]))
    return NationalView(params, overview, trend, previous, movement,
                        national.scores.synthetic, national)
