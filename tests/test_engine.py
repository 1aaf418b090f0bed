"""The warm kernel: reused across notebooks, with nothing of one run visible in the next."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from ita_report.engine import EngineError, WarmKernel


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    nb.cells = [new_code_cell(s) for s in sources]
    return nb


def _stdout(nb: nbformat.NotebookNode) -> str:
    return "".join(
        o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name")
    )


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> WarmKernel:
    log = tmp_path_factory.mktemp("engine") / "kernel.log"
    with WarmKernel(cwd=".", stderr_path=log) as k:
        yield k  # type: ignore[misc]


@pytest.mark.slow
def test_nothing_of_one_agency_shows_in_the_next(kernel: WarmKernel) -> None:
    agency_a = _notebook(
        'org_id = "agency-A"\nsecret_of_a = 84.77\nimport json as aliased_json',
        "secret_of_a",  # an Out[] entry, were history kept
        "print(org_id)",
    )
    agency_b = _notebook(
        'org_id = "agency-B"',
        "leaked = sorted(n for n in ('secret_of_a', 'aliased_json') if n in globals())\n"
        "print('LEAKED', leaked, [v for v in (_, __, ___) if v == 84.77])\n"
        "print('HISTORY', [s for s in In if 'agency-A' in s], dict(Out))",
    )
    out_a = kernel.execute(agency_a)
    pid = kernel.pid
    out_b = kernel.execute(agency_b)
    assert "agency-A" in _stdout(out_a)
    text = _stdout(out_b)
    assert "LEAKED [] []" in text
    assert "HISTORY [] {}" in text
    assert kernel.pid == pid  # the same warm kernel ran both


@pytest.mark.slow
def test_a_failing_cell_fails_that_run_only(kernel: WarmKernel) -> None:
    with pytest.raises(EngineError) as info:
        kernel.execute(_notebook("x = 1", "raise ValueError('ข้อมูลผิด')", "y = 2"))
    assert info.value.cell_index == 1
    assert info.value.ename == "ValueError"
    after = kernel.execute(_notebook("print('still here', 'x' in globals())"))
    assert "still here False" in _stdout(after)


@pytest.mark.slow
def test_kernel_log_lines_go_to_the_log_file(tmp_path: Path) -> None:
    log = tmp_path / "k.log"
    with WarmKernel(cwd=tmp_path, stderr_path=log) as k:
        k.execute(_notebook("import sys; print('to the notebook', file=sys.stderr)"))
    # The kernel's own warnings land in the file; cell output never does.
    assert "to the notebook" not in log.read_text(encoding="utf-8")
