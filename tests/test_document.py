"""The document handed from ``ita-report run`` and the batch to the notebook's kernel.

The document is built once per run (issue 15): the kernel reads the one the run built
(``document_file``) and builds its own only when there is none it can trust.
"""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from ita_report.document import (
    agency_type_of,
    document_from_notebook,
    load_document,
    save_document,
    signatory_of,
)
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


# -- who signs and when (issue 25) -------------------------------------------------------------
TAMBON = SAMPLE.parent / "sample-tambon-2569.yaml"


@pytest.mark.parametrize(
    ("org_type", "org_name", "position"),
    [
        ("อบต.", "องค์การบริหารส่วนตำบลโคกสูงน้อย", "นายกองค์การบริหารส่วนตำบลโคกสูงน้อย"),
        ("ทม.", "เทศบาลเมืองแฉะแม่", "นายกเทศมนตรีเมืองแฉะแม่"),
        ("ทต.", "เทศบาลตำบลจุน", "นายกเทศมนตรีตำบลจุน"),
        ("ทน.", "เทศบาลนครอุบลราชธานี", "นายกเทศมนตรีนครอุบลราชธานี"),
        ("อบจ.", "องค์การบริหารส่วนจังหวัดอุบลราชธานี", "นายกองค์การบริหารส่วนจังหวัดอุบลราชธานี"),
        ("ส่วนกลาง", "กรมบัญชีกลาง", "อธิบดีกรมบัญชีกลาง"),
    ],
)
def test_the_signatory_position_defaults_by_agency_type(
    org_type: str, org_name: str, position: str
) -> None:
    params = load_params(TAMBON, org_type=org_type, org_name=org_name)
    assert signatory_of(params, agency_type_of(params)).position == position


def test_a_position_the_type_cannot_say_prints_its_word_and_asks_the_preparer() -> None:
    # The head of a ส่วนกลาง agency not named กรม… is not an อธิบดี: the type's word, and a note.
    params = load_params(TAMBON, org_type="ส่วนกลาง", org_name="สำนักงานตัวอย่าง")
    kind = agency_type_of(params)
    assert signatory_of(params, kind).position == "หัวหน้าส่วนราชการ"
    doc = build_document(load_params(TAMBON, org_type="อื่น ๆ", org_name="สถาบันตัวอย่าง"))
    assert doc.front is not None and doc.front.signatory.position == "ผู้บริหารสูงสุดของหน่วยงาน"
    assert any("signatory: position:" in note for note in doc.notes)
    # Given in the params: printed as given, and nothing to ask.
    named = build_document(load_params(
        TAMBON, signatory={"name": "นายสมชาย ใจดี", "position": "ปลัดองค์การบริหารส่วนตำบล"
                           " ปฏิบัติหน้าที่นายกองค์การบริหารส่วนตำบลตัวอย่าง"}))
    assert named.front is not None and named.front.signatory.name == "นายสมชาย ใจดี"
    assert named.front.signatory.position.startswith("ปลัดองค์การบริหารส่วนตำบล ปฏิบัติหน้าที่")
    assert not any("signatory:" in note for note in named.notes)


def test_an_unnamed_signatory_is_asked_for_on_screen() -> None:
    doc = build_document(load_params(TAMBON))
    assert doc.front is not None and doc.front.signatory.name == ""
    assert any("signatory: name:" in note for note in doc.notes)


def test_a_date_outside_the_fiscal_year_of_the_measures_gets_a_note() -> None:
    # FY2566 results: measures for FY2567, 1 Oct 2566 – 30 Sep 2567.
    inside = build_document(load_params(SAMPLE, document={"date": "2566-10-01"}))
    assert not any("document: date:" in note for note in inside.notes)
    assert inside.date_from_params and "จาก document: date:" in inside.date_said
    assert "2023-10-01" in inside.date_said
    after = build_document(load_params(SAMPLE, document={"date": "2567-10-01"}))
    note = next(n for n in after.notes if "document: date:" in n)
    assert "หลังสิ้นสุดปีงบประมาณ พ.ศ. ๒๕๖๗" in note and "2566-10-01" in note
    before = build_document(load_params(SAMPLE, document={"date": "2566-09-30"}))
    assert any("ก่อนเริ่มปีงบประมาณ พ.ศ. ๒๕๖๗" in n for n in before.notes)
    # Made today (5 December 2026, long after FY2567): the note says it is today's date.
    today = build_document(load_params(SAMPLE), today=date(2026, 12, 5))
    assert any("วันที่สร้างไฟล์" in n and "หลังสิ้นสุด" in n for n in today.notes)
    assert not today.date_from_params and "คือวันนี้" in today.date_said
    # The date printed in the announcement is the document's date.
    assert today.front is not None
    assert today.front.signatory.dated == "ประกาศ ณ วันที่ ๕ เดือน ธันวาคม พ.ศ. ๒๕๖๙"
