"""The exported page, as a reader (and a printer, and an offline browser) would find it.

A small notebook is executed for real in the venv's python3 kernel, then exported.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup, Tag
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ita_report.report.page import (
    ExportError,
    export_html,
    external_references,
    font_face_css,
    make_exporter,
    write_report,
)

TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน <อบต.แจ่มแจ้ง>"
COLUMNS = (
    "ประเด็นที่ต้องแก้ไข",
    "มาตรการ",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลา",
    "การกำกับติดตาม",
    "ตัวชี้วัด",
)
TABLE = (
    '<table class="measures"><thead><tr>'
    + "".join(f"<th>{c}</th>" for c in COLUMNS)
    + "</tr></thead><tbody><tr>"
    + "<td>o๑๗ การเปิดเผยข้อมูล<br>(๖๒.๕ คะแนน)</td><td>เผยแพร่ข้อมูล</td>"
    + "<td><ul><li>ปรับปรุงเว็บไซต์</li><li>ตรวจทุกเดือน</li></ul></td>"
    + "<td>สำนักปลัด</td><td>ต.ค. ๒๕๖๖ – ก.ย. ๒๕๖๗</td><td>รายงานทุกไตรมาส</td>"
    + "<td>ร้อยละ ๑๐๐</td></tr></tbody></table>"
)
CODE_MARK = "CODE-SOURCE-MARK"  # in every code cell's source; must never reach the page


def _code(source: str, *tags: str) -> nbformat.NotebookNode:
    return new_code_cell(f"# {CODE_MARK}\n{source}", metadata={"tags": list(tags)})


def _notebook() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells = [
        _code('agency = "PARAM-DEFAULT-MARK"', "parameters"),
        _code('agency = "INJECTED-PARAM-MARK"\nprint(agency)', "injected-parameters"),
        new_markdown_cell("## ผลการประเมิน ITA\n\nหน่วยงานได้คะแนน **๘๔.๗๗**"),
        _code(f"from IPython.display import HTML\nHTML({TABLE!r})"),
        _code(
            "from ita_report.report import charts\n"
            "charts.show(charts.indicator_chart("
            "[('๑ การปฏิบัติหน้าที่', 92.4), ('๒ การใช้งบประมาณ', None)]))"
        ),
        _code(
            "charts.show(charts.tools_chart({'IIT': 90.0, 'EIT': 80.0, 'OIT': 70.0}, 80.0, 'B'),"
            " fmt='png')"
        ),
        _code('print("REMOVED-CELL-MARK")', "remove-cell"),
        _code('print("REMOVED-OUTPUT-MARK")', "remove-output"),
        _code('print("ข้อความสำหรับผู้อ่าน")', "remove-input"),
        _code('import sys\nprint("STDERR-MARK", file=sys.stderr)'),
    ]
    return nb


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    nb = _notebook()
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    return nb


@pytest.fixture(scope="module")
def html(executed: nbformat.NotebookNode) -> str:
    return export_html(executed, title=TITLE)


@pytest.fixture(scope="module")
def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _visible_text(soup: BeautifulSoup) -> str:
    body = soup.body
    assert body is not None
    copy = BeautifulSoup(str(body), "html.parser")
    for hidden in copy(["style", "script"]):
        hidden.decompose()
    return copy.get_text(" ")


pytestmark = pytest.mark.slow


def test_no_code_prompts_or_parameters(html: str, soup: BeautifulSoup) -> None:
    text = _visible_text(soup)
    assert CODE_MARK not in html
    for mark in ("PARAM-DEFAULT-MARK", "INJECTED-PARAM-MARK", "REMOVED-CELL-MARK"):
        assert mark not in html
    assert "REMOVED-OUTPUT-MARK" not in html
    assert "STDERR-MARK" not in html  # warnings are not report content
    assert "import" not in text
    assert not re.search(r"(In|Out)\s*\[\s*\d*\s*\]", text)
    assert soup.find(class_=re.compile(r"prompt|jp-InputArea|input_area")) is None


def test_reader_content_present(soup: BeautifulSoup) -> None:
    text = _visible_text(soup)
    assert "ผลการประเมิน ITA" in text
    assert "ข้อความสำหรับผู้อ่าน" in text  # remove-input keeps the output


def test_document_head(soup: BeautifulSoup) -> None:
    assert soup.html is not None and soup.html.get("lang") == "th"
    meta = soup.find("meta", attrs={"charset": True})
    assert isinstance(meta, Tag) and str(meta["charset"]).lower() == "utf-8"
    assert soup.title is not None and soup.title.string == TITLE


def test_table_is_unchanged(html: str, soup: BeautifulSoup) -> None:
    assert TABLE in html  # byte for byte: the page is the template's output, not re-serialised
    expected = BeautifulSoup(TABLE, "html.parser").table
    found = soup.find_all("table", class_="measures")
    assert len(found) == 1
    assert found[0] == expected
    headers = [th.get_text() for th in found[0].select("thead th")]
    assert headers == list(COLUMNS)


def test_sarabun_embedded(html: str) -> None:
    faces = re.findall(r"@font-face\s*\{(.*?)\}", html, flags=re.S)
    weights = set()
    for face in faces:
        assert '"Sarabun"' in face
        data = re.search(r'url\("data:font/(?:woff|ttf);base64,([A-Za-z0-9+/=]+)"\)', face)
        assert data is not None
        head = base64.b64decode(data.group(1)[:16])
        assert head[:4] in (b"wOFF", b"\x00\x01\x00\x00")
        weights.add(re.search(r"font-weight:\s*(\d+)", face).group(1))  # type: ignore[union-attr]
    assert {"400", "700"} <= weights


def test_nothing_fetched_and_no_scripts(html: str, soup: BeautifulSoup) -> None:
    assert "<script" not in html.lower()
    for tag in soup.find_all(True):
        for attr in ("src", "href", "xlink:href", "srcset", "data", "poster"):
            value = str(tag.get(attr, ""))
            assert not re.match(r"\s*(https?:)?//", value), (tag.name, attr, value)
    for tag in soup.find_all("link"):
        raise AssertionError(f"external stylesheet or resource: {tag}")
    css = " ".join(style.get_text() for style in soup.find_all("style"))
    assert "@import" not in css
    for url in re.findall(r"url\(\s*[\"']?([^\"')]{0,20})", css):
        assert url.startswith(("data:", "#")), url
    assert external_references(html) == []


def test_print_stylesheet(html: str) -> None:
    css = re.sub(r"\s+", " ", html)
    assert re.search(r"@page \{[^}]*size: A4 landscape", css)
    assert "margin: 12mm" in css
    assert re.search(r"thead \{ display: table-header-group", css)
    assert re.search(r"tr, td, th \{ break-inside: avoid", css)
    assert re.search(r"figure\.chart[^{]*\{ break-inside: avoid", css)
    for selector in ("table.measures", "ol.limitations", "header.title-block"):
        assert selector in css
    # The announcement's and the explanation's paragraphs justified as Thai is: over the
    # characters, not the few spaces (printed, a line showed gaps of four spaces).
    assert re.search(r"p\.intro,[^{]*p\.in-words,[^{]*\{[^}]*text-align: justify;[^}]*"
                     r"text-justify: inter-character", css)


def test_charts_inline(soup: BeautifulSoup, html: str) -> None:
    figures = soup.find_all("figure", class_="chart")
    assert len(figures) == 2
    svg = figures[0].find("svg")
    assert svg is not None, "SVG must be inline so its text uses the page's @font-face"
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    texts = [t.get_text() for t in svg.find_all("text")]
    assert "๑ การปฏิบัติหน้าที่" in texts and "ไม่มีข้อมูล" in texts
    # The SVG names the same family the page embeds, so the browser sets it in Sarabun.
    assert all("Sarabun" in str(t.get("style", "")) for t in svg.find_all("text"))
    img = figures[1].find("img")
    assert img is not None and str(img["src"]).startswith("data:image/png;base64,")
    assert "ITA" in str(img["alt"])


def test_reused_exporter_gives_same_page(executed: nbformat.NotebookNode, html: str) -> None:
    exporter = make_exporter()
    first = export_html(executed, title=TITLE, exporter=exporter)
    second = export_html(executed, title=TITLE, exporter=exporter)
    assert first == second == html


def test_notebook_not_modified(executed: nbformat.NotebookNode) -> None:
    before = nbformat.writes(executed)
    export_html(executed, title=TITLE)
    assert nbformat.writes(executed) == before


def test_font_css_cached() -> None:
    assert font_face_css() is font_face_css()


def test_error_output_refused() -> None:
    nb = new_notebook()
    cell = new_code_cell("1/0")
    cell.outputs = [new_output("error", ename="ZeroDivisionError", evalue="x", traceback=[])]
    nb.cells = [cell]
    with pytest.raises(ExportError, match="ZeroDivisionError"):
        export_html(nb, title="t")


def test_external_resource_refused() -> None:
    nb = new_notebook()
    cell = new_code_cell("")
    cell.outputs = [
        new_output(
            "display_data",
            data={"text/html": '<script src="https://cdn.example/x.js"></script>'},
        )
    ]
    nb.cells = [cell]
    with pytest.raises(ExportError):
        export_html(nb, title="t")


def test_links_are_not_fetches() -> None:
    page = (
        '<p><a href="https://itas.nacc.go.th">ITAS</a></p><svg xmlns="http://www.w3.org/2000/svg">'
    )
    assert external_references(page) == []
    assert external_references('<img src="//x.example/a.png">') != []
    assert external_references("<style>@import 'x.css';</style>") != []


def test_write_report(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    write_report("<p>รายงาน</p>", target)
    assert target.read_text(encoding="utf-8") == "<p>รายงาน</p>"
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]
