"""What the charts show, as plain data: the site and the .docx report draw from these.

:class:`IndicatorChart` is one indicator over the plan period — baseline,
actuals, the straight-line trajectory to the target, the target (with the
accepted band of a 左右 target) and, where the early-warning work projects one,
the projection to the period end. :class:`ColourChart` counts items by
三色预警 colour per ledger or per department. Both are built here from the
reports' own evaluations and :mod:`plan_cli.lights`; :mod:`plan_cli.render.charts`
draws them (SVG or PNG), so two outputs of the same data never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..evaluate import Evaluation, figure_known, figure_time, slack
from ..lights import Light, indicator_light, item_light
from ..load import Workspace
from ..model import Measure, Op
from ..quarter import Quarter, period_years
from .filters import all_items


@dataclass(frozen=True)
class ChartPoint:
    period: str  # as the data writes it: "2024" or "2024Q2"
    x: float  # position on the time axis (years; see quarter.period_years)
    value: float


def point(period: int | Quarter, value: float) -> ChartPoint:
    return ChartPoint(str(period), period_years(period), value)


def figure_point(fig) -> ChartPoint:
    """A baseline or an actual, at its ``as_at`` day when it has one."""
    return ChartPoint(str(fig.period), figure_time(fig), fig.value)


@dataclass(frozen=True)
class IndicatorChart:
    id: str
    name: str
    unit: str
    growth: bool  # annual growth: actuals are each year's rate, the target a rate
    baseline: ChartPoint | None
    actuals: tuple[ChartPoint, ...]
    trajectory: tuple[ChartPoint, ChartPoint] | None  # baseline to goal (growth: the goal rate)
    target: ChartPoint | None  # the goal at the target period; None when it needs a baseline
    band: tuple[float, float] | None = None  # 左右: the goal ± tolerance
    projection: tuple[ChartPoint, ...] = ()  # from the latest actual to the period end
    light: Light | None = None
    status: str = ""  # IndicatorStatus value


def _projected(ev: Evaluation) -> list[tuple[int | Quarter, float]]:
    """The evaluation's own projection to the target period, where it has one."""
    value = ev.projection.value if ev.projection is not None else None
    return [(ev.indicator.target.period, value)] if value is not None else []


def indicator_chart(ev: Evaluation, as_of: date, tolerance,
                    projection: Iterable[tuple[int | Quarter, float]] | None = None
                    ) -> IndicatorChart:
    """The chart of one evaluated indicator, with the actuals known on ``as_of``.

    ``tolerance``: the plan's 左右 tolerance (the indicator's own wins).
    ``projection`` is ``(period, value)`` pairs after the latest actual; by default the
    evaluation's projection to the target period, where it has one.
    """
    ind = ev.indicator
    growth = ind.measure is Measure.annual_growth
    known = sorted((a for a in ind.actuals if figure_known(a) <= as_of), key=figure_time)
    actuals = tuple(figure_point(a) for a in known)
    baseline = None if growth or ev.baseline is None else figure_point(ev.baseline)
    goal = ev.goal
    target = point(ind.target.period, goal) if goal is not None else None
    trajectory = None
    if target is not None and baseline is not None:
        trajectory = (baseline, target)
    elif target is not None and growth and actuals:
        first = known[0].period
        trajectory = (point(first, goal), target)
    band = None
    if target is not None and ind.target.op is Op.about:
        accepted = slack(ind.tolerance if ind.tolerance is not None else tolerance, goal)
        band = (goal - accepted, goal + accepted)
    pairs = _projected(ev) if projection is None else projection
    projected = tuple(point(p, v) for p, v in pairs)
    return IndicatorChart(ind.id, ind.name, ind.unit, growth, baseline, actuals, trajectory,
                          target, band, projected, indicator_light(ev.status.value),
                          ev.status.value)


@dataclass(frozen=True)
class ColourRow:
    name: str | None  # a ledger's short name or a department; None: unassigned
    counts: dict[str, int]  # Light value, or "none" for items without a colour -> count

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ColourChart:
    by: str  # "ledger" | "department"
    rows: tuple[ColourRow, ...]


COLOUR_KEYS = (Light.red.value, Light.yellow.value, Light.green.value, "none")


def colour_charts(ws: Workspace, as_of: date) -> tuple[ColourChart, ColourChart]:
    """Items by colour per ledger (in ledger order) and per department (most red first)."""
    by_ledger: dict[str, Counter] = {}
    by_dept: dict[str | None, Counter] = {}
    for ref in all_items(ws):
        light = item_light(ref.item, as_of)
        key = light.value if light else "none"
        name = ref.ledger.ledger.name or ref.ledger.ledger.title
        by_ledger.setdefault(name, Counter())[key] += 1
        by_dept.setdefault(ref.item.owners.department, Counter())[key] += 1
    ledgers = tuple(ColourRow(n, dict(c)) for n, c in by_ledger.items())
    depts = sorted((ColourRow(n, dict(c)) for n, c in by_dept.items()),
                   key=lambda r: (-r.counts.get("red", 0), -r.counts.get("yellow", 0),
                                  r.name is None, r.name or ""))
    return ColourChart("ledger", ledgers), ColourChart("department", tuple(depts))
