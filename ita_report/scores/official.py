"""The agency's official ITA result as ITAS published it (ผลการประเมินตามประกาศ): tool scores,
the ITA score, the level and, when known, indicator scores.

The officer's own ITAS result page is the source of truth; the figures computed from item scores
through a framework file are checked against it (``ita_report.official_check``). Here the record
and its two readers: the template's agency sheet and the params' ``official_results:``. Nothing
here computes a score or writes a file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ita_report.codes import normalize_code
from ita_report.errors import InputError, Problem, file_problem
from ita_report.scores.cells import BLANK, SCORE_OK, cell_text, parse_score

#: The tools' keys, as the params and the agency sheet spell them, and the tool codes they mean.
TOOL_KEYS = {"iit": "IIT", "eit": "EIT", "oit": "OIT"}

#: Rows the template's agency sheet has for the official result: (key, Thai label, help).
#: Column A shows "label (key)", as the other agency rows (scores.template.AGENCY_FIELDS).
OFFICIAL_FIELDS = (
    ("official_iit", "คะแนน IIT ตามประกาศ", "คะแนนเครื่องมือ IIT ตามหน้าผลการประเมินในระบบ ITAS"
     " เว้นว่างถ้ายังไม่ประกาศ"),
    ("official_eit", "คะแนน EIT ตามประกาศ", "คะแนนเครื่องมือ EIT ตามหน้าผลการประเมินในระบบ ITAS"),
    ("official_oit", "คะแนน OIT ตามประกาศ", "คะแนนเครื่องมือ OIT ตามหน้าผลการประเมินในระบบ ITAS"),
    ("official_ita", "คะแนน ITA ตามประกาศ", "คะแนน ITA รวมตามหน้าผลการประเมินในระบบ ITAS"),
    ("official_level", "ระดับผลการประเมินตามประกาศ", "เช่น ผ่านดี หรือ A ตามหน้าผลการประเมินในระบบ ITAS"),
)


@dataclass(frozen=True)
class OfficialResults:
    """The agency's result as published on ITAS (ผลการประเมินตามประกาศ).

    Every figure is optional: an officer may know the ITA score and level but not the tools.
    ``indicators`` maps ``ind1`` … ``ind10`` to a score. ``source`` says where the figures were
    read (a params file, a template's agency sheet, a pasted ITAS page), for messages.

    >>> OfficialResults(ita=93.12, level="ผ่านดี").tools
    {}
    """

    iit: float | None = None
    eit: float | None = None
    oit: float | None = None
    ita: float | None = None
    level: str | None = None
    # A plain dict (hash=False): a MappingProxy would not pickle into the notebook's kernel.
    indicators: Mapping[str, float] = field(default_factory=dict, hash=False)
    source: str = ""

    @property
    def tools(self) -> dict[str, float]:
        """Tool code (``IIT``) → official score, for the tools given."""
        given = {code: getattr(self, key) for key, code in TOOL_KEYS.items()}
        return {code: value for code, value in given.items() if value is not None}

    @property
    def empty(self) -> bool:
        return not self.tools and self.ita is None and not self.level and not self.indicators

    def merged_over(self, other: OfficialResults | None) -> OfficialResults:
        """These figures, with ``other``'s where these have none (params over the template)."""
        if other is None:
            return self
        return OfficialResults(
            iit=self.iit if self.iit is not None else other.iit,
            eit=self.eit if self.eit is not None else other.eit,
            oit=self.oit if self.oit is not None else other.oit,
            ita=self.ita if self.ita is not None else other.ita,
            level=self.level or other.level,
            indicators={**other.indicators, **self.indicators},
            source=" + ".join(s for s in (self.source, other.source) if s),
        )


def official_from_mapping(
    raw: Mapping[str, Any], *, source: str = "params"
) -> OfficialResults:
    """The record from already validated values (params' ``official_results:``, an importer).

    Indicator keys may be written ``ind9``, ``9`` or ``๙``; anything else is a ``ValueError``.
    """
    indicators: dict[str, float] = {}
    for key, value in (raw.get("indicators") or {}).items():
        code = indicator_code(key)
        if code is None:
            raise ValueError(f"{key!r} is not an indicator (ind1 … ind10)")
        indicators[code] = float(value)
    level = raw.get("level")
    return OfficialResults(
        **{key: _float_or_none(raw.get(key)) for key in (*TOOL_KEYS, "ita")},
        level=(str(level).strip() or None) if level is not None else None,
        indicators=indicators,
        source=source,
    )


def indicator_code(key: object) -> str | None:
    """``ind10`` for ``"ind10"``, ``10`` or ``"๑๐"``; ``None`` for anything else."""
    text = str(key).strip()
    if re.fullmatch(r"[0-9๐-๙]{1,2}", text):
        text = f"ind{text}"
    code = normalize_code(text)
    return code if code is not None and code.startswith("ind") else None


def _float_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


def read_official_cells(
    file: Path, cells: Mapping[str, tuple[str, str]]
) -> OfficialResults | None:
    """The official result from the agency sheet's cells (key → (text, cell reference)), as
    :func:`ita_report.scores.template.read_official` found them; ``None`` when all are blank.

    Each wrong value is an ``InputError`` naming the cell (``หน่วยงาน!B9``).
    """
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, _label, _help in OFFICIAL_FIELDS:
        raw, where = cells.get(key, ("", ""))
        if not raw.strip():
            continue
        name = key.removeprefix("official_")
        if name == "level":
            values[name] = raw.strip()
            continue
        number, status = parse_score(cell_text(raw))
        if status == SCORE_OK:
            values[name] = number
        elif status != BLANK:
            problems.append(
                file_problem(
                    file,
                    f"คะแนน {name.upper()} ตามประกาศไม่ใช่คะแนน 0–100",
                    f"the official {name.upper()} score is not a score from 0 to 100",
                    where=where,
                    column=key,
                    value=raw.strip(),
                    expected_th="ตัวเลข 0 ถึง 100 ตามหน้าผลการประเมินในระบบ ITAS หรือเว้นว่าง",
                    expected_en="a number from 0 to 100 as on the ITAS result page, or blank",
                )
            )
    if problems:
        raise InputError(problems)
    if not values:
        return None
    return official_from_mapping(values, source=f"{file.name} ({_sheet_of(cells)})")


def _sheet_of(cells: Mapping[str, tuple[str, str]]) -> str:
    refs = [where for _, where in cells.values() if where]
    return refs[0].rsplit("!", 1)[0] if refs else "agency sheet"

