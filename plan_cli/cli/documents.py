"""The documents the office sends: ``plan report`` (通报 / 终期评估) and ``plan notice`` (督办单)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .options import AsOfOption, DataOption, Lang, LangOption, NoCacheOption, fail, prepare
from .reporting import cached


class DocFormat(StrEnum):
    markdown = "markdown"
    docx = "docx"
    json = "json"


DocFormatOption = Annotated[DocFormat, typer.Option(
    "--format", help="markdown (printed, or written with --output); docx: a Chinese official "
    "document laid out per GB/T 9704, needs --output; json for programs.")]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", show_default=False,
    help="Write to FILE instead of printing (required for docx).")]


def _emit(doc, output_format: DocFormat, output: Path | None, language: str) -> None:
    from ..render.document import to_dict, to_markdown
    from ..render.labels import label
    from ..render.output import render_json

    if output is not None and (output.is_dir() or not output.parent.is_dir()):
        fail(label("bad_output", language, path=str(output)))
    if output_format is DocFormat.docx:
        if output is None:
            fail(label("docx_needs_output", language))
        from ..render.docx import write_docx

        if write_docx(doc, output):
            from ..render.charts import INSTALL_HINT

            typer.echo(f"plan: {label('docx_no_charts', language, hint=INSTALL_HINT)}", err=True)
    else:
        text = render_json(to_dict(doc)) if output_format is DocFormat.json else to_markdown(doc)
        if output is None:
            typer.echo(text.rstrip("\n"))
            return
        from ..edit.safefile import atomic_write

        atomic_write(output, (text.rstrip("\n") + "\n").encode("utf-8"))
    typer.echo(f"plan: {label('wrote', language, path=str(output))}", err=True)


@app.command()
@cached  # printed documents are replayed from the cache; --output (a file) never is
def report(
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: DocFormatOption = DocFormat.markdown, output: OutputOption = None,
    lang: LangOption = None, no_cache: NoCacheOption = False,
) -> None:
    """The 通报 during the plan period, the 终期评估报告 after it: overall numbers, indicators,
    ledgers, overdue work with causes and corrective actions, department ranking, data gaps
    and next steps to write; in Chinese unless --lang en. 推进情况通报 / 终期评估报告。"""
    from ..render.document import report_document
    from ..reports.report import build_report

    ws, today, language = prepare(data, as_of, lang or Lang.zh, no_cache)
    _emit(report_document(build_report(ws, today), language), output_format, output, language)


@app.command()
@cached  # printed documents are replayed from the cache; --output (a file) never is
def notice(
    department: Annotated[list[str] | None, typer.Option(
        "--department", metavar="NAME", show_default=False,
        help="Only this department's notice (aliases accepted); repeat for several.")] = None,
    data: DataOption = None, as_of: AsOfOption = None,
    output_format: DocFormatOption = DocFormat.markdown, output: OutputOption = None,
    lang: LangOption = None, no_cache: NoCacheOption = False,
) -> None:
    """督办单: one notice per department with overdue (red) entries, escalated by quarters
    overdue: 提醒 (blue), 催办 (orange), 督办 (red); thresholds in plan.yaml settings.notice;
    in Chinese unless --lang en."""
    from ..render.document import notice_document
    from ..reports.notice import build_notices
    from .options import resolve_filters

    ws, today, language = prepare(data, as_of, lang or Lang.zh, no_cache)
    chosen = resolve_filters(ws, (), department=department)
    report_ = build_notices(ws, today, chosen.departments)
    _emit(notice_document(report_, language), output_format, output, language)
