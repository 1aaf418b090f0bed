"""The sample report in a real browser: Sarabun loaded, offline, seven columns, A4 landscape print.

Uses Debian's chromium (``.ci/run`` installs it when missing) driven by Playwright; no network.
"""

from __future__ import annotations

import io
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from ita_report.run import run_report

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
    pytest.mark.slow,
]
# The flags this machine's closed network needs (no background lookups, no sandbox as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def plain(text: str) -> str:
    """PDF text extraction splits ำ and drops some marks: compare letters and digits only."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    return run_report(ROOT / "params" / "chaemae-2566.yaml", out).html_path


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_opens_offline_with_sarabun_and_no_errors(report: Path, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("document.fonts.check('16px Sarabun')")
    assert page.evaluate("document.documentElement.lang") == "th"
    headers = page.eval_on_selector_all(
        "table.measures thead tr.column-names th", "els => els.map(e => e.textContent.trim())"
    )
    assert headers == [
        "ประเด็น",
        "ข้อคำถาม ITA",
        "ผลการวิเคราะห์ข้อมูล",
        "มาตรการ",
        "ขั้นตอน/วิธีการปฏิบัติ",
        "ระยะเวลาดำเนินการ",
        "ส่วนงานที่รับผิดชอบ",
    ]
    assert page.eval_on_selector_all("table.measures tbody tr", "els => els.length") == 8
    # Thai marks are shaped onto their base letters: a word with stacked marks is not wider
    # than its bare consonants would make it (unshaped marks would each take a cell).
    width = page.evaluate(
        "(() => { const c = document.createElement('canvas').getContext('2d');"
        " c.font = '20px Sarabun'; return [c.measureText('ที่นี่').width,"
        " c.measureText('ทน').width]; })()"
    )
    assert width[0] <= width[1] * 1.3
    assert errors == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
    page.close()


def test_prints_a4_landscape_with_the_header_on_every_table_page(
    report: Path, browser: object
) -> None:
    from pypdf import PdfReader

    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(report.as_uri())
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    page.close()
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    assert sizes == {(842, 595)}  # A4 landscape, in points
    # From the attachment on: the announcement on page 1 names the themes too (issue 25).
    texts = [plain(p.extract_text()) for p in pdf.pages][1:]
    header = plain("ประเด็น ข้อคำถาม ITA ผลการวิเคราะห์ข้อมูล")
    # The first theme and the start of the seventh (a long theme cell may go on, "(ต่อ)",
    # on the next page, so its whole name is on no one page).
    themes = [plain(t) for t in ("กระบวนการปฏิบัติงานที่โปร่งใส", "๗. กลไกและ")]
    first = next(i for i, t in enumerate(texts) if themes[0] in t)
    last = next(i for i, t in enumerate(texts) if themes[1] in t)
    assert last > first  # the table runs over several pages...
    for text in texts[first : last + 1]:
        assert header in text  # ...and each of them starts with the header row


def test_implementation_report_opens_offline_and_prints_a4(
    tmp_path: Path, browser: object
) -> None:
    from pypdf import PdfReader

    from ita_report.implementation.run import run_implementation

    result = run_implementation(ROOT / "params" / "chaemae-2566-implementation.yaml", tmp_path)
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(result.html_path.as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("document.fonts.check('16px Sarabun')")
    assert page.eval_on_selector_all("section.theme-progress", "els => els.length") == 8
    # No table is wider than the page's text column (long evidence links wrap).
    overflow = page.evaluate(
        "[...document.querySelectorAll('table')].filter(t => t.scrollWidth >"
        " document.querySelector('main').clientWidth + 1).length"
    )
    assert overflow == 0
    # The page to post carries no preparer's notes: they are in their own file beside it.
    assert page.query_selector("aside.preparer-notes") is None
    assert result.notes_path is not None and result.notes_path.exists()
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    page.close()
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    assert sizes == {(842, 595)}
    text = plain(" ".join(p.extract_text() for p in pdf.pages))
    assert plain("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม") in text
    assert plain("หมายเหตุสำหรับผู้จัดทำ") not in text
    assert errors == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests


@pytest.mark.parametrize("width", [1024, 1366, 1920])
def test_no_cell_runs_into_the_next_on_an_office_screen(
    report: Path, browser: object, width: int
) -> None:
    # Issue 24: at 1366 px "ไตรมาส ๑–๔" ran into the next column.
    page = browser.new_page(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
    page.goto(report.as_uri())
    over = page.evaluate(
        "[...document.querySelectorAll('table td, table th')]"
        ".filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.slice(0, 30))"
    )
    page.close()
    assert over == []


def test_batch_index_filters_by_level_and_failed_only_offline(
    tmp_path: Path, browser: object
) -> None:
    """Issue 24 part 11: the batch's index.html, opened from disk, shows only the agencies
    at the level chosen, or only those that failed; without scripts every row is there."""
    from ita_report.batch import AgencyResult, write_index
    from ita_report.framework import load_framework

    n = len(load_framework(2569).indicators())
    made = [("a1", "ผ่านดีเยี่ยม", 97.1), ("a2", "ผ่านดีเยี่ยม", 96.0), ("a3", "ผ่านดี", 90.2),
            ("a4", "ผ่าน", 86.0), ("a5", "ต้องปรับปรุง", 75.5)]
    results = [AgencyResult(org_id=o, org_name=f"หน่วยงาน {o}", status="ok", ita=ita,
                            level=lv, indicators=(ita,) * n, report=f"{o}.html",
                            org_type="อบต.", province="เชียงใหม่") for o, lv, ita in made]
    results += [AgencyResult(org_id=o, org_name=f"หน่วยงาน {o}", status="failed",
                             error="ไม่มีคะแนน\nno scores", org_type="อบต.", province="ลำพูน")
                for o in ("f1", "f2")]
    index = write_index(results, tmp_path, year=2569)

    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(index.as_uri())
    page.wait_for_load_state("load")

    def visible() -> list[str]:
        return list(page.eval_on_selector_all(
            "table.agencies tbody tr",
            "rs => rs.filter(r => r.getClientRects().length > 0)"
            ".map(r => r.cells[0].textContent)"))

    assert visible() == ["a1", "a2", "a3", "a4", "a5", "f1", "f2"]
    # Every level of the year's framework is offered, in its order, with its count.
    offered = page.eval_on_selector_all("#level option", "os => os.map(o => o.textContent)")
    assert offered == ["ทั้งหมด", "ผ่านดีเยี่ยม (2)", "ผ่านดี (1)", "ผ่าน (1)",
                       "ต้องปรับปรุง (1)", "ต้องปรับปรุงโดยด่วน (0)"]
    page.select_option("#level", "ผ่านดีเยี่ยม")
    assert visible() == ["a1", "a2"]
    assert page.text_content("#shown") == "2"
    page.select_option("#level", "ผ่าน")  # exactly ผ่าน, not ผ่านดี or ผ่านดีเยี่ยม
    assert visible() == ["a4"]
    page.select_option("#level", "")
    page.check("#failed")
    assert visible() == ["f1", "f2"]
    page.uncheck("#failed")
    assert visible() == ["a1", "a2", "a3", "a4", "a5", "f1", "f2"]
    page.close()
    assert errors == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests

    # Without scripts the page is the whole list, and no control that would do nothing.
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    plain_page = context.new_page()
    plain_page.goto(index.as_uri())
    assert not plain_page.is_visible("#controls")
    assert plain_page.eval_on_selector_all(
        "table.agencies tbody tr", "rs => rs.filter(r => r.getClientRects().length > 0).length"
    ) == 7
    context.close()
