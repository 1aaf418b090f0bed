"""How fast, and in how little memory, ``ita-report run`` refuses inputs built to cost a lot.

Each input is made in a temporary folder and run as an officer would (``ita-report run``, in a
process of its own); the script prints the exit status, the seconds and the peak memory of
that process. Figures, never assertions: the tests check that each is refused (issue 12).

    .venv/bin/python benchmarks/hostile_inputs.py [--rows 40000000]

- billion laughs: nine levels of nine aliases in ``limitations`` (a billion strings expanded)
- 10 MB org_name: a params file of ten megabytes
- zip bomb: an .xlsx score file of ``--rows`` rows (40 million: about a megabyte zipped)
- rows at the bound: a workbook under the unpacked-size bound with one row more than Excel's
  1,048,576, refused by the count taken before parsing
- with ``--largest``, also 1,048,576 rows: the most a workbook can cost and still be parsed
  (refused afterwards, for having no header), the price of the bound itself
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORES = ROOT / "data" / "samples" / "chaemae-2566-scores.csv"
PARAMS = """\
org_id: chaemae
org_name: {org_name}
short_name: ทม.แฉะแม่
fiscal_year: 2566
scores_file: {scores}
extra_codes: [i37, i48]
"""


def laughs(folder: Path) -> Path:
    levels = ['a0: &a0 "lol"'] + [
        f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)
    ]
    path = folder / "laughs.yaml"
    # The aliases sit in a key of their own and in limitations: both are refused unread.
    text = PARAMS.format(org_name="เทศบาลเมืองแฉะแม่", scores=SCORES)
    path.write_text("\n".join(levels) + "\n" + text.replace("a0:", "x0:") + "limitations: *a9\n",
                    encoding="utf-8")
    return path


def big_name(folder: Path) -> Path:
    path = folder / "big_name.yaml"
    path.write_text(PARAMS.format(org_name="ก" * 3_500_000, scores=SCORES), encoding="utf-8")
    return path


def workbook(folder: Path, name: str, rows: int, row: bytes, level: int) -> Path:
    """A real .xlsx (openpyxl's) whose sheet is a header and ``rows`` copies of ``row``."""
    import openpyxl

    base = folder / f"{name}.base.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["org_id", "org_name", "fiscal_year", "code", "score"])
    book.save(base)
    path = folder / f"{name}.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED, compresslevel=level
    ) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with out.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(head)
                block, left = row * 100_000, rows
                while left >= 100_000:
                    sheet.write(block)
                    left -= 100_000
                sheet.write(row * left + b"</sheetData>" + tail)
    params = folder / f"{name}.yaml"
    params.write_text(PARAMS.format(org_name="เทศบาลเมืองแฉะแม่", scores=path), encoding="utf-8")
    return params


def run(params: Path, out: Path) -> tuple[int, float, float, str]:
    """(exit status, seconds, peak MiB, first line of stderr) of ``ita-report run params``."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ita_report.cli", "run", str(params), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    first = next((line for line in err.splitlines() if line.strip()), "")
    return proc.returncode, seconds, usage.ru_maxrss / 1024, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=40_000_000, help="rows of the zip bomb")
    parser.add_argument("--largest", action="store_true",
                        help="also time the largest sheet that is parsed (about a minute)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ita-hostile-") as tmp:
        folder = Path(tmp)
        made = time.perf_counter()
        cases = {
            "billion laughs (limitations)": laughs(folder),
            "10 MB org_name": big_name(folder),
            f"zip bomb, {args.rows:,} rows": workbook(
                folder, "bomb", args.rows, b"<row><c><v>1</v></c></row>", 9
            ),
            "1,048,577 rows under the unpacked bound": workbook(
                folder,
                "rows",
                1_048_577,
                b'<row><c t="inlineStr"><is><t>chaemae</t></is></c></row>',
                1,
            ),
        }
        if args.largest:
            cases["1,048,576 rows: parsed, then refused"] = workbook(
                folder,
                "largest",
                1_048_575,
                b'<row><c t="inlineStr"><is><t>chaemae</t></is></c></row>',
                1,
            )
        print(f"inputs made in {time.perf_counter() - made:.1f} s")
        for label, params in cases.items():
            size = max((p.stat().st_size for p in folder.glob(f"{params.stem}*")), default=0)
            code, seconds, peak, said = run(params, folder / "reports")
            print(f"{label:42} input {size / 1e6:7.1f} MB  exit {code}  {seconds:6.2f} s"
                  f"  peak {peak:6.0f} MiB  | {said[:110]}")
        assert not (folder / "reports").exists(), "something was written"


if __name__ == "__main__":
    main()
