"""The records a batch passes around: roster entries, jobs, results, options, the outcome.

Plain frozen dataclasses that pickle into worker processes and dask tasks. Every other module
of the batch imports from here and this module imports none of them: it must never do work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ita_report.params import ReportParams
from ita_report.scores import AgencyScores

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MEASURES_NOTEBOOK = PACKAGE_DIR.parent / "notebooks" / "measures_report.ipynb"
#: Hidden folder beside the reports: each agency's cache key and summary, kernel logs.
STATE_DIR = ".batch"
#: A worker process is replaced after this many reports, so memory stays flat.
DEFAULT_RECYCLE = 400
#: After Ctrl-C, reports already being rendered get this long to finish cleanly.
STOP_GRACE_SECONDS = 20.0

Status = Literal["ok", "skipped", "failed"]


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
    cell_timeout: float | None = None  # seconds a cell may run; None: run.kernel.CELL_TIMEOUT
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
    #: The computed figures against the official result (issue 23): "" when none was given,
    #: else "ตรงกับประกาศ" or "ต่างจากประกาศ: ITA, IIT" (the report prints the official ones).
    official: str = ""
    #: The failure was the input's (no scores, ``--strict`` and a tool missing): exit 2.
    input_error: bool = False

    @classmethod
    def failed(cls, params: ReportParams) -> AgencyResult:
        """The agency's row before anything is known of it: failed until shown otherwise."""
        return cls(org_id=params.org_id, org_name=params.org_name, status="failed",
                   org_type=params.org_type, province=params.province)


@dataclass(frozen=True)
class BatchPlan:
    """Which agencies to render, which are up to date, which cannot be done at all."""

    results: tuple[AgencyResult, ...]  # skipped and failed, known before any rendering
    jobs: tuple[AgencyJob, ...]
    order: tuple[str, ...]  # every org_id in roster order


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
    timeout: float | None = None  # seconds one cell may run; None: run.kernel.CELL_TIMEOUT
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
    #: The command that makes only what an interruption left (``status.resume_command``):
    #: the same batch without ``--force``, whose reports written so far are up to date.
    resume: str = ""

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
