"""One way to execute a notebook (``run.notebook.execute``), in a warm kernel reused across
notebooks with nothing of one run visible in the next, or in a kernel of its own; one failure
type either way, keeping the executed notebook and its log."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from ita_report.errors import NotebookFailed
from ita_report.run.kernel import WarmKernel
from ita_report.run.notebook import FailureFiles, execute


def _notebook(*sources: str, parameters: str | None = None) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    nb.cells = [new_code_cell(s) for s in sources]
    if parameters is not None:
        cell = new_code_cell(parameters)
        cell.metadata["tags"] = ["parameters"]
        nb.cells.insert(0, cell)
    return nb


def _stdout(nb: nbformat.NotebookNode) -> str:
    return "".join(
        o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name")
    )


def _failure_files(folder: Path, org_id: str) -> FailureFiles:
    return FailureFiles.beside(lambda suffix: folder / f"{org_id}{suffix}")


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> WarmKernel:
    log = tmp_path_factory.mktemp("kernel") / "kernel.log"
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
    out_a = execute(agency_a, kernel=kernel)
    pid = kernel.pid
    out_b = execute(agency_b, kernel=kernel)
    assert "agency-A" in _stdout(out_a)
    text = _stdout(out_b)
    assert "LEAKED [] []" in text
    assert "HISTORY [] {}" in text
    assert kernel.pid == pid  # the same warm kernel ran both


@pytest.mark.slow
def test_parameters_are_injected_as_papermill_does_and_the_template_is_untouched(
    kernel: WarmKernel,
) -> None:
    template = _notebook("print('agency', org_id)", parameters="org_id = None")
    for org_id in ("agency-A", "agency-B"):
        executed = execute(template, {"org_id": org_id}, kernel=kernel)
        assert f"agency {org_id}" in _stdout(executed)
        assert "injected-parameters" in executed.cells[1].metadata["tags"]
    assert len(template.cells) == 2 and not template.cells[1].get("outputs")


@pytest.mark.slow
def test_a_failing_cell_fails_that_run_only_and_keeps_its_notebook_and_log(
    kernel: WarmKernel, tmp_path: Path
) -> None:
    # A batch failure keeps what a failed `ita-report run` keeps (issue 15).
    failure = _failure_files(tmp_path, "agency-a")
    with pytest.raises(NotebookFailed) as info:
        execute(_notebook("x = 1", "raise ValueError('ข้อมูลผิด')", "y = 2"), kernel=kernel,
                name="report.ipynb", failure=failure)
    failed = info.value.failure
    assert (failed.cell, failed.ename, failed.evalue) == (2, "ValueError", "ข้อมูลผิด")
    assert (failed.failed_notebook, failed.log) == (failure.notebook, failure.log)
    kept = nbformat.read(str(failure.notebook), as_version=4)  # type: ignore[no-untyped-call]
    assert kept.cells[1].outputs[0]["ename"] == "ValueError"
    log = failure.log.read_text(encoding="utf-8")
    assert "cell: 2" in log and "ValueError: ข้อมูลผิด" in log and "Traceback" in log
    assert "\x1b[" not in log  # the kernel's colours are not kept
    assert "cell 2 of notebook report.ipynb" in str(info.value)
    after = execute(_notebook("print('still here', 'x' in globals())"), kernel=kernel)
    assert "still here False" in _stdout(after)


@pytest.mark.slow
def test_a_warm_kernel_that_dies_is_replaced_and_the_failure_says_so(
    kernel: WarmKernel, tmp_path: Path
) -> None:
    dying = _notebook("import os, signal", "os.kill(os.getpid(), signal.SIGKILL)")
    pid = kernel.pid
    with pytest.raises(NotebookFailed) as info:
        execute(dying, kernel=kernel, name="report.ipynb",
                failure=_failure_files(tmp_path, "agency-d"))
    assert (info.value.failure.cell, info.value.failure.ename) == (2, "DeadKernelError")
    assert "the kernel running cell 2 of notebook report.ipynb died" in str(info.value)
    assert kernel.pid != pid  # replaced before the error was raised
    assert "alive" in _stdout(execute(_notebook("print('alive')"), kernel=kernel))


@pytest.mark.slow
def test_a_fresh_kernel_fails_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "broken.ipynb"
    nbformat.write(_notebook("x = 1", "1 / 0", parameters="org_id = None"), str(path))  # type: ignore[no-untyped-call]
    failure = _failure_files(tmp_path, "agency-f")
    with pytest.raises(NotebookFailed) as info:
        execute(path, {"org_id": "agency-f"}, output=tmp_path / "out.ipynb", failure=failure,
                params_file=tmp_path / "p.yaml")
    failed = info.value.failure
    assert (failed.notebook, failed.ename) == ("broken.ipynb", "ZeroDivisionError")
    assert failed.failed_notebook == failure.notebook and failure.notebook.is_file()
    log = failure.log.read_text(encoding="utf-8")
    assert f"params: {tmp_path / 'p.yaml'}" in log and f"notebook: {path}" in log


@pytest.mark.slow
def test_kernel_log_lines_go_to_the_log_file(tmp_path: Path) -> None:
    log = tmp_path / "k.log"
    with WarmKernel(cwd=tmp_path, stderr_path=log) as k:
        execute(_notebook("import sys; print('to the notebook', file=sys.stderr)"), kernel=k)
    # The kernel's own warnings land in the file; cell output never does.
    assert "to the notebook" not in log.read_text(encoding="utf-8")


def test_papermill_and_nbclient_execute_notebooks_in_one_module_only() -> None:
    # Issue 15: three ways of executing a notebook had two failure types between them.
    import ast

    package = Path(__file__).resolve().parent.parent / "ita_report"
    running = {"execute_notebook", "NotebookClient", "async_execute_cell", "execute_cell"}
    callers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                {alias.name for alias in node.names}
                if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0]
                in ("papermill", "nbclient")
                else {node.attr} if isinstance(node, ast.Attribute) else set()
            )
            if names & running:
                callers.add(path.relative_to(package).as_posix())
    assert callers == {"run/notebook.py"}


def test_reading_a_notebook_does_not_build_jsonschemas_iri_parsers() -> None:
    """With ita_report imported, nbformat reads and validates a notebook without jsonschema
    building its Earley parsers for IRIs (lark): a second or more in every command, batch
    worker and kernel (python-jsonschema/jsonschema#1392)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    probe = (
        "import sys, ita_report, nbformat\n"
        f"nb = nbformat.read({str(root / 'notebooks' / 'measures_report.ipynb')!r}, as_version=4)\n"
        "nbformat.validate(nb)\n"
        "print(len(nb.cells), 'lark' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=60)
    cells, lark = done.stdout.split()
    assert int(cells) > 3
    assert lark == "False"
