"""PDF engines side by side on one report page (issue 13's choice), printing figures only.

    .venv/bin/ita-report run params/chaemae-2566.yaml --out /tmp/engines
    .venv/bin/python benchmarks/pdf_engines.py /tmp/engines/2566/chaemae.html

Times, per page printed (median and minimum of ``--runs``): Playwright driving a warm
Chromium (what ``run --formats pdf`` and the batch use), ``chromium --print-to-pdf`` started
once per report, and WeasyPrint when it is importable (it is not a dependency: ``pip install
weasyprint`` in another environment, with the system's Pango). Writes each engine's PDF next to
the page (``<name>.<engine>.pdf``) so their Thai line breaks can be compared by eye.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def timed(make: Callable[[], bytes], out: Path, runs: int) -> tuple[float, float]:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        data = make()
        seconds.append(time.perf_counter() - start)
    out.write_bytes(data)
    return statistics.median(seconds), min(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    page: Path = args.html.resolve()
    text = page.read_text(encoding="utf-8")
    figures: dict[str, tuple[float, float]] = {}

    from ita_report.report.pdf import PdfPrinter, find_browser

    with PdfPrinter() as printer:
        printer.pdf(text)  # started and warm, as in a batch worker
        figures["playwright (warm chromium)"] = timed(
            lambda: bytes(printer.pdf(text)), page.with_suffix(".playwright.pdf"), args.runs)

    browser = str(find_browser())
    cli_pdf = page.with_suffix(".cli.pdf")

    def cold() -> bytes:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", f"--print-to-pdf={cli_pdf}", page.as_uri()],
                       capture_output=True, check=True)
        return cli_pdf.read_bytes()

    figures["chromium --print-to-pdf (cold)"] = timed(cold, cli_pdf, args.runs)
    try:
        import weasyprint  # type: ignore[import-not-found]
    except ImportError:
        print("weasyprint: not installed here (pip install weasyprint elsewhere to compare)")
    else:
        weasyprint.HTML(filename=str(page)).write_pdf()  # fonts loaded once
        figures[f"weasyprint {weasyprint.__version__}"] = timed(
            lambda: bytes(weasyprint.HTML(filename=str(page)).write_pdf()),
            page.with_suffix(".weasyprint.pdf"), args.runs)
    base = figures["playwright (warm chromium)"][0]
    for name, (median, fastest) in figures.items():
        print(f"{name}: median {median:.2f} s, min {fastest:.2f} s, {median / base:.1f}x")
    if shutil.which("pdftoppm"):
        print("compare pages: pdftoppm -r 80 -f 4 -l 4 -png <file>.pdf <prefix>")


if __name__ == "__main__":
    main()
