"""The computed result checked against the official one (ผลตามประกาศ), and the official figures put
in the place of the computed ones for printing.

The officer's ITAS result page is the source of truth: a computed figure that differs from it by
more than 0.01 is named, with its likely cause. Nothing here reads a file or prints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ita_report.errors import Problem, file_problem
from ita_report.framework import Framework, data_dir, load_framework
from ita_report.gaps import Assessment, mean_present, roll_up_indicator
from ita_report.scores.official import OfficialResults

#: Published scores have two decimals: a difference up to this is rounding.
TOLERANCE = 0.01


@dataclass(frozen=True)
class Difference:
    """One figure where the computed result differs from the official one."""

    what: str  # "ITA", "IIT", "ind10", "level"
    official: float | str
    computed: float | str | None

    @property
    def cause_th(self) -> str:
        if self.what.startswith("ind"):
            return ("ข้อใดอยู่ในตัวชี้วัดใด (การแบ่งข้อในไฟล์กรอบการประเมิน) หรือคะแนนบางข้อไม่มีในไฟล์คะแนน")
        if self.what in ("ITA", "level"):
            return ("น้ำหนักของเครื่องมือ เกณฑ์ระดับ หรือคะแนนของเครื่องมือที่ต่างกัน")
        return ("ข้อใดอยู่ในตัวชี้วัดใด หรือคะแนนบางข้อไม่มีในไฟล์คะแนน")

    @property
    def cause_en(self) -> str:
        if self.what.startswith("ind"):
            return "which items belong to the indicator, or an item missing from the score file"
        if self.what in ("ITA", "level"):
            return "the tools' weights, the level bands, or differing tool scores"
        return "which items belong to which indicator, or an item missing from the score file"


def _show(value: float | str | None) -> str:
    if value is None:
        return "ไม่มี (none)"
    return f"{value:.2f}" if isinstance(value, float) else value


def differences(computed: Assessment, official: OfficialResults) -> tuple[Difference, ...]:
    """Each official figure the computed result misses by more than :data:`TOLERANCE`."""
    found: list[Difference] = []

    def check(what: str, given: float | None, ours: float | None) -> None:
        if given is None:
            return
        if ours is None or abs(round(ours, 2) - given) > TOLERANCE + 1e-9:
            found.append(Difference(what, given, ours))

    check("ITA", official.ita, computed.ita)
    for tool in computed.tools:
        check(tool.code, official.tools.get(tool.code), tool.score)
    for ind in computed.indicators:
        check(ind.code, official.indicators.get(ind.code), ind.score)
    if official.level and computed.level != official.level:
        found.append(Difference("level", official.level, computed.level))
    return tuple(found)


def difference_problems(
    diffs: tuple[Difference, ...], official: OfficialResults, scores_file: str | Path, *,
    strict: bool = False,
) -> list[Problem]:
    """One terminal warning (or, with ``strict``, error) per differing figure."""
    return [
        file_problem(
            official.source or scores_file,
            f"{d.what} ที่คำนวณจากคะแนนรายข้อ ({_show(d.computed)}) ต่างจากผลตามประกาศ"
            f" ({_show(d.official)}) สาเหตุที่เป็นไปได้: {d.cause_th}",
            f"the computed {d.what} ({_show(d.computed)}) differs from the official"
            f" {_show(d.official)}; likely cause: {d.cause_en}",
            column=d.what,
            value=_show(d.official),
            expected_th="ตรวจไฟล์คะแนนและไฟล์กรอบการประเมินของปีนั้นกับหน้าผลการประเมินในระบบ ITAS"
            + (" หรือสั่งโดยไม่ใช้ strict เพื่อสร้างรายงานด้วยตัวเลขตามประกาศ" if strict else ""),
            expected_en="the score file and the year's framework checked against the ITAS result"
            " page" + ("; or run without strict to print the official figures" if strict else ""),
        )
        for d in diffs
    ]


def difference_notes(diffs: tuple[Difference, ...]) -> list[str]:
    """Preparer notes (never printed) naming each difference and its likely cause."""
    if not diffs:
        return []
    listed = "; ".join(
        f"{d.what} ตามประกาศ {_show(d.official)} คำนวณได้ {_show(d.computed)}" for d in diffs
    )
    causes = "; ".join(dict.fromkeys(d.cause_th for d in diffs))
    return [
        "เอกสารพิมพ์ตัวเลขตามผลการประเมินที่ประกาศในระบบ ITAS แต่ตัวเลขที่คำนวณจากคะแนนรายข้อต่างออกไป"
        f" ({listed}) สาเหตุที่เป็นไปได้: {causes} ตรวจก่อนเผยแพร่"
    ]


def computed_notes(framework: Framework) -> list[str]:
    """Preparer notes when no official result is given: the figures are computed, and (a year
    whose framework is unverified) which parts of it are."""
    notes = [
        "คะแนนเครื่องมือ คะแนน ITA และระดับผลการประเมินในเอกสารนี้คำนวณจากคะแนนรายข้อตามไฟล์กรอบการประเมิน"
        " ไม่ใช่ตัวเลขที่ประกาศในระบบ ITAS ถ้ามีผลตามประกาศ ให้ใส่ที่ official_results: ในไฟล์พารามิเตอร์"
        " (หรือแถวผลตามประกาศในชีตหน่วยงานของแม่แบบ) เพื่อพิมพ์ตัวเลขตามประกาศและตรวจความตรงกัน"
    ]
    unverified = [
        name for name, sure in (
            ("น้ำหนักของเครื่องมือ", framework.levels_confidence == "verified"),
            ("ระดับผลการประเมิน", framework.levels_confidence == "verified"),
            ("การแบ่งข้อเป็นตัวชี้วัดและตัวชี้วัดย่อย",
             all(ind.confidence == "verified" for ind in framework.indicators())),
        ) if not sure
    ]
    if framework.fiscal_year >= 2569 and unverified:
        notes.append(
            f"กรอบการประเมินปี {framework.fiscal_year} ยังไม่ยืนยัน (สำนักงาน ป.ป.ช. ปรับปรุงการประเมินใหม่):"
            f" {', '.join(unverified)} ถือตามปีก่อน ตัวเลขที่คำนวณจึงอาจต่างจากที่ประกาศ"
            f" (ita-report framework --year {framework.fiscal_year})"
        )
    return notes


def with_official(
    computed: Assessment, official: OfficialResults, framework: Framework
) -> Assessment:
    """``computed`` with the official figures in place: what the document prints."""
    indicators = tuple(
        dataclasses.replace(ind, score=official.indicators[ind.code], source="official")
        if ind.code in official.indicators else ind
        for ind in computed.indicators
    )
    tools = tuple(
        dataclasses.replace(tool, score=official.tools[tool.code])
        if tool.code in official.tools else tool
        for tool in computed.tools
    )
    ita = official.ita if official.ita is not None else computed.ita
    level = official.level
    if level is None and official.ita is not None:
        scores = {t.code: t.score for t in tools if t.score is not None}
        level = framework.level_for(official.ita, scores).name
    return dataclasses.replace(computed, indicators=indicators, tools=tools, ita=ita,
                               level=level or computed.level)


def official_summary(official: OfficialResults | None, found: Sequence[Problem]) -> str:
    """A batch's status.csv/index cell: "" (no official result), matches, or what differs
    (``found``: a document's ``differences``)."""
    if official is None:
        return ""
    if not found:
        return "ตรงกับประกาศ (matches)"
    return "ต่างจากประกาศ (differs): " + ", ".join(str(p.column) for p in found)


# -- which of a year's indicator splits the official indicator scores fit ----------------------
def split_variants(framework: Framework) -> list[Framework]:
    """Shipped variants of ``framework``'s year with the same items grouped otherwise (FY2567's
    indicator 10 both ways); a variant numbering items otherwise (33-item FY2568) is not one."""
    folder = data_dir() / "frameworks" / "variants"
    codes = {i.code for i in framework.items()}
    found = []
    for path in sorted(folder.glob(f"{framework.fiscal_year}-*.yaml")):
        variant = load_framework(framework.fiscal_year, path)
        if {i.code for i in variant.items()} == codes and variant.numbered_as is None:
            found.append(variant)
    return found


def _fits(framework: Framework, scores: Mapping[str, float | None],
          given: Mapping[str, float]) -> bool:
    for ind in framework.indicators():
        if ind.code not in given:
            continue
        ours = roll_up_indicator(ind, scores.get, mean_present)
        if ours is None or abs(round(ours, 2) - given[ind.code]) > TOLERANCE + 1e-9:
            return False
    return True


def choose_split(
    framework: Framework, scores: Mapping[str, float | None], given: Mapping[str, float]
) -> tuple[Framework, list[str]]:
    """The shipped framework, or the one variant of its year whose indicators match the official
    indicator scores ``given`` when the shipped one does not; with a preparer note then."""
    items_only = {c: v for c, v in scores.items() if not c.startswith("ind")}
    if not given or framework.source_file or _fits(framework, items_only, given):
        return framework, []
    fitting = [v for v in split_variants(framework) if _fits(v, items_only, given)]
    if len(fitting) != 1:
        return framework, []
    chosen = fitting[0]
    rel = Path(chosen.source_file).relative_to(data_dir()) if chosen.source_file else ""
    return chosen, [
        f"คะแนนตัวชี้วัดตามประกาศตรงกับการแบ่งข้อใน data/{rel} ไม่ตรงกับไฟล์มาตรฐานของปี"
        f" {framework.fiscal_year} เอกสารนี้จึงใช้การแบ่งข้อตามไฟล์นั้น (ดู ita-report framework"
        f" --file data/{rel})"
    ]
