"""The reports on a sound plan: ``plan status``, ``gaps``, ``due``, ``owners``, ``show``.

Each is wrapped by :func:`cached`: an unchanged report is replayed from the cache
(:mod:`plan_cli.reportcache`) before its body imports anything heavy.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import Annotated

import typer

from . import app
from .options import (AreaOption, AsOfOption, DataOption, DepartmentOption, FormatOption,
                      LangOption, LeaderOption, LedgerOption, NoCacheOption, OutputOption,
                      ReportFormat, StatusOption, TableOption, emit_report, fail, prepare,
                      resolve_filters)


def cached(function):
    """Serve the report from the cache when nothing it depends on changed."""

    @functools.wraps(function)
    def report(**kwargs):
        from ..reportcache import serve

        serve(function.__name__, kwargs, lambda: function(**kwargs), lambda c: typer.Exit(c))

    return report


@app.command()
@cached
def status(
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.table, area: AreaOption = None,
    ledger: LedgerOption = None, department: DepartmentOption = None,
    leader: LeaderOption = None, status: StatusOption = None, lang: LangOption = None,
    no_cache: NoCacheOption = False, output: OutputOption = None, table: TableOption = None,
) -> None:
    """One screen: ledgers entered and assigned, schedule done/due/overdue,
    indicators by key-task area, and the largest data gaps.

    --status takes indicator statuses."""
    from ..reports.filters import INDICATOR_STATUSES
    from ..reports.status import build_status
    from ..render import status as render
    from ..render.output import filters_dict

    ws, today, language = prepare(data, as_of, lang, no_cache)
    chosen = resolve_filters(ws, INDICATOR_STATUSES, area, ledger, department, leader, status)
    report = build_status(ws, today, filters=chosen)
    data_label = str(ws.location.path)
    if output_format is ReportFormat.csv or output is not None:
        emit_report(output_format, lambda: render.view(report, data_label, language, chosen),
                    lambda: render.to_dict(report, data_label) | (
                        {"filters": filters_dict(chosen)}), ws, language, output, table)
    elif output_format is ReportFormat.json:
        typer.echo(render.render_json(report, data_label, chosen))
    elif output_format is ReportFormat.markdown:
        typer.echo(render.render_markdown(report, data_label, language, chosen))
    else:
        if table is not None:
            raise typer.BadParameter("--table goes with --format csv", param_hint="--table")
        from ..render.console import make_console

        render.render_table(report, make_console(), data_label, language, chosen)


@app.command()
@cached
def gaps(
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.table, area: AreaOption = None,
    ledger: LedgerOption = None, department: DepartmentOption = None,
    leader: LeaderOption = None, status: StatusOption = None, lang: LangOption = None,
    no_cache: NoCacheOption = False, output: OutputOption = None, table: TableOption = None,
) -> None:
    """Every indicator against its target and its trajectory, worst first:
    baseline, latest value, expected value now, target, gaps, status and missing data.

    --status takes indicator statuses."""
    from ..reports.filters import INDICATOR_STATUSES
    from ..reports.gaps import build_gaps
    from ..render import gaps as render

    ws, today, language = prepare(data, as_of, lang, no_cache)
    chosen = resolve_filters(ws, INDICATOR_STATUSES, area, ledger, department, leader, status)
    report = build_gaps(ws, today, chosen)
    where = str(ws.location.path)
    emit_report(output_format, lambda: render.view(report, where, language, chosen),
          lambda: render.to_dict(report, where, chosen), ws, language, output, table)


class GroupBy(StrEnum):
    department = "department"
    leader = "leader"
    ledger = "ledger"


def _quarter(text: str | None):
    from ..quarter import Quarter

    if text is None:
        return None
    try:
        return Quarter.parse(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a quarter; write it as 2024Q2",
                                 param_hint="--quarter") from None


@app.command()
@cached
def due(
    quarter: Annotated[str | None, typer.Option(
        "--quarter", metavar="QUARTER", show_default=False,
        help="The quarter to list (2024Q2). Default: the as-of quarter.")] = None,
    next_quarter: Annotated[bool, typer.Option(
        "--next", help="List the quarter after the as-of quarter.")] = False,
    by: Annotated[GroupBy, typer.Option("--by", help="Group by responsible department, "
                                        "leader in charge, or ledger.")] = GroupBy.department,
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.table, area: AreaOption = None,
    ledger: LedgerOption = None, department: DepartmentOption = None,
    leader: LeaderOption = None, status: StatusOption = None, lang: LangOption = None,
    no_cache: NoCacheOption = False, output: OutputOption = None, table: TableOption = None,
) -> None:
    """Schedule entries due in a quarter and every overdue one, grouped by owner;
    items with no recent update are flagged stale. --status takes due or overdue."""
    from ..reports.due import build_due
    from ..render import due as render

    if quarter is not None and next_quarter:
        raise typer.BadParameter("give --quarter or --next, not both", param_hint="--next")
    asked = _quarter(quarter)
    ws, today, language = prepare(data, as_of, lang, no_cache)
    chosen = resolve_filters(ws, ("due", "overdue"), area, ledger, department, leader, status)
    if next_quarter:
        from ..quarter import Quarter

        asked = Quarter.of(today) + 1
    report = build_due(ws, today, asked, by.value, chosen)
    where = str(ws.location.path)
    emit_report(output_format, lambda: render.view(report, where, language, chosen),
          lambda: render.to_dict(report, where, chosen), ws, language, output, table)


@app.command()
@cached
def owners(
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.table, area: AreaOption = None,
    ledger: LedgerOption = None, department: DepartmentOption = None,
    leader: LeaderOption = None, status: StatusOption = None, lang: LangOption = None,
    no_cache: NoCacheOption = False, output: OutputOption = None, table: TableOption = None,
) -> None:
    """Supervision scorecard per department and per leader, worst first: items, entries
    done on time / late, due, overdue, stale items, off-track indicators.

    --status done|due|overdue|off_track|missed keeps owners with any such."""
    from ..reports.owners import STATUS_COLUMNS, build_owners
    from ..render import owners as render

    ws, today, language = prepare(data, as_of, lang, no_cache)
    chosen = resolve_filters(ws, tuple(STATUS_COLUMNS), area, ledger, department, leader, status)
    report = build_owners(ws, today, chosen)
    where = str(ws.location.path)
    emit_report(output_format, lambda: render.view(report, where, language, chosen),
          lambda: render.to_dict(report, where, chosen), ws, language, output, table)


@app.command()
@cached
def show(
    id_: Annotated[str, typer.Argument(metavar="ID", help="An item, indicator, key-task "
                                       "area or ledger id (PT-001, rd-intensity, innovation).")],
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.table, lang: LangOption = None,
    no_cache: NoCacheOption = False, output: OutputOption = None, table: TableOption = None,
) -> None:
    """One item (owners, schedule with states, updates, linked indicators), indicator
    (target, baseline, values per period as a chart with trajectory and target) or area.

    Exit 1 when nothing has that id."""
    from ..reports.show import NotFound, build_show
    from ..render import show as render
    from ..render.labels import label

    ws, today, language = prepare(data, as_of, lang, no_cache)
    try:
        report = build_show(ws, today, id_)
    except NotFound as exc:
        names = ", ".join(f"'{s}'" for s in exc.suggestions)
        hint = label("did_you_mean", language, names=names) if names else ""
        fail(label("unknown_id", language, id=id_, hint=hint), code=1)
    where = str(ws.location.path)
    emit_report(output_format, lambda: render.view(report, where, language),
          lambda: render.to_dict(report, where), ws, language, output, table)
