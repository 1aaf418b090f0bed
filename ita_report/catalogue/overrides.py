"""An officer's changes to the catalogue from the params file: theme_overrides, added_themes.

Fields are checked by the same ``Fields`` rules as the catalogue file itself, and every problem
is collected into one ``InputError`` naming the params file. Nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ita_report.catalogue.fields import (
    ADDED_KEYS,
    OVERRIDE_KEYS,
    SLUG,
    VARIANT_FIELDS,
    Fields,
)
from ita_report.catalogue.records import VARIANTS, Theme
from ita_report.errors import InputError, Problem, did_you_mean, file_problem


def apply_overrides(
    themes: Sequence[Theme],
    overrides: Mapping[str, Mapping[str, object]],
    added: Sequence[Mapping[str, object]],
    year: int,
    *,
    source: str = "params",
    known_codes: frozenset[str] | None = None,
) -> tuple[Theme, ...]:
    """Apply the officer's ``theme_overrides`` and ``added_themes`` (from a params file).

    A field at theme level (``measure_th`` …) changes both variants; ``below_target: {...}`` or
    ``all_passing: {...}`` changes one; ``items`` replaces the items of ``year``; ``drop: true``
    removes the theme; ``when_passing: own_row`` keeps a passing theme on a row of its own.
    Steps the officer writes are used as written (no per-item steps are added to them).
    ``added`` themes come last. ``known_codes`` (the year's framework codes plus declared extra
    codes), when given, rejects item codes outside it.
    """
    problems: list[Problem] = []

    def record(where: str, th: str, en: str, value: object = None,
               expected: str | None = None) -> None:
        # ``where`` is the key path; ReportParams.locate adds the file's line to it.
        problems.append(file_problem(source, th, en, where=where, value=value,
                                     expected_th=expected, expected_en=expected))

    fields = Fields(record, officer=True)
    current = [t.for_year(year) for t in themes]
    ids = [t.id for t in current]
    if not isinstance(overrides, Mapping):
        fields.fail("theme_overrides", "ต้องเป็นชุดข้อมูล {รหัสประเด็น: {...}}",
                    "must be a mapping {theme id: {...}}", value=overrides)
        overrides = {}
    result: list[Theme] = []
    for theme in current:
        patch = overrides.get(theme.id)
        if patch is None:
            result.append(theme)
            continue
        where = f"theme_overrides › {theme.id}"
        if not isinstance(patch, Mapping):
            fields.fail(where, "ต้องเป็นชุดข้อมูล", "must be a mapping", value=patch,
                        expected=OVERRIDE_KEYS)
            continue
        fields.known_keys(where, patch, OVERRIDE_KEYS)
        drop = patch.get("drop", False)
        if not isinstance(drop, bool):
            fields.fail(f"{where} › drop", "ต้องเป็น true หรือ false", "must be true or false",
                        value=drop)
        elif drop:
            continue
        changed = _patched(theme, patch, year, where, fields, known_codes)
        result.append(changed or theme)
    for theme_id in overrides:
        if theme_id not in ids:
            mean_th, mean_en = did_you_mean(theme_id, ids)
            fields.fail(f"theme_overrides › {theme_id}", f"ไม่มีประเด็นรหัสนี้ในปี {year}{mean_th}",
                        f"there is no theme with this id in FY{year}{mean_en}", value=theme_id,
                        expected=ids)
    if not isinstance(added, Sequence) or isinstance(added, (str, bytes)):
        fields.fail("added_themes", "ต้องเป็นรายการประเด็น", "must be a list of themes", value=added)
        added = []
    taken = {t.id for t in result}
    for n, entry in enumerate(added, 1):
        new = _added_theme(n, entry, year, taken, fields, known_codes)
        if new is not None:
            taken.add(new.id)
            result.append(new)
    if problems:
        raise InputError(problems)
    return tuple(result)


def _patched(theme: Theme, patch: Mapping[str, object], year: int, where: str, fields: Fields,
             known_codes: frozenset[str] | None) -> Theme | None:
    """``theme`` with ``patch`` applied, or None when the patch has problems (already reported)."""
    before = fields.failures
    out = theme
    if "title_th" in patch:
        out = replace(out, title_th=fields.text(f"{where} › title_th", patch["title_th"],
                                                required=True))
    if "items" in patch:
        out = out.with_items(year, fields.codes(f"{where} › items", patch["items"],
                                                known=known_codes))
    if "item_texts_th" in patch:
        texts = fields.item_texts(f"{where} › item_texts_th", patch["item_texts_th"])
        out = replace(out, item_texts={**out.item_texts, **texts})
    if "when_passing" in patch:
        when = fields.when_passing(f"{where} › when_passing", patch["when_passing"])
        out = replace(out, when_passing=when or out.when_passing)
    shared = {k: patch[k] for k in VARIANT_FIELDS if k in patch}
    for name in VARIANTS:
        specific = patch.get(name, {})
        if not isinstance(specific, Mapping):
            fields.fail(f"{where} › {name}", "ต้องเป็นชุดข้อมูล", "must be a mapping",
                        value=specific, expected=VARIANT_FIELDS)
            continue
        given = {**shared, **specific}
        if not given:
            continue
        base = out.variant(passing=name == "all_passing")
        variant = fields.variant(f"{where} › {name}", given, base)
        if variant is not None and name == "below_target":
            out = replace(out, below_target=variant)
        elif variant is not None:
            out = replace(out, all_passing=variant)
    return None if fields.failures > before else out


def _added_theme(n: int, entry: object, year: int, taken: set[str], fields: Fields,
                 known_codes: frozenset[str] | None) -> Theme | None:
    where = f"added_themes[{n}]"
    if not isinstance(entry, Mapping):
        fields.fail(where, "ต้องเป็นชุดข้อมูล", "must be a mapping", value=entry, expected=ADDED_KEYS)
        return None
    before = fields.failures
    fields.known_keys(where, entry, ADDED_KEYS)
    ident = entry.get("id", f"added_{n}")
    if not isinstance(ident, str) or not SLUG.match(ident) or ident in taken:
        fields.fail(f"{where} › id", "รหัสประเด็นไม่ถูกต้องหรือซ้ำกับประเด็นที่มีอยู่",
                    "invalid theme id, or one already used", value=ident,
                    expected=["a-z 0-9 _", *sorted(taken)])
        ident = f"added_{n}"
    title = fields.text(f"{where} › title_th", entry.get("title_th"), required=True)
    codes = fields.codes(f"{where} › items", entry.get("items"), known=known_codes)
    texts = fields.item_texts(f"{where} › item_texts_th", entry.get("item_texts_th", {}))
    shared = {k: entry[k] for k in VARIANT_FIELDS if k in entry}
    given = {name: entry[name] for name in VARIANTS if name in entry}
    bodies: dict[str, Mapping[str, object]] = {}
    for name, body in given.items():
        if isinstance(body, Mapping):
            bodies[name] = body
        else:
            fields.fail(f"{where} › {name}", "ต้องเป็นชุดข้อมูล", "must be a mapping", value=body,
                        expected=VARIANT_FIELDS)
    # Only one set of measure fields given: it serves both variants.
    if len(bodies) == 1:
        only = next(iter(bodies.values()))
        bodies = {name: only for name in VARIANTS}
    below = fields.variant(f"{where} › below_target",
                           {**shared, **dict(bodies.get("below_target", {}))}, None)
    passing = fields.variant(f"{where} › all_passing",
                             {**shared, **dict(bodies.get("all_passing", {}))}, None)
    if fields.failures > before or below is None or passing is None:
        return None
    # A theme the officer adds is meant to be seen: it keeps its row when its items all pass.
    return Theme(id=ident, title_th=title, items=((year, codes),), below_target=below,
                 all_passing=passing, item_texts=texts, when_passing="own_row")
