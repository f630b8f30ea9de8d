"""``plan report``: the 通报 during the plan period and the 终期评估 after it.

One computation for both: where the indicators stand (:mod:`.gaps`), how the
ledgers advance (:mod:`.status`), the late entries with their causes
(:mod:`.due`), the 考评 ranking (:mod:`.owners`), every data gap, and the data of
its charts (:mod:`.charts`, the same the site draws). The
renderers (:mod:`plan_cli.render.document`) turn it into words, markdown and
.docx; this module computes only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..load import Workspace
from ..quarter import Quarter
from .charts import ColourChart, IndicatorChart, colour_charts, indicator_chart
from .due import DueRow, build_due
from .gaps import GapRow, build_gaps
from .owners import OwnersReport, build_owners
from .status import StatusReport, build_status


@dataclass(frozen=True)
class Headline:
    """总体情况: the numbers the report opens with."""

    indicators: int
    by_status: dict[str, int]  # IndicatorStatus value -> count
    by_light: dict[str, int]  # green / yellow / red -> count
    official: int  # indicators with an officially reported outcome
    items_entered: int
    items_declared: int | None  # None when a ledger does not declare its count
    entries: int
    done_on_time: int
    done_late: int
    overdue: int
    due: int
    on_time_rate: float | None  # done on time / (on time + late + overdue)


@dataclass(frozen=True)
class PlanReport:
    plan_title: str
    issuer: str | None
    synthetic: bool
    as_of: date
    quarter: Quarter
    final: bool
    headline: Headline
    status: StatusReport  # ledgers and data gaps
    indicators: tuple[GapRow, ...]  # worst first
    late: tuple[DueRow, ...]  # overdue entries, most late first
    behind: tuple[GapRow, ...]  # indicators behind (red), with their causes
    owners: OwnersReport  # the 考评 ranking
    # Charts: the indicators with at least one actual known on as_of, in the order of
    # ``indicators`` (a chart of a target alone says nothing the table does not), and
    # the items by colour per ledger and per department.
    charts: tuple[IndicatorChart, ...] = ()
    colours: tuple[ColourChart, ...] = ()


def build_report(ws: Workspace, as_of: date) -> PlanReport:
    """Everything the 通报 / 终期评估 says, as known on ``as_of``."""
    info = ws.plan.plan
    status = build_status(ws, as_of, max_gaps=1000)
    gaps = build_gaps(ws, as_of)
    owners = build_owners(ws, as_of)
    due = build_due(ws, as_of)
    late = tuple(sorted((r for g in due.groups for r in g.rows if r.state == "overdue"),
                        key=lambda r: (-r.quarters_late, r.item, r.quarter)))
    rows = gaps.rows
    by_status: dict[str, int] = {}
    by_light: dict[str, int] = {}
    for r in rows:
        by_status[r.status] = by_status.get(r.status, 0) + 1
        if r.light:
            by_light[r.light] = by_light.get(r.light, 0) + 1
    everyone = owners.departments
    on_time = sum(r.done_on_time for r in everyone)
    done_late = sum(r.done_late for r in everyone)
    overdue = sum(r.overdue for r in everyone)
    owed = on_time + done_late + overdue
    declared = [s.declared for s in status.ledgers]
    headline = Headline(
        len(rows), by_status, by_light, sum(r.official is not None for r in rows),
        sum(s.entered for s in status.ledgers),
        None if any(d is None for d in declared) else sum(declared),
        sum(s.entries for s in status.ledgers), on_time, done_late, overdue,
        sum(s.due for s in status.ledgers), on_time / owed if owed else None)
    tolerance = info.settings.about_tolerance
    drawn = {ev.indicator.id: indicator_chart(ev, as_of, tolerance) for ev in status.evaluations}
    charts = tuple(drawn[r.id] for r in rows if r.id in drawn and drawn[r.id].actuals)
    return PlanReport(info.title, info.issuer, info.synthetic, as_of, Quarter.of(as_of),
                      status.final, headline, status, rows, late,
                      tuple(r for r in rows if r.light == "red"), owners, charts,
                      colour_charts(ws, as_of))
