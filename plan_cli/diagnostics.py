"""Diagnostics: one located problem each, and the formats they print in.

A diagnostic is a value, collected and never raised (beancount, yamllint).
Lines and columns are 1-based; a problem with a whole file stands at 1:1,
where editors and CI annotations can still point.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum

from . import messages
from .render.safe import github_message, github_property, visible


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    code: str
    args: dict = field(default_factory=dict, compare=False, hash=False)

    def text(self, lang: str = "en") -> tuple[str, str | None]:
        return messages.render(self.code, self.args, lang)


def effective_severity(diag: Diagnostic, strict: bool) -> Severity:
    """Under ``--strict`` every warning counts as an error."""
    return Severity.error if strict else diag.severity


def format_text(diags: list[Diagnostic], lang: str, strict: bool = False) -> str:
    """``path:line:col: severity[code] message`` lines; a code's hint is indented
    below its first occurrence only, so fifty alike warnings stay readable."""
    lines = []
    hinted: set[str] = set()
    for diag in diags:
        message, hint = diag.text(lang)
        severity = messages.label(str(effective_severity(diag, strict)), lang)
        lines.append(visible(f"{diag.path}:{diag.line}:{diag.column}: {severity}[{diag.code}]"
                             f" {message}"))
        if hint and (diag.code not in hinted or "{" in _hint_template(diag.code)):
            hinted.add(diag.code)
            lines.append(visible(f"    {'提示' if lang == 'zh' else 'hint'}: {hint}"))
    return "\n".join(lines)


def _hint_template(code: str) -> str:
    # Hints with arguments (did you mean …) differ per line and are always shown.
    entry = messages.CATALOG.get(code)
    return (entry[2] or "") if entry else ""


def format_github(diags: list[Diagnostic], lang: str, strict: bool = False) -> str:
    """GitHub Actions workflow commands: each problem annotates its line in the PR."""
    lines = []
    for diag in diags:
        message, hint = diag.text(lang)
        if hint:
            message = f"{message} ({hint})"
        level = "error" if effective_severity(diag, strict) is Severity.error else "warning"
        props = (f"file={github_property(diag.path)},line={diag.line},col={diag.column},"
                 f"title={github_property(diag.code)}")
        lines.append(f"::{level} {props}::{github_message(message)}")
    return "\n".join(lines)


def format_json(diags: list[Diagnostic], lang: str, strict: bool = False) -> str:
    """A stable shape: ``{"version": 1, "diagnostics": [...], "summary": {...}}``."""
    items = []
    for diag in diags:
        message, hint = diag.text(lang)
        items.append({
            "path": diag.path, "line": diag.line, "column": diag.column,
            "severity": str(effective_severity(diag, strict)), "code": diag.code,
            "message": message, "hint": hint,
        })
    from . import with_tool_version

    return json.dumps(with_tool_version({"version": 1, "diagnostics": items,
                                         "summary": summary_counts(diags, strict)}),
                      ensure_ascii=False, indent=2)


_GITLAB_SEVERITY = {Severity.error: "major", Severity.warning: "minor"}


def format_gitlab(diags: list[Diagnostic], lang: str, strict: bool = False) -> str:
    """GitLab's Code Quality report (a JSON list): each problem marks its line in
    the merge request. The fingerprint is stable across runs for the same problem."""
    import hashlib

    items = []
    for diag in diags:
        message, hint = diag.text(lang)
        key = f"{diag.path}:{diag.line}:{diag.column}:{diag.code}"
        items.append({
            "description": f"{message} ({hint})" if hint else message,
            "check_name": diag.code,
            "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
            "severity": _GITLAB_SEVERITY[effective_severity(diag, strict)],
            "location": {"path": diag.path, "lines": {"begin": diag.line}},
        })
    return json.dumps(items, ensure_ascii=False, indent=2)


def summary_counts(diags: list[Diagnostic], strict: bool = False) -> dict[str, int]:
    errors = sum(effective_severity(d, strict) is Severity.error for d in diags)
    return {"errors": errors, "warnings": len(diags) - errors}


def summary_line(diags: list[Diagnostic], files: int, lang: str, strict: bool = False) -> str:
    counts = summary_counts(diags, strict)
    if lang == "zh":
        return f"检查了 {files} 个文件:{counts['errors']} 个错误,{counts['warnings']} 个警告"
    return (f"checked {messages.plural(files, 'file')}: {messages.plural(counts['errors'], 'error')},"
            f" {messages.plural(counts['warnings'], 'warning')}")


FORMATTERS = {"text": format_text, "github": format_github, "gitlab": format_gitlab,
              "json": format_json}


def resolve_format(name: str, environ: dict[str, str]) -> str:
    """``auto``: GitHub annotations inside GitHub Actions, text elsewhere."""
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def split_untouched(diags: list[Diagnostic], changed: dict[str, set[int] | None],
                    strict: bool = False) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """``(shown, untouched)``: a review annotates every error, and a warning only
    where the change touched its file's lines (``changed``: display path -> lines,
    None for a new file); the untouched warnings are only counted."""
    shown, untouched = [], []
    for diag in diags:
        lines = changed.get(diag.path, set())
        touched = lines is None or diag.line in lines
        error = effective_severity(diag, strict) is Severity.error
        (shown if error or touched else untouched).append(diag)
    return shown, untouched
