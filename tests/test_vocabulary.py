"""Every kind of agency we accept gets its own words, units and timing (issue 25 parts 4, 5).

A กรม signs with its อธิบดี and has no notice board at a service counter and no ศปท.; a
university has no กองช่าง; an อบต. publishes its แผนพัฒนาท้องถิ่น; one unit per document item;
a monthly item is published every month and a row's timing covers its steps. The documents are
built as ``ita-report run`` builds them, from params and a score file, for synthetic agencies
of every type.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from ita_report.catalogue import load_agency_types, load_catalogue
from ita_report.cli import main
from ita_report.document import MeasuresDocument
from ita_report.framework import load_framework
from ita_report.measures import MeasureRow
from ita_report.params import load_params
from ita_report.report import build_document
from ita_report.synth import make_agencies, make_scores

ROOT = Path(__file__).resolve().parents[1]
TAMBON = ROOT / "params" / "sample-tambon-2569.yaml"

#: (org_type, org_name, signatory position, the executive the steps report to)
AGENCIES = [
    ("อบต.", "องค์การบริหารส่วนตำบลโคกสูงน้อย", "นายกองค์การบริหารส่วนตำบลโคกสูงน้อย",
     "นายกองค์การบริหารส่วนตำบล"),
    ("ทต.", "เทศบาลตำบลจุน", "นายกเทศมนตรีตำบลจุน", "นายกเทศมนตรี"),
    ("ทม.", "เทศบาลเมืองแฉะแม่", "นายกเทศมนตรีเมืองแฉะแม่", "นายกเทศมนตรี"),
    ("ทน.", "เทศบาลนครตัวอย่าง", "นายกเทศมนตรีนครตัวอย่าง", "นายกเทศมนตรี"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัดตัวอย่าง", "นายกองค์การบริหารส่วนจังหวัดตัวอย่าง",
     "นายกองค์การบริหารส่วนจังหวัด"),
    ("ส่วนกลาง", "กรมตัวอย่าง", "อธิบดีกรมตัวอย่าง", "อธิบดี"),
    # Officers write the broad kind; the name says the precise one (its head, its units).
    ("ส่วนกลาง", "สำนักงานปลัดกระทรวงตัวอย่าง", "ปลัดกระทรวงตัวอย่าง", "ปลัดกระทรวง"),
    ("ส่วนภูมิภาค", "สำนักงานพัฒนาชุมชนจังหวัดตัวอย่าง", "พัฒนาการจังหวัดตัวอย่าง",
     "พัฒนาการจังหวัด"),
    ("ส่วนภูมิภาค", "สำนักงานขนส่งจังหวัดตัวอย่าง", "หัวหน้าสำนักงานขนส่งจังหวัดตัวอย่าง",
     "หัวหน้าสำนักงาน"),
    ("มหาวิทยาลัย", "มหาวิทยาลัยตัวอย่าง", "อธิการบดีมหาวิทยาลัยตัวอย่าง", "อธิการบดี"),
    ("องค์การมหาชน", "สถาบันตัวอย่าง (องค์การมหาชน)",
     "ผู้อำนวยการสถาบันตัวอย่าง (องค์การมหาชน)", "ผู้อำนวยการ"),
    ("รัฐวิสาหกิจ", "การประปาตัวอย่าง", "ผู้ว่าการการประปาตัวอย่าง", "ผู้ว่าการ"),
]
LOCAL = ("อบต.", "ทต.", "ทม.", "ทน.", "อบจ.")
#: Words only local government uses for its units and people.
LOCAL_WORDS = ("สำนักปลัด", "กองช่าง", "นายก", "สภาองค์การ", "สภาเทศบาล", "พนักงานส่วน",
               "พนักงานเทศบาล")
ANTI_CORRUPTION_CENTRE = ("ศปท", "ศูนย์ปฏิบัติการต่อต้านการทุจริต")
NOTICE_BOARD = "ติดประกาศ ณ จุด"


def _write_scores(path: Path, year: int, org_name: str, scores: dict[str, float]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["org_id", "org_name", "fiscal_year", "code", "score"])
        for code, score in scores.items():
            writer.writerow(["sample-tambon", org_name, year, code, score])
    return path


def _document(tmp_path: Path, year: int, org_type: str, org_name: str,
              scores: dict[str, float]) -> MeasuresDocument:
    """The document ``run`` builds for this agency from its params and a score file."""
    file = _write_scores(tmp_path / f"scores-{year}.csv", year, org_name, scores)
    params = load_params(TAMBON, org_type=org_type, org_name=org_name, fiscal_year=year,
                         scores_file=str(file), units={}, short_name=org_name)
    return build_document(params)


def _weak(year: int) -> dict[str, float]:
    """Every document missing, every survey item under target."""
    fw = load_framework(year)
    return {i.code: (0.0 if i.code[0] == "o" else 60.0) for i in fw.items()}


def _reported_to(text: str) -> list[str]:
    """Whom the steps report to ("รายงานผลต่ออธิบดีทุกไตรมาส" → อธิบดี)."""
    return re.findall(r"รายงาน(?:ผล)?ต่อ(\S+?)(?:ทุกไตรมาส|$|\s)", text)


def _what_it_does(rows: Sequence[MeasureRow]) -> str:
    """What the agency will do and who does it (not the ITA items cited, which are the NACC's)."""
    return " ".join(t for r in rows for t in (r.measure_th, *r.steps_th, r.unit_th))


@pytest.mark.parametrize(("org_type", "org_name", "position", "executive"), AGENCIES)
def test_each_type_signs_reports_and_assigns_work_in_its_own_words(
    tmp_path: Path, org_type: str, org_name: str, position: str, executive: str
) -> None:
    doc = _document(tmp_path, 2567, org_type, org_name, _weak(2567))
    assert doc.front is not None and doc.front.signatory.position == position
    text = _what_it_does(doc.rows)
    # The steps report to the person who signs (อธิบดี, พัฒนาการจังหวัด …), never to a word
    # of another kind of agency.
    reports = _reported_to(text)
    assert reports and all(r.startswith(executive) for r in reports), reports
    kind = doc.agency_type
    assert kind is not None
    if org_type not in LOCAL:
        for word in LOCAL_WORDS:
            assert word not in text, (org_type, word)
    # ศปท. is the ministry's (its สำนักงานปลัดกระทรวง), never a กรม's nor any other type's.
    complaints = next(r for r in doc.rows if r.theme_id == "complaints")
    if org_name.startswith("สำนักงานปลัดกระทรวง"):
        assert complaints.unit_th == "ศูนย์ปฏิบัติการต่อต้านการทุจริต (ศปท.)"
    else:
        for word in ANTI_CORRUPTION_CENTRE:
            assert word not in text, (org_type, word)
    # A กรม and a public organisation have no notice board at a service counter.
    if kind.id in ("central_agency", "ministry", "public_organization"):
        assert NOTICE_BOARD not in text
        assert "เผยแพร่บนเว็บไซต์ของหน่วยงาน" in " ".join(doc.rows[0].steps_th)
    # Local government publishes its แผนพัฒนาท้องถิ่น; the items cell still quotes the ITA item.
    plans = next(r for r in doc.rows if r.theme_id == "administration_plans")
    items = " ".join(plans.item_texts(style=doc.codes))
    assert "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน" in items
    steps = " ".join(plans.steps_th)
    if org_type in LOCAL:
        assert "แผนพัฒนาท้องถิ่น (ข้อ o7)" in steps and "แผนยุทธศาสตร์" not in steps
    else:
        assert "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน (ข้อ o7)" in steps


def test_a_universitys_units_are_a_universitys(tmp_path: Path) -> None:
    doc = _document(tmp_path, 2567, "มหาวิทยาลัย", "มหาวิทยาลัยตัวอย่าง", _weak(2567))
    units = {r.theme_id: r.unit_th for r in doc.rows}
    assert units["budget_procurement"].endswith("งานพัสดุ กองคลัง")
    assert units["authority_personnel"] == "กองบริหารงานบุคคล"
    assert "ข้าราชการและพนักงานมหาวิทยาลัย" in _what_it_does(doc.rows)
    assert "กองช่าง" not in _what_it_does(doc.rows)
    # Read printed (FY2569): a university serves its students, not the public at a counter.
    for year in (2567, 2569):
        doc = _document(tmp_path, year, "มหาวิทยาลัย", "มหาวิทยาลัยตัวอย่าง", _weak(year))
        does = _what_it_does(doc.rows)
        assert "นักศึกษาและผู้รับบริการ" in does
        for counter in ("จุดให้บริการประชาชน", "ข้อซักถามของประชาชน", "ภายในสำนักงาน"):
            assert counter not in does, (year, counter)


@pytest.mark.parametrize(("org_type", "org_name", "it_unit"), [
    ("ส่วนกลาง", "กรมตัวอย่าง", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"),
    ("มหาวิทยาลัย", "มหาวิทยาลัยตัวอย่าง", "สำนักวิทยบริการและเทคโนโลยีสารสนเทศ"),
    ("อบต.", "องค์การบริหารส่วนตำบลตัวอย่าง", "ผู้ดูแลเว็บไซต์ขององค์การบริหารส่วนตำบล"),
])
def test_the_e_service_system_goes_to_the_it_unit(
    tmp_path: Path, org_type: str, org_name: str, it_unit: str
) -> None:
    fw = load_framework(2569)
    scores = {i.code: 100.0 for i in fw.items()} | {"o10": 0.0}  # E-Service missing
    doc = _document(tmp_path, 2569, org_type, org_name, scores)
    row = next(r for r in doc.rows if r.theme_id == "e_service")
    # The item's name ends in "(E-Service)": the step cites it "ตามข้อ o10", no doubled bracket.
    # A system is provided and linked from the website, not "written" (issue 25, item 2).
    assert (f"{it_unit} จัดให้มีระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service)"
            " ตามข้อ o10 แล้วเชื่อมโยงไว้บนเว็บไซต์ของหน่วยงาน ภายในไตรมาส ๒") in row.steps_th
    assert it_unit in row.unit_th


@pytest.mark.parametrize(("org_type", "org_name"), [(t, n) for t, n, _, _ in AGENCIES])
def test_the_executives_information_is_one_units_job(
    tmp_path: Path, org_type: str, org_name: str
) -> None:
    # "ข้อมูลผู้บริหาร (ข้อ o2)" handed to five divisions was wrong: one unit does it; so is
    # the No Gift announcement (o25), not the working group, the heads and every officer.
    fw = load_framework(2567)
    office = load_agency_types().resolve(org_type, org_name).units["office"]
    # The executives' information is published (เผยแพร่), the announcement written (จัดทำ).
    for code, theme, document in (("o2", "information_disclosure", "เผยแพร่ข้อมูลผู้บริหาร (ข้อ o2)"),
                                  ("o25", "anti_corruption", "จัดทำประกาศเจตนารมณ์นโยบาย No Gift")):
        scores = {i.code: 100.0 for i in fw.items()} | {code: 0.0}
        doc = _document(tmp_path, 2567, org_type, org_name, scores)
        row = next(r for r in doc.rows if r.theme_id == theme)
        assert row.unit_th == office, (code, row.unit_th)
        assert any(s.startswith(f"{office} {document}") for s in row.steps_th), code


# -- timing (issue 25 part 5) --------------------------------------------------------------------
_QUARTER = re.compile(r"ไตรมาส ([๑-๔])(?:–([๑-๔]))?")
_THAI = {"๑": 1, "๒": 2, "๓": 3, "๔": 4}


def _quarters(text: str) -> set[int]:
    found: set[int] = set()
    for m in _QUARTER.finditer(text):
        found.update(range(_THAI[m[1]], _THAI[m[2] or m[1]] + 1))
    if re.search("ทุกไตรมาส|ทุกเดือน", text):
        found.update({1, 2, 3, 4})
    return found


def test_monthly_items_every_month_annual_reports_after_the_year_six_month_in_quarter_3(
    tmp_path: Path,
) -> None:
    for year, monthly, annual in ((2566, "o21", "o22"), (2567, "o16", "o17"),
                                  (2569, "o11", None)):
        doc = _document(tmp_path, year, "ส่วนกลาง", "กรมตัวอย่าง", _weak(year))
        row = next(r for r in doc.rows if r.theme_id == "budget_procurement")
        steps = " ".join(row.steps_th)
        # "(ข้อ o16)", or "ตามข้อ o11" after a name ending in a bracket ("(แบบ สขร.๑)"): codes
        # as ITAS writes them in a document of Thai digits.
        step = next(s for s in row.steps_th if re.search(f"[(ม]ข้อ {monthly}\\b", s))
        assert "รายเดือน" in step and step.endswith("แล้วเผยแพร่บนเว็บไซต์ของหน่วยงาน ทุกเดือน")
        assert "ภายในทุกเดือน" not in steps and row.quarter_th == "ไตรมาส ๑–๔"
        if annual:  # last year's report: in the first quarter, after the year it reports
            step = next(s for s in row.steps_th if f"(ข้อ {annual})" in s)
            assert "ประจำปี" in step and step.endswith("ภายในไตรมาส ๑")
    # FY2566 o12, the six-month report (October–March), can be published from the third quarter.
    doc = _document(tmp_path, 2566, "อบต.", "องค์การบริหารส่วนตำบลตัวอย่าง", _weak(2566))
    plans = next(r for r in doc.rows if r.theme_id == "administration_plans")
    step = next(s for s in plans.steps_th if "ตามข้อ o12" in s)  # the name ends "(รอบ ๖ เดือน)"
    assert "รอบ ๖ เดือน" in step and step.endswith("ภายในไตรมาส ๓")


@pytest.mark.parametrize("year", [2564, 2565, 2566, 2567, 2568, 2569])
def test_the_catalogue_times_each_item_by_what_it_is(year: int) -> None:
    """Timing is data (themes.yaml item_quarters): every year's monthly, six-month and annual
    items are timed by what they are, so a new year's items cannot be left "ไตรมาส ๑"."""
    fw = load_framework(year)
    for theme in load_catalogue().themes_for(year):
        for code in theme.items_for(year):
            item = fw.item(code)
            if item is None or not code.startswith("o") or not item.text_th:
                continue
            when = theme.quarter_of(year, code)
            if "รายเดือน" in item.text_th:
                assert when == "ทุกเดือน", (year, code, when)
            elif re.search("รอบ [6๖] เดือน", item.text_th):
                assert when == "ไตรมาส ๓", (year, code, when)
            elif item.text_th.startswith("รายงาน") and "ประจำปี" in item.text_th:
                assert when == "ไตรมาส ๑", (year, code, when)


@pytest.mark.parametrize("year", [2566, 2567, 2568, 2569])
def test_synthetic_agencies_of_every_type_have_timing_that_covers_their_steps(
    tmp_path: Path, year: int
) -> None:
    """Synthetic agencies (``synth``'s scores) named as every type: each row's timing covers
    the quarters its steps name, and the words fit the type."""
    rng = np.random.default_rng(year)
    agencies = make_agencies(40, rng)
    frame = make_scores(agencies, year, step=0.0, rng=rng)
    codes = [i.code for i in load_framework(year).items()]
    for n, (org_type, org_name, _, executive) in enumerate(AGENCIES):
        for k in (n, n + len(AGENCIES)):  # two agencies each, of different strength
            scores = {c: float(v) for c, v in zip(codes, frame.iloc[k][codes], strict=True)
                      if v == v}
            doc = _document(tmp_path, year, org_type, org_name, scores)
            for row in doc.rows:
                stepped = set().union(*(_quarters(s) for s in row.steps_th))
                own = _quarters(row.quarter_th)
                assert stepped <= own, (org_type, row.number, row.quarter_th, row.steps_th)
            text = _what_it_does(doc.rows)
            assert "ภายในทุก" not in text
            assert all(r.startswith(executive) for r in _reported_to(text)), org_type
            if org_type not in LOCAL:
                assert not any(w in text for w in LOCAL_WORDS), org_type
            if org_type in ("ส่วนกลาง", "องค์การมหาชน"):
                assert NOTICE_BOARD not in text


def test_run_prints_a_departments_document_in_its_words(tmp_path: Path) -> None:
    """Through the CLI, as an officer runs it: the Word file of a กรม names its อธิบดี."""
    from docx import Document

    file = _write_scores(tmp_path / "scores.csv", 2567, "กรมตัวอย่าง", _weak(2567))
    params = tmp_path / "dept.yaml"
    text = TAMBON.read_text(encoding="utf-8")
    for key, value in (("org_name", "กรมตัวอย่าง"), ("short_name", "กรมฯ"),
                       ("org_type", "ส่วนกลาง"), ("fiscal_year", "2567"),
                       ("scores_file", str(file))):
        text = re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
    params.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(params), "--out", str(out), "--formats", "docx"]) == 0
    (word,) = out.rglob("*.docx")
    body = "\n".join(p.text for p in Document(str(word)).paragraphs)
    body += "\n".join(c.text for t in Document(str(word)).tables for r in t.rows for c in r.cells)
    assert "อธิบดีกรมตัวอย่าง" in body and "รายงานผลต่ออธิบดีทุกไตรมาส" in body
    assert NOTICE_BOARD not in body and "ศปท" not in body and "สำนักปลัด" not in body


def test_the_name_says_the_precise_kind_when_org_type_says_a_broad_one() -> None:
    types = load_agency_types()
    assert types.resolve("ส่วนกลาง", "สำนักงานพัฒนาชุมชนจังหวัดแพร่").id == "regional_agency"
    assert types.resolve("ส่วนกลาง", "สำนักงานปลัดกระทรวงมหาดไทย").id == "ministry"
    assert types.resolve("ส่วนภูมิภาค", "กรมบัญชีกลาง").id == "central_agency"
    # A name no type claims keeps the officer's type; local government is still checked.
    assert types.resolve("ส่วนกลาง", "สำนักงานตัวอย่าง").id == "central_agency"
    assert types.resolve("รัฐวิสาหกิจ", "การประปาส่วนภูมิภาค").id == "state_enterprise"


def test_a_mistyped_head_or_phrase_is_named_with_its_place(tmp_path: Path) -> None:
    from ita_report.catalogue.vocabulary import default_path
    from ita_report.errors import InputError

    text = default_path().read_text(encoding="utf-8")
    text = text.replace("  - {prefix: กรม, executive: อธิบดี}",
                        "  - {prefix: กรม, executive: อธิบดี, position: 'อธิบดี{agency}'}", 1)
    text = text.replace("  phrases: *no_notice_board\n\n- id: state_enterprise",
                        "  phrases: [ติดประกาศ]\n\n- id: state_enterprise", 1)
    bad = tmp_path / "agency_types.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_agency_types(bad)
    said = str(caught.value)
    assert "type central_agency, heads[0]" in said and "{org_name}" in said
    assert "type public_organization, phrases" in said


def test_the_signatory_and_the_executive_the_steps_name_are_one_person() -> None:
    # The position under the signature (issue 25 part 1) and the word the steps report to are
    # the same office: นายกเทศมนตรี / นายกเทศมนตรีเมือง…, อธิบดี / อธิบดีกรม…, for every type.
    for kind in load_agency_types().types:
        names = [f"{p}ตัวอย่าง" for p in kind.prefixes] or ["หน่วยงานตัวอย่าง"]
        for name in names + [f"{h.prefix}ตัวอย่าง" for h in kind.heads]:
            position = kind.signatory_position(name)
            if position:
                executive = kind.for_agency(name).words["executive"]
                assert position.startswith(executive), (kind.id, name, position, executive)


def test_the_place_line_never_repeats_what_the_name_says(tmp_path: Path) -> None:
    # "องค์การบริหารส่วนจังหวัดกระบี่" was followed by the line "จังหวัดกระบี่".
    from ita_report.report.html import title_lines

    fw = load_framework(2569)
    scores = {i.code: 90.0 for i in fw.items()}
    file = _write_scores(tmp_path / "s.csv", 2569, "องค์การบริหารส่วนจังหวัดกระบี่", scores)
    pao = build_document(load_params(
        TAMBON, org_type="อบจ.", org_name="องค์การบริหารส่วนจังหวัดกระบี่", province="กระบี่",
        district="", fiscal_year=2569, scores_file=str(file), units={}, short_name="อบจ.กระบี่"))
    lines = title_lines(pao)
    assert "จังหวัดกระบี่" not in lines and lines[2] == "องค์การบริหารส่วนจังหวัดกระบี่"
    tambon = _document(tmp_path, 2569, "อบต.", "องค์การบริหารส่วนตำบลตัวอย่าง", scores)
    assert "อำเภอตัวอย่าง จังหวัดตัวอย่าง" in title_lines(tambon)
