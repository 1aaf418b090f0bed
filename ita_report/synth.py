"""Synthetic national data: every agency type and province, item-level scores over several years.

For batch runs and benchmarks at national scale. Deterministic for a seed. Every file it writes
says it is synthetic; it must never be mistaken for, or mixed with, real assessment results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ita_report.framework import available_years, load_framework
from ita_report.iorw import atomic_open, atomic_write_text

SYNTHETIC_NOTE = "ข้อมูลสังเคราะห์ ไม่ใช่ผลการประเมินจริง (synthetic data, not real results)"

#: How many fiscal years ``synth`` writes when none are asked for: the latest framework years,
#: so the year officers work on now and the ones before it (to follow measures up) are there.
DEFAULT_YEAR_COUNT = 4

#: Steps of improvement since FY2566 per fiscal year, calibrated so that the synthetic national
#: mean ITA is near the published one (ITA.md: 81.25 in FY2564, 90.2 in FY2566, 93.82 in FY2568;
#: FY2565 and FY2567 halfway). A year is placed by its own fiscal year, whichever other years
#: are written with it; later years go on at the FY2566–2568 pace.
_STEPS = {2564: -2.6, 2565: -1.5, 2566: 0.0, 2567: 0.9, 2568: 1.8}


def default_years() -> list[int]:
    """The latest ``DEFAULT_YEAR_COUNT`` fiscal years with a framework (2566–2569 today)."""
    return available_years()[-DEFAULT_YEAR_COUNT:]


def improvement_steps(year: int) -> float:
    """Steps of improvement that put ``year``'s synthetic national mean near the published one.

    >>> improvement_steps(2566), improvement_steps(2569)
    (0.0, 2.7)
    """
    if year in _STEPS:
        return _STEPS[year]
    first, last = min(_STEPS), max(_STEPS)
    if year > last:
        pace = (_STEPS[last] - _STEPS[2566]) / (last - 2566)
        return round(_STEPS[last] + pace * (year - last), 2)
    return round(_STEPS[first] + (_STEPS[first + 1] - _STEPS[first]) * (year - first), 2)


# The 77 provinces (76 and Bangkok), one readable block.
PROVINCES = tuple(
    (
        "กรุงเทพมหานคร กระบี่ กาญจนบุรี กาฬสินธุ์ กำแพงเพชร ขอนแก่น จันทบุรี ฉะเชิงเทรา "
        "ชลบุรี ชัยนาท ชัยภูมิ ชุมพร เชียงราย เชียงใหม่ ตรัง ตราด ตาก นครนายก นครปฐม "
        "นครพนม นครราชสีมา นครศรีธรรมราช นครสวรรค์ นนทบุรี นราธิวาส น่าน บึงกาฬ "
        "บุรีรัมย์ ปทุมธานี ประจวบคีรีขันธ์ ปราจีนบุรี ปัตตานี พระนครศรีอยุธยา พะเยา "
        "พังงา พัทลุง พิจิตร พิษณุโลก เพชรบุรี เพชรบูรณ์ แพร่ ภูเก็ต มหาสารคาม มุกดาหาร "
        "แม่ฮ่องสอน ยโสธร ยะลา ร้อยเอ็ด ระนอง ระยอง ราชบุรี ลพบุรี ลำปาง ลำพูน เลย "
        "ศรีสะเกษ สกลนคร สงขลา สตูล สมุทรปราการ สมุทรสงคราม สมุทรสาคร สระแก้ว สระบุรี "
        "สิงห์บุรี สุโขทัย สุพรรณบุรี สุราษฎร์ธานี สุรินทร์ หนองคาย หนองบัวลำภู อ่างทอง "
        "อำนาจเจริญ อุดรธานี อุตรดิตถ์ อุทัยธานี อุบลราชธานี "
    ).split()
)


@dataclass(frozen=True)
class AgencyType:
    """A kind of agency (ประเภทหน่วยงาน) and its share of the ~8,300 assessed each year."""

    code: str
    prefix: str  # the long form that starts the agency's name
    share: float
    quality: float  # mean of the latent quality; bigger agencies do better on OIT


# ITA.md: ~8,300 agencies; 76 อบจ., 30 ทน., ~190 ทม., ~2,240 ทต., ~5,300 อบต., the rest central.
AGENCY_TYPES = (
    AgencyType("อบจ.", "องค์การบริหารส่วนจังหวัด", 76 / 8300, 0.9),
    AgencyType("ทน.", "เทศบาลนคร", 30 / 8300, 0.9),
    AgencyType("ทม.", "เทศบาลเมือง", 190 / 8300, 0.6),
    AgencyType("ทต.", "เทศบาลตำบล", 2240 / 8300, 0.3),
    AgencyType("อบต.", "องค์การบริหารส่วนตำบล", 5300 / 8300, 0.2),
    AgencyType("ส่วนกลาง", "หน่วยงานส่วนกลาง", 464 / 8300, 1.0),
)


def _type_counts(total: int) -> list[int]:
    raw = [t.share * total for t in AGENCY_TYPES]
    counts = [int(x) for x in raw]
    # Largest remainders get the leftover agencies, so the counts add up to ``total`` exactly.
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[
        : total - sum(counts)
    ]:
        counts[i] += 1
    return counts


def make_agencies(total: int, rng: np.random.Generator) -> pd.DataFrame:
    """The roster: id, name, short name, type, province, and a latent quality per agency."""
    rows = []
    n = 0
    for kind, count in zip(AGENCY_TYPES, _type_counts(total), strict=True):
        for k in range(count):
            n += 1
            province = (
                PROVINCES[1 + k % 76]
                if kind.code == "อบจ."
                else PROVINCES[int(rng.integers(0, 77))]
            )
            place = f"ตัวอย่าง{n:05d}"
            name = f"{kind.prefix}{province}" if kind.code == "อบจ." else f"{kind.prefix}{place}"
            short = f"{kind.code}{province}" if kind.code == "อบจ." else f"{kind.code}{place}"
            rows.append(
                {
                    "org_id": f"syn{n:05d}",
                    "org_name": name,
                    "short_name": short,
                    "org_type": kind.code,
                    "province": province,
                    "quality": rng.normal(kind.quality, 0.8),
                }
            )
    return pd.DataFrame(rows)


def make_scores(
    agencies: pd.DataFrame, year: int, step: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Wide item-level scores of every agency for ``year``; ``step`` steps of improvement
    (``improvement_steps(year)``)."""
    fw = load_framework(year)
    n = len(agencies)
    # Each year agencies improve a little, some more than others (the national mean rose
    # from 90.2 in FY2566 to 93.8 in FY2568).
    quality = agencies["quality"].to_numpy() + step * (0.42 + rng.normal(0, 0.25, n))
    columns: dict[str, np.ndarray] = {}
    for tool in fw.tools:
        for ind in tool.indicators:
            for item in ind.all_items():
                difficulty = rng.normal(0, 0.5)
                if tool.code == "OIT":
                    p = 1 / (1 + np.exp(-(2.3 + 1.2 * quality - difficulty)))
                    columns[item.code] = np.where(rng.random(n) < p, 100.0, 0.0)
                else:
                    base = 90.5 if tool.code == "IIT" else 88.5
                    level = base + 3.2 * quality - 2.5 * difficulty + rng.normal(0, 4.0, n)
                    columns[item.code] = np.clip(np.round(level, 2), 0, 100)
    frame = pd.DataFrame(columns)
    frame.insert(0, "fiscal_year", year)
    frame.insert(0, "org_name", agencies["org_name"].to_numpy())
    frame.insert(0, "org_id", agencies["org_id"].to_numpy())
    frame["data_note"] = SYNTHETIC_NOTE
    return frame


def synthesize(total: int, years: Sequence[int], seed: int, out_dir: str | Path) -> list[Path]:
    """Write ``agencies.csv``, ``scores-<year>.csv`` per year and a README; return the paths."""
    out = Path(out_dir)
    targets = [out / "agencies.csv", *(out / f"scores-{y}.csv" for y in years), out / "README.md"]
    for target in targets:
        _refuse_real_file(target)
    rng = np.random.default_rng(seed)
    agencies = make_agencies(total, rng)
    written = []
    roster = agencies.drop(columns=["quality"]).assign(data_note=SYNTHETIC_NOTE)
    path = out / "agencies.csv"
    with atomic_open(path) as handle:
        roster.to_csv(handle, index=False)
    written.append(path)
    for year in sorted(years):
        path = out / f"scores-{year}.csv"
        with atomic_open(path) as handle:
            make_scores(agencies, year, improvement_steps(year), rng).to_csv(handle, index=False)
        written.append(path)
    readme = out / "README.md"
    atomic_write_text(
        readme,
        f"# {SYNTHETIC_NOTE}\n\n"
        f"Made by `ita-report synth --agencies {total} --years {' '.join(map(str, years))} "
        f"--seed {seed}`. Agency names, ids and every score are invented; agency types and "
        "provinces follow the national proportions in ITA.md. Every CSV row carries the column "
        "`data_note` saying so.\n",
    )
    written.append(readme)
    return written


def _refuse_real_file(target: Path) -> None:
    """An existing file is replaced only if it is synthetic itself (it carries the note): a
    real roster or score file in the folder is never written over (issue 21)."""
    if not target.exists():
        return
    try:
        with target.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        head = b""
    if SYNTHETIC_NOTE.encode("utf-8") not in head:
        from ita_report.iorw import refuse_overwrite

        refuse_overwrite(target, force=False)
