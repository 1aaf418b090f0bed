"""``ita-report run``: params → executed notebook (papermill) → HTML (nbconvert), written safely.

The params and the scores are validated in this process first, so a mistake gets its clear
message before any kernel starts. Outputs go to temporary files renamed into place: a failed
or interrupted run never leaves a partial report where a report belongs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ita_report.iorw import atomic_path, atomic_write_text
from ita_report.params import ReportParams, load_params
from ita_report.report import build_document, output_path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MEASURES_NOTEBOOK = NOTEBOOKS / "measures_report.ipynb"

#: Output formats (รูปแบบไฟล์ผลลัพธ์). The HTML is always written: it is the executed notebook's
#: own export; Word and Excel are built from the same document beside it.
FORMATS = ("html", "docx", "xlsx")


@dataclass(frozen=True)
class RunResult:
    """Where one report was written."""

    params: ReportParams
    html_path: Path
    notebook_path: Path
    title: str
    docx_path: Path | None = None
    xlsx_path: Path | None = None


def run_report(
    params_file: str | Path,
    out_dir: str | Path = "reports",
    *,
    notebook: Path = MEASURES_NOTEBOOK,
    exporter: Any = None,
    kernel_name: str | None = None,
    formats: Sequence[str] = ("html",),
) -> RunResult:
    """Run the measures notebook for one params file and export its HTML report.

    Writes ``<out_dir>/<fiscal_year>/<org_id>.html`` and the executed notebook beside it, and
    ``.docx`` / ``.xlsx`` too when ``formats`` asks for them. A notebook that stops with an
    error raises :class:`~ita_report.errors.NotebookFailed`, with the executed notebook kept as
    ``<org_id>.failed.ipynb`` and its traceback in ``<org_id>.failed.log``.
    """
    import papermill

    from ita_report.engine import QuietKernelManager
    from ita_report.export import export_html

    params = load_params(params_file)
    doc = build_document(params)  # validates scores and catalogue before a kernel starts
    html_path = output_path(Path(out_dir), params, ".html")
    nb_path = output_path(Path(out_dir), params, ".ipynb")
    parameters = {**params.notebook_parameters(), "params_file": str(Path(params_file).resolve())}
    wanted = check_formats(formats)
    failed_nb = output_path(Path(out_dir), params, ".failed.ipynb")
    failed_log = output_path(Path(out_dir), params, ".failed.log")
    with atomic_path(nb_path) as tmp_nb:
        try:
            executed = papermill.execute_notebook(
                str(notebook),
                str(tmp_nb),
                parameters=parameters,
                cwd=str(notebook.parent),
                kernel_name=kernel_name,
                progress_bar=False,
                log_output=False,
                # papermill hands this to nbclient: the kernel's own log lines (not cell
                # output) stay off the terminal.
                kernel_manager_class=QuietKernelManager,
            )
        except Exception as exc:  # any way a kernel run ends badly: said once, for people
            from ita_report.failure import keep_failure

            raise keep_failure(exc, notebook, tmp_nb, failed_nb, failed_log, params_file) from exc
        html = export_html(executed, title=doc.title, exporter=exporter)
        atomic_write_text(html_path, html)
    docx_path = xlsx_path = None
    if "docx" in wanted:
        from ita_report.docx_report import write_docx

        docx_path = write_docx(doc, output_path(Path(out_dir), params, ".docx"))
    if "xlsx" in wanted:
        from ita_report.xlsx_report import write_xlsx

        xlsx_path = write_xlsx(doc, output_path(Path(out_dir), params, ".xlsx"))
    # A success makes an earlier failure's leftovers misleading.
    for stale in (failed_nb, failed_log):
        stale.unlink(missing_ok=True)
    return RunResult(params, html_path, nb_path, doc.title, docx_path, xlsx_path)


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """The formats asked for, checked against :data:`FORMATS` (``ValueError`` otherwise)."""
    asked = tuple(f.strip().lower() for f in formats if f.strip())
    unknown = [f for f in asked if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; use {', '.join(FORMATS)}")
    return asked or ("html",)

