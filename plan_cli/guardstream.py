"""The guard rails of ``plan check --against BASE``, one ledger file at a time.

:func:`plan_cli.guard.run_guards` compares two whole workspaces; for a plan of
100,000 items that is every item twice, with the working tree's raw data.
:func:`guard_streaming` finds exactly the same diagnostics holding one ledger
file of each side at a time, and plan-wide only what the rules need to pair
the files (:class:`plan_cli.guard.LedgerIndex`: each ledger's names, revisions
and item ids):

1. BASE's plan.yaml, indicators.yaml and owners.yaml, then every BASE ledger
   file read from git in turn (:class:`plan_cli.gitread.Blobs`) for its index.
2. Each working-tree ledger file in turn, with its raw data (to locate the
   findings): each item is judged against what it was at BASE, wherever it was
   (items move between files), read again from its BASE file — unless the item
   is where it was in a file whose bytes are unchanged: it is then the same
   item, and nothing can be found on it. A file unchanged with every item where
   it was is not parsed again at all: its index and problems are BASE's.
3. Removals (``item-removed``, ``ledger-removed``) from the two indexes, and
   the indicators' rules on the small files.

An item id found twice (the checks report it) is judged where
:func:`plan_cli.guard.run_guards` judges it: its last place in ledger order.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from . import model as m
from .diagnostics import Diagnostic, Severity
from .guard import (LedgerIndex, item_schedule, item_targets, judged_alike, ledger_index,
                    removed_items, run_guards)
from .datadir import LEDGERS_DIR, RefusedFile, ledger_paths, read_data_file
from .load import DataLocation, Workspace, iter_ledgers, ledger_order, load_base


def guard_streaming(location: DataLocation, rev: str, base_date: date, today: date,
                    cache: Any = None) -> list[Diagnostic]:
    """``run_guards(load_at(location, rev), load(location), base_date, today)``, one
    ledger file of each side in memory at a time. ``cache``: the parse cache (BASE's
    files are only looked up in it, never stored: no check would prune them)."""
    from .gitread import Blobs

    enabled = gc.isenabled()
    gc.disable()  # as in load(): the parse forms no cycles, and frees by reference count
    try:
        with Blobs(location, rev) as blobs:
            return _guard(location, blobs, base_date, today, cache)
    finally:
        if enabled:
            gc.enable()


def _guard(location: DataLocation, blobs: Mapping[Path, bytes], base_date: date, today: date,
           cache: Any) -> list[Diagnostic]:
    looked_up = _Digests(cache)
    base = load_base(location, blobs, looked_up) if blobs else Workspace(location)
    base_ledgers: list[tuple[int, int, Path, LedgerIndex]] = []
    # BASE's sound ledger files by path: (digest of their bytes, their own problems,
    # whether each item judged against itself yields nothing)
    unchanged_if: dict[Path, tuple[bytes, list[Diagnostic], bool]] = {}
    seen = len(base.diagnostics)
    for number, (source, ledger) in enumerate(iter_ledgers(base, blobs, looked_up)):
        problems, seen = base.diagnostics[seen:], len(base.diagnostics)
        if ledger is not None:
            base_ledgers.append((ledger_order(ledger), number, source.path,
                                 ledger_index(base, ledger, source)))
            unchanged_if[source.path] = (looked_up.digest, problems,
                                         all(judged_alike(item) for item in ledger.items))
        looked_up.digest = None
        del source, ledger
    base_ledgers.sort(key=lambda entry: entry[:2])  # load()'s order: ledger_order, then name
    before: dict[str, tuple[int, int]] = {}  # item id -> (place in base_ledgers, index)
    places: dict[Path, int] = {}
    for place, entry in enumerate(base_ledgers):
        places[entry[2]] = place
        for k, item_id in enumerate(entry[3].ids):
            before[item_id] = (place, k)

    head = load_base(location, cache=cache)
    head_ledgers: list[tuple[int, int, LedgerIndex]] = []
    found: list[tuple[str, int, int, list[Diagnostic]]] = []  # (id, file number, index, diags)
    for number, path in enumerate(ledger_paths(location.path / LEDGERS_DIR)):
        disk = _DiskFile(path)
        place = places.get(path)
        digest, problems, alike = unchanged_if.get(path, (None, [], False))
        if digest is not None and digest == disk.digest and alike and all(
                before.get(item_id) == (place, k)
                for k, item_id in enumerate(base_ledgers[place][3].ids)):
            # The same bytes, every item where it was: BASE's items, nothing to find on
            # them; the file's index and problems are BASE's (its path is the same).
            index = base_ledgers[place][3]
            broken = any(d.severity is Severity.error for d in problems)
            head.diagnostics += problems
            head_ledgers.append((base_ledgers[place][0], number,
                                 dataclasses.replace(index, broken=broken)))
            continue
        for source, ledger in iter_ledgers(head, disk, cache):
            if ledger is not None:
                _judge(head, number, source, ledger, place if disk.digest == digest else None,
                       before, base_ledgers, location, blobs, looked_up, base_date,
                       head_ledgers, found)
            del source, ledger  # let this file's data go before the next is read
    head_ledgers.sort(key=lambda entry: entry[:2])
    after: dict[str, tuple[int, int]] = {}  # item id -> its last place, as run_guards sees it
    for _, number, index in head_ledgers:
        for k, item_id in enumerate(index.ids):
            after[item_id] = (number, k)

    diags = [d for item_id, number, i, item_diags in found if after[item_id] == (number, i)
             for d in item_diags]
    diags += removed_items([entry[3] for entry in base_ledgers],
                           [entry[2] for entry in head_ledgers],
                           {d.path.rsplit("/", 1)[-1] for d in head.diagnostics})
    # The indicators' rules (and nothing of the ledgers, which neither side holds now).
    diags += run_guards(base, head, base_date, today)
    return sorted(diags)


def _judge(head: Workspace, number: int, source, ledger: m.LedgerFile, same: int | None,
           before, base_ledgers, location, blobs, cache, base_date: date,
           head_ledgers: list, found: list) -> None:
    """One working-tree ledger file: its index, and its items' findings (``same``: its
    place in ``base_ledgers`` if its bytes are unchanged)."""
    broken = any(d.path == source.display and d.severity is Severity.error
                 for d in head.diagnostics)
    head_ledgers.append((ledger_order(ledger), number,
                         ledger_index(head, ledger, source, titles=False, broken=broken)))
    olds = _base_items(ledger, same, before, base_ledgers, location, blobs, cache)
    for i, item in enumerate(ledger.items):
        if (same, i) == before.get(item.id) and judged_alike(item):
            continue  # the same item: nothing to find
        old = olds.get(before.get(item.id))
        diags = list(item_targets(head, source, i, item, old)) if old is not None else []
        if not broken:
            diags += item_schedule(head, source, i, item, old, base_date)
        if diags:
            found.append((item.id, number, i, diags))


def _base_items(ledger: m.LedgerFile, same: int | None, before: dict[str, tuple[int, int]],
                base_ledgers: list, location: DataLocation, blobs: Mapping[Path, bytes],
                cache: Any) -> dict[tuple[int, int], m.Item]:
    """What ``ledger``'s items were at BASE, by their place there: each BASE file they
    come from is read again, one at a time (usually the one file of the same name),
    but for the items at their place ``(same, i)`` in an unchanged file."""
    wanted: dict[int, list[int]] = {}
    for i, item in enumerate(ledger.items):
        where = before.get(item.id)
        if where is not None and (where != (same, i) or not judged_alike(item)):
            wanted.setdefault(where[0], []).append(where[1])
    olds = {}
    for place, indexes in wanted.items():
        path = base_ledgers[place][2]
        scratch = Workspace(location)  # (BASE's own problems were met, and are not reported)
        for _, then in iter_ledgers(scratch, _OneFile(blobs, path), cache):
            for k in indexes if then is not None else ():  # (sound in the first pass)
                olds[place, k] = then.items[k]
    return olds


class _OneFile(Mapping):
    """One file of a snapshot, as a snapshot: to read that file alone."""

    def __init__(self, blobs: Mapping[Path, bytes], path: Path):
        self.blobs, self.path = blobs, path

    def __getitem__(self, path: Path) -> bytes:
        if path != self.path:
            raise KeyError(path)
        return self.blobs[path]

    def __iter__(self):
        return iter((self.path,))

    def __len__(self) -> int:
        return 1


class _DiskFile(Mapping):
    """One working-tree file as a one-file snapshot, read once: :func:`plan_cli.load.
    iter_ledgers` reads it as from the folder (a refused or unreadable file raises
    the same error in the same place), and its digest is of the bytes it reads."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.raw: bytes | None = read_data_file(path)
            self.error: Exception | None = None
        except (OSError, RefusedFile) as exc:
            self.raw, self.error = None, exc
        self.digest = None if self.raw is None else hashlib.sha256(self.raw).digest()

    def __getitem__(self, path: Path) -> bytes:
        if path != self.path:
            raise KeyError(path)
        if self.raw is None:
            raise self.error
        return self.raw

    def __iter__(self):
        return iter((self.path,))

    def __len__(self) -> int:
        return 1


class _Digests:
    """The parse cache as :func:`plan_cli.load.load` uses it (or none) for BASE's
    files, noting the digest of the bytes of the file read last (files unchanged
    since BASE are known by it); looked up, never written: BASE's old versions of
    files would stay in the cache for good (a check prunes only what checks stored)."""

    def __init__(self, cache: Any):
        self.cache = cache
        self.digest: bytes | None = None

    def parse_key(self, raw: bytes) -> bytes:
        self.digest = hashlib.sha256(raw).digest()
        return self.cache.parse_key(raw) if self.cache is not None else self.digest

    def get_parse(self, key: bytes):
        return self.cache.get_parse(key) if self.cache is not None else None

    def put_parse(self, key: bytes, data: Any, problems: list) -> None:
        pass
