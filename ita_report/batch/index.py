"""``index.html`` of a batch: every agency of the year with its result and a link to its report.

Self-contained like the reports (embedded Sarabun, inline SVG charts, nothing fetched); a
small inline script sorts and filters the table (text, type, province, level, failed only),
and the page reads fine without it. Every text is escaped. Nothing here renders a report.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ita_report.batch.records import AgencyResult
from ita_report.iorw import atomic_write_text
from ita_report.thai import format_score

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STATUS_TH = {"ok": "สร้างแล้ว", "skipped": "เป็นปัจจุบัน", "failed": "ไม่สำเร็จ"}
#: How the index names each file of a report.
FORMAT_LABELS = {".html": "HTML", ".docx": "Word", ".xlsx": "Excel", ".pdf": "PDF"}
NO_LEVEL = "ไม่มีผล"

_CSS = """
body { font-family: "Sarabun", sans-serif; margin: 1.5rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.5rem; margin: 0 0 .3rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem; }
.note { color: #555; } .charts svg { max-width: 100%; height: auto; }
table.agencies { border-collapse: collapse; width: 100%; font-size: .95rem; }
table.agencies th, table.agencies td { border: 1px solid #ccc; padding: .25rem .45rem; }
table.agencies thead th { background: #eef3f7; position: sticky; top: 0; cursor: pointer; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td { background: #fdf0ea; } tr.below td.ita { color: #a4521d; font-weight: 700; }
#controls { margin: .6rem 0; display: flex; gap: .6rem; flex-wrap: wrap; }
#controls[hidden] { display: none; } /* without scripts the filters would do nothing */
#controls input, #controls select { font: inherit; padding: .15rem .3rem; }
@media print { #controls { display: none; } thead th { position: static; } }
"""

# Sorting and filtering for readers with scripts on; the table is complete without it.
_SCRIPT = """
(function () {
  var table = document.querySelector("table.agencies"), body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var controls = document.getElementById("controls"); controls.hidden = false;
  var q = document.getElementById("q"), type = document.getElementById("type"),
      prov = document.getElementById("province"), level = document.getElementById("level"),
      failed = document.getElementById("failed"), shown = document.getElementById("shown");
  function filter() {
    var text = q.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var ok = (!text || r.textContent.toLowerCase().indexOf(text) >= 0) &&
        (!type.value || r.dataset.type === type.value) &&
        (!prov.value || r.dataset.province === prov.value) &&
        (!level.value || r.dataset.level === level.value) &&
        (!failed.checked || r.dataset.status === "failed");
      r.hidden = !ok; if (ok) { n++; }
    });
    shown.textContent = n;
  }
  [q, type, prov, level, failed].forEach(function (el) {
    el.addEventListener("input", filter); el.addEventListener("change", filter);
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    var asc = true;
    th.addEventListener("click", function () {
      var numeric = th.dataset.kind === "num";
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.v || a.cells[col].textContent,
            y = b.cells[col].dataset.v || b.cells[col].textContent;
        if (numeric) { x = parseFloat(x); y = parseFloat(y);
          x = isNaN(x) ? -1 : x; y = isNaN(y) ? -1 : y; return asc ? x - y : y - x; }
        return asc ? x.localeCompare(y, "th") : y.localeCompare(x, "th");
      });
      asc = !asc; rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float | None) -> str:
    return "" if value is None else format_score(value, thai=False)


def indicator_averages(
    results: Sequence[AgencyResult], year: int
) -> list[tuple[str, float | None]]:
    """(label, national mean) of each indicator over the agencies with a report."""
    from ita_report.framework import load_framework

    indicators = load_framework(year).indicators()
    sums = [0.0] * len(indicators)
    counts = [0] * len(indicators)
    for r in results:
        if r.status == "failed":
            continue
        for i, score in enumerate(r.indicators[: len(indicators)]):
            if score is not None:
                sums[i] += score
                counts[i] += 1
    return [
        (f"{ind.number} {ind.name_th}", sums[i] / counts[i] if counts[i] else None)
        for i, ind in enumerate(indicators)
    ]


def levels_by_type(results: Sequence[AgencyResult]) -> dict[str, Counter[str]]:
    """Agency type (ประเภทหน่วยงาน) → how many agencies got each level."""
    table: dict[str, Counter[str]] = {}
    for r in results:
        if r.status == "failed":
            continue
        table.setdefault(r.org_type or "ไม่ระบุ", Counter())[r.level or NO_LEVEL] += 1
    return table


def levels_chart(by_type: dict[str, Counter[str]], level_order: Sequence[str]) -> Figure:
    """Stacked bars: for each agency type, the share of its agencies at each level."""
    from matplotlib.figure import Figure

    from ita_report.report import charts

    types = sorted(by_type, key=lambda t: -sum(by_type[t].values()))
    seen = {lv for c in by_type.values() for lv in c}
    levels = [lv for lv in level_order if lv in seen] + sorted(seen - set(level_order))
    palette = ["#1d3f5e", "#2f6f9f", "#6fa3c7", "#e0b339", "#e07b39", "#c0392b", "#7f1d1d"]
    with charts.use_sarabun():
        fig = Figure(
            figsize=(charts.PAGE_WIDTH_IN, 1.6 + 0.45 * max(len(types), 1)), layout="constrained"
        )
        fig.set_label("ระดับผลการประเมินแยกตามประเภทหน่วยงาน")
        ax = fig.add_subplot()
        left = [0.0] * len(types)
        for n, level in enumerate(levels):
            shares = [
                100 * by_type[t][level] / max(sum(by_type[t].values()), 1) for t in types
            ]
            ax.barh(
                range(len(types)),
                shares,
                left=left,
                color=palette[n % len(palette)],
                label=level,
                height=0.6,
            )
            left = [a + b for a, b in zip(left, shares, strict=True)]
        ax.set_yticks(range(len(types)), [f"{t} ({sum(by_type[t].values())})" for t in types])
        ax.set_ylim(len(types) - 0.4, -0.6)
        ax.set_xlim(0, 100)
        ax.set_xlabel("ร้อยละของหน่วยงาน")
        ax.spines[["top", "right"]].set_visible(False)
        fig.legend(loc="outside lower center", ncols=min(len(levels), 6), frameon=False)
    return fig


def index_html(results: Sequence[AgencyResult], *, year: int) -> str:
    """The whole page."""
    from ita_report.framework import load_framework
    from ita_report.report import charts
    from ita_report.report.page import font_face_css

    framework = load_framework(year)
    done = [r for r in results if r.status != "failed"]
    counts = Counter(r.status for r in results)
    scored = [r.ita for r in done if r.ita is not None]
    mean = sum(scored) / len(scored) if scored else None
    by_type = levels_by_type(results)
    chart_svgs = []
    if done:
        chart_svgs.append(
            ("ระดับผลการประเมินแยกตามประเภทหน่วยงาน",
             charts.figure_to_svg(levels_chart(by_type, [lv.name for lv in framework.levels])))
        )
        chart_svgs.append(
            ("คะแนนเฉลี่ยรายตัวชี้วัดเทียบค่าเป้าหมาย",
             charts.figure_to_svg(
                 charts.indicator_chart(indicator_averages(results, year), framework.target,
                                        thai_digits=False)
             ))
        )
    from ita_report.report.page import inline_svg

    charts_html = "".join(
        f'<figure><h3>{_e(title)}</h3>{inline_svg(svg)}</figure>' for title, svg in chart_svgs
    )
    types = sorted({r.org_type for r in results if r.org_type})
    provinces = sorted({r.province for r in results if r.province})
    rows = "".join(_row(r, framework.target) for r in results)
    options_type = "".join(f'<option value="{_e(t)}">{_e(t)}</option>' for t in types)
    options_prov = "".join(f'<option value="{_e(p)}">{_e(p)}</option>' for p in provinces)
    options_level = "".join(
        f'<option value="{_e(name)}">{_e(name)} ({n})</option>'
        for name, n in level_counts(results, [lv.name for lv in framework.levels])
    )
    return (
        '<!DOCTYPE html>\n<html lang="th">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>ผลการประเมิน ITA และรายงานมาตรการ ปีงบประมาณ พ.ศ. {year}</title>\n"
        f"<style>\n{font_face_css()}\n{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>ผลการประเมิน ITA และรายงานมาตรการของหน่วยงาน ปีงบประมาณ พ.ศ. {year}</h1>\n"
        f'<p class="summary">หน่วยงานทั้งหมด {len(results)} แห่ง · มีรายงาน {len(done)} · '
        f"ไม่สำเร็จ {counts.get('failed', 0)} · คะแนน ITA เฉลี่ย {_e(_num(mean) or '-')}</p>\n"
        f'<section class="charts"><h2>ภาพรวม</h2>{charts_html}</section>\n'
        "<h2>รายชื่อหน่วยงาน</h2>\n"
        '<div id="controls" hidden><label>ค้นหา <input id="q" type="search"></label>'
        f'<label>ประเภท <select id="type"><option value="">ทั้งหมด</option>{options_type}'
        "</select></label>"
        f'<label>จังหวัด <select id="province"><option value="">ทั้งหมด</option>{options_prov}'
        "</select></label>"
        f'<label>ระดับ <select id="level"><option value="">ทั้งหมด</option>{options_level}'
        "</select></label>"
        '<label><input id="failed" type="checkbox"> เฉพาะที่ไม่สำเร็จ '
        f"({counts.get('failed', 0)})</label>"
        f'<span>แสดง <span id="shown">{len(results)}</span> แห่ง</span></div>\n'
        '<table class="agencies"><thead><tr>'
        '<th scope="col">รหัส</th><th scope="col">หน่วยงาน</th><th scope="col">ประเภท</th>'
        '<th scope="col">จังหวัด</th><th scope="col" data-kind="num">คะแนน ITA</th>'
        '<th scope="col">ระดับ</th><th scope="col" data-kind="num">ข้อต่ำกว่าเป้าหมาย</th>'
        '<th scope="col">ผลตามประกาศ</th>'
        '<th scope="col">สถานะ</th><th scope="col">ไฟล์</th></tr></thead>\n'
        f"<tbody>{rows}</tbody></table>\n"
        '<p class="note">คลิกหัวคอลัมน์เพื่อเรียงลำดับ · ไฟล์ status.csv และ status.json '
        "มีรายละเอียดของทุกหน่วยงาน</p>\n"
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def level_counts(
    results: Sequence[AgencyResult], level_order: Sequence[str]
) -> list[tuple[str, int]]:
    """(level, agencies at it) for the index's level filter: every level of the year's
    framework in its order, even at 0 (an officer looks for ผ่านดีเยี่ยม and sees there is
    none), then "ไม่มีผล" when a report has no ITA score. A failed agency has no level."""
    counted = Counter(_level(r) for r in results if r.status != "failed")
    extra = sorted(set(counted) - set(level_order) - {NO_LEVEL})
    tail = [NO_LEVEL] if counted.get(NO_LEVEL) else []
    return [(name, counted.get(name, 0)) for name in [*level_order, *extra, *tail]]


def _level(r: AgencyResult) -> str:
    """The level a row is filtered by: its own, "ไม่มีผล" for a report without one, "" when
    the agency failed (no report, so no level to show)."""
    return "" if r.status == "failed" else r.level or NO_LEVEL


def _row(r: AgencyResult, target: float) -> str:
    name = (
        f'<a href="{_e(r.report)}">{_e(r.org_name)}</a>'
        if r.report and r.status != "failed"
        else _e(r.org_name)
    )
    below = r.ita is not None and r.ita < target
    classes = " ".join(c for c in (r.status, "below" if below else "") if c)
    status = STATUS_TH.get(r.status, r.status)
    title = f' title="{_e(r.error.splitlines()[0])}"' if r.error else ""
    items = "" if r.items_below_target is None else str(r.items_below_target)
    files = (
        " · ".join(f'<a href="{_e(name)}">{_e(FORMAT_LABELS.get(Path(name).suffix, name))}</a>'
                   for name in (r.files or ((r.report,) if r.report else ())))
        if r.status != "failed"
        else ""
    )
    return (
        f'<tr class="{classes}" data-type="{_e(r.org_type)}" data-province="{_e(r.province)}"'
        f' data-level="{_e(_level(r))}" data-status="{_e(r.status)}">'
        f"<td>{_e(r.org_id)}</td><td>{name}</td><td>{_e(r.org_type)}</td>"
        f"<td>{_e(r.province)}</td>"
        f'<td class="num ita" data-v="{_e(_num(r.ita))}">{_e(_num(r.ita))}</td>'
        f"<td>{_e(r.level or '')}</td>"
        f'<td class="num" data-v="{_e(items)}">{_e(items)}</td><td>{_e(r.official)}</td>'
        f"<td{title}>{_e(status)}</td><td class=\"files\">{files}</td></tr>"
    )


def write_index(results: Sequence[AgencyResult], year_dir: Path, *, year: int) -> Path:
    """Write ``<year_dir>/index.html`` atomically and return its path."""
    path = year_dir / "index.html"
    atomic_write_text(path, index_html(results, year=year))
    return path
