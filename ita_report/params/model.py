"""ReportParams (พารามิเตอร์ของรายงาน): everything one agency's report needs, validated.

A mistyped, missing or overlong value is refused with the field's Thai help. This module never
reads a file, runs a notebook or reads score files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
)

from ita_report.codes import normalize_code
from ita_report.errors import Bilingual, Problem, did_you_mean
from ita_report.iorw import YamlPath
from ita_report.params.fields import (
    MAX_LIST_ITEMS,
    MAX_NAME_CHARS,
    MAX_PATH_CHARS,
    MAX_SHORT_CHARS,
    MAX_TEXT_CHARS,
    DocumentSettings,
    OfficialResultsSettings,
    SignatorySettings,
    TargetPoints,
    check_document_year,
    each_text,
    is_safe_org_id,
    line_of,
    texts_in,
    yaml_path_of,
)
from ita_report.text import clean_texts, isolate_bidi, strip_invisible


class ReportParams(BaseModel):
    """Everything one agency's report needs (พารามิเตอร์ของรายงาน)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    org_id: str = Field(max_length=MAX_SHORT_CHARS)
    org_name: str = Field(min_length=1, max_length=MAX_NAME_CHARS)
    short_name: str = Field(min_length=1, max_length=MAX_SHORT_CHARS)
    org_type: str = Field(default="", max_length=MAX_SHORT_CHARS)
    district: str = Field(default="", max_length=MAX_SHORT_CHARS)
    province: str = Field(default="", max_length=MAX_SHORT_CHARS)
    fiscal_year: int = Field(ge=2500, le=2700)
    scores_file: str = Field(min_length=1, max_length=MAX_PATH_CHARS)
    target: TargetPoints = 85.0
    thai_digits: bool = True
    extra_codes: tuple[str, ...] = Field(default=(), max_length=MAX_LIST_ITEMS)
    theme_overrides: dict[str, dict[str, Any]] = Field(default_factory=dict)
    added_themes: tuple[dict[str, Any], ...] = Field(default=(), max_length=MAX_LIST_ITEMS)
    limitations: tuple[str, ...] = Field(default=(), max_length=MAX_LIST_ITEMS)
    derive_limitations: bool = True
    units: dict[str, str] = Field(default_factory=dict, max_length=MAX_LIST_ITEMS)
    item_texts: dict[str, str] = Field(default_factory=dict, max_length=MAX_LIST_ITEMS)
    vocabulary: dict[str, str] = Field(default_factory=dict, max_length=MAX_LIST_ITEMS)
    framework_file: str = Field(default="", max_length=MAX_PATH_CHARS)
    #: The previous fiscal year's score file (issue 25): the document compares both years.
    previous_scores_file: str = Field(default="", max_length=MAX_PATH_CHARS)
    strict: bool = False
    #: How the published files look (issue 13): font and size, date, letterhead line.
    document: DocumentSettings = Field(default_factory=DocumentSettings)
    #: The result as ITAS published it (issue 23): printed, and the computed one checked.
    official_results: OfficialResultsSettings | None = None
    #: Who signs the document (issue 25): name and position; the position defaults by type.
    signatory: SignatorySettings = Field(default_factory=SignatorySettings)
    #: Folder that relative paths (scores_file) are read from: the params file's own folder.
    base_dir: str = Field(default=".", max_length=MAX_PATH_CHARS)

    # Where the values were read (for messages about them found later, such as a theme
    # override the catalogue refuses): the file, and the line of every key and item.
    _source: str = PrivateAttr(default="params")
    _lines: Mapping[YamlPath, int] = PrivateAttr(default_factory=dict)

    @field_validator("org_id", mode="before")
    @classmethod
    def _visible_org_id(cls, value: Any) -> Any:
        # A zero-width space pasted from a web page makes "chae\u200bmae" look like chaemae:
        # removed, so the id is the one the officer sees. Spaces and newlines are visible in
        # the file: they stay, and are refused as any other character an id may not hold.
        return strip_invisible(value) if isinstance(value, str) else value

    @field_validator("org_id")
    @classmethod
    def _safe_org_id(cls, value: str) -> str:
        # org_id names the output file, so it must not be able to point outside the folder.
        if not is_safe_org_id(value):
            raise Bilingual(
                "รหัสหน่วยงานใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข - _ . (ไม่เกิน 100 ตัว ขึ้นต้นด้วยอักษรหรือตัวเลข)"
                " ห้ามมี .. และห้ามเป็นชื่ออุปกรณ์ของ Windows เช่น con nul เพราะใช้เป็นชื่อไฟล์รายงาน"
                " (ชื่อภาษาไทยใส่ที่ org_name)",
                "org_id may use only A–Z a–z 0–9 - _ . (at most 100, starting with a letter or"
                " digit), must not contain '..' and must not be a Windows device name such as"
                " con or nul",
            )
        return value

    @field_validator(
        "org_name",
        "short_name",
        "org_type",
        "district",
        "province",
        "theme_overrides",
        "added_themes",
        "limitations",
        "units",
        "vocabulary",
        "item_texts",
        mode="before",
    )
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        # Wording pasted from the seed's PDF extraction carries stray <p> tags: shown as clean
        # text. Everything else is kept as written and escaped when shown. Before validation,
        # so "<p></p>" as a name is still refused as empty. A right-to-left override pasted
        # into a name is isolated, so it cannot reorder the text after the name.
        return each_text(clean_texts(value), isolate_bidi)

    @field_validator("previous_scores_file", mode="before")
    @classmethod
    def _none_is_no_file(cls, value: Any) -> Any:
        # "previous_scores_file:" left empty in the YAML means: no comparison.
        return "" if value is None else value

    @field_validator("document")
    @classmethod
    def _document_date_near_the_year(cls, value: DocumentSettings,
                                     info: ValidationInfo) -> DocumentSettings:
        year = info.data.get("fiscal_year")
        if isinstance(year, int):
            check_document_year(value.date, year)
        return value

    @field_validator("theme_overrides", "added_themes", "limitations", "units", "vocabulary",
                     "item_texts")
    @classmethod
    def _texts_not_too_long(cls, value: Any) -> Any:
        for text in texts_in(value):
            if len(text) > MAX_TEXT_CHARS:
                raise Bilingual(
                    f"ข้อความยาว {len(text):,} ตัวอักษร เกิน {MAX_TEXT_CHARS:,} ตัวอักษรที่ช่องตาราง"
                    " หรือข้อจำกัดหนึ่งข้อจะมีได้",
                    f"a text of {len(text):,} characters is longer than the"
                    f" {MAX_TEXT_CHARS:,} a table cell or a limitation may hold",
                )
        return value

    @field_validator("extra_codes")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        normalised = []
        for raw in value:
            code = normalize_code(raw)
            if code is None:
                raise Bilingual(f"{raw} ไม่ใช่รหัสข้อ เช่น i37 หรือ o12",
                                f"{raw!r} is not an item code like i37 or o12")
            normalised.append(code)
        return tuple(normalised)

    @field_validator("units")
    @classmethod
    def _units(cls, value: dict[str, str]) -> dict[str, str]:
        from ita_report.catalogue import UNIT_KEYS

        for key, name in value.items():
            if key not in UNIT_KEYS:
                mean_th, mean_en = did_you_mean(key, UNIT_KEYS)
                raise Bilingual(
                    f"ไม่รู้จักส่วนงาน {key}{mean_th} ชื่อที่ใช้ได้: {', '.join(UNIT_KEYS)}",
                    f"unknown unit {key!r}{mean_en}; units are {', '.join(UNIT_KEYS)}",
                )
            if not name.strip():
                raise Bilingual(f"ส่วนงาน {key} ต้องมีชื่อ", f"unit {key} has no name")
        return {k: v.strip() for k, v in value.items()}

    @field_validator("item_texts")
    @classmethod
    def _item_texts(cls, value: dict[str, str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for raw, text in value.items():
            code = normalize_code(raw)
            if code is None or code.startswith("ind"):
                raise Bilingual(f"{raw} ไม่ใช่รหัสข้อคำถาม เช่น o7",
                                f"{raw!r} is not an item code like o7")
            if not text.strip():
                raise Bilingual(f"ข้อ {raw} ต้องมีถ้อยคำ", f"item {raw} has no wording")
            out[code] = text.strip()
        return out

    @field_validator("vocabulary")
    @classmethod
    def _words(cls, value: dict[str, str]) -> dict[str, str]:
        from ita_report.catalogue import WORD_KEYS

        for key in value:
            if key not in WORD_KEYS:
                mean_th, mean_en = did_you_mean(key, WORD_KEYS)
                raise Bilingual(
                    f"ไม่รู้จักคำ {key}{mean_th} คำที่ใช้ได้: {', '.join(WORD_KEYS)}",
                    f"unknown word {key!r}{mean_en}; words are {', '.join(WORD_KEYS)}",
                )
        return {k: v.strip() for k, v in value.items()}

    @property
    def framework_path(self) -> Path | None:
        """The agency's own framework file, or ``None`` for the shipped one of its year."""
        if not self.framework_file:
            return None
        path = Path(self.framework_file)
        return path if path.is_absolute() else Path(self.base_dir) / path

    @property
    def previous_scores_path(self) -> Path | None:
        """Last year's score file (relative to the params file), or ``None`` when not given."""
        if not self.previous_scores_file.strip():
            return None
        path = Path(self.previous_scores_file.strip())
        return path if path.is_absolute() else Path(self.base_dir) / path

    @property
    def scores_path(self) -> Path:
        path = Path(self.scores_file)
        return path if path.is_absolute() else Path(self.base_dir) / path

    def notebook_parameters(self) -> dict[str, Any]:
        """The values papermill injects into the notebook's parameters cell."""
        data = self.model_dump(mode="json")
        data["scores_file"] = str(self.scores_path.resolve())
        data["base_dir"] = str(Path(self.base_dir).resolve())
        if self.framework_path is not None:
            data["framework_file"] = str(self.framework_path.resolve())
        if self.previous_scores_path is not None:
            data["previous_scores_file"] = str(self.previous_scores_path.resolve())
        return data

    @property
    def source(self) -> str:
        """The file the values were read from (``"params"`` when built in code)."""
        return self._source

    def locate(self, problems: tuple[Problem, ...]) -> list[Problem]:
        """``problems`` about these params (``where`` a key path such as ``theme_overrides ›
        state_assets › unit_th``) with the params file named and the key's line added."""
        located = []
        for problem in problems:
            path = problem.where or ""
            line = line_of(self._lines, yaml_path_of(path)) if path else None
            located.append(
                Problem(
                    file=self._source,
                    where=f"line {line}" if line else None,
                    column=path or problem.column,
                    value=problem.value,
                    problem_th=problem.problem_th,
                    problem_en=problem.problem_en,
                    expected_th=problem.expected_th,
                    expected_en=problem.expected_en,
                )
            )
        return located


PARAM_FIELDS = tuple(ReportParams.model_fields)
#: Fields nobody writes: set by the loaders (and injected by ``ita-report run``).
INTERNAL_FIELDS = frozenset({"base_dir"})
#: Fields a params file must give; every other one has a documented default.
REQUIRED_FIELDS = tuple(n for n, f in ReportParams.model_fields.items() if f.is_required())


def documented_defaults() -> dict[str, Any]:
    """Each optional field's default, as YAML would write it (the notebook's parameters cell)."""
    defaults: dict[str, Any] = {}
    for name, info in ReportParams.model_fields.items():
        if info.is_required() or name in INTERNAL_FIELDS:
            continue
        value = info.get_default(call_default_factory=True)
        if isinstance(value, BaseModel):  # a block of settings: every one of its defaults
            value = value.model_dump(mode="json", exclude_defaults=True)
        defaults[name] = list(value) if isinstance(value, tuple) else value
    return defaults
