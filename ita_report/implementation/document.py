"""The implementation report as data (รายงานผลการดำเนินการ): no HTML, no charts, no files written.

Built from the measures document (``build_document``, the one function everyone calls), the
officer's filled progress sheet (``officer.progress.read_progress``) and, when given, the next
year's scores followed with ``explore.follow_up.measures_follow_up``. Which OIT item the report
answers comes from the framework of the year it is published (``Framework.documents``), never
from a number written here.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ita_report.errors import InputError, file_problem
from ita_report.explore.follow_up import FollowUp, measures_follow_up
from ita_report.framework import available_years, framework_in_use, load_framework
from ita_report.implementation.params import ImplementationParams, load_implementation_params
from ita_report.measures import MeasureRow
from ita_report.officer.progress import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    STATUSES,
    ProgressStep,
    read_progress,
)
from ita_report.params import ReportParams, load_params
from ita_report.report import MeasuresDocument, agency_type_of, build_document
from ita_report.scores import load_scores
from ita_report.scoring import Assessment, assess
from ita_report.thai import digits, thai_date

TITLE_TH = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
MEASURES_TITLE_TH = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


@dataclass(frozen=True)
class ThemeProgress:
    """One theme of the measures and what became of each of its steps (ผลรายประเด็น)."""

    row: MeasureRow
    steps: tuple[ProgressStep, ...]

    @property
    def status(self) -> str:
        """The measure's status: done when every step is, not started when none has begun."""
        found = {s.status for s in self.steps}
        if not found or found == {NOT_STARTED}:
            return NOT_STARTED
        return DONE if found == {DONE} else IN_PROGRESS


@dataclass(frozen=True)
class UnitProgress:
    """How far one responsible unit (ส่วนงานที่รับผิดชอบ) got with its measures."""

    unit_th: str
    measures: Counter[str]  # status → number of measures
    steps: Counter[str]  # status → number of steps


@dataclass(frozen=True)
class DocumentItem:
    """The OIT item of the publishing year that assesses this report (e.g. o33 in FY2567)."""

    year: int
    code: str
    text_th: str
    verified: bool


@dataclass(frozen=True)
class ImplementationReport:
    """Everything the implementation report shows, computed once."""

    params: ImplementationParams
    measures: MeasuresDocument
    themes: tuple[ThemeProgress, ...]
    follow: FollowUp | None
    published_year: int
    document_item: DocumentItem | None
    limitations: tuple[str, ...]
    generated_on: _dt.date
    #: For the officer preparing it (on screen, never printed): what is unverified or unsaid.
    notes: tuple[str, ...] = ()

    @property
    def thai(self) -> bool:
        return self.measures.thai

    @property
    def steps(self) -> tuple[ProgressStep, ...]:
        return tuple(s for t in self.themes for s in t.steps)

    @property
    def results_year(self) -> int:
        """The ITA year whose results the measures were drawn from."""
        return self.measures.params.fiscal_year

    @property
    def measures_year(self) -> int:
        """The fiscal year the measures were for (and carried out in)."""
        return self.results_year + 1

    def year_text(self, year: int) -> str:
        return digits(str(year), thai=self.thai)

    @property
    def title(self) -> str:
        return (f"{TITLE_TH} {self.measures.params.org_name} ประจำปีงบประมาณ พ.ศ. "
                f"{self.year_text(self.measures_year)}")

    def measure_counts(self) -> Counter[str]:
        """Measures (themes) in each status, every status present (zero included)."""
        return _complete(Counter(t.status for t in self.themes))

    def step_counts(self) -> Counter[str]:
        return _complete(Counter(s.status for s in self.steps))

    def units(self) -> tuple[UnitProgress, ...]:
        """Each responsible unit as the measures name it, in the order they first appear; a
        measure several units share ("สำนักปลัด/กองคลัง") counts for each of them."""
        order: dict[str, tuple[Counter[str], Counter[str]]] = {}
        for theme in self.themes:
            named = [u.strip() for u in theme.row.unit_th.split("/") if u.strip()]
            for unit in dict.fromkeys(named or ["ไม่ได้ระบุส่วนงาน"]):
                measures, steps = order.setdefault(unit, (Counter(), Counter()))
                measures[theme.status] += 1
                steps.update(s.status for s in theme.steps)
        return tuple(UnitProgress(u, _complete(m), _complete(s)) for u, (m, s) in order.items())

    def title_lines(self) -> tuple[str, ...]:
        """Title, what it reports on, agency, place, the OIT item (when verified), date."""
        p = self.measures.params
        kind = self.measures.agency_type or agency_type_of(p)
        place = kind.place_text(p.district, p.province)
        lines = [
            f"{TITLE_TH} ประจำปีงบประมาณ พ.ศ. {self.year_text(self.measures_year)}",
            f"ตาม{MEASURES_TITLE_TH} ประจำปีงบประมาณ พ.ศ. {self.year_text(self.measures_year)}"
            " ซึ่งจัดทำจากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
            f" (ITA) ประจำปีงบประมาณ พ.ศ. {self.year_text(self.results_year)}",
            p.org_name,
            *((place,) if place else ()),
        ]
        item = self.document_item
        if item is not None and item.verified:
            lines.append(f"เผยแพร่ตามข้อ {digits(item.code, thai=self.thai)} {item.text_th}"
                         f" ของแบบวัด OIT ปี {self.year_text(item.year)}")
        lines.append(f"จัดทำเมื่อ {thai_date(self.generated_on, thai_digits=self.thai)}"
                     " ด้วย ita-report")
        return tuple(lines)


def _complete(counts: Counter[str]) -> Counter[str]:
    return Counter({status: counts.get(status, 0) for status in STATUSES})


def build_implementation(
    params: ImplementationParams | str | Path, *, today: _dt.date | None = None
) -> ImplementationReport:
    """Compute the implementation report from its params (a file or already loaded).

    Refuses (``InputError``) a progress sheet that does not match the measures, and next year's
    scores without this agency; everything else the officer must check is in ``notes``.
    """
    if not isinstance(params, ImplementationParams):
        params = load_implementation_params(params)
    measures_params = load_params(params.measures_path)
    doc = build_document(measures_params, today=today)
    steps = read_progress(params.progress_path, doc)
    by_theme: dict[str, list[ProgressStep]] = {}
    for step in steps:
        by_theme.setdefault(step.theme_id, []).append(step)
    themes = tuple(ThemeProgress(row, tuple(by_theme.get(row.theme_id, ()))) for row in doc.rows)
    follow = None
    if params.next_scores_path is not None:
        follow = measures_follow_up(doc, next_assessment(measures_params, params.next_scores_path))
    published = params.published_year or measures_params.fiscal_year + 1
    item, notes = _document_item(published, doc.thai)
    notes += _unsaid(themes, doc.thai)
    limitations = params.limitations or _obstacles(themes)
    if not limitations:
        notes.append("ยังไม่ได้ระบุข้อจำกัด/ปัญหาอุปสรรค: ใส่ในคอลัมน์ ปัญหาอุปสรรค ของชีตติดตามผล"
                     " หรือ limitations: ในไฟล์พารามิเตอร์ ถ้าไม่มีจริงให้ละไว้")
    return ImplementationReport(
        params=params,
        measures=doc,
        themes=themes,
        follow=follow,
        published_year=published,
        document_item=item,
        limitations=tuple(limitations),
        generated_on=today or _dt.date.today(),
        notes=tuple(notes),
    )


def next_assessment(measures_params: ReportParams, scores_file: Path) -> Assessment:
    """The agency's assessment of the year after its measures' results, from ``scores_file``."""
    year = measures_params.fiscal_year + 1
    framework = load_framework(year)
    with framework_in_use(framework):
        table = load_scores(scores_file, year=year, extra_codes=measures_params.extra_codes)
    agency = table.for_agency(measures_params.org_id, year)
    return assess(framework, org_id=measures_params.org_id, org_name=measures_params.org_name,
                  scores=agency.scores, extra=agency.extra, target=measures_params.target)


def _document_item(year: int, thai: bool) -> tuple[DocumentItem | None, list[str]]:
    """The publishing year's OIT item for this report, and a note when it is not certain."""
    shown = digits(str(year), thai=thai)
    if year not in available_years():
        return None, [f"ยังไม่มีกรอบการประเมินปี {shown} จึงไม่ระบุข้อ OIT ของรายงานนี้"
                      " ให้ตรวจสอบเลขข้อในระบบ ITAS ของปีที่เผยแพร่"]
    framework = load_framework(year)
    docs = framework.documents
    code = docs.implementation_report
    found = framework.item(code) if code else None
    if code is None or found is None:
        return None, [f"กรอบการประเมินปี {shown} ไม่ได้ระบุว่าข้อ OIT ใดคือรายงานผลการดำเนินการตาม"
                      "มาตรการ จึงไม่ระบุเลขข้อในรายงาน ให้ตรวจสอบในระบบ ITAS"]
    item = DocumentItem(year, code, found.text_th, docs.confidence == "verified")
    if item.verified:
        return item, []
    return item, [f"รายงานนี้น่าจะเผยแพร่ตามข้อ {digits(code, thai=thai)} ของแบบวัด OIT ปี {shown}"
                  " แต่เลขข้อนี้ยังไม่ได้ยืนยันจากคู่มือของ ป.ป.ช. จึงไม่พิมพ์ไว้ในรายงาน"
                  " ให้ตรวจสอบในระบบ ITAS ก่อนเผยแพร่"]


def _unsaid(themes: tuple[ThemeProgress, ...], thai: bool) -> list[str]:
    """Notes on what the sheet leaves unsaid: steps not begun with no reason given, steps
    said to be done with no evidence."""
    notes = []
    unexplained = [s for t in themes for s in t.steps
                   if s.status != DONE and not (s.obstacles_th or s.result_th)]
    if unexplained:
        where = ", ".join(f"{s.theme_th.split('.')[0]} ขั้นที่ {digits(str(s.step), thai=thai)}"
                          for s in unexplained[:8]) + (" …" if len(unexplained) > 8 else "")
        notes.append(f"ขั้นตอนที่ยังไม่แล้วเสร็จแต่ไม่ได้ระบุผลหรือปัญหาอุปสรรค"
                     f" {digits(str(len(unexplained)), thai=thai)} ขั้นตอน (ประเด็น {where})")
    no_evidence = [s for t in themes for s in t.steps if s.status == DONE and not s.evidence]
    if no_evidence:
        notes.append(f"ขั้นตอนที่ดำเนินการแล้วแต่ไม่มีลิงก์หลักฐาน"
                     f" {digits(str(len(no_evidence)), thai=thai)} ขั้นตอน: ผู้ตรวจประเมินมักขอหลักฐาน"
                     " ที่เปิดดูได้บนเว็บไซต์ของหน่วยงาน")
    return notes


def _obstacles(themes: tuple[ThemeProgress, ...]) -> list[str]:
    """The obstacles the officer wrote in the sheet, once each, in table order."""
    seen: dict[str, None] = {}
    for theme in themes:
        for step in theme.steps:
            if step.obstacles_th:
                seen.setdefault(" ".join(step.obstacles_th.split()), None)
    return list(seen)


def report_from_notebook(params_file: str | Path | None) -> ImplementationReport:
    """The notebook's way in: ``params_file`` as papermill or the officer set it."""
    if not params_file:
        raise InputError(file_problem(
            "notebooks/implementation_report.ipynb",
            "ยังไม่ได้ใส่ชื่อไฟล์พารามิเตอร์ที่ params_file ในเซลล์พารามิเตอร์",
            "params_file is not set in the parameters cell", column="params_file",
            expected_th='เช่น params_file = "../params/chaemae-2566-implementation.yaml"',
            expected_en='e.g. params_file = "../params/chaemae-2566-implementation.yaml"'))
    return build_implementation(params_file)
