"""Full-width punctuation where YAML needs ASCII, found at the character.

Chinese input methods type ``：`` ``，`` ``－`` and the ideographic space
U+3000 all the time. In YAML's places for a colon, comma, dash or indentation
they are text, so ``status：planned`` is reported by the parser a line later as
a vague syntax error, or not at all (``{a: 1，b: 2}`` reads as one value).

:func:`repair` finds them where only syntax can stand — after a field name
at the start of a line or in a ``{…}``, between the entries of a flow
collection, as a list dash or in indentation — never inside ordinary text
(``title: 建设平台,推进实施`` is left alone). Each becomes a located problem,
and the text is repaired for the parse, so that every other problem of the
file is still reported in the same run. Replacements keep the line's length,
except a colon that needs a space after it.
"""

from __future__ import annotations

import re

from .yamlread import YamlProblem

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# What may stand on the line before each character for it to be syntax. Each
# character is found with str.find and only then judged by its line's start:
# scanning every line with an anchored pattern costs more than the parse.
_BEFORE = {
    # a field name, at a line's start (after a list dash) or in a {…}
    "：": (re.compile(rf"[ \t\u3000]*(?:-[ \t\u3000]+)?{_NAME}[ \t]*"),
          re.compile(rf".*[{{,，][ \t]*{_NAME}[ \t]*")),
    # a list's dash
    "－": (re.compile(r"[ \t]*"),),
    # indentation, or the space after a key's colon or a dash
    "\u3000": (re.compile(r"[ \t\u3000]*"), re.compile(rf"[ \t]*(?:-[ \t]+)?{_NAME}:"),
               re.compile(r"[ \t]*-")),
}
_AFTER = {"－": " \t\u3000"}
# A full-width comma between a flow mapping's entries, or two ids in a [...]
_COMMAS = (re.compile(rf"(?P<bad>，)[ \t]*{_NAME}[ \t]*[:：]"),
           re.compile(r"\[[^\]\n]*?[A-Za-z0-9_.-](?P<bad>，)[ \t]*[A-Za-z0-9_]"))
_ASCII = {"：": ":", "，": ",", "－": "-", "\u3000": " "}


def _finds(text: str) -> set[int]:
    found: set[int] = set()
    for char, befores in _BEFORE.items():
        at = text.find(char)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            prefix = text[start:at]
            if any(p.fullmatch(prefix) for p in befores) and \
                    (char not in _AFTER or text[at + 1:at + 2] in _AFTER[char]):
                found.add(at)
            at = text.find(char, at + 1)
    if "，" in text:
        found.update(m.start("bad") for p in _COMMAS for m in p.finditer(text))
    return found


def repair(text: str) -> tuple[str, list[YamlProblem]]:
    """``(text with the syntax characters made ASCII, one problem per character)``.

    Columns are 1-based characters of the original line.
    """
    found = _finds(text)
    if not found:
        return text, []
    problems = []
    out = []
    last = 0
    for at in sorted(found):
        char = text[at]
        out.append(text[last:at])
        out.append(": " if char == "：" and text[at + 1:at + 2] not in (" ", "\t", "\n", "")
                   else _ASCII[char])
        last = at + 1
        if char == "\u3000" and at - 1 in found and text[at - 1] == "\u3000":
            continue  # one problem for a run of ideographic spaces
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        problems.append(YamlProblem(line, column, "full-width-punctuation",
                                    {"character": char, "ascii": _ASCII[char],
                                     "name": _NAMES[char], "line": line, "column": column}))
    out.append(text[last:])
    return "".join(out), problems


_NAMES = {
    "：": {"en": "a full-width colon", "zh": "全角冒号"},
    "，": {"en": "a full-width comma", "zh": "全角逗号"},
    "－": {"en": "a full-width dash", "zh": "全角连字符"},
    "\u3000": {"en": "a full-width space (U+3000)", "zh": "全角空格"},
}
