"""Editing the data: ``plan update``, ``record``, ``note`` (issue 4), and the
parsers for their options."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .localize import BadValue
from .options import (AsOfOption, DataOption, Lang, LangOption, edit_location, parse_as_of,
                      resolve_lang)


class EntryStatusChoice(StrEnum):  # mirrors model.EntryStatus without importing the models
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    delayed = "delayed"
    blocked = "blocked"
    dropped = "dropped"


DryRunOption = Annotated[bool, typer.Option(
    "--dry-run", help="Show the change as a diff and write nothing.")]
ByOption = Annotated[str | None, typer.Option("--by", help="Who reports it (署名).")]


def _date_option(text: str | None, name: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadValue("{value} is not a date; write it as 2024-06-30", name,
                       value=repr(text)) from None


# The entry states as a user may type them: the value, or its Chinese word.
_STATUS_WORDS = {"未开始": "planned", "推进中": "in_progress", "已完成": "done",
                 "已延期": "delayed", "延期": "delayed", "受阻": "blocked", "已取消": "dropped",
                 "取消": "dropped", "完成": "done"}


def _status_option(text: str) -> str:
    wanted = text.strip()
    values = [s.value for s in EntryStatusChoice]
    if wanted in values:
        return wanted
    if wanted in _STATUS_WORDS:
        return _STATUS_WORDS[wanted]
    from ..suggest import did_you_mean

    raise BadValue("{value} is not one of: {choices}", "--status", value=repr(text),
                   choices=", ".join(values) + did_you_mean(wanted, values, "en"))


def _run_edit(data: Path | None, as_of: str | None, lang: Lang | None, dry_run: bool,
              build) -> None:
    """Lock, build the change, validate everything with it applied, write; report."""
    from ..datadir import display_path
    from ..diagnostics import format_text
    from ..edit.ops import EditRefused, run_edit
    from ..messages import render
    from ..render.safe import visible

    language, today = resolve_lang(lang), parse_as_of(as_of)
    location = edit_location(data, language)
    try:
        outcome = run_edit(location, today, lambda files: build(files, today), dry_run=dry_run)
    except EditRefused as exc:
        message, hint = render(exc.code, exc.args_, language)
        typer.echo(visible(f"plan: {message}" + (f"\n    {hint}" if hint else "")), err=True)
        usage = exc.code not in ("edit-locked", "edit-unsafe", "edit-unreadable",
                                 "edit-write-failed", "edit-refused-file", "edit-bad-character")
        raise typer.Exit(2 if usage else 1) from None
    display = display_path(outcome.change.path)
    if outcome.errors:
        typer.echo(format_text(outcome.errors, language), err=True)
        typer.echo(f"plan: {render('edit-refused', {}, language)[0]}", err=True)
        raise typer.Exit(1)
    if dry_run:
        typer.echo(visible(outcome.change.unified_diff(display)), nl=False)
    verb = ("预览" if dry_run else "已更新") if language == "zh" else (
        "would update" if dry_run else "updated")
    if outcome.change.after == outcome.change.before:
        verb = "无需修改" if language == "zh" else "no change to"
    typer.echo(visible(f"{verb} {display}: {outcome.change.summary[language]}"))


@app.command()
def update(
    item: Annotated[str, typer.Argument(help="The ledger item: its id (e.g. PT-001) or its title.")],
    quarter: Annotated[str, typer.Option("--quarter", help="The schedule entry's quarter, "
                                         "e.g. 2024Q2.", show_default=False)],
    status: Annotated[str, typer.Option("--status", metavar="STATUS", show_default=False, help=(
        "The new state: planned, in_progress, done, delayed, blocked or dropped "
        "(or 未开始, 推进中, 已完成, 已延期, 受阻, 已取消)."))],
    done_on: Annotated[str | None, typer.Option("--done-on", metavar="DATE", help=(
        "When it was done (required with --status done)."))] = None,
    evidence: Annotated[str | None, typer.Option(help="A link or document number.")] = None,
    note: Annotated[str | None, typer.Option(help="A note on the entry.")] = None,
    cause: Annotated[str | None, typer.Option(help="原因: why it is delayed or blocked.")] = None,
    action: Annotated[str | None, typer.Option(help="整改措施: the corrective action.")] = None,
    correction: Annotated[str | None, typer.Option(metavar="REASON", help=(
        "Mark this as a correction of a closed quarter's entry, with the reason."))] = None,
    deliverable: Annotated[str | None, typer.Option(help=(
        "Pick the entry by its deliverable, or add a new entry with it."))] = None,
    by: ByOption = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Set the status of an item's schedule entry for a quarter (更新推进情况).

    Only the lines of that entry change; the whole plan is checked first and
    the edit is refused, with the problems, if it would break the data."""
    from ..edit.ops import EntryUpdate, update as do_update
    from ..model import EntryStatus
    from ..quarter import Quarter

    try:
        q = Quarter.parse(quarter)
    except ValueError as exc:
        raise BadValue("{value} is not a quarter; write it as 2024Q2", "--quarter",
                       value=repr(quarter)) from None
    upd = EntryUpdate(q, EntryStatus(_status_option(status)), deliverable, _date_option(done_on, "--done-on"),
                      evidence, note, cause, action, correction, by)
    _run_edit(data, as_of, lang, dry_run, lambda files, today: do_update(files, item, upd, today))


@app.command()
def record(
    indicator: Annotated[str, typer.Argument(
        help="The indicator: its id (e.g. rd-intensity) or its name.")],
    period: Annotated[str, typer.Option("--period", help="2024 or 2024Q2.", show_default=False)],
    value: Annotated[str, typer.Option("--value", help="The figure.", show_default=False)],
    source: Annotated[str, typer.Option("--source", help="Where the figure is published.",
                                        show_default=False)],
    note: Annotated[str | None, typer.Option(help="A note on the figure.")] = None,
    cause: Annotated[str | None, typer.Option(help="原因, when it is off track.")] = None,
    action: Annotated[str | None, typer.Option(help="整改措施, when it is off track.")] = None,
    correction: Annotated[str | None, typer.Option(metavar="REASON", help=(
        "Mark this as a correction of a closed period's figure, with the reason."))] = None,
    by: ByOption = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record an indicator's actual for a period, or replace the one recorded (录入实际值)."""
    from ..edit.ops import ActualRecord, record as do_record

    rec = ActualRecord(_period_option(period), _number_option(value), source, note, cause, action,
                       correction, by)
    _run_edit(data, as_of, lang, dry_run,
              lambda files, today: do_record(files, indicator, rec, today))


def _period_option(text: str):
    from ..quarter import parse_period

    try:
        return parse_period(text)
    except ValueError:
        raise BadValue("{value} is not a period; write 2024 or 2024Q2", "--period",
                       value=repr(text)) from None


def _number_option(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if number != number or number in (float("inf"), float("-inf")):
        raise BadValue("{value} is not a number", "--value", value=repr(text))
    return number


@app.command()
def note(
    item: Annotated[str, typer.Argument(help="The ledger item: its id (e.g. PT-001) or its title.")],
    text: Annotated[str, typer.Argument(help="What happened (进展情况).")],
    by: ByOption = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add a dated progress note to an item (dated today, or --as-of)."""
    from ..edit.ops import note as do_note

    _run_edit(data, as_of, lang, dry_run,
              lambda files, today: do_note(files, item, text, by, today))
