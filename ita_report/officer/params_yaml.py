"""Saving what an officer typed in the Lab form back into the agency's params YAML.

An existing file keeps its comments, key order and quoting (ruamel.yaml's round trip): only the
values the form changed are replaced. A new file is written in ``ita-report new``'s layout,
every field explained in Thai. Either way the text is checked with ``params.load_params``
before it replaces anything: a save that would not load writes nothing.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ita_report.errors import InputError, file_problem
from ita_report.iorw import atomic_path
from ita_report.params import ReportParams, load_params

#: The keys of one theme the form edits (the rest of a theme override is kept as written).
FORM_THEME_KEYS = ("measure_th", "steps_th", "quarter_th", "unit_th", "drop")


@dataclass(frozen=True)
class ParamsEdits:
    """What the form changes: top-level values, and per theme id the keys it sets.

    A theme key set to ``None`` (or an empty text or list, or ``drop: False``) is removed, so
    the catalogue's wording applies again; a theme left with no key is removed too.
    """

    values: Mapping[str, Any] = field(default_factory=dict)
    themes: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096  # never fold a long Thai sentence over two lines
    yaml.indent(mapping=2, sequence=2, offset=0)  # the layout ita-report new writes
    yaml.preserve_quotes = True
    return yaml


def _empty(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, str | list | tuple | dict)
                                              and not value)


def _as_written(value: Any) -> Any:
    """``value`` ready for ruamel: tuples as lists, and a text quoted where the YAML 1.1 that
    params files are read with would take it for something else (``yes`` → true, ``2566``)."""
    import yaml as pyyaml
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    if isinstance(value, str):
        tag = pyyaml.resolver.Resolver().resolve(pyyaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        return value if tag == "tag:yaml.org,2002:str" else SingleQuotedScalarString(value)
    if isinstance(value, list | tuple):
        return [_as_written(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    return value


def apply_edits(text: str, edits: ParamsEdits) -> str:
    """``text`` (a params YAML) with ``edits`` applied, comments and order kept.

    >>> print(apply_edits("# org\\norg_name: ก  # ชื่อ\\nlimitations: []\\n",
    ...                   ParamsEdits({"limitations": ["ข้อหนึ่ง"]})), end="")
    # org
    org_name: ก  # ชื่อ
    limitations:
    - ข้อหนึ่ง
    """
    from ruamel.yaml.comments import CommentedMap

    # ruamel's round-trip loader builds only mappings, lists and scalars (never Python objects):
    # it is safe like yaml.safe_load and keeps the officer's comments; the saved file is then
    # read and validated by the one params reader (iorw.read_yaml) as any other.
    round_trip = _yaml()
    data = round_trip.load(text)
    if data is None:
        data = CommentedMap()
    for key, value in edits.values.items():
        plain = list(value) if isinstance(value, tuple) else value
        if key in data and data[key] == plain:
            continue  # unchanged: keep the file's own spelling (85 stays 85, not 85.0)
        data[key] = _as_written(plain)
    if edits.themes:
        overrides = data.get("theme_overrides")
        if not isinstance(overrides, dict) or not overrides:
            overrides = CommentedMap()
        for theme_id, keys in edits.themes.items():
            theme = overrides.get(theme_id)
            if not isinstance(theme, dict):
                theme = CommentedMap()
            for key, value in keys.items():
                if _empty(value):
                    theme.pop(key, None)
                elif theme.get(key) != (list(value) if isinstance(value, tuple) else value):
                    theme[key] = _as_written(value)
            if theme:
                overrides[theme_id] = theme
            else:
                overrides.pop(theme_id, None)
        data["theme_overrides"] = overrides
    out = io.StringIO()
    round_trip.dump(data, out)
    return out.getvalue()


def new_params_text(values: Mapping[str, Any]) -> str:
    """A new file in ``ita-report new``'s layout for the agency in ``values``."""
    from ita_report.new_params import NewAgency, params_text

    agency = NewAgency(
        org_name=str(values.get("org_name") or ""),
        short_name=str(values.get("short_name") or ""),
        fiscal_year=int(values["fiscal_year"]),
        org_id=str(values.get("org_id") or ""),
        org_type=str(values.get("org_type") or ""),
        district=str(values.get("district") or ""),
        province=str(values.get("province") or ""),
    )
    extra: Sequence[str] = values.get("extra_codes") or ()
    return params_text(agency, org_id=agency.org_id, scores_file=str(values.get("scores_file", "")),
                       extra_codes=tuple(extra))


def save_params(path: str | Path, edits: ParamsEdits) -> ReportParams:
    """Write ``edits`` into the params file at ``path`` (created in ``new``'s layout if absent).

    Returns the params as they now load. ``InputError`` (and nothing written) when the result
    would not load: the message names the file and line, as for any params file.
    """
    target = Path(path)
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(
            file_problem(target, "ไฟล์พารามิเตอร์ต้องลงท้ายด้วย .yaml", "a params file ends in .yaml",
                         expected_th="เช่น nongbua-2567.yaml", expected_en="e.g. nongbua-2567.yaml")
        )
    if target.is_file():
        text = apply_edits(target.read_text(encoding="utf-8"), edits)
    else:
        missing = [k for k in ("org_id", "org_name", "short_name", "fiscal_year", "scores_file")
                   if _empty(edits.values.get(k))]
        if missing:
            from ita_report.params import FIELD_HELP_TH

            raise InputError(
                [
                    file_problem(target, f"ยังไม่ได้กรอก {key} ({FIELD_HELP_TH[key]})",
                                 f"{key} is not filled in", column=key,
                                 expected_th="กรอกช่องนี้ในแบบฟอร์มแล้วบันทึกใหม่",
                                 expected_en="a value in the form, then save again")
                    for key in missing
                ]
            )
        text = apply_edits(new_params_text(edits.values), edits)
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
        try:
            load_params(tmp)  # what we write must load: checked before it is put in place
        except InputError as exc:
            # Said about the file the officer knows, not the temporary one beside it.
            raise InputError(
                [dataclasses.replace(p, file=str(target)) for p in exc.problems]
            ) from None
    return load_params(target)
