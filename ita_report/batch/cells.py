"""The report notebook as a batch worker runs it: neighbouring code cells run as one (issue 22).

Each cell is a round trip to the kernel, ~4-5 ms of messaging whatever the cell does; the
report notebook's four display cells cost ~18 ms of a ~100 ms report in that alone. The page
is made of the cells' outputs in order, never of cell boundaries (templates/report), so a run
of code cells with the same tags, run as one cell, gives the same page. The officer's
notebook is not changed: this copy exists only in the worker's memory, and an agency whose
run fails is run again cell by cell, so its failure names the notebook's own cell.
"""

from __future__ import annotations

import ast
import copy
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nbformat import NotebookNode

#: Cells never merged: papermill finds the parameters cell by its tag and puts its own after.
_KEEP_APART = frozenset({"parameters", "injected-parameters"})


def merged_cells(notebook: NotebookNode) -> NotebookNode:
    """A copy of ``notebook`` in which each run of neighbouring code cells with the same tags
    is one cell doing what they did, outputs in the same order."""
    nb = copy.deepcopy(notebook)
    cells: list[NotebookNode] = []
    for cell in nb.cells:
        last = cells[-1] if cells else None
        if last is not None and _joinable(last) and _joinable(cell) and _tags(last) == _tags(cell):
            last.source = _displaying_last(last.source) + "\n" + cell.source
            continue
        cells.append(cell)
    nb.cells = cells
    return nb


def _tags(cell: NotebookNode) -> frozenset[str]:
    return frozenset(cell.get("metadata", {}).get("tags", []))


def _joinable(cell: NotebookNode) -> bool:
    if cell.cell_type != "code" or _tags(cell) & _KEEP_APART:
        return False
    try:
        ast.parse(cell.source)  # plain Python only: a magic (%, !) is left on its own
    except SyntaxError:
        return False
    # A trailing semicolon hides a cell's last value; IPython looks for it at the end of the
    # whole cell, so such a cell stays on its own.
    code = [line.split("#", 1)[0].rstrip() for line in cell.source.splitlines()]
    code = [line for line in code if line]
    return not (code and code[-1].endswith(";"))


def _displaying_last(source: str) -> str:
    """``source`` with its last expression shown as IPython shows a cell's last expression
    (its display hook: nothing for None, and nothing after a trailing semicolon), since in
    a merged cell it no longer comes last."""
    body = ast.parse(source).body
    if not body or not isinstance(body[-1], ast.Expr):
        return source
    node = body[-1]
    lines = source.splitlines()
    assert node.end_lineno is not None and node.end_col_offset is not None
    after = lines[node.end_lineno - 1][node.end_col_offset :].split("#", 1)[0]
    if after.strip().startswith(";"):
        return source
    head = lines[: node.lineno - 1]
    first = lines[node.lineno - 1][: node.col_offset]
    expr = ast.get_source_segment(source, node.value)
    rest = lines[node.end_lineno - 1][node.end_col_offset :]
    return "\n".join([*head, f"{first}get_ipython().displayhook({expr}){rest}"])
