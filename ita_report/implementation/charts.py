"""Charts of the implementation report, drawn like the measures document's (``report.charts``).

Two figures: how far each responsible unit got (steps by status), and each item the measures
targeted, its score before and after. A missing score is written as such, never drawn as zero.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from matplotlib.figure import Figure

from ita_report.officer.progress import DONE, IN_PROGRESS, NOT_REPORTED, NOT_STARTED
from ita_report.report.chart_layout import fix_layout
from ita_report.report.charts import (
    BELOW_COLOUR,
    BELOW_EDGE,
    BELOW_HATCH,
    MET_COLOUR,
    MISSING_TEXT,
    MUTED,
    _height,
    _new_figure,
    _row_labels,
    _score,
    _score_axis,
    _style,
)
from ita_report.thai import digits

IN_PROGRESS_COLOUR = "#9cc3e0"
BEFORE_COLOUR = "#8c8c8c"
#: Status → (fill, edge, hatch): the not-started part hatched, so it reads in black and white.
_LOOK = {
    DONE: (MET_COLOUR, MET_COLOUR, None),
    IN_PROGRESS: (IN_PROGRESS_COLOUR, "#5d8fb5", None),
    NOT_STARTED: (BELOW_COLOUR, BELOW_EDGE, BELOW_HATCH),
    NOT_REPORTED: ("#ffffff", BEFORE_COLOUR, ".."),
}
#: The widest a unit's label line may be (display cells); longer ones wrap at "/" or a space.
LABEL_WIDTH = 30


def wrap_label(label: str, width: int = LABEL_WIDTH) -> str:
    """A long responsibility ("คณะกรรมการ/หัวหน้าส่วนราชการ/…") on several lines, broken after
    "/" or at a space, so no label runs off the chart's left edge."""
    from ita_report.summary import display_width

    parts = re.findall(r"[^/ ]+/?| ", label)
    lines, line = [], ""
    for part in parts:
        if line.strip() and display_width(line + part) > width:
            lines.append(line.strip())
            line = ""
        line += part
    lines.append(line.strip())
    return "\n".join(x for x in lines if x)


def status_chart(units: Sequence[tuple[str, Counter[str]]], *, thai_digits: bool = True) -> Figure:
    """Steps of each unit by status (ดำเนินการแล้ว / อยู่ระหว่างดำเนินการ / ยังไม่ดำเนินการ), as
    stacked bars of the share of its steps, each part labelled with its count."""
    from matplotlib.patches import Patch

    rows = [(wrap_label(label), counts) for label, counts in units if sum(counts.values())]
    shown = [s for s in _LOOK if any(c.get(s, 0) for _, c in rows)] or [DONE]
    lines = max((label.count("\n") + 1 for label, _ in rows), default=1)
    with _style():
        fig, ax = _new_figure(_height(len(rows), per_row=0.3 + 0.2 * lines, base=1.5),
                              "ความก้าวหน้าของขั้นตอนตามมาตรการ รายส่วนงาน")
        for y, (_label, counts) in enumerate(rows):
            total = sum(counts.values())
            left = 0.0
            for status, (fill, edge, hatch) in _LOOK.items():
                n = counts.get(status, 0)
                if not n:
                    continue
                share = 100 * n / total
                ax.barh(y, share, left=left, height=0.6, color=fill, edgecolor=edge,
                        hatch=hatch, linewidth=0.8, zorder=3, gid=f"status-{y}-{status}")
                ax.text(left + share / 2, y, digits(str(n), thai=thai_digits), ha="center",
                        va="center", fontsize=11, zorder=5,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                              "edgecolor": "none"})
                left += share
        ax.set_xlim(0, 100)
        ax.set_xticks([0, 25, 50, 75, 100],
                      [digits(f"{v}", thai=thai_digits) + "%" for v in (0, 25, 50, 75, 100)])
        ax.set_xlabel("ร้อยละของขั้นตอนที่รับผิดชอบ (ตัวเลขในแถบ = จำนวนขั้นตอน)")
        _row_labels(ax, [label for label, _ in rows])
        ax.set_ylim(len(rows) - 0.4, -0.6)
        handles = [Patch(facecolor=f, edgecolor=e, hatch=h, label=s)
                   for s, (f, e, h) in _LOOK.items() if s in shown]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0),
                   ncols=len(handles), frameon=False, fontsize=11)
        fix_layout(fig, [line for label, _ in rows for line in label.split("\n")], legend=True)
    return fig


def before_after_chart(
    items: Sequence[tuple[str, float | None, float | None, str]],
    target: float,
    years: tuple[str, str],
    *,
    thai_digits: bool = True,
) -> Figure:
    """Each targeted item (``("i๑๒", 70.5, 88.2, "")``): a grey dot at last year's score, an
    arrow to this year's, coloured by whether it now reaches ``target``. Without this year's
    score the row says why (the fourth value, e.g. "ไม่มีข้อเทียบในปีนี้"), drawn as nothing."""
    from matplotlib.lines import Line2D

    rows = list(items)
    with _style():
        fig, ax = _new_figure(_height(len(rows), per_row=0.42, base=1.7),
                              f"คะแนนข้อที่มาตรการมุ่งแก้ไข ปี {years[0]} และปี {years[1]}")
        _score_axis(ax, target, thai_digits, right=122)
        for y, (_label, before, after, why) in enumerate(rows):
            if before is not None:
                ax.plot([before], [y], "o", color=BEFORE_COLOUR, markersize=7, zorder=5,
                        clip_on=False)
            if after is None:
                # Said inside the plot, beside last year's dot on the side with room: right of
                # the plot it ran off the page ("ไม่มีข้อนี้ในแบบประเมิ").
                at = 0.0 if before is None else before
                left_of = at > 55
                ax.text(at - 3 if left_of else at + 3, y, f"ปี {years[1]}: {why or MISSING_TEXT}",
                        va="center", ha="right" if left_of else "left", fontsize=10,
                        color=MUTED, gid=f"after-missing-{y}",
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                              "edgecolor": "none"})
                continue
            colour = MET_COLOUR if after >= target else BELOW_COLOUR
            if before is not None and abs(after - before) >= 1:
                ax.annotate("", xy=(after, y), xytext=(before, y), zorder=4,
                            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.6})
            ax.plot([after], [y], "D", color=colour, markersize=7, zorder=6, clip_on=False)
            was = "—" if before is None else _score(before, thai_digits)
            ax.text(101, y, f"{was} → {_score(after, thai_digits)}", va="center", ha="left",
                    fontsize=10, gid=f"after-{y}")
        _row_labels(ax, [row[0] for row in rows])
        ax.set_ylim(len(rows) - 0.4, -0.6)
        handles = [
            Line2D([], [], marker="o", color=BEFORE_COLOUR, linestyle="", label=f"ปี {years[0]}"),
            Line2D([], [], marker="D", color=MET_COLOUR, linestyle="",
                   label=f"ปี {years[1]} ถึงเป้าหมาย"),
            Line2D([], [], marker="D", color=BELOW_COLOUR, linestyle="",
                   label=f"ปี {years[1]} ยังต่ำกว่าเป้าหมาย"),
        ]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=3,
                   frameon=False, fontsize=11)
        fix_layout(fig, [row[0] for row in rows], legend=True)
    return fig
