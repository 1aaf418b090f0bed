"""The command line of issue 23: ``ita-report import`` and ``ita-report framework --from``.

Registered by :func:`ita_report.cli.build_parser`; only argument parsing and printing here, the
work is :mod:`ita_report.officer.paste_import`'s and :mod:`ita_report.officer.framework_from`'s.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ita_report.errors import InputError, file_problem


def add_paste_commands(sub: Any, framework: argparse.ArgumentParser,
                       fiscal_year: Callable[[str], int]) -> None:
    """Add ``import`` to ``sub`` and ``--from``/``--out``/``--force`` to ``framework``;
    ``fiscal_year`` is the CLI's reading of a typed year (passed in: no import circle)."""
    parser = sub.add_parser(
        "import",
        help="สร้างแม่แบบคะแนนที่กรอกแล้วจากข้อความที่คัดลอกจากหน้าผลการประเมินในระบบ ITAS "
        "(fill the score template from text copied from the ITAS result page or its PDF)",
    )
    parser.add_argument("pasted", type=Path, metavar="PASTED.txt",
                        help="ไฟล์ข้อความที่วางผลการประเมินไว้ (the text copied from ITAS)")
    parser.add_argument("--year", type=fiscal_year, required=True,
                        help="ปีงบประมาณ พ.ศ. ของผลการประเมิน เช่น 2569 (fiscal year)")
    parser.add_argument("--out", type=Path, required=True, metavar="SCORES.xlsx",
                        help="แม่แบบคะแนนที่จะเขียน (the score template to write)")
    parser.add_argument("--org-id", help="รหัสหน่วยงาน (อักษรอังกฤษ) ใส่ไว้ในชีตหน่วยงาน")
    parser.add_argument("--org-name", help="ชื่อหน่วยงาน (agency name)")
    parser.add_argument("--framework", type=Path, metavar="FRAMEWORK.yaml",
                        help="กรอบการประเมินของหน่วยงานเอง (จาก framework --from) แทนไฟล์ของปีนั้น "
                        "(the agency's own framework file, made with framework --from)")
    parser.add_argument("--force", action="store_true",
                        help="เขียนทับไฟล์เดิม (replace an existing file)")
    parser.set_defaults(handler=_import)

    framework.add_argument("--from", dest="from_paste", type=Path, metavar="PASTED.txt",
                           help="สร้างไฟล์กรอบการประเมินตามข้อในผลการประเมินที่คัดลอกจาก ITAS "
                           "(write a framework file following the items of a pasted ITAS "
                           "result; needs --year and --out)")
    framework.add_argument("--out", type=Path, metavar="FRAMEWORK.yaml",
                           help="ไฟล์กรอบการประเมินที่จะเขียน (with --from)")
    framework.add_argument("--force", action="store_true",
                           help="เขียนทับไฟล์เดิม (replace an existing file; with --from)")
    framework.set_defaults(handler=_framework_or_from(framework.get_default("handler")))


def _import(args: argparse.Namespace) -> int:
    from ita_report.officer.paste_import import import_paste, summary
    from ita_report.scores.template import TemplateAgency

    agency = TemplateAgency(org_id=args.org_id or "", org_name=args.org_name or "")
    result = import_paste(args.pasted, args.year, args.out, agency=agency,
                          framework_file=args.framework, force=args.force)
    for line in summary(result):
        print(line)
    print(f"เขียนแม่แบบคะแนนแล้ว (score template written): {result.out}")
    print(f"ขั้นต่อไป (next): ita-report new --scores {result.out}"
          + (f" แล้วใส่ framework_file: {args.framework} ในไฟล์พารามิเตอร์"
             if args.framework else ""))
    return 0


def _framework_or_from(
    plain: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        if args.from_paste is None:
            return plain(args)
        return _framework_from(args)

    return handler


def _framework_from(args: argparse.Namespace) -> int:
    from ita_report.officer.framework_from import framework_from_paste

    if args.year is None or args.out is None:
        raise InputError(file_problem(
            "ita-report framework --from", "ต้องระบุ --year และ --out ด้วย",
            "--year and --out are needed with --from",
            expected_th=f"ita-report framework --from {args.from_paste} --year 2569"
            " --out กรอบ.yaml",
            expected_en=f"ita-report framework --from {args.from_paste} --year 2569"
            " --out framework.yaml"))
    made = framework_from_paste(args.from_paste, args.year, args.out, force=args.force)
    counts = ", ".join(f"{t.code} {sum(len(i.all_items()) for i in t.indicators)} ข้อ"
                       for t in made.framework.tools)
    print(f"เขียนกรอบการประเมินของหน่วยงานแล้ว (framework written): {made.out} ({counts})")
    if made.added:
        print(f"ข้อที่เพิ่มจากผลที่คัดลอก (items added): {', '.join(made.added)}")
    if made.dropped:
        print(f"ข้อที่ไม่มีในผลที่คัดลอก จึงตัดออก (items dropped): {', '.join(made.dropped)}")
    if made.regrouped:
        print("ตัวชี้วัดที่จัดข้อตามหัวข้อในผลที่คัดลอก (indicators following the paste's headings):"
              f" {', '.join(str(n) for n in made.regrouped)}")
    print(f"ขั้นต่อไป (next): ita-report import {args.from_paste} --year {args.year}"
          f" --framework {made.out} --out คะแนน.xlsx แล้วใส่ framework_file: {made.out}"
          " ในไฟล์พารามิเตอร์ (then framework_file: in the params)")
    return 0
