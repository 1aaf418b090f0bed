"""Write data/samples/chaemae-2566-progress.xlsx: a MADE-UP filled progress sheet (ตัวอย่างสมมติ).

The sample municipality's FY2566 measures (params/chaemae-2566.yaml) as ``ita-report progress``
writes them, with results, statuses, dates and evidence links invented to show the
implementation report; the links point at the reserved ``.example`` domain. Run again after the
measures' wording changes (the report refuses a sheet whose steps no longer match):

    .venv/bin/python data/samples/make_chaemae_progress.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from ita_report.officer.progress import COLUMNS, PROGRESS_SHEET, write_progress
from ita_report.params import load_params
from ita_report.report import build_document

HERE = Path(__file__).resolve().parent
OUT = HERE / "chaemae-2566-progress.xlsx"
SITE = "https://chaemae.example/ita2567"
DONE, DOING, NOT_YET = "ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ"

#: (theme, step) → (result, status, date, evidence, obstacles, suggestion). All made up.
FILLED: dict[tuple[str, int], tuple[str, str, dt.date | str | None, str, str, str]] = {
    ("work_process", 1): ("จัดทำแผนผังขั้นตอนและระยะเวลาการปฏิบัติงาน ๑๒ ภารกิจ ติดตั้งที่จุดบริการและเผยแพร่บนเว็บไซต์",
                          DONE, dt.date(2023, 12, 15), f"{SITE}/manual-flowchart.pdf", "", ""),
    ("work_process", 2): ("ปลัดเทศบาลมีหนังสือกำชับทุกส่วนงาน และติดตามในการประชุมประจำเดือน",
                          DONE, "๒๐/๑๒/๒๕๖๖", f"{SITE}/memo-2566-12.pdf", "", ""),
    ("e_service", 1): ("มีคำสั่งมอบหมายเจ้าหน้าที่ จัดทำรายงานผลสำรวจความพึงพอใจรอบ ๖ เดือนแล้ว",
                       DONE, dt.date(2024, 4, 30), f"{SITE}/order-survey.pdf {SITE}/survey-6m.pdf",
                       "", "ควรสำรวจผ่านแบบฟอร์มออนไลน์ควบคู่กับแบบกระดาษ"),
    ("e_service", 2): ("ติดตามการรายงานผลสำรวจรอบ ๑๒ เดือน", DOING, None, "",
                       "ผู้ตอบแบบสำรวจออนไลน์มีจำนวนน้อย", ""),
    ("information_disclosure", 1): ("มีคำสั่งมอบหมายผู้รับผิดชอบข้อมูลทุกข้อของแบบวัด OIT",
                                    DONE, dt.date(2024, 1, 19), f"{SITE}/order-oit.pdf", "", ""),
    ("information_disclosure", 2): ("ตรวจความครบถ้วนของข้อมูลบนเว็บไซต์ทุกเดือน พบข้อมูลไม่เป็นปัจจุบัน ๓ รายการและแก้ไขแล้ว",
                                    DONE, dt.date(2024, 3, 29), f"{SITE}/oit-checklist.pdf", "", ""),
    ("state_assets", 1): ("ร่างคู่มือแนวปฏิบัติการใช้ทรัพย์สินของราชการแล้ว รอเสนอนายกเทศมนตรีลงนาม",
                          DOING, None, "", "เจ้าหน้าที่พัสดุย้ายระหว่างปี",
                          "ให้งานพัสดุมีผู้รับผิดชอบสำรอง"),
    ("budget_procurement", 1): ("ปรับปรุงแผนการดำเนินงานและแผนการใช้จ่ายงบประมาณ เผยแพร่บนเว็บไซต์",
                                DONE, dt.date(2023, 11, 30), f"{SITE}/plan-2567.pdf", "", ""),
    ("budget_procurement", 2): ("ประชุมชี้แจงบุคลากร ๔๒ คน", DONE, dt.date(2023, 12, 8),
                                f"{SITE}/meeting-budget.pdf", "", ""),
    ("authority_personnel", 1): ("แต่งตั้งคณะกรรมการกลั่นกรองการประเมินผลการปฏิบัติงาน", DONE,
                                 dt.date(2023, 10, 20), f"{SITE}/order-committee.pdf", "", ""),
    ("authority_personnel", 2): ("ประเมินผลการปฏิบัติงานรอบที่ ๑ (ตุลาคม ๒๕๖๖ – มีนาคม ๒๕๖๗) แล้ว", DONE,
                                 dt.date(2024, 4, 5), f"{SITE}/evaluation-round1.pdf", "", ""),
    ("authority_personnel", 3): ("", NOT_YET, None, "",
                                 "รอผลการประเมินรอบที่ ๒ (เมษายน – กันยายน ๒๕๖๗)", ""),
    ("anti_corruption", 1): ("จัดทำแผนปรับปรุงกระบวนการดำเนินงานจากผลการวิเคราะห์ ITA ปี ๒๕๖๖", DONE,
                             dt.date(2023, 11, 10), f"{SITE}/improvement-plan.pdf", "", ""),
    ("anti_corruption", 2): ("นำเสนอผลการประเมินในการประชุมพนักงานเทศบาลเมื่อ ๗ พฤศจิกายน ๒๕๖๖", DONE,
                             dt.date(2023, 11, 7), f"{SITE}/meeting-ita.pdf", "", ""),
    ("keep_standard", 1): ("ทุกส่วนงานทบทวนข้อมูลที่ผ่านค่าเป้าหมาย", DOING, None, "",
                           "", "ให้รายงานผลเป็นรายไตรมาส"),
    ("keep_standard", 2): ("รายงานต่อนายกเทศมนตรีแล้ว ๒ ไตรมาส", DOING, None,
                           f"{SITE}/quarterly-report.pdf", "", ""),
    ("keep_standard", 3): ("ประชุมชี้แจงบุคลากรเรื่องงบประมาณและการมอบหมายงานแล้ว ๑ ครั้ง", DOING, None,
                           "", "", "ให้สำรวจความเข้าใจของบุคลากรก่อนการประเมินรอบถัดไป"),
}


def main() -> None:
    doc = build_document(load_params(HERE.parent.parent / "params" / "chaemae-2566.yaml"))
    write_progress(doc, OUT)
    workbook = load_workbook(OUT)
    sheet = workbook[PROGRESS_SHEET]
    first_filled = COLUMNS.index("ผลการดำเนินงาน") + 1
    for row in sheet.iter_rows(min_row=2):
        key = (str(row[0].value), int(row[1].value))
        for offset, value in enumerate(FILLED[key]):
            cell = row[first_filled - 1 + offset]
            cell.value = value or None
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    note = workbook.create_sheet("อ่านก่อน")
    note["A1"] = ("ตัวอย่างสมมติ: ผลการดำเนินงาน สถานะ วันที่ และลิงก์หลักฐานในไฟล์นี้สมมติขึ้นเพื่อสาธิต"
                  " ไม่ใช่ผลการดำเนินงานจริงของหน่วยงานใด")
    note["A2"] = ("Made-up sample: the results, statuses, dates and evidence links are invented to"
                  " demonstrate the implementation report; they are no agency's real results.")
    workbook.properties.description = "ตัวอย่างสมมติ (made-up sample data)"
    workbook.save(OUT)


if __name__ == "__main__":
    main()
