"""The exploration notebooks as dashboards in JupyterLab (ipywidgets): controls at the top, then
each view in its own output, drawn again only when a control it depends on changes.

Only in a live session: with ``interactive=False`` (what ``ita-report run`` injects) no control
is shown and each view is displayed as it is, so exported pages stay static. Re-renders through
the same view and display functions; never reads files again and never writes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from ita_report.errors import InputError
from ita_report.explore.show import (
    show_agency_follow_up,
    show_agency_header,
    show_agency_peers,
    show_agency_trend,
    show_national_distribution,
    show_national_header,
    show_national_levels,
    show_national_movement,
    show_national_trend,
    show_national_weakest,
)
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
NO_MATCH = "ไม่พบหน่วยงานที่ชื่อหรือรหัสมีคำที่พิมพ์ (no agency name or id has these words)"
PICK_HINT = "คลิกชื่อหน่วยงานในรายการเพื่อแสดงผลของหน่วยงานนั้น"
#: The agency notebook's views, in page order; every one follows the chosen agency.
AGENCY_SECTIONS: dict[str, Callable[[AgencyView], None]] = {
    "header": show_agency_header,
    "trend": show_agency_trend,
    "peers": show_agency_peers,
    "follow_up": show_agency_follow_up,
}
AGENCY_DEPENDS = {name: frozenset({"agency"}) for name in AGENCY_SECTIONS}
#: The national notebook's views and the controls each depends on: the trend shows every year
#: of the data, so a change of year leaves it as it is.
NATIONAL_SECTIONS: dict[str, Callable[[NationalView], None]] = {
    "header": show_national_header,
    "trend": show_national_trend,
    "distribution": show_national_distribution,
    "weakest": show_national_weakest,
    "levels": show_national_levels,
    "movement": show_national_movement,
}
_SCOPE = frozenset({"year", "province", "org_type"})
NATIONAL_DEPENDS = {name: _SCOPE for name in NATIONAL_SECTIONS} | {
    "trend": frozenset({"province", "org_type"})}


def agency_choices(
    sources: AgencySources,
    *,
    province: str | None = None,
    org_type: str | None = None,
    search: str = "",
) -> list[tuple[str, str]]:
    """(label, org_id) of every agency the loaded data has, narrowed by province and type, and
    by ``search``: every word of it somewhere in the full name or the id ("ตัวอย่าง", "syn0015";
    Thai names have no spaces, so any part of a name is found, not only its start).

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
    words = search.casefold().split()
    labelled = (((f"{name} ({org_id})" if name else org_id), org_id)
                for org_id, name in choices.items())
    return sorted(c for c in labelled if all(w in c[0].casefold() for w in words))


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



class Board:
    """A notebook's dashboard (แดชบอร์ด): its controls, shown once at the top by the board's
    cell, and one output per view, shown where the notebook calls ``show(name)``.

    A control's change computes the view again and redraws only the outputs of the views that
    depend on that control; the others keep what they show. Without a live session
    (``widgets`` is ``None``) ``show`` displays the view itself, as the exported page needs.
    """

    def __init__(
        self,
        view: Any,
        sections: Mapping[str, Callable[[Any], None]],
        depends: Mapping[str, frozenset[str]],
        widgets: Any | None = None,
    ) -> None:
        self.view = view
        self.sections = dict(sections)
        self.depends = dict(depends)
        self.widgets = widgets
        #: The controls by name (empty without a live session).
        self.controls: dict[str, Any] = {}
        #: Each view's output, by section name, once the notebook has shown it.
        self.outputs: dict[str, Any] = {}

    def show(self, name: str) -> None:
        """Display the view ``name`` here: its output in Lab, the view itself elsewhere."""
        if name not in self.sections:
            raise ValueError(f"no view {name!r}; the views are {', '.join(self.sections)}")
        if self.widgets is None:
            self.sections[name](self.view)
            return
        from IPython.display import display

        output = self.outputs.get(name)
        if output is None:
            output = self.outputs[name] = self.widgets.Output()
        display(output)  # type: ignore[no-untyped-call]
        self._draw(name)

    def update(self, make_view: Callable[[], Any], changed: str) -> None:
        """Compute the view after ``changed`` changed, then redraw the outputs depending on it.

        A choice without data (an ``InputError``) is said in those outputs, without a traceback.
        """
        affected = [name for name in self.outputs if changed in self.depends[name]]
        try:
            self.view = make_view()
        except InputError as exc:
            for n, name in enumerate(affected):
                with self.outputs[name]:
                    self.outputs[name].clear_output()
                    if n == 0:
                        print(exc.render())
            return
        for name in affected:
            self._draw(name)

    def _draw(self, name: str) -> None:
        output = self.outputs[name]
        with output:
            output.clear_output(wait=True)
            try:
                self.sections[name](self.view)
            except InputError as exc:  # a choice without data: said in the output, no traceback
                print(exc.render())


def _show_controls(board: Board, box: Any) -> Board:
    from IPython.display import display

    display(box)  # type: ignore[no-untyped-call]
    return board


def agency_board(view: AgencyView, *, interactive: bool) -> Board:
    """The agency notebook's dashboard: province and type filters, a search box and the list of
    agencies (full names, a click shows one), then the views of the agency picked.

    The filters and the search only narrow the list; picking an agency redraws its views, over
    every year the data scores it in. Displays the controls once (the board is no widget, so
    the cell does not show it again); nothing is displayed when not interactive.
    """
    widgets = _live(interactive)
    board = Board(view, AGENCY_SECTIONS, AGENCY_DEPENDS, widgets)
    if widgets is None:
        return board
    sources = view.sources
    national = sources.national
    provinces = [ALL_PROVINCES]
    types = [ALL_TYPES]
    if national is not None:
        frame = national.roster.frame
        provinces += sorted({p for p in frame["province"] if p})
        types += sorted({t for t in frame["org_type"] if t})
    wide = widgets.Layout(width="100%")
    province = widgets.Dropdown(options=provinces, description="จังหวัด",
                                value=view.province if view.province in provinces
                                else ALL_PROVINCES)
    org_type = widgets.Dropdown(options=types, description="ประเภท",
                                value=view.org_type if view.org_type in types else ALL_TYPES)
    search = widgets.Text(description="ค้นหา", layout=wide,
                          placeholder="พิมพ์ส่วนใดก็ได้ของชื่อหรือรหัสหน่วยงาน เช่น ตัวอย่าง")
    # A list box as wide as the notebook: every name whole on its line, never "ตัวอย่า…".
    agency = widgets.Select(description="หน่วยงาน", rows=10, layout=wide,
                            style={"description_width": "initial"})
    status = widgets.HTML()
    board.controls.update(province=province, org_type=org_type, search=search, agency=agency,
                          status=status)
    state: dict[str, Any] = {"refilling": False, "shown": view.org_id}

    def refill(_: object = None) -> None:
        options = agency_choices(
            sources,
            province=None if province.value == ALL_PROVINCES else province.value,
            org_type=None if org_type.value == ALL_TYPES else org_type.value,
            search=search.value,
        )
        ids = [o[1] for o in options]
        # Replacing the options moves the value through the first option: not a choice.
        state["refilling"] = True
        try:
            agency.options = options
            agency.value = state["shown"] if state["shown"] in ids else None
        finally:
            state["refilling"] = False
        if not ids:
            status.value = NO_MATCH if search.value.strip() else NO_AGENCY
        else:
            status.value = f"{len(ids):,} หน่วยงาน — {PICK_HINT}"

    def pick(_: object = None) -> None:
        if state["refilling"] or agency.value is None or agency.value == state["shown"]:
            return
        state["shown"] = agency.value
        # Another agency: every year the data has for it, not the years the file named.
        params = view.params.model_copy(update={"org_id": agency.value, "years": ()})
        board.update(lambda: agency_view(params, sources=sources), "agency")

    refill()
    for control in (province, org_type, search):
        control.observe(refill, names="value")
    agency.observe(pick, names="value")
    box = widgets.VBox([widgets.HBox([province, org_type]), search, agency, status])
    return _show_controls(board, box)


def national_board(view: NationalView, *, interactive: bool) -> Board:
    """The national notebook's dashboard: year, province and type pickers, then its views; a
    change of year leaves the trend over the years as it is. Displayed as the agency's."""
    widgets = _live(interactive)
    board = Board(view, NATIONAL_SECTIONS, NATIONAL_DEPENDS, widgets)
    if widgets is None:
        return board
    years = sorted(view.data.scores.years)
    year = widgets.Dropdown(options=years, value=view.fiscal_year, description="ปีงบประมาณ")
    province = widgets.Dropdown(options=[ALL_PROVINCES, *view.provinces], description="จังหวัด",
                                value=view.params.province or ALL_PROVINCES)
    org_type = widgets.Dropdown(options=[ALL_TYPES, *view.org_types], description="ประเภท",
                                value=view.params.org_type or ALL_TYPES)
    board.controls.update(year=year, province=province, org_type=org_type)

    def redraw(changed: str) -> Callable[[object], None]:
        def handler(_: object) -> None:
            params = view.params.model_copy(update={
                "fiscal_year": year.value,
                "province": None if province.value == ALL_PROVINCES else province.value,
                "org_type": None if org_type.value == ALL_TYPES else org_type.value,
            })
            board.update(lambda: national_view(params, data=view.data), changed)
        return handler

    year.observe(redraw("year"), names="value")
    province.observe(redraw("province"), names="value")
    org_type.observe(redraw("org_type"), names="value")
    return _show_controls(board, widgets.HBox([year, province, org_type]))
