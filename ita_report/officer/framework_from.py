"""``ita-report framework --from``: an agency's own framework file made from its pasted ITAS
result, for when that result has other items than the shipped year's file (FY2568 with
o27–o33, a year with another item count).

The shipped year's structure is kept where the paste agrees with it; items the paste has and
the file lacks are added, items it lacks are dropped, and indicator headings the paste shows
regroup the items. The file is validated before it is put in place; nothing is guessed beyond
what the file's notes say.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ita_report.codes import item_sort_key
from ita_report.errors import InputError, file_problem
from ita_report.framework import Framework, data_dir, load_framework, read_framework_file
from ita_report.scores.paste import Paste, read_paste

_PREFIX = {"IIT": "i", "EIT": "e", "OIT": "o"}


@dataclass(frozen=True)
class FrameworkMade:
    """The file written and how it differs from the shipped year's."""

    out: Path
    framework: Framework
    added: tuple[str, ...]
    dropped: tuple[str, ...]
    regrouped: tuple[int, ...]  # indicators whose items follow the paste's headings


def framework_from_paste(paste_path: Path, year: int, out: Path, *,
                         force: bool = False) -> FrameworkMade:
    """Write ``out``: the FY``year`` framework following the items of ``paste_path``."""
    from ita_report.iorw import atomic_path

    if out.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(file_problem(out, "ชื่อไฟล์ต้องลงท้ายด้วย .yaml", "must be named .yaml",
                                      expected_th=f"เช่น กรอบ-{year}.yaml",
                                      expected_en=f"e.g. framework-{year}.yaml"))
    if out.exists() and not force:
        raise InputError(file_problem(out, "มีไฟล์นี้อยู่แล้ว จึงไม่เขียนทับ",
                                      "already exists and was left alone",
                                      expected_th="ชื่อไฟล์ใหม่ หรือเพิ่ม --force เพื่อเขียนทับ",
                                      expected_en="a new file name, or --force to replace it"))
    if out.resolve() == paste_path.resolve():
        raise InputError(file_problem(out, "เป็นไฟล์เดียวกับที่คัดลอกผลไว้ จะไม่เขียนทับ",
                                      "is the pasted file itself; it is never written over"))
    shipped = load_framework(year, data_dir() / "frameworks" / f"{year}.yaml")
    paste = read_paste(paste_path)
    like = _numbered_like(paste, shipped)
    if like is None:
        raw, added, dropped, regrouped = _follow(shipped, paste)
    else:
        # The page lists another year's OIT items (FY2568 shown as FY2567's 33): that year's
        # structure and numbering, so its catalogue themes apply; this year's levels and weights.
        raw, added, dropped, regrouped = _follow(like, paste)
        raw.update(fiscal_year=year, numbered_as=like.fiscal_year, target=shipped.target,
                   levels=[lv.model_dump(mode="json") for lv in shipped.levels],
                   levels_confidence=shipped.levels_confidence,
                   levels_source=shipped.levels_source)
        weights = {t.code: t.weight for t in shipped.tools}
        for tool in raw["tools"]:
            tool["weight"] = weights.get(tool["code"], tool["weight"])
        added = tuple(c for c in (i.code for i in paste.items) if shipped.item(c) is None)
    header = (
        f"# กรอบการประเมิน ITA ปีงบประมาณ {year} ของหน่วยงาน สร้างจากผลการประเมินที่คัดลอกจากระบบ ITAS\n"
        f"# ({paste_path.name}) ด้วย ita-report framework --from;"
        f" ส่วนอื่นตามไฟล์ของปี {year} ที่มากับโปรแกรม\n"
        "# ใช้ด้วย framework_file: ในไฟล์พารามิเตอร์ ตรวจด้วย ita-report framework --file ไฟล์นี้\n"
        f"# Made from the agency's pasted ITAS result ({paste_path.name}); the rest as the shipped"
        f" FY{year} file.\n"
    )
    text = header + yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100)
    with atomic_path(out) as tmp:
        tmp.write_text(text, encoding="utf-8")
        read_framework_file(tmp)  # what we write must load: checked before it is put in place
    framework = read_framework_file(out)
    return FrameworkMade(out, framework, added, dropped, regrouped)


def _numbered_like(paste: Paste, shipped: Framework) -> Framework | None:
    """The shipped framework of another year whose OIT items the paste shows (same codes,
    wording alike), when this year's file does not have them; ``None`` otherwise."""
    from ita_report.framework import available_years

    oit = {i.code: i.text for i in paste.items if i.tool == "OIT"}
    if not oit or set(oit) == {i.code for i in shipped.items() if i.code.startswith("o")}:
        return None
    for year in sorted(available_years(), key=lambda y: abs(y - shipped.fiscal_year)):
        other = load_framework(year, data_dir() / "frameworks" / f"{year}.yaml")
        codes = {i.code: i.text_th for i in other.items() if i.code.startswith("o")}
        if year == shipped.fiscal_year or set(codes) != set(oit):
            continue
        pairs = [(codes[c], t) for c, t in oit.items() if codes[c] and t]
        alike = [difflib.SequenceMatcher(None, a, b).ratio() for a, b in pairs]
        if alike and sum(alike) / len(alike) >= 0.8:
            return other
    return None


def _wording(text: str) -> str:
    # text_th holds only wording: brackets and links would be refused by the loader.
    text = re.sub(r"https?://\S+|www\.\S+", "", text)
    return " ".join(text.replace("[", "(").replace("]", ")").replace("{", "(")
                    .replace("}", ")").split())


def _item(code: str, paste: Paste, shipped: Framework, source: str) -> dict[str, Any]:
    pasted = _wording(paste.texts().get(code, ""))
    known = shipped.item(code)
    if known is not None:
        entry = known.model_dump(mode="json")
        same = difflib.SequenceMatcher(None, known.text_th, pasted).ratio() >= 0.5
        if pasted and (not known.text_th or not same):
            # The agency's own ITAS page is a primary source for the wording it shows.
            note = "wording from the agency's ITAS page"
            if known.text_th:
                note += f"; the shipped file has {known.text_th!r}"
            entry.update(text_th=pasted, confidence="verified", source=source, note=note)
        return entry
    return {"code": code, "text_th": pasted, "confidence": "verified" if pasted else "unverified",
            "source": source,
            "note": f"not in the shipped FY{shipped.fiscal_year} file: added from the agency's"
            " ITAS page"}


def _follow(shipped: Framework, paste: Paste
            ) -> tuple[dict[str, Any], tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
    source = f"the agency's ITAS result page, pasted ({paste.path.name})"
    raw = shipped.model_dump(mode="json", exclude={"source_file"})
    pasted = {i.code for i in paste.items}
    added = sorted((c for c in pasted if shipped.item(c) is None), key=item_sort_key)
    dropped: list[str] = []
    regrouped: list[int] = []
    names = {ind.number: ind.name_th for ind in paste.indicators}
    for tool in raw["tools"]:
        prefix = _PREFIX[tool["code"]]
        codes = [c for c in (i.code for i in paste.items) if c.startswith(prefix)]
        if not codes:
            continue  # the paste does not show this tool: the shipped file's stays
        headings = {n: [c for c in group if c.startswith(prefix)]
                    for n, group in paste.grouped.items()}
        headings = {n: g for n, g in headings.items() if g}
        if headings and set(c for g in headings.values() for c in g) == set(codes):
            indicators = []
            by_number = {ind["number"]: ind for ind in tool["indicators"]}
            for number, group in sorted(headings.items()):
                old = by_number.get(number)
                same = old is not None and {
                    i.code for i in shipped.indicator(number).all_items()} == set(group)
                if old is not None and same:
                    old = {**old}
                    _reword(old, paste, shipped, source)
                    indicators.append(old)
                    continue
                regrouped.append(number)
                indicators.append({
                    "number": number,
                    "name_th": names.get(number) or (old or {}).get("name_th")
                    or f"ตัวชี้วัดที่ {number}",
                    "items": [_item(c, paste, shipped, source) for c in group],
                    # The page's own headings group the items: a primary source too.
                    "aggregate": "items", "confidence": "verified", "source": source,
                })
            tool["indicators"] = indicators
            continue
        kept: list[dict[str, Any]] = []
        for ind in tool["indicators"]:
            ind["items"] = [_item(i["code"], paste, shipped, source) for i in ind["items"]
                            if i["code"] in pasted]
            subs = []
            for sub in ind.get("sub_indicators", []):
                sub["items"] = [_item(i["code"], paste, shipped, source) for i in sub["items"]
                                if i["code"] in pasted]
                if sub["items"]:
                    subs.append(sub)
            ind["sub_indicators"] = subs
            if not subs and ind.get("aggregate") == "sub_indicators":
                ind["aggregate"] = "items"
            if ind["items"] or subs:
                kept.append(ind)
        if not kept:
            kept = tool["indicators"][-1:]
        new = [c for c in added if c.startswith(prefix)]
        if new:
            last = kept[-1]
            target = last["sub_indicators"][-1] if last.get("sub_indicators") else last
            target["items"] += [_item(c, paste, shipped, source) for c in new]
            last["note"] = (last.get("note", "") + f" {', '.join(new)}: placed here by"
                            " ita-report framework --from (the paste shows no indicator headings)"
                            ).strip()
            last["confidence"] = "unverified"
        tool["indicators"] = kept
    for tool in shipped.tools:
        for item in (i for ind in tool.indicators for i in ind.all_items()):
            if item.code not in pasted and any(c.startswith(_PREFIX[tool.code]) for c in pasted):
                dropped.append(item.code)
    present = {i["code"] for t in raw["tools"] for ind in t["indicators"]
               for i in [*ind["items"], *(x for s in ind.get("sub_indicators", [])
                                          for x in s["items"])]}
    docs = raw.get("documents") or {}
    for role in ("measures", "implementation_report"):
        if docs.get(role) and docs[role] not in present:
            docs[role] = None
    raw["doubts_th"] = [
        *raw.get("doubts_th", []),
        f"ไฟล์นี้สร้างจากผลการประเมินของหน่วยงานที่คัดลอกจากระบบ ITAS ({paste.path.name}):"
        f" ข้อที่เพิ่ม {', '.join(added) or '-'}; ข้อที่ตัดออก {', '.join(dropped) or '-'}",
    ]
    return raw, tuple(added), tuple(dropped), tuple(regrouped)


def _reword(indicator: dict[str, Any], paste: Paste, shipped: Framework, source: str) -> None:
    indicator["items"] = [_item(i["code"], paste, shipped, source) for i in indicator["items"]]
    for sub in indicator.get("sub_indicators", []):
        sub["items"] = [_item(i["code"], paste, shipped, source) for i in sub["items"]]
