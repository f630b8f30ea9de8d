"""The rich console every table is printed on.

Colour only on a terminal and never with NO_COLOR (rich honours it); when the
output is piped the tables stay plain text at a fixed, generous width so that
Chinese text is not wrapped mid-cell.
"""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console


def make_console(file: TextIO | None = None, width: int | None = None) -> Console:
    stream = file or sys.stdout
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    return Console(file=stream, width=width or (None if is_tty else 100),
                   highlight=False, soft_wrap=False)
