"""Text from params, the catalogue or a score file is shown as text, never run as markup.

Officers paste wording from the seed's PDF extraction, stray ``<p>`` tags and all: those tags
disappear. Any other markup (``<script>``, ``<img onerror>``) is escaped and shows literally.
The slow tests prove it in chromium on a report made by ``run_report``.
"""

from __future__ import annotations

import html.parser
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ita_report import report
from ita_report.catalogue import default_path, load_catalogue
from ita_report.params import load_params
from ita_report.report import charts
from ita_report.text import strip_stray_tags

ROOT = Path(__file__).resolve().parent.parent
SCORES = ROOT / "data" / "samples" / "chaemae-2566-scores.csv"
SEED = ROOT / "tests" / "fixtures" / "seed-chaemae-2566-measures.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [  # as tests/test_browser.py: the closed network and running as root
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# No digits in the payloads: report text is written in Thai numerals.
SCRIPT = "<script>window.__pwned = true; alert('x')</script>"
IMG = "<img src=x onerror=\"window.__pwned = true; alert('y')\">"
STYLE = "<style>body { display: none }</style>"


def seed_steps_cell() -> str:
    """The steps cell of theme ๖ in the seed, as PDF extraction gave it (``<p>`` tags)."""
    line = next(t for t in SEED.read_text(encoding="utf-8").splitlines() if "แต่งตั้งคณะกรรมการ" in t)
    cell = next(c for c in line.split("\t") if "แต่งตั้งคณะกรรมการ" in c)
    assert cell.startswith("<p>") and cell.count("<p>") == 3
    return cell


def hostile_params(tmp_path: Path) -> Path:
    """A params file with markup in every kind of text an officer writes."""
    values: dict[str, Any] = {
        "org_id": "chaemae",
        # In the page's <title> too, where "</title>" would end the title if not escaped.
        "org_name": f"เทศบาลเมืองแฉะแม่ </title>{IMG}",
        "short_name": f"ทม.แฉะแม่{SCRIPT}",
        "district": f"อำเภอเมือง {STYLE}",
        "province": "อุบลราชธานี",
        "fiscal_year": 2566,
        "scores_file": str(SCORES),
        "extra_codes": ["i37", "i48"],
        "theme_overrides": {
            "authority_personnel": {
                "measure_th": f"มาตรการทดสอบ {SCRIPT}",
                "steps_th": [seed_steps_cell(), f"ขั้นตอนทดสอบ {IMG}"],
                "unit_th": "<p>งานการเจ้าหน้าที่สำนักปลัด</p>",
            },
        },
        "added_themes": [
            {
                "id": "my_complaints",
                "title_th": f"เรื่องร้องเรียน {IMG}",
                "items": ["o27", "o28"],
                "measure_th": "<b>ตัวหนา</b>",
                "steps_th": ["ทบทวนแนวปฏิบัติ"],
                "quarter_th": "ไตรมาส ๒",
                "unit_th": "สำนักปลัด",
            }
        ],
        "limitations": [f"ข้อจำกัดทดสอบ {SCRIPT}", f"ข้อจำกัดรูป {IMG}"],
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    return path


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def elements(markup: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


# -- stray tags -----------------------------------------------------------------------------


def test_the_seeds_stray_p_tags_become_clean_text() -> None:
    assert strip_stray_tags(seed_steps_cell()) == (
        "๑.แต่งตั้งคณะกรรมการกลั่นกรองประเมินผลการปฏิบัติงานอย่างเป็นธรรม"
        " ๒.ประเมินจากผลการปฏิบัติงานของเจ้าหน้าที่ที่ปฏิบัติงานจริง"
        " ๓.เปิดเผยผลการประเมินการปฏิบัติงาน"
    )
    assert strip_stray_tags("บรรทัดหนึ่ง<br>บรรทัดสอง<BR/>สาม</br>") == "บรรทัดหนึ่ง บรรทัดสอง สาม"


@pytest.mark.parametrize("text", [SCRIPT, IMG, "<p onclick=x>ข้อความ", "a < b > c", "ไม่มีแท็ก"])
def test_only_bare_paragraph_and_break_tags_are_removed(text: str) -> None:
    assert strip_stray_tags(text) == text


def test_params_texts_lose_stray_tags_and_keep_other_markup(tmp_path: Path) -> None:
    params = load_params(hostile_params(tmp_path))
    override = params.theme_overrides["authority_personnel"]
    assert override["unit_th"] == "งานการเจ้าหน้าที่สำนักปลัด"
    assert override["steps_th"][0].startswith("๑.แต่งตั้งคณะกรรมการ")
    assert "<p>" not in override["steps_th"][0] and "</p>" not in override["steps_th"][0]
    assert IMG in params.org_name  # not stripped: escaped when shown (below)
    assert params.limitations[0].endswith(SCRIPT)


def test_catalogue_texts_lose_stray_tags(tmp_path: Path) -> None:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    theme = raw["themes"][0]
    theme["title_th"] = f"<p>{theme['title_th']}</p>"
    theme["below_target"]["steps_th"] = ["<p>ขั้นที่หนึ่ง</p>", "ขั้นที่สอง<br>ต่อ"]
    theme["item_texts_th"] = {"i14": "<p>ถ้อยคำข้อ</p>"}
    path = tmp_path / "themes.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    loaded = load_catalogue(path).themes[0]
    assert "<p>" not in loaded.title_th and loaded.title_th.strip() == loaded.title_th
    assert loaded.below_target.steps_th == ("ขั้นที่หนึ่ง", "ขั้นที่สอง ต่อ")
    assert loaded.item_texts["i14"] == "ถ้อยคำข้อ"


# -- escaping in the page's fragments ---------------------------------------------------------

# The report's own markup: any other element in a fragment came from someone's text.
REPORT_TAGS = frozenset(
    {"header", "h1", "h2", "p", "section", "table", "colgroup", "col", "thead", "tbody", "tr",
     "th", "td", "div", "span", "ol", "ul", "li", "aside", "bdi"}
)  # fmt: skip


@pytest.fixture(scope="module")
def hostile_doc(tmp_path_factory: pytest.TempPathFactory) -> report.MeasuresDocument:
    path = hostile_params(tmp_path_factory.mktemp("hostile"))
    return report.build_document(load_params(path))


@pytest.mark.parametrize(
    "fragment",
    ["title_block_html", "result_summary_html", "measures_table_html", "limitations_html"],
)
def test_markup_in_any_text_is_escaped(hostile_doc: report.MeasuresDocument, fragment: str) -> None:
    markup = getattr(report, fragment)(hostile_doc)
    found = elements(markup)
    assert {tag for tag, _ in found} <= REPORT_TAGS
    # No handler attribute slipped in through an unescaped quote.
    assert not [a for _, attrs in found for a, _ in attrs if a.lower().startswith("on")]


def test_hostile_texts_are_all_shown_literally(hostile_doc: report.MeasuresDocument) -> None:
    page = "".join(
        f(hostile_doc)
        for f in (report.title_block_html, report.measures_table_html, report.limitations_html)
    )
    assert page.count("&lt;script&gt;") >= 3  # short name, measure, limitation
    assert page.count("&lt;img src=x onerror=") >= 3  # org name, step, added title
    assert "&lt;/title&gt;" in page
    assert "&lt;style&gt;" in page and "&lt;b&gt;ตัวหนา&lt;/b&gt;" in page
    assert "&lt;p&gt;" not in page  # the seed's stray tags are gone, not escaped


def test_chart_text_is_escaped_in_svg() -> None:
    # Chart labels come from the framework and codes, but the SVG must stay inert regardless.
    fig = charts.indicator_chart([(f"๑ ตัวชี้วัด {SCRIPT}", 70.0), (IMG, None)], 85)
    svg = charts.figure_to_svg(fig)
    assert {tag for tag, _ in elements(svg)}.isdisjoint({"script", "img", "foreignobject"})
    assert "&lt;script&gt;" in svg


# -- in a real browser --------------------------------------------------------------------------


HANDLERS = """[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
    .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"""


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ita_report.run import run_report

    folder = tmp_path_factory.mktemp("hostile-run")
    return run_report(hostile_params(folder), folder / "reports").html_path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_in_chromium_nothing_runs_and_the_text_is_shown(hostile_report: Path, browser: Any) -> None:
    page = browser.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_report.as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == [] and errors == []
    # No element came from a text: no script, no handler attribute, no style outside charts.
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    assert page.evaluate(HANDLERS) == []
    assert page.evaluate(
        "[...document.querySelectorAll('main style')].filter(e => !e.closest('svg')).length"
    ) == 0
    text = page.inner_text("main")
    assert SCRIPT in text  # shown literally, as written
    assert "<img src=x onerror=" in text and STYLE in text and "<b>ตัวหนา</b>" in text
    assert page.title().startswith("มาตรการส่งเสริม") and f"</title>{IMG}" in page.title()
    assert page.is_visible("main")  # the <style> did not hide the page
    # The seed's pasted cell: clean text, no "<p>" for the reader.
    steps = page.inner_text('tr[data-theme="authority_personnel"] td.steps')
    assert "แต่งตั้งคณะกรรมการกลั่นกรอง" in steps and "เปิดเผยผลการประเมิน" in steps
    assert "<p>" not in text and "</p>" not in text
    assert page.inner_text('tr[data-theme="authority_personnel"] td.unit') == (
        "งานการเจ้าหน้าที่สำนักปลัด"
    )
    page.close()


# -- a right-to-left override in a name (issue 12, case 14) ----------------------------------------
RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"


def test_a_right_to_left_override_in_a_name_is_isolated(tmp_path: Path) -> None:
    # Escaping keeps markup out, but an unclosed U+202E still reverses every character after
    # it on the line: the year, the date. Isolated, it reaches no further than the name.
    values = yaml.safe_load(hostile_params(tmp_path).read_text(encoding="utf-8"))
    values.update(org_name=f"เทศบาลเมือง{RLO}แฉะแม่", short_name=f"ทม.{RLO}แฉะแม่")
    values.pop("theme_overrides"), values.pop("added_themes")
    path = tmp_path / "rlo.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    params = load_params(path)
    assert params.org_name == f"{FSI}เทศบาลเมือง{RLO}แฉะแม่{PDF}{PDI}"
    doc = report.build_document(params)
    block = report.title_block_html(doc)
    assert f'<p class="org-name"><bdi>{params.org_name}</bdi></p>' in block
    # In sentences that hold the name (title, heading, analysis), the isolate goes with it.
    for text in (doc.title, report.measures_heading(doc), *(r.analysis_th for r in doc.rows)):
        if RLO in text:
            assert text.count(FSI) == text.count(PDI) and text.index(PDI) > text.index(RLO)
    heading = report.measures_table_html(doc)
    assert "<bdi>" in heading


def test_text_without_directional_controls_is_unchanged(tmp_path: Path) -> None:
    params = load_params(hostile_params(tmp_path))
    assert FSI not in params.org_name and "<bdi>" not in report.title_block_html(
        report.build_document(params)
    )
