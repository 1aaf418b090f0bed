"""Where ``batch.py`` still finds the warm kernel, until it calls ``run.notebook.execute``.

A shim for that one importer: the kernel is :mod:`ita_report.run.kernel`, a notebook runs through
:mod:`ita_report.run.notebook`. Delete this module when ``batch`` imports from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ita_report.run.kernel import CELL_TIMEOUT, QuietKernelManager
from ita_report.run.kernel import WarmKernel as _Kernel

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = ["CELL_TIMEOUT", "QuietKernelManager", "WarmKernel"]


class WarmKernel(_Kernel):
    """The warm kernel with the ``execute`` method batch.py calls: the notebook's one execution
    path, so a batch failure is the same :class:`~ita_report.errors.NotebookFailed`."""

    def execute(self, notebook: NotebookNode, *, name: str = "notebook") -> NotebookNode:
        from ita_report.run.notebook import execute

        return execute(notebook, kernel=self, name=name)
