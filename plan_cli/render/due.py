"""Print a :class:`~plan_cli.reports.due.DueReport`: one table per group."""

from __future__ import annotations

from ..model import Owners
from ..reports.due import DueGroup, DueReport, DueRow
from ..reports.filters import Filters
from .labels import label
from .output import Grid, View, filters_dict, header


def owners_text(owners: Owners) -> str:
    names = [owners.department, owners.section, owners.leader, *owners.staff]
    return " / ".join(n for n in names if n) or "—"


def status_text(row: DueRow, lang: str) -> str:
    parts = [label("due_row" if row.state == "due" else "overdue", lang)]
    # planned says nothing more; done means done after the as-of date: open then.
    if row.status not in ("planned", "done"):
        parts.append(label(row.status, lang))
    if row.stale:
        parts.append(label("stale", lang))
    return " · ".join(parts)


def group_name(group: DueGroup, lang: str) -> str:
    return group.name or label("unassigned_group", lang)


def _cells(row: DueRow, lang: str) -> list[str]:
    return [row.item, row.title, str(row.quarter), row.deliverable, owners_text(row.owners),
            status_text(row, lang), str(row.quarters_late)]


def view(report: DueReport, data_label: str, lang: str, filters: Filters) -> View:
    head = [label("item", lang), label("title", lang), label("in_quarter", lang),
            label("deliverable", lang), label("owners", lang), label("status", lang),
            label("late", lang)]
    grids = [Grid(label("group_line", lang, name=group_name(g, lang), rows=len(g.rows),
                        overdue=g.overdue),
                  head, [_cells(r, lang) for r in g.rows], frozenset({6}))
             for g in report.groups]
    if not grids:
        grids = [Grid(None, head, [])]
    notes = [label("stale_note", lang, n=report.stale_after)] if report.groups else []
    # For spreadsheets: flags and owner levels each in their own column.
    # The group is a column only when it is not one of the owner columns already.
    group = report.by == "ledger"
    table = Grid(None, [label(report.by, lang)] * group + [
        label("item", lang), label("title", lang), label("in_quarter", lang),
        label("deliverable", lang), label("department", lang), label("section", lang),
        label("leader", lang), label("staff", lang), label("due_state", lang),
        label("status", lang), label("stale", lang), label("late", lang)],
        [[group_name(g, lang)] * group + [
            r.item, r.title, str(r.quarter), r.deliverable, r.owners.department or "",
            r.owners.section or "", r.owners.leader or "", "、".join(r.owners.staff),
            label("due_row" if r.state == "due" else "overdue", lang), label(r.status, lang),
            label("stale", lang) if r.stale else "", str(r.quarters_late)]
         for g in report.groups for r in g.rows], name="due")
    return View(f"{label('due_title', lang, quarter=report.quarter)} — {report.plan_title}",
                header(report.as_of, report.current, report.final, data_label, lang, filters),
                grids, notes, empty=label("nothing_due", lang),
                csv_tables=[table])


def to_dict(report: DueReport, data_dir: str, filters: Filters) -> dict:
    """JSON shape, version 1: groups (key null = unassigned), each with its rows."""
    return {
        "version": 1, "report": "due", "data": data_dir, "as_of": report.as_of.isoformat(),
        "current_quarter": str(report.current), "quarter": str(report.quarter),
        "final": report.final, "by": report.by, "stale_after_quarters": report.stale_after,
        "filters": filters_dict(filters),
        "groups": [{
            "key": g.key, "name": g.name, "overdue": g.overdue,
            "entries": [{
                "ledger": r.ledger, "item": r.item, "title": r.title,
                "quarter": str(r.quarter), "deliverable": r.deliverable,
                "owners": r.owners.model_dump(), "status": r.status, "state": r.state,
                "quarters_late": r.quarters_late, "stale": r.stale,
            } for r in g.rows],
        } for g in report.groups],
    }
