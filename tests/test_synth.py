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
    assert (
        main(
            [
                "synth",
                "--agencies",
                "3000",
                "--years",
                "2566",
                "2568",
                "--seed",
                "7",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    return out


def test_same_seed_same_files(national: Path, tmp_path: Path) -> None:
    synthesize(3000, [2566, 2568], 7, tmp_path)
    for name in ("agencies.csv", "scores-2566.csv", "scores-2568.csv"):
        assert (tmp_path / name).read_bytes() == (national / name).read_bytes()


def test_every_file_says_it_is_synthetic(national: Path) -> None:
    assert SYNTHETIC_NOTE in (national / "README.md").read_text(encoding="utf-8")
    for name in ("agencies.csv", "scores-2566.csv", "scores-2568.csv"):
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


def test_national_averages_resemble_the_published_ones(national: Path) -> None:
    from ita_report.framework import load_framework
    from ita_report.scores import load_scores
    from ita_report.scoring import assess

    means = {}
    for year, published in ((2566, 90.2), (2568, 93.82)):
        fw = load_framework(year)
        table = load_scores(national / f"scores-{year}.csv", year=year)
        itas = []
        for org_id, y in table.agencies()[:600]:
            agency = table.for_agency(org_id, y)
            result = assess(fw, org_id=org_id, scores=agency.scores)
            assert result.ita is not None
            itas.append(result.ita)
        means[year] = sum(itas) / len(itas)
        assert means[year] == pytest.approx(published, abs=1.5)
    assert means[2568] > means[2566]
