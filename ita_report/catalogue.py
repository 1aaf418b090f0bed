"""The catalogue of themes (ประเด็น), default measures (มาตรการ) and limitation rules (ข้อจำกัด).

Read from ``data/catalogue/themes.yaml`` and validated on load, so officers change wording in
data, never in code. Nothing here renders text, reads score files or treats a missing score as 0.
"""

from __future__ import annotations

import functools
import math
import re
import string
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from statistics import fmean
from types import MappingProxyType
from typing import Literal

from ita_report.codes import normalize_code
from ita_report.errors import InputError, Problem, file_problem
from ita_report.framework import Framework, Indicator, data_dir, load_framework
from ita_report.iorw import read_yaml
from ita_report.text import strip_stray_tags

#: Placeholders a catalogue or override text may use; the renderer fills them.
PLACEHOLDERS = frozenset(
    {"short_name", "org_name", "district", "province", "fiscal_year", "next_fiscal_year", "target"}
)
#: The two variants of a theme's measure (แบบของมาตรการ).
VARIANTS = ("below_target", "all_passing")
#: Fields every variant must have after the theme-level defaults are applied.
REQUIRED_VARIANT_FIELDS = ("measure_th", "steps_th", "quarter_th", "unit_th")
#: Fields a variant may have; given at theme level they apply to both variants.
OPTIONAL_VARIANT_FIELDS = ("finding_th", "recommendation_th")
#: Which tools' items a finding or recommendation speaks of (empty: the whole theme). The seed's
#: theme 5 advice is about staff knowing the budget (IIT); it must not follow a theme whose only
#: failing items are procurement disclosures (OIT).
SCOPE_FIELDS = ("finding_tools", "recommendation_tools")
VARIANT_FIELDS = REQUIRED_VARIANT_FIELDS + OPTIONAL_VARIANT_FIELDS + SCOPE_FIELDS
#: Keys of ``theme_overrides.<id>`` in a params file.
OVERRIDE_KEYS = (
    "title_th",
    "items",
    "item_texts_th",
    *VARIANT_FIELDS,
    *VARIANTS,
    "drop",
)
#: Keys of one entry of ``added_themes`` in a params file.
ADDED_KEYS = ("id", "title_th", "items", "item_texts_th", *VARIANT_FIELDS, *VARIANTS)

_THEME_KEYS = (
    "id",
    "title_th",
    "items",
    "extra_items",
    "item_texts_th",
    *OPTIONAL_VARIANT_FIELDS,
    *SCOPE_FIELDS,
    *VARIANTS,
    "by_year",
)
_RULE_KEYS = ("id", "text_th", "when")
_SCOPES = ("tool", "indicator", "items")
_TESTS = ("items_at_zero_at_least", "items_below_target_at_least", "below_target")
_TOOLS = ("IIT", "EIT", "OIT")
_SLUG = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_ITEM_CODE = re.compile(r"^[ieo]\d+$")
# Steps are numbered by the renderer; a typed "๑." or "1)" would come out twice.
_LEADING_NUMBER = re.compile(r"^\s*[0-9๐-๙]+\s*[.)]")

Test = Literal["items_at_zero_at_least", "items_below_target_at_least", "below_target"]


# -- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeVariant:
    """One variant of a theme's measure (แบบของมาตรการ): below target, or all items passing.

    ``finding_th`` is appended to the generated score sentence (ผลการวิเคราะห์ข้อมูล);
    ``recommendation_th`` follows it. Both are written without the agency's name in front.
    """

    measure_th: str  # มาตรการ
    steps_th: tuple[str, ...]  # ขั้นตอน/วิธีการปฏิบัติ, unnumbered
    quarter_th: str  # ระยะเวลาดำเนินการ, e.g. "ไตรมาส ๑"
    unit_th: str  # ส่วนงานที่รับผิดชอบ
    finding_th: str = ""
    recommendation_th: str = ""
    finding_tools: tuple[str, ...] = ()  # empty: about the whole theme
    recommendation_tools: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    """A theme (ประเด็น) of the measures table: the ITA items it covers per year and its measures."""

    id: str
    title_th: str
    items: tuple[tuple[int, tuple[str, ...]], ...]  # (fiscal year, item codes) in file order
    below_target: ThemeVariant
    all_passing: ThemeVariant
    extra_items: tuple[str, ...] = ()  # codes allowed although outside the year's framework
    # Wording of items the framework lacks (code → text); read-only, left out of the hash.
    item_texts: Mapping[str, str] = field(default_factory=dict, hash=False)
    # Year-specific variants (from ``by_year``), resolved by for_year().
    year_variants: tuple[tuple[int, ThemeVariant, ThemeVariant], ...] = field(
        default=(), repr=False
    )

    @property
    def years(self) -> tuple[int, ...]:
        """Fiscal years this theme has items for."""
        return tuple(year for year, _ in self.items)

    def items_for(self, year: int) -> tuple[str, ...]:
        """Item codes (ข้อคำถาม) of ``year``, in catalogue order; empty if the year has none."""
        for known, codes in self.items:
            if known == year:
                return codes
        return ()

    def item_text(self, code: str) -> str:
        """The catalogue's wording of ``code`` ("" when the framework's wording applies)."""
        return self.item_texts.get(code, "")

    def __post_init__(self) -> None:
        # A frozen record must not share a mutable dict with its caller.
        object.__setattr__(self, "item_texts", MappingProxyType(dict(self.item_texts)))

    def variant(self, passing: bool, year: int | None = None) -> ThemeVariant:
        """``all_passing`` when every scored item meets the target, else ``below_target``.

        With ``year``, the wording written for that year (``by_year``) is used.
        """
        theme = self.for_year(year) if year is not None else self
        return theme.all_passing if passing else theme.below_target

    def for_year(self, year: int) -> Theme:
        """This theme with the variants written for ``year`` (``by_year``) in place."""
        for known, below, passing in self.year_variants:
            if known == year:
                return replace(self, below_target=below, all_passing=passing)
        return self

    def with_items(self, year: int, codes: Sequence[str]) -> Theme:
        """A copy whose items for ``year`` are ``codes``."""
        rest = tuple((y, c) for y, c in self.items if y != year)
        return replace(self, items=(*rest, (year, tuple(codes))))


@dataclass(frozen=True)
class Condition:
    """One test of a limitation rule (เงื่อนไข) over a scope: a tool, an indicator or items."""

    test: Test
    tool: str | None = None
    indicator: int | None = None
    items: tuple[str, ...] = ()
    count: int = 1  # for the items_* tests

    def holds(
        self, scores: Mapping[str, float | None], framework: Framework, target: float
    ) -> bool:
        if self.test == "below_target":
            value = self._scope_score(scores, framework)
            return value is not None and value < target
        scored = [
            v
            for v in (_score(scores, c) for c in self._scope_codes(scores, framework))
            if v is not None
        ]
        if self.test == "items_at_zero_at_least":
            hits = sum(1 for v in scored if v == 0)
        else:
            hits = sum(1 for v in scored if v < target)
        return hits >= self.count

    def _scope_codes(self, scores: Mapping[str, float | None], framework: Framework) -> list[str]:
        if self.items:
            return list(self.items)
        if self.indicator is not None:
            ind = _indicator(framework, self.indicator)
            return [i.code for i in ind.all_items()] if ind else []
        codes = [
            i.code
            for tool in framework.tools
            if tool.code == self.tool
            for ind in tool.indicators
            for i in ind.all_items()
        ]
        # Extra codes (the seed's i37, i48) count for their tool when counting items.
        prefix = {"IIT": "i", "EIT": "e", "OIT": "o"}[self.tool or "IIT"]
        known = set(codes)
        codes += sorted(
            c for c in scores if _ITEM_CODE.match(c) and c[0] == prefix and c not in known
        )
        return codes

    def _scope_score(
        self, scores: Mapping[str, float | None], framework: Framework
    ) -> float | None:
        if self.items:
            return _mean(_score(scores, c) for c in self.items)
        if self.indicator is not None:
            ind = _indicator(framework, self.indicator)
            return _indicator_score(ind, scores) if ind else None
        for tool in framework.tools:
            if tool.code == self.tool:
                return _mean(_indicator_score(ind, scores) for ind in tool.indicators)
        return None


@dataclass(frozen=True)
class LimitationRule:
    """A limitation rule (กฎข้อจำกัด): a standard note and the scores that call for it."""

    id: str
    text_th: str
    conditions: tuple[Condition, ...]
    mode: Literal["any", "all"] = "all"

    def applies(
        self, scores: Mapping[str, float | None], framework: Framework, target: float
    ) -> bool:
        """Whether the agency's item ``scores`` (by normalised code) call for this note.

        A score that is ``None``, NaN or absent is "no data": it never counts as 0.
        """
        results = (c.holds(scores, framework, target) for c in self.conditions)
        return any(results) if self.mode == "any" else all(results)


@dataclass(frozen=True)
class Catalogue:
    """The whole catalogue (แคตตาล็อกประเด็นและมาตรการ): themes in order, then limitation rules."""

    themes: tuple[Theme, ...]
    limitation_rules: tuple[LimitationRule, ...]
    path: str

    def themes_for(
        self,
        year: int,
        overrides: Mapping[str, Mapping[str, object]] | None = None,
        added: Sequence[Mapping[str, object]] | None = None,
        *,
        source: str = "params",
        known_codes: frozenset[str] | None = None,
    ) -> tuple[Theme, ...]:
        """Themes with items in ``year``, in catalogue order, with that year's wording.

        ``overrides`` and ``added`` (the params' ``theme_overrides`` and ``added_themes``) are
        applied by :func:`apply_overrides` when given.
        """
        themes = tuple(t.for_year(year) for t in self.themes if year in t.years)
        if not overrides and not added:
            return themes
        return apply_overrides(
            themes, overrides or {}, added or (), year, source=source, known_codes=known_codes
        )

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def limitations_for(
        self,
        scores: Mapping[str, float | None],
        framework: Framework,
        target: float | None = None,
    ) -> tuple[str, ...]:
        """Texts of the rules that apply, in catalogue order (target defaults to the year's)."""
        mark = framework.target if target is None else target
        rules = self.limitation_rules
        return tuple(r.text_th for r in rules if r.applies(scores, framework, mark))


# -- scores ----------------------------------------------------------------------------------


def _score(scores: Mapping[str, float | None], code: str) -> float | None:
    value = scores.get(code)
    # pandas hands missing cells over as NaN: no data, like None.
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _mean(values: Iterator[float | None] | Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def _indicator(framework: Framework, number: int) -> Indicator | None:
    try:
        return framework.indicator(number)
    except KeyError:
        return None


def _indicator_score(ind: Indicator, scores: Mapping[str, float | None]) -> float | None:
    """The indicator's score the way ITA aggregates it; its own score when only that is given."""
    if ind.aggregate == "sub_indicators":
        value = _mean(_mean(_score(scores, i.code) for i in s.items) for s in ind.sub_indicators)
    else:
        value = _mean(_score(scores, i.code) for i in ind.all_items())
    return value if value is not None else _score(scores, ind.code)


# -- loading ---------------------------------------------------------------------------------


def default_path() -> Path:
    """``data/catalogue/themes.yaml``."""
    return data_dir() / "catalogue" / "themes.yaml"


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Read and validate the catalogue; every problem found is reported at once.

    A catalogue already read is reused while its file is unchanged (same size and mtime):
    validation costs ~40 ms, paid once per process instead of once per report in a batch.

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
    if reader.problems:
        raise InputError(reader.problems)
    return catalogue


class _Reader:
    """Turns the parsed YAML into records, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(
        self,
        where: str,
        th: str,
        en: str,
        value: object = None,
        expected_th: str | None = None,
        expected_en: str | None = None,
    ) -> None:
        self.problems.append(
            file_problem(
                self.path,
                th,
                en,
                where=where,
                value=value,
                expected_th=expected_th,
                expected_en=expected_en,
            )
        )

    def catalogue(self, raw: object) -> Catalogue:
        empty = Catalogue((), (), str(self.path))
        if not isinstance(raw, dict):
            self.fail(
                "(file)",
                "ไฟล์ต้องมีหัวข้อ themes และ limitations",
                "the file must be a mapping with 'themes' and 'limitations'",
            )
            return empty
        for key in raw:
            if key not in ("themes", "limitations"):
                self.fail(
                    f"key {key}",
                    "หัวข้อไม่รู้จัก",
                    "unknown top-level key",
                    expected_th="themes, limitations",
                    expected_en="themes, limitations",
                )
        themes_raw = raw.get("themes")
        if not isinstance(themes_raw, list) or not themes_raw:
            self.fail(
                "themes", "ต้องเป็นรายการประเด็นอย่างน้อยหนึ่งประเด็น", "must be a non-empty list of themes"
            )
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
        return Catalogue(themes, rules, str(self.path))

    def _unique(self, ids: list[str], kind: str) -> None:
        seen: set[str] = set()
        for ident in ids:
            if ident in seen:
                self.fail(
                    f"{kind} {ident}",
                    "รหัสซ้ำกัน",
                    "id is used twice",
                    value=ident,
                    expected_th="รหัสไม่ซ้ำกัน",
                    expected_en="unique ids",
                )
            seen.add(ident)

    # -- themes --------------------------------------------------------------------------------
    def theme(self, index: int, raw: object) -> Theme | None:
        label = f"themes[{index}]"
        if not isinstance(raw, dict):
            self.fail(label, "ประเด็นต้องเป็นชุดข้อมูล (mapping)", "a theme must be a mapping")
            return None
        ident = raw.get("id")
        if isinstance(ident, str) and _SLUG.match(ident):
            label = f"theme {ident}"
        else:
            self.fail(
                f"{label}, field id",
                "รหัสประเด็นไม่ถูกต้อง",
                "invalid theme id",
                value=ident,
                expected_th="อักษรอังกฤษตัวเล็ก ตัวเลข และ _ เช่น state_assets",
                expected_en="a slug of a-z, 0-9 and _, e.g. state_assets",
            )
            ident = f"themes[{index}]"
        before = len(self.problems)
        self._known_keys(label, raw, _THEME_KEYS)
        title = self._text(label, "title_th", raw.get("title_th"), required=True)
        extra = self._codes(label, "extra_items", raw.get("extra_items", []))
        items = self._items(label, raw.get("items"), extra)
        item_texts = self._item_texts(label, raw.get("item_texts_th", {}))
        defaults = {k: raw[k] for k in OPTIONAL_VARIANT_FIELDS + SCOPE_FIELDS if k in raw}
        variants: dict[str, ThemeVariant | None] = {}
        raw_variants: dict[str, dict[str, object]] = {}
        for name in VARIANTS:
            body = raw.get(name)
            if not isinstance(body, dict):
                self.fail(
                    f"{label}, field {name}",
                    "ไม่มีมาตรการแบบนี้ หรือไม่ใช่ชุดข้อมูล",
                    "the variant is missing or not a mapping",
                    expected_th="ทั้ง below_target และ all_passing",
                    expected_en="both below_target and all_passing",
                )
                variants[name] = None
                continue
            raw_variants[name] = {**defaults, **body}
            variants[name] = self.variant(f"{label}, field {name}", raw_variants[name])
        year_variants = self._by_year(label, raw.get("by_year", {}), raw_variants, items)
        below, passing = variants["below_target"], variants["all_passing"]
        if len(self.problems) > before or below is None or passing is None:
            return None
        return Theme(
            id=ident,
            title_th=title,
            items=items,
            below_target=below,
            all_passing=passing,
            extra_items=extra,
            item_texts=item_texts,
            year_variants=year_variants,
        )

    def variant(self, label: str, raw: Mapping[str, object]) -> ThemeVariant | None:
        before = len(self.problems)
        self._known_keys(label, raw, VARIANT_FIELDS)
        texts = {
            name: self._text(
                f"{label}.{name}", None, raw.get(name), required=name in REQUIRED_VARIANT_FIELDS
            )
            for name in ("measure_th", "quarter_th", "unit_th", *OPTIONAL_VARIANT_FIELDS)
        }
        steps = self._steps(f"{label}.steps_th", raw.get("steps_th"))
        scopes = {
            name: _tools(f"{label}.{name}", raw.get(name, []), self.fail) for name in SCOPE_FIELDS
        }
        if len(self.problems) > before:
            return None
        return ThemeVariant(
            measure_th=texts["measure_th"],
            steps_th=steps,
            quarter_th=texts["quarter_th"],
            unit_th=texts["unit_th"],
            finding_th=texts["finding_th"],
            recommendation_th=texts["recommendation_th"],
            finding_tools=scopes["finding_tools"],
            recommendation_tools=scopes["recommendation_tools"],
        )

    def _by_year(
        self,
        label: str,
        raw: object,
        base: Mapping[str, Mapping[str, object]],
        items: tuple[tuple[int, tuple[str, ...]], ...],
    ) -> tuple[tuple[int, ThemeVariant, ThemeVariant], ...]:
        if not isinstance(raw, dict):
            self.fail(f"{label}, field by_year", "ต้องเป็นชุดข้อมูลตามปี", "must be a mapping by year")
            return ()
        years = {y for y, _ in items}
        out: list[tuple[int, ThemeVariant, ThemeVariant]] = []
        for year, patch in raw.items():
            where = f"{label}, field by_year.{year}"
            if year not in years:
                self.fail(
                    where,
                    "ปีนี้ไม่มีข้อคำถามในหัวข้อ items",
                    "this year has no items",
                    value=year,
                    expected_th=_join(years),
                    expected_en=_join(years),
                )
                continue
            if not isinstance(patch, dict):
                self.fail(where, "ต้องเป็นชุดข้อมูล", "must be a mapping")
                continue
            self._known_keys(where, patch, VARIANTS)
            pair: list[ThemeVariant | None] = []
            for name in VARIANTS:
                body = patch.get(name, {})
                if not isinstance(body, dict) or name not in base:
                    self.fail(f"{where}.{name}", "ต้องเป็นชุดข้อมูล", "must be a mapping")
                    pair.append(None)
                    continue
                pair.append(self.variant(f"{where}.{name}", {**base[name], **body}))
            if pair[0] is not None and pair[1] is not None:
                out.append((int(year), pair[0], pair[1]))
        return tuple(out)

    # -- limitation rules ----------------------------------------------------------------------
    def rule(self, index: int, raw: object) -> LimitationRule | None:
        label = f"limitations[{index}]"
        if not isinstance(raw, dict):
            self.fail(label, "กฎต้องเป็นชุดข้อมูล (mapping)", "a rule must be a mapping")
            return None
        ident = raw.get("id")
        if isinstance(ident, str) and _SLUG.match(ident):
            label = f"limitation {ident}"
        else:
            self.fail(
                f"{label}, field id",
                "รหัสกฎไม่ถูกต้อง",
                "invalid rule id",
                value=ident,
                expected_th="อักษรอังกฤษตัวเล็ก ตัวเลข และ _",
                expected_en="a slug of a-z, 0-9, _",
            )
        before = len(self.problems)
        self._known_keys(label, raw, _RULE_KEYS)
        text = self._text(label, "text_th", raw.get("text_th"), required=True)
        when = raw.get("when")
        mode: Literal["any", "all"] = "all"
        parts: list[object]
        if isinstance(when, dict) and len(when) == 1 and ("any" in when or "all" in when):
            mode = "any" if "any" in when else "all"
            listed = when[mode]
            parts = list(listed) if isinstance(listed, list) and listed else [None]
        else:
            parts = [when]
        conditions = [self.condition(f"{label}, field when", p) for p in parts]
        if len(self.problems) > before or not isinstance(ident, str):
            return None
        return LimitationRule(ident, text, tuple(c for c in conditions if c), mode)

    def condition(self, where: str, raw: object) -> Condition | None:
        example = "{tool: OIT, items_at_zero_at_least: 1}, {indicator: 5, below_target: true}"
        expected_th, expected_en = f"เช่น {example}", f"e.g. {example}"
        if not isinstance(raw, dict):
            self.fail(
                where,
                "เงื่อนไขต้องเป็นชุดข้อมูล",
                "a condition must be a mapping",
                value=raw,
                expected_th=expected_th,
                expected_en=expected_en,
            )
            return None
        before = len(self.problems)
        self._known_keys(where, raw, _SCOPES + _TESTS)
        scopes = [k for k in _SCOPES if k in raw]
        tests = [k for k in _TESTS if k in raw]
        if len(scopes) != 1 or len(tests) != 1:
            self.fail(
                where,
                "ต้องมีขอบเขตหนึ่งอย่าง (tool/indicator/items) และการทดสอบหนึ่งอย่าง",
                "needs exactly one scope (tool/indicator/items) and exactly one test",
                value=raw,
                expected_th=expected_th,
                expected_en=expected_en,
            )
            return None
        tool = raw.get("tool")
        if "tool" in raw and tool not in _TOOLS:
            self.fail(
                f"{where}.tool",
                "เครื่องมือไม่ถูกต้อง",
                "unknown tool",
                value=tool,
                expected_th=_join(_TOOLS),
                expected_en=_join(_TOOLS),
            )
        indicator = raw.get("indicator")
        if "indicator" in raw and not (
            isinstance(indicator, int) and not isinstance(indicator, bool) and 1 <= indicator <= 10
        ):
            self.fail(
                f"{where}.indicator",
                "ตัวชี้วัดไม่ถูกต้อง",
                "invalid indicator",
                value=indicator,
                expected_th="เลข 1–10",
                expected_en="a number 1–10",
            )
        items = self._codes(where, "items", raw["items"]) if "items" in raw else ()
        test = tests[0]
        value = raw[test]
        count = 1
        if test == "below_target":
            if value is not True:
                self.fail(f"{where}.below_target", "ต้องเป็น true", "must be true", value=value)
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            count = value
        else:
            self.fail(
                f"{where}.{test}", "ต้องเป็นจำนวนเต็มตั้งแต่ 1", "must be a whole number ≥ 1", value=value
            )
        if len(self.problems) > before:
            return None
        chosen: Test = (
            "below_target"
            if test == "below_target"
            else (
                "items_at_zero_at_least"
                if test == "items_at_zero_at_least"
                else "items_below_target_at_least"
            )
        )
        return Condition(
            test=chosen,
            tool=tool if isinstance(tool, str) else None,
            indicator=indicator if isinstance(indicator, int) else None,
            items=items,
            count=count,
        )

    # -- fields --------------------------------------------------------------------------------
    def _known_keys(self, where: str, raw: Mapping[str, object], allowed: Sequence[str]) -> None:
        for key in raw:
            if key not in allowed:
                self.fail(
                    f"{where}, field {key}",
                    "ชื่อหัวข้อไม่รู้จัก",
                    "unknown field",
                    value=key,
                    expected_th=_join(allowed),
                    expected_en=_join(allowed),
                )

    def _text(self, where: str, name: str | None, value: object, *, required: bool) -> str:
        at = f"{where}, field {name}" if name else where
        if value is None or value == "":
            if required:
                self.fail(at, "ขาดข้อความที่ต้องมี", "required text is missing")
            return ""
        if not isinstance(value, str):
            self.fail(at, "ต้องเป็นข้อความ", "must be text", value=value)
            return ""
        value = strip_stray_tags(value)  # wording pasted from the seed's PDF extraction
        self._placeholders(at, value)
        return value.strip()

    def _placeholders(self, where: str, text: str) -> None:
        for problem in placeholder_problems(text):
            self.fail(
                where,
                problem[0],
                problem[1],
                value=text[:60],
                expected_th=_join(sorted(PLACEHOLDERS)),
                expected_en=_join(sorted(PLACEHOLDERS)),
            )

    def _steps(self, where: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            self.fail(
                where,
                "ต้องเป็นรายการขั้นตอนอย่างน้อยหนึ่งขั้นตอน",
                "must be a non-empty list of steps",
                value=value,
            )
            return ()
        steps: list[str] = []
        for n, step in enumerate(value, 1):
            at = f"{where}[{n}]"
            if isinstance(step, str):
                step = strip_stray_tags(step)
            if not isinstance(step, str) or not step.strip():
                self.fail(at, "ขั้นตอนต้องเป็นข้อความ", "a step must be text", value=step)
                continue
            if _LEADING_NUMBER.match(step):
                self.fail(
                    at,
                    "ไม่ต้องใส่เลขลำดับหน้าขั้นตอน (โปรแกรมใส่ให้)",
                    "steps are numbered by the program; drop the leading number",
                    value=step[:20],
                )
            self._placeholders(at, step)
            steps.append(step.strip())
        return tuple(steps)

    def _codes(self, where: str, name: str, value: object) -> tuple[str, ...]:
        at = f"{where}, field {name}"
        if not isinstance(value, list):
            self.fail(
                at,
                "ต้องเป็นรายการรหัสข้อ",
                "must be a list of item codes",
                value=value,
                expected_th="เช่น [i14, i15]",
                expected_en="e.g. [i14, i15]",
            )
            return ()
        out: list[str] = []
        for raw in value:
            code = normalize_code(raw)
            if code is None or not _ITEM_CODE.match(code):
                self.fail(
                    at,
                    "ไม่ใช่รหัสข้อคำถาม",
                    "is not an item code",
                    value=raw,
                    expected_th="เช่น i14 e1 o17",
                    expected_en="e.g. i14, e1, o17",
                )
            elif code in out:
                self.fail(at, "รหัสข้อซ้ำกัน", "item code listed twice", value=raw)
            else:
                out.append(code)
        return tuple(out)

    def _items(
        self, label: str, raw: object, extra: tuple[str, ...]
    ) -> tuple[tuple[int, tuple[str, ...]], ...]:
        if not isinstance(raw, dict) or not raw:
            self.fail(
                f"{label}, field items",
                "ต้องระบุข้อคำถามแยกตามปีงบประมาณ",
                "must map fiscal years to item codes",
                value=raw,
                expected_th="เช่น {2566: [i19, i20]}",
                expected_en="e.g. {2566: [i19, i20]}",
            )
            return ()
        out: list[tuple[int, tuple[str, ...]]] = []
        for year, codes_raw in raw.items():
            if not isinstance(year, int) or isinstance(year, bool):
                self.fail(
                    f"{label}, field items",
                    "ปีงบประมาณต้องเป็นตัวเลข พ.ศ.",
                    "fiscal year must be a Buddhist Era number",
                    value=year,
                )
                continue
            codes = self._codes(label, f"items.{year}", codes_raw)
            if not codes:
                if isinstance(codes_raw, list):
                    self.fail(
                        f"{label}, field items.{year}",
                        "ไม่มีรหัสข้อ (ถ้าไม่ใช้ในปีนี้ให้ลบปีนี้ออก)",
                        "no item codes (remove the year instead)",
                    )
                continue
            framework = self._framework(label, year)
            if framework is not None:
                for code in codes:
                    if framework.item(code) is None and code not in extra:
                        self.fail(
                            f"{label}, field items.{year}",
                            f"ไม่มีข้อนี้ในกรอบการประเมินปี {year} และไม่อยู่ใน extra_items",
                            f"is not in the FY{year} framework nor in extra_items",
                            value=code,
                        )
            out.append((year, codes))
        return tuple(out)

    def _framework(self, label: str, year: int) -> Framework | None:
        try:
            return load_framework(year)
        except InputError:
            self.fail(
                f"{label}, field items",
                f"ไม่มีกรอบการประเมินของปี {year}",
                f"there is no framework for FY{year}",
                value=year,
            )
            return None

    def _item_texts(self, label: str, raw: object) -> dict[str, str]:
        if not isinstance(raw, dict):
            self.fail(
                f"{label}, field item_texts_th",
                "ต้องเป็น {รหัสข้อ: ถ้อยคำ}",
                "must map item codes to wording",
                value=raw,
            )
            return {}
        out: dict[str, str] = {}
        for raw_code, text in raw.items():
            code = normalize_code(raw_code)
            at = f"{label}, field item_texts_th.{raw_code}"
            if code is None or not _ITEM_CODE.match(code):
                self.fail(at, "ไม่ใช่รหัสข้อคำถาม", "is not an item code", value=raw_code)
            elif not isinstance(text, str) or not strip_stray_tags(text).strip():
                self.fail(at, "ต้องเป็นข้อความ", "must be text", value=text)
            else:
                out[code] = strip_stray_tags(text).strip()
        return out


def _raw_ids(entries: list[object]) -> list[str]:
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


def placeholder_problems(text: str) -> list[tuple[str, str]]:
    """Problems (Thai, English) with the ``{placeholders}`` of ``text``; empty when fine."""
    problems: list[tuple[str, str]] = []
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return [("วงเล็บปีกกา { } ไม่ครบคู่", "unbalanced braces { }")]
    for name in names:
        if name not in PLACEHOLDERS:
            problems.append((f"ไม่รู้จักตัวแปร {{{name}}}", f"unknown placeholder {{{name}}}"))
    return problems


def _join(values: object) -> str:
    if isinstance(values, (set, frozenset)):
        values = sorted(values, key=str)
    assert isinstance(values, (list, tuple))
    return ", ".join(str(v) for v in values)


# -- officer's overrides (params: theme_overrides, added_themes) -------------------------------


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
    removes the theme. ``added`` themes come last. ``known_codes`` (the year's framework codes
    plus declared extra codes), when given, rejects item codes outside it. Every problem is
    collected into one ``InputError`` naming ``source``.
    """
    problems: list[Problem] = []

    def fail(
        where: str, th: str, en: str, value: object = None, expected: Sequence[str] | None = None
    ) -> None:
        listed = _join(list(expected)) if expected is not None else None
        problems.append(
            file_problem(
                source, th, en, where=where, value=value, expected_th=listed, expected_en=listed
            )
        )

    current = [t.for_year(year) for t in themes]
    ids = [t.id for t in current]
    if not isinstance(overrides, Mapping):
        fail(
            "theme_overrides",
            "ต้องเป็นชุดข้อมูล {รหัสประเด็น: {...}}",
            "must be a mapping {theme id: {...}}",
            value=overrides,
        )
        overrides = {}
    result: list[Theme] = []
    for theme in current:
        patch = overrides.get(theme.id)
        if patch is None:
            result.append(theme)
            continue
        where = f"theme_overrides › {theme.id}"
        if not isinstance(patch, Mapping):
            fail(where, "ต้องเป็นชุดข้อมูล", "must be a mapping", value=patch, expected=OVERRIDE_KEYS)
            continue
        for key in patch:
            if key not in OVERRIDE_KEYS:
                fail(
                    f"{where} › {key}",
                    "แก้ไขหัวข้อนี้ไม่ได้",
                    "is not a field that can be overridden",
                    value=key,
                    expected=OVERRIDE_KEYS,
                )
        drop = patch.get("drop", False)
        if not isinstance(drop, bool):
            fail(f"{where} › drop", "ต้องเป็น true หรือ false", "must be true or false", value=drop)
        elif drop:
            continue
        changed = _patched(theme, patch, year, where, fail, known_codes)
        result.append(changed or theme)
    for theme_id in overrides:
        if theme_id not in ids:
            fail(
                f"theme_overrides › {theme_id}",
                f"ไม่มีประเด็นรหัสนี้ในปี {year}",
                f"there is no theme with this id in FY{year}",
                value=theme_id,
                expected=ids,
            )
    if not isinstance(added, Sequence) or isinstance(added, (str, bytes)):
        fail("added_themes", "ต้องเป็นรายการประเด็น", "must be a list of themes", value=added)
        added = []
    taken = {t.id for t in result}
    for n, entry in enumerate(added, 1):
        new = _added_theme(n, entry, year, taken, fail, known_codes)
        if new is not None:
            taken.add(new.id)
            result.append(new)
    if problems:
        raise InputError(problems)
    return tuple(result)


_Fail = Callable[..., None]


def _patched(
    theme: Theme,
    patch: Mapping[str, object],
    year: int,
    where: str,
    fail: _Fail,
    known_codes: frozenset[str] | None,
) -> Theme | None:
    """``theme`` with ``patch`` applied, or None when the patch has problems (already reported)."""
    bad = [False]

    def flag(*args: object, **kwargs: object) -> None:
        bad[0] = True
        fail(*args, **kwargs)

    out = theme
    if "title_th" in patch:
        title = _override_text(f"{where} › title_th", patch["title_th"], True, flag)
        out = replace(out, title_th=title)
    if "items" in patch:
        codes = _override_codes(f"{where} › items", patch["items"], flag, known_codes)
        out = out.with_items(year, codes)
    if "item_texts_th" in patch:
        texts = _override_item_texts(f"{where} › item_texts_th", patch["item_texts_th"], flag)
        out = replace(out, item_texts={**out.item_texts, **texts})
    shared = {k: patch[k] for k in VARIANT_FIELDS if k in patch}
    for name in VARIANTS:
        specific = patch.get(name, {})
        if not isinstance(specific, Mapping):
            flag(
                f"{where} › {name}",
                "ต้องเป็นชุดข้อมูล",
                "must be a mapping",
                value=specific,
                expected=VARIANT_FIELDS,
            )
            continue
        for key in specific:
            if key not in VARIANT_FIELDS:
                flag(
                    f"{where} › {name} › {key}",
                    "แก้ไขหัวข้อนี้ไม่ได้",
                    "is not a field that can be overridden",
                    value=key,
                    expected=VARIANT_FIELDS,
                )
        fields = {**shared, **{k: v for k, v in specific.items() if k in VARIANT_FIELDS}}
        if fields:
            base = out.variant(passing=name == "all_passing")
            variant = _variant_from(f"{where} › {name}", fields, base, flag)
            if variant is not None and name == "below_target":
                out = replace(out, below_target=variant)
            elif variant is not None:
                out = replace(out, all_passing=variant)
    return None if bad[0] else out


def _added_theme(
    n: int,
    entry: object,
    year: int,
    taken: set[str],
    fail: _Fail,
    known_codes: frozenset[str] | None,
) -> Theme | None:
    where = f"added_themes[{n}]"
    if not isinstance(entry, Mapping):
        fail(where, "ต้องเป็นชุดข้อมูล", "must be a mapping", value=entry, expected=ADDED_KEYS)
        return None
    bad = [False]

    def flag(*args: object, **kwargs: object) -> None:
        bad[0] = True
        fail(*args, **kwargs)

    for key in entry:
        if key not in ADDED_KEYS:
            flag(f"{where} › {key}", "ไม่รู้จักหัวข้อนี้", "unknown field", value=key, expected=ADDED_KEYS)
    ident = entry.get("id", f"added_{n}")
    if not isinstance(ident, str) or not _SLUG.match(ident) or ident in taken:
        flag(
            f"{where} › id",
            "รหัสประเด็นไม่ถูกต้องหรือซ้ำ",
            "invalid or duplicate theme id",
            value=ident,
            expected=["a-z 0-9 _", *sorted(taken)],
        )
        ident = f"added_{n}"
    title = _override_text(f"{where} › title_th", entry.get("title_th"), True, flag)
    codes = _override_codes(f"{where} › items", entry.get("items"), flag, known_codes)
    texts = _override_item_texts(f"{where} › item_texts_th", entry.get("item_texts_th", {}), flag)
    shared = {k: entry[k] for k in VARIANT_FIELDS if k in entry}
    given = {name: entry[name] for name in VARIANTS if name in entry}
    for name, body in given.items():
        if not isinstance(body, Mapping):
            flag(
                f"{where} › {name}",
                "ต้องเป็นชุดข้อมูล",
                "must be a mapping",
                value=body,
                expected=VARIANT_FIELDS,
            )
    bodies = {n_: b for n_, b in given.items() if isinstance(b, Mapping)}
    # Only one set of measure fields given: it serves both variants.
    if len(bodies) == 1:
        only = next(iter(bodies.values()))
        bodies = {name: only for name in VARIANTS}
    variants: dict[str, ThemeVariant | None] = {}
    for name in VARIANTS:
        fields = {**shared, **dict(bodies.get(name, {}))}
        variants[name] = _variant_from(f"{where} › {name}", fields, None, flag)
    below, passing = variants["below_target"], variants["all_passing"]
    if bad[0] or below is None or passing is None:
        return None
    return Theme(
        id=ident,
        title_th=title,
        items=((year, codes),),
        below_target=below,
        all_passing=passing,
        item_texts=texts,
    )


def _variant_from(
    where: str, fields: Mapping[str, object], base: ThemeVariant | None, flag: _Fail
) -> ThemeVariant | None:
    """A variant from override ``fields``; missing fields come from ``base`` (None: required)."""
    failures = [0]

    def note(*args: object, **kwargs: object) -> None:
        failures[0] += 1
        flag(*args, **kwargs)

    values: dict[str, str] = {}
    scopes: dict[str, tuple[str, ...]] = {}
    steps: tuple[str, ...] | None = None
    for name in VARIANT_FIELDS:
        if name not in fields:
            if base is None and name in REQUIRED_VARIANT_FIELDS:
                note(
                    f"{where} › {name}",
                    "ขาดข้อมูลที่ต้องมี",
                    "required field is missing",
                    expected=REQUIRED_VARIANT_FIELDS,
                )
            continue
        raw = fields[name]
        if name == "steps_th":
            listed = [raw] if isinstance(raw, str) else raw
            if (
                not isinstance(listed, list)
                or not listed
                or not all(isinstance(s, str) and s.strip() for s in listed)
            ):
                note(
                    f"{where} › steps_th",
                    "ต้องเป็นรายการขั้นตอน (ข้อความ)",
                    "must be a list of steps (text)",
                    value=raw,
                )
                continue
            for step in listed:
                for th, en in placeholder_problems(step):
                    note(
                        f"{where} › steps_th",
                        th,
                        en,
                        value=step[:60],
                        expected=sorted(PLACEHOLDERS),
                    )
            steps = tuple(s.strip() for s in listed)
        elif name in SCOPE_FIELDS:
            scopes[name] = _tools(f"{where} › {name}", raw, note)
        else:
            values[name] = _override_text(
                f"{where} › {name}", raw, name in REQUIRED_VARIANT_FIELDS, note
            )
    if failures[0]:
        return None
    if base is None:
        assert steps is not None  # a missing steps_th was reported above
        return ThemeVariant(
            measure_th=values["measure_th"],
            steps_th=steps,
            quarter_th=values["quarter_th"],
            unit_th=values["unit_th"],
            finding_th=values.get("finding_th", ""),
            recommendation_th=values.get("recommendation_th", ""),
            finding_tools=scopes.get("finding_tools", ()),
            recommendation_tools=scopes.get("recommendation_tools", ()),
        )
    return ThemeVariant(
        measure_th=values.get("measure_th", base.measure_th),
        steps_th=steps if steps is not None else base.steps_th,
        quarter_th=values.get("quarter_th", base.quarter_th),
        unit_th=values.get("unit_th", base.unit_th),
        finding_th=values.get("finding_th", base.finding_th),
        recommendation_th=values.get("recommendation_th", base.recommendation_th),
        finding_tools=scopes.get("finding_tools", base.finding_tools),
        recommendation_tools=scopes.get("recommendation_tools", base.recommendation_tools),
    )


def _tools(where: str, value: object, flag: _Fail) -> tuple[str, ...]:
    """A list of tool codes (IIT, EIT, OIT) scoping a finding or recommendation."""
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not all(str(v).upper() in _TOOLS for v in listed):
        flag(
            where,
            "ต้องเป็นรายการเครื่องมือ IIT, EIT หรือ OIT",
            "must be a list of tools: IIT, EIT or OIT",
            value=value,
        )
        return ()
    return tuple(str(v).upper() for v in listed)


def _override_text(where: str, value: object, required: bool, flag: _Fail) -> str:
    if value is None or value == "":
        if required:
            flag(where, "ต้องมีข้อความ", "text is required")
        return ""
    if not isinstance(value, str):
        flag(where, "ต้องเป็นข้อความ", "must be text", value=value)
        return ""
    for th, en in placeholder_problems(value):
        flag(where, th, en, value=value[:60], expected=sorted(PLACEHOLDERS))
    return value.strip()


def _override_codes(
    where: str, value: object, flag: _Fail, known_codes: frozenset[str] | None
) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        flag(
            where,
            "ต้องเป็นรายการรหัสข้อ เช่น [i14, i15]",
            "must be a non-empty list of item codes, e.g. [i14, i15]",
            value=value,
        )
        return ()
    out: list[str] = []
    for raw in value:
        code = normalize_code(raw)
        if code is None or not _ITEM_CODE.match(code):
            flag(where, "ไม่ใช่รหัสข้อคำถาม", "is not an item code", value=raw)
        elif known_codes is not None and code not in known_codes:
            flag(
                where,
                "ไม่มีข้อนี้ในกรอบการประเมินของปีนี้ (เพิ่มใน extra_codes ถ้าตั้งใจ)",
                "is not in this year's framework (declare it in extra_codes if intended)",
                value=raw,
            )
        elif code not in out:
            out.append(code)
    return tuple(out)


def _override_item_texts(where: str, value: object, flag: _Fail) -> dict[str, str]:
    if not isinstance(value, Mapping):
        flag(where, "ต้องเป็น {รหัสข้อ: ถ้อยคำ}", "must map item codes to wording", value=value)
        return {}
    out: dict[str, str] = {}
    for raw, text in value.items():
        code = normalize_code(raw)
        if code is None or not _ITEM_CODE.match(code) or not isinstance(text, str):
            flag(
                f"{where} › {raw}",
                "ต้องเป็นรหัสข้อและถ้อยคำ",
                "must be an item code and its wording",
                value=raw,
            )
        else:
            out[code] = text.strip()
    return out
