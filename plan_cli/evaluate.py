"""Where an indicator stands against its target: met, on track, at risk, …

The rules (design §4), for an as-of date inside the plan period:

* ``met`` — the latest actual already satisfies the target;
* otherwise compare with the straight line from baseline to target at the
  latest actual's period: ``on_track`` when the change achieved reaches the
  change expected, ``at_risk`` when it reaches ``at_risk_share`` of it,
  ``off_track`` below;
* ``no_data`` without an actual, ``no_baseline`` when the line needs a
  baseline that is missing.

After the plan period only the target period's actual counts: ``met`` or
``missed`` (``no_data`` without it). Measures change what a value means:

* ``level`` and ``rank``: the value itself (rank: 1 is first, lower is better);
* ``cumulative``: a running total since the plan began; its baseline is 0 at
  the year before the plan;
* ``annual_growth``: each actual is one year's growth rate; progress is the
  compound average of the years so far, judged against the target rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .model import Direction, Figure, Indicator, Measure, Op, Settings, Target
from .quarter import Quarter, period_end, period_years


class IndicatorStatus(StrEnum):
    met = "met"
    on_track = "on_track"
    at_risk = "at_risk"
    off_track = "off_track"
    no_data = "no_data"
    no_baseline = "no_baseline"
    missed = "missed"


# Worst first: the order reports sort by.
STATUS_ORDER = (
    IndicatorStatus.missed, IndicatorStatus.off_track, IndicatorStatus.at_risk,
    IndicatorStatus.no_baseline, IndicatorStatus.no_data, IndicatorStatus.on_track,
    IndicatorStatus.met,
)


def satisfies(op: Op, value: float, goal: float, direction: Direction, tolerance: float) -> bool:
    """Does ``value`` meet a target ``op goal``?

    ``about`` (左右) accepts a value within ``tolerance`` (relative) short of
    the goal; going beyond it in the good direction is also fine.
    """
    if op is Op.about:
        if direction is Direction.up:
            return value >= goal * (1 - tolerance)
        return value <= goal * (1 + tolerance)
    if op is Op.at_least or op is Op.multiple_of_baseline:
        return value >= goal
    if op is Op.more_than:
        return value > goal
    if op is Op.at_most:
        return value <= goal
    return value < goal  # less_than


def goal_value(target: Target, baseline: Figure | None) -> float | None:
    """The number the target asks for; a multiple of the baseline needs the baseline."""
    if target.op is Op.multiple_of_baseline:
        return target.value * baseline.value if baseline else None
    return target.value


@dataclass(frozen=True)
class Evaluation:
    indicator: Indicator
    status: IndicatorStatus
    latest: Figure | None  # the actual judged
    goal: float | None  # what the target asks for, in the indicator's unit
    baseline: Figure | None  # as used (cumulative: 0 before the plan)
    expected: float | None  # on the trajectory at the latest actual's period
    gap_to_target: float | None  # how far short of the goal, in the good direction (>0 short)
    gap_to_trajectory: float | None  # how far short of the trajectory (>0 behind)
    span_share: float | None  # gap_to_trajectory as a share of the baseline-to-goal span
    missing: tuple[str, ...]  # what data is missing: "baseline", "actual"


_EPSILON = 1e-9


def _sign(direction: Direction) -> int:
    return 1 if direction is Direction.up else -1


def _actuals_until(indicator: Indicator, as_of: date) -> list[Figure]:
    known = [a for a in indicator.actuals if period_end(a.period) <= as_of]
    return sorted(known, key=lambda a: period_years(a.period))


def _compound_average(rates: list[float]) -> float:
    if any(rate <= -100 for rate in rates):  # (plan check rejects it): no compound mean
        return sum(rates) / len(rates)
    # The geometric mean through logarithms: a product of factors overflows to inf
    # for absurd rates (33 years of 1e18 % crashed every report), the mean of their
    # logarithms cannot.
    mean = math.fsum(math.log1p(rate / 100) for rate in rates) / len(rates)
    return math.expm1(mean) * 100


def expected_at(baseline: Figure, goal: float, target_period: int | Quarter,
                period: int | Quarter) -> float:
    """The value on the straight line from the baseline to the goal at ``period``
    (held at the baseline before it and at the goal after the target period)."""
    start, stop = period_years(baseline.period), period_years(target_period)
    share_of_time = min(max((period_years(period) - start) / (stop - start), 0.0), 1.0) \
        if stop > start else 1.0
    return baseline.value + (goal - baseline.value) * share_of_time


def evaluate(indicator: Indicator, settings: Settings, as_of: date,
             plan_start: Quarter, plan_end: Quarter) -> Evaluation:
    """Judge one indicator at ``as_of`` (see the module docstring)."""
    tolerance = settings.about_tolerance if indicator.tolerance is None else indicator.tolerance
    target = indicator.target
    baseline = indicator.baseline
    if indicator.measure is Measure.cumulative and baseline is None:
        baseline = Figure(period=plan_start.year - 1, value=0.0, source="cumulative: starts at 0")
    final = as_of > plan_end.end
    actuals = _actuals_until(indicator, as_of)
    if indicator.measure is Measure.annual_growth:
        return _evaluate_growth(indicator, settings, tolerance, actuals, final)
    goal = goal_value(target, baseline)
    missing = tuple(name for name, absent in (
        ("baseline", baseline is None and _needs_baseline(indicator)),
        ("actual", not actuals)) if absent)
    if final:
        actuals = [a for a in actuals if period_years(a.period) == period_years(target.period)]
    latest = actuals[-1] if actuals else None
    sign = _sign(indicator.direction)
    gap_to_target = sign * (goal - latest.value) if (latest and goal is not None) else None

    def result(status, expected=None, gap_traj=None, share=None):
        return Evaluation(indicator, status, latest, goal, baseline, expected, gap_to_target,
                          gap_traj, share, missing)

    if latest is None or (goal is None and final):
        return result(IndicatorStatus.no_data)
    if goal is None:
        return result(IndicatorStatus.no_baseline)
    if satisfies(target.op, latest.value, goal, indicator.direction, tolerance):
        return result(IndicatorStatus.met)
    if final:
        return result(IndicatorStatus.missed)
    if baseline is None:
        return result(IndicatorStatus.no_baseline)
    expected = expected_at(baseline, goal, target.period, latest.period)
    span = sign * (goal - baseline.value)
    expected_change = sign * (expected - baseline.value)
    achieved = sign * (latest.value - baseline.value)
    gap_traj = expected_change - achieved
    share = gap_traj / span if span else None
    # Exactly on the line must not fall short by a rounding error (2.2 + 0.6/3 != 2.4).
    if achieved >= expected_change - _EPSILON * max(1.0, abs(span)):
        status = IndicatorStatus.on_track
    elif expected_change > 0 and achieved >= settings.at_risk_share * expected_change:
        status = IndicatorStatus.at_risk
    else:
        status = IndicatorStatus.off_track
    return result(status, expected, gap_traj, share)


def _needs_baseline(indicator: Indicator) -> bool:
    return indicator.measure in (Measure.level, Measure.rank)


def _evaluate_growth(indicator: Indicator, settings: Settings, tolerance: float,
                     actuals: list[Figure], final: bool) -> Evaluation:
    """Annual growth: each actual is a year's rate; judge their compound average."""
    target = indicator.target
    goal = target.value
    years = [a for a in actuals if isinstance(a.period, int)]
    if final:
        # Years up to the target's year: period_years(2025) is 2026.0 (the end of
        # 2025), which let a 2026 rate into the final average.
        last = target.period if isinstance(target.period, int) else target.period.year
        years = [a for a in years if a.period <= last]
        if not any(a.period == target.period for a in years):
            years = []
    missing = () if years else ("actual",)
    if not years:
        return Evaluation(indicator, IndicatorStatus.no_data, None, goal, None, None, None, None,
                          None, missing)
    average = _compound_average([a.value for a in years])
    latest = Figure(period=years[-1].period, value=round(average, 4),
                    source=f"compound average of {len(years)} year(s)")
    sign = _sign(indicator.direction)
    gap = sign * (goal - average)
    if satisfies(target.op, average, goal, indicator.direction, tolerance):
        status = IndicatorStatus.met if final else IndicatorStatus.on_track
    elif final:
        status = IndicatorStatus.missed
    # At risk: short by at most (1 - at_risk_share) of the goal's size, in the good
    # direction (5%/yr: 4% is at risk; at most 3%/yr: 3.6%; falling 3%/yr: -2.4%).
    elif gap <= (1 - settings.at_risk_share) * abs(goal):
        status = IndicatorStatus.at_risk
    else:
        status = IndicatorStatus.off_track
    share = gap / goal if goal else None
    return Evaluation(indicator, status, latest, goal, None, goal, gap, gap, share, missing)
