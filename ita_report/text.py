"""Officers' text as it arrives: pasted from PDF extractions, Word and web pages.

Only the paragraph and line-break tags that PDF extraction leaves behind (``<p>``, ``</p>``,
``<br>``) are removed, so pasted wording reads as clean text. Nothing else is interpreted:
any other markup stays as written and is escaped wherever it is shown, never run. Characters
nobody sees are removed from identifiers, and directional controls are kept from reordering
the text around them; the words themselves are never changed.
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


# -- characters nobody sees --------------------------------------------------------------------
#: Format characters (Unicode category Cf) that arrive with pasted text: zero-width space and
#: joiners, the byte-order mark, the soft hyphen, word joiners and the bidirectional controls.
#: Invisible on screen, so an identifier that holds one looks like another that does not.
_FORMAT_CHARS = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def strip_invisible(text: str) -> str:
    """``text`` without the format characters a person cannot see (for identifiers, numbers).

    >>> strip_invisible("chae\\u200bmae")
    'chaemae'
    """
    return text if text.isascii() else _FORMAT_CHARS.sub("", text)


# Directional formatting characters: embeddings and overrides (closed by PDF), isolates
# (closed by PDI). An unclosed one reorders everything after it on the line.
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI
_PDF, _PDI, _FSI = "\u202c", "\u2069", "\u2068"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def isolate_bidi(text: str) -> str:
    """``text`` with any right-to-left override it carries kept from reordering what follows.

    A text holding directional controls (U+202A–202E, U+2066–2069) is closed (each control it
    opens gets its PDF or PDI) and wrapped in a first-strong isolate (FSI … PDI), so wherever
    it is placed (a sentence, a title, a Word cell) its effect ends with it. Text without
    them, which is all ordinary text, is returned unchanged; so is text already isolated.

    >>> isolate_bidi("ทม.แฉะแม่")
    'ทม.แฉะแม่'
    >>> isolate_bidi("abc\\u202e") == "\\u2068abc\\u202e\\u202c\\u2069"
    True
    """
    if not _BIDI.search(text):
        return text
    closers = _closers(text)
    if not closers and text[0] == _FSI and text[-1] == _PDI and not _closers(text[1:-1]):
        return text  # isolated already (this function's own output)
    return _FSI + text + closers + _PDI


def _closers(text: str) -> str:
    """The PDFs and PDIs that close every control ``text`` leaves open, innermost first."""
    stack: list[str] = []
    for char in text:
        if char in _EMBEDDINGS:
            stack.append(_PDF)
        elif char in _ISOLATES:
            stack.append(_PDI)
        elif char == _PDF and stack and stack[-1] == _PDF:
            stack.pop()
        elif char == _PDI and _PDI in stack:
            # A PDI closes its isolate and every embedding opened inside it.
            while stack.pop() != _PDI:
                pass
    return "".join(reversed(stack))


def has_bidi_controls(text: str) -> bool:
    """Whether ``text`` holds a directional control (shown isolated: ``<bdi>``)."""
    return _BIDI.search(text) is not None
