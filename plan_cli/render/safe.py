"""Untrusted text printed as text: data and arguments never act on the terminal,
on Markdown or on CI annotations.

A plan repository takes pull requests from many departments, and CI prints what
they contain. So every string that comes from the data or the command line goes
out through one of these:

* :func:`visible` for a terminal: control characters (C0 but newline and tab,
  DEL, C1) and the bidirectional overrides are shown as ``\\x1b``-style escapes,
  so a title cannot clear the screen, set the window title, print a live link or
  reorder what is read;
* :func:`md_cell` for Markdown: ``|`` and line breaks cannot end a table cell,
  and the text is :func:`visible`;
* :func:`github_message` / :func:`github_property` for GitHub workflow commands,
  escaped as GitHub documents (``%25``, ``%0D``, ``%0A``, and ``%3A``/``%2C`` in
  properties), so a file name cannot inject ``::stop-commands::`` or override
  ``line=``.

The rich console (:func:`plan_cli.render.console.make_console`) has markup off
and passes every string through :func:`visible`.
"""

from __future__ import annotations

import re

# C0 controls but \t and \n, DEL, C1 controls, and the bidi embeddings/overrides/isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\u2028\u2029]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written out (ESC as ``\\x1b``)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell or list item: one line, no cell break."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return visible(re.sub(r"\r\n|\r|\n", " ", text))


def github_message(text: str) -> str:
    """The message of a GitHub workflow command (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a GitHub workflow command (``file=…``, ``title=…``)."""
    return github_message(text).replace(":", "%3A").replace(",", "%2C")

