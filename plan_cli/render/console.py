"""The rich console every table is printed on.

Colour only on a terminal and never with NO_COLOR (rich honours it); when the
output is piped the tables stay plain text at a fixed, generous width so that
Chinese text is not wrapped mid-cell.
"""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console

from .safe import visible


class SafeConsole(Console):
    """A console that prints strings as text: markup off, control characters visible.

    Every ``str`` rich prints (``print`` arguments, table cells and titles) goes
    through :meth:`render_str`, so data cannot be read as markup (``[/]`` crashed
    ``plan status``, ``[link=…]`` became a live link) nor reach the terminal as an
    escape sequence. ``Text`` objects are built from :func:`~.safe.visible` text.
    """

    def render_str(self, text: str, **kwargs):
        kwargs["markup"] = False
        kwargs["emoji"] = False
        return super().render_str(visible(text), **kwargs)


def make_console(file: TextIO | None = None, width: int | None = None) -> Console:
    stream = file or sys.stdout
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    return SafeConsole(file=stream, width=width or (None if is_tty else 100),
                       highlight=False, soft_wrap=False, markup=False, emoji=False)
