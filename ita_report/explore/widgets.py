"""Controls for JupyterLab (ipywidgets): pick an agency, a province, a type, and see the view again.

Only in a live session: with ``interactive=False`` (what ``ita-report run`` injects) nothing is
shown, so exported pages stay static. Re-renders through the same view and display functions;
never reads files again and never writes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ita_report.errors import InputError
from ita_report.explore.show import show_agency, show_national
from ita_report.explore.views import (
    AgencySources,
    AgencyView,
    NationalView,
    agency_view,
    national_view,
)

#: The first choice of a filter: no filter.
ALL_PROVINCES = "ทุกจังหวัด"
ALL_TYPES = "ทุกประเภท"
NO_AGENCY = "ไม่มีหน่วยงานในจังหวัดและประเภทที่เลือก (no agency of this province and type)"


def agency_choices(
    sources: AgencySources, *, province: str | None = None, org_type: str | None = None
) -> list[tuple[str, str]]:
    """(label, org_id) of every agency the loaded data has, narrowed by province and type.

    Agencies of the agency's own score files are offered too (the roster may lack them), under
    the same filter: their province and type are the roster's, or else their params file's.
    """
    own: dict[str, str] = {}
    for ys in sources.own.years.values():
        for org_id in ys.org_ids:
            own.setdefault(str(org_id), str(ys.names.get(org_id, "")))
    choices = {
        org_id: name for org_id, name in own.items()
        if _matches(_place(sources, org_id), province=province, org_type=org_type)
    }
    if sources.national is not None:
        frame = sources.national.roster.frame
        keep = pd.Series(True, index=frame.index)
        if province:
            keep &= frame["province"] == province
        if org_type:
            keep &= frame["org_type"] == org_type
        for org_id, name in frame.loc[keep, "org_name"].items():
            choices.setdefault(str(org_id), str(name))
    return sorted(((f"{name} ({org_id})" if name else org_id), org_id)
                  for org_id, name in choices.items())


def _place(sources: AgencySources, org_id: str) -> tuple[str, str]:
    """(province, type) of an agency: the roster's, else its own params file's, else empty."""
    national = sources.national
    if national is not None and org_id in national.roster.frame.index:
        return national.roster.province(org_id), national.roster.org_type(org_id)
    for params in sources.report_params.values():
        if params.org_id == org_id:
            return params.province, params.org_type
    return "", ""


def _matches(place: tuple[str, str], *, province: str | None, org_type: str | None) -> bool:
    return (not province or place[0] == province) and (not org_type or place[1] == org_type)


def _live(interactive: bool) -> Any | None:
    """ipywidgets when the controls should show, else ``None`` (papermill, no kernel, none)."""
    if not interactive:
        return None
    try:
        from IPython import get_ipython

        if get_ipython() is None:
            return None
        import ipywidgets  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        print("ติดตั้ง ipywidgets เพื่อใช้ตัวเลือกแบบโต้ตอบ (pip install ipywidgets)")
        return None
    return ipywidgets


def _renderer(output: Any, draw: Callable[[], None]) -> None:
    with output:
        output.clear_output(wait=True)
        try:
            draw()
        except InputError as exc:  # a choice without data: said in the output, no traceback
            print(exc.render())


def agency_controls(view: AgencyView, *, interactive: bool) -> None:
    """Province, type and agency pickers under which the agency view is shown again (its
    tables with their downloads, as above).

    Displays them once: nothing is returned, since a cell whose last expression is a widget
    shows it a second time. Nothing at all when not interactive.
    """
    widgets = _live(interactive)
    if widgets is None:
        return None
    from IPython.display import display

    sources = view.sources
    national = sources.national
    provinces = [ALL_PROVINCES]
    types = [ALL_TYPES]
    if national is not None:
        frame = national.roster.frame
        provinces += sorted({p for p in frame["province"] if p})
        types += sorted({t for t in frame["org_type"] if t})
    province = widgets.Dropdown(options=provinces, description="จังหวัด",
                                value=view.province if view.province in provinces
                                else ALL_PROVINCES)
    org_type = widgets.Dropdown(options=types, description="ประเภท",
                                value=view.org_type if view.org_type in types else ALL_TYPES)
    agency = widgets.Dropdown(description="หน่วยงาน")
    output = widgets.Output()
    # The view above the controls is the params' agency; each later choice is drawn once.
    state: dict[str, Any] = {"refilling": False, "shown": view.org_id}

    def refill(_: object = None) -> None:
        options = agency_choices(
            sources,
            province=None if province.value == ALL_PROVINCES else province.value,
            org_type=None if org_type.value == ALL_TYPES else org_type.value,
        )
        ids = [o[1] for o in options]
        # The agency shown stays chosen only while it passes the filter.
        keep = state["shown"] if state["shown"] in ids else (ids[0] if ids else None)
        # Replacing the options moves the value through the first option: not a choice.
        state["refilling"] = True
        try:
            agency.options = options
            agency.value = keep
        finally:
            state["refilling"] = False
        if not ids:  # nothing to show: the agency drawn before no longer passes the filter
            state["shown"] = None
            with output:
                output.clear_output()
                print(NO_AGENCY)
            return
        render()

    def render(_: object = None) -> None:
        if state["refilling"] or agency.value is None or agency.value == state["shown"]:
            return
        state["shown"] = agency.value
        params = view.params.model_copy(update={"org_id": agency.value})
        _renderer(output, lambda: show_agency(agency_view(params, sources=sources)))

    refill()
    province.observe(refill, names="value")
    org_type.observe(refill, names="value")
    agency.observe(render, names="value")
    box = widgets.VBox([widgets.HBox([province, org_type]), agency, output])
    display(box)  # type: ignore[no-untyped-call]
    return None


def national_controls(view: NationalView, *, interactive: bool) -> None:
    """Year, province and type pickers under which the national view is shown again (its
    tables with their downloads). Displayed once; nothing is returned, as for the agency."""
    widgets = _live(interactive)
    if widgets is None:
        return None
    from IPython.display import display

    years = sorted(view.data.scores.years)
    year = widgets.Dropdown(options=years, value=view.fiscal_year, description="ปีงบประมาณ")
    province = widgets.Dropdown(options=[ALL_PROVINCES, *view.provinces], description="จังหวัด",
                                value=view.params.province or ALL_PROVINCES)
    org_type = widgets.Dropdown(options=[ALL_TYPES, *view.org_types], description="ประเภท",
                                value=view.params.org_type or ALL_TYPES)
    output = widgets.Output()

    def render(_: object = None) -> None:
        params = view.params.model_copy(update={
            "fiscal_year": year.value,
            "province": None if province.value == ALL_PROVINCES else province.value,
            "org_type": None if org_type.value == ALL_TYPES else org_type.value,
        })
        _renderer(output, lambda: show_national(national_view(params, data=view.data)))

    for control in (year, province, org_type):
        control.observe(render, names="value")
    box = widgets.VBox([widgets.HBox([year, province, org_type]), output])
    display(box)  # type: ignore[no-untyped-call]
    return None
