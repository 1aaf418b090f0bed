"""The measures table's column widths (report.columns): shortest rows, no word cut in two."""

from __future__ import annotations

from ita_report.report.columns import (
    _PX_PER_SHARE,
    MAX_SHARES,
    _word_px,
    column_shares,
    thai_words,
)

#: A weak อบต.'s ประเด็น cell: its column, fitted to the long cells beside it, printed
#: "ประชาสัมพัน|ธ์" (issue 25).
THEME = "๓. ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ"


def test_lines_break_where_chromium_and_libreoffice_break_them() -> None:
    # ICU's word list: compounds pythainlp keeps whole are broken by both renderers.
    assert thai_words("การบริหารงานบุคคล") == ["การ", "บริหาร", "งาน", "บุคคล"]
    assert thai_words("ส่วนงานที่รับผิดชอบ") == ["ส่วน", "งาน", "ที่", "รับ", "ผิด", "ชอบ"]
    assert "ประชาสัมพันธ์" in thai_words(THEME)


def test_no_column_is_narrower_than_its_longest_word() -> None:
    long_text = "ข้อมูลการประเมินผลการดำเนินงานตามแผนปฏิบัติการประจำปี " * 12
    row = [[THEME], [long_text], [long_text * 2], [long_text], [long_text * 2],
           ["ไตรมาส ๑–๔"], ["สำนักปลัด/องค์การบริหารส่วนตำบล"]]
    shares = column_shares([row])
    assert abs(sum(shares) - 100) < 0.05
    for share, cell, most in zip(shares, row, MAX_SHARES, strict=True):
        widest = max(_word_px(word) for block in cell for word in thai_words(block))
        # The word, the cell's padding and border: within the column (or the column at its most).
        assert share * _PX_PER_SHARE - 20 >= widest - 0.5 or share == most, (share, cell)
    assert shares[0] * _PX_PER_SHARE - 20 >= _word_px("ประชาสัมพันธ์")
