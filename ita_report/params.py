"""The parameters of one report (papermill ``-f`` YAML), validated before anything runs.

A missing or mistyped field, an unknown key, a key written twice or a value longer than any
report needs is an ``InputError`` naming the file and line (of nested keys too), in Thai and
English. This module never runs a notebook and never reads score files.
"""

from __future__ import annotations

import ast
import datetime as _dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from ita_report.codes import normalize_code
from ita_report.errors import Bilingual, InputError, Problem, did_you_mean, file_problem
from ita_report.iorw import YamlPath, read_yaml_document
from ita_report.text import clean_texts, isolate_bidi, strip_invisible

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
    "strict": "ถ้าไม่มีคะแนนของเครื่องมือใดเลย (IIT, EIT หรือ OIT) ให้หยุดแทนการสร้างรายงานพร้อมหมายเหตุ"
    " (true/false ค่าเริ่มต้น false)",
    # issue 13; the help of each key inside is DocumentSettings' own (its descriptions).
    "document": "การตั้งค่าเอกสาร: font, font_size, date, show_tool_name, letterhead",
}

# -- the Lab form's words (issue 14): labels beside FIELD_HELP_TH, defined once ----------------
#: Short Thai labels of the fields the JupyterLab form shows (its help line is FIELD_HELP_TH).
FIELD_LABEL_TH: dict[str, str] = {
    "params_file": "ไฟล์พารามิเตอร์",
    "org_id": "รหัสหน่วยงาน",
    "org_name": "ชื่อหน่วยงาน",
    "short_name": "ชื่อย่อ",
    "org_type": "ประเภทหน่วยงาน",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "fiscal_year": "ปีงบประมาณ",
    "scores_file": "ไฟล์คะแนน",
    "target": "คะแนนเป้าหมาย",
    "limitations": "ข้อจำกัด",
    "derive_limitations": "เสนอข้อจำกัดจากผลคะแนน",
    "theme_overrides": "แก้มาตรการของประเด็น",
}
#: Help for the form's file picker (a params file is the agency's settings, one per year).
PARAMS_FILE_HELP_TH = (
    "ไฟล์ params/<รหัสหน่วยงาน>-<ปี>.yaml เก็บค่าทั้งหมดของหน่วยงานในปีนั้น เลือกไฟล์เดิม"
    " หรือ \"ไฟล์ใหม่\" แล้วกรอกด้านล่าง (เลือกแม่แบบที่กรอกแล้วเป็นไฟล์คะแนน ข้อมูลหน่วยงานจะกรอกให้เอง)"
)
#: The keys of a theme override the form edits: Thai label and help.
THEME_FIELD_TH: dict[str, tuple[str, str]] = {
    "measure_th": ("มาตรการ", "ข้อความมาตรการของประเด็นนี้ เว้นว่าง = ใช้ของแคตตาล็อก"),
    "steps_th": ("ขั้นตอน", "บรรทัดละหนึ่งขั้นตอน ไม่ต้องใส่เลขข้อ โปรแกรมใส่ให้ เว้นว่าง = ใช้ของแคตตาล็อก"),
    "quarter_th": ("ระยะเวลา", "ระยะเวลาดำเนินการ เช่น ไตรมาส ๒ เว้นว่าง = ใช้ของแคตตาล็อก"),
    "unit_th": ("ส่วนงาน", "ส่วนงานที่รับผิดชอบ เช่น กองคลัง เว้นว่าง = ใช้ของแคตตาล็อก"),
    "drop": ("ไม่ใส่ประเด็นนี้", "ตัดประเด็นนี้ออกจากเอกสาร"),
}


#: The longest each text may be. A report needs far less (the longest Thai agency names are
#: under 80 characters); a longer value is a paste gone wrong, and would make every output
#: huge (Word refuses a title over 255 characters: the document title holds org_name).
MAX_NAME_CHARS = 150
MAX_SHORT_CHARS = 100
MAX_TEXT_CHARS = 2_000
MAX_LIST_ITEMS = 100
MAX_PATH_CHARS = 1_000


def _not_a_boolean(value: Any) -> Any:
    # YAML reads yes/no/on/off/true/false as booleans, which would count as 1 and 0 points.
    if isinstance(value, bool):
        raise Bilingual(
            f"{str(value).lower()} (yes/no/true/false) ไม่ใช่คะแนน เขียนเป็นตัวเลข เช่น 85",
            f"{str(value).lower()} (yes/no/true/false) is not a score; write a number of points"
            " such as 85",
        )
    return value


def _not_a_fraction(value: float) -> float:
    # 0.85 is how a spreadsheet stores 85%: as points it would pass every item.
    if 0 < value < 1:
        raise Bilingual(
            f"{value:g} ดูเหมือนเศษส่วน ({value:.0%}) คะแนนเป้าหมายเป็นคะแนน 0 ถึง 100:"
            f" เขียน {value * 100:g}",
            f"{value:g} looks like a fraction ({value:.0%}); the target is in points from 0 to"
            f" 100: write {value * 100:g}",
        )
    return value


#: A target score (คะแนนเป้าหมาย) in points: a number 0–100, never a YAML boolean or a fraction.
TargetPoints = Annotated[
    float, BeforeValidator(_not_a_boolean), AfterValidator(_not_a_fraction), Field(ge=0, le=100)
]


# -- document settings (issue 13): how the published files look -------------------------------
#: The longest letterhead line: one printed line across an A4 landscape page.
MAX_LETTERHEAD_CHARS = 300
_BE_OFFSET = 543  # Buddhist Era year = Common Era year + 543
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _document_date(value: Any) -> Any:
    """A date as YAML reads it (``2024-10-01``) or as text, the year in either era
    (``2567-10-01`` is the same day), Thai digits allowed; ``None`` stays today."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        year, month, day = value.year, value.month, value.day
    elif isinstance(value, str) and (found := _ISO_DATE.fullmatch(value.translate(_THAI_DIGITS))):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise ValueError(
            f"{value!r} is not a date; write it as year-month-day, such as 2567-10-01 or"
            " 2024-10-01 (วันที่แบบ ปี-เดือน-วัน เช่น 2567-10-01)"
        )
    if year > 2400:
        year -= _BE_OFFSET
    try:
        return _dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a day of the calendar ({exc})") from None


class DocumentSettings(BaseModel):
    """How the published files look (การตั้งค่าเอกสาร): ``document:`` in a params file.

    Each field's Thai help is its ``description``: ``ita-report new`` writes it beside the key
    and error messages quote it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    font: Literal["TH Sarabun New", "Sarabun"] = Field(
        default="TH Sarabun New",
        description="แบบอักษรของไฟล์ Word และ Excel: TH Sarabun New (ฟอนต์มาตรฐานราชการ เครื่องที่เปิด"
        "ไฟล์ต้องมีฟอนต์นี้) หรือ Sarabun (ฝังไว้ในไฟล์ Word เปิดที่เครื่องใดก็เหมือนกัน)",
    )
    font_size: float | None = Field(
        default=None,
        ge=8,
        le=28,
        description="ขนาดตัวอักษรของเนื้อความเป็นพอยต์ (8–28) ตารางและหัวข้อปรับตาม"
        " เว้นว่าง = 16 สำหรับ TH Sarabun New, 12 สำหรับ Sarabun",
    )
    date: Annotated[_dt.date | None, BeforeValidator(_document_date)] = Field(
        default=None,
        description="วันที่จัดทำเอกสารที่พิมพ์ใต้ชื่อเรื่อง แบบ ปี-เดือน-วัน เช่น 2567-10-01"
        " (ปี พ.ศ. หรือ ค.ศ. ก็ได้) เว้นว่าง = วันที่สร้างไฟล์ ถ้ากำหนดไว้ สร้างใหม่กี่ครั้งได้ไฟล์"
        " Word และ Excel เหมือนเดิมทุกไบต์",
    )
    show_tool_name: bool = Field(
        default=True,
        description='ต่อท้ายวันที่จัดทำด้วยคำว่า "ด้วย ita-report" (true/false)',
    )
    letterhead: str = Field(
        default="",
        max_length=MAX_LETTERHEAD_CHARS,
        description="บรรทัดหัวกระดาษของหน่วยงาน พิมพ์เหนือชื่อเรื่อง เช่น สำนักปลัดเทศบาล"
        " เทศบาลเมืองแฉะแม่ โทร. 0 4531 2345 เว้นว่าง = ไม่มี",
    )

    @field_validator("letterhead", mode="before")
    @classmethod
    def _clean_letterhead(cls, value: Any) -> Any:
        return _each_text(clean_texts(value), isolate_bidi) if isinstance(value, str) else value


#: Params keys whose value is a block of its own keys: their help and known keys are theirs.
NESTED_SETTINGS: dict[str, type[BaseModel]] = {"document": DocumentSettings}


def nested_help_th(loc: tuple[str, ...]) -> str | None:
    """The Thai help of a key inside a block (``document › font``), from its description."""
    if len(loc) < 2 or loc[0] not in NESTED_SETTINGS:
        return None
    field_info = NESTED_SETTINGS[loc[0]].model_fields.get(loc[1])
    return field_info.description if field_info is not None else None


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
    strict: bool = False
    #: How the published files look (issue 13): font and size, date, letterhead line.
    document: DocumentSettings = Field(default_factory=DocumentSettings)
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
        return _each_text(clean_texts(value), isolate_bidi)

    @field_validator("theme_overrides", "added_themes", "limitations", "units", "vocabulary",
                     "item_texts")
    @classmethod
    def _texts_not_too_long(cls, value: Any) -> Any:
        for text in _texts(value):
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
            line = line_of(self._lines, _path_of(path)) if path else None
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


def _each_text(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` with ``change`` applied to every string in it (mapping keys left alone)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: _each_text(v, change) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_each_text(v, change) for v in value)
    return value


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


_INDEXED = re.compile(r"^(?P<key>.+)\[(?P<n>\d+)\]$")


def _path_of(where: str) -> YamlPath:
    """``"added_themes[2] › title_th"`` → ``("added_themes", 1, "title_th")`` (1-based in text)."""
    path: list[str | int] = []
    for part in where.split(" › "):
        found = _INDEXED.match(part.strip())
        if found:
            path.extend((found["key"], int(found["n"]) - 1))
        else:
            path.append(part.strip())
    return tuple(path)


def line_of(lines: Mapping[YamlPath, int], path: YamlPath) -> int | None:
    """The line of ``path``, or of the nearest key above it that the file has."""
    for end in range(len(path), 0, -1):
        line = lines.get(path[:end])
        if line is not None:
            return line
    return None


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


#: The notebooks a params file can be for (its top-level ``notebook:`` key); the first is the
#: default, so params files written before the exploration notebooks keep working unchanged.
NOTEBOOK_KINDS = ("measures_report", "explore_agency", "explore_national", "implementation_report")
NOTEBOOK_KEY = "notebook"


@dataclass(frozen=True)
class ParamsFile:
    """A params YAML as read, not yet validated: its values and the line of each key."""

    source: Path
    values: dict[str, Any]
    lines: dict[str, int]  # top-level keys
    #: The line of every key and list item, nested ones too (``("theme_overrides", "x")``).
    paths: Mapping[YamlPath, int] = field(default_factory=dict)

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
    document = read_yaml_document(
        source,
        missing_th="ไม่พบไฟล์พารามิเตอร์",
        missing_en="parameters file not found",
        expected_th="รูปแบบ key: value",
        expected_en="key: value lines",
    )
    raw = {} if document.value is None else document.value
    if not isinstance(raw, dict):
        raise InputError(
            file_problem(source, "ต้องเป็นรายการ key: value", "must be key: value pairs")
        )
    return ParamsFile(source, raw, document.top_lines(), document.lines)


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
    return validate_params(values, source=read.source, lines=read.paths)


def validate_params(
    values: Mapping[str, Any],
    *,
    source: str | Path = "<params>",
    lines: Mapping[str, int] | Mapping[YamlPath, int] | None = None,
) -> ReportParams:
    """Validate parameter values (from a file, a notebook's namespace or the batch roster)."""
    params = validate_model(ReportParams, values, source=source, lines=lines)
    params._source = str(source)
    params._lines = _as_paths(lines or {})
    return params


def _as_paths(lines: Mapping[Any, int]) -> dict[YamlPath, int]:
    return {(k if isinstance(k, tuple) else (k,)): n for k, n in lines.items()}


M = TypeVar("M", bound=BaseModel)


def validate_model(
    model: type[M],
    values: Mapping[str, Any],
    *,
    source: str | Path = "<params>",
    lines: Mapping[str, int] | Mapping[YamlPath, int] | None = None,
    help_th: Mapping[str, str] = FIELD_HELP_TH,
) -> M:
    """Validate ``values`` as ``model`` (any notebook's params); ``InputError`` naming the file,
    the line of each wrong key, the value and what was expected, in Thai and English."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as exc:
        # Set by the loaders, never written by people: not offered as keys.
        known = tuple(f for f in model.model_fields if f not in ("base_dir", "source_file"))
        paths = _as_paths(lines or {})
        raise InputError(
            [_problem(err, source, paths, help_th, known) for err in exc.errors()]
        ) from None


def _problem(
    err: Any,
    source: str | Path,
    lines: Mapping[YamlPath, int],
    help_th: Mapping[str, str] = FIELD_HELP_TH,
    fields: tuple[str, ...] = PARAM_FIELDS[:-1],
) -> Problem:
    loc = [str(p) for p in err["loc"]]
    key = loc[0] if loc else ""
    line = line_of(lines, tuple(p if isinstance(p, int) else str(p) for p in err["loc"]))
    where = f"line {line}" if line else None
    column = " › ".join(loc)
    kind = err["type"]
    nested = NESTED_SETTINGS.get(key) if len(loc) > 1 else None
    if nested is not None:  # a key inside a block (document › font): the block's own words
        key, fields = loc[1], tuple(nested.model_fields)
    if kind == "missing":
        return file_problem(
            source,
            f"ไม่มีค่า {key} ซึ่งต้องระบุ ({help_th.get(key, '')})",
            f"required field {key!r} is missing",
            column=column,
            expected_th=f"เพิ่มบรรทัด {key}: ...",
            expected_en=f"a line '{key}: ...'",
        )
    if kind == "extra_forbidden":
        known = ", ".join(fields)
        mean_th, mean_en = did_you_mean(key, fields)
        return file_problem(
            source,
            f"ไม่รู้จักชื่อ {key} (อาจพิมพ์ผิด){mean_th}",
            f"unknown key {key!r} (a typo?){mean_en}",
            where=where,
            column=column,
            expected_th=f"ชื่อใดชื่อหนึ่งต่อไปนี้: {known}",
            expected_en=f"one of: {known}",
        )
    value = err.get("input")
    why_th, why_en = _why(err)
    return file_problem(
        source,
        f"ค่าไม่ถูกต้อง: {why_th}",
        f"invalid value: {why_en}",
        where=where,
        column=column,
        value=value,
        expected_th=nested_help_th(tuple(loc)) if nested is not None else help_th.get(key),
        expected_en=None,
    )


#: pydantic's error types, said in Thai (its own English ``msg`` stays the English).
_WHY_TH: dict[str, str] = {
    "float_parsing": "ต้องเป็นตัวเลข เช่น 85 (ไม่ต้องเขียนหน่วย เช่น คะแนน)",
    "float_type": "ต้องเป็นตัวเลข เช่น 85",
    "int_parsing": "ต้องเป็นจำนวนเต็ม เช่น 2567",
    "int_type": "ต้องเป็นจำนวนเต็ม เช่น 2567",
    "int_from_float": "ต้องเป็นจำนวนเต็ม ไม่มีทศนิยม",
    "bool_parsing": "ต้องเป็น true หรือ false",
    "bool_type": "ต้องเป็น true หรือ false",
    "string_type": "ต้องเป็นข้อความ",
    "string_too_short": "ต้องไม่ว่าง",
    "string_too_long": "ยาวเกิน {max_length} ตัวอักษร",
    "too_long": "มีเกิน {max_length} รายการ",
    "list_type": "ต้องเป็นรายการ บรรทัดละหนึ่งค่า ขึ้นต้นด้วย - (หรือ [a, b])",
    "tuple_type": "ต้องเป็นรายการ บรรทัดละหนึ่งค่า ขึ้นต้นด้วย - (หรือ [a, b])",
    "dict_type": "ต้องเป็นชุด ชื่อ: ค่า (เว้นว่างเป็น {})",
    "greater_than_equal": "ต้องไม่น้อยกว่า {ge}",
    "less_than_equal": "ต้องไม่เกิน {le}",
    "greater_than": "ต้องมากกว่า {gt}",
    "less_than": "ต้องน้อยกว่า {lt}",
}


def _why(err: Any) -> tuple[str, str]:
    """Why a value was refused, Thai and English, from one of pydantic's errors."""
    ctx = err.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, Bilingual):
        return cause.th, cause.en
    english = str(err["msg"]).removeprefix("Value error, ")
    thai = _WHY_TH.get(err["type"])
    if thai is None:
        return english, english
    try:
        return thai.format(**ctx), english
    except (KeyError, IndexError):
        return thai, english


# -- the notebook's way in (papermill -f, ita-report run, batch, JupyterLab) ---------------------
#: The project's own params folder: a relative ``scores_file`` in values papermill injected
#: (``papermill … -f params/X.yaml``) is read from here, as ``ita-report run`` reads it from the
#: folder of a file kept there. papermill does not tell the notebook which file it read.
PARAMS_DIR = Path(__file__).resolve().parent.parent / "params"
#: How messages name values that came from papermill rather than from a file we read.
PAPERMILL_SOURCE = "papermill -f/-p"
#: The comment papermill writes at the top of the cell it injects (its Python translator).
_INJECTED_HEADER = "# Parameters"


def params_from_notebook(namespace: Mapping[str, Any]) -> ReportParams:
    """The report's params inside the notebook, from its namespace (``globals()``).

    - ``params_file`` set (``ita-report run``, ``papermill -p params_file …``, an officer in
      JupyterLab): that file, with any value papermill injected on top (in JupyterLab, where
      nothing is injected, a value edited in the parameters cell away from its default).
    - no ``params_file`` (``papermill … -f params/X.yaml``, the batch): the values themselves,
      validated as a whole. They must be a complete params file: the parameters cell only
      holds the documented defaults, so nothing of any other agency can fill a gap. A
      relative ``scores_file`` is read from the project's ``params/`` folder
      (:data:`PARAMS_DIR`).

    A key papermill injected that no params file has (a typo such as ``thai_digit``) is an
    ``InputError``, as it is in a file.
    """
    injected = _injected_names(namespace)
    params_file = namespace.get("params_file")
    source = str(params_file) if params_file else PAPERMILL_SOURCE
    if injected is not None:
        _refuse_unknown(injected, source)
    kind = namespace.get(NOTEBOOK_KEY)
    if kind is not None and kind != NOTEBOOK_KINDS[0]:
        raise InputError(
            file_problem(
                source,
                f"พารามิเตอร์นี้เป็นของสมุดงาน {kind} ไม่ใช่รายงานมาตรการ",
                f"these parameters are for the {kind} notebook, not the measures report",
                column=NOTEBOOK_KEY,
                value=kind,
                expected_th=f"เปิดสมุดงาน notebooks/{kind}.ipynb หรือสั่ง ita-report run",
                expected_en=f"notebooks/{kind}.ipynb, or ita-report run",
            )
        )
    if params_file:
        if injected is not None:
            on_top = {k: namespace[k] for k in injected if k in PARAM_FIELDS}
        else:
            defaults = documented_defaults()
            on_top = {
                k: v
                for k in PARAM_FIELDS
                if (v := namespace.get(k)) is not None and v != defaults.get(k)
            }
        return load_params(params_file, **on_top)
    values = {k: namespace[k] for k in PARAM_FIELDS if namespace.get(k) is not None}
    if not any(values.get(k) for k in REQUIRED_FIELDS):
        raise InputError(
            file_problem(
                "notebooks/measures_report.ipynb",
                "ยังไม่ได้เลือกไฟล์พารามิเตอร์: ใน JupyterLab ใช้แบบฟอร์มด้านบน (เลือกหรือสร้างไฟล์"
                " แล้วกด สร้างรายงาน) หรือใส่ชื่อไฟล์ที่ params_file ในเซลล์พารามิเตอร์แล้วรันใหม่",
                "no parameters were given: in JupyterLab use the form above (choose or create a"
                " params file, then สร้างรายงาน), or set params_file in the parameters cell and"
                " run again",
                column="params_file",
                expected_th='params_file = "../params/<หน่วยงาน>-<ปี>.yaml" หรือสั่ง'
                " papermill notebooks/measures_report.ipynb out.ipynb -f params/<ไฟล์>.yaml",
                expected_en='params_file = "../params/<agency>-<year>.yaml", or'
                " papermill notebooks/measures_report.ipynb out.ipynb -f params/<file>.yaml",
            )
        )
    values.setdefault("base_dir", str(PARAMS_DIR))
    return validate_params(values, source=source)


def _injected_names(namespace: Mapping[str, Any]) -> frozenset[str] | None:
    """The names papermill's injected cell assigned, read from IPython's input history.

    None when there is no such cell (JupyterLab, or a kernel that keeps no history such as
    the batch's warm kernel: there every value is given, checked, by the caller).
    """
    history = namespace.get("In")
    if not isinstance(history, list):
        return None
    for text in reversed(history):
        if isinstance(text, str) and text.lstrip().startswith(_INJECTED_HEADER):
            try:
                tree = ast.parse(text)
            except SyntaxError:
                return None
            return frozenset(
                target.id
                for node in tree.body
                if isinstance(node, ast.Assign)
                for target in node.targets
                if isinstance(target, ast.Name)
            )
    return None


def _refuse_unknown(injected: frozenset[str], source: str) -> None:
    known = {*PARAM_FIELDS, "params_file", NOTEBOOK_KEY}
    unknown = sorted(injected - known)
    if not unknown:
        return
    names = [f for f in PARAM_FIELDS if f not in INTERNAL_FIELDS]
    listed = ", ".join(names)
    raise InputError(
        [
            file_problem(
                source,
                f"ไม่รู้จักชื่อ {key} (อาจพิมพ์ผิด){did_you_mean(key, names)[0]}",
                f"unknown key {key!r} (a typo?){did_you_mean(key, names)[1]}",
                column=key,
                expected_th=f"ชื่อใดชื่อหนึ่งต่อไปนี้: {listed}",
                expected_en=f"one of: {listed}",
            )
            for key in unknown
        ]
    )
