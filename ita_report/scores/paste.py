"""Text an officer copied from their ITAS result page (or a PDF of it), read as item scores,
wording, indicator headings and the published totals (คะแนน ITA, ระดับผลการประเมิน).

Any layout where each item's code, its wording and its score come in that order is read: tab
separated table rows, wording wrapped over lines, Thai digits, ``ข้อ O1`` / ``o๑`` / ``i1``.
What cannot be read unambiguously is refused naming the line; nothing here guesses a value,
writes a file or decides whether a code is in a year's framework.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ita_report.codes import item_sort_key
from ita_report.errors import InputError, Problem, file_problem, missing_file_problem
from ita_report.thai import to_arabic_digits

#: A paste larger than this is not a result page (a whole PDF of something else, a binary).
MAX_PASTE_BYTES = 2_000_000

_DIGIT = "0-9๐-๙"
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")
# An item code at the start of a line: optional row number, "ข้อ"/"ข้อที่", the tool letter
# (or the Thai zero typed for o: ๐๑๗ is o17) and the number, then a break.
_ITEM = re.compile(
    rf"^(?:[{_DIGIT}]{{1,3}}[.)]?[\t ]+)?(?:ข้อ(?:ที่)?\s*)?"
    rf"(?P<tool>[IiEeOo]|๐(?=[{_DIGIT}]))\s?(?P<n>[{_DIGIT}]{{1,3}})"
    rf"(?![{_DIGIT}]|[.,][{_DIGIT}]|[A-Za-z])\s*[.:)\-–]?(?:\s+|$)"
)
# A score: a number, with decimals or of at most three digits (a year such as 2568 is wording).
_NUMBER = r"(?:\d{1,3}(?:\.\d+)?|\d+\.\d+)"
_SCORE_ONLY = re.compile(rf"^(?P<score>{_NUMBER})\s*(?:คะแนน)?$")
_TRAILING_SCORE = re.compile(rf"^(?P<text>.*?)(?:^|\s)(?P<score>{_NUMBER})\s*(?:คะแนน)?$")
# Words after which a number belongs to the wording ("ข้อ 5", "รอบ 6 เดือน", "ไตรมาส 2").
_COUNTED = re.compile(r"(?:พ\.ศ\.|ค\.ศ\.|ข้อ|ข้อที่|รอบ|ฉบับที่|ครั้งที่|ไตรมาส|ลำดับที่|มาตรา)\s*$")
_TOOLS = {
    "IIT": ("IIT", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน"),
    "EIT": ("EIT", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก"),
    "OIT": ("OIT", "แบบวัดการเปิดเผยข้อมูลสาธารณะ"),
}
_TOTAL = re.compile(
    r"^(?:คะแนน(?:รวม)?(?:ผลการประเมิน)?\s*)?(?:ผลคะแนน\s*)?(?P<what>ITA|IIT|EIT|OIT)\b"
    rf"[^\d]*?(?P<score>{_NUMBER})\s*(?:คะแนน)?$",
    re.IGNORECASE,
)
_TOTAL_ITA = re.compile(rf"^คะแนน(?:รวม|ผลการประเมิน)\s*[:：]?\s*(?P<score>{_NUMBER})\s*(?:คะแนน)?$")
LEVELS = ("ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุงโดยด่วน", "ต้องปรับปรุง", "ไม่ผ่าน",
          "AA", "A", "B", "C", "D", "E", "F")
_LEVEL = re.compile(
    r"^(?:ระดับผลการประเมิน|ผลการประเมิน|ระดับ)\s*(?:ITA)?\s*[:：]?\s*"
    r"(?P<level>ผ่านดีเยี่ยม|ผ่านดี|ต้องปรับปรุงโดยด่วน|ต้องปรับปรุง|ไม่ผ่าน|ผ่าน|AA|[A-F])\s*$"
)
_INDICATOR = re.compile(
    rf"^ตัวชี้วัดที่\s*(?P<n>\d{{1,2}})\s*[.:]?\s*(?P<name>.*?)(?:\s+(?P<score>{_NUMBER}))?\s*$"
)
_SUB_INDICATOR = re.compile(r"^(?:ตัวชี้วัดย่อย(?:ที่)?\s*)?\d{1,2}\.\d\s+\S")
_PAGE = re.compile(r"(?:^|\s)(?:หน้า(?:ที่)?|page)\s*\d+(?:\s*(?:/|จาก|of)\s*\d+)?\s*$|^-\s*\d+\s*-$"
                   r"|^\d+\s*/\s*\d+$", re.IGNORECASE)
_HEADER_WORDS = frozenset(
    "ข้อ ที่ รหัส รหัสข้อ ข้อคำถาม คำถาม คะแนน รายละเอียด ลำดับ ตัวชี้วัด ประเด็น ประเด็นการประเมิน "
    "รายการ ผลคะแนน หัวข้อ code item items score question wording no. no".split()
)


@dataclass(frozen=True)
class PastedItem:
    """One item as the paste shows it: code, wording (its wrapped lines joined), score."""

    code: str
    text: str
    score: float
    line: int  # the line its code is on (1-based)
    indicator: int | None = None  # the ตัวชี้วัดที่ heading above it, when the paste has one

    @property
    def tool(self) -> str:
        return {"i": "IIT", "e": "EIT", "o": "OIT"}[self.code[0]]


@dataclass(frozen=True)
class PastedIndicator:
    """A heading ``ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 90.12`` the paste shows."""

    number: int
    name_th: str
    score: float | None
    line: int


@dataclass(frozen=True)
class PastedTotals:
    """The published totals the paste shows (ผลการประเมินตามประกาศ); ``None`` where absent."""

    iit: float | None = None
    eit: float | None = None
    oit: float | None = None
    ita: float | None = None
    level: str | None = None

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.iit, self.eit, self.oit, self.ita, self.level))


@dataclass(frozen=True)
class Paste:
    """What a pasted result page says. ``unread`` are lines outside the items that were not
    understood (a title, a date, a footer): listed to the officer, never used."""

    path: Path
    items: tuple[PastedItem, ...]
    indicators: tuple[PastedIndicator, ...] = ()
    totals: PastedTotals = PastedTotals()
    unread: tuple[tuple[int, str], ...] = ()
    # Indicator number → its heading's items, when headings were shown (framework --from).
    grouped: dict[int, tuple[str, ...]] = field(default_factory=dict, hash=False)

    def scores(self) -> dict[str, float]:
        return {item.code: item.score for item in self.items}

    def texts(self) -> dict[str, str]:
        return {item.code: item.text for item in self.items if item.text}

    def codes(self, tool: str) -> list[str]:
        return sorted((i.code for i in self.items if i.tool == tool), key=item_sort_key)


@dataclass
class _Open:
    code: str
    line: int
    parts: list[str]
    indicator: int | None


def _clean(raw: str) -> str:
    return _INVISIBLE.sub("", raw.replace("\u00a0", " ")).rstrip("\r\n").strip()


def _score_of(text: str) -> float:
    return float(to_arabic_digits(text))


def read_paste(path: str | Path) -> Paste:
    """Read a pasted ITAS result page; ``InputError`` naming each line that cannot be read.

    Refused: a score outside 0–100, a code given twice with different scores, an item with no
    score before the next item, a line between items that is neither wording nor a heading.
    """
    file = Path(path)
    if not file.is_file():
        raise InputError(missing_file_problem(
            file, "ไม่พบไฟล์ที่คัดลอกผลการประเมินไว้", "the pasted file was not found",
            expected_th="ไฟล์ข้อความ .txt ที่วางผลจากหน้าผลการประเมินในระบบ ITAS",
            expected_en="a .txt file holding the text copied from the ITAS result page"))
    data = file.read_bytes()
    if len(data) > MAX_PASTE_BYTES or b"\x00" in data[:4096]:
        raise InputError(file_problem(
            file, "ไม่ใช่ไฟล์ข้อความที่คัดลอกจากหน้าผลการประเมิน (ใหญ่เกินไปหรือเป็นไฟล์ไบนารี)",
            "is not text copied from a result page (too large, or binary)",
            expected_th="ไฟล์ข้อความ .txt", expected_en="a plain .txt file"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp874", errors="replace")  # Thai Windows' own encoding
    return parse_paste(text, file)


def parse_paste(text: str, file: Path) -> Paste:
    """:func:`read_paste` on text already read; ``file`` names it in messages."""
    problems: list[Problem] = []
    items: list[PastedItem] = []
    indicators: list[PastedIndicator] = []
    totals: dict[str, object] = {}
    unread: list[tuple[int, str]] = []
    preamble: set[str] = set()
    current: _Open | None = None
    indicator: int | None = None

    def where(n: int) -> str:
        return f"line {n}"

    def close(score_text: str, n: int) -> None:
        nonlocal current
        assert current is not None
        score = _score_of(score_text)
        wording = " ".join(p for p in current.parts if p).strip()
        if not 0.0 <= score <= 100.0:
            problems.append(file_problem(
                file, f"ข้อ {current.code}: คะแนน {score_text} อยู่นอกช่วง 0–100",
                f"item {current.code}: score {score_text} is outside 0–100", where=where(n),
                value=score_text, expected_th="คะแนน 0 ถึง 100 ตามหน้าผลการประเมิน",
                expected_en="a score from 0 to 100 as on the result page"))
        else:
            items.append(PastedItem(current.code, wording, score, current.line, current.indicator))
        current = None

    def no_score(n: int) -> None:
        assert current is not None
        problems.append(file_problem(
            file, f"ข้อ {current.code} (บรรทัด {current.line}) ไม่มีคะแนนก่อนบรรทัดนี้",
            f"item {current.code} (line {current.line}) has no score before this line",
            where=where(n), expected_th="คะแนนของข้อนั้นต่อท้ายข้อคำถาม หรือในบรรทัดถัดไป",
            expected_en="the item's score after its wording, or on the next line"))

    lines = text.splitlines()
    for n, raw in enumerate(lines, start=1):
        line = _clean(raw)
        if not line:
            continue
        arabic = to_arabic_digits(line)
        item = _ITEM.match(line)
        if item:
            if current is not None:
                no_score(n)
                current = None
            tool = item["tool"].lower().replace("๐", "o")
            code = f"{tool}{int(to_arabic_digits(item['n']))}"
            rest = line[item.end():].strip()
            current = _Open(code, n, [], indicator)
            _take(current, rest, n, close)
            continue
        if current is not None and _SCORE_ONLY.match(arabic):
            _take(current, line, n, close)
            continue
        known = _understood(line, arabic, totals, indicators, n, preamble, bool(items))
        if known == "indicator":
            indicator = indicators[-1].number
        if known:
            if current is not None:
                no_score(n)
                current = None
            continue
        if current is not None:
            if re.search(r"[ก-๛A-Za-z]", line) or _SCORE_ONLY.match(arabic):
                _take(current, line, n, close)
                continue
            problems.append(_garbage(file, n, line, current.code))
            current = None
            continue
        unread.append((n, line))
        if not items:
            preamble.add(line)
    if current is not None:
        no_score(len(lines) + 1)
    between = [(n, t) for n, t in unread if items and items[0].line < n < items[-1].line]
    problems.extend(_garbage(file, n, t, None) for n, t in between)
    items = _deduplicate(file, items, problems)
    if not items and not problems:
        problems.append(file_problem(
            file, "ไม่พบรหัสข้อคำถามพร้อมคะแนนเลย", "no item code with a score was found",
            expected_th="แต่ละข้อมีรหัส (เช่น i1, e1, O1 หรือ ข้อ O1) ข้อคำถาม และคะแนน ตามลำดับ",
            expected_en="each item's code (i1, e1, O1 or ข้อ O1), wording and score, in order"))
    if problems:
        raise InputError(sorted(problems, key=_line_of))
    grouped: dict[int, list[str]] = {}
    for it in items:
        if it.indicator is not None:
            grouped.setdefault(it.indicator, []).append(it.code)
    return Paste(
        path=file,
        items=tuple(items),
        indicators=tuple(indicators),
        totals=_totals(totals),
        unread=tuple(t for t in unread if t not in between),
        grouped={k: tuple(v) for k, v in grouped.items()},
    )


def _totals(found: dict[str, object]) -> PastedTotals:
    def number(key: str) -> float | None:
        value = found.get(key)
        return float(value) if isinstance(value, float) else None

    level = found.get("level")
    return PastedTotals(iit=number("iit"), eit=number("eit"), oit=number("oit"),
                        ita=number("ita"), level=str(level) if level else None)


def _line_of(problem: Problem) -> int:
    found = re.search(r"\d+", problem.where or "")
    return int(found.group()) if found else 0


def _take(current: _Open, text: str, n: int, close: Callable[[str, int], None]) -> None:
    """Add ``text`` (the rest of a code line, or a following line) to the open item: its
    wording, and its score when the text ends with one."""
    if "\t" in text:
        fields = [f.strip() for f in text.split("\t") if f.strip()]
        last = _SCORE_ONLY.match(to_arabic_digits(fields[-1])) if fields else None
        if last:
            current.parts.extend(fields[:-1])
            close(last["score"], n)
            return
        current.parts.extend(fields)
        return
    arabic = to_arabic_digits(text)
    only = _SCORE_ONLY.match(arabic)
    if only:
        close(only["score"], n)
        return
    trailing = _TRAILING_SCORE.match(arabic)
    if trailing and not _COUNTED.search(trailing["text"]):
        # The wording keeps the digits it was written with: only the score is cut off.
        current.parts.append(text[: len(trailing["text"])].strip())
        close(trailing["score"], n)
        return
    current.parts.append(text)


def _understood(line: str, arabic: str, totals: dict[str, object],
                indicators: list[PastedIndicator], n: int, preamble: set[str],
                after_items: bool) -> str:
    """What kind of known non-item line this is ("" when it is none): a total, a level, an
    indicator heading, a tool heading, a table header, a page mark, a repeated page header."""
    level = _LEVEL.match(line)
    if level:
        totals["level"] = level["level"]
        return "level"
    total = _TOTAL.match(arabic) or _TOTAL_ITA.match(arabic)
    if total and float(total["score"]) <= 100:
        what = (total.groupdict().get("what") or "ITA").lower()
        totals[what] = float(total["score"])
        return "total"
    heading = _INDICATOR.match(arabic)
    if heading:
        score = heading["score"]
        name = line[len("ตัวชี้วัดที่"):].strip()
        name = re.sub(rf"^[{_DIGIT}]{{1,2}}\s*[.:]?\s*", "", name)
        if score:
            name = re.sub(rf"\s+[{_DIGIT}.]+\s*$", "", name)
        indicators.append(PastedIndicator(int(heading["n"]), name.strip(),
                                          float(score) if score else None, n))
        return "indicator"
    for code, (short, name) in _TOOLS.items():
        if line.startswith(name) or re.fullmatch(rf"{short}(?:\s*[:(].*)?", line):
            score = re.search(rf"({_NUMBER})\s*(?:คะแนน)?$", arabic)
            if score and line.startswith(name):
                totals[code.lower()] = float(score.group(1))
            return "tool"
    if _SUB_INDICATOR.match(arabic) or _PAGE.search(arabic):
        return "heading"
    words = [w for w in re.split(r"[\s\t/|]+", line.lower()) if w]
    if words and all(w.strip("().:") in _HEADER_WORDS for w in words):
        return "header"
    if after_items and line in preamble:
        return "repeated header"  # a PDF repeats its page header on every page
    return ""


def _garbage(file: Path, n: int, line: str, code: str | None) -> Problem:
    inside = f" ระหว่างรหัสข้อ {code} กับคะแนน" if code else " ระหว่างข้อคำถาม"
    inside_en = f" between item {code}'s code and its score" if code else " between items"
    return file_problem(
        file, f"อ่านบรรทัดนี้ไม่ออก{inside} ไม่รู้ว่าเป็นส่วนของข้อใด",
        f"this line{inside_en} cannot be read; which item it belongs to is unclear",
        where=f"line {n}", value=line,
        expected_th="ลบบรรทัดนี้ หรือคัดลอกหน้าผลการประเมินมาใหม่ (รหัสข้อ ข้อคำถาม คะแนน ตามลำดับ)",
        expected_en="the line deleted, or the result page copied again (code, wording, score)")


def _deduplicate(file: Path, items: list[PastedItem], problems: list[Problem]) -> list[PastedItem]:
    first: dict[str, PastedItem] = {}
    kept: list[PastedItem] = []
    for item in items:
        seen = first.get(item.code)
        if seen is None:
            first[item.code] = item
            kept.append(item)
        elif seen.score != item.score:
            problems.append(file_problem(
                file, f"ข้อ {item.code} มีสองคะแนนไม่ตรงกัน: {seen.score:g} (บรรทัด {seen.line})"
                f" และ {item.score:g} (บรรทัดนี้)",
                f"item {item.code} has two different scores: {seen.score:g} (line {seen.line})"
                f" and {item.score:g} (this line)",
                where=f"line {item.line}", expected_th="คะแนนเดียวต่อข้อ ลบบรรทัดที่ผิดออก",
                expected_en="one score per item: the wrong line deleted"))
    return kept
