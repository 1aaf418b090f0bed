"""The results in words (คำอธิบายผลการประเมิน): the level and what it means that year, what kept
the agency from the next level, a paragraph per tool and, given last year's, the change.

Every figure is the one the document prints (``doc.assessment``: the official result when the
officer gave it), rounded as printed before any difference is taken. Nothing is said that the
scores do not show: with no ITA score, no level and no ITA figure is written. Text only; the
report renders it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ita_report.code_text import CodeStyle, and_list, code_order, display_code
from ita_report.framework import Framework, Level
from ita_report.gaps import Assessment, ItemResult, ToolResult
from ita_report.previous_year import PreviousYear
from ita_report.thai import digits, format_score, format_threshold, name_in_sentence, round_score

HEADING_TH = "คำอธิบายผลการประเมิน"
TOOLS_HEADING_TH = "ผลรายเครื่องมือ"
COMPARISON_HEADING_TH = "เปรียบเทียบกับปีงบประมาณ พ.ศ. {year}"
#: How many items a sentence names before "และอีก … ข้อ".
LISTED = 6


@dataclass(frozen=True)
class Passage:
    """A part of the results in words: an optional heading and its paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class ResultsInWords:
    """What the document says about its results, in the order printed."""

    heading: str
    passages: tuple[Passage, ...]
    #: For the preparer (never printed): what could not be compared, and why.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Say:
    """What every sentence needs: the agency's name, the year and the digits."""

    name: str
    year: int
    thai: bool
    codes: CodeStyle = "ita"

    @property
    def subject(self) -> str:
        """The name as a sentence runs on after it ("กรมฯ ได้", "อบต.ท่าข้ามได้")."""
        return name_in_sentence(self.name)

    def n(self, value: float) -> str:
        return format_score(round_score(value), thai=self.thai)

    def limit(self, value: float) -> str:
        """A level's bound or the target in a phrase (``ต่ำกว่า ๘๕ คะแนน``): not a score."""
        return format_threshold(value, thai=self.thai)

    def count(self, value: int) -> str:
        return digits(str(value), thai=self.thai)

    def year_text(self, year: int | None = None) -> str:
        return digits(str(self.year if year is None else year), thai=self.thai)


def results_in_words(assessment: Assessment, framework: Framework, *, short_name: str,
                     thai: bool, previous: PreviousYear | None = None,
                     codes: CodeStyle = "ita") -> ResultsInWords:
    """The results in words of ``assessment`` (as printed) under ``framework``'s levels."""
    say = _Say(short_name, assessment.fiscal_year, thai, codes)
    passages = [Passage("", tuple(_level_paragraphs(assessment, framework, say)))]
    tool_texts = [_tool_paragraph(assessment, t, say) for t in assessment.tools]
    extra = _extra_paragraph(assessment, say)
    passages.append(Passage(TOOLS_HEADING_TH, tuple(tool_texts + ([extra] if extra else []))))
    notes: list[str] = []
    if previous is not None:
        old = previous.assessment
        passages.append(Passage(
            COMPARISON_HEADING_TH.format(year=say.year_text(old.fiscal_year)),
            tuple(_comparison(assessment, previous, say))))
        if previous.unmatched_why:
            notes.append(previous.unmatched_why)
        notes += _unsure_matches(assessment, previous, say)
    return ResultsInWords(HEADING_TH, tuple(passages), tuple(notes))


# -- the level ------------------------------------------------------------------------------
def ranked_levels(framework: Framework) -> tuple[Level, ...]:
    """The year's levels, best first (a per-tool floor ranks a level above its band's)."""
    return tuple(sorted(framework.levels, key=lambda lv: (lv.min, lv.min_each_tool or -1.0),
                        reverse=True))


def _level_word(level: str) -> str:
    # "ระดับผ่านดี" but "ระดับ AA": a space between Thai and Latin words.
    return f"ระดับ{level}" if level[:1] >= "\u0e00" else f"ระดับ {level}"


def _names(names: Sequence[str]) -> str:
    """``ผ่านดี ผ่าน และต้องปรับปรุง``: Thai joins และ to the word after it, never to Latin."""
    if len(names) < 2:
        return "".join(names)
    last = names[-1]
    return " ".join(names[:-1]) + (f" และ{last}" if last[:1] >= "\u0e00" else f" และ {last}")


def level_meaning(level: Level, framework: Framework, say: _Say, *,
                  required_only: bool = False) -> str:
    """What ``level`` means in ``framework``'s year, from its thresholds (never from a name);
    ``required_only``: what it takes to reach it (not what sets it apart from the one above)."""
    low, floor = say.limit(level.min), level.min_each_tool
    if level.min <= 0:
        above = [lv.min for lv in framework.levels if lv.min > 0]
        text = f"คะแนน ITA ต่ำกว่า {say.limit(min(above))} คะแนน" if above else "คะแนน ITA ทุกช่วง"
    elif level.max >= 100:
        text = f"คะแนน ITA ตั้งแต่ {low} คะแนนขึ้นไป"
    else:
        text = f"คะแนน ITA ตั้งแต่ {low} ถึง {say.limit(level.max)} คะแนน"
    if floor is not None:
        return text + f" และทุกเครื่องมือ (IIT EIT และ OIT) ได้ตั้งแต่ {say.limit(floor)} คะแนนขึ้นไป"
    if required_only:
        return text
    ranked = ranked_levels(framework)
    # A band that a level with a per-tool floor shares (ผ่าน under ผ่านดี): a tool fell short.
    floors = [lv.min_each_tool for lv in ranked[:ranked.index(level)]
              if lv.min_each_tool is not None and lv.min <= level.min]
    if floors:
        text += f" แต่มีเครื่องมืออย่างน้อยหนึ่งเครื่องมือได้ต่ำกว่า {say.limit(min(floors))} คะแนน"
    return text


def _level_paragraphs(a: Assessment, framework: Framework, say: _Say) -> list[str]:
    year = say.year_text()
    if a.ita is None:
        missing = [t for t in a.tools if t.score is None]
        named = and_list([f"{t.code} ({t.name_th})" for t in missing])
        return [f"ข้อมูลคะแนนที่ใช้จัดทำเอกสารนี้ไม่มีคะแนนของเครื่องมือ {named} จึงยังคำนวณคะแนน ITA"
                f" และระดับผลการประเมินประจำปีงบประมาณ พ.ศ. {year} ไม่ได้ เอกสารนี้จึงไม่ระบุคะแนน ITA"
                " และระดับผลการประเมิน และวิเคราะห์เฉพาะเครื่องมือที่มีคะแนน"]
    ranked = ranked_levels(framework)
    names = [lv.name for lv in ranked]
    level = next((lv for lv in ranked if lv.name == a.level), None)
    head = f"ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year} {say.subject}ได้ {say.n(a.ita)} คะแนน"
    if level is None:
        # An official level this year's framework does not list: said as published.
        return [head + (f" ผลการประเมินอยู่ใน{_level_word(a.level)}ตามประกาศ" if a.level else "")]
    scale = (f"เกณฑ์ของปีงบประมาณ พ.ศ. {year} แบ่งผลการประเมินเป็น {say.count(len(names))} ระดับ"
             f" ได้แก่ {_names(names)}")
    first = (f"{head} อยู่ใน{_level_word(level.name)} {scale} โดย{_level_word(level.name)}"
             f"หมายถึง{level_meaning(level, framework, say)}")
    at = ranked.index(level)
    if at == 0:
        return [first, _at_the_top(a, level, framework, say)]
    return [first, _next_level(a, ranked[at - 1], framework, say)]


def _tools_scored(a: Assessment) -> list[ToolResult]:
    return [t for t in a.tools if t.score is not None]


def _weakest_indicator_text(a: Assessment, tool: str, say: _Say) -> str:
    scored = [i for i in a.indicators if i.tool == tool and i.score is not None]
    if len(scored) < 2 or len({round_score(i.score or 0.0) for i in scored}) == 1:
        return ""  # no indicator is the weakest when all score the same
    low = min(scored, key=lambda i: (i.score, i.number))
    assert low.score is not None
    return (f"ตัวชี้วัดที่ได้คะแนนต่ำที่สุดของ {tool} คือตัวชี้วัดที่ {say.count(low.number)}"
            f" {low.name_th} {say.n(low.score)} คะแนน")


def _next_level(a: Assessment, up: Level, framework: Framework, say: _Say) -> str:
    """Which tool or how many points kept the agency from the level above, computed."""
    assert a.ita is not None
    ita = round_score(a.ita)
    ita_gap = round_score(max(up.min - ita, 0.0))
    tools = _tools_scored(a)
    floor = up.min_each_tool
    short = sorted((t for t in tools if floor is not None and round_score(t.score or 0.0) < floor),
                   key=lambda t: (t.score or 0.0))
    word = _level_word(up.name)
    text = (f"{word}ซึ่งสูงขึ้นไปหนึ่งระดับต้องได้"
            f"{level_meaning(up, framework, say, required_only=True)}"
            f" คะแนน ITA ของ{say.subject}")
    text += "ถึงเกณฑ์นี้แล้ว" if ita_gap <= 0 else f"ยังขาดอีก {say.n(ita_gap)} คะแนน"
    if short and floor is not None:
        shortfalls = [f"{t.code} {say.n(t.score or 0.0)} คะแนน (ขาดอีก"
                      f" {say.n(floor - round_score(t.score or 0.0))} คะแนน)" for t in short]
        joint = " แต่" if ita_gap <= 0 else " และ"
        if len(short) == 1:
            tool, score = short[0].code, round_score(short[0].score or 0.0)
            text += (f"{joint}คะแนน {tool} {say.n(score)} คะแนน ต่ำกว่า {say.limit(floor)} คะแนน"
                     f" (ขาดอีก {say.n(floor - score)} คะแนน)"
                     f" {tool} จึงเป็นเครื่องมือที่ทำให้{say.subject}ยังไม่ได้{word}")
        else:
            text += (f"{joint}มีเครื่องมือที่ยังต่ำกว่า {say.limit(floor)} คะแนน"
                     f" {say.count(len(short))} เครื่องมือ ได้แก่ {and_list(shortfalls)}"
                     f" โดย {short[0].code} ต่ำที่สุด")
        weakest = _weakest_indicator_text(a, short[0].code, say)
        return text + (f" ({weakest})" if weakest else "")
    if ita_gap <= 0:
        return text
    lowest = min(tools, key=lambda t: (t.score or 0.0))
    # "At least": the score that lifts the exact ITA (not the printed, rounded one) to the
    # level's minimum, rounded up; the printed score plus the need is that score. Rounded to
    # the nearest, 80.15 was printed where the ITA it gives is 84.995, still under 85.
    exact = (lowest.score or 0.0) + (up.min - a.ita) / lowest.weight
    reach = math.ceil(round(exact * 100, 6)) / 100
    need = round_score(reach - round_score(lowest.score or 0.0))
    if reach <= 100:
        text += (f" {lowest.code} เป็นเครื่องมือที่ได้คะแนนต่ำที่สุด ({say.n(lowest.score or 0.0)}"
                 f" คะแนน) ถ้าเครื่องมืออื่นคงเดิม {lowest.code} ต้องเพิ่มขึ้นอีกอย่างน้อย"
                 f" {say.n(need)} คะแนน (เป็น {say.n(reach)} คะแนน) จึงจะถึงเกณฑ์")
    else:
        text += (" ซึ่งเพิ่มคะแนนเครื่องมือใดเครื่องมือหนึ่งอย่างเดียวไม่พอ ต้องเพิ่มหลายเครื่องมือ"
                 f" โดย {lowest.code} ได้คะแนนต่ำที่สุด ({say.n(lowest.score or 0.0)} คะแนน)")
    weakest = _weakest_indicator_text(a, lowest.code, say)
    return text + (f" ({weakest})" if weakest else "")


def _at_the_top(a: Assessment, level: Level, framework: Framework, say: _Say) -> str:
    """The top level: what keeps it, and the lowest items (a strong agency's next measures)."""
    year = say.year_text()
    text = f"{_level_word(level.name)}เป็นระดับสูงสุดของเกณฑ์ปีงบประมาณ พ.ศ. {year}"
    tools = _tools_scored(a)
    if tools:
        lowest = min(tools, key=lambda t: (t.score or 0.0))
        score = round_score(lowest.score or 0.0)
        if all(round_score(t.score or 0.0) == score for t in tools):  # no lowest of equals
            text += f" ทุกเครื่องมือได้ {say.n(score)} คะแนน"
        else:
            text += f" เครื่องมือที่ได้คะแนนต่ำที่สุดคือ {lowest.code} {say.n(score)} คะแนน"
        floor = level.min_each_tool
        if floor is not None:
            # Read printed: "…สูงกว่าเกณฑ์ ๙๕ คะแนนที่ทุกเครื่องมือต้องได้เพื่อคงระดับ…อยู่ ๕.๐๐
            # คะแนน" put the margin after the level, where it read as the level's own score.
            text += (f" สูงกว่าเกณฑ์ขั้นต่ำของทุกเครื่องมือใน{_level_word(level.name)}"
                     f" ({say.limit(floor)} คะแนน) {say.n(score - floor)} คะแนน")
    # The items the agency cites beyond the framework (extra_codes) are its items too: the
    # lowest of all is named, as the table and the gaps chart name it.
    lows = sorted((i for i in a.items + a.extra_items if i.score is not None and i.score < 100),
                  key=lambda i: (i.score, code_order(i.code)))
    if lows:
        named = and_list([_item_text(i, say) for i in lows[:3]])
        text += f" ข้อที่ได้คะแนนต่ำที่สุดคือ {named} ซึ่งเป็นข้อที่ควรพัฒนาต่อเพื่อรักษาระดับ"
    return text


# -- a paragraph per tool -------------------------------------------------------------------
def _item_text(item: ItemResult, say: _Say) -> str:
    score = format_score(item.score, thai=say.thai)
    return f"{display_code(item.code, style=say.codes)} ({score})"


def _listed(items: Sequence[ItemResult], say: _Say) -> str:
    # "และอีก ๑ ข้อ" hides one item that could as well be named: name up to one more.
    if len(items) <= LISTED + 1:
        return and_list([_item_text(i, say) for i in items])
    shown = [_item_text(i, say) for i in items[:LISTED]]
    return " ".join(shown) + f" และอีก {say.count(len(items) - LISTED)} ข้อ"


def _tool_paragraph(a: Assessment, tool: ToolResult, say: _Say) -> str:
    items = [i for i in a.items if i.tool == tool.code]
    scored = [i for i in items if i.score is not None]
    title = f"{tool.code} ({tool.name_th})"
    if tool.score is None:
        return (f"{title} ไม่มีคะแนนในข้อมูลที่ใช้จัดทำเอกสารนี้ จึงไม่ได้วิเคราะห์เครื่องมือนี้")
    text = f"{title} ได้ {say.n(tool.score)} คะแนน"
    weakest = _weakest_indicator_text(a, tool.code, say)
    if weakest:
        text += " " + weakest
    if not scored:
        return text + " ข้อมูลที่ใช้มีเฉพาะคะแนนรายตัวชี้วัด จึงไม่ได้วิเคราะห์รายข้อ"
    below = sorted((i for i in scored if i.below_target),
                   key=lambda i: (i.score, code_order(i.code)))
    target = say.limit(a.target)
    if below:
        text += (f" มีข้อที่ได้คะแนนต่ำกว่าค่าเป้าหมาย {target} คะแนน {say.count(len(below))} ข้อ"
                 f" จาก {say.count(len(scored))} ข้อที่มีคะแนน ได้แก่ {_listed(below, say)}")
    elif len({i.score for i in scored}) == 1:
        text += f" ทุกข้อได้ {format_score(scored[0].score, thai=say.thai)} คะแนน"
    else:
        low = min(scored, key=lambda i: (i.score, code_order(i.code)))
        text += (f" ทุกข้อได้ไม่ต่ำกว่าค่าเป้าหมาย {target} คะแนน ข้อที่ได้คะแนนต่ำที่สุดคือ"
                 f" {_item_text(low, say)}")
    missing = len(items) - len(scored)
    if missing:
        text += f" และไม่มีคะแนน {say.count(missing)} ข้อ"
    return text


#: How the document names the items it cites beyond the year's framework (``extra_codes``):
#: said in words an assessor understands, never "นอกกรอบการประเมิน" unexplained.
EXTRA_ITEMS_TH = "ข้อคำถามเพิ่มเติมที่หน่วยงานนำมาวิเคราะห์ร่วม (ไม่นับในคะแนนเครื่องมือและคะแนน ITA)"


def _extra_paragraph(a: Assessment, say: _Say) -> str:
    """The items cited beyond the framework, once: how many fell under target, so that the
    tools' counts and these add up to the count the results table and the introduction give."""
    scored = [i for i in a.extra_items if i.score is not None]
    if not scored:
        return ""
    below = sorted((i for i in scored if i.below_target),
                   key=lambda i: (i.score, code_order(i.code)))
    text = f"{EXTRA_ITEMS_TH} {say.count(len(scored))} ข้อ"
    if below:
        count = "ทุกข้อ" if len(below) == len(scored) else f"{say.count(len(below))} ข้อ"
        return (text + f" ได้คะแนนต่ำกว่าค่าเป้าหมาย {say.limit(a.target)} คะแนน{count}"
                f" ได้แก่ {_listed(below, say)}")
    return text + f" ได้ไม่ต่ำกว่าค่าเป้าหมาย {say.limit(a.target)} คะแนนทุกข้อ"


# -- last year --------------------------------------------------------------------------------
def change_text(now: float, then: float, say: _Say, *, since: str = "จากปีที่ล่วงมาแล้ว") -> str:
    """``เพิ่มขึ้นจากปีที่ล่วงมาแล้ว ๑.๕๒ คะแนน``: the difference of the figures as printed
    (``since`` "" in a list that said which year once already)."""
    delta = round_score(round_score(now) - round_score(then))
    if delta > 0:
        return f"เพิ่มขึ้น{since} {say.n(delta)} คะแนน"
    if delta < 0:
        return f"ลดลง{since} {say.n(-delta)} คะแนน"
    return "เท่ากับปีที่ล่วงมาแล้ว" if since else "เท่าเดิม"


def _comparison(a: Assessment, previous: PreviousYear, say: _Say) -> list[str]:
    old = previous.assessment
    then = say.year_text(old.fiscal_year)
    paragraphs = []
    if a.ita is not None and old.ita is not None:
        text = (f"ปีงบประมาณ พ.ศ. {say.year_text()} {say.subject}ได้คะแนน ITA {say.n(a.ita)} คะแนน"
                f" {change_text(a.ita, old.ita, say)} (ปีงบประมาณ พ.ศ. {then} ได้ {say.n(old.ita)}"
                " คะแนน")
        text += f" {_level_word(old.level)})" if old.level else ")"
        if a.level and old.level:
            text += (f" ระดับผลการประเมินคงอยู่ที่{_level_word(a.level)}" if a.level == old.level
                     else f" ระดับผลการประเมินเปลี่ยนจาก{_level_word(old.level)}"
                          f"เป็น{_level_word(a.level)}" + _scales_differ(a, old, say))
        paragraphs.append(text)
    elif old.ita is None:
        missing = and_list(old.missing_tools)
        paragraphs.append(f"ข้อมูลของปีงบประมาณ พ.ศ. {then} ไม่มีคะแนนของ {missing}"
                          " จึงไม่มีคะแนน ITA ของปีนั้นให้เทียบ")
    else:
        paragraphs.append(f"ปีงบประมาณ พ.ศ. {then} ได้คะแนน ITA {say.n(old.ita)} คะแนน"
                          + (f" {_level_word(old.level)}" if old.level else "")
                          + " แต่ปีนี้ยังคำนวณคะแนน ITA ไม่ได้ จึงเทียบได้เฉพาะรายเครื่องมือ")
    changes = []
    for tool in a.tools:
        before = next((t for t in old.tools if t.code == tool.code), None)
        if tool.score is None or before is None or before.score is None:
            continue
        same = round_score(tool.score) == round_score(before.score)
        changes.append(f"{tool.code} {change_text(tool.score, before.score, say, since='')}"
                       + (f" ({say.n(tool.score)} คะแนน)" if same else
                          f" (จาก {say.n(before.score)} เป็น {say.n(tool.score)} คะแนน)"))
    if changes:
        paragraphs.append("เมื่อเทียบกับปีที่ล่วงมาแล้วเป็นรายเครื่องมือ คะแนน " + and_list(changes))
    paragraphs += _items_moved(a, previous, say)
    return paragraphs


def _scales_differ(a: Assessment, old: Assessment, say: _Say) -> str:
    """`` (เกณฑ์ปี ๒๕๖๖ มี ๒ ระดับ ปี ๒๕๖๗ มี ๕ ระดับ)`` when the two years grade otherwise."""
    from ita_report.framework import load_framework

    now = [lv.name for lv in load_framework(a.fiscal_year).levels]
    then = [lv.name for lv in load_framework(old.fiscal_year).levels]
    if set(now) == set(then):
        return ""
    return (f" (เกณฑ์ปี {say.year_text(old.fiscal_year)} มี {say.count(len(then))} ระดับ"
            f" ปี {say.year_text()} มี {say.count(len(now))} ระดับ)")


def _unsure_matches(a: Assessment, previous: PreviousYear, say: _Say) -> list[str]:
    """A preparer note naming the items below target matched to last year by a link the
    crosswalk has not verified (only those the document names as newly below target): the
    officer checks them on ITAS before signing."""
    old = previous.assessment

    def named(code: str) -> bool:  # said in the document as newly below target
        before = old.item(previous.counterparts.get(code) or "")
        return before is not None and before.score is not None and not before.below_target

    unsure = [i.code for i in a.items if i.below_target and i.code in previous.unsure
              and named(i.code)]
    if not unsure:
        return []
    pairs = " ".join(f"{display_code(c, style=say.codes)}"
                     f" = {display_code(previous.counterparts[c] or '', style=say.codes)}"
                     for c in unsure)
    then = say.year_text(previous.assessment.fiscal_year)
    return [f"การเทียบข้อของปีนี้กับปี {then} ต่อไปนี้ยังไม่ได้ยืนยัน (data/catalogue/crosswalk.yaml):"
            f" {pairs} ตรวจชื่อรายการในระบบ ITAS ของทั้งสองปีก่อนเผยแพร่"]


def _items_moved(a: Assessment, previous: PreviousYear, say: _Say) -> list[str]:
    """The items newly below target (below now, at or above target last year, matched through
    the crosswalk), the new items below target, and how many of last year's gaps closed."""
    if not previous.counterparts:
        return []
    old = previous.assessment
    newly: list[str] = []
    new_items: list[ItemResult] = []
    closed = 0
    then = say.year_text(old.fiscal_year)
    for item in a.items:
        code = previous.counterparts.get(item.code)
        before = old.item(code) if code else None
        if item.below_target:
            if code is None:
                new_items.append(item)
            elif before is not None and before.score is not None and not before.below_target:
                was = ("" if code == item.code
                       else f"เป็นข้อ {display_code(code, style=say.codes)} ")
                newly.append(f"{_item_text(item, say)} ปี {then} {was}ได้"
                             f" {format_score(before.score, thai=say.thai)} คะแนน")
        elif (item.score is not None and before is not None and before.below_target):
            closed += 1
    out = []
    target = say.limit(a.target)
    if newly:
        out.append(f"ข้อที่ปีนี้ได้คะแนนต่ำกว่าค่าเป้าหมาย {target} คะแนน แต่ปีที่ล่วงมาแล้วได้ไม่ต่ำกว่าค่าเป้าหมาย"
                   f" {say.count(len(newly))} ข้อ ได้แก่ " + " ".join(
                       f"({say.count(n)}) {text}" for n, text in enumerate(newly, start=1)))
    else:
        out.append(f"ไม่มีข้อที่ปีนี้ได้คะแนนต่ำกว่าค่าเป้าหมาย {target} คะแนน"
                   " ในขณะที่ปีที่ล่วงมาแล้วได้ไม่ต่ำกว่าค่าเป้าหมาย")
    if new_items:
        out.append(f"ข้อใหม่ของปีนี้ (ไม่มีข้อเทียบในปี {then}) ที่ได้คะแนนต่ำกว่าค่าเป้าหมาย"
                   f" {say.count(len(new_items))} ข้อ ได้แก่ {_listed(new_items, say)}")
    if closed:
        out.append(f"ข้อที่ปีที่ล่วงมาแล้วต่ำกว่าค่าเป้าหมายและปีนี้ได้ไม่ต่ำกว่าค่าเป้าหมายแล้ว"
                   f" {say.count(closed)} ข้อ")
    return out
