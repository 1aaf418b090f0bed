"""Execute a report notebook: the one place papermill and nbclient run a notebook's cells.

In a kernel started for this one run (papermill saves the executed notebook as each cell
starts) or in a :class:`~ita_report.run.kernel.WarmKernel` a batch worker reuses. Either way a
run that stops raises one :class:`~ita_report.errors.NotebookFailed`, the executed notebook kept
as ``<id>.failed.ipynb`` and its traceback in ``<id>.failed.log``. Never prints.
"""

from __future__ import annotations

import copy
import datetime as _dt
import logging
import re
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_report.errors import NotebookFailed, NotebookFailure
from ita_report.iorw import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from ita_report.run.kernel import WarmKernel

__all__ = ["FailureFiles", "execute"]

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# nbclient logs "Kernel died while waiting for execute reply" itself; NotebookFailed says it
# for people. Handled here so a worker process without logging set up prints nothing.
_LOG = logging.getLogger(__name__)
_LOG.addHandler(logging.NullHandler())


@dataclass(frozen=True)
class FailureFiles:
    """Where a run that stops keeps its executed notebook and its log, beside the report."""

    notebook: Path  # <id>.failed.ipynb
    log: Path  # <id>.failed.log

    @classmethod
    def beside(cls, path_for: Callable[[str], Path]) -> FailureFiles:
        """``path_for(".failed.ipynb")`` and ``path_for(".failed.log")``: the report's own
        naming (and its checks), so they land where the report would have."""
        return cls(path_for(".failed.ipynb"), path_for(".failed.log"))

    def clear(self) -> None:
        """Delete an earlier failure's files: a success makes them misleading."""
        for path in (self.notebook, self.log):
            path.unlink(missing_ok=True)


def execute(
    notebook: Path | NotebookNode,
    parameters: Mapping[str, Any] | None = None,
    *,
    output: Path | None = None,
    failure: FailureFiles | None = None,
    params_file: str | Path | None = None,
    kernel: WarmKernel | None = None,
    kernel_name: str | None = None,
    timeout: float | None = None,
    name: str | None = None,
    env: Mapping[str, str] | None = None,
    arrange: Callable[[NotebookNode], NotebookNode] | None = None,
) -> NotebookNode:
    """Execute ``notebook`` with ``parameters`` injected (papermill's way); return it executed.

    Without ``kernel``, papermill starts a kernel (``kernel_name``, else the notebook's own)
    in the notebook's folder for this run alone and writes the executed notebook to
    ``output`` as it goes. With a :class:`~ita_report.run.kernel.WarmKernel`, its namespace is
    emptied and the cells of a copy of ``notebook`` run there; ``output``, when given, is
    written at the end. ``notebook`` is a path, or for a warm kernel an already read notebook
    (read once, executed for many agencies); ``name`` is what messages call it (default: the
    file's name). ``env`` is added to the environment of a kernel of its own (the secret
    that verifies a handed-over document, never a parameter: parameters are written into the
    notebook); a warm kernel was given its own when it started.

    A cell that raises, a kernel that dies or a cell running past ``timeout`` seconds
    (default: the warm kernel's, else :data:`~ita_report.run.kernel.CELL_TIMEOUT`) raises
    :class:`~ita_report.errors.NotebookFailed`; ``failure`` says where the executed notebook
    and the log are kept (none kept without it), ``params_file`` is named in the log. A warm
    kernel that died or hung is replaced before this raises, so the next agency gets a working
    one.

    A batch worker keeps one kernel and the notebook read once, and for each agency calls::

        execute(template, params.notebook_parameters(), kernel=worker.kernel,
                name=notebook_path.name,
                failure=FailureFiles.beside(lambda s: output_path(year_dir, params, s)))

    catching :class:`~ita_report.errors.NotebookFailed` (its ``is_input_error`` tells an
    input's fault from the program's) and clearing the ``FailureFiles`` once its files are
    written. ``arrange`` (warm kernel only) is given the parameterized copy before it runs
    and returns the notebook to run (the batch's ``batch.cells.merge_cells``).
    """
    if kernel is not None:
        return _execute_warm(notebook, parameters, kernel, output=output, failure=failure,
                             params_file=params_file, timeout=timeout, name=name,
                             arrange=arrange)
    if not isinstance(notebook, Path):
        raise TypeError("a notebook run in a kernel of its own is given as a path")
    if output is None:
        raise TypeError("a notebook run in a kernel of its own needs an output path")
    # Imported only now: papermill takes seconds to import, which a refused input should not
    # wait for.
    import papermill

    from ita_report.run.kernel import CELL_TIMEOUT, with_environment

    limit = timeout or CELL_TIMEOUT
    try:
        executed: NotebookNode = papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=dict(parameters or {}),
            cwd=str(notebook.parent),
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            # papermill hands this to nbclient: the kernel's own log lines (not cell output)
            # stay off the terminal.
            kernel_manager_class=with_environment(env or {}),
            execution_timeout=limit,  # a hung cell must not hold the run forever
        )
    except Exception as exc:  # any way a kernel run ends badly: said once, for people
        raise _keep(exc, notebook, name or notebook.name, output, failure, params_file,
                    timeout=limit) from exc
    return executed


def _execute_warm(
    notebook: Path | NotebookNode,
    parameters: Mapping[str, Any] | None,
    kernel: WarmKernel,
    *,
    output: Path | None,
    failure: FailureFiles | None,
    params_file: str | Path | None,
    timeout: float | None,
    name: str | None,
    arrange: Callable[[NotebookNode], NotebookNode] | None = None,
) -> NotebookNode:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    nb: NotebookNode
    if isinstance(notebook, Path):
        name = name or notebook.name
        nb = nbformat.read(str(notebook), as_version=4)  # type: ignore[no-untyped-call]
    else:
        nb = copy.deepcopy(notebook)
    name = name or "notebook"
    limit = timeout or kernel.timeout
    index: int | None = None
    try:
        if parameters:
            nb = _parameterize(nb, parameters)
        if arrange is not None:
            nb = arrange(nb)
        kernel.ready()
        client = NotebookClient(
            nb,
            km=kernel.manager,
            timeout=limit,
            kernel_name=kernel.kernel_name,
            resources={"metadata": {"path": kernel.cwd}},
            log=_LOG,
        )
        client.kc = kernel.client
        client.reset_execution_trackers()
        nb.metadata["language_info"] = kernel.language_info
        for index, cell in enumerate(nb.cells):
            try:
                kernel.run(
                    client.async_execute_cell(
                        cell, index, execution_count=client.code_cells_executed + 1,
                        store_history=False,
                    )
                )
            except (DeadKernelError, TimeoutError, RuntimeError):
                # A dead or stuck kernel cannot run the next agency: replace it now.
                kernel.restart()
                raise
        index = None  # past the cells: what fails now is no cell's
        if output is not None:
            atomic_write_text(output, nbformat.writes(nb))  # type: ignore[no-untyped-call]
    except Exception as exc:  # any way a kernel run ends badly: said once, for people
        # nbclient's RuntimeErrors ("Kernel didn't respond") are a kernel gone too.
        lost = isinstance(exc, RuntimeError) and index is not None
        raise _keep(exc, notebook if isinstance(notebook, Path) else None, name, nb, failure,
                    params_file, timeout=limit, cell_index=index,
                    ename="DeadKernelError" if lost else None) from None
    kernel.runs += 1
    return nb


def _parameterize(nb: NotebookNode, parameters: Mapping[str, Any]) -> NotebookNode:
    """papermill's injected parameters cell, as ``papermill -f`` would write it."""
    from papermill.parameterize import parameterize_notebook

    nb.metadata.setdefault("papermill", {})
    for cell in nb.cells:
        # papermill's parameterize reads every cell's tags (its own reader adds them); a cell
        # added in Jupyter without any must not fail the run.
        cell.metadata.setdefault("tags", [])
    injected: NotebookNode = parameterize_notebook(nb, dict(parameters))
    return injected


def _keep(
    exc: BaseException,
    notebook: Path | None,
    name: str,
    executed: Path | NotebookNode,
    failure: FailureFiles | None,
    params_file: str | Path | None,
    *,
    timeout: float | None = None,
    cell_index: int | None = None,
    ename: str | None = None,
) -> NotebookFailed:
    """Keep the executed notebook and a traceback log; return the error to raise.

    ``exc`` is what papermill or nbclient raised: papermill's ``PapermillExecutionError`` and
    nbclient's ``CellExecutionError`` carry the error's name and message and the kernel's
    traceback; anything else (a kernel that died, a cell that ran past ``timeout`` seconds, a
    missing kernel) is logged with this process's traceback. The cell is ``cell_index`` (the
    warm loop knows it), papermill's, or the last one papermill's saved notebook started.
    """
    ename = ename or str(getattr(exc, "ename", "") or type(exc).__name__)
    evalue = str(getattr(exc, "evalue", "") or exc)
    if cell_index is None:
        cell_index = getattr(exc, "cell_index", None)
    if cell_index is None and isinstance(executed, Path):
        cell_index = _last_started_cell(executed)
    lines = getattr(exc, "traceback", None)
    if isinstance(lines, str) and lines:
        lines = lines.splitlines()
    if isinstance(lines, list) and lines:
        trace = "\n".join(_ANSI.sub("", str(line)) for line in lines)
    else:
        trace = "".join(traceback.format_exception(exc))
    kept: Path | None = None
    log: Path | None = None
    if failure is not None:
        if isinstance(executed, Path):
            if executed.is_file() and executed.stat().st_size > 0:
                atomic_write_bytes(failure.notebook, executed.read_bytes())
                kept = failure.notebook
        else:
            import nbformat

            atomic_write_text(failure.notebook, nbformat.writes(executed))  # type: ignore[no-untyped-call]
            kept = failure.notebook
        params_line = "" if params_file is None else f"params: {Path(params_file).resolve()}\n"
        atomic_write_text(
            failure.log,
            f"ita-report: notebook run failed"
            f" {_dt.datetime.now().isoformat(timespec='seconds')}\n"
            f"{params_line}"
            f"notebook: {notebook or name}\n"
            f"cell: {'' if cell_index is None else int(cell_index) + 1}\n"
            f"error: {ename}: {evalue}\n\n{trace}\n",
        )
        log = failure.log
    return NotebookFailed(
        NotebookFailure(
            notebook=name,
            cell=None if cell_index is None else int(cell_index) + 1,
            ename=ename,
            evalue=evalue,
            failed_notebook=kept,
            log=log,
            timeout=timeout,
        )
    )


def _last_started_cell(executed: Path) -> int | None:
    """The 0-based index of the cell papermill started last (the one running when it stopped).

    papermill saves the notebook as each cell starts, with a start time in the cell's metadata;
    a kernel that dies or a cell that times out leaves no other trace of where it happened.
    """
    import nbformat

    try:
        nb = nbformat.read(str(executed), as_version=4)  # type: ignore[no-untyped-call]
    except Exception:  # an empty or half-saved notebook: say nothing rather than guess
        return None
    started = [
        i for i, cell in enumerate(nb.cells) if cell.metadata.get("papermill", {}).get("start_time")
    ]
    return started[-1] if started else None
