"""``plan show ID``: one item, indicator, key-task area or ledger, in full.

Ids share one namespace (``plan check`` rejects duplicates), so one lookup
finds any of them. Everything is as known on the as-of date: updates and
actuals recorded for later are left out, entries done later are open.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from ..evaluate import expected_at, figure_known, figure_time
from ..load import Workspace
from ..lights import entry_light
from ..model import Area, Correction, Indicator, Item, LedgerInfo, Measure, Update
from ..quarter import Quarter, period_end, period_years
from ..schedule import EntryState, done_late, is_stale, quarters_late, state_at
from .filters import ItemRef, all_items, linked_indicator_ids
from .gaps import GapRow, gap_row
from .status import evaluate_all

# Fields shown for an item beyond the common ones, in this order, when set.
EXTRA_FIELDS = ("indicator", "provincial_target", "stretch_target", "provincial_clause",
                "annual_key_work", "measures", "goal", "arrangement", "level",
                "application_status", "origin", "source", "note")


@dataclass(frozen=True)
class EntryLine:
    quarter: Quarter
    deliverable: str
    status: str  # as recorded
    state: str  # EntryState as known on the as-of date
    done_on: date | None  # None when not done by the as-of date
    late: bool  # done after its quarter
    quarters_late: int  # open and past its quarter
    evidence: str | None
    light: str | None = None  # 三色预警 of the entry (plan_cli/lights.py)
    cause: str | None = None  # 原因
    corrective_action: str | None = None  # 整改措施
    correction: Correction | None = None  # a change to a closed quarter, with its reason


@dataclass(frozen=True)
class ItemSummary:
    """An item as a line in an area's or a ledger's list."""

    id: str
    title: str
    ledger: str
    department: str | None
    due: int
    overdue: int


@dataclass(frozen=True)
class ItemView:
    ledger: LedgerInfo
    item: Item
    extras: tuple[tuple[str, object], ...]  # (field, value): text, list of text, Target
    entries: tuple[EntryLine, ...]
    updates: tuple[Update, ...]
    indicators: tuple[GapRow, ...]
    stale: bool
    area_title: str | None


@dataclass(frozen=True)
class Point:
    period: int | str
    value: float | None  # the actual (a year's rate for annual growth)
    expected: float | None  # on the trajectory (annual growth: the target rate)
    kind: str  # baseline | actual | target


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    row: GapRow  # the evaluation, as plan gaps shows it
    points: tuple[Point, ...]
    items: tuple[ItemSummary, ...]
    area_title: str | None


@dataclass(frozen=True)
class GroupView:
    """A key-task area or a ledger: its indicators and items."""

    kind: str  # area | ledger
    id: str
    title: str
    summary: str | None
    declared: int | None  # ledgers only
    indicators: tuple[GapRow, ...]
    items: tuple[ItemSummary, ...]


@dataclass(frozen=True)
class ShowReport:
    as_of: date
    quarter: Quarter
    final: bool
    subject: ItemView | IndicatorView | GroupView


class NotFound(LookupError):
    def __init__(self, id_: str, suggestions: list[str]):
        self.id, self.suggestions = id_, suggestions
        super().__init__(id_)


def _summary(ref: ItemRef, as_of: date) -> ItemSummary:
    states = [state_at(e, as_of) for e in ref.item.schedule]
    return ItemSummary(ref.item.id, ref.item.title, ref.ledger.ledger.id,
                       ref.item.owners.department, states.count(EntryState.due),
                       states.count(EntryState.overdue))


def _extras(item: Item) -> tuple[tuple[str, object], ...]:
    """The ledger-specific fields that are set: text, a list of text, or a Target."""
    return tuple((name, getattr(item, name)) for name in EXTRA_FIELDS
                 if getattr(item, name, None) not in (None, [], ""))


def _item_view(ws: Workspace, ref: ItemRef, as_of: date, rows: dict[str, GapRow]) -> ItemView:
    current = Quarter.of(as_of)
    entries = []
    for e in ref.item.schedule:
        state = state_at(e, as_of)
        done = state is EntryState.done
        entries.append(EntryLine(
            e.quarter, e.deliverable, e.status.value, state.value, e.done_on if done else None,
            done and done_late(e), quarters_late(e, current) if state is EntryState.overdue
            else 0, e.evidence, entry_light(e, as_of), e.cause, e.corrective_action,
            e.correction))
    updates = tuple(sorted((u for u in ref.item.updates if u.date <= as_of),
                           key=lambda u: u.date))
    linked = tuple(rows[i] for i in linked_indicator_ids(ref.item) if i in rows)
    stale = is_stale(ref.item, as_of, ws.plan.plan.settings.stale_after_quarters)
    return ItemView(ref.ledger.ledger, ref.item, _extras(ref.item), tuple(entries), updates,
                    linked, stale, _area_title(ws, ref.item.area))


def _points(ind: Indicator, row: GapRow, as_of: date) -> tuple[Point, ...]:
    """Baseline, every actual known on ``as_of``, and the target, with the trajectory."""
    growth = ind.measure is Measure.annual_growth
    base, goal = row.baseline, row.goal

    def line(period) -> float | None:
        if growth:
            return goal
        return expected_at(base, goal, ind.target.period, period) if base and goal is not None \
            else None

    known = sorted((a for a in ind.actuals if figure_known(a) <= as_of), key=figure_time)
    points = [Point(str(base.period), base.value, base.value, "baseline")] if base else []
    points += [Point(f"{a.period} ({a.as_at.isoformat()})" if a.as_at else str(a.period),
                     a.value, line(a.period), "actual") for a in known]
    if not any(p.period == str(ind.target.period) for p in points):
        points.append(Point(str(ind.target.period), None, goal, "target"))
    return tuple(points)


def build_show(ws: Workspace, as_of: date, id_: str) -> ShowReport:
    """Find ``id_`` among items, indicators, areas and ledgers and describe it.

    Raises:
        NotFound: nothing has that id; carries the closest ids.
    """
    info = ws.plan.plan
    rows = {ev.indicator.id: gap_row(ev, as_of) for ev in evaluate_all(ws, as_of)}
    refs = list(all_items(ws))
    subject = None
    for ref in refs:
        if ref.item.id == id_:
            subject = _item_view(ws, ref, as_of, rows)
    for ind in ws.indicators:
        if ind.id == id_:
            linked = tuple(_summary(r, as_of) for r in refs if id_ in linked_indicator_ids(r.item))
            subject = IndicatorView(ind, rows[id_], _points(ind, rows[id_], as_of), linked,
                                    _area_title(ws, ind.area))
    for area in ws.plan.areas:
        if area.id == id_:
            subject = _area_view(ws, area, refs, rows, as_of)
    for lf in ws.ledgers:
        if lf.ledger.id == id_:
            mine = [r for r in refs if r.ledger is lf]
            ids = {i for r in mine for i in linked_indicator_ids(r.item)}
            subject = GroupView("ledger", id_, lf.ledger.name or lf.ledger.title,
                                lf.ledger.title, lf.ledger.declared_count,
                                tuple(rows[i] for i in rows if i in ids),
                                tuple(_summary(r, as_of) for r in mine))
    if subject is None:
        known = [r.item.id for r in refs] + [i.id for i in ws.indicators] \
            + [a.id for a in ws.plan.areas] + [lf.ledger.id for lf in ws.ledgers]
        raise NotFound(id_, difflib.get_close_matches(id_, known, n=3, cutoff=0.5))
    return ShowReport(as_of, Quarter.of(as_of), as_of > info.period.end.end, subject)


def _area_view(ws: Workspace, area: Area, refs, rows, as_of: date) -> GroupView:
    indicators = tuple(rows[i.id] for i in ws.indicators if i.area == area.id)
    items = tuple(_summary(r, as_of) for r in refs if r.item.area == area.id)
    return GroupView("area", area.id, area.title, area.summary, None, indicators, items)


def _area_title(ws: Workspace, area_id: str | None) -> str | None:
    return next((a.title for a in ws.plan.areas if a.id == area_id), None)
