"""The ``plan`` command: parse options, call the core, pick a renderer.

Only this module imports typer. Everything else is imported inside the
command that needs it, so ``plan --help`` does not pay for the YAML reader,
the models or rich.

Exit codes: 0 clean, 1 problems in the data, 2 the command was misused,
3 an internal error (a bug in plan: please report it).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    name="plan",
    help="Keep an action plan's targets, indicators and ledgers as YAML, check them, "
    "and report where the plan stands.\n\n"
    "管理行动计划的目标、指标和工作台账:校验数据,报告推进情况。",
    no_args_is_help=True,
    add_completion=False,
    # Plain click help: rich's help formatter costs ~0.2 s of imports (measured
    # in benchmarks/BENCHMARKS.md), more than the rest of `plan --help`.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class CheckFormat(StrEnum):
    text = "text"
    github = "github"
    json = "json"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="The plan's data folder (or a repository holding data/). "
                 "Default: $PLAN_DATA, else the nearest data/plan.yaml above the working "
                 "directory, else the sample data shipped with plan.", show_default=False),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Report as on this date (2024-06-30). "
                 "Default: today.", show_default=False),
]
LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of headings and messages. "
                 "Default: zh when LC_ALL/LANG starts with zh, else en.", show_default=False),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Read every file afresh: neither use nor write the cache "
                 "in .plan-cache/ beside the data folder.", show_default=False),
]


FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", help="table for people; markdown for a pull request or a "
                 "report; csv for Excel (UTF-8 with BOM); json for programs (stable shape "
                 "with \"version\": 1 and \"report\": the command's name)."),
]
_FILTER_HELP = ("Repeat to allow several values (any matches); different filters must all "
                "match. A value that names nothing in the data is an error.")
AreaOption = Annotated[list[str] | None, typer.Option(
    "--area", metavar="AREA", show_default=False,
    help="Only this key-task area (its id in plan.yaml). " + _FILTER_HELP)]
LedgerOption = Annotated[list[str] | None, typer.Option(
    "--ledger", metavar="LEDGER", show_default=False,
    help="Only items of this ledger (id or short name); indicators linked to them.")]
DepartmentOption = Annotated[list[str] | None, typer.Option(
    "--department", metavar="NAME", show_default=False,
    help="Only items this department is responsible for (aliases accepted; "
    "'unassigned' for items without one); indicators linked to them.")]
LeaderOption = Annotated[list[str] | None, typer.Option(
    "--leader", metavar="NAME", show_default=False,
    help="Only items under this leader ('unassigned' for items without one); "
    "indicators linked to them.")]
StatusOption = Annotated[list[str] | None, typer.Option(
    "--status", metavar="STATUS", show_default=False,
    help="Only indicators with this status (met, on_track, at_risk, off_track, no_data, "
    "no_baseline, missed) or schedule entries in this state (done, due, overdue, "
    "upcoming, dropped), as the report allows.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"plan: {message}", err=True)
    raise typer.Exit(code)


def _as_of(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date; write it as 2024-06-30",
                                 param_hint="--as-of") from None


def _lang(lang: Lang | None) -> str:
    from .messages import detect_language

    return lang.value if lang else detect_language()


def _find(data: Path | None, lang: str):
    """Find the data folder; say on stderr when it is the shipped sample."""
    from .datadir import DataNotFound, find_data

    try:
        location = find_data(data)
    except DataNotFound as exc:
        _fail(f"no plan data in {exc}: expected plan.yaml or data/plan.yaml there "
              "(use --data DIR or set PLAN_DATA)")
    if location.how == "shipped":
        from .render.labels import label

        typer.echo(f"plan: {label('shipped', lang)} ({location.path})", err=True)
    return location


def _load(data: Path | None, lang: str, use_cache: bool = True):
    """Find and load the data (each file's parse from the cache when unchanged)."""
    return _load_from(_find(data, lang), use_cache)


def _load_from(location, use_cache: bool = True):
    from .load import load

    if not use_cache:
        return load(location)
    from .cache import open_cache

    return load(location, cache=open_cache(location))


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
    from .cache import checked
    from .diagnostics import FORMATTERS, summary_counts, summary_line

    language = _lang(lang)
    today = _as_of(as_of)
    location = _find(data, language)
    if against is None:
        diags, files_read = checked(location, today, use_cache=not no_cache)
    else:  # the guard rails compare whole workspaces: load this one in full
        from .check import run_checks

        ws = _load_from(location, use_cache=not no_cache)
        diags = sorted(run_checks(ws, today) + _guard_findings(data, against, ws, today))
        files_read = ws.files_read
    output = FORMATTERS[output_format.value](diags, language, strict)
    if output:
        typer.echo(output)
    if output_format is CheckFormat.text:
        typer.echo(summary_line(diags, files_read, language, strict), err=True)
    raise typer.Exit(1 if summary_counts(diags, strict)["errors"] else 0)


def _require_sound(ws, today: date, language: str) -> None:
    """Reports need valid data: show the errors (not warnings) and stop with exit 1."""
    from .check import run_checks
    from .diagnostics import Severity, format_text

    # Judge "not in the future" against the real date: --as-of looks back at the
    # plan as it stood then, and the reports ignore what was recorded later.
    diags = run_checks(ws, max(today, date.today()))
    errors = [d for d in diags if d.severity is Severity.error]
    if errors or ws.plan is None:
        typer.echo(format_text(errors, language), err=True)
        _fail("the data has errors; fix them first (see `plan check`)", code=1)
    if diags:
        note = (f"{len(diags)} 个警告,详见 `plan check`" if language == "zh"
                else f"{len(diags)} warnings; see `plan check`")
        typer.echo(f"plan: {note}", err=True)


@app.command()
def status(
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.table, area: AreaOption = None,
    ledger: LedgerOption = None, department: DepartmentOption = None,
    leader: LeaderOption = None, status: StatusOption = None, lang: LangOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """One screen: ledgers entered and assigned, schedule done/due/overdue,
    indicators by key-task area, and the largest data gaps.

    --status takes indicator statuses."""
    from .reports.filters import INDICATOR_STATUSES
    from .reports.status import build_status
    from .render import status as render

    ws, today, language = _prepare(data, as_of, lang, no_cache)
    chosen = _filters(ws, INDICATOR_STATUSES, area, ledger, department, leader, status)
    report = build_status(ws, today, filters=chosen)
    data_label = str(ws.location.path)
    if output_format is ReportFormat.json:
        typer.echo(render.render_json(report, data_label, chosen))
    elif output_format is ReportFormat.markdown:
        typer.echo(render.render_markdown(report, data_label, language, chosen))
    elif output_format is ReportFormat.csv:
        from .render.output import write_csv

        write_csv(render.render_csv(report, language))
    else:
        from .render.console import make_console

        render.render_table(report, make_console(), data_label, language, chosen)


def _prepare(data: Path | None, as_of: str | None, lang: Lang | None, no_cache: bool = False):
    """Language, date and a sound workspace: what every report starts from."""
    language = _lang(lang)
    today = _as_of(as_of)
    ws = _load(data, language, use_cache=not no_cache)
    _require_sound(ws, today, language)
    return ws, today, language


def _filters(ws, statuses: tuple[str, ...], area=None, ledger=None, department=None,
             leader=None, status=None):
    """Check the filter values against the data: unknown ones are usage errors (exit 2)."""
    from .reports.filters import FilterError, Filters, resolve

    asked = Filters(*(tuple(v or ()) for v in (area, ledger, department, leader, status)))
    try:
        return resolve(ws, asked, statuses)
    except FilterError as exc:
        known = ", ".join(exc.choices[:12]) + (" …" if len(exc.choices) > 12 else "")
        raise typer.BadParameter(f"{exc} (known: {known or 'none'})",
                                 param_hint=exc.option) from None


def _emit(output_format: ReportFormat, view_fn, data_fn) -> None:
    from .render.console import make_console
    from .render.output import emit

    emit(output_format.value, view_fn, data_fn, make_console)


@app.command()
def gaps(
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.table, area: AreaOption = None,
    ledger: LedgerOption = None, department: DepartmentOption = None,
    leader: LeaderOption = None, status: StatusOption = None, lang: LangOption = None,
) -> None:
    """Every indicator against its target and its trajectory, worst first:
    baseline, latest value, expected value now, target, gaps, status and missing data.

    --status takes indicator statuses."""
    from .reports.filters import INDICATOR_STATUSES
    from .reports.gaps import build_gaps
    from .render import gaps as render

    ws, today, language = _prepare(data, as_of, lang)
    chosen = _filters(ws, INDICATOR_STATUSES, area, ledger, department, leader, status)
    report = build_gaps(ws, today, chosen)
    where = str(ws.location.path)
    _emit(output_format, lambda: render.view(report, where, language, chosen),
          lambda: render.to_dict(report, where, chosen))


class GroupBy(StrEnum):
    department = "department"
    leader = "leader"
    ledger = "ledger"


def _quarter(text: str | None):
    from .quarter import Quarter

    if text is None:
        return None
    try:
        return Quarter.parse(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a quarter; write it as 2024Q2",
                                 param_hint="--quarter") from None


@app.command()
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
) -> None:
    """Schedule entries due in a quarter and every overdue one, grouped by owner;
    items with no recent update are flagged stale. --status takes due or overdue."""
    from .reports.due import build_due
    from .render import due as render

    if quarter is not None and next_quarter:
        raise typer.BadParameter("give --quarter or --next, not both", param_hint="--next")
    asked = _quarter(quarter)
    ws, today, language = _prepare(data, as_of, lang)
    chosen = _filters(ws, ("due", "overdue"), area, ledger, department, leader, status)
    if next_quarter:
        from .quarter import Quarter

        asked = Quarter.of(today) + 1
    report = build_due(ws, today, asked, by.value, chosen)
    where = str(ws.location.path)
    _emit(output_format, lambda: render.view(report, where, language, chosen),
          lambda: render.to_dict(report, where, chosen))


@app.command()
def owners(
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.table, area: AreaOption = None,
    ledger: LedgerOption = None, department: DepartmentOption = None,
    leader: LeaderOption = None, status: StatusOption = None, lang: LangOption = None,
) -> None:
    """Supervision scorecard per department and per leader, worst first: items, entries
    done on time / late, due, overdue, stale items, off-track indicators.

    --status done|due|overdue|off_track|missed keeps owners with any such."""
    from .reports.owners import STATUS_COLUMNS, build_owners
    from .render import owners as render

    ws, today, language = _prepare(data, as_of, lang)
    chosen = _filters(ws, tuple(STATUS_COLUMNS), area, ledger, department, leader, status)
    report = build_owners(ws, today, chosen)
    where = str(ws.location.path)
    _emit(output_format, lambda: render.view(report, where, language, chosen),
          lambda: render.to_dict(report, where, chosen))


@app.command()
def show(
    id_: Annotated[str, typer.Argument(metavar="ID", help="An item, indicator, key-task "
                                       "area or ledger id (PT-001, rd-intensity, innovation).")],
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.table, lang: LangOption = None,
) -> None:
    """One item (owners, schedule with states, updates, linked indicators), indicator
    (target, baseline, values per period as a chart with trajectory and target) or area.

    Exit 1 when nothing has that id."""
    from .reports.show import NotFound, build_show
    from .render import show as render
    from .render.labels import label

    ws, today, language = _prepare(data, as_of, lang)
    try:
        report = build_show(ws, today, id_)
    except NotFound as exc:
        names = ", ".join(f"'{s}'" for s in exc.suggestions)
        hint = label("did_you_mean", language, names=names) if names else ""
        _fail(label("unknown_id", language, id=id_, hint=hint), code=1)
    where = str(ws.location.path)
    _emit(output_format, lambda: render.view(report, where, language),
          lambda: render.to_dict(report, where))


# --- editing the data: plan update / record / note (issue 4) -------------------


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
        raise typer.BadParameter(f"{text!r} is not a date; write it as 2024-06-30",
                                 param_hint=name) from None


def _run_edit(data: Path | None, as_of: str | None, lang: Lang | None, dry_run: bool,
              build) -> None:
    """Lock, build the change, validate everything with it applied, write; report."""
    from .diagnostics import format_text
    from .edit.ops import EditRefused, run_edit
    from .messages import render

    language, today = _lang(lang), _as_of(as_of)
    location = _edit_location(data)
    try:
        outcome = run_edit(location, today, lambda files: build(files, today), dry_run=dry_run)
    except EditRefused as exc:
        message, hint = render(exc.code, exc.args_, language)
        typer.echo(f"plan: {message}" + (f"\n    {hint}" if hint else ""), err=True)
        usage = exc.code not in ("edit-locked", "edit-unsafe", "edit-unreadable",
                                 "edit-write-failed")
        raise typer.Exit(2 if usage else 1) from None
    try:
        display = os.path.relpath(outcome.change.path).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        display = str(outcome.change.path)
    if outcome.errors:
        typer.echo(format_text(outcome.errors, language), err=True)
        typer.echo(f"plan: {render('edit-refused', {}, language)[0]}", err=True)
        raise typer.Exit(1)
    if dry_run:
        typer.echo(outcome.change.unified_diff(display), nl=False)
    verb = ("预览" if dry_run else "已更新") if language == "zh" else (
        "would update" if dry_run else "updated")
    if outcome.change.after == outcome.change.before:
        verb = "无需修改" if language == "zh" else "no change to"
    typer.echo(f"{verb} {display}: {outcome.change.summary[language]}")


@app.command()
def update(
    item: Annotated[str, typer.Argument(help="The ledger item's id, e.g. PT-001.")],
    quarter: Annotated[str, typer.Option("--quarter", help="The schedule entry's quarter, "
                                         "e.g. 2024Q2.", show_default=False)],
    status: Annotated[EntryStatusChoice, typer.Option("--status", show_default=False)],
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
    from .edit.ops import EntryUpdate, update as do_update
    from .model import EntryStatus
    from .quarter import Quarter

    try:
        q = Quarter.parse(quarter)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--quarter") from None
    upd = EntryUpdate(q, EntryStatus(status.value), deliverable, _date_option(done_on, "--done-on"),
                      evidence, note, cause, action, correction, by)
    _run_edit(data, as_of, lang, dry_run, lambda files, today: do_update(files, item, upd, today))


@app.command()
def record(
    indicator: Annotated[str, typer.Argument(help="The indicator's id, e.g. rd-intensity.")],
    period: Annotated[str, typer.Option("--period", help="2024 or 2024Q2.", show_default=False)],
    value: Annotated[str, typer.Option("--value", help="The figure.", show_default=False)],
    source: Annotated[str, typer.Option("--source", help="Where the figure is published.",
                                        show_default=False)],
    note: Annotated[str | None, typer.Option(help="A note on the figure.")] = None,
    cause: Annotated[str | None, typer.Option(help="原因, when it is off track.")] = None,
    action: Annotated[str | None, typer.Option(help="整改措施, when it is off track.")] = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record an indicator's actual for a period, or replace the one recorded (录入实际值)."""
    from .edit.ops import ActualRecord, record as do_record

    rec = ActualRecord(_period_option(period), _number_option(value), source, note, cause, action)
    _run_edit(data, as_of, lang, dry_run, lambda files, today: do_record(files, indicator, rec))


def _period_option(text: str):
    from .quarter import Quarter

    if text.strip().isdigit() and len(text.strip()) == 4:
        return int(text)
    try:
        return Quarter.parse(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a period; write 2024 or 2024Q2",
                                 param_hint="--period") from None


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
        raise typer.BadParameter(f"{text!r} is not a number", param_hint="--value")
    return number


@app.command()
def note(
    item: Annotated[str, typer.Argument(help="The ledger item's id, e.g. PT-001.")],
    text: Annotated[str, typer.Argument(help="What happened (进展情况).")],
    by: ByOption = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add a dated progress note to an item (dated today, or --as-of)."""
    from .edit.ops import note as do_note

    _run_edit(data, as_of, lang, dry_run,
              lambda files, today: do_note(files, item, text, by, today))


# --- reviewing changes: plan diff (issue 4) ------------------------------------


def _edit_location(data: Path | None):
    from .load import DataNotFound, find_data

    try:
        location = find_data(data)
    except DataNotFound as exc:
        _fail(f"no plan data in {exc}: expected plan.yaml or data/plan.yaml there")
    if location.how == "shipped":
        _fail("this needs a plan repository: run inside one or use --data DIR")
    return location


def _sides(data: Path | None, base: str | None, head: str | None, language: str):
    """Load both sides of a comparison from git; stop on git errors or broken data."""
    from .diagnostics import Severity, format_text
    from .gitread import GitError, sides

    try:
        found = sides(_edit_location(data), base, head)
    except GitError as exc:
        _fail(f"git: {exc}")
    for ws, name in ((found[0], found[2]), (found[1], found[3])):
        errors = [d for d in ws.diagnostics if d.severity is Severity.error]
        if errors:
            typer.echo(format_text(errors, language), err=True)
            _fail(f"the data at {name} has errors; fix them first (see `plan check`)", code=1)
    return found


@app.command()
def diff(
    base: Annotated[str | None, typer.Argument(help="Compare with this revision (taken "
                    "at its merge-base). Default: where HEAD left the main branch.")] = None,
    head: Annotated[str | None, typer.Argument(help="Compare this revision. "
                    "Default: the working tree.")] = None,
    data: DataOption = None,
    output_format: Annotated[ReportFormat, typer.Option(
        "--format", help="table for people, markdown for a pull request, json for programs.")
    ] = ReportFormat.table,
    lang: LangOption = None,
) -> None:
    """What changed, in plan terms (计划数据变更).

    Items added or removed, schedule statuses, owners, progress notes, actuals,
    and targets (flagged as governance changes). Reads git directly: no checkout."""
    from .render import diff as render
    from .reports.diff import build_diff

    language = _lang(lang)
    base_ws, head_ws, base_name, head_name, _ = _sides(data, base, head, language)
    report = build_diff(base_ws, head_ws, base_name, head_name)
    if output_format is ReportFormat.json:
        typer.echo(render.render_json(report))
    elif output_format is ReportFormat.markdown:
        typer.echo(render.render_markdown(report, language))
    else:
        from .render.console import make_console

        render.render_table(report, make_console(), language)


def _guard_findings(data: Path | None, against: str, head_ws, today: date) -> list:
    from .gitread import GitError, commit_date, load_at, merge_base
    from .guard import run_guards

    location = head_ws.location
    try:
        rev = merge_base(location.path, against)
        base_ws, base_day = load_at(location, rev), commit_date(location.path, rev)
    except GitError as exc:
        _fail(f"git: {exc}")
    return run_guards(base_ws, head_ws, base_day, today)


# --- what users copy into their repositories (issue 4) ------------------------


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option("--out", help="Folder to write into. "
                   "Default: schemas/ beside the data folder.", show_default=False)] = None,
    check_only: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 when "
                          "a schema is missing or out of date (for CI).")] = False,
    data: DataOption = None,
) -> None:
    """Write JSON Schema for every kind of data file, for editors.

    Each data file's first line names its schema (yaml-language-server), so
    editors complete and check fields as you type."""
    from .schema import SCHEMA_DIR, write_schemas

    folder = out or _edit_location(data).path.parent / SCHEMA_DIR
    stale = write_schemas(folder, check=check_only)
    for path in stale:
        typer.echo(f"{'out of date' if check_only else 'wrote'}: {path}")
    if check_only and stale:
        raise typer.Exit(1)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the plan repository.")],
    plan_id: Annotated[str, typer.Option("--id", help="A short id for the plan.")] = "plan",
    title: Annotated[str, typer.Option(help="The plan's title.")] = "三年行动计划",
    start: Annotated[str, typer.Option(help="First quarter of the plan period.")] = "2023Q1",
    end: Annotated[str, typer.Option(help="Last quarter of the plan period.")] = "2025Q4",
) -> None:
    """Create an empty plan repository for another plan or city (新建计划仓库).

    Data files, the five ledgers, schemas, and the pre-commit and CI configuration;
    it passes `plan check` at once."""
    from .quarter import Quarter
    from .scaffold import PlanIdentity, ScaffoldError, scaffold

    for name, text in (("--start", start), ("--end", end)):
        try:
            Quarter.parse(text)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint=name) from None
    try:
        written = scaffold(folder, PlanIdentity(plan_id, title, start, end))
    except ScaffoldError as exc:
        _fail(str(exc))
    for path in written:
        typer.echo(f"created {path}")
    typer.echo(f"next: cd {folder} && git init && plan check")


def main() -> None:
    """Turn an unexpected exception into one line and exit 3 (``sys.exit``, as usual)."""
    # Redirected output on Windows uses the ANSI code page (cp936 in China): a
    # character it cannot encode should print as '?', not end the command.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("PLAN_DEBUG"):
            raise
        print(f"plan: internal error ({type(exc).__name__}: {exc}). This is a bug in plan, "
              "not in your data: please report it with the command you ran "
              "(PLAN_DEBUG=1 shows the traceback).", file=sys.stderr)
        sys.exit(3)


def entry() -> NoReturn:
    """The ``plan`` console script and ``python -m plan_cli``: :func:`main`, then
    ``os._exit`` once the output is flushed.

    Tearing down a large heap (every node of every ledger) costs up to a second
    at 100,000 items and buys nothing. Only the real entry point does this;
    tests call :func:`main` or ``app`` and exit normally.
    """
    try:
        main()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    _fast_exit(code)


def _fast_exit(code: int | str | None) -> NoReturn:
    """``sys.exit(code)`` without the interpreter's teardown."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message") prints the message and exits 1
        print(code, file=sys.stderr)
        status = 1
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # `plan check | head`: the reader left
        pass
    try:
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(status & 0xFF if status >= 0 else 1)
