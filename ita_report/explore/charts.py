"""Charts for the exploration notebooks, in the report's style (Sarabun, Thai labels, target line).

Built on bare matplotlib Figures inside ``ita_report.report.charts.use_sarabun()``: no pyplot, no
global settings changed. A missing score is left out of a line or bar, never drawn as zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ita_report.explore.follow_up import FollowUp
from ita_report.explore.overview import Distribution, ItemShare, YearOverview
from ita_report.explore.peers import PeerPosition
from ita_report.explore.trend import AgencyTrend
from ita_report.report.charts import (
    BELOW_COLOUR,
    DEFAULT_TARGET,
    ITA_COLOUR,
    MAX_HEIGHT_IN,
    MET_COLOUR,
    MUTED,
    PAGE_WIDTH_IN,
    TARGET_COLOUR,
    use_sarabun,
)
from ita_report.thai import digits

_LINE_COLOURS = (ITA_COLOUR, MET_COLOUR, "#6a9f58", BELOW_COLOUR, "#8e6bb0", "#b5892f")
#: Room left of a bar chart's axis, as a multiple of its widest label measured in Sarabun.
#: The SVG's text is set by whoever shows it: JupyterLab has no Sarabun and falls back to a
#: wider Thai face, and labels measured tight in Sarabun were cut on the left (issue 24).
LABEL_ROOM = 1.35


def _room_for_labels(fig: Figure, ax: Axes) -> None:
    """Fix the layout so the y labels have ``LABEL_ROOM`` times their Sarabun width.

    Lays the figure out once (constrained, in Sarabun), measures the labels, then moves the
    axes' left edge and stops the layout engine, so the room is not taken back when drawn.
    """
    renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call]
    fig.draw(renderer)
    labels = [t for t in ax.get_yticklabels() if t.get_text()]
    if not labels:
        return
    widest = max(t.get_window_extent(renderer).width for t in labels)
    gap = ax.get_window_extent(renderer).x0 - max(t.get_window_extent(renderer).x1
                                                    for t in labels)
    box = ax.get_position()
    left = min(0.6, (LABEL_ROOM * widest + gap + 4) / fig.bbox.width)
    fig.set_layout_engine("none")
    if left > box.x0:
        ax.set_position((left, box.y0, box.x1 - left, box.height))


def _figure(height: float, label: str) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(PAGE_WIDTH_IN, min(height, MAX_HEIGHT_IN)), layout="constrained")
    fig.set_label(label)
    return fig, fig.add_subplot()


def _target_line(ax: Axes, target: float, *, vertical: bool) -> None:
    line = ax.axvline if vertical else ax.axhline
    line(target, color=TARGET_COLOUR, linestyle="--", linewidth=1.2, label=f"เป้าหมาย {target:g}")


def trend_chart(
    trend: AgencyTrend,
    keys: Sequence[str] = ("ITA", "IIT", "EIT", "OIT"),
    *,
    target: float = DEFAULT_TARGET,
    thai_digits: bool = True,
) -> Figure:
    """Lines of ``keys`` (tools, ``ind9``, item keys) across the trend's years."""
    with use_sarabun():
        fig, ax = _figure(4.2, f"แนวโน้มคะแนนของ{trend.org_name or trend.org_id}")
        years = list(trend.years)
        for n, key in enumerate(keys):
            line = trend.line(key)
            points = [(y, s) for y, s in zip(years, line.scores, strict=True) if s is not None]
            if not points:
                continue
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o",
                    color=_LINE_COLOURS[n % len(_LINE_COLOURS)], label=line.label_th,
                    linewidth=2.4 if key == "ITA" else 1.6)
        _target_line(ax, target, vertical=False)
        ax.set_xticks(years, [digits(str(y), thai=thai_digits) for y in years])
        ax.set_xlabel("ปีงบประมาณ")
        ax.set_ylabel("คะแนน")
        ax.legend(loc="lower right", fontsize=10, frameon=False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    return fig


def distribution_chart(
    distributions: Sequence[Distribution], *, target: float = DEFAULT_TARGET
) -> Figure:
    """Each score's middle half (q25–q75), 10th–90th percentile whiskers and median."""
    shown = [d for d in distributions if d.median is not None]
    with use_sarabun():
        fig, ax = _figure(1.4 + 0.45 * len(shown), "การกระจายของคะแนนรายตัวชี้วัด")
        for row, d in enumerate(reversed(shown)):
            assert d.q10 is not None and d.q25 is not None and d.q75 is not None
            assert d.q90 is not None and d.median is not None
            ax.plot([d.q10, d.q90], [row, row], color=MUTED, linewidth=1)
            ax.barh(row, d.q75 - d.q25, left=d.q25, height=0.5, color=MET_COLOUR, alpha=0.6)
            ax.plot([d.median], [row], marker="|", markersize=14, color=ITA_COLOUR)
        ax.set_yticks(range(len(shown)), [d.label_th for d in reversed(shown)])
        _target_line(ax, target, vertical=True)
        ax.set_xlabel("คะแนน (ช่วง ๑๐–๙๐ เปอร์เซ็นไทล์, กล่อง = ๒๕–๗๕, ขีด = มัธยฐาน)")
        _room_for_labels(fig, ax)
    return fig


def item_share_chart(items: Sequence[ItemShare], *, title: str = "") -> Figure:
    """Share of agencies passing each item (0–100 %), weakest at the top."""
    shown = [i for i in items if i.share is not None]
    with use_sarabun():
        fig, ax = _figure(1.4 + 0.4 * len(shown), title or "สัดส่วนหน่วยงานที่ผ่านรายข้อ")
        for row, item in enumerate(reversed(shown)):
            assert item.share is not None
            ax.barh(row, 100 * item.share, height=0.6,
                    color=BELOW_COLOUR if item.share < 0.5 else MET_COLOUR)
            ax.text(100 * item.share + 1, row, f"{100 * item.share:.1f}%", va="center",
                    fontsize=10)
        ax.set_yticks(range(len(shown)),
                      [f"{i.code} {i.text_th[:40]}" for i in reversed(shown)])
        ax.set_xlim(0, 110)
        ax.set_xlabel("ร้อยละของหน่วยงานที่ได้คะแนนข้อนี้ตั้งแต่เป้าหมายขึ้นไป")
        _room_for_labels(fig, ax)
    return fig


def follow_up_chart(follow: FollowUp, *, thai_digits: bool = True) -> Figure:
    """Each targeted item: last year's score → this year's, against the target."""
    items = [i for t in follow.themes for i in t.targeted]
    last = digits(str(follow.last_year), thai=thai_digits)
    this = digits(str(follow.this_year), thai=thai_digits)
    with use_sarabun():
        fig, ax = _figure(1.6 + 0.4 * len(items), f"ข้อที่มาตรการปี {last} มุ่งแก้ คะแนนปี {this}")
        for row, item in enumerate(reversed(items)):
            if item.last_score is not None:
                ax.plot([item.last_score], [row], marker="o", color=MUTED)
            if item.this_score is not None and item.last_score is not None:
                ax.annotate("", xy=(item.this_score, row), xytext=(item.last_score, row),
                            arrowprops={"arrowstyle": "->", "color": MET_COLOUR
                                        if item.passes_now else BELOW_COLOUR})
            if item.this_code is None:
                ax.text(101, row, "ไม่มีข้อเทียบ", va="center", fontsize=10, color=MUTED)
        labels = [f"{i.last_code}→{i.this_code or '–'}" for i in reversed(items)]
        ax.set_yticks(range(len(items)), labels)
        ax.set_xlim(0, 118)
        _target_line(ax, follow.target, vertical=True)
        ax.set_xlabel(f"คะแนน ปี {last} (จุด) → ปี {this} (หัวลูกศร)")
        _room_for_labels(fig, ax)
    return fig


def peer_chart(position: PeerPosition, *, thai_digits: bool = True) -> Figure:
    """The agency's percentile in each comparison group (0–100: share scoring at or below it)."""
    groups = [g for g in position.groups if g.percentile is not None]
    year = digits(str(position.fiscal_year), thai=thai_digits)
    with use_sarabun():
        fig, ax = _figure(1.6 + 0.5 * len(groups),
                          f"ตำแหน่งของ{position.org_name or position.org_id} ปี {year}")
        for row, group in enumerate(reversed(groups)):
            assert group.percentile is not None
            ax.barh(row, group.percentile, height=0.6, color=MET_COLOUR)
            rank = f"อันดับ {group.rank} จาก {group.size}"
            ax.text(group.percentile + 1, row, digits(f"{group.percentile:.1f} ({rank})",
                                                      thai=thai_digits),
                    va="center", fontsize=10)
        ax.set_yticks(range(len(groups)), [g.label_th for g in reversed(groups)])
        ax.set_xlim(0, 125)
        ax.axvline(50, color=MUTED, linestyle=":", linewidth=1)
        ax.set_xlabel(f"เปอร์เซ็นไทล์ของคะแนน {position.measure} ในกลุ่ม (ร้อยละของหน่วยงานที่ได้"
                      "คะแนนเท่ากับหรือต่ำกว่า)")
        _room_for_labels(fig, ax)
    return fig


def national_trend_chart(
    trend: Sequence[YearOverview], *, thai_digits: bool = True
) -> Figure:
    """The mean of the ITA and each tool over the years, with the ITA's middle half shaded."""
    years = [o.fiscal_year for o in trend]
    scope = trend[-1].scope_th if trend else ""
    with use_sarabun():
        fig, ax = _figure(4.2, f"แนวโน้มคะแนนเฉลี่ย {scope}")
        for n, code in enumerate(("ITA", "IIT", "EIT", "OIT")):
            dists = [next(d for d in o.tools if d.code == code) for o in trend]
            points = [(y, d.mean) for y, d in zip(years, dists, strict=True)
                      if d.mean is not None]
            if not points:
                continue
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o",
                    color=_LINE_COLOURS[n % len(_LINE_COLOURS)], label=dists[-1].label_th,
                    linewidth=2.4 if code == "ITA" else 1.6)
            if code == "ITA":
                band = [(y, d.q25, d.q75) for y, d in zip(years, dists, strict=True)
                        if d.q25 is not None and d.q75 is not None]
                ax.fill_between([b[0] for b in band], [b[1] for b in band],
                                [b[2] for b in band], color=ITA_COLOUR, alpha=0.12,
                                label="ITA ช่วงเปอร์เซ็นไทล์ที่ ๒๕–๗๕")
        _target_line(ax, trend[-1].target if trend else DEFAULT_TARGET, vertical=False)
        ax.set_xticks(years, [digits(str(y), thai=thai_digits) for y in years])
        ax.set_xlabel("ปีงบประมาณ")
        ax.set_ylabel("คะแนนเฉลี่ย")
        ax.legend(loc="lower right", fontsize=10, frameon=False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    return fig
