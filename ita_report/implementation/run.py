"""``ita-report run`` for ``notebook: implementation_report``: params → executed notebook → page.

The report is computed here first, so a wrong progress sheet or params file is refused with its
message before any kernel starts; the page, the executed notebook and any Word or Excel file are
made first and renamed into place together (``iorw.atomic_paths``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ita_report.iorw import atomic_paths, refuse_outputs_over_inputs

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "implementation_report.ipynb"
SUFFIX = ".implementation"


@dataclass(frozen=True)
class ImplementationResult:
    """Where one implementation report was written."""

    html_path: Path
    notebook_path: Path
    title: str
    docx_path: Path | None = None
    xlsx_path: Path | None = None
    pdf_path: Path | None = None
    #: For the officer preparing it (shown on the terminal, never printed).
    notes: tuple[str, ...] = ()
    #: The notes' own file beside the page (never to publish); None: there are none.
    notes_path: Path | None = None


def run_implementation(
    params_file: str | Path,
    out_dir: str | Path = "reports",
    *,
    formats: Sequence[str] = ("html",),
    timeout: float | None = None,
    exporter: Any = None,
    kernel_name: str | None = None,
    printer: Any = None,
) -> ImplementationResult:
    """Run ``notebooks/implementation_report.ipynb`` for ``params_file`` and export its page.

    Writes ``<out>/<results year>/<org_id>.implementation.html`` (the measures' results year, as
    the measures document's own folder) with the executed notebook, and ``.docx``/``.xlsx``
    beside it when ``formats`` asks for them, and ``.pdf`` printed from the page as the
    measures document's is (``printer`` may be one already started).
    """
    from ita_report.implementation.document import build_implementation
    from ita_report.implementation.params import load_implementation_params
    from ita_report.report import output_path
    from ita_report.run.formats import check_formats, print_pdf
    from ita_report.run.notebook import FailureFiles, execute

    wanted = check_formats(formats)
    if "pdf" in wanted and printer is None:
        from ita_report.report.pdf import check_pdf_engine

        check_pdf_engine()  # no browser: said now, before a kernel starts and nothing written
    params = load_implementation_params(params_file)
    report = build_implementation(params)
    measures_params = report.measures.params
    suffixes = {"ipynb": ".ipynb", "html": ".html", "docx": ".docx", "xlsx": ".xlsx",
                "pdf": ".pdf"}
    paths = {
        kind: output_path(Path(out_dir), measures_params, SUFFIX + suffix)
        for kind, suffix in suffixes.items()
        if kind in ("ipynb", "html") or kind in wanted
    }
    refuse_outputs_over_inputs(paths.values(), params_file, params.measures_path,
                               params.progress_path, params.next_scores_path,
                               measures_params.scores_path, measures_params.framework_path)
    failure = FailureFiles.beside(
        lambda suffix: output_path(Path(out_dir), measures_params, SUFFIX + suffix)
    )
    parameters = {"params_file": str(Path(params_file).resolve())}
    with atomic_paths(paths) as staged:
        executed = execute(NOTEBOOK, parameters, output=staged.path("ipynb"), failure=failure,
                           params_file=params_file, kernel_name=kernel_name, timeout=timeout)
        from ita_report.report.page import export_html
        from ita_report.report.preparer_page import split_page

        split = split_page(export_html(executed, title=report.title, exporter=exporter,
                                       thai_digits=report.thai),
                           title=report.title, report_name=paths["html"].name)
        html = split.published  # the page to post: the preparer's notes go to their own file
        staged.write_text("html", html)
        if "pdf" in staged:
            staged.write_bytes("pdf", print_pdf(html, printer))
        if "docx" in staged or "xlsx" in staged:
            from ita_report.implementation import office

            if "docx" in staged:
                staged.write_bytes("docx", office.docx_bytes(report))
            if "xlsx" in staged:
                staged.write_bytes("xlsx", office.xlsx_bytes(report))
    from ita_report.report.preparer_page import write_notes

    notes = write_notes(paths["html"], split.notes_page)
    failure.clear()  # a success makes an earlier failure's leftovers misleading
    return ImplementationResult(paths["html"], paths["ipynb"], report.title, paths.get("docx"),
                                paths.get("xlsx"), paths.get("pdf"), report.notes, notes)
