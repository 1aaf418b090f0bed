"""The exploration views as HTML fragments with Thai headings (ตารางของสมุดงานสำรวจ).

Like ``report.py``'s fragments: every text is escaped here, whatever its source (params, roster,
score file, framework). Tables only; charts are in ``explore.charts``. Never computes a result:
each number comes from a view.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from ita_report.explore.follow_up import FollowedItem, FollowedTheme, FollowUp
from ita_report.explore.overview import Distribution, LevelTable
from ita_report.explore.trend import TrendLine
from ita_report.explore.views import AgencyView, FollowUpSection, NationalView
from ita_report.gaps import Status
from ita_report.synth import SYNTHETIC_NOTE
from ita_report.thai import digits, format_score, format_threshold

NO_DATA = "ไม่มีข้อมูล"
DASH = "–"  # a cell without data in wide tables; the note under each table says so


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _score(value: float | None, thai: bool, empty: str = DASH) -> str:
    return empty if value is None else format_score(value, thai=thai)


def _change(value: float | None, thai: bool) -> str:
    if value is None:
        return DASH
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + format_score(abs(value), thai=thai)


def _share(value: float | None, thai: bool) -> str:
    return DASH if value is None else digits(f"{100 * value:.1f}%", thai=thai)


def _int(value: int | None, thai: bool) -> str:
    return DASH if value is None else digits(f"{value:,}", thai=thai)


def _year(year: int, thai: bool) -> str:
    return digits(str(year), thai=thai)


#: Carried by every table, so it looks the same in JupyterLab (whose own style right-aligns
#: every cell and knows nothing of report.css) and in the exported page: Thai text from the
#: left, numbers from the right, and the header row kept in view while a long table scrolls
#: in its box (on paper the box opens up and the whole table prints).
TABLE_STYLE = (
    "<style>"
    "div.explore-scroll{max-height:34em;overflow:auto;margin:0.4em 0}"
    # Lab's ":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td" weighs (0,2,1): these more.
    "div.explore-scroll table.explore th,div.explore-scroll table.explore td"
    "{text-align:left;vertical-align:top}"
    "div.explore-scroll table.explore td.num{text-align:right;white-space:nowrap}"
    "div.explore-scroll table.explore thead th{position:sticky;top:0;z-index:1;background:#fff;"
    "box-shadow:inset 0 -1px 0 #999}"
    "@media print{div.explore-scroll{max-height:none;overflow:visible}}"
    "</style>"
)


def _table(kind: str, head: Sequence[str], rows: Iterable[str], caption: str = "") -> str:
    cells = "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return (f'<div class="explore-scroll">{TABLE_STYLE}<table class="explore {kind}">{cap}'
            f"<thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _footnotes(notes: Sequence[str], thai: bool) -> tuple[list[str], str]:
    """Each row's note cell, and the notes said once under the table.

    A note shared by several rows (the crosswalk's "IIT i1–i30 … same numbering" on 45 rows)
    is written once under the table and its rows point to it ("ดูหมายเหตุ ๑"); a note of one
    row stays in that row.
    """
    counts: dict[str, int] = {}
    for note in notes:
        if note:
            counts[note] = counts.get(note, 0) + 1
    shared = [note for note in dict.fromkeys(notes) if note and counts[note] > 1]
    number = {note: digits(str(n), thai=thai) for n, note in enumerate(shared, start=1)}
    cells = [f"ดูหมายเหตุ {number[n]}" if n in number else n for n in notes]
    if not shared:
        return cells, ""
    listed = "".join(f"<li>หมายเหตุ {_e(number[n])}: {_e(n)}</li>" for n in shared)
    return cells, f'<ul class="explore-note table-notes">{listed}</ul>'


def _td(text: str, cls: str = "") -> str:
    return f'<td class="{cls}">{_e(text)}</td>' if cls else f"<td>{_e(text)}</td>"


def _num(text: str, below: bool = False) -> str:
    return _td(text, "num below" if below else "num")


def chart_title_html(text: str) -> str:
    """The heading above a chart (``h3.chart-title``)."""
    return f'<h3 class="chart-title">{_e(text)}</h3>'


def synthetic_note_html(synthetic: bool) -> str:
    """A banner on every page built from ``ita-report synth`` data (never mistaken for real)."""
    if not synthetic:
        return ""
    return f'<p class="explore-note synthetic">{_e(SYNTHETIC_NOTE)}</p>'


# -- an agency --------------------------------------------------------------------------------
def agency_header_html(view: AgencyView) -> str:
    """Title, agency, type, province and the years shown."""
    thai = view.thai_digits
    place = [f"ประเภท {view.org_type}", f"จังหวัด{view.province}"]
    years = ", ".join(_year(y, thai) for y in view.years)
    return (
        '<header class="title-block explore-title">'
        f"<h1>{_e(view.title)}</h1>"
        f'<p class="org-name">{_e(view.org_name)} ({_e(view.org_id)})</p>'
        f'<p class="org-place">{_e(" ".join(place))}</p>'
        f'<p class="subtitle">ปีงบประมาณที่แสดง: {_e(years)} เป้าหมาย '
        f"{_e(format_threshold(view.target, thai=thai))} คะแนน</p>"
        "</header>" + synthetic_note_html(view.synthetic)
    )


def _line_row(line: TrendLine, target: float, thai: bool, *, label: str) -> str:
    cells = "".join(
        _num(_score(s, thai), below=s is not None and s < target) for s in line.scores
    )
    return (f'<tr data-key="{_e(line.key)}"><th scope="row">{_e(label)}</th>{cells}'
            f"{_num(_change(line.change, thai))}</tr>")


def trend_table_html(view: AgencyView) -> str:
    """``table.trend``: the ITA, the three tools, the ten indicators and the level, per year."""
    thai, trend = view.thai_digits, view.trend
    head = ["คะแนน", *(f"ปี {_year(y, thai)}" for y in trend.years), "เปลี่ยนแปลง"]
    rows = [_line_row(line, view.target, thai, label=line.label_th)
            for line in trend.tools + trend.indicators]
    levels = "".join(_td(level or NO_DATA) for level in trend.levels)
    rows.append(f'<tr class="level"><th scope="row">ระดับผลการประเมิน</th>{levels}<td></td></tr>')
    return (
        '<section class="explore-trend"><h2>แนวโน้มคะแนนรายเครื่องมือและตัวชี้วัด</h2>'
        + _table("trend", head, rows)
        + f'<p class="explore-note">{_e(DASH)} = ไม่มีข้อมูล; ตัวเลขที่ต่ำกว่าเป้าหมายแสดงเป็นตัวเอียง '
        "(เปลี่ยนแปลง = ปีล่าสุดที่มีข้อมูล ลบ ปีแรกที่มีข้อมูล)</p></section>"
    )


def item_trend_html(view: AgencyView) -> str:
    """``table.item-trend``: every item followed across the years through the crosswalk."""
    thai, trend = view.thai_digits, view.trend
    head = ["ข้อ", "ข้อคำถาม", *(f"ปี {_year(y, thai)}" for y in trend.years), "เปลี่ยนแปลง",
            "หมายเหตุ"]
    rows = []
    shown = [line for line in trend.items if any(s is not None for s in line.scores)]
    # (an item no year scored for this agency says nothing about it)
    notes, said_once = _footnotes([line.note for line in shown], thai)
    for line, note in zip(shown, notes, strict=True):
        distinct = list(dict.fromkeys(line.codes))
        # One code when every year uses it; "o32→o26" where the crosswalk renumbered the item.
        joined = "→".join(c or DASH for c in line.codes)
        codes = (distinct[0] or DASH) if len(distinct) == 1 else joined
        label = line.label_th.split(" ", 1)[1] if " " in line.label_th else ""
        cells = "".join(
            _num(_score(s, thai), below=s is not None and s < view.target) for s in line.scores
        )
        rows.append(f'<tr data-key="{_e(line.key)}">{_td(codes, "code")}{_td(label)}{cells}'
                    f"{_num(_change(line.change, thai))}{_td(note, 'note')}</tr>")
    return (
        '<section class="explore-items"><h2>คะแนนรายข้อข้ามปี</h2>'
        '<p class="explore-note">รหัสข้อของแต่ละปีเทียบตามความหมายจาก '
        "data/catalogue/crosswalk.yaml (รหัสเดียวกันอาจหมายถึงข้อต่างกันในปีต่างกัน)</p>"
        + _table("item-trend", head, rows) + said_once + "</section>"
    )


def peers_table_html(view: AgencyView) -> str:
    """``table.peers``: rank and percentile in the country, the type, the province and both."""
    thai = view.thai_digits
    if not view.peers:
        return ('<section class="explore-peers"><h2>ตำแหน่งเทียบกับหน่วยงานอื่น</h2>'
                f'<p class="explore-note">{_e(view.peers_note_th)}</p></section>')
    head = ["ปี", "กลุ่มเปรียบเทียบ", "จำนวนหน่วยงาน", "คะแนน ITA ของหน่วยงาน", "อันดับ",
            "เปอร์เซ็นไทล์", "ค่ามัธยฐานของกลุ่ม", "ค่าเฉลี่ยของกลุ่ม", "ผ่านเป้าหมาย"]
    rows = []
    for position in view.peers:
        for group in position.groups:
            rank = (f"{_int(group.rank, thai)} จาก {_int(group.size, thai)}"
                    if group.rank is not None else DASH)
            rows.append(
                f'<tr data-year="{position.fiscal_year}" data-group="{_e(group.kind)}">'
                f"{_td(_year(position.fiscal_year, thai))}{_td(group.label_th)}"
                f"{_num(_int(group.size, thai))}{_num(_score(position.score, thai))}"
                f"{_num(rank)}{_num(_score(group.percentile, thai))}"
                f"{_num(_score(group.median, thai))}{_num(_score(group.mean, thai))}"
                f"{_num(_int(group.passing, thai))}</tr>"
            )
    return (
        '<section class="explore-peers"><h2>ตำแหน่งเทียบกับหน่วยงานอื่น</h2>'
        + _table("peers", head, rows)
        + '<p class="explore-note">เปอร์เซ็นไทล์ = ร้อยละของหน่วยงานในกลุ่มที่ได้คะแนนเท่ากับหรือต่ำกว่า'
        "หน่วยงานนี้; อันดับ ๑ คือคะแนนสูงสุด; หน่วยงานที่ไม่มีคะแนนไม่นำมาจัดอันดับ</p>"
        + synthetic_note_html(view.peers_synthetic) + "</section>"
    )


def _passes(item: FollowedItem) -> tuple[str, str]:
    """(data-passes, Thai words) of a followed item this year."""
    if item.this_code is None:
        return "no-counterpart", "ไม่มีข้อเทียบในปีนี้"
    if item.passes_now is None:
        return "no-data", NO_DATA
    return ("yes", "ผ่านเป้าหมายแล้ว") if item.passes_now else ("no", "ยังต่ำกว่าเป้าหมาย")


def _theme_html(theme: FollowedTheme, last: int, this: int, thai: bool) -> str:
    title = f"{digits(str(theme.number), thai=thai)}. {theme.title_th}"
    measure = (f'<p class="measure">มาตรการ: {_e(theme.measure_th)}</p>'
               if theme.measure_th else "")
    if not theme.targeted:
        return (f'<section class="follow-up-theme" data-theme="{_e(theme.theme_id)}">'
                f"<h3>{_e(title)}</h3>{measure}"
                f'<p class="explore-note">ทุกข้อของประเด็นนี้ผ่านเป้าหมายในปี {_e(_year(last, thai))} '
                "จึงไม่มีข้อที่มาตรการมุ่งแก้</p></section>")
    head = [f"ข้อปี {_year(last, thai)}", "ข้อคำถาม", f"คะแนนปี {_year(last, thai)}",
            f"ข้อปี {_year(this, thai)}", f"คะแนนปี {_year(this, thai)}", "เปลี่ยนแปลง",
            f"ผลปี {_year(this, thai)}", "หมายเหตุ"]
    rows = []
    for item in theme.targeted:
        passes, words = _passes(item)
        rows.append(
            f'<tr data-code="{_e(item.last_code)}" data-passes="{passes}">'
            f'{_td(item.last_code, "code")}{_td(item.last_text_th)}'
            f"{_num(_score(item.last_score, thai, NO_DATA), below=True)}"
            f'{_td(item.this_code or DASH, "code")}'
            f"{_num(_score(item.this_score, thai, NO_DATA), below=passes == 'no')}"
            f"{_num(_change(item.change, thai))}{_td(words, f'passes-{passes}')}"
            f"{_td(item.note)}</tr>"
        )
    counts = (f"ผ่านเป้าหมายแล้ว {_int(len(theme.reached), thai)} ข้อ, "
              f"ยังต่ำกว่าเป้าหมาย {_int(len(theme.not_reached), thai)} ข้อ, "
              f"เทียบไม่ได้ {_int(len(theme.not_comparable), thai)} ข้อ")
    return (f'<section class="follow-up-theme" data-theme="{_e(theme.theme_id)}">'
            f"<h3>{_e(title)}</h3>{measure}" + _table("follow-up", head, rows)
            + f'<p class="explore-note">{_e(counts)}</p></section>')


def _documents_html(follow: FollowUp, thai: bool) -> str:
    """``table.follow-up-documents``: this year's OIT items about the measures and their scores."""
    this = _year(follow.this_year, thai)
    if not follow.documents:
        return (f'<p class="explore-note follow-up-documents">ยังไม่ทราบว่าข้อใดของ OIT ปี {_e(this)} '
                "คือเอกสารมาตรการและรายงานผลการดำเนินการตามมาตรการ (กรอบการประเมินปีนั้นไม่ระบุ)</p>")
    head = ["เอกสาร", f"ข้อปี {this}", "ข้อคำถาม", f"คะแนนปี {this}", f"ผลปี {this}"]
    words = {Status.PASS: "ผ่านเป้าหมาย", Status.BELOW: "ต่ำกว่าเป้าหมาย",
             Status.ZERO: "ไม่ได้คะแนน", Status.MISSING: NO_DATA}
    rows = [
        f'<tr data-role="{_e(d.role)}" data-item="{_e(d.code)}">{_td(d.role_th)}'
        f'{_td(d.code, "code")}{_td(d.text_th)}'
        f"{_num(_score(d.score, thai, NO_DATA), below=d.status in (Status.BELOW, Status.ZERO))}"
        f"{_td(words[d.status])}</tr>"
        for d in follow.documents
    ]
    return _table("follow-up-documents", head, rows,
                  caption=f"ข้อ OIT ปี {this} ที่ประเมินเอกสารมาตรการและการรายงานผล")


def follow_up_html(section: FollowUpSection, *, thai: bool) -> str:
    """Per theme of last year's measures: the items it targeted (below target last year), both
    years' codes and scores, and whether each passes now (``tr[data-passes]``); first, this
    year's scores on the OIT items about the measures themselves."""
    follow = section.follow_up
    last, this = follow.last_year, follow.this_year
    themes = "".join(_theme_html(t, last, this, thai) for t in follow.themes)
    return (
        f'<section class="explore-follow-up" data-last-year="{last}" data-this-year="{this}">'
        f"<h2>การติดตามผลการดำเนินการตามมาตรการปี {_e(_year(last, thai))} "
        f"(คะแนนปี {_e(_year(this, thai))})</h2>"
        f'<p class="explore-note">{_e(section.measures_from_th)}; เป้าหมาย '
        f"{_e(format_threshold(follow.target, thai=thai))} คะแนน</p>"
        f"{_documents_html(follow, thai)}{themes}</section>"
    )


def follow_up_note_html(view: AgencyView) -> str:
    """What the page says when no two consecutive years can be followed up."""
    if view.follow_ups:
        return ""
    return ('<section class="explore-follow-up"><h2>การติดตามผลการดำเนินการตามมาตรการ</h2>'
            f'<p class="explore-note">{_e(view.follow_up_note_th)}</p></section>')


# -- the national picture ---------------------------------------------------------------------
def national_header_html(view: NationalView) -> str:
    """Title, scope, agencies counted, the data's source."""
    thai = view.thai_digits
    return (
        '<header class="title-block explore-title">'
        f"<h1>{_e(view.title)}</h1>"
        f'<p class="subtitle">{_e(view.overview.scope_th)}: '
        f"{_e(_int(view.overview.agencies, thai))} หน่วยงาน เป้าหมาย "
        f"{_e(format_threshold(view.target, thai=thai))} คะแนน</p>"
        f'<p class="generated">ข้อมูลจาก {_e(view.data.scores.label)}</p>'
        "</header>" + synthetic_note_html(view.synthetic)
    )


def national_trend_html(view: NationalView) -> str:
    """``table.national-trend``: the scope's ITA and tools over the years (mean, median, share
    of agencies at or above target)."""
    thai = view.thai_digits
    head = ["ปี", "คะแนน", "จำนวนหน่วยงาน", "ค่าเฉลี่ย", "ค่ามัธยฐาน", "ผ่านเป้าหมาย"]
    rows = []
    for overview in view.trend:
        for d in overview.tools:
            rows.append(
                f'<tr data-year="{overview.fiscal_year}" data-code="{_e(d.code)}">'
                f"{_td(_year(overview.fiscal_year, thai))}{_td(d.label_th)}"
                f"{_num(_int(d.agencies, thai))}{_num(_score(d.mean, thai))}"
                f"{_num(_score(d.median, thai))}{_num(_share(d.share_passing, thai))}</tr>"
            )
    return ('<section class="explore-trend"><h2>แนวโน้มรายปี</h2>'
            + _table("national-trend", head, rows) + "</section>")


def distribution_table_html(view: NationalView) -> str:
    """``table.distribution``: each tool's and indicator's spread over the agencies."""
    thai = view.thai_digits
    head = ["คะแนน", "จำนวนหน่วยงาน", "ไม่มีข้อมูล", "ค่าเฉลี่ย", "เปอร์เซ็นไทล์ที่ ๒๕",
            "ค่ามัธยฐาน", "เปอร์เซ็นไทล์ที่ ๗๕", "ต่ำสุด", "ผ่านเป้าหมาย"]
    rows = [_distribution_row(d, thai) for d in view.overview.tools + view.overview.indicators]
    return ('<section class="explore-distribution"><h2>การกระจายของคะแนน</h2>'
            + _table("distribution", head, rows) + "</section>")


def _distribution_row(d: Distribution, thai: bool) -> str:
    return (
        f'<tr data-code="{_e(d.code)}"><th scope="row">{_e(d.label_th)}</th>'
        f"{_num(_int(d.agencies, thai))}{_num(_int(d.missing, thai))}"
        f"{_num(_score(d.mean, thai))}{_num(_score(d.q25, thai))}{_num(_score(d.median, thai))}"
        f"{_num(_score(d.q75, thai))}{_num(_score(d.minimum, thai))}"
        f"{_num(_share(d.share_passing, thai))}</tr>"
    )


def weakest_items_html(view: NationalView) -> str:
    """``table.weakest``: the items the fewest agencies pass."""
    thai = view.thai_digits
    head = ["ข้อ", "ข้อคำถาม", "เครื่องมือ", "หน่วยงานที่มีข้อมูล", "ผ่านเป้าหมาย", "สัดส่วนที่ผ่าน",
            "ค่าเฉลี่ย"]
    rows = [
        f'<tr data-code="{_e(i.code)}">{_td(i.code, "code")}{_td(i.text_th)}{_td(i.tool)}'
        f"{_num(_int(i.agencies, thai))}{_num(_int(i.passing, thai))}"
        f"{_num(_share(i.share, thai))}{_num(_score(i.mean, thai))}</tr>"
        for i in view.overview.weakest
    ]
    return ('<section class="explore-weakest"><h2>ข้อที่หน่วยงานผ่านเป้าหมายน้อยที่สุด</h2>'
            + _table("weakest", head, rows) + "</section>")


def levels_html(table: LevelTable, *, thai: bool, title: str, limit: int | None = None) -> str:
    """``table.levels``: agencies per level in each group (type or province), largest first."""
    group = "ประเภทหน่วยงาน" if table.dimension == "org_type" else "จังหวัด"
    head = [group, *table.levels, "รวม"]
    rows = [
        f'<tr data-group="{_e(r.group)}"><th scope="row">{_e(r.group)}</th>'
        + "".join(_num(_int(c, thai)) for c in r.counts) + _num(_int(r.total, thai)) + "</tr>"
        for r in table.rows[:limit]
    ]
    more = ""
    if limit is not None and len(table.rows) > limit:
        more = (f'<p class="explore-note">แสดง {_e(_int(limit, thai))} กลุ่มที่มีหน่วยงานมากที่สุด '
                f"จาก {_e(_int(len(table.rows), thai))} กลุ่ม</p>")
    return (f'<section class="explore-levels" data-dimension="{_e(table.dimension)}">'
            f"<h2>{_e(title)}</h2>" + _table("levels", head, rows) + more + "</section>")


def movement_html(view: NationalView) -> str:
    """``table.movement``: of the agencies below target on an item last year, how many pass now."""
    thai = view.thai_digits
    if view.previous_year is None:
        return ('<section class="explore-movement"><h2>ข้อที่ต่ำกว่าเป้าหมายปีก่อน</h2>'
                '<p class="explore-note">ข้อมูลไม่มีปีก่อนหน้าปีนี้ จึงติดตามผลไม่ได้ '
                "(no earlier year in the data)</p></section>")
    last, this = _year(view.previous_year, thai), _year(view.fiscal_year, thai)
    head = [f"ข้อปี {last}", f"ข้อปี {this}", "ข้อคำถาม", f"ต่ำกว่าเป้าหมายปี {last}",
            f"มีคะแนนปี {this}", f"ผ่านเป้าหมายปี {this}", "สัดส่วนที่ผ่าน",
            "คะแนนเปลี่ยนแปลงเฉลี่ย", "หมายเหตุ"]
    ranked = sorted((m for m in view.movement if m.below_last_year),
                    key=lambda m: (m.share_passing_now is None, m.share_passing_now or 0.0))
    notes, said_once = _footnotes([m.note for m in ranked], thai)
    rows = [
        f'<tr data-code="{_e(m.last_code)}">{_td(m.last_code, "code")}'
        f'{_td(m.this_code or DASH, "code")}{_td(m.text_th)}'
        f"{_num(_int(m.below_last_year, thai))}{_num(_int(m.with_data_this_year, thai))}"
        f"{_num(_int(m.passing_now, thai))}{_num(_share(m.share_passing_now, thai))}"
        f"{_num(_change(m.mean_change, thai))}{_td(note, 'note')}</tr>"
        for m, note in zip(ranked, notes, strict=True)
    ]
    return (
        f'<section class="explore-movement"><h2>ข้อที่ต่ำกว่าเป้าหมายในปี {_e(last)} '
        f"ปี {_e(this)} ผ่านแล้วหรือยัง</h2>" + _table("movement", head, rows) + said_once
        + '<p class="explore-note">นับเฉพาะหน่วยงานที่ได้คะแนนข้อนั้นต่ำกว่าเป้าหมายในปีก่อน '
        "เรียงจากสัดส่วนที่ผ่านน้อยที่สุด</p></section>"
    )
