"""Print a :class:`~plan_cli.reports.diff.DiffReport`: table, markdown (for a pull
request or a job summary) or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..reports.diff import DiffEntry, DiffReport
from .labels import label
from .safe import md_cell

def _w(key: str, lang: str, **args) -> str:
    return label(f"diff_{key}", lang, **args)


def _side(name: str, lang: str) -> str:
    """How gitread names a side ("working tree", "merge-base (abc123)"), in ``lang``."""
    if name == "working tree":
        return _w("working_tree", lang)
    if name.startswith("merge-base (") and name.endswith(")"):
        return _w("merge_base", lang, rev=name[len("merge-base ("):-1])
    return name


def _value(e: DiffEntry, text: str | None, lang: str) -> str:
    if text is None:
        return "—"
    if e.field == "status":  # a schedule state: its word in the user's language
        return label(text, lang)
    return text


def _row(e: DiffEntry, lang: str) -> list[str]:
    field = label(f"diff_field_{e.field}", lang) if e.field else ""
    where = _w("indicators", lang) if e.where == "indicators" else e.where
    return [_w(f"kind_{e.kind}", lang), e.id, e.title, where, e.detail, field,
            _value(e, e.before, lang), _value(e, e.after, lang)]


def _columns(lang: str) -> list[str]:
    return [_w(k, lang) for k in ("kind", "id", "title_col", "where", "detail", "field",
                                  "before", "after")]


def _summary(report: DiffReport, lang: str) -> str:
    return _w("summary", lang, n=len(report.entries), g=len(report.governance))


def _sections(report: DiffReport):
    return [(key, entries) for key, entries in (
        ("governance", report.governance),
        ("changes", [e for e in report.entries if not e.governance])) if entries]


def render_table(report: DiffReport, console, lang: str) -> None:
    """Printed through :func:`output.render_table`, so it wraps like every report."""
    from .output import Grid, View, render_table as print_view

    title = f"{_w('title', lang)}: {_side(report.base, lang)} → {_side(report.head, lang)}"
    if not report.entries:
        print_view(View(title, [_w("none", lang)], []), console)
        return
    grids = [Grid(_w(key, lang), _columns(lang), [_row(e, lang) for e in entries])
             for key, entries in _sections(report)]
    print_view(View(title, [_summary(report, lang)], grids), console)


def render_markdown(report: DiffReport, lang: str) -> str:
    """GitHub-flavoured markdown, ready for a pull request comment or a job summary."""
    base, head = (md_cell(_side(r, lang)).replace("`", "'") for r in (report.base, report.head))
    lines = [f"### {_w('title', lang)}", "", f"`{base}` → `{head}`", ""]
    if not report.entries:
        return "\n".join(lines + [_w("none", lang), ""])
    lines += [_summary(report, lang), ""]
    for key, entries in _sections(report):
        prefix = "⚠️ " if key == "governance" else ""
        lines += [f"#### {prefix}{_w(key, lang)}", ""]
        cols = _columns(lang)
        lines.append("| " + " | ".join(cols) + " |")
        lines.append("|" + "---|" * len(cols))
        lines += ["| " + " | ".join(md_cell(c) for c in _row(e, lang)) + " |" for e in entries]
        lines.append("")
    return "\n".join(lines)


def render_json(report: DiffReport) -> str:
    """``{"version": 1, "base", "head", "changes": [...], "summary": {...}}``."""
    from .. import with_tool_version

    return json.dumps(with_tool_version({
        "version": 1, "base": report.base, "head": report.head,
        "changes": [asdict(e) for e in report.entries],
        "summary": {"changes": len(report.entries), "governance": len(report.governance),
                    "by_kind": report.counts()},
    }), ensure_ascii=False, indent=2)
