"""The implementation report as data (รายงานผลการดำเนินการ): no HTML, no charts, no files written.

Built from the measures document (``build_document``, the one function everyone calls), the
officer's filled progress sheet (``officer.progress.read_progress_sheet``) and, when given, the next
year's scores followed with ``explore.follow_up.measures_follow_up``. Which OIT item the report
answers comes from the framework of the year it is published (``Framework.documents``), never
from a number written here.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ita_report.code_text import CodeStyle, display_code
from ita_report.document import MeasuresDocument, agency_type_of, build_document
from ita_report.errors import InputError, file_problem
from ita_report.explore.follow_up import FollowedItem, FollowUp, measures_follow_up
from ita_report.framework import available_years, framework_in_use, load_framework
from ita_report.gaps import Assessment, assess
from ita_report.implementation.params import ImplementationParams, load_implementation_params
from ita_report.measures import MeasureRow
from ita_report.officer.progress import (
    DONE,
    IN_PROGRESS,
    NOT_REPORTED,
    NOT_STARTED,
    REPORT_STATUSES,
    STATUSES,
    ProgressStep,
    read_progress_sheet,
)
from ita_report.params import DocumentSettings, ReportParams, load_params
from ita_report.scores import load_scores
from ita_report.text import strip_invisible
from ita_report.thai import digits, format_score, format_threshold, thai_date

TITLE_TH = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
MEASURES_TITLE_TH = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


@dataclass(frozen=True)
class ThemeProgress:
    """One theme of the measures and what became of each of its steps (ผลรายประเด็น)."""

    row: MeasureRow
    steps: tuple[ProgressStep, ...]

    @property
    def status(self) -> str:
        """The measure's status: done when every step is, not started when none has begun;
        not reported while any of its steps is (its status is not known yet)."""
        found = {s.status for s in self.steps}
        if not found or NOT_REPORTED in found:
            return NOT_REPORTED
        if found == {NOT_STARTED}:
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
class FollowRow:
    """One targeted item in the follow-up table, as every format prints it (HTML, Word, Excel).

    An item two themes cite is one row naming both: counted once in the summary sentence.
    """

    themes_th: tuple[str, ...]
    item: FollowedItem
    code_th: str  # "o๓๒ (ปี ๒๕๖๗ คือข้อ o๒๖)" or "o32 (…o26)", as document: codes says
    last_th: str
    this_th: str
    change_th: str
    passes: str  # yes / no / no-data / no-counterpart (for styling and tests)
    verdict_th: str


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
    settings: DocumentSettings
    #: For the officer preparing it (on screen, never printed): what is unverified or unsaid.
    notes: tuple[str, ...] = ()

    @property
    def thai(self) -> bool:
        return self.measures.thai

    @property
    def codes(self) -> CodeStyle:
        """How item codes are written: the measures document's, which this report's set."""
        return self.measures.codes

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

    @property
    def statuses(self) -> tuple[str, ...]:
        """The statuses the report counts: "not reported" only while some step is."""
        return REPORT_STATUSES if self.unreported else STATUSES

    @property
    def suggestions(self) -> tuple[str, ...]:
        """The suggestions the officer wrote in the sheet (ข้อเสนอแนะ), once each, in order."""
        return tuple(dict.fromkeys(" ".join(s.suggestion_th.split()) for s in self.steps
                                   if s.suggestion_th))

    @property
    def unreported(self) -> int:
        """Steps whose status the sheet does not give yet: while any is, the report is a draft."""
        return sum(1 for s in self.steps if s.status == NOT_REPORTED)

    def units(self) -> tuple[UnitProgress, ...]:
        """Each responsible unit exactly as the measures name it, in the order they first
        appear. A shared responsibility ("คณะกรรมการ / หัวหน้าส่วนราชการ / …") stays one row: its
        parts may be people rather than units, and counting one measure for each would add up
        to more measures than there are."""
        order: dict[str, tuple[Counter[str], Counter[str]]] = {}
        for theme in self.themes:
            unit = " ".join(theme.row.unit_th.split()) or "ไม่ได้ระบุส่วนงาน"
            measures, steps = order.setdefault(unit, (Counter(), Counter()))
            measures[theme.status] += 1
            steps.update(s.status for s in theme.steps)
        return tuple(UnitProgress(u, _complete(m), _complete(s)) for u, (m, s) in order.items())

    @property
    def draft_th(self) -> str:
        """The line printed above the title while any step is unreported, else ""."""
        if not self.unreported:
            return ""
        n, total = (digits(str(v), thai=self.thai) for v in (self.unreported, len(self.steps)))
        return (f"ร่าง ยังไม่เผยแพร่: ยังไม่ได้รายงานผล {n} จาก {total} ขั้นตอน"
                " ในชีตติดตามผลการดำเนินงาน กรอกให้ครบแล้วสร้างรายงานใหม่")

    @property
    def executive_th(self) -> str:
        """Who approves the report (นายกเทศมนตรี, นายกองค์การบริหารส่วนตำบล …) by agency type."""
        kind = self.measures.agency_type or agency_type_of(self.measures.params)
        return kind.words.get("executive", "") or "ผู้บริหารสูงสุดของหน่วยงาน"

    def follow_rows(self) -> tuple[FollowRow, ...]:
        """Each item the measures targeted, once, in the order first cited; empty without
        next year's scores."""
        follow, thai = self.follow, self.thai
        if follow is None:
            return ()
        year = self.year_text(follow.this_year)
        themes_of: dict[str, list[str]] = {}
        first: dict[str, FollowedItem] = {}
        for theme in follow.themes:
            for item in theme.targeted:
                themes_of.setdefault(item.last_code, []).append(
                    f"{digits(str(theme.number), thai=thai)}. {theme.title_th}")
                first.setdefault(item.last_code, item)

        def score(value: float | None) -> str:
            return "–" if value is None else format_score(value, thai=thai)

        rows = []
        for code, item in first.items():
            shown = display_code(code, style=self.codes)
            if item.this_code is not None and item.this_code != code:
                shown += f" (ปี {year} คือข้อ {display_code(item.this_code, style=self.codes)})"
            if item.this_code is None:
                passes, verdict = "no-counterpart", f"ไม่มีข้อนี้ในแบบประเมินปี {year}"
            elif item.passes_now is None:
                passes, verdict = "no-data", "ไม่มีคะแนน"
            elif item.passes_now:
                passes, verdict = "yes", "ผ่านค่าเป้าหมายแล้ว"
            else:
                passes, verdict = "no", "ยังต่ำกว่าค่าเป้าหมาย"
            change = item.change
            moved = "" if change is None else (
                ("+" if change > 0 else "") + format_score(change, thai=thai))
            rows.append(FollowRow(tuple(themes_of[code]), item, shown, score(item.last_score),
                                  score(item.this_score), moved, passes, verdict))
        return tuple(rows)

    def follow_said(self) -> str:
        """The follow-up in one sentence: how many targeted items now pass, still fall short,
        or cannot be compared ("" without next year's scores)."""
        follow, rows = self.follow, self.follow_rows()
        if follow is None:
            return ""
        last, this = self.year_text(follow.last_year), self.year_text(follow.this_year)
        if not rows:
            return (f"ทุกข้อผ่านค่าเป้าหมายในปี {last} มาตรการจึงมุ่งรักษาผลไว้"
                    " ไม่มีข้อที่ต้องติดตามคะแนน")
        count = Counter(r.passes for r in rows)
        n = {k: digits(str(v), thai=self.thai) for k, v in count.items()}
        target = format_threshold(follow.target, thai=self.thai)
        said = (f"ข้อที่ได้คะแนนต่ำกว่า {target} คะแนนในปี {last} จำนวน"
                f" {digits(str(len(rows)), thai=self.thai)} ข้อ ในปี {this} ผ่านค่าเป้าหมายแล้ว"
                f" {n.get('yes', digits('0', thai=self.thai))} ข้อ"
                f" ยังต่ำกว่าค่าเป้าหมาย {n.get('no', digits('0', thai=self.thai))} ข้อ")
        not_comparable = count["no-data"] + count["no-counterpart"]
        if not_comparable:
            said += (f" และไม่สามารถเปรียบเทียบได้ {digits(str(not_comparable), thai=self.thai)}"
                     " ข้อ")
        return said

    def title_lines(self) -> tuple[str, ...]:
        """Title, what it reports on, agency, place, the OIT item (when verified), date."""
        p = self.measures.params
        kind = self.measures.agency_type or agency_type_of(p)
        place = kind.place_text(p.district, p.province, p.org_name)
        lines = [
            f"{TITLE_TH} ประจำปีงบประมาณ พ.ศ.\u00a0{self.year_text(self.measures_year)}",
            # The measures document is titled by its results year (as the seed is): name it so,
            # and the year it was carried out in, so no one looks for a second document.
            f"ตาม{MEASURES_TITLE_TH} ซึ่งจัดทำจากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
            "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ.\u00a0"
            f"{self.year_text(self.results_year)} และดำเนินการในปีงบประมาณ พ.ศ.\u00a0"
            f"{self.year_text(self.measures_year)}",
            p.org_name,
            *((place,) if place else ()),
        ]
        item = self.document_item
        if item is not None and item.verified:
            lines.append(f"เผยแพร่ตามข้อ {display_code(item.code, style=self.codes)} {item.text_th}"
                         f" ของแบบวัด OIT ปี {self.year_text(item.year)}")
        lines.append(f"จัดทำเมื่อ {thai_date(self.generated_on, thai_digits=self.thai)}"
                     + (" ด้วย ita-report" if self.settings.show_tool_name else ""))
        return tuple(lines)

    @property
    def letterhead(self) -> str:
        """The agency's letterhead line above the title, or ""."""
        return self.settings.letterhead.strip()


def done_on_text(step: ProgressStep, thai: bool) -> str | None:
    """The date a step was done as the report prints it ("๗ พฤศจิกายน ๒๕๖๖"), or ``None``
    when there is none or the officer's result already says it (never printed twice)."""
    if step.done_on is None:
        return None
    said = thai_date(step.done_on, thai_digits=thai)
    return None if said in " ".join(step.result_th.split()) else said


def _complete(counts: Counter[str]) -> Counter[str]:
    return Counter({status: counts.get(status, 0) for status in REPORT_STATUSES})


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
    settings = params.settings(measures_params.document)
    # One way of writing codes in the whole report, the measures' rows it quotes too: this
    # report's own ``codes:`` (when set) is the measures document's for this build.
    measures_params = measures_params.model_copy(update={
        "document": measures_params.document.model_copy(update={"codes": settings.codes})})
    doc = build_document(measures_params, today=today)
    sheet = read_progress_sheet(params.progress_path, doc)
    steps = sheet.steps
    by_theme: dict[str, list[ProgressStep]] = {}
    for step in steps:
        by_theme.setdefault(step.theme_id, []).append(step)
    themes = tuple(ThemeProgress(row, tuple(by_theme.get(row.theme_id, ()))) for row in doc.rows)
    follow, other_name = None, []
    if params.next_scores_path is not None:
        following = next_assessment(measures_params, params.next_scores_path)
        follow = measures_follow_up(doc, following)
        other_name = _other_name(measures_params, following, params.next_scores_path)
    published = params.published_year or measures_params.fiscal_year + 1
    item, notes = _document_item(published, doc.thai, doc.codes)
    notes += other_name
    if follow is not None and follow.this_year >= published:
        # ITA results of a year are announced after it ends: a report posted within that year
        # for its OIT item cannot yet hold them.
        shown = digits(str(follow.this_year), thai=doc.thai)
        notes.append(f"คะแนน ITA ปี {shown} ประกาศหลังสิ้นปีงบประมาณ"
                     " รายงานที่เผยแพร่ภายในปีนั้นตามข้อ OIT จึงยังไม่มีคะแนนเหล่านี้ ถ้าจะเผยแพร่ก่อนประกาศผล"
                     " ให้ลบ next_scores_file ออกจากไฟล์พารามิเตอร์แล้วสร้างใหม่")
    notes += sheet.notes
    notes += _unsaid(themes, doc.thai)
    limitations = params.limitations or _obstacles(themes)
    if not limitations:
        notes.append("ยังไม่ได้ระบุข้อจำกัด/ปัญหาอุปสรรค: ใส่ในคอลัมน์ ปัญหาอุปสรรค ของชีตติดตามผล"
                     " หรือหัวข้อ limitations (ข้อจำกัด) ในไฟล์พารามิเตอร์ ถ้าไม่มีจริงให้ละไว้")
    return ImplementationReport(
        params=params,
        measures=doc,
        themes=themes,
        follow=follow,
        published_year=published,
        document_item=item,
        limitations=tuple(limitations),
        generated_on=today or settings.date or _dt.date.today(),
        settings=settings,
        notes=tuple(notes),
    )


def next_assessment(measures_params: ReportParams, scores_file: Path) -> Assessment:
    """The agency's assessment of the year after its measures' results, from ``scores_file``."""
    year = measures_params.fiscal_year + 1
    framework = load_framework(year)
    with framework_in_use(framework):
        table = load_scores(scores_file, year=year, extra_codes=measures_params.extra_codes)
    agency = table.for_agency(measures_params.org_id, year)
    # The name the score file gives (the params' when it gives none): _other_name compares them.
    return assess(framework, org_id=measures_params.org_id,
                  org_name=agency.org_name or measures_params.org_name,
                  scores=agency.scores, extra=agency.extra, target=measures_params.target)


def _other_name(params: ReportParams, following: Assessment, scores_file: Path) -> list[str]:
    """A note when next year's scores of this org_id carry another agency's name.

    A note, not a refusal: the id is what the assessment is keyed by, and a name can rightly
    change or be written otherwise between years (an อบต. made a เทศบาลตำบล, the short name,
    a typing slip in a download); but a wrong id in the file would put another agency's
    scores in this report, so the officer is told both names before publishing.
    """
    def plain(name: str) -> str:
        return " ".join(strip_invisible(name).split())

    theirs = plain(following.org_name)
    ours = {plain(params.org_name), plain(params.short_name)} - {""}
    if not theirs or theirs in ours:
        return []
    return [f"คะแนนปีถัดไปในไฟล์ {scores_file.name} ของรหัส {params.org_id} เป็นชื่อ \"{theirs}\""
            f" แต่ไฟล์พารามิเตอร์ชื่อ \"{plain(params.org_name)}\" ตรวจสอบว่าเป็นหน่วยงานเดียวกัน"
            " (เช่น เปลี่ยนชื่อหรือยกฐานะ) ก่อนเผยแพร่ (next year's scores of this org_id carry"
            " another name: check it is the same agency)"]


def _document_item(year: int, thai: bool,
                   style: CodeStyle) -> tuple[DocumentItem | None, list[str]]:
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
    return item, [f"รายงานนี้น่าจะเผยแพร่ตามข้อ {display_code(code, style=style)} ของแบบวัด OIT ปี {shown}"
                  " แต่เลขข้อนี้ยังไม่ได้ยืนยันจากคู่มือของ ป.ป.ช. จึงไม่พิมพ์ไว้ในรายงาน"
                  " ให้ตรวจสอบในระบบ ITAS ก่อนเผยแพร่"]


def _unsaid(themes: tuple[ThemeProgress, ...], thai: bool) -> list[str]:
    """Notes on what the sheet leaves unsaid: steps not begun with no reason given, steps
    said to be done with no evidence."""
    notes = []
    steps = [s for t in themes for s in t.steps]
    unreported = [s for s in steps if s.status == NOT_REPORTED]
    if unreported:
        count = digits(str(len(unreported)), thai=thai)
        notes.append(
            (f"ชีตติดตามผลยังว่างทั้ง {count} ขั้นตอน" if len(unreported) == len(steps) else
             f"ยังไม่ได้เลือกสถานะ {count} ขั้นตอน")
            + " ให้กรอกคอลัมน์ สถานะ ผลการดำเนินงาน วันที่ดำเนินการ และหลักฐาน/ลิงก์ แล้วสร้างรายงานใหม่"
            " รายงานนี้จึงพิมพ์คำว่า ร่าง ไว้ที่หัวเอกสาร")
    unexplained = [s for s in steps if s.status in (IN_PROGRESS, NOT_STARTED)
                   and not (s.obstacles_th or s.result_th)]
    if unexplained:
        where = ", ".join(f"{s.theme_th.split('.')[0]} ขั้นที่ {digits(str(s.step), thai=thai)}"
                          for s in unexplained[:8]) + (" …" if len(unexplained) > 8 else "")
        notes.append(f"ขั้นตอนที่ยังไม่แล้วเสร็จแต่ไม่ได้ระบุผลหรือปัญหาอุปสรรค"
                     f" {digits(str(len(unexplained)), thai=thai)} ขั้นตอน (ประเด็น {where})")
    no_evidence = [s for s in steps if s.status == DONE and not s.evidence]
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
