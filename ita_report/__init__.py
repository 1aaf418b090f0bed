"""ita-report: the ITA result analysis and integrity measures of a Thai public agency, as a report.

The package holds all the logic; notebooks, the ``ita-report`` command and the batch runner only
call into it, in the same order: params → scores → gaps → themes and measures → report.
"""

from __future__ import annotations

__version__ = "0.1.0"


def _errors_for_people_in_notebooks() -> None:
    # Inside a Jupyter kernel an InputError shows as one Thai/English paragraph, as on the
    # terminal, not as a traceback with the message at the bottom (issue 14).
    from ita_report.officer.notebook_errors import install

    install()


_errors_for_people_in_notebooks()
