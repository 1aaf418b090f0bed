"""Reading a params YAML: its values and the line of each key, validated into ReportParams.

A missing or mistyped field, an unknown key, a key written twice or a value longer than any
report needs is an ``InputError`` naming the file and line (of nested keys too), in Thai and
English. Nothing here runs a notebook.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import (
    BaseModel,
    ValidationError,
)

from ita_report.errors import InputError, Problem, did_you_mean, file_problem
from ita_report.iorw import YamlPath, read_yaml_document
from ita_report.params.fields import NESTED_SETTINGS, line_of, nested_help_th
from ita_report.params.help import FIELD_HELP_TH, why_refused
from ita_report.params.model import PARAM_FIELDS, ReportParams

#: The notebooks a params file can be for (its top-level ``notebook:`` key); the first is the
#: default, so params files written before the exploration notebooks keep working unchanged.
NOTEBOOK_KINDS = ("measures_report", "explore_agency", "explore_national", "implementation_report")
NOTEBOOK_KEY = "notebook"


@dataclass(frozen=True)
class ParamsFile:
    """A params YAML as read, not yet validated: its values and the line of each key."""

    source: Path
    values: dict[str, Any]
    lines: dict[str, int]  # top-level keys
    #: The line of every key and list item, nested ones too (``("theme_overrides", "x")``).
    paths: Mapping[YamlPath, int] = field(default_factory=dict)

    @property
    def notebook(self) -> str:
        """Which notebook the file is for (``InputError`` for a name no notebook has)."""
        kind = self.values.get(NOTEBOOK_KEY, NOTEBOOK_KINDS[0])
        if kind not in NOTEBOOK_KINDS:
            known = ", ".join(NOTEBOOK_KINDS)
            raise InputError(
                file_problem(
                    self.source,
                    "ไม่รู้จักสมุดงานนี้",
                    "unknown notebook",
                    where=_line(self.lines, NOTEBOOK_KEY),
                    column=NOTEBOOK_KEY,
                    value=kind,
                    expected_th=f"ชื่อใดชื่อหนึ่งต่อไปนี้: {known}",
                    expected_en=f"one of: {known}",
                )
            )
        return str(kind)


def _line(lines: Mapping[str, int], key: str) -> str | None:
    return f"line {lines[key]}" if key in lines else None


def read_params_file(path: str | Path) -> ParamsFile:
    """Read a params YAML (any notebook's): ``InputError`` if missing, not UTF-8 or not YAML."""
    source = Path(path)
    document = read_yaml_document(
        source,
        missing_th="ไม่พบไฟล์พารามิเตอร์",
        missing_en="parameters file not found",
        expected_th="รูปแบบ key: value",
        expected_en="key: value lines",
    )
    raw = {} if document.value is None else document.value
    if not isinstance(raw, dict):
        raise InputError(
            file_problem(source, "ต้องเป็นรายการ key: value", "must be key: value pairs")
        )
    return ParamsFile(source, raw, document.top_lines(), document.lines)


def load_params(path: str | Path, **overrides: Any) -> ReportParams:
    """Read and validate a params YAML; relative paths in it are relative to its folder.

    ``overrides`` replace values from the file (the batch runner's defaults and roster).
    A file for another notebook (``notebook: explore_agency``) is refused, saying so.
    """
    read = read_params_file(path)
    kind = read.notebook
    if kind != NOTEBOOK_KINDS[0]:
        raise InputError(
            file_problem(
                read.source,
                f"ไฟล์นี้เป็นพารามิเตอร์ของสมุดงาน {kind} ไม่ใช่รายงานมาตรการ",
                f"this params file is for the {kind} notebook, not the measures report",
                where=_line(read.lines, NOTEBOOK_KEY),
                column=NOTEBOOK_KEY,
                value=kind,
                expected_th=f"สั่ง ita-report run {read.source}",
                expected_en=f"run it with: ita-report run {read.source}",
            )
        )
    values = {k: v for k, v in read.values.items() if k != NOTEBOOK_KEY}
    values.update(overrides)
    values.setdefault("base_dir", str(read.source.parent))
    return validate_params(values, source=read.source, lines=read.paths)


def validate_params(
    values: Mapping[str, Any],
    *,
    source: str | Path = "<params>",
    lines: Mapping[str, int] | Mapping[YamlPath, int] | None = None,
) -> ReportParams:
    """Validate parameter values (from a file, a notebook's namespace or the batch roster)."""
    params = validate_model(ReportParams, values, source=source, lines=lines)
    params._source = str(source)
    params._lines = _as_paths(lines or {})
    return params


def _as_paths(lines: Mapping[Any, int]) -> dict[YamlPath, int]:
    return {(k if isinstance(k, tuple) else (k,)): n for k, n in lines.items()}


M = TypeVar("M", bound=BaseModel)


def validate_model(
    model: type[M],
    values: Mapping[str, Any],
    *,
    source: str | Path = "<params>",
    lines: Mapping[str, int] | Mapping[YamlPath, int] | None = None,
    help_th: Mapping[str, str] = FIELD_HELP_TH,
) -> M:
    """Validate ``values`` as ``model`` (any notebook's params); ``InputError`` naming the file,
    the line of each wrong key, the value and what was expected, in Thai and English."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as exc:
        # Set by the loaders, never written by people: not offered as keys.
        known = tuple(f for f in model.model_fields if f not in ("base_dir", "source_file"))
        paths = _as_paths(lines or {})
        raise InputError(
            [_problem(err, source, paths, help_th, known) for err in exc.errors()]
        ) from None


def _problem(
    err: Any,
    source: str | Path,
    lines: Mapping[YamlPath, int],
    help_th: Mapping[str, str] = FIELD_HELP_TH,
    fields: tuple[str, ...] = PARAM_FIELDS[:-1],
) -> Problem:
    loc = [str(p) for p in err["loc"]]
    key = loc[0] if loc else ""
    line = line_of(lines, tuple(p if isinstance(p, int) else str(p) for p in err["loc"]))
    where = f"line {line}" if line else None
    column = " › ".join(loc)
    kind = err["type"]
    nested = NESTED_SETTINGS.get(key) if len(loc) > 1 else None
    if nested is not None:  # a key inside a block (document › font): the block's own words
        key, fields = loc[1], tuple(nested.model_fields)
    if kind == "missing":
        return file_problem(
            source,
            f"ไม่มีค่า {key} ซึ่งต้องระบุ ({help_th.get(key, '')})",
            f"required field {key!r} is missing",
            column=column,
            expected_th=f"เพิ่มบรรทัด {key}: ...",
            expected_en=f"a line '{key}: ...'",
        )
    if kind == "extra_forbidden":
        known = ", ".join(fields)
        mean_th, mean_en = did_you_mean(key, fields)
        return file_problem(
            source,
            f"ไม่รู้จักชื่อ {key} (อาจพิมพ์ผิด){mean_th}",
            f"unknown key {key!r} (a typo?){mean_en}",
            where=where,
            column=column,
            expected_th=f"ชื่อใดชื่อหนึ่งต่อไปนี้: {known}",
            expected_en=f"one of: {known}",
        )
    value = err.get("input")
    why_th, why_en = why_refused(err)
    return file_problem(
        source,
        f"ค่าไม่ถูกต้อง: {why_th}",
        f"invalid value: {why_en}",
        where=where,
        column=column,
        value=value,
        expected_th=nested_help_th(tuple(loc)) if nested is not None else help_th.get(key),
        expected_en=None,
    )
