"""Running notebooks: ``ita-report run`` for one params file, and the one way a notebook executes.

``single`` is the command (params → executed notebook → report files), ``notebook.execute``
runs a notebook in a fresh or a warm kernel with one failure type, ``kernel`` is the warm
kernel a batch worker keeps. The names ``from ita_report.run import …`` always gave are here.
"""

from __future__ import annotations

from ita_report.run.formats import FORMATS, SUFFIXES, check_formats
from ita_report.run.single import (
    EXPLORE_NOTEBOOKS,
    MEASURES_NOTEBOOK,
    NOTEBOOKS,
    ExploreResult,
    RunResult,
    run_exploration,
    run_params,
    run_report,
)

__all__ = [
    "EXPLORE_NOTEBOOKS",
    "FORMATS",
    "MEASURES_NOTEBOOK",
    "NOTEBOOKS",
    "SUFFIXES",
    "ExploreResult",
    "RunResult",
    "check_formats",
    "run_exploration",
    "run_params",
    "run_report",
]
