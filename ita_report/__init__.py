"""ita-report: the ITA result analysis and integrity measures of a Thai public agency, as a report.

The package holds all the logic; notebooks, the ``ita-report`` command and the batch runner only
call into it, in the same order: params → scores → gaps → themes and measures → report.
"""

from __future__ import annotations

__version__ = "0.1.0"
