"""One publishable page: the preparer's notes (หมายเหตุสำหรับผู้จัดทำ) leave the report's HTML.

The notebook shows the notes on screen (JupyterLab, the kept notebook), and README.th tells
officers to post the HTML as it is; so the page that is written holds no notes at all, and the
notes go to a file of their own beside it whose name says not to publish it
(:data:`NOTES_SUFFIX`). Used by ``ita-report run`` (measures and implementation reports) and
the batch. Nothing here words a note: the notes are the notebook's own ``<aside>``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

#: What the notes file adds to the report's stem: ``chaemae.html`` →
#: ``chaemae.ผู้จัดทำ-ห้ามเผยแพร่.html`` (for the preparer, do not publish).
NOTES_SUFFIX = ".ผู้จัดทำ-ห้ามเผยแพร่.html"
#: The notes' box as report/html.py and implementation/html.py write it (escaped text inside:
#: no nested </aside>).
_ASIDE = re.compile(r'<aside class="preparer-notes"[^>]*>.*?</aside>\s*', re.DOTALL)


@dataclass(frozen=True)
class SplitPage:
    """The page to publish, and the notes taken out of it (``""`` when it had none)."""

    published: str
    notes_page: str


def notes_path(html_path: Path) -> Path:
    """Where the notes of the report at ``html_path`` go: beside it, :data:`NOTES_SUFFIX`."""
    return html_path.with_name(html_path.stem + NOTES_SUFFIX)


def split_page(page: str, *, title: str, report_name: str) -> SplitPage:
    """``page`` without its preparer's notes, and a small page holding them (``report_name``
    is the published file's name, which the notes page names).

    >>> split = split_page('<p>a</p><aside class="preparer-notes"><ul><li>n</li></ul></aside>',
    ...                    title="t", report_name="x.html")
    >>> split.published, "<li>n</li>" in split.notes_page
    ('<p>a</p>', True)
    """
    boxes = _ASIDE.findall(page)
    if not boxes:
        return SplitPage(page, "")
    published = _ASIDE.sub("", page)
    return SplitPage(published, _notes_page(boxes, title=title, report_name=report_name))


def _notes_page(boxes: list[str], *, title: str, report_name: str) -> str:
    name = html.escape(report_name)
    return (
        '<!DOCTYPE html>\n<html lang="th">\n<head>\n<meta charset="utf-8">\n'
        f"<title>หมายเหตุสำหรับผู้จัดทำ (ห้ามเผยแพร่): {html.escape(title)}</title>\n"
        "<style>body{font-family:Sarabun,'TH Sarabun New',Tahoma,sans-serif;max-width:60em;"
        "margin:2em auto;padding:0 1em;line-height:1.6}"
        ".warn{background:#fdecea;border:1px solid #c62828;padding:0.6em 1em}"
        "aside.preparer-notes{margin:1.5em 0;padding:0.6em 1em;border:1px dashed #b58105;"
        "background:#fff8e6}aside.preparer-notes h2{font-size:1em;margin:0 0 0.3em}</style>\n"
        "</head>\n<body>\n"
        '<p class="warn"><b>ไฟล์นี้สำหรับผู้จัดทำเท่านั้น ห้ามนำขึ้นเว็บไซต์</b>'
        f" ไฟล์ที่เผยแพร่คือ <code>{name}</code> (for the preparer only, do not publish;"
        f" the page to publish is {name})</p>\n"
        f"<h1>{html.escape(title)}</h1>\n" + "".join(boxes) + "\n</body>\n</html>\n"
    )


def write_notes(html_path: Path, notes_page: str) -> Path | None:
    """Write the notes beside the report at ``html_path`` (atomically), or remove an earlier
    run's when this page has none: notes that no longer hold would mislead."""
    from ita_report.iorw import atomic_write_text

    path = notes_path(html_path)
    if not notes_page:
        path.unlink(missing_ok=True)
        return None
    atomic_write_text(path, notes_page)
    return path


class Written(Protocol):
    """What a run wrote (``RunResult`` and ``ImplementationResult`` both are this)."""

    html_path: Path
    docx_path: Path | None
    xlsx_path: Path | None
    pdf_path: Path | None
    notebook_path: Path
    notes: tuple[str, ...]
    notes_path: Path | None


def written_lines(result: Written) -> list[str]:
    """What the terminal says after ``ita-report run``: the other formats written, which file
    to post on the website, and the notes (listed, and where their file is)."""
    said = [f"เขียนไฟล์ {label} แล้ว ({label} written): {path}"
            for label, path in (("Word", result.docx_path), ("Excel", result.xlsx_path),
                                ("PDF", result.pdf_path)) if path is not None]
    said.append(f"สมุดงานที่รันแล้ว (executed notebook): {result.notebook_path}")
    said.append(f"ไฟล์ที่นำขึ้นเว็บไซต์ได้ (the page to publish): {result.html_path}")
    if result.notes:
        # Said where the officer looks before publishing; the published page leaves them out.
        said.append("\nหมายเหตุสำหรับผู้จัดทำ ตรวจสอบก่อนเผยแพร่ (notes for you before publishing;"
                    " not in the published page):")
        said += [f"  - {note}" for note in result.notes]
    if result.notes_path is not None:
        said.append(f"เก็บหมายเหตุไว้ที่ (kept in) {result.notes_path}"
                    " ไฟล์นี้ห้ามนำขึ้นเว็บไซต์ (never publish this file)")
    return said
