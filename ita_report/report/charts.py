"""Charts of ITA scores for the report: matplotlib figures with Thai labels set in Sarabun.

Figures are built without pyplot, so nothing is registered globally and memory stays flat over
thousands of reports. Never change matplotlib's global rcParams or backend; never draw a
missing score as zero.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

# The colours of below-target bars live with their hatching; imported from here as before.
from ita_report.report import chart_layout
from ita_report.report.hatch import BELOW_COLOUR as BELOW_COLOUR
from ita_report.report.hatch import BELOW_EDGE as BELOW_EDGE
from ita_report.report.hatch import BELOW_HATCH as BELOW_HATCH
from ita_report.report.hatch import hatch, hatched_handler
from ita_report.thai import digits, format_score, format_threshold

# SVG or PNG? Measured (build + convert, median of 20; 3.11.2, this project's machine):
#
#   chart                  SVG (text as text)     PNG at 150 dpi (+1/3 as base64 in the page)
#   indicator_chart        88 ms, 16 KB           154 ms, 108 KB (144 KB)
#   gaps_chart (12 items)  100 ms, 20 KB          150 ms,  94 KB (125 KB)
#   tools_chart            61 ms, 11 KB            87 ms,  41 KB ( 55 KB)
#
# SVG is the default: faster, a fifth of the bytes, sharp at any zoom and in print, and its
# text stays text (searchable, copyable, read aloud by screen readers), set by the browser in
# the Sarabun the page embeds anyway (ita_report.report.page; checked in headless Chromium with no
# Thai font installed). PNG is for places without that @font-face: a standalone image file,
# a Word document. An SVG opened on its own falls back to whatever Thai font the viewer has.
DEFAULT_FORMAT: Literal["svg", "png"] = "svg"
PNG_DPI = 150

FAMILY = "Sarabun"
#: An A4 landscape page is 297 mm wide; less 2 x 12 mm margins leaves 273 mm (10.7 in).
PAGE_WIDTH_IN = 10.0
#: The indicators and the gaps charts of a measures document: two of them, printed at 85 %
#: (report.css), share the page's width side by side (2 x 6 in x 0.85 = 10.2 in of 10.7):
#: each alone on a line of the printed page left most of its width blank (issue 25). The
#: longest indicator (``๔ การใช้ทรัพย์สินของราชการ``, 22 character cells, 2.6 in) still fits.
HALF_WIDTH_IN = 6.0
#: The gaps chart beside the indicators: at most this tall, so that the pair and the few
#: lines of text before it share a page (thirty items at 6.8 in left a page with four lines
#: of text before the pair, issue 25); its rows are then 0.17 in, labels 10.5 pt.
HALF_MAX_HEIGHT_IN = 6.3
#: The tools chart beside the results table it draws (4 bars, short labels).
BESIDE_WIDTH_IN = 5.2
#: ...and 186 mm (7.3 in) high; a chart must fit with a heading above it.
MAX_HEIGHT_IN = 6.8
DEFAULT_TARGET = 85.0

MET_COLOUR = "#2f6f9f"  # at or above target: a calm blue
ITA_COLOUR = "#1d3f5e"
TARGET_COLOUR = "#c0392b"
MUTED = "#5f5f5f"

MISSING_TEXT = "ไม่มีข้อมูล"
ALL_MET_TEXT = "ทุกข้อผ่านเป้าหมาย"

_RC: dict[RcKeyType, Any] = {
    "font.family": FAMILY,
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "hatch.color": BELOW_EDGE,
    "hatch.linewidth": 0.6,
    # Text stays text in SVG and uses the page's embedded web font: small, sharp, searchable.
    "svg.fonttype": "none",
    # Fixed ids make the same chart produce the same bytes (reproducible reports).
    "svg.hashsalt": "ita-report",
}


@functools.cache
def _register_fonts() -> None:
    # Once per process: addfont parses the file and would list it twice if called again.
    import fontpkg_sarabun
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in sorted((fontpkg_sarabun.ROOT / "files").glob("Sarabun-*.ttf")):
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))


def use_sarabun() -> contextlib.AbstractContextManager[None]:
    """A context in which matplotlib sets text in Sarabun (for figures made elsewhere)."""
    return _style()


#: How many _style contexts are open: an inner one adds nothing (each rc_context copies and
#: validates all of matplotlib's settings: ~1 ms, and a report's charts entered it 12 times).
_STYLE_DEPTH = [0]
#: _RC as matplotlib holds it once set (validated: "Sarabun" becomes ["Sarabun"]).
_RC_SET: dict[RcKeyType, Any] = {}


@contextlib.contextmanager
def _style() -> Iterator[None]:
    if _STYLE_DEPTH[0] and all(matplotlib.rcParams[key] == v for key, v in _RC_SET.items()):
        # Already inside, and nothing changed the settings in between.
        yield
        return
    _register_fonts()
    # rc_context restores every setting on exit: importing or calling this module never
    # changes how the rest of a notebook draws.
    with matplotlib.rc_context(_RC):
        if not _RC_SET:
            _RC_SET.update((key, matplotlib.rcParams[key]) for key in _RC)
        _STYLE_DEPTH[0] += 1
        try:
            yield
        finally:
            _STYLE_DEPTH[0] -= 1


def _score(value: float, thai: bool) -> str:
    return format_score(value, thai=thai)


def _new_figure(height: float, label: str, kind: str | None = None,
                width: float = PAGE_WIDTH_IN) -> tuple[Figure, Axes]:
    # A bare Figure (never pyplot's), refilled from the last chart of this ``kind`` once that
    # one was converted or closed (chart_canvas: building the axes was a sixth of a chart's
    # time), always new without one; saving picks the Agg or SVG renderer itself, so no GUI
    # backend is ever involved.
    from ita_report.report import chart_canvas

    # A figure is refilled only by a chart of its own kind and width.
    fig = chart_canvas.figure(None if kind is None else f"{kind}@{width:g}", width, height)
    fig.set_label(label)
    (ax,) = fig.axes
    return fig, ax


#: Height of a bar's row, in inches: room for a 12 pt label (10.2 pt printed at 85 %) and a
#: small gap. 0.45 once left each chart a page of its own when printed; at 0.3 the sample's
#: gaps chart (17 bars) and the tools chart just missed sharing a page (issue 25).
ROW_IN = 0.22
#: Thickness of a bar, in rows.
BAR_HEIGHT = 0.62


def _height(rows: int, per_row: float = ROW_IN, base: float = 1.45) -> float:
    return min(MAX_HEIGHT_IN, base + per_row * max(rows, 1))


def _score_axis(ax: Axes, target: float, thai: bool, *, right: float = 108) -> None:
    from matplotlib.ticker import NullLocator

    from ita_report.report.chart_canvas import fixed_parts

    ax.set_xlim(0, right)
    # Grid and scale drawn as one line collection and six texts rather than ticks (see
    # _row_labels: ticks are the most expensive part of these small charts).
    ax.xaxis.set_major_locator(NullLocator())
    # The same for every agency with this target: kept while the figure is refilled.
    fixed_parts(ax, ("axis", target, thai, right), lambda: _scale(ax, target, thai))


def _scale(ax: Axes, target: float, thai: bool) -> list[Any]:
    marks = [0, 20, 40, 60, 80, 100]
    parts: list[Any] = [
        ax.vlines(
            marks, 0, 1, transform=ax.get_xaxis_transform(), colors="#dddddd", linewidth=0.8,
            zorder=0,
        )
    ]
    below = ax.get_xaxis_transform()  # x in scores, y in axes fraction
    for mark in marks:
        parts.append(ax.text(
            mark,
            -0.015,
            digits(f"{mark:g}", thai=thai),
            transform=below,
            ha="center",
            va="top",
            fontsize=11,
            gid=f"scale-{mark}",
        ))
    ax.set_xlabel(f"คะแนน (เต็ม {digits('100', thai=thai)})", labelpad=18)
    parts.append(ax.axvline(
        target,
        color=TARGET_COLOUR,
        linestyle=(0, (5, 3)),
        linewidth=1.6,
        zorder=4,
        gid="target-line",
    ))
    parts.append(ax.text(
        target,
        1.0,
        f"เป้าหมาย {format_threshold(target, thai=thai)}",
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        color=TARGET_COLOUR,
        fontsize=11,
        gid="target-label",
    ))
    return parts


def _value_label(
    ax: Axes,
    x: float,
    y: float,
    text: str,
    *,
    fontsize: float = 11,
    gid: str | None = None,
    boxed: bool = True,
) -> None:
    # White box: the label stays legible where it crosses the dashed target line. Only labels
    # that can cross it get one: each box is a patch drawn at every save.
    ax.text(
        x,
        y,
        text,
        va="center",
        ha="left",
        fontsize=fontsize,
        zorder=5,
        bbox=(
            {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"}
            if boxed
            else None
        ),
        gid=gid,
    )


def _score_bars(
    ax: Axes,
    rows: Sequence[tuple[str, float | None]],
    target: float,
    thai: bool,
    *,
    colours: Sequence[str | None] | None = None,
    suffixes: Sequence[str] | None = None,
    bold_last: bool = False,
) -> None:
    met: list[tuple[int, float, str]] = []
    below: list[tuple[int, float]] = []
    for y, (_label, value) in enumerate(rows):
        if value is None:
            # No bar at all: an absent score is not a score of zero.
            ax.text(
                1,
                y,
                MISSING_TEXT,
                va="center",
                ha="left",
                color=MUTED,
                fontsize=11,
                gid=f"missing-{y}",
            )
            continue
        if value < target:
            below.append((y, value))
        else:
            met.append((y, value, (colours[y] if colours else None) or MET_COLOUR))
        suffix = suffixes[y] if suffixes else ""
        _value_label(ax, value + 1, y, _score(value, thai) + suffix, boxed=value < target)
    # One shape per look, not one per bar: every artist costs time at each save, and a
    # batch draws three charts for each of 8,300 agencies.
    for fill in dict.fromkeys(colour for _, _, colour in met):
        _bars(ax, [(y, value) for y, value, colour in met if colour == fill], fill, fill)
    if below:
        _bars(ax, below, BELOW_COLOUR, BELOW_EDGE, gid="bars-below")
        hatch(ax, [(0.0, y - BAR_HEIGHT / 2, value, BAR_HEIGHT) for y, value in below])
    _row_labels(ax, [label for label, _ in rows], bold_last=bold_last)
    ax.set_ylim(len(rows) - 0.4, -0.6)  # first row on top, as in the report's tables


def _bars(
    ax: Axes, bars: Sequence[tuple[int, float]], fill: str, edge: str, *, gid: str = "bars-met"
) -> None:
    """Bars from 0 to each (row, score), all one colour, drawn as one path (as ``barh`` would
    draw them: one filled, outlined rectangle per row; ``bar_boxes`` reads them back)."""
    from matplotlib.patches import PathPatch

    from ita_report.report.hatch import boxes_path

    half = BAR_HEIGHT / 2
    shape = PathPatch(
        boxes_path([(0.0, y - half, value, BAR_HEIGHT) for y, value in bars]),
        facecolor=fill,
        edgecolor=edge,
        linewidth=0.8,
        zorder=3,
        gid=gid,
    )
    ax.add_patch(shape)


def bar_boxes(fig: Figure) -> list[tuple[int, float, str]]:
    """Every bar of a chart as (row, score, fill colour), top to bottom (what a reader sees)."""
    from matplotlib.colors import to_hex
    from matplotlib.patches import PathPatch

    found = []
    for ax in fig.axes:
        for patch in ax.patches:
            if str(patch.get_gid()).startswith(("bars-", "score-bars")):
                assert isinstance(patch, PathPatch)
                vertices: Any = patch.get_path().vertices
                fill = to_hex(patch.get_facecolor())
                for k in range(0, len(vertices), 5):  # each bar: 4 corners and the close
                    left, bottom = vertices[k]
                    right, top = vertices[k + 2]
                    found.append((round((bottom + top) / 2), float(right - left), fill))
    return sorted(found)


def _row_labels(
    ax: Axes, labels: Sequence[str], *, fontsize: float = 12, bold_last: bool = False
) -> None:
    """Label the rows with plain texts left of the axes, not y ticks.

    A tick is three lines and two texts to build and draw (~0.9 ms each); a batch draws
    three charts for each of 8,300 agencies, and row labels need none of a tick's machinery.
    """
    from matplotlib.ticker import NullLocator

    ax.yaxis.set_major_locator(NullLocator())
    place = ax.get_yaxis_transform()  # x in axes fraction, y in rows
    for y, label in enumerate(labels):
        ax.text(
            -0.01,
            y,
            label,
            transform=place,
            ha="right",
            va="center",
            fontsize=fontsize,
            fontweight="bold" if bold_last and y == len(labels) - 1 else "normal",
            gid=f"row-label-{y}",
        )


def row_labels(fig: Figure) -> list[str]:
    """The row labels of a bar chart, top to bottom (what a reader sees down the left)."""
    found = [
        (int(str(t.get_gid())[len("row-label-") :]), t.get_text())
        for ax in fig.axes
        for t in ax.texts
        if str(t.get_gid()).startswith("row-label-")
    ]
    return [text for _, text in sorted(found)]


def _legend(fig: Figure, target: float, thai: bool, rows: Sequence[tuple[str, Any]]) -> None:
    """The key of the looks ``rows``'s bars have (a perfect agency's had "ต่ำกว่าเป้าหมาย")."""
    from ita_report.report.chart_canvas import fixed_parts

    values = [v for _, v in rows if v is not None]
    looks = (any(v >= target for v in values), any(v < target for v in values))
    key = ("legend", *looks, target, thai)
    fixed_parts(fig, key, lambda: [_new_legend(fig, target, thai, *looks)])


def _new_legend(fig: Figure, target: float, thai: bool, met: bool, below: bool) -> Any:
    from matplotlib.patches import Patch

    hatched = Patch(facecolor=BELOW_COLOUR, edgecolor=BELOW_EDGE, label="ต่ำกว่าเป้าหมาย")
    reached = Patch(facecolor=MET_COLOUR,
                    label=f"ถึงเป้าหมาย ({format_threshold(target, thai=thai)} ขึ้นไป)")
    handles = [reached] * met + [hatched] * below
    return fig.legend(
        handler_map={hatched: hatched_handler()},
        handles=handles,
        loc="lower center", bbox_to_anchor=(0.5, 0.0),
        ncols=max(len(handles), 1), frameon=False, fontsize=11,
    )


def indicator_chart(
    indicators: Sequence[tuple[str, float | None]],
    target: float = DEFAULT_TARGET,
    *,
    thai_digits: bool = True,
    width: float = PAGE_WIDTH_IN,
) -> Figure:
    """The indicators (``("๑ การปฏิบัติหน้าที่", 84.77)``...) as bars against the target,
    ``width`` inches wide.

    ``None`` means no data and is written as "ไม่มีข้อมูล", never drawn as zero.
    """
    rows = list(indicators)
    with _style():
        fig, ax = _new_figure(
            _height(len(rows)),
            f"คะแนนรายตัวชี้วัดเทียบกับเป้าหมาย {format_threshold(target, thai=thai_digits)} คะแนน",
            "indicators",
            width,
        )
        labels = [label for label, _ in rows]
        _score_axis(ax, target, thai_digits, right=chart_layout.axis_end(
            width, labels, chart_layout.value_texts(rows, thai_digits), 11, 108))
        _score_bars(ax, rows, target, thai_digits)
        _legend(fig, target, thai_digits, rows)
        chart_layout.fix_layout(fig, [label for label, _ in rows], legend=True)
    return fig


def gaps_chart(
    items: Sequence[tuple[str, float]],
    target: float = DEFAULT_TARGET,
    *,
    thai_digits: bool = True,
    max_items: int = 30,
    width: float = PAGE_WIDTH_IN,
    max_height: float = MAX_HEIGHT_IN,
) -> Figure:
    """Items under ``target`` (``("o๑๗", 62.5)``...), largest gap first.

    Each item's score is a bar from 0, the target a dashed line across them all (as in the
    other charts: a bar is a score, never a gap, which officers read as a score); the label
    right of the line gives the score and how far under the target it is. Items at or above
    target are left out; with none left the figure says "ทุกข้อผ่านเป้าหมาย". Beyond
    ``max_items`` only the largest gaps are drawn (the chart must fit a page) and a note says
    how many more there are.
    """
    below = [(label, float(score)) for label, score in items if score < target]
    # Largest gap first; equal gaps keep the caller's order (sorted is stable).
    below.sort(key=lambda item: item[1])
    label = f"ข้อที่ได้คะแนนต่ำกว่าเป้าหมาย {format_threshold(target, thai=thai_digits)} คะแนน"
    with _style():
        if not below:
            fig = Figure(figsize=(PAGE_WIDTH_IN, 1.2))
            fig.set_label(ALL_MET_TEXT)
            fig.text(0.5, 0.5, ALL_MET_TEXT, ha="center", va="center", fontsize=16, gid="all-met")
            return fig
        shown = below[:max_items]
        rows = len(shown)
        per_row = min(ROW_IN, (max_height - 1.1) / rows)
        fig, ax = _new_figure(min(max_height, 1.1 + per_row * rows), label, "gaps", width)
        small = per_row < 0.25
        scores = [score for _item, score in shown]
        texts = [_gap_text(item, score, target, thai_digits) for item, score in shown]
        codes = [item for item, _ in shown]
        # 0.11 in right of the target line at any width (half a page wide it cut the text).
        right = chart_layout.axis_end(width, codes, [(target, t) for t in texts],
                                      10.5 if small else 11, 122)
        start = target + 0.11 * right / chart_layout.axes_inches(width, codes)
        _score_axis(ax, target, thai_digits, right=right)
        _bars(ax, list(enumerate(scores)), BELOW_COLOUR, BELOW_EDGE, gid="score-bars")
        hatch(ax, [(0.0, y - BAR_HEIGHT / 2, score, BAR_HEIGHT) for y, score in enumerate(scores)])
        for y, text in enumerate(texts):  # right of the target line: never crosses it, no box
            _value_label(ax, start, y, text, fontsize=10.5 if small else 11, boxed=False)
        _row_labels(ax, codes, fontsize=10.5 if small else 12)
        ax.set_ylim(rows - 0.4, -0.6)
        if len(below) > rows:
            note = (
                f"แสดง {digits(str(rows), thai=thai_digits)} ข้อที่ห่างจากเป้าหมายมากที่สุด "
                f"จาก {digits(str(len(below)), thai=thai_digits)} ข้อที่ต่ำกว่าเป้าหมาย"
            )
            fig.text(0.01, 0.01, note, ha="left", va="bottom", fontsize=10.5, color=MUTED)
        chart_layout.fix_layout(fig, codes, legend=False, note=len(below) > rows)
    return fig


def _gap_text(item: str, score: float, target: float, thai: bool) -> str:
    """The label right of the target line: the score and how far under the target."""
    # A document item (OIT) is found or not: its zero is "not published", not a distance.
    # Item scores as the table writes them (two decimals, as ITAS shows them).
    value = format_score(score, thai=thai)
    if score == 0 and item[:1] in ("o", "O"):  # o17 or o๑๗ (display_code), O17 as typed
        return f"ไม่พบการเผยแพร่ ({value})"
    return f"{value} (ต่ำกว่าเป้า {format_score(target - score, thai=thai)})"


def tools_chart(
    tool_scores: Mapping[str, float | None],
    ita: float | None,
    level: str | None,
    target: float = DEFAULT_TARGET,
    *,
    thai_digits: bool = True,
    width: float = PAGE_WIDTH_IN,
) -> Figure:
    """Each tool's score (IIT, EIT, OIT, in the mapping's order) and the ITA score against
    target, ``width`` inches wide.

    ``level`` ("ผ่าน", "B"...) is written beside the ITA score.
    """
    rows: list[tuple[str, float | None]] = [*tool_scores.items(), ("ITA", ita)]
    colours: list[str | None] = [None] * len(tool_scores)
    # The overall score stands apart: darker when it meets the target.
    colours.append(ITA_COLOUR if ita is not None and ita >= target else None)
    suffixes = [""] * len(tool_scores) + [f" {_level_text(level)}" if level else ""]
    with _style():
        fig, ax = _new_figure(
            _height(len(rows), per_row=0.28, base=1.2),
            "คะแนนรายเครื่องมือและคะแนน ITA เทียบกับเป้าหมาย"
            f" {format_threshold(target, thai=thai_digits)} คะแนน",
            "tools",
            width,
        )
        _score_axis(ax, target, thai_digits, right=chart_layout.axis_end(
            width, [label for label, _ in rows],
            chart_layout.value_texts(rows, thai_digits, suffixes), 11, 118))
        _score_bars(
            ax, rows, target, thai_digits, colours=colours, suffixes=suffixes, bold_last=True
        )
        ax.axhline(len(rows) - 1.5, color="#999999", linewidth=0.8)
        _legend(fig, target, thai_digits, rows)
        chart_layout.fix_layout(fig, [label for label, _ in rows], legend=True)
    return fig


def _level_text(level: str) -> str:
    # Letter grades read "ระดับ B"; a word such as "ผ่าน" stands on its own.
    return f"ระดับ {level}" if level.isascii() else level


def figure_to_svg(fig: Figure, *, close: bool = True) -> str:
    """SVG markup of ``fig`` with text as text (set by the browser in the page's Sarabun)."""
    buffer = io.StringIO()
    try:
        with _style():
            # No date in the metadata: the same chart gives the same bytes.
            fig.savefig(buffer, format="svg", metadata={"Date": None})
    finally:
        if close:
            close_figure(fig)
    return buffer.getvalue()


def figure_to_png(fig: Figure, dpi: int = PNG_DPI, *, close: bool = True) -> bytes:
    """PNG of ``fig`` at ``dpi`` (150 prints well at the size the report shows it)."""
    buffer = io.BytesIO()
    try:
        with _style():
            fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    finally:
        if close:
            close_figure(fig)
    return buffer.getvalue()


def close_figure(fig: Figure) -> None:
    """Release ``fig``: drop it from pyplot if pyplot knows it, and detach its axes.

    The axes are detached, not cleared first (``Figure.clear`` resets every axis and cost
    ~20 ms a chart, 15 % of a batch report): their memory goes with the figure's references.
    """
    # Only look at pyplot if someone imported it; importing it here would pick a backend.
    from ita_report.report import chart_canvas

    if chart_canvas.release(fig):
        return  # emptied, and kept for the next chart of its kind
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(fig)
    for ax in tuple(fig.axes):
        fig.delaxes(ax)
    fig.texts.clear()
    fig.legends.clear()


def show(fig: Figure, fmt: Literal["svg", "png"] = DEFAULT_FORMAT, *, dpi: int = PNG_DPI) -> None:
    """Display ``fig`` in a notebook as ``fmt`` and close it (the HTML export inlines it)."""
    from IPython.display import display

    alt = fig.get_label() or "แผนภูมิ"
    width_px = round(fig.get_figwidth() * 96)  # CSS pixels: shown at its physical size
    if fmt == "svg":
        bundle = {"image/svg+xml": figure_to_svg(fig), "text/plain": alt}
        display(bundle, raw=True)  # type: ignore[no-untyped-call]
    elif fmt == "png":
        data = base64.b64encode(figure_to_png(fig, dpi=dpi)).decode("ascii")
        display(
            {"image/png": data, "text/plain": alt},
            metadata={"image/png": {"width": width_px, "alt": alt}},
            raw=True,
        )  # type: ignore[no-untyped-call]
    else:
        close_figure(fig)
        raise ValueError(f"fmt must be 'svg' or 'png', not {fmt!r}")
