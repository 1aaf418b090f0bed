"""An InputError in a notebook reads as on the terminal; other errors keep their traceback."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent


def _run(source: str) -> list[dict[str, object]]:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    with pytest.raises(CellExecutionError):
        NotebookClient(nb, timeout=120).execute()
    return list(nb.cells[0].outputs)


def test_an_input_error_is_one_paragraph_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "คะแนน-2567.csv"
    outputs = _run(
        "from ita_report.scores import load_scores\n"
        f"load_scores({str(missing)!r}, year=2567)\n"
    )
    (error,) = [o for o in outputs if o["output_type"] == "error"]
    assert error["ename"] == "InputError"  # papermill and ita-report run still know it
    shown = "\n".join(error["traceback"])  # type: ignore[arg-type]
    assert shown.startswith(f"ไฟล์ {missing}")
    assert "file not found" in shown
    assert "Traceback" not in shown and "load_scores(" not in shown and "File " not in shown


def test_other_errors_keep_their_traceback() -> None:
    outputs = _run("import ita_report\n1 / 0\n")
    (error,) = [o for o in outputs if o["output_type"] == "error"]
    assert error["ename"] == "ZeroDivisionError"
    assert "Traceback" in "\n".join(error["traceback"]) or "-----" in error["traceback"][0]  # type: ignore[operator,index]
