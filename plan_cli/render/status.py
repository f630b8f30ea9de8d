"""Print a :class:`~plan_cli.reports.status.StatusReport`: table, markdown or JSON."""

from __future__ import annotations

import json

from rich import box
from rich.console import Console
from rich.table import Table

from ..reports.status import StatusReport
from .labels import label
from .output import banner_lines, filter_lines
from .safe import md_cell


def _header(report: StatusReport, data_label: str, lang: str, filters=None) -> list[str]:
    when = f"{report.as_of.isoformat()} ({report.quarter})"
    if report.final:
        when += f" — {label('final', lang)}"
    period = f"{report.period_start}–{report.period_end}"
    return banner_lines(report.synthetic, lang) + [
        f"{label('plan', lang)}: {report.plan_title}",
        f"{label('period', lang)}: {period}    {label('as_of', lang)}: {when}",
        f"{label('data', lang)}: {data_label}",
    ] + filter_lines(filters, lang)


def _ledger_rows(report: StatusReport, lang: str) -> tuple[list[str], list[list[str]]]:
    head = [label("ledger", lang), label("entered", lang), label("assigned", lang),
            label("entries", lang), label("done", lang), label("due", lang),
            label("overdue", lang)]
    rows = []
    for s in report.ledgers:
        declared = "?" if s.declared is None else str(s.declared)
        rows.append([s.name, f"{s.entered}/{declared}", str(s.assigned), str(s.entries),
                     str(s.done), str(s.due), str(s.overdue)])
    return head, rows


def _area_rows(report: StatusReport, lang: str) -> tuple[list[str], list[list[str]]]:
    head = [label("area", lang)] + [label(s, lang) for s in report.statuses] + [label("total", lang)]
    rows = []
    for area in report.areas:
        title = area.title or label("no_area", lang)
        rows.append([title] + [str(area.counts.get(s, 0)) for s in report.statuses]
                    + [str(area.total)])
    return head, rows


def _gap_lines(report: StatusReport, lang: str) -> list[str]:
    return [label(f"gap_{g.kind}", lang, count=g.count, scope=g.scope or "") for g in report.gaps]


def render_table(report: StatusReport, console: Console, data_label: str, lang: str,
                 filters=None) -> None:
    """Printed through :func:`output.render_table`, so it wraps like every report."""
    from .output import Grid, View, render_table as print_view

    header = _header(report, data_label, lang, filters)
    grids = [Grid(title, head, rows, frozenset(range(1, len(head))))
             for title, (head, rows) in ((label("ledgers", lang), _ledger_rows(report, lang)),
                                         (label("areas", lang), _area_rows(report, lang)))]
    gaps = _gap_lines(report, lang)
    notes = [f"{label('gaps', lang)}:", *(f"  - {line}" for line in gaps)] if gaps else []
    print_view(View(header[0], header[1:], grids, notes=notes), console)


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(map(md_cell, head)) + " |",
             "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    lines += ["| " + " | ".join(map(md_cell, row)) + " |" for row in rows]
    return lines


def render_markdown(report: StatusReport, data_label: str, lang: str, filters=None) -> str:
    out = [f"# {md_cell(report.plan_title)}", ""]
    lines = _header(report, data_label, lang, filters)
    if report.synthetic:
        out += [f"> **{md_cell(lines[0])}**", ""]
        lines = lines[1:]
    out += [f"- {md_cell(line)}" for line in lines[1:]]
    for title, (head, rows) in ((label("ledgers", lang), _ledger_rows(report, lang)),
                                (label("areas", lang), _area_rows(report, lang))):
        out += ["", f"## {title}", ""] + _md_table(head, rows)
    gaps = _gap_lines(report, lang)
    if gaps:
        out += ["", f"## {label('gaps', lang)}", ""] + [f"- {md_cell(g)}" for g in gaps]
    return "\n".join(out)


def to_dict(report: StatusReport, data_dir: str) -> dict:
    """The JSON shape (version 1): stable keys, statuses as their codes."""
    return {
        "version": 1,
        "report": "status",
        "plan": {"id": report.plan_id, "title": report.plan_title,
                 "period": {"start": str(report.period_start), "end": str(report.period_end)}},
        "data": data_dir,
        "as_of": report.as_of.isoformat(),
        "quarter": str(report.quarter),
        "final": report.final,
        "ledgers": [{
            "id": s.id, "title": s.title, "name": s.name, "declared": s.declared, "entered": s.entered,
            "assigned": s.assigned, "scheduled": s.scheduled,
            "entries": {"total": s.entries, "done": s.done, "due": s.due, "overdue": s.overdue},
        } for s in report.ledgers],
        "areas": [{"id": a.id, "title": a.title, "total": a.total,
                   "indicators": {s: a.counts.get(s, 0) for s in report.statuses}}
                  for a in report.areas],
        "gaps": [{"kind": g.kind, "count": g.count, "scope": g.scope} for g in report.gaps],
    } | ({"synthetic": True} if report.synthetic else {})


def render_json(report: StatusReport, data_dir: str, filters=None) -> str:
    data = to_dict(report, data_dir)
    if filters is not None:
        from .output import filters_dict

        data["filters"] = filters_dict(filters)
    from .output import render_json as dump

    return dump(data)


def view(report: StatusReport, data_label: str, lang: str, filters=None):
    """The report as a View (for --output); CSV gets one table each, numbers alone."""
    from .output import Grid, View

    ledgers, areas = _ledger_rows(report, lang), _area_rows(report, lang)
    gaps = _gap_lines(report, lang)
    grids = [Grid(label("ledgers", lang), *ledgers, frozenset(range(1, len(ledgers[0])))),
             Grid(label("areas", lang), *areas, frozenset(range(1, len(areas[0]))))]
    # 2/28 would open as a date in a spreadsheet: entered and declared are two columns.
    ledger_csv = Grid(None, [label("id", lang), label("ledger", lang), label("entered", lang),
                             label("declared", lang), label("assigned", lang),
                             label("entries", lang), label("done", lang), label("due", lang),
                             label("overdue", lang)],
                      [[s.id, s.name, str(s.entered), "" if s.declared is None else str(s.declared),
                        str(s.assigned), str(s.entries), str(s.done), str(s.due), str(s.overdue)]
                       for s in report.ledgers], name="ledgers")
    area_csv = Grid(None, [label("id", lang), *areas[0]],
                    [[a.id or "", *row] for a, row in zip(report.areas, areas[1])], name="areas")
    skip = len(banner_lines(report.synthetic, lang)) + 1  # emit() adds the banner; the title
    return View(report.plan_title, _header(report, data_label, lang, filters)[skip:], grids,
                ([f"{label('gaps', lang)}:"] + [f"  - {g}" for g in gaps]) if gaps else [],
                csv_tables=[ledger_csv, area_csv])
