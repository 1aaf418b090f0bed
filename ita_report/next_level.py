"""A strong agency's measure for its next level (มาตรการยกระดับสู่ระดับถัดไป).

An agency with few or no items under target is not only told to keep the standard: the
keep-the-standard row also names every tool that keeps it from the next level (EIT 94.86 and
IIT 94.94 under ผ่านดีเยี่ยม's 95 for every tool), or at the top level its weakest tool: the rows
that answer its items under target, by number, and its passing items with the lowest scores,
with one step for those worded for the tool. Pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ita_report.code_text import CodeStyle, and_list, code_order, runs_text
from ita_report.framework import Framework, Level
from ita_report.gaps import Assessment, ItemResult, ToolResult
from ita_report.item_names import and_texts
from ita_report.thai import digits, format_score, format_threshold, round_score

#: How many of the blocking tool's lowest items the measure names.
LOWEST_ITEMS = 3

#: One step per tool, worded for what that tool measures; ``{items}`` names the items. A
#: progress sheet an officer filled is matched to its steps by their words: change them and
#: every such sheet of a strong agency is refused until made again.
_STEP_BY_TOOL = {
    "IIT": "ชี้แจงและสร้างความเข้าใจแก่บุคลากรในเรื่องที่{items}ถามถึง"
           " ซึ่งผ่านค่าเป้าหมายแต่บุคลากรยังให้คะแนนน้อยกว่าข้ออื่น",
    "EIT": "รับฟังความคิดเห็นของผู้รับบริการในเรื่องที่{items}ถามถึง"
           " ซึ่งผ่านค่าเป้าหมายแต่ผู้รับบริการยังให้คะแนนน้อยกว่าข้ออื่น และนำมาปรับปรุงการให้บริการ",
    "OIT": "ทบทวนการเผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงานตาม{items}ให้ครบถ้วนและเป็นปัจจุบัน",
}


@dataclass(frozen=True)
class NextLevel:
    """What the keep-the-standard row adds for a strong agency: a measure and its steps."""

    measure_th: str
    steps_th: tuple[str, ...]


def _next(framework: Framework, current: str | None) -> Level | None:
    names = [level.name for level in framework.levels]
    if current not in names:
        return None
    index = names.index(current)
    return framework.levels[index - 1] if index > 0 else None


def _lowest_passing(assessment: Assessment, tool: str) -> list[ItemResult]:
    """The tool's items at or above target but under 100 that score lowest, lowest first: the
    lowest few and every item printed with the same score as the last of them (read printed:
    i23 at 88.89 was left out beside i7 at 88.89, as if it had scored higher). Items under
    target have rows of their own."""
    items = sorted(
        (r for r in assessment.items if r.tool == tool and r.score is not None
         and assessment.target <= r.score < 100.0),
        key=lambda r: (r.score or 0.0, code_order(r.code)),
    )
    if len(items) > LOWEST_ITEMS:
        cut = round_score(items[LOWEST_ITEMS - 1].score or 0.0)
        items = [r for r in items if round_score(r.score or 0.0) <= cut]
    return items


def _numbers_text(numbers: Sequence[int], *, thai: bool) -> str:
    """``๑–๓ และ ๕``: row numbers, runs joined by a dash."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [digits(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}", thai=thai) for r in runs]
    return and_list(parts)


def next_level(assessment: Assessment, framework: Framework, *,
               thai: bool, style: CodeStyle = "ita",
               row_numbers: Mapping[str, int] | None = None) -> NextLevel | None:
    """The measure aimed at every tool that keeps a strong agency (ITA at or above the target)
    from the next level (all of them: raising one while another stays under the floor would
    not give the level the measure names), or at its weakest tool at the top level; None for
    an agency under the target (its theme rows are the plan) or without tool scores.

    A tool with items under target is raised by the rows that answer them (``row_numbers``:
    item code → the table's row number), which the measure names; its lowest passing items
    are named only when the level asks more of each tool than the target (95 against 85):
    an IIT at 83.89 with nineteen items under 85 is not raised by polishing three at 85.4."""
    if assessment.ita is None or assessment.ita < assessment.target:
        return None
    scored = [t for t in assessment.tools if t.score is not None]
    if not scored:
        return None
    level = _next(framework, assessment.level)
    floor = level.min_each_tool if level is not None else None
    blocking = sorted((t for t in scored
                       if floor is not None and round_score(t.score or 0.0) < floor),
                      key=lambda t: (t.score or 0.0, t.code))
    tools = blocking or [min(scored, key=lambda t: (t.score or 0.0, t.code))]
    numbers = row_numbers or {}
    under = {t.code: sorted({numbers[r.code] for r in assessment.items
                             if r.tool == t.code and r.below_target and r.code in numbers})
             for t in tools}
    polish = floor is None or floor > assessment.target
    lowest = {t.code: _lowest_passing(assessment, t.code) if polish or not under[t.code] else []
              for t in tools}

    def named_scores(items: list[ItemResult]) -> str:
        return and_texts([f"{runs_text([r.code], style=style)} ได้"
                          f" {format_score(r.score, thai=thai)} คะแนน"
                          for r in items])  # lowest first, as "ได้คะแนนต่ำสุด" reads

    def tool_score(tool: ToolResult) -> str:
        return f"{tool.code} ({format_score(tool.score or 0.0, thai=thai)} คะแนน)"

    fixing_tools = [t for t in tools if under[t.code]]
    with_items = [t for t in tools if lowest[t.code]]
    if not fixing_tools and not with_items:
        return None
    clauses = []
    if fixing_tools:
        whose = f"ของ {fixing_tools[0].code} " if len(fixing_tools) == 1 else ""
        rows = [n for t in fixing_tools for n in under[t.code]]
        clauses.append(f"แก้ไขข้อ{whose}ที่ต่ำกว่าค่าเป้าหมายตามมาตรการลำดับที่"
                       f" {_numbers_text(rows, thai=thai)}")
    if len(with_items) == 1:
        (only,) = with_items
        clauses.append(f"ปรับปรุงข้อของ {only.code} ที่ผ่านค่าเป้าหมายแต่ได้คะแนนต่ำสุด"
                       f" ({named_scores(lowest[only.code])})")
    elif with_items:
        clauses.append("ปรับปรุงข้อที่ผ่านค่าเป้าหมายแต่ได้คะแนนต่ำสุด" + and_texts(
            [f"ของ {t.code} ({named_scores(lowest[t.code])})" for t in with_items]))
    improve = "โดย" + and_texts(clauses)
    if level is not None and floor is not None and blocking:
        measure = (f"ยกระดับคะแนน {and_list([tool_score(t) for t in tools])} ให้ไม่ต่ำกว่า"
                   f" {format_threshold(floor, thai=thai)} คะแนน เพื่อให้ผลการประเมินอยู่ในระดับ"
                   f"{level.name} {improve}")
    else:
        weakest = tools[0]
        measure = (f"ยกระดับคะแนน {weakest.code} ซึ่งต่ำที่สุดในสามเครื่องมือการประเมิน"
                   f" ({format_score(weakest.score or 0.0, thai=thai)} คะแนน) {improve}")

    def step(tool: ToolResult) -> str:
        text = _STEP_BY_TOOL.get(tool.code, _STEP_BY_TOOL["OIT"]).replace(
            "{items}", runs_text(sorted((r.code for r in lowest[tool.code]), key=code_order),
                                 style=style))
        # Items of the tool under target score lower still: "than the other items" is false.
        return text.replace("น้อยกว่าข้ออื่น", "น้อยกว่าข้ออื่นที่ผ่าน") if under[tool.code] else text

    return NextLevel(measure, tuple(step(t) for t in with_items))
