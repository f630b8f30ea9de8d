"""The documentation of every code, read from the rule families' docstrings.

Each family's module docstring documents its codes (yamllint's way), one
entry each::

    ``code`` (error|warning)
        en: what it means, in English.
        zh: 同一意思的中文。

        Bad::

            …

        Good::

            …

``plan explain CODE`` prints one entry; :func:`rules_markdown` is
docs/rules.md, which a test keeps equal to it.
"""

from __future__ import annotations

import importlib
import re
import textwrap
from dataclasses import dataclass
from functools import cache

FAMILIES = ("plan_cli.checks.reading", "plan_cli.checks.shape", "plan_cli.checks.ids",
            "plan_cli.checks.references", "plan_cli.checks.dates", "plan_cli.checks.targets",
            "plan_cli.checks.completeness", "plan_cli.checks.personal", "plan_cli.guard")
_ENTRY = re.compile(r"^``(?P<code>[a-z][a-z-]*)`` \((?P<severity>error|warning)\)$", re.M)


@dataclass(frozen=True)
class CodeDoc:
    code: str
    severity: str
    family: str  # the module's first docstring line
    en: str
    zh: str
    bad: str
    good: str


def _block(text: str, label: str) -> str:
    match = re.search(rf"^{label}::\n\n(?P<body>(?:(?: {{4}}.*)?\n)+)", text, re.M)
    return textwrap.dedent(match["body"]).strip("\n") if match else ""


def _parse(module: str) -> list[CodeDoc]:
    doc = importlib.import_module(module).__doc__ or ""
    family = doc.strip().split("\n", 1)[0]
    found = []
    starts = list(_ENTRY.finditer(doc))
    for n, match in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(doc)
        body = textwrap.dedent(doc[match.end():end].strip("\n")) + "\n"
        en = re.search(r"^en: (.*)$", body, re.M)
        zh = re.search(r"^zh: (.*)$", body, re.M)
        found.append(CodeDoc(match["code"], match["severity"], family,
                             en[1] if en else "", zh[1] if zh else "",
                             _block(body, "Bad"), _block(body, "Good")))
    return found


@cache
def documented() -> dict[str, CodeDoc]:
    return {entry.code: entry for module in FAMILIES for entry in _parse(module)}


def explain(code: str, lang: str) -> str:
    entry = documented()[code]
    zh = lang == "zh"
    severity = {"error": "错误", "warning": "警告"}[entry.severity] if zh else entry.severity
    lines = [f"{code} ({severity})", "", entry.zh if zh else entry.en, "",
             "错误示例:" if zh else "Bad:", textwrap.indent(entry.bad, "    "), "",
             "正确示例:" if zh else "Good:", textwrap.indent(entry.good, "    ")]
    return "\n".join(lines)


def rules_markdown() -> str:
    out = ["# Diagnostic codes (诊断代码)", "",
           "Generated from the docstrings of `plan_cli/checks/` and `plan_cli/guard.py`;",
           "`plan explain CODE` prints one entry. Do not edit by hand: a test compares.", ""]
    family = None
    for entry in documented().values():
        if entry.family != family:
            family = entry.family
            out += [f"## {family}", ""]
        out += [f"### `{entry.code}` ({entry.severity})", "", entry.en, "", entry.zh, "",
                "Bad:", "", "```yaml", entry.bad, "```", "", "Good:", "", "```yaml",
                entry.good, "```", ""]
    return "\n".join(out)
