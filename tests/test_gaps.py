"""Scores roll up as the NACC computes them, and missing data is never taken as zero."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ita_report.framework import load_framework
from ita_report.gaps import Status, assess, item_status

FW2564 = load_framework(2564)
FW2566 = load_framework(2566)
FW2567 = load_framework(2567)
PROVINCE_2564 = [93.55, 87.72, 91.01, 87.93, 89.52, 90.55, 88.68, 88.58, 72.89, 65.56]


def test_published_fy2564_province_from_indicator_scores() -> None:
    scores: dict[str, float | None] = {
        f"ind{n}": s for n, s in zip(range(1, 11), PROVINCE_2564, strict=True)
    }
    result = assess(FW2564, org_id="province", scores=scores)
    assert result.ita is not None and round(result.ita, 2) == 81.45
    assert result.level == "B"
    assert result.indicator_level_only
    assert result.weakest_indicator is not None and result.weakest_indicator.number == 10


@pytest.mark.parametrize(
    ("score", "status"),
    [(None, Status.MISSING), (0.0, Status.ZERO), (84.99, Status.BELOW), (85.0, Status.PASS)],
)
def test_item_status(score: float | None, status: Status) -> None:
    assert item_status(score, 85) is status


def test_item_gap_is_the_shortfall() -> None:
    result = assess(FW2566, org_id="x", scores={"e1": 84.77, "e2": 90.0})
    e1, e2 = result.item("e1"), result.item("e2")
    assert e1 is not None and e1.gap == 0.23 and e1.status is Status.BELOW
    assert e2 is not None and e2.gap == 0.0 and e2.status is Status.PASS


def test_indicator_nine_is_the_mean_of_its_sub_indicators() -> None:
    # 9.1 has ten items all at 100, 9.2 has eight items with one at 0.
    nine = FW2566.indicator(9)
    scores: dict[str, float | None] = {i.code: 100.0 for i in nine.all_items()}
    scores["o17"] = 0.0
    result = assess(FW2566, org_id="x", scores=scores)
    ind9 = next(i for i in result.indicators if i.number == 9)
    sub_means = [100.0, 100 * 7 / 8, 100.0, 100.0, 100.0]
    assert ind9.score == pytest.approx(sum(sub_means) / 5)
    plain_mean = 100 * 29 / 30
    assert ind9.score != pytest.approx(plain_mean)


def test_missing_items_are_left_out_not_zeroed() -> None:
    result = assess(FW2566, org_id="x", scores={"i1": 90.0, "i2": None})
    ind1 = next(i for i in result.indicators if i.number == 1)
    assert ind1.score == 90.0
    assert ind1.items_with_data == 1 and ind1.items_total == 6
    assert "i2" in result.missing_items and "i3" in result.missing_items
    # Without EIT and OIT no ITA score or level can honestly be given.
    assert result.ita is None and result.level is None
    assert result.missing_tools == ("EIT", "OIT")


def test_given_indicator_score_wins_over_items() -> None:
    result = assess(FW2566, org_id="x", scores={"i1": 50.0, "ind1": 91.0})
    assert next(i for i in result.indicators if i.number == 1).score == 91.0
    assert next(i for i in result.indicators if i.number == 1).source == "indicator"


def test_extra_codes_are_scored_but_not_in_the_roll_up() -> None:
    result = assess(FW2566, org_id="x", scores={}, extra={"i37": 70.0})
    assert result.item("i37") is not None
    assert result.item("i37").status is Status.BELOW  # type: ignore[union-attr]
    assert result.tool("IIT").score is None


score = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def agency(draw: st.DrawFn) -> dict[str, float | None]:
    """Every FY2567 item with a score."""
    return {item.code: draw(score) for item in FW2567.items()}


@settings(max_examples=60, deadline=None)
@given(agency())
def test_scores_stay_within_bounds_and_weights_hold(scores: dict[str, float | None]) -> None:
    result = assess(FW2567, org_id="x", scores=scores)
    for ind in result.indicators:
        assert ind.score is not None and 0 <= ind.score <= 100
    tools = {t.code: t.score for t in result.tools}
    assert all(v is not None and 0 <= v <= 100 for v in tools.values())
    assert result.ita is not None
    expected = 0.3 * tools["IIT"] + 0.3 * tools["EIT"] + 0.4 * tools["OIT"]  # type: ignore[operator]
    assert math.isclose(result.ita, expected, abs_tol=1e-9)
    assert result.level is not None


@settings(max_examples=60, deadline=None)
@given(agency(), st.sampled_from([i.code for i in FW2567.items()]), score)
def test_raising_one_item_never_lowers_any_score(
    scores: dict[str, float | None], code: str, new: float
) -> None:
    before = assess(FW2567, org_id="x", scores=scores)
    old = scores[code]
    assert old is not None
    raised = {**scores, code: max(old, new)}
    after = assess(FW2567, org_id="x", scores=raised)
    assert after.ita is not None and before.ita is not None
    assert after.ita >= before.ita - 1e-9
    for b, a in zip(before.tools, after.tools, strict=True):
        assert a.score is not None and b.score is not None and a.score >= b.score - 1e-9


@settings(max_examples=40, deadline=None)
@given(agency(), st.sampled_from([i.code for i in FW2567.items()]))
def test_dropping_an_item_is_not_the_same_as_a_zero(
    scores: dict[str, float | None], code: str
) -> None:
    dropped = assess(FW2567, org_id="x", scores={**scores, code: None})
    zeroed = assess(FW2567, org_id="x", scores={**scores, code: 0.0})
    assert code in dropped.missing_items
    assert dropped.ita is not None and zeroed.ita is not None
    assert dropped.ita >= zeroed.ita - 1e-9


def _all_items(year: int, value: float) -> dict[str, float | None]:
    return {item.code: value for item in load_framework(year).items()}


def test_indicator_ten_is_the_mean_of_its_sub_indicators() -> None:
    # Published FY2564 rows: one 10.1 item (of eight) at zero, 10.2 complete -> 93.75, not 90.
    scores = _all_items(2564, 100.0)
    scores["o34"] = 0.0
    result = assess(FW2564, org_id="x", scores=scores)
    ten = next(i for i in result.indicators if i.number == 10)
    assert ten.score == pytest.approx((7 / 8 * 100 + 100) / 2) == pytest.approx(93.75)
    oit = result.tool("OIT").score
    assert oit == pytest.approx((100 + 93.75) / 2)
    assert result.ita == pytest.approx(0.3 * 100 + 0.3 * 100 + 0.4 * 96.875)
