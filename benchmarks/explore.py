"""Time the exploration library on synthetic national data (4 years, 8,300 agencies, every item).

Prints seconds per step and the total; never asserts. The goal (issue 6): each exploration
notebook end to end in under 30 s on the 2-core machine. ``--notebooks`` also times both
notebooks through ``ita-report run`` (kernel, execution, export), as an analyst would run them.

    .venv/bin/python benchmarks/explore.py [--data DIR] [--agencies 8300] [--parquet] [--notebooks]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ita_report.crosswalk import load_crosswalk
from ita_report.explore import (
    agency_trend,
    item_movement,
    load_panel,
    load_roster,
    measures_follow_up,
    peer_position,
    peer_table,
    save_parquet,
    year_overview,
)
from ita_report.explore.tables import load_scores_any
from ita_report.params import validate_params
from ita_report.report import build_document
from ita_report.synth import default_years, synthesize

YEARS = tuple(default_years())  # what `ita-report synth` writes: 2566–2569 today
TARGET_SECONDS = 30.0
ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


class Clock:
    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []

    def run(self, label: str, step: Callable[[], T]) -> T:
        start = time.perf_counter()
        value = step()
        elapsed = time.perf_counter() - start
        self.steps.append((label, elapsed))
        print(f"{label:<52} {elapsed:7.2f} s", flush=True)
        return value

    def total(self, label: str, names: tuple[str, ...]) -> float:
        seconds = sum(s for n, s in self.steps if n.startswith(names))
        print(f"{label:<52} {seconds:7.2f} s")
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, help="folder of synth output (made if absent)")
    parser.add_argument("--agencies", type=int, default=8300)
    parser.add_argument("--parquet", action="store_true", help="also time Parquet score files")
    parser.add_argument("--notebooks", action="store_true",
                        help="also time both notebooks end to end through ita-report run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.data or Path(tmp)
        clock = Clock()
        if not (folder / "agencies.csv").exists():
            clock.run("synthesize (not part of a notebook)",
                      lambda: synthesize(args.agencies, YEARS, 1, folder))
        paths = [folder / f"scores-{y}.csv" for y in YEARS]
        cw = clock.run("crosswalk: load + validate", load_crosswalk)
        roster = clock.run("roster: load agencies.csv",
                           lambda: load_roster(folder / "agencies.csv"))
        panel = clock.run(f"panel: load {len(YEARS)} CSV years + YearScores roll-ups",
                          lambda: load_panel(paths))
        last, this = panel.years[-2], panel.years[-1]
        org_id = str(this.org_ids[len(this) // 2])
        clock.run(f"trend: agency_trend (one agency, {len(YEARS)} years)",
                  lambda: agency_trend(panel, org_id, crosswalk=cw))
        clock.run("peers: peer_position (one agency)",
                  lambda: peer_position(this, roster, org_id))
        clock.run("peers: peer_table (every agency)", lambda: peer_table(this, roster))
        clock.run("overview: year_overview (national)", lambda: year_overview(this, roster))
        province = roster.province(org_id)
        clock.run("overview: year_overview (one province)",
                  lambda: year_overview(this, roster, province=province))
        table = clock.run("follow-up: reload last year's file for the document",
                          lambda: load_scores_any(paths[-2]))
        params = validate_params({
            "org_id": org_id, "org_name": str(last.names[org_id]), "short_name": org_id,
            "fiscal_year": last.fiscal_year, "scores_file": str(paths[-2]),
        })
        doc = clock.run("follow-up: build last year's measures document",
                        lambda: build_document(params, scores=table))
        clock.run("follow-up: measures_follow_up (one agency)",
                  lambda: measures_follow_up(doc, this, crosswalk=cw))
        clock.run("follow-up: item_movement (national)",
                  lambda: item_movement(last, this, crosswalk=cw))
        print("-" * 62)
        common = ("crosswalk", "roster", "panel")
        clock.total("agency notebook (load + trend + peers + follow-up)",
                    (*common, "trend", "peers: peer_position", "follow-up"))
        clock.total("national notebook (load + peers + overview + movement)",
                    (*common, "peers: peer_table", "overview", "follow-up: item_movement"))
        clock.total("everything above", (*common, "trend", "peers", "overview", "follow-up"))
        if args.parquet:
            print("-" * 62)
            pq = [folder / f"scores-{y}.parquet" for y in YEARS]
            for csv_path, pq_path in zip(paths, pq, strict=True):
                save_parquet(load_scores_any(csv_path), pq_path)
            clock.run(f"panel: load {len(YEARS)} Parquet years + YearScores roll-ups",
                      lambda: load_panel(pq))
        if args.notebooks:
            print("-" * 62)
            time_notebooks(folder, org_id, Path(tmp) / "reports")


def time_notebooks(folder: Path, org_id: str, out: Path) -> None:
    """Each notebook through ``ita-report run`` in a fresh process, as a user runs it."""
    agency = out.parent / "explore-agency.yaml"
    # A synthetic agency over every year: trend, peers among 8,300, a follow-up per year.
    agency.write_text(
        f"notebook: explore_agency\norg_id: {org_id}\nyears: {list(YEARS)}\n"
        f"national_dir: {folder.resolve()}\n",
        encoding="utf-8",
    )
    runs = {
        "explore_agency (sample chaemae + 8,300 peers)": [
            str(ROOT / "params" / "explore-chaemae.yaml"), "--national-dir", str(folder)],
        f"explore_agency ({org_id}, {len(YEARS)} years, 8,300 peers)": [str(agency)],
        f"explore_national (FY{YEARS[-1]}, whole country)": [
            str(ROOT / "params" / "explore-national-2569.yaml"), "--national-dir", str(folder)],
    }
    for label, args in runs.items():
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "ita_report.cli", "run", *args, "--out", str(out)],
            capture_output=True, text=True, encoding="utf-8", check=False,
        )
        seconds = time.perf_counter() - start
        verdict = "ok" if seconds < TARGET_SECONDS else "OVER"
        status = "" if proc.returncode == 0 else f"  FAILED ({proc.returncode}): {proc.stderr}"
        print(f"ita-report run {label:<48} {seconds:7.2f} s  "
              f"({verdict}: target {TARGET_SECONDS:.0f} s){status}", flush=True)


if __name__ == "__main__":
    main()
