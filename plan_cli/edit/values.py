"""Which text an edit can write: every value from the command line is checked
before anything is spliced, and refused with the character named.

YAML cannot hold some characters at all (most control characters, U+FFFE),
others are read differently by different YAML readers (U+0085, U+2028 and
U+2029 end lines for YAML 1.1 readers), and some are invisible and reorder or
hide text (bidirectional overrides, U+FEFF). Bytes that are not UTF-8 on the
command line reach Python as lone surrogates. All of these are refused; a tab
or a line break is allowed and written escaped in double quotes (see
:func:`plan_cli.edit.splice.render_scalar`).
"""

from __future__ import annotations

import re
import unicodedata

_REFUSED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_NAMES = {0x85: "NEXT LINE", 0x7F: "DELETE", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE",
          0x00: "NULL", 0xFFFE: "NONCHARACTER", 0xFFFF: "NONCHARACTER"}


def describe(char: str) -> str:
    """``U+0085 (NEXT LINE)``; a lone surrogate is named as the byte it stands for."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"the byte 0x{code - 0xDC00:02X} (not UTF-8)"
    name = _NAMES.get(code) or unicodedata.name(char, "")
    if not name and (unicodedata.category(char) == "Cc"):
        name = "CONTROL CHARACTER"
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def unwritable(text: str) -> str | None:
    """The first character of ``text`` an edit must not write, described; else None."""
    for char in text:  # U+1FFFE, U+1FFFF … U+10FFFF: the noncharacters of planes 1-16
        if ord(char) >= 0x10000 and (ord(char) & 0xFFFE) == 0xFFFE:
            return describe(char)
    match = _REFUSED.search(text)
    return describe(match.group()) if match else None
