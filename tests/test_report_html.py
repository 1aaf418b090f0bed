"""Snapshot of the seed's measures document as HTML (Chaemae, FY2566, a fixed date).

The title block, the result summary, the measures table and the limitations are compared with
``tests/snapshots/chaemae-2566-measures.html`` after normalising whitespace, so any change of
wording, order, escaping or markup shows up as a diff someone has to accept deliberately.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from conftest import ROOT

from ita_report.document import build_document
from ita_report.params import load_params
from ita_report.report.html import end_html, head_html, measures_table_html

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "chaemae-2566-measures.html"
#: Set to 1 to rewrite the snapshot from today's output (then review ``git diff`` before commit).
UPDATE = "ITA_UPDATE_SNAPSHOTS"


def normalised(fragment: str) -> str:
    """One tag per line, runs of whitespace as one space: a diff shows the cell that moved."""
    text = re.sub(r"\s+", " ", fragment).strip()
    return re.sub(r">\s*<", ">\n<", text) + "\n"


def seed_html() -> str:
    # The sample's own document: block (its Thai-digit codes, like the seed) with a fixed date.
    path = ROOT / "params" / "chaemae-2566.yaml"
    own = load_params(path).document.model_dump(exclude_unset=True)
    params = load_params(path, document={**own, "date": "2567-10-01"})
    doc = build_document(params)
    # The document as the notebook shows it: announcement, title block, results, table, end.
    return normalised(head_html(doc) + measures_table_html(doc) + end_html(doc))


def test_the_seed_measures_document_matches_its_html_snapshot() -> None:
    actual = seed_html()
    if os.environ.get(UPDATE) == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(actual, encoding="utf-8")
    assert SNAPSHOT.exists(), f"no snapshot yet: write it with {UPDATE}=1, review it, commit it"
    expected = SNAPSHOT.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    fromfile=str(SNAPSHOT.relative_to(ROOT)),
                    tofile="built now",
                )
            )[:60]
        )
        raise AssertionError(
            "The seed's measures document no longer renders as its snapshot.\n"
            f"{diff}\n"
            "If this change is intended, refresh the snapshot deliberately:\n"
            f"  {UPDATE}=1 python -m pytest tests/test_report_html.py\n"
            "then read `git diff tests/snapshots/` and commit it with the change that caused it."
        )


# -- the official form (issue 25) ---------------------------------------------------------------
TAMBON = ROOT / "params" / "sample-tambon-2569.yaml"


def test_the_announcement_opens_the_document_and_is_signed() -> None:
    from bs4 import BeautifulSoup

    doc = build_document(load_params(TAMBON, document={"date": "2569-10-15"}))
    page = BeautifulSoup(head_html(doc) + measures_table_html(doc) + end_html(doc), "html.parser")
    first = page.find("section")
    assert first is not None and "announcement" in first["class"]
    assert first.h1.get_text() == "ประกาศองค์การบริหารส่วนตำบลตัวอย่าง"
    assert first.select_one("p.subject").get_text() == (
        "เรื่อง มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๗๐")
    intro = [p.get_text() for p in first.select("p.intro")]
    # Why (the NACC's ITA of FY2569, the agency's result) and which results (items, themes).
    assert "สำนักงาน ป.ป.ช." in intro[0] and "พ.ศ. ๒๕๖๙" in intro[0]
    assert "ได้คะแนน ๘๘.๐๐ คะแนน" in intro[0]  # two decimals, as every score
    assert "จำนวน ๘ ข้อ ใน ๘ ประเด็น" in intro[1] and "พ.ศ. ๒๕๗๐" in intro[1]
    assert doc.rows[0].title_th in intro[1]
    signed = [p.get_text() for p in first.select("section.signatures.single p")]
    assert signed == ["ประกาศ ณ วันที่ ๑๕ เดือน ตุลาคม พ.ศ. ๒๕๖๙", "(ลงชื่อ)" + "." * 40,
                      "(" + "." * 40 + ")", "นายกองค์การบริหารส่วนตำบลตัวอย่าง"]
    assert "แนบท้ายประกาศองค์การบริหารส่วนตำบลตัวอย่าง" in page.select_one(
        "header.title-block p.attachment").get_text()
    # One signature only, and nothing says the measures still await the executive's approval.
    assert len(page.select("section.signatures")) == 1
    text = page.get_text()
    assert "เพื่อให้ความเห็นชอบ" not in text and "นำเสนอมาตรการฉบับนี้" not in text
    assert any(r.theme_id == "ita_measures" and not r.all_passing for r in doc.rows)


def test_the_title_form_has_the_introduction_and_is_signed_at_its_end() -> None:
    from bs4 import BeautifulSoup

    doc = build_document(load_params(TAMBON, document={"form": "title"},
                                     signatory={"name": "นางสาวสมหญิง รักดี"}))
    head = BeautifulSoup(head_html(doc), "html.parser")
    assert head.select_one("section.announcement") is None
    assert head.select_one("div.introduction h2").get_text() == "ความเป็นมา"
    end = BeautifulSoup(end_html(doc), "html.parser")
    lines = [p.get_text() for p in end.select("section.signatures p")]
    assert lines[0].startswith("ให้ความเห็นชอบ ณ วันที่ ")
    assert lines[1:] == ["(ลงชื่อ)" + "." * 40 + "ผู้ให้ความเห็นชอบ", "(นางสาวสมหญิง รักดี)",
                         "นายกองค์การบริหารส่วนตำบลตัวอย่าง"]
    # The signature comes before the preparer's notes (on screen only), never after them.
    section = end.select_one("section.signatures")
    assert section is not None and section.find_next("aside") is not None


def test_an_official_ita_of_88_is_printed_with_two_decimals(tmp_path: Path) -> None:
    """The officer's ITAS page says ITA 88.00 (issue 24): the document says ๘๘.๐๐ (or 88.00),
    in the results table and in words, never ๘๘ as if it were a target."""
    from bs4 import BeautifulSoup
    from test_narrative import agency_params, every_item

    scores = every_item(2567, {"IIT": 88.0, "EIT": 88.0, "OIT": 88.0})
    official = {"iit": 88.0, "eit": 88.0, "oit": 88.0, "ita": 88.0, "level": "ผ่านดี"}
    for thai, shown in ((True, "๘๘.๐๐"), (False, "88.00")):
        folder = tmp_path / str(thai)
        folder.mkdir()
        params = agency_params(folder, 2567, scores, official_results=official,
                               thai_digits=thai)
        doc = build_document(load_params(params))
        assert doc.assessment.ita == 88.0
        page = BeautifulSoup(head_html(doc), "html.parser")
        assert [td.get_text() for td in page.select("table.scores td")][:4] == [shown] * 4
        text = page.get_text(" ", strip=True)
        assert f"ได้ {shown} คะแนน อยู่ในระดับผ่านดี" in text
        assert not re.search(r"(?<![0-9๐-๙.])(?:88|๘๘)(?![0-9๐-๙.])", text), text



# -- issue 25: one count in every place --------------------------------------------------------


def _page_text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def test_the_sample_counts_its_items_below_target_one_way_everywhere() -> None:
    """The sample cites i37 and i48 (beyond the FY2566 framework) in its own row, as the seed
    does: the introduction, the results table, the gaps chart and the paragraphs all count 15
    items in 6 themes, name i48 (the lowest survey item), and say what those two items are
    instead of printing "นอกกรอบการประเมิน" unexplained."""
    from ita_report.report.series import gap_series

    doc = build_document(load_params(ROOT / "params" / "chaemae-2566.yaml"))
    text = _page_text(head_html(doc) + measures_table_html(doc) + end_html(doc))
    assert "จำนวน ๑๕ ข้อ ใน ๖ ประเด็น" in text
    assert ("๑๕ ข้อ (รวมข้อ i๓๗ และข้อ i๔๘ ซึ่งเป็นข้อคำถามเพิ่มเติมของหน่วยงาน"
            " ไม่นับในคะแนน ITA)") in text
    assert len(gap_series(doc)) == 15
    assert "ข้อที่ได้คะแนนต่ำที่สุดคือ o๑๗ (๐.๐๐) o๓๒ (๐.๐๐) และ i๔๘ (๖๔.๘๑)" in text
    assert ("ข้อคำถามเพิ่มเติมที่หน่วยงานนำมาวิเคราะห์ร่วม (ไม่นับในคะแนนเครื่องมือและคะแนน ITA)"
            " ๒ ข้อ ได้คะแนนต่ำกว่าค่าเป้าหมาย ๘๕ คะแนนทุกข้อ ได้แก่ i๔๘ (๖๔.๘๑) และ i๓๗ (๗๒.๒๒)"
            ) in text
    assert "นอกกรอบ" not in text
