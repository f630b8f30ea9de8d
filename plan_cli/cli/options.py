"""What the commands share: option types, choices, and the steps every command
takes (find and load the data, check it is sound, resolve filters, emit a report).

Imports nothing heavy at module level: each helper imports what it uses.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .localize import BadValue


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class CheckFormat(StrEnum):
    auto = "auto"
    text = "text"
    github = "github"
    gitlab = "gitlab"
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
                 "Default: $PLAN_LANG, else zh when LC_ALL/LANG starts with zh, else en.", show_default=False),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Read every file afresh: neither use nor write the cache "
                 "in .plan-cache/ beside the data folder.", show_default=False),
]



def _set_quiet(value: bool) -> bool:
    from .localize import RUN

    if value:
        RUN["quiet"] = True
    return value


def quiet() -> bool:
    """Was -q/--quiet given to the running command? (Asked from any thread: the
    checks may run in a worker, where click's context is not current.)"""
    from .localize import RUN

    return bool(RUN.get("quiet"))


QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No warning summary on stderr; only the report "
                 "(or the errors).", callback=_set_quiet,  # in the report cache's key
                 show_default=False),
]

FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", help="table for people; markdown for a pull request or a "
                 "report; csv for Excel (UTF-8 with BOM); json for programs (stable shape "
                 "with \"version\": 1 and \"report\": the command's name)."),
]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", show_default=False,
    help="Write the report to FILE as UTF-8 bytes (CSV with a BOM) instead of printing it: "
    "PowerShell's > re-encodes what it redirects. CSV with several tables writes one file "
    "each, FILE-NAME.csv.")]
TableOption = Annotated[str | None, typer.Option(
    "--table", metavar="NAME", show_default=False,
    help="CSV holds one table: the one to write, when the report has several "
    "(the error lists their names).")]
_FILTER_HELP = ("Repeat to allow several values (any matches); different filters must all "
                "match. A value that names nothing in the data is an error.")
AreaOption = Annotated[list[str] | None, typer.Option(
    "--area", metavar="AREA", show_default=False,
    help="Only this key-task area (id, name or alias). " + _FILTER_HELP)]
LedgerOption = Annotated[list[str] | None, typer.Option(
    "--ledger", metavar="LEDGER", show_default=False,
    help="Only items of this ledger (id, title or short name); indicators linked to them.")]
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


def fail(message: str, code: int = 2) -> NoReturn:
    from ..render.safe import visible

    typer.echo(visible(f"plan: {message}"), err=True)
    raise typer.Exit(code)


def say(msgid: str, lang: str | None, **args) -> str:
    """A catalog sentence (messages.FRAMEWORK) in ``lang`` (None: the detected language)."""
    from ..messages import framework
    from .localize import current_language

    return framework(msgid, lang or current_language()).format(**args)


_GIT_WORDS = (  # git's own (English) errors, said in plan's words
    ("not a git repository", "{folder} is not in a git repository (run git init there first)"),
    ("git is not installed", "git is not installed or not on PATH"),
    ("no main branch found", "no main branch found (origin/main, main, origin/master, "
     "master): name the base revision"),
    ("rev-parse --verify", "unknown revision: {detail}"),
    ("unknown revision", "unknown revision: {detail}"),
)


def fail_git(exc: Exception, lang: str | None, folder=None) -> NoReturn:
    """Stop on a git error (exit 2), worded in the user's language where plan knows it."""
    text = str(exc)
    for marker, msgid in _GIT_WORDS:
        if marker in text:
            revision = text.split()[-2] if marker == "rev-parse --verify" else text
            revision = revision.replace("^{commit}", "")
            fail("git: " + say(msgid, lang, folder=folder or "", detail=revision))
    fail("git: " + say("git failed: {detail}", lang, detail=text))


def parse_as_of(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadValue("{value} is not a date; write it as 2024-06-30", "--as-of",
                       value=repr(text)) from None


def resolve_lang(lang: Lang | None) -> str:
    from ..messages import detect_language

    return lang.value if lang else detect_language()


def find_location(data: Path | None, lang: str):
    """Find the data folder; say on stderr when it is the shipped sample."""
    from ..datadir import DataNotFound, find_data

    try:
        location = find_data(data)
    except DataNotFound as exc:
        fail(say("no plan data in {folder}: expected plan.yaml or data/plan.yaml there "
                 "(use --data DIR or set PLAN_DATA)", lang, folder=exc))
    if location.how == "shipped" and not quiet():
        from ..render.labels import label

        typer.echo(f"plan: {label('shipped', lang)} ({location.path})", err=True)
    return location


def load_from(location, use_cache: bool = True, keep_data: bool = True):
    from ..load import load

    if not use_cache:
        return load(location, keep_data=keep_data)
    from ..cache import open_cache

    return load(location, cache=open_cache(location), keep_data=keep_data)


def require_sound(location, today: date, language: str, use_cache: bool = True) -> list:
    """Reports need valid data: show the errors (not warnings) and stop with exit 1.

    Judged by ``plan check``'s own streaming check, from its cache when nothing
    changed, so that the report itself can load the models without the raw data.
    Returns the check's index of the ledgers (:func:`plan_cli.cache.checked`)."""
    from ..cache import checked
    from ..diagnostics import Severity, format_text
    from ..messages import plural

    # Judge "not in the future" against the real date: --as-of looks back at the
    # plan as it stood then, and the reports ignore what was recorded later.
    index: list = []
    diags, _ = checked(location, max(today, date.today()), use_cache=use_cache, index=index)
    errors = [d for d in diags if d.severity is Severity.error]
    if errors:
        typer.echo(format_text(errors, language), err=True)
        fail(say("the data has errors; fix them first (see `plan check`)", language), code=1)
    if diags and not quiet():
        note = (f"{len(diags)} 个警告,详见 `plan check`" if language == "zh"
                else f"{plural(len(diags), 'warning')}; see `plan check`")
        typer.echo(f"plan: {note}", err=True)
    return index



def prepare(data: Path | None, as_of: str | None, lang: Lang | None, no_cache: bool = False,
            stream: bool = True):
    """Language, date and a sound workspace: what every report starts from.

    The workspace's ledgers are read one file at a time as a report walks them
    (:class:`plan_cli.load.LedgerStream`), so memory does not grow with the plan;
    ``stream=False`` loads them all (for commands that compare whole plans)."""
    language = resolve_lang(lang)
    today = parse_as_of(as_of)
    location = find_location(data, language)
    index = require_sound(location, today, language, use_cache=not no_cache)
    if stream:
        from ..cache import open_cache
        from ..load import load_streamed

        ws = load_streamed(location, index, None if no_cache else open_cache(location))
    else:
        ws = load_from(location, use_cache=not no_cache, keep_data=False)
    from ..messages import use_plan

    use_plan(ws.plan.plan.settings if ws.plan else None)
    return ws, today, language


def resolve_filters(ws, statuses: tuple[str, ...], area=None, ledger=None, department=None,
             leader=None, status=None):
    """Check the filter values against the data: unknown ones are usage errors (exit 2)."""
    from ..reports.filters import FilterError, Filters, resolve

    asked = Filters(*(tuple(v or ()) for v in (area, ledger, department, leader, status)))
    try:
        return resolve(ws, asked, statuses)
    except FilterError as exc:
        known = ", ".join(exc.choices[:12]) + (" …" if len(exc.choices) > 12 else "")
        raise BadValue(exc.msgid + " (known: {known})", exc.option, value=exc.value,
                       option=exc.option.lstrip("-"), suggestion=exc.suggestion,
                       known=known or "—") from None


def emit_report(output_format: ReportFormat, view_fn, data_fn, ws=None, lang: str = "en",
                output: Path | None = None, table: str | None = None) -> None:
    """Print a report (or write it to ``output``); ``ws`` given, a synthetic plan's
    outputs carry the banner."""
    from ..render.console import make_console
    from ..render.output import CsvTables, emit

    synthetic = bool(ws is not None and ws.plan is not None and ws.plan.plan.synthetic)

    if table is not None and output_format is not ReportFormat.csv:
        raise typer.BadParameter("--table goes with --format csv / --table 仅用于 csv 格式",
                                 param_hint="--table")
    try:
        emit(output_format.value, view_fn, data_fn, make_console, synthetic, lang, output,
             table)
    except CsvTables as exc:
        names = ", ".join(exc.names)
        if exc.asked is not None:
            raise typer.BadParameter(f"no table '{exc.asked}' in this report (tables: {names})"
                                     f" / 本报告没有表“{exc.asked}”(可选:{names})",
                                     param_hint="--table") from None
        raise typer.BadParameter(
            f"this report has several tables ({names}) and a CSV file holds one: pick one "
            f"with --table NAME, or give --output FILE to write each to its own file / "
            f"本报告有多张表({names}),CSV 每个文件只能存一张:请用 --table 选择,"
            f"或用 --output 文件名 分别写入", param_hint="--format csv") from None
    except OSError as exc:
        fail(f"cannot write {exc.filename or output}: {exc.strerror or exc} / 无法写入文件",
             code=1)


def edit_location(data: Path | None, lang: str | None = None):
    from ..load import DataNotFound, find_data

    try:
        location = find_data(data)
    except DataNotFound as exc:
        fail(say("no plan data in {folder}: expected plan.yaml or data/plan.yaml there "
                 "(use --data DIR or set PLAN_DATA)", lang, folder=exc))
    if location.how == "shipped":
        fail(say("this needs a plan repository: run inside one or use --data DIR", lang))
    return location
