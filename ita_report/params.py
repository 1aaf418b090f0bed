"""The parameters of one report (papermill ``-f`` YAML), validated before anything runs.

A missing or mistyped field or an unknown key is an ``InputError`` naming the file and line,
in Thai and English. This module never runs a notebook and never reads score files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ita_report.codes import normalize_code
from ita_report.errors import InputError, Problem, file_problem
from ita_report.iorw import read_yaml
from ita_report.text import clean_texts

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
# Device names Windows will not create as files, whatever the extension (con.html is CON).
_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)

#: Thai descriptions of each field, used in error messages and by ``ita-report new``.
FIELD_HELP_TH: dict[str, str] = {
    "org_id": "รหัสหน่วยงาน ใช้เป็นชื่อไฟล์รายงาน (ตัวอักษรอังกฤษ ตัวเลข - _ .)",
    "org_name": "ชื่อเต็มของหน่วยงาน",
    "short_name": "ชื่อย่อที่ใช้ในข้อความวิเคราะห์ เช่น ทม.แฉะแม่",
    "org_type": (
        "ประเภทหน่วยงาน เช่น ทน. ทม. ทต. อบต. อบจ. ส่วนกลาง ส่วนภูมิภาค อื่น ๆ"
        " (กำหนดคำเรียกบุคลากรและชื่อส่วนงานในเอกสาร เว้นว่างได้ถ้าชื่อหน่วยงานบอกประเภทอยู่แล้ว)"
    ),
    "district": "อำเภอ",
    "province": "จังหวัด",
    "fiscal_year": "ปีงบประมาณ พ.ศ. ของผลการประเมิน เช่น 2566",
    "scores_file": "ไฟล์คะแนน CSV หรือ XLSX (อ้างอิงจากโฟลเดอร์ของไฟล์นี้)",
    "target": "คะแนนเป้าหมาย (ปกติ 85)",
    "thai_digits": "ใช้เลขไทยในรายงาน (true/false)",
    "extra_codes": "รหัสข้อที่อ้างถึงแต่อยู่นอกกรอบการประเมินของปีนั้น เช่น [i37, i48]",
    "theme_overrides": "แก้ไขประเด็นตามรหัสประเด็น: measure_th, steps_th, quarter_th, unit_th, drop",
    "added_themes": "ประเด็นที่เพิ่มเอง",
    "limitations": "ข้อจำกัดที่เขียนเอง",
    "derive_limitations": "ให้โปรแกรมเสนอข้อจำกัดจากผลคะแนน (true/false)",
    "units": (
        "ชื่อส่วนงานจริงของหน่วยงาน แทนชื่อมาตรฐานของประเภทหน่วยงาน เช่น"
        " {finance: กองคลัง, planning: งานนโยบายและแผน สำนักปลัด}"
        " (office finance procurement planning hr pr it complaints audit all)"
    ),
    "vocabulary": (
        "คำเรียกบุคลากร ผู้บริหาร และสภา ถ้าต่างจากค่ามาตรฐานของประเภทหน่วยงาน เช่น"
        " {staff: พนักงานเทศบาล, executive: นายกเทศมนตรี, council: สภาเทศบาล}"
    ),
    "item_texts": (
        "ชื่อรายการหรือถ้อยคำของข้อที่ไฟล์กรอบการประเมินยังไม่มี หรือที่หน้า ITAS เขียนต่างออกไป เช่น"
        " {o7: รายงานผลการดำเนินงานประจำปี}"
    ),
    "framework_file": (
        "ไฟล์กรอบการประเมินของหน่วยงานเอง (ถ้าหน้า ITAS แสดงข้อต่างจากไฟล์มาตรฐานของปีนั้น)"
        " เว้นว่าง = ใช้ data/frameworks/<ปี>.yaml"
    ),
}


class ReportParams(BaseModel):
    """Everything one agency's report needs (พารามิเตอร์ของรายงาน)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    org_id: str
    org_name: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    org_type: str = ""
    district: str = ""
    province: str = ""
    fiscal_year: int = Field(ge=2500, le=2700)
    scores_file: str = Field(min_length=1)
    target: float = Field(default=85.0, ge=0, le=100)
    thai_digits: bool = True
    extra_codes: tuple[str, ...] = ()
    theme_overrides: dict[str, dict[str, Any]] = Field(default_factory=dict)
    added_themes: tuple[dict[str, Any], ...] = ()
    limitations: tuple[str, ...] = ()
    derive_limitations: bool = True
    units: dict[str, str] = Field(default_factory=dict)
    item_texts: dict[str, str] = Field(default_factory=dict)
    vocabulary: dict[str, str] = Field(default_factory=dict)
    framework_file: str = ""
    #: Folder that relative paths (scores_file) are read from: the params file's own folder.
    base_dir: str = "."

    @field_validator("org_id")
    @classmethod
    def _safe_org_id(cls, value: str) -> str:
        # org_id names the output file, so it must not be able to point outside the folder.
        if not is_safe_org_id(value):
            raise ValueError(
                "org_id may use only A–Z a–z 0–9 - _ . (at most 100, starting with a letter or"
                " digit), must not contain '..' and must not be a Windows device name such as"
                " con or nul"
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
        mode="before",
    )
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        # Wording pasted from the seed's PDF extraction carries stray <p> tags: shown as clean
        # text. Everything else is kept as written and escaped when shown. Before validation,
        # so "<p></p>" as a name is still refused as empty.
        return clean_texts(value)

    @field_validator("extra_codes")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        normalised = []
        for raw in value:
            code = normalize_code(raw)
            if code is None:
                raise ValueError(f"{raw!r} is not an item code like i37 or o12")
            normalised.append(code)
        return tuple(normalised)

    @field_validator("units")
    @classmethod
    def _units(cls, value: dict[str, str]) -> dict[str, str]:
        from ita_report.catalogue import UNIT_KEYS

        for key, name in value.items():
            if key not in UNIT_KEYS:
                raise ValueError(
                    f"unknown unit {key!r}; units are {', '.join(UNIT_KEYS)}"
                    f" (ไม่รู้จักส่วนงาน {key} ชื่อที่ใช้ได้: {', '.join(UNIT_KEYS)})"
                )
            if not name.strip():
                raise ValueError(f"unit {key} has no name (ส่วนงาน {key} ต้องมีชื่อ)")
        return {k: v.strip() for k, v in value.items()}

    @field_validator("item_texts")
    @classmethod
    def _item_texts(cls, value: dict[str, str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for raw, text in value.items():
            code = normalize_code(raw)
            if code is None or code.startswith("ind"):
                raise ValueError(
                    f"{raw!r} is not an item code like o7 (ไม่ใช่รหัสข้อคำถาม เช่น o7)"
                )
            if not text.strip():
                raise ValueError(f"item {raw} has no wording (ข้อ {raw} ต้องมีถ้อยคำ)")
            out[code] = text.strip()
        return out

    @field_validator("vocabulary")
    @classmethod
    def _words(cls, value: dict[str, str]) -> dict[str, str]:
        from ita_report.catalogue import WORD_KEYS

        for key in value:
            if key not in WORD_KEYS:
                raise ValueError(
                    f"unknown word {key!r}; words are {', '.join(WORD_KEYS)}"
                    f" (ไม่รู้จักคำ {key} คำที่ใช้ได้: {', '.join(WORD_KEYS)})"
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
        return data


PARAM_FIELDS = tuple(ReportParams.model_fields)


def is_safe_org_id(value: str) -> bool:
    """Whether ``value`` may be an org_id (it names output files, so it must stay inside).

    Refused: path separators of any system, ``..``, a leading dot (a hidden file), anything but
    ASCII letters, digits, ``-``, ``_`` and ``.``, and Windows device names (``con``, ``nul``).
    """
    return (
        # fullmatch, not match with $: "$" also matches before a final newline.
        _SAFE_ID.fullmatch(value) is not None
        and ".." not in value
        and value.split(".")[0].lower() not in _RESERVED_NAMES
    )


def _key_lines(text: str) -> dict[str, int]:
    """Line (1-based) of each top-level key, so errors can point at it."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


#: The notebooks a params file can be for (its top-level ``notebook:`` key); the first is the
#: default, so params files written before the exploration notebooks keep working unchanged.
NOTEBOOK_KINDS = ("measures_report", "explore_agency", "explore_national")
NOTEBOOK_KEY = "notebook"


@dataclass(frozen=True)
class ParamsFile:
    """A params YAML as read, not yet validated: its values and the line of each key."""

    source: Path
    values: dict[str, Any]
    lines: dict[str, int]

    @property
    def notebook(self) -> str:
        """Which notebook the file is for (``InputError`` for a name no notebook has)."""
        kind = self.values.get(NOTEBOOK_KEY, NOTEBOOK_KINDS[0])
        if kind not in NOTEBOOK_KINDS:
            known = ", ".join(NOTEBOOK_KINDS)
            raise InputError(
                file_problem(
                    self.source,
                    "ไม่รู้จักสมุดงานนี้",
                    "unknown notebook",
                    where=_line(self.lines, NOTEBOOK_KEY),
                    column=NOTEBOOK_KEY,
                    value=kind,
                    expected_th=f"ชื่อใดชื่อหนึ่งต่อไปนี้: {known}",
                    expected_en=f"one of: {known}",
                )
            )
        return str(kind)


def _line(lines: Mapping[str, int], key: str) -> str | None:
    return f"line {lines[key]}" if key in lines else None


def read_params_file(path: str | Path) -> ParamsFile:
    """Read a params YAML (any notebook's): ``InputError`` if missing, not UTF-8 or not YAML."""
    source = Path(path)
    raw = read_yaml(
        source,
        missing_th="ไม่พบไฟล์พารามิเตอร์",
        missing_en="parameters file not found",
        expected_th="รูปแบบ key: value",
        expected_en="key: value lines",
    )
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError(
            file_problem(source, "ต้องเป็นรายการ key: value", "must be key: value pairs")
        )
    # Line numbers for error messages come from the text the reader has just accepted.
    return ParamsFile(source, raw, _key_lines(source.read_text(encoding="utf-8-sig")))


def load_params(path: str | Path, **overrides: Any) -> ReportParams:
    """Read and validate a params YAML; relative paths in it are relative to its folder.

    ``overrides`` replace values from the file (the batch runner's defaults and roster).
    A file for another notebook (``notebook: explore_agency``) is refused, saying so.
    """
    read = read_params_file(path)
    kind = read.notebook
    if kind != NOTEBOOK_KINDS[0]:
        raise InputError(
            file_problem(
                read.source,
                f"ไฟล์นี้เป็นพารามิเตอร์ของสมุดงาน {kind} ไม่ใช่รายงานมาตรการ",
                f"this params file is for the {kind} notebook, not the measures report",
                where=_line(read.lines, NOTEBOOK_KEY),
                column=NOTEBOOK_KEY,
                value=kind,
                expected_th=f"สั่ง ita-report run {read.source}",
                expected_en=f"run it with: ita-report run {read.source}",
            )
        )
    values = {k: v for k, v in read.values.items() if k != NOTEBOOK_KEY}
    values.update(overrides)
    values.setdefault("base_dir", str(read.source.parent))
    return validate_params(values, source=read.source, lines=read.lines)


def validate_params(
    values: Mapping[str, Any],
    *,
    source: str | Path = "<params>",
    lines: Mapping[str, int] | None = None,
) -> ReportParams:
    """Validate parameter values (from a file, a notebook's namespace or the batch roster)."""
    return validate_model(ReportParams, values, source=source, lines=lines)


M = TypeVar("M", bound=BaseModel)


def validate_model(
    model: type[M],
    values: Mapping[str, Any],
    *,
    source: str | Path = "<params>",
    lines: Mapping[str, int] | None = None,
    help_th: Mapping[str, str] = FIELD_HELP_TH,
) -> M:
    """Validate ``values`` as ``model`` (any notebook's params); ``InputError`` naming the file,
    the line of each wrong key, the value and what was expected, in Thai and English."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as exc:
        # Set by the loaders, never written by people: not offered as keys.
        known = tuple(f for f in model.model_fields if f not in ("base_dir", "source_file"))
        raise InputError(
            [_problem(err, source, lines or {}, help_th, known) for err in exc.errors()]
        ) from None


def _problem(
    err: Any,
    source: str | Path,
    lines: Mapping[str, int],
    help_th: Mapping[str, str] = FIELD_HELP_TH,
    fields: tuple[str, ...] = PARAM_FIELDS[:-1],
) -> Problem:
    loc = [str(p) for p in err["loc"]]
    key = loc[0] if loc else ""
    where = f"line {lines[key]}" if key in lines else None
    field = ".".join(loc)
    kind = err["type"]
    if kind == "missing":
        return file_problem(
            source,
            f"ไม่มีค่า {key} ซึ่งต้องระบุ ({help_th.get(key, '')})",
            f"required field {key!r} is missing",
            column=field,
            expected_th=f"เพิ่มบรรทัด {key}: ...",
            expected_en=f"a line '{key}: ...'",
        )
    if kind == "extra_forbidden":
        known = ", ".join(fields)
        return file_problem(
            source,
            f"ไม่รู้จักชื่อ {key} (อาจพิมพ์ผิด)",
            f"unknown key {key!r} (a typo?)",
            where=where,
            column=field,
            expected_th=f"ชื่อใดชื่อหนึ่งต่อไปนี้: {known}",
            expected_en=f"one of: {known}",
        )
    value = err.get("input")
    return file_problem(
        source,
        f"ค่าไม่ถูกต้อง: {err['msg']}",
        f"invalid value: {err['msg']}",
        where=where,
        column=field,
        value=value,
        expected_th=help_th.get(key),
        expected_en=None,
    )
