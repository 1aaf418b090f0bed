"""One line per agency and year: tool scores, ITA score, level, items below target.

The ``summarize`` command's content and its three renderings (terminal table, CSV, JSON).
Pure functions of assessments; they never read score files or print.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from ita_report.gaps import Assessment
from ita_report.thai import format_score, round_score

FIELDS = ("org_id", "fiscal_year", "iit", "eit", "oit", "ita", "level",
          "items_below_target", "weakest_indicator")

_TABLE_HEADERS = ("รหัสหน่วยงาน", "ปีงบประมาณ", "IIT", "EIT", "OIT", "ITA", "ระดับ",
                  "ข้อต่ำกว่าเป้า", "ตัวชี้วัดที่อ่อนที่สุด")


@dataclass(frozen=True)
class SummaryRow:
    """The summary of one agency's result (สรุปผลการประเมิน)."""

    org_id: str
    fiscal_year: int
    iit: float | None
    eit: float | None
    oit: float | None
    ita: float | None
    level: str | None
    items_below_target: int | None  # None when the input had no item scores
    weakest_indicator: str | None  # indicator code, e.g. "ind10"
    weakest_indicator_name: str | None = None
    weakest_indicator_score: float | None = None


def _r(value: float | None) -> float | None:
    return None if value is None else round_score(value)


def summary_row(result: Assessment) -> SummaryRow:
    """Summarise one assessment."""
    weakest = result.weakest_indicator
    has_items = any(i.score is not None for i in result.items)
    return SummaryRow(
        org_id=result.org_id,
        fiscal_year=result.fiscal_year,
        iit=_r(result.tool("IIT").score),
        eit=_r(result.tool("EIT").score),
        oit=_r(result.tool("OIT").score),
        ita=_r(result.ita),
        level=result.level,
        items_below_target=len(result.items_below_target) if has_items else None,
        weakest_indicator=weakest.code if weakest else None,
        weakest_indicator_name=weakest.name_th if weakest else None,
        weakest_indicator_score=_r(weakest.score) if weakest else None,
    )


def _plain(row: SummaryRow) -> dict[str, object]:
    data = asdict(row)
    return {key: data[key] for key in FIELDS}


def to_json(rows: Iterable[SummaryRow]) -> str:
    """A JSON list of objects with the keys in ``FIELDS`` (null where not computable)."""
    return json.dumps([_plain(r) for r in rows], ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: Iterable[SummaryRow]) -> str:
    """CSV with a header of ``FIELDS``; empty cells where not computable."""
    from ita_report.report.office import csv_text  # formula-like names stay text

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else csv_text(v)) for k, v in _plain(row).items()})
    return buffer.getvalue()


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: Thai vowel and tone marks take none."""
    return sum(
        0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn"
        else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def to_table(rows: Sequence[SummaryRow]) -> str:
    """A readable terminal table with Thai headers and indicator names."""
    def cell(v: float | None) -> str:
        return "-" if v is None else format_score(v, thai=False)

    body = [
        (
            r.org_id, str(r.fiscal_year), cell(r.iit), cell(r.eit), cell(r.oit), cell(r.ita),
            r.level or "-",
            "-" if r.items_below_target is None else str(r.items_below_target),
            "-" if r.weakest_indicator is None else (
                f"{r.weakest_indicator[3:]} {r.weakest_indicator_name}"
                f" ({cell(r.weakest_indicator_score)})"
            ),
        )
        for r in rows
    ]
    numeric = {1, 2, 3, 4, 5, 7}
    widths = [max(display_width(x) for x in col) for col in zip(_TABLE_HEADERS, *body, strict=True)]
    lines = []
    for values in (_TABLE_HEADERS, *body):
        pairs = enumerate(zip(values, widths, strict=True))
        cells = (_pad(v, w, i in numeric) for i, (v, w) in pairs)
        lines.append("  ".join(cells).rstrip())
        if values is _TABLE_HEADERS:
            lines.append("  ".join("─" * w for w in widths))
    return "\n".join(lines) + "\n"
