"""Print a :class:`~plan_cli.reports.gaps.GapsReport`."""

from __future__ import annotations

from ..model import Measure, Op
from ..reports.filters import Filters
from ..reports.gaps import GapRow, GapsReport
from .labels import label
from .output import Grid, View, csv_number, filters_dict, header, num, share


def target_text(row: GapRow, lang: str) -> str:
    """The target in words: 'about 2.8', '2x baseline = 10', 'rank 1', 'about 5 a year'."""
    v = num(row.target_value)
    if row.measure is Measure.rank and row.op is Op.at_most:
        text = label("op_rank_first" if row.target_value == 1 else "op_rank", lang, v=v)
    elif row.op is Op.multiple_of_baseline:
        key = "op_multiple_unknown" if row.goal is None else "op_multiple_of_baseline"
        text = label(key, lang, f=v, v=num(row.goal))
    else:
        text = label(f"op_{row.op.value}", lang, v=v)
    if row.measure is Measure.annual_growth:
        text = label("op_growth", lang, op=text)
    return f"{text} ({row.target_period})"


def period_text(fig, lang: str) -> str:
    """A figure's period, with the day when it is not the period's end (2024, as at 08-31)."""
    if getattr(fig, "as_at", None) is not None:
        return label("as_at_day", lang, period=fig.period, day=fig.as_at.isoformat())
    return str(fig.period)


def _figure(fig, lang: str = "en") -> str:
    return "—" if fig is None else f"{num(fig.value)} ({period_text(fig, lang)})"


def light_text(light: str | None, lang: str) -> str:
    return label(light, lang) if light else "—"


def status_text(row: GapRow, lang: str) -> str:
    """The computed status, and an officially reported outcome beside it."""
    text = label(row.status, lang)
    if row.within_tolerance:
        text += " · " + label("within_tolerance", lang)
    if row.official is not None:
        text += " · " + label(f"official_{row.official.verdict}", lang)
    return text


def projection_text(row: GapRow, lang: str) -> str:
    """The projected end value and the pace still needed (annual growth: the rate needed)."""
    p = row.projection
    if p is None:
        return "—"
    parts = [num(p.value) if p.value is not None else label("no_trend", lang)]
    if p.required_pace is not None:
        key = "needs_rate" if p.method == "growth" else "needs_pace"
        parts.append(label(key, lang, v=num(p.required_pace)))
    return "; ".join(parts)


def official_lines(rows, lang: str) -> list[str]:
    """One line per officially reported outcome, with its words and its source."""
    return [label("official_line", lang, name=r.name, verdict=label(
        f"official_{r.official.verdict}", lang), wording=r.official.wording,
        day=r.official.stated_on.isoformat() if r.official.stated_on else "—",
        source=r.official.source) for r in rows if r.official is not None]


def cause_lines(rows, lang: str) -> list[str]:
    """原因 / 整改措施 recorded on indicators' latest actuals."""
    return [f"{r.name}: {label('cause', lang)}: {r.cause or '—'}; "
            f"{label('corrective_action', lang)}: {r.corrective_action or '—'}"
            for r in rows if r.cause or r.corrective_action]


def latest_text(row: GapRow, lang: str) -> str:
    if row.latest is None:
        return "—"
    if row.growth_since is not None and row.growth_since != row.latest.period:
        span = label("growth_avg", lang, first=row.growth_since, last=row.latest.period)
        return f"{num(row.latest.value)} ({span})"
    return _figure(row.latest, lang)


def gap_text(value: float | None, part: float | None, within: bool = False,
             lang: str = "en") -> str:
    if within:  # met thanks to the 左右 tolerance: never "met" and "short" at once
        return label("within_tolerance", lang)
    if value is None:
        return "—"
    return f"{num(value)} ({share(part)})" if part is not None else num(value)


def view(report: GapsReport, data_label: str, lang: str, filters: Filters) -> View:
    head = [label("indicator", lang), label("light", lang), label("status", lang),
            label("baseline", lang), label("latest", lang), label("expected", lang),
            label("target", lang), label("gap_target", lang), label("gap_trajectory", lang),
            label("projected", lang)]
    rows = [[f"{r.name} ({r.unit})", light_text(r.light, lang), status_text(r, lang),
             _figure(r.baseline, lang), latest_text(r, lang), num(r.expected),
             target_text(r, lang),
             gap_text(r.gap_to_target, r.target_share, r.within_tolerance, lang),
             gap_text(r.gap_to_trajectory, r.trajectory_share, r.within_tolerance, lang),
             projection_text(r, lang)] for r in report.rows]
    missing = [f"{r.name} [{r.id}]: " + ("、" if lang == "zh" else ", ").join(
        label(f"missing_{m}", lang) for m in r.missing) for r in report.rows if r.missing]
    grids = [Grid(None, head, rows, frozenset({5, 7, 8}))]
    if missing:
        grids.append(Grid(label("missing_data", lang), [label("indicator", lang)],
                          [[m] for m in missing]))
    causes = [[r.name, r.cause or "—", r.corrective_action or "—"] for r in report.rows
              if r.cause or r.corrective_action]
    if causes:
        grids.append(Grid(label("causes", lang), [label("indicator", lang), label("cause", lang),
                          label("corrective_action", lang)], causes))
    official = official_lines(report.rows, lang)
    if official:
        grids.append(Grid(label("official_outcomes", lang), [label("indicator", lang)],
                          [[line] for line in official]))
    return View(f"{label('gaps_title', lang)} — {report.plan_title}",
                header(report.as_of, report.quarter, report.final, data_label, lang, filters),
                grids, [label("gaps_hint", lang)], empty=label("no_indicators", lang),
                csv_tables=[csv_table(report, lang)])


def _pct(value: float | None) -> str:
    return "" if value is None else csv_number(round(value * 100, 4))


def csv_table(report: GapsReport, lang: str) -> Grid:
    """CSV for spreadsheets: one table with the id (for `plan show`), every number alone
    in its own column (value, period, share) so the columns can be summed and charted
    (71.42 (2021) would be text), and what is missing on each row."""
    def w(key: str, suffix: str = "") -> str:
        return label(key, lang) + suffix

    head = [w("id"), w("indicator"), w("unit"), w("light"), w("status"),
            w("within_tolerance"), w("official_outcome"),
            w("baseline"), w("baseline", f" ({w('period_col')})"),
            w("latest"), w("latest", f" ({w('period_col')})"), w("expected"),
            w("target"), w("target", f" ({w('value')})"), w("target", f" ({w('period_col')})"),
            w("gap_target"), w("gap_target", " (%)"),
            w("gap_trajectory"), w("gap_trajectory", " (%)"), w("projected"),
            w("required_pace"), w("missing_data"), w("cause"), w("corrective_action")]
    joiner = "、" if lang == "zh" else ", "
    rows = [[r.id, r.name, r.unit, label(r.light, lang) if r.light else "",
             label(r.status, lang), label("within_tolerance", lang) if r.within_tolerance else "",
             label(f"official_{r.official.verdict}", lang) if r.official is not None else "",
             csv_number(r.baseline.value) if r.baseline else "",
             str(r.baseline.period) if r.baseline else "",
             csv_number(r.latest.value) if r.latest else "",
             str(r.latest.period) if r.latest else "", csv_number(r.expected),
             target_text(r, lang), csv_number(r.goal if r.goal is not None else r.target_value),
             str(r.target_period), csv_number(r.gap_to_target), _pct(r.target_share),
             csv_number(r.gap_to_trajectory), _pct(r.trajectory_share),
             csv_number(r.projection.value) if r.projection else "",
             csv_number(r.projection.required_pace) if r.projection else "",
             joiner.join(label(f"missing_{m}", lang) for m in r.missing),
             r.cause or "", r.corrective_action or ""]
            for r in report.rows]
    return Grid(None, head, rows, name="gaps")


def _figure_dict(fig) -> dict | None:
    if fig is None:
        return None
    out = {"period": str(fig.period), "value": fig.value}
    if getattr(fig, "as_at", None) is not None:
        out["as_at"] = fig.as_at.isoformat()
    return out


def row_extras(r: GapRow) -> dict:
    """The keys every indicator row carries in JSON beyond version 1's first shape."""
    p = r.projection
    return {
        "light": r.light, "within_tolerance": r.within_tolerance,
        "projection": None if p is None else {
            "method": p.method, "points": p.points, "value": p.value,
            "required_pace": p.required_pace, "remaining_years": p.remaining_years,
            "reaches_target": p.reaches},
        "official_outcome": None if r.official is None else r.official.model_dump(mode="json"),
        "cause": r.cause, "corrective_action": r.corrective_action,
    }


def to_dict(report: GapsReport, data_dir: str, filters: Filters) -> dict:
    """JSON shape, version 1: one entry per indicator, worst first; numbers unrounded."""
    return {
        "version": 1, "report": "gaps", "data": data_dir, "as_of": report.as_of.isoformat(),
        "quarter": str(report.quarter), "final": report.final, "filters": filters_dict(filters),
        "indicators": [{
            "id": r.id, "name": r.name, "area": r.area, "unit": r.unit,
            "direction": r.direction.value, "measure": r.measure.value, "status": r.status,
            "target": {"op": r.op.value, "value": r.target_value,
                       "period": str(r.target_period), "wording": r.wording, "goal": r.goal},
            "baseline": _figure_dict(r.baseline), "latest": _figure_dict(r.latest),
            "growth_since": r.growth_since, "expected": r.expected,
            "gap_to_target": r.gap_to_target, "gap_to_target_share": r.target_share,
            "gap_to_trajectory": r.gap_to_trajectory,
            "gap_to_trajectory_share": r.trajectory_share, "missing": list(r.missing),
            **row_extras(r),
        } for r in report.rows],
    }
