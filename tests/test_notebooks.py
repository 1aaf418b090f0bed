"""The notebooks as an officer opens them in JupyterLab: clean, thin, and the same content."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ita_report.params import load_params
from ita_report.report import build_document, measures_table_html

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_notebooks_are_committed_without_outputs() -> None:
    assert NOTEBOOKS
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name


def test_each_notebook_has_one_parameters_cell() -> None:
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name


def test_running_top_to_bottom_in_lab_shows_the_report() -> None:
    path = ROOT / "notebooks" / "measures_report.ipynb"
    nb = nbformat.read(path, as_version=4)
    # As JupyterLab runs it: no injected parameters, the kernel in the notebook's folder.
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    shown = "".join(out.get("data", {}).get("text/html", "") for out in outputs)
    charts = [out for out in outputs if "image/svg+xml" in out.get("data", {})]
    expected = measures_table_html(
        build_document(load_params(ROOT / "params" / "chaemae-2566.yaml"))
    )
    assert expected in shown
    assert '<ol class="limitations">' in shown
    assert len(charts) == 3
    assert not [out for out in outputs if out.get("output_type") == "error"]
