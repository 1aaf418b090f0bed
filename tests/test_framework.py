"""The framework of each fiscal year loads from data/ and a broken one is named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_report.errors import FrameworkError, UnknownYearError
from ita_report.framework import available_years, load_framework

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_year_an_officer_meets_is_available() -> None:
    assert available_years() == [2564, 2565, 2566, 2567, 2568, 2569]


@pytest.mark.parametrize(
    ("year", "iit", "eit", "oit"),
    [
        (2564, 30, 15, 43),
        (2565, 30, 15, 43),
        (2566, 30, 15, 43),
        (2567, 30, 15, 33),
        (2568, 30, 15, 26),
        (2569, 30, 15, 26),
    ],
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
    assert "2564, 2565, 2566, 2567, 2568, 2569" in message
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


@pytest.mark.parametrize("year", [2564, 2565, 2566, 2567, 2568, 2569])
def test_indicators_nine_and_ten_average_their_sub_indicators(year: int) -> None:
    fw = load_framework(year)
    for number in (9, 10):
        ind = fw.indicator(number)
        assert ind.aggregate == "sub_indicators"
        assert len(ind.sub_indicators) >= 2


def test_the_fy2568_alternative_with_33_items_loads_for_2568() -> None:
    path = Path(__file__).parents[1] / "data" / "frameworks" / "variants" / "2568-o1-o33.yaml"
    fw = load_framework(2568, path)
    assert len(fw.indicator(9).all_items()) + len(fw.indicator(10).all_items()) == 33
    assert fw.documents.measures == "o32"
    assert fw.source_file == str(path)


@pytest.mark.parametrize(
    ("year", "measures", "report"),
    [(2564, "o42", "o43"), (2565, "o42", "o43"), (2566, "o42", "o43"), (2567, "o32", "o33"),
     (2568, None, None), (2569, "o25", "o26")],
)
def test_which_item_is_the_measures_document_is_data(
    year: int, measures: str | None, report: str | None
) -> None:
    docs = load_framework(year).documents
    assert (docs.measures, docs.implementation_report) == (measures, report)


@pytest.mark.parametrize("year", [2564, 2565, 2566, 2567, 2568, 2569])
def test_wording_is_only_wording(year: int) -> None:
    path = Path(__file__).parents[1] / "data" / "frameworks" / f"{year}.yaml"
    for item in load_framework(year, path).items():
        text = item.text_th
        assert "http" not in text and "www." not in text, (item.code, text)
        assert "[" not in text and "]" not in text, (item.code, text)
        assert "seed" not in text.lower() and "unverified" not in text.lower(), (item.code, text)


def test_wording_with_a_research_note_is_refused_naming_the_item(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "data" / "frameworks" / "2566.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "text_th: ข้อมูลผู้บริหาร", "text_th: 'ข้อมูลผู้บริหาร [seed criteria: รูปถ่าย]'", 1
    )
    broken = tmp_path / "mine-2566.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as info:
        load_framework(2566, broken)
    message = str(info.value)
    assert "mine-2566.yaml" in message and "o2" in message
    assert "text_th" in message and "ถ้อยคำ" in message


def test_an_item_without_wording_is_labelled_by_where_it_sits() -> None:
    fw = load_framework(2569)
    assert fw.item_label("i14") == "(ตัวชี้วัดที่ 3 การใช้อำนาจ)"
    assert fw.item_label("o7").startswith("(ตัวชี้วัดย่อย 9.2")
    assert fw.item_label("o25") == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert fw.placement_confidence("o25") == "unverified"
    assert load_framework(2564).placement_confidence("o42") == "verified"


@pytest.mark.parametrize("year", [2564, 2565, 2566, 2567, 2568, 2569])
def test_every_year_says_what_is_uncertain(year: int) -> None:
    fw = load_framework(year)
    assert fw.doubts_th, "each year's file lists its doubts for officers"
    assert all("ยังไม่" in d or "อนุมาน" in d or "ถือตาม" in d or "ไฟล์ทางเลือก" in d
               for d in fw.doubts_th)


def test_the_framework_command_lists_a_year_with_its_doubts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ita_report.cli import main

    assert main(["framework", "--year", "2569"]) == 0
    out = capsys.readouterr().out
    assert "o25  การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร [ยังไม่ยืนยัน]" in out
    assert "measures document): o25" in out and "implementation report): o26" in out
    assert "ข้อที่ยังไม่แน่ชัด" in out and "o๗ ยังไม่พบ" in out
    assert "i1   (ไม่พบถ้อยคำ" in out  # unknown wording is said, not left blank


def test_the_framework_command_validates_an_officers_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ita_report.cli import main

    variant = Path(__file__).parents[1] / "data" / "frameworks" / "variants" / "2568-o1-o33.yaml"
    assert main(["framework", "--file", str(variant)]) == 0
    assert "ไฟล์ถูกต้อง" in capsys.readouterr().out
    broken = tmp_path / "mine.yaml"
    broken.write_text(variant.read_text(encoding="utf-8").replace("weight: 0.4", "weight: 0.5"),
                      encoding="utf-8")
    assert main(["framework", "--file", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "mine.yaml" in err and "น้ำหนัก" in err and "weights sum to 1.1" in err
    assert "Traceback" not in err


def test_an_officers_framework_file_is_read_like_every_file_people_edit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Through the project's one YAML reader: a key written twice is refused with both lines,
    # not silently the later value (a second text_th pasted under an item).
    from ita_report.cli import main

    variant = Path(__file__).parents[1] / "data" / "frameworks" / "variants" / "2568-o1-o33.yaml"
    mine = tmp_path / "mine.yaml"
    text = variant.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("text_th: ข้อมูลผู้บริหาร"))
    mine.write_text(text.replace(line, f"{line}\n{line}", 1), encoding="utf-8")
    assert main(["framework", "--file", str(mine)]) == 2
    err = capsys.readouterr().err
    assert "mine.yaml" in err and "text_th" in err and "written twice" in err
    assert "Traceback" not in err


VARIANT = Path(__file__).parents[1] / "data" / "frameworks" / "variants" / "2568-o1-o33.yaml"


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # Issue 21 case 9: weights summing to 1 but out of range, NaN, a negative target.
        ("weight: 0.3\n", "weight: 1.5\n", "less than or equal to 1"),
        ("weight: 0.4\n", "weight: -0.5\n", "greater than 0"),
        ("weight: 0.4\n", "weight: 0\n", "greater than 0"),
        ("weight: 0.4\n", "weight: .nan\n", "finite"),
        ("target: 85\n", "target: -5\n", "greater than or equal to 0"),
    ],
)
def test_an_officers_framework_with_impossible_numbers_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, said: str
) -> None:
    from ita_report.cli import main

    text = VARIANT.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    mine = tmp_path / "mine.yaml"
    mine.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["framework", "--file", str(mine)]) == 2
    err = capsys.readouterr().err
    assert said in err and f"line {line}" in err and "Traceback" not in err


def test_an_item_code_in_thai_digits_is_refused_saying_the_ascii_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ita_report.cli import main

    mine = tmp_path / "mine.yaml"
    mine.write_text(VARIANT.read_text(encoding="utf-8").replace("code: o1\n", "code: o๑\n", 1),
                    encoding="utf-8")
    assert main(["framework", "--file", str(mine)]) == 2
    err = capsys.readouterr().err
    assert "'o๑'" in err and "write o1" in err and "Traceback" not in err
    text = mine.read_text(encoding="utf-8")
    assert f"line {text[: text.index('code: o๑')].count(chr(10)) + 1}" in err
