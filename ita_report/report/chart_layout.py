"""Where a chart's parts go, worked out from its labels' lengths (charts.py draws them).

Constrained layout measured every text twice per save; these charts' shapes are fixed, so the
margins and the end of the score axis are estimated from the labels in character cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.figure import Figure

from ita_report.thai import format_score

#: Width of one character cell of a 12 pt Sarabun label, in inches (Thai marks take none).
CHAR_IN = 0.105


def fix_layout(fig: Figure, labels: Sequence[str], *, legend: bool, note: bool = False) -> None:
    """Margins from the labels' lengths instead of constrained layout.

    Constrained layout measured every text twice per save and made each chart 2-3x slower
    (about 250 ms of a report's 350 ms in a batch worker); these charts' shapes are fixed, so
    margins worked out from the longest label in character cells do the same job.
    """
    width, height = fig.get_figwidth(), fig.get_figheight()
    bottom_in = 0.6 + (0.4 if legend else 0.0) + (0.25 if note else 0.0)
    top_in = 0.35  # the target's label sits above the axes
    fig.subplots_adjust(
        left=_left_inches(width, labels) / width,
        right=0.98,
        bottom=min(bottom_in / height, 0.6),
        top=1 - top_in / height,
    )


def value_texts(rows: Sequence[tuple[str, float | None]], thai: bool,
                 suffixes: Sequence[str] | None = None) -> list[tuple[float, str]]:
    """Where charts._score_bars places each row's value label, and its text."""
    return [(value + 1, format_score(value, thai=thai) + (suffixes[y] if suffixes else ""))
            for y, (_label, value) in enumerate(rows) if value is not None]


def axes_inches(width: float, labels: Sequence[str]) -> float:
    """How wide the axes are, in inches, in a chart ``width`` wide whose rows are ``labels``
    (fix_layout's margins)."""
    return width * 0.98 - _left_inches(width, labels)


def _left_inches(width: float, labels: Sequence[str]) -> float:
    """The left margin: room for the longest label, at most 45 % of the figure."""
    from ita_report.summary import display_width

    longest = max((display_width(label) for label in labels), default=3)
    return min(0.3 + CHAR_IN * longest, 0.45 * width)


def axis_end(width: float, labels: Sequence[str], placed: Sequence[tuple[float, str]],
              fontsize: float, least: float) -> float:
    """Where a chart's score axis ends (at least ``least``): far enough right that each text
    placed at a score (``(x, text)``, a value label after its bar or the target line) fits in
    the figure. At 10 in the usual ends (108, 118, 122) suffice; half a page wide the labels
    need more of the axis and the bars get less (a 100.00 was cut at the figure's edge)."""
    from ita_report.summary import display_width

    axes_in = axes_inches(width, labels)
    end = least
    for x, text in placed:
        need_in = 0.15 + CHAR_IN * fontsize / 12 * display_width(text)
        end = max(end, x / max(0.2, 1 - need_in / axes_in))
    # Within half a point of the usual end the estimate's error is larger than the need.
    return least if end <= least + 0.5 else float(math.ceil(end))
