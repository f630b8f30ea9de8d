"""The edits ``plan update``, ``plan record`` and ``plan note`` make.

Each builds a :class:`Change` (one file, its bytes before and after) with the
:class:`~plan_cli.edit.splice.Editor`; :func:`run_edit` then, under the write
lock, validates the whole data set with the change applied and writes the
file atomically only when no error is found. A refused edit leaves every file
as it was.
"""

from __future__ import annotations

import codecs
import difflib
import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .. import model as m
from ..diagnostics import Diagnostic, Severity
from ..datadir import RefusedFile, display_path, read_data_file
from ..load import INDICATORS_FILE, DataLocation, data_files
from ..quarter import Quarter, parse_period
from .splice import Editor, EditError

ENTRY_ORDER = tuple(m.ScheduleEntry.model_fields)
ITEM_ORDER = tuple(m.Item.model_fields)
ACTUAL_ORDER = tuple(m.Actual.model_fields)
INDICATOR_ORDER = tuple(m.Indicator.model_fields)


class EditRefused(Exception):
    """The edit cannot be made; ``code`` and ``args`` name why (see messages.CATALOG)."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


@dataclass
class Change:
    """One file's text before and after an edit, and what the edit did."""

    path: Path
    before: bytes
    after: bytes
    summary: dict[str, str]  # {"en": …, "zh": …}
    expected: Any = None  # the data ``after`` must read back as
    fallback: Callable[[], bytes] | None = None  # ``after`` made by the round-trip editor

    def unified_diff(self, display: str) -> str:
        old = self.before.decode("utf-8-sig").splitlines(keepends=True)
        new = self.after.decode("utf-8-sig").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, f"a/{display}", f"b/{display}"))


@dataclass
class Outcome:
    change: Change
    errors: list[Diagnostic] = field(default_factory=list)
    written: bool = False


class Files:
    """The data files' bytes, read once each."""

    def __init__(self, location: DataLocation) -> None:
        self.location = location
        self.paths = data_files(location)
        self._bytes: dict[Path, bytes] = {}

    def raw(self, path: Path) -> bytes:
        if path not in self._bytes:
            try:
                self._bytes[path] = read_data_file(path)
            except RefusedFile as exc:
                from ..messages import render

                raise EditRefused("edit-refused-file", file=path.name, detail={
                    lang: render(exc.code, exc.args_, lang)[0] for lang in ("en", "zh")}) from None
        return self._bytes[path]

    def editor(self, path: Path) -> tuple[Editor, bytes]:
        """An editor over ``path``'s text and the BOM to put back in front of it."""
        raw = self.raw(path)
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        try:
            text = raw[len(bom):].decode("utf-8")
        except UnicodeDecodeError:
            raise EditRefused("edit-unreadable", file=path.name) from None
        return Editor(text), bom

    def snapshot(self, change: Change) -> dict[Path, bytes]:
        snap = {p: self.raw(p) for p in self.paths if os.path.lexists(p)}
        snap[change.path] = change.after
        return snap


def refuse_unwritable(values: dict[str, Any]) -> None:
    """Refuse the edit if a value given on the command line holds a character that
    cannot be written safely (see :mod:`plan_cli.edit.values`)."""
    from .values import unwritable

    for option, value in values.items():
        if isinstance(value, str) and (char := unwritable(value)):
            raise EditRefused("edit-bad-character", option=option, character=char)


def _finish(path: Path, editor: Editor, bom: bytes, before: bytes, summary: dict) -> Change:
    try:
        text = editor.result(verify=False)  # run_edit compares what load reads back
    except EditError as exc:
        raise EditRefused("edit-unsafe", file=path.name, detail=str(exc)) from None

    def fallback() -> bytes:
        try:
            return bom + editor.fallback_result().encode("utf-8")
        except EditError as exc:
            raise EditRefused("edit-unsafe", file=path.name, detail=str(exc)) from None

    return Change(path, before, bom + text.encode("utf-8"), summary, editor.expected,
                  fallback if editor.spliced else None)


def _quarter_text(value: Any) -> str | None:
    try:
        return str(Quarter.parse(value)) if isinstance(value, str) else None
    except ValueError:
        return None


def _period_text(value: Any) -> str:
    try:
        return str(parse_period(value))
    except ValueError:
        return str(value)


def find_item(files: Files, item_id: str) -> tuple[Path, Editor, bytes, int]:
    """The ledger file holding ``item_id``, an editor over it, its BOM and the item's index."""
    needle = item_id.encode("utf-8")
    known: list[str] = []
    for path in files.paths[3:]:
        raw = files.raw(path)
        if needle not in raw:
            known += _ids(raw, "items")
            continue
        editor, bom = files.editor(path)
        entries = editor.data.get("items") if isinstance(editor.data, dict) else None
        for index, item in enumerate(entries or []):  # by id first, then by title
            if isinstance(item, dict) and item.get("id") == item_id:
                return path, editor, bom, index
        for index, item in enumerate(entries or []):
            if isinstance(item, dict) and item.get("title") == item_id:
                return path, editor, bom, index
        # 'PT-00' is inside 'PT-001': the file holds near misses worth suggesting
        known += [str(item.get(key)) for item in entries or [] if isinstance(item, dict)
                  for key in ("id", "title") if item.get(key)]
    raise EditRefused("edit-unknown-item", id=item_id, suggestion=_suggest(item_id, known))


def _ids(raw: bytes, list_key: str) -> list[str]:
    from ..yamlread import parse

    data, _ = parse(raw.decode("utf-8-sig", errors="replace"))
    entries = data.get(list_key) if isinstance(data, dict) else None
    return [e[key] for e in entries or [] if isinstance(e, dict)
            for key in ("id", "title") if isinstance(e.get(key), str)]


def _suggest(value: str, choices: list[str]) -> dict[str, str]:
    from ..suggest import hint

    return hint(value, choices)


@dataclass
class EntryUpdate:
    """What ``plan update`` sets on one schedule entry (None: leave as is)."""

    quarter: Quarter
    status: m.EntryStatus
    deliverable: str | None = None
    done_on: date | None = None
    evidence: str | None = None
    note: str | None = None
    cause: str | None = None
    corrective_action: str | None = None
    correction: str | None = None
    by: str | None = None


def _words(text: Any) -> str:
    """A deliverable without its spaces: '申报 基地' and '申报基地' are the same entry."""
    return "".join(str(text).split())


def _refuse_near_miss(item_id: str, quarter: str, wanted: str, existing: list[str]) -> None:
    """A deliverable almost equal to one the quarter has is a typo, not a new entry:
    adding it would leave the real entry open and, later, overdue."""
    close = difflib.get_close_matches(_words(wanted), [_words(e) for e in existing], n=1,
                                      cutoff=0.8)
    if close:
        match = next(e for e in existing if _words(e) == close[0])
        raise EditRefused("edit-similar-entry", id=item_id, quarter=quarter, value=wanted,
                          existing=match)


def update(files: Files, item_id: str, upd: EntryUpdate, today: date) -> Change:
    """Set the status (and dates, evidence, …) of an item's entry for a quarter;
    add the entry when ``--deliverable`` names one the quarter does not have yet."""
    refuse_unwritable({"--deliverable": upd.deliverable, "--evidence": upd.evidence,
                       "--note": upd.note, "--cause": upd.cause,
                       "--action": upd.corrective_action, "--correction": upd.correction,
                       "--by": upd.by, "ITEM": item_id})
    path, editor, bom, i = find_item(files, item_id)
    item = editor.data["items"][i]
    item_id = str(item.get("id", item_id))  # found by its title: say its id
    schedule = item.get("schedule") if isinstance(item.get("schedule"), list) else None
    quarter = str(upd.quarter)
    in_quarter = [j for j, e in enumerate(schedule or [])
                  if isinstance(e, dict) and _quarter_text(e.get("quarter")) == quarter]
    matches = [j for j in in_quarter if upd.deliverable is None
               or _words(schedule[j].get("deliverable")) == _words(upd.deliverable)]
    if not matches and upd.deliverable is not None:
        _refuse_near_miss(item_id, quarter, upd.deliverable,
                          [str(schedule[j].get("deliverable")) for j in in_quarter])
    if len(matches) > 1:
        raise EditRefused("edit-ambiguous-entry", id=item_id, quarter=quarter, choices="; ".join(
            str(schedule[j].get("deliverable")) for j in matches))
    entry = schedule[matches[0]] if matches else {}
    fields = _entry_fields(upd, entry, item_id, today)
    _require_cause(upd, entry, fields, item_id)
    if matches:
        for key, value in fields.items():
            if key not in entry or entry[key] != value:
                editor.set(("items", i, "schedule", matches[0]), key, value, ENTRY_ORDER)
        old = entry.get("status", "planned")
        deliverable = entry.get("deliverable")
    else:
        if upd.deliverable is None:
            raise EditRefused("edit-no-entry", id=item_id, quarter=quarter)
        new = {"quarter": quarter, "deliverable": upd.deliverable, **fields}
        if schedule is None:
            editor.set(("items", i), "schedule", [new], ITEM_ORDER)
        else:
            at = sum(1 for e in schedule if isinstance(e, dict)
                     and (_quarter_text(e.get("quarter")) or "") <= quarter)
            editor.insert(("items", i, "schedule"), at, new)
        old, deliverable = "—", upd.deliverable
    from ..render.labels import label

    status = upd.status.value
    old_zh = label(old, "zh") if old != "—" else old
    summary = {"en": f"{item_id} {quarter} {deliverable}: {old} → {status}",
               "zh": f"{item_id} {quarter}「{deliverable}」:{old_zh} → {label(status, 'zh')}"}
    return _finish(path, editor, bom, files.raw(path), summary)


def _require_cause(upd: EntryUpdate, entry: dict, fields: dict, item_id: str) -> None:
    """An entry newly delayed or blocked states its cause and corrective action
    (the guard rail of ``plan check --against`` would fail the pull request)."""
    late = ("delayed", "blocked")
    if upd.status.value not in late or entry.get("status") in late:
        return
    if not all(fields.get(k) or entry.get(k) for k in ("cause", "corrective_action")):
        from ..guard import status_words

        raise EditRefused("edit-delay-needs-cause", id=item_id,
                          status=status_words(upd.status.value))


def _entry_fields(upd: EntryUpdate, entry: dict, item_id: str, today: date) -> dict[str, Any]:
    """The schedule fields to write, in the model's order."""
    fields: dict[str, Any] = {"status": upd.status.value}
    if upd.done_on is not None:
        fields["done_on"] = upd.done_on.isoformat()
    elif upd.status is m.EntryStatus.done and not entry.get("done_on"):
        raise EditRefused("edit-done-needs-date", id=item_id)
    elif upd.status is not m.EntryStatus.done and entry.get("done_on") is not None:
        fields["done_on"] = None  # reopened: the old completion date no longer holds
    for key in ("evidence", "note", "cause", "corrective_action"):
        if getattr(upd, key) is not None:
            fields[key] = getattr(upd, key)
    if upd.correction is not None:
        fields["correction"] = {"date": today.isoformat(), "reason": upd.correction,
                                **({"by": upd.by} if upd.by else {})}
    return fields


def note(files: Files, item_id: str, text: str, by: str | None, today: date) -> Change:
    """Add a dated progress note to the item's ``updates``."""
    refuse_unwritable({"TEXT": text, "--by": by, "ITEM": item_id})
    path, editor, bom, i = find_item(files, item_id)
    item = editor.data["items"][i]
    item_id = str(item.get("id", item_id))
    new = {"date": today.isoformat(), "text": text, **({"by": by} if by else {})}
    updates = item.get("updates")
    if isinstance(updates, list):
        editor.insert(("items", i, "updates"), len(updates), new)
    else:
        editor.set(("items", i), "updates", [new], ITEM_ORDER)
    summary = {"en": f"{item_id}: note of {today.isoformat()} added",
               "zh": f"{item_id}:已添加 {today.isoformat()} 的进展"}
    return _finish(path, editor, bom, files.raw(path), summary)


@dataclass
class ActualRecord:
    """An actual for ``plan record``: the period and value, with their source."""

    period: int | Quarter
    value: int | float
    source: str
    note: str | None = None
    cause: str | None = None
    corrective_action: str | None = None
    correction: str | None = None  # the reason, when a closed period's figure is revised
    by: str | None = None


def record(files: Files, indicator_id: str, rec: ActualRecord, today: date) -> Change:
    """Add the indicator's actual for a period, or replace the one it has."""
    refuse_unwritable({"--source": rec.source, "--note": rec.note, "--cause": rec.cause,
                       "--action": rec.corrective_action, "INDICATOR": indicator_id})
    path = files.location.path / INDICATORS_FILE
    editor, bom = files.editor(path)
    entries = editor.data.get("indicators") if isinstance(editor.data, dict) else None
    found = [i for i, e in enumerate(entries or [])  # by id first, then by name
             if isinstance(e, dict) and e.get("id") == indicator_id] or [
        i for i, e in enumerate(entries or [])
        if isinstance(e, dict) and e.get("name") == indicator_id]
    if not found:
        known = [str(e[key]) for e in entries or [] if isinstance(e, dict)
                 for key in ("id", "name") if e.get(key)]
        raise EditRefused("edit-unknown-indicator", id=indicator_id,
                          suggestion=_suggest(indicator_id, known))
    i = found[0]
    indicator_id = str(entries[i].get("id", indicator_id))  # found by its name: say its id
    period = rec.period if isinstance(rec.period, int) else str(rec.period)
    fields = {"period": period, "value": rec.value, "source": rec.source}
    fields.update({k: getattr(rec, k) for k in ("note", "cause", "corrective_action")
                   if getattr(rec, k) is not None})
    if rec.correction is not None:
        fields["correction"] = {"date": today.isoformat(), "reason": rec.correction,
                                **({"by": rec.by} if rec.by else {})}
    actuals = entries[i].get("actuals")
    same = [j for j, a in enumerate(actuals or [])
            if isinstance(a, dict) and _period_text(a.get("period")) == str(period)]
    old = "—"
    if same:
        old = str(actuals[same[0]].get("value"))
        for key, value in fields.items():
            if actuals[same[0]].get(key) != value or key not in actuals[same[0]]:
                editor.set(("indicators", i, "actuals", same[0]), key, value, ACTUAL_ORDER)
    elif isinstance(actuals, list):
        at = sum(1 for a in actuals if isinstance(a, dict)
                 and _sort_key(a.get("period")) <= _sort_key(period))
        editor.insert(("indicators", i, "actuals"), at, fields)
    else:
        editor.set(("indicators", i), "actuals", [fields], INDICATOR_ORDER)
    summary = {"en": f"{indicator_id} {period}: {old} → {rec.value}",
               "zh": f"{indicator_id} {period}:{old} → {rec.value}"}
    return _finish(path, editor, bom, files.raw(path), summary)


def _sort_key(period: Any) -> tuple[int, int]:
    """Years sort after their quarters (2024 is the year's end)."""
    try:
        parsed = parse_period(period)
    except ValueError:
        return (0, 0)
    return (parsed, 5) if isinstance(parsed, int) else (parsed.year, parsed.q)


def _reads_back(ws: Any, change: Change) -> bool:
    """Does the edited file read back as exactly the intended data?"""
    sources = [*ws.sources.values(), *ws.ledger_sources.values()]
    read = next((s.data for s in sources if s.path == change.path), None)
    return read is not None and read == change.expected


def _verify(ws: Any, change: Change) -> None:
    if not _reads_back(ws, change):
        raise EditRefused("edit-unsafe", file=change.path.name,
                          detail="the edited file would not read back as intended")


def _inside(location: DataLocation, path: Path) -> None:
    """An edit writes only inside the data folder (a symlinked ``ledgers/`` could
    point anywhere)."""
    root = location.path.resolve()
    if root not in path.resolve().parents:
        raise EditRefused("edit-refused-file", file=path.name, detail={
            "en": "it is outside the data folder", "zh": "该文件位于数据目录之外"})


def run_edit(location: DataLocation, today: date, build: Callable[[Files], Change],
             *, dry_run: bool = False) -> Outcome:
    """Build the change under the write lock, validate everything with it applied,
    and write it atomically when no error is found."""
    from ..check import run_checks
    from contextlib import nullcontext

    from ..guard import run_guards
    from ..load import load, with_file
    from .safefile import LockHeld, atomic_write, clean_leftovers, write_lock

    enabled = gc.isenabled()
    gc.disable()  # as in load(): the parse makes many small, acyclic containers
    try:
        # A dry run writes nothing, so it takes no lock (and never waits for one).
        with nullcontext() if dry_run else write_lock(location.path):
            files = Files(location)
            change = build(files)
            ws = load(location, files.snapshot(change))
            if change.fallback is not None and not _reads_back(ws, change):
                # The splice went wrong (a multi-line block replaced): the round trip redoes it.
                change = replace(change, after=change.fallback(), fallback=None)
                ws = load(location, files.snapshot(change))
            # Judge "not in the future" against the real date, as the reports do:
            # --as-of dates a back-filled note, it does not move today.
            errors = [d for d in run_checks(ws, date.today()) if d.severity is Severity.error]
            # The guard rails of `plan check --against`, with the data as it stands as
            # BASE: a clerk hears at the desk what CI would say of the pull request.
            before = with_file(ws, change.path, change.before)
            errors += [d for d in run_guards(before, ws, today, today)
                       if d.severity is Severity.error]
            if errors:
                return Outcome(change, errors)
            _verify(ws, change)
            if not dry_run and change.after != change.before:
                _inside(location, change.path)
                for folder in {location.path, change.path.parent}:
                    clean_leftovers(folder)
                atomic_write(change.path, change.after)
            return Outcome(change, written=not dry_run)
    except LockHeld as exc:
        raise EditRefused("edit-locked", lock=display_path(exc.path),
                          seconds=f"{exc.waited:g}") from None
    except OSError as exc:  # read-only folder, a file held open by another program (Windows)
        raise EditRefused("edit-write-failed", file=exc.filename or location.path,
                          detail=exc.strerror or str(exc)) from None
    finally:
        if enabled:
            gc.enable()
