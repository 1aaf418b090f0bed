"""``ita-report lab``: JupyterLab on the project's working copies, on Windows, macOS and Linux.

What ``make lab`` did, without make: the working copies in ``lab/`` made or refreshed
(:mod:`ita_report.officer.workspace`), ``reports/`` made, and ``python -m jupyterlab`` started
with the project folder as its root, so Lab's file browser shows ``lab/``, ``params/`` and
``reports/`` and serves the reports the form writes (``/files/reports/…``). As root (a Linux
container), Jupyter refuses to start without ``--allow-root``: passed then, and said.

Also here: the URL under which a running Lab serves a file (:func:`files_url`), for the form's
download links; a kernel asks its own server (its parent process) for its root and base URL.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ita_report.officer import workspace

#: The notebook Lab opens first (relative to the project).
FIRST_NOTEBOOK = "lab/measures_report.ipynb"


# -- starting Lab ------------------------------------------------------------------------------
def lab_command(project: Path, *, port: int | None = None, no_browser: bool = False,
                as_root: bool | None = None) -> list[str]:
    """The command that starts JupyterLab on ``project`` (this Python's, so the venv's).

    >>> cmd = lab_command(Path("/p"), port=8899, no_browser=True, as_root=False)
    >>> cmd[1:3], "--ServerApp.root_dir=/p" in cmd, "--port=8899" in cmd, cmd[-1]
    (['-m', 'jupyterlab'], True, True, 'lab/measures_report.ipynb')
    """
    if as_root is None:
        as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={project}"]
    if port is not None:
        command.append(f"--port={port}")
    if no_browser:
        command.append("--no-browser")
    if as_root:
        command.append("--allow-root")
    return [*command, FIRST_NOTEBOOK]


def start_lab(project: Path, *, port: int | None = None, no_browser: bool = False) -> int:
    """Prepare the working copies and run JupyterLab until it stops; its exit status."""
    notebooks = project / "notebooks"
    for copied in workspace.prepare(notebooks, project / "lab"):
        if copied.status != "kept":
            print(f"สำเนาสมุดงาน (working copy {copied.status}): {copied.path.relative_to(project)}")
    (project / "reports").mkdir(exist_ok=True)
    command = lab_command(project, port=port, no_browser=no_browser)
    if "--allow-root" in command:
        print("หมายเหตุ: รันในฐานะ root จึงเปิด JupyterLab ด้วย --allow-root ควรใช้บัญชีผู้ใช้ทั่วไป"
              " (note: running as root, so JupyterLab is started with --allow-root; an ordinary"
              " user account is safer)")
    print("กำลังเปิด JupyterLab ที่โฟลเดอร์ (starting JupyterLab in) "
          f"{project}\nสมุดงานอยู่ใน lab/ รายงานอยู่ใน reports/ ปิดด้วย Ctrl-C สองครั้ง"
          " (notebooks in lab/, reports in reports/; stop with Ctrl-C twice)", flush=True)
    server = subprocess.Popen(command, cwd=project)
    while True:
        try:
            return server.wait()
        except KeyboardInterrupt as exc:
            # Ctrl-C reaches Jupyter too, which asks before stopping: wait for its answer.
            # A SIGTERM (the CLI raises it as an interrupt with .signum) is passed on.
            if getattr(exc, "signum", None) == signal.SIGTERM:
                server.terminate()


def add_lab_command(sub: Any) -> None:
    """Add ``ita-report lab`` to the CLI's subcommands (registered by ``cli.build_parser``)."""
    parser = sub.add_parser(
        "lab",
        help="เปิด JupyterLab ที่สำเนาสมุดงาน (lab/) ของโครงการ ใช้ได้ทั้ง Windows macOS Linux "
        "(start JupyterLab on the project's working copies, like make lab)",
    )
    parser.add_argument("--project", type=Path, default=workspace.PROJECT, metavar="DIR",
                        help="โฟลเดอร์โครงการที่มี notebooks/ และ params/ (project folder; "
                        f"default: {workspace.PROJECT})")
    parser.add_argument("--port", type=int, help="พอร์ต (port; default: Jupyter's, 8888)")
    parser.add_argument("--no-browser", action="store_true",
                        help="ไม่เปิดเบราว์เซอร์เอง (do not open a browser)")
    parser.set_defaults(handler=_lab)


def _lab(args: argparse.Namespace) -> int:
    from ita_report.errors import InputError, file_problem

    project = Path(args.project).resolve()
    if not (project / "notebooks").is_dir():
        raise InputError(file_problem(
            project, "ไม่พบโฟลเดอร์ notebooks/ ในโฟลเดอร์โครงการ",
            "no notebooks/ folder in the project folder",
            expected_th="โฟลเดอร์ ita-report ที่ดาวน์โหลดมา", expected_en="the ita-report folder"))
    return start_lab(project, port=args.port, no_browser=args.no_browser)


# -- the URL a running Lab serves a file at ------------------------------------------------------
@dataclass(frozen=True)
class LabServer:
    """The Jupyter server a kernel belongs to: its root folder and base URL."""

    root_dir: Path
    base_url: str = "/"


def this_server(cwd: Path | None = None) -> LabServer | None:
    """The server that started this kernel (its parent process), read from Jupyter's runtime
    files; else the one whose root holds ``cwd``; None outside Jupyter."""
    try:
        from jupyter_server.serverapp import list_running_servers
    except ImportError:
        return None
    here = (cwd or Path.cwd()).resolve()
    servers = []
    try:
        servers = list(list_running_servers())
    except (OSError, ValueError):
        return None
    infos = [s for s in servers if s.get("pid") == os.getppid()] + [
        s for s in servers if s.get("root_dir") and _inside(here, Path(str(s["root_dir"])))]
    for info in infos:
        return LabServer(Path(str(info["root_dir"])).resolve(), str(info.get("base_url") or "/"))
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def files_url(path: Path, server: LabServer | None) -> str | None:
    """``<base_url>files/<path from the server's root>``: what Lab really serves for ``path``
    (its /lab/tree/… URL is Lab's page, not the file). None when Lab cannot reach it.

    >>> files_url(Path("/p/reports/2567/x.docx"), LabServer(Path("/p")))
    '/files/reports/2567/x.docx'
    """
    if server is None or not _inside(path.resolve(), server.root_dir):
        return None
    relative = path.resolve().relative_to(server.root_dir).as_posix()
    base = server.base_url if server.base_url.endswith("/") else server.base_url + "/"
    return f"{base}files/{quote(relative)}"
