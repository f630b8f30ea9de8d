"""Where an indicator stands against its target: met, on track, at risk, …

The rules (design §4), for an as-of date inside the plan period:

* ``met`` — the latest actual already satisfies the target;
* otherwise compare with the straight line from baseline to target at the
  latest actual's period: ``on_track`` when the change achieved reaches the
  change expected, ``at_risk`` when it reaches ``at_risk_share`` of it,
  ``off_track`` below;
* ``no_data`` without an actual, ``no_baseline`` when the line needs a
  baseline that is missing.

During the period an indicator is also projected to the target period
(:func:`project`): least squares on the levels known (baseline included), and
``projected_to_miss`` replaces ``on_track`` or ``at_risk`` when the projected
change reaches less than ``at_risk_share`` of the baseline-to-goal span. With
the baseline and one actual the projection is the straight line itself, so it
only disagrees once three points show a bending trend.

After the plan period the target period's actual decides: ``met`` or
``missed``. Without it, a provisional verdict from what is known:
``likely_met`` (the latest value already satisfies the target, or the trend
reaches it), ``likely_missed`` (the trend falls short), ``cannot_tell`` (one
point and no goal or no trend); ``no_data`` only when nothing is known.
An officially reported outcome (``outcome:``) is carried beside, never mixed
into the computed verdict. Measures change what a value means:

* ``level`` and ``rank``: the value itself (rank: 1 is first, lower is better);
* ``cumulative``: a running total since the plan began; its baseline is 0 at
  the year before the plan;
* ``annual_growth``: each actual is one year's growth rate; progress is the
  compound average of the years so far, judged against the target rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from .model import (Direction, Figure, Indicator, Measure, Op, Outcome, Settings, Target,
                    Tolerance)
from .quarter import Quarter, period_end, period_years


class IndicatorStatus(StrEnum):
    met = "met"
    on_track = "on_track"
    at_risk = "at_risk"
    off_track = "off_track"
    no_data = "no_data"
    no_baseline = "no_baseline"
    missed = "missed"
    projected_to_miss = "projected_to_miss"
    likely_met = "likely_met"
    likely_missed = "likely_missed"
    cannot_tell = "cannot_tell"


# Worst first: the order reports sort by.
STATUS_ORDER = (
    IndicatorStatus.missed, IndicatorStatus.likely_missed, IndicatorStatus.off_track,
    IndicatorStatus.projected_to_miss, IndicatorStatus.at_risk,
    IndicatorStatus.no_baseline, IndicatorStatus.cannot_tell, IndicatorStatus.no_data,
    IndicatorStatus.on_track, IndicatorStatus.likely_met, IndicatorStatus.met,
)
# Statuses that say an indicator is behind (考评 "indicators behind", owners' column).
BEHIND = frozenset({IndicatorStatus.off_track, IndicatorStatus.missed,
                    IndicatorStatus.projected_to_miss, IndicatorStatus.likely_missed})
# The statuses of a final evaluation (after the period), and of one during it.
FINAL_STATUSES = (IndicatorStatus.met, IndicatorStatus.missed, IndicatorStatus.likely_met,
                  IndicatorStatus.likely_missed, IndicatorStatus.cannot_tell,
                  IndicatorStatus.no_data)
MIDWAY_STATUSES = (IndicatorStatus.met, IndicatorStatus.on_track, IndicatorStatus.at_risk,
                   IndicatorStatus.projected_to_miss, IndicatorStatus.off_track,
                   IndicatorStatus.no_baseline, IndicatorStatus.no_data)


def slack(tolerance: float | Tolerance, goal: float) -> float:
    """How far short of ``goal`` a 左右 target accepts, in the unit: a bare number or
    ``relative`` is a share of the goal, ``absolute`` is in the unit (±0.5 years)."""
    if isinstance(tolerance, Tolerance):
        if tolerance.absolute is not None:
            return tolerance.absolute
        return abs(goal) * (tolerance.relative or 0.0)
    return abs(goal) * tolerance


def satisfies(op: Op, value: float, goal: float, direction: Direction,
              tolerance: float | Tolerance) -> bool:
    """Does ``value`` meet a target ``op goal``?

    ``about`` (左右) accepts a value within ``tolerance`` (:func:`slack`) short of
    the goal; going beyond it in the good direction is also fine.
    """
    if op is Op.about:
        if direction is Direction.up:
            return value >= goal - slack(tolerance, goal) - _EPSILON
        return value <= goal + slack(tolerance, goal) + _EPSILON
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
    missing: tuple[str, ...]  # what data is missing: "baseline", "actual", "final_value"
    projection: Projection | None = None  # the trend to the target period (None: no trend)
    official: Outcome | None = None  # an officially reported outcome, as recorded
    within_tolerance: bool = False  # met only thanks to the 左右 tolerance
    final: bool = False  # judged after the period


@dataclass(frozen=True)
class Projection:
    """Where the trend of the known values ends at the target period, and the pace needed.

    ``method`` is ``trend`` (least squares on levels over ``points`` values) or
    ``growth`` (annual growth: the compound average so far, carried on).
    ``required_pace``: for levels, the change a year still needed from the latest
    value to the goal; for annual growth, the average rate the remaining years need
    (None when no year remains).
    """

    method: str
    points: int
    value: float | None  # projected value at the target period (None: fewer than 2 points)
    required_pace: float | None
    remaining_years: float
    reaches: bool | None  # does the projected value satisfy the target (None: no value)


_EPSILON = 1e-9


def figure_time(fig: Figure) -> float:
    """A figure's point on the time axis of :func:`period_years`; ``as_at`` when given."""
    if fig.as_at is not None:
        day = fig.as_at
        length = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
        return day.year + day.timetuple().tm_yday / length
    return period_years(fig.period)


def figure_known(fig: Figure) -> date:
    """The first day a figure can be known: the end of its period, or its ``as_at`` day."""
    return fig.as_at or period_end(fig.period)


def least_squares(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """(slope, intercept) of the least-squares line; None with fewer than two times."""
    if len({x for x, _ in points}) < 2:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    slope = sxy / sxx
    return slope, my - slope * mx


def project(indicator: Indicator, baseline: Figure | None, actuals: list[Figure],
            goal: float | None, tolerance) -> Projection:
    """Least squares on the levels known (baseline first), evaluated at the target period."""
    target_time = period_years(indicator.target.period)
    points = ([(figure_time(baseline), baseline.value)] if baseline else []) + \
        [(figure_time(a), a.value) for a in actuals]
    line = least_squares(points)
    value = line[0] * target_time + line[1] if line else None
    latest = actuals[-1] if actuals else None
    remaining = max(target_time - figure_time(latest), 0.0) if latest else 0.0
    pace = (goal - latest.value) / remaining if (latest and goal is not None and remaining > 0) \
        else None
    if pace is not None and satisfies(indicator.target.op, latest.value, goal,
                                      indicator.direction, tolerance):
        pace = None  # already there: no pace is needed
    reaches = None if value is None or goal is None else satisfies(
        indicator.target.op, value, goal, indicator.direction, tolerance)
    return Projection("trend", len(points), value, pace, remaining, reaches)


def _sign(direction: Direction) -> int:
    return 1 if direction is Direction.up else -1


def _actuals_until(indicator: Indicator, as_of: date) -> list[Figure]:
    known = [a for a in indicator.actuals if figure_known(a) <= as_of]
    return sorted(known, key=figure_time)


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
        return _evaluate_growth(indicator, settings, tolerance, actuals, final, plan_start)
    goal = goal_value(target, baseline)
    missing = tuple(name for name, absent in (
        ("baseline", baseline is None and _needs_baseline(indicator)),
        ("actual", not actuals)) if absent)
    projection = project(indicator, baseline, actuals, goal, tolerance) if actuals else None
    if final and projection is not None:  # the period is over: no pace can be kept any more
        projection = replace(projection, required_pace=None, remaining_years=0.0)
    reported = [a for a in actuals if period_years(a.period) == period_years(target.period)
                and a.as_at is None]
    if final and actuals and not reported:
        missing += ("final_value",)
    if final and reported:
        actuals = reported
        projection = None  # the end-of-period value is known: nothing to project
    latest = actuals[-1] if actuals else None
    sign = _sign(indicator.direction)
    gap_to_target = sign * (goal - latest.value) if (latest and goal is not None) else None

    def result(status, expected=None, gap_traj=None, share=None):
        met = status in (IndicatorStatus.met, IndicatorStatus.likely_met)
        within = bool(met and gap_to_target is not None and gap_to_target > _EPSILON)
        return Evaluation(indicator, status, latest, goal, baseline, expected, gap_to_target,
                          gap_traj, share, missing, projection, indicator.outcome, within, final)

    if latest is None:
        return result(IndicatorStatus.no_data)
    if final and not reported:
        return result(_provisional(indicator, latest, goal, tolerance, projection))
    if goal is None:
        return result(IndicatorStatus.no_data if final else IndicatorStatus.no_baseline)
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
    if status is not IndicatorStatus.off_track and projection and projection.value is not None \
            and span > 0:
        projected_change = sign * (projection.value - baseline.value)
        if projected_change < settings.at_risk_share * span - _EPSILON * span:
            status = IndicatorStatus.projected_to_miss
    return result(status, expected, gap_traj, share)


def _provisional(indicator: Indicator, latest: Figure, goal: float | None, tolerance,
                 projection: Projection | None) -> IndicatorStatus:
    """After the period, without the target period's value: what the known values suggest."""
    if goal is None:
        return IndicatorStatus.cannot_tell
    if satisfies(indicator.target.op, latest.value, goal, indicator.direction, tolerance):
        return IndicatorStatus.likely_met
    if projection is None or projection.reaches is None:
        return IndicatorStatus.cannot_tell
    return IndicatorStatus.likely_met if projection.reaches else IndicatorStatus.likely_missed


def _needs_baseline(indicator: Indicator) -> bool:
    return indicator.measure in (Measure.level, Measure.rank)


def required_growth(goal: float, rates: list[float], years_in_plan: int) -> float | None:
    """The average yearly rate the remaining years need for a compound average of ``goal``."""
    remaining = years_in_plan - len(rates)
    if remaining <= 0:
        return None
    done = 1.0
    for rate in rates:
        done *= 1 + rate / 100
    whole = (1 + goal / 100) ** years_in_plan
    if done <= 0 or whole <= 0:
        return None
    return ((whole / done) ** (1 / remaining) - 1) * 100


def _evaluate_growth(indicator: Indicator, settings: Settings, tolerance,
                     actuals: list[Figure], final: bool, plan_start: Quarter) -> Evaluation:
    """Annual growth: each actual is a year's rate; judge their compound average."""
    target = indicator.target
    goal = target.value
    last = target.period if isinstance(target.period, int) else target.period.year
    years = [a for a in actuals if isinstance(a.period, int) and a.as_at is None]
    # Years up to the target's year: period_years(2025) is 2026.0 (the end of
    # 2025), which let a 2026 rate into the final average.
    in_plan = [a for a in years if plan_start.year <= a.period <= last] or \
        [a for a in years if a.period <= last]
    reported = any(a.period == last for a in in_plan)
    missing = () if in_plan else ("actual",)
    if final and in_plan and not reported:
        missing += ("final_value",)
    if not in_plan:
        return Evaluation(indicator, IndicatorStatus.no_data, None, goal, None, None, None, None,
                          None, missing, None, indicator.outcome, False, final)
    rates = [a.value for a in in_plan]
    average = _compound_average(rates)
    latest = Figure(period=in_plan[-1].period, value=round(average, 4),
                    source=f"compound average of {len(in_plan)} year(s)")
    plan_years = last - plan_start.year + 1
    projection = Projection("growth", len(in_plan), average,
                            required_growth(goal, rates, plan_years),
                            float(max(plan_years - len(in_plan), 0)),
                            satisfies(target.op, average, goal, indicator.direction, tolerance))
    sign = _sign(indicator.direction)
    gap = sign * (goal - average)
    ok = satisfies(target.op, average, goal, indicator.direction, tolerance)
    if final and not reported:
        status = IndicatorStatus.likely_met if ok else IndicatorStatus.likely_missed
    elif ok:
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
    within = ok and gap > _EPSILON
    return Evaluation(indicator, status, latest, goal, None, goal, gap, gap, share, missing,
                      projection, indicator.outcome, within, final)
