"""A batch worker runs neighbouring cells of the report notebook as one (issue 22): the same
outputs, the officer's notebook untouched, and a failure still names the notebook's own cell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat

from ita_report.batch import Worker, WorkerSettings
from ita_report.batch.cells import merged_cells
from ita_report.batch.records import MEASURES_NOTEBOOK, AgencyJob
from ita_report.batch.worker import read_notebook
from ita_report.params import validate_params
from ita_report.scores import AgencyScores

YEAR = 2569


def _code(nb: Any) -> list[Any]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def test_the_report_notebook_runs_in_two_cells_and_is_left_as_it_is() -> None:
    from ita_report.run.notebook import _parameterize

    notebook = read_notebook(MEASURES_NOTEBOOK)
    before = nbformat.writes(notebook)  # type: ignore[no-untyped-call]
    injected = _parameterize(merged_cells(notebook), {"params_file": "x.yaml"})
    assert nbformat.writes(notebook) == before  # type: ignore[no-untyped-call]
    ran = merged_cells(_parameterize(notebook, {"params_file": "x.yaml"}))
    # What the page never shows (the parameters, papermill's, the officer's form) is one
    # cell, and the document, head, charts and measures another.
    first, second = _code(ran)
    assert {"parameters", "injected-parameters", "remove-cell"} <= set(first.metadata.tags)
    assert 'params_file = "x.yaml"' in first.source and "officer_form(globals())" in first.source
    assert second.metadata.tags == ["remove-input"] and "show_charts(doc)" in second.source
    assert len(_code(injected)) == 3  # merged before papermill's cell was added: it stays apart


def _outputs(nb: Any) -> list[tuple[str, str]]:
    found = []
    for cell in _code(nb):
        for out in cell.outputs:
            text = out.get("text") or out.get("data", {}).get("text/plain", "")
            found.append((out.output_type.replace("execute_result", "shown"), str(text).strip()))
    return found


def test_a_merged_cell_shows_every_value_its_cells_showed(tmp_path: Path) -> None:
    from ita_report.run.kernel import WarmKernel
    from ita_report.run.notebook import execute

    cells = ["x = 40", "x + 2  # shown", "print('printed')", "None", "x - 1;", "'last'"]
    nb = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    nb.cells = [nbformat.v4.new_code_cell(s, metadata={"tags": ["remove-input"]})  # type: ignore[no-untyped-call]
                for s in cells]
    merged = merged_cells(nb)
    assert len(merged.cells) == 3  # the semicolon's cell stays on its own
    with WarmKernel(cwd=tmp_path, stderr_path=tmp_path / "kernel.log") as kernel:
        one_by_one = _outputs(execute(nb, kernel=kernel))
        together = _outputs(execute(merged, kernel=kernel))
    assert one_by_one[:2] == [("shown", "42"), ("stream", "printed")]
    assert one_by_one[-1] == ("shown", "'last'")
    assert together == one_by_one


def test_a_failing_cell_is_named_as_in_the_notebook(tmp_path: Path) -> None:
    # The report notebook with its charts cell failing: the merged cell fails, and the
    # agency's failure names the charts cell, as ita-report run would.
    notebook = json.loads(MEASURES_NOTEBOOK.read_text(encoding="utf-8"))
    charts = next(
        i for i, c in enumerate(notebook["cells"]) if "show_charts" in "".join(c["source"]))
    notebook["cells"][charts]["source"] = "report.show_charts(doc)\nraise ValueError('แผนภูมิพัง')"
    path = tmp_path / "nb" / "measures_report.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    from ita_report.framework import load_framework

    params = validate_params(
        {"org_id": "a1", "org_name": "เทศบาลตำบลเอ", "short_name": "ทต.เอ", "fiscal_year": YEAR,
         "scores_file": str(tmp_path / "s.csv")}
    )
    every = {i.code: 90.0 for i in load_framework(YEAR).items()}
    html = tmp_path / "out" / str(YEAR) / "a1.html"
    job = AgencyJob(params, AgencyScores("a1", "เทศบาลตำบลเอ", YEAR, every), "key", html,
                    html.parent / ".batch" / "a1.json")
    worker = Worker(WorkerSettings(notebook=path, log_dir=tmp_path / "logs"))
    try:
        worker.start()
        result = worker.render(job)
    finally:
        worker.close()
    assert result.status == "failed" and "แผนภูมิพัง" in result.error
    # papermill's injected cell comes after the parameters cell: the charts cell is one on.
    log = html.with_name("a1.failed.log").read_text(encoding="utf-8")
    assert f"cell: {charts + 2}\n" in log
    kept = nbformat.read(str(html.with_name("a1.failed.ipynb")), as_version=4)  # type: ignore[no-untyped-call]
    assert len(kept.cells) == len(notebook["cells"]) + 1  # the notebook's own cells


def test_the_batch_page_is_the_page_the_cells_make_one_by_one(tmp_path: Path) -> None:
    from ita_report.framework import load_framework

    every = {i.code: 80.0 + (n % 15) for n, i in enumerate(load_framework(YEAR).items())}
    params = validate_params(
        {"org_id": "a1", "org_name": "องค์การบริหารส่วนตำบลเอ", "short_name": "อบต.เอ",
         "fiscal_year": YEAR, "scores_file": str(tmp_path / "s.csv")}
    )
    pages = []
    worker = Worker(WorkerSettings(notebook=MEASURES_NOTEBOOK, log_dir=tmp_path / "logs"))
    try:
        worker.start()
        for merge in (True, False):
            worker.merge = merge
            html = tmp_path / f"out-{merge}" / str(YEAR) / "a1.html"
            job = AgencyJob(params, AgencyScores("a1", params.org_name, YEAR, every), "key",
                            html, html.parent / ".batch" / "a1.json")
            assert worker.render(job).status == "ok"
            pages.append(html.read_text(encoding="utf-8"))
    finally:
        worker.close()
    assert pages[0] == pages[1] and "ต่ำกว่าเป้าหมาย" in pages[0]
