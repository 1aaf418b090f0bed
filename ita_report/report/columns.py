"""Widths of the measures table's seven columns, fitted to the document's own text.

With one fixed set of widths a row is as tall as its longest cell: the sample's budget row
was three times taller in its analysis than in any other column, an item list or a step list
in the next, and most of each printed row was blank (issue 25). Here the widths are chosen
so that the rows' total height is least: each cell's lines are estimated from its text at a
candidate width (Sarabun's average advance, as ``office.py`` estimates Word's rows), and
width moves between columns while the estimate falls. The same text gives the same widths.
HTML, PDF and Word use them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

#: The widths (per cent of the table) the table had before, and starts from.
DEFAULT_SHARES = (11.0, 18.5, 21.0, 14.0, 17.0, 8.0, 10.5)
#: No column narrower than this (per cent): the theme's name, the header's kept-whole words
#: (ระยะเวลาดำเนินการ, ส่วนงานที่รับผิดชอบ) and "ไตรมาส ๑–๔" on one line.
MIN_SHARES = (8.5, 12.0, 12.0, 9.0, 12.0, 8.0, 8.0)
#: No column wider than this: a strong agency's one row citing thirty items took 45 % for its
#: items and left its measure and steps two or three words a line, the row over two pages.
MAX_SHARES = (14.0, 32.0, 32.0, 24.0, 28.0, 11.0, 16.0)
#: The printed table: 273 mm wide (1032 CSS px), text 10.5 pt (14 px): characters a line holds
#: per per cent of width, after the cell's padding (about 13 px), filled to 85 % (Thai wraps
#: between words, so a line is never quite full).
_PX_PER_SHARE, _PADDING_PX, _CHAR_PX, _FILL = 10.32, 13.0, 0.53 * 14, 0.85
#: A cell's blocks (items, steps) are set apart by about a third of a line.
_BLOCK_GAP_LINES = 0.3
#: Per cent moved between two columns at a time, coarse then fine.
_STEPS = (2.0, 1.0, 0.5)


def _lines(blocks: Sequence[int], share: float) -> float:
    """Lines of a cell whose blocks show ``blocks`` characters, at ``share`` per cent."""
    # Fractional lines (a block's last line counted by how full it is): whole lines would
    # make the total flat under small moves of width, and the search below stop at once.
    per_line = max(1.0, (share * _PX_PER_SHARE - _PADDING_PX) * _FILL / _CHAR_PX)
    count = sum(max(1.0, shown / per_line) for shown in blocks or [0])
    return count + _BLOCK_GAP_LINES * max(0, len(blocks) - 1)


def _total(rows: Sequence[Sequence[Sequence[int]]], shares: Sequence[float]) -> float:
    return sum(max(_lines(cell, share) for cell, share in zip(row, shares, strict=True))
               for row in rows)


def _shown(text: str) -> int:
    """Characters that take width (Thai vowel and tone marks above or below take none)."""
    return sum(1 for ch in text if unicodedata.category(ch) != "Mn")


def column_shares(cells: Sequence[Sequence[Sequence[str]]]) -> tuple[float, ...]:
    """The seven widths in per cent (summing to 100) that make the table shortest.

    ``cells``: each row's seven cells, each a list of its blocks (html.measures_cells).
    """
    rows = [[[_shown(block) for block in cell] for cell in row] for row in cells]
    shares = list(DEFAULT_SHARES)
    if not rows:
        return tuple(shares)
    best = _total(rows, shares)
    for step in _STEPS:
        improved = True
        while improved:
            improved = False
            for give in range(len(shares)):
                for take in range(len(shares)):
                    if give == take or shares[give] - step < MIN_SHARES[give] - 1e-9:
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
