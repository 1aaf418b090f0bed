"""What a batch tells: each agency's cache record, status.csv/json, progress, the summary.

Reads and writes only the batch's own small files (``.batch/<org_id>.json``, ``status.*``)
and prints to stderr; it must never render a report or decide which agencies to render.
"""

from __future__ import annotations

import csv
import json
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from ita_report.batch.records import AgencyResult, BatchOptions, BatchOutcome, BatchPlan
from ita_report.iorw import atomic_open, atomic_write_text


# -- each agency's cache record -------------------------------------------------------------
def read_state(path: Path) -> dict[str, Any] | None:
    """The cache record of a report written before (None if absent or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_state(
    path: Path, key: str, result: AgencyResult, files: Sequence[Path] = ()
) -> None:
    """Record ``result`` under ``key``: written last, after every file of the report.

    ``files`` are the report's files as written: each one's :func:`file_stamp` is kept, so a
    file replaced since (an officer's own ``ita-report run`` into the batch's folder) is
    seen for what it is, not taken for the batch's and described by the batch's figures.
    """
    state = {"key": key, **result_record(result),
             "stamps": {f.name: file_stamp(f) for f in files}}
    atomic_write_text(path, json.dumps(state, ensure_ascii=False))


def file_stamp(path: Path) -> list[int] | None:
    """What tells one written file from any other put there later: its size and modification
    time (ns). Another write is another time; a copy of the folder that keeps times (``cp
    -a``, ``rsync -a``, a backup restored) is still the batch's. A stat, not a hash, so
    checking thousands of reports costs nothing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def unchanged_since_recorded(state: Mapping[str, Any], paths: Sequence[Path]) -> bool:
    """Every one of ``paths`` is there and is the very file the record was written for.

    A record without stamps (an older batch) cannot tell: the report is made again.
    """
    stamps = state.get("stamps")
    if not isinstance(stamps, dict):
        return False
    for path in paths:
        now = file_stamp(path)
        if now is None or stamps.get(path.name) != now:
            return False
    return True


def result_record(result: AgencyResult) -> dict[str, Any]:
    """``result`` as JSON-ready values."""
    record = asdict(result)
    record["indicators"] = list(result.indicators)
    return record


def result_from_state(state: Mapping[str, Any], base: AgencyResult) -> AgencyResult:
    """``base`` with the figures a cache record kept (a skipped agency keeps its results)."""
    indicators = state.get("indicators") or []
    return replace(
        base,
        ita=state.get("ita"),
        level=state.get("level"),
        items_below_target=state.get("items_below_target"),
        indicators=tuple(indicators),
        report=str(state.get("report") or ""),
        files=tuple(str(f) for f in state.get("files") or ()),
        warning=str(state.get("warning") or ""),
        official=str(state.get("official") or ""),
    )


# -- status.csv and status.json -------------------------------------------------------------
STATUS_FIELDS = (
    "agency",
    "org_name",
    "org_type",
    "province",
    "status",
    "seconds",
    "ita",
    "level",
    "items_below_target",
    "report",
    "error",
    "warning",
    "official",
)


def _status_row(result: AgencyResult) -> dict[str, Any]:
    return {
        "agency": result.org_id,
        "org_name": result.org_name,
        "org_type": result.org_type,
        "province": result.province,
        "status": result.status,
        "seconds": result.seconds,
        "ita": result.ita,
        "level": result.level,
        "items_below_target": result.items_below_target,
        "report": result.report,
        "error": result.error,
        "warning": result.warning,
        "official": result.official,
    }


def write_status(results: Sequence[AgencyResult], year_dir: Path) -> None:
    """``status.csv`` (UTF-8 with BOM, so Thai Excel opens it right) and ``status.json``."""
    rows = [_status_row(r) for r in results]
    with atomic_open(year_dir / "status.csv", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=STATUS_FIELDS, lineterminator="\n")
        writer.writeheader()
        from ita_report.report.office import csv_text  # an agency name never runs as a formula

        writer.writerows({k: csv_text(v) for k, v in row.items()} for row in rows)
    atomic_write_text(
        year_dir / "status.json", json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    )


# -- on the terminal ------------------------------------------------------------------------
# Every line an officer or operator reads is Thai first, then English in brackets, as the
# rest of the command line speaks.
def log(text: str) -> None:
    """One line of the batch on stderr."""
    print(f"[ita-report batch] {text}", file=sys.stderr, flush=True)


def error_lines(error: str) -> tuple[str, str]:
    """The Thai and the English first line of a failure (errors are written Thai, then
    English on the next line); the English is "" when the error has only one language."""
    lines = [line for line in error.splitlines() if line.strip()]
    if not lines:
        return "", ""
    english = next((line for line in lines[1:] if line.isascii()), "")
    return lines[0], english if not lines[0].isascii() else ""


def failed_line(result: AgencyResult) -> str:
    """``ไม่สำเร็จ <org_id>: <Thai> (failed: <English>)`` of one agency's failure."""
    th, en = error_lines(result.error)
    return f"ไม่สำเร็จ {result.org_id}: {th}" + (f" (failed: {en})" if en else " (failed)")


def plan_line(plan: BatchPlan) -> str:
    """What the batch is about to do, counted before any worker starts."""
    n, todo = len(plan.order), len(plan.jobs)
    fresh = sum(r.status == "skipped" for r in plan.results)
    bad = sum(r.status == "failed" for r in plan.results)
    return (
        f"หน่วยงาน {n} แห่ง: ต้องสร้าง {todo} · เป็นปัจจุบันแล้ว {fresh} · ไม่มีคะแนน {bad}"
        f" ({n} agencies: {todo} to render, {fresh} up to date, {bad} without scores)"
    )


class Progress:
    """tqdm with ETA on stderr; with ``quiet``, a plain line every few percent and per failure."""

    def __init__(self, total: int, *, quiet: bool) -> None:
        self.total, self.quiet, self.done = total, quiet, 0
        self.started = time.monotonic()
        self.bar: Any = None
        if not quiet and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="รายงาน (reports)", unit="ฉบับ", file=sys.stderr,
                            smoothing=0.05)
        self.every = max(1, total // 20)

    def update(self, result: AgencyResult) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            if result.status == "failed":
                self.bar.write(failed_line(result), sys.stderr)
            return
        if result.status == "failed":
            log(failed_line(result))
        if self.done % self.every == 0 or self.done == self.total:
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            log(
                f"รายงาน {self.done}/{self.total} ฉบับ · {rate:.1f} ฉบับ/วินาที · "
                f"เหลืออีกราว {eta:.0f} วินาที ({self.done}/{self.total} reports, "
                f"{rate:.1f}/s, about {eta:.0f} s left)"
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def resume_command(options: BatchOptions) -> str:
    """The command line that finishes an interrupted batch: the same batch without ``--force``.

    Without ``--force`` is right for both: the reports written so far have records that make
    them up to date, and a forced batch drops the records of the reports it has yet to write
    (``pool.run_batch``), so only those are made. Quoted for the officer's shell (``cmd`` on
    Windows), so it can be pasted as printed.
    """
    args = ["ita-report", "batch", "--scores", str(options.scores), "--year", str(options.year)]
    if options.agencies is not None:
        args += ["--agencies", str(options.agencies)]
    if options.params_defaults is not None:
        args += ["--params-defaults", str(options.params_defaults)]
    args += ["--out", str(options.out)]
    if options.workers:
        args += ["--workers", str(options.workers)]
    if options.dask_scheduler:
        args += ["--dask-scheduler", options.dask_scheduler]
    if tuple(options.formats) != ("html",):
        args += ["--formats", ",".join(options.formats)]
    if options.timeout is not None:
        args += ["--timeout", f"{options.timeout:g}"]
    if options.strict:
        args.append("--strict")
    if options.quiet:
        args.append("--quiet")
    return subprocess.list2cmdline(args) if os.name == "nt" else shlex.join(args)


def failures_summary(outcome: BatchOutcome, limit: int = 20) -> str:
    """What to print at the end: counts, then the failed agencies with their first line."""
    c = outcome.counts
    lines = [
        f"สร้างรายงาน {c.get('ok', 0)} · ข้าม (เป็นปัจจุบันแล้ว) {c.get('skipped', 0)} · "
        f"ไม่สำเร็จ {c.get('failed', 0)}"
        + (f" · ยังไม่ได้ทำ {c['not_done']}" if c.get("not_done") else "")
        + f" ใน {outcome.seconds:.1f} วินาที",
        f"(written {c.get('ok', 0)}, up to date {c.get('skipped', 0)}, "
        f"failed {c.get('failed', 0)}"
        + (f", not done {c['not_done']}" if c.get("not_done") else "")
        + f"; {outcome.seconds:.1f} s) → {outcome.year_dir / 'index.html'}",
    ]
    failed = [r for r in outcome.results if r.status == "failed"]
    for r in failed[:limit]:
        th, en = error_lines(r.error)
        lines.append(f"  ✗ {r.org_id} {r.org_name}: {th}" + (f"\n    ({en})" if en else ""))
    if len(failed) > limit:
        lines.append(f"  … และอีก {len(failed) - limit} หน่วยงาน (and {len(failed) - limit} more)")
    warned = [r for r in outcome.results if r.warning and r.status != "failed"]
    if warned:
        lines.append(
            f"คำเตือน: รายงาน {len(warned)} ฉบับไม่มีคะแนนของเครื่องมือบางตัวเลย จึงไม่มีคะแนน ITA"
            " (รายงานมีหมายเหตุบอกไว้ ดูคอลัมน์ warning ใน status.csv; --strict ให้ถือเป็นข้อผิดพลาด)\n"
            f"warning: {len(warned)} reports have a tool with no score at all, so no ITA score"
            " (each report says so; see the warning column of status.csv; --strict makes it"
            " an error)"
        )
        for r in warned[:limit]:
            said = r.warning.splitlines()
            lines.append(f"  ! {r.org_id} {r.org_name}: " + "\n    ".join(said[:2]))
        if len(warned) > limit:
            more = len(warned) - limit
            lines.append(f"  … และอีก {more} หน่วยงาน (and {more} more)")
    if outcome.interrupted_by is not None and not c.get("not_done") and not failed:
        lines.append("หยุดหลังจากทำครบทุกฉบับแล้ว ไม่มีส่วนที่เหลือ "
                     "(interrupted after every report was made: nothing is left to do)")
    elif outcome.interrupted_by is not None:
        # Not "the same command": after --force that would make every report again.
        lines.append(
            "หยุดกลางคัน รายงานที่เขียนแล้วบันทึกไว้ว่าเป็นปัจจุบัน ทำเฉพาะส่วนที่เหลือด้วยคำสั่งนี้"
            " (ไม่มี --force) (interrupted: the reports written are recorded as up to date;"
            " to make only the ones left, run this command, without --force):"
        )
        lines.append(f"  {outcome.resume}" if outcome.resume
                     else "  (ita-report batch … ตามเดิม ไม่มี --force; the same batch, no --force)")
    return "\n".join(lines)
