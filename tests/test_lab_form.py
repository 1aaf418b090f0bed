"""The officer's whole path in real JupyterLab (chromium): the form, a new agency from a filled
template, save, run, the export buttons, a wrong score file said in Thai, notebooks unchanged;
and an analyst's: one set of exploration pickers, each table's CSV and Excel downloads.

Lab runs on a copy of the project's layout in a temporary folder (params/, data/samples/,
notebooks/ and the working copies in lab/, as ``make lab`` makes them), so the test writes
nothing into the repository. Uses Debian's chromium as tests/test_browser.py does.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, fill_template
from test_browser import CHROMIUM, CHROMIUM_ARGS

from ita_report.synth import synthesize

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
    pytest.mark.slow,
    pytest.mark.xdist_group("jupyterlab"),
]
TOKEN = "ita-report-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ita_report.officer.workspace import prepare

    root = tmp_path_factory.mktemp("project")
    (root / "params").mkdir()
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    samples = root / "data" / "samples"
    samples.mkdir(parents=True)
    fill_template(samples / "sample-tambon-2567-template.xlsx")
    (samples / "bad-2567-scores.csv").write_text(
        "org_id,org_name,fiscal_year,code,score\n"
        "sample-tambon,องค์การบริหารส่วนตำบลตัวอย่าง,2567,i1,185\n",
        encoding="utf-8",
    )
    prepare(notebooks=root / "notebooks", workspace=root / "lab")
    # The national exploration as the README sets it up: params/ and reports/synthetic/.
    shutil.copy(ROOT / "params" / "explore-national-2569.yaml", root / "params")
    synthesize(300, [2568, 2569], 5, root / "reports" / "synthetic")
    return root


@pytest.fixture(scope="module")
def lab(project: Path) -> Iterator[str]:
    port = _free_port()
    config = project.parent / f"{project.name}-jupyter"
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(config),
        "JUPYTER_CONFIG_DIR": str(config / "config"),
        "JUPYTER_RUNTIME_DIR": str(config / "runtime"),
        "LANG": "C.UTF-8",
        # The kernels import this checkout's ita_report (not whichever one the venv installed).
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
            "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={project}", "--LabApp.expose_app_in_browser=True",
            "--allow-root", "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _field(page: object, label: str) -> object:
    """The input of the ipywidget whose description is exactly ``label``."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    row = page.locator(".widget-inline-hbox").filter(  # type: ignore[attr-defined]
        has=page.locator("label.widget-label", has_text=exact)  # type: ignore[attr-defined]
    )
    return row.locator("input, textarea, select").first


def _open_and_run_all(page: object, lab: str, notebook: str) -> None:
    """Open ``lab/<notebook>`` alone (a workspace of its own: Lab does not bring back the tabs
    another test left open) and Run ▸ Run All Cells once its kernel is there."""
    workspace = notebook.split(".")[0]
    page.goto(  # type: ignore[attr-defined]
        f"{lab}/lab/workspaces/{workspace}/tree/lab/{notebook}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "name => window.jupyterapp?.shell.currentWidget?.context?.path?.endsWith(name)"
        " && window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel"
        "?.status === 'idle'",
        arg=notebook,
    )
    page.evaluate(  # type: ignore[attr-defined]
        "window.jupyterapp.commands.execute('notebook:run-all-cells')")


def test_an_officer_makes_a_new_agency_report_in_jupyterlab(project: Path, lab: str,
                                                             tmp_path: Path) -> None:
    import docx
    import openpyxl
    from playwright.sync_api import expect, sync_playwright

    downloads = tmp_path

    tracked = {p: p.read_bytes() for p in (ROOT / "notebooks").glob("*.ipynb")}
    copies_before = {p: p.read_bytes() for p in (project / "notebooks").glob("*.ipynb")}
    working_copy = project / "lab" / "measures_report.ipynb"
    as_made = working_copy.read_bytes()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(120_000)
        _open_and_run_all(page, lab, "measures_report.ipynb")
        page.wait_for_selector("text=แบบฟอร์มสร้างรายงานมาตรการ")

        # A new agency: the filled sample template fills in the agency, typed once in Excel.
        scores = _field(page, "ไฟล์คะแนน")
        scores.fill("data/samples/sample-tambon-2567-template.xlsx")  # type: ignore[attr-defined]
        expect(_field(page, "ชื่อหน่วยงาน")).to_have_value("องค์การบริหารส่วนตำบลตัวอย่าง")
        expect(_field(page, "รหัสหน่วยงาน")).to_have_value("sample-tambon")
        expect(page.locator("text=params/sample-tambon-2567.yaml")).to_be_visible()
        _field(page, "ข้อจำกัด").fill("ขาดบุคลากรที่ดูแลเว็บไซต์โดยตรง")  # type: ignore[attr-defined]
        _field(page, "ส่วนงาน").fill("งานนโยบายและแผน สำนักปลัด")  # type: ignore[attr-defined]
        page.get_by_role("button", name="บันทึก").click()
        expect(page.locator(".ita-form-ok")).to_contain_text("บันทึกแล้ว")
        saved = project / "params" / "sample-tambon-2567.yaml"
        text = saved.read_text(encoding="utf-8")
        assert "# ชื่อเต็มของหน่วยงาน" in text  # written in ita-report new's layout
        assert "ขาดบุคลากรที่ดูแลเว็บไซต์โดยตรง" in text and "งานนโยบายและแผน สำนักปลัด" in text

        page.get_by_role("button", name="สร้างรายงาน").click()
        table = page.locator(".jp-OutputArea table.measures")
        expect(table).to_be_visible(timeout=180_000)
        expect(table).to_contain_text("งานนโยบายและแผน สำนักปลัด")

        from ita_report.officer.form import EXPORT_BUTTONS

        # Each button writes its file where Lab serves it, and its link downloads that very
        # file (not Lab's own page, which a relative link gave): checked by its first bytes.
        magic = {"html": (b"<!DOCTYPE", b"<html"), "docx": (b"PK",), "xlsx": (b"PK",),
                 "pdf": (b"%PDF",)}
        for fmt, label in EXPORT_BUTTONS:
            page.get_by_role("button", name=label).click()
            link = page.locator(f"a.ita-output[data-format='{fmt}']")
            expect(link).to_be_visible(timeout=240_000)
            written = project / "reports" / "2567" / f"sample-tambon.{fmt}"
            assert written.is_file() and written.stat().st_size > 1000, written
            with page.expect_download() as caught:
                link.click()
            saved = downloads / caught.value.suggested_filename
            caught.value.save_as(saved)
            assert saved.name == written.name
            assert saved.read_bytes().lstrip().startswith(magic[fmt]), saved.read_bytes()[:80]
            assert saved.read_bytes() == written.read_bytes()
            if fmt in ("docx", "xlsx"):  # and it opens
                (docx.Document if fmt == "docx" else openpyxl.load_workbook)(str(saved))
        assert "traceback" not in page.content().lower()
        # The page opens in a new browser tab, as the officer will see it posted.
        with page.context.expect_page() as opened:
            page.locator("a.ita-open[data-format='html']").click()
        tab = opened.value
        tab.wait_for_load_state("load")
        assert tab.url.endswith("/files/reports/2567/sample-tambon.html")
        expect(tab.locator("table.measures")).to_contain_text("งานนโยบายและแผน สำนักปลัด")
        assert "หมายเหตุสำหรับผู้จัดทำ" not in tab.content()  # the publishable page
        tab.close()
        # The reports folder is in Lab's file browser.
        page.evaluate("window.jupyterapp.commands.execute('filebrowser:go-to-path',"
                      " {path: '/reports/2567'})")
        expect(page.locator(".jp-DirListing-itemText", has_text="sample-tambon.docx")
               ).to_be_visible()

        # A wrong score file chosen in the form: the Thai message, no traceback in the page.
        scores.fill("data/samples/bad-2567-scores.csv")  # type: ignore[attr-defined]
        page.get_by_role("button", name="สร้างรายงาน").click()
        error = page.locator(".ita-form-error")
        expect(error).to_contain_text("คะแนนอยู่นอกช่วง 0–100")
        expect(error).to_contain_text("bad-2567-scores.csv")
        expect(error).to_contain_text("185")
        content = page.content()
        assert "Traceback" not in content and "InputError" not in content

        # Lab saves what the officer sees into the working copy, never into notebooks/.
        page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
        page.wait_for_function(
            "() => !window.jupyterapp.shell.currentWidget.context.model.dirty"
        )
        page.screenshot(path=str(project / "form.png"), full_page=True)
        browser.close()
    assert {p: p.read_bytes() for p in (ROOT / "notebooks").glob("*.ipynb")} == tracked
    assert {p: p.read_bytes() for p in (project / "notebooks").glob("*.ipynb")} == copies_before
    assert working_copy.read_bytes() != as_made  # the outputs went to lab/


def test_an_analyst_downloads_the_exploration_tables_in_jupyterlab(project: Path, lab: str,
                                                                    tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(120_000)
        _open_and_run_all(page, lab, "explore_national.ipynb")
        province = _field(page, "จังหวัด")
        expect(province).to_be_visible(timeout=180_000)
        page.wait_for_timeout(1000)  # a second copy of the pickers would have come by now
        expect(page.locator("label.widget-label", has_text=re.compile(r"^\s*จังหวัด\s*$"))) \
            .to_have_count(1)
        # A dashboard (issue 24): the pickers above the first table, not under the page.
        first_table = page.locator(".widget-output table.explore").first
        expect(first_table).to_be_visible(timeout=120_000)
        picker_box, table_box = province.bounding_box(), first_table.bounding_box()  # type: ignore[attr-defined]
        assert picker_box is not None and table_box is not None
        assert picker_box["y"] < table_box["y"]

        # A table of the page: its CSV, as the browser saves it.
        with page.expect_download() as caught:
            page.locator("a.download-csv").first.click()
        saved = tmp_path / caught.value.suggested_filename
        caught.value.save_as(saved)
        assert saved.name == "national-2569-trend.csv"
        assert "ปี" in "".join(pd.read_csv(saved, dtype=str, encoding="utf-8-sig").columns)

        # Another province: the widget redraws the page, each table with its own downloads.
        province.select_option("อุบลราชธานี")  # type: ignore[attr-defined]
        redrawn = page.locator(".widget-output a.download-xlsx")
        expect(redrawn.first).to_be_visible(timeout=120_000)
        with page.expect_download() as caught:
            page.locator(".widget-output table.explore.distribution") \
                .locator("xpath=following::a[contains(@class,'download-xlsx')][1]").click()
        saved = tmp_path / caught.value.suggested_filename
        caught.value.save_as(saved)
        assert saved.name.startswith("national-2569-") and saved.name.endswith("-distribution.xlsx")
        sheet = openpyxl.load_workbook(saved).active
        assert sheet is not None and sheet.max_row > 2
        assert "traceback" not in page.content().lower()
        browser.close()
