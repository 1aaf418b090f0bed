"""Hatching of below-target bars, drawn as plain lines (charts.py's bars and legend swatch).

Hatching tells below-target bars apart when the page is printed in black and white. It is
drawn as lines clipped to the bars, not as matplotlib's hatch: that one becomes an SVG
<pattern>, and Chromium spent ~20 ms printing each filled shape to PDF (a third of a report's
PDF time, measured on 20 FY2569 reports: 193 ms a PDF with patterns, 124 without).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

BELOW_COLOUR = "#e07b39"  # below target: warm orange
BELOW_EDGE = "#a4521d"
#: matplotlib's own hatch, for the few charts drawn rarely (the implementation report's).
BELOW_HATCH = "///"
#: Hatch lines run at 45 degrees, this far apart along a row (matplotlib's "///": 8 pt).
HATCH_STEP_PT = 8.0
HATCH_WIDTH = 0.6


def hatch_lines(x0: float, y0: float, x1: float, y1: float, step: float) -> Any:
    """One path of lines y = x + c rising to the right ("///"), ``step`` apart along x,
    across the box (x0, y0)-(x1, y1), y upwards."""
    from matplotlib.path import Path

    vertices: list[tuple[float, float]] = []
    c = y0 - x1 + step / 2
    while c < y1 - x0:
        # Where the line enters the box (left or bottom edge) and leaves it (right or top).
        start, end = max(x0, y0 - c), min(x1, y1 - c)
        vertices += [(start, start + c), (end, end + c)]
        c += step
    return Path(vertices, [Path.MOVETO, Path.LINETO] * (len(vertices) // 2))


def hatch_patch(lines: Any, transform: Any) -> Any:
    from matplotlib.patches import PathPatch

    return PathPatch(
        lines, fill=False, edgecolor=BELOW_EDGE, linewidth=HATCH_WIDTH, transform=transform
    )


def hatch(ax: Axes, boxes: Sequence[tuple[float, float, float, float]]) -> None:
    """Hatch lines over ``boxes`` (left, bottom, width, height in data units), as one path.

    The lines are laid across the whole figure in inches (so they run at 45 degrees whatever
    the axes' scales) and clipped to the boxes: one path and one clip path per chart, plain
    vector lines in SVG, PDF and PNG alike (a line collection cost ~60 ms more per SVG: the
    SVG writer looks its clip path up again for every line).
    """
    if not boxes:
        return
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure)
    hatch = hatch_patch(
        hatch_lines(0.0, 0.0, fig.get_figwidth(), fig.get_figheight(), HATCH_STEP_PT / 72),
        fig.dpi_scale_trans,
    )
    hatch.set(zorder=3.5, gid="hatch")
    ax.add_artist(hatch)
    hatch.set_clip_path(boxes_path(boxes), ax.transData)


def boxes_path(boxes: Sequence[tuple[float, float, float, float]]) -> Any:
    """One path of the rectangles ``boxes`` (left, bottom, width, height): the bars of one
    look drawn as a single shape, and the hatching's clip."""
    from matplotlib.path import Path

    vertices: list[tuple[float, float]] = []
    for x, y, w, h in boxes:
        vertices += [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
    codes = [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY] * len(boxes)
    return Path(vertices, codes)


def hatched_handler() -> Any:
    """A legend handler drawing the below-target swatch hatched like the bars (see hatch)."""
    from matplotlib.legend_handler import HandlerPatch
    from matplotlib.patches import Rectangle

    class HatchedSwatch(HandlerPatch):
        def create_artists(
            self, legend: Any, orig_handle: Any, xdescent: float, ydescent: float,
            width: float, height: float, fontsize: float, trans: Any,
        ) -> list[Any]:
            x0, y0 = -xdescent, -ydescent
            box = Rectangle(
                (x0, y0), width, height, facecolor=BELOW_COLOUR, edgecolor=BELOW_EDGE,
                linewidth=0.8, transform=trans,
            )
            # The legend's box is measured in points, as HATCH_STEP_PT is.
            lines = hatch_lines(x0, y0, x0 + width, y0 + height, HATCH_STEP_PT)
            return [box, hatch_patch(lines, trans)]

    return HatchedSwatch()
