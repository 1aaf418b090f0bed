"""The framework of each fiscal year loads from data/ and a broken one is named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_report.errors import FrameworkError, UnknownYearError
from ita_report.framework import available_years, load_framework

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_four_documented_years_are_available() -> None:
    assert available_years() == [2564, 2566, 2567, 2568]


@pytest.mark.parametrize(
    ("year", "iit", "eit", "oit"),
    [(2564, 30, 15, 0), (2566, 30, 15, 43), (2567, 30, 15, 33), (2568, 30, 15, 33)],
)
def test_item_counts_match_the_reference(year: int, iit: int, eit: int, oit: int) -> None:
    fw = load_framework(year)
    counts = {t.code: sum(len(i.all_items()) for i in t.indicators) for t in fw.tools}
    assert counts == {"IIT": iit, "EIT": eit, "OIT": oit}
    assert [ind.number for ind in fw.indicators()] == list(range(1, 11))
    assert fw.target == 85


def test_oit_sub_indicators_and_indicator_nine_aggregation() -> None:
    fw = load_framework(2566)
    nine = fw.indicator(9)
    assert [s.number for s in nine.sub_indicators] == ["9.1", "9.2", "9.3", "9.4", "9.5"]
    assert nine.aggregate == "sub_indicators"
    assert fw.item("o17") is not None and fw.indicator_of("o17") == nine
    assert fw.item("o5").text_th == "ข้อมูลการติดต่อ"  # type: ignore[union-attr]


def test_seed_wording_is_kept_with_its_confidence() -> None:
    item = load_framework(2566).item("i14")
    assert item is not None
    assert item.confidence == "seed"
    assert "อย่างเป็นธรรม" in item.text_th


@pytest.mark.parametrize(
    ("year", "score", "tools", "level"),
    [
        (2564, 95.0, {}, "AA"),
        (2564, 94.996, {}, "AA"),  # published with two decimals: 94.996 is 95.00
        (2564, 84.994, {}, "B"),  # ... and 84.994 is 84.99
        (2564, 49.99, {}, "F"),
        (2566, 85.0, {}, "ผ่าน"),
        (2566, 84.99, {}, "ไม่ผ่าน"),
        (2567, 96.0, {"IIT": 96, "EIT": 97, "OIT": 95}, "ผ่านดีเยี่ยม"),
        (2567, 96.0, {"IIT": 96, "EIT": 97, "OIT": 94.99}, "ผ่านดี"),
        (2567, 90.0, {"IIT": 80, "EIT": 97, "OIT": 94}, "ผ่าน"),
        (2568, 70.0, {"IIT": 70, "EIT": 70, "OIT": 70}, "ต้องปรับปรุง"),
        (2568, 69.99, {"IIT": 70, "EIT": 70, "OIT": 70}, "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_levels_by_year(year: int, score: float, tools: dict[str, float], level: str) -> None:
    assert load_framework(year).level_for(score, tools).name == level


def test_unknown_year_lists_the_years_available() -> None:
    with pytest.raises(UnknownYearError) as info:
        load_framework(2570)
    message = str(info.value)
    assert "2570" in message
    assert "2564, 2566, 2567, 2568" in message
    assert "ปีงบประมาณ" in message and "fiscal year" in message


def test_a_minimal_valid_file_loads() -> None:
    fw = load_framework(2599, FIXTURES / "framework_minimal_ok.yaml")
    assert [t.code for t in fw.tools] == ["IIT", "EIT", "OIT"]


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("framework_item_in_two_indicators.yaml", 2598, "item i2 is in indicator 1 and in 6"),
        ("framework_weights_not_one.yaml", 2597, "weights sum to 1.1"),
        ("framework_levels_gap.yaml", 2596, "leave a gap or overlap"),
    ],
)
def test_broken_framework_names_the_problem(name: str, year: int, expected: str) -> None:
    with pytest.raises(FrameworkError) as info:
        load_framework(year, FIXTURES / name)
    assert expected in str(info.value)
    assert name in str(info.value)
