"""The crosswalk: item identity across fiscal years, validated against the frameworks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ita_report.crosswalk import default_path, load_crosswalk
from ita_report.errors import InputError
from ita_report.framework import available_years, load_framework


def test_every_item_of_each_year_is_accounted_for_once() -> None:
    cw = load_crosswalk()
    for pair in cw.pairs:
        old = {i.code for i in load_framework(pair.from_year).items()}
        new = {i.code for i in load_framework(pair.to_year).items()}
        assert sorted(link.from_code for link in pair.links) == sorted(old)
        targets = [link.to_code for link in pair.links if link.to_code is not None]
        assert len(targets) == len(set(targets))
        assert sorted(targets + [n.code for n in pair.new_items]) == sorted(new)


def test_every_consecutive_year_from_2564_to_2569_has_a_pair() -> None:
    years = [(p.from_year, p.to_year) for p in load_crosswalk().pairs]
    assert years == [(2564, 2565), (2565, 2566), (2566, 2567), (2567, 2568), (2568, 2569)]
    assert [first for first, _ in years] + [years[-1][1]] == available_years()


def test_a_link_is_verified_only_where_both_wordings_are() -> None:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    claimed = 0
    for pair in raw["pairs"]:
        old, new = load_framework(pair["from_year"]), load_framework(pair["to_year"])
        for item in pair["items"]:
            if item.get("confidence") != "verified":
                continue
            claimed += 1
            assert item["to"] is not None
            assert old.item(item["from"]).confidence == "verified", (pair["from_year"], item)
            assert new.item(item["to"]).confidence == "verified", (pair["to_year"], item)
        assert pair["same_codes"]["confidence"] == "unverified"  # no IIT/EIT year is verified
    assert claimed > 60  # FY2564–2566's OIT wording is verified; the file says so


def test_verified_is_lowered_where_a_framework_does_not_verify_the_wording(
    tmp_path: Path,
) -> None:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    for item in _pair(raw, 2567)["items"]:
        if item["from"] == "o5":  # ข่าวประชาสัมพันธ์, unverified in both FY2567 and FY2568
            item["confidence"] = "verified"
    path = tmp_path / "crosswalk.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    link = load_crosswalk(path).pair(2567, 2568).forward("o5")
    assert (link.to_code, link.confidence) == ("o4", "unverified")
    assert load_crosswalk().pair(2567, 2568).forward("o10").confidence == "verified"


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
    assert cw.trace("o5", 2566, 2568).to_code == "o3"  # ข้อมูลการติดต่อ: o5, o4, o3
    assert cw.trace("o3", 2568, 2566).to_code == "o5"
    assert cw.trace("o6", 2566, 2568).to_code is None
    assert cw.trace("o9", 2566, 2566).to_code == "o9"
    assert cw.trace("o5", 2566, 2568).confidence == "unverified"  # FY2567 wording unverified


def test_complaint_channels_from_2564_to_2569() -> None:
    trace = load_crosswalk().trace("o30", 2564, 2569)
    assert [link.to_code for link in trace.links] == ["o30", "o28", "o22", "o18", "o17"]
    assert trace.to_code == "o17" and trace.confidence == "unverified"  # FY2569 one site only
    assert load_crosswalk().trace("o17", 2569, 2564).to_code == "o30"


def test_fy2564_to_fy2566_oit_verified_where_the_wording_is() -> None:
    cw = load_crosswalk()
    same = cw.pair(2564, 2565).forward("o34")  # เจตจำนงสุจริตของผู้บริหาร, the same list
    assert (same.to_code, same.confidence) == ("o34", "verified")
    assert cw.trace("o36", 2564, 2566).to_code == "o34"  # risk assessment, renumbered
    assert cw.trace("o36", 2564, 2566).confidence == "verified"
    merged = cw.pair(2565, 2566).forward("o18")  # the budget plan joined the operating plan
    assert merged.to_code is None and "o11" in merged.note
    assert cw.pair(2565, 2566).forward("o10").to_code == "o11"
    assert cw.pair(2565, 2566).backward("o10") is None  # PDPA policy: new in FY2566


def test_iit_rewritten_in_2566_maps_only_what_the_wording_shows() -> None:
    pair = load_crosswalk().pair(2565, 2566)
    assert pair.forward("i23").to_code == "i19"  # ท่านรู้แนวปฏิบัติ…การใช้ทรัพย์สินของราชการ
    assert pair.forward("i19").to_code is None  # taking state property: FY2566 i19 is not it
    assert {c: pair.forward(c).to_code for c in ("i14", "i15", "i20", "i25")} == {
        "i14": "i14", "i15": "i15", "i20": "i20", "i25": "i25"}
    assert [pair.forward(c).to_code for c in ("i28", "i29", "i30")] == ["i30", "i28", "i29"]
    assert pair.forward("i1").to_code is None and "IIT" in pair.forward("i1").note
    assert pair.backward("i1") is None  # FY2566 wording unknown: no predecessor claimed
    assert all(link.confidence == "unverified" for link in pair.links if link.from_code[0] == "i")
    eit = pair.forward("e1")
    assert (eit.to_code, eit.confidence) == ("e1", "unverified")
    assert load_crosswalk().pair(2564, 2565).forward("i23").to_code == "i23"


def test_measures_document_followed_where_its_item_is_known() -> None:
    cw = load_crosswalk()
    assert cw.trace("o42", 2564, 2567).to_code == "o32"  # o42 up to FY2566, o32 in FY2567
    assert cw.trace("o43", 2566, 2567).to_code == "o33"
    # FY2568's list holds no item known to be the measures document: the chain breaks there,
    # with the reason, and FY2569's o25 starts afresh (its note names the FY2567 item).
    broken = cw.trace("o32", 2567, 2569)
    assert broken.to_code is None and [k.to_year for k in broken.links] == [2568]
    assert "2568" in broken.note and "o25" in broken.note
    assert cw.trace("o25", 2569, 2567).to_code is None
    new = {n.code: n.note for n in cw.pair(2568, 2569).new_items}
    assert set(new) == {"o25", "o26"} and "o32" in new["o25"] and "o33" in new["o26"]
    # The crosswalk agrees with each framework's documents: where two consecutive years
    # both name the measures document, one is the other's counterpart.
    for pair in cw.pairs:
        for role in ("measures", "implementation_report"):
            old = getattr(load_framework(pair.from_year).documents, role)
            new_code = getattr(load_framework(pair.to_year).documents, role)
            if old is not None and new_code is not None:
                assert pair.forward(old).to_code == new_code, (pair.from_year, role)
            elif old is not None:
                assert pair.forward(old).to_code is None, (pair.from_year, role)


def test_fy2568_to_fy2569_renumbered_by_meaning() -> None:
    pair = load_crosswalk().pair(2568, 2569)
    assert pair.forward("o12").to_code == "o11"  # procurement in the year
    assert pair.forward("o16").to_code == "o15"  # ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม
    assert pair.forward("o25").to_code == "o23"  # แผนปฏิบัติการป้องกันการทุจริต, not o25
    assert pair.forward("o11").to_code is None  # service statistics: no FY2569 item
    assert all(link.confidence == "unverified" for link in pair.links)  # FY2569: one site


def test_a_missing_pair_names_the_pairs_there_are() -> None:
    with pytest.raises(InputError) as err:
        load_crosswalk().pair(2564, 2566)
    assert "2566→2567" in str(err.value) and "FY2564" in str(err.value)


def _pair(raw: dict[str, Any], from_year: int) -> dict[str, Any]:
    return next(p for p in raw["pairs"] if p["from_year"] == from_year)


def _write(tmp_path: Path, edit: dict[str, object]) -> Path:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    pair = _pair(raw, 2566)
    pair.update(edit)
    path = tmp_path / "crosswalk.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_a_code_not_in_its_year_is_named(tmp_path: Path) -> None:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    items = _pair(raw, 2566)["items"]
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
    items = _pair(raw, 2566)["items"]
    _pair(raw, 2566)["items"] = [i for i in items if i["from"] != "o9"] + [
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
    for item in _pair(raw, 2566)["items"]:
        if item["from"] == "o6":
            item.pop("note")
    _pair(raw, 2566)["same_codes"]["tools"] = ["IIT", "EIT", "XIT"]
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
