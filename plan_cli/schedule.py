"""Where a schedule entry stands in a given quarter (design §4).

* ``done`` / ``dropped``: closed, whatever the quarter;
* ``due``: open and scheduled for the current quarter;
* ``overdue``: open and scheduled for an earlier quarter;
* ``upcoming``: open and scheduled later.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .model import EntryStatus, Item, ScheduleEntry
from .quarter import Quarter


class EntryState(StrEnum):
    done = "done"
    dropped = "dropped"
    due = "due"
    overdue = "overdue"
    upcoming = "upcoming"


def entry_state(entry: ScheduleEntry, current: Quarter) -> EntryState:
    if entry.status is EntryStatus.done:
        return EntryState.done
    if entry.status is EntryStatus.dropped:
        return EntryState.dropped
    if entry.quarter == current:
        return EntryState.due
    return EntryState.overdue if entry.quarter < current else EntryState.upcoming


def quarters_late(entry: ScheduleEntry, current: Quarter) -> int:
    """How many quarters an open entry is past its quarter (0 when not late)."""
    return max(current - entry.quarter, 0)


def _known_done(entry: ScheduleEntry, as_of: date) -> bool:
    # ``--as-of`` shows the plan as it stood on that day: an entry marked done
    # after it was still open then (design §4; the same rule hides later actuals).
    return entry.status is EntryStatus.done and (entry.done_on is None or entry.done_on <= as_of)


def state_at(entry: ScheduleEntry, as_of: date) -> EntryState:
    """:func:`entry_state` as known on ``as_of``, in the quarter holding ``as_of``."""
    current = Quarter.of(as_of)
    if entry.status is EntryStatus.done and not _known_done(entry, as_of):
        entry = entry.model_copy(update={"status": EntryStatus.in_progress})
    return entry_state(entry, current)


def done_late(entry: ScheduleEntry) -> bool:
    """Done, but after the last day of its quarter."""
    return entry.done_on is not None and entry.done_on > entry.quarter.end


def is_stale(item: Item, as_of: date, after_quarters: int) -> bool:
    """An item with work under way and no recent update.

    Work under way: an entry open on ``as_of`` whose quarter has come (due or
    overdue); items with nothing due yet cannot be stale. Recent: an update
    dated in the current quarter or the ``after_quarters`` quarters before it,
    and not after ``as_of``.

    Args:
        item: the ledger item.
        as_of: the report date.
        after_quarters: ``settings.stale_after_quarters``.
    """
    active = any(state_at(e, as_of) in (EntryState.due, EntryState.overdue) for e in item.schedule)
    if not active:
        return False
    since = (Quarter.of(as_of) + -after_quarters).start
    return not any(since <= u.date <= as_of for u in item.updates)
