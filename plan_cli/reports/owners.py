"""``plan owners``: the supervision scorecard, per department and per leader.

For each owner (items without one form an *unassigned* row): the items it is
responsible for; their schedule entries done on time (on or before the last
day of the entry's quarter), done late, due now and overdue; stale items
(:func:`plan_cli.schedule.is_stale`); and indicators behind: indicators
linked to its items that are off track, projected to miss, or, after the
period, missed or likely missed (:data:`plan_cli.evaluate.BEHIND`).
Everything is as known on the as-of date. Worst first.

考评 (:func:`score`): the on-time completion rate is entries done on time over
entries that had to be done by now (done on time + done late + overdue); with
none due yet it is undefined and scores full marks. The score is
``on_time × rate − overdue × overdue entries − stale × stale items −
indicators_behind × indicators behind`` with the weights of
``settings.ranking`` in plan.yaml; departments and leaders are ranked by score,
highest first (ties share a rank); the unassigned row is not ranked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..evaluate import BEHIND
from ..model import RankingWeights
from ..load import Workspace
from ..quarter import Quarter
from ..schedule import EntryState, done_late, is_stale, state_at
from .filters import Filters, ItemRef, all_items, keep_item, linked_indicator_ids
from .status import evaluate_all

OFF_TRACK = frozenset(s.value for s in BEHIND)
# --status values this report takes, and the column each one requires to be non-zero.
STATUS_COLUMNS = {"done": ("done_on_time", "done_late"), "due": ("due",),
                  "overdue": ("overdue",), "off_track": ("off_track",),
                  "missed": ("off_track",)}


@dataclass(frozen=True)
class EntryCause:
    item: str
    quarter: str
    state: str  # due | overdue
    cause: str | None
    corrective_action: str | None


@dataclass(frozen=True)
class OwnerRow:
    name: str | None  # None: items without an owner of this kind
    items: int
    done_on_time: int
    done_late: int
    due: int
    overdue: int
    stale: int
    off_track: int  # distinct linked indicators off track or missed
    off_track_ids: tuple[str, ...]
    on_time_rate: float | None = None  # done on time / (done on time + done late + overdue)
    score: float | None = None  # 考评 score (None: the unassigned row)
    rank: int | None = None  # 1 is best; None: the unassigned row
    causes: tuple[EntryCause, ...] = ()  # 原因 / 整改措施 recorded on its open entries
    dropped: int = 0  # entries dropped (已取消)

    def sort_key(self) -> tuple:
        return (-self.overdue, -self.off_track, -self.stale, -self.done_late,
                self.name is None, self.name or "")


@dataclass(frozen=True)
class OwnersReport:
    plan_title: str
    as_of: date
    quarter: Quarter
    final: bool
    departments: tuple[OwnerRow, ...]
    leaders: tuple[OwnerRow, ...]
    weights: RankingWeights = RankingWeights()
    ledgers: tuple[OwnerRow, ...] = ()  # the same tallies per ledger (name: the ledger id)


@dataclass
class _Tally:
    items: int = 0
    done_on_time: int = 0
    done_late: int = 0
    due: int = 0
    overdue: int = 0
    stale: int = 0
    off_track: set[str] = field(default_factory=set)
    causes: list[EntryCause] = field(default_factory=list)
    dropped: int = 0

    def add(self, one: _Tally) -> None:
        """Add one item's tally (:func:`_item_tally`)."""
        self.items += one.items
        self.done_on_time += one.done_on_time
        self.done_late += one.done_late
        self.due += one.due
        self.overdue += one.overdue
        self.stale += one.stale
        self.dropped += one.dropped
        self.off_track.update(one.off_track)
        self.causes.extend(one.causes)

    def row(self, name: str | None, weights: RankingWeights) -> OwnerRow:
        rate = on_time_rate(self.done_on_time, self.done_late, self.overdue)
        points = None if name is None else score(
            rate, self.overdue, self.stale, len(self.off_track), weights)
        return OwnerRow(name, self.items, self.done_on_time, self.done_late, self.due,
                        self.overdue, self.stale, len(self.off_track),
                        tuple(sorted(self.off_track)), rate, points, None,
                        tuple(self.causes), self.dropped)


def _item_tally(ref: ItemRef, as_of: date, after: int, statuses: dict[str, str]) -> _Tally:
    """One item's counts, worked out once and added to its department, leader and ledger."""
    one = _Tally(items=1)
    for entry in ref.item.schedule:
        state = state_at(entry, as_of)
        if state is EntryState.done:
            if done_late(entry):
                one.done_late += 1
            else:
                one.done_on_time += 1
        elif state is EntryState.dropped:
            one.dropped += 1
        elif state is EntryState.due:
            one.due += 1
        elif state is EntryState.overdue:
            one.overdue += 1
        if state in (EntryState.due, EntryState.overdue) and (
                entry.cause or entry.corrective_action):
            one.causes.append(EntryCause(ref.item.id, str(entry.quarter), state.value,
                                         entry.cause, entry.corrective_action))
    one.stale = int(is_stale(ref.item, as_of, after))
    one.off_track.update(i for i in linked_indicator_ids(ref.item)
                         if statuses.get(i) in OFF_TRACK)
    return one


def on_time_rate(on_time: int, late: int, overdue: int) -> float | None:
    """Entries done on time over the entries that had to be done by now."""
    owed = on_time + late + overdue
    return on_time / owed if owed else None


def score(rate: float | None, overdue: int, stale: int, behind: int,
          weights: RankingWeights) -> float:
    """The 考评 score (module docstring); an undefined rate scores full marks."""
    full = 1.0 if rate is None else rate
    return round(weights.on_time * full - weights.overdue * overdue - weights.stale * stale
                 - weights.indicators_behind * behind, 6)


def ranked(rows: list[OwnerRow]) -> list[OwnerRow]:
    """Rows with their rank by score (highest first; equal scores share a rank)."""
    from dataclasses import replace

    out = []
    for r in rows:
        if r.score is None:
            out.append(r)
            continue
        better = sum(1 for o in rows if o.score is not None and o.score > r.score)
        out.append(replace(r, rank=better + 1))
    return out


def _keep_row(row: OwnerRow, statuses: tuple[str, ...]) -> bool:
    if not statuses:
        return True
    return any(getattr(row, col) for s in statuses for col in STATUS_COLUMNS[s])


def build_owners(ws: Workspace, as_of: date, filters: Filters = Filters()) -> OwnersReport:
    """The scorecard at ``as_of`` over the items that pass ``filters``.

    Args:
        ws: a sound workspace.
        as_of: the report date.
        filters: resolved filters; ``--status`` keeps owners with a non-zero count in
            its column (see :data:`STATUS_COLUMNS`).
    """
    info = ws.plan.plan
    after = info.settings.stale_after_quarters
    statuses = {ev.indicator.id: ev.status.value for ev in evaluate_all(ws, as_of)}
    by_dept: dict[str | None, _Tally] = defaultdict(_Tally)
    by_leader: dict[str | None, _Tally] = defaultdict(_Tally)
    by_ledger: dict[str | None, _Tally] = defaultdict(_Tally)
    for ref in all_items(ws):
        if keep_item(filters, ref):
            one = _item_tally(ref, as_of, after, statuses)
            by_dept[ref.item.owners.department].add(one)
            by_leader[ref.item.owners.leader].add(one)
            by_ledger[ref.ledger.ledger.id].add(one)

    weights = info.settings.ranking

    def rows(tallies: dict[str | None, _Tally]) -> tuple[OwnerRow, ...]:
        kept = ranked([t.row(name, weights) for name, t in tallies.items()])
        return tuple(sorted((r for r in kept if _keep_row(r, filters.statuses)),
                            key=OwnerRow.sort_key))

    return OwnersReport(info.title, as_of, Quarter.of(as_of), as_of > info.period.end.end,
                        rows(by_dept), rows(by_leader), weights,
                        tuple(t.row(name, weights) for name, t in by_ledger.items()))
