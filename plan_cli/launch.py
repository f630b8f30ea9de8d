"""The ``plan`` console script.

A report stored for this very command line (same arguments, working directory,
environment, data files and day: :func:`plan_cli.reportcache.replay_stored`) is
written back before typer, pydantic or the models are even imported; anything
else runs the CLI (:func:`plan_cli.cli.entry`).
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def entry() -> NoReturn:
    """``plan``: replay a stored report, or run the command."""
    # Redirected output on Windows uses the ANSI code page (cp936 in China): a
    # character it cannot encode should print as '?', not end the command.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    from .reportcache import replay_stored

    code = replay_stored(sys.argv[1:])
    if code is not None:
        fast_exit(code)
    from .cli import entry as run

    run()


def fast_exit(code: int | str | None) -> NoReturn:
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
