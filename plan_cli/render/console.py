"""The rich console every table is printed on.

Colour only on a terminal and never with NO_COLOR (rich honours it). When the
output is piped the tables stay plain text, as wide as ``COLUMNS`` says (100
when it is not set), and no line ends in padding spaces.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console

PIPED_WIDTH = 100  # generous enough that Chinese text is seldom wrapped mid-cell


def piped_width(environ=None) -> int:
    """``COLUMNS`` when it holds a sensible width, else :data:`PIPED_WIDTH`."""
    text = (os.environ if environ is None else environ).get("COLUMNS", "")
    return int(text) if text.strip().isdigit() and 20 <= int(text) <= 1000 else PIPED_WIDTH


class _NoTrailingSpaces:
    """A text stream that drops the spaces rich pads each table line with."""

    def __init__(self, stream: TextIO):
        self._stream, self._pending = stream, ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if lines:
            self._stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(self._pending.rstrip(" "))
            self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name):
        return getattr(self._stream, name)


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
    if is_tty:
        return SafeConsole(file=stream, width=width, highlight=False, soft_wrap=False,
                           markup=False, emoji=False)
    return SafeConsole(file=_NoTrailingSpaces(stream), width=width or piped_width(),
                       highlight=False, soft_wrap=False, markup=False, emoji=False)
