"""The ``ita-report`` command: thin argument parsing over the package's functions.

Every subcommand calls the same functions the notebooks call. Errors about input are printed
for people (Thai and English, no traceback) with exit status 2; nothing is half-written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ita_report import __version__
from ita_report.errors import FrameworkError, InputError
from ita_report.iorw import atomic_write_text

EXIT_INPUT = 2


def _summarize(args: argparse.Namespace) -> int:
    from ita_report.framework import load_framework
    from ita_report.scores import load_scores
    from ita_report.scoring import assess
    from ita_report.summary import summary_row, to_csv, to_json, to_table

    framework = load_framework(args.year)
    table = load_scores(args.scores, year=args.year, extra_codes=args.extra_code or ())
    rows = []
    for org_id, year in table.agencies():
        agency = table.for_agency(org_id, year)
        result = assess(framework, org_id=org_id, org_name=agency.org_name,
                        scores=agency.scores, extra=agency.extra)
        rows.append(summary_row(result))
    render = {"table": to_table, "csv": to_csv, "json": to_json}[args.format]
    text = render(rows)
    if args.out:
        atomic_write_text(args.out, text)
    else:
        sys.stdout.write(text)
    if table.ignored_columns:
        ignored = ", ".join(table.ignored_columns)
        print(f"หมายเหตุ: ไม่ได้ใช้คอลัมน์ {ignored} (note: columns not used: {ignored})",
              file=sys.stderr)
    return 0


def _run(args: argparse.Namespace) -> int:
    from ita_report.run import run_report

    result = run_report(args.params, args.out)
    print(f"เขียนรายงานแล้ว (report written): {result.html_path}")
    print(f"สมุดงานที่รันแล้ว (executed notebook): {result.notebook_path}")
    return 0


def _synth(args: argparse.Namespace) -> int:
    from ita_report.synth import synthesize

    for path in synthesize(args.agencies, args.years, args.seed, args.out):
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ita-report",
        description="รายงานผลการประเมิน ITA และมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
        "(ITA results and integrity measures reports)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    summarize = sub.add_parser(
        "summarize",
        help="สรุปคะแนนรายหน่วยงาน (one line per agency: IIT, EIT, OIT, ITA, level)",
    )
    summarize.add_argument("scores", type=Path, metavar="SCORES",
                           help="ไฟล์คะแนน CSV หรือ XLSX (score file, CSV or XLSX)")
    summarize.add_argument("--year", type=int, required=True,
                           help="ปีงบประมาณ พ.ศ. เช่น 2566 (fiscal year, Buddhist Era)")
    summarize.add_argument("--format", choices=("table", "csv", "json"), default="table")
    summarize.add_argument("--out", type=Path, help="เขียนลงไฟล์แทนหน้าจอ (write to FILE)")
    summarize.add_argument("--extra-code", action="append", metavar="CODE",
                           help="รหัสข้อที่อยู่นอกกรอบการประเมินของปีนั้น เช่น i37 "
                           "(a code outside the year's framework to accept; repeatable)")
    summarize.set_defaults(handler=_summarize)

    run = sub.add_parser(
        "run",
        help="สร้างรายงานมาตรการจากไฟล์พารามิเตอร์ (run the measures report for a params file)",
    )
    run.add_argument("params", type=Path, metavar="PARAMS",
                     help="ไฟล์พารามิเตอร์ YAML เช่น params/chaemae-2566.yaml")
    run.add_argument("--out", type=Path, default=Path("reports"),
                     help="โฟลเดอร์ผลลัพธ์ (output folder; default: reports)")
    run.set_defaults(handler=_run)

    synth = sub.add_parser(
        "synth",
        help="สร้างข้อมูลสังเคราะห์ระดับประเทศ (write synthetic national data, clearly marked)",
    )
    synth.add_argument("--agencies", type=int, default=8300, help="จำนวนหน่วยงาน (default 8300)")
    synth.add_argument("--years", type=int, nargs="+", default=[2566, 2567, 2568])
    synth.add_argument("--seed", type=int, default=1)
    synth.add_argument("--out", type=Path, required=True, help="โฟลเดอร์ผลลัพธ์ (output folder)")
    synth.set_defaults(handler=_synth)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except (InputError, FrameworkError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("หยุดโดยผู้ใช้ (interrupted)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
