"""A params file with a mistake is refused with its file and line, before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

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
