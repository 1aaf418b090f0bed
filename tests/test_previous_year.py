"""The previous year's result (issue 25 part 2, ``previous_scores_file:``): the sample's FY2567
document compared with its FY2566 scores, items matched through the crosswalk; a file of another
agency, of another year or no score file at all refused before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from ita_report.cli import main
from ita_report.document import build_document
from ita_report.errors import InputError
from ita_report.params import load_params

SAMPLES = ROOT / "data" / "samples"
FY2567 = ROOT / "params" / "chaemae-2567.yaml"


def params_with_previous(tmp_path: Path, previous: str) -> Path:
    """The sample's FY2567 params in ``tmp_path``, naming ``previous`` as last year's file."""
    shutil.copy(SAMPLES / "chaemae-2567-scores.csv", tmp_path / "chaemae-2567-scores.csv")
    text = FY2567.read_text(encoding="utf-8")
    text = text.replace("scores_file: ../data/samples/chaemae-2567-scores.csv",
                        "scores_file: chaemae-2567-scores.csv")
    text += f"previous_scores_file: {previous}\ndocument: {{date: 2567-10-15}}\n"
    out = tmp_path / "chaemae-2567.yaml"
    out.write_text(text, encoding="utf-8")
    return out


def comparison(tmp_path: Path) -> tuple[str, ...]:
    (tmp_path / "last-year").mkdir()
    shutil.copy(SAMPLES / "chaemae-2566-scores.csv", tmp_path / "last-year" / "2566.csv")
    doc = build_document(load_params(params_with_previous(tmp_path, "last-year/2566.csv")))
    assert doc.in_words is not None and doc.previous is not None
    passage = doc.in_words.passages[-1]
    assert passage.heading == "เปรียบเทียบกับปีงบประมาณ พ.ศ. ๒๕๖๖"
    return passage.paragraphs


def test_the_fy2567_sample_says_how_ita_each_tool_and_the_level_changed(tmp_path: Path) -> None:
    ita, tools, *_ = comparison(tmp_path)
    # 91.33 printed this year, 91.35 last year: the difference of the printed figures.
    assert "ทม.แฉะแม่ได้คะแนน ITA ๙๑.๓๓ คะแนน ลดลงจากปีที่ล่วงมาแล้ว ๐.๐๒ คะแนน" in ita
    assert "(ปีงบประมาณ พ.ศ. ๒๕๖๖ ได้ ๙๑.๓๕ คะแนน ระดับผ่าน)" in ita
    assert "ระดับผลการประเมินเปลี่ยนจากระดับผ่านเป็นระดับผ่านดี" in ita
    assert "(เกณฑ์ปี ๒๕๖๖ มี ๒ ระดับ ปี ๒๕๖๗ มี ๕ ระดับ)" in ita
    assert "IIT เพิ่มขึ้น ๑.๙๘ คะแนน (จาก ๘๗.๘๙ เป็น ๘๙.๘๗ คะแนน)" in tools
    # FY2566 OIT 95.625 prints ๙๕.๖๓ (half up): the change is the difference of the printed scores.
    assert "EIT เพิ่มขึ้น ๐.๗๐ คะแนน" in tools and "OIT ลดลง ๒.๐๖ คะแนน (จาก ๙๕.๖๓" in tools


def test_items_newly_below_target_are_matched_through_the_crosswalk(tmp_path: Path) -> None:
    _ita, _tools, newly, closed = comparison(tmp_path)
    # O13 and O29 of FY2567 are O18 (E-Service) and O35 of FY2566, both 100 then: not O13/O29
    # of FY2566, which are other items.
    assert "๒ ข้อ ได้แก่ (๑) o13 (๐.๐๐) ปี ๒๕๖๖ เป็นข้อ o18 ได้ ๑๐๐.๐๐ คะแนน" in newly
    assert "(๒) o29 (๐.๐๐) ปี ๒๕๖๖ เป็นข้อ o35 ได้ ๑๐๐.๐๐ คะแนน" in newly
    # i29, i15, i20 and i26 were under 85 in FY2566 too: not newly below.
    assert "i29" not in newly and "i15" not in newly
    assert closed.endswith("ปีนี้ได้ไม่ต่ำกว่าค่าเป้าหมายแล้ว ๘ ข้อ")


def test_the_preparer_is_asked_to_check_unverified_matches(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "chaemae-2566-scores.csv", tmp_path / "2566.csv")
    doc = build_document(load_params(params_with_previous(tmp_path, "2566.csv")))
    # The E-Service match (FY2567 o13 wording not found) is unverified in the crosswalk.
    note = next(n for n in doc.notes if "crosswalk.yaml" in n)
    assert "o13 = o18" in note and "o29 = o35" in note and "i29" not in note


def test_the_comparison_is_in_the_word_and_html_files_run_writes(tmp_path: Path) -> None:
    import docx  # type: ignore[import-untyped]

    shutil.copy(SAMPLES / "chaemae-2566-scores.csv", tmp_path / "2566.csv")
    params = params_with_previous(tmp_path, "2566.csv")
    out = tmp_path / "out"
    assert main(["run", str(params), "--out", str(out), "--formats", "docx"]) == 0
    word = "\n".join(p.text for p in docx.Document(str(out / "2567" / "chaemae.docx")).paragraphs)
    page = (out / "2567" / "chaemae.html").read_text(encoding="utf-8")
    for text in (word, page):
        assert "คำอธิบายผลการประเมิน" in text and "เปรียบเทียบกับปีงบประมาณ พ.ศ. ๒๕๖๖" in text
        assert "ลดลงจากปีที่ล่วงมาแล้ว ๐.๐๒ คะแนน" in text
        assert "ปี ๒๕๖๖ เป็นข้อ o18 ได้ ๑๐๐.๐๐ คะแนน" in text


@pytest.mark.parametrize(
    ("previous", "said_th", "said_en"),
    [
        ("../not-there.csv", "ไม่พบไฟล์", "file not found"),
        (str(ROOT / "tests" / "fixtures" / "scores_not_a_table.pdf"), "ไม่ใช่ไฟล์ CSV หรือ XLSX",
         "is not a CSV or XLSX file"),
        # This year's file given as last year's.
        ("chaemae-2567-scores.csv", "ไม่มีข้อมูลของปีงบประมาณ 2566", "2566"),
    ],
)
def test_a_previous_file_that_cannot_be_last_years_stops_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], previous: str, said_th: str,
    said_en: str,
) -> None:
    params = params_with_previous(tmp_path, previous)
    out = tmp_path / "out"
    assert main(["run", str(params), "--out", str(out), "--formats", "docx"]) == 2
    err = capsys.readouterr().err
    assert "previous_scores_file" in err and said_th in err and said_en in err
    assert "ไฟล์คะแนนของปีที่ล่วงมาแล้ว" in err and "the previous year's score file" in err
    assert "Traceback" not in err
    assert not list(out.rglob("*.docx")) and not list(out.rglob("*.html"))


def test_another_agencys_previous_file_is_refused(tmp_path: Path) -> None:
    theirs = (SAMPLES / "chaemae-2566-scores.csv").read_text(encoding="utf-8")
    (tmp_path / "2566.csv").write_text(theirs.replace("chaemae,", "nongkhao,"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_document(load_params(params_with_previous(tmp_path, "2566.csv")))
    said = caught.value.render()
    assert "เป็นของหน่วยงานอื่น (รหัส nongkhao) ไม่ใช่ chaemae" in said
    assert "belongs to another agency (org_id nongkhao), not chaemae" in said


def test_no_previous_file_means_no_comparison() -> None:
    doc = build_document(load_params(FY2567, previous_scores_file=None))
    assert doc.previous is None and doc.in_words is not None
    assert [p.heading for p in doc.in_words.passages] == ["", "ผลรายเครื่องมือ"]
