"""Did last year's measures move the items they targeted? (การติดตามผลการดำเนินการตามมาตรการ)

Per theme of last year's measures document: each targeted item's score last year and this year
(through the crosswalk where codes changed meaning) and whether it now reaches the target; and
this year's score on the two OIT items about the measures, the items each year's framework names
in ``documents`` (never a number assumed here). An item with no counterpart this year is reported
as such; nothing is ever dropped in silence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from ita_report.catalogue import Catalogue
from ita_report.crosswalk import Crosswalk, load_crosswalk
from ita_report.errors import InputError, file_problem
from ita_report.explore.tables import YearScores, as_float
from ita_report.framework import Framework, load_framework
from ita_report.gaps import Assessment, Status, item_status
from ita_report.measures import CitedItem
from ita_report.params import ReportParams
from ita_report.report import MeasuresDocument, build_document


class Movement(StrEnum):
    """How an item moved from last year to this year (ความเปลี่ยนแปลง)."""

    ROSE = "ดีขึ้น"
    FELL = "ลดลง"
    SAME = "เท่าเดิม"
    NO_DATA = "ไม่มีข้อมูล"
    NO_COUNTERPART = "ไม่มีข้อเทียบในปีนี้"

    @property
    def english(self) -> str:
        return {
            "ดีขึ้น": "rose", "ลดลง": "fell", "เท่าเดิม": "unchanged", "ไม่มีข้อมูล": "no data",
            "ไม่มีข้อเทียบในปีนี้": "no counterpart this year",
        }[self.value]


@dataclass(frozen=True)
class FollowedItem:
    """One item a theme cited last year, followed into this year (ข้อที่ติดตาม)."""

    last_code: str
    last_text_th: str
    last_score: float | None
    last_status: Status
    this_code: str | None  # None: no counterpart this year
    this_text_th: str
    this_score: float | None
    target: float
    confidence: str  # of the crosswalk link: verified / unverified
    note: str

    @property
    def change(self) -> float | None:
        if self.last_score is None or self.this_score is None:
            return None
        return round(self.this_score - self.last_score, 2)

    @property
    def movement(self) -> Movement:
        if self.this_code is None:
            return Movement.NO_COUNTERPART
        change = self.change
        if change is None:
            return Movement.NO_DATA
        return Movement.ROSE if change > 0 else Movement.FELL if change < 0 else Movement.SAME

    @property
    def this_status(self) -> Status | None:
        return None if self.this_code is None else item_status(self.this_score, self.target)

    @property
    def passes_now(self) -> bool | None:
        """True/False when this year has a score; ``None`` without a counterpart or data."""
        status = self.this_status
        return None if status in (None, Status.MISSING) else status is Status.PASS


@dataclass(frozen=True)
class FollowedTheme:
    """A theme of last year's document (ประเด็น) and what became of its items."""

    number: int
    theme_id: str
    title_th: str
    measure_th: str
    unit_th: str
    targeted: tuple[FollowedItem, ...]  # below target last year: what the measure aimed at
    kept: tuple[FollowedItem, ...]  # passing last year: the measure was to keep them there

    @property
    def reached(self) -> tuple[FollowedItem, ...]:
        return tuple(i for i in self.targeted if i.passes_now)

    @property
    def not_reached(self) -> tuple[FollowedItem, ...]:
        return tuple(i for i in self.targeted if i.passes_now is False)

    @property
    def not_comparable(self) -> tuple[FollowedItem, ...]:
        return tuple(i for i in self.targeted if i.passes_now is None)


#: What each role of ``Framework.documents`` is, as the follow-up names it.
DOCUMENT_ROLES_TH = {
    "measures": "เอกสารมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "implementation_report": "รายงานผลการดำเนินการตามมาตรการ",
}


@dataclass(frozen=True)
class DocumentScore:
    """This year's OIT item for the measures document or the report on carrying it out
    (``Framework.documents``), and the agency's score on it (เอกสารมาตรการ / รายงานผล).

    The measures document published in a year analyses the year before, so this year's
    ``measures`` item is where last year's measures were assessed as published.
    """

    role: str  # a key of Framework.documents: measures / implementation_report
    code: str
    text_th: str
    score: float | None
    target: float

    @property
    def role_th(self) -> str:
        return DOCUMENT_ROLES_TH[self.role]

    @property
    def status(self) -> Status:
        return item_status(self.score, self.target)


@dataclass(frozen=True)
class FollowUp:
    """The follow-up of one agency's measures (การติดตามผลการดำเนินการตามมาตรการ).

    ``documents`` is empty when this year's framework does not say which OIT items hold the
    measures document and its report (FY2568).
    """

    org_id: str
    org_name: str
    last_year: int
    this_year: int
    target: float
    themes: tuple[FollowedTheme, ...]
    documents: tuple[DocumentScore, ...] = ()

    def frame(self, *, include_kept: bool = False) -> pd.DataFrame:
        """One row per theme and item: both years' codes and scores, movement, passes now."""
        rows: list[dict[str, object]] = []
        for theme in self.themes:
            items = [(i, True) for i in theme.targeted]
            if include_kept:
                items += [(i, False) for i in theme.kept]
            if not items:
                rows.append({"theme": f"{theme.number}. {theme.title_th}", "targeted": None,
                             "note": "ทุกข้อผ่านเป้าหมายในปีก่อน (every item passed last year)"})
            for item, targeted in items:
                rows.append({
                    "theme": f"{theme.number}. {theme.title_th}",
                    "targeted": targeted,
                    f"code_{self.last_year}": item.last_code,
                    f"score_{self.last_year}": item.last_score,
                    f"code_{self.this_year}": item.this_code,
                    f"score_{self.this_year}": item.this_score,
                    "change": item.change,
                    "movement": item.movement.value,
                    "passes_now": item.passes_now,
                    "note": item.note,
                })
        return pd.DataFrame(rows)


def _this_year_lookup(
    this_year: Assessment | YearScores, org_id: str
) -> tuple[int, Framework, dict[str, float | None]]:
    if isinstance(this_year, Assessment):
        scores = {i.code: i.score for i in this_year.items + this_year.extra_items}
        return this_year.fiscal_year, load_framework(this_year.fiscal_year), scores
    if org_id not in this_year:
        raise InputError(
            file_problem("(scores)",
                         f"ไม่มีคะแนนของหน่วยงาน {org_id} ปีงบประมาณ {this_year.fiscal_year}",
                         f"no scores for agency {org_id} in FY{this_year.fiscal_year}",
                         column="org_id", value=org_id)
        )
    row = this_year.items.loc[org_id]
    values = {str(c): as_float(v) for c, v in row.items()}
    return this_year.fiscal_year, this_year.framework, values


def _documents(
    fw: Framework, scores: dict[str, float | None], target: float
) -> tuple[DocumentScore, ...]:
    found = []
    for role in DOCUMENT_ROLES_TH:
        code = getattr(fw.documents, role)
        item = fw.item(code) if code is not None else None
        if code is not None and item is not None:
            found.append(DocumentScore(role, code, item.text_th, scores.get(code), target))
    return tuple(found)


def _follow(
    cited: CitedItem,
    last_fw: Framework,
    this_year: int,
    this_fw: Framework,
    scores: dict[str, float | None],
    cw: Crosswalk,
    target: float,
) -> FollowedItem:
    if last_fw.item(cited.code) is not None:
        trace = cw.trace(cited.code, last_fw.fiscal_year, this_year)
        code, confidence, note = trace.to_code, trace.confidence, trace.note
    elif cited.code in scores:
        # A declared extra code outside the framework: only the same code can follow it.
        code, confidence = cited.code, "unverified"
        note = f"ข้อนอกกรอบการประเมิน ใช้รหัสเดิม {cited.code} (extra code, same code both years)"
    else:
        code, confidence = None, "unverified"
        note = (f"ข้อนอกกรอบการประเมินปี {last_fw.fiscal_year} ไม่มีข้อเทียบในปี {this_year}"
                f" (extra code outside the FY{last_fw.fiscal_year} framework; no counterpart)")
    this_item = this_fw.item(code) if code is not None else None
    return FollowedItem(
        last_code=cited.code,
        last_text_th=cited.text_th,
        last_score=cited.score,
        last_status=cited.status,
        this_code=code,
        this_text_th=this_item.text_th if this_item is not None else "",
        this_score=scores.get(code) if code is not None else None,
        target=target,
        confidence=confidence,
        note=note,
    )


def measures_follow_up(
    last_doc: MeasuresDocument,
    this_year: Assessment | YearScores,
    *,
    crosswalk: Crosswalk | None = None,
) -> FollowUp:
    """Follow every theme of last year's document into this year's scores.

    ``this_year`` is the agency's assessment of the later year, or a whole year of scores
    (the agency is then ``last_doc``'s org_id). Targeted items are those last year's document
    found below target; items that passed are followed too (``kept``).
    """
    cw = crosswalk or load_crosswalk()
    org_id = last_doc.params.org_id
    year, this_fw, scores = _this_year_lookup(this_year, org_id)
    last_fw = last_doc.framework
    if year <= last_fw.fiscal_year:
        raise ValueError(f"this year (FY{year}) must come after FY{last_fw.fiscal_year}")
    target = last_doc.params.target
    themes = []
    for row in last_doc.rows:
        followed = [_follow(c, last_fw, year, this_fw, scores, cw, target) for c in row.items]
        below = [c.status in (Status.BELOW, Status.ZERO) for c in row.items]
        themes.append(FollowedTheme(
            number=row.number,
            theme_id=row.theme_id,
            title_th=row.title_th,
            measure_th=row.measure_th,
            unit_th=row.unit_th,
            targeted=tuple(f for f, b in zip(followed, below, strict=True) if b),
            kept=tuple(f for f, b in zip(followed, below, strict=True) if not b),
        ))
    return FollowUp(org_id, last_doc.params.org_name, last_fw.fiscal_year, year, target,
                    tuple(themes), _documents(this_fw, scores, target))


def follow_up_from_params(
    last_params: ReportParams,
    this_params: ReportParams,
    *,
    crosswalk: Crosswalk | None = None,
    catalogue: Catalogue | None = None,
) -> FollowUp:
    """The follow-up of ``last_params``' measures, scored with ``this_params``' score file."""
    if last_params.org_id != this_params.org_id:
        raise InputError(
            file_problem("(params)", "ไฟล์พารามิเตอร์สองปีเป็นคนละหน่วยงาน",
                         "the two params files are for different agencies", column="org_id",
                         value=f"{last_params.org_id} / {this_params.org_id}")
        )
    last_doc = build_document(last_params, catalogue=catalogue)
    this_doc = build_document(this_params, catalogue=catalogue)
    return measures_follow_up(last_doc, this_doc.assessment, crosswalk=crosswalk)


# -- the national picture of the same question ------------------------------------------------
@dataclass(frozen=True)
class ItemMovement:
    """Among agencies below target on an item last year, how many pass it this year."""

    last_code: str
    this_code: str | None
    text_th: str
    below_last_year: int  # agencies below target last year (with data)
    with_data_this_year: int  # of those, with a score this year
    passing_now: int
    share_passing_now: float | None  # 0–1 of with_data_this_year
    mean_change: float | None
    note: str


def item_movement(
    last: YearScores,
    this: YearScores,
    *,
    crosswalk: Crosswalk | None = None,
    org_ids: Sequence[str] | None = None,
) -> tuple[ItemMovement, ...]:
    """For each of last year's items, did agencies below target last year reach it this year?

    Vectorised over all agencies (or ``org_ids``); items without a counterpart are listed with
    ``this_code`` None.
    """
    cw = crosswalk or load_crosswalk()
    ids = last.org_ids if org_ids is None else pd.Index(org_ids)
    common = ids.intersection(this.org_ids, sort=False)
    before_all = last.items.reindex(ids)
    out = []
    for code in last.items.columns:
        trace = cw.trace(str(code), last.fiscal_year, this.fiscal_year)
        before = before_all[code].to_numpy(dtype=np.float64)
        below = ~np.isnan(before) & (before < last.target)
        item = last.framework.item(str(code))
        text = item.text_th if item is not None else ""
        if trace.to_code is None:
            out.append(ItemMovement(str(code), None, text, int(below.sum()), 0, 0, None, None,
                                    trace.note))
            continue
        mask = pd.Series(below, index=ids)
        targeted = mask[mask].index.intersection(common, sort=False)
        old = last.items.loc[targeted, code].to_numpy(dtype=np.float64)
        new = this.items.loc[targeted, trace.to_code].to_numpy(dtype=np.float64)
        present = ~np.isnan(new)
        n = int(present.sum())
        passing = int((new[present] >= this.target).sum())
        out.append(ItemMovement(
            str(code), trace.to_code, text, int(below.sum()), n, passing,
            passing / n if n else None,
            float((new[present] - old[present]).mean()) if n else None,
            trace.note,
        ))
    return tuple(out)
