"""``ita-report batch`` as an officer running the whole province (or country) would see it.

Real kernels, real nbconvert export, real worker processes, a real dask LocalCluster; a few
synthetic agencies keep it quick.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from ita_report.batch import BatchOptions, failures_summary, run_batch
from ita_report.cli import main
from ita_report.report.page import external_references

YEAR = 2569  # the results agencies analyse in late 2026 (documents of FY2570)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("batch")]


def _batch(*args: str | Path, check: int | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "ita_report.cli", "batch", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check is not None:
        assert done.returncode == check, done.stderr + done.stdout
    return done


def _status(year_dir: Path) -> dict[str, dict[str, object]]:
    rows = json.loads((year_dir / "status.json").read_text(encoding="utf-8"))
    return {r["agency"]: r for r in rows}


def _measures(html_path: Path) -> str:
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.measures")
    summary = soup.select_one("section.result-summary")
    assert table is not None and summary is not None
    return str(summary) + str(table)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    # As an operator would: synth's default years, then the batch of the latest one.
    assert main(["synth", "--agencies", "8", "--seed", "7", "--out", str(folder)]) == 0
    assert (folder / f"scores-{YEAR}.csv").is_file() and (folder / "scores-2568.csv").is_file()
    roster = pd.read_csv(folder / "agencies.csv", dtype=str).head(6)
    # An agency on the roster with no scores at all: it fails, the others must not.
    ghost = roster.iloc[[0]].assign(org_id="ghost01", org_name="หน่วยงานที่ไม่มีคะแนน")
    pd.concat([roster, ghost]).to_csv(folder / "roster.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def first_batch(
    data: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("reports")
    done = _batch(
        "--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--agencies",
        data / "roster.csv", "--out", out, "--workers", "2", "--quiet",
        check=2,  # one agency failed, for its input (no scores): exit 2, as for run
    )
    assert "ghost01" in done.stdout  # the failures summary names it
    return out / str(YEAR), done


@pytest.fixture(scope="module")
def first_run(first_batch: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return first_batch[0]


THAI = re.compile("[\u0e00-\u0e7f]")


def _thai_and_english(line: str) -> bool:
    """Thai first, then English in brackets, as every line of the command line."""
    english = re.search(r"\(([^()]*[A-Za-z]{2,}[^()]*)\)", line)
    return bool(THAI.search(line)) and english is not None and not THAI.search(english[1])


def test_the_quiet_log_and_the_summary_speak_thai_and_english(
    first_batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """Issue 24 part 11: what an operator reads of a --quiet batch, Thai then English."""
    _, done = first_batch
    logged = [line for line in done.stderr.splitlines() if line.startswith("[ita-report batch]")]
    assert any("ต้องสร้าง 6" in line and "6 to render" in line for line in logged), logged
    assert any("รายงาน 6/6 ฉบับ" in line and "6/6 reports" in line for line in logged), logged
    assert all(_thai_and_english(line) for line in logged), logged
    summary = done.stdout.splitlines()
    failed = next(i for i, line in enumerate(summary) if "✗ ghost01" in line)
    assert THAI.search(summary[failed].split("ghost01", 1)[1].split(":", 1)[1])
    assert summary[failed + 1].strip().startswith("(") and summary[failed + 1].isascii()


def test_every_agency_has_a_report_and_one_failure_stops_nothing(first_run: Path) -> None:
    status = _status(first_run)
    assert len(status) == 7
    assert status["ghost01"]["status"] == "failed"
    assert "ghost01" in str(status["ghost01"]["error"])
    assert "ไม่มี" in str(status["ghost01"]["error"])  # Thai and English
    ok = [a for a, r in status.items() if r["status"] == "ok"]
    assert len(ok) == 6
    for agency in ok:
        assert (first_run / f"{agency}.html").is_file()
    csv_rows = pd.read_csv(first_run / "status.csv", dtype=str, encoding="utf-8-sig")
    assert list(csv_rows["agency"]) == list(status)
    assert not list(first_run.glob(".*.part*"))


def test_the_published_pages_hold_no_preparer_notes(first_run: Path) -> None:
    """Issue 24 part 2: each agency's page is the one it posts as it is; the notes for its
    preparer are in a file beside it named not to publish."""
    from ita_report.report.preparer_page import notes_path

    pages = [first_run / f"{a}.html" for a, r in _status(first_run).items() if r["status"] == "ok"]
    assert pages
    for page in pages:
        assert "<aside" not in page.read_text(encoding="utf-8")
    notes = [notes_path(p) for p in pages if notes_path(p).is_file()]
    assert notes  # synthetic agencies get notes (unverified wording): none left in their pages
    for path in notes:
        text = path.read_text(encoding="utf-8")
        assert "หมายเหตุสำหรับผู้จัดทำ" in text and "ห้ามนำขึ้นเว็บไซต์" in text


def test_index_lists_every_agency_with_working_links(first_run: Path) -> None:
    page = (first_run / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html is not None and soup.html.get("lang") == "th"
    rows = soup.select("table.agencies tbody tr")
    assert len(rows) == 7
    links = [a["href"] for a in soup.select("table.agencies a")]
    assert len(links) == 12  # the agency's name, and its one file (HTML) in the files column
    assert all((first_run / str(href)).is_file() for href in links)
    files = [[a.get_text() for a in td.select("a")] for td in soup.select("td.files")]
    assert files.count(["HTML"]) == 6 and files.count([]) == 1  # the ghost has none
    assert len(soup.select("section.charts svg")) == 2
    # Scores with two decimals, as in the reports (issue 24: the index had 98 beside 98.6): the
    # ITA column, the mean in the summary line and the indicator chart's value labels.
    itas = [td.get_text() for td in soup.select("td.ita") if td.get_text()]
    assert itas and all(re.fullmatch(r"\d+\.\d{2}", v) for v in itas), itas
    summary = soup.select_one("p.summary")
    assert summary is not None and re.search(r"เฉลี่ย \d+\.\d{2}$", summary.get_text().strip())
    labels = [t.get_text() for t in soup.select("section.charts svg text")]
    decimals = [p for t in labels for p in re.findall(r"\d+\.(\d+)", t)]
    assert decimals and all(len(p) == 2 for p in decimals), labels
    assert "@font-face" in page
    # Nothing fetched from the network; the only script is the page's own inline one.
    assert [f for f in external_references(page) if not f.startswith("<script")] == []
    assert soup.select_one("script[src]") is None


def test_report_is_what_ita_report_run_gives(data: Path, first_run: Path, tmp_path: Path) -> None:
    from ita_report.run import run_report

    roster = pd.read_csv(data / "roster.csv", dtype=str).iloc[2]
    params = tmp_path / "agency.yaml"
    params.write_text(
        json.dumps(
            {
                "org_id": roster.org_id,
                "org_name": roster.org_name,
                "short_name": roster.short_name,
                "org_type": roster.org_type,
                "province": roster.province,
                "fiscal_year": YEAR,
                "scores_file": str(data / f"scores-{YEAR}.csv"),
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    single = run_report(params, tmp_path / "run")
    assert _measures(single.html_path) == _measures(first_run / f"{roster.org_id}.html")


def test_every_format_for_every_agency_and_the_index_links_each(
    first_run: Path, tmp_path: Path, data: Path
) -> None:
    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from ita_report.report.pdf import BrowserMissing, find_browser

    try:
        find_browser()
    except BrowserMissing:
        pytest.skip("no Chromium to print with (.ci/run installs Debian's chromium)")
    shutil.copytree(first_run.parent, tmp_path / "reports")
    year_dir = tmp_path / "reports" / str(YEAR)
    args = ("--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--agencies",
            data / "roster.csv", "--out", tmp_path / "reports", "--workers", "2", "--quiet",
            "--formats", "html,docx,xlsx,pdf")
    _batch(*args, check=2)
    status = _status(year_dir)
    ok = [a for a, r in status.items() if r["status"] == "ok"]
    # The HTML-only reports were up to date, but not in the formats asked for now: remade.
    assert len(ok) == 6
    for agency in ok:
        assert PdfReader(str(year_dir / f"{agency}.pdf")).pages[0].mediabox.width > 800
        assert Document(str(year_dir / f"{agency}.docx")).tables
        assert load_workbook(year_dir / f"{agency}.xlsx").sheetnames[0] == "มาตรการ"
    soup = BeautifulSoup((year_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    cells = soup.select("td.files")
    assert [[a.get_text() for a in td.select("a")] for td in cells].count(
        ["HTML", "Word", "Excel", "PDF"]) == 6
    assert all((year_dir / str(a["href"])).is_file() for td in cells for a in td.select("a"))
    # Asked again: every format is there with its key, so nothing is redone.
    _batch(*args, check=2)
    assert {r["status"] for r in _status(year_dir).values()} == {"skipped", "failed"}


def test_rerun_skips_and_a_changed_score_redoes_only_that_agency(
    data: Path, first_run: Path, tmp_path: Path
) -> None:
    scores = pd.read_csv(data / f"scores-{YEAR}.csv", dtype=str)
    changed_id = scores.loc[1, "org_id"]
    scores.loc[1, "e1"] = "12.5"
    changed = tmp_path / "scores-changed.csv"
    scores.to_csv(changed, index=False)
    # Work on a copy: other tests compare against the shared first run.
    out = tmp_path / "out"
    shutil.copytree(first_run.parent, out)
    _batch("--scores", changed, "--year", YEAR, "--agencies", data / "roster.csv",
           "--out", out, "--quiet", check=2)
    status = _status(out / first_run.name)
    assert status[changed_id]["status"] == "ok"
    others = {a: r["status"] for a, r in status.items() if a not in (changed_id, "ghost01")}
    assert set(others.values()) == {"skipped"}
    # The skipped keep their results in the index and status.
    assert all(r["ita"] is not None for a, r in status.items() if a != "ghost01")


def test_force_redoes_everything(data: Path, tmp_path: Path) -> None:
    roster = pd.read_csv(data / "roster.csv", dtype=str).head(2)
    roster.to_csv(tmp_path / "two.csv", index=False)
    args = ("--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--agencies",
            tmp_path / "two.csv", "--out", tmp_path, "--workers", "1", "--quiet")
    _batch(*args, check=0)
    _batch(*args, check=0)
    assert {r["status"] for r in _status(tmp_path / str(YEAR)).values()} == {"skipped"}
    _batch(*args, "--force", check=0)
    assert {r["status"] for r in _status(tmp_path / str(YEAR)).values()} == {"ok"}


def test_a_report_an_officer_ran_into_the_folder_is_made_again_by_the_batch(
    data: Path, tmp_path: Path
) -> None:
    # Issue 21, case 12: an officer's own run (target 95) into the batch's folder must not
    # be taken for the batch's report, described in status.csv and the index by the batch's
    # figures (target 85).
    agency = pd.read_csv(data / "roster.csv", dtype=str).iloc[0]
    pd.DataFrame([agency]).to_csv(tmp_path / "one.csv", index=False)
    args = ("--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--agencies",
            tmp_path / "one.csv", "--out", tmp_path / "out", "--workers", "1", "--quiet")
    year_dir = tmp_path / "out" / str(YEAR)
    report = year_dir / f"{agency.org_id}.html"
    _batch(*args, check=0)
    batch_status = _status(year_dir)[agency.org_id]
    batch_page = _measures(report)
    own = tmp_path / "own.yaml"
    own.write_text(json.dumps({
        "org_id": agency.org_id, "org_name": agency.org_name, "short_name": agency.short_name,
        "org_type": agency.org_type, "province": agency.province, "fiscal_year": YEAR,
        "scores_file": str(data / f"scores-{YEAR}.csv"), "target": 95,
    }, ensure_ascii=False), encoding="utf-8")
    assert main(["run", str(own), "--out", str(tmp_path / "out")]) == 0
    assert _measures(report) != batch_page  # the officer's report, at 95, is on disk now
    _batch(*args, check=0)
    status = _status(year_dir)[agency.org_id]
    # Made again from the batch's inputs: the page on disk is what status and index say.
    assert status["status"] == "ok"
    assert status["items_below_target"] == batch_status["items_below_target"]
    assert _measures(report) == batch_page
    index = (year_dir / "index.html").read_text(encoding="utf-8")
    assert "สร้างแล้ว" in index and "เป็นปัจจุบัน" not in index
    # Its own report again, the next batch finds it up to date.
    _batch(*args, check=0)
    assert _status(year_dir)[agency.org_id]["status"] == "skipped"


def test_interrupted_batch_leaves_nothing_partial_and_resumes(data: Path, tmp_path: Path) -> None:
    args = ["--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--out", tmp_path,
            "--workers", "1", "--quiet"]
    year_dir = tmp_path / str(YEAR)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ita_report.cli", "batch", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 180
    while not list(year_dir.glob("*.html")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert not [p for p in year_dir.rglob("*") if ".part" in p.name]
    status = _status(year_dir)
    assert 1 <= len(status) < 8
    assert {r["status"] for r in status.values()} == {"ok"}
    # The same command again finishes the rest and redoes nothing.
    _batch(*args, check=0)
    status = _status(year_dir)
    assert len(status) == 8
    assert sum(r["status"] == "skipped" for r in status.values()) >= 1
    assert {r["status"] for r in status.values()} == {"ok", "skipped"}


def test_a_forced_batch_stopped_by_ctrl_c_prints_a_command_that_makes_only_the_rest(
    data: Path, tmp_path: Path
) -> None:
    """Issue 24 part 11: "the same command again" after ``--force`` would make every report
    again; the hint's command, run as printed, makes only the reports the forced run left."""
    roster = pd.read_csv(data / "roster.csv", dtype=str).head(4)
    roster.to_csv(tmp_path / "four.csv", index=False)
    args = ["--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--agencies",
            tmp_path / "four.csv", "--out", tmp_path / "out", "--workers", "1", "--quiet"]
    year_dir = tmp_path / "out" / str(YEAR)
    _batch(*args, check=0)
    pages = [year_dir / f"{a}.html" for a in roster.org_id]
    before = {p.name: p.stat().st_mtime_ns for p in pages}

    def rewritten() -> set[str]:
        return {p.name for p in pages if p.stat().st_mtime_ns != before[p.name]}

    proc = subprocess.Popen(
        [sys.executable, "-m", "ita_report.cli", "batch", *map(str, args), "--force"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    deadline = time.monotonic() + 180
    while not rewritten() and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    said, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    made_by_force = rewritten()
    assert 1 <= len(made_by_force) < len(pages), said
    lines = said.splitlines()
    hint = next(i for i, line in enumerate(lines) if "หยุดกลางคัน" in line)
    assert "interrupted" in lines[hint] and "--force" in lines[hint]
    command = lines[hint + 1].strip()
    assert command.startswith("ita-report batch ") and "--force" not in command
    assert all(_thai_and_english(line) for line in err.splitlines()
               if line.startswith("[ita-report batch]")), err
    after_force = {p.name: p.stat().st_mtime_ns for p in pages}

    # As printed, in the officer's shell: ita-report is the installed command.
    bin_dir = str(Path(sys.executable).parent)
    done = subprocess.run(
        shlex.split(command), capture_output=True, text=True, timeout=600,
        env={**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")},
    )
    assert done.returncode == 0, done.stderr + done.stdout
    status = _status(year_dir)
    assert {f"{a}.html" for a, r in status.items() if r["status"] == "skipped"} == made_by_force
    left = {p.name for p in pages} - made_by_force
    assert {f"{a}.html" for a, r in status.items() if r["status"] == "ok"} == left
    for page in pages:  # the forced run's reports untouched, the rest made now
        same = page.stat().st_mtime_ns == after_force[page.name]
        assert same == (page.name in made_by_force), page.name


def test_ctrl_c_after_the_last_report_says_nothing_is_left(tmp_path: Path) -> None:
    from ita_report.batch import AgencyResult, BatchOutcome

    done = BatchOutcome(results=(AgencyResult("a1", "หน่วยงาน", "ok"),), year_dir=tmp_path,
                        seconds=1.0, interrupted_by=signal.SIGINT,
                        counts={"ok": 1, "skipped": 0, "failed": 0, "not_done": 0},
                        resume="ita-report batch --scores s.csv --year 2569 --out reports")
    said = failures_summary(done)
    assert "ไม่มีส่วนที่เหลือ" in said and "nothing is left" in said
    assert "ita-report batch" not in said
    left = BatchOutcome(results=done.results, year_dir=tmp_path, seconds=1.0,
                        interrupted_by=signal.SIGINT, counts={**done.counts, "not_done": 2},
                        resume=done.resume)
    assert f"\n  {done.resume}" in failures_summary(left)


def with_agency_without_eit(data: Path, folder: Path) -> tuple[Path, Path]:
    """The synthetic scores plus noeit01: a copy of the first agency with every EIT cell
    blank (a deleted EIT sheet); and a roster of the first two agencies and noeit01."""
    scores = pd.read_csv(data / f"scores-{YEAR}.csv", dtype=str, keep_default_na=False)
    copy = scores.head(1).assign(org_id="noeit01", org_name="หน่วยงานที่ไม่มีคะแนน EIT")
    for column in [c for c in scores.columns if c.startswith("e") and c[1:].isdigit()]:
        copy[column] = ""
    scores_path = folder / "scores-noeit.csv"
    pd.concat([scores, copy]).to_csv(scores_path, index=False)
    roster = pd.read_csv(data / "roster.csv", dtype=str).head(2)
    extra = roster.head(1).assign(org_id="noeit01", org_name="หน่วยงานที่ไม่มีคะแนน EIT")
    roster_path = folder / "three.csv"
    pd.concat([roster, extra]).to_csv(roster_path, index=False)
    return scores_path, roster_path


def test_dask_cluster_writes_the_same_outputs_where_the_client_runs(
    data: Path, first_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 12, case 9: with a relative --out, the reports landed in the workers' folder and
    # index.html in the client's: "ok, failed 0" and every link broken. The workers here run
    # in a folder of their own, as on a real cluster.
    from distributed import LocalCluster

    scores, roster = with_agency_without_eit(data, tmp_path)
    workers_cwd, client_cwd = tmp_path / "workers", tmp_path / "client"
    workers_cwd.mkdir()
    client_cwd.mkdir()
    monkeypatch.chdir(workers_cwd)
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        monkeypatch.chdir(client_cwd)
        outcome = run_batch(
            BatchOptions(
                scores=scores,
                year=YEAR,
                agencies=roster,
                out=Path("reports"),
                dask_scheduler=cluster.scheduler_address,
                quiet=True,
            )
        )
    # noeit01 lacks a whole tool: no ITA score, no document (issue 25); the others are made.
    assert outcome.exit_code == 2
    year_dir = client_cwd / "reports" / str(YEAR)
    assert outcome.year_dir == year_dir
    assert not (workers_cwd / "reports").exists()
    assert [r.status for r in outcome.results] == ["ok", "ok", "failed"]
    agencies = pd.read_csv(roster, dtype=str).org_id.tolist()
    for agency in agencies[:2]:
        assert _measures(year_dir / f"{agency}.html") == _measures(first_run / f"{agency}.html")
    assert set(_status(year_dir)) == set(agencies)
    page = BeautifulSoup((year_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert all((year_dir / str(a["href"])).is_file() for a in page.select("table.agencies a"))
    # Case 8 in a batch: the agency without EIT is refused, and status.csv and the summary say
    # why, naming the batch's file (not a worker's slice of it).
    (failed,) = [r for r in outcome.results if r.status == "failed"]
    assert failed.org_id == "noeit01" and "has no EIT score" in failed.error
    assert str(scores) in failed.error
    assert not (year_dir / "noeit01.html").exists()
    assert "noeit01" in failures_summary(outcome)


def test_a_batch_fails_only_the_agency_missing_a_tool(data: Path, tmp_path: Path) -> None:
    # Without an ITA score there is no document to sign: that agency's report is refused
    # before any kernel starts (with or without --strict or strict: true in the defaults); the
    # others are made; exit 2, an input error.
    scores, roster = with_agency_without_eit(data, tmp_path)
    only = tmp_path / "only.csv"
    pd.read_csv(roster, dtype=str).tail(1).to_csv(only, index=False)
    defaults = tmp_path / "defaults.yaml"
    defaults.write_text("strict: true\n", encoding="utf-8")
    for how in ([], ["--strict"], ["--params-defaults", str(defaults)]):
        out = tmp_path / "out" / (how[0].strip("-") if how else "plain")
        done = _batch("--scores", scores, "--year", YEAR, "--agencies", only, "--out", out,
                      "--quiet", *how, check=2)
        status = _status(out / str(YEAR))
        assert status["noeit01"]["status"] == "failed"
        assert "ไม่มีคะแนนของเครื่องมือ EIT" in str(status["noeit01"]["error"])
        assert "noeit01" in done.stdout
        assert not (out / str(YEAR) / "noeit01.html").exists()


def test_bad_input_exits_2_and_writes_nothing(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = _batch("--scores", tmp_path / "nope.csv", "--year", YEAR, "--out", out, check=2)
    assert "nope.csv" in missing.stderr and "Traceback" not in missing.stderr
    unknown = _batch("--scores", data / f"scores-{YEAR}.csv", "--year", 2999, "--out", out,
                     check=2)
    assert "2999" in unknown.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("org_id,org_name\nok1,หน่วยงาน\n,ไม่มีรหัส\n", encoding="utf-8")
    roster = _batch("--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--agencies", bad,
                    "--out", out, check=2)
    assert "row 3" in roster.stderr and "org_id" in roster.stderr
    assert not out.exists()


def test_a_batch_written_again_keeps_the_filled_progress_sheet(data: Path, tmp_path: Path) -> None:
    # Issue 21 case 2: re-rendering every agency with xlsx must not wipe what officers filled.
    from openpyxl import load_workbook

    from ita_report.officer.progress import COLUMNS, DONE, PROGRESS_SHEET

    roster = pd.read_csv(data / "roster.csv", dtype=str).head(1)
    roster.to_csv(tmp_path / "one.csv", index=False)
    args = ("--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--agencies",
            tmp_path / "one.csv", "--out", tmp_path, "--workers", "1", "--quiet",
            "--formats", "html,xlsx")
    _batch(*args, check=0)
    workbook = tmp_path / str(YEAR) / f"{roster.loc[0, 'org_id']}.xlsx"
    book = load_workbook(workbook)
    sheet = book[PROGRESS_SHEET]
    status, result = COLUMNS.index("สถานะ") + 1, COLUMNS.index("ผลการดำเนินงาน") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=status, value=DONE)
        sheet.cell(row=row, column=result, value=f"ผลแถว {row}")
    book.save(workbook)
    _batch(*args, "--force", check=0)
    sheet = load_workbook(workbook)[PROGRESS_SHEET]
    assert sheet.max_row > 2
    assert all(sheet.cell(row=row, column=status).value == DONE
               and sheet.cell(row=row, column=result).value == f"ผลแถว {row}"
               for row in range(2, sheet.max_row + 1))


def test_status_csv_keeps_a_formula_like_agency_name_as_text(tmp_path: Path) -> None:
    # Issue 21 case 6: status.csv holds the roster's names; "=…" would run when opened.
    import csv

    from ita_report.batch.records import AgencyResult
    from ita_report.batch.status import write_status

    name = '=HYPERLINK("http://evil.example","x")'
    write_status([AgencyResult(org_id="a1", org_name=name, status="failed")], tmp_path)
    with (tmp_path / "status.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["org_name"] == "'" + name and row["agency"] == "a1"
    assert json.loads((tmp_path / "status.json").read_text(encoding="utf-8"))[0]["org_name"] == name


def test_a_roster_name_with_a_pasted_line_break_renders_in_word_and_excel(
    data: Path, tmp_path: Path
) -> None:
    # Issue 21 case 7: an org_name holding a vertical tab failed that agency (ValueError).
    roster = pd.read_csv(data / "agencies.csv", dtype=str).head(1)
    first = str(roster.iloc[0]["org_name"])
    roster.iloc[0, roster.columns.get_loc("org_name")] = first[:4] + "\v" + first[4:]
    roster.to_csv(tmp_path / "roster.csv", index=False)
    out = tmp_path / "reports"
    _batch("--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--agencies",
           tmp_path / "roster.csv", "--out", out, "--workers", "1", "--quiet",
           "--formats", "html,docx,xlsx", check=0)
    status = _status(out / str(YEAR))
    (row,) = status.values()
    assert row["status"] == "ok" and row["org_name"] == first[:4] + " " + first[4:]
    assert list((out / str(YEAR)).glob("*.docx")) and list((out / str(YEAR)).glob("*.xlsx"))


def test_a_batch_never_writes_over_an_input_kept_in_its_year_folder(data: Path,
                                                                      tmp_path: Path) -> None:
    # Issue 21 case 3, the batch's side: a roster kept as <out>/<year>/status.csv is read,
    # and the batch refuses before writing anything rather than replace it with its status.
    year_dir = tmp_path / "reports" / str(YEAR)
    year_dir.mkdir(parents=True)
    roster = year_dir / "status.csv"
    pd.read_csv(data / "roster.csv", dtype=str).head(2).to_csv(roster, index=False)
    before = roster.read_bytes()
    done = _batch("--scores", data / f"scores-{YEAR}.csv", "--year", YEAR, "--agencies",
                  roster, "--out", tmp_path / "reports", "--workers", "1", "--quiet", check=2)
    assert "read as input" in done.stderr and "Traceback" not in done.stderr
    assert roster.read_bytes() == before
    assert sorted(p.name for p in year_dir.iterdir()) == ["status.csv"]


def test_the_batch_sweep_leaves_a_live_runs_part_files(tmp_path: Path) -> None:
    # An officer's `run` writing into the batch's folder while the batch ends: its .part
    # files are its own (a live writer), not the batch's to delete; a dead writer's are swept.
    from ita_report.batch import sweep_partial
    from ita_report.iorw import _HOST, _part_file

    live = _part_file(tmp_path / "chaemae.html")  # this process: alive
    live.write_text("", encoding="utf-8")
    dead = tmp_path / f".other.{2**22 + 12345}@{_HOST}.ab12.part.html"
    dead.write_text("", encoding="utf-8")
    assert sweep_partial(tmp_path) == 1
    assert live.exists() and not dead.exists()
