"""Commands that make things for people to open: ``plan site`` and ``plan example``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .options import AsOfOption, DataOption, LangOption, NoCacheOption, fail, prepare, resolve_lang


def _empty_or_absent(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


@app.command()
def example(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The folder to write; it must "
                                           "not exist yet, or be empty.")],
    lang: LangOption = None,
) -> None:
    """Write a complete synthetic example plan repository (DIR/data/…): every ledger
    filled, owners, schedules done / late / delayed / dropped with causes, indicators
    with actuals. Marked synthetic: every output made from it says 示例数据 / SYNTHETIC.

    写出一个完整的示例计划(虚构数据),用于体验 plan 的各项功能。"""
    from ..render.labels import label
    from ..synthetic import write_example

    language = resolve_lang(lang)
    if not _empty_or_absent(folder):
        fail(label("example_exists", language, path=str(folder)))
    try:
        counts = write_example(folder)
    except OSError as exc:
        fail(label("cannot_write", language, path=str(folder), detail=exc.strerror or str(exc)))
    typer.echo(label("example_done", language, path=str(folder), **counts))
