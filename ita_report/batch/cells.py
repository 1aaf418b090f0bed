"""The report notebook as a batch worker runs it: neighbouring code cells run as one (issue 22).

Each cell is a round trip to the kernel, ~4-5 ms of messaging whatever the cell does: the
report notebook's seven code cells (with papermill's) cost ~30 ms of a ~110 ms report in
that alone. The page is made of the cells' outputs in order, never of cell boundaries
(templates/report), so cells the page treats alike, run as one, give the same page: the
batch runs two. The officer's notebook is not changed (the worker merges the parameterized
copy it runs), and an agency whose run fails is run again cell by cell, so its failure names
the notebook's own cell and keeps its own executed notebook.
"""

from __future__ import annotations

import ast
import copy
import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nbformat import NotebookNode


def merge_cells(nb: NotebookNode) -> NotebookNode:
    """``nb`` (parameterized; changed in place and returned) with each run of neighbouring
    code cells that the page treats alike as one cell doing what they did, outputs in the
    same order. Alike: the same tags, or both left off the page whole (the parameters cells
    and the officer's form: ``page.REMOVE_CELL_TAGS``), whose outputs nobody sees."""
    cells: list[NotebookNode] = []
    for cell in nb.cells:
        last = cells[-1] if cells else None
        if last is not None and _alike(last, cell) and _joinable(last.source) and _joinable(
            cell.source
        ):
            last.source = _displaying_last(last.source) + "\n" + cell.source
            last.metadata["tags"] = sorted(_tags(last) | _tags(cell))
            continue
        cells.append(cell)
    nb.cells = cells
    return nb


def merged_cells(notebook: NotebookNode) -> NotebookNode:
    """:func:`merge_cells` of a copy of ``notebook``."""
    return merge_cells(copy.deepcopy(notebook))


def _tags(cell: NotebookNode) -> frozenset[str]:
    return frozenset(cell.get("metadata", {}).get("tags", []))


def _alike(a: NotebookNode, b: NotebookNode) -> bool:
    from ita_report.report.page import REMOVE_CELL_TAGS

    if a.cell_type != "code" or b.cell_type != "code":
        return False
    return _tags(a) == _tags(b) or bool(_tags(a) & REMOVE_CELL_TAGS and _tags(b) & REMOVE_CELL_TAGS)


@functools.lru_cache(maxsize=64)
def _joinable(source: str) -> bool:
    try:
        ast.parse(source)  # plain Python only: a magic (%, !) is left on its own
    except SyntaxError:
        return False
    # A trailing semicolon hides a cell's last value; IPython looks for it at the end of the
    # whole cell, so such a cell stays on its own.
    code = [line.split("#", 1)[0].rstrip() for line in source.splitlines()]
    code = [line for line in code if line]
    return not (code and code[-1].endswith(";"))


@functools.lru_cache(maxsize=64)
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
