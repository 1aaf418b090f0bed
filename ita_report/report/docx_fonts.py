"""Fonts carried inside a Word file: Sarabun itself, and the face that draws page numbers in Thai.

Word and LibreOffice both read TrueType fonts embedded in a .docx (ECMA-376 §17.8.1: the font
file with its first 32 bytes XORed with a key named in the font table). Sarabun, the font this
project ships under the SIL Open Font License, is embedded when the officer chooses it, so the
file looks the same on any machine. Page numbers need one more face: Word's Thai-digit page
number switch (``PAGE \\* ThaiArabic``) comes out as Thai *letters* (ก ข ค) in LibreOffice, and
no other page-number format reaches LibreOffice as Thai digits; so the page number stays an
ordinary number and is drawn in "ITA Thai Digits", a face made here from Sarabun whose digits
0–9 are Thai digits ๐–๙. Nothing here changes a file on disk.
"""

from __future__ import annotations

import functools
import io
import uuid
from pathlib import Path
from typing import Any

#: The face whose digits 0–9 are drawn as Thai digits (page numbers).
THAI_DIGITS_FONT = "ITA Thai Digits"
_FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
_OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Children of w:settings that come before w:embedTrueTypeFonts in the schema's order.
_BEFORE_EMBED = ("writeProtection", "view", "zoom", "removePersonalInformation",
                 "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                 "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData")
# A fixed namespace: the same font always gets the same key, so the file's bytes repeat.
_KEY_NAMESPACE = uuid.UUID("5b0f6a3e-6c1d-4f0e-9a55-2f1c3a8e1d13")


def _sarabun_file(style: str) -> Path:
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.ROOT) / "files" / f"Sarabun-{style}.ttf"


@functools.cache
def sarabun_font(style: str = "Regular") -> bytes:
    """The shipped Sarabun TrueType file (``Regular`` or ``Bold``)."""
    return _sarabun_file(style).read_bytes()


@functools.cache
def thai_digits_font() -> bytes:
    """A small TrueType face (a few KB): Sarabun's digits, with 0–9 mapped to ๐–๙ glyphs.

    Made from Sarabun (SIL OFL 1.1, no reserved font name) under its own family name, as the
    license asks of a modified version; the license text stays in its name table.
    """
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    # No timestamp of today in the font: the same Word file each time.
    font = TTFont(str(_sarabun_file("Regular")), recalcTimestamp=False)
    thai = list(range(0x0E50, 0x0E5A))
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and license records
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[0x20, *range(0x30, 0x3A), *thai])
    subsetter.subset(font)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for digit in range(10):
                table.cmap[0x30 + digit] = table.cmap[0x0E50 + digit]
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    for name_id, text in ((1, THAI_DIGITS_FONT), (4, THAI_DIGITS_FONT),
                          (6, "ITAThaiDigits-Regular"), (3, "ITAThaiDigits-Regular-ita-report")):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _font_key(name: str, style: str) -> str:
    return "{" + str(uuid.uuid5(_KEY_NAMESPACE, f"{name}/{style}")).upper() + "}"


def obfuscate(data: bytes, font_key: str) -> bytes:
    """``data`` with its first 32 bytes XORed with ``font_key`` read backwards (§17.8.1)."""
    key = bytes.fromhex(font_key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ key[n % 16] for n, byte in enumerate(data[:32]))
    return head + data[32:]


def embed_fonts(word: Any, fonts: dict[str, dict[str, bytes]]) -> None:
    """Embed ``{family: {"Regular"|"Bold": ttf bytes}}`` in the python-docx ``word`` document.

    Each font becomes an obfuscated part of the font table, and the settings say the file
    carries its fonts, so Word keeps them when the officer saves it again.
    """
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn

    table_part = next(
        rel.target_part for rel in word.part.rels.values() if rel.reltype.endswith("/fontTable")
    )
    table = parse_xml(table_part.blob)
    number = 0
    for family, styles in fonts.items():
        entry = next((f for f in table.findall(qn("w:font")) if f.get(qn("w:name")) == family),
                     None)
        if entry is None:
            entry = OxmlElement("w:font")
            entry.set(qn("w:name"), family)
            table.append(entry)
        for style, data in styles.items():
            number += 1
            key = _font_key(family, style)
            part = Part(PackURI(f"/word/fonts/font{number}.odttf"), _OBFUSCATED_FONT,
                        obfuscate(data, key), word.part.package)
            rel_id = table_part.relate_to(part, _FONT_RELATIONSHIP)
            embedded = OxmlElement(f"w:embed{style}")
            embedded.set(qn("r:id"), rel_id)
            embedded.set(qn("w:fontKey"), key)
            entry.append(embedded)
    table_part._blob = _xml_bytes(table)
    settings = word.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        # Its place in the schema's order: after the few elements that may come before it.
        flag = OxmlElement("w:embedTrueTypeFonts")
        before = {qn(f"w:{tag}") for tag in _BEFORE_EMBED}
        at = next((n for n, child in enumerate(settings) if child.tag not in before),
                  len(settings))
        settings.insert(at, flag)


def _xml_bytes(element: Any) -> bytes:
    from lxml import etree  # type: ignore[import-untyped]

    return bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8",
                                standalone=True))
