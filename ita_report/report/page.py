"""Turn an executed report notebook into the final, self-contained HTML page officers publish.

Fonts and images are embedded, so the page works offline and with scripts off. Never emit code,
prompts, parameters, scripts or anything fetched from the network.
"""

from __future__ import annotations

import base64
import functools
import io
import re
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter, TemplateExporter
from traitlets.config import Config

from ita_report.errors import ItaReportError
from ita_report.iorw import atomic_write_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "report"

#: Cells with these tags disappear entirely. papermill tags the cell it injects
#: ``injected-parameters`` and the notebook's defaults cell ``parameters``; ``remove-cell`` (and
#: ``remove_cell``, Jupyter Book's spelling) lets authors hide helper cells. Jupyter Book's
#: ``hide-*`` tags (collapsed behind a toggle) also remove: a printed page has no toggle.
REMOVE_CELL_TAGS = frozenset(
    {"parameters", "injected-parameters", "remove-cell", "remove_cell", "hide-cell"}
)
#: Cells whose input is hidden. Inputs are never rendered anyway; honoured for clarity.
REMOVE_INPUT_TAGS = frozenset({"remove-input", "remove_input", "hide-input"})
#: Cells whose outputs are dropped as well (computation-only cells that happen to print).
REMOVE_OUTPUT_TAGS = frozenset({"remove-output", "remove_output", "hide-output"})

DISPLAY_PRIORITY = (
    "text/html",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/markdown",
    "text/plain",
)

#: Weights embedded in every page. Others fall back to browser-synthesised bold/italic.
FONT_WEIGHTS: tuple[tuple[str, int], ...] = (("Regular", 400), ("Bold", 700))


class ExportError(ItaReportError):
    """The notebook cannot become a publishable page (an error output, an external resource)."""


class ReportExporter(HTMLExporter):
    """``HTMLExporter`` without its BeautifulSoup pass over the finished page.

    That pass only adds alt text to ``<img>`` lacking one (the template always writes one) and
    tabindex to JupyterLab's cell classes (not used here), yet re-parsing and re-writing the page
    took about 85% of an export and rewrote the report's own markup (``<br>`` became ``<br/>``).
    """

    # HTMLExporter narrows Exporter's return type the same way (and ignores the same check).
    def from_notebook_node(  # type: ignore[override]
        self,
        nb: nbformat.NotebookNode,
        resources: dict[str, Any] | None = None,
        **kw: Any,
    ) -> tuple[str, dict[str, Any]]:
        # TemplateExporter's own export: preprocessors, then the template. It registers the
        # plain DataTypeFilter (no widget handling: widgets are left out of reports anyway).
        html, resources_out = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return str(html), dict(resources_out)


def make_exporter() -> HTMLExporter:
    """An ``HTMLExporter`` set up for report pages; build one per process and reuse it.

    The first export with a new exporter loads and compiles its templates: a typical report
    (15-row table, three SVG charts, 167 KB page) took 32 ms with a new exporter and 7 ms with
    a reused one. Not thread-safe (nbconvert mutates it while exporting): one per thread.
    """
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVE_CELL_TAGS)
    config.TagRemovePreprocessor.remove_input_tags = set(REMOVE_INPUT_TAGS)
    config.TagRemovePreprocessor.remove_all_outputs_tags = set(REMOVE_OUTPUT_TAGS)
    # The template renders neither inputs nor prompts; these keep any other template honest.
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.HTMLExporter.exclude_anchor_links = True  # a stray "¶" after every heading in print
    # The richest form a reader can see without scripts; JavaScript and widget views (first in
    # nbconvert's default) would hide a text/html alternative behind something left out.
    config.NbConvertBase.display_data_priority = list(DISPLAY_PRIORITY)
    config.HTMLExporter.language_code = "th"
    exporter = ReportExporter(  # type: ignore[no-untyped-call]
        config=config,
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=TEMPLATE_NAME,
    )
    exporter.register_filter("ita_inline_svg", inline_svg)  # type: ignore[no-untyped-call]
    return exporter


def export_html(
    notebook: nbformat.NotebookNode,
    *,
    title: str,
    exporter: HTMLExporter | None = None,
    thai_digits: bool = True,
) -> str:
    """The report page for an executed ``notebook``, titled ``title``.

    Printed (from a browser, or as the PDF), every page is numbered at its foot, in Thai digits
    unless ``thai_digits`` is false. Raises :class:`ExportError` if a visible cell ended in an
    error or the page would load anything from the network. ``notebook`` is not modified
    (nbconvert works on a copy).
    """
    _refuse_error_outputs(notebook)
    if exporter is None:
        exporter = make_exporter()
    resources = {
        "ita_title": title,
        "ita_font_css": font_face_css() + "\n" + page_number_css(thai_digits=thai_digits),
    }
    html, _ = exporter.from_notebook_node(notebook, resources=resources)
    found = external_references(html)
    if found:
        raise ExportError(
            "หน้ารายงานต้องไม่ดึงข้อมูลจากเครือข่ายหรือใช้สคริปต์ "
            f"(the report page must be self-contained, found: {'; '.join(found[:5])})"
        )
    return str(html)


def write_report(html: str, path: Path) -> None:
    """Write the page to ``path`` atomically: readers never see a half-written report."""
    atomic_write_text(path, html)


def page_number_css(*, thai_digits: bool = True) -> str:
    """``@page`` rules numbering every printed page at its foot (``๑``, ``๒`` … or 1, 2 …).

    A page margin box: browsers that print it (Chromium since 2024) show it, and the PDF has it.
    """
    style = "thai" if thai_digits else "decimal"
    return (
        "@page {\n"
        "  @bottom-center {\n"
        f"    content: counter(page, {style});\n"
        '    font-family: "Sarabun", sans-serif;\n'
        "    font-size: 10pt;\n"
        "    color: #333;\n"
        "  }\n"
        "}"
    )


@functools.cache
def font_face_css() -> str:
    """``@font-face`` rules for Sarabun with the fonts embedded as base64 data URIs.

    Computed once per process: thousands of pages share the same string.
    """
    import fontpkg_sarabun

    rules = []
    for style, weight in FONT_WEIGHTS:
        path = Path(fontpkg_sarabun.ROOT) / "files" / f"Sarabun-{style}.ttf"
        data, mime, fmt = _web_font(path)
        encoded = base64.b64encode(data).decode("ascii")
        rules.append(
            "@font-face {\n"
            '  font-family: "Sarabun";\n'
            "  font-style: normal;\n"
            f"  font-weight: {weight};\n"
            # "block": text waits for the embedded face instead of flashing in a fallback font.
            "  font-display: block;\n"
            f'  src: url("data:{mime};base64,{encoded}") format("{fmt}");\n'
            "}"
        )
    return "\n".join(rules)


def _web_font(path: Path) -> tuple[bytes, str, str]:
    # WOFF (zlib) halves Sarabun (90 KB TTF -> 43 KB) and every browser since 2012 reads it.
    # fontTools ships with matplotlib; without it, or if it fails, embed the TTF unchanged.
    # WOFF2 would be smaller still but needs brotli, which is not installed.
    try:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        font = TTFont(str(path))
        font.flavor = "woff"
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue(), "font/woff", "woff"
    except Exception:
        return path.read_bytes(), "font/ttf", "truetype"


_XML_PROLOGUE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


def inline_svg(svg: str | list[str]) -> str:
    """SVG markup ready to sit inside HTML: without its XML declaration and DOCTYPE."""
    text = "".join(svg) if isinstance(svg, list) else svg
    return _XML_PROLOGUE.sub("", text, count=1)


def _refuse_error_outputs(notebook: nbformat.NotebookNode) -> None:
    hidden = REMOVE_CELL_TAGS | REMOVE_OUTPUT_TAGS
    for index, cell in enumerate(notebook.cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell.get("cell_type") != "code" or hidden & tags:
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise ExportError(
                    f"เซลล์ที่ {index + 1} ของโน้ตบุ๊กทำงานผิดพลาด จึงสร้างรายงานไม่ได้ "
                    f"(cell {index + 1} failed: {output.get('ename')}: {output.get('evalue')})"
                )


# Attributes through which a browser fetches something. <a href> is a link a reader may
# follow, not a fetch, so anchors are allowed; everything else must be inline data.
_FETCHING_ATTR = re.compile(
    r"""<(?P<tag>[a-zA-Z][\w:-]*)(?=[^>]*?\s(?:src|href|xlink:href|srcset|poster|data|action)\s*=\s*["']?\s*(?:https?:)?//)[^>]*>""",
)
_CSS_FETCH = re.compile(r"""(?:url\(\s*["']?\s*(?:https?:)?//|@import)""", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)


def external_references(html: str) -> list[str]:
    """What in ``html`` would make a browser go to the network or run a script (empty: none)."""
    found: list[str] = []
    for match in _FETCHING_ATTR.finditer(html):
        if match.group("tag").lower() != "a":
            found.append(_shorten(match.group(0)))
    found.extend(_shorten(html[m.start() : m.start() + 80]) for m in _CSS_FETCH.finditer(html))
    found.extend(_shorten(html[m.start() : m.start() + 80]) for m in _SCRIPT.finditer(html))
    return found


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
