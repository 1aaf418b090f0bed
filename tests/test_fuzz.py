"""Property-based fuzzing of the two doors input comes in by: score files and params files.

Whatever the bytes, ``load_scores`` returns a table whose every score is in 0–100 or NaN, or
raises ``InputError`` naming the file; ``load_params`` returns params or raises ``InputError``.
Never another exception, never a file written (the CLI leaves no partial ``--out`` behind).
"""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ita_report.cli import main
from ita_report.errors import InputError
from ita_report.params import PARAM_FIELDS, ReportParams, load_params, validate_params
from ita_report.scores import COLUMNS, ScoreTable, load_scores

# ITA_FUZZ_EXAMPLES=5000 fuzzes for longer by hand; the default keeps make test quick.
EXAMPLES = int(os.environ.get("ITA_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SLOW_FUZZ = settings(FUZZ, max_examples=max(EXAMPLES // 5, 10))

# -- score files --------------------------------------------------------------------------------

HEADERS = [
    # the known columns and their aliases, as people type them
    "org_id", "org_name", "fiscal_year", "code", "score", "year", "Org ID", "org-id",
    "รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ปีงบประมาณ", "ปีงบประมาณ พ.ศ.", "ข้อ", "รหัสข้อ", "คะแนน",
    # codes as wide headers
    "i1", "i14", "I 14", "ข้อ i๑๔", "e1", "o17", "๐๑๗", "o43", "ind1", "ind9", "ind10", "i37",
    # what should be refused or ignored
    "", " ", "notes", "i999", "ind11", "x1", "=SUM(A1)", "\u200b", "org_id\x00", "<p>score</p>",
]  # fmt: skip
CELLS = [
    "", " ", "-", "–", "—", "0", "100", "84.77", "๘๔.๗๗", "100.0000001", "-0", "-1", "101",
    "1e2", "1e308", "1e309", "9" * 400, "nan", "NaN", "inf", "-inf", "Infinity", "0x10", "1_0",
    "50%", "๕๐", "2566", "๒๕๖๖", "2023", "ปี 2566", "พ.ศ. 2566", "2566.0", "25660",
    "chaemae", "5500101", "i14", "ข้อ i๑๔", "e1", "o17", "ind9", "xyz", "\x00", "\x1b[31m",
    "a,b", '"', "\r", "\u200b", "\ufeff", "<script>", "=cmd|' /C calc'!A0",
]  # fmt: skip

header_cell = st.sampled_from(HEADERS) | st.text(max_size=8)
body_cell = st.sampled_from(CELLS) | st.text(max_size=10) | st.floats().map(repr)


@st.composite
def score_table(draw: st.DrawFn) -> list[list[str]]:
    width = draw(st.integers(1, 6))
    header = draw(st.lists(header_cell, min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(body_cell, min_size=0, max_size=width + 1), max_size=6))
    title = draw(st.lists(st.lists(body_cell, max_size=2), max_size=2))  # rows above the header
    return [*title, header, *rows]


ALIASES = {
    "org_id": ["org_id", "รหัสหน่วยงาน", "ORG ID"],
    "org_name": ["org_name", "ชื่อหน่วยงาน"],
    "fiscal_year": ["fiscal_year", "ปีงบประมาณ", "year"],
    "code": ["code", "ข้อ", "รหัสข้อ"],
    "score": ["score", "คะแนน"],
}
GOOD_CELLS = {
    "org_id": ["chaemae", "5500101", " chaemae ", "๕๕๐๐๑๐๑"],
    "org_name": ["เทศบาลเมืองแฉะแม่", "<p>ทต.</p>", ""],
    "fiscal_year": ["2566", "๒๕๖๖", "2566.0", "2567"],
    "code": ["i1", "i14", "I 14", "ข้อ i๑๔", "e1", "e15", "o1", "o17", "๐๑๗", "i30"],
    "score": ["0", "100", "84.77", "๘๔.๗๗", "", "-", "62.5", "99.999"],
}
BAD_CELLS = ["", "2023", "2599", "100.5", "-3", "abc", "1e309", "nan", "i99", "ind11", "ind9"]


# True about one time in twelve (integers(0, n) == 0 would be drawn far more often: hypothesis
# favours the ends of a range).
RARELY = st.sampled_from([*[False] * 11, True, *[False] * 11])


@st.composite
def plausible_table(draw: st.DrawFn) -> list[list[str]]:
    """Nearly right: real headers, codes and years, with a wrong value now and then."""

    def cell(role: str) -> str:
        if draw(RARELY):
            return draw(st.sampled_from(BAD_CELLS) | body_cell)
        return draw(st.sampled_from(GOOD_CELLS[role]))

    wide = draw(st.booleans())
    roles = ["org_id", "fiscal_year", *draw(st.sampled_from([[], ["org_name"]]))]
    if draw(RARELY):
        roles.remove("fiscal_year")  # read as the year asked for, or refused
    header = [draw(st.sampled_from(ALIASES[r])) for r in roles]
    if wide:
        codes = draw(st.lists(st.sampled_from(GOOD_CELLS["code"]), min_size=1, max_size=4))
        header += codes
    else:
        header += [draw(st.sampled_from(ALIASES[r])) for r in ("code", "score")]
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        row = [cell(r) for r in roles]
        row += [cell("score") for _ in codes] if wide else [cell("code"), cell("score")]
        rows.append(row)
    return [header, *rows]


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    rows = draw(plausible_table() | score_table())
    if draw(st.booleans()):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=draw(st.sampled_from(",;\t"))).writerows(rows)
        text = buffer.getvalue()
    else:  # written by hand: ragged rows, unbalanced quotes
        sep = draw(st.sampled_from([",", ";", "\t", "|"]))
        text = "\n".join(sep.join(r) for r in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp874", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    mangle = draw(st.sampled_from(["none", "none", "truncate", "prefix", "random", "none"]))
    if mangle == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif mangle == "prefix":
        data = draw(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\xff\xfe", b"\x00"])) + data
    elif mangle == "random":
        data = draw(st.binary(max_size=300))
    return data


def check_loaded(path: Path, year: int | None, extra: list[str]) -> None:
    """The property: a sound table, or InputError naming the file; nothing else."""
    try:
        table = load_scores(path, year=year, extra_codes=extra)
    except InputError as exc:
        event("refused")
        message = exc.render()
        assert message.strip() and path.name in message
        assert all(p.problem_th and p.problem_en for p in exc.problems)
        return
    event("loaded" if len(table.frame) else "loaded, no rows")
    assert isinstance(table, ScoreTable)
    assert tuple(table.frame.columns) == COLUMNS
    scores = table.frame["score"].to_numpy(dtype=np.float64)
    assert bool(np.all(np.isnan(scores) | ((scores >= 0) & (scores <= 100))))
    for org_id, fiscal_year in table.agencies():
        agency = table.for_agency(org_id, fiscal_year)
        for value in [*agency.scores.values(), *agency.extra.values()]:
            assert value is None or (0 <= value <= 100 and not math.isnan(value))
        if year is not None:
            assert fiscal_year == year


years = st.sampled_from([None, 2566, 2564, 2567, 2568, None, 2566])
extras = st.lists(st.sampled_from(["i37", "i48", "o99"]), max_size=2)


@FUZZ
@given(
    data=csv_bytes(),
    suffix=st.sampled_from([".csv", ".csv", ".CSV", ".csv", ".txt", ".xls", ".xlsx", "", ".csv"]),
    year=years,
    extra=extras,
)
@example(b"org_id,fiscal_year,code,score\nx,2566,i1,1e309\n", ".csv", None, [])
@example("org_id,ปีงบประมาณ,ข้อ,คะแนน\nx,๒๕๖๖,i๑,๘๔.๗๗\n".encode("cp874"), ".csv", 2566, [])
@example(b"org_id,fiscal_year,i1\nx,2566,nan\ny,2566,inf\n", ".csv", 2566, [])
def test_any_csv_loads_soundly_or_fails_with_input_error(
    data: bytes, suffix: str, year: int | None, extra: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"scores{suffix}"
        path.write_bytes(data)
        check_loaded(path, year, extra)
        assert sorted(p.name for p in Path(folder).iterdir()) == [path.name]


xlsx_value = (
    st.none()
    | st.sampled_from(CELLS + HEADERS).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t))
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)  # openpyxl cannot store nan/inf
    | st.booleans()
    | st.dates()
)
sheet_name = st.sampled_from(["Sheet1", "คะแนน", "IIT", "EIT", "OIT", "หน่วยงาน", "agency", "a b"])


def _as_number(text: str) -> object:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    try:
        value = float(text)
    except ValueError:
        return text
    return value if math.isfinite(value) else text


@st.composite
def xlsx_bytes(draw: st.DrawFn) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    names = draw(st.lists(sheet_name, min_size=1, max_size=3, unique=True))
    for name in names:
        sheet = workbook.create_sheet(name)
        if draw(st.booleans()):
            # Excel stores what looks like a number as one.
            for row in draw(plausible_table()):
                sheet.append([_as_number(v) for v in row])
            continue
        sheet.append(draw(st.lists(st.sampled_from(HEADERS[:30]), min_size=1, max_size=5)))
        for row in draw(st.lists(st.lists(xlsx_value, max_size=5), max_size=5)):
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if draw(RARELY):  # a damaged download
        # A fraction, not a length: the zip's entry times make the size vary between replays.
        data = data[: int(len(data) * draw(st.floats(0, 1)))]
    return data


@SLOW_FUZZ
@given(data=xlsx_bytes(), year=years)
def test_any_xlsx_loads_soundly_or_fails_with_input_error(data: bytes, year: int | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scores.xlsx"
        path.write_bytes(data)
        check_loaded(path, year, [])
        assert sorted(p.name for p in Path(folder).iterdir()) == [path.name]


@settings(FUZZ, max_examples=max(EXAMPLES // 12, 5))
@given(data=csv_bytes())
def test_summarize_writes_nothing_when_the_file_is_refused(
    data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        scores = Path(folder) / "scores.csv"
        scores.write_bytes(data)
        try:
            load_scores(scores, year=2566)
        except InputError:
            pass
        else:
            assume(False)  # only files that are refused say anything about partial output
        out = Path(folder) / "out" / "summary.csv"
        status = main(["summarize", str(scores), "--year", "2566", "--out", str(out)])
        assert status == 2
        assert not out.exists() and not out.parent.exists()
        assert "scores.csv" in capsys.readouterr().err


# -- params files -------------------------------------------------------------------------------

KEYS = [*PARAM_FIELDS, "org_ID", "orgid", "fiscalyear", "thai_digit", "scores", "limitation",
        "theme_override", "ปีงบประมาณ", "", "__class__"]  # fmt: skip
WORDS = ["2566", "../x", "chaemae", "i37", "ไตรมาส ๑", "<p>x</p>", "{org_name}", "{unknown}", "{",
         "85", "yes", "~", "2566-13-45"]  # fmt: skip
leaf = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(WORDS)
)
value = st.recursive(
    leaf,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
good_values: dict[str, Any] = {
    "org_id": "demo",
    "org_name": "เทศบาลตำบลตัวอย่าง",
    "short_name": "ทต.ตัวอย่าง",
    "fiscal_year": 2566,
    "scores_file": "scores.csv",
}


officer_text = st.text(max_size=20) | st.sampled_from(WORDS)
PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "org_id": st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,12}", fullmatch=True),
    "org_name": officer_text,
    "district": officer_text,
    "target": st.floats(0, 100) | st.integers(0, 100),
    "thai_digits": st.booleans(),
    "derive_limitations": st.booleans(),
    "extra_codes": st.lists(st.sampled_from(["i37", "i48", "I 37", "ข้อ i๓๗"]), max_size=2),
    "limitations": st.lists(officer_text, max_size=3),
    "theme_overrides": st.dictionaries(
        st.sampled_from(["state_assets", "e_service", "nope"]),
        st.fixed_dictionaries({}, optional={"measure_th": officer_text, "drop": st.booleans()}),
        max_size=2,
    ),
}


@st.composite
def params_document(draw: st.DrawFn) -> str:
    base = draw(st.sampled_from([{}, good_values, good_values]))
    if draw(st.booleans()):
        changes = draw(st.fixed_dictionaries({}, optional=PLAUSIBLE))
    else:
        changes = draw(st.dictionaries(st.sampled_from(KEYS), value, max_size=5))
    text = yaml.safe_dump({**base, **changes}, allow_unicode=True)
    extra = draw(
        st.sampled_from([
            *[""] * 12, "limitations: !!python/object/apply:os.system ['true']\n",
            "target: !!float abc\n", "fiscal_year: !!int abc\n", "fiscal_year: 2566-13-45\n",
            "org_name: !!binary '!!!'\n", "added_themes: !!set {a, b}\n", "x: &a [*a]\n",
            "theme_overrides: {? [a, b]: c}\n", "limitations: [unclosed\n", "\t- tab\n",
            "--- \n---\n", "%YAML 9.9\n", "org_id: !!timestamp 2001-12-14\n",
            "derive_limitations: !!bool maybe\n", "target: .nan\n", "target: -.inf\n",
        ])
    )  # fmt: skip
    if draw(RARELY):
        return draw(st.text(max_size=40)) + extra
    return text + extra


def check_params(path: Path) -> None:
    before = sorted(path.parent.iterdir())
    try:
        params = load_params(path)
    except InputError as exc:
        event("refused")
        assert exc.render().strip() and path.name in exc.render()
    else:
        event("loaded")
        assert isinstance(params, ReportParams)
    assert sorted(path.parent.iterdir()) == before


@FUZZ
@given(document=params_document())
@example(document="fiscal_year: 2566-13-45\n")
@example(document="target: !!float abc\n")
@example(document="org_id: !!int abc\n")
@example(document="x: " + "[" * 2000 + "]" * 2000 + "\n")
def test_any_params_file_loads_or_fails_with_input_error(document: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "params.yaml"
        path.write_text(document, encoding="utf-8")
        check_params(path)


@FUZZ
@given(raw=st.binary(max_size=200))
def test_any_bytes_as_a_params_file_fail_with_input_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "params.yaml"
        path.write_bytes(raw)
        check_params(path)


@FUZZ
@given(values=st.dictionaries(st.sampled_from(KEYS), value, max_size=6), base=st.booleans())
def test_any_values_validate_or_fail_with_input_error(values: dict[str, Any], base: bool) -> None:
    try:
        params = validate_params({**(good_values if base else {}), **values}, source="roster.csv")
    except InputError as exc:
        assert "roster.csv" in exc.render()
    else:
        assert isinstance(params, ReportParams)


@pytest.mark.parametrize(
    "document",
    ["themes: !!int abc\n", "themes: 2566-13-45\n", "themes: !!bool maybe\n", "x: " + "[" * 3000],
)
def test_a_catalogue_safe_load_cannot_build_fails_with_input_error(
    tmp_path: Path, document: str
) -> None:
    from ita_report.catalogue import load_catalogue

    path = tmp_path / "themes.yaml"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_catalogue(path)
    assert "themes.yaml" in str(info.value)


def test_a_catalogue_that_is_not_utf8_fails_with_input_error(tmp_path: Path) -> None:
    from ita_report.catalogue import load_catalogue

    path = tmp_path / "themes.yaml"
    path.write_bytes("themes: ประเด็น\n".encode("cp874"))
    with pytest.raises(InputError):
        load_catalogue(path)
