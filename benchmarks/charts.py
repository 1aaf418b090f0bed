"""CPU time of one report's three charts, as the notebook's head and charts cells draw them.

Builds the documents of synthetic agencies (``ita-report synth``: half FY2566, half the latest
year), then runs ``show_head`` (the tools chart beside the results) and ``show_charts`` (the
indicators beside the items under target) for each, their display a no-op, in one process (so
figures are refilled as in a batch worker's kernel). Prints the median and mean CPU
milliseconds per chart set (and the head's HTML); with ``--profile``, cProfile's top entries.

    .venv/bin/python benchmarks/charts.py --agencies 200
    .venv/bin/python benchmarks/charts.py --agencies 200 --profile
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ita_report.framework import available_years

BIN = Path(sys.executable).parent


def documents(count: int, work: Path) -> list[Any]:
    from ita_report.batch.plan import prepare
    from ita_report.batch.records import BatchOptions
    from ita_report.batch.worker import agency_table
    from ita_report.catalogue import load_catalogue
    from ita_report.report import build_document

    years = (2566, available_years()[-1])
    subprocess.run(
        [str(BIN / "ita-report"), "synth", "--agencies", str(count), "--years",
         *map(str, years), "--out", str(work)],
        check=True, capture_output=True,
    )
    catalogue = load_catalogue()
    docs = []
    for year in years:
        table, roster, params = prepare(
            BatchOptions(scores=work / f"scores-{year}.csv", year=year))
        for entry in roster[: count // 2]:
            p = params[entry.org_id]
            scores = agency_table(table.for_agency(p.org_id, year), p.scores_path)
            docs.append(build_document(p, scores=scores, catalogue=catalogue))
    return docs


def chart_set(doc: Any) -> None:
    from ita_report.report import show

    show.show_head(doc)
    show.show_charts(doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agencies", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    import IPython.display

    # The cells' display is left out, not the drawing (show and charts.show import it late).
    IPython.display.display = lambda *objects, **options: None
    with tempfile.TemporaryDirectory(prefix="ita-charts-") as tmp:
        docs = documents(args.agencies, Path(tmp))
    for doc in docs[:3]:  # fonts, caches and the first figures of each kind
        chart_set(doc)
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        for doc in docs:
            chart_set(doc)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        return
    seconds = []
    for doc in docs:
        started = time.process_time()
        chart_set(doc)
        seconds.append(time.process_time() - started)
    print(f"{len(docs)} chart sets (3 charts each, SVG): median "
          f"{1000 * statistics.median(seconds):.1f} ms CPU, mean "
          f"{1000 * statistics.mean(seconds):.1f} ms")


if __name__ == "__main__":
    main()
