"""The filters every report takes: ``--area --ledger --department --leader --status``.

Semantics (the same in every report; shown in ``--help``):

* an option may be given several times: any of its values matches (OR);
  different options must all match (AND);
* ``--area``: an item's or an indicator's key-task area, by id or title;
* ``--ledger``: a ledger's id, title or short name; an indicator matches when an item
  of that ledger is linked to it;
* ``--department`` / ``--leader``: the item's responsible department (an alias
  from owners.yaml is accepted) or leader; ``unassigned`` (or ``未落实``) picks
  items without one; an indicator matches when an item it is linked to matches;
* ``--status``: an indicator status (met, on_track, …) or a schedule state
  (done, due, overdue, …); each report says which ones it understands.

A value that matches nothing known is a :class:`FilterError` (the CLI turns it
into a usage error, exit 2, with a did-you-mean).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from ..evaluate import IndicatorStatus
from ..load import Workspace, ledger_heads
from ..model import Indicator, Item, LedgerFile
from ..schedule import EntryState
from ..suggest import suggestions

INDICATOR_STATUSES = tuple(s.value for s in IndicatorStatus)
UNASSIGNED = "unassigned"  # --department/--leader value for items without one
_UNASSIGNED_WORDS = {UNASSIGNED: UNASSIGNED, "未落实": UNASSIGNED, "未落实责任": UNASSIGNED}
ENTRY_STATES = tuple(s.value for s in EntryState)


@dataclass(frozen=True)
class Filters:
    """What the user asked to see; empty tuples mean everything."""

    areas: tuple[str, ...] = ()
    ledgers: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    @property
    def scopes_items(self) -> bool:
        """Does a filter restrict which items (and so which indicators) count?"""
        return bool(self.ledgers or self.departments or self.leaders)


class FilterError(ValueError):
    """A filter value that names nothing in the data."""

    def __init__(self, option: str, value: str, suggestion: str | None, choices: list[str]):
        self.option, self.value, self.suggestion, self.choices = option, value, suggestion, choices
        self.msgid = ("'{value}' is not a status this report uses" if option == "--status"
                      else "no {option} '{value}' in the data") + (
                          " (did you mean '{suggestion}'?)" if suggestion else "")
        super().__init__(self.msgid.format(value=value, option=option.lstrip("-"),
                                           suggestion=suggestion))


@dataclass(frozen=True)
class ItemRef:
    """An item with its ledger, as reports walk them."""

    ledger: LedgerFile
    item: Item


def all_items(ws: Workspace) -> Iterator[ItemRef]:
    for ledger in ws.ledgers:
        for item in ledger.items:
            yield ItemRef(ledger, item)


def linked_indicator_ids(item: Item) -> list[str]:
    """Indicators an item is linked to: its ``indicators`` and a key-indicator item's own."""
    own = getattr(item, "indicator", None)
    ids = list(item.indicators)
    if own is not None and own not in ids:
        ids.append(own)
    return ids


def _check(option: str, values: Iterable[str], known: dict[str, str]) -> tuple[str, ...]:
    """Map each value to its canonical form, or raise with the nearest known value."""
    out = []
    for value in values:
        if value not in known:
            guess = suggestions(value, known, n=1, cutoff=0.4)
            raise FilterError(option, value, guess[0] if guess else None,
                              sorted(set(known.values())))
        out.append(known[value])
    return tuple(dict.fromkeys(out))


def _status_words(statuses: Iterable[str]) -> dict[str, str]:
    """The statuses a report takes, by value or by their Chinese word (已完成, 逾期 …)."""
    from ..messages import label

    known = {label(s, "zh"): s for s in statuses}
    known.update({s: s for s in statuses})
    return known


def resolve(ws: Workspace, asked: Filters, statuses: Iterable[str]) -> Filters:
    """Check every value against the data and canonicalise it.

    Args:
        ws: the loaded workspace.
        asked: the values as typed.
        statuses: the ``--status`` values this report understands.

    Returns:
        Filters with ledger names turned into ids and department aliases into names.

    Raises:
        FilterError: a value names nothing known (or a status this report does not use).
    """
    areas = {a.title: a.id for a in ws.plan.areas} if ws.plan else {}  # titles, then ids win
    areas.update({a.id: a.id for a in ws.plan.areas} if ws.plan else {})
    heads = ledger_heads(ws)
    ledgers = {head.title: head.id for head in heads}
    ledgers.update({head.name: head.id for head in heads if head.name})
    ledgers.update({head.id: head.id for head in heads})
    departments: dict[str, str] = dict(_UNASSIGNED_WORDS)
    leaders: dict[str, str] = dict(_UNASSIGNED_WORDS)
    if ws.owners:
        for dept in ws.owners.departments:
            departments.update({alias: dept.name for alias in dept.aliases})
            departments[dept.name] = dept.name
        leaders.update({leader.name: leader.name for leader in ws.owners.leaders})
    # Names only items carry (not in owners.yaml): a walk of the items, when asked for.
    for ref in all_items(ws) if asked.departments or asked.leaders else ():
        if ref.item.owners.department:
            departments.setdefault(ref.item.owners.department, ref.item.owners.department)
        if ref.item.owners.leader:
            leaders.setdefault(ref.item.owners.leader, ref.item.owners.leader)
    return replace(
        asked,
        areas=_check("--area", asked.areas, areas),
        ledgers=_check("--ledger", asked.ledgers, ledgers),
        departments=_check("--department", asked.departments, departments),
        leaders=_check("--leader", asked.leaders, leaders),
        statuses=_check("--status", asked.statuses, _status_words(statuses)),
    )


def keep_item(f: Filters, ref: ItemRef) -> bool:
    """Does an item pass the area, ledger, department and leader filters?"""
    owners = ref.item.owners
    return ((not f.areas or ref.item.area in f.areas)
            and (not f.ledgers or ref.ledger.ledger.id in f.ledgers)
            and (not f.departments or (owners.department or UNASSIGNED) in f.departments)
            and (not f.leaders or (owners.leader or UNASSIGNED) in f.leaders))


def kept_indicator_ids(ws: Workspace, f: Filters) -> set[str]:
    """Indicators that pass the area filter and, when items are scoped, are linked
    to an item that passes the ledger, department and leader filters."""
    ids = {ind.id for ind in ws.indicators if not f.areas or ind.area in f.areas}
    if not f.scopes_items:
        return ids
    scope = replace(f, areas=())
    linked = {i for ref in all_items(ws) if keep_item(scope, ref)
              for i in linked_indicator_ids(ref.item)}
    return ids & linked


def keep_indicator(kept_ids: set[str], f: Filters, indicator: Indicator, status: str) -> bool:
    """An indicator passes when it is in ``kept_ids`` and has an asked indicator status."""
    wanted = [s for s in f.statuses if s in INDICATOR_STATUSES]
    return indicator.id in kept_ids and (not wanted or status in wanted)


def keep_state(f: Filters, state: str) -> bool:
    """A schedule entry passes when no schedule state was asked or its state was."""
    wanted = [s for s in f.statuses if s in ENTRY_STATES]
    return not wanted or state in wanted
