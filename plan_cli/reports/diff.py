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
    field: str = ""  # the field that changed (status, done_on, cause, …); "" for whole things


KINDS = (
    "target-changed", "indicator-removed", "item-removed", "revision-added",
    "indicator-added", "item-added", "status-changed", "entry-added", "entry-removed", "entry-changed", "owner-changed",
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
    if isinstance(value, m.Correction):
        return f"{value.date.isoformat()} {value.reason}"
    if hasattr(value, "value") and not isinstance(value, (int, str)):  # an enum: its value
        return str(value.value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _revision(rev: m.Revision) -> tuple[str, str]:
    """A revision record as (detail, after): its date and document, who approved it and why."""
    after = rev.approved_by + (f":{rev.reason}" if rev.reason else "")
    if rev.removed:
        after += " [" + ", ".join(rev.removed) + "]"
    return f"{rev.date.isoformat()} {rev.document}", after


def _new_revisions(old: list[m.Revision], new: list[m.Revision]) -> list[m.Revision]:
    return [r for r in new if r not in old]


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
    old_ledgers = {lf.ledger.id: lf for lf in base.ledgers}
    for lf in head.ledgers:
        prior = old_ledgers.get(lf.ledger.id)
        for rev in _new_revisions(prior.revisions if prior else [], lf.revisions):
            out.append(DiffEntry("revision-added", lf.ledger.id, lf.ledger.title, lf.ledger.id,
                                 *_revision(rev)[:1], None, _revision(rev)[1]))
    for rev in _new_revisions(_file_revisions(base), _file_revisions(head)):
        out.append(DiffEntry("revision-added", "indicators", "indicators.yaml", "indicators",
                             _revision(rev)[0], None, _revision(rev)[1]))
    out.extend(_indicator_changes(base, head))
    order = {kind: i for i, kind in enumerate(KINDS)}
    out.sort(key=lambda e: (order[e.kind], e.where, e.id, e.detail))
    return report


def _file_revisions(ws: Workspace) -> list[m.Revision]:
    """indicators.yaml's own revision records (approved removals of indicators)."""
    source = ws.indicators_file
    data = source.data if source is not None else None
    raw = data.get("revisions") if isinstance(data, dict) else None
    out = []
    for entry in raw if isinstance(raw, list) else []:
        try:
            out.append(m.Revision.model_validate(entry))
        except ValueError:  # plan check reports it; a diff shows what it can
            continue
    return out


_ENTRY_FIELDS = [f for f in m.ScheduleEntry.model_fields if f not in ("quarter", "deliverable")]


def _pair_renamed(olds: dict, news: dict) -> list[tuple[tuple, tuple]]:
    """Entries of one quarter whose deliverable was reworded: (old key, new key) pairs.

    Within a quarter, the unmatched old and new entries pair up by the most similar
    wording, so a renamed deliverable is one change rather than a removal and an addition.
    """
    import difflib

    gone = [k for k in olds if k not in news]
    came = [k for k in news if k not in olds]
    pairs = []
    for key in list(came):
        same_quarter = [g for g in gone if g[0] == key[0]]
        if not same_quarter:
            continue
        best = max(same_quarter,
                   key=lambda g: difflib.SequenceMatcher(None, g[1], key[1]).ratio())
        pairs.append((best, key))
        gone.remove(best)
        came.remove(key)
    return pairs


def _item_changes(old: m.Item, new: m.Item, ledger: str) -> list[DiffEntry]:
    out = []

    def add(kind, detail="", b=None, a=None, governance=False, field=""):
        out.append(DiffEntry(kind, new.id, new.title, ledger, detail, _text(b), _text(a),
                             governance, field))

    for name in ("stretch_target", "provincial_target"):
        b, a = getattr(old, name, None), getattr(new, name, None)
        if b != a:
            add("target-changed", "", b, a, governance=True, field=name)
    for name in ("leader", "department", "section"):
        b, a = getattr(old.owners, name), getattr(new.owners, name)
        if b != a:
            add("owner-changed", "", b, a, field=name)
    if old.owners.staff != new.owners.staff:
        add("owner-changed", "", "、".join(old.owners.staff) or None,
            "、".join(new.owners.staff) or None, field="staff")
    for rev in _new_revisions(getattr(old, "revisions", []), getattr(new, "revisions", [])):
        detail, after = _revision(rev)
        add("revision-added", detail, None, after)
    olds = {_entry_key(e): e for e in old.schedule}
    news = {_entry_key(e): e for e in new.schedule}
    renamed = dict(_pair_renamed(olds, news))  # old key -> new key
    matched = {**{k: k for k in news if k in olds}, **{n: o for o, n in renamed.items()}}
    for key, entry in news.items():
        label = f"{key[0]} {key[1]}"
        prior = olds.get(matched[key]) if key in matched else None
        if prior is None:
            add("entry-added", label, None, entry.status, field="status")
            for name in _ENTRY_FIELDS:  # what a new entry says besides its state
                if name != "status" and getattr(entry, name) is not None:
                    add("entry-changed", label, None, getattr(entry, name), field=name)
            continue
        if prior.deliverable != entry.deliverable:
            add("entry-changed", label, prior.deliverable, entry.deliverable,
                field="deliverable")
        if prior.status != entry.status:
            add("status-changed", label, prior.status, entry.status, field="status")
        for name in _ENTRY_FIELDS:
            if name != "status" and getattr(prior, name) != getattr(entry, name):
                add("entry-changed", label, getattr(prior, name), getattr(entry, name),
                    field=name)
    for key, entry in olds.items():
        if key not in news and key not in renamed:
            add("entry-removed", f"{key[0]} {key[1]}", entry.status, None, field="status")
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
            out.append(DiffEntry("target-changed", ind_id, ind.name, "indicators", "",
                                 _text(old.target), _text(ind.target), governance=True,
                                 field="target"))
        for rev in _new_revisions(old.revisions, ind.revisions):
            detail, after_text = _revision(rev)
            out.append(DiffEntry("revision-added", ind_id, ind.name, "indicators", detail,
                                 None, after_text))
        before = {str(a.period): a for a in old.actuals}
        after = {str(a.period): a for a in ind.actuals}
        for period, actual in after.items():
            prior = before.get(period)
            if prior is None:
                out.append(DiffEntry("actual-added", ind_id, ind.name, "indicators", period,
                                     None, _text(actual.value)))
            elif prior != actual:
                for name in ("value", "source", "note", "cause", "corrective_action"):
                    if getattr(prior, name, None) != getattr(actual, name, None):
                        out.append(DiffEntry("actual-changed", ind_id, ind.name, "indicators",
                                             period, _text(getattr(prior, name, None)),
                                             _text(getattr(actual, name, None)),
                                             field="" if name == "value" else name))
        for period, actual in before.items():
            if period not in after:
                out.append(DiffEntry("actual-removed", ind_id, ind.name, "indicators", period,
                                     _text(actual.value), None))
    for ind_id, ind in olds.items():
        if ind_id not in news:
            out.append(DiffEntry("indicator-removed", ind_id, ind.name, "indicators",
                                 before=_text(ind.target), governance=True))
    return out
