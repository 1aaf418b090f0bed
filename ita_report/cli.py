"""The ``ita-report`` command: thin argument parsing over the package's functions.

Every subcommand calls the same functions the notebooks call. Errors about input are printed
for people (Thai and English, no traceback) with exit status 2; nothing is half-written.
argparse's own refusals are said in Thai first too, and a fiscal year may be typed as 67.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from ita_report import __version__
from ita_report.cli_usage import missing_arguments_said
from ita_report.errors import (
    FrameworkError,
    InputError,
    ItaReportError,
    NotebookFailed,
    close_matches,
    file_problem,
)
from ita_report.iorw import atomic_write_text, refuse_overwrite

EXIT_INPUT = 2


# -- the command line in Thai (issue 14): argparse's refusals, headings, years as typed ---------
#: argparse's messages (Python 3.11–3.13) and their Thai; ``{…}`` are the message's parts.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), thai)
    for pattern, thai in (
        (r"^the following arguments are required: (?P<args>.+)$", "ต้องระบุ {args}"),
        (r"^argument (?P<arg>\S+): invalid choice: '(?P<value>[^']*)'"
         r" \(choose from (?P<choices>.+)\)$",
         "{arg} ไม่มีค่า {value}{mean} ค่าที่ใช้ได้: {choices}"),
        (r"^argument (?P<arg>\S+): invalid (?P<kind>\w+) value: '(?P<value>[^']*)'$",
         "ค่า {value} ของ {arg} ต้องเป็น{kind_th}"),
        (r"^unrecognized arguments: (?P<args>.+)$", "ไม่รู้จัก {args}{mean}"),
        (r"^argument (?P<arg>\S+): expected one argument$", "ต้องใส่ค่าหนึ่งค่าหลัง {arg}"),
        (r"^argument (?P<arg>\S+): expected at least one argument$",
         "ต้องใส่อย่างน้อยหนึ่งค่าหลัง {arg}"),
        (r"^argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)$",
         "ใช้ {arg} พร้อมกับ {other} ไม่ได้"),
        (r"^ambiguous option: (?P<arg>\S+) could match (?P<choices>.+)$",
         "{arg} อาจหมายถึง {choices} ให้พิมพ์ชื่อเต็ม"),
    )
)
_KINDS_TH = {"int": "จำนวนเต็ม เช่น 2567", "float": "ตัวเลข เช่น 300"}
_THAI = re.compile(r"[\u0E00-\u0E7F]")


def _options(parser: argparse.ArgumentParser) -> Iterator[str]:
    """Every option string of ``parser`` and of its subcommands."""
    for action in parser._actions:
        yield from action.option_strings
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _options(sub)


def usage_error_th(message: str, parser: argparse.ArgumentParser) -> str | None:
    """``message`` (one of argparse's) in Thai, or ``None`` when it is already in Thai (our
    own ``ArgumentTypeError`` messages are written in both languages).

    >>> usage_error_th("the following arguments are required: --year", argparse.ArgumentParser())
    'ต้องระบุ --year'
    """
    if _THAI.search(message):
        return None
    for pattern, thai in _MESSAGES:
        found = pattern.match(message)
        if not found:
            continue
        parts = found.groupdict()
        mean = ""
        if "choices" in parts and "value" in parts:
            choices = re.findall(r"'([^']*)'", parts["choices"])
            close = close_matches(parts["value"], choices)
            mean = f" (หมายถึง {' หรือ '.join(close)} หรือไม่)" if close else ""
        elif "args" in parts and pattern.pattern.startswith("^unrecognized"):
            typed = [a.split("=")[0] for a in parts["args"].split() if a.startswith("-")]
            known = sorted(set(_options(parser)))
            near = [m for a in typed for m in close_matches(a, known, n=1)]
            mean = f" (หมายถึง {' หรือ '.join(dict.fromkeys(near))} หรือไม่)" if near else ""
        kind_th = _KINDS_TH.get(parts.get("kind") or "", parts.get("kind") or "")
        return thai.format(**parts, mean=mean, kind_th=kind_th)
    return f"ข้อผิดพลาดในคำสั่ง: {message}"


class ThaiHelpFormatter(argparse.HelpFormatter):
    """argparse's help with its "usage:" said in Thai too."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups,
                          "วิธีใช้ (usage): " if prefix is None else prefix)


class ThaiArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors and help headings are Thai, then English."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ThaiHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "ค่าที่ต้องใส่ (positional arguments)"
        self._optionals.title = "ตัวเลือก (options)"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "แสดงวิธีใช้นี้ (show this help message and exit)"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        thai = usage_error_th(message, self)
        said = (f"{self.prog}: {thai}\n" if thai else "") + f"{self.prog}: error: {message}\n"
        self.exit(2, missing_arguments_said(message, self) or said)  # with its help (issue 24)


def fiscal_year(text: str) -> int:
    """A fiscal year (ปีงบประมาณ พ.ศ.) as people type it: ``2567``, ``๒๕๖๗``, ``67``, ``พ.ศ. 2567``.

    A two-digit year is the Buddhist Era year 25xx, said back on the terminal so nobody is left
    guessing; a Christian Era year (2024) is refused with its Buddhist Era one.

    >>> fiscal_year("๒๕๖๗"), fiscal_year("2569")
    (2567, 2569)
    """
    from ita_report.thai import to_arabic_digits

    raw = to_arabic_digits(text).strip().removeprefix("พ.ศ.").removeprefix("FY").strip()
    if not raw.isdigit() or len(raw) not in (2, 4):
        raise argparse.ArgumentTypeError(
            f"ปีงบประมาณ {text!r} ไม่ใช่ปี พ.ศ. เช่น 2567 หรือ 67"
            f" (fiscal year {text!r} is not a Buddhist Era year such as 2567 or 67)"
        )
    year = int(raw)
    if len(raw) == 2:
        year += 2500
        print(f"อ่านปี {text} เป็นปีงบประมาณ พ.ศ. {year} (year {text} read as FY{year} BE)",
              file=sys.stderr)
        return year
    if 1900 <= year < 2200:
        raise argparse.ArgumentTypeError(
            f"ปี {year} เป็นปี ค.ศ. ปีงบประมาณใช้ปี พ.ศ.: {year + 543}"
            f" ({year} is a Christian Era year; fiscal years are Buddhist Era: {year + 543})"
        )
    return year


def _summarize(args: argparse.Namespace) -> int:
    from ita_report.framework import load_framework
    from ita_report.gaps import assess
    from ita_report.scores import load_scores
    from ita_report.summary import summary_row, to_csv, to_json, to_table

    if args.out:
        refuse_overwrite(args.out, force=args.force, inputs=(args.scores,))
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


def _framework(args: argparse.Namespace) -> int:
    from ita_report.framework import describe, load_framework, read_framework_file

    if args.file is not None:
        framework = read_framework_file(args.file)
        if args.year is not None and args.year != framework.fiscal_year:
            raise InputError(
                file_problem(args.file, f"ไฟล์นี้เป็นกรอบการประเมินปี {framework.fiscal_year}",
                             f"the file is the framework of FY{framework.fiscal_year}",
                             column="fiscal_year", value=framework.fiscal_year,
                             expected_th=str(args.year), expected_en=str(args.year))
            )
    elif args.year is not None:
        framework = load_framework(args.year)
    else:
        raise InputError(
            file_problem("ita-report framework", "ต้องระบุ --year หรือ --file",
                         "give --year or --file", expected_th="เช่น --year 2569",
                         expected_en="e.g. --year 2569")
        )
    sys.stdout.write(describe(framework))
    if args.file is not None:
        print(f"\nไฟล์ถูกต้อง ใช้ได้ด้วย framework_file: {args.file} (the file is valid)")
    return 0


def _run(args: argparse.Namespace) -> int:
    from ita_report.run import ExploreResult, RunResult, run_params

    result = run_params(args.params, args.out, formats=args.formats, timeout=args.timeout,
                        national_dir=args.national_dir, strict=args.strict)
    if isinstance(result, ExploreResult):
        print(f"เขียนผลการสำรวจแล้ว (exploration written): {result.html_path}\n"
              f"สมุดงานที่รันแล้ว (executed notebook): {result.notebook_path}")
        return 0
    if not isinstance(result, RunResult):  # the implementation report
        print(f"เขียนรายงานผลการดำเนินการแล้ว (implementation report written): {result.html_path}")
        _written(result)
        return 0
    said = [(w, "เอกสารพิมพ์คะแนนตามประกาศ หมายเหตุสำหรับผู้จัดทำบอกไว้ (the document prints the"
             " official figures; the preparer's notes say so)") for w in result.warnings]
    said += [(d, "เอกสารพิมพ์ตัวเลขตามประกาศ (the document prints the official figures)")
             for d in result.differences]  # issue 23: computed ≠ official
    for warning, outcome in said:
        print(f"คำเตือน (warning): {warning.render()}\n{outcome} ใช้ --strict ถ้าต้องการให้ถือเป็น"
              "ข้อผิดพลาด (--strict makes this an error)", file=sys.stderr)
    print(f"เขียนรายงานแล้ว (report written): {result.html_path}\n{result.date_said}")
    _written(result)
    return 0


def _written(result: Any) -> None:
    from ita_report.report.preparer_page import written_lines

    print("\n".join(written_lines(result)))


def _progress(args: argparse.Namespace) -> int:
    from ita_report.officer.progress import write_progress
    from ita_report.params import load_params
    from ita_report.report import build_document, output_path

    params = load_params(args.params)
    doc = build_document(params)
    out = Path(args.out) if args.out else output_path(Path("reports"), params, ".progress.xlsx")
    refuse_overwrite(out, force=args.force, inputs=(
        args.params, params.scores_path, *filter(None, [params.framework_path])))
    write_progress(doc, out)
    print(f"เขียนชีตติดตามผลการดำเนินงานแล้ว (progress sheet written): {out}")
    print("กรอกช่องสีเหลือง: ผลการดำเนินงาน สถานะ วันที่ หลักฐาน/ลิงก์ ปัญหาอุปสรรค ข้อเสนอแนะ"
          " (fill the yellow columns, save, and name the file as progress_file:)")
    return 0


def _formats(text: str) -> tuple[str, ...]:
    from ita_report.run import check_formats

    try:
        return check_formats(text.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"รูปแบบไฟล์ {text} ไม่ถูกต้อง ใช้ html, docx, xlsx คั่นด้วยจุลภาค ({exc})"
        ) from None


# -- officers' files: score template and a new params file (issue 5) --------------------------
def _template(args: argparse.Namespace) -> int:
    from ita_report.officer.template import TemplateAgency, write_template

    agency = TemplateAgency(
        org_id=args.org_id or "",
        org_name=args.org_name or "",
        short_name=args.short_name or "",
    )
    path = write_template(args.year, args.out, agency, force=args.force)
    print(f"เขียนแม่แบบกรอกคะแนนแล้ว (score template written): {path}")
    print("กรอกช่องสีเหลืองในชีต หน่วยงาน, IIT, EIT, OIT แล้วบันทึก (fill the yellow cells, save)")
    return 0


def _new(args: argparse.Namespace) -> int:
    from ita_report.new_params import NewAgency, new_params, next_step

    agency = NewAgency(
        org_name=args.org_name or "",
        short_name=args.short_name or "",
        fiscal_year=args.year,
        org_id=args.org_id or "",
        org_type=args.org_type or "",
        district=args.district or "",
        province=args.province or "",
    )
    made = new_params(agency, scores=args.scores, out=args.out, force=args.force)
    print(f"เขียนไฟล์พารามิเตอร์แล้ว (params written): {made.params_path}")
    if made.from_template:
        print(f"ข้อมูลหน่วยงานจากแม่แบบ {args.scores}: {', '.join(made.from_template)}"
              f" (the agency's {', '.join(made.from_template)} read from the template)")
    if made.template_written:
        print(f"เขียนแม่แบบกรอกคะแนนแล้ว (score template written): {made.scores_path}")
    elif not made.scores_path.exists():
        print(f"ยังไม่มีไฟล์คะแนน (scores file not there yet): {made.scores_path}")
    if made.org_id_source == "default":
        print(f"หมายเหตุ: ใช้รหัสหน่วยงาน {made.org_id} ไว้ก่อน เปลี่ยนได้ด้วย --org-id "
              f"(note: org_id defaulted to {made.org_id!r}; pass --org-id to choose one)")
    print(next_step(made))
    return 0


def _add_officer_commands(sub: Any) -> None:
    template = sub.add_parser(
        "template",
        help="สร้างแม่แบบ Excel สำหรับกรอกคะแนน (write an Excel score template to fill in)",
    )
    template.add_argument("--year", type=fiscal_year, required=True,
                          help="ปีงบประมาณ พ.ศ. เช่น 2566 (fiscal year, Buddhist Era)")
    template.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx",
                          help="ไฟล์แม่แบบที่จะเขียน (the workbook to write)")
    template.add_argument("--org-id", help="รหัสหน่วยงาน (อักษรอังกฤษ) ใส่ไว้ในชีตหน่วยงาน")
    template.add_argument("--org-name", help="ชื่อหน่วยงาน (agency name)")
    template.add_argument("--short-name", help="ชื่อย่อ เช่น ทม.แฉะแม่ (short name)")
    template.add_argument("--force", action="store_true",
                          help="เขียนทับไฟล์เดิม (replace an existing file)")
    template.set_defaults(handler=_template)

    new = sub.add_parser(
        "new",
        help="สร้างไฟล์พารามิเตอร์พร้อมคำอธิบายภาษาไทย (write a commented params file)",
    )
    new.add_argument("--org-name", help="ชื่อเต็มของหน่วยงาน ไม่ต้องใส่ถ้า --scores เป็นแม่แบบที่กรอกแล้ว "
                     "(agency name; read from a filled template)")
    new.add_argument("--short-name", help="ชื่อย่อ เช่น ทม.แฉะแม่ ไม่ต้องใส่ถ้ามีในแม่แบบ (short name)")
    new.add_argument("--year", type=fiscal_year,
                     help="ปีงบประมาณ พ.ศ. ของผลการประเมิน ไม่ต้องใส่ถ้ามีในแม่แบบ "
                     "(fiscal year, Buddhist Era; read from a filled template)")
    new.add_argument("--org-id", help="รหัสหน่วยงาน อักษรอังกฤษ ตัวเลข - _ . (ASCII id); "
                     "ถ้าไม่ใส่ อ่านจากไฟล์คะแนน หรือใช้ agency")
    new.add_argument("--org-type", help="ประเภทหน่วยงาน เช่น ทม. (agency type)")
    new.add_argument("--district", help="อำเภอ (district)")
    new.add_argument("--province", help="จังหวัด (province)")
    new.add_argument("--scores", type=Path, metavar="FILE",
                     help="ไฟล์คะแนน (แม่แบบที่กรอกแล้ว CSV หรือ XLSX); ถ้าไม่ใส่ "
                     "จะสร้างแม่แบบ <org_id>-<ปี>-scores.xlsx ให้ข้างไฟล์พารามิเตอร์")
    new.add_argument("--out", type=Path, metavar="FILE.yaml",
                     help="ไฟล์ที่จะเขียน (default: params/<org_id>-<year>.yaml)")
    new.add_argument("--force", action="store_true",
                     help="เขียนทับไฟล์เดิม (replace an existing file)")
    new.set_defaults(handler=_new)

    progress = sub.add_parser(
        "progress",
        help="สร้างชีต Excel ติดตามผลการดำเนินงานตามมาตรการ (write the progress sheet of a "
        "measures document, to fill in for the implementation report)",
    )
    progress.add_argument("params", type=Path, metavar="PARAMS",
                          help="ไฟล์พารามิเตอร์ของเอกสารมาตรการ เช่น params/chaemae-2566.yaml")
    progress.add_argument("--out", type=Path, metavar="FILE.xlsx",
                          help="ไฟล์ที่จะเขียน (default: reports/<ปี>/<org_id>.progress.xlsx)")
    progress.add_argument("--force", action="store_true",
                          help="เขียนทับไฟล์เดิม (replace an existing file)")
    progress.set_defaults(handler=_progress)


def _synth(args: argparse.Namespace) -> int:
    from ita_report.synth import default_years, synthesize

    years = args.years or default_years()
    for path in synthesize(args.agencies, years, args.seed, args.out):
        print(path)
    return 0


def _batch(args: argparse.Namespace) -> int:
    from ita_report.batch import BatchOptions, failures_summary, run_batch

    outcome = run_batch(
        BatchOptions(
            scores=args.scores,
            year=args.year,
            agencies=args.agencies,
            params_defaults=args.params_defaults,
            out=args.out,
            workers=args.workers,
            dask_scheduler=args.dask_scheduler,
            force=args.force,
            quiet=args.quiet,
            timeout=args.timeout,
            strict=args.strict,
            formats=args.formats,
        )
    )
    print(failures_summary(outcome))
    return outcome.exit_code


def _add_strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true",
                        help="ถ้าไม่มีคะแนนของเครื่องมือใดเลย (IIT, EIT หรือ OIT) ให้ถือเป็นข้อผิดพลาด "
                        "ไม่สร้างรายงาน เหมือน strict: true ในไฟล์พารามิเตอร์ (a tool with no score "
                        "at all is an error, exit 2, instead of a report with a note; as "
                        "strict: true in a params file)")


def _add_timeout(parser: argparse.ArgumentParser) -> None:
    # The default lives in ita_report.run.kernel.CELL_TIMEOUT (not imported here: it pulls in
    # jupyter_client, slow for every command); tests check that the help states it.
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="เวลาสูงสุดที่แต่ละเซลล์ของสมุดงานรันได้ เป็นวินาที ค่าเริ่มต้น 300 "
                        "(seconds one notebook cell may run before the report is given up; "
                        "default 300)")


def build_parser() -> argparse.ArgumentParser:
    parser = ThaiArgumentParser(
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
    summarize.add_argument("--year", type=fiscal_year, required=True,
                           help="ปีงบประมาณ พ.ศ. เช่น 2566 (fiscal year, Buddhist Era)")
    summarize.add_argument("--format", choices=("table", "csv", "json"), default="table")
    summarize.add_argument("--out", type=Path, help="เขียนลงไฟล์แทนหน้าจอ (write to FILE)")
    summarize.add_argument("--force", action="store_true",
                           help="เขียนทับไฟล์เดิม (replace an existing file)")
    summarize.add_argument("--extra-code", action="append", metavar="CODE",
                           help="รหัสข้อที่อยู่นอกกรอบการประเมินของปีนั้น เช่น i37 "
                           "(a code outside the year's framework to accept; repeatable)")
    summarize.set_defaults(handler=_summarize)

    framework = sub.add_parser(
        "framework",
        help="แสดงกรอบการประเมินของปีหนึ่ง หรือตรวจไฟล์กรอบการประเมินของหน่วยงานเอง "
        "(print a year's tools, indicators and items with their confidence; validate a file)",
    )
    framework.add_argument("--year", type=fiscal_year,
                           help="ปีงบประมาณ พ.ศ. เช่น 2569 (fiscal year, Buddhist Era)")
    framework.add_argument("--file", type=Path, metavar="FILE.yaml",
                           help="ไฟล์กรอบการประเมินที่จะตรวจ (an officer's framework file to check)")
    framework.set_defaults(handler=_framework)

    run = sub.add_parser(
        "run",
        help="สร้างรายงานมาตรการ รายงานผลการดำเนินการ หรือผลการสำรวจจากไฟล์พารามิเตอร์ (run the "
        "notebook a params file is for: the measures report, or with notebook: "
        "implementation_report / explore_agency / explore_national)",
    )
    run.add_argument("params", type=Path, metavar="PARAMS",
                     help="ไฟล์พารามิเตอร์ YAML เช่น params/chaemae-2566.yaml หรือ "
                     "params/explore-chaemae.yaml")
    run.add_argument("--out", type=Path, default=Path("reports"),
                     help="โฟลเดอร์ผลลัพธ์ (output folder; default: reports)")
    run.add_argument("--formats", type=_formats, default=("html",), metavar="LIST",
                     help="รูปแบบไฟล์ คั่นด้วยจุลภาค: html,docx,xlsx,pdf (HTML ทุกครั้ง; pdf ต้องมี "
                     "Chromium; output formats, comma-separated; HTML is always written; pdf "
                     "needs Chromium)")
    run.add_argument("--national-dir", type=Path, metavar="DIR",
                     help="โฟลเดอร์ข้อมูลระดับประเทศแทนค่า national_dir ในไฟล์ (สมุดงานสำรวจเท่านั้น; "
                     "a national data folder from ita-report synth, replacing the file's "
                     "national_dir; exploration notebooks only)")
    _add_timeout(run)
    _add_strict(run)
    run.set_defaults(handler=_run)
    _add_officer_commands(sub)
    from ita_report.officer.paste_commands import add_paste_commands  # issue 23
    add_paste_commands(sub, framework, fiscal_year)
    from ita_report.officer.lab import add_lab_command  # issue 24: Lab without make
    add_lab_command(sub)

    synth = sub.add_parser(
        "synth",
        help="สร้างข้อมูลสังเคราะห์ระดับประเทศ (write synthetic national data, clearly marked)",
    )
    synth.add_argument("--agencies", type=int, default=8300, help="จำนวนหน่วยงาน (default 8300)")
    synth.add_argument("--years", type=fiscal_year, nargs="+", metavar="YEAR",
                       help="ปีงบประมาณ พ.ศ. ค่าเริ่มต้น: สี่ปีล่าสุดที่มีกรอบการประเมิน "
                       "(fiscal years; default: the latest four years with a framework, "
                       "2566–2569 today)")
    synth.add_argument("--seed", type=int, default=1)
    synth.add_argument("--out", type=Path, required=True, help="โฟลเดอร์ผลลัพธ์ (output folder)")
    synth.set_defaults(handler=_synth)

    batch = sub.add_parser(
        "batch",
        help="สร้างรายงานของทุกหน่วยงานในปีงบประมาณ (every agency's report for a fiscal year)",
    )
    batch.add_argument("--scores", type=Path, required=True,
                       help="ไฟล์คะแนนของทุกหน่วยงาน (score file holding every agency)")
    batch.add_argument("--year", type=fiscal_year, required=True,
                       help="ปีงบประมาณ พ.ศ. เช่น 2569 (fiscal year, Buddhist Era)")
    batch.add_argument("--agencies", type=Path,
                       help="รายชื่อหน่วยงาน CSV: org_id, org_name, short_name, org_type, "
                       "province, district, params_file (default: every agency in --scores)")
    batch.add_argument("--params-defaults", type=Path,
                       help="ไฟล์พารามิเตอร์ค่าเริ่มต้นของทุกหน่วยงาน (defaults params YAML)")
    batch.add_argument("--out", type=Path, default=Path("reports"),
                       help="โฟลเดอร์ผลลัพธ์ (output folder; default: reports)")
    batch.add_argument("--workers", type=int,
                       help="จำนวนโปรเซส (worker processes; default: number of cores)")
    batch.add_argument("--dask-scheduler", metavar="ADDRESS",
                       help="รันบนคลัสเตอร์ dask เช่น tcp://host:8786 (run on a dask cluster)")
    batch.add_argument("--force", action="store_true",
                       help="สร้างใหม่ทั้งหมดแม้เป็นปัจจุบันแล้ว (redo up-to-date reports)")
    batch.add_argument("--formats", type=_formats, default=("html",), metavar="LIST",
                       help="รูปแบบไฟล์ของทุกหน่วยงาน คั่นด้วยจุลภาค: html,docx,xlsx,pdf (HTML ทุกครั้ง;"
                       " pdf ต้องมี Chromium; every report's formats, comma-separated; HTML is"
                       " always written; pdf needs Chromium)")
    batch.add_argument("--quiet", action="store_true",
                       help="ไม่แสดงแถบความคืบหน้า (plain log lines instead of a progress bar)")
    _add_timeout(batch)
    _add_strict(batch)
    batch.set_defaults(handler=_batch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # Libraries' warnings (papermill's "Passed unknown parameter", distributed's chatter) are
    # for developers: an officer's terminal shows only this command's own messages.
    for noisy in ("papermill", "distributed", "traitlets", "nbclient"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    # Their errors too ("Kernel died while waiting for execute reply"): the paragraph this
    # command prints says the same for people, and must stay the only thing on the terminal.
    for said_again in ("papermill", "nbclient"):
        logging.getLogger(said_again).setLevel(logging.CRITICAL)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        with _terminate_as_interrupt():
            return handler(args)
    except (InputError, FrameworkError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except NotebookFailed as exc:
        # The traceback is in the kept notebook and log; the terminal gets what to fix.
        print(exc.render(), file=sys.stderr)
        return exc.exit_status
    except ItaReportError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        # What was in flight is abandoned on purpose; asyncio's "exception was never
        # retrieved" about it, printed at exit, would only alarm.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        signum = exc.signum if isinstance(exc, Terminated) else signal.SIGINT
        print("หยุดกลางคัน ไม่มีไฟล์ที่เขียนค้างไว้ครึ่งเดียว รันคำสั่งเดิมอีกครั้งเพื่อทำต่อ"
              " (interrupted; nothing half-written was left: run the same command again)",
              file=sys.stderr)
        return 128 + signum


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a service stopping), raised where the program is, like Ctrl-C.

    Unwinding runs every ``finally``: temporary files are deleted and kernels shut down,
    which the default action of SIGTERM (exit at once) would skip.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        raise Terminated(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    raise SystemExit(main())
