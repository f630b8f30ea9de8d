"""The ``plan`` command: parse options, call the core, pick a renderer.

Only this package imports typer. Everything else is imported inside the
command that needs it, so ``plan --help`` does not pay for the YAML reader,
the models or rich.

The commands live in modules by responsibility; importing them registers them
with :data:`app`, in the order ``plan --help`` lists them:

- :mod:`.options`: option types, choices and the helpers the commands share;
- :mod:`.checking`: ``check`` (and the guard rails of --against);
- :mod:`.reporting`: ``status``, ``gaps``, ``due``, ``owners``, ``show``;
- :mod:`.documents`: ``report``, ``notice`` (the 通报, 终期评估 and 督办单);
- :mod:`.editing`: ``update``, ``record``, ``note``;
- :mod:`.repository`: ``diff``, ``schema``, ``init``;
- :mod:`.publishing`: ``site``, ``example``.

Exit codes: 0 clean, 1 problems in the data, 2 the command was misused,
3 an internal error (a bug in plan: please report it).
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, NoReturn

import typer

from ..datadir import LedgerChanged
from .localize import PlanGroup

app = typer.Typer(
    name="plan",
    cls=PlanGroup,  # help and usage errors in the user's language (localize.py)
    help="Keep an action plan's targets, indicators and ledgers as YAML, check them, "
    "and report where the plan stands.",
    no_args_is_help=True,
    suggest_commands=False,  # the one did-you-mean (plan_cli/suggest.py), in localize.py
    add_completion=True,  # --install-completion / --show-completion (README: shell completion)
    # Plain click help: rich's help formatter costs ~0.2 s of imports (measured
    # in benchmarks/BENCHMARKS.md), more than the rest of `plan --help`.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"plan {__version__}")
        raise typer.Exit()


@app.callback()
def _plan(version: Annotated[bool, typer.Option(
        "--version", help="Show plan's version and exit.", is_eager=True,
        callback=_show_version)] = False) -> None:
    """Keep an action plan's targets, indicators and ledgers as YAML, check them, and
    report where the plan stands."""


# Registering the commands needs `app` above; the import order is the order of `plan --help`.
from . import checking, reporting, documents, editing, repository, publishing, spreadsheet  # noqa: E402, F401  isort: skip


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
    except LedgerChanged as exc:
        from .options import say

        print("plan: " + say("{file} changed while the report was reading it; run the command "
                             "again", None, file=exc.display), file=sys.stderr)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("PLAN_DEBUG"):
            raise
        from ..render.safe import visible
        from .options import say

        detail = visible(f"{type(exc).__name__}: {exc}")  # may quote data
        print("plan: " + say("internal error ({error}). This is a bug in plan, not in your "
                             "data: please report it with the command you ran (PLAN_DEBUG=1 "
                             "shows the traceback).", None, error=detail),
              file=sys.stderr)
        sys.exit(3)


def entry() -> NoReturn:
    """:func:`main`, then ``os._exit`` once the output is flushed (the console script,
    :func:`plan_cli.launch.entry`, comes here when no stored report answers).

    Tearing down a large heap (every node of every ledger) costs up to a second
    at 100,000 items and buys nothing. Only the real entry point does this;
    tests call :func:`main` or ``app`` and exit normally.
    """
    from .. import reportcache
    from ..launch import fast_exit

    reportcache.ARGV = sys.argv[1:]  # a report run from here is stored for its command line
    try:
        main()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    fast_exit(code)
