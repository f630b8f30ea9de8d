"""Target semantics per operator and measure. Expected numbers worked out by hand."""

from datetime import date

import pytest

from plan_cli.evaluate import IndicatorStatus as S
from plan_cli.evaluate import evaluate, satisfies
from plan_cli.model import Direction, Indicator, Op, Settings
from plan_cli.quarter import Quarter

UP, DOWN = Direction.up, Direction.down
START, END = Quarter(2023, 1), Quarter(2025, 4)
MID, AFTER = date(2024, 6, 1), date(2026, 3, 1)


@pytest.mark.parametrize("op, value, goal, direction, ok", [
    (Op.about, 2.75, 2.8, UP, True),      # 2.8 * 0.98 = 2.744 <= 2.75
    (Op.about, 2.74, 2.8, UP, False),     # just outside the 2% tolerance
    (Op.about, 3.5, 2.8, UP, True),       # beyond the goal in the good direction
    (Op.about, 2.04, 2.0, DOWN, True),    # 2.0 * 1.02 = 2.04
    (Op.about, 2.05, 2.0, DOWN, False),
    (Op.more_than, 400, 400, UP, False),  # 超过400: strictly more
    (Op.more_than, 401, 400, UP, True),
    (Op.at_least, 2, 2, UP, True),        # 2家以上
    (Op.less_than, 2.0, 2.0, DOWN, False),  # 缩小到2以内
    (Op.less_than, 1.99, 2.0, DOWN, True),
    (Op.at_most, 1, 1, DOWN, True),       # rank: first in the province
    (Op.at_most, 2, 1, DOWN, False),
])
def test_satisfies(op, value, goal, direction, ok):
    assert satisfies(op, value, goal, direction, 0.02) is ok


def indicator(**fields) -> Indicator:
    base = dict(id="x", name="x", unit="%", direction="up", source="test",
                target={"period": 2025, "op": "about", "value": 2.8})
    base.update(fields)
    return Indicator.model_validate(base)


def judge(ind, as_of=MID):
    return evaluate(ind, Settings(), as_of, START, END)


def fig(period, value):
    return {"period": period, "value": value, "source": "test"}


def test_level_on_track_at_risk_off_track_against_the_straight_line():
    # baseline 2022 = 2.0 stands at t=2023.0, target 2025 = 2.8 at t=2026.0;
    # an actual for 2023 stands at t=2024.0: a third of the way, expected 2.0 + 0.8/3 = 2.2667.
    base = dict(baseline=fig(2022, 2.0))
    on = judge(indicator(**base, actuals=[fig(2023, 2.3)]))
    assert on.status is S.on_track
    assert on.expected == pytest.approx(2.26667, abs=1e-4)
    assert on.gap_to_target == pytest.approx(0.5)
    # achieved 0.22 of expected 0.2667 = 82.5% >= 80%: at risk
    assert judge(indicator(**base, actuals=[fig(2023, 2.22)])).status is S.at_risk
    # achieved 0.2 of 0.2667 = 75%: off track; behind the line by 0.0667 = 8.3% of the 0.8 span
    off = judge(indicator(**base, actuals=[fig(2023, 2.2)]))
    assert off.status is S.off_track
    assert off.gap_to_trajectory == pytest.approx(0.06667, abs=1e-4)
    assert off.span_share == pytest.approx(0.08333, abs=1e-4)


def test_met_early_counts_as_met():
    assert judge(indicator(baseline=fig(2022, 2.0), actuals=[fig(2023, 2.75)])).status is S.met


def test_missing_data_is_reported_not_guessed():
    no_data = judge(indicator(baseline=fig(2022, 2.0)))
    assert no_data.status is S.no_data and no_data.missing == ("actual",)
    no_base = judge(indicator(actuals=[fig(2023, 2.5)]))
    assert no_base.status is S.no_baseline and no_base.missing == ("baseline",)


def test_actuals_after_the_as_of_date_are_ignored():
    ind = indicator(baseline=fig(2022, 2.0), actuals=[fig(2023, 2.3), fig(2024, 2.0)])
    assert judge(ind, as_of=date(2024, 6, 1)).latest.period == 2023


def test_after_the_period_only_the_target_year_counts():
    ind = indicator(baseline=fig(2022, 2.0), actuals=[fig(2024, 2.9)])
    # 2024 met, but 2025 is what is judged: provisional, never "no data" while data exists
    ev = judge(ind, AFTER)
    assert ev.status is S.likely_met and ev.latest.period == 2024 and "final_value" in ev.missing
    assert judge(indicator(actuals=[fig(2025, 2.75)]), AFTER).status is S.met
    assert judge(indicator(actuals=[fig(2025, 2.5)]), AFTER).status is S.missed


def test_doubling_needs_the_baseline():
    target = {"period": 2025, "op": "multiple_of_baseline", "value": 2}
    assert judge(indicator(target=target, actuals=[fig(2023, 9)])).status is S.no_baseline
    # baseline 5 -> goal 10; 2023 expected 5 + 5/3 = 6.67; 9 is ahead of the line
    done = judge(indicator(target=target, baseline=fig(2022, 5), actuals=[fig(2023, 9)]))
    assert done.goal == 10 and done.status is S.on_track
    assert judge(indicator(target=target, baseline=fig(2022, 5), actuals=[fig(2023, 10)])).status is S.met


def test_annual_growth_judges_the_compound_average_rate():
    target = {"period": 2025, "op": "about", "value": 5}
    growth = dict(measure="annual_growth", target=target)
    # (1.06 * 1.04) ** 0.5 - 1 = 4.995%: within 2% of 5 -> on track mid-period
    ev = judge(indicator(**growth, actuals=[fig(2023, 6), fig(2024, 4)]), date(2025, 3, 1))
    assert ev.latest.value == pytest.approx(4.995, abs=1e-3)
    assert ev.status is S.on_track
    # 4.2% >= 0.8 * 5 = 4.0: at risk; 3.5%: off track
    assert judge(indicator(**growth, actuals=[fig(2023, 4.2)])).status is S.at_risk
    assert judge(indicator(**growth, actuals=[fig(2023, 3.5)])).status is S.off_track
    final = [fig(2023, 6), fig(2024, 5), fig(2025, 5)]
    assert judge(indicator(**growth, actuals=final), AFTER).status is S.met
    # 2025 not reported: (1.06 * 1.05) ** 0.5 - 1 = 5.4988% so far -> likely met; 2025 needs
    # 1.05 ** 3 / (1.06 * 1.05) - 1 = 4.0094% for an average of 5%.
    partial = judge(indicator(**growth, actuals=final[:2]), AFTER)
    assert partial.status is S.likely_met and "final_value" in partial.missing
    assert partial.projection.required_pace == pytest.approx(4.0094, abs=1e-4)


def test_cumulative_starts_from_zero_before_the_plan():
    target = {"period": 2025, "op": "at_least", "value": 2}
    # implicit baseline 0 at 2022 (t=2023.0); 2023 (t=2024.0) expects 2/3
    ev = judge(indicator(measure="cumulative", unit="家", target=target, actuals=[fig(2023, 1)]))
    assert ev.status is S.on_track and ev.expected == pytest.approx(2 / 3)


def test_lower_is_better_and_rank():
    ratio = indicator(direction="down", unit="倍", target={"period": 2025, "op": "less_than", "value": 2},
                      baseline=fig(2022, 2.3), actuals=[fig(2023, 2.1)])
    # expected 2.3 - 0.3/3 = 2.2; 2.1 is ahead of it
    assert judge(ratio).status is S.on_track
    rank = indicator(direction="down", measure="rank", unit="位",
                     target={"period": 2025, "op": "at_most", "value": 1}, actuals=[fig(2023, 1)])
    assert judge(rank).status is S.met


def test_exactly_on_the_line_is_on_track_despite_rounding():
    # 2.2 + (2.8 - 2.2) / 3 is 2.4000000000000004 in floating point; 2.4 is on the line
    ev = judge(indicator(baseline=fig(2022, 2.2), actuals=[fig(2023, 2.4)]))
    assert ev.status is S.on_track


def test_growth_at_risk_band_works_in_both_directions():
    # at most 3%/yr (lower is better): 3.5% is short by 0.5 <= 0.2 * 3 = 0.6 -> at risk; 3.7 off
    capped = dict(measure="annual_growth", direction="down",
                  target={"period": 2025, "op": "at_most", "value": 3})
    assert judge(indicator(**capped, actuals=[fig(2023, 3.5)])).status is S.at_risk
    assert judge(indicator(**capped, actuals=[fig(2023, 3.7)])).status is S.off_track
    # falling 3%/yr (年均下降3%): -2.5% is short by 0.5 -> at risk; -2.0% off track
    falling = dict(measure="annual_growth", direction="down",
                   target={"period": 2025, "op": "at_most", "value": -3})
    assert judge(indicator(**falling, actuals=[fig(2023, -2.5)])).status is S.at_risk
    assert judge(indicator(**falling, actuals=[fig(2023, -2.0)])).status is S.off_track


def test_an_impossible_growth_rate_does_not_crash_the_average():
    # -150% cannot be compounded (plan check rejects it); the report still answers
    ev = judge(indicator(measure="annual_growth", actuals=[fig(2023, -150), fig(2024, 10)],
                         target={"period": 2025, "op": "about", "value": 5}), date(2025, 3, 1))
    assert ev.status is S.off_track and ev.latest.value == pytest.approx(-70)
