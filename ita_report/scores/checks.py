"""One pass over a score table's cells: every code, score, year and agency id checked at once.

Problems are collected for the rows that fail and raised together, sorted top-down, each naming
the file, the cell, the column and the value; a table is returned only when none was found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from ita_report.codes import normalize_code
from ita_report.errors import InputError, Problem, UnknownYearError, file_problem
from ita_report.scores.cells import (
    BLANK,
    INVISIBLE,
    NOT_NUMBER,
    OUT_OF_RANGE,
    SPACED,
    clean_org_id,
    code_ranges,
    factorize,
    framework_codes,
    parse_score,
    parse_year,
    shown,
    suggestions,
    th_where,
    variant_hint,
)
from ita_report.scores.table import COLUMNS, ScoreTable
from ita_report.scores.tabular import _classify_columns, _RawTable
from ita_report.text import control_character


@dataclass(frozen=True)
class _Cells:
    """Score cells in file order, one per (row, code), before their values are checked."""

    row_pos: npt.NDArray[np.intp]  # index into the body rows
    col: npt.NDArray[np.intp]  # column of the score cell
    codes: npt.NDArray[np.object_]  # normalised code, None where it is not one
    raw: npt.NDArray[np.object_]  # the score as written
    code_ok: npt.NDArray[np.bool_]
    pending: npt.NDArray[np.bool_]  # code not in the row's year: an error only if filled in


class _Loader:
    """One pass over a file: vectorised checks, Problems only for the rows that fail."""

    def __init__(self, table: _RawTable, year: int | None, extras: frozenset[str]) -> None:
        self.table = table
        self.year = year
        self.extras = extras
        self.columns = _classify_columns(table, year)
        # (row number, column index, problem): sorted so the user reads the file top-down.
        self.problems: list[tuple[int, int, Problem]] = []
        self.only_unknown_years = True
        self.year_row = np.zeros(0, dtype=np.int64)  # fiscal year of each body row
        self.known: dict[int, frozenset[str]] = {}  # codes allowed per fiscal year

    # .. helpers ..................................................................................
    def add(self, row: int, col: int, problem: Problem, *, unknown_year: bool = False) -> None:
        self.problems.append((row, col, problem))
        self.only_unknown_years &= unknown_year

    def header(self, col: int) -> str:
        return self.table.header[col]

    def cell_problem(
        self,
        row: int,
        col: int,
        value: str,
        problem_th: str,
        problem_en: str,
        expected_th: str | None = None,
        expected_en: str | None = None,
        *,
        column: str | None = None,
    ) -> Problem:
        return file_problem(
            self.table.path,
            problem_th,
            problem_en,
            where=self.table.where(row, col),
            column=column or self.header(col),
            value=value,
            expected_th=expected_th,
            expected_en=expected_en,
        )

    # .. the pass .................................................................................
    def run(self) -> ScoreTable:
        table, roles = self.table, self.columns.roles
        n = len(table.body)
        org_col = roles["org_id"]
        self.uncached_formulas()
        org_raw = table.body[:, org_col]
        org_ids, org_uniques = factorize(org_raw)
        org_clean = np.array([clean_org_id(u) for u in org_uniques], dtype=object)
        org_row = org_clean[org_ids]
        ok_row: npt.NDArray[np.bool_] = org_row != ""
        for i in np.flatnonzero(~ok_row).tolist():
            self.add(
                int(table.rows[i]),
                org_col,
                self.cell_problem(
                    int(table.rows[i]),
                    org_col,
                    str(org_raw[i]),
                    "ไม่มีรหัสหน่วยงาน",
                    "org_id is empty",
                    "รหัสหน่วยงานของแถวนี้",
                    "the agency's id on every row",
                ),
            )
        if "org_name" in roles:
            names = table.body[:, roles["org_name"]]
            name_ids, name_uniques = factorize(names)
            name_row = np.array(
                [INVISIBLE.sub(" ", u).strip() for u in name_uniques], dtype=object
            )[name_ids]
            # A line break pasted into a name is a space (INVISIBLE above); any other control
            # character is refused: Word and Excel cannot save it (issue 21).
            # Checked once per distinct name, reported at its first row.
            for u, name in enumerate(name_uniques):
                char = control_character(name)
                if char is None:
                    continue
                row = int(table.rows[int(np.flatnonzero(name_ids == u)[0])])
                self.add(row, roles["org_name"], self.cell_problem(
                    row, roles["org_name"], char,
                    f"ชื่อหน่วยงานมีอักขระควบคุมที่มองไม่เห็น ({char})",
                    f"org_name holds an invisible control character ({char})",
                    "ชื่อที่ไม่มีอักขระนี้", "the name without it"))
        else:
            name_row = np.full(n, "", dtype=object)

        year_row, year_ok = self.years(n)
        self.year_row = year_row
        ok_row &= year_ok
        known_by_year = self.frameworks(year_row, ok_row)
        ok_row &= np.isin(year_row, np.array(sorted(known_by_year), dtype=np.int64))

        if self.columns.layout == "long":
            cells = self.long_cells(ok_row)
        else:
            cells = self.wide_cells(ok_row)
        row_pos, score_col, codes, raw_scores = cells.row_pos, cells.col, cells.codes, cells.raw
        cell_rows = table.rows[row_pos]

        score_ids, score_uniques = factorize(raw_scores)
        parsed = [parse_score(u) for u in score_uniques]
        values = np.array([p[0] for p in parsed], dtype=np.float64)[score_ids]
        status = np.array([p[1] for p in parsed], dtype=np.int8)[score_ids]
        bad_score = (status == NOT_NUMBER) | (status == OUT_OF_RANGE) | (status == SPACED)
        for i in np.flatnonzero(bad_score).tolist():
            self.score_problem(
                int(cell_rows[i]), int(score_col[i]), str(raw_scores[i]), int(status[i])
            )

        for i in np.flatnonzero(cells.pending & (status != BLANK)).tolist():
            row, col = int(cell_rows[i]), int(score_col[i])
            problem = self.unknown_code(
                row,
                col,
                str(raw_scores[i]),
                str(codes[i]),
                int(year_row[row_pos[i]]),
                column=self.header(col),
            )
            self.add(row, col, problem)

        good = cells.code_ok & ~bad_score
        keep = self.deduplicate(
            good,
            org_row[row_pos],
            year_row[row_pos],
            codes,
            values,
            raw_scores,
            cell_rows,
            score_col,
        )
        if self.problems:
            self.problems.sort(key=lambda p: (p[0], p[1]))
            problems = [p for _, _, p in self.problems]
            raise (UnknownYearError if self.only_unknown_years else InputError)(problems)

        sel = np.flatnonzero(keep)
        prefixes = np.array([table.where_prefix(c) for c in range(len(table.header))], dtype=object)
        row_text = table.rows.astype(np.dtypes.StringDType())
        where = np.strings.add(
            prefixes[score_col[sel]].astype(np.dtypes.StringDType()),
            row_text[row_pos[sel]],
        ).astype(object)
        frame = pd.DataFrame(
            {
                "org_id": pd.Series(org_row[row_pos[sel]], dtype=object),
                "org_name": pd.Series(name_row[row_pos[sel]], dtype=object),
                "fiscal_year": pd.Series(year_row[row_pos[sel]], dtype=np.int64),
                "code": pd.Series(codes[sel], dtype=object),
                "score": pd.Series(values[sel], dtype=np.float64),
                "where": pd.Series(where, dtype=object),
            },
            columns=list(COLUMNS),
        )
        return ScoreTable(
            path=table.path,
            frame=frame,
            ignored_columns=self.columns.ignored,
            extra_codes=self.extras,
            layout=self.columns.layout,
            encoding=table.encoding,
        )

    def uncached_formulas(self) -> None:
        """A formula with no saved result in a column that is read: its value is unknown.

        Read as empty it would silently drop the item ("no data"), so it is refused instead,
        saying how to get the result saved. Formulas in columns that are not read are let be.
        """
        table = self.table
        used = {*self.columns.roles.values(), *(c for c, _ in self.columns.codes)}
        for row, col, formula in table.uncached:
            if col not in used or row <= table.header_row:
                continue
            self.add(
                row,
                col,
                self.cell_problem(
                    row,
                    col,
                    f"={formula}",
                    "เป็นสูตรที่ไม่มีผลลัพธ์บันทึกไว้ในไฟล์ (ไฟล์ที่สร้างด้วยโปรแกรม หรือสูตรที่ลิงก์ไปไฟล์อื่น)"
                    " จึงไม่รู้ค่า",
                    "is a formula whose result was never saved in the file (a file written by"
                    " a program, or a formula linked to another workbook), so its value is"
                    " unknown",
                    "เปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกอีกครั้ง (โปรแกรมจะคำนวณและบันทึกผลลัพธ์)"
                    " หรือพิมพ์ตัวเลขแทนสูตร",
                    "the file opened in Excel or LibreOffice and saved again (they compute and"
                    " save the result), or the number typed instead of the formula",
                ),
            )

    def years(self, n: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        table, roles = self.table, self.columns.roles
        if "fiscal_year" not in roles:
            assert self.year is not None
            return np.full(n, self.year, dtype=np.int64), np.ones(n, dtype=bool)
        col = roles["fiscal_year"]
        raw = table.body[:, col]
        ids, uniques = factorize(raw)
        parsed = [parse_year(u) for u in uniques]
        year_row = np.array([p[0] or 0 for p in parsed], dtype=np.int64)[ids]
        bad_unique = np.array([p[1] != "" for p in parsed], dtype=bool)
        ok = ~bad_unique[ids]
        for i in np.flatnonzero(~ok).tolist():
            value, reason = parsed[ids[i]]
            row = int(table.rows[i])
            if reason == "ce":
                assert value is not None
                problem = self.cell_problem(
                    row,
                    col,
                    str(raw[i]),
                    f"ปี {value} เป็นปี ค.ศ. แต่ปีงบประมาณต้องเป็นปี พ.ศ.",
                    f"{value} looks like a Common Era year; fiscal years are Buddhist Era",
                    f"{value + 543}",
                    f"{value + 543}",
                )
            elif reason == "blank":
                problem = self.cell_problem(
                    row,
                    col,
                    str(raw[i]),
                    "ไม่มีปีงบประมาณ",
                    "fiscal year is empty",
                    "ปี พ.ศ. เช่น 2566",
                    "a Buddhist Era year such as 2566",
                )
            else:
                problem = self.cell_problem(
                    row,
                    col,
                    str(raw[i]),
                    "ไม่ใช่ปีงบประมาณ",
                    "is not a fiscal year",
                    "ปี พ.ศ. สี่หลัก เช่น 2566",
                    "a four-digit Buddhist Era year such as 2566",
                )
            self.add(row, col, problem)
        if self.year is not None:
            present = sorted(set(np.unique(year_row[ok]).tolist()))
            if self.year not in present and not self.problems:
                listed = ", ".join(str(y) for y in present) or "-"
                raise InputError(
                    file_problem(
                        table.path,
                        f"ไม่มีข้อมูลของปีงบประมาณ {self.year} (ในไฟล์มีปี {listed})",
                        f"has no rows for fiscal year {self.year}; the file has {listed}",
                        column=table.header[col],
                        value=self.year,
                        expected_th=f"ปีที่มีในไฟล์: {listed}",
                        expected_en=f"one of the years in the file: {listed}",
                    )
                )
            ok &= year_row == self.year
        return year_row, ok

    def frameworks(
        self, year_row: npt.NDArray[np.int64], ok_row: npt.NDArray[np.bool_]
    ) -> dict[int, frozenset[str]]:
        known: dict[int, frozenset[str]] = {}
        col = self.columns.roles.get("fiscal_year", -1)
        for value in np.unique(year_row[ok_row]).tolist():
            first = int(np.flatnonzero(ok_row & (year_row == value))[0])
            row = int(self.table.rows[first])
            try:
                known[int(value)] = framework_codes(
                    int(value),
                    self.table.path,
                    where=self.table.where(row, max(col, 0)),
                    column=self.table.header[col] if col >= 0 else None,
                )
            except UnknownYearError as exc:
                count = int((ok_row & (year_row == value)).sum())
                for problem in exc.problems:
                    if count > 1:
                        problem = dataclasses.replace(
                            problem,
                            problem_th=problem.problem_th + f" ({count} แถว)",
                            problem_en=problem.problem_en + f" ({count} rows)",
                        )
                    self.add(row, max(col, 0), problem, unknown_year=True)
        self.known = known
        return known

    def allowed(self, codes: Sequence[str | None]) -> dict[int, npt.NDArray[np.bool_]]:
        """Per fiscal year, which of ``codes`` (distinct values) a row of that year may use."""
        return {
            year: np.array(
                [c is not None and (c in known or c in self.extras) for c in codes], dtype=bool
            )
            for year, known in self.known.items()
        }

    def unknown_code(
        self, row: int, col: int, raw: str, code: str, year: int, *, column: str
    ) -> Problem:
        known = self.known[year]
        close = suggestions(code, known)
        valid = code_ranges(known)
        near_th = f"ข้อที่ใกล้เคียง: {', '.join(close)}; " if close else ""
        near_en = f"one of the nearest: {', '.join(close)}; " if close else ""
        return self.cell_problem(
            row,
            col,
            raw,
            f"ไม่มีข้อ {code} ในกรอบการประเมินปีงบประมาณ {year}",
            f"code {code} is not in the FY{year} framework",
            f"{near_th}ข้อของปี {year}: {valid} หรือประกาศเป็นข้อนอกกรอบ (extra codes)"
            + variant_hint(year, code)[0],
            f"{near_en}the FY{year} codes are {valid}; or declare it as an extra code"
            + variant_hint(year, code)[1],
            column=column,
        )

    def long_cells(self, ok_row: npt.NDArray[np.bool_]) -> _Cells:
        table, roles = self.table, self.columns.roles
        code_col, score_col = roles["code"], roles["score"]
        row_pos = np.flatnonzero(ok_row)
        raw_codes = table.body[row_pos, code_col]
        ids, uniques = factorize(raw_codes)
        normalised = [normalize_code(u) for u in uniques]
        allowed = self.allowed(normalised)
        codes = np.array(normalised, dtype=object)[ids]
        code_ok = np.zeros(len(row_pos), dtype=bool)
        year_row = self.year_row[row_pos]
        for year, allow in allowed.items():
            in_year = year_row == year
            code_ok[in_year] = allow[ids[in_year]]
        for i in np.flatnonzero(~code_ok).tolist():
            row = int(table.rows[row_pos[i]])
            raw = str(raw_codes[i])
            code = codes[i]
            if code is None:
                problem = self.cell_problem(
                    row,
                    code_col,
                    raw,
                    "ไม่มีรหัสข้อ" if not raw.strip() else "ไม่ใช่รหัสข้อคำถามหรือตัวชี้วัด",
                    "code is empty" if not raw.strip() else "is not an item or indicator code",
                    "รหัสข้อ เช่น i14, e1, o17 หรือ ind9",
                    "a code such as i14, e1, o17 or ind9",
                )
            else:
                problem = self.unknown_code(
                    row, code_col, raw, str(code), int(year_row[i]), column=self.header(code_col)
                )
            self.add(row, code_col, problem)
        return _Cells(
            row_pos,
            np.full(len(row_pos), score_col, dtype=np.intp),
            codes,
            table.body[row_pos, score_col],
            code_ok,
            pending=np.zeros(len(row_pos), dtype=bool),
        )

    def wide_cells(self, ok_row: npt.NDArray[np.bool_]) -> _Cells:
        table = self.table
        file_known = frozenset().union(*self.known.values()) if self.known else frozenset()
        columns: list[tuple[int, str]] = []
        for col, code in self.columns.codes:
            if code in file_known or code in self.extras:
                columns.append((col, code))
                continue
            # A header that reads as a code but exists in none of the file's years.
            years = sorted(self.known) or ([self.year] if self.year else [])
            if years and years[0] in self.known:
                problem = self.unknown_code(
                    table.header_row, col, self.header(col), code, years[0], column=self.header(col)
                )
                self.add(table.header_row, col, problem)
        rows_idx = np.flatnonzero(ok_row)
        if not columns or len(rows_idx) == 0:
            empty_i = np.zeros(0, dtype=np.intp)
            empty_b = np.zeros(0, dtype=bool)
            empty_o = np.zeros(0, dtype=object)
            return _Cells(empty_i, empty_i, empty_o, empty_o, empty_b, empty_b)
        col_idx = np.array([c for c, _ in columns], dtype=np.intp)
        col_codes = np.array([code for _, code in columns], dtype=object)
        k = len(columns)
        matrix = table.body[np.ix_(rows_idx, col_idx)]
        row_pos = np.repeat(rows_idx, k)
        score_col = np.tile(col_idx, len(rows_idx))
        code_pos = np.tile(np.arange(k), len(rows_idx))
        codes = col_codes[code_pos]
        raw_scores = matrix.ravel()
        allowed = self.allowed([str(c) for c in col_codes])
        year_row = self.year_row[row_pos]
        code_ok = np.zeros(len(row_pos), dtype=bool)
        for year, allow in allowed.items():
            in_year = year_row == year
            code_ok[in_year] = allow[code_pos[in_year]]
        # Columns of another year's items are blank on this year's rows: not an error, not data.
        # Whether a cell is blank is known only once scores are parsed, so run() decides.
        return _Cells(row_pos, score_col, codes, raw_scores, code_ok, pending=~code_ok)

    def score_problem(self, row: int, col: int, raw: str, status: int) -> None:
        if status == SPACED:
            problem = self.cell_problem(
                row,
                col,
                raw,
                f"มีช่องว่างคั่นกลางตัวเลข จึงไม่รู้ว่าตั้งใจเขียน {INVISIBLE.sub('', raw)} หรือค่าอื่น",
                f"has a space inside the number, so it may not be {INVISIBLE.sub('', raw)}",
                "ตัวเลขที่ไม่มีช่องว่างคั่น เช่น 85 หรือ 85.5",
                "a number without spaces inside, such as 85 or 85.5",
            )
        elif status == OUT_OF_RANGE:
            problem = self.cell_problem(
                row,
                col,
                raw,
                "คะแนนอยู่นอกช่วง 0–100",
                "score is outside 0–100",
                "ตัวเลขตั้งแต่ 0 ถึง 100",
                "a number from 0 to 100",
            )
        else:
            problem = self.cell_problem(
                row,
                col,
                raw,
                "ไม่ใช่ตัวเลข",
                "is not a number",
                "ตัวเลข 0–100 หรือเว้นว่าง/ใส่ - ถ้าไม่มีข้อมูล",
                "a number from 0 to 100, or an empty cell or - for no data",
            )
        self.add(row, col, problem)

    def deduplicate(
        self,
        good: npt.NDArray[np.bool_],
        org: npt.NDArray[np.object_],
        year: npt.NDArray[np.int64],
        codes: npt.NDArray[np.object_],
        values: npt.NDArray[np.float64],
        raw: npt.NDArray[np.object_],
        rows: npt.NDArray[np.int64],
        score_col: npt.NDArray[np.intp],
    ) -> npt.NDArray[np.bool_]:
        """Keep the first of identical repeats; report repeats whose values differ."""
        keep = good.copy()
        idx = np.flatnonzero(good)
        if len(idx) == 0:
            return keep
        org_ids, _ = pd.factorize(org[idx])
        year_ids, year_u = pd.factorize(year[idx])
        code_ids, code_u = pd.factorize(codes[idx])
        key = (org_ids.astype(np.int64) * len(year_u) + year_ids) * len(code_u) + code_ids
        dup = pd.Series(key).duplicated(keep=False).to_numpy()
        if not dup.any():
            return keep
        later = pd.Series(key).duplicated(keep="first").to_numpy()
        d = np.flatnonzero(dup)
        order = d[np.argsort(key[d], kind="stable")]
        sorted_key = key[order]
        start = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
        first = order[np.maximum.accumulate(np.where(start, np.arange(len(order)), 0))]
        v, fv = values[idx[order]], values[idx[first]]
        differs = ~((v == fv) | (np.isnan(v) & np.isnan(fv)))
        for j in np.flatnonzero(differs).tolist():
            a, b = idx[first[j]], idx[order[j]]
            where_a = self.table.where(int(rows[a]), int(score_col[a]))
            where_b = self.table.where(int(rows[b]), int(score_col[b]))
            shown_a, shown_b = shown(raw[a]), shown(raw[b])
            subject_th = f"หน่วยงาน {org[b]} ปี {year[b]} ข้อ {codes[b]}"
            subject_en = f"agency {org[b]}, FY{year[b]}, code {codes[b]}"
            self.add(
                int(rows[b]),
                int(score_col[b]),
                self.cell_problem(
                    int(rows[b]),
                    int(score_col[b]),
                    shown_b,
                    f"{subject_th} มีคะแนนสองค่าไม่ตรงกัน: {shown_a} ที่{th_where(where_a)}"
                    f" และ {shown_b} ที่{th_where(where_b)}",
                    f"{subject_en} has two different scores: {shown_a} at {where_a}"
                    f" and {shown_b} at {where_b}",
                    "คะแนนเดียวต่อหน่วยงาน ปี และข้อ (ลบแถวที่ผิดออก)",
                    "one score per agency, year and code (delete the wrong row)",
                ),
            )
        keep[idx[later]] = False
        return keep
