"""A strong agency's measure for its next level (มาตรการยกระดับสู่ระดับถัดไป).

An agency with few or no items under target is not only told to keep the standard: the
keep-the-standard row also names the tool that kept it from the next level (EIT 94.98 under
ผ่านดีเยี่ยม's 95 for every tool), or at the top level its weakest tool, and the items of that
tool with the lowest scores, with one step for them worded for that tool. Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ita_report.code_text import CodeStyle, code_order, runs_text
from ita_report.framework import Framework, Level
from ita_report.gaps import Assessment
from ita_report.item_names import and_texts
from ita_report.thai import format_score, format_threshold, round_score

#: How many of the blocking tool's lowest items the measure names.
LOWEST_ITEMS = 3

#: One step per tool, worded for what that tool measures; ``{items}`` names the items.
_STEP_BY_TOOL = {
    "IIT": "ชี้แจงและสร้างความเข้าใจแก่บุคลากรในเรื่องที่{items}ถามถึง"
           " ซึ่งผ่านค่าเป้าหมายแต่บุคลากรยังให้คะแนนน้อยกว่าข้ออื่น",
    "EIT": "รับฟังความคิดเห็นของผู้รับบริการในเรื่องที่{items}ถามถึง"
           " ซึ่งผ่านค่าเป้าหมายแต่ผู้รับบริการยังให้คะแนนน้อยกว่าข้ออื่น และนำมาปรับปรุงการให้บริการ",
    "OIT": "ทบทวนการเผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงานตาม{items}ให้ครบถ้วนและเป็นปัจจุบัน",
}


@dataclass(frozen=True)
class NextLevel:
    """What the keep-the-standard row adds for a strong agency: a measure and its step."""

    measure_th: str
    step_th: str
    tool: str
    codes: tuple[str, ...]
    level: str | None  # the next level's name; None at the top level


def _next(framework: Framework, current: str | None) -> Level | None:
    names = [level.name for level in framework.levels]
    if current not in names:
        return None
    index = names.index(current)
    return framework.levels[index - 1] if index > 0 else None


def next_level(assessment: Assessment, framework: Framework, *,
               thai: bool, style: CodeStyle = "ita") -> NextLevel | None:
    """The measure aimed at the tool that keeps a strong agency (ITA at or above the target)
    from the next level, or at its weakest tool at the top level; None for an agency under
    the target (its theme rows are the plan) or without tool scores."""
    if assessment.ita is None or assessment.ita < assessment.target:
        return None
    scored = [t for t in assessment.tools if t.score is not None]
    if not scored:
        return None
    level = _next(framework, assessment.level)
    floor = level.min_each_tool if level is not None else None
    blocking = [t for t in scored if floor is not None and round_score(t.score or 0.0) < floor]
    tool = min(blocking or scored, key=lambda t: (t.score or 0.0, t.code))
    # Items under target have rows of their own; this measure aims at the passing items of the
    # tool that score lowest, which are what a strong agency has left to raise.
    items = sorted(
        (r for r in assessment.items if r.tool == tool.code and r.score is not None
         and assessment.target <= r.score < 100.0),
        key=lambda r: (r.score or 0.0, code_order(r.code)),
    )
    # The lowest few, and every item printed with the same score as the last of them (read
    # printed: i23 at 88.89 was left out beside i7 at 88.89, as if it had scored higher).
    if len(items) > LOWEST_ITEMS:
        cut = round_score(items[LOWEST_ITEMS - 1].score or 0.0)
        items = [r for r in items if round_score(r.score or 0.0) <= cut]
    if not items:
        return None
    codes = tuple(sorted((r.code for r in items), key=code_order))
    named = runs_text(list(codes), style=style)
    scores = and_texts([
        f"{runs_text([r.code], style=style)} ได้ {format_score(r.score, thai=thai)} คะแนน"
        for r in items  # lowest first, as "ได้คะแนนต่ำสุด" reads
    ])
    tool_score = format_score(tool.score or 0.0, thai=thai)
    if level is not None and floor is not None and blocking:
        measure = (f"ยกระดับคะแนน {tool.code} ({tool_score} คะแนน) ให้ไม่ต่ำกว่า"
                   f" {format_threshold(floor, thai=thai)} คะแนน เพื่อให้ผลการประเมินอยู่ในระดับ"
                   f"{level.name} โดยปรับปรุงข้อของ {tool.code} ที่ผ่านค่าเป้าหมายแต่ได้คะแนนต่ำสุด"
                   f" ({scores})")
    else:
        measure = (f"ยกระดับคะแนน {tool.code} ซึ่งต่ำที่สุดในสามเครื่องมือการประเมิน"
                   f" ({tool_score} คะแนน) โดยปรับปรุงข้อของ {tool.code} ที่ผ่านค่าเป้าหมาย"
                   f"แต่ได้คะแนนต่ำสุด ({scores})")
    step = _STEP_BY_TOOL.get(tool.code, _STEP_BY_TOOL["OIT"]).replace("{items}", named)
    return NextLevel(measure, step, tool.code, codes, level.name if level and blocking else None)
