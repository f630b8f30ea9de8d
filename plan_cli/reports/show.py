"""``plan show ID``: one item, indicator, key-task area or ledger, in full.

Ids share one namespace (``plan check`` rejects duplicates), so one lookup
finds any of them. Everything is as known on the as-of date: updates and
actuals recorded for later are left out, entries done later are open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..evaluate import expected_at, figure_known, figure_time
from ..load import Workspace, ledger_heads
from ..lights import entry_light
from ..model import Correction, Indicator, Item, LedgerInfo, Measure, Update
from ..quarter import Quarter, period_end, period_years
from ..schedule import EntryState, done_late, is_stale, quarters_late, state_at
from .filters import ItemRef, linked_indicator_ids
from .gaps import GapRow, gap_row
from ..suggest import suggestions
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
    kind_name: str | None = None  # a ledger's kind as plan.yaml's settings name it


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

    One walk of the ledgers, keeping a line per item (its summary, area and linked
    indicators) and only the item asked for whole, so a plan of any size fits.

    Raises:
        NotFound: nothing has that id; carries the closest ids.
    """
    info = ws.plan.plan
    rows = {ev.indicator.id: gap_row(ev, as_of) for ev in evaluate_all(ws, as_of)}
    wanted, name = id_, id_.strip()
    lines: list[tuple[ItemSummary, str | None, list[str]]] = []
    infos: dict[str, LedgerInfo] = {}
    by_id = by_title = None  # the item named by its id, the first item titled so
    for lf in ws.ledgers:
        infos.setdefault(lf.ledger.id, lf.ledger)
        for item in lf.items:
            ref = ItemRef(lf, item)
            lines.append((_summary(ref, as_of), item.area, linked_indicator_ids(item)))
            if item.id == wanted:
                by_id = ref
            elif by_title is None and item.title == name:
                by_title = ref
    heads = ledger_heads(ws)
    ids = {line[0].id for line in lines} | {i.id for i in ws.indicators} \
        | {a.id for a in ws.plan.areas} | {head.id for head in heads}
    if wanted not in ids:  # a name: an indicator's, an area's, a ledger's, an item's
        names = [(i.name, i.id) for i in ws.indicators] + [(a.title, a.id) for a in ws.plan.areas] \
            + [(n, head.id) for head in heads for n in (head.title, head.name) if n] \
            + [(line[0].title, line[0].id) for line in lines]
        id_ = next((found for text, found in names if text == name), wanted)
    subject = None
    ref = by_id if by_id is not None and by_id.item.id == id_ else by_title
    if ref is not None and ref.item.id == id_:
        subject = _item_view(ws, ref, as_of, rows)
    for ind in ws.indicators:
        if ind.id == id_:
            linked = tuple(line[0] for line in lines if id_ in line[2])
            subject = IndicatorView(ind, rows[id_], _points(ind, rows[id_], as_of), linked,
                                    _area_title(ws, ind.area))
    for area in ws.plan.areas:
        if area.id == id_:
            indicators = tuple(rows[i.id] for i in ws.indicators if i.area == area.id)
            items = tuple(line[0] for line in lines if line[1] == area.id)
            subject = GroupView("area", area.id, area.title, area.summary, None, indicators,
                                items)
    ledger = infos.get(id_)
    if ledger is not None:
        mine = [line for line in lines if line[0].ledger == id_]
        linked_ids = {i for line in mine for i in line[2]}
        subject = GroupView("ledger", id_, ledger.name or ledger.title, ledger.title,
                            ledger.declared_count, tuple(rows[i] for i in rows if i in linked_ids),
                            tuple(line[0] for line in mine),
                            info.settings.ledger_kind_names.get(ledger.kind))
    if subject is None:
        known = [line[0].id for line in lines] + [i.id for i in ws.indicators] \
            + [a.id for a in ws.plan.areas] + [head.id for head in heads] \
            + [line[0].title for line in lines] + [i.name for i in ws.indicators] \
            + [a.title for a in ws.plan.areas] + [head.title for head in heads]
        raise NotFound(wanted, suggestions(wanted, known, n=3))
    return ShowReport(as_of, Quarter.of(as_of), as_of > info.period.end.end, subject)


def _area_title(ws: Workspace, area_id: str | None) -> str | None:
    return next((a.title for a in ws.plan.areas if a.id == area_id), None)
