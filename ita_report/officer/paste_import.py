"""``ita-report import``: the score template filled from a pasted ITAS result page.

The officer's own ITAS result is the source of truth: its scores fill column D of the tool
sheets, its wording column B (the document then shows it, as it shows params' ``item_texts``),
its published totals the agency sheet's official rows. Codes the year's framework lacks are
refused with the way out (``ita-report framework --from``); nothing is written on a refusal.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ita_report.codes import item_sort_key
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import Framework, load_framework, read_framework_file
from ita_report.scores.paste import Paste, PastedItem, PastedTotals, read_paste
from ita_report.scores.template import AGENCY_FIELDS, AGENCY_SHEET, TemplateAgency

#: The agency sheet's rows for the published result, below the agency's own: (key, label).
#: The keys are those of ``ita_report.scores.official.OFFICIAL_FIELDS`` (issue 23, parts 1 and
#: 4), which reads them back; the rows are added here when the template has none yet.
OFFICIAL_ROWS = (
    ("official_iit", "คะแนน IIT ตามประกาศ"),
    ("official_eit", "คะแนน EIT ตามประกาศ"),
    ("official_oit", "คะแนน OIT ตามประกาศ"),
    ("official_ita", "คะแนน ITA ตามประกาศ"),
    ("official_level", "ระดับผลการประเมินตามประกาศ"),
)
_TOOL_SHEETS = ("IIT", "EIT", "OIT")


@dataclass(frozen=True)
class Imported:
    """What ``ita-report import`` read and wrote, for the summary it prints."""

    out: Path
    paste: Paste
    framework: Framework
    missing: tuple[str, ...]  # the framework's codes the paste has no score for

    def counts(self) -> dict[str, int]:
        return {tool: len(self.paste.codes(tool)) for tool in _TOOL_SHEETS}


def import_paste(
    paste_path: Path,
    year: int,
    out: Path,
    *,
    agency: TemplateAgency | None = None,
    framework_file: Path | None = None,
    force: bool = False,
) -> Imported:
    """Read ``paste_path`` and write the filled score template ``out`` (atomically)."""
    from ita_report.iorw import atomic_path
    from ita_report.officer.template import build_template

    _check_out(paste_path, out, force)
    framework = _framework(year, framework_file)
    paste = read_paste(paste_path)
    unknown = [i for i in paste.items if framework.item(i.code) is None]
    if unknown:
        raise InputError(_not_in_framework(paste_path, unknown, framework, framework_file))
    known = framework.known_codes()
    missing = tuple(sorted((c for c in known if not c.startswith("ind")
                            and c not in paste.scores()), key=item_sort_key))
    workbook = build_template(framework, agency or TemplateAgency())
    _fill(workbook, paste)
    _write_totals(workbook[AGENCY_SHEET], paste.totals)
    with atomic_path(out) as tmp:
        workbook.save(tmp)
    return Imported(out, paste, framework, missing)


def _framework(year: int, framework_file: Path | None) -> Framework:
    if framework_file is None:
        return load_framework(year)
    framework = read_framework_file(framework_file)
    if framework.fiscal_year != year:
        raise InputError(file_problem(
            framework_file, f"ไฟล์นี้เป็นกรอบการประเมินปี {framework.fiscal_year} ไม่ใช่ปี {year}",
            f"the file is the framework of FY{framework.fiscal_year}, not FY{year}",
            column="fiscal_year", value=framework.fiscal_year,
            expected_th=str(year), expected_en=str(year)))
    return framework


def _check_out(paste_path: Path, out: Path, force: bool) -> None:
    if out.suffix.lower() != ".xlsx":
        raise InputError(file_problem(out, "ชื่อไฟล์ต้องลงท้ายด้วย .xlsx", "must be named .xlsx",
                                      expected_th="เช่น คะแนน-2569.xlsx",
                                      expected_en="e.g. scores-2569.xlsx"))
    if out.resolve() == paste_path.resolve():
        raise InputError(file_problem(out, "เป็นไฟล์เดียวกับที่คัดลอกผลไว้ จะไม่เขียนทับ",
                                      "is the pasted file itself; it is never written over",
                                      expected_th="ชื่อไฟล์อื่นสำหรับ --out",
                                      expected_en="another name for --out"))
    if out.exists() and not force:
        raise InputError(file_problem(
            out, "มีไฟล์นี้อยู่แล้ว จึงไม่เขียนทับ (อาจมีคะแนนที่กรอกไว้)",
            "already exists and was left alone (it may hold scores typed in)",
            expected_th="ชื่อไฟล์ใหม่ หรือเพิ่ม --force เพื่อเขียนทับ",
            expected_en="a new file name, or --force to replace it"))


def _not_in_framework(paste_path: Path, unknown: list[PastedItem], framework: Framework,
                      framework_file: Path | None) -> Problem:
    """One message for every code the framework lacks: the way out is the same for all."""
    year = framework.fiscal_year
    code = ", ".join(i.code for i in unknown)
    lines = ", ".join(str(i.line) for i in unknown)
    which = f"ในไฟล์ {framework_file}" if framework_file else f"ปีงบประมาณ {year} ที่มากับโปรแกรม"
    which_en = f"in {framework_file}" if framework_file else f"in the shipped FY{year} framework"
    return file_problem(
        paste_path,
        f"ไม่มีข้อ {code} ในกรอบการประเมิน{which} ผลของหน่วยงานจึงมีข้อต่างจากกรอบการประเมินนี้",
        f"code {code} is not {which_en}: the agency's result has other items than this framework",
        where=f"line {lines}", value=code,
        expected_th=f"สร้างกรอบการประเมินตามผลของหน่วยงาน: ita-report framework --from {paste_path}"
        f" --year {year} --out กรอบ-{year}.yaml แล้วสั่ง import ใหม่พร้อม --framework กรอบ-{year}.yaml"
        " และใส่ framework_file: ในไฟล์พารามิเตอร์",
        expected_en=f"a framework made from the paste: ita-report framework --from {paste_path}"
        f" --year {year} --out framework-{year}.yaml, then import again with --framework"
        f" framework-{year}.yaml, and framework_file: in the params")


def _fill(workbook: Any, paste: Paste) -> None:
    """Column D (score) and column B (wording) of each tool sheet, by the code in column A."""
    scores, texts = paste.scores(), paste.texts()
    for tool in _TOOL_SHEETS:
        if tool not in workbook.sheetnames:
            continue
        sheet = workbook[tool]
        for row in range(2, sheet.max_row + 1):
            code = sheet.cell(row=row, column=1).value
            if code in scores:
                sheet.cell(row=row, column=4, value=scores[code])
                if code in texts:
                    sheet.cell(row=row, column=2, value=texts[code])


def _write_totals(sheet: Any, totals: PastedTotals) -> None:
    """The published totals in the agency sheet's official rows (added when absent)."""
    if totals.empty:
        return
    rows: dict[str, int] = {}
    for row in range(1, sheet.max_row + 1):
        label = str(sheet.cell(row=row, column=1).value or "")
        for key, _label in OFFICIAL_ROWS:
            if label.endswith(f"({key})"):
                rows[key] = row
    next_row = max(sheet.max_row, len(AGENCY_FIELDS) + 1) + 1
    values = {"official_iit": totals.iit, "official_eit": totals.eit, "official_oit": totals.oit,
              "official_ita": totals.ita, "official_level": totals.level}
    font = copy.copy(sheet.cell(row=2, column=1).font)
    for key, label in OFFICIAL_ROWS:
        if values[key] is None:
            continue
        row = rows.get(key, 0)
        if not row:
            row = next_row
            next_row += 1
            sheet.cell(row=row, column=1, value=f"{label} ({key})").font = font
            said = "จากหน้าผลการประเมินในระบบ ITAS (ita-report import)"
            sheet.cell(row=row, column=3, value=said).font = font
        sheet.cell(row=row, column=2, value=values[key]).font = font


def summary(result: Imported) -> list[str]:
    """What was found, for the terminal: counts per tool, items missing, totals, unread lines."""
    counts = result.counts()
    lines = ["อ่านผลที่คัดลอกมา (read from the paste): "
             + ", ".join(f"{tool} {n} ข้อ" for tool, n in counts.items())]
    if result.missing:
        lines.append(f"ข้อที่ไม่มีคะแนนในผลที่คัดลอก เว้นว่างไว้ (items with no score, left blank):"
                     f" {', '.join(result.missing)}")
    totals = result.paste.totals
    shown = [f"{name} {value:.2f}" for name, value in (
        ("IIT", totals.iit), ("EIT", totals.eit), ("OIT", totals.oit), ("ITA", totals.ita))
        if value is not None]
    if totals.level:
        shown.append(f"ระดับ {totals.level}")
    lines.append("ผลตามประกาศ (published totals): " + (" · ".join(shown) or "ไม่พบ (none found)"))
    worded = len(result.paste.texts())
    lines.append(f"ถ้อยคำข้อคำถามจากผลที่คัดลอก {worded} ข้อ ใส่ไว้ในคอลัมน์ B"
                 f" (wording of {worded} items, in column B: the document shows it)")
    if result.paste.unread:
        lines.append("บรรทัดที่ไม่ได้ใช้ (lines not used):")
        lines += [f"  บรรทัด {n} (line {n}): {text}" for n, text in result.paste.unread]
    lines += _differences(result)
    return lines


def _differences(result: Imported) -> list[str]:
    """How the paste differs from the framework in use: fewer items, other weights."""
    notes = []
    fw = result.framework
    if result.missing and len(result.missing) >= 3:
        notes.append(
            f"ผลที่คัดลอกมีข้อน้อยกว่ากรอบการประเมินปี {fw.fiscal_year} ({len(result.missing)} ข้อ"
            " ไม่มีคะแนน) ถ้าหน้าผลการประเมินในระบบ ITAS มีเพียงเท่านี้ ให้สร้างกรอบการประเมินของหน่วยงาน:"
            f" ita-report framework --from {result.paste.path} --year {fw.fiscal_year}"
            " --out กรอบ.yaml (the paste has fewer items than the framework: if ITAS shows only"
            " these, make the agency's framework with framework --from)")
    t = result.paste.totals
    if None not in (t.iit, t.eit, t.oit, t.ita):
        weights = {tool.code: tool.weight for tool in fw.tools}
        assert t.iit is not None and t.eit is not None and t.oit is not None and t.ita is not None
        computed = weights["IIT"] * t.iit + weights["EIT"] * t.eit + weights["OIT"] * t.oit
        if abs(computed - t.ita) > 0.05:
            notes.append(
                f"คะแนน ITA ตามประกาศ {t.ita:.2f} ไม่เท่ากับ IIT/EIT/OIT ตามประกาศคูณน้ำหนักของกรอบ"
                f" ({computed:.2f}) น้ำหนักของปีนี้อาจต่างจากไฟล์กรอบการประเมิน (the published ITA"
                " is not the framework's weighted sum of the published tool scores,"
                f" {computed:.2f}:"
                " this year's weights may differ; correct them in a framework file)")
    return notes
