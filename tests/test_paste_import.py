"""``ita-report import`` (ita_report/officer/paste_import.py): a pasted ITAS result becomes the
filled score template, and a document made from it shows the agency's own wording."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from ita_report.cli import main
from ita_report.scores import load_scores
from ita_report.scores.paste import read_paste
from ita_report.scores.template import AGENCY_SHEET
from ita_report.thai import to_arabic_digits

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = ("tabs", "pdf", "thai_digits", "khor")
AGENCY = ["--org-id", "sample-tambon", "--org-name", "องค์การบริหารส่วนตำบลตัวอย่าง"]


def _import(paste: Path, out: Path, year: int = 2569, *extra: str) -> int:
    return main(["import", str(paste), "--year", str(year), "--out", str(out), *AGENCY, *extra])


def _official(path: Path) -> dict[str, object]:
    sheet = openpyxl.load_workbook(path)[AGENCY_SHEET]
    found = {}
    for row in sheet.iter_rows(values_only=True):
        key = re.search(r"\((official_\w+)\)$", str(row[0] or ""))
        if key:
            found[key.group(1)] = row[1]
    return found


@pytest.mark.parametrize("year", [2569, 2566])
def test_every_layout_gives_the_same_score_file_and_wording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: int
) -> None:
    tables = {}
    for layout in LAYOUTS:
        out = tmp_path / f"{layout}.xlsx"
        assert _import(FIXTURES / f"paste_{layout}_{year}.txt", out, year) == 0
        tables[layout] = load_scores(out, year=year)
    printed = capsys.readouterr().out
    counts = {2569: "IIT 30 ข้อ, EIT 15 ข้อ, OIT 26 ข้อ", 2566: "IIT 30 ข้อ, EIT 15 ข้อ, OIT 43 ข้อ"}
    assert counts[year] in printed
    first = tables["tabs"].for_agency("sample-tambon", year)
    assert len(first.scores) == {2569: 71, 2566: 88}[year]
    pasted = read_paste(FIXTURES / f"paste_tabs_{year}.txt").texts()
    # The agency's wording where it is not the framework's: every IIT and EIT item here.
    assert {c for c in pasted if c[0] in "ie"} <= set(first.item_texts)
    assert all(pasted[c] == text for c, text in first.item_texts.items())
    for layout, table in tables.items():
        agency = table.for_agency("sample-tambon", year)
        assert agency.scores == first.scores, layout
        assert agency.item_texts == first.item_texts, layout
    assert _official(tmp_path / "khor.xlsx") == _official(tmp_path / "tabs.xlsx")


def test_wording_and_totals_are_in_the_template(tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    assert _import(FIXTURES / "paste_thai_digits_2569.txt", out) == 0
    book = openpyxl.load_workbook(out)
    iit = {row[0]: row for row in book["IIT"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert iit["i14"][3] == 80.56
    assert str(iit["i14"][1]).startswith("ท่านได้รับการประเมินผลการปฏิบัติงาน")
    assert _official(out) == {"official_iit": 90.68, "official_eit": 87.65,
                              "official_oit": 86.25, "official_ita": 88.0,
                              "official_level": "ผ่านดี"}


def test_items_missing_from_the_paste_are_said_and_left_blank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (FIXTURES / "paste_khor_2569.txt").read_text(encoding="utf-8").splitlines()
    paste = tmp_path / "paste.txt"
    paste.write_text("\n".join(line for line in lines if not line.startswith("ข้อ E1 ")),
                     encoding="utf-8")
    out = tmp_path / "scores.xlsx"
    assert _import(paste, out) == 0
    assert "e1" in capsys.readouterr().out.split("items with no score, left blank):")[1]
    assert load_scores(out, year=2569).for_agency("sample-tambon", 2569).scores["e1"] is None


def test_out_is_never_an_existing_file_nor_the_paste_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scores.xlsx"
    out.write_bytes(b"typed scores")
    assert _import(FIXTURES / "paste_tabs_2569.txt", out) == 2
    assert out.read_bytes() == b"typed scores"
    assert "--force" in capsys.readouterr().err
    # A paste saved with the name the output was to have: refused even with --force.
    paste = tmp_path / "pasted.xlsx"
    paste.write_bytes((FIXTURES / "paste_tabs_2569.txt").read_bytes())
    assert _import(paste, paste, 2569, "--force") == 2
    assert "never written over" in capsys.readouterr().err
    assert paste.read_bytes() == (FIXTURES / "paste_tabs_2569.txt").read_bytes()
    assert _import(FIXTURES / "paste_tabs_2569.txt", out, 2569, "--force") == 0


def _document_html(tmp_path: Path, scores: Path) -> str:
    """ita-report new --scores, then ita-report run: the report's HTML, digits in Arabic."""
    params = tmp_path / "params.yaml"
    assert main(["new", "--scores", str(scores), "--short-name", "อบต.ตัวอย่าง",
                 "--out", str(params)]) == 0
    assert main(["run", str(params), "--out", str(tmp_path / "reports")]) == 0
    html = (tmp_path / "reports" / "2569" / "sample-tambon.html").read_text(encoding="utf-8")
    return " ".join(to_arabic_digits(html).split())


def test_a_document_made_from_a_paste_shows_the_pasted_wording(tmp_path: Path) -> None:
    # Every IIT and EIT item below the target, so the document cites each one by its wording.
    lines = (FIXTURES / "paste_pdf_2569.txt").read_text(encoding="utf-8").splitlines()
    codes = {f"i{n}" for n in range(1, 31)} | {f"e{n}" for n in range(1, 16)}
    low, current = [], ""
    for line in lines:
        if line in codes:
            current = line
        if current and re.fullmatch(r"(?:.* )?\d+\.\d\d", line) and not line.startswith("o"):
            line = re.sub(r"\d+\.\d\d$", "70.00", line)
            current = ""
        low.append(line)
    paste = tmp_path / "paste.txt"
    paste.write_text("\n".join(low) + "\n", encoding="utf-8")
    wording = read_paste(paste).texts()
    assert all(read_paste(paste).scores()[c] == 70.0 for c in codes)
    out = tmp_path / "scores.xlsx"
    assert _import(paste, out) == 0
    html = _document_html(tmp_path, out)
    missing = [c for c in sorted(codes) if " ".join(wording[c].split()) not in html]
    assert not missing, f"wording not shown for {missing}"


def test_params_item_texts_win_over_the_pasted_wording(tmp_path: Path) -> None:
    from ita_report.params import load_params
    from ita_report.report import build_document

    out = tmp_path / "scores.xlsx"
    assert _import(FIXTURES / "paste_tabs_2569.txt", out) == 0
    params = tmp_path / "params.yaml"
    assert main(["new", "--scores", str(out), "--short-name", "อบต.ตัวอย่าง",
                 "--out", str(params)]) == 0
    text = params.read_text(encoding="utf-8").replace(
        "\nitem_texts: {}\n", "\nitem_texts:\n  e1: ถ้อยคำที่เจ้าหน้าที่พิมพ์เอง\n")
    params.write_text(text, encoding="utf-8")
    doc = build_document(load_params(params))
    shown = {line.codes[0]: line.text_th for row in doc.rows for line in row.item_lines}
    assert shown["e1"] == "ถ้อยคำที่เจ้าหน้าที่พิมพ์เอง"
    assert shown["e6"] == read_paste(FIXTURES / "paste_tabs_2569.txt").texts()["e6"]


def test_a_paste_unlike_the_framework_is_said_with_the_way_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Fewer OIT items than the year's file, and an ITA total the file's weights do not give.
    lines = (FIXTURES / "paste_khor_2569.txt").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(("ข้อ O24", "ข้อ O25", "ข้อ O26"))]
    kept = [line.replace("คะแนน ITA 88.00", "คะแนน ITA 90.00") for line in kept]
    paste = tmp_path / "paste.txt"
    paste.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert _import(paste, tmp_path / "scores.xlsx") == 0
    out = capsys.readouterr().out
    assert "o24, o25, o26" in out
    assert f"ita-report framework --from {paste} --year 2569" in out
    assert "this year's weights may differ" in out


def test_a_template_filled_by_hand_has_no_wording_of_its_own(tmp_path: Path) -> None:
    from conftest import fill_template

    path = fill_template(tmp_path / "filled.xlsx")
    agency = load_scores(path, year=2567).for_agency("sample-tambon", 2567)
    assert agency.scores and agency.item_texts == {}
