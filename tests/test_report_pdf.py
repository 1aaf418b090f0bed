"""``ita-report run --formats pdf`` as an officer publishes it: the real Chromium, the real file.

Read back with pypdf and, where poppler-utils is installed, with ``pdffonts`` and ``pdftotext``
(what a reader's search box sees). Skipped without Chromium (``.ci/run`` installs it).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from ita_report.cli import main
from ita_report.params import load_params
from ita_report.report import COLUMNS_TH, MeasuresDocument, build_document, measures_heading
from ita_report.report.pdf import BROWSER_ENV, BrowserMissing, find_browser
from ita_report.thai import digits

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ROOT / "params" / "chaemae-2566.yaml"
LETTERHEAD = "สำนักปลัดเทศบาล เทศบาลเมืองแฉะแม่ โทร. ๐ ๔๕๓๑ ๒๓๔๕"
try:
    BROWSER: Path | None = find_browser()
except BrowserMissing:
    BROWSER = None
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium to print with (.ci/run installs Debian's chromium)"
)
POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pdf")]


def plain(text: str) -> str:
    """Letters and digits only: extraction tools differ in spaces, line ends, tone marks and
    how they split the vowel ำ (its ring is left out here); what a search finds is the letters."""
    text = unicodedata.normalize("NFKC", text).replace("\u0e33", "\u0e32")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


@dataclass(frozen=True)
class Published:
    pdf: Path
    html: Path
    stdout: str
    doc: MeasuresDocument
    pages: list[str]  # each page's text, as pdftotext (or else pypdf) gives it


def page_texts(path: Path) -> list[str]:
    # pypdf keeps each table cell's lines together (pdftotext interleaves the columns).
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    if BROWSER is None:
        pytest.skip("no Chromium to print with (.ci/run installs Debian's chromium)")
    out = tmp_path_factory.mktemp("reports")
    # The sample, with the officer's letterhead and date (document:).
    params = out / "chaemae-2566.yaml"
    text = PARAMS.read_text(encoding="utf-8").replace(
        "scores_file: ../", f"scores_file: {ROOT.as_posix()}/"
    )
    # Into the sample's own document: block (it chooses Thai-digit codes, like its seed).
    params.write_text(text.replace("document:\n", f"document:\n  letterhead: {LETTERHEAD}\n"
                                   "  date: 2567-10-01\n", 1), encoding="utf-8")
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        status = main(["run", str(params), "--out", str(out), "--formats", "pdf"])
    assert status == 0, said.getvalue()
    pdf = out / "2566" / "chaemae.pdf"
    return Published(pdf, pdf.with_suffix(".html"), said.getvalue(),
                     build_document(load_params(params)), page_texts(pdf))


@needs_browser
def test_run_writes_the_pdf_beside_the_html(published: Published) -> None:
    assert published.pdf.is_file() and published.html.is_file()
    assert f"(PDF written): {published.pdf}" in published.stdout
    assert published.pdf.read_bytes().startswith(b"%PDF-")
    leftovers = [p.name for p in published.pdf.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


@needs_browser
def test_every_page_is_a4_landscape(published: Published) -> None:
    reader = PdfReader(str(published.pdf))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in reader.pages}
    assert sizes == {(842, 595)}


@needs_browser
def test_fonts_are_embedded(published: Published) -> None:
    reader = PdfReader(str(published.pdf))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts", [font])[0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in
                                                 ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert any("Sarabun" in name for name in fonts)
    if POPPLER:
        listed = subprocess.run(["pdffonts", str(published.pdf)], capture_output=True,
                                text=True, check=True).stdout.splitlines()[2:]
        assert listed and all(line.split()[-5] == "yes" for line in listed), listed


@needs_browser
def test_thai_text_comes_back_and_the_preparer_notes_never_appear(published: Published) -> None:
    whole = plain("".join(published.pages))
    doc = published.doc
    for text in (doc.params.org_name, measures_heading(doc), *COLUMNS_TH,
                 doc.rows[0].analysis_th, doc.limitations[0]):
        assert plain(text) in whole, text
    if POPPLER:  # the exact characters a reader's search is given, tone marks and all
        searched = pdftotext(published.pdf)
        for words in ("เทศบาลเมืองแฉะแม่", "ผลการวิเคราะห์ข้อมูล", "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ",
                      "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"):
            assert words in searched
    assert doc.notes  # the sample has notes for the preparer: on screen only
    for note in doc.notes:
        assert plain(note)[:40] not in whole
    assert plain("หมายเหตุสำหรับผู้จัดทำ") not in whole


@needs_browser
def test_the_letterhead_and_the_officers_date_open_page_one(published: Published) -> None:
    # Page 1 is the announcement its executive signs (issue 25), dated with the officer's date;
    # the analysis is attached from page 2.
    first = plain(published.pages[0])
    assert plain(LETTERHEAD) in first
    for words in ("ประกาศเทศบาลเมืองแฉะแม่", "จึงประกาศให้ทราบโดยทั่วกัน",
                  "ประกาศ ณ วันที่ ๑ เดือน ตุลาคม พ.ศ. ๒๕๖๗", "นายกเทศมนตรีเมืองแฉะแม่"):
        assert plain(words) in first, words
    second = plain(published.pages[1])
    assert plain("แนบท้ายประกาศเทศบาลเมืองแฉะแม่") in second
    assert plain("จัดทำเมื่อ ๑ ตุลาคม ๒๕๖๗") in second and "ita-report" not in published.pages[1]
    # The terminal said which date it printed, and where it came from.
    assert "document date 2024-10-01, from document: date:" in published.stdout
    # Once, above the title: the table's pages repeat the document title, not the letterhead.
    assert not any(plain(LETTERHEAD) in plain(page) for page in published.pages[1:])


@needs_browser
def test_every_table_page_carries_the_title_and_both_header_rows(published: Published) -> None:
    # From the attachment on: the announcement on page 1 names the themes too (issue 25).
    pages = [plain(p) for p in published.pages][1:]
    doc = published.doc
    first = next(i for i, t in enumerate(pages) if plain(doc.rows[0].title_th) in t)
    last = next(i for i, t in enumerate(pages) if plain(doc.rows[-1].title_th) in t)
    assert last > first  # the table runs over several pages
    for number, text in enumerate(pages[first : last + 1]):
        # The title line first (after the page number, drawn first in the margin; on the
        # table's first page, under the last chart: issue 25)...
        if number:
            assert text.lstrip("๐๑๒๓๔๕๖๗๘๙").startswith(plain(measures_heading(doc)))
        assert plain(measures_heading(doc)) in text
        for words in ("การวิเคราะห์ข้อมูล", "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ", *COLUMNS_TH):
            assert plain(words) in text  # ...then both header rows


@needs_browser
def test_a_row_that_does_not_fit_continues_on_the_next_page_with_its_theme_and_tor(
    published: Published,
) -> None:
    # Issue 25: every row was kept whole, so most pages held one row and were 30-60 % blank.
    # Now a row continues on the next page, its theme's name repeated there with "(ต่อ)".
    pages = [plain(p) for p in published.pages]
    continued = 0
    for row in published.doc.rows:
        theme = plain(f"{digits(str(row.number), thai=True)}. {row.title_th}")
        # Where a page opens (under the header rows) with the theme and (ต่อ), the row began
        # on the page before (its name there cut where that page ends, when it is short).
        for number, page in enumerate(pages[1:], start=1):
            rest = page.split(plain("ส่วนงานที่รับผิดชอบ"), 1)[-1]
            if rest.startswith(theme + plain("(ต่อ)")):
                continued += 1
                assert theme[:8] in pages[number - 1], row.title_th
    assert continued >= 1
    if POPPLER:  # the exact text a reader's search finds
        assert "(ต่อ)" in pdftotext(published.pdf)


@needs_browser
def test_about_half_the_pages_and_none_under_a_third_full(published: Published,
                                                       tmp_path: Path) -> None:
    # The sample printed 12 pages (an announcement, title and results, a chart a page, a
    # table of seven pages most of them a third to a half blank): now 7 at most, with the
    # results in words (about two thirds of a page) added since.
    assert len(published.pages) <= 7
    if not POPPLER:
        return
    boxes = tmp_path / "boxes.html"
    subprocess.run(["pdftotext", "-bbox", str(published.pdf), str(boxes)], check=True)
    word = re.compile(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"')
    pages = boxes.read_text("utf-8").split("<page ")[1:]
    height = float(re.search(r'height="([\d.]+)"', pages[0]).group(1))  # type: ignore[union-attr]
    filled = [max((float(y) for y in word.findall(page) if float(y) < 0.95 * height), default=0)
              / height for page in pages]
    # The announcement is a page of its own, the document's last page ends it: every other
    # page is more than a third full (the page number at the foot left out).
    assert all(share > 1 / 3 for share in filled[1:-1]), filled
    # No chart alone on a page: the tools chart beside the results table it draws, the
    # indicators beside the items under target on one page, and the table starts under them
    # or on the next page.
    charts = [next(i for i, t in enumerate(published.pages) if i and plain(title) in plain(t))
              for title in ("คะแนนรายเครื่องมือและคะแนน ITA", "คะแนนรายตัวชี้วัดเทียบค่าเป้าหมาย",
                            "ข้อที่ได้คะแนนต่ำกว่าค่าเป้าหมาย")]
    table = next(i for i, t in enumerate(published.pages)
                 if plain(measures_heading(published.doc)) in plain(t))
    assert charts[0] == 1 and charts[1] == charts[2] <= 2, charts  # page 2: the results
    assert table in (charts[-1], charts[-1] + 1)
    # The results in words go on under the results, paragraph by paragraph (kept whole,
    # they moved to a page of their own and left half of page 2 blank).
    words = next(i for i, t in enumerate(published.pages)
                 if plain("คำอธิบายผลการประเมิน") in plain(t))
    assert words == 1 and plain("ผลการประเมิน") in plain(published.pages[1])


@needs_browser
def test_pages_are_numbered_in_thai_digits_and_charts_are_vector(published: Published) -> None:
    reader = PdfReader(str(published.pdf))
    for number, text in enumerate(published.pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert digits(str(number), thai=True) in lines, (number, lines[-3:])
    assert all(not page.images for page in reader.pages)  # drawn, not pictures
    assert plain("เป้าหมาย ๘๕") in plain("".join(published.pages))  # a chart's own label


def test_chart_labels_print_at_eight_and_a_half_points_or_more(published: Published) -> None:
    # Charts are scaled down to share pages; their labels must stay readable on paper (the
    # sample's gaps chart once printed its labels at 4.3 pt).
    smallest: list[tuple[float, int, str]] = []
    for number, page in enumerate(PdfReader(str(published.pdf)).pages, start=1):

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  number: int = number) -> None:
            if text.strip():
                # The size as printed: the font size through the text and page matrices.
                a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                              tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
                smallest.append((size * abs(a * d - b * c) ** 0.5, number, text.strip()))

        page.extract_text(visitor_text=visit)
    assert smallest and min(smallest)[0] >= 8.5, min(smallest)


def printed_words(pdf: Path, tmp_path: Path) -> list[tuple[int, float, str]]:
    """(page, width in pt, word) of every word as pdftotext -bbox places it on the page."""
    boxes = tmp_path / "boxes.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(boxes)], check=True)
    word = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>')
    return [
        (number, float(x1) - float(x0), text)
        for number, page in enumerate(boxes.read_text("utf-8").split("<page ")[1:], start=1)
        for x0, x1, text in word.findall(page)
    ]


@pytest.mark.skipif(not POPPLER, reason="pdftotext (poppler-utils) not installed")
def test_no_stray_marks_and_no_header_word_cut_in_two(published: Published, tmp_path: Path) -> None:
    # A heading or repeated table title opening a page once left its stacked marks (ชี้,
    # กระบี่) printed alone at the foot of the page before: a "word" of no width.
    words = printed_words(published.pdf, tmp_path)
    assert not [(page, text) for page, width, text in words if width < 0.5]
    # A header word is never cut in two ("รับผิด|ชอบ": Chromium's dictionary breaks it there):
    # on every table page it is a line of its own.
    header_pages = {page for page, _w, text in words if text == "ขั้นตอน/วิธีการปฏิบัติ"}
    whole = {page for page, _w, text in words if text == "รับผิดชอบ"}
    assert header_pages and header_pages <= whole


def test_no_browser_is_said_in_thai_and_english_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(BROWSER_ENV, str(tmp_path / "no-such-browser"))
    assert main(["run", str(PARAMS), "--out", str(tmp_path / "r"), "--formats", "html,pdf"]) == 1
    err = capsys.readouterr().err
    assert "ไม่พบโปรแกรม Chromium" in err and "no Chromium" in err and "apt-get install" in err
    assert "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_an_unknown_format_is_refused_in_thai_and_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["run", str(PARAMS), "--formats", "html,odt"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "ไม่รู้จักรูปแบบไฟล์ odt" in err and "unknown format(s) odt" in err
    assert re.search(r"html, docx, xlsx, pdf", err)


# -- the weakest synthetic อบต. (fifty-one items under target) -------------------------------


@dataclass(frozen=True)
class Weak:
    pdf: Path
    html: Path
    docx: Path


@pytest.fixture(scope="module")
def weak(tmp_path_factory: pytest.TempPathFactory) -> Weak:
    if BROWSER is None:
        pytest.skip("no Chromium to print with (.ci/run installs Debian's chromium)")
    out = tmp_path_factory.mktemp("weak")
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        assert main(["synth", "--agencies", "300", "--years", "2566",
                     "--out", str(out / "syn")]) == 0
        lines = (out / "syn" / "agencies.csv").read_text("utf-8").splitlines()
        roster = out / "roster.csv"
        roster.write_text("\n".join([lines[0], *[x for x in lines if x.startswith("syn00184,")]])
                          + "\n", encoding="utf-8")
        assert main(["batch", "--scores", str(out / "syn" / "scores-2566.csv"), "--year", "2566",
                     "--agencies", str(roster), "--out", str(out / "r"),
                     "--formats", "pdf,docx"]) == 0, said.getvalue()
    pdf = out / "r" / "2566" / "syn00184.pdf"
    return Weak(pdf, pdf.with_suffix(".html"), pdf.with_suffix(".docx"))


def filled_shares(pdf: Path, tmp_path: Path) -> list[float]:
    """How far down each page its text goes (the page number at the foot left out)."""
    boxes = tmp_path / "filled.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(boxes)], check=True)
    word = re.compile(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"')
    pages = boxes.read_text("utf-8").split("<page ")[1:]
    height = float(re.search(r'height="([\d.]+)"', pages[0]).group(1))  # type: ignore[union-attr]
    return [max((float(y) for y in word.findall(page) if float(y) < 0.95 * height), default=0)
            / height for page in pages]


@needs_browser
@pytest.mark.skipif(not POPPLER, reason="pdftotext (poppler-utils) not installed")
def test_the_weakest_agency_prints_tight(weak: Weak, tmp_path: Path) -> None:
    # 17 pages when issue 25 was filed, 12 before its part 8 was finished: every row, item,
    # step and chart still there, on 9.
    filled = filled_shares(weak.pdf, tmp_path)
    assert len(filled) <= 9
    # The announcement is a page of its own and the last page ends the document: every other
    # page more than a third full.
    assert all(share > 1 / 3 for share in filled[1:-1]), filled


def theme_words_cut(pdf: Path, html: Path, table_mm: float) -> tuple[int, list[tuple[str, str]]]:
    """The printed lines of the ประเด็น column (the table ``table_mm`` wide), and those that
    hold a piece of a word rather than whole words (words as ICU, the line breaker of
    Chromium and LibreOffice, cuts them)."""
    import html as markup

    from ita_report.report.columns import thai_words

    source = html.read_text("utf-8")
    share = float(re.search(r'class="c-theme" style="width: ([\d.]+)%"',  # type: ignore[union-attr]
                            source).group(1))
    names = [markup.unescape(re.sub("<[^>]+>", "", cell))
             for cell in re.findall(r'<td class="theme">(.*?)</td>', source)]
    whole = {part for name in names for word in thai_words(name)
             for part in (word, *re.split(r"(?<=-)", word))} | {"(ต่อ)", "(", ")", "ต่อ"}
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    box = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<')
    seen, cut = 0, []
    for page in boxes.split("<page ")[1:]:
        words = box.findall(page)
        # The table's header: "ประเด็น" with "ข้อคำถาม" on its row or the header row under it
        # (the announcement says ประเด็น too, and where its lines fall moves the column).
        asks = [float(y) for _x, y, _x1, text in words if text == "ข้อคำถาม"]
        header = [(float(x0), float(y), float(x1)) for x0, y, x1, text in words
                  if text == "ประเด็น" and any(0 <= a - float(y) <= 25 for a in asks)]
        if not header:
            continue
        head = [(x0, x1) for x0, _y, x1 in header]
        # The table starts at its header row (text above it on the page is not the column's).
        start = min(y for _x0, y, _x1 in header)
        width = table_mm * 72 / 25.4 * share / 100
        left = sum(head[0]) / 2 - width / 2
        # The table ends where ข้อจำกัด begins.
        end = min([float(y) for _x, y, _x1, text in words if text == "ข้อจำกัด"] or [1e9])
        lines: dict[int, list[str]] = {}
        for x0, y0, x1, text in words:
            if (float(x0) >= left - 1 and float(x1) <= left + width + 1 and text != "ประเด็น"
                    and start < float(y0) < end):
                lines.setdefault(round(float(y0)), []).append(text)
        for parts in lines.values():
            seen += 1
            cut += [("".join(parts), w) for w in thai_words("".join(parts))
                    if w not in whole and not re.fullmatch(r"[\d๐-๙.()]+", w)]
    return seen, cut


@needs_browser
@pytest.mark.skipif(not POPPLER, reason="pdftotext (poppler-utils) not installed")
def test_no_theme_name_is_cut_inside_a_word(weak: Weak) -> None:
    # The ประเด็น column, fitted to the long cells beside it, printed "ประชาสัมพัน|ธ์" and
    # "การ|ประชาสัมพัน ธ์เผยแพร่" (issue 25): each printed line of it holds whole words only.
    seen, cut = theme_words_cut(weak.pdf, weak.html, 273)
    assert seen > 20 and not cut, cut


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@needs_browser
@pytest.mark.skipif(not POPPLER, reason="pdftotext (poppler-utils) not installed")
def test_no_paragraph_ends_with_one_short_word_alone_on_its_line(weak: Weak) -> None:
    # The announcement printed "…รายละเอียดตามแนบท้ายประกาศ" and then "นี้" alone on a line,
    # "…อยู่ในระดับไม่ผ่าน" and "นั้น": a paragraph's last words now stay together.
    printed = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "3", str(weak.pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in printed.splitlines() if line.strip()]
    assert any("รายละเอียดตามแนบท้ายประกาศนี้" in line for line in lines)
    alone = [line for line in lines if " " not in line and len(line) < 6
             and re.search("[\u0e01-\u0e2e]", line)]
    assert alone == [], alone


@needs_browser
@pytest.mark.skipif(not POPPLER or SOFFICE is None, reason="poppler-utils or LibreOffice missing")
def test_the_weakest_agencys_word_file_prints_tight_and_whole_words(weak: Weak,
                                                                     tmp_path: Path) -> None:
    # In Word (as LibreOffice prints it): 11 pages before, its ประเด็น column cut
    # "ประสิทธิภา|พ" and "ประชาสัมพั|นธ์".
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(weak.docx)], check=True, capture_output=True, timeout=180)
    printed = tmp_path / "syn00184.pdf"
    assert len(PdfReader(str(printed)).pages) <= 10
    seen, cut = theme_words_cut(printed, weak.html, 271.6)  # docx.COLUMN_WIDTHS_CM
    assert seen > 20 and not cut, cut


def test_word_charts_print_their_labels_at_eight_and_a_half_points_or_more(weak: Weak) -> None:
    # Shrunk to 7 cm tall, the weak อบต.'s gaps chart (thirty items) printed its 10.5 pt labels
    # at 4.3 pt in Word: no picture is now scaled under 8.5/10.5 of its drawn size.
    import docx

    word = docx.Document(str(weak.docx))
    scales = []
    for shape in word.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = word.part.related_parts[blip].image
        scales.append(shape.width.inches / (image.px_width / image.horz_dpi))
    assert len(scales) == 3 and min(scales) >= 8.5 / 10.5, scales
