"""What the officer's form offers and where its files go: the pickers' choices, the values a
chosen file gives, the report files written and links to them, messages as HTML.

No widgets here (those are ``form.py``'s); nothing here words a measure.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ita_report.params import (
    NOTEBOOK_KEY,
    PARAMS_DIR,
    REQUIRED_FIELDS,
    injected_names,
)

#: The dropdown entry that starts a new params file.
NEW_FILE = "— ไฟล์ใหม่ (new file) —"
#: The export buttons, in order: (format, label). PDF needs Chromium (or Chrome/Edge), as
#: ``ita-report run --formats pdf``; without one the form says so.
EXPORT_BUTTONS: tuple[tuple[str, str], ...] = (
    ("html", "หน้าเว็บ HTML"),
    ("docx", "Word (.docx)"),
    ("xlsx", "Excel (.xlsx)"),
    ("pdf", "PDF (.pdf)"),
)
#: Folders the scores picker lists (relative to the project), and what it lists in them.
SCORE_FOLDERS = (".", "params", "data/samples")
SCORE_SUFFIXES = (".xlsx", ".csv")

# -- when the form shows ------------------------------------------------------------------------
def is_live(namespace: Mapping[str, Any]) -> bool:
    """Whether the notebook runs in a JupyterLab kernel that a person is looking at.

    A kernel started by the Jupyter server has ``JPY_SESSION_NAME`` set; papermill, nbclient
    and the batch's warm kernel do not. A run that was given values (papermill's injected
    cell, the batch's values) is never live either, even when launched from inside Lab.
    """
    if not os.environ.get("JPY_SESSION_NAME"):
        return False
    if injected_names(namespace) is not None:
        return False
    return not any(namespace.get(key) is not None for key in REQUIRED_FIELDS)


# -- what the pickers offer, and what a chosen file says ----------------------------------------
def project_root(start: Path | None = None) -> Path:
    """The project the notebook is in: the nearest folder at or above ``start`` (the kernel's
    folder: ``lab/`` or ``notebooks/``) that has a ``params/`` folder. Reports go to its
    ``reports/``, as ``ita-report run`` writes them from there."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "params").is_dir():
            return folder
    return PARAMS_DIR.parent


def shown(path: Path, root: Path) -> str:
    """A path as the form shows it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def from_shown(text: str, root: Path) -> Path:
    """The path a picker's text means (relative to the project, or absolute)."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else root / path


def params_choices(root: Path) -> list[str]:
    """Measures params files in ``root/params`` (exploration files, ``notebook: …``, left out)."""
    from ita_report.errors import InputError
    from ita_report.iorw import read_yaml

    found = []
    for path in sorted((root / "params").glob("*.yaml")):
        try:
            first = read_yaml(path, missing_th="ไม่พบไฟล์", missing_en="file not found")
        except InputError:
            first = None  # a broken file is still the officer's: offered, and said when chosen
        if isinstance(first, dict) and first.get(NOTEBOOK_KEY) not in (None, "measures_report"):
            continue
        found.append(shown(path, root))
    return found


def score_choices(root: Path) -> list[str]:
    """Score files the officer is likely to mean: in the project folder, params/, samples."""
    found: list[str] = []
    for folder in SCORE_FOLDERS:
        for path in sorted((root / folder).glob("*")):
            if path.suffix.lower() in SCORE_SUFFIXES and not path.name.startswith((".", "~$")):
                found.append(shown(path, root))
    return found


def values_from_params(path: Path, root: Path) -> dict[str, Any]:
    """The values a params file holds, as written (not validated: the form shows them so the
    officer can correct them). Its scores file becomes a path the picker understands."""
    from ita_report.params import read_params_file

    values = dict(read_params_file(path).values)
    scores = values.get("scores_file")
    if isinstance(scores, str) and scores:
        given = Path(scores)
        values["scores_file"] = shown(given if given.is_absolute() else path.parent / given, root)
    return values


def values_from_template(path: Path) -> dict[str, Any]:
    """The agency a filled template names (empty when ``path`` is not a template)."""
    from ita_report.scores import template

    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return {}
    if not template.is_template(path):
        return {}
    agency = template.read_agency(path)
    found: dict[str, Any] = {
        key: getattr(agency, key)
        for key in ("org_id", "org_name", "short_name", "org_type", "district", "province")
        if getattr(agency, key)
    }
    if agency.fiscal_year is not None:
        found["fiscal_year"] = agency.fiscal_year
    return found


def new_params_path(root: Path, org_id: str, year: int) -> Path:
    """Where a new params file goes: ``params/<org_id>-<year>.yaml``, as ``ita-report new``."""
    return root / "params" / f"{org_id}-{year}.yaml"


def relative_to(path: Path, folder: Path) -> str:
    """``path`` as a params file in ``folder`` writes it (relative; absolute across drives)."""
    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def lines(text: str) -> list[str]:
    """A text box's non-empty lines, trimmed (limitations and steps: one per line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def export(params_file: Path, fmt: str, out: Path) -> dict[str, Path]:
    """Write ``fmt`` (and the HTML, always written with it) for ``params_file``, as
    ``ita-report run --formats`` does; returns each written format's path."""
    from ita_report.run import run_report

    result = run_report(params_file, out, formats=(fmt,))
    made = {"html": result.html_path, "docx": result.docx_path, "xlsx": result.xlsx_path,
            "pdf": result.pdf_path}
    return {kind: path for kind, path in made.items() if path is not None}


def existing_outputs(params_file: Path, out: Path) -> dict[str, Path]:
    """The report files already written for ``params_file``'s agency and year, by format."""
    from ita_report.params import load_params
    from ita_report.report.paths import output_path

    params = load_params(params_file)
    found = {}
    for fmt, _label in EXPORT_BUTTONS:
        path = output_path(out, params, f".{fmt}")
        if path.is_file():
            found[fmt] = path
    return found


def links_html(paths: Mapping[str, Path], root: Path, *, server: Any = "find") -> str:
    """Links to written reports as JupyterLab serves them (``/files/…`` from its root: a
    relative link would open Lab's own page): each file a real download, and the HTML page
    also opened in a new browser tab. ``server`` is a :class:`~ita_report.officer.lab.LabServer`
    (default: the one running this kernel); a file outside its root is named, with how to
    start Lab so it can be reached."""
    from ita_report.officer.lab import files_url, this_server

    if server == "find":
        server = this_server()
    labels = dict(EXPORT_BUTTONS)
    items = []
    for fmt, path in paths.items():
        label, name = html.escape(labels.get(fmt, fmt)), html.escape(path.name, quote=True)
        where = f" <code>{html.escape(shown(path, root))}</code>"
        url = files_url(path, server)
        if url is None:
            items.append(f'<li data-format="{fmt}">{label}{where} (Lab เข้าถึงไฟล์นี้ไม่ได้'
                         " เปิด Lab ด้วยคำสั่ง ita-report lab; start Lab with ita-report lab)</li>")
            continue
        href = html.escape(url, quote=True)
        tab = (f' <a class="ita-open" data-format="{fmt}" href="{href}" target="_blank"'
               ' rel="noopener">เปิดในแท็บใหม่ (open in a new tab)</a>') if fmt == "html" else ""
        items.append(
            f'<li><a class="ita-output" data-format="{fmt}" href="{href}" download="{name}">'
            f"ดาวน์โหลด {label}</a>{tab}{where}</li>"
        )
    if not items:
        return ""
    return '<div class="ita-outputs"><b>ไฟล์รายงาน (report files)</b><ul>' + "".join(items) + (
        "</ul></div>"
    )


def message_html(text: str, *, kind: str = "error") -> str:
    """A message for people, as the terminal prints it (Thai, then English)."""
    colour = {"error": "#fdecea", "ok": "#e8f5e9", "note": "#fff8e1"}[kind]
    return (
        f'<div class="ita-form-message ita-form-{kind}" style="background:{colour};'
        'padding:0.5em 0.8em;white-space:pre-wrap;border-radius:4px">'
        f"{html.escape(text)}</div>"
    )
