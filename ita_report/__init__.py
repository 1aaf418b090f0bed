"""ita-report: the ITA result analysis and integrity measures of a Thai public agency, as a report.

The package holds all the logic; notebooks, the ``ita-report`` command and the batch runner only
call into it, in the same order: params → scores → gaps → themes and measures → report.
"""

from __future__ import annotations

import sys

__version__ = "0.1.0"

# jsonschema, which nbformat imports to read any notebook, builds three Earley parsers for the
# "iri" format as it is imported when rfc3987-syntax is installed (jupyter-events asks for it):
# a second or more in every ita-report command, batch worker and kernel that reads a notebook
# (python-jsonschema/jsonschema#1392, not fixed upstream). Nothing here validates an IRI;
# without the module, jsonschema leaves that one format unchecked and imports in milliseconds.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _errors_for_people_in_notebooks() -> None:
    # Inside a Jupyter kernel an InputError shows as one Thai/English paragraph, as on the
    # terminal, not as a traceback with the message at the bottom (issue 14).
    from ita_report.officer.notebook_errors import install

    install()


_errors_for_people_in_notebooks()
