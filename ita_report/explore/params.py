"""Parameters of the exploration notebooks (``notebook: explore_agency`` / ``explore_national``).

Validated like a report's params (``ita_report.params``): an unknown, missing or mistyped key is
an ``InputError`` naming the file and line, and a folder or file that is not there is named too.
This module reads no scores and runs no notebook.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ita_report.codes import normalize_code
from ita_report.errors import InputError, Problem, file_problem
from ita_report.params import (
    NOTEBOOK_KEY,
    TargetPoints,
    is_safe_org_id,
    read_params_file,
    validate_model,
)

ExploreKind = Literal["explore_agency", "explore_national"]
#: What ``ita-report synth`` writes, and so what a ``national_dir`` must hold.
ROSTER_NAME = "agencies.csv"
SCORE_GLOBS = ("scores-*.csv", "scores-*.xlsx", "scores-*.parquet")
SYNTH_HINT_TH = "สร้างข้อมูลสังเคราะห์ด้วย ita-report synth --out {folder}"
SYNTH_HINT_EN = "a folder made by: ita-report synth --out {folder}"

#: Thai help for each key, shown in error messages (like ``params.FIELD_HELP_TH``).
FIELD_HELP_TH: dict[str, str] = {
    "notebook": "สมุดงานที่ใช้: explore_agency หรือ explore_national",
    "org_id": "รหัสหน่วยงาน (ตัวอักษรอังกฤษ ตัวเลข - _ .)",
    "years": "ปีงบประมาณ พ.ศ. ที่ต้องการดู เช่น [2566, 2567] (ไม่ระบุ = ทุกปีที่มีข้อมูลของหน่วยงาน)",
    "params_files": "ไฟล์พารามิเตอร์รายงานของหน่วยงานแต่ละปี (คะแนนและมาตรการของปีนั้น)",
    "score_files": "ไฟล์คะแนนเพิ่มเติมของหน่วยงาน CSV/XLSX/Parquet",
    "extra_codes": "รหัสข้อที่อยู่นอกกรอบการประเมินของปีนั้น เช่น [i37, i48]",
    "national_dir": "โฟลเดอร์ข้อมูลระดับประเทศ (agencies.csv และ scores-<ปี>.csv จาก ita-report synth)",
    "national_scores": "ไฟล์คะแนนระดับประเทศ ใช้แทน national_dir คู่กับ roster_file",
    "roster_file": "ทะเบียนหน่วยงาน: org_id, org_type, province (ใช้คู่กับ national_scores)",
    "target": "คะแนนเป้าหมาย (ปกติ 85)",
    "thai_digits": "ใช้เลขไทย (true/false)",
    "fiscal_year": "ปีงบประมาณ พ.ศ. เช่น 2569",
    "province": "จังหวัด (ไม่ต้องเขียนคำว่า จังหวัด) หรือเว้นว่างเพื่อดูทั้งประเทศ",
    "org_type": "ประเภทหน่วยงาน เช่น ทม. อบต. หรือเว้นว่างเพื่อดูทุกประเภท",
    "weakest": "จำนวนข้อที่อ่อนที่สุดที่จะแสดง (1–100)",
}


class _ExploreParams(BaseModel):
    """What both exploration notebooks share: where national data is, digits, folders."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    national_dir: str | None = None
    national_scores: tuple[str, ...] = ()
    roster_file: str | None = None
    thai_digits: bool = True
    #: Set by the loader, never written by people: the params file's folder and the file.
    base_dir: str = "."
    source_file: str = "<params>"

    def resolve(self, path: str) -> Path:
        """``path`` as written in the params file: relative to the file's folder."""
        found = Path(path)
        return found if found.is_absolute() else Path(self.base_dir) / found

    @property
    def has_national(self) -> bool:
        return self.national_dir is not None or bool(self.national_scores)

    def national_files(self) -> tuple[tuple[Path, ...], Path]:
        """The national score files and the roster (``national_dir`` as ``synth`` writes it)."""
        if self.national_dir is not None:
            folder = self.resolve(self.national_dir)
            found = sorted({p for glob in SCORE_GLOBS for p in folder.glob(glob)})
            return tuple(found), folder / ROSTER_NAME
        roster = self.resolve(self.roster_file) if self.roster_file else Path(ROSTER_NAME)
        return tuple(self.resolve(p) for p in self.national_scores), roster

    def notebook_parameters(self) -> dict[str, Any]:
        """The values papermill injects (paths made absolute, so the kernel's folder is moot)."""
        data = self.model_dump(mode="json", exclude=set(_NOT_INJECTED))
        data["base_dir"] = str(Path(self.base_dir).resolve())
        return data


class AgencyExploreParams(_ExploreParams):
    """An agency across years, against its peers, and the follow-up of its measures
    (พารามิเตอร์ของสมุดงานสำรวจรายหน่วยงาน)."""

    notebook: Literal["explore_agency"] = "explore_agency"
    org_id: str
    #: Empty (not written): every year the data has for the agency (issue 24: the view kept to
    #: the years a sample file named, while the national data had four).
    years: tuple[int, ...] = ()
    params_files: tuple[str, ...] = ()
    score_files: tuple[str, ...] = ()
    extra_codes: tuple[str, ...] = ()
    target: TargetPoints = 85.0

    @field_validator("org_id")
    @classmethod
    def _safe_org_id(cls, value: str) -> str:
        # org_id names the output file, as in a report's params.
        if not is_safe_org_id(value):
            raise ValueError("org_id may use only A–Z a–z 0–9 - _ . and must not contain '..'")
        return value

    @field_validator("years")
    @classmethod
    def _years(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        for year in value:
            if not 2500 <= year <= 2700:
                raise ValueError(f"{year} is not a Buddhist Era fiscal year such as 2566")
        return tuple(sorted(set(value)))

    @field_validator("extra_codes")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        codes = []
        for raw in value:
            code = normalize_code(raw)
            if code is None:
                raise ValueError(f"{raw!r} is not an item code like i37 or o12")
            codes.append(code)
        return tuple(codes)


class NationalExploreParams(_ExploreParams):
    """One fiscal year of every agency, optionally one province or agency type
    (พารามิเตอร์ของสมุดงานภาพรวมระดับประเทศ)."""

    notebook: Literal["explore_national"] = "explore_national"
    fiscal_year: int = Field(ge=2500, le=2700)
    province: str | None = None
    org_type: str | None = None
    weakest: int = Field(default=10, ge=1, le=100)

    @field_validator("province", "org_type")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        # "province: " (left empty in the YAML) and "" both mean: the whole country.
        return value.strip() or None if value is not None else None


ExploreParams = AgencyExploreParams | NationalExploreParams
MODELS: dict[str, type[AgencyExploreParams] | type[NationalExploreParams]] = {
    "explore_agency": AgencyExploreParams,
    "explore_national": NationalExploreParams,
}
#: Keys a notebook's parameters cell may carry that override the file (all but these).
_NOT_INJECTED = frozenset({NOTEBOOK_KEY, "source_file"})


def load_explore_params(path: str | Path, **overrides: Any) -> ExploreParams:
    """Read and check an exploration params YAML (``notebook: explore_agency`` or
    ``explore_national``); ``overrides`` replace values from the file (the CLI, papermill).

    Besides each key's type, checks that the national folder or files and every file named
    exist, so a run is refused before any kernel starts.
    """
    read = read_params_file(path)
    kind = read.notebook
    if kind not in MODELS:
        raise InputError(
            file_problem(
                read.source,
                "ไฟล์นี้ไม่ได้ระบุสมุดงานสำรวจ (notebook: explore_agency หรือ explore_national)",
                f"this params file is for the {kind} notebook, not an exploration notebook",
                where=f"line {read.lines[NOTEBOOK_KEY]}" if NOTEBOOK_KEY in read.lines else None,
                column=NOTEBOOK_KEY,
                value=kind,
                expected_th=f"notebook: {' หรือ '.join(MODELS)}",
                expected_en=f"notebook: {' or '.join(MODELS)}",
            )
        )
    values = {**read.values, **{k: v for k, v in overrides.items() if v is not None}}
    values.setdefault("base_dir", str(read.source.parent))
    values["source_file"] = str(read.source)
    params = validate_model(MODELS[kind], values, source=read.source, lines=read.lines,
                            help_th=FIELD_HELP_TH)
    problems = check_sources(params, read.lines)
    if problems:
        raise InputError(problems)
    return params


def is_explore_kind(kind: str) -> bool:
    """Whether ``kind`` (a params file's ``notebook:``) is an exploration notebook."""
    return kind in MODELS


def params_from_namespace(params_file: str | Path, namespace: Mapping[str, Any]) -> ExploreParams:
    """The notebooks' way in: the params file, with any values papermill injected on top."""
    fields = set(AgencyExploreParams.model_fields) | set(NationalExploreParams.model_fields)
    injected = {k: namespace[k] for k in fields - _NOT_INJECTED if namespace.get(k) is not None}
    return load_explore_params(params_file, **injected)


def check_sources(params: ExploreParams, lines: Mapping[str, int]) -> list[Problem]:
    """Every folder and file the params name, checked to exist; and some data at all."""
    source = params.source_file

    def problem(key: str, th: str, en: str, value: object = None, **kw: str) -> Problem:
        where = f"line {lines[key]}" if key in lines else None
        return file_problem(source, th, en, where=where, column=key, value=value, **kw)

    problems: list[Problem] = []
    if params.national_dir is not None and params.national_scores:
        problems.append(problem(
            "national_scores", "ระบุได้อย่างใดอย่างหนึ่ง: national_dir หรือ national_scores",
            "give national_dir or national_scores, not both"))
    if params.national_scores and not params.roster_file:
        problems.append(problem(
            "national_scores", "ต้องระบุ roster_file (ทะเบียนหน่วยงาน) คู่กับ national_scores",
            "national_scores needs a roster_file (org_id, org_type, province)"))
    if params.national_dir is not None:
        folder = Path(os.path.normpath(params.resolve(params.national_dir)))
        # The command in full (issue 24): relative to a notebook's folder, "../reports/synthetic"
        # would write outside the project when typed in the project's folder as told.
        whole = Path(os.path.abspath(folder))
        hint = {"expected_th": SYNTH_HINT_TH.format(folder=whole),
                "expected_en": SYNTH_HINT_EN.format(folder=whole)}
        if not folder.is_dir():
            problems.append(problem("national_dir", "ไม่พบโฟลเดอร์ข้อมูลระดับประเทศ",
                                    "national data folder not found", folder, **hint))
        else:
            scores, roster = params.national_files()
            if not roster.is_file():
                problems.append(problem("national_dir", f"ไม่มีไฟล์ {ROSTER_NAME} ในโฟลเดอร์",
                                        f"the folder has no {ROSTER_NAME}", folder, **hint))
            if not scores:
                problems.append(problem("national_dir", "ไม่มีไฟล์ scores-<ปี>.csv ในโฟลเดอร์",
                                        "the folder has no scores-<year>.csv", folder, **hint))
    named: list[tuple[str, str]] = [("national_scores", p) for p in params.national_scores]
    if params.roster_file:
        named.append(("roster_file", params.roster_file))
    if isinstance(params, AgencyExploreParams):
        named += [("params_files", p) for p in params.params_files]
        named += [("score_files", p) for p in params.score_files]
        if not (params.params_files or params.score_files or params.has_national):
            problems.append(problem(
                "org_id", "ไม่ได้ระบุไฟล์คะแนน", "no scores given",
                expected_th="params_files, score_files หรือ national_dir อย่างน้อยหนึ่งอย่าง",
                expected_en="at least one of params_files, score_files or national_dir"))
    elif not params.has_national:
        problems.append(problem(
            "national_dir", "ไม่ได้ระบุข้อมูลระดับประเทศ", "no national data given",
            expected_th="national_dir: โฟลเดอร์จาก ita-report synth หรือ national_scores กับ "
                        "roster_file",
            expected_en="national_dir (a folder from ita-report synth), or national_scores and "
                        "roster_file"))
    for key, path in named:
        if not params.resolve(path).is_file():
            problems.append(problem(key, "ไม่พบไฟล์", "file not found", path))
    return problems
