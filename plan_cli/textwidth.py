"""Width on a terminal and line breaking for mixed Chinese and Latin text.

A Chinese character takes two columns; a line may break between two Chinese
characters, but never inside a number, an id or a Latin word, and never before
closing punctuation (,。、;:)》”). Used for help texts (cli/localize.py).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# A token is a run that must stay whole: a Latin word/number/id (with its trailing
# punctuation), or one wide character with any closing punctuation after it.
_CJK = r"\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F"
_OPEN = r"(\[{(《「『“‘"
_TOKEN = re.compile(rf"\s+|[{_OPEN}]*(?:[^\s{_CJK}{_OPEN}]+|.)[,。、;:!?)》」』”’%)\]}}]*", re.S)


# Remembered: a report measures every cell of every row, and its words, ids and
# Chinese characters come back thousands of times.
@functools.lru_cache(maxsize=1 << 16)
def width(text: str) -> int:
    """Columns ``text`` takes on a terminal (wide and full-width characters count 2)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@functools.lru_cache(maxsize=1 << 16)
def longest_token(text: str) -> int:
    """The width of the widest piece of ``text`` that a line may not break."""
    return max((width(t) for t in _TOKEN.findall(text) if not t.isspace()), default=0)


def wrap(text: str, columns: int) -> list[str]:
    """``text`` as lines of at most ``columns`` (a longer unbreakable token gets its own line)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in _TOKEN.findall(paragraph):
            size = width(token)
            if token.isspace():
                if line:
                    line, used = line + token, used + len(token)
                continue
            if used + size > columns and line.strip():
                lines.append(line.rstrip())
                line, used = "", 0
            line, used = line + token, used + size
        lines.append(line.rstrip())
    return lines
