"""The measures document's official form (รูปแบบเอกสาร): announcement or title, signatory.

Read from ``data/catalogue/document_form.yaml`` and validated on load, so the wording of the
ประกาศ, its introduction and its date line is data officers can change. This module fills
that wording with values it is given; it never computes a score and never renders.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ita_report.catalogue.placeholders import PLACEHOLDERS, UNIT_KEYS, fill
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import data_dir
from ita_report.iorw import read_yaml

Form = Literal["announcement", "title"]
FORMS: tuple[Form, ...] = ("announcement", "title")
#: What this file's texts may say besides the catalogue's placeholders.
FORM_PLACEHOLDERS = frozenset(
    {"title", "result", "ita_score", "level", "below_count", "theme_count", "themes", "details",
     "day", "month", "year"}
)
_INTRODUCTION_KEYS = ("opening_th", "result_th", "result_unknown_th", "below_target_th",
                      "all_passing_th")
_FORM_KEYS = ("heading_th", "subject_th", "details_th", "closing_th", "dated_th", "role_th",
              "attachment_th")
#: Keys that must say something whatever the form (the date line is what a signer signs).
_REQUIRED = frozenset({"opening_th", "result_th", "result_unknown_th", "below_target_th",
                       "all_passing_th", "dated_th"})


@dataclass(frozen=True)
class Signatory:
    """Who signs (ผู้ลงนาม) and when: ``name`` "" prints a line of dots to sign over."""

    name: str
    position: str
    #: The word after the signature line (ผู้ให้ความเห็นชอบ, ผู้รายงาน …), or "".
    role: str = ""
    #: The date line above the signature (ประกาศ ณ วันที่ …), or "".
    dated: str = ""


@dataclass(frozen=True)
class FrontMatter:
    """The official parts around the analysis: what the executive signs.

    ``heading``, ``subject``, ``closing`` and ``attachment`` are "" in the title form.
    """

    form: Form
    heading: str
    subject: str
    paragraphs: tuple[str, ...]
    closing: str
    attachment: str
    signatory: Signatory


@dataclass(frozen=True)
class FormWording:
    """The file's texts, placeholders unfilled: ``introduction`` and one set per form."""

    introduction: Mapping[str, str]
    forms: Mapping[str, Mapping[str, str]]
    path: str

    def front(self, form: Form, values: Mapping[str, str], signatory: Signatory, *,
              ita_known: bool, below_target: bool, thai: bool) -> FrontMatter:
        """The front matter of ``form`` with ``values`` in place (see the file's header for
        the names), in Thai or Arabic digits."""
        words = self.forms[form]
        intro = self.introduction

        def filled(text: str, extra: Mapping[str, str] = {}) -> str:
            return " ".join(fill(text, {**values, **extra}, thai=thai).split())

        result = filled(intro["result_th"] if ita_known else intro["result_unknown_th"])
        details = filled(words["details_th"])
        body = intro["below_target_th"] if below_target else intro["all_passing_th"]
        return FrontMatter(
            form=form,
            heading=filled(words["heading_th"]),
            subject=filled(words["subject_th"]),
            paragraphs=(filled(intro["opening_th"], {"result": result}),
                        filled(body, {"details": details})),
            closing=filled(words["closing_th"]),
            attachment=filled(words["attachment_th"]),
            signatory=Signatory(signatory.name, signatory.position, filled(words["role_th"]),
                                filled(words["dated_th"])),
        )


def default_path() -> Path:
    """``data/catalogue/document_form.yaml``."""
    return data_dir() / "catalogue" / "document_form.yaml"


def load_form_wording(path: Path | str | None = None) -> FormWording:
    """Read and validate the form's wording; every problem is reported at once.

    >>> load_form_wording().forms["announcement"]["closing_th"]
    'จึงประกาศให้ทราบโดยทั่วกัน'
    """
    source = Path(path) if path is not None else default_path()
    try:
        stamp = source.stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _load(str(source), stamp)


@functools.lru_cache(maxsize=4)
def _load(path_text: str, _mtime_ns: int) -> FormWording:
    path = Path(path_text)
    raw = read_yaml(path, missing_th="ไม่พบไฟล์รูปแบบเอกสาร",
                    missing_en="the document form file does not exist")
    problems: list[Problem] = []

    def section(name: str, keys: tuple[str, ...]) -> dict[str, str]:
        given = raw.get(name) if isinstance(raw, dict) else None
        if not isinstance(given, dict):
            problems.append(file_problem(path, "ต้องเป็นชุดข้อความ", "must be a mapping of texts",
                                         where=name))
            return {}
        out: dict[str, str] = {}
        for key in keys:
            text = given.get(key, "")
            where = f"{name} › {key}"
            if not isinstance(text, str) or (key in _REQUIRED and not text.strip()):
                problems.append(file_problem(path, "ต้องเป็นข้อความ", "must be a text",
                                             where=where, value=text))
                continue
            for th, en in _placeholder_problems(text):
                problems.append(file_problem(path, th, en, where=where, value=text))
            out[key] = text
        for key in given:
            if key not in keys:
                problems.append(file_problem(path, "ไม่รู้จักชื่อนี้", "unknown key", where=name,
                                             value=key, expected_th=", ".join(keys),
                                             expected_en=", ".join(keys)))
        return out

    introduction = section("introduction", _INTRODUCTION_KEYS)
    forms: dict[str, Mapping[str, str]] = {form: section(form, _FORM_KEYS) for form in FORMS}
    if problems:
        raise InputError(problems)
    return FormWording(introduction, forms, str(path))


def _placeholder_problems(text: str) -> list[tuple[str, str]]:
    try:
        names = [(n, spec) for _, n, spec, _ in string.Formatter().parse(text) if n is not None]
    except ValueError:
        return [("วงเล็บปีกกา { } ไม่ครบคู่", "unbalanced braces { }")]
    out = []
    for name, spec in names:
        known = (name == "unit" and spec in UNIT_KEYS) or (
            not spec and (name in PLACEHOLDERS or name in FORM_PLACEHOLDERS))
        if not known:
            shown = f"{{{name}:{spec}}}" if spec else f"{{{name}}}"
            out.append((f"ไม่รู้จักตัวแปร {shown}", f"unknown placeholder {shown}"))
    return out
