"""The theme catalogue: the seed's themes and notes come from data; overrides and errors."""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from pathlib import Path

import pytest

from ita_report.catalogue import (
    OVERRIDE_KEYS,
    Catalogue,
    Condition,
    LimitationRule,
    Theme,
    apply_overrides,
    load_catalogue,
)
from ita_report.errors import InputError
from ita_report.framework import Framework, available_years, load_framework
from ita_report.gaps import Assessment, assess

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "data" / "samples"

SEED_NOTES = (
    "ขาดบุคลากรที่มีความรู้ความสามารถด้านไอที",
    "เจ้าหน้าที่ที่เกี่ยวข้องไม่ให้ความร่วมมือในการให้ข้อมูลบนเว็บไซต์ของหน่วยงาน",
    "บุคลากรในหน่วยงานไม่เข้าใจถึงหน้าที่ที่ต้องร่วมมือเพื่อยกระดับคะแนน ITA",
)
SEED_THEMES = (
    "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
    "การให้บริการและระบบ E-Service",
    "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
    "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
    "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
    "กระบวนการควบคุมตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
    "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
)
YEARS = (2564, 2565, 2566, 2567, 2568, 2569)


def read_scores(path: Path) -> dict[str, float | None]:
    # Read directly: the real score loader is another module's job.
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: float(row["score"]) for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def fw2566() -> Framework:
    return load_framework(2566)


@pytest.fixture(scope="module")
def chaemae() -> dict[str, float | None]:
    return read_scores(SAMPLES / "chaemae-2566-scores.csv")


def all_items(framework: Framework, score: float) -> dict[str, float | None]:
    return {item.code: score for item in framework.items()}


def result(framework: Framework, scores: Mapping[str, float | None]) -> Assessment:
    items = {c: v for c, v in scores.items() if framework.item(c) or c.startswith("ind")}
    extra = {c: v for c, v in scores.items() if c not in items}
    return assess(framework, org_id="x", scores=items, extra=extra)


# -- loading ------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_the_seed_themes_come_first_in_its_order(catalogue: Catalogue, year: int) -> None:
    titles = [t.title_th for t in catalogue.themes_for(year)]
    assert tuple(titles[:7]) == SEED_THEMES


@pytest.mark.parametrize("year", YEARS)
def test_every_item_of_every_year_belongs_to_a_theme(catalogue: Catalogue, year: int) -> None:
    assert year in available_years()
    covered = {c for t in catalogue.themes_for(year) for c in t.items_for(year)}
    assert {i.code for i in load_framework(year).items()} <= covered


@pytest.mark.parametrize("year", YEARS)
def test_an_item_belongs_to_one_theme(catalogue: Catalogue, year: int) -> None:
    """One row per item: only an officer's override puts an item in two rows, as the sample's
    params do for o17 because the seed itself cites ๐๑๗ in its rows ๑ and ๒."""
    codes = [c for t in catalogue.themes_for(year) for c in t.items_for(year)]
    assert len(codes) == len(set(codes))
    if year == 2566:
        seed = (Path(__file__).parent / "fixtures" / "seed-chaemae-2566-measures.txt").read_text(
            encoding="utf-8").splitlines()
        first, second = [line for line in seed if line.startswith(("๑.", "๒.")) and "\t" in line]
        assert "๐๑๗" in first and "๐๑๗" in second


def test_a_catalogue_that_leaves_items_out_names_them(tmp_path: Path) -> None:
    text = (ROOT / "data" / "catalogue" / "themes.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "themes.yaml"
    broken.write_text(text.replace("    2569: [o16, o17, o18]\n", ""), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue(broken)
    message = str(caught.value)
    assert "2569" in message and '"o16 o17 o18"' in message
    assert "ไม่อยู่ในประเด็นใด" in message and "belong to no theme" in message


def test_a_step_tied_to_an_item_outside_its_theme_is_refused(tmp_path: Path) -> None:
    """Ties are data the reader checks: O10 of FY2566 is not an anti-corruption plan item."""
    text = (ROOT / "data" / "catalogue" / "themes.yaml").read_text(encoding="utf-8")
    tie = "items: {2564-2565: [o39], 2566: [o36],"
    assert tie in text
    broken = tmp_path / "themes.yaml"
    broken.write_text(text.replace(tie, "items: {2564-2565: [o39], 2566: [o10],"),
                      encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue(broken)
    message = str(caught.value)
    assert "anti_corruption_plan" in message and "items.2566" in message and "o10" in message
    assert "ไม่อยู่ในประเด็นนี้ของปีนั้น" in message and "not in the theme that year" in message


@pytest.mark.parametrize("year", YEARS)
def test_every_theme_has_both_variants_complete(catalogue: Catalogue, year: int) -> None:
    themes = catalogue.themes_for(year)
    assert themes
    for theme in themes:
        assert theme.items_for(year)
        for variant in (theme.below_target, theme.all_passing):
            assert variant.measure_th and variant.quarter_th and variant.unit_th
            assert variant.steps_th and all(variant.steps_th)


@pytest.mark.parametrize("year", YEARS)
def test_theme_items_exist_in_the_years_framework(catalogue: Catalogue, year: int) -> None:
    framework = load_framework(year)
    for theme in catalogue.themes_for(year):
        for code in theme.items_for(year):
            assert framework.item(code) is not None or code in theme.extra_items, (theme.id, code)


def test_theme_ids_are_unique_slugs(catalogue: Catalogue) -> None:
    ids = [t.id for t in catalogue.themes]
    assert len(ids) == len(set(ids))
    assert all(i.isascii() and i == i.lower() for i in ids)


def test_seed_wording_is_kept_and_agency_named_only_by_placeholder(catalogue: Catalogue) -> None:
    themes = {t.id: t for t in catalogue.themes_for(2566)}
    # The seed's measure, in plainer Thai ("ติดประกาศ ณ จุดให้บริการ", not "ประชาสัมพันธ์ยังจุด…");
    # the sample's params keep its officer's own words.
    assert themes["work_process"].below_target.measure_for({"EIT"}).startswith(
        "ปรับปรุงการปฏิบัติงานของเจ้าหน้าที่ให้เป็นไปตามขั้นตอนและระยะเวลาที่กำหนด"
    )
    sample = (ROOT / "params" / "chaemae-2566.yaml").read_text(encoding="utf-8")
    assert "ประชาสัมพันธ์ยังจุดให้บริการประชาชน" in sample
    assert "{short_name}" in themes["information_disclosure"].all_passing.findings[-1].text
    assert themes["information_disclosure"].all_passing.quarter_th == "ไตรมาส ๒"
    assert themes["state_assets"].below_target.unit_th == "{unit:procurement}"
    assert themes["state_assets"].below_target.recommendation_th.startswith("จึงควรทบทวนแนวปฏิบัติ")
    budget = themes["budget_procurement"].below_target.recommendation_th
    assert "<p>" not in budget and "  " not in budget and "\n" not in budget
    assert "อินโฟกราฟิก" in budget and budget.endswith("เกิดประโยชน์สูงสุดต่อประชาชน")
    assert len(budget) < 400  # the seed's 900-character paragraph stays with its officer
    steps = " ".join(themes["anti_corruption"].below_target.steps_th)
    assert "{next_fiscal_year}" in steps and "{org_name}" in steps
    assert themes["authority_personnel"].below_target.quarter_th == "ไตรมาส ๑–๔"
    for theme in catalogue.themes:
        for variant in (theme.below_target, theme.all_passing):
            for text in (variant.measure_th, variant.finding_th, *variant.steps_th):
                assert "แฉะแม" not in text and "๒๕๖" not in text, text
            # Steps are numbered by the renderer, never in the data.
            assert not any(step[:1].isdigit() for step in variant.steps_th)


#: Slips of the seed document that the catalogue must not copy into every agency's document.
SEED_TYPOS = ("ความพึงพอใจการ\n", "อย่างทั่ว\n", "ให้เป็นไปตัวชี้วัด")


def test_the_seeds_typing_slips_are_not_in_the_catalogue() -> None:
    text = (ROOT / "data" / "catalogue" / "themes.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("#")]
    body = "".join(lines)
    for slip in SEED_TYPOS:
        assert slip not in body, slip
    assert "i37" not in body and "i48" not in body  # the sample's own items live in its params


#: Words of one kind of agency that must never reach another kind's document.
MUNICIPAL_WORDS = ("พนักงานเทศบาล", "นายกเทศมนตรี", "สภาเทศบาล", "เทศบาล", "กองการศึกษาฯ",
                   "กองสาธารณสุขฯ")


def test_catalogue_texts_name_people_and_units_only_through_placeholders(
    catalogue: Catalogue,
) -> None:
    for theme in catalogue.themes:
        for variant in (theme.below_target, theme.all_passing):
            texts = (variant.measure_th, variant.finding_th, variant.recommendation_th,
                     variant.unit_th, *variant.steps_th)
            for text in texts:
                for word in (*MUNICIPAL_WORDS, "อำเภอ", "สำนักปลัด", "กองคลัง", "กองช่าง"):
                    assert word not in text, (theme.id, word, text)


def test_by_year_wording_replaces_variants_for_that_year_only(tmp_path: Path) -> None:
    text = (ROOT / "data" / "catalogue" / "themes.yaml").read_text(encoding="utf-8")
    patched = text.replace(
        "- id: state_assets\n",
        "- id: state_assets\n  by_year:\n    2567:\n      below_target:\n"
        "        measure_th: มาตรการเฉพาะปี ๒๕๖๗\n",
    )
    path = tmp_path / "themes.yaml"
    path.write_text(patched, encoding="utf-8")
    catalogue = load_catalogue(path)
    in_2566 = {t.id: t for t in catalogue.themes_for(2566)}["state_assets"]
    in_2567 = {t.id: t for t in catalogue.themes_for(2567)}["state_assets"]
    assert in_2567.below_target.measure_th == "มาตรการเฉพาะปี ๒๕๖๗"
    assert in_2566.below_target.measure_th != in_2567.below_target.measure_th
    # Fields a year does not rewrite keep the theme's default.
    assert in_2567.below_target.unit_th == in_2566.below_target.unit_th


def test_year_without_items_leaves_theme_out(catalogue: Catalogue) -> None:
    # No FY2568 item is known to be the measures document: that theme is not in FY2568.
    assert "ita_measures" not in [t.id for t in catalogue.themes_for(2568)]
    assert "ita_measures" in [t.id for t in catalogue.themes_for(2569)]
    assert catalogue.themes_for(2599) == ()


# -- sample data --------------------------------------------------------------------------------


def test_chaemae_sample_agrees_with_every_number_the_seed_states(
    chaemae: dict[str, float | None], fw2566: Framework
) -> None:
    assert set(chaemae) == {i.code for i in fw2566.items()} | {"i37", "i48"}
    assert chaemae["e1"] == 84.77
    assert chaemae["o17"] == 0 and chaemae["o32"] == 0
    assert math.fsum(chaemae[f"o{n}"] or 0 for n in range(1, 11)) / 10 == 100
    below = {"e1", "o17", "o32", "i14", "i15", "i19", "i20", "i27", "i37", "i48"}
    below |= {f"i{n}" for n in range(25, 31)}
    assert {c for c, v in chaemae.items() if v is not None and v < 85} == below


def test_sample_files_share_one_agency_and_year_each() -> None:
    for name, org, year in (
        ("chaemae-2566-scores.csv", "chaemae", "2566"),
        ("other-2567-scores.csv", "sample-tambon", "2567"),
    ):
        with (SAMPLES / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert list(rows[0]) == ["org_id", "org_name", "fiscal_year", "code", "score"]
        assert {(r["org_id"], r["fiscal_year"]) for r in rows} == {(org, year)}


# -- limitation rules ---------------------------------------------------------------------------


def test_the_seeds_scores_support_none_of_its_notes_by_rule(
    catalogue: Catalogue, chaemae: dict[str, float | None], fw2566: Framework
) -> None:
    # Two OIT zeros in two places and a staff survey that passes overall: no rule speaks. The
    # seed's three notes are its officer's own, written in the sample's params.
    assert catalogue.limitations_for(result(fw2566, chaemae), fw2566) == ()
    sample = (ROOT / "params" / "chaemae-2566.yaml").read_text(encoding="utf-8")
    assert all(note in sample for note in SEED_NOTES)


def test_no_rule_blames_people_or_makes_excuses(catalogue: Catalogue) -> None:
    for rule in catalogue.limitation_rules:
        for unfair in ("ไม่ให้ความร่วมมือ", "ไม่เข้าใจ", "ขาดบุคลากร", "ภาระงาน"):
            assert unfair not in rule.text_th, (rule.id, unfair)


def test_one_missing_file_is_not_a_pattern(catalogue: Catalogue, fw2566: Framework) -> None:
    one = catalogue.limitations_for(result(fw2566, all_items(fw2566, 100.0) | {"o10": 0.0}),
                                    fw2566)
    assert one == ()
    spread = all_items(fw2566, 100.0) | {"o10": 0.0, "o17": 0.0, "o21": 0.0, "o27": 0.0}
    notes = catalogue.limitations_for(result(fw2566, spread), fw2566)
    assert notes and "ปฏิทินการจัดทำข้อมูลเผยแพร่บนเว็บไซต์" in notes[0]


def test_second_sample_gets_its_own_notes(catalogue: Catalogue) -> None:
    fw = load_framework(2567)
    notes = catalogue.limitations_for(result(fw, read_scores(SAMPLES / "other-2567-scores.csv")),
                                      fw)
    assert any("ปฏิทินการจัดทำข้อมูลเผยแพร่บนเว็บไซต์" in n for n in notes)  # o11–o24 at zero
    assert not any("บทบาทและหน้าที่" in n for n in notes)  # the staff survey passes
    assert any("ประชาชน" in n for n in notes)  # EIT communication below target


def test_a_staff_survey_under_target_gives_the_staff_note(catalogue: Catalogue) -> None:
    fw = load_framework(2569)
    weak = catalogue.limitations_for(result(fw, all_items(fw, 100.0) | {
        f"i{n}": 60.0 for n in range(1, 31)}), fw)
    assert any("บทบาทและหน้าที่" in n for n in weak)
    # Five items under target in a survey that passes overall is no such pattern.
    fine = catalogue.limitations_for(result(fw, all_items(fw, 100.0) | {
        f"i{n}": 80.0 for n in range(1, 6)}), fw)
    assert not any("บทบาทและหน้าที่" in n for n in fine)


@pytest.mark.parametrize("year", YEARS)
def test_no_two_limitations_say_the_same(catalogue: Catalogue, year: int) -> None:
    """The reader's provincial office (FY2566, most OIT documents missing) was printed
    "ยังไม่มีการกำหนดผู้รับผิดชอบและปฏิทินการจัดทำข้อมูลเผยแพร่…" and "ยังไม่มีการกำหนด
    ปฏิทินการจัดทำและเผยแพร่ข้อมูลด้านการป้องกันการทุจริต…": one limitation says both."""
    fw = load_framework(year)
    every_oit_zero = all_items(fw, 60.0) | {i.code: 0.0 for i in fw.items()
                                            if i.code.startswith("o")}
    notes = catalogue.limitations_for(result(fw, every_oit_zero), fw)
    calendars = [n for n in notes if "ปฏิทิน" in n]
    assert calendars == [
        "ยังไม่มีการกำหนดผู้รับผิดชอบและปฏิทินการจัดทำและเผยแพร่ข้อมูลบนเว็บไซต์ที่ชัดเจน"
        " ทั้งข้อมูลการดำเนินงานของหน่วยงานและข้อมูลด้านการป้องกันการทุจริต"
        " ทำให้ข้อมูลบางรายการไม่ครบถ้วนหรือเผยแพร่ไม่ต่อเนื่อง"], notes
    # Either alone still gets its own.
    only_9 = all_items(fw, 100.0) | {c: 0.0 for c in ("o1", "o2", "o3")}
    only_9 |= {c: 0.0 for c in [i.code for i in fw.items() if i.code.startswith("o")][8:11]}
    alone = [n for n in catalogue.limitations_for(result(fw, only_9), fw) if "ปฏิทิน" in n]
    assert alone and "ด้านการป้องกันการทุจริต" not in alone[0]


@pytest.mark.parametrize("year", YEARS)
def test_no_limitation_says_the_basic_information_is_missing_when_it_passed(
        catalogue: Catalogue, year: int) -> None:
    """Read printed (an อบต., FY2569): the first four OIT items (the agency's basic information)
    at 100 and most others at 0; its one limitation said the calendar lacked "ข้อมูลทั่วไปของ
    หน่วยงาน", which had all been published."""
    fw = load_framework(year)
    oit = [i.code for i in fw.items() if i.code.startswith("o")]
    scores = all_items(fw, 95.0) | {c: 0.0 for c in oit[4:]} | {c: 100.0 for c in oit[:4]}
    notes = catalogue.limitations_for(result(fw, scores), fw)
    assert notes and not any("ข้อมูลทั่วไป" in n or "ข้อมูลพื้นฐาน" in n for n in notes), notes


def test_unless_names_a_rule_that_exists(tmp_path: Path) -> None:
    from ita_report.catalogue.reader import default_path

    text = default_path().read_text(encoding="utf-8").replace(
        "unless: [website_and_anti_corruption_calendar]", "unless: [no_such_rule]", 1)
    bad = tmp_path / "themes.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="no limitation rule has this id"):
        load_catalogue(bad)


@pytest.mark.parametrize("year", YEARS)
def test_all_passing_agency_gets_no_rule_note(catalogue: Catalogue, year: int) -> None:
    framework = load_framework(year)
    assert catalogue.limitations_for(result(framework, all_items(framework, 100.0)),
                                     framework) == ()
    assert catalogue.limitations_for(result(framework, all_items(framework, 85.0)),
                                     framework) == ()


def test_missing_scores_never_count_as_zero(catalogue: Catalogue, fw2566: Framework) -> None:
    spread = all_items(fw2566, 100.0) | {"o10": None, "o17": None, "o21": 0.0}
    assert catalogue.limitations_for(result(fw2566, spread), fw2566) == ()
    assert catalogue.limitations_for(result(fw2566, {}), fw2566) == ()


def test_condition_vocabulary(fw2566: Framework) -> None:
    scores: Mapping[str, float | None] = all_items(fw2566, 90.0) | {
        "i25": 70.0,
        "i26": 70.0,
        "i27": 70.0,
        "i28": 70.0,
        "o5": 0.0,
    }
    a = result(fw2566, scores)
    zero_oit = Condition(test="items_at_zero_at_least", tool="OIT", count=1)
    three_iit = Condition(test="items_below_target_at_least", tool="IIT", count=3)
    five_iit = Condition(test="items_below_target_at_least", tool="IIT", count=5)
    spread = Condition(test="items_below_target_at_least", tool="IIT", count=3, groups=2)
    ind5 = Condition(test="below_target", indicator=5)
    ind1 = Condition(test="below_target", indicator=1)
    listed = Condition(test="below_target", items=("i25", "i26"))
    assert zero_oit.holds(a, fw2566)
    assert three_iit.holds(a, fw2566) and not five_iit.holds(a, fw2566)
    assert not spread.holds(a, fw2566)  # all four in indicator 5
    assert ind5.holds(a, fw2566) and not ind1.holds(a, fw2566)
    assert listed.holds(a, fw2566)
    # Indicator 9 is the mean of its sub-indicators: one 0 in 9.1 (10 items) lowers 9.1 to 90.
    assert not Condition(test="below_target", indicator=9).holds(a, fw2566)
    any_rule = LimitationRule("x", "x", (five_iit, zero_oit), mode="any")
    all_rule = LimitationRule("x", "x", (five_iit, zero_oit), mode="all")
    assert any_rule.applies(a, fw2566) and not all_rule.applies(a, fw2566)


def test_an_indicator_level_score_file_triggers_indicator_rules(catalogue: Catalogue) -> None:
    fw2564 = load_framework(2564)
    condition = Condition(test="below_target", indicator=2)
    given: dict[str, float | None] = {f"ind{n}": 90.0 for n in range(1, 11)}
    low = assess(fw2564, org_id="p", scores=given | {"ind2": 70.0})
    high = assess(fw2564, org_id="p", scores=given)
    assert condition.holds(low, fw2564) and not condition.holds(high, fw2564)
    notes = catalogue.limitations_for(low, fw2564)
    assert any("กระบวนการงบประมาณ" in n for n in notes)



def test_an_indicator_level_score_file_puts_the_indicator_note_in_the_document(
    tmp_path: Path,
) -> None:
    # A province's published result: scores per indicator, none per item. Indicator 2 under
    # target is the budget rule's pattern, so its note reaches the document's ข้อจำกัด.
    from ita_report.params import load_params
    from ita_report.report import build_document, limitations_html

    params = tmp_path / "ind-only-2564.yaml"
    scores = FIXTURES / "scores_indicator_level_ind2_below_target.csv"
    params.write_text(
        "org_id: ind-only\norg_name: เทศบาลตำบลตัวชี้วัด\nshort_name: ทต.ตัวชี้วัด\n"
        f"fiscal_year: 2564\nscores_file: {scores}\n",
        encoding="utf-8",
    )
    doc = build_document(load_params(params))
    assert doc.assessment.indicator_level_only
    rules = load_catalogue().limitation_rules
    budget = next(r.text_th for r in rules if r.id == "budget_not_shared")
    assert budget in doc.limitations
    assert budget in limitations_html(doc)
    # Only the pattern the scores show: indicator 7 passes, so the channels note stays out.
    assert not any("ช่องทางการติดต่อสื่อสาร" in note for note in doc.limitations)

# -- overrides ------------------------------------------------------------------------------------


def _ids(themes: tuple[Theme, ...]) -> list[str]:
    return [t.id for t in themes]


def test_theme_level_override_changes_both_variants(catalogue: Catalogue) -> None:
    themes = catalogue.themes_for(2566)
    out = apply_overrides(
        themes,
        {
            "state_assets": {
                "measure_th": "มาตรการใหม่",
                "steps_th": ["ขั้นที่หนึ่ง", "ขั้นที่สอง"],
                "quarter_th": "ไตรมาส ๒",
                "unit_th": "กองคลัง",
                "title_th": "ทรัพย์สินของราชการ",
            }
        },
        [],
        2566,
    )
    theme = {t.id: t for t in out}["state_assets"]
    assert theme.title_th == "ทรัพย์สินของราชการ"
    for variant in (theme.below_target, theme.all_passing):
        assert variant.measure_th == "มาตรการใหม่"
        assert variant.steps_th == ("ขั้นที่หนึ่ง", "ขั้นที่สอง")
        assert (variant.quarter_th, variant.unit_th) == ("ไตรมาส ๒", "กองคลัง")
    # Untouched fields keep the catalogue's text.
    original = {t.id: t for t in themes}["state_assets"]
    assert theme.below_target.recommendation_th == original.below_target.recommendation_th
    assert _ids(out) == _ids(themes)


def test_variant_override_items_and_finding(catalogue: Catalogue) -> None:
    themes = catalogue.themes_for(2566)
    out = apply_overrides(
        themes,
        {
            "budget_procurement": {
                "items": ["i7", "ข้อ i ๘", "i12"],
                "below_target": {"unit_th": "กองคลัง", "finding_th": ""},
            }
        },
        [],
        2566,
    )
    theme = {t.id: t for t in out}["budget_procurement"]
    assert theme.items_for(2566) == ("i7", "i8", "i12")
    assert theme.below_target.unit_th == "กองคลัง"
    assert theme.all_passing.unit_th == "{unit:planning}/{unit:procurement}"
    assert theme.items_for(2567) == catalogue.theme("budget_procurement").items_for(2567)


def test_drop_and_add_themes(catalogue: Catalogue) -> None:
    themes = catalogue.themes_for(2566)
    added: list[Mapping[str, object]] = [
        {
            "id": "website_training",
            "title_th": "การพัฒนาผู้ดูแลเว็บไซต์",
            "items": ["o27", "o28"],
            "measure_th": "ปรับปรุงช่องทางร้องเรียน",
            "steps_th": ["ทบทวนแนวปฏิบัติ"],
            "quarter_th": "ไตรมาส ๒",
            "unit_th": "สำนักปลัด",
        },
        {
            "title_th": "ประเด็นที่สอง",
            "items": ["i1"],
            "below_target": {
                "measure_th": "ปรับปรุง",
                "steps_th": "ขั้นเดียว",
                "quarter_th": "ไตรมาส ๑",
                "unit_th": "สำนักปลัด",
            },
        },
    ]
    out = apply_overrides(themes, {"e_service": {"drop": True}}, added, 2566)
    assert _ids(out) == [t.id for t in themes if t.id != "e_service"] + [
        "website_training",
        "added_2",
    ]
    complaints, second = out[-2], out[-1]
    assert complaints.items_for(2566) == ("o27", "o28")
    assert complaints.below_target == complaints.all_passing
    # Only one variant given: it serves both.
    assert second.all_passing.measure_th == "ปรับปรุง"
    assert second.below_target.steps_th == ("ขั้นเดียว",)


def test_no_overrides_return_the_themes_unchanged(catalogue: Catalogue) -> None:
    themes = catalogue.themes_for(2567)
    assert apply_overrides(themes, {}, [], 2567) == themes


def test_unknown_override_key_is_named_with_the_valid_ones(catalogue: Catalogue) -> None:
    with pytest.raises(InputError) as caught:
        apply_overrides(
            catalogue.themes_for(2566),
            {"state_assets": {"colour": "แดง"}},
            [],
            2566,
            source="params/chaemae-2566.yaml",
        )
    message = str(caught.value)
    assert "colour" in message and "params/chaemae-2566.yaml" in message
    assert all(key in message for key in OVERRIDE_KEYS)
    assert "ไม่รู้จักหัวข้อนี้" in message and "unknown field" in message


def test_unknown_theme_id_is_named_with_the_valid_ones(catalogue: Catalogue) -> None:
    themes = catalogue.themes_for(2566)
    with pytest.raises(InputError) as caught:
        apply_overrides(themes, {"assets": {"unit_th": "กองคลัง"}}, [], 2566)
    message = str(caught.value)
    assert "assets" in message and "ไม่มีประเด็น" in message and "no theme" in message
    assert all(t.id in message for t in themes)


def test_bad_override_values_are_reported(catalogue: Catalogue) -> None:
    themes = catalogue.themes_for(2566)
    with pytest.raises(InputError) as caught:
        apply_overrides(
            themes,
            {"state_assets": {"items": ["x9"], "measure_th": 5, "unit_th": "{boss}"}},
            [{"title_th": "ขาดมาตรการ", "items": ["i1"]}],
            2566,
        )
    message = str(caught.value)
    assert "x9" in message and "measure_th" in message and "{boss}" in message
    assert "added_themes[1]" in message and "quarter_th" in message
    assert len(caught.value.problems) >= 4


def test_known_codes_reject_codes_outside_the_year(catalogue: Catalogue, fw2566: Framework) -> None:
    with pytest.raises(InputError, match="i99"):
        apply_overrides(
            catalogue.themes_for(2566),
            {"state_assets": {"items": ["i19", "i99"]}},
            [],
            2566,
            known_codes=fw2566.known_codes() | {"i37", "i48"},
        )


# -- broken catalogue files ---------------------------------------------------------------------


def test_missing_variant_names_theme_and_field() -> None:
    with pytest.raises(InputError) as caught:
        load_catalogue(FIXTURES / "catalogue_missing_variant.yaml")
    message = str(caught.value)
    assert "catalogue_missing_variant.yaml" in message
    assert "state_assets" in message
    assert "all_passing" in message and "below_target › unit_th" in message


def test_item_outside_framework_names_theme_year_and_code() -> None:
    with pytest.raises(InputError) as caught:
        load_catalogue(FIXTURES / "catalogue_unknown_item.yaml")
    message = str(caught.value)
    assert "budget_procurement" in message and "items.2566" in message and "i37" in message
    assert "extra_items" in message
    assert "i7" not in message.replace("i37", "")


def test_bad_rules_and_duplicates_are_all_reported() -> None:
    with pytest.raises(InputError) as caught:
        load_catalogue(FIXTURES / "catalogue_bad_rule.yaml")
    message = str(caught.value)
    assert "limitation vague" in message and "exactly one test" in message
    assert "limitation wrong_tool" in message and "XIT" in message
    assert "theme state_assets" in message and "used twice" in message
    assert "{agency}" in message and "leading number" in message


def test_missing_file_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_catalogue(tmp_path / "nope.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("themes:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="line"):
        load_catalogue(broken)


def test_params_overrides_apply_to_a_years_themes(catalogue: Catalogue) -> None:
    from ita_report.catalogue import apply_overrides

    year = catalogue.themes_for(2567)
    themes = apply_overrides(
        year, {"anti_corruption": {"unit_th": "พนักงานส่วนตำบล"}}, [], 2567, source="p.yaml"
    )
    theme = {t.id: t for t in themes}["anti_corruption"]
    assert theme.below_target.unit_th == theme.all_passing.unit_th == "พนักงานส่วนตำบล"
    with pytest.raises(InputError, match=r"p\.yaml"):
        apply_overrides(year, {"nope": {"drop": True}}, [], 2567, source="p.yaml")


def test_variant_by_year_and_records_are_frozen(catalogue: Catalogue) -> None:
    theme = catalogue.theme("e_service")
    assert theme.variant(False) is theme.below_target
    assert theme.variant(True, 2567) == catalogue.themes_for(2567)[1].all_passing
    budget = catalogue.theme("budget_procurement")
    hash(budget)  # usable as a key although it carries item wording
    with pytest.raises(TypeError):
        budget.item_texts["i37"] = "แก้ไม่ได้"  # type: ignore[index]


def test_agency_types_fill_every_word_and_refuse_what_they_cannot_read() -> None:
    from ita_report.catalogue import UNIT_KEYS, load_agency_types

    types = load_agency_types()
    for kind in types.types:
        assert set(kind.units) == set(UNIT_KEYS)
        if kind.id != "town_municipality" and kind.id.endswith("municipality") is False:
            assert not any(w in " ".join(kind.values().values()) for w in MUNICIPAL_WORDS), kind.id
    assert types.resolve("", "องค์การบริหารส่วนตำบลบ้านนา").id == "subdistrict_administration"
    assert types.resolve("ทต.", "เทศบาลตำบลนาดี").id == "subdistrict_municipality"
    assert types.resolve("", "กรมส่งเสริมการปกครองท้องถิ่น").id == "central_agency"
    assert types.resolve("", "สำนักงานทดสอบ").id == "other"
    pao = types.resolve("อบจ.", "องค์การบริหารส่วนจังหวัดขอนแก่น")
    assert pao.place_text("อำเภอเมืองขอนแก่น", "ขอนแก่น") == "จังหวัดขอนแก่น"
    with pytest.raises(InputError, match="org_type"):
        types.resolve("บริษัท", "บริษัทตัวอย่าง")
    with pytest.raises(InputError) as caught:
        types.resolve("อบต.", "เทศบาลเมืองแฉะแม่")
    assert "ไม่ตรงกับชื่อหน่วยงาน" in str(caught.value) and "ทม." in str(caught.value)


def test_the_document_form_wording_is_data_and_is_checked_on_load(tmp_path: Path) -> None:
    from ita_report.catalogue.form import default_path, load_form_wording

    wording = load_form_wording()
    assert wording.forms["announcement"]["heading_th"] == "ประกาศ{org_name}"
    # An officer's edit with a mistyped placeholder and an unknown key: both named, with the file.
    broken = tmp_path / "document_form.yaml"
    text = default_path().read_text(encoding="utf-8")
    broken.write_text(text.replace("ประกาศ{org_name}", "ประกาศ{org_nmae}", 1)
                      .replace("  closing_th: จึง", "  closng_th: x\n  closing_th: จึง", 1),
                      encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_form_wording(broken)
    said = caught.value.render()
    assert "document_form.yaml" in said and "{org_nmae}" in said and "closng_th" in said


#: Themes that start like a framework name but cover more than it (the risk assessment and
#: what is done about the risks): their titles are theirs, not a renaming of the item.
_BROADER_THEMES = {"corruption_risk"}


@pytest.mark.parametrize("year", YEARS)
def test_theme_titles_use_the_years_own_words(catalogue: Catalogue, year: int) -> None:
    """A theme named like an indicator, sub-indicator or item of the year says it the way that
    year's framework does: FY2569's o25 is "…ไปสู่การพัฒนาองค์กร", so the theme is too (it
    printed "…การพัฒนาหน่วยงาน" beside it)."""
    def shared_start(a: str, b: str) -> int:
        return next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                    min(len(a), len(b)))

    fw = load_framework(year)
    names = [i.text_th for i in fw.items() if i.text_th]
    for tool in fw.tools:
        for ind in tool.indicators:
            names += [ind.name_th, *(s.name_th for s in ind.sub_indicators)]
    for theme in catalogue.themes_for(year):
        if theme.id in _BROADER_THEMES:
            continue
        for name in names:
            if shared_start(theme.title_th, name) >= 15:
                assert name in theme.title_th or theme.title_th in name, (theme.title_th, name)
    titles = {t.id: t.title_th for t in catalogue.themes_for(year)}
    if year == 2569:
        assert titles["ita_measures"] == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
        assert titles["participation"] == "การเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน"
