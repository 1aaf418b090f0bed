"""The measures document as HTML fragments: title block, result summary, measures table, ข้อจำกัด.

Every text is escaped here, whatever its source: params, catalogue or score file. The page
around these fragments is ``page.py``'s; nothing here computes a score or runs a notebook.
"""

from __future__ import annotations

import html
import re

from ita_report.code_text import CodeStyle, runs_text
from ita_report.document import TITLE_TH, MeasuresDocument, agency_type_of
from ita_report.measures import MeasureRow
from ita_report.report.columns import column_shares
from ita_report.report.signature import signatures_html
from ita_report.text import has_bidi_controls
from ita_report.thai import digits, format_score, format_threshold, thai_date

#: The seed's seven columns, in the seed's order.
COLUMNS_TH = (
    "ประเด็น",
    "ข้อคำถาม ITA",
    "ผลการวิเคราะห์ข้อมูล",
    "มาตรการ",
    "ขั้นตอน/วิธีการปฏิบัติ",
    "ระยะเวลาดำเนินการ",
    "ส่วนงานที่รับผิดชอบ",
)



#: Words a browser's Thai dictionary splits in a narrow header cell ("รับผิด|ชอบ").
KEEP_WHOLE = ("รับผิดชอบ", "ดำเนินการ")


def _keep_whole(markup: str) -> str:
    """``markup`` with each of :data:`KEEP_WHOLE` kept on one line (a nowrap span)."""
    for word in KEEP_WHOLE:
        markup = markup.replace(word, f'<span class="keep">{word}</span>')
    return markup


def keep_year_phrase(markup: str) -> str:
    """``markup`` with its closing "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗" kept on one line: a long title
    or an agency's long name left "๒๕๖๗" alone on the next.

    >>> keep_year_phrase("รายงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗")
    'รายงาน <span class="keep-line">ประจำปีงบประมาณ พ.ศ. ๒๕๖๗</span>'
    """
    return re.sub(r"(ประจำปีงบประมาณ\s+พ\.ศ\.\s+\S+)$", r'<span class="keep-line">\1</span>',
                  markup)


def _e(text: object) -> str:
    """Escaped for an attribute value or for text nobody typed."""
    return html.escape(str(text), quote=True)


def _t(text: object) -> str:
    """Escaped text content; isolated (``<bdi>``) when it holds directional controls, so a
    right-to-left override in a name cannot reorder the text that follows it."""
    escaped = html.escape(str(text), quote=True)
    return f"<bdi>{escaped}</bdi>" if has_bidi_controls(str(text)) else escaped


def _paragraph(text: str) -> str:
    """A body paragraph's text with its last words kept on one line: Thai breaks between any
    two words, and the announcement printed "…ตามแนบท้ายประกาศ" with "นี้" alone on the last
    line. The last space-separated phrase (with the one before it when it is a word or two)
    does not break, up to a third of a line."""
    head, _, tail = text.rpartition(" ")
    while head and len(tail) < 12:
        before, _, last = head.rpartition(" ")
        if len(last) + 1 + len(tail) > 40:
            break
        head, tail = before, f"{last} {tail}"
    if not head or len(tail) > 40:
        return _t(text)
    return f'{_t(head)} <span class="last-words">{_t(tail)}</span>'


def title_lines(doc: MeasuresDocument) -> tuple[str, ...]:
    """The title block's lines: title, subtitle with the year, agency, place (if any), date.

    One source for the HTML, Word and Excel outputs, so they cannot drift apart.
    """
    p, thai = doc.params, doc.thai
    year = digits(str(p.fiscal_year), thai=thai)
    # Where the agency is, as its type says it (an อบจ. names its province, never a district).
    kind = doc.agency_type or agency_type_of(p)
    place = kind.place_text(p.district, p.province, p.org_name)
    return (
        f"{TITLE_TH} ประจำปีงบประมาณ พ.ศ. {doc.measures_year}",
        "จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
        f"ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year}",
        p.org_name,
        *((place,) if place else ()),
        # No date outside the measures' year (document.date_unsettled): the line says only
        # what made it, if anything.
        ("" if doc.date_unsettled else f"จัดทำเมื่อ {thai_date(doc.generated_on, thai_digits=thai)}")
        + (" ด้วย ita-report" if p.document.show_tool_name else ""),
    )


def letterhead(doc: MeasuresDocument) -> str:
    """The agency's letterhead line above the title (หัวกระดาษ), or "" when it has none."""
    return doc.params.document.letterhead.strip()


def title_block_html(doc: MeasuresDocument) -> str:
    """The title block: document title, agency, place, fiscal year and the date generated;
    under an announcement, the line saying it is attached to it (and the letterhead is the
    announcement's)."""
    title, subtitle, org_name, *place, generated = title_lines(doc)
    front = doc.front
    attached = front.attachment if front is not None and front.form == "announcement" else ""
    head = "" if attached else letterhead(doc)
    return (
        '<header class="title-block">'
        + (f'<p class="letterhead">{_t(head)}</p>' if head else "")
        + (f'<p class="attachment">{keep_year_phrase(_t(attached))}</p>' if attached else "")
        + f"<h1>{_t(title)}</h1>"
        f'<p class="subtitle">{_t(subtitle)}</p>'
        f'<p class="org-name">{_t(org_name)}</p>'
        + "".join(f'<p class="org-place">{_t(line)}</p>' for line in place)
        + (f'<p class="generated">{_t(generated.strip())}</p>' if generated.strip() else "")
        + "</header>"
    )


def announcement_html(doc: MeasuresDocument) -> str:
    """The ประกาศ page: ประกาศ{agency}, เรื่อง …, the introduction, the closing sentence, the
    date and the executive's signature; "" in the title form. The analysis follows as the
    announcement's attachment (แนบท้ายประกาศ), from the next printed page."""
    front = doc.front
    if front is None or front.form != "announcement":
        return ""
    head = letterhead(doc)
    return (
        '<section class="announcement">'
        + (f'<p class="letterhead">{_t(head)}</p>' if head else "")
        + f"<h1>{_t(front.heading)}</h1>"
        f'<p class="subject">{_t(front.subject)}</p>'
        '<hr class="subject-rule">'
        + introduction_html(doc)
        + (f'<p class="closing">{_paragraph(front.closing)}</p>' if front.closing else "")
        + signatures_html([front.signatory])
        + "</section>"
    )


def introduction_html(doc: MeasuresDocument) -> str:
    """Why the measures exist and which results they answer (ความเป็นมา): its paragraphs,
    under a heading of their own in the title form."""
    front = doc.front
    if front is None:
        return ""
    heading = "" if front.form == "announcement" else "<h2>ความเป็นมา</h2>"
    paragraphs = "".join(f'<p class="intro">{_paragraph(p)}</p>' for p in front.paragraphs)
    return f'<div class="introduction">{heading}{paragraphs}</div>'


def head_html(doc: MeasuresDocument, *, beside_results: str = "",
              words: slice = slice(None)) -> str:
    """What opens the document: the announcement (if that is its form), the title block,
    the introduction (title form), the result summary (``beside_results`` beside its table:
    the notebook's tools chart) and the results in words (``words``: which passages)."""
    front = doc.front
    intro = introduction_html(doc) if front is not None and front.form == "title" else ""
    return (announcement_html(doc) + title_block_html(doc) + intro
            + result_summary_html(doc, beside=beside_results)
            + results_in_words_html(doc, words))


def results_in_words_html(doc: MeasuresDocument, part: slice = slice(None)) -> str:
    """คำอธิบายผลการประเมิน (issue 25): the level in words, what kept it from the next level,
    a paragraph per tool and the change since last year; "" for a document built without it.
    ``part``: which passages (the notebook shows the level's first and the rest after the
    charts); the section's heading goes with the first passage."""
    words = doc.in_words
    passages = words.passages[part] if words is not None else ()
    if words is None or not passages:
        return ""
    parts = "".join(
        (f"<h3>{_t(p.heading)}</h3>" if p.heading else "")
        + "".join(f'<p class="in-words">{_paragraph(text)}</p>' for text in p.paragraphs)
        for p in passages
    )
    heading = f"<h2>{_t(words.heading)}</h2>" if passages[0] is words.passages[0] else ""
    return f'<section class="results-in-words">{heading}{parts}</section>'


def end_html(doc: MeasuresDocument) -> str:
    """What closes the document after the measures table: ข้อจำกัด, the executive's signature
    in the title form (an announcement is signed on its first page), the preparer's notes."""
    front = doc.front
    signed = front is not None and front.form == "title"
    return (_limitations_section(doc)
            + (signatures_html([front.signatory]) if signed and front else "")
            + preparer_notes_html(doc))


def result_rows(doc: MeasuresDocument) -> list[tuple[str, str, str]]:
    """The results as (kind, label, value) rows: tool scores, ITA score and level, the count
    under target. The page and the Word file show these same rows."""
    a, thai = doc.assessment, doc.thai

    def cell(value: float | None) -> str:
        return "ไม่มีข้อมูล" if value is None else format_score(value, thai=thai)

    return [
        *(("tool", f"{t.code} {t.name_th}", cell(t.score)) for t in a.tools),
        ("ita", "คะแนน ITA", cell(a.ita)),
        ("level", "ระดับผลการประเมิน", a.level or "ไม่มีข้อมูลพอจะจัดระดับ"),
        ("below", f"ข้อที่ต่ำกว่าเป้าหมาย {format_threshold(a.target, thai=thai)} คะแนน",
         below_count_text(doc)),
    ]


def result_summary_html(doc: MeasuresDocument, *, beside: str = "") -> str:
    """Tool scores, ITA score and level, with what was missing; ``beside`` (HTML) to the
    right of the table where the page is wide enough."""
    marked = {"ita", "level"}  # the page's CSS sets these two apart
    rows = "".join(
        (f'<tr class="{kind}">' if kind in marked else "<tr>")
        + f'<th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>'
        for kind, label, value in result_rows(doc)
    )
    table = f'<table class="scores"><tbody>{rows}</tbody></table>'
    body = f'<div class="beside-results">{table}{beside}</div>' if beside else table
    return f'<section class="result-summary"><h2>ผลการประเมิน</h2>{body}</section>'



def below_count_text(doc: MeasuresDocument) -> str:
    """``๑๕ ข้อ``: every item under target the document cites, the items cited beyond the
    framework (extra_codes) counted in and named, as the introduction, the gaps chart and the
    table count them (one count in every place)."""
    a, thai = doc.assessment, doc.thai
    extra = [i.code for i in a.extra_items if i.below_target]
    text = f"{digits(str(len(a.items_below_target) + len(extra)), thai=thai)} ข้อ"
    if extra:
        text += (f" (รวม{runs_text(extra, style=doc.codes)} ซึ่งเป็นข้อคำถามเพิ่มเติมของหน่วยงาน"
                 " ไม่นับในคะแนน ITA)")
    return text


def measures_heading(doc: MeasuresDocument) -> str:
    """The heading above the measures table, as the seed words it."""
    return f"{TITLE_TH}ของ{doc.params.org_name} ประจำปีงบประมาณ พ.ศ. {doc.measures_year}"


def measures_table_html(doc: MeasuresDocument) -> str:
    """``<table class="measures">``: the seven columns of the seed, one body row per theme."""
    thai = doc.thai
    head = "".join(f'<th scope="col">{_keep_whole(_e(c))}</th>' for c in COLUMNS_TH)
    body = "".join(_row_html(row, thai=thai, style=doc.codes) for row in doc.rows)
    return (
        '<section class="measures-section">'
        f"<h2>{_t(measures_heading(doc))}</h2>"
        '<table class="measures">'
        + _colgroup(doc) +
        "<thead>"
        # The seed repeats its title line above the header rows on every page: a row of the
        # header, so print (browser or PDF) repeats it too; on screen the <h2> says it.
        '<tr class="table-title" aria-hidden="true">'
        f'<th colspan="7">{keep_year_phrase(_t(measures_heading(doc)))}</th></tr>'
        '<tr class="column-groups" aria-hidden="true"><td></td>'
        '<td colspan="2">การวิเคราะห์ข้อมูล</td>'
        '<td colspan="4">การนำผลการวิเคราะห์ไปสู่การปฏิบัติ</td></tr>'
        f'<tr class="column-names">{head}</tr>'
        "</thead>"
        f"<tbody>{body}</tbody></table></section>"
    )


#: The classes of the seven columns (report.css gives each a default width).
COLUMN_CLASSES = ("c-theme", "c-items", "c-analysis", "c-measure", "c-steps", "c-quarter",
                  "c-unit")


def measures_cells(doc: MeasuresDocument) -> list[list[list[str]]]:
    """Each measures row's seven cells as lists of their blocks (an item, a step), as the
    table sets them: what the columns' widths are fitted to (HTML and Word)."""
    return [
        [
            [f"{digits(str(row.number), thai=doc.thai)}. {row.title_th}"],
            list(row.item_texts(style=doc.codes)),
            [row.analysis_th],
            list(row.measure_parts),
            numbered_steps(row, doc.thai),
            [row.quarter_th],
            [row.unit_th],
        ]
        for row in doc.rows
    ]


def _colgroup(doc: MeasuresDocument) -> str:
    """The columns, each as wide as the document's text needs (report.columns)."""
    shares = column_shares(measures_cells(doc))
    cols = "".join(f'<col class="{name}" style="width: {share:g}%">'
                   for name, share in zip(COLUMN_CLASSES, shares, strict=True))
    return f"<colgroup>{cols}</colgroup>"


def _row_html(row: MeasureRow, *, thai: bool, style: CodeStyle) -> str:
    number = digits(str(row.number), thai=thai)
    items = "".join(
        f'<div class="item" data-code="{_e(line.codes[0])}" data-codes="{_e(" ".join(line.codes))}"'
        f' data-status="{_e(line.status.english)}">'
        f'<span class="code">{_t(line.code_text(style=style))}</span> {_t(line.text_th)}</div>'
        for line in row.item_lines
    )
    steps = "".join(f'<div class="step">{_t(step)}</div>' for step in numbered_steps(row, thai))
    measure = "".join(f'<div class="measure-part">{_t(part)}</div>' for part in row.measure_parts)
    state = "all-passing" if row.all_passing else "below-target"
    return (
        f'<tr class="theme {state} {row.kind}" data-theme="{_e(row.theme_id)}">'
        f'<td class="theme">{_t(number)}. {_t(row.title_th)}</td>'
        f'<td class="items">{items}</td>'
        f'<td class="analysis">{_t(row.analysis_th)}</td>'
        f'<td class="measure">{measure}</td>'
        f'<td class="steps">{steps}</td>'
        f'<td class="quarter">{_t(row.quarter_th)}</td>'
        f'<td class="unit">{_t(row.unit_th)}</td>'
        "</tr>"
    )


def numbered_steps(row: MeasureRow, thai: bool) -> list[str]:
    """Steps as the seed writes them: ``๑. …``, ``๒. …``; a single step is not numbered."""
    if len(row.steps_th) == 1:
        return list(row.steps_th)
    return [f"{digits(str(n), thai=thai)}. {step}" for n, step in enumerate(row.steps_th, 1)]


def limitations_html(doc: MeasuresDocument) -> str:
    """ข้อจำกัด as ``<ol class="limitations">``, then the preparer's notes."""
    return _limitations_section(doc) + preparer_notes_html(doc)


def _limitations_section(doc: MeasuresDocument) -> str:
    if not doc.limitations:
        # Nothing the scores support and nothing the officer wrote: no empty heading to post.
        return ""
    items = "".join(f"<li>{_t(note)}</li>" for note in doc.limitations)
    # The seed numbers its limitations ๑. ๒. ๓.: CSS's "thai" counter style does the same.
    numerals = " thai-digits" if doc.thai else ""
    return (
        f'<section class="limitations-section{numerals}"><h2>ข้อจำกัด</h2>'
        f'<ol class="limitations">{items}</ol></section>'
    )


def preparer_notes_html(doc: MeasuresDocument) -> str:
    """หมายเหตุสำหรับผู้จัดทำ: shown on screen for the officer, hidden when printed."""
    if not doc.notes:
        return ""
    items = "".join(f"<li>{_t(note)}</li>" for note in doc.notes)
    return (
        '<aside class="preparer-notes" aria-label="หมายเหตุสำหรับผู้จัดทำ">'
        "<h2>หมายเหตุสำหรับผู้จัดทำ (ไม่พิมพ์และไม่ต้องเผยแพร่)</h2>"
        f"<ul>{items}</ul></aside>"
    )
