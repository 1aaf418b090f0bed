"""Parameters of the implementation report (``notebook: implementation_report``).

Validated like a report's params: an unknown, missing or mistyped key is an ``InputError``
naming the file and line, and a file that is not there is named too. Reads no scores and no
progress sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ita_report.errors import InputError, Problem, file_problem
from ita_report.params import NOTEBOOK_KEY, DocumentSettings, read_params_file, validate_model

KIND = "implementation_report"

#: Thai help for each key, shown in error messages (like ``params.FIELD_HELP_TH``).
FIELD_HELP_TH: dict[str, str] = {
    "notebook": f"สมุดงานที่ใช้: {KIND}",
    "measures_params": "ไฟล์พารามิเตอร์ของเอกสารมาตรการที่รายงานผล เช่น chaemae-2566.yaml",
    "progress_file": "ไฟล์ติดตามผลการดำเนินงาน (.xlsx) ที่กรอกผลแล้ว จาก ita-report progress",
    "next_scores_file": "ไฟล์คะแนน ITA ของปีถัดไป (ถ้ามี) เพื่อเทียบคะแนนข้อที่มาตรการมุ่งแก้ไข",
    "published_year": "ปีงบประมาณ พ.ศ. ที่เผยแพร่รายงานนี้ (ปกติคือปีที่ดำเนินมาตรการ)",
    "limitations": "ข้อจำกัด/ปัญหาอุปสรรคในการดำเนินการตามมาตรการ (รายการข้อความ)",
    "document": "การตั้งค่าเอกสาร: font, font_size, date, show_tool_name, codes, letterhead"
    " (ค่าที่ไม่ระบุใช้ของเอกสารมาตรการ ยกเว้น date ซึ่งเว้นว่าง = วันที่สร้างรายงานนี้)",
}


class ImplementationParams(BaseModel):
    """Which measures, what became of them, and the scores after (พารามิเตอร์ของรายงานผล)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    notebook: Literal["implementation_report"] = "implementation_report"
    measures_params: str
    progress_file: str
    next_scores_file: str | None = None
    published_year: int | None = Field(default=None, ge=2500, le=2700)
    limitations: tuple[str, ...] = ()
    #: This report's own document settings; unset keys are the measures document's, except
    #: its date (a report on carrying the measures out is written months after them).
    document: DocumentSettings = Field(default_factory=DocumentSettings)
    #: Set by the loader, never written by people: the params file's folder and the file.
    base_dir: str = "."
    source_file: str = "<params>"

    @field_validator("next_scores_file")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        # "next_scores_file: " left empty in the YAML means: none yet.
        return value.strip() or None if value is not None else None

    @field_validator("limitations")
    @classmethod
    def _limitations(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(" ".join(v.split()) for v in value if v.strip())

    def resolve(self, path: str) -> Path:
        """``path`` as written in the params file: relative to the file's folder."""
        found = Path(path)
        return found if found.is_absolute() else Path(self.base_dir) / found

    @property
    def measures_path(self) -> Path:
        return self.resolve(self.measures_params)

    @property
    def progress_path(self) -> Path:
        return self.resolve(self.progress_file)

    @property
    def next_scores_path(self) -> Path | None:
        return self.resolve(self.next_scores_file) if self.next_scores_file else None

    def settings(self, measures: DocumentSettings) -> DocumentSettings:
        """The document settings this report uses: its own keys over the measures document's,
        whose date is never carried over."""
        own = self.document.model_dump(exclude_unset=True)
        return measures.model_copy(update={"date": None, **own})



def load_implementation_params(path: str | Path, **overrides: Any) -> ImplementationParams:
    """Read and check an implementation report's params YAML; ``overrides`` replace values
    from the file (papermill's injected values). Every file it names must exist."""
    read = read_params_file(path)
    if read.notebook != KIND:
        raise InputError(file_problem(
            read.source, f"ไฟล์นี้ไม่ใช่พารามิเตอร์ของรายงานผลการดำเนินการ (notebook: {KIND})",
            f"this params file is for the {read.notebook} notebook, not {KIND}",
            column=NOTEBOOK_KEY, value=read.notebook, expected_th=f"notebook: {KIND}",
            expected_en=f"notebook: {KIND}"))
    values = {**read.values, **{k: v for k, v in overrides.items() if v is not None}}
    values.setdefault("base_dir", str(read.source.parent))
    values["source_file"] = str(read.source)
    params = validate_model(ImplementationParams, values, source=read.source, lines=read.lines,
                            help_th=FIELD_HELP_TH)
    problems: list[Problem] = []
    for key, found in (("measures_params", params.measures_path),
                       ("progress_file", params.progress_path),
                       ("next_scores_file", params.next_scores_path)):
        if found is not None and not found.is_file():
            line = read.lines.get(key)
            problems.append(file_problem(
                read.source, f"ไม่พบไฟล์ที่ระบุใน {key}", f"the file named by {key} is not there",
                where=f"line {line}" if line else None, column=key, value=str(found),
                expected_th=FIELD_HELP_TH[key] + " (ชื่อแบบสัมพัทธ์อ่านจากโฟลเดอร์ของไฟล์นี้)",
                expected_en="an existing file (relative to this params file's folder)"))
    if problems:
        raise InputError(problems)
    if params.published_year is not None:
        # The measures of FY N (drawn from FY N's scores) are carried out in FY N+1: a report
        # on carrying them out cannot be published under an earlier year's OIT item.
        from ita_report.params import load_params

        first = load_params(params.measures_path).fiscal_year + 1
        if params.published_year < first:
            line = read.lines.get("published_year")
            raise InputError(file_problem(
                read.source, f"ปีที่เผยแพร่ {params.published_year} อยู่ก่อนปีที่ดำเนินมาตรการ ({first})",
                f"published_year {params.published_year} is before the year the measures are"
                f" carried out ({first})", where=f"line {line}" if line else None,
                column="published_year", value=params.published_year,
                expected_th=f"{first} หรือหลังจากนั้น (หรือไม่ต้องใส่: ใช้ {first})",
                expected_en=f"{first} or later (or leave it out: {first})"))
    return params

