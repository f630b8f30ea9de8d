"""Rules across files, run over a loaded :class:`~plan_cli.load.Workspace`.

Each rule is a function ``(ws, today) -> Iterable[Diagnostic]`` listed in
:data:`RULES`. Every rule is linear in the size of the data: references go
through dictionaries built once, never pairwise passes.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from . import model as m
from .diagnostics import Diagnostic, Severity
from .load import INDICATORS_FILE, OWNERS_FILE, PLAN_FILE, Workspace
from .personal import check_personal_data
from .quarter import Quarter, period_end, period_years
from .yamlread import locate


@dataclass(frozen=True)
class ItemRef:
    """A ledger item with where it stands, so rules can locate their findings."""

    ledger: m.LedgerFile
    index: int
    item: m.Item

    def loc(self, *rest) -> tuple:
        return ("items", self.index, *rest)


def items(ws: Workspace) -> Iterator[ItemRef]:
    for ledger in ws.ledgers:
        for index, item in enumerate(ledger.items):
            yield ItemRef(ledger, index, item)


def _suggest(value: str, choices: Iterable[str]) -> dict:
    guess = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    if not guess:
        return {"en": "", "zh": ""}
    return {"en": f" (did you mean '{guess[0]}'?)", "zh": f"(是否应为“{guess[0]}”?)"}


def _suggest_area(value: str, ids: set[str], titles: dict[str, str]) -> dict:
    """People write an area by its title (科技创新): point them at its id."""
    by_title = [area_id for title, area_id in titles.items() if value in title]
    if len(by_title) == 1:
        return {"en": f" (write its id: '{by_title[0]}')", "zh": f"(请写其编号“{by_title[0]}”)"}
    guess = _suggest(value, ids)
    if guess["en"] or not ids:
        return guess
    listed = ", ".join(sorted(ids))
    return {"en": f" (areas: {listed})", "zh": f"(可用的编号:{listed})"}


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


def _names_in(ws: Workspace, filename: str, list_key: str, key: str) -> set[str] | None:
    """Names listed in a file's raw data, even where some entries failed validation,
    so one bad indicator does not make every reference to it an error too.

    None when references cannot be judged: the file could not be read, or it is
    broken and lacks the list altogether (its own error says so already).
    """
    source = ws.sources.get(filename)
    if source is None or not isinstance(source.data, dict):
        return None
    entries = source.data.get(list_key)
    if entries is None and any(d.path == source.display for d in ws.diagnostics):
        return None
    if not isinstance(entries, list):
        return set()
    return {e[key] for e in entries if isinstance(e, dict) and isinstance(e.get(key), str)}


def check_references(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Areas, indicators, departments, leaders and sections named anywhere must exist."""
    areas = _names_in(ws, PLAN_FILE, "areas", "id")
    indicators = _names_in(ws, INDICATORS_FILE, "indicators", "id")
    departments = _names_in(ws, OWNERS_FILE, "departments", "name")
    leaders = _names_in(ws, OWNERS_FILE, "leaders", "name")
    registry = {d.name: d for d in ws.owners.departments} if ws.owners else {}
    aliases = {a: d.name for d in registry.values() for a in d.aliases}
    ind_src = ws.sources.get(INDICATORS_FILE)

    titles = {a.title: a.id for a in ws.plan.areas} if ws.plan else {}
    if areas is not None and ind_src:
        for i, ind in enumerate(ws.indicators):
            if ind.area is not None and ind.area not in areas:
                yield ws.at(ind_src, ("indicators", i, "area"), "unknown-area",
                            value=ind.area, suggestion=_suggest_area(ind.area, areas, titles))
    for ref in items(ws):
        src = ws.source_of(ref.ledger)
        item = ref.item
        if areas is not None and item.area is not None and item.area not in areas:
            yield ws.at(src, ref.loc("area"), "unknown-area", value=item.area,
                        suggestion=_suggest_area(item.area, areas, titles))
        if indicators is not None:
            for j, ind_id in enumerate(item.indicators):
                if ind_id not in indicators:
                    yield ws.at(src, ref.loc("indicators", j), "unknown-indicator",
                                value=ind_id, suggestion=_suggest(ind_id, indicators))
            own = getattr(item, "indicator", None)
            if own is not None and own not in indicators:
                yield ws.at(src, ref.loc("indicator"), "unknown-indicator", value=own,
                            suggestion=_suggest(own, indicators))
        dept_name = item.owners.department
        if departments is not None and dept_name is not None and dept_name not in departments:
            suggestion = _suggest(dept_name, departments)
            if dept_name in aliases:
                suggestion = {"en": f" ('{dept_name}' is an alias: write '{aliases[dept_name]}')",
                              "zh": f"(“{dept_name}”是简称,请写作“{aliases[dept_name]}”)"}
            yield ws.at(src, ref.loc("owners", "department"), "unknown-department",
                        value=dept_name, suggestion=suggestion)
        dept = registry.get(dept_name) if dept_name else None
        section = item.owners.section
        if dept is not None and dept.sections and section is not None and section not in dept.sections:
            yield ws.at(src, ref.loc("owners", "section"), "unknown-section",
                        value=section, department=dept.name)
        leader = item.owners.leader
        if leaders is not None and leader is not None and leader not in leaders:
            yield ws.at(src, ref.loc("owners", "leader"), "unknown-leader", value=leader,
                        suggestion=_suggest(leader, leaders))


def check_dates(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Schedules inside the plan period; done entries dated, and not in the future."""
    if ws.plan is None:
        return
    start, end = ws.plan.plan.period.start, ws.plan.plan.period.end
    for ref in items(ws):
        src = ws.source_of(ref.ledger)
        for j, entry in enumerate(ref.item.schedule):
            if not start <= entry.quarter <= end:
                yield ws.at(src, ref.loc("schedule", j, "quarter"), "outside-period",
                            value=str(entry.quarter), start=str(start), end=str(end))
            if entry.status is m.EntryStatus.done and entry.done_on is None:
                yield ws.at(src, ref.loc("schedule", j, "status"), "done-without-date")
            if entry.done_on is not None and entry.done_on > today:
                yield ws.at(src, ref.loc("schedule", j, "done_on"), "date-in-future",
                            value=entry.done_on.isoformat(), today=today.isoformat())
        for j, update in enumerate(ref.item.updates):
            if update.date > today:
                yield ws.at(src, ref.loc("updates", j, "date"), "date-in-future",
                            value=update.date.isoformat(), today=today.isoformat())
    ind_src = ws.sources.get(INDICATORS_FILE)
    for i, ind in enumerate(ws.indicators):
        for j, actual in enumerate(ind.actuals):
            if ind.measure is m.Measure.annual_growth and actual.value <= -100:
                yield ws.at(ind_src, ("indicators", i, "actuals", j, "value"),
                            "impossible-growth", value=f"{actual.value:g}")
            if period_end(actual.period) > today:
                yield ws.at(ind_src, ("indicators", i, "actuals", j, "period"), "period-in-future",
                            value=str(actual.period), today=today.isoformat())
        if ind.baseline and period_years(ind.baseline.period) >= period_years(ind.target.period):
            yield ws.at(ind_src, ("indicators", i, "baseline", "period"), "baseline-after-target",
                        value=str(ind.baseline.period), target=str(ind.target.period))
        target_q = ind.target.period
        target_last = target_q if isinstance(target_q, Quarter) else Quarter(target_q, 4)
        if not start <= target_last <= end:
            yield ws.at(ind_src, ("indicators", i, "target", "period"), "outside-period",
                        value=str(target_q), start=str(start), end=str(end))


# The plan's wording decides the operator (design §3). Checked in this order.
_WORDING_OPS = (
    ("翻番", (m.Op.multiple_of_baseline,)),
    ("左右", (m.Op.about,)),
    ("超过", (m.Op.more_than,)),
    ("以上", (m.Op.at_least,)),
    ("以内", (m.Op.less_than, m.Op.at_most)),
    ("以下", (m.Op.at_most,)),
    ("领先", (m.Op.at_most,)),
)
_UP_OPS = {m.Op.at_least, m.Op.more_than, m.Op.multiple_of_baseline}
_DOWN_OPS = {m.Op.at_most, m.Op.less_than}


def check_targets(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Operators agree with the plan's wording and the indicator's direction."""
    src = ws.sources.get(INDICATORS_FILE)
    for i, ind in enumerate(ws.indicators):
        target = ind.target
        loc = ("indicators", i, "target", "op")
        if target.wording:
            for word, ops in _WORDING_OPS:
                if word in target.wording:
                    if target.op not in ops:
                        yield ws.at(src, loc, "op-contradicts-wording", op=target.op.value,
                                    wording=target.wording, expected=ops[0].value)
                    break
        wrong_way = (_DOWN_OPS if ind.direction is m.Direction.up else _UP_OPS)
        if target.op in wrong_way:
            yield ws.at(src, loc, "op-contradicts-direction", op=target.op.value,
                        direction=ind.direction.value)


def _weaker(stretch: m.Target, plan: m.Target, direction: m.Direction) -> bool:
    if (stretch.op is m.Op.multiple_of_baseline) != (plan.op is m.Op.multiple_of_baseline):
        return False  # a factor and a level cannot be compared without the baseline
    if direction is m.Direction.up:
        return stretch.value < plan.value
    return stretch.value > plan.value


def check_stretch_targets(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """A key-indicator item's stretch target (冲击目标) is never weaker than the plan's
    target for that indicator, nor than the provincial target it records."""
    by_id = {ind.id: ind for ind in ws.indicators}
    for ref in items(ws):
        item = ref.item
        stretch = getattr(item, "stretch_target", None)
        indicator = by_id.get(getattr(item, "indicator", None))
        if stretch is None or indicator is None:
            continue
        src = ws.source_of(ref.ledger)
        against = [(indicator.target, {"en": "plan's", "zh": "计划"})]
        if item.provincial_target is not None:
            against.append((item.provincial_target, {"en": "provincial", "zh": "省级"}))
        for target, label in against:
            if _weaker(stretch, target, indicator.direction):
                yield ws.at(src, ref.loc("stretch_target", "value"), "weak-stretch-target",
                            value=_num(stretch.value), target=_num(target.value), against=label)


def _num(value: float) -> str:
    return f"{value:g}"


def check_completeness(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Warnings for what the office still has to fill in."""
    for ledger in ws.ledgers:
        src = ws.source_of(ledger)
        declared, entered = ledger.ledger.declared_count, len(ledger.items)
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


def run_checks_streaming(location, today: date, cache=None) -> tuple[list[Diagnostic], int]:
    """``run_checks(load(location), today)`` holding one ledger file in memory at a time.

    Returns the same diagnostics and the number of files read. Memory stays
    that of the largest ledger file plus every item's id and place, however
    many files the plan has (100,000 items: see benchmarks/BENCHMARKS.md).
    """
    import dataclasses
    import gc

    from .load import iter_ledgers, load, load_base, ledger_order

    if not set(RULES) <= PER_LEDGER_RULES | {check_unique_ids}:
        ws = load(location, cache=cache)
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
                if source.data is not None:
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
                            _item_id_places(part, ledger)))
            del part, ledger, source  # let this file's data go before the next is read
        ledgers.sort(key=lambda entry: entry[:2])
        places = _base_id_places(ws) + [entry[2] for entry in ledgers]
        for entry in ledgers:
            places += entry[3]
        found.extend(_duplicate_ids(places))
        found.extend(ws.diagnostics)
        return sorted(found), ws.files_read
    finally:
        if enabled:
            gc.enable()

