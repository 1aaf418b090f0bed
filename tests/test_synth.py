"""Synthetic national data looks like the country, is reproducible, and says it is synthetic."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ita_report.cli import main
from ita_report.synth import PROVINCES, SYNTHETIC_NOTE, synthesize


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    # No --years: the latest four framework years, the one officers work on now included.
    assert main(["synth", "--agencies", "3000", "--seed", "7", "--out", str(out)]) == 0
    return out


def test_default_years_are_the_latest_four_with_a_framework(national: Path) -> None:
    written = sorted(p.name for p in national.glob("scores-*.csv"))
    assert written == [f"scores-{y}.csv" for y in (2566, 2567, 2568, 2569)]
    assert "--years 2566 2567 2568 2569" in (national / "README.md").read_text(encoding="utf-8")


def test_same_seed_same_files(national: Path, tmp_path: Path) -> None:
    synthesize(3000, [2566, 2567, 2568, 2569], 7, tmp_path)
    for name in ("agencies.csv", "scores-2566.csv", "scores-2569.csv"):
        assert (tmp_path / name).read_bytes() == (national / name).read_bytes()


def test_every_file_says_it_is_synthetic(national: Path) -> None:
    assert SYNTHETIC_NOTE in (national / "README.md").read_text(encoding="utf-8")
    for name in ("agencies.csv", "scores-2566.csv", "scores-2569.csv"):
        frame = pd.read_csv(national / name)
        assert (frame["data_note"] == SYNTHETIC_NOTE).all()


def test_agency_types_and_provinces_follow_the_country(national: Path) -> None:
    roster = pd.read_csv(national / "agencies.csv")
    assert len(roster) == 3000 and roster["org_id"].is_unique
    shares = roster["org_type"].value_counts(normalize=True)
    assert shares["อบต."] == pytest.approx(5300 / 8300, abs=0.01)
    assert shares["ทต."] == pytest.approx(2240 / 8300, abs=0.01)
    assert set(roster["province"]) <= set(PROVINCES)
    assert roster["province"].nunique() > 70


def _mean_ita(folder: Path, year: int, agencies: int = 600) -> float:
    from ita_report.framework import load_framework
    from ita_report.gaps import assess
    from ita_report.scores import load_scores

    fw = load_framework(year)
    table = load_scores(folder / f"scores-{year}.csv", year=year)
    itas = []
    for org_id, y in table.agencies()[:agencies]:
        result = assess(fw, org_id=org_id, scores=table.for_agency(org_id, y).scores)
        assert result.ita is not None
        itas.append(result.ita)
    return sum(itas) / len(itas)


def test_national_averages_resemble_the_published_ones(national: Path) -> None:
    means = {year: _mean_ita(national, year) for year in (2566, 2568, 2569)}
    assert means[2566] == pytest.approx(90.2, abs=1.5)
    assert means[2568] == pytest.approx(93.82, abs=1.5)
    assert means[2566] < means[2568] < means[2569] <= 100


def test_a_year_is_placed_by_its_own_fiscal_year(national: Path, tmp_path: Path) -> None:
    # A batch operator who asks only for FY2569 (or FY2564) gets that year's level of scores,
    # not the first year's.
    synthesize(600, [2564, 2569], 7, tmp_path)
    assert _mean_ita(tmp_path, 2569) == pytest.approx(_mean_ita(national, 2569), abs=1.0)
    assert _mean_ita(tmp_path, 2564) == pytest.approx(81.25, abs=1.5)


def test_a_real_roster_in_the_folder_is_never_replaced(tmp_path: Path) -> None:
    # Issue 21 case 3: synth wrote agencies.csv over whatever was in --out.
    from ita_report.errors import InputError

    real = tmp_path / "agencies.csv"
    real.write_text("org_id,org_name\n5520101,เทศบาลตำบลแจ้ห่ม\n", encoding="utf-8")
    with pytest.raises(InputError, match="not overwritten"):
        synthesize(50, [2566], 7, tmp_path)
    assert real.read_text(encoding="utf-8").endswith("แจ้ห่ม\n")
    assert not (tmp_path / "scores-2566.csv").exists()
    real.unlink()
    synthesize(50, [2566], 7, tmp_path)
    synthesize(50, [2566], 8, tmp_path)  # its own files are replaced on a rerun
