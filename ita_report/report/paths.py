"""Where a report file goes: ``<out>/<fiscal_year>/<org_id><suffix>``, kept inside ``out``.

Every output path of the CLI, the batch and the officer's form is made here; nothing here
writes a file.
"""

from __future__ import annotations

import os
from pathlib import Path

from ita_report.errors import InputError, file_problem
from ita_report.params import ReportParams, is_safe_org_id


def output_path(out_dir: Path, params: ReportParams, suffix: str) -> Path:
    """``<out>/<fiscal_year>/<org_id><suffix>``; ``InputError`` if that is not inside ``out``.

    org_id is validated when params are read, but a ReportParams built in code
    (``model_construct``, ``model_copy``) skips validation: every output path is checked here,
    where all of them are made.
    """
    folder = Path(out_dir) / str(params.fiscal_year)
    path = folder / f"{params.org_id}{suffix}"
    # abspath folds "..", "/" and absolute names without following links an operator may have
    # made on purpose (reports/ on another disk).
    outside = os.path.dirname(os.path.abspath(path)) != os.path.abspath(folder)
    if not is_safe_org_id(str(params.org_id)) or outside:
        raise InputError(
            file_problem(
                "org_id",
                f"รหัสหน่วยงานนี้ใช้เป็นชื่อไฟล์รายงานไม่ได้ เพราะจะเขียนออกนอกโฟลเดอร์ผลลัพธ์ {out_dir}",
                f"cannot name a report file: it would write outside the output folder {out_dir}",
                value=repr(params.org_id),
                expected_th="อักษรอังกฤษ ตัวเลข - _ . เท่านั้น เช่น chaemae",
                expected_en="only A–Z a–z 0–9 - _ . such as chaemae",
            )
        )
    return path
