"""make lab's working copies: made once, refreshed when the tracked notebook changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ita_report.officer.workspace import prepare

ROOT = Path(__file__).resolve().parent.parent


def test_copies_are_made_kept_and_refreshed_never_touching_notebooks(tmp_path: Path) -> None:
    tracked = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", tracked)
    before = {p.name: p.read_bytes() for p in tracked.glob("*.ipynb")}
    lab = tmp_path / "lab"
    assert {c.status for c in prepare(tracked, lab)} == {"made"}
    copy = lab / "measures_report.ipynb"
    # The officer runs it in Lab: outputs saved into the copy, which is kept as it is.
    nb = json.loads(copy.read_text(encoding="utf-8"))
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    copy.write_text(json.dumps(nb), encoding="utf-8")
    assert {c.status for c in prepare(tracked, lab)} == {"kept"}
    assert "stdout" in copy.read_text(encoding="utf-8")
    # A new version of the tracked notebook replaces the copy; the old one is kept beside it.
    changed = tracked / "measures_report.ipynb"
    changed.write_text(changed.read_text(encoding="utf-8").replace("แบบฟอร์ม", "แบบฟอร์ม "),
                       encoding="utf-8")
    statuses = {c.path.name: c.status for c in prepare(tracked, lab)}
    assert statuses["measures_report.ipynb"] == "refreshed"
    assert "stdout" in (lab / "measures_report.old.ipynb").read_text(encoding="utf-8")
    assert "stdout" not in copy.read_text(encoding="utf-8")
    assert {p.name: p.read_bytes() for p in tracked.glob("*.ipynb")} == {
        **before, "measures_report.ipynb": changed.read_bytes()
    }
