"""Unique ids: areas, indicators, ledgers and items share one namespace, so
``plan show ID`` finds any of them.

``duplicate-id`` (error)
    en: An id already used elsewhere, in this file or another.
    zh: 编号已在本文件或其他文件中使用。

    Bad::

        - id: PT-001
          title: 建设创新平台
        - id: PT-001
          title: 培育服务出口基地

    Good::

        - id: PT-001
          title: 建设创新平台
        - id: PT-002
          title: 培育服务出口基地
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .. import model as m
from ..diagnostics import Diagnostic, Severity
from ..load import INDICATORS_FILE, PLAN_FILE, Workspace
from ..yamlread import locate


def check_unique_ids(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Areas, indicators, ledgers and items share one namespace: ``plan show ID`` finds any."""
    places = _base_id_places(ws)
    places += [_ledger_id_place(ws, ledger) for ledger in ws.ledgers]
    for ledger in ws.ledgers:
        places += _item_id_places(ws, ledger)
    return _duplicate_ids(places)


# An id's place: (id, path, line, column). Found while each file's positions are
# at hand, so that run_checks_streaming can judge ids across ledgers it no longer holds.
IdPlace = tuple[str, str, int, int]


def _place(ws: Workspace, id_: str, source, loc: tuple) -> IdPlace:
    line, column = locate(source.data, loc)
    return (id_, source.display, line, column)


def _base_id_places(ws: Workspace) -> list[IdPlace]:
    places = []
    if ws.plan and PLAN_FILE in ws.sources:
        src = ws.sources[PLAN_FILE]
        places += [_place(ws, a.id, src, ("areas", i, "id")) for i, a in enumerate(ws.plan.areas)]
    if INDICATORS_FILE in ws.sources:
        src = ws.sources[INDICATORS_FILE]
        places += [_place(ws, ind.id, src, ("indicators", i, "id"))
                   for i, ind in enumerate(ws.indicators)]
    return places


def _ledger_id_place(ws: Workspace, ledger: m.LedgerFile) -> IdPlace:
    return _place(ws, ledger.ledger.id, ws.source_of(ledger), ("ledger", "id"))


def _item_id_places(ws: Workspace, ledger: m.LedgerFile) -> list[IdPlace]:
    src = ws.source_of(ledger)
    return [_place(ws, item.id, src, ("items", i, "id")) for i, item in enumerate(ledger.items)]


def _duplicate_ids(places: Iterable[IdPlace]) -> Iterator[Diagnostic]:
    """Every place after the first of its id is a duplicate (in the order given)."""
    seen: dict[str, str] = {}
    for id_, path, line, column in places:
        if id_ in seen:
            yield Diagnostic(path, line, column, Severity.error, "duplicate-id",
                             {"id": id_, "other": seen[id_]})
        else:
            seen[id_] = f"{path}:{line}"
