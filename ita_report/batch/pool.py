"""Running a batch: local worker processes or a dask cluster, and the batch from end to end.

A worker that dies fails only the agency it had; Ctrl-C lets the reports in hand finish. The
pool must never render a report itself (``worker``) or decide what to render (``plan``).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import multiprocessing.connection as mpc
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import Any

from ita_report.batch.index import write_index
from ita_report.batch.plan import plan_batch, prepare, static_digest
from ita_report.batch.records import (
    DEFAULT_RECYCLE,
    STATE_DIR,
    STOP_GRACE_SECONDS,
    AgencyJob,
    AgencyResult,
    BatchOptions,
    BatchOutcome,
    WorkerSettings,
)
from ita_report.batch.status import Progress, log, plan_line, resume_command, write_status
from ita_report.batch.worker import Worker
from ita_report.errors import signal_name
from ita_report.iorw import refuse_outputs_over_inputs, sweep_stale_parts


# -- local workers --------------------------------------------------------------------------
def _worker_main(conn: mpc.Connection, settings: WorkerSettings) -> None:
    # Ctrl-C in a terminal goes to the whole process group; the parent alone decides how the
    # batch stops, and lets this worker finish the report in hand so nothing is half-written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.setpgrp()
    worker = Worker(settings)
    try:
        worker.start()
        conn.send(("ready", os.getpid()))
        while True:
            try:
                job = conn.recv()
            except EOFError:  # the parent is gone
                break
            if job is None:
                break
            conn.send(("result", worker.render(job)))
    finally:
        worker.close()


@dataclass
class _Slot:
    process: Any  # multiprocessing.Process (its type is context-dependent)
    conn: mpc.Connection
    job: AgencyJob | None = None
    done: int = 0


def run_local(
    jobs: Sequence[AgencyJob],
    *,
    workers: int,
    settings: WorkerSettings,
    on_result: Callable[[AgencyResult], None],
    stop: threading.Event,
    recycle: int = DEFAULT_RECYCLE,
) -> None:
    """Render ``jobs`` in ``workers`` processes, each with a warm kernel, recycled every
    ``recycle`` reports. A worker that dies fails only the agency it had; a new one replaces it.
    """
    ctx = mp.get_context("spawn")  # a clean interpreter: no inherited threads or sockets
    pending: deque[AgencyJob] = deque(jobs)
    retiring: list[_Slot] = []

    def start() -> _Slot:
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker_main, args=(child, settings), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    slots = [start() for _ in range(max(1, min(workers, len(pending))))]
    ready: set[int] = set()  # ids of slots whose kernel is up
    unready_deaths = 0  # workers that died before their kernel came up
    stop_at: float | None = None
    try:
        while slots and (pending or any(s.job for s in slots)):
            if stop.is_set():
                pending.clear()
                stop_at = stop_at or time.monotonic() + STOP_GRACE_SECONDS
                if time.monotonic() > stop_at:
                    break
            for slot in slots:
                if slot.job is None and id(slot) in ready and pending:
                    slot.job = pending.popleft()
                    # A worker that died since it was ready: its sentinel reports this job.
                    with contextlib.suppress(OSError):
                        slot.conn.send(slot.job)
            waitables: list[Any] = [s.conn for s in slots] + [s.process.sentinel for s in slots]
            signalled = set(mpc.wait(waitables, timeout=0.25))
            for index, slot in enumerate(list(slots)):
                if slot.conn in signalled:
                    try:
                        kind, value = slot.conn.recv()
                    except (EOFError, OSError):
                        kind, value = "dead", None
                    if kind == "ready":
                        ready.add(id(slot))
                        continue
                    if kind == "result":
                        on_result(value)
                        slot.job, slot.done = None, slot.done + 1
                        if slot.done >= recycle and pending:
                            slot.conn.send(None)
                            retiring.append(slot)
                            slots[index] = start()
                        continue
                elif slot.process.sentinel not in signalled:
                    continue
                # The worker is gone (killed, out of memory, crashed): only its agency fails.
                slot.process.join(timeout=1)
                if slot.job is not None:
                    on_result(_died(slot.job, slot.process.exitcode))
                if id(slot) not in ready:
                    unready_deaths += 1
                ready.discard(id(slot))
                if unready_deaths > 2 * workers + 2:
                    # Workers cannot even start (no kernel?): say so once per agency and stop.
                    for job in pending:
                        on_result(
                            replace(
                                _died(job, slot.process.exitcode),
                                error="เริ่มโปรเซสสร้างรายงานไม่ได้ ดูบันทึกใน "
                                f"{settings.log_dir}\nworker processes cannot start;"
                                f" see {settings.log_dir}",
                            )
                        )
                    pending.clear()
                    slots.pop(index)
                    break
                if pending and not stop.is_set():
                    slots[index] = start()
                else:
                    # Nothing left for a new worker to do: starting one (and its kernel)
                    # would only delay the end of the batch.
                    slots.pop(index)
                    break
    finally:
        for slot in slots:
            with contextlib.suppress(OSError):
                slot.conn.send(None)
        for slot in [*slots, *retiring]:
            slot.process.join(timeout=10)
            if slot.process.is_alive():
                slot.process.terminate()
                slot.process.join(timeout=5)


def _died(job: AgencyJob, exitcode: int | None) -> AgencyResult:
    how = signal_name(exitcode)
    return replace(
        AgencyResult.failed(job.params),
        error=(
            f"โปรเซสที่สร้างรายงานนี้หยุดทำงานกะทันหัน ({how}: หน่วยความจำอาจไม่พอ หรือถูกสั่งปิด)"
            " จึงไม่ได้เขียนรายงาน รันคำสั่ง batch อีกครั้ง (ไม่ต้องใส่ --force) เพื่อทำเฉพาะรายงานนี้"
            " และที่เหลือ\n"
            f"the worker process died ({how}) while rendering this report, so no report was"
            " written; run the batch again (without --force) to make it and the others left"
        ),
    )


# -- dask -----------------------------------------------------------------------------------
_DASK_WORKERS = threading.local()


def render_on_dask(job: AgencyJob, settings: WorkerSettings) -> AgencyResult:
    """Task body on a dask worker: one warm :class:`Worker` per worker thread, kept."""
    worker: Worker | None = getattr(_DASK_WORKERS, "worker", None)
    if worker is None or worker.settings != settings:
        if worker is not None:
            worker.close()
        worker = Worker(settings)
        _DASK_WORKERS.worker = worker
        import atexit

        atexit.register(worker.close)
    return worker.render(job)


def run_dask(
    jobs: Sequence[AgencyJob],
    *,
    address: str,
    settings: WorkerSettings,
    on_result: Callable[[AgencyResult], None],
    stop: threading.Event,
) -> None:
    """Render ``jobs`` on the dask.distributed cluster at ``address`` (shared filesystem)."""
    from ita_report.extras import require

    distributed = require(
        "distributed",
        purpose_th="การสร้างรายงานบนคลัสเตอร์ dask (--dask-scheduler)",
        purpose_en="Running the batch on a dask cluster (--dask-scheduler)",
    )
    Client, as_completed = distributed.Client, distributed.as_completed

    with Client(address) as client:
        futures = {
            client.submit(
                render_on_dask,
                job,
                settings,
                pure=False,
                key=f"ita-report-{job.params.org_id}-{job.key[:12]}",
            ): job
            for job in jobs
        }
        done = as_completed(list(futures))
        for future in done:
            if stop.is_set():
                client.cancel(list(futures))
                break
            job = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # a worker lost with the task: that agency only
                result = replace(
                    _died(job, None),
                    error="เครื่องในคลัสเตอร์ dask ที่สร้างรายงานนี้หยุดทำงาน จึงไม่ได้เขียนรายงาน"
                    " รันคำสั่ง batch อีกครั้ง (ไม่ต้องใส่ --force) เพื่อทำใหม่\n"
                    f"the dask worker rendering this report was lost ({type(exc).__name__}:"
                    f" {exc}), so no report was written; run the batch again (without --force)"
                    " to redo it",
                )
            on_result(result)

# -- the whole batch ------------------------------------------------------------------------
@contextlib.contextmanager
def _stop_on_signals(stop: threading.Event, caught: list[int]) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        caught.append(signum)
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def sweep_partial(folder: Path) -> int:
    """Delete the temporary files (``.<name>.<writer>.<random>.part.<ext>``) in ``folder`` and
    its cache folder that no one will rename: a killed worker's. Never a live process's (an
    officer's ``ita-report run`` writing into the same folder, another batch) nor another
    machine's: :func:`ita_report.iorw.sweep_stale_parts` asks whether the writer lives."""
    targets: set[Path] = set()
    for place in (folder, folder / STATE_DIR):
        for path in place.glob(".*.part*") if place.is_dir() else ():
            named = _PART_NAME.fullmatch(path.name)
            if named:
                targets.add(place / f"{named[1]}{named[2] or ''}")
    return len(sweep_stale_parts(targets))


#: ``.<stem>.<pid>@<host>.<random>.part<ext>`` (or the old ``.<stem>.<random>.part<ext>``):
#: the stem and suffix of the file it will become.
_PART_NAME = re.compile(r"\.([^.]+)\.(?:\d+@[A-Za-z0-9-]+\.)?[a-z0-9_]+\.part(\.[^.]+)?")


def run_batch(options: BatchOptions) -> BatchOutcome:
    """Every agency's report for one fiscal year, then status files and the index page."""
    started = time.monotonic()
    from ita_report.run import check_formats

    formats = tuple(f for f in check_formats(options.formats) if f != "html")
    table, roster, params = prepare(options)
    if "pdf" in formats and not options.dask_scheduler:
        from ita_report.report.pdf import check_pdf_engine

        check_pdf_engine()  # no browser: said once, before any worker starts
    # Absolute before any task leaves this process: a dask worker runs in its own folder, and
    # a relative path there would put the reports where the index cannot link to them.
    out_dir = Path(options.out).resolve()
    year_dir = out_dir / str(options.year)
    # A score file, roster or defaults file kept in the year's folder under a name the batch
    # writes (an agency's <org_id>.xlsx, status.csv) is read, never written over (issue 21).
    from ita_report.report import output_path

    inside = [i for i in (options.scores, options.agencies, options.params_defaults)
              if i is not None and Path(i).resolve().parent == year_dir]
    if inside:  # only then is there anything to compare (8,300 agencies × five names)
        written = [year_dir / n for n in ("status.csv", "status.json", "index.html")]
        written += [output_path(out_dir, p, s) for p in params.values()
                    for s in (".html", ".ipynb", ".docx", ".xlsx", ".pdf")]
        refuse_outputs_over_inputs(written, *inside)
    year_dir.mkdir(parents=True, exist_ok=True)
    sweep_partial(year_dir)
    plan = plan_batch(
        roster,
        params,
        table,
        year=options.year,
        out_dir=out_dir,
        static=static_digest(options.year, options.notebook),
        force=options.force,
        formats=formats,
    )
    results: dict[str, AgencyResult] = {r.org_id: r for r in plan.results}
    settings = WorkerSettings(
        notebook=options.notebook.resolve(),
        log_dir=(year_dir / STATE_DIR / "logs").resolve(),
        kernel_name=options.kernel_name,
        cell_timeout=options.timeout,
        formats=formats,
    )
    if options.quiet:
        log(plan_line(plan))
    progress = Progress(len(plan.jobs), quiet=options.quiet)

    def on_result(result: AgencyResult) -> None:
        results[result.org_id] = result
        progress.update(result)

    stop = threading.Event()
    caught: list[int] = []
    try:
        with _stop_on_signals(stop, caught):
            if options.force:
                # A forced report is out of date until it is written again: without its old
                # record, the batch that finishes an interrupted one (run without --force, as
                # the hint says) makes the reports this one never reached, and skips the
                # ones it wrote (their new records). Ctrl-C here only sets ``stop``.
                for job in plan.jobs:
                    job.state_path.unlink(missing_ok=True)
            if plan.jobs and options.dask_scheduler:
                run_dask(
                    plan.jobs,
                    address=options.dask_scheduler,
                    settings=settings,
                    on_result=on_result,
                    stop=stop,
                )
            elif plan.jobs:
                run_local(
                    plan.jobs,
                    workers=options.workers or os.cpu_count() or 1,
                    settings=settings,
                    on_result=on_result,
                    stop=stop,
                    recycle=options.recycle,
                )
    finally:
        progress.close()
    sweep_partial(year_dir)
    ordered = tuple(results[o] for o in plan.order if o in results)
    counts = {s: sum(r.status == s for r in ordered) for s in ("ok", "skipped", "failed")}
    counts["not_done"] = len(plan.order) - len(ordered)
    write_status(ordered, year_dir)
    write_index(ordered, year_dir, year=options.year)
    return BatchOutcome(
        results=ordered,
        year_dir=year_dir,
        seconds=round(time.monotonic() - started, 3),
        interrupted_by=caught[0] if caught else None,
        counts=counts,
        resume=resume_command(options),
    )

