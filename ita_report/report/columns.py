"""Widths of the measures table's seven columns, fitted to the document's own text.

With one fixed set of widths a row is as tall as its longest cell: the sample's budget row
was three times taller in its analysis than in any other column, an item list or a step list
in the next, and most of each printed row was blank (issue 25). Here the widths are chosen
so that the rows' total height is least: each cell's lines are estimated from its text at a
candidate width (Sarabun's average advance, as ``office.py`` estimates Word's rows), and
width moves between columns while the estimate falls. The same text gives the same widths.
HTML, PDF and Word use them.

No column is narrower than its longest word: Thai is broken only between words (the browser's
and Word's dictionaries), and a word wider than its column was cut anywhere: "ประชาสัมพัน|ธ์"
in a weak อบต.'s ประเด็น column (issue 25), which no officer would sign.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from pathlib import Path

#: The widths (per cent of the table) the table had before, and starts from.
DEFAULT_SHARES = (11.0, 18.5, 21.0, 14.0, 17.0, 8.0, 10.5)
#: No column narrower than this (per cent): the theme's name, the header's kept-whole words
#: (ระยะเวลาดำเนินการ, ส่วนงานที่รับผิดชอบ) and "ไตรมาส ๑–๔" on one line.
MIN_SHARES = (8.5, 12.0, 12.0, 9.0, 12.0, 8.0, 8.0)
#: No column wider than this: a strong agency's one row citing thirty items took 45 % for its
#: items and left its measure and steps two or three words a line, the row over two pages.
MAX_SHARES = (14.0, 32.0, 32.0, 24.0, 28.0, 11.0, 16.0)
#: The printed table: 273 mm wide (1032 CSS px), text 9.5 pt (12.7 px, report.css): characters
#: a line holds per per cent of width, after the cell's padding (about 12 px), filled to 85 %
#: (Thai wraps between words, so a line is never quite full).
_PX_PER_SHARE, _PADDING_PX, _CHAR_PX, _FILL = 10.32, 12.0, 0.53 * 9.5 * 4 / 3, 0.85
#: A cell's blocks (items, steps) are set apart by about a third of a line.
_BLOCK_GAP_LINES = 0.3
#: A word's room in a cell beyond its own width: the cell's padding in print (0.4 em a side) or
#: in Word (0.19 cm a side, the larger), its border, and a little for rounding.
_WORD_ROOM_PX = 20.0
#: A word's width is taken at 10.5 pt (more than the rows' 9.5 pt in print and in Word), so that
#: it fits whatever the size and the renderer's rounding.
_FONT_PX = 14.0
_PRINT_PX = 9.5 * 4 / 3
#: Per cent moved between two columns at a time, coarse then fine.
_STEPS = (2.0, 1.0, 0.5)


def _lines(blocks: Sequence[float], share: float) -> float:
    """Lines of a cell whose blocks show ``blocks`` characters, at ``share`` per cent."""
    # Fractional lines (a block's last line counted by how full it is): whole lines would
    # make the total flat under small moves of width, and the search below stop at once.
    per_line = max(1.0, (share * _PX_PER_SHARE - _PADDING_PX) * _FILL / _CHAR_PX)
    count = sum(max(1.0, shown / per_line) for shown in blocks or [0])
    return count + _BLOCK_GAP_LINES * max(0, len(blocks) - 1)


def _total(rows: Sequence[Sequence[Sequence[float]]], shares: Sequence[float]) -> float:
    return sum(max(_lines(cell, share) for cell, share in zip(row, shares, strict=True))
               for row in rows)


def _shown(text: str) -> float:
    """The text's printed width in average characters (Sarabun's own advances: Thai vowel and
    tone marks above or below take none)."""
    return _word_px(text) * _PRINT_PX / _FONT_PX / _CHAR_PX


@functools.cache
def _advances() -> tuple[dict[int, float], float]:
    """Sarabun's advance width of each character, in em, and the average (for the rest)."""
    import fontpkg_sarabun
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(Path(fontpkg_sarabun.ROOT) / "files" / "Sarabun-Regular.ttf", lazy=True)
    units = float(font["head"].unitsPerEm)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return widths, sum(widths.values()) / max(1, len(widths))


def _word_px(word: str) -> float:
    widths, average = _advances()
    return sum(0.0 if unicodedata.category(ch) == "Mn" else widths.get(ord(ch), average)
               for ch in word) * _FONT_PX


@functools.cache
def _icu_dictionary() -> object:
    from pythainlp.corpus import thai_icu_words
    from pythainlp.util import Trie

    return Trie(thai_icu_words())


def thai_words(text: str) -> list[str]:
    """``text`` cut where a line may break: ICU's Thai word list, the one Chromium and
    LibreOffice break lines with (pythainlp's own list keeps compounds such as
    การบริหารงานบุคคล whole, which both break)."""
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, custom_dict=_icu_dictionary(), engine="newmm",  # type: ignore[arg-type]
                           keep_whitespace=False)
    return [part for token in tokens for part in token.split()]


@functools.lru_cache(maxsize=4096)  # theme names and units repeat; a batch's analyses do not
def longest_word_px(text: str) -> float:
    """The printed width (CSS px) of the widest word of ``text``: where Thai may not break."""
    return max((_word_px(word) for word in thai_words(text)), default=0.0)


def word_floor(cells: Sequence[Sequence[Sequence[str]]]) -> tuple[float, ...]:
    """Each column's least width (per cent): its rows' widest word whole, and MIN_SHARES."""
    floor = list(MIN_SHARES)
    for row in cells:
        for column, cell in enumerate(row):
            for block in cell:
                need = (longest_word_px(block) + _WORD_ROOM_PX) / _PX_PER_SHARE
                floor[column] = max(floor[column], min(need, MAX_SHARES[column]))
    return tuple(floor)


def _start(floor: Sequence[float]) -> list[float]:
    """DEFAULT_SHARES with every column raised to its floor, the others giving it up in
    proportion to what they have above their own floor."""
    shares = [max(share, least) for share, least in zip(DEFAULT_SHARES, floor, strict=True)]
    excess = sum(shares) - 100.0
    spare = [share - least for share, least in zip(shares, floor, strict=True)]
    if excess > 1e-9 and sum(spare) > excess:
        shares = [share - excess * room / sum(spare) for share, room in zip(shares, spare,
                                                                             strict=True)]
    return shares


def column_shares(cells: Sequence[Sequence[Sequence[str]]]) -> tuple[float, ...]:
    """The seven widths in per cent (summing to 100) that make the table shortest.

    ``cells``: each row's seven cells, each a list of its blocks (html.measures_cells).
    """
    rows = [[[_shown(block) for block in cell] for cell in row] for row in cells]
    if not rows:
        return DEFAULT_SHARES
    floor = word_floor(cells)
    shares = _start(floor)
    best = _total(rows, shares)
    for step in _STEPS:
        improved = True
        while improved:
            improved = False
            for give in range(len(shares)):
                for take in range(len(shares)):
                    if give == take or shares[give] - step < floor[give] - 1e-9:
                        continue
                    if shares[take] + step > MAX_SHARES[take] + 1e-9:
                        continue
                    trial = list(shares)
                    trial[give] -= step
                    trial[take] += step
                    total = _total(rows, trial)
                    if total < best - 1e-9:
                        shares, best, improved = trial, total, True
    return tuple(round(share, 2) for share in shares)
