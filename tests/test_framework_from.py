"""``ita-report framework --from`` (ita_report/officer/framework_from.py): an agency whose ITAS
result has other items than the shipped year's file gets its own framework file, which
``framework --file``, ``import --framework`` and a run with ``framework_file:`` accept."""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_report.cli import main
from ita_report.framework import read_framework_file

FIXTURES = Path(__file__).parent / "fixtures"
O33 = FIXTURES / "paste_tabs_o33_2568.txt"


def test_import_of_codes_the_year_lacks_names_framework_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scores.xlsx"
    assert main(["import", str(O33), "--year", "2568", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "o27, o28, o29, o30, o31, o32, o33" in err
    assert f"ita-report framework --from {O33} --year 2568" in err
    assert not out.exists()


def test_a_paste_with_o27_to_o33_makes_a_framework_a_run_uses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    framework = tmp_path / "framework-2568.yaml"
    assert main(["framework", "--from", str(O33), "--year", "2568", "--out", str(framework)]) == 0
    assert "o27, o28, o29, o30, o31, o32, o33" in capsys.readouterr().out
    assert main(["framework", "--file", str(framework)]) == 0
    assert "ไฟล์ถูกต้อง" in capsys.readouterr().out
    made = read_framework_file(framework)
    assert made.fiscal_year == 2568
    assert [i.code for i in made.items() if i.code.startswith("o")] == [
        f"o{n}" for n in range(1, 34)]
    # The page lists FY2567's 33 items: numbered as FY2567, so that year's themes apply.
    assert made.numbered_as == 2567
    assert made.item("o32") is not None
    assert made.item("o32").text_th == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"

    scores = tmp_path / "scores.xlsx"
    assert main(["import", str(O33), "--year", "2568", "--out", str(scores), "--framework",
                 str(framework), "--org-id", "tambon", "--org-name", "อบต.ตัวอย่าง"]) == 0
    params = tmp_path / "params.yaml"
    assert main(["new", "--scores", str(scores), "--short-name", "อบต.ตัวอย่าง",
                 "--out", str(params)]) == 0
    text = params.read_text(encoding="utf-8") + f"\nframework_file: {framework.name}\n"
    params.write_text(text.replace("\nframework_file: ''\n", "\n"), encoding="utf-8")
    assert main(["run", str(params), "--out", str(tmp_path / "reports")]) == 0
    html = (tmp_path / "reports" / "2568" / "tambon.html").read_text(encoding="utf-8")
    assert "อบต.ตัวอย่าง" in html


def test_without_indicator_headings_new_items_join_the_last_indicator(tmp_path: Path) -> None:
    lines = (FIXTURES / "paste_khor_o33_2568.txt").read_text(encoding="utf-8").splitlines()
    paste = tmp_path / "paste.txt"
    # Only o1–o26 and two new ones: not FY2567's list, so the FY2568 structure is followed.
    kept = [line for line in lines if not line.startswith(("ข้อ O27", "ข้อ O28", "ข้อ O29",
                                                          "ข้อ O30", "ข้อ O31"))]
    paste.write_text("\n".join(kept) + "\n", encoding="utf-8")
    framework = tmp_path / "framework.yaml"
    assert main(["framework", "--from", str(paste), "--year", "2568", "--out",
                 str(framework)]) == 0
    made = read_framework_file(framework)
    assert made.numbered_as is None
    last = made.indicator(10).all_items()
    assert [i.code for i in last][-2:] == ["o32", "o33"]
    assert main(["framework", "--from", str(paste), "--year", "2568", "--out",
                 str(framework)]) == 2  # an existing file is not replaced without --force
