"""Print a :class:`~plan_cli.reports.diff.DiffReport`: table, markdown (for a pull
request or a job summary) or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..reports.diff import DiffEntry, DiffReport
from .safe import md_cell

_KIND_LABELS = {
    "target-changed": ("target changed", "目标调整"),
    "indicator-removed": ("indicator removed", "删除指标"),
    "item-removed": ("item removed", "删除事项"),
    "indicator-added": ("indicator added", "新增指标"),
    "item-added": ("item added", "新增事项"),
    "status-changed": ("status changed", "状态变化"),
    "entry-added": ("schedule entry added", "新增推进节点"),
    "entry-removed": ("schedule entry removed", "删除推进节点"),
    "entry-changed": ("schedule entry edited", "推进节点修改"),
    "owner-changed": ("owner changed", "责任主体变化"),
    "actual-added": ("actual added", "新增实际值"),
    "actual-changed": ("actual changed", "实际值修改"),
    "actual-removed": ("actual removed", "删除实际值"),
    "note-added": ("progress note", "新增进展"),
}
_WORDS = {
    "title": ("Changes to the plan", "计划数据变更"),
    "none": ("No changes to the plan's data.", "计划数据无变化。"),
    "governance": ("Governance changes (targets, removals): need a revision record",
                   "涉及计划调整(目标变化、删除事项):须有审批记录"),
    "changes": ("Changes", "变更明细"),
    "kind": ("Change", "变更"),
    "id": ("Id", "编号"),
    "title_col": ("Title", "名称"),
    "where": ("Where", "所在"),
    "detail": ("Entry / field", "节点/字段"),
    "before": ("Before", "变更前"),
    "after": ("After", "变更后"),
    "summary": ("{n} changes, {g} of them governance changes",
                "共 {n} 处变更,其中 {g} 处涉及计划调整"),
}


def _w(key: str, lang: str, **args) -> str:
    en, zh = _WORDS[key]
    return (zh if lang == "zh" else en).format(**args)


def _kind(kind: str, lang: str) -> str:
    en, zh = _KIND_LABELS[kind]
    return zh if lang == "zh" else en


def _row(e: DiffEntry, lang: str) -> list[str]:
    return [_kind(e.kind, lang), e.id, e.title, e.where, e.detail, e.before or "—",
            e.after or "—"]


def _columns(lang: str) -> list[str]:
    return [_w(k, lang) for k in ("kind", "id", "title_col", "where", "detail", "before", "after")]


def _summary(report: DiffReport, lang: str) -> str:
    return _w("summary", lang, n=len(report.entries), g=len(report.governance))


def render_table(report: DiffReport, console, lang: str) -> None:
    from rich import box
    from rich.table import Table

    console.print(f"{_w('title', lang)}: {report.base} → {report.head}", markup=False)
    if not report.entries:
        console.print(_w("none", lang), markup=False)
        return
    console.print(_summary(report, lang), markup=False)
    for key, entries in (("governance", report.governance),
                         ("changes", [e for e in report.entries if not e.governance])):
        if not entries:
            continue
        table = Table(title=_w(key, lang), title_justify="left", box=box.SIMPLE_HEAD,
                      pad_edge=False)
        for name in _columns(lang):
            table.add_column(name, overflow="fold")
        for e in entries:
            table.add_row(*_row(e, lang))
        console.print(table)


def render_markdown(report: DiffReport, lang: str) -> str:
    """GitHub-flavoured markdown, ready for a pull request comment or a job summary."""
    base, head = (md_cell(r).replace("`", "'") for r in (report.base, report.head))
    lines = [f"### {_w('title', lang)}", "", f"`{base}` → `{head}`", ""]
    if not report.entries:
        return "\n".join(lines + [_w("none", lang), ""])
    lines += [_summary(report, lang), ""]
    for key, entries in (("governance", report.governance),
                         ("changes", [e for e in report.entries if not e.governance])):
        if not entries:
            continue
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
    return json.dumps({
        "version": 1, "base": report.base, "head": report.head,
        "changes": [asdict(e) for e in report.entries],
        "summary": {"changes": len(report.entries), "governance": len(report.governance),
                    "by_kind": report.counts()},
    }, ensure_ascii=False, indent=2)
