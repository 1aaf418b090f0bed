"""The analysis text reads like the seed: ranges, scores, zeros, averages, Thai digits."""

from __future__ import annotations

from ita_report.framework import load_framework
from ita_report.measures import (
    NOT_PUBLISHED_TH,
    CitedItem,
    Remark,
    analysis_text,
    code_runs,
    fill,
    runs_text,
)
from ita_report.scoring import Assessment, assess

FW = load_framework(2566)


def agency(
    scores: dict[str, float | None], extra: dict[str, float | None] | None = None
) -> Assessment:
    full: dict[str, float | None] = {i.code: 95.0 for i in FW.items()}
    full.update(scores)
    return assess(FW, org_id="x", scores=full, extra=extra)


def cited(a: Assessment, *codes: str) -> list[CitedItem]:
    out = []
    for code in codes:
        found = a.item(code)
        assert found is not None
        out.append(CitedItem(code, found.text_th, found.score, found.status))
    return out


def test_one_item_below_target_in_the_seed_words() -> None:
    a = agency({"e1": 84.77})
    text = analysis_text("ทม.แฉะแม่", cited(a, "e1"), a, thai=True)
    assert text == "ทม.แฉะแม่ได้คะแนนข้อ e๑ ๘๔.๗๗ คะแนน เป็นคะแนนที่ต่ำกว่า ๘๕ คะแนน"


def test_a_zero_is_said_as_a_zero_with_the_themes_own_finding() -> None:
    a = agency({"o17": 0.0})
    finding = Remark("ซึ่งไม่พบรายงานผลการสำรวจความพึงพอใจการให้บริการ", ("OIT",))
    assert analysis_text("ทม.แฉะแม่", cited(a, "o17"), a, thai=True, finding=finding) == (
        "ทม.แฉะแม่ไม่ได้คะแนนข้อ o๑๗ ซึ่งไม่พบรายงานผลการสำรวจความพึงพอใจการให้บริการ"
    )


def test_an_oit_zero_without_a_finding_says_it_was_not_published() -> None:
    a = agency({"o17": 0.0})
    assert analysis_text("ทม.แฉะแม่", cited(a, "o17"), a, thai=True) == (
        f"ทม.แฉะแม่ไม่ได้คะแนนข้อ o๑๗ {NOT_PUBLISHED_TH}"
    )


def test_findings_follow_their_own_tool_and_scoped_advice_needs_a_failing_item() -> None:
    a = agency({"e1": 84.77, "o17": 0.0, "i7": 90.0})
    items = cited(a, "i7", "e1", "o17")
    text = analysis_text(
        "ทม.แฉะแม่",
        items,
        a,
        thai=True,
        finding=Remark("ซึ่งประชาชนเห็นว่าควรปรับปรุง", ("EIT",)),
        recommendation=Remark("ควรชี้แจงงบประมาณแก่บุคลากร", ("IIT",)),
    )
    assert text == (
        "ทม.แฉะแม่ได้คะแนนข้อ i๗ ๙๐ คะแนน ผ่านเกณฑ์ ๘๕ คะแนน"
        " และได้คะแนนข้อ e๑ ๘๔.๗๗ คะแนน เป็นคะแนนที่ต่ำกว่า ๘๕ คะแนน ซึ่งประชาชนเห็นว่าควรปรับปรุง"
        f" และไม่ได้คะแนนข้อ o๑๗ {NOT_PUBLISHED_TH}"
    )
    assert "ควรชี้แจงงบประมาณ" not in text  # the IIT item passes: the advice does not apply


def test_an_average_never_spans_items_it_did_not_average() -> None:
    a = agency({})  # every item at 95: i16..i26 pass too, but only i14, i15, i27 are averaged
    text = analysis_text("x", cited(a, "i14", "i15", "i27"), a, thai=True)
    assert "i๑๔–i๑๕ และข้อ i๒๗ เฉลี่ย" in text


def test_passing_items_are_summed_up_as_an_average_over_a_range() -> None:
    a = agency({f"o{n}": 100.0 for n in range(1, 11)})
    text = analysis_text("ทม.แฉะแม่", cited(a, *[f"o{n}" for n in range(1, 11)]), a, thai=True)
    assert text == "ทม.แฉะแม่ได้คะแนนข้อ o๑–o๑๐ เฉลี่ย ๑๐๐ คะแนน"


def test_ranges_bridge_items_below_target_cited_elsewhere() -> None:
    a = agency({f"i{n}": 70.0 for n in range(25, 31)})
    text = analysis_text("ทม.แฉะแม่", cited(a, "i25", "i26", "i28", "i29", "i30"), a, thai=True)
    assert text.startswith("ทม.แฉะแม่ได้คะแนนข้อ i๒๕–i๓๐ ต่ำกว่า ๘๕ คะแนน")


def test_separate_runs_are_joined_the_seed_way() -> None:
    assert runs_text(["i14", "i15", "i27"], thai=True) == "ข้อ i๑๔–i๑๕ และข้อ i๒๗"
    assert code_runs(["o11", "o12", "o13", "i2"]) == [("i2", "i2"), ("o11", "o13")]


def test_arabic_digits_when_switched_off() -> None:
    a = agency({"e1": 84.77})
    text = analysis_text("อบต.ตัวอย่าง", cited(a, "e1"), a, thai=False)
    assert text == "อบต.ตัวอย่างได้คะแนนข้อ e1 84.77 คะแนน เป็นคะแนนที่ต่ำกว่า 85 คะแนน"
    assert fill("ไตรมาส ๑", {}, thai=False) == "ไตรมาส 1"


def test_missing_data_is_reported_not_scored() -> None:
    a = agency({"e1": None})
    assert analysis_text("x", cited(a, "e1"), a, thai=True) == "(ไม่มีข้อมูลคะแนนข้อ e๑)"


def test_placeholders_are_filled_and_unknown_braces_kept() -> None:
    values = {"short_name": "ทม.แฉะแม่", "next_fiscal_year": "2567"}
    assert fill("{short_name} ปี {next_fiscal_year} {other}", values, thai=True) == (
        "ทม.แฉะแม่ ปี ๒๕๖๗ {other}"
    )
