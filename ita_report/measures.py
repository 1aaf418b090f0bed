"""The measures table (ตารางมาตรการ): rows from an agency's gaps and the catalogue's themes.

Every item under the target is named in some row, with its score, in the register of the seed
document: the agency's short name, ranges only over items the row cites, averages only over the
items named, a zero said as a zero with the document that is missing, Thai digits by default.
A theme with gaps gets a row of its own; themes whose items all pass join one row that keeps
the standard (unless a theme asks for its own). Pure functions; nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from statistics import fmean
from typing import Literal

from ita_report.catalogue import (
    ITEM_STEPS,
    Catalogue,
    Scoped,
    Theme,
    ThemeVariant,
    fill,
    localise,
)
from ita_report.code_text import (
    CodeStyle,
    code_order,
    display_code,
    runs_codes,
    runs_text,
)
from ita_report.framework import Framework
from ita_report.gaps import Assessment, ItemResult, Status
from ita_report.item_names import (
    NAME_DOCUMENTS_UP_TO,
    and_texts,
    document,
    documents_phrase,
    indicator_label,
    once_per_cell,
    said_once,
    thai_spaced,
)

# CitedItem lives with the steps (item_steps); the rows and their readers know it from here.
from ita_report.item_steps import CitedItem as CitedItem
from ita_report.item_steps import oit_steps, step_named, verb_for
from ita_report.next_level import NextLevel, next_level
from ita_report.thai import digits, format_score, format_threshold, name_in_sentence

#: Up to this many items below target in one tool's clause, each score is listed; past it,
#: the items are summed up per indicator (or sub-indicator): average and weakest, every code named.
LIST_SCORES_UP_TO = 6
_TOOL_ORDER = ("IIT", "EIT", "OIT")
#: Items the agency cites beyond the year's framework (params ``extra_codes``), as the table names
#: them: an assessor reads what they are, not "นอกกรอบการประเมิน" unexplained.
EXTRA_ITEMS_LABEL = "ข้อคำถามเพิ่มเติมของหน่วยงาน ไม่นับในคะแนน ITA"



@dataclass(frozen=True)
class ItemLine:
    """One line of the ข้อคำถาม ITA cell: an item and its wording, or several items whose
    wording is not known, under the name of the indicator they belong to."""

    codes: tuple[str, ...]
    text_th: str
    status: Status

    def code_text(self, *, style: CodeStyle) -> str:
        return runs_codes(self.codes, style=style)


RowKind = Literal["theme", "passing", "fallback"]


@dataclass(frozen=True)
class MeasureRow:
    """One row of the measures table: a theme (ประเด็น) and what the agency will do about it."""

    number: int
    theme_id: str
    title_th: str
    items: tuple[CitedItem, ...]
    item_lines: tuple[ItemLine, ...]
    analysis_th: str
    measure_th: str
    steps_th: tuple[str, ...]
    quarter_th: str
    unit_th: str
    all_passing: bool
    kind: RowKind = "theme"

    @property
    def cited_codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items)

    @property
    def measure_parts(self) -> list[str]:
        """The measure cell as lines: a measure of several numbered parts (๑. … ๒. …) is shown
        one part a line, as the seed's steps are."""
        return [p for p in _NUMBERED_PART.split(self.measure_th) if p]

    def item_texts(self, *, style: CodeStyle) -> list[str]:
        """The ข้อคำถาม ITA cell as lines of text (Word, Excel): code(s), then wording."""
        return [f"{line.code_text(style=style)} {line.text_th}".strip() for line in self.item_lines]


@dataclass(frozen=True)
class Wording:
    """What the rows are written with: placeholder values (agency, units) and the numerals."""

    short_name: str
    values: Mapping[str, str]
    thai: bool
    #: How item codes are written (params ``document: codes``).
    codes: CodeStyle = "ita"
    #: The officer's wording for items (params ``item_texts``), over the framework's.
    item_texts: Mapping[str, str] = field(default_factory=dict)
    #: The agency type's phrases (no notice board for a กรม): for what it does, not items cited.
    phrases: Mapping[str, str] = field(default_factory=dict)
    # The same catalogue texts are filled for every row and agency: filled once each.
    _filled: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def subject(self) -> str:
        """The agency as the analysis names it; "กรมฯ" is followed by a space (กรมฯ ได้คะแนน)."""
        return name_in_sentence(self.fill(self.short_name))

    def fill(self, text: str) -> str:
        done = self._filled.get(text)
        if done is None:
            done = self._filled[text] = localise(fill(text, self.values, thai=self.thai,
                                                      codes=self.codes),
                                                 self.phrases)
        return done


#: Where a numbered part of a measure starts (" ๒. "), to show each part on a line of its own.
_NUMBERED_PART = re.compile(r"\s+(?=[๐-๙0-9]{1,2}\.\s)")
#: A Latin word run into a Thai one ("No Gift Policyบนเว็บไซต์"): Thai letters, not its digits.
_LATIN_THEN_THAI = re.compile(r"(?<=[A-Za-z)0-9\u0E50-\u0E59])(?=[\u0E01-\u0E2E\u0E40-\u0E44])")


def spaced(text: str) -> str:
    """A space between a Latin word and the Thai word next to it, as Thai typesetting has it."""
    return thai_spaced(_LATIN_THEN_THAI.sub(" ", text))


_score = format_score


# -- the analysis cell (ผลการวิเคราะห์ข้อมูล) ------------------------------------------------


def _group_label(framework: Framework, code: str, thai: bool) -> tuple[str, str]:
    """(key, label) of the indicator or sub-indicator an item is summed up under."""
    sub = framework.sub_indicator_of(code)
    if sub is not None:
        return sub.number, f"ตัวชี้วัดย่อยที่ {digits(sub.number, thai=thai)} {sub.name_th}"
    ind = framework.indicator_of(code)
    if ind is not None:
        return str(ind.number), f"ตัวชี้วัดที่ {digits(str(ind.number), thai=thai)} {ind.name_th}"
    return "extra", EXTRA_ITEMS_LABEL


def _below_clause(items: Sequence[CitedItem], framework: Framework, target: str,
                  thai: bool, style: CodeStyle) -> str:
    if len(items) == 1:
        (item,) = items
        return (f"ได้คะแนน{runs_text([item.code], style=style)}"
                f" {_score(item.score, thai=thai)} คะแนน "
                f"เป็นคะแนนที่ต่ำกว่า {target} คะแนน")
    named = runs_text([i.code for i in items], style=style)
    if len(items) <= LIST_SCORES_UP_TO:
        ordered = sorted(items, key=lambda i: code_order(i.code))
        listed = [f"ข้อ {display_code(i.code, style=style)} ได้ {_score(i.score, thai=thai)}"
                  for i in ordered]
        said = " ".join(listed[:-1]) + f" และ{listed[-1]}"
        return f"ได้คะแนน{named} ต่ำกว่า {target} คะแนน ({said} คะแนน)"
    # Many items: sum up per indicator, naming every code and the weakest of each group.
    groups: dict[str, tuple[str, list[CitedItem]]] = {}
    for item in sorted(items, key=lambda i: code_order(i.code)):
        key, label = _group_label(framework, item.code, thai)
        groups.setdefault(key, (label, []))[1].append(item)
    parts = []
    for label, members in groups.values():
        codes = runs_text([m.code for m in members], style=style)
        if len(members) == 1:
            parts.append(f"{label} {codes} {_score(members[0].score, thai=thai)} คะแนน")
            continue
        mean = fmean(m.score or 0.0 for m in members)
        weakest = min(members, key=lambda m: (m.score or 0.0, code_order(m.code)))
        parts.append(
            f"{label} {codes} เฉลี่ย {_score(mean, thai=thai)} คะแนน"
            f" (ต่ำสุด{runs_text([weakest.code], style=style)} {_score(weakest.score, thai=thai)}"
            " คะแนน)"
        )
    count = digits(str(len(items)), thai=thai)
    return f"ได้คะแนนต่ำกว่า {target} คะแนน {count} ข้อ ได้แก่ " + and_texts(parts)


def _is_channel(item: CitedItem) -> bool:
    return item.known_wording and item.text_th[:1].isascii()


def _channel(name: str) -> str:
    """"ระบบ E-Service", "ช่องทาง Q&A": an English channel name said as what it is."""
    return ("ระบบ " if "service" in name.lower() else "ช่องทาง ") + name


def _zero_clause(items: Sequence[CitedItem], *, thai: bool, style: CodeStyle,
                 name_documents: bool) -> str:
    codes = [i.code for i in items]
    text = f"ไม่ได้คะแนน{runs_text(codes, style=style)}"
    if not name_documents:
        return text
    if len(items) <= NAME_DOCUMENTS_UP_TO:
        ordered = sorted(items, key=lambda i: code_order(i.code))
        # A channel or system named in English (E-Service, Q&A, Social Network) is not
        # published: "ไม่พบการเผยแพร่ E-Service" read wrong. It is not found.
        channels = [_channel(i.text_th) for i in ordered if _is_channel(i)]
        documents = and_texts(said_once([document(i, thai=thai) for i in ordered
                                         if not _is_channel(i)]))
        found = [f"การเผยแพร่{documents}"] if documents else []
        if channels:
            found.append(and_texts(channels))
        return f"{text} เนื่องจากไม่พบ{' และไม่พบ'.join(found)}บนเว็บไซต์ของหน่วยงาน"
    count = digits(str(len(items)), thai=thai)
    return (f"{text} ({count} ข้อ) เนื่องจากไม่พบการเผยแพร่ข้อมูลตามข้อดังกล่าว"
            "บนเว็บไซต์ของหน่วยงาน")


def _passing_clause(items: Sequence[CitedItem], target: str, thai: bool,
                    style: CodeStyle) -> str:
    if len(items) == 1:
        (item,) = items
        return (f"ได้คะแนน{runs_text([item.code], style=style)}"
                f" {_score(item.score, thai=thai)} คะแนน ผ่านค่าเป้าหมาย {target} คะแนน")
    mean = fmean(i.score or 0.0 for i in items)
    named = runs_text([i.code for i in items], style=style)
    return f"ได้คะแนน{named} เฉลี่ย {_score(mean, thai=thai)} คะแนน"


def analysis_text(
    subject: str,
    items: Sequence[CitedItem],
    framework: Framework,
    *,
    target: float,
    thai: bool,
    passing: bool,
    style: CodeStyle = "ita",
    findings: Sequence[Scoped] = (),
    recommendations: Sequence[Scoped] = (),
) -> str:
    """ผลการวิเคราะห์ข้อมูล: what the scores of a row's items say, in the seed's words.

    One clause per tool (IIT, EIT, OIT), each followed by the findings scoped to that tool; an
    OIT zero without a finding of its own says which document was not found. Findings for the
    whole row and the recommendations come last; a recommendation scoped to some tools appears
    only when the row cites their items.
    """
    goal = format_threshold(target, thai=thai)
    by_tool: dict[str, list[CitedItem]] = {}
    for item in items:
        by_tool.setdefault(item.tool, []).append(item)
    clauses: list[str] = []
    for tool in _TOOL_ORDER:
        own = by_tool.get(tool, [])
        if not own:
            continue
        remarks = [f.text for f in findings if f.tools and tool in f.tools]
        if passing:
            clause = _passing_clause(own, goal, thai, style)
        else:
            # OIT items are 0 or 100 (a document found or not); a zero in a survey item is a score.
            zeros = [i for i in own if i.status is Status.ZERO and tool == "OIT"]
            below = [i for i in own if i not in zeros]
            parts = []
            if below:
                parts.append(_below_clause(below, framework, goal, thai, style))
            if zeros:
                parts.append(_zero_clause(zeros, thai=thai, style=style,
                                          name_documents=not remarks))
            clause = " และ".join(parts)
        text = (subject if not clauses else "และ") + clause
        if remarks:
            text += " " + " ".join(remarks)
        clauses.append(text)
    clauses += [f.text for f in findings if not f.tools]
    tools = set(by_tool)
    clauses += [r.text for r in recommendations if r.applies(tools)]
    return " ".join(c for c in clauses if c)


# -- steps -------------------------------------------------------------------------------------



_QUARTERS = re.compile(r"ไตรมาส\s*([1-4๑-๔])(?:\s*[–-]\s*([1-4๑-๔]))?")
_ALL_YEAR = re.compile(r"ทุกไตรมาส|ทุกเดือน|ประจำเดือน|อย่างสม่ำเสมอ|ตลอดปี")


def quarter_span(column: str, steps: Sequence[str], *, thai: bool) -> str:
    """The row's timing widened to cover its steps: a step due in ไตรมาส ๓, or done every
    quarter or month, makes "ไตรมาส ๑" read "ไตรมาส ๑–๓" or "ไตรมาส ๑–๔". When every step
    says when it is due, the column ends when the last of them is due (read printed:
    "ไตรมาส ๑–๔" beside a row's one step "…ภายในไตรมาส ๑", the later steps being for items
    that had passed); otherwise it is never narrowed. A column without a quarter (the
    officer's own words) is left as written.

    >>> quarter_span("ไตรมาส ๑", ["รายงานผลทุกไตรมาส"], thai=True)
    'ไตรมาส ๑–๔'
    >>> quarter_span("ไตรมาส ๑–๔", ["จัดทำคู่มือ (ข้อ o13) ภายในไตรมาส ๑"], thai=True)
    'ไตรมาส ๑'
    """
    def numbers(text: str) -> set[int]:
        found: set[int] = set()
        for match in _QUARTERS.finditer(text):
            first, last = (int(digits(g, thai=False)) for g in (match[1], match[2] or match[1]))
            found.update(range(first, last + 1))
        return found

    own = numbers(column)
    if not own or _QUARTERS.sub("", column).strip():
        return column
    said = [numbers(step) | ({1, 2, 3, 4} if _ALL_YEAR.search(step) else set())
            for step in steps]
    stated = own.union(*said)
    # Every step says when: the row ends when the last is due ("ภายในไตรมาส ๓" is a deadline,
    # so it still starts when the column says); else it only widens.
    first = min(stated)
    last = max(set().union(*said)) if said and all(said) else max(stated)
    if (first, last) == (min(own), max(own)):
        return column
    span = str(first) if first == last else f"{first}–{last}"
    return "ไตรมาส " + digits(span, thai=thai)


_UNIT_PLACEHOLDER = re.compile(r"\{unit:(?!all\})[a-z_]+\}")  # {unit:all} is no one unit


def responsible_units(texts: Sequence[str]) -> str:
    """The unit column: every unit the row's texts name (``a/b`` each), once, in order; a
    section written with its office ("งานประชาสัมพันธ์ สำนักปลัด") is left out when the office
    itself is listed, which answers for it."""
    names: list[str] = []
    for text in texts:
        for name in (part.strip() for part in text.split("/")):
            if name and name not in names:
                names.append(name)
    return "/".join(n for n in names if not any(n.endswith(" " + m) for m in names if m != n))


def _expand_steps(texts: Sequence[str], item_steps: Sequence[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if text == ITEM_STEPS:
            out.extend(item_steps)
        else:
            out.append(text)
    return out


# -- rows ----------------------------------------------------------------------------------------


def _cite(result: ItemResult, theme: Theme | None, framework: Framework,
          item_texts: Mapping[str, str]) -> CitedItem:
    own = item_texts.get(result.code) or (theme.item_text(result.code) if theme else "")
    item = framework.item(result.code)
    if own or (item is not None and item.text_th):
        return CitedItem(result.code, own or (item.text_th if item else ""), result.score,
                         result.status)
    label = framework.item_label(result.code)
    # "(ตัวชี้วัดย่อยที่ 9.2 …)" as the analysis says it, like "(ตัวชี้วัดที่ 3 …)" beside it.
    label = f"({indicator_label(label, thai=False)})" if label else f"({EXTRA_ITEMS_LABEL})"
    return CitedItem(result.code, label, result.score, result.status, known_wording=False)


def item_lines(items: Sequence[CitedItem]) -> tuple[ItemLine, ...]:
    """The items cell: each item with its wording; items whose wording is not known are gathered
    under their indicator's name (``i๑–i๖ (ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่)``)."""
    lines: list[ItemLine] = []
    gathered: dict[str, list[CitedItem]] = {}
    order: list[str | CitedItem] = []
    for item in sorted(items, key=lambda i: code_order(i.code)):
        if item.known_wording:
            order.append(item)
        else:
            if item.text_th not in gathered:
                order.append(item.text_th)
            gathered.setdefault(item.text_th, []).append(item)
    for entry in order:
        if isinstance(entry, CitedItem):
            lines.append(ItemLine((entry.code,), entry.text_th, entry.status))
        else:
            members = gathered[entry]
            lines.append(ItemLine(tuple(m.code for m in members), entry, members[0].status))
    return tuple(lines)


def _theme_row(number: int, theme: Theme, variant: ThemeVariant, cited: Sequence[CitedItem],
               assessment: Assessment, framework: Framework, catalogue: Catalogue,
               wording: Wording, *, passing: bool, title: str | None = None,
               kind: RowKind = "theme", year: int | None = None) -> MeasureRow:
    tools = {i.tool for i in cited}
    cited = [replace(i, text_th=fill(i.text_th, wording.values, thai=wording.thai,
                                     codes=wording.codes))
             for i in cited]
    analysis = analysis_text(
        wording.subject, cited, framework, target=assessment.target,
        thai=wording.thai, passing=passing, style=wording.codes,
        findings=[Scoped(wording.fill(f.text), f.tools) for f in variant.findings],
        recommendations=[Scoped(wording.fill(r.text), r.tools) for r in variant.recommendations],
    )
    item_steps = [] if passing else oit_steps(
        theme if kind == "theme" else None, cited, assessment.fiscal_year, catalogue.oit_steps,
        thai=wording.thai, style=wording.codes,
    )
    # A step tied to items (a plan, a committee, E-Service) is written only when one of them is
    # under target here: an agency is not told to make what it already has.
    weak = None if passing else {i.code for i in cited}
    steps = _expand_steps(
        variant.steps_for(tools, weak, year or assessment.fiscal_year), item_steps
    )
    # The unit column names every unit a step gives work to (the unit publishing a missing
    # OIT document too), so no step assigns work to a unit the column leaves out.
    step_units = [m.group(0) for step in steps for m in _UNIT_PLACEHOLDER.finditer(step)]
    filled_steps = [wording.fill(step) for step in steps]
    year_of = year or assessment.fiscal_year
    named = [step_named(i, year_of, catalogue.oit_steps) for i in cited]
    measure = verb_for(variant.measure_for(tools), named, year_of, catalogue.oit_steps).replace(
        "{documents}", documents_phrase(named, thai=wording.thai, style=wording.codes)
    )
    return MeasureRow(
        number=number,
        theme_id=theme.id,
        title_th=wording.fill(title if title is not None else theme.title_th),
        items=tuple(cited),
        item_lines=item_lines(cited),
        analysis_th=once_per_cell([spaced(analysis)])[0],
        measure_th=once_per_cell([spaced(wording.fill(measure))])[0],
        steps_th=tuple(once_per_cell([spaced(s) for s in filled_steps])),
        quarter_th=quarter_span(wording.fill(variant.quarter_th), filled_steps,
                                thai=wording.thai),
        unit_th=responsible_units(
            [wording.fill(variant.unit_for(tools)), *(wording.fill(u) for u in step_units)]
        ),
        all_passing=passing,
        kind=kind,
    )


def build_rows(
    assessment: Assessment,
    framework: Framework,
    themes: Sequence[Theme],
    catalogue: Catalogue,
    wording: Wording,
    *,
    items_year: int | None = None,
) -> tuple[MeasureRow, ...]:
    """The rows of the table, in catalogue order: themes with gaps (and passing themes that keep
    a row of their own), then rows for gaps no theme covers, then one keep-the-standard row.

    ``items_year`` is the year whose item numbering the themes follow (an officer's framework
    file may number FY2568 as FY2567 did); by default the assessment's own year.
    """
    year = items_year or assessment.fiscal_year
    rows: list[MeasureRow] = []
    merged: list[tuple[Theme, list[CitedItem]]] = []
    covered: set[str] = set()
    for theme in themes:
        results = [r for r in (assessment.item(c) for c in theme.items_for(year)) if r is not None]
        covered.update(r.code for r in results)
        weak = [r for r in results if r.below_target]
        scored = [r for r in results if r.score is not None]
        if weak:
            cited = [_cite(r, theme, framework, wording.item_texts) for r in weak]
            rows.append(_theme_row(len(rows) + 1, theme, theme.variant(False, year), cited,
                                   assessment, framework, catalogue, wording, passing=False,
                                   year=year))
        elif scored and theme.when_passing == "own_row":
            cited = [_cite(r, theme, framework, wording.item_texts) for r in scored]
            rows.append(_theme_row(len(rows) + 1, theme, theme.variant(True, year), cited,
                                   assessment, framework, catalogue, wording, passing=True))
        elif scored:
            merged.append((theme, [_cite(r, theme, framework, wording.item_texts) for r in scored]))
    rows += _fallback_rows(len(rows), assessment, framework, catalogue, wording, covered)
    if merged:
        rows.append(_passing_row(len(rows) + 1, merged, assessment, catalogue, wording,
                                 next_level(assessment, framework, thai=wording.thai,
                                            style=wording.codes, row_numbers={
                                                code: row.number for row in rows
                                                for code in row.cited_codes})))
    return tuple(rows)


def _fallback_rows(start: int, assessment: Assessment, framework: Framework,
                   catalogue: Catalogue, wording: Wording,
                   covered: set[str]) -> list[MeasureRow]:
    """Rows for items below target that no theme names (an officer's own framework file)."""
    left = [r for r in assessment.items + assessment.extra_items
            if r.below_target and r.code not in covered]
    groups: dict[str, list[ItemResult]] = {}
    for result in left:
        key = str(result.indicator) if result.indicator is not None else "extra"
        groups.setdefault(key, []).append(result)
    rows: list[MeasureRow] = []
    fallback = catalogue.fallback
    for key, results in groups.items():
        if key == "extra":
            label = EXTRA_ITEMS_LABEL
        else:
            ind = framework.indicator(int(key))
            label = f"ตัวชี้วัดที่ {ind.number} {ind.name_th}"
        title = fallback.title_th.replace("{indicator}", label)
        theme = Theme(id=f"uncovered_{key}", title_th=title, items=(),
                      below_target=fallback.variant, all_passing=fallback.variant)
        cited = [_cite(r, None, framework, wording.item_texts) for r in results]
        rows.append(_theme_row(start + len(rows) + 1, theme, fallback.variant, cited, assessment,
                               framework, catalogue, wording, passing=False, kind="fallback"))
    return rows


def _passing_row(number: int, merged: Sequence[tuple[Theme, list[CitedItem]]],
                 assessment: Assessment, catalogue: Catalogue,
                 wording: Wording, ahead: NextLevel | None = None) -> MeasureRow:
    """The one row that keeps the standard in every theme whose items all pass; a strong
    agency's (``ahead``) also raises the tool that keeps it from the next level."""
    spec = catalogue.passing_row
    thai, style = wording.thai, wording.codes
    cited = [i for _, items in merged for i in items]
    weakest = min(cited, key=lambda i: (i.score or 0.0, code_order(i.code)))
    ties = [i for i in cited if i.score == weakest.score]
    subject = wording.subject
    listed = "ในประเด็นที่ระบุไว้ในช่องข้อคำถาม ITA"
    if (weakest.score or 0.0) >= 100:
        sentence = f"{subject}ได้คะแนนเต็ม {_score(100.0, thai=thai)} คะแนนทุกข้อ{listed}"
    else:
        lowest = (
            f"คะแนนต่ำสุด {_score(weakest.score, thai=thai)} คะแนน" if len(ties) > 1
            else f"ข้อที่ได้คะแนนต่ำสุด คือ{runs_text([weakest.code], style=style)}"
            f" ได้ {_score(weakest.score, thai=thai)} คะแนน"
        )
        sentence = (
            f"{subject}ได้คะแนนทุกข้อ{listed} ไม่ต่ำกว่าค่าเป้าหมาย"  # a space after ITA
            f" {format_threshold(assessment.target, thai=thai)} คะแนน ({lowest})"
        )
    analysis = f"{sentence} {wording.fill(spec.finding_th)}".strip()
    steps = tuple(wording.fill(s) for s in spec.steps_th)
    measure = wording.fill(spec.measure_th)
    if ahead is not None:
        one, two = digits("1", thai=thai), digits("2", thai=thai)
        measure = f"{one}. {measure} {two}. {ahead.measure_th}"
        steps = (*steps, *ahead.steps_th)
    lines = tuple(
        ItemLine(tuple(i.code for i in items), "ประเด็น" + wording.fill(theme.title_th),
                 Status.PASS)
        for theme, items in merged
    )
    return MeasureRow(
        number=number,
        theme_id="keep_standard",
        title_th=wording.fill(spec.title_th),
        items=tuple(cited),
        item_lines=lines,
        analysis_th=analysis,
        measure_th=spaced(measure),
        steps_th=tuple(spaced(s) for s in steps),
        quarter_th=quarter_span(wording.fill(spec.quarter_th), steps, thai=wording.thai),
        unit_th=wording.fill(spec.unit_th),
        all_passing=True,
        kind="passing",
    )
