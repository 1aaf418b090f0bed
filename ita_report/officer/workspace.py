"""The officer's working copies of the notebooks (``lab/``), which ``make lab`` opens.

JupyterLab saves a notebook's outputs and widgets into its file. The tracked notebooks in
``notebooks/`` are what ``ita-report run``, papermill and the batch execute, so officers work
on copies: running, saving and autosaving in Lab change ``lab/``, never ``notebooks/``. A copy
holds nothing of the officer's (their values live in ``params/*.yaml``), so a copy whose
tracked notebook has changed since (a new version of ita-report) is replaced, the old one kept
beside it as ``.old.ipynb``. Never writes into ``notebooks/``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ita_report.iorw import atomic_write_bytes

PROJECT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = PROJECT / "notebooks"
#: The officers' folder (in .gitignore): a sibling of notebooks/, so ``../params`` is the same.
WORKSPACE = PROJECT / "lab"
#: Where a copy records which tracked notebook it was made from.
_SOURCE_KEY = "ita_report_source_sha256"


@dataclass(frozen=True)
class Copied:
    """One working copy: where it is, and whether it was made or refreshed just now."""

    path: Path
    status: str  # "made", "refreshed" (the tracked notebook changed) or "kept"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _source_of(copy: Path) -> str | None:
    try:
        metadata = json.loads(copy.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return None
    value = metadata.get(_SOURCE_KEY)
    return value if isinstance(value, str) else None


def _copy_bytes(tracked: bytes, digest: str) -> bytes:
    nb = json.loads(tracked)
    nb.setdefault("metadata", {})[_SOURCE_KEY] = digest
    return (json.dumps(nb, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def prepare(notebooks: Path = NOTEBOOKS, workspace: Path = WORKSPACE) -> list[Copied]:
    """Make (or refresh) a working copy of every notebook in ``notebooks`` inside ``workspace``.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> [c.status for c in prepare(workspace=out)][:1]
    ['made']
    """
    done = []
    for tracked in sorted(notebooks.glob("*.ipynb")):
        data = tracked.read_bytes()
        digest = _digest(data)
        copy = workspace / tracked.name
        if not copy.exists():
            status = "made"
        elif _source_of(copy) == digest:
            done.append(Copied(copy, "kept"))
            continue
        else:
            status = "refreshed"
            old = copy.with_suffix(".old.ipynb")
            atomic_write_bytes(old, copy.read_bytes())
        atomic_write_bytes(copy, _copy_bytes(data, digest))
        done.append(Copied(copy, status))
    return done


def main() -> int:
    """``python -m ita_report.officer.workspace`` (``make lab`` runs it before JupyterLab)."""
    for copied in prepare():
        name = copied.path.relative_to(PROJECT)
        if copied.status == "made":
            print(f"สร้างสำเนาสมุดงาน {name} (working copy made)")
        elif copied.status == "refreshed":
            print(f"ปรับสำเนาสมุดงาน {name} ตามรุ่นใหม่ ฉบับเดิมเก็บไว้เป็น"
                  f" {name.with_suffix('.old.ipynb')} (working copy updated; the old one kept)")
    print("JupyterLab เปิดสมุดงานใน lab/ ค่าต่าง ๆ ของหน่วยงานเก็บใน params/*.yaml"
          " (Lab opens the copies in lab/; your values are kept in params/*.yaml)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
