"""The implementation report as HTML fragments, styled by the measures report's page (report.css).

Every text an officer or a file supplied is escaped (``report._t``); links are only those the
progress sheet accepted (http/https). Nothing here computes a count or a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ita_report.explore.follow_up import FollowedItem
from ita_report.implementation.document import ImplementationReport, ThemeProgress
from ita_report.measures import display_code
from ita_report.officer.progress import DONE, IN_PROGRESS, NOT_STARTED, STATUSES, ProgressStep
from ita_report.report import _e, _t
from ita_report.thai import digits, format_score, thai_date

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: data-status of a step or a measure (for styling and for tests), by Thai status.
STATUS_KEYS = {DONE: "done", IN_PROGRESS: "in-progress", NOT_STARTED: "not-started"}
STEP_COLUMNS_TH = ("ขั้นตอน/วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "สถานะ", "ผลการดำเนินงาน",
                   "หลักฐาน", "ปัญหาอุปสรรค/ข้อเสนอแนะ")


def _n(value: int, thai: bool) -> str:
    return digits(str(value), thai=thai)


def title_block_html(report: ImplementationReport) -> str:
    title, subtitle, org_name, *rest = report.title_lines()
    *middle, generated = rest
    return (
        '<header class="title-block implementation">'
        f"<h1>{_t(title)}</h1>"
        f'<p class="subtitle">{_t(subtitle)}</p>'
        f'<p class="org-name">{_t(org_name)}</p>'
        + "".join(f'<p class="org-place">{_t(line)}</p>' for line in middle)
        + f'<p class="generated">{_t(generated)}</p></header>'
    )


def summary_html(report: ImplementationReport) -> str:
    """สรุปผลการดำเนินงาน: measures and steps by status, then per responsible unit."""
    thai = report.thai
    measures, steps = report.measure_counts(), report.step_counts()
    rows = "".join(
        f'<tr data-status="{STATUS_KEYS[s]}"><th scope="row">{_e(s)}</th>'
        f'<td class="num">{_n(measures[s], thai)}</td>'
        f'<td class="num">{_n(steps[s], thai)}</td></tr>'
        for s in STATUSES
    )
    total = (f'<tr class="total"><th scope="row">รวม</th>'
             f'<td class="num">{_n(sum(measures.values()), thai)}</td>'
             f'<td class="num">{_n(sum(steps.values()), thai)}</td></tr>')
    unit_rows = "".join(
        f'<tr data-unit="{_e(u.unit_th)}"><th scope="row">{_t(u.unit_th)}</th>'
        f'<td class="num">{_n(sum(u.measures.values()), thai)}</td>'
        + "".join(f'<td class="num">{_n(u.measures[s], thai)}</td>' for s in STATUSES)
        + f'<td class="num">{_n(sum(u.steps.values()), thai)}</td>'
        + f'<td class="num">{_n(u.steps[DONE], thai)}</td></tr>'
        for u in report.units()
    )
    status_heads = "".join(f'<th scope="col">มาตรการที่{_e(s)}</th>' for s in STATUSES)
    return (
        '<section class="implementation-summary"><h2>สรุปผลการดำเนินงานตามมาตรการ</h2>'
        '<table class="status-summary"><thead><tr><th scope="col">สถานะ</th>'
        '<th scope="col">มาตรการ</th><th scope="col">ขั้นตอน</th></tr></thead>'
        f"<tbody>{rows}{total}</tbody></table>"
        '<p class="explain">มาตรการที่ดำเนินการแล้ว คือ ทุกขั้นตอนดำเนินการแล้ว; อยู่ระหว่างดำเนินการ คือ'
        " เริ่มดำเนินการแล้วบางขั้นตอน; มาตรการที่หลายส่วนงานรับผิดชอบร่วมกันนับให้ทุกส่วนงาน</p>"
        "<h3>รายส่วนงานที่รับผิดชอบ</h3>"
        '<table class="unit-summary"><thead><tr><th scope="col">ส่วนงานที่รับผิดชอบ</th>'
        f'<th scope="col">มาตรการ</th>{status_heads}<th scope="col">ขั้นตอน</th>'
        '<th scope="col">ขั้นตอนที่ดำเนินการแล้ว</th></tr></thead>'
        f"<tbody>{unit_rows}</tbody></table></section>"
    )


def themes_html(report: ImplementationReport) -> str:
    """ผลการดำเนินงานรายประเด็น: per theme, its measure, then a table of its steps."""
    body = "".join(_theme_html(t, report.thai) for t in report.themes)
    return ('<section class="implementation-themes"><h2>ผลการดำเนินงานรายประเด็น</h2>'
            f"{body}</section>")


def _theme_html(theme: ThemeProgress, thai: bool) -> str:
    row = theme.row
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in STEP_COLUMNS_TH)
    count = len(theme.steps)
    rows = "".join(_step_html(step, row.quarter_th if n == 0 else None, count, thai)
                   for n, step in enumerate(theme.steps))
    measure = "".join(f'<div class="measure-part">{_t(p)}</div>' for p in row.measure_parts)
    return (
        f'<section class="theme-progress" data-theme="{_e(row.theme_id)}"'
        f' data-status="{STATUS_KEYS[theme.status]}">'
        f"<h3>{_t(_n(row.number, thai))}. {_t(row.title_th)}</h3>"
        f'<div class="measure"><span class="label">มาตรการ:</span> {measure}</div>'
        f'<p class="unit"><span class="label">ส่วนงานที่รับผิดชอบ:</span> {_t(row.unit_th)}'
        f' · <span class="label">สถานะของมาตรการ:</span> {_e(theme.status)}</p>'
        '<table class="progress"><colgroup><col class="c-step"><col class="c-quarter">'
        '<col class="c-status"><col class="c-result"><col class="c-evidence">'
        '<col class="c-obstacles"></colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _step_html(step: ProgressStep, quarter: str | None, count: int, thai: bool) -> str:
    number = f"{_n(step.step, thai)}. " if count > 1 else ""
    quarter_cell = (f'<td class="quarter" rowspan="{count}">{_t(quarter)}</td>'
                    if quarter is not None else "")
    result = _t(step.result_th) if step.result_th else ""
    if step.done_on is not None:
        result += (f'<div class="done-on">เมื่อ {_e(thai_date(step.done_on, thai_digits=thai))}'
                   "</div>")
    links = "".join(f'<div class="link"><a href="{_e(url)}">{_e(url)}</a></div>'
                    for url in step.evidence.split())
    remarks = _t(step.obstacles_th)
    if step.suggestion_th:
        remarks += f'<div class="suggestion">ข้อเสนอแนะ: {_t(step.suggestion_th)}</div>'
    return (
        f'<tr data-step="{step.step}" data-status="{STATUS_KEYS[step.status]}">'
        f'<td class="step">{_e(number)}{_t(step.step_th)}</td>{quarter_cell}'
        f'<td class="status">{_e(step.status)}</td><td class="result">{result}</td>'
        f'<td class="evidence">{links}</td><td class="obstacles">{remarks}</td></tr>'
    )


def follow_up_html(report: ImplementationReport) -> str:
    """For every item the measures targeted: its score then and now, and whether it passes now.

    Empty when no next year's scores were given (the preparer is told in the notes)."""
    follow = report.follow
    if follow is None:
        return ""
    thai = report.thai
    last, this = report.year_text(follow.last_year), report.year_text(follow.this_year)
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in (
        "ประเด็น", "ข้อคำถาม ITA", f"คะแนนปี {last}", f"คะแนนปี {this}", "เปลี่ยนแปลง",
        f"ผลปี {this}"))
    rows = []
    for theme in follow.themes:
        for item in theme.targeted:
            rows.append(_followed_row(f"{_n(theme.number, thai)}. {theme.title_th}", item, thai))
    targeted = [i for t in follow.themes for i in t.targeted]
    reached = sum(1 for i in targeted if i.passes_now)
    not_comparable = sum(1 for i in targeted if i.passes_now is None)
    target = format_score(follow.target, thai=thai)
    if not targeted:
        table = (f'<p class="explain">ทุกข้อผ่านค่าเป้าหมายในปี {_e(last)} มาตรการจึงมุ่งรักษาผลไว้'
                 " ไม่มีข้อที่ต้องติดตามคะแนน</p>")
    else:
        table = (f'<table class="follow-up"><thead><tr>{head}</tr></thead>'
                 f'<tbody>{"".join(rows)}</tbody></table>')
    said = (f"ข้อที่ได้คะแนนต่ำกว่า {target} คะแนนในปี {last} จำนวน {_n(len(targeted), thai)} ข้อ"
            f" ในปี {this} ผ่านค่าเป้าหมายแล้ว {_n(reached, thai)} ข้อ"
            f" ยังต่ำกว่าค่าเป้าหมาย {_n(len(targeted) - reached - not_comparable, thai)} ข้อ")
    if not_comparable:
        said += f" และเทียบไม่ได้ {_n(not_comparable, thai)} ข้อ"
    return (
        f'<section class="implementation-follow-up" data-last-year="{follow.last_year}"'
        f' data-this-year="{follow.this_year}">'
        f"<h2>ผลการประเมินข้อที่มาตรการมุ่งแก้ไข ปี {_e(last)} และปี {_e(this)}</h2>"
        f'<p class="follow-up-summary">{_e(said)}</p>{table}</section>'
    )


def _followed_row(theme: str, item: FollowedItem, thai: bool) -> str:
    def score(value: float | None) -> str:
        return "ไม่มีข้อมูล" if value is None else format_score(value, thai=thai)

    code = display_code(item.last_code, thai=thai)
    if item.this_code is not None and item.this_code != item.last_code:
        code += f" (ปีถัดไปคือข้อ {display_code(item.this_code, thai=thai)})"
    if item.this_code is None:
        passes, words = "no-counterpart", "ไม่มีข้อเทียบในปีนี้"
    elif item.passes_now is None:
        passes, words = "no-data", "ไม่มีข้อมูล"
    else:
        passes, words = (("yes", "ผ่านค่าเป้าหมายแล้ว") if item.passes_now
                         else ("no", "ยังต่ำกว่าค่าเป้าหมาย"))
    change = item.change
    moved = "" if change is None else (
        ("+" if change > 0 else "") + format_score(change, thai=thai))
    return (
        f'<tr data-code="{_e(item.last_code)}" data-passes="{passes}">'
        f'<td class="theme">{_t(theme)}</td>'
        f'<td class="item"><span class="code">{_e(code)}</span> {_t(item.last_text_th)}</td>'
        f'<td class="num">{_e(score(item.last_score))}</td>'
        f'<td class="num">{_e(score(item.this_score))}</td>'
        f'<td class="num">{_e(moved)}</td><td class="passes-{passes}">{_e(words)}</td></tr>'
    )


def limitations_html(report: ImplementationReport) -> str:
    """ข้อจำกัด/ปัญหาอุปสรรค, numbered; then the preparer's notes (on screen only)."""
    notes = ""
    if report.notes:
        items = "".join(f"<li>{_t(n)}</li>" for n in report.notes)
        notes = ('<aside class="preparer-notes" aria-label="หมายเหตุสำหรับผู้จัดทำ">'
                 "<h2>หมายเหตุสำหรับผู้จัดทำ (ไม่พิมพ์และไม่ต้องเผยแพร่)</h2>"
                 f"<ul>{items}</ul></aside>")
    if not report.limitations:
        return notes
    numerals = " thai-digits" if report.thai else ""
    items = "".join(f"<li>{_t(n)}</li>" for n in report.limitations)
    return (f'<section class="limitations-section{numerals}"><h2>ข้อจำกัดและปัญหาอุปสรรค</h2>'
            f'<ol class="limitations">{items}</ol></section>' + notes)


def chart_figures(report: ImplementationReport) -> list[tuple[str, Figure]]:
    """(heading, figure) of the report's charts, in order (the second only with next scores)."""
    from ita_report.implementation import charts

    thai = report.thai
    figures: list[tuple[str, Figure]] = [(
        "ความก้าวหน้าของขั้นตอนตามมาตรการ รายส่วนงาน",
        charts.status_chart([(u.unit_th, u.steps) for u in report.units()], thai_digits=thai),
    )]
    follow = report.follow
    targeted = [i for t in follow.themes for i in t.targeted] if follow else []
    if follow and targeted:
        years = (report.year_text(follow.last_year), report.year_text(follow.this_year))
        figures.append((
            f"คะแนนข้อที่มาตรการมุ่งแก้ไข ปี {years[0]} และปี {years[1]}",
            charts.before_after_chart(
                [(display_code(i.last_code, thai=thai), i.last_score, i.this_score,
                  "ไม่มีข้อเทียบ" if i.this_code is None else "")
                 for i in _by_code(targeted)],
                follow.target, years, thai_digits=thai),
        ))
    return figures


def _by_code(items: Sequence[FollowedItem]) -> list[FollowedItem]:
    """Each item once (two themes may cite the same), in the order first cited."""
    seen: dict[str, FollowedItem] = {}
    for item in items:
        seen.setdefault(item.last_code, item)
    return list(seen.values())
