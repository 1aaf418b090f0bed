"""Scores printed as a hand check rounds them: half up on the decimal written (issue 25)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_report.thai import format_score, round_score

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("value", "printed"), [
    (95.625, "๙๕.๖๓"),   # the sample's OIT: binary 95.62499… printed ๙๕.๖๒ before
    (84.995, "๘๕.๐๐"),
    (0.005, "๐.๐๑"),
    (95.62499999999999, "๙๕.๖๓"),  # a mean of two-decimal scores, off by binary noise
    (84.994, "๘๔.๙๙"),
    (100.0, "๑๐๐.๐๐"),
])
def test_a_score_is_rounded_half_up(value: float, printed: str) -> None:
    assert format_score(value) == printed
    assert f"{round_score(value):.2f}" == format_score(value, thai=False)


def test_the_samples_oit_prints_as_a_hand_check_rounds_it() -> None:
    """The sample's OIT is 95.625: its results table and its paragraph print ๙๕.๖๓."""
    from ita_report.document import build_document
    from ita_report.params import load_params
    from ita_report.report.html import result_rows

    doc = build_document(load_params(ROOT / "params" / "chaemae-2566.yaml"))
    oit = next(t for t in doc.assessment.tools if t.code == "OIT")
    assert oit.score == pytest.approx(95.625)
    assert any("OIT" in label and value == "๙๕.๖๓" for _, label, value in result_rows(doc)), \
        result_rows(doc)
    words = " ".join(t for p in doc.in_words.passages for t in p.paragraphs)
    assert "๙๕.๖๓" in words and "๙๕.๖๒" not in words


def test_a_level_is_judged_on_the_score_printed() -> None:
    """An ITA of 84.995 prints ๘๕.๐๐: its level is the one of 85, not the one below."""
    from ita_report.framework import load_framework

    fw = load_framework(2566)
    scores = {t.code: 84.995 for t in fw.tools}
    assert fw.level_for(84.995, scores).name == fw.level_for(85.0, scores).name
