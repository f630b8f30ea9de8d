"""Working with the plan repository: ``plan diff`` reviews changes in plan terms
(issue 4); ``plan schema`` and ``plan init`` write what users copy into their
repositories."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .localize import BadValue
from .options import (DataOption, LangOption, ReportFormat, edit_location, fail, fail_git,
                      resolve_lang, say)


def _sides(data: Path | None, base: str | None, head: str | None, language: str):
    """Load both sides of a comparison from git; stop on git errors or broken data."""
    from ..diagnostics import Severity, format_text
    from ..gitread import GitError, sides

    try:
        location = edit_location(data, language)
        found = sides(location, base, head)
    except GitError as exc:
        fail_git(exc, language, location.path)
    for ws, name in ((found[0], found[2]), (found[1], found[3])):
        errors = [d for d in ws.diagnostics if d.severity is Severity.error]
        if errors:
            typer.echo(format_text(errors, language), err=True)
            fail(say("the data at {name} has errors; fix them first (see `plan check`)",
                     language, name=name), code=1)
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
    from ..render import diff as render
    from ..reports.diff import build_diff

    language = resolve_lang(lang)
    base_ws, head_ws, base_name, head_name, _ = _sides(data, base, head, language)
    report = build_diff(base_ws, head_ws, base_name, head_name)
    if output_format is ReportFormat.json:
        typer.echo(render.render_json(report))
    elif output_format is ReportFormat.markdown:
        typer.echo(render.render_markdown(report, language))
    else:
        from ..render.console import make_console

        render.render_table(report, make_console(), language)


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
    from ..schema import SCHEMA_DIR, write_schemas

    folder = out or edit_location(data).path.parent / SCHEMA_DIR
    try:
        stale = write_schemas(folder, check=check_only)
    except OSError as exc:
        fail(f"cannot write the schemas into {exc.filename or folder}: {exc.strerror or exc}"
             f" (无法写入 JSON Schema)", code=1)
    for path in stale:
        typer.echo(say("out of date: {path}" if check_only else "wrote: {path}", None,
                       path=path))
    if check_only and stale:
        raise typer.Exit(1)


class CiChoice(StrEnum):
    github = "github"
    gitlab = "gitlab"
    none = "none"


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the plan repository.")],
    plan_id: Annotated[str, typer.Option("--id", help="A short id for the plan.")] = "plan",
    title: Annotated[str, typer.Option(help="The plan's title.")] = "三年行动计划",
    start: Annotated[str, typer.Option(help="First quarter of the plan period.")] = "2023Q1",
    end: Annotated[str, typer.Option(help="Last quarter of the plan period.")] = "2025Q4",
    level: Annotated[str, typer.Option("--level", help="The level of the leaders in charge: "
                     "市, 县, 区 or 省 (as in 分管市领导).")] = "市",
    lang: LangOption = None,
    tool: Annotated[str | None, typer.Option("--tool", metavar="SPEC", help=(
        "What CI installs (pip's argument): default this tool at this version; or a "
        "wheel, a git URL, a version on your mirror."), show_default=False)] = None,
    ci: Annotated[CiChoice, typer.Option("--ci", help=(
        "The CI configuration to write: GitHub Actions, GitLab CI, or none."))] = "github",
    force: Annotated[bool, typer.Option("--force", help="Overwrite the plan files the folder "
                     "already holds (listed when refused without it).")] = False,
) -> None:
    """Create an empty plan repository for another plan or city (新建计划仓库).

    Data files, the five ledgers, schemas, and the pre-commit and CI configuration;
    it passes `plan check` at once."""
    from ..quarter import Quarter
    from ..scaffold import PlanIdentity, ScaffoldError, scaffold

    from ..edit.values import unwritable
    from ..messages import framework

    language = resolve_lang(lang)
    if char := unwritable(title):
        raise BadValue("contains {char}, which cannot be written safely", "--title", char=char)
    quarters = []
    for name, text in (("--start", start), ("--end", end)):
        try:
            quarters.append(Quarter.parse(text))
        except ValueError:
            raise BadValue("{value} is not a quarter; write it as 2024Q2", name,
                           value=repr(text)) from None
    if quarters[0] > quarters[1]:
        raise BadValue("the plan cannot end ({end}) before it starts ({start})", "--end",
                       end=end, start=start)
    try:
        written = scaffold(folder, PlanIdentity(plan_id, title, str(quarters[0]),
                                                str(quarters[1]), level), language,
                           tool=tool, ci=CiChoice(ci).value, force=force)
    except ScaffoldError as exc:
        fail(framework(exc.msgid, language).format(**exc.args_))
    for path in written:
        typer.echo(framework("created {path}", language).format(path=path))
    typer.echo(framework("next: cd {folder} && git init && plan check", language).format(
        folder=folder))
