"""The notebooks as an officer opens them in JupyterLab: clean, thin, and the same content."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from ita_report.errors import InputError
from ita_report.params import (
    documented_defaults,
    load_params,
    params_from_notebook,
)
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
    # As an officer in JupyterLab: params_file set in the parameters cell, then Run All, with
    # the kernel in the notebook's folder.
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "params_file = None" in cell.source
    cell.source = cell.source.replace(
        "params_file = None", 'params_file = "../params/chaemae-2566.yaml"'
    )
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    shown = "".join(out.get("data", {}).get("text/html", "") for out in outputs)
    # The tools chart beside the results table, the indicators beside the items under target:
    # inline SVG in HTML outputs (report/show.py).
    charts = [out for out in outputs if "image/svg+xml" in out.get("data", {})]
    charts += [svg for out in outputs
               for svg in re.findall(r"<svg\b", out.get("data", {}).get("text/html", ""))]
    expected = measures_table_html(
        build_document(load_params(ROOT / "params" / "chaemae-2566.yaml"))
    )
    assert expected in shown
    assert '<ol class="limitations">' in shown
    assert len(charts) == 3
    assert not [out for out in outputs if out.get("output_type") == "error"]


# -- plain papermill: the -f file alone (issue 12, case 1) ----------------------------------------
def parameters_cell(path: Path) -> dict[str, object]:
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    tree = ast.parse(cell.source)
    return {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }


def test_the_parameters_cell_holds_only_what_papermill_needs() -> None:
    # No default that names the sample (org_name …) can fill a gap of another agency's -f
    # file, and no line an officer could mistake for a setting: every default is the model's.
    assert parameters_cell(ROOT / "notebooks" / "measures_report.ipynb") == {"params_file": None}
    assert documented_defaults()["target"] == 85.0  # what a -f file leaving target out gets


def papermill(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "papermill"), *map(str, args)],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )


def shown_html(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(
        out.get("data", {}).get("text/html", "")
        for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
    )


@pytest.mark.slow
def test_papermill_f_works_from_the_repo_root_and_from_notebooks(tmp_path: Path) -> None:
    # From the repo root: the relative scores_file of a params/ file is read from params/.
    out = tmp_path / "root.ipynb"
    done = papermill("notebooks/measures_report.ipynb", out, "-f", "params/sample-tambon-2567.yaml")
    assert done.returncode == 0, done.stderr[-3000:]
    page = shown_html(out)
    assert "องค์การบริหารส่วนตำบลตัวอย่าง" in page and "แฉะแม่" not in page
    # With --cwd notebooks, a file that leaves out every optional key: the documented
    # defaults fill them, never the sample town's (its district and province).
    mine = tmp_path / "mytown.yaml"
    mine.write_text(
        "org_id: sample-tambon\norg_name: องค์การบริหารส่วนตำบลตัวอย่าง\n"
        "short_name: อบต.ตัวอย่าง\nfiscal_year: 2567\n"
        f"scores_file: {ROOT / 'data' / 'samples' / 'other-2567-scores.csv'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "cwd.ipynb"
    done = papermill("notebooks/measures_report.ipynb", out, "-f", mine, "--cwd", "notebooks")
    assert done.returncode == 0, done.stderr[-3000:]
    page = shown_html(out)
    assert "องค์การบริหารส่วนตำบลตัวอย่าง" in page
    assert "อุบลราชธานี" not in page and "แฉะแม่" not in page


@pytest.mark.slow
def test_papermill_f_file_must_be_complete_and_spelled_right(tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text(
        "org_id: sample-tambon\norg_name: องค์การบริหารส่วนตำบลตัวอย่าง\nfiscal_year: 2567\n"
        "scores_file: ../data/samples/other-2567-scores.csv\nthai_digit: false\n",
        encoding="utf-8",
    )
    done = papermill("notebooks/measures_report.ipynb", tmp_path / "out.ipynb", "-f", partial)
    assert done.returncode != 0
    assert "thai_digit" in done.stderr and "unknown key" in done.stderr


def test_values_without_a_params_file_are_validated_as_a_whole() -> None:
    # What papermill -f leaves in the kernel: the cell's defaults, then the injected cell.
    namespace: dict[str, object] = {
        **parameters_cell(ROOT / "notebooks" / "measures_report.ipynb")
    }
    injected = {"org_id": "sample-tambon", "org_name": "อบต.", "fiscal_year": 2567,
                "scores_file": "../data/samples/other-2567-scores.csv"}
    namespace.update(injected)
    cell = "# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in injected.items())
    namespace["In"] = ["", cell]
    with pytest.raises(InputError) as info:
        params_from_notebook(namespace)
    assert "short_name" in str(info.value) and "missing" in str(info.value)
    namespace["short_name"] = "อบต.ตัวอย่าง"
    params = params_from_notebook(namespace)
    assert params.scores_path.resolve() == ROOT / "data" / "samples" / "other-2567-scores.csv"
    assert params.district == "" and params.limitations == () and params.extra_codes == ()


def test_a_notebook_run_with_no_parameters_says_what_to_set() -> None:
    namespace = parameters_cell(ROOT / "notebooks" / "measures_report.ipynb")
    with pytest.raises(InputError) as info:
        params_from_notebook(namespace)
    assert "params_file" in str(info.value) and "papermill" in str(info.value)
