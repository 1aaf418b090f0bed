"""Snapshot of the seed's measures document as HTML (Chaemae, FY2566, a fixed date).

The title block, the result summary, the measures table and the limitations are compared with
``tests/snapshots/chaemae-2566-measures.html`` after normalising whitespace, so any change of
wording, order, escaping or markup shows up as a diff someone has to accept deliberately.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from conftest import ROOT

from ita_report.document import build_document
from ita_report.params import load_params
from ita_report.report.html import end_html, head_html, measures_table_html

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "chaemae-2566-measures.html"
#: Set to 1 to rewrite the snapshot from today's output (then review ``git diff`` before commit).
UPDATE = "ITA_UPDATE_SNAPSHOTS"


def normalised(fragment: str) -> str:
    """One tag per line, runs of whitespace as one space: a diff shows the cell that moved."""
    text = re.sub(r"\s+", " ", fragment).strip()
    return re.sub(r">\s*<", ">\n<", text) + "\n"


def seed_html() -> str:
    params = load_params(ROOT / "params" / "chaemae-2566.yaml", document={"date": "2567-10-01"})
    doc = build_document(params)
    # The document as the notebook shows it: announcement, title block, results, table, end.
    return normalised(head_html(doc) + measures_table_html(doc) + end_html(doc))


def test_the_seed_measures_document_matches_its_html_snapshot() -> None:
    actual = seed_html()
    if os.environ.get(UPDATE) == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(actual, encoding="utf-8")
    assert SNAPSHOT.exists(), f"no snapshot yet: write it with {UPDATE}=1, review it, commit it"
    expected = SNAPSHOT.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    fromfile=str(SNAPSHOT.relative_to(ROOT)),
                    tofile="built now",
                )
            )[:60]
        )
        raise AssertionError(
            "The seed's measures document no longer renders as its snapshot.\n"
            f"{diff}\n"
            "If this change is intended, refresh the snapshot deliberately:\n"
            f"  {UPDATE}=1 python -m pytest tests/test_report_html.py\n"
            "then read `git diff tests/snapshots/` and commit it with the change that caused it."
        )
