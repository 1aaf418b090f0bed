"""What a batch tells: each agency's cache record, status.csv/json, progress, the summary.

Reads and writes only the batch's own small files (``.batch/<org_id>.json``, ``status.*``)
and prints to stderr; it must never render a report or decide which agencies to render.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from ita_report.batch.records import AgencyResult, BatchOutcome
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
def log(text: str) -> None:
    """One line of the batch on stderr."""
    print(f"[ita-report batch] {text}", file=sys.stderr, flush=True)


class Progress:
    """tqdm with ETA on stderr; with ``quiet``, a plain line every few percent and per failure."""

    def __init__(self, total: int, *, quiet: bool) -> None:
        self.total, self.quiet, self.done = total, quiet, 0
        self.started = time.monotonic()
        self.bar: Any = None
        if not quiet and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=sys.stderr, smoothing=0.05)
        self.every = max(1, total // 20)

    def update(self, result: AgencyResult) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            if result.status == "failed":
                first = result.error.splitlines()[0] if result.error else ""
                self.bar.write(f"failed: {result.org_id}: {first}", sys.stderr)
            return
        if result.status == "failed":
            log(f"failed {result.org_id}: {(result.error.splitlines() or [''])[0]}")
        if self.done % self.every == 0 or self.done == self.total:
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            log(f"{self.done}/{self.total} reports, {rate:.1f}/s, about {eta:.0f} s left")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


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
        first = r.error.splitlines()[0] if r.error else ""
        lines.append(f"  ✗ {r.org_id} {r.org_name}: {first}")
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
    if outcome.interrupted_by is not None:
        lines.append(
            "หยุดกลางคัน รันคำสั่งเดิมอีกครั้งเพื่อทำส่วนที่เหลือ "
            "(interrupted: run the same command again to finish)"
        )
    return "\n".join(lines)
