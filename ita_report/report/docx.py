"""The measures document as Word (.docx): what an officer would have typed, ready to edit and print.

Built from the same :class:`~ita_report.document.MeasuresDocument` as the HTML, so the texts are
the same: A4 landscape, the officer's Thai font and size (``document:``) set for complex
script, the title line and both header rows repeated on every page of the table, rows that
continue on the next page rather than leave it blank, the charts where the page has them (the
tools chart under the results it draws, the indicators and the items under target before the
paragraph of each tool), page numbers in Thai digits in Word and in LibreOffice. The same
inputs and date give the same bytes. Never writes a final path directly (``iorw``) and never
changes a global setting.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_report.document import MeasuresDocument
from ita_report.report.columns import column_shares
from ita_report.report.html import (
    COLUMNS_TH,
    letterhead,
    measures_cells,
    measures_heading,
    numbered_steps,
    result_rows,
    title_lines,
)
from ita_report.report.office import (
    GLYPH_EM,
    SARABUN,
    OfficeFont,
    office_font,
    same_bytes_each_time,
    wrapped_lines,
)
from ita_report.report.series import gap_series, indicator_series, tool_series
from ita_report.report.signature import Signatory, signature_lines
from ita_report.thai import digits

if TYPE_CHECKING:
    from ita_report.params import DocumentSettings

#: A4 turned on its side, in centimetres.
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 29.7, 21.0, 1.27
#: Widths of the seven columns (sum: the 27.16 cm between the margins).
COLUMN_WIDTHS_CM = (3.3, 5.2, 5.0, 4.2, 5.06, 1.9, 2.5)
CHART_WIDTH_CM = 24.0
#: A chart is at most this tall, so two share a page (it holds 18.46 cm between its margins).
CHART_HEIGHT_CM = 7.0
#: ...but never so small that its labels (10.5 pt and up as drawn) print under 8.5 pt: a weak
#: อบต.'s gaps chart (thirty items, 6.8 in tall) printed its labels at 4.3 pt (issue 25). Such
#: a chart is taller, up to a page less its heading.
CHART_LEAST_SCALE, CHART_PAGE_CM = 8.5 / 10.5 + 0.01, 16.5
HEADER_FILL = "E7E6E6"
PT_PER_CM = 72 / 2.54
#: Word's default cell margins (0.19 cm each side), the space after each paragraph in a cell,
#: the footer with the page number, and how much of a line wrapped Thai fills.
CELL_PADDING_CM, PARAGRAPH_AFTER_PT, FOOTER_PT, LINE_FILL = 0.38, 2.0, 36.0, 0.85
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
    """The .docx file of ``doc``: the announcement (its default form), title block, the
    introduction (title form), results, charts, measures table, limitations, and the signature
    (title form; an announcement is signed on its own first page)."""
    word, font = new_word(doc.title, doc.params.document, doc.generated_on, thai=doc.thai)
    front = doc.front
    announced = front is not None and front.form == "announcement"
    if front is not None and announced:
        _paragraphs_of_announcement(word, doc, font)
        add_signatures(word, [front.signatory], font)
    _title_block(word, doc, font, new_page=announced)
    if front is not None and not announced:
        word.add_paragraph("ความเป็นมา", style="Heading 1").paragraph_format.keep_with_next = True
        _introduction(word, doc, font)
    # In the page's order: the tools chart under the results it draws, what the level means,
    # the indicators and the items under target, then the paragraph of each tool.
    figures = _chart_figures(doc) if charts else []
    _results(word, doc, font)
    _add_charts(word, figures[-1:])
    _in_words(word, doc, font, first=True)
    _add_charts(word, figures[:-1])
    _in_words(word, doc, font, first=False)
    _measures(word, doc, font)
    _limitations(word, doc, font)
    if front is not None and not announced:
        add_signatures(word, [front.signatory], font)
    return word_bytes(word, doc.generated_on)


def _paragraphs_of_announcement(word: Any, doc: MeasuresDocument, font: OfficeFont) -> None:
    """ประกาศ{agency}, เรื่อง …, the introduction and the closing sentence (html's
    ``announcement_html`` in Word); the signature follows."""
    assert doc.front is not None
    head = letterhead(doc)
    if head:
        _paragraph(word, head, font, size=font.table_pt, centre=True)
    _paragraph(word, doc.front.heading, font, centre=True, size=font.heading_pt, bold=True)
    _paragraph(word, doc.front.subject, font, centre=True, bold=True)
    _paragraph(word, "-" * 12, font, centre=True)
    _introduction(word, doc, font)
    if doc.front.closing:
        _body_paragraph(word, doc.front.closing, font)


def _introduction(word: Any, doc: MeasuresDocument, font: OfficeFont) -> None:
    assert doc.front is not None
    for text in doc.front.paragraphs:
        _body_paragraph(word, text, font)


def _body_paragraph(word: Any, text: str, font: OfficeFont) -> None:
    """A paragraph of an official letter's body: first line indented 2.5 cm, justified as Thai
    is (Word's Thai Distributed: spread over the characters, not the few spaces)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    paragraph = _paragraph(word, text, font)
    paragraph.paragraph_format.first_line_indent = Cm(2.5)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY


def new_word(title: str, settings: DocumentSettings, made_on: _dt.date, *,
             thai: bool) -> tuple[Any, OfficeFont]:
    """An empty A4-landscape Word document set as every ita-report document is: the officer's
    font and size, page numbers in Thai digits when ``thai``, Sarabun embedded when chosen,
    properties dated ``made_on`` (never the clock). Returns the document and its font."""
    from docx import Document

    from ita_report.report.docx_fonts import (
        THAI_DIGITS_FONT,
        embed_fonts,
        sarabun_font,
        thai_digits_font,
    )

    font = office_font(settings.font, settings.font_size)
    word = Document()
    _page(word, font, thai=thai)
    _styles(word, font)
    # Word's title property holds at most 255 characters (python-docx refuses more); the
    # title shown on the page is the full one.
    properties = word.core_properties
    properties.title = title[:255]
    properties.language = "th-TH"
    # The document's date, never the clock: the same inputs and date give the same file.
    made = _dt.datetime.combine(made_on, _dt.time(), tzinfo=_dt.UTC)
    properties.created = properties.modified = made
    properties.author = properties.last_modified_by = "ita-report"
    properties.comments = ""  # not python-docx's "generated by python-docx"
    properties.revision = 1
    fonts: dict[str, dict[str, bytes]] = {}
    if font.embedded:  # the shipped Sarabun travels with the file
        fonts[font.name] = {"Regular": sarabun_font("Regular"), "Bold": sarabun_font("Bold")}
    if thai:
        fonts[THAI_DIGITS_FONT] = {"Regular": thai_digits_font()}
    if fonts:
        embed_fonts(word, fonts)
    return word, font


def word_bytes(word: Any, made_on: _dt.date) -> bytes:
    """The saved file of ``word``, every date in it ``made_on`` (a rerun gives the same bytes)."""
    buffer = io.BytesIO()
    word.save(buffer)
    return same_bytes_each_time(buffer.getvalue(), made_on)


# -- page and styles --------------------------------------------------------------------------


def _page(word: Any, font: OfficeFont, *, thai: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    from ita_report.report.docx_fonts import THAI_DIGITS_FONT

    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Word numbers the pages itself. Not "PAGE \\* ThaiArabic": LibreOffice reads that switch
    # as Thai letters (ก ข ค). An ordinary number drawn in the embedded face whose digits are
    # Thai digits reads ๑ ๒ ๓ in both.
    digits_font = dataclasses.replace(font, name=THAI_DIGITS_FONT) if thai else font
    _field(footer, "PAGE", digits_font, font.table_pt)


def _field(paragraph: Any, instruction: str, font: OfficeFont | None = None,
           size_pt: float | None = None) -> None:
    """A field (``PAGE``) at the end of ``paragraph``; its result set in ``font`` when given.

    ``font`` and ``size_pt`` are optional so that callers of the two-argument form (the
    implementation report) keep working: without them the result takes the paragraph's font.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    if font is not None:
        run = OxmlElement("w:r")
        _set_fonts(run.get_or_add_rPr(), font, size_pt)
        text = OxmlElement("w:t")
        text.text = "1"  # Word and LibreOffice replace it with the page's number
        run.append(text)
        field.append(run)
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


def _title_block(word: Any, doc: MeasuresDocument, font: OfficeFont, *,
                 new_page: bool = False) -> None:
    """As html's title block; after an announcement, on a new page under the line saying it
    is attached to it."""
    lines = title_lines(doc)
    head = letterhead(doc)
    if new_page and doc.front is not None:
        attached = _paragraph(word, doc.front.attachment, font, centre=True, bold=True)
        attached.paragraph_format.page_break_before = True
    elif head:
        _paragraph(word, head, font, size=font.table_pt)
    _paragraph(word, lines[0], font, style="Title", centre=True)
    for line in lines[1:-1]:
        _paragraph(word, line, font, centre=True, size=font.heading_pt, bold=True)
    if lines[-1].strip():  # no "จัดทำเมื่อ" line when the date is left to be written in
        _paragraph(word, lines[-1].strip(), font, centre=True)


def _results(word: Any, doc: MeasuresDocument, font: OfficeFont) -> None:
    word.add_paragraph("ผลการประเมิน", style="Heading 1")
    # The page's own rows (report.html.result_rows): the two cannot count differently.
    rows = [(label, value) for _kind, label, value in result_rows(doc)]
    table = word.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for (label, value), row in zip(rows, table.rows, strict=True):
        _fill_cell(row.cells[0], [label], font, bold=True)
        _fill_cell(row.cells[1], [value], font)
    _widths(table, (12.0, 5.0))


def _in_words(word: Any, doc: MeasuresDocument, font: OfficeFont, *, first: bool) -> None:
    """คำอธิบายผลการประเมิน: html's ``results_in_words_html`` in Word, body paragraphs: its
    heading and first passage (the level) when ``first``, else the passages after the charts
    (a paragraph per tool)."""
    words = doc.in_words
    if words is None:
        return
    if first:
        word.add_paragraph(words.heading, style="Heading 1").paragraph_format.keep_with_next = True
    for passage in words.passages[:1] if first else words.passages[1:]:
        if passage.heading:
            heading = word.add_paragraph(passage.heading, style="Heading 2")
            heading.paragraph_format.keep_with_next = True
        for text in passage.paragraphs:
            _body_paragraph(word, text, font)


def _chart_figures(doc: MeasuresDocument) -> list[tuple[str, Any]]:
    """(title, figure) of the indicators chart, the gaps chart (when an item is under target)
    and the tools chart, in that order."""
    from ita_report.report import charts

    indicators, gaps, tools = CHART_TITLES
    figures = [(indicators, charts.indicator_chart(indicator_series(doc), doc.params.target,
                                                   thai_digits=doc.thai))]
    if gap_series(doc):  # no item under target: no empty section titled by them
        figures.append((gaps, charts.gaps_chart(gap_series(doc), doc.params.target,
                                                thai_digits=doc.thai)))
    figures.append((tools, charts.tools_chart(tool_series(doc), doc.assessment.ita,
                                              doc.assessment.level, doc.params.target,
                                              thai_digits=doc.thai)))
    return figures


def _add_charts(word: Any, figures: Sequence[tuple[str, Any]]) -> None:
    from docx.shared import Cm

    from ita_report.report import charts

    for title, figure in figures:
        heading = word.add_paragraph(title, style="Heading 2")
        heading.paragraph_format.keep_with_next = True
        width_in, height_in = figure.get_size_inches()
        # Never taller than CHART_HEIGHT_CM, so charts share pages, unless its labels would
        # print under 8.5 pt; never wider than the page nor taller than what a page holds.
        aspect = float(width_in) / float(height_in)
        width = min(CHART_WIDTH_CM, CHART_PAGE_CM * aspect, max(
            CHART_HEIGHT_CM * aspect, CHART_LEAST_SCALE * float(width_in) * 2.54))
        picture = io.BytesIO(charts.figure_to_png(figure))
        word.add_picture(picture, width=Cm(width))
        word.paragraphs[-1].alignment = 1  # centred, as in the HTML


def _measures(word: Any, doc: MeasuresDocument, font: OfficeFont) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = word.add_table(rows=3, cols=len(COLUMNS_TH))
    table.style = "Table Grid"
    table.autofit = False
    title, groups, names = table.rows
    # The seed's title line is the table's first header row, so Word and LibreOffice repeat it
    # on every page with the two rows of column names; it has no borders of its own.
    heading = title.cells[0].merge(title.cells[-1])
    line = heading.paragraphs[0]
    # "พ.ศ. ๒๕๖๗" on one line (a no-break space): a weak อบต.'s long name left ๒๕๖๗ alone on a
    # second line of the title repeated on every page.
    _run(line, measures_heading(doc).replace("พ.ศ. ", "พ.ศ.\u00a0"), font, font.heading_pt,
         bold=True)
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The table follows the charts on their page (issue 25: a page-break before it left the
    # tools chart alone on a page); its title row repeats on every page it takes.
    line.paragraph_format.keep_with_next = True
    line.paragraph_format.space_after = Pt(4)
    _no_borders(heading._tc, ("top", "left", "right"))
    # The seed's two header rows: ประเด็น spans both; the other six sit under two groups.
    theme = groups.cells[0].merge(names.cells[0])
    _fill_cell(theme, [COLUMNS_TH[0]], font, bold=True, centre=True)
    analysis = groups.cells[1].merge(groups.cells[2])
    _fill_cell(analysis, ["การวิเคราะห์ข้อมูล"], font, bold=True, centre=True)
    action = groups.cells[3].merge(groups.cells[6])
    _fill_cell(action, ["การนำผลการวิเคราะห์ไปสู่การปฏิบัติ"], font, bold=True, centre=True)
    for column, name in enumerate(COLUMNS_TH[1:], start=1):
        _fill_cell(names.cells[column], [name], font, bold=True, centre=True)
    _repeat_as_header(title)
    for header in (groups, names):
        _repeat_as_header(header)
        for tc in header._tr.tc_lst:  # each cell once, however many columns it spans
            _shade(tc, HEADER_FILL)

    for row in doc.rows:
        added = table.add_row()
        texts: Sequence[Sequence[str]] = (
            [f"{digits(str(row.number), thai=doc.thai)}. {row.title_th}"],
            row.item_texts(style=doc.codes),
            [row.analysis_th],
            row.measure_parts,
            numbered_steps(row, doc.thai),
            [row.quarter_th],
            [row.unit_th],
        )
        # A row may continue on the next page (no w:cantSplit): kept whole, most pages held
        # one row and were a third to a half blank (issue 25). The three header rows repeat
        # above the rest. No row keeps with the next: LibreOffice moved the last two rows,
        # kept together, whole to a new page and left the page before a quarter full.
        for cell, lines in zip(added.cells, texts, strict=True):
            _fill_cell(cell, lines, font, size=measures_pt(font))
    # As wide as the document's text needs, as in the HTML (report.columns).
    shares = column_shares(measures_cells(doc))
    _widths(table, [sum(COLUMN_WIDTHS_CM) * share / 100 for share in shares])


def _row_height_pt(texts: Sequence[Sequence[str]], widths_cm: Sequence[float], font: OfficeFont,
                   size_pt: float | None = None) -> float:
    """About how tall a table row of ``texts`` is, in points: its tallest cell's lines.

    An estimate from the font's average character width, on the generous side (wrapped
    Thai breaks between words, so a line is never quite full).
    """
    size = size_pt or font.table_pt
    char_em, line_em = GLYPH_EM.get(font.name, GLYPH_EM[SARABUN])
    tallest = 0.0
    for lines, width in zip(texts, widths_cm, strict=False):
        usable = (width - CELL_PADDING_CM) * PT_PER_CM * LINE_FILL
        per_line = int(usable // (char_em * size))
        count = sum(wrapped_lines(line, per_line) for line in lines or [""])
        tallest = max(tallest, count * line_em * size + PARAGRAPH_AFTER_PT * len(lines or [""]))
    return tallest


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
    # The list keeps together, and with its heading: LibreOffice left its last item alone on
    # a last page (issue 25).
    for number, note in enumerate(doc.limitations, start=1):
        item = _paragraph(word, f"{digits(str(number), thai=doc.thai)}. {note}", font)
        item.paragraph_format.keep_with_next = number < len(doc.limitations)


def add_signatures(word: Any, signatories: Sequence[Signatory], font: OfficeFont) -> None:
    """The signatures of ``report.signature`` in a Word file: a borderless table, one column
    per signatory; one signature alone in the right half of the page."""
    _paragraph(word, "", font)
    width = PAGE_WIDTH_CM - 2 * MARGIN_CM
    cells = [signature_lines(s) for s in signatories]
    if len(cells) == 1:
        cells.insert(0, ())  # an empty left half
    table = word.add_table(rows=1, cols=len(cells))
    table.autofit = False
    for cell, lines in zip(table.rows[0].cells, cells, strict=True):
        _fill_cell(cell, lines, font, centre=True)
    _cant_split(table.rows[0])  # a signature is never cut across two pages
    _widths(table, [width / len(cells)] * len(cells))


# -- table cells ------------------------------------------------------------------------------


def measures_pt(font: OfficeFont) -> float:
    """The measures table's rows: a point under the table size (9.5 pt in Sarabun, as the
    print CSS), the table being most of the pages (issue 25)."""
    return round(font.table_pt * 9.5 / 10.5 * 2) / 2


def _fill_cell(cell: Any, lines: Sequence[str], font: OfficeFont, *, bold: bool = False,
               centre: bool = False, keep_with_next: bool = False,
               size: float | None = None) -> None:
    """One paragraph per line (an item, a step), in the table's size (or ``size``)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    first = cell.paragraphs[0]
    for n, line in enumerate(lines or [""]):
        paragraph = first if n == 0 else cell.add_paragraph()
        _run(paragraph, line, font, size or font.table_pt, bold=bold)
        paragraph.paragraph_format.space_after = Pt(2)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _cant_split(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _no_borders(tc: Any, sides: Sequence[str]) -> None:
    """No border on ``sides`` of the cell ``tc`` (the table's own grid stays elsewhere)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tcBorders")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    # w:tcBorders comes right after the cell's width and span in w:tcPr's schema order.
    tc.get_or_add_tcPr().insert_element_before(
        borders, "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
        "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


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
