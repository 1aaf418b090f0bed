"""The previous fiscal year's result of the same agency (ผลการประเมินปีที่ล่วงมาแล้ว).

Read from ``previous_scores_file:`` (any score file ``load_scores`` reads), scored with that
year's own framework, and matched item by item to this year's through the crosswalk
(``data/catalogue/crosswalk.yaml``): never by code alone, since o17 is another item a year on.
A file of another agency or another year is refused; nothing here writes words or renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ita_report.crosswalk import load_crosswalk
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import Framework, available_years, framework_in_use, load_framework
from ita_report.gaps import Assessment, assess
from ita_report.params import ReportParams
from ita_report.scores import load_scores
from ita_report.scores.official import OfficialResults


@dataclass(frozen=True)
class PreviousYear:
    """Last year's assessment and, for each of this year's items, its counterpart then.

    ``counterparts`` maps this year's code to last year's (``None``: no counterpart, a new
    item); it is empty when the items could not be matched (``unmatched_why`` says why, for
    the preparer).
    """

    assessment: Assessment
    source: str
    counterparts: Mapping[str, str | None] = field(default_factory=dict, hash=False)
    unmatched_why: str = ""
    #: Whether ``assessment`` carries the result ITAS published (a template's official rows).
    official: bool = False
    #: This year's codes whose match last year the crosswalk marks unverified.
    unsure: frozenset[str] = frozenset()


def load_previous_year(params: ReportParams, framework: Framework) -> PreviousYear | None:
    """The agency's result of ``params.fiscal_year - 1`` from ``previous_scores_file``, or
    ``None`` when the params name none. ``InputError`` (Thai and English) for a file that
    cannot be read, holds no scores of that year, or holds another agency's."""
    path = params.previous_scores_path
    if path is None:
        return None
    year = params.fiscal_year - 1
    if year not in available_years():
        raise InputError(_problem(
            params, path,
            f"ไม่มีกรอบการประเมินของปีงบประมาณ {year} จึงคำนวณผลของปีที่ล่วงมาแล้วไม่ได้",
            f"there is no ITA framework for FY{year}, so last year's result cannot be computed",
            expected_th="ลบ previous_scores_file ออก", expected_en="remove previous_scores_file"))
    old_framework = load_framework(year)
    # Codes outside last year's framework (the seed cites i37 and i48) were that year's own
    # extra codes: read, never compared, so they need not be declared again this year.
    known = old_framework.known_codes()
    outside = [f"{p}{n}" for p in "ieo" for n in range(1, 100) if f"{p}{n}" not in known]
    try:
        with framework_in_use(old_framework):
            table = load_scores(path, year=year, extra_codes=[*params.extra_codes, *outside])
    except InputError as exc:
        # The file's own problems, after one line saying which key of the params named it.
        raise InputError([_problem(
            params, path, "ไฟล์คะแนนของปีที่ล่วงมาแล้ว (previous_scores_file) อ่านไม่ได้",
            "the previous year's score file (previous_scores_file) cannot be read",
            expected_th=f"ไฟล์คะแนนปีงบประมาณ {year} ของหน่วยงาน {params.org_id}",
            expected_en=f"a score file of FY{year} for agency {params.org_id}"),
            *exc.problems]) from None
    if (params.org_id, year) not in table:
        raise InputError(_not_this_agency(params, path, table.agencies(), year))
    agency = table.for_agency(params.org_id, year)
    assessment = assess(old_framework, org_id=params.org_id,
                        org_name=agency.org_name or params.org_name,
                        scores=agency.scores, extra=agency.extra, target=params.target)
    official = _official_of(path)
    if official is not None:
        from ita_report.official_check import with_official

        assessment = with_official(assessment, official, old_framework)
    counterparts, unsure, why = _counterparts(framework, old_framework)
    return PreviousYear(assessment, str(path), counterparts, why, official is not None, unsure)


def _official_of(path: Path) -> OfficialResults | None:
    """The official rows of an officers' template (its agency sheet), when it has any."""
    from ita_report.scores.template import is_template, read_official

    if path.suffix.lower() not in (".xlsx", ".xlsm") or not is_template(path):
        return None
    found = read_official(path)
    return found if found is not None and not found.empty else None


def _counterparts(framework: Framework, old: Framework
                  ) -> tuple[dict[str, str | None], frozenset[str], str]:
    """This year's code → last year's through the crosswalk, the codes matched by an unverified
    link, and ``({}, …, why)`` when it cannot match them."""
    from ita_report.framework import same_numbering

    if framework.numbered_as is not None or not same_numbering(framework):
        return {}, frozenset(), (
            "ไฟล์กรอบการประเมินของหน่วยงานเองเรียงข้อต่างจากไฟล์มาตรฐาน จึงไม่ได้เทียบรายข้อ"
            "กับปีที่ล่วงมาแล้ว (เทียบเฉพาะคะแนน ITA และรายเครื่องมือ)")
    try:
        walk = load_crosswalk()
        pair = walk.pair(old.fiscal_year, framework.fiscal_year)
    except InputError as exc:
        return {}, frozenset(), ("ตารางเทียบข้อคำถามข้ามปีใช้ไม่ได้ จึงไม่ได้เทียบรายข้อกับปีที่ล่วงมาแล้ว: "
                    + exc.problems[0].problem_th)
    counterparts: dict[str, str | None] = {}
    unsure: set[str] = set()
    for item in framework.items():
        link = pair.backward(item.code)
        counterparts[item.code] = link.from_code if link is not None else None
        if link is not None and link.confidence != "verified":
            unsure.add(item.code)
    return counterparts, frozenset(unsure), ""


def _problem(params: ReportParams, path: Path, th: str, en: str, *, expected_th: str,
             expected_en: str, value: object = None) -> Problem:
    return file_problem(params.source, f"{th} ({path})", f"{en} ({path})",
                        column="previous_scores_file", value=value,
                        expected_th=expected_th, expected_en=expected_en)


def _not_this_agency(params: ReportParams, path: Path, found: list[tuple[str, int]],
                     year: int) -> list[Problem]:
    """Why the file has no rows of this agency in ``year``: another agency, or another year."""
    ours = [y for o, y in found if o == params.org_id]
    others = sorted({o for o, y in found if o != params.org_id})
    if ours:
        listed = ", ".join(str(y) for y in sorted(set(ours)))
        return [_problem(
            params, path,
            f"ไฟล์คะแนนของปีที่ล่วงมาแล้วไม่มีคะแนนปีงบประมาณ {year} ของ {params.org_id}"
            f" (มีปี {listed})",
            f"the previous year's score file has no FY{year} scores of {params.org_id}"
            f" (it has {listed})",
            value=listed,
            expected_th=f"ไฟล์คะแนนปีงบประมาณ {year} (ปีก่อนปี {params.fiscal_year} ที่วิเคราะห์)",
            expected_en=f"the FY{year} score file (the year before FY{params.fiscal_year})")]
    shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
    return [_problem(
        params, path,
        f"ไฟล์คะแนนของปีที่ล่วงมาแล้วเป็นของหน่วยงานอื่น (รหัส {shown}) ไม่ใช่ {params.org_id}"
        " จึงไม่นำมาเทียบ",
        f"the previous year's score file belongs to another agency (org_id {shown}), not"
        f" {params.org_id}; it is not compared",
        value=shown,
        expected_th=f"ไฟล์คะแนนปีงบประมาณ {year} ที่มีรหัสหน่วยงาน {params.org_id}",
        expected_en=f"the FY{year} score file with org_id {params.org_id}")]
