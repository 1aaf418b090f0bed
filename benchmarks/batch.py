"""Batch throughput against the plain loop, side by side on this machine, in one run.

Prints figures, never asserts: reports per second of the plain loop (``papermill`` command,
then ``jupyter nbconvert``, once per agency) and of ``ita-report batch``, their ratio, one
``ita-report run``, the peak memory of the batch's whole process tree, and what each other
format (``--formats``: Word, Excel, PDF) adds per report: the same agencies again with HTML and
that format, fresh, the difference in wall time per report.

    .venv/bin/python benchmarks/batch.py --agencies 8300 --batch 1000 --plain 3
    .venv/bin/python benchmarks/batch.py --batch 300 --plain 0 --formats pdf
    # the national year with every agency's PDF, measured whole:
    .venv/bin/python benchmarks/batch.py --agencies 8300 --batch 8300 --plain 0 \
        --main-formats html,pdf --formats ''
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

from ita_report.framework import available_years

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "measures_report.ipynb"
YEAR = available_years()[-1]  # the year agencies analyse now (2569 today)


def _timed(cmd: list[str], **kw: object) -> float:
    started = time.perf_counter()
    kw.setdefault("check", True)
    subprocess.run(cmd, capture_output=True, **kw)  # type: ignore[call-overload]
    return time.perf_counter() - started


def _params(row: pd.Series, scores: Path, folder: Path) -> Path:
    path = folder / f"{row.org_id}.yaml"
    values = {
        "org_id": row.org_id,
        "org_name": row.org_name,
        "short_name": row.short_name,
        "org_type": row.org_type,
        "province": row.province,
        "fiscal_year": YEAR,
        "scores_file": str(scores),
    }
    path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return path


def plain_loop(roster: pd.DataFrame, scores: Path, work: Path) -> float:
    """Seconds per report, the plain way: two fresh commands per agency."""
    total = 0.0
    for row in roster.itertuples():
        params = _params(row, scores, work)  # type: ignore[arg-type]
        executed = work / f"{row.org_id}.ipynb"
        total += _timed(
            [str(BIN / "papermill"), str(NOTEBOOK), str(executed), "-f", str(params),
             "-p", "params_file", str(params), "--cwd", str(NOTEBOOK.parent)]
        )
        total += _timed(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)]
        )
    return total / len(roster)


def batch_seconds(
    scores: Path, roster: Path, out: Path, formats: list[str], workers: int
) -> tuple[float, int]:
    """Wall seconds of a fresh ``ita-report batch`` writing ``formats``, and reports made."""
    seconds = _timed(
        [str(BIN / "ita-report"), "batch", "--scores", str(scores), "--year", str(YEAR),
         "--agencies", str(roster), "--out", str(out), "--workers", str(workers), "--quiet",
         "--formats", ",".join(formats)],
        check=False,
    )
    status = json.loads((out / str(YEAR) / "status.json").read_text("utf-8"))
    return seconds, sum(r["status"] == "ok" for r in status)


class PeakMemory:
    """Samples the RSS of a process and all its children (workers, kernels)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.samples = pid, 0, []  # type: ignore[var-annotated]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                procs = [root, *root.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in procs if p.is_running())
            except psutil.Error:
                rss = 0
            self.peak = max(self.peak, rss)
            self.samples.append(rss)
            self._stop.wait(0.5)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agencies", type=int, default=2000, help="synthetic agencies in the file")
    parser.add_argument("--batch", type=int, default=400, help="agencies the batch renders")
    parser.add_argument("--plain", type=int, default=3, help="agencies the plain loop renders")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", default="docx,xlsx,pdf",
                        help="formats whose cost per report is measured besides HTML ('' for none)")
    parser.add_argument("--main-formats", default="html",
                        help="formats of the main measured batch (html,pdf: the national year "
                        "with PDF)")
    args = parser.parse_args()
    main_formats = [f.strip() for f in args.main_formats.split(",") if f.strip()]
    extra = [f.strip() for f in args.formats.split(",") if f.strip() and f.strip() != "html"]

    with tempfile.TemporaryDirectory(prefix="ita-bench-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [str(BIN / "ita-report"), "synth", "--agencies", str(args.agencies), "--years",
             str(YEAR), "--seed", str(args.seed), "--out", str(work / "data")],
            check=True, capture_output=True,
        )
        scores = work / "data" / f"scores-{YEAR}.csv"
        roster = pd.read_csv(work / "data" / "agencies.csv", dtype=str)
        # Spread the sample over agency types: sizes and gaps differ between them.
        step = max(1, len(roster) // args.batch)
        batch_roster = roster.iloc[::step].head(args.batch)
        batch_roster.to_csv(work / "batch.csv", index=False)
        plain_roster = batch_roster.iloc[:: max(1, len(batch_roster) // max(args.plain, 1))].head(
            args.plain
        )
        (work / "plain").mkdir()

        plain_s = plain_loop(plain_roster, scores, work / "plain") if args.plain else 0.0
        single = _params(batch_roster.iloc[0], scores, work)
        run_s = _timed(
            [str(BIN / "ita-report"), "run", str(single), "--out", str(work / "single")]
        )

        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(BIN / "ita-report"), "batch", "--scores", str(scores), "--year", str(YEAR),
             "--agencies", str(work / "batch.csv"), "--out", str(work / "reports"),
             "--workers", str(args.workers), "--quiet", "--formats", ",".join(main_formats)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        memory = PeakMemory(proc.pid)
        _, err = proc.communicate()
        batch_s = time.perf_counter() - started
        memory.stop()
        status = json.loads((work / "reports" / str(YEAR) / "status.json").read_text("utf-8"))
        ok = sum(r["status"] == "ok" for r in status)
        render = [float(r["seconds"]) for r in status if r["status"] == "ok"]
        with_format = {
            fmt: batch_seconds(scores, work / "batch.csv", work / f"reports-{fmt}",
                               ["html", fmt], args.workers)
            for fmt in extra
        }

    plain_rate = 1 / plain_s if plain_s else float("nan")
    batch_rate = ok / batch_s
    quarter = len(memory.samples) // 4 or 1
    early = max(memory.samples[quarter : 2 * quarter] or [0]) / 2**20
    late = max(memory.samples[-quarter:] or [0]) / 2**20
    print(f"machine: {os.cpu_count()} cores; synthetic file of {args.agencies} agencies")
    print(f"plain loop (papermill + nbconvert commands), {len(plain_roster)} agencies: "
          f"{plain_s:.2f} s/report = {plain_rate:.3f} reports/s")
    print(f"ita-report run, one agency: {run_s:.2f} s")
    print(f"ita-report batch --formats {','.join(main_formats)}, {ok} agencies, "
          f"{args.workers} workers: {batch_s:.1f} s = "
          f"{batch_rate:.2f} reports/s (median {sorted(render)[len(render) // 2]:.3f} s "
          f"per report in a worker, start-up included in the rate)")
    print(f"ratio batch/plain: {batch_rate / plain_rate:.1f}x")
    print(f"peak memory of the batch (all processes): {memory.peak / 2**20:.0f} MiB; "
          f"second quarter {early:.0f} MiB, last quarter {late:.0f} MiB")
    print(f"national year at this rate: 8300 agencies in {8300 / batch_rate / 60:.1f} min")
    html_cost = batch_s / ok
    print(f"per report, {'+'.join(main_formats)}: {html_cost:.3f} s of the batch's wall time")
    for fmt, (seconds, made) in with_format.items():
        cost = seconds / max(made, 1)
        print(f"per report, HTML + {fmt}: {cost:.3f} s ({made} reports); {fmt} adds "
              f"{cost - html_cost:+.3f} s a report; national year (8300) with it: "
              f"{8300 * cost / 60:.1f} min")
    if proc.returncode not in (0, 1):
        print(err, file=sys.stderr)


if __name__ == "__main__":
    main()
