"""What changed between two states of the plan, in the plan's own terms.

Items added or removed, schedule entries added, removed or moved to another
status, owner changes, progress notes, indicators' actuals, and targets. A
changed target (of an indicator, or a key-indicator item's stretch or
provincial target) and a removed item or indicator are *governance changes*:
they change what the plan promises, and reviewers must see them first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import model as m
from ..load import Workspace


@dataclass(frozen=True)
class DiffEntry:
    kind: str  # see KINDS
    id: str  # the item's or indicator's id
    title: str
    where: str  # ledger id, or "indicators"
    detail: str = ""  # which entry, period or field
    before: str | None = None
    after: str | None = None
    governance: bool = False


KINDS = (
    "target-changed", "indicator-removed", "item-removed", "indicator-added", "item-added",
    "status-changed", "entry-added", "entry-removed", "entry-changed", "owner-changed",
    "actual-added", "actual-changed", "actual-removed", "note-added",
)
GOVERNANCE = frozenset({"target-changed", "indicator-removed", "item-removed"})


@dataclass
class DiffReport:
    base: str  # how the two sides are named: a commit, "working tree"
    head: str
    entries: list[DiffEntry] = field(default_factory=list)

    @property
    def governance(self) -> list[DiffEntry]:
        return [e for e in self.entries if e.governance]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries:
            out[e.kind] = out.get(e.kind, 0) + 1
        return out


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, m.Target):
        op = {"about": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤",
              "less_than": "<", "multiple_of_baseline": "×"}[value.op.value]
        return f"{value.period}: {op}{value.value:g}" + (f" ({value.wording})" if value.wording else "")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _items(ws: Workspace) -> dict[str, tuple[str, m.Item]]:
    return {item.id: (ledger.ledger.id, item) for ledger in ws.ledgers for item in ledger.items}


def _entry_key(entry: m.ScheduleEntry) -> tuple[str, str]:
    return (str(entry.quarter), entry.deliverable)


def build_diff(base: Workspace, head: Workspace, base_name: str, head_name: str) -> DiffReport:
    """Compare ``base`` with ``head``; entries come grouped by kind, governance first."""
    report = DiffReport(base_name, head_name)
    out = report.entries
    before, after = _items(base), _items(head)
    for item_id, (ledger, item) in after.items():
        if item_id not in before:
            out.append(DiffEntry("item-added", item_id, item.title, ledger))
            continue
        out.extend(_item_changes(before[item_id][1], item, ledger))
    for item_id, (ledger, item) in before.items():
        if item_id not in after:
            out.append(DiffEntry("item-removed", item_id, item.title, ledger, governance=True))
    out.extend(_indicator_changes(base, head))
    order = {kind: i for i, kind in enumerate(KINDS)}
    out.sort(key=lambda e: (order[e.kind], e.where, e.id, e.detail))
    return report


def _item_changes(old: m.Item, new: m.Item, ledger: str) -> list[DiffEntry]:
    out = []

    def add(kind, detail="", b=None, a=None, governance=False):
        out.append(DiffEntry(kind, new.id, new.title, ledger, detail, _text(b), _text(a),
                             governance))

    for name in ("stretch_target", "provincial_target"):
        b, a = getattr(old, name, None), getattr(new, name, None)
        if b != a:
            add("target-changed", name, b, a, governance=True)
    for name in ("leader", "department", "section"):
        b, a = getattr(old.owners, name), getattr(new.owners, name)
        if b != a:
            add("owner-changed", name, b, a)
    if old.owners.staff != new.owners.staff:
        add("owner-changed", "staff", "、".join(old.owners.staff) or None,
            "、".join(new.owners.staff) or None)
    olds = {_entry_key(e): e for e in old.schedule}
    news = {_entry_key(e): e for e in new.schedule}
    for key, entry in news.items():
        label = f"{key[0]} {key[1]}"
        prior = olds.get(key)
        if prior is None:
            add("entry-added", label, None, entry.status.value)
        elif prior.status != entry.status:
            add("status-changed", label, prior.status.value, entry.status.value)
        elif prior != entry:
            changed = [f for f in m.ScheduleEntry.model_fields
                       if getattr(prior, f) != getattr(entry, f)]
            add("entry-changed", label, None, ", ".join(changed))
    for key, entry in olds.items():
        if key not in news:
            add("entry-removed", f"{key[0]} {key[1]}", entry.status.value, None)
    known = {(u.date, u.text) for u in old.updates}
    for update in new.updates:
        if (update.date, update.text) not in known:
            add("note-added", update.date.isoformat(), None, update.text)
    return out


def _indicator_changes(base: Workspace, head: Workspace) -> list[DiffEntry]:
    out = []
    olds = {ind.id: ind for ind in base.indicators}
    news = {ind.id: ind for ind in head.indicators}
    for ind_id, ind in news.items():
        old = olds.get(ind_id)
        if old is None:
            out.append(DiffEntry("indicator-added", ind_id, ind.name, "indicators",
                                 after=_text(ind.target)))
            continue
        if old.target != ind.target:
            out.append(DiffEntry("target-changed", ind_id, ind.name, "indicators", "target",
                                 _text(old.target), _text(ind.target), governance=True))
        before = {str(a.period): a for a in old.actuals}
        after = {str(a.period): a for a in ind.actuals}
        for period, actual in after.items():
            prior = before.get(period)
            if prior is None:
                out.append(DiffEntry("actual-added", ind_id, ind.name, "indicators", period,
                                     None, _text(actual.value)))
            elif prior != actual:
                out.append(DiffEntry("actual-changed", ind_id, ind.name, "indicators", period,
                                     _text(prior.value), _text(actual.value)))
        for period, actual in before.items():
            if period not in after:
                out.append(DiffEntry("actual-removed", ind_id, ind.name, "indicators", period,
                                     _text(actual.value), None))
    for ind_id, ind in olds.items():
        if ind_id not in news:
            out.append(DiffEntry("indicator-removed", ind_id, ind.name, "indicators",
                                 before=_text(ind.target), governance=True))
    return out
