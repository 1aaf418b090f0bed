"""The roster (ทะเบียนหน่วยงาน): one reader for the batch and for exploration, errors by row."""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_report.errors import InputError
from ita_report.roster import FOR_GROUPS, Agency, read_agencies


def write(tmp_path: Path, text: str, name: str = "agencies.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_batch_roster_gives_names_params_and_where(tmp_path: Path) -> None:
    path = write(tmp_path, "org_id,org_name,short_name,org_type,params_file,data_note\n"
                           "5520101,เทศบาลตำบลแจ้ห่ม,ทต.แจ้ห่ม,ทต.,own/a.yaml,ignored\n"
                           "5520102,อบต.ป่าตัน,,,,\n")
    first, second = read_agencies(path)
    assert first == Agency("5520101", "เทศบาลตำบลแจ้ห่ม", "ทต.แจ้ห่ม", "ทต.",
                           params_file=tmp_path / "own" / "a.yaml", where=f"{path} row 2")
    assert first.fields == (("short_name", "ทต.แจ้ห่ม"), ("org_type", "ทต."))
    assert second.fields == () and second.params_file is None


def test_an_id_is_read_as_the_score_files_read_it(tmp_path: Path) -> None:
    # A zero-width space pasted from a web page, Thai digits: the id the eye reads.
    path = write(tmp_path, "org_id,org_name\n๕๕๒๐\u200b๑๐๑,หนึ่ง\n")
    assert [a.org_id for a in read_agencies(path)] == ["5520101"]


def test_a_repeated_id_names_its_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "org_id,org_name\na1,หนึ่ง\na1,สอง\n", name="dup.csv")
    with pytest.raises(InputError) as info:
        read_agencies(path)
    text = str(info.value)
    assert "dup.csv" in text and "row 3" in text and "แถว 3" in text and "2, 3" in text


def test_every_blank_required_value_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "org_id,org_name\nok1,หน่วยงาน\n,ไม่มีรหัส\nok3,\n")
    with pytest.raises(InputError) as info:
        read_agencies(path)
    found = {(p.where, p.column) for p in info.value.problems}
    assert found == {("row 3", "org_id"), ("row 4", "org_name")}


def test_grouping_needs_type_and_province_columns_but_not_their_values(tmp_path: Path) -> None:
    path = write(tmp_path, "org_id,org_type,province\na1,ทม.,\n")
    assert read_agencies(path, required=FOR_GROUPS, filled=("org_id",))[0].org_type == "ทม."
    no_province = write(tmp_path, "org_id,org_name\na1,หนึ่ง\n", name="names.csv")
    with pytest.raises(InputError) as info:
        read_agencies(no_province, required=FOR_GROUPS)
    assert "province" in str(info.value) and "row 1" in str(info.value)


def test_a_missing_roster_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_agencies(tmp_path / "nope.csv")
    assert "nope.csv" in str(info.value)


def test_a_pasted_line_break_in_a_name_is_a_space_and_other_controls_are_refused(
    tmp_path: Path,
) -> None:
    # Issue 21 case 7: an org_name with \v failed that agency's batch run (English ValueError).
    path = write(tmp_path, "org_id,org_name\n5520101,เทศบาลตำบล\vแจ้ห่ม\n")
    assert [a.org_name for a in read_agencies(path)] == ["เทศบาลตำบล แจ้ห่ม"]
    path = write(tmp_path, "org_id,org_name\n5520101,เทศบาล\x1fแจ้ห่ม\n")
    with pytest.raises(InputError) as caught:
        read_agencies(path)
    message = str(caught.value)
    assert "row 2" in message and "org_name" in message and "U+001F" in message
    assert "อักขระควบคุม" in message
