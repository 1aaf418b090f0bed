"""Exploration: vectorised roll-ups, trends, peers, the overview and the measures follow-up."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ita_report.errors import InputError
from ita_report.explore import (
    NO_LEVEL,
    Movement,
    ScorePanel,
    agency_trend,
    follow_up_from_params,
    item_movement,
    load_panel,
    load_roster,
    load_scores_any,
    measures_follow_up,
    peer_position,
    peer_table,
    save_parquet,
    year_overview,
    year_scores,
)
from ita_report.explore.tables import Roster
from ita_report.framework import data_dir
from ita_report.gaps import assess
from ita_report.params import load_params
from ita_report.report import build_document
from ita_report.scores import load_scores
from ita_report.synth import synthesize

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = data_dir() / "samples"
PARAMS_2566 = ROOT / "params" / "chaemae-2566.yaml"
PARAMS_2567 = ROOT / "params" / "chaemae-2567.yaml"
YEARS = (2566, 2567, 2568, 2569)


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("national")
    synthesize(600, list(YEARS), 11, out)
    return out


@pytest.fixture(scope="module")
def panel(national: Path) -> ScorePanel:
    return load_panel([national / f"scores-{y}.csv" for y in YEARS])


@pytest.fixture(scope="module")
def roster(national: Path) -> Roster:
    return load_roster(national / "agencies.csv")


@pytest.fixture(scope="module")
def holes(national: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """FY2567 with missing data: blank items, a whole blank indicator, a blank tool, ind9 given."""
    frame = pd.read_csv(national / "scores-2567.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(3)
    items = [c for c in frame.columns if c[0] in "ieo" and c[1:].isdigit()]
    for row in rng.choice(len(frame), 60, replace=False):
        frame.loc[row, list(rng.choice(items, 8, replace=False))] = ""
    frame.loc[0:4, [f"o{n}" for n in range(1, 34)]] = ""  # no OIT at all: no ITA, no level
    frame.loc[5:9, ["i1", "i2", "i3", "i4", "i5", "i6"]] = ""  # indicator 1 missing
    frame.loc[10:14, ["o1", "o2", "o3", "o4", "o5", "o6"]] = ""  # sub-indicator 9.1 missing
    frame["ind9"] = ""
    frame.loc[15:19, "ind9"] = "77.5"  # published indicator score wins over its items
    path = tmp_path_factory.mktemp("holes") / "scores-2567-holes.csv"
    frame.to_csv(path, index=False)
    return path


# -- the roll-up ------------------------------------------------------------------------------
def _agrees_with_assess(path: Path, year: int, sample: int) -> None:
    table = load_scores(path)
    ys = year_scores(table, year)
    ids = list(ys.org_ids)
    chosen = ids[:25] + random.Random(year).sample(ids[25:], sample)
    for org_id in chosen:
        a = assess(ys.framework, org_id=org_id, scores=table.for_agency(org_id, year).scores)
        got = ys.tools.loc[org_id]
        if a.ita is None:
            assert math.isnan(got["ITA"]) and got["level"] is None
        else:
            assert abs(a.ita - got["ITA"]) <= 1e-9
            assert a.level == got["level"]
        for tool in a.tools:
            assert (tool.score is None and math.isnan(got[tool.code])) or abs(
                tool.score - got[tool.code]) <= 1e-9
        for ind in a.indicators:
            value = ys.indicators.at[org_id, ind.code]
            assert (ind.score is None and math.isnan(value)) or abs(ind.score - value) <= 1e-9


def test_vectorised_roll_up_agrees_with_assess(national: Path) -> None:
    for year in YEARS:
        _agrees_with_assess(national / f"scores-{year}.csv", year, 60)


def test_roll_up_with_missing_data_never_counts_zero(holes: Path) -> None:
    _agrees_with_assess(holes, 2567, 100)
    ys = year_scores(load_scores(holes), 2567)
    first = ys.org_ids[0]
    assert math.isnan(ys.tools.at[first, "OIT"]) and math.isnan(ys.tools.at[first, "ITA"])
    assert ys.tools.at[first, "level"] is None
    assert ys.tools.at[first, "IIT"] > 50  # the other tools still have their scores
    assert math.isnan(ys.indicators.at[ys.org_ids[6], "ind1"])
    assert ys.indicators.at[ys.org_ids[16], "ind9"] == 77.5
    assert math.isnan(ys.items.at[first, "o1"])


def test_sample_roll_up_matches_its_document() -> None:
    table = load_scores(SAMPLES / "chaemae-2566-scores.csv", extra_codes=["i37", "i48"])
    ys = year_scores(table, 2566)
    doc = build_document(load_params(PARAMS_2566))
    assert doc.assessment.ita is not None
    assert abs(ys.tools.at["chaemae", "ITA"] - doc.assessment.ita) <= 1e-9
    assert ys.tools.at["chaemae", "level"] == doc.assessment.level
    assert "i37" not in ys.items.columns  # declared extras stay out of the framework roll-up


# -- Parquet, roster --------------------------------------------------------------------------
def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    cols = ["org_id", "org_name", "fiscal_year", "code", "score"]
    return frame[cols].sort_values(["org_id", "code"]).reset_index(drop=True)


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_parquet_reads_as_the_csv_does(national: Path, tmp_path: Path, layout: str) -> None:
    csv = load_scores(national / "scores-2566.csv")
    path = save_parquet(csv, tmp_path / f"scores-{layout}.parquet", layout=layout)
    back = load_scores_any(path)
    pd.testing.assert_frame_equal(_tidy(back.frame), _tidy(csv.frame))


def test_parquet_goes_through_the_same_checks(national: Path, tmp_path: Path) -> None:
    frame = pd.read_csv(national / "scores-2568.csv").head(20)
    frame.loc[3, "i5"] = 150.0
    frame.loc[4, "o2"] = float("nan")  # a blank: no data, not an error
    path = tmp_path / "bad.parquet"
    frame.to_parquet(path)
    with pytest.raises(InputError) as err:
        load_scores_any(path)
    text = str(err.value)
    assert "bad.parquet" in text and "row 5" in text and '"150"' in text and "0–100" in text


def test_roster_refuses_repeated_ids(tmp_path: Path) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text("org_id,org_type,province\na1,ทม.,น่าน\na1,ทต.,น่าน\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_roster(path)
    assert "a1" in str(err.value) and "2, 3" in str(err.value)


# -- trend ------------------------------------------------------------------------------------
def test_sample_trend_from_2566_to_2567() -> None:
    panel = load_panel(
        [SAMPLES / "chaemae-2566-scores.csv", SAMPLES / "chaemae-2567-scores.csv"],
        extra_codes=["i37", "i48"],
    )
    trend = agency_trend(panel, "chaemae")
    assert trend.years == (2566, 2567)
    assert trend.levels == ("ผ่าน", "ผ่านดี")
    ita = trend.line("ITA")
    assert ita.scores[0] is not None and ita.scores[1] is not None and ita.change is not None
    assert trend.line("e1").change == 2.35  # 84.77 → 87.12
    contact = trend.item_line("o4", 2567)  # ข้อมูลการติดต่อ was o5 in FY2566
    assert contact.codes == ("o5", "o4") and contact.comparable
    survey = trend.line("o17@2566")  # the FY2566 satisfaction survey has no FY2567 item
    assert survey.codes == ("o17", None) and survey.scores == (0.0, None)
    assert not survey.comparable and "ความพึงพอใจ" in survey.note
    procurement = trend.item_line("o17", 2567)  # FY2567 o17 is FY2566 o22, not o17
    assert procurement.codes == ("o22", "o17")
    ind9 = trend.line("ind9")
    assert len(ind9.scores) == 2
    assert set(trend.frame()["kind"]) == {"tool", "indicator", "item"}


def test_trend_over_four_years_and_an_agency_missing_a_year(panel: ScorePanel) -> None:
    org_id = str(panel.years[0].org_ids[7])
    trend = agency_trend(panel, org_id)
    assert trend.years == YEARS and all(s is not None for s in trend.line("ITA").scores)
    # Lines are keyed by the latest year's codes: FY2569 has o1–o26.
    assert len([line for line in trend.items if line.key[0] == "o" and "@" not in line.key]) == 26
    cut = ScorePanel((panel.years[0], panel.years[1].restricted([]), panel.years[2]))
    gap = agency_trend(cut, org_id).line("ITA")
    assert gap.scores[1] is None and gap.scores[0] is not None  # absent: no data, not zero
    with pytest.raises(InputError):
        agency_trend(panel, "nobody")


def test_trend_from_2564_to_2569_follows_items_through_the_crosswalk(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    years = (2564, 2565, 2566, 2567, 2568, 2569)
    folder = tmp_path_factory.mktemp("six-years")
    synthesize(12, list(years), 5, folder)
    panel = load_panel([folder / f"scores-{y}.csv" for y in years])
    trend = agency_trend(panel, "syn00003")
    assert trend.years == years and all(s is not None for s in trend.line("ITA").scores)
    # Every item of every year is on exactly one line, and scored wherever it exists.
    for at, year in enumerate(years):
        codes = [line.codes[at] for line in trend.items if line.codes[at] is not None]
        assert sorted(codes) == sorted(i.code for i in panel.year(year).framework.items())
    assert all((c is None) == (s is None) for line in trend.items
               for c, s in zip(line.codes, line.scores, strict=True))
    channels = trend.item_line("o17", 2569)  # ช่องทางแจ้งเรื่องร้องเรียนการทุจริต
    assert channels.codes == ("o30", "o30", "o28", "o22", "o18", "o17") and channels.comparable
    # The IIT was rewritten in FY2566: the old i23 is i19 from then on, the old i19 stops.
    assert trend.item_line("i19", 2569).codes == ("i23", "i23", "i19", "i19", "i19", "i19")
    assert trend.line("i19@2565").codes == ("i19", "i19", None, None, None, None)
    # The measures document: o42, then o32; FY2568's item for it is unknown, FY2569's is o25.
    measures = trend.line("o32@2567")
    assert measures.codes == ("o42", "o42", "o42", "o32", None, None)
    assert "2568" in measures.note and not measures.comparable
    assert trend.line("o25").codes == (None, None, None, None, None, "o25")
    assert "o32" in trend.line("o25").note


# -- peers ------------------------------------------------------------------------------------
def test_peer_percentiles_within_type_and_province(panel: ScorePanel, roster: Roster) -> None:
    ys = panel.year(2567)
    org_id = str(ys.org_ids[100])
    pos = peer_position(ys, roster, org_id)
    kind, place = roster.org_type(org_id), roster.province(org_id)
    assert (pos.org_type, pos.province) == (kind, place)
    same = roster.frame.index[roster.frame["org_type"] == kind]
    ita = ys.tools.loc[same, "ITA"].dropna()
    score = ys.tools.at[org_id, "ITA"]
    assert pos.same_type.size == len(ita)
    assert pos.same_type.percentile == round(100 * float((ita <= score).mean()), 2)
    assert pos.same_type.rank == int((ita > score).sum()) + 1
    assert 0 < pos.same_province.percentile <= 100
    assert pos.national.size == ys.tools["ITA"].notna().sum()
    assert pos.same_type_in_province.size <= min(pos.same_type.size, pos.same_province.size)
    table = peer_table(ys, roster)
    assert table.at[org_id, "pct_type"] == pos.same_type.percentile
    assert table.at[org_id, "rank_province"] == pos.same_province.rank
    by_oit = peer_position(ys, roster, org_id, measure="OIT")
    assert by_oit.score == ys.tools.at[org_id, "OIT"]


# -- overview ---------------------------------------------------------------------------------
def test_year_overview_numbers_add_up(panel: ScorePanel, roster: Roster) -> None:
    ys = panel.year(2568)
    view = year_overview(ys, roster, weakest=7)
    assert view.agencies == len(ys) == 600
    assert all(0 <= i.share <= 1 for i in view.items if i.share is not None)
    assert len(view.items) == len(ys.framework.items())
    assert [i.share for i in view.weakest] == sorted(i.share for i in view.weakest)
    assert len(view.weakest) == 7
    assert view.weakest[0].share == min(i.share for i in view.items if i.share is not None)
    assert sum(view.levels.counts) == view.levels.total == 600
    assert view.level_names[-1] == NO_LEVEL
    for table in (view.levels_by_type, view.levels_by_province):
        assert sum(r.total for r in table.rows) == 600
        assert all(sum(r.counts) == r.total for r in table.rows)
    assert view.levels_by_type.frame()["รวม"].sum() == 600
    ita = next(d for d in view.tools if d.code == "ITA")
    assert ita.q10 <= ita.q25 <= ita.median <= ita.q75 <= ita.q90
    assert 0 <= ita.share_passing <= 1
    assert len(view.indicators) == 10


def test_year_overview_of_a_province_and_type(panel: ScorePanel, roster: Roster) -> None:
    ys = panel.year(2567)
    place = str(roster.frame["province"].value_counts().index[0])
    view = year_overview(ys, roster, province=place)
    assert view.agencies == int((roster.frame["province"] == place).sum())
    assert [r.group for r in view.levels_by_province.rows] == [place]
    both = year_overview(ys, roster, province=place, org_type="อบต.")
    assert both.agencies <= view.agencies and "อบต." in both.scope_th


def test_missing_ita_is_counted_as_no_data(holes: Path, roster: Roster) -> None:
    ys = year_scores(load_scores(holes), 2567)
    view = year_overview(ys, roster)
    assert view.levels.counts[-1] == 5  # the five agencies without OIT
    assert sum(view.levels.counts) == 600


# -- follow-up --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_follow_up() -> object:
    return follow_up_from_params(load_params(PARAMS_2566), load_params(PARAMS_2567))


def test_sample_follow_up_names_targeted_items_per_theme(sample_follow_up: object) -> None:
    from ita_report.explore import FollowUp

    assert isinstance(sample_follow_up, FollowUp)
    follow = sample_follow_up
    assert (follow.last_year, follow.this_year) == (2566, 2567)
    doc = build_document(load_params(PARAMS_2566))
    assert [t.theme_id for t in follow.themes] == [r.theme_id for r in doc.rows]
    by_theme = {t.theme_id: {i.last_code: i for i in t.targeted} for t in follow.themes}
    assert set(by_theme["work_process"]) == {"e1", "o17"}
    assert set(by_theme["authority_personnel"]) == {"i14", "i15", "i27"}
    assert set(by_theme["anti_corruption"]) == {"i25", "i26", "i28", "i29", "i30", "o32"}
    assert by_theme["information_disclosure"] == {}  # every item passed in FY2566

    e1 = by_theme["work_process"]["e1"]
    assert (e1.last_score, e1.this_score, e1.passes_now) == (84.77, 87.12, True)
    i20 = by_theme["state_assets"]["i20"]
    assert (i20.last_score, i20.this_score, i20.passes_now) == (80.56, 83.80, False)
    assert i20.movement is Movement.ROSE
    i29 = by_theme["anti_corruption"]["i29"]
    assert i29.movement is Movement.FELL and i29.passes_now is False
    no_gift = by_theme["anti_corruption"]["o32"]  # การสร้างวัฒนธรรม No Gift Policy → o26
    assert (no_gift.this_code, no_gift.this_score, no_gift.passes_now) == ("o26", 100.0, True)
    passing = [i.last_code for t in follow.themes for i in t.reached]
    failing = [i.last_code for t in follow.themes for i in t.not_reached]
    assert passing and failing
    frame = follow.frame()
    assert {"score_2566", "score_2567", "passes_now"} <= set(frame.columns)


def test_items_without_a_counterpart_are_reported(sample_follow_up: object) -> None:
    from ita_report.explore import FollowUp

    assert isinstance(sample_follow_up, FollowUp)
    theme = next(t for t in sample_follow_up.themes if t.theme_id == "e_service")
    (survey,) = theme.targeted
    assert survey.last_code == "o17" and survey.this_code is None
    assert survey.movement is Movement.NO_COUNTERPART and survey.passes_now is None
    assert "ความพึงพอใจ" in survey.note and survey in theme.not_comparable
    budget = next(t for t in sample_follow_up.themes if t.theme_id == "budget_procurement")
    assert [(i.last_code, i.this_code) for i in budget.targeted] == [("i37", None), ("i48", None)]
    assert all("extra code" in i.note for i in budget.targeted)
    kept = next(t for t in sample_follow_up.themes if t.theme_id == "information_disclosure")
    assert {i.last_code: i.this_code for i in kept.kept}["o5"] == "o4"
    assert {i.last_code: i.this_code for i in kept.kept}["o6"] is None


def test_follow_up_from_a_whole_year_of_scores(sample_follow_up: object) -> None:
    from ita_report.explore import FollowUp

    assert isinstance(sample_follow_up, FollowUp)
    table = load_scores(SAMPLES / "chaemae-2567-scores.csv")
    doc = build_document(load_params(PARAMS_2566))
    again = measures_follow_up(doc, year_scores(table, 2567))
    assert again == sample_follow_up


def test_fy2568_measures_followed_into_fy2569_scores(national: Path, panel: ScorePanel) -> None:
    from ita_report.crosswalk import load_crosswalk
    from ita_report.params import validate_params

    org_id = str(panel.year(2568).org_ids[42])
    params = validate_params({
        "org_id": org_id, "org_name": "หน่วยงานสังเคราะห์", "short_name": "หน่วยงานสังเคราะห์",
        "fiscal_year": 2568, "scores_file": str(national / "scores-2568.csv"),
    })
    this = panel.year(2569)
    follow = measures_follow_up(build_document(params), this)
    assert (follow.last_year, follow.this_year) == (2568, 2569)
    cw = load_crosswalk()
    followed = [i for t in follow.themes for i in t.targeted + t.kept]
    for item in followed:  # FY2568 codes reach FY2569 by meaning, with this year's scores
        assert item.this_code == cw.trace(item.last_code, 2568, 2569).to_code
        if item.this_code is not None:
            assert item.this_score == this.items.at[org_id, item.this_code]
        else:
            assert item.note and item.movement is Movement.NO_COUNTERPART
    # FY2569's framework names o25 and o26 as the measures document and its report.
    assert [(d.role, d.code) for d in follow.documents] == [
        ("measures", "o25"), ("implementation_report", "o26")]
    assert [d.score for d in follow.documents] == [this.items.at[org_id, c] for c in ("o25", "o26")]
    # FY2568's framework does not say which items they are: nothing is assumed.
    earlier = measures_follow_up(
        build_document(params.model_copy(update={
            "fiscal_year": 2567, "scores_file": str(national / "scores-2567.csv")})),
        panel.year(2568))
    assert earlier.documents == ()


def test_national_item_movement(panel: ScorePanel) -> None:
    moves = {m.last_code: m for m in item_movement(panel.year(2566), panel.year(2567))}
    assert moves["o17"].this_code is None and moves["o17"].share_passing_now is None
    contact = moves["o5"]
    assert contact.this_code == "o4"
    assert contact.passing_now <= contact.with_data_this_year <= contact.below_last_year
    latest = {m.last_code: m for m in item_movement(panel.year(2568), panel.year(2569))}
    assert latest["o25"].this_code == "o23"  # แผนปฏิบัติการป้องกันการทุจริต, renumbered
    assert latest["o11"].this_code is None and latest["o11"].note
    assert all(0 <= m.share_passing_now <= 1 for m in moves.values()
               if m.share_passing_now is not None)


def test_sample_2567_params_make_a_document() -> None:
    doc = build_document(load_params(PARAMS_2567))
    assert doc.params.fiscal_year == 2567 and doc.assessment.ita is not None
    assert not doc.assessment.missing_items
