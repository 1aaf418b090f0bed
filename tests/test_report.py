"""``ita-report run`` on the sample reproduces the seed document; another agency gets its own.

Runs the real command (papermill and nbconvert) and reads the HTML the way a reader would.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from ita_report.codes import normalize_code
from ita_report.report import COLUMNS_TH

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).parent / "fixtures" / "seed-chaemae-2566-measures.txt"
SEED_LIMITATIONS = (
    "ขาดบุคลากรที่มีความรู้ความสามารถด้านไอที",
    "เจ้าหน้าที่ที่เกี่ยวข้องไม่ให้ความร่วมมือในการให้ข้อมูลบนเว็บไซต์ของหน่วยงาน",
    "บุคลากรในหน่วยงานไม่เข้าใจถึงหน้าที่ที่ต้องร่วมมือเพื่อยกระดับคะแนน ITA",
)

#: Typing slips in the seed's item wording that the official item list corrects.
SEED_ITEM_SLIPS = {
    "ไม่น้อยเพียงใด": "มากน้อยเพียงใด",  # e1
    "อำนวยการหน้าที่": "อำนาจหน้าที่",  # o3
}
#: Words the seed's officer left out; the catalogue writes them (compared after squash()).
SEED_TYPOS = (
    ("ความพึงพอใจการ๒.", "ความพึงพอใจการให้บริการ๒."),
    ("ให้เป็นไปตัวชี้วัด", "ให้เป็นไปตามตัวชี้วัด"),
)


def squash(text: str) -> str:
    """Compare texts as a reader does: spacing, dash style and PDF-extraction slips aside."""
    text = re.sub(r"</?p>", "", text)
    text = re.sub(r"\s+", "", text).replace("–", "-")
    return text.replace("แฉะแม่", "แฉะแม")  # the seed's PDF text drops the tone mark


def unslip(seed_text: str) -> str:
    """The seed's text, squashed, with the words its officer left out put back."""
    text = squash(seed_text)
    for slip, fixed in SEED_TYPOS:
        text = text.replace(slip, fixed)
    # "…ที่ถูกต้องอย่างทั่ว" at the end of the assets measure: "อย่างทั่วถึง".
    return re.sub(r"อย่างทั่ว$", "อย่างทั่วถึง", text)


def seed_rows() -> list[list[str]]:
    rows = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 7 and re.match(r"^\s*[๑-๙]\s*\.", fields[0]):
            rows.append([re.sub(r"</?p>", "", f).strip() for f in fields[:7]])
    return rows


def run_report(params: str, out: Path) -> BeautifulSoup:
    proc = subprocess.run(
        [sys.executable, "-m", "ita_report.cli", "run", params, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    html_files = [p for p in out.glob("*/*.html") if "ผู้จัดทำ" not in p.name]  # not its notes
    assert len(html_files) == 1
    return BeautifulSoup(html_files[0].read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    return run_report("params/chaemae-2566.yaml", tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="module")
def other_report(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    return run_report("params/sample-tambon-2567.yaml", tmp_path_factory.mktemp("reports"))


def body_rows(page: BeautifulSoup) -> list[list[Tag]]:
    table = page.find("table", class_="measures")
    assert isinstance(table, Tag)
    return [row.find_all("td", recursive=False) for row in table.tbody.find_all("tr")]  # type: ignore[union-attr]


def test_page_is_thai_self_contained_and_has_the_seed_columns(seed_report: BeautifulSoup) -> None:
    assert seed_report.html is not None and seed_report.html.get("lang") == "th"
    assert seed_report.find("script") is None
    table = seed_report.find("table", class_="measures")
    assert isinstance(table, Tag)
    names = table.thead.find("tr", class_="column-names")  # type: ignore[union-attr]
    header = [th.get_text(strip=True) for th in names.find_all("th")]  # type: ignore[union-attr]
    assert header == list(COLUMNS_TH)
    # The title line is the first header row, so that print repeats it on every page.
    first = table.thead.find("tr")  # type: ignore[union-attr]
    assert first.get("class") == ["table-title"]  # type: ignore[union-attr]
    assert first.get_text(strip=True).startswith("มาตรการส่งเสริมคุณธรรม")  # type: ignore[union-attr]
    title = seed_report.find("header", class_="title-block")
    assert isinstance(title, Tag)
    assert "เทศบาลเมืองแฉะแม่" in title.get_text() and "๒๕๖๖" in title.get_text()
    # Made today, after FY2567 ended, with no document: date: no date outside the year is
    # printed (the announcement's date is left dotted for the signer).
    assert "จัดทำเมื่อ" not in title.get_text()
    assert "ประกาศ ณ วันที่ .........." in seed_report.get_text()
    # No code, no prompts, no injected parameters in the page.
    text = seed_report.get_text()
    assert "params_file" not in text and "import" not in text and "In [" not in text


def test_the_seven_themes_in_the_seed_order(seed_report: BeautifulSoup) -> None:
    ours = [squash(cells[0].get_text()) for cells in body_rows(seed_report)]
    assert ours[:7] == [squash(row[0]) for row in seed_rows()]
    # Themes the seed did not need, all passing, share one keep-the-standard row at the end.
    assert len(ours) == 8 and "รักษามาตรฐาน" in ours[7]


def codes_in(cell: Tag) -> set[str]:
    return {c for d in cell.find_all("div", class_="item") for c in str(d["data-codes"]).split()}


def test_each_theme_cites_the_seed_items_and_their_wording(seed_report: BeautifulSoup) -> None:
    for cells, seed in zip(body_rows(seed_report)[:7], seed_rows(), strict=True):
        ours = codes_in(cells[1])
        cell_text = squash(cells[1].get_text())
        # Split the seed cell at each code; each code is cited, each wording is there.
        parts = re.split(r"((?:[ieo]|(?<![๐-๙])๐)[๐-๙0-9]+)\s", seed[1] + " ")
        for code_text, wording in zip(parts[1::2], parts[2::2], strict=True):
            code = normalize_code(code_text)
            assert code is not None
            if code != "o4":  # the seed numbers contact information o4; FY2566 has it as o5
                assert code in ours, (seed[0], code)
            for slip, official in SEED_ITEM_SLIPS.items():
                wording = wording.replace(slip, official)
            assert squash(wording) in cell_text, (seed[0], wording)


def test_the_numbers_the_seed_states(seed_report: BeautifulSoup) -> None:
    analysis = [cells[2].get_text(" ", strip=True) for cells in body_rows(seed_report)]
    assert "ได้คะแนนข้อ e๑ ๘๔.๗๗ คะแนน เป็นคะแนนที่ต่ำกว่า ๘๕ คะแนน" in analysis[0]
    assert "ไม่ได้คะแนนข้อ o๑๗" in analysis[1]
    assert "o๑–o๑๐ เฉลี่ย ๑๐๐.๐๐ คะแนน" in analysis[2]
    assert "i๑๔–i๑๕ และข้อ i๒๗" in analysis[5] and "ต่ำกว่า ๘๕" in analysis[5]
    # The seed wrote i๒๕–i๓๐ for a row that does not cite i27: a range names only cited items.
    assert "i๒๕–i๒๖ และข้อ i๒๘–i๓๐ ต่ำกว่า ๘๕" in analysis[6]
    seed = seed_rows()
    for index in (3, 4):  # themes 4 and 5 carry the seed's recommendation text
        recommendation = re.sub(r"^ทม\.แฉะแม่?\s*", "", seed[index][2])
        assert squash(recommendation) in squash(analysis[index])


def test_the_sample_writes_every_code_in_thai_digits_like_its_seed(
    seed_report: BeautifulSoup,
) -> None:
    """params/chaemae-2566.yaml chooses ``document: codes: thai`` (its seed writes e๑, i๑๔):
    every code on the page, in the table, the words and the charts, has Thai digits and the
    small letter; never O๑๗ beside i๒๓, nor o17 beside i๑๔."""
    page = BeautifulSoup(str(seed_report), "html.parser")  # the fixture is shared: a copy
    for hidden in page(["script", "style"]):
        hidden.decompose()
    codes = re.findall(r"(?<![A-Za-z])[oieOIE][0-9๐-๙]+", page.get_text(" ", strip=True))
    assert {"e๑", "i๑๔", "o๑๗"} <= set(codes)
    assert all(re.fullmatch(r"[oie][๐-๙]+", c) for c in codes), sorted(set(codes))
    svg = " ".join(t.get_text() for t in page.select("svg text"))
    assert "o๑๗" in svg or "e๑" in svg  # the gaps chart's row labels


def test_measures_steps_quarters_and_units_are_the_seeds(seed_report: BeautifulSoup) -> None:
    for cells, seed in zip(body_rows(seed_report)[:7], seed_rows(), strict=True):
        measure, steps, quarter, unit = (squash(c.get_text()) for c in cells[3:7])
        assert measure == unslip(seed[3]), seed[0]
        assert steps == unslip(seed[4]), seed[0]
        assert quarter == unslip(seed[5]), seed[0]
        assert unit == unslip(seed[6]), seed[0]


def test_the_three_limitations_follow(seed_report: BeautifulSoup) -> None:
    notes = seed_report.find("ol", class_="limitations")
    assert isinstance(notes, Tag)
    items = [li.get_text(strip=True) for li in notes.find_all("li")]
    assert tuple(items[:3]) == SEED_LIMITATIONS


def test_another_agency_gets_its_own_sensible_table(
    other_report: BeautifulSoup, seed_report: BeautifulSoup
) -> None:
    rows = body_rows(other_report)
    table = other_report.find("table", class_="measures")
    assert isinstance(table, Tag)
    themes = [tr["data-theme"] for tr in table.tbody.find_all("tr")]  # type: ignore[union-attr]
    # Every IIT item passes: the IIT themes keep the standard in the one last row.
    assert "state_assets" not in themes and themes[-1] == "keep_standard"
    assert {"i19", "i24", "i25"} <= codes_in(rows[-1][1])
    text = other_report.get_text(" ", strip=True)
    assert "ไม่ได้คะแนนข้อ o14–o17" in text  # o11–o24 at zero, each in its theme
    # o13's wording is unknown for FY2567: it goes to its sub-indicator 9.2's theme.
    assert "ไม่ได้คะแนนข้อ o11–o12" in text and "ไม่ได้คะแนนข้อ o13" in text
    assert "ไม่ได้คะแนนข้อ o24" in text
    # Every item under target is named in a row that is not the keep-the-standard row.
    cited = set().union(*(codes_in(r[1]) for r in rows[:-1]))
    weak = {f"o{n}" for n in range(11, 25)} | {"e1", "e3", "e5", "e6", "e8", "e10", "e12",
                                                 "e14", "e15"}
    assert weak <= cited
    # An อบต.'s words: its staff and units, never a municipality's.
    for municipal in ("พนักงานเทศบาล", "นายกเทศมนตรี", "กองการศึกษาฯ", "กองสาธารณสุขฯ"):
        assert municipal not in text, municipal
    # No seed sentence that does not apply: nothing about the sample's scores, name, or the
    # seed's advice on IIT items this agency passed.
    for seed_only in (
        "ทม.แฉะแม่",
        "๘๔.๗๗",
        "ควรปรับปรุงการประเมินการปฏิบัติงานจากผู้บังคับบัญชา",
        "ควรมีการจัดทำสื่อประชาสัมพันธ์และเผยแพร่ให้บุคลากร",
        "ควรพัฒนาวิธีการเผยแพร่และประชาสัมพันธ์แผนการดำเนินงาน",
        SEED_LIMITATIONS[2],
    ):
        assert seed_only not in text, seed_only
    assert squash(str(rows)) != squash(str(body_rows(seed_report)))
