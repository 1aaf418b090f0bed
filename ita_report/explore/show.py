"""Display the exploration views in a notebook: HTML tables and Sarabun charts, section by section.

The notebooks call these and nothing else, so what JupyterLab shows, what ``ita-report run``
exports and what the widgets re-render are the same, each table with its CSV and Excel files
under it. Never computes: every value is the view's.
"""

from __future__ import annotations

from ita_report.explore import charts as explore_charts
from ita_report.explore import html
from ita_report.explore.downloads import with_downloads
from ita_report.explore.naming import national_output_stem
from ita_report.explore.views import AgencyView, NationalView
from ita_report.report import charts, show_html


def _chart_title(text: str) -> None:
    show_html(html.chart_title_html(text))


# -- an agency --------------------------------------------------------------------------------
def show_agency_header(view: AgencyView) -> None:
    show_html(html.agency_header_html(view))


def show_agency_trend(view: AgencyView) -> None:
    """The trend table and chart, then every item across the years."""
    show_html(with_downloads(html.trend_table_html(view), f"{view.org_id}-trend"))
    _chart_title("แนวโน้มคะแนน ITA และรายเครื่องมือ")
    charts.show(explore_charts.trend_chart(view.trend, target=view.target,
                                           thai_digits=view.thai_digits))
    show_html(with_downloads(html.item_trend_html(view), f"{view.org_id}-items"))


def show_agency_peers(view: AgencyView) -> None:
    """The peers table and the latest year's percentiles as a chart."""
    show_html(with_downloads(html.peers_table_html(view), f"{view.org_id}-peers"))
    if view.peers:
        _chart_title("ตำแหน่งเทียบกับหน่วยงานอื่น (ปีล่าสุด)")
        charts.show(explore_charts.peer_chart(view.peers[-1], thai_digits=view.thai_digits))


def show_agency_follow_up(view: AgencyView) -> None:
    """Per year followed up: each theme's targeted items, and the chart of their movement."""
    show_html(html.follow_up_note_html(view))
    for section in view.follow_ups:
        follow = section.follow_up
        stem = f"{view.org_id}-follow-up-{follow.last_year}-{follow.this_year}"
        show_html(with_downloads(html.follow_up_html(section, thai=view.thai_digits), stem))
        if any(theme.targeted for theme in section.follow_up.themes):
            _chart_title("คะแนนข้อที่มาตรการมุ่งแก้ ปีก่อน → ปีนี้")
            charts.show(explore_charts.follow_up_chart(section.follow_up,
                                                       thai_digits=view.thai_digits))


def show_agency(view: AgencyView) -> None:
    """Every section of the agency notebook, in order (the widgets re-render with this)."""
    show_agency_header(view)
    show_agency_trend(view)
    show_agency_peers(view)
    show_agency_follow_up(view)


# -- the national picture ---------------------------------------------------------------------
def _stem(view: NationalView, table: str) -> str:
    """The download's name: the exported page's (year, province, type), then the table."""
    scope = national_output_stem(view.fiscal_year, view.params.province, view.params.org_type)
    return f"{scope}-{table}"


def show_national_header(view: NationalView) -> None:
    show_html(html.national_header_html(view))


def show_national_trend(view: NationalView) -> None:
    show_html(with_downloads(html.national_trend_html(view), _stem(view, "trend")))
    if len(view.trend) > 1:
        charts.show(explore_charts.national_trend_chart(view.trend,
                                                        thai_digits=view.thai_digits))


def show_national_distribution(view: NationalView) -> None:
    show_html(with_downloads(html.distribution_table_html(view), _stem(view, "distribution")))
    charts.show(explore_charts.distribution_chart(view.overview.tools + view.overview.indicators,
                                                  target=view.target))


def show_national_weakest(view: NationalView) -> None:
    show_html(with_downloads(html.weakest_items_html(view), _stem(view, "weakest")))
    charts.show(explore_charts.item_share_chart(view.overview.weakest))


def show_national_levels(view: NationalView) -> None:
    thai = view.thai_digits
    show_html(with_downloads(html.levels_html(view.overview.levels_by_type, thai=thai,
                                              title="ระดับผลการประเมินตามประเภทหน่วยงาน"),
                             _stem(view, "levels-by-type")))
    show_html(with_downloads(html.levels_html(view.overview.levels_by_province, thai=thai,
                                              title="ระดับผลการประเมินตามจังหวัด"),
                             _stem(view, "levels-by-province")))


def show_national_movement(view: NationalView) -> None:
    show_html(with_downloads(html.movement_html(view), _stem(view, "movement")))


def show_national(view: NationalView) -> None:
    """Every section of the national notebook, in order (the widgets re-render with this)."""
    show_national_header(view)
    show_national_trend(view)
    show_national_distribution(view)
    show_national_weakest(view)
    show_national_levels(view)
    show_national_movement(view)
