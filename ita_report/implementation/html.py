"""The implementation report as HTML fragments, styled by the measures report's page (report.css).

Every text an officer or a file supplied is escaped (``report._t``); links are only those the
progress sheet accepted (http/https). Nothing here computes a count or a score.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ita_report.catalogue.form import Signatory
from ita_report.code_text import display_code
from ita_report.document import agency_type_of, signatory_of
from ita_report.implementation.document import ImplementationReport, ThemeProgress, done_on_text
from ita_report.officer.progress import DONE, IN_PROGRESS, NOT_REPORTED, NOT_STARTED, ProgressStep
from ita_report.report.html import _e, _keep_whole, _t, keep_year_phrase
from ita_report.report.signature import signatures_html as signature_block
from ita_report.thai import digits

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: data-status of a step or a measure (for styling and for tests), by Thai status.
STATUS_KEYS = {DONE: "done", IN_PROGRESS: "in-progress", NOT_STARTED: "not-started",
               NOT_REPORTED: "not-reported"}
STEP_COLUMNS_TH = ("ขั้นตอน/วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "สถานะ", "ผลการดำเนินงาน",
                   "หลักฐาน", "ปัญหาอุปสรรค/ข้อเสนอแนะ")


def _n(value: int, thai: bool) -> str:
    return digits(str(value), thai=thai)


def title_block_html(report: ImplementationReport) -> str:
    title, subtitle, org_name, *rest = report.title_lines()
    *middle, generated = rest
    draft = (f'<p class="draft-banner" role="alert">{_t(report.draft_th)}</p>'
             if report.draft_th else "")
    head = f'<p class="letterhead">{_t(report.letterhead)}</p>' if report.letterhead else ""
    return (
        f'<header class="title-block implementation">{draft}{head}'
        f"<h1>{keep_year_phrase(_t(title))}</h1>"
        f'<p class="org-name">{_t(org_name)}</p>'
        + "".join(f'<p class="org-place">{_t(line)}</p>' for line in middle)
        + f'<p class="subtitle">{_t(subtitle)}</p>'
        + f'<p class="generated">{_t(generated)}</p></header>'
    )


def summary_html(report: ImplementationReport) -> str:
    """สรุปผลการดำเนินงาน: measures and steps by status, then per responsible unit."""
    thai, statuses = report.thai, report.statuses
    measures, steps = report.measure_counts(), report.step_counts()
    rows = "".join(
        f'<tr data-status="{STATUS_KEYS[s]}"><th scope="row">{_e(s)}</th>'
        f'<td class="num">{_n(measures[s], thai)}</td>'
        f'<td class="num">{_n(steps[s], thai)}</td></tr>'
        for s in statuses
    )
    total = (f'<tr class="total"><th scope="row">รวม</th>'
             f'<td class="num">{_n(sum(measures.values()), thai)}</td>'
             f'<td class="num">{_n(sum(steps.values()), thai)}</td></tr>')
    unit_rows = "".join(
        f'<tr data-unit="{_e(u.unit_th)}"><th scope="row">{_t(u.unit_th)}</th>'
        f'<td class="num">{_n(sum(u.measures.values()), thai)}</td>'
        + "".join(f'<td class="num">{_n(u.measures[s], thai)}</td>' for s in statuses)
        + f'<td class="num">{_n(sum(u.steps.values()), thai)}</td>'
        + f'<td class="num">{_n(u.steps[DONE], thai)}</td></tr>'
        for u in report.units()
    )
    status_heads = "".join(f'<th scope="col">{_e(s)}</th>' for s in statuses)
    return (
        '<section class="implementation-summary"><h2>สรุปผลการดำเนินงานตามมาตรการ</h2>'
        '<table class="status-summary"><thead><tr><th scope="col">สถานะ</th>'
        '<th scope="col">มาตรการ</th><th scope="col">ขั้นตอน</th></tr></thead>'
        f"<tbody>{rows}{total}</tbody></table>"
        f'<p class="explain">{_e(EXPLAIN_TH)}'
        + (f" {_e(UNREPORTED_TH)}" if report.unreported else "") + "</p>"
        "<h3>ผลการดำเนินงานจำแนกตามส่วนงานที่รับผิดชอบ</h3>"
        '<table class="unit-summary"><thead><tr>'
        '<th scope="col" rowspan="2">ส่วนงานที่รับผิดชอบ</th>'
        f'<th scope="colgroup" colspan="{len(statuses) + 1}">จำนวนมาตรการ</th>'
        '<th scope="colgroup" colspan="2">จำนวนขั้นตอน</th></tr>'
        f'<tr><th scope="col">ทั้งหมด</th>{status_heads}<th scope="col">ทั้งหมด</th>'
        '<th scope="col">ดำเนินการแล้ว</th></tr></thead>'
        f"<tbody>{unit_rows}</tbody></table></section>"
    )


EXPLAIN_TH = ("หมายเหตุ มาตรการที่ดำเนินการแล้ว หมายถึง ดำเนินการครบทุกขั้นตอน"
              " อยู่ระหว่างดำเนินการ หมายถึง ดำเนินการแล้วบางขั้นตอน")
UNREPORTED_TH = "ยังไม่ได้รายงานผล หมายถึง ชีตติดตามผลยังไม่ได้ระบุสถานะของขั้นตอนนั้น"


def themes_html(report: ImplementationReport) -> str:
    """ผลการดำเนินงานรายประเด็น: per theme, its measure, then a table of its steps."""
    body = "".join(_theme_html(t, report.thai) for t in report.themes)
    return ('<section class="implementation-themes"><h2>ผลการดำเนินงานรายประเด็น</h2>'
            f"{body}</section>")


def _theme_html(theme: ThemeProgress, thai: bool) -> str:
    row = theme.row
    # Heads wrap between words, never inside one ("ระยะเวลาดำเนินการ" ran into "สถานะ").
    head = "".join(f'<th scope="col">{_keep_whole(_e(c))}</th>' for c in STEP_COLUMNS_TH)
    count = len(theme.steps)
    rows = "".join(_step_html(step, row.quarter_th if n == 0 else None, count, thai)
                   for n, step in enumerate(theme.steps))
    measure = "".join(f'<div class="measure-part">{_t(p)}</div>' for p in row.measure_parts)
    return (
        f'<section class="theme-progress" data-theme="{_e(row.theme_id)}"'
        f' data-status="{STATUS_KEYS[theme.status]}">'
        # The theme's head prints whole, with the table's first row ("มาตรการ:" was left
        # alone at a page's foot).
        f'<div class="theme-head"><h3>{_t(_n(row.number, thai))}. {_t(row.title_th)}</h3>'
        f'<div class="measure"><span class="label">มาตรการ:</span> {measure}</div>'
        f'<p class="unit"><span class="label">ส่วนงานที่รับผิดชอบ:</span> {_t(row.unit_th)}</p>'
        f'<p class="measure-status"><span class="label">สถานะของมาตรการ:</span>'
        f" {_e(theme.status)}</p></div>"
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
    if (said_on := done_on_text(step, thai)) is not None:
        result += f'<div class="done-on">เมื่อ {_e(said_on)}</div>'
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
    last, this = report.year_text(follow.last_year), report.year_text(follow.this_year)
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in follow_heads(report))
    rows = "".join(
        f'<tr data-code="{_e(r.item.last_code)}" data-passes="{r.passes}">'
        '<td class="theme">' + "".join(f"<div>{_t(t)}</div>" for t in r.themes_th) + "</td>"
        f'<td class="item"><span class="code">{_e(r.code_th)}</span> {_t(r.item.last_text_th)}'
        f'</td><td class="num">{_e(r.last_th)}</td><td class="num">{_e(r.this_th)}</td>'
        f'<td class="num">{_e(r.change_th)}</td><td class="passes-{r.passes}">{_e(r.verdict_th)}'
        "</td></tr>"
        for r in report.follow_rows())
    table = (f'<table class="follow-up"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
             "</table>" if rows else "")
    return (
        f'<section class="implementation-follow-up" data-last-year="{follow.last_year}"'
        f' data-this-year="{follow.this_year}">'
        f"<h2>ผลการประเมินข้อที่มาตรการมุ่งแก้ไข ปี {_e(last)} และปี {_e(this)}</h2>"
        f'<p class="follow-up-summary">{_e(report.follow_said())}</p>{table}</section>'
    )


def follow_heads(report: ImplementationReport) -> tuple[str, ...]:
    """The follow-up table's column heads (every format prints the same)."""
    assert report.follow is not None
    follow = report.follow
    last, this = report.year_text(follow.last_year), report.year_text(follow.this_year)
    return ("ประเด็น", "ข้อคำถาม ITA", f"คะแนนปี {last}", f"คะแนนปี {this}", "ผลต่าง (คะแนน)",
            f"ผลปี {this}")


def limitations_html(report: ImplementationReport) -> str:
    """ข้อจำกัด/ปัญหาอุปสรรค and ข้อเสนอแนะ, numbered; the signatures; then the preparer's notes
    (on screen only)."""
    return _limitations_html(report) + signatures_html(report)


def signatures(report: ImplementationReport) -> tuple[Signatory, ...]:
    """Who signs the report: its writer and checker (left to fill) and the approver, the
    executive who signed the measures (:func:`~ita_report.document.signatory_of`)."""
    measures = report.measures
    approver = signatory_of(measures.params,
                            measures.agency_type or agency_type_of(measures.params))
    return (Signatory("", "", "ผู้รายงาน"), Signatory("", "", "ผู้ตรวจสอบ"),
            Signatory(approver.name, approver.position, "ผู้อนุมัติ"))


def signatures_html(report: ImplementationReport) -> str:
    """Signature lines (ลงชื่อ … ผู้รายงาน / ผู้ตรวจสอบ / ผู้อนุมัติ), as agencies attach them to
    show the executive saw the report; positions left to fill except the executive's."""
    return signature_block(signatures(report))


def _limitations_html(report: ImplementationReport) -> str:
    notes = ""
    if report.notes:
        items = "".join(f"<li>{_t(n)}</li>" for n in report.notes)
        notes = ('<aside class="preparer-notes" aria-label="หมายเหตุสำหรับผู้จัดทำ">'
                 "<h2>หมายเหตุสำหรับผู้จัดทำ (ไม่พิมพ์และไม่ต้องเผยแพร่)</h2>"
                 f"<ul>{items}</ul></aside>")
    numerals = " thai-digits" if report.thai else ""
    out = ""
    for heading, css, texts in (("ข้อจำกัดและปัญหาอุปสรรค", "limitations", report.limitations),
                                ("ข้อเสนอแนะ", "suggestions", report.suggestions)):
        if texts:
            items = "".join(f"<li>{_t(n)}</li>" for n in texts)
            out += (f'<section class="{css}-section{numerals}"><h2>{heading}</h2>'
                    f'<ol class="{css}">{items}</ol></section>')
    return out + notes


def chart_figures(report: ImplementationReport) -> list[tuple[str, Figure]]:
    """(heading, figure) of the report's charts, in order (the second only with next scores)."""
    from ita_report.implementation import charts

    thai = report.thai
    figures: list[tuple[str, Figure]] = [(
        "ความก้าวหน้าของขั้นตอนตามมาตรการ รายส่วนงาน",
        charts.status_chart([(u.unit_th, u.steps) for u in report.units()], thai_digits=thai),
    )]
    follow, rows = report.follow, report.follow_rows()
    if follow and rows:
        years = (report.year_text(follow.last_year), report.year_text(follow.this_year))
        figures.append((
            f"คะแนนข้อที่มาตรการมุ่งแก้ไข ปี {years[0]} และปี {years[1]}",
            charts.before_after_chart(
                [(display_code(r.item.last_code, style=report.codes), r.item.last_score,
                  r.item.this_score, r.verdict_th if r.passes == "no-counterpart" else "")
                 for r in rows],
                follow.target, years, thai_digits=thai),
        ))
    return figures
