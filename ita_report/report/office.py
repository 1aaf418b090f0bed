"""What the Word and Excel files share: the Thai font they are set in, and the same bytes each time.

The font and its size are the officer's choice (``document:`` in the params file), never what
the generating machine happens to have installed. A file is rewritten with every date in it set
to the document's date, so the same inputs and date give the same bytes. Nothing here changes a
global setting.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: The font Thai government documents are typed in (officers' machines have it).
TH_SARABUN_NEW = "TH Sarabun New"
#: The open font this project ships (the same face in the HTML and PDF): embedded in Word files.
SARABUN = "Sarabun"
FONT_FAMILIES = (TH_SARABUN_NEW, SARABUN)
#: The body size each family is usually typed at: TH Sarabun New draws its glyphs about a
#: third smaller than Sarabun at the same point size, so 16 pt of one reads like 12 pt of the
#: other.
USUAL_BODY_PT = {TH_SARABUN_NEW: 16.0, SARABUN: 12.0}


@dataclass(frozen=True)
class OfficeFont:
    """A Thai font (แบบอักษร) and its sizes in points, all scaled from the body size."""

    name: str
    body_pt: float
    table_pt: float
    title_pt: float
    heading_pt: float

    @property
    def embedded(self) -> bool:
        """Whether Word files carry the font itself (only the one this project ships)."""
        return self.name == SARABUN


def _half_points(value: float) -> float:
    return round(value * 2) / 2


def office_font(name: str = TH_SARABUN_NEW, body_pt: float | None = None) -> OfficeFont:
    """The font ``name`` at ``body_pt`` (its usual size when None), table and headings in step.

    >>> office_font("Sarabun")
    OfficeFont(name='Sarabun', body_pt=12.0, table_pt=10.5, title_pt=16.5, heading_pt=13.5)
    """
    body = float(body_pt or USUAL_BODY_PT.get(name, 16.0))
    return OfficeFont(
        name,
        body_pt=body,
        table_pt=_half_points(body * 0.875),
        title_pt=_half_points(body * 1.375),
        heading_pt=_half_points(body * 1.125),
    )


#: What a character of Thai text takes, per point of font size: its average width in Sarabun
#: (0.53 em, measured over the report's own sentences) and the height of a line in Word and
#: LibreOffice (Sarabun's Windows ascent and descent: 1.85 em). TH Sarabun New draws its
#: glyphs about three quarters as large at the same point size.
GLYPH_EM = {SARABUN: (0.53, 1.85), TH_SARABUN_NEW: (0.40, 1.39)}


def wrapped_lines(text: str, per_line: int) -> int:
    """How many lines ``text`` takes when ``per_line`` characters fit on one (at least one).

    Thai vowel and tone marks sit above or below their letter and take no width of their own.
    """
    per_line = max(1, per_line)
    lines = 0
    for line in text.split("\n"):
        shown = sum(1 for ch in line if unicodedata.category(ch) != "Mn")
        lines += max(1, math.ceil(shown / per_line))
    return lines


#: One unit of Excel's column width, in points (7 pixels of its default font at 96 dpi), and
#: how much of a line wrapped text fills (it breaks between words, not mid-word).
WIDTH_UNIT_PT = 5.25
LINE_FILL = 0.85
#: The tallest row Excel allows, in points.
MAX_ROW_PT = 409.5


def cell_lines(value: object, width: float, font_name: str, size_pt: float) -> int:
    """How many lines ``value`` takes in ``font_name`` at ``size_pt``, wrapped in a column
    ``width`` units wide. A number or a date is one line (it never wraps)."""
    if not isinstance(value, str):
        return 1
    char_em = GLYPH_EM.get(font_name, GLYPH_EM[SARABUN])[0]
    per_line = math.floor(width * WIDTH_UNIT_PT * LINE_FILL / (char_em * size_pt))
    return wrapped_lines(value, per_line)


def text_row_height(
    values: Sequence[object], widths: Sequence[float], font_name: str, size_pt: float,
    *, most: float = MAX_ROW_PT,
) -> float:
    """Points a row needs to show every line of its tallest cell.

    Excel never grows a row a file gives (nor one it gives no height: it shows one line of
    each cell until someone double-clicks the row's border), so every row is written as tall
    as its wrapped text: the lines of its tallest cell × the font's line height, up to
    ``most`` (the tallest row Excel allows; a table with taller rows spans several).
    """
    line_em = GLYPH_EM.get(font_name, GLYPH_EM[SARABUN])[1]
    tallest = max((cell_lines(v, w, font_name, size_pt)
                   for v, w in zip(values, widths, strict=False)), default=1)
    return min(most, round(tallest * size_pt * line_em + 4, 1))


def fit_row_heights(
    sheet: Any, widths: Sequence[float], font_name: str, size_pt: float, *, first_row: int = 1
) -> None:
    """Every row of ``sheet`` (openpyxl) from ``first_row`` on as tall as its wrapped text
    (:func:`text_row_height`), the columns ``widths`` units wide."""
    for row in sheet.iter_rows(min_row=first_row):
        values = [cell.value for cell in row]
        if any(isinstance(v, str) for v in values):
            sheet.row_dimensions[row[0].row].height = text_row_height(
                values, widths, font_name, size_pt)


_ZIP_EPOCH = _dt.date(1980, 1, 1)
_CORE_DATES = re.compile(
    rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def same_bytes_each_time(data: bytes, when: _dt.date) -> bytes:
    """``data`` (a .docx or .xlsx) with every date in it set to ``when``.

    A zip records when each member was written, and Word's and Excel's document properties
    when the file was created and last saved: all of them are the document's date here, so a
    rerun with the same inputs and date gives the same bytes. Members keep their order.
    """
    stamp = when.strftime("%Y-%m-%dT00:00:00Z").encode("ascii")
    zipped = max(when, _ZIP_EPOCH)  # a zip cannot say a day before 1980
    zip_day = (zipped.year, zipped.month, zipped.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            member = zipfile.ZipInfo(info.filename, date_time=zip_day)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3  # Unix, whatever machine made it: the mode below is Unix's
            member.external_attr = 0o644 << 16
            target.writestr(member, content)
    return out.getvalue()


def print_landscape(sheet: Any, *, title_rows: str | None = None) -> None:
    """An Excel sheet printed as the documents are: A4 landscape, one page wide (as many pages
    down as needed), ``title_rows`` (``"1:1"``) repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows


#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): an officer's
#: ``=HYPERLINK(…)`` or ``=cmd|…`` (DDE) in a measure would run when the file is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def keep_as_text(workbook: Any) -> Any:
    """``workbook`` (openpyxl) with every text cell stored as text, never as a formula.

    openpyxl turns a string that begins with ``=`` into a live formula; such cells (and those
    beginning with ``+ - @``, a tab or CR) are made plain string cells with Excel's quote
    prefix, so Excel shows the text as written and keeps it text when the cell is edited.
    Called by every writer just before saving (after the styles are set). Returns ``workbook``.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return workbook


def csv_text(value: Any) -> Any:
    """``value`` for a CSV cell: text a spreadsheet would run as a formula gets a leading
    apostrophe (OWASP's advice); anything else is returned unchanged.

    A signed number (``-2.5``, a gap) is a number to the spreadsheet, not a formula: kept.

    >>> csv_text("=1+1"), csv_text("ทม.แฉะแม่"), csv_text(84.5), csv_text("-2.5")
    ("'=1+1", 'ทม.แฉะแม่', 84.5, '-2.5')
    """
    if (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and not _SIGNED_NUMBER.fullmatch(value)):
        return "'" + value
    return value


_SIGNED_NUMBER = re.compile(r"[+-]\d+(?:[.,]\d+)*%?")
