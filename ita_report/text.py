"""Officers' text as it arrives: pasted from PDF extractions, Word and web pages.

Only the paragraph and line-break tags that PDF extraction leaves behind (``<p>``, ``</p>``,
``<br>``) are removed, so pasted wording reads as clean text. Nothing else is interpreted:
any other markup stays as written and is escaped wherever it is shown, never run.
"""

from __future__ import annotations

import re
from typing import Any

# Exactly the bare tags an extraction writes; ``<p onclick=…>`` is not stray, it stays as text.
# A run of tags with the spaces after them; the spaces before are trimmed piece by piece (a
# leading ``\s*`` in the pattern would make long runs of spaces cost quadratic time).
_STRAY_TAGS = re.compile(r"(?:(?:</?p\s*>|<br\s*/?>|</br\s*>)\s*)+", re.IGNORECASE)


def strip_stray_tags(text: str) -> str:
    """``"<p>๑.แต่งตั้งคณะกรรมการ</p> <p>๒.ประเมินผล</p>"`` → ``"๑.แต่งตั้งคณะกรรมการ ๒.ประเมินผล"``.

    Each run of stray tags (and the spaces around it) becomes one space; the ends are trimmed.
    Text without such tags is returned unchanged.

    >>> strip_stray_tags("<p>ไตรมาส ๑</p>")
    'ไตรมาส ๑'
    >>> strip_stray_tags("<script>x</script>")
    '<script>x</script>'
    """
    if "<" not in text:
        return text
    pieces = _STRAY_TAGS.split(text)
    if len(pieces) == 1:
        return text
    return " ".join(piece.rstrip() for piece in pieces).strip()


def clean_texts(value: Any) -> Any:
    """``value`` with :func:`strip_stray_tags` applied to every string in it, at any depth.

    Mapping keys (theme ids, field names) are left alone: they are names, not text shown.
    """
    if isinstance(value, str):
        return strip_stray_tags(value)
    if isinstance(value, dict):
        return {k: clean_texts(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(clean_texts(v) for v in value)
    return value
