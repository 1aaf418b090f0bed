"""Charts: Thai labels set in Sarabun, the 85 line, missing data never drawn as zero, no leaks."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from typing import Any

import matplotlib
import matplotlib.patches
import pytest
from matplotlib.figure import Figure

from ita_report.report import charts

matplotlib.use("Agg")  # before pyplot: tests must never try to open a window
import matplotlib.pyplot as plt

INDICATORS: list[tuple[str, float | None]] = [
    ("๑ การปฏิบัติหน้าที่", 92.4),
    ("๒ การใช้งบประมาณ", 84.77),
    ("๓ การใช้อำนาจ", None),
    ("๙ การเปิดเผยข้อมูล", 0.0),
]


@pytest.fixture(autouse=True)
def _no_figures_left() -> Iterator[None]:
    plt.close("all")
    yield
    assert plt.get_fignums() == []


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def _all_text(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def test_indicator_chart_svg_has_thai_text_in_sarabun() -> None:
    svg = charts.figure_to_svg(charts.indicator_chart(INDICATORS))
    texts = _texts(svg)
    for label, _ in INDICATORS:
        assert label in texts
    assert "เป้าหมาย ๘๕" in texts
    assert "๘๔.๗๗" in texts and "๙๒.๔๐" in texts  # two decimals, as the table writes them
    styles = re.findall(r"<text[^>]*style=\"([^\"]*)\"", svg)
    assert styles and all("Sarabun" in s for s in styles)  # tick labels too
    assert "DejaVu" not in svg
    assert "<path" in svg and "glyph" not in svg.lower()  # text kept as text, not outlines


def test_target_line_at_85() -> None:
    fig = charts.indicator_chart(INDICATORS)
    (ax,) = fig.axes
    lines = [line for line in ax.get_lines() if line.get_gid() == "target-line"]
    assert len(lines) == 1
    assert list(lines[0].get_xdata()) == [85, 85]
    assert lines[0].get_linestyle() == "--"
    assert 'id="target-line"' in charts.figure_to_svg(fig)


def test_missing_is_labelled_not_zero() -> None:
    fig = charts.indicator_chart(INDICATORS)
    (ax,) = fig.axes
    # No bar for the indicator without data; the real zero is a bar of length 0.
    assert [(row, score) for row, score, _ in charts.bar_boxes(fig)] == [
        (0, 92.4), (1, 84.77), (3, 0.0)]
    labels = [t.get_text() for t in ax.texts if not str(t.get_gid()).startswith("scale-")]
    assert labels.count("ไม่มีข้อมูล") == 1
    assert labels.count("๐.๐๐") == 1  # the real zero is labelled; the missing one is not
    charts.close_figure(fig)


def test_below_target_is_warm_and_hatched() -> None:
    fig = charts.indicator_chart([("ก", 90.0), ("ข", 60.0)])
    (ax,) = fig.axes
    assert [fill for _, _, fill in charts.bar_boxes(fig)] == [
        charts.MET_COLOUR, charts.BELOW_COLOUR]
    (met,) = [p for p in ax.patches if p.get_gid() == "bars-met"]
    (below,) = [p for p in ax.patches if p.get_gid() == "bars-below"]
    assert matplotlib.colors.to_hex(below.get_edgecolor()) == charts.BELOW_EDGE
    # Hatched for black-and-white print: lines clipped to the below-target bar only.
    (hatch,) = [a for a in ax.get_children() if a.get_gid() == "hatch"]
    clip = hatch.get_clip_path()
    assert clip is not None
    outline = clip.get_fully_transformed_path()

    def centre(bar: matplotlib.patches.Patch) -> tuple[float, float]:
        box = bar.get_window_extent()
        return ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)

    assert outline.contains_point(centre(below)) and not outline.contains_point(centre(met))
    assert isinstance(hatch, matplotlib.patches.PathPatch) and len(hatch.get_path()) > 40
    # Drawn as plain paths: an SVG <pattern> cost Chromium ~20 ms a shape to print to PDF.
    assert "<pattern" not in charts.figure_to_svg(fig)


def test_arabic_digits_when_asked() -> None:
    svg = charts.figure_to_svg(charts.indicator_chart(INDICATORS, thai_digits=False))
    texts = _texts(svg)
    assert "84.77" in texts and "เป้าหมาย 85" in texts and "100" in texts
    assert not any(re.search("[๐-๙]", t) for t in texts if not t.startswith(("๑", "๒", "๓", "๙")))


def test_gaps_chart_sorted_by_gap_and_shows_zero() -> None:
    items = [("e๑", 80.0), ("o๑๗", 0.0), ("i๒๑", 72.33), ("o๕", 90.0), ("o๓๒", 84.99)]
    fig = charts.gaps_chart(items)
    assert charts.row_labels(fig) == ["o๑๗", "i๒๑", "e๑", "o๓๒"]
    texts = _all_text(fig)
    assert "ไม่พบการเผยแพร่ (๐.๐๐)" in texts  # a document item: found or not
    # ...also under its code as the report writes it by default (o17, as ITAS: display_code).
    report_codes = charts.gaps_chart([("o17", 0.0), ("i21", 0.0)])
    assert _all_text(report_codes).count("ไม่พบการเผยแพร่ (๐.๐๐)") == 1
    assert "๘๔.๙๙ (ต่ำกว่าเป้า ๐.๐๑)" in texts
    assert "๘๐.๐๐ (ต่ำกว่าเป้า ๕.๐๐)" in texts  # two decimals, as the table and ITAS write them
    assert not any(t.startswith("๙๐") for t in texts)  # at or above target: not a gap
    svg = charts.figure_to_svg(fig)
    assert 'id="target-line"' in svg and "o๑๗" in _texts(svg)


def test_gaps_chart_all_met() -> None:
    for items in ([], [("o๑", 85.0), ("o๒", 100.0)]):
        fig = charts.gaps_chart(items)
        assert fig.axes == []
        assert charts.ALL_MET_TEXT in charts.figure_to_svg(fig)


def test_gaps_chart_caps_rows_and_says_so() -> None:
    items = [(f"o{i}", float(i)) for i in range(45)]
    fig = charts.gaps_chart(items, max_items=30)
    assert len(charts.row_labels(fig)) == 30
    assert fig.get_figheight() <= charts.MAX_HEIGHT_IN
    assert any("จาก ๔๕ ข้อ" in t for t in _all_text(fig))
    charts.close_figure(fig)


def test_tools_chart() -> None:
    fig = charts.tools_chart({"IIT": 91.2, "EIT": None, "OIT": 78.4}, 84.1, "B")
    assert len(fig.axes) == 1
    assert charts.row_labels(fig) == ["IIT", "EIT", "OIT", "ITA"]
    texts = _all_text(fig)
    assert "๘๔.๑๐ ระดับ B" in texts
    assert "ไม่มีข้อมูล" in texts
    assert 'id="target-line"' in charts.figure_to_svg(fig)

    fig = charts.tools_chart({"IIT": 90.0}, 88.0, "ผ่าน", thai_digits=False)
    assert "88.00 ผ่าน" in _all_text(fig)
    charts.close_figure(fig)

    fig = charts.tools_chart({"IIT": 90.0}, None, None)
    assert _all_text(fig).count("ไม่มีข้อมูล") == 1
    charts.close_figure(fig)


def test_a4_landscape_size() -> None:
    for fig in (
        charts.indicator_chart(INDICATORS * 3),
        charts.gaps_chart([("o๑", 50.0)]),
        charts.tools_chart({"IIT": 90.0, "EIT": 80.0, "OIT": 70.0}, 80.0, "B"),
    ):
        width, height = fig.get_size_inches()
        assert width <= 273 / 25.4 and height <= 186 / 25.4
        charts.close_figure(fig)


def test_png() -> None:
    png = charts.figure_to_png(charts.indicator_chart(INDICATORS), dpi=100)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_svg_is_reproducible() -> None:
    first = charts.figure_to_svg(charts.indicator_chart(INDICATORS))
    second = charts.figure_to_svg(charts.indicator_chart(INDICATORS))
    assert first == second


def test_conversion_closes_pyplot_figures() -> None:
    fig = plt.figure()
    fig.add_subplot().plot([1, 2])
    assert plt.get_fignums() != []
    charts.figure_to_png(fig)
    assert plt.get_fignums() == []


def test_show_displays_and_closes(monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython.display

    shown: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def fake_display(obj: dict[str, Any], *, raw: bool, metadata: Any = None) -> None:
        assert raw
        shown.append((obj, metadata or {}))

    monkeypatch.setattr(IPython.display, "display", fake_display)
    fig = charts.indicator_chart(INDICATORS)
    charts.show(fig)
    # Emptied: nothing of this agency's chart is left (the figure is kept for the next chart
    # of its kind, with the scale and target line that chart draws the same).
    assert charts.row_labels(fig) == [] and charts.bar_boxes(fig) == [] and fig.texts == []
    (ax,) = fig.axes
    assert all(str(t.get_gid()).startswith(("scale-", "target-")) for t in ax.texts)
    assert not ax.patches
    fig = charts.tools_chart({"IIT": 90.0}, 90.0, "A")
    charts.show(fig, fmt="png")
    (svg_bundle, _), (png_bundle, png_meta) = shown
    assert "๑ การปฏิบัติหน้าที่" in svg_bundle["image/svg+xml"]
    assert "ITA" in png_bundle["text/plain"] and png_meta["image/png"]["width"] == 960


def test_no_global_state_changed() -> None:
    before = dict(matplotlib.rcParams)
    charts.figure_to_svg(charts.indicator_chart(INDICATORS))
    with charts.use_sarabun():
        assert matplotlib.rcParams["font.family"] == ["Sarabun"]
    assert dict(matplotlib.rcParams) == before


def test_fonts_registered_once() -> None:
    from matplotlib import font_manager

    def entries() -> int:
        return sum("Sarabun" in e.fname for e in font_manager.fontManager.ttflist)

    charts.indicator_chart(INDICATORS)
    registered = entries()
    charts._register_fonts.cache_clear()
    charts.indicator_chart(INDICATORS)
    assert registered > 0 and entries() == registered


def test_memory_stays_flat() -> None:
    # Charts are bare Figures, never registered with pyplot: once dropped, they are gone.
    def live_figures() -> int:
        gc.collect()
        return sum(isinstance(o, Figure) for o in gc.get_objects())

    # One chart of each kind first: its emptied figure is kept for the next chart of its kind.
    charts.figure_to_svg(charts.indicator_chart(INDICATORS))
    charts.figure_to_png(charts.gaps_chart([("o๑", 10.0)]), dpi=50)
    baseline = live_figures()
    for _ in range(15):
        charts.figure_to_svg(charts.indicator_chart(INDICATORS))
        charts.figure_to_png(charts.gaps_chart([("o๑", 10.0)]), dpi=50)
        charts.tools_chart({"IIT": 90.0}, 90.0, "A")  # dropped without conversion
    assert live_figures() <= baseline
    assert plt.get_fignums() == []


def test_gaps_chart_draws_scores_as_bars_under_the_target_line() -> None:
    # Issue 25: each weak item was a bar from its score up to 85 on an axis called "คะแนน",
    # which officers read as a score bar. Now the bar is the score, from 0, and the target is
    # the dashed line across them.
    fig = charts.gaps_chart([("o๑๗", 0.0), ("i๒๑", 72.33), ("e๑", 80.0)])
    (ax,) = fig.axes
    (bars,) = [p for p in ax.patches if p.get_gid() == "score-bars"]
    assert {round(x, 2) for x, _ in bars.get_path().vertices[::5]} == {0.0}  # all from 0
    assert [(row, round(score, 2)) for row, score, _ in charts.bar_boxes(fig)] == [
        (0, 0.0), (1, 72.33), (2, 80.0)]
    (target,) = [line for line in ax.get_lines() if line.get_gid() == "target-line"]
    assert list(target.get_xdata()) == [85, 85] and target.get_linestyle() == "--"
    assert ax.get_xlabel().startswith("คะแนน")
    assert "๗๒.๓๓ (ต่ำกว่าเป้า ๑๒.๖๗)" in _all_text(fig)
    charts.close_figure(fig)


def test_value_labels_have_two_decimals_in_the_svg() -> None:
    """The charts wrote ๘๙ / ๘๕.๘ / ๘๖.๔๕ side by side (issue 24): every value label in the
    SVG has two decimals now, as the table and ITAS write scores; the axis keeps whole ticks."""
    scores = [("ก", 89.0), ("ข", 85.8), ("ค", 86.45)]
    drawn = {
        "indicators": charts.indicator_chart(scores),
        "tools": charts.tools_chart({"IIT": 89.0, "EIT": 85.8, "OIT": 86.45}, 87.0, "ผ่าน"),
        "gaps": charts.gaps_chart([("i1", 80.0), ("o2", 0.0), ("e3", 84.5)]),
    }
    texts = {name: _texts(charts.figure_to_svg(fig)) for name, fig in drawn.items()}
    assert {"๘๙.๐๐", "๘๕.๘๐", "๘๖.๔๕"} <= set(texts["indicators"])
    assert {"๘๙.๐๐", "๘๕.๘๐", "๘๖.๔๕", "๘๗.๐๐ ผ่าน"} <= set(texts["tools"])
    assert {"๘๐.๐๐ (ต่ำกว่าเป้า ๕.๐๐)", "ไม่พบการเผยแพร่ (๐.๐๐)",
            "๘๔.๕๐ (ต่ำกว่าเป้า ๐.๕๐)"} <= set(texts["gaps"])
    for name, said in texts.items():
        for text in said:
            for places in re.findall(r"[๐-๙]+\.([๐-๙]+)", text):
                assert len(places) == 2, (name, text)


def _three(indicators: list[tuple[str, float | None]], gaps: list[tuple[str, float]],
           tools: dict[str, float | None], ita: float | None, level: str) -> list[str]:
    return [
        charts.figure_to_svg(charts.indicator_chart(indicators)),
        charts.figure_to_svg(charts.gaps_chart(gaps)),
        charts.figure_to_svg(charts.tools_chart(tools, ita, level)),
    ]


def test_charts_of_one_agency_carry_nothing_into_the_next() -> None:
    """Issue 22: a worker refills the same figures agency after agency. The second agency's
    charts are, byte for byte, what a fresh process draws for it: no label, bar, hatching,
    note or legend of the first is left, and no size."""
    from ita_report.report import chart_canvas

    weak = (
        [(f"{n} ตัวชี้วัดที่ {n}", 40.0 + 3 * n) for n in range(1, 11)],
        [(f"i{n}", 10.0 + n) for n in range(40)],  # capped: the note under the chart
        {"IIT": 50.0, "EIT": None, "OIT": 0.0},
        None,
        "E",
    )
    strong: tuple[Any, ...] = (INDICATORS, [("o๑๗", 0.0)], {"IIT": 95.0}, 96.5, "AA")
    chart_canvas.forget()
    fresh = _three(*strong)
    chart_canvas.forget()
    _three(*weak)
    after_weak = _three(*strong)
    assert after_weak == fresh
    assert "ตัวชี้วัดที่ ๑๐" not in "".join(after_weak) and "ตัวชี้วัดที่ 10" not in after_weak[0]


def test_a_new_target_or_digits_redraw_the_scale_target_and_legend() -> None:
    """The scale, the target line and label and the legend are kept between agencies with
    the same target; another target (params ``target``) or Arabic digits draw them anew."""
    from ita_report.report import chart_canvas

    def svgs(target: float, thai: bool) -> list[str]:
        return [
            charts.figure_to_svg(charts.indicator_chart(INDICATORS, target, thai_digits=thai)),
            charts.figure_to_svg(charts.gaps_chart([("i๒", 50.0)], target, thai_digits=thai)),
            charts.figure_to_svg(charts.tools_chart({"IIT": 95.0}, 80.0, "B", target,
                                                    thai_digits=thai)),
        ]

    fresh = {}
    for look in ((90.0, True), (85.0, False)):
        chart_canvas.forget()
        fresh[look] = svgs(*look)
    chart_canvas.forget()
    svgs(85.0, True)
    assert svgs(90.0, True) == fresh[(90.0, True)]
    assert svgs(85.0, False) == fresh[(85.0, False)]
    assert "เป้าหมาย ๙๐" in fresh[(90.0, True)][0] and "เป้าหมาย 85" in fresh[(85.0, False)][0]


def test_a_figure_still_held_is_never_refilled() -> None:
    first = charts.indicator_chart(INDICATORS)
    second = charts.indicator_chart([("๑ อื่น", 50.0)])
    assert first is not second
    assert "๑ การปฏิบัติหน้าที่" in charts.row_labels(first)
    assert charts.row_labels(second) == ["๑ อื่น"]
    charts.close_figure(first)
    charts.close_figure(second)


@pytest.mark.parametrize(
    "width", [charts.PAGE_WIDTH_IN, charts.HALF_WIDTH_IN, charts.BESIDE_WIDTH_IN])
def test_every_label_stays_inside_a_narrower_chart(width: float) -> None:
    # Issue 25: the indicators and the gaps charts print side by side, half a page wide, the
    # tools chart beside the results table; their axes end further right so that a 100.00,
    # a "ไม่พบการเผยแพร่ (๐.๐๐)" or "๑๐๐.๐๐ ผ่านดีเยี่ยม" is not cut at the figure's edge.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    made = [
        charts.indicator_chart([(f"{n} การใช้ทรัพย์สินของราชการ", 100.0) for n in range(10)],
                               width=width),
        charts.gaps_chart([("o1", 0.0), ("i15", 4.99), *((f"e{n}", 84.0) for n in range(28))],
                          width=width, max_height=charts.HALF_MAX_HEIGHT_IN),
        charts.tools_chart({"IIT": 100.0, "EIT": 100.0, "OIT": 100.0}, 100.0, "ผ่านดีเยี่ยม",
                           width=width),
    ]
    with charts.use_sarabun():
        for fig in made:
            renderer = FigureCanvasAgg(fig).get_renderer()
            right = fig.get_figwidth() * fig.dpi
            texts = [t for ax in fig.axes for t in ax.texts if t.get_text()]
            assert len(texts) > 10
            for text in texts:
                box = text.get_window_extent(renderer)
                assert box.x1 <= right + 0.5, (width, text.get_text(), box.x1, right)
            if fig is made[1]:  # the gaps: labels clear of the target line (it ran through them)
                (ax,) = fig.axes
                line = ax.transData.transform((85.0, 0))[0]
                after = [t for t in texts if "ต่ำกว่าเป้า" in t.get_text()
                         or "ไม่พบ" in t.get_text()]
                assert len(after) == 30
                assert all(t.get_window_extent(renderer).x0 - line >= 0.08 * fig.dpi
                           for t in after), width
            charts.close_figure(fig)


def test_the_key_names_only_the_looks_the_bars_have() -> None:
    # Read printed: a perfect agency's charts keyed "ต่ำกว่าเป้าหมาย" beside no such bar.
    perfect = [("๑ การปฏิบัติหน้าที่", 100.0), ("๒ การใช้งบประมาณ", 100.0)]
    for fig in (charts.indicator_chart(perfect),
                charts.tools_chart({"IIT": 100.0, "EIT": 100.0, "OIT": 100.0}, 100.0,
                                   "ผ่านดีเยี่ยม")):
        texts = _all_text(fig)
        assert "ต่ำกว่าเป้าหมาย" not in texts and "ถึงเป้าหมาย (๘๕ ขึ้นไป)" in texts
        plt.close(fig)
    weak = charts.indicator_chart([("๙ การเปิดเผยข้อมูล", 40.0)])
    texts = _all_text(weak)
    assert "ต่ำกว่าเป้าหมาย" in texts and "ถึงเป้าหมาย (๘๕ ขึ้นไป)" not in texts
    plt.close(weak)
    # A refilled figure (the batch reuses them) keys what the new agency's bars show.
    mixed = charts.indicator_chart(INDICATORS)
    texts = _all_text(mixed)
    assert "ต่ำกว่าเป้าหมาย" in texts and "ถึงเป้าหมาย (๘๕ ขึ้นไป)" in texts
    plt.close(mixed)
