"""The one "did you mean" of the whole tool: the known names nearest to what was typed.

Ranked by similarity, with ids compared number-aware, so ``PT-01`` finds
``PT-001`` before ``PT-031`` (difflib alone scores the two the same and then
prefers the later string). Case and full-width/half-width forms do not count
against a match.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_NUMBER = re.compile(r"\d+")


def _key(text: str) -> str:
    """Compare forms: NFKC (full-width letters and digits), case-folded, numbers unpadded."""
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    return _NUMBER.sub(lambda m: str(int(m.group())), text)


def suggestions(value: str, choices: Iterable[str], n: int = 3,
                cutoff: float = 0.5) -> list[str]:
    """Up to ``n`` of ``choices`` most like ``value``, best first."""
    wanted = _key(value)
    scored = []
    for choice in dict.fromkeys(c for c in choices if c):
        key = _key(choice)
        ratio = difflib.SequenceMatcher(None, wanted, key).ratio()
        same = key == wanted
        contained = bool(wanted) and (wanted in key or key in wanted)
        if same or ratio >= cutoff or (contained and len(wanted) >= 2):
            scored.append((same, ratio, contained, -abs(len(key) - len(wanted)), choice))
    scored.sort(key=lambda s: s[:4], reverse=True)
    return [s[4] for s in scored[:n]]


def did_you_mean(value: str, choices: Iterable[str], lang: str, n: int = 1,
                 cutoff: float = 0.5) -> str:
    """`` (did you mean 'X'?)`` / ``(是否要找“X”?)`` for the nearest names, or ``""``."""
    return hint(value, choices, n, cutoff).get(lang, "")


def hint(value: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.5) -> dict[str, str]:
    """The did-you-mean in both languages, as a diagnostic argument ``{"en": …, "zh": …}``."""
    found = suggestions(value, choices, n, cutoff)
    if not found:
        return {"en": "", "zh": ""}
    return {"en": " (did you mean " + ", ".join(f"'{s}'" for s in found) + "?)",
            "zh": "(是否要找" + "、".join(f"“{s}”" for s in found) + "?)"}
