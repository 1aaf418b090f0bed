"""``ita-report lab`` (issue 24 part 3): JupyterLab on the project's working copies without make,
the project folder as Lab's root (lab/, params/, reports/ in its file browser), and the URL a
kernel's form links to (what Lab really serves, not its own page)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ita_report.officer.lab import LabServer, files_url, lab_command

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "ita_report.cli"]


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp / "home"),
            "JUPYTER_CONFIG_DIR": str(tmp / "config"), "JUPYTER_RUNTIME_DIR": str(tmp / "run"),
            "JUPYTER_DATA_DIR": str(tmp / "data"), "LANG": "C.UTF-8"}


def test_lab_help_is_thai_and_english() -> None:
    proc = subprocess.run([*CLI, "lab", "--help"], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "--no-browser" in proc.stdout and "JupyterLab" not in proc.stderr
    assert "วิธีใช้" in proc.stdout and "project folder" in proc.stdout


def test_the_command_starts_lab_on_the_project_with_allow_root_only_as_root() -> None:
    command = lab_command(Path("/p"), as_root=True)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--ServerApp.root_dir=/p" in command and "--allow-root" in command
    assert "--allow-root" not in lab_command(Path("/p"), as_root=False)
    assert command[-1] == "lab/measures_report.ipynb"  # opened first, relative to the root


def test_files_url_is_what_lab_serves_not_its_page() -> None:
    server = LabServer(Path("/p"), "/user/x/")
    assert files_url(Path("/p/reports/2567/a b.docx"), server) == \
        "/user/x/files/reports/2567/a%20b.docx"
    assert files_url(Path("/elsewhere/a.docx"), server) is None
    assert files_url(Path("/p/a.html"), None) is None


@pytest.mark.slow
def test_ita_report_lab_starts_a_server_on_the_working_copies(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "params").mkdir(parents=True)
    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    report = project / "reports" / "2567" / "x.docx"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = subprocess.Popen(
        [*CLI, "lab", "--project", str(project), "--no-browser", "--port", str(port)],
        env=_env(tmp_path), cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        infos: list[Path] = []
        while not infos:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.5)
            infos = list((tmp_path / "run").glob("jpserver-*.json"))
        info = json.loads(infos[0].read_text(encoding="utf-8"))
        assert Path(info["root_dir"]) == project.resolve()  # the project, not lab/ alone
        assert (project / "lab" / "measures_report.ipynb").is_file()  # the working copies
        report.parent.mkdir(parents=True)
        report.write_bytes(b"PK\x03\x04 a word file")
        base = f"http://127.0.0.1:{port}"
        token = info["token"]
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/contents?token={token}",
                                            timeout=10) as answer:
                    names = {item["name"] for item in json.load(answer)["content"]}
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.5)
        assert {"lab", "params", "reports", "notebooks"} <= names  # Lab's file browser
        url = files_url(report, LabServer(Path(info["root_dir"]), info["base_url"]))
        with urllib.request.urlopen(f"{base}{url}?token={token}", timeout=10) as answer:
            assert answer.read() == report.read_bytes()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    server_pid = info["pid"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.3)
    else:
        pytest.fail("the Jupyter server outlived ita-report lab")
