"""What ``plan site`` shows, computed once: the pages' data, no HTML.

Every number comes from the other reports (status, gaps, owners) and every
colour from :mod:`plan_cli.lights`; this module only gathers them per page:
the overview, one page per ledger (its items with owners, state, colour,
causes and corrective actions), per indicator (chart data and history), per
department (scorecard and red items), and the data gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..evaluate import Evaluation
from ..lights import Light, item_light
from ..load import Workspace
from ..model import Indicator, Item, LedgerFile, Measure
from ..quarter import Quarter
from ..schedule import EntryState, quarters_late, state_at
from .charts import ColourChart, IndicatorChart, colour_charts, indicator_chart
from .filters import all_items, linked_indicator_ids
from .gaps import GapRow, gap_row, sort_key
from .owners import OwnerRow, OwnersReport, build_owners
from .status import StatusReport, build_status

# An item's state for the ledger table: its most pressing entry's.
_STATE_ORDER = (EntryState.overdue, EntryState.due, EntryState.upcoming, EntryState.done,
                EntryState.dropped)


@dataclass(frozen=True)
class ItemRow:
    id: str
    title: str
    ledger_id: str
    leader: str | None
    department: str | None
    section: str | None
    staff: tuple[str, ...]
    state: str | None  # EntryState value of the most pressing entry; None: no schedule
    light: Light | None
    entries: int
    done: int
    quarters_late: int  # the most quarters an open entry is late (0: none)
    late_entries: tuple[str, ...]  # "2024Q2 deliverable" of the overdue entries
    causes: tuple[str, ...]  # 原因 of the item's entries
    actions: tuple[str, ...]  # 整改措施
    latest_update: str | None  # "2024-06-30 text"


@dataclass(frozen=True)
class LedgerPage:
    id: str
    title: str
    name: str
    declared: int | None
    rows: tuple[ItemRow, ...]


@dataclass(frozen=True)
class HistoryRow:
    period: str
    value: float
    expected: float | None  # on the trajectory
    source: str
    cause: str | None
    action: str | None


@dataclass(frozen=True)
class IndicatorPage:
    indicator: Indicator
    row: GapRow
    chart: IndicatorChart
    history: tuple[HistoryRow, ...]
    items: tuple[ItemRow, ...]  # items linked to it
    area_title: str | None


@dataclass(frozen=True)
class DepartmentPage:
    slug: str
    name: str | None  # None: items without a department
    score: OwnerRow
    red: tuple[ItemRow, ...]
    items: tuple[ItemRow, ...]


@dataclass(frozen=True)
class Site:
    plan_title: str
    plan_id: str
    synthetic: bool
    as_of: date
    quarter: Quarter
    final: bool
    status: StatusReport
    owners: OwnersReport
    ledgers: tuple[LedgerPage, ...]
    indicators: tuple[IndicatorPage, ...]  # worst first
    departments: tuple[DepartmentPage, ...]  # worst first
    by_ledger: ColourChart
    by_department: ColourChart
    light_counts: dict[str, int]  # items per colour ("none": without a schedule)
    indicator_lights: dict[str, int]  # indicators per colour ("none": no colour)


def _item_row(ledger: LedgerFile, item: Item, as_of: date) -> ItemRow:
    current = Quarter.of(as_of)
    states = [state_at(e, as_of) for e in item.schedule]
    state = next((s.value for s in _STATE_ORDER if s in states), None)
    late = [(e, quarters_late(e, current)) for e, s in zip(item.schedule, states)
            if s is EntryState.overdue]
    causes = tuple(dict.fromkeys(e.cause for e in item.schedule if e.cause))
    actions = tuple(dict.fromkeys(e.corrective_action for e in item.schedule
                                  if e.corrective_action))
    updates = sorted((u for u in item.updates if u.date <= as_of), key=lambda u: u.date)
    latest = f"{updates[-1].date.isoformat()} {updates[-1].text}" if updates else None
    return ItemRow(item.id, item.title, ledger.ledger.id, item.owners.leader,
                   item.owners.department, item.owners.section, tuple(item.owners.staff),
                   state, item_light(item, as_of), len(item.schedule),
                   states.count(EntryState.done), max((n for _, n in late), default=0),
                   tuple(f"{e.quarter} {e.deliverable}" for e, _ in late), causes, actions,
                   latest)


def _history(ev: Evaluation, as_of: date) -> tuple[HistoryRow, ...]:
    from ..evaluate import expected_at, figure_known, figure_time

    ind = ev.indicator
    known = sorted((a for a in ind.actuals if figure_known(a) <= as_of), key=figure_time)
    rows = []
    for a in known:
        expected = None
        growth = ind.measure is Measure.annual_growth
        if ev.baseline is not None and ev.goal is not None and not growth:
            expected = expected_at(ev.baseline, ev.goal, ind.target.period, a.period)
        rows.append(HistoryRow(str(a.period), a.value, expected, a.source, a.cause,
                               a.corrective_action))
    return tuple(rows)


def build_site(ws: Workspace, as_of: date) -> Site:
    """Everything the site's pages show, as known on ``as_of``."""
    info = ws.plan.plan
    status = build_status(ws, as_of, max_gaps=50)
    owners = build_owners(ws, as_of)
    tolerance = info.settings.about_tolerance
    rows_by_item: dict[tuple[str, str], ItemRow] = {}
    ledgers = []
    for ledger in ws.ledgers:
        rows = tuple(_item_row(ledger, item, as_of) for item in ledger.items)
        for row in rows:
            rows_by_item[(row.ledger_id, row.id)] = row
        ledgers.append(LedgerPage(ledger.ledger.id, ledger.ledger.title,
                                  ledger.ledger.name or ledger.ledger.title,
                                  ledger.ledger.declared_count, rows))
    linked: dict[str, list[ItemRow]] = {}
    for ref in all_items(ws):
        for ind_id in linked_indicator_ids(ref.item):
            linked.setdefault(ind_id, []).append(rows_by_item[(ref.ledger.ledger.id,
                                                               ref.item.id)])
    areas = {a.id: a.title for a in ws.plan.areas}
    pages = []
    for ev in status.evaluations:
        row = gap_row(ev, as_of)
        pages.append(IndicatorPage(ev.indicator, row, indicator_chart(ev, as_of, tolerance),
                                   _history(ev, as_of), tuple(linked.get(ev.indicator.id, ())),
                                   areas.get(ev.indicator.area)))
    pages.sort(key=lambda p: sort_key(p.row))
    all_rows = [r for page in ledgers for r in page.rows]
    departments = []
    # Page names stay put when the ranking changes: numbered in name order (unassigned last).
    names = sorted((s.name for s in owners.departments), key=lambda n: (n is None, n or ""))
    slugs = {name: f"department-{n:03d}" for n, name in enumerate(names, start=1)}
    for score in owners.departments:
        mine = tuple(r for r in all_rows if r.department == score.name)
        departments.append(DepartmentPage(slugs[score.name], score.name, score,
                                          tuple(r for r in mine if r.light is Light.red),
                                          mine))
    by_ledger, by_department = colour_charts(ws, as_of)
    light_counts: dict[str, int] = {}
    for r in all_rows:
        key = r.light.value if r.light else "none"
        light_counts[key] = light_counts.get(key, 0) + 1
    indicator_lights: dict[str, int] = {}
    for p in pages:
        key = p.chart.light.value if p.chart.light else "none"
        indicator_lights[key] = indicator_lights.get(key, 0) + 1
    return Site(info.title, info.id, info.synthetic, as_of, Quarter.of(as_of),
                status.final, status, owners, tuple(ledgers), tuple(pages),
                tuple(departments), by_ledger, by_department, light_counts, indicator_lights)

