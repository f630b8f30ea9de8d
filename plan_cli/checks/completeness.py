"""Completeness: what the office still has to fill in. Warnings, not
failures, unless ``plan check --strict``.

``ledger-incomplete`` (warning)
    en: A ledger holds fewer items than it declares.
    zh: 台账录入的事项少于声明的数量。

    Bad::

        ledger: {id: pilots, kind: pilots, title: 试点示范, declared_count: 11}
        items: [ ...2 items... ]

    Good::

        ledger: {id: pilots, kind: pilots, title: 试点示范, declared_count: 2}
        items: [ ...2 items... ]

``ledger-overfull`` (warning)
    en: A ledger holds more items than it declares.
    zh: 台账录入的事项多于声明的数量。

    Bad::

        declared_count: 1
        items: [ ...2 items... ]

    Good::

        declared_count: 2
        items: [ ...2 items... ]

``unassigned`` (warning)
    en: An item without a responsible department.
    zh: 事项未落实责任部门。

    Bad::

        owners: {department: null}

    Good::

        owners: {department: 市科技局}

``missing-baseline`` (warning)
    en: A level or rank indicator without a baseline: its progress cannot be judged.
    zh: 水平类或位次类指标缺少基期值,无法判断进度。

    Bad::

        measure: level
        target: {period: 2025, op: about, value: 2.8}

    Good::

        measure: level
        baseline: {period: 2022, value: 2.2, source: 统计公报}
        target: {period: 2025, op: about, value: 2.8}
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import model as m
from ..diagnostics import Diagnostic, Severity
from ..load import INDICATORS_FILE, Workspace
from .common import items


def check_completeness(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Warnings for what the office still has to fill in."""
    for ledger in ws.ledgers:
        src = ws.source_of(ledger)
        raw = src.as_read.get("items") if isinstance(src.as_read, dict) else None
        # Items left out as unreadable still count as entered: their errors say why.
        entered = len(raw) if isinstance(raw, list) else len(ledger.items)
        declared = ledger.ledger.declared_count
        if declared is not None and entered != declared:
            code = "ledger-incomplete" if entered < declared else "ledger-overfull"
            yield ws.at(src, ("ledger", "declared_count"), code, Severity.warning,
                        ledger=ledger.ledger.id, entered=entered, declared=declared)
    for ref in items(ws):
        if ref.item.owners.department is None:
            src = ws.source_of(ref.ledger)
            yield ws.at(src, ref.loc("id"), "unassigned", Severity.warning, id=ref.item.id)
    src = ws.sources.get(INDICATORS_FILE)
    for i, ind in enumerate(ws.indicators):
        needs = ind.measure in (m.Measure.level, m.Measure.rank)
        if needs and ind.baseline is None:
            yield ws.at(src, ("indicators", i, "id"), "missing-baseline", Severity.warning,
                        id=ind.id)
