"""``ita-report batch``: the report of every agency of a fiscal year, fast and resumable.

The scores are read once; each worker keeps one warm kernel and one exporter and renders one
agency at a time from its own slice of the scores. One agency's failure never stops the
batch; outputs are only ever renamed into place, so an interrupted batch leaves no partial
report and a rerun redoes only what is missing or out of date (keyed by a hash of its inputs).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import multiprocessing as mp
import multiprocessing.connection as mpc
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any, Literal

import pandas as pd

from ita_report import __version__
from ita_report.errors import InputError, ItaReportError, file_problem, signal_name
from ita_report.framework import data_dir, load_framework
from ita_report.iorw import atomic_open, atomic_paths, atomic_write_text, read_yaml
from ita_report.params import NESTED_SETTINGS, ReportParams, load_params, validate_params
from ita_report.scores import AgencyScores, ScoreTable, load_scores
from ita_report.text import strip_invisible

PACKAGE_DIR = Path(__file__).resolve().parent
MEASURES_NOTEBOOK = PACKAGE_DIR.parent / "notebooks" / "measures_report.ipynb"
#: Hidden folder beside the reports: each agency's cache key and summary, kernel logs.
STATE_DIR = ".batch"
#: A worker process is replaced after this many reports, so memory stays flat.
DEFAULT_RECYCLE = 400
#: After Ctrl-C, reports already being rendered get this long to finish cleanly.
STOP_GRACE_SECONDS = 20.0

Status = Literal["ok", "skipped", "failed"]

#: Roster columns: required, then optional (other columns, such as data_note, are ignored).
ROSTER_REQUIRED = ("org_id", "org_name")
ROSTER_OPTIONAL = ("short_name", "org_type", "province", "district", "params_file")


# -- records --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RosterEntry:
    """One agency of the roster (บัญชีรายชื่อหน่วยงาน): its own fields, and where it came from."""

    org_id: str
    org_name: str
    fields: tuple[tuple[str, str], ...]  # roster values that become params (non-empty only)
    params_file: Path | None
    where: str  # "agencies.csv row 5", for error messages


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker needs to render any agency; pickles into processes and dask tasks."""

    notebook: Path
    log_dir: Path
    kernel_name: str = "python3"
    cell_timeout: float | None = None  # seconds a cell may run; None: engine.CELL_TIMEOUT
    #: What every report is written as (``run.FORMATS``); HTML always. A worker asked for PDF
    #: starts its browser once and prints every agency's PDF with it.
    formats: tuple[str, ...] = ("html",)


@dataclass(frozen=True)
class AgencyJob:
    """One report to render: validated params, the agency's own score rows, where it goes."""

    params: ReportParams
    scores: AgencyScores
    key: str
    html_path: Path
    state_path: Path
    org_type: str = ""
    province: str = ""

    def paths(self, formats: Sequence[str]) -> dict[str, Path]:
        """Where each format of this report goes: ``<org_id>.html``, ``.docx``, ``.pdf`` …"""
        return {f: self.html_path.with_suffix(f".{f}") for f in ("html", *formats)}


@dataclass(frozen=True)
class AgencyResult:
    """What became of one agency (a row of status.csv and of index.html)."""

    org_id: str
    org_name: str
    status: Status
    seconds: float = 0.0
    error: str = ""
    org_type: str = ""
    province: str = ""
    ita: float | None = None
    level: str | None = None
    items_below_target: int | None = None
    indicators: tuple[float | None, ...] = ()
    report: str = ""  # file name of the HTML, relative to the year's folder
    #: Every file written for this agency (HTML first, then Word, Excel, PDF as asked).
    files: tuple[str, ...] = ()
    #: What the officer must know about a report that was written (a tool with no score).
    warning: str = ""
    #: The failure was the input's (no scores, ``--strict`` and a tool missing): exit 2.
    input_error: bool = False


@dataclass(frozen=True)
class BatchOptions:
    """Everything ``ita-report batch`` was asked to do."""

    scores: Path
    year: int
    agencies: Path | None = None
    params_defaults: Path | None = None
    out: Path = Path("reports")
    workers: int | None = None
    dask_scheduler: str | None = None
    force: bool = False
    quiet: bool = False
    recycle: int = DEFAULT_RECYCLE
    #: The report notebook; another one (with the same parameters cell) for tests and
    #: experiments, since a changed notebook changes every cache key.
    notebook: Path = MEASURES_NOTEBOOK
    kernel_name: str = "python3"
    timeout: float | None = None  # seconds one cell may run; None: engine.CELL_TIMEOUT
    #: A tool with no score fails that agency instead of a report with a note (``--strict``;
    #: also ``strict: true`` in the defaults file or an agency's own params file).
    strict: bool = False
    #: Formats of every report (``--formats``): html always, and docx, xlsx, pdf as asked.
    formats: tuple[str, ...] = ("html",)


@dataclass(frozen=True)
class BatchOutcome:
    """The batch as a whole: every agency's result, and whether it was cut short."""

    results: tuple[AgencyResult, ...]
    year_dir: Path
    seconds: float
    interrupted_by: int | None = None  # the signal number, if any
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """128 + signal if interrupted; 1 if a report failed for another reason than its
        input (a kernel, a worker); 2 if every failure was the input's; else 0."""
        if self.interrupted_by is not None:
            return 128 + self.interrupted_by
        failed = [r for r in self.results if r.status == "failed"]
        if any(not r.input_error for r in failed):
            return 1
        return 2 if failed else 0


# -- roster and params ----------------------------------------------------------------------
def load_roster(path: Path) -> list[RosterEntry]:
    """Read the agencies file (CSV, UTF-8): ``org_id, org_name`` and optional columns.

    Raises ``InputError`` naming the file, row, column and value of every bad row.
    """
    if not path.is_file():
        from ita_report.errors import missing_file_problem

        raise InputError(
            missing_file_problem(path, "ไม่พบไฟล์รายชื่อหน่วยงาน", "agencies file not found")
        )
    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=True
        )
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(
            file_problem(
                path,
                "อ่านเป็นตาราง CSV (UTF-8) ไม่ได้",
                f"cannot be read as a UTF-8 CSV table ({type(exc).__name__})",
                expected_th="ไฟล์ CSV UTF-8 มีหัวตาราง org_id, org_name",
                expected_en="a UTF-8 CSV with an org_id, org_name header",
            )
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in ROSTER_REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(
            file_problem(
                path,
                f"ไม่มีคอลัมน์ {', '.join(missing)}",
                f"has no column {', '.join(missing)}",
                where="row 1",
                expected_th="หัวตาราง org_id, org_name และ (ถ้ามี) " + ", ".join(ROSTER_OPTIONAL),
                expected_en="a header org_id, org_name and optionally "
                + ", ".join(ROSTER_OPTIONAL),
            )
        )
    problems = []
    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}
    for offset, record in enumerate(frame.to_dict("records")):
        row = offset + 2  # the header is row 1
        values = {k: str(v).strip() for k, v in record.items() if isinstance(k, str)}
        # An id pasted from a web page may hold a zero-width space: the id is what one sees.
        values["org_id"] = strip_invisible(values.get("org_id", "")).strip()
        for column in ROSTER_REQUIRED:
            if not values.get(column):
                problems.append(
                    file_problem(
                        path,
                        f"ไม่มีค่าในคอลัมน์ {column}",
                        f"{column} is empty",
                        where=f"row {row}",
                        column=column,
                        expected_th="รหัสและชื่อของหน่วยงานทุกแถว",
                        expected_en="an id and a name on every row",
                    )
                )
        org_id = values.get("org_id", "")
        if org_id in seen:
            problems.append(
                file_problem(
                    path,
                    f"รหัสหน่วยงานซ้ำกับแถว {seen[org_id]}",
                    f"org_id repeats row {seen[org_id]}",
                    where=f"row {row}",
                    column="org_id",
                    value=org_id,
                    expected_th="รหัสหน่วยงานไม่ซ้ำกัน",
                    expected_en="each org_id once",
                )
            )
        seen.setdefault(org_id, row)
        own = values.get("params_file", "")
        entries.append(
            RosterEntry(
                org_id=org_id,
                org_name=values.get("org_name", ""),
                fields=tuple((c, values[c]) for c in ROSTER_OPTIONAL[:-1] if values.get(c)),
                params_file=(path.parent / own) if own else None,
                where=f"{path} row {row}",
            )
        )
    if problems:
        raise InputError(problems)
    return entries


def roster_from_scores(table: ScoreTable, year: int) -> list[RosterEntry]:
    """Without an agencies file: every agency the score file has for ``year``, in file order."""
    entries = []
    for org_id, fiscal_year in table.agencies():
        if fiscal_year != year:
            continue
        name = table.for_agency(org_id, year).org_name or org_id
        entries.append(RosterEntry(org_id, name, (), None, f"{table.path} ({org_id})"))
    return entries


def read_defaults(path: Path | None) -> dict[str, Any]:
    """The defaults params file as a mapping (validated per agency, where it is complete)."""
    if path is None:
        return {}
    raw = read_yaml(path, missing_th="ไม่พบไฟล์พารามิเตอร์", missing_en="parameters file not found")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError(file_problem(path, "ต้องเป็นรายการ key: value", "must be key: value pairs"))
    return raw


def resolve_params(
    entry: RosterEntry,
    *,
    year: int,
    scores_path: Path,
    defaults: Mapping[str, Any],
    defaults_path: Path | None,
    strict: bool = False,
) -> ReportParams:
    """The agency's params: the defaults, then its roster fields, then its own params file.

    The batch's score file and fiscal year always win: it holds every agency's scores; so does
    ``strict`` when the batch was asked for it (``--strict``).
    """
    base: dict[str, Any] = {
        **defaults,
        "short_name": entry.org_name,
        **dict(entry.fields),
        "org_id": entry.org_id,
        "org_name": entry.org_name,
    }
    forced: dict[str, Any] = {"fiscal_year": year, "scores_file": str(scores_path.resolve())}
    if strict:
        forced["strict"] = True
    if entry.params_file is not None:
        own = read_defaults(entry.params_file)
        inherited = {k: v for k, v in base.items() if k not in own}
        for key in NESTED_SETTINGS:
            # A block of settings (document:) is merged key by key: the office's date and
            # font from the defaults, the agency's own letterhead from its file.
            if isinstance(base.get(key), Mapping) and isinstance(own.get(key), Mapping):
                inherited[key] = {**base[key], **own[key]}
        return load_params(entry.params_file, **inherited, **forced)
    values = {**base, **forced, "base_dir": str((defaults_path or scores_path).parent)}
    return validate_params(values, source=defaults_path or entry.where)


# -- cache keys -----------------------------------------------------------------------------
def _digest_files(paths: Sequence[Path], digest: Any) -> None:
    for path in paths:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())


def static_digest(year: int, notebook: Path) -> str:
    """Hash of what every report of ``year`` depends on besides its own params and scores.

    The notebook, the year's framework, the catalogue, the templates and the package's
    version. Code changed without a new version (a development install) needs ``--force``.
    """
    digest = hashlib.sha256(__version__.encode())
    _digest_files([notebook], digest)
    _digest_files(
        [data_dir() / "frameworks" / f"{year}.yaml", data_dir() / "catalogue" / "themes.yaml"],
        digest,
    )
    templates = PACKAGE_DIR / "report" / "templates"
    _digest_files(sorted(p for p in templates.rglob("*") if p.is_file()), digest)
    return digest.hexdigest()


def cache_key(params: ReportParams, scores: AgencyScores, static: str) -> str:
    """sha256 of one agency's score rows, its params and ``static`` (see :func:`static_digest`).

    Where the score file lies does not matter, only what it says about this agency.
    """
    payload = {
        "params": params.model_dump(mode="json", exclude={"scores_file", "base_dir"}),
        "org_name": scores.org_name,
        "scores": list(scores.scores.items()),
        "extra": list(scores.extra.items()),
        "static": static,
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def read_state(path: Path) -> dict[str, Any] | None:
    """The cache record of a report written before (None if absent or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


# -- one agency -----------------------------------------------------------------------------
def scores_csv(scores: AgencyScores) -> str:
    """The agency's rows as a long score file (an empty cell stays an empty cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("org_id", "org_name", "fiscal_year", "code", "score"))
    for code, value in [*scores.scores.items(), *scores.extra.items()]:
        score = "" if value is None else repr(value)  # repr: the exact float, read back
        writer.writerow((scores.org_id, scores.org_name, scores.fiscal_year, code, score))
    return buffer.getvalue()


class Worker:
    """What one worker keeps between agencies: a warm kernel, an exporter, the notebook.

    Not thread-safe: one per process (or per dask worker thread).
    """

    def __init__(self, settings: WorkerSettings) -> None:
        import nbformat

        from ita_report.catalogue import load_catalogue
        from ita_report.engine import CELL_TIMEOUT, WarmKernel
        from ita_report.report.page import make_exporter

        self.settings = settings
        self.exporter = make_exporter()
        self.catalogue = load_catalogue()
        template = nbformat.read(str(settings.notebook), as_version=4)  # type: ignore[no-untyped-call]
        template.metadata["papermill"] = {}
        for cell in template.cells:
            # papermill's parameterize reads every cell's tags (its own reader adds them); a
            # cell added in Jupyter without any must not fail every agency.
            cell.metadata.setdefault("tags", [])
        self.template = template
        self.tmp = Path(tempfile.mkdtemp(prefix="ita-batch-"))
        self.kernel = WarmKernel(
            cwd=settings.notebook.parent,
            kernel_name=settings.kernel_name,
            stderr_path=settings.log_dir / f"kernel-{os.getpid()}-{threading.get_ident()}.log",
            timeout=settings.cell_timeout or CELL_TIMEOUT,
        )
        self.printer: Any = None
        if "pdf" in settings.formats:
            from ita_report.report.pdf import PdfPrinter

            # Started with the kernel, once per worker; a crash is replaced at the next PDF.
            self.printer = PdfPrinter()

    def start(self) -> None:
        """Start the kernel, and the browser if this batch writes PDFs."""
        self.kernel.start()
        if self.printer is not None:
            self.printer.start()

    def close(self) -> None:
        self.kernel.shutdown()
        if self.printer is not None:
            self.printer.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def render(self, job: AgencyJob) -> AgencyResult:
        """Render one agency's report; any failure becomes a ``failed`` result, never a raise."""
        started = time.perf_counter()
        params = job.params
        base = AgencyResult(
            org_id=params.org_id,
            org_name=params.org_name,
            status="failed",
            org_type=job.org_type,
            province=job.province,
        )
        slice_path = self.tmp / f"{params.org_id}.csv"

        def named(text: str) -> str:
            # Messages name the batch's score file, not this worker's slice of it.
            return text.replace(str(slice_path), str(params.scores_file))

        try:
            result = self._render(job, slice_path, base)
            result = replace(result, warning=named(result.warning))
        except InputError as exc:
            result = replace(base, error=named(exc.render(limit=3)), input_error=True)
        except ItaReportError as exc:
            result = replace(base, error=str(exc))
        except Exception as exc:  # one agency must never stop the batch
            result = replace(base, error=f"{type(exc).__name__}: {exc}")
        finally:
            slice_path.unlink(missing_ok=True)
        return replace(result, seconds=round(time.perf_counter() - started, 3))

    def _render(self, job: AgencyJob, slice_path: Path, base: AgencyResult) -> AgencyResult:
        import copy

        from papermill.parameterize import parameterize_notebook

        from ita_report.report import build_document
        from ita_report.report.page import export_html

        slice_path.write_text(scores_csv(job.scores), encoding="utf-8")
        params = job.params.model_copy(update={"scores_file": str(slice_path)})
        table = load_scores(slice_path, year=params.fiscal_year, extra_codes=params.extra_codes)
        doc = build_document(params, scores=table, catalogue=self.catalogue)
        # Every value is injected, checked already: the notebook validates them as a whole.
        parameters = params.notebook_parameters()
        notebook = parameterize_notebook(copy.deepcopy(self.template), parameters)
        executed = self.kernel.execute(notebook, name=self.settings.notebook.name)
        html = export_html(executed, title=doc.title, exporter=self.exporter,
                           thai_digits=doc.thai)
        formats = self.settings.formats
        targets = job.paths(formats)
        a = doc.assessment
        result = replace(
            base,
            status="ok",
            ita=None if a.ita is None else round(a.ita, 2),
            level=a.level,
            items_below_target=len(a.items_below_target),
            indicators=tuple(None if i.score is None else round(i.score, 2) for i in a.indicators),
            report=job.html_path.name,
            files=tuple(path.name for path in targets.values()),
            warning="\n\n".join(w.render() for w in doc.warnings),
        )
        # Every format of one agency appears together, or (a failure) none of them does.
        with atomic_paths(targets) as staged:
            staged.write_text("html", html)
            if "docx" in staged:
                from ita_report.report.docx import docx_bytes

                staged.write_bytes("docx", docx_bytes(doc))
            if "xlsx" in staged:
                from ita_report.report.xlsx import xlsx_bytes

                staged.write_bytes("xlsx", xlsx_bytes(doc))
            if "pdf" in staged:
                assert self.printer is not None
                staged.write_bytes("pdf", self.printer.pdf(html))
        # The key goes last: a report without its key is redone, never wrongly skipped.
        state = {"key": job.key, **_result_record(result)}
        atomic_write_text(job.state_path, json.dumps(state, ensure_ascii=False))
        return result


def _result_record(result: AgencyResult) -> dict[str, Any]:
    record = asdict(result)
    record["indicators"] = list(result.indicators)
    return record


def _result_from_state(state: Mapping[str, Any], base: AgencyResult) -> AgencyResult:
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
    )


# -- planning -------------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchPlan:
    """Which agencies to render, which are up to date, which cannot be done at all."""

    results: tuple[AgencyResult, ...]  # skipped and failed, known before any rendering
    jobs: tuple[AgencyJob, ...]
    order: tuple[str, ...]  # every org_id in roster order


def plan_batch(
    entries: Sequence[RosterEntry],
    params: Mapping[str, ReportParams],
    table: ScoreTable,
    *,
    year: int,
    year_dir: Path,
    static: str,
    force: bool,
    formats: Sequence[str] = ("html",),
) -> BatchPlan:
    """Decide, agency by agency, whether its report must be (re)made.

    A report is up to date when its key is unchanged and every format asked for this time was
    written with that key and is still there (asking for PDF after an HTML-only batch makes
    every agency's set again).
    """
    results: list[AgencyResult] = []
    jobs: list[AgencyJob] = []
    for entry in entries:
        p = params[entry.org_id]
        base = AgencyResult(
            org_id=p.org_id,
            org_name=p.org_name,
            status="failed",
            org_type=p.org_type,
            province=p.province,
        )
        try:
            scores = table.for_agency(p.org_id, year)
        except InputError as exc:
            results.append(replace(base, error=exc.render(limit=3), input_error=True))
            continue
        if p.strict:
            # Refused here, before any worker starts a kernel for it (as ``run`` refuses).
            refused = _strict_refusal(p, scores, table.path)
            if refused:
                results.append(replace(base, error=refused, input_error=True))
                continue
        key = cache_key(p, scores, static)
        html_path = year_dir / f"{p.org_id}.html"
        state_path = year_dir / STATE_DIR / f"{p.org_id}.json"
        job = AgencyJob(p, scores, key, html_path, state_path, p.org_type, p.province)
        if not force and html_path.is_file():
            state = read_state(state_path)
            wanted = {path.name for path in job.paths(formats).values()}
            if (
                state is not None
                and state.get("key") == key
                and wanted <= set(state.get("files") or [html_path.name])
                and all(path.is_file() for path in job.paths(formats).values())
            ):
                results.append(_result_from_state(state, replace(base, status="skipped")))
                continue
        jobs.append(job)
    return BatchPlan(tuple(results), tuple(jobs), tuple(e.org_id for e in entries))


def _strict_refusal(params: ReportParams, scores: AgencyScores, scores_file: Path) -> str:
    """Why ``strict`` refuses this agency's report (a tool with no score at all), or ""."""
    from ita_report.report import missing_tool_problems
    from ita_report.scoring import assess

    assessment = assess(
        load_framework(params.fiscal_year),
        org_id=params.org_id,
        scores=scores.scores,
        extra=scores.extra,
        target=params.target,
    )
    problems = missing_tool_problems(assessment, scores_file, strict=True)
    return InputError(problems).render(limit=3) if problems else ""


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
    return AgencyResult(
        org_id=job.params.org_id,
        org_name=job.params.org_name,
        status="failed",
        org_type=job.org_type,
        province=job.province,
        error=(
            f"โปรเซสที่สร้างรายงานนี้หยุดทำงานกะทันหัน ({how}: หน่วยความจำอาจไม่พอ หรือถูกสั่งปิด)"
            " จึงไม่ได้เขียนรายงาน รันคำสั่งเดิมอีกครั้งเพื่อทำใหม่\n"
            f"the worker process died ({how}) while rendering this report, so no report was"
            " written; run the same command again to redo it"
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
                    " รันคำสั่งเดิมอีกครั้งเพื่อทำใหม่\n"
                    f"the dask worker rendering this report was lost ({type(exc).__name__}:"
                    f" {exc}), so no report was written; run the same command again to redo it",
                )
            on_result(result)


# -- the whole batch ------------------------------------------------------------------------
class _Progress:
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
            _log(f"failed {result.org_id}: {(result.error.splitlines() or [''])[0]}")
        if self.done % self.every == 0 or self.done == self.total:
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            _log(f"{self.done}/{self.total} reports, {rate:.1f}/s, about {eta:.0f} s left")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _log(text: str) -> None:
    print(f"[ita-report batch] {text}", file=sys.stderr, flush=True)


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
    """Delete temporary files a killed process left behind (``.<name>.*.part.<ext>``)."""
    removed = 0
    if folder.is_dir():
        for path in [*folder.glob(".*.part*"), *folder.glob(f"{STATE_DIR}/.*.part*")]:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    return removed


def prepare(options: BatchOptions) -> tuple[ScoreTable, list[RosterEntry], dict[str, ReportParams]]:
    """Validate every input before anything is written (``InputError`` otherwise)."""
    load_framework(options.year)  # an unknown year is an InputError with the years known
    defaults = read_defaults(options.params_defaults)
    roster = load_roster(options.agencies) if options.agencies else None
    if roster is not None:
        pre = {e.org_id: _params(e, options, defaults) for e in roster}
        extra = sorted({c for p in pre.values() for c in p.extra_codes})
    else:
        extra = sorted(_params_extra(defaults))
    table = load_scores(options.scores, year=options.year, extra_codes=extra)
    if roster is None:
        roster = roster_from_scores(table, options.year)
        pre = {e.org_id: _params(e, options, defaults) for e in roster}
    return table, roster, pre


def _params_extra(defaults: Mapping[str, Any]) -> list[str]:
    raw = defaults.get("extra_codes") or []
    return [str(c) for c in raw] if isinstance(raw, list | tuple) else []


def _params(entry: RosterEntry, options: BatchOptions, defaults: Mapping[str, Any]) -> ReportParams:
    return resolve_params(
        entry,
        year=options.year,
        scores_path=options.scores,
        defaults=defaults,
        defaults_path=options.params_defaults,
        strict=options.strict,
    )


def run_batch(options: BatchOptions) -> BatchOutcome:
    """Every agency's report for one fiscal year, then status files and the index page."""
    from ita_report.batch_index import write_index

    started = time.monotonic()
    from ita_report.run import check_formats

    formats = tuple(f for f in check_formats(options.formats) if f != "html")
    table, roster, params = prepare(options)
    if "pdf" in formats and not options.dask_scheduler:
        from ita_report.report.pdf import check_pdf_engine

        check_pdf_engine()  # no browser: said once, before any worker starts
    # Absolute before any task leaves this process: a dask worker runs in its own folder, and
    # a relative path there would put the reports where the index cannot link to them.
    year_dir = Path(options.out).resolve() / str(options.year)
    year_dir.mkdir(parents=True, exist_ok=True)
    sweep_partial(year_dir)
    plan = plan_batch(
        roster,
        params,
        table,
        year=options.year,
        year_dir=year_dir,
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
        _log(
            f"{len(plan.order)} agencies: {len(plan.jobs)} to render, "
            f"{sum(r.status == 'skipped' for r in plan.results)} up to date, "
            f"{sum(r.status == 'failed' for r in plan.results)} without scores"
        )
    progress = _Progress(len(plan.jobs), quiet=options.quiet)

    def on_result(result: AgencyResult) -> None:
        results[result.org_id] = result
        progress.update(result)

    stop = threading.Event()
    caught: list[int] = []
    try:
        with _stop_on_signals(stop, caught):
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
    )


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
    }


def write_status(results: Sequence[AgencyResult], year_dir: Path) -> None:
    """``status.csv`` (UTF-8 with BOM, so Thai Excel opens it right) and ``status.json``."""
    rows = [_status_row(r) for r in results]
    with atomic_open(year_dir / "status.csv", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=STATUS_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    atomic_write_text(
        year_dir / "status.json", json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    )


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
