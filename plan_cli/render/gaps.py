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


def _figure(fig) -> str:
    return "—" if fig is None else f"{num(fig.value)} ({fig.period})"


def latest_text(row: GapRow, lang: str) -> str:
    if row.latest is None:
        return "—"
    if row.growth_since is not None and row.growth_since != row.latest.period:
        span = label("growth_avg", lang, first=row.growth_since, last=row.latest.period)
        return f"{num(row.latest.value)} ({span})"
    return _figure(row.latest)


def gap_text(value: float | None, part: float | None) -> str:
    if value is None:
        return "—"
    return f"{num(value)} ({share(part)})" if part is not None else num(value)


def view(report: GapsReport, data_label: str, lang: str, filters: Filters) -> View:
    head = [label("indicator", lang), label("status", lang), label("baseline", lang),
            label("latest", lang), label("expected", lang), label("target", lang),
            label("gap_target", lang), label("gap_trajectory", lang)]
    rows = [[f"{r.name} ({r.unit})", label(r.status, lang), _figure(r.baseline),
             latest_text(r, lang), num(r.expected), target_text(r, lang),
             gap_text(r.gap_to_target, r.target_share),
             gap_text(r.gap_to_trajectory, r.trajectory_share)] for r in report.rows]
    missing = [f"{r.name} [{r.id}]: " + ("、" if lang == "zh" else ", ").join(
        label(f"missing_{m}", lang) for m in r.missing) for r in report.rows if r.missing]
    grids = [Grid(None, head, rows, frozenset({4, 6, 7}))]
    if missing:
        grids.append(Grid(label("missing_data", lang), [label("indicator", lang)],
                          [[m] for m in missing]))
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

    head = [w("id"), w("indicator"), w("unit"), w("status"),
            w("baseline"), w("baseline", f" ({w('period_col')})"),
            w("latest"), w("latest", f" ({w('period_col')})"), w("expected"),
            w("target"), w("target", f" ({w('value')})"), w("target", f" ({w('period_col')})"),
            w("gap_target"), w("gap_target", " (%)"),
            w("gap_trajectory"), w("gap_trajectory", " (%)"), w("missing_data")]
    joiner = "、" if lang == "zh" else ", "
    rows = [[r.id, r.name, r.unit, label(r.status, lang),
             csv_number(r.baseline.value) if r.baseline else "",
             str(r.baseline.period) if r.baseline else "",
             csv_number(r.latest.value) if r.latest else "",
             str(r.latest.period) if r.latest else "", csv_number(r.expected),
             target_text(r, lang), csv_number(r.goal if r.goal is not None else r.target_value),
             str(r.target_period), csv_number(r.gap_to_target), _pct(r.target_share),
             csv_number(r.gap_to_trajectory), _pct(r.trajectory_share),
             joiner.join(label(f"missing_{m}", lang) for m in r.missing)]
            for r in report.rows]
    return Grid(None, head, rows, name="gaps")


def _figure_dict(fig) -> dict | None:
    return None if fig is None else {"period": str(fig.period), "value": fig.value}


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
        } for r in report.rows],
    }
