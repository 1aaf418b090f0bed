"""The measures document as PDF: the report page itself, printed by headless Chromium.

The PDF is the HTML officers already publish, printed with its own print CSS (A4 landscape,
the title and both header rows on every table page, page numbers, notes for the preparer left
out), so the two cannot drift apart. Chromium (Debian's, or the Chrome or Edge the machine
has) is driven through Playwright; it is started once per process and reused, never
downloaded. Nothing here writes a final path: callers stage the bytes with the other formats.

Lives beside ``docx_report.py`` and ``xlsx_report.py`` rather than in ``report/pdf.py``
(ARCHITECTURE.md): ``report.py`` is still a module, and a ``report/`` package cannot sit beside
it until the move that splits it.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from ita_report.errors import ItaReportError

#: Where an operator names the browser when it is not on the PATH.
BROWSER_ENV = "ITA_REPORT_CHROMIUM"
#: Browser commands tried in order (Debian/Ubuntu, Chrome, Edge).
BROWSER_COMMANDS = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "microsoft-edge-stable",
)
#: Where Chrome and Edge install themselves on officers' Windows and macOS machines.
BROWSER_PATHS = (
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
#: No sandbox (the batch may run as root), no GPU, and nothing that reaches the network: the
#: page is self-contained and a closed network would only make Chromium wait.
BROWSER_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
)
T = TypeVar("T")
#: Seconds one page may take to load and print before the report is given up.
PRINT_TIMEOUT = 120.0
#: The printable area of the report's page (report.css: A4 landscape, margins 12, 12 and 14 mm)
#: in CSS pixels: the page is laid out at this width before the measures table is paginated.
PAGE_WIDTH_PX, PAGE_HEIGHT_PX = 273 * 96 / 25.4, 184 * 96 / 25.4
#: The pagination of the measures table (rows cut at a line, "(ต่อ)" on the rest): see the file.
PAGINATE_JS = Path(__file__).resolve().parent / "templates" / "report" / "paginate.js"
#: Pixels left unused at each page's foot (rounding between layout and print), and the least of
#: a row left on a page or carried to the next (about three lines of the table's text).
PAGE_SAFETY_PX, MIN_ROW_PART_PX = 8.0, 60.0


@functools.cache
def _paginate_js() -> str:
    return PAGINATE_JS.read_text(encoding="utf-8")


class BrowserMissing(ItaReportError):
    """No Chromium, Chrome or Edge to print the PDF with (or Playwright is not installed)."""

    def __init__(self, detail: str = "") -> None:
        message = (
            "สร้างไฟล์ PDF ไม่ได้ เพราะไม่พบโปรแกรม Chromium (หรือ Google Chrome / Microsoft Edge)"
            " ในเครื่องนี้: ติดตั้งด้วยคำสั่ง sudo apt-get install chromium (Debian/Ubuntu)"
            f" หรือระบุตำแหน่งโปรแกรมในตัวแปร {BROWSER_ENV} แล้วสั่งใหม่"
            " หรือสั่งโดยไม่มี pdf ใน --formats\n"
            "cannot write the PDF: no Chromium (or Google Chrome / Microsoft Edge) was found;"
            f" install it (sudo apt-get install chromium on Debian/Ubuntu) or set {BROWSER_ENV}"
            " to the browser's path, then run again, or leave pdf out of --formats"
        )
        super().__init__(message + (f" ({detail})" if detail else ""))
        self.detail = detail


class PrintFailed(ItaReportError):
    """The browser could not print a page (it crashed, or took longer than the timeout)."""


def find_browser() -> Path:
    """The browser to print with: ``$ITA_REPORT_CHROMIUM``, a command on the PATH, or a usual
    install place of Chrome or Edge. Raises :class:`BrowserMissing` (Thai and English)."""
    named = os.environ.get(BROWSER_ENV, "").strip()
    if named:
        path = Path(named)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise BrowserMissing(f"{BROWSER_ENV}={named} is not an executable file")
    for command in BROWSER_COMMANDS:
        found = shutil.which(command)
        if found:
            return Path(found)
    for place in BROWSER_PATHS:
        if Path(place).is_file():
            return Path(place)
    raise BrowserMissing()


def check_pdf_engine() -> Path:
    """Fail fast, before any notebook runs, if a PDF could not be printed here."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise BrowserMissing(f"Python package playwright is not installed: {exc}") from None
    return find_browser()


class PdfPrinter:
    """One headless browser kept for every PDF this process prints (start-up costs ~1 s).

    >>> with PdfPrinter() as printer:  # doctest: +SKIP
    ...     data = printer.pdf(html)

    Playwright runs its own event loop in the thread that drives it, which would stop a warm
    kernel's loop from running in the same thread: the browser is driven from a thread of its
    own. Not thread-safe: one per process, or per dask worker thread.
    """

    def __init__(self, executable: Path | None = None, *, timeout: float = PRINT_TIMEOUT) -> None:
        self.executable = executable
        self.timeout = timeout
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None
        self._thread: ThreadPoolExecutor | None = None
        self.printed = 0
        #: Measures rows the last PDF cut across two pages (each continued with "(ต่อ)").
        self.cut_rows = 0

    def _call(self, work: Callable[..., T], *args: Any) -> T:
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ita-pdf")
        return self._thread.submit(work, *args).result()

    def __enter__(self) -> PdfPrinter:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def started(self) -> bool:
        return self._page is not None

    def start(self) -> None:
        """Start the browser with one blank page (no-op when already started)."""
        if self._page is None:
            self._call(self._start)

    def _start(self) -> None:
        if self._page is not None:
            return
        executable = self.executable or check_pdf_engine()
        from playwright.sync_api import Error, sync_playwright

        # Playwright gives the browser a fresh temporary profile and deletes it on close.
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=str(executable),
                args=list(BROWSER_ARGS),
                timeout=self.timeout * 1000,
            )
            self._page = self._browser.new_page()
        except Error as exc:
            self._close()
            raise BrowserMissing(f"{executable} did not start: {exc}") from None

    def pdf(self, html: str) -> bytes:
        """The PDF of a report page (``export_html``'s output), printed with its print CSS."""
        return self._call(self._pdf, html)

    def _pdf(self, html: str) -> bytes:
        from playwright.sync_api import Error

        self._start()
        try:
            # Laid out as printed (print CSS, the page's width) so that what is measured below
            # is what Chromium prints.
            self._page.emulate_media(media="print")
            self._page.set_viewport_size({"width": math.ceil(PAGE_WIDTH_PX), "height": 800})
            self._page.set_content(html, wait_until="load", timeout=self.timeout * 1000)
            # Fonts are embedded in the page; printing before they are ready would fall back.
            self._page.evaluate("document.fonts.ready.then(() => true)")
            self._page.evaluate(
                "w => { const m = document.querySelector('main.report');"
                " if (m) m.style.width = w + 'px'; }", PAGE_WIDTH_PX)
            self.cut_rows = int(self._page.evaluate(_paginate_js(), {
                "pageHeight": PAGE_HEIGHT_PX, "safety": PAGE_SAFETY_PX,
                "minPart": MIN_ROW_PART_PX,
            }))
            data: bytes = self._page.pdf(
                prefer_css_page_size=True,  # the page's @page: A4 landscape, its margins
                print_background=True,  # header shading carries meaning in the table
                tagged=True,  # reading order and structure for screen readers and search
                outline=True,  # bookmarks from the headings
            )
        except Error as exc:
            # A crashed or stuck browser would fail every report after this one.
            self._close()
            raise PrintFailed(
                "พิมพ์ไฟล์ PDF ไม่สำเร็จ (เบราว์เซอร์หยุดทำงานหรือใช้เวลานานเกินไป) จึงไม่ได้เขียนรายงาน"
                f"\nthe browser could not print the PDF, so no report was written: {exc}"
            ) from None
        self.printed += 1
        return data

    def close(self) -> None:
        """Stop the browser and its thread; safe to call twice."""
        if self._thread is None:
            return
        self._call(self._close)
        self._thread.shutdown(wait=True)
        self._thread = None

    def _close(self) -> None:
        browser, playwright, self._browser, self._playwright = (
            self._browser, self._playwright, None, None
        )
        self._page = None
        for stop in (getattr(browser, "close", None), getattr(playwright, "stop", None)):
            if stop is not None:
                with contextlib.suppress(Exception):  # already gone: nothing left to stop
                    stop()
