"""A params file with a mistake is refused with its file and line, before anything runs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ita_report.cli import main
from ita_report.errors import InputError
from ita_report.params import load_params

GOOD = """\
org_id: demo
org_name: เทศบาลตำบลตัวอย่าง
short_name: ทต.ตัวอย่าง
fiscal_year: 2566
scores_file: scores.csv
"""


def write(tmp_path: Path, text: str, name: str = "params.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_minimal_params_file_loads_with_defaults(tmp_path: Path) -> None:
    params = load_params(write(tmp_path, GOOD))
    assert params.target == 85 and params.thai_digits is True
    assert params.scores_path == tmp_path / "scores.csv"


def test_unknown_key_names_file_line_and_the_valid_keys(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "thai_digit: false\n")
    with pytest.raises(InputError) as info:
        load_params(path)
    message = str(info.value)
    assert "params.yaml" in message
    assert "บรรทัด 6" in message and "line 6" in message
    assert "thai_digit" in message and "thai_digits" in message
    assert "ไม่รู้จัก" in message and "unknown key" in message


def test_missing_field_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("short_name: ทต.ตัวอย่าง\n", ""))
    with pytest.raises(InputError) as info:
        load_params(path)
    assert "short_name" in str(info.value)
    assert "missing" in str(info.value)


def test_mistyped_value_shows_line_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("fiscal_year: 2566", "fiscal_year: สองห้าหกหก"))
    with pytest.raises(InputError) as info:
        load_params(path)
    message = str(info.value)
    assert "line 4" in message and "สองห้าหกหก" in message and "fiscal_year" in message


@pytest.mark.parametrize("org_id", ["../evil", "/etc/passwd", "a/b", "..", ""])
def test_org_id_cannot_point_outside_the_output_folder(tmp_path: Path, org_id: str) -> None:
    path = write(tmp_path, GOOD.replace("org_id: demo", f"org_id: '{org_id}'"))
    with pytest.raises(InputError) as info:
        load_params(path)
    assert "org_id" in str(info.value)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "limitations: [unclosed\n")
    with pytest.raises(InputError) as info:
        load_params(path)
    assert "YAML" in str(info.value) and "line" in str(info.value)


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "limitations: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(InputError):
        load_params(path)


def test_extra_codes_are_normalised(tmp_path: Path) -> None:
    params = load_params(write(tmp_path, GOOD + "extra_codes: [I 37, 'i๔๘']\n"))
    assert params.extra_codes == ("i37", "i48")


# -- what used to be taken in silence (issue 12) ---------------------------------------------------
def error_of(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_params(path)
    return str(info.value)


@pytest.mark.parametrize("written", ["yes", "true", "on", "True"])
def test_a_yes_or_true_target_is_not_one_point(tmp_path: Path, written: str) -> None:
    # Case 5: YAML reads yes/true as a boolean, which pydantic took as 1 ("เป้าหมาย ๑ คะแนน").
    message = error_of(write(tmp_path, GOOD + f"target: {written}\n"))
    assert "บรรทัด 6" in message and "line 6" in message and "target" in message
    assert "85" in message


def test_a_target_written_as_a_fraction_is_refused(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, GOOD + "target: 0.85\n"))
    assert "line 6" in message and "0.85" in message and "write 85" in message


def test_a_key_written_twice_names_both_lines(tmp_path: Path) -> None:
    # Case 7: the last one used to win in silence.
    message = error_of(write(tmp_path, GOOD + "target: 85\nthai_digits: true\ntarget: 20\n"))
    assert "บรรทัด 8" in message and "line 8" in message and "line 6" in message
    assert "target" in message and "ซ้ำ" in message and "twice" in message


def test_a_theme_written_twice_under_theme_overrides_is_refused(tmp_path: Path) -> None:
    text = GOOD + (
        "theme_overrides:\n"
        "  state_assets:\n"
        "    unit_th: กองคลัง\n"
        "  e_service:\n"
        "    drop: true\n"
        "  state_assets:\n"
        "    unit_th: สำนักปลัด\n"
    )
    message = error_of(write(tmp_path, text))
    assert "line 11" in message and "line 7" in message
    assert "theme_overrides" in message and "state_assets" in message


def test_a_billion_laughs_file_is_refused_unexpanded(tmp_path: Path) -> None:
    # Case 12: nine levels of nine aliases, a billion strings once expanded (31 s, 3.4 GB).
    levels = ['lol: &a0 "lol"'] + [
        f"l{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)
    ]
    path = write(tmp_path, "\n".join(levels) + "\n" + GOOD + "limitations: *a9\n")
    message = error_of(path)
    assert "alias" in message and "100,000" in message


def test_a_params_file_of_megabytes_is_refused_unread(tmp_path: Path) -> None:
    # Case 12: a 10 MB org_name ran 34 s and left a 100 MB .failed.ipynb.
    path = write(tmp_path, GOOD.replace("เทศบาลตำบลตัวอย่าง", "ก" * 4_000_000))
    message = error_of(path)
    assert "1,000,000" in message and "bytes" in message and "ไบต์" in message


def test_an_org_name_longer_than_any_agency_is_refused(tmp_path: Path) -> None:
    # Case 11: over ~190 characters, the Word export crashed after the HTML was published.
    message = error_of(write(tmp_path, GOOD.replace("เทศบาลตำบลตัวอย่าง", "ก" * 400)))
    assert "line 2" in message and "org_name" in message and "150" in message
    assert "400 ตัวอักษร" in message  # the value is shown shortened, with its length


def test_a_zero_width_space_in_org_id_is_removed(tmp_path: Path) -> None:
    # Case 4: the id names the report file and must match the score file's.
    params = load_params(write(tmp_path, GOOD.replace("org_id: demo", "org_id: de\u200bmo")))
    assert params.org_id == "demo"


def test_a_folder_given_as_the_params_file_is_called_a_folder(tmp_path: Path) -> None:
    # Case 14.
    message = error_of(tmp_path)
    assert "โฟลเดอร์" in message and "is a folder" in message


def test_a_bad_theme_override_names_the_params_file_and_its_line(tmp_path: Path) -> None:
    # Case 14: the catalogue refuses it, by key path; the message must also say file and line.
    from ita_report.report import build_document

    scores = Path(__file__).resolve().parent.parent / "data" / "samples" / "chaemae-2566-scores.csv"
    text = (
        GOOD.replace("org_id: demo", "org_id: chaemae").replace("scores.csv", str(scores))
        + "extra_codes: [i37, i48]\n"
        "theme_overrides:\n"
        "  state_assets:\n"
        "    unit_th: กองคลัง\n"
        "    measure_thai: ผิดชื่อ\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        build_document(load_params(path))
    message = str(info.value)
    assert str(path) in message and "บรรทัด 10" in message and "line 10" in message
    assert "theme_overrides › state_assets › measure_thai" in message


def test_the_exploration_target_is_a_number_of_points_too() -> None:
    from ita_report.explore.params import AgencyExploreParams
    from ita_report.params import validate_model

    for written in (True, 0.85):
        with pytest.raises(InputError) as info:
            validate_model(AgencyExploreParams, {"org_id": "a", "years": [2566], "target": written})
        assert "target" in str(info.value)


# -- document settings (issue 13) -------------------------------------------------------------
def test_document_settings_default_to_today_without_the_tool_name(tmp_path: Path) -> None:
    document = load_params(write(tmp_path, GOOD)).document
    assert document.font == "Sarabun" and document.font_size is None
    assert document.date is None and not document.show_tool_name and document.letterhead == ""


def test_the_thai_guide_states_the_document_defaults_the_code_has() -> None:
    # Issue 24: README.th said show_tool_name defaults to true; it is false.
    from ita_report.params import DocumentSettings

    guide = (Path(__file__).resolve().parent.parent / "README.th.md").read_text(encoding="utf-8")
    block = guide[guide.index("```yaml\ndocument:"):]
    block = block[: block.index("```", 3)]
    stated = dict(re.findall(r"^  (\w+): .*ค่าเริ่มต้น (\w+)", block, flags=re.M))
    assert {"font", "show_tool_name"} <= stated.keys()
    for key, value in stated.items():
        assert str(DocumentSettings.model_fields[key].default).lower() == value.lower(), key


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2567-10-01", dt.date(2024, 10, 1)),  # Buddhist Era, as officers write it
        ("2024-10-01", dt.date(2024, 10, 1)),
        ("'๒๕๖๗-๑๐-๐๑'", dt.date(2024, 10, 1)),  # Thai digits
        ("2567-02-29", dt.date(2024, 2, 29)),  # a leap day in 2024, though not in CE 2567
    ],
)
def test_document_date_in_either_era(tmp_path: Path, written: str, day: dt.date) -> None:
    text = GOOD + f"document:\n  date: {written}\n  font: Sarabun\n  font_size: 14\n"
    document = load_params(write(tmp_path, text)).document
    assert document.date == day and document.font == "Sarabun" and document.font_size == 14


@pytest.mark.parametrize(
    ("line", "value", "said"),
    [
        ("  font: Angsana New", "Angsana New", "TH Sarabun New"),
        ("  date: 2567-13-01", "2567-13-01", "month must be in 1..12"),
        ("  date: พรุ่งนี้", "พรุ่งนี้", "ปี-เดือน-วัน"),
        ("  font_size: 3", "3", "8–28"),
        # Issue 24: codes as ITAS writes them or with Thai digits, nothing else.
        ("  codes: arabic", "arabic", "ita"),
        # Issue 21 case 5: years no document was ever dated.
        ("  date: 0001-01-01", "0001-01-01", "2500–2700"),
        ("  date: 2400-01-01", "2400-01-01", "2500–2700"),
    ],
)
def test_a_bad_document_setting_names_its_key_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, value: str, said: str
) -> None:
    path = write(tmp_path, GOOD + "document:\n" + line + "\n")
    message = error_of(path)
    assert "document › " + line.split(":")[0].strip() in message
    assert "บรรทัด 7" in message and "line 7" in message
    assert value in message and said in message
    # The CLI prints the same paragraph, without a traceback, and exits 2.
    assert main(["run", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "document › " in err and value in err and "Traceback" not in err


def test_codes_are_written_as_itas_unless_thai_is_chosen(tmp_path: Path) -> None:
    assert load_params(write(tmp_path, GOOD)).document.codes == "ita"
    chosen = load_params(write(tmp_path, GOOD + "document:\n  codes: thai\n")).document
    assert chosen.codes == "thai"


def test_an_unknown_document_key_lists_the_known_ones(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, GOOD + "document:\n  fontsize: 14\n"))
    assert "fontsize" in message and "font_size" in message and "letterhead" in message


@pytest.mark.parametrize("written", ["2560-01-01", "2575-10-01", "2019-05-01"])
def test_a_document_date_far_from_the_fiscal_year_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    # FY2566 results: the measures from 1 Oct 2565, their report up to 30 Sep 2569 (BE).
    path = write(tmp_path, GOOD + f"document:\n  date: {written}\n")
    message = error_of(path)
    assert "document" in message and "date:" in message
    assert "2565-10-01" in message and "2569-09-30" in message
    assert main(["run", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("written", ["2565-10-01", "2569-09-30", "2024-10-01"])
def test_a_document_date_near_the_fiscal_year_is_read(tmp_path: Path, written: str) -> None:
    assert load_params(write(tmp_path, GOOD + f"document:\n  date: {written}\n")).document.date
