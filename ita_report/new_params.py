"""``ita-report new``: a parameters file an officer can read, with every field explained in Thai.

The file is written from ``params.FIELD_HELP_TH`` and the catalogue's themes, and is checked with
``params.load_params`` before it is put in place. It never overwrites an existing file unasked.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ita_report.catalogue import OVERRIDE_KEYS, load_catalogue
from ita_report.errors import InputError, file_problem
from ita_report.framework import load_framework
from ita_report.iorw import atomic_path, refuse_overwrite
from ita_report.params import FIELD_HELP_TH, is_safe_org_id, load_params

#: org_id used when none is given and none can be read from the scores file.
DEFAULT_ORG_ID = "agency"


@dataclass(frozen=True)
class NewAgency:
    """What an officer says about the agency on the command line (ข้อมูลหน่วยงาน).

    Empty (or ``None`` for the year) where the officer typed nothing: a filled template given
    as the scores file says the rest, so the agency is typed once, in Excel.
    """

    org_name: str = ""
    short_name: str = ""
    fiscal_year: int | None = None
    org_id: str = ""
    org_type: str = ""
    district: str = ""
    province: str = ""


@dataclass(frozen=True)
class NewParams:
    """What ``ita-report new`` wrote: the params file, its scores file, and how org_id was set."""

    params_path: Path
    scores_path: Path
    template_written: bool
    org_id: str
    org_id_source: str  # "given", "scores" (read from the scores file) or "default"
    #: The fields read from a filled template's agency sheet (none typed on the command line).
    from_template: tuple[str, ...] = ()


def default_params_path(org_id: str, year: int) -> Path:
    """``params/<org_id>-<year>.yaml``, where the project keeps one file per agency and year."""
    return Path("params") / f"{org_id}-{year}.yaml"


def new_params(
    agency: NewAgency,
    *,
    scores: str | Path | None = None,
    out: str | Path | None = None,
    force: bool = False,
) -> NewParams:
    """Write a commented params file for ``agency`` (and a score template if it has none).

    Without ``scores`` the scores file is ``<org_id>-<year>-scores.xlsx`` beside the params
    file; a score file that does not exist yet and ends in ``.xlsx`` is created as a template
    pre-filled with the agency, so filling it in is the only edit left before ``ita-report run``.
    """
    from ita_report.officer import template

    scores_path = Path(scores) if scores is not None else None
    typed = agency
    agency = from_template(agency, scores_path)
    read = tuple(k for k, _f, _t in _SHARED_FIELDS if getattr(agency, k) != getattr(typed, k))
    year = agency.fiscal_year
    if year is None:
        raise InputError(
            file_problem("ita-report new", "ต้องระบุปีงบประมาณ", "the fiscal year is missing",
                         column="--year", expected_th="--year 2567 หรือแม่แบบที่กรอกแล้ว (--scores)",
                         expected_en="--year 2567, or a filled template as --scores")
        )
    load_framework(year)  # an unknown year is the first thing to say
    missing = [(flag, th) for flag, th, value in (
        ("--org-name", "ชื่อหน่วยงาน", agency.org_name),
        ("--short-name", "ชื่อย่อ", agency.short_name),
    ) if not value.strip()]
    if missing:
        raise InputError([
            file_problem("ita-report new", f"ยังไม่ได้ระบุ{th}", f"{flag} is missing", column=flag,
                         expected_th=f"{flag} \"...\" หรือกรอก{th}ในชีตหน่วยงานของแม่แบบ (--scores)",
                         expected_en=f"{flag} \"...\", or a template's agency sheet (--scores)")
            for flag, th in missing
        ])
    org_id, source, filled, extras = _org_id(agency, scores_path, year)
    agency = filled
    params_path = Path(out) if out is not None else default_params_path(org_id, year)
    # The score file named with --scores is read, never written over (not even with --force).
    refuse_overwrite(params_path, force=True, inputs=(scores_path,) if scores_path else ())
    if params_path.exists() and not force:
        raise InputError(
            file_problem(
                params_path,
                "มีไฟล์นี้อยู่แล้ว จึงไม่เขียนทับ",
                "already exists and was left alone",
                expected_th="ชื่อไฟล์ใหม่ (--out) หรือเพิ่ม --force เพื่อเขียนทับ",
                expected_en="another name (--out), or --force to replace it",
            )
        )
    if scores_path is None:
        scores_path = params_path.parent / f"{org_id}-{year}-scores.xlsx"
    text = params_text(agency, org_id=org_id, org_id_source=source, extra_codes=extras,
                       scores_file=_relative(scores_path, params_path.parent))
    with atomic_path(params_path) as tmp:
        tmp.write_text(text, encoding="utf-8")
        load_params(tmp)  # what we write must load: checked before it is put in place
    written = False
    if not scores_path.exists() and scores_path.suffix.lower() == ".xlsx":
        template.write_template(
            year,
            scores_path,
            template.TemplateAgency(
                org_id=org_id,
                org_name=agency.org_name,
                short_name=agency.short_name,
                org_type=agency.org_type,
                district=agency.district,
                province=agency.province,
            ),
        )
        written = True
    return NewParams(params_path, scores_path, written, org_id, source, read)


#: The agency's fields a template's agency sheet also gives: (field, command-line flag, Thai).
_SHARED_FIELDS = (
    ("org_id", "--org-id", "รหัสหน่วยงาน"),
    ("org_name", "--org-name", "ชื่อหน่วยงาน"),
    ("short_name", "--short-name", "ชื่อย่อ"),
    ("org_type", "--org-type", "ประเภทหน่วยงาน"),
    ("district", "--district", "อำเภอ"),
    ("province", "--province", "จังหวัด"),
    ("fiscal_year", "--year", "ปีงบประมาณ"),
)


def from_template(agency: NewAgency, scores: Path | None) -> NewAgency:
    """``agency`` completed from the agency sheet of ``scores`` when it is a filled template.

    What the officer typed and the template says must agree: a value typed on the command line
    that differs from the template's is refused (``InputError`` naming both), never silently
    preferred, since one of the two is a mistake and the report would show it.
    """
    from dataclasses import replace

    from ita_report.scores import template

    if scores is None or not scores.is_file() or scores.suffix.lower() not in (".xlsx", ".xlsm"):
        return agency
    if not template.is_template(scores):
        return agency
    sheet = template.read_agency(scores)
    found: dict[str, Any] = {}
    problems = []
    for key, flag, th in _SHARED_FIELDS:
        typed = getattr(agency, key)
        written = getattr(sheet, key)
        if key == "org_id" and written and not is_safe_org_id(written):
            written = ""  # the run says what is wrong with it, by sheet and cell
        if typed not in ("", None) and written not in ("", None) and str(typed).strip() != str(
            written
        ).strip():
            problems.append(file_problem(
                scores,
                f"{th}ที่พิมพ์ ({flag} {typed}) ต่างจากในแม่แบบ ({written}) ไม่รู้ว่าค่าใดถูก",
                f"{flag} {typed!r} differs from the template's {written!r}; which one is right"
                " is not known",
                where=f"{template.AGENCY_SHEET}", column=key, value=written,
                expected_th=f"ไม่ต้องใส่ {flag} (ใช้ค่าในแม่แบบ) หรือแก้แม่แบบให้ตรงกันแล้วสั่งใหม่",
                expected_en=f"{flag} left out (the template's is used), or the template corrected",
            ))
        elif typed in ("", None) and written not in ("", None):
            found[key] = written
    if problems:
        raise InputError(problems)
    return replace(agency, **found)


def _org_id(
    agency: NewAgency, scores: Path | None, year: int
) -> tuple[str, str, NewAgency, tuple[str, ...]]:
    """The org_id, where it came from, the agency completed from the scores file, extra codes.

    A filled template names its agency; a CSV or XLSX with one agency in the year names it
    too. Codes that file has outside the year's framework (the seed's i37, i48) become the
    params' ``extra_codes``, or the first run would refuse them.
    """

    from ita_report.scores import load_scores, template

    if agency.org_id and not is_safe_org_id(agency.org_id):
        raise InputError(
            file_problem(
                "--org-id",
                "รหัสหน่วยงานใช้ตัวอักษรที่ไม่ได้",
                "org_id has characters it may not use",
                value=agency.org_id,
                expected_th="อักษรอังกฤษ ตัวเลข - _ . เช่น chaemae",
                expected_en="ASCII letters, digits, - _ . such as chaemae",
            )
        )
    found = ""
    extras: tuple[str, ...] = ()
    if scores is not None and scores.is_file():
        if scores.suffix.lower() in (".xlsx", ".xlsm") and template.is_template(scores):
            # The agency sheet only (the template may not be filled in yet): from_template
            # has completed the agency from it already.
            sheet = template.read_agency(scores)
            found = sheet.org_id if is_safe_org_id(sheet.org_id) else ""
        else:
            table = load_scores(scores, year=year, extra_codes=_ANY_ITEM)
            ids = [org for org, year in table.agencies() if year == year]
            chosen = agency.org_id or (ids[0] if len(ids) == 1 else "")
            if chosen in ids:
                found = chosen
                extra = table.for_agency(chosen, year).extra
                extras = tuple(sorted(extra, key=lambda c: ("ieo".find(c[0]), int(c[1:]))))
    if agency.org_id and agency.org_id != found:
        return agency.org_id, "given", agency, extras
    if found:
        return found, "scores", agency, extras
    return DEFAULT_ORG_ID, "default", agency, extras


#: Every item code a file might use, so that reading it names the ones outside the framework.
_ANY_ITEM = tuple(f"{tool}{n}" for tool in "ieo" for n in range(1, 100))


def _relative(path: Path, base: Path) -> str:
    # Relative to the params file's folder, as load_params reads it; absolute across drives.
    try:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _line(key: str, value: Any) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=10**6).strip()


def _comment(*lines: str) -> list[str]:
    return [f"# {line}".rstrip() for line in lines]


def params_text(
    agency: NewAgency,
    *,
    org_id: str,
    scores_file: str,
    org_id_source: str = "given",
    extra_codes: Sequence[str] = (),
    today: _dt.date | None = None,
) -> str:
    """The YAML of a new params file: every field, each with its Thai explanation above it."""
    if agency.fiscal_year is None:
        raise ValueError("params_text needs the agency's fiscal year")
    year = agency.fiscal_year
    themes = load_catalogue().themes_for(year)
    first = themes[0].id if themes else "theme_id"
    other = themes[-1].id if len(themes) > 1 else first
    h = FIELD_HELP_TH
    out: list[str] = []
    out += _comment(
        f"พารามิเตอร์รายงานมาตรการส่งเสริมคุณธรรมและความโปร่งใสของ{agency.org_name}"
        f" ปีงบประมาณ พ.ศ. {year}",
        f"สร้างด้วย ita-report new เมื่อ {(today or _dt.date.today()).isoformat()}"
        " (parameters of one report)",
        "",
        "บรรทัดที่ขึ้นต้นด้วย # เป็นคำอธิบาย โปรแกรมไม่อ่าน แก้เฉพาะค่าหลังเครื่องหมาย :",
        "ข้อความภาษาไทยพิมพ์ได้เลยไม่ต้องใส่เครื่องหมายคำพูด ยกเว้นข้อความที่ขึ้นต้นด้วยเครื่องหมาย"
        " เช่น - # : { [ ให้ครอบด้วย \"...\"",
        "",
        "วิธีใช้ (how to run):",
        "  ita-report run ไฟล์นี้.yaml --formats html,docx,xlsx",
        "รายงานจะอยู่ที่ reports/<ปีงบประมาณ>/<org_id>.html (.docx .xlsx)",
    )
    out.append("")
    org_notes = [h["org_id"], "ต้องตรงกับรหัสหน่วยงานในไฟล์คะแนน (ชีตหน่วยงาน ช่อง B2 ของแม่แบบ)"]
    if org_id_source == "default":
        org_notes.append(
            f"ยังไม่ได้ระบุ --org-id จึงใช้ค่า {DEFAULT_ORG_ID} ไว้ก่อน ควรเปลี่ยนเป็นรหัสของหน่วยงาน"
            " (ชื่อภาษาไทยใช้เป็นชื่อไฟล์ไม่ได้) และแก้ในไฟล์คะแนนให้ตรงกัน"
        )
    elif org_id_source == "scores":
        org_notes.append("อ่านมาจากไฟล์คะแนน")
    out += _comment(*org_notes)
    out.append(_line("org_id", org_id))
    out += _comment(h["org_name"] + " (ใช้แทน {org_name} ในข้อความ)")
    out.append(_line("org_name", agency.org_name))
    out += _comment(h["short_name"] + " (ใช้ในช่อง \"ผลการวิเคราะห์ข้อมูล\" แทน {short_name})")
    out.append(_line("short_name", agency.short_name))
    out += _comment(h["org_type"])
    out.append(_line("org_type", agency.org_type))
    out += _comment(h["district"] + " (เขียนคำว่า \"อำเภอ\" ด้วย) และ" + h["province"]
                    + " (ไม่ต้องเขียนคำว่า \"จังหวัด\") เว้นว่างได้")
    out.append(_line("district", agency.district))
    out.append(_line("province", agency.province))
    out += _comment(h["fiscal_year"])
    out.append(_line("fiscal_year", year))
    out += _comment(
        h["scores_file"],
        "แม่แบบ Excel จาก ita-report template หรือไฟล์ CSV/XLSX แบบยาว/แบบกว้าง",
    )
    out.append(_line("scores_file", scores_file))
    out += _comment(h["target"] + ": ข้อที่ต่ำกว่านี้ถือเป็นจุดที่ต้องพัฒนา")
    out.append(_line("target", 85))
    out += _comment(h["thai_digits"])
    out.append(_line("thai_digits", True))
    out += _comment(
        h["extra_codes"],
        "ถ้าใส่ ให้กรอกคะแนนของข้อนั้นในแถวว่างใต้รายการของแม่แบบด้วย",
        *(["ข้อเหล่านี้พบในไฟล์คะแนน (found in the scores file)"] if extra_codes else []),
    )
    out.append("extra_codes: [" + ", ".join(extra_codes) + "]")
    out.append("")
    out += _theme_comments(year, themes, first, other)
    out.append("theme_overrides: {}")
    out.append("")
    out += _comment(
        h["added_themes"] + " ต่อท้ายตาราง แสดงเป็นแถวของตนเองเสมอ",
        "ถ้าใส่มาตรการชุดเดียว จะใช้ทั้งกรณีต่ำกว่าเป้าหมายและกรณีผ่าน",
        "ตัวอย่าง (ลบเครื่องหมาย # หน้าบรรทัดออกเพื่อใช้ และลบบรรทัด added_themes: [] ด้านล่าง):",
        "added_themes:",
        "- id: website_training                   # รหัสประเด็น: อักษรอังกฤษตัวเล็ก ตัวเลข _",
        "  title_th: การพัฒนาศักยภาพผู้ดูแลเว็บไซต์",
        "  items: [o1, o2, o3]                    # ข้อคำถาม ITA ที่เกี่ยวข้อง",
        "  measure_th: อบรมเจ้าหน้าที่ผู้ดูแลเว็บไซต์ให้เผยแพร่ข้อมูลได้ครบตามเกณฑ์การประเมิน",
        "  steps_th:",
        "  - จัดอบรมการดูแลเว็บไซต์ให้เจ้าหน้าที่ของทุกส่วนงาน",
        "  - ตรวจสอบข้อมูลบนเว็บไซต์ทุกไตรมาส",
        "  quarter_th: ไตรมาส ๒",
        "  unit_th: สำนักปลัด",
    )
    out.append("added_themes: []")
    out.append("")
    out += _comment(
        h["limitations"] + " (ข้อจำกัด ท้ายเอกสาร) ต่อจากข้อที่โปรแกรมเสนอจากผลคะแนน",
        "ตัวอย่าง (ลบ # ออก และลบบรรทัด limitations: [] ด้านล่าง):",
        "limitations:",
        "- ขาดบุคลากรที่มีความรู้ความสามารถด้านไอที",
        "- งบประมาณในการพัฒนาเว็บไซต์ของหน่วยงานมีจำกัด",
    )
    out.append("limitations: []")
    out += _comment(h["derive_limitations"])
    out.append(_line("derive_limitations", True))
    out.append("")
    out += _comment(
        h["units"],
        "ชื่อมาตรฐานตามประเภทหน่วยงาน: data/catalogue/agency_types.yaml",
        "ตัวอย่าง (ลบ # ออก และลบบรรทัด units: {} ด้านล่าง):",
        "units:",
        "  planning: งานนโยบายและแผน สำนักปลัด",
        "  all: สำนักปลัด/กองคลัง/กองช่าง",
    )
    out.append("units: {}")
    out += _comment(
        h["vocabulary"],
        "ตัวอย่าง (ลบ # ออก และลบบรรทัด vocabulary: {} ด้านล่าง):",
        "vocabulary:",
        "  staff: พนักงานเทศบาลและพนักงานจ้าง",
    )
    out.append("vocabulary: {}")
    out += _comment(
        h["item_texts"],
        "ตัวอย่าง (ลบ # ออก และลบบรรทัด item_texts: {} ด้านล่าง):",
        "item_texts:",
        "  o7: รายงานผลการดำเนินงานประจำปี",
    )
    out.append("item_texts: {}")
    out += _comment(
        h["framework_file"],
        "ตัวอย่าง: framework_file: ../data/frameworks/variants/2568-o1-o33.yaml",
    )
    out.append(_line("framework_file", ""))
    out += _comment(
        h["previous_scores_file"],
        f"ตัวอย่าง: previous_scores_file: ../data/scores-{year - 1}.xlsx"
        f" (คะแนนปีงบประมาณ {year - 1} ของรหัสหน่วยงานเดียวกัน)",
    )
    out.append(_line("previous_scores_file", ""))
    out += _comment(
        h["strict"],
        "false: สร้างรายงานพร้อมหมายเหตุว่าไม่มีคะแนน ITA และแจ้งเตือนบนหน้าจอ",
    )
    out.append(_line("strict", False))
    out += _document_comments()
    out.append("document: {}")
    out += _comment(
        h["official_results"],
        "ตัวอย่าง (ลบ # ออก และลบบรรทัด official_results: ด้านล่าง):",
        "official_results:",
        "  iit: 88.12",
        "  eit: 89.10",
        "  oit: 95.63",
        "  ita: 91.35",
        "  level: ผ่านดี",
        "  indicators: {ind9: 96.5, ind10: 94.75}",
    )
    out.append("official_results:")
    out += _comment(
        FIELD_HELP_TH["signatory"],
        "ตัวอย่าง (ลบ # ออก และลบบรรทัด signatory: {} ด้านล่าง):",
        "signatory:",
        "  name: นายสมชาย ใจดี",
        "  position: นายกเทศมนตรีเมืองแฉะแม่",
    )
    out.append("signatory: {}")
    return "\n".join(out) + "\n"


#: What ``document:``'s commented example shows for each of its keys.
_DOCUMENT_EXAMPLES = {
    "font": "Sarabun",
    "font_size": "12",
    "date": "2567-10-01",
    "show_tool_name": "true",
    "form": "announcement",
    "codes": "ita",
    "letterhead": "สำนักปลัดเทศบาล โทร. 0 4531 2345",
}


def _document_comments() -> list[str]:
    """``document:`` (issue 13): each key's Thai help is DocumentSettings' own description."""
    from ita_report.params import DocumentSettings

    lines = [FIELD_HELP_TH["document"], "ตัวอย่าง (ลบ # ออกเฉพาะบรรทัดที่ต้องการ และลบบรรทัด document: {}"
             " ด้านล่าง; ค่าที่ไม่ระบุใช้ค่าเริ่มต้น):", "document:"]
    for name, info in DocumentSettings.model_fields.items():
        lines += [f"  # {info.description}", f"  {name}: {_DOCUMENT_EXAMPLES.get(name, '')}"]
    return _comment(*lines)


def _theme_comments(year: int, themes: Sequence[Any], first: str, other: str) -> list[str]:
    listing = [f"  {t.id:<24} {t.title_th}" for t in themes]
    fields = ", ".join(k for k in OVERRIDE_KEYS if k not in ("below_target", "all_passing"))
    spare = [t.id for t in themes if t.id not in (first, other)]
    drop = (
        [f"  {spare[0]}:", "    drop: true                           # ไม่ใส่ประเด็นนี้ในเอกสาร"]
        if spare
        else []
    )
    return _comment(
        FIELD_HELP_TH["theme_overrides"],
        f"ประเด็นของปี {year} ในแคตตาล็อก (data/catalogue/themes.yaml) ตามลำดับในตาราง:",
        *listing,
        f"หัวข้อที่แก้ได้: {fields}",
        "  measure_th มาตรการ, steps_th ขั้นตอน (เป็นรายการ ไม่ต้องใส่เลขข้อ โปรแกรมใส่ให้),",
        "  quarter_th ระยะเวลาดำเนินการ, unit_th ส่วนงานที่รับผิดชอบ, drop: true ตัดประเด็นออก",
        "  ใส่ใต้ below_target: หรือ all_passing: เพื่อแก้เฉพาะกรณีต่ำกว่าเป้าหมาย หรือกรณีผ่านทุกข้อ",
        "ตัวอย่าง (ลบเครื่องหมาย # หน้าบรรทัดออก และลบบรรทัด theme_overrides: {} ด้านล่าง):",
        "theme_overrides:",
        f"  {first}:",
        "    measure_th: ปรับปรุงขั้นตอนการให้บริการและประชาสัมพันธ์ให้ประชาชนทราบ",
        "    steps_th:",
        "    - จัดทำแผนผังขั้นตอนและระยะเวลาการให้บริการ",
        "    - ติดประกาศ ณ จุดให้บริการและบนเว็บไซต์ของหน่วยงาน",
        "    quarter_th: ไตรมาส ๒",
        "    unit_th: สำนักปลัด",
        f"  {other}:",
        "    below_target:                        # แก้เฉพาะกรณีมีข้อต่ำกว่าเป้าหมาย",
        "      unit_th: สำนักปลัด/กองคลัง",
        *drop,
    )


def next_step(made: NewParams) -> str:
    """What to do after ``ita-report new``: fill the scores in, or run the report when the
    scores file already holds this agency's scores (issue 24: it said "fill in" either way)."""
    from ita_report.scores import load_scores

    run = f"ita-report run {made.params_path} --formats html,docx,xlsx"
    try:
        params = load_params(made.params_path)
        table = load_scores(params.scores_path, year=params.fiscal_year,
                            extra_codes=params.extra_codes)
        scores = table.for_agency(params.org_id, params.fiscal_year).scores.values()
        filled = any(score is not None and score == score for score in scores)  # NaN: blank
    except InputError:  # not there yet, an empty template, or not this agency's: fill it in
        filled = False
    if filled:
        return (f"ขั้นต่อไป (next): ไฟล์คะแนน {made.scores_path} มีคะแนนแล้ว สั่ง {run}"
                " (the scores are in: run the report)")
    return f"ขั้นต่อไป (next): กรอกคะแนนใน {made.scores_path} แล้วสั่ง {run}"
