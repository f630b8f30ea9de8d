"""Rules across files, run over a loaded :class:`~plan_cli.load.Workspace`:
one module per rule family, whose docstring documents its codes (``plan
explain CODE`` prints an entry; docs/rules.md gathers them all).

Each rule is a function ``(ws, today) -> Iterable[Diagnostic]`` listed in
:data:`RULES`. Every rule is linear in the size of the data: references go
through dictionaries built once, never pairwise passes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from ..diagnostics import Diagnostic
from ..load import Workspace
from .common import ItemRef, items  # noqa: F401
from .completeness import check_completeness
from .personal import check_personal_data
from .dates import check_dates
from .ids import _base_id_places, _duplicate_ids, _item_id_places, _ledger_id_place, check_unique_ids
from .references import check_references
from .targets import check_stretch_targets, check_targets, wording_numbers  # noqa: F401


RULES: tuple[Callable[[Workspace, date], Iterable[Diagnostic]], ...] = (
    check_unique_ids,
    check_references,
    check_dates,
    check_targets,
    check_stretch_targets,
    check_completeness,
    check_personal_data,
)


# Rules that judge each ledger on its own (with plan.yaml, indicators.yaml and
# owners.yaml at hand): run_checks_streaming runs them one ledger file at a
# time. check_unique_ids is handled there by itself. A rule added to RULES and
# not listed here (say, one comparing items across ledgers) makes plan check
# load the whole plan at once again: correct, only heavier.
PER_LEDGER_RULES = frozenset({check_references, check_dates, check_targets,
                              check_stretch_targets, check_completeness, check_personal_data})


def run_checks(ws: Workspace, today: date) -> list[Diagnostic]:
    """All diagnostics: those found while loading, then every rule's, sorted by place."""
    found = list(ws.diagnostics)
    for rule in RULES:
        found.extend(rule(ws, today))
    return sorted(found)


def _index_entry(ws, ledger, source) -> tuple[str, str, str, str | None]:
    info = ledger.ledger
    return (source.path.relative_to(ws.location.path).as_posix(), info.id, info.title,
            info.name)


def run_checks_streaming(location, today: date, cache=None,
                         index: list | None = None) -> tuple[list[Diagnostic], int]:
    """``run_checks(load(location), today)`` holding one ledger file in memory at a time.

    Returns the same diagnostics and the number of files read. Memory stays
    that of the largest ledger file plus every item's id and place, however
    many files the plan has (100,000 items: see benchmarks/BENCHMARKS.md).

    ``index``, a list, receives each sound ledger in :func:`load`'s order as
    ``(path relative to the data folder, ledger id, title, short name)``: what
    the reports need to read the ledgers again one file at a time.
    """
    import dataclasses
    import gc

    from ..load import iter_ledgers, load, load_base, ledger_order

    if not set(RULES) <= PER_LEDGER_RULES | {check_unique_ids}:
        ws = load(location, cache=cache)
        if index is not None:
            index.extend(_index_entry(ws, ledger, ws.source_of(ledger)) for ledger in ws.ledgers)
        return run_checks(ws, today), ws.files_read
    enabled = gc.isenabled()
    gc.disable()  # as in load(): the parse forms no cycles, and frees by reference count
    try:
        ws = load_base(location, cache=cache)
        found: list[Diagnostic] = []
        # The small files' own findings: every rule over no ledgers.
        for rule in RULES:
            if rule is not check_unique_ids:
                found.extend(rule(ws, today))
        ledgers = []  # (kind order, file order, ledger id place, item id places)
        for number, (source, ledger) in enumerate(iter_ledgers(ws, cache=cache)):
            if ledger is None:
                if source.data is not None:  # unsound, still read for personal data
                    part = dataclasses.replace(ws, ledgers=[], ledger_sources={},
                                               unsound_ledgers=[source])
                    found.extend(d for d in check_personal_data(part, today)
                                 if d.path == source.display)
                continue
            # The rules read ws.diagnostics (a broken file's names are not judged):
            # the part shares the list, which holds every file's findings so far.
            part = dataclasses.replace(ws, ledgers=[ledger],
                                       ledger_sources={id(ledger): source})
            for rule in RULES:
                if rule is not check_unique_ids:
                    found.extend(d for d in rule(part, today) if d.path == source.display)
            ledgers.append((ledger_order(ledger), number, _ledger_id_place(part, ledger),
                            _item_id_places(part, ledger), _index_entry(ws, ledger, source)))
            del part, ledger, source  # let this file's data go before the next is read
        ledgers.sort(key=lambda entry: entry[:2])
        places = _base_id_places(ws) + [entry[2] for entry in ledgers]
        for entry in ledgers:
            places += entry[3]
        found.extend(_duplicate_ids(places))
        found.extend(ws.diagnostics)
        if index is not None:
            index.extend(entry[4] for entry in ledgers)
        return sorted(found), ws.files_read
    finally:
        if enabled:
            gc.enable()
