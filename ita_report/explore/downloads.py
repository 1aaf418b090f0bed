"""Each exploration table as a CSV and an Excel file to download, under the table itself.

The files are read back from the very HTML table the page shows, so a download holds what the
analyst sees, in the same words and digits. Links are ``data:`` URIs, so they work alike in
JupyterLab, in the widgets' re-renders and in the exported page: nothing is written next to the
notebook and nothing is fetched. Exploration tables are summaries (at most a row per item or
province, some 100 kB of links a page whatever the number of agencies); a table too big to
embed says so instead. Never computes a score.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from ita_report.thai import to_arabic_digits

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Cells of one table above which its files are not embedded in the page (a data: URI of
#: megabytes makes the notebook and the exported page slow to open).
MAX_EMBEDDED_CELLS = 20_000
# A table's end, with the end of the scrolling box around it (``explore.html._table``).
_TABLE_END = re.compile(r"(</table>(?:</div>)?)")
# A shown number: Thai or Arabic digits, a sign, a decimal point (the page's "+1.20", "−0.50").
_NUMBER = re.compile(r"[+\-\u2212]?[0-9\u0e50-\u0e59]+(?:\.[0-9\u0e50-\u0e59]+)?")


@dataclass(frozen=True)
class ShownTable:
    """One table as shown: its kind (CSS class), caption or heading, header and rows of text."""

    kind: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


class _Tables(HTMLParser):
    """Collects ``<table class="explore …">`` elements, and the heading before each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[ShownTable] = []
        self._heading: list[str] | None = None
        self._last_heading = ""
        self._kind: str | None = None
        self._caption: list[str] | None = None
        self._title = ""
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_head = False
        self._header: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("h2", "h3"):
            self._heading = []
        elif tag == "table" and "explore" in classes:
            self._kind = next((c for c in classes if c != "explore"), "table")
            self._title, self._rows, self._header = self._last_heading, [], []
        elif self._kind is None:
            return
        elif tag == "caption":
            self._caption = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3") and self._heading is not None:
            self._last_heading = " ".join("".join(self._heading).split())
            self._heading = None
        elif self._kind is None:
            return
        elif tag == "caption" and self._caption is not None:
            self._title = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._in_head:
                self._header.append(text)
            elif self._rows:
                self._rows[-1].append(text)
            self._cell = None
        elif tag == "table":
            self.tables.append(ShownTable(self._kind, self._title, tuple(self._header),
                                          tuple(tuple(r) for r in self._rows if r)))
            self._kind = None

    def handle_data(self, data: str) -> None:
        for sink in (self._cell, self._caption, self._heading):
            if sink is not None:
                sink.append(data)
                return


def shown_tables(fragments: Iterable[str]) -> list[ShownTable]:
    """The exploration tables in ``fragments`` (HTML the notebook shows), in order."""
    parser = _Tables()
    for fragment in fragments:
        parser.feed(fragment)
    parser.close()
    return parser.tables


def csv_bytes(table: ShownTable) -> bytes:
    """The table as CSV in UTF-8 with a BOM (Thai Excel opens it without garbling)."""
    from ita_report.report.office import csv_text

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(t) for t in table.header])
    writer.writerows([csv_text(t) for t in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def _cell_value(text: str) -> str | float:
    """A shown number as a number (Excel can sum and sort it), anything else as its text."""
    if _NUMBER.fullmatch(text):
        return float(to_arabic_digits(text).replace("\u2212", "-"))
    return text


def xlsx_bytes(table: ShownTable) -> bytes:
    """The table as a one-sheet workbook: the title, then the header (bold) and the rows, the
    numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ita_report.report.office import keep_as_text, office_font

    font = office_font().name
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = table.kind[:31]
    sheet.append([table.title])
    sheet.append(list(table.header))
    for row in table.rows:
        sheet.append([_cell_value(text) for text in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.font = Font(name=font, size=14, bold=cell.row <= 2)
    for n, head in enumerate(table.header, start=1):
        letter = sheet.cell(row=2, column=n).column_letter
        longest = max((len(r[n - 1]) for r in table.rows if len(r) >= n), default=len(head))
        sheet.column_dimensions[letter].width = min(60, max(10, longest + 2))
    keep_as_text(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "table"


def download_links_html(tables: Sequence[ShownTable], stem: str, *,
                        titled: bool | None = None) -> str:
    """A line per table with its CSV and Excel files as links (``data:`` URIs), named after
    ``stem`` (numbered when there are several tables, which are then named by their titles).
    Empty without a table."""
    lines = []
    titled = len(tables) > 1 if titled is None else titled
    for n, table in enumerate(tables, start=1):
        name = _slug(stem if len(tables) == 1 else f"{stem}-{n}")
        label = "ตาราง " + html.escape(table.title or table.kind) if titled else "ตารางนี้"
        if len(table.rows) * max(1, len(table.header)) > MAX_EMBEDDED_CELLS:
            lines.append(f'<p class="explore-downloads too-big">{label}ใหญ่เกินกว่าจะแนบไฟล์'
                         "ในหน้านี้ (too big to attach to the page)</p>")
            continue
        as_csv = base64.b64encode(csv_bytes(table)).decode("ascii")
        as_xlsx = base64.b64encode(xlsx_bytes(table)).decode("ascii")
        lines.append(
            f'<p class="explore-downloads">ดาวน์โหลด{label} (download):'
            f' <a class="download-csv" download="{name}.csv"'
            f' href="data:text/csv;charset=utf-8;base64,{as_csv}">CSV</a>'
            f' · <a class="download-xlsx" download="{name}.xlsx"'
            f' href="data:{XLSX_TYPE};base64,{as_xlsx}">Excel</a></p>'
        )
    return "".join(lines)


def with_downloads(fragment: str, stem: str) -> str:
    """``fragment`` with the download links of each table in it right under that table."""
    tables = shown_tables([fragment])
    # Under the table's scrolling box, not inside it (where the links would scroll away).
    pieces = _TABLE_END.split(fragment)
    if len(pieces) != 2 * len(tables) + 1:  # a table that is not an exploration one: at the end
        return fragment + download_links_html(tables, stem)
    out = []
    for n, table in enumerate(tables):
        name = stem if len(tables) == 1 else f"{stem}-{n + 1}"
        out.append(pieces[2 * n] + pieces[2 * n + 1]
                   + download_links_html([table], name, titled=len(tables) > 1))
    return "".join(out) + pieces[-1]
