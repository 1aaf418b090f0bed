"""The measures table (ตารางมาตรการ): one row per theme, with the analysis text written from gaps.

Writes in the register of the seed document: the agency's short name, the items and their
scores, consecutive items as ranges, averages where it sums up, a zero said as a zero, Thai
digits by default. Pure functions of an assessment and the themes; nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from ita_report.scoring import Assessment, Status
from ita_report.thai import digits, format_score, to_arabic_digits


@dataclass(frozen=True)
class CitedItem:
    """An item a theme cites (ข้อคำถาม ITA), with this agency's score."""

    code: str
    text_th: str
    score: float | None
    status: Status


@dataclass(frozen=True)
class MeasureRow:
    """One row of the measures table: a theme (ประเด็น) and what the agency will do about it."""

    number: int
    theme_id: str
    title_th: str
    items: tuple[CitedItem, ...]
    analysis_th: str
    measure_th: str
    steps_th: tuple[str, ...]
    quarter_th: str
    unit_th: str
    all_passing: bool

    @property
    def cited_codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items)


@dataclass(frozen=True)
class ThemeText:
    """The texts of one theme in the variant that applies (below target, or all passing)."""

    theme_id: str
    title_th: str
    item_codes: tuple[str, ...]
    item_texts: Mapping[str, str]
    finding_th: str
    recommendation_th: str
    finding_tools: tuple[str, ...]
    recommendation_tools: tuple[str, ...]
    measure_th: str
    steps_th: tuple[str, ...]
    quarter_th: str
    unit_th: str


_PLACEHOLDER = re.compile(
    r"\{(short_name|org_name|district|province|fiscal_year|next_fiscal_year|target)\}"
)


def fill(text: str, values: Mapping[str, str], *, thai: bool) -> str:
    """Replace the known ``{placeholders}`` and write every digit in the chosen numerals.

    Unknown braces are left alone: an officer's text may contain them on purpose.
    """
    filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    return digits(filled, thai=True) if thai else to_arabic_digits(filled)


def display_code(code: str, *, thai: bool) -> str:
    """``o17`` → ``o๑๗`` (the letter stays, the number takes Thai digits)."""
    return code[0] + digits(code[1:], thai=thai)


def _number(code: str) -> int:
    return int(code[1:])


def code_runs(codes: Sequence[str], bridge: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Group codes into runs of consecutive numbers of the same tool.

    A gap is bridged when every code in it is in ``bridge`` (items that share the status):
    the seed writes i25–i30 for i25, i26, i28–i30 because i27, cited elsewhere, is also below.

    >>> code_runs(["i14", "i15", "i27"])
    [('i14', 'i15'), ('i27', 'i27')]
    >>> code_runs(["i25", "i26", "i28", "i29", "i30"], frozenset({"i27"}))
    [('i25', 'i30')]
    """
    ordered = sorted(set(codes), key=lambda c: ("ieo".find(c[0]), _number(c)))
    runs: list[tuple[str, str]] = []
    for code in ordered:
        if runs:
            start, end = runs[-1]
            between = range(_number(end) + 1, _number(code))
            if code[0] == end[0] and all(f"{code[0]}{n}" in bridge for n in between):
                runs[-1] = (start, code)
                continue
        runs.append((code, code))
    return runs


def runs_text(codes: Sequence[str], *, thai: bool, bridge: frozenset[str] = frozenset()) -> str:
    """``ข้อ i๑๔–i๑๕ และข้อ i๒๗``: the seed's way of naming several items."""
    parts = [
        display_code(a, thai=thai)
        if a == b
        else f"{display_code(a, thai=thai)}–{display_code(b, thai=thai)}"
        for a, b in code_runs(codes, bridge)
    ]
    if len(parts) == 1:
        return f"ข้อ {parts[0]}"
    return "ข้อ " + ", ".join(parts[:-1]) + f" และข้อ {parts[-1]}"


#: Up to this many items below target, the analysis lists each score; past it, their mean.
LIST_SCORES_UP_TO = 6
#: Said of OIT items at zero when the theme has no finding of its own about them.
NOT_PUBLISHED_TH = "ซึ่งไม่พบข้อมูลดังกล่าวเผยแพร่บนเว็บไซต์ของหน่วยงาน"
_TOOL_OF = {"i": "IIT", "e": "EIT", "o": "OIT"}


@dataclass(frozen=True)
class Remark:
    """A finding or recommendation, and the tools whose items it speaks of (empty: all)."""

    text: str
    tools: tuple[str, ...] = ()


def _tool_clause(items: Sequence[CitedItem], assessment: Assessment, *, thai: bool) -> str:
    """What one tool's items in a theme scored, without the subject: ``ได้คะแนนข้อ …``."""
    target = format_score(assessment.target, thai=thai)
    below = [i for i in items if i.status is Status.BELOW]
    zero = [i for i in items if i.status is Status.ZERO]
    passing = [i for i in items if i.status is Status.PASS]
    everyone = assessment.items + assessment.extra_items
    # A range may bridge items cited elsewhere only when the claim holds for each of them.
    same_below = frozenset(r.code for r in everyone if r.status is Status.BELOW)
    same_zero = frozenset(r.code for r in everyone if r.status is Status.ZERO)

    def score(value: float | None) -> str:
        return format_score(value or 0.0, thai=thai)

    parts: list[str] = []
    if len(below) == 1:
        parts.append(
            f"ได้คะแนน{runs_text([below[0].code], thai=thai)} {score(below[0].score)} คะแนน "
            f"เป็นคะแนนที่ต่ำกว่า {target} คะแนน"
        )
    elif len(below) <= LIST_SCORES_UP_TO and below:
        named = runs_text([i.code for i in below], thai=thai, bridge=same_below)
        listed = ", ".join(f"{display_code(i.code, thai=thai)} {score(i.score)}" for i in below)
        parts.append(f"ได้คะแนน{named} ต่ำกว่า {target} คะแนน ({listed} คะแนน)")
    elif below:
        # An average is only true of the items averaged: no bridging here.
        named = runs_text([i.code for i in below], thai=thai)
        mean = fmean(i.score or 0.0 for i in below)
        parts.append(f"ได้คะแนน{named} ต่ำกว่า {target} คะแนน เฉลี่ย {score(mean)} คะแนน")
    if zero:
        named = runs_text([i.code for i in zero], thai=thai, bridge=same_zero)
        parts.append(("และ" if parts else "") + f"ไม่ได้คะแนน{named}")
    if not parts and passing:
        if len(passing) == 1:
            parts.append(
                f"ได้คะแนน{runs_text([passing[0].code], thai=thai)} {score(passing[0].score)} "
                f"คะแนน ผ่านเกณฑ์ {target} คะแนน"
            )
        else:
            named = runs_text([i.code for i in passing], thai=thai)
            parts.append(
                f"ได้คะแนน{named} เฉลี่ย {score(fmean(i.score or 0.0 for i in passing))} คะแนน"
            )
    return " ".join(parts)


def analysis_text(
    short_name: str,
    items: Sequence[CitedItem],
    assessment: Assessment,
    *,
    thai: bool,
    finding: Remark | None = None,
    recommendation: Remark | None = None,
) -> str:
    """ผลการวิเคราะห์ข้อมูล: what the scores of a theme's items say, in the seed's words.

    One clause per tool (IIT, EIT, OIT), each followed by the finding that speaks of that
    tool; a finding for the whole theme, and the recommendation, come last. A recommendation
    scoped to some tools appears only when one of their items is below target.
    """
    finding = finding or Remark("")
    recommendation = recommendation or Remark("")
    by_tool: dict[str, list[CitedItem]] = {}
    for item in items:
        by_tool.setdefault(_TOOL_OF.get(item.code[0], ""), []).append(item)
    clauses: list[str] = []
    for tool in ("IIT", "EIT", "OIT"):
        own = by_tool.get(tool, [])
        clause = _tool_clause(own, assessment, thai=thai)
        if not clause:
            continue
        text = (short_name if not clauses else "และ") + clause
        theme_wide = bool(finding.text) and not finding.tools
        if finding.text and tool in finding.tools:
            text += " " + finding.text
        elif tool == "OIT" and not theme_wide and any(i.status is Status.ZERO for i in own):
            text += " " + NOT_PUBLISHED_TH
        clauses.append(text)
    if finding.text and not finding.tools:
        clauses.append(finding.text)
    failing_tools = {
        _TOOL_OF.get(i.code[0], "") for i in items if i.status in (Status.BELOW, Status.ZERO)
    }
    if recommendation.text and (
        not recommendation.tools or failing_tools & set(recommendation.tools)
    ):
        clauses.append(recommendation.text)
    missing = [i.code for i in items if i.status is Status.MISSING]
    if missing:
        clauses.append(f"(ไม่มีข้อมูลคะแนน{runs_text(missing, thai=thai)})")
    return " ".join(clauses)


def build_row(
    number: int,
    theme: ThemeText,
    assessment: Assessment,
    *,
    short_name: str,
    values: Mapping[str, str],
    thai: bool,
    all_passing: bool,
) -> MeasureRow:
    """Write one table row from a theme's texts and the agency's scores of its items."""
    cited = tuple(
        CitedItem(
            code=code,
            text_th=fill(
                theme.item_texts.get(code, "") or _framework_text(assessment, code),
                values,
                thai=thai,
            ),
            score=assessment.score_of(code),
            status=(found.status if (found := assessment.item(code)) else Status.MISSING),
        )
        for code in theme.item_codes
    )
    finding = Remark(fill(theme.finding_th, values, thai=thai), theme.finding_tools)
    advice = Remark(fill(theme.recommendation_th, values, thai=thai), theme.recommendation_tools)
    analysis = analysis_text(
        short_name, cited, assessment, thai=thai, finding=finding, recommendation=advice
    )
    return MeasureRow(
        number=number,
        theme_id=theme.theme_id,
        title_th=fill(theme.title_th, values, thai=thai),
        items=cited,
        analysis_th=analysis,
        measure_th=fill(theme.measure_th, values, thai=thai),
        steps_th=tuple(fill(s, values, thai=thai) for s in theme.steps_th),
        quarter_th=fill(theme.quarter_th, values, thai=thai),
        unit_th=fill(theme.unit_th, values, thai=thai),
        all_passing=all_passing,
    )


def _framework_text(assessment: Assessment, code: str) -> str:
    found = assessment.item(code)
    return found.text_th if found else ""


def themes_all_passing(codes: Sequence[str], assessment: Assessment) -> bool:
    """A theme keeps the standard when at least one of its items has data and none is below."""
    results = [assessment.item(c) for c in codes]
    scored = [r for r in results if r is not None and r.score is not None]
    return bool(scored) and not any(r.below_target for r in scored)
