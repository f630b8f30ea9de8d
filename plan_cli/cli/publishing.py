"""Commands that make things for people to open: ``plan site`` and ``plan example``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .options import (AsOfOption, DataOption, Lang, LangOption, NoCacheOption, fail, prepare,
                      resolve_lang)


SiteLangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="The language the site opens in; a switch on every page "
                 "changes it. Default: zh.", show_default=False),
]


def _empty_or_absent(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


@app.command()
def example(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The folder to write; it must "
                                           "not exist yet, or be empty.")],
    seed: Annotated[int, typer.Option("--seed", help="Another seed gives another, equally "
                                      "reproducible, example.")] = 20230412,
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
        counts = write_example(folder, seed)
    except OSError as exc:
        fail(label("cannot_write", language, path=str(folder), detail=exc.strerror or str(exc)))
    typer.echo(label("example_done", language, path=str(folder), **counts))


@app.command()
def site(
    folder: Annotated[Path, typer.Argument(metavar="OUT_DIR", help="The folder to write the "
                                           "site to (replaced if plan site made it).")],
    data: DataOption = None, as_of: AsOfOption = None, lang: SiteLangOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """A static dashboard that opens offline (double-click OUT_DIR/index.html):
    overview with the three colours, a page per ledger (sort and filter by leader,
    department, state, colour), per indicator (chart, history), per department,
    and the data gaps. Chinese first, with a switch to English.

    生成可离线打开的静态看板:总览、各台账、各指标趋势图、各责任部门和数据缺口。"""
    from ..render.labels import label

    from ..render.charts import INSTALL_HINT, ChartsUnavailable

    language = lang.value if lang else "zh"  # the site opens in Chinese unless asked
    try:
        import matplotlib  # noqa: F401  (the chart engine: an optional extra)
    except ImportError:
        fail(label("needs_charts", language, hint=INSTALL_HINT))
    ws, today, _ = prepare(data, as_of, Lang(language), no_cache)
    from ..gitread import data_revision
    from ..outdir import NotOurs, write_folder
    from ..render.site import render_site
    from ..reports.site import build_site

    try:
        pages = render_site(build_site(ws, today), language, data_revision(ws.location.path))
    except ChartsUnavailable:
        fail(label("needs_charts", language, hint=INSTALL_HINT))
    try:
        write_folder(folder, pages)
    except NotOurs:
        fail(label("site_exists", language, path=str(folder)))
    except OSError as exc:
        fail(label("cannot_write", language, path=str(folder), detail=exc.strerror or str(exc)))
    typer.echo(label("site_done", language, pages=len(pages), path=str(folder),
                     index=str(folder / "index.html")))
