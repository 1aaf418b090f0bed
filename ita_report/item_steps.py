"""What the agency does about each OIT item a row cites: the steps that name a missing
document, who does it and by when, with a verb that fits the item (จัดทำ a plan, เผยแพร่ the
code of ethics it already has, จัดให้มี E-Service), from the catalogue's ``oit_steps``.

Split from ``measures`` (which builds the rows); pure functions of the cited items and the
catalogue, never reading a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ita_report.catalogue import OitSteps, Theme, timed, tool_of
from ita_report.code_text import CodeStyle, code_order, runs_text
from ita_report.gaps import Status
from ita_report.item_names import indicator_label, step_documents


@dataclass(frozen=True)
class CitedItem:
    """An item a row cites (ข้อคำถาม ITA), with this agency's score."""

    code: str
    text_th: str  # wording, or "(ตัวชี้วัด…)" where the wording is not known
    score: float | None
    status: Status
    known_wording: bool = True

    @property
    def tool(self) -> str:
        return tool_of(self.code)


def oit_steps(
    theme: Theme | None,
    items: Sequence[CitedItem],
    year: int,
    templates: OitSteps,
    *,
    thai: bool,
    style: CodeStyle = "ita",
    default_unit: str = "office",
    default_quarter: str = "ไตรมาส ๑",
) -> list[str]:
    """One step per unit and quarter for the OIT items below target: who publishes what, by when.

    The texts keep ``{unit:…}`` placeholders; the caller fills them with the agency's words.
    """
    groups: dict[tuple[str, str, str], list[CitedItem]] = {}
    for item in sorted((i for i in items if i.tool == "OIT"), key=lambda i: code_order(i.code)):
        # What the agency does: write a missing document (จัดทำ), publish one it has but does
        # not write (เผยแพร่ its code of ethics), provide a channel (จัดให้มี E-Service), look
        # up an item whose wording is not known, or complete one scored under target.
        if not item.known_wording:
            kind = "unknown"
        elif item.status is Status.ZERO:
            kind = templates.verb_of(year, item.code)
        else:
            kind = "below"
        unit = theme.unit_of(year, item.code) if theme else default_unit
        quarter = theme.quarter_of(year, item.code) if theme else default_quarter
        groups.setdefault((kind, unit, quarter), []).append(step_named(item, year, templates))
    steps = []
    for (kind, unit, quarter), members in groups.items():
        if kind == "unknown":
            documents = unknown_documents(members, thai=thai, style=style)
        else:
            documents = step_documents(members, thai=thai, style=style)
        template = {"make": templates.missing_th, "publish": templates.publish_th,
                    "provide": templates.provide_th, "unknown": templates.unknown_th,
                    }.get(kind, templates.below_target_th)
        steps.append(
            timed(template, quarter).replace("{unit}", f"{{unit:{unit}}}")
            .replace("{documents}", documents)
        )
    return steps


#: What a measure asks of its documents, by what the agency does about them (oit_steps).
_MEASURE_VERBS = {"publish": "เผยแพร่", "provide": "จัดให้มีและเผยแพร่"}


def verb_for(measure: str, items: Sequence[CitedItem], year: int, templates: OitSteps) -> str:
    """A measure's "จัดทำและเผยแพร่{documents}" when every missing document is one the agency
    publishes (its code of ethics) or provides (E-Service): "เผยแพร่…", "จัดให้มีและเผยแพร่…"."""
    verbs = {templates.verb_of(year, i.code) for i in items
             if i.tool == "OIT" and i.status is Status.ZERO and i.known_wording}
    if len(verbs) != 1 or verbs == {"make"}:
        return measure
    return measure.replace("จัดทำและเผยแพร่{documents}", _MEASURE_VERBS[verbs.pop()] + "{documents}")


def step_named(item: CitedItem, year: int, templates: OitSteps) -> CitedItem:
    """``item`` as a step names its document (``step_names``: "โครงสร้าง" is made as
    "แผนผังโครงสร้างส่วนงาน"); the analysis keeps the framework's wording."""
    name = templates.step_name(year, item.code) if item.known_wording else ""
    return replace(item, text_th=name) if name else item


def unknown_documents(items: Sequence[CitedItem], *, thai: bool, style: CodeStyle) -> str:
    """What ``unknown_th`` names for items whose wording is not known: their codes, then the
    (sub-)indicator they belong to (``ข้อ o13 (ตัวชี้วัดย่อยที่ ๙.๒ การบริหารงาน…)``), so the
    officer knows where in NACC's manual to look."""
    labels: dict[str, list[str]] = {}
    for item in items:
        labels.setdefault(indicator_label(item.text_th, thai=thai), []).append(item.code)
    return " และ".join(f"{runs_text(codes, style=style)} ({label})"
                       for label, codes in labels.items())
