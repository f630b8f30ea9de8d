"""Where a schedule entry stands in a given quarter (design §4).

* ``done`` / ``dropped``: closed, whatever the quarter;
* ``due``: open and scheduled for the current quarter;
* ``overdue``: open and scheduled for an earlier quarter;
* ``upcoming``: open and scheduled later.
"""

from __future__ import annotations

from enum import StrEnum

from .model import EntryStatus, ScheduleEntry
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
