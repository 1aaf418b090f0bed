"""Saving the Lab form into a params YAML: comments kept, new files in new's layout, bad saves
write nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ita_report.errors import InputError
from ita_report.officer.params_yaml import ParamsEdits, save_params
from ita_report.params import load_params

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def chaemae(tmp_path: Path) -> Path:
    path = tmp_path / "params" / "chaemae-2566.yaml"
    path.parent.mkdir()
    shutil.copy(ROOT / "params" / "chaemae-2566.yaml", path)
    (tmp_path / "data" / "samples").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "samples" / "chaemae-2566-scores.csv",
                tmp_path / "data" / "samples")
    return path


def test_an_edit_keeps_every_comment_and_changes_only_what_was_edited(chaemae: Path) -> None:
    before = chaemae.read_text(encoding="utf-8").splitlines()
    params = save_params(chaemae, ParamsEdits(
        values={"limitations": ["ขาดบุคลากร"], "target": 85, "org_name": "เทศบาลเมืองแฉะแม่"},
        themes={"e_service": {"unit_th": "งานเทคโนโลยีสารสนเทศ", "drop": None}},
    ))
    after = chaemae.read_text(encoding="utf-8").splitlines()
    assert params.limitations == ("ขาดบุคลากร",)
    assert params.theme_overrides["e_service"]["unit_th"] == "งานเทคโนโลยีสารสนเทศ"
    assert [line for line in before if line.lstrip().startswith("#")] == [
        line for line in after if line.lstrip().startswith("#")
    ]
    assert "target: 85" in after  # unchanged values keep the file's own spelling
    removed = set(before) - set(after)
    assert all(line.startswith("- ") for line in removed)  # only the old limitations went


def test_a_text_yaml_would_read_as_something_else_is_quoted(chaemae: Path) -> None:
    params = save_params(chaemae, ParamsEdits(values={"district": "yes", "province": "2566"}))
    assert params.district == "yes" and params.province == "2566"


def test_a_save_that_would_not_load_writes_nothing(chaemae: Path) -> None:
    before = chaemae.read_bytes()
    with pytest.raises(InputError) as info:
        save_params(chaemae, ParamsEdits(values={"org_id": "แฉะแม่", "target": 185}))
    message = str(info.value)
    assert str(chaemae) in message and "org_id" in message and "target" in message
    assert chaemae.read_bytes() == before
    assert [p.name for p in chaemae.parent.iterdir()] == [chaemae.name]  # no temporary left


def test_a_new_file_is_written_in_the_new_layout(tmp_path: Path) -> None:
    path = tmp_path / "nongbua-2567.yaml"
    save_params(path, ParamsEdits(values={
        "org_id": "nongbua", "org_name": "เทศบาลตำบลหนองบัว", "short_name": "ทต.หนองบัว",
        "fiscal_year": 2567, "scores_file": str(ROOT / "data/samples/other-2567-scores.csv"),
        "limitations": ["งบประมาณจำกัด"],
    }))
    text = path.read_text(encoding="utf-8")
    assert "# ชื่อเต็มของหน่วยงาน" in text and "สร้างด้วย ita-report new" in text
    assert load_params(path).limitations == ("งบประมาณจำกัด",)


def test_a_new_file_needs_the_five_required_fields(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        save_params(tmp_path / "x.yaml", ParamsEdits(values={"org_id": "x", "fiscal_year": 2567}))
    assert "org_name" in str(info.value) and "ยังไม่ได้กรอก" in str(info.value)
    assert not (tmp_path / "x.yaml").exists()
