"""Guard rails: rules on a *change* to the plan (``plan check --against BASE``).

The rules of :mod:`plan_cli.check` judge one state of the data; these judge
the step from BASE to the working tree, so that a pull request cannot quietly
weaken the plan or rewrite its history:

* ``target-changed`` — an indicator's target, or a key-indicator item's
  stretch or provincial target, differs from BASE, and the indicator (item)
  has no revision record that BASE did not have::

      revisions:
        - {date: 2024-07-01, approved_by: 市政府常务会议, document: 威政字〔2024〕12号}

* ``item-removed`` / ``indicator-removed`` — an item (indicator) of BASE is
  gone, and no new revision record of its ledger (of indicators.yaml) lists
  it under ``removed``.
* ``closed-entry-changed`` / ``closed-entry-removed`` — a schedule entry whose
  quarter had ended by BASE's commit date was rewritten or removed without a
  new ``correction: {date, reason}``. Rewritten means: for an entry already
  done or dropped at BASE, any change; for an entry still open, a change of
  its quarter or deliverable. Reporting late progress on an open entry of a
  past quarter (its status, done_on, evidence, cause…) is not a correction.
* ``closed-actual-changed`` — an actual recorded at BASE for a period that
  had ended by BASE's commit date was changed or removed without a new
  ``correction: {date, reason}`` on it (``plan record … --correction REASON``).
  Adding the actual of a past period, once statistics publish it, is normal.
* ``delay-without-cause`` — an entry newly ``delayed`` or ``blocked`` must state
  its ``cause`` (原因) and ``corrective_action`` (整改措施).
* ``off-track-without-cause`` — an indicator newly off track (as of today)
  must state both on its latest actual.

Codes
-----

``target-changed`` (error)
    en: A target (or a stretch / provincial target) changed without a new revision record.
    zh: 目标发生变化,但没有新增调整审批记录。

    Bad::

        target: {period: 2025, op: about, value: 3.0, wording: 达到3.0%左右}

    Good::

        target: {period: 2025, op: about, value: 3.0, wording: 达到3.0%左右}
        revisions:
          - {date: 2024-07-01, approved_by: 市政府常务会议, document: 威政字〔2024〕12号}

``item-removed`` (error)
    en: An item of BASE is gone and no new revision record of its ledger lists it as removed.
    zh: BASE 中的事项被删除,台账的调整审批记录中也未列明。

    Bad::

        items: [ ...PT-002 deleted... ]

    Good::

        revisions:
          - {date: 2024-07-01, approved_by: 市政府, document: 威政字〔2024〕12号, removed: [PT-002]}

``ledger-removed`` (error)
    en: A whole ledger file was deleted, and its items with it.
    zh: 整个台账文件被删除,其中的事项随之删除。

    Bad::

        git rm data/ledgers/pilots.yaml

    Good::

        (keep the file; retire items through its revisions)

``indicator-removed`` (error)
    en: An indicator of BASE is gone and no new revision record of indicators.yaml lists it.
    zh: BASE 中的指标被删除,indicators.yaml 的调整审批记录中也未列明。

    Bad::

        indicators: [ ...rd-intensity deleted... ]

    Good::

        revisions:
          - {date: 2024-07-01, approved_by: 市政府, document: 威政字〔2024〕12号, removed: [rd-intensity]}

``closed-entry-changed`` (error)
    en: An entry of a quarter closed at BASE was rewritten without a new correction.
    zh: BASE 时已结束季度的推进计划被改写,但没有新增更正说明。

    Bad::

        - {quarter: 2023Q2, deliverable: 制定方案, status: in_progress}

    Good::

        - {quarter: 2023Q2, deliverable: 制定方案, status: in_progress,
           correction: {date: 2024-05-10, reason: 验收未通过}}

``closed-entry-removed`` (error)
    en: An entry of a quarter closed at BASE was removed.
    zh: BASE 时已结束季度的推进计划被删除。

    Bad::

        schedule: [ ...the 2023Q2 entry deleted... ]

    Good::

        - {quarter: 2023Q2, deliverable: 制定方案, status: dropped}

``closed-actual-changed`` (error)
    en: An actual of a period closed at BASE was changed or removed without a new correction.
    zh: BASE 时已结束期间的实际值被修改或删除,但没有新增更正说明。

    Bad::

        - {period: 2023, value: 2.75, source: 统计公报}

    Good::

        - {period: 2023, value: 2.75, source: 统计公报,
           correction: {date: 2024-05-10, reason: 统计公报修订}}

``delay-without-cause`` (error)
    en: An entry newly delayed or blocked without its cause and corrective action.
    zh: 推进计划新标为延迟或受阻,但未写明原因和整改措施。

    Bad::

        - {quarter: 2024Q2, deliverable: 申报基地, status: delayed}

    Good::

        - {quarter: 2024Q2, deliverable: 申报基地, status: delayed,
           cause: 申报通道未开放, corrective_action: 与省厅对接}

``off-track-without-cause`` (error)
    en: An indicator newly off track whose latest actual states no cause and corrective action.
    zh: 指标新近明显滞后,其最新实际值未写明原因和整改措施。

    Bad::

        - {period: 2024, value: 2.2, source: 统计公报}

    Good::

        - {period: 2024, value: 2.2, source: 统计公报,
           cause: 重点企业研发投入下降, corrective_action: 落实研发费用加计扣除}
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from . import model as m
from .diagnostics import Diagnostic, Severity
from .evaluate import IndicatorStatus, evaluate
from .load import INDICATORS_FILE, Workspace
from .quarter import period_end
from .yamlread import locate

_LATE = frozenset({m.EntryStatus.delayed, m.EntryStatus.blocked})


def run_guards(base: Workspace, head: Workspace, base_date: date, today: date) -> list[Diagnostic]:
    """Every guard-rail finding, located in the working tree's files."""
    found: list[Diagnostic] = []
    for rule in (guard_targets, guard_removals, guard_schedule, guard_actuals, guard_off_track):
        found.extend(rule(base, head, base_date, today))
    return sorted(found)


def _broken(ws: Workspace) -> set[str]:
    """Files with errors of their own: parts of them may have been left out when
    they were read, so what looks removed there is not judged (check says why)."""
    return {d.path for d in ws.diagnostics if d.severity is Severity.error}


def _new(revisions: list[m.Revision], old: list[m.Revision]) -> list[m.Revision]:
    return [r for r in revisions if r not in old]


def _heads(ws: Workspace) -> dict[str, tuple[m.LedgerFile, int, m.Item]]:
    return {item.id: (ledger, i, item) for ledger in ws.ledgers
            for i, item in enumerate(ledger.items)}


def guard_targets(base: Workspace, head: Workspace, base_date: date,
                  today: date) -> Iterator[Diagnostic]:
    src = head.sources.get(INDICATORS_FILE)
    olds = {ind.id: ind for ind in base.indicators}
    for i, ind in enumerate(head.indicators):
        old = olds.get(ind.id)
        if old is not None and old.target != ind.target and not _new(ind.revisions, old.revisions):
            yield head.at(src, ("indicators", i, "target"), "target-changed", id=ind.id)
    before = _heads(base)
    for item_id, (ledger, i, item) in _heads(head).items():
        if item_id in before:
            yield from item_targets(head, head.source_of(ledger), i, item, before[item_id][2])


def item_targets(head: Workspace, src, i: int, item: m.Item, old: m.Item) -> Iterator[Diagnostic]:
    """``target-changed`` for one item (``items[i]`` of ``src``) and what it was at BASE."""
    for name in ("stretch_target", "provincial_target"):
        if getattr(old, name, None) != getattr(item, name, None) \
                and not _new(item.revisions, old.revisions):
            yield head.at(src, ("items", i, name), "target-changed", id=item.id, at_key=True)


@dataclass
class LedgerIndex:
    """What the removal rules need of one ledger file, plan-wide: its names, its
    revisions and its items' ids, not their contents (``plan check --against``
    keeps one per file of a large plan, see :mod:`plan_cli.guardstream`)."""

    name: str  # the file name: a ledger whose id was renamed is still the same file
    display: str
    ledger_id: str
    revisions: list[m.Revision]
    ids: list[str]
    titles: list[str] = field(default_factory=list)  # (BASE: for the message)
    items_at: tuple[int, int] = (1, 1)  # (head: where ``items:`` is, item-removed points there)
    broken: bool = False  # (head: the file has errors of its own)


def ledger_index(ws: Workspace, ledger: m.LedgerFile, source=None, *, titles: bool = True,
                 broken: bool = False) -> LedgerIndex:
    """``ledger`` as :class:`LedgerIndex` (``source``: the file it was read from)."""
    source = source or ws.source_of(ledger)
    items = ledger.items
    return LedgerIndex(source.path.name, source.display, ledger.ledger.id, ledger.revisions,
                       [item.id for item in items], [item.title for item in items] if titles else [],
                       locate(source.data, ("items",), at_key=True), broken)


def guard_removals(base: Workspace, head: Workspace, base_date: date,
                   today: date) -> Iterator[Diagnostic]:
    broken = _broken(head)
    yield from removed_items(
        [ledger_index(base, ledger) for ledger in base.ledgers],
        [ledger_index(head, ledger, titles=False,
                      broken=head.source_of(ledger).display in broken)
         for ledger in head.ledgers],
        {d.path.rsplit("/", 1)[-1] for d in head.diagnostics})
    yield from removed_indicators(base, head)


def removed_items(base: list[LedgerIndex], head: list[LedgerIndex],
                  broken_names: set[str]) -> Iterator[Diagnostic]:
    """``item-removed`` and ``ledger-removed``, from every ledger of BASE and of the
    head in :func:`plan_cli.load.ledger_order` (``broken_names``: the file names
    with problems of their own in the head)."""
    after = {item_id for ledger in head for item_id in ledger.ids}
    by_id = {ledger.ledger_id: ledger for ledger in head}
    # A ledger whose id was renamed is still the same file: match by file name too.
    by_file = {ledger.name: ledger for ledger in head}
    before: dict[str, tuple[LedgerIndex, int]] = {}
    for ledger in base:
        for k, item_id in enumerate(ledger.ids):
            before[item_id] = (ledger, k)
    gone: dict[str, list[str]] = {}  # deleted ledger file -> its removed item ids
    for item_id, (ledger, k) in before.items():
        if item_id in after:
            continue
        now = by_id.get(ledger.ledger_id) or by_file.get(ledger.name)
        if now is None:
            if ledger.name not in broken_names:  # a broken file's own errors: check says
                gone.setdefault(ledger.display, []).append(item_id)
            continue
        approved = {r for rev in _new(now.revisions, ledger.revisions) for r in rev.removed}
        if item_id not in approved and not now.broken:
            line, column = now.items_at
            yield Diagnostic(now.display, line, column, Severity.error, "item-removed",
                             {"id": item_id, "title": ledger.titles[k]})
    for display, item_ids in gone.items():
        yield Diagnostic(display, 1, 1, Severity.error, "ledger-removed",
                         {"count": len(item_ids), "ids": ", ".join(item_ids[:5])
                          + (" …" if len(item_ids) > 5 else "")})


def removed_indicators(base: Workspace, head: Workspace) -> Iterator[Diagnostic]:
    """``indicator-removed``."""
    src = head.sources.get(INDICATORS_FILE)
    if src is None or base.indicators_file is None or src.display in _broken(head):
        return
    names = {ind.id for ind in head.indicators}
    # (either file may be unsound — a list, text — and is then reported by the checks)
    old_file = base.indicators_file.data if isinstance(base.indicators_file.data, dict) else {}
    new_file = src.data if isinstance(src.data, dict) else {}
    old_revs = [m.Revision.model_validate(r) for r in old_file.get("revisions") or []
                if _valid(r)]
    new_revs = [m.Revision.model_validate(r) for r in new_file.get("revisions") or []
                if _valid(r)]
    approved = {r for rev in _new(new_revs, old_revs) for r in rev.removed}
    for ind in base.indicators:
        if ind.id not in names and ind.id not in approved:
            yield head.at(src, ("indicators",), "indicator-removed", id=ind.id, at_key=True)


def _valid(raw) -> bool:
    try:
        m.Revision.model_validate(raw)
    except ValueError:
        return False
    return True


def _match(old: m.ScheduleEntry, olds: list[m.ScheduleEntry],
           news: list[m.ScheduleEntry]) -> int | None:
    """The head entry that is ``old``: same quarter and deliverable, else the
    entry at the same place among that quarter's entries."""
    for j, new in enumerate(news):
        if new.quarter == old.quarter and new.deliverable == old.deliverable:
            return j
    rank = [e for e in olds if e.quarter == old.quarter].index(old)
    same = [j for j, e in enumerate(news) if e.quarter == old.quarter]
    taken = {j for j in same for o in olds if o.quarter == old.quarter
             and news[j].deliverable == o.deliverable}
    free = [j for j in same if j not in taken]
    return free[rank] if rank < len(free) else None


def _rewritten(old: m.ScheduleEntry, new: m.ScheduleEntry) -> bool:
    if old.status in m.CLOSED_STATUSES:
        return old.model_copy(update={"correction": None}) != \
            new.model_copy(update={"correction": None})
    return (old.quarter, old.deliverable) != (new.quarter, new.deliverable)


def guard_schedule(base: Workspace, head: Workspace, base_date: date,
                   today: date) -> Iterator[Diagnostic]:
    before = _heads(base)
    broken = _broken(head)
    for item_id, (ledger, i, item) in _heads(head).items():
        src = head.source_of(ledger)
        if src.display in broken:
            continue
        old_item = before.get(item_id, (None, None, None))[2]
        yield from item_schedule(head, src, i, item, old_item, base_date)


def item_schedule(head: Workspace, src, i: int, item: m.Item, old_item: m.Item | None,
                  base_date: date) -> Iterator[Diagnostic]:
    """The schedule codes for one item (``items[i]`` of ``src``) and what it was at
    BASE (None: new)."""
    olds = old_item.schedule if old_item else []
    matched: dict[int, m.ScheduleEntry] = {}
    for old in olds:
        j = _match(old, olds, item.schedule)
        if j is not None:
            matched[j] = old
        if old.quarter.end >= base_date:
            continue
        if j is None:
            yield head.at(src, ("items", i, "schedule"), "closed-entry-removed", at_key=True,
                          id=item.id, quarter=str(old.quarter), deliverable=old.deliverable)
            continue
        new = item.schedule[j]
        if _rewritten(old, new) and (new.correction is None or new.correction == old.correction):
            yield head.at(src, ("items", i, "schedule", j), "closed-entry-changed",
                          id=item.id, quarter=str(old.quarter))
    for j, new in enumerate(item.schedule):
        old = matched.get(j)
        newly_late = new.status in _LATE and (old is None or old.status not in _LATE)
        if newly_late and (new.cause is None or new.corrective_action is None):
            yield head.at(src, ("items", i, "schedule", j, "status"), "delay-without-cause",
                          id=item.id, quarter=str(new.quarter),
                          status=status_words(new.status.value))


def judged_alike(item: m.Item) -> bool:
    """Whether the item judged against an identical copy of itself yields nothing:
    so unless two of its entries share a quarter and deliverable (:func:`_match`
    then pairs the second one with the first)."""
    return len({(e.quarter, e.deliverable) for e in item.schedule}) == len(item.schedule)


def status_words(status: str) -> dict[str, str]:
    """A state as a per-language message argument: ``delayed`` / ``已延期``."""
    from .render.labels import label

    return {"en": status, "zh": label(status, "zh")}


def guard_actuals(base: Workspace, head: Workspace, base_date: date,
                  today: date) -> Iterator[Diagnostic]:
    src = head.sources.get(INDICATORS_FILE)
    if src is None or src.display in _broken(head):
        return
    olds = {ind.id: ind for ind in base.indicators}
    for i, ind in enumerate(head.indicators):
        old = olds.get(ind.id)
        if old is None:
            continue
        news = {a.period: (j, a) for j, a in enumerate(ind.actuals)}
        for actual in old.actuals:
            if period_end(actual.period) >= base_date:
                continue
            j, new = news.get(actual.period, (None, None))
            if new is None:
                yield head.at(src, ("indicators", i, "actuals"), "closed-actual-changed",
                              at_key=True, id=ind.id, period=str(actual.period),
                              old=_num(actual.value), new="—")
                continue
            same = actual.model_copy(update={"correction": None}) == \
                new.model_copy(update={"correction": None})
            if not same and (new.correction is None or new.correction == actual.correction):
                yield head.at(src, ("indicators", i, "actuals", j, "value"),
                              "closed-actual-changed", id=ind.id, period=str(actual.period),
                              old=_num(actual.value), new=_num(new.value))


def _num(value: float) -> str:
    return f"{value:g}"


def _off_track(ws: Workspace, today: date) -> set[str]:
    if ws.plan is None:
        return set()
    info = ws.plan.plan
    return {ind.id for ind in ws.indicators
            if evaluate(ind, info.settings, today, info.period.start, info.period.end).status
            is IndicatorStatus.off_track}


def guard_off_track(base: Workspace, head: Workspace, base_date: date,
                    today: date) -> Iterator[Diagnostic]:
    src = head.sources.get(INDICATORS_FILE)
    newly = _off_track(head, today) - _off_track(base, today)
    for i, ind in enumerate(head.indicators):
        if ind.id not in newly:
            continue
        known = [(j, a) for j, a in enumerate(ind.actuals) if period_end(a.period) <= today]
        if not known:
            continue
        j, latest = max(known, key=lambda ja: period_end(ja[1].period))
        if latest.cause is None or latest.corrective_action is None:
            yield head.at(src, ("indicators", i, "actuals", j), "off-track-without-cause",
                          id=ind.id, period=str(latest.period))
