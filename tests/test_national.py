"""Every agency of a national year gets a document that answers every gap, in its own words.

Builds the measures table (no kernel) for each of the 8,300 synthetic agencies in every fiscal
year, and for hand-made very weak agencies of every type, and checks what an assessor would:
every item under target is named and analysed in a row; no row contradicts its scores; no seed
typo; no municipal word in the document of an agency that is not a municipality.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pytest

from ita_report.catalogue import Catalogue, load_agency_types, load_catalogue
from ita_report.framework import Framework, available_years, load_framework
from ita_report.gaps import Status, assess
from ita_report.measures import MeasureRow, Wording, build_rows
from ita_report.params import ReportParams
from ita_report.report import placeholder_values
from ita_report.synth import make_agencies, make_scores
from ita_report.thai import digits

MUNICIPAL = ("เทศบาล", "นายกเทศมนตรี", "กองการศึกษาฯ", "กองสาธารณสุขฯ")
LATIN_THEN_THAI = re.compile("[A-Za-z][\u0e01-\u0e4e]")
SEED_TYPOS = (re.compile(r"ความพึงพอใจการ(?!ให้บริการ)"), re.compile(r"อย่างทั่ว(?!ถึง)"),
              re.compile("ให้เป็นไปตัวชี้วัด"))
ALL_YEAR = re.compile("ทุกไตรมาส|ทุกเดือน|ประจำเดือน|อย่างสม่ำเสมอ|ตลอดปี")


def _quarters(text: str) -> list[int]:
    """The quarters a text names ("ไตรมาส ๑ … ไตรมาส ๓": [1, 3]), Thai or Arabic digits."""
    arabic = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    return [int(q) for q in re.findall("ไตรมาส\\s*([1-4])", arabic)]


TYPES = ("ทน.", "ทม.", "ทต.", "อบต.", "อบจ.", "ส่วนกลาง", "ส่วนภูมิภาค", "อื่น ๆ")


def _texts(rows: Iterable[MeasureRow]) -> str:
    return "\n".join(
        " ".join((r.title_th, r.analysis_th, r.measure_th, *r.steps_th, r.quarter_th, r.unit_th,
                  *(line.text_th for line in r.item_lines)))
        for r in rows
    )


def check_document(rows: tuple[MeasureRow, ...], weak: set[str], scores: dict[str, float | None],
                   org_type: str, target: float = 85.0, units: Sequence[str] = ()) -> None:
    """The checks an assessor reading the document would make (``units``: the agency's unit
    names, shortest first)."""
    named = {c for r in rows if r.kind != "passing" for c in r.cited_codes}
    assert weak <= named, sorted(weak - named)
    for row in rows:
        for item in row.items:
            score = scores.get(item.code)
            if row.all_passing:
                assert score is not None and score >= target, (row.theme_id, item.code, score)
            else:
                assert score is not None and score < target, (row.theme_id, item.code, score)
                assert item.status in (Status.BELOW, Status.ZERO)
        if not row.all_passing:
            assert "ต่ำกว่า" in row.analysis_th or "ไม่ได้คะแนน" in row.analysis_th
            assert "ผ่านเกณฑ์" not in row.analysis_th and "เฉลี่ย ๑๐๐" not in row.analysis_th
        assert row.steps_th and row.measure_th and row.quarter_th and row.unit_th
    text = _texts(rows)
    assert "{" not in text and "}" not in text, text[:200]
    for typo in SEED_TYPOS:
        assert not typo.search(text), typo.pattern
    # A Latin word and the Thai after it are apart ("ข้อคำถาม ITA ไม่ต่ำกว่า"); a code's
    # letter and its Thai digits are one (o๑๗).
    glued = LATIN_THEN_THAI.search(text)
    assert glued is None, text[max(0, glued.start() - 40) : glued.end() + 20]
    if org_type not in ("ทน.", "ทม.", "ทต."):
        for word in MUNICIPAL:
            assert word not in text, (org_type, word)
    if org_type == "อบจ.":
        assert "อำเภอ" not in text
    # The timing column never contradicts a step done all year, nor runs past the last step
    # when every step says when it is due.
    for row in rows:
        if any("ทุกไตรมาส" in step or "ทุกเดือน" in step for step in row.steps_th):
            assert row.quarter_th == "ไตรมาส ๑–๔", (row.number, row.quarter_th)
        elif not any(ALL_YEAR.search(step) for step in row.steps_th) and all(
                _quarters(step) for step in row.steps_th):
            last = max(q for step in row.steps_th for q in _quarters(step))
            assert max(_quarters(row.quarter_th.replace("–", " ไตรมาส "))) == last, (
                row.number, row.quarter_th, row.steps_th)
    # A step that opens with a unit gives that unit work: the unit column names it (or the
    # office it belongs to).
    for row in rows:
        listed = row.unit_th.split("/")
        for step in row.steps_th:
            opens = [u for u in units if step.startswith(u + " ")]
            for unit in opens[-1:]:
                assert any(unit == name or unit.endswith(" " + name) for name in listed), (
                    row.number, unit, row.unit_th)


def _wording(catalogue: Catalogue, year: int, org_id: str, org_name: str, short: str,
             org_type: str, province: str) -> Wording:
    params = ReportParams.model_construct(
        org_id=org_id, org_name=org_name, short_name=short, org_type=org_type,
        district="อำเภอเมือง", province=province, fiscal_year=year, scores_file="-",
        target=85.0, thai_digits=True, extra_codes=(), theme_overrides={}, added_themes=(),
        limitations=(), derive_limitations=True, units={}, vocabulary={}, framework_file="",
        base_dir=".",
    )
    kind = load_agency_types().resolve(org_type, org_name)
    return Wording(short, placeholder_values(params, kind), True)


def _units(wording: Wording) -> list[str]:
    """The agency's unit names (what ``{unit:…}`` becomes), shortest first."""
    names = {v for k, v in wording.values.items() if k.startswith("unit:") and k != "unit:all"}
    return sorted(names, key=len)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.mark.slow
@pytest.mark.parametrize("year", available_years())
def test_every_synthetic_agency_has_every_gap_answered(catalogue: Catalogue, year: int) -> None:
    rng = np.random.default_rng(year)
    agencies = make_agencies(8300, rng)
    frame = make_scores(agencies, year, step=year - 2566, rng=rng)
    fw = load_framework(year)
    codes = [i.code for i in fw.items()]
    themes = catalogue.themes_for(year)
    values = frame[codes].to_numpy(dtype=float)
    wordings: dict[str, Wording] = {}
    answered = 0
    for n, agency in enumerate(agencies.itertuples()):
        scores: dict[str, float | None] = dict(zip(codes, values[n].tolist(), strict=True))
        result = assess(fw, org_id=agency.org_id, scores=scores)
        kind = str(agency.org_type)
        if kind not in wordings:  # the words differ by type; the name only in short_name
            wordings[kind] = _wording(catalogue, year, str(agency.org_id), str(agency.org_name),
                                      str(agency.short_name), kind, str(agency.province))
        rows = build_rows(result, fw, themes, catalogue, wordings[kind])
        weak = {i.code for i in result.items_below_target}
        check_document(rows, weak, scores, kind, units=_units(wordings[kind]))
        check_officer_text(rows, scores, fw, catalogue, wordings[kind], year)
        answered += len(weak)
    assert answered > 8300  # the synthetic year has gaps to answer


def _weak_scores(fw: Framework, level: str) -> dict[str, float | None]:
    if level == "zero":
        return {i.code: 0.0 for i in fw.items()}
    if level == "low":  # every survey item in the 40s and 50s, every document missing
        return {i.code: (0.0 if i.code[0] == "o" else 40.0 + int(i.code[1:]) % 17)
                for i in fw.items()}
    # odd: surveys fine, documents all missing but one
    return {i.code: (100.0 if i.code in ("o1",) else 0.0) if i.code[0] == "o" else 92.5
            for i in fw.items()}


@pytest.mark.parametrize("year", available_years())
@pytest.mark.parametrize("org_type", TYPES)
@pytest.mark.parametrize("level", ["zero", "low", "odd"])
def test_hand_made_weak_agencies_of_every_type(catalogue: Catalogue, year: int, org_type: str,
                                               level: str) -> None:
    fw = load_framework(year)
    scores = _weak_scores(fw, level)
    result = assess(fw, org_id="weak", scores=scores)
    names = {"ทน.": "เทศบาลนครตัวอย่าง", "ทม.": "เทศบาลเมืองตัวอย่าง", "ทต.": "เทศบาลตำบลตัวอย่าง",
             "อบต.": "องค์การบริหารส่วนตำบลตัวอย่าง", "อบจ.": "องค์การบริหารส่วนจังหวัดตัวอย่าง",
             "ส่วนกลาง": "กรมตัวอย่าง", "ส่วนภูมิภาค": "สำนักงานตัวอย่างจังหวัด",
             "อื่น ๆ": "สถาบันตัวอย่าง"}
    wording = _wording(catalogue, year, "weak", names[org_type], org_type + "ตัวอย่าง", org_type,
                       "ตัวอย่าง")
    rows = build_rows(result, fw, catalogue.themes_for(year), catalogue, wording)
    weak = {i.code for i in result.items_below_target}
    check_document(rows, weak, scores, org_type, units=_units(wording))
    check_officer_text(rows, scores, fw, catalogue, wording, year)
    # A very weak agency's table stays readable: one row per theme, no longer.
    assert len(rows) <= len(catalogue.themes_for(year)) + 1
    longest = max(len(r.analysis_th) for r in rows)
    assert longest < 1500, longest


# -- steps follow the scores, written as an officer writes (issue 25 parts 3 and 6) ----------

#: What a placeholder looks like in print: a document named only by its code.
PLACEHOLDERS = re.compile(r"ข้อมูลที่ข้อ|ตามข้อ [A-Za-z][๐-๙0-9]* กำหนด|ข้อมูลตามข้อ [A-Za-z]")
THAI_THEN_LATIN = re.compile("[\u0e01-\u0e4e][A-Za-z]")
#: Phrases a catalogue once wrote in every cell; each may be said once in a cell.
FIXED_PHRASES = ("ในประเด็นของข้อดังกล่าว", "บนเว็บไซต์ของหน่วยงานบนเว็บไซต์")
LATIN_PHRASE = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z&-]*(?: [A-Za-z][A-Za-z&-]*)+")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_officer_text(rows: tuple[MeasureRow, ...], scores: dict[str, float | None],
                       fw: Framework, catalogue: Catalogue, wording: Wording, year: int,
                       target: float = 85.0) -> None:
    """No step tied to an item at or above target, no placeholder, no Latin word glued to
    Thai, no phrase or long title repeated in a cell, no step that restates its measure."""
    from ita_report.item_names import LONG_TITLE
    from ita_report.measures import spaced

    long_titles = [i.text_th for i in fw.items() if len(i.text_th) > LONG_TITLE]
    themes = {t.id: t for t in catalogue.themes_for(year)}
    for row in rows:
        cells = {"analysis": row.analysis_th, "measure": row.measure_th,
                 "steps": "\n".join(row.steps_th)}
        for name, cell in cells.items():
            where = (row.number, row.theme_id, name)
            assert not PLACEHOLDERS.search(cell), (where, cell)
            glued = THAI_THEN_LATIN.search(cell) or LATIN_THEN_THAI.search(cell)
            assert glued is None, (where, cell[max(0, glued.start() - 30): glued.end() + 20])
            assert "((" not in cell and ") (ข้อ" not in cell, (where, cell)
            for phrase in (*FIXED_PHRASES, *set(LATIN_PHRASE.findall(cell)), *long_titles):
                assert cell.count(phrase) <= 1, (where, phrase, cell)
        for step in row.steps_th:
            assert _squash(row.measure_th) not in _squash(step), (row.number, step)
            assert _squash(step) not in _squash(row.measure_th), (row.number, step)
            # A step that opens with a unit and names item codes names only items under target.
            if row.kind != "passing":
                for code in re.findall(r"ข้อ ([ieO][๐-๙]+)", step):
                    plain = code.lower().translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
                    score = scores.get(plain)
                    assert score is not None and score < target, (row.number, code, step)
        theme = themes.get(row.theme_id)
        if theme is None or row.all_passing:
            continue
        weak = set(row.cited_codes)
        for step in theme.variant(False, year).steps:
            if not step.items:
                continue
            tied = step.tied_to(year)
            text = spaced(wording.fill(step.text))
            if not any(c in weak for c in tied):
                assert text not in row.steps_th, (row.theme_id, tied, text)
                assert all(scores.get(c) is None or (scores[c] or 0) >= target for c in tied
                           if c not in weak)


@pytest.mark.parametrize("year", available_years())
@pytest.mark.parametrize("org_type", ["อบจ.", "ส่วนกลาง", "อบต."])
def test_hand_made_strong_agencies_get_a_measure_for_their_next_level(
        catalogue: Catalogue, year: int, org_type: str) -> None:
    """Every item passes, EIT is the lowest tool (94): the document names EIT, its lowest
    items and, where the year has a level above, that level; not only "รักษามาตรฐาน"."""
    fw = load_framework(year)
    scores: dict[str, float | None] = {
        i.code: (94.0 - int(i.code[1:]) % 3 if i.code[0] == "e" else 100.0) for i in fw.items()
    }
    result = assess(fw, org_id="strong", scores=scores)
    names = {"อบจ.": "องค์การบริหารส่วนจังหวัดตัวอย่าง", "ส่วนกลาง": "กรมตัวอย่าง",
             "อบต.": "องค์การบริหารส่วนตำบลตัวอย่าง"}
    wording = _wording(catalogue, year, "strong", names[org_type], org_type + "ตัวอย่าง",
                       org_type, "ตัวอย่าง")
    rows = build_rows(result, fw, catalogue.themes_for(year), catalogue, wording)
    check_document(rows, set(), scores, org_type, units=_units(wording))
    check_officer_text(rows, scores, fw, catalogue, wording, year)
    last = rows[-1]
    assert last.kind == "passing"
    assert "รักษามาตรฐาน" in last.measure_th and "ยกระดับคะแนน EIT" in last.measure_th
    lowest = [c for c, v in scores.items() if v == min(scores.values())][:3]
    from ita_report.code_text import display_code
    for code in lowest:
        assert display_code(code, style=wording.codes) in last.measure_th, (code, last.measure_th)
    assert any("ผู้รับบริการ" in step for step in last.steps_th)
    names_of_levels = [level.name for level in fw.levels]
    if result.level != names_of_levels[0]:
        above = names_of_levels[names_of_levels.index(str(result.level)) - 1]
        assert f"ระดับ{above}" in last.measure_th, last.measure_th


@pytest.mark.parametrize("year", [2567, 2568, 2569])
def test_a_strong_agency_short_of_the_next_level_in_two_tools_is_told_to_raise_both(
        catalogue: Catalogue, year: int) -> None:
    """ITA over 95 but IIT and EIT at 94.9: raising EIT alone would not give ผ่านดีเยี่ยม, so the
    measure that promises it names both tools, and a step for each (read printed: it named
    EIT only, the paragraph above it both)."""
    fw = load_framework(year)
    scores: dict[str, float | None] = {
        i.code: {"i": 93.0, "e": 93.5}.get(i.code[0], 100.0) + int(i.code[1:]) % 4 * 0.5
        for i in fw.items()}
    scores.update({"i2": 90.0, "e3": 91.0})
    result = assess(fw, org_id="strong", scores=scores)
    assert result.level == "ผ่านดี" and [t.code for t in result.tools if (t.score or 0) < 95]
    wording = _wording(catalogue, year, "strong", "เทศบาลนครตัวอย่าง", "ทน.ตัวอย่าง", "ทน.",
                       "ตัวอย่าง")
    last = build_rows(result, fw, catalogue.themes_for(year), catalogue, wording)[-1]
    check_officer_text((last,), scores, fw, catalogue, wording, year)
    raise_ = last.measure_th.split("ยกระดับคะแนน", 1)[1]
    assert "IIT (" in raise_ and " และ EIT (" in raise_ and "ระดับผ่านดีเยี่ยม" in raise_, raise_
    assert "i2" in raise_ and "e3" in raise_  # each tool's lowest passing item
    assert any("บุคลากร" in step and "i2" in step for step in last.steps_th), last.steps_th
    assert any("ผู้รับบริการ" in step and "e3" in step for step in last.steps_th), last.steps_th


@pytest.mark.parametrize("year", [2567, 2568, 2569])
def test_a_tool_under_85_is_raised_by_the_rows_that_answer_its_items(
        catalogue: Catalogue, year: int) -> None:
    """Read printed (an อบต. at ITA 87.89, ผ่าน, IIT 83.89 with nineteen items under 85): the
    keep-the-standard row promised ผ่านดี by raising three IIT items that had passed (85.4),
    "scored lower than the other items" while nineteen scored lower still. It now names the
    rows that answer the IIT items under target, and no passing item."""
    fw = load_framework(year)
    scores: dict[str, float | None] = {i.code: 100.0 for i in fw.items()}
    iit = [i.code for i in fw.items() if i.code.startswith("i")]
    scores.update({c: 75.0 + n % 5 for n, c in enumerate(iit[:20])})
    scores.update(dict.fromkeys(iit[20:], 85.4))
    result = assess(fw, org_id="pass", scores=scores)
    assert result.level == "ผ่าน" and (result.ita or 0) >= 85
    wording = _wording(catalogue, year, "pass", "องค์การบริหารส่วนตำบลตัวอย่าง",
                       "อบต.ตัวอย่าง", "อบต.", "ตัวอย่าง")
    rows = build_rows(result, fw, catalogue.themes_for(year), catalogue, wording)
    last = rows[-1]
    answering = sorted({r.number for r in rows[:-1]
                        if any(c in iit and scores[c] < 85 for c in r.cited_codes)})
    assert answering and "ระดับผ่านดี" in last.measure_th
    assert "ตามมาตรการลำดับที่" in last.measure_th, last.measure_th
    first = digits(str(answering[0]), thai=wording.thai)
    assert first in last.measure_th.split("ตามมาตรการลำดับที่", 1)[1]
    assert "ที่ผ่านค่าเป้าหมายแต่ได้คะแนนต่ำสุด" not in last.measure_th
    assert not any("น้อยกว่าข้ออื่น" in step for step in last.steps_th), last.steps_th


@pytest.mark.parametrize("year", available_years())
def test_the_risk_rows_timing_is_its_steps_timing(catalogue: Catalogue, year: int) -> None:
    """Read printed (an อบจ., FY2569): with only the risk assessment missing, every step was
    due in ไตรมาส ๑ and the row said ไตรมาส ๑–๓, the third quarter being the risk-management
    report's, which had passed. With the report missing too, the row runs to ไตรมาส ๓."""
    fw = load_framework(year)
    (theme,) = [t for t in catalogue.themes_for(year) if t.id == "corruption_risk"]
    assessment_item, report_item = theme.items_for(year)
    wording = _wording(catalogue, year, "pao", "องค์การบริหารส่วนจังหวัดตัวอย่าง",
                       "อบจ.ตัวอย่าง", "อบจ.", "ตัวอย่าง")
    for missing, quarters in (((assessment_item,), "ไตรมาส ๑"),
                              ((assessment_item, report_item), "ไตรมาส ๑–๓")):
        scores: dict[str, float | None] = {i.code: 100.0 for i in fw.items()}
        scores.update(dict.fromkeys(missing, 0.0))
        rows = build_rows(assess(fw, org_id="pao", scores=scores), fw,
                          catalogue.themes_for(year), catalogue, wording)
        (row,) = [r for r in rows if r.theme_id == "corruption_risk"]
        assert row.quarter_th == quarters, (missing, row.quarter_th, row.steps_th)


@pytest.mark.parametrize("year", available_years())
def test_steps_tied_to_items_follow_the_scores(catalogue: Catalogue, year: int) -> None:
    """A plan, a committee, E-Service: the step that asks for it is there when its item is
    under target, and gone when the item is at 100 while the rest of its theme is weak."""
    fw = load_framework(year)
    wording = _wording(catalogue, year, "weak", "องค์การบริหารส่วนตำบลตัวอย่าง", "อบต.ตัวอย่าง",
                       "อบต.", "ตัวอย่าง")
    from ita_report.measures import spaced
    checked = 0
    for theme in catalogue.themes_for(year):
        for step in theme.variant(False, year).steps:
            tied = step.tied_to(year)
            if not tied:
                continue
            text = spaced(wording.fill(step.text))
            for tied_score, present in ((0.0, True), (100.0, False)):
                scores: dict[str, float | None] = {i.code: 0.0 for i in fw.items()}
                scores.update({c: tied_score for c in tied})
                rows = build_rows(assess(fw, org_id="x", scores=scores), fw,
                                  catalogue.themes_for(year), catalogue, wording)
                row = next((r for r in rows if r.theme_id == theme.id), None)
                # A theme whose only weak item was the tied one has no row at all.
                found = row is not None and text in row.steps_th
                assert found is present, (theme.id, tied, tied_score)
                check_officer_text(rows, scores, fw, catalogue, wording, year)
                checked += 1
    assert checked >= 8
