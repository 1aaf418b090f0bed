"""``ita-report run``: params → executed notebook → HTML (nbconvert), written safely.

The params and the scores are validated in this process first, so a mistake gets its clear
message before any kernel starts. Outputs go to temporary files renamed into place: a failed
or interrupted run never leaves a partial report where a report belongs. Notebooks are
executed by :func:`ita_report.run.notebook.execute` only, never here.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_report.document import (
    DOCUMENT_PARAMETER,
    kernel_environment,
    new_document_key,
    save_document,
)
from ita_report.errors import InputError, Problem, file_problem
from ita_report.iorw import atomic_paths, refuse_outputs_over_inputs, sweep_stale_parts
from ita_report.params import ReportParams, load_params
from ita_report.report import build_document, output_path
from ita_report.report.preparer_page import split_page, write_notes
from ita_report.run.formats import SUFFIXES, check_formats, print_pdf

if TYPE_CHECKING:
    from ita_report.implementation.run import ImplementationResult

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
MEASURES_NOTEBOOK = NOTEBOOKS / "measures_report.ipynb"

@dataclass(frozen=True)
class RunResult:
    """Where one report was written."""

    params: ReportParams
    html_path: Path
    notebook_path: Path
    title: str
    docx_path: Path | None = None
    xlsx_path: Path | None = None
    pdf_path: Path | None = None
    #: Notes for the officer preparing the document (shown on screen, never printed).
    notes: tuple[str, ...] = ()
    #: What the officer must know before publishing (a tool with no score), Thai and English.
    warnings: tuple[Problem, ...] = ()
    #: Where the computed figures differ from the official result (printed: the official).
    differences: tuple[Problem, ...] = ()
    #: Which date the document prints and whether it was ``document: date:`` or today.
    date_said: str = ""
    #: The preparer's notes taken out of the page (never to publish); None: it had none.
    notes_path: Path | None = None


def run_report(
    params_file: str | Path,
    out_dir: str | Path = "reports",
    *,
    notebook: Path = MEASURES_NOTEBOOK,
    exporter: Any = None,
    kernel_name: str | None = None,
    formats: Sequence[str] = ("html",),
    timeout: float | None = None,
    strict: bool = False,
    printer: Any = None,
) -> RunResult:
    """Run the measures notebook for one params file and export its HTML report.

    Writes ``<out_dir>/<fiscal_year>/<org_id>.html`` and the executed notebook beside it, and
    ``.docx`` / ``.xlsx`` / ``.pdf`` too when ``formats`` asks for them (``printer``, a
    :class:`~ita_report.report.pdf.PdfPrinter`, may be passed in already started): all of them
    are made first and
    renamed into place together, so they are one run's or, if anything fails, none is. A
    notebook that stops with an error raises :class:`~ita_report.errors.NotebookFailed`, with
    the executed notebook kept as ``<org_id>.failed.ipynb`` and its traceback in
    ``<org_id>.failed.log``. A cell running longer than ``timeout`` seconds (default
    :data:`~ita_report.run.kernel.CELL_TIMEOUT`) fails the run the same way. ``strict`` (or
    ``strict: true`` in the file) refuses scores with a whole tool missing.
    """
    params = load_params(params_file, **({"strict": True} if strict else {}))
    doc = build_document(params)  # validates scores and catalogue before a kernel starts
    wanted = check_formats(formats)
    if "pdf" in wanted and printer is None:
        from ita_report.report.pdf import check_pdf_engine

        check_pdf_engine()  # no browser: said now, before a kernel starts and nothing written
    from ita_report.report.page import export_html
    from ita_report.run.notebook import FailureFiles, execute

    paths = {
        kind: output_path(Path(out_dir), params, suffix)
        for kind, suffix in SUFFIXES.items()
        if kind in ("ipynb", "html") or kind in wanted
    }
    refuse_outputs_over_inputs(paths.values(), params_file, params.scores_path,
                               params.framework_path, params.previous_scores_path)
    failure = FailureFiles.beside(lambda suffix: output_path(Path(out_dir), params, suffix))
    # What a run of this agency killed outright (SIGKILL, a power cut) left half-written;
    # never another run's still going (sweep_stale_parts asks whether the writer lives).
    # Every format's, not only those asked for this time.
    sweep_stale_parts([*(output_path(Path(out_dir), params, suffix) for suffix in
                         SUFFIXES.values()), failure.notebook, failure.log])
    with atomic_paths(paths) as staged, tempfile.TemporaryDirectory(prefix="ita-run-") as tmp:
        # The kernel shows the document built above (document_file), not one of its own: the
        # HTML, Word, Excel and PDF of a run are the same document, computed once. Signed
        # with a key the kernel gets through its environment, never written into the kept
        # notebook: run again later, the notebook builds its own (tmp is gone, and anyone
        # could put a file there).
        key = new_document_key()
        parameters = {
            **params.notebook_parameters(),
            "params_file": str(Path(params_file).resolve()),
            DOCUMENT_PARAMETER: str(save_document(doc, Path(tmp) / "document.pickle", key)),
        }
        executed = execute(notebook, parameters, output=staged.path("ipynb"), failure=failure,
                           params_file=params_file, kernel_name=kernel_name, timeout=timeout,
                           env=kernel_environment(key))
        html = export_html(executed, title=doc.title, exporter=exporter, thai_digits=doc.thai)
        split = split_page(html, title=doc.title, report_name=paths["html"].name)
        staged.write_text("html", split.published)  # the page to post: no preparer's notes
        if "docx" in staged:
            from ita_report.report.docx import docx_bytes

            staged.write_bytes("docx", docx_bytes(doc))
        if "xlsx" in staged:
            from ita_report.report.xlsx import xlsx_bytes

            staged.write_bytes("xlsx", xlsx_bytes(doc, keep_from=paths["xlsx"]))
        if "pdf" in staged:
            staged.write_bytes("pdf", print_pdf(split.published, printer))
    notes = write_notes(paths["html"], split.notes_page)
    failure.clear()  # a success makes an earlier failure's leftovers misleading
    return RunResult(
        params,
        paths["html"],
        paths["ipynb"],
        doc.title,
        paths.get("docx"),
        paths.get("xlsx"),
        paths.get("pdf"),
        warnings=doc.warnings,
        notes=doc.notes,
        differences=doc.differences,
        date_said=doc.date_said,
        notes_path=notes,
    )


# -- the exploration notebooks (issue 6) -------------------------------------------------------
EXPLORE_NOTEBOOKS = {
    "explore_agency": NOTEBOOKS / "explore_agency.ipynb",
    "explore_national": NOTEBOOKS / "explore_national.ipynb",
}


@dataclass(frozen=True)
class ExploreResult:
    """Where one exploration page was written."""

    notebook: str  # explore_agency / explore_national
    html_path: Path
    notebook_path: Path
    title: str


def run_params(
    params_file: str | Path,
    out_dir: str | Path = "reports",
    *,
    formats: Sequence[str] = ("html",),
    national_dir: str | Path | None = None,
    timeout: float | None = None,
    exporter: Any = None,
    kernel_name: str | None = None,
    strict: bool = False,
) -> RunResult | ExploreResult | ImplementationResult:
    """What ``ita-report run`` does: run the notebook the params file is for.

    A file's top-level ``notebook:`` names it; without one it is the measures report
    (:func:`run_report`), so params files written before the exploration notebooks work as
    before; ``implementation_report`` is the report on carrying the measures out.
    ``national_dir`` replaces the file's national data folder (exploration only).
    """
    from ita_report.params import NOTEBOOK_KINDS, read_params_file

    kind = read_params_file(params_file).notebook
    if kind in (NOTEBOOK_KINDS[0], "implementation_report") and national_dir is not None:
        raise InputError(
            file_problem(params_file, "ใช้ --national-dir ได้กับสมุดงานสำรวจเท่านั้น",
                         "--national-dir is for the exploration notebooks only",
                         value=national_dir)
        )
    if kind == NOTEBOOK_KINDS[0]:
        return run_report(params_file, out_dir, formats=formats, exporter=exporter,
                          kernel_name=kernel_name, timeout=timeout, strict=strict)
    if kind == "implementation_report":
        from ita_report.implementation.run import run_implementation

        return run_implementation(params_file, out_dir, formats=formats, timeout=timeout,
                                  exporter=exporter, kernel_name=kernel_name)
    return run_exploration(params_file, out_dir, formats=formats, national_dir=national_dir,
                           timeout=timeout, exporter=exporter, kernel_name=kernel_name)


def run_exploration(
    params_file: str | Path,
    out_dir: str | Path = "reports",
    *,
    formats: Sequence[str] = ("html",),
    national_dir: str | Path | None = None,
    timeout: float | None = None,
    exporter: Any = None,
    kernel_name: str | None = None,
) -> ExploreResult:
    """Run an exploration notebook for its params file and export the page like a report's.

    Writes ``<out>/explore/<org_id>-<first>-<last>.html`` (agency) or
    ``<out>/explore/national-<year>[-<province>][-<type>].html`` (province and type as ASCII
    slugs) and the executed notebook beside it. The whole view is computed here first, so bad
    params or scores are refused before a kernel starts; widgets are switched off
    (``interactive=False``), so the page is static.
    """
    from ita_report.explore.naming import (
        agency_output_stem,
        explore_output_path,
        national_output_stem,
    )
    from ita_report.explore.params import AgencyExploreParams, load_explore_params
    from ita_report.explore.views import agency_view, national_view

    asked = check_formats(formats)
    if set(asked) - {"html"}:
        raise InputError(
            file_problem(params_file, "สมุดงานสำรวจส่งออกเป็น HTML เท่านั้น",
                         "exploration notebooks are exported as HTML only",
                         column="--formats", value=",".join(asked), expected_th="html",
                         expected_en="html")
        )
    overrides = {"national_dir": str(Path(national_dir).resolve())} if national_dir else {}
    params = load_explore_params(params_file, **overrides)
    if isinstance(params, AgencyExploreParams):
        agency = agency_view(params)
        stem, title = agency_output_stem(params.org_id, agency.years), agency.title
    else:
        national = national_view(params)
        stem = national_output_stem(params.fiscal_year, params.province, params.org_type)
        title = national.title
    from ita_report.report.page import export_html
    from ita_report.run.notebook import FailureFiles, execute

    notebook = EXPLORE_NOTEBOOKS[params.notebook]
    html_path, nb_path = (explore_output_path(out_dir, stem, s) for s in (".html", ".ipynb"))
    failure = FailureFiles.beside(lambda suffix: explore_output_path(out_dir, stem, suffix))
    parameters = {
        **params.notebook_parameters(),
        "params_file": str(Path(params_file).resolve()),
        "interactive": False,  # no widgets in a page that is exported
    }
    sweep_stale_parts([nb_path, html_path, failure.notebook, failure.log])
    with atomic_paths({"ipynb": nb_path, "html": html_path}) as staged:
        executed = execute(notebook, parameters, output=staged.path("ipynb"), failure=failure,
                           params_file=params_file, kernel_name=kernel_name, timeout=timeout)
        staged.write_text("html", export_html(executed, title=title, exporter=exporter))
    failure.clear()
    return ExploreResult(params.notebook, html_path, nb_path, title)
