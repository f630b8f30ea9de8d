"""DOC_DATES"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import model as m
from ..diagnostics import Diagnostic
from ..load import INDICATORS_FILE, Workspace
from ..quarter import Quarter, period_end, period_years
from .common import items


def check_dates(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Schedules inside the plan period; done entries dated, and not in the future."""
    if ws.plan is None:
        return
    start, end = ws.plan.plan.period.start, ws.plan.plan.period.end
    for ref in items(ws):
        src = ws.source_of(ref.ledger)
        for j, entry in enumerate(ref.item.schedule):
            if not start <= entry.quarter <= end:
                yield ws.at(src, ref.loc("schedule", j, "quarter"), "outside-period",
                            value=str(entry.quarter), start=str(start), end=str(end))
            if entry.status is m.EntryStatus.done and entry.done_on is None:
                yield ws.at(src, ref.loc("schedule", j, "status"), "done-without-date")
            if entry.done_on is not None and entry.done_on > today:
                yield ws.at(src, ref.loc("schedule", j, "done_on"), "date-in-future",
                            value=entry.done_on.isoformat(), today=today.isoformat())
        for j, update in enumerate(ref.item.updates):
            if update.date > today:
                yield ws.at(src, ref.loc("updates", j, "date"), "date-in-future",
                            value=update.date.isoformat(), today=today.isoformat())
    ind_src = ws.sources.get(INDICATORS_FILE)
    for i, ind in enumerate(ws.indicators):
        for j, actual in enumerate(ind.actuals):
            if ind.measure is m.Measure.annual_growth and actual.value <= -100:
                yield ws.at(ind_src, ("indicators", i, "actuals", j, "value"),
                            "impossible-growth", value=f"{actual.value:g}")
            if period_end(actual.period) > today:
                yield ws.at(ind_src, ("indicators", i, "actuals", j, "period"), "period-in-future",
                            value=str(actual.period), today=today.isoformat())
        if ind.baseline and period_years(ind.baseline.period) >= period_years(ind.target.period):
            yield ws.at(ind_src, ("indicators", i, "baseline", "period"), "baseline-after-target",
                        value=str(ind.baseline.period), target=str(ind.target.period))
        target_q = ind.target.period
        target_last = target_q if isinstance(target_q, Quarter) else Quarter(target_q, 4)
        if not start <= target_last <= end:
            yield ws.at(ind_src, ("indicators", i, "target", "period"), "outside-period",
                        value=str(target_q), start=str(start), end=str(end))
