"""The form at the top of the measures notebook in JupyterLab (แบบฟอร์มสร้างรายงาน).

Pick or create the agency's params file, pick its scores file (a filled template fills in the
agency), edit the agency, its limitations and its themes' measures, save (comments kept),
build the report, and write HTML, Word, Excel and PDF beside each other (links: real downloads
from Lab's ``/files/``, the page also in a new tab). Only in a live JupyterLab
kernel: under ``ita-report run``, papermill or the batch nothing is shown, so reports stay
static. Every action calls what ``ita-report`` calls; nothing here words a measure.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from ita_report.errors import InputError, ItaReportError
from ita_report.officer.form_files import (
    EXPORT_BUTTONS,
    NEW_FILE,
    SCORE_FOLDERS,
    SCORE_SUFFIXES,
    existing_outputs,
    export,
    from_shown,
    is_live,
    lines,
    links_html,
    message_html,
    new_params_path,
    params_choices,
    project_root,
    relative_to,
    score_choices,
    shown,
    values_from_params,
    values_from_template,
)
from ita_report.officer.params_yaml import FORM_THEME_KEYS, ParamsEdits, save_params
from ita_report.params import (
    FIELD_HELP_TH,
    FIELD_LABEL_TH,
    PARAMS_FILE_HELP_TH,
    THEME_FIELD_TH,
)

#: What the pickers offer and the files the form writes: ``form_files``; importable from here.
__all__ = [
    "EXPORT_BUTTONS",
    "NEW_FILE",
    "SCORE_FOLDERS",
    "SCORE_SUFFIXES",
    "OfficerForm",
    "existing_outputs",
    "export",
    "from_shown",
    "is_live",
    "lines",
    "links_html",
    "message_html",
    "new_params_path",
    "officer_form",
    "params_choices",
    "project_root",
    "relative_to",
    "score_choices",
    "shown",
    "values_from_params",
    "values_from_template",
]
#: The params file the form last loaded or saved in this kernel: Run All again starts there
#: (the parameters cell sets params_file back to None), so the cells below show its report.
_REMEMBERED: dict[str, str] = {}


# -- the widgets --------------------------------------------------------------------------------
class OfficerForm:
    """The widgets of the form and what each button does (made by :func:`officer_form`)."""

    def __init__(self, widgets: Any, namespace: MutableMapping[str, Any]) -> None:
        from ita_report.framework import available_years

        self.w = widgets
        self.namespace = namespace
        self.root = project_root()
        self.reports = self.root / "reports"
        self.theme_edits: dict[str, dict[str, Any]] = {}
        self.loaded_themes: dict[str, dict[str, Any]] = {}
        self._filling = False
        self._shown_theme: str | None = None
        wide = widgets.Layout(width="46em")
        style = {"description_width": "10em"}

        def text(key: str, **kw: Any) -> Any:
            return widgets.Text(description=FIELD_LABEL_TH[key], layout=wide, style=style, **kw)

        self.params_file = widgets.Dropdown(
            options=[NEW_FILE, *params_choices(self.root)], value=NEW_FILE,
            description=FIELD_LABEL_TH["params_file"], layout=wide, style=style,
        )
        self.new_path = widgets.HTML()
        self.scores_file = widgets.Combobox(
            options=score_choices(self.root),
            placeholder="เช่น คะแนน-2567.xlsx หรือ data/samples/….csv",
            description=FIELD_LABEL_TH["scores_file"], layout=wide, style=style,
            ensure_option=False,
        )
        self.template_button = widgets.Button(
            description="สร้างแม่แบบกรอกคะแนน", tooltip="write an Excel score template",
            layout=widgets.Layout(width="16em"),
        )
        years = available_years()
        self.fiscal_year = widgets.Dropdown(
            options=years, value=years[-1], description=FIELD_LABEL_TH["fiscal_year"],
            layout=widgets.Layout(width="20em"), style=style,
        )
        self.fields = {
            key: text(key) for key in ("org_id", "org_name", "short_name", "district", "province")
        }
        from ita_report.catalogue import load_agency_types

        self.fields["org_type"] = widgets.Combobox(
            options=sorted(set(load_agency_types().known_names())),
            description=FIELD_LABEL_TH["org_type"], layout=wide, style=style,
            ensure_option=False,
        )
        self.target = widgets.BoundedFloatText(
            value=85, min=0, max=100, step=1, description=FIELD_LABEL_TH["target"],
            layout=widgets.Layout(width="20em"), style=style,
        )
        self.limitations = widgets.Textarea(
            description=FIELD_LABEL_TH["limitations"], placeholder="บรรทัดละหนึ่งข้อ (one per line)",
            layout=widgets.Layout(width="46em", height="7em"), style=style,
        )
        self.derive = widgets.Checkbox(value=True, description=FIELD_LABEL_TH["derive_limitations"],
                                       style=style)
        self.theme = widgets.Dropdown(description="ประเด็น", layout=wide, style=style)
        self.theme_fields: dict[str, Any] = {}
        for key, (label, _help) in THEME_FIELD_TH.items():
            if key == "drop":
                self.theme_fields[key] = widgets.Checkbox(description=label, style=style)
            elif key in ("measure_th", "steps_th"):
                self.theme_fields[key] = widgets.Textarea(
                    description=label, layout=widgets.Layout(width="46em", height="5em"),
                    style=style,
                )
            else:
                self.theme_fields[key] = widgets.Text(description=label, layout=wide, style=style)
        self.save_button = widgets.Button(description="บันทึก", button_style="primary",
                                          tooltip="save to the params file", icon="save")
        self.run_button = widgets.Button(description="สร้างรายงาน", button_style="success",
                                         tooltip="build the report below", icon="play")
        self.export_buttons = {
            fmt: widgets.Button(description=label, tooltip=f"write the {fmt} file",
                                icon="download")
            for fmt, label in EXPORT_BUTTONS
        }
        self.links = widgets.HTML()
        self.output = widgets.Output()
        self.box = self._layout()
        self._wire()
        start = namespace.get("params_file")
        if start:
            self._choose_existing(Path(str(start)))
        else:
            self._show_new_path()
            self._fill_themes()

    # -- layout ---------------------------------------------------------------------------------
    def _help(self, text: str) -> Any:
        return self.w.HTML(
            f'<div class="ita-help" style="margin-left:10.5em;color:#555;font-size:90%;'
            f'line-height:1.4">{html.escape(text)}</div>'
        )

    def _layout(self) -> Any:
        w = self.w
        agency = []
        for key in ("org_id", "org_name", "short_name", "org_type", "district", "province"):
            agency += [self.fields[key], self._help(FIELD_HELP_TH[key])]
        theme_rows = []
        for key, widget in self.theme_fields.items():
            theme_rows += [widget, self._help(THEME_FIELD_TH[key][1])]
        head = w.HTML(
            "<h3>แบบฟอร์มสร้างรายงานมาตรการ (report form)</h3>"
            "<p>เลือกไฟล์ กรอกหรือแก้ค่า กด <b>บันทึก</b> แล้ว <b>สร้างรายงาน</b>"
            " และกดปุ่มไฟล์ที่ต้องการ ค่าทั้งหมดเก็บในไฟล์พารามิเตอร์ ไม่ได้เก็บในสมุดงานนี้</p>"
        )
        return w.VBox([
            head,
            self.params_file, self.new_path, self._help(PARAMS_FILE_HELP_TH),
            w.HBox([self.scores_file, self.template_button]),
            self._help(FIELD_HELP_TH["scores_file"]),
            self.fiscal_year, self._help(FIELD_HELP_TH["fiscal_year"]),
            w.HTML("<h4>หน่วยงาน (agency)</h4>"), *agency,
            self.target, self._help(FIELD_HELP_TH["target"]),
            w.HTML("<h4>ข้อจำกัด (limitations)</h4>"),
            self.limitations, self._help(FIELD_HELP_TH["limitations"]),
            self.derive, self._help(FIELD_HELP_TH["derive_limitations"]),
            w.HTML("<h4>มาตรการของแต่ละประเด็น (theme overrides)</h4>"),
            self.theme, self._help(FIELD_HELP_TH["theme_overrides"]), *theme_rows,
            w.HBox([self.save_button, self.run_button]),
            w.HBox([w.HTML("<b>เขียนไฟล์:</b>&nbsp;"), *self.export_buttons.values()]),
            self.links,
            self.output,
        ])

    def _wire(self) -> None:
        self.params_file.observe(self._on_params_file, names="value")
        self.scores_file.observe(self._on_scores_file, names="value")
        self.fiscal_year.observe(self._on_year, names="value")
        self.fields["org_id"].observe(lambda _c: self._show_new_path(), names="value")
        self.theme.observe(self._on_theme, names="value")
        self.template_button.on_click(lambda _b: self._act(self._write_template))
        self.save_button.on_click(lambda _b: self._act(self._save_and_say))
        self.run_button.on_click(lambda _b: self._act(self._run))
        for fmt, button in self.export_buttons.items():
            button.on_click(lambda _b, fmt=fmt: self._act(lambda: self._export(fmt)))

    # -- saying things ----------------------------------------------------------------------------
    def say(self, text: str, kind: str = "note") -> None:
        from IPython.display import HTML, display

        with self.output:
            display(HTML(message_html(text, kind=kind)))  # type: ignore[no-untyped-call]

    def _act(self, action: Callable[[], None]) -> None:
        """Run a button's action: a mistake in the input is said for people, no traceback."""
        from ita_report.errors import NotebookFailed

        self.output.clear_output()
        for button in (self.save_button, self.run_button, *self.export_buttons.values()):
            button.disabled = True
        try:
            action()
        except InputError as exc:
            self.say(exc.render(), "error")
        except NotebookFailed as exc:
            self.say(exc.render(), "error")
        except ItaReportError as exc:  # a write that failed, a missing extra
            self.say(str(exc), "error")
        finally:
            for button in (self.save_button, self.run_button, *self.export_buttons.values()):
                button.disabled = False

    # -- choosing files ---------------------------------------------------------------------------
    def chosen_path(self) -> Path:
        """The params file the form saves to (a new one is named after org_id and year)."""
        if self.params_file.value == NEW_FILE:
            org_id = self.fields["org_id"].value.strip() or "<รหัสหน่วยงาน>"
            return new_params_path(self.root, org_id, int(self.fiscal_year.value))
        return from_shown(self.params_file.value, self.root)

    def _show_new_path(self) -> None:
        if self.params_file.value == NEW_FILE:
            self.new_path.value = (
                f'<div style="margin-left:10.5em">จะบันทึกเป็น (will be saved as)'
                f" <code>{html.escape(shown(self.chosen_path(), self.root))}</code></div>"
            )
        else:
            self.new_path.value = ""

    def _on_params_file(self, change: Mapping[str, Any]) -> None:
        if self._filling:
            return
        self.output.clear_output()
        if change["new"] == NEW_FILE:
            self._fill({}, themes={})
            self._show_new_path()
            return
        self._act(lambda: self._load(from_shown(change["new"], self.root)))

    def _choose_existing(self, path: Path) -> None:
        label = shown(path, self.root)
        if label not in self.params_file.options:
            self.params_file.options = [*self.params_file.options, label]
        self._filling = True
        try:
            self.params_file.value = label
        finally:
            self._filling = False
        self._act(lambda: self._load(path))

    def _load(self, path: Path) -> None:
        self._show_new_path()
        values = values_from_params(path, self.root)
        overrides = values.get("theme_overrides")
        themes = {
            str(theme_id): {k: v for k, v in body.items() if k in FORM_THEME_KEYS}
            for theme_id, body in (overrides.items() if isinstance(overrides, dict) else ())
            if isinstance(body, dict)
        }
        self._fill(values, themes=themes)
        self.namespace["params_file"] = _REMEMBERED["params_file"] = str(path)
        self._show_links(path)

    def _on_scores_file(self, change: Mapping[str, Any]) -> None:
        if self._filling or not change["new"]:
            return
        path = from_shown(change["new"], self.root)
        if not path.is_file():
            return
        found = values_from_template(path)
        if not found:
            return
        # A filled template names its agency: typed once, in Excel. For a new file every
        # field comes from it; an existing file keeps what it says and is told the difference.
        if self.params_file.value == NEW_FILE:
            self._fill({**self.values(), **found, "scores_file": change["new"]},
                       themes=self.theme_edits)
            self._show_new_path()
            self.say("กรอกข้อมูลหน่วยงานจากแม่แบบแล้ว (agency filled in from the template)", "ok")
            return
        differs = [
            f"{FIELD_LABEL_TH[k]}: แบบฟอร์ม {self._value_of(k)!r} แม่แบบ {v!r}"
            for k, v in found.items() if str(self._value_of(k)) != str(v)
        ]
        if differs:
            self.say("ข้อมูลในแม่แบบต่างจากไฟล์พารามิเตอร์ ใช้ค่าในแบบฟอร์ม (the template's agency"
                     " differs; the form's values are kept):\n" + "\n".join(differs), "note")

    def _value_of(self, key: str) -> Any:
        if key == "fiscal_year":
            return self.fiscal_year.value
        return self.fields[key].value

    def _on_year(self, _change: Mapping[str, Any]) -> None:
        if self._filling:
            return
        self._show_new_path()
        self._fill_themes()

    # -- the fields -------------------------------------------------------------------------------
    def _fill(self, values: Mapping[str, Any], *, themes: Mapping[str, Mapping[str, Any]]) -> None:
        self._filling = True
        try:
            for key, widget in self.fields.items():
                widget.value = str(values.get(key) or "")
            year = values.get("fiscal_year")
            if isinstance(year, int) and year in self.fiscal_year.options:
                self.fiscal_year.value = year
            self.scores_file.value = str(values.get("scores_file") or "")
            target = values.get("target", 85)
            self.target.value = float(target) if isinstance(target, int | float) else 85.0
            limitations = values.get("limitations") or []
            self.limitations.value = "\n".join(str(x) for x in limitations) if isinstance(
                limitations, list) else str(limitations)
            self.derive.value = values.get("derive_limitations", True) is not False
            self.theme_edits = {k: dict(v) for k, v in themes.items()}
            self.loaded_themes = {k: dict(v) for k, v in themes.items()}
        finally:
            self._filling = False
        self._fill_themes()

    def _fill_themes(self) -> None:
        from ita_report.catalogue import load_catalogue

        themes = load_catalogue().themes_for(int(self.fiscal_year.value))
        options = [(f"{t.title_th} ({t.id})", t.id) for t in themes]
        self._filling = True
        try:
            self.theme.options = options
            self.theme.value = options[0][1] if options else None
        finally:
            self._filling = False
        self._shown_theme = None
        self._on_theme({"new": self.theme.value})

    def _on_theme(self, change: Mapping[str, Any]) -> None:
        if self._filling:
            return
        self._keep_theme()
        theme_id = change["new"]
        self._shown_theme = theme_id
        edits = self.theme_edits.get(theme_id or "", {})
        defaults = self._theme_defaults(theme_id)
        self._filling = True
        try:
            for key, widget in self.theme_fields.items():
                value = edits.get(key)
                if key == "drop":
                    widget.value = bool(value)
                elif key == "steps_th":
                    widget.value = "\n".join(value) if isinstance(value, list) else str(value or "")
                    widget.placeholder = "\n".join(defaults.get(key, ()))
                else:
                    widget.value = str(value or "")
                    widget.placeholder = str(defaults.get(key, ""))
        finally:
            self._filling = False

    def _theme_defaults(self, theme_id: str | None) -> dict[str, Any]:
        from ita_report.catalogue import load_catalogue

        for theme in load_catalogue().themes_for(int(self.fiscal_year.value)):
            if theme.id == theme_id:
                v = theme.below_target
                return {"measure_th": v.measure_th, "steps_th": tuple(v.steps_th),
                        "quarter_th": v.quarter_th, "unit_th": v.unit_th}
        return {}

    def _keep_theme(self) -> None:
        """Remember what the shown theme's fields say (before another theme is shown)."""
        theme_id = self._shown_theme
        if not theme_id:
            return
        typed: dict[str, Any] = {}
        for key, widget in self.theme_fields.items():
            if key == "drop":
                typed[key] = True if widget.value else None
            elif key == "steps_th":
                typed[key] = lines(widget.value) or None
            else:
                typed[key] = widget.value.strip() or None
        before = self.theme_edits.get(theme_id, {})
        if any(typed.get(k) != before.get(k) for k in FORM_THEME_KEYS):
            self.theme_edits[theme_id] = typed

    def values(self) -> dict[str, Any]:
        """The top-level values the form shows (what :meth:`save` writes)."""
        found: dict[str, Any] = {key: widget.value.strip() for key, widget in self.fields.items()}
        found["fiscal_year"] = int(self.fiscal_year.value)
        found["scores_file"] = self.scores_file.value.strip()
        target = float(self.target.value)
        found["target"] = int(target) if target.is_integer() else target
        found["limitations"] = lines(self.limitations.value)
        found["derive_limitations"] = bool(self.derive.value)
        return found

    def edits(self) -> ParamsEdits:
        """What saving writes: every field, and the themes whose fields were changed."""
        self._keep_theme()
        path = self.chosen_path()
        values = self.values()
        if values["scores_file"]:
            values["scores_file"] = relative_to(from_shown(values["scores_file"], self.root),
                                                path.parent)
        changed = {
            theme_id: {k: typed.get(k) for k in FORM_THEME_KEYS}
            for theme_id, typed in self.theme_edits.items()
            if {k: v for k, v in typed.items() if v is not None}
            != {k: v for k, v in self.loaded_themes.get(theme_id, {}).items() if v is not None}
        }
        return ParamsEdits(values=values, themes=changed)

    # -- the buttons ------------------------------------------------------------------------------
    def save(self) -> Path:
        """Save the form into its params file; the file is then the one chosen."""
        path = self.chosen_path()
        if self.params_file.value == NEW_FILE and path.exists():
            from ita_report.errors import file_problem

            raise InputError(
                file_problem(path, "มีไฟล์นี้อยู่แล้ว จึงไม่เขียนทับ", "already exists and was left alone",
                             expected_th="เลือกไฟล์นี้จากรายการไฟล์พารามิเตอร์ หรือใช้รหัสหน่วยงานอื่น",
                             expected_en="choose it in the params file list, or another org_id")
            )
        edits = self.edits()
        save_params(path, edits)
        self.loaded_themes = {k: {kk: vv for kk, vv in v.items() if vv is not None}
                              for k, v in self.theme_edits.items()}
        self.namespace["params_file"] = _REMEMBERED["params_file"] = str(path)
        if self.params_file.value == NEW_FILE:
            self._choose_saved(path)
        return path

    def _choose_saved(self, path: Path) -> None:
        label = shown(path, self.root)
        self._filling = True
        try:
            self.params_file.options = [NEW_FILE, *params_choices(self.root)]
            if label not in self.params_file.options:
                self.params_file.options = [*self.params_file.options, label]
            self.params_file.value = label
        finally:
            self._filling = False
        self._show_new_path()

    def _save_and_say(self) -> None:
        path = self.save()
        self.say(f"บันทึกแล้ว (saved): {shown(path, self.root)}", "ok")

    def _run(self) -> None:
        from ita_report import report
        from ita_report.params import load_params

        path = self.save()
        doc = report.build_document(load_params(path))
        self.say(f"บันทึกแล้ว (saved): {shown(path, self.root)}", "ok")
        for warning in (*doc.warnings, *doc.differences):  # differences: issue 23
            self.say(warning.render(), "note")
        with self.output:
            report.show_head(doc)
            report.show_charts(doc)
            report.show_measures(doc)

    def _export(self, fmt: str) -> None:
        path = self.save()
        self.say(f"กำลังเขียนไฟล์ {fmt} … (writing)", "note")
        written = export(path, fmt, self.reports)
        self.output.clear_output()
        self.say(f"เขียนแล้ว (written): {shown(written[fmt], self.root)}", "ok")
        self._show_links(path)

    def _show_links(self, path: Path) -> None:
        try:
            self.links.value = links_html(existing_outputs(path, self.reports), self.root)
        except InputError:
            self.links.value = ""

    def _write_template(self) -> None:
        from ita_report.officer.template import TemplateAgency, write_template

        values = self.values()
        org_id = values["org_id"] or "agency"
        year = values["fiscal_year"]
        target = self.root / "params" / f"{org_id}-{year}-scores.xlsx"
        write_template(year, target, TemplateAgency(
            org_id=values["org_id"], org_name=values["org_name"],
            short_name=values["short_name"], org_type=values["org_type"],
            district=values["district"], province=values["province"],
        ))
        self._filling = True
        try:
            self.scores_file.options = score_choices(self.root)
            self.scores_file.value = shown(target, self.root)
        finally:
            self._filling = False
        self.say(f"เขียนแม่แบบแล้ว (template written): {shown(target, self.root)}"
                 " เปิดด้วย Excel กรอกช่องสีเหลือง บันทึก แล้วกด สร้างรายงาน", "ok")
        from ita_report.officer.lab import files_url, this_server

        url = files_url(target, this_server())  # what Lab serves: a relative link is its page
        with self.output:
            from IPython.display import HTML, display

            if url is not None:
                display(HTML(f'<a href="{html.escape(url, quote=True)}"'  # type: ignore[no-untyped-call]
                             f' download="{html.escape(target.name, quote=True)}">'
                             "ดาวน์โหลดแม่แบบ (download)</a>"))


def officer_form(namespace: MutableMapping[str, Any]) -> None:
    """Show the form in a live JupyterLab kernel; do nothing under ``ita-report run``, papermill
    or the batch (see :func:`is_live`). ``namespace`` is the notebook's ``globals()``: the
    form sets ``params_file`` there to the file it loaded or saved (and, when the notebook is
    run again in the same kernel, to the one it last had), so the cells below show its report.

    Returns nothing, so the cell shows the form once.
    """
    if not is_live(namespace):
        return
    if not namespace.get("params_file") and _REMEMBERED.get("params_file"):
        namespace["params_file"] = _REMEMBERED["params_file"]
    try:
        import ipywidgets  # type: ignore[import-untyped,import-not-found,unused-ignore]
        from IPython.display import display
    except ImportError:
        print("ติดตั้ง ipywidgets เพื่อใช้แบบฟอร์ม (pip install ipywidgets)")
        return
    form = OfficerForm(ipywidgets, namespace)
    namespace["_ita_form"] = form
    display(form.box)  # type: ignore[no-untyped-call]
