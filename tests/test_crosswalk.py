"""The crosswalk: item identity across fiscal years, validated against the frameworks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ita_report.crosswalk import default_path, load_crosswalk
from ita_report.errors import InputError
from ita_report.framework import load_framework


def test_every_item_of_each_year_is_accounted_for_once() -> None:
    cw = load_crosswalk()
    for pair in cw.pairs:
        old = {i.code for i in load_framework(pair.from_year).items()}
        assert sorted(link.from_code for link in pair.links) == sorted(old)
        targets = [link.to_code for link in pair.links if link.to_code is not None]
        assert len(targets) == len(set(targets))


def test_oit_codes_follow_meaning_not_number() -> None:
    pair = load_crosswalk().pair(2566, 2567)
    assert pair.forward("o5").to_code == "o4"  # ข้อมูลการติดต่อ
    assert pair.forward("o32").to_code == "o26"  # การสร้างวัฒนธรรม No Gift Policy
    assert pair.forward("o43").to_code == "o33"  # การดำเนินการตามมาตรการ
    survey = pair.forward("o17")  # the satisfaction survey has no FY2567 item
    assert survey.to_code is None and not survey.has_counterpart
    assert "ความพึงพอใจ" in survey.note
    assert pair.backward("o17") is not None and pair.backward("o17").from_code == "o22"


def test_iit_and_eit_keep_their_codes_marked_unverified() -> None:
    pair = load_crosswalk().pair(2566, 2567)
    link = pair.forward("i14")
    assert (link.to_code, link.confidence) == ("i14", "unverified")
    assert pair.forward("e1").to_code == "e1"


def test_trace_chains_pairs_both_ways() -> None:
    cw = load_crosswalk()
    assert cw.trace("o5", 2566, 2568).to_code == "o4"
    assert cw.trace("o4", 2568, 2566).to_code == "o5"
    assert cw.trace("o6", 2566, 2568).to_code is None
    assert cw.trace("o9", 2566, 2566).to_code == "o9"
    assert cw.trace("o5", 2566, 2568).confidence == "unverified"  # FY2568 wording unverified


def test_a_missing_pair_names_the_pairs_there_are() -> None:
    with pytest.raises(InputError) as err:
        load_crosswalk().pair(2564, 2566)
    assert "2566→2567" in str(err.value) and "FY2564" in str(err.value)


def _write(tmp_path: Path, edit: dict[str, object]) -> Path:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    pair = raw["pairs"][0]
    pair.update(edit)
    path = tmp_path / "crosswalk.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_a_code_not_in_its_year_is_named(tmp_path: Path) -> None:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    items = raw["pairs"][0]["items"]
    items[0] = {"from": "o1", "to": "o40", "confidence": "verified", "note": "x"}
    path = tmp_path / "crosswalk.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_crosswalk(path)
    text = str(err.value)
    assert "o40 is not an item of the FY2567 framework" in text
    assert "ไม่มีข้อ o40" in text
    assert "o1 of FY2567 has no predecessor" in text  # o1 of FY2567 is now unaccounted for


def test_an_item_left_out_or_mapped_twice_is_an_error(tmp_path: Path) -> None:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    items = raw["pairs"][0]["items"]
    raw["pairs"][0]["items"] = [i for i in items if i["from"] != "o9"] + [
        {"from": "o1", "to": None, "note": "again"}
    ]
    path = tmp_path / "crosswalk.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_crosswalk(path)
    assert "o9 of FY2566 is not mapped" in str(err.value)
    assert "o1 of FY2566 is mapped 2 times" in str(err.value)


def test_no_counterpart_needs_a_note_and_tools_must_exist(tmp_path: Path) -> None:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    for item in raw["pairs"][0]["items"]:
        if item["from"] == "o6":
            item.pop("note")
    raw["pairs"][0]["same_codes"]["tools"] = ["IIT", "EIT", "XIT"]
    path = tmp_path / "crosswalk.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_crosswalk(path)
    assert "needs a note" in str(err.value)
    assert '"XIT" is not a tool' in str(err.value)


def test_pairs_must_be_consecutive_framework_years(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        load_crosswalk(_write(tmp_path, {"to_year": 2568}))
    assert "to_year must be the framework year right after from_year" in str(err.value)
