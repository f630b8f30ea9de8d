"""Print a :class:`~plan_cli.reports.show.ShowReport`, with a text chart for indicators."""

from __future__ import annotations

from dataclasses import replace

from ..model import Target
from ..reports.show import GroupView, IndicatorView, ItemView, Point, ShowReport
from .due import owners_text, state_words
from .gaps import (cause_lines, gap_text, latest_text, light_text, official_lines,
                   projection_text, row_extras, status_text, target_text)
from .labels import label
from .output import Grid, View, csv_number, header, num

CHART_WIDTH = 40


def _pos(value: float, lo: float, hi: float) -> int:
    return round((value - lo) / (hi - lo) * CHART_WIDTH) if hi > lo else CHART_WIDTH


def chart(points: tuple[Point, ...], goal: float | None) -> list[str]:
    """One bar per period: ``#`` up to the actual, ``|`` the trajectory, ``!`` the target.

    Plain ASCII so that every terminal and code page draws it the same width.
    """
    values = [v for p in points for v in (p.value, p.expected) if v is not None]
    if goal is not None:
        values.append(goal)
    if not values:
        return []
    # Zoom on the values (bars from zero would hide a 2.2 -> 2.8 climb), never below 0
    # when every value is positive; the legend line gives the scale.
    low, hi = min(values), max(values)
    lo = low - (hi - low) * 0.1
    if low >= 0:
        lo = max(lo, 0.0)
    width = max(len(str(p.period)) for p in points)
    lines = []
    for p in points:
        bar = [" "] * (CHART_WIDTH + 1)
        if p.value is not None:
            for i in range(_pos(p.value, lo, hi)):
                bar[i] = "#"
        if p.expected is not None:
            bar[_pos(p.expected, lo, hi)] = "|"
        if goal is not None:
            bar[_pos(goal, lo, hi)] = "!"
        value = num(p.value) if p.value is not None else f"({num(p.expected)})"
        lines.append(f"{str(p.period):<{width}}  {''.join(bar)}  {value}".rstrip())
    return [f"{num(lo)} … {num(hi)}", *lines]


def _extra_text(value, lang: str) -> str:
    if isinstance(value, Target):
        return f"{label(f'op_{value.op.value}', lang, v=num(value.value), f=num(value.value))}" \
            f" ({value.period})"
    return "; ".join(value) if isinstance(value, list) else str(value)


def _correction_text(correction) -> str:
    if correction is None:
        return ""
    by = f", {correction.by}" if correction.by else ""
    return f"{correction.date.isoformat()}{by}: {correction.reason}"


def _title(kind: str, id_: str, name: str, lang: str) -> str:
    return f"{label(kind, lang)} {id_} — {name}"


def _indicator_grid(rows, lang: str, title_key: str) -> Grid:
    head = [label("indicator", lang), label("title", lang), label("status", lang),
            label("latest", lang), label("target", lang)]
    return Grid(label(title_key, lang), head, [
        [r.id, r.name, label(r.status, lang), latest_text(r, lang), target_text(r, lang)]
        for r in rows])


def _items_grid(items, lang: str) -> Grid:
    head = [label("item", lang), label("title", lang), label("ledger", lang),
            label("department", lang), label("due_now", lang), label("overdue_open", lang)]
    return Grid(label("linked_items", lang), head, [
        [s.id, s.title, s.ledger, s.department or label("unassigned_group", lang), str(s.due),
         str(s.overdue)] for s in items], frozenset({4, 5}))


def _item(v: ItemView, lang: str) -> tuple[str, list[Grid], list[str]]:
    item = v.item
    details = [[label("ledger", lang), v.ledger.name or v.ledger.title],
               [label("area", lang), v.area_title or item.area or "—"],
               [label("owners", lang), owners_text(item.owners)
                if item.owners.department or item.owners.leader
                else label("unassigned_group", lang)]]
    if v.stale:
        details.append([label("status", lang), label("stale", lang)])
    details += [[label(f"field_{name}", lang), _extra_text(value, lang)]
                for name, value in v.extras]
    schedule = [[str(e.quarter), e.deliverable, label(e.light, lang) if e.light else "—",
                 state_words(e.state, e.status, e.quarters_late, lang),
                 (e.done_on.isoformat() + (f" ({label('done_late', lang)})" if e.late else ""))
                 if e.done_on else "", str(e.quarters_late) if e.quarters_late else "",
                 e.evidence or "", e.cause or "", e.corrective_action or "",
                 _correction_text(e.correction)] for e in v.entries]
    grids = [
        Grid(None, ["", ""], details, show_head=False),
        Grid(label("schedule", lang), [label(k, lang) for k in (
            "in_quarter", "deliverable", "light", "state", "done_on", "late", "evidence",
            "cause", "corrective_action", "correction")],
            schedule, frozenset({5})),
        Grid(label("updates", lang), [label(k, lang) for k in ("date", "progress", "by")],
             [[u.date.isoformat(), u.text, u.by or ""] for u in v.updates]),
        _indicator_grid(v.indicators, lang, "linked_indicators"),
    ]
    return _title("kind_item", item.id, item.title, lang), grids, []


def _indicator(v: IndicatorView, lang: str) -> tuple[str, list[Grid], list[str]]:
    ind, r = v.indicator, v.row
    details = [[label("unit", lang), ind.unit],
               [label("direction", lang), label(f"direction_{ind.direction.value}", lang)],
               [label("measure", lang), label(f"measure_{ind.measure.value}", lang)],
               [label("area", lang), v.area_title or ind.area or "—"],
               [label("target", lang), target_text(r, lang)],
               [label("wording", lang), ind.target.wording or "—"],
               [label("light", lang), light_text(r.light, lang)],
               [label("status", lang), status_text(r, lang)],
               [label("latest", lang), latest_text(r, lang)],
               [label("gap_target", lang),
                gap_text(r.gap_to_target, r.target_share, r.within_tolerance, lang)],
               [label("gap_trajectory", lang),
                gap_text(r.gap_to_trajectory, r.trajectory_share, r.within_tolerance, lang)],
               [label("projected", lang), projection_text(r, lang)],
               [label("source", lang), ind.source]]
    details += [[label("official_outcomes", lang), line] for line in official_lines([r], lang)]
    details += [[label("causes", lang), line] for line in cause_lines([r], lang)]
    if ind.note:
        details.append([label("note", lang), ind.note])
    details += [[label("missing_data", lang), label(f"missing_{m}", lang)] for m in r.missing]
    values = Grid(label("values", lang), [label("period_col", lang), label("value", lang),
                  label("on_trajectory", lang)],
                  [[str(p.period), num(p.value), num(p.expected)] for p in v.points],
                  frozenset({1, 2}))
    grids = [Grid(None, ["", ""], details, show_head=False), values, _items_grid(v.items, lang)]
    lines = chart(v.points, r.goal)
    if lines:
        lines = [label("chart_legend", lang), *lines]
    return _title("kind_indicator", ind.id, ind.name, lang), grids, lines


def _group(v: GroupView, lang: str) -> tuple[str, list[Grid], list[str]]:
    details = [[label("summary", lang), v.summary]] if v.summary else []
    if v.declared is not None:
        details.append([label("entered", lang), f"{len(v.items)}/{v.declared}"])
    grids = ([Grid(None, ["", ""], details, show_head=False)] if details else []) + [
        _indicator_grid(v.indicators, lang, "linked_indicators"), _items_grid(v.items, lang)]
    return _title("kind_area" if v.kind == "area" else "ledger", v.id, v.title, lang), grids, []


def view(report: ShowReport, data_label: str, lang: str) -> View:
    s = report.subject
    build = _item if isinstance(s, ItemView) else \
        _indicator if isinstance(s, IndicatorView) else _group
    title, grids, chart_lines = build(s, lang)
    names = {_item: ["fields", "schedule", "updates", "indicators"],
             _indicator: ["fields", "values", "items"],
             _group: (["fields"] if len(grids) == 3 else []) + ["indicators", "items"]}[build]
    grids = [replace(g, name=n) for g, n in zip(grids, names)]  # CSV: --table NAME
    tables = list(grids)
    if isinstance(s, ItemView):  # CSV: the date alone in its column, "done late" apart
        tables[1] = Grid(None, [label(k, lang) for k in (
            "in_quarter", "deliverable", "state", "done_on", "done_late", "late", "evidence")],
            [[str(e.quarter), e.deliverable, label(e.state, lang),
              e.done_on.isoformat() if e.done_on else "",
              label("done_late", lang) if e.late else "",
              str(e.quarters_late) if e.quarters_late else "", e.evidence or ""]
             for e in s.entries], name="schedule")
    if isinstance(s, IndicatorView):  # CSV: 1234.5, not "1,234.5" (text in a spreadsheet)
        tables[1] = Grid(None, tables[1].head, [
            [str(p.period), csv_number(p.value), csv_number(p.expected)] for p in s.points],
            name="values")
    return View(title, header(report.as_of, report.quarter, report.final, data_label, lang),
                grids, empty=label("none", lang), chart=chart_lines, csv_tables=tables)


def _row_dict(r) -> dict:
    latest = None if r.latest is None else {"period": str(r.latest.period),
                                            "value": r.latest.value}
    if latest and r.latest.as_at is not None:
        latest["as_at"] = r.latest.as_at.isoformat()
    return {"id": r.id, "name": r.name, "status": r.status, "latest": latest, "goal": r.goal,
            **row_extras(r)}


def _summary_dict(s) -> dict:
    return {"id": s.id, "title": s.title, "ledger": s.ledger, "department": s.department,
            "due": s.due, "overdue": s.overdue}


def _subject_dict(s) -> dict:
    if isinstance(s, ItemView):
        return {"kind": "item", "id": s.item.id, "title": s.item.title, "ledger": s.ledger.id,
                "area": s.item.area, "owners": s.item.owners.model_dump(), "stale": s.stale,
                "fields": {k: v.model_dump(mode="json") if isinstance(v, Target) else v
                           for k, v in s.extras},
                "schedule": [{"quarter": str(e.quarter), "deliverable": e.deliverable,
                              "status": e.status, "state": e.state,
                              "done_on": e.done_on.isoformat() if e.done_on else None,
                              "done_late": e.late, "quarters_late": e.quarters_late,
                              "evidence": e.evidence, "light": e.light, "cause": e.cause,
                              "corrective_action": e.corrective_action,
                              "correction": e.correction.model_dump(mode="json")
                              if e.correction else None} for e in s.entries],
                "updates": [{"date": u.date.isoformat(), "text": u.text, "by": u.by}
                            for u in s.updates],
                "indicators": [_row_dict(r) for r in s.indicators]}
    if isinstance(s, IndicatorView):
        return {"kind": "indicator", **_row_dict(s.row), "unit": s.indicator.unit,
                "direction": s.indicator.direction.value, "measure": s.indicator.measure.value,
                "target": s.indicator.target.model_dump(mode="json"),
                "values": [{"period": p.period, "value": p.value, "expected": p.expected,
                            "kind": p.kind} for p in s.points],
                "missing": list(s.row.missing),
                "items": [_summary_dict(i) for i in s.items]}
    return {"kind": s.kind, "id": s.id, "title": s.title, "summary": s.summary,
            "declared": s.declared, "indicators": [_row_dict(r) for r in s.indicators],
            "items": [_summary_dict(i) for i in s.items]}


def to_dict(report: ShowReport, data_dir: str) -> dict:
    """JSON shape, version 1: ``subject.kind`` is item, indicator, area or ledger."""
    return {"version": 1, "report": "show", "data": data_dir, "as_of": report.as_of.isoformat(),
            "quarter": str(report.quarter), "final": report.final,
            "subject": _subject_dict(report.subject)}
