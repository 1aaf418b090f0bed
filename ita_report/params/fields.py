"""The parts a params file is built of: text limits, the target score, a safe org_id, the
``document:`` block (DocumentSettings), and where a key is in the file.

Nothing here reads a file or runs a notebook.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)

from ita_report.errors import Bilingual
from ita_report.iorw import YamlPath
from ita_report.text import clean_texts, isolate_bidi

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
# Device names Windows will not create as files, whatever the extension (con.html is CON).
_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


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
#: The years (Buddhist Era) a document may be dated in: those a fiscal_year may be.
DOCUMENT_YEARS = (2500, 2700)
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
    if not DOCUMENT_YEARS[0] <= year + _BE_OFFSET <= DOCUMENT_YEARS[1]:
        # 0001-01-01 or 2400-01-01 is a typing slip, never the day a document was made; the
        # same years a fiscal_year may be.
        raise Bilingual(
            f"{value} ไม่ใช่ปีที่จัดทำเอกสารได้ (ปี พ.ศ. {DOCUMENT_YEARS[0]}–{DOCUMENT_YEARS[1]})",
            f"{value!r} is not a year a document can be dated (BE {DOCUMENT_YEARS[0]}–"
            f"{DOCUMENT_YEARS[1]}, CE {DOCUMENT_YEARS[0] - 543}–{DOCUMENT_YEARS[1] - 543});"
            " write it as year-month-day, such as 2567-10-01",
        )
    try:
        return _dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a day of the calendar ({exc})") from None


def check_document_year(day: _dt.date | None, fiscal_year: int) -> None:
    """Refuse a document date far from the results year ``fiscal_year`` (Buddhist Era): from
    the first day of that fiscal year to the last of the third after it (measures are written
    from the results, carried out the year after, reported on after that)."""
    if day is None:
        return
    first = _dt.date(fiscal_year - _BE_OFFSET - 1, 10, 1)
    last = _dt.date(fiscal_year + 3 - _BE_OFFSET, 9, 30)
    if not first <= day <= last:
        raise Bilingual(
            f"date: วันที่จัดทำเอกสาร {day.year + _BE_OFFSET}-{day.month:02d}-{day.day:02d}"
            f" ห่างจากปีงบประมาณ {fiscal_year} ของผลการประเมินเกินไป ควรอยู่ระหว่าง"
            f" {first.year + _BE_OFFSET}-10-01 ถึง {last.year + _BE_OFFSET}-09-30"
            " (ตรวจปี พ.ศ./ค.ศ. ที่พิมพ์)",
            f"date: the document date {day.isoformat()} is too far from the results' fiscal year"
            f" {fiscal_year}; expected between {first.isoformat()} and {last.isoformat()}"
            f" ({first.year + _BE_OFFSET}-10-01 and {last.year + _BE_OFFSET}-09-30 BE)",
        )


class DocumentSettings(BaseModel):
    """How the published files look (การตั้งค่าเอกสาร): ``document:`` in a params file.

    Each field's Thai help is its ``description``: ``ita-report new`` writes it beside the key
    and error messages quote it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Sarabun by default (issue 24): it is embedded in the Word file, so the file keeps its
    # pages wherever it is opened. TH Sarabun New is only named: its file is not shipped here
    # (no licence text of it reaches this project to say it may be embedded), and a machine
    # without it lays the document out in a fallback face (28 pages instead of 10).
    font: Literal["TH Sarabun New", "Sarabun"] = Field(
        default="Sarabun",
        description="แบบอักษรของไฟล์ Word และ Excel: Sarabun (ค่าเริ่มต้น ฝังไว้ในไฟล์ Word"
        " เปิดที่เครื่องใดก็เหมือนกัน) หรือ TH Sarabun New (ฟอนต์มาตรฐานราชการ ไม่ได้ฝังในไฟล์"
        " เครื่องที่เปิดไฟล์ต้องมีฟอนต์นี้ ไม่เช่นนั้นหน้ากระดาษจะเคลื่อน)",
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
    # Off by default: a document an agency signs and publishes names the agency, not the
    # software that typed it.
    show_tool_name: bool = Field(
        default=False,
        description='ต่อท้ายวันที่จัดทำด้วยคำว่า "ด้วย ita-report" (true/false ค่าเริ่มต้น false)',
    )
    # An announcement by default: agencies publish the measures as something their executive
    # has approved, and a ประกาศ signed and dated says so on its first page; an assessor
    # questions a document that does not (issue 25).
    form: Literal["announcement", "title"] = Field(
        default="announcement",
        description="รูปแบบเอกสาร: announcement = ประกาศ{หน่วยงาน} เรื่อง มาตรการ… ลงนามโดยผู้บริหาร"
        " แล้วแนบรายละเอียด (ค่าเริ่มต้น) หรือ title = ชื่อเรื่องแบบเดิม ลงนามให้ความเห็นชอบท้ายเอกสาร",
    )
    # As ITAS writes codes by default (issue 24): an officer looks o11 up in ITAS as o11. Thai
    # digits only when chosen, and then in every code alike (never O๑๑ beside i๒๓).
    codes: Literal["ita", "thai"] = Field(
        default="ita",
        description="การเขียนรหัสข้อ: ita = แบบระบบ ITAS เช่น o11 i23 e1 (ค่าเริ่มต้น)"
        " หรือ thai = ใช้เลขไทยในรหัสทุกข้อ เช่น o๑๑ i๒๓ e๑",
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
        return each_text(clean_texts(value), isolate_bidi) if isinstance(value, str) else value


# -- the official result (issue 23): the officer's ITAS result page, the source of truth ------
#: A published score: 0–100 points, never a YAML boolean.
OfficialPoints = Annotated[float, BeforeValidator(_not_a_boolean), Field(ge=0, le=100)]


def _indicator_keys(value: Any) -> Any:
    # ind9, 9 or ๙: one spelling (ind9) so the check compares like with like.
    if not isinstance(value, dict):
        return value
    from ita_report.codes import normalize_code

    out = {}
    for key, score in value.items():
        text = str(key).strip()
        code = normalize_code(f"ind{text}" if text.translate(_THAI_DIGITS).isdigit() else text)
        if code is None or not code.startswith("ind"):
            raise Bilingual(f"{key} ไม่ใช่ตัวชี้วัด เขียนเป็น ind1 … ind10",
                            f"{key!r} is not an indicator; write ind1 … ind10")
        out[code] = score
    return out


class OfficialResultsSettings(BaseModel):
    """The official result as ITAS published it (ผลการประเมินตามประกาศ): ``official_results:``.

    Each field's Thai help is its ``description``. When given, the document prints these
    figures and checks the computed ones against them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    iit: OfficialPoints | None = Field(
        default=None, description="คะแนนเครื่องมือ IIT ตามหน้าผลการประเมินในระบบ ITAS")
    eit: OfficialPoints | None = Field(
        default=None, description="คะแนนเครื่องมือ EIT ตามหน้าผลการประเมินในระบบ ITAS")
    oit: OfficialPoints | None = Field(
        default=None, description="คะแนนเครื่องมือ OIT ตามหน้าผลการประเมินในระบบ ITAS")
    ita: OfficialPoints | None = Field(
        default=None, description="คะแนน ITA รวมตามหน้าผลการประเมินในระบบ ITAS")
    level: str | None = Field(
        default=None, max_length=MAX_SHORT_CHARS,
        description="ระดับผลการประเมินตามหน้า ITAS เช่น ผ่านดี ผ่าน หรือ A")
    indicators: Annotated[
        dict[str, OfficialPoints], BeforeValidator(_indicator_keys)
    ] = Field(
        default_factory=dict, max_length=20,
        description="คะแนนรายตัวชี้วัดตามหน้า ITAS (ถ้ามี) เช่น {ind9: 95.5, ind10: 87.5}")


class SignatorySettings(BaseModel):
    """Who signs the measures document (ผู้ลงนาม): ``signatory:`` in a params file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(
        default="",
        max_length=MAX_SHORT_CHARS,
        description="ชื่อเต็มของผู้บริหารที่ลงนาม เช่น นายสมชาย ใจดี เว้นว่าง = พิมพ์เส้นจุดให้เขียนชื่อเอง",
    )
    position: str = Field(
        default="",
        max_length=MAX_NAME_CHARS,
        description="ตำแหน่งผู้ลงนาม เว้นว่าง = ตามประเภทหน่วยงาน เช่น นายกองค์การบริหารส่วนตำบล…"
        " นายกเทศมนตรี… อธิบดี… (ผู้รักษาราชการแทนเขียนเต็ม เช่น ปลัด… ปฏิบัติหน้าที่นายก…)",
    )

    @field_validator("name", "position", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return " ".join(each_text(clean_texts(value), isolate_bidi).split())


#: Params keys whose value is a block of its own keys: their help and known keys are theirs.
NESTED_SETTINGS: dict[str, type[BaseModel]] = {
    "document": DocumentSettings,
    "official_results": OfficialResultsSettings,
    "signatory": SignatorySettings,
}


def nested_help_th(loc: tuple[str, ...]) -> str | None:
    """The Thai help of a key inside a block (``document › font``), from its description."""
    if len(loc) < 2 or loc[0] not in NESTED_SETTINGS:
        return None
    field_info = NESTED_SETTINGS[loc[0]].model_fields.get(loc[1])
    return field_info.description if field_info is not None else None


def each_text(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` with ``change`` applied to every string in it (mapping keys left alone)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: each_text(v, change) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(each_text(v, change) for v in value)
    return value


def texts_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts_in(item)


_INDEXED = re.compile(r"^(?P<key>.+)\[(?P<n>\d+)\]$")


def yaml_path_of(where: str) -> YamlPath:
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
