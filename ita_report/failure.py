"""What is kept when a report notebook stops with an error, and the paragraph a person reads.

The executed notebook (with the error in it) and a log with the full traceback are written
beside the report, atomically; the terminal gets one short paragraph. Never prints.
"""

from __future__ import annotations

import datetime as _dt
import re
import traceback
from pathlib import Path

from ita_report.errors import NotebookFailed, NotebookFailure
from ita_report.iorw import atomic_write_bytes, atomic_write_text

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def keep_failure(
    exc: BaseException,
    notebook: Path,
    executed: Path,
    failed_notebook: Path,
    log: Path,
    params_file: str | Path,
    *,
    timeout: float | None = None,
) -> NotebookFailed:
    """Keep the executed notebook and a traceback log; return the error to raise.

    ``exc`` is what papermill raised: its ``PapermillExecutionError`` carries the cell, the
    error's name and message and the kernel's traceback; anything else (a kernel that died,
    a cell that ran past ``timeout`` seconds, a missing kernel) is logged with this process's
    traceback, and its cell is read from the executed notebook.
    """
    ename = str(getattr(exc, "ename", "") or type(exc).__name__)
    evalue = str(getattr(exc, "evalue", "") or exc)
    cell_index = getattr(exc, "cell_index", None)
    if cell_index is None:
        cell_index = _last_started_cell(executed)
    lines = getattr(exc, "traceback", None)
    if isinstance(lines, list) and lines:
        trace = "\n".join(_ANSI.sub("", str(line)) for line in lines)
    else:
        trace = "".join(traceback.format_exception(exc))
    kept: Path | None = None
    if executed.is_file() and executed.stat().st_size > 0:
        atomic_write_bytes(failed_notebook, executed.read_bytes())
        kept = failed_notebook
    atomic_write_text(
        log,
        f"ita-report: notebook run failed {_dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"params: {Path(params_file).resolve()}\n"
        f"notebook: {notebook}\n"
        f"cell: {'' if cell_index is None else int(cell_index) + 1}\n"
        f"error: {ename}: {evalue}\n\n{trace}\n",
    )
    return NotebookFailed(
        NotebookFailure(
            notebook=notebook.name,
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
