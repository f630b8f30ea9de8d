"""``plan gaps``: every indicator against its target and its trajectory, worst first.

The judging is :func:`plan_cli.evaluate.evaluate`'s; this report adds what the
office needs to read it: the target as the plan words it, the gap to the target
as a share of the baseline-to-goal span, how many years an annual-growth
average covers, and what data is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..evaluate import STATUS_ORDER, Evaluation, Projection
from ..lights import evaluation_light
from ..load import Workspace
from ..model import Direction, Figure, Measure, Op, Outcome
from ..quarter import Quarter, period_end
from .filters import Filters, keep_indicator, kept_indicator_ids
from .status import evaluate_all


@dataclass(frozen=True)
class GapRow:
    id: str
    name: str
    area: str | None
    unit: str
    direction: Direction
    measure: Measure
    op: Op
    target_value: float  # as written (a factor for multiple_of_baseline)
    target_period: int | Quarter
    wording: str | None
    goal: float | None  # what the target asks for, in the unit (None: needs a baseline)
    baseline: Figure | None  # as used (cumulative: 0 before the plan)
    latest: Figure | None  # annual growth: the compound average rate up to its period
    growth_since: int | None  # annual growth: first year averaged
    expected: float | None  # on the trajectory at the latest period
    gap_to_target: float | None  # > 0: short of the goal, in the good direction
    target_share: float | None  # gap_to_target / span
    gap_to_trajectory: float | None  # > 0: behind the straight line
    trajectory_share: float | None  # gap_to_trajectory / span
    status: str
    missing: tuple[str, ...]  # "baseline", "actual", "final_value"
    light: str | None = None  # 三色预警 (plan_cli/lights.py): green, yellow, red
    projection: Projection | None = None  # the trend to the target period
    official: Outcome | None = None  # an officially reported outcome
    within_tolerance: bool = False  # met, but short of the goal within the 左右 tolerance
    cause: str | None = None  # 原因 recorded on the latest actual
    corrective_action: str | None = None  # 整改措施 recorded on the latest actual


@dataclass(frozen=True)
class GapsReport:
    plan_title: str
    as_of: date
    quarter: Quarter
    final: bool
    rows: tuple[GapRow, ...]


def _span(ev: Evaluation) -> float | None:
    """The distance from baseline to goal in the good direction (growth: the goal rate)."""
    ind = ev.indicator
    if ind.measure is Measure.annual_growth:
        return ev.goal or None
    if ev.goal is None or ev.baseline is None:
        return None
    sign = 1 if ind.direction is Direction.up else -1
    return sign * (ev.goal - ev.baseline.value) or None


def _growth_since(ev: Evaluation, as_of: date) -> int | None:
    if ev.indicator.measure is not Measure.annual_growth or ev.latest is None:
        return None
    years = [a.period for a in ev.indicator.actuals if isinstance(a.period, int)
             and period_end(a.period) <= as_of and a.period <= ev.latest.period]
    return min(years) if years else None


def gap_row(ev: Evaluation, as_of: date) -> GapRow:
    """One indicator's line of the report."""
    ind, span = ev.indicator, _span(ev)
    share = (ev.gap_to_target / span) if (span and ev.gap_to_target is not None) else None
    return GapRow(
        ind.id, ind.name, ind.area, ind.unit, ind.direction, ind.measure, ind.target.op,
        ind.target.value, ind.target.period, ind.target.wording, ev.goal,
        None if ind.measure is Measure.annual_growth else ev.baseline, ev.latest,
        _growth_since(ev, as_of), ev.expected, ev.gap_to_target, share,
        ev.gap_to_trajectory, ev.span_share, ev.status.value, ev.missing,
        evaluation_light(ev), ev.projection, ev.official, ev.within_tolerance,
        *_cause(ev, as_of))


def _cause(ev: Evaluation, as_of: date) -> tuple[str | None, str | None]:
    """原因 and 整改措施 of the latest actual known on ``as_of`` that records them."""
    known = [a for a in ev.indicator.actuals if (a.cause or a.corrective_action)
             and (a.as_at or period_end(a.period)) <= as_of]
    if not known:
        return None, None
    last = known[-1]
    return last.cause, last.corrective_action


def sort_key(row: GapRow) -> tuple:
    """Worst status first; within a status the largest share behind first, then by id."""
    behind = row.trajectory_share if row.trajectory_share is not None else row.target_share
    return (STATUS_ORDER.index(row.status), -round(behind, 6) if behind is not None else 0.0,
            row.id)


def build_gaps(ws: Workspace, as_of: date, filters: Filters = Filters()) -> GapsReport:
    """Every indicator that passes ``filters``, judged at ``as_of``, worst first.

    Args:
        ws: a sound workspace (``plan check`` finds no errors).
        as_of: the report date; actuals for periods ending later are not known yet.
        filters: resolved filters (:func:`plan_cli.reports.filters.resolve`).
    """
    info = ws.plan.plan
    kept = kept_indicator_ids(ws, filters)
    rows = [gap_row(ev, as_of) for ev in evaluate_all(ws, as_of)
            if keep_indicator(kept, filters, ev.indicator, ev.status.value)]
    return GapsReport(info.title, as_of, Quarter.of(as_of), as_of > info.period.end.end,
                      tuple(sorted(rows, key=sort_key)))
