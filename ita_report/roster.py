"""Who the agencies are (ทะเบียนหน่วยงาน): ``Agency`` and the one reader of ``agencies.csv``.

The batch renders every agency of a roster (its name and the params it gives); exploration groups
agencies by type and province. Every bad row is reported at once, naming file, row and column.
Nothing here reads scores or guesses an agency's type or province.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ita_report.errors import InputError, Problem, file_problem, missing_file_problem
from ita_report.text import control_character, line_breaks_as_newlines, strip_invisible
from ita_report.thai import to_arabic_digits

#: Columns a roster may have; others (such as data_note) are ignored.
COLUMNS = ("org_id", "org_name", "short_name", "org_type", "province", "district", "params_file")
#: The columns whose values become params of the agency's report (``Agency.fields``).
PARAMS_COLUMNS = ("short_name", "org_type", "province", "district")
#: What the batch needs: every agency's id and name.
FOR_BATCH = ("org_id", "org_name")
#: What grouping by type and province needs (exploration); the values may be blank (ไม่ทราบ).
FOR_GROUPS = ("org_id", "org_type", "province")
PARQUET_SUFFIXES = (".parquet", ".pq")
#: Blank ids are reported up to this many: a roster of thousands gives one readable message.
MAX_BLANK_REPORTED = 20

_SPACES = re.compile(r"[\s\u200b\u00a0\ufeff]+")


@dataclass(frozen=True)
class Agency:
    """One agency of the roster (หน่วยงาน), with where it was read (for error messages)."""

    org_id: str
    org_name: str = ""
    short_name: str = ""
    org_type: str = ""  # ประเภท, e.g. ทม. อบต.
    province: str = ""  # จังหวัด
    district: str = ""  # อำเภอ
    params_file: Path | None = None  # the agency's own params, beside the roster
    where: str = ""  # "agencies.csv row 5"

    @property
    def fields(self) -> tuple[tuple[str, str], ...]:
        """The roster's values that become params (non-empty ones only)."""
        return tuple((c, getattr(self, c)) for c in PARAMS_COLUMNS if getattr(self, c))


def clean_org_id(raw: str) -> str:
    """The id as one sees it: invisible characters gone, spaces as one, Thai digits as Arabic.

    The score files' ids are cleaned the same way, so a roster row finds its scores.

    >>> clean_org_id("๕๕๒๐\\u200b๑๐๑ ")
    '5520101'
    """
    if raw.isascii():  # most ids: nothing invisible, no Thai digits
        return " ".join(raw.split())
    return to_arabic_digits(_SPACES.sub(" ", strip_invisible(raw)).strip())


def read_agencies(
    path: str | Path,
    *,
    required: Sequence[str] = FOR_BATCH,
    filled: Sequence[str] | None = None,
) -> tuple[Agency, ...]:
    """Read a roster (CSV UTF-8, XLSX or Parquet), in file order.

    ``required`` columns must be in the header, and ``filled`` ones (default: ``required``)
    given on every row; ``org_id`` always is, once per agency. Raises ``InputError`` naming the
    file, row, column and value of every problem.
    """
    file = Path(path)
    frame = _table(file)
    need = ("org_id", *(c for c in required if c != "org_id"))
    missing = [c for c in need if c not in frame.columns]
    if missing:
        optional = [c for c in COLUMNS if c not in need]
        raise InputError(
            file_problem(
                file, f"ไม่มีคอลัมน์ที่จำเป็น: {', '.join(missing)}",
                f"missing required columns: {', '.join(missing)}", where="row 1",
                expected_th=f"หัวตาราง {', '.join(need)} และ (ถ้ามี) {', '.join(optional)}",
                expected_en=f"a header {', '.join(need)} and optionally {', '.join(optional)}",
            )
        )
    values = {c: _column(frame, c) for c in COLUMNS}
    values["org_id"] = [clean_org_id(v) for v in values["org_id"]]
    problems: list[Problem] = []
    for column in COLUMNS:
        # A name is one line: a line break pasted from Word (vertical tab) is a space; any other
        # control character is refused (Word and Excel cannot save it).
        values[column] = [" ".join(line_breaks_as_newlines(v).split()) if v and
                          line_breaks_as_newlines(v) != v else v for v in values[column]]
        for n, v in enumerate(values[column]):
            char = control_character(v) if v else None
            if char is not None:
                problems.append(file_problem(
                    file, f"มีอักขระควบคุมที่มองไม่เห็น ({char}) ในคอลัมน์ {column}",
                    f"{column} holds an invisible control character ({char})",
                    where=f"row {n + 2}", column=column, value=char,
                    expected_th="ข้อความที่ไม่มีอักขระนี้", expected_en="the text without it"))
    must = ("org_id", *(c for c in (required if filled is None else filled) if c != "org_id"))
    for column in must:
        blank = [n for n, v in enumerate(values[column]) if not v]
        for n in blank[:MAX_BLANK_REPORTED]:
            problems.append(file_problem(
                file, f"ไม่มีค่าในคอลัมน์ {column}", f"{column} is empty", where=f"row {n + 2}",
                column=column, expected_th="ค่าในทุกแถว", expected_en="a value on every row",
            ))
    rows: dict[str, list[int]] = {}
    for n, org_id in enumerate(values["org_id"]):
        if org_id:
            rows.setdefault(org_id, []).append(n + 2)  # the header is row 1
    for org_id, found in rows.items():
        if len(found) > 1:
            listed = ", ".join(str(r) for r in found)
            problems.append(file_problem(
                file, f"รหัสหน่วยงาน {org_id} ซ้ำกันที่แถว {listed}",
                f"org_id {org_id} appears on rows {listed}", where=f"row {found[1]}",
                column="org_id", value=org_id, expected_th="หนึ่งแถวต่อหน่วยงาน",
                expected_en="one row per agency",
            ))
    if problems:
        raise InputError(problems)
    return tuple(
        Agency(org_id, name, short, kind, province, district,
               file.parent / own if own else None, f"{file} row {n}")
        for n, org_id, name, short, kind, province, district, own in zip(
            range(2, len(frame) + 2), *(values[c] for c in COLUMNS), strict=True
        )
    )


def _table(file: Path) -> pd.DataFrame:
    if not file.is_file():
        raise InputError(
            missing_file_problem(file, "ไม่พบไฟล์ทะเบียนหน่วยงาน", "roster file not found")
        )
    suffix = file.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        # pyarrow comes with the batch extra: an officer's install reads CSV and XLSX only.
        from ita_report.extras import require

        require("pyarrow", purpose_th="อ่านทะเบียนหน่วยงานแบบ Parquet",
                purpose_en="Reading a Parquet roster")
        frame = pd.read_parquet(file)
    elif suffix in (".xlsx", ".xlsm"):
        frame = pd.read_excel(file, dtype=str)
    else:
        try:
            frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                                skip_blank_lines=True)
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise InputError(
                file_problem(
                    file, "อ่านเป็นตาราง CSV (UTF-8) ไม่ได้",
                    f"cannot be read as a UTF-8 CSV table ({type(exc).__name__})",
                    expected_th="ไฟล์ CSV UTF-8 มีหัวตาราง org_id, org_name",
                    expected_en="a UTF-8 CSV with an org_id, org_name header",
                )
            ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _column(frame: pd.DataFrame, name: str) -> list[str]:
    if name not in frame.columns:
        return [""] * len(frame)
    column = frame[name]
    return column.where(column.notna(), "").astype(str).str.strip().tolist()
