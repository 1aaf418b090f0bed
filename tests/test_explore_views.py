"""What the exploration notebooks show, without a kernel: params, views, HTML, names, widgets."""

from __future__ import annotations

import base64
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup, Tag

from ita_report.errors import InputError
from ita_report.explore import (
    AgencyExploreParams,
    NationalExploreParams,
    agency_board,
    agency_view,
    load_explore_params,
    national_board,
    national_view,
    params_from_namespace,
)
from ita_report.explore import html as explore_html
from ita_report.explore.naming import explore_output_path, national_output_stem, slug
from ita_report.explore.show import show_agency, show_national
from ita_report.explore.widgets import agency_choices
from ita_report.params import load_params
from ita_report.synth import synthesize
from ita_report.thai import to_arabic_digits

ROOT = Path(__file__).resolve().parent.parent
AGENCY_PARAMS = ROOT / "params" / "explore-chaemae.yaml"


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    synthesize(600, [2566, 2567, 2568, 2569], 3, out)
    return out


def agency_params(national: Path | None, **changes: object) -> AgencyExploreParams:
    """The sample's agency params, with ``national`` as its national data (or none)."""
    values: dict[str, object] = {
        "org_id": "chaemae",
        "years": (2566, 2567),
        "params_files": ("chaemae-2566.yaml", "chaemae-2567.yaml"),
        "national_dir": str(national) if national else None,
        "base_dir": str(ROOT / "params"),
        "source_file": str(AGENCY_PARAMS),
    }
    return AgencyExploreParams.model_validate({**values, **changes})


def national_params(national: Path, **overrides: object) -> NationalExploreParams:
    params = load_explore_params(ROOT / "params" / "explore-national-2569.yaml",
                                 national_dir=str(national), **overrides)
    assert isinstance(params, NationalExploreParams)
    return params


def test_a_missing_national_folder_gives_the_synth_command_that_makes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 24: run from the notebooks' folder, the hint said "ita-report synth --out
    # ../reports/synthetic", which typed in the project's folder writes outside the project.
    project = tmp_path / "project"
    (project / "params").mkdir(parents=True)
    (project / "notebooks").mkdir()
    text = (ROOT / "params" / "explore-national-2569.yaml").read_text(encoding="utf-8")
    (project / "params" / "national.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(project / "notebooks")
    with pytest.raises(InputError) as caught:
        load_explore_params("../params/national.yaml")
    said = caught.value.render()
    wanted = project / "reports" / "synthetic"
    assert f"ita-report synth --out {wanted}\n" in said + "\n" and "--out ../" not in said
    # The command as given, typed anywhere, makes the folder the file names.
    synthesize(20, [2569], 1, wanted)
    assert load_explore_params("../params/national.yaml").national_dir == "../reports/synthetic"


# -- params -----------------------------------------------------------------------------------
def test_a_report_params_file_still_loads_and_may_name_its_notebook(tmp_path: Path) -> None:
    text = (ROOT / "params" / "chaemae-2566.yaml").read_text(encoding="utf-8")
    text = text.replace("../data/samples/", str(ROOT / "data" / "samples") + "/")
    named = tmp_path / "named.yaml"
    named.write_text("notebook: measures_report\n" + text, encoding="utf-8")
    assert load_params(named).org_id == "chaemae"


def test_an_exploration_file_is_not_a_report() -> None:
    with pytest.raises(InputError) as caught:
        load_params(AGENCY_PARAMS)
    assert "explore_agency" in str(caught.value) and "line" in str(caught.value)


def test_params_files_for_another_agency_are_refused(tmp_path: Path) -> None:
    params = agency_params(None, org_id="other")
    with pytest.raises(InputError) as caught:
        agency_view(params)
    assert "chaemae-2566.yaml" in str(caught.value) and "other" in str(caught.value)


def test_papermill_values_override_the_file(national: Path) -> None:
    namespace = {"org_id": None, "years": [2566], "national_dir": str(national),
                 "interactive": False}
    params = params_from_namespace(AGENCY_PARAMS, namespace)
    assert isinstance(params, AgencyExploreParams)
    assert params.years == (2566,) and params.national_dir == str(national)
    assert params.org_id == "chaemae" and len(params.params_files) == 2


# -- views ------------------------------------------------------------------------------------
def test_agency_view_without_national_data_says_why_there_are_no_peers() -> None:
    view = agency_view(agency_params(None))
    assert view.peers == () and "national_dir" in view.peers_note_th
    assert view.org_type == "ทม." and view.province == "อุบลราชธานี"
    follow = view.follow_ups[0].follow_up
    assert (follow.last_year, follow.this_year) == (2566, 2567)
    i14 = next(i for t in follow.themes for i in t.targeted if i.last_code == "i14")
    assert (i14.last_score, i14.this_score, i14.passes_now) == (79.63, 88.43, True)
    assert "ไม่มีการเปรียบเทียบ" in explore_html.peers_table_html(view)


def test_a_synthetic_agency_is_followed_up_with_the_catalogue_measures(national: Path) -> None:
    params = agency_params(national, org_id="syn00150", years=(2566, 2567, 2568, 2569),
                           params_files=())
    view = agency_view(params)
    assert [s.follow_up.this_year for s in view.follow_ups] == [2567, 2568, 2569]
    assert "แคตตาล็อก" in view.follow_ups[0].measures_from_th
    assert [p.fiscal_year for p in view.peers] == [2566, 2567, 2568, 2569]
    assert view.synthetic and view.peers_synthetic


def test_fy2568_measures_are_followed_into_fy2569_with_its_document_items(national: Path) -> None:
    view = agency_view(agency_params(national, org_id="syn00150", years=(2568, 2569),
                                     params_files=()))
    (section,) = view.follow_ups
    assert (section.follow_up.last_year, section.follow_up.this_year) == (2568, 2569)
    soup = BeautifulSoup(explore_html.follow_up_html(section, thai=False), "html.parser")
    rows = soup.select("table.follow-up-documents tbody tr")
    # FY2569's framework: o25 is the measures document, o26 the report on carrying it out.
    assert [(r["data-role"], r["data-item"]) for r in rows] == [
        ("measures", "o25"), ("implementation_report", "o26")]
    assert "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร" in rows[0].get_text()
    # Into FY2568, whose framework does not say which items they are, the page says so.
    earlier = agency_view(agency_params(national, org_id="syn00150", years=(2567, 2568),
                                        params_files=()))
    note = BeautifulSoup(explore_html.follow_up_html(earlier.follow_ups[0], thai=False),
                         "html.parser").select_one(".follow-up-documents")
    assert note is not None and "ยังไม่ทราบ" in note.get_text() and not note.select("tr")


def test_a_year_no_file_has_is_named(national: Path) -> None:
    with pytest.raises(InputError) as caught:
        agency_view(agency_params(None, years=(2566, 2567, 2570)))
    assert "2570" in str(caught.value)


def test_national_view_of_a_province_and_type(national: Path) -> None:
    whole = national_view(national_params(national))
    assert whole.fiscal_year == 2569 and whole.previous_year == 2568
    assert whole.overview.agencies == 600
    moved = {m.last_code: m.this_code for m in whole.movement}  # FY2568 items, by meaning
    assert moved["o12"] == "o11" and moved["o11"] is None
    province = whole.overview.levels_by_province.rows[0].group
    view = national_view(national_params(national, province=province, org_type="อบต."),
                         data=whole.data)
    assert 0 < view.overview.agencies < 600
    assert view.overview.scope_th == f"จังหวัด{province} อบต."
    assert all(m.below_last_year <= view.overview.agencies for m in view.movement)


def test_national_view_refuses_a_year_the_data_lacks(national: Path) -> None:
    with pytest.raises(InputError) as caught:
        national_view(national_params(national, fiscal_year=2570))
    assert "2566, 2567, 2568, 2569" in str(caught.value)


# -- HTML -------------------------------------------------------------------------------------
def test_every_text_is_escaped(national: Path) -> None:
    view = agency_view(agency_params(national))
    hostile = view.trend.tools[0].__class__(
        "tool", "ITA", "<script>alert(1)</script>", view.years, ("ITA", "ITA"), (90.0, None)
    )
    trend = view.trend.__class__(view.trend.org_id, view.trend.org_name, view.years,
                                 view.trend.levels, (hostile,), (), ())
    page = explore_html.trend_table_html(
        view.__class__(**{**vars(view), "trend": trend, "org_name": "<b>x</b>"})
    )
    assert "<script>" not in page and "&lt;script&gt;" in page
    header = explore_html.agency_header_html(
        view.__class__(**{**vars(view), "org_name": "<b>x</b>"})
    )
    assert "<b>x</b>" not in header and "&lt;b&gt;x&lt;/b&gt;" in header


def test_missing_scores_show_as_no_data_never_zero() -> None:
    view = agency_view(agency_params(None))
    soup = BeautifulSoup(explore_html.follow_up_html(view.follow_ups[0], thai=False),
                         "html.parser")
    i37 = soup.select_one('tr[data-code="i37"]')
    assert i37 is not None and "ไม่มีข้อมูล" in i37.get_text() and "0.00" not in i37.get_text()


# -- file names -------------------------------------------------------------------------------
def test_thai_province_and_type_become_ascii_names() -> None:
    assert national_output_stem(2568, "อุบลราชธานี", "ทม.") == "national-2568-ubon-ratchathani-town"
    assert national_output_stem(2568, None, "อบต.") == "national-2568-sao"
    unknown = slug("จังหวัดใหม่", {})
    assert unknown.startswith("x") and len(unknown) == 9 and unknown.isascii()
    assert slug("จังหวัดใหม่", {}) == unknown  # stable from run to run


def test_every_province_and_agency_type_has_an_ascii_name() -> None:
    from ita_report.explore.naming import load_ascii_names
    from ita_report.synth import AGENCY_TYPES, PROVINCES

    names = load_ascii_names()
    assert set(PROVINCES) <= set(names.provinces)
    assert {t.code for t in AGENCY_TYPES} <= set(names.org_types)
    assert len(set(names.provinces.values())) == len(names.provinces)  # no two share a file


@pytest.mark.parametrize("stem", ["../escape", "/etc/passwd", "a/b", "con"])
def test_an_output_name_cannot_leave_the_folder(tmp_path: Path, stem: str) -> None:
    with pytest.raises(InputError):
        explore_output_path(tmp_path, stem, ".html")


# -- widgets ----------------------------------------------------------------------------------
def test_no_controls_outside_a_live_session(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = agency_view(agency_params(national))
    board = agency_board(view, interactive=False)
    assert board.controls == {} and board.outputs == {}
    national_static = national_board(national_view(national_params(national)), interactive=False)
    assert national_static.controls == {}
    # interactive=True without an IPython kernel (a script, the CLI) shows no control either
    assert agency_board(view, interactive=True).controls == {}
    # Each view is then displayed as it is (the exported page), not as a widget.
    page = _shown_pages(monkeypatch, lambda: board.show("trend"))
    assert page.select_one("table.explore.trend") is not None
    with pytest.raises(ValueError, match="header, trend, peers, follow_up"):
        board.show("nothing")


def test_agency_choices_narrow_by_province_and_type(national: Path) -> None:
    sources = agency_view(agency_params(national)).sources
    everyone = agency_choices(sources)
    assert len(everyone) == 601 and ("เทศบาลเมืองแฉะแม่ (chaemae)", "chaemae") in everyone
    towns = agency_choices(sources, org_type="ทม.")
    assert 1 < len(towns) < 100
    assert sources.national is not None
    roster = sources.national.roster
    assert all(roster.org_type(i) == "ทม." for _, i in towns if i != "chaemae")


def test_the_agency_choices_follow_the_province_filter(national: Path) -> None:
    sources = agency_view(agency_params(national)).sources
    assert sources.national is not None
    roster = sources.national.roster
    elsewhere = next(p for p in roster.frame["province"] if p and p != "อุบลราชธานี")
    chosen = agency_choices(sources, province=elsewhere)
    assert chosen and "chaemae" not in [i for _, i in chosen]  # its own agency is in อุบลราชธานี
    assert all(roster.province(i) == elsewhere for _, i in chosen)
    assert "chaemae" in [i for _, i in agency_choices(sources, province="อุบลราชธานี")]


def test_the_agency_picker_in_lab_finds_by_any_part_of_a_name_and_shows_it_whole(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ipywidgets

    from ita_report.explore import widgets

    shown: list[object] = []
    monkeypatch.setattr(widgets, "_live", lambda interactive: ipywidgets)  # as in a kernel
    monkeypatch.setattr("IPython.display.display", shown.append)
    view = agency_view(agency_params(national))
    assert view.sources.national is not None
    roster = view.sources.national.roster
    board = agency_board(view, interactive=True)
    (box,) = shown  # the controls, once; the board itself is no widget to show again
    controls = board.controls
    province, org_type = controls["province"], controls["org_type"]
    search, agency, status = controls["search"], controls["agency"], controls["status"]
    assert box.children[1] is search and box.children[2] is agency  # type: ignore[attr-defined]
    # A list box as wide as the page: each option is the whole name, never cut with "…".
    assert isinstance(agency, ipywidgets.Select) and agency.layout.width == "100%"
    assert agency.value == "chaemae" and agency.rows >= 8
    assert all("…" not in label for label, _ in agency.options)
    province.value, org_type.value = widgets.ALL_PROVINCES, widgets.ALL_TYPES
    long_label, long_id = max(agency.options, key=lambda option: len(option[0]))
    long_name = str(roster.frame.at[long_id, "org_name"])
    assert len(long_label) > 40 and long_label == f"{long_name} ({long_id})"
    # The middle of a Thai name (no spaces to start a word at) finds it; so does an id.
    middle = long_name[10:25]
    search.value = middle
    assert long_id in [i for _, i in agency.options]
    assert all(middle in label for label, _ in agency.options)
    search.value = "แฉะแม่"
    assert [i for _, i in agency.options] == ["chaemae"] and agency.value == "chaemae"
    search.value = "ไม่มีชื่อนี้แน่นอน"
    assert list(agency.options) == [] and agency.value is None
    assert widgets.NO_MATCH in status.value
    assert board.view is view  # narrowing the list changes no view
    # A province and type with no agency: an empty list and a sentence.
    search.value = ""
    frame = roster.frame
    pairs = set(zip(frame["province"], frame["org_type"], strict=True))
    empty = next(((p, t) for p in province.options[1:] for t in org_type.options[1:]
                  if (p, t) not in pairs), None)
    assert empty is not None  # 600 agencies leave some province without some type
    province.value, org_type.value = empty
    assert list(agency.options) == [] and widgets.NO_AGENCY in status.value
    # A click on an agency: its view, over every year of the data.
    province.value, org_type.value = widgets.ALL_PROVINCES, widgets.ALL_TYPES
    search.value = "syn00150"
    agency.value = "syn00150"
    assert board.view.org_id == "syn00150"
    assert board.view.years == (2566, 2567, 2568, 2569)


def _shown_pages(monkeypatch: pytest.MonkeyPatch, show: Callable[[], None]) -> BeautifulSoup:
    """Everything ``show`` displays, as one page."""
    from ita_report.explore import show as shown

    fragments: list[str] = []
    monkeypatch.setattr(shown, "show_html", fragments.append)
    monkeypatch.setattr(shown.charts, "show", lambda figure: None)
    show()
    return BeautifulSoup("".join(fragments), "html.parser")


def _data(link: Tag) -> bytes:
    head, payload = str(link["href"]).split(",", 1)
    assert head.endswith(";base64")
    return base64.b64decode(payload)


def _assert_downloads_hold_each_table(page: BeautifulSoup, prefix: str) -> set[str]:
    """Every table on the page has a CSV and an Excel link after it, holding its cells."""
    tables = page.select("table.explore")
    assert tables
    names: set[str] = set()
    lines = page.select("p.explore-downloads")
    for table, line in zip(tables, lines, strict=True):
        assert table.find_next("p", class_="explore-downloads") is line  # right under it
        as_csv, as_xlsx = line.select_one("a.download-csv"), line.select_one("a.download-xlsx")
        assert as_csv is not None and as_xlsx is not None
        names |= {str(as_csv["download"]), str(as_xlsx["download"])}
        header = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        rows = [[c.get_text(" ", strip=True) for c in tr.select("td, th")]
                for tr in table.select("tbody tr")]
        frame = pd.read_csv(io.BytesIO(_data(as_csv)), dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
        assert list(frame.columns) == header
        assert frame.to_numpy().tolist() == rows
        sheet = openpyxl.load_workbook(io.BytesIO(_data(as_xlsx))).active
        assert sheet is not None
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert values[1] == header and len(values) == len(rows) + 2
        for got, want in zip(values[2:], rows, strict=True):
            # Excel gets the shown numbers as numbers, every other cell as shown (blank: empty).
            assert ["" if g is None else g for g in got] == [
                float(to_arabic_digits(w).replace("\u2212", "-")) if isinstance(g, int | float)
                else w for g, w in zip(got, want, strict=True)
            ]
    assert all(n.startswith(prefix) for n in names) and len(names) == 2 * len(tables)
    return names


def test_every_table_an_agency_sees_downloads_as_csv_and_excel(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = agency_view(agency_params(national))
    page = _shown_pages(monkeypatch, lambda: show_agency(view))
    kinds = {c for t in page.select("table.explore") for c in t["class"]}
    assert {"trend", "item-trend", "peers", "follow-up"} <= kinds
    names = _assert_downloads_hold_each_table(page, "chaemae-")
    assert {"chaemae-trend.csv", "chaemae-peers.xlsx"} <= names
    # A number as Excel can sum it: the trend's first score, not its Thai-digit text.
    trend = page.select_one("table.explore.trend")
    assert trend is not None
    link = trend.find_next("a", class_="download-xlsx")
    assert isinstance(link, Tag)
    sheet = openpyxl.load_workbook(io.BytesIO(_data(link))).active
    assert sheet is not None
    assert any(isinstance(c, int | float) for row in sheet.iter_rows(min_row=3, values_only=True)
               for c in row)


def test_every_national_table_downloads_and_is_named_after_its_scope(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = national_view(national_params(national))
    page = _shown_pages(monkeypatch, lambda: show_national(view))
    names = _assert_downloads_hold_each_table(page, "national-2569-")
    assert {"national-2569-levels-by-province.csv", "national-2569-movement.xlsx"} <= names
    province = next(p for p in view.provinces if p)
    narrowed = national_view(national_params(national, province=province))
    page = _shown_pages(monkeypatch, lambda: show_national(narrowed))
    scope = national_output_stem(2569, province, None)
    _assert_downloads_hold_each_table(page, scope + "-")


def test_a_table_too_big_to_embed_says_so_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    from ita_report.explore import downloads

    fragment = ('<table class="explore trend"><thead><tr><th>a</th></tr></thead>'
                "<tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table>")
    monkeypatch.setattr(downloads, "MAX_EMBEDDED_CELLS", 1)
    page = BeautifulSoup(downloads.with_downloads(fragment, "x"), "html.parser")
    assert page.select("a") == [] and page.select_one("p.explore-downloads.too-big")


# -- the item-movement table as an analyst reads it (issue 24 item 10) --------------------------
#: JupyterLab 4's own rules for HTML output (jlab_core's CSS): every cell right-aligned.
LAB_TABLE_CSS = (
    ":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td,"
    ":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon th,"
    ":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon tr{text-align:right}"
    ".jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th{padding:0.5em}"
)


def test_the_movement_table_says_a_shared_note_once(national: Path) -> None:
    view = national_view(national_params(national))
    shared = "IIT i1–i30 และ EIT e1–e15 ใช้เลขข้อเดิม"
    assert sum(shared in m.note for m in view.movement) > 10  # the note 45 rows carry
    section = BeautifulSoup(explore_html.movement_html(view), "html.parser")
    assert section.get_text().count(shared) == 1
    notes = section.select_one("ul.table-notes")
    assert notes is not None and shared in notes.get_text()
    assert notes.find_previous("table") is section.select_one("table.movement")  # under it
    cells = [td.get_text() for td in section.select("table.movement td.note")]
    assert cells and not any(shared in c for c in cells)
    assert sum(c == "ดูหมายเหตุ ๑" for c in cells) > 10
    # The item trend's notes are said once too.
    agency = agency_view(agency_params(national))
    items = BeautifulSoup(explore_html.item_trend_html(agency), "html.parser")
    texts = [td.get_text() for td in items.select("table.item-trend td.note") if td.get_text()]
    own = [t for t in texts if not t.startswith("ดูหมายเหตุ")]
    assert len(own) == len(set(own))  # no note written on two rows


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="chromium is not installed (.ci/run installs it)")
def test_in_lab_thai_cells_read_from_the_left_and_the_header_stays_on_top(
    national: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    view = national_view(national_params(national))
    fragment = explore_html.movement_html(view)
    page_html = (f"<html><head><style>{LAB_TABLE_CSS}</style></head><body>"
                 f'<div class="jp-RenderedHTMLCommon jp-RenderedHTML">{fragment}</div>'
                 "</body></html>")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_content(page_html)
        align = page.evaluate("""() => {
            const row = document.querySelector('table.movement tbody tr');
            const cells = [...row.children];
            return cells.map(c => [c.className, getComputedStyle(c).textAlign]);
        }""")
        text_cells = [a for cls, a in align if "num" not in cls]
        assert text_cells and set(text_cells) == {"left"}  # codes, question, note
        assert {a for cls, a in align if "num" in cls} == {"right"}
        assert page.evaluate("getComputedStyle(document.querySelector("
                             "'table.movement thead th')).textAlign") == "left"
        # Scrolled well down inside its box, the header row is still at the box's top.
        moved = page.evaluate("""() => {
            const box = document.querySelector('div.explore-scroll');
            box.scrollTop = box.scrollHeight / 2;
            const head = document.querySelector('table.movement thead th');
            const first = document.querySelector('table.movement tbody tr');
            return [box.scrollTop, box.getBoundingClientRect().top,
                    head.getBoundingClientRect().top, first.getBoundingClientRect().top];
        }""")
        browser.close()
    scrolled, box_top, head_top, first_row_top = moved
    assert scrolled > 100 and first_row_top < box_top  # the first rows scrolled out of sight
    assert abs(head_top - box_top) < 2  # the header did not


# -- charts -----------------------------------------------------------------------------------
def _label_extents(figure: object) -> tuple[list[tuple[float, float, str]], float]:
    """The y labels' (left, right, text) as drawn in Sarabun, and the figure's width (px)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ita_report.report.charts import use_sarabun

    assert isinstance(figure, Figure)
    with use_sarabun():
        renderer = FigureCanvasAgg(figure).get_renderer()
        figure.draw(renderer)
        ax = figure.axes[0]
        boxes = [(t.get_window_extent(renderer), t.get_text()) for t in ax.get_yticklabels()]
    return [(b.x0, b.x1, text) for b, text in boxes if text], figure.bbox.width


def test_the_box_plot_labels_fit_even_in_a_wider_thai_face(national: Path) -> None:
    from ita_report.explore import charts as explore_charts
    from ita_report.explore.charts import LABEL_ROOM

    view = national_view(national_params(national))
    figure = explore_charts.distribution_chart(view.overview.tools + view.overview.indicators,
                                               target=view.target)
    labels, width = _label_extents(figure)
    assert any(text.startswith("EIT การรับรู้") for _, _, text in labels)
    for left, right, text in labels:
        assert left >= 0 and right <= width, text  # inside the figure
        # Room on the left for the same label a third wider (Lab sets the SVG's text in its own
        # Thai face, not Sarabun): right-aligned at the axis, it grows leftwards.
        assert left - (LABEL_ROOM - 1) * (right - left) >= 0, text
    # The other charts with long Thai labels on the left keep the same room.
    peers = agency_view(agency_params(national)).peers[-1]
    for chart in (explore_charts.peer_chart(peers),
                  explore_charts.item_share_chart(view.overview.weakest)):
        labels, _ = _label_extents(chart)
        assert all(left - (LABEL_ROOM - 1) * (right - left) >= 0 for left, right, _ in labels)


def test_an_agency_view_covers_every_year_the_data_has(national: Path) -> None:
    # Issue 24: the view kept to the years a sample params file named (2566–2567) though the
    # national data covers 2566–2569. Without years, every year that scores the agency.
    synthetic = agency_view(agency_params(national, org_id="syn00150", years=(),
                                          params_files=()))
    assert synthetic.years == (2566, 2567, 2568, 2569)
    heads = BeautifulSoup(explore_html.trend_table_html(synthetic), "html.parser")
    assert [th.get_text() for th in heads.select("thead th")][1:5] == [
        "ปี ๒๕๖๖", "ปี ๒๕๖๗", "ปี ๒๕๖๘", "ปี ๒๕๖๙"]
    # The sample file names no years: chaemae's own scores are of 2566 and 2567.
    sample = load_explore_params(AGENCY_PARAMS, national_dir=str(national))
    assert isinstance(sample, AgencyExploreParams) and sample.years == ()
    assert agency_view(sample).years == (2566, 2567)
    with pytest.raises(InputError) as caught:
        agency_view(agency_params(national, org_id="nobody", years=(), params_files=()))
    assert "nobody" in caught.value.render()
