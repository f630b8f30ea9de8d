"""Dates and periods: schedules inside the plan period, done entries dated and
not in the future, actuals only for periods that are over.

``outside-period`` (error)
    en: A schedule quarter or a target period outside the plan period.
    zh: 推进季度或目标期不在计划期之内。

    Bad::

        - {quarter: 2026Q1, deliverable: 总结评估}

    Good::

        - {quarter: 2025Q4, deliverable: 总结评估}

``done-without-date`` (error)
    en: An entry marked done without the date it was done.
    zh: 标记为完成的事项没有填写完成日期。

    Bad::

        - {quarter: 2024Q2, deliverable: 完成建设, status: done}

    Good::

        - {quarter: 2024Q2, deliverable: 完成建设, status: done, done_on: 2024-06-28}

``date-in-future`` (error)
    en: A done date or a progress note dated after today.
    zh: 完成日期或进展记录的日期晚于今天。

    Bad::

        done_on: 2030-01-01

    Good::

        done_on: 2024-06-28

``period-in-future`` (error)
    en: An actual for a period that has not ended yet.
    zh: 期间尚未结束却已填写实际值。

    Bad::

        actuals: [{period: 2030, value: 2.9, source: 统计公报}]

    Good::

        actuals: [{period: 2023, value: 2.4, source: 统计公报}]

``impossible-growth`` (error)
    en: A growth rate of -100% or less: nothing shrinks by more than all of it.
    zh: 增长率不高于 -100%:降幅不可能达到或超过全部。

    Bad::

        measure: annual_growth
        actuals: [{period: 2023, value: -120, source: 统计公报}]

    Good::

        measure: annual_growth
        actuals: [{period: 2023, value: -12, source: 统计公报}]

``baseline-after-target`` (error)
    en: A baseline period that is not before the target period.
    zh: 基期不早于目标期。

    Bad::

        baseline: {period: 2025, value: 2.2, source: 统计公报}
        target: {period: 2025, op: about, value: 2.8}

    Good::

        baseline: {period: 2022, value: 2.2, source: 统计公报}
        target: {period: 2025, op: about, value: 2.8}
"""

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
            # A value as at a day (a January–August report) is known from that day on.
            if (actual.as_at or period_end(actual.period)) > today:
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
