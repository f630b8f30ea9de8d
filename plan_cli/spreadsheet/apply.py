"""Apply a workbook's edits through the splice editor of ``plan update``.

Each :class:`~.reader.CellEdit` becomes the :class:`~plan_cli.edit.ops.Change`
``plan update`` / ``note`` / ``record`` would make; edits to the same file are
chained (each starts from the text the previous one produced), so comments and
layout of the YAML stay as they were outside the edited nodes. Then, under the
write lock, the whole plan is checked with every change applied: one error and
nothing is written. Otherwise each changed file is replaced atomically.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import model as m
from ..diagnostics import Diagnostic, Severity
from ..edit import ops
from ..edit.ops import Change, EditRefused, Files
from .reader import CellEdit, Problem


def set_owner(files: Files, item_id: str, key: str, value) -> Change:
    """Set one of an item's owners (leader, department, section, staff)."""
    path, editor, bom, i = ops.find_item(files, item_id)
    owners = editor.data["items"][i].get("owners")
    if isinstance(owners, dict):
        editor.set(("items", i, "owners"), key, value, tuple(m.Owners.model_fields))
    else:
        editor.set(("items", i), "owners", {key: value}, ops.ITEM_ORDER)
    shown = "、".join(value) if isinstance(value, list) else value
    summary = {"en": f"{item_id}: {key} → {shown}", "zh": f"{item_id}:{key} → {shown}"}
    return ops._finish(path, editor, bom, files.raw(path), summary)


def _reads_back(change: Change) -> bool:
    """Does the spliced text parse back as exactly the intended data?"""
    from ..yamlread import parse

    data, _ = parse(change.after.decode("utf-8-sig"))
    return data == change.expected


def _build(files: Files, edit: CellEdit, today: date) -> Change:
    if edit.kind == "entry":
        return ops.update(files, edit.target, edit.payload, today)
    if edit.kind == "note":
        return ops.note(files, edit.target, edit.payload, None, today)
    if edit.kind == "owner":
        return set_owner(files, edit.target, *edit.payload)
    return ops.record(files, edit.target, edit.payload, today)


@dataclass
class Result:
    changes: list[Change] = field(default_factory=list)  # one per changed file, final text
    summaries: list[str] = field(default_factory=list)  # one per edit, in the language asked
    problems: list[Problem] = field(default_factory=list)  # edits the editor refused
    errors: list[Diagnostic] = field(default_factory=list)  # plan check on the result
    base: object = None  # the workspaces before and after, for the plan diff
    head: object = None
    written: bool = False


def apply_edits(location, edits: list[CellEdit], today: date, lang: str,
                write: bool, base=None) -> Result:
    """Build every change, check the whole result, and write it only when ``write``
    and nothing was refused or found wrong. ``base``: the workspace as loaded (for
    the plan diff), else it is read again."""
    from ..check import run_checks
    from ..guard import run_guards
    from ..load import load
    from ..messages import render
    from ..edit.safefile import LockHeld, atomic_write, write_lock

    result = Result()
    if base is not None:  # a note the plan has already (the same workbook imported twice)
        noted = {(i.id, u.text) for lf in base.ledgers for i in lf.items for u in i.updates}
        edits = [e for e in edits if e.kind != "note" or (e.target, e.payload) not in noted]
    if not edits:
        return result
    enabled = gc.isenabled()
    gc.disable()
    try:
        with write_lock(location.path):
            files = Files(location)
            before: dict[Path, bytes] = {}
            finals: dict[Path, Change] = {}
            for edit in edits:
                try:
                    change = _build(files, edit, today)
                except EditRefused as exc:
                    message, _ = render(exc.code, exc.args_, lang)
                    result.problems.append(Problem(edit.place, "xlsx-edit-refused",
                                                   {"detail": message}))
                    continue
                if change.fallback is not None and not _reads_back(change):
                    # the splice went wrong (a multi-line block): the round trip redoes it
                    change = Change(change.path, change.before, change.fallback(),
                                    change.summary, change.expected)
                before.setdefault(change.path, change.before)
                files._bytes[change.path] = change.after  # the next edit starts from here
                finals[change.path] = Change(change.path, before[change.path], change.after,
                                             change.summary, change.expected)
                result.summaries.append(change.summary[lang])
            result.changes = [c for c in finals.values() if c.after != c.before]
            if result.problems:
                return result
            snapshot = {p: files.raw(p) for p in files.paths if p.is_file() or p in finals}
            result.base = base if base is not None else load(location)
            result.head = load(location, snapshot)
            result.errors = [d for d in run_checks(result.head, date.today())
                             if d.severity is Severity.error]
            # The guard rails of `plan check --against`, the data as it stands as BASE:
            # the import refuses what CI would refuse of the pull request (as plan update).
            result.errors += [d for d in run_guards(result.base, result.head, today, today)
                              if d.severity is Severity.error]
            if result.errors:
                return result
            for change in result.changes:
                ops._verify(result.head, change)
            if write:
                for change in result.changes:
                    atomic_write(change.path, change.after)
                result.written = True
            return result
    except LockHeld as exc:
        raise EditRefused("edit-locked", lock=str(exc.path), pid=exc.owner.get("pid", "?"),
                          host=exc.owner.get("host", "?"),
                          since=exc.owner.get("since", "?")) from None
    except OSError as exc:
        raise EditRefused("edit-write-failed", file=exc.filename or location.path,
                          detail=exc.strerror or str(exc)) from None
    finally:
        if enabled:
            gc.enable()
