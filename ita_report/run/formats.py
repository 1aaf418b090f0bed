"""The output formats of a run (รูปแบบไฟล์ผลลัพธ์) and the PDF printed from a page.

Shared by ``ita-report run`` for every notebook kind (``run.single``, the implementation
report's ``implementation.run``) and by the batch, so none of them imports another to check a
format or print a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Output formats (รูปแบบไฟล์ผลลัพธ์). The HTML is always written: it is the executed notebook's
#: own export, and the PDF is that page printed; Word and Excel are built from the same
#: document beside it.
FORMATS = ("html", "docx", "xlsx", "pdf")
#: File name ending of each format (and of the executed notebook).
SUFFIXES = {"ipynb": ".ipynb", "html": ".html", "docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf"}


def print_pdf(html: str, printer: Any) -> bytes:
    """``html`` printed to PDF by ``printer`` (a started ``PdfPrinter``) or by one started here."""
    from ita_report.report.pdf import PdfPrinter

    if printer is not None:
        return bytes(printer.pdf(html))
    with PdfPrinter() as own:
        return own.pdf(html)


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """The formats asked for, checked against :data:`FORMATS` (``ValueError`` otherwise, its
    message in Thai and English), each once, in the order given."""
    asked = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in asked if f not in FORMATS]
    if unknown:
        raise ValueError(
            f"ไม่รู้จักรูปแบบไฟล์ {', '.join(unknown)} ใช้ได้: {', '.join(FORMATS)}"
            f" (unknown format(s) {', '.join(unknown)}; use {', '.join(FORMATS)},"
            " comma-separated)"
        )
    return asked or ("html",)
