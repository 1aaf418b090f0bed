"""The one validator of a theme's fields (ประเด็น), for the catalogue file and params overrides.

``Fields`` checks a theme's fields the same way whether they come from
``data/catalogue/themes.yaml`` (:mod:`ita_report.catalogue.reader`) or from an officer's
``theme_overrides`` and ``added_themes`` (:mod:`ita_report.catalogue.overrides`); every problem is
handed to the caller's ``fail`` with the place, the value and what was expected. Nothing here
reads files or renders text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ita_report.catalogue.placeholders import ITEM_STEPS, known_placeholders, placeholder_problems
from ita_report.catalogue.records import TOOLS, VARIANTS, Scoped, ThemeVariant, WhenPassing
from ita_report.codes import normalize_code
from ita_report.errors import did_you_mean
from ita_report.text import strip_stray_tags

#: Fields every variant must have after the theme-level defaults are applied.
REQUIRED_VARIANT_FIELDS = ("measure_th", "steps_th", "quarter_th", "unit_th")
#: Fields a variant may have; given at theme level they apply to both variants.
OPTIONAL_VARIANT_FIELDS = ("finding_th", "recommendation_th")
#: Which tools' items a finding or recommendation speaks of (empty: the whole theme).
SCOPE_FIELDS = ("finding_tools", "recommendation_tools")
VARIANT_FIELDS = REQUIRED_VARIANT_FIELDS + OPTIONAL_VARIANT_FIELDS + SCOPE_FIELDS
#: Keys of ``theme_overrides.<id>`` in a params file.
OVERRIDE_KEYS = (
    "title_th",
    "items",
    "item_texts_th",
    *VARIANT_FIELDS,
    *VARIANTS,
    "when_passing",
    "drop",
)
#: Keys of one entry of ``added_themes`` in a params file.
ADDED_KEYS = ("id", "title_th", "items", "item_texts_th", *VARIANT_FIELDS, *VARIANTS)
WHEN_PASSING = ("merge", "own_row")
#: A theme's or a rule's id.
SLUG = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_ITEM_CODE = re.compile(r"^[ieo]\d+$")
# Steps are numbered by the renderer; a typed "๑." or "1)" would come out twice.
_LEADING_NUMBER = re.compile(r"^\s*[0-9๐-๙]+\s*[.)]")
_SCOPED_KEYS = (*TOOLS, "all")

Fail = Callable[..., None]


def join(values: object) -> str:
    if isinstance(values, (set, frozenset)):
        values = sorted(values, key=str)
    assert isinstance(values, (list, tuple))
    return ", ".join(str(v) for v in values)


_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$")


class Fields:
    """The rules for a theme's fields; ``fail(where, th, en, value=…, expected=…)`` collects."""

    def __init__(self, fail: Fail, *, officer: bool = False) -> None:
        self._fail = fail
        self.failures = 0
        # An officer who types "๑." before a step means step one: the number is dropped (the
        # renderer numbers steps). In the catalogue file it is refused, so the data stays clean.
        self.officer = officer

    def fail(self, where: str, th: str, en: str, value: object = None,
             expected: Sequence[str] | str | None = None) -> None:
        self.failures += 1
        listed = expected if isinstance(expected, str) or expected is None else join(expected)
        self._fail(where, th, en, value=value, expected=listed)

    # -- plain fields ------------------------------------------------------------------------
    def text(self, where: str, value: object, *, required: bool) -> str:
        if value is None or value == "":
            if required:
                self.fail(where, "ขาดข้อความที่ต้องมี", "required text is missing")
            return ""
        if not isinstance(value, str):
            self.fail(where, "ต้องเป็นข้อความ", "must be text", value=value)
            return ""
        value = strip_stray_tags(value)  # wording pasted from the seed's PDF extraction
        for th, en in placeholder_problems(value):
            self.fail(where, th, en, value=value[:60], expected=known_placeholders())
        return value.strip()

    def tools(self, where: str, value: object) -> tuple[str, ...]:
        listed = [value] if isinstance(value, str) else value
        if not isinstance(listed, list) or not all(str(v).upper() in TOOLS for v in listed):
            self.fail(where, "ต้องเป็นรายการเครื่องมือ IIT, EIT หรือ OIT",
                      "must be a list of tools: IIT, EIT or OIT", value=value)
            return ()
        return tuple(str(v).upper() for v in listed)

    def scoped(self, where: str, value: object, tools: tuple[str, ...] = ()) -> tuple[Scoped, ...]:
        """A text for every tool (``"…"``), or one per tool (``{IIT: …, OIT: …, all: …}``)."""
        if isinstance(value, Mapping):
            parts: list[Scoped] = []
            for key, text in value.items():
                if str(key) not in _SCOPED_KEYS:
                    self.fail(f"{where}.{key}", "ต้องเป็น IIT, EIT, OIT หรือ all",
                              "keys must be IIT, EIT, OIT or all", value=key,
                              expected=_SCOPED_KEYS)
                    continue
                body = self.text(f"{where}.{key}", text, required=True)
                if body:
                    parts.append(Scoped(body, () if key == "all" else (str(key),)))
            return tuple(parts)
        body = self.text(where, value, required=False)
        return (Scoped(body, tools),) if body else ()

    def steps(self, where: str, value: object) -> tuple[Scoped, ...]:
        listed = [value] if isinstance(value, str) else value
        if not isinstance(listed, list) or not listed:
            self.fail(where, "ต้องเป็นรายการขั้นตอนอย่างน้อยหนึ่งขั้นตอน",
                      "must be a non-empty list of steps", value=value)
            return ()
        steps: list[Scoped] = []
        for n, step in enumerate(listed, 1):
            at = f"{where}[{n}]"
            tools: tuple[str, ...] = ()
            tied: tuple[tuple[int, tuple[str, ...]], ...] = ()
            if isinstance(step, Mapping):
                unknown = [k for k in step if k not in ("text", "tools", "items")]
                if unknown:
                    self.fail(at, "ขั้นตอนมีได้เฉพาะ text, tools และ items",
                              "a step may have only text, tools and items",
                              value=unknown[0], expected=["text", "tools", "items"])
                tools = self.tools(f"{at}.tools", step.get("tools", []))
                if "items" in step:
                    tied = self.tied_items(f"{at}.items", step["items"])
                step = step.get("text")
            if isinstance(step, str):
                step = strip_stray_tags(step).strip()
            if not isinstance(step, str) or not step:
                self.fail(at, "ขั้นตอนต้องเป็นข้อความ", "a step must be text", value=step)
                continue
            if step == ITEM_STEPS:
                steps.append(Scoped(ITEM_STEPS, tools))
                continue
            if _LEADING_NUMBER.match(step) and self.officer:
                step = _LEADING_NUMBER.sub("", step, count=1).strip() or step
            elif _LEADING_NUMBER.match(step):
                self.fail(at, "ไม่ต้องใส่เลขลำดับหน้าขั้นตอน (โปรแกรมใส่ให้)",
                          "steps are numbered by the program; drop the leading number",
                          value=step[:20])
            for th, en in placeholder_problems(step):
                self.fail(at, th, en, value=step[:60], expected=known_placeholders())
            steps.append(Scoped(step, tools, tied))
        return tuple(steps)

    def tied_items(self, where: str, value: object) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """A step's tie to items, per year: ``{2566: [o36], 2567-2568: [o30]}`` (item codes
        differ from year to year, so a tie names each year's). The reader checks the codes
        belong to the theme in that year."""
        if not isinstance(value, Mapping) or not value:
            self.fail(where, "ต้องเป็น {ปี: [รหัสข้อ]} เช่น {2566: [o36], 2567: [o30]}",
                      "must map fiscal years to item codes, e.g. {2566: [o36], 2567: [o30]}",
                      value=value)
            return ()
        out: dict[int, tuple[str, ...]] = {}
        for key, codes in value.items():
            found = _YEARS.match(str(key))
            if not found or int(found.group(1)) > int(found.group(2) or found.group(1)):
                self.fail(where, "ปีงบประมาณต้องเป็นตัวเลข พ.ศ. หรือช่วงปี เช่น 2564-2569",
                          "a fiscal year must be a Buddhist Era year or a range such as 2564-2569",
                          value=key)
                continue
            listed = self.codes(f"{where}.{key}", codes)
            for year in range(int(found.group(1)), int(found.group(2) or found.group(1)) + 1):
                out[year] = listed
        return tuple(sorted(out.items()))

    def codes(self, where: str, value: object, *, known: frozenset[str] | None = None,
              allow_empty: bool = False) -> tuple[str, ...]:
        if not isinstance(value, list) or (not value and not allow_empty):
            self.fail(where, "ต้องเป็นรายการรหัสข้อ เช่น [i14, i15]",
                      "must be a non-empty list of item codes, e.g. [i14, i15]", value=value)
            return ()
        out: list[str] = []
        for raw in value:
            code = normalize_code(raw)
            if code is None or not _ITEM_CODE.match(code):
                self.fail(where, "ไม่ใช่รหัสข้อคำถาม", "is not an item code", value=raw,
                          expected="i14 e1 o17")
            elif known is not None and code not in known:
                self.fail(where,
                          "ไม่มีข้อนี้ในกรอบการประเมินของปีนี้ (เพิ่มใน extra_codes ถ้าตั้งใจ)",
                          "is not in this year's framework (declare it in extra_codes if intended)",
                          value=raw)
            elif code in out:
                self.fail(where, "รหัสข้อซ้ำกัน", "item code listed twice", value=raw)
            else:
                out.append(code)
        return tuple(out)

    def item_texts(self, where: str, value: object) -> dict[str, str]:
        if not isinstance(value, Mapping):
            self.fail(where, "ต้องเป็น {รหัสข้อ: ถ้อยคำ}", "must map item codes to wording", value=value)
            return {}
        out: dict[str, str] = {}
        for raw, text in value.items():
            code = normalize_code(raw)
            at = f"{where}.{raw}"
            if code is None or not _ITEM_CODE.match(code):
                self.fail(at, "ไม่ใช่รหัสข้อคำถาม", "is not an item code", value=raw)
            elif not isinstance(text, str) or not strip_stray_tags(text).strip():
                self.fail(at, "ต้องเป็นข้อความ", "must be text", value=text)
            else:
                out[code] = strip_stray_tags(text).strip()
        return out

    def when_passing(self, where: str, value: object) -> WhenPassing | None:
        if value not in WHEN_PASSING:
            self.fail(where, "ต้องเป็น merge (รวมในแถวรักษามาตรฐาน) หรือ own_row (แยกแถว)",
                      "must be merge or own_row", value=value, expected=WHEN_PASSING)
            return None
        return "own_row" if value == "own_row" else "merge"

    def known_keys(self, where: str, raw: Mapping[str, object], allowed: Sequence[str]) -> None:
        for key in raw:
            if key not in allowed:
                mean_th, mean_en = did_you_mean(key, allowed)
                self.fail(f"{where} › {key}", f"ไม่รู้จักหัวข้อนี้ (อาจพิมพ์ผิด){mean_th}",
                          f"unknown field (a typo?){mean_en}", value=key, expected=allowed)

    # -- a variant -----------------------------------------------------------------------------
    def variant(self, where: str, raw: Mapping[str, object],
                base: ThemeVariant | None) -> ThemeVariant | None:
        """A variant from ``raw``; fields it lacks come from ``base`` (``None``: required)."""
        before = self.failures
        self.known_keys(where, raw, VARIANT_FIELDS)
        if base is None:
            for name in REQUIRED_VARIANT_FIELDS:
                if name not in raw:
                    self.fail(f"{where} › {name}", "ขาดข้อมูลที่ต้องมี", "required field is missing",
                              expected=REQUIRED_VARIANT_FIELDS)
        measure = (self.scoped(f"{where} › measure_th", raw["measure_th"])
                   if "measure_th" in raw else (base.measure if base else ()))
        if "measure_th" in raw and not measure:
            self.fail(f"{where} › measure_th", "ขาดข้อความที่ต้องมี", "required text is missing")
        steps = (self.steps(f"{where} › steps_th", raw["steps_th"])
                 if "steps_th" in raw else (base.steps if base else ()))
        quarter = (self.text(f"{where} › quarter_th", raw["quarter_th"], required=True)
                   if "quarter_th" in raw else (base.quarter_th if base else ""))
        unit = (self.scoped(f"{where} › unit_th", raw["unit_th"])
                if "unit_th" in raw else (base.unit if base else ()))
        if "unit_th" in raw and not unit:
            self.fail(f"{where} › unit_th", "ขาดข้อความที่ต้องมี", "required text is missing")
        findings = self._remarks(where, raw, "finding", base.findings if base else ())
        advice = self._remarks(where, raw, "recommendation",
                               base.recommendations if base else ())
        if self.failures > before:
            return None
        return ThemeVariant(measure, steps, quarter, unit, findings, advice)

    def _remarks(self, where: str, raw: Mapping[str, object], kind: str,
                 base: tuple[Scoped, ...]) -> tuple[Scoped, ...]:
        tools = (self.tools(f"{where} › {kind}_tools", raw[f"{kind}_tools"])
                 if f"{kind}_tools" in raw else None)
        if f"{kind}_th" in raw:
            return self.scoped(f"{where} › {kind}_th", raw[f"{kind}_th"], tools or ())
        if tools is not None:  # only the scope changed
            return tuple(Scoped(r.text, tools) for r in base)
        return base
