"""Reading the catalogue file (``data/catalogue/themes.yaml``) into records, every problem at once.

A theme's fields are checked by :class:`~ita_report.catalogue.fields.Fields`, the rules params
overrides go through too; this module adds what only the file has (years, ``by_year``, coverage
of the framework, limitation rules). Nothing here renders text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ita_report.catalogue.fields import (
    OPTIONAL_VARIANT_FIELDS,
    SCOPE_FIELDS,
    SLUG,
    VARIANT_FIELDS,
    Fields,
)
from ita_report.catalogue.placeholders import UNIT_KEYS
from ita_report.catalogue.records import (
    TOOLS,
    VARIANTS,
    Catalogue,
    Condition,
    Fallback,
    LimitationRule,
    OitSteps,
    PassingRow,
    Theme,
    ThemeVariant,
)
from ita_report.codes import normalize_code
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import Framework, available_years, data_dir, load_framework
from ita_report.iorw import read_yaml

_THEME_KEYS = (
    "id",
    "title_th",
    "titles_th",
    "items",
    "extra_items",
    "item_texts_th",
    *OPTIONAL_VARIANT_FIELDS,
    *SCOPE_FIELDS,
    *VARIANTS,
    "by_year",
    "when_passing",
    "step_unit",
    "step_quarter",
    "item_units",
    "item_quarters",
)
_TOP_KEYS = ("themes", "limitations", "oit_steps", "passing_row", "fallback")
_RULE_KEYS = ("id", "text_th", "when", "unless")
_SCOPES = ("tool", "indicator", "items")
_TESTS = ("items_at_zero_at_least", "items_below_target_at_least", "below_target")
_YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")

# -- the catalogue file ----------------------------------------------------------------------


def default_path() -> Path:
    """``data/catalogue/themes.yaml``."""
    return data_dir() / "catalogue" / "themes.yaml"


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Read and validate the catalogue; every problem found is reported at once.

    A catalogue already read is reused while its file is unchanged (same size and mtime):
    validation costs tens of milliseconds, paid once per process instead of once per report.

    >>> [t.id for t in load_catalogue().themes_for(2566)][:2]
    ['work_process', 'e_service']
    """
    source = Path(path) if path is not None else default_path()
    try:
        stat = source.stat()
    except OSError:
        return _load_catalogue(source)  # reports the missing file in the usual words
    return _load_catalogue_cached(str(source.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_catalogue_cached(path: str, _mtime_ns: int, _size: int) -> Catalogue:
    return _load_catalogue(Path(path))


def _load_catalogue(source: Path) -> Catalogue:
    raw = read_yaml(
        source, missing_th="ไม่พบไฟล์แคตตาล็อก", missing_en="the catalogue file does not exist"
    )
    reader = _Reader(source)
    catalogue = reader.catalogue(raw)
    if reader.problems or catalogue is None:
        raise InputError(reader.problems)
    return catalogue


class _Reader:
    """Turns the parsed YAML into records, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.fields = Fields(self._record)

    def _record(self, where: str, th: str, en: str, value: object = None,
                expected: str | None = None) -> None:
        self.problems.append(file_problem(self.path, th, en, where=where, value=value,
                                          expected_th=expected, expected_en=expected))

    def fail(self, where: str, th: str, en: str, value: object = None,
             expected: Sequence[str] | str | None = None) -> None:
        self.fields.fail(where, th, en, value=value, expected=expected)

    def catalogue(self, raw: object) -> Catalogue | None:
        if not isinstance(raw, dict):
            self.fail("(file)", "ไฟล์ต้องมีหัวข้อ themes และ limitations",
                      "the file must be a mapping with 'themes' and 'limitations'")
            return None
        for key in raw:
            if key not in _TOP_KEYS:
                self.fail(f"key {key}", "หัวข้อไม่รู้จัก", "unknown top-level key", expected=_TOP_KEYS)
        themes_raw = raw.get("themes")
        if not isinstance(themes_raw, list) or not themes_raw:
            self.fail("themes", "ต้องเป็นรายการประเด็นอย่างน้อยหนึ่งประเด็น",
                      "must be a non-empty list of themes")
            themes_raw = []
        rules_raw = raw.get("limitations", [])
        if not isinstance(rules_raw, list):
            self.fail("limitations", "ต้องเป็นรายการกฎ", "must be a list of rules")
            rules_raw = []
        themes = tuple(t for i, r in enumerate(themes_raw) if (t := self.theme(i, r)))
        rules = tuple(r for i, raw_rule in enumerate(rules_raw) if (r := self.rule(i, raw_rule)))
        # Ids are checked on the raw entries so a duplicate is reported even if an entry is broken.
        self._unique(_raw_ids(themes_raw), "theme")
        self._unique(_raw_ids(rules_raw), "limitation")
        known_rules = {r.id for r in rules}
        for rule in rules:
            for other in rule.unless:
                if other not in known_rules:
                    self.fail(f"limitation {rule.id} › unless", "ไม่มีกฎข้อจำกัดรหัสนี้",
                              "no limitation rule has this id", value=other,
                              expected=sorted(known_rules))
        oit_steps = self._oit_steps(raw.get("oit_steps"))
        passing = self._passing_row(raw.get("passing_row"))
        fallback = self._fallback(raw.get("fallback"))
        if len(themes) == len(themes_raw):
            self._coverage(themes)
        if oit_steps is None or passing is None or fallback is None:
            return None
        return Catalogue(themes, rules, str(self.path), oit_steps, passing, fallback)

    def _unique(self, ids: list[str], kind: str) -> None:
        seen: set[str] = set()
        for ident in ids:
            if ident in seen:
                self.fail(f"{kind} {ident}", "รหัสซ้ำกัน", "id is used twice", value=ident,
                          expected="รหัสไม่ซ้ำกัน (unique ids)")
            seen.add(ident)

    def _coverage(self, themes: tuple[Theme, ...]) -> None:
        """Every item of every year's framework belongs to at least one theme."""
        for year in available_years():
            framework = self._framework("themes", year)
            if framework is None:
                continue
            covered = {c for t in themes for c in t.items_for(year)}
            left = [i.code for i in framework.items() if i.code not in covered]
            if left:
                self.fail(
                    f"themes, year {year}",
                    f"ข้อของกรอบการประเมินปี {year} ต่อไปนี้ไม่อยู่ในประเด็นใดเลย"
                    " ให้เพิ่มลงใน items ของประเด็นที่เกี่ยวข้อง",
                    f"these items of the FY{year} framework belong to no theme; add each to a"
                    " theme's items",
                    value=" ".join(left),
                )

    # -- themes --------------------------------------------------------------------------------
    def theme(self, index: int, raw: object) -> Theme | None:
        label = f"themes[{index}]"
        if not isinstance(raw, dict):
            self.fail(label, "ประเด็นต้องเป็นชุดข้อมูล (mapping)", "a theme must be a mapping")
            return None
        ident = raw.get("id")
        if isinstance(ident, str) and SLUG.match(ident):
            label = f"theme {ident}"
        else:
            self.fail(f"{label} › id", "รหัสประเด็นไม่ถูกต้อง", "invalid theme id", value=ident,
                      expected="a-z 0-9 _ เช่น state_assets")
            ident = f"themes[{index}]"
        before = len(self.problems)
        f = self.fields
        f.known_keys(label, raw, _THEME_KEYS)
        title = f.text(f"{label} › title_th", raw.get("title_th"), required=True)
        titles = self._titles(label, raw.get("titles_th", {}))
        extra = f.codes(f"{label} › extra_items", raw.get("extra_items", []), allow_empty=True)
        items = self._items(label, raw.get("items"), extra)
        item_texts = f.item_texts(f"{label} › item_texts_th", raw.get("item_texts_th", {}))
        defaults = {k: raw[k] for k in OPTIONAL_VARIANT_FIELDS + SCOPE_FIELDS if k in raw}
        variants: dict[str, ThemeVariant | None] = {}
        raw_variants: dict[str, dict[str, object]] = {}
        for name in VARIANTS:
            body = raw.get(name)
            if not isinstance(body, dict):
                self.fail(f"{label} › {name}", "ไม่มีมาตรการแบบนี้ หรือไม่ใช่ชุดข้อมูล",
                          "the variant is missing or not a mapping",
                          expected="below_target และ all_passing (both)")
                variants[name] = None
                continue
            raw_variants[name] = {**defaults, **body}
            variants[name] = f.variant(f"{label} › {name}", raw_variants[name], None)
        year_variants = self._by_year(label, raw.get("by_year", {}), raw_variants, items)
        when = f.when_passing(f"{label} › when_passing", raw.get("when_passing", "merge"))
        step_unit = self._unit_key(f"{label} › step_unit", raw.get("step_unit", "office"))
        quarter = f.text(f"{label} › step_quarter", raw.get("step_quarter", "ไตรมาส ๑"),
                         required=True)
        units = self._per_item(label, "item_units", raw.get("item_units", {}), items,
                               self._unit_key)
        quarters = self._per_item(label, "item_quarters", raw.get("item_quarters", {}), items,
                                  lambda where, v: f.text(where, v, required=True))
        below, passing = variants["below_target"], variants["all_passing"]
        self._ties(label, [below, passing, *(v for _, b, p in year_variants for v in (b, p))],
                   items)
        if len(self.problems) > before or below is None or passing is None or when is None:
            return None
        return Theme(
            id=ident, title_th=title, items=items, below_target=below, all_passing=passing,
            extra_items=extra, item_texts=item_texts, year_variants=year_variants,
            when_passing=when, step_unit=step_unit, step_quarter=quarter,
            item_units=units, item_quarters=quarters, year_titles=titles,
        )

    def _titles(self, label: str, raw: object) -> tuple[tuple[int, str], ...]:
        """``titles_th``: the theme's name in the words of a year's framework {year: title}."""
        where = f"{label} › titles_th"
        if not isinstance(raw, dict):
            self.fail(where, "ต้องเป็นชุดข้อมูลตามปี", "must be a mapping by year",
                      expected="{2569: ชื่อประเด็น}")
            return ()
        out: list[tuple[int, str]] = []
        for key, text in raw.items():
            title = self.fields.text(f"{where}.{key}", text, required=True)
            out += [(year, title) for year in self._years(where, key)]
        return tuple(out)

    def _ties(self, label: str, variants: Sequence[ThemeVariant | None],
              items: tuple[tuple[int, tuple[str, ...]], ...]) -> None:
        """A step tied to items names items of this theme in each year it names."""
        own = dict(items)
        for variant in variants:
            for step in variant.steps if variant is not None else ():
                for year, codes in step.items:
                    # A year the theme has no items in does not use it (nor its ties).
                    for code in codes if year in own else ():
                        if code not in own.get(year, ()):
                            self.fail(f"{label} › steps_th › items.{year}",
                                      "ข้อนี้ไม่อยู่ในประเด็นนี้ของปีนั้น",
                                      "this item is not in the theme that year", value=code,
                                      expected=", ".join(own.get(year, ())) or None)

    def _unit_key(self, where: str, value: object) -> str:
        if value not in UNIT_KEYS:
            self.fail(where, "ไม่รู้จักส่วนงานนี้", "unknown unit", value=value, expected=UNIT_KEYS)
            return "office"
        return str(value)

    def _per_item(self, label: str, name: str, raw: object,
                  items: tuple[tuple[int, tuple[str, ...]], ...],
                  read: Callable[[str, object], str]) -> tuple[tuple[int, str, str], ...]:
        if not isinstance(raw, dict):
            self.fail(f"{label} › {name}", "ต้องเป็น {ปี: {รหัสข้อ: ค่า}}",
                      "must map years to {item code: value}", value=raw)
            return ()
        out: list[tuple[int, str, str]] = []
        for year_key, per_code in raw.items():
            for year in self._years(f"{label} › {name}", year_key):
                codes = dict(items).get(year, ())
                if not isinstance(per_code, dict):
                    self.fail(f"{label} › {name}.{year_key}", "ต้องเป็น {รหัสข้อ: ค่า}",
                              "must map item codes to values", value=per_code)
                    continue
                for raw_code, value in per_code.items():
                    code = normalize_code(raw_code)
                    where = f"{label} › {name}.{year_key}.{raw_code}"
                    if code not in codes:
                        self.fail(where, "ข้อนี้ไม่อยู่ในประเด็นนี้ของปีนั้น",
                                  "this item is not in the theme that year", value=raw_code)
                        continue
                    out.append((year, code, read(where, value)))
        return tuple(out)

    def _years(self, where: str, key: object) -> list[int]:
        """``2566`` or ``"2564-2569"`` (both ends included)."""
        if isinstance(key, int) and not isinstance(key, bool):
            return [key]
        found = _YEAR_RANGE.match(str(key))
        if found and int(found.group(1)) <= int(found.group(2)):
            return list(range(int(found.group(1)), int(found.group(2)) + 1))
        self.fail(where, "ปีงบประมาณต้องเป็นตัวเลข พ.ศ. หรือช่วงปี เช่น 2564-2569",
                  "a fiscal year must be a Buddhist Era year or a range such as 2564-2569",
                  value=key)
        return []

    def _items(self, label: str, raw: object,
               extra: tuple[str, ...]) -> tuple[tuple[int, tuple[str, ...]], ...]:
        where = f"{label} › items"
        if not isinstance(raw, dict) or not raw:
            self.fail(where, "ต้องระบุข้อคำถามแยกตามปีงบประมาณ", "must map fiscal years to item codes",
                      value=raw, expected="{2566: [i19, i20]} หรือ {2564-2569: [i19, i20]}")
            return ()
        by_year: dict[int, list[str]] = {}
        for key, codes_raw in raw.items():
            codes = self.fields.codes(f"{where}.{key}", codes_raw)
            for year in self._years(where, key):
                framework = self._framework(where, year)
                merged = by_year.setdefault(year, [])
                for code in codes:
                    if framework is not None and framework.item(code) is None and (
                        code not in extra
                    ):
                        self.fail(f"{where}.{key}",
                                  f"ไม่มีข้อนี้ในกรอบการประเมินปี {year} และไม่อยู่ใน extra_items",
                                  f"is not in the FY{year} framework nor in extra_items",
                                  value=code)
                    elif code in merged:
                        self.fail(f"{where}.{key}", f"รหัสข้อซ้ำกันในปี {year}",
                                  f"item code listed twice for FY{year}", value=code)
                    else:
                        merged.append(code)
        return tuple((year, tuple(codes)) for year, codes in sorted(by_year.items()) if codes)

    def _framework(self, where: str, year: int) -> Framework | None:
        try:
            return load_framework(year)
        except InputError:
            self.fail(where, f"ไม่มีกรอบการประเมินของปี {year}", f"there is no framework for FY{year}",
                      value=year)
            return None

    def _by_year(self, label: str, raw: object, base: Mapping[str, Mapping[str, object]],
                 items: tuple[tuple[int, tuple[str, ...]], ...],
                 ) -> tuple[tuple[int, ThemeVariant, ThemeVariant], ...]:
        if not isinstance(raw, dict):
            self.fail(f"{label} › by_year", "ต้องเป็นชุดข้อมูลตามปี", "must be a mapping by year")
            return ()
        years = {y for y, _ in items}
        out: list[tuple[int, ThemeVariant, ThemeVariant]] = []
        for key, patch in raw.items():
            where = f"{label} › by_year.{key}"
            if not isinstance(patch, dict):
                self.fail(where, "ต้องเป็นชุดข้อมูล", "must be a mapping")
                continue
            self.fields.known_keys(where, patch, VARIANTS)
            for year in self._years(where, key):
                if year not in years:
                    self.fail(where, "ปีนี้ไม่มีข้อคำถามในหัวข้อ items", "this year has no items",
                              value=year, expected=[str(y) for y in sorted(years)])
                    continue
                pair: list[ThemeVariant | None] = []
                for name in VARIANTS:
                    body = patch.get(name, {})
                    if not isinstance(body, dict) or name not in base:
                        self.fail(f"{where} › {name}", "ต้องเป็นชุดข้อมูล", "must be a mapping")
                        pair.append(None)
                        continue
                    pair.append(self.fields.variant(f"{where} › {name}", {**base[name], **body},
                                                    None))
                if pair[0] is not None and pair[1] is not None:
                    out.append((year, pair[0], pair[1]))
        return tuple(out)

    # -- the rows that are not themes ----------------------------------------------------------
    def _section(self, name: str, raw: object, keys: Sequence[str]) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.fail(name, "ต้องมีหัวข้อนี้และเป็นชุดข้อมูล", "is required and must be a mapping",
                      expected=keys)
            return None
        self.fields.known_keys(name, raw, keys)
        return raw

    def _oit_steps(self, raw: object) -> OitSteps | None:
        templates = ("missing_th", "below_target_th", "publish_th", "provide_th", "unknown_th")
        body = self._section("oit_steps", raw,
                             (*templates, "published", "provided", "step_names"))
        if body is None:
            return None
        texts = {}
        for key in templates:
            text = body.get(key)
            if text is None and key not in ("missing_th", "below_target_th"):
                continue  # the record's default wording
            if not isinstance(text, str) or any(
                f"{{{slot}}}" not in text for slot in ("unit", "quarter", "documents")
            ):
                self.fail(f"oit_steps › {key}", "ต้องเป็นข้อความที่มี {unit} {quarter} และ {documents}",
                          "must be text with {unit}, {quarter} and {documents}", value=text)
                return None
            texts[key] = text.strip()
        published = self._year_codes("oit_steps › published", body.get("published", {}))
        provided = self._year_codes("oit_steps › provided", body.get("provided", {}))
        names = self._step_names("oit_steps › step_names", body.get("step_names", {}))
        return OitSteps(**texts, published=frozenset(published), provided=frozenset(provided),
                        step_names=names)

    def _year_codes(self, where: str, raw: object) -> list[tuple[int, str]]:
        """``{2566: [o2, o3], 2567-2569: [o2]}`` as (year, code), each an item of its year."""
        if not isinstance(raw, dict):
            self.fail(where, "ต้องเป็น {ปี: [รหัสข้อ]}", "must map fiscal years to item codes",
                      value=raw)
            return []
        out: list[tuple[int, str]] = []
        for key, codes_raw in raw.items():
            codes = self.fields.codes(f"{where}.{key}", codes_raw)
            for year in self._years(where, key):
                framework = self._framework(where, year)
                for code in codes:
                    if framework is not None and framework.item(code) is None:
                        self.fail(f"{where}.{key}", f"ไม่มีข้อนี้ในกรอบการประเมินปี {year}",
                                  f"is not in the FY{year} framework", value=code)
                    out.append((year, code))
        return out

    def _step_names(self, where: str, raw: object) -> tuple[tuple[int, str, str], ...]:
        """``{2566: {o1: แผนผังโครงสร้างส่วนงาน}}`` as (year, code, name)."""
        if not isinstance(raw, dict):
            self.fail(where, "ต้องเป็น {ปี: {รหัสข้อ: ชื่อเอกสาร}}",
                      "must map fiscal years to {item code: name}", value=raw)
            return ()
        out: list[tuple[int, str, str]] = []
        for key, names in raw.items():
            texts = self.fields.item_texts(f"{where}.{key}", names)
            for year in self._years(where, key):
                out += [(year, code, name) for code, name in texts.items()]
        return tuple(out)

    def _passing_row(self, raw: object) -> PassingRow | None:
        keys = ("title_th", "finding_th", "measure_th", "steps_th", "quarter_th", "unit_th")
        body = self._section("passing_row", raw, keys)
        if body is None:
            return None
        f = self.fields
        before = f.failures
        texts = {k: f.text(f"passing_row › {k}", body.get(k), required=k != "finding_th")
                 for k in keys if k != "steps_th"}
        steps = f.steps("passing_row › steps_th", body.get("steps_th"))
        if f.failures > before:
            return None
        return PassingRow(texts["title_th"], texts["finding_th"], texts["measure_th"],
                          tuple(s.text for s in steps), texts["quarter_th"], texts["unit_th"])

    def _fallback(self, raw: object) -> Fallback | None:
        body = self._section("fallback", raw, ("title_th", *VARIANT_FIELDS))
        if body is None:
            return None
        title = body.get("title_th")
        if not isinstance(title, str) or not title.strip():
            self.fail("fallback › title_th", "ขาดข้อความที่ต้องมี", "required text is missing")
            return None
        variant = self.fields.variant(
            "fallback", {k: v for k, v in body.items() if k != "title_th"}, None
        )
        return Fallback(title.strip(), variant) if variant else None

    # -- limitation rules ----------------------------------------------------------------------
    def rule(self, index: int, raw: object) -> LimitationRule | None:
        label = f"limitations[{index}]"
        if not isinstance(raw, dict):
            self.fail(label, "กฎต้องเป็นชุดข้อมูล (mapping)", "a rule must be a mapping")
            return None
        ident = raw.get("id")
        if isinstance(ident, str) and SLUG.match(ident):
            label = f"limitation {ident}"
        else:
            self.fail(f"{label} › id", "รหัสกฎไม่ถูกต้อง", "invalid rule id", value=ident,
                      expected="a-z 0-9 _")
        before = len(self.problems)
        self.fields.known_keys(label, raw, _RULE_KEYS)
        text = self.fields.text(f"{label} › text_th", raw.get("text_th"), required=True)
        when = raw.get("when")
        mode = "all"
        parts: list[object]
        if isinstance(when, dict) and len(when) == 1 and ("any" in when or "all" in when):
            mode = "any" if "any" in when else "all"
            listed = when[mode]
            parts = list(listed) if isinstance(listed, list) and listed else [None]
        else:
            parts = [when]
        conditions = [self.condition(f"{label} › when", p) for p in parts]
        unless = raw.get("unless", [])
        if not isinstance(unless, list) or not all(
                isinstance(u, str) and SLUG.match(u) for u in unless):
            self.fail(f"{label} › unless", "ต้องเป็นรายการรหัสกฎข้อจำกัด",
                      "must be a list of limitation rule ids", value=unless)
        if len(self.problems) > before or not isinstance(ident, str):
            return None
        return LimitationRule(ident, text, tuple(c for c in conditions if c),
                              "any" if mode == "any" else "all", tuple(unless))

    def condition(self, where: str, raw: object) -> Condition | None:
        example = ("e.g. {tool: OIT, items_at_zero_at_least: 3, across_sub_indicators: 2},"
                   " {indicator: 5, below_target: true}")
        if not isinstance(raw, dict):
            self.fail(where, "เงื่อนไขต้องเป็นชุดข้อมูล", "a condition must be a mapping", value=raw,
                      expected=example)
            return None
        before = len(self.problems)
        self.fields.known_keys(where, raw, (*_SCOPES, *_TESTS, "across_sub_indicators"))
        scopes = [k for k in _SCOPES if k in raw]
        tests = [k for k in _TESTS if k in raw]
        if len(scopes) != 1 or len(tests) != 1:
            self.fail(where, "ต้องมีขอบเขตหนึ่งอย่าง (tool/indicator/items) และการทดสอบหนึ่งอย่าง",
                      "needs exactly one scope (tool/indicator/items) and exactly one test",
                      value=raw, expected=example)
            return None
        tool = raw.get("tool")
        if "tool" in raw and tool not in TOOLS:
            self.fail(f"{where}.tool", "เครื่องมือไม่ถูกต้อง", "unknown tool", value=tool,
                      expected=TOOLS)
        indicator = raw.get("indicator")
        if "indicator" in raw and not (
            isinstance(indicator, int) and not isinstance(indicator, bool) and 1 <= indicator <= 10
        ):
            self.fail(f"{where}.indicator", "ตัวชี้วัดไม่ถูกต้อง", "invalid indicator",
                      value=indicator, expected="1–10")
        items = self.fields.codes(f"{where}.items", raw["items"]) if "items" in raw else ()
        test = tests[0]
        value = raw[test]
        count = 1
        if test == "below_target":
            if value is not True:
                self.fail(f"{where}.below_target", "ต้องเป็น true", "must be true", value=value)
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            count = value
        else:
            self.fail(f"{where}.{test}", "ต้องเป็นจำนวนเต็มตั้งแต่ 1", "must be a whole number ≥ 1",
                      value=value)
        groups = raw.get("across_sub_indicators", 1)
        if not isinstance(groups, int) or isinstance(groups, bool) or groups < 1 or (
            test == "below_target" and "across_sub_indicators" in raw
        ):
            self.fail(f"{where}.across_sub_indicators",
                      "ต้องเป็นจำนวนเต็มตั้งแต่ 1 และใช้กับการนับข้อเท่านั้น",
                      "must be a whole number ≥ 1, with an items_* test", value=groups)
        if len(self.problems) > before:
            return None
        return Condition(
            test=("below_target" if test == "below_target" else
                  "items_at_zero_at_least" if test == "items_at_zero_at_least" else
                  "items_below_target_at_least"),
            tool=tool if isinstance(tool, str) else None,
            indicator=indicator if isinstance(indicator, int) else None,
            items=items,
            count=count,
            groups=groups if isinstance(groups, int) else 1,
        )


def _raw_ids(entries: list[object]) -> list[str]:
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
