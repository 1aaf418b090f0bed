"""One batch worker: a warm kernel, an exporter and the notebook, rendering one agency at a time.

Any failure of one agency becomes a ``failed`` result, never a raise; every file of a report
is renamed into place together, and its cache record last. The worker must never decide what
to render (``plan``) or manage processes (``pool``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ita_report.batch.records import AgencyJob, AgencyResult, WorkerSettings
from ita_report.batch.status import write_state
from ita_report.errors import InputError, ItaReportError, NotebookFailed
from ita_report.iorw import atomic_paths
from ita_report.scores import COLUMNS, AgencyScores, ScoreTable
from ita_report.thai import round_score

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from ita_report.run.kernel import WarmKernel
    from ita_report.run.notebook import FailureFiles


def agency_table(scores: AgencyScores, path: Path) -> ScoreTable:
    """A score table holding only this agency's rows, built in memory from its slice.

    ``path`` is the batch's score file, so every message names it. Declared codes outside the
    framework (``extra``) stay declared, and an empty cell stays an empty cell.
    """
    rows = [*scores.scores.items(), *scores.extra.items()]
    n = len(rows)
    frame = pd.DataFrame(
        {
            "org_id": pd.Series([scores.org_id] * n, dtype=object),
            "org_name": pd.Series([scores.org_name] * n, dtype=object),
            "fiscal_year": pd.Series([scores.fiscal_year] * n, dtype="int64"),
            "code": pd.Series([code for code, _ in rows], dtype=object),
            "score": pd.Series([value for _, value in rows], dtype="float64"),
            "where": pd.Series([""] * n, dtype=object),
        },
        columns=list(COLUMNS),
    )
    return ScoreTable(path=path, frame=frame, extra_codes=frozenset(scores.extra))


def read_notebook(path: Path) -> NotebookNode:
    """The report notebook, read once per worker and parameterized once per agency."""
    import nbformat

    return nbformat.read(str(path), as_version=4)  # type: ignore[no-any-return,no-untyped-call]


def execute_notebook(
    kernel: WarmKernel,
    template: NotebookNode,
    parameters: dict[str, Any],
    *,
    name: str,
    failure: FailureFiles | None = None,
    merge: bool = False,
) -> NotebookNode:
    """The batch's one execution of the report notebook: the notebook's one execution path
    (``run.notebook.execute``) in the warm ``kernel``, so a batch failure is the same
    ``NotebookFailed`` as ``ita-report run``'s and keeps its notebook and log (``failure``).
    ``merge``: neighbouring cells run together (``batch.cells``)."""
    from ita_report.batch.cells import merge_cells
    from ita_report.run.notebook import execute

    return execute(template, parameters, kernel=kernel, name=name, failure=failure,
                   arrange=merge_cells if merge else None)


#: Failures not worth a second run: it would wait as long again, or find no kernel.
_NOT_AGAIN = frozenset({"CellTimeoutError", "DeadKernelError", "TimeoutError"})


class Worker:
    """What one worker keeps between agencies: a warm kernel, an exporter, the notebook.

    Not thread-safe: one per process (or per dask worker thread).
    """

    def __init__(self, settings: WorkerSettings) -> None:
        from ita_report.catalogue import load_catalogue
        from ita_report.report.page import make_exporter
        from ita_report.run.kernel import CELL_TIMEOUT, WarmKernel

        self.settings = settings
        self.exporter = make_exporter()
        self.catalogue = load_catalogue()
        self.template = read_notebook(settings.notebook)
        #: Run neighbouring cells together (batch.cells): the same page, fewer round trips.
        self.merge = True
        from ita_report.document import kernel_environment, new_document_key

        self.tmp = Path(tempfile.mkdtemp(prefix="ita-batch-"))  # mode 0700: this user's only
        # Signs the documents handed to the kernel, which alone gets it (its environment).
        self.document_key = new_document_key()
        self.kernel = WarmKernel(
            cwd=settings.notebook.parent,
            kernel_name=settings.kernel_name,
            stderr_path=settings.log_dir / f"kernel-{os.getpid()}-{threading.get_ident()}.log",
            timeout=settings.cell_timeout or CELL_TIMEOUT,
            env=kernel_environment(self.document_key),
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
        base = AgencyResult.failed(job.params)
        try:
            result = self._render(job, base)
        except InputError as exc:
            result = replace(base, error=exc.render(limit=3), input_error=True)
        except NotebookFailed as exc:
            result = replace(base, error=exc.render(), input_error=exc.is_input_error)
        except ItaReportError as exc:
            result = replace(base, error=str(exc))
        except Exception as exc:  # one agency must never stop the batch
            result = replace(base, error=f"{type(exc).__name__}: {exc}")
        return replace(result, seconds=round(time.perf_counter() - started, 3))

    def _execute(self, parameters: dict[str, Any], failure: FailureFiles) -> NotebookNode:
        """The notebook's cells run with ``parameters``, neighbouring ones together
        (``batch.cells``); a cell that fails is found again by running them one by one, so
        the failure names the notebook's own cell and keeps its own executed notebook."""
        name = self.settings.notebook.name
        if self.merge:
            try:
                return execute_notebook(self.kernel, self.template, parameters, name=name,
                                        failure=failure, merge=True)
            except NotebookFailed as exc:
                if exc.failure.ename in _NOT_AGAIN:
                    raise
        return execute_notebook(self.kernel, self.template, parameters, name=name,
                                failure=failure)

    def _render(self, job: AgencyJob, base: AgencyResult) -> AgencyResult:
        from ita_report.document import DOCUMENT_PARAMETER, save_document
        from ita_report.report import build_document
        from ita_report.report.page import export_html

        params = job.params
        table = agency_table(job.scores, params.scores_path)
        doc = build_document(params, scores=table, catalogue=self.catalogue)
        # The kernel shows this document (document_file), never reading the batch's score
        # file again: every format of the report is the same document, computed once.
        document_file = save_document(doc, self.tmp / f"{params.org_id}.pickle",
                                      self.document_key)
        parameters = {**params.notebook_parameters(), DOCUMENT_PARAMETER: str(document_file)}
        from ita_report.run.notebook import FailureFiles

        html_path = job.html_path
        from ita_report.official_check import official_summary

        # A failed agency keeps <org_id>.failed.ipynb and .failed.log beside its report, as
        # ita-report run does; a success removes an earlier failure's.
        failure = FailureFiles.beside(lambda suffix: html_path.with_name(html_path.stem + suffix))
        try:
            executed = self._execute(parameters, failure)
        finally:
            document_file.unlink(missing_ok=True)
        from ita_report.report.preparer_page import split_page, write_notes

        # The page an agency posts holds no preparer's notes: they go to a file of their own.
        split = split_page(export_html(executed, title=doc.title, exporter=self.exporter,
                                       thai_digits=doc.thai),
                           title=doc.title, report_name=html_path.name)
        html = split.published
        formats = self.settings.formats
        targets = job.paths(formats)
        a = doc.assessment
        result = replace(
            base,
            status="ok",
            ita=None if a.ita is None else round_score(a.ita),
            level=a.level,
            items_below_target=len(a.items_below_target),
            indicators=tuple(None if i.score is None else round_score(i.score)
                             for i in a.indicators),
            report=job.html_path.name,
            files=tuple(path.name for path in targets.values()),
            warning="\n\n".join(w.render() for w in (*doc.warnings, *doc.differences)),
            official=official_summary(doc.official, doc.differences),
        )
        # Every format of one agency appears together, or (a failure) none of them does.
        with atomic_paths(targets) as staged:
            staged.write_text("html", html)
            if "docx" in staged:
                from ita_report.report.docx import docx_bytes

                staged.write_bytes("docx", docx_bytes(doc))
            if "xlsx" in staged:
                from ita_report.report.xlsx import xlsx_bytes

                staged.write_bytes("xlsx", xlsx_bytes(doc, keep_from=targets["xlsx"]))
            if "pdf" in staged:
                assert self.printer is not None
                staged.write_bytes("pdf", self.printer.pdf(html))
        write_notes(html_path, split.notes_page)
        # The key goes last: a report without its key is redone, never wrongly skipped.
        write_state(job.state_path, job.key, result, list(targets.values()))
        failure.clear()
        return result
