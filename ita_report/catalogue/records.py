"""Records of the catalogue: themes (ประเด็น), their measures, limitation rules (ข้อจำกัด).

Frozen values built by :mod:`ita_report.catalogue.reader`; nothing here reads files or renders
text. A text may be scoped to the tools whose items it speaks of (``Scoped``): the seed's advice
on the budget is about staff (IIT) and must not follow a theme whose only gaps are documents.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any, Literal

from ita_report.framework import Framework
from ita_report.gaps import Assessment, Status, mean_present

TOOLS = ("IIT", "EIT", "OIT")
#: The two variants of a theme's measure (แบบของมาตรการ).
VARIANTS = ("below_target", "all_passing")
TOOL_OF = {"i": "IIT", "e": "EIT", "o": "OIT"}


def tool_of(code: str) -> str:
    """``i14`` → ``IIT``."""
    return TOOL_OF.get(code[:1], "")


@dataclass(frozen=True)
class Scoped:
    """A text and the tools whose items it speaks of (empty: it applies whatever the tools)."""

    text: str
    tools: tuple[str, ...] = ()
    #: The items a step asks for, per fiscal year ((year, codes), ...): a step that asks for a
    #: document or an action tied to items is written only when one of them is under target.
    items: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def applies(self, tools: Collection[str]) -> bool:
        return not self.tools or any(t in tools for t in self.tools)

    def tied_to(self, year: int) -> tuple[str, ...]:
        """The codes this text is tied to in ``year`` (empty: none that year, or no tie)."""
        return next((codes for known, codes in self.items if known == year), ())

    def wanted(self, tools: Collection[str], weak: Collection[str] | None,
               year: int | None) -> bool:
        """Whether a row about items of ``tools`` whose items under target are ``weak`` keeps
        this text: its tools fit, and, when it is tied to items, one of that year's is weak (a
        tie with no item in that year asks for nothing). ``weak`` None: ties are not looked at."""
        if not self.applies(tools):
            return False
        if not self.items or weak is None or year is None:
            return True
        return any(code in weak for code in self.tied_to(year))


def _texts(parts: Sequence[Scoped], tools: Collection[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part.applies(tools) and part.text not in out:
            out.append(part.text)
    return out


@dataclass(frozen=True)
class ThemeVariant:
    """One variant of a theme's measure (แบบของมาตรการ): below target, or all items passing.

    ``measure``, ``steps``, ``findings`` and ``recommendations`` are scoped texts: a part names
    the tools it is about, and a row uses the parts that fit the tools of its items.
    """

    measure: tuple[Scoped, ...]  # มาตรการ; several parts that apply are numbered ๑. ๒.
    steps: tuple[Scoped, ...]  # ขั้นตอน/วิธีการปฏิบัติ, unnumbered; may hold ITEM_STEPS
    quarter_th: str  # ระยะเวลาดำเนินการ, e.g. "ไตรมาส ๑"
    unit: tuple[Scoped, ...]  # ส่วนงานที่รับผิดชอบ; the parts that apply are joined with "/"
    findings: tuple[Scoped, ...] = ()  # follows the score sentence of its tool (or the row)
    recommendations: tuple[Scoped, ...] = ()  # ข้อเสนอแนะ, last in the analysis cell

    def measure_for(self, tools: Collection[str]) -> str:
        """The measure for a row about items of ``tools`` (the first part if none fits)."""
        texts = _texts(self.measure, tools) or [self.measure[0].text]
        if len(texts) == 1:
            return texts[0]
        return " ".join(f"{n}. {text}" for n, text in enumerate(texts, 1))

    def unit_for(self, tools: Collection[str]) -> str:
        """The responsible units for a row about items of ``tools``, each named once."""
        names: list[str] = []
        for text in _texts(self.unit, tools) or [self.unit[0].text]:
            for name in text.split("/"):
                if name.strip() and name.strip() not in names:
                    names.append(name.strip())
        return "/".join(names)

    @property
    def unit_th(self) -> str:
        return self.unit_for(TOOLS)

    def steps_for(self, tools: Collection[str], weak: Collection[str] | None = None,
                  year: int | None = None) -> tuple[str, ...]:
        """The steps for a row about items of ``tools``; with ``weak`` (the row's items under
        target) and ``year``, a step tied to items is kept only when one of them is weak."""
        return tuple(s.text for s in self.steps if s.wanted(tools, weak, year))

    # Plain views of the unscoped texts, for officers' overrides and the notebook's listings.
    @property
    def measure_th(self) -> str:
        return self.measure_for(TOOLS)

    @property
    def steps_th(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.steps)

    @property
    def finding_th(self) -> str:
        return " ".join(f.text for f in self.findings)

    @property
    def recommendation_th(self) -> str:
        return " ".join(r.text for r in self.recommendations)


WhenPassing = Literal["merge", "own_row"]


def reduce_read_only(record: Any) -> tuple[Any, tuple[Any, ...]]:
    """``__reduce__`` for a frozen record holding read-only mappings, which do not pickle:
    rebuilt from plain dicts by its constructor, which makes them read-only again. (The
    document goes from ``ita-report run`` to the notebook's kernel as a pickle.)"""
    values = (getattr(record, f.name) for f in fields(record) if f.init)
    return type(record), tuple(dict(v) if isinstance(v, MappingProxyType) else v for v in values)


@dataclass(frozen=True)
class Theme:
    """A theme (ประเด็น) of the measures table: the ITA items it covers per year and its measures.

    ``step_unit`` and ``step_quarter`` say who publishes a missing OIT document of the theme and
    by when (per item in ``item_units`` / ``item_quarters``). ``when_passing`` says whether a
    theme whose items all pass keeps a row of its own or joins the one keep-the-standard row.
    """

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
    when_passing: WhenPassing = "merge"
    step_unit: str = "office"
    step_quarter: str = "ไตรมาส ๑"
    item_units: tuple[tuple[int, str, str], ...] = ()  # (year, code, unit key)
    item_quarters: tuple[tuple[int, str, str], ...] = ()  # (year, code, quarter text)
    #: The theme's name in a year's own words (FY2569: "…ไปสู่การพัฒนาองค์กร"), by for_year().
    year_titles: tuple[tuple[int, str], ...] = ()

    def __post_init__(self) -> None:
        # A frozen record must not share a mutable dict with its caller.
        object.__setattr__(self, "item_texts", MappingProxyType(dict(self.item_texts)))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return reduce_read_only(self)

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

    def unit_of(self, year: int, code: str) -> str:
        """The unit key that publishes OIT item ``code`` of ``year``."""
        return next((u for y, c, u in self.item_units if y == year and c == code), self.step_unit)

    def quarter_of(self, year: int, code: str) -> str:
        return next(
            (q for y, c, q in self.item_quarters if y == year and c == code), self.step_quarter
        )

    def variant(self, passing: bool, year: int | None = None) -> ThemeVariant:
        """``all_passing`` when every scored item meets the target, else ``below_target``."""
        theme = self.for_year(year) if year is not None else self
        return theme.all_passing if passing else theme.below_target

    def for_year(self, year: int) -> Theme:
        """This theme with the variants (``by_year``) and the title (``titles_th``) written
        for ``year`` in place."""
        theme = self
        title = next((t for y, t in self.year_titles if y == year), None)
        if title is not None:
            theme = replace(theme, title_th=title, year_titles=())
        for known, below, passing in self.year_variants:
            if known == year:
                return replace(theme, below_target=below, all_passing=passing, year_variants=())
        return theme

    def with_items(self, year: int, codes: Sequence[str]) -> Theme:
        """A copy whose items for ``year`` are ``codes``."""
        rest = tuple((y, c) for y, c in self.items if y != year)
        return replace(self, items=(*rest, (year, tuple(codes))))


@dataclass(frozen=True)
class OitSteps:
    """How a step for OIT items below target reads (one step per unit and quarter).

    ``{unit}``, ``{quarter}`` and ``{documents}`` are filled per group of items.
    """

    missing_th: str  # the items scored 0: the documents were not found
    below_target_th: str  # scored but under target: the documents are incomplete
    #: Items an agency publishes but does not write (its executives, its code of ethics): the
    #: step says "เผยแพร่", never "จัดทำ".
    publish_th: str = "{unit} เผยแพร่{documents}บนเว็บไซต์ของหน่วยงาน ภายใน{quarter}"
    #: Channels and systems (E-Service, a complaints channel): the agency provides them.
    provide_th: str = ("{unit} จัดให้มี{documents} แล้วเชื่อมโยงไว้บนเว็บไซต์ของหน่วยงาน"
                       " ภายใน{quarter}")
    #: An item whose wording is not known: named by its (sub-)indicator. The published step
    #: never says the agency must look up what the item asks (a reader of the printed
    #: document: the public would read that the agency does not know); the preparer note asks
    #: for item_texts:.
    unknown_th: str = ("{unit} จัดทำและเผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงานให้ครบตามเกณฑ์การประเมิน"
                       "{documents} ภายใน{quarter}")
    published: frozenset[tuple[int, str]] = frozenset()  # (year, code)
    provided: frozenset[tuple[int, str]] = frozenset()  # (year, code)
    #: What a step calls an item's document where its wording does not name one ("โครงสร้าง"
    #: is made as "แผนผังโครงสร้างส่วนงาน"): (year, code, name).
    step_names: tuple[tuple[int, str, str], ...] = ()

    def verb_of(self, year: int, code: str) -> str:
        """``publish``, ``provide`` or ``make``: what the agency does about a missing item."""
        if (year, code) in self.published:
            return "publish"
        return "provide" if (year, code) in self.provided else "make"

    def step_name(self, year: int, code: str) -> str:
        """The step's name for the document of ``code`` in ``year`` ("" = the item's wording)."""
        return next((n for y, c, n in self.step_names if y == year and c == code), "")


@dataclass(frozen=True)
class PassingRow:
    """The one row that keeps the standard for every theme whose items all pass."""

    title_th: str
    finding_th: str
    measure_th: str
    steps_th: tuple[str, ...]
    quarter_th: str
    unit_th: str


@dataclass(frozen=True)
class Fallback:
    """The row for items below target that no theme covers (an officer's own framework file).

    ``title_th`` may use ``{indicator}`` (the indicator's number and name).
    """

    title_th: str
    variant: ThemeVariant


@dataclass(frozen=True)
class Condition:
    """One test of a limitation rule (เงื่อนไข) over a scope: a tool, an indicator or items."""

    test: Literal["items_at_zero_at_least", "items_below_target_at_least", "below_target"]
    tool: str | None = None
    indicator: int | None = None
    items: tuple[str, ...] = ()
    count: int = 1  # for the items_* tests
    #: The items counted must fall in at least this many sub-indicators (or indicators).
    groups: int = 1

    def holds(self, assessment: Assessment, framework: Framework) -> bool:
        """Whether the agency's result meets this test. An item without data never counts."""
        if self.test == "below_target":
            value = self._scope_score(assessment)
            return value is not None and value < assessment.target
        hits = [
            r
            for r in (assessment.item(c) for c in self._scope_codes(assessment, framework))
            if r is not None and r.score is not None
            and (r.status is Status.ZERO if self.test == "items_at_zero_at_least"
                 else r.below_target)
        ]
        groups = {_group(framework, r.code) for r in hits}
        return len(hits) >= self.count and len(groups) >= self.groups

    def _scope_codes(self, assessment: Assessment, framework: Framework) -> list[str]:
        if self.items:
            return list(self.items)
        everyone = assessment.items + assessment.extra_items
        if self.indicator is not None:
            return [r.code for r in everyone if r.indicator == self.indicator]
        return [r.code for r in everyone if r.tool == self.tool]

    def _scope_score(self, assessment: Assessment) -> float | None:
        # The assessment's own indicators and tools: an indicator given in the score file (an
        # indicator-level file has no items) counts exactly as one computed from items.
        if self.items:
            return mean_present(assessment.score_of(c) for c in self.items)
        if self.indicator is not None:
            found = next((i for i in assessment.indicators if i.number == self.indicator), None)
            return found.score if found else None
        found_tool = next((t for t in assessment.tools if t.code == self.tool), None)
        return found_tool.score if found_tool else None


def _group(framework: Framework, code: str) -> str:
    sub = framework.sub_indicator_of(code)
    if sub is not None:
        return sub.number
    ind = framework.indicator_of(code)
    return str(ind.number) if ind is not None else code


@dataclass(frozen=True)
class LimitationRule:
    """A limitation rule (กฎข้อจำกัด): a standard note and the pattern of scores behind it."""

    id: str
    text_th: str
    conditions: tuple[Condition, ...]
    mode: Literal["any", "all"] = "all"
    #: Rules whose text already says this one's: when one of them applies, this one is left
    #: out, so that the document never prints two limitations that say the same.
    unless: tuple[str, ...] = ()

    def applies(self, assessment: Assessment, framework: Framework) -> bool:
        results = (c.holds(assessment, framework) for c in self.conditions)
        return any(results) if self.mode == "any" else all(results)


@dataclass(frozen=True)
class Catalogue:
    """The whole catalogue (แคตตาล็อกประเด็นและมาตรการ): themes in order, then limitation rules."""

    themes: tuple[Theme, ...]
    limitation_rules: tuple[LimitationRule, ...]
    path: str
    oit_steps: OitSteps
    passing_row: PassingRow
    fallback: Fallback

    def themes_for(self, year: int) -> tuple[Theme, ...]:
        """Themes with items in ``year``, in catalogue order, with that year's wording.

        An agency's ``theme_overrides`` and ``added_themes`` are applied to these by
        :func:`ita_report.catalogue.overrides.apply_overrides` (records never call it: the
        overrides are validated by the reader's fields, which build records).
        """
        return tuple(t.for_year(year) for t in self.themes if year in t.years)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def limitations_for(self, assessment: Assessment, framework: Framework) -> tuple[str, ...]:
        """Texts of the rules that apply, in catalogue order; a rule another applying rule
        says already (``unless``) is left out."""
        applied = [r for r in self.limitation_rules if r.applies(assessment, framework)]
        ids = {r.id for r in applied}
        return tuple(r.text_th for r in applied if not ids.intersection(r.unless))
