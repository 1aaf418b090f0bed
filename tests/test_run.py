"""``ita-report run``: a mistake is refused before any kernel starts, and nothing half-written."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ita_report.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "params" / "chaemae-2566.yaml"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ita_report.cli", "run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def sample_copy(tmp_path: Path, replace: tuple[str, str] | None = None) -> Path:
    """The sample params beside a copy of its scores, optionally with one edit."""
    scores = tmp_path / "scores.csv"
    shutil.copy(ROOT / "data" / "samples" / "chaemae-2566-scores.csv", scores)
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "../data/samples/chaemae-2566-scores.csv", "scores.csv"
    )
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    params = tmp_path / "params.yaml"
    params.write_text(text, encoding="utf-8")
    return params


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("thai_digits: true", "thai_digit: true"), "thai_digit"),
        (("fiscal_year: 2566", "fiscal_year: twenty"), "fiscal_year"),
        (("org_id: chaemae", "org_id: ../../etc"), "org_id"),
    ],
)
def test_bad_params_exit_2_with_file_and_line_and_write_nothing(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    params = sample_copy(tmp_path, edit)
    out = tmp_path / "reports"
    proc = run_cli(str(params), "--out", str(out))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "params.yaml" in proc.stderr and expected in proc.stderr
    assert "บรรทัด" in proc.stderr and "line" in proc.stderr
    assert not out.exists()


def test_a_bad_score_is_refused_before_the_kernel_starts(tmp_path: Path) -> None:
    params = sample_copy(tmp_path)
    scores = tmp_path / "scores.csv"
    scores.write_text(
        scores.read_text(encoding="utf-8").replace(",e1,84.77", ",e1,8477"), encoding="utf-8"
    )
    out = tmp_path / "reports"
    proc = run_cli(str(params), "--out", str(out))
    assert proc.returncode == 2
    assert "scores.csv" in proc.stderr and "8477" in proc.stderr and "0–100" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_a_run_leaves_the_report_the_notebook_and_no_temporary_files(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    proc = run_cli(str(sample_copy(tmp_path)), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    # The sample has notes for its preparer: in their own file, never in the page (issue 24).
    assert sorted(p.name for p in (out / "2566").iterdir()) == [
        "chaemae.html", "chaemae.ipynb", "chaemae.ผู้จัดทำ-ห้ามเผยแพร่.html"]
    html = (out / "2566" / "chaemae.html").read_text(encoding="utf-8")
    assert "scores.csv" not in html  # the injected parameters never reach the page
    assert "reports/2566/chaemae.html" in proc.stdout or "chaemae.html" in proc.stdout


def test_fy2569_from_new_to_report_word_and_excel(tmp_path: Path) -> None:
    """The year agencies analyse in late 2026: ``new`` on a FY2569 score file, then ``run``."""
    import openpyxl
    from bs4 import BeautifulSoup

    from ita_report.cli import main
    from ita_report.codes import normalize_code

    scores = ROOT / "data" / "samples" / "other-2569-scores.csv"
    params = tmp_path / "params" / "sample-tambon-2569.yaml"
    assert main(["new", "--org-name", "องค์การบริหารส่วนตำบลตัวอย่าง", "--short-name",
                 "อบต.ตัวอย่าง", "--year", "2569", "--scores", str(scores),
                 "--out", str(params)]) == 0
    out = tmp_path / "reports"
    proc = run_cli(str(params), "--out", str(out), "--formats", "html,docx,xlsx")
    assert proc.returncode == 0, proc.stderr
    folder = out / "2569"
    assert sorted(p.name for p in folder.iterdir()) == [
        "sample-tambon.docx", "sample-tambon.html", "sample-tambon.ipynb", "sample-tambon.xlsx",
        "sample-tambon.ผู้จัดทำ-ห้ามเผยแพร่.html"]  # its preparer's notes (issue 24)
    soup = BeautifulSoup((folder / "sample-tambon.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๙" in soup.get_text()
    summary = soup.select_one("section.result-summary")
    assert summary is not None
    # The figures `ita-report summarize` gives for the file: IIT 90.68, EIT 87.65, OIT 86.25,
    # ITA 88.00, level ผ่านดี (FY2569's levels).
    cells = {tr.th.get_text().split()[0]: tr.td.get_text() for tr in summary.select("tr")
             if tr.th is not None and tr.td is not None}
    assert (cells["IIT"], cells["EIT"], cells["OIT"]) == ("๙๐.๖๘", "๘๗.๖๕", "๘๖.๒๕")
    assert (cells["คะแนน"], cells["ระดับผลการประเมิน"]) == ("๘๘.๐๐", "ผ่านดี")
    below = openpyxl.load_workbook(folder / "sample-tambon.xlsx").worksheets[1]
    codes = {normalize_code(row[2]) for row in below.iter_rows(min_row=2, values_only=True)
             if row[2]}
    # o26 is FY2569's report on carrying out the measures (not o43 or o33 of other years).
    assert codes == {"i14", "i26", "e1", "e6", "e11", "o11", "o18", "o26"}


def _scores_33(path: Path) -> None:
    """FY2568 scores laid out as the 33-item list (o1–o33), the measures document at zero."""
    lines = ["org_id,fiscal_year,code,score"]
    lines += [f"tambon,2568,i{n},92" for n in range(1, 31)]
    lines += [f"tambon,2568,e{n},91" for n in range(1, 16)]
    lines += [f"tambon,2568,o{n},{0 if n == 32 else 100}" for n in range(1, 34)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_an_agency_whose_itas_page_lists_33_items_points_at_its_own_framework(
    tmp_path: Path,
) -> None:
    _scores_33(tmp_path / "scores.csv")
    variant = ROOT / "data" / "frameworks" / "variants" / "2568-o1-o33.yaml"
    params = tmp_path / "tambon.yaml"
    body = (
        "org_id: tambon\norg_name: องค์การบริหารส่วนตำบลตัวอย่าง\nshort_name: อบต.ตัวอย่าง\n"
        "fiscal_year: 2568\nscores_file: scores.csv\n"
    )
    # The shipped FY2568 list has 26 items: o27–o33 are refused with a clear message.
    params.write_text(body, encoding="utf-8")
    proc = run_cli(str(params), "--out", str(tmp_path / "reports"))
    assert proc.returncode == 2 and "o27" in proc.stderr and "Traceback" not in proc.stderr
    params.write_text(body + f"framework_file: {variant}\n", encoding="utf-8")
    proc = run_cli(str(params), "--out", str(tmp_path / "reports"))
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "reports" / "2568" / "tambon.html").read_text(encoding="utf-8")
    assert ("ไม่ได้คะแนนข้อ o32 เนื่องจากไม่พบการเผยแพร่มาตรการส่งเสริมคุณธรรมและความโปร่งใส"
            "ภายในหน่วยงาน") in page


def test_a_broken_framework_file_is_refused_before_the_kernel(tmp_path: Path) -> None:
    _scores_33(tmp_path / "scores.csv")
    mine = tmp_path / "mine-2568.yaml"
    variant = ROOT / "data" / "frameworks" / "variants" / "2568-o1-o33.yaml"
    mine.write_text(variant.read_text(encoding="utf-8").replace(
        "text_th: ข้อมูลผู้บริหาร", "text_th: ข้อมูลผู้บริหาร [ดูเกณฑ์ที่ www.nacc.go.th]"),
        encoding="utf-8")
    params = tmp_path / "tambon.yaml"
    params.write_text(
        "org_id: tambon\norg_name: องค์การบริหารส่วนตำบลตัวอย่าง\nshort_name: อบต.ตัวอย่าง\n"
        "fiscal_year: 2568\nscores_file: scores.csv\nframework_file: mine-2568.yaml\n",
        encoding="utf-8",
    )
    out = tmp_path / "reports"
    proc = run_cli(str(params), "--out", str(out))
    assert proc.returncode == 2
    assert "mine-2568.yaml" in proc.stderr and "o2" in proc.stderr and "text_th" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_an_own_framework_numbered_otherwise_groups_gaps_by_indicator(tmp_path: Path) -> None:
    from ita_report.params import load_params
    from ita_report.report import build_document

    _scores_33(tmp_path / "scores.csv")
    variant = ROOT / "data" / "frameworks" / "variants" / "2568-o1-o33.yaml"
    params = tmp_path / "tambon.yaml"
    body = (
        "org_id: tambon\norg_name: องค์การบริหารส่วนตำบลตัวอย่าง\nshort_name: อบต.ตัวอย่าง\n"
        "fiscal_year: 2568\nscores_file: scores.csv\nframework_file: mine.yaml\n"
    )
    params.write_text(body, encoding="utf-8")
    # Declared as numbered like FY2567: the FY2567 themes apply, o32 is the measures document.
    (tmp_path / "mine.yaml").write_text(variant.read_text(encoding="utf-8"), encoding="utf-8")
    doc = build_document(load_params(params))
    assert [r.theme_id for r in doc.rows] == ["ita_measures", "keep_standard"]
    # Without the declaration its codes would mean FY2568's items: no theme is trusted.
    (tmp_path / "mine.yaml").write_text(
        variant.read_text(encoding="utf-8").replace("numbered_as: 2567\n", ""), encoding="utf-8"
    )
    doc = build_document(load_params(params))
    assert [r.kind for r in doc.rows] == ["fallback"]
    assert doc.rows[0].title_th == "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต"
    assert "เรียงเลขข้อต่างจากแคตตาล็อก" in doc.notes[0]  # for the preparer, not published
# -- issue 12: a tool with no score, bounds, the formats of one run ------------------------------
def template_params(tmp_path: Path, *, drop_sheet: str | None = None,
                    blank_sheet: str | None = None, extra: str = "") -> Path:
    """The sample agency typed into the officers' template, one tool sheet deleted or blank."""
    import openpyxl
    import pandas as pd

    from ita_report.officer.template import TemplateAgency, write_template

    book = write_template(2566, tmp_path / "scores.xlsx", TemplateAgency(org_id="chaemae"))
    sample = pd.read_csv(ROOT / "data" / "samples" / "chaemae-2566-scores.csv")
    scores = dict(zip(sample["code"], sample["score"], strict=True))
    workbook = openpyxl.load_workbook(book)
    for name in ("IIT", "EIT", "OIT"):
        sheet = workbook[name]
        for row in range(2, sheet.max_row + 1):
            code = sheet.cell(row=row, column=1).value
            if code in scores and name != blank_sheet:
                sheet.cell(row=row, column=4).value = float(scores[code])
    if drop_sheet:
        del workbook[drop_sheet]
    workbook.save(book)
    # The sample's i37/i48 stay declared (its budget theme cites them); the template has no
    # rows for them, so they are no data.
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "../data/samples/chaemae-2566-scores.csv", "scores.xlsx"
    )
    params = tmp_path / "params.yaml"
    params.write_text(text + extra, encoding="utf-8")
    return params


#: The sample's result as ITAS published it (its own figures), for documents missing a tool.
OFFICIAL = ("official_results:\n  iit: 87.89\n  eit: 89.10\n  oit: 95.62\n  ita: 91.35\n"
            "  level: ผ่าน\n")


def test_a_deleted_tool_sheet_is_refused_without_the_official_result(tmp_path: Path) -> None:
    # Issue 25 (read as the executive): the announcement said "ข้อมูลคะแนน … ไม่ครบทุกเครื่องมือ
    # จึงยังไม่มีคะแนนรวม" and the run exited 0. No ITA score, no document to sign.
    out = tmp_path / "reports"
    proc = run_cli(str(template_params(tmp_path, drop_sheet="EIT")), "--out", str(out))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "ไม่มีคะแนนของเครื่องมือ EIT" in proc.stderr and "has no EIT score" in proc.stderr
    assert "official_results:" in proc.stderr and "scores.xlsx" in proc.stderr
    assert not out.exists()


@pytest.mark.slow
def test_a_deleted_tool_sheet_with_the_official_result_is_a_warning_and_a_preparer_note_only(
    tmp_path: Path,
) -> None:
    # Case 8: the report said "คะแนน ITA ไม่มีข้อมูล" and nothing was said on the terminal. With
    # ITAS's figures the document prints them. Issue 25 (read printed): the page the executive
    # signs then still said "ไม่มีคะแนนของเครื่องมือ EIT … เลยสักข้อ … คำนวณคะแนน ITA … ไม่ได้",
    # false beside the official ITA and meant for the preparer: it is said on the terminal and
    # in the preparer's file, never in the HTML, Word or Excel that is published.
    out = tmp_path / "reports"
    params = template_params(tmp_path, drop_sheet="EIT", extra=OFFICIAL)
    proc = run_cli(str(params), "--out", str(out), "--formats", "html,docx,xlsx")
    assert proc.returncode == 0, proc.stderr
    assert "คำเตือน" in proc.stderr and "warning" in proc.stderr
    assert "EIT" in proc.stderr and "scores.xlsx" in proc.stderr
    folder = out / "2566"
    html = (folder / "chaemae.html").read_text(encoding="utf-8")
    assert "๙๑.๓๕" in html and "ไม่ครบทุกเครื่องมือ" not in html
    assert "เลยสักข้อ" not in html and 'class="notice"' not in html
    notes = (folder / "chaemae.ผู้จัดทำ-ห้ามเผยแพร่.html").read_text(encoding="utf-8")
    assert "ไม่มีคะแนนรายข้อของเครื่องมือ EIT" in notes and "official_results:" in notes
    import docx
    import openpyxl

    word = "\n".join(p.text for p in docx.Document(str(folder / "chaemae.docx")).paragraphs)
    assert "๙๑.๓๕" in word and "เลยสักข้อ" not in word
    book = openpyxl.load_workbook(folder / "chaemae.xlsx")
    cells = [str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r]
    assert not any("เลยสักข้อ" in c or "ไม่มีคะแนนรายข้อ" in c for c in cells)


@pytest.mark.parametrize("how", ["--strict", "strict: true"])
def test_strict_makes_a_missing_tool_an_error_and_writes_nothing(tmp_path: Path, how: str) -> None:
    extra = "strict: true\n" if how == "strict: true" else ""
    params = template_params(tmp_path, blank_sheet="OIT", extra=extra)
    out = tmp_path / "reports"
    proc = run_cli(str(params), "--out", str(out), *(["--strict"] if how == "--strict" else []))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "scores.xlsx" in proc.stderr and "OIT" in proc.stderr
    assert "ไม่มีคะแนนของเครื่องมือ OIT" in proc.stderr and "has no OIT score" in proc.stderr
    assert not out.exists()


def test_a_csv_without_eit_rows_warns_the_preparer_not_the_reader(tmp_path: Path) -> None:
    from ita_report.params import load_params
    from ita_report.report import build_document, result_summary_html

    params = sample_copy(tmp_path)
    scores = tmp_path / "scores.csv"
    lines = scores.read_text(encoding="utf-8").splitlines()
    scores.write_text("\n".join(x for x in lines if ",e" not in x) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        build_document(load_params(params))
    assert "ไม่มีคะแนนของเครื่องมือ EIT" in str(refused.value) and "scores.csv" in str(refused.value)
    with_official = params.read_text(encoding="utf-8") + OFFICIAL
    params.write_text(with_official, encoding="utf-8")
    doc = build_document(load_params(params))
    assert [w.column for w in doc.warnings] == ["EIT"]
    # The page the executive signs prints the official figures and nothing about the file.
    assert "ไม่มีคะแนน" not in result_summary_html(doc)
    assert any("ไม่มีคะแนนรายข้อของเครื่องมือ EIT" in note for note in doc.notes)


def test_a_huge_org_name_is_refused_before_any_kernel_and_nothing_is_kept(tmp_path: Path) -> None:
    # Case 12: a 10 MB org_name ran 34 s and left a 100 MB .failed.ipynb.
    params = sample_copy(tmp_path, ("org_name: เทศบาลเมืองแฉะแม่", "org_name: " + "ก" * 3_500_000))
    out = tmp_path / "reports"
    proc = run_cli(str(params), "--out", str(out))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "params.yaml" in proc.stderr and "1,000,000" in proc.stderr
    assert len(proc.stderr) < 5_000
    assert not out.exists()


def test_a_long_org_name_cannot_crash_the_word_export(tmp_path: Path) -> None:
    # Case 11: python-docx refuses a title over 255 characters; org_name is bounded when read,
    # and a document built in code with a longer one still exports.
    from ita_report.params import load_params
    from ita_report.report import build_document
    from ita_report.report.docx import docx_bytes

    doc = build_document(load_params(sample_copy(tmp_path)))
    long = doc.params.model_copy(update={"org_name": "ก" * 300})
    assert docx_bytes(dataclasses.replace(doc, params=long), charts=False)[:2] == b"PK"


@pytest.mark.slow
def test_a_run_killed_outright_leaves_no_part_files_after_the_next_run(tmp_path: Path) -> None:
    # Issue 21, case 13: SIGKILL cannot be caught, so a killed run's hidden .part files stay;
    # the next run of the same agency sweeps them, and only those no live process writes.
    import os
    import signal
    import time

    from ita_report import iorw

    params = sample_copy(tmp_path)
    out = tmp_path / "reports"
    folder = out / "2566"
    killed: set[Path] = set()
    for _ in range(2):  # two kills, as in the issue (the second run sweeps the first's)
        proc = subprocess.Popen(
            [sys.executable, "-m", "ita_report.cli", "run", str(params), "--out", str(out),
             "--formats", "docx,xlsx"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while (len(set(folder.glob(".*.part*")) - killed) < 4
               and time.monotonic() < deadline):
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        killed |= set(folder.glob(".*.part*"))
    assert len(killed) == 8  # notebook, HTML, Word, Excel of each killed run
    # A run of the same agency still going (this process, alive), one on another machine
    # sharing the folder, and another agency's: none of them this run's to delete.
    live = iorw._part_file(folder / "chaemae.html")
    elsewhere = folder / ".chaemae.4242@other-machine.abcd1234.part.html"
    other = folder / ".other.4242@x.abcd1234.part.html"
    # Named the old way (no writer): swept once a day old, left alone before.
    old, fresh = (folder / f".chaemae.{n}.part.html" for n in ("old_1234", "new_1234"))
    for path in (elsewhere, other, old, fresh):
        path.write_text("", encoding="utf-8")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    done = run_cli(str(params), "--out", str(out), "--formats", "docx,xlsx")
    assert done.returncode == 0, done.stderr
    left = sorted(p.name for p in folder.glob(".*.part*"))
    assert left == sorted(p.name for p in (live, elsewhere, other, fresh))
    assert not [p for p in killed if p.exists()]
    assert (folder / "chaemae.docx").is_file()


# -- issue 21 case 7: control characters pasted from Word ---------------------------------------
MEASURE = "      measure_th: ปรับปรุงการดำเนินงานของเจ้าหน้าที่"


def test_a_pasted_word_line_break_is_a_line_break_in_word_and_excel(tmp_path: Path) -> None:
    import docx
    import openpyxl

    params = sample_copy(tmp_path, (MEASURE, '      measure_th: "บรรทัดแรก\\vบรรทัดสอง"\n' + MEASURE
                                    .replace("measure_th", "# was")))
    out = tmp_path / "out"
    done = run_cli(str(params), "--out", str(out), "--formats", "docx,xlsx")
    assert done.returncode == 0, done.stderr
    words = "\n".join(p.text for p in docx.Document(next(out.rglob("*.docx"))).paragraphs)
    words += "\n".join(c.text for t in docx.Document(next(out.rglob("*.docx"))).tables
                       for r in t.rows for c in r.cells)
    assert "บรรทัดแรก\nบรรทัดสอง" in words and "\v" not in words
    cells = [c.value for s in openpyxl.load_workbook(next(out.rglob("*.xlsx"))).worksheets
             for r in s.iter_rows() for c in r if isinstance(c.value, str)]
    assert any("บรรทัดแรก\nบรรทัดสอง" in c for c in cells)


def test_another_control_character_is_refused_naming_field_line_and_character(
    tmp_path: Path,
) -> None:
    params = sample_copy(tmp_path, (MEASURE, '      measure_th: "ก\\x1fข"\n' + MEASURE
                                    .replace("measure_th", "# was")))
    out = tmp_path / "out"
    done = run_cli(str(params), "--out", str(out), "--formats", "docx,xlsx")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    line = 1 + params.read_text(encoding="utf-8").splitlines().index('      measure_th: "ก\\x1fข"')
    assert "U+001F" in done.stderr and f"line {line}" in done.stderr
    assert "measure_th" in done.stderr and "อักขระควบคุม" in done.stderr
    assert not out.exists() or not any(out.rglob("*.*"))


def test_a_framework_file_whose_weights_only_sum_to_one_is_refused_by_run(tmp_path: Path) -> None:
    # Issue 21 case 9: IIT 1.5, EIT -0.5, OIT 0 sum to 1 and run published a wrong ITA.
    _scores_33(tmp_path / "scores.csv")
    variant = ROOT / "data" / "frameworks" / "variants" / "2568-o1-o33.yaml"
    text = variant.read_text(encoding="utf-8")
    text = text.replace("weight: 0.3\n", "weight: 1.5\n", 1)
    text = text.replace("weight: 0.3\n", "weight: -0.5\n", 1)
    (tmp_path / "mine-2568.yaml").write_text(text.replace("weight: 0.4\n", "weight: 0\n"),
                                             encoding="utf-8")
    params = tmp_path / "tambon.yaml"
    params.write_text(
        "org_id: tambon\norg_name: องค์การบริหารส่วนตำบลตัวอย่าง\nshort_name: อบต.ตัวอย่าง\n"
        "fiscal_year: 2568\nscores_file: scores.csv\nframework_file: mine-2568.yaml\n",
        encoding="utf-8",
    )
    out = tmp_path / "reports"
    proc = run_cli(str(params), "--out", str(out))
    assert proc.returncode == 2, proc.stderr
    line = text.splitlines().index("  weight: 1.5") + 1  # the IIT weight
    assert "mine-2568.yaml" in proc.stderr and "weight" in proc.stderr
    assert f"line {line}," in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_run_never_writes_a_report_over_its_own_score_file(tmp_path: Path) -> None:
    # Issue 21 case 3: scores kept as <out>/<year>/<org_id>.xlsx were the Excel output's name.
    import openpyxl
    import pandas as pd

    out = tmp_path / "reports"
    scores = out / "2566" / "chaemae.xlsx"
    scores.parent.mkdir(parents=True)
    frame = pd.read_csv(ROOT / "data" / "samples" / "chaemae-2566-scores.csv")
    frame.to_excel(scores, index=False)
    before = scores.read_bytes()
    params = sample_copy(tmp_path, ("scores_file: scores.csv", f"scores_file: {scores}"))
    proc = run_cli(str(params), "--out", str(out), "--formats", "xlsx")
    assert proc.returncode == 2, proc.stderr
    assert "read as input" in proc.stderr and "Traceback" not in proc.stderr
    assert scores.read_bytes() == before and openpyxl.load_workbook(scores).active is not None
    assert sorted(p.name for p in out.rglob("*")) == ["2566", "chaemae.xlsx"]
