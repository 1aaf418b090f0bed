"""ASCII file names for exploration outputs (ชื่อไฟล์ผลการสำรวจ), kept inside the output folder.

Provinces and agency types are Thai; ``data/catalogue/ascii_names.yaml`` gives each a fixed slug,
and a name not listed gets a short hash. Never builds a path that could leave ``out/explore``.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ita_report.errors import InputError, file_problem
from ita_report.framework import data_dir
from ita_report.iorw import read_yaml
from ita_report.params import is_safe_org_id

#: Exploration outputs go to ``<out>/explore/``, apart from the yearly report folders.
EXPLORE_FOLDER = "explore"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class AsciiNames:
    """Province and agency-type slugs (ชื่อ ASCII ของจังหวัดและประเภทหน่วยงาน)."""

    provinces: dict[str, str]
    org_types: dict[str, str]


@functools.cache
def load_ascii_names(path: str | None = None) -> AsciiNames:
    """Read ``data/catalogue/ascii_names.yaml``; a slug that is not ``a-z0-9-`` is a data bug."""
    source = Path(path) if path else data_dir() / "catalogue" / "ascii_names.yaml"
    raw = (
        read_yaml(
            source,
            missing_th="ไม่พบไฟล์ชื่อภาษาอังกฤษของจังหวัดและประเภทหน่วยงาน",
            missing_en="the file of ASCII names for provinces and agency types is missing",
        )
        or {}
    )
    provinces = {str(k): str(v["slug"]) for k, v in (raw.get("provinces") or {}).items()}
    org_types = {str(k): str(v) for k, v in (raw.get("org_types") or {}).items()}
    for slug in (*provinces.values(), *org_types.values()):
        if not _SLUG.fullmatch(slug):
            raise ValueError(f"{source}: slug {slug!r} must be lowercase ASCII words joined by -")
    return AsciiNames(provinces, org_types)


def slug(name: str, known: dict[str, str]) -> str:
    """``known[name]``, else ``x`` and 8 hex digits of the name's hash (stable, ASCII only)."""
    text = unicodedata.normalize("NFC", name.strip())
    if text in known:
        return known[text]
    return "x" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def agency_output_stem(org_id: str, years: tuple[int, ...]) -> str:
    """``<org_id>-<first>-<last>``: the agency exploration's file name without suffix."""
    return f"{org_id}-{min(years)}-{max(years)}"


def national_output_stem(fiscal_year: int, province: str | None, org_type: str | None) -> str:
    """``national-<year>[-<province>][-<type>]`` with the ASCII slugs of province and type."""
    names = load_ascii_names()
    parts = ["national", str(int(fiscal_year))]
    if province:
        parts.append(slug(province, names.provinces))
    if org_type:
        parts.append(slug(org_type, names.org_types))
    return "-".join(parts)


def explore_output_path(out_dir: str | Path, stem: str, suffix: str) -> Path:
    """``<out>/explore/<stem><suffix>``; ``InputError`` if that would be outside the folder."""
    folder = Path(out_dir) / EXPLORE_FOLDER
    path = folder / f"{stem}{suffix}"
    # As report.output_path: abspath folds ".." and absolute names without following links.
    outside = os.path.dirname(os.path.abspath(path)) != os.path.abspath(folder)
    if outside or not is_safe_org_id(stem):
        raise InputError(
            file_problem(
                "org_id",
                f"ใช้เป็นชื่อไฟล์ไม่ได้ เพราะจะเขียนออกนอกโฟลเดอร์ผลลัพธ์ {folder}",
                f"cannot name an output file: it would write outside the output folder {folder}",
                value=repr(stem),
                expected_th="อักษรอังกฤษ ตัวเลข - _ . เท่านั้น เช่น chaemae",
                expected_en="only A–Z a–z 0–9 - _ . such as chaemae",
            )
        )
    return path
