"""The document handed from ``ita-report run`` and the batch to the notebook's kernel.

The document is built once per run (issue 15): the kernel reads the one the run built
(``document_file``) and builds its own only when there is none it can trust.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from ita_report.document import document_from_notebook, load_document, save_document
from ita_report.params import load_params
from ita_report.report import build_document, measures_table_html

SAMPLE = Path(__file__).resolve().parents[1] / "params" / "chaemae-2566.yaml"


def test_the_document_handed_to_the_kernel_comes_back_whole(tmp_path: Path) -> None:
    doc = build_document(load_params(SAMPLE))
    path = save_document(doc, tmp_path / "document.pickle")
    back = document_from_notebook({"document_file": str(path)})
    assert back == doc
    # Read-only mappings (the agency's units and words) survive the trip read-only.
    assert back.agency_type is not None and dict(back.agency_type.units) == dict(
        doc.agency_type.units  # type: ignore[union-attr]
    )
    assert measures_table_html(back) == measures_table_html(doc)


def test_without_a_document_it_can_trust_the_kernel_builds_its_own(tmp_path: Path) -> None:
    doc = build_document(load_params(SAMPLE))
    # Gone (a kept notebook run again later): built from the params given with it.
    gone = tmp_path / "gone.pickle"
    assert load_document(gone) is None
    rebuilt = document_from_notebook({"document_file": str(gone), "params_file": str(SAMPLE)})
    assert rebuilt.rows == doc.rows and rebuilt.assessment == doc.assessment
    # Written by another copy of ita_report (a kernel of another environment): not trusted.
    other = tmp_path / "other.pickle"
    other.write_bytes(pickle.dumps(("/elsewhere/ita_report", doc)))
    assert load_document(other) is None


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
