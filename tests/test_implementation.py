"""The implementation report (รายงานผลการดำเนินการ), run as officers run it: ``ita-report run`` on a
params file with ``notebook: implementation_report`` (real papermill, nbconvert, Word, Excel)."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import re
import unicodedata
from pathlib import Path

import docx
import openpyxl
import pytest
from bs4 import BeautifulSoup

from ita_report.cli import main
from ita_report.errors import InputError
from ita_report.implementation import html
from ita_report.implementation.document import (
    TITLE_TH,
    ImplementationReport,
    build_implementation,
)
from ita_report.implementation.office import FOLLOW_SHEET, STEPS_SHEET, SUMMARY_SHEET
from ita_report.officer.progress import (
    COLUMNS,
    DONE,
    NOT_REPORTED,
    NOT_STARTED,
    PROGRESS_SHEET,
    read_progress,
    write_progress,
)
from ita_report.params import load_params
from ita_report.report import build_document
from ita_report.report.preparer_page import NOTES_SUFFIX

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "params" / "chaemae-2566-implementation.yaml"
pytestmark = pytest.mark.slow


def squash(text: str) -> str:
    return " ".join(text.split())


@dataclasses.dataclass(frozen=True)
class Written:
    html: BeautifulSoup
    docx: Path
    xlsx: Path
    pdf: Path | None  # None on a machine without Chromium
    out: str
    report: ImplementationReport


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    from ita_report.report.pdf import BrowserMissing, find_browser

    try:
        find_browser()
        formats = "html,docx,xlsx,pdf"
    except BrowserMissing:
        formats = "html,docx,xlsx"
    out = tmp_path_factory.mktemp("reports")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["run", str(SAMPLE), "--out", str(out), "--formats", formats])
    assert code == 0
    folder = out / "2566"
    page = BeautifulSoup((folder / "chaemae.implementation.html").read_text(encoding="utf-8"),
                         "html.parser")
    return Written(page, folder / "chaemae.implementation.docx",
                   folder / "chaemae.implementation.xlsx",
                   folder / "chaemae.implementation.pdf" if "pdf" in formats else None,
                   buffer.getvalue(),
                   build_implementation(SAMPLE))


def test_every_measure_is_there_with_each_step_status(written: Written) -> None:
    doc = build_document(load_params(ROOT / "params" / "chaemae-2566.yaml"))
    sheet = read_progress(ROOT / "data" / "samples" / "chaemae-2566-progress.xlsx", doc)
    page = written.html
    assert squash(page.select_one("header.title-block h1").get_text()).startswith(TITLE_TH)
    assert "๒๕๖๗" in page.select_one("header.title-block h1").get_text()
    themes = page.select("section.theme-progress")
    assert [t["data-theme"] for t in themes] == [row.theme_id for row in doc.rows]
    shown = [(t["data-theme"], int(tr["data-step"]), squash(tr.select_one("td.status").get_text()))
             for t in themes for tr in t.select("table.progress tbody tr")]
    assert shown == [(s.theme_id, s.step, s.status) for s in sheet]
    # Each theme's planned quarter and unit, as the measures document says them.
    for theme, row in zip(themes, doc.rows, strict=True):
        assert squash(theme.select_one("td.quarter").get_text()) == row.quarter_th
        assert row.unit_th in theme.select_one("p.unit").get_text()
    # Evidence is a link to what the sheet gave; obstacles are there as written.
    first = themes[0].select_one("td.evidence a")
    assert first["href"] == sheet[0].evidence.split()[0]
    assert "ผู้ตอบแบบสำรวจออนไลน์มีจำนวนน้อย" in page.select_one(
        'section[data-theme="e_service"]').get_text()


def test_summary_counts_measures_and_steps(written: Written) -> None:
    cells = {tr["data-status"]: [squash(td.get_text()) for td in tr.select("td")]
             for tr in written.html.select("table.status-summary tr[data-status]")}
    # Sample: 11 steps done, 4 in progress, 1 not started; of 8 measures, 4 done, 4 under way.
    assert cells == {"done": ["๔", "๑๑"], "in-progress": ["๔", "๕"], "not-started": ["๐", "๑"]}
    units = {tr["data-unit"]: [squash(td.get_text()) for td in tr.select("td")]
             for tr in written.html.select("table.unit-summary tr[data-unit]")}
    # Each responsibility as the measures word it, once: สำนักปลัด alone has two measures, one
    # done and one under way; the measure shared by every division is one row, never counted
    # once per division, and its people ("คณะกรรมการ/…") are not split into units.
    assert units["สำนักปลัด"][:4] == ["๒", "๑", "๑", "๐"]
    assert sum(int(squash(c[0]).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
               for c in units.values()) == len(written.report.themes)
    assert "คณะกรรมการ/หัวหน้าส่วนราชการ/พนักงานเทศบาล/เจ้าหน้าที่ที่เกี่ยวข้อง" in units
    # A filled sheet is no draft.
    assert not written.html.select("p.draft-banner")


def test_every_targeted_item_has_both_years_and_whether_it_passes(written: Written) -> None:
    follow = written.report.follow
    assert follow is not None and (follow.last_year, follow.this_year) == (2566, 2567)
    rows = written.html.select("section.implementation-follow-up table.follow-up tbody tr")
    targeted = [i for t in follow.themes for i in t.targeted]
    # o17, cited by themes 1 and 2, is one row naming both and is counted once.
    distinct = list(dict.fromkeys(i.last_code for i in targeted))
    assert len(distinct) < len(targeted)
    assert [tr["data-code"] for tr in rows] == distinct
    by_code = {tr["data-code"]: tr for tr in rows}
    # e1 84.77 → 87.12 passes now; i29 fell and does not; o17 has no FY2567 counterpart;
    # o32 (No Gift Policy) is o26 in FY2567 and reached 100.
    e1 = [squash(td.get_text()) for td in by_code["e1"].select("td")]
    assert e1[2:] == ["๘๔.๗๗", "๘๗.๑๒", "+๒.๓๕", "ผ่านค่าเป้าหมายแล้ว"]
    assert by_code["i29"]["data-passes"] == "no"
    assert by_code["o17"]["data-passes"] == "no-counterpart"
    assert "o๒๖" in by_code["o32"].get_text() and by_code["o32"]["data-passes"] == "yes"
    summary = squash(written.html.select_one("p.follow-up-summary").get_text())
    assert len(by_code["o17"].select("td.theme div")) == 2
    assert summary == ("ข้อที่ได้คะแนนต่ำกว่า ๘๕ คะแนนในปี ๒๕๖๖ จำนวน ๑๕ ข้อ ในปี ๒๕๖๗"
                       " ผ่านค่าเป้าหมายแล้ว ๘ ข้อ ยังต่ำกว่าค่าเป้าหมาย ๔ ข้อ"
                       " และไม่สามารถเปรียบเทียบได้ ๓ ข้อ")


def test_charts_limitations_and_notes(written: Written) -> None:
    page = written.html
    titles = [squash(h.get_text()) for h in page.select("h2.chart-title")]
    assert titles == ["ความก้าวหน้าของขั้นตอนตามมาตรการ รายส่วนงาน",
                      "คะแนนข้อที่มาตรการมุ่งแก้ไข ปี ๒๕๖๖ และปี ๒๕๖๗"]
    assert len(page.select("svg")) == 2
    # No limitations in the params: the obstacles the officer wrote in the sheet, once each.
    listed = [squash(li.get_text()) for li in page.select("ol.limitations li")]
    assert listed == ["ผู้ตอบแบบสำรวจออนไลน์มีจำนวนน้อย", "เจ้าหน้าที่พัสดุย้ายระหว่างปี",
                      "รอผลการประเมินรอบที่ ๒ (เมษายน – กันยายน ๒๕๖๗)"]
    # FY2567's item for this report (o33) is unverified: said to the preparer in a file of
    # its own beside the page, never in the page an officer posts (issue 24 part 2).
    assert page.select("aside.preparer-notes") == []
    assert "หมายเหตุสำหรับผู้จัดทำ" not in page.get_text()
    notes_file = written.docx.with_name("chaemae.implementation" + NOTES_SUFFIX)
    notes_page = BeautifulSoup(notes_file.read_text(encoding="utf-8"), "html.parser")
    assert "o๓๓" in squash(notes_page.select_one("aside.preparer-notes").get_text())
    assert "o๓๓" in written.out  # and on the terminal, which names the page to publish
    assert f"(the page to publish): {written.docx.with_suffix('.html')}" in written.out
    assert str(notes_file) in written.out


def test_word_and_excel_say_the_same(written: Written) -> None:
    word = docx.Document(str(written.docx))
    texts = [squash(p.text) for p in word.paragraphs]
    assert texts[0].startswith(TITLE_TH)
    tables = word.tables
    steps = written.report.steps
    step_cells = [squash(t.rows[r].cells[2].text) for t in tables[2:2 + len(written.report.themes)]
                  for r in range(1, len(t.rows))]
    assert step_cells == [s.status for s in steps]
    # The preparer's notes are never in the published file.
    assert not any("o๓๓" in t for t in texts)
    # Signed as agencies sign it: the approver is the municipality's executive.
    signed = " ".join(c.text for c in tables[-1].rows[0].cells)
    assert "ผู้รายงาน" in signed and "นายกเทศมนตรี" in signed
    assert "ข้อเสนอแนะ" in texts
    assert len(word.inline_shapes) == 2  # the two charts of the page
    book = openpyxl.load_workbook(written.xlsx)
    assert book.sheetnames == [SUMMARY_SHEET, STEPS_SHEET, FOLLOW_SHEET]
    statuses = [r[4] for r in book[STEPS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert statuses == [s.status for s in steps]
    follow_codes = [re.match(r"\S+", r[1]).group(0)  # type: ignore[union-attr]
                    for r in book[FOLLOW_SHEET].iter_rows(min_row=2, values_only=True)]
    assert follow_codes[0] == "e๑"


def test_without_next_years_scores_and_for_another_kind_of_agency(tmp_path: Path) -> None:
    # An อบต. whose FY2569 measures (for FY2570) are reported before FY2570's framework and
    # scores exist, nothing yet filled in: every step not started, the preparer told why the
    # OIT item is not named and which steps say nothing.
    measures = ROOT / "params" / "sample-tambon-2569.yaml"
    doc = build_document(load_params(measures))
    sheet = tmp_path / "progress.xlsx"
    write_progress(doc, sheet)
    params = tmp_path / "implementation.yaml"
    params.write_text(
        f"notebook: implementation_report\nmeasures_params: {measures}\n"
        f"progress_file: {sheet.name}\n", encoding="utf-8")
    report = build_implementation(params)
    assert report.follow is None and report.document_item is None
    # Nothing filled in is "not reported", never "not started": the page says it is a draft.
    assert report.measure_counts()[NOT_REPORTED] == len(doc.rows)
    assert report.measure_counts()[NOT_STARTED] == report.measure_counts()[DONE] == 0
    assert report.draft_th.startswith("ร่าง") and NOT_REPORTED in report.statuses
    page = BeautifulSoup(html.title_block_html(report), "html.parser")
    assert "ร่าง" in page.select_one("p.draft-banner").get_text()
    assert any("ชีตติดตามผลยังว่างทั้ง" in n for n in report.notes)
    # The approver is an อบต.'s executive.
    assert report.executive_th == "นายกองค์การบริหารส่วนตำบล"
    # Its position as the measures document prints it: one signature block for both (issue 25).
    approver = BeautifulSoup(html.signatures_html(report), "html.parser").select("div.signature")
    assert [p.get_text() for p in approver[-1].find_all("p")] == [
        "(ลงชื่อ)" + "." * 40 + "ผู้อนุมัติ", "(" + "." * 40 + ")",
        "นายกองค์การบริหารส่วนตำบลตัวอย่าง"]
    assert any("๒๕๗๐" in n and "ITAS" in n for n in report.notes)
    assert "๒๕๗๐" in report.title
    # Units of an อบต.: its own names, not a municipality's.
    assert not any("เทศบาล" in u.unit_th for u in report.units())


def test_a_bad_sheet_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    measures = ROOT / "params" / "chaemae-2566.yaml"
    sheet = tmp_path / "progress.xlsx"
    write_progress(build_document(load_params(measures)), sheet)
    book = openpyxl.load_workbook(sheet)
    book[PROGRESS_SHEET].cell(row=3, column=COLUMNS.index("สถานะ") + 1, value="เสร็จ")
    book.save(sheet)
    params = tmp_path / "implementation.yaml"
    params.write_text(f"notebook: implementation_report\nmeasures_params: {measures}\n"
                      f"progress_file: {sheet}\n", encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["run", str(params), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{PROGRESS_SHEET}!I3" in err and "เสร็จ" in err and "Traceback" not in err
    assert not out.exists() or not any(out.rglob("*.html"))


def test_params_name_what_is_wrong(tmp_path: Path) -> None:
    params = tmp_path / "implementation.yaml"
    params.write_text("notebook: implementation_report\nmeasures_params: nowhere.yaml\n"
                      "progress_file: gone.xlsx\nnext_score_file: x.csv\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_implementation(params)
    assert "next_score_file" in caught.value.render()
    params.write_text("notebook: implementation_report\nmeasures_params: nowhere.yaml\n"
                      "progress_file: gone.xlsx\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_implementation(params)
    assert [p.column for p in caught.value.problems] == ["measures_params", "progress_file"]


def test_what_the_officer_typed_is_text_never_markup(tmp_path: Path) -> None:

    measures = ROOT / "params" / "chaemae-2566.yaml"
    sheet = tmp_path / "progress.xlsx"
    write_progress(build_document(load_params(measures)), sheet)
    book = openpyxl.load_workbook(sheet)
    cells = book[PROGRESS_SHEET]
    cells.cell(row=2, column=COLUMNS.index("สถานะ") + 1, value=DONE)
    cells.cell(row=2, column=COLUMNS.index("ผลการดำเนินงาน") + 1,
               value="<script>alert(1)</script> ทำแล้ว")
    cells.cell(row=2, column=COLUMNS.index("หลักฐาน/ลิงก์") + 1,
               value='https://x.example/a"onmouseover="alert(1)')
    book.save(sheet)
    params = tmp_path / "implementation.yaml"
    params.write_text(f"notebook: implementation_report\nmeasures_params: {measures}\n"
                      f"progress_file: {sheet}\n", encoding="utf-8")
    fragment = html.themes_html(build_implementation(params))
    page = BeautifulSoup(fragment, "html.parser")
    assert page.find("script") is None
    link = page.select_one("td.evidence a")
    assert link is not None and link["href"] == 'https://x.example/a"onmouseover="alert(1)'
    assert not link.has_attr("onmouseover")
    assert "<script>alert(1)</script> ทำแล้ว" in page.select_one("td.result").get_text()


def test_a_long_responsibility_wraps_instead_of_running_off_the_chart() -> None:
    from collections import Counter

    from ita_report.implementation import charts
    from ita_report.summary import display_width

    label = "คณะกรรมการ/หัวหน้าส่วนราชการ/พนักงานเทศบาล/เจ้าหน้าที่ที่เกี่ยวข้อง"
    lines = charts.wrap_label(label).split("\n")
    assert "".join(lines) == label and len(lines) > 1
    assert all(display_width(line) <= charts.LABEL_WIDTH for line in lines)
    figure = charts.status_chart([(label, Counter({NOT_REPORTED: 2}))])
    # The unreported part is drawn (and in the legend), never left as empty space.
    assert [t.get_text() for t in figure.legends[0].get_texts()] == [NOT_REPORTED]
    assert any(p.get_gid() == f"status-0-{NOT_REPORTED}" for p in figure.axes[0].patches)


def test_its_own_document_settings_and_the_same_bytes_each_time(tmp_path: Path) -> None:
    from ita_report.implementation import office

    sample = SAMPLE.read_text(encoding="utf-8")
    own = tmp_path / "implementation.yaml"
    own.write_text(
        sample.replace("measures_params: ", f"measures_params: {SAMPLE.parent}/")
        .replace("progress_file: ../", f"progress_file: {ROOT}/")
        .replace("next_scores_file: ../", f"next_scores_file: {ROOT}/")
        + "document:\n  date: 2567-10-15\n  show_tool_name: false\n"
        "  letterhead: สำนักปลัดเทศบาล โทร. 0 4531 2345\n", encoding="utf-8")
    report = build_implementation(own)
    # The officer's date (Buddhist Era), not today's and not the measures document's.
    assert report.generated_on.isoformat() == "2024-10-15"
    title = html.title_block_html(report)
    assert "ด้วย ita-report" not in title and "๑๕ ตุลาคม ๒๕๖๗" in title
    assert "สำนักปลัดเทศบาล โทร. 0 4531 2345" in title
    first = office.docx_bytes(report, charts=False)
    assert first == office.docx_bytes(report, charts=False)
    assert office.xlsx_bytes(report) == office.xlsx_bytes(report)
    word = docx.Document(io.BytesIO(first))
    assert word.paragraphs[0].text == "สำนักปลัดเทศบาล โทร. 0 4531 2345"
    # Page numbers drawn in the face whose digits are Thai (LibreOffice reads Word's own Thai
    # switch as letters ก ข ค).
    footer = word.sections[0].footer._element.xml
    assert "ITA Thai Digits" in footer and "ThaiArabic" not in footer


def test_the_pdf_is_the_page_printed(written: Written) -> None:
    if written.pdf is None:
        pytest.skip("no Chromium to print with (.ci/run installs Debian's chromium)")
    from pypdf import PdfReader

    reader = PdfReader(written.pdf)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape, as the measures document
    text = " ".join(squash(page.extract_text()) for page in reader.pages)
    # Thai text is selectable (words without ำ, which extraction tools spell two ways).
    assert "เทศบาลเมืองแฉะแม่" in text and "นายกเทศมนตรี" in text
    assert "หมายเหตุสำหรับผู้จัดทำ" not in text  # the preparer's notes never print
    assert "PDF" in written.out


def test_a_date_the_result_already_says_is_not_printed_again() -> None:
    import datetime as dt

    from ita_report.implementation.document import done_on_text
    from ita_report.officer.progress import ProgressStep

    step = ProgressStep("t", 1, "ประเด็น", "มาตรการ", "ขั้น", "ไตรมาส ๑", "สำนักปลัด",
                        result_th="ชี้แจงในการประชุมเมื่อ ๗ พฤศจิกายน ๒๕๖๖", status=DONE,
                        done_on=dt.date(2023, 11, 7))
    assert done_on_text(step, True) is None
    other = dataclasses.replace(step, result_th="ชี้แจงแล้ว")
    assert done_on_text(other, True) == "๗ พฤศจิกายน ๒๕๖๖"
    assert done_on_text(dataclasses.replace(step, done_on=None), True) is None


def test_a_published_year_before_the_measures_are_carried_out_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 21 case 10: published_year 2566 for the measures of FY2566 scores (carried out in
    # FY2567) printed "ของแบบวัด OIT ปี ๒๕๖๖".
    text = SAMPLE.read_text(encoding="utf-8")
    for name in ("chaemae-2566.yaml", "../data/samples/chaemae-2566-progress.xlsx",
                 "../data/samples/chaemae-2567-scores.csv"):
        text = text.replace(f": {name}", f": {(SAMPLE.parent / name).resolve()}")
    mine = tmp_path / "impl.yaml"
    mine.write_text(text + "published_year: 2566\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(mine), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "published_year" in err and "2566" in err and "2567" in err and "Traceback" not in err
    assert not out.exists() or not any(out.rglob("*.*"))
    mine.write_text(text + "published_year: 2567\n", encoding="utf-8")
    from ita_report.implementation.params import load_implementation_params

    assert load_implementation_params(mine).published_year == 2567


@pytest.mark.parametrize(
    ("name", "noted"),
    [("เทศบาลตำบลหนองบัว", True), ("เทศบาลเมืองแฉะแม่", False), ("ทม.แฉะแม่", False)],
)
def test_next_years_scores_under_another_agencys_name_are_noted_with_both_names(
    tmp_path: Path, name: str, noted: bool
) -> None:
    # Issue 21: next year's rows with this org_id but another agency's name were taken in
    # silence. A note (names rightly change: an อบต. made a เทศบาล, the short name).
    nexts = (ROOT / "data" / "samples" / "chaemae-2567-scores.csv").read_text(encoding="utf-8")
    other = tmp_path / "next.csv"
    other.write_text(nexts.replace(",เทศบาลเมืองแฉะแม่,", f",{name},"), encoding="utf-8")
    params = tmp_path / "implementation.yaml"
    measures = ROOT / "params" / "chaemae-2566.yaml"
    params.write_text(
        f"notebook: implementation_report\nmeasures_params: {measures}\n"
        f"progress_file: {ROOT / 'data' / 'samples' / 'chaemae-2566-progress.xlsx'}\n"
        f"next_scores_file: {other}\n", encoding="utf-8")
    notes = [n for n in build_implementation(params).notes if "หน่วยงานเดียวกัน" in n]
    if noted:
        assert len(notes) == 1 and name in notes[0] and "เทศบาลเมืองแฉะแม่" in notes[0]
        assert "next.csv" in notes[0] and "chaemae" in notes[0]
    else:
        assert notes == []


def test_formula_like_results_and_obstacles_stay_text_in_the_workbook(tmp_path: Path) -> None:
    # Issue 21 case 6: "=…" in a progress result or obstacle became a live formula.
    from ita_report.implementation.office import xlsx_bytes

    measures = ROOT / "params" / "chaemae-2566.yaml"
    sheet = tmp_path / "progress.xlsx"
    write_progress(build_document(load_params(measures)), sheet)
    book = openpyxl.load_workbook(sheet)
    texts = {"ผลการดำเนินงาน": "=1+1", "ปัญหาอุปสรรค": '=HYPERLINK("http://evil.example","x")',
             "สถานะ": DONE}
    for column, value in texts.items():
        cell = book[PROGRESS_SHEET].cell(row=2, column=COLUMNS.index(column) + 1, value=value)
        cell.data_type = "s"  # typed after an apostrophe in Excel: text in the officer's sheet
    book.save(sheet)
    params = tmp_path / "implementation.yaml"
    params.write_text(f"notebook: implementation_report\nmeasures_params: {measures}\n"
                      f"progress_file: {sheet}\n", encoding="utf-8")
    data = xlsx_bytes(build_implementation(params))
    written = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for s in written.worksheets for r in s.iter_rows() for c in r]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    shown = [c.value for c in cells if isinstance(c.value, str)]
    assert "=1+1" in shown and texts["ปัญหาอุปสรรค"] in shown
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist()
                       if n.startswith("xl/worksheets/"))


@pytest.mark.parametrize("before", [None, 0.0, 40.0, 72.0, 100.0])
def test_an_item_missing_this_year_is_said_inside_the_chart(before: float | None) -> None:
    # Issue 24: "ปี ๒๕๖๗: ไม่มีข้อนี้ในแบบประเมินปีนี้" was written right of the plot and cut
    # at the page's edge ("ไม่มีข้อนี้ในแบบประเมิ").
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ita_report.implementation import charts

    figure = charts.before_after_chart(
        [("o๑๗", before, None, "ไม่มีข้อนี้ในแบบประเมินปีนี้"), ("i๑๔", 70.0, 88.0, "")],
        85.0, ("๒๕๖๖", "๒๕๖๗"))
    renderer = FigureCanvasAgg(figure).get_renderer()
    (note,) = [t for t in figure.axes[0].texts if t.get_gid() == "after-missing-0"]
    assert note.get_text() == "ปี ๒๕๖๗: ไม่มีข้อนี้ในแบบประเมินปีนี้"
    box, plot = note.get_window_extent(renderer), figure.axes[0].get_window_extent(renderer)
    assert plot.x0 <= box.x0 and box.x1 <= plot.x1, (box, plot)


def test_a_themes_head_prints_whole_and_its_column_heads_wrap_between_words(
    written: Written,
) -> None:
    # Issue 24: "มาตรการ:" was left alone at a page's foot, "ระยะเวลาดำเนินการ" ran into the
    # "สถานะ" column (heads never wrapped), and the title left "พ.ศ. ๒๕๖๗" alone on a line.
    page = written.html
    for section in page.select("section.theme-progress"):
        head = section.select_one("div.theme-head")
        assert head is not None
        assert [c.name for c in head.children][:2] == ["h3", "div"]
        assert head.find_next_sibling("table") is section.select_one("table.progress")
        th = section.select("table.progress thead th")[1]
        assert th.get_text() == "ระยะเวลาดำเนินการ"
        assert [s.get_text() for s in th.select("span.keep")] == ["ดำเนินการ"]
    keep = page.select_one("header.title-block h1 span.keep-line")
    assert keep is not None and keep.get_text().startswith("ประจำปีงบประมาณ พ.ศ.")
    if written.pdf is None:
        return
    from pypdf import PdfReader

    def letters(text: str) -> str:  # PDF text drops some marks: compare letters and digits
        return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")

    heads = {letters("มาตรการ:"), *(letters(h.get_text())
                                    for h in page.select("section.theme-progress h3"))}
    for number, sheet in enumerate(PdfReader(str(written.pdf)).pages, start=1):
        lines = [letters(line) for line in sheet.extract_text().splitlines()]
        # What comes last before the page number is never a head without its table.
        content = [line for line in lines if line.strip("๐๑๒๓๔๕๖๗๘๙0123456789")]
        assert content and content[-1] not in heads, (number, content[-3:])


def _codes_in(report: object) -> list[str]:
    assert isinstance(report, ImplementationReport)
    page = BeautifulSoup(html.themes_html(report) + html.follow_up_html(report), "html.parser")
    return re.findall(r"(?<![A-Za-z])[oieOIE][0-9๐-๙]+", page.get_text(" ", strip=True))


def test_codes_are_written_one_way_in_the_whole_report(tmp_path: Path) -> None:
    """Issue 24: the sample's measures choose Thai-digit codes (like their seed), so the report
    on them writes o๒๖ in its follow-up table and in the measures it quotes; its own
    ``document: codes: ita`` writes o26 everywhere instead, never the two side by side."""
    sample = build_implementation(SAMPLE)
    codes = _codes_in(sample)
    assert "o๓๒" in codes and all(re.fullmatch(r"[oie][๐-๙]+", c) for c in codes), codes
    own = tmp_path / "implementation.yaml"
    own.write_text(
        SAMPLE.read_text(encoding="utf-8")
        .replace("measures_params: ", f"measures_params: {SAMPLE.parent}/")
        .replace("progress_file: ../", f"progress_file: {ROOT}/")
        .replace("next_scores_file: ../", f"next_scores_file: {ROOT}/")
        + "document:\n  codes: ita\n", encoding="utf-8")
    report = build_implementation(own)
    codes = _codes_in(report)
    assert "o32" in codes and all(re.fullmatch(r"[oie]\d+", c) for c in codes), codes
    assert all(re.fullmatch(r"[oie]\d+", c) for r in report.measures.rows
               for c in re.findall(r"(?<![A-Za-z])[oie][0-9๐-๙]+", " ".join(r.steps_th)))
