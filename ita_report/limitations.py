"""Restriction notes (ข้อจำกัด): the officer's own, those the catalogue's rules derive, and caveats.

Caveats say what the data could not support: items with no score, items cited outside the
year's framework, input with indicator scores only. Never invents a note the scores don't imply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ita_report.framework import Framework
from ita_report.measures import display_code, runs_text
from ita_report.scoring import Assessment
from ita_report.thai import digits


def data_caveats(
    assessment: Assessment, framework: Framework, cited_codes: Iterable[str], *, thai: bool
) -> list[str]:
    """Notes about gaps in the data itself, in the order a reader needs them."""
    notes: list[str] = []
    year = digits(str(assessment.fiscal_year), thai=thai)
    if assessment.indicator_level_only:
        notes.append(
            "ข้อมูลคะแนนที่ได้รับเป็นคะแนนรายตัวชี้วัดเท่านั้น ไม่มีคะแนนรายข้อ จึงวิเคราะห์จุดที่ต้องพัฒนารายข้อคำถามไม่ได้"
        )
    elif assessment.missing_items:
        missing = list(assessment.missing_items)
        notes.append(
            f"ไม่มีข้อมูลคะแนน{runs_text(missing, thai=thai)} "
            f"จำนวน {digits(str(len(missing)), thai=thai)} ข้อ "
            "จึงวิเคราะห์ได้เฉพาะข้อที่มีคะแนน"
        )
    outside = sorted(
        {c for c in cited_codes if framework.item(c) is None and not c.startswith("ind")}
    )
    if outside:
        shown = " ".join(display_code(c, thai=thai) for c in outside)
        notes.append(
            f"ข้อ {shown} ที่อ้างถึงไม่อยู่ในกรอบการประเมินปีงบประมาณ พ.ศ. {year} จึงไม่นำมาคำนวณคะแนนรวม"
        )
    doubtful = sorted(
        {
            c for c in cited_codes
            if (item := framework.item(c)) is not None
            and (item.confidence != "verified" or framework.placement_confidence(c) != "verified")
        },
        key=lambda c: ("ieo".find(c[0]), int(c[1:])),
    )
    if doubtful:
        notes.append(
            f"ถ้อยคำหรือการจัดกลุ่มตัวชี้วัดของ{runs_text(doubtful, thai=thai)}"
            f" ในกรอบการประเมินปีงบประมาณ พ.ศ. {year} ที่ใช้จัดทำเอกสารนี้"
            " ยังไม่ได้ยืนยันกับคู่มือการประเมินของสำนักงาน ป.ป.ช. ควรตรวจสอบกับผลการประเมินในระบบ ITAS"
        )
    return notes


def assemble(*groups: Sequence[str]) -> tuple[str, ...]:
    """Join the groups in order, dropping blanks and repeats (an officer may restate a rule)."""
    seen: set[str] = set()
    out: list[str] = []
    for group in groups:
        for note in group:
            text = " ".join(note.split())
            if text and text not in seen:
                seen.add(text)
                out.append(text)
    return tuple(out)
