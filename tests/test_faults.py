"""Faults in the middle of a report, for ``ita-report run`` and ``ita-report batch`` (issue 7).

A kernel that dies, a cell that hangs, a disk that fills up, a SIGINT or SIGTERM, a worker
process killed: no partial file is left where a report belongs, the status says what
happened, and the next run completes the rest. The faults are real (the kernel really kills
itself, the worker is really SIGKILLed) except the full disk, simulated by
``fixtures/disk_full/sitecustomize.py``. One test notebook (the report notebook with a fault
cell) serves every case: a marker file ``<org_id>.die`` or ``<org_id>.hang`` beside it arms
the fault for that agency, and removing the marker is "the cause is gone".
"""

from __future__ import annotations

import builtins
import functools
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell

from ita_report import iorw
from ita_report.cli import build_parser, main
from ita_report.run import MEASURES_NOTEBOOK
from ita_report.run import single as run_module
from ita_report.run.kernel import CELL_TIMEOUT
from ita_report.synth import synthesize

ROOT = Path(__file__).resolve().parent.parent
DISK_FULL = Path(__file__).resolve().parent / "fixtures" / "disk_full"
YEAR = 2568
#: Per-cell limit for the runs here: above a cold kernel's slowest report cell (its imports,
#: about a second; more on a busy machine), and what every timeout case waits.
TIMEOUT = 6.0

pytestmark = pytest.mark.slow


# -- the fault notebook -------------------------------------------------------------------------
FAULT_CELL = '''\
import os as _os, pathlib as _pl, signal as _sig, time as _time
_fault = _pl.Path(r"{faults}") / str(org_id)
_fault.with_suffix(".pid").write_text(f"{{_os.getpid()}} {{_os.getppid()}}")
if _fault.with_suffix(".die").exists():
    _os.kill(_os.getpid(), _sig.SIGKILL)  # as the out-of-memory killer does
if _fault.with_suffix(".hang").exists():
    _fault.with_suffix(".started").write_text(f"{{_os.getpid()}} {{_os.getppid()}}")
    _time.sleep(120)
'''


@dataclass(frozen=True)
class Faults:
    """The test notebook and the folder whose marker files arm its faults."""

    notebook: Path
    folder: Path

    def arm(self, org_id: str, fault: str) -> None:
        (self.folder / f"{org_id}.{fault}").write_text("", encoding="utf-8")

    def clear(self) -> None:
        for marker in self.folder.iterdir():
            marker.unlink()

    def pids(self, org_id: str, what: str = "pid") -> tuple[int, int]:
        """(kernel pid, its parent's pid) as the agency's fault cell saw them."""
        kernel, parent = (self.folder / f"{org_id}.{what}").read_text().split()
        return int(kernel), int(parent)

    def wait_started(self, org_id: str, seconds: float = 120) -> tuple[int, int]:
        deadline = time.monotonic() + seconds
        while not (self.folder / f"{org_id}.started").is_file():
            assert time.monotonic() < deadline, f"{org_id} never reached its fault cell"
            time.sleep(0.05)
        time.sleep(0.1)  # the file is written, not only created
        return self.pids(org_id, "started")


def make_faults(folder: Path) -> Faults:
    """The report notebook with a fault cell before its last cell (after some output)."""
    nb = nbformat.read(str(MEASURES_NOTEBOOK), as_version=4)  # type: ignore[no-untyped-call]
    nb.cells.insert(len(nb.cells) - 1, new_code_cell(FAULT_CELL.format(faults=folder / "markers")))
    (folder / "markers").mkdir(parents=True)
    path = folder / "fault_report.ipynb"
    nbformat.write(nb, str(path))  # type: ignore[no-untyped-call]
    return Faults(path, folder / "markers")


def running(pid: int) -> bool:
    """The process exists and is not a zombie (a container's init may not reap orphans)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not running(pid)


def partial_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if ".part" in p.name]


def load_disk_full() -> ModuleType:
    spec = importlib.util.spec_from_file_location("disk_full", DISK_FULL / "sitecustomize.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_timeout_default_is_what_the_help_says() -> None:
    helps = [
        action.help or ""
        for sub in build_parser()._subparsers._group_actions[0].choices.values()  # type: ignore[union-attr]
        for action in sub._actions
        if "--timeout" in action.option_strings
    ]
    assert len(helps) == 2  # run and batch
    assert all(f"default {CELL_TIMEOUT:g}" in h for h in helps)


# -- ita-report run ---------------------------------------------------------------------------
@pytest.fixture
def agency(tmp_path: Path) -> Path:
    """The sample agency's params, reading the sample scores where they are."""
    text = (ROOT / "params" / "chaemae-2566.yaml").read_text(encoding="utf-8")
    scores = ROOT / "data" / "samples" / "chaemae-2566-scores.csv"
    params = tmp_path / "chaemae.yaml"
    params.write_text(
        text.replace("../data/samples/chaemae-2566-scores.csv", str(scores)), encoding="utf-8"
    )
    return params


@pytest.fixture
def faults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Faults:
    made = make_faults(tmp_path / "faults")
    monkeypatch.setattr(run_module, "run_report",
                        functools.partial(run_module.run_report, notebook=made.notebook))
    return made


#: ``ita-report ARGS`` with the report notebook replaced: ``python -c RUN_WITH_NOTEBOOK NB ARGS``.
RUN_WITH_NOTEBOOK = (
    "import functools, pathlib, sys\n"
    "from ita_report.run import single as run\n"
    "run.run_report = functools.partial(run.run_report, notebook=pathlib.Path(sys.argv[1]))\n"
    "from ita_report.cli import main\n"
    "raise SystemExit(main(sys.argv[2:]))\n"
)


def run_in_subprocess(notebook: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN_WITH_NOTEBOOK, str(notebook), *args],
        capture_output=True, text=True, encoding="utf-8", timeout=300,
    )


def run_paragraph(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and 'File "' not in err
    assert len(err.strip().splitlines()) == 2, err  # one paragraph: Thai, then English
    return err


def test_run_kernel_dies_no_report_and_the_rerun_makes_it(
    agency: Path, faults: Faults, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    folder = out / "2566"
    faults.arm("chaemae", "die")
    # In a process of its own: the terminal shows what the libraries log too, which pytest's
    # log capture would hide in this one.
    proc = run_in_subprocess(faults.notebook, "run", str(agency), "--out", str(out))
    assert proc.returncode == 1
    err = proc.stderr
    assert "Traceback" not in err and 'File "' not in err
    assert len(err.strip().splitlines()) == 2, err  # one paragraph: Thai, then English
    assert "เคอร์เนล" in err and "หยุดทำงานกะทันหัน" in err
    assert "the kernel running cell" in err and "died" in err
    assert "chaemae.failed.log" in err
    assert not (folder / "chaemae.html").exists() and not (folder / "chaemae.ipynb").exists()
    assert not partial_files(out)
    # The kept notebook shows how far the report got: output up to the cell that died.
    kept = nbformat.read(str(folder / "chaemae.failed.ipynb"), as_version=4)  # type: ignore[no-untyped-call]
    assert "result-summary" in json.dumps(kept.cells)  # the head, shown before the fault

    faults.clear()
    assert main(["run", str(agency), "--out", str(out)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "chaemae.html", "chaemae.ipynb", "chaemae.ผู้จัดทำ-ห้ามเผยแพร่.html"]  # + its notes


def test_run_cell_that_hangs_times_out(
    agency: Path, faults: Faults, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    faults.arm("chaemae", "hang")
    started = time.monotonic()
    assert main(["run", str(agency), "--out", str(out), "--timeout", f"{TIMEOUT:g}"]) == 1
    assert time.monotonic() - started < 60  # not the 120 s the cell sleeps
    err = run_paragraph(capsys)
    assert f"เกิน {TIMEOUT:g} วินาที" in err and f"longer than {TIMEOUT:g} s" in err
    assert "--timeout" in err
    assert not (out / "2566" / "chaemae.html").exists()
    assert not partial_files(out)
    kernel, _ = faults.pids("chaemae", "started")
    assert gone(kernel)  # the stuck kernel was shut down, not left sleeping


def test_run_disk_full_keeps_the_previous_report(
    agency: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "reports"
    folder = out / "2566"
    folder.mkdir(parents=True)
    previous = {"chaemae.html": b"<p>last year's published report</p>",
                "chaemae.ipynb": b'{"previous": true}'}
    for name, data in previous.items():
        (folder / name).write_bytes(data)
    disk_full = load_disk_full()
    monkeypatch.setattr(builtins, "open",
                        disk_full.failing_open(".chaemae.*.part.html", builtins.open))
    assert main(["run", str(agency), "--out", str(out)]) == 1
    err = run_paragraph(capsys)
    assert "ดิสก์เต็ม" in err and "No space left on device" in err
    assert "chaemae.html" in err and "unchanged" in err
    for name, data in previous.items():
        assert (folder / name).read_bytes() == data
    assert sorted(p.name for p in folder.iterdir()) == sorted(previous)


KILLED_MIDWAY = Path(__file__).resolve().parent / "fixtures" / "killed_midway"


def test_run_killed_between_formats_leaves_the_previous_set_whole(
    agency: Path, tmp_path: Path
) -> None:
    # Issue 12, case 13: killed while making the Excel file, a run published a new HTML (and
    # notebook and Word file) beside last run's Excel file: a mixed set. Now every format is
    # made first and they are renamed together.
    out = tmp_path / "reports"
    folder = out / "2566"
    args = ["-m", "ita_report.cli", "run", str(agency), "--out", str(out),
            "--formats", "html,docx,xlsx"]
    first = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    published = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert sorted(published) == ["chaemae.docx", "chaemae.html", "chaemae.ipynb", "chaemae.xlsx",
                                 "chaemae.ผู้จัดทำ-ห้ามเผยแพร่.html"]  # the preparer's notes

    scores = Path(str(agency.read_text(encoding="utf-8")).split("scores_file: ")[1].split()[0])
    changed = tmp_path / "changed.csv"
    changed.write_text(scores.read_text(encoding="utf-8").replace(",e1,84.77", ",e1,91.5"),
                       encoding="utf-8")
    agency.write_text(agency.read_text(encoding="utf-8").replace(str(scores), str(changed)),
                      encoding="utf-8")
    path = os.pathsep.join(p for p in (str(KILLED_MIDWAY), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path, "ITA_TEST_KILL_AT_XLSX": "1"}
    killed = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                            timeout=300, env=env)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    now = {p.name: p.read_bytes() for p in folder.iterdir() if ".part" not in p.name}
    assert now == published  # the whole previous set, not a mix




@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_run_stopped_by_a_signal_leaves_nothing(
    agency: Path, tmp_path: Path, signum: signal.Signals
) -> None:
    made = make_faults(tmp_path / "faults")
    made.arm("chaemae", "hang")
    out = tmp_path / "reports"
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_WITH_NOTEBOOK, str(made.notebook), "run", str(agency),
         "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        kernel, parent = made.wait_started("chaemae")
        assert parent == proc.pid
        proc.send_signal(signum)  # while the kernel runs a cell of the report
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum, err
    assert "หยุดกลางคัน" in err and "interrupted" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not [p for p in out.rglob("*") if p.is_file()]  # no html, ipynb, .part, log
    assert gone(kernel)


# -- ita-report batch -------------------------------------------------------------------------
BATCH_WITH_NOTEBOOK = (
    "import functools, pathlib, sys\n"
    "from ita_report import batch\n"
    "batch.BatchOptions = functools.partial(batch.BatchOptions,"
    " notebook=pathlib.Path(sys.argv[1]))\n"
    "from ita_report.cli import main\n"
    "raise SystemExit(main(sys.argv[2:]))\n"
)

#: Roster order is render order (one worker): each fault is followed by an agency that must
#: still be rendered, by a working kernel or a new worker.
DIES, AFTER_DEATH, HANGS, AFTER_HANG, DISK_FULL_ID, WORKER_KILLED, LAST = (
    f"syn0000{i}" for i in range(1, 8)
)
FAULTY = (DIES, HANGS, DISK_FULL_ID, WORKER_KILLED)


@dataclass(frozen=True)
class Batch:
    data: Path
    out: Path
    faults: Faults

    @property
    def year_dir(self) -> Path:
        return self.out / str(YEAR)

    def args(self, *extra: str) -> list[str]:
        return [
            sys.executable, "-c", BATCH_WITH_NOTEBOOK, str(self.faults.notebook), "batch",
            "--scores", str(self.data / f"scores-{YEAR}.csv"), "--year", str(YEAR),
            "--agencies", str(self.data / "agencies.csv"), "--out", str(self.out),
            "--workers", "1", "--quiet", "--timeout", f"{TIMEOUT:g}", *extra,
        ]

    def status(self) -> dict[str, dict[str, object]]:
        rows = json.loads((self.year_dir / "status.json").read_text(encoding="utf-8"))
        return {r["agency"]: r for r in rows}


@dataclass(frozen=True)
class FaultyRun:
    batch: Batch
    returncode: int
    stdout: str
    stderr: str
    killed_worker: int
    orphaned_kernel: int
    previous_report: bytes


@pytest.fixture(scope="module")
def faulty_run(tmp_path_factory: pytest.TempPathFactory) -> FaultyRun:
    """One batch with every fault in it, the worker of WORKER_KILLED SIGKILLed mid-report."""
    data = tmp_path_factory.mktemp("fault-data")
    synthesize(7, [YEAR], seed=7, out_dir=data)
    batch = Batch(data, tmp_path_factory.mktemp("fault-reports"),
                  make_faults(tmp_path_factory.mktemp("fault-notebook")))
    batch.faults.arm(DIES, "die")
    batch.faults.arm(HANGS, "hang")
    batch.faults.arm(WORKER_KILLED, "hang")
    # The report already published for DISK_FULL_ID, with a cache record that asks for a redo,
    # and a temporary file a killed process left behind.
    state = batch.year_dir / ".batch"
    state.mkdir(parents=True)
    previous = b"<p>the report published last week</p>"
    (batch.year_dir / f"{DISK_FULL_ID}.html").write_bytes(previous)
    (state / f"{DISK_FULL_ID}.json").write_text('{"key": "inputs changed since"}')
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # a process now ended
    killed = batch.year_dir / f".{LAST}.{gone.stdout.strip()}@{iorw._HOST}.x1y2z3.part.html"
    killed.write_text("<p>half a rep")
    # One named before part files carried their writer, left two days ago.
    legacy = batch.year_dir / f".{LAST}.k9m8n7.part.html"
    legacy.write_text("<p>half a rep")
    os.utime(legacy, (time.time() - 2 * 86400,) * 2)
    path = os.pathsep.join(p for p in (str(DISK_FULL), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path, "ITA_TEST_DISK_FULL": f".{DISK_FULL_ID}.*.part.html"}
    proc = subprocess.Popen(batch.args(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env=env)
    try:
        kernel, worker = batch.faults.wait_started(WORKER_KILLED, seconds=240)
        os.kill(worker, signal.SIGKILL)  # as the out-of-memory killer would
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    return FaultyRun(batch, proc.returncode, out, err, worker, kernel, previous)


@pytest.mark.xdist_group("faults")
def test_batch_kernel_death_fails_that_agency_and_a_new_kernel_goes_on(
    faulty_run: FaultyRun,
) -> None:
    status = faulty_run.batch.status()
    error = str(status[DIES]["error"])
    assert status[DIES]["status"] == "failed"
    assert "หยุดทำงานกะทันหัน" in error and "the kernel running cell" in error
    assert "died" in error and "fault_report.ipynb" in error
    assert not (faulty_run.batch.year_dir / f"{DIES}.html").exists()
    assert status[AFTER_DEATH]["status"] == "ok"
    # Replaced at once, not found dead by the next agency (that would cost it a timeout).
    assert float(str(status[AFTER_DEATH]["seconds"])) < TIMEOUT
    dead, _ = faulty_run.batch.faults.pids(DIES)
    assert faulty_run.batch.faults.pids(AFTER_DEATH)[0] != dead  # a new kernel


@pytest.mark.xdist_group("faults")
def test_batch_cell_that_hangs_times_out_and_the_batch_goes_on(faulty_run: FaultyRun) -> None:
    status = faulty_run.batch.status()
    error = str(status[HANGS]["error"])
    assert status[HANGS]["status"] == "failed"
    assert f"เกิน {TIMEOUT:g} วินาที" in error and f"longer than {TIMEOUT:g} s" in error
    assert float(str(status[HANGS]["seconds"])) < 60  # not the 120 s the cell sleeps
    assert not (faulty_run.batch.year_dir / f"{HANGS}.html").exists()
    # Kept as ita-report run keeps a failure: the executed notebook and its log beside it.
    kept = faulty_run.batch.year_dir / f"{HANGS}.failed.log"
    assert kept.is_file() and (faulty_run.batch.year_dir / f"{HANGS}.failed.ipynb").is_file()
    assert status[AFTER_HANG]["status"] == "ok"
    # Replaced at once, not found stuck by the next agency (that would cost it a timeout).
    assert float(str(status[AFTER_HANG]["seconds"])) < TIMEOUT
    stuck, _ = faulty_run.batch.faults.pids(HANGS)
    assert faulty_run.batch.faults.pids(AFTER_HANG)[0] != stuck
    assert not running(stuck)


@pytest.mark.xdist_group("faults")
def test_batch_disk_full_keeps_the_published_report(faulty_run: FaultyRun) -> None:
    status = faulty_run.batch.status()
    error = str(status[DISK_FULL_ID]["error"])
    assert status[DISK_FULL_ID]["status"] == "failed"
    assert "ดิสก์เต็ม" in error and "No space left on device" in error
    html = faulty_run.batch.year_dir / f"{DISK_FULL_ID}.html"
    assert html.read_bytes() == faulty_run.previous_report


@pytest.mark.xdist_group("faults")
def test_batch_killed_worker_fails_its_agency_and_a_new_worker_goes_on(
    faulty_run: FaultyRun,
) -> None:
    status = faulty_run.batch.status()
    error = str(status[WORKER_KILLED]["error"])
    assert status[WORKER_KILLED]["status"] == "failed"
    assert "killed by SIGKILL" in error and "หยุดทำงานกะทันหัน" in error
    assert not (faulty_run.batch.year_dir / f"{WORKER_KILLED}.html").exists()
    assert status[LAST]["status"] == "ok"
    assert faulty_run.batch.faults.pids(LAST)[1] != faulty_run.killed_worker
    assert not running(faulty_run.killed_worker)
    assert gone(faulty_run.orphaned_kernel)  # its kernel noticed and went too


@pytest.mark.xdist_group("faults")
def test_batch_with_faults_leaves_no_partial_file_and_says_so(faulty_run: FaultyRun) -> None:
    assert faulty_run.returncode == 1, faulty_run.stderr
    assert "Traceback" not in faulty_run.stderr + faulty_run.stdout
    status = faulty_run.batch.status()
    assert {a for a, r in status.items() if r["status"] == "failed"} == set(FAULTY)
    assert not partial_files(faulty_run.batch.out)
    for agency in FAULTY:
        assert agency in faulty_run.stdout  # the summary names every failure
    csv_rows = pd.read_csv(faulty_run.batch.year_dir / "status.csv", encoding="utf-8-sig")
    assert set(csv_rows.loc[csv_rows.status == "failed", "agency"]) == set(FAULTY)


@pytest.mark.xdist_group("faults")
def test_batch_rerun_after_the_faults_completes_only_the_rest(faulty_run: FaultyRun) -> None:
    batch = faulty_run.batch
    batch.faults.clear()
    done = subprocess.run(batch.args(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    status = batch.status()
    assert {a: r["status"] for a, r in status.items() if a in FAULTY} == dict.fromkeys(
        FAULTY, "ok"
    )
    assert {r["status"] for a, r in status.items() if a not in FAULTY} == {"skipped"}
    published = (batch.year_dir / f"{DISK_FULL_ID}.html").read_bytes()
    assert published != faulty_run.previous_report and b"</html>" in published
    assert not partial_files(batch.out)


@pytest.mark.xdist_group("faults")
def test_batch_stopped_by_sigterm_leaves_nothing_partial_and_resumes(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    synthesize(4, [YEAR], seed=3, out_dir=data)
    batch = Batch(data, tmp_path / "reports", make_faults(tmp_path / "faults"))
    proc = subprocess.Popen(batch.args(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8")
    try:
        deadline = time.monotonic() + 180
        while not list(batch.year_dir.glob("*.html")) and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)  # as `kill PID` or a service manager stopping it
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert not partial_files(batch.out)
    status = batch.status()
    assert 1 <= len(status) < 4
    assert {r["status"] for r in status.values()} == {"ok"}
    for agency in status:
        assert (batch.year_dir / f"{agency}.html").is_file()
    done = subprocess.run(batch.args(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    status = batch.status()
    assert len(status) == 4 and {r["status"] for r in status.values()} == {"ok", "skipped"}
