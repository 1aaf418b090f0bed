"""The measures document of one agency: built from params, shown as HTML fragments.

``build_document`` is the one way through (params → scores → gaps → themes and measures →
limitations); the notebook, the CLI and the batch runner all call it. Every text is escaped
here, whatever its source: params, catalogue or score file. Nothing here runs a notebook.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ita_report.catalogue import Catalogue, load_catalogue
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import Framework, load_framework
from ita_report.limitations import assemble, data_caveats
from ita_report.measures import (
    MeasureRow,
    ThemeText,
    build_row,
    display_code,
    fill,
    themes_all_passing,
)
from ita_report.params import ReportParams, is_safe_org_id
from ita_report.scores import ScoreTable, load_scores
from ita_report.scoring import Assessment, assess
from ita_report.text import has_bidi_controls
from ita_report.thai import digits, format_score, thai_date

TITLE_TH = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
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


@dataclass(frozen=True)
class MeasuresDocument:
    """Everything the report shows (เอกสารมาตรการ), computed once."""

    params: ReportParams
    framework: Framework
    assessment: Assessment
    rows: tuple[MeasureRow, ...]
    limitations: tuple[str, ...]
    generated_on: _dt.date
    #: What the officer must know before publishing (a tool with no score at all): said on
    #: the terminal in Thai and English, and in the document (:attr:`notes_th`).
    warnings: tuple[Problem, ...] = ()

    @property
    def notes_th(self) -> tuple[str, ...]:
        """The warnings as the document shows them, under the results (Thai)."""
        return tuple(_NOTE_TH.format(tool=w.column, name=w.value) for w in self.warnings)

    @property
    def thai(self) -> bool:
        return self.params.thai_digits

    @property
    def title(self) -> str:
        year = digits(str(self.params.fiscal_year), thai=self.thai)
        return f"{TITLE_TH} {self.params.org_name} ปีงบประมาณ พ.ศ. {year}"


def _placeholders(params: ReportParams) -> dict[str, str]:
    return {
        "short_name": params.short_name,
        "org_name": params.org_name,
        "district": params.district,
        "province": params.province,
        "fiscal_year": str(params.fiscal_year),
        "next_fiscal_year": str(params.fiscal_year + 1),
        "target": format_score(params.target, thai=False),
    }


def build_document(
    params: ReportParams,
    *,
    scores: ScoreTable | None = None,
    catalogue: Catalogue | None = None,
    today: _dt.date | None = None,
) -> MeasuresDocument:
    """Compute the whole document of one agency from its params.

    ``scores`` and ``catalogue`` may be passed in already loaded (the batch loads them once).
    A tool (IIT, EIT or OIT) with no score at all leaves the ITA score and level unknown: the
    document says so (``warnings``), or, with ``strict: true``, it is an ``InputError``.
    """
    year = params.fiscal_year
    framework = load_framework(year)
    table = scores or load_scores(params.scores_path, year=year, extra_codes=params.extra_codes)
    # for_agency names the file and suggests the nearest org_id when the agency is absent.
    agency = table.for_agency(params.org_id, year)
    assessment = assess(
        framework,
        org_id=params.org_id,
        org_name=params.org_name,
        scores=agency.scores,
        extra=agency.extra,
        target=params.target,
    )
    warnings = tuple(missing_tool_problems(assessment, table.path))
    if warnings and params.strict:
        raise InputError(missing_tool_problems(assessment, table.path, strict=True))
    catalogue = catalogue or load_catalogue()
    try:
        themes = catalogue.themes_for(
            year, params.theme_overrides, params.added_themes, source=params.source
        )
    except InputError as exc:
        # The catalogue names the key path (theme_overrides › x › unit_th); the params know
        # the file and the line it is on.
        raise InputError(params.locate(exc.problems)) from None
    values = _placeholders(params)
    rows = []
    for number, theme in enumerate(themes, start=1):
        codes = theme.items_for(year)
        passing = themes_all_passing(codes, assessment)
        variant = theme.variant(passing, year)
        text = ThemeText(
            theme_id=theme.id,
            title_th=theme.title_th,
            item_codes=codes,
            item_texts=theme.item_texts,
            finding_th=variant.finding_th,
            recommendation_th=variant.recommendation_th,
            finding_tools=variant.finding_tools,
            recommendation_tools=variant.recommendation_tools,
            measure_th=variant.measure_th,
            steps_th=variant.steps_th,
            quarter_th=variant.quarter_th,
            unit_th=variant.unit_th,
        )
        rows.append(
            build_row(
                number,
                text,
                assessment,
                short_name=params.short_name,
                values=values,
                thai=params.thai_digits,
                all_passing=passing,
            )
        )
    item_scores = {i.code: i.score for i in assessment.items + assessment.extra_items}
    derived = (
        [
            r.text_th
            for r in catalogue.limitation_rules
            if r.applies(item_scores, framework, params.target)
        ]
        if params.derive_limitations
        else []
    )
    cited = [code for row in rows for code in row.cited_codes]
    caveats = data_caveats(assessment, framework, cited, thai=params.thai_digits)
    limitations = assemble(params.limitations, derived, caveats)
    return MeasuresDocument(
        params=params,
        framework=framework,
        assessment=assessment,
        rows=tuple(rows),
        limitations=tuple(fill(note, values, thai=params.thai_digits) for note in limitations),
        generated_on=today or _dt.date.today(),
        warnings=warnings,
    )


_NOTE_TH = (
    "หมายเหตุ: ไม่มีคะแนนของเครื่องมือ {tool} ({name}) เลยสักข้อในข้อมูลที่ใช้จัดทำเอกสารนี้"
    " จึงคำนวณคะแนน ITA และระดับผลการประเมินไม่ได้"
)


def missing_tool_problems(
    assessment: Assessment, scores_file: str | Path, *, strict: bool = False
) -> list[Problem]:
    """One warning per tool (IIT, EIT, OIT) with no score at all in ``scores_file``.

    Such a tool is a blank or deleted sheet of the template, or rows left out of a file: the
    ITA score cannot be computed, which is worth saying before the document is published.
    With ``strict`` the words are those of an error (what to do instead includes running
    without strict).
    """
    problems = []
    for tool in assessment.tools:
        if tool.score is not None:
            continue
        codes = [i.code for i in assessment.items if i.tool == tool.code]
        span = f"{codes[0]}–{codes[-1]}" if codes else tool.code
        problems.append(
            file_problem(
                scores_file,
                f"ไม่มีคะแนนของเครื่องมือ {tool.code} เลยสักข้อ ({span} ว่างทั้งหมด หรือไม่มีชีต"
                f" {tool.code}) จึงคำนวณคะแนน ITA และระดับผลการประเมินไม่ได้",
                f"has no {tool.code} score at all ({span} all blank or absent, or no"
                f" {tool.code} sheet), so the ITA score and level cannot be computed",
                column=tool.code,
                value=tool.name_th,
                expected_th=f"คะแนน {tool.code} ({span}) ในไฟล์คะแนน"
                + (" หรือสั่งโดยไม่ใช้ strict เพื่อสร้างรายงานพร้อมหมายเหตุ" if strict else ""),
                expected_en=f"the {tool.code} scores ({span}) in the score file"
                + ("; or run without strict to write the report with a note" if strict else ""),
            )
        )
    return problems


# -- HTML fragments ---------------------------------------------------------------------------
def _e(text: object) -> str:
    """Escaped for an attribute value or for text nobody typed."""
    return html.escape(str(text), quote=True)


def _t(text: object) -> str:
    """Escaped text content; isolated (``<bdi>``) when it holds directional controls, so a
    right-to-left override in a name cannot reorder the text that follows it."""
    escaped = html.escape(str(text), quote=True)
    return f"<bdi>{escaped}</bdi>" if has_bidi_controls(str(text)) else escaped


def title_lines(doc: MeasuresDocument) -> tuple[str, ...]:
    """The title block's lines: title, subtitle with the year, agency, place (if any), date.

    One source for the HTML, Word and Excel outputs, so they cannot drift apart.
    """
    p, thai = doc.params, doc.thai
    year = digits(str(p.fiscal_year), thai=thai)
    place = " ".join(x for x in (p.district, f"จังหวัด{p.province}" if p.province else "") if x)
    return (
        TITLE_TH,
        "แสดงการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
        f"ของหน่วยงานภาครัฐ ในปีงบประมาณ พ.ศ. {year}",
        p.org_name,
        *((place,) if place else ()),
        f"จัดทำเมื่อ {thai_date(doc.generated_on, thai_digits=thai)} ด้วย ita-report",
    )


def title_block_html(doc: MeasuresDocument) -> str:
    """The title block: document title, agency, place, fiscal year and the date generated."""
    title, subtitle, org_name, *place, generated = title_lines(doc)
    return (
        '<header class="title-block">'
        f"<h1>{_t(title)}</h1>"
        f'<p class="subtitle">{_t(subtitle)}</p>'
        f'<p class="org-name">{_t(org_name)}</p>'
        + "".join(f'<p class="org-place">{_t(line)}</p>' for line in place)
        + f'<p class="generated">{_t(generated)}</p>'
        "</header>"
    )


def result_summary_html(doc: MeasuresDocument) -> str:
    """Tool scores, ITA score and level, with what was missing."""
    a, thai = doc.assessment, doc.thai

    def cell(value: float | None) -> str:
        return "ไม่มีข้อมูล" if value is None else format_score(value, thai=thai)

    rows = "".join(
        f'<tr><th scope="row">{_e(t.code)} {_e(t.name_th)}</th><td>{_e(cell(t.score))}</td></tr>'
        for t in a.tools
    )
    level = a.level or "ไม่มีข้อมูลพอจะจัดระดับ"
    return (
        '<section class="result-summary"><h2>ผลการประเมิน</h2>'
        '<table class="scores"><tbody>'
        f"{rows}"
        f'<tr class="ita"><th scope="row">คะแนน ITA</th><td>{_e(cell(a.ita))}</td></tr>'
        f'<tr class="level"><th scope="row">ระดับผลการประเมิน</th><td>{_e(level)}</td></tr>'
        f'<tr><th scope="row">ข้อที่ต่ำกว่าเป้าหมาย {_e(format_score(a.target, thai=thai))} คะแนน</th>'
        f"<td>{_e(digits(str(len(a.items_below_target)), thai=thai))} ข้อ</td></tr>"
        "</tbody></table>"
        + "".join(f'<p class="notice" role="note">{_e(note)}</p>' for note in doc.notes_th)
        + "</section>"
    )


def measures_heading(doc: MeasuresDocument) -> str:
    """The heading above the measures table, as the seed words it."""
    year = digits(str(doc.params.fiscal_year), thai=doc.thai)
    return f"{TITLE_TH}ของ{doc.params.org_name} ในปี พ.ศ. {year}"


def measures_table_html(doc: MeasuresDocument) -> str:
    """``<table class="measures">``: the seven columns of the seed, one body row per theme."""
    thai = doc.thai
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in COLUMNS_TH)
    body = "".join(_row_html(row, thai=thai) for row in doc.rows)
    return (
        '<section class="measures-section">'
        f"<h2>{_t(measures_heading(doc))}</h2>"
        '<table class="measures">'
        '<colgroup><col class="c-theme"><col class="c-items"><col class="c-analysis">'
        '<col class="c-measure"><col class="c-steps"><col class="c-quarter">'
        '<col class="c-unit"></colgroup>'
        "<thead>"
        '<tr class="column-groups" aria-hidden="true"><td></td>'
        '<td colspan="2">การวิเคราะห์ข้อมูล</td>'
        '<td colspan="4">การนำผลการวิเคราะห์ไปสู่การปฏิบัติ</td></tr>'
        f'<tr class="column-names">{head}</tr>'
        "</thead>"
        f"<tbody>{body}</tbody></table></section>"
    )


def _row_html(row: MeasureRow, *, thai: bool) -> str:
    number = digits(str(row.number), thai=thai)
    items = "".join(
        f'<div class="item" data-code="{_e(i.code)}" data-status="{_e(i.status.english)}">'
        f'<span class="code">{_t(display_code(i.code, thai=thai))}</span> {_t(i.text_th)}</div>'
        for i in row.items
    )
    steps = "".join(f'<div class="step">{_t(step)}</div>' for step in numbered_steps(row, thai))
    state = "all-passing" if row.all_passing else "below-target"
    return (
        f'<tr class="theme {state}" data-theme="{_e(row.theme_id)}">'
        f'<td class="theme">{_t(number)}. {_t(row.title_th)}</td>'
        f'<td class="items">{items}</td>'
        f'<td class="analysis">{_t(row.analysis_th)}</td>'
        f'<td class="measure">{_t(row.measure_th)}</td>'
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
    """ข้อจำกัด as ``<ol class="limitations">``."""
    if not doc.limitations:
        return '<section class="limitations-section"><h2>ข้อจำกัด</h2><p>ไม่มี</p></section>'
    items = "".join(f"<li>{_t(note)}</li>" for note in doc.limitations)
    # The seed numbers its limitations ๑. ๒. ๓.: CSS's "thai" counter style does the same.
    numerals = " thai-digits" if doc.thai else ""
    return (
        f'<section class="limitations-section{numerals}"><h2>ข้อจำกัด</h2>'
        f'<ol class="limitations">{items}</ol></section>'
    )


# -- chart inputs -----------------------------------------------------------------------------
def indicator_series(doc: MeasuresDocument) -> list[tuple[str, float | None]]:
    """(label, score) of the ten indicators, labelled ``๑ การปฏิบัติหน้าที่``."""
    return [
        (f"{digits(str(ind.number), thai=doc.thai)} {ind.name_th}", ind.score)
        for ind in doc.assessment.indicators
    ]


def gap_series(doc: MeasuresDocument) -> list[tuple[str, float]]:
    """(item code, score) of every item below target, extra codes included."""
    a = doc.assessment
    return [
        (display_code(i.code, thai=doc.thai), i.score)
        for i in a.items + a.extra_items
        if i.below_target and i.score is not None
    ]


def tool_series(doc: MeasuresDocument) -> dict[str, float | None]:
    return {t.code: t.score for t in doc.assessment.tools}


def output_path(out_dir: Path, params: ReportParams, suffix: str) -> Path:
    """``<out>/<fiscal_year>/<org_id><suffix>``; ``InputError`` if that is not inside ``out``.

    org_id is validated when params are read, but a ReportParams built in code
    (``model_construct``, ``model_copy``) skips validation: every output path is checked here,
    where all of them are made.
    """
    folder = Path(out_dir) / str(params.fiscal_year)
    path = folder / f"{params.org_id}{suffix}"
    # abspath folds "..", "/" and absolute names without following links an operator may have
    # made on purpose (reports/ on another disk).
    outside = os.path.dirname(os.path.abspath(path)) != os.path.abspath(folder)
    if not is_safe_org_id(str(params.org_id)) or outside:
        raise InputError(
            file_problem(
                "org_id",
                f"รหัสหน่วยงานนี้ใช้เป็นชื่อไฟล์รายงานไม่ได้ เพราะจะเขียนออกนอกโฟลเดอร์ผลลัพธ์ {out_dir}",
                f"cannot name a report file: it would write outside the output folder {out_dir}",
                value=repr(params.org_id),
                expected_th="อักษรอังกฤษ ตัวเลข - _ . เท่านั้น เช่น chaemae",
                expected_en="only A–Z a–z 0–9 - _ . such as chaemae",
            )
        )
    return path


def show_html(fragment: str) -> None:
    """Display an HTML fragment in the notebook (and so in the exported report)."""
    from IPython.display import HTML, display

    display(HTML(fragment))  # type: ignore[no-untyped-call]


def show_head(doc: MeasuresDocument) -> None:
    """The title block and the result summary."""
    show_html(title_block_html(doc) + result_summary_html(doc))


def chart_figures(doc: MeasuresDocument) -> list[tuple[str, Any]]:
    """(heading, figure) of the three charts, in the report's order."""
    from ita_report import charts

    target, thai, a = doc.params.target, doc.thai, doc.assessment
    return [
        (
            "คะแนนรายตัวชี้วัดเทียบค่าเป้าหมาย",
            charts.indicator_chart(indicator_series(doc), target, thai_digits=thai),
        ),
        (
            "ข้อที่ได้คะแนนต่ำกว่าค่าเป้าหมาย",
            charts.gaps_chart(gap_series(doc), target, thai_digits=thai),
        ),
        (
            "คะแนนรายเครื่องมือและคะแนน ITA",
            charts.tools_chart(tool_series(doc), a.ita, a.level, target, thai_digits=thai),
        ),
    ]


def show_charts(doc: MeasuresDocument) -> None:
    """The three charts, each under its heading (SVG, text set in the page's Sarabun)."""
    from ita_report import charts

    for heading, figure in chart_figures(doc):
        show_html(f'<h2 class="chart-title">{_e(heading)}</h2>')
        charts.show(figure)


def show_measures(doc: MeasuresDocument) -> None:
    """The measures table, then the limitations."""
    show_html(measures_table_html(doc) + limitations_html(doc))
