"""Print an :class:`~plan_cli.reports.owners.OwnersReport`: departments, then leaders."""

from __future__ import annotations

from dataclasses import replace

from ..reports.filters import Filters
from ..reports.owners import OwnerRow, OwnersReport
from .labels import label
from .output import Grid, View, filters_dict, header, num, share

_COLUMNS = ("items", "done_on_time", "done_late", "due", "overdue", "stale", "off_track")
_HEADS = ("items", "done_on_time", "done_late", "due_now", "overdue_open", "stale_items",
          "off_track_indicators")
_RANK_HEADS = ("rank", "on_time_rate", "overdue_open", "stale_items", "off_track_indicators",
               "score")


def ranking_cells(r: OwnerRow) -> list[str]:
    return [share(r.on_time_rate), num(r.score), "—" if r.rank is None else str(r.rank)]


def ranking_grid(title_key: str, who_key: str, rows: tuple[OwnerRow, ...], lang: str) -> Grid:
    """考评排名: the ranked owners, best first, with the numbers the score is made of."""
    ranked = sorted((r for r in rows if r.rank is not None), key=lambda r: (r.rank, r.name))
    head = [label(h, lang) for h in _RANK_HEADS[:1]] + [label(who_key, lang)] + \
        [label(h, lang) for h in _RANK_HEADS[1:]]
    cells = [[str(r.rank), r.name, share(r.on_time_rate), str(r.overdue), str(r.stale),
              str(r.off_track), num(r.score)] for r in ranked]
    return Grid(label(title_key, lang), head, cells, frozenset({0, 2, 3, 4, 5, 6}))


def _grid(title_key: str, who_key: str, rows: tuple[OwnerRow, ...], lang: str) -> Grid:
    head = [label(who_key, lang)] + [label(h, lang) for h in _HEADS]
    cells = [[r.name or label("unassigned_group", lang)]
             + [str(getattr(r, c)) for c in _COLUMNS] for r in rows]
    return Grid(label(title_key, lang), head, cells, frozenset(range(1, len(head))))


def view(report: OwnersReport, data_label: str, lang: str, filters: Filters) -> View:
    grids = [_grid("by_department", "department", report.departments, lang),
             _grid("by_leader", "leader", report.leaders, lang)]
    causes = [[r.name or label("unassigned_group", lang), c.item, c.quarter,
               c.cause or "—", c.corrective_action or "—"]
              for r in report.departments for c in r.causes]
    if causes:
        grids.append(Grid(label("causes", lang), [label(k, lang) for k in (
            "department", "item", "in_quarter", "cause", "corrective_action")], causes))
    ranks = [ranking_grid("ranking_departments", "department", report.departments, lang),
             ranking_grid("ranking_leaders", "leader", report.leaders, lang)]
    def extra(r: OwnerRow) -> list[str]:  # CSV: ranking and causes on every owner's row
        return ranking_cells(r) + ["; ".join(
            f"{c.item} {c.quarter}: {c.cause or '—'} / {c.corrective_action or '—'}"
            for c in r.causes)]

    extra_head = [label(k, lang) for k in ("on_time_rate", "score", "rank", "causes")]
    flat = Grid(None, [label("group", lang)] + grids[0].head + extra_head,
                [[grids[0].title] + row + extra(r)
                 for row, r in zip(grids[0].rows, report.departments)]
                + [[grids[1].title] + row + extra(r)
                   for row, r in zip(grids[1].rows, report.leaders)])
    return View(f"{label('owners_title', lang)} — {report.plan_title}",
                header(report.as_of, report.quarter, report.final, data_label, lang, filters),
                grids + ranks, [label("owners_hint", lang), label("ranking_formula", lang,
                        **weights_args(report.weights))], empty=label("nobody", lang),
                csv_grid=replace(flat, name="owners"))


def _row_dict(r: OwnerRow) -> dict:
    return {"name": r.name, "items": r.items,
            "entries": {"done_on_time": r.done_on_time, "done_late": r.done_late,
                        "due": r.due, "overdue": r.overdue, "dropped": r.dropped},
            "stale_items": r.stale, "off_track_indicators": list(r.off_track_ids),
            "on_time_rate": r.on_time_rate, "score": r.score, "rank": r.rank,
            "causes": [{"item": c.item, "quarter": c.quarter, "state": c.state,
                        "cause": c.cause, "corrective_action": c.corrective_action}
                       for c in r.causes]}


def to_dict(report: OwnersReport, data_dir: str, filters: Filters) -> dict:
    """JSON shape, version 1: rows worst first; name null = unassigned."""
    return {
        "version": 1, "report": "owners", "data": data_dir, "as_of": report.as_of.isoformat(),
        "quarter": str(report.quarter), "final": report.final, "filters": filters_dict(filters),
        "departments": [_row_dict(r) for r in report.departments],
        "leaders": [_row_dict(r) for r in report.leaders],
    }


def weights_args(weights) -> dict:
    return {"on_time": num(weights.on_time), "overdue": num(weights.overdue),
            "stale": num(weights.stale), "behind": num(weights.indicators_behind)}
