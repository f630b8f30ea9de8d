"""``plan check``: validate the data, and with --against apply the guard rails
to the change since a base revision."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .options import (AsOfOption, CheckFormat, DataOption, LangOption, NoCacheOption, fail,
                      find_location, load_from, parse_as_of, resolve_lang)


@app.command()
def check(
    data: DataOption = None,
    output_format: Annotated[CheckFormat, typer.Option(
        "--format", help="text: one line per problem; github: annotations for a pull "
        "request; json: machine-readable.")] = CheckFormat.text,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Treat warnings (incomplete ledgers, unassigned items) as errors.")] = False,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    against: Annotated[str | None, typer.Option(
        "--against", metavar="BASE", help="Also apply the guard rails to the change since "
        "BASE (e.g. origin/main, taken at its merge-base): targets changed or items removed "
        "without a revision record, closed quarters rewritten, delays without cause.",
        show_default=False)] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Validate every data file and report each problem at its file:line:col.

    Exit 0 when clean (warnings allowed unless --strict), 1 when problems were found.
    """
    from ..cache import checked
    from ..diagnostics import FORMATTERS, summary_counts, summary_line

    language = resolve_lang(lang)
    today = parse_as_of(as_of)
    location = find_location(data, language)
    if against is None:
        diags, files_read = checked(location, today, use_cache=not no_cache)
    else:  # the guard rails compare whole workspaces: load this one in full
        from ..check import run_checks

        ws = load_from(location, use_cache=not no_cache)
        diags = sorted(run_checks(ws, today) + _guard_findings(data, against, ws, today))
        files_read = ws.files_read
    output = FORMATTERS[output_format.value](diags, language, strict)
    if output:
        typer.echo(output)
    if output_format is CheckFormat.text:
        typer.echo(summary_line(diags, files_read, language, strict), err=True)
    raise typer.Exit(1 if summary_counts(diags, strict)["errors"] else 0)


def _guard_findings(data: Path | None, against: str, head_ws, today: date) -> list:
    from ..gitread import GitError, commit_date, load_at, merge_base
    from ..guard import run_guards

    location = head_ws.location
    try:
        rev = merge_base(location.path, against)
        # The guard rails locate findings in HEAD only: the base needs no raw data.
        base_ws = load_at(location, rev, keep_data=False)
        base_day = commit_date(location.path, rev)
    except GitError as exc:
        fail(f"git: {exc}")
    return run_guards(base_ws, head_ws, base_day, today)
