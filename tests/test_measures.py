"""The measures table reads like the seed: scores, ranges, zeros, averages, Thai digits; every
item below target is named in a row; steps name the documents, units and quarters."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from ita_report.catalogue import Catalogue, Scoped, fill, load_agency_types, load_catalogue
from ita_report.code_text import code_runs, runs_text
from ita_report.framework import Framework, load_framework
from ita_report.gaps import Assessment, Status, assess
from ita_report.measures import (
    CitedItem,
    MeasureRow,
    Wording,
    analysis_text,
    build_rows,
    spaced,
)

FW = load_framework(2566)


def agency(scores: dict[str, float | None], fw: Framework = FW, base: float = 95.0,
           extra: dict[str, float | None] | None = None) -> Assessment:
    full: dict[str, float | None] = {i.code: base for i in fw.items()}
    full.update(scores)
    return assess(fw, org_id="x", scores=full, extra=extra)


def cited(a: Assessment, *codes: str, fw: Framework = FW) -> list[CitedItem]:
    out = []
    for code in codes:
        found = a.item(code)
        assert found is not None
        item = fw.item(code)
        out.append(CitedItem(code, found.text_th, found.score, found.status,
                             known_wording=bool(item and item.text_th)))
    return out


def text(a: Assessment, items: Sequence[CitedItem], *, passing: bool = False,
         fw: Framework = FW, **kwargs: object) -> str:
    # The seed's words, codes and all: Thai digits in codes, as the sample params choose.
    return analysis_text("ทม.แฉะแม่", items, fw, target=85, thai=True, passing=passing,
                         style="thai", **kwargs)  # type: ignore[arg-type]


def test_one_item_below_target_in_the_seed_words() -> None:
    a = agency({"e1": 84.77})
    assert text(a, cited(a, "e1")) == (
        "ทม.แฉะแม่ได้คะแนนข้อ e๑ ๘๔.๗๗ คะแนน เป็นคะแนนที่ต่ำกว่า ๘๕ คะแนน"
    )


def test_a_zero_is_said_as_a_zero_with_the_themes_own_finding() -> None:
    a = agency({"o17": 0.0})
    finding = Scoped("ซึ่งไม่พบรายงานผลการสำรวจความพึงพอใจการให้บริการ", ("OIT",))
    assert text(a, cited(a, "o17"), findings=[finding]) == (
        "ทม.แฉะแม่ไม่ได้คะแนนข้อ o๑๗ ซึ่งไม่พบรายงานผลการสำรวจความพึงพอใจการให้บริการ"
    )


def test_an_oit_zero_without_a_finding_names_the_missing_document() -> None:
    a = agency({"o10": 0.0})
    assert text(a, cited(a, "o10")) == (
        "ทม.แฉะแม่ไม่ได้คะแนนข้อ o๑๐ เนื่องจากไม่พบการเผยแพร่นโยบายคุ้มครองข้อมูลส่วนบุคคล"
        "บนเว็บไซต์ของหน่วยงาน"
    )


def test_many_zeros_are_counted_and_named_by_code() -> None:
    a = agency({f"o{n}": 0.0 for n in range(19, 27)})
    said = text(a, cited(a, *[f"o{n}" for n in range(19, 27)]))
    assert "ไม่ได้คะแนนข้อ o๑๙–o๒๖ (๘ ข้อ)" in said


def test_findings_follow_their_own_tool_and_scoped_advice_needs_the_tool() -> None:
    a = agency({"e1": 84.77, "o17": 0.0})
    said = text(
        a, cited(a, "e1", "o17"),
        findings=[Scoped("ซึ่งประชาชนเห็นว่าควรปรับปรุง", ("EIT",))],
        recommendations=[Scoped("ควรชี้แจงงบประมาณแก่บุคลากร", ("IIT",))],
    )
    assert said == (
        "ทม.แฉะแม่ได้คะแนนข้อ e๑ ๘๔.๗๗ คะแนน เป็นคะแนนที่ต่ำกว่า ๘๕ คะแนน ซึ่งประชาชนเห็นว่าควรปรับปรุง"
        " และไม่ได้คะแนนข้อ o๑๗ เนื่องจากไม่พบการเผยแพร่รายงานผลการสำรวจความพึงพอใจการให้บริการ"
        "บนเว็บไซต์ของหน่วยงาน"
    )


def test_a_range_never_spans_an_item_the_row_does_not_cite() -> None:
    # i27 is below target too, but cited in another row: i25–i30 would read as six items.
    a = agency({f"i{n}": 70.0 for n in range(25, 31)})
    said = text(a, cited(a, "i25", "i26", "i28", "i29", "i30"))
    assert said.startswith("ทม.แฉะแม่ได้คะแนนข้อ i๒๕–i๒๖ และข้อ i๒๘–i๓๐ ต่ำกว่า ๘๕ คะแนน")
    assert "i๒๕–i๓๐" not in said


def test_passing_items_are_summed_up_as_an_average_over_a_range() -> None:
    a = agency({f"o{n}": 100.0 for n in range(1, 11)})
    said = text(a, cited(a, *[f"o{n}" for n in range(1, 11)]), passing=True)
    assert said == "ทม.แฉะแม่ได้คะแนนข้อ o๑–o๑๐ เฉลี่ย ๑๐๐.๐๐ คะแนน"


def test_many_weak_items_are_summed_up_per_indicator_naming_every_code() -> None:
    weak = {f"i{n}": 50.0 + n for n in range(1, 13)}
    a = agency(weak)
    said = text(a, cited(a, *weak))
    assert "ต่ำกว่า ๘๕ คะแนน ๑๒ ข้อ" in said
    assert ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ข้อ i๑–i๖ เฉลี่ย ๕๓.๕๐ คะแนน (ต่ำสุดข้อ i๑ ๕๑.๐๐ คะแนน)"
            in said)
    assert "และตัวชี้วัดที่ ๒ การใช้งบประมาณ ข้อ i๗–i๑๒" in said


def test_separate_runs_are_joined_the_seed_way() -> None:
    assert runs_text(["i14", "i15", "i27"], style="thai") == "ข้อ i๑๔–i๑๕ และข้อ i๒๗"
    assert runs_text(["i14", "i15", "i27"], style="ita") == "ข้อ i14–i15 และข้อ i27"
    assert code_runs(["o11", "o12", "o13", "i2"]) == [("i2", "i2"), ("o11", "o13")]


def test_arabic_digits_when_switched_off() -> None:
    a = agency({"e1": 84.77})
    said = analysis_text("อบต.ตัวอย่าง", cited(a, "e1"), FW, target=85, thai=False, passing=False)
    assert said == "อบต.ตัวอย่างได้คะแนนข้อ e1 84.77 คะแนน เป็นคะแนนที่ต่ำกว่า 85 คะแนน"
    assert fill("ไตรมาส ๑", {}, thai=False) == "ไตรมาส 1"


def test_placeholders_are_filled_and_unknown_braces_kept() -> None:
    values = {"short_name": "ทม.แฉะแม่", "next_fiscal_year": "2567", "unit:finance": "กองคลัง"}
    assert fill("{short_name} ปี {next_fiscal_year} {unit:finance} {other}", values,
                thai=True) == "ทม.แฉะแม่ ปี ๒๕๖๗ กองคลัง {other}"


# -- whole tables ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def rows_for(a: Assessment, fw: Framework, catalogue: Catalogue,
             org_type: str = "อบต.") -> tuple[MeasureRow, ...]:
    kind = load_agency_types().by_name(org_type)
    assert kind is not None
    values = {"short_name": "อบต.ตัวอย่าง", "org_name": "องค์การบริหารส่วนตำบลตัวอย่าง",
              "org_full": "องค์การบริหารส่วนตำบลตัวอย่าง", "fiscal_year": str(fw.fiscal_year),
              "next_fiscal_year": str(fw.fiscal_year + 1), "target": "85", **kind.values()}
    return build_rows(a, fw, catalogue.themes_for(fw.fiscal_year), catalogue,
                      Wording("อบต.ตัวอย่าง", values, True))


def named_codes(rows: Sequence[MeasureRow]) -> set[str]:
    return {c for r in rows if r.kind != "passing" for c in r.cited_codes}


@pytest.mark.parametrize("year", [2564, 2565, 2566, 2567, 2568, 2569])
def test_a_very_weak_agency_has_every_item_below_target_named(
    catalogue: Catalogue, year: int
) -> None:
    fw = load_framework(year)
    scores = {i.code: (0.0 if i.code[0] == "o" else 40.0 + int(i.code[1:])) for i in fw.items()}
    a = agency(scores, fw)
    rows = rows_for(a, fw, catalogue)
    assert named_codes(rows) == {i.code for i in a.items_below_target}
    assert not any(r.kind == "passing" for r in rows)
    for row in rows:
        assert "ต่ำกว่า" in row.analysis_th or "ไม่ได้คะแนน" in row.analysis_th
        assert row.steps_th and row.measure_th and row.unit_th and row.quarter_th
        assert "{" not in " ".join((row.analysis_th, row.measure_th, *row.steps_th, row.unit_th))


def test_an_agency_with_only_eit_gaps_gets_eit_rows_and_one_keep_the_standard_row(
    catalogue: Catalogue,
) -> None:
    fw = load_framework(2567)
    a = agency({"e3": 80.0, "e7": 70.0, "e12": 60.0}, fw, base=100.0)
    rows = rows_for(a, fw, catalogue, "อบจ.")
    weak_rows = [r for r in rows if not r.all_passing]
    assert [r.theme_id for r in weak_rows] == ["work_process", "e_service",
                                              "information_disclosure"]
    assert rows[-1].kind == "passing" and len(rows) == 4
    for row in weak_rows:
        assert {c[0] for c in row.cited_codes} == {"e"}
        assert "บุคลากรภายใน" not in row.analysis_th  # IIT findings stay out
        assert row.steps_th and not any("ข้อมูลตามข้อ" in s for s in row.steps_th)


def test_a_strong_agency_gets_one_row(catalogue: Catalogue) -> None:
    fw = load_framework(2569)
    rows = rows_for(agency({}, fw, base=100.0), fw, catalogue)
    assert len(rows) == 1 and rows[0].kind == "passing"
    assert "คะแนนเต็ม ๑๐๐.๐๐ คะแนนทุกข้อ" in rows[0].analysis_th


def test_oit_steps_name_the_document_the_unit_and_the_quarter(catalogue: Catalogue) -> None:
    fw = load_framework(2566)
    a = agency({"o19": 0.0, "o21": 0.0, "o12": 0.0}, fw, base=100.0)
    rows = {r.theme_id: r for r in rows_for(a, fw, catalogue)}
    procurement = " ".join(rows["budget_procurement"].steps_th)
    # The document first, its code in brackets; the monthly summary is published every month.
    assert ("งานพัสดุ กองคลัง จัดทำแผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ (ข้อ o19)"
            " แล้วเผยแพร่บนเว็บไซต์ของหน่วยงาน ภายในไตรมาส ๑") in procurement
    # Monthly: every month, not "by quarter 1" (issue 25 part 5); the row then runs all year.
    assert ("สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน (ข้อ o21) แล้วเผยแพร่บนเว็บไซต์ของหน่วยงาน"
            " ทุกเดือน") in procurement and "ภายในทุกเดือน" not in procurement
    assert rows["budget_procurement"].quarter_th == "ไตรมาส ๑–๔"
    plans = " ".join(rows["administration_plans"].steps_th)
    assert "งานวิเคราะห์นโยบายและแผน สำนักปลัด" in plans and "ภายในไตรมาส ๓" in plans
    # The IIT steps of the theme are not given when only documents are missing.
    assert "ประชุมชี้แจงแผนการใช้จ่ายงบประมาณ" not in procurement


def test_an_item_no_theme_covers_still_gets_a_row(catalogue: Catalogue) -> None:
    fw = load_framework(2566)
    a = agency({"i14": 60.0}, fw, base=100.0)
    themes = tuple(t for t in catalogue.themes_for(2566) if t.id != "authority_personnel")
    kind = load_agency_types().get("other")
    values = {"short_name": "หน่วยงาน", **kind.values()}
    rows = build_rows(a, fw, themes, catalogue, Wording("หน่วยงาน", values, True))
    fallback = [r for r in rows if r.kind == "fallback"]
    assert len(fallback) == 1 and fallback[0].cited_codes == ("i14",)
    assert fallback[0].title_th == "ตัวชี้วัดที่ ๓ การใช้อำนาจ"
    assert "i14 ๖๐.๐๐ คะแนน" in fallback[0].analysis_th


def test_items_without_wording_are_gathered_under_their_indicator(catalogue: Catalogue) -> None:
    fw = load_framework(2569)
    a = agency({"i1": 70.0, "i2": 71.0, "i3": 72.0}, fw, base=100.0)
    row = next(r for r in rows_for(a, fw, catalogue) if r.theme_id == "work_process")
    (line,) = row.item_lines
    assert line.codes == ("i1", "i2", "i3")
    assert line.code_text(style="thai") == "i๑–i๓"
    assert line.code_text(style="ita") == "i1–i3"
    assert line.text_th == "(ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่)"
    assert line.status is Status.BELOW


def test_the_unit_column_names_each_unit_once_and_an_office_for_its_sections() -> None:
    from ita_report.measures import responsible_units

    assert responsible_units(["งานประชาสัมพันธ์ สำนักปลัด/สำนักปลัด", "กองคลัง", "สำนักปลัด"]) == (
        "สำนักปลัด/กองคลัง"  # "งานประชาสัมพันธ์ สำนักปลัด/สำนักปลัด" read as a slip
    )
    assert responsible_units(["งานพัสดุ กองคลัง", "กองช่าง"]) == "งานพัสดุ กองคลัง/กองช่าง"


def test_the_timing_column_covers_every_step() -> None:
    from ita_report.measures import quarter_span

    # A step done every quarter or month, or due later, widens "ไตรมาส ๑" (the column must not
    # contradict the steps beside it); the officer's own words stay. The column ends when the
    # last step is due when every step says when (a row of one step "ภายในไตรมาส ๑" said
    # "ไตรมาส ๑–๔"), and is not narrowed when a step does not say.
    assert quarter_span("ไตรมาส ๑", ["รายงานผลทุกไตรมาส"], thai=True) == "ไตรมาส ๑–๔"
    assert quarter_span("ไตรมาส ๑", ["ต่อเนื่องทุกเดือน"], thai=True) == "ไตรมาส ๑–๔"
    assert quarter_span("ไตรมาส 1", ["เผยแพร่ภายในไตรมาส 3"], thai=False) == "ไตรมาส 1–3"
    assert quarter_span("ไตรมาส ๑–๔", ["ภายในไตรมาส ๑"], thai=True) == "ไตรมาส ๑"
    assert quarter_span("ไตรมาส ๑–๔", ["ภายในไตรมาส ๑", "แต่งตั้งคณะทำงาน"],
                        thai=True) == "ไตรมาส ๑–๔"
    assert quarter_span("ไตรมาส ๑–๔", ["ภายในไตรมาส ๒", "ภายในไตรมาส ๓"],
                        thai=True) == "ไตรมาส ๑–๓"
    assert quarter_span("ตลอดปีงบประมาณ", ["ทุกเดือน"], thai=True) == "ตลอดปีงบประมาณ"
    # Steps that run all year in other words: at the monthly meeting, regularly, all year.
    for step in ("ชี้แจงในการประชุมประจำเดือน", "ติดตามผลการให้บริการอย่างสม่ำเสมอ",
                 "เผยแพร่ข่าวสารตลอดปี"):
        assert quarter_span("ไตรมาส ๑", [step], thai=True) == "ไตรมาส ๑–๔", step


# -- issue 25 parts 3 and 6: no placeholder, officer's spacing and brackets ----------------------


def _weak_rows(year: int, zero: set[str]) -> tuple[MeasureRow, ...]:
    fw = load_framework(year)
    scores: dict[str, float | None] = {i.code: (0.0 if i.code in zero else 100.0)
                                       for i in fw.items()}
    catalogue = load_catalogue()
    return build_rows(assess(fw, org_id="x", scores=scores), fw, catalogue.themes_for(year),
                      catalogue, Wording("อบต.ตัวอย่าง", {}, True))


def test_an_item_whose_wording_is_unknown_is_named_by_its_indicator() -> None:
    """FY2567 o13 has no known wording: it sits in the theme of its sub-indicator (๙.๒
    การบริหารงานและการใช้จ่ายงบประมาณ), not under E-Service, and its analysis and step speak of
    that sub-indicator in words an officer acts on: look the item up in NACC's manual, then
    make and publish it; never "ข้อมูลที่ข้อ o13 กำหนด" or "ไม่พบการเผยแพร่ข้อมูลตามข้อ o13"."""
    fw = load_framework(2567)
    assert not fw.item("o13").text_th  # type: ignore[union-attr]
    (row,) = [r for r in _weak_rows(2567, {"o13"}) if "o13" in r.cited_codes]
    assert row.theme_id == "administration_plans"
    assert row.title_th == "การบริหารงานตามแผนและการรายงานผลการดำเนินงาน"
    # The items cell names the sub-indicator as the analysis does ("ตัวชี้วัดย่อยที่ ๙.๒").
    assert [line.text_th for line in row.item_lines] == [
        "(ตัวชี้วัดย่อยที่ ๙.๒ การบริหารงานและการใช้จ่ายงบประมาณ)"]
    text = " ".join((row.analysis_th, row.measure_th, *row.steps_th))
    for placeholder in ("ข้อมูลที่ข้อ", "ข้อมูลตามข้อ o", "ข้อมูลตามข้อ O", "E-Service"):
        assert placeholder not in text, (placeholder, text)
    assert ("ไม่ได้คะแนนข้อ o13 เนื่องจากไม่พบการเผยแพร่ข้อมูลด้านการบริหารงานและการใช้จ่าย"
            "งบประมาณ (ตัวชี้วัดย่อยที่ ๙.๒) บนเว็บไซต์ของหน่วยงาน") in row.analysis_th
    # Read printed: "ตรวจสอบรายการที่ข้อ o13 … ประเมินไว้ในคู่มือ" told the public that the
    # agency did not know what o13 asks; the step names what to do by its sub-indicator.
    assert ("{unit:planning} จัดทำและเผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงานให้ครบตามเกณฑ์การประเมิน"
            "ข้อ o13 (ตัวชี้วัดย่อยที่ ๙.๒ การบริหารงานและการใช้จ่ายงบประมาณ) ภายในไตรมาส ๑"
            ) in row.steps_th
    assert "คู่มือ" not in text and "ตรวจสอบรายการ" not in text


#: Every item of every framework year whose wording is not known, and the theme of its
#: (sub-)indicator it goes to: a new one must be placed (and this list told) on purpose.
UNKNOWN_WORDING = {(2567, "o13"): "administration_plans", (2568, "o7"): "administration_plans",
                   (2569, "o7"): "administration_plans"}


def test_every_item_whose_wording_is_unknown_goes_to_its_sub_indicators_theme() -> None:
    """OIT items (documents) by the list above; a survey item (IIT, EIT) whose wording is not
    known sits with every item of its indicator, so its row speaks of that indicator."""
    catalogue = load_catalogue()
    found = {}
    for year in (2564, 2565, 2566, 2567, 2568, 2569):
        fw = load_framework(year)
        themes = catalogue.themes_for(year)

        def theme_of(code: str, year: int = year, themes: tuple = themes) -> str:  # type: ignore[type-arg]
            (theme,) = [t.id for t in themes if code in t.items_for(year)]
            return theme

        for item in fw.items():
            if item.text_th:
                continue
            if item.code.startswith("o"):
                found[(year, item.code)] = theme_of(item.code)
                sub = fw.sub_indicator_of(item.code)
                assert sub is not None and sub.number == "9.2", (year, item.code)
            else:
                indicator = fw.indicator_of(item.code)
                assert indicator is not None
                assert {theme_of(i.code) for i in indicator.all_items()} == {
                    theme_of(item.code)}, (year, item.code)
    assert found == UNKNOWN_WORDING


def test_e_service_at_100_is_not_asked_for_and_brackets_are_not_doubled() -> None:
    """FY2569 O10 reads "…ออนไลน์ (E-Service)": a step names it "(E-Service) ตามข้อ o10";
    with O10 at 100 and O9 missing, no step asks to develop E-Service."""
    (row,) = [r for r in _weak_rows(2569, {"o10"}) if "o10" in r.cited_codes]
    assert any("(E-Service) ตามข้อ o10" in s for s in row.steps_th), row.steps_th
    assert not any(") (ข้อ" in s for s in row.steps_th)
    (row,) = [r for r in _weak_rows(2569, {"o9"}) if "o9" in r.cited_codes]
    assert not any("พัฒนาระบบ" in s or "E-Service" in s for s in row.steps_th), row.steps_th


def test_thai_and_latin_words_are_spaced_and_a_latin_phrase_is_said_once() -> None:
    from ita_report.item_names import once_per_cell

    assert spaced("จัดทำQ&A และSocial Network เผยแพร่E-Serviceบนเว็บไซต์") == (
        "จัดทำ Q&A และ Social Network เผยแพร่ E-Service บนเว็บไซต์")
    assert spaced("ข้อ O๑๗ และ ITA ไม่ต่ำกว่า") == "ข้อ O๑๗ และ ITA ไม่ต่ำกว่า"
    assert once_per_cell(["ประกาศนโยบาย No Gift Policy",
                          "การสร้างวัฒนธรรม No Gift Policy และรายงานผลตามนโยบาย No Gift Policy"]) == [
        "ประกาศนโยบาย No Gift Policy", "การสร้างวัฒนธรรมดังกล่าว และรายงานผลตามนโยบายดังกล่าว"]
    # FY2566: three No Gift Policy documents missing: the policy is written out once a cell.
    (row,) = [r for r in _weak_rows(2566, {"o31", "o32", "o33"}) if "o31" in r.cited_codes]
    for cell in (row.analysis_th, row.measure_th, "\n".join(row.steps_th)):
        assert cell.count("No Gift Policy") <= 1, cell


# -- issue 25 item 2: a verb per item -------------------------------------------------------------


@pytest.mark.parametrize("org_type", ["อบต.", "ส่วนกลาง"])
@pytest.mark.parametrize("year", [2564, 2565, 2566, 2567, 2568, 2569])
def test_no_step_asks_to_write_what_the_agency_only_publishes(
        catalogue: Catalogue, org_type: str, year: int) -> None:
    """Every OIT item of the year missing, for an อบต. and a กรม: an item the catalogue lists
    as published (oit_steps › published: its executives, its code of ethics) or provided
    (a channel, E-Service) is never in a step that says "จัดทำ"; each is in a step that says
    "เผยแพร่" or "จัดให้มี"."""
    fw = load_framework(year)
    steps_data = catalogue.oit_steps
    published = {c for y, c in steps_data.published if y == year}
    provided = {c for y, c in steps_data.provided if y == year}
    assert published and provided
    scores: dict[str, float | None] = {i.code: (0.0 if i.code.startswith("o") else 100.0)
                                       for i in fw.items()}
    rows = rows_for(assess(fw, org_id="x", scores=scores), fw, catalogue, org_type)
    cited = re.compile(r"ข้อ (o\d+)(?:–o(\d+))?")
    for code in sorted(published | provided):
        steps = [s for r in rows for s in r.steps_th
                 if any(_in_run(code, m) for m in cited.finditer(s))]
        assert steps, (year, code)
        for step in steps:
            verb = " เผยแพร่" if code in published else " จัดให้มี"
            assert "จัดทำ" not in step and verb in step, (code, step)
    # The reader's two lines, as an officer reads them now.
    text = "\n".join(s for r in rows for s in r.steps_th)
    if year == 2569:
        assert "เผยแพร่ประมวลจริยธรรมและผลการขับเคลื่อนจริยธรรมของหน่วยงาน (ข้อ o15)" in text
    if year == 2567:
        assert "จัดทำแผนผังโครงสร้างส่วนงาน (ข้อ o1)" in text
    assert "จัดทำโครงสร้าง " not in text and "จัดทำประมวลจริยธรรม" not in text


def _in_run(code: str, match: re.Match[str]) -> bool:
    """Whether ``code`` is the code, or inside the run (o11–o13), a step cites."""
    first = int(match.group(1)[1:])
    last = int(match.group(2)) if match.group(2) else first
    return first <= int(code[1:]) <= last


@pytest.mark.parametrize(("year", "zero"), [(2568, {"o10"}), (2566, {"o1", "o8", "o9", "o18"})])
def test_a_channel_missing_is_not_found_rather_than_not_published(
        year: int, zero: set[str]) -> None:
    """Read printed (an องค์การมหาชน, FY2568): "ไม่พบการเผยแพร่ E-Service" (a system is not
    published). English-named channels and systems are not found; documents not published."""
    text = " ".join(r.analysis_th for r in _weak_rows(year, zero))
    assert "ไม่พบระบบ E-Service บนเว็บไซต์" in text, text
    assert "เผยแพร่ E-Service" not in text and "เผยแพร่E-Service" not in text
    if year == 2566:
        assert "ไม่พบการเผยแพร่โครงสร้าง และไม่พบช่องทาง Q&A และช่องทาง Social Network" in text
