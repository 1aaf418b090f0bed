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


def analysis_text(
    short_name: str,
    items: Sequence[CitedItem],
    assessment: Assessment,
    *,
    thai: bool,
) -> str:
    """ผลการวิเคราะห์ข้อมูล: what the scores of a theme's items say, in the seed's words."""
    target = format_score(assessment.target, thai=thai)
    below = [i for i in items if i.status is Status.BELOW]
    zero = [i for i in items if i.status is Status.ZERO]
    missing = [i for i in items if i.status is Status.MISSING]
    passing = [i for i in items if i.status is Status.PASS]
    # Gaps inside a range are bridged only by items of the agency that share the status.
    same = {
        status: frozenset(
            r.code for r in assessment.items + assessment.extra_items if r.status is status
        )
        for status in Status
    }

    def score(value: float | None) -> str:
        return format_score(value or 0.0, thai=thai)

    sentences: list[str] = []
    if below:
        codes = [i.code for i in below]
        if len(below) == 1:
            sentences.append(
                f"{short_name}ได้คะแนน{runs_text(codes, thai=thai)} {score(below[0].score)} คะแนน "
                f"เป็นคะแนนที่ต่ำกว่า {target} คะแนน"
            )
        else:
            named = runs_text(codes, thai=thai, bridge=same[Status.BELOW])
            text = f"{short_name}ได้คะแนน{named} ต่ำกว่า {target} คะแนน"
            if len(below) <= LIST_SCORES_UP_TO:
                listed = ", ".join(
                    f"{display_code(i.code, thai=thai)} {score(i.score)}" for i in below
                )
                text += f" ({listed} คะแนน)"
            else:
                text += f" เฉลี่ย {score(fmean(i.score or 0.0 for i in below))} คะแนน"
            sentences.append(text)
    if zero:
        lead = "และ" if below else short_name
        named = runs_text([i.code for i in zero], thai=thai, bridge=same[Status.ZERO])
        sentences.append(f"{lead}ไม่ได้คะแนน{named}")
    if not below and not zero and passing:
        codes = [i.code for i in passing]
        if len(passing) == 1:
            sentences.append(
                f"{short_name}ได้คะแนน{runs_text(codes, thai=thai)} {score(passing[0].score)} คะแนน "
                f"ผ่านเกณฑ์ {target} คะแนน"
            )
        else:
            bridge = same[Status.PASS] | same[Status.MISSING]
            mean = fmean(i.score or 0.0 for i in passing)
            named = runs_text(codes, thai=thai, bridge=bridge)
            sentences.append(f"{short_name}ได้คะแนน{named} เฉลี่ย {score(mean)} คะแนน")
    if missing:
        sentences.append(f"ไม่มีข้อมูลคะแนน{runs_text([i.code for i in missing], thai=thai)}")
    return " ".join(sentences)


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
    parts = [analysis_text(short_name, cited, assessment, thai=thai)]
    parts += [fill(t, values, thai=thai) for t in (theme.finding_th, theme.recommendation_th) if t]
    return MeasureRow(
        number=number,
        theme_id=theme.theme_id,
        title_th=fill(theme.title_th, values, thai=thai),
        items=cited,
        analysis_th=" ".join(p for p in parts if p),
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
