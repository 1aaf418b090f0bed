"""Reading a pasted ITAS result page (ita_report/scores/paste.py) and refusing what is unclear.

The pastes in tests/fixtures/paste_*.txt are constructed (tests/fixtures/paste_README.md).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ita_report.cli import main
from ita_report.errors import InputError
from ita_report.scores.paste import read_paste

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
LAYOUTS = ("tabs", "pdf", "thai_digits", "khor")
SAMPLES = {2569: "other-2569-scores.csv", 2566: "chaemae-2566-scores.csv"}


def _sample(year: int) -> dict[str, float]:
    with (ROOT / "data" / "samples" / SAMPLES[year]).open(encoding="utf-8") as handle:
        return {r["code"]: float(r["score"]) for r in csv.DictReader(handle)
                if r["code"] not in ("i37", "i48")}


@pytest.mark.parametrize("year", [2569, 2566])
def test_four_layouts_read_as_the_same_scores_wording_and_totals(year: int) -> None:
    pastes = {layout: read_paste(FIXTURES / f"paste_{layout}_{year}.txt") for layout in LAYOUTS}
    tabs = pastes["tabs"]
    assert tabs.scores() == _sample(year)
    assert len(tabs.texts()) >= 70  # every item with its wording (FY2569's o7 made up too)
    for layout, paste in pastes.items():
        assert paste.scores() == tabs.scores(), layout
        assert paste.texts() == tabs.texts(), layout
        assert paste.totals == tabs.totals, layout
    expected = {2569: (90.68, 87.65, 86.25, 88.0, "ผ่านดี"), 2566: (87.89, 89.1, 95.62, 91.35, "ผ่าน")}
    t = tabs.totals
    assert (t.iit, t.eit, t.oit, t.ita, t.level) == expected[year]


def test_wrapped_wording_is_joined_and_page_marks_are_not_wording() -> None:
    paste = read_paste(FIXTURES / "paste_pdf_2569.txt")
    assert paste.texts()["i4"].startswith("บุคลากรในหน่วยงานของท่าน มีการเรียกรับสิ่งดังต่อไปนี้")
    assert not any("หน้า" in t and "/4" in t for t in paste.texts().values())
    # The title lines before the items are listed as not used, never read as an item.
    assert [n for n, _ in paste.unread] == [1, 2]


def test_indicator_headings_are_read_when_shown() -> None:
    paste = read_paste(FIXTURES / "paste_tabs_2569.txt")
    assert [(i.number, i.name_th) for i in paste.indicators][:2] == [
        (1, "การปฏิบัติหน้าที่"), (2, "การใช้งบประมาณ")]
    assert paste.grouped[1] == ("i1", "i2", "i3", "i4", "i5", "i6")


@pytest.mark.parametrize(
    ("text", "code", "score"),
    [
        ("ข้อที่ ๐๑๗ รายงานผลการสำรวจความพึงพอใจ ๐.๐๐", "o17", 0.0),
        ("O1. โครงสร้าง\t100", "o1", 100.0),
        ("I 14 ท่านได้รับการประเมินผลการปฏิบัติงาน 80.56 คะแนน", "i14", 80.56),
        ("3) e๓ เจ้าหน้าที่ให้ข้อมูล ๙๐", "e3", 90.0),
    ],
)
def test_codes_as_people_type_them(tmp_path: Path, text: str, code: str, score: float) -> None:
    path = tmp_path / "paste.txt"
    path.write_text(text + "\n", encoding="utf-8")
    assert read_paste(path).scores() == {code: score}


def test_a_year_at_the_end_of_a_wording_line_is_wording_not_a_score(tmp_path: Path) -> None:
    path = tmp_path / "paste.txt"
    path.write_text("o26\nรายงานผลการดำเนินการ ปีงบประมาณ พ.ศ. 2568\n0.00\n", encoding="utf-8")
    paste = read_paste(path)
    assert paste.scores() == {"o26": 0.0}
    assert paste.texts()["o26"] == "รายงานผลการดำเนินการ ปีงบประมาณ พ.ศ. 2568"


def _corrupt(tmp_path: Path, change: str) -> tuple[Path, int]:
    """paste_tabs_2569.txt with one corruption; the line number it is on."""
    lines = (FIXTURES / "paste_tabs_2569.txt").read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("i14\t"))
    if change == "out_of_range":
        lines[at] = lines[at].rsplit("\t", 1)[0] + "\t185"
    elif change == "twice":
        lines.insert(at + 3, lines[at].rsplit("\t", 1)[0] + "\t95.00")
        at += 3
    elif change == "garbage":
        lines.insert(at + 1, "#@!$ 12ab ??")
        at += 1
    elif change == "no_score":
        lines[at] = lines[at].rsplit("\t", 1)[0]
        at += 1  # refused where the next item starts
    path = tmp_path / f"paste_{change}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, at + 1


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("out_of_range", "185"),
        ("twice", "95"),
        ("garbage", "#@!$ 12ab ??"),
        ("no_score", "i14"),
    ],
)
def test_a_corrupted_paste_is_refused_naming_the_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str, said: str
) -> None:
    path, line = _corrupt(tmp_path, change)
    with pytest.raises(InputError) as caught:
        read_paste(path)
    assert [p.where for p in caught.value.problems] == [f"line {line}"]
    out = tmp_path / "scores.xlsx"
    assert main(["import", str(path), "--year", "2569", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"บรรทัด {line}" in err and f"line {line}" in err and said in err
    assert "Traceback" not in err
    assert not out.exists()
    assert not list(tmp_path.glob("*.xlsx*"))  # no temporary file left either


def test_a_paste_with_no_item_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "paste.txt"
    path.write_text("ผลการประเมิน\nคะแนน ITA 87.50\n", encoding="utf-8")
    with pytest.raises(InputError, match="no item code with a score"):
        read_paste(path)


def test_totals_lines_are_read(tmp_path: Path) -> None:
    path = tmp_path / "paste.txt"
    path.write_text("o1 โครงสร้าง 100\nคะแนน ITA ๘๗.๕๐\nระดับผลการประเมิน ผ่าน\n", encoding="utf-8")
    totals = read_paste(path).totals
    assert (totals.ita, totals.level, totals.iit) == (87.5, "ผ่าน", None)
