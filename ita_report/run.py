"""``ita-report run``: params → executed notebook (papermill) → HTML (nbconvert), written safely.

The params and the scores are validated in this process first, so a mistake gets its clear
message before any kernel starts. Outputs go to temporary files renamed into place: a failed
or interrupted run never leaves a partial report where a report belongs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ita_report.iorw import atomic_path, atomic_write_text
from ita_report.params import ReportParams, load_params
from ita_report.report import build_document, output_path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MEASURES_NOTEBOOK = NOTEBOOKS / "measures_report.ipynb"


@dataclass(frozen=True)
class RunResult:
    """Where one report was written."""

    params: ReportParams
    html_path: Path
    notebook_path: Path
    title: str


def run_report(
    params_file: str | Path,
    out_dir: str | Path = "reports",
    *,
    notebook: Path = MEASURES_NOTEBOOK,
    exporter: Any = None,
    kernel_name: str | None = None,
) -> RunResult:
    """Run the measures notebook for one params file and export its HTML report.

    Writes ``<out_dir>/<fiscal_year>/<org_id>.html`` and the executed notebook beside it.
    """
    import papermill

    from ita_report.export import export_html

    params = load_params(params_file)
    doc = build_document(params)  # validates scores and catalogue before a kernel starts
    html_path = output_path(Path(out_dir), params, ".html")
    nb_path = output_path(Path(out_dir), params, ".ipynb")
    parameters = {**params.notebook_parameters(), "params_file": str(Path(params_file).resolve())}
    with atomic_path(nb_path) as tmp_nb:
        executed = papermill.execute_notebook(
            str(notebook),
            str(tmp_nb),
            parameters=parameters,
            cwd=str(notebook.parent),
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
        )
        html = export_html(executed, title=doc.title, exporter=exporter)
        atomic_write_text(html_path, html)
    return RunResult(params, html_path, nb_path, doc.title)

