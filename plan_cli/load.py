"""Find the plan's data, read every file and validate it against the model.

The result is a :class:`Workspace`: the validated models, the raw data (which
keeps every node's position for later checks) and the diagnostics found so
far. Files that fail validation are left out of the models, so that checks
and reports run on what is sound and every problem is still reported once.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import model as m
from .diagnostics import Diagnostic, Severity
from .validate import enum_choices, salvage, to_diagnostics
from .yamlread import YMap, decode, locate, parse

# Finding the data needs no models: it lives in .datadir (cheap to import), and
# is re-exported here for the modules and tests that import it from load.
from .datadir import (  # noqa: F401
    INDICATORS_FILE,
    LEDGERS_DIR,
    OWNERS_FILE,
    PLAN_FILE,
    DataLocation,
    RefusedFile,
    check_size,
    read_data_file,
    DataNotFound,
    LedgerChanged,
    data_files,
    display_path,
    find_data,
    shipped_data_dir,
)
from .datadir import ledger_paths as _ledger_paths


@dataclass
class SourceFile:
    """One data file: where it is, how to name it in messages, its parsed data."""

    path: Path
    display: str
    data: Any = None
    # The data as read, when validation had to leave parts of it out (then
    # ``data`` is what the models were built from, every position kept).
    read: Any = None

    @property
    def as_read(self) -> Any:
        return self.data if self.read is None else self.read


@dataclass
class Workspace:
    location: DataLocation
    plan: m.PlanFile | None = None
    indicators: list[m.Indicator] = field(default_factory=list)
    owners: m.OwnersFile | None = None
    ledgers: list[m.LedgerFile] = field(default_factory=list)
    # Raw data per model object, to locate later diagnostics: file and loc prefix.
    sources: dict[str, SourceFile] = field(default_factory=dict)
    # Keyed by the ledger object, not its id: two files may share an id by
    # mistake (the duplicate-id rule says so), and each must still be located.
    ledger_sources: dict[int, SourceFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_read: int = 0
    # Ledger files read but unsound (left out of ``ledgers``): rules that judge every
    # file's text whatever its shape (personal data) still read them.
    unsound_ledgers: list[SourceFile] = field(default_factory=list)

    def source_of(self, ledger: m.LedgerFile) -> SourceFile:
        """The file a ledger was read from."""
        return self.ledger_sources[id(ledger)]

    def add_ledger(self, ledger: m.LedgerFile, source: SourceFile) -> None:
        self.ledgers.append(ledger)
        self.ledger_sources[id(ledger)] = source

    @property
    def indicators_file(self) -> SourceFile | None:
        return self.sources.get(INDICATORS_FILE)

    def at(self, source: SourceFile, loc: tuple, code: str,
           severity: Severity = Severity.error, *, at_key: bool = False, **args) -> Diagnostic:
        """A diagnostic located at ``loc`` inside ``source``'s data."""
        line, column = locate(source.data, loc, at_key=at_key)
        return Diagnostic(source.display, line, column, severity, code, args)


def _read(path: Path, display: str, diags: list[Diagnostic],
          snapshot: Mapping[Path, bytes] | None = None, cache: Any = None) -> Any:
    try:
        if snapshot is None:
            raw = read_data_file(path)
        else:
            raw = snapshot[path]
            check_size(len(raw))
    except RefusedFile as exc:  # (each code written out, so checks/codes.py derives it)
        if exc.code == "file-too-large":
            diags.append(Diagnostic(display, 1, 1, Severity.error, "file-too-large", exc.args_))
        else:
            diags.append(Diagnostic(display, 1, 1, Severity.error, "not-regular-file", exc.args_))
        return None
    except OSError as exc:
        diags.append(Diagnostic(display, 1, 1, Severity.error, "read-error",
                                {"detail": exc.strerror or str(exc)}))
        return None
    key = None
    if cache is not None:
        key = cache.parse_key(raw)
        hit = cache.get_parse(key)
        if hit is not None:
            data, problems = hit
            diags.extend(Diagnostic(display, p.line, p.column, Severity.error, p.code, p.args)
                         for p in problems)
            return data
    text, problem = decode(raw)
    if problem is not None:
        diags.append(Diagnostic(display, problem.line, problem.column, Severity.error,
                                problem.code, problem.args))
        return None
    data, problems = parse(text)
    diags.extend(Diagnostic(display, p.line, p.column, Severity.error, p.code, p.args)
                 for p in problems)
    if key is not None:
        cache.put_parse(key, data, problems)
    return data


def _validate(model: type[BaseModel], source: SourceFile, diags: list[Diagnostic],
              **kwargs) -> Any:
    data = source.data if source.data is not None else YMap()
    if not isinstance(data, dict):
        diags.append(Diagnostic(source.display, 1, 1, Severity.error, "wrong-type",
                                {"field": "document", "expected": {"en": "a mapping",
                                 "zh": "映射"}, "got": {"en": "something else", "zh": "其他内容"}}))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        diags.extend(to_diagnostics(exc, model, data, source.display, **kwargs))
        salvaged = salvage(model, data, exc)
    if salvaged is None:
        return None
    # Every problem in one run: the sound rest of the file goes on to the rules.
    source.read, source.data = data, salvaged[1]
    return salvaged[0]


# Which ledger kinds a field belongs to, for "belongs to … ledgers" hints.
_FIELD_KINDS: dict[str, str] = {}
for _kind, _item_model in m.ITEM_MODELS.items():
    for _name in _item_model.model_fields.keys() - m.Item.model_fields.keys():
        _FIELD_KINDS.setdefault(_name, _kind.value)


def _validate_ledger(source: SourceFile, diags: list[Diagnostic]) -> m.LedgerFile | None:
    data = source.data
    info = data.get("ledger") if isinstance(data, dict) else None
    kind_text = info.get("kind") if isinstance(info, dict) else None
    try:
        kind = m.LedgerKind(kind_text)
    except ValueError:
        if kind_text is None:
            # Let the model say what is missing or malformed in the header.
            return _validate(m.LedgerFile[m.Item], source, diags)
        line, column = locate(data, ("ledger", "kind"))
        diags.append(Diagnostic(source.display, line, column, Severity.error,
                                "unknown-ledger-kind",
                                {"value": kind_text, "choices": enum_choices(m.LedgerKind)}))
        return None
    own = set(m.ITEM_MODELS[kind].model_fields)
    elsewhere = {name: k for name, k in _FIELD_KINDS.items() if name not in own}
    return _validate(m.LEDGER_FILE_MODELS[kind], source, diags, elsewhere=elsewhere)


def load(location: DataLocation, snapshot: Mapping[Path, bytes] | None = None,
         cache: Any = None, keep_data: bool = True) -> Workspace:
    """Read and validate every file under the data folder.

    ``snapshot`` (``{path: bytes}``) replaces the folder's files: it is the
    complete set of files to read, so an edit can be validated before it is
    written and a git revision read without a checkout.

    With a :class:`plan_cli.cache.Cache`, each file's parse comes from the
    cache when its bytes are unchanged (validation always runs).

    The garbage collector is paused while building: the parse allocates many
    small containers and nothing in it forms cycles, and pausing roughly
    halves the time on large ledgers.

    Without ``keep_data`` each ledger's raw data is dropped once validated: the
    models are all a report needs (diagnostics cannot be located afterwards).
    """
    with _gc_paused():
        return _load(location, snapshot, cache, keep_data)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The garbage collector paused while a parse or a validation builds (see :func:`load`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(location: DataLocation, snapshot: Mapping[Path, bytes] | None = None,
          cache: Any = None, keep_data: bool = True) -> Workspace:
    ws = load_base(location, snapshot, cache)
    for source, ledger in iter_ledgers(ws, snapshot, cache):
        if not keep_data:
            source.data = None  # the raw data (with positions) is most of a ledger's memory
        if ledger is not None:
            ws.add_ledger(ledger, source)
        elif source.data is not None:
            ws.unsound_ledgers.append(source)
    ws.ledgers.sort(key=ledger_order)
    return ws


def ledger_order(ledger: m.LedgerFile) -> int:
    """Ledgers are listed by kind, in the order of :class:`~plan_cli.model.LedgerKind`."""
    return _KIND_ORDER[ledger.ledger.kind]


_KIND_ORDER = {kind: i for i, kind in enumerate(m.LedgerKind)}


def load_base(location: DataLocation, snapshot: Mapping[Path, bytes] | None = None,
              cache: Any = None) -> Workspace:
    """A workspace with plan.yaml, indicators.yaml and owners.yaml, and no ledgers yet.

    :func:`load` adds every ledger from :func:`iter_ledgers`; ``plan check``
    takes them one at a time instead, so that a province-wide plan never
    holds every ledger in memory at once.
    """
    ws = Workspace(location)
    root = location.path
    diags = ws.diagnostics
    for name, model in ((PLAN_FILE, m.PlanFile), (INDICATORS_FILE, m.IndicatorsFile),
                        (OWNERS_FILE, m.OwnersFile)):
        path = root / name
        source = SourceFile(path, display_path(path))
        if not (os.path.lexists(path) if snapshot is None else path in snapshot):
            diags.append(Diagnostic(source.display, 1, 1, Severity.error, "missing-file",
                                    {"file": name}))
            continue
        source.data = _read(path, source.display, diags, snapshot, cache)
        ws.files_read += 1
        ws.sources[name] = source
        if source.data is None and any(d.path == source.display for d in diags):
            continue
        validated = _validate(model, source, diags)
        if model is m.PlanFile:
            ws.plan = validated
        elif model is m.IndicatorsFile:
            ws.indicators = list(validated.indicators) if validated else []
        else:
            ws.owners = validated
    return ws


def iter_ledgers(ws: Workspace, snapshot: Mapping[Path, bytes] | None = None,
                 cache: Any = None) -> Iterator[tuple[SourceFile, m.LedgerFile | None]]:
    """Read and validate each ledger file in turn, in file-name order: ``(source,
    ledger)``, the ledger None when the file is unsound. Problems go to
    ``ws.diagnostics`` and each file counts in ``ws.files_read``."""
    for path in _ledger_paths(ws.location.path / LEDGERS_DIR, snapshot):
        ws.files_read += 1
        yield _read_ledger(ws, path, snapshot, cache)


def _read_ledger(ws: Workspace, path: Path, snapshot: Mapping[Path, bytes] | None = None,
                 cache: Any = None) -> tuple[SourceFile, m.LedgerFile | None]:
    """One ledger file read and validated: ``(source, ledger)``, None when unsound."""
    source = SourceFile(path, display_path(path))
    source.data = _read(path, source.display, ws.diagnostics, snapshot, cache)
    if source.data is None:
        return source, None
    return source, _validate_ledger(source, ws.diagnostics)


@dataclass(frozen=True)
class LedgerHead:
    """What the reports need of a ledger before reading its items."""

    id: str
    title: str
    name: str | None


# A streamed plan keeps the ledgers it has read while they hold no more items than
# this (a city's plan: read once, iterated by every part of a report); a larger plan
# is read again, one file at a time, each time it is walked.
HOLD_ITEMS = 5_000


class LedgerStream:
    """A sound plan's ledgers, read one file at a time as they are iterated.

    It stands in for ``Workspace.ledgers`` in the reports, so that a plan of any
    size is never in memory whole: iterating reads each file (its parse from the
    cache when unchanged), validates it, yields the model and lets it go. The
    order is :func:`load`'s, taken from ``plan check``'s index of the ledgers
    (:func:`plan_cli.cache.checked`), which also gives :attr:`heads` without
    reading a file. A file that no longer reads or validates was edited since it
    was checked: :class:`~plan_cli.datadir.LedgerChanged` stops the report.
    """

    def __init__(self, ws: Workspace, index: list[tuple[str, str, str, str | None]],
                 cache: Any = None) -> None:
        self._ws, self._cache = ws, cache
        self._paths = [ws.location.path / entry[0] for entry in index]
        self.heads = [LedgerHead(*entry[1:]) for entry in index]
        self._held: list[m.LedgerFile] | None = None

    def __len__(self) -> int:
        return len(self._paths)

    def __bool__(self) -> bool:
        return bool(self._paths)

    def __iter__(self) -> Iterator[m.LedgerFile]:
        if self._held is not None:
            yield from self._held
            return
        held: list[m.LedgerFile] | None = []
        count = 0
        for path in self._paths:
            with _gc_paused():
                source, ledger = _read_ledger(self._ws, path, cache=self._cache)
            if ledger is None:  # sound when checked a moment ago: changed since
                raise LedgerChanged(source.display)
            del source
            count += len(ledger.items)
            if held is not None and count <= HOLD_ITEMS:
                held.append(ledger)
            else:
                held = None
            yield ledger
        self._held = held


def ledger_heads(ws: Workspace) -> list:
    """Each ledger's id, title and short name (a ``LedgerInfo`` or a :class:`LedgerHead`)."""
    heads = getattr(ws.ledgers, "heads", None)
    return heads if heads is not None else [lf.ledger for lf in ws.ledgers]


def load_streamed(location: DataLocation, index: list[tuple[str, str, str, str | None]],
                  cache: Any = None) -> Workspace:
    """A sound plan for the reports: plan.yaml, indicators and owners read, the ledgers a
    :class:`LedgerStream` over ``index`` (raw data is not kept: nothing is located)."""
    with _gc_paused():
        ws = load_base(location, cache=cache)
    ws.ledgers = LedgerStream(ws, index, cache)  # type: ignore[assignment]
    return ws


def with_file(ws: Workspace, path: Path, raw: bytes) -> Workspace:
    """``ws`` with one file read from ``raw`` instead (the others shared, not re-read):
    the state before an edit, for the guard rails, at the cost of one file."""
    import dataclasses

    other = dataclasses.replace(ws, sources=dict(ws.sources), diagnostics=[],
                                ledgers=list(ws.ledgers), ledger_sources=dict(ws.ledger_sources))
    source = SourceFile(path, display_path(path))
    source.data = _read(path, source.display, other.diagnostics, {path: raw})
    for name, model in ((PLAN_FILE, m.PlanFile), (INDICATORS_FILE, m.IndicatorsFile),
                        (OWNERS_FILE, m.OwnersFile)):
        if ws.location.path / name != path:
            continue
        other.sources[name] = source
        validated = _validate(model, source, other.diagnostics) if source.data is not None \
            else None
        if model is m.PlanFile:
            other.plan = validated
        elif model is m.IndicatorsFile:
            other.indicators = list(validated.indicators) if validated else []
        else:
            other.owners = validated
        return other
    for ledger in ws.ledgers:  # a ledger file: replace the ledger read from it
        if ws.source_of(ledger).path == path:
            other.ledgers.remove(ledger)
            del other.ledger_sources[id(ledger)]
    ledger = _validate_ledger(source, other.diagnostics) if source.data is not None else None
    if ledger is not None:
        other.add_ledger(ledger, source)
        other.ledgers.sort(key=ledger_order)
    return other
