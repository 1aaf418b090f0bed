"""The exploration notebooks through ``ita-report run``: the sample agency and a national year.

Real papermill runs (one per notebook, shared by the tests of its page), then what a reader sees
in the exported HTML: the trend, peer and follow-up tables and charts; the widgets stay out.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup, Tag

from ita_report.cli import main
from ita_report.errors import InputError
from ita_report.report.page import external_references
from ita_report.synth import synthesize

ROOT = Path(__file__).resolve().parent.parent
AGENCY_PARAMS = ROOT / "params" / "explore-chaemae.yaml"
NATIONAL_PARAMS = ROOT / "params" / "explore-national-2569.yaml"


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    synthesize(600, [2566, 2567, 2568, 2569], 7, out)
    return out


@pytest.fixture(scope="module")
def agency_page(national: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    code = main(["run", str(AGENCY_PARAMS), "--national-dir", str(national), "--out", str(out)])
    assert code == 0
    return out / "explore" / "chaemae-2566-2567.html"


@pytest.fixture(scope="module")
def national_page(national: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    code = main(["run", str(NATIONAL_PARAMS), "--national-dir", str(national), "--out", str(out)])
    assert code == 0
    return out / "explore" / "national-2569.html"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def table(soup: BeautifulSoup, kind: str) -> Tag:
    found = soup.select_one(f"table.explore.{kind}")
    assert found is not None, kind
    return found


def assert_static_page(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    soup = soup_of(path)
    html_tag = soup.find("html")
    assert isinstance(html_tag, Tag) and html_tag.get("lang") == "th"
    assert external_references(text) == []  # no script, nothing fetched
    assert "widget" not in text
    assert "explore.show_" not in text and "params_from_namespace" not in text  # no code
    executed = nbformat.read(path.with_suffix(".ipynb"), as_version=4)
    assert "widgets" not in executed.metadata
    controls = [c for c in executed.cells if "_board(" in c.source]
    assert len(controls) == 1 and controls[0].outputs == []  # no controls in an exported page


# -- the agency: chaemae over FY2566–2567 against synthetic peers ------------------------------
def test_agency_page_shows_the_trend_table_and_chart(agency_page: Path) -> None:
    soup = soup_of(agency_page)
    assert soup.find("h1") and "เทศบาลเมืองแฉะแม่" in soup.find("h1").get_text()  # type: ignore[union-attr]
    trend = table(soup, "trend")
    heads = [th.get_text() for th in trend.select("thead th")]
    assert heads == ["คะแนน", "ปี ๒๕๖๖", "ปี ๒๕๖๗", "เปลี่ยนแปลง"]
    ita = trend.select_one('tr[data-key="ITA"]')
    assert ita is not None and "คะแนน ITA" in ita.get_text()
    assert len(trend.select("tbody tr")) == 4 + 10 + 1  # ITA and tools, indicators, level
    # o32 of FY2566 is o26 of FY2567: followed by meaning, not by number.
    renumbered = [td.get_text() for td in table(soup, "item-trend").select("td.code")]
    assert "o32→o26" in renumbered
    assert len(soup.select("figure.chart svg")) >= 3  # trend, peers, follow-up
    assert_static_page(agency_page)


def test_agency_page_places_it_among_its_peers(agency_page: Path) -> None:
    peers = table(soup_of(agency_page), "peers")
    groups = [tr.select("td")[1].get_text() for tr in peers.select('tr[data-year="2567"]')]
    assert groups == ["ทั่วประเทศ", "ทม. ทั่วประเทศ", "จังหวัดอุบลราชธานี",
                      "ทม. ในจังหวัดอุบลราชธานี"]
    national = peers.select_one('tr[data-year="2567"][data-group="national"]')
    assert national is not None and "จาก ๖๐๑" in national.get_text()  # 600 synthetic + chaemae
    assert "ข้อมูลสังเคราะห์" in soup_of(agency_page).select_one(".explore-peers").get_text()  # type: ignore[union-attr]


def test_follow_up_names_each_fy2566_themes_targeted_items_and_whether_they_pass(
    agency_page: Path,
) -> None:
    section = soup_of(agency_page).select_one('section.explore-follow-up[data-last-year="2566"]')
    assert section is not None
    themes = section.select("section.follow-up-theme")
    # Every row of the FY2566 document, in its order: the seed's seven themes, then the row that
    # keeps the standard in the themes whose items all passed.
    assert [t["data-theme"] for t in themes][-1] == "keep_standard" and len(themes) == 8
    power = section.select_one('section[data-theme="authority_personnel"]')
    assert power is not None and "กระบวนการควบคุมตรวจสอบการใช้อำนาจ" in power.get_text()

    def row(code: str) -> list[str]:
        found = power.select_one(f'tr[data-code="{code}"]')
        assert found is not None, code
        return [td.get_text() for td in found.select("td")]

    i14, i15 = row("i14"), row("i15")
    assert i14[2:5] == ["๗๙.๖๓", "i14", "๘๘.๔๓"] and i14[6] == "ผ่านเป้าหมายแล้ว"
    assert i15[2:5] == ["๗๖.๘๕", "i15", "๘๑.๐๒"] and i15[6] == "ยังต่ำกว่าเป้าหมาย"
    # No Gift Policy moved from o32 to o26; the satisfaction survey o17 has no counterpart.
    o32 = section.select_one('tr[data-code="o32"]')
    assert o32 is not None and o32["data-passes"] == "yes" and "o26" in o32.get_text()
    o17 = section.select_one('tr[data-code="o17"]')
    assert o17 is not None and o17["data-passes"] == "no-counterpart"
    # FY2567's o32 is where this FY2566 analysis was assessed as published (documents:).
    documents = section.select("table.follow-up-documents tbody tr")
    assert [tr["data-item"] for tr in documents] == ["o32", "o33"]
    info = section.select_one('section[data-theme="information_disclosure"]')
    assert info is not None and not info.select("tr") and "ทุกข้อ" in info.get_text()


# -- the national picture ----------------------------------------------------------------------
def test_national_page_shows_trend_distribution_levels_and_follow_up(national_page: Path) -> None:
    soup = soup_of(national_page)
    assert "ทั่วประเทศ" in soup.find("h1").get_text()  # type: ignore[union-attr]
    assert "ข้อมูลสังเคราะห์" in soup.get_text()
    years = {tr["data-year"] for tr in table(soup, "national-trend").select("tbody tr")}
    assert years == {"2566", "2567", "2568", "2569"}
    assert table(soup, "distribution").select_one('tr[data-code="ITA"]') is not None
    assert len(table(soup, "weakest").select("tbody tr")) == 10
    dimensions = [s["data-dimension"] for s in soup.select("section.explore-levels")]
    assert dimensions == ["org_type", "province"]
    types = {tr["data-group"] for tr in soup.select(
        'section[data-dimension="org_type"] tbody tr')}
    assert {"อบต.", "ทต.", "ทม."} <= types
    movement = table(soup, "movement")
    assert "ปี ๒๕๖๘" in movement.get_text() and movement.select("tbody tr")
    assert len(soup.select("figure.chart svg")) == 3  # trend, distribution, weakest items
    assert_static_page(national_page)


def test_the_exported_pages_carry_each_tables_downloads(agency_page: Path,
                                                        national_page: Path) -> None:
    import base64
    import io

    import openpyxl
    import pandas as pd

    for page in (agency_page, national_page):
        soup = soup_of(page)
        tables = soup.select("table.explore")
        links = soup.select("p.explore-downloads a[href^='data:']")
        assert len(links) == 2 * len(tables), page  # a CSV and an Excel file each, in the page
        levels = table(soup, "levels") if page == national_page else table(soup, "trend")
        as_csv = levels.find_next("a", class_="download-csv")
        as_xlsx = levels.find_next("a", class_="download-xlsx")
        assert as_csv is not None and as_xlsx is not None
        frame = pd.read_csv(io.BytesIO(base64.b64decode(str(as_csv["href"]).split(",", 1)[1])),
                            dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert len(frame) == len(levels.select("tbody tr"))
        assert list(frame.columns) == [th.get_text(" ", strip=True)
                                       for th in levels.select("thead th")]
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(
            str(as_xlsx["href"]).split(",", 1)[1])))
        assert book.active is not None and book.active.max_row == len(frame) + 2


# -- refused before a kernel starts -------------------------------------------------------------
def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "explore.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("notebook: explore_agency\norg_id: chaemae\nyears: [2566]\nnational_dirr: x\n",
         ("national_dirr", "บรรทัด 4", "line 4")),
        ("notebook: explore_agency\norg_id: chaemae\nyears: twenty\n",
         ("years", "บรรทัด 3", "line 3")),
        ("notebook: explore_national\nfiscal_year: 2568\nnational_dir: nowhere\n",
         ("national_dir", "line 3", "ita-report synth --out")),
        ("notebook: explore_national\nfiscal_year: 2568\n",
         ("national_dir", "ไม่ได้ระบุข้อมูลระดับประเทศ")),
        ("notebook: explore_nationl\nfiscal_year: 2568\n",
         ("explore_nationl", "line 1", "explore_national")),
    ],
)
def test_bad_exploration_params_exit_2_with_file_and_line_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: tuple[str, ...]
) -> None:
    out = tmp_path / "reports"
    assert main(["run", str(write(tmp_path, text)), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "explore.yaml" in err and "Traceback" not in err
    for part in expected:
        assert part in err
    assert not out.exists()


def test_a_province_not_in_the_roster_is_refused_with_the_nearest_names(
    tmp_path: Path, national: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    params = write(tmp_path, f"notebook: explore_national\nfiscal_year: 2568\n"
                             f"national_dir: {national}\nprovince: อุบล\n")
    out = tmp_path / "reports"
    assert main(["run", str(params), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "อุบล" in err and "อุบลราชธานี" in err and "province" in err
    assert not out.exists()


def test_exploration_pages_are_html_only(tmp_path: Path, national: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    args = ["run", str(NATIONAL_PARAMS), "--national-dir", str(national), "--out", str(out)]
    assert main([*args, "--formats", "html,docx"]) == 2
    assert "HTML" in capsys.readouterr().err
    assert not out.exists()


def test_national_dir_on_the_command_line_is_for_exploration_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    params = ROOT / "params" / "chaemae-2566.yaml"
    out = tmp_path / "reports"
    assert main(["run", str(params), "--national-dir", str(tmp_path), "--out", str(out)]) == 2
    assert "--national-dir" in capsys.readouterr().err
    assert not out.exists()


def test_the_sample_national_params_point_at_the_synth_folder_the_readme_names() -> None:
    from ita_report.params import read_params_file

    read = read_params_file(NATIONAL_PARAMS)
    assert read.values["national_dir"] == "../reports/synthetic"
    assert "ita-report synth --out reports/synthetic" in (ROOT / "README.md").read_text("utf-8")
    assert json.dumps(read_params_file(AGENCY_PARAMS).values["params_files"]) == (
        '["chaemae-2566.yaml", "chaemae-2567.yaml"]'
    )


def test_missing_synthetic_folder_says_how_to_make_it(tmp_path: Path) -> None:
    from ita_report.explore import load_explore_params

    with pytest.raises(InputError) as caught:
        load_explore_params(AGENCY_PARAMS, national_dir=str(tmp_path / "missing"))
    assert "ita-report synth --out" in str(caught.value)


# -- the dashboard in JupyterLab's kernel (issue 24 item 10) ------------------------------------
SETTLE = "pass  # the outputs drawn above reach the kernel's widgets before the next cell"
SNAPSHOT = (
    "import hashlib, json\n"
    "print(json.dumps({name: hashlib.sha1(json.dumps(out.outputs, sort_keys=True).encode())"
    ".hexdigest() for name, out in board.outputs.items()}))"
)


def _run_in_a_kernel(national: Path, name: str, steps: list[str]) -> tuple[
        nbformat.NotebookNode, list[dict[str, str]], list[str]]:
    """The notebook as an analyst runs it in Lab (interactive, another national folder), then
    ``steps`` (each a change of a control); what each view's output holds before and after each
    step (a hash per output), and what the steps printed."""
    path = ROOT / "notebooks" / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    params_cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params_cell.source = params_cell.source.replace("national_dir = None",
                                                    f"national_dir = {str(national)!r}")
    shown = len(nb.cells)
    extra = [SETTLE, SNAPSHOT]
    for step in steps:
        extra += [step, SETTLE, SNAPSHOT]
    nb.cells += [nbformat.v4.new_code_cell(code) for code in extra]
    from nbclient import NotebookClient

    # Each cell takes a second or two. Beside other kernels (make test's second worker) a
    # widget cell's last output message sometimes never arrives and nbclient waits out the
    # whole timeout, then goes on (jupyter/nbclient#312, open): at 300 s this test alone took
    # ten minutes of the suite, at 60 s a minute; 25 s is still ten times a cell's time.
    NotebookClient(nb, timeout=25, resources={"metadata": {"path": str(path.parent)}}).execute()
    added = nb.cells[shown:]
    snapshots = [json.loads(c.outputs[0]["text"]) for c in added if c.source == SNAPSHOT]
    printed = ["".join(o.get("text", "") for o in c.outputs) for c in added
               if c.source in steps]
    return nb, snapshots, printed


def _widget_cells(nb: nbformat.NotebookNode) -> list[int]:
    return [n for n, c in enumerate(nb.cells) for out in c.get("outputs", [])
            if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]


@pytest.mark.slow  # JupyterLab in Chromium: about 30 s each
@pytest.mark.slow  # JupyterLab in Chromium: about 30 s each
def test_in_lab_the_agency_dashboard_has_its_controls_on_top_and_redraws_only_on_a_pick(
    national: Path,
) -> None:
    steps = [
        # Narrowing the list (every province and type, then part of a name) redraws nothing.
        'board.controls["province"].value = "ทุกจังหวัด"\n'
        'board.controls["org_type"].value = "ทุกประเภท"\n'
        'board.controls["search"].value = "ตัวอย่าง00150"\n'
        'print(board.controls["agency"].options)',
        # A click on the agency found redraws its views, over every year of the data.
        'board.controls["agency"].value = "syn00150"\nprint(board.view.years)',
    ]
    nb, (start, filtered, picked), (found, years) = _run_in_a_kernel(
        national, "explore_agency", steps)
    board_cell = next(n for n, c in enumerate(nb.cells) if "_board(" in c.source)
    views = [n for n, c in enumerate(nb.cells) if c.source.startswith("board.show(")]
    # One display of the controls (not again as the cell's value), above every view's output.
    board_outputs = nb.cells[board_cell].outputs
    assert [o["output_type"] for o in board_outputs] == ["display_data"]
    assert _widget_cells(nb)[0] == board_cell < views[0]
    assert set(_widget_cells(nb)) == {board_cell, *views}
    assert set(start) == {"header", "trend", "peers", "follow_up"}
    assert ast.literal_eval(found) == (("เทศบาลตำบลตัวอย่าง00150 (syn00150)", "syn00150"),)
    assert filtered == start  # the filters and the search redrew no view
    assert all(picked[name] != start[name] for name in start)  # the pick redrew each
    assert years.strip() == "(2566, 2567, 2568, 2569)"


@pytest.mark.slow  # JupyterLab in Chromium: about 30 s each
@pytest.mark.slow  # JupyterLab in Chromium: about 30 s each
def test_in_lab_a_change_of_year_leaves_the_national_trend_as_it_is(national: Path) -> None:
    steps = ['board.controls["year"].value = 2568',
             'board.controls["province"].value = "อุบลราชธานี"']
    nb, (start, new_year, new_province), _ = _run_in_a_kernel(
        national, "explore_national", steps)
    board_cell = next(n for n, c in enumerate(nb.cells) if "_board(" in c.source)
    assert _widget_cells(nb)[0] == board_cell
    assert new_year["trend"] == start["trend"]  # every year already: not drawn again
    assert all(new_year[n] != start[n] for n in start if n != "trend")
    assert all(new_province[n] != new_year[n] for n in start)  # the scope changes them all
