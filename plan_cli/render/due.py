"""Print a :class:`~plan_cli.reports.due.DueReport`: one table per group."""

from __future__ import annotations

import functools

from ..model import Owners
from ..reports.due import DueGroup, DueReport, DueRow
from ..reports.filters import Filters
from .labels import label
from .output import Grid, View, filters_dict, header


def owners_text(owners: Owners) -> str:
    names = [owners.department, owners.section, owners.leader, *owners.staff]
    return " / ".join(n for n in names if n) or "—"


def state_words(state: str, status: str, quarters_late: int, lang: str) -> str:
    """The recorded status beside the derived state: 已延期 · 逾期 2 个季度.

    ``planned`` says nothing more; ``done`` on an open state means done after
    the as-of date (open then), so it is not shown either."""
    if state == "overdue":
        derived = label("overdue_by", lang, n=quarters_late, count=quarters_late)
    else:
        derived = label("due_row" if state == "due" else state, lang)
    recorded = status not in ("planned", "done", "dropped") and status != state
    return f"{label(status, lang)} · {derived}" if recorded else derived


def status_text(row: DueRow, lang: str) -> str:
    text = state_words(row.state, row.status, row.quarters_late, lang)
    return text + (f" · {label('stale', lang)}" if row.stale else "")


def group_name(group: DueGroup, lang: str) -> str:
    return group.name or label("unassigned_group", lang)


def _cells(row: DueRow, say, status_of) -> list[str]:
    return [row.item, row.title, str(row.quarter), row.deliverable, owners_text(row.owners),
            say(row.light) if row.light else "—",
            status_of(row.state, row.status, row.quarters_late, row.stale),
            str(row.quarters_late), row.cause or "", row.corrective_action or ""]


def view(report: DueReport, data_label: str, lang: str, filters: Filters) -> View:
    # Each word looked up once per report, not once per row (30,000 rows: 1.4 M lookups).
    say = functools.lru_cache(maxsize=None)(lambda key: label(key, lang))
    status_of = functools.lru_cache(maxsize=None)(
        lambda state, status, late, stale: state_words(state, status, late, lang)
        + (f" · {say('stale')}" if stale else ""))
    head = [label("item", lang), label("title", lang), label("in_quarter", lang),
            label("deliverable", lang), label("owners", lang), label("light", lang),
            label("status", lang), label("late", lang), label("cause", lang),
            label("corrective_action", lang)]
    grids = [Grid(label("group_line", lang, name=group_name(g, lang), rows=len(g.rows),
                        overdue=g.overdue),
                  head, [_cells(r, say, status_of) for r in g.rows], frozenset({7}))
             for g in report.groups]
    if not grids:
        grids = [Grid(None, head, [])]
    notes = [label("stale_note", lang, n=report.stale_after)] if report.groups else []
    # For spreadsheets: flags and owner levels each in their own column.
    # The group is a column only when it is not one of the owner columns already.
    group = report.by == "ledger"

    def tables() -> list[Grid]:  # built only for CSV: at 100,000 items it is 650,000 rows
        return [Grid(None, [label(report.by, lang)] * group + [
            label("item", lang), label("title", lang), label("in_quarter", lang),
            label("deliverable", lang), label("department", lang), label("section", lang),
            label("leader", lang), label("staff", lang), label("light", lang),
            label("due_state", lang), label("status", lang), label("stale", lang),
            label("late", lang), label("cause", lang), label("corrective_action", lang)],
            [[group_name(g, lang)] * group + [
                r.item, r.title, str(r.quarter), r.deliverable, r.owners.department or "",
                r.owners.section or "", r.owners.leader or "", "、".join(r.owners.staff),
                say(r.light) if r.light else "",
                say("due_row" if r.state == "due" else "overdue"), say(r.status),
                say("stale") if r.stale else "", str(r.quarters_late), r.cause or "",
                r.corrective_action or ""]
             for g in report.groups for r in g.rows], name="due")]
    return View(f"{label('due_title', lang, quarter=report.quarter)} — {report.plan_title}",
                header(report.as_of, report.current, report.final, data_label, lang, filters),
                grids, notes, empty=label("nothing_due", lang),
                csv_tables=tables)


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
                "quarters_late": r.quarters_late, "stale": r.stale, "light": r.light,
                "cause": r.cause, "corrective_action": r.corrective_action,
            } for r in g.rows],
        } for g in report.groups],
    }
