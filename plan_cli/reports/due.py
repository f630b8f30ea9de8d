"""``plan due``: schedule entries due in a quarter, and every overdue one, by owner.

Design §4: an entry is *due* in the asked quarter when it is scheduled then and
not done or dropped; it is *overdue* when its quarter is before the as-of
quarter and it is still open. ``--as-of`` looks back: an entry done after the
as-of date was open then. Quarters late count from the as-of quarter.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..lights import entry_light
from ..load import Workspace, ledger_heads
from ..model import Owners
from ..quarter import Quarter
from ..schedule import EntryState, is_stale, quarters_late, state_at
from .filters import Filters, all_items, keep_item, keep_state

GROUPINGS = ("department", "leader", "ledger")


@dataclass(frozen=True)
class DueRow:
    ledger: str  # ledger id
    item: str  # item id
    title: str
    quarter: Quarter
    deliverable: str
    owners: Owners
    status: str  # as recorded: planned, in_progress, delayed, blocked; done = done after as_of
    state: str  # "due" or "overdue"
    quarters_late: int
    stale: bool  # the item has no recent update (schedule.is_stale)
    light: str | None = None  # 三色预警: yellow due, red overdue
    cause: str | None = None  # 原因
    corrective_action: str | None = None  # 整改措施


@dataclass(frozen=True)
class DueGroup:
    key: str | None  # department, leader or ledger; None: unassigned
    name: str | None  # what to print (a ledger's short name); None: unassigned
    rows: tuple[DueRow, ...]

    @property
    def overdue(self) -> int:
        return sum(r.state == EntryState.overdue for r in self.rows)


@dataclass(frozen=True)
class DueReport:
    plan_title: str
    as_of: date
    current: Quarter  # the as-of quarter: overdue is before it
    quarter: Quarter  # the quarter asked about
    final: bool
    by: str
    stale_after: int  # settings.stale_after_quarters
    groups: tuple[DueGroup, ...]


def _row(ledger, item, entry, as_of: date, asked: Quarter, stale: bool) -> DueRow | None:
    state = state_at(entry, as_of)
    if state in (EntryState.done, EntryState.dropped):
        return None
    current = Quarter.of(as_of)
    if entry.quarter != asked and entry.quarter >= current:
        return None
    late = quarters_late(entry, current)
    return DueRow(ledger.ledger.id, item.id, item.title, entry.quarter, entry.deliverable,
                  item.owners, entry.status.value, "overdue" if late else "due", late, stale,
                  entry_light(entry, as_of), entry.cause, entry.corrective_action)


def _group_key(row: DueRow, by: str) -> str | None:
    if by == "ledger":
        return row.ledger
    return row.owners.department if by == "department" else row.owners.leader


def build_due(ws: Workspace, as_of: date, quarter: Quarter | None = None,
              by: str = "department", filters: Filters = Filters()) -> DueReport:
    """Open entries of ``quarter`` (default: the as-of quarter) and overdue ones.

    Args:
        ws: a sound workspace.
        as_of: the report date.
        quarter: the quarter asked about.
        by: one of :data:`GROUPINGS`.
        filters: resolved filters; ``--status`` may be ``due`` or ``overdue``.

    Returns:
        Groups with the most overdue entries first (unassigned last among equals);
        rows most late first.
    """
    info = ws.plan.plan
    current = Quarter.of(as_of)
    asked = quarter or current
    after = info.settings.stale_after_quarters
    names = {head.id: head.name or head.title for head in ledger_heads(ws)}
    grouped: dict[str | None, list[DueRow]] = defaultdict(list)
    for ref in all_items(ws):
        if not keep_item(filters, ref):
            continue
        stale = is_stale(ref.item, as_of, after)
        for entry in ref.item.schedule:
            row = _row(ref.ledger, ref.item, entry, as_of, asked, stale)
            if row is not None and keep_state(filters, row.state):
                grouped[_group_key(row, by)].append(row)
    groups = [DueGroup(key, names.get(key, key) if by == "ledger" else key,
                       tuple(sorted(rows, key=lambda r: (-r.quarters_late, r.item, r.quarter))))
              for key, rows in grouped.items()]
    groups.sort(key=lambda g: (-g.overdue, -len(g.rows), g.key is None, g.key or ""))
    return DueReport(info.title, as_of, current, asked, as_of > info.period.end.end, by, after,
                     tuple(groups))
