"""``plan status``: the one-screen overview of where the plan stands."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..evaluate import FINAL_STATUSES, MIDWAY_STATUSES, Evaluation, evaluate
from ..load import Workspace
from ..quarter import Quarter
from ..schedule import EntryState, state_at
from .filters import Filters, ItemRef, keep_indicator, keep_item, kept_indicator_ids


@dataclass(frozen=True)
class LedgerSummary:
    id: str
    title: str
    name: str  # short name for tables
    declared: int | None
    entered: int
    assigned: int  # items with a responsible department
    scheduled: int  # items with at least one schedule entry
    entries: int
    done: int
    due: int
    overdue: int


@dataclass(frozen=True)
class AreaSummary:
    id: str | None  # None: indicators without an area
    title: str | None
    counts: dict[str, int]  # IndicatorStatus value -> count
    total: int


@dataclass(frozen=True)
class Gap:
    """A hole in the data the office has to fill; ``kind`` names it for the renderer."""

    kind: str  # items_not_entered | unassigned | no_schedule | no_actual | no_baseline
    count: int
    scope: str | None = None  # a ledger id, where the gap is one ledger's


@dataclass(frozen=True)
class StatusReport:
    plan_id: str
    plan_title: str
    period_start: Quarter
    period_end: Quarter
    as_of: date
    quarter: Quarter
    final: bool  # the plan period is over: a final evaluation, met or missed
    ledgers: tuple[LedgerSummary, ...]
    areas: tuple[AreaSummary, ...]
    statuses: tuple[str, ...]  # the status columns that apply (final or not)
    gaps: tuple[Gap, ...]
    evaluations: tuple[Evaluation, ...]
    synthetic: bool = False  # plan.yaml says the data is made up: outputs carry a banner




def evaluate_all(ws: Workspace, as_of: date) -> list[Evaluation]:
    period = ws.plan.plan.period
    settings = ws.plan.plan.settings
    return [evaluate(ind, settings, as_of, period.start, period.end) for ind in ws.indicators]


def build_status(ws: Workspace, as_of: date, max_gaps: int = 6,
                 filters: Filters = Filters()) -> StatusReport:
    """Summarise ledgers, indicators by area, and the largest data gaps at ``as_of``.

    Filters narrow the items counted per ledger and the indicators counted per area
    (see :mod:`plan_cli.reports.filters`); ``--status`` takes indicator statuses.
    """
    info = ws.plan.plan
    current = Quarter.of(as_of)
    final = as_of > info.period.end.end
    ledgers = tuple(_ledger_summary(ledger, as_of, filters) for ledger in ws.ledgers
                    if not filters.ledgers or ledger.ledger.id in filters.ledgers)
    kept = kept_indicator_ids(ws, filters)
    evaluations = [ev for ev in evaluate_all(ws, as_of)
                   if keep_indicator(kept, filters, ev.indicator, ev.status.value)]
    statuses = FINAL_STATUSES if final else MIDWAY_STATUSES
    areas = []
    titles = {a.id: a.title for a in ws.plan.areas}
    by_area: dict[str | None, Counter] = {a.id: Counter() for a in ws.plan.areas
                                          if not filters.areas or a.id in filters.areas}
    for ev in evaluations:
        by_area.setdefault(ev.indicator.area, Counter())[ev.status.value] += 1
    for area_id, counts in by_area.items():
        areas.append(AreaSummary(area_id, titles.get(area_id), dict(counts),
                                 sum(counts.values())))
    gaps = _gaps(ledgers, evaluations)
    return StatusReport(info.id, info.title, info.period.start, info.period.end, as_of, current,
                        final, ledgers, tuple(areas), tuple(s.value for s in statuses),
                        tuple(gaps[:max_gaps]), tuple(evaluations), info.synthetic)


def _ledger_summary(ledger, as_of: date, filters: Filters) -> LedgerSummary:
    states: Counter = Counter()
    entries = assigned = scheduled = 0
    items = [item for item in ledger.items if keep_item(filters, ItemRef(ledger, item))]
    for item in items:
        assigned += item.owners.department is not None
        scheduled += bool(item.schedule)
        for entry in item.schedule:
            entries += 1
            states[state_at(entry, as_of)] += 1
    info = ledger.ledger
    # A filtered count is not comparable with the ledger's declared total.
    filtered = filters.scopes_items or bool(filters.areas)
    declared = None if filtered else info.declared_count
    return LedgerSummary(info.id, info.title, info.name or info.title, declared, len(items),
                         assigned, scheduled, entries, states[EntryState.done],
                         states[EntryState.due], states[EntryState.overdue])


def _gaps(ledgers, evaluations) -> list[Gap]:
    gaps = []
    for summary in ledgers:
        if summary.declared is not None and summary.declared > summary.entered:
            gaps.append(Gap("items_not_entered", summary.declared - summary.entered,
                            summary.name))
    gaps.append(Gap("unassigned", sum(s.entered - s.assigned for s in ledgers)))
    gaps.append(Gap("no_schedule", sum(s.entered - s.scheduled for s in ledgers)))
    gaps.append(Gap("no_actual", sum("actual" in e.missing for e in evaluations)))
    gaps.append(Gap("no_baseline", sum("baseline" in e.missing for e in evaluations)))
    gaps = [g for g in gaps if g.count > 0]
    return sorted(gaps, key=lambda g: -g.count)
