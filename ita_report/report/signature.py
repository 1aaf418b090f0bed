"""Signature blocks (ลงชื่อ … (ชื่อ) ตำแหน่ง), one way for every document that is signed.

The measures document (its executive, under the ประกาศ or at its end) and the implementation
report (ผู้รายงาน, ผู้ตรวจสอบ, ผู้อนุมัติ) print their signatures with these lines, in HTML here
and in Word by ``report.docx.add_signatures``. Nothing here decides who signs: that is
:func:`ita_report.document.signatory_of`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ita_report.catalogue.form import Signatory

__all__ = ["DOTS", "Signatory", "signature_lines", "signatures_html"]
from ita_report.text import has_bidi_controls

#: What a name or position left to fill prints: a line to write on.
DOTS = "." * 40


def signature_lines(signatory: Signatory) -> tuple[str, ...]:
    """The lines of one signature, top to bottom: the date line (if any), ``(ลงชื่อ)…`` with
    the role, the name in brackets (dots when not given), the position (dots when not given).

    >>> signature_lines(Signatory("", "นายกเทศมนตรีเมืองแฉะแม่"))[1]
    '(........................................)'
    """
    dated = (signatory.dated,) if signatory.dated else ()
    return (*dated, f"(ลงชื่อ){DOTS}{signatory.role}", f"({signatory.name or DOTS})",
            signatory.position or f"ตำแหน่ง{DOTS}")


def _t(text: str) -> str:
    # As report.html's: escaped, and isolated when a name carries directional controls.
    escaped = html.escape(text, quote=True)
    return f"<bdi>{escaped}</bdi>" if has_bidi_controls(text) else escaped


def signatures_html(signatories: Sequence[Signatory]) -> str:
    """``<section class="signatures">``: side by side; one signature alone sits right of
    centre, as an announcement's does."""
    cells = "".join(
        '<div class="signature">'
        + "".join(f"<p>{_t(line)}</p>" for line in signature_lines(s))
        + "</div>"
        for s in signatories
    )
    single = " single" if len(signatories) == 1 else ""
    return f'<section class="signatures{single}">{cells}</section>'
