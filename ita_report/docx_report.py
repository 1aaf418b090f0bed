"""The measures document as Word (.docx): what an officer would have typed, ready to edit and print.

Built from the same :class:`~ita_report.report.MeasuresDocument` as the HTML, so the texts are
the same: A4 landscape, Thai font set for complex script, the table's header repeated on every
page. Never writes a final path directly (``iorw``) and never changes a global setting.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ita_report.office import OfficeFont, office_font
from ita_report.report import (
    COLUMNS_TH,
    MeasuresDocument,
    gap_series,
    indicator_series,
    measures_heading,
    numbered_steps,
    title_lines,
    tool_series,
)
from ita_report.thai import digits, format_score

#: A4 turned on its side, in centimetres.
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 29.7, 21.0, 1.27
#: Widths of the seven columns (sum: the 27.16 cm between the margins).
COLUMN_WIDTHS_CM = (3.3, 5.2, 5.0, 4.2, 5.06, 1.9, 2.5)
CHART_WIDTH_CM = 24.0
HEADER_FILL = "E7E6E6"
#: Headings of the charts, as the notebook shows them.
CHART_TITLES = (
    "คะแนนรายตัวชี้วัดเทียบค่าเป้าหมาย",
    "ข้อที่ได้คะแนนต่ำกว่าค่าเป้าหมาย",
    "คะแนนรายเครื่องมือและคะแนน ITA",
)
# Children of w:rPr that come after w:szCs / w:lang in the schema's order; Word refuses a file
# whose run properties are out of order.
_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
               "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def write_docx(doc: MeasuresDocument, path: str | Path, *, charts: bool = True) -> Path:
    """Write ``doc`` as a Word document to ``path`` atomically and return the path."""
    from ita_report.iorw import atomic_write_bytes

    data = docx_bytes(doc, charts=charts)
    atomic_write_bytes(path, data)
    return Path(path)


def docx_bytes(doc: MeasuresDocument, *, charts: bool = True) -> bytes:
    """The .docx file of ``doc``: title block, results, charts, measures table, limitations."""
    from docx import Document

    font = office_font()
    word = Document()
    _page(word, doc)
    _styles(word, font)
    # Word's title property holds at most 255 characters (python-docx refuses more); the
    # title shown on the page is the full one.
    word.core_properties.title = doc.title[:255]
    word.core_properties.language = "th-TH"
    _title_block(word, doc, font)
    _results(word, doc, font)
    if charts:
        _charts(word, doc)
    _measures(word, doc, font)
    _limitations(word, doc, font)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# -- page and styles --------------------------------------------------------------------------


def _page(word: Any, doc: MeasuresDocument) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Word numbers the pages itself; ThaiArabic writes them in Thai digits like the text.
    _field(footer, "PAGE \\* ThaiArabic" if doc.thai else "PAGE")


def _field(paragraph: Any, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    paragraph._p.append(field)


def _set_fonts(rpr: Any, font: OfficeFont, size_pt: float | None, *, bold: bool = False) -> None:
    """Font, size and weight for Latin *and* complex script: Thai is complex script in Word."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        # A theme font wins over a named one; the default styles use themes.
        if fonts.get(qn(theme)) is not None:
            del fonts.attrib[qn(theme)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font.name)
    fonts.set(qn("w:hint"), "cs")
    if bold:
        rpr.get_or_add_b()
        rpr.get_or_add_bCs()
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        rpr.get_or_add_sz().set(qn("w:val"), half_points)
        size_cs = rpr.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = OxmlElement("w:szCs")
            rpr.insert_element_before(size_cs, *_AFTER_SZCS)
        size_cs.set(qn("w:val"), half_points)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_AFTER_LANG)
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")


def _styles(word: Any, font: OfficeFont) -> None:
    from docx.shared import Pt, RGBColor

    sizes = {
        "Normal": font.body_pt,
        "Title": font.title_pt,
        "Heading 1": font.heading_pt,
        "Heading 2": font.heading_pt,
    }
    for name, size in sizes.items():
        style = word.styles[name]
        _set_fonts(style.element.get_or_add_rPr(), font, size, bold=name != "Normal")
        if name != "Normal":
            style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(0 if name == "Normal" else 6)
        style.paragraph_format.space_after = Pt(2 if name == "Normal" else 4)
    # The Title style's bottom border and spacing suit English memos, not this title block.
    title = word.styles["Title"].element
    ppr = title.pPr
    if ppr is not None:
        for border in ppr.findall(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"
        ):
            ppr.remove(border)


def _run(paragraph: Any, text: str, font: OfficeFont, size: float | None = None,
         *, bold: bool = False) -> Any:
    run = paragraph.add_run(text)
    _set_fonts(run._r.get_or_add_rPr(), font, size, bold=bold)
    return run


def _paragraph(container: Any, text: str, font: OfficeFont, *, style: str | None = None,
               size: float | None = None, bold: bool = False, centre: bool = False) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = container.add_paragraph(style=style)
    _run(paragraph, text, font, size, bold=bold)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


# -- parts ------------------------------------------------------------------------------------


def _title_block(word: Any, doc: MeasuresDocument, font: OfficeFont) -> None:
    lines = title_lines(doc)
    _paragraph(word, lines[0], font, style="Title", centre=True)
    for line in lines[1:-1]:
        _paragraph(word, line, font, centre=True, size=font.heading_pt, bold=True)
    _paragraph(word, lines[-1], font, centre=True)


def _results(word: Any, doc: MeasuresDocument, font: OfficeFont) -> None:
    a, thai = doc.assessment, doc.thai

    def cell(value: float | None) -> str:
        return "ไม่มีข้อมูล" if value is None else format_score(value, thai=thai)

    word.add_paragraph("ผลการประเมิน", style="Heading 1")
    rows = [(f"{t.code} {t.name_th}", cell(t.score)) for t in a.tools]
    rows.append(("คะแนน ITA", cell(a.ita)))
    rows.append(("ระดับผลการประเมิน", a.level or "ไม่มีข้อมูลพอจะจัดระดับ"))
    rows.append(
        (
            f"ข้อที่ต่ำกว่าเป้าหมาย {format_score(a.target, thai=thai)} คะแนน",
            f"{digits(str(len(a.items_below_target)), thai=thai)} ข้อ",
        )
    )
    table = word.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for (label, value), row in zip(rows, table.rows, strict=True):
        _fill_cell(row.cells[0], [label], font, bold=True)
        _fill_cell(row.cells[1], [value], font)
    _widths(table, (12.0, 5.0))
    for note in doc.notes_th:
        _paragraph(word, note, font, bold=True)


def _charts(word: Any, doc: MeasuresDocument) -> None:
    from docx.shared import Cm

    from ita_report import charts

    figures = (
        charts.indicator_chart(indicator_series(doc), doc.params.target, thai_digits=doc.thai),
        charts.gaps_chart(gap_series(doc), doc.params.target, thai_digits=doc.thai),
        charts.tools_chart(tool_series(doc), doc.assessment.ita, doc.assessment.level,
                           doc.params.target, thai_digits=doc.thai),
    )
    for title, figure in zip(CHART_TITLES, figures, strict=True):
        heading = word.add_paragraph(title, style="Heading 2")
        heading.paragraph_format.keep_with_next = True
        picture = io.BytesIO(charts.figure_to_png(figure))
        word.add_picture(picture, width=Cm(CHART_WIDTH_CM))


def _measures(word: Any, doc: MeasuresDocument, font: OfficeFont) -> None:
    heading = word.add_paragraph(style="Heading 1")
    _run(heading, measures_heading(doc), font)
    heading.paragraph_format.page_break_before = True  # the table starts a page, as in the seed
    heading.paragraph_format.keep_with_next = True

    table = word.add_table(rows=2, cols=len(COLUMNS_TH))
    table.style = "Table Grid"
    table.autofit = False
    groups, names = table.rows[0], table.rows[1]
    # The seed's two header rows: ประเด็น spans both; the other six sit under two groups.
    theme = groups.cells[0].merge(names.cells[0])
    _fill_cell(theme, [COLUMNS_TH[0]], font, bold=True, centre=True)
    analysis = groups.cells[1].merge(groups.cells[2])
    _fill_cell(analysis, ["การวิเคราะห์ข้อมูล"], font, bold=True, centre=True)
    action = groups.cells[3].merge(groups.cells[6])
    _fill_cell(action, ["การนำผลการวิเคราะห์ไปสู่การปฏิบัติ"], font, bold=True, centre=True)
    for column, name in enumerate(COLUMNS_TH[1:], start=1):
        _fill_cell(names.cells[column], [name], font, bold=True, centre=True)
    for header in (groups, names):
        _repeat_as_header(header)
        for tc in header._tr.tc_lst:  # each cell once, however many columns it spans
            _shade(tc, HEADER_FILL)

    for row in doc.rows:
        cells = table.add_row().cells
        texts: Sequence[Sequence[str]] = (
            [f"{digits(str(row.number), thai=doc.thai)}. {row.title_th}"],
            row.item_texts(thai=doc.thai),
            [row.analysis_th],
            row.measure_parts,
            numbered_steps(row, doc.thai),
            [row.quarter_th],
            [row.unit_th],
        )
        for cell, lines in zip(cells, texts, strict=True):
            _fill_cell(cell, lines, font)
    _widths(table, COLUMN_WIDTHS_CM)


def _widths(table: Any, widths_cm: Sequence[float]) -> None:
    """Column widths in the grid and on every cell (Word reads one, LibreOffice the other)."""
    from docx.shared import Cm

    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for tr in table._tbl.tr_lst:
        at = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Cm(sum(widths_cm[at : at + span]))
            at += span


def _limitations(word: Any, doc: MeasuresDocument, font: OfficeFont) -> None:
    # The notes for the preparer (doc.notes) are never part of the published Word file.
    if not doc.limitations:
        return  # as the HTML: no empty heading to publish
    heading = word.add_paragraph("ข้อจำกัด", style="Heading 1")
    heading.paragraph_format.keep_with_next = True
    # Numbered as text, like the seed ("๑. ..."): Word's list numbering would use Arabic digits.
    for number, note in enumerate(doc.limitations, start=1):
        _paragraph(word, f"{digits(str(number), thai=doc.thai)}. {note}", font)


# -- table cells ------------------------------------------------------------------------------


def _fill_cell(cell: Any, lines: Sequence[str], font: OfficeFont, *, bold: bool = False,
               centre: bool = False) -> None:
    """One paragraph per line (an item, a step), in the table's size."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    first = cell.paragraphs[0]
    for n, line in enumerate(lines or [""]):
        paragraph = first if n == 0 else cell.add_paragraph()
        _run(paragraph, line, font, font.table_pt, bold=bold)
        paragraph.paragraph_format.space_after = Pt(2)
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _repeat_as_header(row: Any) -> None:
    """Mark ``row`` as a header row Word repeats at the top of every page (``w:tblHeader``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def _shade(tc: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)
