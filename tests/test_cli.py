"""``ita-report summarize`` as a user runs it: published results, readable output, clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ita_report.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
INDICATORS_2564 = FIXTURES / "scores_wide_indicators_2564.csv"
SAMPLE_2566 = (
    Path(__file__).resolve().parent.parent / "data" / "samples" / "chaemae-2566-scores.csv"
)


def test_published_fy2564_province_is_reproduced(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(INDICATORS_2564), "--year", "2564", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    province = next(r for r in rows if r["org_id"] == "PROV-52")
    assert province["ita"] == 81.45
    assert province["level"] == "B"
    assert province["weakest_indicator"] == "ind10"
    assert province["items_below_target"] is None  # indicator scores only: no item count
    assert set(province) == {
        "org_id",
        "fiscal_year",
        "iit",
        "eit",
        "oit",
        "ita",
        "level",
        "items_below_target",
        "weakest_indicator",
    }


def test_missing_indicator_is_not_zero(capsys: pytest.CaptureFixture[str]) -> None:
    main(["summarize", str(INDICATORS_2564), "--year", "2564", "--format", "json"])
    rows = {r["org_id"]: r for r in json.loads(capsys.readouterr().out)}
    # 5520101 has ind3 empty and ind5 "-": IIT is the mean of the three it has.
    assert rows["5520101"]["iit"] == round((90 + 85 + 88.2) / 3, 2)


def test_table_is_readable_with_thai_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "summarize",
                str(SAMPLE_2566),
                "--year",
                "2566",
                "--extra-code",
                "i37",
                "--extra-code",
                "i48",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "รหัสหน่วยงาน" in out and "ระดับ" in out
    assert "chaemae" in out and "ผ่าน" in out


def test_csv_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    assert (
        main(
            [
                "summarize",
                str(INDICATORS_2564),
                "--year",
                "2564",
                "--format",
                "csv",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "org_id,fiscal_year,iit,eit,oit,ita,level,items_below_target,weakest_indicator"
    )
    assert any(line.startswith("PROV-52,2564,") and ",81.45,B," in line for line in lines)


BAD_FILES = [
    ("scores_out_of_range.csv", "0–100"),
    ("scores_not_a_number.csv", "ตัวเลข"),
    ("scores_duplicate_conflict.csv", "row"),
    ("scores_unknown_code.csv", "framework"),
    ("scores_missing_columns.csv", "column"),
    ("scores_empty.csv", "empty"),
    ("scores_not_a_table.pdf", "CSV"),
]


@pytest.mark.parametrize(("name", "expected"), BAD_FILES)
def test_bad_files_exit_2_with_a_message_and_write_nothing(
    name: str, expected: str, tmp_path: Path
) -> None:
    out = tmp_path / "summary.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ita_report.cli",
            "summarize",
            str(FIXTURES / name),
            "--year",
            "2566",
            "--format",
            "json",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert name in proc.stderr
    assert expected in proc.stderr
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in proc.stderr)  # Thai
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_unknown_year_lists_the_years(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(SAMPLE_2566), "--year", "2570"]) == 2
    err = capsys.readouterr().err
    assert "2564, 2565, 2566, 2567, 2568, 2569" in err


def _item_file(tmp_path: Path, year: int, scores: dict[str, float]) -> Path:
    from ita_report.framework import load_framework

    lines = ["org_id,fiscal_year,code,score"]
    for item in load_framework(year).items():
        default = 90.0 if item.code[0] in "ie" else 100.0
        lines.append(f"a1,{year},{item.code},{scores.get(item.code, default)}")
    path = tmp_path / f"scores-{year}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_fy2565_indicator_ten_by_sub_indicators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _item_file(tmp_path, 2565, {"o34": 0.0})
    assert main(["summarize", str(path), "--year", "2565", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["ita"], row["level"]) == (92.75, "A")


def test_fy2569_all_full_marks_is_an_excellent_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ita_report.framework import load_framework

    path = _item_file(tmp_path, 2569, {i.code: 100.0 for i in load_framework(2569).items()})
    assert main(["summarize", str(path), "--year", "2569", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["ita"], row["level"]) == (100.0, "ผ่านดีเยี่ยม")


# -- Thai everywhere the officer looks (issue 14) ----------------------------------------------
def _refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    return capsys.readouterr().err


def test_usage_errors_are_said_in_thai_first(capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(["run"], capsys)
    assert "วิธีใช้ (usage): ita-report run" in err
    thai, english = err.strip().splitlines()[-2:]
    assert thai.startswith("ita-report run: ต้องระบุ PARAMS (ไฟล์พารามิเตอร์ YAML")
    assert english.startswith("ita-report run: missing PARAMS; expected ita-report run PARAMS")
    err = _refused(["summarize", str(SAMPLE_2566), "--year", "2566", "--fromat", "csv"], capsys)
    assert "ไม่รู้จัก --fromat csv (หมายถึง --format หรือไม่)" in err
    assert "ตัวเลือก (options)" in _help(["run", "--help"], capsys)


@pytest.mark.parametrize(
    ("args", "thai", "english"),
    [
        # Issue 24: `template` without --out ended in argparse's English line.
        (["template", "--year", "2567"],
         "ita-report template: ต้องระบุ --out (ไฟล์แม่แบบที่จะเขียน) — ที่ถูกต้อง:"
         " ita-report template --year 2567 --out FILE.xlsx",
         "ita-report template: missing --out (the workbook to write); expected"
         " ita-report template --year 2567 --out FILE.xlsx"),
        (["batch"],
         "ต้องระบุ --scores (ไฟล์คะแนนของทุกหน่วยงาน) และ --year (ปีงบประมาณ พ.ศ. เช่น 2569)",
         "missing --scores (score file holding every agency) and --year (fiscal year,"
         " Buddhist Era)"),
        (["import"], "ต้องระบุ PASTED.txt (ไฟล์ข้อความที่วางผลการประเมินไว้)",
         "missing PASTED.txt (the text copied from ITAS)"),
        ([], "ita-report: ต้องระบุ COMMAND (คำสั่งหนึ่งใน summarize, framework, run,",
         "ita-report: missing COMMAND (one of the commands summarize,"),
    ],
    ids=["template", "batch", "import", "no-command"],
)
def test_a_missing_argument_is_named_with_its_help_in_both_languages(
    args: list[str], thai: str, english: str
) -> None:
    proc = subprocess.run([sys.executable, "-m", "ita_report.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    assert proc.returncode == 2
    said_th, said_en = proc.stderr.strip().splitlines()[-2:]
    assert thai in said_th and english in said_en
    assert "the following arguments are required" not in proc.stderr
    assert "error:" not in proc.stderr


def _help(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main(args)
    return capsys.readouterr().out


def test_a_mistyped_command_gets_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(["rnu", "params/chaemae-2566.yaml"], capsys)
    assert "ไม่มีค่า rnu (หมายถึง run หรือไม่)" in err


def test_two_digit_years_are_buddhist_era_and_said_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    extra = ["--extra-code", "i37", "--extra-code", "i48", "--format", "csv"]
    assert main(["summarize", str(SAMPLE_2566), "--year", "66", *extra]) == 0
    said = capsys.readouterr()
    assert "อ่านปี 66 เป็นปีงบประมาณ พ.ศ. 2566" in said.err and "chaemae" in said.out
    assert main(["summarize", str(SAMPLE_2566), "--year", "๒๕๖๖", *extra]) == 0
    capsys.readouterr()
    err = _refused(["summarize", str(SAMPLE_2566), "--year", "2023"], capsys)
    assert "ปี 2023 เป็นปี ค.ศ." in err and "2566" in err


def test_a_missing_file_names_the_closest_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "คะแนน-2567.xlsx").write_bytes(b"")
    assert main(["summarize", str(tmp_path / "คะแนน2567.xlsx"), "--year", "2567"]) == 2
    err = capsys.readouterr().err
    assert "ไม่พบไฟล์" in err and f"หมายถึง {tmp_path / 'คะแนน-2567.xlsx'} หรือไม่" in err


def test_params_mistakes_are_said_in_thai(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "org_id: แฉะแม่\norg_name: เทศบาล\nshort_name: ทม.\nfiscal_year: 2566\n"
        f"scores_file: {SAMPLE_2566}\ntarget: 85 คะแนน\nthai_digit: false\n",
        encoding="utf-8",
    )
    assert main(["run", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    thai = [line for line in err.splitlines() if line.startswith("ไฟล์")]
    assert any("target" in line and "ต้องเป็นตัวเลข" in line for line in thai), err
    assert any("org_id" in line and "อักษรอังกฤษ" in line for line in thai), err
    assert any("thai_digit" in line and "หมายถึง thai_digits หรือไม่" in line for line in thai)
    assert not (tmp_path / "out").exists()
