"""The measures document of one agency (เอกสารมาตรการ), computed once from its params.

``build_document`` is the one way through (params → scores → gaps → themes and measures →
limitations); the notebook, the CLI and the batch runner all call it. Nothing here renders,
writes a file or runs a notebook: ``ita_report.report`` shows what this computes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import os
import pickle
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ita_report.catalogue import (
    AgencyType,
    AgencyTypes,
    Catalogue,
    apply_overrides,
    fill,
    load_agency_types,
    load_catalogue,
)
from ita_report.catalogue.form import FrontMatter, Signatory, load_form_wording
from ita_report.code_text import CodeStyle
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import Framework, framework_in_use, load_framework, same_numbering
from ita_report.gaps import Assessment, assess
from ita_report.limitations import assemble, caveats_for
from ita_report.measures import MeasureRow, Wording, build_rows
from ita_report.narrative import ResultsInWords, results_in_words
from ita_report.official_check import (
    Difference,
    choose_split,
    computed_notes,
    difference_notes,
    difference_problems,
    differences,
    with_official,
)
from ita_report.params import ReportParams
from ita_report.previous_year import PreviousYear, load_previous_year
from ita_report.scores import ScoreTable, load_scores
from ita_report.scores.official import OfficialResults
from ita_report.scores.template import official_results_of
from ita_report.thai import digits, fiscal_year_span, format_score, format_threshold, thai_date

TITLE_TH = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


@dataclass(frozen=True)
class MeasuresDocument:
    """Everything the report shows (เอกสารมาตรการ), computed once."""

    params: ReportParams
    framework: Framework
    assessment: Assessment
    rows: tuple[MeasureRow, ...]
    limitations: tuple[str, ...]
    generated_on: _dt.date
    agency_type: AgencyType | None = None
    #: Notes for the officer preparing the document (หมายเหตุสำหรับผู้จัดทำ): what the data could
    #: not support and what is unverified. Shown on screen, never printed or exported to Word.
    notes: tuple[str, ...] = ()
    #: What the officer must know before publishing (a tool with no score at all, allowed only
    #: with the official ITA): said on the terminal in Thai and English and as a preparer note,
    #: never in the document the executive signs (it printed "ไม่มีคะแนน … เลยสักข้อ").
    warnings: tuple[Problem, ...] = ()
    #: The result as ITAS published it (issue 23), when the officer gave it: ``assessment``
    #: then carries its figures, ``computed`` the ones computed from the items.
    official: OfficialResults | None = None
    computed: Assessment | None = None
    #: Where the computed figures differ from the official ones: said on the terminal (and a
    #: preparer note), never printed in the document.
    differences: tuple[Problem, ...] = ()
    #: The announcement or title, the introduction and who signs (issue 25).
    front: FrontMatter | None = None
    #: Whether ``generated_on`` is the officer's ``document: date:`` (else: the day it was made).
    date_from_params: bool = False
    #: The results in words (issue 25): the level, what kept it from the next, each tool and,
    #: with ``previous_scores_file:``, the change since last year (``previous``).
    in_words: ResultsInWords | None = None
    previous: PreviousYear | None = None

    @property
    def date_unsettled(self) -> bool:
        """No ``document: date:`` and the day it was made falls outside the fiscal year of the
        measures: the document prints a dotted date for the executive to write in by hand, and
        no "จัดทำเมื่อ" line (an assessor reads a date outside the year as a wrong document)."""
        return self.params.document.date is None and not _in_measures_year(
            self.params, self.generated_on)

    @property
    def date_said(self) -> str:
        """Which date the document prints and where it came from, for the terminal."""
        shown = thai_date(self.generated_on, thai_digits=False)
        if self.date_from_params:
            return (f"วันที่ในเอกสาร: {shown} จาก document: date: ในไฟล์พารามิเตอร์"
                    f" (document date {self.generated_on:%Y-%m-%d}, from document: date:)")
        if self.date_unsettled:
            return (f"วันที่ในเอกสาร: เว้นเป็นเส้นจุดให้เขียนเมื่อลงนาม เพราะวันนี้ ({shown}) อยู่นอก"
                    f"ปีงบประมาณ พ.ศ. {self.measures_year} กำหนดได้ที่ document: date:"
                    " (document date left dotted, to be written when signed: today is outside"
                    " the measures' fiscal year; set document: date:)")
        return (f"วันที่ในเอกสาร: {shown} คือวันนี้ กำหนดวันที่ลงนามได้ที่ document: date:"
                f" (document date {self.generated_on:%Y-%m-%d}: today; set document: date:)")

    @property
    def thai(self) -> bool:
        return self.params.thai_digits

    @property
    def codes(self) -> CodeStyle:
        """How the document writes item codes (``document: codes``): ita unless chosen."""
        return self.params.document.codes

    @property
    def measures_year(self) -> str:
        """The fiscal year the measures are for: the one after the results analysed."""
        return digits(str(self.params.fiscal_year + 1), thai=self.thai)

    @property
    def title(self) -> str:
        return f"{TITLE_TH} {self.params.org_name} ประจำปีงบประมาณ พ.ศ. {self.measures_year}"


def agency_type_of(params: ReportParams, types: AgencyTypes | None = None) -> AgencyType:
    """The agency's type (from org_type or its name) with its own unit names and words."""
    kinds = types or load_agency_types()
    kind = kinds.resolve(params.org_type, params.org_name).for_agency(params.org_name)
    return kind.renamed(params.units, params.vocabulary)


def placeholder_values(params: ReportParams, kind: AgencyType) -> dict[str, str]:
    """What ``{short_name}``, ``{org_full}``, ``{staff}``, ``{unit:finance}`` … stand for."""
    place = kind.place_text(params.district, params.province, params.org_name)
    return {
        "short_name": params.short_name,
        "org_name": params.org_name,
        "org_full": f"{params.org_name} {place}".strip(),
        "district": params.district,
        "province": params.province,
        "fiscal_year": str(params.fiscal_year),
        "next_fiscal_year": str(params.fiscal_year + 1),
        "target": format_threshold(params.target, thai=False),
        **kind.values(),
    }


def build_document(
    params: ReportParams,
    *,
    scores: ScoreTable | None = None,
    catalogue: Catalogue | None = None,
    today: _dt.date | None = None,
) -> MeasuresDocument:
    """Compute the whole document of one agency from its params.

    ``scores`` and ``catalogue`` may be passed in already loaded (the batch loads them once).
    A tool (IIT, EIT or OIT) with no score at all leaves the ITA score and level unknown: the
    document says so (``warnings``), or, with ``strict: true``, it is an ``InputError``.
    """
    year = params.fiscal_year
    framework = load_framework(year, params.framework_path)
    with framework_in_use(framework):
        table = scores or load_scores(params.scores_path, year=year, extra_codes=params.extra_codes)
    # for_agency names the file and suggests the nearest org_id when the agency is absent.
    agency = table.for_agency(params.org_id, year)
    official = official_results_of(params)
    # The official indicator scores (given in the params, or as ind codes in the score file)
    # pick the one of the year's item splits they fit (FY2567's indicator 10).
    given = {c: v for c, v in agency.scores.items() if c.startswith("ind") and v is not None}
    framework, split_notes = choose_split(
        framework, agency.scores, {**given, **(official.indicators if official else {})})
    assessment = assess(
        framework,
        org_id=params.org_id,
        org_name=params.org_name,
        scores=agency.scores,
        extra=agency.extra,
        target=params.target,
    )
    warnings = tuple(missing_tool_problems(assessment, table.path))
    # Without a tool there is no ITA score: a document the executive signs saying its own data
    # are incomplete is no document. Refused unless the officer gives ITAS's official ITA
    # (official_results:), which the document then prints.
    if warnings and (params.strict or official is None or official.ita is None):
        raise InputError(missing_tool_problems(assessment, table.path, strict=True))
    computed: Assessment | None = None
    diffs: tuple[Difference, ...] = ()
    if official is not None:
        diffs = differences(assessment, official)
        if diffs and params.strict:
            raise InputError(difference_problems(diffs, official, table.path, strict=True))
        computed, assessment = assessment, with_official(assessment, official, framework)
        split_notes += difference_notes(diffs)
    else:
        split_notes += computed_notes(framework)
    previous = load_previous_year(params, framework)
    in_words = results_in_words(assessment, framework, short_name=params.short_name,
                                thai=params.thai_digits, previous=previous,
                                codes=params.document.codes)
    split_notes += list(in_words.notes)
    catalogue = catalogue or load_catalogue()
    kind = agency_type_of(params)
    # An officer's own framework file whose codes mean other items than the catalogue's year
    # would put items under the wrong themes: its gaps are grouped by indicator instead.
    numbering = framework.items_year
    known = framework.known_codes() | frozenset(params.extra_codes)
    grouped_by_indicator = not same_numbering(framework)
    overrides = None if grouped_by_indicator else params.theme_overrides
    try:
        themes = catalogue.themes_for(numbering)
        if overrides or params.added_themes:
            themes = apply_overrides(themes, overrides or {}, params.added_themes, numbering,
                                     source=params.source, known_codes=known)
    except InputError as exc:
        # The catalogue names the key path (theme_overrides › x › unit_th); the params know
        # the file and the line it is on.
        raise InputError(params.locate(exc.problems)) from None
    if grouped_by_indicator:
        themes = tuple(t for t in themes if t.id not in {c.id for c in catalogue.themes})
    values = placeholder_values(params, kind)
    # The params' wording (typed by the officer) over the score template's (pasted from ITAS).
    wording = Wording(params.short_name, values, params.thai_digits, codes=params.document.codes,
                      item_texts={**agency.item_texts, **params.item_texts},
                      phrases=kind.phrases)
    rows = build_rows(assessment, framework, themes, catalogue, wording, items_year=numbering)
    derived = (
        list(catalogue.limitations_for(assessment, framework)) if params.derive_limitations else []
    )
    caveats = caveats_for(assessment, framework, rows, thai=params.thai_digits,
                          style=params.document.codes,
                          grouped_by_indicator=grouped_by_indicator)
    limitations = assemble(params.limitations, derived)
    caveats = [*caveats, *split_notes, *_setup_notes(params, kind, limitations),
               *(_MISSING_TOOL_NOTE_TH.format(tool=w.column, name=w.value) for w in warnings)]
    dated = today or params.document.date or _dt.date.today()
    unsettled = params.document.date is None and not _in_measures_year(params, dated)
    front = front_matter(params, kind, assessment, rows, dated, unsettled=unsettled)
    caveats += signing_notes(params, kind, front, dated, from_params=today is None
                             and params.document.date is not None)
    return MeasuresDocument(
        params=params,
        framework=framework,
        assessment=assessment,
        rows=rows,
        limitations=tuple(fill(note, values, thai=params.thai_digits, codes=params.document.codes)
                          for note in limitations),
        # The officer's date (document: date:) makes a rerun give the same Word and Excel bytes.
        generated_on=dated,
        agency_type=kind,
        notes=assemble(caveats),
        warnings=warnings,
        official=official,
        computed=computed,
        differences=tuple(difference_problems(diffs, official, table.path)) if official else (),
        front=front,
        date_from_params=today is None and params.document.date is not None,
        in_words=in_words,
        previous=previous,
    )


def _in_measures_year(params: ReportParams, day: _dt.date) -> bool:
    """Whether ``day`` falls in the fiscal year the measures are for (the results' next)."""
    first, last = fiscal_year_span(params.fiscal_year + 1)
    return first <= day <= last


#: The date's parts left for the signer's hand (a date outside the fiscal year is worse).
DOTTED_DAY, DOTTED_MONTH, DOTTED_YEAR = "." * 10, "." * 20, "." * 10


def signatory_of(params: ReportParams, kind: AgencyType) -> Signatory:
    """Who signs: the params' ``signatory:``, the position by default the agency type's
    (นายกองค์การบริหารส่วนตำบล…, นายกเทศมนตรีเมือง…, อธิบดีกรม…), else its word for the
    executive. The measures document and the implementation report both sign with this."""
    given = params.signatory
    position = (given.position or kind.signatory_position(params.org_name)
                or kind.words.get("executive", ""))
    return Signatory(given.name, position)


def front_matter(params: ReportParams, kind: AgencyType, assessment: Assessment,
                 rows: Sequence[MeasureRow], dated: _dt.date, *,
                 unsettled: bool = False) -> FrontMatter:
    """The announcement (or title), the introduction and the signature, in the wording of
    ``data/catalogue/document_form.yaml``: why the measures exist and which results they answer."""
    thai = params.thai_digits
    # Each theme by its row's number in the table: numbered afresh, the announcement's "(๓)"
    # was the table's ๔ when a row between had nothing under target (read printed, issue 25).
    below = [f"({row.number}) {row.title_th}" for row in rows if not row.all_passing]
    themes = " ".join(below[:-1]) + f" และ {below[-1]}" if len(below) > 1 else "".join(below)
    day, month, year = thai_date(dated, thai_digits=thai).split(" ")
    if unsettled:  # written in by hand when the executive signs
        day, month, year = DOTTED_DAY, DOTTED_MONTH, DOTTED_YEAR
    values = {
        **placeholder_values(params, kind),
        "title": TITLE_TH,
        "ita_score": format_score(assessment.ita, thai=thai) if assessment.ita is not None else "",
        "level": assessment.level or "",
        # The items cited beyond the framework count too: the table has rows for them.
        "below_count": str(len(assessment.items_below_target)
                           + sum(i.below_target for i in assessment.extra_items)),
        "theme_count": str(len(below)),
        "themes": themes,
        "day": day, "month": month, "year": year,
    }
    return load_form_wording().front(
        params.document.form, values, signatory_of(params, kind),
        ita_known=assessment.ita is not None and bool(assessment.level),
        below_target=bool(assessment.items_below_target), thai=thai)


def signing_notes(params: ReportParams, kind: AgencyType, front: FrontMatter, dated: _dt.date,
                  *, from_params: bool) -> list[str]:
    """What the preparer settles before the executive signs: a name to print, a position the
    type could only guess, and a date outside the fiscal year the measures are for."""
    notes = []
    if not front.signatory.name:
        notes.append(
            f"ยังไม่มีชื่อผู้ลงนาม เอกสารพิมพ์เส้นจุดไว้ใต้ช่องลงชื่อของ{front.signatory.position}"
            " ถ้าต้องการพิมพ์ชื่อ ให้ระบุ signatory: name: ในไฟล์พารามิเตอร์"
        )
    if not params.signatory.position and not kind.signatory_position(params.org_name):
        notes.append(
            f"ตำแหน่งผู้ลงนามพิมพ์เป็น \"{front.signatory.position}\" (คำกลางของ{kind.name_th})"
            " ให้ระบุตำแหน่งจริงที่ signatory: position: ในไฟล์พารามิเตอร์"
        )
    if _in_measures_year(params, dated):
        return notes
    measures_year = params.fiscal_year + 1
    first, last = fiscal_year_span(measures_year)
    thai = params.thai_digits
    shown, year = thai_date(dated, thai_digits=thai), digits(str(measures_year), thai=thai)
    span = f"{thai_date(first, thai_digits=thai)} – {thai_date(last, thai_digits=thai)}"
    when = "ก่อนเริ่ม" if dated < first else "หลังสิ้นสุด"
    example = f"{first.year + 543}-{first.month:02d}-{first.day:02d}"
    if not from_params:
        notes.append(
            f"วันนี้ ({shown}) อยู่{when}ปีงบประมาณ พ.ศ. {year} ที่มาตรการนี้ใช้ ({span})"
            " เอกสารจึงเว้นวันที่ประกาศเป็นเส้นจุดไว้ให้ผู้บริหารเขียนเมื่อลงนาม และไม่พิมพ์วันที่จัดทำ"
            f" ถ้าต้องการพิมพ์วันที่ ให้กำหนด document: date: เป็นวันที่ลงนาม เช่น {example}"
        )
        return notes
    notes.append(
        f"วันที่ของเอกสาร {shown} (document: date:) อยู่{when}ปีงบประมาณ พ.ศ. {year} ที่มาตรการนี้ใช้"
        f" ({span}) ให้กำหนด document: date: เป็นวันที่ผู้บริหารลงนามในปีงบประมาณนั้น"
        f" เช่น {example}"
    )
    return notes


def _setup_notes(params: ReportParams, kind: AgencyType, limitations: Sequence[str]) -> list[str]:
    """What the preparer should look at before publishing that no score shows: an empty
    ข้อจำกัด section, and unit names that may not be this agency's."""
    notes = []
    if not limitations:
        notes.append(
            "เอกสารนี้ยังไม่มีหัวข้อข้อจำกัด (ไม่มีข้อจำกัดที่อนุมานได้จากคะแนน) ถ้าหน่วยงานมีข้อจำกัด"
            " เช่น งบประมาณ บุคลากร หรือระบบงาน ให้เขียนไว้ที่ limitations: ในไฟล์พารามิเตอร์"
        )
    named_otherwise = kind.prefixes and not params.org_name.startswith(kind.prefixes)
    if not kind.local and named_otherwise and not params.units:
        examples = ", ".join(dict.fromkeys(list(kind.units.values())[:3]))
        notes.append(
            f"ชื่อส่วนงานที่รับผิดชอบ ({examples} …) เป็นชื่อตามแบบของ{kind.name_th}"
            f" ถ้า{params.short_name}ใช้ชื่ออื่น ให้กำหนดที่ units: ในไฟล์พารามิเตอร์"
        )
    return notes


# -- handing the document to the notebook's kernel ---------------------------------------------
#: The notebook parameter naming the document ``ita-report run`` and the batch built already.
DOCUMENT_PARAMETER = "document_file"
#: The environment variable through which the kernel gets the run's secret key (hex). It is
#: never a notebook parameter, so never written into a kept notebook: a kept notebook run again
#: later, or one run with ``papermill -f``, has no key and builds its own document.
DOCUMENT_KEY_VARIABLE = "ITA_REPORT_DOCUMENT_KEY"
_PACKAGE = str(Path(__file__).resolve().parent)
_MAC_SIZE = hashlib.sha256().digest_size


def new_document_key() -> bytes:
    """A fresh secret for one run (or one batch worker): signs the documents it hands over."""
    return secrets.token_bytes(32)


def kernel_environment(key: bytes) -> dict[str, str]:
    """What to add to the kernel's environment so it can verify the documents ``key`` signed."""
    return {DOCUMENT_KEY_VARIABLE: key.hex()}


def save_document(doc: MeasuresDocument, path: Path, key: bytes) -> Path:
    """Write ``doc`` for the notebook's kernel to read back (:func:`document_from_notebook`).

    A pickle, signed: an HMAC-SHA256 of the bytes under ``key``, a secret only this run and
    the kernel it starts hold (:func:`kernel_environment`), comes first. ``path`` must be new,
    in a folder only this user can enter (``tempfile.mkdtemp``, mode 0700); the file itself
    is 0600. It records which ``ita_report`` wrote it, so a kernel importing another copy
    builds its own instead.
    """
    if path.parent.stat().st_mode & 0o077:
        raise PermissionError(f"{path.parent} must be private (mode 0700) to hold a document")
    payload = pickle.dumps((_PACKAGE, doc), protocol=pickle.HIGHEST_PROTOCOL)
    mac = hmac.new(key, payload, hashlib.sha256).digest()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(mac + payload)
    return path


def load_document(path: str | Path, key: bytes | None = None) -> MeasuresDocument | None:
    """The document :func:`save_document` wrote and signed with ``key`` (default: the key in
    the kernel's environment, :data:`DOCUMENT_KEY_VARIABLE`), or None.

    None, the file left unread or unpickled, when there is no key (a kept notebook run again
    later, ``papermill -f``), the file is gone, or its signature is not the key's (a file
    someone else put there): a pickle runs code as it is read, so only bytes this run's own
    process signed are ever unpickled. Also None for a document of another ``ita_report``.
    """
    if key is None:
        key = _key_from_environment()
    if key is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
        with os.fdopen(fd, "rb") as source:
            data = source.read()
    except OSError:  # gone, a folder, a symlink, not ours to read
        return None
    mac, payload = data[:_MAC_SIZE], data[_MAC_SIZE:]
    if not hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
        return None
    package, doc = pickle.loads(payload)  # signed by this run: its own bytes
    return doc if package == _PACKAGE and isinstance(doc, MeasuresDocument) else None


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _key_from_environment() -> bytes | None:
    try:
        return bytes.fromhex(os.environ.get(DOCUMENT_KEY_VARIABLE, "")) or None
    except ValueError:
        return None


def document_from_notebook(namespace: Mapping[str, Any]) -> MeasuresDocument:
    """The report notebook's document: the one ``ita-report run`` or the batch built already
    (``document_file``, injected with the params, signed with a key only that run's kernel
    has), so every format of a run shows the same document, computed once; otherwise
    (JupyterLab, ``papermill -f``, a kept notebook run again later) built here from the
    params the notebook was given."""
    from ita_report.params import params_from_notebook

    given = namespace.get(DOCUMENT_PARAMETER)
    doc = load_document(given) if isinstance(given, str) and given else None
    return doc if doc is not None else build_document(params_from_notebook(namespace))


_MISSING_TOOL_NOTE_TH = (
    "ไฟล์คะแนนไม่มีคะแนนรายข้อของเครื่องมือ {tool} ({name}) เลยสักข้อ เอกสารจึงพิมพ์คะแนนตามประกาศ"
    " (official_results:) และไม่ได้วิเคราะห์ข้อของเครื่องมือนี้ ถ้ามีคะแนนรายข้อ ให้ใส่ในไฟล์คะแนน"
    " เพื่อให้มาตรการครอบคลุมข้อที่ต่ำกว่าค่าเป้าหมายของเครื่องมือนี้ด้วย"
)


def missing_tool_problems(
    assessment: Assessment, scores_file: str | Path, *, strict: bool = False
) -> list[Problem]:
    """One warning per tool (IIT, EIT, OIT) with no score at all in ``scores_file``.

    Such a tool is a blank or deleted sheet of the template, or rows left out of a file: the
    ITA score cannot be computed, which is worth saying before the document is published.
    With ``strict`` the words are those of an error: the document is refused unless the
    official ITA is given (``build_document``).
    """
    problems = []
    for tool in assessment.tools:
        if tool.score is not None:
            continue
        codes = [i.code for i in assessment.items if i.tool == tool.code]
        span = f"{codes[0]}–{codes[-1]}" if codes else tool.code
        problems.append(
            file_problem(
                scores_file,
                f"ไม่มีคะแนนของเครื่องมือ {tool.code} เลยสักข้อ ({span} ว่างทั้งหมด หรือไม่มีชีต"
                f" {tool.code}) จึงคำนวณคะแนน ITA และระดับผลการประเมินไม่ได้",
                f"has no {tool.code} score at all ({span} all blank or absent, or no"
                f" {tool.code} sheet), so the ITA score and level cannot be computed",
                column=tool.code,
                value=tool.name_th,
                expected_th=f"คะแนน {tool.code} ({span}) ในไฟล์คะแนน"
                + (" หรือคะแนน ITA และระดับตามประกาศในระบบ ITAS ที่ official_results: ในไฟล์"
                   "พารามิเตอร์ (เอกสารที่ไม่มีคะแนน ITA เผยแพร่ไม่ได้)" if strict else ""),
                expected_en=f"the {tool.code} scores ({span}) in the score file"
                + ("; or the official ITA score and level from ITAS under official_results: in"
                   " the params file (a document without an ITA score cannot be published)"
                   if strict else ""),
            )
        )
    return problems


