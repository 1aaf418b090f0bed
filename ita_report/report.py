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

from ita_report.catalogue import (
    AgencyType,
    AgencyTypes,
    Catalogue,
    fill,
    load_agency_types,
    load_catalogue,
)
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import Framework, framework_in_use, load_framework, same_numbering
from ita_report.limitations import assemble, data_caveats
from ita_report.measures import MeasureRow, Wording, build_rows, display_code
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
    agency_type: AgencyType | None = None
    #: Notes for the officer preparing the document (หมายเหตุสำหรับผู้จัดทำ): what the data could
    #: not support and what is unverified. Shown on screen, never printed or exported to Word.
    notes: tuple[str, ...] = ()
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
    def measures_year(self) -> str:
        """The fiscal year the measures are for: the one after the results analysed."""
        return digits(str(self.params.fiscal_year + 1), thai=self.thai)

    @property
    def title(self) -> str:
        return f"{TITLE_TH} {self.params.org_name} ประจำปีงบประมาณ พ.ศ. {self.measures_year}"


def agency_type_of(params: ReportParams, types: AgencyTypes | None = None) -> AgencyType:
    """The agency's type (from org_type or its name) with its own unit names and words."""
    kinds = types or load_agency_types()
    kind = kinds.resolve(params.org_type, params.org_name)
    return kind.renamed(params.units, params.vocabulary)


def placeholder_values(params: ReportParams, kind: AgencyType) -> dict[str, str]:
    """What ``{short_name}``, ``{org_full}``, ``{staff}``, ``{unit:finance}`` … stand for."""
    place = kind.place_text(params.district, params.province)
    return {
        "short_name": params.short_name,
        "org_name": params.org_name,
        "org_full": f"{params.org_name} {place}".strip(),
        "district": params.district,
        "province": params.province,
        "fiscal_year": str(params.fiscal_year),
        "next_fiscal_year": str(params.fiscal_year + 1),
        "target": format_score(params.target, thai=False),
        **kind.values(),
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
    framework = load_framework(year, params.framework_path)
    with framework_in_use(framework):
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
    kind = agency_type_of(params)
    # An officer's own framework file whose codes mean other items than the catalogue's year
    # would put items under the wrong themes: its gaps are grouped by indicator instead.
    numbering = framework.items_year
    known = framework.known_codes() | frozenset(params.extra_codes)
    grouped_by_indicator = not same_numbering(framework)
    overrides = None if grouped_by_indicator else params.theme_overrides
    try:
        themes = catalogue.themes_for(numbering, overrides, params.added_themes,
                                      source=params.source, known_codes=known)
    except InputError as exc:
        # The catalogue names the key path (theme_overrides › x › unit_th); the params know
        # the file and the line it is on.
        raise InputError(params.locate(exc.problems)) from None
    if grouped_by_indicator:
        themes = tuple(t for t in themes if t.id not in {c.id for c in catalogue.themes})
    values = placeholder_values(params, kind)
    wording = Wording(params.short_name, values, params.thai_digits, params.item_texts)
    rows = build_rows(assessment, framework, themes, catalogue, wording, items_year=numbering)
    derived = (
        list(catalogue.limitations_for(assessment, framework)) if params.derive_limitations else []
    )
    cited = [code for row in rows if row.kind != "passing" for code in row.cited_codes]
    caveats = data_caveats(assessment, framework, cited, thai=params.thai_digits)
    unnamed = sorted({i.code for row in rows if not row.all_passing for i in row.items
                      if i.tool == "OIT" and not i.known_wording})
    if unnamed:
        caveats.append(
            "ยังไม่ทราบชื่อรายการของข้อ "
            f"{' '.join(display_code(c, thai=params.thai_digits) for c in unnamed)}"
            " ในกรอบการประเมินปีนี้ เอกสารจึงเขียนเพียงว่า ข้อมูลที่ข้อนั้นกำหนด ให้ระบุชื่อรายการตามระบบ ITAS"
            " ในไฟล์พารามิเตอร์ (item_texts:) แล้วสร้างเอกสารใหม่"
        )
    if grouped_by_indicator:
        caveats.insert(0, (
            f"กรอบการประเมินที่หน่วยงานระบุ ({Path(framework.source_file).name}) เรียงเลขข้อต่างจาก"
            "แคตตาล็อกประเด็นมาตรฐาน จึงจัดกลุ่มข้อที่ต่ำกว่าค่าเป้าหมายตามตัวชี้วัด"
        ))
    limitations = assemble(params.limitations, derived)
    return MeasuresDocument(
        params=params,
        framework=framework,
        assessment=assessment,
        rows=rows,
        limitations=tuple(fill(note, values, thai=params.thai_digits) for note in limitations),
        # The officer's date (document: date:) makes a rerun give the same Word and Excel bytes.
        generated_on=today or params.document.date or _dt.date.today(),
        agency_type=kind,
        notes=assemble(caveats),
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
    # Where the agency is, as its type says it (an อบจ. names its province, never a district).
    kind = doc.agency_type or agency_type_of(p)
    place = kind.place_text(p.district, p.province)
    return (
        f"{TITLE_TH} ประจำปีงบประมาณ พ.ศ. {doc.measures_year}",
        "จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
        f"ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year}",
        p.org_name,
        *((place,) if place else ()),
        f"จัดทำเมื่อ {thai_date(doc.generated_on, thai_digits=thai)}"
        + (" ด้วย ita-report" if p.document.show_tool_name else ""),
    )


def letterhead(doc: MeasuresDocument) -> str:
    """The agency's letterhead line above the title (หัวกระดาษ), or "" when it has none."""
    return doc.params.document.letterhead.strip()


def title_block_html(doc: MeasuresDocument) -> str:
    """The title block: document title, agency, place, fiscal year and the date generated."""
    title, subtitle, org_name, *place, generated = title_lines(doc)
    head = letterhead(doc)
    return (
        '<header class="title-block">'
        + (f'<p class="letterhead">{_t(head)}</p>' if head else "")
        + f"<h1>{_t(title)}</h1>"
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
        f"<td>{_e(below_count_text(doc))}</td></tr>"
        "</tbody></table>"
        + "".join(f'<p class="notice" role="note">{_e(note)}</p>' for note in doc.notes_th)
        + "</section>"
    )


def below_count_text(doc: MeasuresDocument) -> str:
    """``๑๓ ข้อ``, and the items cited outside the framework apart (they are in the gaps chart
    but not in the framework's count)."""
    a, thai = doc.assessment, doc.thai
    text = f"{digits(str(len(a.items_below_target)), thai=thai)} ข้อ"
    extra = [i for i in a.extra_items if i.below_target]
    if extra:
        text += f" (และข้อที่อ้างถึงนอกกรอบการประเมิน {digits(str(len(extra)), thai=thai)} ข้อ)"
    return text


def measures_heading(doc: MeasuresDocument) -> str:
    """The heading above the measures table, as the seed words it."""
    return f"{TITLE_TH}ของ{doc.params.org_name} ประจำปีงบประมาณ พ.ศ. {doc.measures_year}"


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
        # The seed repeats its title line above the header rows on every page: a row of the
        # header, so print (browser or PDF) repeats it too; on screen the <h2> says it.
        '<tr class="table-title" aria-hidden="true">'
        f'<th colspan="7">{_t(measures_heading(doc))}</th></tr>'
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
        f'<div class="item" data-code="{_e(line.codes[0])}" data-codes="{_e(" ".join(line.codes))}"'
        f' data-status="{_e(line.status.english)}">'
        f'<span class="code">{_t(line.code_text(thai=thai))}</span> {_t(line.text_th)}</div>'
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
    """ข้อจำกัด as ``<ol class="limitations">``."""
    notes = preparer_notes_html(doc)
    if not doc.limitations:
        # Nothing the scores support and nothing the officer wrote: no empty heading to post.
        return notes
    items = "".join(f"<li>{_t(note)}</li>" for note in doc.limitations)
    # The seed numbers its limitations ๑. ๒. ๓.: CSS's "thai" counter style does the same.
    numerals = " thai-digits" if doc.thai else ""
    return (
        f'<section class="limitations-section{numerals}"><h2>ข้อจำกัด</h2>'
        f'<ol class="limitations">{items}</ol></section>' + notes
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
