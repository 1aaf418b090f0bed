"""The document handed from ``ita-report run`` and the batch to the notebook's kernel.

The document is built once per run (issue 15): the kernel reads the one the run built
(``document_file``) and builds its own only when there is none it can trust.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from ita_report.cli import main
from ita_report.document import (
    DOCUMENT_KEY_VARIABLE,
    document_from_notebook,
    load_document,
    new_document_key,
    save_document,
)
from ita_report.params import load_params
from ita_report.report import build_document, measures_table_html

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "params" / "chaemae-2566.yaml"


@pytest.fixture
def private(tmp_path: Path) -> Path:
    """A folder as ``run`` and the batch make one: ``mkdtemp``, mode 0700."""
    return Path(tempfile.mkdtemp(dir=tmp_path))


def test_the_document_handed_to_the_kernel_comes_back_whole(
    private: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = build_document(load_params(SAMPLE))
    key = new_document_key()
    path = save_document(doc, private / "document.pickle", key)
    assert path.stat().st_mode & 0o777 == 0o600
    # The kernel has the key in its environment (run and the batch put it there).
    monkeypatch.setenv(DOCUMENT_KEY_VARIABLE, key.hex())
    back = document_from_notebook({"document_file": str(path)})
    assert back == doc
    # Read-only mappings (the agency's units and words) survive the trip read-only.
    assert back.agency_type is not None and dict(back.agency_type.units) == dict(
        doc.agency_type.units  # type: ignore[union-attr]
    )
    assert measures_table_html(back) == measures_table_html(doc)


def test_without_a_document_it_can_trust_the_kernel_builds_its_own(
    private: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = build_document(load_params(SAMPLE))
    key = new_document_key()
    monkeypatch.setenv(DOCUMENT_KEY_VARIABLE, key.hex())
    # Gone (a kept notebook run again later): built from the params given with it.
    gone = private / "gone.pickle"
    assert load_document(gone) is None
    rebuilt = document_from_notebook({"document_file": str(gone), "params_file": str(SAMPLE)})
    assert rebuilt.rows == doc.rows and rebuilt.assessment == doc.assessment
    # Written by another copy of ita_report (a kernel of another environment): not trusted.
    other = private / "other.pickle"
    payload = pickle.dumps(("/elsewhere/ita_report", doc))
    other.write_bytes(hmac.new(key, payload, hashlib.sha256).digest() + payload)
    assert load_document(other) is None
    # Signed with another run's key, or no key at all in the kernel: never unpickled.
    signed = save_document(doc, private / "signed.pickle", new_document_key())
    assert load_document(signed) is None
    monkeypatch.delenv(DOCUMENT_KEY_VARIABLE)
    assert load_document(save_document(doc, private / "mine.pickle", key)) is None
    assert load_document(private / "mine.pickle", key) == doc


def test_a_document_is_only_written_in_a_private_folder(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    with pytest.raises(PermissionError):
        save_document(build_document(load_params(SAMPLE)), shared / "d.pickle",
                      new_document_key())
    assert not (shared / "d.pickle").exists()


# -- a pickle someone else chose is never loaded (issue 21, 1) ---------------------------------
class _Planted:
    """What an attacker plants: unpickling it creates ``marker`` (any code could run there)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def plant(path: Path, marker: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(_Planted(marker)))


def shown_html(nb: nbformat.NotebookNode) -> str:
    return "".join(
        out.get("data", {}).get("text/html", "")
        for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])
    )


@pytest.mark.slow
def test_papermill_f_never_loads_the_pickle_its_file_names(tmp_path: Path) -> None:
    evil, marker = tmp_path / "x" / "evil.pickle", tmp_path / "pwned"
    plant(evil, marker)
    params = tmp_path / "p.yaml"
    params.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "../data/samples/", f"{ROOT / 'data' / 'samples'}/"
        ) + f"document_file: {evil}\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.ipynb"
    env = {k: v for k, v in os.environ.items() if k != DOCUMENT_KEY_VARIABLE}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "papermill"), "notebooks/measures_report.ipynb",
         str(out), "-f", str(params)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300, env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert not marker.exists()
    # The report comes out, built from the file's params.
    expected = measures_table_html(build_document(load_params(SAMPLE)))
    assert expected in shown_html(nbformat.read(out, as_version=4))


@pytest.mark.slow
def test_a_kept_notebook_run_again_never_loads_a_pickle_planted_where_it_points(
    tmp_path: Path,
) -> None:
    out = tmp_path / "reports"
    assert main(["run", str(SAMPLE), "--out", str(out)]) == 0
    kept = out / "2566" / "chaemae.ipynb"
    nb = nbformat.read(kept, as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    line = next(x for x in injected.source.splitlines() if x.startswith("document_file"))
    named = Path(line.split("=", 1)[1].strip().strip("\"'"))
    assert not named.exists()  # the run's private folder went with the run
    assert DOCUMENT_KEY_VARIABLE not in os.environ  # nor was the key left anywhere
    assert DOCUMENT_KEY_VARIABLE not in kept.read_text(encoding="utf-8")
    # Anyone able to write to /tmp makes the folder again and plants a pickle there.
    marker = tmp_path / "pwned"
    plant(named, marker)
    try:
        # The officer re-executes the kept notebook (nbconvert --execute, Run All in Lab).
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
        NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(kept.parent)}}
                       ).execute()
    finally:
        named.unlink()
        named.parent.rmdir()
    assert not marker.exists()
    expected = measures_table_html(build_document(load_params(SAMPLE)))
    assert expected in shown_html(nb)


def test_the_preparer_is_told_what_no_score_shows() -> None:
    sample = load_params(SAMPLE)
    assert not [n for n in build_document(sample).notes if "limitations:" in n]
    # No ข้อจำกัด at all (none written, none derived): the preparer is asked, nothing printed.
    bare = sample.model_copy(update={"limitations": (), "derive_limitations": False})
    doc = build_document(bare)
    assert not doc.limitations
    assert any("ยังไม่มีหัวข้อข้อจำกัด" in n and "limitations:" in n for n in doc.notes)
    # A central agency not named กรม… gets a department's unit names: said, with the fix.
    office = bare.model_copy(update={"org_type": "ส่วนกลาง",
                                     "org_name": "สำนักงานคณะกรรมการตัวอย่าง"})
    assert any("สำนักงานเลขานุการกรม" in n and "units:" in n
               for n in build_document(office).notes)
    department = office.model_copy(update={"org_name": "กรมตัวอย่าง"})
    assert not any("units:" in n for n in build_document(department).notes)
