"""The Lab form without a browser: when it shows, what it offers, and what it saves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, fill_template

from ita_report.officer import form as officer
from ita_report.params import load_params


def test_the_form_shows_only_in_a_live_lab_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert not officer.is_live({"params_file": None})  # papermill, nbclient, the batch
    monkeypatch.setenv("JPY_SESSION_NAME", "lab/measures_report.ipynb")
    assert officer.is_live({"params_file": None})
    assert not officer.is_live({"params_file": None, "org_id": "x"})  # values were given
    injected = {"params_file": "p.yaml", "In": ["", "# Parameters\nparams_file = 'p.yaml'\n"]}
    assert not officer.is_live(injected)  # ita-report run launched from inside Lab


def test_pickers_offer_report_params_and_score_files(tmp_path: Path) -> None:
    (tmp_path / "params").mkdir()
    for name in ("chaemae-2566.yaml", "explore-chaemae.yaml"):
        shutil.copy(ROOT / "params" / name, tmp_path / "params" / name)
    fill_template(tmp_path / "คะแนน-2567.xlsx")
    assert officer.params_choices(tmp_path) == ["params/chaemae-2566.yaml"]
    assert officer.score_choices(tmp_path) == ["คะแนน-2567.xlsx"]
    assert officer.project_root(tmp_path / "lab") == tmp_path


def test_a_filled_template_names_its_agency(tmp_path: Path) -> None:
    found = officer.values_from_template(fill_template(tmp_path / "t.xlsx"))
    assert found["org_id"] == "sample-tambon" and found["fiscal_year"] == 2567
    assert found["org_name"] == "องค์การบริหารส่วนตำบลตัวอย่าง"
    csv = ROOT / "data" / "samples" / "other-2567-scores.csv"
    assert officer.values_from_template(csv) == {}


def test_the_form_saves_a_new_agency_from_a_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ipywidgets

    (tmp_path / "params").mkdir()
    fill_template(tmp_path / "scores.xlsx")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"params_file": None}
    made = officer.OfficerForm(ipywidgets, namespace)
    made.scores_file.value = "scores.xlsx"  # fills the agency in
    assert made.fields["short_name"].value == "อบต.ตัวอย่าง"
    made.limitations.value = "ข้อหนึ่ง\n\n  ข้อสอง  \n"
    made.theme_fields["unit_th"].value = "กองคลัง"
    path = made.save()
    assert path == tmp_path / "params" / "sample-tambon-2567.yaml"
    assert namespace["params_file"] == str(path)
    params = load_params(path)
    assert params.limitations == ("ข้อหนึ่ง", "ข้อสอง")
    assert params.scores_file == "../scores.xlsx"
    assert params.theme_overrides[str(made.theme.value)] == {"unit_th": "กองคลัง"}
    assert made.params_file.value == "params/sample-tambon-2567.yaml"  # now the file chosen
