"""Restriction notes (ข้อจำกัด): the officer's own, those the catalogue's rules derive, and caveats.

Caveats say what the data could not support: items with no score, items cited outside the
year's framework, input with indicator scores only. Never invents a note the scores don't imply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ita_report.code_text import CodeStyle, code_order, display_code, runs_text
from ita_report.framework import Framework
from ita_report.gaps import Assessment
from ita_report.measures import MeasureRow
from ita_report.thai import digits


def data_caveats(
    assessment: Assessment, framework: Framework, cited_codes: Iterable[str], *, thai: bool,
    style: CodeStyle = "ita",
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
            f"ไม่มีข้อมูลคะแนน{runs_text(missing, style=style)} "
            f"จำนวน {digits(str(len(missing)), thai=thai)} ข้อ "
            "จึงวิเคราะห์ได้เฉพาะข้อที่มีคะแนน"
        )
    outside = sorted(
        {c for c in cited_codes if framework.item(c) is None and not c.startswith("ind")}
    )
    if outside:
        shown = " ".join(display_code(c, style=style) for c in outside)
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
            f"ถ้อยคำหรือการจัดกลุ่มตัวชี้วัดของ{runs_text(doubtful, style=style)}"
            f" ในกรอบการประเมินปีงบประมาณ พ.ศ. {year} ที่ใช้จัดทำเอกสารนี้"
            " ยังไม่ได้ยืนยันกับคู่มือการประเมินของสำนักงาน ป.ป.ช. ควรตรวจสอบกับผลการประเมินในระบบ ITAS"
        )
    return notes


def caveats_for(
    assessment: Assessment,
    framework: Framework,
    rows: Sequence[MeasureRow],
    *,
    thai: bool,
    style: CodeStyle = "ita",
    grouped_by_indicator: bool = False,
) -> list[str]:
    """Every note on what the data could not support, for the officer preparing the document.

    The framework's numbering against the catalogue's first (when the gaps are grouped by
    indicator), then :func:`data_caveats` of the items the measures cite, then the OIT items
    whose wording this year's framework does not know.
    """
    cited = [code for row in rows if row.kind != "passing" for code in row.cited_codes]
    notes = data_caveats(assessment, framework, cited, thai=thai, style=style)
    unknown = [i for row in rows if not row.all_passing for i in row.items
               if not i.known_wording]
    unnamed = sorted({i.code for i in unknown if i.tool == "OIT"}, key=code_order)
    if unnamed:
        notes.append(
            "ยังไม่ทราบชื่อรายการของข้อ "
            f"{' '.join(display_code(c, style=style) for c in unnamed)}"
            " ในกรอบการประเมินปีนี้ เอกสารจึงเรียกตามชื่อตัวชี้วัดของข้อนั้น ให้ระบุชื่อรายการตามระบบ ITAS"
            " ในไฟล์พารามิเตอร์ (item_texts:) แล้วสร้างเอกสารใหม่"
        )
    # An IIT or EIT item under target shown by its indicator's name alone: the assessor reads
    # the question it asked, which this year's framework does not have.
    unasked = sorted({i.code for i in unknown if i.tool in ("IIT", "EIT")}, key=code_order)
    if unasked:
        notes.append(
            f"ยังไม่ทราบถ้อยคำข้อคำถามของ{runs_text(unasked, style=style)}"
            " ในกรอบการประเมินปีนี้ ช่องข้อคำถาม ITA จึงแสดงเพียงชื่อตัวชี้วัด ให้คัดถ้อยคำข้อคำถาม"
            "จากผลการประเมินในระบบ ITAS ไว้ที่ item_texts: ในไฟล์พารามิเตอร์ แล้วสร้างเอกสารใหม่"
        )
    if grouped_by_indicator:
        notes.insert(0, (
            f"กรอบการประเมินที่หน่วยงานระบุ ({Path(framework.source_file).name}) เรียงเลขข้อต่างจาก"
            "แคตตาล็อกประเด็นมาตรฐาน จึงจัดกลุ่มข้อที่ต่ำกว่าค่าเป้าหมายตามตัวชี้วัด"
        ))
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
