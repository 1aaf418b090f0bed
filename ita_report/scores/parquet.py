"""Score files as Parquet (tidy or wide), the national-scale format: read through the very checks
a CSV's cells go through, so a bad value gets the same error naming row, column and value.

pyarrow comes with the batch extra: without it, reading says which extra to install. Nothing
here writes a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from ita_report.errors import InputError, file_problem
from ita_report.scores.cells import framework_codes, normalise_extra_codes
from ita_report.scores.checks import _Loader
from ita_report.scores.table import ScoreTable
from ita_report.scores.tabular import _split_header

#: File name endings read as Parquet.
PARQUET_SUFFIXES = (".parquet", ".pq")


def load_parquet(
    path: str | Path, *, year: int | None = None, extra_codes: Iterable[str] = ()
) -> ScoreTable:
    """Read a Parquet score file as :func:`~ita_report.scores.load_scores` reads a CSV one.

    Its columns are the CSV's (long: org_id, fiscal_year, code, score; wide: one column per
    code) and every problem found is raised at once as an ``InputError``.
    """
    file = Path(path)
    extras = normalise_extra_codes(extra_codes)
    if year is not None:
        framework_codes(int(year), file)
    cells = _parquet_cells(file)
    table = _split_header(file, cells, None, None)
    return _Loader(table, None if year is None else int(year), extras).run()


def _parquet_cells(file: Path) -> npt.NDArray[np.object_]:
    if not file.is_file():
        from ita_report.errors import missing_file_problem

        raise InputError(
            missing_file_problem(file, expected_th="ชื่อไฟล์คะแนนที่มีอยู่จริง",
                                 expected_en="the path of an existing score file")
        )
    # pyarrow comes with the batch extra: an officer's install reads CSV and XLSX only.
    from ita_report.extras import require

    require("pyarrow", purpose_th="อ่านไฟล์ Parquet", purpose_en="Reading a Parquet file")
    try:
        frame = pd.read_parquet(file, engine="pyarrow")
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise InputError(
            file_problem(file, "ไม่ใช่ไฟล์ Parquet ที่อ่านได้", f"is not a readable Parquet file ({exc})",
                         expected_th="ไฟล์ .parquet หรือ .csv/.xlsx",
                         expected_en="a .parquet file, or a .csv/.xlsx file")
        ) from None
    # The CSV reader sees text; give it the same text, written the way cell_text writes cells.
    columns = [_as_text(frame[c]) for c in frame.columns]
    body = np.column_stack(columns) if columns else np.zeros((len(frame), 0), dtype=object)
    header = np.array([[str(c) for c in frame.columns]], dtype=object)
    return np.vstack([header, body.astype(object)]) if len(body) else header


def _as_text(column: pd.Series) -> npt.NDArray[np.object_]:
    # Scores repeat a lot (OIT is 0 or 100), so each distinct value is written once.
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    texts = [_cell(u) for u in uniques] + [""]  # the sentinel -1 picks the last: no data
    return np.array(texts, dtype=object)[codes]


def _cell(value: object) -> str:
    if isinstance(value, (float, np.floating)):
        number = float(value)
        # 2566.0 and 5500101.0 are how integers come back from a float column.
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)
