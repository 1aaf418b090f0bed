"""Officers' path end to end: fill the template, ``new``, ``run --formats html,docx,xlsx``.

Then open the Word and Excel files again and compare them with the HTML table, and check that a
notebook failing inside the kernel prints a paragraph to act on instead of a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import nbformat
import openpyxl
import pytest
from bs4 import BeautifulSoup
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from nbformat.v4 import new_code_cell, new_notebook

# pytest puts tests/ on sys.path: the template tests' way of filling a workbook, reused.
from test_template import fill_from_sample, set_cells

from ita_report.cli import main
from ita_report.errors import NotebookFailed
from ita_report.framework import load_framework
from ita_report.officer.progress import PROGRESS_SHEET
from ita_report.params import load_params
from ita_report.report import COLUMNS_TH, build_document
from ita_report.report.preparer_page import notes_path
from ita_report.report.xlsx import GAPS_SHEET, MEASURES_SHEET
from ita_report.run import check_formats, run_report
from ita_report.run import single as run_module
from ita_report.thai import format_score

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("formats")]


@dataclass(frozen=True)
class Officer:
    """What an officer ends up with after the three commands."""

    folder: Path
    params: Path
    scores: Path
    html: Path
    docx: Path
    xlsx: Path
    stdout: str


@pytest.fixture(scope="module")
def officer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Officer]:
    folder = tmp_path_factory.mktemp("officer")
    scores = folder / "คะแนน-2566.xlsx"
    assert main(["template", "--year", "2566", "--out", str(scores), "--org-id", "chaemae"]) == 0
    fill_from_sample(scores)
    params = folder / "params" / "chaemae-2566.yaml"
    assert main(["new", "--org-name", "เทศบาลเมืองแฉะแม่", "--short-name", "ทม.แฉะแม่",
                 "--year", "2566", "--scores", str(scores), "--out", str(params),
                 "--district", "อำเภอเมืองอุบลราชธานี", "--province", "อุบลราชธานี"]) == 0
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["run", str(params), "--out", str(folder / "reports"),
                       "--formats", "html,docx,xlsx"])
    assert status == 0, out.getvalue()
    base = folder / "reports" / "2566" / "chaemae"
    yield Officer(folder, params, scores, base.with_suffix(".html"), base.with_suffix(".docx"),
                  base.with_suffix(".xlsx"), out.getvalue())


def squash(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def _html_rows(path: Path) -> list[list[str]]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    table = soup.find("table", class_="measures")
    assert table is not None
    body = table.find("tbody")
    return [[squash(td.get_text(" ")) for td in tr.find_all("td")] for tr in body.find_all("tr")]


def html_rows(officer: Officer) -> list[list[str]]:
    return _html_rows(officer.html)


def test_run_says_where_everything_is(officer: Officer) -> None:
    for path in (officer.html, officer.docx, officer.xlsx):
        assert path.is_file() and str(path) in officer.stdout
    # Five themes with gaps (the sample's weak items; i37/i48 are not in the template), then the
    # one keep-the-standard row.
    assert len(html_rows(officer)) == 6
    leftovers = [p.name for p in officer.html.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # atomic writes: no temporary files left behind


def test_docx_is_a4_landscape(officer: Officer) -> None:
    section = docx.Document(str(officer.docx)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.cm, 1) == 29.7 and round(section.page_height.cm, 1) == 21.0


def measures_table(officer: Officer) -> docx.table.Table:
    document = docx.Document(str(officer.docx))
    return next(t for t in document.tables if len(t.columns) == len(COLUMNS_TH))


def test_docx_table_seven_columns_repeating_header_one_row_per_theme(officer: Officer) -> None:
    table = measures_table(officer)
    assert len(table.columns) == 7
    # The seed's title line, then its two rows of column names: Word repeats all three.
    assert table.rows[0].cells[0].text.startswith("มาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    assert [c.text for c in table.rows[2].cells] == list(COLUMNS_TH)
    repeated = [
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows
    ]
    assert repeated[:3] == [True, True, True] and not any(repeated[3:])
    assert len(table.rows) - 3 == len(html_rows(officer))


def test_docx_rows_are_the_html_rows(officer: Officer) -> None:
    rows = [[squash(c.text) for c in row.cells] for row in measures_table(officer).rows[3:]]
    assert rows == html_rows(officer)
    # Scores in Thai digits as in the HTML; the code as ITAS writes it (the default).
    assert "ได้คะแนนข้อ e1 ๘๔.๗๗ คะแนน" in rows[0][2]
    assert rows[0][0].startswith("๑. ")


def test_docx_thai_font_set_for_complex_script(officer: Officer) -> None:
    styles = zipfile.ZipFile(officer.docx).read("word/styles.xml").decode()
    normal = styles[styles.index('w:styleId="Normal"'):]
    normal = normal[: normal.index("</w:style>")]
    fonts = re.search(r"<w:rFonts [^>]*>", normal)
    assert fonts is not None
    assert re.search(r'w:cs="(Sarabun|TH Sarabun New)"', fonts.group(0))
    assert 'w:hint="cs"' in fonts.group(0) and "<w:szCs " in normal
    assert 'w:bidi="th-TH"' in normal


def test_docx_has_title_charts_and_limitations(officer: Officer) -> None:
    document = docx.Document(str(officer.docx))
    texts = [p.text for p in document.paragraphs]
    # The announcement its executive signs opens it (issue 25); the title heads the attachment.
    assert texts[0] == "ประกาศเทศบาลเมืองแฉะแม่"
    # The measures are for the year after the results analysed.
    title = texts.index("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗")
    assert texts[title - 1].startswith("แนบท้ายประกาศเทศบาลเมืองแฉะแม่")
    assert "(ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖" in texts[title + 1]
    assert "เทศบาลเมืองแฉะแม่" in texts and "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี" in texts
    assert len(document.inline_shapes) == 3  # indicator, gaps and tools charts
    soup = BeautifulSoup(officer.html.read_text(encoding="utf-8"), "html.parser")
    listed = [squash(li.get_text()) for li in soup.select("ol.limitations li")]
    if "ข้อจำกัด" in texts:
        after = texts[texts.index("ข้อจำกัด") + 1 :]
        assert [re.sub(r"^[๐-๙]+\. ", "", t) for t in after] == listed
    else:  # nothing the scores support and nothing the officer wrote: no empty heading
        assert listed == []
    # The notes for the preparer are in their own file, never in the published Word file.
    notes_page = BeautifulSoup(notes_path(officer.html).read_text(encoding="utf-8"),
                               "html.parser")
    notes = [squash(li.get_text()) for li in notes_page.select("aside.preparer-notes li")]
    assert notes and not any(note[:30] in " ".join(texts) for note in notes)


def test_the_published_page_holds_no_preparer_notes(officer: Officer) -> None:
    """Issue 24 part 2: the HTML an officer posts as it is carries none of the notes (which
    the sample has: unverified wording); they are in a file named not to publish, and the
    terminal names the page to publish."""
    doc = build_document(load_params(officer.params))
    assert doc.notes
    page = officer.html.read_text(encoding="utf-8")
    assert "<aside" not in page and "หมายเหตุสำหรับผู้จัดทำ" not in page
    text = squash(BeautifulSoup(page, "html.parser").get_text())
    for note in doc.notes:
        assert squash(note)[:40] not in text
    notes_file = notes_path(officer.html)
    assert notes_file.name == "chaemae.ผู้จัดทำ-ห้ามเผยแพร่.html"
    notes_text = squash(BeautifulSoup(notes_file.read_text(encoding="utf-8"),
                                      "html.parser").get_text())
    assert "ห้ามนำขึ้นเว็บไซต์" in notes_text and "chaemae.html" in notes_text
    assert all(squash(note)[:40] in notes_text for note in doc.notes)
    assert f"ไฟล์ที่นำขึ้นเว็บไซต์ได้ (the page to publish): {officer.html}" in officer.stdout
    assert f"{notes_file} ไฟล์นี้ห้ามนำขึ้นเว็บไซต์" in officer.stdout


def test_xlsx_measures_sheet_holds_the_html_rows(officer: Officer) -> None:
    workbook = openpyxl.load_workbook(officer.xlsx)
    assert workbook.sheetnames == [MEASURES_SHEET, GAPS_SHEET, PROGRESS_SHEET]
    sheet = workbook[MEASURES_SHEET]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == list(COLUMNS_TH)
    assert [[squash(str(v or "")) for v in row] for row in values[1:]] == html_rows(officer)
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"


def test_xlsx_gaps_sheet_lists_items_below_target(officer: Officer) -> None:
    sheet = openpyxl.load_workbook(officer.xlsx)[GAPS_SHEET]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    doc = build_document(load_params(officer.params))
    below = [i for i in doc.assessment.items if i.below_target and i.score is not None]
    assert len(rows) == len(below)
    by_code = {row[2]: row for row in rows}
    assert by_code["e1"][4] == 84.77 and by_code["e1"][5] == 85  # numbers stay numbers
    assert by_code["o17"][4] == 0 and by_code["o17"][7] == "ไม่ได้คะแนน"
    assert "๑. กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ" in by_code["e1"][8]


def test_formats_are_checked() -> None:
    assert check_formats(["html"]) == ("html",)
    assert check_formats(["DOCX", " xlsx"]) == ("docx", "xlsx")
    assert check_formats(["pdf", "html", "pdf"]) == ("pdf", "html")
    with pytest.raises(ValueError, match="odt"):
        check_formats(["odt"])
    with pytest.raises(SystemExit) as caught:
        main(["run", "x.yaml", "--formats", "html,odt"])
    assert caught.value.code == 2


# -- failures inside the kernel -----------------------------------------------------------------


def _scores_going_bad_mid_run(
    officer: Officer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A params file whose score file goes bad (IIT!D17 = 185) right after ``run`` has read
    it and built the document (someone saves the workbook mid-run)."""
    scores = tmp_path / "scores.xlsx"
    scores.write_bytes(officer.scores.read_bytes())
    params = tmp_path / "p.yaml"
    text = officer.params.read_text(encoding="utf-8")
    params.write_text(re.sub(r"^scores_file: .*$", "scores_file: scores.xlsx", text, flags=re.M),
                      encoding="utf-8")
    real = run_module.build_document

    def then_the_file_goes_bad(p: object, **kw: object) -> object:
        doc = real(p, **kw)  # type: ignore[arg-type]
        set_cells(scores, {"IIT!D17": 185})
        return doc

    monkeypatch.setattr(run_module, "build_document", then_the_file_goes_bad)
    return params


def test_every_format_of_a_run_is_the_document_built_once(
    officer: Officer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kernel shows the document run built (issue 15), never reading the score file again:
    # the page and the Word file agree even when the file changes mid-run.
    params = _scores_going_bad_mid_run(officer, tmp_path, monkeypatch)
    before = build_document(load_params(params)).assessment.ita
    assert before is not None
    ita = format_score(before, thai=True)
    out = tmp_path / "reports"
    assert main(["run", str(params), "--out", str(out), "--formats", "docx"]) == 0
    page = BeautifulSoup((out / "2566" / "chaemae.html").read_text("utf-8"), "html.parser").text
    word_doc = docx.Document(str(out / "2566" / "chaemae.docx"))
    word = "\n".join(
        [p.text for p in word_doc.paragraphs]
        + [cell.text for table in word_doc.tables for row in table.rows for cell in row.cells]
    )
    assert ita in page and ita in word
    assert "๑๘๕" not in page


def test_input_error_inside_the_kernel_is_a_paragraph(
    officer: Officer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A kernel handed no document (a kept notebook run again later) builds its own from the
    # params: here it meets the score file gone bad after run's own check.
    params = _scores_going_bad_mid_run(officer, tmp_path, monkeypatch)
    monkeypatch.setattr(run_module, "save_document", lambda doc, path, key: path)  # writes nothing
    out = tmp_path / "reports"
    assert main(["run", str(params), "--out", str(out), "--formats", "docx"]) == 2
    err = capsys.readouterr().err
    assert "IIT!D17" in err and '"185"' in err and "ข้อมูลนำเข้าไม่ถูกต้อง" in err
    assert "Traceback" not in err and "File \"" not in err
    folder = out / "2566"
    assert (folder / "chaemae.failed.ipynb").is_file()
    # The kept log says what was wrong as the terminal does (an InputError in the kernel is
    # shown for people, without a traceback: issue 14).
    assert '"185"' in (folder / "chaemae.failed.log").read_text(encoding="utf-8")
    assert not (folder / "chaemae.html").exists() and not (folder / "chaemae.docx").exists()
    assert not (folder / "chaemae.ipynb").exists()


def broken_notebook(path: Path) -> Path:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    params = new_code_cell("params_file = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_code_cell("x = 1"), new_code_cell("1 / 0")]
    nbformat.write(nb, str(path))
    return path


def test_other_failure_names_the_kept_notebook_and_log(
    officer: Officer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    notebook = broken_notebook(tmp_path / "broken.ipynb")
    with pytest.raises(NotebookFailed) as caught:
        run_report(officer.params, tmp_path / "r", notebook=notebook)
    failure = caught.value.failure
    assert (failure.ename, caught.value.exit_status) == ("ZeroDivisionError", 1)
    assert failure.failed_notebook is not None and failure.failed_notebook.is_file()
    kept = nbformat.read(str(failure.failed_notebook), as_version=4)
    outputs = [o for c in kept.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert any(o.get("ename") == "ZeroDivisionError" for o in outputs)
    # A fault of the program (not of the input) keeps its traceback in the log for developers.
    log = failure.failed_notebook.with_name("chaemae.failed.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError" in log

    monkeypatch.setattr(run_module, "run_report",
                        functools.partial(run_report, notebook=notebook))
    assert main(["run", str(officer.params), "--out", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert "สร้างรายงานไม่สำเร็จ" in err and "ZeroDivisionError" in err
    assert "chaemae.failed.ipynb" in err and "chaemae.failed.log" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 2  # one paragraph, Thai then English


# -- document settings (issue 13) -----------------------------------------------------------------


def test_a_rerun_with_a_fixed_date_gives_the_same_word_and_excel_bytes(
    officer: Officer, tmp_path: Path
) -> None:
    # The officer's settings, through the whole path: params file, notebook, published files.
    params = tmp_path / "chaemae-2566.yaml"
    text = officer.params.read_text(encoding="utf-8")
    text = re.sub(r"^scores_file: .*$", f"scores_file: {officer.scores}", text, flags=re.M)
    text = re.sub(r"^document: \{\}$", "", text, flags=re.M)
    params.write_text(text + "document:\n  date: 2567-10-01\n  show_tool_name: false\n"
                      "  letterhead: สำนักปลัดเทศบาล โทร. ๐ ๔๕๓๑ ๒๓๔๕\n", encoding="utf-8")
    made = []
    for name in ("first", "again"):
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["run", str(params), "--out", str(tmp_path / name),
                         "--formats", "html,docx,xlsx"]) == 0
        made.append(tmp_path / name / "2566" / "chaemae")
    first, again = made
    for suffix in (".docx", ".xlsx"):
        assert first.with_suffix(suffix).read_bytes() == again.with_suffix(suffix).read_bytes()
    # The HTML shows the same letterhead and date, without the tool's name.
    soup = BeautifulSoup(first.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
    block = soup.select_one("header.title-block")
    announcement = soup.select_one("section.announcement")  # the letterhead heads page one
    assert block is not None and announcement is not None
    letterhead = announcement.select_one("p.letterhead")
    assert letterhead is not None
    assert squash(letterhead.get_text()) == "สำนักปลัดเทศบาล โทร. ๐ ๔๕๓๑ ๒๓๔๕"
    shown = squash(block.get_text(" "))
    assert "จัดทำเมื่อ ๑ ตุลาคม ๒๕๖๗" in shown and "ita-report" not in shown
    texts = [p.text for p in docx.Document(str(first.with_suffix(".docx"))).paragraphs]
    assert texts[0] == "สำนักปลัดเทศบาล โทร. ๐ ๔๕๓๑ ๒๓๔๕" and "จัดทำเมื่อ ๑ ตุลาคม ๒๕๖๗" in texts


# -- one number style, one code style (issue 24 part 6) ----------------------------------------
#: A number with a decimal point, in either numerals; a sub-indicator's number (๙.๒) is not one.
_DECIMAL = re.compile(r"(?<!ตัวชี้วัดย่อย )(?<!ตัวชี้วัดย่อยที่ )(?<![0-9๐-๙.])[0-9๐-๙]+\.([0-9๐-๙]+)")
#: A whole number said in points ("๘๕ คะแนน") and the word before it.
_WHOLE_POINTS = re.compile(r"(\S+) ([0-9๐-๙]+) คะแนน")
#: Where a whole number of points is a threshold the officer or the framework set, not a score.
_THRESHOLD_WORDS = ("ต่ำกว่า", "เป้าหมาย", "ค่าเป้าหมาย", "ตั้งแต่", "ถึง", "เกณฑ์")
#: A code written some other way than ITAS's: a capital letter, or Thai digits after the letter.
_NOT_ITAS_CODE = re.compile(r"(?<![A-Za-z])(?:[OIE][0-9๐-๙]|[oie][๐-๙])")


def _one_style(text: str, where: str) -> None:
    """Every decimal has two places, a whole number of points is a threshold, every code is
    written as ITAS writes it (o11, i23, e1)."""
    for places in _DECIMAL.findall(text):
        assert len(places) == 2, (where, places, text[:200])
    for before, number in _WHOLE_POINTS.findall(text):
        assert before.endswith(_THRESHOLD_WORDS), (where, before, number)
    assert not _NOT_ITAS_CODE.search(text), (where, _NOT_ITAS_CODE.findall(text))


def test_one_document_writes_every_score_with_two_decimals_and_codes_as_itas(
    tmp_path: Path,
) -> None:
    """A made-up agency with default params (Thai digits, codes not chosen): the page, Word and
    Excel write OIT 70.00 and 89.10 alike, never 70 or 89.1, and o5, i3, e1 as ITAS does."""
    import yaml

    fw_items = {i.code: i for i in load_framework(2567).items()}
    by_tool = {"i": 89.1, "e": 80.0, "o": 70.0}
    scores = {code: by_tool[code[0]] for code in fw_items} | {"o5": 0.0, "i3": 100.0,
                                                               "e1": 84.5}
    csv = tmp_path / "scores.csv"
    csv.write_text("org_id,org_name,fiscal_year,code,score\n" + "".join(
        f"style,เทศบาลตำบลตัวอย่าง,2567,{c},{v}\n" for c, v in scores.items()), encoding="utf-8")
    params = tmp_path / "style.yaml"
    params.write_text(yaml.safe_dump({
        "org_id": "style", "org_name": "เทศบาลตำบลตัวอย่าง", "short_name": "ทต.ตัวอย่าง",
        "org_type": "ทต.", "province": "ตัวอย่าง", "fiscal_year": 2567,
        "scores_file": csv.name, "document": {"date": "2567-10-15"}}, allow_unicode=True),
        encoding="utf-8")
    out = tmp_path / "reports"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", str(params), "--out", str(out), "--formats", "html,docx,xlsx"]) == 0
    base = out / "2567" / "style"
    doc = build_document(load_params(params))
    assert doc.codes == "ita" and doc.thai

    page = BeautifulSoup(base.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
    for hidden in page(["script", "style"]):
        hidden.decompose()
    text = page.get_text(" ", strip=True)
    _one_style(text, "html")
    assert "๘๙.๑๐" in text and "๗๐.๐๐" in text and "๘๙.๑ " not in text
    assert "o5" in text and "e1" in text
    codes = [s.get_text() for s in page.select("span.code")]
    assert codes and all(re.fullmatch(r"[oie]\d+(–[oie]\d+)?", c) for c in codes), codes
    results = [td.get_text() for td in page.select("table.scores td")]
    assert results and all(re.fullmatch(r"[๐-๙]+\.[๐-๙]{2}", v) for v in results[:4]), results

    word = docx.Document(str(base.with_suffix(".docx")))
    word_text = " ".join([p.text for p in word.paragraphs] + [
        c.text for t in word.tables for r in t.rows for c in r.cells])
    _one_style(word_text, "docx")
    assert "๘๙.๑๐" in word_text and "o5" in word_text

    book = openpyxl.load_workbook(base.with_suffix(".xlsx"))
    gaps = book[GAPS_SHEET]
    header = [c.value for c in gaps[1]]
    rows = list(gaps.iter_rows(min_row=2))
    assert rows
    for row in rows:
        assert re.fullmatch(r"[oie]\d+", str(row[2].value)), row[2].value
        for cell in row[4:7]:  # score, target, gap: numbers a sheet can sum, shown as 0.00
            assert isinstance(cell.value, int | float), (header, cell.value)
            assert cell.number_format == "0.00", (header[cell.column - 1], cell.number_format)
    measures_text = " ".join(str(c.value) for r in book[MEASURES_SHEET].iter_rows() for c in r
                             if isinstance(c.value, str))
    _one_style(measures_text, "xlsx")
