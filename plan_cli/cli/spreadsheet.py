"""The Excel 台账: ``plan export xlsx`` and ``plan import xlsx`` (issue 11)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .options import (AreaOption, AsOfOption, DataOption, DepartmentOption, LangOption,
                      LeaderOption, LedgerOption, NoCacheOption, edit_location, fail,
                      parse_as_of, prepare, resolve_filters, resolve_lang)

export_app = typer.Typer(help="Write the plan to a file others open: xlsx (Excel 台账).", no_args_is_help=True)
import_app = typer.Typer(help="Read a filled-in file back as edits: xlsx.",
                         no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


def _inert(text: str) -> str:
    """A cell's text as shown in a message: control characters (an escape sequence
    typed into a cell) are written as \\xNN, not sent to the terminal."""
    import unicodedata

    return "".join(f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" else c for c in text)


def _exported_state(workbook: Path, ws, language: str):
    """The plan as the workbook was exported (its 说明 sheet names the git commit), so
    that only what the department changed comes back: a cell still showing the
    exported value does not undo an update made in the YAML since. The data as it is
    now when the commit is unknown (exported from uncommitted data, or no git)."""
    from ..diagnostics import Severity
    from ..gitread import GitError, load_at
    from ..spreadsheet.export import data_revision
    from ..spreadsheet.reader import workbook_revision

    commit, dirty = workbook_revision(workbook)
    if commit is None or dirty:
        return ws
    now = data_revision(ws.location.path)
    if now.commit is not None and now.commit.startswith(commit) and not now.dirty:
        return ws  # nothing changed since the export
    try:
        then = load_at(ws.location, commit)
    except (GitError, OSError, subprocess.CalledProcessError):
        return ws
    if then.plan is None or any(d.severity is Severity.error for d in then.diagnostics):
        return ws
    typer.echo(f"plan: 以导出时的数据(git {commit})为基准比较,导出后对数据的修改予以保留"
               if language == "zh" else
               f"plan: compared with the data as exported (git {commit}); changes made "
               "to the data since are kept", err=True)
    return then


@export_app.command("xlsx")
def export_xlsx(
    out: Annotated[Path, typer.Argument(metavar="OUT.xlsx", help="The workbook to write.")],
    data: DataOption = None, as_of: AsOfOption = None, area: AreaOption = None,
    ledger: LedgerOption = None, department: DepartmentOption = None,
    leader: LeaderOption = None,
    year: Annotated[int | None, typer.Option(
        "--year", metavar="YEAR", show_default=False,
        help="The year whose four quarters the ledger sheets show (and earlier quarters "
        "with open entries); 0 for every quarter of the plan. Default: the as-of year.")] = None,
    lang: LangOption = None, no_cache: NoCacheOption = False,
) -> None:
    """The ledgers as Excel 台账 (one sheet each), the indicators and a 说明 sheet:
    print-ready, with a status drop-down and the 三色预警 colours."""
    from ..spreadsheet.export import build_workbook, data_revision, write_workbook

    ws, today, language = prepare(data, as_of, lang, no_cache)
    chosen = resolve_filters(ws, (), area, ledger, department, leader, None)
    period = ws.plan.plan.period
    if year not in (None, 0) and not period.start.year <= year <= period.end.year:
        raise typer.BadParameter(
            f"{year} is outside the plan period {period.start}–{period.end}; give a year "
            f"of the plan, or 0 for all / 年份须在计划期内,0 表示全部季度", param_hint="--year")
    book = build_workbook(ws, today, chosen, data_revision(ws.location.path), year)
    if out.suffix.lower() != ".xlsx":
        fail(f"'{out}': 请使用 .xlsx 扩展名 (the file name must end in .xlsx)")
    try:
        write_workbook(book, out)
    except OSError as exc:
        fail(f"不能写入 {out}: {exc.strerror or exc} (cannot write the file)", code=1)
    sheets = len(book.sheetnames)
    typer.echo(f"已导出 {out}({sheets} 张工作表)" if language == "zh"
               else f"wrote {out} ({sheets} sheets)")


@import_app.command("xlsx")
def import_xlsx(
    workbook: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="The filled-in workbook.")],
    apply: Annotated[bool, typer.Option(
        "--apply/--dry-run", help="--dry-run (the default) shows the changes and writes "
        "nothing; --apply writes them.")] = False,
    mapping: Annotated[Path | None, typer.Option(
        "--map", metavar="MAP.yaml", show_default=False,
        help="A department's own layout: a YAML file naming which column is which "
        "(columns: {item: 任务编号, quarter: 季度, status: 完成情况, done_on: 完成时间, ...}; "
        "or kind: actuals with indicator, period, value, source).")] = None,
    data: DataOption = None, as_of: AsOfOption = None, lang: LangOption = None,
) -> None:
    """Read a filled-in 台账 (the layout `plan export xlsx` writes) back as edits:
    statuses, completion dates, progress notes, causes and corrective actions, owners,
    indicators' actuals. Shows them as a plan diff; every cell it cannot read is
    named (Sheet!F12); nothing is written if any cell is unreadable or the result
    fails plan check. A blank cell never overwrites a filled field."""
    from ..datadir import display_path
    from ..diagnostics import format_text
    from ..edit.ops import EditRefused
    from ..messages import render
    from ..render import diff as render_diff
    from ..render.console import make_console
    from ..reports.diff import build_diff
    from ..spreadsheet.apply import apply_edits
    from ..spreadsheet.reader import read_workbook

    language, today = resolve_lang(lang), parse_as_of(as_of)
    location = edit_location(data)
    ws, _, _ = prepare(location.path, as_of, lang, stream=False)
    from ..spreadsheet.mapping import MapError, read_mapped, read_mapping

    try:
        layout = read_mapping(mapping) if mapping is not None else None
    except MapError as exc:
        message, hint = render("xlsx-bad-map", {"file": str(mapping), "detail": str(exc)},
                               language)
        fail(message + (f"\n    {hint}" if hint else ""))
    try:
        base = ws if layout is not None else _exported_state(workbook, ws, language)
        reading = (read_workbook(workbook, base, today) if layout is None
                   else read_mapped(workbook, layout, ws, today))
    except FileNotFoundError:
        fail(render("xlsx-unreadable", {"file": str(workbook), "detail": "not found / 文件不存在"},
                    language)[0])
    except Exception as exc:  # noqa: BLE001 - zipfile, XML and openpyxl errors alike
        fail(render("xlsx-unreadable", {"file": str(workbook), "detail": type(exc).__name__},
                    language)[0], code=1)
    if not reading.sheets:
        message, hint = render("xlsx-no-sheets", {"file": str(workbook)}, language)
        fail(message + (f"\n    {hint}" if hint else ""), code=1)
    problems = list(reading.problems)
    result = None
    if not problems:
        try:
            result = apply_edits(location, reading.edits, today, language, apply, ws)
        except EditRefused as exc:
            fail(render(exc.code, exc.args_, language)[0], code=1)
        problems = result.problems
    if problems:
        for p in problems:
            message, hint = render(p.code, p.args, language)
            typer.echo(_inert(f"{p.place}: {message}") + (f"\n    {hint}" if hint else ""),
                       err=True)
        fail(render("xlsx-refused", {"count": len(problems)}, language)[0], code=1)
    if result.errors:
        typer.echo(format_text(result.errors, language), err=True)
        fail(render("edit-refused", {}, language)[0], code=1)
    if not result.changes:
        typer.echo("无需修改:工作簿与计划数据一致" if language == "zh"
                   else "no change: the workbook matches the plan")
        return
    report = build_diff(result.base, result.head, "data", str(workbook))
    render_diff.render_table(report, make_console(), language)
    files = ", ".join(display_path(c.path) for c in result.changes)
    if result.written:
        typer.echo(f"已更新 {files}" if language == "zh" else f"updated {files}")
    else:
        typer.echo(f"预览:将修改 {files};确认无误后加 --apply 写入" if language == "zh"
                   else f"would update {files}; run again with --apply to write")
